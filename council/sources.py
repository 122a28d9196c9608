"""The council's value source for plan indicators (reporting's registry).

    council.meetings_held   meetings of the council held in the reporting period

Meetings are the council's own work, so the value is given for the council as an organization of
the cluster (kind «council», the executor of activity 1.1 «Проведение заседаний Координационного
совета»); for any other organization the source has nothing (None). No meeting held in the period
is None too, so the report shows «—» rather than a false zero (as the events module does).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.utils import timezone

from orgs.models import Organization
from reporting.indicators import register_value_source

MEETINGS_HELD = "council.meetings_held"
LABEL = "Заседания Координационного совета: проведено (модуль «Координационный совет»)"


def _is_council(organization: Organization) -> bool:
    return organization.kind == Organization.Kind.COUNCIL


def meetings_held(indicator, organization, period) -> Decimal | None:
    from council.selectors.meetings import held_meetings

    if not _is_council(organization):
        return None
    count = held_meetings(
        cluster_id=indicator.plan.cluster_id, start=period.start, end=period.end
    ).count()
    return Decimal(count) if count else None


def meetings_held_bulk(indicator, organizations, periods) -> dict:
    """Every (organization, period) at once: one query for the meetings of the plan's window."""
    from council.selectors.meetings import held_meetings

    council_ids = [o.pk for o in organizations if _is_council(o)]
    if not council_ids or not periods:
        return {}
    start = min(period.start for period in periods)
    end = max(period.end for period in periods)
    days = [
        timezone.localtime(starts_at).date()
        for starts_at in held_meetings(
            cluster_id=indicator.plan.cluster_id, start=start, end=end
        ).values_list("starts_at", flat=True)
    ]
    per_period = Counter()
    for period in periods:
        per_period[period.pk] = sum(1 for day in days if period.start <= day <= period.end)
    return {
        (organization_id, period.pk): (
            Decimal(per_period[period.pk]) if per_period[period.pk] else None
        )
        for organization_id in council_ids
        for period in periods
    }


def register_sources() -> None:
    register_value_source(MEETINGS_HELD, meetings_held, label=LABEL, bulk=meetings_held_bulk)
