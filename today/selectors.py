"""«Мои задачи»: what each person must do now, read from reporting, council and events.

The page after sign-in. For every cluster the user has a role in, one block per role:

- a representative: reports the organization owes for the current period (and earlier ones that
  are late), reports returned with the reviewer's comment, council assignments to the
  organization, the organization's upcoming events with the groups registered for them;
- a coordinator (and an administrator): the review queue, oldest first; deadline-change requests;
  organizations that have not reported for the current period, with the last reminder sent;
  the next council meeting and what it still lacks (agenda, invitations, quorum);
- the council's chair and secretary: the next meeting, open assignments by due date, overdue ones;
- an observer: the cluster's progress in the current period of each plan.

Every list is read in a fixed number of queries whatever the size of the plans (one per cluster
for the council's parts): expected reports are computed in Python from narrow rows, as
reporting.selectors.grid does for a single plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce

from council.access import OFFICER_ROLES, council_roles
from council.models import Attendance, Council, Meeting
from council.quorum import Quorum
from council.selectors.assignments import AssignmentRow, Standing, assignment_rows
from council.selectors.council import members_on
from events.models import Event, GroupRegistration
from events.selectors.figures import first_start
from orgs.access import clusters_for, is_administrator, user_roles
from orgs.models import Cluster, Organization, UserRole
from plans.models import Obligation, Plan
from reporting.models import DeadlineChangeRequest, Report, ReportingPeriod, SentReminder
from reporting.selectors import Slot, SlotState, Tally, current_period, expected
from reporting.selectors.grid import ACTIVITY_COLUMNS, ActivityInfo, ObligationInfo, ReportInfo
from reporting.selectors.queue import review_queue

LIST_LIMIT = 10  # rows of a list shown on the start page; the rest behind «показать все»
OWED_STATES = (SlotState.MISSING, SlotState.DRAFT)


# --- expected reports over several plans, in two queries -------------------------------------


def plan_periods(cluster_ids: list[int]) -> dict[int, list[ReportingPeriod]]:
    """Every reporting period of the clusters' plans, by plan, in order (one query)."""
    by_plan: dict[int, list[ReportingPeriod]] = defaultdict(list)
    for period in (
        ReportingPeriod.objects.filter(plan__cluster_id__in=cluster_ids)
        .select_related("plan")
        .order_by("plan_id", "start")
    ):
        by_plan[period.plan_id].append(period)
    return dict(by_plan)


def current_periods(
    periods: dict[int, list[ReportingPeriod]], today: date
) -> list[ReportingPeriod]:
    """The current period of each plan (as the dashboard chooses it), newest plan first."""
    chosen = [current_period(items, today) for items in periods.values()]
    return sorted(
        (period for period in chosen if period is not None),
        key=lambda period: (-period.plan.window_start.toordinal(), period.plan_id),
    )


def expected_slots(
    periods: list[ReportingPeriod], *, organization_id: int | None = None
) -> list[Slot]:
    """Every report expected in the periods (of any plans), with its report if started.

    Two queries: the obligations of the periods' plans and the reports of the periods.
    """
    if not periods:
        return []
    plans: dict[int, Plan] = {period.plan_id: period.plan for period in periods}
    obligations = Obligation.objects.filter(
        activity__plan_id__in=list(plans), activity__removed_in__isnull=True
    )
    reports = Report.objects.filter(period_id__in=[period.pk for period in periods])
    if organization_id is not None:
        obligations = obligations.filter(organization_id=organization_id)
        reports = reports.filter(obligation__organization_id=organization_id)
    rows = obligations.values_list(
        "id",
        "activity_id",
        "organization_id",
        "role",
        "activity__plan_id",
        *(f"activity__{column}" for column in ACTIVITY_COLUMNS),
    )
    by_plan: dict[int, list[tuple[ObligationInfo, ActivityInfo]]] = defaultdict(list)
    for row in rows:
        obligation = ObligationInfo(*row[:4])
        by_plan[row[4]].append((obligation, ActivityInfo(*row[5:])))
    found = {
        (row[1], row[2]): ReportInfo(*row)
        for row in reports.values_list("id", "obligation_id", "period_id", "state", "status")
    }
    slots = []
    for period in periods:
        for obligation, activity in by_plan.get(period.plan_id, []):
            if expected(activity, period, plans[period.plan_id]):
                report = found.get((obligation.id, period.pk))
                slots.append(Slot(obligation, activity, period, report))
    return slots


