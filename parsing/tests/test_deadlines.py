"""Table tests of `parse_deadline`: real phrases from cluster plans and what they mean.

Unless a table says otherwise the plan is the academic year 2023-2024 (2023-09-01..2024-08-31).
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from parsing.deadlines import Deadline, DeadlineKind, Every, PlanWindow, parse_deadline

ACADEMIC = PlanWindow.from_label("2023-2024")
CALENDAR = PlanWindow.from_label("2024")


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# --- The seed plan (plan-transport-cluster-2023-2024), exactly --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "По мере необходимости",
            Deadline("По мере необходимости", DeadlineKind.AS_NEEDED),
            id="seed_as_needed",
        ),
        pytest.param(
            "октябрь 2023 года",
            Deadline("октябрь 2023 года", DeadlineKind.INTERVAL, d("2023-10-01"), d("2023-10-31")),
            id="seed_month_year",
        ),
        pytest.param(
            "В течение года",
            Deadline("В течение года", DeadlineKind.INTERVAL, d("2023-09-01"), d("2024-08-31")),
            id="seed_during_year",
        ),
        pytest.param(
            "IV квартал 2023 года",
            Deadline(
                "IV квартал 2023 года", DeadlineKind.INTERVAL, d("2023-10-01"), d("2023-12-31")
            ),
            id="seed_quarter",
        ),
        pytest.param(
            "октябрь-ноябрь 2023 года",
            Deadline(
                "октябрь-ноябрь 2023 года", DeadlineKind.INTERVAL, d("2023-10-01"), d("2023-11-30")
            ),
            id="seed_month_range",
        ),
        pytest.param(
            "В течение учебного года",
            Deadline(
                "В течение учебного года", DeadlineKind.INTERVAL, d("2023-09-01"), d("2024-08-31")
            ),
            id="seed_during_academic_year",
        ),
        pytest.param(
            "В течение 2023 года",
            Deadline(
                "В течение 2023 года", DeadlineKind.INTERVAL, d("2023-01-01"), d("2023-12-31")
            ),
            id="seed_during_named_year_not_clipped",
        ),
        pytest.param(
            "Сентябрь 2023 года",
            Deadline("Сентябрь 2023 года", DeadlineKind.INTERVAL, d("2023-09-01"), d("2023-09-30")),
            id="seed_capitalised_month",
        ),
    ],
)
def test_seed_deadlines(text: str, expected: Deadline) -> None:
    assert parse_deadline(text, ACADEMIC) == expected


def test_seed_deadline_as_json() -> None:
    result = parse_deadline("IV квартал 2023 года", ACADEMIC).as_dict()

    assert result == {
        "text": "IV квартал 2023 года",
        "kind": "interval",
        "start": "2023-10-01",
        "end": "2023-12-31",
        "every": None,
        "reason": None,
    }
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result


# --- Intervals in the academic plan 2023-2024 -------------------------------------------------

INTERVALS = [
    # months in any case and form, with or without a year
    pytest.param("сентябрь", "2023-09-01", "2023-09-30", id="month_bare"),
    pytest.param("СЕНТЯБРЬ", "2023-09-01", "2023-09-30", id="month_upper"),
    pytest.param("в сентябре", "2023-09-01", "2023-09-30", id="month_prepositional"),
    pytest.param("сентября", "2023-09-01", "2023-09-30", id="month_genitive"),
    pytest.param("май", "2024-05-01", "2024-05-31", id="month_spring_falls_in_2024"),
    pytest.param("в мае", "2024-05-01", "2024-05-31", id="month_may_prepositional"),
    pytest.param("февраль", "2024-02-01", "2024-02-29", id="month_leap_february"),
    pytest.param("август", "2024-08-01", "2024-08-31", id="month_last_of_window"),
    pytest.param("март 2023 г.", "2023-03-01", "2023-03-31", id="month_year_outside_window"),
    pytest.param("сентябрь 2023 г", "2023-09-01", "2023-09-30", id="month_year_g_no_dot"),
    pytest.param("сентябрь 2023г.", "2023-09-01", "2023-09-30", id="month_year_glued_g"),
    pytest.param("сентябрь 2023года", "2023-09-01", "2023-09-30", id="month_year_glued_goda"),
    pytest.param("в декабре 2023 года", "2023-12-01", "2023-12-31", id="month_year_prepositional"),
    pytest.param("в течение октября", "2023-10-01", "2023-10-31", id="month_during"),
    pytest.param("10.2023", "2023-10-01", "2023-10-31", id="month_numeric"),
    # month ranges
    pytest.param("октябрь – ноябрь 2023 года", "2023-10-01", "2023-11-30", id="range_en_dash"),
    pytest.param("октябрь—ноябрь", "2023-10-01", "2023-11-30", id="range_em_dash_no_year"),
    pytest.param("сентябрь- август", "2023-09-01", "2024-08-31", id="range_whole_window"),
    pytest.param("с сентября по декабрь 2023 г.", "2023-09-01", "2023-12-31", id="range_s_po"),
    pytest.param("с января по май", "2024-01-01", "2024-05-31", id="range_s_po_no_year"),
    pytest.param("ноябрь 2023 - май 2024", "2023-11-01", "2024-05-31", id="range_two_years"),
    pytest.param("декабрь-январь", "2023-12-01", "2024-01-31", id="range_across_new_year"),
    # lists of months that are not a regular schedule: first..last
    pytest.param("октябрь, апрель", "2023-10-01", "2024-04-30", id="list_comma"),
    pytest.param("октябрь и апрель", "2023-10-01", "2024-04-30", id="list_and"),
    pytest.param("апрель, октябрь", "2023-10-01", "2024-04-30", id="list_out_of_order"),
    pytest.param("октябрь, ноябрь 2023 г.", "2023-10-01", "2023-11-30", id="list_shared_year"),
    pytest.param("январь, апрель, июль", "2024-01-01", "2024-07-31", id="list_not_covering"),
    pytest.param("октябрь 2023, апрель 2024", "2023-10-01", "2024-04-30", id="list_own_years"),
    # quarters
    pytest.param("2 квартал", "2024-04-01", "2024-06-30", id="quarter_arabic_no_year"),
    pytest.param("II кв. 2024 г.", "2024-04-01", "2024-06-30", id="quarter_kv_abbrev"),
    pytest.param("в 1 квартале 2024 года", "2024-01-01", "2024-03-31", id="quarter_prepositional"),
    pytest.param("IV квартал", "2023-10-01", "2023-12-31", id="quarter_iv_no_year_is_2023"),
    pytest.param("I квартал", "2024-01-01", "2024-03-31", id="quarter_i_no_year_is_2024"),
    pytest.param("III квартал", "2024-07-01", "2024-09-30", id="quarter_iii_no_year_is_2024"),
    pytest.param("I-II квартал", "2024-01-01", "2024-06-30", id="quarter_range"),
    pytest.param("I – II кварталы 2024 г.", "2024-01-01", "2024-06-30", id="quarter_range_year"),
    pytest.param("4-й квартал 2023", "2023-10-01", "2023-12-31", id="quarter_ordinal_suffix"),
    pytest.param("четвёртый квартал 2023 года", "2023-10-01", "2023-12-31", id="quarter_word_yo"),
    pytest.param(
        "в течение IV квартала 2023 года", "2023-10-01", "2023-12-31", id="quarter_during"
    ),
    pytest.param("І квартал 2024", "2024-01-01", "2024-03-31", id="quarter_cyrillic_i"),
    # half-years
    pytest.param("I полугодие 2024 года", "2024-01-01", "2024-06-30", id="half_calendar"),
    pytest.param("первое полугодие 2024 года", "2024-01-01", "2024-06-30", id="half_word"),
    pytest.param("во втором полугодии 2023 г.", "2023-07-01", "2023-12-31", id="half_second_year"),
    pytest.param(
        "второе полугодие 2023-2024 учебного года", "2024-01-01", "2024-08-31", id="half_academic_2"
    ),
    pytest.param(
        "I полугодие 2023/2024 учебного года", "2023-09-01", "2023-12-31", id="half_academic_1"
    ),
    pytest.param("первое полугодие учебного года", "2023-09-01", "2023-12-31", id="half_acad_bare"),
    pytest.param("2-е полугодие учебного года", "2024-01-01", "2024-08-31", id="half_acad_arabic"),
    # before a day: window start .. that day
    pytest.param("до 15 декабря 2023 г.", "2023-09-01", "2023-12-15", id="until_day_month_year"),
    pytest.param("до 15 декабря", "2023-09-01", "2023-12-15", id="until_day_month"),
    pytest.param("до конца марта", "2023-09-01", "2024-03-31", id="until_end_of_month"),
    pytest.param("не позднее 01.10.2023", "2023-09-01", "2023-10-01", id="until_ne_pozdnee"),
    pytest.param("в срок до 20.12.2023", "2023-09-01", "2023-12-20", id="until_v_srok_do"),
    pytest.param("до 20.12.2023 г.", "2023-09-01", "2023-12-20", id="until_numeric_g"),
    pytest.param("до 15.06.2023", "2023-06-15", "2023-06-15", id="until_before_window"),
    pytest.param("до конца 2023 года", "2023-09-01", "2023-12-31", id="until_end_of_year_named"),
    pytest.param("до конца IV квартала", "2023-09-01", "2023-12-31", id="until_end_of_quarter"),
    pytest.param("до конца учебного года", "2023-09-01", "2024-08-31", id="until_end_acad_year"),
    # days and day ranges
    pytest.param("25.10.2023", "2023-10-25", "2023-10-25", id="day_numeric"),
    pytest.param("09.05.24", "2024-05-09", "2024-05-09", id="day_two_digit_year"),
    pytest.param("9.5.2024", "2024-05-09", "2024-05-09", id="day_no_leading_zeros"),
    pytest.param("25.10.2023 г.", "2023-10-25", "2023-10-25", id="day_numeric_g"),
    pytest.param("25.10", "2023-10-25", "2023-10-25", id="day_numeric_no_year"),
    pytest.param("15 октября 2023 года", "2023-10-15", "2023-10-15", id="day_words"),
    pytest.param("29 февраля", "2024-02-29", "2024-02-29", id="day_leap_no_year"),
    pytest.param("01.09-31.12.2023г", "2023-09-01", "2023-12-31", id="days_start_borrows_year"),
    pytest.param("с 04.11. по 06.11.2023", "2023-11-04", "2023-11-06", id="days_s_po_dots"),
    pytest.param("01.10.2023 - 15.10.2023", "2023-10-01", "2023-10-15", id="days_spaced_hyphen"),
    pytest.param("01.10.2023–15.10.2023", "2023-10-01", "2023-10-15", id="days_en_dash"),
    pytest.param("с 1 по 15 октября 2023 г.", "2023-10-01", "2023-10-15", id="days_s_po_words"),
    pytest.param("15-16 ноября", "2023-11-15", "2023-11-16", id="days_hyphen_no_year"),
    pytest.param("с 1 октября по 15 ноября", "2023-10-01", "2023-11-15", id="days_two_months"),
    pytest.param(
        "с 1 октября 2023 г. по 31 мая 2024 г.", "2023-10-01", "2024-05-31", id="days_two_years"
    ),
    pytest.param("в период с 1 по 15 октября", "2023-10-01", "2023-10-15", id="days_v_period"),
    pytest.param("01.12-31.01", "2023-12-01", "2024-01-31", id="days_across_new_year_no_year"),
    # years and multi-year spans
    pytest.param("2024 год", "2024-01-01", "2024-12-31", id="year_god"),
    pytest.param("2024 г.", "2024-01-01", "2024-12-31", id="year_g"),
    pytest.param("2024", "2024-01-01", "2024-12-31", id="year_bare"),
    pytest.param("2016-2017 гг.", "2016-01-01", "2017-12-31", id="years_gg"),
    pytest.param("2022– 2025 годы", "2022-01-01", "2025-12-31", id="years_gody"),
    pytest.param("2022-2025", "2022-01-01", "2025-12-31", id="years_bare_not_consecutive"),
    pytest.param("2023-2024 учебный год", "2023-09-01", "2024-08-31", id="academic_year"),
    pytest.param("2023-24 уч. год", "2023-09-01", "2024-08-31", id="academic_year_short"),
    # the whole window, or the named year
    pytest.param("в течение года", "2023-09-01", "2024-08-31", id="window_year"),
    pytest.param("в течении года", "2023-09-01", "2024-08-31", id="window_misspelt"),
    pytest.param("в течение всего периода", "2023-09-01", "2024-08-31", id="window_period"),
    pytest.param("весь период", "2023-09-01", "2024-08-31", id="window_ves_period"),
    pytest.param("постоянно", "2023-09-01", "2024-08-31", id="window_always"),
    pytest.param("в течение всего учебного года", "2023-09-01", "2024-08-31", id="window_acad"),
    pytest.param(
        "в течение 2023-2024 учебного года", "2023-09-01", "2024-08-31", id="window_named_acad"
    ),
    pytest.param("в течение 2024 года", "2024-01-01", "2024-12-31", id="during_named_year"),
    # seasons with a calendar meaning
    pytest.param("летний период", "2024-06-01", "2024-08-31", id="season_summer"),
    pytest.param("в летний период", "2024-06-01", "2024-08-31", id="season_summer_v"),
    pytest.param("весна 2024", "2024-03-01", "2024-05-31", id="season_spring_year"),
    pytest.param("осенью", "2023-09-01", "2023-11-30", id="season_autumn"),
    pytest.param("зимний период", "2023-12-01", "2024-02-29", id="season_winter"),
    # tolerance: spaces, NBSP, newlines, dots, «Срок:», quotes, brackets
    pytest.param("  октябрь\u00a02023\u00a0года. ", "2023-10-01", "2023-10-31", id="nbsp_dot"),
    pytest.param("октябрь\n2023 года", "2023-10-01", "2023-10-31", id="newline"),
    pytest.param("Срок: октябрь 2023 г.", "2023-10-01", "2023-10-31", id="srok_prefix"),
    pytest.param("Срок исполнения: IV квартал", "2023-10-01", "2023-12-31", id="srok_ispolneniya"),
    pytest.param("«IV квартал 2023 года»", "2023-10-01", "2023-12-31", id="quotes"),
    pytest.param("(октябрь 2023)", "2023-10-01", "2023-10-31", id="brackets"),
    pytest.param("ОКТЯБРЬ  -  НОЯБРЬ   2023 ГОДА", "2023-10-01", "2023-11-30", id="upper_spaces"),
    pytest.param("В ТЕЧЕНИЕ\tГОДА...", "2023-09-01", "2024-08-31", id="tab_dots"),
    # a comma between a month and its year
    pytest.param("декабрь, 2023", "2023-12-01", "2023-12-31", id="comma_month_year"),
    pytest.param("сентябрь-декабрь, 2021 года", "2021-09-01", "2021-12-31", id="comma_range_year"),
    # «с … по …» with a full date on both sides and a trailing «включительно»
    pytest.param(
        "с 01.09.2023 по 31.05.2024 включительно", "2023-09-01", "2024-05-31", id="s_po_inclusive"
    ),
    pytest.param(
        "с 15 октября 2023 г. по 15 ноября 2023 г. (включительно)",
        "2023-10-15",
        "2023-11-15",
        id="s_po_words_inclusive",
    ),
    # «к …» and «к концу …» read like «до …», «до конца …»
    pytest.param("к 1 декабря", "2023-09-01", "2023-12-01", id="k_day"),
    pytest.param("к 25.05.2024", "2023-09-01", "2024-05-25", id="k_numeric_day"),
    pytest.param("к концу 2023 года", "2023-09-01", "2023-12-31", id="k_end_of_year"),
    pytest.param("к концу учебного года", "2023-09-01", "2024-08-31", id="k_end_academic"),
    pytest.param("к концу I квартала 2024 г.", "2023-09-01", "2024-03-31", id="k_end_quarter"),
    # several years introduced by «на»
    pytest.param("на 2023-2025 годы", "2023-01-01", "2025-12-31", id="na_years"),
    pytest.param("на 2024 год", "2024-01-01", "2024-12-31", id="na_year"),
    # day ranges that share one month name take its month and year from the end
    pytest.param("5-12 мая", "2024-05-05", "2024-05-12", id="days_one_month"),
    pytest.param("с 5 по 12 мая", "2024-05-05", "2024-05-12", id="days_s_po_one_month"),
    pytest.param("с 5 по 12 мая 2023 г.", "2023-05-05", "2023-05-12", id="days_year_from_end"),
    pytest.param("25.12-10.01", "2023-12-25", "2024-01-10", id="days_across_new_year"),
    # a period and «в течение года»: the whole window
    pytest.param("сентябрь, в течение года", "2023-09-01", "2024-08-31", id="month_and_year"),
    # a time of day after a day
    pytest.param("22.02.2024 19.00", "2024-02-22", "2024-02-22", id="day_and_time"),
    pytest.param("22 июня 10.00 ч.", "2024-06-22", "2024-06-22", id="day_and_time_ch"),
    pytest.param("01 сентября 08:30 - 12:30", "2023-09-01", "2023-09-01", id="day_and_hours"),
    pytest.param("08.05.2024, 09:00", "2024-05-08", "2024-05-08", id="day_comma_time"),
    pytest.param("09.05.24 8-30 ч.", "2024-05-09", "2024-05-09", id="day_time_dash_ch"),
    # a list of days: first..last, like a list of months
    pytest.param("14.04.2024,15.04.2024,16.04.2024", "2024-04-14", "2024-04-16", id="day_list"),
    pytest.param("6 мая, 9 мая", "2024-05-06", "2024-05-09", id="day_list_words"),
    # spaces inside a numeric day
    pytest.param("до 3 .05. 2024г", "2023-09-01", "2024-05-03", id="spaced_numeric_day"),
    # «по-31.01.», «г.г.», «постоянно» before years
    pytest.param("с 28.01. по-31.01.", "2024-01-28", "2024-01-31", id="po_glued_to_day"),
    pytest.param("постоянно (2023-2025 г.г.)", "2023-01-01", "2025-12-31", id="always_years_gg"),
    # Latin letters typed for Cyrillic ones
    pytest.param("15 aпреля 2024 года", "2024-04-15", "2024-04-15", id="latin_a_in_month"),
]


@pytest.mark.parametrize(("text", "start", "end"), INTERVALS)
def test_interval(text: str, start: str, end: str) -> None:
    result = parse_deadline(text, ACADEMIC)

    assert (result.kind, result.start, result.end) == (DeadlineKind.INTERVAL, d(start), d(end))
    assert (result.text, result.every, result.reason) == (text, None, None)
    assert result.due == d(end)
    assert result.occurrences() == (d(end),)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("сентябрь", "2024-09-01", "2024-09-30", id="month_same_year"),
        pytest.param("май", "2024-05-01", "2024-05-31", id="month_may"),
        pytest.param("III квартал", "2024-07-01", "2024-09-30", id="quarter"),
        pytest.param("I полугодие", "2024-01-01", "2024-06-30", id="half_bare_calendar"),
        pytest.param("II полугодие", "2024-07-01", "2024-12-31", id="half_second_bare"),
        pytest.param("в течение года", "2024-01-01", "2024-12-31", id="window"),
        pytest.param("до конца года", "2024-01-01", "2024-12-31", id="until_end_of_year"),
        pytest.param("до 15 декабря", "2024-01-01", "2024-12-15", id="until_day"),
        pytest.param("летний период", "2024-06-01", "2024-08-31", id="summer"),
        pytest.param("октябрь, апрель", "2024-04-01", "2024-10-31", id="list"),
    ],
)
def test_interval_in_calendar_year_plan(text: str, start: str, end: str) -> None:
    result = parse_deadline(text, CALENDAR)

    assert (result.kind, result.start, result.end) == (DeadlineKind.INTERVAL, d(start), d(end))


# --- Recurring ------------------------------------------------------------------------------------

WEEK_ENDS = tuple((date(2023, 9, 3) + timedelta(weeks=n)).isoformat() for n in range(52))
QUARTER_ENDS = ("2023-09-30", "2023-12-31", "2024-03-31", "2024-06-30")
MONTH_ENDS = ("2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31", "2024-01-31", "2024-02-29",
              "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30", "2024-07-31", "2024-08-31")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "every", "occurrences"),
    [
        pytest.param("ежемесячно", Every.MONTH, MONTH_ENDS, id="monthly"),
        pytest.param("Ежемесячно.", Every.MONTH, MONTH_ENDS, id="monthly_capital_dot"),
        pytest.param("раз в месяц", Every.MONTH, MONTH_ENDS, id="once_a_month"),
        pytest.param("ежемесячно до 5 числа", Every.MONTH, MONTH_ENDS, id="monthly_day_ignored"),
        pytest.param("ежемесячно, до 5-го числа", Every.MONTH, MONTH_ENDS, id="monthly_comma"),
        pytest.param("ежеквартально", Every.QUARTER, QUARTER_ENDS, id="quarterly"),
        pytest.param("1 раз в квартал", Every.QUARTER, QUARTER_ENDS, id="once_a_quarter"),
        pytest.param("один раз в квартал", Every.QUARTER, QUARTER_ENDS, id="once_word"),
        pytest.param("1 раз в полугодие", Every.HALF_YEAR, ("2023-12-31", "2024-06-30"), id="half"),
        pytest.param("раз в полгода", Every.HALF_YEAR, ("2023-12-31", "2024-06-30"), id="polgoda"),
        pytest.param("ежегодно", Every.YEAR, ("2024-08-31",), id="yearly_by_plan_year_end"),
        pytest.param(
            "март, июнь, сентябрь, декабрь", Every.QUARTER, QUARTER_ENDS, id="list_quarter_ends"
        ),
        pytest.param(
            "сентябрь, декабрь, март, июнь", Every.QUARTER, QUARTER_ENDS, id="list_academic_order"
        ),
        pytest.param("июнь и декабрь", Every.HALF_YEAR, ("2023-12-31", "2024-06-30"), id="list_6"),
        pytest.param("каждый понедельник", Every.WEEK, WEEK_ENDS, id="every_monday"),
        pytest.param("по средам", Every.WEEK, WEEK_ENDS, id="on_wednesdays"),
    ],
)
def test_recurring(text: str, every: Every, occurrences: tuple[str, ...]) -> None:
    result = parse_deadline(text, ACADEMIC)

    assert (result.kind, result.every) == (DeadlineKind.RECURRING, every)
    assert (result.start, result.end) == (ACADEMIC.start, ACADEMIC.end)
    assert result.occurrences() == tuple(d(day) for day in occurrences)
    assert result.due == d(occurrences[-1])
    assert result.as_dict()["every"] == every.value


def test_weekly_is_due_every_sunday() -> None:
    result = parse_deadline("еженедельно", ACADEMIC)

    occurrences = result.occurrences()
    assert (result.kind, result.every) == (DeadlineKind.RECURRING, Every.WEEK)
    assert (occurrences[0], occurrences[-1], len(occurrences)) == (
        d("2023-09-03"),
        d("2024-08-25"),
        52,
    )
    assert {day.isoweekday() for day in occurrences} == {7}


def test_yearly_in_calendar_plan_is_due_on_31_december() -> None:
    result = parse_deadline("ежегодно", CALENDAR)

    assert result.occurrences() == (d("2024-12-31"),)


# --- As needed --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("По мере необходимости", id="po_mere_neobhodimosti"),
        pytest.param("по мере поступления", id="po_mere_postupleniya"),
        pytest.param("по мере поступления заявок", id="po_mere_postupleniya_tail"),
        pytest.param("по запросу", id="po_zaprosu"),
        pytest.param("по запросу министерства образования", id="po_zaprosu_tail"),
        pytest.param("по согласованию", id="po_soglasovaniyu"),
        pytest.param("по согласованию с партнерами", id="po_soglasovaniyu_tail"),
        pytest.param("по отдельному графику", id="po_otdelnomu_grafiku"),
        pytest.param("По плану", id="po_planu"),
        pytest.param("по графику", id="po_grafiku"),
        pytest.param("при необходимости", id="pri_neobhodimosti"),
        pytest.param("ПО МЕРЕ НЕОБХОДИМОСТИ.", id="upper_dot"),
    ],
)
def test_as_needed(text: str) -> None:
    result = parse_deadline(text, ACADEMIC)

    assert result == Deadline(text, DeadlineKind.AS_NEEDED)
    assert (result.due, result.occurrences()) == (None, ())


# --- Unparsed: never a guess ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("31.02.2024", "Такой даты нет в календаре", id="impossible_day"),
        pytest.param("01.13.2024", "Такой даты нет в календаре", id="month_13"),
        pytest.param("31 июня 2024 года", "Такой даты нет в календаре", id="june_31"),
        pytest.param("29.02.2023", "Такой даты нет в календаре", id="not_a_leap_year"),
        pytest.param("15.12.2023-01.12.2023", "Конец срока раньше начала", id="days_backwards"),
        pytest.param("декабрь-сентябрь 2023", "Конец срока раньше начала", id="months_backwards"),
        pytest.param("2025-2023 гг.", "Конец срока раньше начала", id="years_backwards"),
        pytest.param("IV-II квартал 2024", "Конец срока раньше начала", id="quarters_backwards"),
        pytest.param("абракадабра", "Не удалось распознать срок: «абракадабра»", id="garbage"),
        pytest.param("ежедневно", "Не удалось распознать срок", id="daily"),
        pytest.param("2 раза в год", "Не удалось распознать срок", id="twice_a_year"),
        pytest.param("конец сентября", "Не удалось распознать срок", id="end_of_september"),
        pytest.param(
            "по мере необходимости, но не реже 1 раза в квартал",
            "Не удалось распознать срок",
            id="as_needed_with_a_minimum",
        ),
        pytest.param("", "Срок не указан", id="empty"),
        pytest.param(" . \n", "Срок не указан", id="blank"),
        pytest.param("в период зимних каникул", "региональный календарь", id="winter_holidays"),
        pytest.param("в период летних каникул", "региональный календарь", id="summer_holidays"),
        pytest.param("осенние каникулы 2023", "региональный календарь", id="autumn_holidays"),
        pytest.param("до марта", "«до» без числа", id="until_month_start_or_end"),
        pytest.param("до 2024 года", "«до» без числа", id="until_year"),
        pytest.param("до конца года", "конец какого года", id="until_end_of_year_academic"),
        pytest.param("I полугодие", "Полугодие без года", id="half_bare_in_academic_plan"),
        pytest.param("2023-2024", "«учебный год» или «гг.»", id="years_academic_or_calendar"),
        pytest.param("зима 2024", "Зима с одним годом", id="winter_one_year"),
        pytest.param("октябрь 2023, апрель", "к какому году", id="list_year_on_first_only"),
        pytest.param("октябрь, апрель 2024", "к какому году", id="list_year_wrong_order"),
        pytest.param("01.10.2093", "Год 2093 слишком далёк", id="far_year"),
        pytest.param("x" * 301, "Слишком длинный текст", id="too_long"),
        pytest.param("9 мая, 6 мая", "не по порядку", id="day_list_out_of_order"),
        # «10.05» after a day may be a time or a day: not guessed
        pytest.param("01.09 10.05", "Не удалось распознать", id="time_or_day"),
        pytest.param("01.09 25.00", "Не удалось распознать", id="not_a_time"),
        pytest.param("09.05.24 8-30", "Не удалось распознать", id="dash_time_without_ch"),
        # an end before its start is never read as a year-long interval
        pytest.param("с 12 по 5 мая", "Конец срока раньше начала", id="days_one_month_backwards"),
        pytest.param("12-5 мая", "Конец срока раньше начала", id="days_dash_backwards"),
        pytest.param("31.05-01.05", "Конец срока раньше начала", id="days_numeric_backwards"),
        pytest.param("с 12 мая по 5 мая", "Конец срока раньше начала", id="days_both_months"),
        pytest.param("к началу учебного года", "«до» без числа", id="k_start_of_year"),
        pytest.param("май, в течение 2025 года", "Не удалось распознать", id="and_other_year"),
    ],
)
def test_unparsed(text: str, reason: str) -> None:
    result = parse_deadline(text, ACADEMIC)

    assert result.kind is DeadlineKind.UNPARSED
    assert result.reason is not None and reason in result.reason
    assert (result.text, result.start, result.end, result.every) == (text, None, None, None)
    assert (result.due, result.occurrences()) == (None, ())


def test_unparsed_reason_quotes_a_shortened_phrase() -> None:
    result = parse_deadline("Непонятный\nсрок " + "очень " * 30, ACADEMIC)

    assert result.reason is not None
    assert result.reason.startswith("Не удалось распознать срок: «Непонятный срок очень")
    assert len(result.reason) < 120


def test_month_without_year_in_a_window_holding_it_twice_is_unparsed() -> None:
    two_years = PlanWindow(d("2023-01-01"), d("2024-12-31"))

    assert parse_deadline("май", two_years).reason == (
        "Срок без года встречается в периоде плана дважды — укажите год"
    )


def test_recurring_longer_than_the_window_is_unparsed() -> None:
    october = PlanWindow(d("2023-10-01"), d("2023-10-31"))

    result = parse_deadline("ежеквартально", october)

    assert (result.kind, result.reason) == (
        DeadlineKind.UNPARSED,
        "Период плана короче, чем период повторения",
    )


def test_as_dict_of_unparsed_and_recurring() -> None:
    assert parse_deadline("31.02.2024", ACADEMIC).as_dict() == {
        "text": "31.02.2024",
        "kind": "unparsed",
        "start": None,
        "end": None,
        "every": None,
        "reason": "Такой даты нет в календаре",
    }
    assert parse_deadline("ежеквартально", ACADEMIC).as_dict() == {
        "text": "ежеквартально",
        "kind": "recurring",
        "start": "2023-09-01",
        "end": "2024-08-31",
        "every": "quarter",
        "reason": None,
    }


# --- PlanWindow -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "start", "end", "canonical"),
    [
        pytest.param("2023-2024", "2023-09-01", "2024-08-31", "2023-2024", id="hyphen"),
        pytest.param("2023 – 2024", "2023-09-01", "2024-08-31", "2023-2024", id="spaced_en_dash"),
        pytest.param("2023/2024", "2023-09-01", "2024-08-31", "2023-2024", id="slash"),
        pytest.param("2023-24", "2023-09-01", "2024-08-31", "2023-2024", id="short"),
        pytest.param("2023 – 2024 учебный год", "2023-09-01", "2024-08-31", "2023-2024", id="ug"),
        pytest.param("2099-2100", "2099-09-01", "2100-08-31", "2099-2100", id="century"),
        pytest.param("2024", "2024-01-01", "2024-12-31", "2024", id="calendar"),
        pytest.param(" 2024 г. ", "2024-01-01", "2024-12-31", "2024", id="calendar_g"),
    ],
)
def test_plan_window_from_label(label: str, start: str, end: str, canonical: str) -> None:
    window = PlanWindow.from_label(label)

    assert (window.start, window.end, window.label) == (d(start), d(end), canonical)


@pytest.mark.parametrize(
    "label",
    [
        pytest.param("", id="empty"),
        pytest.param("учебный год", id="words"),
        pytest.param("2023-2025", id="not_consecutive"),
        pytest.param("2024-2023", id="backwards"),
        pytest.param("2023-25", id="short_not_consecutive"),
        pytest.param("20234", id="five_digits"),
        pytest.param("0000", id="year_zero"),
        pytest.param("9999-10000", id="beyond_calendar"),
    ],
)
def test_plan_window_from_unreadable_label_raises(label: str) -> None:
    with pytest.raises(ValueError, match="Не удалось прочитать период плана"):
        PlanWindow.from_label(label)


def test_plan_window_label_of_a_custom_window() -> None:
    assert PlanWindow(d("2023-09-01"), d("2024-06-30")).label == "2023-09-01..2024-06-30"


@pytest.mark.parametrize("text", ["май ежегодно", "апрель – май ежегодно", "ежегодно в мае"])
def test_a_month_every_year_is_due_at_that_months_end(text: str) -> None:
    three_years = PlanWindow(d("2013-01-01"), d("2015-12-31"))

    result = parse_deadline(text, three_years)

    assert (result.kind, result.every) == (DeadlineKind.RECURRING, Every.YEAR)
    assert (result.start, result.end) == (d("2013-01-01"), d("2015-05-31"))
    assert result.occurrences() == (d("2013-05-31"), d("2014-05-31"), d("2015-05-31"))
    assert parse_deadline(text, ACADEMIC).occurrences() == (d("2024-05-31"),)


def test_a_month_every_year_outside_the_window_is_unparsed() -> None:
    autumn = PlanWindow(d("2023-09-01"), d("2023-12-31"))

    result = parse_deadline("май ежегодно", autumn)

    assert (result.kind, result.reason) == (
        DeadlineKind.UNPARSED,
        "Срок без года не попадает в период плана — укажите год",
    )


# --- Families found in the second round of real plans (corpus rows 121+) ------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("9, 10 ноября", "2023-11-09", "2023-11-10"),
        ("12, 13 января", "2024-01-12", "2024-01-13"),
        ("24, 25 и 26 ноября 2023 г.", "2023-11-24", "2023-11-26"),
        ("01.05.24г.", "2024-05-01", "2024-05-01"),
        ("До 10.12.23 г.", "2023-09-01", "2023-12-10"),
        ("01.- 08.05.24г.", "2024-05-01", "2024-05-08"),
        ("10 ноября 2023* года", "2023-11-10", "2023-11-10"),
        ("В теч-е года", "2023-09-01", "2024-08-31"),
        ("16.11.2023 г. четверг", "2023-11-16", "2023-11-16"),
        ("16 ноября, четверг", "2023-11-16", "2023-11-16"),
    ],
)
def test_second_round_families(text: str, start: str, end: str) -> None:
    result = parse_deadline(text, ACADEMIC)

    assert (result.kind, result.start, result.end) == (DeadlineKind.INTERVAL, d(start), d(end))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # 16 November 2023 is a Thursday: the day or the weekday is wrong, the parser cannot say which.
        ("16.11.2023 г. среда", "День недели не совпадает с датой"),
        ("16 ноября среда", "День недели не совпадает с датой"),
        # A weekday after a span of days names no single day.
        ("13-17 ноября пятница", "Не удалось распознать срок"),
        ("10, 9 ноября", "Дни перечислены не по порядку"),
        ("9, 9 ноября", "Дни перечислены не по порядку"),
        ("30, 31 ноября", "Такой даты нет в календаре"),
    ],
)
def test_second_round_refusals(text: str, reason: str) -> None:
    result = parse_deadline(text, ACADEMIC)

    assert result.kind is DeadlineKind.UNPARSED
    assert result.reason is not None and reason in result.reason


SEPTEMBER_2018 = PlanWindow(d("2018-09-01"), d("2018-09-30"))


@pytest.mark.parametrize(
    ("text", "window", "start", "end"),
    [
        ("1 (суббота)", SEPTEMBER_2018, "2018-09-01", "2018-09-01"),
        ("9 (воскресенье)", SEPTEMBER_2018, "2018-09-09", "2018-09-09"),
        ("01.10 воскрес", PlanWindow.from_label("2017"), "2017-10-01", "2017-10-01"),
        ("5 марта, четверг", PlanWindow.from_label("2026"), "2026-03-05", "2026-03-05"),
        ("29 – 30 апреля 2023 г. 14.00 час.", CALENDAR, "2023-04-29", "2023-04-30"),
        ("01 мая2023 г. 11.00 час.", CALENDAR, "2023-05-01", "2023-05-01"),
    ],
)
def test_weekdays_times_and_glued_years(
    text: str, window: PlanWindow, start: str, end: str
) -> None:
    result = parse_deadline(text, window)

    assert (result.kind, result.start, result.end) == (DeadlineKind.INTERVAL, d(start), d(end))


@pytest.mark.parametrize(
    ("text", "window", "reason"),
    [
        # A bare day number says which day only in a plan for one month.
        ("1 (суббота)", ACADEMIC, "Число без месяца"),
        ("1 (суббота)", PlanWindow(d("2018-09-01"), d("2018-10-31")), "Число без месяца"),
        ("2 (суббота)", SEPTEMBER_2018, "День недели не совпадает с датой"),
        ("31 (понедельник)", SEPTEMBER_2018, "Такой даты нет в календаре"),
        ("02.10 воскрес", PlanWindow.from_label("2017"), "День недели не совпадает с датой"),
    ],
)
def test_weekday_refusals(text: str, window: PlanWindow, reason: str) -> None:
    result = parse_deadline(text, window)

    assert result.kind is DeadlineKind.UNPARSED
    assert result.reason is not None and reason in result.reason


def test_a_separate_plan_is_as_needed() -> None:
    assert parse_deadline("По особому плану", ACADEMIC).kind is DeadlineKind.AS_NEEDED


@pytest.mark.parametrize(
    ("text", "window", "expected"),
    [
        ("Понедельник 12.05.25", PlanWindow.from_label("2025"), ("2025-05-12", "2025-05-12")),
        ("Среда, 14.05.25", PlanWindow.from_label("2025"), ("2025-05-14", "2025-05-14")),
        ("по 10 мая", PlanWindow(d("2024-05-01"), d("2024-05-31")), ("2024-05-01", "2024-05-10")),
        ("по 15.10.2023", ACADEMIC, ("2023-09-01", "2023-10-15")),
    ],
)
def test_weekday_first_and_through_a_day(
    text: str, window: PlanWindow, expected: tuple[str, str]
) -> None:
    result = parse_deadline(text, window)

    assert (result.kind, result.start, result.end) == (
        DeadlineKind.INTERVAL,
        d(expected[0]),
        d(expected[1]),
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Вторник 12.05.25", "День недели не совпадает с датой"),
        ("по 10", "Не удалось распознать срок"),
        ("по окончании", "Не удалось распознать срок"),
    ],
)
def test_weekday_first_and_through_refusals(text: str, reason: str) -> None:
    result = parse_deadline(text, PlanWindow.from_label("2025"))

    assert result.kind is DeadlineKind.UNPARSED
    assert result.reason is not None and reason in result.reason
