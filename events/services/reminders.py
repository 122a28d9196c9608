"""Reminder e-mails to the teachers of confirmed groups, a day or two before their time slot.

Each registration is claimed (`reminder_sent_at` set where it is still empty) and its e-mail sent in
one transaction: a run that repeats (cron and the worker, a retry) sends nothing twice, and a send
that fails leaves the registration unclaimed for the next run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import Event, GroupRegistration
from events.services.mail import send_to_teacher

logger = logging.getLogger(__name__)
DEFAULT_HOURS = 48


def reminder_window() -> timedelta:
    return timedelta(hours=int(getattr(settings, "EVENT_REMINDER_HOURS", DEFAULT_HOURS)))


def event_reminders_send(*, now: datetime | None = None) -> list[GroupRegistration]:
    """Remind every confirmed group whose slot starts within the window; returns those reminded."""
    now = now or timezone.now()
    due = (
        GroupRegistration.objects.filter(
            status=GroupRegistration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + reminder_window(),
            slot__event__status__in=(Event.Status.PLANNED, Event.Status.OPEN),
        )
        .exclude(teacher_email="")
        .select_related("slot__event")
        .order_by("slot__starts_at", "pk")
    )
    sent = []
    for registration in due:
        try:
            with transaction.atomic():
                claimed = GroupRegistration.objects.filter(
                    pk=registration.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=now)
                if not claimed:
                    continue
                send_to_teacher("reminder", registration, raise_errors=True)
        except Exception:
            logger.exception("Напоминание по заявке %s не отправлено", registration.pk)
            continue
        sent.append(registration)
    return sent