# --- the next council meeting ---------------------------------------------------------------


@dataclass
class NextMeeting:
    """The council's next planned meeting and what it still lacks."""

    meeting: Meeting
    item_count: int
    members: int
    confirmed: int  # answered «будет» or «направит замещающего»
    quorum: Quorum

    @property
    def missing(self) -> list[str]:
        gaps = []
        if not self.item_count:
            gaps.append("нет повестки")
        if self.meeting.invitations_sent_at is None:
            gaps.append("приглашения не разосланы")
        if not self.quorum.reached:
            gaps.append(
                f"участие подтвердили {self.confirmed} из {self.members}, "
                f"для кворума нужно {self.quorum.needed}"
            )
        return gaps


def next_meeting(council: Council | None, now: datetime) -> NextMeeting | None:
    """The soonest planned meeting from now on (three queries; one when there is none)."""
    if council is None:
        return None
    meeting = (
        Meeting.objects.filter(council=council, status=Meeting.Status.PLANNED, starts_at__gte=now)
        .annotate(item_count=Count("items"))
        .order_by("starts_at", "pk")
        .first()
    )
    if meeting is None:
        return None
    meeting.council = council
    members = list(members_on(council, meeting.local_date).values_list("pk", flat=True))
    confirmed = Attendance.objects.filter(
        meeting=meeting,
        member_id__in=members,
        response__in=(Attendance.Response.YES, Attendance.Response.SUBSTITUTE),
    ).count()
    quorum = Quorum(
        total=len(members),
        present=confirmed,
        percent=council.quorum_percent,
        strict=council.quorum_strict,
    )
    return NextMeeting(meeting, meeting.item_count, len(members), confirmed, quorum)


def _by_due(rows: list[AssignmentRow]) -> list[AssignmentRow]:
    return sorted(rows, key=lambda row: (row.due is None, row.due or date.max, row.assignment.pk))


# --- the blocks ------------------------------------------------------------------------------


@dataclass
class RepresentativeTasks:
    organization: Organization
    periods: list[ReportingPeriod]  # the current period of each plan
    owed: list[Slot]  # not yet submitted: the current periods and late earlier ones, due first
    returned: list[Report]
    assignments: list[tuple[AssignmentRow, Standing]]  # open ones, the organization's standing
    events: list[Event]
    today: date

    @property
    def late_count(self) -> int:
        return sum(1 for slot in self.owed if slot.period.due_date < self.today)


