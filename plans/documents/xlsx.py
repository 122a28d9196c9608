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

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from core.office import sheet as xl
from core.office.sheet import (
    BODY,
    BOLD,
    BOX,
    CENTER,
    HEADER_FILL,
    TITLE,
    TOP_CENTER,
    TOP_LEFT,
    fit_height,
    put,
)
from core.office.sheet import SECTION_FILL as OBJECTIVE_FILL
from plans.documents.model import (
    COLUMNS,
    ExportPlan,
    approval_lines,
    objective_heading,
    title_lines,
)

SHEET_TITLE = "План"
WIDTHS = (7, 47, 23, 18)  # characters: ≈ 8 / 49 / 24 / 19 %, about 17 cm at 12 pt
LAST_COLUMN = len(COLUMNS)
APPROVAL_COLUMN = 3  # the block spans «Исполнители» and «Срок исполнения»
BODY_ALIGN = (TOP_CENTER, TOP_LEFT, TOP_LEFT, TOP_CENTER)


def plan_to_xlsx(plan: ExportPlan) -> bytes:
    """The plan as an XLSX file."""
    workbook = xl.new_workbook(title=plan.title)
    sheet = workbook.worksheets[0]
    sheet.title = SHEET_TITLE
    xl.set_widths(sheet, WIDTHS)

    row = _approval_block(sheet, plan)
    row = _title_block(sheet, plan, row)
    header_row = row
    _table(sheet, plan, header_row)
    xl.print_setup(sheet, header_row=header_row)

    return xl.save(workbook)


def _approval_block(sheet: Worksheet, plan: ExportPlan) -> int:
    """Write the «УТВЕРЖДАЮ» block from row 1; return the next free row."""
    block_width = sum(WIDTHS[APPROVAL_COLUMN - 1 :])
    row = 1
    for line in approval_lines(plan):
        cell = put(sheet, row, APPROVAL_COLUMN, line)
        cell.font = BODY
        cell.alignment = Alignment(horizontal="left", vertical="bottom", wrap_text=True)
        xl.merge(sheet, row, APPROVAL_COLUMN, LAST_COLUMN)
        fit_height(sheet, row, [(line, block_width)])
        if line.startswith("_"):
            sheet.row_dimensions[row].height += 12  # room to sign
        row += 1
    return row + 1 if row > 1 else row


def _title_block(sheet: Worksheet, plan: ExportPlan, row: int) -> int:
    """Write the title (and the selection line of a filtered export); return the header row."""
    table_width = sum(WIDTHS)
    title = "\n".join(title_lines(plan.title))
    cell = put(sheet, row, 1, title)
    cell.font, cell.alignment = TITLE, CENTER
    xl.merge(sheet, row, 1, LAST_COLUMN)
    fit_height(sheet, row, [(title, table_width / 1.2)])  # 14 pt letters are wider
    row += 1
    if plan.subtitle:
        sheet.row_dimensions[row].height = 6  # an empty row ends the title for a reader
        row += 1
        cell = put(sheet, row, 1, plan.subtitle)
        cell.font, cell.alignment = BODY, CENTER
        xl.merge(sheet, row, 1, LAST_COLUMN)
        fit_height(sheet, row, [(plan.subtitle, table_width)])
        row += 1
    return row + 1


def _table(sheet: Worksheet, plan: ExportPlan, header_row: int) -> None:
    for column, text in enumerate(COLUMNS, start=1):
        cell = put(sheet, header_row, column, text)
        cell.font, cell.alignment, cell.border, cell.fill = BOLD, CENTER, BOX, HEADER_FILL
    fit_height(sheet, header_row, list(zip(COLUMNS, WIDTHS, strict=True)))

    row = header_row
    for objective in plan.objectives:
        row += 1
        heading = objective_heading(objective)
        put(sheet, row, 1, heading)
        for column in range(1, LAST_COLUMN + 1):
            cell = sheet.cell(row, column)
            cell.font, cell.alignment, cell.border, cell.fill = BOLD, TOP_LEFT, BOX, OBJECTIVE_FILL
        xl.merge(sheet, row, 1, LAST_COLUMN)
        fit_height(sheet, row, [(heading, sum(WIDTHS) * 0.95)])  # bold letters are wider
        for activity in objective.activities:
            row += 1
            values = (activity.number, activity.title, activity.executors, activity.deadline_text)
            for column, (text, align) in enumerate(zip(values, BODY_ALIGN, strict=True), 1):
                cell = put(sheet, row, column, text)
                cell.font, cell.alignment, cell.border = BODY, align, BOX
            fit_height(sheet, row, list(zip(values, WIDTHS, strict=True)))
