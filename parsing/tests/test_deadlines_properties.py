"""Properties of `parse_deadline` that hold for any text and any plan window."""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsing.deadlines import Deadline, DeadlineKind, Every, PlanWindow, parse_deadline

# conftest.py has an autouse (function-scoped) settings fixture; these tests do not use it.
bounded = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

windows = st.integers(2000, 2090).flatmap(
    lambda year: st.sampled_from(
        [PlanWindow.from_label(f"{year}-{year + 1}"), PlanWindow.from_label(str(year))]
    )
)
VOCABULARY = [
    "январь", "февраля", "марте", "Апрель", "мая", "июнь", "июля", "августе", "сентябрь",
    "ОКТЯБРЯ", "ноябрь", "декабре", "I", "II", "III", "IV", "V", "квартал", "кв.", "полугодие",
    "первое", "второе", "учебного", "года", "год", "г.", "гг.", "годы", "в", "с", "по", "до",
    "конца", "не позднее", "в срок", "в течение", "в течении", "всего", "периода", "весь период",
    "постоянно", "ежемесячно", "ежеквартально", "ежегодно", "еженедельно", "раз в", "числа",
    "по мере необходимости", "по запросу", "по согласованию", "летний период", "весна", "зима",
    "каникул", "Срок:", "и", "учебный год", "ё",
]  # fmt: skip
PUNCTUATION = [" ", "  ", "-", "–", "—", ".", ",", ";", ":", "/", "\u00a0", "\n", "\t", "«", "»"]
vocabulary_text = st.lists(
    st.one_of(
        st.sampled_from(VOCABULARY),
        st.integers(0, 3000).map(str),
        st.integers(0, 99).map(lambda n: f"{n:02d}"),
        st.sampled_from(PUNCTUATION),
    ),
    max_size=10,
).map(" ".join)
MONTH_FORMS = [
    ("январь", "января", "январе"), ("февраль", "февраля", "феврале"), ("март", "марта", "марте"),
    ("апрель", "апреля", "апреле"), ("май", "мая", "мае"), ("июнь", "июня", "июне"),
    ("июль", "июля", "июле"), ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
]  # fmt: skip


def assert_consistent(result: Deadline, text: str) -> None:
    """What every Deadline promises, whatever the phrase."""
    assert result.text == text
    assert set(result.as_dict()) == {"text", "kind", "start", "end", "every", "reason"}
    assert all(v is None or isinstance(v, str) for v in result.as_dict().values())
    json.dumps(result.as_dict(), ensure_ascii=False)
    if result.kind is DeadlineKind.INTERVAL:
        assert result.start is not None and result.end is not None
        assert result.start <= result.end
        assert (result.every, result.reason, result.due) == (None, None, result.end)
    elif result.kind is DeadlineKind.RECURRING:
        assert result.start is not None and result.end is not None and result.every is not None
        assert result.start <= result.end and result.reason is None
        occurrences = result.occurrences()
        assert occurrences and list(occurrences) == sorted(set(occurrences))
        assert all(result.start <= day <= result.end for day in occurrences)
        assert result.due == occurrences[-1]
    elif result.kind is DeadlineKind.AS_NEEDED:
        assert (result.start, result.end, result.every, result.reason) == (None, None, None, None)
        assert (result.due, result.occurrences()) == (None, ())
    else:
        assert result.kind is DeadlineKind.UNPARSED
        assert isinstance(result.reason, str) and result.reason.strip()
        assert (result.start, result.end, result.every, result.due) == (None, None, None, None)


@bounded
@given(text=st.text(max_size=400), window=windows)
def test_any_text_gives_a_consistent_deadline(text: str, window: PlanWindow) -> None:
    assert_consistent(parse_deadline(text, window), text)


@bounded
@given(text=vocabulary_text, window=windows)
def test_deadline_words_mixed_with_numbers_give_a_consistent_deadline(
    text: str, window: PlanWindow
) -> None:
    assert_consistent(parse_deadline(text, window), text)


# Any window a caller might build by hand, up to the ends of what `date` holds.
LAST_DAY = date.max.toordinal()
odd_windows = st.builds(
    lambda first, days: PlanWindow(
        date.fromordinal(first), date.fromordinal(max(1, min(first + days, LAST_DAY)))
    ),
    st.integers(1, LAST_DAY),
    st.integers(-400, 800),
)


@bounded
@given(text=vocabulary_text, window=odd_windows)
def test_any_window_gives_a_consistent_deadline(text: str, window: PlanWindow) -> None:
    assert_consistent(parse_deadline(text, window), text)


