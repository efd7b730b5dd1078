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
from sendtrack.domain.statutory import ExceptionReason
from sendtrack.plans.services import StaleEdit, changes_since

from .models import (
    AnnualReview,
    AssessDecision,
    AssessmentOutcome,
    EHCNeedsAssessment,
    TimeLimitException,
)
from .uploads import check_upload

__all__ = [
    "InvalidChange",
    "StaleEdit",
    "add_time_limit_exception",
    "record_decision_to_assess",
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
