"""Every read of plan data: scoped to one partnership, in a fixed number of queries.

RAG is not stored: it is worked out from status, due date and last activity by the rules
in domain/rag.py each time it is shown, so it can never go stale.
"""

from collections import defaultdict
from dataclasses import astuple, dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery

from sendtrack.accounts.models import Partnership, Person
from sendtrack.core.charts import Bar
from sendtrack.domain.rag import (
    DONE_STATUSES,
    ActionFacts,
    Rag,
    RagResult,
    RagSettings,
    brag_counts,
    brag_for_action,
    rag_for_action,
    rag_for_section,
)
from sendtrack.domain.rag import Status as RagStatus
from sendtrack.domain.risks import HeatMap, heat_map
from sendtrack.domain.statutory import add_months
from sendtrack.indicators.models import Indicator

from .models import (
    Action,
    DueDateRequest,
    EvidenceFile,
    Finding,
    ImpactIndicator,
    Milestone,
    Plan,
    PlanSettings,
    ProgressUpdate,
    RagSnapshot,
    RequestStatus,
    Risk,
    RiskStatus,
    Section,
)

DUE_SOON_DAYS = 30
RECENT_DAYS = 14


def rag_settings() -> RagSettings:
    return RagSettings(
        due_soon_days=settings.SENDTRACK_RAG_DUE_SOON_DAYS,
        stale_after_days=settings.SENDTRACK_RAG_STALE_AFTER_DAYS,
    )


# The stored values as the rules' types, looked up rather than converted, row by row.
STATUSES: dict[str, RagStatus] = {status.value: status for status in RagStatus}
RAGS: dict[str, Rag] = {rag.value: rag for rag in Rag}


class RagRules:
    """The partnership's RAG rules as at one day, read from settings once per page, with the
    days the dashboard's signals turn on worked out once."""

    def __init__(self, today: date):
        self.today = today
        self.settings = rag_settings()
        self.stale_before = today - timedelta(days=self.settings.stale_after_days)
        self.due_soon_until = today + timedelta(days=DUE_SOON_DAYS)
        self.recent_since = today - timedelta(days=RECENT_DAYS)

    def rating(
        self,
        status: str | None,
        due: date | None,
        last_activity_on: date | None,
        rag_override: str | None,
        rag_override_reason: str,
        awaiting_sign_off: bool = False,
    ) -> Rag:
        """The rating alone, for counts: the same rules as `rate`, no reason worded."""
        return brag_for_action(
            ActionFacts(
                status=STATUSES[status] if status else None,
                due=due,
                last_activity=last_activity_on,
                override=RAGS[rag_override] if rag_override else None,
                override_reason=rag_override_reason or "",
                awaiting_sign_off=bool(awaiting_sign_off),
            ),
            self.today,
            self.settings,
        )

    def rate(
        self,
        status: str | None,
        due: date | None,
        last_activity_on: date | None,
        rag_override: str | None,
        rag_override_reason: str,
        awaiting_sign_off: bool = False,
        never_updated: bool = False,
    ) -> RagResult:
        return rag_for_action(
            ActionFacts(
                status=RagStatus(status) if status else None,
                due=due,
                last_activity=last_activity_on,
                override=Rag(rag_override) if rag_override else None,
                override_reason=rag_override_reason or "",
                awaiting_sign_off=bool(awaiting_sign_off),
                never_updated=never_updated,
            ),
            self.today,
            self.settings,
        )

    def rate_action(self, action: Action, *, never_updated: bool = False) -> RagResult:
        return self.rate(
            action.status,
            action.due,
            action.last_activity_on,
            action.rag_override,
            action.rag_override_reason,
            action.awaiting_sign_off,
            never_updated,
        )


def action_rag(action: Action, today: date, *, never_updated: bool = False) -> RagResult:
    """``never_updated``: the action has no progress update yet, which its reason says."""
    return RagRules(today).rate_action(action, never_updated=never_updated)


def live_actions(partnership: Partnership) -> QuerySet[Action]:
    return Action.objects.filter(partnership=partnership, archived_at__isnull=True)


def plans_for(partnership: Partnership) -> QuerySet[Plan]:
    return Plan.objects.filter(partnership=partnership, archived_at__isnull=True)


