"""The content of each report: headings, paragraphs and tables as plain JSON-able data.

Every renderer (the page, the PDF, the Word document, CSV and XLSX) reads the same content,
and publishing freezes it, so a published report shows exactly what the board saw.
A table is {"type": "table", "key", "caption", "columns", "rows", "rag_columns", "empty",
"widths"} with, for a list longer than a board can read, "more" (the line saying how many
more there are) and "more_rows" (those rows: the CSV and Excel downloads list every row);
cells are text or numbers; a RAG cell holds "red", "amber", "green", "blue" or "";
"widths" are the columns' shares of the page width in per cent, so the PDF can lay a table
out from them instead of measuring every cell first.
"""

import calendar
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from sendtrack.accounts.models import Partnership
from sendtrack.core.charts import BRAG_ORDER, Bar, describe_brag
from sendtrack.domain.rag import DONE_STATUSES, RAG_LABELS, Rag, RagResult, rag_for_section
from sendtrack.domain.rag import Status as RagStatus
from sendtrack.domain.readability import readability
from sendtrack.domain.report_periods import ReportPeriod
from sendtrack.indicators.selectors import format_value, indicators_for_plan
from sendtrack.plans.models import (
    Action,
    Finding,
    Milestone,
    Plan,
    ProgressUpdate,
    Risk,
    Section,
    Status,
)
from sendtrack.plans.selectors import BRAG_MONTHS, RagRules, months_back, rag_snapshots

from .models import PublishedReport, ReportKind

ROW_LIMIT = 25
"""Rows a list shows in a report's page, PDF and Word document: about one printed page."""
DONE = {s.value for s in DONE_STATUSES}
STATUS_LABELS: dict[str, str] = dict(Status.choices)
Report = dict[str, Any]


def month_bounds(month: date) -> tuple[date, date]:
    start = month.replace(day=1)
    return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])


def _day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def heading(text: str, level: int = 2) -> dict[str, Any]:
    return {"type": "heading", "text": text, "level": level}


def paragraph(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "text": text}


def table(
    key: str,
    caption: str,
    columns: list[str],
    rows: list[list[Any]],
    *,
    widths: tuple[int, ...],
    rag_columns: tuple[int, ...] = (),
    empty: str = "None.",
    limit: int | None = ROW_LIMIT,
) -> dict[str, Any]:
    """A table block; a list longer than `limit` shows its first rows and says where the
    rest are (limit None: every row, for tables a reader needs whole)."""
    if len(widths) != len(columns) or sum(widths) != 100:
        raise ValueError(f"{key}: give one width per column, adding up to 100")
    shown = rows if limit is None else rows[:limit]
    block: dict[str, Any] = {
        "type": "table",
        "key": key,
        "caption": caption,
        "columns": columns,
        "rows": shown,
        "rag_columns": list(rag_columns),
        "empty": empty,
        "widths": list(widths),
    }
    if len(rows) > len(shown):
        block["more"] = (
            f"Showing {len(shown)} of {len(rows)}. "
            f"The CSV and Excel downloads list all {len(rows)}."
        )
        block["more_rows"] = rows[len(shown) :]
    return block


ACTION_WIDTHS = (8, 52, 15, 13, 12)  # Ref, Action, Lead, Due, RAG
MILESTONE_WIDTHS = (60, 20, 20)  # Milestone, Due, Status


@dataclass(frozen=True)
class ActionState:
    pk: int
    ref: str
    text: str
    owner: str
    section_id: int | None
    status: str | None
    due: date | None
    last_activity_on: date | None
    rag_override: str | None
    rag_override_reason: str
    archived: bool
    awaiting_sign_off: bool = False


STATE_FIELDS = (
    "id",
    "ref",
    "text",
    "owner_raw",
    "section_id",
    "status",
    "due",
    "last_activity_on",
    "rag_override",
    "rag_override_reason",
    "archived_at",
    "awaiting_sign_off",
)


def _state(row: tuple) -> ActionState:
    pk, ref, text, owner, section_id, status, due, last, override, reason, archived, awaiting = row
    return ActionState(
        pk,
        ref or "",
        text,
        owner or "",
        section_id,
        status or None,
        due,
        last,
        override or None,
        reason or "",
        archived is not None,
        bool(awaiting),
    )


