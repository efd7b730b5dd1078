"""Status phrases: finding them and normalising them.

``status_raw`` keeps the document's words; ``status`` maps them onto sendtrack's enum
(not_started, in_progress, on_track, delayed, complete, embedded, closed). RAG is only read
where the document prints a colour or a RAG letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .caseless import Caseless

__all__ = [
    "CAPITALS_STATUS_OPENING_RE",
    "EMOJI_STATUSES",
    "RAG_CIRCLES",
    "TICKS",
    "a_colour_legend",
    "opens_with_a_capitals_status",
    "STATUS_WORDS_RE",
    "find_status_phrase",
    "leading_status",
    "normalise_progress",
    "normalise_status",
    "rag_of_status",
    "rag_tag",
    "read_rag",
    "segment_statuses",
    "the_circle",
    "trailing_status",
]

# Ordered: the first matching rule wins, so the more specific phrases come first.
_STATUS_RULES: list[tuple[str, str]] = [
    (r"\b(not (yet )?started|to be started|not begun|yet to start|planned)\b", "not_started"),
    (
        r"\b(off track|delayed|behind|slipp\w*|will slip|overdue|at risk|late|paused|"
        r"put on hold|held up|stalled|missed)\b",
        "delayed",
    ),
    (r"\bembedded\b|\bbusiness as usual\b|\bbau\b", "embedded"),
    (r"\bclosed\b|\bstood down\b|\bwithdrawn\b|\bsuperseded\b", "closed"),
    (r"^\s*(?:cancell?ed|no longer (?:required|needed))\b", "closed"),  # the action, not an event
    (r"\bnot yet due\b", "not_started"),
    (r"\bstuck\b", "delayed"),
    (r"\bon track\b|\bon target\b|\bon schedule\b|\bgoing well\b", "on_track"),
    (
        r"\b(in progress|underway|under way|ongoing|started|progressing|being|"
        r"under consideration|in development|in testing|in design|trialling|draft)\b",
        "in_progress",
    ),
    (
        r"\bnot (yet )?(complete[d]?|done|achieved|finished|delivered|in place|signed off"
        r"|implemented)\b"
        r"|\b(?:partly|partially|part|half|largely|mostly|nearly|almost) (?:complete[d]?|done"
        r"|in place|implemented)\b",
        "in_progress",
    ),
    (
        r"\b(complete[d]?|done|achieved|finished|delivered|in place|signed off)\b"
        r"|(?<!be )\bimplemented\b",  # an audit follow-up's "Implemented", not "to be …"
        "complete",
    ),
    (r"^\s*open\b|\b(?:remains?|still) open\b", "in_progress"),  # a log's "Open": not closed
    (r"^\s*new\s*$", "not_started"),  # an action log's "New": raised at this meeting
    (r"^\s*(?:to do|backlog|next|coming next)\s*$", "not_started"),  # a task board's lists
    (r"^\s*(?:doing|running|drafted|drafting|live)\s*$", "in_progress"),
    (r"^\s*(?:held|signed|launched|published|sent)\s*$", "complete"),  # a lead's one word
    (r"^\s*(?:blocked|on hold)\s*$", "delayed"),
]
_COMPILED = [(re.compile(p, re.I), value) for p, value in _STATUS_RULES]

TICKS = frozenset({"\u2713", "\u2714", "\u2705", "\u2611"})
"""A tick on its own (✓ ✔ ✅ ☑): done."""
RAG_CIRCLES = {
    "\U0001f534": "red",
    "\U0001f7e0": "amber",
    "\U0001f7e1": "amber",
    "\U0001f7e2": "green",
    "\U0001f535": "blue",
}
"""The coloured circles a wiki or a task board rates an item with: 🔴 🟠 🟡 🟢 🔵."""
EMOJI_STATUSES = {
    "\u2705": "complete",  # ✅
    "\U0001f504": "in_progress",  # 🔄
    "\U0001f6a7": "in_progress",  # 🚧
    "\u23f3": "not_started",  # ⏳
    "\u231b": "not_started",  # ⌛
    "\u274c": "delayed",  # ❌ missed
    "\u26a0": "delayed",  # ⚠️ at risk
}
"""What a chat's emoji says of an item's status, where it opens the item."""
STATUS_MARKS = (
    "\u2713\u2714\u2715\u2716\u2717\u2718\u25ba\u25b6\u25cb\u25cf\u25d0\u25d1"
    "\u25a0\u25a1\u25c6\u25c7\u25bc\u279c\u2794\u270b"
)
"""Marks a roadmap or a status cell prints for an item's status (ticks, crosses, triangles,
circles, squares, diamonds, a heavy arrow, a raised hand), whose meaning its key gives."""
STATUS_WORDS_RE = re.compile(
    r"(?:not (?:yet )?started|to be started|in progress|on track|off track|"
    r"completed?|delayed|ongoing|underway|embedded|closed|under consideration)",
    re.I,
)

CAPITALS_STATUS_OPENING_RE = re.compile(
    r"^(?P<status>[A-Z]{2,}(?: [A-Z]{2,}){0,2}(?:\s*\([a-z][^()]{0,20}\))?)"
    r"(?:\s*[\u2013\u2014:-])?\s+(?=[A-Z\"'])"
)
"""A status in capitals opening an item, as a timeline's status column prints it ("DONE
(late) We published …", "LATE: Funding model agreed …", "ON TRACK – Pages refreshed …")."""


