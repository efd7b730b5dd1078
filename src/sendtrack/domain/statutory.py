"""Statutory SEND time limits in England: clocks, exceptions, reviews, phase transfers, SEN2 rates.

Pure Python with no Django import. Every rule cites its regulation or Code of Practice
paragraph; the plain-English version for casework officers is ``docs/statutory.md``.
"SEND Regs" means the Special Educational Needs and Disability Regulations 2014
(SI 2014/1530).

Counting convention (domain.md section 0)
-----------------------------------------
Time limits are in calendar weeks and ``due = start + 7 * N days``, so the
deadline falls on the same weekday as the start (3 Mar 2025, a Monday, plus 6
weeks is Monday 14 Apr 2025). Weekends, bank holidays and school holidays make
no difference. Some services count the day of receipt as day 1 *and* finish a
day earlier (``start + 7 * N - 1``); which reading DfE uses is unconfirmed, so
this module uses the later date everywhere.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from math import floor

__all__ = [
    "AMENDED_PLAN_AFTER_PROPOSALS_WEEKS",
    "AMENDED_PLAN_AFTER_REVIEW_WEEKS",
    "DECISION_TO_ASSESS_WEEKS",
    "EXCEPTION_COVERAGE",
    "FINAL_PLAN_WEEKS",
    "FOUR_WEEKS",
    "NO_PLAN_DECISION_WEEKS",
    "REASSESSMENT_PLAN_WEEKS",
    "REVIEW_DECISION_WEEKS",
    "AssessmentClocks",
    "AssessmentDecisionCase",
    "Clock",
    "ClockStatus",
    "ExceptionReason",
    "NewPlanCase",
    "Rate",
    "ReviewCase",
    "SchoolTerm",
    "TimeLimitException",
    "TransferCase",
    "TransferType",
    "add_months",
    "amended_plan_due_after_proposals",
    "amended_plan_due_after_review",
    "amendment_response_due",
    "annual_review_due",
    "applicable_exceptions",
    "assessment_clocks",
    "clock_status",
    "decisions_within_6_weeks",
    "draft_comments_due",
    "issued_within_20_weeks_excluding_exceptions",
    "issued_within_20_weeks_including_exceptions",
    "meets_four_week_minimum",
    "next_school_term",
    "phase_transfer_deadline",
    "reassessment_plan_due",
    "review_advice_due",
    "review_decision_due",
    "review_in_measure",
    "review_interval_months",
    "review_notice_due",
    "review_report_due",
    "reviews_within_12_months",
    "transfer_in_measure",
    "transfers_by_deadline",
    "weeks_after",
]

# --------------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------------

DECISION_TO_ASSESS_WEEKS = 6  # SEND Regs reg 5(1)
NO_PLAN_DECISION_WEEKS = 16  # reg 10(1)
FINAL_PLAN_WEEKS = 20  # reg 13(2)
REASSESSMENT_PLAN_WEEKS = 14  # reg 27(2)
REVIEW_DECISION_WEEKS = 4  # regs 20/21: maintain, amend or cease notice after a review meeting
AMENDED_PLAN_AFTER_PROPOSALS_WEEKS = 8  # reg 22(3)
AMENDED_PLAN_AFTER_REVIEW_WEEKS = 12  # R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)
REVIEW_NOTICE_WEEKS = 2  # reg 20(3) / 21(3): at least two weeks' notice of the meeting
REVIEW_REPORT_WEEKS = 2  # regs 20/21 (21(7)): report within two weeks of the meeting
COMMENT_PERIOD_DAYS = 15  # reg 13(1), reg 22(2)(c): "at least 15 days, beginning with" service
FOUR_WEEKS = timedelta(weeks=4)  # closures and absences in reg 10(4)(a), (b), (d)


def weeks_after(start: date, weeks: int) -> date:
    """Return the date ``weeks`` calendar weeks after ``start`` (``start + 7 * weeks`` days).

    This is the deadline for a limit of "N weeks from" an event on ``start``
    (domain.md section 0). ``weeks`` must not be negative.
    """
    if weeks < 0:
        raise ValueError(f"weeks must not be negative, got {weeks}")
    return start + timedelta(weeks=weeks)


def add_months(start: date, months: int) -> date:
    """Return the same day of the month ``months`` months later (or earlier if negative).

    If that month is too short the date is clamped to its last day, so
    31 Aug + 6 months = 28 Feb (29 Feb in a leap year) and 29 Feb 2024 + 12 months
    = 28 Feb 2025. Clamping always moves a deadline earlier, never later.
    """
    index = start.month - 1 + months
    year, month0 = divmod(index, 12)
    year += start.year
    month = month0 + 1
    if not date.min.year <= year <= date.max.year:
        raise ValueError(f"{start} + {months} months is outside the supported date range")
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


# --------------------------------------------------------------------------------------------
# EHC needs assessment clocks
# --------------------------------------------------------------------------------------------


class Clock(StrEnum):
    """Each statutory clock this module knows about. Values are stable storage codes."""

    DECISION_TO_ASSESS = "decision_to_assess"  # 6 weeks, reg 5(1)
    NO_PLAN_DECISION = "no_plan_decision"  # 16 weeks, reg 10(1)
    FINAL_PLAN = "final_plan"  # 20 weeks, reg 13(2)
    DRAFT_COMMENTS = "draft_comments"  # >= 15 days, reg 13(1); the family's window
    REASSESSMENT_PLAN = "reassessment_plan"  # 14 weeks, reg 27(2)
    ANNUAL_REVIEW = "annual_review"  # 12 months from issue / last review (domain.md 2)
    REVIEW_DECISION = "review_decision"  # 4 weeks after the meeting, regs 20/21
    REVIEW_AMENDED_PLAN = "review_amended_plan"  # 12 weeks after the meeting (Devon)
    PHASE_TRANSFER = "phase_transfer"  # reg 18


@dataclass(frozen=True, slots=True)
class AssessmentClocks:
    """Deadlines that run from the date the LA received an EHC needs assessment request.

    All three run from the same date (reg 5(1)(a), 10(1), 13(2)): the 16- and
    20-week limits are *not* counted from the decision to assess.
    """

    request_received: date
    decision_to_assess_due: date  # 6 weeks, reg 5(1)
    no_plan_decision_due: date  # 16 weeks, reg 10(1)
    final_plan_due: date  # 20 weeks, reg 13(2)

    def deadline(self, clock: Clock) -> date:
        """Return the deadline for one of the three request-based clocks."""
        if clock is Clock.DECISION_TO_ASSESS:
            return self.decision_to_assess_due
        if clock is Clock.NO_PLAN_DECISION:
            return self.no_plan_decision_due
        if clock is Clock.FINAL_PLAN:
            return self.final_plan_due
        raise ValueError(f"{clock} does not run from the request date")


def assessment_clocks(request_received: date) -> AssessmentClocks:
    """Return the 6-, 16- and 20-week deadlines for a request received on ``request_received``.

    Also use this where the LA became responsible for the child (reg 5(1)(b)):
    pass that date as ``request_received``.

    >>> assessment_clocks(date(2025, 3, 3)).final_plan_due
    datetime.date(2025, 7, 21)
    """
    return AssessmentClocks(
        request_received=request_received,
        decision_to_assess_due=weeks_after(request_received, DECISION_TO_ASSESS_WEEKS),
        no_plan_decision_due=weeks_after(request_received, NO_PLAN_DECISION_WEEKS),
        final_plan_due=weeks_after(request_received, FINAL_PLAN_WEEKS),
    )


def draft_comments_due(served: date) -> date:
    """Last day of the family's "at least 15 days beginning with the day served" (reg 13(1)).

    The day of service is day 1, so the 15th day is ``served + 14``. The final
    plan must not be issued before the day after this.
    """
    return served + timedelta(days=COMMENT_PERIOD_DAYS - 1)


def reassessment_plan_due(reassessment_start: date) -> date:
    """Amended or replacement plan after a re-assessment: 14 weeks (reg 27(2)).

    Per reg 27(2) the 14 weeks run from the LA's notification under reg 25(1) or
    its decision that a re-assessment is necessary (s44(3)); pass that date.
    """
    return weeks_after(reassessment_start, REASSESSMENT_PLAN_WEEKS)


# --------------------------------------------------------------------------------------------
# Exceptions, reg 10(4)(a)-(d), reg 5(4), reg 13(3), reg 27(3)
# --------------------------------------------------------------------------------------------


class ExceptionReason(StrEnum):
    """Why a time limit was impractical (reg 10(4)(a)-(d)). Values are stable storage codes."""

    SCHOOL_CLOSURE = "school_closure"  # (a) school/post-16 closed >= 4 continuous weeks
    EARLY_YEARS_CLOSURE = "early_years_closure"  # (b) early years provider closed >= 4 weeks
    EXCEPTIONAL_PERSONAL_CIRCUMSTANCES = "exceptional_personal_circumstances"  # (c)
    ABSENCE_FROM_AREA = "absence_from_area"  # (d) absent from the LA area >= 4 weeks

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]

    @property
    def needs_four_weeks(self) -> bool:
        """True where the regulation requires a continuous period of at least 4 weeks."""
        return self is not ExceptionReason.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES


_REASON_LABELS: Mapping[ExceptionReason, str] = {
    ExceptionReason.SCHOOL_CLOSURE: "School or post-16 institution closed for 4 weeks or more",
    ExceptionReason.EARLY_YEARS_CLOSURE: "Early years provider closed for 4 weeks or more",
    ExceptionReason.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES: "Exceptional personal circumstances",
    ExceptionReason.ABSENCE_FROM_AREA: "Absent from the local authority area for 4 weeks or more",
}

_ALL_REASONS = frozenset(ExceptionReason)

#: Which exception reasons disapply which clock. Clocks not listed have no exceptions.
#: - 6 weeks: reg 5(4). domain.md: mirrors reg 10(4), limbs (b)-(d) unconfirmed.
#: - 16 weeks: reg 10(4). 20 weeks: reg 13(3) applies reg 10(4).
#: - 14 weeks after re-assessment: reg 27(3) repeats (a)-(d) (text of reg 27, source S4).
EXCEPTION_COVERAGE: Mapping[Clock, frozenset[ExceptionReason]] = {
    Clock.DECISION_TO_ASSESS: _ALL_REASONS,
    Clock.NO_PLAN_DECISION: _ALL_REASONS,
    Clock.FINAL_PLAN: _ALL_REASONS,
    Clock.REASSESSMENT_PLAN: _ALL_REASONS,
}


@dataclass(frozen=True, slots=True)
class TimeLimitException:
    """A recorded reason why a time limit could not be met, with the dates it applied.

    ``start``/``end`` are the dates the circumstance applied (closure dates, the
    period of absence, the period of the personal circumstances); ``end`` is
    ``None`` while it is still continuing. Families must be told when an
    exception is relied on (domain.md section 1).
    """

    reason: ExceptionReason
    start: date
    end: date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.reason, ExceptionReason):
            raise TypeError(f"reason must be an ExceptionReason, got {self.reason!r}")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"exception ends ({self.end}) before it starts ({self.start})")


def meets_four_week_minimum(exception: TimeLimitException, today: date) -> bool:
    """Whether the recorded period is long enough for its limb of reg 10(4).

    Closures (a)/(b) and absence (d) need a continuous period of at least 4 weeks
    (28 days counting both the first and last day); an open-ended period is
    measured to ``today``. Exceptional personal circumstances (c) have no minimum.
    :func:`applicable_exceptions` (so :func:`clock_status`) applies it: a shorter
    closure or absence never disapplies a time limit.
    """
    if not exception.reason.needs_four_weeks:
        return True
    last = exception.end if exception.end is not None else today
    return last - exception.start + timedelta(days=1) >= FOUR_WEEKS


def applicable_exceptions(
    exceptions: Iterable[TimeLimitException],
    *,
    deadline: date,
    met_on: date | None,
    today: date,
    clock: Clock | None = None,
    clock_start: date | None = None,
) -> tuple[TimeLimitException, ...]:
    """Return the exceptions that disapply the time limit ending on ``deadline``.

    An exception applies when it started on or before the deadline, before the
    step was met (or, for an open step, on or before ``today``: a planned future
    absence does not yet apply), and it is long enough for its limb
    (:func:`meets_four_week_minimum`: closures and absence need 4 continuous weeks,
    an open-ended one measured to ``today``). If ``clock`` is given, only reasons
    listed in :data:`EXCEPTION_COVERAGE` for that clock count; if ``clock_start`` is
    given, exceptions that had already ended before the clock started are ignored.
    """
    cutoff = min(deadline, today if met_on is None else met_on - timedelta(days=1))
    covered = _ALL_REASONS if clock is None else EXCEPTION_COVERAGE.get(clock, frozenset())
    return tuple(
        exc
        for exc in exceptions
        if exc.reason in covered
        and exc.start <= cutoff
        and not (clock_start is not None and exc.end is not None and exc.end < clock_start)
        and meets_four_week_minimum(exc, today)
    )


# --------------------------------------------------------------------------------------------
# Clock status
# --------------------------------------------------------------------------------------------


class ClockStatus(StrEnum):
    """Where a clock stands. Values are stable storage codes; use ``label`` for display."""

    NOT_DUE = "not_due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"
    EXCEPTION = "exception"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_late(self) -> bool:
        return self in (ClockStatus.OVERDUE, ClockStatus.MET_LATE)


_STATUS_LABELS: Mapping[ClockStatus, str] = {
    ClockStatus.NOT_DUE: "On time",
    ClockStatus.DUE_SOON: "Due soon",
    ClockStatus.OVERDUE: "Overdue",
    ClockStatus.MET_ON_TIME: "Met on time",
    ClockStatus.MET_LATE: "Met late",
    ClockStatus.EXCEPTION: "Exception applies (time limit disapplied)",
}


def clock_status(
    deadline: date,
    met_on: date | None,
    today: date,
    exceptions: Sequence[TimeLimitException] = (),
    due_soon_days: int = 14,
    *,
    clock: Clock | None = None,
    clock_start: date | None = None,
) -> ClockStatus:
    """Return the status of one clock on ``today``.

    Order of the rules:

    1. Met on or before the deadline -> ``MET_ON_TIME`` (the deadline day itself
       counts as on time), whether or not an exception was recorded.
    2. Otherwise, an applicable exception (see :func:`applicable_exceptions`)
       -> ``EXCEPTION``: the limit is disapplied and the case is never late.
    3. Met after the deadline -> ``MET_LATE``.
    4. Open: past the deadline -> ``OVERDUE``; deadline within ``due_soon_days``
       (including today) -> ``DUE_SOON``; otherwise ``NOT_DUE``.

    Pass ``clock`` to ignore exception reasons that do not cover that clock; without
    it every exception passed in is treated as covering this clock.
    """
    if due_soon_days < 0:
        raise ValueError(f"due_soon_days must not be negative, got {due_soon_days}")
    if met_on is not None and met_on <= deadline:
        return ClockStatus.MET_ON_TIME
    if applicable_exceptions(
        exceptions,
        deadline=deadline,
        met_on=met_on,
        today=today,
        clock=clock,
        clock_start=clock_start,
    ):
        return ClockStatus.EXCEPTION
    if met_on is not None:
        return ClockStatus.MET_LATE
    days_left = (deadline - today).days
    if days_left < 0:
        return ClockStatus.OVERDUE
    if days_left <= due_soon_days:
        return ClockStatus.DUE_SOON
    return ClockStatus.NOT_DUE


# --------------------------------------------------------------------------------------------
# Annual reviews (s44 CFA 2014; regs 20-22; CoP 9.178)
# --------------------------------------------------------------------------------------------

UNDER_FIVE_REVIEW_MONTHS = 6  # CoP 9.178: "every 3 to 6 months"; we use the upper bound
ANNUAL_REVIEW_MONTHS = 12


def _age_in_years(birth_date: date, on: date) -> int:
    """Completed years. A 29 Feb birthday falls on 1 Mar in non-leap years (unconfirmed)."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


