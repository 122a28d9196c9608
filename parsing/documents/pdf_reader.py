"""PDF plans with a text layer (a Word file saved or printed to PDF).

Ruled tables are read with pdfplumber's line-based table finder, page after page; a table cut by a
page break simply goes on in the next page's table, and the table builder joins the row cut in two.
Text above the first table is the preamble. Cells merged across the table come back as empty (None)
cells and are marked `spanned`. A PDF whose table has no ruling lines falls back to the text lines:
columns are placed by the header words, each line is split at the column edges, and a line without a
number continues the row above (the result carries a warning to check it). A scan without a text
layer, an encrypted or a broken PDF gets a Russian error.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import itertools
import re
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from parsing.documents.grid import Block, Cell, GridRow, GridTable, RawDocument
from parsing.documents.model import PlanReadError, ReadLimits
from parsing.documents.table import NO_TABLE_MESSAGE, NUMBER, TITLE, has_plan_header, header_role
from parsing.documents.text import normalise_number

BROKEN = "Файл повреждён или не является документом PDF."
PASSWORD = "PDF защищён паролем: снимите защиту и загрузите файл снова."
NO_TEXT = (
    "В PDF нет текстового слоя (похоже на скан). Загрузите план в формате DOCX или PDF, "
    "сохранённый из Word."
)
_OBJECTIVE_START = re.compile(r"^(задача|раздел)\b", re.IGNORECASE)


def read_pdf(data: bytes, limits: ReadLimits) -> RawDocument:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on a broken file
        raise PlanReadError(PASSWORD if _is_password_error(exc) else BROKEN) from exc
    with pdf:
        try:
            if len(pdf.pages) > limits.max_pdf_pages:
                raise PlanReadError(
                    f"В PDF слишком много страниц (больше {limits.max_pdf_pages}) — это не похоже на план."
                )
            if not any(page.chars for page in pdf.pages):
                raise PlanReadError(NO_TEXT)
            document = _read_ruled(pdf.pages)
            if document is None:
                document = _read_unruled(pdf.pages)
            elif not has_plan_header(document):  # ruled boxes around something else
                with contextlib.suppress(PlanReadError):  # else keep the ruled tables as they are
                    document = _read_unruled(pdf.pages)
        except PlanReadError:
            raise
        except Exception as exc:  # a page that pdfminer cannot decode
            raise PlanReadError(PASSWORD if _is_password_error(exc) else BROKEN) from exc
    return document


def _is_password_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's password error in its own exception."""
    causes = [exc, exc.__cause__, exc.__context__, *exc.args]
    return any(isinstance(cause, PDFPasswordIncorrect) for cause in causes)


def _bold_cells(chars: list[dict[str, Any]], row: Any) -> list[bool]:
    """For each cell of a table row: whether all characters centred in it are bold."""
    top, bottom = row.bbox[1], row.bbox[3]
    in_row = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    flags = []
    for bbox in row.cells:
        fonts = [
            str(char.get("fontname", "")).lower()
            for char in in_row
            if bbox is not None and bbox[0] <= (char["x0"] + char["x1"]) / 2 <= bbox[2]
        ]
        flags.append(bool(fonts) and all("bold" in font for font in fonts))
    return flags


def _read_ruled(pages: list[Any]) -> RawDocument | None:
    """Paragraphs above the first ruled table, then the tables of every page; None if none."""
    blocks: list[Block] = []
    found = False
    for page in pages:
        tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
        if not found:
            top = tables[0].bbox[1] if tables else page.height
            text = page.within_bbox((0, 0, page.width, top)).extract_text() if top > 0 else ""
            blocks.extend((text or "").split("\n"))
        for table in tables:
            found = True
            x0, top, x1, bottom = table.bbox
            chars = [
                c
                for c in page.chars
                if c["text"].strip()
                and x0 <= c["x0"]
                and c["x1"] <= x1
                and top <= c["top"] <= bottom
            ]
            rows: list[GridRow] = []
            edges = _column_edges(table.rows)
            for row, texts in zip(table.rows, table.extract(), strict=True):
                cells: list[Cell] = []
                for index, (text, bold) in enumerate(
                    zip(texts, _bold_cells(chars, row), strict=True)
                ):
                    if text is not None:
                        cells.append(Cell(text, bold))
                    elif _covered_from_left(row.cells, index, edges) or not rows:
                        previous = cells[-1] if cells else Cell("")
                        cells.append(Cell(previous.text, previous.bold, spanned=True))
                    else:  # a cell merged down: the text of the cell above
                        above = rows[-1].cells[index] if index < len(rows[-1].cells) else Cell("")
                        cells.append(Cell(above.text, above.bold, merged_down=True))
                rows.append(GridRow(tuple(cells), 0))
            blocks.append(GridTable(tuple(rows)))
    if not found:
        return None
    return RawDocument(tuple(_numbered(blocks)))


def _column_edges(rows: list[Any]) -> list[tuple[float, float] | None]:
    """(x0, x1) of every column, from the first row where its cell is not merged away."""
    width = max((len(row.cells) for row in rows), default=0)
    edges: list[tuple[float, float] | None] = [None] * width
    for row in rows:
        for index, bbox in enumerate(row.cells):
            if bbox is not None and edges[index] is None:
                edges[index] = (bbox[0], bbox[2])
    return edges


def _covered_from_left(
    bboxes: list[Any], index: int, edges: list[tuple[float, float] | None]
) -> bool:
    """Whether an empty (None) cell is covered by a cell on its left (merged across), rather
    than by the cell above (merged down)."""
    left = next((bboxes[i] for i in range(index - 1, -1, -1) if bboxes[i] is not None), None)
    edge = edges[index] if index < len(edges) else None
    if left is None or edge is None:
        return left is not None
    return bool(left[2] >= edge[1] - 1)


