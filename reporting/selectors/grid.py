"""The plan's reporting grid: which organization owes a report on which activity for which period.

`plan_grid` reads a plan's objectives, activities, obligations and reports as narrow rows in five
queries whatever the plan's size; every page of reporting (dashboard, lists, to-do, consolidated
report) is computed from it in Python. A report is expected for an obligation in a period when the
activity's dates meet the period; an activity «as needed» or with an unrecognised deadline is
expected every period (its report may say «нечего сообщить за период»).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from plans.models import Activity, Objective, Obligation, Plan
from reporting.models import Report, ReportingPeriod

OPEN_KINDS = (Activity.DeadlineKind.AS_NEEDED, Activity.DeadlineKind.UNPARSED)


class SlotState(enum.StrEnum):
    """Where one expected report stands."""

    MISSING = "missing"
    DRAFT = "draft"
    RETURNED = "returned"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return SLOT_LABELS[self]


SLOT_LABELS = {
    SlotState.MISSING: "нет отчёта",
    SlotState.DRAFT: "черновик",
    SlotState.RETURNED: "возвращён на доработку",
    SlotState.SUBMITTED: "на проверке",
    SlotState.ACCEPTED: "принят",
}
NOT_SUBMITTED = (SlotState.MISSING, SlotState.DRAFT, SlotState.RETURNED)


@dataclass(frozen=True)
class ActivityInfo:
    id: int
    objective_id: int
    number: str
    title: str
    executors_text: str
    deadline_text: str
    deadline_kind: str
    deadline_start: date | None
    deadline_end: date | None
    position: int

    @property
    def is_open(self) -> bool:
        """As needed or unparsed: expected every period, «nothing to report» allowed."""
        return self.deadline_kind in OPEN_KINDS


ACTIVITY_COLUMNS = (
    "id",
    "objective_id",
    "number",
    "title",
    "executors_text",
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "position",
)


@dataclass(frozen=True)
class ObligationInfo:
    id: int
    activity_id: int
    organization_id: int
    role: str


@dataclass(frozen=True)
class ReportInfo:
    id: int
    obligation_id: int
    period_id: int
    state: str
    status: str


@dataclass(frozen=True)
class Slot:
    """One expected report: an obligation in a period, with the report if one was started."""

    obligation: ObligationInfo
    activity: ActivityInfo
    period: ReportingPeriod
    report: ReportInfo | None

    @property
    def state(self) -> SlotState:
        return SlotState(self.report.state) if self.report else SlotState.MISSING

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""

    @property
    def is_submitted(self) -> bool:
        return self.state not in NOT_SUBMITTED

    def is_overdue(self, today: date) -> bool:
        return not self.is_submitted and self.period.due_date < today

    @property
    def cell(self) -> str:
        """The colour key of a dashboard cell: accepted reports by their status, others by state."""
        if self.state == SlotState.ACCEPTED:
            return f"accepted-{self.status}"
        return self.state.value


def expected(activity: ActivityInfo, period: ReportingPeriod, plan: Plan) -> bool:
    """Whether the activity's dates meet the period, so its executors report on it then."""
    if activity.is_open:
        return True
    start = activity.deadline_start or plan.window_start
    end = activity.deadline_end or plan.window_end
    return start <= period.end and end >= period.start


@dataclass
class PlanGrid:
    plan: Plan
    periods: list[ReportingPeriod]
    objectives: dict[int, Objective]
    activities: dict[int, ActivityInfo]  # in plan order
    obligations: list[ObligationInfo]  # activity order, lead first, then by organization name
    organizations: dict[int, str]  # id → short name, by name
    reports: dict[tuple[int, int], ReportInfo] = field(default_factory=dict)

    def period(self, period_id: int) -> ReportingPeriod | None:
        return next((period for period in self.periods if period.pk == period_id), None)

    def slots(self, period: ReportingPeriod) -> list[Slot]:
        """Every report expected for the period, in plan order."""
        result = []
        for obligation in self.obligations:
            activity = self.activities[obligation.activity_id]
            if expected(activity, period, self.plan):
                report = self.reports.get((obligation.id, period.pk))
                result.append(Slot(obligation, activity, period, report))
        return result

    def slots_until(self, period: ReportingPeriod) -> list[Slot]:
        """Every report expected from the start of the plan year to the end of the period."""
        return [
            slot
            for earlier in self.periods
            if earlier.end <= period.end
            for slot in self.slots(earlier)
        ]


def plan_periods_list(plan: Plan) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(plan=plan).order_by("start"))


def plan_grid(
    *,
    plan: Plan,
    periods: list[ReportingPeriod] | None = None,
    organization_id: int | None = None,
) -> PlanGrid:
    """The plan's grid, optionally for one organization only. Five queries (four with periods)."""
    if periods is None:
        periods = plan_periods_list(plan)
    objectives = {
        objective.pk: objective
        for objective in Objective.objects.filter(plan=plan).order_by("position")
    }
    activities = {
        row[0]: ActivityInfo(*row)
        for row in Activity.objects.filter(plan=plan)
        .order_by("position")
        .values_list(*ACTIVITY_COLUMNS)
    }
    obligations_query = Obligation.objects.filter(
        activity__plan=plan, activity__removed_in__isnull=True
    )
    if organization_id is not None:
        obligations_query = obligations_query.filter(organization_id=organization_id)
    rows = obligations_query.values_list(
        "id", "activity_id", "organization_id", "role", "organization__short_name"
    )
    organizations: dict[int, str] = {}
    obligations = []
    for obligation_id, activity_id, organization_id_, role, name in rows:
        if activity_id not in activities:
            continue
        organizations[organization_id_] = name
        obligations.append(ObligationInfo(obligation_id, activity_id, organization_id_, role))
    obligations.sort(
        key=lambda o: (
            activities[o.activity_id].position,
            o.role != Obligation.Role.LEAD,
            organizations[o.organization_id].casefold(),
        )
    )
    organizations = dict(sorted(organizations.items(), key=lambda item: item[1].casefold()))
    reports_query = Report.objects.filter(
        period__in=[period.pk for period in periods], obligation__activity__plan=plan
    )
    if organization_id is not None:
        reports_query = reports_query.filter(obligation__organization_id=organization_id)
    reports = {
        (row[1], row[2]): ReportInfo(*row)
        for row in reports_query.values_list("id", "obligation_id", "period_id", "state", "status")
    }
    return PlanGrid(plan, periods, objectives, activities, obligations, organizations, reports)


def current_period(periods: list[ReportingPeriod], today: date) -> ReportingPeriod | None:
    """The period to show by default: the earliest one under way or awaiting its reports; before
    the plan year the first one, after it the last one."""
    if not periods:
        return None
    started = [period for period in periods if period.start <= today]
    if not started:
        return periods[0]
    open_periods = [period for period in started if period.due_date >= today]
    return open_periods[0] if open_periods else started[-1]
