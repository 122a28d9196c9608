"""Tell plans what the reports now say, so every page shows the state from one SQL column.

Called by the report services after a submission or a review decision, and by the
`refresh_execution` command after data was changed behind the services. Per obligation: the status of its latest accepted
report (by period), and whether a report waits for review.
"""

from __future__ import annotations

from collections.abc import Iterable

from plans.services import execution_of, obligations_execution_set
from reporting.models import Report


def obligation_executions(obligation_ids: Iterable[int] | None = None) -> dict[int, str]:
    """What the reports say about each obligation (id → Execution value); two queries.

    None means every obligation that has a report (plus none other: the rest stay as they are).
    """
    reports = Report.objects.all()
    ids = None if obligation_ids is None else list(obligation_ids)
    if ids is not None:
        reports = reports.filter(obligation_id__in=ids)
    latest: dict[int, str] = {}
    for obligation_id, status in (
        reports.filter(state=Report.State.ACCEPTED)
        .order_by("obligation_id", "-period__end", "-reviewed_at", "-pk")
        .values_list("obligation_id", "status")
    ):
        latest.setdefault(obligation_id, status)
    awaiting = set(
        reports.filter(state=Report.State.SUBMITTED).values_list("obligation_id", flat=True)
    )
    known = ids if ids is not None else set(latest) | awaiting
    return {
        pk: execution_of(accepted_status=latest.get(pk, ""), awaiting_review=pk in awaiting)
        for pk in known
    }


def execution_refresh(*, obligation_ids: Iterable[int] | None = None) -> None:
    """Store in plans what the reports of these obligations (or of all) say."""
    obligations_execution_set(executions=obligation_executions(obligation_ids))
