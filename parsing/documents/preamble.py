"""The text above the plan table: the approval block, the edition line and the title.

A plan opens with a right-hand «Утверждаю» block (the approver's position over one or more lines,
often a blank or a signature line, then the name as «Ю.В. Дроздов» or «Дроздов Ю.В.»), an optional
«(в редакции от «02» июня 2023 г.)» or «в редакции от 02.06.2023», and a title starting «План …»
that may run over several lines and names the year («на 2023 – 2024 учебный год», «на 2024 год»).
Lines arrive without markup; blank lines are kept as "" because they separate blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from parsing.documents.text import collapse, join_lines

_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "май": 5,
    "мая": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}

_APPROVAL_RE = re.compile(r"^\s*(утверждаю|утверждено|утвержден[аы]?)\b[\s:.]*", re.IGNORECASE)
_EDITION_RE = re.compile(r"редакци[ия]\s+от\s+(.+)", re.IGNORECASE)
_TITLE_RE = re.compile(r"^\s*план\b", re.IGNORECASE)
_DATE_LINE_RE = re.compile(
    r"^[«\"“]?\s*[_\d]{1,2}\s*[»\"”]?\s*[_а-яё]+\s+\d{4}|^\d{1,2}\.\d{1,2}\.\d{4}|^м\.\s?п\.|^протокол",
    re.IGNORECASE,
)
_WORD_DATE_RE = re.compile(r"[«\"“]?\s*(\d{1,2})\s*[»\"”]?\s+([а-яё]+)\s+(\d{4})", re.IGNORECASE)
_DOT_DATE_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b")
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS = r"[А-ЯЁ]\.\s?[А-ЯЁ]\.?"
_NAME_RE = re.compile(rf"{_INITIALS}\s?{_SURNAME}\b|\b{_SURNAME}\s{_INITIALS}")
_YEARS_RE = re.compile(r"\b(\d{4})\s*(?:[-–—/]|\bгг?\.?\s*[-–—])\s*(\d{4}|\d{2})\b")
_YEAR_RE = re.compile(r"\b(\d{4})\b")


@dataclass(frozen=True)
class Preamble:
    title: str
    approver_position: str
    approver_name: str
    edition_date: date | None
    plan_year: str | None
    warnings: tuple[str, ...]


def read_preamble(lines: list[str]) -> Preamble:
    """Read the approval block, the edition date, the title and the plan year from the lines."""
    lines = [collapse(line) for line in lines]
    warnings: list[str] = []

    position, name, after_approval = _read_approval(lines)
    if not position and not name:
        warnings.append("Не найден гриф утверждения («Утверждаю»)")

    edition_date = None
    for line in lines:
        match = _EDITION_RE.search(line)
        if match:
            edition_date = parse_russian_date(match.group(1))
            if edition_date is None:
                warnings.append(f"Не удалось прочитать дату редакции: «{line}»")
            break

    title = _read_title(lines, after_approval)
    if not title:
        warnings.append("Не найдено название плана")
    plan_year = plan_year_from_title(title)
    if title and plan_year is None:
        warnings.append("Не удалось определить год плана по названию")
    return Preamble(title, position, name, edition_date, plan_year, tuple(warnings))


def _read_approval(lines: list[str]) -> tuple[str, str, int]:
    """(position, name, index of the first line after the block); empty when there is no block."""
    start = next((i for i, line in enumerate(lines) if _APPROVAL_RE.match(line)), None)
    if start is None:
        return "", "", 0
    block = [_APPROVAL_RE.sub("", lines[start], count=1)]
    end = start + 1
    while end < len(lines) and end - start <= 10:
        line = lines[end]
        if _EDITION_RE.search(line) or _TITLE_RE.match(line) or _DATE_LINE_RE.match(line):
            break
        block.append(line)
        end += 1
        if _NAME_RE.search(line):
            break
    text = collapse(" ".join(block).replace("_", " "))
    names = _NAME_RE.findall(text)
    name = names[-1] if names else ""
    position = collapse(text.replace(name, " ")) if name else text
    return position.strip(" ,.;:"), name, end


def _read_title(lines: list[str], start: int) -> str:
    """The first block of lines starting with «План», or else the first block after the approval."""
    begin = next((i for i, line in enumerate(lines) if _TITLE_RE.match(line)), None)
    if begin is None:
        begin = next(
            (
                i
                for i in range(start, len(lines))
                if lines[i]
                and not _EDITION_RE.search(lines[i])
                and not _DATE_LINE_RE.match(lines[i])
            ),
            None,
        )
    if begin is None:
        return ""
    title_lines = []
    for line in lines[begin:]:
        if not line or _EDITION_RE.search(line):
            break
        title_lines.append(line)
    return join_lines("\n".join(title_lines))


def parse_russian_date(text: str) -> date | None:
    """«02» июня 2023 г. / 2 июня 2023 года / 02.06.2023 → a date; None if not a real date."""
    match = _WORD_DATE_RE.search(text)
    if match:
        day, month_word, year = match.groups()
        month = next(
            (n for stem, n in _MONTHS.items() if month_word.lower().startswith(stem)), None
        )
        if month is None:
            return None
        return _safe_date(int(year), month, int(day))
    match = _DOT_DATE_RE.search(text)
    if match:
        day, month_number, year = match.groups()
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        return _safe_date(full_year, int(month_number), int(day))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def plan_year_from_title(title: str) -> str | None:
    """«… на 2023 – 2024 учебный год» → «2023-2024»; «… на 2024 год» → «2024»."""
    match = _YEARS_RE.search(title)
    if match:
        first, second = int(match.group(1)), match.group(2)
        last = int(second) + first // 100 * 100 if len(second) == 2 else int(second)
        if last == first + 1:
            return f"{first}-{last}"
    years = _YEAR_RE.findall(title)
    if len(years) == 1:
        return str(years[0])
    return None
