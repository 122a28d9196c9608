"""What the reports say, kept on obligations and activities so that states filter in SQL.

`plans` never reads reports (reporting depends on plans, not the other way round). Instead the
reporting services tell plans what an obligation's reports now say — its latest accepted status and
whether a report awaits review — every time a report is submitted, accepted or returned, and plans
keeps two columns up to date: `Obligation.execution` and `Activity.execution`, the summary over the
activity's current obligations. The state shown on every page (`plans.selectors.state_expression`)
combines that column with the deadline and today's date.

Writes are proportional to what changed: one UPDATE per changed execution value, never a pass
over the whole plan.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db import transaction

from plans.models import Activity, Execution, Obligation

__all__ = [
    "activity_execution_refresh",
    "execution_of",
    "execution_summary",
    "obligations_execution_set",
]

# A report's «отметка о выполнении» (reporting.Report.Status values) → what it means for execution.
# «не начато» and «нечего сообщить за период» say nothing was done: no execution to show.
STATUS_EXECUTION = {
    "done": Execution.DONE,
    "not_done": Execution.NOT_DONE,
    "postponed": Execution.POSTPONED,
    "in_progress": Execution.IN_PROGRESS,
}


def execution_of(*, accepted_status: str, awaiting_review: bool) -> str:
    """One obligation: its latest accepted report's status, or «на проверке» while a new report
    waits for the coordinator (unless the obligation is already done)."""
    execution = STATUS_EXECUTION.get(accepted_status, Execution.NONE)
    if awaiting_review and execution != Execution.DONE:
        return Execution.SUBMITTED
    return execution


def execution_summary(executions: Iterable[str]) -> str:
    """One activity from its current obligations: done only when every obligation is done."""
    executions = list(executions)
    if executions and all(value == Execution.DONE for value in executions):
        return Execution.DONE
    if Execution.SUBMITTED in executions:
        return Execution.SUBMITTED
    if Execution.DONE in executions:
        return Execution.PARTIAL
    if Execution.POSTPONED in executions:
        return Execution.POSTPONED
    if Execution.NOT_DONE in executions:
        return Execution.NOT_DONE
    if Execution.IN_PROGRESS in executions:
        return Execution.IN_PROGRESS
    return Execution.NONE


def activity_execution_refresh(*, activity_ids: Iterable[int]) -> None:
    """Recompute the activities' summaries from their obligations (two queries plus one UPDATE per
    changed value); call after obligations were added, removed or changed."""
    ids = set(activity_ids)
    if not ids:
        return
    executions: dict[int, list[str]] = defaultdict(list)
    for activity_id, execution in Obligation.objects.filter(activity_id__in=ids).values_list(
        "activity_id", "execution"
    ):
        executions[activity_id].append(execution)
    changed: dict[str, list[int]] = defaultdict(list)
    for pk, current in Activity.all_objects.filter(pk__in=ids).values_list("pk", "execution"):
        summary = execution_summary(executions.get(pk, []))
        if summary != current:
            changed[summary].append(pk)
    for summary, pks in changed.items():
        Activity.all_objects.filter(pk__in=pks).update(execution=summary)


@transaction.atomic
def obligations_execution_set(*, executions: Mapping[int, str]) -> None:
    """Store what the reports say about each obligation (id → Execution value) and refresh the
    activities concerned. Called by the reporting services only."""
    unknown = set(executions.values()) - set(Execution.values)
    if unknown:
        raise ValueError(f"Unknown execution values: {sorted(unknown)}")
    rows = Obligation.all_objects.filter(pk__in=list(executions)).values_list(
        "pk", "activity_id", "execution"
    )
    changed: dict[str, list[int]] = defaultdict(list)
    activities = set()
    for pk, activity_id, current in rows:
        if executions[pk] != current:
            changed[executions[pk]].append(pk)
            activities.add(activity_id)
    for execution, pks in changed.items():
        Obligation.all_objects.filter(pk__in=pks).update(execution=execution)
    activity_execution_refresh(activity_ids=activities)
