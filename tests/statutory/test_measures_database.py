"""The measures page counts in the database (selectors.measures.timeliness_measures). These
tests hold those counts to the pure domain Rate functions (sendtrack.domain.statutory),
computed here in Python case by case, over a varied synthetic set: exceptions of every kind
and timing (closures and absences either side of the 4-week minimum, ended or still open on
TODAY), 29 February, year ends, the last day of each time limit and the day after, bad data,
local phase transfer deadlines, plans ceased before or after a review or transfer fell due,
and every grouping."""

import dataclasses
import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from sendtrack.domain.statutory import (
    FINAL_PLAN_WEEKS,
    AssessmentDecisionCase,
    Clock,
    ExceptionReason,
    NewPlanCase,
    Rate,
    ReviewCase,
    TransferCase,
    TransferType,
    add_months,
    applicable_exceptions,
    assessment_clocks,
    decisions_within_6_weeks,
    issued_within_20_weeks_excluding_exceptions,
    issued_within_20_weeks_including_exceptions,
    phase_transfer_deadline,
    review_in_measure,
    reviews_within_12_months,
    transfer_in_measure,
    transfers_by_deadline,
    weeks_after,
)
from sendtrack.statutory.models import (
    AnnualReview,
    Child,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    Setting,
    TimeLimitException,
)
from sendtrack.statutory.selectors.clocks import domain_exceptions
from sendtrack.statutory.selectors.measures import MEASURES, timeliness_measures
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

YEARS = [2023, 2024, 2025]
TODAY = date(2025, 3, 15)  # open exceptions are measured to this day (4-week minimum)
AWKWARD_DAYS = [
    date(2024, 2, 29),
    date(2024, 2, 28),
    date(2023, 2, 28),
    date(2023, 3, 1),
    date(2024, 3, 1),
    date(2023, 12, 31),
    date(2024, 1, 1),
    date(2024, 12, 31),
    date(2025, 1, 1),
    date(2023, 8, 31),
    date(2024, 8, 31),
    date(2022, 12, 31),
]


def some_day(rng: random.Random) -> date:
    if rng.random() < 0.3:
        return rng.choice(AWKWARD_DAYS)
    return date(2022, 6, 1) + timedelta(days=rng.randrange(0, 365 * 3 + 200))


@pytest.fixture
def cases(partnership):
    make_cases(partnership, random.Random(20260229))