def action_states(plan: Plan, moment: datetime | None) -> dict[int, ActionState]:
    """The plan's actions now (moment None) or as they stood at `moment`, from history."""
    if moment is None or moment >= timezone.now():
        rows = Action.objects.filter(plan=plan).values_list(*STATE_FIELDS).order_by("position")
        return {row[0]: _state(row) for row in rows}
    history = (
        Action.history.filter(plan_id=plan.pk, history_date__lte=moment)
        .latest_of_each()
        .exclude(history_type="-")
        .values_list(*STATE_FIELDS)
        .order_by("position")
    )
    return {row[0]: _state(row) for row in history}


def _rating(rules: RagRules, state: ActionState) -> RagResult:
    """The rule's rating of an action as it stood: its colour and the reason for it."""
    return rules.rate(
        state.status,
        state.due,
        state.last_activity_on,
        state.rag_override,
        state.rag_override_reason,
        state.awaiting_sign_off,
    )


def _rate(rules: RagRules, state: ActionState) -> Rag:
    return _rating(rules, state).rag


def _top_sections(plan: Plan) -> tuple[list[Section], dict[int, int]]:
    sections = list(plan.sections.all())
    by_id = {s.pk: s for s in sections}
    top: dict[int, int] = {}
    for section in sections:
        node = section
        while node.parent_id and node.parent_id in by_id:
            node = by_id[node.parent_id]
        top[section.pk] = node.pk
    tops = [s for s in sections if top[s.pk] == s.pk]
    return tops, top


def _counts(
    states: dict[int, ActionState], rags: dict[int, Rag], top: dict[int, int]
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {r.value: 0 for r in Rag})
    for pk, state in states.items():
        if state.archived:
            continue
        place = str(top.get(state.section_id, "none")) if state.section_id else "none"
        counts[place][rags[pk].value] += 1
        counts["all"][rags[pk].value] += 1
    return {k: dict(v) for k, v in counts.items()}


def _done(state: ActionState) -> bool:
    return state.status in DONE and not state.awaiting_sign_off


@dataclass(frozen=True)
class _BoardMonth:
    """The plan now (at the month's end) and then (at the last published report, or the end of
    the month before): the two sides every part of the board report compares."""

    plan: Plan
    start: date
    end: date
    as_at: date
    past: bool  # the month is over: read the records as they stood at its end
    then_label: str
    states_now: dict[int, ActionState]
    states_then: dict[int, ActionState]
    rag_now: dict[int, Rag]
    rag_then: dict[int, Rag]
    tops: list[Section]
    counts_now: dict[str, dict[str, int]]
    counts_then: dict[str, dict[str, int]]

    @property
    def live(self) -> dict[int, ActionState]:
        return {pk: s for pk, s in self.states_now.items() if not s.archived}

    def action_rows(self, items: list[ActionState], *extra: Any) -> list[list[Any]]:
        return [
            [s.ref, s.text, s.owner, _day(s.due), self.rag_now[s.pk].value, *(f(s) for f in extra)]
            for s in sorted(items, key=lambda s: (s.due or date.max, s.ref))
        ]


@dataclass(frozen=True)
class _Movement:
    """What the board is told moved since the last report."""

    overdue: list[ActionState]
    newly_complete: list[ActionState]
    newly_red: list[ActionState]
    slipped: list[tuple[ActionState, ActionState]]
    exceptions: list[ActionState]


def board_report(plan: Plan, month: date, today: date) -> Report:
    """The monthly board report for a plan: position, change since the last report,
    exceptions for the board, risks, milestones and indicators."""
    board = _board_month(plan, month, today)
    movement = _movement(board)
    blocks = [
        *_position(board, movement),
        *_brag_over_time(board),
        *_what_changed(board, movement),
        *_exceptions(board, movement),
        *_risks(board),
        *_milestones(board),
        *_indicators(board),
    ]
    return {
        "kind": ReportKind.BOARD.value,
        "title": f"Board report: {plan.title}",
        "subtitle": f"{board.start:%B %Y}",
        "as_at": board.as_at.isoformat(),
        "period": board.start.isoformat(),
        "plan_id": plan.pk,
        "blocks": blocks,
        "data": {"section_counts": board.counts_now},
    }


