"""Reads on plans: filtered activity lists, states against today, the timeline.

Every list starts from a plan or organization the caller already got through the access layer and
costs a fixed number of queries: activities, their objectives (joined) and obligations (prefetched).
"""

import calendar
import enum
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db.models import F, Q, QuerySet

from orgs.models import Cluster, Organization
from parsing.deadlines import Deadline, DeadlineKind, Every
from plans.models import Activity, Obligation, Plan


class State(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    AS_NEEDED = "as_needed"
    UNPARSED = "unparsed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.NOT_STARTED: "не начато",
    State.IN_PROGRESS: "в работе",
    State.DUE_SOON: "скоро срок",
    State.OVERDUE: "просрочено",
    State.AS_NEEDED: "по мере необходимости",
    State.UNPARSED: "срок не распознан",
}


def activity_deadline(activity: Activity) -> Deadline:
    return Deadline(
        text=activity.deadline_text,
        kind=DeadlineKind(activity.deadline_kind),
        start=activity.deadline_start,
        end=activity.deadline_end,
        every=Every(activity.deadline_every) if activity.deadline_every else None,
        reason=activity.deadline_reason or None,
    )


def next_due(activity: Activity, today: date) -> date | None:
    """The next date something is due on or after today (the last one once all have passed)."""
    occurrences = activity_deadline(activity).occurrences()
    if not occurrences:
        return None
    return next((due for due in occurrences if due >= today), occurrences[-1])


def activity_state(activity: Activity, today: date) -> State:
    """Where an activity stands by its dates alone (reports will refine this)."""
    if activity.deadline_kind == DeadlineKind.AS_NEEDED:
        return State.AS_NEEDED
    if activity.deadline_kind == DeadlineKind.UNPARSED or activity.deadline_end is None:
        return State.UNPARSED
    if today > activity.deadline_end:
        return State.OVERDUE
    if activity.deadline_start and today < activity.deadline_start:
        return State.NOT_STARTED
    due = next_due(activity, today)
    if due is not None and (due - today).days <= settings.DUE_SOON_DAYS:
        return State.DUE_SOON
    return State.IN_PROGRESS


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


def number_key(number: str) -> tuple:
    """«2.10» after «2.9»: digits compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.findall(r"\d+|\D+", number)
    )


class DeadlineRow(NamedTuple):
    """The columns a state needs: enough to rank a thousand activities without loading them."""

    pk: int
    deadline_kind: str
    deadline_start: date | None
    deadline_end: date | None
    deadline_every: str
    deadline_text: str = ""
    deadline_reason: str = ""


DEADLINE_COLUMNS = ("pk", "deadline_kind", "deadline_start", "deadline_end", "deadline_every")


def activity_queryset(*, plan: Plan, filters: ActivityFilters) -> QuerySet[Activity]:
    """The plan's activities after every filter but the state (which depends on today)."""
    activities = Activity.objects.filter(plan=plan).order_by("position")
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
    if filters.ordering == "deadline_end":
        activities = activities.order_by(F("deadline_end").asc(nulls_last=True), "position")
    elif filters.ordering == "-deadline_end":
        activities = activities.order_by(F("deadline_end").desc(nulls_last=True), "position")
    return activities


def activity_ids(*, plan: Plan, filters: ActivityFilters, today: date) -> list[int]:
    """Ids of the matching activities in the asked order: one narrow query, states computed here."""
    rows = activity_queryset(plan=plan, filters=filters).values_list(*DEADLINE_COLUMNS, "number")
    matching = [
        (values[-1], DeadlineRow(*values[:-1]))
        for values in rows
        if filters.state is None
        or activity_state(DeadlineRow(*values[:-1]), today) == filters.state
    ]
    if filters.ordering == "number":
        matching.sort(key=lambda item: number_key(item[0]))
    return [row.pk for _, row in matching]


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


def activity_rows(ids: list[int], today: date, *, with_executors: bool = True) -> list[Activity]:
    """Full activities for one page of ids, in that order, with state, due date and executors."""
    by_id = Activity.objects.select_related("objective").in_bulk(ids)
    groups = executor_groups(ids) if with_executors and ids else {}
    activities = [by_id[pk] for pk in ids if pk in by_id]
    for activity in activities:
        activity.state = activity_state(activity, today)
        activity.due = next_due(activity, today)
        activity.executor_groups = groups.get(activity.pk, [])
    return activities


def organization_obligation_ids(
    *, cluster: Cluster, organization: Organization, today: date
) -> list[int]:
    """What an organization owes in a cluster, soonest due first; as-needed and unparsed last."""
    rows = (
        Obligation.objects.filter(organization=organization, activity__plan__cluster=cluster)
        .order_by("activity__plan__window_start", "activity__position")
        .values_list("pk", *(f"activity__{column}" for column in DEADLINE_COLUMNS[1:]))
    )
    ranked = []
    for position, row in enumerate(DeadlineRow(*values) for values in rows):
        ranked.append((next_due(row, today) or date.max, position, row.pk))
    return [pk for _, _, pk in sorted(ranked)]


def obligation_rows(ids: list[int], today: date) -> list[Obligation]:
    by_id = Obligation.objects.select_related("activity__plan", "activity__objective").in_bulk(ids)
    obligations = [by_id[pk] for pk in ids if pk in by_id]
    for obligation in obligations:
        obligation.activity.state = activity_state(obligation.activity, today)
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
