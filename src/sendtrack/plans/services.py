"""Every change a user makes to a plan: one function each, one transaction, audited, and
refused when someone else saved first (the `version` check), never silently overwritten.
A progress update is the exception: it adds to the record rather than overwriting it, so it is
always kept, and what others saved since the form was opened is reported instead.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Membership, Partnership, Person, Role, User
from sendtrack.core import private_files
from sendtrack.core.editing import (
    Change,
    StaleEdit,
    audited_save,
    changes_since,
    lock,
    refuse_uneditable,
)
from sendtrack.core.history import history_paused, note_change_reason, note_changed_by
from sendtrack.domain.rag import DONE_STATUSES, OverrideWithoutReason
from sendtrack.domain.risks import RATINGS

from .models import (
    RAG_SNAPSHOT_COUNTS,
    Action,
    DatePrecision,
    DueDateRequest,
    EvidenceFile,
    Finding,
    Milestone,
    Plan,
    PlanSettings,
    ProgressUpdate,
    Rag,
    RagSnapshot,
    RequestStatus,
    Risk,
    Section,
    Status,
)
from .selectors import action_has_evidence, action_rag, plan_settings
from .storage import PATH_SEPARATOR, OwnerMatcher


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


class DecisionRefused(Exception):
    """Only a programme manager decides a due-date request, only one still waiting, and
    declining it needs a reason."""


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
    refuse_uneditable(changes, ACTION_EDITABLE_FIELDS)
    action = _lock_action(partnership, action_id, expected_version)
    changes = dict(changes)
    held: dict[str, Any] = {}
    if _moves_due(action, changes):
        if not str(changes.get("due_change_reason") or "").strip():
            raise DueDateWithoutReason("Give the reason for the new due date.")
        if _needs_approval(partnership) and not _decides(partnership, user):
            held = {field: changes.pop(field) for field in DUE_FIELDS if field in changes}
    if "status" in changes:
        _follow_completion(action, changes["status"], has_evidence=action_has_evidence(action))
    for field, value in changes.items():
        setattr(action, field, value)
    if action.rag_override and not (action.rag_override_reason or "").strip():
        raise OverrideWithoutReason("A manual RAG rating needs a reason.")
    if not action.rag_override:
        action.rag_override_reason = ""
    if changes:
        audited_save(action, user)
    if "owner_raw" in changes:
        _link_named_leads(action)
    if held:
        _ask_for_due_date(action, user, held, str(held["due_change_reason"]).strip())
    return action


def _link_named_leads(action: Action) -> None:
    """Link the people a typed lead names, as an imported lead's are, so that the action is
    on their "My actions" and they can update it."""
    people = Person.objects.filter(partnership_id=action.partnership_id).order_by("name", "id")
    action.owners.set(OwnerMatcher(people).people_named(action.owner_raw))


# Where the partnership asks for it, a lead's new due date (and one a monthly update gives)
# waits as a request until a programme manager approves it; the action keeps its date till then.

DUE_FIELDS = ("due", "due_raw", "due_precision", "due_change_reason")


def _moves_due(action: Action, changes: dict[str, Any]) -> bool:
    return "due" in changes and action.due is not None and changes["due"] != action.due


def _needs_approval(partnership: Partnership) -> bool:
    return plan_settings(partnership).due_date_changes_need_approval


def _decides(partnership: Partnership, user: User | None) -> bool:
    """Whether `user` is a programme manager (or administrator) of the partnership."""
    return (
        user is not None
        and Membership.objects.filter(
            partnership=partnership, user_id=user.pk, role__in=SIGNS_OFF
        ).exists()
    )


def _ask_for_due_date(
    action: Action, user: User | None, fields: dict[str, Any], reason: str
) -> DueDateRequest:
    """A waiting request for the new date; one still waiting for the same date is kept, any
    other waiting request of the action is replaced by it."""
    waiting = action.due_date_requests.select_for_update().filter(status=RequestStatus.PENDING)
    for older in waiting:
        if older.due == fields["due"] and older.reason == reason:
            return older
        older.status = RequestStatus.REPLACED
        audited_save(older, user)
    asked = DueDateRequest(
        partnership_id=action.partnership_id,
        action=action,
        due=fields["due"],
        due_raw=fields.get("due_raw") or "",
        due_precision=fields.get("due_precision")
        or (DatePrecision.DAY if fields["due"] else DatePrecision.NONE),
        was_due=action.due,
        reason=reason,
        requested_by=user,
    )
    audited_save(asked, user)
    return asked


@transaction.atomic
def decide_due_date_request(
    *,
    partnership: Partnership,
    request_id: int,
    user: User,
    expected_version: int,
    approve: bool,
    decline_reason: str = "",
) -> DueDateRequest:
    """A programme manager approves a new due date (the action takes it, and its history
    says who asked and who approved) or declines it with a reason the lead is shown."""
    if not _decides(partnership, user):
        raise DecisionRefused("Only a programme manager can approve or decline a new due date")
    scoped = DueDateRequest.objects.filter(partnership=partnership)
    action_id = scoped.values_list("action_id", flat=True).get(pk=request_id)
    action = lock(Action.objects.filter(partnership=partnership), action_id, None)
    asked = lock(scoped, request_id, expected_version)
    if asked.status != RequestStatus.PENDING:
        raise DecisionRefused("This request has already been decided or replaced")
    if not approve and not decline_reason.strip():
        raise DecisionRefused("Enter the reason for declining the new due date")
    asked.decided_by = user
    asked.decided_at = timezone.now()
    if approve:
        asked.status = RequestStatus.APPROVED
        action.due, action.due_raw = asked.due, asked.due_raw or None
        action.due_precision = asked.due_precision
        action.due_change_reason = asked.reason
        said = f"New date asked for by {asked.requested_by or 'someone'}, approved by {user}"
        note_change_reason(action, said[:REASON_LENGTH])
        audited_save(action, user)
    else:
        asked.status = RequestStatus.DECLINED
        asked.decline_reason = decline_reason.strip()
    audited_save(asked, user)
    return asked


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
    decision_asked: str = "",
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
        decision_asked=decision_asked.strip(),
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
    due_date_changes_need_approval: bool | None = None,
) -> PlanSettings:
    """The partnership's plan settings, kept with their history. Actions already waiting
    for sign-off still wait when the setting is turned off: a manager signs them off; so do
    due-date requests waiting for approval."""
    scoped = PlanSettings.objects.filter(partnership=partnership)
    kept = scoped.values_list("pk", flat=True).first()
    found = (
        lock(scoped, kept, expected_version)
        if kept is not None
        else PlanSettings(partnership=partnership, version=1)
    )
    found.completion_needs_sign_off = completion_needs_sign_off
    if due_date_changes_need_approval is not None:
        found.due_date_changes_need_approval = due_date_changes_need_approval
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
    refuse_uneditable(changes, RISK_EDITABLE_FIELDS)
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


def written(day: date | None) -> str | None:
    """A date typed in the app as a person writes it ("30 September 2027"), kept as the
    timeframe or as-at text so it reads the same as the date beside it."""
    return f"{day:%-d %B %Y}" if day else None


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
        as_at_raw=written(as_at) or "",
    )
    audited_save(plan, user)
    return plan


PLAN_EDITABLE_FIELDS = ("title", "kind", "as_at")


@transaction.atomic
def update_plan(
    *,
    partnership: Partnership,
    plan_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
) -> Plan:
    """Correct a plan's title, kind or as-at date; the as-at text follows a changed date."""
    refuse_uneditable(changes, PLAN_EDITABLE_FIELDS)
    plan = lock(
        Plan.objects.filter(partnership=partnership, archived_at__isnull=True),
        plan_id,
        expected_version,
    )
    for field, value in changes.items():
        setattr(plan, field, value)
    if "as_at" in changes:
        plan.as_at_raw = written(plan.as_at) or ""
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
    refuse_uneditable(changes, SECTION_EDITABLE_FIELDS)
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
        due_raw=written(due),
        due_precision=DatePrecision.DAY if due else DatePrecision.NONE,
        status=Status(status) if status else None,
        status_raw=Status(status).label if status else None,
        last_activity_on=timezone.localdate(),
    )
    audited_save(action, user)
    if owner_raw:
        _link_named_leads(action)
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
        due_raw=written(due),
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
    refuse_uneditable(fields, RISK_EDITABLE_FIELDS)
    plan = _lock_plan(partnership, plan_id)
    risk = Risk(
        partnership=partnership, plan=plan, position=_next_position(plan.risks.all()), **fields
    )
    _check_risk(risk)
    audited_save(risk, user)
    return risk


