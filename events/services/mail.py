"""E-mails to the accompanying teacher of a group: received, confirmed, declined, moved up from the
waiting list, reminder. Each carries the school's own link to the registration.

Anyone can fill the public form with any e-mail address, so these e-mails repeat nothing the
submitter typed except the school's name, made harmless by `mail_text`: not the teacher's name,
not the municipality, not the number of pupils. The rest is what the host wrote (the event, the
reason for a refusal) and the link."""

from __future__ import annotations

import logging
import re
import unicodedata

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from events.models import GroupRegistration

logger = logging.getLogger(__name__)

SUBJECTS = {
    "received": "Заявка принята: {event}",
    "confirmed": "Заявка подтверждена: {event}",
    "declined": "Заявка отклонена: {event}",
    "promoted": "Освободилось место: {event}",
    "cancelled": "Заявка отменена: {event}",
    "reminder": "Напоминание: {event}",
    "event_cancelled": "Мероприятие отменено: {event}",
}


# Bidirectional overrides, zero-width characters and other invisible format characters.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
LINK_DOT = re.compile(r"(?i)(?<=[a-z0-9а-яё-])\.(?=(?:[a-z]{2,}|рф|рус)\b)")


def site_url(path: str = "") -> str:
    """An absolute address for e-mails (settings.SITE_URL: required with DEBUG off)."""
    return settings.SITE_URL.rstrip("/") + path


def mail_text(value: str) -> str:
    """Text someone typed, made safe for a plain-text e-mail to an address they chose: one line,
    no control or invisible characters, and nothing a mail client would turn into a live link
    («spam.example/buy» → «spam[.]example/buy», «http://» → «http[:]//», «@» → «[at]»). The
    school's name is the only thing typed in the public form that our e-mails repeat."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in value)
    text = INVISIBLE.sub("", text)
    text = " ".join(text.split())
    text = text.replace("://", "[:]//").replace("@", "[at]")
    return LINK_DOT.sub("[.]", text)[:300]


def registration_link(registration: GroupRegistration) -> str:
    return site_url(reverse("events:event_registration_status", args=[registration.token]))


def render(kind: str, registration: GroupRegistration) -> tuple[str, str]:
    slot = registration.slot
    event = slot.event
    context = {
        "registration": registration,
        "slot": slot,
        "event": event,
        "link": registration_link(registration),
        "school": mail_text(registration.school_name),
    }
    subject = SUBJECTS[kind].format(event=event.title)[:200]
    body = render_to_string(f"events/email/{kind}.txt", context)
    return subject, body


def send_to_teacher(
    kind: str, registration: GroupRegistration, *, raise_errors: bool = False
) -> bool:
    """Send one e-mail; False when the teacher left no address. A failed send is logged (the
    registration stands) unless `raise_errors`, which reminders use so a failure is retried."""
    if not registration.teacher_email:
        return False
    subject, body = render(kind, registration)
    try:
        send_mail(subject, body, None, [registration.teacher_email])
    except Exception:
        if raise_errors:
            raise
        logger.exception("Письмо «%s» по заявке %s не отправлено", kind, registration.pk)
        return False
    return True
