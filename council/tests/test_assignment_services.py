"""Assignments through the services: executors written to read back exactly, deadlines read or
refused, one plan of assignments per year with a section per meeting, taking off control."""

from datetime import date

import pytest

from council.models import Assignment
from council.services import (
    assignment_create,
    assignment_remove_from_control,
    decision_record,
    executors_text_for,
    meeting_update,
)
from council.tests.conftest import refused
from orgs.services import ExecutorDirectory
from orgs.tests.factories import OrganizationFactory
from plans.models import Activity, Objective, Plan, PlanEdition


def test_a_failed_vote_gives_no_assignments(quorate, item, secretary, orgs):
    failed = decision_record(
        item=item,
        actor=secretary,
        kind="assignments",
        text="Поручить",
        votes_for=1,
        votes_against=3,
        votes_abstained=1,
    )
    refused(
        lambda: assignment_create(
            decision=failed,
            actor=secretary,
            text="Т",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            deadline_text="до 15 декабря 2023 года",
        ),
        "Решение не принято",
    )
    info = decision_record(item=item, actor=secretary, kind="info", text="Принять к сведению")
    refused(
        lambda: assignment_create(
            decision=info,
            actor=secretary,
            text="Т",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            deadline_text="до 15 декабря 2023 года",
        ),
        "решением вида «поручения»",
    )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["ОГБПОУ «ТТВТС»"], "ОГБПОУ «ТТВТС»"),
        (["Демо: ЦОПП"], "«Демо: ЦОПП»"),  # as written it reads as every ЦОПП
        (["Демо: предприятие-партнёр 1"], "«Демо: предприятие-партнёр 1»"),
        (["Координационный совет", "ОГБПОУ «ТКГТ»"], "Координационный совет, ОГБПОУ «ТКГТ»"),
        (
            ["Демо: центр занятости 1", "Демо: колледж 1", "ОГБПОУ «ТТВТС»"],
            "«Демо: центр занятости 1», Демо: колледж 1, ОГБПОУ «ТТВТС»",
        ),
    ],
)
def test_executors_are_written_to_read_back_exactly(council, orgs, names, expected):
    lead, *co = [orgs[name] for name in names]
    text = executors_text_for(cluster=council.cluster, lead=lead, co_executors=co)
    assert text == expected
    resolution = ExecutorDirectory(council.cluster).resolve(text)
    assert [(o.short_name, is_lead) for o, is_lead, _ in resolution.assignments] == [
        (names[0], True),
        *((name, False) for name in names[1:]),
    ]


def test_lead_from_outside_the_cluster_is_refused(orders, secretary, orgs):
    editions = PlanEdition.objects.count()
    refused(
        lambda: assignment_create(
            decision=orders,
            actor=secretary,
            text="Т",
            lead=OrganizationFactory(),
            deadline_text="до 15 декабря 2023 года",
        ),
        "не входит в кластер",
    )
    refused(
        lambda: assignment_create(
            decision=orders,
            actor=secretary,
            text="Т",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            co_executors=[orgs["ОГБПОУ «ТТВТС»"]],
            deadline_text="до 15 декабря 2023 года",
        ),
        "не может быть и соисполнителем",
    )
    assert PlanEdition.objects.count() == editions and not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("deadline_text", "due_date", "message"),
    [
        ("когда-нибудь", None, "не удалось прочитать"),
        ("до 1 ноября 2023 года", None, "раньше даты заседания (15.11.2023)"),
        ("до 15 декабря 2023 года", date(2023, 12, 15), "одним способом"),
        ("", None, "Укажите срок исполнения"),
        ("", date(2025, 3, 1), "позже конца плана на 2023-2024 (31.08.2024)"),
    ],
)
def test_deadlines_are_read_or_refused(orders, secretary, orgs, deadline_text, due_date, message):
    activities = Activity.all_objects.count()
    refused(
        lambda: assignment_create(
            decision=orders,
            actor=secretary,
            text="Т",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            deadline_text=deadline_text,
            due_date=due_date,
        ),
        message,
    )
    assert Activity.all_objects.count() == activities
    assert not Plan.objects.filter(kind=Plan.Kind.ASSIGNMENTS).exists()


