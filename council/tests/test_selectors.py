"""Reads: assignments' standing from reporting's accepted reports, the discipline table, the
control list of an upcoming meeting, the `council.meetings_held` source, the activity panel."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from council.selectors.assignments import Standing, assignment_rows, discipline
from council.selectors.control import control_list
from council.services import (
    assignment_create,
    attendance_mark,
    decision_record,
    item_create,
    meeting_create,
    meeting_hold,
)
from council.sources import MEETINGS_HELD, meetings_held, meetings_held_bulk
from council.tests.conftest import local, marks
from plans.models import Activity, Obligation, Plan
from reporting.indicators import value_source
from reporting.models import Indicator, Report, ReportingPeriod
from reporting.services import period_create

TOMSK = ZoneInfo("Asia/Tomsk")
QUORUM = {
    "Ю.В. Дроздов",
    "Демо: Е.А. Смирнова",
    "Демо: А.П. Ковалёв",
    "Демо: О.Н. Белова",
    "Демо: С.В. Морозов",
}


def at(*args):
    return datetime(*args, tzinfo=TOMSK)


@pytest.fixture
def given(council, users, orgs):
    """A held meeting with three assignments and a quarter to report in."""
    secretary = users["secretary"]
    with time_machine.travel(at(2023, 11, 15, 12), tick=False):
        meeting = meeting_create(
            council=council, actor=secretary, starts_at=local(2023, 11, 15, 10), place="Зал"
        )
        item = item_create(meeting=meeting, actor=secretary, title="Вопрос")
        attendance_mark(meeting=meeting, actor=secretary, marks=marks(council, QUORUM))
        decision = decision_record(item=item, actor=secretary, kind="assignments", text="Поручить")

        def give(text, lead, co=(), deadline="до 15 декабря 2023 года"):
            return assignment_create(
                decision=decision,
                actor=secretary,
                text=text,
                lead=orgs[lead],
                co_executors=[orgs[name] for name in co],
                deadline_text=deadline,
            )

        first = give("Первое", "ОГБПОУ «ТТВТС»", ["ОГБПОУ «ТКГТ»"])
        second = give("Второе", "Демо: колледж 1", deadline="до 20 декабря 2023 года")
        third = give("Третье", "ОГБПОУ «ТТВТС»", deadline="до 30 апреля 2024 года")
        meeting_hold(meeting=meeting, actor=secretary)
    quarter = period_create(
        plan=first.activity.plan,
        title="IV квартал 2023 года",
        start=date(2023, 10, 1),
        end=date(2023, 12, 31),
        actor=users["coordinator"],
    )
    return {"meeting": meeting, "assignments": (first, second, third), "quarter": quarter}


def accept_done(assignment, organization, period, submitted):
    obligation = Obligation.objects.get(activity=assignment.activity, organization=organization)
    return Report.objects.create(
        obligation=obligation,
        period=period,
        state=Report.State.ACCEPTED,
        status=Report.Status.DONE,
        text="Сделано",
        submitted_at=submitted,
        reviewed_at=submitted,
    )


def test_standing_comes_from_accepted_reports_and_dates(given, council, orgs):
    first = given["assignments"][0]
    accept_done(first, orgs["ОГБПОУ «ТТВТС»"], given["quarter"], at(2023, 12, 10, 15))
    accept_done(first, orgs["ОГБПОУ «ТКГТ»"], given["quarter"], at(2023, 12, 20, 15))
    rows = {
        row.assignment.text: row
        for row in assignment_rows(council=council, today=date(2024, 1, 10))
    }
    standings = {
        (text, e.organization_name): e.standing for text, row in rows.items() for e in row.executors
    }
    assert standings == {
        ("Первое", "ОГБПОУ «ТТВТС»"): Standing.ON_TIME,
        ("Первое", "ОГБПОУ «ТКГТ»"): Standing.LATE,
        ("Второе", "Демо: колледж 1"): Standing.OVERDUE,
        ("Третье", "ОГБПОУ «ТТВТС»"): Standing.OPEN,
    }
    assert rows["Первое"].standing == Standing.LATE
    assert rows["Первое"].executors[0].done_on == date(2023, 12, 10)

    only_tkgt = assignment_rows(
        council=council, today=date(2024, 1, 10), organization_id=orgs["ОГБПОУ «ТКГТ»"].pk
    )
    assert [row.assignment.text for row in only_tkgt] == ["Первое"]
    only_ttvts = assignment_rows(
        council=council, today=date(2024, 1, 10), organization_id=orgs["ОГБПОУ «ТТВТС»"].pk
    )
    assert sorted(row.assignment.text for row in only_ttvts) == ["Первое", "Третье"]


def test_discipline_by_organization(given, council, orgs):
    first, _, _ = given["assignments"]
    accept_done(first, orgs["ОГБПОУ «ТТВТС»"], given["quarter"], at(2023, 12, 10, 15))
    report = discipline(council=council, today=date(2024, 1, 10))
    table = {
        row.organization_name: (row.total, row.on_time, row.late, row.overdue, row.open)
        for row in report.rows
    }
    assert table == {
        "ОГБПОУ «ТТВТС»": (2, 1, 0, 0, 1),
        "ОГБПОУ «ТКГТ»": (1, 0, 0, 1, 0),
        "Демо: колледж 1": (1, 0, 0, 1, 0),
    }
    assert [row.organization_name for row in report.rows][-1] == "ОГБПОУ «ТТВТС»"  # overdue first
    assert (report.total.total, report.total.overdue) == (4, 2)
    assert report.rows[-1].on_time_percent == 100  # of what is due or done


def test_removed_assignments_leave_the_table(given, council, users):
    from council.services import assignment_remove_from_control

    _, second, _ = given["assignments"]
    assignment_remove_from_control(assignment=second, actor=users["coordinator"], note="Отменено")
    report = discipline(council=council, today=date(2024, 1, 10))
    assert "Демо: колледж 1" not in {row.organization_name for row in report.rows}
    everything = assignment_rows(council=council, today=date(2024, 1, 10), include_removed=True)
    assert len(everything) == 3


def test_control_list_shows_overdue_and_due_soon_but_not_done(given, council, orgs):
    first, second, third = given["assignments"]
    control = control_list(cluster=council.cluster, reference=date(2023, 12, 10))
    due_soon = {activity.pk for activity in control.due_soon}
    overdue = {activity.number for activity in control.overdue}
    assert {first.activity_id, second.activity_id} <= due_soon
    assert third.activity_id not in due_soon | {a.pk for a in control.overdue}
    assert "2.1" in overdue  # «октябрь 2023 года» of the seed plan
    assert all(a.is_assignment for a in control.due_soon if a.pk in (first.activity_id,))

    for organization in ("ОГБПОУ «ТТВТС»", "ОГБПОУ «ТКГТ»"):
        accept_done(first, orgs[organization], given["quarter"], at(2023, 12, 5, 15))
    control = control_list(cluster=council.cluster, reference=date(2023, 12, 10))
    assert first.activity_id not in {activity.pk for activity in control.due_soon}
    assert second.activity_id in {activity.pk for activity in control.due_soon}


def test_meetings_held_feed_activity_1_1(given, council, orgs):
    source = value_source(MEETINGS_HELD)
    assert source is not None and source.bulk is meetings_held_bulk
    indicator = Indicator.objects.get(source=MEETINGS_HELD)
    assert indicator.activity.number == "1.1"
    work_plan = indicator.plan
    autumn = ReportingPeriod(
        pk=1,
        plan=work_plan,
        start=date(2023, 10, 1),
        end=date(2023, 12, 31),
        due_date=date(2024, 1, 10),
    )
    winter = ReportingPeriod(
        pk=2,
        plan=work_plan,
        start=date(2024, 1, 1),
        end=date(2024, 3, 31),
        due_date=date(2024, 4, 10),
    )
    the_council = orgs["Координационный совет"]
    assert meetings_held(indicator, the_council, autumn) == Decimal(1)
    assert meetings_held(indicator, the_council, winter) is None
    assert meetings_held(indicator, orgs["ОГБПОУ «ТТВТС»"], autumn) is None
    bulk = meetings_held_bulk(indicator, [the_council, orgs["ОГБПОУ «ТТВТС»"]], [autumn, winter])
    assert bulk == {(the_council.pk, 1): Decimal(1), (the_council.pk, 2): None}


def test_activity_pages_show_the_council_panel(given, client, users):
    client.force_login(users["observer"])
    work_plan = Plan.objects.get(kind=Plan.Kind.WORK_PLAN)
    meetings_page = client.get(
        reverse(
            "plans:activity_detail", args=[Activity.objects.get(plan=work_plan, number="1.1").pk]
        )
    )
    assert "Заседания совета за 2023-2024" in meetings_page.text
    assert "Заседание № 1 от 15.11.2023" in meetings_page.text
    other = client.get(
        reverse(
            "plans:activity_detail", args=[Activity.objects.get(plan=work_plan, number="2.1").pk]
        )
    )
    assert (
        "Заседания совета" not in other.text
        and "Поручение Координационного совета" not in other.text
    )
    first = given["assignments"][0]
    assignment_page = client.get(reverse("plans:activity_detail", args=[first.activity_id]))
    assert "Поручение Координационного совета" in assignment_page.text
    assert "протоколом № 1 от 15.11.2023" in assignment_page.text
