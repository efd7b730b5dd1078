"""Every read of indicators: scoped to one partnership, in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, Prefetch, Q, QuerySet

from sendtrack.accounts.models import Partnership
from sendtrack.domain.indicators import TREND_LABELS, Thresholds, Trend, rag_for_value, trend
from sendtrack.domain.indicators import Direction as DomainDirection
from sendtrack.domain.rag import Rag
from sendtrack.plans.models import Action, Finding, Plan, Section

from .models import Indicator, IndicatorValue


def thresholds(indicator: Indicator) -> Thresholds:
    return Thresholds(
        DomainDirection(indicator.direction),
        target=indicator.target_value,
        green_at=indicator.green_at,
        amber_at=indicator.amber_at,
    )


@dataclass
class IndicatorSummary:
    indicator: Indicator
    values: list[IndicatorValue]
    latest: IndicatorValue | None
    previous: IndicatorValue | None
    rag: Rag | None
    trend: Trend

    @property
    def trend_label(self) -> str:
        return TREND_LABELS[self.trend]


def summarise(indicator: Indicator, values: list[IndicatorValue]) -> IndicatorSummary:
    known = [v for v in values if v.value is not None]
    latest = known[-1] if known else None
    return IndicatorSummary(
        indicator=indicator,
        values=values,
        latest=latest,
        previous=known[-2] if len(known) > 1 else None,
        rag=rag_for_value(latest.value, thresholds(indicator)) if latest else None,
        trend=trend([v.value for v in known], DomainDirection(indicator.direction)),
    )


def indicators_for(partnership: Partnership) -> QuerySet[Indicator]:
    return Indicator.objects.filter(partnership=partnership, archived_at__isnull=True)


def dashboard(partnership: Partnership) -> list[IndicatorSummary]:
    """Every live indicator with its latest value, rating and trend: two queries."""
    indicators = indicators_for(partnership).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("period"))
    )
    return [summarise(i, list(i.values.all())) for i in indicators]


def indicators_for_plan(plan: Plan, until: date | None = None) -> list[IndicatorSummary]:
    """Indicators linked to the plan's sections, actions or findings; with `until`, only
    their values for months up to that day's month (a past month's board report)."""
    values = IndicatorValue.objects.order_by("period")
    if until is not None:
        values = values.filter(period__lte=until.replace(day=1))
    query = (
        indicators_for(plan.partnership)
        .filter(Q(sections__plan=plan) | Q(actions__plan=plan) | Q(findings__plan=plan))
        .distinct()
        .prefetch_related(Prefetch("values", queryset=values))
    )
    return [summarise(i, list(i.values.all())) for i in query]


def indicator_for(partnership: Partnership, indicator_id: int) -> Indicator:
    return (
        Indicator.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.select_related("entered_by")),
            Prefetch(
                "sections",
                queryset=Section.objects.select_related("plan").order_by("plan", "position"),
            ),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("plan").order_by("plan", "position"),
            ),
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("plan").order_by("plan", "ref", "id"),
            ),
        )
        .get(pk=indicator_id)
    )


@dataclass
class PlanLinks:
    """What an indicator may be linked to in one plan (or, with no plan, loose findings)."""

    plan_id: int | None
    title: str
    sections: list[tuple[int, str]] = field(default_factory=list)
    findings: list[tuple[int, str]] = field(default_factory=list)
    actions_by_ref: dict[str, list[int]] = field(default_factory=dict)
    """Each reference (casefolded) and its actions, live ones first."""
    refs: dict[int, str] = field(default_factory=dict)
    unreferenced: list[tuple[int, str]] = field(default_factory=list)
    """Actions with no reference, which can only be chosen one by one."""


def _short(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def link_choices(partnership: Partnership, indicator: Indicator | None = None) -> list[PlanLinks]:
    """The partnership's live plans, with their sections, findings and actions, for linking
    an indicator to what it evidences; plans since archived stay while the indicator links
    to something in them. Five queries whatever the number of plans and actions."""
    plans = Plan.objects.filter(partnership=partnership)
    if indicator is not None and indicator.pk:
        plans = plans.filter(
            Q(archived_at__isnull=True)
            | Q(sections__indicators=indicator)
            | Q(actions__indicators=indicator)
            | Q(findings__indicators=indicator)
        ).distinct()
    else:
        plans = plans.filter(archived_at__isnull=True)
    groups = {p.pk: PlanLinks(p.pk, p.title) for p in plans.order_by("title", "id")}
    loose = PlanLinks(None, "Findings not in a plan")
    sections = Section.objects.filter(partnership=partnership, plan_id__in=groups)
    for pk, plan_id, ref, title in sections.order_by("plan", "position").values_list(
        "pk", "plan_id", "ref", "title"
    ):
        label = (
            title if not ref or title.startswith(ref) or ref in title.split() else f"{ref} {title}"
        )
        groups[plan_id].sections.append((pk, _short(label)))
    findings = Finding.objects.filter(partnership=partnership).filter(
        Q(plan_id__in=groups) | Q(plan__isnull=True)
    )
    # An archived finding is offered only while the indicator still links to it.
    live = Q(archived_at__isnull=True)
    if indicator is not None and indicator.pk:
        live |= Q(indicators=indicator)
    findings = findings.filter(live).distinct()
    for pk, plan_id, ref, text in findings.order_by("plan", "ref", "id").values_list(
        "pk", "plan_id", "ref", "text"
    ):
        group = groups[plan_id] if plan_id else loose
        group.findings.append((pk, _short(f"{ref}: {text}" if ref else text)))
    actions = Action.objects.filter(partnership=partnership, plan_id__in=groups)
    linked = (
        set(indicator.actions.values_list("pk", flat=True)) if indicator and indicator.pk else set()
    )
    for pk, plan_id, ref, text, archived in actions.order_by(
        "plan", F("archived_at").asc(nulls_first=True), "position"
    ).values_list("pk", "plan_id", "ref", "text", "archived_at"):
        group = groups[plan_id]
        if ref and ref.strip():
            group.actions_by_ref.setdefault(ref.strip().casefold(), []).append(pk)
            group.refs[pk] = ref.strip()
        elif archived is None or pk in linked:
            group.unreferenced.append((pk, _short(text)))
    return [*groups.values(), *([loose] if loose.findings else [])]


def value_for(indicator: Indicator, period) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(indicator=indicator, period=period).first()


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()