def review_interval_months(child_birth_date: date, on: date) -> int:
    """Months until the next review for a child who is ``on`` the given date.

    6 for a child under 5 (CoP 9.178 says "at least every 3 to 6 months"; this is
    guidance, and we use the upper bound so the app never shows a review as late
    earlier than the guidance allows; services wanting 3 months can set a local
    target). 12 otherwise (the statutory limit).
    """
    if on < child_birth_date:
        raise ValueError(f"date {on} is before the child's birth date {child_birth_date}")
    if _age_in_years(child_birth_date, on) < 5:
        return UNDER_FIVE_REVIEW_MONTHS
    return ANNUAL_REVIEW_MONTHS


def annual_review_due(
    plan_issued: date, last_review: date | None, child_birth_date: date | None = None
) -> date:
    """Date by which the next review meeting must be held.

    Within 12 months of the plan being issued, then within 12 months of the last
    review meeting: the same calendar date 12 months later (29 Feb -> 28 Feb in a
    non-leap year). With ``child_birth_date``, a child under 5 on the issue/last
    review date gets 6 months (see :func:`review_interval_months`).
    """
    if last_review is not None and last_review < plan_issued:
        raise ValueError(f"last review {last_review} is before the plan was issued {plan_issued}")
    base = plan_issued if last_review is None else last_review
    months = (
        ANNUAL_REVIEW_MONTHS
        if child_birth_date is None
        else review_interval_months(child_birth_date, base)
    )
    return add_months(base, months)


