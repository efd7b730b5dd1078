"""The SENDIASS "done when": a caseworker signs in to the demo, opens a case, records consent
to speak to the SENCo and a refusal for the educational psychologist, records a contact, is
stopped from recording a contact with the EP, closes the case; the evaluation link works
signed out; the council's programme manager reaches none of it (SENDIASS staff sign in on
their own page with accounts held in the SENDIASS database); the annual report suppresses
small numbers. Key pages pass axe-core (no serious or critical violations)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from sendtrack.sendiass.demo import DEMO_PASSWORD, load_sendiass_demo
from sendtrack.sendiass.models import CaseStatus, SendiassCase
from tests.factories import PASSWORD, MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "sendiass"], transaction=True)


@pytest.fixture
def demo():
    # A small demo: the same sign-ins as `sendtrack load-demo`, fewer made-up cases.
    load_sendiass_demo(cases=30, contacts=90)
    partnership = PartnershipFactory(slug="northdale", name="Northdale SEND Partnership")
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    case = SendiassCase.objects.filter(status=CaseStatus.OPEN, level__lte=3).order_by("pk").first()
    return {"case": case}


def sign_in(page, username, password, at="/sign-in/"):
    page.goto(at)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def record_consent(page, party, organisation, decision):
    page.get_by_role("link", name="Record consent", exact=True).click()
    page.get_by_label("Person or role").fill(party)
    page.get_by_label("Organisation").fill(organisation)
    page.get_by_label("Their answer").select_option(decision)
    page.get_by_label("Who answered").fill("Parent")
    page.get_by_label("What they were told").fill("Why we would speak to them, and what about.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Consent recorded.")).to_be_visible()


def test_caseworker_journey_and_programme_manager_is_kept_out(page, demo, axe_violations):
    case = demo["case"]
    page.goto(reverse("sendiass:case_list"))
    assert "/sendiass/sign-in/" in page.url
    assert axe_violations(page) == [], "SENDIASS sign-in"
    sign_in(page, "sendiass-caseworker", DEMO_PASSWORD, at=page.url)

    page.goto(reverse("sendiass:case_list") + f"?reference={case.reference}")
    assert axe_violations(page) == [], "case list"
    page.get_by_role("link", name=case.reference).first.click()
    expect(page.get_by_role("heading", name=f"Case {case.reference}")).to_be_visible()
    assert axe_violations(page) == [], "case page"

    page.get_by_role("link", name="Record consent", exact=True).click()
    assert axe_violations(page) == [], "consent form"
    page.go_back()
    record_consent(page, "SENCo", "Northvale Academy", "given")
    record_consent(page, "Educational psychologist", "Northvale Council", "refused")
    parties = page.get_by_role("table", name="Consent for each named party")
    assert "Consent given" in parties.get_by_role("row").filter(has_text="SENCo").inner_text()
    assert "refused" in (
        parties.get_by_role("row").filter(has_text="Educational psychologist").inner_text().lower()
    )

    page.get_by_role("link", name="Record a contact").click()
    assert axe_violations(page) == [], "contact form"
    page.get_by_label("Minutes spent").fill("20")
    page.get_by_label("Who the service spoke to").select_option(label="SENCo, Northvale Academy")
    page.get_by_label("Notes").fill("Talked through the support plan.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Contact recorded.")).to_be_visible()
    expect(page.get_by_text("Talked through the support plan.")).to_be_visible()

    page.get_by_role("link", name="Record a contact").click()
    page.get_by_label("Minutes spent").fill("10")
    page.get_by_label("Who the service spoke to").select_option(
        label="Educational psychologist, Northvale Council"
    )
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_text("There is a problem")).to_be_visible()
    assert "You cannot record a contact with Educational psychologist" in summary.inner_text()
    assert axe_violations(page) == [], "contact form with the EP blocked"

    page.goto(reverse("sendiass:case_detail", kwargs={"case_id": case.pk}))
    page.get_by_role("link", name="Close the case").click()
    page.get_by_role("button", name="Close the case").click()
    expect(page.get_by_role("heading", name=f"Case {case.reference} closed")).to_be_visible()
    link = page.locator("code").inner_text()
    assert re.search(r"/sendiass/evaluation/[\w-]+/$", link)

    page.goto(reverse("sendiass:triage_queue"))
    assert axe_violations(page) == [], "triage queue"
    page.goto(reverse("sendiass:annual_report"))
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
    assert axe_violations(page) == [], "annual report"

    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_role("heading", name="Tell us what you thought of SENDIASS")).to_be_visible()
    assert "/evaluation/" in page.url and link.rstrip("/").rsplit("/", 1)[1] not in page.url
    assert axe_violations(page) == [], "public evaluation page"
    page.get_by_label("It was easy to contact the service").select_option("agree")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    page.goto(link)
    expect(page.get_by_role("heading", name="This link cannot be used")).to_be_visible()

    sign_in(page, "manager", PASSWORD)
    for url in [
        reverse("sendiass:home"),
        reverse("sendiass:case_list"),
        reverse("sendiass:case_detail", kwargs={"case_id": case.pk}),
        reverse("sendiass:triage_queue"),
        reverse("sendiass:annual_report"),
        reverse("sendiass:contact_new", kwargs={"case_id": case.pk}),
    ]:
        page.goto(url)
        assert "/sendiass/sign-in/" in page.url, url
        assert case.reference not in page.content()


def test_manager_pages_for_the_report_and_staff_pass_axe(page, demo, axe_violations):
    sign_in(page, "sendiass-manager", DEMO_PASSWORD, at=reverse("sendiass:sign_in"))
    page.goto(reverse("sendiass:self_assessment"))
    page.get_by_label("Standard").fill("3.5 Tribunal support")
    page.get_by_label("Rating").select_option("amber")
    page.get_by_label("Evidence, or explanation and actions").fill("Waiting list for support.")
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_text("Self-assessment saved.")).to_be_visible()
    assert axe_violations(page) == [], "self-assessment"
    for name in ["training", "steering_group", "staff", "change_password"]:
        page.goto(reverse(f"sendiass:{name}"))
        assert axe_violations(page) == [], name
    page.goto(reverse("sendiass:staff"))
    page.get_by_role("link", name="Invite a member of staff").click()
    page.get_by_role("button", name="Make the account").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == [], "staff form with an error"
    page.get_by_label("Full name").fill("Nia New")
    page.get_by_label("Username").fill("nia")
    page.get_by_label("Role").select_option("volunteer")
    page.get_by_role("button", name="Make the account").click()
    expect(page.get_by_role("heading", name="Account made")).to_be_visible()
    assert axe_violations(page) == [], "account made, with the link"
    page.goto(reverse("sendiass:staff"))
    page.get_by_role("link", name="Nia New").click()
    assert axe_violations(page) == [], "a staff member's page"
    page.goto(reverse("sendiass:annual_report"))
    expect(page.get_by_role("rowheader", name="3.5 Tribunal support")).to_be_visible()
    page.get_by_role("link", name="Download as PDF").click()  # made in the background
    expect(page.get_by_role("heading", name="The annual report PDF is ready")).to_be_visible()
    assert axe_violations(page) == [], "the PDF is ready"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
