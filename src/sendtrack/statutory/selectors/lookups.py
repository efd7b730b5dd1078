"""The records one case page shows, and the choices its forms offer: scoped to the partnership,
in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from sendtrack.accounts.models import Partnership, Role, User

from ..models import AnnualReview, Child, EHCNeedsAssessment, EHCPlan, PhaseTransfer, Setting

CASEWORK_MEMBER_ROLES = [Role.CASEWORK_OFFICER, Role.TEAM_MANAGER]


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


def ehc_plan_for(partnership: Partnership, plan_id: int) -> EHCPlan:
    return EHCPlan.objects.filter(partnership=partnership).select_related("child").get(pk=plan_id)


def review_for_paperwork(partnership: Partnership, review_id: int) -> AnnualReview:
    return AnnualReview.objects.filter(partnership=partnership).get(pk=review_id)


def officers_for(partnership: Partnership) -> list[User]:
    """Casework officers and team managers of the partnership, for the officer filter."""
    return list(
        User.objects.filter(
            memberships__partnership=partnership, memberships__role__in=CASEWORK_MEMBER_ROLES
        ).order_by("last_name", "first_name", "username")
    )


def settings_for(partnership: Partnership) -> QuerySet[Setting]:
    return Setting.objects.filter(partnership=partnership).only("id", "name")
