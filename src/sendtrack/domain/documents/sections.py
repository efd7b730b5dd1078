"""Section headings and their numbering.

Headings are recognised by shape, not wording: a keyword naming a plan level
(Workstream, Priority, Objective, Recommendation, Focus Area, Key Concern, Area) followed by
a number; a "<topic> Workstream" line; a bare section number in a table's first cell
("2.2 A", "Objective 1.1"); markdown ``#`` headings; and short title-like lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import plain

__all__ = [
    "LEVEL_OF_KIND",
    "Section",
    "date_heading",
    "is_structural_label",
    "keyword_heading",
    "looks_like_title",
    "number_words",
    "row_section",
    "section_kind_for_column",
]

TITLE_CUT = 100
"""Section titles in Plan JSON paths are cut here (the app stores them whole). Plan JSON
allows a cut at 80; a path part cut at 100 still reads as the same title beside one cut at
80 and beside one kept whole up to 150 characters, where the scorer compares them."""

_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}

_KEYWORDS: list[tuple[str, str]] = [
    (r"work ?streams?|work ?strands?|strands?", "workstream"),
    (r"priorit(?:y|ies)|themes?", "priority"),
    (
        r"key concerns?|concerns?|weakness(?:es)?"
        r"|areas? (?:for|of) (?:priority action|improvement|(?:significant )?weakness)",
        "key_concern",
    ),
    (r"focus areas?", "focus_area"),
    (r"objectives?|outcomes?|aims?|goals?", "objective"),
    (r"recommendations?", "recommendation"),
    (r"areas?", "area"),
    (r"phases?|stages?|horizons?", "heading"),  # a roadmap's "Phase 1: Stabilise" over months
    (r"(?:agenda )?items?(?: no\.?)?", "heading"),  # minutes' "Item No 3 Supported internships"
    (r"meetings?", "heading"),  # "Meeting 2 – 10 December 2024" over that meeting's items
]
_KEYWORD_ALT = "|".join(p for p, _ in _KEYWORDS)
_REF = (
    r"(?:[A-Z]?\d+(?:\.\d+)*[a-z]?|[A-Z]\d*"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
_KEYWORD_HEADING_RE = re.compile(
    rf"^(?P<kw>{_KEYWORD_ALT})\s+(?P<ref>{_REF})\b\s*[:.\-\u2013\u2014)]*\s*(?P<title>.*)$", re.I
)
_SUFFIX_HEADING_RE = re.compile(r"^(?P<title>.{3,80}?)\s+(?P<kw>work ?streams?|actions)$", re.I)
_ROW_REF_RE = re.compile(r"^(?P<ref>\d+(?:\.\d+)*(?:\s?[A-Z])?|[A-Z]\d+(?:\.\d+)*)\.?$")

LEVEL_OF_KIND = {
    "workstream": 0,
    "priority": 0,
    "heading": 0,
    "area": 1,
    "recommendation": 1,
    "objective": 1,
    "focus_area": 1,
    "key_concern": 1,
}

# Words that label a part of any report rather than a plan section.
_STRUCTURAL_LABELS = re.compile(
    r"^(contents|glossary|introduction|foreword|background|summary|executive summary|"
    r"action plan|actions?|key concerns?|progress|next steps|milestones?|risks?|appendix.*|"
    r"key outcomes?.*|structure of .*|purpose.*|impact indicators?|outcomes?|"
    r"extracts? from .*|related references.*|glossary of .*|contents page)$",
    re.I,
)


def number_words(ref: str) -> str:
    """ "One" → "1": some councils spell their workstream numbers."""
    return _NUMBER_WORDS.get(ref.lower(), ref)


@dataclass
class Section:
    """A section: ``label`` is the printed heading with its number, cut for paths."""

    ref: str | None
    title: str
    kind: str
    parent_ref: str | None = None
    label: str = ""

    def path_label(self) -> str:
        return (self.label or self.title)[:TITLE_CUT].strip()


def keyword_heading(line: str) -> Section | None:
    """A heading naming its level and number ("Workstream 2 – Graduated Response",
    "Key Concern 5 The variation …", "Focus Area 10: …", "Culture Workstream")."""
    text = plain(line).strip().lstrip("#").strip()
    if not text or len(text) > 400:
        return None
    m = _KEYWORD_HEADING_RE.match(text)
    if m:
        kw = m.group("kw").lower()
        kind = next(k for p, k in _KEYWORDS if re.fullmatch(p, kw, re.I))
        ref = number_words(m.group("ref"))
        title = m.group("title").strip()
        # "Outcome 1" style labels only count when they carry a title of their own.
        return Section(ref, title or text, kind, label=text)
    m2 = _SUFFIX_HEADING_RE.match(text)
    if m2 and len(text.split()) <= 8 and not text.endswith("."):
        kind = "workstream"
        return Section(None, text, kind, label=text)
    return None


def row_section(cells: list[str]) -> Section | None:
    """A table row that opens a section: a number or "Objective 1.1" in the first cell, a
    title in the second, everything else empty."""
    filled = [c for c in cells if c.strip()]
    if len(filled) != 2 or not cells[0].strip():
        return None
    first, title = plain(filled[0]), plain(filled[1])
    if len(title) < 8:
        return None
    heading = keyword_heading(first)
    if heading and heading.ref and heading.title == heading.label:
        return Section(heading.ref, title, heading.kind, label=f"{first} {title}")
    m = _ROW_REF_RE.match(first)
    if m:
        ref = m.group("ref")
        return Section(ref, title, "area", label=f"{ref} {title}")
    return None


def section_kind_for_column(header_name: str) -> str:
    """The section kind a table's section column names ("Recommendation" → recommendation)."""
    heading = plain(header_name).lower()
    for pattern, kind in _KEYWORDS:
        if re.match(pattern, heading):
            return kind
    return "area"


