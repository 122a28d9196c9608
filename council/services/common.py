"""What every write on a meeting checks first: the meeting is re-read under a lock and refused
once its protocol is signed and closed."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from council.models import Meeting


def closed_message(meeting: Meeting) -> str:
    return (
        f"Заседание № {meeting.number} от {meeting.local_date:%d.%m.%Y} закрыто: подписанный "
        "протокол прикреплён, изменять заседание, его повестку, присутствие и решения нельзя."
    )


def lock_meeting(meeting: Meeting) -> Meeting:
    """The meeting as stored now, locked until the end of the transaction; refused if closed."""
    locked = (
        Meeting.objects.select_for_update().select_related("council__cluster").get(pk=meeting.pk)
    )
    if locked.is_closed:
        raise ValidationError(closed_message(locked))
    return locked


def one_line(text: str) -> str:
    return " ".join((text or "").split())


def paragraphs(text: str) -> str:
    """Text as typed, with trailing spaces and runs of empty lines tidied (paragraphs kept)."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    result: list[str] = []
    for line in lines:
        if line or (result and result[-1]):
            result.append(line)
    return "\n".join(result).strip()