def opens_with_a_capitals_status(text: str) -> bool:
    """Whether the text opens with a status in capitals ("LATE: Funding model agreed …")."""
    opening = CAPITALS_STATUS_OPENING_RE.match(text)
    return opening is not None and normalise_status(opening["status"]) is not None


_LEADING_STATUS_RE = re.compile(r"^\s*(" + STATUS_WORDS_RE.pattern + r")\b\s*(?:by\s+)?(.*)$", re.I)
_TRAILING_STATUS_RE = re.compile(
    r"^(.*?\S)\s*[\u2013\u2014\-:|(]\s*(" + STATUS_WORDS_RE.pattern + r")\s*\)?\s*\.?$", re.I
)
_STATUS_WORD_SPLIT_RE = re.compile(r"\b(" + STATUS_WORDS_RE.pattern + r")\b", re.I)

# Status phrases that may be written into prose ("remains on track", "currently trialling").
_PROSE_STATUS_RE = Caseless(
    r"(?:(?<=[.;:]\s)|^)(in progress|completed?|on track|delayed|not started)\s*(?=[.;]|$)"
    r"|\b((?:remains?|is|are|now) (?:on track|delayed|complete|in progress|behind schedule))\b"
    r"|\b((?:is|are|remains?) (?:slightly |a little |significantly )?behind(?: schedule| plan)?)\b"
    r"|\b(currently (?:trialling|piloting|underway|in progress|being \w+))\b"
)


_PART_DONE_RE = re.compile(
    r"(?i)(?<![\d.])\d{1,2}(?:\.\d+)?\s?%\s+(?:complete[d]?|done|delivered)\b"
)


_SOME_DONE_RE = re.compile(
    r"(?i)\b(?!(?P<all>\w+) of (?P=all)\b)(?:\d+|one|two|three|four|five|six|seven|eight|nine)"
    r" (?:of|out of) (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"(?: \w+)? (?:done|complete[d]?|delivered|held|trained|finished)\b"
)
"""Some of the work done ("Two of four done", "3 of 5 sessions delivered"), not all of it:
read only where the words would otherwise say complete."""


@lru_cache(maxsize=4096)
def normalise_status(raw: str | None) -> str | None:
    """Map a status phrase onto the status enum, or None when no rule applies."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    if text in TICKS:
        return "complete"  # a tick on its own: done
    emoji = EMOJI_STATUSES.get(text.replace("\ufe0f", ""))
    if emoji is not None:
        return emoji  # "🔄": under way
    percent = re.fullmatch(r"(\d{1,3})\s?%", text)
    if percent:  # a project tool's "% Complete"
        done = int(percent.group(1))
        return "complete" if done >= 100 else "not_started" if done == 0 else "in_progress"
    if _PART_DONE_RE.search(text):
        return "in_progress"  # "Register 85% complete; …": most of it, not all
    verdict = _verdict(text)
    if verdict is not None:
        return verdict
    # A cell holding several updates ("Complete On track Complete"): the last clear verdict
    # is usually the summary, but "on track" beats "complete" when both appear.
    lowered = text.lower()
    if "on track" in lowered:
        return "on_track"
    for pattern, value in _COMPILED:
        if pattern.search(text):
            some = value == "complete" and _SOME_DONE_RE.search(text)
            return "in_progress" if some else value  # "Two of four done": not all of it
    if _CARRIED_RE.search(text):
        return "in_progress"  # "c/f", "Open – carried forward": still open, nothing else said
    return None


_CARRIED_RE = re.compile(r"(?i)(?:^|\s)(?:c/f|b/f)\b|\b(?:carried|brought) forward\b|\bin hand\b")


def normalise_progress(cell: str | None) -> str | None:
    """A progress cell's status: its phrase's (``normalise_status``), or, for an update of a
    few words that states no verdict ("Induction dates set; first meetings held"), in
    progress: work is being reported. Only for a status or progress column's cell."""
    status = normalise_status(cell)
    if status is None and cell and len(re.findall(r"[A-Za-z]{2,}", cell)) >= 3:
        return None if _NO_NEWS_RE.search(cell) else "in_progress"
    return status