def representative_tasks(
    *,
    cluster: Cluster,
    organization: Organization,
    periods: dict[int, list[ReportingPeriod]],
    council: Council | None,
    today: date,
    now: datetime,
) -> RepresentativeTasks:
    """Eight queries: expected reports (two), returned reports, assignments (three), events."""
    current = current_periods(periods, today)
    until = [
        period
        for now_period in current
        for period in periods[now_period.plan_id]
        if period.end <= now_period.end
    ]
    current_ids = {period.pk for period in current}
    owed = [
        slot
        for slot in expected_slots(until, organization_id=organization.pk)
        if slot.state in OWED_STATES
        and (slot.period.pk in current_ids or slot.period.due_date < today)
    ]
    owed.sort(key=lambda slot: (slot.period.due_date, slot.period.plan_id, slot.activity.position))
    returned = list(
        Report.objects.filter(
            obligation__organization=organization,
            obligation__activity__plan__cluster=cluster,
            state=Report.State.RETURNED,
        )
        .select_related("obligation__activity", "period")
        .order_by("period__due_date", "reviewed_at", "pk")
    )
    assignments = []
    if council is not None:
        for row in assignment_rows(council=council, today=today, organization_id=organization.pk):
            own = next(e for e in row.executors if e.organization_id == organization.pk)
            if own.standing in (Standing.OPEN, Standing.OVERDUE):
                assignments.append((row, own.standing))
    assignments.sort(key=lambda pair: (pair[0].due is None, pair[0].due or date.max))
    holding = Q(slots__registrations__status__in=GroupRegistration.HOLDING)
    events = list(
        Event.objects.filter(cluster=cluster, host=organization)
        .exclude(status=Event.Status.CANCELLED)
        .annotate(
            first_start=first_start(),
            groups=Count("slots__registrations", filter=holding),
            pupils=Coalesce(Sum("slots__registrations__pupils", filter=holding), 0),
        )
        .filter(first_start__gte=now)
        .select_related("kind")
        .order_by("first_start", "pk")[:LIST_LIMIT]
    )
    return RepresentativeTasks(
        organization, current, owed, returned, assignments, events, today=today
    )


@dataclass
class NotReported:
    organization_id: int
    name: str
    period: ReportingPeriod
    missing: int  # expected reports not submitted
    last_reminder: datetime | None


@dataclass
class CoordinatorTasks:
    periods: list[ReportingPeriod]
    queue: list[Report]
    queue_count: int
    requests: list[DeadlineChangeRequest]
    requests_count: int
    not_reported: list[NotReported]
    meeting: NextMeeting | None
    has_council: bool


def coordinator_tasks(
    *,
    cluster: Cluster,
    periods: dict[int, list[ReportingPeriod]],
    council: Council | None,
    today: date,
    now: datetime,
) -> CoordinatorTasks:
    """Eleven queries at most: queue (two), requests (two), expected reports (two), names,
    reminders, the next meeting (three)."""
    queue_all = review_queue(cluster=cluster)
    queue = list(queue_all[:LIST_LIMIT])
    queue_count = queue_all.count()
    pending = DeadlineChangeRequest.objects.filter(
        obligation__activity__plan__cluster=cluster, state=DeadlineChangeRequest.State.PENDING
    )
    requests = list(
        pending.select_related("obligation__activity", "obligation__organization").order_by(
            "requested_at", "pk"
        )[:LIST_LIMIT]
    )
    requests_count = pending.count()
    current = current_periods(periods, today)
    missing: dict[tuple[int, int], int] = defaultdict(int)
    for slot in expected_slots(current):
        if not slot.is_submitted:
            missing[(slot.obligation.organization_id, slot.period.pk)] += 1
    names = dict(
        Organization.objects.filter(pk__in={org for org, _ in missing}).values_list(
            "pk", "short_name"
        )
    )
    reminders = {
        (row["organization_id"], row["period_id"]): row["last"]
        for row in SentReminder.objects.filter(period__in=current, organization_id__in=list(names))
        .values("organization_id", "period_id")
        .annotate(last=Max("sent_at"))
    }
    by_id = {period.pk: period for period in current}
    not_reported = sorted(
        (
            NotReported(org, names[org], by_id[period], count, reminders.get((org, period)))
            for (org, period), count in missing.items()
        ),
        key=lambda line: (-line.missing, line.name.casefold()),
    )
    return CoordinatorTasks(
        current,
        queue,
        queue_count,
        requests,
        requests_count,
        not_reported,
        next_meeting(council, now),
        council is not None,
    )


@dataclass
class CouncilTasks:
    meeting: NextMeeting | None
    open: list[AssignmentRow]
    overdue: list[AssignmentRow]

    @property
    def lists(self) -> list[tuple[str, list[AssignmentRow], str]]:
        """The two lists of the page: title, rows, what an empty list means."""
        return [
            ("Просроченные поручения", self.overdue, "Просроченных поручений нет."),
            (
                "Поручения в работе",
                self.open,
                "Открытых поручений нет: все поручения на контроле выполнены.",
            ),
        ]


