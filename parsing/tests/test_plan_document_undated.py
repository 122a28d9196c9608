"""Deadlines read while the plan's year is unknown: only what states its own year."""

from __future__ import annotations

from datetime import date

import pytest

from parsing.deadlines import DeadlineKind
from parsing.documents.undated import DEPENDS, NO_YEAR, read_deadline_without_year


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("IV квартал 2023 года", date(2023, 10, 1), date(2023, 12, 31)),
        ("25.10.2023", date(2023, 10, 25), date(2023, 10, 25)),
        ("01.07.2018", date(2018, 7, 1), date(2018, 7, 1)),
        ("2023-2024 учебный год", date(2023, 9, 1), date(2024, 8, 31)),
        ("Сентябрь 2022", date(2022, 9, 1), date(2022, 9, 30)),
    ],
)
def test_a_deadline_with_its_own_year_is_read(text: str, start: date, end: date) -> None:
    deadline = read_deadline_without_year(text)

    assert (deadline.kind, deadline.start, deadline.end) == (DeadlineKind.INTERVAL, start, end)


def test_as_needed_needs_no_year() -> None:
    assert read_deadline_without_year("По мере необходимости").kind is DeadlineKind.AS_NEEDED


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Сентябрь", NO_YEAR),
        ("В течение года", NO_YEAR),
        ("ежеквартально", NO_YEAR),
        ("до 15 декабря 2023 года", DEPENDS),  # starts when the plan starts
    ],
)
def test_a_deadline_that_depends_on_the_year_waits_for_it(text: str, reason: str) -> None:
    deadline = read_deadline_without_year(text)

    assert (deadline.kind, deadline.reason, deadline.start) == (DeadlineKind.UNPARSED, reason, None)
