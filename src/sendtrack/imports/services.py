"""Importing a plan document in the app: upload → preview → confirm; nothing stored before confirm.

The steps are stateless. The upload is read (``read_document``) and parsed (``parse_plan_text``)
into Plan JSON, which travels to the preview and confirm steps inside a :class:`Draft` signed
with ``django.core.signing`` (compressed, bound to the partnership, refused when changed or more
than 24 hours old). Nothing reaches the database until :func:`confirm_import`, which adds the
owner aliases the manager chose and loads the plan (``load_plan``) in one transaction.

:func:`build_preview` shows what would be stored: the section tree, every action with the
problems the linter and the importer found, and the fields a person should check (no lead, a
lead that names nobody in the partnership, a date that cannot be read or is vague). Owners are
matched to people exactly as the loader will match them.
"""

from __future__ import annotations

import copy
import hashlib
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from sendtrack.accounts.models import Partnership, Person, User
from sendtrack.core.history import note_change_reason, note_changed_by
from sendtrack.domain.dates import read_date
from sendtrack.domain.documents.confidence import LOW, field_confidence, low_fields
from sendtrack.domain.documents.plan import DocumentImportError, parse_plan_text
from sendtrack.domain.documents.readers import MAX_DOCUMENT_BYTES, read_document
from sendtrack.domain.documents.text import plain
from sendtrack.domain.plan_json import RAGS, STATUSES, parse_iso_date, validate_plan_json
from sendtrack.domain.plan_lint import (
    ACTION_RULES,
    DONE_STATUSES,
    VAGUE_PRECISIONS,
    Problem,
    lint_plan,
    read_action_date,
)
from sendtrack.plans.models import DatePrecision, Plan, PlanKind, Rag, SectionKind, Status
from sendtrack.plans.storage import (  # the loader's own matching, so the preview agrees
    OwnerMatcher,
    SectionResolver,
    load_plan,
    section_nodes,
)

from . import corrections as corrections_
from .corrections import Operation
from .models import DocumentCorrections, PlanUpdate

__all__ = [
    "DRAFT_MAX_AGE",
    "MAX_UPLOAD_BYTES",
    "PREVIEW_PAGE_SIZE",
    "ActionCorrection",
    "AlreadyApplied",
    "AlreadyImported",
    "DocumentImportError",
    "Draft",
    "DraftRefused",
    "Preview",
    "apply_corrections",
    "build_preview",
    "confirm_import",
    "draft_from_plan",
    "draft_from_upload",
    "imported_before",
    "open_draft",
    "refuse_if_confirmed",
    "owner_key",
    "sign_draft",
]

MAX_UPLOAD_BYTES = MAX_DOCUMENT_BYTES
"""The largest upload accepted (50 MB), refused before it is read."""
DRAFT_SALT = "sendtrack.imports.draft"
DRAFT_MAX_AGE = timedelta(hours=24)
"""How long a preview can be confirmed after the upload."""
PREVIEW_PAGE_SIZE = 150
"""Actions on one preview page. Each brings four form fields at most (lead, timeframe, status,
and a lead to match), so one page stays well inside Django's DATA_UPLOAD_MAX_NUMBER_FIELDS."""

RECHECKED_RULES = frozenset(rule.__name__ for rule in ACTION_RULES)
"""Rules the linter applies to every action afresh: the importer's own findings under these
names are dropped before linting, so a corrected field leaves no stale problem behind."""


class DraftRefused(Exception):
    """A preview cannot be carried on with; the message says why, for the manager."""


class AlreadyApplied(DraftRefused):
    """The draft was confirmed before as an update of ``plan`` (None when that plan belongs
    to another partnership)."""

    def __init__(self, plan: Plan | None) -> None:
        self.plan = plan
        name = f"“{plan.title}”" if plan is not None else "the plan"
        super().__init__(
            f"This update has already been confirmed, so it was not applied again: "
            f"{name} was updated from it."
        )


class AlreadyImported(DraftRefused):
    """The draft was confirmed before: ``plan`` is the plan it created (None when that plan
    belongs to another partnership, which a random reference makes all but impossible)."""

    def __init__(self, plan: Plan | None) -> None:
        self.plan = plan
        name = f"“{plan.title}”" if plan is not None else "the plan"
        super().__init__(
            f"This import has already been confirmed, so it was not imported again: "
            f"{name} was created from it."
        )


def new_reference() -> str:
    """A random id for a draft, stored on the plan it creates (``Plan.import_reference``)."""
    return secrets.token_urlsafe(18)


# --- the draft carried between steps -------------------------------------------------------


