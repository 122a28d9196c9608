"""Writes on events, their kinds and time slots. Keyword-only, atomic, Russian messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from events.models import (
    DEFAULT_KINDS,
    MAX_CAPACITY,
    Event,
    EventKind,
    GroupRegistration,
    ProfessionalClass,
    TimeSlot,
)
from events.services.mail import send_to_teacher
from events.services.registrations import places_taken, waitlist_promote
from events.text import clean_line
from orgs.models import Cluster, Organization
from plans.models import Activity


@dataclass(frozen=True)
class SlotData:
    starts_at: datetime
    ends_at: datetime
    capacity: int | None = None


@transaction.atomic
def event_kinds_ensure(*, cluster: Cluster) -> list[EventKind]:
    """The cluster's kinds; a cluster without any gets the usual list (as the data migration did)."""
    kinds = list(EventKind.objects.filter(cluster=cluster))
    if kinds:
        return kinds
    EventKind.objects.bulk_create(
        EventKind(
            cluster=cluster,
            code=code,
            name=name,
            is_trial=is_trial,
            named_participants=named,
            position=position,
        )
        for position, (code, name, is_trial, named) in enumerate(DEFAULT_KINDS, start=1)
    )
    return list(EventKind.objects.filter(cluster=cluster))


@transaction.atomic
def event_kind_create(
    *, cluster: Cluster, name: str, is_trial: bool = False, named_participants: bool = False, actor
) -> EventKind:
    """A coordinator's own kind («Профпроба «Билет в будущее»»)."""
    name = clean_line(name, 100)
    if not name:
        raise ValidationError({"name": "Укажите название вида мероприятия."})
    # Compared here, not with iexact: SQLite folds the case of Latin letters only.
    existing = EventKind.objects.filter(cluster=cluster).values_list("name", flat=True)
    if any(other.casefold() == name.casefold() for other in existing):
        raise ValidationError({"name": f"Вид «{name}» уже есть в кластере."})
    base = slugify(name, allow_unicode=False)[:40] or "kind"
    code, n = base, 1
    while EventKind.objects.filter(cluster=cluster, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    position = (
        EventKind.objects.filter(cluster=cluster).aggregate(m=Max("position"))["m"] or 0
    ) + 1
    kind = EventKind(
        cluster=cluster,
        code=code,
        name=name,
        is_trial=is_trial,
        named_participants=named_participants,
        position=position,
    )
    kind.full_clean()
    kind.save()
    return kind


def _check_slot(slot: SlotData) -> None:
    if slot.ends_at <= slot.starts_at:
        raise ValidationError("Время окончания должно быть позже начала.")
    if slot.capacity is not None and not 1 <= slot.capacity <= MAX_CAPACITY:
        raise ValidationError(f"Число мест — от 1 до {MAX_CAPACITY} (пусто — без ограничения).")


def _check_links(
    *,
    cluster: Cluster,
    kind: EventKind,
    host: Organization,
    partners: Iterable[Organization],
    activity: Activity | None,
    professional_class: ProfessionalClass | None,
) -> None:
    """Everything an event points at belongs to its cluster (a forged id is refused here too)."""
    errors = {}
    if kind.cluster_id != cluster.pk:
        errors["kind"] = "Этот вид мероприятия относится к другому кластеру."
    members = set(
        Organization.objects.filter(memberships__cluster=cluster).values_list("pk", flat=True)
    )
    if host.pk not in members:
        errors["host"] = f"«{host}» не входит в кластер — выберите организатора из его участников."
    strangers = [str(org) for org in partners if org.pk not in members]
    if strangers:
        errors["partners"] = "Не входят в кластер: " + ", ".join(strangers) + "."
    if activity is not None and activity.plan.cluster_id != cluster.pk:
        errors["activity"] = "Это мероприятие плана относится к другому кластеру."
    if professional_class is not None and professional_class.cluster_id != cluster.pk:
        errors["professional_class"] = "Этот профессиональный класс относится к другому кластеру."
    if errors:
        raise ValidationError(errors)


def _clean_fields(event: Event) -> None:
    event.title = clean_line(event.title, 300)
    event.place = clean_line(event.place, 300)
    event.profession = clean_line(event.profession, 200)
    event.municipality = clean_line(event.municipality, 200)
    if event.audience != Event.Audience.SCHOOLCHILDREN:
        event.grade_min = event.grade_max = None
    for value in (event.grade_min, event.grade_max):
        if value is not None and not 1 <= value <= 11:
            raise ValidationError({"grade_min": "Классы — от 1 до 11."})
    if event.grade_min and event.grade_max and event.grade_min > event.grade_max:
        raise ValidationError({"grade_max": "«По класс» не может быть меньше «с класса»."})
    if not event.place and not event.online_url:
        raise ValidationError({"place": "Укажите место проведения или ссылку для участия онлайн."})


@transaction.atomic
def event_create(
    *,
    cluster: Cluster,
    kind: EventKind,
    title: str,
    host: Organization,
    slots: Sequence[SlotData],
    actor,
    partners: Sequence[Organization] = (),
    activity: Activity | None = None,
    professional_class: ProfessionalClass | None = None,
    place: str = "",
    online_url: str = "",
    audience: str = Event.Audience.SCHOOLCHILDREN,
    grade_min: int | None = None,
    grade_max: int | None = None,
    profession: str = "",
    municipality: str = "",
    description: str = "",
    status: str = Event.Status.PLANNED,
    is_public: bool = True,
) -> Event:
    """An event with its time slots (at least one)."""
    _check_links(
        cluster=cluster,
        kind=kind,
        host=host,
        partners=partners,
        activity=activity,
        professional_class=professional_class,
    )
    if not slots:
        raise ValidationError("Укажите хотя бы одно время проведения.")
    for slot in slots:
        _check_slot(slot)
    if status not in (Event.Status.PLANNED, Event.Status.OPEN):
        raise ValidationError(
            {"status": "Новое мероприятие может быть запланировано или открыто для записи."}
        )
    event = Event(
        cluster=cluster,
        kind=kind,
        title=title,
        host=host,
        activity=activity,
        professional_class=professional_class,
        place=place,
        online_url=online_url.strip(),
        audience=audience,
        grade_min=grade_min,
        grade_max=grade_max,
        profession=profession,
        municipality=municipality,
        description=description.strip(),
        status=status,
        is_public=is_public,
        created_by=actor,
    )
    _clean_fields(event)
    event.full_clean()
    event.save()
    event.partners.set([org for org in partners if org.pk != host.pk])
    TimeSlot.objects.bulk_create(
        TimeSlot(event=event, starts_at=s.starts_at, ends_at=s.ends_at, capacity=s.capacity)
        for s in sorted(slots, key=lambda s: s.starts_at)
    )
    return event


EDITABLE = (
    "kind",
    "title",
    "activity",
    "professional_class",
    "place",
    "online_url",
    "audience",
    "grade_min",
    "grade_max",
    "profession",
    "municipality",
    "description",
    "is_public",
)


@transaction.atomic
def event_update(
    *, event: Event, actor, partners: Sequence[Organization] | None = None, **fields
) -> Event:
    """Change what an event is (not its host: a host hands over by a coordinator's new event)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Эти поля здесь не меняются: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(event, name, value)
    _check_links(
        cluster=event.cluster,
        kind=event.kind,
        host=event.host,
        partners=partners or (),
        activity=event.activity,
        professional_class=event.professional_class,
    )
    _clean_fields(event)
    event.full_clean()
    event.save()
    if partners is not None:
        event.partners.set([org for org in partners if org.pk != event.host_id])
    return event


TRANSITIONS = {
    Event.Status.PLANNED: (Event.Status.OPEN, Event.Status.CANCELLED),
    Event.Status.OPEN: (Event.Status.PLANNED, Event.Status.CANCELLED),
    Event.Status.CANCELLED: (Event.Status.PLANNED,),
    Event.Status.HELD: (),
}


@transaction.atomic
def event_status_set(*, event: Event, status: str, actor) -> Event:
    """Open or close registration, cancel or restore an event («held» comes with its outcome)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if status not in TRANSITIONS.get(event.status, ()):
        current = event.get_status_display()
        target = dict(Event.Status.choices).get(status, status)
        raise ValidationError(
            f"Мероприятие {current}: перевести его в состояние «{target}» нельзя."
        )
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    if status == Event.Status.CANCELLED:
        waiting = GroupRegistration.objects.filter(slot__event=event).exclude(
            status__in=GroupRegistration.CLOSED
        )
        for registration in waiting.select_related("slot__event"):
            transaction.on_commit(partial(send_to_teacher, "event_cancelled", registration))
    return event


@transaction.atomic
def event_slot_add(*, event: Event, slot: SlotData, actor) -> TimeSlot:
    _check_slot(slot)
    if event.status in (Event.Status.HELD, Event.Status.CANCELLED):
        raise ValidationError("Мероприятие уже проведено или отменено — время не добавляется.")
    item = TimeSlot(
        event=event, starts_at=slot.starts_at, ends_at=slot.ends_at, capacity=slot.capacity
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def event_slot_update(*, slot: TimeSlot, data: SlotData, actor) -> TimeSlot:
    """Move a slot or change its places; more places let waiting groups move up."""
    _check_slot(data)
    slot = TimeSlot.objects.select_for_update().get(pk=slot.pk)
    taken = places_taken(slot)
    if data.capacity is not None and data.capacity < taken:
        raise ValidationError(
            f"На это время уже записано {taken} учеников — мест не может быть меньше. "
            "Сначала отклоните или перенесите заявки."
        )
    slot.starts_at, slot.ends_at, slot.capacity = data.starts_at, data.ends_at, data.capacity
    slot.full_clean()
    slot.save()
    waitlist_promote(slot=slot)
    return slot


@transaction.atomic
def event_slot_remove(*, slot: TimeSlot, actor) -> None:
    if slot.registrations.exists():
        raise ValidationError("На это время уже есть заявки — его нельзя удалить.")
    if slot.event.slots.count() == 1:
        raise ValidationError("Это единственное время мероприятия — его нельзя удалить.")
    slot.delete()
