"""The Northvale demo's indicators: a few of each kind, linked to what they evidence.

Entered-by-hand indicators get 6 to 12 monthly values (the months up to last month) drawn
from a random.Random with a fixed seed, so the figures are the same every day and only the
months move. The statutory timeliness indicators are worked out through the computed
indicator registry from the demo's EHC casework, when it was loaded (`load-demo
--without-casework` leaves them without values). Every figure and comparator is synthetic.

Loading again adds only what is missing and refreshes computed values that changed, so it
can run after every `load-demo`.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from sendtrack.accounts.models import Partnership, User
from sendtrack.indicators import registry, services
from sendtrack.indicators.models import MANUAL, Indicator, IndicatorValue
from sendtrack.plans.models import Action, Finding, Section

SEED = 2026
WSOA, PEER_REVIEW, MONITORING = (
    "written_statement_of_action",
    "peer_review_plan",
    "monitoring_report",
)


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    description: str
    kind: str
    unit: str
    direction: str
    target: Decimal
    amber_at: Decimal | None
    source: str = MANUAL
    trajectory: tuple[float, float] = (0, 0)
    """Where the hand-entered values start and end; each month wobbles around the line."""
    months: int = 12
    running_total: bool = False
    """Each month's value is never below the month before's."""
    counts: tuple[int, int] | None = None
    """The range of the denominator when the value is so many out of so many (a %)."""
    national: Decimal | None = None
    neighbours: Decimal | None = None
    sections: tuple[tuple[str, str], ...] = ()
    """(plan kind, section reference)."""
    actions: tuple[tuple[str, str], ...] = ()
    """(plan kind, action reference)."""
    unreferenced_in: tuple[str, ...] = ()
    """Monitoring-update focus areas whose first two actions (which have no reference) it
    evidences."""
    findings: tuple[str, ...] = ()
    notes: dict[int, str] = field(default_factory=dict)
    """Notes on the values, by month counted back from the latest (0 is the latest)."""


D = Decimal
INDICATORS: tuple[DemoIndicator, ...] = (
    DemoIndicator(
        "Families who came to a Local Offer drop-in",
        "Parents and carers who came to a monthly Local Offer drop-in, across all venues.",
        "how_much",
        "families",
        "higher",
        target=D(100),
        amber_at=D(70),
        trajectory=(34, 92),
        sections=((WSOA, "1.2"), (PEER_REVIEW, "6")),
        actions=((WSOA, "1.2.1"), (WSOA, "1.2.2"), (PEER_REVIEW, "6.a")),
        findings=("W1", "R6"),
        notes={
            2: "Two drop-ins cancelled: the library venue was closed.",
            5: "Third venue opened.",
        },
    ),
    DemoIndicator(
        "Schools whose staff finished the graduated approach training",
        "Schools with at least one teacher and the SENCO through all four sessions (running "
        "total).",
        "how_much",
        "schools",
        "higher",
        target=D(45),
        amber_at=D(30),
        trajectory=(8, 41),
        running_total=True,
        sections=((WSOA, "2.2"),),
        actions=((WSOA, "2.2.1"), (WSOA, "2.2.2")),
        unreferenced_in=("B1",),
        findings=("W2",),
    ),
    DemoIndicator(
        "EHC plans rated good or better in the quality audit",
        "Plans sampled each month by the multi-agency quality audit, rated good or better.",
        "how_well",
        "%",
        "higher",
        target=D(75),
        amber_at=D(60),
        trajectory=(38, 66),
        counts=(18, 26),
        sections=((WSOA, "3.2"),),
        actions=((WSOA, "3.2.1"), (WSOA, "3.2.2")),
        unreferenced_in=("C2",),
        findings=("W3",),
        notes={0: "Health advice now audited as well.", 7: "Audit tool changed; sample smaller."},
    ),
    DemoIndicator(
        "Weeks waiting for a first speech and language therapy appointment",
        "Average wait of children seen in the month, from referral to first appointment.",
        "how_well",
        "weeks",
        "lower",
        target=D(18),
        amber_at=D(26),
        trajectory=(34, 21),
        months=9,
        neighbours=D(24),
        sections=((WSOA, "4.2"), (PEER_REVIEW, "8")),
        actions=((WSOA, "4.2.1"), (PEER_REVIEW, "8.a")),
        unreferenced_in=("D1",),
        findings=("W4", "R8"),
        notes={4: "Two extra therapists started."},
    ),
    DemoIndicator(
        "New EHC plans issued within 20 weeks",
        "Excluding exceptions; worked out each month from the EHC casework.",
        "how_well",
        "%",
        "higher",
        target=D(65),
        amber_at=D(50),
        source="statutory.new_plans_20_weeks",
        national=D(47),
        neighbours=D(53),
        sections=((WSOA, "3.1"), (PEER_REVIEW, "5")),
        actions=((WSOA, "3.1.1"), (WSOA, "3.1.2"), (PEER_REVIEW, "5.a")),
        unreferenced_in=("C1",),
        findings=("W3", "R5"),
    ),
    DemoIndicator(
        "Decisions whether to assess made within 6 weeks",
        "Worked out each month from the EHC casework.",
        "how_well",
        "%",
        "higher",
        target=D(85),
        amber_at=D(70),
        source="statutory.decisions_6_weeks",
        sections=((WSOA, "3.1"),),
        findings=("W3",),
    ),
    DemoIndicator(
        "Annual reviews held within 12 months",
        "Worked out each month from the EHC casework.",
        "how_well",
        "%",
        "higher",
        target=D(80),
        amber_at=D(65),
        source="statutory.reviews_12_months",
        sections=((WSOA, "3.3"),),
        actions=((WSOA, "3.3.1"),),
    ),
    DemoIndicator(
        "Parents and carers who say they were listened to",
        "From the monthly Parent Carer Voice pulse survey.",
        "better_off",
        "%",
        "higher",
        target=D(70),
        amber_at=D(55),
        trajectory=(41, 63),
        counts=(45, 70),
        sections=((WSOA, "1.1"), (WSOA, "1.3"), (PEER_REVIEW, "2")),
        actions=((WSOA, "1.1.1"), (PEER_REVIEW, "2.a")),
        unreferenced_in=("A1",),
        findings=("W1", "R2"),
        notes={3: "Survey also sent by text message: more replies.", 9: "First pulse survey."},
    ),
    DemoIndicator(
        "Young people with an EHC plan in education, employment or training at 17",
        "Rolling 12 months, from the council's tracking of 16 to 17 year olds.",
        "better_off",
        "%",
        "higher",
        target=D(88),
        amber_at=D(82),
        trajectory=(78, 84),
        counts=(96, 112),
        national=D("85.5"),
        neighbours=D(86),
        sections=((WSOA, "4.3"), (PEER_REVIEW, "9")),
        actions=((WSOA, "4.3.1"), (PEER_REVIEW, "9.a")),
        unreferenced_in=("E1",),
        findings=("W5", "R9"),
    ),
    DemoIndicator(
        "Children with SEND on a part-time timetable",
        "Children at SEN support or with an EHC plan on a part-time timetable on the last "
        "school day of the month.",
        "better_off",
        "children",
        "lower",
        target=D(30),
        amber_at=D(45),
        trajectory=(64, 38),
        months=6,
        sections=((WSOA, "2.3"),),
        actions=((WSOA, "2.3.1"),),
        unreferenced_in=("B2",),
        findings=("W2",),
        notes={0: "Includes the summer-born reception children for the first time."},
    ),
)


@dataclass
class DemoIndicators:
    indicators: int = 0
    values: int = 0
    computed: int = 0


def month_before(day: date, months: int) -> date:
    """The first day of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


