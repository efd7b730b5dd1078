"""The annual report's contents and its PDF and Word files; the manager's report records
(self-assessment, training, steering group); staff management; bank holidays."""

import re
from datetime import date
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from sendtrack.sendiass import reports, services
from sendtrack.sendiass.models import StandardAssessment
from tests.date_input import date_input
from tests.pdf_jobs import fetch_pdf

from .conftest import BOTH, make_case, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)

SMALL = re.compile(r"(?<![\\d,./:%+-])[1-4](?![\\d,./:%])")


@pytest.fixture
def report_data(access_for):
    by = access_for("manager")
    for n in range(6):
        make_case(by, name=f"Parent {n}", referred_on=date(2024, 5, 1), issues=["tribunal"])
    for n in range(3):
        make_case(by, name=f"Rare {n}", referred_on=date(2024, 6, 1), issues=["transport"])
    make_case(by, name="Earlier", referred_on=date(2023, 5, 1), issues=["transport"])
    services.save_standard_assessment(
        by=by, year=2024, standard="3.5 Tribunal support", rag="amber", evidence="Waiting list"
    )
    services.record_training(
        by=by,
        held_on=date(2024, 9, 10),
        direction="delivered",
        title="Annual reviews",
        audience="professionals",
        audience_detail="SENCos",
        attendees=3,
    )
    services.record_training(
        by=by,
        held_on=date(2024, 10, 1),
        direction="attended",
        title="IPSEA legal training level 2",
        audience="staff",
        audience_detail="",
        attendees=None,
    )
    services.record_steering_meeting(
        by=by, held_on=date(2024, 7, 1), changes="Parent carer forum place vacant"
    )


def _table(sections, caption):
    return next(t for s in sections for t in s.tables if t.caption == caption)


def test_report_has_the_plans_contents_and_suppresses(report_data):
    report = reports.annual_report(reports.financial_year(2024, date(2025, 1, 1)))
    sections = reports.report_sections(report)
    headings = [s.heading for s in sections]
    for heading in [
        "Self-assessment against the Minimum Standards",
        "Casework",
        "Evaluations and feedback",
        "Training",
        "Steering group",
    ]:
        assert heading in headings
    rag = _table(sections, "Self-assessment, April 2024 to March 2025")
    assert rag.rows == [["3.5 Tribunal support", "Amber", "Waiting list"]]
    issues = _table(sections, "Issues raised")
    assert ["Tribunal appeal", "6", "0", "new"] in issues.rows
    assert ["Transport", "fewer than 5", "fewer than 5", "not shown"] in issues.rows
    level = _table(sections, "New cases by level of support")
    assert level.rows[0] == ["Level 1", "9", "fewer than 5", "not shown"]
    steering = _table(sections, "Steering group")
    assert steering.rows[0][1] == "fewer than 5"
    for section in sections:
        for table in section.tables:
            for row in table.rows:
                for cell in row[1:]:
                    if table.numeric:
                        assert not SMALL.fullmatch(cell), (table.caption, row)


@pytest.mark.parametrize("period", ["2024-q1", "2024-q2", "2024-autumn", "2024-summer", "2024"])
def test_report_periods(period):
    report = reports.annual_report(reports.parse_period(period, date(2025, 1, 1)))
    assert report.previous.end < report.period.start
    assert (report.period.start - report.previous.end).days == 1


