"""School groups on time slots: register, wait, move up, confirm, decline, cancel, attendance.

Places are counted in pupils. Pending and confirmed groups hold places; a group that does not fit
goes to the waiting list. When places free up (a group cancels or is declined, the host adds
places), waiting groups move up in the order they came — each one that fits, so a small group is
not kept waiting behind a big one that cannot fit. The slot row is locked while places are counted,
so two schools registering at once cannot both take the last places.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from events.models import MAX_GROUP, Event, GroupRegistration, TimeSlot
from events.services.mail import send_to_teacher
from events.text import clean_line, school_key

Status = GroupRegistration.Status
Source = GroupRegistration.Source


def places_taken(slot: TimeSlot, *, exclude: int | None = None) -> int:
    held = GroupRegistration.objects.filter(slot=slot, status__in=GroupRegistration.HOLDING)
    if exclude is not None:
        held = held.exclude(pk=exclude)
    return held.aggregate(n=Sum("pupils"))["n"] or 0


def registration_key(*, school_name: str, municipality: str) -> str:
    """One school in one municipality (two «СОШ № 1» of different towns are two schools)."""
    return f"{school_key(municipality)}|{school_key(school_name)}"[:300]


def _notify(kind: str, registration: GroupRegistration) -> None:
    transaction.on_commit(partial(send_to_teacher, kind, registration))


def group_check(
    *, slot: TimeSlot, event: Event, grade: int | None, pupils: int, key: str, source: str, now
) -> None:
    if event.status in (Event.Status.HELD, Event.Status.CANCELLED):
        raise ValidationError(f"Мероприятие {event.get_status_display()} — запись закрыта.")
    if source == Source.PUBLIC and event.status != Event.Status.OPEN:
        raise ValidationError("Запись на это мероприятие ещё не открыта или уже закрыта.")
    if source == Source.PUBLIC and slot.starts_at <= now:
        raise ValidationError({"slot": "Это время уже прошло — выберите другое."})
    if not 1 <= pupils <= MAX_GROUP:
        raise ValidationError({"pupils": f"Число учеников в группе — от 1 до {MAX_GROUP}."})
    if slot.capacity is not None and pupils > slot.capacity:
        raise ValidationError(
            {
                "pupils": f"Группа больше, чем всего мест на это время ({slot.capacity}). "
                "Разделите её на несколько заявок или выберите другое время."
            }
        )
    if event.audience == Event.Audience.SCHOOLCHILDREN and grade is None:
        raise ValidationError({"grade": "Укажите класс учеников."})
    if grade is not None and not 1 <= grade <= 11:
        raise ValidationError({"grade": "Класс — от 1 до 11."})
    if (
        grade is not None
        and event.grade_min
        and event.grade_max
        and not event.grade_min <= grade <= event.grade_max
    ):
        raise ValidationError({"grade": f"Мероприятие рассчитано на {event.grades}."})
    duplicate = GroupRegistration.objects.filter(
        slot=slot,
        school_key=key,
        grade=grade,
        status__in=(*GroupRegistration.HOLDING, Status.WAITLISTED),
    )
    if duplicate.exists():
        grade_words = f"{grade} класс" if grade else "группу"
        raise ValidationError(
            f"Эта школа уже записала {grade_words} на это время. Чтобы изменить число учеников, "
            "отмените прежнюю заявку по ссылке из письма и подайте новую."
        )


@transaction.atomic
def registration_create(
    *,
    slot: TimeSlot,
    school_name: str,
    municipality: str,
    grade: int | None,
    pupils: int,
    teacher_name: str,
    teacher_email: str = "",
    teacher_phone: str = "",
    consent: bool,
    source: str,
    actor=None,
    now: datetime | None = None,
    notify: bool = True,
) -> GroupRegistration:
    """A school's group on a slot: holding places if they are free, otherwise on the waiting list."""
    now = now or timezone.now()
    slot = TimeSlot.objects.select_for_update().select_related("event").get(pk=slot.pk)
    event = slot.event
    school_name = clean_line(school_name, 300)
    municipality = clean_line(municipality, 200)
    teacher_name = clean_line(teacher_name, 200)
    teacher_phone = clean_line(teacher_phone, 30)
    errors = {}
    if not school_name:
        errors["school_name"] = "Укажите название школы."
    if not municipality:
        errors["municipality"] = "Укажите муниципалитет (город или район)."
    if not teacher_name:
        errors["teacher_name"] = "Укажите ФИО сопровождающего педагога."
    if not teacher_email and not teacher_phone:
        errors["teacher_email"] = "Оставьте e-mail или телефон педагога, чтобы с ним связаться."
    if not consent:
        errors["consent"] = (
            "Без согласия педагога на обработку его имени и контактов заявку принять нельзя."
        )
    if errors:
        raise ValidationError(errors)
    key = registration_key(school_name=school_name, municipality=municipality)
    group_check(slot=slot, event=event, grade=grade, pupils=pupils, key=key, source=source, now=now)
    fits = slot.capacity is None or places_taken(slot) + pupils <= slot.capacity
    registration = GroupRegistration(
        slot=slot,
        school_name=school_name,
        school_key=key,
        municipality=municipality,
        grade=grade,
        pupils=pupils,
        teacher_name=teacher_name,
        teacher_email=teacher_email.strip(),
        teacher_phone=teacher_phone,
        consent=True,
        status=Status.PENDING if fits else Status.WAITLISTED,
        source=source,
    )
    registration.full_clean()
    registration.save()
    if notify:
        _notify("received", registration)
    return registration


