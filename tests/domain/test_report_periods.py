"""The quarters and half-years a board report over a period covers."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.report_periods import (
    EndBeforeStart,
    ReportPeriod,
    quarter_before,
    quarter_of,
    six_months_to,
)


@pytest.mark.parametrize(
    ("day", "quarter", "before"),
    [
        (
            date(2026, 1, 1),
            (date(2026, 1, 1), date(2026, 3, 31)),
            (date(2025, 10, 1), date(2025, 12, 31)),
        ),
        (
            date(2026, 5, 17),
            (date(2026, 4, 1), date(2026, 6, 30)),
            (date(2026, 1, 1), date(2026, 3, 31)),
        ),
        (
            date(2026, 9, 30),
            (date(2026, 7, 1), date(2026, 9, 30)),
            (date(2026, 4, 1), date(2026, 6, 30)),
        ),
        (
            date(2026, 12, 31),
            (date(2026, 10, 1), date(2026, 12, 31)),
            (date(2026, 7, 1), date(2026, 9, 30)),
        ),
    ],
)
def test_this_quarter_and_the_last_one(day, quarter, before):
    assert (quarter_of(day).start, quarter_of(day).end) == quarter
    assert (quarter_before(day).start, quarter_before(day).end) == before


def test_six_months_to_a_month_are_the_six_whole_months_ending_with_it():
    half = six_months_to(date(2026, 3, 1))
    assert (half.start, half.end) == (date(2025, 10, 1), date(2026, 3, 31))
    assert half.describe() == "October 2025 to March 2026"
    assert six_months_to(date(2026, 9, 14)).describe() == "April to September 2026"
    leap = six_months_to(date(2024, 2, 1))
    assert (leap.start, leap.end) == (date(2023, 9, 1), date(2024, 2, 29))


def test_periods_are_named_as_a_board_reads_them():
    assert quarter_of(date(2026, 11, 5)).describe() == "October to December 2026"
    assert ReportPeriod(date(2026, 3, 1), date(2026, 3, 31)).describe() == "March 2026"
    assert ReportPeriod(date(2026, 7, 3), date(2026, 12, 20)).describe() == (
        "3 July to 20 December 2026"
    )
    assert ReportPeriod(date(2025, 7, 3), date(2026, 1, 20)).describe() == (
        "3 July 2025 to 20 January 2026"
    )
    assert ReportPeriod(date(2026, 7, 3), date(2026, 7, 3)).describe() == "3 July 2026"


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(EndBeforeStart):
        ReportPeriod(date(2026, 7, 3), date(2026, 7, 2))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_quarters_hold_their_day_and_follow_on(day):
    quarter = quarter_of(day)
    assert quarter.start <= day <= quarter.end
    assert quarter.whole_months and quarter.start.month in {1, 4, 7, 10}
    assert quarter_before(day).end == quarter.start - timedelta(days=1)
    half = six_months_to(day)
    assert half.whole_months and half.end.month == day.month
    assert 181 <= (half.end - half.start).days + 1 <= 184
