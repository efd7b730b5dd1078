"""`sendtrack import-cases` (all or nothing, a report per bad row) and the demo data."""

import io
import re
import time
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from sendtrack.accounts.models import User
from sendtrack.domain.statutory import Rate, add_months, annual_review_due
from sendtrack.statutory.demo import load_statutory_demo
from sendtrack.statutory.models import (
    AnnualReview,
    Child,
    DfEComparator,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    Setting,
    SettingContact,
    StatutoryArea,
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


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


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


def imported_review_due(tmp_path, born, issued, last_review=""):
    """Import one child with a plan and return the due date of the review opened for it."""
    run(tmp_path, [f"EHC-000009,Ivy,Hall,{born},111111,R,,,,,{issued},{last_review}"])
    return AnnualReview.objects.get(plan__child__case_reference="EHC-000009").due


def test_an_imported_under_five_is_due_a_review_in_6_months(tmp_path, partnership, school):
    """Born 1 June 2021, plan issued 10 March 2025 at age 3: review by 10 September 2025."""
    due = imported_review_due(tmp_path, "01/06/2021", "10/03/2025")
    assert due == date(2025, 9, 10)


def test_an_imported_ten_year_old_is_due_a_review_in_12_months(tmp_path, partnership, school):
    due = imported_review_due(tmp_path, "01/06/2015", "10/03/2025")
    assert due == date(2026, 3, 10)


def test_a_child_who_turns_5_before_the_12_months_gets_what_the_rule_says(
    tmp_path, partnership, school
):
    """Age is taken on the issue date (docs/statutory.md 5): 4 then, so 6 months, although
    the child is 5 by the review; the rule and the import agree."""
    born, issued = date(2020, 6, 1), date(2025, 3, 10)
    due = imported_review_due(tmp_path, uk(born), uk(issued))
    assert due == annual_review_due(issued, None, born) == date(2025, 9, 10)


def test_the_review_after_an_imported_meeting_uses_the_age_at_the_meeting(
    tmp_path, partnership, school
):
    """Plan issued at 4, last reviewed at 5 (1 July 2025): 12 months from that meeting."""
    due = imported_review_due(tmp_path, "01/06/2020", "01/09/2024", "01/07/2025")
    assert due == date(2026, 7, 1)


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


def report_for(tmp_path, lines):
    """Import lines that must be refused: the report (stderr), with nothing stored."""
    path = tmp_path / "cases.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was stored"):
        call_command("import_cases", str(path), partnership="northdale", stderr=err)
    assert Child.objects.count() == 0 and EHCNeedsAssessment.objects.count() == 0
    assert EHCPlan.objects.count() == 0 and AnnualReview.objects.count() == 0
    return err.getvalue()


def test_a_decision_needs_its_date_and_a_date_needs_its_decision(tmp_path, partnership, school):
    report = report_for(
        tmp_path,
        [
            *GOOD,
            "EHC-000003,Cat,Dale,01/01/2015,111111,5,03/03/2025,assess,,,,",
            "EHC-000004,Dan,Ede,01/01/2015,111111,5,03/03/2025,,10/04/2025,,,",
        ],
    )
    assert "Row 4: decision is given but decision_date is empty" in report
    assert "Row 5: decision_date is given but decision is empty" in report
    assert "Row 2" not in report and "Row 3" not in report


def test_a_final_plan_needs_a_decision_to_assess(tmp_path, partnership, school):
    report = report_for(
        tmp_path,
        [
            "EHC-000003,Cat,Dale,01/01/2015,111111,5,03/03/2025,,,21/07/2025,,",
            "EHC-000004,Dan,Ede,01/01/2015,111111,5,03/03/2025,not_assess,10/04/2025,"
            "21/07/2025,21/07/2025,",
            *GOOD,
        ],
    )
    assert "Row 2: final plan without a decision to assess" in report
    assert "Row 3: final plan without a decision to assess" in report
    assert "not 'not_assess'" in report


