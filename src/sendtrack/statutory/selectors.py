"""Every read of statutory data: scoped to one partnership, in a fixed number of queries.

Clock deadlines and statuses are not stored: they are worked out here, each time a page is
shown, by the rules in sendtrack.domain.statutory, so they never go stale.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from sendtrack.accounts.models import Partnership, Role, User
from sendtrack.domain.statutory import (
    DECISION_TO_ASSESS_WEEKS,
    EXCEPTION_COVERAGE,
    FINAL_PLAN_WEEKS,
    FOUR_WEEKS,
    POST16_TRANSFER_NOTICE_MONTHS,
    Clock,
    ClockStatus,
    Rate,
    TimeLimitException,
    TransferType,
    assessment_clocks,
    clock_status,
    review_decision_due,
)
from sendtrack.domain.statutory import (
    ExceptionReason as DomainReason,
)

from .dbdates import DatePart, DaysBetween, month_key, ymd
from .models import (
    AnnualReview,
    AssessDecision,
    AssessmentOutcome,
    Child,
    DfEComparator,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    PlanStatus,
    Setting,
    StatutoryArea,
    TransferStatus,
    YearGroup,
)
from .models import (
    TimeLimitException as ExceptionRow,
)

DUE_SOON_DAYS = 14
PAST_20_WEEKS_HORIZON_DAYS = 28  # "heading past 20 weeks": final plan due within 4 weeks
REVIEWS_HORIZON_DAYS = 56  # reviews due in the next 8 weeks, or overdue
TRANSFER_DUE_SOON_DAYS = 28

CASEWORK_MEMBER_ROLES = [Role.CASEWORK_OFFICER, Role.TEAM_MANAGER]


# --------------------------------------------------------------------------------------------
# Clocks
# --------------------------------------------------------------------------------------------


def domain_exceptions(rows: Iterable[ExceptionRow]) -> tuple[TimeLimitException, ...]:
    return tuple(
        TimeLimitException(DomainReason(row.reason), row.start, row.end, row.note) for row in rows
    )


@dataclass(frozen=True)
class ClockRow:
    """One statutory clock on an assessment as shown to a casework officer."""

    label: str
    regulation: str
    deadline: date
    met_on: date | None
    status: ClockStatus | None  # None: the step does not apply to this case
    not_applicable: str = ""


def assessment_clock_rows(assessment: EHCNeedsAssessment, today: date) -> list[ClockRow]:
    """The 6-, 16- and 20-week clocks for one assessment, with their status on `today`."""
    clocks = assessment_clocks(assessment.request_received)
    exceptions = domain_exceptions(assessment.exceptions.all())
    start = assessment.request_received

    def status(deadline: date, met_on: date | None, clock: Clock) -> ClockStatus:
        return clock_status(
            deadline,
            met_on,
            today,
            exceptions,
            DUE_SOON_DAYS,
            clock=clock,
            clock_start=start,
        )

    refused = assessment.decision == AssessDecision.NOT_ASSESS
    withdrawn = assessment.outcome == AssessmentOutcome.WITHDRAWN
    decision_label = "Decision whether to assess (6 weeks)"
    if withdrawn and assessment.decision_date is None:
        # Withdrawn before the LA decided: there was no decision left to make in time.
        rows = [
            ClockRow(
                decision_label,
                "reg 5(1)",
                clocks.decision_to_assess_due,
                None,
                None,
                "Not needed: the request was withdrawn",
            )
        ]
    else:
        rows = [
            ClockRow(
                decision_label,
                "reg 5(1)",
                clocks.decision_to_assess_due,
                assessment.decision_date,
                status(
                    clocks.decision_to_assess_due,
                    assessment.decision_date,
                    Clock.DECISION_TO_ASSESS,
                ),
            )
        ]
    issuing = bool(assessment.draft_issued or assessment.final_issued) or (
        assessment.outcome == AssessmentOutcome.PLAN_ISSUED
    )
    no_plan_label = "Decision not to issue a plan (16 weeks)"
    if refused or withdrawn or issuing:
        why = (
            "Not needed: the LA decided not to assess"
            if refused
            else "Not needed: the request was withdrawn"
            if withdrawn
            else "Not needed: a plan is being issued"
        )
        rows.append(
            ClockRow(no_plan_label, "reg 10(1)", clocks.no_plan_decision_due, None, None, why)
        )
    else:
        met = (
            assessment.outcome_date if assessment.outcome == AssessmentOutcome.NOT_ISSUED else None
        )
        rows.append(
            ClockRow(
                no_plan_label,
                "reg 10(1)",
                clocks.no_plan_decision_due,
                met,
                status(clocks.no_plan_decision_due, met, Clock.NO_PLAN_DECISION),
            )
        )
    final_label = "Final EHC plan issued (20 weeks)"
    if refused or withdrawn or assessment.outcome == AssessmentOutcome.NOT_ISSUED:
        rows.append(
            ClockRow(
                final_label,
                "reg 13(2)",
                clocks.final_plan_due,
                None,
                None,
                "Not needed: no plan will be issued",
            )
        )
    else:
        rows.append(
            ClockRow(
                final_label,
                "reg 13(2)",
                clocks.final_plan_due,
                assessment.final_issued,
                status(clocks.final_plan_due, assessment.final_issued, Clock.FINAL_PLAN),
            )
        )
    return rows


# --------------------------------------------------------------------------------------------
# Records for one case
# --------------------------------------------------------------------------------------------


def assessment_for(partnership: Partnership, assessment_id: int) -> EHCNeedsAssessment:
    return (
        EHCNeedsAssessment.objects.filter(partnership=partnership)
        .select_related("child", "child__setting", "assigned_officer")
        .prefetch_related("exceptions")
        .get(pk=assessment_id)
    )


def child_for(partnership: Partnership, child_id: int) -> Child:
    return (
        Child.objects.filter(partnership=partnership)
        .select_related("setting", "officer")
        .prefetch_related(
            Prefetch(
                "assessments",
                EHCNeedsAssessment.objects.select_related("assigned_officer").prefetch_related(
                    "exceptions"
                ),
            ),
            Prefetch(
                "plans",
                EHCPlan.objects.select_related("named_setting").prefetch_related(
                    "reviews",
                    Prefetch("transfers", PhaseTransfer.objects.select_related("named_setting")),
                ),
            ),
        )
        .get(pk=child_id)
    )


def review_for(partnership: Partnership, review_id: int) -> AnnualReview:
    return (
        AnnualReview.objects.filter(partnership=partnership)
        .select_related("plan__child")
        .get(pk=review_id)
    )


def transfer_for(partnership: Partnership, transfer_id: int) -> PhaseTransfer:
    return (
        PhaseTransfer.objects.filter(partnership=partnership)
        .select_related("plan__child", "named_setting")
        .get(pk=transfer_id)
    )


def plan_for(partnership: Partnership, plan_id: int) -> EHCPlan:
    return EHCPlan.objects.filter(partnership=partnership).select_related("child").get(pk=plan_id)


def review_for_paperwork(partnership: Partnership, review_id: int) -> AnnualReview:
    return AnnualReview.objects.filter(partnership=partnership).get(pk=review_id)


def audit_trail(record: Any, limit: int = 20) -> list[Any]:
    return list(record.history.select_related("history_user").order_by("-history_date")[:limit])


# --------------------------------------------------------------------------------------------
# Worklists
# --------------------------------------------------------------------------------------------


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


def _decorate_assessments(clock: Clock) -> Callable[[list[Any], date], None]:
    def decorate(rows: list[EHCNeedsAssessment], today: date) -> None:
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


def _decorate_reviews(rows: list[AnnualReview], today: date) -> None:
    for row in rows:
        row.days_left = _days(row.due, today)
        row.clock_status = clock_status(row.due, row.meeting_date, today, (), DUE_SOON_DAYS)


def _decorate_decisions(rows: list[AnnualReview], today: date) -> None:
    for row in rows:
        row.deadline = review_decision_due(row.meeting_date)
        row.days_left = _days(row.deadline, today)
        row.clock_status = clock_status(
            row.deadline, row.decision_notified, today, (), DUE_SOON_DAYS
        )


def _decorate_transfers(rows: list[PhaseTransfer], today: date) -> None:
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
        Column("Setting", lambda r: path(r).setting.name if path(r).setting else "", "setting"),
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


def officers_for(partnership: Partnership) -> list[User]:
    """Casework officers and team managers of the partnership, for the officer filter."""
    return list(
        User.objects.filter(
            memberships__partnership=partnership, memberships__role__in=CASEWORK_MEMBER_ROLES
        ).order_by("last_name", "first_name", "username")
    )


def settings_for(partnership: Partnership) -> QuerySet[Setting]:
    return Setting.objects.filter(partnership=partnership).only("id", "name")


YEAR_GROUPS = YearGroup.choices


# --------------------------------------------------------------------------------------------
# Schools portal
# --------------------------------------------------------------------------------------------


def contact_setting_ids(partnership: Partnership, user: User) -> list[int]:
    return list(
        Setting.objects.filter(partnership=partnership, contacts__user=user).values_list(
            "id", flat=True
        )
    )


def portal_reviews(partnership: Partnership, setting_ids: list[int]) -> QuerySet[AnnualReview]:
    """The reviews a SENCO may see and change: open reviews of their settings' children."""
    return AnnualReview.objects.filter(
        partnership=partnership,
        plan__status=PlanStatus.ACTIVE,
        plan__child__setting_id__in=setting_ids,
        decision_notified__isnull=True,
    )


