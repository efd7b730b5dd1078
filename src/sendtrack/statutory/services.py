"""Every change a user makes to statutory records: one function each, one transaction,
audited through the record's history, and refused when someone else saved first.

The stale-edit check and the "what changed" list are the ones plans use
(sendtrack.plans.services), so both parts of the system behave the same way.
"""

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Partnership, User
from sendtrack.domain.statutory import ExceptionReason, annual_review_due
from sendtrack.plans.services import StaleEdit, changes_since

from .models import (
    AnnualReview,
    AssessDecision,
    AssessmentOutcome,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    PlanStatus,
    ReviewDecision,
    Setting,
    TimeLimitException,
    TransferStatus,
)
from .uploads import check_upload

__all__ = [
    "InvalidChange",
    "StaleEdit",
    "add_time_limit_exception",
    "cease_plan",
    "finalise_phase_transfer",
    "record_decision_to_assess",
    "record_draft_plan_issued",
    "record_final_plan_issued",
    "record_review_decision",
    "submit_review_paperwork",
]


class InvalidChange(ValueError):
    """The change breaks a rule; the message says which, in words for the user."""


def _lock(queryset: Any, pk: int, expected_version: int) -> Any:
    record = queryset.select_for_update().get(pk=pk)
    if record.version != expected_version:
        raise StaleEdit(changes_since(record, expected_version))
    return record


def _audited_save(record: Any, user: User | None) -> None:
    record._history_user = user
    record.version += 1
    record.save()


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
    assessment = _lock(
        EHCNeedsAssessment.objects.filter(partnership=partnership), assessment_id, expected_version
    )
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
    _audited_save(assessment, user)
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
    """Record why a time limit was impractical (reg 10(4)); the assessment's version moves."""
    assessment = _lock(
        EHCNeedsAssessment.objects.filter(partnership=partnership), assessment_id, expected_version
    )
    if end is not None and end < start:
        raise InvalidChange("The end date must be on or after the start date")
    exception = TimeLimitException(
        partnership=partnership,
        assessment=assessment,
        reason=ExceptionReason(reason).value,
        start=start,
        end=end,
        note=note.strip(),
    )
    exception._history_user = user  # type: ignore[attr-defined]
    exception.save()
    _audited_save(assessment, user)
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
    review = _lock(reviews, review_id, expected_version)
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
        review.paperwork_content_type = check_upload(upload)
        review.paperwork.save(upload.name or "paperwork", upload, save=False)
        review.paperwork_received = today
    _audited_save(review, user)
    return review


def _issuing_assessment(partnership: Partnership, assessment_id: int, version: int) -> Any:
    assessment = _lock(
        EHCNeedsAssessment.objects.filter(partnership=partnership), assessment_id, version
    )
    if assessment.outcome:
        raise InvalidChange("This request is closed, so no plan can be issued for it")
    if assessment.decision != AssessDecision.ASSESS:
        raise InvalidChange("Record the decision to assess before recording a plan")
    return assessment


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
    assessment = _issuing_assessment(partnership, assessment_id, expected_version)
    if assessment.decision_date and issued_on < assessment.decision_date:
        raise InvalidChange("The draft plan date must be on or after the decision to assess")
    _not_future(issued_on, "the draft plan was issued")
    assessment.draft_issued = issued_on
    _audited_save(assessment, user)
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
    assessment = _issuing_assessment(partnership, assessment_id, expected_version)
    if assessment.draft_issued is None:
        raise InvalidChange("Record the date the draft plan was issued first")
    if issued_on < assessment.draft_issued:
        raise InvalidChange("The final plan date must be on or after the draft plan date")
    _not_future(issued_on, "the final plan was issued")
    if EHCPlan.objects.filter(assessment=assessment).exists():
        raise InvalidChange("A plan has already been recorded for this request")
    child = assessment.child
    assessment.final_issued = issued_on
    assessment.outcome = AssessmentOutcome.PLAN_ISSUED
    assessment.outcome_date = issued_on
    _audited_save(assessment, user)
    plan = EHCPlan(
        partnership=partnership,
        child=child,
        assessment=assessment,
        issued=issued_on,
        named_setting=_setting(partnership, named_setting_id),
    )
    plan._history_user = user  # type: ignore[attr-defined]
    plan.save()
    review = AnnualReview(
        partnership=partnership,
        plan=plan,
        counted_from=issued_on,
        due=annual_review_due(issued_on, None, child.date_of_birth),
    )
    review._history_user = user  # type: ignore[attr-defined]
    review.save()
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
    review = _lock(
        AnnualReview.objects.filter(partnership=partnership).select_related("plan__child"),
        review_id,
        expected_version,
    )
    decision = ReviewDecision(decision)
    if review.plan.status == PlanStatus.CEASED:
        raise InvalidChange("This plan has ceased, so its reviews cannot be changed")
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
    _audited_save(review, user)
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
        following._history_user = user  # type: ignore[attr-defined]
        following.save()
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
    transfer = _lock(
        PhaseTransfer.objects.filter(partnership=partnership).select_related("plan"),
        transfer_id,
        expected_version,
    )
    if transfer.status == TransferStatus.FINALISED:
        raise InvalidChange("This phase transfer is already finalised")
    setting = _setting(partnership, named_setting_id)
    _not_future(finalised_on, "the amended plan was finalised")
    if finalised_on < transfer.plan.issued:
        raise InvalidChange("The date finalised must be on or after the plan was issued")
    transfer.named_setting = setting
    transfer.finalised_date = finalised_on
    transfer.status = TransferStatus.FINALISED
    _audited_save(transfer, user)
    plan = EHCPlan.objects.select_for_update().get(pk=transfer.plan_id)
    plan.named_setting = setting
    _audited_save(plan, user)
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
    plan = _lock(EHCPlan.objects.filter(partnership=partnership), plan_id, expected_version)
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
    _audited_save(plan, user)
    return plan
