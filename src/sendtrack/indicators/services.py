"""Every change to indicators: one function each, one transaction, audited (simple_history
records who), and refused when someone else saved first (the `version` check)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from sendtrack.accounts.models import Partnership, User
from sendtrack.core.editing import Change, StaleEdit, changes_since, refuse_uneditable
from sendtrack.core.history import history_paused, note_changed_by
from sendtrack.domain.indicators import Direction as DomainDirection
from sendtrack.domain.indicators import Thresholds
from sendtrack.plans.models import ImpactIndicator, IndicatorKind

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

__all__ = [
    "NotInPartnership",
    "StaleEdit",
    "create_indicator",
    "record_value",
    "store_computed",
    "track_impact_indicator",
    "update_indicator",
]


def _check(indicator: Indicator) -> None:
    Thresholds(  # raises ValueError when amber and green are the wrong way round
        DomainDirection(indicator.direction),
        target=indicator.target_value,
        green_at=indicator.green_at,
        amber_at=indicator.amber_at,
    )
    if indicator.source != MANUAL and indicator.source not in registry.registered():
        raise ValueError(f"Unknown computed indicator {indicator.source}")


def _changes_since(indicator: Indicator, version: int) -> list[Change]:
    """What others changed since `version`, the links named as links."""
    return [
        replace(change, label=f"Linked {change.field}") if change.field in LINKS else change
        for change in changes_since(indicator, version)
    ]


def _audited_save(record: Any, user: User | None) -> None:
    record._history_user = user
    record.version += 1
    record.save()


LINKS = ("actions", "sections", "findings")


class NotInPartnership(ValueError):
    """A link to an action, section or finding of another partnership (or of none)."""


@transaction.atomic
def create_indicator(
    *, partnership: Partnership, user: User | None, links: dict[str, list] | None = None, **fields
) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not an indicator field: {', '.join(sorted(unknown))}")
    indicator = Indicator(partnership=partnership, **fields)
    _check(indicator)
    note_changed_by(indicator, user)
    indicator.save()
    if links and _set_links(indicator, links):
        indicator.save()  # one more history record, holding the links
    return indicator


def _set_links(indicator: Indicator, links: dict[str, list]) -> bool:
    """Link the indicator to what it evidences; True when a link changed.

    Only the indicator's own partnership's actions, sections and findings may be linked:
    anything else is refused. The history record is made by the caller's save after this,
    so one change of the indicator is one record, with its links.
    """
    unknown = set(links) - set(LINKS)
    if unknown:
        raise ValueError(f"Not a link: {', '.join(sorted(unknown))}")
    changed = False
    with history_paused(indicator):
        for name, items in links.items():
            related = getattr(indicator, name)
            wanted = {getattr(item, "pk", item) for item in items}
            allowed = set(
                related.model.objects.filter(
                    partnership_id=indicator.partnership_id, pk__in=wanted
                ).values_list("pk", flat=True)
            )
            if wanted - allowed:
                others = ", ".join(map(str, sorted(wanted - allowed)))
                raise NotInPartnership(f"Not {name} of this partnership: {others}")
            if allowed != set(related.values_list("pk", flat=True)):
                related.set(allowed)
                changed = True
    return changed


@transaction.atomic
def update_indicator(
    *,
    indicator_id: int,
    user: User | None,
    expected_version: int,
    changes: dict[str, Any],
    links: dict[str, list] | None = None,
) -> Indicator:
    """Change an indicator and, when `links` is given, what it evidences (the kinds named in
    `links` are replaced; the others are left alone)."""
    refuse_uneditable(changes, INDICATOR_FIELDS)
    indicator = Indicator.objects.select_for_update().get(pk=indicator_id)
    if indicator.version != expected_version:
        raise StaleEdit(_changes_since(indicator, expected_version))
    for field, value in changes.items():
        setattr(indicator, field, value)
    _check(indicator)
    if links is not None:
        _set_links(indicator, links)
    _audited_save(indicator, user)
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
        raise StaleEdit(changes_since(record, expected_version))
    elif expected_version is None and not computed:
        # Opened as a new month, which someone else has entered since: say who and what.
        value = "no value" if record.value is None else f"{record.value} {indicator.unit}"
        raise StaleEdit(
            [],
            unlisted=f"{record.entered_by or 'Someone'} entered a value for {period:%B %Y} "
            f"after you opened the page ({value.replace(' %', '%')}).",
        )
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


NAME_LENGTH = Indicator._meta.get_field("name").max_length or 300


@transaction.atomic
def track_impact_indicator(
    *, partnership: Partnership, impact_id: int, user: User | None
) -> tuple[Indicator, bool]:
    """Make a tracked indicator from an impact indicator a plan names for a section, linked
    to that section, in one step; the manager sets its unit and target afterwards.

    Returns the indicator and whether it is new: one already tracking it is returned as it
    is, so a button pressed twice makes one. A plan's indicator that names no question is
    an outcome it wants, so it answers "Is anyone better off?" until the manager says."""
    impact = (
        ImpactIndicator.objects.select_for_update()
        .filter(partnership=partnership, plan__archived_at__isnull=True)
        .get(pk=impact_id)
    )
    tracking = Indicator.objects.filter(
        partnership=partnership, impact_indicator=impact, archived_at__isnull=True
    ).first()
    if tracking is not None:
        return tracking, False
    text = " ".join(impact.text.split())
    name = text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1] + "…"
    kind = impact.kind or IndicatorKind.BETTER_OFF
    indicator = Indicator(
        partnership=partnership,
        name=name,
        description=text if name != text else "",
        kind=kind,
        unit="number" if kind == IndicatorKind.HOW_MUCH else "%",
        impact_indicator=impact,
    )
    note_changed_by(indicator, user)
    indicator.save()
    if impact.section_id is not None and _set_links(indicator, {"sections": [impact.section_id]}):
        indicator.save()  # one more history record, holding the link
    return indicator, True