def _board_month(plan: Plan, month: date, today: date) -> _BoardMonth:
    start, end = month_bounds(month)
    as_at = min(end, today)
    previous = (
        PublishedReport.objects.filter(kind=ReportKind.BOARD, plan=plan, period__lt=start)
        .order_by("-period", "-number")
        .only("id", "period", "number", "published_at", "content")
        .first()
    )
    then_day = start - timedelta(days=1)
    then_moment = _end_of(then_day)
    if previous is not None:  # what changed: since the last report was published
        then_moment = previous.published_at
        then_day = timezone.localtime(then_moment).date()
    states_now = action_states(plan, None if end >= today else _end_of(end))
    states_then = action_states(plan, then_moment)
    rules_now, rules_then = RagRules(as_at), RagRules(then_day)
    rag_now = {pk: _rate(rules_now, s) for pk, s in states_now.items()}
    rag_then = {pk: _rate(rules_then, s) for pk, s in states_then.items()}
    tops, top = _top_sections(plan)
    if previous is not None:
        counts_then = previous.content.get("data", {}).get("section_counts", {})
        then_label = f"the last report ({previous.period:%B %Y}, version {previous.number})"
    else:
        counts_then = _counts(states_then, rag_then, top)
        then_label = f"the end of {then_day:%B %Y} (no earlier report was published)"
    return _BoardMonth(
        plan=plan,
        start=start,
        end=end,
        as_at=as_at,
        past=end < today,
        then_label=then_label,
        states_now=states_now,
        states_then=states_then,
        rag_now=rag_now,
        rag_then=rag_then,
        tops=tops,
        counts_now=_counts(states_now, rag_now, top),
        counts_then=counts_then,
    )


def _movement(board: _BoardMonth) -> _Movement:
    live, then, rag_now = board.live, board.states_then, board.rag_now
    return _Movement(
        overdue=[s for s in live.values() if s.due and s.due < board.as_at and not _done(s)],
        newly_complete=[
            s for pk, s in live.items() if _done(s) and not (pk in then and _done(then[pk]))
        ],
        newly_red=[
            s
            for pk, s in live.items()
            if rag_now[pk] == Rag.RED and board.rag_then.get(pk) != Rag.RED
        ],
        slipped=[
            (before, s)
            for pk, s in live.items()
            if (before := then.get(pk)) and s.due and before.due and s.due > before.due
        ],
        exceptions=[
            s
            for pk, s in live.items()
            if (rag_now[pk] == Rag.RED and s.rag_override) or s.status == RagStatus.DELAYED.value
        ],
    )


_BRAG = ("blue", "red", "amber", "green")


def _position(board: _BoardMonth, movement: _Movement) -> list[dict[str, Any]]:
    """The summary paragraphs and the BRAG counts by section, now and then."""
    empty = {r.value: 0 for r in Rag}
    all_now = board.counts_now.get("all", empty)
    total = sum(all_now.values())
    overall = rag_for_section(board.rag_now[pk] for pk in board.live)
    overdue = len(movement.overdue)
    summary = (
        f"As at {_day(board.as_at)}, the plan has {total} live action{'s' if total != 1 else ''}: "
        f"{all_now.get('blue', 0)} complete, {all_now.get('red', 0)} red, "
        f"{all_now.get('amber', 0)} amber and {all_now.get('green', 0)} green. "
        f"Overall rating: {RAG_LABELS[overall] if overall else 'not rated'}. "
        f"{overdue} action{'s are' if overdue != 1 else ' is'} past "
        f"{'their' if overdue != 1 else 'its'} due date."
    )
    change = (
        f"Since {board.then_label}: {len(movement.newly_complete)} newly complete, "
        f"{len(movement.newly_red)} newly red, {len(movement.slipped)} with a later due date."
    )
    rows = []
    for section in board.tops:
        now = board.counts_now.get(str(section.pk), empty)
        then = board.counts_then.get(str(section.pk), empty)
        rows.append(
            [
                f"{section.ref or ''} {section.title}".strip(),
                *(now.get(r, 0) for r in _BRAG),
                *(then.get(r, 0) for r in _BRAG),
            ]
        )
    then_all = board.counts_then.get("all", {})
    rows.append(
        ["Whole plan", *(all_now.get(r, 0) for r in _BRAG), *(then_all.get(r, 0) for r in _BRAG)]
    )
    columns = [f"{r.capitalize()} {when}" for when in ("now", "then") for r in _BRAG]
    return [
        heading("Summary of position"),
        paragraph(summary),
        paragraph(change),
        table(
            "section_counts",
            f"BRAG counts by section: now and at {board.then_label}",
            ["Section", *columns],
            rows,
            widths=(28, *(9,) * 8),
            limit=None,
        ),
    ]