@dataclass
class Tally:
    """BRAG counts and the signals a programme manager scans a plan for."""

    counts: dict[Rag, int] = field(default_factory=lambda: brag_counts([]))
    overdue: int = 0
    due_soon: int = 0
    recently_updated: int = 0
    no_recent_update: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rag(self) -> Rag | None:
        # The roll-up rule depends only on which ratings are present, not how many.
        return rag_for_section(rag for rag, n in self.counts.items() if n)

    @property
    def rag_share(self) -> str:
        """How many actions carry the section's rating, said beside its tag ("2 of 14 red"),
        so one red action in fourteen reads as that and not as a red workstream alone."""
        rag = self.rag
        if rag is None:
            return ""
        if rag == Rag.BLUE:
            return f"all {self.total} complete"
        return f"{self.counts[rag]} of {self.total} {rag.value}"

    def add(self, rated: "RatedAction", rules: RagRules) -> None:
        self.counts[rated.rag] += 1
        due, last = rated.due, rated.last_activity_on
        # Done means blue by the rules, not by hand: a rating set by hand is overridden.
        done = rated.rag == Rag.BLUE and not rated.overridden
        if due and not done:
            if due < rules.today:
                self.overdue += 1
            elif due <= rules.due_soon_until:
                self.due_soon += 1
        if last and last >= rules.recent_since:
            self.recently_updated += 1
        if not done and (last is None or last < rules.stale_before):
            self.no_recent_update += 1

    def include(self, other: "Tally") -> None:
        for rag, n in other.counts.items():
            self.counts[rag] += n
        self.overdue += other.overdue
        self.due_soon += other.due_soon
        self.recently_updated += other.recently_updated
        self.no_recent_update += other.no_recent_update


ACTION_RAG_FIELDS = (
    "status",
    "due",
    "last_activity_on",
    "rag_override",
    "rag_override_reason",
    "awaiting_sign_off",
)


class RatedAction(NamedTuple):
    """What counts and roll-ups need of one action: where it sits and its rating (a named
    tuple, as a dashboard makes thousands)."""

    id: int
    plan_id: int
    section_id: int | None
    rag: Rag
    overridden: bool
    due: date | None
    last_activity_on: date | None


def rated_actions(actions: QuerySet[Action], rules: RagRules) -> list[RatedAction]:
    """The actions rated, in one query of the few columns the rules read."""
    rows = actions.values_list("id", "plan_id", "section_id", *ACTION_RAG_FIELDS)
    return [
        RatedAction(
            pk,
            plan_id,
            section_id,
            rules.rating(status, due, last, override, reason, awaiting),
            bool(override),
            due,
            last,
        )
        for pk, plan_id, section_id, status, due, last, override, reason, awaiting in rows
    ]


@dataclass
class PlanSummary:
    plan: Plan
    tally: Tally
    sections: list[tuple[Section, Tally]]


DASHBOARD_KEPT_FOR = 24 * 60 * 60  # seconds; the key changes with the day anyway


def dashboard(partnership: Partnership, today: date, key: str | None = None) -> list[PlanSummary]:
    """Per plan and per top-level section: BRAG counts and what needs attention.

    Rating every action of a county (5,000) is most of the dashboard's time, and nothing it
    counts changes until someone writes to a plan or the day turns: the counts are kept in
    the cache under the day, the RAG settings and `plans_version`, so each server process
    works them out once per change and reads them back until the next."""
    key = key or dashboard_key(partnership, today)
    summaries: list[PlanSummary] | None = cache.get(key)
    if summaries is None:
        summaries = _dashboard(partnership, today)
        cache.set(key, summaries, DASHBOARD_KEPT_FOR)
    return summaries


def dashboard_key(partnership: Partnership, today: date) -> str:
    """What the dashboard's figures depend on: the day, the RAG settings, and how far the
    plans' audit trail has got (`plans_version`). The page's plans, drawn from them, are kept
    under it too, with the BRAG snapshots' latest id (they are taken by a task, unaudited)."""
    return ":".join(
        str(part)
        for part in (
            "dashboard",
            partnership.pk,
            today.isoformat(),
            *astuple(rag_settings()),
            *plans_version(partnership),
        )
    )


def rag_snapshots_version(partnership: Partnership) -> int:
    """The latest BRAG snapshot kept for the partnership: it changes when snapshots are taken."""
    latest = RagSnapshot.objects.filter(partnership=partnership).aggregate(latest=Max("pk"))
    return int(latest["latest"] or 0)