# Merging and splitting actions. Both actions keep their history: the merged one is archived
# (never deleted) with a link to the one it went into, and a split-off action links back.


class CannotMerge(ValueError):
    """Two actions that cannot be merged: the same action, or actions of different plans."""


def action_name(action: Action) -> str:
    """How a note in the history names an action: its reference, or its first words (short
    enough for the 100 characters the history keeps of a reason)."""
    if action.ref:
        return action.ref if len(action.ref) <= 40 else action.ref[:39] + "…"
    words = action.text.strip()
    return f"“{words[:40]}…”" if len(words) > 40 else f"“{words}”"


def _joined(first: str | None, second: str | None) -> str | None:
    """Two leads as one ("A; B"), each named once."""
    names = [n for n in (first, second) if n and n.strip()]
    if len(names) == 2 and names[0].strip() == names[1].strip():
        names = names[:1]
    return "; ".join(names) or None


@transaction.atomic
def merge_actions(
    *,
    partnership: Partnership,
    action_id: int,
    other_id: int,
    user: User | None,
    expected_version: int,
) -> Action:
    """Fold action `other_id` into action `action_id`: its text, leads, measures, findings
    and progress updates join the first, and it is archived as "merged into" the first.

    The first action's version is checked (its form was opened on it); the second is read as
    it stands now, so nothing saved on it is lost."""
    if action_id == other_id:
        raise CannotMerge("Choose another action to merge into this one")
    action = _lock_action(partnership, action_id, expected_version)
    other = lock(
        Action.objects.filter(partnership=partnership, archived_at__isnull=True), other_id, None
    )
    if action.archived_at or other.plan_id != action.plan_id:
        raise CannotMerge("Only two live actions of the same plan can be merged")
    action.text = f"{action.text.rstrip()}\n\n{other.text.strip()}"
    action.owner_raw = _joined(action.owner_raw, other.owner_raw)
    action.measures = [*action.measures, *(m for m in other.measures if m not in action.measures)]
    action.partners = [*action.partners, *(p for p in other.partners if p not in action.partners)]
    action.last_activity_on = max(
        filter(None, [action.last_activity_on, other.last_activity_on]), default=None
    )
    action.owners.add(*other.owners.all())
    action.findings.add(*other.findings.all())
    for update in other.updates.all():
        update.action = action
        note_changed_by(update, user)
        note_change_reason(update, f"Moved from action {action_name(other)} when it was merged")
        update.save()
    note_change_reason(action, f"Merged from action {action_name(other)}")
    audited_save(action, user)
    other.merged_into = action
    other.archived_at = timezone.now()
    note_change_reason(other, f"Merged into action {action_name(action)}")
    audited_save(other, user)
    return action