def review_notice_due(meeting: date) -> date:
    """Latest day to give notice of a review meeting: at least 2 weeks before (reg 20(3))."""
    return meeting - timedelta(weeks=REVIEW_NOTICE_WEEKS)


def review_advice_due(meeting: date) -> date:
    """Latest day to circulate advice and information: at least 2 weeks before (reg 20(4))."""
    return meeting - timedelta(weeks=REVIEW_NOTICE_WEEKS)


def review_report_due(meeting: date) -> date:
    """Review report: within 2 weeks after the meeting (regs 20/21)."""
    return weeks_after(meeting, REVIEW_REPORT_WEEKS)


def review_decision_due(meeting: date) -> date:
    """LA tells the family it will maintain, amend or cease: within 4 weeks (regs 20/21)."""
    return weeks_after(meeting, REVIEW_DECISION_WEEKS)


def amendment_response_due(proposals_sent: date) -> date:
    """Last day of the family's 15 days to respond to proposed amendments (reg 22(2)(c))."""
    return proposals_sent + timedelta(days=COMMENT_PERIOD_DAYS - 1)


def amended_plan_due_after_proposals(proposals_sent: date) -> date:
    """Final amended plan within 8 weeks of sending the proposed amendments (reg 22(3))."""
    return weeks_after(proposals_sent, AMENDED_PLAN_AFTER_PROPOSALS_WEEKS)


