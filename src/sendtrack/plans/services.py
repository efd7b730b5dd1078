"""Every change a user makes to a plan: one function each, one transaction, audited, and
refused when someone else saved first (the `version` check), never silently overwritten.
A progress update is the exception: it adds to the record rather than overwriting it, so it is
always kept, and what others saved since the form was opened is reported instead.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Partnership, User
from sendtrack.core.editing import Change, StaleEdit, audited_save, changes_since, lock
from sendtrack.core.history import note_changed_by
from sendtrack.domain.rag import OverrideWithoutReason

from .models import Action, ProgressUpdate, Rag, Risk, Status
from .selectors import action_rag


@dataclass(frozen=True)
class SinceOpened:
    """What others saved on an action after a form was opened at a version."""

    changes: list[Change]
    updates: list[ProgressUpdate]

    def __bool__(self) -> bool:
        return bool(self.changes or self.updates)


@dataclass(frozen=True)
class AddedUpdate:
    """A progress update that was stored, and what others had saved since the form opened."""

    update: ProgressUpdate
    since_opened: SinceOpened


ACTION_EDITABLE_FIELDS = (
    "ref",
    "text",
    "owner_raw",
    "partners",
    "due_raw",
    "due",
    "due_precision",
    "status",
    "status_raw",
    "rag_override",
    "rag_override_reason",
    "measures",
)
RISK_EDITABLE_FIELDS = (
    "title",
    "detail",
    "likelihood",
    "impact",
    "rag",
    "mitigation",
    "owner_raw",
    "review_date",
    "status",
)


def updates_since(action: Action, version: int) -> list[ProgressUpdate]:
    """The progress updates added to `action` after it was at `version`.

    Each update is saved in the transaction that moves the action to its next version, just
    after the action, so the updates since `version` are those made from the moment the
    action's history first shows a later version."""
    after = (
        action.history.filter(version__gt=version)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if after is None:
        return []
    return list(
        action.updates.filter(created_at__gte=after)
        .select_related("author")
        .order_by("created_at", "id")
    )


def _lock_action(partnership: Partnership, action_id: int, expected_version: int) -> Action:
    """The partnership's action, locked; refused with what changed, and the progress updates
    added, when someone saved it after `expected_version`."""
    try:
        return lock(Action.objects.filter(partnership=partnership), action_id, expected_version)
    except StaleEdit as stale:
        action = Action.objects.get(partnership=partnership, pk=action_id)
        raise StaleEdit(stale.changes, updates=updates_since(action, expected_version)) from None


@transaction.atomic
def update_action(
    *,
    partnership: Partnership,
    action_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
) -> Action:
    """Change an action's fields. A manual RAG needs a reason, and clearing it clears both."""
    unknown = set(changes) - set(ACTION_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    action = _lock_action(partnership, action_id, expected_version)
    for field, value in changes.items():
        setattr(action, field, value)
    if action.rag_override and not (action.rag_override_reason or "").strip():
        raise OverrideWithoutReason("A manual RAG rating needs a reason.")
    if not action.rag_override:
        action.rag_override_reason = ""
    audited_save(action, user)
    return action


# A progress update sets these itself, so others' changes to them are not news to its author.
SET_BY_AN_UPDATE = frozenset({"status", "status_raw"})


@transaction.atomic
def add_progress_update(
    *,
    partnership: Partnership,
    action_id: int,
    user: User | None,
    status: str,
    commentary: str,
    seen_version: int | None = None,
    on: date | None = None,
    evidence_links: list[str] | None = None,
) -> AddedUpdate:
    """Record progress on an action: the update is always stored (it adds, it overwrites
    nothing), the action's status follows the newest update, and the RAG is kept with it.

    `seen_version` is the action's version when the form was opened: what others saved
    since is returned with the update, to be told to its author, never a reason to refuse it.
    """
    action = lock(Action.objects.filter(partnership=partnership), action_id, None)
    since = SinceOpened(changes=[], updates=[])
    if seen_version is not None and action.version != seen_version:
        since = SinceOpened(
            changes=[
                change
                for change in changes_since(action, seen_version)
                if change.field not in SET_BY_AN_UPDATE
            ],
            updates=updates_since(action, seen_version),
        )
    on = on or timezone.localdate()
    newest = action.updates.order_by("-date").values_list("date", flat=True).first()
    if newest is None or on >= newest:
        action.status = Status(status)
        action.status_raw = Status(status).label
    action.last_activity_on = max(on, action.last_activity_on or on)
    audited_save(action, user)
    update = ProgressUpdate(
        partnership_id=action.partnership_id,
        action=action,
        date=on,
        author=user,
        status=status,
        rag=action_rag(action, timezone.localdate()).rag.value,
        commentary=commentary,
        evidence_links=evidence_links or [],
    )
    note_changed_by(update, user)
    update.save()
    return AddedUpdate(update=update, since_opened=since)


@transaction.atomic
def archive_action(
    *, partnership: Partnership, action_id: int, user: User | None, expected_version: int
) -> Action:
    """Take an action out of the plan; it and its history are kept, never deleted."""
    action = _lock_action(partnership, action_id, expected_version)
    action.archived_at = timezone.now()
    audited_save(action, user)
    return action


@transaction.atomic
def restore_action(
    *, partnership: Partnership, action_id: int, user: User | None, expected_version: int
) -> Action:
    action = _lock_action(partnership, action_id, expected_version)
    action.archived_at = None
    audited_save(action, user)
    return action


@transaction.atomic
def update_risk(
    *,
    partnership: Partnership,
    risk_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
) -> Risk:
    unknown = set(changes) - set(RISK_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    risk = lock(Risk.objects.filter(partnership=partnership), risk_id, expected_version)
    for field, value in changes.items():
        setattr(risk, field, value)
    if risk.rag and risk.rag not in Rag.values:
        raise ValueError(f"Unknown RAG {risk.rag}")
    audited_save(risk, user)
    return risk