_NO_NEWS_RE = re.compile(
    r"(?i)\b(?:no update|not (?:yet )?known|to be confirmed|n/a|none|tbc|awaiting update)\b"
)
_CLAUSE_SPLIT_RE = re.compile(r"(?<=[.;])\s+|\s+[\u2013\u2014-]\s+")


_UNDER_WAY_RE = re.compile(r"(?i)in progress|under way|underway|started|ongoing")


def _verdict(text: str) -> str | None:
    """A narrative's verdict, where it closes or opens with one as a clause of its own
    ("… started on 3 February. Complete.", "On track – 88% made on time"): that, whatever
    the narrative's other words say ("the last two started")."""
    sentences = [c.strip(" .;") for c in re.split(r"(?<=[.;])\s+", text) if c.strip(" .;")]
    clauses = [c.strip(" .;") for c in _CLAUSE_SPLIT_RE.split(text) if c.strip(" .;")]
    if len(clauses) < 2:
        return None
    if len(clauses) == 2 and _UNDER_WAY_RE.fullmatch(clauses[0]) and len(clauses[1].split()) <= 3:
        told = normalise_status(clauses[1])  # "In progress – on track": how it is going
        if told == "on_track":
            return told
    # Closing: a sentence of its own ("… Complete."), not a dash's tail ("Draft circulated
    # June 18 - complete" is a step of the work done, not the work).
    closing = [sentences[-1]] if len(sentences) >= 2 else []
    for clause in (*closing, clauses[0]):
        if len(clause.split()) <= 3:
            for pattern, value in _COMPILED:
                found = pattern.search(clause)
                if found and found.start() == 0:  # "Complete.", not "Four audits done"
                    return "on_track" if "on track" in clause.lower() else value
    return None


def leading_status(cell: str) -> tuple[str | None, str]:
    """A status phrase that opens a cell ("Completed by SENAR") and the rest of the cell."""
    m = _LEADING_STATUS_RE.match(cell)
    if not m:
        return None, cell
    return m.group(1), m.group(2).strip()


def trailing_status(cell: str) -> tuple[str, str | None]:
    """A status phrase written after the owner ("Head of Service – In Progress")."""
    m = _TRAILING_STATUS_RE.match(cell)
    if not m:
        return cell, None
    return m.group(1).strip(), m.group(2).strip()


def segment_statuses(cell: str, count: int) -> list[str] | None:
    """Split a progress cell listing one status per bullet ("Complete Draft sent Complete")
    at its status words, when that gives exactly ``count`` values."""
    parts = _STATUS_WORD_SPLIT_RE.split(cell)
    values = [p.strip(" ,;") for p in parts if p and p.strip(" ,;")]
    return values if len(values) == count else None


# A status written as its own short sentence after the action ("… (ref) In progress. We …").
_SENTENCE_STATUS_RE = re.compile(
    r"(?:(?<=\s)|^)(In progress|Complete[d]?|On track|Delayed|Not started|Ongoing)(?=\s*[.;]|\s*$)"
)


_VERDICT = (
    r"(?P<verdict>Not (?:yet )?started(?: yet)?|On track|In progress|Complete[d]?|Delayed"
    r"|Behind(?: schedule)?|Ongoing|Embedded|Paused|Slipped|Not yet due|Partly in place)"
    r"(?=\s*[:;,.\u2013\u2014-]|\s+(?:to|because|until)\b|\s*$)"
)
OPENING_VERDICT_RE = re.compile(_VERDICT)
"""A sentence of status opening with its verdict ("On track: the first draft went …",
"Delayed to April because …", "Not started because the post is vacant"): the verdict is the
status as stated."""
_VERDICT_AFTER_RE = re.compile(r"(?<=[.!?] )" + _VERDICT)
"""The same verdict opening the sentence after the action's ("… forms. Complete – …")."""


def find_status_phrase(text: str) -> str | None:
    """A status phrase stated inside an action sentence, or None."""
    s = _SENTENCE_STATUS_RE.search(text) or _VERDICT_AFTER_RE.search(text)
    if s:
        return s.group(1)
    m = _PROSE_STATUS_RE.search(text)
    if not m:
        return None
    return next(g for g in m.groups() if g)


_RAG_WORDS = {
    "r": "red",
    "red": "red",
    "a": "amber",
    "amber": "amber",
    "g": "green",
    "green": "green",
    "b": "blue",
    "blue": "blue",
    "yellow": "amber",
    "ag": "amber",
    "ar": "red",
}


_RAG_RE = re.compile(r"^(red|amber|yellow|green|blue|[rabg])\b")


