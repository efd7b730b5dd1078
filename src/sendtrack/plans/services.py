"""Every change a user makes to a plan: one function each, one transaction, audited, and
refused when someone else saved first (the `version` check), never silently overwritten.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.domain.rag import OverrideWithoutReason

from .models import Action, ProgressUpdate, Rag, Risk, Status
from .selectors import action_rag


@dataclass(frozen=True)
class Change:
    """One field someone else changed: what it was when you opened the page, what it is now."""

    field: str
    label: str
    was: Any
    now: Any
    by: str
    at: Any


class StaleEdit(Exception):
    """Someone saved this record after you opened it; your change was not saved."""

    def __init__(self, changes: list[Change]):
        self.changes = changes
        super().__init__("This record was changed by someone else after you opened it.")


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


def changes_since(record: Action | Risk, version: int) -> list[Change]:
    """What others changed on `record` after `version`, from its audit history."""
    history = list(record.history.filter(version__gte=version).order_by("history_date"))
    if len(history) < 2:
        return []
    changes: list[Change] = []
    for older, newer in zip(history, history[1:], strict=False):
        delta = newer.diff_against(older)
        for change in delta.changes:
            if change.field in {"version", "updated_at", "last_activity_on"}:
                continue
            label = record._meta.get_field(change.field).verbose_name
            changes.append(
                Change(
                    field=change.field,
                    label=str(label).capitalize(),
                    was=change.old,
                    now=change.new,
                    by=str(newer.history_user or "someone"),
                    at=newer.history_date,
                )
            )
    return changes


def _lock(model: type[Action] | type[Risk], pk: int, expected_version: int) -> Any:
    record = model.objects.select_for_update().get(pk=pk)
    if record.version != expected_version:
        raise StaleEdit(changes_since(record, expected_version))
    return record


def _audited_save(record: Any, user: User | None) -> None:
    record._history_user = user
    record.version += 1
    record.save()


@transaction.atomic
def update_action(
    *, action_id: int, user: User | None, expected_version: int, changes: dict[str, Any]
) -> Action:
    """Change an action's fields. A manual RAG needs a reason, and clearing it clears both."""
    unknown = set(changes) - set(ACTION_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    action = _lock(Action, action_id, expected_version)
    for field, value in changes.items():
        setattr(action, field, value)
    if action.rag_override and not (action.rag_override_reason or "").strip():
        raise OverrideWithoutReason("A manual RAG rating needs a reason.")
    if not action.rag_override:
        action.rag_override_reason = ""
    _audited_save(action, user)
    return action


@transaction.atomic
def add_progress_update(
    *,
    action_id: int,
    user: User | None,
    expected_version: int,
    status: str,
    commentary: str,
    on: date | None = None,
    evidence_links: list[str] | None = None,
) -> ProgressUpdate:
    """Record progress on an action: its status moves, and its RAG is kept with the update."""
    action = _lock(Action, action_id, expected_version)
    on = on or timezone.localdate()
    action.status = Status(status)
    action.status_raw = Status(status).label
    action.last_activity_on = max(on, action.last_activity_on or on)
    _audited_save(action, user)
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
    update._history_user = user
    update.save()
    return update


@transaction.atomic
def archive_action(*, action_id: int, user: User | None, expected_version: int) -> Action:
    """Take an action out of the plan; it and its history are kept, never deleted."""
    action = _lock(Action, action_id, expected_version)
    action.archived_at = timezone.now()
    _audited_save(action, user)
    return action


@transaction.atomic
def restore_action(*, action_id: int, user: User | None, expected_version: int) -> Action:
    action = _lock(Action, action_id, expected_version)
    action.archived_at = None
    _audited_save(action, user)
    return action


@transaction.atomic
def update_risk(
    *, risk_id: int, user: User | None, expected_version: int, changes: dict[str, Any]
) -> Risk:
    unknown = set(changes) - set(RISK_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    risk = _lock(Risk, risk_id, expected_version)
    for field, value in changes.items():
        setattr(risk, field, value)
    if risk.rag and risk.rag not in Rag.values:
        raise ValueError(f"Unknown RAG {risk.rag}")
    _audited_save(risk, user)
    return risk
