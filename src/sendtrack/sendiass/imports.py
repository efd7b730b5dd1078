"""Cases from the service's old Access database, exported as CSV or XLSX (docs/sendiass-import.md).

Every row is checked before anything is written; one bad row stops the whole import, and the
report names each bad row and column. Then all rows are written in one transaction.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import (
    CaseLevel,
    CaseStatus,
    Child,
    HeardAbout,
    Issue,
    ReferralRoute,
    SendiassCase,
    ServiceUser,
    ServiceUserKind,
    Theme,
)
from .routers import DATABASE
from .services import sync_case_topics

REQUIRED = [
    "case_reference",
    "referred_on",
    "service_user_kind",
    "service_user_name",
    "referral_route",
    "level",
]
OPTIONAL = [
    "closed_on",
    "email",
    "phone",
    "address",
    "heard_about",
    "child_name",
    "child_date_of_birth",
    "child_school",
    "referral_exception_reason",
    "issues",
    "themes",
    "caseworker_user_id",
    "notes",
]
COLUMNS = REQUIRED + OPTIONAL
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"]


class ImportFailed(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was imported")


def _choice_reader(choices: list[tuple[str, str]]):
    lookup = {}
    for value, label in choices:
        lookup[value.casefold()] = value
        lookup[str(label).casefold()] = value
    return lookup


KINDS = _choice_reader(ServiceUserKind.choices) | {
    "parent": "parent_carer",
    "carer": "parent_carer",
    "yp": "young_person",
}
ROUTES = _choice_reader(ReferralRoute.choices) | {
    "parent": "parent_carer",
    "yp": "young_person",
    "other": "exception",
}
HEARD = _choice_reader(HeardAbout.choices)
ISSUES = _choice_reader(Issue.choices)
THEMES = _choice_reader(Theme.choices)


def read_rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True)) if sheet is not None else []
        if not rows:
            return []
        header = [str(h or "").strip().lower() for h in rows[0]]
        return [
            {h: _cell(v) for h, v in zip(header, row, strict=False) if h}
            for row in rows[1:]
            if any(v not in (None, "") for v in row)
        ]
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return [
        {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        for row in reader
        if any((v or "").strip() for v in row.values())
    ]


def _cell(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


@dataclass
class Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)


def _date(text: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (use 31/03/2023)")


def check_rows(raw: list[dict[str, str]]) -> list[Row]:
    """Every row read and checked; ImportFailed names each problem of every row."""
    if raw:
        missing = [c for c in REQUIRED if c not in raw[0]]
        if missing:
            raise ImportFailed([f"The file has no column {', '.join(missing)}"])
    problems: list[str] = []
    seen: set[str] = set()
    rows = []
    for number, data in enumerate(raw, start=2):
        row = Row(number)
        row_problems = _read_row(data, row.values, seen)
        problems += [f"Row {number}, {column}: {message}" for column, message in row_problems]
        rows.append(row)
    if problems:
        raise ImportFailed(problems)
    return rows


# A problem with one column of a row: (column, message).
_Problem = tuple[str, str]


def _read_row(data: dict[str, str], values: dict[str, Any], seen: set[str]) -> list[_Problem]:
    """One row's values, read into ``values``, and its problems in column order."""
    problems = [(column, "is empty") for column in REQUIRED if not data.get(column)]
    ref = data.get("case_reference", "")
    if ref in seen:
        problems.append(("case_reference", f"{ref} appears twice"))
    seen.add(ref)
    values["legacy_reference"] = ref
    for step in _ROW_STEPS:
        problems += step(data, values)
    return problems


