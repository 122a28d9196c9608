"""The coordinator's review queue: reports «на проверке» of a cluster, oldest submission first."""

from __future__ import annotations

from django.db.models import QuerySet

from orgs.models import Cluster
from reporting.models import Report


def review_queue(*, cluster: Cluster) -> QuerySet[Report]:
    """Submitted reports of the cluster's plans, the longest waiting first (one query)."""
    return (
        Report.objects.filter(
            obligation__activity__plan__cluster=cluster, state=Report.State.SUBMITTED
        )
        .select_related("obligation__activity__plan", "obligation__organization", "period")
        .order_by("submitted_at", "pk")
    )


def next_in_queue(*, cluster: Cluster, after: Report | None = None) -> Report | None:
    """The report to review next: the oldest waiting one other than `after` (one query)."""
    queue = review_queue(cluster=cluster)
    if after is not None:
        queue = queue.exclude(pk=after.pk)
    return queue.first()
