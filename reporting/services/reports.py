"""Writing, submitting and reviewing reports.

Saves are guarded by the report's `version` (optimistic locking): the form sends the version it was
opened at, and the row is updated only if it still has that version. A refused save changes nothing,
so neither person's words are lost: the first one's are stored, the second one's are still in their
form with a message saying what happened.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from plans.models import Obligation
from reporting.models import Indicator, IndicatorValue, Report, ReportingPeriod, ReportVersion
from reporting.services.execution import execution_refresh
from reporting.services.notify import notify_review

Status = Report.Status


class EditConflict(ValidationError):
    """Someone saved the report after this form was opened."""


def _who(user) -> str:
    if user is None:
        return "другой пользователь"
    return user.get_full_name() or user.get_username()


def _conflict(report: Report) -> EditConflict:
    when = timezone.localtime(report.updated_at).strftime("%H:%M")
    return EditConflict(
        f"Отчёт уже изменил(а) {_who(report.updated_by)} в {when}, пока вы его редактировали. "
        "Ваши изменения не сохранены, чтобы не затереть чужие, — они остались в форме. "
        "Скопируйте свой текст, обновите страницу и внесите правки в новую версию."
    )


def _check_fields(obligation: Obligation, status: str, values: dict[int, Decimal | None]) -> None:
    if status and status not in Status.values:
        raise ValidationError({"status": "Выберите отметку о выполнении из списка."})
    if status == Status.NOTHING and obligation.activity.deadline_kind not in (
        "as_needed",
        "unparsed",
    ):
        raise ValidationError(
            {
                "status": "«Нечего сообщить за период» подходит только мероприятиям «по мере "
                "необходимости». У этого мероприятия есть срок — выберите отметку о выполнении."
            }
        )
    manual = set(
        Indicator.objects.filter(activity_id=obligation.activity_id, source="").values_list(
            "pk", flat=True
        )
    )
    for indicator_id, value in values.items():
        if indicator_id not in manual:
            raise ValidationError("Показатель не относится к этому мероприятию.")
        if value is not None and value < 0:
            raise ValidationError("Значение показателя не может быть отрицательным.")


def _check_complete(status: str, reason: str, text: str) -> None:
    """What a report must say before it goes to review."""
    errors = {}
    if not status:
        errors["status"] = "Выберите отметку о выполнении."
    if status in Report.NEEDS_REASON and not reason.strip():
        errors["reason"] = (
            f"Для отметки «{Status(status).label}» укажите причину — координатору нужно её знать."
        )
    if status in (Status.DONE, Status.IN_PROGRESS) and not text.strip():
        errors["text"] = "Опишите, что сделано за период."
    if errors:
        raise ValidationError(errors)


def _same_content(report: Report, fields: dict, values: dict[int, Decimal | None]) -> bool:
    if any(getattr(report, name) != value for name, value in fields.items()):
        return False
    stored = dict(report.values.values_list("indicator_id", "value"))
    return all(stored.get(indicator_id) == value for indicator_id, value in values.items())


def _store_values(report: Report, values: dict[int, Decimal | None]) -> None:
    for indicator_id, value in values.items():
        if value is None:
            IndicatorValue.objects.filter(report=report, indicator_id=indicator_id).delete()
        else:
            IndicatorValue.objects.update_or_create(
                report=report, indicator_id=indicator_id, defaults={"value": value}
            )


@transaction.atomic
def report_save(
    *,
    obligation: Obligation,
    period: ReportingPeriod,
    actor,
    version: int,
    status: str = "",
    reason: str = "",
    text: str = "",
    values: dict[int, Decimal | None] | None = None,
) -> Report:
    """Save the draft (or returned report). `version` is the one the form was opened at: 0 for a
    report not yet started. Raises EditConflict if someone saved in between."""
    values = values or {}
    _check_fields(obligation, status, values)
    fields = {"status": status, "reason": reason.strip(), "text": text.strip()}
    report = Report.objects.filter(obligation=obligation, period=period).first()
    if report is None:
        if version != 0:
            raise ValidationError("Отчёт не найден: обновите страницу.")
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    obligation=obligation, period=period, updated_by=actor, version=1, **fields
                )
        except IntegrityError:  # started by someone else a moment ago
            raise _conflict(Report.objects.get(obligation=obligation, period=period)) from None
    else:
        if not report.is_editable:
            raise ValidationError(
                f"Отчёт {report.get_state_display()} — изменить его сейчас нельзя."
            )
        updated = Report.objects.filter(
            pk=report.pk, version=version, state__in=Report.EDITABLE
        ).update(version=F("version") + 1, updated_by=actor, updated_at=timezone.now(), **fields)
        if not updated:
            report.refresh_from_db()
            if not (report.is_editable and _same_content(report, fields, values)):
                raise _conflict(report)
            # The newer version says exactly what this form says (its own autosave, a moment
            # before the form was submitted): nothing would be overwritten, so it is no conflict.
        report.refresh_from_db()
    _store_values(report, values)
    return report


@transaction.atomic
def report_ensure(*, obligation: Obligation, period: ReportingPeriod, actor) -> Report:
    """The report of the obligation for the period, started as an empty draft if there is none."""
    report, _ = Report.objects.get_or_create(
        obligation=obligation, period=period, defaults={"updated_by": actor}
    )
    return report


def report_snapshot(report: Report) -> dict:
    """The report's content as kept in a version: words, values and evidence by name."""
    values = report.values.select_related("indicator").order_by("indicator__position", "pk")
    evidence = report.evidence.filter(removed_at__isnull=True).order_by("added_at", "pk")
    return {
        "status": report.status,
        "status_label": report.get_status_display(),
        "reason": report.reason,
        "text": report.text,
        "values": [
            {
                "indicator": value.indicator_id,
                "name": value.indicator.name,
                "unit": value.indicator.unit,
                "value": str(value.value),
            }
            for value in values
        ],
        "evidence": [
            {"id": item.pk, "kind": item.kind, "label": item.label, "url": item.url}
            for item in evidence
        ],
    }


