"""Items: each date expression found in the text, read by the form that claims it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sendtrack.domain.dates.forms import (
    _ACADEMIC,
    _BARE_YEAR,
    _DATE_PREPOSITION,
    _DAY_CUE,
    _DAY_MONTH,
    _FEAST,
    _FINANCIAL,
    _HALF_TERM,
    _HALF_WORDS,
    _ISO,
    _JOINS_NEXT,
    _LONG_MONTHS,
    _MONTH_DAY,
    _MONTH_WORDS,
    _MONTH_YEAR,
    _NEAR,
    _NOTHING,
    _NUMERIC,
    _NUMERIC_MONTH,
    _QUARTER,
    _QUARTER_AFTER,
    _QUARTER_WORDS,
    _RELATIVE,
    _SHORT_DAY,
    _SHORT_PAIR,
    _TERM,
    _WEAK_MONTHS,
    _WORD_BEFORE,
    _YEAR_PAIR,
)
from sendtrack.domain.dates.model import Precision
from sendtrack.domain.dates.periods import (
    _RELATIVE_UNITS,
    _academic_year,
    _christmas,
    _day,
    _easter,
    _financial_year,
    _half_term,
    _month,
    _Occurs,
    _Period,
    _quarter,
    _Relative,
    _term,
    _this_and_next,
    _year,
)


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


def _every_year(scan: _Scan, match: re.Match[str], month: int, day: int) -> _Item:
    """A day and month with no year, which recur each year; one that never exists ("30
    February", "31/9") is reported."""
    if not any(_day(y, month, day) for y in range(2000, 2008)):
        item = scan.item(match, Precision.DAY)
        item.problem = _impossible(item.text)
        return item
    return scan.item(match, Precision.DAY, occurs=lambda y: _day(y, month, day))


def _read_day_month(scan: _Scan, match: re.Match[str]) -> _Item | None:
    """ "31st March 2025", "March 25th": with no year, the day recurs each year."""
    month = _MONTH_WORDS[match["month"].rstrip(".").lower()]
    day = int(match["day"])
    year_text = match.groupdict().get("year") or match.groupdict().get("year2")
    if year_text:
        return _exact_day(scan, match, _year_of(year_text), month, day)
    if not _weak_month_allowed(scan, match):
        return None
    return _every_year(scan, match, month, day)


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


_SHORT_SEASONS = {"aut": "autumn", "spr": "spring", "sum": "summer"}


def _read_half_term(scan: _Scan, match: re.Match[str]) -> _Item:
    season = (match["season"] or match["season2"] or match["season3"]).lower()
    season = _SHORT_SEASONS.get(season, season)  # "Aut 2": the second half of the autumn term
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


def _read_short_day(scan: _Scan, match: re.Match[str]) -> _Item | None:
    """ "by 30/11", "Due: 3/12": a day and month with no year, read only after a word that asks
    for a date or standing alone, so a ref such as "Action 26/07" or a count "3/4 schools" is not
    a date. With no year the day recurs each year."""
    day, month = int(match["d"]), int(match["m"])
    before = scan.text[max(0, match.start() - _NEAR) : match.start()]
    after = scan.text[match.end() : match.end() + _NEAR]
    cued = _DATE_PREPOSITION.search(before) or _DAY_CUE.search(before) or _JOINS_NEXT.match(after)
    alone = _NOTHING.fullmatch(scan.text, 0, match.start()) and _NOTHING.fullmatch(
        scan.text, match.end()
    )
    if not (cued or alone) or not 1 <= month <= 12:
        return None
    return _every_year(scan, match, month, day)


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
    (_SHORT_DAY, _read_short_day),
    (_BARE_YEAR, _read_bare_year),
]
"""Most specific first: each form claims its text before a looser form can read part of it."""


def _read_items(text: str) -> list[_Item]:
    """Every date expression in the text, in the order written."""
    scan = _Scan(text)
    for pattern, read in _FORMS:
        scan.claim(pattern, read)
    return sorted(scan.items, key=lambda item: item.begin)
