"""Issue 7's "done when", in a real browser: a programme manager makes the April board report
of a plan as PDF and Word, opens a highlight report, publishes the public report and reads it
signed out; an indicator with six months of values shows its chart and the same figures in a
table. The reports, indicators and reminder pages pass axe-core."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sendtrack.indicators import services as indicator_services
from sendtrack.plans.models import IndicatorKind
from tests.factories import (
    PASSWORD,
    ActionFactory,
    FindingFactory,
    MembershipFactory,
    MilestoneFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RiskFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "northvale"
PLAN = "Northvale written statement of action"
WORKSTREAM = "Workstream 1 – Local Offer"
INDICATOR = "EHC plans issued within 20 weeks"
OFFICER = "Priya Shah"  # leads the actions; the partnership has not chosen to publish names


def month_before(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def last_april(today: date) -> date:
    """The April the board meets about: this year's if it has come, else last year's."""
    return date(today.year if today.month >= 4 else today.year - 1, 4, 1)


@pytest.fixture
def world():
    partnership = PartnershipFactory(slug=SLUG, name="Northvale SEND Partnership")
    manager = UserFactory(username="manager", first_name="Morgan", last_name="Manager")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    officer = PersonFactory(partnership=partnership, name=OFFICER, initials="PS")
    plan = PlanFactory(partnership=partnership, title=PLAN)
    section = SectionFactory(plan=plan, title=WORKSTREAM, ref="1")
    today = timezone.localdate()
    late = ActionFactory(
        plan=plan,
        section=section,
        ref="1.1",
        text="Run parent focus groups on the Local Offer",
        due=today - timedelta(days=10),
        owner_raw=OFFICER,
    )
    done = ActionFactory(
        plan=plan, section=section, ref="1.2", text="Publish the Local Offer", status="complete"
    )
    for action in (late, done):
        action.owners.add(officer)
    ProgressUpdateFactory(action=late, commentary="Two of four groups held.")
    RiskFactory(plan=plan, title="Capacity in the assessment team")
    MilestoneFactory(plan=plan)
    finding = FindingFactory(
        plan=plan, ref="F1", text="Parents do not know what support is available"
    )
    for action in (late, done):
        action.findings.add(finding)

    indicator = indicator_services.create_indicator(
        partnership=partnership,
        user=manager,
        links={"sections": [section]},
        name=INDICATOR,
        description="New EHC plans issued within the statutory 20 weeks, excluding exceptions.",
        kind=IndicatorKind.HOW_WELL,
        unit="%",
        direction="higher",
        target_value=Decimal("60"),
        amber_at=Decimal("45"),
    )
    # Six months of values, ending last month.
    periods = [month_before(today)]
    while len(periods) < 6:
        periods.insert(0, month_before(periods[0]))
    for index, period in enumerate(periods):
        indicator_services.record_value(
            indicator_id=indicator.pk,
            user=manager,
            period=period,
            expected_version=None,
            value=Decimal(30 + 5 * index),
            national=Decimal("50.2"),
        )
    return {
        "partnership": partnership,
        "plan": plan,
        "section": section,
        "indicator": indicator,
        "periods": periods,
        "manager": manager,
    }


def sign_in(page, username):
    page.set_default_timeout(15_000)
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def download(page, link_name):
    """Follow a download link as a user would; return the file's bytes."""
    with page.expect_download() as event:
        page.get_by_role("link", name=link_name, exact=True).click()
    path = event.value.path()
    with open(path, "rb") as file:
        return event.value.suggested_filename, file.read()


def download_pdf(page, link_name):
    """A PDF is made in the background: its link leads to the job's page, which links to the
    file once it is made (at once, with the tests' immediate task backend)."""
    report_url = page.url
    page.get_by_role("link", name=link_name, exact=True).click()
    expect(page.get_by_role("heading", name="Your PDF is ready", level=1)).to_be_visible()
    made = download(page, "Download the PDF")
    page.goto(report_url)
    return made


