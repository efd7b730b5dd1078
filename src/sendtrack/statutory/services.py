"""Every change a user makes to statutory records: one function each, one transaction,
audited through the record's history, and refused when someone else saved first.

The stale-edit check and the "what changed" list are the ones plans use
(sendtrack.plans.services), so both parts of the system behave the same way.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Partnership, User
from sendtrack.core import private_files
from sendtrack.core.editing import StaleEdit, audited_save, lock
from sendtrack.domain.statutory import (
    ExceptionReason,
    TransferType,
    annual_review_due,
    phase_transfer_deadline,
)

from .models import (
    AnnualReview,
    AssessDecision,
    AssessmentOutcome,
    Child,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    PlanStatus,
    Requester,
    ReviewDecision,
    Setting,
    TimeLimitException,
    TransferStatus,
)

__all__ = [
    "InvalidChange",
    "StaleEdit",
    "add_phase_transfer",
    "add_time_limit_exception",
    "cease_plan",
    "finalise_phase_transfer",
    "record_assessment_outcome",
    "record_assessment_request",
    "record_decision_to_assess",
    "record_draft_plan_issued",
    "record_evidence_received",
    "record_final_plan_issued",
    "record_review_decision",
    "record_review_meeting",
    "submit_review_paperwork",
]


class InvalidChange(ValueError):
    """The change breaks a rule; the message says which, in words for the user."""


CASE_UNLISTED = "Something was added to this case after you opened the page."


def _lock(queryset: Any, pk: int, expected_version: int) -> Any:
    return lock(queryset, pk, expected_version, unlisted=CASE_UNLISTED)


@contextmanager
def _changing(records: Any, pk: int, expected_version: int, user: User | None) -> Iterator[Any]:
    """The shape of every change: lock the record and refuse a stale edit (`_lock`), let the
    caller check its rules and change it, then save it audited (`audited_save`). A broken
    rule (InvalidChange) raised inside leaves the record unsaved."""
    record = _lock(records, pk, expected_version)
    yield record
    audited_save(record, user)


def _not_future(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise InvalidChange(f"The date {what} must be today or in the past")


def _setting(partnership: Partnership, setting_id: int | None) -> Setting | None:
    if setting_id is None:
        return None
    try:
        return Setting.objects.get(partnership=partnership, pk=setting_id)
    except Setting.DoesNotExist as missing:
        raise InvalidChange("Select a school or college from the list") from missing


def _check_review_open(review: AnnualReview) -> None:
    """A ceased plan's reviews are closed to change."""
    if review.plan.status == PlanStatus.CEASED:
        raise InvalidChange("This plan has ceased, so its reviews cannot be changed")


@transaction.atomic
def record_decision_to_assess(
    *,
    partnership: Partnership,
    assessment_id: int,
    user: User | None,
    expected_version: int,
    decision: str,
    decided_on: date,
    refusal_reason: str = "",
) -> EHCNeedsAssessment:
    """Record the decision whether to assess (reg 5). A refusal closes the request."""
    assessments = EHCNeedsAssessment.objects.filter(partnership=partnership)
    with _changing(assessments, assessment_id, expected_version, user) as assessment:
        decision = AssessDecision(decision)
        if assessment.outcome:
            raise InvalidChange("This request is closed, so the decision cannot be changed")
        if decided_on < assessment.request_received:
            raise InvalidChange("The decision date must be on or after the date of the request")
        if decided_on > timezone.localdate():
            raise InvalidChange("The decision date must be today or in the past")
        refusal_reason = refusal_reason.strip()
        if decision is AssessDecision.NOT_ASSESS and not refusal_reason:
            raise InvalidChange("Enter the reason for deciding not to assess")
        assessment.decision = decision.value
        assessment.decision_date = decided_on
        assessment.refusal_reason = refusal_reason if decision is AssessDecision.NOT_ASSESS else ""
        if decision is AssessDecision.NOT_ASSESS:
            assessment.outcome = AssessmentOutcome.NOT_ASSESSED
            assessment.outcome_date = decided_on
    return assessment