def _brag_over_time(board: _BoardMonth) -> list[dict[str, Any]]:
    """BRAG over time, for the whole plan and each workstream: a chart by month with the same
    figures as a table. The months before this one are the kept month ends (`sendtrack
    rag-snapshots`); this month is the counts above, so the chart and the table agree."""
    kept = rag_snapshots(
        board.plan.partnership,
        plan_ids=[board.plan.pk],
        since=months_back(board.start, BRAG_MONTHS),
        until=board.start - timedelta(days=1),
    )
    empty = dict.fromkeys(BRAG_ORDER, 0)

    def bars(section_id: int | None, key: str) -> list[Bar]:
        now = Bar(board.end, {**empty, **board.counts_now.get(key, {})})
        return [*kept.get((board.plan.pk, section_id), []), now]

    blocks = [
        heading("BRAG over time"),
        paragraph(
            "How many actions were blue (complete), green, amber, red or not rated at each "
            f"month's end, up to {_day(board.as_at)}; each chart's figures are in the table "
            "below it."
        ),
        *_brag_chart("brag_plan", "Whole plan", bars(None, "all")),
    ]
    for section in board.tops:
        if section.archived_at is None:
            title = f"{section.ref or ''} {section.title}".strip()
            blocks += _brag_chart(f"brag_{section.pk}", title, bars(section.pk, str(section.pk)))
    return blocks


def _brag_chart(key: str, title: str, bars: list[Bar]) -> list[dict[str, Any]]:
    """A chart block (drawn as SVG on the page and in the PDF, as a picture in Word), then
    its table."""
    chart = {
        "type": "chart",
        "key": key,
        "title": f"BRAG over time: {title}",
        "description": describe_brag(title, bars),
        "bars": [{"month": b.month.isoformat(), "counts": dict(b.counts)} for b in bars],
    }
    rows = [[b.month_name, *(b.counts.get(k, 0) for k in BRAG_ORDER)] for b in bars]
    columns = ["Month end", "Blue", "Green", "Amber", "Red", "Not rated"]
    caption = f"BRAG over time: {title}: the chart's figures"
    return [chart, table(key, caption, columns, rows, widths=(25, 15, 15, 15, 15, 15), limit=None)]


_ACTION_COLUMNS = ["Ref", "Action", "Lead", "Due", "RAG"]


def _what_changed(board: _BoardMonth, movement: _Movement) -> list[dict[str, Any]]:
    def actions(key: str, caption: str, items: list[ActionState]) -> dict[str, Any]:
        rows = board.action_rows(items)
        return table(key, caption, _ACTION_COLUMNS, rows, widths=ACTION_WIDTHS, rag_columns=(4,))

    slipped = [
        [s.ref, s.text, s.owner, _day(was.due), _day(s.due), board.rag_now[s.pk].value]
        for was, s in sorted(movement.slipped, key=lambda p: p[1].ref)
    ]
    return [
        heading("What changed since the last report"),
        actions("newly_complete", "Newly complete", movement.newly_complete),
        actions("newly_red", "Newly red", movement.newly_red),
        actions("overdue", "Overdue", movement.overdue),
        table(
            "slipped",
            "Due dates that slipped",
            ["Ref", "Action", "Lead", "Was due", "Now due", "RAG"],
            slipped,
            widths=(8, 38, 16, 13, 13, 12),
            rag_columns=(5,),
        ),
    ]


def _exceptions(
    board: _BoardMonth, movement: _Movement, *, empty: str = "No exceptions this month."
) -> list[dict[str, Any]]:
    """What the board must decide: each red action rated by hand and each delayed action,
    with why it is rated so, its lead's latest word (as at the report's end) and the
    decision they ask of the board."""
    rules = RagRules(board.as_at)
    latest = _latest_updates([s.pk for s in movement.exceptions], board.end)

    def why(state: ActionState) -> str:
        status = STATUS_LABELS.get(state.status or "", "No status given")
        return f"{status}. {_as_sentence(_rating(rules, state).reason)}"

    def commentary(state: ActionState) -> str:
        update = latest.get(state.pk)
        if update is None:
            return "No progress update yet."
        by = f", {update.author}" if update.author else ""
        return f"{_day(update.date)}{by}: {update.commentary}"

    def decision(state: ActionState) -> str:
        update = latest.get(state.pk)
        return (update.decision_asked if update else "") or "No decision asked"

    return [
        heading("Exceptions needing the board's decision"),
        table(
            "exceptions",
            "Red actions rated by hand, and delayed actions",
            [
                *_ACTION_COLUMNS,
                "Status and why this rating",
                "Lead's latest update",
                "Decision asked of the board",
            ],
            board.action_rows(movement.exceptions, why, commentary, decision),
            widths=(6, 16, 10, 9, 8, 16, 21, 14),
            rag_columns=(4,),
            limit=None,  # what the board must decide: never left to the spreadsheet
            empty=empty,
        ),
    ]