SPLIT_COPIES = ("owners", "due", "status", "findings")


@transaction.atomic
def split_action(
    *,
    partnership: Partnership,
    action_id: int,
    user: User | None,
    expected_version: int,
    kept_text: str,
    new_text: str,
    new_ref: str = "",
    copy: tuple[str, ...] = (),
) -> Action:
    """Make a new action in the same section from part of an action's text; the action keeps
    `kept_text`. `copy` names what the new action takes from it (SPLIT_COPIES). The new
    action is returned, linked back as "split from" the first."""
    unknown = set(copy) - set(SPLIT_COPIES)
    if unknown:
        raise ValueError(f"Cannot copy: {', '.join(sorted(unknown))}")
    action = _lock_action(partnership, action_id, expected_version)
    if action.archived_at:
        raise CannotMerge("An archived action cannot be split")
    plan = _lock_plan(partnership, action.plan_id)
    new = Action(
        partnership=partnership,
        plan=plan,
        section_id=action.section_id,
        section_path=action.section_path,
        position=_next_position(plan.actions.all()),
        ref=new_ref or None,
        text=new_text,
        split_from=action,
        last_activity_on=timezone.localdate(),
    )
    if "owners" in copy:
        new.owner_raw = action.owner_raw
    if "due" in copy:
        new.due, new.due_raw, new.due_precision = action.due, action.due_raw, action.due_precision
    if "status" in copy:
        new.status, new.status_raw = action.status, action.status_raw
    note_change_reason(new, f"Split from action {action_name(action)}")
    audited_save(new, user)
    if "owners" in copy:
        new.owners.set(action.owners.all())
    if "findings" in copy:
        new.findings.set(action.findings.all())
    action.text = kept_text
    note_change_reason(action, f"Split: part of it is now action {action_name(new)}")
    audited_save(action, user)
    return new