def test_a_programme_manager_makes_and_publishes_reports(page, world):
    april = last_april(timezone.localdate())
    sign_in(page, "manager")
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()

    # The board report for April, chosen on the page.
    page.get_by_label("Plan").select_option(label=PLAN)
    page.get_by_label("Month").select_option(label=f"{april:%B %Y}")
    page.get_by_role("button", name="Make the board report").click()
    expect(page.get_by_role("heading", name=f"Board report: {PLAN}", level=1)).to_be_visible()
    expect(page.get_by_text(f"{april:%B %Y}", exact=True).first).to_be_visible()
    assert f"/board/{april:%Y-%m}/" in page.url
    indicators = page.get_by_role("table", name="Indicators linked to this plan")
    assert INDICATOR in indicators.inner_text()

    name, pdf = download_pdf(page, "PDF")
    assert name.endswith(".pdf") and pdf.startswith(b"%PDF") and len(pdf) > 2_000
    name, docx = download(page, "Word document")
    assert name.endswith(".docx") and docx.startswith(b"PK") and len(docx) > 2_000

    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("Published as version 1")).to_be_visible()

    # The workstream's highlight report.
    page.get_by_role("link", name="Reports", exact=True).first.click()
    page.get_by_role("link", name=re.compile(WORKSTREAM)).click()
    heading = page.get_by_role("heading", name=f"Highlight report: 1 {WORKSTREAM}", level=1)
    expect(heading).to_be_visible()
    assert "Run parent focus groups" in page.locator("main").inner_text()

    # The public report: previewed, published, then read signed out.
    page.get_by_role("link", name="Reports", exact=True).first.click()
    page.get_by_role("link", name="Preview the public progress report").click()
    title = "Northvale SEND Partnership: our progress"
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("Published as version 1")).to_be_visible()

    page.get_by_role("link", name="Reports", exact=True).first.click()
    published = page.get_by_role("table", name="Published reports")
    public_row = published.get_by_role("row").filter(has_text=title).inner_text()
    assert "Public progress report" in public_row and "\t1\t" in public_row
    board_row = published.get_by_role("row").filter(has_text=f"Board report: {PLAN}").inner_text()
    assert f"{april:%B %Y}" in board_row and "Monthly board report" in board_row

    page.get_by_role("button", name=re.compile("^Sign out")).click()
    page.goto(f"/public/{SLUG}/")
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    assert page.get_by_role("button", name=re.compile("^Sign out")).count() == 0
    findings = page.get_by_role("table", name="Progress on each point we were asked to improve")
    row = findings.get_by_role("row").filter(has_text="F1").inner_text()
    assert "Parents do not know what support is available" in row and "1 of 2" in row
    public_text = page.locator("body").inner_text()
    for name in (OFFICER, "Morgan", "Manager", "manager"):
        assert name not in public_text, f"the public report names {name!r}"


def test_an_indicator_shows_its_chart_and_table(page, world):
    indicator, periods = world["indicator"], world["periods"]
    sign_in(page, "manager")
    page.get_by_role("link", name="Indicators", exact=True).click()
    page.get_by_role("link", name=INDICATOR).click()
    expect(page.get_by_role("heading", name=INDICATOR, level=1)).to_be_visible()

    chart = page.locator('svg[role="img"]')
    assert chart.count() == 1
    title = chart.locator("title").text_content()
    description = chart.locator("desc").text_content()
    assert INDICATOR in title
    assert f"{periods[0]:%b %Y}" in description and f"{periods[-1]:%b %Y}" in description
    # Assistive technology reads the chart by the title and description it points to.
    labelled_by = chart.get_attribute("aria-labelledby").split()
    assert [page.locator(f"#{id_}").text_content() for id_ in labelled_by] == [title, description]

    values = page.get_by_role("table", name=f"{INDICATOR}: values by month")
    rows = values.locator("tbody tr th[scope=row]")
    shown = [re.sub(r"\s*Change.*", "", t, flags=re.S).strip() for t in rows.all_inner_texts()]
    assert shown == [f"{period:%B %Y}" for period in periods]

    name, data = download(page, "CSV")
    assert name.endswith(".csv")
    exported = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert [row["Month"] for row in exported] == [f"{period:%Y-%m}" for period in periods]
    assert {row["Indicator"] for row in exported} == {indicator.name}


