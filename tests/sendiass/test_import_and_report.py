"""The Access import (all or nothing) and the annual report (small numbers suppressed)."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from sendtrack.sendiass import services
from sendtrack.sendiass.models import SendiassCase
from sendtrack.sendiass.reports import suppressed

from .conftest import BOTH, make_case, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)

HEADER = (
    "case_reference,referred_on,closed_on,service_user_kind,service_user_name,email,"
    "referral_route,referral_exception_reason,level,issues,themes,notes\n"
)
GOOD = (
    "A-1,03/04/2023,,Parent or carer,Pat One,pat@example.org,parent,,2,"
    "EHC plan content;annual_review,delay,Old notes\n"
    "A-2,2023-05-01,2023-07-01,young_person,Yan Two,,young person,,1,,,\n"
)


def test_import_csv(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(HEADER + GOOD)
    out = io.StringIO()
    call_command("sendiass_import", str(path), stdout=out)
    assert "Imported 2 case(s)" in out.getvalue()
    first = SendiassCase.objects.get(legacy_reference="A-1")
    assert first.issues == ["annual_review", "ehc_plan"] and first.level == 2
    assert first.service_user.name == "Pat One" and first.summary == "Old notes"
    assert SendiassCase.objects.get(legacy_reference="A-2").status == "closed"
    with pytest.raises(CommandError):
        call_command("sendiass_import", str(path), stdout=out, stderr=io.StringIO())
    assert SendiassCase.objects.count() == 2


def test_import_is_all_or_nothing_with_a_clear_report(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(HEADER + GOOD + "A-3,31/02/2023,,parent,Bad Row,,someone,,5,Homework,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("sendiass_import", str(path), stderr=err)
    report = err.getvalue()
    assert "Row 4, referred_on" in report
    assert "Row 4, referral_route" in report and "Row 4, level" in report
    assert "Row 4, issues: unknown: Homework" in report
    assert SendiassCase.objects.count() == 0


def test_import_xlsx(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        [
            "X-1",
            date(2023, 4, 3),
            None,
            "parent_carer",
            "Pat Xl",
            "",
            "parent_carer",
            "",
            3,
            "",
            "",
            "",
        ]
    )
    path = tmp_path / "cases.xlsx"
    book.save(path)
    call_command("sendiass_import", str(path), stdout=io.StringIO())
    assert SendiassCase.objects.get().level == 3


def test_suppression():
    assert [suppressed(n) for n in (0, 1, 4, 5, 1234)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "5",
        "1,234",
    ]


def test_annual_report_compares_years_and_suppresses_small_numbers(client, staff, access_for):
    by = access_for("caseworker")
    for n in range(6):
        make_case(by, name=f"Parent {n}", referred_on=date(2024, 5, 1), issues=["tribunal"])
    make_case(by, name="Earlier", referred_on=date(2023, 5, 1), issues=["transport"])
    sign_in(client, staff["figures_viewer"])
    response = client.get(reverse("sendiass:annual_report") + "?year=2024")
    assert response.status_code == 200
    report = response.context["report"]
    assert report.period.label == "April 2024 to March 2025"
    issues = next(t for t in report.tables if t.title == "Issues raised")
    tribunal = next(r for r in issues.rows if r.label == "Tribunal appeal")
    transport = next(r for r in issues.rows if r.label == "Transport")
    assert (tribunal.now_shown, tribunal.before_shown) == ("6", "0")
    assert (transport.now, transport.before_shown) == (0, "fewer than 5")
    html = response.content.decode()
    assert "Parent 1" not in html and "fewer than 5" in html


def test_deficit_report(client, staff, access_for):
    services.record_deficit(
        by=access_for("caseworker"),
        recorded_on=date(2024, 6, 1),
        request="Tribunal representation",
        reason="capacity",
    )
    sign_in(client, staff["figures_viewer"])
    response = client.get(reverse("sendiass:deficits") + "?year=2024")
    assert response.context["rows"][0]["label"] == "Not enough caseworker time"
    assert "Tribunal representation" not in response.content.decode()
