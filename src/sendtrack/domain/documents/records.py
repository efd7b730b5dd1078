"""A tracking app's JSON export read as the table it lists.

Apps export their actions as an array of objects (or an object holding one), each with
nested objects for its owner, status and workstream ("owner": {"display_name": …},
"status": {"label": "In progress", "rag": "AMBER"}) and lists for its measures. Here each
object is a row and each key a column, named as a person would ("due_date" › "due date"):
a nested object is its shown name (its "display_name", "name", "label" …), with any of its
keys that names a field of its own ("rag") a column too; a list of words is a cell of
paragraphs; a list of objects (a history of updates) and the app's own ids are left out.
"""

from __future__ import annotations

import json
from typing import Any

from .columns import column_role

__all__ = ["json_rows"]

_SHOWN = ("display_name", "name", "label", "title", "text", "value", "code")
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
    rows = [_cells(record) for record in records]
    names: list[str] = []
    for row in rows:
        names.extend(name for name in row if name not in names)
    lines = ["\t".join(names)]
    lines.extend("\t".join(row.get(name, "") for name in names) for row in rows)
    return "\n".join(lines)


def _records(data: Any) -> list[dict[str, Any]]:
    """The longest list of objects: the array itself, or the one an object holds ("items")."""
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if isinstance(data, dict):
        found = [_records(value) for value in data.values() if isinstance(value, list | dict)]
        return max(found, key=len, default=[])
    return []


def _cells(record: dict[str, Any]) -> dict[str, str]:
    """A record's cells by column name."""
    cells: dict[str, str] = {}
    for key, value in record.items():
        name = key.replace("_", " ").strip()
        if name.lower() == "id" or name.lower().endswith(" id"):
            continue  # the app's own identifier, no ref of the plan's
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


def _shown(value: dict[str, Any]) -> str:
    return next((_text(value[k]) for k in _SHOWN if _scalar(value.get(k)) and value.get(k)), "")


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())  # no TAB or line break inside a cell
