"""From paragraphs and tables of cells to objectives and activities.

Works on the format-free `RawDocument` of `grid.py`, so DOCX, XLSX, PDF and text plans are read by
the same rules:

* The plan table is the first table with a header row naming the columns («№ п/п», «Наименование
  мероприятия»/«Мероприятие»/«Содержание», «Исполнители»/«Ответственные исполнители», «Срок
  исполнения»/«Сроки»), in any order; other headed columns («Отметка о выполнении», «Форма
  представления результатов», «Ответственные») are kept as extra fields by their header text. A
  header may take two rows (merged cells above, sub-headers below). A row of column numbers («1 2 3
  4») and header rows repeated on a new page are skipped.
* Text before the plan table, including tables without such a header (an «Утверждаю» block laid out
  in a table), is the preamble. Tables after it continue it (a table broken by a page break); one
  with another number of columns is left out with a warning.
* An objective row is one piece of text in the row («Задача 2. …», merged across the table or in one
  cell, bold or not) or a bold heading alone in its row.
* A row without a number continues the activity above when it reads like the rest of it (starts in
  lowercase, has no title, or the title above is unfinished and the row has no executors or
  deadline of its own): a row split by a page break. Otherwise it is an activity with a warning.
* Cells merged down (one deadline for several rows) are inherited by every row they cover.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

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
from parsing.documents.grid import Block, Cell, GridRow, GridTable, RawDocument, cell_texts
from parsing.documents.model import (
    ACTIVITY,
    NO_CHOICES,
    SECTION,
    ActivityRow,
    ObjectiveRow,
    PlanReadError,
    ReadChoices,
)
from parsing.documents.text import collapse, join_lines, normalise_number, starts_lowercase

NO_OBJECTIVE_TITLE = "Без задачи"
NO_TABLE_MESSAGE = (
    "В документе не найдена таблица мероприятий: нужна таблица со столбцами «№ п/п», "
    "«Наименование мероприятия», «Исполнители», «Срок исполнения»."
)

_OBJECTIVE_RE = re.compile(
    r"^(?:задача\b\s*№?\s*(?P<n1>\d+|[IVXLC]+\b)?|(?:раздел|направление|цель)\s*№?\s*"
    r"(?P<n2>\d+|[IVXLC]+\b))\s*[.:)]?\s*(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_HEADING_NUMBER_RE = re.compile(r"^(\d+|[IVXLC]+)\s*[.)]\s*([^\d\s.].*)$", re.DOTALL)
_LEADING_NUMBER_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$", re.DOTALL)
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


@dataclass
class _Draft:
    """An activity while its rows are still being collected."""

    number: str
    title: str
    executors: str
    deadline: str
    extra: dict[str, str]
    source_row: int
    notes: list[str] = field(default_factory=list)
    row_key: str = ""


@dataclass
class _Section:
    number: str
    title: str
    drafts: list[_Draft] = field(default_factory=list)
    row_key: str = ""


def row_key(row: GridRow) -> str:
    """The row's distinct texts, lowercased: what a person's choice for the row is kept under, so
    that it still applies to the same row in the next edition of the document."""
    texts: list[str] = []
    for text in cell_texts(row):
        text = collapse(text).lower().replace("ё", "е")
        if text and text not in texts:
            texts.append(text)
    return " | ".join(texts)[:300]


def _header_roles(row: GridRow) -> set[str]:
    return {role for text in cell_texts(row) if (role := header_role(text))}


def _is_header_row(row: GridRow) -> bool:
    roles = _header_roles(row)
    return TITLE in roles and len(roles) >= 2


def _is_column_numbers(row: GridRow) -> bool:
    texts = [collapse(t) for t in cell_texts(row) if collapse(t)]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]


def _cell(row: GridRow, index: int | None) -> Cell:
    if index is None or index >= len(row.cells):
        return Cell("")
    return row.cells[index]


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
    if _is_column_numbers(row):
        return False
    texts = [collapse(t) for t in cell_texts(row) if collapse(t)]
    if not texts or any(t.lower().startswith("задача") or len(t) > 60 for t in texts):
        return False
    for role in (NUMBER, TITLE):
        index = columns.roles.get(role)
        cell = _cell(row, index)
        if collapse(cell.text) and not cell.merged_down and cell.text != _cell(header, index).text:
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
        if len(texts) < 2 or len(set(texts)) < 2 or _is_column_numbers(row):
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
    return next((i for i, row in enumerate(table.rows[:within]) if _is_header_row(row)), None)


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
    reader = _RowReader(continue_unnumbered=raw.reconstructed, row_kinds=choices.rows)
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
    reader: _RowReader,
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


def _normalised_texts(row: GridRow) -> tuple[str, ...]:
    return tuple(
        re.sub(r"[\W_]+", "", t.lower().replace("ё", "е")) for t in cell_texts(row) if collapse(t)
    )


def _is_repeated_header(row: GridRow, columns: Columns) -> bool:
    """The header again (a page break repeats it), or another row of header words and no number."""
    texts = [collapse(t) for t in cell_texts(row) if collapse(t)]
    header = tuple(re.sub(r"[\W_]+", "", t.lower().replace("ё", "е")) for t in columns.header)
    if header and _normalised_texts(row) == header:
        return True
    if any(len(t) > 40 or normalise_number(t) is not None for t in texts):
        return False
    return _is_header_row(row)


def _same_text_everywhere(row: GridRow) -> str | None:
    """The text of a row whose every filled cell holds the same text (a merged cell, as some
    converters write it), or None."""
    texts = {join_lines(c.text) for c in row.cells if collapse(c.text)}
    filled = sum(1 for c in row.cells if collapse(c.text))
    return next(iter(texts)) if len(texts) == 1 and filled >= 2 else None


def _heading(text: str) -> tuple[str, str]:
    """(number, title) of a section heading: «Задача 2. …», «Раздел 2», «1. …», «I. …», or none."""
    found = _objective_heading(text)
    if found is not None:
        return found
    heading = _HEADING_NUMBER_RE.match(text)
    if heading:
        return heading.group(1), heading.group(2)
    return "", text


def _forced_section(row: GridRow, columns: Columns) -> tuple[str, str]:
    """A row a person marked «это раздел»: its number and title, however its cells are laid out."""
    merged = _same_text_everywhere(row)
    if merged is not None:
        return _heading(merged)
    number = normalise_number(_cell(row, columns.roles.get(NUMBER)).text) or ""
    title = join_lines(_cell(row, columns.roles.get(TITLE)).text)
    if not title:
        title = next((join_lines(t) for t in cell_texts(row) if collapse(t)), "")
    found_number, found_title = _heading(title)
    return number or found_number, found_title


class _RowReader:
    """Reads body rows one by one, keeping the objective and the activity they belong to."""

    def __init__(self, *, continue_unnumbered: bool, row_kinds: Mapping[str, str]) -> None:
        self.sections: list[_Section] = []
        self.current: _Draft | None = None
        self.continue_unnumbered = continue_unnumbered
        self.row_kinds = row_kinds

    def read_rows(self, rows: list[GridRow], columns: Columns) -> None:
        for row in rows:
            self._read_row(row, columns)

    def _section(self) -> _Section:
        if not self.sections:
            self.sections.append(_Section("", NO_OBJECTIVE_TITLE))
        return self.sections[-1]

    def _read_row(self, row: GridRow, columns: Columns) -> None:
        texts = [collapse(t) for t in cell_texts(row) if collapse(t)]
        if not texts or _is_column_numbers(row) or _is_repeated_header(row, columns):
            return
        key = row_key(row)
        kind = self.row_kinds.get(key)
        if kind == SECTION:
            objective: tuple[str, str] | None = _forced_section(row, columns)
        else:
            objective = None if kind == ACTIVITY else _objective(row, columns)
        if objective is not None:
            number, heading = objective
            self.sections.append(_Section(number, heading.rstrip(" :"), row_key=key))
            self.current = None
            return
        merged = _same_text_everywhere(row) if kind == ACTIVITY else None

        def text(role: str) -> str:
            cell = _cell(row, columns.roles.get(role))
            return "" if cell.merged_down and role in (NUMBER, TITLE) else join_lines(cell.text)

        number_text, title = text(NUMBER), text(TITLE)
        executors, deadline = text(EXECUTORS), text(DEADLINE)
        if merged is not None:  # a heading a person says is an activity: its text is the title
            number_text, title, executors, deadline = "", merged, "", ""
        extra = {
            name: join_lines(_cell(row, index).text)
            for index, name in columns.extra.items()
            if join_lines(_cell(row, index).text)
        }
        notes: list[str] = []
        if number_text and normalise_number(number_text) is None and not title:
            number_text, title = "", number_text  # text alone in the number column
        if NUMBER not in columns.roles or not number_text:
            match = _LEADING_NUMBER_RE.match(title)
            if match and normalise_number(match.group(1)) is not None:
                number_text, title = match.group(1), match.group(2)

        if (
            not number_text
            and self.current is not None
            and kind != ACTIVITY
            and self._continues(title, row, columns)
        ):
            self._append(row, columns, title, executors, deadline, extra)
            return
        normalised = normalise_number(number_text) if number_text else ""
        if normalised is None:
            notes.append(f"Номер мероприятия «{number_text}» не похож на номер вида «2.8»")
        number = number_text if normalised is None else normalised
        self.current = _Draft(
            number, title, executors, deadline, extra, row.source_row, notes, row_key=key
        )
        self._section().drafts.append(self.current)

    def _continues(self, title: str, row: GridRow, columns: Columns) -> bool:
        """Whether a row without a number is the rest of the activity above."""
        assert self.current is not None
        if self.continue_unnumbered or not title or starts_lowercase(title):
            return True
        own_cells = [
            _cell(row, columns.roles.get(role))
            for role in (EXECUTORS, DEADLINE)
            if role in columns.roles
        ]
        has_own = any(collapse(c.text) and not c.merged_down for c in own_cells)
        return not has_own and not self.current.title.rstrip().endswith((".", "!", "?", ";"))

    def _append(
        self,
        row: GridRow,
        columns: Columns,
        title: str,
        executors: str,
        deadline: str,
        extra: dict[str, str],
    ) -> None:
        draft = self.current
        assert draft is not None

        def joined(before: str, after: str, role: str | None, index: int | None = None) -> str:
            cell = _cell(row, columns.roles.get(role) if role else index)
            if not after or cell.merged_down:
                return before
            return join_lines(f"{before}\n{after}")

        draft.title = joined(draft.title, title, TITLE)
        draft.executors = joined(draft.executors, executors, EXECUTORS)
        draft.deadline = joined(draft.deadline, deadline, DEADLINE)
        for index, name in columns.extra.items():
            if name in extra:
                draft.extra[name] = joined(draft.extra.get(name, ""), extra[name], None, index)

    def finish(
        self, *, has_executors: bool, has_deadline: bool
    ) -> tuple[tuple[ObjectiveRow, ...], list[str]]:
        warnings: list[str] = []
        seen: dict[str, int] = {}
        objectives: list[ObjectiveRow] = []
        for section in _promote_group_rows(self.sections):
            activities = []
            for draft in section.drafts:
                notes = list(draft.notes)
                if not draft.number:
                    notes.insert(0, "Нет номера мероприятия")
                elif draft.number in seen:
                    notes.append(
                        f"Номер «{draft.number}» уже встречался в строке {seen[draft.number]}"
                    )
                else:
                    seen[draft.number] = draft.source_row
                if not draft.title:
                    notes.append("Не указано наименование мероприятия")
                if has_executors and not draft.executors:
                    notes.append("Строка без исполнителей")
                if has_deadline and not draft.deadline:
                    notes.append("Не указан срок исполнения")
                activities.append(
                    ActivityRow(
                        number=draft.number,
                        title=draft.title,
                        executors=draft.executors,
                        deadline_text=draft.deadline,
                        extra=draft.extra,
                        warnings=tuple(notes),
                        source_row=draft.source_row,
                        row_key=draft.row_key,
                    )
                )
            label = f"Задача {section.number}" if section.number else f"«{section.title[:60]}»"
            if section.title == NO_OBJECTIVE_TITLE and not section.number:
                warnings.append("Мероприятия до первой задачи собраны в раздел «Без задачи»")
            elif not activities:
                warnings.append(f"{label}: нет ни одного мероприятия")
            objectives.append(
                ObjectiveRow(section.number, section.title, tuple(activities), section.row_key)
            )
        if not any(o.activities for o in objectives):
            raise PlanReadError("В таблице не найдено ни одного мероприятия.")
        return tuple(objectives), warnings


def _promote_group_rows(sections: list[_Section]) -> list[_Section]:
    """A numbered row with only a title («1. | Собрания попечительского совета:») whose next rows
    are numbered under it («1.1.», «1.2.») is a section, not an activity."""
    result: list[_Section] = []
    for section in sections:
        current = _Section(section.number, section.title, [], section.row_key)
        result.append(current)
        for index, draft in enumerate(section.drafts):
            following = section.drafts[index + 1] if index + 1 < len(section.drafts) else None
            is_group = (
                draft.number.isdigit()
                and draft.title
                and not draft.executors
                and not draft.deadline
                and not draft.extra
                and following is not None
                and following.number.startswith(f"{draft.number}.")
            )
            if is_group:
                if current.drafts or current.title != NO_OBJECTIVE_TITLE or current.number:
                    current = _Section(draft.number, draft.title.rstrip(" :"), [], draft.row_key)
                    result.append(current)
                else:
                    current.number, current.title = draft.number, draft.title.rstrip(" :")
                    current.row_key = draft.row_key
                continue
            current.drafts.append(draft)
    return result


def _objective(row: GridRow, columns: Columns) -> tuple[str, str] | None:
    """(number, title) when the row is an objective heading, else None."""
    distinct = [
        (index, cell)
        for index, cell in enumerate(row.cells)
        if not cell.spanned and not cell.merged_down and collapse(cell.text)
    ]
    number_cell = _cell(row, columns.roles.get(NUMBER))
    title_cell = _cell(row, columns.roles.get(TITLE))
    merged = _same_text_everywhere(row)
    if merged is not None and len(distinct) > 1 and normalise_number(merged) is None:
        return _heading(merged)  # «1. Создание условий…» written into every cell of the row
    if len(distinct) == 1:
        cell = distinct[0][1]
        text = join_lines(cell.text)
        found = _objective_heading(text)
        if found is not None:
            return found
        spans = sum(1 for c in row.cells if c.spanned) >= max(1, columns.count - 2)
        if (cell.bold or spans) and normalise_number(text) is None and not starts_lowercase(text):
            heading = _HEADING_NUMBER_RE.match(text)
            return (heading.group(1), heading.group(2)) if heading else ("", text)
        return None
    # «1» in the number column and a bold «Задача …» or heading in the title column, nothing else
    # (an explicit «Задача …» may have a value in an extra column, such as a rating).
    others = [(i, c) for i, c in distinct if c is not number_cell and c is not title_cell]
    in_roles = [
        i for i, _ in others if i in (columns.roles.get(EXECUTORS), columns.roles.get(DEADLINE))
    ]
    title = join_lines(title_cell.text)
    number = normalise_number(number_cell.text) or ""
    if not title or "." in number:
        return None
    found = _objective_heading(title)
    if found is not None and not in_roles:
        return found[0] or number, found[1]
    if others:
        return None
    if title_cell.bold and number:
        return number, title
    return None


def _objective_heading(text: str) -> tuple[str, str] | None:
    """«Задача 2. Повышение …» → ("2", "Повышение …"); None when the text is no objective."""
    match = _OBJECTIVE_RE.match(text)
    if match is None:
        return None
    number = match.group("n1") or match.group("n2") or ""
    title = match.group("title").strip()
    return (number, title) if number or title else None
