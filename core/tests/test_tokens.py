"""API tokens and calendar keys: what is stored, checks, revocation, and the profile page."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from core.models import ApiToken, CalendarToken
from core.services import (
    api_token_check,
    api_token_create,
    api_token_revoke,
    calendar_token_check,
    calendar_token_reset,
)
from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, UserFactory, member, user_with_role
from plans.services import plan_import
from plans.tests.factories import plan_document

pytestmark = pytest.mark.django_db


# --- Services ----------------------------------------------------------------------------------


def test_api_token_stores_only_a_hash_and_a_short_prefix():
    user = UserFactory()
    token, raw_key = api_token_create(user=user, name="  Выгрузка   в 1С ")
    assert raw_key.startswith("cpa_")
    assert len(raw_key) > 40
    assert token.name == "Выгрузка в 1С"
    assert token.key_hash == hashlib.sha256(raw_key.encode()).hexdigest()
    assert raw_key.startswith(token.prefix)
    assert len(token.prefix) == 10
    stored = [str(value) for row in ApiToken.objects.values() for value in row.values()]
    assert raw_key not in stored


def test_api_token_needs_a_name():
    with pytest.raises(ValidationError) as error:
        api_token_create(user=UserFactory(), name="   ")
    assert "Укажите" in error.value.messages[0]


def test_api_tokens_per_user_are_limited():
    user = UserFactory()
    for number in range(20):
        api_token_create(user=user, name=f"ключ {number}")
    with pytest.raises(ValidationError) as error:
        api_token_create(user=user, name="ещё один")
    assert "Отзовите ненужные" in error.value.messages[0]
    api_token_revoke(token=ApiToken.objects.filter(user=user).first(), actor=user)
    api_token_create(user=user, name="ещё один")


def test_api_token_check_finds_the_user_and_notes_use():
    user = UserFactory()
    token, raw_key = api_token_create(user=user, name="скрипт")
    assert token.last_used_at is None
    assert api_token_check(raw_key=raw_key) == user
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    assert api_token_check(raw_key=raw_key) == user  # within a minute: not written again
    token.refresh_from_db()
    assert token.last_used_at == first_use
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        api_token_check(raw_key=raw_key)
    token.refresh_from_db()
    assert token.last_used_at > first_use


@pytest.mark.parametrize("raw_key", ["", "cpa_", "cpa_wrong", "cpc_" + "a" * 43, "x" * 1000])
def test_api_token_check_refuses_unknown_keys(raw_key):
    api_token_create(user=UserFactory(), name="скрипт")
    assert api_token_check(raw_key=raw_key) is None


def test_revoked_token_and_inactive_user_are_refused():
    user = UserFactory()
    token, raw_key = api_token_create(user=user, name="скрипт")
    api_token_revoke(token=token, actor=user)
    assert token.revoked_at is not None
    assert api_token_check(raw_key=raw_key) is None
    revoked_at = token.revoked_at
    api_token_revoke(token=token, actor=user)  # twice changes nothing
    assert token.revoked_at == revoked_at

    other = UserFactory()
    _, other_key = api_token_create(user=other, name="скрипт")
    other.is_active = False
    other.save()
    assert api_token_check(raw_key=other_key) is None


def test_only_the_owner_or_an_administrator_revokes():
    owner = UserFactory()
    token, raw_key = api_token_create(user=owner, name="скрипт")
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, actor=UserFactory())
    assert api_token_check(raw_key=raw_key) == owner
    api_token_revoke(token=token, actor=UserFactory(is_superuser=True))
    assert api_token_check(raw_key=raw_key) is None


def test_calendar_reset_keeps_one_active_key():
    user = UserFactory()
    first = calendar_token_reset(user=user)
    assert first.startswith("cpc_")
    assert calendar_token_check(raw_key=first) == user
    second = calendar_token_reset(user=user)
    assert calendar_token_check(raw_key=first) is None
    assert calendar_token_check(raw_key=second) == user
    assert CalendarToken.objects.filter(user=user).count() == 2
    assert CalendarToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1


def test_database_refuses_two_active_calendar_keys():
    user = UserFactory()
    calendar_token_reset(user=user)
    with pytest.raises(IntegrityError):
        CalendarToken.objects.create(user=user, prefix="cpc_x", key_hash="0" * 64)


def test_keys_of_one_kind_do_not_open_the_other():
    user = UserFactory()
    _, api_key = api_token_create(user=user, name="скрипт")
    calendar_key = calendar_token_reset(user=user)
    assert calendar_token_check(raw_key=api_key) is None
    assert api_token_check(raw_key=calendar_key) is None


def test_administrator_revokes_keys_in_the_admin(client):
    owner = UserFactory()
    token, raw_key = api_token_create(user=owner, name="Забытый скрипт")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    changelist = reverse("admin:core_apitoken_changelist")
    page = client.get(changelist).content.decode()
    assert "Забытый скрипт" in page
    assert raw_key not in page
    client.post(changelist, {"action": "revoke", "_selected_action": [token.pk]})
    assert api_token_check(raw_key=raw_key) is None
    assert client.get(reverse("admin:core_apitoken_add")).status_code == 403


# --- Profile page ------------------------------------------------------------------------------


@pytest.fixture
def representative():
    cluster = ClusterFactory(slug="transport", short_name="Транспорт")
    college = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    plan_import(cluster=cluster, document=plan_document((1,)), actor=None)
    return user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, college)


def test_profile_needs_a_login(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_top_bar_links_to_the_profile(client, representative):
    client.force_login(representative)
    page = client.get(reverse("orgs:home"), follow=True).content.decode()
    assert f'href="{reverse("profile")}"' in page


def test_profile_creates_a_token_and_shows_the_key_once(client, representative):
    client.force_login(representative)
    page = client.get(reverse("profile")).content.decode()
    assert "нет действующих ключей" in page

    response = client.post(reverse("api_token_create"), {"name": "Выгрузка"})
    page = response.content.decode()
    token = ApiToken.objects.get(user=representative)
    key = next(word for word in page.replace('"', " ").split() if word.startswith("cpa_"))
    assert api_token_check(raw_key=key) == representative
    assert "показывается один раз" in page

    page = client.get(reverse("profile")).content.decode()
    assert key not in page
    assert token.prefix in page
    assert "Выгрузка" in page


def test_profile_refuses_a_token_without_a_name(client, representative):
    client.force_login(representative)
    response = client.post(reverse("api_token_create"), {"name": " "})
    assert response.status_code == 400
    assert "Укажите" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_profile_revokes_own_token_only(client, representative):
    token, raw_key = api_token_create(user=representative, name="Старый скрипт")
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert api_token_check(raw_key=raw_key) == representative

    client.force_login(representative)
    response = client.post(reverse("api_token_revoke", args=[token.pk]), follow=True)
    assert "отозван" in response.content.decode()
    assert api_token_check(raw_key=raw_key) is None
    assert client.get(reverse("api_token_revoke", args=[token.pk])).status_code == 405


def test_profile_gives_calendar_links_for_plans_and_organizations(client, representative):
    client.force_login(representative)
    page = client.get(reverse("profile")).content.decode()
    assert "Получить ссылки на календари" in page
    assert "/feeds/" not in page

    page = client.post(reverse("calendar_token_reset")).content.decode()
    token = CalendarToken.objects.get(user=representative, revoked_at__isnull=True)
    plan = representative.cluster_roles.get().cluster.plans.get()
    college = representative.cluster_roles.get().organization
    plan_path = f"/feeds/{token.prefix}"
    assert plan_path in page
    assert f"/plans/{plan.pk}.ics" in page
    assert f"/organizations/transport/{college.pk}.ics" in page
    assert "webcal://" in page
    feed_url = next(
        word
        for word in page.replace('"', " ").split()
        if word.startswith("http://testserver/feeds/")
    )
    response = client.get(feed_url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")

    page = client.post(reverse("calendar_token_reset")).content.decode()
    assert "старые больше не работают" in page
    assert client.get(feed_url.removeprefix("http://testserver")).status_code == 404


def test_profile_costs_a_fixed_number_of_queries(client, representative, django_assert_num_queries):
    client.force_login(representative)
    client.get(reverse("profile"))
    # session, user, tokens, calendar key, roles, clusters, plans, memberships
    with django_assert_num_queries(8):
        client.get(reverse("profile"))
    for _ in range(5):
        api_token_create(user=representative, name="ещё один")
    cluster = representative.cluster_roles.get().cluster
    for _ in range(5):
        member(cluster)
    with django_assert_num_queries(8):
        assert client.get(reverse("profile")).status_code == 200
