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


def test_a_form_without_its_csrf_token_is_a_russian_403_that_saves_nothing():
    """An old tab or another site's page posting here: Russian, not «CSRF verification failed»."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from orgs.tests.factories import ClusterFactory

    cluster = ClusterFactory()
    user = get_user_model().objects.create_superuser("admin-csrf", password="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    plans = cluster.plans.count()
    response = client.post(reverse("documents:plan_upload", args=[cluster.slug]), {})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Форма устарела" in text and "Ничего не сохранено" in text
    assert "CSRF verification failed" not in text and "Forbidden" not in text
    assert cluster.plans.count() == plans