def council_tasks(*, council: Council, today: date, now: datetime) -> CouncilTasks:
    """Six queries: the next meeting (three) and the assignments under control (three)."""
    rows = assignment_rows(council=council, today=today)
    return CouncilTasks(
        next_meeting(council, now),
        _by_due([row for row in rows if row.standing == Standing.OPEN]),
        _by_due([row for row in rows if row.standing == Standing.OVERDUE]),
    )


@dataclass
class PlanProgress:
    plan: Plan
    period: ReportingPeriod
    tally: Tally


def observer_progress(
    *, periods: dict[int, list[ReportingPeriod]], today: date
) -> list[PlanProgress]:
    """The current period of each plan with its counts (two queries)."""
    current = current_periods(periods, today)
    tallies = {period.pk: Tally() for period in current}
    for slot in expected_slots(current):
        tallies[slot.period.pk].add(slot, today)
    return [PlanProgress(period.plan, period, tallies[period.pk]) for period in current]


# --- the page --------------------------------------------------------------------------------


@dataclass
class ClusterTasks:
    cluster: Cluster
    roles: list[str] = field(default_factory=list)  # as the page names them
    representative: RepresentativeTasks | None = None
    coordinator: CoordinatorTasks | None = None
    council: CouncilTasks | None = None
    progress: list[PlanProgress] | None = None
    can_manage: bool = False
    own_organization_id: int | None = None  # a representative's organization

    @property
    def is_empty(self) -> bool:
        return not (self.representative or self.coordinator or self.council or self.progress)


def my_tasks(*, user, today: date, now: datetime) -> list[ClusterTasks]:
    """The start page of `user`: one entry per cluster they have a role in, by name."""
    roles = user_roles(user)
    admin = is_administrator(user)
    clusters = list(clusters_for(user).order_by("short_name"))
    if not clusters:
        return []
    ids = [cluster.pk for cluster in clusters]
    periods = plan_periods(ids)
    councils = {
        council.cluster_id: council for council in Council.objects.filter(cluster_id__in=ids)
    }
    organizations = {
        organization.pk: organization
        for organization in Organization.objects.filter(
            pk__in=[role.organization_id for role in roles.values() if role.organization_id]
        )
    }
    result = []
    for cluster in clusters:
        own = {
            plan_id: items
            for plan_id, items in periods.items()
            if items[0].plan.cluster_id == cluster.pk
        }
        council = councils.get(cluster.pk)
        role = roles.get(cluster.pk)
        entry = ClusterTasks(cluster)
        if admin or (role is not None and role.kind == UserRole.Kind.COORDINATOR):
            entry.roles.append("координатор" if not admin else "администратор")
            entry.can_manage = True
            entry.coordinator = coordinator_tasks(
                cluster=cluster, periods=own, council=council, today=today, now=now
            )
        if role is not None and role.kind == UserRole.Kind.REPRESENTATIVE:
            organization = organizations[role.organization_id]
            entry.own_organization_id = organization.pk
            entry.roles.append(f"представитель: {organization.short_name}")
            entry.representative = representative_tasks(
                cluster=cluster,
                organization=organization,
                periods=own,
                council=council,
                today=today,
                now=now,
            )
        officer = council_roles(user, cluster) & set(OFFICER_ROLES) if council else set()
        if officer:
            entry.roles.extend(
                sorted(
                    ("председатель совета" if r == "chair" else "секретарь совета") for r in officer
                )
            )
            entry.council = council_tasks(council=council, today=today, now=now)
        if role is not None and role.kind == UserRole.Kind.OBSERVER:
            entry.roles.append("наблюдатель")
            entry.progress = observer_progress(periods=own, today=today)
        result.append(entry)
    return result
