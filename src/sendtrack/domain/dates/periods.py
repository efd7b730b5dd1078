"""The periods date text names: days, months, terms, half terms, quarters and years.

School terms, half terms, financial and academic years follow the conventions in the package
docstring and ``docs/dates.md``.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sendtrack.domain.dates.model import Precision

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class _Period:
    start: date
    end: date


def _span(y1: int, m1: int, d1: int, y2: int, m2: int, d2: int) -> _Period | None:
    try:
        return _Period(date(y1, m1, d1), date(y2, m2, d2))
    except (ValueError, OverflowError):
        return None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month(year: int, month: int) -> _Period | None:
    if not 1 <= year <= 9999:
        return None
    return _span(year, month, 1, year, month, _last_day(year, month))


def _day(year: int, month: int, day: int) -> _Period | None:
    return _span(year, month, day, year, month, day)


def _year(year: int) -> _Period | None:
    return _span(year, 1, 1, year, 12, 31)


def _financial_year(first: int) -> _Period | None:
    return _span(first, 4, 1, first + 1, 3, 31)


def _academic_year(first: int) -> _Period | None:
    return _span(first, 9, 1, first + 1, 8, 31)


# Terms and half terms by the calendar year they fall in: (first month, last month).
_TERMS = {"spring": (1, 3), "summer": (4, 7), "autumn": (9, 12)}
_HALF_TERMS = {
    ("spring", 1): (1, 2),
    ("spring", 2): (3, 3),
    ("summer", 1): (4, 5),
    ("summer", 2): (6, 7),
    ("autumn", 1): (9, 10),
    ("autumn", 2): (11, 12),
}


def _months(year: int, first: int, last: int) -> _Period | None:
    if not 1 <= year <= 9999:
        return None
    return _span(year, first, 1, year, last, _last_day(year, last))


def _term(season: str, year: int) -> _Period | None:
    return _months(year, *_TERMS[season])


def _half_term(season: str, half: int, year: int) -> _Period | None:
    return _months(year, *_HALF_TERMS[(season, half)])


def _quarter(q: int, first: int) -> _Period | None:
    """Quarter ``q`` of the financial year that starts in April of ``first``."""
    if q == 4:
        return _months(first + 1, 1, 3)
    return _months(first, 3 * q + 1, 3 * q + 3)


def _easter(year: int) -> _Period | None:
    """Easter Sunday (Gregorian; the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return _day(year, month, day + 1)


def _christmas(year: int) -> _Period | None:
    return _day(year, 12, 25)


# A period that recurs each year, keyed by year (for text with no year in it).
_Occurs = Callable[[int], _Period | None]
# A period named relative to the as-at date ("this term").
_Relative = Callable[[date], _Period | None]


def _first_ending_from(occurs: _Occurs, anchor: date) -> _Period | None:
    """The occurrence with the earliest end on or after ``anchor``."""
    found = [p for y in range(anchor.year - 1, anchor.year + 9) if (p := occurs(y))]
    later = [p for p in found if p.end >= anchor]
    return min(later, key=lambda p: p.end, default=None)


def _last_starting_by(occurs: _Occurs, limit: date) -> _Period | None:
    """The occurrence with the latest start on or before ``limit`` (a range's first side)."""
    found = [p for y in range(limit.year - 9, limit.year + 2) if (p := occurs(y))]
    earlier = [p for p in found if p.start <= limit]
    return max(earlier, key=lambda p: p.start, default=None)


def _first_starting_from(occurs: _Occurs, limit: date) -> _Period | None:
    """The occurrence with the earliest start on or after ``limit`` (a range's last side)."""
    found = [p for y in range(limit.year - 1, limit.year + 9) if (p := occurs(y))]
    later = [p for p in found if p.start >= limit]
    return min(later, key=lambda p: p.start, default=None)


def _sequence(make: Callable[[int], list[_Period | None]], around: date) -> list[_Period]:
    periods = [p for y in range(around.year - 1, around.year + 3) for p in make(y) if p]
    return sorted(periods, key=lambda p: p.start)


def _this_and_next(make: Callable[[int], list[_Period | None]], step: int) -> _Relative:
    """Relative reader for "this X" (step 0) and "next X" (step 1) over a yearly sequence.

    "This term" read in a holiday is the next term to start.
    """

    def read(at: date) -> _Period | None:
        periods = _sequence(make, at)
        for index, period in enumerate(periods):
            if period.end >= at:
                target = index + step
                return periods[target] if target < len(periods) else None
        return None

    return read


def _terms_of(year: int) -> list[_Period | None]:
    return [_term(season, year) for season in ("spring", "summer", "autumn")]


def _half_terms_of(year: int) -> list[_Period | None]:
    return [_half_term(s, h, year) for s in ("spring", "summer", "autumn") for h in (1, 2)]


def _months_of(year: int) -> list[_Period | None]:
    return [_month(year, m) for m in range(1, 13)]


def _quarters_of(year: int) -> list[_Period | None]:
    return [_quarter(q, year) for q in (1, 2, 3)] + [_quarter(4, year - 1)]


_RELATIVE_UNITS: dict[str, tuple[Callable[[int], list[_Period | None]], Precision]] = {
    "term": (_terms_of, Precision.TERM),
    "halfterm": (_half_terms_of, Precision.HALF_TERM),
    "month": (_months_of, Precision.MONTH),
    "quarter": (_quarters_of, Precision.QUARTER),
    "year": (lambda y: [_year(y)], Precision.YEAR),
    "financialyear": (lambda y: [_financial_year(y)], Precision.FINANCIAL_YEAR),
    "academicyear": (lambda y: [_academic_year(y)], Precision.ACADEMIC_YEAR),
    "schoolyear": (lambda y: [_academic_year(y)], Precision.ACADEMIC_YEAR),
}
