"""A lead signs in, updates an action and sees its RAG change; key pages pass axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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
