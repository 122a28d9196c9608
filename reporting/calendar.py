"""Working days by the Russian production calendar (производственный календарь).

The `holidays` package knows Russia's public holidays *and* the government's yearly transfers: a
holiday moved to a weekday is in the calendar as a day off («Выходной (перенесено с 06.01.2024)»),
and the Saturday that becomes a working day in exchange (27 April, 2 November, 28 December 2024)
is in `weekend_workdays`, which `is_working_day` and `get_nth_working_day` honour. So the report due
date «the 5th working day after the period» follows the calendar as published, with no list of our
own. A year the package does not know yet (transfers are decreed about a year ahead) falls back to
the fixed holidays and ordinary weekends; upgrading `holidays` brings the new decree.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
from django.conf import settings

DEFAULT_DUE_WORKING_DAYS = 5


@lru_cache(maxsize=16)
def _calendar(first_year: int, last_year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=range(first_year, last_year + 1))


def russian_calendar(day: date) -> holidays.HolidayBase:
    """The production calendar around a date (its year and the next, for a count that spills over)."""
    return _calendar(day.year, day.year + 1)


def is_working_day(day: date) -> bool:
    return russian_calendar(day).is_working_day(day)


def nth_working_day_after(day: date, n: int) -> date:
    """The n-th working day after `day` (n ≥ 1); `day` itself never counts."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return russian_calendar(day).get_nth_working_day(day, n)


def default_due_date(period_end: date) -> date:
    """When reports on a period are due: the 5th working day after it ends (REPORT_DUE_WORKING_DAYS)."""
    working_days = getattr(settings, "REPORT_DUE_WORKING_DAYS", DEFAULT_DUE_WORKING_DAYS)
    return nth_working_day_after(period_end, working_days)
