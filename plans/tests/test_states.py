"""One set of rules for the state: the SQL expression every page uses and the Python one agree."""

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest

from plans.models import Activity, Execution
from plans.selectors import State, activity_state, number_sort_key, with_state
from plans.services.execution import execution_of, execution_summary
from plans.tests.factories import ActivityFactory, ObjectiveFactory, PlanFactory

DEADLINES = [
    ("interval", date(2023, 10, 1), date(2023, 10, 31), ""),
    ("interval", date(2024, 5, 1), date(2024, 5, 31), ""),
    ("interval", None, date(2023, 12, 15), ""),
    ("recurring", date(2023, 9, 1), date(2024, 8, 31), "week"),
    ("recurring", date(2023, 9, 1), date(2024, 8, 31), "month"),
    ("recurring", date(2023, 9, 1), date(2024, 8, 15), "month"),
    ("recurring", date(2023, 9, 1), date(2024, 8, 31), "quarter"),
    ("recurring", date(2023, 9, 1), date(2024, 8, 31), "half_year"),
    ("recurring", date(2023, 9, 1), date(2024, 8, 31), "year"),
    ("recurring", date(2023, 1, 1), date(2024, 12, 31), "year"),
    ("as_needed", None, None, ""),
    ("unparsed", None, None, ""),
]


@pytest.mark.django_db
def test_sql_state_matches_the_rules_on_every_day_of_the_year():
    plan = PlanFactory(window_start=date(2023, 1, 1), window_end=date(2024, 12, 31))
    objective = ObjectiveFactory(plan=plan)
    for kind, start, end, every in DEADLINES:
        for execution in Execution.values:
            for moved in (False, True):
                ActivityFactory(
                    plan=plan,
                    objective=objective,
                    deadline_kind=kind,
                    deadline_start=start,
                    deadline_end=end,
                    deadline_every=every,
                    execution=execution,
                    deadline_moved=moved,
                )
    activities = list(Activity.objects.filter(plan=plan))
    seen = set()
    today = date(2023, 8, 20)
    while today <= date(2025, 1, 10):
        in_sql = dict(
            with_state(Activity.objects.filter(plan=plan), today).values_list("pk", "state")
        )
        for activity in activities:
            expected = activity_state(activity, today)
            assert in_sql[activity.pk] == expected, (
                today,
                activity.deadline_kind,
                activity.deadline_every,
                activity.deadline_end,
                activity.execution,
                activity.deadline_moved,
            )
            seen.add(expected)
        today += timedelta(days=3)
    assert seen == set(State)  # every state was reached


def test_rules_in_words():
    october = Activity(
        deadline_kind="interval", deadline_start=date(2023, 10, 1), deadline_end=date(2023, 10, 31)
    )
    after = date(2023, 11, 5)
    assert activity_state(october, after) == State.OVERDUE
    assert State.OVERDUE.label == "срок прошёл — нет отчёта"
    assert activity_state(october, after, Execution.NOT_DONE) == State.OVERDUE_NOT_DONE
    assert State.OVERDUE_NOT_DONE.label == "срок прошёл — не выполнено"
    assert activity_state(october, after, Execution.DONE) == State.DONE
    assert activity_state(october, date(2023, 10, 5), Execution.PARTIAL) == State.PARTIAL
    assert activity_state(october, date(2023, 10, 5), Execution.SUBMITTED) == State.SUBMITTED
    assert execution_summary([Execution.DONE, Execution.DONE]) == Execution.DONE
    assert execution_summary([Execution.DONE, Execution.NONE]) == Execution.PARTIAL
    assert execution_summary([]) == Execution.NONE
    assert execution_of(accepted_status="done", awaiting_review=True) == Execution.DONE
    assert execution_of(accepted_status="not_done", awaiting_review=True) == Execution.SUBMITTED
    assert execution_of(accepted_status="nothing", awaiting_review=False) == Execution.NONE


def test_numbers_sort_as_numbers():
    numbers = ["2.10", "1.2", "2.9", "", "10.1", "2.1а", "2.1"]
    assert sorted(numbers, key=number_sort_key) == ["", "1.2", "2.1", "2.1а", "2.9", "2.10", "10.1"]


def test_plans_does_not_import_reporting_or_later_layers():
    """Dependencies point one way (core ← orgs ← plans ← reporting ← documents)."""
    root = Path(__file__).resolve().parents[1]
    later = ("reporting", "documents", "council", "events")
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in later]
    assert offenders == []
