"""Reads on plans: filtered activity lists, states against today, the timeline.

Every list starts from a plan or organization the caller already got through the access layer and
costs a fixed number of queries: activities, their objectives (joined) and obligations (prefetched).
The state is one SQL expression (`state_expression`) over the deadline columns, today and the
`execution` column that the reporting services keep up to date, so filtering, counting and paging
by state run in the database and a page reads only its own rows.
"""

import calendar
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db.models import Case, CharField, Count, DateField, F, Q, QuerySet, Value, When
from django.utils import timezone

from orgs.models import Cluster, Organization
from parsing.deadlines import Deadline, DeadlineKind, Every
from plans.models import Activity, Execution, Obligation, Plan


class State(enum.StrEnum):
    """Where an activity (or one organization's obligation) stands today, from dates and reports."""

    DONE = "done"
    PARTIAL = "partial"
    SUBMITTED = "submitted"
    POSTPONED = "postponed"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DUE_SOON = "due_soon"
    OVERDUE_NOT_DONE = "overdue_not_done"
    OVERDUE = "overdue"
    AS_NEEDED = "as_needed"
    UNPARSED = "unparsed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


# «Срок прошёл» (a date fact) and «не выполнено» (what an accepted report says) are told apart:
# a passed deadline with no accepted report reads «срок прошёл — нет отчёта».
STATE_LABELS = {
    State.DONE: "выполнено",
    State.PARTIAL: "выполнено частично",
    State.SUBMITTED: "на проверке",
    State.POSTPONED: "перенесено",
    State.NOT_STARTED: "не начато",
    State.IN_PROGRESS: "в работе",
    State.DUE_SOON: "скоро срок",
    State.OVERDUE_NOT_DONE: "срок прошёл — не выполнено",
    State.OVERDUE: "срок прошёл — нет отчёта",
    State.AS_NEEDED: "по мере необходимости",
    State.UNPARSED: "срок не распознан",
}

# Accepted reports said it was not (or not yet) done.
UNFINISHED = (Execution.NOT_DONE, Execution.IN_PROGRESS, Execution.POSTPONED)


def activity_deadline(activity) -> Deadline:
    return Deadline(
        text=activity.deadline_text,
        kind=DeadlineKind(activity.deadline_kind),
        start=activity.deadline_start,
        end=activity.deadline_end,
        every=Every(activity.deadline_every) if activity.deadline_every else None,
        reason=activity.deadline_reason or None,
    )


def next_due(activity, today: date) -> date | None:
    """The next date something is due on or after today (the last one once all have passed)."""
    occurrences = activity_deadline(activity).occurrences()
    if not occurrences:
        return None
    return next((due for due in occurrences if due >= today), occurrences[-1])


def activity_state(activity, today: date, execution: str | None = None) -> State:
    """The state of one row in Python: the same rules as `state_expression` (a test holds the two
    together), for rows not read through a selector. `execution` defaults to the row's own."""
    if execution is None:
        execution = getattr(activity, "execution", Execution.NONE)
    if execution == Execution.DONE:
        return State.DONE
    kind = activity.deadline_kind
    undated = kind in (DeadlineKind.AS_NEEDED, DeadlineKind.UNPARSED) or (
        activity.deadline_end is None
    )
    if undated or today > activity.deadline_end:
        if execution == Execution.SUBMITTED:
            return State.SUBMITTED
        if execution == Execution.PARTIAL:
            return State.PARTIAL
        if kind == DeadlineKind.AS_NEEDED:
            return State.AS_NEEDED
        if undated:
            return State.UNPARSED
        if execution in UNFINISHED:
            return State.OVERDUE_NOT_DONE
        return State.OVERDUE
    if execution == Execution.POSTPONED or getattr(activity, "deadline_moved", False):
        return State.POSTPONED
    if execution in (Execution.SUBMITTED, Execution.PARTIAL):
        return State(execution)
    if activity.deadline_start and today < activity.deadline_start:
        if execution in (Execution.IN_PROGRESS, Execution.NOT_DONE):
            return State.IN_PROGRESS
        return State.NOT_STARTED
    soon = today + timedelta(days=settings.DUE_SOON_DAYS)
    if any(today <= due <= soon for due in activity_deadline(activity).occurrences()):
        return State.DUE_SOON
    return State.IN_PROGRESS


