"""Typed field detectors: each finds one field of an action in any text, wherever it sits.

A detector returns a :class:`Found` (the value, the text it came from, and a confidence) or
None. They look at the words, never at a column's position, so the same detectors serve a
table cell, a list item and a sentence; a cell whose header names the role simply gives a
higher confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sendtrack.domain.dates import read_date

from .owners import label_owner, owner_tag, subject_owner
from .status import find_status_phrase, normalise_status, read_rag

__all__ = [
    "Found",
    "find_due",
    "find_owner",
    "find_rag",
    "find_ref",
    "find_status",
    "lead_in_owner",
    "status_of_cell",
]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:20\d\d|'?\d\d)"
_DATE_CORE = (
    r"(?:\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    rf"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+{_YEAR}\b)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+20\d\d)?"
    rf"|{_MONTH}[\s-]+{_YEAR}\b"
    rf"|(?<![a-z]){_MONTH}(?![a-z])"
    r"|(?:autumn|spring|summer)(?:\s+(?:term|[12]))?(?:\s+(?:term\s+)?20\d\d(?:/\d\d)?)?"
    r"|q[1-4](?:\s+20\d\d(?:/\d\d)?)?"
    r"|20\d\d/\d\d"
    r"|(?:end of (?:the )?)?(?:financial|academic|school) year(?:\s+20\d\d(?:/\d\d)?)?)"
)
_DATE_PHRASE_RE = re.compile(
    r"(?:\b(?:by|in|during|before|until|from|at|for|due|over|throughout|no later than|"
    r"expected in|starting|ends?)\s+)?"
    r"(?:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?|(?:early|mid|late)[\s-]+)?"
    rf"(?<![\w/]){_DATE_CORE}(?![\w/])",
    re.I,
)
_DUE_CHARS = 600
_NO_DATE_WORDS_RE = re.compile(r"^\s*(?:ongoing|tbc|tbd|n/?a|to be confirmed|continuous)\s*$", re.I)
_REF_RE = re.compile(
    r"^\s*(?:action\s+)?(?P<ref>[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)[.:)]?\s+(?=\S)"
)
_RAG_TAG_RE = re.compile(
    r"[\[(]\s*(?:rag\s*[:=-]?\s*)?(?P<rag>red|amber|green|blue|[RAGB])\s*[\])]|"
    r"\brag\s*(?:status)?\s*[:=-]\s*(?P<rag2>red|amber|green|blue|[RAGB])\b",
    re.I,
)
_ACTION_BY_RE = re.compile(
    r"^(?:agreed\s+)?action(?:\s+by)?\s*[:\u2013\u2014-]\s*"
    r"(?P<owner>[A-Z][\w&/.' -]{0,40}?)\s+to\s+",
    re.I,
)
_LEAD_LABEL_RE = re.compile(
    r"\b(?:lead|owner|led by|responsible(?: officer)?)\s*(?:officer)?\s*[:\u2013\u2014-]\s*"
    r"(?P<owner>[A-Z][\w&/.' -]{1,60}?)\s*(?:[;,)\]|]|$)",
    re.I,
)
_TRAILING_NAME_RE = re.compile(
    r"(?:[\u2013\u2014-]|\s)\s*(?P<owner>(?:[A-Z]\.\s?)?[A-Z][a-z]+(?:[ -][A-Z][a-z'-]+){0,2})\s*$"
)
_INITIALS_RE = re.compile(r"^[A-Z]{2,4}(?:\s*/\s*[A-Z]{2,4})*$")
_LEAD_IN_SUBJECT_RE = re.compile(
    r"^(?P<subject>(?:the\s+)?[A-Z][\w&'/ -]{1,50}?)\s+(?:has\s+)?(?:agreed|resolved|decided|"
    r"committed|will|are|is asked)\b",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A field's value, the words it was read from, and how sure the reading is (0–1)."""

    value: str
    raw: str
    confidence: float


def find_due(text: str, anchor: date | None, *, cell: bool = False) -> Found | None:
    """The due date: the last date phrase that reads as a date ("by end of Sep 25")."""
    if cell and _NO_DATE_WORDS_RE.match(text):
        return None
    phrases = list(_DATE_PHRASE_RE.finditer(text if len(text) <= _DUE_CHARS else text[:_DUE_CHARS]))
    for match in reversed(phrases):
        raw = match.group(0).strip(" ,;.")
        reading = read_date(raw, anchor)
        if reading.due is not None:
            confidence = 0.95 if cell else (0.8 if re.search(r"\d", raw) else 0.65)
            return Found(reading.due.isoformat(), raw, confidence)
    if cell and text.strip():
        reading = read_date(text, anchor)
        if reading.due is not None:
            return Found(reading.due.isoformat(), text.strip(), 0.9)
    return None


