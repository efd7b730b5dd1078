"""BRAG over time: each plan's month-end counts, taken from the history and kept as snapshots
(plans.RagSnapshot) for the dashboard and the board report to draw.

A month is counted as the board report counts it (`builders.action_states`: the actions as
they stood at the month's end, from the history; rated by the rules as at that day), so the
chart and the report's tables agree. This module reads and rates; plans' service keeps.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sendtrack.accounts.models import Partnership
from sendtrack.domain.rag import OverrideWithoutReason
from sendtrack.plans import services as plans
from sendtrack.plans.models import RAG_SNAPSHOT_COUNTS, Plan
from sendtrack.plans.selectors import RagRules, month_end

from .builders import _rate, _top_sections, action_states

Counts = dict[int | None, dict[str, int]]


def counts_at(plan: Plan, end: date, today: date) -> Counts:
    """The plan's live actions by rating at the month's end `end` (as they stand today if the
    month is not over), for the whole plan (None) and each workstream (its id). An action whose
    rating cannot be worked out (set by hand with no reason, as an old import may hold) is
    counted as not rated rather than left out."""
    moment = None if end >= today else timezone.make_aware(datetime.combine(end, time.max))
    rules = RagRules(min(end, today))
    _, top = _top_sections(plan)
    counts: Counts = {key: dict.fromkeys(RAG_SNAPSHOT_COUNTS, 0) for key in [None, *top.values()]}
    for state in action_states(plan, moment).values():
        if state.archived:
            continue
        try:
            rating = _rate(rules, state).value
        except OverrideWithoutReason:
            rating = "not_rated"
        counts[None][rating] += 1
        if state.section_id in top:
            counts[top[state.section_id]][rating] += 1
    return counts


def take_month(plan: Plan, end: date, today: date) -> int:
    """Count the plan at a month's end and keep it, in place of what was kept before."""
    return plans.keep_rag_snapshot(
        plan=plan, month_end=end, as_at=min(end, today), counts=counts_at(plan, end, today)
    )


def months_of(plan: Plan, today: date) -> list[date]:
    """The ends of every month since the plan started, this month's last."""
    ends, end = [], month_end(timezone.localtime(plan.created_at).date())
    last = month_end(today)
    while end <= last:
        ends.append(end)
        end = month_end(end + timedelta(days=1))
    return ends


def _live_plans(partnerships: Iterable[Partnership] | None) -> list[Plan]:
    found = Plan.objects.filter(archived_at__isnull=True).order_by("id")
    if partnerships is not None:
        found = found.filter(partnership__in=list(partnerships))
    return list(found)


def take_this_month(today: date, partnerships: Iterable[Partnership] | None = None) -> int:
    """This month's counts as they stand today, and last month's as it ended, for every live
    plan: run daily, the last run of a month leaves its month-end figures, and a month whose
    last day was missed is put right from the history the next day. Taking it twice gives the
    same figures. Returns the snapshots kept."""
    kept = 0
    last_month = today.replace(day=1) - timedelta(days=1)
    for plan in _live_plans(partnerships):
        if timezone.localtime(plan.created_at).date() <= last_month:
            kept += take_month(plan, last_month, today)
        kept += take_month(plan, month_end(today), today)
    return kept


def backfill(today: date, partnerships: Iterable[Partnership] | None = None) -> int:
    """Every month since each live plan started, from the history. Returns the snapshots kept."""
    return sum(
        take_month(plan, end, today)
        for plan in _live_plans(partnerships)
        for end in months_of(plan, today)
    )