@transaction.atomic
def add_time_limit_exception(
    *,
    partnership: Partnership,
    assessment_id: int,
    user: User | None,
    expected_version: int,
    reason: str,
    start: date,
    end: date | None = None,
    note: str = "",
) -> TimeLimitException:
    """Record why a time limit was impractical (reg 10(4)); the assessment's version moves.

    A closure or absence (reg 10(4)(a), (b), (d)) that has ended must have lasted at least
    4 weeks in a row, or it would never stop a clock: it is refused, with the reason, rather
    than stored as an exception that does not count. One still continuing (no end date) is
    accepted; the clocks count it once it has run for 4 weeks.
    """
    from sendtrack.domain import statutory as rules

    assessments = EHCNeedsAssessment.objects.filter(partnership=partnership)
    with _changing(assessments, assessment_id, expected_version, user) as assessment:
        if end is not None and end < start:
            raise InvalidChange("The end date must be on or after the start date")
        kind = ExceptionReason(reason)
        if end is not None and not rules.meets_four_week_minimum(
            rules.TimeLimitException(kind, start, end), end
        ):
            days = (end - start).days + 1
            raise InvalidChange(
                "This reason needs a closure or absence of at least 4 weeks in a row (28 days, "
                f"counting the first and last day). This one lasted {days} "
                f"day{'' if days == 1 else 's'}, so it would not stop any time limit. If it is "
                "still continuing, leave the end date blank."
            )
        exception = TimeLimitException(
            partnership=partnership,
            assessment=assessment,
            reason=kind.value,
            start=start,
            end=end,
            note=note.strip(),
        )
        audited_save(exception, user)
    return exception


@transaction.atomic
def submit_review_paperwork(
    *,
    reviews: Any,
    review_id: int,
    user: User | None,
    expected_version: int,
    meeting_date: date | None = None,
    upload: UploadedFile | None = None,
) -> AnnualReview:
    """A SENCO records the review meeting date and/or uploads the review paperwork.

    `reviews` is the queryset the caller may change (for a SENCO: their setting's reviews),
    so a review outside it is not found. The council sees the receipt date at once.
    """
    with _changing(reviews, review_id, expected_version, user) as review:
        if meeting_date is None and upload is None:
            raise InvalidChange("Enter the meeting date or choose a file to upload")
        today = timezone.localdate()
        if meeting_date is not None:
            if meeting_date > today:
                raise InvalidChange("The meeting date must be today or in the past")
            if meeting_date < review.counted_from:
                raise InvalidChange(
                    "The meeting date must be after the plan was issued or last reviewed"
                )
            review.meeting_date = meeting_date
        if upload is not None:
            review.paperwork_content_type = private_files.check_upload(upload)
            private_files.replace_file(review.paperwork, upload)
            review.paperwork_received = today
    return review


def _check_issuing(assessment: EHCNeedsAssessment) -> None:
    """A plan (draft or final) is issued only for an open request the LA decided to assess."""
    if assessment.outcome:
        raise InvalidChange("This request is closed, so no plan can be issued for it")
    if assessment.decision != AssessDecision.ASSESS:
        raise InvalidChange("Record the decision to assess before recording a plan")


@transaction.atomic
def record_draft_plan_issued(
    *,
    partnership: Partnership,
    assessment_id: int,
    user: User | None,
    expected_version: int,
    issued_on: date,
) -> EHCNeedsAssessment:
    """The draft plan was served (reg 13(1)): the family has 15 days to comment."""
    assessments = EHCNeedsAssessment.objects.filter(partnership=partnership)
    with _changing(assessments, assessment_id, expected_version, user) as assessment:
        _check_issuing(assessment)
        if assessment.decision_date and issued_on < assessment.decision_date:
            raise InvalidChange("The draft plan date must be on or after the decision to assess")
        _not_future(issued_on, "the draft plan was issued")
        assessment.draft_issued = issued_on
    return assessment