def plans_version(partnership: Partnership) -> tuple[int, ...]:
    """How far the audit trail of plans, sections, actions and risks has got, in one query.

    Every write to them leaves an entry there (every change is audited, by services and
    imports alike), so this changes on every write. It is the trail's latest entry of any
    partnership (found from its index at once): another partnership's write costs this one
    no more than working its counts out again."""
    latest = {
        f"latest_{model.__name__.lower()}": Subquery(
            model.history.model.objects.order_by("-history_id").values("history_id")[:1]
        )
        for model in (Plan, Section, Action, Risk)
    }
    row = Partnership.objects.filter(pk=partnership.pk).annotate(**latest).values_list(*latest)
    return tuple(entry or 0 for entry in row.get())


def _dashboard(partnership: Partnership, today: date) -> list[PlanSummary]:
    plans = list(plans_for(partnership).annotate(risk_count=Count("risks")))
    sections = Section.objects.filter(plan__in=plans, archived_at__isnull=True).only(
        "id", "plan_id", "parent_id", "ref", "title", "kind", "position"
    )
    top_of = _top_sections(list(sections))
    plan_tally: dict[int, Tally] = defaultdict(Tally)
    section_tally: dict[int, Tally] = defaultdict(Tally)
    rules = RagRules(today)
    # Tally each (plan, top section) once, then add the sections up into their plans.
    by_place: dict[tuple[int, int | None], Tally] = defaultdict(Tally)
    top_pk_of = {pk: top.pk for pk, top in top_of.items()}
    for rated in rated_actions(live_actions(partnership).order_by(), rules):
        place = (rated.plan_id, top_pk_of.get(rated.section_id) if rated.section_id else None)
        by_place[place].add(rated, rules)
    for (plan_id, top_id), tally in by_place.items():
        plan_tally[plan_id].include(tally)
        if top_id is not None:
            section_tally[top_id] = tally
    tops_by_plan: dict[int, list[Section]] = defaultdict(list)
    for section in {s.pk: s for s in top_of.values()}.values():
        tops_by_plan[section.plan_id].append(section)
    return [
        PlanSummary(
            plan=plan,
            tally=plan_tally[plan.pk],
            sections=[
                (s, section_tally[s.pk])
                for s in sorted(tops_by_plan[plan.pk], key=lambda s: s.position)
            ],
        )
        for plan in plans
    ]


BRAG_MONTHS = 12
"""Months of BRAG over time the dashboard and the board report show, this month included."""


def month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def months_back(day: date, months: int) -> date:
    """The first day of the month `months - 1` before `day`'s: where a run of months starts."""
    return add_months(day.replace(day=1), -(months - 1))


def rag_snapshots(
    partnership: Partnership, *, plan_ids: list[int], since: date, until: date
) -> dict[tuple[int, int | None], list[Bar]]:
    """The kept month-end BRAG counts of the plans from `since` to `until`, by plan and
    workstream (None: the whole plan), in month order: one query however many plans."""
    rows = RagSnapshot.objects.filter(
        partnership=partnership, plan_id__in=plan_ids, month_end__range=(since, until)
    ).order_by("month_end")
    found: dict[tuple[int, int | None], list[Bar]] = defaultdict(list)
    for row in rows:
        found[(row.plan_id, row.section_id)].append(Bar(row.month_end, row.counts))
    return found


@dataclass(frozen=True)
class BragOverTime:
    """A plan's bars by month, and each workstream's."""

    plan: list[Bar]
    sections: dict[int, list[Bar]]


def brag_over_time(
    partnership: Partnership, summaries: list[PlanSummary], today: date
) -> dict[int, BragOverTime]:
    """The dashboard's pictures, by plan id: the kept month ends of the months before this one,
    then this month from the dashboard's own counts. This month is worked out when read, as
    every rating is (docs/decisions/rag-on-request.md), so a change today moves its bar at
    once, and a rating that turns red overnight does too, with nothing to refresh."""
    this_month = today.replace(day=1)
    kept = rag_snapshots(
        partnership,
        plan_ids=[s.plan.pk for s in summaries],
        since=months_back(today, BRAG_MONTHS),
        until=this_month - timedelta(days=1),
    )

    def bars(key: tuple[int, int | None], tally: Tally) -> list[Bar]:
        now = Bar(month_end(today), {rag.value: n for rag, n in tally.counts.items()})
        return [*kept.get(key, []), now]

    return {
        s.plan.pk: BragOverTime(
            plan=bars((s.plan.pk, None), s.tally),
            sections={section.pk: bars((s.plan.pk, section.pk), t) for section, t in s.sections},
        )
        for s in summaries
    }


def _top_sections(sections: list[Section]) -> dict[int, Section]:
    """Map each section id to its outermost ancestor."""
    by_id = {s.pk: s for s in sections}
    top: dict[int, Section] = {}
    for section in sections:
        node = section
        while node.parent_id and node.parent_id in by_id:
            node = by_id[node.parent_id]
        top[section.pk] = node
    return top