@transaction.atomic
def waitlist_promote(*, slot: TimeSlot) -> list[GroupRegistration]:
    """Move waiting groups up, in the order they came, as far as the free places go."""
    slot = TimeSlot.objects.select_for_update().get(pk=slot.pk)
    taken = places_taken(slot)
    promoted = []
    for registration in slot.registrations.filter(status=Status.WAITLISTED).order_by(
        "created_at", "pk"
    ):
        if slot.capacity is not None and taken + registration.pupils > slot.capacity:
            continue
        registration.status = Status.PENDING
        registration.save(update_fields=["status"])
        taken += registration.pupils
        promoted.append(registration)
        _notify("promoted", registration)
    return promoted


def _locked(registration: GroupRegistration) -> GroupRegistration:
    return (
        GroupRegistration.objects.select_for_update()
        .select_related("slot__event")
        .get(pk=registration.pk)
    )


@transaction.atomic
def registration_confirm(*, registration: GroupRegistration, actor) -> GroupRegistration:
    registration = _locked(registration)
    if registration.status != Status.PENDING:
        raise ValidationError(
            f"Заявка {registration.get_status_display()} — подтвердить можно только ждущую."
        )
    registration.status = Status.CONFIRMED
    registration.decided_at, registration.decided_by = timezone.now(), actor
    registration.save(update_fields=["status", "decided_at", "decided_by"])
    _notify("confirmed", registration)
    return registration


@transaction.atomic
def registration_decline(
    *, registration: GroupRegistration, actor, reason: str = ""
) -> GroupRegistration:
    registration = _locked(registration)
    if registration.status in GroupRegistration.CLOSED:
        raise ValidationError(f"Заявка уже {registration.get_status_display()}.")
    registration.status = Status.DECLINED
    registration.decline_reason = clean_line(reason, 500)
    registration.decided_at, registration.decided_by = timezone.now(), actor
    registration.save(update_fields=["status", "decline_reason", "decided_at", "decided_by"])
    _notify("declined", registration)
    waitlist_promote(slot=registration.slot)
    return registration


@transaction.atomic
def registration_cancel(*, registration: GroupRegistration, actor=None) -> GroupRegistration:
    """The school (by its link) or the host cancels; waiting groups move up into the places."""
    registration = _locked(registration)
    if registration.status in GroupRegistration.CLOSED:
        raise ValidationError(f"Заявка уже {registration.get_status_display()}.")
    if registration.slot.event.status == Event.Status.HELD:
        raise ValidationError("Мероприятие уже проведено — заявку не отменить.")
    registration.status = Status.CANCELLED
    registration.decided_at, registration.decided_by = timezone.now(), actor
    registration.save(update_fields=["status", "decided_at", "decided_by"])
    _notify("cancelled", registration)
    waitlist_promote(slot=registration.slot)
    return registration


@transaction.atomic
def attendance_mark(
    *, event: Event, counts: Mapping[int, int | None], actor, now: datetime | None = None
) -> Event:
    """How many pupils of each group came (None: not marked). Marks the event held."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError("Мероприятие отменено — посещаемость не отмечается.")
    first = event.slots.order_by("starts_at").values_list("starts_at", flat=True).first()
    if first is None or first > now:
        raise ValidationError("Отметить, сколько пришло, можно после начала мероприятия.")
    registrations = {
        r.pk: r
        for r in GroupRegistration.objects.filter(slot__event=event).exclude(
            status__in=GroupRegistration.CLOSED
        )
    }
    errors = []
    for registration_id, value in counts.items():
        registration = registrations.get(registration_id)
        if registration is None:
            errors.append("Заявка не относится к этому мероприятию или уже отменена.")
            continue
        if value is not None and not 0 <= value <= MAX_GROUP:
            errors.append(f"{registration.school_name}: пришло — число от 0 до {MAX_GROUP}.")
    if errors:
        raise ValidationError(errors)
    for registration_id, value in counts.items():
        registration = registrations[registration_id]
        if registration.attended != value:
            registration.attended = value
            registration.save(update_fields=["attended"])
    if event.status != Event.Status.HELD:
        event.status = Event.Status.HELD
        event.save(update_fields=["status", "updated_at"])
    return event
