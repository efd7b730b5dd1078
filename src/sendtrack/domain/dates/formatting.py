"""Dates as GOV.UK writes them."""

from __future__ import annotations

from datetime import date

from sendtrack.domain.dates.periods import MONTH_NAMES


def format_date(d: date) -> str:
    """A date as GOV.UK shows it: "31 March 2025", "1 April 2025" (no leading zero)."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