def recent_updates(partnership: Partnership, limit: int = 10) -> QuerySet[ProgressUpdate]:
    return (
        ProgressUpdate.objects.filter(partnership=partnership, action__archived_at__isnull=True)
        .select_related("action", "action__plan", "author")
        .order_by("-date", "-id")[:limit]
    )


def actions_due_soon(partnership: Partnership, today: date, limit: int = 10) -> list[Action]:
    actions = list(
        live_actions(partnership)
        .filter(due__gte=today, due__lte=today + timedelta(days=DUE_SOON_DAYS))
        .exclude(Q(status__in=[str(s) for s in DONE_STATUSES]) & Q(awaiting_sign_off=False))
        .select_related("plan")
        .order_by("due", "position")[:limit]
    )
    return _with_rag(actions, today)


def actions_awaiting_sign_off(partnership: Partnership, today: date) -> list[Action]:
    """Actions marked complete that wait for a programme manager's sign-off, oldest first."""
    actions = list(
        live_actions(partnership)
        .filter(awaiting_sign_off=True)
        .select_related("plan")
        .order_by("last_activity_on", "plan_id", "position")
    )
    return _with_rag(actions, today)


def due_date_requests_waiting(partnership: Partnership) -> QuerySet[DueDateRequest]:
    """New due dates waiting for a programme manager's decision, oldest first."""
    return (
        DueDateRequest.objects.filter(
            partnership=partnership,
            status=RequestStatus.PENDING,
            action__archived_at__isnull=True,
        )
        .select_related("action", "action__plan", "requested_by")
        .order_by("requested_at", "id")
    )


DECIDED_SHOWN_DAYS = 30


def due_date_requests_for_lead(
    partnership: Partnership, person_ids: frozenset[int], today: date
) -> QuerySet[DueDateRequest]:
    """A lead's requests for new due dates on the actions they lead: those still waiting and
    those decided in the last 30 days, newest first, so they see each outcome."""
    recent = today - timedelta(days=DECIDED_SHOWN_DAYS)
    return (
        DueDateRequest.objects.filter(
            partnership=partnership,
            action__archived_at__isnull=True,
            action__in=Action.objects.filter(owners__in=person_ids).values("pk"),
        )
        .filter(
            Q(status=RequestStatus.PENDING)
            | Q(
                status__in=[RequestStatus.APPROVED, RequestStatus.DECLINED],
                decided_at__date__gte=recent,
            )
        )
        .select_related("action", "decided_by")
        .order_by("-requested_at", "-id")
    )


def due_date_request_for(partnership: Partnership, request_id: int) -> DueDateRequest:
    return DueDateRequest.objects.select_related(
        "action", "action__plan", "requested_by", "decided_by"
    ).get(partnership=partnership, pk=request_id)


Rated = TypeVar("Rated", bound=Action)


def _with_rag(actions: list[Rated], today: date) -> list[Rated]:
    rules = RagRules(today)
    for action in actions:
        action.brag = rules.rate_action(action)
    return actions


@dataclass
class SectionNode:
    section: Section
    tally: Tally
    children: list["SectionNode"]
    depth: int


@dataclass(frozen=True)
class ActionFilters:
    owner: str = ""
    status: str = ""
    rag: str = ""
    due_from: date | None = None
    due_to: date | None = None
    q: str = ""
    section: int | None = None

    @property
    def active(self) -> bool:
        return any([self.owner, self.status, self.rag, self.due_from, self.due_to, self.q])


def plan_for(partnership: Partnership, plan_id: int) -> Plan:
    return plans_for(partnership).get(pk=plan_id)


@dataclass
class RatedPlan:
    """A plan's live actions rated once for the whole page: the section tree's tallies and
    the RAG filter both read these ratings."""

    actions: list[RatedAction]
    rules: RagRules

    def rag_of(self) -> dict[int, Rag]:
        return {rated.id: rated.rag for rated in self.actions}


def rated_plan(plan: Plan, today: date) -> RatedPlan:
    rules = RagRules(today)
    return RatedPlan(rated_actions(_live_in_plan(plan).order_by(), rules), rules)


def _live_in_plan(plan: Plan) -> QuerySet[Action]:
    return Action.objects.filter(plan=plan, archived_at__isnull=True)


