"""From cells to actions: bullets, numbered sub-steps, refs and per-bullet values.

Rules (plan-json.md): where one row lists several separate actions as bullets, each bullet
is its own action sharing the row's ref, suffixed .a, .b … where the document gives none.
A date or owner cell that lists one value per bullet is paired with the bullets in order.
"""

from __future__ import annotations

import re
import string

from .text import Fragment, plain

__all__ = [
    "ACTION_LEAD_IN_RE",
    "forward_plan_heading",
    "NON_ACTION_LEAD_IN_RE",
    "action_items",
    "dedupe_actions",
    "leading_ref",
    "letter_suffix",
    "narrative_items",
    "numbered_values",
    "opening_numbered_steps",
    "segment_values",
    "split_inline_numbered",
    "split_on_refs",
]

# Lead-ins that announce actions in prose or in a narrative cell.
ACTION_LEAD_IN_RE = re.compile(
    r"^(?:.{0,40}\bnext steps?\b.{0,30}|.*\bactions?\b.*\b(?:include|includes|are|will be|taken?|"
    r"take|:)\b.*|(?:key |planned |further )?actions?:?|.*\bwe will (?:now )?(?:do|take)\b.*|"
    r"what we will do.*|.*\bto do\b:?|"
    r"(?:activities|actions|work|tasks)\s+(?:planned\s+)?(?:for\s+)?(?:the\s+)?next\s+(?:period|month|quarter).*|"
    r"planned\s+(?:activit(?:y|ies)|work|tasks)\b.{0,30}|(?:forward|look)[\s-]*(?:look|ahead)\b.{0,30}|"
    r"(?:focus|priorities)\s+for\s+(?:the\s+)?next\s+(?:period|month|quarter).*)$",
    re.I,
)
NON_ACTION_LEAD_IN_RE = re.compile(
    r"^(?:progress(?: to date| so far| made| update)?|achievements?|what we have done.*|"
    r"(?:key )?(?:successes|highlights|achieved|completed)|purpose.*|background|context|"
    r"risks?.*|issues?.*|example indicators?|"
    r"(?:key\s+)?(?:progress|achievements?|successes|highlights|activit(?:y|ies)\s+completed|"
    r"work\s+completed|completed\s+(?:activit(?:y|ies)|actions?))"
    r"(?:\s+(?:this|in|to|since|so|made|during|over|update|summary|against|report|and)\b.{0,40})?|"
    r"decisions?(?:\s+(?:required|needed|made|taken|for))?.{0,30}|escalations?.{0,30}|"
    r"what has (?:improved|changed)|where we (?:started|were)|"
    r"(?:budget|finance|financial\s+position)\b.{0,30})\W*$",
    re.I,
)

# "Planned next month", "Planned for the coming quarter", "Plans for next period", "Next
# month": a report heading over the work still to do.
_FORWARD_PLAN_RE = re.compile(
    r"^(?:(?:planned|plans?|priorities|activit(?:y|ies)|actions?|work|tasks?)\s+)?"
    r"(?:(?:for|during|in|over)\s+)?(?:the\s+)?(?:next|coming|following|forthcoming)\s+"
    r"(?:reporting\s+)?(?:period|month|fortnight|quarter|weeks?|term)\b\W*$",
    re.I,
)


def forward_plan_heading(text: str) -> bool:
    """A short heading that introduces the work planned for the next reporting period;
    its items are actions (the achievements of this period are not)."""
    return bool(_FORWARD_PLAN_RE.match(text.strip()))


# A printed action number at the start of a text: 1.1.3, 2.2 B9, A1.2, 4.10.
# A letter-dot-number code ("A.1", "C.12") counts too: areas lettered A, B, C.
_REF_AT_START = re.compile(
    r"^(?P<ref>(?:[A-Z]?\d+\.\d+(?:\.\d+)*)|(?:[A-Z]\d+\.\d+)|(?:[A-Z]\.\d{1,3}(?:\.\d{1,3})*))"
    r"\.?\s+(?=\S)"
)
_SUBSTEP_AT_START = re.compile(r"^\(?(?P<n>\d{1,2})[).]\s+(?=\S)")


def leading_ref(text: str) -> tuple[str | None, str]:
    """A multi-level action number opening a text, and the text without it."""
    m = _REF_AT_START.match(text)
    if not m:
        return None, text
    return m.group("ref"), text[m.end() :].strip()


def substep_number(text: str) -> int | None:
    """The n of a text opening with a sub-step marker "n)"."""
    m = _SUBSTEP_AT_START.match(text)
    return int(m.group("n")) if m else None


def split_on_refs(fragments: list[Fragment]) -> list[tuple[str | None, str]]:
    """Split an activity cell where a paragraph opens with a new action number.

    Text before the first number continues the previous action (ref None)."""
    parts: list[tuple[str | None, list[str]]] = []
    for frag in fragments:
        ref, rest = leading_ref(frag.text)
        if ref and not frag.is_item:
            parts.append((ref, [rest]))
        elif parts:
            parts[-1][1].append(frag.text)
        else:
            parts.append((None, [frag.text]))
    return [(ref, " ".join(texts).strip()) for ref, texts in parts]


def split_inline_numbered(text: str) -> tuple[str, list[str]]:
    """ "Lead-in: 1) first 2) second" → ("Lead-in:", ["first", "second"]).

    Only a run numbered 1, 2, 3 … in order counts, so numbers inside sentences do not."""
    matches = list(re.finditer(r"(?:(?<=\s)|^)\(?(\d{1,2})\)\s+", text))
    chosen: list[re.Match[str]] = []
    expected = 1
    for m in matches:
        if int(m.group(1)) == expected:
            chosen.append(m)
            expected += 1
    if len(chosen) < 2:
        return text, []
    lead = text[: chosen[0].start()].strip()
    items = []
    for i, m in enumerate(chosen):
        end = chosen[i + 1].start() if i + 1 < len(chosen) else len(text)
        items.append(text[m.end() : end].strip())
    return lead, [i for i in items if i]


