"""The words and patterns of the date forms councils write, most specific first."""

from __future__ import annotations

import re

from sendtrack.domain.dates.periods import MONTH_NAMES

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
_MONTH_DAY = _re(  # "March 25th", "March 25th 2025", "March 25, 2025", a tool's "Dec 13, '24"
    _MONTH,
    r"\s+(?:the\s+)?(?P<day>[0-9]{1,2})(?:",
    _ORDINAL,
    r"(?:\s*,?\s*(?P<year>[1-9][0-9]{3})(?![0-9]))?",
    r"|\s*,\s*(?P<year2>[1-9][0-9]{3}|'[0-9]{2})(?![0-9]))",
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
    r"(?:\b",  # "Autumn 1", "Spring half term 2", "Summer term 1", a school's "Aut 2", "Spr 1"
    r"(?P<season>autumn|spring|summer|aut|spr|sum(?=\s*[12]\b))",
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
    # "9/25", "12/24": a month and a two-digit year; "5/12" is the 5th of December, as a
    # year of 12 or less would be before any plan under the 2014 reforms
    r"(?<![0-9/.\-])(?P<m>0?[1-9]|1[0-2])(?:[/.\-](?P<y>[1-9][0-9]{3})|/(?P<y2>1[3-9]|[2-9][0-9]))",
    r"(?![0-9]|[/.\-][0-9])",
)
_MONTH_YEAR = _re(_QUAL, _MONTH, r"(?:", _YEAR_AFTER, r")?")
_YEAR_PAIR = _re(
    r"(?<![0-9/.\-])(?P<y>[1-9][0-9]{3}\s*[/-]\s*(?:[0-9]{4}|[0-9]{2}))",
    r"(?![0-9]|[/.\-][0-9])",
)
_SHORT_PAIR = _re(r"(?<![0-9/.\-])(?P<a>[0-9]{2})/(?P<b>[0-9]{2})(?![0-9]|[/.\-][0-9])")
_SHORT_DAY = _re(r"(?<![0-9/.\-])(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})(?![0-9]|[/.\-][0-9])")
_DAY_CUE = _re(r"\b(?:due|deadline|on|w\s*/?\s*[ce])\W*$")
_BARE_YEAR = _re(r"(?<![0-9£$.,])(?P<y>(?:19|20)[0-9]{2})(?![0-9]|[.,][0-9]|%)")

_JOINS_NEXT = _re(r"\W*(?:-|/|to\b|and\b|or\b|&)")
_DATE_PREPOSITION = _re(
    r"(?:\b(?:in|by|from|until|till|before|after|during|of|end|early|mid|late|to|and|between"
    r"|wef|w\.e\.f|or)|[&/\-])\W*$"
)


_NEAR = 40  # how far either side of a word to look for the words that qualify it
_NOTHING = _re(r"[\W_]*")
_WORD_BEFORE = _re(r"([a-z]+)[\s,.'-]*$")
_LONG_MONTHS = [name.lower() for name in MONTH_NAMES if len(name) >= 5]


def month_number(text: str) -> int | None:
    """The month a person typed into a month box: "3", "03", "march", "Mar", "Sept." (GOV.UK
    asks services to accept names and abbreviations as well as numbers), or None."""
    text = text.strip().lower().removesuffix(".")
    if text.isascii() and text.isdigit() and len(text) <= 2:
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTH_WORDS.get(text)