def is_structural_label(text: str) -> bool:
    """Report furniture ("Action Plan", "Key Concerns", "Glossary") rather than a section."""
    return bool(_STRUCTURAL_LABELS.match(plain(text).strip(" .:…").strip()))


@lru_cache(maxsize=4096)
def looks_like_title(text: str) -> bool:
    """A short standalone line that reads as a heading: few words, capitalised, no final
    full stop, not a date, not a bullet."""
    t = plain(text).strip().lstrip("#").strip()
    if not t or len(t) > 70 or len(t.split()) > 9:
        return False
    if t.endswith((".", ",", ";")) or not t[0].isupper():
        return False
    if re.fullmatch(r"[\d\s/.\-]+", t):
        return False
    return not re.match(r"^[-\u2022*]\s", t)


_PERIOD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"(?:autumn|spring|summer)\s+term|q[1-4]|quarter\s+[1-4])\.?"
)
_DATE_HEADING_RE = re.compile(
    r"^(?:(?:by|in|during)\s+)?(?:(?:the\s+)?end\s+of\s+)?"
    rf"(?:{_PERIOD}\s*[\u2013\u2014-]\s*)?"  # "June – July 2025"
    rf"{_PERIOD}(?:\s+20\d\d(?:/\d\d)?|[\s-]\d\d|\s+['\u2019]\d\d)?"  # "MARCH '26"
    r"(?:\s+\([^()]{3,40}\))?\s*:?$",  # "Quarter 1 2026/27 (April – June 2026)"
    re.I,
)


@lru_cache(maxsize=4096)
def date_heading(line: str) -> str | None:
    """A line that is only a period ("September 2024", "October", "Spring Term 2025:"): a
    roadmap's heading for the items due in it. Returns the period as printed."""
    text = plain(line).strip().lstrip("#").strip()
    if not _DATE_HEADING_RE.match(text):
        return None
    return text.rstrip(":").strip()