def section_tree(plan: Plan, today: date, rated: RatedPlan | None = None) -> list[SectionNode]:
    """The plan's sections as a tree, each with the tally of every action inside it."""
    sections = list(plan.sections.filter(archived_at__isnull=True))
    rated = rated or rated_plan(plan, today)
    own: dict[int | None, Tally] = defaultdict(Tally)
    for action in rated.actions:
        own[action.section_id].add(action, rated.rules)
    children: dict[int | None, list[Section]] = defaultdict(list)
    ids = {s.pk for s in sections}
    for section in sections:
        children[section.parent_id if section.parent_id in ids else None].append(section)

    def build(section: Section, depth: int) -> SectionNode:
        nodes = [build(child, depth + 1) for child in children[section.pk]]
        tally = Tally()
        tally.include(own[section.pk])
        for node in nodes:
            tally.include(node.tally)
        return SectionNode(section, tally, nodes, depth)

    return [build(section, 0) for section in children[None]]


@dataclass
class PlacedSection:
    """A live section where it sits in the plan: its depth, a label naming it with its
    parents, and whether it is first or last among its neighbours (for the move buttons)."""

    section: Section
    depth: int
    label: str
    first: bool
    last: bool

    @property
    def pk(self) -> int:
        return self.section.pk


def sections_in_order(plan: Plan) -> list[PlacedSection]:
    """The plan's live sections, each after its parent, in the order the plan shows them."""
    sections = list(plan.sections.filter(archived_at__isnull=True).order_by("position", "id"))
    ids = {s.pk for s in sections}
    children: dict[int | None, list[Section]] = defaultdict(list)
    for section in sections:
        children[section.parent_id if section.parent_id in ids else None].append(section)
    placed: list[PlacedSection] = []

    def visit(parent: int | None, depth: int, path: str) -> None:
        siblings = children[parent]
        for index, section in enumerate(siblings):
            name = f"{section.ref} {section.title}" if section.ref else section.title
            label = f"{path} / {name}" if path else name
            last = index == len(siblings) - 1
            placed.append(PlacedSection(section, depth, label, index == 0, last))
            visit(section.pk, depth + 1, label)

    visit(None, 0, "")
    return placed


def live_section_for(partnership: Partnership, section_id: int) -> Section:
    return Section.objects.select_related("plan").get(
        partnership=partnership,
        pk=section_id,
        archived_at__isnull=True,
        plan__archived_at__isnull=True,
    )


def milestone_for(partnership: Partnership, milestone_id: int) -> Milestone:
    return Milestone.objects.select_related("plan").get(
        partnership=partnership, pk=milestone_id, plan__archived_at__isnull=True
    )


def section_of_plan(plan: Plan, section_id: int | None) -> Section | None:
    """The section a workstream or objective link chose, if it is one of this plan's."""
    if section_id is None:
        return None
    return plan.sections.filter(pk=section_id).first()


def section_subtree(plan: Plan, section_id: int) -> set[int]:
    """The section and every section below it: a workstream's actions sit in its objectives."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in plan.sections.values_list("id", "parent_id").order_by():
        children[parent_id].append(pk)
    found: set[int] = set()
    waiting = [section_id]
    while waiting:
        pk = waiting.pop()
        if pk not in found:
            found.add(pk)
            waiting.extend(children[pk])
    return found


def owners_in_plan(plan: Plan) -> list[str]:
    owners = (
        Action.objects.filter(plan=plan, archived_at__isnull=True)
        .exclude(owner_raw__isnull=True)
        .exclude(owner_raw="")
        .values_list("owner_raw", flat=True)
        .distinct()
        .order_by("owner_raw")
    )
    return [owner for owner in owners if owner is not None]


LISTED_ACTION_FIELDS = (
    "id",
    "ref",
    "text",
    "owner_raw",
    "due",
    "due_raw",
    "status",
    "status_raw",
    "position",
    "section__id",
    "section__title",
    "section__ref",
    *ACTION_RAG_FIELDS,
)


def actions_for_plan(plan: Plan, filters: ActionFilters, today: date) -> list[Action]:
    """The plan's live actions matching the filters, each with its RAG worked out."""
    query = _listed(_matching(_live_in_plan(plan), plan, filters))
    actions = _with_rag(list(query.order_by("position")), today)
    if filters.rag:
        actions = [a for a in actions if a.brag.rag == filters.rag]
    return actions


def matching_action_ids(plan: Plan, filters: ActionFilters, rated: RatedPlan) -> list[int]:
    """The ids of the plan's live actions matching the filters, in the plan's order: the RAG
    filter reads the page's ratings rather than rating every action again."""
    query = _matching(_live_in_plan(plan), plan, filters).order_by("position")
    ids = list(query.values_list("id", flat=True))
    if filters.rag:
        rag_of = rated.rag_of()
        ids = [pk for pk in ids if rag_of.get(pk) == filters.rag]
    return ids


