"""Plan import: upload → preview (nothing written to the plan) → executor mapping → confirm."""

from django.core.exceptions import ValidationError
from django.db import transaction

from documents.models import PlanUpload
from orgs.models import Cluster
from parsing.documents import PlanDocument, PlanReadError, read_plan
from plans.models import Plan
from plans.services import plan_import, window_for


def read_upload(upload: PlanUpload) -> PlanDocument:
    try:
        return read_plan(bytes(upload.content), upload.filename)
    except PlanReadError as error:
        raise ValidationError(str(error)) from None


@transaction.atomic
def plan_upload_create(
    *, cluster: Cluster, filename: str, content: bytes, year_label: str, actor
) -> PlanUpload:
    """Keep an uploaded document for preview once it is known to be a readable plan."""
    try:
        document = read_plan(content, filename)
    except PlanReadError as error:
        raise ValidationError(str(error)) from None
    if not any(objective.activities for objective in document.objectives):
        raise ValidationError(
            "В документе не найдено ни одного мероприятия. Проверьте, что это план работы "
            "с таблицей «№ п/п — Наименование мероприятия — Исполнители — Срок исполнения»."
        )
    window_for(document, year_label)  # a plan without a readable year cannot be previewed
    upload = PlanUpload(
        cluster=cluster,
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
    plan = plan_import(
        cluster=upload.cluster,
        document=read_upload(upload),
        actor=actor,
        year_label=upload.year_label or None,
        source_filename=upload.filename,
    )
    upload.delete()
    return plan
