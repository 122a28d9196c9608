"""E-mails to the accompanying teacher of a group: received, confirmed, declined, moved up from the
waiting list, reminder. Each carries the school's own link to the registration."""

from __future__ import annotations

import logging

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


def site_url(path: str = "") -> str:
    """An absolute address for e-mails (settings.SITE_URL, http://localhost:8000 in development)."""
    base = getattr(settings, "SITE_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + path


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
