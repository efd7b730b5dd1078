"""What a school sees: the schools portal, scoped to the SENCO's own setting(s), and the
review lists emailed to each setting."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from sendtrack.accounts.models import Partnership, User
from sendtrack.domain.statutory import TransferType, clock_status

from ..models import (
    AnnualReview,
    Child,
    EHCPlan,
    PhaseTransfer,
    PlanStatus,
    Setting,
    TransferStatus,
)
from .clocks import DUE_SOON_DAYS, TRANSFER_DUE_SOON_DAYS


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
    # Each child gains its open reviews and transfers, which the model does not declare.
    children: list[Any] = list(
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
