"""Files the events pages give out: the coverage report (XLSX, DOCX), an event's list of groups
(XLSX, for the host) and the empty template for bulk registration.

Every text cell is written as text, so a school name typed as «=HYPERLINK(…)» in the public form is
never taken for a formula. The coverage report holds counts only; the list of groups holds the
accompanying teachers' contacts (it is served to the event's managers only) and never a pupil's name.
"""

from __future__ import annotations

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from core.office import sheet as xl
from core.office import word
from events.models import Event, GroupRegistration
from events.selectors.coverage import Coverage, Line
from events.services.bulk import LABELS, TEMPLATE_COLUMNS

HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _row(sheet: Worksheet, values, *, header: bool = False) -> None:
    sheet.append([None] * len(values))
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        cell = xl.put(sheet, row, column, value)  # a text is never a formula
        cell.alignment = WRAP
        if header:
            cell.font = BOLD
            cell.fill = HEADER_FILL


def coverage_sections(cov: Coverage) -> list[tuple[str, list[str], list[list]]]:
    """The report's tables: (title, header, rows) — one source for the page, XLSX and DOCX."""

    def lines(items: list[Line], *columns):
        return [[getter(line) for getter in columns] for line in items]

    return [
        (
            "По видам мероприятий",
            ["Вид", "Проведено", "Участников", "Школ"],
            lines(
                cov.by_kind,
                *(
                    lambda x: x.label,
                    lambda x: x.events,
                    lambda x: x.participants,
                    lambda x: x.schools,
                ),
            ),
        ),
        (
            "Школьники по классам",
            ["Класс", "Учеников пришло"],
            lines(cov.by_grade, lambda x: x.label, lambda x: x.participants),
        ),
        (
            "По муниципалитетам",
            ["Муниципалитет", "Школ (без повторов)", "Учеников пришло"],
            lines(
                cov.by_municipality,
                lambda x: x.label,
                lambda x: x.schools,
                lambda x: x.participants,
            ),
        ),
        (
            "По школам",
            ["Школа", "Муниципалитет", "Групп", "Учеников пришло"],
            lines(
                cov.by_school,
                lambda x: x.label,
                lambda x: x.extra,
                lambda x: x.events,
                lambda x: x.participants,
            ),
        ),
        (
            "Профессиональные пробы по профессиям",
            ["Профессия", "Проб проведено", "Участников"],
            lines(
                cov.trials_by_profession,
                lambda x: x.label,
                lambda x: x.events,
                lambda x: x.participants,
            ),
        ),
        (
            "По организаторам",
            ["Организатор", "Проведено", "Участников"],
            lines(cov.by_host, lambda x: x.label, lambda x: x.events, lambda x: x.participants),
        ),
    ]


def coverage_summary(cov: Coverage) -> list[tuple[str, int]]:
    return [
        ("Мероприятий проведено", cov.events_held),
        ("Участников всего", cov.participants),
        ("Школьников в группах от школ", cov.pupils),
        ("Школ охвачено", cov.schools),
        ("Профессиональных проб", cov.trials),
    ]


def coverage_xlsx(cov: Coverage) -> bytes:
    workbook = xl.new_workbook()
    summary = workbook.active
    summary.title = "Итоги"
    _row(summary, [cov.title])
    summary["A1"].font = Font(bold=True, size=13)
    _row(summary, [f"Кластер: {cov.cluster.name}"])
    _row(summary, [])
    _row(summary, ["Показатель", "Значение"], header=True)
    for label, value in coverage_summary(cov):
        _row(summary, [label, value])
    xl.set_widths(summary, (40, 14))
    for title, header, rows in coverage_sections(cov):
        sheet = workbook.create_sheet(xl.sheet_title(title))
        _row(sheet, header, header=True)
        for values in rows:
            _row(sheet, values)
        if not rows:
            _row(sheet, ["Нет данных за период."])
        xl.set_widths(sheet, (44, 18, 18, 18))
        sheet.freeze_panes = "A2"
    return xl.save(workbook)


def coverage_docx(cov: Coverage) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    word.paragraph(document, cov.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    word.paragraph(document, f"Кластер: {cov.cluster.name}")
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in coverage_summary(cov):
        cells = table.add_row().cells
        word.cell_text(cells[0], label)
        word.cell_text(cells[1], str(value))
    for title, header, rows in coverage_sections(cov):
        word.paragraph(document, title, bold=True)
        if not rows:
            word.paragraph(document, "Нет данных за период.")
            continue
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            word.cell_text(cell, text, bold=True)
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                word.cell_text(cell, str(value))
    word.paragraph(
        document,
        f"Сформировано {timezone.localtime():%d.%m.%Y %H:%M}. Учтены проведённые мероприятия; "
        "школьники учтены по отметкам посещаемости групп (без имён).",
    )
    return word.save(document)


def bulk_template_xlsx(event: Event | None = None) -> bytes:
    """The empty list of groups with one example row, in the columns the reader expects."""
    workbook = xl.new_workbook()
    sheet = workbook.active
    sheet.title = "Группы"
    _row(sheet, [LABELS[name] for name in TEMPLATE_COLUMNS], header=True)
    slot = ""
    if event is not None:
        first = event.slots.order_by("starts_at").first()
        if first is not None:
            slot = f"{timezone.localtime(first.starts_at):%d.%m.%Y %H:%M}"
    _row(
        sheet,
        [
            "МАОУ СОШ № 5",
            "г. Томск",
            8,
            20,
            "Иванова Мария Петровна",
            "teacher@example.ru",
            "",
            slot,
            "да",
        ],
    )
    xl.set_widths(sheet, (30, 20, 8, 16, 30, 26, 18, 18, 10))
    return xl.save(workbook)


def registrations_xlsx(event: Event, registrations: list[GroupRegistration]) -> bytes:
    """The event's groups for its host, in the bulk-registration columns plus state and attendance."""
    workbook = xl.new_workbook()
    sheet = workbook.active
    sheet.title = "Группы"
    header = [LABELS[name] for name in TEMPLATE_COLUMNS] + ["Состояние", "Пришло"]
    _row(sheet, header, header=True)
    for r in registrations:
        start = timezone.localtime(r.slot.starts_at)
        _row(
            sheet,
            [
                r.school_name,
                r.municipality,
                r.grade,
                r.pupils,
                r.teacher_name or "данные удалены",
                r.teacher_email,
                r.teacher_phone,
                f"{start:%d.%m.%Y %H:%M}",
                "да",
                r.get_status_display(),
                r.attended,
            ],
        )
    xl.set_widths(sheet, (30, 20, 8, 16, 30, 26, 18, 18, 10, 20, 10))
    sheet.freeze_panes = "A2"
    return xl.save(workbook)
