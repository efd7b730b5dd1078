"""How sure the reader is of what it read: which fields of an action a person should check.

The reader may give an action ``"confidence": {"action": 0.4, "owner": 0.9, …}`` (0 to 1);
a field it does not score, or an action with no scores at all, is read as certain (1.0), so
a reader that scores nothing asks for no checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

LOW: Final = 0.6
"""Below this a field is shown highlighted with "Check" on the preview."""

FIELDS: Final = ("owner", "due", "status", "section", "ref")
"""The fields scored besides ``action`` (whether the row is an action at all)."""


def field_confidence(action: Mapping[str, Any], field: str) -> float:
    """The reader's confidence in one field of ``action`` (``"action"`` for the row itself)."""
    scores = action.get("confidence")
    if not isinstance(scores, Mapping):
        return 1.0
    value = scores.get(field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 1.0
    return min(max(float(value), 0.0), 1.0)


def low_fields(action: Mapping[str, Any]) -> list[str]:
    """The fields (not the row itself) read with low confidence, in a fixed order."""
    return [field for field in FIELDS if field_confidence(action, field) < LOW]


def needs_check(action: Mapping[str, Any]) -> bool:
    """Whether a person should check the row: it may not be an action, or a field is unsure."""
    return field_confidence(action, "action") < LOW or bool(low_fields(action))
