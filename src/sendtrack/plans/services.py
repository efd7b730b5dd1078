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
from sendtrack.domain.risks import RATINGS

from .models import (
    Action,
    DatePrecision,
    Milestone,
    Plan,
    ProgressUpdate,
    Rag,
    Risk,
    Section,
    Status,
)
from .selectors import action_rag
from .storage import PATH_SEPARATOR


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
    "impact_rating",
    "residual_likelihood",
    "residual_impact_rating",
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
    _check_risk(risk)
    audited_save(risk, user)
    return risk


def _check_risk(risk: Risk) -> None:
    """A RAG or a rating the register cannot show is refused."""
    if risk.rag and risk.rag not in Rag.values:
        raise ValueError(f"Unknown RAG {risk.rag}")
    ratings = (risk.likelihood, risk.impact_rating, risk.residual_likelihood)
    for rating in (*ratings, risk.residual_impact_rating):
        if rating is not None and rating not in RATINGS:
            raise ValueError(f"Ratings run from 1 to 5, not {rating}")


# Building a plan in the app: a programme manager starts a plan and adds to it, as the
# importer would have. Each change is audited; changes to existing records are version-checked.


class SectionNotEmpty(Exception):
    """A section still holding live actions or sections cannot be archived: they would be
    hidden from the plan."""


def _next_position(queryset: Any) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _lock_plan(partnership: Partnership, plan_id: int) -> Plan:
    """The partnership's live plan, locked so two additions never take the same position."""
    return lock(
        Plan.objects.filter(partnership=partnership, archived_at__isnull=True), plan_id, None
    )


def _live_sections(partnership: Partnership) -> Any:
    return Section.objects.filter(partnership=partnership, archived_at__isnull=True)


def section_path(section: Section | None) -> str | None:
    """The section's titles, outermost first, as actions and milestones keep them."""
    titles = []
    while section is not None:
        titles.append(section.title)
        section = section.parent
    return PATH_SEPARATOR.join(reversed(titles)) or None


@transaction.atomic
def start_plan(
    *, partnership: Partnership, user: User | None, title: str, kind: str, as_at: date | None
) -> Plan:
    """An empty plan, to be built section by section in the app."""
    plan = Plan(
        partnership=partnership,
        title=title,
        kind=kind,
        as_at=as_at,
        as_at_raw=f"{as_at:%-d %B %Y}" if as_at else "",
    )
    audited_save(plan, user)
    return plan


@transaction.atomic
def add_section(
    *,
    partnership: Partnership,
    plan_id: int,
    user: User | None,
    title: str,
    ref: str = "",
    kind: str = "",
    parent_id: int | None = None,
) -> Section:
    """A section at the end of the plan, or of its parent's sections."""
    plan = _lock_plan(partnership, plan_id)
    parent = _live_sections(partnership).get(plan=plan, pk=parent_id) if parent_id else None
    section = Section(
        partnership=partnership,
        plan=plan,
        parent=parent,
        title=title,
        ref=ref or None,
        kind=kind,
        position=_next_position(plan.sections.all()),
    )
    audited_save(section, user)
    return section


SECTION_EDITABLE_FIELDS = ("title", "ref", "kind")


