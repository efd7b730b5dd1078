"""Text to lines and table rows.

Exported plans mix prose lines with tab-separated table rows. Page furniture ("Page 45 of
86", rules of dashes) is dropped here so that later stages see only content. Pipe tables
(``| a | b |``) are turned into the same cell lists as tab rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import BULLET_RE, clean

__all__ = ["Line", "is_page_footer", "is_rule_row", "read_lines", "split_cells"]

_FOOTER_RE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|-\s*\d+\s*-)\s*$", re.I
)
_RULE_RE = re.compile(r"^[\s\-–—_=|:+*]*$")
_PIPE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass
class Line:
    """One physical line: ``kind`` is ``row`` (cells), ``text`` or ``blank``.

    ``bullet`` is set for text lines that start with a bullet glyph; ``level`` is their
    indentation depth (0 for top-level bullets).
    """

    kind: str
    text: str = ""
    cells: list[str] = field(default_factory=list)
    bullet: bool = False
    level: int = 0
    number: int = 0


def is_page_footer(text: str) -> bool:
    """Page numbering lines such as "Page 45 of 86" or "12 / 40"."""
    return bool(_FOOTER_RE.match(text))


def is_rule_row(cells: list[str]) -> bool:
    """Rows made only of dashes or empty cells (table rules in text exports)."""
    return all(_RULE_RE.match(c) for c in cells)


def split_cells(line: str) -> list[str] | None:
    """Cells of a tab-separated or pipe-table line, or None for prose."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [c.strip() for c in stripped[1:-1].split("|")]
    return None


def read_lines(text: str) -> list[Line]:
    """Classify each line; footers and rules are dropped, bullets recognised."""
    out: list[Line] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if not raw.strip():
            out.append(Line("blank", number=number))
            continue
        if is_page_footer(raw) or _PIPE_SEP_RE.match(raw):
            continue
        cells = split_cells(raw)
        if cells is not None:
            if is_rule_row(cells):
                continue
            out.append(Line("row", cells=cells, number=number))
            continue
        if _RULE_RE.match(raw):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        is_bullet = bool(BULLET_RE.match(raw))
        out.append(
            Line(
                "text",
                text=clean(raw),
                bullet=is_bullet,
                level=(indent + 1) // 2 if is_bullet else 0,
                number=number,
            )
        )
    return out