def make_cases(partnership, rng, assessments=400, reviews=400, transfers=300):
    """A varied synthetic casework set for one partnership (see the module docstring)."""
    officers = [UserFactory(username=f"{partnership.slug}-officer-{n}") for n in range(3)] + [None]
    settings = [
        Setting.objects.create(partnership=partnership, name=f"Setting {n}", kind="school")
        for n in range(3)
    ] + [None]
    children = [
        Child.objects.create(
            partnership=partnership,
            case_reference=f"EHC-{n:06d}",
            first_name="Sam",
            last_name=f"Case{n}",
            date_of_birth=date(2012, 1, 1),
            setting=rng.choice(settings),
            officer=rng.choice(officers),
        )
        for n in range(40)
    ]
    made, exceptions = [], []
    for _ in range(assessments):
        received = some_day(rng)
        final_offset = rng.choice([139, 140, 141, rng.randrange(60, 260), -3])
        decision_offset = rng.choice([41, 42, 43, rng.randrange(5, 90), -1])
        final = received + timedelta(days=final_offset)
        made.append(
            EHCNeedsAssessment(
                partnership=partnership,
                child=rng.choice(children),
                request_received=received,
                requested_by="parent",
                decision="assess",
                decision_date=received + timedelta(days=decision_offset)
                if rng.random() < 0.8
                else None,
                final_issued=final if rng.random() < 0.8 else None,
                outcome="plan_issued" if rng.random() < 0.85 else "",
                assigned_officer=rng.choice(officers),
            )
        )
    EHCNeedsAssessment.objects.bulk_create(made)
    for assessment in EHCNeedsAssessment.objects.filter(partnership=partnership):
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            start = assessment.request_received + timedelta(
                days=rng.choice([-40, -1, 0, 41, 42, 43, 139, 140, 141, rng.randrange(-60, 220)])
            )
            if assessment.final_issued and rng.random() < 0.2:
                start = assessment.final_issued - timedelta(days=rng.choice([0, 1]))
            end = None
            if rng.random() < 0.6:
                end = start + timedelta(days=rng.choice([0, 26, 27, 28, rng.randrange(0, 70)]))
                if rng.random() < 0.2:
                    end = assessment.request_received - timedelta(days=rng.choice([0, 1]))
                    start = min(start, end)
            elif rng.random() < 0.15:  # open, either side of 28 days up to TODAY
                start = TODAY - timedelta(days=rng.choice([26, 27, 28]))
            exceptions.append(
                TimeLimitException(
                    partnership=partnership,
                    assessment=assessment,
                    reason=rng.choice(list(ExceptionReason)).value,
                    start=start,
                    end=end,
                )
            )
    TimeLimitException.objects.bulk_create(exceptions)

    plans = []
    for child in children:
        ceased = some_day(rng) if rng.random() < 0.3 else None
        plans.append(
            EHCPlan(
                partnership=partnership,
                child=child,
                issued=date(2021, 1, 1),
                status="ceased" if ceased else "active",
                ceased_date=ceased,
            )
        )
    plans = EHCPlan.objects.bulk_create(plans)
    review_rows = []
    for _ in range(reviews):
        previous = some_day(rng)
        months = rng.choice([12, 12, 6])  # under-5s are due sooner; the measure uses 12
        meeting = rng.choice(
            [
                None,
                add_months(previous, 12),
                add_months(previous, 12) + timedelta(days=1),
                add_months(previous, 12) - timedelta(days=1),
                previous + timedelta(days=rng.randrange(0, 420)),
                previous - timedelta(days=2),
            ]
        )
        review_rows.append(
            AnnualReview(
                partnership=partnership,
                plan=rng.choice(plans),
                counted_from=previous,
                due=add_months(previous, months),
                meeting_date=meeting,
            )
        )
    AnnualReview.objects.bulk_create(review_rows)
    transfer_rows = []
    for _ in range(transfers):
        kind = rng.choice(list(TransferType))
        year = rng.choice([2023, 2024, 2025, 2026])
        transfer_date = rng.choice(
            [
                date(year, 9, 1),
                date(year, 9, 1),
                date(year, 1, 6),
                date(year, 2, 15),
                date(year, 2, 16),
                date(year, 3, 31),
                date(year, 4, 1),
                date(year, 7, 31),
                date(year, 8, 31),
            ]
        )
        try:
            deadline = phase_transfer_deadline(kind, transfer_date)
            if rng.random() < 0.1:
                deadline += timedelta(days=rng.choice([-3, 3]))  # the rule decides, not this
        except ValueError:
            deadline = transfer_date - timedelta(days=rng.randrange(10, 60))
        finalised = rng.choice(
            [None, deadline, deadline + timedelta(days=1), deadline - timedelta(days=20)]
        )
        transfer_rows.append(
            PhaseTransfer(
                partnership=partnership,
                plan=rng.choice(plans),
                transfer_type=kind.value,
                transfer_date=transfer_date,
                deadline=deadline,
                finalised_date=finalised,
                status="finalised" if finalised else "planned",
            )
        )
    PhaseTransfer.objects.bulk_create(transfer_rows)


