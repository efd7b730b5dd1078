"""`sendtrack import-cases` (all or nothing, a report per bad row) and the demo data."""

import io
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from sendtrack.accounts.models import User
from sendtrack.statutory.demo import load_statutory_demo
from sendtrack.statutory.models import (
    AnnualReview,
    Child,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    Setting,
    SettingContact,
)
from tests.statutory.factories import SettingFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "case_reference,first_name,last_name,date_of_birth,setting_urn,year_group,"
    "request_received,decision,decision_date,final_issued,plan_issued,last_review_meeting"
)
GOOD = [
    "EHC-000001,Ada,Brook,14/02/2015,111111,5,03/03/2025,assess,10/04/2025,21/07/2025,21/07/2025,",
    "EHC-000002,Ben,Carr,2012-09-01,111111,8,,,,,2022-01-10,2025-01-05",
]


@pytest.fixture
def school(partnership):
    return SettingFactory(partnership=partnership, urn="111111")


def run(tmp_path, lines, name="cases.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_cases", str(path), partnership="northdale", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_imports_and_reimports_without_duplicates(tmp_path, partnership, school):
    out, _ = run(tmp_path, GOOD)
    assert "2 children added, 0 updated, 1 assessments, 2 new plans, 2 reviews" in out
    ada = Child.objects.get(case_reference="EHC-000001")
    assessment = EHCNeedsAssessment.objects.get(child=ada)
    assert (
        assessment.outcome == "plan_issued" and assessment.plan.issued.isoformat() == "2025-07-21"
    )
    ben_review = AnnualReview.objects.get(plan__child__case_reference="EHC-000002")
    assert ben_review.due.isoformat() == "2026-01-05"  # 12 months from the last review
    out, _ = run(tmp_path, GOOD)
    assert "0 children added, 2 updated" in out
    assert Child.objects.count() == 2 and EHCPlan.objects.count() == 2
    assert AnnualReview.objects.count() == 2


def test_any_bad_row_stores_nothing_and_each_is_reported(tmp_path, partnership, school):
    bad = [
        *GOOD,
        "EHC-000003,Cat,Dale,31/02/2015,111111,5,,,,,,",
        "EHC-000004,Dan,Ede,01/01/2015,999999,5,,,,,,",
        "EHC-000005,Eve,Fox,01/01/2015,111111,5,,,,,10/01/2024,05/01/2023",
        "EHC-000001,Ada,Again,01/01/2015,111111,5,,,,,,",
    ]
    with pytest.raises(CommandError, match="4 rows of cases.csv have problems. Nothing"):
        run(tmp_path, bad)
    assert Child.objects.count() == 0 and EHCPlan.objects.count() == 0


def test_the_report_names_each_problem(tmp_path, partnership, school):
    path = tmp_path / "cases.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                "EHC-000003,Cat,Dale,31/02/2015,111111,5,,,,,,",
                "EHC-000004,Dan,Ede,01/01/2015,999999,5,,,,,,",
                "EHC-000005,Eve,Fox,01/01/2015,111111,5,,,,,10/01/2024,05/01/2023",
            ]
        )
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_cases", str(path), partnership="northdale", stderr=err)
    report = err.getvalue()
    assert "Row 2: date_of_birth '31/02/2015' is not a date" in report
    assert "Row 3: unknown setting: no setting has URN 999999" in report
    assert "Row 4: review before plan issue" in report


def test_excel_files_import(tmp_path, partnership, school):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    for line in GOOD:
        sheet.append(line.split(","))
    workbook.save(tmp_path / "cases.xlsx")
    out = io.StringIO()
    call_command("import_cases", str(tmp_path / "cases.xlsx"), partnership="northdale", stdout=out)
    assert "2 children added" in out.getvalue()


def test_a_file_without_the_columns_is_refused(tmp_path, partnership):
    path = tmp_path / "cases.csv"
    path.write_text("name,dob\nAda,2015-01-01\n")
    with pytest.raises(CommandError, match="no case_reference"):
        call_command("import_cases", str(path), partnership="northdale")


def sign_in(client, username):
    user = User.objects.get(username=username)
    assert user.check_password("sendtrack-demo")
    client.force_login(user)


def test_the_demo_is_deterministic_fast_and_usable(client, partnership):
    started = time.perf_counter()
    result = load_statutory_demo(partnership, children=300, open_assessments=40, settings=40)
    assert time.perf_counter() - started < 15
    assert (result.children, result.plans, result.open_assessments) == (340, 300, 40)
    assert Setting.objects.filter(partnership=partnership).count() == 40
    assert PhaseTransfer.objects.filter(partnership=partnership).exists()
    first = list(Child.objects.order_by("pk").values_list("first_name", "date_of_birth")[:20])
    assert load_statutory_demo(partnership).children == 0  # already there: nothing added
    senco = SettingContact.objects.get(user__username="senco")
    sign_in(client, "senco")
    portal = client.get(reverse("statutory:portal", kwargs={"partnership": partnership.slug}))
    assert portal.status_code == 200
    other_children = Child.objects.exclude(setting=senco.setting)[:50]
    page = portal.content.decode()
    assert not any(c.case_reference in page for c in other_children)
    sign_in(client, "officer")
    for slug in ["awaiting-decision", "reviews-due", "phase-transfers"]:
        response = client.get(
            reverse(
                "statutory:worklist", kwargs={"partnership": partnership.slug, "worklist": slug}
            )
        )
        assert response.status_code == 200
    # Same seed, same data.
    Child.objects.all().delete()
    Setting.objects.all().delete()
    load_statutory_demo(partnership, children=300, open_assessments=40, settings=40)
    again = list(Child.objects.order_by("pk").values_list("first_name", "date_of_birth")[:20])
    assert again == first


def test_generate_demo_command(partnership):
    out = io.StringIO()
    call_command("generate_demo", children=50, partnership="northdale", stdout=out)
    assert "Created 56 children (50 with plans, 6 open requests)" in out.getvalue()
