"""One way to change a record someone else may be changing: lock it through a queryset scoped
to the caller's partnership (or the SENDIASS database), refuse the save when someone saved
first and say what they changed, and save with the audit trail.

Every editable record has a `version` and a django-simple-history `history`. Works on either
database: the queryset carries its own.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

from sendtrack.core.history import (
    HOUSEKEEPING,
    field_label,
    history_of,
    note_changed_by,
    values_shown,
)


@dataclass(frozen=True)
class Change:
    """One field someone else changed: what it was when you opened the page, what it is now,
    as people read them (core.history.values_shown)."""

    field: str
    label: str
    was: str
    now: str
    by: str
    at: Any


UNLISTED = "Something linked to this record was added or changed after you opened the page."


class StaleEdit(Exception):
    """Someone saved this record after you opened it; your change was not saved.

    `changes` are the record's own fields others changed; `updates` what they added to it
    (progress updates, for an action); `unlisted` says in words what happened when neither
    names it. Pages show the exception (as `stale`), so the refusal is shown even when no
    field differs.
    """

    def __init__(
        self, changes: list[Change], *, updates: list[Any] | None = None, unlisted: str = UNLISTED
    ):
        self.changes = changes
        self.updates = updates or []
        self.unlisted = unlisted
        super().__init__("This record was changed by someone else after you opened it.")


def changes_since(record: Model, version: int) -> list[Change]:
    """What others changed on `record` after `version`, from its audit history."""
    history = list(history_of(record).filter(version__gte=version).order_by("history_date"))
    changes: list[Change] = []
    for older, newer in zip(history, history[1:], strict=False):
        found = [c for c in newer.diff_against(older).changes if c.field not in HOUSEKEEPING]
        shown = values_shown(record, [(c.field, v) for c in found for v in (c.old, c.new)])
        for n, change in enumerate(found):
            changes.append(
                Change(
                    field=change.field,
                    label=field_label(record, change.field),
                    was=shown[2 * n],
                    now=shown[2 * n + 1],
                    by=str(newer.history_user or "someone"),
                    at=newer.history_date,
                )
            )
    return changes


def refuse_uneditable(names: Iterable[str], editable: Iterable[str]) -> None:
    """A service's guard: a change may name only the fields its form edits (a programming
    error otherwise, never a user's)."""
    unknown = set(names) - set(editable)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")


def lock(
    queryset: QuerySet[Any], pk: int, expected_version: int | None, *, unlisted: str = UNLISTED
) -> Any:
    """The record `pk` from a scoped queryset, locked for this transaction.

    A record outside the scope is not found (DoesNotExist), whoever calls. With an
    `expected_version` that is not the record's, StaleEdit says what others changed (and
    `unlisted`, in words, when what changed is linked to the record rather than in it); None
    is only for a change nobody opened in a form (an append, an import, a command).
    """
    record = queryset.select_for_update().get(pk=pk)
    if expected_version is not None and record.version != expected_version:
        raise StaleEdit(changes_since(record, expected_version), unlisted=unlisted)
    return record


def audited_save(record: Any, by: Any) -> None:
    """Save recording who saved it in the history; a change moves an existing record's
    version (a new record starts at its first)."""
    note_changed_by(record, by)
    if not record._state.adding:
        record.version += 1
    record.save()
