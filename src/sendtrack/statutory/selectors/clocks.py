"""The statutory clocks of one case as its pages show them, and how soon "due soon" is.

Deadlines and statuses are not stored: they are worked out each time a page is shown, by the
rules in sendtrack.domain.statutory, so they never go stale.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sendtrack.domain.statutory import (
    Clock,
    ClockStatus,
    TimeLimitException,
    assessment_clocks,
    clock_status,
)
from sendtrack.domain.statutory import ExceptionReason as DomainReason

from ..models import AssessDecision, AssessmentOutcome, EHCNeedsAssessment
from ..models import TimeLimitException as ExceptionRow

DUE_SOON_DAYS = 14
TRANSFER_DUE_SOON_DAYS = 28


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
