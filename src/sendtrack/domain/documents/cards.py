"""A public page's cards: one commitment a card, its actions and its fields by label.

A Local Offer page tells families what the partnership promised card by card (an accordion
section each): "What we will do" over the actions (a sentence, or a short list), then
"Who is leading this: …", "How it's going: Delayed" with the story of the term below it,
"How we will know it is working" over its measures, "Date: April 2026"; a poster's card
says "WE SAID WE WOULD…" over its promise and "Running late When: April 2026". Read line by line,
the story reads as actions and the fields fill only the line above them. So each card is
made a table, a row an action, each with the card's lead, status, date and measures, as
the table rules read a tracker; the story is the status's telling, not an action.
"""

from __future__ import annotations

import re

from .columns import column_role
from .layout import field_line
from .status import normalise_status

__all__ = ["cards_as_rows"]

_FIELDS = {"owner": "Lead", "status": "Status", "due": "Date", "measures": "Measures"}
_CARDS = 2
"""How many cards a page must have to be read as cards, not one paragraph's label."""
_LABEL_WORDS = 8


def cards_as_rows(text: str) -> str:
    """The page with each card ("What we will do" over its actions, then its labelled
    fields) as a table of its actions; a page of fewer cards as it is."""
    lines = text.split("\n")
    starts = [at for at, line in enumerate(lines) if _names_the_actions(line)]
    if len(starts) < _CARDS:
        return text
    out: list[str] = []
    done = 0
    for start in starts:  # each card ends where the next one's label starts, or before
        end = _card_end(lines, start + 1)
        table = _card_table(lines[start + 1 : end])
        if table is None:
            continue
        out.extend(lines[done : start + 1])  # the label stays: the table before is done
        out.extend([*table, ""])
        done = end
    out.extend(lines[done:])
    return "\n".join(out)


_WHAT_WE_WILL_DO_RE = re.compile(
    r"(?i)^(?:what (?:we|the (?:council|partnership|local area|icb|nhs)) (?:will|are going to|"
    r"plan to|said we would|promised to) do|we said we(?: would|[\u2019']d)|we promised to)"
    r"\s*(?::|\u2026|\.\.\.)?$"
)
_TAGGED_WHEN_RE = re.compile(r"^(?P<status>[A-Za-z][\w ]{1,30}?)\s+When:\s*(?P<when>\S.*)$")
"""A poster's card's tag and date on one line: "Running late When: April 2025"."""


def _names_the_actions(line: str) -> bool:
    """A card's label over its actions: "What we will do", alone on its line."""
    return _WHAT_WE_WILL_DO_RE.match(line.strip()) is not None


def _card_end(lines: list[str], at: int) -> int:
    """Where the card ends: at the next heading, or the next card's label."""
    while at < len(lines) and not (lines[at].startswith("#") or _names_the_actions(lines[at])):
        at += 1
    return at


def _card_table(body: list[str]) -> list[str] | None:
    """The card's actions as rows under a header of its fields; None where the card has
    no actions or no field (a label over a paragraph, not a card)."""
    actions: list[str] = []
    fields: dict[str, list[str]] = {}
    role: str | None = None  # the field the lines below a label go on with
    listed = False  # whether the actions are a list's items
    for raw in body:
        line = raw.strip()
        if "\t" in line:
            return None  # a table in the card: its rows read as they are
        if not line:
            continue
        labelled = field_line(line.replace("\u2019", "'"))  # "How it’s going: Delayed"
        named = column_role(line.rstrip(":")) if len(line.split()) <= _LABEL_WORDS else None
        tagged = _TAGGED_WHEN_RE.match(line)
        if tagged is not None and normalise_status(tagged["status"]) is not None:
            role = "status"
            fields.setdefault("status", []).append(tagged["status"])
            fields.setdefault("due", []).append(tagged["when"])
        elif labelled is not None and labelled[0] in _FIELDS:
            role = labelled[0]
            fields.setdefault(role, []).append(labelled[1].strip())
        elif named in _FIELDS:
            role = named  # "How we will know it is working"
            fields.setdefault(named, [])
        elif role == "measures":
            fields["measures"].append(line.lstrip("-* ").strip())
        elif role is None and (line.startswith(("-", "*")) or not actions or listed):
            listed = line.startswith(("-", "*"))
            actions.append(line.lstrip("-* ").strip())
        elif role is None:
            actions[-1] = f"{actions[-1]} {line}"  # a paragraph's next line
        # else: the story told under the status, or more of a field: no action
    told = [key for key in ("owner", "status", "due") if any(fields.get(key, []))]
    if not actions or not told or any(len(fields[key]) > 1 for key in told):
        return None  # no field of the card's own, or each action with its own (a plan's)
    names = [name for key, name in _FIELDS.items() if key in fields]
    values = ["<br>".join(v for v in fields[key] if v) for key in _FIELDS if key in fields]
    header = "\t".join(["Action", *names])
    return [header, *("\t".join([_one_line(action), *values]) for action in actions)]


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)
