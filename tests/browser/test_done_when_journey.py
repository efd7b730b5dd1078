"""Issue 14's "Done when", tried as a new user would: a programme manager starts an empty plan
and builds it (two workstreams, actions, a milestone, a finding, a risk on the heat map);
imports last month's plan document, then its next monthly update into the same plan (the
differences right, nothing duplicated); a lead uploads evidence and marks an action complete;
the manager signs it off and the dashboard's BRAG-over-time chart moves; the filtered XLSX
has RAG colours and the latest updates. Every page on the way is checked with axe-core.

The two documents in tests/browser/documents/ are written for this test (a fictional
partnership); none of their text comes from a real plan.
"""

from io import BytesIO
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from sendtrack.core.charts import month_label
from sendtrack.plans.models import Action, Plan, PlanSettings
from tests.browser.test_plan_journey import sign_in
from tests.factories import MembershipFactory, PartnershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENTS = Path(__file__).parent / "documents"
IMPORTED = "Harbourside SEND Written Statement of Action"
BUILT = "Harbourside SEND improvement plan"


@pytest.fixture
def world(settings, tmp_path):
    settings.SENDTRACK_UPLOAD_ROOT = tmp_path / "uploads"
    partnership = PartnershipFactory(slug="northdale", name="Northdale SEND Partnership")
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    lead = UserFactory(username="lead")
    MembershipFactory(user=lead, partnership=partnership, role="action_lead")
    PersonFactory(partnership=partnership, user=lead, name="Jane Doe", initials="JaDo")
    PlanSettings.objects.create(partnership=partnership, completion_needs_sign_off=True)
    return {"manager": manager, "lead": lead}


def fill_date(page, day, month, year, within=None):
    place = within or page
    place.get_by_label("Day").fill(str(day))
    place.get_by_label("Month").fill(str(month))
    place.get_by_label("Year").fill(str(year))


def upload(page, filename, update_of=None):
    page.goto("/p/northdale/")
    page.get_by_role("link", name="Import a plan").click()
    page.get_by_label("Upload a plan document").set_input_files(str(DOCUMENTS / filename))
    if update_of:
        page.get_by_label(f"An update of {update_of}").check()
    page.get_by_role("button", name="Upload and preview").click()


def fits_a_phone(page):
    """Nothing runs off the side of a 320px phone: wide tables scroll in their own region."""
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 720})
    return width <= 320


def figures(page, plan_title):
    return page.get_by_role("table", name=f"{plan_title}: the chart's figures")


def this_months_figures(page, plan_title):
    """This month's row of the table beside a plan's BRAG-over-time chart, by column."""
    table = figures(page, plan_title)
    header = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.get_by_role("row", name=month_label(timezone.localdate()))
    expect(row).to_have_count(1)
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    return {name: int(n) for name, n in zip(header[1:], cells, strict=True)}


