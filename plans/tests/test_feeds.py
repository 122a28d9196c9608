"""Private ICS feeds: what they hold, who may read them, and that a reset key stops working."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from core.services import api_token_create, calendar_token_reset
from orgs.models import UserRole
from orgs.tests.factories import ClusterFactory, member, user_with_role
from parsing.documents import ActivityRow, ObjectiveRow, PlanDocument
from plans.models import Obligation
from plans.services import plan_import

pytestmark = pytest.mark.django_db

ROWS = [
    # number, title, executors, deadline
    ("1.1", "Повышение уровня подготовки мастеров", "Руководители ПОО", "IV квартал 2023 года"),
    ("1.2", "Совещание руководителей", "ОГБПОУ «ТТВТС»", "ежеквартально"),
    ("1.3", "Консультации работодателей", "ОГБПОУ «ТТВТС»", "по мере необходимости"),
    ("1.4", "Что-то без срока", "ОГБПОУ «ТКГТ»", "когда получится"),
    ("1.5", "Профпробы", "ОГБПОУ «ТКГТ»", "с 1 по 15 октября 2023 г."),
]


def feed_document(executors: str | None = None) -> PlanDocument:
    rows = tuple(
        ActivityRow(number, title, executors or row_executors, deadline)
        for number, title, row_executors, deadline in ROWS
    )
    return PlanDocument(
        title="План работы кластера на 2023-2024 учебный год",
        approved_by="",
        edition_date=None,
        plan_year="2023-2024",
        objectives=(ObjectiveRow("1", "Задача номер 1", rows),),
    )


@pytest.fixture
def setup():
    cluster = ClusterFactory(slug="transport", short_name="Транспорт")
    ttvts = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    tkgt = member(cluster, short_name="ОГБПОУ «ТКГТ»")
    plan = plan_import(cluster=cluster, document=feed_document(), actor=None)
    representative = user_with_role(cluster, UserRole.Kind.REPRESENTATIVE, ttvts)
    return {
        "cluster": cluster,
        "plan": plan,
        "ttvts": ttvts,
        "tkgt": tkgt,
        "representative": representative,
        "key": calendar_token_reset(user=representative),
    }


def plan_url(key, plan) -> str:
    return f"/feeds/{key}/plans/{plan.pk}.ics"


def org_url(key, cluster, organization) -> str:
    return f"/feeds/{key}/organizations/{cluster.slug}/{organization.pk}.ics"


def events(response) -> list:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]).startswith("-//ClusterPlan//")
    assert str(calendar["X-WR-CALNAME"])
    return list(calendar.walk("VEVENT"))


def test_plan_feed_holds_one_event_per_obligation_due_date(client, setup):
    """The issue: the feed parses with icalendar and holds one event per obligation.

    An interval deadline is one event per obligation; a recurring one, one per occurrence
    (ежеквартально in 2023-2024: four quarter ends); as-needed and unparsed give none.
    """
    plan = setup["plan"]
    vevents = events(client.get(plan_url(setup["key"], plan)))
    counts = {"1.1": 2, "1.2": 4, "1.3": 0, "1.4": 0, "1.5": 1}  # 1.1: both colleges
    assert len(vevents) == sum(counts.values())
    interval_obligations = Obligation.objects.filter(
        activity__plan=plan, activity__deadline_kind="interval"
    )
    interval_events = [e for e in vevents if not str(e["SUMMARY"]).startswith("1.2 ")]
    assert len(interval_events) == interval_obligations.count() == 3
    uids = [str(event["UID"]) for event in vevents]
    assert len(set(uids)) == len(uids)

    first = next(e for e in vevents if str(e["SUMMARY"]).startswith("1.1 "))
    assert str(first["SUMMARY"]).startswith("1.1 Повышение уровня подготовки мастеров — ОГБПОУ")
    assert first.decoded("DTSTART") == date(2023, 12, 31)
    assert first.decoded("DTEND") == date(2024, 1, 1)
    description = str(first["DESCRIPTION"])
    assert "Исполнители: Руководители ПОО" in description
    assert "IV квартал 2023 года (01.10.2023 – 31.12.2023)" in description
    assert plan.title in description
    assert "DTSTAMP" in first

    quarterly = sorted(
        e.decoded("DTSTART") for e in vevents if str(e["SUMMARY"]).startswith("1.2 ")
    )
    assert quarterly == [
        date(2023, 9, 30),
        date(2023, 12, 31),
        date(2024, 3, 31),
        date(2024, 6, 30),
    ]


def test_uids_are_stable_between_requests(client, setup):
    url = plan_url(setup["key"], setup["plan"])
    first = sorted(str(e["UID"]) for e in events(client.get(url)))
    second = sorted(str(e["UID"]) for e in events(client.get(url)))
    assert first == second
    obligation = Obligation.objects.get(activity__number="1.5")
    assert f"obligation-{obligation.pk}-20231015@testserver" in first


def test_organization_feed_holds_only_that_organizations_obligations(client, setup):
    cluster, ttvts = setup["cluster"], setup["ttvts"]
    vevents = events(client.get(org_url(setup["key"], cluster, ttvts)))
    summaries = sorted({str(e["SUMMARY"]) for e in vevents})
    assert summaries == ["1.1 Повышение уровня подготовки мастеров", "1.2 Совещание руководителей"]
    assert len(vevents) == 1 + 4
    vevents = events(client.get(org_url(setup["key"], cluster, setup["tkgt"])))
    assert [str(e["SUMMARY"]) for e in vevents] == [
        "1.1 Повышение уровня подготовки мастеров",
        "1.5 Профпробы",
    ]


def test_feed_follows_the_current_plan(client, setup):
    url = plan_url(setup["key"], setup["plan"])
    before = len(events(client.get(url)))
    Obligation.objects.filter(activity__number="1.5").delete()
    assert len(events(client.get(url))) == before - 1


def test_wrong_or_reset_key_is_404(client, setup):
    plan, key = setup["plan"], setup["key"]
    assert client.get(plan_url(key, plan)).status_code == 200
    assert client.get(plan_url("cpc_" + "x" * 43, plan)).status_code == 404
    new_key = calendar_token_reset(user=setup["representative"])
    assert client.get(plan_url(key, plan)).status_code == 404
    assert client.get(org_url(key, setup["cluster"], setup["ttvts"])).status_code == 404
    assert client.get(plan_url(new_key, plan)).status_code == 200


def test_an_api_token_is_not_a_calendar_key(client, setup):
    _, api_key = api_token_create(user=setup["representative"], name="скрипт")
    assert client.get(plan_url(api_key, setup["plan"])).status_code == 404


def test_a_calendar_key_is_not_an_api_token(client, setup):
    response = client.get("/api/v1/plans", headers={"Authorization": f"Bearer {setup['key']}"})
    assert response.status_code == 401


def test_a_key_reads_only_what_its_owner_may_read(client, setup):
    other = ClusterFactory(slug="agro")
    college = member(other)
    other_plan = plan_import(cluster=other, document=feed_document("Руководители ПОО"), actor=None)
    key = setup["key"]
    assert client.get(plan_url(key, other_plan)).status_code == 404
    assert client.get(org_url(key, other, college)).status_code == 404
    assert client.get(org_url(key, setup["cluster"], college)).status_code == 404
    owner = setup["representative"]
    owner.is_active = False
    owner.save()
    assert client.get(plan_url(key, setup["plan"])).status_code == 404


def test_feed_queries_do_not_grow_with_obligations(client, setup, django_assert_num_queries):
    url = plan_url(setup["key"], setup["plan"])
    with django_assert_num_queries(4):  # key, plan, roles, obligations with activities
        client.get(url)
    extra = [member(setup["cluster"]) for _ in range(10)]
    Obligation.objects.bulk_create(
        Obligation(activity=activity, organization=organization, role="co_executor")
        for activity in setup["plan"].activities.all()
        for organization in extra
    )
    with django_assert_num_queries(4):
        assert len(events(client.get(url))) > 50


def test_post_is_refused(client, setup):
    assert client.post(plan_url(setup["key"], setup["plan"])).status_code == 405


def test_events_are_whole_days(client, setup):
    for event in events(client.get(plan_url(setup["key"], setup["plan"]))):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date
        assert end - start == timedelta(days=1)
