"""Loading a Plan JSON document into a partnership, and writing a plan back out as Plan JSON.

``load_plan`` checks the whole document first (``PlanJSONError``, nothing stored), then
creates the plan and everything in it in one transaction: either all of it is stored or none
of it. Rows are inserted in bulk, with their history records (who loaded them, when), so the
number of queries does not grow with the number of actions (apart from the batches SQLite
splits a large insert into).

``export_plan`` gives back the document that was loaded: same keys in the same order, lists in
document order. What is read from the document is kept raw beside what it was resolved to
(``section_path`` beside the ``section`` it names, ``owner_raw`` beside the people it names,
``finding_text`` beside the ``Finding``), and the export writes the raw values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import nh3
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from sendtrack.accounts.models import Partnership, Person, User
from sendtrack.core.history import note_change_reason, note_changed_by
from sendtrack.domain.dates import read_date
from sendtrack.domain.documents.text import plain
from sendtrack.domain.plan_json import (
    ACTION_KEYS,
    PROBLEM_KEYS,
    STATUS_HISTORY_KEYS,
    PlanJSONError,
    parse_iso_date,
    validate_plan_json,
)

from .models import (
    RAG_STATED_REASON,
    Action,
    DatePrecision,
    Finding,
    ImpactIndicator,
    Milestone,
    Plan,
    Risk,
    Section,
    SectionKind,
)

__all__ = [
    "PATH_SEPARATOR",
    "RAG_STATED_REASON",
    "OwnerMatcher",
    "PlanJSONError",
    "SectionNode",
    "SectionResolver",
    "export_plan",
    "load_plan",
    "plan_counts",
    "section_nodes",
]

"""The reason recorded for a RAG rating that the imported document states for an action."""

PATH_SEPARATOR = " / "


# --- load ---------------------------------------------------------------------------------


def load_plan(
    data: dict[str, Any],
    *,
    partnership: Partnership,
    source_document: str = "",
    user: User | None = None,
    import_reference: str | None = None,
    source_sha256: str = "",
) -> Plan:
    """Store a Plan JSON document as a new plan of ``partnership``; all of it or nothing.

    Raises ``PlanJSONError`` (nothing stored) when the document is not valid Plan JSON.
    ``user``, when given, is recorded as the author of every history record made.
    ``import_reference``, when given, is stored on the plan (``Plan.import_reference`` is
    unique), so a second load with the same reference fails with ``IntegrityError`` and
    stores nothing: the importer gives each draft one, so a draft cannot be confirmed twice.
    ``source_sha256``, the imported document's, lets the same document uploaded again be
    recognised.
    """
    data = without_markup(data)
    problems = validate_plan_json(data)
    if problems:
        raise PlanJSONError(problems)

    as_at = _date_or_none(data["as_at"])
    reason = f"Loaded from {source_document}" if source_document else "Loaded from Plan JSON"
    loader = _Loader(
        partnership=partnership,
        user=user,
        as_at=as_at,
        today=timezone.localdate(),
        change_reason=reason[:100],
    )
    with transaction.atomic():
        plan = loader.create_plan(data, source_document, import_reference, source_sha256)
        sections = loader.create_sections(plan, data["sections"])
        resolver = SectionResolver(sections)
        people = loader.people_for_glossary(data["owner_glossary"])
        matcher = OwnerMatcher(people)
        actions = loader.create_actions(plan, data["actions"], resolver)
        _link_action_owners(actions, matcher)
        answered = loader.create_findings(plan, actions)
        loader.create_key_concern_findings(plan, sections, actions, answered)
        loader.create_section_items(Milestone, plan, data["milestones"], resolver)
        loader.create_section_items(ImpactIndicator, plan, data["indicators"], resolver)
        loader.create_risks(plan, data["risks"], matcher)
    return plan


_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_KEPT_TAGS = {"p", "br", "ul", "ol", "li", "b", "i", "u", "em", "strong", "span", "div"}


def without_markup(value: Any) -> Any:
    """Plan JSON with any HTML in its text turned into plain text, before anything is stored.

    Scripts and styles are dropped with their content (nh3); other tags become spaces or
    nothing, entities are decoded. Text without markup is left exactly as it is.
    """
    if isinstance(value, str):
        if not _MARKUP.search(value):
            return value
        return plain(nh3.clean(value, tags=_KEPT_TAGS, attributes={}))
    if isinstance(value, list):
        return [without_markup(item) for item in value]
    if isinstance(value, dict):
        return {key: without_markup(item) for key, item in value.items()}
    return value


@dataclass
class _Loader:
    partnership: Partnership
    user: User | None
    as_at: date | None
    today: date
    change_reason: str

    def bulk_create(self, model: type[Any], objs: list[Any]) -> list[Any]:
        """Insert ``objs`` with a history record each; the saved objects, in the same order."""
        if not objs:
            return []
        return list(
            bulk_create_with_history(
                objs,
                model,
                default_user=self.user,
                default_change_reason=self.change_reason,
            )
        )

    def create_plan(
        self,
        data: dict[str, Any],
        source_document: str,
        import_reference: str | None = None,
        source_sha256: str = "",
    ) -> Plan:
        plan = Plan(
            partnership=self.partnership,
            title=data["plan_title"],
            organisation_name=data["organisation"] or "",
            kind=data["kind"] or "",
            as_at_raw=data["as_at_raw"] or "",
            as_at=self.as_at,
            source_document=source_document[:300],
            owner_glossary=data["owner_glossary"],
            problems=data["problems"],
            import_reference=import_reference or None,
            source_sha256=source_sha256,
        )
        if self.user is not None:  # else simple_history names the request's user, if any
            note_changed_by(plan, self.user)
        note_change_reason(plan, self.change_reason)
        plan.save()
        return plan

    def create_sections(self, plan: Plan, items: list[dict[str, Any]]) -> list[SectionNode]:
        """The section tree, one insert per level of depth so each parent exists first."""
        nodes = section_nodes(items)
        for node, item in zip(nodes, items, strict=True):
            node.row = Section(
                partnership=self.partnership,
                plan=plan,
                ref=item["ref"],
                title=item["title"],
                kind=item["kind"] or "",
                position=node.position,
            )

        for depth in range(max((node.depth for node in nodes), default=-1) + 1):
            level = [node for node in nodes if node.depth == depth]
            for node in level:
                if node.parent is not None:
                    node.row.parent = node.parent.row
            saved = self.bulk_create(Section, [node.row for node in level])
            for node, row in zip(level, saved, strict=True):
                node.row = row
        return nodes

    def people_for_glossary(self, glossary: dict[str, str]) -> list[Person]:
        """Everyone in the partnership, after adding the people the owner glossary names.

        Abbreviations with the same full name are one person: the first becomes their
        initials, the rest aliases. A person already in the partnership with that name is
        reused, and gains any abbreviation not yet known for them.
        """
        people = list(Person.objects.filter(partnership=self.partnership).order_by("id"))
        by_name: dict[str, Person] = {}
        for known in people:
            by_name.setdefault(known.name, known)

        abbreviations_by_name: dict[str, list[str]] = {}
        for abbreviation, name in glossary.items():
            abbreviations_by_name.setdefault(name.strip(), []).append(abbreviation.strip())

        initials_limit = Person._meta.get_field("initials").max_length or 20
        new: list[Person] = []
        changed: list[Person] = []
        for name, abbreviations in abbreviations_by_name.items():
            person = by_name.get(name)
            if person is None:
                person = Person(partnership=self.partnership, name=name, aliases=[])
                by_name[name] = person
                new.append(person)
            before = (person.initials, list(person.aliases))
            for abbreviation in abbreviations:
                if not abbreviation or abbreviation in (person.initials, person.name):
                    continue
                if not person.initials and len(abbreviation) <= initials_limit:
                    person.initials = abbreviation
                elif abbreviation not in person.aliases:
                    person.aliases = [*person.aliases, abbreviation]
            if person.pk is not None and (person.initials, person.aliases) != before:
                changed.append(person)

        created = self.bulk_create(Person, new)
        if changed:
            bulk_update_with_history(
                changed,
                Person,
                ["initials", "aliases"],
                default_user=self.user,
                default_change_reason=self.change_reason,
            )
        return [*people, *created]

    def create_actions(
        self, plan: Plan, items: list[dict[str, Any]], resolver: SectionResolver
    ) -> list[_LoadedAction]:
        rows = []
        for position, item in enumerate(items):
            section = resolver.resolve(item["section"])
            rows.append(
                Action(
                    partnership=self.partnership,
                    plan=plan,
                    section=section.row if section else None,
                    section_path=item["section"],
                    position=position,
                    ref=item["ref"],
                    text=item["text"],
                    owner_raw=item["owner"],
                    partners=item["partners"],
                    start_raw=item["start_raw"],
                    due_raw=item["due_raw"],
                    due=_date_or_none(item["due"]),
                    due_precision=self.precision(item["due_raw"]),
                    status_raw=item["status_raw"],
                    status=item["status"],
                    rag_override=item["rag"],
                    rag_override_reason=RAG_STATED_REASON if item["rag"] else "",
                    measures=item["measures"],
                    finding_text=item["finding"],
                    extra={key: value for key, value in item.items() if key not in ACTION_KEYS},
                    # the document's progress is as at its date, not the day it was loaded
                    last_activity_on=min(self.as_at, self.today) if self.as_at else self.today,
                )
            )
        saved = self.bulk_create(Action, rows)
        return [
            _LoadedAction(row=row, section=resolver.resolve(item["section"]))
            for row, item in zip(saved, items, strict=True)
        ]

    def create_findings(self, plan: Plan, actions: list[_LoadedAction]) -> set[int]:
        """One Finding for each distinct finding text, linked to its actions and sections.
        Returns the ids of the sections a finding was linked to."""
        by_text: dict[str, Finding] = {}
        for action in actions:
            text = action.row.finding_text
            if text and text not in by_text:
                by_text[text] = Finding(partnership=self.partnership, plan=plan, text=text)
        saved = dict(zip(by_text, self.bulk_create(Finding, list(by_text.values())), strict=True))

        action_links = []
        section_links: dict[tuple[int, int], Any] = {}
        for action in actions:
            text = action.row.finding_text
            if not text:
                continue
            finding = saved[text]
            action_links.append(
                Action.findings.through(action_id=action.row.pk, finding_id=finding.pk)
            )
            if action.section is not None:
                key = (finding.pk, action.section.row.pk)
                section_links.setdefault(
                    key, Finding.sections.through(finding_id=key[0], section_id=key[1])
                )
        if action_links:
            Action.findings.through.objects.bulk_create(action_links)
        if section_links:
            Finding.sections.through.objects.bulk_create(list(section_links.values()))
        return {section_id for _, section_id in section_links}

    def create_key_concern_findings(
        self,
        plan: Plan,
        sections: list[SectionNode],
        actions: list[_LoadedAction],
        answered: set[int],
    ) -> None:
        """A key concern the document prints as a section is a finding the plan answers:
        each key-concern section no finding is linked to becomes one (its ref and title),
        linked to it and to the actions inside it. Findings the document gives are kept."""
        concerns = [
            node
            for node in sections
            if node.row.kind == SectionKind.KEY_CONCERN and node.row.pk not in answered
        ]
        saved = self.bulk_create(
            Finding,
            [
                Finding(
                    partnership=self.partnership, plan=plan, ref=node.ref or "", text=node.title
                )
                for node in concerns
            ],
        )
        Finding.sections.through.objects.bulk_create(
            [
                Finding.sections.through(finding_id=finding.pk, section_id=node.row.pk)
                for node, finding in zip(concerns, saved, strict=True)
            ]
        )
        finding_of = {node: finding for node, finding in zip(concerns, saved, strict=True)}
        links = [
            Action.findings.through(action_id=action.row.pk, finding_id=finding_of[node].pk)
            for action in actions
            if action.section is not None
            for node in action.section.titles_inside_out()
            if node in finding_of
        ]
        Action.findings.through.objects.bulk_create(links, ignore_conflicts=True)

    def create_section_items(
        self,
        model: type[Milestone] | type[ImpactIndicator],
        plan: Plan,
        items: list[dict[str, Any]],
        resolver: SectionResolver,
    ) -> None:
        """Milestones and impact indicators: text placed in a section, in document order."""
        rows = []
        for position, item in enumerate(items):
            section = resolver.resolve(item["section"])
            if model is Milestone:
                extra = {
                    "due_raw": item["due_raw"],
                    "due": _date_or_none(item["due"]),
                    "due_precision": self.precision(item["due_raw"]),
                }
            else:
                extra = {"kind": item["kind"]}
            rows.append(
                model(
                    partnership=self.partnership,
                    plan=plan,
                    section=section.row if section else None,
                    section_path=item["section"],
                    position=position,
                    text=item["text"],
                    **extra,
                )
            )
        self.bulk_create(model, rows)

    def create_risks(self, plan: Plan, items: list[dict[str, Any]], matcher: OwnerMatcher) -> None:
        rows = []
        for position, item in enumerate(items):
            owners = matcher.people_named(item["owner"])
            rows.append(
                Risk(
                    partnership=self.partnership,
                    plan=plan,
                    position=position,
                    title=item["title"],
                    detail=item["detail"],
                    rag=item["rag"],
                    impact=item["impact"],
                    mitigation=item["mitigation"],
                    owner_raw=item["owner"],
                    owner=owners[0] if len(owners) == 1 else None,
                )
            )
        self.bulk_create(Risk, rows)

    def precision(self, due_raw: str | None) -> str:
        """How precise the date text is ("March 2025" is a month), as a DatePrecision value."""
        if due_raw is None or not due_raw.strip():
            return DatePrecision.NONE
        value = str(read_date(due_raw, self.as_at).precision)
        return value if value in DatePrecision.values else DatePrecision.NONE


def _link_action_owners(actions: list[_LoadedAction], matcher: OwnerMatcher) -> None:
    """Link each action to the people its owner cell names (``owner_raw`` is kept as is)."""
    links = [
        Action.owners.through(action_id=action.row.pk, person_id=person.pk)
        for action in actions
        for person in matcher.people_named(action.row.owner_raw)
    ]
    if links:
        Action.owners.through.objects.bulk_create(links)


def _date_or_none(value: str | None) -> date | None:
    return parse_iso_date(value) if value is not None else None


def section_nodes(items: Sequence[dict[str, Any]]) -> list[SectionNode]:
    """The Plan JSON ``sections`` nested as they are stored: each under the latest section
    before it whose ref is its ``parent_ref`` (none when there is no such section)."""
    nodes: list[SectionNode] = []
    latest_by_ref: dict[str, SectionNode] = {}
    for position, item in enumerate(items):
        parent_ref = item["parent_ref"]
        parent = latest_by_ref.get(parent_ref) if parent_ref is not None else None
        node = SectionNode(
            position=position,
            ref=item["ref"],
            title=item["title"],
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            path=(parent.path + PATH_SEPARATOR if parent else "") + item["title"],
        )
        nodes.append(node)
        if item["ref"] is not None:
            latest_by_ref[item["ref"]] = node
    return nodes


@dataclass(eq=False)
class SectionNode:
    """A section of the plan being loaded or previewed; ``row`` is its ``Section`` when
    loading (unsaved until its level is inserted), unset in a preview."""

    position: int
    ref: str | None
    title: str
    parent: SectionNode | None
    depth: int
    path: str
    row: Section = None  # type: ignore[assignment]  # set as soon as the node is made

    def titles_inside_out(self) -> Iterable[SectionNode]:
        node: SectionNode | None = self
        while node is not None:
            yield node
            node = node.parent


@dataclass(eq=False)
class _LoadedAction:
    row: Action
    section: SectionNode | None


class SectionResolver:
    """The section an action's ``section`` text names.

    First the section whose title path (outermost first, joined with " / ") is exactly the
    text; failing that, the section matching the most parts of the path from its innermost
    end, where a part matches a title equal to it or printed after its number ("2.2 A To
    establish …" names the section titled "To establish …"); failing that, none. Where two
    sections match equally well, the first in the document wins.
    """

    def __init__(self, nodes: Sequence[SectionNode]) -> None:
        self.nodes = nodes
        self.by_path: dict[str, SectionNode] = {}
        for node in nodes:
            self.by_path.setdefault(node.path, node)
        self.cache: dict[str, SectionNode | None] = {}

    def resolve(self, path: str | None) -> SectionNode | None:
        if path is None:
            return None
        if path not in self.cache:
            self.cache[path] = self.by_path.get(path) or self._best_suffix(path)
        return self.cache[path]

    def _best_suffix(self, path: str) -> SectionNode | None:
        parts = [part.strip() for part in path.split(PATH_SEPARATOR)]
        best: SectionNode | None = None
        best_score = 0
        for node in self.nodes:
            score = 0
            for part, ancestor in zip(reversed(parts), node.titles_inside_out(), strict=False):
                if not _part_names(part, ancestor.title):
                    break
                score += 1
            if score > best_score:
                best, best_score = node, score
        return best


def _part_names(part: str, title: str) -> bool:
    """A path part names a title: the same, the title printed after its number, or a long
    title as Plan JSON paths carry it, cut (at 80 characters in older files, ``TITLE_CUT``
    in the importer's; the title itself is whole)."""
    if part == title or part.endswith(" " + title):
        return True
    return len(part) >= SHORTEST_CUT and (title.startswith(part) or part in title)


SHORTEST_CUT = 79
"""The shortest a cut title part is: 80 characters, less a space stripped at the end."""


_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


class OwnerMatcher:
    """The people an owner cell names, by their initials, name or aliases, word by word.

    Initials and one-word aliases ("PeRi", "DCO") match only with the same capitals, so an
    owner cell's ordinary words are not mistaken for them; names and aliases of several words
    ("Penny Richardson", "SEND GM") match whatever their capitals. "PeRi SEND GM LuNo CCG"
    names two people; "PeRi, SaCa" names two.
    """

    def __init__(self, people: Iterable[Person]) -> None:
        self.forms: list[tuple[tuple[str, ...], bool, Person]] = []
        for person in people:
            for form in [person.initials, person.name, *person.aliases]:
                tokens = tuple(_tokens(form or ""))
                if not tokens:
                    continue
                exact = len(tokens) == 1
                self.forms.append(
                    (tokens if exact else tuple(t.casefold() for t in tokens), exact, person)
                )
        self.cache: dict[str, list[Person]] = {}

    def people_named(self, owner: str | None) -> list[Person]:
        if not owner:
            return []
        if owner not in self.cache:
            self.cache[owner] = self._match(owner)
        return self.cache[owner]

    def _match(self, owner: str) -> list[Person]:
        tokens = _tokens(owner)
        folded = [token.casefold() for token in tokens]
        found: list[Person] = []
        for form, exact, person in self.forms:
            words = tokens if exact else folded
            size = len(form)
            if person not in found and any(
                tuple(words[i : i + size]) == form for i in range(len(words) - size + 1)
            ):
                found.append(person)
        return found


# --- export -------------------------------------------------------------------------------


def export_plan(plan: Plan) -> dict[str, Any]:
    """The plan as a Plan JSON document, in five queries whatever its size."""
    sections = list(
        Section.objects.filter(plan=plan)
        .order_by("position", "id")
        .values("id", "ref", "title", "kind", "parent_id")
    )
    ref_by_id = {section["id"]: section["ref"] for section in sections}
    actions = Action.objects.filter(plan=plan).order_by("position", "id")
    milestones = Milestone.objects.filter(plan=plan).order_by("position", "id")
    risks = Risk.objects.filter(plan=plan).order_by("position", "id")
    indicators = ImpactIndicator.objects.filter(plan=plan).order_by("position", "id")
    return {
        "plan_title": plan.title,
        "organisation": plan.organisation_name or None,
        "kind": plan.kind or None,
        "as_at_raw": plan.as_at_raw or None,
        "as_at": _iso(plan.as_at),
        "sections": [
            {
                "ref": section["ref"],
                "title": section["title"],
                "kind": section["kind"] or None,
                "parent_ref": ref_by_id.get(section["parent_id"]),
            }
            for section in sections
        ],
        "actions": [_export_action(action) for action in actions],
        "milestones": [
            {
                "section": milestone.section_path,
                "text": milestone.text,
                "due_raw": milestone.due_raw,
                "due": _iso(milestone.due),
            }
            for milestone in milestones
        ],
        "risks": [
            {
                "title": risk.title,
                "detail": risk.detail,
                "rag": risk.rag or None,
                "impact": risk.impact,
                "mitigation": risk.mitigation,
                "owner": risk.owner_raw,
            }
            for risk in risks
        ],
        "indicators": [
            {"section": indicator.section_path, "text": indicator.text, "kind": indicator.kind}
            for indicator in indicators
        ],
        "owner_glossary": dict(plan.owner_glossary or {}),
        "problems": [_in_order(problem, PROBLEM_KEYS) for problem in plan.problems or []],
    }


def _export_action(action: Action) -> dict[str, Any]:
    exported: dict[str, Any] = {
        "ref": action.ref,
        "section": action.section_path,
        "text": action.text,
        "owner": action.owner_raw,
        "partners": list(action.partners),
        "start_raw": action.start_raw,
        "due_raw": action.due_raw,
        "due": _iso(action.due),
        "status_raw": action.status_raw,
        "status": action.status or None,
        "rag": action.rag_override or None,
        "measures": list(action.measures),
        "finding": action.finding_text,
    }
    for key, value in (action.extra or {}).items():
        if key == "status_history" and isinstance(value, list):
            value = [_in_order(entry, STATUS_HISTORY_KEYS) for entry in value]
        exported[key] = value
    return exported


def _in_order(item: Any, keys: Sequence[str]) -> Any:
    """A JSON object with ``keys`` first, in that order (PostgreSQL's jsonb sorts keys)."""
    if not isinstance(item, dict):
        return item
    return {
        **{key: item[key] for key in keys if key in item},
        **{key: value for key, value in item.items() if key not in keys},
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def plan_counts(plan: Plan) -> dict[str, int]:
    """How many of each thing the plan holds, for messages such as the load-plan summary."""
    return {
        "sections": Section.objects.filter(plan=plan).count(),
        "actions": Action.objects.filter(plan=plan).count(),
        "milestones": Milestone.objects.filter(plan=plan).count(),
        "impact indicators": ImpactIndicator.objects.filter(plan=plan).count(),
        "risks": Risk.objects.filter(plan=plan).count(),
    }