def listed_actions(plan: Plan, ids: list[int], today: date) -> list[Action]:
    """The actions with these ids (one page of a list), in that order, each with its RAG."""
    found = _listed(_live_in_plan(plan).filter(pk__in=ids)).in_bulk()
    return _with_rag([found[pk] for pk in ids if pk in found], today)


def _listed(query: QuerySet[Action]) -> QuerySet[Action]:
    """The columns an action table shows."""
    return query.select_related("section").only(*LISTED_ACTION_FIELDS)


def _matching(query: QuerySet[Action], plan: Plan, filters: ActionFilters) -> QuerySet[Action]:
    """The filters a database can apply (all but RAG, which is worked out, not stored)."""
    if filters.owner:
        query = query.filter(owner_raw=filters.owner)
    if filters.status == "none":
        query = query.filter(Q(status__isnull=True) | Q(status=""))
    elif filters.status:
        query = query.filter(status=filters.status)
    if filters.due_from:
        query = query.filter(due__gte=filters.due_from)
    if filters.due_to:
        query = query.filter(due__lte=filters.due_to)
    if filters.q:
        query = query.filter(
            Q(text__icontains=filters.q)
            | Q(ref__icontains=filters.q)
            | Q(owner_raw__icontains=filters.q)
            | Q(status_raw__icontains=filters.q)
        )
    if filters.section:
        query = query.filter(section_id__in=section_subtree(plan, filters.section))
    return query


def plan_settings(partnership: Partnership) -> PlanSettings:
    """The partnership's plan settings; the defaults (not saved, at version 0, so a form
    opened before anyone saved them is refused once someone has) until someone changes them."""
    found = PlanSettings.objects.filter(partnership=partnership).first()
    return found or PlanSettings(partnership=partnership, version=0)


def action_has_evidence(action: Action) -> bool:
    """Whether any progress update on the action carries a file or a link as evidence."""
    updates = ProgressUpdate.objects.filter(action_id=action.pk)
    return (
        EvidenceFile.objects.filter(update__in=updates).exists()
        or updates.exclude(evidence_links=[]).exists()
    )


def evidence_file_for(partnership: Partnership, action_id: int, evidence_id: int) -> EvidenceFile:
    """An evidence file of an action in the partnership, for its download."""
    return EvidenceFile.objects.get(
        partnership=partnership, update__action_id=action_id, pk=evidence_id
    )


def action_for(partnership: Partnership, action_id: int) -> Action:
    """An action with everything its page shows, archived ones included."""
    return (
        Action.objects.filter(partnership=partnership)
        .select_related("plan", "section", "merged_into", "split_from", "signed_off_by")
        .prefetch_related(
            "owners",
            "merged_from",
            "split_into",
            Prefetch("findings", queryset=Finding.objects.order_by("ref")),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.filter(
                    partnership=partnership, archived_at__isnull=True
                ).order_by("name", "id"),
            ),
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.select_related("author")
                .prefetch_related("evidence_files")
                .order_by("-date", "-id"),
            ),
            Prefetch(
                "due_date_requests",
                queryset=DueDateRequest.objects.exclude(status=RequestStatus.REPLACED)
                .select_related("requested_by", "decided_by")
                .order_by("-requested_at", "-id"),
            ),
        )
        .get(pk=action_id)
    )


@dataclass
class MyActions:
    """A lead's actions in the order work is due: each open group soonest first, then the
    finished ones. Each action carries `brag`, `last_update_on` and `update_due_on`."""

    overdue: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    update_due: list[Action] = field(default_factory=list)
    later: list[Action] = field(default_factory=list)
    completed: list[Action] = field(default_factory=list)

    @property
    def open(self) -> list[Action]:
        return [*self.overdue, *self.due_soon, *self.update_due, *self.later]

    @property
    def groups(self) -> list[tuple[str, list[Action]]]:
        """The open groups with a heading each, empty ones left out."""
        named = [
            ("Overdue", self.overdue),
            (f"Due in the next {DUE_SOON_DAYS} days", self.due_soon),
            ("Progress update due", self.update_due),
            ("Everything else", self.later),
        ]
        return [(heading, actions) for heading, actions in named if actions]


def update_due_on(last_update: date | None, added: date) -> date:
    """Leads add a progress update every month: a month after the last one (or after the
    action was added, when it has none)."""
    return add_months(last_update or added, 1)


