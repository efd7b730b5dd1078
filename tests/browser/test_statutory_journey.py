"""The statutory casework "done when", in a real browser on the demo data: a casework officer
records a decision to assess and sees the clock change; a SENCO sees their reviews due,
uploads paperwork and records the meeting; the officer sees it arrive; the measures page
compares the partnership with England and its region from a loaded DfE file. Key pages pass
axe-core."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sendtrack.statutory.comparators import load_comparators
from sendtrack.statutory.demo import DEMO_PASSWORD, load_statutory_demo
from sendtrack.statutory.models import Child, EHCNeedsAssessment
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "northvale"
# A tiny PDF: the upload check recognises the file by its first bytes.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def comparator_csv(year: int) -> str:
    """A synthetic file in the DfE layout: England and the demo's region (West Midlands)."""
    header = (
        "time_period,time_identifier,geographic_level,region_code,region_name,new_la_code,"
        "old_la_code,la_name,new_all_ehc,tot_no_exc_ehc,no_exc_20week_ehc,no_exc_20week_rate,"
        "tot_inc_exc_ehc,inc_exc_20week_ehc,inc_exc_20week_rate"
    )
    return "\n".join(
        [
            "# Synthetic figures for the browser test, not DfE's.",
            header,
            f"{year},Calendar year,National,,,,,,42000,40000,20000,50,42000,20500,48.8",
            f"{year},Calendar year,Regional,E12000005,West Midlands,,,,4200,4000,3000,75,"
            "4200,3100,73.8",
        ]
    )


@pytest.fixture
def demo(settings, tmp_path):
    settings.SENDTRACK_UPLOAD_ROOT = tmp_path / "uploads"
    partnership = PartnershipFactory(slug=SLUG, name="Northvale SEND Partnership")
    load_statutory_demo(partnership, children=120, open_assessments=25, settings=6, seed=7)
    load_comparators(io.StringIO(comparator_csv(timezone.localdate().year)))
    return partnership


def sign_in(page, username):
    page.set_default_timeout(10_000)
    page.context.clear_cookies()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def clock_row(page, label="Decision whether to assess (6 weeks)"):
    return page.get_by_role("row").filter(has_text=label).first.inner_text()


def test_the_statutory_journey(page, demo):
    # A casework officer opens the worklist and records a decision to assess.
    sign_in(page, "officer")
    page.goto(f"/p/{SLUG}/statutory/")
    page.get_by_role("link", name="Requests awaiting a decision to assess").click()
    first_case = page.locator("tbody th a").first
    case_reference = first_case.inner_text()
    first_case.click()
    expect(page.get_by_text(case_reference).first).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Requested ")).first.click()
    before = clock_row(page)
    assert "Not yet" in before
    assert re.search(r"On time|Due soon|Overdue|Exception applies", before)
    page.get_by_role("link", name="Record the decision whether to assess").click()
    page.get_by_label("Decision", exact=True).select_option("assess")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    after = clock_row(page)
    assert after != before
    assert re.search(r"Met on time|Met late|Exception applies", after)
    assert "Not yet" not in after

    # A SENCO sees the reviews due at their school, uploads the paperwork and the meeting date.
    sign_in(page, "senco")
    page.goto(f"/p/{SLUG}/statutory/school/")
    expect(
        page.get_by_role("heading", name="Children with EHC plans at your setting")
    ).to_be_visible()
    link = page.get_by_role("link", name=re.compile("Record the meeting or upload paperwork")).first
    reviewed = re.search(r"EHC-\d+", link.inner_text()).group(0)
    link.click()
    today = timezone.localdate()
    meeting = page.get_by_role("group", name="Date of the review meeting")
    meeting.get_by_label("Day").fill(str(today.day))
    meeting.get_by_label("Month").fill("13")
    meeting.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Send to the council").click()
    # The error summary's link goes to the box that is wrong, which keeps what was typed.
    page.get_by_role("link", name="Date of the review meeting must be a real date").click()
    expect(meeting.get_by_label("Month")).to_be_focused()
    expect(meeting.get_by_label("Day")).to_have_value(str(today.day))
    meeting.get_by_label("Month").fill(f"{today:%B}")  # a month's name is understood
    page.get_by_label("Upload the review paperwork").set_input_files(
        {"name": "annual-review.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Send to the council").click()
    expect(page.get_by_text("Review details sent to the council")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=reviewed).first.inner_text()
    assert "Paperwork sent" in row

    # The officer sees the paperwork arrive on the child's page.
    sign_in(page, "officer")
    child = Child.objects.get(partnership=demo, case_reference=reviewed)
    page.goto(f"/p/{SLUG}/statutory/children/{child.pk}/")
    received = page.get_by_role("link", name=re.compile(r"^Received "))
    expect(received.first).to_be_visible()
    assert "Received" in received.first.inner_text()
    with page.expect_download() as download:
        received.first.click()
    assert download.value.suggested_filename.endswith(".pdf")

    # The measures page shows the partnership against England and its region.
    page.goto(f"/p/{SLUG}/statutory/measures/")
    caption = f"New EHC plans issued within 20 weeks, {timezone.localdate().year}"
    comparison = page.get_by_role("table", name=caption, exact=True)
    england = comparison.get_by_role("row").filter(has_text="England").inner_text()
    assert "50.0% (20000 of 40000)" in england and "48.8% (20500 of 42000)" in england
    region = comparison.get_by_role("row").filter(has_text="West Midlands").inner_text()
    assert "75.0% (3000 of 4000)" in region and "73.8% (3100 of 4200)" in region
    assert comparison.get_by_role("row").filter(has_text="sendtrack records").count() == 1


def test_statutory_pages_have_no_serious_accessibility_violations(page, demo, axe_violations):
    assessment = EHCNeedsAssessment.objects.filter(partnership=demo, outcome="").first()
    child = assessment.child
    pages = {
        "home": f"/p/{SLUG}/statutory/",
        "worklist": f"/p/{SLUG}/statutory/worklists/reviews-due/",
        "child": f"/p/{SLUG}/statutory/children/{child.pk}/",
        "assessment": f"/p/{SLUG}/statutory/assessments/{assessment.pk}/",
        "exception form": f"/p/{SLUG}/statutory/assessments/{assessment.pk}/exception/",
        "measures": f"/p/{SLUG}/statutory/measures/",
    }
    found = {}
    sign_in(page, "officer")
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, name
        if violations := axe_violations(page):
            found[name] = violations
    # The form's error summary, too.
    page.goto(pages["exception form"])
    page.get_by_role("button", name="Save the exception").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    if violations := axe_violations(page):
        found["exception form with errors"] = violations
    sign_in(page, "senco")
    for name, path in {"portal": f"/p/{SLUG}/statutory/school/"}.items():
        response = page.goto(path)
        assert response.status == 200, name
        if violations := axe_violations(page):
            found[name] = violations
        review_link = page.get_by_role("link", name=re.compile("Record the meeting")).first
        review_link.click()
        if violations := axe_violations(page):
            found["portal review"] = violations
    assert found == {}
