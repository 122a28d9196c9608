"""Refusals and missing pages are explained in Russian, not with Django's English defaults."""

import pytest
from django.urls import reverse

from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_403_and_404_pages_are_russian(client, settings):
    settings.DEBUG = False
    cluster = ClusterFactory(slug="transport")
    client.force_login(user_with_role(cluster, UserRole.Kind.OBSERVER))
    response = client.get(reverse("documents:plan_upload", args=["transport"]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Нет доступа" in page
    assert "Изменять данные кластера может только координатор." in page
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
