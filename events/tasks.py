"""Background jobs of events on Django's task API (django-tasks; `clusterplan db_worker` runs them).
Tasks take plain JSON arguments and call the services."""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

from events.services import event_reminders_send


@task()
def send_event_reminders(now: str | None = None) -> int:
    """Remind the teachers of confirmed groups whose time is near; how many e-mails went out."""
    moment = datetime.fromisoformat(now) if now else None
    return len(event_reminders_send(now=moment))
