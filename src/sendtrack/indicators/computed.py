"""The statutory timeliness measures as computed indicators.

They are worked out by sendtrack.statutory.selectors.measures.timeliness_measures (the same counts
the Timeliness page shows), imported only when a value is computed. A period counts the
whole months it covers; with no statutory records the rate is 0 out of 0 (no value).
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from .registry import register


def _months(start: date, end: date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _measure(key: str) -> Any:
    def compute(partnership: Any, start: date, end: date) -> tuple[int, int]:
        from sendtrack.statutory.selectors.measures import timeliness_measures

        numerator = denominator = 0
        by_year: dict[int, Any] = {}
        for year, month in _months(start, end):
            if year not in by_year:
                by_year[year] = timeliness_measures(partnership, year, "month")
            rate = by_year[year].groups[month - 1].rate(key)
            numerator += rate.numerator
            denominator += rate.denominator
        return numerator, denominator

    return compute


register(
    "statutory.new_plans_20_weeks",
    "% of new EHC plans issued within 20 weeks (excluding exceptions)",
    _measure("new_plans_ex"),
)
register(
    "statutory.decisions_6_weeks",
    "% of decisions whether to assess made within 6 weeks",
    _measure("decisions"),
)
register(
    "statutory.reviews_12_months",
    "% of annual reviews held within 12 months",
    _measure("reviews"),
)
