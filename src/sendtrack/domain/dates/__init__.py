"""Reading the date text councils write in improvement plans.

A timeframe cell says "31/03/2023", "Mar-25", "Autumn Term 2018", "Q2 2024/25", "Sept – Nov
2018", "Ongoing", "Quarterly wef Jan 2022" or a sentence with three dates in it.
:func:`read_date` turns that text into a :class:`DateReading`: the last day of the period named
(``due``, the plan JSON convention), the first day (``start``), how precise the text was, whether
it says the work is complete, and a ``problem`` when the text names a day that does not exist or
cannot be placed. It never guesses: an impossible date is reported, not rolled over.

The conventions, each with examples, are in ``docs/dates.md``. In short:

- School terms: Autumn 1 Sep–31 Dec, Spring 1 Jan–31 Mar, Summer 1 Apr–31 Jul. Half terms:
  Autumn 1 Sep–Oct, Autumn 2 Nov–Dec, Spring 1 Jan–Feb, Spring 2 Mar, Summer 1 Apr–May,
  Summer 2 Jun–Jul.
- Financial year 1 Apr–31 Mar ("2024/25"), quarters Q1 Apr–Jun … Q4 Jan–Mar; academic year
  1 Sep–31 Aug.
- A month, term or day with no year is placed in the first year in which it ends on or after
  the first day of the as-at month (with no as-at date: on or after the text's own first
  dated part); when nothing places it, that is a problem.
- A range's due date is its end; a year written on the end applies to both sides.
- Several separate dates: the latest end is the due date (the gold files' convention, not the
  last one written), the earliest start the start.
- "From X" on its own, "wef X" and "X onwards" open an open-ended period: no due date.
"""

from sendtrack.domain.dates.formatting import format_date
from sendtrack.domain.dates.forms import month_number
from sendtrack.domain.dates.model import DateReading, Precision
from sendtrack.domain.dates.periods import MONTH_NAMES
from sendtrack.domain.dates.reading import names_a_date, read_date

__all__ = [
    "MONTH_NAMES",
    "DateReading",
    "Precision",
    "format_date",
    "month_number",
    "names_a_date",
    "read_date",
]
