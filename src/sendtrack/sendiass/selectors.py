"""Reads for the SENDIASS pages, scoped to what the signed-in staff member may see."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from sendtrack.domain import consent as consent_rule

from .access import SendiassAccess
from .models import (
    CaseStatus,
    Complaint,
    Consent,
    Contact,
    Document,
    SendiassCase,
    SendiassStaff,
    ServiceDeficit,
    ServiceUser,
    StaffRole,
    StandardAssessment,
    SteeringGroupMeeting,
    TrainingSession,
    TriageCriterion,
    pk_from_reference,
    reference_for,
)


def staff_names(user_ids: Iterable[int | None]) -> dict[int, str]:
    """Names for staff numbers (``*_user_id``): {number: name}."""
    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    staff = SendiassStaff.objects.filter(user_id__in=ids).only("user_id", "name", "username")
    return {s.user_id: str(s) for s in staff}


def caseworkers() -> list[tuple[int, str]]:
    """Active staff who take cases, as (user id, name) for a select list."""
    staff = list(
        SendiassStaff.objects.filter(
            active=True, role__in=[StaffRole.MANAGER, StaffRole.CASEWORKER, StaffRole.VOLUNTEER]
        )
    )
    label: dict[str, str] = {StaffRole.VOLUNTEER: " (volunteer)"}
    return sorted(
        (
            (
                s.user_id,
                str(s)
                + label.get(s.role, "")
                + (" (level 4 trained)" if s.trained_for_level_4 else ""),
            )
            for s in staff
        ),
        key=lambda pair: pair[1].casefold(),
    )


def visible_cases(access: SendiassAccess) -> QuerySet[SendiassCase]:
    return SendiassCase.objects.filter(level__lte=access.max_visible_level)


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    mine: bool = False
    level: int | None = None
    reference: str = ""

    @property
    def active(self) -> bool:
        return bool(self.status or self.mine or self.level or self.reference)


def case_list(access: SendiassAccess, filters: CaseFilters) -> QuerySet[SendiassCase]:
    cases = visible_cases(access).select_related("service_user")
    if filters.status in CaseStatus.values:
        cases = cases.filter(status=filters.status)
    if filters.mine:
        cases = cases.filter(caseworker_user_id=access.user_id)
    if filters.level:
        cases = cases.filter(level=filters.level)
    if filters.reference:
        pk = pk_from_reference(filters.reference)
        cases = cases.filter(
            Q(pk=pk) | Q(legacy_reference=filters.reference.strip())
            if pk
            else Q(legacy_reference=filters.reference.strip())
        )
    return cases.order_by("-referred_on", "-id")


def triage_queue(access: SendiassAccess) -> QuerySet[SendiassCase]:
    """Waiting referrals: highest priority first, then the longest waiting."""
    return (
        visible_cases(access)
        .filter(status=CaseStatus.WAITING)
        .prefetch_related("triage_criteria")
        .order_by("-priority", "referred_on", "id")
    )


def case_for(access: SendiassAccess, case_id: int) -> SendiassCase:
    """One case with everything its page shows, in a fixed number of queries."""
    return (
        visible_cases(access)
        .select_related("service_user", "child")
        .prefetch_related(
            "levels",
            "triage_criteria",
            Prefetch("contacts", queryset=Contact.objects.order_by("-on", "-id")),
            Prefetch("documents", queryset=Document.objects.defer("content")),
        )
        .get(pk=case_id)
    )


@dataclass(frozen=True)
class PartyConsent:
    party: consent_rule.Party
    check: consent_rule.ConsentCheck
    rows: list[Consent]


def consents_by_party(service_user_id: int, on: date) -> list[PartyConsent]:
    """Each named party with its state today (given, refused, expired, withdrawn)."""
    rows = list(Consent.objects.filter(service_user_id=service_user_id))
    records = {
        c.pk: consent_rule.ConsentRecord(
            party=consent_rule.Party(c.party_name, c.party_organisation),
            decision=consent_rule.Decision(c.decision),
            given_on=c.given_on,
            review_on=c.review_on,
            withdrawn_on=c.withdrawn_at.date() if c.withdrawn_at else None,
        )
        for c in rows
    }
    parties: dict[tuple[str, str], list[Consent]] = {}
    for row in rows:
        parties.setdefault(records[row.pk].party.key, []).append(row)
    result = []
    for party_rows in parties.values():
        party = records[party_rows[0].pk].party
        check = consent_rule.check_contact(party, on, records.values())
        result.append(PartyConsent(party, check, party_rows))
    return sorted(result, key=lambda p: p.party.key)


@dataclass(frozen=True)
class ConsentDue:
    consent: Consent
    case_ids: list[int]
    expired: bool


def consents_due(access: SendiassAccess, today: date, within_days: int = 28) -> list[ConsentDue]:
    """Given consents, not withdrawn and not since renewed, whose review date has passed or is
    within `within_days`, for service users with a case that is not closed."""
    horizon = today + timedelta(days=within_days)
    candidates = list(
        Consent.objects.filter(
            decision="given",
            withdrawn_at__isnull=True,
            review_on__lte=horizon,
            service_user__cases__status__in=[CaseStatus.WAITING, CaseStatus.OPEN],
            service_user__cases__level__lte=access.max_visible_level,
        )
        .distinct()
        .order_by("review_on")
    )
    user_ids = {c.service_user_id for c in candidates}
    all_rows = Consent.objects.filter(service_user_id__in=user_ids)
    latest: dict[tuple[int, tuple[str, str]], Consent] = {}
    for row in all_rows:
        key = (row.service_user_id, consent_rule.Party(row.party_name, row.party_organisation).key)
        if key not in latest or (row.given_on, row.pk) > (latest[key].given_on, latest[key].pk):
            latest[key] = row
    open_cases: dict[int, list[int]] = {}
    for case_id, su_id in SendiassCase.objects.filter(
        service_user_id__in=user_ids, status__in=[CaseStatus.WAITING, CaseStatus.OPEN]
    ).values_list("id", "service_user_id"):
        open_cases.setdefault(su_id, []).append(case_id)
    due = []
    for consent in candidates:
        key = (
            consent.service_user_id,
            consent_rule.Party(consent.party_name, consent.party_organisation).key,
        )
        if latest[key].pk != consent.pk:
            continue
        due.append(
            ConsentDue(
                consent, open_cases.get(consent.service_user_id, []), consent.review_on <= today
            )
        )
    return due


def complaints_worklist(today: date) -> dict[str, list[Complaint]]:
    open_ = list(Complaint.objects.filter(responded_on__isnull=True).order_by("respond_by"))
    return {
        "to_acknowledge": [c for c in open_ if c.acknowledged_on is None],
        "to_respond": open_,
        "closed": list(Complaint.objects.filter(responded_on__isnull=False)[:50]),
    }


def deficit_report(start: date, end: date) -> list[dict]:
    from .models import ServiceDeficit

    return list(
        ServiceDeficit.objects.filter(recorded_on__gte=start, recorded_on__lte=end)
        .values("reason")
        .annotate(count=Count("id"))
        .order_by("-count", "reason")
    )


@dataclass(frozen=True)
class QueueRow:
    pk: int
    priority: int
    referred_on: date
    waiting_days: int
    criteria: list[str]

    @property
    def reference(self) -> str:
        return reference_for(self.pk)


def triage_queue_rows(access: SendiassAccess, today: date, limit: int = 200) -> list[QueueRow]:
    """The queue's first `limit` rows as plain values: two queries, no model instances (the
    page shows a few numbers and the criteria's names)."""
    rows = list(triage_queue(access).values_list("id", "priority", "referred_on")[:limit])
    through = SendiassCase.triage_criteria.through
    criteria: dict[int, list[str]] = {}
    for case_id, name in (
        through.objects.filter(sendiasscase_id__in=[r[0] for r in rows])
        .order_by("triagecriterion__position", "triagecriterion__name")
        .values_list("sendiasscase_id", "triagecriterion__name")
    ):
        criteria.setdefault(case_id, []).append(name)
    return [
        QueueRow(pk, priority, referred_on, (today - referred_on).days, criteria.get(pk, []))
        for pk, priority, referred_on in rows
    ]


