"""Column recognition: the many names councils give the same column.

Each role is a list of regular expressions over the normalised header text. A header row is
a row where most non-empty cells name a known role. Unknown long columns are kept as
``narrative``: a cell of prose in which actions are announced by a lead-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import plain

__all__ = ["Header", "column_role", "is_header_row", "read_header"]

# Order matters: the first role whose pattern matches wins.
_ROLE_PATTERNS: list[tuple[str, tuple[str, ...]]] = [
    ("rag", (r"^rag\b", r"^b?rag (rating|status)", r"^rating$", r"^colour$")),
    ("status", (r"^progress", r"^status", r"^update", r"^current (position|status)", r"^position")),
    ("start", (r"^start", r"^from$", r"^begin")),
    (
        "due",
        (
            r"^time ?frames?",
            r"^timescales?",
            r"^when\b",
            r"^by when",
            r"^(target |completion |end |due |review )?dates?\b",
            r"^completion",
            r"^to be complet",
            r"^due",
            r"^deadline",
            r"^target",
            r"^by$",
            r"^month",
        ),
    ),
    (
        "owner",
        (
            r"^lead",
            r"^owner",
            r"^(action |responsible |accountable )(owner|officer|lead|person)",
            r"^who\b",
            r"^by who",
            r"^responsib",
            r"^accountab",
        ),
    ),
    ("partners", (r"^partners?", r"^(key |other )?stakeholders", r"^support(ed)? by", r"^with\b")),
    (
        "measures",
        (
            r"^measures?",
            r"^(measure|measures|indicators?) of (success|impact)",
            r"^success (criteria|measures?|indicators?)",
            r"^impact( indicators?| measures?)?$",
            r"^outcomes?( measures?| indicators?)?$",
            r"^kpis?",
            r"^evidence",
            r"^how (will we|we will) know",
            r"^what (will|does) success",
        ),
    ),
    (
        "ref",
        (r"^(action )?(ref|no|number|#|id)\b", r"^\w+ (no|number|ref)$"),
    ),
    (
        "action",
        (
            r"^actions?\b(?! (owner|ref|no))",
            r"^(summary|key|detailed|specific) actions?",
            r"^activit",
            r"^tasks?$",
            r"^what (we will do|will we do|needs to happen)",
            r"^next steps",
            r"^steps",
            r"^deliverables?",
            r"^interventions?",
        ),
    ),
    (
        "section",
        (
            r"^recommendations?",
            r"^objectives?",
            r"^focus areas?",
            r"^areas?( for (improvement|development))?\b",
            r"^priorit",
            r"^workstreams?",
            r"^(key )?concerns?",
            r"^weakness",
            r"^finding",
            r"^themes?",
            r"^aims?$",
            r"^goals?$",
        ),
    ),
    ("milestone", (r"^milestones?",)),
    ("risk", (r"^risks?", r"^issues?$", r"^risk ?/ ?issue")),
    ("mitigation", (r"^mitigat", r"^controls?")),
    ("impact", (r"^impact$", r"^consequence")),
    ("detail", (r"^detail", r"^description", r"^comments?", r"^notes?")),
    ("partners", (r"^partners?",)),
]

_COMPILED = [(role, tuple(re.compile(p) for p in pats)) for role, pats in _ROLE_PATTERNS]


def _norm(name: str) -> str:
    text = plain(name).lower()
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"[^a-z0-9#/& ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def column_role(name: str) -> str | None:
    """The role a header cell names, or None when it is not a known column name."""
    text = _norm(name)
    if not text or len(text) > 60:
        return None
    for role, patterns in _COMPILED:
        if any(p.search(text) for p in patterns):
            return role
    return None


def is_header_row(cells: list[str]) -> bool:
    """Most non-empty cells are short known column names (at least two of them)."""
    names = [c for c in cells if c.strip()]
    if len(names) < 2:
        return False
    if any(len(plain(c)) > 70 for c in names):
        return False
    roles = [column_role(c) for c in names]
    known = [r for r in roles if r]
    if len(set(known)) != len(known):
        return False  # a data row repeating a value ("Complete", "Complete")
    if sum(1 for c, r in zip(names, roles, strict=True) if not r and len(plain(c)) > 40) > 1:
        return False
    if len(known) >= 2 and len(known) * 2 >= len(names):
        return True
    if len(known) >= 2 and all(len(plain(c).split()) <= 6 for c in names):
        return True  # a wide table whose other columns have names of their own
    # A short label row ("Objective | Title") that names a column: a non-action table header.
    return bool(known) and all(
        len(plain(c).split()) <= 3 and not re.search(r"\d", c) for c in names
    )


@dataclass
class Header:
    """A recognised header row: one role per column (``None`` for unknown ones).

    ``merged_into`` maps an unnamed column to the named column on its left: exports often
    split one logical column ("Activity") in two, the ref in one half and the text in the
    other. ``year`` is a year printed in a date column's name ("When (2022)").
    """

    names: list[str]
    roles: list[str | None]
    year: int | None = None

    def signature(self) -> tuple[str | None, ...]:
        return tuple(r for r in self.roles if r)

    def has(self, role: str) -> bool:
        return role in self.roles

    def is_action_table(self) -> bool:
        """Rows are actions: an action column, or a text column with status/date columns."""
        if self.has("action") or self.has("narrative"):
            return True
        if self.has("risk") or self.has("milestone"):
            return False
        return self.has("status") and (self.has("due") or self.has("start"))

    def assign(self, cells: list[str]) -> dict[str, list[str]]:
        """Map a row's cells to roles, merging unnamed columns into their left neighbour."""
        names = self.names
        roles = list(self.roles)
        if len(cells) != len(names):
            # A row with fewer cells than the header has lost the unnamed spacer columns.
            keep = [i for i, n in enumerate(names) if n.strip()]
            if len(cells) == len(keep):
                names = [names[i] for i in keep]
                roles = [roles[i] for i in keep]
        out: dict[str, list[str]] = {}
        last_role: str | None = None
        for i, cell in enumerate(cells):
            if i < len(names):
                role = roles[i]
                if not names[i].strip():
                    role = last_role
                elif role is None:
                    role = f"col{i}"
            else:
                role = last_role
            if role is None:
                role = f"col{i}"
            last_role = role
            if cell.strip():
                out.setdefault(role, []).append(cell)
        return out


