"""Loading the DfE "Education, health and care plans" timeliness file (SEN2) as comparators.

The file layout is DfE's: a header row with time_period, geographic_level, region_name,
la_name, new_la_code, tot_no_exc_ehc, no_exc_20week_ehc, no_exc_20week_rate and, when
present, tot_inc_exc_ehc, inc_exc_20week_ehc, inc_exc_20week_rate. `z` (not applicable) and
`x` (not available) load as empty. Lines starting with `#` are notes and are skipped.
Loading the same file again updates rows; it never duplicates them.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from django.db import transaction

from .models import PUBLISHED_COMPARATORS, DfEComparator

# The columns sendtrack reads from the DfE file, in the file's order (it has more).
DFE_COLUMNS = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "region_name",
    "new_la_code",
    "la_name",
    "tot_no_exc_ehc",
    "no_exc_20week_ehc",
    "no_exc_20week_rate",
    "tot_inc_exc_ehc",
    "inc_exc_20week_ehc",
    "inc_exc_20week_rate",
]
OPTIONAL = ["time_identifier", "tot_inc_exc_ehc", "inc_exc_20week_ehc", "inc_exc_20week_rate"]
REQUIRED = [column for column in DFE_COLUMNS if column not in OPTIONAL]
MISSING = {"", "z", "x", "c", "low", ":"}


class ComparatorFileError(ValueError):
    """The file is not in the DfE layout, or a value is unreadable; nothing was loaded."""


@dataclass(frozen=True)
class LoadResult:
    rows: int
    created: int
    updated: int


def _count(value: str, column: str, line: int) -> int | None:
    value = value.strip().replace(",", "")
    if value.lower() in MISSING:
        return None
    try:
        return int(value)
    except ValueError as error:
        raise ComparatorFileError(
            f"Line {line}: {column} {value!r} is not a whole number"
        ) from error


def _rate(value: str, column: str, line: int) -> Decimal | None:
    value = value.strip()
    if value.lower() in MISSING:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ComparatorFileError(f"Line {line}: {column} {value!r} is not a number") from error


def load_comparators(stream: IO[str], source: str = PUBLISHED_COMPARATORS) -> LoadResult:
    """Load every row of a DfE timeliness CSV, all or nothing; `source` is shown under
    the figures wherever they are compared."""
    lines = [line for line in stream if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("".join(lines)))
    columns = set(reader.fieldnames or [])
    absent = [c for c in REQUIRED if c not in columns]
    if absent:
        raise ComparatorFileError(
            f"This is not the DfE timeliness layout: no {', '.join(absent)} column"
        )
    created = updated = 0
    with transaction.atomic():
        for line, row in enumerate(reader, start=2):
            try:
                period = int(str(row["time_period"]).strip()[:4])
            except ValueError as error:
                raise ComparatorFileError(
                    f"Line {line}: time_period {row['time_period']!r} is not a year"
                ) from error
            values = {
                "source": source,
                "time_identifier": (row.get("time_identifier") or "Calendar year").strip(),
                "la_name": (row["la_name"] or "").strip(),
                "tot_no_exc_ehc": _count(row["tot_no_exc_ehc"] or "", "tot_no_exc_ehc", line),
                "no_exc_20week_ehc": _count(
                    row["no_exc_20week_ehc"] or "", "no_exc_20week_ehc", line
                ),
                "no_exc_20week_rate": _rate(
                    row["no_exc_20week_rate"] or "", "no_exc_20week_rate", line
                ),
                "tot_inc_exc_ehc": _count(
                    row.get("tot_inc_exc_ehc") or "", "tot_inc_exc_ehc", line
                ),
                "inc_exc_20week_ehc": _count(
                    row.get("inc_exc_20week_ehc") or "", "inc_exc_20week_ehc", line
                ),
                "inc_exc_20week_rate": _rate(
                    row.get("inc_exc_20week_rate") or "", "inc_exc_20week_rate", line
                ),
            }
            _, was_created = DfEComparator.objects.update_or_create(
                time_period=period,
                geographic_level=(row["geographic_level"] or "").strip(),
                region_name=(row["region_name"] or "").strip(),
                new_la_code=(row["new_la_code"] or "").strip(),
                defaults=values,
            )
            created += was_created
            updated += not was_created
    return LoadResult(created + updated, created, updated)
