"""Deadline phrases and plan titles moved to next year's plan: tables of real phrases, then
properties that hold for any phrase."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parsing import rollover
from parsing.deadlines import Deadline, DeadlineKind, PlanWindow, parse_deadline
from parsing.rollover import (
    NOT_READ,
    OUT_OF_RANGE,
    READS_DIFFERENTLY,
    ShiftedPhrase,
    ShiftStatus,
    shift_phrase,
    shift_title,
)

ACADEMIC = PlanWindow.from_label("2023-2024")
SHIFTED = ShiftStatus.SHIFTED
UNCHANGED = ShiftStatus.UNCHANGED
UNSHIFTABLE = ShiftStatus.UNSHIFTABLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The seed plan (plan-transport-cluster-2023-2024).
        pytest.param("октябрь 2023 года", "октябрь 2024 года", id="seed_month_year"),
        pytest.param("IV квартал 2023 года", "IV квартал 2024 года", id="seed_quarter"),
        pytest.param("октябрь-ноябрь 2023 года", "октябрь-ноябрь 2024 года", id="seed_month_range"),
        pytest.param("В течение 2023 года", "В течение 2024 года", id="seed_calendar_year"),
        pytest.param("Сентябрь 2023 года", "Сентябрь 2024 года", id="seed_capitalised"),
        # Other plans.
        pytest.param("до 15 декабря 2023 г.", "до 15 декабря 2024 г.", id="until_day_g"),
        pytest.param("25.10.2023", "25.10.2024", id="numeric_date"),
        pytest.param("09.05.24", "09.05.25", id="two_digit_year"),
        pytest.param("9.5.2024", "9.5.2025", id="short_day_and_month"),
        pytest.param("01.09-31.12.2023г", "01.09-31.12.2024г", id="day_range_glued_g"),
        pytest.param("с 04.11. по 06.11.2023", "с 04.11. по 06.11.2024", id="day_range_dots"),
        pytest.param("01.10.2023 – 15.10.2023", "01.10.2024 – 15.10.2024", id="two_dates_en_dash"),
        pytest.param("с 1 по 15 октября 2023 г.", "с 1 по 15 октября 2024 г.", id="day_words"),
        pytest.param("не позднее 01.10.2023", "не позднее 01.10.2024", id="not_later_than"),
        pytest.param("в срок до 20.12.2023", "в срок до 20.12.2024", id="in_time_until"),
        pytest.param("сентябрь 2023года", "сентябрь 2024года", id="glued_goda"),
        pytest.param("сентябрь  2023 г.", "сентябрь  2024 г.", id="two_spaces_kept"),
        pytest.param("10.2023", "10.2024", id="numeric_month"),
        pytest.param("ноябрь 2023 - май 2024", "ноябрь 2024 - май 2025", id="two_years"),
        pytest.param("2016-2017 гг.", "2017-2018 гг.", id="calendar_years_gg"),
        pytest.param("2022– 2025 годы", "2023– 2026 годы", id="calendar_years_gody"),
        pytest.param("2024 год", "2025 год", id="one_year"),
        pytest.param(
            "2023-2024 учебного года", "2024-2025 учебного года", id="academic_year_genitive"
        ),
        pytest.param(
            "в течение 2023-2024 учебного года",
            "в течение 2024-2025 учебного года",
            id="during_academic_year",
        ),
        pytest.param("2023-24 уч. год", "2024-25 уч. год", id="academic_year_short_second"),
        pytest.param(
            "второе полугодие 2023-2024 учебного года",
            "второе полугодие 2024-2025 учебного года",
            id="academic_half",
        ),
        pytest.param("I полугодие 2024 года", "I полугодие 2025 года", id="calendar_half_roman"),
        pytest.param("II кв. 2024 г.", "II кв. 2025 г.", id="quarter_abbreviated"),
        pytest.param("весна 2024", "весна 2025", id="season"),
        pytest.param("февраль 2023", "февраль 2024", id="february_into_leap_year"),
        pytest.param("28.02.2023", "28.02.2024", id="28_february"),
        pytest.param("Срок: до 15.12.2023", "Срок: до 15.12.2024", id="srok_prefix"),
    ],
)
def test_a_phrase_with_a_year_moves_a_year_on(text: str, expected: str) -> None:
    assert shift_phrase(text) == ShiftedPhrase(expected, SHIFTED, None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("В течение учебного года", id="seed_academic_year"),
        pytest.param("В течение года", id="seed_year"),
        pytest.param("По мере необходимости", id="seed_as_needed"),
        pytest.param("сентябрь", id="month"),
        pytest.param("ежеквартально", id="quarterly"),
        pytest.param("1 раз в квартал", id="once_a_quarter"),
        pytest.param("ежемесячно до 5 числа", id="monthly_by_the_5th"),
        pytest.param("до конца марта", id="until_end_of_march"),
        pytest.param("до 15 декабря", id="until_day_without_year"),
        pytest.param("15-16 ноября", id="day_numbers"),
        pytest.param("01.12-31.01", id="dates_without_year"),
        pytest.param("IV квартал", id="quarter_without_year"),
        pytest.param("сентябрь- август", id="month_range_without_year"),
        pytest.param("для 5-7-ых классов", id="class_numbers"),
        pytest.param("абракадабра", id="nonsense_without_year"),
        pytest.param("", id="empty"),
    ],
)
def test_a_phrase_without_a_year_stays_as_it_is(text: str) -> None:
    assert shift_phrase(text) == ShiftedPhrase(text, UNCHANGED, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(
            "29.02.2024",
            "«29.02.2025»: такой даты нет в календаре — укажите срок вручную",
            id="leap_day_numeric",
        ),
        pytest.param(
            "29 февраля 2024 года",
            "«29 февраля 2025 года»: такой даты нет в календаре — укажите срок вручную",
            id="leap_day_words",
        ),
        pytest.param(
            "с 01.02.2024 по 29.02.2024",
            "«с 01.02.2025 по 29.02.2025»: такой даты нет в календаре — укажите срок вручную",
            id="leap_day_range_end",
        ),
        pytest.param("в период зимних каникул 2023 года", NOT_READ, id="holidays_with_year"),
        pytest.param("2023-2024", NOT_READ, id="bare_two_years"),
        pytest.param("29.02.2023", NOT_READ, id="original_date_does_not_exist"),
        pytest.param("декабрь-сентябрь 2023", NOT_READ, id="original_range_backwards"),
        pytest.param("2 раза в год, 2023", NOT_READ, id="twice_a_year_with_year"),
        pytest.param("обучение 2000 человек", NOT_READ, id="quantity_that_looks_like_a_year"),
        pytest.param("09.05.99", OUT_OF_RANGE, id="two_digit_year_past_2099"),
    ],
)
def test_a_phrase_that_cannot_move_safely_is_kept_with_a_reason(text: str, reason: str) -> None:
    assert shift_phrase(text) == ShiftedPhrase(text, UNSHIFTABLE, reason)


@pytest.mark.parametrize(
    ("text", "years", "expected"),
    [
        pytest.param("IV квартал 2023 года", 2, "IV квартал 2025 года", id="two_years_on"),
        pytest.param("25.10.2023", -1, "25.10.2022", id="one_year_back"),
        pytest.param("09.05.24", 3, "09.05.27", id="two_digit_year_three_on"),
        pytest.param("2023-24 учебный год", 2, "2025-26 учебный год", id="short_second_two_on"),
        pytest.param("29.02.2024", 4, "29.02.2028", id="leap_day_to_leap_year"),
        pytest.param("2099-00 учебный год", 1, "2100-01 учебный год", id="short_second_century"),
        pytest.param("2098-99 учебный год", 1, "2099-00 учебный год", id="short_second_wraps"),
    ],
)
def test_years_moves_by_that_many_years(text: str, years: int, expected: str) -> None:
    assert shift_phrase(text, years) == ShiftedPhrase(expected, SHIFTED, None)


def test_a_phrase_the_parser_reads_differently_after_the_move_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def parse_moved_as_a_day(text: str, window: PlanWindow) -> Deadline:
        if text == "октябрь 2024 года":
            return Deadline(text, DeadlineKind.INTERVAL, date(2024, 10, 1), date(2024, 10, 1))
        return parse_deadline(text, window)

    monkeypatch.setattr(rollover, "parse_deadline", parse_moved_as_a_day)

    assert shift_phrase("октябрь 2023 года") == ShiftedPhrase(
        "октябрь 2023 года", UNSHIFTABLE, READS_DIFFERENTLY
    )


@pytest.mark.parametrize(
    "years",
    [
        pytest.param(8000, id="five_digit_year"),
        pytest.param(-1100, id="three_digit_year"),
        pytest.param(10**30, id="past_what_a_date_holds"),
    ],
)
def test_a_year_that_cannot_be_written_the_same_way_is_not_moved(years: int) -> None:
    assert shift_phrase("25.10.2023", years) == ShiftedPhrase(
        "25.10.2023", UNSHIFTABLE, OUT_OF_RANGE
    )
    assert shift_title("План на 2024 год", years) == "План на 2024 год"


def test_zero_years_leaves_the_phrase_unchanged() -> None:
    assert shift_phrase("25.10.2023", 0) == ShiftedPhrase("25.10.2023", UNCHANGED, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("до 15 декабря 2023 г.", "до 15 декабря 2024 г.", id="until_day"),
        pytest.param("до 15.06.2023", "до 15.06.2024", id="until_day_before_the_plan"),
        pytest.param("В течение 2023 года", "В течение 2024 года", id="calendar_year"),
        pytest.param("2023-2024 учебный год", "2024-2025 учебный год", id="academic_year"),
    ],
)
def test_in_the_plans_window_a_phrase_moves(text: str, expected: str) -> None:
    assert shift_phrase(text, window=ACADEMIC) == ShiftedPhrase(expected, SHIFTED, None)


def test_in_the_plans_window_a_year_far_from_the_plan_is_not_moved() -> None:
    # «2001» in plan 2023-2024 is a probable typo: the parser does not read it, so it stays.
    assert shift_phrase("2001 год", window=ACADEMIC) == ShiftedPhrase(
        "2001 год", UNSHIFTABLE, NOT_READ
    )


@pytest.mark.parametrize(
    ("title", "years", "expected"),
    [
        pytest.param(
            "План работы образовательно-отраслевого кластера транспорта на 2023 – 2024 учебный год",
            1,
            "План работы образовательно-отраслевого кластера транспорта на 2024 – 2025 учебный год",
            id="seed_academic_year",
        ),
        pytest.param(
            "План работы кластера на 2024 год",
            1,
            "План работы кластера на 2025 год",
            id="calendar_year",
        ),
        pytest.param("План на 2023/2024 уч. год", 1, "План на 2024/2025 уч. год", id="slash"),
        pytest.param(
            "План на 2023-24 учебный год", 1, "План на 2024-25 учебный год", id="short_second_year"
        ),
        pytest.param(
            "План на 2023-2024 учебный год", 2, "План на 2025-2026 учебный год", id="two_years_on"
        ),
        pytest.param("План работы кластера", 1, "План работы кластера", id="no_year"),
        pytest.param(
            "План работы 5 кластеров на 2024 год",
            1,
            "План работы 5 кластеров на 2025 год",
            id="other_numbers_kept",
        ),
    ],
)
def test_a_title_moves_its_years(title: str, years: int, expected: str) -> None:
    assert shift_title(title, years) == expected


# --- Properties ----------------------------------------------------------------------------------

# conftest.py has an autouse (function-scoped) settings fixture; these tests do not use it.
bounded = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

MONTHS_NOMINATIVE = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                     "сентябрь", "октябрь", "ноябрь", "декабрь"]  # fmt: skip
MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря"]  # fmt: skip
ROMAN = ["I", "II", "III", "IV"]
YEAR_WORDS = ["", " г.", " г", " года", " год", "года", "г."]


@st.composite
def dated_phrases(draw: st.DrawFn) -> tuple[str, int]:
    """A phrase naming days, months, quarters or years with a year `Y`, and `Y`."""
    year = draw(st.integers(1990, 2090))
    suffix = draw(st.sampled_from(YEAR_WORDS))
    month = draw(st.integers(1, 12))
    last = draw(st.integers(month, 12))
    day = draw(st.integers(1, 28))
    quarter = draw(st.integers(1, 4))
    forms = [
        f"{MONTHS_NOMINATIVE[month - 1]} {year}{suffix}",
        f"{MONTHS_NOMINATIVE[month - 1]}-{MONTHS_NOMINATIVE[last - 1]} {year}{suffix}",
        f"{ROMAN[quarter - 1]} квартал {year}{suffix}",
        f"{day:02d}.{month:02d}.{year}",
        f"{day}.{month}.{year % 100:02d}" if year >= 2000 else f"{day}.{month}.{year}",
        f"{day} {MONTHS_GENITIVE[month - 1]} {year}{suffix}",
        f"до {day} {MONTHS_GENITIVE[month - 1]} {year}{suffix}",
        f"{day:02d}.{month:02d}-{day:02d}.{last:02d}.{year}г",
        f"В течение {year}{suffix}",
        f"{year}-{year + 1} учебного года",
        f"{year}-{year + 1} гг.",
        f"{month:02d}.{year}",
    ]
    return draw(st.sampled_from(forms)), year


windows_of = st.sampled_from(["calendar", "academic"])


def window_for(year: int, kind: str) -> PlanWindow:
    return PlanWindow.from_label(str(year) if kind == "calendar" else f"{year}-{year + 1}")


def a_year_later(day: date) -> date:
    return day.replace(year=day.year + 1)


@bounded
@given(phrase=dated_phrases(), kind=windows_of)
def test_a_shifted_phrase_reads_one_year_later(phrase: tuple[str, int], kind: str) -> None:
    text, year = phrase
    before = parse_deadline(text, window_for(year, kind))
    result = shift_phrase(text)
    after = parse_deadline(result.text, window_for(year + 1, kind))
    assume(before.kind is DeadlineKind.INTERVAL and before.start and before.end)
    assert before.start is not None and before.end is not None
    # No 29 Feb on either side («февраль 2023» → «февраль 2024» ends on the 29th, not a year on).
    involved = [before.start, before.end, after.start, after.end]
    assume(not any(d is not None and (d.month, d.day) == (2, 29) for d in involved))

    assert result.status is SHIFTED
    assert after.kind is DeadlineKind.INTERVAL
    assert (after.start, after.end) == (a_year_later(before.start), a_year_later(before.end))


PIECES = ["сентябрь", "IV квартал", "до", "по", "с", "года", "г.", "учебного", "-", "–", ".", " ",
          "29.02.", "31.12.", "каникул", "раз в", "классов"]  # fmt: skip
phrase_like = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.integers(0, 3000).map(str),
        st.integers(0, 99).map(lambda n: f"{n:02d}"),
    ),
    max_size=8,
).map(" ".join)


@bounded
@given(
    text=st.one_of(st.text(max_size=400), phrase_like),
    years=st.one_of(st.integers(-50, 50), st.integers()),
)
def test_shifting_never_raises_and_only_digits_change(text: str, years: int) -> None:
    result = shift_phrase(text, years)
    title = shift_title(text, years)

    assert len(title) == len(text)

    assert isinstance(result, ShiftedPhrase)
    if result.status is SHIFTED:
        assert result.reason is None and result.text != text
        assert len(result.text) == len(text)
        assert all(
            a == b or (a.isdigit() and b.isdigit()) for a, b in zip(text, result.text, strict=True)
        )
    else:
        assert result.text == text
        assert (result.reason is None) == (result.status is UNCHANGED)


@bounded
@given(text=st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=200))
def test_text_without_digits_comes_back_unchanged(text: str) -> None:
    assert shift_phrase(text) == ShiftedPhrase(text, UNCHANGED, None)
    assert shift_title(text) == text


@bounded
@given(phrase=dated_phrases(), years=st.integers(1, 5))
def test_shifting_back_restores_the_phrase(phrase: tuple[str, int], years: int) -> None:
    text = phrase[0]
    forward = shift_phrase(text, years)
    assume(forward.status is SHIFTED)

    assert shift_phrase(forward.text, -years) == ShiftedPhrase(text, SHIFTED, None)
