"""The execution dashboard and the lists of reports behind each of its numbers.

Everything is computed from one `PlanGrid` (five queries) plus indicators (two), so a cluster of 30
organizations and 200 activities costs the same number of queries as the seed plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings

from plans.models import Objective
from reporting.models import Report, ReportingPeriod
from reporting.selectors.grid import (
    NOT_SUBMITTED,
    ActivityInfo,
    PlanGrid,
    Slot,
    SlotState,
)
from reporting.selectors.indicators import (
    IndicatorProgress,
    indicator_progress,
    objective_completion,
)


@dataclass
class Tally:
    """Counts of expected reports, as the dashboard shows them."""

    expected: int = 0
    not_submitted: int = 0
    submitted: int = 0  # waiting for review
    accepted: int = 0
    done: int = 0  # accepted and «выполнено»
    overdue: int = 0

    def add(self, slot: Slot, today: date) -> None:
        self.expected += 1
        if slot.state in NOT_SUBMITTED:
            self.not_submitted += 1
            if slot.is_overdue(today):
                self.overdue += 1
        elif slot.state == SlotState.SUBMITTED:
            self.submitted += 1
        else:
            self.accepted += 1
            if slot.status == Report.Status.DONE:
                self.done += 1

    @property
    def accepted_percent(self) -> int:
        return round(100 * self.accepted / self.expected) if self.expected else 0

    @property
    def submitted_percent(self) -> int:
        return round(100 * self.submitted / self.expected) if self.expected else 0


@dataclass
class SlotFilters:
    """Which expected reports to show; every dashboard number links to a list with these."""

    objective_id: int | None = None
    organization_id: int | None = None
    activity_id: int | None = None
    state: str = ""  # a SlotState value, or "not_submitted"
    status: str = ""  # a Report.Status value (accepted reports)
    overdue: bool = False  # due date passed, not submitted — over every period until today
    due_soon: bool = False  # due within DUE_SOON_DAYS, not submitted

    def as_query(self) -> dict[str, str]:
        query = {
            "objective": self.objective_id,
            "organization": self.organization_id,
            "activity": self.activity_id,
            "state": self.state,
            "status": self.status,
            "overdue": "1" if self.overdue else "",
            "due_soon": "1" if self.due_soon else "",
        }
        return {key: str(value) for key, value in query.items() if value}


def _matches(slot: Slot, filters: SlotFilters) -> bool:
    if filters.objective_id and slot.activity.objective_id != filters.objective_id:
        return False
    if filters.organization_id and slot.obligation.organization_id != filters.organization_id:
        return False
    if filters.activity_id and slot.activity.id != filters.activity_id:
        return False
    if filters.state == "not_submitted":
        if slot.state not in NOT_SUBMITTED:
            return False
    elif filters.state and slot.state != filters.state:
        return False
    return not (
        filters.status and (slot.state != SlotState.ACCEPTED or slot.status != filters.status)
    )


def due_soon_limit(today: date) -> date:
    return today + timedelta(days=settings.DUE_SOON_DAYS)


def slot_rows(
    grid: PlanGrid, *, period: ReportingPeriod | None, filters: SlotFilters, today: date
) -> list[Slot]:
    """The expected reports behind a number: of the period, or overdue / due soon across periods."""
    if filters.overdue:
        candidates = [
            slot
            for each in grid.periods
            if each.due_date < today
            for slot in grid.slots(each)
            if slot.is_overdue(today)
        ]
    elif filters.due_soon:
        limit = due_soon_limit(today)
        candidates = [
            slot
            for each in grid.periods
            if today <= each.due_date <= limit
            for slot in grid.slots(each)
            if not slot.is_submitted
        ]
    elif period is not None:
        candidates = grid.slots(period)
    else:
        candidates = []
    return [slot for slot in candidates if _matches(slot, filters)]


@dataclass
class ObjectiveLine:
    objective: Objective
    tally: Tally
    indicators_percent: int | None


@dataclass
class OrganizationLine:
    organization_id: int
    name: str
    tally: Tally


@dataclass
class MatrixRow:
    activity: ActivityInfo
    cells: list[Slot | None]


@dataclass
class Dashboard:
    period: ReportingPeriod
    today: date
    filters: SlotFilters
    totals: Tally = field(default_factory=Tally)
    by_objective: list[ObjectiveLine] = field(default_factory=list)
    by_organization: list[OrganizationLine] = field(default_factory=list)
    columns: list[tuple[int, str]] = field(default_factory=list)
    matrix: list[MatrixRow] = field(default_factory=list)
    overdue: list[Slot] = field(default_factory=list)
    due_soon: list[Slot] = field(default_factory=list)
    indicators: list[IndicatorProgress] = field(default_factory=list)

    @property
    def not_reported(self) -> list[OrganizationLine]:
        """Organizations with reports still to submit for the period, most missing first."""
        lines = [line for line in self.by_organization if line.tally.not_submitted]
        return sorted(lines, key=lambda line: (-line.tally.not_submitted, line.name.casefold()))


def cluster_dashboard(
    *, grid: PlanGrid, period: ReportingPeriod, today: date, filters: SlotFilters
) -> Dashboard:
    base = SlotFilters(objective_id=filters.objective_id, organization_id=filters.organization_id)
    slots = [slot for slot in grid.slots(period) if _matches(slot, base)]
    dashboard = Dashboard(period=period, today=today, filters=base)

    by_objective: dict[int, Tally] = {}
    by_organization: dict[int, Tally] = {}
    for slot in slots:
        dashboard.totals.add(slot, today)
        by_objective.setdefault(slot.activity.objective_id, Tally()).add(slot, today)
        by_organization.setdefault(slot.obligation.organization_id, Tally()).add(slot, today)

    dashboard.indicators = indicator_progress(
        grid=grid, until=period, organization_id=filters.organization_id
    )
    if filters.objective_id:
        dashboard.indicators = [
            item for item in dashboard.indicators if item.objective_id == filters.objective_id
        ]
    completion = objective_completion(dashboard.indicators)
    dashboard.by_objective = [
        ObjectiveLine(objective, by_objective[objective_id], completion.get(objective_id))
        for objective_id, objective in grid.objectives.items()
        if objective_id in by_objective
    ]
    dashboard.by_organization = sorted(
        (
            OrganizationLine(org_id, grid.organizations[org_id], tally)
            for org_id, tally in by_organization.items()
        ),
        key=lambda line: line.name.casefold(),
    )

    dashboard.columns = [
        (org_id, name) for org_id, name in grid.organizations.items() if org_id in by_organization
    ]
    column_index = {org_id: index for index, (org_id, _) in enumerate(dashboard.columns)}
    rows: dict[int, MatrixRow] = {}
    for slot in slots:
        row = rows.get(slot.activity.id)
        if row is None:
            row = rows[slot.activity.id] = MatrixRow(slot.activity, [None] * len(column_index))
        row.cells[column_index[slot.obligation.organization_id]] = slot
    dashboard.matrix = list(rows.values())

    dashboard.overdue = slot_rows(
        grid, period=None, filters=SlotFilters(overdue=True, **_scope(base)), today=today
    )
    dashboard.due_soon = slot_rows(
        grid, period=None, filters=SlotFilters(due_soon=True, **_scope(base)), today=today
    )
    return dashboard


def _scope(filters: SlotFilters) -> dict[str, int | None]:
    return {"objective_id": filters.objective_id, "organization_id": filters.organization_id}
