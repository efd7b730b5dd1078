"""Plan-level impact indicators: measures named for a whole section, not for one action.

Two shapes are read, each by a named rule:

* ``rba_heading_kind`` – results-based-accountability headings ("How much did we do",
  "How well did we do it", "Is anyone better off" / "What difference has it made"). Each
  list that follows (after an optional "Example indicators:" lead-in) belongs to the next
  heading in the order they were printed. The section is the title line the block sits
  under.
* ``indicator_label`` – a labelled row or line ("Impact indicators", "Measures of impact",
  "Success measures", "How we will know") whose value is a list; rows with an empty first
  cell and numbered/lettered/bulleted lines after it continue the list until anything else.
  Kind is null; the section is the importer's current section.

The reader only watches lines; it never changes how actions are read.
"""

from __future__ import annotations

import re
from typing import Any

from .rows import Line
from .sections import looks_like_title
from .text import cell_fragments, plain, strip_bullet

_RBA_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("how_much", re.compile(r"\bhow\s+much\b", re.I)),
    ("how_well", re.compile(r"\bhow\s+well\b", re.I)),
    (
        "better_off",
        re.compile(
            r"\bbetter\s+off\b|\bwhat\s+difference\b|\bdifference\s+(?:has|did|does)\b", re.I
        ),
    ),
)
_RBA_MAX_LEN = 60

_INDICATOR_LABEL_RE = re.compile(
    r"^(?:key\s+)?(?:impact\s+(?:indicators?|measures?)|measures?\s+of\s+(?:impact|success)"
    r"|success\s+(?:measures?|indicators?)|how\s+we\s+will\s+know(?:\s+we\s+have\s+succeeded)?"
    r"|what\s+will\s+tell\s+us\s+(?:the\s+)?(?:roadmap|plan|work|it)\s+is\s+working)"
    r"\s*:?$",
    re.I,
)
_LIST_LEAD_IN_RE = re.compile(r"^(?:example\s+|key\s+)?(?:indicators?|measures?)\s*:?$", re.I)
_ITEM_MARK_RE = re.compile(r"^(?:\(?[a-z]\)|[a-z]\.|\(?\d{1,2}[.)])\s+", re.I)


def rba_heading_kind(text: str) -> str | None:
    """The results-based-accountability kind a short heading line names, or None."""
    t = plain(text).strip()
    if not t or len(t) > _RBA_MAX_LEN:
        return None
    for kind, pattern in _RBA_PATTERNS:
        if pattern.search(t):
            return kind
    return None


def indicator_label(text: str) -> bool:
    """A label that introduces a section's list of impact indicators."""
    return bool(_INDICATOR_LABEL_RE.match(plain(text).strip()))


def _marker(text: str) -> str | None:
    m = _ITEM_MARK_RE.match(text)
    return m.group(0).strip(" .()").lower() if m else None


def _next_marker(marker: str) -> str:
    if marker.isdigit():
        return str(int(marker) + 1)
    return chr(ord(marker) + 1)


def split_numbered_run(text: str) -> list[str]:
    """An item that runs several numbered or lettered items together ("1. A … 2. B …") split
    at each next number in sequence; the markers are taken off."""
    opening = _ITEM_MARK_RE.match(text)
    if opening is None:
        return [text.strip()] if text.strip() else []
    parts: list[str] = []
    rest = text[opening.end() :]
    marker = opening.group(0).strip(" .()").lower()
    while True:
        nxt = _next_marker(marker)
        m = re.search(rf"(?<=[\w.;:)\"'’])\s+\(?{re.escape(nxt)}[.)]\s+(?=\S)", rest, re.I)
        if m is None:
            break
        parts.append(rest[: m.start()].strip())
        rest = rest[m.end() :]
        marker = nxt
    parts.append(rest.strip())
    return [p for p in parts if p]


def indicator_items(cell: str) -> list[str]:
    """The indicators of a cell: one per list item, paragraph or numbered item."""
    out: list[str] = []
    for fragment in cell_fragments(cell):
        out.extend(split_numbered_run(plain(fragment.text)))
    return out


