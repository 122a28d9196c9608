from datetime import date

import pytest

from orgs.tests.factories import ClusterFactory, member
from parsing.documents import ActivityRow, ObjectiveRow
from plans.models import Activity
from plans.selectors import (
    ActivityFilters,
    State,
    activity_queryset,
    activity_state,
    next_due,
    obligation_rows,
    organization_obligation_list,
    page_rows,
    plan_periods,
    timeline,
)
from plans.services import plan_import
from plans.tests.factories import plan_document


def activity(kind, start=None, end=None, every=""):
    return Activity(
        deadline_kind=kind, deadline_start=start, deadline_end=end, deadline_every=every
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 9, 15), State.NOT_STARTED),
        (date(2023, 10, 1), State.IN_PROGRESS),
        (date(2023, 10, 17), State.DUE_SOON),
        (date(2023, 10, 31), State.DUE_SOON),
        (date(2023, 11, 1), State.OVERDUE),
    ],
)
def test_interval_state_against_today(today, expected):
    october = activity("interval", date(2023, 10, 1), date(2023, 10, 31))
    assert activity_state(october, today) == expected


def test_recurring_is_due_soon_before_each_occurrence():
    monthly = activity("recurring", date(2023, 9, 1), date(2024, 8, 31), "month")
    assert next_due(monthly, date(2023, 11, 3)) == date(2023, 11, 30)
    assert activity_state(monthly, date(2023, 11, 3)) == State.IN_PROGRESS
    assert activity_state(monthly, date(2023, 11, 20)) == State.DUE_SOON
    assert activity_state(monthly, date(2024, 9, 1)) == State.OVERDUE


def test_as_needed_is_never_overdue_and_unparsed_is_flagged():
    assert activity_state(activity("as_needed"), date(2030, 1, 1)) == State.AS_NEEDED
    assert activity_state(activity("unparsed"), date(2030, 1, 1)) == State.UNPARSED


@pytest.mark.django_db
def test_plan_periods_cover_the_academic_year():
    cluster = ClusterFactory()
    member(cluster)
    plan = plan_import(cluster=cluster, document=plan_document(), actor=None)
    periods = {period.code: period for period in plan_periods(plan)}
    assert list(periods)[:4] == ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2"]
    assert periods["2023-Q4"].label == "IV квартал 2023"
    assert (periods["2024-05"].start, periods["2024-05"].end) == (
        date(2024, 5, 1),
        date(2024, 5, 31),
    )
    assert len([code for code in periods if "Q" not in code]) == 12


@pytest.fixture
def plan_with_two_colleges(db):
    cluster = ClusterFactory()
    ttvts = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    tkgt = member(cluster, short_name="ОГБПОУ «ТКГТ»")
    document = plan_document((2,), executors="ОГБПОУ «ТТВТС»", deadline="октябрь 2023 года")
    plan = plan_import(cluster=cluster, document=document, actor=None)
    extra = plan_document((1,), executors="ОГБПОУ «ТКГТ»", deadline="май 2024 года")
    other_plan = plan_import(cluster=cluster, document=extra, actor=None, year_label="2024")
    return plan, other_plan, ttvts, tkgt


def test_filters_by_organization_text_and_period(plan_with_two_colleges):
    plan, _, ttvts, tkgt = plan_with_two_colleges
    periods = {period.code: period for period in plan_periods(plan)}

    def numbers(**filters):
        rows = activity_queryset(
            plan=plan, filters=ActivityFilters(**filters), today=date(2023, 9, 1)
        )
        return [a.number for a in page_rows(rows, date(2023, 9, 1))]

    assert numbers() == ["1.1", "1.2"]
    assert numbers(organization=ttvts) == ["1.1", "1.2"]
    assert numbers(organization=tkgt) == []
    assert numbers(q="МЕРОПРИЯТИЕ 1.2") == ["1.2"]
    assert numbers(period=periods["2023-10"]) == ["1.1", "1.2"]
    assert numbers(period=periods["2023-Q4"]) == ["1.1", "1.2"]
    assert numbers(period=periods["2023-11"]) == []


def test_state_filter_keeps_matching_activities(plan_with_two_colleges):
    plan = plan_with_two_colleges[0]

    def ids(state):
        return list(
            activity_queryset(
                plan=plan, filters=ActivityFilters(state=state), today=date(2023, 10, 20)
            ).values_list("pk", flat=True)
        )

    assert len(ids(State.DUE_SOON)) == 2
    assert ids(State.OVERDUE) == []


def test_organization_obligations_sorted_by_due_date(plan_with_two_colleges):
    plan, other_plan, ttvts, tkgt = plan_with_two_colleges

    def owed_by(organization):
        today = date(2024, 1, 1)
        owed = organization_obligation_list(
            cluster=plan.cluster, organization=organization, today=today
        )
        return obligation_rows(owed, today)

    owed = owed_by(tkgt)
    assert [(o.activity.plan_id, o.activity.number) for o in owed] == [(other_plan.pk, "1.1")]
    assert [o.activity.due for o in owed_by(ttvts)] == [date(2023, 10, 31)] * 2


@pytest.mark.django_db
def test_obligations_come_soonest_first_and_as_needed_last():
    cluster = ClusterFactory()
    college = member(cluster, short_name="ОГБПОУ «ТТВТС»")
    rows = tuple(
        ActivityRow(f"1.{n}", f"Мероприятие {n}", "ОГБПОУ «ТТВТС»", deadline)
        for n, deadline in enumerate(
            ["По мере необходимости", "май 2024 года", "ежемесячно", "октябрь 2023 года"], start=1
        )
    )
    document = plan_document()
    document = type(document)(
        **{**document.__dict__, "objectives": (ObjectiveRow("1", "Задача", rows),)}
    )
    plan_import(cluster=cluster, document=document, actor=None)
    today = date(2023, 10, 10)
    owed = obligation_rows(
        organization_obligation_list(cluster=cluster, organization=college, today=today), today
    )
    assert [(o.activity.number, o.activity.due) for o in owed] == [
        ("1.3", date(2023, 10, 31)),  # the same due date: plan order breaks the tie
        ("1.4", date(2023, 10, 31)),
        ("1.2", date(2024, 5, 31)),
        ("1.1", None),
    ]


def test_timeline_positions_bars_within_the_window(plan_with_two_colleges):
    plan = plan_with_two_colleges[0]
    rows = activity_queryset(plan=plan, filters=ActivityFilters(), today=date(2023, 10, 1))
    activities = page_rows(rows, date(2023, 10, 1), with_executors=False)
    months, bars, today_percent = timeline(plan, activities, date(2023, 10, 1))
    assert len(months) == 12
    october = bars[0]
    # October starts 30 days into a 366-day window and lasts 31 days.
    assert october.left == pytest.approx(100 * 30 / 366, abs=0.01)
    assert october.width == pytest.approx(100 * 31 / 366, abs=0.02)
    assert today_percent == october.left
    assert timeline(plan, activities, date(2030, 1, 1))[2] is None
