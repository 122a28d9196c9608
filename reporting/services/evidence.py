"""Evidence on reports: files checked before anything is stored, and links to publications."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from plans.models import Obligation
from reporting.evidence import check_evidence_file, clean_filename
from reporting.models import Evidence, Report, ReportingPeriod
from reporting.services.reports import report_ensure


def _check_editable(report: Report) -> None:
    if not report.is_editable:
        raise ValidationError(
            f"Отчёт {report.get_state_display()} — добавлять и убирать подтверждения сейчас нельзя."
        )


@transaction.atomic
def evidence_add_file(
    *, obligation: Obligation, period: ReportingPeriod, actor, filename: str, data: bytes
) -> Evidence:
    """Attach a file. It is checked (size, type by content, zip bomb) before anything is written:
    a refused file leaves no report, no row and no file behind."""
    kind = check_evidence_file(filename, data)
    report = report_ensure(obligation=obligation, period=period, actor=actor)
    _check_editable(report)
    evidence = Evidence(
        report=report,
        kind=Evidence.Kind.FILE,
        original_name=clean_filename(filename),
        content_type=kind.content_type,
        size=len(data),
        added_by=actor,
    )
    evidence.file.save(evidence.original_name, ContentFile(data), save=False)
    try:
        evidence.full_clean()
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_add_link(
    *, obligation: Obligation, period: ReportingPeriod, actor, url: str, title: str = ""
) -> Evidence:
    """Attach a link to a publication (a site, a social network post, a media article)."""
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": "Укажите полный адрес публикации, начиная с http:// или https://."}
        ) from None
    report = report_ensure(obligation=obligation, period=period, actor=actor)
    _check_editable(report)
    evidence = Evidence(
        report=report,
        kind=Evidence.Kind.LINK,
        url=url,
        title=" ".join(title.split())[:300],
        added_by=actor,
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor) -> None:
    """Take evidence off a draft. What a submitted version showed is kept (marked removed); what
    nobody but the author ever saw is deleted with its file."""
    report = Report.objects.select_for_update().get(pk=evidence.report_id)
    _check_editable(report)
    if report.versions.exists():
        evidence.removed_at = timezone.now()
        evidence.save(update_fields=["removed_at"])
        return
    if evidence.file:
        stored = evidence.file
        transaction.on_commit(lambda: stored.delete(save=False))
    evidence.delete()