def read_header(cells: list[str]) -> Header:
    """Build a :class:`Header`; the first text-like unknown column becomes the action column
    when a table has status/date columns but no column named as actions."""
    roles = [column_role(c) if c.strip() else None for c in cells]
    year = None
    for cell, role in zip(cells, roles, strict=True):
        if role in {"due", "start"}:
            m = re.search(r"\b(20\d\d)\b", cell)
            if m:
                year = int(m.group(1))
    header = Header(list(cells), roles, year)
    if (
        not header.has("action")
        and header.has("status")
        and (header.has("due") or header.has("start"))
    ):
        for i, (cell, role) in enumerate(zip(cells, roles, strict=True)):
            if cell.strip() and role in {None, "section"}:
                header.roles[i] = "action"
                break
    if not header.has("due") and header.has("status") and header.has("action"):
        # The date column beside the status has a name of its own ("First Report Issue").
        idx = header.roles.index("status")
        if idx > 0 and header.roles[idx - 1] is None and cells[idx - 1].strip():
            header.roles[idx - 1] = "due"
    if not header.has("action") and header.has("section") and header.has("ref"):
        # An unnamed long column beside a numbered recommendation holds the narrative plan.
        for i, (cell, role) in enumerate(zip(cells, roles, strict=True)):
            if cell.strip() and role is None:
                header.roles[i] = "narrative"
                break
    return header