@transaction.atomic
def record_final_plan_issued(
    *,
    partnership: Partnership,
    assessment_id: int,
    user: User | None,
    expected_version: int,
    issued_on: date,
    named_setting_id: int | None = None,
) -> EHCPlan:
    """The final plan was issued (reg 13(2)): close the request and create the EHC plan.

    The plan's first annual review falls due 12 months after issue (6 months for a child
    under 5 on that date), by sendtrack.domain.statutory.annual_review_due.
    """
    assessments = EHCNeedsAssessment.objects.filter(partnership=partnership)
    with _changing(assessments, assessment_id, expected_version, user) as assessment:
        _check_issuing(assessment)
        if assessment.draft_issued is None:
            raise InvalidChange("Record the date the draft plan was issued first")
        if issued_on < assessment.draft_issued:
            raise InvalidChange("The final plan date must be on or after the draft plan date")
        _not_future(issued_on, "the final plan was issued")
        if EHCPlan.objects.filter(assessment=assessment).exists():
            raise InvalidChange("A plan has already been recorded for this request")
        assessment.final_issued = issued_on
        assessment.outcome = AssessmentOutcome.PLAN_ISSUED
        assessment.outcome_date = issued_on
    child = assessment.child
    plan = EHCPlan(
        partnership=partnership,
        child=child,
        assessment=assessment,
        issued=issued_on,
        named_setting=_setting(partnership, named_setting_id),
    )
    audited_save(plan, user)
    review = AnnualReview(
        partnership=partnership,
        plan=plan,
        counted_from=issued_on,
        due=annual_review_due(issued_on, None, child.date_of_birth),
    )
    audited_save(review, user)
    return plan


@transaction.atomic
def record_review_decision(
    *,
    partnership: Partnership,
    review_id: int,
    user: User | None,
    expected_version: int,
    decision: str,
    notified_on: date,
    amendment_issued: date | None = None,
) -> AnnualReview:
    """The LA's decision after a review meeting (maintain, amend or cease) and when it told
    the family; for an amended plan, when the amended plan was issued.

    Maintaining or amending the plan opens its next review, due 12 months from this
    meeting (6 for a child under 5), unless a later review is already recorded.
    """
    reviews = AnnualReview.objects.filter(partnership=partnership).select_related("plan__child")
    with _changing(reviews, review_id, expected_version, user) as review:
        decision = ReviewDecision(decision)
        _check_review_open(review)
        if review.meeting_date is None:
            raise InvalidChange("Record the date of the review meeting first")
        if notified_on < review.meeting_date:
            raise InvalidChange("The date the family was told must be on or after the meeting")
        _not_future(notified_on, "the family was told")
        if amendment_issued is not None:
            if decision is not ReviewDecision.AMEND:
                raise InvalidChange("Enter an amended plan date only when the plan is amended")
            if amendment_issued < notified_on:
                raise InvalidChange("The amended plan date must be on or after the decision")
            _not_future(amendment_issued, "the amended plan was issued")
        review.decision = decision.value
        review.decision_notified = notified_on
        review.amendment_issued = amendment_issued
    plan = review.plan
    if (
        decision is not ReviewDecision.CEASE
        and plan.status == PlanStatus.ACTIVE
        and not plan.reviews.filter(counted_from__gte=review.meeting_date)
        .exclude(pk=review.pk)
        .exists()
    ):
        following = AnnualReview(
            partnership=partnership,
            plan=plan,
            counted_from=review.meeting_date,
            due=annual_review_due(plan.issued, review.meeting_date, plan.child.date_of_birth),
        )
        audited_save(following, user)
    return review


