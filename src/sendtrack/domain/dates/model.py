"""What a reading of date text is: its :class:`DateReading` and :class:`Precision`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    HALF_TERM = "half_term"
    TERM = "term"
    QUARTER = "quarter"
    ACADEMIC_YEAR = "academic_year"
    FINANCIAL_YEAR = "financial_year"
    YEAR = "year"
    RECURRING = "recurring"
    ONGOING = "ongoing"
    NONE = "none"


@dataclass(frozen=True)
class DateReading:
    raw: str
    """Exactly the input text."""
    due: date | None
    """The last day of the period named; None when no date can honestly be given."""
    start: date | None
    """The first day of the period or range."""
    precision: Precision
    is_complete: bool
    """The text says the work is complete ("Complete", "Completed", "Done"): a status."""
    problem: str | None
    """What is wrong with the text, in words for a programme manager; never guessed around."""
