"""`sendtrack england-measures --year 2024 [--csv]`: every authority's timeliness measures.

For whoever runs sendtrack for many local authorities (or checks its figures against the
DfE's): each partnership's counts and rates for one calendar year, with an England total,
in the DfE "Education, health and care plans" column style. The 20-week columns keep the
DfE's names; the other measures are sendtrack's own (docs/statutory.md section 7).
Counts, not names: nothing here identifies a child.
"""

import csv

from django.core.management.base import BaseCommand, CommandError

from sendtrack.domain.statutory import Rate
from sendtrack.statutory.comparators import DFE_COLUMNS
from sendtrack.statutory.selectors.england import AuthorityMeasures, england_measures
from sendtrack.statutory.selectors.measures import MeasureRow, added_up

# (column prefix, measure key): each gives <prefix> (on time), tot_<prefix>, <prefix>_rate.
COUNTED = [
    ("decisions_6week", "decisions"),
    ("reviews_12month", "reviews"),
    ("transfers_by_deadline", "transfers"),
]
COLUMNS = [
    *DFE_COLUMNS,
    *[column for prefix, _ in COUNTED for column in (f"tot_{prefix}", prefix, f"{prefix}_rate")],
]


def _rate(rate: Rate) -> str:
    """As the DfE writes it: a percentage, or z (not applicable) when there are no cases."""
    return rate.display(empty="z").rstrip("%")


def _counts(row: MeasureRow) -> list[str | int]:
    values: list[str | int] = []
    for rate in (row.new_plans_ex, row.new_plans_inc):
        values += [rate.denominator, rate.numerator, _rate(rate)]
    for _prefix, key in COUNTED:
        rate = row.rate(key)
        values += [rate.denominator, rate.numerator, _rate(rate)]
    return values


class Command(BaseCommand):
    help = "Print every authority's EHC timeliness measures for a calendar year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The calendar year.")
        parser.add_argument(
            "--csv", action="store_true", dest="as_csv", help="Write CSV in the DfE column style."
        )

    def handle(self, *args, year: int, as_csv: bool, **options):
        if not 2014 <= year <= 9999:
            raise CommandError("--year must be a calendar year from 2014 (the SEN2 series start)")
        authorities = england_measures(year)
        england = added_up("England", (a.measures for a in authorities))
        rows = [[year, "Calendar year", "National", "", "", "", *_counts(england)]]
        for authority in authorities:
            rows.append(
                [
                    year,
                    "Calendar year",
                    "Local authority",
                    authority.region_name,
                    authority.la_code,
                    authority.la_name,
                    *_counts(authority.measures),
                ]
            )
        if as_csv:
            self._write_csv(rows)
        else:
            self._write_table(year, england, authorities)

    def _write_csv(self, rows: list[list[str | int]]) -> None:
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)

    def _write_table(
        self, year: int, england: MeasureRow, authorities: list[AuthorityMeasures]
    ) -> None:
        self.stdout.write(
            f"Timeliness measures for {year}: {len(authorities)} authorities"
            " (on time / cases = rate)"
        )
        for row, code in [(england, ""), *[(a.measures, a.la_code) for a in authorities]]:
            self.stdout.write(f"{row.label}{f' ({code})' if code else ''}")
            self.stdout.write(f"  20 weeks, excluding exceptions: {row.new_plans_ex}")
            self.stdout.write(f"  20 weeks, including exceptions: {row.new_plans_inc}")
            self.stdout.write(f"  decisions within 6 weeks:       {row.decisions}")
            self.stdout.write(f"  reviews within 12 months:       {row.reviews}")
            self.stdout.write(f"  transfers by the deadline:      {row.transfers}")