@transaction.atomic
def load_indicators_demo(partnership: Partnership, *, today: date) -> DemoIndicators:
    """Add the demo indicators the partnership lacks (by name), with their values, and
    refresh the computed ones from the casework."""
    manager = User.objects.filter(username="manager", memberships__partnership=partnership).first()
    result = DemoIndicators()
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    existing = {i.name: i for i in Indicator.objects.filter(partnership=partnership)}
    for demo in INDICATORS:
        figures = _figures(demo, rng)  # drawn for every indicator, so each keeps its figures
        indicator = existing.get(demo.name)
        if indicator is None:
            indicator = _create(partnership, demo, today, manager)
            result.indicators += 1
            if demo.source == MANUAL:
                result.values += _enter(indicator, demo, figures, today, manager)
        if demo.source != MANUAL:
            result.computed += _compute(indicator, demo, today)
    return result


def _create(
    partnership: Partnership, demo: DemoIndicator, today: date, user: User | None
) -> Indicator:
    months = demo.months if demo.source == MANUAL else 12
    first = month_before(today, months)
    baseline = D(str(demo.trajectory[0])) if demo.source == MANUAL else None
    return services.create_indicator(
        partnership=partnership,
        user=user,
        links=_links(partnership, demo),
        name=demo.name,
        description=demo.description,
        kind=demo.kind,
        unit=demo.unit,
        direction=demo.direction,
        baseline_value=baseline,
        baseline_date=first if baseline is not None else None,
        target_value=demo.target,
        target_date=date(today.year + (1 if today.month > 3 else 0), 3, 31),
        green_at=None,
        amber_at=demo.amber_at,
        source=demo.source,
    )


