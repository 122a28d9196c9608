"""The shape every format reader produces: paragraphs and tables of cells, in document order.

A reader knows its format (XML of a DOCX, merged ranges of a sheet, lines of a PDF page) and nothing
about plans; `table.py` knows plans and nothing about formats. Merged cells are expanded onto the grid:
a horizontally merged cell is repeated with `spanned=True` on the columns it covers, a vertically
merged one is repeated with `merged_down=True` and the text of its top cell.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    text: str  # as in the source, line breaks kept as "\n"
    bold: bool = False
    spanned: bool = False  # covered by the cell on its left (horizontal merge)
    merged_down: bool = False  # covered by the cell above (vertical merge); text copied from it


@dataclass(frozen=True)
class GridRow:
    cells: tuple[Cell, ...]
    source_row: int  # 1-based: row of the table, sheet row, or line of the text


@dataclass(frozen=True)
class GridTable:
    rows: tuple[GridRow, ...]


Block = str | GridTable  # a paragraph (one line of text) or a table


@dataclass(frozen=True)
class RawDocument:
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    # A PDF read without table lines: rows may be split into several, say so to the user.
    reconstructed: bool = False


def cell_texts(row: GridRow) -> list[str]:
    """The distinct cells of a row (merged copies left out), as plain text lines."""
    return [cell.text for cell in row.cells if not cell.spanned and not cell.merged_down]
