"""Writes on the agenda: items with their speakers and linked plan activities, «СЛУШАЛИ» and
«ВЫСТУПИЛИ», and materials (files checked by content and size before anything is stored)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from core.files import atomic_with_files, check_file, delete_on_commit, stored_file_attach
from council.models import AgendaItem, AgendaMaterial, Meeting
from council.services.common import lock_meeting, one_line, paragraphs
from plans.models import Activity


def cluster_activities(meeting: Meeting, activity_ids: Iterable[int]) -> list[Activity]:
    """The current activities of the meeting's cluster with these ids; any other id is refused."""
    wanted = {int(pk) for pk in activity_ids}
    found = list(
        Activity.objects.filter(pk__in=wanted, plan__cluster_id=meeting.council.cluster_id)
    )
    if len(found) != len(wanted):
        raise ValidationError(
            {"activities": "Среди выбранных мероприятий есть не относящиеся к планам кластера."}
        )
    return found


@transaction.atomic
def item_create(
    *,
    meeting: Meeting,
    actor,
    title: str,
    speaker: str = "",
    activity_ids: Iterable[int] = (),
) -> AgendaItem:
    """A new item at the end of the agenda."""
    meeting = lock_meeting(meeting)
    title = paragraphs(title)
    if not title:
        raise ValidationError({"title": "Сформулируйте вопрос повестки."})
    activities = cluster_activities(meeting, activity_ids)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"]
    item = AgendaItem(
        meeting=meeting, position=(last or 0) + 1, title=title, speaker=one_line(speaker)
    )
    item.full_clean()
    item.save()
    item.activities.set(activities)
    return item


@transaction.atomic
def item_update(
    *,
    item: AgendaItem,
    actor,
    title: str,
    speaker: str = "",
    activity_ids: Iterable[int] = (),
    heard: str = "",
    spoke: str = "",
) -> AgendaItem:
    """Change an item, and write what was heard and said on it (the protocol's СЛУШАЛИ/ВЫСТУПИЛИ)."""
    meeting = lock_meeting(item.meeting)
    title = paragraphs(title)
    if not title:
        raise ValidationError({"title": "Сформулируйте вопрос повестки."})
    activities = cluster_activities(meeting, activity_ids)
    item.title, item.speaker = title, one_line(speaker)
    item.heard, item.spoke = paragraphs(heard), paragraphs(spoke)
    item.full_clean()
    item.save()
    item.activities.set(activities)
    return item


@transaction.atomic
def item_remove(*, item: AgendaItem, actor) -> None:
    """Take an item off the agenda (while it has no decisions); later items move up."""
    meeting = lock_meeting(item.meeting)
    if item.decisions.exists():
        raise ValidationError(
            f"По вопросу {item.position} уже записаны решения — убрать его из повестки нельзя."
        )
    for material in item.materials.all():
        delete_on_commit(material.file)
    item.delete()
    for position, later in enumerate(
        AgendaItem.objects.filter(meeting=meeting).order_by("position"), start=1
    ):
        if later.position != position:
            later.position = position
            later.save(update_fields=["position"])


@transaction.atomic
def item_move(*, item: AgendaItem, actor, up: bool) -> AgendaItem:
    """Swap an item with the one above (or below) it."""
    meeting = lock_meeting(item.meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(items):
        return item
    items[index], items[other_index] = items[other_index], items[index]
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])
    return next(each for each in items if each.pk == item.pk)


@atomic_with_files
def material_add(*, item: AgendaItem, actor, filename: str, data: bytes) -> AgendaMaterial:
    """Attach a file to an item. It is checked first (type by content, size, zip bombs): a refused
    file, or a failed transaction, leaves no row and no file behind."""
    kind = check_file(filename, data)
    lock_meeting(item.meeting)
    material = AgendaMaterial(item=item)
    return stored_file_attach(material, filename=filename, data=data, kind=kind, actor=actor)


@transaction.atomic
def material_remove(*, material: AgendaMaterial, actor) -> None:
    lock_meeting(material.item.meeting)
    delete_on_commit(material.file)
    material.delete()
