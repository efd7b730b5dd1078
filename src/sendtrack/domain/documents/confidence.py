"""How sure the reader is of what it read: which fields of an action a person should check.

The reader may give an action ``"confidence": {"action": 0.4, "owner": 0.9, …}`` (0 to 1);
a field it does not score, or an action with no scores at all, is read as certain (1.0), so
a reader that scores nothing asks for no checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from .detectors import ACTION_VERBS

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


DOUBTFUL: Final = 0.4
"""The confidence given to a field that reads as no such field, whatever the reader said."""

_PART_WAY_RE: Final = re.compile(
    r"(?<![\d.])[1-9]?\d\s?%|\b(?:still|remaining|further|awaiting|yet to|but|however|next)\b",
    re.I,
)
_VERDICT_FIRST_RE: Final = re.compile(
    r"^(?:[^.;]{0,15}?[\u2013:-]\s*)?\W*"  # "B – Complete.", "Jan 2026: Complete – …"
    r"(?:complete[d]?|done|achieved|finished|delivered|closed|signed off|in place)\b",
    re.I,
)


def with_doubts(action: dict[str, Any]) -> dict[str, Any]:
    """The action with its confidence lowered in a field that cannot be what it says: a
    lead that opens as an action does ("Write", "Circulate a save-the-date for …"), or a
    finished status read from a progress note that tells of work still to do ("Two sessions
    delivered; 60% of staff trained"). The person is asked to check rather than told."""
    doubts: dict[str, float] = {}
    owner = str(action.get("owner") or "")
    first = owner.split(" ", 1)[0]
    if owner and (
        (first.lower() in ACTION_VERBS and not first.isupper()) or len(owner.split()) > 12
    ):
        doubts["owner"] = DOUBTFUL
    said = str(action.get("status_raw") or "")
    if (
        action.get("status") in {"complete", "closed"}
        and len(said.split()) > 4
        and not _VERDICT_FIRST_RE.match(said)
        and _PART_WAY_RE.search(said)
    ):
        doubts["status"] = DOUBTFUL
    if not doubts:
        return action
    scores = action.get("confidence")
    known = dict(scores) if isinstance(scores, Mapping) else {}
    for field, value in doubts.items():
        known[field] = min(field_confidence(action, field), value)
    return {**action, "confidence": known}