def add_years(day: date, years: int) -> date:
    """The same day `years` later (28 Feb for a 29 Feb the later year lacks)."""
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _recurring_due_soon(today: date, soon: date, field: str) -> Q:
    """Recurring rows (already started, not yet ended) with a due date within today..soon.

    Every occurrence is a period end (Sunday, month, quarter, half-year end) or, once a year, the
    anniversary of the deadline's end. Which period ends fall within today..soon does not depend on
    the row, so the condition is just «the row ends on or after the first of them».
    """
    conditions = Q(pk__in=[])
    for every in Every:
        if every is Every.YEAR:
            for years in range(0, 5):
                upper = add_years(soon, years)
                if upper.month == 2 and upper.day == 28 and calendar.isleap(upper.year):
                    upper = upper + timedelta(days=1)  # a 29 Feb end is due on 28 Feb earlier
                lower = add_years(today, years)
                if today.month == 2 and today.day == 29 and lower.day == 28:
                    lower = lower + timedelta(days=1)
                conditions |= Q(
                    **{
                        f"{field}deadline_every": every.value,
                        f"{field}deadline_end__range": (lower, upper),
                    }
                )
            continue
        ends = Deadline("", DeadlineKind.RECURRING, today, soon, every=every).occurrences()
        if ends:
            conditions |= Q(
                **{f"{field}deadline_every": every.value, f"{field}deadline_end__gte": ends[0]}
            )
    return conditions


def state_expression(today: date, *, field: str = "", execution: str = "execution") -> Case:
    """The state as SQL, for `annotate(state=…)`: filters, counts and ordering run in the database.

    A moved deadline (an approved deadline change) reads «перенесено» until the new one passes.

    `field` prefixes the deadline columns (``"activity__"`` from an obligation); `execution` names the
    column holding what the reports say (the activity's summary, or one obligation's own).
    """

    def q(**lookups) -> Q:
        return Q(**{f"{field}{name}": value for name, value in lookups.items()})

    done = Q(**{execution: Execution.DONE})
    ex = {value: Q(**{execution: value}) for value in Execution.values}
    unfinished = Q(**{f"{execution}__in": UNFINISHED})
    undated = q(deadline_kind__in=[DeadlineKind.AS_NEEDED, DeadlineKind.UNPARSED]) | q(
        deadline_end__isnull=True
    )
    ended = undated | q(deadline_end__lt=today)
    soon = today + timedelta(days=settings.DUE_SOON_DAYS)
    due_soon = (q(deadline_kind=DeadlineKind.INTERVAL) & q(deadline_end__lte=soon)) | (
        q(deadline_kind=DeadlineKind.RECURRING) & _recurring_due_soon(today, soon, field)
    )
    return Case(
        When(done, then=Value(State.DONE.value)),
        When(ended & ex[Execution.SUBMITTED], then=Value(State.SUBMITTED.value)),
        When(ended & ex[Execution.PARTIAL], then=Value(State.PARTIAL.value)),
        When(q(deadline_kind=DeadlineKind.AS_NEEDED), then=Value(State.AS_NEEDED.value)),
        When(undated, then=Value(State.UNPARSED.value)),
        When(ended & unfinished, then=Value(State.OVERDUE_NOT_DONE.value)),
        When(ended, then=Value(State.OVERDUE.value)),
        When(ex[Execution.POSTPONED] | q(deadline_moved=True), then=Value(State.POSTPONED.value)),
        When(ex[Execution.SUBMITTED], then=Value(State.SUBMITTED.value)),
        When(ex[Execution.PARTIAL], then=Value(State.PARTIAL.value)),
        When(
            q(deadline_start__gt=today)
            & Q(**{f"{execution}__in": [Execution.IN_PROGRESS, Execution.NOT_DONE]}),
            then=Value(State.IN_PROGRESS.value),
        ),
        When(q(deadline_start__gt=today), then=Value(State.NOT_STARTED.value)),
        When(due_soon, then=Value(State.DUE_SOON.value)),
        default=Value(State.IN_PROGRESS.value),
        output_field=CharField(),
    )


