"""The attributes django-simple-history reads from a record at save, named in one place.

The library ships no types and adds `history` and these attributes at run time, so the type
checker cannot see them; these helpers are the one place that sets them.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import Manager, Model


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


def history_of(record: Model) -> Manager[Any]:
    """The record's history rows (simple_history's `history` manager on its model)."""
    history: Manager[Any] = record.history  # type: ignore[attr-defined]  # HistoricalRecords
    return history