@bounded
@given(window=odd_windows, every=st.sampled_from(["еженедельно", "ежемесячно", "ежегодно"]))
def test_recurring_in_any_window_has_occurrences_or_a_reason(
    window: PlanWindow, every: str
) -> None:
    assert_consistent(parse_deadline(every, window), every)


@bounded
@given(day=st.dates(date(2000, 1, 1), date(2090, 12, 31)), window=windows)
def test_a_written_day_is_read_back(day: date, window: PlanWindow) -> None:
    genitive = MONTH_FORMS[day.month - 1][1]
    for text in (
        f"{day:%d.%m.%Y}",
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day} {genitive} {day.year} г.",
    ):
        result = parse_deadline(text, window)
        if window.start.year - 20 <= day.year <= window.end.year + 20:
            assert (result.kind, result.start, result.end) == (DeadlineKind.INTERVAL, day, day)
        else:
            assert result.kind is DeadlineKind.UNPARSED


@bounded
@given(
    year=st.integers(2000, 2090), month=st.integers(0, 14), day=st.integers(0, 32), window=windows
)
def test_an_impossible_day_is_never_a_date(
    year: int, month: int, day: int, window: PlanWindow
) -> None:
    result = parse_deadline(f"{day:02d}.{month:02d}.{year}", window)

    possible = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    if not possible:
        assert (result.kind, result.reason) == (DeadlineKind.UNPARSED, "Такой даты нет в календаре")


@bounded
@given(
    forms=st.sampled_from(MONTH_FORMS),
    form=st.integers(0, 2),
    prefix=st.sampled_from(["", "в ", "В ", "Срок: ", "  "]),
    window=windows,
)
def test_a_month_without_a_year_falls_inside_the_window(
    forms: tuple[str, str, str], form: int, prefix: str, window: PlanWindow
) -> None:
    word = forms[form]
    text = prefix + (word.upper() if form == 1 else word)

    result = parse_deadline(text, window)

    assert result.kind is DeadlineKind.INTERVAL, result.reason
    assert result.start is not None and result.end is not None
    assert window.start <= result.start <= result.end <= window.end
    assert result.start.day == 1 and result.end.month == result.start.month


@bounded
@given(
    first=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    days=st.integers(0, 3 * 366),
    every=st.sampled_from(list(Every)),
)
def test_occurrences_are_period_ends_inside_the_range(first: date, days: int, every: Every) -> None:
    last = first + timedelta(days=days)

    occurrences = Deadline("x", DeadlineKind.RECURRING, first, last, every).occurrences()

    # The same dates found the slow way: walk every day of the range.
    step = {Every.MONTH: 1, Every.QUARTER: 3, Every.HALF_YEAR: 6}.get(every, 1)
    days_in_range = [first + timedelta(n) for n in range(days + 1)]
    if every is Every.WEEK:
        expected = [day for day in days_in_range if day.isoweekday() == 7]
    elif every is Every.YEAR:  # the anniversaries of the range's last day
        expected = [
            day
            for day in days_in_range
            if (day.month, day.day) == (last.month, last.day)
            or (
                (day.month, day.day, last.month, last.day) == (2, 28, 2, 29)
                and not calendar.isleap(day.year)
            )
        ]
    else:
        expected = [
            day for day in days_in_range if (day + timedelta(1)).day == 1 and day.month % step == 0
        ]
    assert occurrences == tuple(expected)


@bounded
@given(
    month=st.integers(1, 12),
    days=st.tuples(st.integers(1, 31), st.integers(1, 31)).filter(lambda pair: pair[0] > pair[1]),
    year=st.sampled_from(["", " 2024 г.", " 2023 года"]),
    shape=st.sampled_from(["{a}-{b} {m}{y}", "с {a} по {b} {m}{y}", "с {a} {m} по {b} {m}{y}",
                           "{a:02d}.{n:02d}-{b:02d}.{n:02d}", "с {a}.{n:02d} по {b}.{n:02d}"]),
    window=windows,
)  # fmt: skip
def test_a_day_range_that_ends_before_it_starts_is_never_an_interval(
    month: int, days: tuple[int, int], year: str, shape: str, window: PlanWindow
) -> None:
    first, last = days
    text = shape.format(a=first, b=last, m=MONTH_FORMS[month - 1][1], n=month, y=year)

    result = parse_deadline(text, window)

    assert result.kind is DeadlineKind.UNPARSED, (text, result)
    assert result.reason in ("Конец срока раньше начала", "Такой даты нет в календаре")