def amended_plan_due_after_review(meeting: date) -> date:
    """Final amended plan within 12 weeks of the review meeting.

    *R (L, M and P) v Devon CC* [2022] EWHC 493 (Admin): the proposals go with the
    4-week decision, then 8 weeks (reg 22(3)) -> 12 weeks from the meeting.
    """
    return weeks_after(meeting, REVIEW_DECISION_WEEKS + AMENDED_PLAN_AFTER_PROPOSALS_WEEKS)


# --------------------------------------------------------------------------------------------
# Phase transfers (reg 18; types in reg 2)
# --------------------------------------------------------------------------------------------


class TransferType(StrEnum):
    """Transfers between phases of education (reg 2), plus post-16 to post-16 (reg 18(2))."""

    EARLY_YEARS_TO_SCHOOL = "early_years_to_school"
    INFANT_TO_JUNIOR = "infant_to_junior"
    PRIMARY_TO_MIDDLE = "primary_to_middle"
    PRIMARY_TO_SECONDARY = "primary_to_secondary"
    MIDDLE_TO_SECONDARY = "middle_to_secondary"
    SECONDARY_TO_POST16 = "secondary_to_post16"
    POST16_TO_POST16 = "post16_to_post16"


POST16_TRANSFER_NOTICE_MONTHS = 5  # reg 18(2): at least five months before the transfer


