"""A tracker pasted into minutes or an e-mail as lines of fields between dashes.

"1.1 - Relaunch the toolkit to all schools - SL - 28/02/2025 - A", one action a line under
each workstream's heading, an action log's "AL/24/31 - Circulate the dashboard - KM -
Complete": the dashes are the table's column rules. Runs of such lines are made TAB rows
under a header of what each field is (its ref, its words, then its lead, date, RAG or
status as the field reads), so the table rules read them as the tracker they were; a line
the export wrapped is joined to the line it carries on.
"""

from __future__ import annotations

import re

from sendtrack.domain.dates import names_a_date

from .status import normalise_status, read_rag

__all__ = ["dashed_rows"]

_DASHED_RE = re.compile(
    r"^\s*(?P<ref>[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?|[A-Z]{1,4}/\d{2}/\d{2,3})"
    r"\s+[-\u2013]\s+\S"
)
"""A line opening with its ref and a dash ("1.1 - …", "AL/24/31 - …")."""
_SPLIT_RE = re.compile(r" [-\u2013] ")
_FIELDS = 4
"""The fewest fields a line holds to be a row: its ref, its words and two more."""
_RUN = 3
"""The fewest such lines that make a table, not a sentence or two with dashes."""
_NAMES = {"ref": "Ref", "action": "Action", "owner": "Owner", "due": "Due", "rag": "RAG"}


def dashed_rows(text: str) -> str:
    """Runs of dashed lines as TAB rows under a header; any other text as it is."""
    if " - " not in text and " \u2013 " not in text:
        return text
    lines = _joined(text.split("\n"))
    rows = [_fields(line) for line in lines]
    if sum(1 for row in rows if row) < _RUN:
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and rows[end]:
            end += 1
        if end - i >= _RUN:
            out.extend(_table([row for row in rows[i:end] if row]))
            i = end
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _joined(lines: list[str]) -> list[str]:
    """A dashed line with too few fields joined to the indented line that carries it on."""
    out: list[str] = []
    for line in lines:
        above = out[-1] if out else ""
        carries = line[:1].isspace() and line.strip() and _DASHED_RE.match(above)
        if carries and len(_SPLIT_RE.split(above.strip())) < _FIELDS:
            out[-1] = f"{above.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _fields(line: str) -> list[str] | None:
    if not _DASHED_RE.match(line):
        return None
    fields = [field.strip() for field in _SPLIT_RE.split(line.strip())]
    return fields if len(fields) >= _FIELDS else None


def _table(rows: list[list[str]]) -> list[str]:
    """The rows under a header naming each field's role, the roles read from the fields
    after the words (a date, a RAG, a status, else the lead)."""
    counts = [len(row) for row in rows]
    width = max(set(counts), key=counts.count)  # most rows'; more: a dash in the words
    rows = [[row[0], " - ".join(row[1 : len(row) - width + 2]), *row[len(row) - width + 2 :]]
            if len(row) > width else row for row in rows]  # fmt: skip
    roles = ["ref", "action"] + [
        _role([row[k] for row in rows if k < len(row)]) for k in range(2, width)
    ]
    header = [_NAMES.get(role, role.title()) for role in roles]
    return ["\t".join(header), *("\t".join(row + [""] * (width - len(row))) for row in rows)]


def _role(cells: list[str]) -> str:
    """What a column of fields holds, as most of its cells read."""
    votes = {"due": 0, "rag": 0, "status": 0, "owner": 0}
    for cell in cells:
        if read_rag(cell) and len(cell) <= 6:
            votes["rag"] += 1
        elif names_a_date(cell):
            votes["due"] += 1
        elif normalise_status(cell):
            votes["status"] += 1
        else:
            votes["owner"] += 1
    return max(votes, key=lambda role: votes[role])
