"""The periods a board report can cover beyond one month.

Improvement boards meet monthly; other boards (the health and wellbeing board, the schools
forum, the DfE's adviser) are told each quarter or every six months. Quarters are the
financial year's (April to June, July to September, October to December, January to March),
which are also the calendar's. A period is whole days, its first and last both included.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sendtrack.domain.dates.formatting import format_date
from sendtrack.domain.dates.periods import MONTH_NAMES


class EndBeforeStart(ValueError):
    """A period's last day is before its first."""


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise EndBeforeStart(f"{self.end} is before {self.start}")

    @property
    def whole_months(self) -> bool:
        return self.start.day == 1 and self.end.day == _last_day(self.end.year, self.end.month)

    def describe(self) -> str:
        """How a title names it: "October to December 2026", "October 2025 to March 2026",
        "March 2026", or, for days that are not whole months, "3 July to 20 December 2026"."""
        start, end = self.start, self.end
        if self.whole_months:
            if (start.year, start.month) == (end.year, end.month):
                return _month(end)
            if start.year == end.year:
                return f"{MONTH_NAMES[start.month - 1]} to {_month(end)}"
            return f"{_month(start)} to {_month(end)}"
        if start == end:
            return format_date(start)
        if start.year == end.year:
            return f"{start.day} {MONTH_NAMES[start.month - 1]} to {format_date(end)}"
        return f"{format_date(start)} to {format_date(end)}"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month(day: date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _months_back(month: date, count: int) -> date:
    """The first day of the month `count` months before `month`'s."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def _months(first: date, count: int) -> ReportPeriod:
    """`count` whole months from the month of `first`."""
    last = _months_back(first, -(count - 1))
    return ReportPeriod(first.replace(day=1), last.replace(day=_last_day(last.year, last.month)))


def quarter_of(day: date) -> ReportPeriod:
    """The quarter `day` falls in."""
    return _months(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), 3)


def quarter_before(day: date) -> ReportPeriod:
    """The last whole quarter before the one `day` falls in."""
    return quarter_of(quarter_of(day).start - timedelta(days=1))


def six_months_to(month: date) -> ReportPeriod:
    """The six whole months ending with `month`'s: "April to September 2026"."""
    return _months(_months_back(month, 5), 6)
