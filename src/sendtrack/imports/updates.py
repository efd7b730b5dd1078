"""A plan document loaded into the plan it updates: the month's monitoring update.

The update's actions are matched to the plan's (``domain.plan_update``: by ref, then by their
words). :func:`preview_update` shows what would change: progress, RAG, timeframes, leads and
words of matched actions, new actions, and the plan's actions the update does not have (kept:
they are archived one by one, if at all, on their own pages). :func:`apply_update` makes the
changes the manager ticked in one transaction, through the plans services: audited, checked
against the versions the preview showed, progress as progress updates dated at the
document's as-at date. A draft is applied once (``PlanUpdate.reference``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sendtrack.accounts.models import Partnership, User
from sendtrack.core.editing import StaleEdit
from sendtrack.core.templatetags.govuk import govuk_date
from sendtrack.domain.dates import read_date
from sendtrack.domain.plan_json import PlanJSONError, parse_iso_date, validate_plan_json
from sendtrack.domain.plan_update import (
    ActionFields,
    Difference,
    Written,
    differences,
    match_actions,
)
from sendtrack.plans import services as plans
from sendtrack.plans.models import Action, DatePrecision, Plan, Rag, Status
from sendtrack.plans.selectors import plans_for
from sendtrack.plans.storage import (
    PATH_SEPARATOR,
    RAG_STATED_REASON,
    OwnerMatcher,
    without_markup,
)

from .models import PlanUpdate
from .services import Draft, DraftRefused, people_of, plan_to_store, refuse_if_confirmed

__all__ = [
    "Applied",
    "Chosen",
    "PlanChanged",
    "UpdatePreview",
    "apply_update",
    "live_plans",
    "plan_to_update",
    "preview_update",
]


class PlanChanged(DraftRefused):
    """Someone changed the plan after the differences were shown; nothing was applied."""


@dataclass(frozen=True)
class Shown:
    """One change to an action, as the preview words it."""

    label: str
    was: str
    now: str


@dataclass
class ChangedAction:
    index: int
    """The action's place in the update."""
    action: Action
    shown: list[Shown]
    differences: list[Difference]

    @property
    def choice(self) -> str:
        """The tick box's value: the update's action, the plan's, and the version shown."""
        return f"{self.index}:{self.action.pk}:{self.action.version}"


@dataclass
class NewAction:
    index: int
    item: dict[str, Any]

    @property
    def status(self) -> str:
        return _label(Status, self.item["status"]) or (self.item["status_raw"] or "")


@dataclass
class UpdatePreview:
    plan: Plan
    filename: str
    as_at: date | None
    as_at_raw: str
    matched: int
    changed: list[ChangedAction]
    new: list[NewAction]
    missing: list[Action]
    unchanged: int = field(init=False)

    def __post_init__(self) -> None:
        self.unchanged = self.matched - len(self.changed)

    @property
    def summary(self) -> str:
        return (
            f"matched {self.matched}, changed {len(self.changed)}, new {len(self.new)}, "
            f"missing {len(self.missing)}"
        )


@dataclass(frozen=True)
class Chosen:
    """What the manager ticked: changed actions by the update's index, with the plan's action
    and version the preview showed; new actions by the update's index."""

    changed: dict[int, tuple[int, int]]
    new: frozenset[int]

    @classmethod
    def from_form(cls, changed: list[str], new: list[str]) -> Chosen:
        """Tick boxes as posted; a value that is not one the page made is ignored."""
        ticked: dict[int, tuple[int, int]] = {}
        for value in changed:
            parts = value.split(":")
            if len(parts) == 3 and all(part.isdigit() for part in parts):
                ticked[int(parts[0])] = (int(parts[1]), int(parts[2]))
        return cls(changed=ticked, new=frozenset(int(v) for v in new if v.isdigit()))


@dataclass(frozen=True)
class Applied:
    update: PlanUpdate
    preview: UpdatePreview


def plan_to_update(partnership: Partnership, plan_id: int) -> Plan:
    """The partnership's live plan; ``Plan.DoesNotExist`` for any other."""
    return plans_for(partnership).get(pk=plan_id)


def live_plans(partnership: Partnership) -> list[Plan]:
    """The plans an upload can update, for the upload page's choice."""
    return list(plans_for(partnership).order_by("title", "id"))


# --- the preview ---------------------------------------------------------------------------