_OPENING_COLOUR_RE = re.compile(
    r"\s*(?:(?P<word>(?i:red|amber|green|blue))\s*(?:[-\u2013\u2014:/(,.]|$)"
    r"|(?P<letter>[RAGB])\s*[-\u2013\u2014:]\s)"  # "A – four of six posts filled"
)
_RAG_TAG_RE = re.compile(
    r"[\[(]\s*(?:rag\s*[:=-]?\s*)?(?:rated\s+(?:as\s+)?)?"
    r"(?P<rag>red|amber|yellow|green|blue|[RAGBY])\s*[\])]|"
    r"\brag\s*(?:status)?\s*[:=-]\s*(?P<rag2>red|amber|yellow|green|blue|[RAGBY])\b",
    re.I,
)
"""A colour tagged in a text: "(Amber)", "[G]", "(rated green)", "RAG: Red", "RAG status -
green"."""
_CLOSING_COLOUR_RE = re.compile(
    r"\s[-\u2013\u2014:]\s*(?P<word>(?i:red|amber|green|blue))\s*\.?\s*$"
)
"""A colour after a dash ending a status cell: "On track \u2013 Green"."""


@lru_cache(maxsize=4096)
def rag_tag(text: str) -> tuple[str, str] | None:
    """The colour a tag in the text states, as printed, and the tag ("(Amber)", "[G]",
    "(rated green)", "RAG: Red"); None where the text tags none."""
    tag = _RAG_TAG_RE.search(text)
    return (tag["rag"] or tag["rag2"], tag.group(0)) if tag else None


@lru_cache(maxsize=4096)
def rag_of_status(cell: str | None) -> str | None:
    """The colour a status cell states at its start, in a tag or at its end ("Amber - in
    progress", "Red: 54% in October", "Complete (Blue) \u2013 41 at 31 Aug", "On track \u2013
    Green", a coloured circle), where a table rates its actions in the status cell rather than
    a RAG column."""
    text = cell or ""
    opening = _OPENING_COLOUR_RE.match(text)
    if opening is not None:
        word = opening["word"] or opening["letter"]
        return read_rag(word)
    tag = rag_tag(text)
    if tag is not None:
        return read_rag(tag[0])
    closing = _CLOSING_COLOUR_RE.search(text)
    if closing is not None:
        return read_rag(closing["word"])
    circle = the_circle(text)
    if circle is not None:
        return RAG_CIRCLES[circle]  # "… started 🟡"
    named = {m.group(1).lower() for m in _NAMED_COLOUR_RE.finditer(text) if _rates(m, text)}
    return named.pop() if len(named) == 1 else None  # "… so we are calling this red for now"


_LEGEND_COLOUR_RE = Caseless(r"(?<![\w-])(red|amber|yellow|green|blue)\b\s*[(:=,\u2013\u2014-]")


def a_colour_legend(text: str) -> bool:
    """A sentence saying what the colours mean ("… a light – 🟢 green (on track), 🟠 amber
    (some risk), 🔴 red (…)", "GREEN, AMBER, RED, or BLUE once finished"): three colours or
    more, each set off by its meaning or a comma. No item's words, nor its status."""
    named = {m.group(1).lower() for m in _LEGEND_COLOUR_RE.finditer(text)}
    return len({"amber" if colour == "yellow" else colour for colour in named}) >= 3


@lru_cache(maxsize=4096)
def the_circle(text: str) -> str | None:
    """The one coloured circle a text holds ("… (due 2026-03-31) 🟠"), as a wiki or a board
    rates an item; None where it holds none, or circles of two colours."""
    circles = {c for c in text if c in RAG_CIRCLES}
    return circles.pop() if len(circles) == 1 else None


_NAMED_COLOUR_RE = re.compile(
    r"(?<![\w-])(red|amber|green)(?![\w-])(?!\s+(?:paper|tape|book|light|flag|card)s?\b)",
    re.I,
)


def _rates(colour: re.Match[str], text: str) -> bool:
    """Whether a colour the status sentence names is its rating ("On track and green.",
    "Amber, but they are keen", "… new date 24 October, amber"): in lower case, or opening
    the cell or a clause; not a name's word ("Hobb Green School")."""
    before = text[: colour.start()].rstrip()
    return colour.group(1).islower() or not before or before[-1] in ".;:,\u2013\u2014-"


def read_rag(cell: str | None) -> str | None:
    """A RAG colour from a cell that states one ("R", "Amber", "G – on track", "R (last
    Board: A)": a letter and, in brackets, what it was)."""
    if not cell:
        return None
    text = cell.strip().lower()
    m = _RAG_RE.match(text)
    bracketed = m is not None and text[m.end() :].lstrip().startswith("(")
    if m and (len(text) <= 12 or len(m.group(1)) > 1 or bracketed):
        return _RAG_WORDS[m.group(1)]
    return None
