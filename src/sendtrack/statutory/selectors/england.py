"""England's figures: every partnership's measures side by side, and the DfE's published
England, regional and local authority figures a partnership is compared with."""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from sendtrack.accounts.models import Partnership
from sendtrack.domain.statutory import Rate

from ..models import DfEComparator, StatutoryArea
from .measures import MeasureRow, Measures, measure_queries, measure_rows


@dataclass
class AuthorityMeasures:
    """One partnership's measures for a year, with its place in the DfE statistics."""

    partnership: Partnership
    la_code: str
    la_name: str
    region_name: str
    measures: MeasureRow


def _by_partnership(event: str, officer: str, setting: str) -> Any:
    return F("partnership_id")


def england_measure_queries(year: int) -> dict[str, QuerySet[Any]]:
    """The grouped queries of `england_measures`: each measure kind, a row per partnership."""
    return measure_queries(Q(), year, _by_partnership)


def england_measures(year: int) -> list[AuthorityMeasures]:
    """Every partnership's measures for one calendar year, in five queries however many.

    The counts are those of `timeliness_measures` for each partnership (the same queries,
    grouped by partnership instead of month). Lists every partnership with a DfE area or a
    case counted in the year, by local authority name, then partnership name.
    """
    groups = measure_rows(england_measure_queries(year))
    partnerships = Partnership.objects.filter(
        Q(pk__in=list(groups)) | Q(statutory_area__isnull=False)
    ).select_related("statutory_area")
    result = []
    for partnership in partnerships:
        area = getattr(partnership, "statutory_area", None)
        row = groups.get(partnership.pk) or MeasureRow(label="")
        row.label = (area.la_name if area else "") or partnership.name
        result.append(
            AuthorityMeasures(
                partnership=partnership,
                la_code=area.la_code if area else "",
                la_name=row.label,
                region_name=area.region_name if area else "",
                measures=row,
            )
        )
    return sorted(result, key=lambda a: (a.la_name, a.partnership.name, a.partnership.pk))


@dataclass(frozen=True)
class Comparison:
    label: str
    excluding: Rate | None
    including: Rate | None
    source: str = ""


def _compared(label: str, row: DfEComparator | None) -> Comparison:
    return Comparison(label, *_comparator_rates(row), source=row.source if row else "")


def _comparator_rates(row: DfEComparator | None) -> tuple[Rate | None, Rate | None]:
    if row is None:
        return None, None
    ex = (
        Rate(row.no_exc_20week_ehc, row.tot_no_exc_ehc)
        if row.no_exc_20week_ehc is not None and row.tot_no_exc_ehc is not None
        else None
    )
    inc = (
        Rate(row.inc_exc_20week_ehc, row.tot_inc_exc_ehc)
        if row.inc_exc_20week_ehc is not None and row.tot_inc_exc_ehc is not None
        else None
    )
    return ex, inc


def comparisons(partnership: Partnership, measures: Measures) -> list[Comparison]:
    """The partnership's 20-week rates beside England's, its region's and its own published ones."""
    area = StatutoryArea.objects.filter(partnership=partnership).first()
    rows = list(DfEComparator.objects.filter(time_period=measures.year))
    national = next((r for r in rows if r.geographic_level == "National"), None)
    result = [
        Comparison(
            f"{partnership.name} (sendtrack records)",
            measures.total.new_plans_ex,
            measures.total.new_plans_inc,
        )
    ]
    if area and area.la_code:
        published = next(
            (
                r
                for r in rows
                if r.geographic_level == "Local authority" and r.new_la_code == area.la_code
            ),
            None,
        )
        if published:
            result.append(_compared(f"{published.la_name} (published by DfE)", published))
    if area and area.region_name:
        region = next(
            (
                r
                for r in rows
                if r.geographic_level == "Regional" and r.region_name == area.region_name
            ),
            None,
        )
        result.append(_compared(area.region_name, region))
    result.append(_compared("England", national))
    return result
