"""The casework officers' worklists: which rows each holds, its columns, sorts and filters."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from sendtrack.accounts.models import Partnership
from sendtrack.domain.statutory import (
    FINAL_PLAN_WEEKS,
    Clock,
    assessment_clocks,
    clock_status,
    review_decision_due,
)

from ..models import (
    AnnualReview,
    Child,
    EHCNeedsAssessment,
    PhaseTransfer,
    PlanStatus,
    TransferStatus,
)
from .clocks import DUE_SOON_DAYS, TRANSFER_DUE_SOON_DAYS, domain_exceptions

PAST_20_WEEKS_HORIZON_DAYS = 28  # "heading past 20 weeks": final plan due within 4 weeks
REVIEWS_HORIZON_DAYS = 56  # reviews due in the next 8 weeks, or overdue


@dataclass(frozen=True)
class WorklistFilters:
    officer: int | None = None
    setting: int | None = None
    year_group: str = ""
    sort: str = ""

    @property
    def active(self) -> bool:
        return bool(self.officer or self.setting or self.year_group)


@dataclass(frozen=True)
class Column:
    """A worklist column: its heading, how to sort by it, its value, and whether it is exported."""

    label: str
    value: Callable[[Any], Any]
    sort: str = ""
    kind: str = "text"  # text, date, number, status, case
    export: bool = True


@dataclass(frozen=True)
class Worklist:
    slug: str
    title: str
    description: str
    model: type
    child_path: str  # from the row to its Child
    officer_path: str  # from the row to the officer it is filtered by
    base: Callable[[Partnership, date], QuerySet[Any]]
    columns: list[Column]
    sorts: dict[str, tuple[str, ...]]
    default_sort: str
    decorate: Callable[[list[Any], date], None] = field(default=lambda rows, today: None)

    def queryset(self, partnership: Partnership, today: date, filters: WorklistFilters) -> Any:
        rows = self.base(partnership, today)
        child = self.child_path
        if filters.officer:
            rows = rows.filter(**{f"{self.officer_path}_id": filters.officer})
        if filters.setting:
            rows = rows.filter(**{f"{child}__setting_id": filters.setting})
        if filters.year_group:
            rows = rows.filter(**{f"{child}__year_group": filters.year_group})
        key = filters.sort if filters.sort.lstrip("-") in self.sorts else self.default_sort
        fields = self.sorts[key.lstrip("-")]
        if key.startswith("-"):
            fields = tuple(f[1:] if f.startswith("-") else f"-{f}" for f in fields)
        return rows.order_by(*fields, "pk")

    def sort_key(self, filters: WorklistFilters) -> str:
        return filters.sort if filters.sort.lstrip("-") in self.sorts else self.default_sort


def _days(deadline: date | None, today: date) -> int | None:
    return None if deadline is None else (deadline - today).days


# The decorators give each row the worklist's computed columns (deadline, days_left,
# clock_status), which no model declares: the rows are typed as Any, as Worklist.decorate has
# them.
def _decorate_assessments(clock: Clock) -> Callable[[list[Any], date], None]:
    def decorate(rows: list[Any], today: date) -> None:
        for row in rows:
            clocks = assessment_clocks(row.request_received)
            deadline = clocks.deadline(clock)
            met_on = row.decision_date if clock is Clock.DECISION_TO_ASSESS else row.final_issued
            row.deadline = deadline
            row.days_left = _days(deadline, today)
            row.clock_status = clock_status(
                deadline,
                met_on,
                today,
                domain_exceptions(row.exceptions.all()),
                DUE_SOON_DAYS,
                clock=clock,
                clock_start=row.request_received,
            )

    return decorate


def _decorate_reviews(rows: list[Any], today: date) -> None:
    for row in rows:
        row.days_left = _days(row.due, today)
        row.clock_status = clock_status(row.due, row.meeting_date, today, (), DUE_SOON_DAYS)


def _decorate_decisions(rows: list[Any], today: date) -> None:
    for row in rows:
        row.deadline = review_decision_due(row.meeting_date)
        row.days_left = _days(row.deadline, today)
        row.clock_status = clock_status(
            row.deadline, row.decision_notified, today, (), DUE_SOON_DAYS
        )


def _decorate_transfers(rows: list[Any], today: date) -> None:
    for row in rows:
        row.days_left = _days(row.deadline, today)
        row.clock_status = clock_status(
            row.deadline, row.finalised_date, today, (), TRANSFER_DUE_SOON_DAYS
        )


def _assessments(partnership: Partnership) -> QuerySet[EHCNeedsAssessment]:
    return (
        EHCNeedsAssessment.objects.filter(partnership=partnership)
        .select_related("child", "child__setting", "assigned_officer")
        .prefetch_related("exceptions")
    )


def _reviews(partnership: Partnership) -> QuerySet[AnnualReview]:
    # Naming the plan's partnership too lets PostgreSQL find the active plans by the
    # partnership index rather than checking every plan in a national-scale table.
    return AnnualReview.objects.filter(
        partnership=partnership, plan__partnership=partnership, plan__status=PlanStatus.ACTIVE
    ).select_related("plan__child", "plan__child__setting", "plan__child__officer")


def _awaiting_decision(partnership: Partnership, today: date) -> QuerySet[Any]:
    return _assessments(partnership).filter(outcome="", decision="")


def _past_20_weeks(partnership: Partnership, today: date) -> QuerySet[Any]:
    latest_request = (
        today + timedelta(days=PAST_20_WEEKS_HORIZON_DAYS) - timedelta(weeks=FINAL_PLAN_WEEKS)
    )
    return _assessments(partnership).filter(
        outcome="", final_issued__isnull=True, request_received__lte=latest_request
    )


def _reviews_due(partnership: Partnership, today: date) -> QuerySet[Any]:
    # Due within 8 weeks or overdue; or, whatever the due date, paperwork received or a
    # meeting held with no decision sent yet (the council sees the receipt at once).
    return _reviews(partnership).filter(
        Q(due__lte=today + timedelta(days=REVIEWS_HORIZON_DAYS))
        | Q(paperwork_received__isnull=False)
        | Q(meeting_date__isnull=False),
        decision_notified__isnull=True,
    )


def _decisions_not_notified(partnership: Partnership, today: date) -> QuerySet[Any]:
    # review_decision_due(meeting) = meeting + 4 weeks has passed.
    return _reviews(partnership).filter(
        meeting_date__isnull=False,
        decision_notified__isnull=True,
        meeting_date__lt=today - timedelta(weeks=4),
    )


def _transfers(partnership: Partnership, today: date) -> QuerySet[Any]:
    return (
        PhaseTransfer.objects.filter(
            partnership=partnership, plan__partnership=partnership, plan__status=PlanStatus.ACTIVE
        )
        .exclude(status=TransferStatus.FINALISED)
        .select_related(
            "plan__child", "plan__child__setting", "plan__child__officer", "named_setting"
        )
    )


def _child_columns(path: Callable[[Any], Child], officer: Callable[[Any], Any]) -> list[Column]:
    return [
        Column("Case reference", lambda r: path(r).case_reference, "ref", "case"),
        Column("Child", lambda r: path(r).name, "child", export=False),
        Column("Setting", lambda r: getattr(path(r).setting, "name", ""), "setting"),
        Column("Year", lambda r: path(r).get_year_group_display(), "year"),
        Column("Officer", lambda r: str(officer(r) or ""), "officer"),
    ]


def _child_sorts(child: str, officer: str) -> dict[str, tuple[str, ...]]:
    return {
        "ref": (f"{child}__case_reference",),
        "child": (f"{child}__last_name", f"{child}__first_name"),
        "setting": (f"{child}__setting__name",),
        "year": (f"{child}__year_group",),
        "officer": (f"{officer}__last_name", f"{officer}__first_name"),
    }


def _status(row: Any) -> Any:
    return row.clock_status


def _paperwork(row: AnnualReview) -> Any:
    return row.paperwork_received or "Not received"


def _assessment_child(row: EHCNeedsAssessment) -> Child:
    return row.child


def _assessment_officer(row: EHCNeedsAssessment) -> Any:
    return row.assigned_officer


def _plan_child(row: Any) -> Child:
    return row.plan.child


def _plan_officer(row: Any) -> Any:
    return row.plan.child.officer


WORKLISTS: dict[str, Worklist] = {
    w.slug: w
    for w in [
        Worklist(
            slug="awaiting-decision",
            title="Requests awaiting a decision to assess",
            description="Requests for an EHC needs assessment with no decision yet. "
            "The decision is due 6 weeks after the request (reg 5(1)).",
            model=EHCNeedsAssessment,
            child_path="child",
            officer_path="assigned_officer",
            base=_awaiting_decision,
            columns=[
                *_child_columns(_assessment_child, _assessment_officer),
                Column("Request received", lambda r: r.request_received, "received", "date"),
                Column("Decision due", lambda r: r.deadline, "due", "date"),
                Column("Days left", lambda r: r.days_left, "due", "number"),
                Column("Status", _status, kind="status"),
            ],
            sorts={
                **_child_sorts("child", "assigned_officer"),
                "received": ("request_received",),
                "due": ("request_received",),
            },
            default_sort="due",
            decorate=_decorate_assessments(Clock.DECISION_TO_ASSESS),
        ),
        Worklist(
            slug="heading-past-20-weeks",
            title="Assessments heading past 20 weeks",
            description="Open assessments whose final plan is due in the next 4 weeks or is "
            "overdue. The final plan is due 20 weeks after the request (reg 13(2)).",
            model=EHCNeedsAssessment,
            child_path="child",
            officer_path="assigned_officer",
            base=_past_20_weeks,
            columns=[
                *_child_columns(_assessment_child, _assessment_officer),
                Column("Request received", lambda r: r.request_received, "received", "date"),
                Column("Draft issued", lambda r: r.draft_issued or "Not yet", "draft", "date"),
                Column("Final plan due", lambda r: r.deadline, "due", "date"),
                Column("Days left", lambda r: r.days_left, "due", "number"),
                Column("Status", _status, kind="status"),
            ],
            sorts={
                **_child_sorts("child", "assigned_officer"),
                "received": ("request_received",),
                "draft": ("draft_issued",),
                "due": ("request_received",),
            },
            default_sort="due",
            decorate=_decorate_assessments(Clock.FINAL_PLAN),
        ),
        Worklist(
            slug="reviews-due",
            title="Annual reviews due in the next 8 weeks, overdue, or awaiting a decision",
            description="Reviews whose decision has not yet been sent and whose meeting is "
            "due within 8 weeks or is overdue, or, whatever the due date, whose meeting has "
            "been held or whose paperwork has been received. Paperwork from schools shows "
            "here as soon as it is uploaded, even for an early meeting.",
            model=AnnualReview,
            child_path="plan__child",
            officer_path="plan__child__officer",
            base=_reviews_due,
            columns=[
                *_child_columns(_plan_child, _plan_officer),
                Column("Review due", lambda r: r.due, "due", "date"),
                Column("Days left", lambda r: r.days_left, "due", "number"),
                Column("Meeting", lambda r: r.meeting_date or "Not held", "meeting", "date"),
                Column("Paperwork received", _paperwork, "paperwork", "date"),
                Column("Status", _status, kind="status"),
            ],
            sorts={
                **_child_sorts("plan__child", "plan__child__officer"),
                "due": ("due",),
                "meeting": ("meeting_date",),
                "paperwork": ("paperwork_received",),
            },
            default_sort="due",
            decorate=_decorate_reviews,
        ),
        Worklist(
            slug="decisions-not-notified",
            title="Review decisions not sent within 4 weeks of the meeting",
            description="Review meetings held more than 4 weeks ago where the decision to "
            "maintain, amend or cease the plan has not been sent (regs 20 and 21).",
            model=AnnualReview,
            child_path="plan__child",
            officer_path="plan__child__officer",
            base=_decisions_not_notified,
            columns=[
                *_child_columns(_plan_child, _plan_officer),
                Column("Meeting", lambda r: r.meeting_date, "meeting", "date"),
                Column("Paperwork received", _paperwork, "paperwork", "date"),
                Column("Decision due", lambda r: r.deadline, "meeting", "date"),
                Column("Days left", lambda r: r.days_left, "meeting", "number"),
                Column("Status", _status, kind="status"),
            ],
            sorts={
                **_child_sorts("plan__child", "plan__child__officer"),
                "meeting": ("meeting_date",),
                "paperwork": ("paperwork_received",),
            },
            default_sort="meeting",
            decorate=_decorate_decisions,
        ),
        Worklist(
            slug="phase-transfers",
            title="Phase transfers not finalised",
            description="Plans that must be amended to name the next school or college. "
            "15 February for school moves, 31 March for secondary to post-16, 5 months "
            "before a post-16 to post-16 move (reg 18).",
            model=PhaseTransfer,
            child_path="plan__child",
            officer_path="plan__child__officer",
            base=_transfers,
            columns=[
                *_child_columns(_plan_child, _plan_officer),
                Column("Transfer", lambda r: r.get_transfer_type_display(), "type"),
                Column("Transfer date", lambda r: r.transfer_date, "transfer", "date"),
                Column("Deadline", lambda r: r.deadline, "due", "date"),
                Column("Days to deadline", lambda r: r.days_left, "due", "number"),
                Column("Progress", lambda r: r.get_status_display(), "progress"),
                Column("Status", _status, kind="status"),
            ],
            sorts={
                **_child_sorts("plan__child", "plan__child__officer"),
                "type": ("transfer_type",),
                "transfer": ("transfer_date",),
                "due": ("deadline",),
                "progress": ("status",),
            },
            default_sort="due",
            decorate=_decorate_transfers,
        ),
    ]
}


def decorate(worklist: Worklist, rows: Iterable[Any], today: date) -> list[Any]:
    items = list(rows)
    worklist.decorate(items, today)
    return items


def worklist_counts(partnership: Partnership, today: date) -> dict[str, int]:
    """How many rows each worklist has: one query each."""
    return {slug: w.base(partnership, today).order_by().count() for slug, w in WORKLISTS.items()}
