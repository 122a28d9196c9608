"""Deadlines of a plan whose year is not known yet: only phrases that state their own year.

A plan read without its year (a title that names none, and nobody has said it yet) still shows
every deadline that does not depend on the year: «IV квартал 2023 года», «25.10.2023», «по мере
необходимости». A phrase is read against every plan window its years could belong to (the
calendar year and the two academic years around each year it names); only when every reading is
the same is it taken. Anything else — «сентябрь», «в течение года», or «до 15 декабря 2023 г.»,
whose start is the plan's start — is unparsed with a reason, until the year is given. A wrong
date is worse than no date.
"""

from __future__ import annotations

import re

from parsing.deadlines import Deadline, DeadlineKind, PlanWindow, parse_deadline

NO_YEAR = "Год плана не указан, а срок без года зависит от него — укажите год плана"
DEPENDS = "Срок зависит от периода плана, а год плана не указан — укажите год плана"
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SHORT_YEAR_RE = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.(\d{2})(?!\d)")


def _windows(text: str) -> list[PlanWindow]:
    years = {int(y) for y in _YEAR_RE.findall(text)}
    years |= {2000 + int(y) for y in _SHORT_YEAR_RE.findall(text)}
    windows = []
    for year in sorted(years):
        windows.append(PlanWindow.from_label(str(year)))
        windows.append(PlanWindow.from_label(f"{year - 1}-{year}"))
        windows.append(PlanWindow.from_label(f"{year}-{year + 1}"))
    return windows


def read_deadline_without_year(text: str) -> Deadline:
    """The deadline when it reads the same in every window its own years allow; else unparsed."""
    windows = _windows(text)
    if not windows:
        reading = parse_deadline(text, PlanWindow.from_label("2000"))
        if reading.kind is DeadlineKind.AS_NEEDED:
            return reading
        return Deadline(text, DeadlineKind.UNPARSED, reason=NO_YEAR)
    readings = [parse_deadline(text, window) for window in windows]
    first = readings[0]
    if all(r == first for r in readings) and first.kind is not DeadlineKind.RECURRING:
        return first
    if all(r.kind is DeadlineKind.UNPARSED for r in readings):
        return first
    return Deadline(text, DeadlineKind.UNPARSED, reason=DEPENDS)
