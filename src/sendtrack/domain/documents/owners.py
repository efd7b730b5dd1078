"""Owners: the lead cell, status phrases written into it, glossaries and sentence subjects.

The owner is what the lead cell says. Some plans write the status into that cell
("Interim Head of Service – In Progress", "Completed by X"); that part goes to status_raw.
Where a plan prints a glossary of owners (initials → names) it is read into
``owner_glossary``; its keys also let a cell listing several owners be split.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .caseless import Caseless
from .rows import Line
from .status import leading_status, trailing_status
from .text import plain

__all__ = [
    "is_initials",
    "label_owner",
    "labelled_lead",
    "owner_tag",
    "split_owner_and_date",
    "read_owner_glossary",
    "split_owner_cell",
    "split_owners_by_glossary",
    "subject_owner",
]


_CELL_LEAD_RE = re.compile(
    r"^\s*(?i:lead|led by|owner|responsible)(?: (?i:officers?|person))?\s*:\s*(?P<owner>.+?)\s*"
    r"(?:<br>|\n|\s[A-Z][a-z]+(?: [a-z]+){0,2}:\s|$)"
)


def labelled_lead(cell: str) -> str:
    """The lead an owner cell labels among other things ("Lead: Head of SEND<br>Resources:
    £2,500 design budget", a SMART table's "Achievable" column); else the whole cell."""
    labelled = _CELL_LEAD_RE.match(cell)
    return labelled["owner"] if labelled else cell


def split_owner_cell(cell: str | None) -> tuple[str | None, str | None]:
    """Owner text and any status phrase written into the same cell."""
    if not cell or not plain(cell):
        return None, None
    text = plain(labelled_lead(cell))
    status, rest = leading_status(text)
    if status and rest:
        return rest, status
    if status and not rest:
        return None, status
    owner, status = trailing_status(text)
    return owner or None, status


_GLOSSARY_HEADING = Caseless(
    r"glossary of .*(owner|lead|officer|initial)|(owner|lead)s? key\b"
    r"|^\s*key to (the )?(owner|lead|officer|initial|abbreviation)s?\b"
)
_INITIALS_HEADER = re.compile(r"^(initials?|abbreviations?|code|key)$", re.I)
_NAME_HEADER = re.compile(r"^(name|full name|owner|lead)$", re.I)


def glossary_heading(text: str) -> bool:
    """A heading over a glossary of owners ("Key to owners", "Glossary of lead officers")."""
    return _GLOSSARY_HEADING.search(text) is not None


def read_owner_glossary(lines: list[Line]) -> dict[str, str]:
    """Abbreviation → full name, from a table headed Initials/Name or a glossary of owners.

    Only glossaries of owners count; a glossary of terms is not a list of people.
    """
    glossary: dict[str, str] = {}
    in_owner_glossary = False
    key_col = name_col = -1
    for line in lines:
        if line.kind == "text":
            if glossary_heading(line.text):
                in_owner_glossary = True
                key_col = name_col = -1
                continue
            if in_owner_glossary:
                m = re.match(r"^([A-Za-z][\w&/ ]{0,20}?)\s*[:\u2013\-=]\s+(.+)$", line.text)
                if m:
                    glossary.setdefault(m.group(1).strip(), m.group(2).strip())
                elif len(line.text) > 80:
                    in_owner_glossary = False
            continue
        if line.kind != "row":
            continue
        cells = [plain(c) for c in line.cells]
        if len(cells) >= 2 and _INITIALS_HEADER.match(cells[0]) and _NAME_HEADER.match(cells[1]):
            key_col, name_col = 0, 1
            in_owner_glossary = True
            continue
        if in_owner_glossary and key_col >= 0 and len(cells) > name_col:
            key, name = cells[key_col].strip(), cells[name_col].strip()
            if key and name and len(key) <= 20:
                glossary.setdefault(key, name)
    return glossary


_INITIALS_RE = re.compile(r"[A-Z][A-Za-z]{1,5}")


def is_initials(key: str) -> bool:
    """A glossary key that reads as a person's initials ("JM", "SaCa", "A.B."): two to six
    letters with at least two capitals, so that ordinary words are never split on."""
    bare = key.replace(".", "")
    return bool(_INITIALS_RE.fullmatch(bare)) and sum(c.isupper() for c in bare) >= 2


def split_owners_by_glossary(cell: str, glossary: dict[str, str], count: int) -> list[str] | None:
    """Split a lead cell naming several owners back to back ("AB Role CD Role") at glossary
    initials, when that yields exactly ``count`` owners."""
    if count < 2:
        return None
    pattern = _initials_pattern(tuple(glossary))
    if pattern is None:
        return None
    starts = [m.start() for m in pattern.finditer(cell)]
    if len(starts) != count or starts[0] != 0:
        return None
    bounds = [*starts, len(cell)]
    return [cell[bounds[i] : bounds[i + 1]].strip() for i in range(count)]


@lru_cache(maxsize=16)
def _initials_pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any of the glossary's initials as a word; built once per glossary, not once per row."""
    initials = [k for k in keys if is_initials(k)]
    if not initials:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in initials) + r")\b")