def _latest_updates(action_ids: list[int], until: date) -> dict[int, ProgressUpdate]:
    """Each action's latest progress update dated on or before `until`, in one query: a
    report about a period ended tells what the leads said by its end, not since."""
    latest: dict[int, ProgressUpdate] = {}
    updates = (
        ProgressUpdate.objects.filter(action_id__in=action_ids, date__lte=until)
        .select_related("author")
        .order_by("action_id", "-date", "-id")
    )
    for update in updates:
        latest.setdefault(update.action_id, update)
    return latest


def _risks(board: _BoardMonth) -> list[dict[str, Any]]:
    """Red and amber risks; for a past month, the register as it stood at the month's end."""
    registers = Risk.history.as_of(_end_of(board.end)) if board.past else board.plan.risks
    risks = list(
        registers.filter(
            plan_id=board.plan.pk, archived_at__isnull=True, status="open", rag__in=["red", "amber"]
        )
    )
    risks.sort(key=lambda r: (r.rag != "red", r.position))
    rows = [
        [
            r.title,
            r.rag or "",
            r.impact or "",
            r.mitigation or "",
            r.owner_raw or "",
            _day(r.review_date),
        ]
        for r in risks
    ]
    return [
        heading("Risks"),
        table(
            "risks",
            "Red and amber risks",
            ["Risk", "RAG", "Impact", "Mitigation", "Owner", "Review"],
            rows,
            widths=(22, 11, 18, 24, 12, 13),
            rag_columns=(1,),
            limit=None,
            empty="No red or amber risks.",
        ),
    ]


def _milestones(board: _BoardMonth) -> list[dict[str, Any]]:
    """Milestones due this month and next, achieved or missed as the board saw them then."""
    next_start, next_end = month_bounds(board.end + timedelta(days=1))
    milestones = Milestone.objects.filter(
        plan=board.plan, due__range=(board.start, next_end)
    ).order_by("due", "position")
    rows = [
        [
            m.text,
            _day(m.due),
            "Achieved"
            if m.achieved_on and m.achieved_on <= board.as_at
            else ("Missed" if m.due and m.due < board.as_at else "Not yet due"),
        ]
        for m in milestones
    ]
    return [
        heading("Milestones"),
        table(
            "milestones",
            f"Milestones due in {board.start:%B %Y} and {next_start:%B %Y}",
            ["Milestone", "Due", "Status"],
            rows,
            widths=MILESTONE_WIDTHS,
            empty="No milestones due.",
        ),
    ]


def _indicators(board: _BoardMonth) -> list[dict[str, Any]]:
    """The plan's indicators as they stood at the month's end."""
    rows = [
        [
            s.indicator.name,
            format_value(s.latest.value if s.latest else None, s.indicator.unit),
            f"{s.latest.period:%B %Y}" if s.latest else "",
            format_value(s.previous.value if s.previous else None, s.indicator.unit),
            format_value(s.indicator.target_value, s.indicator.unit),
            s.trend_label,
            s.rag.value if s.rag else "",
        ]
        for s in indicators_for_plan(board.plan, until=board.end)
    ]
    return [
        heading("Indicators"),
        table(
            "indicators",
            f"Indicators linked to this plan, with their trends up to {board.start:%B %Y}",
            ["Indicator", "Latest", "Month", "Previous", "Target", "Trend", "RAG"],
            rows,
            widths=(30, 10, 14, 10, 10, 14, 12),
            rag_columns=(6,),
            limit=None,
            empty="No indicators are linked to this plan.",
        ),
    ]


