"""Reading date text: its items joined into chains, placed in time, and one reading decided."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from sendtrack.domain.dates.forms import _NEAR, _re
from sendtrack.domain.dates.items import _Item, _read_items
from sendtrack.domain.dates.model import DateReading, Precision
from sendtrack.domain.dates.periods import (
    _first_ending_from,
    _first_starting_from,
    _last_starting_by,
    _Period,
)


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
    """Read the date text of a plan: see the module docstring and ``docs/dates.md``.

    Plain text and dates are read once each: a plan repeats its due dates ("March 2025",
    "Ongoing") row after row, both of the importer's readers read them, and a reading is a
    frozen value. Anything else (a str or date subclass, which may compare equal to another
    that reads differently) is read afresh."""
    if type(raw) is str and (as_at is None or type(as_at) is date):
        return _read_date_once(raw, as_at)
    return _read_date(raw, as_at)


_ANY_DAY = date(2000, 1, 1)


def names_a_date(text: str) -> bool:
    """Whether the words read as a date at all ("end of August" does, "next meeting" does
    not): placed against any day, as only the reading matters, not the year."""
    return read_date(text, _ANY_DAY).due is not None


_WEEK_OF = _re(r"^\s*(?:w/[cb]\b|w\.[cb]\.|week\s+(?:commencing|beginning|starting)(?:\s+on)?)\s*")
"""A week named by its first day ("w/c 23 March", "week commencing 12/01/2026")."""


def _read_date(raw: str | None, as_at: date | None) -> DateReading:
    if raw is None:
        return DateReading("", None, None, Precision.NONE, False, None)
    # One character for one, so positions found in ``text`` are positions in ``raw``.
    text = raw.translate(_ONE_FOR_ONE)
    week = _WEEK_OF.match(text)
    if week:  # the week is the period: it is due by its last day
        day = _read_date(raw[week.end() :], as_at)
        if day.precision is Precision.DAY and day.due is not None and day.start == day.due:
            return DateReading(
                raw, day.due + timedelta(days=6), day.due, Precision.DAY, False, None
            )
    complete = _says_complete(text)
    found = _find(raw, text, as_at, complete)
    return DateReading(raw, found.due, found.start, found.precision, complete, found.problem)


_read_date_once = lru_cache(maxsize=1024)(_read_date)


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
    for before, chain in zip(chains, chains[1:], strict=False):
        glossed = text[before.items[-1].finish : chain.items[0].begin].strip() == "("
        if glossed and before.periods and _YEAR_RE.search(before.text):
            _place(chain, None, before.periods[0].start)  # "Q1 2025/26 (Apr–Jun)": its months
    return chains


_YEAR_RE = _re(r"\b(?:19|20)\d\d\b|\b\d\d/\d\d\b")
"""A date that states its own year ("2025/26", "March 2026")."""


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
