"""From paragraphs and tables of cells to objectives and activities.

Works on the format-free `RawDocument` of `grid.py`, so DOCX, XLSX, PDF and text plans are read by
the same rules:

* The plan table is the first table with a header row naming the columns by the words of
  `columns.py` («№ п/п», «Мероприятие», «Исполнители», «Срок исполнения», «Дата проведения», …), in
  any order; failing that, the first table of three columns or more, whose header (a row shaped
  like one: short texts above numbered rows) or lack of header is said in a warning. A header may
  take two rows (merged cells above, sub-headers below). The cells confirm or overrule the roles
  the header's words (or the column order) give; a person's choices beat both.
* Text before the plan table, including tables without such a header (an «Утверждаю» block laid out
  in a table), is the preamble. Tables after it continue it (a table broken by a page break); one
  with another number of columns is left out with a warning.
* The rows are read by their shape in `rows.py`: sections, activities, continuations, and header
  rows, column numbers and repeated headers, which are never activities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.documents.columns import (
    DEADLINE,
    EXECUTORS,
    NUMBER,
    TITLE,
    ColumnReading,
    Columns,
    apply_choices,
    columns_from_names,
    confirm_by_content,
    header_role,
)
from parsing.documents.grid import Block, GridRow, GridTable, RawDocument, cell_texts
from parsing.documents.model import (
    NO_CHOICES,
    ObjectiveRow,
    PlanReadError,
    ReadChoices,
)
from parsing.documents.rows import (
    RowReader,
    cell_at,
    is_column_numbers,
    is_header_row,
)
from parsing.documents.text import collapse, join_lines, normalise_number

NO_TABLE_MESSAGE = (
    "В документе не найдена таблица мероприятий: нужна таблица со столбцами «№ п/п», "
    "«Наименование мероприятия», «Исполнители», «Срок исполнения»."
)

_BETWEEN_TABLES_RE = re.compile(r"^(продолжение|окончание)\s+таблицы", re.IGNORECASE)


__all__ = [
    "DEADLINE",
    "EXECUTORS",
    "NUMBER",
    "TITLE",
    "build_plan",
    "has_plan_header",
    "header_role",
]


@dataclass(frozen=True)
class PlanBody:
    preamble: list[str]
    objectives: tuple[ObjectiveRow, ...]
    warnings: tuple[str, ...]
    columns: tuple[ColumnReading, ...] = ()


def _columns_from_header(rows: list[GridRow]) -> Columns:
    """Map columns from the header rows (top row first); sub-headers refine merged headers."""
    count = _width(GridTable(tuple(rows)))
    levels: list[list[str]] = [[] for _ in range(count)]
    for row in rows:
        for index, cell in enumerate(row.cells):
            text = join_lines(cell.text)
            if text and (not levels[index] or levels[index][-1] != text):
                levels[index].append(text)
    columns = columns_from_names([": ".join(texts) for texts in levels], count)
    header = tuple(collapse(t) for t in cell_texts(rows[0]) if collapse(t))
    return Columns(count, columns.roles, columns.extra, header, columns.names, columns.how)


def _is_header_continuation(row: GridRow, header: GridRow, columns: Columns) -> bool:
    """A second header row: sub-headers under merged cells, nothing where titles and numbers go."""
    if is_column_numbers(row):
        return False
    texts = [collapse(t) for t in cell_texts(row) if collapse(t)]
    if not texts or any(t.lower().startswith("задача") or len(t) > 60 for t in texts):
        return False
    for role in (NUMBER, TITLE):
        index = columns.roles.get(role)
        cell = cell_at(row, index)
        if (
            collapse(cell.text)
            and not cell.merged_down
            and cell.text != cell_at(header, index).text
        ):
            return False
    return True


def _positional_columns(table: GridTable) -> Columns:
    return columns_from_names([], _width(table), positional=True)


def _unnamed_header(row: GridRow, count: int) -> Columns:
    """A header row whose words name no column we know: names kept, roles by position."""
    names = [join_lines(c.text) if not c.spanned else "" for c in row.cells]
    names += [""] * (count - len(names))
    columns = columns_from_names(names[:count], count, positional=True)
    header = tuple(collapse(t) for t in cell_texts(row) if collapse(t))
    return Columns(count, columns.roles, columns.extra, header, columns.names, columns.how)


def _looks_like_header(table: GridTable, within: int = 6) -> int | None:
    """The index of a row that is shaped like a header though its words are unknown: short texts in
    several cells, none a number, at the top of the table, above rows that carry numbers."""
    rows = table.rows
    for index, row in enumerate(rows[:within]):
        texts = [collapse(t) for t in cell_texts(row) if collapse(t)]
        if len(texts) < 2 or len(set(texts)) < 2 or is_column_numbers(row):
            continue
        if any(len(t) > 60 or normalise_number(t) is not None for t in texts):
            return None
        below = rows[index + 1 : index + 6]
        numbered = sum(
            1 for r in below if any(normalise_number(t) is not None for t in cell_texts(r))
        )
        return index if numbered >= 1 else None
    return None


def _table_lines(table: GridTable) -> list[str]:
    """The text of a table that is not the plan (an approval block), cell after cell."""
    lines: list[str] = []
    for row in table.rows:
        texts = [text for text in cell_texts(row) if collapse(text)]
        if not texts:
            lines.append("")
        for text in texts:
            lines.extend(text.split("\n"))
    return lines


def _find_header(table: GridTable, within: int = 40) -> int | None:
    return next((i for i, row in enumerate(table.rows[:within]) if is_header_row(row)), None)


def has_plan_header(raw: RawDocument) -> bool:
    """Whether some table of the document has a header row naming the plan's columns."""
    return any(isinstance(b, GridTable) and _find_header(b) is not None for b in raw.blocks)