# Findings: what an inspection or review found, linked to the sections and actions that answer
# it. Archived, never deleted; its links to sections are kept in its history.

FINDING_EDITABLE_FIELDS = ("ref", "text", "source")
REASON_LENGTH = 100


class NotInPlan(ValueError):
    """A section or action that is not a live part of the finding's plan."""


def _link_finding(
    finding: Finding, section_ids: list[int] | None, action_ids: list[int] | None
) -> str:
    """Link the finding to these sections and actions of its plan (None leaves a kind alone).

    Returns what changed in the actions linked, in words, for the history: the sections are
    kept in the finding's own history, the actions' links are not."""
    if finding.plan_id is None:
        raise NotInPlan("A finding of no plan cannot be linked to sections or actions")
    said = ""
    if section_ids is not None:
        wanted = set(section_ids)
        sections = Section.objects.filter(
            plan_id=finding.plan_id, archived_at__isnull=True, pk__in=wanted
        )
        if len(sections) != len(wanted):
            raise NotInPlan("Choose only sections of this plan")
        with history_paused(finding):  # the caller's next save records the links
            finding.sections.set(sections)
    if action_ids is not None:
        wanted = set(action_ids)
        actions = Action.objects.filter(
            plan_id=finding.plan_id, archived_at__isnull=True, pk__in=wanted
        )
        if len(actions) != len(wanted):
            raise NotInPlan("Choose only actions of this plan")
        before = set(finding.actions.values_list("pk", flat=True))
        if before != wanted:
            finding.actions.set(actions)
            names = ", ".join(sorted(action_name(a) for a in actions)) or "none"
            said = f"Actions that answer it: {names}"
            if len(said) > REASON_LENGTH:  # the history keeps 100 characters of a reason
                said = said[: REASON_LENGTH - 1] + "…"
    return said


@transaction.atomic
def add_finding(
    *,
    partnership: Partnership,
    plan_id: int,
    user: User | None,
    text: str,
    ref: str = "",
    source: str = "",
    section_ids: list[int] | None = None,
    action_ids: list[int] | None = None,
) -> Finding:
    plan = _lock_plan(partnership, plan_id)
    finding = Finding(partnership=partnership, plan=plan, text=text, ref=ref, source=source)
    audited_save(finding, user)
    if section_ids or action_ids:
        said = _link_finding(finding, section_ids or [], action_ids or [])
        if said:
            note_change_reason(finding, said)
        audited_save(finding, user)  # a second history record, holding the links
    return finding


@transaction.atomic
def update_finding(
    *,
    partnership: Partnership,
    finding_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
    section_ids: list[int] | None = None,
    action_ids: list[int] | None = None,
) -> Finding:
    """Change a finding's words and, when given, the sections and actions linked to it."""
    refuse_uneditable(changes, FINDING_EDITABLE_FIELDS)
    finding = lock(
        Finding.objects.filter(partnership=partnership, archived_at__isnull=True),
        finding_id,
        expected_version,
        unlisted="Someone changed the sections or actions linked to this finding.",
    )
    for field, value in changes.items():
        setattr(finding, field, value)
    said = _link_finding(finding, section_ids, action_ids)
    if said:
        note_change_reason(finding, said)
    audited_save(finding, user)
    return finding


@transaction.atomic
def archive_finding(
    *, partnership: Partnership, finding_id: int, user: User | None, expected_version: int
) -> Finding:
    """Take a finding off its plan; it, its links and its history are kept."""
    finding = lock(
        Finding.objects.filter(partnership=partnership, archived_at__isnull=True),
        finding_id,
        expected_version,
    )
    finding.archived_at = timezone.now()
    audited_save(finding, user)
    return finding


# A monthly update of a plan, loaded by the importer into the plan it updates: each change is
# audited and version-checked against the preview the manager confirmed.

IMPORTED_FIELDS = (*ACTION_EDITABLE_FIELDS, "section_path", "start_raw")


@dataclass(frozen=True)
class ImportedProgress:
    """Progress a plan document states for an action, as of the document's date."""

    status: str
    words: str
    on: date


IMPORTED_DUE_REASON = "The date the monthly update gives"


