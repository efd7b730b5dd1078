"""A tracking app's JSON export read as the table it lists.

Apps export their actions as an array of objects (or an object holding one), each with
nested objects for its owner, status and workstream ("owner": {"display_name": …},
"status": {"label": "In progress", "rag": "AMBER"}) and lists for its measures. Here each
object is a row and each key a column, named as a person would ("due_date" › "due date"):
a nested object is its shown name (its "display_name", "name", "label" …), with any of its
keys that names a field of its own ("rag") a column too; a list of words is a cell of
paragraphs; a list of objects (a history of updates) and the app's own ids are left out.

A board app (Trello) exports the whole board: its cards beside its lists, labels, members
and a history of what was done. The records are then the list whose objects are named and
dated work (a card's "name" and "due"), not the longest list, and a card's ids of other
objects ("idList", "idMembers", "idLabels") are read as those objects' names ("Doing", "Aisha
Rahman"); a card taken off the board ("closed": true) is no longer on it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .columns import column_role

__all__ = ["json_rows"]

_SHOWN = (
    "display_name",
    "full_name",
    "fullName",
    "name",
    "label",
    "title",
    "text",
    "value",
    "code",
)
"""The keys whose value a nested object is shown by, in the order an app would show them."""
_OWN_FIELDS = {"rag", "due"}


def json_rows(text: str) -> str | None:
    """The export's records as TAB rows under a header of its keys, or None when the text
    is no JSON, or holds no list of records."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    records = _records(data)
    if not records:
        return None
    names_by_id = _names_by_id(data)
    rows = [_cells(record, names_by_id) for record in records if not _archived(record)]
    names: list[str] = []
    for row in rows:  # a key no record fills is no column ("badges", a flag never set)
        names.extend(name for name, cell in row.items() if cell and name not in names)
    lines = ["\t".join(names)]
    lines.extend("\t".join(row.get(name, "") for name in names) for row in rows)
    return "\n".join(lines)


def _records(data: Any) -> list[dict[str, Any]]:
    """The list of objects that holds the work: of those the export holds (the array itself,
    or those an object holds: "items", a board's "cards" beside its "actions"), the one whose
    objects are named and dated work, else the longest."""
    found = [records for records in _lists(data) if records]
    return max(found, key=lambda records: (_named_work(records), len(records)), default=[])


def _lists(data: Any) -> list[list[dict[str, Any]]]:
    if isinstance(data, list):
        return [[item for item in data if isinstance(item, dict)]]
    if isinstance(data, dict):
        return [found for value in data.values() for found in _lists(value)]
    return []


def _named_work(records: list[dict[str, Any]]) -> bool:
    """Most objects have a name and a due date, as a task or a card has."""
    named = [r for r in records if any(k in r for k in _SHOWN) and any(_dated(k) for k in r)]
    return len(named) * 2 > len(records)


def _dated(key: str) -> bool:
    column = _column(key)
    return column_role(column) == "due" and not _BOOKKEEPING_RE.search(column)


def _names_by_id(data: Any) -> dict[str, str]:
    """Every object of the export that has an id, by it: its shown name."""
    names: dict[str, str] = {}
    for records in _lists(data):
        for record in records:
            if isinstance(record.get("id"), str) and (shown := _shown(record)):
                names.setdefault(record["id"], shown)
    return names


def _archived(record: dict[str, Any]) -> bool:
    """A board's card taken off it ("closed": true); an app's "archived" item may still be
    the plan's, closed."""
    return record.get("closed") is True


_BOOKKEEPING_RE = re.compile(
    r"(?i)\b(?:last|activity|view|created|modified|updated|pos|reminder|url|link|short)\b"
)
"""The app's keys about the record itself ("dateLastActivity", "created_at", "shortUrl",
"dueReminder"), not its work."""
_NAMED_AS = {"desc": "description"}
_ID_KEY_RE = re.compile(r"^ids?$|^id(?=[A-Z_])|[_ ]ids?$|(?<=[a-z])I[dD]s?$")
"""An id's key: "id", "idList", "owner_id", "ownerId"; not "paid" or "we_did"."""


def _column(key: str) -> str:
    """A key named as a person would name its column ("due_date", "dueDate": "due date")."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", key).replace("_", " ")
    column = " ".join(spaced.split()).lower()
    return _NAMED_AS.get(column, column)


def _cells(record: dict[str, Any], names_by_id: dict[str, str]) -> dict[str, str]:
    """A record's cells by column name."""
    cells: dict[str, str] = {}
    for key, value in record.items():
        name = _column(key)
        if _ID_KEY_RE.search(key):  # the app's own identifier, no ref of the plan's
            named = _named(value, names_by_id)
            if named and key.lower() not in {"id", "_id"}:
                cells[_column(_ID_KEY_RE.sub("", key))] = named  # "idList": the list's name
            continue
        if _BOOKKEEPING_RE.search(name):
            continue
        if isinstance(value, dict):
            cells[name] = _shown(value)
            for inner, inside in value.items():
                own = inner.replace("_", " ")
                if column_role(own) in _OWN_FIELDS and own not in record and _scalar(inside):
                    cells.setdefault(own, _text(inside))  # "status": {…, "rag": "AMBER"}
        elif isinstance(value, list):
            if all(_scalar(item) for item in value):
                cells[name] = "<br>".join(_text(item) for item in value if item is not None)
        else:
            cells[name] = _text(value)
    return cells


def _named(value: Any, names_by_id: dict[str, str]) -> str:
    """The names of the objects an id or a list of ids stands for ("Aisha Rahman")."""
    ids = value if isinstance(value, list) else [value]
    names = [names_by_id[i] for i in ids if isinstance(i, str) and names_by_id.get(i)]
    return "<br>".join(names)


def _shown(value: dict[str, Any]) -> str:
    return next((_text(value[k]) for k in _SHOWN if _scalar(value.get(k)) and value.get(k)), "")


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _text(value: Any) -> str:
    if value is None or value is False:
        return ""  # a flag not set ("closed": false) says nothing
    if value is True:
        return "Yes"
    return " ".join(str(value).split())  # no TAB or line break inside a cell