def phase_transfer_deadline(transfer: TransferType, transfer_date: date) -> date:
    """Date by which the plan must be reviewed and amended to name the new setting (reg 18).

    - school transfers: 15 February of the calendar year of transfer;
    - secondary -> post-16: 31 March of that year;
    - post-16 -> post-16: 5 months before the transfer date (same day of the
      month, clamped to the month end: 31 Jul -> 28/29 Feb).

    The transfer date is normally 1 September. For a school or post-16 transfer
    dated on or before its fixed date (e.g. a January start in reception) the
    fixed date would not fall before the transfer, so this raises ``ValueError``:
    the service must set a deadline locally.
    """
    if transfer is TransferType.POST16_TO_POST16:
        return add_months(transfer_date, -POST16_TRANSFER_NOTICE_MONTHS)
    if transfer is TransferType.SECONDARY_TO_POST16:
        deadline = date(transfer_date.year, 3, 31)
    else:
        deadline = date(transfer_date.year, 2, 15)
    if transfer_date <= deadline:
        raise ValueError(
            f"transfer on {transfer_date} is not after the reg 18 date {deadline} "
            "for that calendar year; set a local deadline"
        )
    return deadline


# --------------------------------------------------------------------------------------------
# SEN2 timeliness rates (domain.md sections 1 and 5)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rate:
    """A count out of a total. Keep the counts; round only for display."""

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if not 0 <= self.numerator <= self.denominator:
            raise ValueError(
                f"need 0 <= numerator <= denominator, got {self.numerator}/{self.denominator}"
            )

    @property
    def percent(self) -> float | None:
        """Unrounded percentage, or ``None`` when there is nothing to count."""
        if self.denominator == 0:
            return None
        return 100 * self.numerator / self.denominator

    def display(self, empty: str = "no cases") -> str:
        """Percentage to 1 decimal place, halves rounded up, e.g. ``"58.7%"``."""
        if self.denominator == 0:
            return empty
        tenths = floor(Fraction(1000 * self.numerator, self.denominator) + Fraction(1, 2))
        return f"{tenths // 10}.{tenths % 10}%"

    def __add__(self, other: Rate) -> Rate:
        """Combine two rates by adding counts (never by averaging percentages)."""
        return Rate(self.numerator + other.numerator, self.denominator + other.denominator)

    def __str__(self) -> str:
        return f"{self.numerator:,}/{self.denominator:,} = {self.display()}"