_AGENT_HEADS = (
    r"group|groups|board|boards|team|teams|partner|partners|providers?|council|officers?|"
    r"leads?|managers?|heads?|directors?|panel|forum|service|services|commissioners?|trust|"
    r"ccg|ccgs|la|schools?|colleges?|network|committee|consortium|authority|"
    r"coordinators?|co-ordinators?|advisers?|advisors?|chairs?|secretary|clerk|"
    r"psychologists?|nurses?|therapists?|caseworkers?|sencos?|headteachers?|principals?|"
    r"commissioning|partnership|cabinet|executive|practitioners?|"
    r"(?:(?:head|director|chair|lead)s?\s+of\s+(?-i:(?:the\s+)?[A-Z][\w&'-]*"
    r"(?:\s+(?:and\s+|&\s+)?[A-Z][\w&'-]*){0,3}))"
)
_WORD = r"(?:[A-Z][\w&'/-]*|and|&|of|for|the|[a-z]+)"
_SUBJECT_RE = re.compile(
    rf"^(?P<subj>(?:The |A |An )?(?:{_WORD}\s+){{0,7}}?(?i:{_AGENT_HEADS}))"
    r"\s+(?P<verb>will\b(?! be\b)|are (?:meeting|working|developing|reviewing)"
    r"|is (?:meeting|working)|meeting\b|to (?:meet|review|agree|lead)\b"
    r"|(?!is\b|are\b|has\b|have\b|was\b|were\b)[a-z]+s\b|review\b|agree\b|lead\b|meet\b)"
)


def subject_owner(sentence: str) -> str | None:
    """The explicit agent opening an action sentence ("The strategic partner will …",
    "Task & Finish group meeting mid-May …"), or None for "We will …" and passives."""
    text = plain(sentence)
    if re.match(r"^(we|our|this|these|it|they|there)\b", text, re.I):
        return None
    m = _SUBJECT_RE.match(text)
    if not m:
        return None
    subject = m.group("subj").strip()
    words = subject.split()
    if words and words[0] in {"A", "An"}:
        return None
    if len(words) == 1:
        return None  # a bare plural ("Services will …") names nobody in particular
    return subject


_OWNER_TAG_RE = re.compile(
    r"^(?P<text>.*?\S)\s*(?:\(\s*(?:lead|owner|led by|responsible)\s*[:\-\u2013]?\s*"
    r"(?P<a>[^()]{2,80})\)"
    r"|[\u2013\u2014-]\s*(?:lead|owner|led by)\s*:\s*(?P<b>[^.;]{2,80}))\s*\.?$",
    re.I,
)


_STATUS_WORDS_UPPER = (
    "NOT YET STARTED|NOT STARTED|IN PROGRESS|ON TRACK|OFF TRACK|COMPLETED?|DELAYED|DONE|"
    "OVERDUE|AT RISK|CLOSED|EMBEDDED|ON HOLD"
)
_CAPITALS_STATUS_RE = re.compile(rf"\s(?P<tag>(?:{_STATUS_WORDS_UPPER}))\s*\.?$")
"""A status tag in capitals closing an item ("… — Lead: Head of Inclusion ON TRACK")."""


