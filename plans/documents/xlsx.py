"""The plan as an Excel workbook: one sheet «План», laid out as the Word document is.

Above the table, the «УТВЕРЖДАЮ» block in the two right-hand columns (position, signature line,
edition date) and the title merged across the table in bold; a filtered export adds its selection
line under the title. The table has the same four columns (№ п/п, Наименование мероприятия,
Исполнители, Срок исполнения), text wrapped and aligned to the top, thin borders on every cell; an
objective row «Задача 1. …» is merged across the four columns in bold on a grey fill. The header row
is frozen on screen and repeated on every printed page; the sheet prints on A4 portrait, fitted to
the page width, with «стр. N из M» in the footer.

Excel does not grow a row for wrapped text in merged cells, and neither Excel nor LibreOffice does
it reliably for rows they did not lay out themselves, so every row gets a height estimated from the
length of its text and its column's width. Every value is written as text: «2.10» stays «2.10»
rather than the number 2.1, and a title beginning with «=» is never taken for a formula.
"""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from core.office.model import (
    COLUMNS,
    ExportPlan,
    approval_lines,
    clean,
    objective_heading,
    title_lines,
)

SHEET_TITLE = "План"
FONT_NAME = "Times New Roman"
WIDTHS = (7, 47, 23, 18)  # characters: ≈ 8 / 49 / 24 / 19 %, about 17 cm at 12 pt
LAST_COLUMN = len(COLUMNS)
APPROVAL_COLUMN = 3  # the block spans «Исполнители» and «Срок исполнения»
LINE_HEIGHT_PT = 14.5  # one line of 12 pt text
CHARS_PER_WIDTH = 1.1  # Cyrillic 12 pt Times fits about this many letters per unit of width

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
OBJECTIVE_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
BODY = Font(name=FONT_NAME, size=12)
BOLD = Font(name=FONT_NAME, size=12, bold=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
TOP_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
BODY_ALIGN = (TOP_CENTER, TOP_LEFT, TOP_LEFT, TOP_CENTER)


def plan_to_xlsx(plan: ExportPlan) -> bytes:
    """The plan as an XLSX file."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = SHEET_TITLE
    workbook.properties.title = clean(plan.title)
    workbook.properties.creator = "ClusterPlan"
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[_letter(index)].width = width

    row = _approval_block(sheet, plan)
    row = _title_block(sheet, plan, row)
    header_row = row
    _table(sheet, plan, header_row)
    _print_setup(sheet, header_row)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _letter(column: int) -> str:
    return "ABCDEFGHIJ"[column - 1]


def _put(sheet: Worksheet, row: int, column: int, text: str) -> Cell | MergedCell:
    """A text value, never a formula or a number."""
    cell = sheet.cell(row, column)
    cell.value = clean(text)
    cell.data_type = "s"
    return cell


def _merge(sheet: Worksheet, row: int, first: int, last: int) -> None:
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _lines(text: str, width: float) -> int:
    """How many lines the text takes in a column of this width."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _fit_height(sheet: Worksheet, row: int, texts: list[tuple[str, float]]) -> None:
    lines = max((_lines(text, width) for text, width in texts), default=1)
    sheet.row_dimensions[row].height = lines * LINE_HEIGHT_PT + 4


def _approval_block(sheet: Worksheet, plan: ExportPlan) -> int:
    """Write the «УТВЕРЖДАЮ» block from row 1; return the next free row."""
    block_width = sum(WIDTHS[APPROVAL_COLUMN - 1 :])
    row = 1
    for line in approval_lines(plan):
        cell = _put(sheet, row, APPROVAL_COLUMN, line)
        cell.font = BODY
        cell.alignment = Alignment(horizontal="left", vertical="bottom", wrap_text=True)
        _merge(sheet, row, APPROVAL_COLUMN, LAST_COLUMN)
        _fit_height(sheet, row, [(line, block_width)])
        if line.startswith("_"):
            sheet.row_dimensions[row].height += 12  # room to sign
        row += 1
    return row + 1 if row > 1 else row


def _title_block(sheet: Worksheet, plan: ExportPlan, row: int) -> int:
    """Write the title (and the selection line of a filtered export); return the header row."""
    table_width = sum(WIDTHS)
    title = "\n".join(title_lines(plan.title))
    cell = _put(sheet, row, 1, title)
    cell.font, cell.alignment = TITLE, CENTER
    _merge(sheet, row, 1, LAST_COLUMN)
    _fit_height(sheet, row, [(title, table_width / 1.2)])  # 14 pt letters are wider
    row += 1
    if plan.subtitle:
        sheet.row_dimensions[row].height = 6  # an empty row ends the title for a reader
        row += 1
        cell = _put(sheet, row, 1, plan.subtitle)
        cell.font, cell.alignment = BODY, CENTER
        _merge(sheet, row, 1, LAST_COLUMN)
        _fit_height(sheet, row, [(plan.subtitle, table_width)])
        row += 1
    return row + 1


def _table(sheet: Worksheet, plan: ExportPlan, header_row: int) -> None:
    for column, text in enumerate(COLUMNS, start=1):
        cell = _put(sheet, header_row, column, text)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BOX, HEADER_FILL
    _fit_height(sheet, header_row, list(zip(COLUMNS, WIDTHS, strict=True)))

    row = header_row
    for objective in plan.objectives:
        row += 1
        heading = objective_heading(objective)
        _put(sheet, row, 1, heading)
        for column in range(1, LAST_COLUMN + 1):
            cell = sheet.cell(row, column)
            cell.font, cell.alignment, cell.border, cell.fill = BOLD, TOP_LEFT, BOX, OBJECTIVE_FILL
        _merge(sheet, row, 1, LAST_COLUMN)
        _fit_height(sheet, row, [(heading, sum(WIDTHS) * 0.95)])  # bold letters are wider
        for activity in objective.activities:
            row += 1
            values = (activity.number, activity.title, activity.executors, activity.deadline_text)
            for column, (text, align) in enumerate(zip(values, BODY_ALIGN, strict=True), 1):
                cell = _put(sheet, row, column, text)
                cell.font, cell.alignment, cell.border = BODY, align, BOX
            _fit_height(sheet, row, list(zip(values, WIDTHS, strict=True)))


def _print_setup(sheet: Worksheet, header_row: int) -> None:
    """Frozen header on screen; on paper A4 portrait, one page wide, header on every page."""
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left, sheet.page_margins.right = 0.98, 0.59  # 2.5 cm, 1.5 cm
    sheet.page_margins.top, sheet.page_margins.bottom = 0.79, 0.79  # 2 cm
    sheet.oddFooter.center.text = "стр. &P из &N"
    sheet.oddFooter.center.size = 10
    sheet.oddFooter.center.font = FONT_NAME
