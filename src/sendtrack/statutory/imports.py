"""`sendtrack import-cases`: children, assessments, plans and next reviews from a CSV or
Excel file, all or nothing. The column layout is in docs/statutory-import.md.

Each plan's next review is due by the domain rule given the child's date of birth, so a
child under 5 on the issue (or last review) date is due a review in 6 months, not 12.
Every row is checked before anything is stored; if any row is bad, the report lists each
problem by row number and nothing is stored. Rows are matched to existing children by case
reference, so importing the same file again updates rather than duplicates.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook

from sendtrack.accounts.models import Partnership, User
from sendtrack.domain.statutory import annual_review_due

from .models import (
    AnnualReview,
    AssessDecision,
    AssessmentOutcome,
    Child,
    EHCNeedsAssessment,
    EHCPlan,
    Requester,
    Setting,
    YearGroup,
)

REQUIRED = ["case_reference", "first_name", "last_name", "date_of_birth"]
OPTIONAL = [
    "upn",
    "setting_urn",
    "year_group",
    "officer_username",
    "request_received",
    "requested_by",
    "decision",
    "decision_date",
    "final_issued",
    "plan_issued",
    "named_setting_urn",
    "last_review_meeting",
]
DATE_COLUMNS = [
    "date_of_birth",
    "request_received",
    "decision_date",
    "final_issued",
    "plan_issued",
    "last_review_meeting",
]
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class ImportFileError(ValueError):
    """The file cannot be read or lacks required columns; nothing was stored."""


@dataclass
class RowProblem:
    row: int
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}"


@dataclass
class CaseRow:
    row: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportResult:
    children_created: int
    children_updated: int
    assessments: int
    plans: int
    reviews: int


def read_table(path: Path) -> list[dict[str, Any]]:
    """Rows of a .csv or .xlsx file as dicts keyed by the lower-cased header."""
    suffix = path.suffix.lower()
    table: list[list[Any]]
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        reader = csv.reader(io.StringIO(text))
        table = [row for row in reader]
    elif suffix == ".xlsx":
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.active
        table = (
            [list(row) for row in sheet.iter_rows(values_only=True)] if sheet is not None else []
        )
        workbook.close()
    else:
        raise ImportFileError("The file must be a .csv or .xlsx file")
    if not table:
        raise ImportFileError("The file is empty")
    header = [str(h or "").strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(f"The file has no {', '.join(missing)} column")
    unknown = [h for h in header if h and h not in REQUIRED + OPTIONAL]
    if unknown:
        raise ImportFileError(f"Unknown column(s): {', '.join(unknown)}")
    rows: list[dict[str, Any]] = []
    for values in table[1:]:
        if all(v is None or str(v).strip() == "" for v in values):
            rows.append({})
            continue
        rows.append({h: v for h, v in zip(header, values, strict=False) if h})
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> date | None:
    """A date from a cell; ValueError for text that is not one."""
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def validate(
    partnership: Partnership, rows: list[dict[str, Any]], today: date | None = None
) -> tuple[list[CaseRow], list[RowProblem]]:
    """Every row read and checked; only rows with no problem are good."""
    today = today or timezone.localdate()
    settings_by_urn = {
        s.urn: s for s in Setting.objects.filter(partnership=partnership).exclude(urn="")
    }
    officers = {u.username: u for u in User.objects.filter(memberships__partnership=partnership)}
    good: list[CaseRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(rows, start=2):  # row 1 is the header
        if not raw:
            continue
        values, row_problems = _read_row(raw)
        row_problems += _empty_required(values, row_problems)
        row_problems += _repeated_reference(values["case_reference"], index, seen)
        row_problems += _look_up(values, settings_by_urn, officers)
        row_problems += _date_problems(values, today)
        problems += [RowProblem(index, message) for message in row_problems]
        if not row_problems:
            good.append(CaseRow(index, values))
    return good, problems


def _read_row(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Every column's value as text or a date; a date that cannot be read is a problem."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for column in REQUIRED + OPTIONAL:
        if column not in DATE_COLUMNS:
            values[column] = _text(raw.get(column))
            continue
        try:
            values[column] = _date(raw.get(column))
        except ValueError as bad:
            problems.append(
                f"{column} {str(bad)!r} is not a date (use DD/MM/YYYY, e.g. 31/03/2025)"
            )
            values[column] = None
    return values, problems


def _empty_required(values: dict[str, Any], problems: list[str]) -> list[str]:
    """Required columns left empty; a date already reported as unreadable is not reported
    again as empty."""
    empty: list[str] = []
    for column in REQUIRED:
        if not values[column] and not any(column in p for p in problems + empty):
            empty.append(f"{column} is empty")
    return empty


def _repeated_reference(reference: str, index: int, seen: dict[str, int]) -> list[str]:
    """A case reference on two rows would store one child twice; ``seen`` keeps the first."""
    if reference in seen:
        return [f"case reference {reference} is also on row {seen[reference]}"]
    if reference:
        seen[reference] = index
    return []


def _look_up(
    values: dict[str, Any], settings_by_urn: dict[str, Setting], officers: dict[str, User]
) -> list[str]:
    """Settings, year group, officer, requester and decision: each must be one the system
    knows. Settings and officer are replaced by what they name, in this partnership."""
    problems: list[str] = []
    for column in ["setting_urn", "named_setting_urn"]:
        urn = values[column]
        if urn and urn not in settings_by_urn:
            problems.append(f"unknown setting: no setting has URN {urn} ({column})")
        values[column] = settings_by_urn.get(urn)
    if values["year_group"] and values["year_group"].upper() not in YearGroup.values:
        problems.append(f"year_group {values['year_group']!r} is not N, R or 1 to 14")
    values["year_group"] = values["year_group"].upper()
    if values["officer_username"] and values["officer_username"] not in officers:
        problems.append(f"unknown officer {values['officer_username']!r}")
    values["officer"] = officers.get(values["officer_username"])
    requested_by = values["requested_by"] or Requester.OTHER
    if requested_by not in Requester.values:
        problems.append(f"requested_by {requested_by!r} is not one of {Requester.values}")
    values["requested_by"] = requested_by
    if values["decision"] and values["decision"] not in AssessDecision.values:
        problems.append(f"decision {values['decision']!r} is not assess or not_assess")
    return problems


def _date_problems(values: dict[str, Any], today: date) -> list[str]:
    """No date in the future, and the dates of one case in an order that can happen."""
    problems = [
        f"date in the future: {column} is after today"
        for column in DATE_COLUMNS
        if values[column] and values[column] > today
    ]
    for rule in _DATE_ORDER_RULES:
        problems += rule(values)
    return problems


def _decision_and_its_date(values: dict[str, Any]) -> list[str]:
    decision, decided = values["decision"], values["decision_date"]
    problems = []
    if decision and not decided:
        problems.append("decision is given but decision_date is empty")
    if decided and not decision:
        problems.append("decision_date is given but decision is empty")
    return problems


def _final_plan_needs_assess(values: dict[str, Any]) -> list[str]:
    """A final plan is issued only after a decision to assess."""
    decision = values["decision"]
    if not values["final_issued"] or decision == AssessDecision.ASSESS:
        return []
    return [
        "final plan without a decision to assess: final_issued needs decision 'assess'"
        + (f", not {decision!r}" if decision else "")
    ]


def _needs_request(values: dict[str, Any]) -> list[str]:
    """A decision or a final plan answers a request, so the request's date is needed."""
    if values["request_received"]:
        return []
    return [
        f"{column} is given but request_received is empty"
        for column in ["decision", "decision_date", "final_issued"]
        if values[column]
    ]