def my_actions(partnership: Partnership, person_ids: frozenset[int], today: date) -> MyActions:
    """The actions the people behind a sign-in lead, in two queries whatever their number."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-id")
    actions = list(
        live_actions(partnership)
        .filter(pk__in=Action.objects.filter(owners__in=person_ids).values("pk"))
        .annotate(last_update_on=Subquery(latest.values("date")[:1]))
        .select_related("plan", "section")
        .order_by(F("due").asc(nulls_last=True), "plan_id", "position")
    )
    found = MyActions()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    for action in _with_rag(actions, today):
        action.update_due_on = update_due_on(action.last_update_on, action.created_at.date())
        if action.status in DONE_STATUSES and not action.awaiting_sign_off:
            found.completed.append(action)
        elif action.due and action.due < today:
            found.overdue.append(action)
        elif action.due and action.due <= soon:
            found.due_soon.append(action)
        elif action.update_due_on <= today:
            found.update_due.append(action)
        else:
            found.later.append(action)
    found.update_due.sort(key=lambda action: action.update_due_on)
    return found


@dataclass(frozen=True)
class LatestUpdate:
    text: str
    date: date
    author: str


@dataclass(frozen=True)
class ActionInFull:
    """An action with every field and its plan, as a download shows it."""

    action: Action
    latest_update: LatestUpdate | None
    evidence_count: int


def actions_in_full(actions: list[Action]) -> dict[int, ActionInFull]:
    """The listed actions in full, with their latest progress update and how much evidence
    their updates hold, by id: three queries whatever their number."""
    ids = [action.pk for action in actions]
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-date", "-id")
    full = (
        Action.objects.select_related("plan")
        .annotate(latest_update_id=Subquery(latest.values("pk")[:1]))
        .in_bulk(ids)
    )
    updates = ProgressUpdate.objects.select_related("author").in_bulk(
        [action.latest_update_id for action in full.values() if action.latest_update_id]
    )
    counts = evidence_counts(ids)
    found = {}
    for pk, action in full.items():
        update = updates.get(action.latest_update_id)
        shown = None
        if update is not None:
            shown = LatestUpdate(update.commentary, update.date, str(update.author or ""))
        found[pk] = ActionInFull(action, shown, counts.get(pk, 0))
    return found


def evidence_counts(action_ids: list[int]) -> dict[int, int]:
    """How many pieces of evidence (links and files) each action's progress updates hold
    (actions with none are left out)."""
    counts: dict[int, int] = defaultdict(int)
    linked = ProgressUpdate.objects.filter(action_id__in=action_ids).exclude(evidence_links=[])
    for action_id, links in linked.values_list("action_id", "evidence_links"):
        counts[action_id] += len(links)
    files = (
        EvidenceFile.objects.filter(update__action_id__in=action_ids)
        .values("update__action_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in files:
        counts[row["update__action_id"]] += row["n"]
    return counts


@dataclass(frozen=True)
class RiskFilters:
    """A heat map cell the register is filtered to: open risks rated `likelihood` and
    `impact`, before the mitigation or, when `residual`, once it works."""

    likelihood: int | None = None
    impact: int | None = None
    residual: bool = False

    @property
    def active(self) -> bool:
        return self.likelihood is not None and self.impact is not None


def risks_for_plan(plan: Plan, filters: RiskFilters | None = None) -> QuerySet[Risk]:
    risks = plan.risks.filter(archived_at__isnull=True)
    if filters is not None and filters.active:
        rated = (
            {"residual_likelihood": filters.likelihood, "residual_impact_rating": filters.impact}
            if filters.residual
            else {"likelihood": filters.likelihood, "impact_rating": filters.impact}
        )
        risks = risks.filter(status=RiskStatus.OPEN, **rated)
    return risks.select_related("owner").order_by("position")


@dataclass(frozen=True)
class RiskHeatMaps:
    current: HeatMap
    residual: HeatMap


def risk_heat_maps(plan: Plan) -> RiskHeatMaps:
    """The plan's open risks on a 5×5 heat map, as scored now and once mitigated, in one query."""
    ratings = list(
        plan.risks.filter(archived_at__isnull=True, status=RiskStatus.OPEN).values_list(
            "likelihood", "impact_rating", "residual_likelihood", "residual_impact_rating"
        )
    )
    return RiskHeatMaps(
        current=heat_map((row[0], row[1]) for row in ratings),
        residual=heat_map((row[2], row[3]) for row in ratings),
    )