def due_expression(today: date, *, field: str = "") -> Case:
    """When a row is next due, for ordering in SQL (pages show `next_due`, computed per row).

    Interval: its end. Recurring and running: the first period end from today on. Not started:
    its start. As needed and unparsed: NULL (ordered last).
    """

    def q(**lookups) -> Q:
        return Q(**{f"{field}{name}": value for name, value in lookups.items()})

    whens = [
        When(q(deadline_kind=DeadlineKind.INTERVAL), then=F(f"{field}deadline_end")),
        When(
            q(deadline_kind=DeadlineKind.RECURRING, deadline_start__gt=today),
            then=F(f"{field}deadline_start"),
        ),
    ]
    for every in Every:
        first = None
        if every is not Every.YEAR:
            ends = Deadline(
                "", DeadlineKind.RECURRING, today, add_years(today, 1), every=every
            ).occurrences()
            first = ends[0] if ends else None
        if first is not None:
            whens.append(
                When(
                    q(
                        deadline_kind=DeadlineKind.RECURRING,
                        deadline_every=every.value,
                        deadline_end__gte=first,
                    ),
                    then=Value(first),
                )
            )
    whens.append(When(q(deadline_kind=DeadlineKind.RECURRING), then=F(f"{field}deadline_end")))
    return Case(*whens, default=Value(None), output_field=DateField())


@dataclass(frozen=True)
class Period:
    """A month («2023-10») or a quarter («2023-Q4») to filter activities by."""

    code: str
    start: date
    end: date
    label: str


MONTHS = "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()
ROMAN = ("I", "II", "III", "IV")


