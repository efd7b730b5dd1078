"""Every change to SENDIASS records: one function each, one transaction on the `sendiass`
database, history kept by django-simple-history, and a stale save refused (`version`).

Rules broken by a request raise `RuleBroken` with a message for the user; views show it as a
form error. Nothing here logs personal data.
"""

import hashlib
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from sendtrack.core import private_files
from sendtrack.core.editing import Change, StaleEdit, lock, refuse_uneditable
from sendtrack.domain import consent as consent_rule

from .access import SendiassAccess, staff_for
from .evaluations import financial_year_of, split_answers
from .fields import encrypt_bytes
from .models import (
    ACTING_STAFF,
    CaseAccessLog,
    CaseLevel,
    CaseStatus,
    CaseTopic,
    Child,
    Complaint,
    Consent,
    Contact,
    Document,
    EvaluationInvitation,
    EvaluationKind,
    EvaluationResponse,
    EvaluationTally,
    Rag,
    ReferralRoute,
    SendiassCase,
    SendiassStaff,
    ServiceDeficit,
    ServiceUser,
    StaffRole,
    StandardAssessment,
    SteeringGroupMeeting,
    TopicKind,
    TrainingSession,
    TriageCriterion,
)
from .routers import DATABASE

EVALUATION_LINK_DAYS = 90


