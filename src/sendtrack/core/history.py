"""One audit trail for every record: who changed it, when, and which fields, read from its
django-simple-history `history` on whichever database holds it.

Pages show it with `templates/includes/history.html`, so an action, a risk, an assessment, a
person and a SENDIASS account all read the same way. The stale-edit check in `editing` reads
the same history to say what someone else changed.

The library ships no types and adds `history` and the attributes it reads at save at run time,
so the type checker cannot see them: `history_of`, `note_changed_by`, `note_change_reason` and
`history_paused` are the one place that names them.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Manager, Model

# Fields that move on every save and say nothing to the person reading the history.
HOUSEKEEPING = frozenset({"version", "updated_at", "last_activity_on"})

_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    changes: list[FieldChange] = field(default_factory=list)


def field_label(record: Model, name: str) -> str:
    """The field's name as people read it ("Due date"), for history and stale-edit messages."""
    try:
        found = record._meta.get_field(name)
    except FieldDoesNotExist:
        found = None
    if isinstance(found, Field):
        return str(found.verbose_name).capitalize()
    return name.replace("_", " ").capitalize()


def audit_trail(
    record: Model,
    *,
    limit: int = 50,
    who: Callable[[Any], str] | None = None,
    nobody: str = "sendtrack",
) -> list[HistoryEntry]:
    """Who changed `record` and what, newest first.

    `who` names the person behind a history row when `history_user` is not a sign-in on the
    same database (SENDIASS keeps a staff number); rows with no one behind them (imports,
    commands) read `nobody`.
    """
    rows = history_of(record).order_by("-history_date", "-history_id")
    if _user_is_related(rows.model):
        rows = rows.select_related("history_user")
    history = list(rows[:limit])
    name = who or _signed_in_name(nobody)
    entries = []
    for newer, older in zip(history, [*history[1:], None], strict=False):  # none: no rows
        changes = _changes(record, newer, older)
        what = _KINDS.get(newer.history_type, "Changed")
        if getattr(newer, "archived_at", None) and older is not None and not older.archived_at:
            what = "Archived"
        entries.append(HistoryEntry(newer.history_date, name(newer), what, changes))
    return entries


def _changes(record: Model, newer: Any, older: Any) -> list[FieldChange]:
    if older is None or newer.history_type != "~":
        return []
    return [
        FieldChange(field_label(record, change.field), change.old, change.new)
        for change in newer.diff_against(older).changes
        if change.field not in HOUSEKEEPING
    ]


def _user_is_related(model: type[Model]) -> bool:
    try:
        return model._meta.get_field("history_user").is_relation
    except FieldDoesNotExist:
        return False


def _signed_in_name(nobody: str) -> Callable[[Any], str]:
    def name(row: Any) -> str:
        return str(row.history_user) if row.history_user is not None else nobody

    return name


def history_of(record: Model) -> Manager[Any]:
    """The record's history rows (simple_history's `history` manager on its model)."""
    history: Manager[Any] = record.history  # type: ignore[attr-defined]  # HistoricalRecords
    return history


def note_changed_by(record: Model, by: Model | None) -> None:
    """Name who makes the record's next save in its history (None: nobody, not even the
    signed-in user of the request that simple_history would name otherwise)."""
    record._history_user = by  # type: ignore[attr-defined]  # read by simple_history at save


def note_change_reason(record: Model, reason: str) -> None:
    """Say why, in the history record of the record's next save."""
    record._change_reason = reason  # type: ignore[attr-defined]  # read by simple_history at save


@contextmanager
def history_paused(record: Model) -> Iterator[None]:
    """Saves of the record (and changes to its many-to-many links) inside make no history
    record: for a change that the caller's next save records as one."""
    record.skip_history_when_saving = True  # type: ignore[attr-defined]  # read by simple_history
    try:
        yield
    finally:
        del record.skip_history_when_saving  # type: ignore[attr-defined]  # set just above