def test_report_and_indicator_pages_have_no_serious_accessibility_violations(
    page, world, axe_violations
):
    plan, section, indicator = world["plan"], world["section"], world["indicator"]
    april = last_april(timezone.localdate())
    base = f"/p/{SLUG}"
    found = {}

    def check(name, path=None):
        if path is not None:
            response = page.goto(path)
            assert response.status == 200, name
        if violations := axe_violations(page):
            found[name] = violations

    sign_in(page, "manager")
    check("reports index", f"{base}/reports/")
    # A month that is not offered (an old bookmark, a typed address) is refused with the
    # error summary, not a broken page.
    page.goto(f"{base}/reports/?plan={plan.pk}&month=1999-04")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    page.get_by_role("link", name="Select a month from the list").click()
    assert page.evaluate("document.activeElement.id") == "id_month"
    check("reports index with errors")
    check("board report", f"{base}/reports/plans/{plan.pk}/board/{april:%Y-%m}/")
    check("highlight report", f"{base}/reports/sections/{section.pk}/highlight/")
    check("public report preview", f"{base}/reports/public/")
    page.get_by_role("button", name="Publish this version").click()
    check("published version")
    check("published versions list", f"{base}/reports/")
    check("indicators list", f"{base}/indicators/")
    check("indicator", f"{base}/indicators/{indicator.pk}/")
    check("indicator form", f"{base}/indicators/{indicator.pk}/edit/")
    check("value form", f"{base}/indicators/{indicator.pk}/values/")
    check("reminder emails", f"{base}/reminders/")
    page.context.clear_cookies()
    check("public report, signed out", f"/public/{SLUG}/")
    assert found == {}


def test_a_programme_manager_makes_a_board_report_over_a_period(page, world, axe_violations):
    """Issue 14's board report a board can decide from: last quarter over the plan, the
    manager's summary first, each exception with the lead's update and the decision asked;
    the form and its errors pass axe."""
    late = world["plan"].actions.get(ref="1.1")
    late.status = "delayed"
    late.save()
    ProgressUpdateFactory(
        action=late,
        status="delayed",
        commentary="Two groups cancelled: no venue.",
        decision_asked="Agree to fund a venue for the last two groups.",
    )
    found = {}

    def check(name):
        if violations := axe_violations(page):
            found[name] = violations

    sign_in(page, "manager")
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Make a board report over a period").click()
    expect(
        page.get_by_role("heading", name="Make a board report over a period", level=1)
    ).to_be_visible()
    check("period report form")

    page.get_by_role("radio", name="Another period: give the first and last days").check()
    page.get_by_role("button", name="Preview the report").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    check("period report form with errors")
    page.get_by_role("link", name="Select at least one plan").click()
    assert page.evaluate("document.activeElement.id") == "id_plans"

    page.get_by_role("checkbox", name=PLAN).check()
    page.get_by_role("radio", name=re.compile("^This quarter")).check()
    page.get_by_label("Summary for the board").fill(
        "Good progress on the Local Offer.\n\nOne decision is needed: see the exceptions."
    )
    page.get_by_role("button", name="Preview the report").click()
    expect(page.get_by_role("heading", name=re.compile("^Board report: "), level=1)).to_be_visible()
    check("period report preview")
    sections = page.locator(".app-report h2").all_inner_texts()
    assert sections == ["Summary from the programme manager", PLAN]
    summary = page.locator(".app-report h2 + p").first.inner_text()
    assert summary == "Good progress on the Local Offer."
    exceptions = page.get_by_role(
        "table", name=re.compile("Red actions rated by hand")
    ).inner_text()
    assert "Two groups cancelled: no venue." in exceptions
    assert "Agree to fund a venue for the last two groups." in exceptions

    page.get_by_role("button", name="Publish this version").click()
    expect(page.get_by_text("Published as version 1")).to_be_visible()
    check("published period report")
    name, docx = download(page, "Word document")
    assert name.endswith(".docx") and docx.startswith(b"PK")
    assert found == {}
