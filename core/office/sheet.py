"""Excel workbooks (openpyxl) in the look of the official papers: Times New Roman, thin borders,
text wrapped and aligned to the top, the header frozen on screen and repeated on every printed
page, A4 fitted to the page width with «стр. N из M» in the footer.

    sheet = workbook.worksheets[0]
    set_widths(sheet, (7, 47, 23, 18))
    header = put(sheet, 1, 1, "№ п/п"); header.font, header.border = BOLD, BOX
    fit_height(sheet, 2, [(title, 47)])
    print_setup(sheet, header_row=1, landscape=False)
    data = save(workbook)

Every value goes through `put`: a text is cleaned of what XML cannot hold and written as text, so
«2.10» stays «2.10» and a text beginning with «=» is never taken for a formula; numbers stay numbers.
Excel does not grow a row for wrapped text in merged cells, and neither Excel nor LibreOffice does it
reliably for rows they did not lay out themselves, so `fit_height` estimates a row's height from the
length of its text and its column's width.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.office.text import clean

FONT_NAME = "Times New Roman"
LINE_HEIGHT_PT = 14.5  # one line of 12 pt text
CHARS_PER_WIDTH = 1.1  # Cyrillic 12 pt Times fits about this many letters per unit of width
SHEET_TITLE_CHARS = 31  # Excel's limit on a sheet's name

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SECTION_FILL = PatternFill("solid", fgColor="E7E6E6")  # a row across the table: «Задача 1. …»
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
BODY = Font(name=FONT_NAME, size=12)
BOLD = Font(name=FONT_NAME, size=12, bold=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
TOP_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

Value = str | int | float | Decimal | None


def put(sheet: Worksheet, row: int, column: int, value: Value) -> Cell | MergedCell:
    """A value into a cell: a text as text (never a formula, never a number), a number as a number."""
    cell = sheet.cell(row, column)
    if isinstance(value, str) or value is None:
        cell.value = clean(value) if value is not None else None
        if value is not None:
            cell.data_type = "s"
    else:
        cell.value = value
    return cell


def merge(sheet: Worksheet, row: int, first: int, last: int) -> None:
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in characters, from column A."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def sheet_title(text: str) -> str:
    """A sheet's name Excel accepts: at most 31 characters, none of []:*?/\\."""
    name = clean(text)
    for forbidden in "[]:*?/\\":
        name = name.replace(forbidden, " ")
    return name[:SHEET_TITLE_CHARS].strip() or "Лист"


def text_lines(text: str, width: float) -> int:
    """How many lines the text takes in a column of this width."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def fit_height(sheet: Worksheet, row: int, texts: Sequence[tuple[str, float]]) -> None:
    """The row as high as its tallest text, given as (text, column width) pairs."""
    lines = max((text_lines(text, width) for text, width in texts), default=1)
    sheet.row_dimensions[row].height = lines * LINE_HEIGHT_PT + 4


def print_setup(
    sheet: Worksheet, *, header_row: int | None = None, landscape: bool = False
) -> None:
    """Frozen header on screen; on paper A4, one page wide, the header on every page, ГОСТ margins
    (2.5 cm left, 1.5 cm right, 2 cm top and bottom) and «стр. N из M» in the footer."""
    if header_row:
        sheet.freeze_panes = f"A{header_row + 1}"
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = (
        sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    )
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left, sheet.page_margins.right = 0.98, 0.59  # 2.5 cm, 1.5 cm
    sheet.page_margins.top, sheet.page_margins.bottom = 0.79, 0.79  # 2 cm
    sheet.oddFooter.center.text = "стр. &P из &N"
    sheet.oddFooter.center.size = 10
    sheet.oddFooter.center.font = FONT_NAME


def new_workbook(*, title: str = "") -> Workbook:
    workbook = Workbook()
    workbook.properties.title = clean(title)
    workbook.properties.creator = "ClusterPlan"
    return workbook


def save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
