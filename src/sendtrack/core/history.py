"""One audit trail for every record: who changed it, when, and which fields, read from its
django-simple-history `history` on whichever database holds it.

Pages show it with `templates/includes/history.html`, so an action, a risk, an assessment, a
person and a SENDIASS account all read the same way. The stale-edit check in `editing` reads
the same history to say what someone else changed.

The library ships no types and adds `history` and the attributes it reads at save at run time,
so the type checker cannot see them: `history_of`, `note_changed_by`, `note_change_reason` and
`history_paused` are the one place that names them.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Manager, Model
from django.utils import timezone
from django.utils.text import capfirst

from sendtrack.domain.dates import format_date

# Fields that move on every save and say nothing to the person reading the history.
HOUSEKEEPING = frozenset({"version", "updated_at", "last_activity_on"})

_KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


EMPTY = "(empty)"


@dataclass(frozen=True)
class FieldChange:
    """One field's change as people read it: "Status: In progress → Delayed"."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    changes: list[FieldChange] = field(default_factory=list)
    # Why, when the change said so ("Merged into action 1.2", "Loaded from plan.docx").
    reason: str = ""


def field_label(record: Model, name: str) -> str:
    """The field's name as people read it ("Due date"), for history and stale-edit messages."""
    try:
        found = record._meta.get_field(name)
    except FieldDoesNotExist:
        found = None
    if isinstance(found, Field):
        return capfirst(str(found.verbose_name))
    return capfirst(name.replace("_", " "))


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
        reason = getattr(newer, "history_change_reason", None) or ""
        entries.append(HistoryEntry(newer.history_date, name(newer), what, changes, reason))
    return entries


def _changes(record: Model, newer: Any, older: Any) -> list[FieldChange]:
    if older is None or newer.history_type != "~":
        return []
    changes = [c for c in newer.diff_against(older).changes if c.field not in HOUSEKEEPING]
    shown = values_shown(record, [(c.field, value) for c in changes for value in (c.old, c.new)])
    return [
        FieldChange(field_label(record, change.field), shown[2 * n], shown[2 * n + 1])
        for n, change in enumerate(changes)
    ]


def values_shown(record: Model, values: Sequence[tuple[str, Any]]) -> list[str]:
    """Each (field name, stored value) of `record`'s model as people read it: a choice by its
    label ("In progress", not "in_progress"), a date as "31 March 2025", Yes or No, linked
    records by their names (found in one query per kind of record), nothing as "(empty)"."""
    linked: dict[type[Model], set[Any]] = defaultdict(set)
    for name, value in values:
        model = _linked_model(record, name)
        if model is not None:
            linked[model].update(_linked_ids(model, value))
    found = {
        model: model._base_manager.using(record._state.db).in_bulk(list(pks))
        for model, pks in linked.items()
    }
    shown = []
    for name, value in values:
        model = _linked_model(record, name)
        if model is None:
            shown.append(_value_shown(record, name, value))
            continue
        names = [str(found[model].get(pk, "(deleted)")) for pk in _linked_ids(model, value)]
        shown.append("; ".join(sorted(names)) or EMPTY)
    return shown


def _linked_model(record: Model, name: str) -> type[Model] | None:
    """The model a foreign key or many-to-many field of `record` links to."""
    try:
        found = record._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    model = found.related_model if found.is_relation else None
    return model if isinstance(model, type) and issubclass(model, Model) else None


def _linked_ids(model: type[Model], value: Any) -> list[Any]:
    """A foreign key's stored id, or the ids in a many-to-many field's history rows
    ({"indicator": 1, "action": 7})."""
    if value is None:
        return []
    if isinstance(value, list):
        key = model._meta.model_name or ""
        return [row[key] for row in value if isinstance(row, dict) and key in row]
    return [value]


def _value_shown(record: Model, name: str, value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        when = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{format_date(when.date())} {when:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    labels = _choice_labels(record, name)
    return str(labels.get(value, value) if labels else value)


def _choice_labels(record: Model, name: str) -> dict[Any, Any]:
    try:
        found = record._meta.get_field(name)
    except FieldDoesNotExist:
        return {}
    return dict(found.flatchoices) if isinstance(found, Field) and found.choices else {}


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
