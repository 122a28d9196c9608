"""The executive-discipline report as DOCX and XLSX: assignments on control by organization (on
time, late, overdue, open) and, below, every assignment with each executor's standing.

Both take the `Discipline` and `AssignmentRow`s of `selectors.assignments`; the DOCX has the look
of the other council documents (layout.py), landscape so the seven figures fit one line.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font

from core.office import clean, word
from core.office import sheet as xl
from council.documents.layout import paragraph
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
    document = word.new_document(page=word.A4_LANDSCAPE, title=title_for(council_name))
    paragraph(document, title_for(council_name), bold=True, align=word.CENTER)
    paragraph(document, f"по состоянию на {discipline.today:%d.%m.%Y}", align=word.CENTER)
    paragraph(document)
    _table(
        document,
        SUMMARY_COLUMNS,
        [_summary_values(row) for row in discipline.rows] + [_summary_values(discipline.total)],
        (8.3, 2.2, 2.2, 3.6, 3.2, 2.8, 2.8),
    )
    paragraph(document, "Поручения", bold=True, align=word.CENTER, space_before=12)
    _table(
        document, DETAIL_COLUMNS, list(_detail_values(rows)), (1.4, 7.6, 3.6, 3.2, 4.0, 3.0, 2.9)
    )
    word.footer_page_numbers(document)
    return word.save(document)


def _table(document, columns, values, widths_cm) -> None:
    table = word.table(document, widths_cm, header=columns, padding=None)
    for row_values in values:
        cells = word.add_row(table, can_split=True).cells
        for index, (cell, value) in enumerate(zip(cells, row_values, strict=True)):
            centre = isinstance(value, int) or (index > 0 and str(value).isdigit())
            word.cell_text(cell, str(value), align=word.CENTER if centre else None)
    if not values:
        cells = word.add_row(table, can_split=True).cells
        merged = cells[0].merge(cells[-1])
        word.cell_text(merged, "Поручений на контроле нет.")


def discipline_to_xlsx(
    discipline: Discipline, rows: list[AssignmentRow], *, council_name: str
) -> bytes:
    workbook = xl.new_workbook(title=title_for(council_name))
    summary = workbook.worksheets[0]
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
    return xl.save(workbook)


def _sheet(sheet, title: str, columns, values, widths) -> None:
    xl.put(sheet, 1, 1, title).font = Font(bold=True, size=12)
    xl.set_widths(sheet, widths)
    for index, column in enumerate(columns, start=1):
        cell = xl.put(sheet, 3, index, column)
        cell.font = Font(bold=True)
        cell.alignment = xl.CENTER
        cell.border = xl.BOX
    for row_index, row_values in enumerate(values, start=4):
        for column_index, value in enumerate(row_values, start=1):
            cell = xl.put(sheet, row_index, column_index, value)  # a text is never a formula
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = xl.BOX
    sheet.freeze_panes = "A4"