def plan_periods(plan: Plan) -> list[Period]:
    """The months and quarters of the plan's window, for the period filter."""
    months, quarters = [], {}
    year, month = plan.window_start.year, plan.window_start.month
    while date(year, month, 1) <= plan.window_end:
        last = calendar.monthrange(year, month)[1]
        months.append(
            Period(
                f"{year}-{month:02d}",
                date(year, month, 1),
                date(year, month, last),
                f"{MONTHS[month - 1].capitalize()} {year}",
            )
        )
        quarter = (month - 1) // 3
        code = f"{year}-Q{quarter + 1}"
        if code not in quarters:
            end_month = quarter * 3 + 3
            quarters[code] = Period(
                code,
                date(year, quarter * 3 + 1, 1),
                date(year, end_month, calendar.monthrange(year, end_month)[1]),
                f"{ROMAN[quarter]} квартал {year}",
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return list(quarters.values()) + months


def search_key(text: str) -> str:
    """Case- and ё-insensitive search key; SQLite's LIKE folds only ASCII, so we fold ourselves."""
    return " ".join(text.casefold().replace("ё", "е").split())


@dataclass
class ActivityFilters:
    q: str = ""
    organization: Organization | None = None
    objective_id: int | None = None
    period: Period | None = None
    state: State | None = None
    due_from: date | None = None  # the due date (deadline end) within due_from..due_to
    due_to: date | None = None
    ordering: str = "position"  # position | number | deadline_end | -deadline_end


ORDERINGS = ("position", "number", "deadline_end", "-deadline_end")


def number_sort_key(number: str) -> str:
    """«2.10» after «2.9» in SQL: every run of digits zero-padded, so text order is number order."""
    key = "".join(
        part.zfill(8) if part.isdigit() else part.casefold()
        for part in re.findall(r"\d+|\D+", number)
    )
    return key[:200]


class DeadlineRow(NamedTuple):
    """The columns a state needs: enough to rank activities without loading them."""

    pk: int
    deadline_kind: str
    deadline_start: date | None
    deadline_end: date | None
    deadline_every: str
    deadline_text: str = ""
    deadline_reason: str = ""


DEADLINE_COLUMNS = ("pk", "deadline_kind", "deadline_start", "deadline_end", "deadline_every")

ORDERING_FIELDS = {
    "position": ("position",),
    "number": ("number_sort", "position"),
    "deadline_end": (F("deadline_end").asc(nulls_last=True), "position"),
    "-deadline_end": (F("deadline_end").desc(nulls_last=True), "position"),
}


def with_state(activities: QuerySet[Activity], today: date) -> QuerySet[Activity]:
    """Activities annotated with `state`: the one place the plan's pages, feeds, API and exports
    get an activity's state from."""
    return activities.annotate(state=state_expression(today))


def activity_queryset(
    *, plan: Plan, filters: ActivityFilters, today: date | None = None
) -> QuerySet[Activity]:
    """The plan's matching activities, with their state, in the asked order — all in SQL.

    Slice it for a page: the database filters, counts and orders, and returns only that page.
    """
    today = today or timezone.localdate()
    activities = with_state(Activity.objects.filter(plan=plan), today)
    if filters.q:
        activities = activities.filter(search_text__contains=search_key(filters.q))
    if filters.organization is not None:
        activities = activities.filter(
            pk__in=Obligation.objects.filter(organization=filters.organization).values("activity")
        )
    if filters.objective_id is not None:
        activities = activities.filter(objective_id=filters.objective_id)
    if filters.period is not None:
        activities = activities.filter(
            Q(deadline_kind__in=[DeadlineKind.INTERVAL, DeadlineKind.RECURRING])
            & Q(deadline_start__lte=filters.period.end)
            & Q(deadline_end__gte=filters.period.start)
        )
    if filters.due_from is not None:
        activities = activities.filter(deadline_end__gte=filters.due_from)
    if filters.due_to is not None:
        activities = activities.filter(deadline_end__lte=filters.due_to)
    if filters.state is not None:
        activities = activities.filter(state=filters.state.value)
    ordering = ORDERING_FIELDS.get(filters.ordering, ORDERING_FIELDS["position"])
    return activities.order_by(*ordering)


def state_counts(activities: QuerySet[Activity]) -> dict[State, int]:
    """How many activities are in each state: one GROUP BY query, in the order states are listed."""
    counted = dict(
        activities.order_by()
        .values_list("state")
        .annotate(count=Count("pk"))
        .values_list("state", "count")
    )
    return {state: counted[state.value] for state in State if counted.get(state.value)}


@dataclass
class ArchiveSummary:
    """A plan whose year is over, in one sentence per fact: what was done and what was not."""

    total: int
    counts: dict[State, int]

    def count(self, *states: State) -> int:
        return sum(self.counts.get(state, 0) for state in states)

    @property
    def done(self) -> int:
        return self.count(State.DONE)

    @property
    def partial(self) -> int:
        return self.count(State.PARTIAL)

    @property
    def not_done(self) -> int:
        return self.count(State.OVERDUE_NOT_DONE)

    @property
    def unreported(self) -> int:
        return self.count(State.OVERDUE)

    @property
    def other(self) -> list[tuple[str, int]]:
        shown = {State.DONE, State.PARTIAL, State.OVERDUE_NOT_DONE, State.OVERDUE}
        return [(state.label, n) for state, n in self.counts.items() if state not in shown]


def plan_archive_summary(
    plan: Plan, today: date, *, counts: dict[State, int] | None = None
) -> ArchiveSummary | None:
    """What the plan achieved, once its year is over (None while it runs). One query, none when
    the caller already counted the whole plan's states (`counts`)."""
    if plan.window_end >= today:
        return None
    if counts is None:
        counts = state_counts(with_state(Activity.objects.filter(plan=plan), today))
    return ArchiveSummary(sum(counts.values()), counts)


@dataclass
class ExecutorGroup:
    """The organizations one phrase of the executors cell stands for («Руководители ПОО» → 35)."""

    phrase: str
    organizations: list[tuple[int, str, bool]] = field(default_factory=list)  # id, name, leads


def executor_groups(activity_ids: list[int]) -> dict[int, list[ExecutorGroup]]:
    """Obligations of many activities grouped by phrase, from one query of plain tuples."""
    rows = (
        Obligation.objects.filter(activity_id__in=activity_ids)
        .order_by("activity_id", "-role", "organization__short_name")
        .values_list(
            "activity_id", "source_phrase", "role", "organization_id", "organization__short_name"
        )
    )
    groups: dict[int, dict[str, ExecutorGroup]] = {}
    for activity_id, phrase, role, organization_id, name in rows:
        by_phrase = groups.setdefault(activity_id, {})
        group = by_phrase.setdefault(phrase, ExecutorGroup(phrase))
        group.organizations.append((organization_id, name, role == Obligation.Role.LEAD))
    return {activity_id: list(by_phrase.values()) for activity_id, by_phrase in groups.items()}


def page_rows(
    activities: Iterable[Activity], today: date, *, with_executors: bool = True
) -> list[Activity]:
    """One page of annotated activities, each with its due date and (one query) its executors."""
    activities = list(activities)
    groups = executor_groups([a.pk for a in activities]) if with_executors and activities else {}
    for activity in activities:
        activity.state = State(activity.state)
        activity.due = next_due(activity, today)
        activity.executor_groups = groups.get(activity.pk, [])
    return activities


def activity_rows(ids: list[int], today: date, *, with_executors: bool = True) -> list[Activity]:
    """Full activities for the given ids, in that order, with state, due date and executors."""
    by_id = with_state(Activity.objects.select_related("objective"), today).in_bulk(ids)
    return page_rows([by_id[pk] for pk in ids if pk in by_id], today, with_executors=with_executors)


def organization_obligation_list(
    *, cluster: Cluster, organization: Organization, today: date
) -> QuerySet[Obligation]:
    """What an organization owes in a cluster, soonest due first; as-needed and unparsed last.

    Each obligation carries `state` — the organization's own: its reports, the activity's dates.
    Ordered in SQL, so a page reads only its rows.
    """
    return (
        with_obligation_state(
            Obligation.objects.filter(organization=organization, activity__plan__cluster=cluster),
            today,
        )
        .select_related("activity__plan", "activity__objective")
        .annotate(due_order=due_expression(today, field="activity__"))
        .order_by(
            F("due_order").asc(nulls_last=True),
            "activity__plan__window_start",
            "activity__position",
            "pk",
        )
    )


def with_obligation_state(obligations: QuerySet[Obligation], today: date) -> QuerySet[Obligation]:
    """Obligations annotated with `state`: each organization's own reports, the activity's dates."""
    return obligations.annotate(state=state_expression(today, field="activity__"))


def obligation_rows(obligations: Iterable[Obligation], today: date) -> list[Obligation]:
    """One page of `organization_obligations`, each activity with the obligation's state and due."""
    obligations = list(obligations)
    for obligation in obligations:
        obligation.state = State(obligation.state)
        obligation.activity.state = obligation.state
        obligation.activity.due = next_due(obligation.activity, today)
    return obligations


@dataclass
class TimelineBar:
    activity: Activity
    left: float  # percent of the window
    width: float
    ticks: list[float]  # recurring due dates, percent of the window


def timeline(
    plan: Plan, activities: list[Activity], today: date
) -> tuple[list[Period], list[TimelineBar], float | None]:
    """Months across the plan window, one bar per dated activity and today's line, in percent."""
    months = [period for period in plan_periods(plan) if "Q" not in period.code]
    total = (plan.window_end - plan.window_start).days + 1

    def percent(day: date) -> float:
        clipped = min(max(day, plan.window_start), plan.window_end + timedelta(days=1))
        return round(100 * (clipped - plan.window_start).days / total, 2)

    bars = []
    for activity in activities:
        if activity.deadline_start is None or activity.deadline_end is None:
            bars.append(TimelineBar(activity, 0, 0, []))
            continue
        left = percent(activity.deadline_start)
        right = percent(activity.deadline_end + timedelta(days=1))
        ticks = []
        if activity.deadline_kind == DeadlineKind.RECURRING:
            ticks = [percent(due) for due in activity_deadline(activity).occurrences()]
        bars.append(TimelineBar(activity, left, max(right - left, 0.6), ticks))
    today_percent = percent(today) if plan.window_start <= today <= plan.window_end else None
    return months, bars, today_percent
