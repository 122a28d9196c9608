"""Requests Django refuses before any view get Russian pages: 413 for a body over the limit, 400
for the rest (not Django's English «Bad Request (400)»)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_is_a_russian_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2**20
    response = client.post(reverse("login"), {"username": "x" * (2**20 + 10), "password": "p"})
    assert response.status_code == 413
    text = response.content.decode()
    assert "Запрос слишком большой: сервер принимает не больше 1 МБ" in text
    assert "Ничего не сохранено" in text and "Bad Request" not in text


def test_too_many_fields_is_a_russian_400(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.post(reverse("login"), {f"f{n}": "1" for n in range(10)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Сервер не смог прочитать запрос" in text and "Bad Request" not in text