def reference(partnership, year, grouping):
    """Every measure worked out in Python, one domain case at a time."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    lists = defaultdict(lambda: defaultdict(list))

    def key(day, officer_id, setting_id):
        return {"month": day.month, "officer": officer_id, "setting": setting_id}[grouping]

    for a in EHCNeedsAssessment.objects.filter(partnership=partnership).select_related("child"):
        exceptions = domain_exceptions(a.exceptions.all())
        received = a.request_received
        if (
            a.outcome == "plan_issued"
            and a.final_issued
            and start <= a.final_issued <= end
            and a.final_issued >= received
        ):
            had = applicable_exceptions(
                exceptions,
                deadline=weeks_after(received, FINAL_PLAN_WEEKS),
                met_on=a.final_issued,
                today=TODAY,
                clock=Clock.FINAL_PLAN,
                clock_start=received,
            )
            lists[key(a.final_issued, a.assigned_officer_id, a.child.setting_id)]["plans"].append(
                NewPlanCase(received, a.final_issued, bool(had))
            )
        if a.decision_date and start <= a.decision_date <= end and a.decision_date >= received:
            had = applicable_exceptions(
                exceptions,
                deadline=assessment_clocks(received).decision_to_assess_due,
                met_on=a.decision_date,
                today=TODAY,
                clock=Clock.DECISION_TO_ASSESS,
                clock_start=received,
            )
            lists[key(a.decision_date, a.assigned_officer_id, a.child.setting_id)][
                "decisions"
            ].append(AssessmentDecisionCase(received, a.decision_date, bool(had)))
    for r in AnnualReview.objects.filter(
        partnership=partnership, due__range=(start, end)
    ).select_related("plan__child"):
        if not review_in_measure(r.due, r.meeting_date, r.plan.ceased_date):
            continue
        if r.meeting_date is None or r.meeting_date >= r.counted_from:
            child = r.plan.child
            lists[key(r.due, child.officer_id, child.setting_id)]["reviews"].append(
                ReviewCase(r.counted_from, r.meeting_date)
            )
    for t in PhaseTransfer.objects.filter(
        partnership=partnership, deadline__range=(start, end)
    ).select_related("plan__child"):
        if not transfer_in_measure(t.deadline, t.finalised_date, t.plan.ceased_date):
            continue
        child = t.plan.child
        bucket = lists[key(t.deadline, child.officer_id, child.setting_id)]
        try:
            phase_transfer_deadline(TransferType(t.transfer_type), t.transfer_date)
        except ValueError:  # no reg 18 date: the local deadline
            met = t.finalised_date is not None and t.finalised_date <= t.deadline
            bucket["local"].append(Rate(int(met), 1))
        else:
            bucket["transfers"].append(
                TransferCase(TransferType(t.transfer_type), t.transfer_date, t.finalised_date)
            )
    result = {}
    for bucket_key, found in lists.items():
        result[bucket_key] = {
            "new_plans_ex": issued_within_20_weeks_excluding_exceptions(found["plans"]),
            "new_plans_inc": issued_within_20_weeks_including_exceptions(found["plans"]),
            "decisions": decisions_within_6_weeks(found["decisions"]),
            "reviews": reviews_within_12_months(found["reviews"]),
            "transfers": sum(found["local"], transfers_by_deadline(found["transfers"])),
        }
    return result


def as_dicts(measures, partnership, grouping):
    empty = Rate(0, 0)
    return {
        row.label: {name: row.rate(name) for name, _ in MEASURES}
        for row in measures.groups
        if any(row.rate(name) != empty for name, _ in MEASURES)
    }


def labelled(expected, grouping):
    from sendtrack.accounts.models import User
    from sendtrack.domain.dates import MONTH_NAMES as MONTHS

    def label(key):
        if grouping == "month":
            return MONTHS[key - 1]
        if key is None:
            return "No officer" if grouping == "officer" else "No setting"
        if grouping == "officer":
            return str(User.objects.get(pk=key))
        return Setting.objects.get(pk=key).name

    empty = Rate(0, 0)
    return {
        label(k): rates for k, rates in expected.items() if any(r != empty for r in rates.values())
    }


@pytest.mark.parametrize("grouping", ["month", "officer", "setting"])
@pytest.mark.parametrize("year", YEARS)
def test_database_counts_equal_the_domain_functions(partnership, cases, year, grouping):
    expected = reference(partnership, year, grouping)
    measures = timeliness_measures(partnership, year, grouping, today=TODAY)
    assert as_dicts(measures, partnership, grouping) == labelled(expected, grouping)
    totals = {name: sum((g[name] for g in expected.values()), Rate(0, 0)) for name, _ in MEASURES}
    assert {name: measures.total.rate(name) for name, _ in MEASURES} == totals


def test_the_synthetic_set_is_varied(partnership, cases):
    """Guard the test above against a generator that stops exercising the edges."""
    totals = [timeliness_measures(partnership, year, today=TODAY).total for year in YEARS]
    for name, _ in MEASURES:
        rates = [t.rate(name) for t in totals]
        assert sum(r.denominator for r in rates) > 20, name
        assert 0 < sum(r.numerator for r in rates) < sum(r.denominator for r in rates), name
    plans = sum((t.new_plans_inc for t in totals), Rate(0, 0))
    plans_ex = sum((t.new_plans_ex for t in totals), Rate(0, 0))
    assert plans_ex.denominator < plans.denominator  # some plans had an exception


def test_the_synthetic_set_tests_the_4_week_minimum_and_ceased_plans(partnership, cases):
    """Some plans' exception status turns on the 4-week minimum (ended or open on TODAY), and
    some reviews and transfers drop out because their plan had ceased."""
    personal = ExceptionReason.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES
    turned = {"ended": 0, "open": 0}
    for a in EHCNeedsAssessment.objects.filter(
        partnership=partnership, outcome="plan_issued", final_issued__isnull=False
    ):
        exceptions = domain_exceptions(a.exceptions.all())
        kwargs = {
            "deadline": weeks_after(a.request_received, FINAL_PLAN_WEEKS),
            "met_on": a.final_issued,
            "today": TODAY,
            "clock": Clock.FINAL_PLAN,
            "clock_start": a.request_received,
        }
        if applicable_exceptions(exceptions, **kwargs):
            continue
        for exc in exceptions:
            if applicable_exceptions([dataclasses.replace(exc, reason=personal)], **kwargs):
                turned["open" if exc.end is None else "ended"] += 1
    assert turned["ended"] > 5 and turned["open"] > 0, turned
    left_out = [
        r
        for r in AnnualReview.objects.filter(partnership=partnership).select_related("plan")
        if not review_in_measure(r.due, r.meeting_date, r.plan.ceased_date)
    ]
    assert len(left_out) > 5
    left_out = [
        t
        for t in PhaseTransfer.objects.filter(partnership=partnership).select_related("plan")
        if not transfer_in_measure(t.deadline, t.finalised_date, t.plan.ceased_date)
    ]
    assert len(left_out) > 5
