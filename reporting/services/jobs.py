"""Consolidated report jobs: asked for on a page, made now (small plans) or by the task worker."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from orgs.models import Organization
from plans.models import Obligation, Plan
from reporting.consolidated import RENDERERS, build_consolidated
from reporting.models import ReportingPeriod, ReportJob

logger = logging.getLogger(__name__)

# A plan with at most this many obligations is rendered during the request (about a second).
IMMEDIATE_OBLIGATIONS = 200


# A job queued or running longer than this no longer counts against its user's limit (a worker
# killed mid-job leaves it «running»; recover_tasks fails its task, not the job row).
ACTIVE_JOB_HOURS = 2


def jobs_limit_check(actor) -> None:
    """Refuse a new job while the user has REPORT_JOBS_PER_USER queued or running. The user's
    row is locked first, so two requests at once cannot both slip under the limit."""
    limit = settings.REPORT_JOBS_PER_USER
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    active = ReportJob.objects.filter(
        requested_by=actor,
        state__in=(ReportJob.State.QUEUED, ReportJob.State.RUNNING),
        created_at__gte=timezone.now() - timedelta(hours=ACTIVE_JOB_HOURS),
    ).count()
    if active >= limit:
        raise ValidationError(
            f"У вас уже формируется отчётов: {active} (не больше {limit} одновременно). "
            "Дождитесь, пока они будут готовы, и закажите новый."
        )


@transaction.atomic
def report_job_create(
    *,
    plan: Plan,
    period: ReportingPeriod,
    actor,
    format: str = ReportJob.Format.DOCX,
    year_to_date: bool = False,
    organization: Organization | None = None,
    base_url: str = "",
) -> ReportJob:
    if period.plan_id != plan.pk:
        raise ValidationError("Период относится к другому плану.")
    if (
        organization is not None
        and not Obligation.objects.filter(activity__plan=plan, organization=organization).exists()
    ):
        raise ValidationError("Эта организация не исполняет мероприятий плана.")
    if format not in ReportJob.Format.values:
        raise ValidationError("Выберите формат: DOCX, XLSX или PDF.")
    if actor is not None:
        jobs_limit_check(actor)
    job = ReportJob(
        plan=plan,
        period=period,
        year_to_date=year_to_date,
        organization=organization,
        format=format,
        base_url=base_url[:300],
        requested_by=actor,
    )
    job.full_clean()
    job.save()
    return job


def runs_immediately(plan: Plan) -> bool:
    limit = getattr(settings, "REPORT_IMMEDIATE_OBLIGATIONS", IMMEDIATE_OBLIGATIONS)
    return Obligation.objects.filter(activity__plan=plan).count() <= limit


def report_job_request(
    *,
    plan: Plan,
    period: ReportingPeriod,
    actor,
    format: str = ReportJob.Format.DOCX,
    year_to_date: bool = False,
    organization: Organization | None = None,
    base_url: str = "",
) -> ReportJob:
    """Ask for a consolidated report: a small plan's is made now (the person waits about a
    second), a larger one's goes to the task worker once the job row is committed."""
    job = report_job_create(
        plan=plan,
        period=period,
        actor=actor,
        format=format,
        year_to_date=year_to_date,
        organization=organization,
        base_url=base_url,
    )
    if runs_immediately(plan):
        return report_job_run(job_id=job.pk)
    from reporting.tasks import build_consolidated_report  # the task module imports this one

    transaction.on_commit(lambda: build_consolidated_report.enqueue(job.pk))
    return job


def _set(job_id: int, **fields) -> None:
    ReportJob.objects.filter(pk=job_id).update(**fields)


def report_job_run(*, job_id: int) -> ReportJob:
    """Build and render the report, keeping the job's progress current; never raises for the
    report's own failures (the job records them and the page shows the message)."""
    job = ReportJob.objects.select_related("plan", "period", "organization").get(pk=job_id)
    if job.state == ReportJob.State.DONE:
        return job
    _set(job.pk, state=ReportJob.State.RUNNING, progress=1, message="")
    last = [0]

    def progress(fraction: float) -> None:
        percent = max(1, min(99, int(fraction * 100)))
        if percent >= last[0] + 5:  # a write every 5 % at most
            last[0] = percent
            _set(job.pk, progress=percent)

    try:
        report = build_consolidated(
            plan=job.plan,
            period=job.period,
            year_to_date=job.year_to_date,
            organization=job.organization,
            base_url=job.base_url,
            progress=progress,
        )
        data = RENDERERS[job.format](report, progress)
    except Exception:
        logger.exception("Consolidated report job %s failed", job.pk)
        _set(
            job.pk,
            state=ReportJob.State.FAILED,
            finished_at=timezone.now(),
            message="Отчёт не удалось сформировать. Попробуйте ещё раз; если ошибка повторится, "
            "сообщите администратору.",
        )
        job.refresh_from_db()
        return job
    filename = f"{report.filename_stem}.{job.format}"
    job.file.save(f"job-{job.pk}.{job.format}", ContentFile(data), save=False)
    _set(
        job.pk,
        file=job.file.name,
        filename=filename,
        state=ReportJob.State.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job
