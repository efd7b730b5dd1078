"""The retention rule: a case is erased when it has been closed for the retention period
(6 years by default, SENDTRACK_SENDIASS_RETENTION_YEARS). Erasure deletes the case, its
levels, contacts, documents and history, the service user and children when they have no
other case, and their consents; it leaves anonymous counts (ErasedCaseCount) and the access
log's bare ids. Evaluation answers were never linked to cases and are untouched.
"""

from collections import Counter
from datetime import date

from django.conf import settings
from django.db import transaction

from sendtrack.domain.statutory import add_months

from .models import (
    CaseLevel,
    CaseStatus,
    Child,
    Consent,
    Contact,
    Document,
    ErasedCaseCount,
    SendiassCase,
    ServiceUser,
)
from .routers import DATABASE


def retention_cutoff(today: date, years: int | None = None) -> date:
    years = settings.SENDTRACK_SENDIASS_RETENTION_YEARS if years is None else years
    return add_months(today, -12 * years)


def cases_past_retention(today: date, years: int | None = None):
    """Closed cases whose closing date is on or before the cut-off, oldest first."""
    return SendiassCase.objects.filter(
        status=CaseStatus.CLOSED, closed_on__lte=retention_cutoff(today, years)
    ).order_by("closed_on", "id")


def _purge_history(model, **filters) -> None:
    model.history.model.objects.filter(**filters).delete()


def erase_cases(case_ids: list[int], today: date) -> dict[str, int]:
    """Erase these cases and what only they hold; keep anonymous counts. One transaction."""
    with transaction.atomic(using=DATABASE):
        cases = list(SendiassCase.objects.filter(pk__in=case_ids).select_for_update())
        contacts = Counter(
            Contact.objects.filter(case_id__in=case_ids).values_list("case_id", flat=True)
        )
        counts: Counter = Counter()
        for case in cases:
            counts[(case.closed_on.year if case.closed_on else 0, case.level)] += 1
        contact_counts: Counter = Counter()
        for case in cases:
            contact_counts[(case.closed_on.year if case.closed_on else 0, case.level)] += contacts[
                case.pk
            ]
        for (year, level), n in counts.items():
            ErasedCaseCount.objects.create(
                erased_on=today,
                closed_year=year,
                level=level,
                cases=n,
                contacts=contact_counts[(year, level)],
            )
        user_ids = {c.service_user_id for c in cases}
        child_ids = {c.child_id for c in cases if c.child_id}
        contact_ids = list(
            Contact.objects.filter(case_id__in=case_ids).values_list("id", flat=True)
        )
        Document.objects.filter(case_id__in=case_ids).delete()
        Contact.objects.filter(case_id__in=case_ids).delete()
        _purge_history(Contact, id__in=contact_ids)
        CaseLevel.objects.filter(case_id__in=case_ids).delete()
        SendiassCase.triage_criteria.through.objects.filter(sendiasscase_id__in=case_ids).delete()
        SendiassCase.objects.filter(pk__in=case_ids).delete()
        _purge_history(SendiassCase, id__in=case_ids)
        # Service users and children go when no case of theirs remains.
        keep_users = set(
            SendiassCase.objects.filter(service_user_id__in=user_ids).values_list(
                "service_user_id", flat=True
            )
        )
        gone_users = user_ids - keep_users
        keep_children = set(
            SendiassCase.objects.filter(child_id__in=child_ids).values_list("child_id", flat=True)
        )
        gone_children = set(
            Child.objects.filter(service_user_id__in=gone_users).values_list("id", flat=True)
        ) | (child_ids - keep_children)
        consent_ids = list(
            Consent.objects.filter(service_user_id__in=gone_users).values_list("id", flat=True)
        )
        Consent.objects.filter(pk__in=consent_ids).delete()
        _purge_history(Consent, id__in=consent_ids)
        Child.objects.filter(pk__in=gone_children).delete()
        _purge_history(Child, id__in=gone_children)
        ServiceUser.objects.filter(pk__in=gone_users).delete()
        _purge_history(ServiceUser, id__in=gone_users)
    return {
        "cases": len(cases),
        "contacts": len(contact_ids),
        "service_users": len(gone_users),
    }