def _numbered(blocks: list[Block]) -> list[Block]:
    """Number table rows across pages (1, 2, … over all tables) for messages."""
    result: list[Block] = []
    counter = 0
    for block in blocks:
        if isinstance(block, GridTable):
            rows = []
            for row in block.rows:
                counter += 1
                rows.append(GridRow(row.cells, counter))
            block = GridTable(tuple(rows))
        result.append(block)
    return result


@dataclass(frozen=True)
class _Line:
    """Words of one text line, left to right."""

    words: tuple[dict[str, Any], ...]

    @property
    def text(self) -> str:
        return " ".join(str(w["text"]) for w in self.words)

    @property
    def bold(self) -> bool:
        return all("bold" in str(w.get("fontname", "")).lower() for w in self.words)


def _text_lines(pages: list[Any]) -> list[_Line]:
    lines: list[_Line] = []
    for page in pages:
        words = page.extract_words(extra_attrs=["fontname"])
        words.sort(key=lambda w: (round(w["top"]), w["x0"]))
        current: list[dict[str, Any]] = []
        for word in words:
            if current and abs(word["top"] - current[0]["top"]) > 3:
                lines.append(_Line(tuple(sorted(current, key=lambda w: w["x0"]))))
                current = []
            current.append(word)
        if current:
            lines.append(_Line(tuple(sorted(current, key=lambda w: w["x0"]))))
    return lines


def _labels(line: _Line) -> list[list[dict[str, Any]]]:
    """Header words grouped into column labels: words closer than a wide gap belong together."""
    groups: list[list[dict[str, Any]]] = []
    for word in line.words:
        if groups and word["x0"] - groups[-1][-1]["x1"] < 12:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _is_header(line: _Line) -> bool:
    roles = {header_role(" ".join(str(w["text"]) for w in group)) for group in _labels(line)}
    return TITLE in roles and len(roles - {None}) >= 2


def _boundaries(labels: list[list[dict[str, Any]]], lines: list[_Line]) -> list[float]:
    """Column edges: between two header labels, the rightmost x that fewest body words cover."""
    words = [w for line in lines if not line.bold for w in line.words]
    width = int(max([w["x1"] for w in words] + [g[-1]["x1"] for g in labels])) + 2
    coverage = [0] * width
    for word in words:  # a difference array: +1 where a word starts, -1 after it ends
        coverage[int(word["x0"])] += 1
        coverage[int(word["x1"]) + 1] -= 1
    coverage = list(itertools.accumulate(coverage))
    edges = []
    for left, right in itertools.pairwise(labels):
        start, end = int(left[0]["x0"]) + 1, int(right[0]["x0"])
        if end <= start:
            edges.append(float(end))
            continue
        least = min(coverage[start:end])
        edges.append(float(max(x for x in range(start, end) if coverage[x] == least)))
    return edges


def _split_line(line: _Line, edges: list[float]) -> list[str]:
    cells: list[list[str]] = [[] for _ in range(len(edges) + 1)]
    for word in line.words:
        centre = (word["x0"] + word["x1"]) / 2
        cells[bisect.bisect(edges, centre)].append(str(word["text"]))
    return [" ".join(cell) for cell in cells]


def _read_unruled(pages: list[Any]) -> RawDocument:
    """Rebuild the table from text lines: columns from the header, rows from the numbers."""
    lines = _text_lines(pages)
    start = next((i for i, line in enumerate(lines) if _is_header(line)), None)
    if start is None:
        raise PlanReadError(NO_TABLE_MESSAGE)
    header = lines[start]
    labels = _labels(header)
    names = [" ".join(str(w["text"]) for w in group) for group in labels]
    number_column = next((i for i, name in enumerate(names) if header_role(name) == NUMBER), None)
    body = [line for line in lines[start + 1 :] if line.text != header.text]
    edges = _boundaries(labels, [line for line in body if not _OBJECTIVE_START.match(line.text)])

    rows: list[list[str]] = [names]
    objective_rows: set[int] = set()
    for line in body:
        cells = _split_line(line, edges)
        number = cells[number_column] if number_column is not None else ""
        is_last_objective = len(rows) - 1 in objective_rows
        is_objective = _OBJECTIVE_START.match(line.text) is not None
        just_below_header = 0 <= line.words[0]["top"] - header.words[0]["bottom"] < 20
        if len(rows) == 1 and line.bold and just_below_header and not is_objective:
            continue  # the second line of a wrapped header
        if is_objective:
            objective_rows.add(len(rows))
            rows.append([line.text])
        elif is_last_objective and line.bold:
            rows[-1][0] += "\n" + line.text
        elif re.fullmatch(r"\d{1,3}", line.text) and not number:
            continue  # a page number
        elif normalise_number(number) is not None or is_last_objective or len(rows) == 1:
            rows.append(cells)
        else:
            rows[-1] = [
                f"{old}\n{new}" if new else old for old, new in zip(rows[-1], cells, strict=True)
            ]

    grid_rows = []
    for index, texts in enumerate(rows):
        if index in objective_rows:
            cells_out = [Cell(texts[0], bold=True)]
            cells_out += [Cell(texts[0], True, spanned=True) for _ in names[1:]]
        else:
            cells_out = [Cell(text, bold=index == 0) for text in texts]
        grid_rows.append(GridRow(tuple(cells_out), index + 1))
    preamble: list[Block] = [line.text for line in lines[:start]]
    return RawDocument((*preamble, GridTable(tuple(grid_rows))), reconstructed=True)
