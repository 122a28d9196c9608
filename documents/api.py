"""API on plan documents: read a document and show what would be imported, writing nothing."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja.errors import HttpError

from documents.services import plan_document_preview, read_document_window
from parsing.documents import PlanReadError, read_plan
from plans.schemas import DeadlineOut

router = Router(tags=["Документы"])


class ActivityPreviewOut(Schema):
    number: str
    title: str
    executors: str
    deadline_text: str
    extra: dict[str, str]
    warnings: list[str]
    source_row: int | None
    row_key: str = Field(description="текст строки: по нему запоминается выбор «это раздел»")
    deadline: DeadlineOut


class ObjectivePreviewOut(Schema):
    number: str
    title: str
    row_key: str
    activities: list[ActivityPreviewOut]


class ColumnOut(Schema):
    index: int
    header: str = Field(description="заголовок столбца, как в документе")
    role: str = Field(description="number / title / executors / deadline / extra / skip")
    how: str = Field(description="как определён: header / content / position / choice")


class PlanPreviewOut(Schema):
    """The shape of `import_plan --dry-run --json`: the document and each deadline understood."""

    title: str
    approved_by: str
    approver_position: str
    approver_name: str
    edition_date: date | None
    plan_year: str | None = Field(
        description="год плана, по которому поняты сроки: «2023-2024» или «2024»; null, если "
        "год не указан и не найден в названии (тогда прочитаны только сроки со своим годом)"
    )
    columns: list[ColumnOut]
    objectives: list[ObjectivePreviewOut]
    warnings: list[str]


@router.post(
    "/plans/preview",
    response=PlanPreviewOut,
    summary="Прочитать документ плана и показать, что будет загружено (ничего не сохраняет)",
)
def plan_preview_document(
    request,
    file: File[UploadedFile],
    plan_year: Form[str] = "",
):
    """DOCX, XLSX, PDF with a text layer or TXT; `plan_year` when the title has no year.

    An unreadable file is a 400 `bad_request`, a missing or wrong year a 400 `validation_error`,
    each with a Russian message.
    """
    if file.size is not None and file.size > settings.PLAN_UPLOAD_MAX_BYTES:
        limit = settings.PLAN_UPLOAD_MAX_BYTES // (1024 * 1024)
        raise HttpError(400, f"Файл больше {limit} МБ. Загрузите документ плана меньшего размера.")
    if len(plan_year) > 20:
        raise ValidationError({"plan_year": "Год плана: «2023-2024» или «2024»."})
    try:
        document = read_plan(file.read(), file.name or "")
    except PlanReadError as error:
        raise HttpError(400, str(error)) from None
    if not document.activities:
        raise HttpError(
            400,
            "В документе не найдено ни одного мероприятия. Проверьте, что это план работы "
            "с таблицей «№ п/п — Наименование мероприятия — Исполнители — Срок исполнения».",
        )
    window = read_document_window(document, plan_year or None)
    return plan_document_preview(document, window)
