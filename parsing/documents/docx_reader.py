"""Word plans (.docx): body paragraphs and tables in order, read from the XML.

The XML is walked directly rather than through python-docx's cell objects so that merges stay
visible: `w:gridSpan` (an objective merged across the table) and `w:vMerge` (a deadline merged down
over several rows) become `spanned` and `merged_down` cells of the grid; `w:gridBefore` leaves empty
cells at the start of a row. Text is taken from every `w:t` of a paragraph, so runs inside tracked
insertions, hyperlinks and content controls are kept; deleted text (`w:delText`) and the VML copy
of a text box (`mc:Fallback`) are not. Manual line breaks become "\\n", soft hyphens vanish and
non-breaking hyphens become «-».
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from parsing.documents.grid import Block, Cell, GridRow, GridTable, RawDocument
from parsing.documents.model import PlanReadError, ReadLimits

W_P, W_TBL, W_TR, W_TC, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
W_SDT_CONTENT, W_R, W_T = qn("w:sdtContent"), qn("w:r"), qn("w:t")
W_BR, W_CR, W_TAB = qn("w:br"), qn("w:cr"), qn("w:tab")
W_NO_BREAK_HYPHEN, W_RPR, W_B, W_VAL = qn("w:noBreakHyphen"), qn("w:rPr"), qn("w:b"), qn("w:val")
W_PPR, W_PSTYLE, W_RSTYLE = qn("w:pPr"), qn("w:pStyle"), qn("w:rStyle")
W_TCPR, W_TRPR, W_GRID_SPAN, W_VMERGE = qn("w:tcPr"), qn("w:trPr"), qn("w:gridSpan"), qn("w:vMerge")
W_GRID_BEFORE = qn("w:gridBefore")
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_FALSE = ("0", "false", "off")


def read_docx(data: bytes, limits: ReadLimits) -> RawDocument:
    """The body of a DOCX as paragraphs (one block per line) and tables."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken package
        raise PlanReadError("Файл повреждён или не является документом Word (DOCX).") from exc
    bold_styles = {
        style.style_id
        for style in document.styles
        if getattr(style, "font", None) is not None and style.font.bold
    }
    reader = _BodyReader(bold_styles, limits)
    blocks: list[Block] = []
    first_row = 1  # rows are numbered on through tables split by a page break only
    for element in _body_elements(document.element.body):
        if element.tag == W_P:
            text, _ = reader.paragraph(element)
            blocks.extend(text.split("\n"))
            if text.strip():
                first_row = 1
        else:
            table = reader.table(element, first_row)
            blocks.append(table)
            first_row += len(table.rows)
    return RawDocument(tuple(blocks))


def _body_elements(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body in order, looking inside block content controls."""
    for child in parent:
        if child.tag in (W_P, W_TBL):
            yield child
        elif child.tag == W_SDT:
            for content in child.iterchildren(W_SDT_CONTENT):
                yield from _body_elements(content)


def _runs(element: Any) -> Iterator[Any]:
    """Every run under the element in document order, skipping the VML duplicates of text boxes."""
    for child in element:
        if child.tag == MC_FALLBACK:
            continue
        if child.tag == W_R:
            yield child
        yield from _runs(child)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _grid_before(tr: Any) -> int:
    """Empty grid columns before the row's first cell (`w:gridBefore`), read from the XML directly:
    python-docx's properties look every child up again, which a 1,000-row plan feels."""
    properties = tr.find(W_TRPR)
    element = properties.find(W_GRID_BEFORE) if properties is not None else None
    return max(_int(element.get(W_VAL) if element is not None else None, 0), 0)


def _cell_merges(tc: Any) -> tuple[int, bool]:
    """(columns the cell spans, whether it continues a vertical merge from the row above)."""
    properties = tc.find(W_TCPR)
    if properties is None:
        return 1, False
    span = properties.find(W_GRID_SPAN)
    vmerge = properties.find(W_VMERGE)
    columns = _int(span.get(W_VAL) if span is not None else None, 1)
    continues = vmerge is not None and vmerge.get(W_VAL, "continue") == "continue"
    return columns, continues


def _on(element: Any) -> bool:
    return element is not None and element.get(W_VAL, "true").lower() not in _FALSE


class _BodyReader:
    def __init__(self, bold_styles: set[str], limits: ReadLimits) -> None:
        self.bold_styles = bold_styles
        self.limits = limits
        self.rows_read = 0

    def paragraph(self, p: Any) -> tuple[str, bool]:
        """The text of a paragraph and whether all of its text is bold."""
        style = p.find(f"{W_PPR}/{W_PSTYLE}")
        paragraph_bold = style is not None and style.get(W_VAL) in self.bold_styles
        parts: list[str] = []
        bold_flags: list[bool] = []
        for run in _runs(p):
            text = "".join(self._run_text(run))
            parts.append(text)
            if text.strip():
                bold_flags.append(self._run_bold(run, paragraph_bold))
        return "".join(parts), bool(bold_flags) and all(bold_flags)

    @staticmethod
    def _run_text(run: Any) -> Iterator[str]:
        for child in run:
            if child.tag == W_T:
                yield child.text or ""
            elif child.tag in (W_BR, W_CR):
                yield "\n"
            elif child.tag == W_TAB:
                yield "\t"
            elif child.tag == W_NO_BREAK_HYPHEN:
                yield "-"

    def _run_bold(self, run: Any, paragraph_bold: bool) -> bool:
        properties = run.find(W_RPR)
        if properties is not None:
            bold = properties.find(W_B)
            if bold is not None:
                return _on(bold)
            style = properties.find(W_RSTYLE)
            if style is not None and style.get(W_VAL) in self.bold_styles:
                return True
        return paragraph_bold

    def cell(self, tc: Any) -> Cell:
        paragraphs = [self.paragraph(p) for p in tc.iter(W_P)]
        texts = [text for text, _ in paragraphs]
        flags = [bold for text, bold in paragraphs if text.strip()]
        return Cell("\n".join(texts), bold=bool(flags) and all(flags))

    def table(self, tbl: Any, first_row: int) -> GridTable:
        rows: list[GridRow] = []
        for tr in tbl.iterchildren(W_TR):
            self.rows_read += 1
            if self.rows_read > self.limits.max_rows:
                raise PlanReadError(
                    f"В документе больше {self.limits.max_rows} строк таблицы — это не похоже на план."
                )
            above = rows[-1].cells if rows else ()
            cells: list[Cell] = [Cell("") for _ in range(_grid_before(tr))]
            for tc in tr.iterchildren(W_TC):
                column = len(cells)
                span, merged_down = _cell_merges(tc)
                if merged_down and column < len(above):
                    origin = above[column]
                    cell = Cell(origin.text, origin.bold, merged_down=True)
                else:
                    cell = self.cell(tc)
                cells.append(cell)
                for _ in range(max(span, 1) - 1):
                    cells.append(
                        Cell(cell.text, cell.bold, spanned=True, merged_down=cell.merged_down)
                    )
            rows.append(GridRow(tuple(cells), first_row + len(rows)))
        return GridTable(tuple(rows))
