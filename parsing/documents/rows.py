"""Rows of the plan table by their shape: sections, activities, header rows that are neither.

`RowReader` reads body rows one by one, keeping the section (objective) and the activity they
belong to; `table.py` finds the table and its columns and hands the rows over.

* A section row: one piece of text spanning the table; the same text in every filled cell (how
  converters write a merged cell); «Задача 2. …» in the title column (also beside a value in an
  extra column); a bold heading alone in its row; a numbered row with only a title above rows
  numbered under it («1.» over «1.1.»). Numbers from «1.», «I.», «Раздел 2», «Задача 3».
* Never an activity: a row of column numbers («1 2 3 4»), the header again after a page break (also
  retyped), a row of header words without a number.
* A row without a number continues the activity above when it reads like the rest of it (starts in
  lowercase, has no title, or the title above is unfinished and the row has no executors or
  deadline of its own): a row split by a page break. Otherwise it is an activity with a warning.
* Cells merged down (one deadline for several rows) are inherited by every row they cover.
* A person's choice for a row (kept under `row_key`, the row's text) makes it a section or an
  activity whatever its shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from parsing.documents.columns import DEADLINE, EXECUTORS, NUMBER, TITLE, Columns, header_role
from parsing.documents.grid import Cell, GridRow, cell_texts
from parsing.documents.model import ACTIVITY, SECTION, ActivityRow, ObjectiveRow, PlanReadError
from parsing.documents.text import collapse, join_lines, normalise_number, starts_lowercase

NO_OBJECTIVE_TITLE = "Без задачи"
_OBJECTIVE_RE = re.compile(
    r"^(?:задача\b\s*№?\s*(?P<n1>\d+|[IVXLC]+\b)?|(?:раздел|направление|цель)\s*№?\s*"
    r"(?P<n2>\d+|[IVXLC]+\b))\s*[.:)]?\s*(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_HEADING_NUMBER_RE = re.compile(r"^(\d+|[IVXLC]+)\s*[.)]\s*([^\d\s.].*)$", re.DOTALL)
_LEADING_NUMBER_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$", re.DOTALL)


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


def is_header_row(row: GridRow) -> bool:
    roles = _header_roles(row)
    return TITLE in roles and len(roles) >= 2


def is_column_numbers(row: GridRow) -> bool:
    texts = [collapse(t) for t in cell_texts(row) if collapse(t)]
    return len(texts) >= 3 and texts == [str(i) for i in range(1, len(texts) + 1)]


def cell_at(row: GridRow, index: int | None) -> Cell:
    if index is None or index >= len(row.cells):
        return Cell("")
    return row.cells[index]


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
    return is_header_row(row)


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
    number = normalise_number(cell_at(row, columns.roles.get(NUMBER)).text) or ""
    title = join_lines(cell_at(row, columns.roles.get(TITLE)).text)
    if not title:
        title = next((join_lines(t) for t in cell_texts(row) if collapse(t)), "")
    found_number, found_title = _heading(title)
    return number or found_number, found_title


class RowReader:
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
        if not texts or is_column_numbers(row) or _is_repeated_header(row, columns):
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
            cell = cell_at(row, columns.roles.get(role))
            return "" if cell.merged_down and role in (NUMBER, TITLE) else join_lines(cell.text)

        number_text, title = text(NUMBER), text(TITLE)
        executors, deadline = text(EXECUTORS), text(DEADLINE)
        if merged is not None:  # a heading a person says is an activity: its text is the title
            number_text, title, executors, deadline = "", merged, "", ""
        extra = {
            name: join_lines(cell_at(row, index).text)
            for index, name in columns.extra.items()
            if join_lines(cell_at(row, index).text)
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
            cell_at(row, columns.roles.get(role))
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
            cell = cell_at(row, columns.roles.get(role) if role else index)
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
    number_cell = cell_at(row, columns.roles.get(NUMBER))
    title_cell = cell_at(row, columns.roles.get(TITLE))
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