def find_owner(text: str) -> Found | None:
    """The owner written into the text: "ACTION: JM to …", "Head of SEND to …",
    "(Lead: AB)", "… – Lead: J. Osei", or the sentence's named subject."""
    action_by = _ACTION_BY_RE.match(text)
    if action_by:
        return Found(action_by.group("owner").strip(), action_by.group(0), 0.9)
    labelled = _LEAD_LABEL_RE.search(text)
    if labelled:
        return Found(labelled.group("owner").strip(" .-"), labelled.group(0), 0.85)
    _, tagged = owner_tag(text)
    if tagged:
        return Found(tagged, tagged, 0.8)
    before_to = label_owner(text)
    if before_to and len(before_to.split()) <= 6:
        return Found(before_to, before_to, 0.75)
    subject = subject_owner(text)
    if subject:
        return Found(subject, subject, 0.6)
    return None


def trailing_name(label: str) -> tuple[str, str | None]:
    """A label that ends with its lead's name ("Inclusion outreach – Dev Patel") → the label
    and the name."""
    labelled = _LEAD_LABEL_RE.search(label)
    if labelled:
        return label[: labelled.start()].strip(" –—-:"), labelled.group("owner").strip(" .-")
    match = _TRAILING_NAME_RE.search(label)
    if match and len(match.group("owner").split()) >= 2 and match.start() > 3:
        return label[: match.start()].strip(" –—-:"), match.group("owner")
    return label, None


def lead_in_owner(lead_in: str | None) -> str | None:
    """The subject of a colon lead-in ("The Board agreed to:" → "The Board")."""
    if not lead_in:
        return None
    match = _LEAD_IN_SUBJECT_RE.match(lead_in.strip())
    if not match:
        return None
    subject = match.group("subject").strip()
    if subject.lower() in {"we", "it", "they", "agreed actions", "actions"}:
        return None
    return subject


def status_of_cell(text: str) -> Found | None:
    """A status cell's verdict ("In progress", "Delayed – recruitment")."""
    status = normalise_status(text)
    if status is None:
        return None
    return Found(status, text.strip(), 0.9)


def find_status(text: str) -> Found | None:
    """A status stated in a sentence ("remains on track", "has started")."""
    phrase = find_status_phrase(text)
    if phrase is None:
        for pattern in _TENSE_STATUS:
            match = pattern[0].search(text)
            if match:
                return Found(pattern[1], match.group(0), 0.6)
        return None
    status = normalise_status(phrase)
    if status is None:
        return None
    return Found(status, phrase, 0.75)


_TENSE_STATUS = [
    (re.compile(r"\b(?:has|have) (?:now )?(?:started|begun)\b", re.I), "in_progress"),
    (
        re.compile(r"\b(?:is|are) (?:now )?(?:being \w+ed|under way|underway)\b", re.I),
        "in_progress",
    ),
    (re.compile(r"\bunder way\b", re.I), "in_progress"),
    (re.compile(r"\b(?:has|have) (?:slipped|been delayed)\b|\bbehind schedule\b", re.I), "delayed"),
    (re.compile(r"\b(?:is|are) (?:now )?embedded\b", re.I), "embedded"),
    (re.compile(r"\bremains? on (?:track|target)\b|\bon target\b", re.I), "on_track"),
]


def find_rag(text: str, *, cell: bool = False) -> Found | None:
    """A RAG colour stated for the item: a RAG cell, or a "[R]" / "RAG: Amber" tag."""
    if cell:
        rag = read_rag(text)
        return Found(rag, text.strip(), 0.95) if rag else None
    match = _RAG_TAG_RE.search(text)
    if not match:
        return None
    rag = read_rag(match.group("rag") or match.group("rag2"))
    return Found(rag, match.group(0), 0.85) if rag else None


def find_ref(text: str) -> Found | None:
    """A ref printed at the start of an item ("1.2", "A3", "Action 2.3:")."""
    match = _REF_RE.match(text)
    if not match or re.fullmatch(r"20\d\d", match.group("ref")):
        return None
    return Found(match.group("ref"), match.group(0), 0.8)


def is_initials(text: str) -> bool:
    """Owner initials ("JH", "KT / RB")."""
    return bool(_INITIALS_RE.match(text.strip()))