@transaction.atomic
def apply_imported_changes(
    *,
    partnership: Partnership,
    action_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
    progress: ImportedProgress | None = None,
    owners: list[Any] | None = None,
) -> Action:
    """Change an action as a monthly update says, in one audited save; progress becomes a
    progress update dated when the document was written. Its status moves the action's only
    when no later update has been recorded. A due date it moves takes the update as its
    reason (or, where the partnership needs due dates approved, waits as a request for a
    programme manager); work it marks complete waits for sign-off where the partnership asks
    for it (the document it came from is the evidence)."""
    refuse_uneditable(changes, IMPORTED_FIELDS)
    action = _lock_action(partnership, action_id, expected_version)
    changes = dict(changes)
    held: dict[str, Any] = {}
    if _moves_due(action, changes):
        if _needs_approval(partnership):
            held = {field: changes.pop(field) for field in DUE_FIELDS if field in changes}
        else:
            action.due_change_reason = IMPORTED_DUE_REASON
    for field, value in changes.items():
        setattr(action, field, value)
    if not action.rag_override:
        action.rag_override_reason = ""
    if progress is not None:
        newest = action.updates.order_by("-date").values_list("date", flat=True).first()
        if newest is None or progress.on >= newest:
            _follow_completion(action, progress.status, has_evidence=True)
            action.status = Status(progress.status)
            action.status_raw = progress.words or Status(progress.status).label
        action.last_activity_on = max(progress.on, action.last_activity_on or progress.on)
    audited_save(action, user)
    if held:
        _ask_for_due_date(action, user, held, IMPORTED_DUE_REASON)
    if owners is not None:
        action.owners.set(owners)
    if progress is not None:
        update = ProgressUpdate(
            partnership_id=action.partnership_id,
            action=action,
            date=progress.on,
            author=user,
            status=progress.status,
            rag=action_rag(action, timezone.localdate()).rag.value,
            commentary=progress.words or Status(progress.status).label,
        )
        note_changed_by(update, user)
        update.save()
    return action


@transaction.atomic
def add_imported_action(
    *,
    partnership: Partnership,
    plan_id: int,
    user: User | None,
    section_id: int | None,
    fields: dict[str, Any],
    owners: list[Any] | None = None,
) -> Action:
    """An action a monthly update adds, at the end of the plan, in its section if the plan
    has it."""
    refuse_uneditable(fields, IMPORTED_FIELDS)
    plan = _lock_plan(partnership, plan_id)
    section = _live_sections(partnership).get(plan=plan, pk=section_id) if section_id else None
    action = Action(
        partnership=partnership,
        plan=plan,
        section=section,
        position=_next_position(plan.actions.all()),
        last_activity_on=timezone.localdate(),
        **fields,
    )
    audited_save(action, user)
    if owners:
        action.owners.set(owners)
    return action


@transaction.atomic
def move_plan_as_at(
    *, partnership: Partnership, plan_id: int, user: User | None, as_at: date, as_at_raw: str
) -> Plan:
    """The plan is now as at a later document's date (never moved back)."""
    plan = _lock_plan(partnership, plan_id)
    if plan.as_at is None or as_at > plan.as_at:
        plan.as_at = as_at
        plan.as_at_raw = as_at_raw
        audited_save(plan, user)
    return plan


@transaction.atomic
def keep_rag_snapshot(
    *, plan: Plan, month_end: date, as_at: date, counts: Mapping[int | None, Mapping[str, int]]
) -> int:
    """Keep a plan's BRAG counts at a month's end (`counts` by workstream id, None for the
    whole plan), in place of any kept before for that month: taking a month twice leaves one
    set of figures. Workstreams not of this plan are left out. Returns the rows kept."""
    sections = set(
        Section.objects.filter(plan=plan, parent__isnull=True).values_list("id", flat=True)
    )
    RagSnapshot.objects.filter(plan=plan, month_end=month_end).delete()
    rows = [
        RagSnapshot(
            partnership_id=plan.partnership_id,
            plan=plan,
            section_id=section_id,
            month_end=month_end,
            as_at=as_at,
            **{key: int(figures.get(key, 0)) for key in RAG_SNAPSHOT_COUNTS},
        )
        for section_id, figures in counts.items()
        if section_id is None or section_id in sections
    ]
    RagSnapshot.objects.bulk_create(rows)
    return len(rows)
