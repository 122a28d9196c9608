"""Writes on meetings: create and change, mark attendance, confirm it took place, close it with
the signed protocol's scan. Every function refuses a closed meeting (services.common)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.files import (
    atomic_with_files,
    check_file,
    clean_filename,
    delete_on_commit,
    extension_of,
    store_on_commit,
)
from council.models import Attendance, Council, CouncilMember, Decision, Meeting
from council.selectors.council import members_on, officer
from council.selectors.meetings import quorum_for
from council.services.common import lock_meeting, one_line, paragraphs
from orgs.models import Person
from plans.models import Objective

SCAN_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")


def next_number(council: Council, year: int) -> int:
    last = Meeting.objects.filter(council=council, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _check_fields(meeting: Meeting) -> None:
    errors = {}
    if meeting.format == Meeting.Format.IN_PERSON and not meeting.place:
        errors["place"] = "Укажите место проведения очного заседания."
    if meeting.format == Meeting.Format.ONLINE and not meeting.link:
        errors["link"] = "Укажите ссылку на видеоконференцию."
    if meeting.number < 1:
        errors["number"] = "Номер протокола — целое число от 1."
    clash = Meeting.objects.filter(
        council=meeting.council, year=meeting.year, number=meeting.number
    ).exclude(pk=meeting.pk)
    if "number" not in errors and clash.exists():
        errors["number"] = (
            f"Заседание с протоколом № {meeting.number} в {meeting.year} году уже есть. "
            f"Следующий свободный номер — {next_number(meeting.council, meeting.year)}."
        )
    for name in ("chair", "secretary"):
        person = getattr(meeting, name)
        if (
            person is not None
            and not person.council_memberships.filter(council=meeting.council).exists()
        ):
            errors[name] = f"{person} не входит в состав совета."
    if errors:
        raise ValidationError(errors)


def attendance_sync(meeting: Meeting) -> None:
    """One attendance row for every member on the council on the meeting date."""
    have = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member=member)
        for member in members_on(meeting.council, meeting.local_date)
        if member.pk not in have
    )


def _officer_person(council: Council, day, role: str) -> Person | None:
    member = officer(council, day, role)
    return member.person if member else None


@transaction.atomic
def meeting_create(
    *,
    council: Council,
    actor,
    starts_at: datetime,
    format: str = Meeting.Format.IN_PERSON,
    place: str = "",
    link: str = "",
    number: int | None = None,
    duration_minutes: int = 120,
    invited_text: str = "",
    chair: Person | None = None,
    secretary: Person | None = None,
) -> Meeting:
    """A planned meeting; the chair and secretary default to the council's on that date, and
    every member on the council then gets an attendance row (to invite and to mark)."""
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    day = timezone.localtime(starts_at).date()
    council = Council.objects.select_for_update().get(pk=council.pk)
    meeting = Meeting(
        council=council,
        number=number or next_number(council, day.year),
        year=day.year,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        format=format,
        place=one_line(place),
        link=link.strip(),
        invited_text=paragraphs(invited_text),
        chair=chair or _officer_person(council, day, CouncilMember.Role.CHAIR),
        secretary=secretary or _officer_person(council, day, CouncilMember.Role.SECRETARY),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _check_fields(meeting)
    meeting.full_clean(exclude=["created_by"])
    meeting.save()
    attendance_sync(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    actor,
    number: int,
    starts_at: datetime,
    format: str,
    place: str = "",
    link: str = "",
    duration_minutes: int = 120,
    invited_text: str = "",
    chair: Person | None = None,
    secretary: Person | None = None,
) -> Meeting:
    """Change a meeting that is not closed; the section of its assignments follows the new number
    and date."""
    meeting = lock_meeting(meeting)
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    meeting.number, meeting.starts_at = number, starts_at
    meeting.year = timezone.localtime(starts_at).date().year
    meeting.format, meeting.place, meeting.link = format, one_line(place), link.strip()
    meeting.duration_minutes = duration_minutes
    meeting.invited_text = paragraphs(invited_text)
    meeting.chair, meeting.secretary = chair, secretary
    _check_fields(meeting)
    meeting.full_clean(exclude=["created_by", "closed_by"])
    meeting.save()
    if meeting.control_objective_id:
        Objective.objects.filter(pk=meeting.control_objective_id).update(
            title=protocol_title(meeting)
        )
    attendance_sync(meeting)
    return meeting


def protocol_title(meeting: Meeting) -> str:
    return f"Протокол № {meeting.number} от {meeting.local_date:%d.%m.%Y}"


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor) -> None:
    """Delete a planned meeting that has no decisions yet (a date set by mistake)."""
    meeting = lock_meeting(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(
            "Заседание уже состоялось — удалить его нельзя; исправьте его данные."
        )
    if Decision.objects.filter(item__meeting=meeting).exists():
        raise ValidationError("По заседанию уже записаны решения — удалить его нельзя.")
    for item in meeting.items.all():
        for material in item.materials.all():
            delete_on_commit(material.file)
    meeting.delete()


@transaction.atomic
def attendance_mark(*, meeting: Meeting, actor, marks: dict[int, str]) -> list[Attendance]:
    """Mark who is present: `marks` maps a member id to a presence value. A member not on the
    council on the meeting date, an unknown value or a substitute that was never named is refused
    and nothing is written; taking the quorum away from recorded decisions is refused too."""
    meeting = lock_meeting(meeting)
    attendance_sync(meeting)
    rows = {
        attendance.member_id: attendance
        for attendance in Attendance.objects.filter(
            meeting=meeting,
            member__in=members_on(meeting.council, meeting.local_date),
        ).select_related("member__person", "member__substitute")
    }
    errors = []
    for member_id, presence in marks.items():
        attendance = rows.get(member_id)
        if attendance is None:
            errors.append("В отметке есть человек, который не входит в совет на дату заседания.")
            continue
        if presence not in Attendance.Presence.values:
            errors.append(f"{attendance.member.person}: неизвестная отметка присутствия.")
            continue
        if presence == Attendance.Presence.SUBSTITUTE and attendance.member.substitute is None:
            errors.append(
                f"У члена совета {attendance.member.person} не указан замещающий. Отметьте его "
                "присутствие или отсутствие либо укажите замещающего в составе совета."
            )
    if errors:
        raise ValidationError(errors)
    changed = []
    for member_id, presence in marks.items():
        attendance = rows[member_id]
        substitute = (
            attendance.member.substitute if presence == Attendance.Presence.SUBSTITUTE else None
        )
        if (attendance.presence, attendance.substitute_id) != (
            presence,
            substitute.pk if substitute else None,
        ):
            attendance.presence, attendance.substitute = presence, substitute
            changed.append(attendance)
    Attendance.objects.bulk_update(changed, ["presence", "substitute"])
    if Decision.objects.filter(item__meeting=meeting).exists() and not quorum_for(meeting).reached:
        raise ValidationError(
            "По заседанию уже записаны решения, а с такой отметкой кворума нет: решения без "
            "кворума не принимаются. Проверьте отметку присутствия."
        )
    return changed


@transaction.atomic
def attendance_respond(*, attendance: Attendance, response: str, actor=None) -> Attendance:
    """A member answers the invitation (by the signed link or on the page)."""
    meeting = lock_meeting(attendance.meeting)
    if meeting.status != Meeting.Status.PLANNED or meeting.starts_at < timezone.now():
        raise ValidationError("Заседание уже прошло — отвечать на приглашение больше не нужно.")
    if response not in Attendance.Response.values or response == Attendance.Response.UNKNOWN:
        raise ValidationError("Выберите ответ: буду, не смогу или направлю замещающего.")
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    attendance.response = response
    attendance.responded_at = timezone.now()
    attendance.save(update_fields=["response", "responded_at"])
    return attendance


@transaction.atomic
def meeting_hold(*, meeting: Meeting, actor) -> Meeting:
    """Confirm the meeting took place: only once it has begun and only with a quorum. It then
    counts as held for plan activity 1.1 (the `council.meetings_held` value source)."""
    from council.services.indicator import meetings_indicator_ensure

    meeting = lock_meeting(meeting)
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError("Заседание уже отмечено как состоявшееся.")
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            f"Заседание назначено на {timezone.localtime(meeting.starts_at):%d.%m.%Y %H:%M} — "
            "отметить его состоявшимся можно после начала."
        )
    quorum = quorum_for(meeting)
    if not quorum.reached:
        raise ValidationError(f"{quorum.text} Без кворума заседание не считается состоявшимся.")
    meeting.status = Meeting.Status.HELD
    meeting.held_at = timezone.now()
    meeting.save(update_fields=["status", "held_at"])
    meetings_indicator_ensure(council=meeting.council, day=meeting.local_date, actor=actor)
    return meeting


def check_scan(filename: str, data: bytes):
    """A scan of the signed protocol: PDF, JPEG or PNG, checked by its content and size."""
    if extension_of(filename) not in SCAN_EXTENSIONS:
        raise ValidationError("Скан протокола принимается в формате PDF, JPEG или PNG.")
    return check_file(filename, data)


@atomic_with_files
def meeting_close(*, meeting: Meeting, actor, filename: str, data: bytes) -> Meeting:
    """Attach the signed protocol's scan and close the meeting: from now on it is the record."""
    kind = check_scan(filename, data)
    meeting = lock_meeting(meeting)
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            "Сначала отметьте, что заседание состоялось, затем прикрепите подписанный протокол."
        )
    meeting.scan_name = clean_filename(filename)
    meeting.scan_content_type = kind.content_type
    store_on_commit(meeting.scan, meeting.scan_name, data)
    meeting.status = Meeting.Status.CLOSED
    meeting.closed_at = timezone.now()
    meeting.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    meeting.save(
        update_fields=["scan", "scan_name", "scan_content_type", "status", "closed_at", "closed_by"]
    )
    return meeting


__all__ = [
    "attendance_mark",
    "attendance_respond",
    "attendance_sync",
    "meeting_close",
    "meeting_create",
    "meeting_delete",
    "meeting_hold",
    "meeting_update",
    "next_number",
    "protocol_title",
]
