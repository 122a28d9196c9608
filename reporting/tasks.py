"""Background jobs of execution, on Django's task API (django-tasks; `clusterplan db_worker` runs
them with the database backend). Tasks take plain JSON arguments and call the services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from reporting.services.jobs import report_job_run
from reporting.services.reminders import reminders_send


@task()
def send_reminders(today: str | None = None) -> int:
    """Reminders, escalations and digests due today (or on the ISO date given); how many went out."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    return len(reminders_send(today=day))


@task()
def build_consolidated_report(job_id: int) -> str:
    """Make a consolidated report asked for on the page; returns the job's final state."""
    return report_job_run(job_id=job_id).state