def preview_update(draft: Draft, *, plan: Plan) -> UpdatePreview:
    """The differences between the plan and the update, in three queries."""
    incoming: list[dict[str, Any]] = without_markup(plan_to_store(draft.plan))["actions"]
    existing = list(
        Action.objects.filter(plan=plan, archived_at__isnull=True).order_by("position", "id")
    )
    matching = match_actions(
        [Written(action.ref, action.text) for action in existing],
        [Written(item["ref"], item["text"]) for item in incoming],
    )
    changed = []
    for i, j in matching.pairs:
        found = differences(_fields_of_action(existing[i]), _fields_of_item(incoming[j]))
        if found:
            changed.append(ChangedAction(j, existing[i], [_shown(d) for d in found], found))
    as_at = draft.plan.get("as_at")
    return UpdatePreview(
        plan=plan,
        filename=draft.filename,
        as_at=parse_iso_date(as_at) if isinstance(as_at, str) else None,
        as_at_raw=draft.plan.get("as_at_raw") or "",
        matched=len(matching.pairs),
        changed=changed,
        new=[NewAction(j, incoming[j]) for j in matching.new],
        missing=[existing[i] for i in matching.missing],
    )


def _fields_of_action(action: Action) -> ActionFields:
    return ActionFields(
        text=action.text,
        owner=action.owner_raw,
        due_raw=action.due_raw,
        due=action.due,
        status=action.status or None,
        status_raw=action.status_raw,
        rag=action.rag_override or None,
    )


def _fields_of_item(item: dict[str, Any]) -> ActionFields:
    due = item["due"]
    return ActionFields(
        text=item["text"],
        owner=item["owner"],
        due_raw=item["due_raw"],
        due=parse_iso_date(due) if isinstance(due, str) else None,
        status=item["status"],
        status_raw=item["status_raw"],
        rag=item["rag"],
    )