@dataclass(frozen=True, slots=True)
class NewPlanCase:
    """A new EHC plan issued: request date, final plan date, whether an exception applied."""

    request_received: date
    final_issued: date
    had_exception: bool

    def __post_init__(self) -> None:
        if self.final_issued < self.request_received:
            raise ValueError("final plan issued before the request was received")

    @property
    def within_20_weeks(self) -> bool:
        return self.final_issued <= weeks_after(self.request_received, FINAL_PLAN_WEEKS)


@dataclass(frozen=True, slots=True)
class AssessmentDecisionCase:
    """A decision whether to assess: request date, decision date, whether an exception applied."""

    request_received: date
    decided: date
    had_exception: bool

    def __post_init__(self) -> None:
        if self.decided < self.request_received:
            raise ValueError("decision made before the request was received")

    @property
    def within_6_weeks(self) -> bool:
        return self.decided <= weeks_after(self.request_received, DECISION_TO_ASSESS_WEEKS)


@dataclass(frozen=True, slots=True)
class ReviewCase:
    """A review that fell due: the plan issue or previous review date, and the meeting (if held).

    Pass only reviews whose due date falls in the period being measured (and for
    which :func:`review_in_measure` holds); a review not yet held (``meeting=None``)
    counts as not within 12 months.
    """

    previous: date
    meeting: date | None

    def __post_init__(self) -> None:
        if self.meeting is not None and self.meeting < self.previous:
            raise ValueError("review meeting before the plan issue / previous review date")

    @property
    def within_12_months(self) -> bool:
        return self.meeting is not None and self.meeting <= add_months(
            self.previous, ANNUAL_REVIEW_MONTHS
        )


