"""Event lists and one event's page, each in a fixed number of queries.

The public calendar and the sign-in list share `EventFilters` and `filter_events`; they differ in
what they start from (public upcoming events of a cluster vs. every event of a cluster the user
reads, which the view got through `events.access`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Event, EventKind, GroupRegistration, TimeSlot
from events.selectors.figures import day_bounds, first_start, last_end, with_participants
from orgs.models import Cluster

HOLDING = GroupRegistration.HOLDING


@dataclass
class EventFilters:
    kind_id: int | None = None
    grade: int | None = None
    profession: str = ""
    municipality: str = ""
    date_from: date | None = None
    date_to: date | None = None
    status: str = ""
    host_id: int | None = None
    activity_id: int | None = None

    @property
    def any(self) -> bool:
        return any(value not in (None, "") for value in vars(self).values())


def slots_with_places() -> QuerySet[TimeSlot]:
    """Slots with `taken` (pupils of groups holding places) and `waiting` (groups waiting)."""
    return TimeSlot.objects.annotate(
        taken=Coalesce(
            Sum("registrations__pupils", filter=Q(registrations__status__in=HOLDING)), 0
        ),
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
    ).order_by("starts_at", "pk")


def filter_events(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.kind_id:
        events = events.filter(kind_id=filters.kind_id)
    if filters.grade:
        events = events.filter(
            Q(audience=Event.Audience.SCHOOLCHILDREN)
            & (Q(grade_min__isnull=True) | Q(grade_min__lte=filters.grade))
            & (Q(grade_max__isnull=True) | Q(grade_max__gte=filters.grade))
        )
    if filters.profession:
        events = events.filter(profession=filters.profession)
    if filters.municipality:
        events = events.filter(municipality=filters.municipality)
    if filters.date_from or filters.date_to:
        low, high = day_bounds(
            filters.date_from or date(1900, 1, 1), filters.date_to or date(9999, 12, 30)
        )
        events = events.filter(
            Exists(
                TimeSlot.objects.filter(
                    event=OuterRef("pk"), starts_at__gte=low, starts_at__lt=high
                )
            )
        )
    if filters.status:
        events = events.filter(status=filters.status)
    if filters.host_id:
        events = events.filter(host_id=filters.host_id)
    if filters.activity_id:
        events = events.filter(activity_id=filters.activity_id)
    return events


def public_event_list(*, cluster: Cluster, filters: EventFilters, now: datetime) -> QuerySet[Event]:
    """The cluster's public events still to come (planned or open), soonest first."""
    events = (
        Event.objects.filter(
            cluster=cluster,
            is_public=True,
            status__in=(Event.Status.PLANNED, Event.Status.OPEN),
        )
        .annotate(first_start=first_start(), last_end=last_end())
        .filter(last_end__gte=now)
    )
    return (
        filter_events(events, filters)
        .select_related("kind", "host")
        .prefetch_related(Prefetch("slots", queryset=slots_with_places()))
        .order_by("first_start", "pk")
    )


def public_choices(*, cluster: Cluster, now: datetime) -> dict[str, list]:
    """The values the public filters offer: kinds, professions and municipalities in use."""
    upcoming = (
        Event.objects.filter(cluster=cluster, is_public=True)
        .exclude(status=Event.Status.CANCELLED)
        .annotate(last_end=last_end())
        .filter(last_end__gte=now)
    )
    rows = list(upcoming.values_list("kind_id", "profession", "municipality"))
    kind_ids = {row[0] for row in rows}
    return {
        "kinds": list(EventKind.objects.filter(pk__in=kind_ids).order_by("position", "name")),
        "professions": sorted({row[1] for row in rows if row[1]}),
        "municipalities": sorted({row[2] for row in rows if row[2]}),
    }


def _count_of(status_filter: Q) -> Coalesce:
    return Coalesce(
        Subquery(
            GroupRegistration.objects.filter(status_filter, slot__event=OuterRef("pk"))
            .order_by()
            .values("slot__event")
            .annotate(total=Count("pk"))
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def event_list(*, cluster: Cluster, filters: EventFilters) -> QuerySet[Event]:
    """Every event of the cluster for the sign-in list, newest first, with counts per event."""
    events = Event.objects.filter(cluster=cluster).annotate(
        first_start=first_start(),
        pending=_count_of(Q(status=GroupRegistration.Status.PENDING)),
        groups=_count_of(Q(status__in=HOLDING)),
        waiting=_count_of(Q(status=GroupRegistration.Status.WAITLISTED)),
    )
    return (
        with_participants(filter_events(events, filters))
        .select_related("kind", "host", "activity")
        .order_by("-first_start", "-pk")
    )


def event_page(event: Event) -> dict:
    """What one event's sign-in page shows: slots with places, groups, tallies, evidence."""
    slots = list(slots_with_places().filter(event=event))
    registrations = list(
        GroupRegistration.objects.filter(slot__event=event).order_by(
            "slot__starts_at", "created_at", "pk"
        )
    )
    by_slot: dict[int, list[GroupRegistration]] = {slot.pk: [] for slot in slots}
    for registration in registrations:
        by_slot.setdefault(registration.slot_id, []).append(registration)
    for slot in slots:
        slot.groups = by_slot.get(slot.pk, [])
    attended = sum(r.attended or 0 for r in registrations)
    started = bool(slots) and slots[0].starts_at <= timezone.now()
    tallies = list(event.tallies.all())
    competitors = list(event.competitors.all())
    return {
        "slots": slots,
        "registrations": registrations,
        "partners": list(event.partners.order_by("short_name")),
        "tallies": tallies,
        "competitors": competitors,
        "evidence": list(event.evidence.all()),
        "attended": attended,
        "participants": attended + sum(t.count for t in tallies) + len(competitors),
        "started": started,
        "unmarked": [r for r in registrations if r.holds_places and r.attended is None],
    }