def test_the_done_when_journey(page, world, axe_violations):
    found = {}

    def check(name):
        if violations := axe_violations(page):
            found[name] = violations

    # A programme manager starts an empty plan and builds it.
    sign_in(page, "manager")
    page.get_by_role("link", name="Start a new plan").click()
    page.get_by_label("Title of the plan").fill(BUILT)
    page.get_by_label("Kind of plan").select_option("improvement_plan")
    fill_date(page, 1, 4, 2026)
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", name="Sections")).to_be_visible()
    for title in ("Identification of need", "Preparing for adulthood"):
        page.get_by_role("link", name="Add a section", exact=True).click()
        page.get_by_label("Title").fill(title)
        page.get_by_label("Kind of section").select_option("workstream")
        page.get_by_role("button", name="Add the section").click()
        expect(page.get_by_text(f"Section added: {title}")).to_be_visible()
    check("sections")
    sections = page.url
    for workstream, text in (
        ("Identification of need", "Train every SENCO in the graduated approach"),
        ("Preparing for adulthood", "Map supported internships with local employers"),
    ):
        page.goto(sections)
        page.get_by_role("link", name=f"Add an action to {workstream}").click()
        page.get_by_label("Action", exact=True).fill(text)
        page.get_by_label("Lead (optional)").fill("SEND advisory team")
        fill_date(page, 30, 9, 2031)
        page.get_by_role("button", name="Add the action").click()
        expect(page.get_by_text("Action added")).to_be_visible()

    page.get_by_role("link", name=BUILT).click()
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Milestone").fill("Every school has a trained SENCO")
    page.get_by_role("button", name="Add the milestone").click()
    expect(page.get_by_text("Not yet recorded")).to_be_visible()
    assert fits_a_phone(page)

    page.get_by_role("link", name="Add a finding").click()
    page.get_by_label("Finding", exact=True).fill("Needs are identified late in the early years")
    page.get_by_label("Identification of need").check()
    page.get_by_role("button", name="Save the finding").click()
    expect(page.get_by_text("Finding added")).to_be_visible()
    check("finding")

    page.goto(f"/p/northdale/plans/{Plan.objects.get(title=BUILT).pk}/")
    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("Risk", exact=True).fill("Too few educational psychologists")
    page.get_by_label("Likelihood (1 rare to 5 almost certain)").select_option("4")
    page.get_by_label("Impact (1 minimal to 5 severe)").select_option("5")
    page.get_by_label("Likelihood once mitigated (1 to 5)").select_option("2")
    page.get_by_label("Impact once mitigated (1 to 5)").select_option("3")
    page.get_by_role("button", name="Add the risk").click()
    before = page.get_by_role("table", name="Open risks by likelihood and impact, before")
    cell = before.get_by_role("row", name="Likelihood 4 – Likely").get_by_role("cell").nth(4)
    expect(cell).to_contain_text("Very high")
    check("risk register with heat maps")
    page.set_viewport_size({"width": 320, "height": 640})  # a phone: nothing runs off the side
    for heat_map in page.locator(".app-heat-map").all():
        assert heat_map.evaluate("table => table.getBoundingClientRect().right") <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    expect(before.get_by_role("columnheader", name="Impact 5 – Severe")).to_be_visible()
    check("risk register on a phone")
    page.set_viewport_size({"width": 1280, "height": 720})
    cell.get_by_role("link").click()
    filtered = page.get_by_role("heading", name="Open risks with likelihood 4 – Likely")
    expect(filtered).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Too few educational")).to_be_visible()

    # Last month's plan document, imported as a new plan.
    upload(page, "harbourside-plan-april.txt")
    assert page.get_by_role("heading", level=1).inner_text() == IMPORTED
    check("import preview")
    page.get_by_role("button", name="Confirm and import the plan").click()
    expect(page.get_by_text(f"{IMPORTED} imported with 4 actions")).to_be_visible()
    imported = Plan.objects.get(title=IMPORTED)

    # Its next monthly update, loaded into the same plan.
    upload(page, "harbourside-update-may.txt", update_of=IMPORTED)
    expect(page.get_by_text("Nothing has been added to your plans yet")).to_be_visible()
    check("update preview")
    assert fits_a_phone(page)
    page.get_by_role("button", name=f"Compare with {IMPORTED}").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Update {IMPORTED}"
    expect(page.get_by_text("matched 3, changed 2, new 1, missing 1")).to_be_visible()
    check("update differences")
    assert fits_a_phone(page)
    page.get_by_role("button", name="Confirm the update").click()
    expect(page.get_by_text("matched 3, changed 2, new 1, missing 1")).to_be_visible()
    assert page.url.endswith(f"/p/northdale/plans/{imported.pk}/")
    assert Plan.objects.count() == 2
    refs = sorted(Action.objects.filter(plan=imported).values_list("ref", flat=True))
    assert refs == ["1.1", "1.2", "1.3", "2.1", "2.2"]  # nothing duplicated, 1.3 kept
    actions = {a.ref: a for a in Action.objects.filter(plan=imported)}
    assert actions["1.1"].status == "delayed"
    assert actions["1.2"].due_raw == "Spring Term 2032"
    page.context.clear_cookies()

    # The lead evidences an action and marks it complete.
    sign_in(page, "lead")
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    assert fits_a_phone(page)
    page.get_by_role("link", name="Add an update to 1.2").click()
    page.get_by_label("Status").select_option("complete")
    page.get_by_label("What has happened since the last update?").fill("All six guides published")
    guide = {"name": "guides.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7 guides"}
    page.get_by_label("Evidence files", exact=True).set_input_files(guide)
    check("progress update")
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("Your update was saved")).to_be_visible()
    expect(page.get_by_text("Awaiting sign-off", exact=True)).to_be_visible()
    page.context.clear_cookies()

    # The manager sees it waiting for a decision and signs it off.
    sign_in(page, "manager")
    page.goto("/p/northdale/")
    expect(page.get_by_role("heading", name="Waiting for your decision")).to_be_visible()
    before = this_months_figures(page, IMPORTED)
    waiting = page.get_by_role("table", name="Marked complete, awaiting sign-off")
    waiting.get_by_role("link", name="Publish plain-English guides").click()
    expect(page.get_by_role("button", name="Sign off as complete")).to_be_visible()
    check("action awaiting sign-off")
    page.get_by_role("button", name="Sign off as complete").click()
    expect(page.get_by_text("Action signed off as complete")).to_be_visible()

    # The dashboard's chart moves: this month's bar has one more blue, one fewer of another.
    page.goto("/p/northdale/")
    after = this_months_figures(page, IMPORTED)
    assert after["Blue"] == before["Blue"] + 1
    assert sum(after.values()) == sum(before.values())
    chart = page.locator(".app-brag").filter(has=figures(page, IMPORTED)).get_by_role("img")
    this_month = f"{month_label(timezone.localdate())}: {after['Blue']} complete"
    assert this_month in chart.locator("desc").text_content()
    words = chart.locator("text").first.evaluate("text => getComputedStyle(text).fontFamily")
    assert "GDS Transport" in words  # the service's font, not the browser's serif
    check("dashboard after sign-off")
    assert fits_a_phone(page)
    check("dashboard on a phone")

    # The plan filtered to one lead, downloaded as XLSX: colours and latest updates.
    page.get_by_role("link", name=IMPORTED).click()
    page.get_by_label("Lead").select_option("Jane Doe")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("Actions (3 matching)")).to_be_visible()
    check("plan filtered")
    assert fits_a_phone(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert sorted(rows) == ["1.1", "1.2", "2.2"]  # the filter on screen, and nothing else
    rag = header.index("RAG")
    done = rows["1.2"]
    assert done[rag].value == "Blue (complete)" and done[rag].fill.fgColor.rgb.endswith("1D70B8")
    assert done[header.index("Latest update")].value == "All six guides published"
    assert done[header.index("Latest update by")].value == str(world["lead"])
    assert done[header.index("Latest update date")].value.date() == timezone.localdate()
    assert done[header.index("Evidence")].value == 1
    delayed = rows["1.1"]
    assert delayed[header.index("Latest update")].value == "Delayed"
    assert delayed[header.index("Latest update date")].value.date().isoformat() == "2026-05-31"
    assert delayed[rag].fill.fgColor.rgb != "00000000"
    assert found == {}