def _width(table: GridTable) -> int:
    return max((len(row.cells) for row in table.rows), default=0)


def _locate_plan_table(blocks: tuple[Block, ...]) -> tuple[int, int | None]:
    """(index of the plan table among the blocks, index of its header row or None if it has none)."""
    for index, block in enumerate(blocks):
        if isinstance(block, GridTable):
            header = _find_header(block)
            if header is not None:
                return index, header
    for index, block in enumerate(blocks):
        if isinstance(block, GridTable) and _width(block) >= 3:
            return index, None
    raise PlanReadError(NO_TABLE_MESSAGE)


def build_plan(raw: RawDocument, *, max_rows: int, choices: ReadChoices = NO_CHOICES) -> PlanBody:
    """Find the plan table in the document and read its rows into objectives and activities."""
    tables = [b for b in raw.blocks if isinstance(b, GridTable)]
    if sum(len(t.rows) for t in tables) > max_rows:
        raise PlanReadError(f"В документе больше {max_rows} строк таблицы — это не похоже на план.")
    first, header_index = _locate_plan_table(raw.blocks)
    plan_table = raw.blocks[first]
    assert isinstance(plan_table, GridTable)

    warnings: list[str] = list(raw.warnings)
    preamble: list[str] = []
    for block in raw.blocks[:first]:
        preamble.extend(_table_lines(block) if isinstance(block, GridTable) else [block])
    unnamed = _looks_like_header(plan_table) if header_index is None else None
    if header_index is not None:
        preamble.extend(_table_lines(GridTable(plan_table.rows[:header_index])))
        columns, body_rows = _split_header(list(plan_table.rows[header_index:]))
    elif unnamed is not None:
        preamble.extend(_table_lines(GridTable(plan_table.rows[:unnamed])))
        columns = _unnamed_header(plan_table.rows[unnamed], _width(plan_table))
        body_rows = list(plan_table.rows[unnamed + 1 :])
    else:
        columns, body_rows = _positional_columns(plan_table), list(plan_table.rows)
    columns = apply_choices(confirm_by_content(columns, body_rows), choices.columns)
    if header_index is None and not choices.columns:
        found = (
            "Заголовок таблицы не распознан"
            if unnamed is not None
            else ("Не найдена строка заголовка таблицы")
        )
        warnings.append(
            f"{found}; столбцы определены по порядку и содержимому: "
            f"{_describe(columns)}. Проверьте и при необходимости выберите роли столбцов"
        )
    reader = RowReader(continue_unnumbered=raw.reconstructed, row_kinds=choices.rows)
    reader.read_rows(body_rows, columns)
    first_columns = columns
    columns = _read_following_blocks(raw.blocks[first + 1 :], columns, reader, warnings, choices)

    if raw.reconstructed:
        warnings.append(
            "Таблица в PDF без линий: строки восстановлены по расположению текста, проверьте результат"
        )
    has_executors, has_deadline = EXECUTORS in columns.roles, DEADLINE in columns.roles
    if not has_executors:
        warnings.append("В таблице нет столбца «Исполнители»")
    if not has_deadline:
        warnings.append("В таблице нет столбца «Срок исполнения»")
    objectives, more = reader.finish(has_executors=has_executors, has_deadline=has_deadline)
    return PlanBody(preamble, objectives, tuple(warnings + more), first_columns.readings())


_ROLE_NAMES = {
    NUMBER: "№",
    TITLE: "мероприятие",
    EXECUTORS: "исполнители",
    DEADLINE: "срок",
}


def _describe(columns: Columns) -> str:
    by_index = {index: role for role, index in columns.roles.items()}
    return ", ".join(_ROLE_NAMES[by_index[i]] for i in sorted(by_index))


def _read_following_blocks(
    blocks: tuple[Block, ...],
    columns: Columns,
    reader: RowReader,
    warnings: list[str],
    choices: ReadChoices,
) -> Columns:
    """Tables after the plan table: continuations (same width or own header) are read, others
    are left out with a warning, as is text between two tables. Returns the last column map."""
    pending_text: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            if collapse(block) and not _BETWEEN_TABLES_RE.match(collapse(block)):
                pending_text.append(collapse(block))
            continue
        for text in pending_text:
            warnings.append(f"Текст между таблицами не прочитан как часть плана: «{text}»")
        pending_text = []
        header_at = _find_header(block, within=3)
        if header_at is not None:
            columns, rows = _split_header(list(block.rows[header_at:]))
            columns = apply_choices(confirm_by_content(columns, rows), choices.columns)
            reader.read_rows(rows, columns)
        elif _width(block) == columns.count:
            reader.read_rows(list(block.rows), columns)
        elif any(collapse(t) for r in block.rows for t in cell_texts(r)):
            first_text = next(collapse(t) for r in block.rows for t in cell_texts(r) if collapse(t))
            warnings.append(f"Таблица с другим числом столбцов пропущена: «{first_text[:80]}»")
    return columns


def _split_header(rows: list[GridRow]) -> tuple[Columns, list[GridRow]]:
    """The column map from the header (one or two rows at the top of `rows`) and the rows after it."""
    header = rows[0]
    header_rows = [header]
    columns = _columns_from_header(header_rows)
    while len(header_rows) < 3 and len(rows) > len(header_rows):
        candidate = rows[len(header_rows)]
        if not _is_header_continuation(candidate, header, columns):
            break
        header_rows.append(candidate)
        columns = _columns_from_header(header_rows)
    return columns, rows[len(header_rows) :]
