"""Cases from the service's old Access database, exported as CSV or XLSX (docs/sendiass-import.md).

Every row is checked before anything is written; one bad row stops the whole import, and the
report names each bad row and column. Then all rows are written in one transaction.
"""

import csv
import io
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
        rows = list(sheet.iter_rows(values_only=True))
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
    problems: list[str] = []
    if raw:
        missing = [c for c in REQUIRED if c not in raw[0]]
        if missing:
            raise ImportFailed([f"The file has no column {', '.join(missing)}"])
    seen: set[str] = set()
    rows = []
    for number, data in enumerate(raw, start=2):
        row = Row(number)

        def bad(column: str, message: str, number: int = number) -> None:
            problems.append(f"Row {number}, {column}: {message}")

        for column in REQUIRED:
            if not data.get(column):
                bad(column, "is empty")
        ref = data.get("case_reference", "")
        if ref in seen:
            bad("case_reference", f"{ref} appears twice")
        seen.add(ref)
        row.values["legacy_reference"] = ref
        for column in ["referred_on", "closed_on", "child_date_of_birth"]:
            if data.get(column):
                try:
                    row.values[column] = _date(data[column])
                except ValueError as error:
                    bad(column, str(error))
            else:
                row.values[column] = None
        for column, lookup in [
            ("service_user_kind", KINDS),
            ("referral_route", ROUTES),
            ("heard_about", HEARD),
        ]:
            text = data.get(column, "")
            if text and text.casefold() not in lookup:
                bad(column, f"{text!r} is not one of {', '.join(sorted(set(lookup.values())))}")
            row.values[column] = lookup.get(text.casefold(), "")
        if row.values["referral_route"] == "exception" and not data.get(
            "referral_exception_reason"
        ):
            bad("referral_exception_reason", "a referral from someone else needs its reason")
        level = data.get("level", "")
        if level not in {"1", "2", "3", "4"}:
            bad("level", f"{level!r} is not 1, 2, 3 or 4")
        else:
            row.values["level"] = int(level)
        for column, lookup in [("issues", ISSUES), ("themes", THEMES)]:
            items = [i.strip() for i in data.get(column, "").split(";") if i.strip()]
            unknown = [i for i in items if i.casefold() not in lookup]
            if unknown:
                bad(column, f"unknown: {', '.join(unknown)}")
            row.values[column] = sorted(
                {lookup[i.casefold()] for i in items if i.casefold() in lookup}
            )
        worker = data.get("caseworker_user_id", "")
        if worker and not worker.isdigit():
            bad("caseworker_user_id", f"{worker!r} is not a user id")
        row.values["caseworker_user_id"] = int(worker) if worker.isdigit() else None
        if (
            row.values.get("closed_on")
            and row.values.get("referred_on")
            and (row.values["closed_on"] < row.values["referred_on"])
        ):
            bad("closed_on", "is before referred_on")
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
            row.values[column] = data.get(column, "")
        rows.append(row)
    if problems:
        raise ImportFailed(problems)
    return rows


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