def risk_for(partnership: Partnership, risk_id: int) -> Risk:
    return Risk.objects.select_related("plan").get(partnership=partnership, pk=risk_id)


def finding_for(partnership: Partnership, finding_id: int) -> Finding:
    return (
        Finding.objects.filter(partnership=partnership)
        .select_related("plan")
        .prefetch_related(
            "sections",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.filter(
                    partnership=partnership, archived_at__isnull=True
                ).order_by("name", "id"),
            ),
            Prefetch(
                "actions",
                queryset=Action.objects.filter(archived_at__isnull=True)
                .select_related("section")
                .prefetch_related(
                    Prefetch("updates", queryset=ProgressUpdate.objects.order_by("-date", "-id"))
                )
                .order_by("position"),
            ),
        )
        .get(pk=finding_id)
    )


def findings_for_plan(plan: Plan) -> QuerySet[Finding]:
    return (
        plan.findings.filter(archived_at__isnull=True)
        .annotate(action_count=Count("actions", filter=Q(actions__archived_at__isnull=True)))
        .order_by("ref", "id")
    )


def live_finding_for(partnership: Partnership, finding_id: int) -> Finding:
    """A finding that can still be changed: not archived, of a live plan."""
    return (
        Finding.objects.select_related("plan")
        .prefetch_related("sections", "actions")
        .get(
            partnership=partnership,
            pk=finding_id,
            archived_at__isnull=True,
            plan__archived_at__isnull=True,
        )
    )


def action_choices(plan: Plan, leave_out: int | None = None) -> list[tuple[int, str]]:
    """The plan's live actions in order, each named by its reference and first words, for
    the radios and checkboxes that choose among them."""
    query = Action.objects.filter(plan=plan, archived_at__isnull=True)
    if leave_out is not None:
        query = query.exclude(pk=leave_out)
    rows = query.order_by("position", "id").values_list("pk", "ref", "text")
    choices = []
    for pk, ref, text in rows:
        words = text if len(text) <= 100 else text[:99] + "…"
        choices.append((pk, f"{ref}: {words}" if ref else words))
    return choices


@dataclass
class SectionIndicators:
    """A section's impact indicators as the plan names them (None: the plan as a whole)."""

    section: Section | None
    indicators: list[ImpactIndicator]


def impact_indicators_by_section(plan: Plan) -> list[SectionIndicators]:
    """The plan's impact indicators under their sections, in the plan's order, each with the
    tracked indicators made from it (`tracked`), in three queries (one when it has none)."""
    found: dict[int | None, SectionIndicators] = {}
    rows = list(
        ImpactIndicator.objects.filter(plan=plan)
        .select_related("section")
        .prefetch_related(
            Prefetch(
                "tracked_as",
                queryset=Indicator.objects.filter(archived_at__isnull=True).order_by("id"),
                to_attr="tracked",
            )
        )
        .order_by("position", "id")
    )
    if not rows:
        return []
    order = {placed.pk: n for n, placed in enumerate(sections_in_order(plan))}
    for indicator in rows:
        section = indicator.section if indicator.section_id in order else None
        key = section.pk if section else None
        found.setdefault(key, SectionIndicators(section, [])).indicators.append(indicator)
    return sorted(
        found.values(),
        key=lambda group: order[group.section.pk] if group.section else len(order),
    )


def plan_problems(plan: Plan, today: date) -> list[dict[str, Any]]:
    """The importer's SMART checks run on the plan's live actions as they stand today.

    Each problem carries the id of the action it is about, so the page can link to it.
    """
    from sendtrack.domain.plan_lint import lint_plan

    from .storage import export_plan

    data = export_plan(plan)
    ids = list(
        Action.objects.filter(plan=plan).order_by("position", "id").values_list("id", "archived_at")
    )
    live = [(a, pk) for a, (pk, archived) in zip(data["actions"], ids, strict=True) if not archived]
    data["actions"] = [a for a, _ in live]
    known = {name for person in people_for(plan.partnership) for name in person.names()}
    problems: list[dict[str, Any]] = lint_plan(data, known_people=known, today=today)
    by_where: dict[str, int] = {}
    for index, (action, pk) in enumerate(live):
        by_where.setdefault(f"action {action['ref']}" if action["ref"] else "", pk)
        by_where[f"action #{index + 1}"] = pk
    for problem in problems:
        problem["action_id"] = by_where.get(problem["where"])
    return problems


def people_for(partnership: Partnership) -> QuerySet[Person]:
    return Person.objects.filter(partnership=partnership).order_by("name")
