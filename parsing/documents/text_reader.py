"""Plain-text plans (.txt, .md): the shape Word's «save as text» and copy-paste give.

Lines above the table header are paragraphs. From the header on, each line is a table row with cells
separated by tabs (or a Markdown pipe table `| … | … |`); a line without separators is a one-cell row
(an objective heading such as `***Задача 3. …***`); blank lines are skipped; `<br>` inside a cell is
a line break. Bold may be marked as
`**…**`, `***…***` or `<b>…</b>`, also around cells ending in empty tab-only cells. Files are UTF-8
(with or without BOM), UTF-16 with BOM, or Windows-1251.
"""

from __future__ import annotations

import re

from parsing.documents.grid import Block, Cell, GridRow, GridTable, RawDocument
from parsing.documents.model import PlanReadError, ReadLimits
from parsing.documents.table import TITLE, header_role
from parsing.documents.text import collapse, strip_markup

_PIPE_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def decode_text(data: bytes) -> str:
    """The text of a file in one of the encodings Russian offices produce."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PlanReadError(
                "Текстовый файл повреждён: не удалось прочитать кодировку."
            ) from exc
    if b"\x00" in data:
        raise PlanReadError(
            "Файл не похож на текст: загрузите план в формате DOCX, XLSX, PDF или TXT."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _split(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    return line.split("\t")


def _is_header_line(line: str) -> bool:
    roles = {header_role(strip_markup(cell)[0]) for cell in _split(line)}
    return TITLE in roles and len(roles - {None}) >= 2


def read_text(data: bytes, limits: ReadLimits) -> RawDocument:
    """Paragraphs above the header line, then one table of the lines from the header on."""
    lines = decode_text(data).splitlines()
    if len(lines) > limits.max_rows:
        raise PlanReadError(f"В файле больше {limits.max_rows} строк — это не похоже на план.")
    start = next((i for i, line in enumerate(lines) if _is_header_line(line)), None)
    if start is None:
        start = next((i for i, line in enumerate(lines) if len(_split(line)) >= 3), None)
    if start is None:
        start = len(lines)

    blocks: list[Block] = [strip_markup(line)[0] for line in lines[:start]]
    rows: list[GridRow] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if not collapse(strip_markup(line)[0]) or _PIPE_SEPARATOR_RE.match(line.strip()):
            continue
        cells = []
        for raw_cell in _split(line):
            text, bold = strip_markup(raw_cell)
            cells.append(Cell(text.replace("<br>", "\n"), bold))
        rows.append(GridRow(tuple(cells), index + 1))
    if rows:
        blocks.append(GridTable(tuple(rows)))
    return RawDocument(tuple(blocks))