@transaction.atomic
def finalise_phase_transfer(
    *,
    partnership: Partnership,
    transfer_id: int,
    user: User | None,
    expected_version: int,
    named_setting_id: int,
    finalised_on: date,
) -> PhaseTransfer:
    """The plan was amended to name the new setting (reg 18); the plan names it too."""
    transfers = PhaseTransfer.objects.filter(partnership=partnership).select_related("plan")
    with _changing(transfers, transfer_id, expected_version, user) as transfer:
        if transfer.status == TransferStatus.FINALISED:
            raise InvalidChange("This phase transfer is already finalised")
        setting = _setting(partnership, named_setting_id)
        _not_future(finalised_on, "the amended plan was finalised")
        if finalised_on < transfer.plan.issued:
            raise InvalidChange("The date finalised must be on or after the plan was issued")
        transfer.named_setting = setting
        transfer.finalised_date = finalised_on
        transfer.status = TransferStatus.FINALISED
    plan = EHCPlan.objects.select_for_update().get(pk=transfer.plan_id)
    plan.named_setting = setting
    audited_save(plan, user)
    return transfer


@transaction.atomic
def cease_plan(
    *,
    partnership: Partnership,
    plan_id: int,
    user: User | None,
    expected_version: int,
    ceased_on: date,
    reason: str,
) -> EHCPlan:
    """Cease to maintain a plan (s45), with the reason. Its open reviews leave the worklists."""
    plans = EHCPlan.objects.filter(partnership=partnership)
    with _changing(plans, plan_id, expected_version, user) as plan:
        if plan.status == PlanStatus.CEASED:
            raise InvalidChange("This plan has already ceased")
        reason = reason.strip()
        if not reason:
            raise InvalidChange("Enter the reason the plan ceased")
        if ceased_on < plan.issued:
            raise InvalidChange("The date the plan ceased must be on or after it was issued")
        _not_future(ceased_on, "the plan ceased")
        plan.status = PlanStatus.CEASED
        plan.ceased_date = ceased_on
        plan.ceased_reason = reason[:300]
    return plan


# --------------------------------------------------------------------------------------------
# Council-side recording: review meetings, closing a request without a plan, evidence,
# new requests and phase transfers.
# --------------------------------------------------------------------------------------------

CLOSING_OUTCOMES = (AssessmentOutcome.NOT_ISSUED, AssessmentOutcome.WITHDRAWN)


@transaction.atomic
def record_review_meeting(
    *,
    partnership: Partnership,
    review_id: int,
    user: User | None,
    expected_version: int,
    meeting_date: date,
) -> AnnualReview:
    """An officer records the date of the review meeting (a SENCO can in the portal too),
    so the decision after the review can then be recorded."""
    reviews = AnnualReview.objects.filter(partnership=partnership).select_related("plan")
    with _changing(reviews, review_id, expected_version, user) as review:
        _check_review_open(review)
        if review.decision_notified is not None:
            raise InvalidChange(
                "The decision after this review is recorded, so the meeting date cannot be changed"
            )
        _not_future(meeting_date, "of the meeting")
        if meeting_date < review.counted_from:
            raise InvalidChange(
                "The meeting date must be after the plan was issued or last reviewed"
            )
        review.meeting_date = meeting_date
    return review


@transaction.atomic
def record_assessment_outcome(
    *,
    partnership: Partnership,
    assessment_id: int,
    user: User | None,
    expected_version: int,
    outcome: str,
    outcome_on: date,
) -> EHCNeedsAssessment:
    """Close a request without a plan: the LA decided not to issue one (reg 10) or the
    request was withdrawn. It leaves the worklists and its clocks stop."""
    assessments = EHCNeedsAssessment.objects.filter(partnership=partnership)
    with _changing(assessments, assessment_id, expected_version, user) as assessment:
        outcome = AssessmentOutcome(outcome)
        if outcome not in CLOSING_OUTCOMES:
            raise InvalidChange("Select decided not to issue a plan or request withdrawn")
        if assessment.outcome:
            raise InvalidChange("This request is already closed")
        if outcome is AssessmentOutcome.NOT_ISSUED:
            if assessment.decision != AssessDecision.ASSESS:
                raise InvalidChange(
                    "Record the decision to assess before deciding not to issue a plan"
                )
            if assessment.draft_issued is not None:
                raise InvalidChange(
                    "A draft plan has been issued, so record the final plan or a withdrawal"
                )
        latest = assessment.decision_date or assessment.request_received
        if outcome_on < latest:
            raise InvalidChange(
                "The date must be on or after the request and the decision whether to assess"
            )
        _not_future(outcome_on, "of the outcome")
        assessment.outcome = outcome.value
        assessment.outcome_date = outcome_on
    return assessment


