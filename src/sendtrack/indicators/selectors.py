"""Every read of indicators: scoped to one partnership, in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from sendtrack.accounts.models import Partnership
from sendtrack.domain.indicators import TREND_LABELS, Thresholds, Trend, rag_for_value, trend
from sendtrack.domain.indicators import Direction as DomainDirection
from sendtrack.domain.rag import Rag
from sendtrack.plans.models import Plan

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


def indicators_for_plan(plan: Plan) -> list[IndicatorSummary]:
    """Indicators linked to the plan's sections, actions or findings."""
    from django.db.models import Q

    query = (
        indicators_for(plan.partnership)
        .filter(Q(sections__plan=plan) | Q(actions__plan=plan) | Q(findings__plan=plan))
        .distinct()
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("period")))
    )
    return [summarise(i, list(i.values.all())) for i in query]


def indicator_for(partnership: Partnership, indicator_id: int) -> Indicator:
    return (
        Indicator.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.select_related("entered_by")),
            "sections",
            "actions",
            "findings",
        )
        .get(pk=indicator_id)
    )


def value_for(indicator: Indicator, period) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(indicator=indicator, period=period).first()


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()