class IndicatorReader:
    """Watches the importer's lines in order and collects ``{section, text, kind}``."""

    def __init__(self) -> None:
        self.indicators: list[dict[str, Any]] = []
        self._title: str | None = None  # the last title line seen
        self._rba_section: str | None = None
        self._rba_queue: list[str] = []
        self._rba_active: str | None = None
        self._rba_kinds: set[str] = set()
        self._rba_found: list[dict[str, Any]] = []
        self._labelled: str | None = None  # the section of an open "Impact indicators" list
        self._labelled_open = False
        self._took = False  # the line observed last was an item of a labelled list

    def _add(self, section: str | None, text: str, kind: str | None) -> None:
        text = plain(text).strip()
        if text:
            self.indicators.append({"section": section, "text": text, "kind": kind})

    def observe(self, line: Line, section: str | None, top: str | None = None) -> bool:
        """One line, with the importer's current section path and its top-level section.
        A labelled list belongs to the top-level section (the workstream or priority whose
        outcome it measures); an RBA block to the title line above it. Whether the line is
        an item of a labelled list of text: an indicator, no action."""
        if line.kind == "blank":
            return False
        if line.kind == "row":
            self._rba_end()
            self._row(line, top or section)
            return False
        self._took = False
        self._text(line, section, top or section)
        return self._took

    # ----- labelled rows ------------------------------------------------------------------
    def _row(self, line: Line, section: str | None) -> None:
        cells = line.cells
        first = plain(cells[0]) if cells else ""
        if first and indicator_label(first):
            self._labelled = section
            self._labelled_open = True
            self._add_items(" ".join(c for c in cells[1:] if c.strip()))
            return
        if self._labelled_open and not first and any(c.strip() for c in cells[1:]):
            self._add_items(" ".join(c for c in cells[1:] if c.strip()))
            return
        self._labelled_open = False

    def _add_items(self, cell: str) -> None:
        for item in indicator_items(cell):
            self._add(self._labelled, item, None)
            self._took = True

    # ----- prose --------------------------------------------------------------------------
    def _text(self, line: Line, section: str | None, top: str | None) -> None:
        text = plain(strip_bullet(line.text) if line.bullet else line.text).lstrip("#").strip()
        if not text:
            return
        if self._labelled_open:
            if line.bullet or _marker(text) is not None:
                self._add_items(text)
                return
            self._labelled_open = False
        if not line.bullet and indicator_label(text):
            self._labelled = top
            self._labelled_open = True
            return
        kind = None if line.bullet else rba_heading_kind(text)
        if kind is not None:
            if kind in self._rba_kinds and not self._rba_queue:
                self._rba_end()  # the same heading again: a new block
            if not self._rba_kinds:
                self._rba_section = self._title or section
            self._rba_active = None
            if kind not in self._rba_kinds:
                self._rba_kinds.add(kind)
                self._rba_queue.append(kind)
            return
        if self._rba_kinds:
            if line.bullet and (self._rba_active is not None or self._rba_queue):
                if self._rba_active is None:
                    self._rba_active = self._rba_queue.pop(0)
                self._rba_found.append(
                    {"section": self._rba_section, "text": text, "kind": self._rba_active}
                )
                return
            if not line.bullet and _LIST_LEAD_IN_RE.match(text) and self._rba_queue:
                self._rba_active = self._rba_queue.pop(0)
                return
            if line.bullet or self._rba_active is not None or len(text) > _RBA_MAX_LEN:
                self._rba_end()  # the lists are over, or prose: the block has ended
            else:
                return  # a heading wrapped onto a second line ("do it", "made?")
        if not line.bullet and looks_like_title(text):
            self._title = text

    def _rba_end(self) -> None:
        """Close an RBA block; its lists count only where at least two of the three
        headings were printed (one "How much …" line alone is ordinary prose)."""
        if len(self._rba_kinds) >= 2:
            self.indicators.extend(self._rba_found)
        self._rba_queue = []
        self._rba_active = None
        self._rba_kinds = set()
        self._rba_found = []

    def finish(self) -> list[dict[str, Any]]:
        self._rba_end()
        return self.indicators