def _after_request(values: dict[str, Any]) -> list[str]:
    received = values["request_received"]
    return [
        f"{column} is before the request was received"
        for column in ["decision_date", "final_issued"]
        if received and values[column] and values[column] < received
    ]


def _review_after_issue(values: dict[str, Any]) -> list[str]:
    """An annual review is of an issued plan, held after it was issued."""
    issued, review = values["plan_issued"], values["last_review_meeting"]
    if review and not issued:
        return ["last_review_meeting is given but plan_issued is empty"]
    if review and review < issued:
        return ["review before plan issue: last_review_meeting is before plan_issued"]
    return []


def _after_birth(values: dict[str, Any]) -> list[str]:
    born = values["date_of_birth"]
    return [
        f"{column} is before the date of birth"
        for column in ["request_received", "plan_issued"]
        if born and values[column] and values[column] < born
    ]


_DATE_ORDER_RULES: list[Callable[[dict[str, Any]], list[str]]] = [
    _decision_and_its_date,
    _final_plan_needs_assess,
    _needs_request,
    _after_request,
    _review_after_issue,
    _after_birth,
]
"""Checked in this order, so the report lists a row's problems in the same order each time."""


@transaction.atomic
def store(partnership: Partnership, rows: list[CaseRow]) -> ImportResult:
    existing = {
        c.case_reference: c
        for c in Child.objects.filter(
            partnership=partnership, case_reference__in=[r.values["case_reference"] for r in rows]
        )
    }
    created = updated = assessments = plans = reviews = 0
    for case in rows:
        v = case.values
        child = existing.get(v["case_reference"]) or Child(
            partnership=partnership, case_reference=v["case_reference"]
        )
        updated += child.pk is not None
        created += child.pk is None
        if child.pk is not None:
            child.version += 1
        child.first_name, child.last_name = v["first_name"], v["last_name"]
        child.date_of_birth = v["date_of_birth"]
        child.upn = v["upn"] or child.upn
        child.setting = v["setting_urn"] or child.setting
        child.year_group = v["year_group"] or child.year_group
        child.officer = v["officer"] or child.officer
        child.save()
        assessment = None
        if v["request_received"]:
            assessment, _ = EHCNeedsAssessment.objects.get_or_create(
                partnership=partnership,
                child=child,
                request_received=v["request_received"],
                defaults={"requested_by": v["requested_by"], "assigned_officer": child.officer},
            )
            assessment.decision = v["decision"] or assessment.decision
            assessment.decision_date = v["decision_date"] or assessment.decision_date
            if v["decision"] == AssessDecision.NOT_ASSESS:
                assessment.outcome = AssessmentOutcome.NOT_ASSESSED
                assessment.outcome_date = v["decision_date"]
            if v["final_issued"]:
                assessment.final_issued = v["final_issued"]
                assessment.outcome = AssessmentOutcome.PLAN_ISSUED
                assessment.outcome_date = v["final_issued"]
            assessment.save()
            assessments += 1
        if v["plan_issued"]:
            plan, plan_created = EHCPlan.objects.get_or_create(
                partnership=partnership,
                child=child,
                issued=v["plan_issued"],
                defaults={"named_setting": v["named_setting_urn"] or child.setting},
            )
            plans += plan_created
            if assessment and assessment.final_issued == plan.issued and not plan.assessment_id:
                plan.assessment = assessment
                plan.save()
            counted_from = v["last_review_meeting"] or plan.issued
            due = annual_review_due(plan.issued, v["last_review_meeting"], child.date_of_birth)
            open_review = (
                plan.reviews.select_for_update().filter(decision_notified__isnull=True).first()
            )
            if open_review is None:
                AnnualReview.objects.create(
                    partnership=partnership, plan=plan, counted_from=counted_from, due=due
                )
                reviews += 1
            elif (
                v["last_review_meeting"]
                and v["last_review_meeting"] > open_review.counted_from
                and open_review.meeting_date is None
            ):
                # A later meeting held in the old system: the open review counts from it.
                open_review.counted_from = counted_from
                open_review.due = due
                open_review.version += 1
                open_review.save()
                reviews += 1
    return ImportResult(created, updated, assessments, plans, reviews)


def import_cases(
    partnership: Partnership, path: Path, today: date | None = None
) -> tuple[ImportResult | None, list[RowProblem]]:
    """Check every row; store them all only if none is bad."""
    good, problems = validate(partnership, read_table(path), today)
    if problems:
        return None, problems
    return store(partnership, good), []