def active_triage_criteria() -> list[TriageCriterion]:
    return list(TriageCriterion.objects.filter(active=True))


def triage_criteria() -> QuerySet[TriageCriterion]:
    return TriageCriterion.objects.all()


def triage_criterion(criterion_id: int) -> TriageCriterion | None:
    return TriageCriterion.objects.filter(pk=criterion_id).first()


def consent(consent_id: int) -> Consent | None:
    return Consent.objects.filter(pk=consent_id).first()


def document_for(access: SendiassAccess, document_id: int) -> Document | None:
    """A document on a case the staff member may see, or None."""
    return Document.objects.filter(pk=document_id, case__in=visible_cases(access)).first()


def service_user(service_user_id: int) -> ServiceUser | None:
    return ServiceUser.objects.filter(pk=service_user_id).first()


def complaint(complaint_id: int) -> Complaint | None:
    return Complaint.objects.filter(pk=complaint_id).first()


def recent_deficits(limit: int = 50) -> QuerySet[ServiceDeficit]:
    return ServiceDeficit.objects.all()[:limit]


def standard_assessments(year: int) -> QuerySet[StandardAssessment]:
    return StandardAssessment.objects.filter(year=year)


def recent_training(limit: int = 100) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.all()[:limit]


def recent_steering_meetings(limit: int = 100) -> QuerySet[SteeringGroupMeeting]:
    return SteeringGroupMeeting.objects.all()[:limit]