class RuleBroken(ValueError):
    """The request breaks a SENDIASS rule; the message says which, for the user."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)


class StaleVersion(RuleBroken):
    """Someone saved the case after it was opened: the change is refused, saying what they
    changed (core.editing reads it from the case's history)."""

    def __init__(self, changes: Iterable[Change] = ()) -> None:
        said = "; ".join(
            f"{c.label} {_shown(c.was)} → {_shown(c.now)} (by {c.by})" for c in changes
        )
        super().__init__(
            "Your change was not saved: someone else changed this case after you opened it"
            + (f" ({said})" if said else "")
            + ". Open it again and redo your change."
        )


def _shown(value: Any) -> str:
    return "(empty)" if value in (None, "", []) else str(value)


@contextmanager
def change_as(by: "SendiassAccess | SendiassStaff | None") -> Iterator[None]:
    """One transaction on the SENDIASS database whose changes the history records as `by`'s,
    inside a request or not (a command, a task). None: nobody signed in (an import, a public
    evaluation form)."""
    staff = by.staff if isinstance(by, SendiassAccess) else by
    token = ACTING_STAFF.set(staff)
    try:
        with transaction.atomic(using=DATABASE):
            yield
    finally:
        ACTING_STAFF.reset(token)


def _lock_case(case_id: int, expected_version: int | None) -> SendiassCase:
    """The case, locked (core.editing.lock); None only where no form was opened (an import,
    a closing step that follows a checked one)."""
    try:
        case: SendiassCase = lock(SendiassCase.objects.all(), case_id, expected_version)
    except StaleEdit as stale:
        raise StaleVersion(stale.changes) from None
    return case


def _check_lengths(model: Any, **values: str) -> None:
    """Text longer than its field's `max_length`. The encrypted columns are unbounded, so the
    limit the forms show is checked here too, for callers that are not forms."""
    for name, value in values.items():
        limit = model._meta.get_field(name).max_length
        if limit is not None and len(value or "") > limit:
            raise RuleBroken(f"Use {limit} characters or fewer", field=name)


def _bump(case: SendiassCase, *fields: str) -> None:
    """Save the changed fields and move the version; the history names whoever the
    surrounding `change_as` acts for."""
    case.version += 1
    case.save(update_fields=[*fields, "version"])


# --- referrals, triage and allocation ---------------------------------------------------------


def triage_priority(criteria: Iterable[TriageCriterion]) -> int:
    """A referral's priority: the sum of the weights of the criteria ticked."""
    return sum(c.weight for c in criteria)


@dataclass(frozen=True)
class ServiceUserDetails:
    kind: str
    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    heard_about: str = ""


@dataclass(frozen=True)
class ChildDetails:
    name: str
    date_of_birth: date | None = None
    school: str = ""


def record_referral(
    *,
    by: SendiassAccess | None,
    referred_on: date,
    referral_route: str,
    service_user: ServiceUserDetails | None = None,
    service_user_id: int | None = None,
    child: ChildDetails | None = None,
    exception_reason: str = "",
    channel: str = "",
    issues: Iterable[str] = (),
    themes: Iterable[str] = (),
    criterion_ids: Iterable[int] = (),
    summary: str = "",
) -> SendiassCase:
    """A new request for help, waiting in the triage queue at level 1.

    Referrals come from parents, carers and young people. Anyone else is an exception and
    needs its reason recorded.
    """
    ReferralRoute(referral_route)
    if referral_route == ReferralRoute.EXCEPTION and not exception_reason.strip():
        raise RuleBroken(
            "Say why the service is taking a referral from someone other than the parent or "
            "young person",
            field="exception_reason",
        )
    if referral_route != ReferralRoute.EXCEPTION:
        exception_reason = ""
    if (service_user is None) == (service_user_id is None):
        raise ValueError("Give either new service user details or an existing service user id")
    with change_as(by):
        if service_user is not None:
            user = ServiceUser.objects.create(
                kind=service_user.kind,
                name=service_user.name,
                email=service_user.email,
                phone=service_user.phone,
                address=service_user.address,
                heard_about=service_user.heard_about,
            )
        else:
            assert service_user_id is not None  # one or the other, checked above
            user = ServiceUser.objects.get(pk=service_user_id)
        child_row = None
        if child is not None and child.name.strip():
            child_row = Child.objects.create(
                service_user=user,
                name=child.name,
                date_of_birth=child.date_of_birth.isoformat() if child.date_of_birth else "",
                school=child.school,
            )
        criteria = list(TriageCriterion.objects.filter(pk__in=list(criterion_ids), active=True))
        case = SendiassCase.objects.create(
            service_user=user,
            child=child_row,
            referred_on=referred_on,
            referral_route=referral_route,
            referral_exception_reason=exception_reason,
            contact_channel=channel,
            issues=sorted(set(issues)),
            themes=sorted(set(themes)),
            priority=triage_priority(criteria),
            summary=summary,
            level=1,
        )
        case.triage_criteria.set(criteria)
        sync_case_topics([case])
        CaseLevel.objects.create(
            case=case, level=1, applies_from=referred_on, set_by_user_id=by.user_id if by else None
        )
    return case


def sync_case_topics(cases: Iterable[SendiassCase]) -> None:
    """Rewrite the CaseTopic rows (what reports count) from the cases' issues and themes."""
    cases = list(cases)
    CaseTopic.objects.filter(case__in=[c.pk for c in cases]).delete()
    CaseTopic.objects.bulk_create(
        [
            CaseTopic(case_id=c.pk, kind=kind, value=value, referred_on=c.referred_on)
            for c in cases
            for kind, values in ((TopicKind.ISSUE, c.issues), (TopicKind.THEME, c.themes))
            for value in sorted(set(values or []))
        ],
        batch_size=5000,
    )


def _check_caseworker_for_level(caseworker_user_id: int | None, level: int) -> None:
    if caseworker_user_id is None:
        return
    staff = staff_for(caseworker_user_id)
    if staff is None or staff.role == StaffRole.FIGURES_VIEWER:
        raise RuleBroken("Choose someone who does SENDIASS casework", field="caseworker")
    if staff.role == StaffRole.VOLUNTEER and level > 2:
        raise RuleBroken(
            "Volunteers work on levels 1 and 2 only: choose a caseworker", field="caseworker"
        )
    if level == 4 and not staff.trained_for_level_4:
        raise RuleBroken("Level 4 work needs a caseworker trained for level 4", field="caseworker")


def allocate_case(
    *,
    case_id: int,
    caseworker_user_id: int,
    by: SendiassAccess,
    expected_version: int | None,
    on: date | None = None,
) -> SendiassCase:
    """Give a case to a caseworker; a waiting case opens."""
    with change_as(by):
        case = _lock_case(case_id, expected_version)
        if case.status == CaseStatus.CLOSED:
            raise RuleBroken("This case is closed")
        _check_caseworker_for_level(caseworker_user_id, case.level)
        case.caseworker_user_id = caseworker_user_id
        if case.status == CaseStatus.WAITING:
            case.status = CaseStatus.OPEN
            case.opened_on = on or timezone.localdate()
        _bump(case, "caseworker_user_id", "status", "opened_on")
    return case


def set_level(
    *,
    case_id: int,
    level: int,
    applies_from: date,
    by: SendiassAccess,
    expected_version: int | None,
    reason: str = "",
) -> SendiassCase:
    """Record the level of support from a date. Levels are kept as a history, never changed."""
    if level not in {1, 2, 3, 4}:
        raise RuleBroken("Choose a level from 1 to 4", field="level")
    if level > by.max_level:
        raise RuleBroken(
            f"You can set levels up to {by.max_level}"
            + (" (level 4 needs caseworkers trained for it)" if level == 4 else ""),
            field="level",
        )
    _check_lengths(CaseLevel, reason=reason)
    with change_as(by):
        case = _lock_case(case_id, expected_version)
        if case.status == CaseStatus.CLOSED:
            raise RuleBroken("This case is closed")
        latest = case.levels.order_by("-applies_from", "-id").first()
        if latest and applies_from < latest.applies_from:
            raise RuleBroken(
                "The date must not be before the last change of level", field="applies_from"
            )
        _check_caseworker_for_level(case.caseworker_user_id, level)
        CaseLevel.objects.create(
            case=case,
            level=level,
            applies_from=applies_from,
            set_by_user_id=by.user_id,
            reason=reason,
        )
        case.level = level
        _bump(case, "level")
    return case


def update_case(
    *,
    case_id: int,
    by: SendiassAccess,
    expected_version: int | None,
    issues: Iterable[str],
    themes: Iterable[str],
    summary: str,
) -> SendiassCase:
    with change_as(by):
        case = _lock_case(case_id, expected_version)
        case.issues = sorted(set(issues))
        case.themes = sorted(set(themes))
        case.summary = summary
        _bump(case, "issues", "themes", "summary")
        sync_case_topics([case])
    return case


# --- consent and contacts ---------------------------------------------------------------------


def consent_records(service_user_id: int) -> list[consent_rule.ConsentRecord]:
    return [
        consent_rule.ConsentRecord(
            party=consent_rule.Party(c.party_name, c.party_organisation),
            decision=consent_rule.Decision(c.decision),
            given_on=c.given_on,
            review_on=c.review_on,
            withdrawn_on=timezone.localdate(c.withdrawn_at) if c.withdrawn_at else None,
        )
        for c in Consent.objects.filter(service_user_id=service_user_id)
    ]


def check_contact(service_user_id: int, party: consent_rule.Party, on: date):
    return consent_rule.check_contact(party, on, consent_records(service_user_id))


def record_consent(
    *,
    service_user_id: int,
    by: SendiassAccess,
    party_name: str,
    party_organisation: str,
    decision: str,
    given_on: date,
    channel: str,
    given_by: str,
    what_they_were_told: str = "",
    review_on: date | None = None,
) -> Consent:
    """A dated answer about one named party. A renewal is a new row; nothing is overwritten."""
    consent_rule.Decision(decision)
    if not party_name.strip():
        raise RuleBroken("Name the person or role", field="party_name")
    review_on = review_on or consent_rule.review_date(
        given_on, settings.SENDTRACK_SENDIASS_CONSENT_MONTHS
    )
    if review_on <= given_on:
        raise RuleBroken("The review date must be after the date given", field="review_on")
    _check_lengths(
        Consent,
        party_name=party_name.strip(),
        party_organisation=party_organisation.strip(),
        given_by=given_by.strip(),
    )
    with change_as(by):
        return Consent.objects.create(
            service_user_id=service_user_id,
            party_name=party_name.strip(),
            party_organisation=party_organisation.strip(),
            decision=decision,
            given_on=given_on,
            channel=channel,
            given_by=given_by.strip(),
            what_they_were_told=what_they_were_told,
            recorded_by_user_id=by.user_id,
            review_on=review_on,
        )


def withdraw_consent(*, consent_id: int, by: SendiassAccess) -> Consent:
    """Record that consent was withdrawn. The row is kept, with when and who."""
    with change_as(by):
        consent = Consent.objects.select_for_update().get(pk=consent_id)
        if consent.withdrawn_at is None:
            consent.withdrawn_at = timezone.now()
            consent.withdrawn_by_user_id = by.user_id
            consent.save(update_fields=["withdrawn_at", "withdrawn_by_user_id"])
    return consent


def record_contact(
    *,
    case_id: int,
    by: SendiassAccess,
    on: date,
    channel: str,
    minutes: int,
    party_kind: str,
    party_name: str = "",
    party_organisation: str = "",
    notes: str = "",
) -> Contact:
    """Record a contact. Speaking to anyone but the parent or young person needs their
    current consent for that named party: none, refused, withdrawn or expired all block it."""
    if minutes < 0:
        raise RuleBroken("Enter the minutes as 0 or more", field="minutes")
    with change_as(by):
        case = _lock_case(case_id, None)
        if case.level > by.max_visible_level:
            raise RuleBroken("You cannot work on a case at this level")
        if party_kind != Contact.SERVICE_USER:
            party = consent_rule.Party(party_name, party_organisation)
            check = check_contact(case.service_user_id, party, on)
            if not check.allowed:
                raise RuleBroken(
                    f"You cannot record a contact with {party}: {check.reason}", field="party"
                )
        else:
            party_name = party_organisation = ""
        return Contact.objects.create(
            case=case,
            on=on,
            channel=channel,
            minutes=minutes,
            party_kind=party_kind,
            party_name=party_name,
            party_organisation=party_organisation,
            notes=notes,
            recorded_by_user_id=by.user_id,
        )


def add_document(
    *,
    case_id: int,
    by: SendiassAccess,
    title: str,
    filename: str,
    content_type: str,
    content: bytes,
    consent_given_on: date | None,
    consent_given_by: str,
) -> Document:
    """Keep a report or letter, only with the parent's (or young person's) consent recorded."""
    if consent_given_on is None or not consent_given_by.strip():
        raise RuleBroken(
            "Record when and from whom the service had consent to keep this document",
            field="consent_given_on",
        )
    try:
        private_files.check_size(len(content))
    except private_files.UploadRejected as refused:
        raise RuleBroken(str(refused), field="upload") from refused
    _check_lengths(Document, consent_given_by=consent_given_by.strip())
    with change_as(by):
        return Document.objects.create(
            case_id=case_id,
            title=title or filename,
            filename=filename,
            content_type=content_type or "application/octet-stream",
            size=len(content),
            content=encrypt_bytes(content),
            consent_given_on=consent_given_on,
            consent_given_by=consent_given_by.strip(),
            uploaded_by_user_id=by.user_id,
        )


def log_case_access(*, case_id: int | None, user_id: int, what: str, service_user_id=None):
    CaseAccessLog.objects.create(
        case_id=case_id, service_user_id=service_user_id, user_id=user_id, what=what
    )


# --- closure and evaluations ------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_evaluation(*, kind: str, on: date) -> str:
    """A one-time evaluation link token. Only its hash is stored, with the kind and when it
    expires: nothing that names a case or a person, and nothing its answer will carry but the
    kind. The month's count of links sent goes up by one."""
    EvaluationKind(kind)
    token = secrets.token_urlsafe(32)
    month = on.replace(day=1)
    with change_as(None):
        EvaluationInvitation.objects.create(
            token_hash=_token_hash(token),
            kind=kind,
            expires_on=on + timedelta(days=EVALUATION_LINK_DAYS),
        )
        tally, _ = EvaluationTally.objects.get_or_create(kind=kind, month=month)
        EvaluationTally.objects.filter(pk=tally.pk).update(sent=F("sent") + 1)
    return token


def invitation_for(token: str, today: date) -> EvaluationInvitation | None:
    return EvaluationInvitation.objects.filter(
        token_hash=_token_hash(token), expires_on__gte=today
    ).first()


def submit_evaluation(*, token: str, answers: dict[str, str], today: date) -> EvaluationResponse:
    """Store an answer without any link back, and delete the invitation so it cannot be reused.
    The answer carries its kind and the financial year it arrives in (`today`), nothing finer."""
    with change_as(None):
        invitation = (
            EvaluationInvitation.objects.select_for_update()
            .filter(token_hash=_token_hash(token), expires_on__gte=today)
            .first()
        )
        if invitation is None:
            raise RuleBroken("This link has been used or has expired")
        chosen, written = split_answers(invitation.kind, answers)
        response = EvaluationResponse.objects.create(
            kind=invitation.kind,
            year=financial_year_of(today),
            answers=chosen,
            written_answers=written,
        )
        invitation.delete()
    return response


def close_case(
    *, case_id: int, by: SendiassAccess, expected_version: int | None, on: date
) -> tuple[SendiassCase, str | None]:
    """Close a case and issue its evaluation link (once). Returns the case and the token."""
    with change_as(by):
        case = _lock_case(case_id, expected_version)
        if case.status == CaseStatus.CLOSED:
            raise RuleBroken("This case is already closed")
        if on < case.referred_on:
            raise RuleBroken("A case cannot close before it was referred", field="closed_on")
        case.status = CaseStatus.CLOSED
        case.closed_on = on
        token = None
        if case.evaluation_invited_at is None:
            token = issue_evaluation(kind=EvaluationKind.SERVICE_USER, on=on)
            case.evaluation_invited_at = timezone.now()
        _bump(case, "status", "closed_on", "evaluation_invited_at")
    return case, token


# --- triage criteria, deficits, complaints ------------------------------------------------------


def save_triage_criterion(
    *, criterion_id: int | None, name: str, weight: int, active: bool = True, position: int = 0
) -> TriageCriterion:
    with change_as(None):
        if criterion_id:
            criterion = TriageCriterion.objects.get(pk=criterion_id)
        else:
            criterion = TriageCriterion()
        criterion.name, criterion.weight = name.strip(), weight
        criterion.active, criterion.position = active, position
        criterion.save()
    return criterion


def record_deficit(
    *,
    by: SendiassAccess,
    recorded_on: date,
    request: str,
    reason: str,
    reason_detail: str = "",
    level_requested: int | None = None,
) -> ServiceDeficit:
    _check_lengths(ServiceDeficit, request=request)
    with change_as(by):
        return ServiceDeficit.objects.create(
            recorded_on=recorded_on,
            request=request,
            reason=reason,
            reason_detail=reason_detail,
            level_requested=level_requested,
            recorded_by_user_id=by.user_id,
        )


def bank_holidays(years: Iterable[int]) -> set[date]:
    """England and Wales bank holidays (the `holidays` package, subdivision ENG covers both
    England and Wales)."""
    import holidays

    return set(holidays.country_holidays("GB", subdiv="ENG", years=list(years)))


def add_working_days(start: date, days: int) -> date:
    """`days` working days after `start`: Monday to Friday, skipping England and Wales bank
    holidays (including substitute days)."""
    closed = bank_holidays(range(start.year, start.year + 2 + days // 200))
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            days -= 1
    return current


def record_complaint(
    *, by: SendiassAccess, received_on: date, complainant: str, summary: str
) -> Complaint:
    """A complaint about the service: acknowledge within 5 working days, respond within 20
    (SENDTRACK_SENDIASS_COMPLAINT_ACKNOWLEDGE_DAYS, …_RESPOND_DAYS)."""
    with change_as(by):
        return Complaint.objects.create(
            received_on=received_on,
            complainant=complainant,
            summary=summary,
            acknowledge_by=add_working_days(
                received_on, settings.SENDTRACK_SENDIASS_COMPLAINT_ACKNOWLEDGE_DAYS
            ),
            respond_by=add_working_days(
                received_on, settings.SENDTRACK_SENDIASS_COMPLAINT_RESPOND_DAYS
            ),
            recorded_by_user_id=by.user_id,
        )


COMPLAINT_FIELDS = ("acknowledged_on", "responded_on", "outcome", "learning")


def update_complaint(
    *, complaint_id: int, by: SendiassAccess, expected_version: int, changes: dict[str, Any]
) -> Complaint:
    refuse_uneditable(changes, COMPLAINT_FIELDS)
    with change_as(by):
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        if complaint.version != expected_version:
            raise StaleVersion()
        for field, value in changes.items():
            setattr(complaint, field, value)
        if complaint.responded_on and not complaint.outcome:
            raise RuleBroken("Record the outcome with the response", field="outcome")
        for field in ("acknowledged_on", "responded_on"):
            value = getattr(complaint, field)
            if value and value < complaint.received_on:
                raise RuleBroken("The date must not be before the complaint arrived", field=field)
        complaint.version += 1
        complaint.save()
    return complaint


def contact_minutes(case_id: int) -> int:
    return Contact.objects.filter(case_id=case_id).aggregate(total=Sum("minutes"))["total"] or 0


# --- the annual report's own records ------------------------------------------------------------


def save_standard_assessment(
    *, by: SendiassAccess, year: int, standard: str, rag: str, evidence: str = ""
) -> StandardAssessment:
    """The manager's RAG rating of one Minimum Standard for a financial year (replaces the
    year's earlier rating of the same standard; history keeps it)."""
    Rag(rag)
    with change_as(by):
        assessment, _ = StandardAssessment.objects.update_or_create(
            year=year,
            standard=standard.strip(),
            defaults={"rag": rag, "evidence": evidence.strip(), "updated_by_user_id": by.user_id},
        )
    return assessment


def record_training(*, by: SendiassAccess, **fields: Any) -> TrainingSession:
    _check_lengths(
        TrainingSession,
        title=fields.get("title", ""),
        audience_detail=fields.get("audience_detail", ""),
    )
    with change_as(by):
        return TrainingSession.objects.create(recorded_by_user_id=by.user_id, **fields)


def record_steering_meeting(*, by: SendiassAccess, held_on: date, changes: str = ""):
    with change_as(by):
        return SteeringGroupMeeting.objects.create(
            held_on=held_on, changes=changes.strip(), recorded_by_user_id=by.user_id
        )
