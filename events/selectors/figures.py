"""What held events add up to: the figures behind indicators, the coverage report and the activity
page. An event counts on the day it began (its first time slot), in the host's figures.

`held_events` is a lazy queryset; `event_figures` reads every event's participants in one query
(subqueries per event, so no row is multiplied by a join); `schools_covered` one more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Competitor, Event, GroupRegistration, ParticipantTally, TimeSlot
from orgs.models import Cluster


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of `start` to the start of the day after `end`, in the site's time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def first_start() -> Subquery:
    return Subquery(
        TimeSlot.objects.filter(event=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
    )


def last_end() -> Subquery:
    return Subquery(
        TimeSlot.objects.filter(event=OuterRef("pk")).order_by("-ends_at").values("ends_at")[:1]
    )


def held_events(
    *,
    start: date,
    end: date,
    host_id: int | None = None,
    host_ids: list[int] | None = None,
    cluster_id: int | None = None,
    activity_id: int | None = None,
    plan_id: int | None = None,
    trials_only: bool = False,
) -> QuerySet[Event]:
    """Events held that began between `start` and `end` (inclusive).

    With `activity_id`, only events linked to that activity; otherwise with `plan_id`, events
    linked to the plan's activities and the cluster's events linked to none.
    """
    low, high = day_bounds(start, end)
    events = (
        Event.objects.filter(status=Event.Status.HELD)
        .annotate(first_start=first_start())
        .filter(first_start__gte=low, first_start__lt=high)
    )
    if host_id is not None:
        events = events.filter(host_id=host_id)
    if host_ids is not None:
        events = events.filter(host_id__in=host_ids)
    if cluster_id is not None:
        events = events.filter(cluster_id=cluster_id)
    if activity_id is not None:
        events = events.filter(activity_id=activity_id)
    elif plan_id is not None:
        events = events.filter(
            Q(activity__plan_id=plan_id)
            | Q(activity__isnull=True, cluster__in=Cluster.objects.filter(plans=plan_id))
        )
    if trials_only:
        events = events.filter(kind__is_trial=True)
    return events


def _per_event_sum(queryset, field: str, link: str) -> Coalesce:
    """SUM(field) of the rows of `queryset` that belong to the outer event, 0 when none."""
    return Coalesce(
        Subquery(
            queryset.filter(**{link: OuterRef("pk")})
            .order_by()
            .values(link)
            .annotate(total=Sum(field))
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def with_participants(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate each event with `attended` (pupils of school groups who came), `others` (counted
    by category) and `named` (competitors); their sum is the event's participants."""
    return events.annotate(
        attended=_per_event_sum(
            GroupRegistration.objects.filter(attended__isnull=False), "attended", "slot__event"
        ),
        others=_per_event_sum(ParticipantTally.objects.all(), "count", "event"),
        named=Coalesce(
            Subquery(
                Competitor.objects.filter(event=OuterRef("pk"))
                .order_by()
                .values("event")
                .annotate(total=Count("pk"))
                .values("total"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )


@dataclass(frozen=True)
class EventFigures:
    pk: int
    attended: int
    others: int
    named: int

    @property
    def participants(self) -> int:
        return self.attended + self.others + self.named


def event_figures(events: QuerySet[Event]) -> list[EventFigures]:
    rows = with_participants(events).values_list("pk", "attended", "others", "named")
    return [EventFigures(*row) for row in rows]


def schools_covered(events: QuerySet[Event]) -> int:
    """Different schools whose pupils came to these events."""
    return (
        GroupRegistration.objects.filter(slot__event__in=events.values("pk"), attended__gt=0)
        .values("school_key")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class HeldEvent:
    """One held event as the indicator sources count it."""

    host_id: int
    day: date  # the local day it began
    participants: int
    schools: frozenset[str]


def held_with_figures(events: QuerySet[Event]) -> list[HeldEvent]:
    """The events (from `held_events`) with their participants and schools: two queries."""
    rows = list(
        with_participants(events).values_list(
            "pk", "host_id", "first_start", "attended", "others", "named"
        )
    )
    schools: dict[int, set[str]] = {}
    for event_id, key in (
        GroupRegistration.objects.filter(slot__event__in=[row[0] for row in rows], attended__gt=0)
        .values_list("slot__event_id", "school_key")
        .distinct()
    ):
        schools.setdefault(event_id, set()).add(key)
    return [
        HeldEvent(
            host_id=host_id,
            day=timezone.localtime(starts_at).date(),
            participants=attended + others + named,
            schools=frozenset(schools.get(pk, ())),
        )
        for pk, host_id, starts_at, attended, others, named in rows
    ]