def _all_text_pdf(content: bytes) -> str:
    with pdfplumber.open(BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _all_text_docx(content: bytes) -> tuple[str, list[list[str]]]:
    document = Document(BytesIO(content))
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    return "\n".join(p.text for p in document.paragraphs), cells


def test_pdf_and_word_reports_suppress_small_numbers(client, staff, report_data):
    sign_in(client, staff["figures_viewer"])
    html = client.get(reverse("sendiass:annual_report") + "?period=2024").content.decode()
    assert "fewer than 5" in html and "Rare 0" not in html and "Parent 1" not in html

    response = fetch_pdf(client, reverse("sendiass:annual_report_pdf") + "?period=2024")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="sendiass-report-2024.pdf"' in response["Content-Disposition"]
    text = _all_text_pdf(response.content)
    assert "Tribunal appeal 6 0" in text
    assert "Transport fewer than 5 fewer than 5" in text
    assert "3.5 Tribunal support Amber" in text
    assert "Rare 0" not in text and "Parent 1" not in text and "pat@example.org" not in text

    response = client.get(reverse("sendiass:annual_report_docx") + "?period=2024")
    assert response.status_code == 200
    paragraphs, cells = _all_text_docx(response.content)
    assert ["Tribunal appeal", "6", "0", "new"] in cells
    assert ["Transport", "fewer than 5", "fewer than 5", "not shown"] in cells
    assert ["Professionals: people attending", "fewer than 5", "0", "not shown"] in cells
    assert "Rare 0" not in paragraphs + str(cells) and "pat@example.org" not in str(cells)
    numeric = [row[1:3] for row in cells if len(row) == 4 and row[0] not in {"Date"}]
    assert not [c for row in numeric for c in row if SMALL.fullmatch(c)]


def test_manager_records_the_self_assessment_training_and_steering_group(client, staff):
    sign_in(client, staff["manager"])
    url = reverse("sendiass:self_assessment") + "?period=2024"
    response = client.post(url, {"standard": "1.1 Accessible", "rag": "green", "evidence": "X"})
    assert response.status_code == 302
    client.post(url, {"standard": "1.1 Accessible", "rag": "red", "evidence": "Phones"})
    assessment = StandardAssessment.objects.get()
    assert (assessment.year, assessment.rag) == (2024, "red")
    assert assessment.history.count() == 2
    response = client.post(reverse("sendiass:self_assessment"), {"standard": "", "rag": ""})
    assert b"Enter the standard" in response.content

    response = client.post(
        reverse("sendiass:training"),
        {
            **date_input("held_on", "10/9/2024"),
            "direction": "delivered",
            "title": "EHC plans",
            "audience": "parent_carers",
            "attendees": "12",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("sendiass:steering_group"),
        {**date_input("held_on", "1/7/2024"), "changes": "Chair changed"},
    )
    assert response.status_code == 302
    assert b"Chair changed" in client.get(reverse("sendiass:steering_group")).content


def test_complaint_deadlines_skip_england_and_wales_bank_holidays():
    # Thursday 17 April 2025: Good Friday (18) and Easter Monday (21) are bank holidays.
    assert services.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)
    assert services.add_working_days(date(2025, 4, 17), 5) == date(2025, 4, 28)
    # Christmas: 25 and 26 December 2025, New Year's Day 2026.
    assert services.add_working_days(date(2025, 12, 24), 2) == date(2025, 12, 30)
    assert services.add_working_days(date(2025, 12, 24), 4) == date(2026, 1, 2)
    # St Andrew's Day (Scotland) is not skipped: Monday 1 December 2025 is a working day.
    assert services.add_working_days(date(2025, 11, 28), 1) == date(2025, 12, 1)


def test_case_topics_follow_the_cases_issues_and_themes(access_for):
    from sendtrack.sendiass.models import CaseTopic

    by = access_for("manager")
    case = make_case(by, issues=["tribunal", "transport"], themes=["delay"])
    rows = set(CaseTopic.objects.values_list("kind", "value", "referred_on"))
    assert rows == {
        ("issue", "tribunal", case.referred_on),
        ("issue", "transport", case.referred_on),
        ("theme", "delay", case.referred_on),
    }
    services.update_case(
        case_id=case.pk,
        by=by,
        expected_version=case.version,
        issues=["exclusion"],
        themes=[],
        summary="",
    )
    assert list(CaseTopic.objects.values_list("value", flat=True)) == ["exclusion"]
