"""A lead signs in, updates an action and sees its RAG change; key pages pass axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sendtrack.plans.models import ImpactIndicator
from tests.factories import (
    PASSWORD,
    ActionFactory,
    FindingFactory,
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    RiskFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    partnership = PartnershipFactory(slug="northdale", name="Northdale SEND Partnership")
    lead = UserFactory(username="lead")
    MembershipFactory(user=lead, partnership=partnership, role="action_lead")
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    person = PersonFactory(partnership=partnership, user=lead, name="Lee Lead")
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    section = SectionFactory(plan=plan, title="Workstream 1 – Local Offer")
    action = ActionFactory(
        plan=plan,
        section=section,
        ref="1.1",
        text="Run parent focus groups on the Local Offer",
        due=timezone.localdate() - timedelta(days=5),
        owner_raw="Lee Lead",
    )
    action.owners.add(person)
    ActionFactory(plan=plan, section=section, ref="1.2", status="complete")
    RiskFactory(plan=plan, title="Capacity in the team")
    finding = FindingFactory(plan=plan)
    action.findings.add(finding)
    return {"plan": plan, "action": action, "finding": finding}


def sign_in(page, username):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_lead_updates_an_action_and_sees_its_rag_change(page, world):
    sign_in(page, "lead")
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Run parent focus groups")
    assert "Red" in row.inner_text()

    row.get_by_role("link", name="Add an update").click()
    page.get_by_label("Status").select_option("complete")
    page.get_by_label("What has happened since the last update?").fill("All four groups held.")
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("Your update was saved")).to_be_visible()
    expect(page.get_by_text("All four groups held.")).to_be_visible()

    page.get_by_role("link", name="Northdale written statement").click()
    row = page.get_by_role("row").filter(has_text="Run parent focus groups")
    assert "Blue (complete)" in row.inner_text()


def test_error_summary_links_to_the_field(page, world):
    sign_in(page, "lead")
    page.goto(f"/p/northdale/actions/{world['action'].pk}/update/")
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    page.get_by_role("link", name="Enter what has happened since the last update").click()
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_commentary"


def test_key_pages_have_no_serious_accessibility_violations(page, world, axe_violations):
    sign_in(page, "manager")
    plan, action, finding = world["plan"], world["action"], world["finding"]
    pages = {
        "dashboard": "/p/northdale/",
        "plan": f"/p/northdale/plans/{plan.pk}/",
        "action": f"/p/northdale/actions/{action.pk}/",
        "update form": f"/p/northdale/actions/{action.pk}/update/",
        "change form, with a date input": f"/p/northdale/actions/{action.pk}/edit/",
        "plan, with a date that is not real": f"/p/northdale/plans/{plan.pk}/"
        "?due_to-day=31&due_to-month=2&due_to-year=2026",
        "risk register": f"/p/northdale/plans/{plan.pk}/risks/",
        "finding": f"/p/northdale/findings/{finding.pk}/",
        "my actions": "/p/northdale/my-actions/",
    }
    found = {}
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, name
        heading_font = "getComputedStyle(document.querySelector('h1')).fontFamily"
        assert "GDS Transport" in page.evaluate(heading_font), f"{name}: styles not loaded"
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    page.context.clear_cookies()
    page.goto("/sign-in/")
    if violations := axe_violations(page):
        found["sign in"] = violations
    assert found == {}


def test_manager_builds_a_plan_from_empty(page, world, axe_violations):
    """Start an empty plan, add two workstreams, an action, a milestone (then mark it
    achieved) and a risk, with every page on the way free of serious axe violations."""
    found = {}

    def check(name):
        if violations := axe_violations(page):
            found[name] = violations

    sign_in(page, "manager")
    page.get_by_role("link", name="Start a new plan").click()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("link", name="Enter the title of the plan")).to_be_visible()
    check("start a plan, with an error")
    page.get_by_label("Title of the plan").fill("Northdale SEND improvement plan")
    page.get_by_label("Kind of plan").select_option("improvement_plan")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", name="Sections")).to_be_visible()

    for title in ("Identification of need", "Preparing for adulthood"):
        page.get_by_role("link", name="Add a section", exact=True).click()
        expect(page.get_by_role("button", name="Add the section")).to_be_visible()
        check("add a section")
        page.get_by_label("Title").fill(title)
        page.get_by_label("Kind of section").select_option("workstream")
        page.get_by_role("button", name="Add the section").click()
        expect(page.get_by_text(f"Section added: {title}")).to_be_visible()
    page.get_by_role("button", name="Move up Preparing for adulthood").click()
    expect(page.get_by_text("Moved Preparing for adulthood up")).to_be_visible()
    check("sections")

    page.get_by_role("link", name="Add an action to Identification of need").click()
    page.get_by_label("Action", exact=True).fill("Train every SENCO in the graduated approach")
    page.get_by_label("Lead (optional)").fill("SEND advisory team")
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("9")
    page.get_by_label("Year").fill("2026")
    check("add an action")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added")).to_be_visible()

    page.get_by_role("link", name="Northdale SEND improvement plan").click()
    expect(page.get_by_role("row").filter(has_text="Train every SENCO")).to_be_visible()
    page.get_by_role("link", name="Add a milestone").click()
    page.get_by_label("Milestone").fill("Every school has a trained SENCO")
    page.get_by_role("button", name="Add the milestone").click()
    expect(page.get_by_text("Not yet recorded")).to_be_visible()
    page.get_by_role("link", name="Record achieved or missed").click()
    page.get_by_label("Achieved").check()
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Day").fill(str(yesterday.day))
    page.get_by_label("Month").fill(str(yesterday.month))
    page.get_by_label("Year").fill(str(yesterday.year))
    check("record a milestone")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Milestone recorded as achieved")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Every school has a trained SENCO")
    expect(row).to_contain_text(f"Achieved {yesterday:%-d %B %Y}")
    check("plan")

    page.get_by_role("link", name="Add a risk").click()
    page.get_by_label("Risk", exact=True).fill("Not enough educational psychologists")
    page.get_by_label("Description").fill("Vacancies stay open for months")
    page.get_by_label("Likelihood (1 rare to 5 almost certain)").select_option("4")
    page.get_by_label("Impact (1 minimal to 5 severe)").select_option("5")
    page.get_by_label("Likelihood once mitigated (1 to 5)").select_option("2")
    page.get_by_label("Impact once mitigated (1 to 5)").select_option("3")
    check("add a risk")
    page.get_by_role("button", name="Add the risk").click()
    risk = page.get_by_role("row").filter(has_text="Not enough educational psychologists")
    expect(risk).to_contain_text("20 very high")
    expect(risk).to_contain_text("likelihood 4 × impact 5")
    expect(risk).to_contain_text("6 medium")
    heat_map = page.get_by_role("table", name="Open risks by likelihood and impact, before")
    heat_map.get_by_role("link", name="1 risk before mitigation, likelihood 4, impact 5").click()
    expect(page.get_by_role("heading", name="Open risks with likelihood 4")).to_be_visible()
    check("risk register")
    assert found == {}


def test_manager_adds_a_finding_merges_splits_and_tracks_an_indicator(page, world, axe_violations):
    """Add a finding linked with checkboxes, merge one action into another with radios, split
    one in two, and track a section's impact indicator: no script needed, every page free of
    serious axe violations."""
    plan = world["plan"]
    ImpactIndicator.objects.create(
        partnership=plan.partnership,
        plan=plan,
        section=world["action"].section,
        text="Families rate the Local Offer as useful",
        kind="better_off",
    )
    found = {}

    def check(name):
        if violations := axe_violations(page):
            found[name] = violations

    sign_in(page, "manager")
    page.goto(f"/p/northdale/plans/{plan.pk}/")
    page.get_by_role("link", name="Add a finding").click()
    page.get_by_role("button", name="Save the finding").click()
    expect(page.get_by_role("link", name="Enter the finding")).to_be_visible()
    check("add a finding, with an error")
    page.get_by_label("Finding", exact=True).fill("Families cannot find the Local Offer")
    page.get_by_label("Workstream 1 – Local Offer").check()
    page.get_by_label("1.1: Run parent focus groups on the Local Offer").check()
    page.get_by_role("button", name="Save the finding").click()
    expect(page.get_by_text("Finding added")).to_be_visible()
    check("finding")

    page.goto(f"/p/northdale/actions/{world['action'].pk}/")
    page.get_by_role("link", name="Merge another action into this one").click()
    check("merge")
    page.get_by_label("1.2:", exact=False).check()
    page.get_by_role("button", name="Merge the actions").click()
    expect(page.get_by_text("Actions merged")).to_be_visible()
    expect(page.get_by_text("Merged from", exact=True)).to_be_visible()

    page.get_by_role("link", name="Split this action in two").click()
    page.get_by_label("What this action keeps").fill("Run parent focus groups")
    page.get_by_label("The new action", exact=True).fill("Publish what the groups said")
    page.get_by_label("Its leads").check()
    check("split")
    page.get_by_role("button", name="Split the action").click()
    expect(page.get_by_text("Split from", exact=True)).to_be_visible()
    check("split-off action")

    page.goto(f"/p/northdale/plans/{plan.pk}/")
    check("plan with impact indicators")
    page.get_by_role("button", name="Track this indicator").click()
    expect(page.get_by_text("Indicator added from the plan")).to_be_visible()
    assert found == {}


def test_lead_evidences_completion_and_the_manager_signs_it_off(
    page, world, axe_violations, settings, tmp_path
):
    """Where completion needs evidence and sign-off: a renamed program is refused, a PDF is
    kept, the action waits as not complete until the manager signs it off, then turns blue."""
    settings.SENDTRACK_UPLOAD_ROOT = tmp_path / "uploads"
    admin = UserFactory(username="admin")
    MembershipFactory(user=admin, partnership=world["plan"].partnership, role="administrator")
    found = {}

    def check(name):
        if violations := axe_violations(page):
            found[name] = violations

    sign_in(page, "admin")
    page.get_by_role("link", name="Plan settings").click()
    check("plan settings")
    sign_off = page.get_by_role("group", name="Does marking an action complete need evidence")
    sign_off.get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Plan settings saved")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, "lead")
    page.goto(f"/p/northdale/actions/{world['action'].pk}/update/")
    page.get_by_label("Status").select_option("complete")
    page.get_by_label("What has happened since the last update?").fill("All four groups held.")
    program = {"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 8}
    page.get_by_label("Evidence files", exact=True).set_input_files(program)
    page.get_by_role("button", name="Save the update").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link", name="The selected file must be a PDF")).to_be_visible()
    check("update form, with a refused file")
    pdf = {"name": "notes.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7 notes"}
    page.get_by_label("Evidence files", exact=True).set_input_files(pdf)
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("Your update was saved")).to_be_visible()
    expect(page.get_by_text("Awaiting sign-off", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="notes.pdf").click()
    assert download.value.suggested_filename == "notes.pdf"
    page.context.clear_cookies()

    sign_in(page, "manager")
    page.goto(f"/p/northdale/actions/{world['action'].pk}/")
    check("action awaiting sign-off")
    page.get_by_role("button", name="Sign off as complete").click()
    expect(page.get_by_text("Action signed off as complete")).to_be_visible()
    expect(page.get_by_text("Signed off as complete by")).to_be_visible()
    page.get_by_role("link", name="Northdale written statement").click()
    row = page.get_by_role("row").filter(has_text="Run parent focus groups")
    assert "Blue (complete)" in row.inner_text()
    assert found == {}


def test_a_leads_new_due_date_waits_for_the_managers_approval(page, world, axe_violations):
    """Where due-date changes need approval: the lead's new date waits as a request, the
    manager finds it under "Waiting for your decision", must give a reason to decline, and
    approves it; the date moves and the history says who approved."""
    admin = UserFactory(username="admin")
    MembershipFactory(user=admin, partnership=world["plan"].partnership, role="administrator")
    action = world["action"]
    found = {}

    def check(name):
        if violations := axe_violations(page):
            found[name] = violations

    sign_in(page, "admin")
    page.get_by_role("link", name="Plan settings").click()
    approval = page.get_by_role("group", name="Do due-date changes need a programme manager")
    approval.get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Plan settings saved")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, "lead")
    page.goto(f"/p/northdale/actions/{action.pk}/edit/")
    later = timezone.localdate() + timedelta(days=60)
    due = page.get_by_role("group", name="Due date")
    due.get_by_label("Day").fill(str(later.day))
    due.get_by_label("Month").fill(str(later.month))
    due.get_by_label("Year").fill(str(later.year))
    page.get_by_label("Reason for the new date").fill("The forum asked for a second round")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The new due date waits for a programme manager")).to_be_visible()
    expect(page.get_by_text("New due date waiting for approval")).to_be_visible()
    check("action with a request waiting")
    page.context.clear_cookies()

    sign_in(page, "manager")
    page.goto("/p/northdale/")
    requests = page.get_by_role("table", name="New due dates to approve or decline")
    requests.get_by_role("link", name="Run parent focus groups").click()
    check("decision")
    page.get_by_label("No, decline it").check()
    page.get_by_role("button", name="Save the decision").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link", name="Enter the reason for declining")).to_be_visible()
    check("decision, with an error")
    page.get_by_label("Yes, approve it").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("New due date approved")).to_be_visible()
    expect(page.get_by_text(f"{later:%-d %B %Y}").first).to_be_visible()
    expect(page.get_by_text("approved by", exact=False).first).to_be_visible()
    assert found == {}