def portal_children(partnership: Partnership, setting_ids: list[int], today: date) -> list[Child]:
    """Children with active plans at the SENCO's settings, each with its open reviews and
    transfers, in three queries whatever the number of children."""
    reviews = AnnualReview.objects.filter(decision_notified__isnull=True).order_by("due")
    transfers = PhaseTransfer.objects.exclude(status=TransferStatus.FINALISED).order_by("deadline")
    children = list(
        Child.objects.filter(
            partnership=partnership,
            setting_id__in=setting_ids,
            plans__status=PlanStatus.ACTIVE,
        )
        .distinct()
        .select_related("setting")
        .prefetch_related(
            Prefetch(
                "plans",
                EHCPlan.objects.filter(status=PlanStatus.ACTIVE).prefetch_related(
                    Prefetch("reviews", reviews), Prefetch("transfers", transfers)
                ),
                to_attr="active_plans",
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
    for child in children:
        child.open_reviews = [r for p in child.active_plans for r in p.reviews.all()]
        child.open_transfers = [t for p in child.active_plans for t in p.transfers.all()]
        for review in child.open_reviews:
            review.clock_status = clock_status(
                review.due, review.meeting_date, today, (), DUE_SOON_DAYS
            )
        for transfer in child.open_transfers:
            transfer.clock_status = clock_status(
                transfer.deadline, transfer.finalised_date, today, (), TRANSFER_DUE_SOON_DAYS
            )
    return children


@dataclass(frozen=True)
class ReviewListItem:
    case_reference: str
    stage: str
    due: date


def review_lists_by_setting(
    partnership: Partnership, start: date, end: date
) -> list[tuple[Setting, list[ReviewListItem]]]:
    """For each setting with a SENCO email: the reviews and phase transfers due in [start, end].

    Names the stage and the case reference only, never the child (these go by email).
    """
    items: dict[int, list[ReviewListItem]] = defaultdict(list)
    reviews = AnnualReview.objects.filter(
        partnership=partnership,
        plan__status=PlanStatus.ACTIVE,
        meeting_date__isnull=True,
        due__range=(start, end),
        plan__child__setting__isnull=False,
    ).values_list("plan__child__setting_id", "plan__child__case_reference", "due")
    for setting_id, reference, due in reviews:
        items[setting_id].append(ReviewListItem(reference, "Annual review", due))
    transfers = (
        PhaseTransfer.objects.filter(
            partnership=partnership,
            plan__status=PlanStatus.ACTIVE,
            deadline__range=(start, end),
            plan__child__setting__isnull=False,
        )
        .exclude(status=TransferStatus.FINALISED)
        .values_list(
            "plan__child__setting_id", "plan__child__case_reference", "deadline", "transfer_type"
        )
    )
    for setting_id, reference, deadline, kind in transfers:
        label = TRANSFER_LABELS.get(kind, kind)
        items[setting_id].append(
            ReviewListItem(reference, f"Phase transfer review ({label})", deadline)
        )
    settings_ = Setting.objects.filter(partnership=partnership, pk__in=items).exclude(
        senco_email=""
    )
    return [
        (setting, sorted(items[setting.pk], key=lambda i: (i.due, i.case_reference)))
        for setting in settings_
    ]


TRANSFER_LABELS = {
    TransferType.EARLY_YEARS_TO_SCHOOL.value: "early years to school",
    TransferType.INFANT_TO_JUNIOR.value: "infant to junior",
    TransferType.PRIMARY_TO_MIDDLE.value: "primary to middle",
    TransferType.PRIMARY_TO_SECONDARY.value: "primary to secondary",
    TransferType.MIDDLE_TO_SECONDARY.value: "middle to secondary",
    TransferType.SECONDARY_TO_POST16.value: "secondary to post-16",
    TransferType.POST16_TO_POST16.value: "post-16 to post-16",
}


# --------------------------------------------------------------------------------------------
# Timeliness measures (domain.md sections 1 and 5; docs/statutory.md section 7)
# --------------------------------------------------------------------------------------------

MEASURES = [
    ("new_plans_ex", "New EHC plans issued within 20 weeks, excluding exceptions (SEN2)"),
    ("new_plans_inc", "New EHC plans issued within 20 weeks, including exceptions (SEN2)"),
    ("decisions", "Decisions whether to assess made within 6 weeks"),
    ("reviews", "Annual review meetings held within 12 months"),
    ("transfers", "Phase transfer plans amended by the deadline"),
]

GROUPINGS = {"month": "Month", "officer": "Officer", "setting": "Setting"}


@dataclass
class MeasureRow:
    label: str
    new_plans_ex: Rate = field(default_factory=lambda: Rate(0, 0))
    new_plans_inc: Rate = field(default_factory=lambda: Rate(0, 0))
    decisions: Rate = field(default_factory=lambda: Rate(0, 0))
    reviews: Rate = field(default_factory=lambda: Rate(0, 0))
    transfers: Rate = field(default_factory=lambda: Rate(0, 0))

    def rate(self, key: str) -> Rate:
        rate: Rate = getattr(self, key)
        return rate


@dataclass
class Measures:
    year: int
    total: MeasureRow
    groups: list[MeasureRow]
    grouping: str


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


ONE_YEAR = 10000  # in _ymd numbers: the same day and month a year later


def _long_enough(today: date) -> Q:
    """`meets_four_week_minimum`: the reason needs no minimum, or the closure or absence lasted
    28 days counting both ends (an open-ended one up to `today`). Needs the `length` alias."""
    last_start = today - FOUR_WEEKS + timedelta(days=1)
    return (
        Q(reason__in=[r.value for r in DomainReason if not r.needs_four_weeks])
        | Q(end__isnull=True, start__lte=last_start)
        | Q(end__isnull=False, length__gte=FOUR_WEEKS.days - 1)
    )


def _exception_applies(clock: Clock, deadline_days: int, met_field: str, today: date) -> Exists:
    """An exception row that `applicable_exceptions` would count for a step done on `met_field`.

    It started on or before the deadline (request + `deadline_days`) and before the step was
    done, its reason covers the clock, it had not ended before the request was received, and
    it is long enough for its limb (4 weeks for closures and absence; open-ended ones are
    measured to `today`). The request date is read from the outer row, so the subquery needs
    no join.
    """
    received = OuterRef("request_received")
    return Exists(
        ExceptionRow.objects.filter(
            assessment=OuterRef("pk"),
            reason__in=[r.value for r in EXCEPTION_COVERAGE.get(clock, ())],
            start__lt=OuterRef(met_field),
        )
        .alias(offset=DaysBetween("start", received), length=DaysBetween("end", "start"))
        .filter(offset__lte=deadline_days)
        .filter(Q(end__isnull=True) | Q(end__gte=received))
        .filter(_long_enough(today))
    )


def _bucket(grouping: str, event: str, officer: str, setting: str) -> Any:
    if grouping == "month":
        return DatePart(event, "month")
    return F(officer if grouping == "officer" else setting)


Bucket = Callable[[str, str, str], Any]
"""Given a measure's event date, officer and setting fields: the expression to group by."""


def _grouped(
    queryset: QuerySet[Any], bucket: Any, *also_by: str, **counts: Q | None
) -> QuerySet[Any]:
    """One grouped query: a row per bucket (and value of `also_by`), each count a
    conditional COUNT."""
    return (
        queryset.annotate(bucket=bucket)
        .values("bucket", *also_by)
        .order_by("bucket", *also_by)
        .annotate(**{name: Count("pk", filter=condition) for name, condition in counts.items()})
    )


def measure_queries(
    scope: Q, year: int, bucket: Bucket, as_at: date | None = None, today: date | None = None
) -> dict[str, QuerySet[Any]]:
    """The four grouped queries behind every measure, for the cases `scope` selects.

    Each case counts in the year of its event: a new plan by its final issue date, a
    decision by its decision date, a review by its due date, a transfer by its deadline
    (the way SEN2 counts plans issued in the calendar year). Each condition is the domain
    rule it stands for (the Rate functions in sendtrack.domain.statutory), and
    tests/statutory/test_measures_database.py checks that the counts equal those
    functions' over a varied set of cases. Every model filtered here has a `partnership`
    field, so `scope` is usually Q(partnership=...); an empty Q() counts every partnership.

    With `as_at` (a year still running), a review or transfer whose date is still to come
    and has not happened yet is left out: it cannot be late yet, so counting it as missed
    would make this year look worse than it is.

    A review or transfer whose plan ceased before its due date (deadline) and that was not
    held (amended) is left out: there was no plan left to review (`review_in_measure`,
    `transfer_in_measure`).

    `today` (default `as_at`, else the local date) is the day an exception still open is
    measured to, for the 4-week minimum of closures and absence (`meets_four_week_minimum`).
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    today = today or as_at or timezone.localdate()
    ceased = PlanStatus.CEASED

    # New plans (SEN2): within 20 weeks = issued on or before request + 140 days. A plan
    # "issued" before its request is bad data (the import refuses it) and never counted.
    # Grouped by whether an exception applied too, so that test runs once for each plan
    # (as a COUNT filter it would run once for each count that needs it).
    final_days = FINAL_PLAN_WEEKS * 7
    new_plans = (
        EHCNeedsAssessment.objects.filter(
            scope,
            outcome=AssessmentOutcome.PLAN_ISSUED,
            final_issued__range=(start, end),
            final_issued__gte=F("request_received"),
        )
        .annotate(excepted=_exception_applies(Clock.FINAL_PLAN, final_days, "final_issued", today))
        .alias(span=DaysBetween("final_issued", "request_received"))
    )

    # Decisions whether to assess: within 6 weeks of the request.
    decision_days = DECISION_TO_ASSESS_WEEKS * 7
    decisions = EHCNeedsAssessment.objects.filter(
        scope,
        decision_date__range=(start, end),
        decision_date__gte=F("request_received"),
    ).alias(span=DaysBetween("decision_date", "request_received"))

    # Reviews due in the year: held on or before the same date 12 months after the issue or
    # last review. Comparing yyyymmdd numbers is exact even for 29 February: 29 Feb 2024
    # + 12 months is 28 Feb 2025, and no date lies between 20250228 and 20250229.
    reviews = (
        AnnualReview.objects.filter(scope, due__range=(start, end))
        .filter(Q(meeting_date__isnull=True) | Q(meeting_date__gte=F("counted_from")))
        .exclude(meeting_date__isnull=True, plan__status=ceased, plan__ceased_date__lt=F("due"))
    )
    if as_at is not None:
        reviews = reviews.filter(Q(due__lte=as_at) | Q(meeting_date__isnull=False))
    reviews = reviews.alias(previous=ymd("counted_from"), held=ymd("meeting_date"))
    review_met = Q(meeting_date__isnull=False, held__lte=F("previous") + ONE_YEAR)

    # Phase transfers with a deadline in the year: amended by the reg 18 deadline worked out
    # from the transfer date where the rule gives one, else by the locally set deadline.
    transfers = (
        PhaseTransfer.objects.filter(scope, deadline__range=(start, end))
        .exclude(
            finalised_date__isnull=True,
            plan__status=ceased,
            plan__ceased_date__lt=F("deadline"),
        )
        .alias(
            done=ymd("finalised_date"),
            done_months=month_key("finalised_date"),
            transfer_months=month_key("transfer_date"),
            transfer_day=DatePart("transfer_date", "month") * 100
            + DatePart("transfer_date", "day"),
            transfer_year=DatePart("transfer_date", "year") * 10000,
        )
    )
    if as_at is not None:
        transfers = transfers.filter(Q(deadline__lte=as_at) | Q(finalised_date__isnull=False))

    return {
        "new_plans": _grouped(
            new_plans,
            bucket("final_issued", "assigned_officer_id", "child__setting_id"),
            "excepted",
            num=Q(span__lte=final_days),
            den=None,
        ),
        "decisions": _grouped(
            decisions,
            bucket("decision_date", "assigned_officer_id", "child__setting_id"),
            num=Q(span__lte=decision_days),
            den=None,
        ),
        "reviews": _grouped(
            reviews,
            bucket("due", "plan__child__officer_id", "plan__child__setting_id"),
            num=review_met,
            den=None,
        ),
        "transfers": _grouped(
            transfers,
            bucket("deadline", "plan__child__officer_id", "plan__child__setting_id"),
            num=Q(finalised_date__isnull=False) & _transfer_met(),
            den=None,
        ),
    }


def _measure_rows(queries: dict[str, QuerySet[Any]]) -> dict[Any, MeasureRow]:
    """Run the queries from `measure_queries`: {bucket: its measures}."""
    groups: dict[Any, MeasureRow] = defaultdict(lambda: MeasureRow(label=""))
    for row in queries["new_plans"]:
        group, rate = groups[row["bucket"]], Rate(row["num"], row["den"])
        group.new_plans_inc += rate  # every new plan
        if not row["excepted"]:
            group.new_plans_ex += rate  # only those with no exception
    for kind in ("decisions", "reviews", "transfers"):
        for row in queries[kind]:
            setattr(groups[row["bucket"]], kind, Rate(row["num"], row["den"]))
    return groups


def added_up(label: str, rows: Iterable[MeasureRow]) -> MeasureRow:
    """Counts added together (never percentages averaged)."""
    total = MeasureRow(label=label)
    for row in rows:
        for measure, _label in MEASURES:
            setattr(total, measure, total.rate(measure) + row.rate(measure))
    return total


def timeliness_measures(
    partnership: Partnership,
    year: int,
    grouping: str = "month",
    as_at: date | None = None,
    today: date | None = None,
) -> Measures:
    """Every measure for one calendar year, for the whole partnership and per group.

    Group by month of the case's event date (see `measure_queries`), by officer (the
    assessment's officer; the child's officer for reviews and transfers) or by the child's
    current setting. The database does the counting: four grouped queries of conditional
    counts, whatever the number of cases. `as_at` and `today`: see `measure_queries`.
    """
    grouping = grouping if grouping in GROUPINGS else "month"

    def bucket(event: str, officer: str, setting: str) -> Any:
        return _bucket(grouping, event, officer, setting)

    groups = _measure_rows(measure_queries(Q(partnership=partnership), year, bucket, as_at, today))
    total = added_up(f"All of {year}", groups.values())
    rows = _group_rows(partnership, grouping, groups)
    return Measures(year, total, rows, grouping)


@dataclass
class AuthorityMeasures:
    """One partnership's measures for a year, with its place in the DfE statistics."""

    partnership: Partnership
    la_code: str
    la_name: str
    region_name: str
    measures: MeasureRow


def _by_partnership(event: str, officer: str, setting: str) -> Any:
    return F("partnership_id")


def england_measure_queries(year: int) -> dict[str, QuerySet[Any]]:
    """The grouped queries of `england_measures`: each measure kind, a row per partnership."""
    return measure_queries(Q(), year, _by_partnership)


def england_measures(year: int) -> list[AuthorityMeasures]:
    """Every partnership's measures for one calendar year, in five queries however many.

    The counts are those of `timeliness_measures` for each partnership (the same queries,
    grouped by partnership instead of month). Lists every partnership with a DfE area or a
    case counted in the year, by local authority name, then partnership name.
    """
    groups = _measure_rows(england_measure_queries(year))
    partnerships = Partnership.objects.filter(
        Q(pk__in=list(groups)) | Q(statutory_area__isnull=False)
    ).select_related("statutory_area")
    result = []
    for partnership in partnerships:
        area = getattr(partnership, "statutory_area", None)
        row = groups.get(partnership.pk) or MeasureRow(label="")
        row.label = (area.la_name if area else "") or partnership.name
        result.append(
            AuthorityMeasures(
                partnership=partnership,
                la_code=area.la_code if area else "",
                la_name=row.label,
                region_name=area.region_name if area else "",
                measures=row,
            )
        )
    return sorted(result, key=lambda a: (a.la_name, a.partnership.name, a.partnership.pk))


_FIXED_TRANSFER_DATES = {
    **{t.value: (2, 15) for t in TransferType if t is not TransferType.POST16_TO_POST16},
    TransferType.SECONDARY_TO_POST16.value: (3, 31),
}


def _transfer_met() -> Q:
    """The plan was amended by the deadline `phase_transfer_deadline` gives (reg 18).

    Post-16 to post-16: on or before the same day 5 months earlier (a shorter month ends
    it at its last day, which compares the same way). The rest: on or before 15 February
    (31 March from secondary) of the transfer's year, when the transfer is after that date;
    a transfer on or before it has no reg 18 date, so the stored local deadline applies.
    """
    met = Q(
        transfer_type=TransferType.POST16_TO_POST16.value,
        done_months__lte=F("transfer_months") - POST16_TRANSFER_NOTICE_MONTHS * 100,
    )
    for kind, (month, day) in _FIXED_TRANSFER_DATES.items():
        fixed = month * 100 + day
        by_rule = Q(transfer_day__gt=fixed, done__lte=F("transfer_year") + fixed)
        local = Q(transfer_day__lte=fixed, finalised_date__lte=F("deadline"))
        met |= Q(transfer_type=kind) & (by_rule | local)
    return met


def _group_rows(
    partnership: Partnership, grouping: str, groups: dict[Any, MeasureRow]
) -> list[MeasureRow]:
    def labelled_row(key: Any, label: str) -> MeasureRow:
        row = groups[key]
        row.label = label
        return row

    if grouping == "month":
        return [labelled_row(m, MONTHS[m - 1]) for m in range(1, 13)]
    if grouping == "officer":
        names = {
            u.pk: str(u) for u in User.objects.filter(pk__in=[k for k in groups if k is not None])
        }
        labelled = [(names.get(k, "No officer") if k else "No officer", k) for k in groups]
    else:
        names = dict(
            Setting.objects.filter(
                partnership=partnership, pk__in=[k for k in groups if k]
            ).values_list("pk", "name")
        )
        labelled = [(names.get(k, "No setting") if k else "No setting", k) for k in groups]
    return [labelled_row(k, label) for label, k in sorted(labelled, key=lambda x: x[0])]


@dataclass(frozen=True)
class Comparison:
    label: str
    excluding: Rate | None
    including: Rate | None
    source: str = ""


def _compared(label: str, row: DfEComparator | None) -> Comparison:
    return Comparison(label, *_comparator_rates(row), source=row.source if row else "")


def _comparator_rates(row: DfEComparator | None) -> tuple[Rate | None, Rate | None]:
    if row is None:
        return None, None
    ex = (
        Rate(row.no_exc_20week_ehc, row.tot_no_exc_ehc)
        if row.no_exc_20week_ehc is not None and row.tot_no_exc_ehc is not None
        else None
    )
    inc = (
        Rate(row.inc_exc_20week_ehc, row.tot_inc_exc_ehc)
        if row.inc_exc_20week_ehc is not None and row.tot_inc_exc_ehc is not None
        else None
    )
    return ex, inc


def comparisons(partnership: Partnership, measures: Measures) -> list[Comparison]:
    """The partnership's 20-week rates beside England's, its region's and its own published ones."""
    area = StatutoryArea.objects.filter(partnership=partnership).first()
    rows = list(DfEComparator.objects.filter(time_period=measures.year))
    national = next((r for r in rows if r.geographic_level == "National"), None)
    result = [
        Comparison(
            f"{partnership.name} (sendtrack records)",
            measures.total.new_plans_ex,
            measures.total.new_plans_inc,
        )
    ]
    if area and area.la_code:
        published = next(
            (
                r
                for r in rows
                if r.geographic_level == "Local authority" and r.new_la_code == area.la_code
            ),
            None,
        )
        if published:
            result.append(_compared(f"{published.la_name} (published by DfE)", published))
    if area and area.region_name:
        region = next(
            (
                r
                for r in rows
                if r.geographic_level == "Regional" and r.region_name == area.region_name
            ),
            None,
        )
        result.append(_compared(area.region_name, region))
    result.append(_compared("England", national))
    return result


def comparator_years() -> list[int]:
    return list(
        DfEComparator.objects.order_by("-time_period")
        .values_list("time_period", flat=True)
        .distinct()
    )
