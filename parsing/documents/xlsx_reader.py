"""Excel plans (.xlsx): the sheet that holds the plan table, as one grid.

Rows above the header (the «Утверждаю» block, the title) come through as table rows too; the table
builder turns the rows before the header into the preamble. Merged ranges are expanded: an objective
merged across the row becomes `spanned` cells, a deadline merged down becomes `merged_down` copies.
Values are shown as a person sees them: whole numbers without «.0», dates as dd.mm.yyyy. Excel keeps
«2.10» typed into a General cell as the number 2.1, so fractional numbers get a warning.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any

import openpyxl  # type: ignore[import-untyped, unused-ignore]

from parsing.documents.grid import Cell, GridRow, GridTable, RawDocument
from parsing.documents.model import PlanReadError, ReadLimits
from parsing.documents.table import header_role

FRACTION_WARNING = (
    "В таблице есть дробные числа (например, {}): если это номера мероприятий, Excel мог "
    "отбросить нули в конце («2.10» → «2.1»). Проверьте номера."
)


def read_xlsx(data: bytes, limits: ReadLimits) -> RawDocument:
    """The sheet with the plan (the first one with a header row, else the first) as a table."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken package
        raise PlanReadError("Файл повреждён или не является книгой Excel (XLSX).") from exc
    sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
    if not sheets:
        raise PlanReadError("В книге Excel нет листов с таблицей.")
    for sheet in sheets:
        if sheet.max_row > limits.max_rows:
            raise PlanReadError(f"На листе больше {limits.max_rows} строк — это не похоже на план.")
    sheet = next((ws for ws in sheets if _has_header(ws)), sheets[0])
    table, fractions = _read_sheet(sheet)
    warnings = (FRACTION_WARNING.format(fractions[0]),) if fractions else ()
    return RawDocument((table,), warnings)


def _has_header(sheet: Any) -> bool:
    for row in sheet.iter_rows(max_row=40, values_only=True):
        roles = {header_role(str(value)) for value in row if isinstance(value, str)}
        if "title" in roles and len(roles - {None}) >= 2:
            return True
    return False


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.strftime("%d.%m.%Y")
            if value.time() == time()
            else value.strftime("%d.%m.%Y %H:%M")
        )
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _read_sheet(sheet: Any) -> tuple[GridTable, list[str]]:
    width = sheet.max_column
    grid: list[list[Cell]] = []
    fractions: list[str] = []
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=width):
        cells = []
        for item in row:
            if isinstance(item.value, float) and not item.value.is_integer():
                fractions.append(_value_text(item.value))
            bold = bool(item.font is not None and item.font.b)
            cells.append(Cell(_value_text(item.value), bold))
        grid.append(cells)
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(grid) or left >= width:
            continue
        origin = grid[top][left]
        for r in range(top, min(merged.max_row, len(grid))):
            for c in range(left, min(merged.max_col, width)):
                if (r, c) != (top, left):
                    grid[r][c] = Cell(
                        origin.text, origin.bold, spanned=c > left, merged_down=r > top
                    )
    rows = tuple(GridRow(tuple(cells), number) for number, cells in enumerate(grid, start=1))
    return GridTable(rows), fractions
