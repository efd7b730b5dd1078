"""Every change to indicators: one function each, one transaction, audited (simple_history
records who), and refused when someone else saved first (the `version` check)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from sendtrack.accounts.models import Partnership, User
from sendtrack.domain.indicators import Direction as DomainDirection
from sendtrack.domain.indicators import Thresholds
from sendtrack.plans.services import StaleEdit, changes_since

from . import registry
from .models import MANUAL, Indicator, IndicatorValue

INDICATOR_FIELDS = (
    "name",
    "description",
    "kind",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "green_at",
    "amber_at",
    "source",
)
VALUE_FIELDS = ("value", "numerator", "denominator", "national", "statistical_neighbours", "note")

__all__ = ["StaleEdit", "create_indicator", "record_value", "store_computed", "update_indicator"]


def _check(indicator: Indicator) -> None:
    Thresholds(  # raises ValueError when amber and green are the wrong way round
        DomainDirection(indicator.direction),
        target=indicator.target_value,
        green_at=indicator.green_at,
        amber_at=indicator.amber_at,
    )
    if indicator.source != MANUAL and indicator.source not in registry.registered():
        raise ValueError(f"Unknown computed indicator {indicator.source}")


def _audited_save(record: Any, user: User | None) -> None:
    record._history_user = user
    record.version += 1
    record.save()


@transaction.atomic
def create_indicator(
    *, partnership: Partnership, user: User | None, links: dict[str, list] | None = None, **fields
) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not an indicator field: {', '.join(sorted(unknown))}")
    indicator = Indicator(partnership=partnership, **fields)
    _check(indicator)
    indicator._history_user = user  # type: ignore[attr-defined]
    indicator.save()
    _set_links(indicator, links or {})
    return indicator


def _set_links(indicator: Indicator, links: dict[str, list]) -> None:
    for name in ("actions", "sections", "findings"):
        if name in links:
            related = getattr(indicator, name)
            allowed = related.model.objects.filter(
                partnership_id=indicator.partnership_id,
                pk__in=[getattr(o, "pk", o) for o in links[name]],
            )
            related.set(allowed)


@transaction.atomic
def update_indicator(
    *,
    indicator_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
    links: dict[str, list] | None = None,
) -> Indicator:
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    indicator = Indicator.objects.select_for_update().get(pk=indicator_id)
    if indicator.version != expected_version:
        raise StaleEdit(changes_since(indicator, expected_version))  # type: ignore[arg-type]
    for field, value in changes.items():
        setattr(indicator, field, value)
    _check(indicator)
    _audited_save(indicator, user)
    if links is not None:
        _set_links(indicator, links)
    return indicator


def month_start(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def record_value(
    *,
    indicator_id: int,
    user: User | None,
    period: date,
    expected_version: int | None,
    computed: bool = False,
    **values: Any,
) -> IndicatorValue:
    """Enter (or correct) an indicator's value for a period.

    `expected_version` is None for a new period; correcting an existing one needs the
    version the user saw, so two people entering the same month cannot overwrite each other.
    """
    unknown = set(values) - set(VALUE_FIELDS)
    if unknown:
        raise ValueError(f"Not a value field: {', '.join(sorted(unknown))}")
    indicator = Indicator.objects.get(pk=indicator_id)
    period = month_start(period)
    record = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period=period)
        .first()
    )
    if record is None:
        record = IndicatorValue(
            partnership_id=indicator.partnership_id, indicator=indicator, period=period
        )
        record.version = 0
    elif expected_version is not None and record.version != expected_version:
        raise StaleEdit(changes_since(record, expected_version))  # type: ignore[arg-type]
    elif expected_version is None and not computed:
        raise StaleEdit(changes_since(record, record.version))  # type: ignore[arg-type]
    numerator, denominator = values.get("numerator"), values.get("denominator")
    if values.get("value") is None and numerator is not None and denominator:
        values["value"] = (Decimal(100 * numerator) / Decimal(denominator)).quantize(
            Decimal("0.01")
        )
    for field, value in values.items():
        setattr(record, field, value if value is not None or field == "value" else None)
    if "note" in values and values["note"] is None:
        record.note = ""
    record.computed = computed
    record.entered_by = user
    _audited_save(record, user)
    return record


def store_computed(*, indicator: Indicator, period: date, end: date) -> IndicatorValue:
    """Work out a computed indicator for a period and store it, replacing what was there."""
    result = registry.compute(indicator.source, indicator.partnership, month_start(period), end)
    return record_value(
        indicator_id=indicator.pk,
        user=None,
        period=period,
        expected_version=None,
        computed=True,
        value=result.value,
        numerator=result.numerator,
        denominator=result.denominator,
    )