@transaction.atomic
def report_submit(
    *,
    obligation: Obligation,
    period: ReportingPeriod,
    actor,
    version: int,
    status: str,
    reason: str = "",
    text: str = "",
    values: dict[int, Decimal | None] | None = None,
) -> Report:
    """Save what the form holds and send the report to review; the submission is kept as a version."""
    _check_complete(status, reason, text)
    report = report_save(
        obligation=obligation,
        period=period,
        actor=actor,
        version=version,
        status=status,
        reason=reason,
        text=text,
        values=values,
    )
    now = timezone.now()
    report.state = Report.State.SUBMITTED
    report.submitted_at = now
    report.version += 1
    report.full_clean()
    report.save(update_fields=["state", "submitted_at", "version", "updated_at"])
    ReportVersion.objects.create(
        report=report,
        number=report.versions.count() + 1,
        snapshot=report_snapshot(report),
        submitted_by=actor,
        submitted_at=now,
    )
    execution_refresh(obligation_ids=[report.obligation_id])
    return report


def _review(report: Report, actor, *, accept: bool, comment: str) -> Report:
    now = timezone.now()
    new_state = Report.State.ACCEPTED if accept else Report.State.RETURNED
    updated = Report.objects.filter(pk=report.pk, state=Report.State.SUBMITTED).update(
        state=new_state,
        review_comment=comment.strip(),
        reviewed_at=now,
        reviewed_by=actor,
        version=F("version") + 1,
        updated_at=now,
    )
    if not updated:
        report.refresh_from_db()
        raise ValidationError(
            f"Отчёт сейчас {report.get_state_display()}: решение по нему уже принято или он "
            "не отправлен на проверку."
        )
    version = report.versions.order_by("-number").first()
    if version is not None:
        version.decision = (
            ReportVersion.Decision.ACCEPTED if accept else ReportVersion.Decision.RETURNED
        )
        version.comment = comment.strip()
        version.decided_by = actor
        version.decided_at = now
        version.save(update_fields=["decision", "comment", "decided_by", "decided_at"])
    report.refresh_from_db()
    execution_refresh(obligation_ids=[report.obligation_id])
    transaction.on_commit(lambda: notify_review(report_id=report.pk))
    return report


@transaction.atomic
def report_accept(*, report: Report, actor, comment: str = "") -> Report:
    return _review(report, actor, accept=True, comment=comment)


@transaction.atomic
def report_return(*, report: Report, actor, comment: str) -> Report:
    """Send the report back to its organization; the comment says what to fix."""
    if not comment.strip():
        raise ValidationError({"comment": "Напишите, что нужно исправить в отчёте."})
    return _review(report, actor, accept=False, comment=comment)