def _label(choices: Any, value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _timeframe(due_raw: str | None, due: date | None) -> str:
    words = due_raw or ""
    if due is not None and govuk_date(due) != words:
        return f"{words} ({govuk_date(due)})" if words else govuk_date(due)
    return words


def _progress(status: str | None, status_raw: str | None) -> str:
    label = _label(Status, status)
    if status_raw and label and status_raw.strip().casefold() != label.casefold():
        return f"{label}: {status_raw}"
    return status_raw or label


def _shown(difference: Difference) -> Shown:
    was, now = difference.was, difference.now
    if difference.field == "text":
        return Shown("Action", was.text, now.text)
    if difference.field == "owner":
        return Shown("Lead", was.owner or "", now.owner or "")
    if difference.field == "due":
        return Shown(
            "Timeframe", _timeframe(was.due_raw, was.due), _timeframe(now.due_raw, now.due)
        )
    if difference.field == "progress":
        return Shown(
            "Progress", _progress(was.status, was.status_raw), _progress(now.status, now.status_raw)
        )
    return Shown("RAG", _label(Rag, was.rag), _label(Rag, now.rag))


# --- applying it ---------------------------------------------------------------------------


def apply_update(
    *,
    draft: Draft,
    plan_id: int,
    partnership: Partnership,
    user: User | None,
    chosen: Chosen | None = None,
) -> Applied:
    """Apply the update to the plan: every difference, or only those ``chosen``; all of it or
    nothing. Raises ``Plan.DoesNotExist`` for a plan not the partnership's, ``AlreadyApplied``
    (or ``AlreadyImported``) when the draft was confirmed before, ``PlanChanged`` when a
    ticked action is no longer as the preview showed it, and ``PlanJSONError`` when what was
    read is not valid Plan JSON."""
    refuse_if_confirmed(draft, partnership)
    problems = validate_plan_json(without_markup(plan_to_store(draft.plan)))
    if problems:
        raise PlanJSONError(problems)
    try:
        with transaction.atomic():
            plan = plans_for(partnership).select_for_update().get(pk=plan_id)
            preview = preview_update(draft, plan=plan)
            rows, new = _chosen_rows(preview, chosen)
            on = preview.as_at or timezone.localdate()
            matcher = OwnerMatcher(people_of(partnership))
            try:
                for row in rows:
                    _apply_changes(row, partnership, user, on, matcher, preview.as_at)
            except StaleEdit as stale:
                raise PlanChanged(_CHANGED) from stale
            _add_actions(new, plan, partnership, user, matcher, preview.as_at)
            if preview.as_at is not None:
                plans.move_plan_as_at(
                    partnership=partnership,
                    plan_id=plan.pk,
                    user=user,
                    as_at=preview.as_at,
                    as_at_raw=preview.as_at_raw,
                )
            record = PlanUpdate.objects.create(
                partnership=partnership,
                plan=plan,
                reference=draft.reference,
                source_document=draft.filename[:300],
                as_at=preview.as_at,
                user=user,
                matched=preview.matched,
                changed=len(rows),
                added=len(new),
                missing=len(preview.missing),
            )
    except IntegrityError:
        refuse_if_confirmed(draft, partnership)  # two confirms at once: one got in
        raise
    return Applied(update=record, preview=preview)


_CHANGED = (
    "Someone changed the plan after these differences were shown, so nothing was saved: "
    "check the differences again."
)


def _chosen_rows(
    preview: UpdatePreview, chosen: Chosen | None
) -> tuple[list[ChangedAction], list[NewAction]]:
    if chosen is None:
        return preview.changed, preview.new
    by_index = {row.index: row for row in preview.changed}
    rows = []
    for index, seen in chosen.changed.items():
        row = by_index.get(index)
        if row is None or (row.action.pk, row.action.version) != seen:
            raise PlanChanged(_CHANGED)
        rows.append(row)
    rows.sort(key=lambda row: row.index)
    return rows, [action for action in preview.new if action.index in chosen.new]


def _precision(due_raw: str | None, as_at: date | None) -> str:
    if not due_raw or not due_raw.strip():
        return DatePrecision.NONE
    value = str(read_date(due_raw, as_at).precision)
    return value if value in DatePrecision.values else DatePrecision.NONE


def _apply_changes(
    row: ChangedAction,
    partnership: Partnership,
    user: User | None,
    on: date,
    matcher: OwnerMatcher,
    as_at: date | None,
) -> None:
    changes: dict[str, Any] = {}
    owners = None
    progress = None
    for difference in row.differences:
        now = difference.now
        if difference.field == "text":
            changes["text"] = now.text
        elif difference.field == "owner":
            changes["owner_raw"] = now.owner
            owners = matcher.people_named(now.owner)
        elif difference.field == "due":
            changes.update(
                due_raw=now.due_raw, due=now.due, due_precision=_precision(now.due_raw, as_at)
            )
        elif difference.field == "rag":
            changes.update(rag_override=now.rag, rag_override_reason=RAG_STATED_REASON)
        elif now.status is not None:  # progress with a status: a progress update
            progress = plans.ImportedProgress(now.status, now.status_raw or "", on)
        else:  # progress in words only
            changes["status_raw"] = now.status_raw
    plans.apply_imported_changes(
        partnership=partnership,
        action_id=row.action.pk,
        user=user,
        expected_version=row.action.version,
        changes=changes,
        progress=progress,
        owners=owners,
    )


def _add_actions(
    new: list[NewAction],
    plan: Plan,
    partnership: Partnership,
    user: User | None,
    matcher: OwnerMatcher,
    as_at: date | None,
) -> None:
    sections = _sections_by_path(plan)
    for action in new:
        item = action.item
        path = item["section"]
        section_id = sections.get(path or "") or sections.get(
            (path or "").rsplit(PATH_SEPARATOR, 1)[-1].strip()
        )
        due = item["due"]
        plans.add_imported_action(
            partnership=partnership,
            plan_id=plan.pk,
            user=user,
            section_id=section_id,
            owners=matcher.people_named(item["owner"]),
            fields={
                "ref": item["ref"],
                "text": item["text"],
                "section_path": path,
                "owner_raw": item["owner"],
                "partners": item["partners"],
                "start_raw": item["start_raw"],
                "due_raw": item["due_raw"],
                "due": parse_iso_date(due) if isinstance(due, str) else None,
                "due_precision": _precision(item["due_raw"], as_at),
                "status": item["status"],
                "status_raw": item["status_raw"],
                "rag_override": item["rag"],
                "rag_override_reason": RAG_STATED_REASON if item["rag"] else "",
                "measures": item["measures"],
            },
        )


def _sections_by_path(plan: Plan) -> dict[str, int]:
    """The plan's live sections by the section text its actions carry, then by title."""
    found: dict[str, int] = {}
    for path, section_id in (
        Action.objects.filter(plan=plan, section__isnull=False, section__archived_at__isnull=True)
        .exclude(section_path=None)
        .values_list("section_path", "section_id")
        .order_by("position", "id")
    ):
        if path and section_id:
            found.setdefault(path, section_id)
    for title, section_id in plan.sections.filter(archived_at__isnull=True).values_list(
        "title", "id"
    ):
        found.setdefault(title, section_id)
    return found