def _read_dates(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    """Dates in the formats Access exports; a date that cannot be read is left out."""
    problems = []
    for column in ["referred_on", "closed_on", "child_date_of_birth"]:
        if not data.get(column):
            values[column] = None
            continue
        try:
            values[column] = _date(data[column])
        except ValueError as error:
            problems.append((column, str(error)))
    return problems


def _read_choices(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    """Kind of service user, referral route and how they heard of us: a value or its label."""
    problems = []
    for column, lookup in [
        ("service_user_kind", KINDS),
        ("referral_route", ROUTES),
        ("heard_about", HEARD),
    ]:
        text = data.get(column, "")
        if text and text.casefold() not in lookup:
            problems.append(
                (column, f"{text!r} is not one of {', '.join(sorted(set(lookup.values())))}")
            )
        values[column] = lookup.get(text.casefold(), "")
    return problems


def _exception_reason(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    """A referral from someone other than the parent or young person needs its reason."""
    if values["referral_route"] == "exception" and not data.get("referral_exception_reason"):
        return [("referral_exception_reason", "a referral from someone else needs its reason")]
    return []


def _read_level(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    level = data.get("level", "")
    if level not in {"1", "2", "3", "4"}:
        return [("level", f"{level!r} is not 1, 2, 3 or 4")]
    values["level"] = int(level)
    return []


def _read_lists(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    """Issues and themes, separated by ";"; the known ones kept, sorted, once each."""
    problems = []
    for column, lookup in [("issues", ISSUES), ("themes", THEMES)]:
        items = [i.strip() for i in data.get(column, "").split(";") if i.strip()]
        unknown = [i for i in items if i.casefold() not in lookup]
        if unknown:
            problems.append((column, f"unknown: {', '.join(unknown)}"))
        values[column] = sorted({lookup[i.casefold()] for i in items if i.casefold() in lookup})
    return problems


def _read_caseworker(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    worker = data.get("caseworker_user_id", "")
    values["caseworker_user_id"] = int(worker) if worker.isdigit() else None
    if worker and not worker.isdigit():
        return [("caseworker_user_id", f"{worker!r} is not a user id")]
    return []


def _closed_after_referral(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    closed, referred = values.get("closed_on"), values.get("referred_on")
    if closed and referred and closed < referred:
        return [("closed_on", "is before referred_on")]
    return []


def _copy_text(data: dict[str, str], values: dict[str, Any]) -> list[_Problem]:
    """Free text, kept as written."""
    for column in [
        "service_user_name",
        "email",
        "phone",
        "address",
        "child_name",
        "child_school",
        "referral_exception_reason",
        "notes",
    ]:
        values[column] = data.get(column, "")
    return []


_ROW_STEPS: list[Callable[[dict[str, str], dict[str, Any]], list[_Problem]]] = [
    _read_dates,
    _read_choices,
    _exception_reason,
    _read_level,
    _read_lists,
    _read_caseworker,
    _closed_after_referral,
    _copy_text,
]
"""Each reads its columns into the row's values and returns their problems, in this order."""


def import_cases(path: Path) -> int:
    """Check every row, then write them all in one transaction. Returns the number of cases."""
    rows = check_rows(read_rows(path))
    taken = set(
        SendiassCase.objects.filter(
            legacy_reference__in=[r.values["legacy_reference"] for r in rows]
        ).values_list("legacy_reference", flat=True)
    )
    if taken:
        raise ImportFailed([f"Case {ref} was imported before" for ref in sorted(taken)])
    with transaction.atomic(using=DATABASE):
        for row in rows:
            v = row.values
            user = ServiceUser.objects.create(
                kind=v["service_user_kind"],
                name=v["service_user_name"],
                email=v["email"],
                phone=v["phone"],
                address=v["address"],
                heard_about=v["heard_about"],
            )
            child = None
            if v["child_name"]:
                child = Child.objects.create(
                    service_user=user,
                    name=v["child_name"],
                    school=v["child_school"],
                    date_of_birth=v["child_date_of_birth"].isoformat()
                    if v["child_date_of_birth"]
                    else "",
                )
            closed = v["closed_on"]
            case = SendiassCase.objects.create(
                legacy_reference=v["legacy_reference"],
                service_user=user,
                child=child,
                status=CaseStatus.CLOSED
                if closed
                else (CaseStatus.OPEN if v["caseworker_user_id"] else CaseStatus.WAITING),
                referred_on=v["referred_on"],
                opened_on=v["referred_on"],
                closed_on=closed,
                referral_route=v["referral_route"],
                referral_exception_reason=v["referral_exception_reason"],
                issues=v["issues"],
                themes=v["themes"],
                level=v["level"],
                caseworker_user_id=v["caseworker_user_id"],
                summary=v["notes"],
            )
            CaseLevel.objects.create(
                case=case, level=v["level"], applies_from=v["referred_on"], reason="Imported"
            )
            sync_case_topics([case])
    return len(rows)