@transaction.atomic
def record_evidence_received(
    *,
    partnership: Partnership,
    assessment_id: int,
    user: User | None,
    expected_version: int,
    received_on: date,
) -> EHCNeedsAssessment:
    """The date the advice and information for the assessment was all received (reg 6)."""
    assessments = EHCNeedsAssessment.objects.filter(partnership=partnership)
    with _changing(assessments, assessment_id, expected_version, user) as assessment:
        if assessment.outcome:
            raise InvalidChange("This request is closed, so its evidence date cannot be changed")
        if assessment.decision != AssessDecision.ASSESS:
            raise InvalidChange("Record the decision to assess before the evidence received")
        if assessment.decision_date and received_on < assessment.decision_date:
            raise InvalidChange("The evidence date must be on or after the decision to assess")
        _not_future(received_on, "the evidence was received")
        assessment.evidence_received = received_on
    return assessment


@transaction.atomic
def record_assessment_request(
    *,
    partnership: Partnership,
    child_id: int,
    user: User | None,
    expected_version: int,
    request_received: date,
    requested_by: str,
) -> EHCNeedsAssessment:
    """A new request for an EHC needs assessment for a child already on the system.

    The child's version moves, so a second submission of the same form is refused. The
    request goes to the child's casework officer and onto the awaiting-decision worklist.
    """
    children = Child.objects.filter(partnership=partnership)
    with _changing(children, child_id, expected_version, user) as child:
        requester = Requester(requested_by)
        _not_future(request_received, "the request was received")
        if child.assessments.filter(outcome="").exists():
            raise InvalidChange("This child already has an open request; close it first")
        assessment = EHCNeedsAssessment(
            partnership=partnership,
            child=child,
            request_received=request_received,
            requested_by=requester.value,
            assigned_officer_id=child.officer_id,
        )
        audited_save(assessment, user)
    return assessment


@transaction.atomic
def add_phase_transfer(
    *,
    partnership: Partnership,
    plan_id: int,
    user: User | None,
    expected_version: int,
    transfer_type: str,
    transfer_date: date,
    named_setting_id: int | None = None,
    local_deadline: date | None = None,
) -> PhaseTransfer:
    """A coming move between phases (reg 18); the plan's version moves.

    The deadline is the regulation's (domain.statutory.phase_transfer_deadline). When the
    transfer is on or before that date (say, a January start), the rule gives none and the
    caller must give the deadline agreed locally, before the transfer.
    """
    plans = EHCPlan.objects.filter(partnership=partnership)
    with _changing(plans, plan_id, expected_version, user) as plan:
        if plan.status == PlanStatus.CEASED:
            raise InvalidChange("This plan has ceased, so no phase transfer can be added")
        kind = TransferType(transfer_type)
        if transfer_date <= plan.issued:
            raise InvalidChange("The transfer date must be after the plan was issued")
        try:
            deadline = phase_transfer_deadline(kind, transfer_date)
        except ValueError:
            if local_deadline is None:
                raise InvalidChange(
                    "The transfer is on or before the date the Regulations set, so enter the "
                    "deadline agreed locally"
                ) from None
            if local_deadline >= transfer_date:
                raise InvalidChange("The local deadline must be before the transfer date") from None
            deadline = local_deadline
        else:
            if local_deadline is not None:
                raise InvalidChange(
                    f"The Regulations set the deadline ({deadline:%-d %B %Y}), so leave the "
                    "local deadline empty"
                )
        if plan.transfers.filter(transfer_type=kind.value, transfer_date=transfer_date).exists():
            raise InvalidChange("This phase transfer is already recorded")
        transfer = PhaseTransfer(
            partnership=partnership,
            plan=plan,
            transfer_type=kind.value,
            transfer_date=transfer_date,
            deadline=deadline,
            named_setting=_setting(partnership, named_setting_id),
        )
        audited_save(transfer, user)
    return transfer