def _links(partnership: Partnership, demo: DemoIndicator) -> dict[str, list]:
    sections = Section.objects.filter(partnership=partnership)
    actions = Action.objects.filter(partnership=partnership)
    return {
        "sections": [
            s.pk
            for kind, ref in demo.sections
            for s in sections.filter(plan__kind=kind, ref=ref)[:1]
        ],
        "actions": [
            a.pk for kind, ref in demo.actions for a in actions.filter(plan__kind=kind, ref=ref)[:1]
        ]
        + [
            a.pk
            for ref in demo.unreferenced_in
            for a in actions.filter(
                plan__kind=MONITORING, section__ref=ref, ref__isnull=True
            ).order_by("position")[:2]
        ],
        "findings": list(
            Finding.objects.filter(partnership=partnership, ref__in=demo.findings).values_list(
                "pk", flat=True
            )
        ),
    }


def _figures(demo: DemoIndicator, rng: random.Random) -> list[tuple[Decimal, int | None, int]]:
    """Oldest first: each month's value, and its counts when it is so many out of so many."""
    start, end = demo.trajectory
    spread = abs(end - start) / 8 or 1
    figures: list[tuple[Decimal, int | None, int]] = []
    for month in range(demo.months):
        line = start + (end - start) * month / max(demo.months - 1, 1)
        wobble = rng.uniform(-spread, spread) if 0 < month < demo.months - 1 else 0
        if demo.counts:
            denominator = rng.randint(*demo.counts)
            numerator = min(denominator, max(0, round((line + wobble) * denominator / 100)))
            figures.append((D(0), numerator, denominator))
        else:
            value = D(round(line + wobble))
            if demo.running_total and figures:
                value = max(value, figures[-1][0])
            figures.append((value, None, 0))
    return figures


def _enter(
    indicator: Indicator,
    demo: DemoIndicator,
    figures: list[tuple[Decimal, int | None, int]],
    today: date,
    user: User | None,
) -> int:
    for back, (value, numerator, denominator) in zip(
        range(demo.months, 0, -1), figures, strict=True
    ):
        services.record_value(
            indicator_id=indicator.pk,
            user=user,
            period=month_before(today, back),
            expected_version=None,
            value=None if numerator is not None else value,
            numerator=numerator,
            denominator=denominator if numerator is not None else None,
            national=demo.national,
            statistical_neighbours=demo.neighbours,
            note=demo.notes.get(back - 1, ""),
        )
    return demo.months


def _compute(indicator: Indicator, demo: DemoIndicator, today: date) -> int:
    """Store the last 12 months of a computed indicator, through the registry; months with
    nothing to count (no casework loaded) are left out. Returns how many values changed."""
    changed = 0
    stored = {v.period: v for v in IndicatorValue.objects.filter(indicator=indicator)}
    for back in range(12, 0, -1):
        start = month_before(today, back)
        end = month_before(today, back - 1).toordinal() - 1
        result = registry.compute(demo.source, indicator.partnership, start, date.fromordinal(end))
        if not result.denominator:
            continue
        now = stored.get(start)
        figures = (result.value, result.numerator, result.denominator, demo.national)
        if now is not None and (now.value, now.numerator, now.denominator, now.national) == (
            figures
        ):
            continue
        services.record_value(
            indicator_id=indicator.pk,
            user=None,
            period=start,
            expected_version=now.version if now is not None else None,
            computed=True,
            value=result.value,
            numerator=result.numerator,
            denominator=result.denominator,
            national=demo.national,
            statistical_neighbours=demo.neighbours,
        )
        changed += 1
    return changed
