"""Plan import: upload → preview (nothing written to the plan) → executor mapping → confirm."""

from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import PlanUpload
from orgs.models import Cluster
from parsing.deadlines import PlanWindow, parse_deadline
from parsing.documents import PlanDocument, PlanReadError, plan_document_as_dict, read_plan
from plans.models import Plan
from plans.services import plan_import, plan_revision_apply, window_for


def read_upload(upload: PlanUpload) -> PlanDocument:
    try:
        return read_plan(bytes(upload.content), upload.filename)
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
    if plan is None:
        window_for(document, year_label)  # a plan without a readable year cannot be previewed
    upload = PlanUpload(
        cluster=cluster,
        plan=plan,
        note=note.strip(),
        uploaded_by=actor,
        filename=filename[:255],
        content=content,
        year_label=year_label.strip(),
    )
    upload.full_clean()
    upload.save()
    return upload


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
        upload.delete()
        return plan
    plan = plan_import(
        cluster=upload.cluster,
        document=read_upload(upload),
        actor=actor,
        year_label=upload.year_label or None,
        source_filename=upload.filename,
    )
    upload.delete()
    return plan


def plan_document_preview(document: PlanDocument, window: PlanWindow) -> dict:
    """The document as a dict, with the plan year used and every deadline parsed against it: the
    shape of `import_plan --dry-run --json` and of the API's plan preview."""
    result = plan_document_as_dict(document)
    result["plan_year"] = window.label
    for objective in result["objectives"]:
        for activity in objective["activities"]:
            activity["deadline"] = parse_deadline(activity["deadline_text"], window).as_dict()
    return result
