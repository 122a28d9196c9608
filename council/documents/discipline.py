"""The executive-discipline report as DOCX and XLSX: assignments on control by organization (on
time, late, overdue, open) and, below, every assignment with each executor's standing.

Both take the `Discipline` and `AssignmentRow`s of `selectors.assignments`; the DOCX has the look
of the other council documents (layout.py), landscape so the seven figures fit one line.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core.office.model import clean
from council.documents.layout import (
    all_borders,
    footer_page_numbers,
    paragraph,
    repeat_header,
    set_up_page,
    set_up_styles,
    write,
)
from council.selectors.assignments import AssignmentRow, Discipline, DisciplineRow, Standing

SUMMARY_COLUMNS = (
    "Организация",
    "Всего",
    "В срок",
    "С опозданием",
    "Просрочено",
    "В работе",
    "В срок, %",
)
DETAIL_COLUMNS = ("№", "Поручение", "Протокол", "Срок", "Исполнитель", "Состояние", "Выполнено")


def title_for(council_name: str) -> str:
    return f"Исполнительская дисциплина по поручениям {council_name}"


def _summary_values(row: DisciplineRow) -> tuple:
    percent = row.on_time_percent
    return (
        row.organization_name,
        row.total,
        row.counts[Standing.ON_TIME],
        row.counts[Standing.LATE],
        row.counts[Standing.OVERDUE],
        row.counts[Standing.OPEN],
        "—" if percent is None else percent,
    )


def _detail_values(rows: list[AssignmentRow]):
    for row in rows:
        assignment = row.assignment
        for executor in row.executors:
            yield (
                f"{assignment.meeting.number}.{assignment.number}",
                clean(assignment.text),
                f"№ {assignment.meeting.number} от {assignment.meeting.local_date:%d.%m.%Y}",
                clean(assignment.deadline_text),
                executor.organization_name,
                executor.standing.label,
                f"{executor.done_on:%d.%m.%Y}" if executor.done_on else "",
            )


def discipline_to_docx(
    discipline: Discipline, rows: list[AssignmentRow], *, council_name: str
) -> bytes:
    document = Document()
    set_up_page(document, landscape=True)
    set_up_styles(document, size=12)
    document.core_properties.title = title_for(council_name)
    document.core_properties.language = "ru-RU"
    paragraph(document, title_for(council_name), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(
        document,
        f"по состоянию на {discipline.today:%d.%m.%Y}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    paragraph(document)
    _table(
        document,
        SUMMARY_COLUMNS,
        [_summary_values(row) for row in discipline.rows] + [_summary_values(discipline.total)],
        (9.0, 2.2, 2.2, 3.0, 3.0, 2.6, 2.6),
    )
    paragraph(document, "Поручения", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    _table(
        document, DETAIL_COLUMNS, list(_detail_values(rows)), (1.6, 8.0, 3.2, 3.2, 4.0, 3.2, 2.4)
    )
    footer_page_numbers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, columns, values, widths_cm) -> None:
    table = document.add_table(rows=1, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    all_borders(table)
    repeat_header(table.rows[0])
    for cell, text, width in zip(table.rows[0].cells, columns, widths_cm, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        write(cell.paragraphs[0], text, bold=True)
    for row_values in values:
        cells = table.add_row().cells
        for index, (cell, value, width) in enumerate(
            zip(cells, row_values, widths_cm, strict=True)
        ):
            cell.width = Cm(width)
            if isinstance(value, int) or (index > 0 and str(value).isdigit()):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            write(cell.paragraphs[0], str(value))
    if not values:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        write(merged.paragraphs[0], "Поручений на контроле нет.")


def discipline_to_xlsx(
    discipline: Discipline, rows: list[AssignmentRow], *, council_name: str
) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "По организациям"
    _sheet(
        summary,
        title_for(council_name) + f" на {discipline.today:%d.%m.%Y}",
        SUMMARY_COLUMNS,
        [_summary_values(row) for row in discipline.rows] + [_summary_values(discipline.total)],
        (48, 10, 10, 14, 14, 12, 12),
    )
    detail = workbook.create_sheet("Поручения")
    _sheet(
        detail,
        "Поручения на контроле",
        DETAIL_COLUMNS,
        list(_detail_values(rows)),
        (8, 60, 20, 20, 32, 22, 14),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(sheet, title: str, columns, values, widths) -> None:
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=12)
    for index, (column, width) in enumerate(zip(columns, widths, strict=True), start=1):
        cell = sheet.cell(row=3, column=index, value=column)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row_index, row_values in enumerate(values, start=4):
        for column_index, value in enumerate(row_values, start=1):
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed by a user is never a formula
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
    sheet.freeze_panes = "A4"