def period_report(
    plans: Sequence[Plan], period: ReportPeriod, narrative: str, today: date
) -> Report:
    """A board report over a quarter, six months or any days, and several plans: the
    programme manager's narrative first, then for each plan its position at the period's
    end, what changed over the period, the exceptions for the board, milestones due or
    achieved in the period, and risks."""
    blocks = [
        heading("Summary from the programme manager"),
        *map(paragraph, narrative_paragraphs(narrative)),
    ]
    counts = {}
    for number, plan in enumerate(plans, 1):
        board = _board_period(plan, period, today)
        movement = _movement(board)
        counts[str(plan.pk)] = board.counts_now
        blocks += [
            heading(plan.title),
            *_within_plan(
                number,
                plan,
                [
                    *_position(board, movement),
                    *_period_changes(board, movement),
                    *_exceptions(board, movement, empty="No exceptions in this period."),
                    *_period_milestones(board),
                    *_risks(board),
                ],
            ),
        ]
    return {
        "kind": ReportKind.PERIOD.value,
        "title": f"Board report: {period.describe()}",
        "subtitle": "; ".join(plan.title for plan in plans),
        "as_at": min(period.end, today).isoformat(),
        "period": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "plan_ids": [plan.pk for plan in plans],
        "blocks": blocks,
        "data": {"plan_counts": counts},
    }


def narrative_paragraphs(text: str) -> list[str]:
    """The manager's narrative as paragraphs: a blank line starts a new one; single line
    breaks inside a paragraph are kept. Plain text, always: every format escapes it."""
    paragraphs = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [p.strip() for p in paragraphs if p.strip()]


def _board_period(plan: Plan, period: ReportPeriod, today: date) -> _BoardMonth:
    """The plan at the period's end (or today, if sooner) beside the plan at its start."""
    start, end = period.start, period.end
    as_at = min(end, today)
    then_day = start - timedelta(days=1)
    states_now = action_states(plan, None if end >= today else _end_of(end))
    states_then = action_states(plan, _end_of(then_day))
    rules_now, rules_then = RagRules(as_at), RagRules(then_day)
    rag_now = {pk: _rate(rules_now, s) for pk, s in states_now.items()}
    rag_then = {pk: _rate(rules_then, s) for pk, s in states_then.items()}
    tops, top = _top_sections(plan)
    return _BoardMonth(
        plan=plan,
        start=start,
        end=end,
        as_at=as_at,
        past=end < today,
        then_label=f"the start of the period ({_day(start)})",
        states_now=states_now,
        states_then=states_then,
        rag_now=rag_now,
        rag_then=rag_then,
        tops=tops,
        counts_now=_counts(states_now, rag_now, top),
        counts_then=_counts(states_then, rag_then, top),
    )


