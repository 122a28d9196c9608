"""Invitations to a meeting: an e-mail to every member with an address, an .ics file for the
calendar and a signed link to confirm attendance without signing in.

The .ics is METHOD:PUBLISH, not REQUEST: attendance is confirmed through the link (or on the
meeting page), so calendar programs do not offer «accept» buttons whose answers would go nowhere.
The link carries the attendance id signed with the site's key (django.core.signing); it cannot be
forged or moved to another meeting, and it stops working once the meeting has passed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from council.models import AgendaItem, Attendance, Meeting
from council.selectors.council import members_on

logger = logging.getLogger(__name__)

RSVP_SALT = "council.rsvp"
RSVP_MAX_AGE = timedelta(days=180)
PRODID = "-//ClusterPlan//Координационный совет//RU"


def rsvp_token(attendance: Attendance) -> str:
    return signing.dumps({"a": attendance.pk, "m": attendance.meeting_id}, salt=RSVP_SALT)


def rsvp_attendance(token: str) -> Attendance | None:
    """The attendance a signed link stands for; None for a forged, altered or expired link."""
    try:
        data = signing.loads(token[:500], salt=RSVP_SALT, max_age=RSVP_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return (
        Attendance.objects.filter(pk=data.get("a"), meeting_id=data.get("m"))
        .select_related("meeting__council__cluster", "member__person", "member__organization")
        .first()
    )


def where(meeting: Meeting) -> str:
    if meeting.format == Meeting.Format.CORRESPONDENCE:
        return "заочно (опросным порядком)"
    parts = [part for part in (meeting.place, meeting.link) if part]
    return ", ".join(parts)


def meeting_ics(meeting: Meeting, items: list[AgendaItem], *, url: str = "") -> bytes:
    """The meeting as a calendar event; UID stable per meeting, so a re-sent invitation updates
    the same entry."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"council-meeting-{meeting.pk}@clusterplan")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + timedelta(minutes=meeting.duration_minutes or 120))
    event.add("summary", f"Заседание Координационного совета № {meeting.number}")
    location = where(meeting)
    if location:
        event.add("location", location)
    agenda = "\n".join(f"{item.position}. {' '.join(item.title.split())}" for item in items)
    description = f"Форма проведения: {meeting.get_format_display()}."
    if agenda:
        description += f"\n\nПовестка дня:\n{agenda}"
    if url:
        description += f"\n\n{url}"
        event.add("url", url)
    event.add("description", description)
    calendar.add_component(event)
    return calendar.to_ical()


@dataclass
class InviteResult:
    sent: int = 0
    without_email: int = 0
    failed: int = 0


def meeting_invite(*, meeting: Meeting, actor, base_url: str, resend: bool = False) -> InviteResult:
    """E-mail the invitation to every member on the council on the meeting date who has an address
    (members already invited are skipped unless `resend`). A failed send is logged and counted;
    the others still go out. Not one transaction on purpose: an e-mail cannot be taken back, so
    each one sent is recorded as it goes."""
    meeting = Meeting.objects.select_related("council__cluster").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.PLANNED or meeting.starts_at < timezone.now():
        raise ValidationError("Приглашения рассылаются только на предстоящее заседание.")
    from council.services.meetings import attendance_sync

    attendance_sync(meeting)
    items = list(meeting.items.order_by("position"))
    base_url = base_url.rstrip("/")
    page_url = base_url + reverse("council:council_meeting", args=[meeting.pk])
    ics = meeting_ics(meeting, items, url=page_url)
    attendances = Attendance.objects.filter(
        meeting=meeting, member__in=members_on(meeting.council, meeting.local_date)
    ).select_related("member__person", "member__organization")
    result = InviteResult()
    connection = get_connection()
    for attendance in attendances:
        person = attendance.member.person
        if not person.email:
            result.without_email += 1
            continue
        if attendance.invited_at and not resend:
            continue
        body = render_to_string(
            "council/email/invitation.txt",
            {
                "meeting": meeting,
                "council": meeting.council,
                "person": person,
                "items": items,
                "where": where(meeting),
                "rsvp_url": base_url
                + reverse("council:council_rsvp", args=[rsvp_token(attendance)]),
                "page_url": page_url,
            },
        )
        message = EmailMessage(
            subject=f"Заседание Координационного совета № {meeting.number} — "
            f"{timezone.localtime(meeting.starts_at):%d.%m.%Y %H:%M}",
            body=body,
            to=[person.email],
            connection=connection,
        )
        message.attach(
            f"zasedanie-{meeting.number}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH"
        )
        try:
            message.send()
        except Exception:
            logger.exception("Приглашение на заседание %s не отправлено (%s)", meeting.pk, person)
            result.failed += 1
            continue
        Attendance.objects.filter(pk=attendance.pk).update(invited_at=timezone.now())
        result.sent += 1
    if result.sent:
        Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=timezone.now())
    return result
