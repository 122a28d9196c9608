"""What the council should look at: overdue and due-soon plan activities and assignments.

The agenda page of an upcoming meeting lists them as of the meeting date, with the states the
plan pages use (`plans.selectors.activity_state`). An activity with a date whose every responsible
organization has an accepted report «выполнено» is done and left out. Five queries whatever the
size of the plans.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from orgs.models import Cluster
from plans.models import Activity, Obligation, Plan
from plans.selectors import (
    DEADLINE_COLUMNS,
    DeadlineRow,
    State,
    activity_rows,
    activity_state,
)
from reporting.models import Report


@dataclass
class ControlList:
    reference: date
    overdue: list[Activity] = field(default_factory=list)
    due_soon: list[Activity] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon)


def _done_activities(activity_ids: list[int]) -> set[int]:
    """Activities whose every current obligation has an accepted report «выполнено»."""
    obligations: dict[int, set[int]] = defaultdict(set)
    for obligation_id, activity_id in Obligation.objects.filter(
        activity_id__in=activity_ids
    ).values_list("pk", "activity_id"):
        obligations[activity_id].add(obligation_id)
    done = set(
        Report.objects.filter(
            obligation__activity_id__in=activity_ids,
            state=Report.State.ACCEPTED,
            status=Report.Status.DONE,
        ).values_list("obligation_id", flat=True)
    )
    return {activity_id for activity_id, ids in obligations.items() if ids and ids <= done}


def control_list(*, cluster: Cluster, reference: date) -> ControlList:
    """Overdue and due-soon activities of the cluster's plans (work plans and assignments) whose
    year covers the reference date."""
    plans = dict(
        Plan.objects.filter(
            cluster=cluster, window_start__lte=reference, window_end__gte=reference
        ).values_list("pk", "kind")
    )
    rows = [
        (plan_id, DeadlineRow(*values))
        for plan_id, *values in Activity.objects.filter(plan_id__in=list(plans))
        .order_by("plan__kind", "position")
        .values_list("plan_id", *DEADLINE_COLUMNS)
    ]
    states = {
        row.pk: state
        for _, row in rows
        if (state := activity_state(row, reference)) in (State.OVERDUE, State.DUE_SOON)
    }
    done = _done_activities(list(states)) if states else set()
    ids = [row.pk for _, row in rows if row.pk in states and row.pk not in done]
    result = ControlList(reference)
    kinds = {row.pk: plans[plan_id] for plan_id, row in rows}
    for activity in activity_rows(ids, reference, with_executors=False):
        activity.is_assignment = kinds[activity.pk] == Plan.Kind.ASSIGNMENTS
        target = result.overdue if states[activity.pk] == State.OVERDUE else result.due_soon
        target.append(activity)
    return result