def _within_plan(number: int, plan: Plan, blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One plan's blocks in a report over several: headings a level down, under the plan's
    own; each table's caption naming the plan (the CSV lists them one after another) and
    its worksheet numbered by the plan's place in the report."""
    placed = []
    for block in blocks:
        if block["type"] == "heading":
            block = {**block, "level": block.get("level", 2) + 1}
        elif block["type"] == "table":
            block = {
                **block,
                "key": f"{number} {block['key']}",
                "caption": f"{plan.title}: {block['caption']}",
            }
        placed.append(block)
    return placed


def _period_changes(board: _BoardMonth, movement: _Movement) -> list[dict[str, Any]]:
    """Completed, newly red and moved due dates between the period's start and its end."""
    then = board.states_then
    moved = sorted(
        (
            (before, s)
            for pk, s in board.live.items()
            if (before := then.get(pk)) and s.due != before.due and before.due
        ),
        key=lambda pair: (pair[1].due or date.max, pair[1].ref),
    )

    def actions(key: str, caption: str, items: list[ActionState]) -> dict[str, Any]:
        rows = board.action_rows(items)
        return table(key, caption, _ACTION_COLUMNS, rows, widths=ACTION_WIDTHS, rag_columns=(4,))

    return [
        heading("What changed over the period"),
        actions("completed", "Completed in the period", movement.newly_complete),
        actions("newly_red", "Red at the end of the period, not at its start", movement.newly_red),
        table(
            "dates_moved",
            "Due dates moved in the period",
            ["Ref", "Action", "Lead", "Was due", "Now due", "RAG"],
            [
                [
                    s.ref,
                    s.text,
                    s.owner,
                    _day(was.due),
                    _day(s.due) or "No date",
                    board.rag_now[s.pk].value,
                ]
                for was, s in moved
            ],
            widths=(8, 38, 16, 13, 13, 12),
            rag_columns=(5,),
        ),
    ]


def _period_milestones(board: _BoardMonth) -> list[dict[str, Any]]:
    """Milestones due in the period or achieved in it, as they stood at its end."""
    span = (board.start, board.end)
    milestones = Milestone.objects.filter(
        Q(due__range=span) | Q(achieved_on__range=span), plan=board.plan
    ).order_by("due", "position")

    def status(m: Milestone) -> str:
        if m.achieved_on and m.achieved_on <= board.as_at:
            return f"Achieved on {_day(m.achieved_on)}"
        if (m.missed_on and m.missed_on <= board.as_at) or (m.due and m.due < board.as_at):
            return "Missed"
        return "Not yet due"

    return [
        heading("Milestones"),
        table(
            "milestones",
            "Milestones due or achieved in the period",
            ["Milestone", "Due", "Status"],
            [[m.text, _day(m.due) or (m.due_raw or ""), status(m)] for m in milestones],
            widths=MILESTONE_WIDTHS,
            empty="No milestones due or achieved in the period.",
        ),
    ]


def _section_ids(section: Section) -> list[int]:
    sections = list(Section.objects.filter(plan_id=section.plan_id).values_list("id", "parent_id"))
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in sections:
        children[parent].append(pk)
    found, queue = [], [section.pk]
    while queue:
        pk = queue.pop()
        found.append(pk)
        queue.extend(children[pk])
    return found


def highlight_report(section: Section, today: date, recent_days: int = 31) -> Report:
    """A workstream highlight report for one top-level section and everything inside it."""
    plan = section.plan
    ids = _section_ids(section)
    rules = RagRules(today)
    actions = list(
        Action.objects.filter(plan=plan, section_id__in=ids, archived_at__isnull=True)
        .only(
            "id",
            "ref",
            "text",
            "owner_raw",
            "due",
            "status",
            "last_activity_on",
            "rag_override",
            "rag_override_reason",
            "awaiting_sign_off",
            "position",
        )
        .order_by("position")
    )
    rags = {a.pk: rules.rate_action(a).rag for a in actions}
    counts = {r.value: 0 for r in Rag}
    for rag in rags.values():
        counts[rag.value] += 1
    updates = list(
        ProgressUpdate.objects.filter(
            action__in=[a.pk for a in actions], date__gte=today - timedelta(days=recent_days)
        )
        .select_related("action")
        .order_by("-date", "-id")
    )
    horizon = today + timedelta(days=60)
    next_steps = [
        a for a in actions if a.due and today <= a.due <= horizon and a.status not in DONE
    ]
    next_steps.sort(key=lambda a: a.due or today)  # each has a due date (above)
    risks = list(plan.risks.filter(archived_at__isnull=True, status="open").order_by("position"))
    milestones = list(
        Milestone.objects.filter(plan=plan, section_id__in=ids).order_by("due", "position")
    )
    overall = rag_for_section(rags.values())
    title = f"{section.ref or ''} {section.title}".strip()
    blocks = [
        heading("Progress"),
        paragraph(
            f"As at {_day(today)}, this workstream has {len(actions)} live actions: "
            f"{counts['blue']} complete, {counts['red']} red, {counts['amber']} amber and "
            f"{counts['green']} green. Overall rating: "
            f"{RAG_LABELS[overall] if overall else 'not rated'}."
        ),
        table(
            "updates",
            f"Progress updates in the last {recent_days} days",
            ["Date", "Ref", "Action", "Update", "RAG then"],
            [
                [_day(u.date), u.action.ref or "", u.action.text, u.commentary, u.rag]
                for u in updates
            ],
            widths=(16, 8, 29, 35, 12),
            rag_columns=(4,),
            empty="No progress updates in this time.",
        ),
        heading("Next steps"),
        table(
            "next_steps",
            "Actions due in the next 60 days",
            ["Ref", "Action", "Lead", "Due", "RAG"],
            [
                [a.ref or "", a.text, a.owner_raw or "", _day(a.due), rags[a.pk].value]
                for a in next_steps
            ],
            widths=ACTION_WIDTHS,
            rag_columns=(4,),
            empty="No actions due in the next 60 days.",
        ),
        heading("Risks and issues"),
        paragraph("Risks are held for the whole plan; these are the plan's open risks."),
        table(
            "risks",
            "Open risks and issues with their mitigations",
            ["Risk", "RAG", "Mitigation", "Owner"],
            [[r.title, r.rag or "", r.mitigation or "", r.owner_raw or ""] for r in risks],
            widths=(30, 12, 40, 18),
            rag_columns=(1,),
            empty="No open risks.",
        ),
        heading("Milestones"),
        table(
            "milestones",
            "Milestones in this workstream",
            ["Milestone", "Due", "Status"],
            [
                [
                    m.text,
                    _day(m.due) or (m.due_raw or ""),
                    "Achieved" if m.achieved_on else "Not yet",
                ]
                for m in milestones
            ],
            widths=MILESTONE_WIDTHS,
            empty="No milestones in this workstream.",
        ),
    ]
    return {
        "kind": ReportKind.HIGHLIGHT.value,
        "title": f"Highlight report: {title}",
        "subtitle": plan.title,
        "as_at": today.isoformat(),
        "period": today.replace(day=1).isoformat(),
        "plan_id": plan.pk,
        "section_id": section.pk,
        "blocks": blocks,
        "data": {"counts": counts},
    }


PUBLIC_INTRO = (
    "This report shows how our local area is doing on the things we were asked to improve. "
    "Inspectors looked at support for children and young people with special educational "
    "needs and disabilities. They told us what must get better. For each point, we list how "
    "many of our planned actions are done. We also give a colour rating. Green means on "
    "track. Amber means some work is behind. Red means work is late. Blue means it is done."
)


def public_report(
    partnership: Partnership, today: date, with_long_sentences: bool = False
) -> Report:
    """The public progress report: plain English, findings and progress, no personal data
    unless the partnership has chosen to name its officers."""
    rules = RagRules(today)
    names = partnership.publish_officer_names
    action_query = Action.objects.filter(archived_at__isnull=True).only(
        "id",
        "status",
        "due",
        "last_activity_on",
        "rag_override",
        "rag_override_reason",
        "awaiting_sign_off",
    )
    if names:
        action_query = action_query.prefetch_related("owners")
    findings = list(
        Finding.objects.filter(partnership=partnership, archived_at__isnull=True)
        .filter(Q(plan__isnull=True) | Q(plan__archived_at__isnull=True))
        .prefetch_related(Prefetch("actions", queryset=action_query))
        .order_by("plan_id", "ref", "id")
    )
    rows = []
    complete_all = total_all = 0
    for finding in findings:
        actions = list(finding.actions.all())
        rags = [rules.rate_action(a).rag for a in actions]
        done = sum(1 for a in actions if a.status in DONE and not a.awaiting_sign_off)
        complete_all += done
        total_all += len(actions)
        overall = rag_for_section(rags)
        row = [
            finding.ref,
            finding.text,
            f"{done} of {len(actions)}",
            overall.value if overall else "",
        ]
        if names:
            leads = sorted({p.name for a in actions for p in a.owners.all()})
            row.append(", ".join(leads))
        rows.append(row)
    columns = ["Ref", "What we were asked to improve", "Actions done", "Rating"]
    if names:
        columns.append("Who leads the work")
    summary = (
        f"We have {total_all} actions in our plans for these points. "
        f"{complete_all} of them are done. This report was made on {_day(today)}."
    )
    # Findings are often headings with no full stop: end each as a sentence, or nine short
    # headings would be scored (and flagged) as one long sentence.
    prose = " ".join(_as_sentence(t) for t in [PUBLIC_INTRO, summary, *(f.text for f in findings)])
    score = readability(prose)
    blocks = [
        paragraph(PUBLIC_INTRO),
        paragraph(summary),
        table(
            "findings",
            "Progress on each point we were asked to improve",
            columns,
            rows,
            widths=(8, 46, 14, 14, 18) if names else (8, 60, 16, 16),
            rag_columns=(3,),
            empty="There are no points to report yet.",
            limit=None,
        ),
        heading("How easy this report is to read"),
        paragraph(score.describe()),
    ]
    report = {
        "kind": ReportKind.PUBLIC.value,
        "title": f"{partnership.name}: our progress",
        "subtitle": f"Progress report, {today:%B %Y}",
        "as_at": today.isoformat(),
        "period": today.replace(day=1).isoformat(),
        "blocks": blocks,
        "data": {"reading_ease": score.reading_ease, "grade": score.grade},
    }
    if with_long_sentences:
        report["long_sentences"] = list(score.long_sentences)
    return report


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!")) else text + "."
