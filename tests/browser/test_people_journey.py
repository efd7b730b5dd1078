"""A partnership administrator adds a sign-in, changes a person's email and finds every page
of People and sign-ins free of serious accessibility problems (axe-core)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    partnership = PartnershipFactory(slug="northdale", name="Northdale SEND Partnership")
    admin = UserFactory(username="admin")
    MembershipFactory(user=admin, partnership=partnership, role="administrator")
    organisation = OrganisationFactory(partnership=partnership, name="Northdale Council")
    PersonFactory(partnership=partnership, name="Lee Lead", organisation=organisation)
    return partnership


def test_an_administrator_manages_people_and_sign_ins(page, world, axe_violations):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="People and sign-ins").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    assert axe_violations(page) == [], "people"

    page.get_by_role("link", name="Lee Lead").click()
    page.get_by_label("Email address (optional)").fill("lee.lead@northdale.example")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Lee Lead saved")).to_be_visible()
    page.get_by_role("link", name="Lee Lead").click()
    expect(page.get_by_role("cell", name=re.compile("Changed.*Email"))).to_be_visible()
    assert axe_violations(page) == [], "a person, with history"

    page.goto("/p/northdale/people/organisations/")
    assert axe_violations(page) == [], "organisations"
    page.goto("/p/northdale/people/sign-ins/")
    assert axe_violations(page) == [], "sign-ins"
    page.get_by_role("link", name="Add a sign-in").click()
    page.get_by_role("button", name="Make the sign-in").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == [], "add a sign-in, with errors"
    page.get_by_label("Full name").fill("Nia New")
    page.get_by_label("Username").fill("nia")
    page.get_by_label("Role").select_option("viewer")
    page.get_by_role("button", name="Make the sign-in").click()
    expect(page.get_by_role("heading", name="Sign-in made")).to_be_visible()
    assert axe_violations(page) == [], "the set-password link"
    link = page.locator("code").inner_text()
    assert re.search(r"/sign-in/set-password/[^/]+/[^/]+/$", link)

    page.goto("/account/password/")
    assert axe_violations(page) == [], "change your password"
    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("a-brand-new-passphrase")
    page.get_by_label("New password confirmation").fill("a-brand-new-passphrase")
    assert axe_violations(page) == [], "choose your password"
    page.get_by_role("button", name="Set password").click()
    page.get_by_label("Username").fill("nia")
    page.get_by_label("Password").fill("a-brand-new-passphrase")
    page.get_by_role("button", name="Sign in").click()
    assert "/p/northdale/" in page.url