@dataclass(frozen=True, slots=True)
class TransferCase:
    """A phase transfer: type, transfer date, and when the amended plan was issued (if yet).

    Pass only transfers for which :func:`transfer_in_measure` holds.
    """

    transfer: TransferType
    transfer_date: date
    plan_amended: date | None

    @property
    def deadline(self) -> date:
        return phase_transfer_deadline(self.transfer, self.transfer_date)

    @property
    def by_deadline(self) -> bool:
        return self.plan_amended is not None and self.plan_amended <= self.deadline


def issued_within_20_weeks_including_exceptions(cases: Iterable[NewPlanCase]) -> Rate:
    """SEN2 ``pc_inc``: plans issued within 20 weeks / all new plans (domain.md section 1)."""
    items = list(cases)
    return Rate(sum(c.within_20_weeks for c in items), len(items))


def issued_within_20_weeks_excluding_exceptions(cases: Iterable[NewPlanCase]) -> Rate:
    """SEN2 ``pc_ex``: plans with no exception issued within 20 weeks / plans with no exception."""
    return issued_within_20_weeks_including_exceptions(c for c in cases if not c.had_exception)


def decisions_within_6_weeks(
    cases: Iterable[AssessmentDecisionCase], *, exclude_exceptions: bool = False
) -> Rate:
    """Decisions whether to assess made within 6 weeks / decisions made (reg 5(1)).

    With ``exclude_exceptions`` both counts leave out cases where an exception applied.
    """
    items = [c for c in cases if not (exclude_exceptions and c.had_exception)]
    return Rate(sum(c.within_6_weeks for c in items), len(items))


def review_in_measure(due: date, meeting: date | None, plan_ceased: date | None) -> bool:
    """Whether a review due on ``due`` belongs in the reviews measure.

    Not when its plan ceased before the review fell due and the meeting was not held:
    there was no plan left to review, so the review was never missed. A review that
    was held still counts (for example the review that led to the plan ceasing).
    """
    return meeting is not None or plan_ceased is None or plan_ceased >= due


def transfer_in_measure(deadline: date, amended: date | None, plan_ceased: date | None) -> bool:
    """Whether a phase transfer with this deadline belongs in the transfers measure.

    Not when its plan ceased before the deadline and the plan was not amended
    (finalised): there was no plan left to amend for the move.
    """
    return amended is not None or plan_ceased is None or plan_ceased >= deadline


def reviews_within_12_months(cases: Iterable[ReviewCase]) -> Rate:
    """Review meetings held within 12 months of issue / previous review, over reviews due.

    Uses the statutory 12 months for every child (not the under-5 guidance).
    """
    items = list(cases)
    return Rate(sum(c.within_12_months for c in items), len(items))


def transfers_by_deadline(cases: Iterable[TransferCase]) -> Rate:
    """Phase transfer plans amended by the reg 18 deadline / transfers due."""
    items = list(cases)
    return Rate(sum(c.by_deadline for c in items), len(items))


# --------------------------------------------------------------------------------------------
# School terms, for the termly lists sent to schools (domain.md section 9, convention)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchoolTerm:
    """A school term as a span of whole months (the convention in domain/dates/periods.py)."""

    name: str
    start: date
    end: date


def next_school_term(today: date) -> SchoolTerm:
    """The term after the one ``today`` falls in, as a review-list window.

    Convention (as in domain/dates/periods.py): spring = January-March, summer = April-July,
    autumn = September-December. For "reviews due next term" lists the windows must cover
    every day of the year, so the summer window runs to 31 August: a review due in the
    summer holiday has to be held before the school breaks up in July, so the SENCO needs it
    on the summer list (sent in March), not the autumn one (sent in July, too late to
    arrange a meeting before the holiday). The next term from any day of April-August is
    therefore the autumn term. Real term dates vary by school; this is for lists, not
    deadlines.
    """
    year = today.year
    if today.month <= 3:
        return SchoolTerm(f"Summer term {year}", date(year, 4, 1), date(year, 8, 31))
    if today.month <= 8:
        return SchoolTerm(f"Autumn term {year}", date(year, 9, 1), date(year, 12, 31))
    return SchoolTerm(f"Spring term {year + 1}", date(year + 1, 1, 1), date(year + 1, 3, 31))