@dataclass
class Draft:
    """An import in progress: the Plan JSON so far and the choices made on the preview."""

    plan: dict[str, Any]
    filename: str
    aliases: dict[str, int] = field(default_factory=dict)
    """Owner text → the id of the person it names; added to their aliases on confirm."""
    corrected: set[int] = field(default_factory=set)
    """Indexes of the actions the manager changed."""
    reference: str = field(default_factory=new_reference)
    """A random id made at upload and kept through every correction: confirming stores it on
    the plan, and a second confirm of the same draft is refused (``AlreadyImported``)."""
    operations: list[Operation] = field(default_factory=list)
    """Every correction made, in order (``corrections``), kept to replay on the same
    document uploaded again."""
    sha256: str = ""
    """The SHA-256 of the uploaded bytes: the document's corrections are kept under it."""
    update_plan: int | None = None
    """The plan the document updates, when it is not a new plan."""
    job: str = ""
    """The job that read the document: its page shows the preview again (``?only=check``)."""


def draft_from_upload(data: bytes, filename: str) -> Draft:
    """Read and parse an uploaded document; raises ``DocumentImportError`` with one message."""
    name = _display_name(filename)
    if len(data) > MAX_UPLOAD_BYTES:
        raise DocumentImportError(
            f"{name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: "
            "the largest document that can be imported is 50 MB."
        )
    text = read_document(data, name)
    return draft_from_plan(parse_plan_text(text), name)


def draft_from_plan(plan: dict[str, Any], name: str) -> Draft:
    """A new draft of a parsed document (``name`` as ``display_name`` gives it); raises
    ``DocumentImportError`` when it holds nothing that may be an action: rows the reader
    judged not to be actions (``not_actions``) still open the preview, to be made actions."""
    if not plan["actions"] and not plan.get("not_actions"):
        raise DocumentImportError(
            f"No actions were found in {name}: check that it has a table of actions with "
            "a column for the action (for example Action, Activity or Tasks) and try again."
        )
    return Draft(plan=_without_empty_sections(plan), filename=name)


