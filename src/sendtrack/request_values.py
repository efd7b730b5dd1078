"""Whole numbers and months read from addresses, query strings and forms.

Anyone can type `?section=99999999999999999999` or `?year=9999`. Python reads any number of
digits, but a database does not hold an integer over 2**63 - 1 (SQLite raises OverflowError,
PostgreSQL an error too), and a date's year stops at 9999. Every view reads such values
through these functions, which give None for anything outside what the system holds; the
view then answers "not found", shows a form error or leaves the filter out.
"""

from datetime import date

LARGEST_ID = 2**63 - 1
"""The largest integer SQLite or a PostgreSQL bigint column holds."""
YEARS = range(1900, 2200)
"""The years a date typed into sendtrack may have: room to add a year or a month to it."""


def whole_number(text: object, *, low: int = 0, high: int = LARGEST_ID) -> int | None:
    """`text` as a whole number from `low` to `high`, or None: empty, a sign, a space inside,
    other characters than the digits 0 to 9 ("²" passes str.isdigit but not int), or out of
    range. The length is checked first, so a thousand digits are never turned into an int."""
    if not isinstance(text, str | int) or isinstance(text, bool):
        return None
    text = str(text).strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def year(text: object) -> int | None:
    """A calendar year sendtrack can hold (1900 to 2199), or None."""
    return whole_number(text, low=YEARS.start, high=YEARS.stop - 1)


def month(text: object) -> date | None:
    """The first day of the month written "YYYY-MM" (or "YYYY-M"), or None."""
    if not isinstance(text, str):
        return None
    first, dash, second = text.strip().partition("-")
    chosen_year, chosen_month = year(first), whole_number(second, low=1, high=12)
    if not dash or chosen_year is None or chosen_month is None:
        return None
    return date(chosen_year, chosen_month, 1)
