"""Indicators' actual figures against their targets: per indicator, organization and objective.

Manual values count from accepted reports only (what the coordinator has checked); automatic ones
are asked of their registered source for every organization and period. Two queries plus one for
organizations when any indicator is automatic (a source may run its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from orgs.models import Organization
from reporting.indicators import Point, aggregate, percent, source_values
from reporting.models import Indicator, IndicatorValue, Report, ReportingPeriod
from reporting.selectors.grid import PlanGrid


@dataclass
class IndicatorProgress:
    indicator: Indicator
    objective_id: int | None
    actual: Decimal | None
    by_organization: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def percent(self) -> int | None:
        return percent(self.actual, self.indicator.target)

    @property
    def scale(self) -> Decimal:
        """The larger of target and actual: 100 % of a chart's width."""
        return max(self.indicator.target or 0, self.actual or 0) or Decimal(1)

    @property
    def target_width(self) -> float:
        return round(float((self.indicator.target or 0) * 100 / self.scale), 1)

    @property
    def actual_width(self) -> float:
        return round(float((self.actual or 0) * 100 / self.scale), 1)


def indicator_progress(
    *, grid: PlanGrid, until: ReportingPeriod, organization_id: int | None = None
) -> list[IndicatorProgress]:
    """Every indicator of the plan with its figure from the start of the year to `until`."""
    indicators = list(Indicator.objects.filter(plan=grid.plan).order_by("position", "pk"))
    if not indicators:
        return []
    periods = [period for period in grid.periods if period.end <= until.end]
    values = IndicatorValue.objects.filter(
        indicator__plan=grid.plan,
        report__state=Report.State.ACCEPTED,
        report__period__in=[period.pk for period in periods],
    )
    if organization_id is not None:
        values = values.filter(report__obligation__organization_id=organization_id)
    points: dict[int, list[Point]] = {}
    for indicator_id, value, org_id, period_end in values.values_list(
        "indicator_id", "value", "report__obligation__organization_id", "report__period__end"
    ):
        points.setdefault(indicator_id, []).append(Point(org_id, period_end, value))

    automatic = [indicator for indicator in indicators if indicator.source]
    if automatic:
        _add_source_points(grid, automatic, periods, organization_id, points)

    progress = []
    for indicator in indicators:
        own = points.get(indicator.pk, [])
        by_organization: dict[int, list[Point]] = {}
        for point in own:
            by_organization.setdefault(point.organization_id, []).append(point)
        activity = grid.activities.get(indicator.activity_id) if indicator.activity_id else None
        progress.append(
            IndicatorProgress(
                indicator=indicator,
                objective_id=activity.objective_id if activity else None,
                actual=aggregate(indicator.aggregation, own),
                by_organization={
                    org_id: aggregate(indicator.aggregation, org_points)
                    for org_id, org_points in by_organization.items()
                },
            )
        )
    return progress


def _add_source_points(grid, automatic, periods, organization_id, points) -> None:
    """Ask each automatic indicator's source for every organization that owes it, each period."""
    owing: dict[int, set[int]] = {}
    for obligation in grid.obligations:
        owing.setdefault(obligation.activity_id, set()).add(obligation.organization_id)
    wanted = set(grid.organizations) if organization_id is None else {organization_id}
    organizations = Organization.objects.in_bulk(wanted)
    ends = {period.pk: period.end for period in periods}
    for indicator in automatic:
        who = owing.get(indicator.activity_id, set()) if indicator.activity_id else set(wanted)
        who = sorted(who & wanted)
        found = source_values(indicator, [organizations[o] for o in who], periods)
        values = ((org_id, period_id, value) for (org_id, period_id), value in found.items())
        for org_id, period_id, value in values:
            if value is not None and period_id in ends:
                points.setdefault(indicator.pk, []).append(
                    Point(org_id, ends[period_id], Decimal(value))
                )


def objective_completion(progress: list[IndicatorProgress]) -> dict[int | None, int | None]:
    """Per objective, the mean completion of its indicators that have a target (None if none)."""
    shares: dict[int | None, list[int]] = {}
    for item in progress:
        if item.indicator.target:
            shares.setdefault(item.objective_id, []).append(min(item.percent or 0, 100))
    return {key: round(sum(values) / len(values)) for key, values in shares.items()}