def _without_empty_sections(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan without the headings that group nothing it keeps (no action, milestone or
    indicator in them or in a section inside them): Plan JSON's sections are the headings
    that group actions, and a contents list or "Glossary" read as one is no section of the
    plan. A row not taken as an action that comes back brings its section back."""
    nodes = section_nodes(plan["sections"])
    resolver = SectionResolver(nodes)
    holding: set[int] = set()
    for name in ("actions", "milestones", "indicators"):
        for item in plan.get(name) or []:
            node = resolver.resolve(item.get("section"))
            while node is not None and node.position not in holding:
                holding.add(node.position)
                node = node.parent
    kept = [
        section
        for node, section in zip(nodes, plan["sections"], strict=True)
        if node.position in holding
    ]
    return {**plan, "sections": kept}


def display_name(filename: str) -> str:
    """An uploaded file's name as messages and the plan show it: no folders, no control
    characters, at most 120 characters."""
    return _display_name(filename)


def _display_name(filename: str) -> str:
    name = re.sub(r"[\x00-\x1f\x7f]", "", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = name.strip() or "The file"
    return name if len(name) <= 120 else name[:119] + "…"


def sign_draft(draft: Draft, *, partnership: Partnership) -> str:
    """The draft as a signed, compressed string for a hidden form field."""
    payload = {
        "v": 2,
        "partnership": partnership.pk,
        "reference": draft.reference,
        "filename": draft.filename,
        "aliases": draft.aliases,
        "corrected": sorted(draft.corrected),
        "plan": draft.plan,
        "operations": draft.operations,
        "sha256": draft.sha256,
        "update_plan": draft.update_plan,
        "job": draft.job,
    }
    return signing.dumps(payload, salt=DRAFT_SALT, compress=True)


def max_token_chars() -> int:
    """The longest signed draft a preview form can post back (Django's request body limit)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return (limit - 200_000) if limit else 10**12


def open_draft(token: str, *, partnership: Partnership) -> Draft:
    """The draft a preview form posted back; ``DraftRefused`` when changed, old or foreign."""
    if not token:
        raise DraftRefused(
            "The preview of the document was missing from the page: upload the document again."
        )
    try:
        payload = signing.loads(token, salt=DRAFT_SALT, max_age=DRAFT_MAX_AGE)
    except signing.SignatureExpired as expired:
        raise DraftRefused(
            "This preview is more than 24 hours old: upload the document again."
        ) from expired
    except (signing.BadSignature, ValueError) as bad:
        raise DraftRefused(
            "This preview has been changed outside sendtrack, so it cannot be trusted: "
            "upload the document again."
        ) from bad
    if not isinstance(payload, dict) or payload.get("partnership") != partnership.pk:
        raise DraftRefused(
            "This preview belongs to another partnership: upload the document again here."
        )
    reference = payload.get("reference")
    if not isinstance(reference, str) or not reference:
        raise DraftRefused(
            "This preview was made by an older version of sendtrack: upload the document again."
        )
    return Draft(
        plan=payload["plan"],
        filename=payload["filename"],
        aliases={str(k): int(v) for k, v in payload["aliases"].items()},
        corrected=set(payload["corrected"]),
        reference=reference,
        operations=list(payload.get("operations") or []),
        sha256=str(payload.get("sha256") or ""),
        update_plan=payload.get("update_plan"),
        job=str(payload.get("job") or ""),
    )


# --- corrections ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionCorrection:
    """What the manager typed for one action; None means the field was not on the page."""

    owner: str | None = None
    due_raw: str | None = None
    status: str | None = None
    rag: str | None = None


def apply_corrections(
    draft: Draft,
    corrections: dict[int, ActionCorrection],
    *,
    aliases: dict[str, int | None] | None = None,
) -> Draft:
    """A new draft with the corrections made; a changed timeframe is read again into ``due``.

    Only fields whose value differs are changed, so an unchanged form changes nothing; each
    change is kept as an operation (``corrections.apply``). ``aliases`` matches leads to
    people (None: not matched); a match for a lead that no action names any more is dropped.
    """
    operations: list[tuple[int | None, Operation]] = []
    actions = draft.plan["actions"]
    for index, correction in corrections.items():
        if not 0 <= index < len(actions):
            continue
        action = actions[index]
        for name in corrections_.SET_FIELDS:
            value = getattr(correction, name)
            if value is None:
                continue
            value = value.strip() or None
            if value != action[name] and _known(name, value):
                key = corrections_.key_of(draft.plan, index)
                operations.append(
                    (index, {"op": "set", "action": key, "field": name, "value": value})
                )
    for owner, person_id in (aliases or {}).items():
        if draft.aliases.get(owner) != person_id:
            operations.append((None, {"op": "match", "owner": owner, "person": person_id}))
    out = with_operations(draft, [operation for _, operation in operations])
    out.corrected |= {index for index, _ in operations if index is not None}
    return out


def dates_read_again(shown: Draft, corrected: Draft) -> int:
    """How many actions' due dates corrections read again (a changed timeframe or as-at
    date) since the page was shown: nobody has seen them, so they are shown before any
    confirm stores them."""
    before, after = shown.plan["actions"], corrected.plan["actions"]
    if len(before) != len(after):
        return 0  # a split or merge is made on its own page, which shows its result
    return sum(1 for old, new in zip(before, after, strict=True) if old["due"] != new["due"])


def _known(name: str, value: str | None) -> bool:
    """A corrected status or RAG is one of Plan JSON's values (or none)."""
    allowed = {"status": STATUSES, "rag": RAGS}.get(name)
    return allowed is None or value is None or value in allowed


def with_operations(draft: Draft, operations: list[Operation]) -> Draft:
    """A new draft with ``operations`` made in order and added to its list;
    ``CorrectionRefused`` (nothing changed) when one cannot be made."""
    plan = copy.deepcopy(draft.plan)
    matched = dict(draft.aliases)
    for operation in operations:
        corrections_.apply(plan, matched, operation)
    return _redrafted(draft, plan, matched, [*draft.operations, *operations])


def without_the_last_correction(draft: Draft, read: Draft, *, people: list[Person]) -> Draft:
    """The draft as it was before its last correction: the document as ``read`` (the job's
    own reading), with every correction but the last made again in order. Undoes any of
    them, a heading made of a row or a section removed included."""
    if not draft.operations:
        return draft
    done = corrections_.replay(
        read.plan, read.aliases, draft.operations[:-1], person_ids={p.pk for p in people}
    )
    return _redrafted(read, done.plan, done.aliases, done.applied)


def _redrafted(
    draft: Draft, plan: dict[str, Any], matched: dict[str, int], operations: list[Operation]
) -> Draft:
    named = {action["owner"] for action in plan["actions"] if action["owner"]}
    structural = any(
        operation["op"] in corrections_.REORDERING
        for operation in operations[len(draft.operations) :]
    )
    return Draft(
        plan=plan,
        filename=draft.filename,
        aliases={owner: person for owner, person in matched.items() if owner in named},
        # Marks follow indexes, which a split, merge or move shifts: then they are dropped.
        corrected=set() if structural else set(draft.corrected),
        reference=draft.reference,
        operations=operations,
        sha256=draft.sha256,
        update_plan=draft.update_plan,
        job=draft.job,
    )


def owner_key(owner: str) -> str:
    """A short stable key for an owner's text, to name its form field."""
    return hashlib.sha256(owner.encode("utf-8")).hexdigest()[:12]


def _as_at(plan: dict[str, Any]) -> date | None:
    value = plan.get("as_at")
    return parse_iso_date(value) if isinstance(value, str) else None


# --- the preview ---------------------------------------------------------------------------


@dataclass
class PreviewProblem:
    rule: str
    message: str
    where: str = ""


PLAN_CONTENT_RULES = frozenset({"no_measure", "past_due"})


@dataclass
class PreviewAction:
    index: int
    ref: str
    text: str
    section: str
    owner: str
    due_raw: str
    due: date | None
    precision: str
    status: str
    status_raw: str
    rag: str
    people: list[str]
    corrected: bool
    measures: list[str] = field(default_factory=list)
    checked: bool = False
    """The manager marked the row checked: it is not one to check, whatever the reader said."""
    problems: list[PreviewProblem] = field(default_factory=list)
    owner_check: str = ""
    """Why the lead needs a check (none is named), or ""."""
    owner_note: str = ""
    """The lead names nobody in the partnership: said beside it, but not a row to check,
    since the reading is not in doubt and "Match leads to people" deals with each lead once
    (a partnership with no people yet would otherwise have every row to check)."""
    due_check: str = ""
    """Why the timeframe needs a check, or ""."""
    status_check: str = ""
    """Why the status needs a check (the document states one that was not understood), or ""."""
    errors: dict[str, str] = field(default_factory=dict)
    """Refused corrections by field name, when the form is shown again."""
    unsure: list[str] = field(default_factory=list)
    """The fields the reader was unsure of ("owner", "due", "status", "section", "ref")."""
    maybe_not_action: bool = False
    """The reader was unsure the row is an action at all."""
    source: str = ""
    """The text of the document the row was read from."""

    @property
    def reading_problems(self) -> list[PreviewProblem]:
        """The problems that may mean the document was misread; a plan that names no measure
        or a date already past is the plan's business, shown but not a row to check."""
        return [p for p in self.problems if p.rule not in PLAN_CONTENT_RULES]

    @property
    def needs_check(self) -> bool:
        if self.checked:
            return False
        return (
            bool(self.reading_problems or self.owner_check or self.due_check or self.unsure)
            or bool(self.status_check)
            or self.maybe_not_action
        )

    @property
    def why(self) -> list[str]:
        """Why the row needs a check, in a person's words."""
        reasons = ["This may not be an action"] if self.maybe_not_action else []
        reasons.extend(f"The reader was unsure of the {UNSURE_WORDS[name]}" for name in self.unsure)
        if self.reading_problems:
            count = len(self.reading_problems)
            reasons.append(f"{count} problem{'s' if count != 1 else ''} found")
        if self.owner_check:
            reasons.append(self.owner_check)
        if self.due_check:
            reasons.append(self.due_check)
        if self.status_check:
            reasons.append(self.status_check)
        return reasons

    @property
    def label(self) -> str:
        """How a screen reader names the action in the form: its ref, or its place."""
        return f"action {self.ref}" if self.ref else f"action {self.index + 1}"


NO_MEASURES = (
    "No action names a measure of success: add them on an action's “Change” page, or once the "
    "plan is imported"
)
"""Said once for the plan, not on every row, when the document has no measures at all."""
UNMATCHED_LEAD = (
    "Names nobody in the partnership yet: match it under “Match leads to people”, "
    "or keep it as written"
)

UNSURE_WORDS = {
    "owner": "lead",
    "due": "timeframe",
    "status": "status",
    "section": "section",
    "ref": "ref",
}


@dataclass
class NotAction:
    """A row the reader, or the manager, judged not to be an action, offered back."""

    position: int
    text: str
    section: str
    source: str


@dataclass
class OwnerChoice:
    """One distinct lead that names nobody in the partnership (or was matched by hand)."""

    owner: str
    key: str
    count: int
    person_id: int | None
    error: str = ""


@dataclass
class SectionPreview:
    title: str
    kind: str
    action_count: int
    position: int
    path: str
    children: list[SectionPreview] = field(default_factory=list)

    @property
    def all_actions(self) -> int:
        """Its actions and those of the sections inside it: a workstream whose actions are
        all in its objectives holds none of its own, but is not empty."""
        return self.action_count + sum(child.all_actions for child in self.children)


@dataclass
class Preview:
    title: str
    organisation: str
    kind: str
    kind_code: str
    """The kind as Plan JSON names it (empty when not known): the radio that is checked."""
    as_at_raw: str
    as_at: date | None
    filename: str
    counts: dict[str, int]
    sections: list[SectionPreview]
    actions: list[PreviewAction]
    """The actions on this page."""
    owners: list[OwnerChoice]
    """The leads to match that appear on this page."""
    people: list[Person]
    plan_problems: list[PreviewProblem]
    """Problems that belong to no one action (duplicates, validation of the whole plan)."""
    page: int
    pages: int
    first: int
    last: int
    checks: int
    """How many actions (all pages) need a check."""
    check_pages: list[tuple[int, int]]
    """(page, actions needing a check on it), for pages other than this one."""
    only_checks: bool = False
    """Only the rows to check are shown."""
    not_actions: list[NotAction] = field(default_factory=list)
    section_paths: list[str] = field(default_factory=list)
    details_corrected: bool = False
    """The organisation, kind or as-at date was corrected: their panel stays open to show it."""


def people_of(partnership: Partnership) -> list[Person]:
    return list(Person.objects.filter(partnership=partnership).order_by("name", "id"))


def build_preview(
    draft: Draft,
    *,
    partnership: Partnership,
    page: int = 1,
    people: list[Person] | None = None,
    only_checks: bool = False,
) -> Preview:
    """What the import would store, one page of actions at a time, with what to check
    (``only_checks``: only the rows that need one).

    Reads the partnership's people in one query (none when ``people`` is given).
    """
    plan = draft.plan
    people = people_of(partnership) if people is None else people
    by_id = {person.pk: person for person in people}
    matcher = OwnerMatcher(_people_as_loaded(people, plan, draft.aliases, by_id))
    as_at = _as_at(plan)
    actions = plan["actions"]

    lint = _lint(plan, people, draft.aliases)
    unmeasured = [problem for problem in lint if problem["rule"] == "no_measure"]
    if actions and len(unmeasured) == len(actions):  # said once, not on every row
        lint = [problem for problem in lint if problem["rule"] != "no_measure"]
    by_index, plan_problems = _attach_problems(actions, lint)
    if actions and len(unmeasured) == len(actions):
        plan_problems.append(PreviewProblem("no_measure", NO_MEASURES))
    plan_problems.extend(
        PreviewProblem("plan_json", problem.message, problem.where)
        for problem in validate_plan_json(plan_to_store(plan))
    )

    rows = [
        _preview_action(i, action, as_at, matcher, by_index.get(i, []), i in draft.corrected)
        for i, action in enumerate(actions)
    ]
    listed = [row for row in rows if row.needs_check] if only_checks else rows
    pages = max(1, -(-len(listed) // PREVIEW_PAGE_SIZE))
    page = min(max(page, 1), pages)
    first = (page - 1) * PREVIEW_PAGE_SIZE
    shown = listed[first : first + PREVIEW_PAGE_SIZE]

    unresolved = Counter(
        row.owner for row in rows if row.owner and (not row.people or row.owner in draft.aliases)
    )
    on_page = {row.owner for row in shown}
    owners = [
        OwnerChoice(owner, owner_key(owner), count, draft.aliases.get(owner))
        for owner, count in unresolved.items()
        if owner in on_page and _tokens_in(owner)
    ]
    checks_by_page = Counter(
        i // PREVIEW_PAGE_SIZE + 1 for i, row in enumerate(listed) if row.needs_check
    )
    return Preview(
        title=plan["plan_title"],
        organisation=plan["organisation"] or "",
        kind=_label(PlanKind, plan["kind"]),
        kind_code=plan["kind"] or "",
        as_at_raw=plan["as_at_raw"] or "",
        as_at=as_at,
        filename=draft.filename,
        counts={
            "sections": len(plan["sections"]),
            "actions": len(actions),
            "milestones": len(plan["milestones"]),
            "risks": len(plan["risks"]),
            "indicators": len(plan["indicators"]),
            "problems": sum(len(row.problems) for row in rows) + len(plan_problems),
            "unmatched_leads": len(unresolved) - sum(1 for o in unresolved if o in draft.aliases),
        },
        sections=_section_tree(plan),
        actions=shown,
        owners=owners,
        people=people,
        plan_problems=plan_problems,
        page=page,
        pages=pages,
        first=first + 1,
        last=first + len(shown),
        checks=sum(checks_by_page.values()),
        check_pages=sorted((p, n) for p, n in checks_by_page.items() if p != page),
        only_checks=only_checks,
        not_actions=[
            NotAction(
                i,
                str(row.get("text") or ""),
                row.get("section") or "",
                plain(str(row.get("source") or "")),
            )
            for i, row in enumerate(plan.get("not_actions") or [])
            if isinstance(row, dict)
        ],
        section_paths=corrections_.section_paths(plan),
        details_corrected=any(operation["op"] == "plan" for operation in draft.operations),
    )


def _preview_action(
    index: int,
    action: dict[str, Any],
    as_at: date | None,
    matcher: OwnerMatcher,
    problems: list[PreviewProblem],
    corrected: bool,
) -> PreviewAction:
    owner = action["owner"] or ""
    checked = bool(action.get("checked"))  # "Mark as checked": nothing about it is in doubt
    people = matcher.people_named(owner) if owner else []
    due_raw = action["due_raw"] or ""
    reading = read_date(due_raw, as_at) if due_raw else None
    due = parse_iso_date(action["due"]) if isinstance(action["due"], str) else None
    if reading is not None and reading.problem:  # a month whose year the importer found
        reading = read_action_date(due_raw, due, as_at, reading)

    owner_check = "" if owner else "No lead is named"
    if not due_raw:
        due_check = "" if action["status"] in DONE_STATUSES else "No timeframe is given"
    elif reading and reading.problem:
        due_check = f"The timeframe cannot be read: {reading.problem}"
    elif reading and reading.due is None and not reading.is_complete:
        due_check = "No due date can be read from the timeframe"
    elif reading and reading.precision in VAGUE_PRECISIONS and not reading.is_complete:
        due_check = f"A vague timeframe ({_label(DatePrecision, str(reading.precision)).lower()})"
    else:
        due_check = ""
    return PreviewAction(
        index=index,
        ref=action["ref"] or "",
        text=action["text"],
        section=action["section"] or "",
        owner=owner,
        due_raw=due_raw,
        due=due,
        precision=_label(DatePrecision, str(reading.precision)) if reading else "",
        status=action["status"] or "",
        status_raw=action["status_raw"] or "",
        rag=action["rag"] or "",
        people=[person.name for person in people],
        corrected=corrected,
        measures=list(action["measures"]),
        checked=checked,
        problems=problems,
        owner_check="" if checked else owner_check,
        owner_note="" if people or not owner else UNMATCHED_LEAD,
        due_check="" if checked else due_check,
        status_check=(
            "The status the document gives was not understood: choose one"
            if action["status_raw"] and not action["status"] and not checked
            else ""
        ),
        unsure=low_fields(action),
        maybe_not_action=field_confidence(action, "action") < LOW,
        source=plain(str(action.get("source") or "")),
    )


def _label(choices: Any, value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


_ACTION_INDEX = re.compile(r"^(?:actions\[(\d+)\]|action #(\d+)$)")


def _attach_problems(
    actions: list[dict[str, Any]], problems: list[dict[str, Any]]
) -> tuple[dict[int, list[PreviewProblem]], list[PreviewProblem]]:
    """Each problem to its action, or to the plan as a whole.

    The linter names an action ``action REF`` or ``action #N`` (from 1), the importer by its
    bare ref, and Plan JSON validation ``actions[i].field`` (from 0).
    """
    by_ref: dict[str, list[int]] = {}
    for index, action in enumerate(actions):
        if action["ref"]:
            by_ref.setdefault(str(action["ref"]), []).append(index)
    by_index: dict[int, list[PreviewProblem]] = {}
    whole: list[PreviewProblem] = []
    for problem in problems:
        where = str(problem.get("where") or "")
        item = PreviewProblem(
            str(problem.get("rule") or ""), str(problem.get("message") or ""), where
        )
        match = _ACTION_INDEX.match(where)
        if match:
            index = int(match.group(1)) if match.group(1) else int(match.group(2)) - 1
            targets = [index] if 0 <= index < len(actions) else []
        else:
            targets = by_ref.get(where.removeprefix("action "), [])
        if not targets:
            whole.append(item)
        for index in targets:
            by_index.setdefault(index, []).append(item)
    return by_index, whole


def _lint(plan: dict[str, Any], people: list[Person], aliases: dict[str, int]) -> list[Problem]:
    """The linter's problems with the plan as it stands, then the importer's that still hold."""
    recorded = [
        problem
        for problem in plan["problems"]
        if isinstance(problem, dict) and problem.get("rule") not in RECHECKED_RULES
    ]
    return lint_plan(
        {**plan, "problems": recorded}, known_people=_known_names(people, plan, aliases)
    )


def _people_as_loaded(
    people: list[Person], plan: dict[str, Any], aliases: dict[str, int], by_id: dict[int, Person]
) -> list[Person]:
    """The people the loader will match owners against: the partnership's people with the
    aliases chosen on the preview, and the people the plan's owner glossary adds (unsaved
    copies: nothing is stored)."""
    chosen: dict[int, list[str]] = {}
    for owner, person_id in aliases.items():
        if person_id in by_id:
            chosen.setdefault(person_id, []).append(owner)
    out = []
    for person in people:
        if person.pk in chosen:
            person = copy.copy(person)
            person.aliases = [*person.aliases, *chosen[person.pk]]
        out.append(person)
    glossary: dict[str, list[str]] = {}
    for abbreviation, name in plan["owner_glossary"].items():
        glossary.setdefault(name.strip(), []).append(abbreviation.strip())
    # The loader adds each glossary name as a person (or reuses one of that name) with its
    # abbreviations as initials or aliases; an unsaved stand-in matches the same owners.
    out.extend(
        Person(name=name, initials="", aliases=abbreviations)
        for name, abbreviations in glossary.items()
    )
    return out


def _known_names(people: list[Person], plan: dict[str, Any], aliases: dict[str, int]) -> set[str]:
    names: set[str] = set(aliases)
    for person in people:
        names.update(n for n in [person.name, person.initials, *person.aliases] if n)
    for abbreviation, name in plan["owner_glossary"].items():
        names.update([abbreviation, name])
    return names


def _tokens_in(text: str) -> bool:
    return bool(re.search(r"\w", text))


def _section_tree(plan: dict[str, Any]) -> list[SectionPreview]:
    """The sections nested as the loader nests them, each with the actions it will hold."""
    nodes = section_nodes(plan["sections"])
    resolver = SectionResolver(nodes)
    counts: Counter[int] = Counter()
    for action in plan["actions"]:
        node = resolver.resolve(action["section"])
        if node is not None:
            counts[node.position] += 1
    previews = {
        node.position: SectionPreview(
            node.title,
            _label(SectionKind, plan["sections"][node.position]["kind"]),
            counts[node.position],
            node.position,
            node.path,
        )
        for node in nodes
    }
    roots = []
    for node in nodes:
        if node.parent is None:
            roots.append(previews[node.position])
        else:
            previews[node.parent.position].children.append(previews[node.position])
    return roots


# --- confirm -------------------------------------------------------------------------------


def confirm_import(*, draft: Draft, partnership: Partnership, user: User) -> Plan:
    """Store the draft as a new plan of ``partnership``: all of it, or nothing.

    The leads matched by hand are added to their people's aliases first, so the loader links
    the actions to them. Raises ``AlreadyImported`` when the draft has been confirmed before
    (a double click, a resubmitted form, a second tab), ``DraftRefused`` when a chosen person
    has gone, and ``PlanJSONError`` when the plan is not valid Plan JSON (nothing stored in
    any of these cases).
    """
    refuse_if_confirmed(draft, partnership)
    plan_json = plan_to_store(draft.plan)
    plan_json["problems"] = _problems_to_keep(draft, people_of(partnership))
    try:
        with transaction.atomic():
            _add_aliases(draft, partnership=partnership, user=user)
            return load_plan(
                plan_json,
                partnership=partnership,
                source_document=draft.filename,
                user=user,
                import_reference=draft.reference,
                source_sha256=draft.sha256,
            )
    except IntegrityError:
        # Two confirms of one draft at the same moment: the unique reference lets one in.
        refuse_if_confirmed(draft, partnership)
        raise


def imported_before(draft: Draft, partnership: Partnership) -> list[Plan]:
    """The partnership's plans (not archived) imported from the same document as the draft:
    confirming it as a new plan again would make a second copy of one of them."""
    if not draft.sha256:
        return []
    return list(
        Plan.objects.filter(
            partnership=partnership, source_sha256=draft.sha256, archived_at__isnull=True
        ).order_by("created_at", "pk")
    )


def refuse_if_confirmed(draft: Draft, partnership: Partnership) -> None:
    """Refuse a draft confirmed before, as a new plan or as an update of one."""
    existing = Plan.objects.filter(import_reference=draft.reference).first()
    if existing is not None:
        raise AlreadyImported(existing if existing.partnership_id == partnership.pk else None)
    update = PlanUpdate.objects.select_related("plan").filter(reference=draft.reference).first()
    if update is not None:
        raise AlreadyApplied(update.plan if update.partnership_id == partnership.pk else None)


def plan_to_store(plan: dict[str, Any]) -> dict[str, Any]:
    """The Plan JSON to store: without the rows not taken as actions, nor what the reader
    said of its own confidence and sources (the preview's, not the plan's)."""
    out = {key: value for key, value in plan.items() if key != "not_actions"}
    out["actions"] = [
        {
            key: value
            for key, value in action.items()
            if key not in ("confidence", "source", "checked")
        }
        for action in plan["actions"]
    ]
    return copy.deepcopy(out)


def _problems_to_keep(draft: Draft, people: list[Person]) -> list[Problem]:
    """The problems as they stand after the corrections, kept with the plan to follow up."""
    return [
        {key: str(problem.get(key) or "") for key in ("where", "rule", "message")}
        for problem in _lint(draft.plan, people, draft.aliases)
    ]


def _add_aliases(draft: Draft, *, partnership: Partnership, user: User) -> None:
    if not draft.aliases:
        return
    people = {
        person.pk: person
        for person in Person.objects.select_for_update().filter(
            partnership=partnership, pk__in=set(draft.aliases.values())
        )
    }
    changed: dict[int, Person] = {}
    for owner, person_id in draft.aliases.items():
        person = people.get(person_id)
        if person is None:
            raise DraftRefused(
                f"The person chosen for the lead “{owner}” is no longer in the partnership: "
                "choose someone else."
            )
        if owner in (person.name, person.initials) or owner in person.aliases:
            continue
        person.aliases = [*person.aliases, owner]
        changed[person.pk] = person
    if changed:
        bulk_update_with_history(
            list(changed.values()),
            Person,
            ["aliases"],
            default_user=user,
            default_change_reason=f"Lead named in {draft.filename}"[:100],
        )


def status_choices() -> list[tuple[str, str]]:
    return [("", "Not stated"), *Status.choices]


def rag_choices() -> list[tuple[str, str]]:
    """The RAG a document may state: stored as the action's rating "stated in the
    document"; none leaves the rating to be worked out from the action's dates."""
    return [("", "Not stated"), *Rag.choices]


# --- corrections kept for the same document uploaded again ----------------------------------


@dataclass(frozen=True)
class Replayed:
    """Corrections made on an earlier upload of the same document, made again."""

    applied: int
    skipped: int
    made_on: date


def keep_corrections(draft: Draft, *, partnership: Partnership, user: User) -> None:
    """Keep the draft's corrections under its document's SHA-256, for the next upload."""
    if not draft.sha256:
        return
    with transaction.atomic():
        record = (
            DocumentCorrections.objects.select_for_update()
            .filter(partnership=partnership, sha256=draft.sha256)
            .first()
        ) or DocumentCorrections(partnership=partnership, sha256=draft.sha256)
        if record.operations == draft.operations and record.reference == draft.reference:
            return
        record.operations = draft.operations
        record.reference = draft.reference
        record.filename = draft.filename[:300]
        record.made_by = user
        note_changed_by(record, user)
        note_change_reason(record, "Corrected on the import preview")
        record.save()


def forget_corrections(sha256: str, *, partnership: Partnership, user: User) -> None:
    """Drop the corrections kept for a document, so its next reading is the document's own
    (someone's abandoned trial is not made again on the next upload)."""
    record = DocumentCorrections.objects.filter(partnership=partnership, sha256=sha256).first()
    if record is not None:
        note_changed_by(record, user)
        note_change_reason(record, "Corrections discarded on the import preview")
        record.delete()


def with_kept_corrections(
    draft: Draft, *, partnership: Partnership, people: list[Person]
) -> tuple[Draft, Replayed | None]:
    """A fresh reading with the corrections kept for the same document made again (those
    that no longer apply skipped and counted). ``Replayed`` is None when they were made on
    this same upload (the preview shown again) or there are none. One query."""
    if not draft.sha256:
        return draft, None
    record = DocumentCorrections.objects.filter(
        partnership=partnership, sha256=draft.sha256
    ).first()
    if record is None or not record.operations:
        return draft, None
    done = corrections_.replay(
        draft.plan, draft.aliases, record.operations, person_ids={p.pk for p in people}
    )
    replayed = _redrafted(draft, done.plan, done.aliases, done.applied)
    if record.reference == draft.reference:
        return replayed, None
    return replayed, Replayed(
        len(done.applied), done.skipped, timezone.localdate(record.updated_at)
    )