def closing_status_tag(value: str) -> tuple[str, str | None]:
    """A value closed by a status tag in capitals ("Head of Inclusion ON TRACK"): the value
    without it, and the tag (None where there is none)."""
    tag = _CAPITALS_STATUS_RE.search(plain(value))
    return (plain(value)[: tag.start()], tag.group("tag")) if tag else (value, None)


_CAPITALS_COLOUR_RE = re.compile(r"\s(?P<colour>RED|AMBER|GREEN|BLUE)\s*\.?$")


def closing_colour(value: str) -> tuple[str, str | None]:
    """A lead's cell closed by the lead's rating in capitals ("Head of SEND Services
    AMBER"): the lead, and the colour (None where there is none)."""
    colour = _CAPITALS_COLOUR_RE.search(value)
    return (value[: colour.start()], colour.group("colour")) if colour else (value, None)


def owner_tag(text: str) -> tuple[str, str | None]:
    """An owner tagged onto the end of an item ("… (Lead: Head of SEN)", "… – Owner: AB")
    and the item without the tag."""
    m = _OWNER_TAG_RE.match(text)
    if not m:
        return text, None
    owner = closing_status_tag((m.group("a") or m.group("b") or "").strip())[0].strip()
    return m.group("text").strip(), owner or None


_OWNER_DATE_TAIL_RE = re.compile(
    r"^(?P<owner>.*?\S)\s*[,;]\s*(?P<date>(?:(?:by|due|before|for|in)\s+)?(?:end\s+of\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:\s+20\d\d)?|(?:by\s+)?\d{1,2}/\d{1,2}/\d{2,4})$"
)
_MONTHS = (
    "jan feb mar apr may jun jul aug sep oct nov dec january february march april june july "
    "august september sept october november december"
).split()


def split_owner_and_date(tag: str) -> tuple[str, str | None]:
    """An owner tag that also carries the due date ("Head of SEN, by 22 November",
    "AB; March 2025") → the owner and the date text; the tag itself when no date follows."""
    m = _OWNER_DATE_TAIL_RE.match(tag.strip())
    if not m:
        return _owner_then_when(tag)
    date_text = m.group("date")
    words = re.findall(r"[A-Za-z]+", date_text.lower())
    if "/" not in date_text and not any(w in _MONTHS for w in words):
        return tag, None
    return m.group("owner").strip(), date_text.strip()


_WHEN_WORDS = frozenset({*_MONTHS, "term", "spring", "summer", "autumn", "quarter", "q1", "q2"})


def _owner_then_when(tag: str) -> tuple[str, str | None]:
    """ "Inclusion Team, by the end of March", "Business Intelligence, first report in May":
    the owner before the comma, and what follows it where it says when (a month, a term)."""
    owner, comma, when = tag.partition(",")
    words = set(re.findall(r"[a-z0-9]+", when.lower()))
    if not comma or not owner.strip()[:1].isupper() or len(owner.split()) > 6:
        return tag, None
    if len(when.split()) > 6 or not words & _WHEN_WORDS:
        return tag, None
    return owner.strip(), when.strip()


_LABEL_OWNER_RE = re.compile(
    r"^(?P<owner>(?:the\s+(?=[A-Z]))?[A-Z][\w&'/.-]*"
    r"(?:\s+(?:and|&|of|for|the|[A-Z][\w&'/.-]*|[a-z][\w-]*)){0,7}?)"
    r"\s+to\s+(?=[a-z])(?!be\s)"
)
"""Not "Sufficiency report to be shared …": what a passive names is done to, not doing."""


def label_owner(text: str) -> str | None:
    """The owner named before "to" in a minuted action ("JM to circulate …", "Head of
    Inclusion to bring …"), or None."""
    m = _LABEL_OWNER_RE.match(plain(text))
    if not m:
        return None
    owner = m.group("owner").strip()
    if re.match(r"^(we|it|this|there|they|all|each|every|need|needs|continue)\b", owner, re.I):
        return None
    return owner
