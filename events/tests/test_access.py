"""events.access for every role, allowed and refused, and the same rules through the pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from events.access import (
    access_competitor,
    access_event,
    access_professional_class,
    access_registration,
    host_choices,
)
from events.models import Competitor, GroupRegistration
from events.services import professional_class_create
from events.tests.factories import make_event, register, world

pytestmark = pytest.mark.django_db

# who, reads the event, changes it (and sees and handles its groups)
ROLES = [
    ("admin", True, True),
    ("coordinator", True, True),
    ("representative", True, True),
    ("other_representative", True, False),
    ("observer", True, False),
    ("outsider", False, False),
    ("anonymous", False, False),
]


@pytest.fixture
def w():
    w = world()
    w["registration"] = register(w["slot"])
    championship = make_event(cluster=w["cluster"], host=w["college"], kind_code="championship")
    w["competitor"] = Competitor.objects.create(
        event=championship, full_name="Петров Пётр", organization_name="ТТВТС", consent=True
    )
    w["class"] = professional_class_create(
        cluster=w["cluster"],
        actor=None,
        school_name="МАОУ СОШ № 5",
        municipality="г. Томск",
        grade=9,
        academic_year="2023-2024",
        college=w["college"],
        enterprise=w["enterprise"],
        profile="Железнодорожный транспорт",
        pupils=25,
        sessions_planned=8,
    )
    return w


def outcome(function, user, pk, **kwargs):
    try:
        function(user, pk, **kwargs)
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


@pytest.mark.parametrize(("who", "reads", "changes"), ROLES)
def test_access_event(w, who, reads, changes):
    user, pk = w[who], w["event"].pk
    assert outcome(access_event, user, pk) == ("ok" if reads else "404")
    expected = "ok" if changes else ("403" if reads else "404")
    assert outcome(access_event, user, pk, for_change=True) == expected


@pytest.mark.parametrize(("who", "reads", "changes"), ROLES)
def test_access_registration_only_for_those_who_manage_the_event(w, who, reads, changes):
    expected = "ok" if changes else ("403" if reads else "404")
    assert outcome(access_registration, w[who], w["registration"].pk, for_change=True) == expected


@pytest.mark.parametrize(("who", "reads", "changes"), ROLES)
def test_only_an_administrator_erases_a_person(w, who, reads, changes):
    pk = w["competitor"].pk
    seen = outcome(access_competitor, w[who], pk)
    assert seen == ("ok" if changes else ("403" if reads else "404"))
    erase = outcome(access_competitor, w[who], pk, for_erase=True)
    assert erase == ("ok" if who == "admin" else ("403" if reads else "404"))


@pytest.mark.parametrize(("who", "reads", "changes"), ROLES)
def test_access_professional_class(w, who, reads, changes):
    pk = w["class"].pk
    assert outcome(access_professional_class, w[who], pk) == ("ok" if reads else "404")
    expected = "ok" if changes else ("403" if reads else "404")
    assert outcome(access_professional_class, w[who], pk, for_change=True) == expected


def test_hosts_a_user_may_name(w):
    cluster = w["cluster"]
    everyone = {w["college"], w["other"], w["enterprise"]}
    assert set(host_choices(w["coordinator"], cluster)) == everyone
    assert set(host_choices(w["admin"], cluster)) == everyone
    assert list(host_choices(w["representative"], cluster)) == [w["college"]]
    assert not host_choices(w["observer"], cluster).exists()
    assert not host_choices(w["outsider"], cluster).exists()


PAGE_STATUS = {
    # who: (event page, confirm a group, add an event page, the cluster's list)
    "admin": (200, 302, 200, 200),
    "coordinator": (200, 302, 200, 200),
    "representative": (200, 302, 200, 200),
    "other_representative": (200, 403, 200, 200),
    "observer": (200, 403, 403, 200),
    "outsider": (404, 404, 404, 404),
}


@pytest.mark.parametrize("who", list(PAGE_STATUS))
def test_pages_follow_the_same_rules(client, w, who):
    client.force_login(w[who])
    slug, event = w["cluster"].slug, w["event"]
    detail, confirm, create, listing = PAGE_STATUS[who]
    response = client.get(reverse("events:event_detail", args=[event.pk]))
    assert response.status_code == detail
    if detail == 200:
        page = response.content.decode()
        # Teachers' contacts only for those who handle the groups.
        assert ("teacher@example.ru" in page) is (confirm == 302)
        assert "МАОУ СОШ" in page
    action = reverse("events:event_group_action", args=[w["registration"].pk, "confirm"])
    assert client.post(action).status_code == confirm
    assert client.get(reverse("events:event_create", args=[slug])).status_code == create
    assert client.get(reverse("events:event_list", args=[slug])).status_code == listing
    w["registration"].refresh_from_db()
    confirmed = w["registration"].status == GroupRegistration.Status.CONFIRMED
    assert confirmed is (confirm == 302)


def test_anonymous_is_sent_to_sign_in_but_sees_the_public_calendar(client, w):
    slug, event = w["cluster"].slug, w["event"]
    response = client.get(reverse("events:event_detail", args=[event.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(reverse("events:events_public", args=[slug])).status_code == 200
    assert client.get(reverse("events:event_public", args=[slug, event.pk])).status_code == 200


def test_an_event_is_not_found_by_a_coordinator_of_another_cluster(client, w):
    client.force_login(w["outsider"])
    url = reverse("events:event_detail", args=[w["event"].pk])
    assert client.get(url).status_code == 404