@pytest.mark.parametrize(
    "column",
    [
        "date_of_birth",
        "request_received",
        "decision_date",
        "final_issued",
        "plan_issued",
        "last_review_meeting",
    ],
)
def test_dates_after_today_are_refused(tmp_path, partnership, school, column):
    today = timezone.localdate()
    row = {
        "case_reference": "EHC-000003",
        "first_name": "Cat",
        "last_name": "Dale",
        "date_of_birth": "01/01/2015",
        "setting_urn": "111111",
        "year_group": "5",
        "request_received": uk(today - timedelta(days=120)),
        "decision": "assess",
        "decision_date": uk(today - timedelta(days=80)),
        "final_issued": uk(today - timedelta(days=20)),
        "plan_issued": uk(today - timedelta(days=20)),
        "last_review_meeting": "",
    }
    row[column] = uk(today + timedelta(days=1))
    report = report_for(tmp_path, [",".join(row[c] for c in HEADER.split(","))])
    assert f"Row 2: date in the future: {column} is after today" in report


def test_todays_dates_are_accepted(tmp_path, partnership, school):
    today = uk(timezone.localdate())
    out, _ = run(
        tmp_path,
        [f"EHC-000003,Cat,Dale,01/01/2015,111111,5,{today},assess,{today},{today},{today},"],
    )
    assert "1 children added" in out


def test_a_later_imported_review_meeting_moves_the_open_review(tmp_path, partnership, school):
    """Re-import after another review in the old system: the open review counts from the
    later meeting and is due by the rule (12 months here; under 5 at the meeting: 6)."""
    run(tmp_path, ["EHC-000009,Ivy,Hall,01/06/2020,111111,R,,,,,01/09/2024,10/03/2025"])
    review = AnnualReview.objects.get(plan__child__case_reference="EHC-000009")
    assert review.due == date(2025, 9, 10)  # aged 4 at the meeting: 6 months
    out, _ = run(tmp_path, ["EHC-000009,Ivy,Hall,01/06/2020,111111,R,,,,,01/09/2024,01/07/2025"])
    assert "1 reviews scheduled" in out
    review = AnnualReview.objects.get(plan__child__case_reference="EHC-000009")
    assert review.counted_from == date(2025, 7, 1)
    assert (
        review.due
        == annual_review_due(date(2024, 9, 1), date(2025, 7, 1), date(2020, 6, 1))
        == date(2026, 7, 1)
    )  # 5 at the meeting: 12 months
    assert review.version == 2 and review.history.count() == 2
    # The same or an earlier meeting leaves the open review alone.
    run(tmp_path, ["EHC-000009,Ivy,Hall,01/06/2020,111111,R,,,,,01/09/2024,10/03/2025"])
    review.refresh_from_db()
    assert review.counted_from == date(2025, 7, 1) and review.version == 2


def test_an_imported_meeting_does_not_overwrite_a_meeting_recorded_in_sendtrack(
    tmp_path, partnership, school
):
    run(tmp_path, ["EHC-000009,Ivy,Hall,01/06/2015,111111,5,,,,,01/09/2024,"])
    review = AnnualReview.objects.get()
    review.meeting_date = date(2025, 8, 20)
    review.save()
    run(tmp_path, ["EHC-000009,Ivy,Hall,01/06/2015,111111,5,,,,,01/09/2024,01/09/2025"])
    review.refresh_from_db()
    assert review.counted_from == date(2024, 9, 1) and review.meeting_date == date(2025, 8, 20)


def test_a_bad_row_also_stops_review_updates(tmp_path, partnership, school):
    run(tmp_path, ["EHC-000009,Ivy,Hall,01/06/2015,111111,5,,,,,01/09/2024,"])
    path = tmp_path / "cases.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                "EHC-000009,Ivy,Hall,01/06/2015,111111,5,,,,,01/09/2024,01/09/2025",
                "EHC-000010,Jo,Kay,01/06/2015,111111,5,,assess,,,,",
            ]
        )
    )
    with pytest.raises(CommandError, match="1 row of cases.csv has problems"):
        call_command("import_cases", str(path), partnership="northdale")
    review = AnnualReview.objects.get()
    assert review.counted_from == date(2024, 9, 1) and review.version == 1


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


def memberships(username):
    user = User.objects.get(username=username)
    return {(m.partnership.slug, m.role) for m in user.memberships.select_related("partnership")}


