"""Plan import: upload → preview (nothing written to the plan) → executor mapping → confirm."""

from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import PlanReadingChoices, PlanUpload
from orgs.models import Cluster
from parsing.deadlines import PlanWindow, parse_deadline
from parsing.documents import (
    ACTIVITY,
    CHOOSABLE_ROLES,
    SECTION,
    PlanDocument,
    PlanReadError,
    ReadChoices,
    plan_document_as_dict,
    read_plan,
)
from parsing.documents.undated import read_deadline_without_year
from plans.models import Plan
from plans.services import plan_import, plan_revision_apply, window_for


def read_upload(upload: PlanUpload) -> PlanDocument:
    try:
        return read_plan(
            bytes(upload.content),
            upload.filename,
            choices=ReadChoices.from_dict(upload.choices),
        )
    except PlanReadError as error:
        raise ValidationError(str(error)) from None


@transaction.atomic
def plan_upload_create(
    *,
    cluster: Cluster,
    filename: str,
    content: bytes,
    year_label: str,
    actor,
    plan: Plan | None = None,
    note: str = "",
) -> PlanUpload:
    """Keep an uploaded document for preview once it is known to be a readable plan.

    With `plan`, the document is a revised edition of that plan (its year is the plan's).
    """
    try:
        document = read_plan(content, filename)
    except PlanReadError as error:
        raise ValidationError(str(error)) from None
    if not any(objective.activities for objective in document.objectives):
        raise ValidationError(
            "В документе не найдено ни одного мероприятия. Проверьте, что это план работы "
            "с таблицей «№ п/п — Наименование мероприятия — Исполнители — Срок исполнения»."
        )
    if plan is None and year_label.strip():
        window_for(document, year_label)  # a year that cannot be read is refused at once
    remembered = PlanReadingChoices.objects.filter(plan=plan).first() if plan else None
    upload = PlanUpload(
        cluster=cluster,
        plan=plan,
        note=note.strip(),
        uploaded_by=actor,
        filename=filename[:255],
        content=content,
        year_label=year_label.strip(),
        choices=remembered.choices if remembered else {},
    )
    upload.full_clean()
    upload.save()
    return upload


@transaction.atomic
def plan_upload_reading_set(
    *,
    upload: PlanUpload,
    columns: dict[int, str] | None = None,
    row: tuple[str, str] | None = None,
    year_label: str | None = None,
) -> PlanUpload:
    """Correct how the upload is read: roles of columns, a row as section or activity, the year.

    The choices are kept with the upload (the preview re-reads the file with them) and, once the
    plan is saved, with the plan, so its next edition is read the same way.
    """
    choices = ReadChoices.from_dict(upload.choices)
    column_roles = dict(choices.columns)
    for index, role in (columns or {}).items():
        if role not in CHOOSABLE_ROLES:
            raise ValidationError(f"Неизвестная роль столбца: «{role}».")
        column_roles[index] = role
    rows = dict(choices.rows)
    if row is not None:
        key, kind = row
        if kind not in (SECTION, ACTIVITY) or not key:
            raise ValidationError("Строку можно отметить только как раздел или как мероприятие.")
        rows[key[:300]] = kind
    if year_label is not None and upload.plan is None:
        year_label = year_label.strip()
        if year_label:
            window_for(read_upload(upload), year_label)  # refuses a year it cannot read
        upload.year_label = year_label
    upload.choices = ReadChoices(column_roles, rows).as_dict()
    upload.full_clean()
    upload.save()
    return upload


def _remember_choices(plan: Plan, choices: dict) -> None:
    if ReadChoices.from_dict(choices) == ReadChoices():
        return
    PlanReadingChoices.objects.update_or_create(plan=plan, defaults={"choices": choices})


@transaction.atomic
def plan_upload_confirm(*, upload: PlanUpload, actor) -> Plan:
    """Save the upload: a new plan, or the next edition of the plan it revises."""
    if upload.plan is not None:
        plan_revision_apply(
            plan=upload.plan,
            document=read_upload(upload),
            actor=actor,
            note=upload.note,
            source_filename=upload.filename,
        )
        plan = upload.plan
        _remember_choices(plan, upload.choices)
        upload.delete()
        return plan
    plan = plan_import(
        cluster=upload.cluster,
        document=read_upload(upload),
        actor=actor,
        year_label=upload.year_label or None,
        source_filename=upload.filename,
    )
    _remember_choices(plan, upload.choices)
    upload.delete()
    return plan


NO_YEAR_WARNING = (
    "Год плана не указан и не найден в названии: прочитаны только сроки, в которых указан год. "
    "Укажите год плана («2023-2024» или «2024»), чтобы прочитать остальные и сохранить план"
)


def plan_document_preview(document: PlanDocument, window: PlanWindow | None) -> dict:
    """The document as a dict, with the plan year used and every deadline parsed against it: the
    shape of `import_plan --dry-run --json` and of the API's plan preview. Without a window
    (no year known) `plan_year` is None, a warning says so, and only deadlines that state their
    own year are read."""
    result = plan_document_as_dict(document)
    result["plan_year"] = window.label if window else None
    if window is None:
        result["warnings"].append(NO_YEAR_WARNING)
    for objective in result["objectives"]:
        for activity in objective["activities"]:
            text = activity["deadline_text"]
            deadline = parse_deadline(text, window) if window else read_deadline_without_year(text)
            activity["deadline"] = deadline.as_dict()
    return result


def read_document_window(document: PlanDocument, year_label: str | None) -> PlanWindow | None:
    """The plan's window from the given year or the title; None when neither names one. A
    given year that cannot be read is refused."""
    if not (year_label or "").strip() and not document.plan_year:
        return None
    return window_for(document, year_label)