@transaction.atomic
def update_section(
    *,
    partnership: Partnership,
    section_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
) -> Section:
    unknown = set(changes) - set(SECTION_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    section = lock(_live_sections(partnership), section_id, expected_version)
    for field, value in changes.items():
        setattr(section, field, value)
    audited_save(section, user)
    return section


@transaction.atomic
def move_section(
    *,
    partnership: Partnership,
    section_id: int,
    user: User | None,
    expected_version: int,
    direction: str,
) -> bool:
    """Swap a section with the one before ("up") or after ("down") it under the same parent.
    False when it is already first or last there."""
    if direction not in {"up", "down"}:
        raise ValueError(f"Move up or down, not {direction}")
    section = lock(_live_sections(partnership), section_id, expected_version)
    siblings = _live_sections(partnership).filter(
        plan_id=section.plan_id, parent_id=section.parent_id
    )
    if direction == "up":
        neighbour = siblings.filter(position__lt=section.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=section.position).order_by("position").first()
    if neighbour is None:
        return False
    neighbour = lock(_live_sections(partnership), neighbour.pk, None)
    section.position, neighbour.position = neighbour.position, section.position
    audited_save(section, user)
    audited_save(neighbour, user)
    return True


@transaction.atomic
def archive_section(
    *, partnership: Partnership, section_id: int, user: User | None, expected_version: int
) -> Section:
    """Take an empty section out of the plan; it and its history are kept."""
    section = lock(_live_sections(partnership), section_id, expected_version)
    if section.children.filter(archived_at__isnull=True).exists():
        raise SectionNotEmpty("Archive or move the sections inside it first")
    if section.actions.filter(archived_at__isnull=True).exists():
        raise SectionNotEmpty("Move or archive its actions first")
    section.archived_at = timezone.now()
    audited_save(section, user)
    return section


@transaction.atomic
def add_action(
    *,
    partnership: Partnership,
    section_id: int,
    user: User | None,
    text: str,
    ref: str = "",
    owner_raw: str = "",
    due: date | None = None,
    status: str = "",
) -> Action:
    """A new action at the end of its section's plan, due on a day (or with no date)."""
    section = _live_sections(partnership).select_related("parent").get(pk=section_id)
    plan = _lock_plan(partnership, section.plan_id)
    action = Action(
        partnership=partnership,
        plan=plan,
        section=section,
        section_path=section_path(section),
        position=_next_position(plan.actions.all()),
        ref=ref or None,
        text=text,
        owner_raw=owner_raw or None,
        due=due,
        due_raw=f"{due:%d/%m/%Y}" if due else None,
        due_precision=DatePrecision.DAY if due else DatePrecision.NONE,
        status=Status(status) if status else None,
        status_raw=Status(status).label if status else None,
        last_activity_on=timezone.localdate(),
    )
    audited_save(action, user)
    return action


@transaction.atomic
def move_action(
    *,
    partnership: Partnership,
    action_id: int,
    user: User | None,
    expected_version: int,
    section_id: int,
) -> Action:
    """Put an action in another section of its plan; its history goes with it."""
    action = _lock_action(partnership, action_id, expected_version)
    section = _live_sections(partnership).get(plan_id=action.plan_id, pk=section_id)
    action.section = section
    action.section_path = section_path(section)
    audited_save(action, user)
    return action


@transaction.atomic
def add_milestone(
    *,
    partnership: Partnership,
    plan_id: int,
    user: User | None,
    text: str,
    due: date | None = None,
    section_id: int | None = None,
) -> Milestone:
    plan = _lock_plan(partnership, plan_id)
    section = _live_sections(partnership).get(plan=plan, pk=section_id) if section_id else None
    milestone = Milestone(
        partnership=partnership,
        plan=plan,
        section=section,
        section_path=section_path(section),
        position=_next_position(plan.milestones.all()),
        text=text,
        due=due,
        due_raw=f"{due:%d/%m/%Y}" if due else None,
        due_precision=DatePrecision.DAY if due else DatePrecision.NONE,
    )
    audited_save(milestone, user)
    return milestone


@transaction.atomic
def record_milestone(
    *,
    partnership: Partnership,
    milestone_id: int,
    user: User | None,
    expected_version: int,
    achieved: bool,
    on: date,
) -> Milestone:
    """Mark a milestone achieved or missed on a date (replacing what was recorded before)."""
    milestone = lock(
        Milestone.objects.filter(partnership=partnership), milestone_id, expected_version
    )
    milestone.achieved_on = on if achieved else None
    milestone.missed_on = None if achieved else on
    audited_save(milestone, user)
    return milestone


@transaction.atomic
def add_risk(
    *, partnership: Partnership, plan_id: int, user: User | None, fields: dict[str, Any]
) -> Risk:
    """A new open risk at the end of the plan's register."""
    unknown = set(fields) - set(RISK_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    plan = _lock_plan(partnership, plan_id)
    risk = Risk(
        partnership=partnership, plan=plan, position=_next_position(plan.risks.all()), **fields
    )
    _check_risk(risk)
    audited_save(risk, user)
    return risk
