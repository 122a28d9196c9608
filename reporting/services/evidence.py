"""Evidence on reports: files checked before anything is stored, and links to publications."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.files import (
    atomic_with_files,
    check_file,
    check_link,
    delete_on_commit,
    evidence_link_attach,
    stored_file_attach,
)
from plans.models import Obligation
from reporting.models import Evidence, Report, ReportingPeriod
from reporting.services.reports import report_ensure


def _check_editable(report: Report) -> None:
    if not report.is_editable:
        raise ValidationError(
            f"Отчёт {report.get_state_display()} — добавлять и убирать подтверждения сейчас нельзя."
        )


@atomic_with_files
def evidence_add_file(
    *, obligation: Obligation, period: ReportingPeriod, actor, filename: str, data: bytes
) -> Evidence:
    """Attach a file. It is checked (size, type by content, zip bomb) before anything is written:
    a refused file leaves no report, no row and no file behind; a failed transaction leaves no
    file either (core.files)."""
    kind = check_file(filename, data)
    report = report_ensure(obligation=obligation, period=period, actor=actor)
    _check_editable(report)
    return stored_file_attach(
        Evidence(report=report), filename=filename, data=data, kind=kind, actor=actor
    )


@transaction.atomic
def evidence_add_link(
    *, obligation: Obligation, period: ReportingPeriod, actor, url: str, title: str = ""
) -> Evidence:
    """Attach a link to a publication (a site, a social network post, a media article)."""
    url = check_link(url)
    report = report_ensure(obligation=obligation, period=period, actor=actor)
    _check_editable(report)
    return evidence_link_attach(Evidence(report=report), url=url, title=title, actor=actor)


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
    delete_on_commit(evidence.file)
    evidence.delete()
