"""Deadline phrases and plan titles moved to the next plan year («Create next year's plan»).

`shift_phrase(text, years=1)` moves every year written in a deadline phrase by `years` and keeps
everything else exactly as written: spaces, dashes, «г.», «года», a glued «2023года», two-digit
years («09.05.24» → «09.05.25»). Relative phrases («В течение учебного года», «сентябрь»,
«ежеквартально») have no year and come back UNCHANGED. A year is a four-digit number 1900–2100
(also inside a date «25.10.2023»), the two-digit year of a date «09.05.24», and the short second
year of «2023-24»; no other number (a day, «5-7-ых классов», «1 раз в квартал») ever changes.

A wrong date is worse than no date, so a phrase is SHIFTED only when `parse_deadline` reads both
the original (in the plan window) and the result (in the window moved by `years`), and the result
says the same thing `years` later: its start and end are the original's days in the new year
(a February month end may move between the 28th and the 29th). Otherwise it is UNSHIFTABLE, with
the original text kept and a Russian reason: a phrase the parser does not read («в период зимних
каникул 2023 года»), a day the new year lacks (29.02.2024 → 29.02.2025).

`shift_title(title, years=1)` moves the years of a plan title («…на 2023 – 2024 учебный год» →
«…на 2024 – 2025 учебный год») the same way, without reading it as a deadline.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, timedelta

from parsing.deadlines import Deadline, DeadlineKind, PlanWindow, parse_deadline


class ShiftStatus(enum.StrEnum):
    SHIFTED = "shifted"
    UNCHANGED = "unchanged"
    UNSHIFTABLE = "unshiftable"


@dataclass(frozen=True)
class ShiftedPhrase:
    """The phrase for the new plan; `reason` (Russian) says why an UNSHIFTABLE one was kept."""

    text: str
    status: ShiftStatus
    reason: str | None = None


NOT_READ = "Срок не распознан — проверьте вручную"
READS_DIFFERENTLY = "После переноса срок читается иначе — проверьте вручную"
OUT_OF_RANGE = "Год после переноса не записать так же, как в сроке — укажите срок вручную"

_FIRST_YEAR, _LAST_YEAR = 1900, 2100

# One match per year written in the text:
# - `short`: the two-digit year of a numeric date, «09.05.24» (not «09.05.2024», not «1.09.05.24»);
# - `year`: a four-digit number, optionally followed by the short second year of «2023-24».
_YEARS = re.compile(
    r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?P<short>\d{2})(?!\d)"
    r"|(?<!\d)(?P<year>\d{4})(?!\d)"
    r"(?:(?P<sep>[ \u00a0]*[-\u2010-\u2015\u2212/][ \u00a0]*)(?P<second>\d{2})(?![\d.]))?"
)


def shift_phrase(text: str, years: int = 1, *, window: PlanWindow | None = None) -> ShiftedPhrase:
    """Move the years of a deadline phrase by `years`; never raises.

    `window` is the plan the phrase comes from (the new plan's window is `years` later); without
    it the calendar year of the first year in the phrase is used, which reads every phrase with
    a year the same way except that a plan window also flags a year more than 20 years away.
    """
    found = _years_in(text)
    if not found or years == 0:
        return ShiftedPhrase(text, ShiftStatus.UNCHANGED)
    if window is None:
        window = PlanWindow(date(found[0], 1, 1), date(found[0], 12, 31))
    original = parse_deadline(text, window)
    if original.kind is DeadlineKind.UNPARSED:
        return ShiftedPhrase(text, ShiftStatus.UNSHIFTABLE, NOT_READ)
    moved = _replace_years(text, years)
    new_window = _shift_window(window, years)
    if moved is None or new_window is None:
        return ShiftedPhrase(text, ShiftStatus.UNSHIFTABLE, OUT_OF_RANGE)
    shifted = parse_deadline(moved, new_window)
    if shifted.kind is DeadlineKind.UNPARSED:
        reason = (shifted.reason or "").rstrip(" .")
        reason = reason[:1].lower() + reason[1:]
        return ShiftedPhrase(
            text, ShiftStatus.UNSHIFTABLE, f"«{moved}»: {reason} — укажите срок вручную"
        )
    if not _says_the_same_later(original, shifted, years):
        return ShiftedPhrase(text, ShiftStatus.UNSHIFTABLE, READS_DIFFERENTLY)
    return ShiftedPhrase(moved, ShiftStatus.SHIFTED)


def shift_title(title: str, years: int = 1) -> str:
    """Move every year of a plan title by `years`: «на 2023 – 2024 учебный год» → «на 2024 – 2025
    учебный год», «на 2024 год» → «на 2025 год». A year that cannot move (a two-digit year past
    99) stays as written."""
    return _replace_years(title, years, strict=False) or title


# --- Years in text -------------------------------------------------------------------------------


def _years_in(text: str) -> list[int]:
    """The years written in `text`, in order (a two-digit year as 20xx)."""
    found = []
    for m in _YEARS.finditer(text):
        if m["short"] is not None:
            found.append(2000 + int(m["short"]))
        elif _is_year(int(m["year"])):
            found.append(int(m["year"]))
    return found


def _is_year(number: int) -> bool:
    return _FIRST_YEAR <= number <= _LAST_YEAR


def _replace_years(text: str, years: int, *, strict: bool = True) -> str | None:
    """`text` with every year moved; None (or, not `strict`, the year as written) where a year
    would leave what its spelling can hold (a two-digit year past 2099, a five-digit year)."""
    failed = False

    def move(digits: str) -> str:
        nonlocal failed
        width = len(digits)
        low = 0 if width == 2 else 1000
        high = 99 if width == 2 else 9999
        if not low <= int(digits) + years <= high:
            failed = True
            return digits
        return f"{int(digits) + years:0{width}d}"

    def replace(m: re.Match[str]) -> str:
        if m["short"] is not None:
            start, end = m.span("short")
            return m[0][: start - m.start()] + move(m["short"]) + m[0][end - m.start() :]
        first = int(m["year"])
        if not _is_year(first):
            return m[0]
        if m["second"] is None:
            return move(m["year"])
        if (first + 1) % 100 != int(m["second"]):  # «2023-10»: not a short second year
            return move(m["year"]) + m["sep"] + m["second"]
        return move(m["year"]) + m["sep"] + f"{(first + years + 1) % 100:02d}"  # «2099-00»

    moved = _YEARS.sub(replace, text)
    return None if failed and strict else moved


# --- Checking the result -------------------------------------------------------------------------


def _shift_date(day: date, years: int) -> date | None:
    """The same day `years` later; 28 Feb for a 29 Feb the new year lacks; None past `date`."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        pass
    except OverflowError:
        return None
    try:
        return day.replace(year=day.year + years, day=28)
    except (ValueError, OverflowError):
        return None


def _shift_window(window: PlanWindow, years: int) -> PlanWindow | None:
    start, end = _shift_date(window.start, years), _shift_date(window.end, years)
    return PlanWindow(start, end) if start and end else None


def _is_february_end(day: date) -> bool:
    return day.month == 2 and (day + timedelta(days=1)).month == 3


def _same_day_later(old: date | None, new: date | None, years: int) -> bool:
    if old is None or new is None:
        return old is new
    if (new.year, new.month) != (old.year + years, old.month):
        return False
    return new.day == old.day or (_is_february_end(old) and _is_february_end(new))


def _says_the_same_later(original: Deadline, shifted: Deadline, years: int) -> bool:
    """Same kind and period, start and end the same days `years` later."""
    return (
        original.kind is shifted.kind
        and original.every is shifted.every
        and _same_day_later(original.start, shifted.start, years)
        and _same_day_later(original.end, shifted.end, years)
    )
