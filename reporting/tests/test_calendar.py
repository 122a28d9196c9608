"""Report due dates follow the Russian production calendar, transfers included (holidays pkg)."""

from datetime import date

import pytest

from reporting.calendar import default_due_date, is_working_day, nth_working_day_after


@pytest.mark.parametrize(
    ("period_end", "due"),
    [
        # New Year holidays 1–8 January 2024: the 5th working day is Monday 15 January.
        pytest.param(date(2023, 12, 31), date(2024, 1, 15), id="q4_2023_after_new_year"),
        pytest.param(date(2024, 3, 31), date(2024, 4, 5), id="q1_2024_plain_week"),
        # Saturday 27 April 2024 is a working day (transfer); 29–30 April and 1 May are off.
        pytest.param(date(2024, 4, 22), date(2024, 4, 27), id="working_saturday_27_april"),
        pytest.param(date(2024, 4, 26), date(2024, 5, 7), id="may_holidays_2024"),
        # Saturday 28 December 2024 works in exchange for 30 December.
        pytest.param(date(2024, 12, 23), date(2024, 12, 28), id="working_saturday_28_december"),
        pytest.param(date(2024, 12, 31), date(2025, 1, 15), id="q4_2024_after_new_year"),
        pytest.param(date(2024, 6, 30), date(2024, 7, 5), id="q2_2024"),
        # 8 March 2024 is a Friday holiday: 4,5,6,7,11 March.
        pytest.param(date(2024, 3, 3), date(2024, 3, 11), id="womens_day_2024"),
    ],
)
def test_due_date_is_the_fifth_working_day_after_the_period(period_end, due):
    assert default_due_date(period_end) == due


def test_transfers_are_in_the_calendar():
    assert is_working_day(date(2024, 4, 27))  # Saturday made a working day
    assert is_working_day(date(2024, 11, 2))  # Saturday made a working day
    assert not is_working_day(date(2024, 4, 29))  # Monday made a day off
    assert not is_working_day(date(2024, 12, 30))
    assert not is_working_day(date(2024, 1, 8))
    assert is_working_day(date(2024, 1, 9))


def test_the_count_can_be_set_and_never_counts_the_day_itself(settings):
    assert nth_working_day_after(date(2024, 4, 1), 1) == date(2024, 4, 2)
    settings.REPORT_DUE_WORKING_DAYS = 10
    assert default_due_date(date(2023, 12, 31)) == date(2024, 1, 22)
    with pytest.raises(ValueError):
        nth_working_day_after(date(2024, 4, 1), 0)
