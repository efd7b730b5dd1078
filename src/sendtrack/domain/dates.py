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

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

__all__ = ["DateReading", "Precision", "format_date", "read_date"]


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


_MONTH_NAMES = (
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


def format_date(d: date) -> str:
    """A date as GOV.UK shows it: "31 March 2025", "1 April 2025" (no leading zero)."""
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


# ---------------------------------------------------------------------------------------------
# Periods


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


# ---------------------------------------------------------------------------------------------
# Items: one date expression found in the text


@dataclass
class _Item:
    begin: int
    finish: int
    text: str
    precision: Precision
    fixed: _Period | None = None
    occurs: _Occurs | None = None
    relative: _Relative | None = None
    problem: str | None = None
    """A fault in the text itself (an impossible date): always reported."""


@dataclass
class _Chain:
    """Items joined by range or list words ("Sept – Nov 2018", "Nov/Dec", "Sept & Oct")."""

    items: list[_Item]
    is_range: bool = False
    opening: str = "closed"  # "closed", "soft" (a lone "from X") or "hard" (wef, onwards)
    until: bool = False
    periods: list[_Period] = field(default_factory=list)
    problem: str | None = None

    @property
    def text(self) -> str:
        return " … ".join(item.text for item in self.items)


_MONTH_WORDS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
# Month words that are also ordinary English words when written in lower case.
_WEAK_MONTHS = {"may", "march", "mar"}

_MONTH = r"(?<![a-z])(?P<month>{})\.?(?![a-z])".format(
    "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
)
_ORDINAL = r"(?:\s?(?:st|nd|rd|th)(?![a-z]))"
_YEAR_AFTER = r"(?:\s*,\s*|\s+|-|\.|/|\s*'\s*)?(?P<year>[1-9][0-9]{3}|[0-9]{2})(?![0-9])"
_QUAL = (
    r"(?P<qual>(?:the\s+)?(?:very\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?"
    r"|(?:early|mid|late|end)(?:\s*-\s*|\s+))?"
)
_SEASON = r"(?P<season>autumn|spring|summer)"
_PAIR = r"[0-9]{4}\s*[/-]\s*(?:[0-9]{4}|[0-9]{2})(?![0-9])|[0-9]{2}[/-][0-9]{2}(?![0-9])"
_YEAR_TAIL = (
    r"(?:\s*,?\s*(?:of\s+)?(?:\(\s*)?(?P<year>[0-9]{4}(?:\s*[/-]\s*(?:[0-9]{4}|[0-9]{2}))?"
    r"|'?[0-9]{2}(?:[/-][0-9]{2})?)(?![0-9])(?:\s*\))?)?"
)
_HALF_WORDS = {"1": 1, "first": 1, "1st": 1, "2": 2, "second": 2, "2nd": 2}
_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTER_WORDS |= {"fourth": 4, "4th": 4}


def _re(*parts: str) -> re.Pattern[str]:
    # ASCII: only a–z fold case, so a look-alike letter can never become a month name.
    return re.compile("".join(parts), re.IGNORECASE | re.ASCII)


def _two_digit(text: str) -> int:
    return 2000 + int(text)


def _year_of(text: str) -> int:
    digits = text.strip("'() ")
    return int(digits) if len(digits) == 4 else _two_digit(digits)


def _pair(text: str) -> tuple[int, int] | None:
    """ "2024/25", "2024 - 2025", "24/25" → (2024, 2025); None unless the years are adjacent."""
    first_text, second_text = re.split(r"\s*[/-]\s*", text.strip())
    first = _year_of(first_text)
    second = int(second_text) if len(second_text) == 4 else (first // 100) * 100 + int(second_text)
    if len(second_text) == 2 and second < first:
        second += 100
    return (first, second) if second == first + 1 else None


class _Scan:
    """Finds the date expressions in one text, most specific form first."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.work = text  # claimed spans are blanked out with NULs as they are read
        self.items: list[_Item] = []

    def claim(self, pattern: re.Pattern[str], read: _Reader) -> None:
        for match in list(pattern.finditer(self.work)):
            if "\0" in match.group(0):
                continue
            item = read(self, match)
            if item is None:
                continue
            self.items.append(item)
            begin, finish = match.span()
            self.work = self.work[:begin] + "\0" * (finish - begin) + self.work[finish:]

    def item(
        self,
        match: re.Match[str],
        precision: Precision,
        *,
        fixed: _Period | None = None,
        occurs: _Occurs | None = None,
        relative: _Relative | None = None,
    ) -> _Item:
        begin, finish = match.span()
        text = " ".join(self.text[begin:finish].split())
        return _Item(begin, finish, text, precision, fixed, occurs, relative)


_Reader = Callable[[_Scan, re.Match[str]], _Item | None]
"""Reads one match of a form into an item, or None where the match is not a date after all."""


def _impossible(text: str) -> str:
    return f"{text} is not a real date"


# ---------------------------------------------------------------------------------------------
# The forms (``_read_items`` tries them most specific first)


_ISO = _re(r"(?<![0-9])(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![0-9])")
_NUMERIC = _re(
    r"(?<![0-9/.\-])(?P<d>[0-9]{1,2})(?P<sep>[/.\-])(?P<m>[0-9]{1,2})(?P=sep)",
    r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]|[/.\-][0-9])",
)
_DAY_MONTH = _re(
    r"(?<![0-9])(?P<day>[0-9]{1,2})",
    _ORDINAL,
    r"?(?:\s+of\s+|\s*|-|\.\s*|/)",
    _MONTH,
    r"(?:",
    _YEAR_AFTER,
    r")?",
)
_MONTH_DAY = _re(  # "March 25th", "March 25th 2025", "March 25, 2025"
    _MONTH,
    r"\s+(?:the\s+)?(?P<day>[0-9]{1,2})(?:",
    _ORDINAL,
    r"(?:\s*,?\s*(?P<year>[1-9][0-9]{3})(?![0-9]))?",
    r"|\s*,\s*(?P<year2>[1-9][0-9]{3})(?![0-9]))",
)
_QUARTER = _re(
    r"(?:\b(?:q|qtr|quarter)\s*(?P<q>[1-4])(?![0-9])",
    r"|\b(?P<qw>first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter)",
    r"(?:\s*,?\s*(?:of\s+)?(?:(?:fy|financial\s+year)\s*)?(?P<year>",
    _PAIR,
    r"|[0-9]{4}(?![0-9])))?",
)
_QUARTER_AFTER = _re(  # "2024/25 Q2"
    r"(?:\bfy\s*)?(?P<year>[0-9]{4}\s*[/-]\s*(?:[0-9]{4}|[0-9]{2}))\s*,?\s*",
    r"(?:q|qtr|quarter)\s*(?P<q>[1-4])(?![0-9])",
)
_FINANCIAL = _re(
    r"(?:\b(?:fy|f/y|financial\s+year|fin\.?\s+year|budget\s+year)\s*(?:of\s+)?(?P<year>",
    _PAIR,
    r"|[0-9]{4}|[0-9]{2}(?![0-9/]))",
    r"|(?P<year2>",
    _PAIR,
    r")\s*(?:financial\s+year|fy)\b)",
)
_ACADEMIC = _re(
    r"(?:\b(?:academic|school)\s+year\s*(?:of\s+)?(?P<year>",
    _PAIR,
    r"|[0-9]{4})",
    r"|\bay\s*(?P<year3>",
    _PAIR,
    r")|(?P<year2>",
    _PAIR,
    r")\s*(?:academic|school)\s+year\b)",
)
_HALF_TERM = _re(
    r"(?:\b",  # "Autumn 1", "Spring half term 2", "Summer term 1"
    _SEASON,
    r"\s*(?:terms?\s*)?(?:half[\s-]?terms?\s*)?(?P<half>[12])(?![0-9])(?:st|nd)?",
    r"|\b(?P<half2>first|1st|second|2nd)\s+half(?:[\s-]?terms?)?\s+of\s+(?:the\s+)?",
    r"(?P<season2>autumn|spring|summer)(?:\s+terms?)?",  # "first half of the autumn term"
    r"|\b(?P<season3>autumn|spring|summer)\s+(?:terms?\s+)?",
    r"(?P<half3>first|1st|second|2nd)\s+half(?:[\s-]?terms?)?)",  # "autumn second half"
    _YEAR_TAIL,
)
_TERM = _re(
    _QUAL,
    r"\b",
    _SEASON,
    r"(?!\s*holidays?|\s*break|\s*hols)(?:\s+terms?)?",
    _YEAR_TAIL,
)
_UNITS = r"half[\s-]?term|term|month|quarter|financial\s+year|academic\s+year|school\s+year|year"
_RELATIVE = _re(
    r"(?:\b(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?P<rel1>this|current|next)\s+)?(?P<unit1>",
    _UNITS,
    r")|\b(?P<rel2>this|current|next)\s+(?P<unit2>",
    _UNITS,
    r"))\b(?!\s*(?:of\s+)?'?[0-9])",
)
_FEAST = _re(r"\b(?P<name>easter|christmas|xmas)(?:\s+(?P<year>[1-9][0-9]{3}|'[0-9]{2}))?\b")
_NUMERIC_MONTH = _re(
    r"(?<![0-9/.\-])(?P<m>0?[1-9]|1[0-2])(?:[/.\-](?P<y>[1-9][0-9]{3})|/(?P<y2>[0-9]{2}))",
    r"(?![0-9]|[/.\-][0-9])",
)
_MONTH_YEAR = _re(_QUAL, _MONTH, r"(?:", _YEAR_AFTER, r")?")
_YEAR_PAIR = _re(
    r"(?<![0-9/.\-])(?P<y>[1-9][0-9]{3}\s*[/-]\s*(?:[0-9]{4}|[0-9]{2}))",
    r"(?![0-9]|[/.\-][0-9])",
)
_SHORT_PAIR = _re(r"(?<![0-9/.\-])(?P<a>[0-9]{2})/(?P<b>[0-9]{2})(?![0-9]|[/.\-][0-9])")
_BARE_YEAR = _re(r"(?<![0-9£$.,])(?P<y>(?:19|20)[0-9]{2})(?![0-9]|[.,][0-9]|%)")

_JOINS_NEXT = _re(r"\W*(?:-|/|to\b|and\b|or\b|&)")
_DATE_PREPOSITION = _re(
    r"(?:\b(?:in|by|from|until|till|before|after|during|of|end|early|mid|late|to|and|between"
    r"|wef|w\.e\.f|or)|[&/\-])\W*$"
)


_NEAR = 40  # how far either side of a word to look for the words that qualify it
_NOTHING = _re(r"[\W_]*")
_WORD_BEFORE = _re(r"([a-z]+)[\s,.'-]*$")
_LONG_MONTHS = [name.lower() for name in _MONTH_NAMES if len(name) >= 5]


def _edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _misspelt_month(word: str) -> bool:
    """ "Sepember", "Febuary": a month name with a letter or two wrong (so not read as a year)."""
    word = word.lower()
    if len(word) < 5 or word in _MONTH_WORDS:
        return False
    return any(_edits(word, name) <= 2 for name in _LONG_MONTHS)


def _weak_month_allowed(scan: _Scan, match: re.Match[str]) -> bool:
    """ "may" and "march" in lower case count as months only where a date word is next to them."""
    word = match.group("month").rstrip(".")
    if word.lower() not in _WEAK_MONTHS or not word.islower():
        return True
    before = scan.text[max(0, match.start() - _NEAR) : match.start()]
    after = scan.text[match.end() : match.end() + _NEAR]
    if _DATE_PREPOSITION.search(before) or _JOINS_NEXT.match(after):
        return True
    alone = _NOTHING.fullmatch(scan.text, 0, match.start())
    return bool(alone and _NOTHING.fullmatch(scan.text, match.end()))


def _exact_day(scan: _Scan, match: re.Match[str], y: int, m: int, d: int) -> _Item:
    """A day written in full; a day that does not exist is reported, never rolled over."""
    period = _day(y, m, d) if 1 <= m <= 12 else None
    if period is None:
        item = scan.item(match, Precision.DAY)
        item.problem = _impossible(item.text)
        return item
    return scan.item(match, Precision.DAY, fixed=period)


def _read_iso(scan: _Scan, match: re.Match[str]) -> _Item:
    return _exact_day(scan, match, int(match["y"]), int(match["m"]), int(match["d"]))


def _read_numeric(scan: _Scan, match: re.Match[str]) -> _Item:
    y = match["y"]
    year = int(y) if len(y) == 4 else _two_digit(y)
    return _exact_day(scan, match, year, int(match["m"]), int(match["d"]))


def _read_day_month(scan: _Scan, match: re.Match[str]) -> _Item | None:
    """ "31st March 2025", "March 25th": with no year, the day recurs each year."""
    month = _MONTH_WORDS[match["month"].rstrip(".").lower()]
    day = int(match["day"])
    year_text = match.groupdict().get("year") or match.groupdict().get("year2")
    if year_text:
        return _exact_day(scan, match, _year_of(year_text), month, day)
    if not _weak_month_allowed(scan, match):
        return None
    if not any(_day(y, month, day) for y in range(2000, 2008)):
        item = scan.item(match, Precision.DAY)
        item.problem = _impossible(item.text)
        return item
    return scan.item(match, Precision.DAY, occurs=lambda y: _day(y, month, day))


def _read_quarter(scan: _Scan, match: re.Match[str]) -> _Item:
    """ "Q2 2024/25": a quarter needs a financial year, so "Q2 2024" is a problem."""
    groups = match.groupdict()
    q = int(groups["q"]) if groups.get("q") else _QUARTER_WORDS[groups["qw"].lower()]
    year_text = groups.get("year")
    if not year_text:
        return scan.item(match, Precision.QUARTER, occurs=lambda y: _quarter(q, y))
    item = scan.item(match, Precision.QUARTER)
    if not re.search(r"[/-]", year_text):
        item.problem = (
            f"{item.text} does not say which financial year it means "
            f"(for example Q{q} {_year_of(year_text)}/{(_year_of(year_text) + 1) % 100:02d})"
        )
        return item
    pair = _pair(year_text)
    if pair is None:
        item.problem = f"{item.text}: {year_text.strip()} is not one financial year"
    else:
        item.fixed = _quarter(q, pair[0])
    return item


def _year_pair_item(
    scan: _Scan,
    match: re.Match[str],
    year_text: str,
    precision: Precision,
    make: Callable[[int], _Period | None],
) -> _Item:
    """A financial or academic year, which must be written with both its years."""
    item = scan.item(match, precision)
    if not re.search(r"[/-]", year_text):
        kind = "financial" if precision is Precision.FINANCIAL_YEAR else "academic"
        item.problem = (
            f"{item.text} does not say which {kind} year it means "
            f"(write both years, for example 2024/25)"
        )
        return item
    pair = _pair(year_text)
    if pair is None:
        item.problem = f"{item.text}: {year_text.strip()} is not two adjacent years"
    else:
        item.fixed = make(pair[0])
    return item


def _read_financial(scan: _Scan, match: re.Match[str]) -> _Item:
    year_text = match["year"] or match["year2"]
    return _year_pair_item(scan, match, year_text, Precision.FINANCIAL_YEAR, _financial_year)


def _read_academic(scan: _Scan, match: re.Match[str]) -> _Item:
    year_text = match["year"] or match["year2"] or match["year3"]
    return _year_pair_item(scan, match, year_text, Precision.ACADEMIC_YEAR, _academic_year)


def _term_year(season: str, year_text: str | None) -> tuple[int | None, str | None]:
    """The calendar year a term falls in, from "2018", "18", "(2018)" or "2018/19"."""
    if not year_text:
        return None, None
    if re.search(r"[0-9]\s*[/-]\s*[0-9]", year_text):
        pair = _pair(year_text.strip("'() "))
        if pair is None:
            return None, f"{year_text.strip()} is not one academic year"
        return (pair[0] if season == "autumn" else pair[1]), None
    return _year_of(year_text), None


def _termlike(
    scan: _Scan,
    match: re.Match[str],
    season: str,
    precision: Precision,
    make: Callable[[int], _Period | None],
) -> _Item:
    """A term or half term: fixed by its year, or recurring each year when none is written."""
    year, fault = _term_year(season, match["year"])
    item = scan.item(match, precision)
    if fault:
        item.problem = f"{item.text}: {fault}"
    elif year is None:
        item.occurs = make
    else:
        item.fixed = make(year)
        if item.fixed is None:
            item.problem = _impossible(item.text)
    return item


def _read_half_term(scan: _Scan, match: re.Match[str]) -> _Item:
    season = (match["season"] or match["season2"] or match["season3"]).lower()
    half = _HALF_WORDS[(match["half"] or match["half2"] or match["half3"]).lower()]
    return _termlike(
        scan, match, season, Precision.HALF_TERM, lambda y: _half_term(season, half, y)
    )


def _read_term(scan: _Scan, match: re.Match[str]) -> _Item:
    season = match["season"].lower()
    return _termlike(scan, match, season, Precision.TERM, lambda y: _term(season, y))


def _read_relative(scan: _Scan, match: re.Match[str]) -> _Item:
    """ "This term", "end of next quarter": read later from the as-at date."""
    unit = re.sub(r"[\s-]+", "", (match["unit1"] or match["unit2"]).lower())
    make, precision = _RELATIVE_UNITS[unit]
    step = 1 if (match["rel1"] or match["rel2"] or "").lower() == "next" else 0
    return scan.item(match, precision, relative=_this_and_next(make, step))


def _read_feast(scan: _Scan, match: re.Match[str]) -> _Item:
    make = _easter if match["name"].lower() == "easter" else _christmas
    if match["year"]:
        return scan.item(match, Precision.DAY, fixed=make(_year_of(match["year"])))
    return scan.item(match, Precision.DAY, occurs=make)


def _read_numeric_month(scan: _Scan, match: re.Match[str]) -> _Item:
    year = int(match["y"]) if match["y"] else _two_digit(match["y2"])
    return scan.item(match, Precision.MONTH, fixed=_month(year, int(match["m"])))


def _read_month_year(scan: _Scan, match: re.Match[str]) -> _Item | None:
    """ "March 2025", "end of June": a weak month word alone needs a date word beside it."""
    month = _MONTH_WORDS[match["month"].rstrip(".").lower()]
    if match["year"]:
        return scan.item(match, Precision.MONTH, fixed=_month(_year_of(match["year"]), month))
    if not match["qual"] and not _weak_month_allowed(scan, match):
        return None
    return scan.item(match, Precision.MONTH, occurs=lambda y: _month(y, month))


def _read_year_pair(scan: _Scan, match: re.Match[str]) -> _Item | None:
    """ "2024/25" is a financial year, "2023-03" an ISO month, "2018 - 2020" two years."""
    text = match["y"]
    pair = _pair(text)
    if pair is not None:
        return scan.item(match, Precision.FINANCIAL_YEAR, fixed=_financial_year(pair[0]))
    first, second = re.split(r"\s*[/-]\s*", text)
    if len(second) == 4:
        return None  # two separate years ("2018 - 2020"): read one by one, as a range
    if "-" in text and 1 <= int(second) <= 12:  # ISO month, "2023-03"
        return scan.item(match, Precision.MONTH, fixed=_month(int(first), int(second)))
    item = scan.item(match, Precision.FINANCIAL_YEAR)
    item.problem = f"{item.text} is not two adjacent years"
    return item


def _read_short_pair(scan: _Scan, match: re.Match[str]) -> _Item | None:
    """ "24/25" is a financial year only where it cannot be a month ("02/25")."""
    a, b = int(match["a"]), int(match["b"])
    if a > 12 and b == (a + 1) % 100:
        return scan.item(match, Precision.FINANCIAL_YEAR, fixed=_financial_year(2000 + a))
    return None


def _read_bare_year(scan: _Scan, match: re.Match[str]) -> _Item:
    """ "2025"; after a misspelt month ("Sepember 2025") that is a problem, not a year."""
    item = scan.item(match, Precision.YEAR, fixed=_year(int(match["y"])))
    word = _WORD_BEFORE.search(scan.text[max(0, match.start() - _NEAR) : match.start()])
    if word and _misspelt_month(word.group(1)):
        item.problem = f"{word.group(1)} {item.text}: {word.group(1)} is not a month name"
    return item


_FORMS: list[tuple[re.Pattern[str], _Reader]] = [
    (_ISO, _read_iso),
    (_NUMERIC, _read_numeric),
    (_QUARTER_AFTER, _read_quarter),
    (_QUARTER, _read_quarter),
    (_FINANCIAL, _read_financial),
    (_ACADEMIC, _read_academic),
    (_DAY_MONTH, _read_day_month),
    (_MONTH_DAY, _read_day_month),
    (_HALF_TERM, _read_half_term),
    (_TERM, _read_term),
    (_RELATIVE, _read_relative),
    (_FEAST, _read_feast),
    (_NUMERIC_MONTH, _read_numeric_month),
    (_MONTH_YEAR, _read_month_year),
    (_SHORT_PAIR, _read_short_pair),
    (_YEAR_PAIR, _read_year_pair),
    (_BARE_YEAR, _read_bare_year),
]
"""Most specific first: each form claims its text before a looser form can read part of it."""


def _read_items(text: str) -> list[_Item]:
    """Every date expression in the text, in the order written."""
    scan = _Scan(text)
    for pattern, read in _FORMS:
        scan.claim(pattern, read)
    return sorted(scan.items, key=lambda item: item.begin)


# ---------------------------------------------------------------------------------------------
# Joining items into chains, placing them in time, and deciding


_RANGE_JOIN = _re(r"\s*(?:-+|/|to|until|till|through|thru|into|->)\s*")
_LIST_JOIN = _re(r"\s*(?:&|\+|,|and|or|,\s*and|,\s*or|and\s+then)\s*")
_HARD_OPEN = _re(
    r"(?:\bwef|\bw\.\s?e\.\s?f\.?|\bwith\s+effect\s+from|\bstarting(?:\s+(?:from|in|on))?"
    r"|\bcommencing(?:\s+(?:from|in|on))?|\bbeginning(?:\s+(?:from|in|on))?"
    r"|\beffective(?:\s+from)?)\W*$"
)
_SOFT_OPEN = _re(r"\bfrom\W*$")
_ONWARDS = _re(r"\W*(?:and\s+)?(?:onwards?|on\s+wards|thereafter|and\s+beyond|forwards?)\b")
_UNTIL = _re(r"\b(?:until|till|til|up\s+to|ending|to)\W*$")

_ONGOING_WORDS = _re(
    r"\b(?:on[\s-]?going|continuous(?:ly)?|continual(?:ly)?|throughout|rolling|business\s+as\s+"
    r"usual|bau|as\s+(?:and\s+when\s+)?(?:required|needed|necessary))\b"
)
_NO_DATE_WORDS = _re(
    r"(?:\b(?:tbc|tbd|tba|t\.b\.[cda]\.?|to\s+be\s+(?:confirmed|determined|agreed|decided|arranged"
    r"|scheduled|set)|not\s+applicable|not\s+known|contingent|dependent\s+on|depending\s+on"
    r"|subject\s+to)\b|(?<![a-z])n/?a(?![a-z]))"
)
_RECURRING_WORDS = _re(
    r"\b(?:(?:(?:bi|half|semi|tri)[\s-]?)?(?:annually|yearly|quarterly|monthly|weekly|fortnightly"
    r"|termly|daily)|every\s+(?:[0-9]+\s+|other\s+|two\s+|three\s+|four\s+|six\s+|few\s+)?(?:days?"
    r"|weeks?|months?|terms?|half[\s-]terms?|years?|quarters?)|(?:[0-9]+|once|twice|three|four"
    r"|five|six|several)\s+(?:times?\s+)?(?:a|per|each|every)\s+(?:day|week|month|term|half[\s-]"
    r"term|year|quarter)|(?:each|per)\s+(?:term|half[\s-]term|month|year|quarter|week)|regularly"
    r"|recurring|annual\s+cycle)\b"
)
_COMPLETE = _re(r"\b(?:complete|completed|done)\b")
_NOT_A_STATUS_AFTER = _re(
    r"\W*(?:by|in|before|within|for|on|at|during|end|no\s+later|from|when|once|if|after|until"
    r"|over|through)\b"
)
_NOT_A_STATUS_BEFORE = _re(
    r"\b(?:be|being|to|will|not|must|should|shall|could|would|can|may|might|yet|aim|aims"
    r"|aiming|plan|plans|planned|expected)\W*$"
    r"|\b(?:once|when|until|till|after|if|unless|before)\b[^.;:,()\n]*$"  # same clause
)

_FINEST_FIRST = list(Precision)


def _says_complete(text: str) -> bool:
    for match in _COMPLETE.finditer(text):
        after = text[match.end() : match.end() + _NEAR]
        before = text[max(0, match.start() - _NEAR) : match.start()]
        if not _NOT_A_STATUS_AFTER.match(after) and not _NOT_A_STATUS_BEFORE.search(before):
            return True
    return False


def _chains(text: str, items: list[_Item]) -> list[_Chain]:
    chains: list[_Chain] = []
    for index, item in enumerate(items):
        gap = text[items[index - 1].finish : item.begin] if index else ""
        if index and _RANGE_JOIN.fullmatch(gap):
            chains[-1].items.append(item)
            chains[-1].is_range = True
        elif index and _LIST_JOIN.fullmatch(gap):
            chains[-1].items.append(item)
        else:
            chains.append(_Chain([item]))
    for index, chain in enumerate(chains):
        first, last = chain.items[0], chain.items[-1]
        lead_from = chains[index - 1].items[-1].finish if index else 0
        lead = text[lead_from : first.begin]
        follow = text[last.finish :]
        if _HARD_OPEN.search(lead) or _ONWARDS.match(follow):
            chain.opening = "hard"
        elif _SOFT_OPEN.search(lead) and len(chain.items) == 1:
            chain.opening = "soft"
        chain.until = bool(_UNTIL.search(lead))
    return chains


def _place(chain: _Chain, as_at: date | None, anchor: date | None) -> None:
    """Give every item of the chain its period, or set the chain's problem.

    A side with no year takes it from the other side ("Nov/Dec 2018", "Sept 2018 to Jan");
    a chain with no year at all is placed in the first year it ends on or after ``anchor``.
    """
    chain.problem = None
    placed: list[_Period | None] = []
    for item in chain.items:
        if item.relative is not None:
            if as_at is None:
                chain.problem = (
                    f"{item.text} is relative and there is no as-at date to read it from"
                )
                return
            placed.append(item.relative(as_at))
        else:
            placed.append(item.fixed)

    def sweep() -> None:
        for i in range(len(placed) - 2, -1, -1):
            occurs, later = chain.items[i].occurs, placed[i + 1]
            if placed[i] is None and occurs is not None and later is not None:
                placed[i] = _last_starting_by(occurs, later.start)
        for i in range(1, len(placed)):
            occurs, earlier = chain.items[i].occurs, placed[i - 1]
            if placed[i] is None and occurs is not None and earlier is not None:
                placed[i] = _first_starting_from(occurs, earlier.start)

    sweep()
    last = chain.items[-1]
    if placed[-1] is None and last.occurs is not None:
        if anchor is None:
            chain.problem = f"no year given and no as-at date for {chain.text}"
            return
        placed[-1] = _first_ending_from(last.occurs, anchor)
        sweep()
    if any(p is None for p in placed):
        chain.problem = f"could not place {chain.text} in a year"
        return
    periods = [p for p in placed if p is not None]
    if chain.is_range and periods[-1].end < periods[0].start:
        chain.problem = f"{chain.text} ends before it starts"
        return
    chain.periods = periods


def _finest(precisions: list[Precision]) -> Precision:
    return min(precisions, key=_FINEST_FIRST.index)


class _Found(NamedTuple):
    """What the text says, before the raw text and the "complete" status are added."""

    due: date | None
    start: date | None
    precision: Precision
    problem: str | None = None


def read_date(raw: str | None, as_at: date | None = None) -> DateReading:
    """Read the date text of a plan: see the module docstring and ``docs/dates.md``."""
    if raw is None:
        return DateReading("", None, None, Precision.NONE, False, None)
    # One character for one, so positions found in ``text`` are positions in ``raw``.
    text = raw.translate(_ONE_FOR_ONE)
    complete = _says_complete(text)
    found = _find(raw, text, as_at, complete)
    return DateReading(raw, found.due, found.start, found.precision, complete, found.problem)


def _find(raw: str, text: str, as_at: date | None, complete: bool) -> _Found:
    """The dates in the text, its first fault, or why it holds no date."""
    if not re.search(r"[^\W_]", text):
        return _Found(None, None, Precision.NONE)
    items = _read_items(text)
    for item in items:
        if item.problem:
            return _Found(None, None, item.precision, item.problem)
    chains = _placed_chains(text, items, as_at)
    closed = [c for c in chains if c.opening == "closed"]
    soft = [c for c in chains if c.opening == "soft"]
    hard = [c for c in chains if c.opening == "hard"]
    # A lone "from X" is open-ended; beside other dates it is one more milestone.
    candidates = closed + soft if closed else []
    for chain in candidates:
        if chain.problem:
            return _Found(None, None, chain.items[-1].precision, chain.problem)
    recurring = bool(_RECURRING_WORDS.search(text))
    if candidates:
        return _latest(candidates, recurring)
    return _open_ended(raw, text, soft + hard, recurring, complete)


def _placed_chains(text: str, items: list[_Item], as_at: date | None) -> list[_Chain]:
    """The items joined into chains, each placed in time from the as-at month.

    With no as-at date, a part with no year is placed from the text's own first date:
    "Spring Term 2027, aiming for Feb", "31/03/2027 (Q4)".
    """
    chains = _chains(text, items)
    for chain in chains:
        _place(chain, as_at, as_at.replace(day=1) if as_at else None)
    if as_at is None:
        anchor = min((c.periods[0].start for c in chains if c.periods), default=None)
        for chain in chains:
            if chain.problem and chain.problem.startswith("no year given") and anchor:
                _place(chain, None, anchor)
    return chains


def _latest(candidates: list[_Chain], recurring: bool) -> _Found:
    """Several dates: the latest end is due, at the finest precision of the parts ending then.

    A recurring task that runs until a date, or over a range, is recurring, not one-off.
    """
    pairs = [(p, item, c) for c in candidates for p, item in zip(c.periods, c.items, strict=True)]
    due = max(p.end for p, _, _ in pairs)
    at_due = [(item, c) for p, item, c in pairs if p.end == due]
    precision = _finest([item.precision for item, _ in at_due])
    if recurring and any(c.until or c.is_range for _, c in at_due):
        precision = Precision.RECURRING
    return _Found(due, min(p.start for p, _, _ in pairs), precision)


def _open_ended(
    raw: str, text: str, opened: list[_Chain], recurring: bool, complete: bool
) -> _Found:
    """No closed date: recurring, ongoing (from a start, or in words), or no date at all.

    Saying there is no date yet ("TBC", "N/A") or that the work is complete is not a fault.
    """
    start = min((c.periods[0].start for c in opened if c.periods), default=None)
    if recurring:
        return _Found(None, start, Precision.RECURRING)
    if opened or _ONGOING_WORDS.search(text):
        return _Found(None, start, Precision.ONGOING)
    if _NO_DATE_WORDS.search(text) or complete:
        return _Found(None, None, Precision.NONE)
    return _Found(None, None, Precision.NONE, f"could not read a date from '{raw.strip()}'")


_ONE_FOR_ONE = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\0": " ",
    }
)
