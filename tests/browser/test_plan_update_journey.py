"""A programme manager loads next month's update into the plan already here: chooses the plan
on the upload page, checks the update's preview like any import, compares it with the plan,
sees what changed, leaves one change unticked, confirms, and lands on the same plan. The
preview and the differences page pass axe-core."""

import pytest
from playwright.sync_api import expect

from sendtrack.imports import services
from sendtrack.plans.models import Action, Plan, ProgressUpdate
from tests.browser.test_plan_journey import sign_in
from tests.factories import MembershipFactory, PartnershipFactory, PersonFactory, UserFactory
from tests.imports.test_plan_update import UPDATE_TEXT
from tests.imports.test_upload import PLAN_TEXT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plan():
    partnership = PartnershipFactory(slug="northdale", name="Northdale SEND Partnership")
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    PersonFactory(partnership=partnership, name="Jane Doe", initials="JaDo")
    draft = services.draft_from_upload(PLAN_TEXT.encode(), "april.txt")
    return services.confirm_import(draft=draft, partnership=partnership, user=manager)


def test_a_manager_loads_the_months_update_into_the_same_plan(page, plan, axe_violations):
    sign_in(page, "manager")
    page.goto("/p/northdale/imports/upload/")
    page.get_by_label("Upload a plan document").set_input_files(
        {"name": "may.txt", "mimeType": "text/plain", "buffer": UPDATE_TEXT.encode()}
    )
    page.get_by_label(f"An update of {plan.title}").check()
    page.get_by_role("button", name="Upload and preview").click()

    # Every upload is checked in the preview first; an update is then compared with its plan.
    expect(page.get_by_text("Nothing has been added to your plans yet")).to_be_visible()
    expect(page.get_by_role("heading", name="Compare with the plan")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm and import the plan")).to_have_count(0)
    found = {"preview": axe_violations(page)}
    page.get_by_role("button", name=f"Compare with {plan.title}").click()

    expect(page.get_by_role("heading", level=1, name=f"Update {plan.title}")).to_be_visible()
    assert "matched 3, changed 2, new 1, missing 1" in page.inner_text("main")
    found["differences"] = axe_violations(page)
    page.get_by_label("Apply the changes to action 1.2").uncheck()
    page.get_by_role("button", name="Confirm the update").click()

    expect(page.get_by_text("matched 3, changed 1, new 1, missing 1")).to_be_visible()
    assert page.url.endswith(f"/p/northdale/plans/{plan.pk}/")
    assert Plan.objects.count() == 1
    actions = {a.ref: a for a in Action.objects.filter(plan=plan)}
    assert actions["1.1"].status == "delayed" and "2.2" in actions
    assert actions["1.2"].due_raw == "Autumn Term 2031"  # left unticked
    assert ProgressUpdate.objects.get().date.isoformat() == "2031-05-31"
    assert {name: v for name, v in found.items() if v} == {}
