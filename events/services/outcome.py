"""What happened at an event: participants by category, results, evidence, named competitors, and
the erasure of a person's data (152-ФЗ) that keeps every count."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.files import (
    atomic_with_files,
    check_file,
    check_link,
    delete_on_commit,
    evidence_link_attach,
    stored_file_attach,
)
from events.models import (
    MAX_CAPACITY,
    Competitor,
    Event,
    EventEvidence,
    GroupRegistration,
    ParticipantTally,
)
from events.text import clean_line

Category = ParticipantTally.Category


@transaction.atomic
def event_outcome_save(
    *,
    event: Event,
    results: str,
    tallies: Mapping[str, int | None],
    actor,
    now: datetime | None = None,
) -> Event:
    """Record the outcome of an event that has begun and mark it held.

    `tallies` are participants beyond the registered groups, by category; 0 or None removes one.
    """
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError("Мероприятие отменено — итоги не вносятся.")
    first = event.slots.order_by("starts_at").values_list("starts_at", flat=True).first()
    if first is None or first > now:
        raise ValidationError("Итоги вносятся после начала мероприятия.")
    errors = {}
    for category, value in tallies.items():
        if category not in Category.values:
            errors[category] = "Неизвестная категория участников."
        elif value is not None and not 0 <= value <= MAX_CAPACITY:
            errors[category] = f"Число участников — от 0 до {MAX_CAPACITY}."
    if errors:
        raise ValidationError(errors)
    for category, value in tallies.items():
        if value:
            ParticipantTally.objects.update_or_create(
                event=event, category=category, defaults={"count": value}
            )
        else:
            ParticipantTally.objects.filter(event=event, category=category).delete()
    event.results = results.strip()[:20_000]
    event.status = Event.Status.HELD
    event.save(update_fields=["results", "status", "updated_at"])
    return event


@atomic_with_files
def event_evidence_add_file(
    *, event: Event, actor, filename: str, data: bytes, title: str = ""
) -> EventEvidence:
    """A photo or document; checked by size and content before anything is written."""
    kind = check_file(filename, data)
    evidence = EventEvidence(event=event, title=clean_line(title, 300))
    return stored_file_attach(evidence, filename=filename, data=data, kind=kind, actor=actor)


@transaction.atomic
def event_evidence_add_link(*, event: Event, actor, url: str, title: str = "") -> EventEvidence:
    """A link to a publication about the event (a site, a social network post, a media article)."""
    url = check_link(url)
    evidence = EventEvidence(event=event)
    return evidence_link_attach(evidence, url=url, title=clean_line(title, 300), actor=actor)


@transaction.atomic
def event_evidence_remove(*, evidence: EventEvidence, actor) -> None:
    delete_on_commit(evidence.file)
    evidence.delete()


@transaction.atomic
def competitor_add(
    *,
    event: Event,
    full_name: str,
    organization_name: str,
    consent: bool,
    actor,
    result: str = "",
) -> Competitor:
    """A named participant, only for kinds that need names (a championship)."""
    if not event.kind.named_participants:
        raise ValidationError(
            f"Участники мероприятия вида «{event.kind}» не записываются по имени — "
            "отметьте, сколько человек пришло."
        )
    full_name = clean_line(full_name, 200)
    errors = {}
    if not full_name:
        errors["full_name"] = "Укажите ФИО участника."
    if not consent:
        errors["consent"] = "Без согласия участника на обработку данных его нельзя записать."
    if errors:
        raise ValidationError(errors)
    competitor = Competitor(
        event=event,
        full_name=full_name,
        organization_name=clean_line(organization_name, 300),
        result=clean_line(result, 200),
        consent=True,
        added_by=actor,
    )
    competitor.full_clean()
    competitor.save()
    return competitor


@transaction.atomic
def competitor_erase(*, competitor: Competitor, actor) -> Competitor:
    """Blank a named participant's data at their request; the row (and every count) stays."""
    competitor = Competitor.objects.select_for_update().get(pk=competitor.pk)
    competitor.full_name = ""
    competitor.organization_name = ""
    competitor.erased_at = competitor.erased_at or timezone.now()
    competitor.save(update_fields=["full_name", "organization_name", "erased_at"])
    return competitor


@transaction.atomic
def registration_contact_erase(*, registration: GroupRegistration, actor) -> GroupRegistration:
    """Blank an accompanying teacher's name and contacts; the group's counts stay."""
    registration = GroupRegistration.objects.select_for_update().get(pk=registration.pk)
    registration.teacher_name = ""
    registration.teacher_email = ""
    registration.teacher_phone = ""
    registration.contact_erased_at = registration.contact_erased_at or timezone.now()
    registration.save(
        update_fields=["teacher_name", "teacher_email", "teacher_phone", "contact_erased_at"]
    )
    return registration