def test_assignments_share_one_plan_and_one_section_per_meeting(orders, secretary, orgs, council):
    first = assignment_create(
        decision=orders,
        actor=secretary,
        text="Первое",
        lead=orgs["ОГБПОУ «ТТВТС»"],
        deadline_text="IV квартал 2023 года",
    )
    second = assignment_create(
        decision=orders,
        actor=secretary,
        text="Второе",
        lead=orgs["ОГБПОУ «ТКГТ»"],
        deadline_text="ежеквартально",
    )
    assert first.activity.plan == second.activity.plan
    assert first.activity.objective == second.activity.objective
    assert [first.activity.number, second.activity.number] == ["1.1", "1.2"]
    assert second.activity.deadline_kind == Activity.DeadlineKind.RECURRING
    assert Plan.objects.filter(kind=Plan.Kind.ASSIGNMENTS).count() == 1
    meeting_update(
        meeting=orders.item.meeting,
        actor=secretary,
        number=5,
        starts_at=orders.item.meeting.starts_at,
        format="in_person",
        place="Зал",
    )
    assert Objective.objects.get(pk=first.activity.objective_id).title == (
        "Протокол № 5 от 15.11.2023"
    )


def test_assignment_linked_to_a_foreign_activity_is_refused(orders, secretary, orgs):
    from orgs.tests.factories import ClusterFactory, member
    from plans.services import plan_import
    from plans.tests.factories import plan_document

    other = ClusterFactory()
    member(other)
    foreign = plan_import(cluster=other, document=plan_document(), actor=None).activities.first()
    refused(
        lambda: assignment_create(
            decision=orders,
            actor=secretary,
            text="Т",
            lead=orgs["ОГБПОУ «ТТВТС»"],
            deadline_text="до 15 декабря 2023 года",
            linked_activity=foreign,
        ),
        "не из действующих планов этого кластера",
    )


def test_off_control_once_with_a_note(orders, secretary, orgs, users):
    assignment = assignment_create(
        decision=orders,
        actor=secretary,
        text="Т",
        lead=orgs["ОГБПОУ «ТТВТС»"],
        deadline_text="до 15 декабря 2023 года",
    )
    refused(
        lambda: assignment_remove_from_control(
            assignment=assignment, actor=users["coordinator"], note=""
        ),
        "основание",
    )
    assignment_remove_from_control(
        assignment=assignment, actor=users["coordinator"], note="Выполнено"
    )
    assert not Activity.objects.filter(pk=assignment.activity_id).exists()
    assert Activity.all_objects.get(pk=assignment.activity_id).removed_in is not None
    refused(
        lambda: assignment_remove_from_control(
            assignment=assignment, actor=users["coordinator"], note="Ещё раз"
        ),
        "уже снято",
    )


def test_the_assignments_plan_reports_in_the_work_plans_periods(orders, secretary, orgs, users):
    from reporting.models import ReportingPeriod
    from reporting.services import periods_generate

    first = assignment_create(
        decision=orders,
        actor=secretary,
        text="Первое",
        lead=orgs["ОГБПОУ «ТТВТС»"],
        deadline_text="IV квартал 2023 года",
    )
    control_plan = first.activity.plan
    assert not control_plan.reporting_periods.exists()  # the work plan has none yet
    work_plan = Plan.objects.get(kind=Plan.Kind.WORK_PLAN)
    periods_generate(plan=work_plan, kind=ReportingPeriod.Kind.QUARTER, actor=users["coordinator"])
    assignment_create(
        decision=orders,
        actor=secretary,
        text="Второе",
        lead=orgs["ОГБПОУ «ТКГТ»"],
        deadline_text="IV квартал 2023 года",
    )
    copied = list(
        control_plan.reporting_periods.order_by("start").values_list(
            "title", "start", "end", "due_date"
        )
    )
    original = list(
        work_plan.reporting_periods.order_by("start").values_list(
            "title", "start", "end", "due_date"
        )
    )
    assert copied == original and len(copied) == 5  # Sep, then four quarters to August