def opening_numbered_steps(text: str) -> list[str]:
    """The steps of a cell that is nothing but a numbered run ("1) Map … 2) Consult …"),
    each a separate action; [] when text comes before the "1)" (a lead-in whose steps are
    parts of one action) or when fewer than two steps are numbered."""
    lead, numbered = split_inline_numbered(text)
    return numbered if not lead and len(numbered) >= 2 else []


def numbered_values(cell: str, count: int) -> list[str] | None:
    """A date or status cell numbered like the action cell beside it ("1) March 2025
    2) May 2025") → one value per step, or None when its numbering does not match."""
    lead, numbered = split_inline_numbered(cell.strip())
    return numbered if not lead and len(numbered) == count else None


def action_items(fragments: list[Fragment]) -> list[str]:
    """Actions in a cell of an action column: the top-level list items when the cell is a
    list (paragraph notes beside the list are context), else the whole cell as one action.

    Items that themselves have sub-items are replaced by their sub-items."""
    items = [f for f in fragments if f.is_item]
    if any(not f.is_item and ACTION_LEAD_IN_RE.match(f.text.strip()) for f in fragments):
        announced = narrative_items(fragments)
        if announced:
            return announced  # a prose cell that announces its actions
    if len(items) < 2 and not (items and all(f.is_item for f in fragments)):
        text = " ".join(f.text for f in fragments).strip()
        return [text] if text else []
    return _leaf_items(items)


def _leaf_items(items: list[Fragment]) -> list[str]:
    out: list[str] = []
    for i, frag in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        if nxt is not None and nxt.level > frag.level:
            continue  # a parent whose children are the actions
        out.append(frag.text)
    return [t for t in out if t]


def narrative_items(fragments: list[Fragment]) -> list[str]:
    """Actions in a narrative cell: the list items that follow an action lead-in."""
    out: list[Fragment] = []
    active = False
    for frag in fragments:
        if not frag.is_item:
            active = bool(ACTION_LEAD_IN_RE.match(frag.text.strip()))
            continue
        if active:
            out.append(frag)
    return _leaf_items(out)


def letter_suffix(index: int) -> str:
    """0 → a, 25 → z, 26 → aa: the suffix for the index-th bullet of a row."""
    letters = string.ascii_lowercase
    if index < 26:
        return letters[index]
    return letters[index // 26 - 1] + letters[index % 26]


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_UNIT_START = re.compile(
    rf"^(?:{_MONTH}|spring|summer|autumn|q[1-4]|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})$", re.I
)
_CONNECTORS = {
    "wef",
    "from",
    "by",
    "to",
    "until",
    "in",
    "early",
    "mid",
    "late",
    "end",
    "of",
    "w/c",
    "and",
    "&",
    "-",
    "\u2013",
    "before",
    "after",
}
# Connectors that join two dates into one value ("September – November 2018").
_JOINERS = {"to", "until", "and", "&", "-", "\u2013", "\u2014"}
_ATTACH_AFTER = re.compile(r"^(?:\d{4}|\d{2}/\d{2}|onwards|term|\(\d{4}\)|annually)$", re.I)


def segment_values(cell: str, count: int) -> list[str] | None:
    """Split a date cell listing one date per bullet ("Jan Jan Wef Feb onwards") into
    ``count`` values, or None when it does not split that way."""
    text = plain(cell)
    if count < 2 or not text:
        return None
    chunks = [c for c in re.split(r"\s{2,}", cell.strip()) if c.strip()]
    segments: list[str] = []
    for chunk in chunks:
        segments.extend(_segment_chunk(plain(chunk)))
    if len(segments) == count:
        return segments
    return None


def _segment_chunk(chunk: str) -> list[str]:
    tokens = chunk.split()
    segments: list[list[str]] = []
    current: list[str] = []
    has_unit = False
    for i, tok in enumerate(tokens):
        bare = tok.lower().strip(",.;")
        first_part = bare.split("/")[0]
        prev = tokens[i - 1].lower() if i else ""
        if _UNIT_START.match(first_part):
            if current and prev not in _CONNECTORS and not prev.endswith("/"):
                segments.append(current)
                current = []
            current.append(tok)
            has_unit = True
            continue
        if has_unit and bare in _JOINERS:
            current.append(tok)
            continue
        if has_unit and not _ATTACH_AFTER.match(bare):
            if bare in _CONNECTORS or re.match(r"^\d+$", bare) or bare[:1].isalpha():
                # words after a complete date start the next value
                segments.append(current)
                current = [tok]
                has_unit = False
                continue
        current.append(tok)
    if current:
        segments.append(current)
    return [" ".join(s) for s in segments if s]


def dedupe_actions(actions: list[dict[str, object]]) -> tuple[list[dict[str, object]], list[str]]:
    """Drop exact repeats (same section and text); report each as a problem message. A
    repeat under the ref its action has is no mistake but that action reported again (a
    monthly return's next row), kept for its latest report to be read."""
    seen: set[tuple[object, str]] = set()
    out: list[dict[str, object]] = []
    dupes: list[str] = []
    for action in actions:
        key = (action.get("section"), str(action.get("text", "")).lower())
        if key in seen and action.get("ref"):
            out.append(action)
        elif key in seen:
            dupes.append(str(action.get("text", ""))[:80])
            continue
        seen.add(key)
        out.append(action)
    return out, dupes