def test_generate_demo_for_another_partnership_makes_that_partnerships_own_users(partnership):
    """The demo's sign-ins (officer, senco …) stay Northvale's: another partnership's demo
    casework gets users of its own, and nobody becomes a member of a second partnership."""
    call_command("generate_demo", children=20, partnership="northvale", stdout=io.StringIO())
    out = io.StringIO()
    call_command("generate_demo", children=20, partnership="eastmere", stdout=out)

    for username in ("officer", "caseworker2", "teammanager", "senco"):
        assert {slug for slug, _ in memberships(username)} == {"northvale"}, username
    assert memberships("eastmere-officer") == {("eastmere", "casework_officer")}
    assert memberships("eastmere-teammanager") == {("eastmere", "team_manager")}
    assert memberships("eastmere-senco") == {("eastmere", "senco")}
    eastmere = Child.objects.filter(partnership__slug="eastmere")
    assert eastmere.exists()
    assert {c.officer.username.split("-")[0] for c in eastmere.select_related("officer")} == {
        "eastmere"
    }
    contact = SettingContact.objects.get(user__username="eastmere-senco")
    assert contact.setting.partnership.slug == "eastmere"
    assert not SettingContact.objects.filter(
        user__username="senco", setting__partnership__slug="eastmere"
    ).exists()
    assert "eastmere-officer" in out.getvalue() and "eastmere-senco" in out.getvalue()
    assert User.objects.get(username="eastmere-officer").check_password("sendtrack-demo")


def test_generate_demo_never_adds_a_user_of_another_partnership(partnership):
    """A username the demo would use, already taken by someone elsewhere, is refused rather
    than that person made a member of the demo's partnership."""
    taken = User.objects.create_user("eastmere-officer")
    taken.memberships.create(partnership=partnership, role="viewer")
    with pytest.raises(CommandError, match="eastmere-officer"):
        call_command("generate_demo", children=20, partnership="eastmere", stdout=io.StringIO())
    assert memberships("eastmere-officer") == {("northdale", "viewer")}
    assert not Child.objects.filter(partnership__slug="eastmere").exists()


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def demo_reviews(partnership, today):
    load_statutory_demo(partnership, children=300, open_assessments=0, settings=40, today=today)
    return list(
        AnnualReview.objects.filter(partnership=partnership)
        .select_related("plan__child")
        .order_by("plan__child__case_reference", "counted_from")
    )


def test_the_demo_reviews_under_fives_every_6_months_and_others_every_12(partnership):
    """The demo's under-5s, held and open, show the earlier review an officer must plan for."""
    today = date(2026, 3, 2)
    reviews = demo_reviews(partnership, today)
    under_five = [r for r in reviews if age_on(r.plan.child.date_of_birth, r.counted_from) < 5]
    older = [r for r in reviews if r not in under_five]
    assert under_five and older
    assert any(r.decision_notified is None for r in under_five)  # open, on the worklists
    assert all(r.due == add_months(r.counted_from, 6) for r in under_five)
    assert all(r.due == add_months(r.counted_from, 12) for r in older)
    # Same seed, same day: the same reviews.
    first = [(r.plan.child.case_reference, r.counted_from, r.due) for r in reviews]
    Child.objects.all().delete()
    Setting.objects.all().delete()
    again = [
        (r.plan.child.case_reference, r.counted_from, r.due)
        for r in demo_reviews(partnership, today)
    ]
    assert again == first


def test_the_demo_measures_page_compares_with_england_and_the_region(client, partnership):
    """Without any file from outside the project, the demo loads made-up England and region
    figures through the DfE loader, so the measures page has something to compare with."""
    load_statutory_demo(partnership, children=50, open_assessments=0)
    area = StatutoryArea.objects.get(partnership=partnership)
    year = timezone.localdate().year
    sign_in(client, "officer")
    page = client.get(
        reverse("statutory:measures", kwargs={"partnership": partnership.slug})
    ).content.decode()
    for level, label in [("National", "England"), ("Regional", area.region_name)]:
        row = DfEComparator.objects.get(time_period=year, geographic_level=level)
        shown = Rate(row.no_exc_20week_ehc, row.tot_no_exc_ehc)
        cell = f"{shown.display()} ({shown.numerator} of {shown.denominator})"
        assert re.search(rf">{label}</th>\s*<td[^>]*>{re.escape(cell)}</td>", page)
    # Made-up figures never pass for the DfE's: the page names them as synthetic.
    assert "Source: Synthetic demo figures in the DfE layout, not published statistics" in page
    assert "Education, health and care plans" not in page


def test_the_demo_never_replaces_a_loaded_dfe_file(partnership):
    DfEComparator.objects.create(
        time_period=2024, geographic_level="National", tot_no_exc_ehc=10, no_exc_20week_ehc=5
    )
    load_statutory_demo(partnership, children=20, open_assessments=0)
    assert list(DfEComparator.objects.values_list("tot_no_exc_ehc", flat=True)) == [10]
