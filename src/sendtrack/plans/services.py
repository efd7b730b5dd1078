"""Every change a user makes to a plan: one function each, one transaction, audited, and
refused when someone else saved first (the `version` check), never silently overwritten.
A progress update is the exception: it adds to the record rather than overwriting it, so it is
always kept, and what others saved since the form was opened is reported instead.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Membership, Partnership, Role, User
from sendtrack.core import private_files
from sendtrack.core.editing import Change, StaleEdit, audited_save, changes_since, lock
from sendtrack.core.history import note_changed_by
from sendtrack.domain.rag import DONE_STATUSES, OverrideWithoutReason
from sendtrack.domain.risks import RATINGS

from .models import (
    Action,
    DatePrecision,
    EvidenceFile,
    Milestone,
    Plan,
    PlanSettings,
    ProgressUpdate,
    Rag,
    Risk,
    Section,
    Status,
)
from .selectors import action_has_evidence, action_rag, plan_settings
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


class EvidenceNeeded(Exception):
    """Where the partnership asks for it, an action is marked complete only with evidence."""


class DueDateWithoutReason(ValueError):
    """A due date was moved without saying why."""


class EvidenceLinkRefused(ValueError):
    """An evidence link that is not a secure (https) web address."""


class SignOffRefused(Exception):
    """Only a programme manager signs off an action, and only one awaiting sign-off."""


MAX_EVIDENCE_FILES = 5
SIGNS_OFF = frozenset({Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})

ACTION_EDITABLE_FIELDS = (
    "ref",
    "text",
    "owner_raw",
    "partners",
    "due_raw",
    "due",
    "due_change_reason",
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
    """Change an action's fields. A manual RAG needs a reason, and clearing it clears both;
    moving a due date needs a reason (`due_change_reason`), kept in the history; marking it
    complete follows the partnership's sign-off setting."""
    unknown = set(changes) - set(ACTION_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    action = _lock_action(partnership, action_id, expected_version)
    was_due = action.due
    if "due" in changes and was_due is not None and changes["due"] != was_due:
        if not str(changes.get("due_change_reason") or "").strip():
            raise DueDateWithoutReason("Give the reason for the new due date.")
    if "status" in changes:
        _follow_completion(action, changes["status"], has_evidence=action_has_evidence(action))
    for field, value in changes.items():
        setattr(action, field, value)
    if action.rag_override and not (action.rag_override_reason or "").strip():
        raise OverrideWithoutReason("A manual RAG rating needs a reason.")
    if not action.rag_override:
        action.rag_override_reason = ""
    audited_save(action, user)
    return action


def _follow_completion(action: Action, status: str | None, *, has_evidence: bool) -> None:
    """Set `action` awaiting sign-off when it is newly marked complete (embedded or closed)
    where the partnership needs evidence and sign-off: refused without evidence. Any other
    status takes it out of waiting."""
    done = bool(status) and status in DONE_STATUSES
    if not done:
        action.awaiting_sign_off = False
        return
    already_done = action.status in DONE_STATUSES
    if already_done or not plan_settings(action.partnership).completion_needs_sign_off:
        return
    if not has_evidence:
        raise EvidenceNeeded(
            "Add evidence of what was done (a file or a link) to mark the action complete"
        )
    action.awaiting_sign_off = True
    action.signed_off_at = None
    action.signed_off_by = None


def check_evidence_links(links: Sequence[str]) -> list[str]:
    """Links to evidence: secure (https) web addresses only, so none leads to a page that
    could be tampered with on the way."""
    for link in links:
        if not link.lower().startswith("https://") or len(link) <= len("https://"):
            raise EvidenceLinkRefused(
                f"Enter each evidence link as a web address starting https://: {link} is not"
            )
    return list(links)


def check_evidence_files(uploads: Sequence[File[Any]]) -> list[str]:
    """Each file's content type, checked by what is in it, or UploadRejected with the reason."""
    if len(uploads) > MAX_EVIDENCE_FILES:
        raise private_files.UploadRejected(
            f"Select at most {MAX_EVIDENCE_FILES} files for one update"
        )
    return [
        private_files.check_upload(upload, private_files.PDF_WORD_OR_PICTURE) for upload in uploads
    ]


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
    evidence_files: Sequence[File[Any]] = (),
) -> AddedUpdate:
    """Record progress on an action: the update is always stored (it adds, it overwrites
    nothing), the action's status follows the newest update, and the RAG is kept with it.
    Evidence files are checked by their content before anything is kept.

    `seen_version` is the action's version when the form was opened: what others saved
    since is returned with the update, to be told to its author, never a reason to refuse it.
    """
    links = check_evidence_links(evidence_links or [])
    kinds = check_evidence_files(evidence_files)
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
        evidenced = bool(links or evidence_files) or action_has_evidence(action)
        _follow_completion(action, status, has_evidence=evidenced)
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
        evidence_links=links,
    )
    note_changed_by(update, user)
    update.save()
    for upload, kind in zip(evidence_files, kinds, strict=True):
        _keep_evidence(update, upload, kind, user)
    return AddedUpdate(update=update, since_opened=since)


def _keep_evidence(update: ProgressUpdate, upload: File[Any], kind: str, user: User | None) -> None:
    evidence = EvidenceFile(
        partnership_id=update.partnership_id,
        update=update,
        filename=private_files.safe_filename(upload.name or "", "evidence"),
        content_type=kind,
        size=upload.size or 0,
        uploaded_by=user,
    )
    evidence.file.save(upload.name or "evidence", upload, save=False)
    note_changed_by(evidence, user)
    evidence.save()


@transaction.atomic
def sign_off_action(
    *, partnership: Partnership, action_id: int, user: User, expected_version: int
) -> Action:
    """A programme manager confirms a completed action is complete: it counts as complete
    (blue) from now, and who signed it off and when is kept with its history."""
    if not Membership.objects.filter(
        partnership=partnership, user_id=user.pk, role__in=SIGNS_OFF
    ).exists():
        raise SignOffRefused("Only a programme manager can sign off an action")
    action = _lock_action(partnership, action_id, expected_version)
    if not action.awaiting_sign_off:
        raise SignOffRefused("This action is not waiting to be signed off")
    action.awaiting_sign_off = False
    action.signed_off_at = timezone.now()
    action.signed_off_by = user
    audited_save(action, user)
    return action


@transaction.atomic
def change_plan_settings(
    *,
    partnership: Partnership,
    user: User | None,
    expected_version: int,
    completion_needs_sign_off: bool,
) -> PlanSettings:
    """The partnership's plan settings, kept with their history. Actions already waiting
    for sign-off still wait when the setting is turned off: a manager signs them off."""
    scoped = PlanSettings.objects.filter(partnership=partnership)
    kept = scoped.values_list("pk", flat=True).first()
    found = (
        lock(scoped, kept, expected_version)
        if kept is not None
        else PlanSettings(partnership=partnership, version=1)
    )
    found.completion_needs_sign_off = completion_needs_sign_off
    audited_save(found, user)
    return found


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
