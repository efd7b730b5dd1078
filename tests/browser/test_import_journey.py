"""A programme manager imports a peer-review plan in the browser: uploads it, sees what is
highlighted, fixes a lead and a date, matches initials to a person, confirms, and lands on the
new plan. The upload, preview and error pages pass axe-core.

The document is written here, in the shape of a peer-review implementation plan (a TAB table of
numbered recommendations whose summary actions are <ul><li> bullets, a date per bullet as a
month with no year, the year printed in the date column's name, leads given as initials, and a
glossary of terms at the end). None of its text comes from a real plan.
"""

import re

import pytest
from playwright.sync_api import expect

from sendtrack.plans.models import Action, Plan
from tests.browser.test_plan_journey import sign_in
from tests.factories import MembershipFactory, PartnershipFactory, PersonFactory, UserFactory
from tests.jobs.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _bullets(tag: str, *texts: str) -> str:
    items = " ".join(f"<li>{text}</li>" for text in texts)
    return f'<{tag} style="list-style-type: none"> {items} </{tag}>'


ROWS = [
    (
        "1",
        "Give governors a termly view of casework quality",
        _bullets("ul", "Sampling rota agreed with the quality team", "Governors review a sample"),
        "Mar  May",
        "RoTa",
        _bullets("ol", "Governors report on casework each term"),
    ),
    (
        "2",
        "Build a shared training offer on co-production for frontline staff",
        _bullets("ul", "Training needs surveyed across teams", "Course written with parent carers"),
        "Apr  Jnue",
        "",
        _bullets("ol", "Staff say they feel confident to co-produce plans"),
    ),
    (
        "3",
        "Shorten the wait for a first assessment appointment",
        _bullets("ul", "Waiting list reviewed and sorted by need"),
        "Sept",
        "RoTa",
        _bullets("ol", "Fewer families wait more than six weeks"),
    ),
]
DOCUMENT = (
    "Local Area Peer Review: recommendations and implementation plan DRAFT 2\n\n"
    "No\tRecommendation (verbatim)\tSummary actions\tWhen (2031)\tWho\tMeasure of success\n"
    + "".join("\t".join(row) + "\n" for row in ROWS)
    + "\n## Glossary\n\nQT quality team\n\nPCF Parent carer forum\n\n"
    + "CYP Children and young people\n"
)
TITLE = "Local Area Peer Review: recommendations and implementation plan DRAFT 2"


@pytest.fixture
def world():
    partnership = PartnershipFactory(slug="northdale", name="Northdale SEND Partnership")
    manager = UserFactory(username="manager")
    MembershipFactory(user=manager, partnership=partnership, role="programme_manager")
    return {
        "partnership": partnership,
        "robin": PersonFactory(partnership=partnership, name="Robin Tate", initials="RT"),
        "sam": PersonFactory(partnership=partnership, name="Sam Okafor", initials="SO"),
    }


def upload(page, name="peer-review-plan.txt", content: bytes | None = None):
    page.goto("/p/northdale/")
    page.get_by_role("link", name="Import a plan").click()
    page.get_by_label("Upload a plan document").set_input_files(
        {"name": name, "mimeType": "text/plain", "buffer": content or DOCUMENT.encode()}
    )
    page.get_by_role("button", name="Upload and preview").click()


def row(page, text):
    return page.get_by_role("row").filter(has_text=text)


def test_a_newcomer_imports_a_peer_review_plan(page, world, axe_violations):
    sign_in(page, "manager")
    upload(page)
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert "Nothing has been added to your plans yet" in page.inner_text("main")
    preview_url = page.url
    found = {"preview": axe_violations(page)}

    # What is highlighted, beside the action it belongs to.
    surveyed = row(page, "Training needs surveyed across teams")
    assert "No lead is named" in surveyed.inner_text()
    course = row(page, "Course written with parent carers")
    assert "The timeframe cannot be read" in course.inner_text()
    assert "Impossible date 'Jnue'" in course.inner_text()
    rota = row(page, "Sampling rota agreed with the quality team")
    assert "Names nobody in the partnership yet" in rota.inner_text()
    assert "Initials not resolved: RoTa" in rota.inner_text()
    # A month with no year takes the year printed in the column name: no problem there.
    assert "31 March 2031" in rota.inner_text()
    assert "Impossible date 'Mar'" not in rota.inner_text()
    assert Plan.objects.count() == 0  # nothing stored before confirm

    # Fix a lead and a date, and say who "RoTa" is.
    course.get_by_label("Lead of action 2.b").fill("Sam Okafor")
    course.get_by_label("Timeframe of action 2.b").fill("June")
    surveyed.get_by_label("Lead of action 2.a").fill("SO")
    page.get_by_label("“RoTa”").select_option(str(world["robin"].pk))
    page.get_by_role("button", name="Check my changes").click()

    course = row(page, "Course written with parent carers")
    assert "30 June 2031" in course.inner_text()
    assert "Changed" in course.inner_text()
    assert "Impossible date" not in page.inner_text("main")
    assert "No lead is named" not in page.inner_text("main")
    assert "Initials not resolved" not in page.inner_text("main")
    assert "Linked to Robin Tate" in row(page, "Sampling rota agreed").inner_text()
    assert Plan.objects.count() == 0

    page.get_by_role("button", name="Confirm and import the plan").click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    expect(page.get_by_text(f"{TITLE} imported with 5 actions")).to_be_visible()
    plan = Plan.objects.get()
    assert page.url.endswith(f"/p/northdale/plans/{plan.pk}/")
    actions = {a.ref: a for a in Action.objects.filter(plan=plan).prefetch_related("owners")}
    assert set(actions) == {"1.a", "1.b", "2.a", "2.b", "3"}
    assert actions["2.b"].due.isoformat() == "2031-06-30"
    assert [p.name for p in actions["2.b"].owners.all()] == ["Sam Okafor"]
    assert [p.name for p in actions["2.a"].owners.all()] == ["Sam Okafor"]
    assert [p.name for p in actions["3"].owners.all()] == ["Robin Tate"]
    assert actions["1.a"].measures == ["Governors report on casework each term"]

    # Opening the preview again and confirming it again stores nothing more. (Pages with
    # personal data are sent no-store, so Back cannot show a form's answer from the cache:
    # the person opens the preview's address again.)
    page.goto(preview_url)
    page.get_by_role("button", name="Confirm and import the plan").click()
    expect(page.get_by_role("heading", name="This plan has already been imported")).to_be_visible()
    found["already imported"] = axe_violations(page)
    page.get_by_role("link", name=f"Go to {TITLE}").click()
    assert page.url.endswith(f"/p/northdale/plans/{plan.pk}/")
    assert Plan.objects.count() == 1

    assert {name: v for name, v in found.items() if v} == {}


def test_the_upload_and_its_errors_pass_axe(page, world, axe_violations):
    sign_in(page, "manager")
    page.goto("/p/northdale/imports/upload/")
    found = {"upload": axe_violations(page)}

    page.get_by_role("button", name="Upload and preview").click()  # no file chosen
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    page.get_by_role("link", name="Select a plan document").click()
    assert page.evaluate("document.activeElement.type") == "file"
    found["no file"] = axe_violations(page)

    upload(page, name="notes.txt", content=b"\n \n\n")
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert "empty" in page.get_by_role("alert").inner_text()
    found["unreadable"] = axe_violations(page)
    assert Plan.objects.count() == 0

    assert {name: v for name, v in found.items() if v} == {}


@pytest.mark.usefixtures("database_queue")
def test_the_reading_page_passes_axe_and_turns_into_the_preview_by_itself(
    page, world, axe_violations
):
    """With the real queue: the page waits for the worker, then shows the preview."""
    sign_in(page, "manager")
    upload(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Reading your document…"
    assert page.get_by_role("status").inner_text() == "Waiting to start."
    found = axe_violations(page)
    run_worker()
    page.get_by_role("heading", level=1, name=TITLE).wait_for()  # checked again by itself
    assert "Nothing has been added to your plans yet" in page.inner_text("main")
    assert found == []


def test_a_manager_corrects_the_preview_without_javascript(
    page_without_javascript, world, axe_violations_without_javascript
):
    """Split, merge, a new wording and "not an action", each a plain form with a button: the
    plan confirmed is exactly the rows the preview ended with. The preview and the page of
    one action's changes pass axe-core as they are without JavaScript."""
    page = page_without_javascript
    check = axe_violations_without_javascript
    sign_in(page, "manager")
    upload(page)
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.locator("body.js-enabled")).to_have_count(0)  # no script has run
    found = {"preview": check(page)}

    page.get_by_role("button", name="Change action 2.a").click()
    expect(page.get_by_role("heading", level=1, name="Change an action (2.a)")).to_be_visible()
    found["change an action"] = check(page)
    page.get_by_label("Put each action on its own line").fill(
        "Training needs surveyed in early years\n\nTraining needs surveyed in schools\n"
    )
    page.get_by_role("button", name="Split the action").click()
    expect(row(page, "Training needs surveyed in early years")).to_contain_text("2.a.a")
    expect(row(page, "Training needs surveyed in schools")).to_contain_text("2.a.b")

    page.get_by_role("button", name="Change action 1.a").click()
    page.get_by_role("button", name="Merge with the next action").click()
    expect(
        row(page, "Sampling rota agreed with the quality team Governors review a sample")
    ).to_be_visible()

    page.get_by_role("button", name="Change action 3").click()
    page.get_by_label("What the action says").fill(
        "Waiting list reviewed each week and sorted by need"
    )
    page.get_by_role("button", name="Save the action").click()
    expect(row(page, "Waiting list reviewed each week and sorted by need")).to_be_visible()

    page.get_by_role("button", name="Change action 2.b").click()
    page.get_by_role("button", name="Not an action").click()
    expect(page.get_by_role("heading", name="Rows not taken as actions (1)")).to_be_visible()
    restore = re.compile(r"^This is an action\W+Course written with parent carers$")
    expect(page.get_by_role("button", name=restore)).to_be_visible()
    expect(row(page, "Course written with parent carers")).to_have_count(0)
    found["preview corrected"] = check(page)
    assert Plan.objects.count() == 0  # nothing stored before confirm

    page.get_by_role("button", name="Confirm and import the plan").click()
    expect(page.get_by_text(f"{TITLE} imported with 4 actions")).to_be_visible()
    plan = Plan.objects.get()
    assert [(a.ref, a.text) for a in Action.objects.filter(plan=plan).order_by("position")] == [
        # 1.a and 1.b, the row's two bullets, merged: the row's one action, "1" again
        ("1", "Sampling rota agreed with the quality team Governors review a sample"),
        ("2.a.a", "Training needs surveyed in early years"),
        ("2.a.b", "Training needs surveyed in schools"),
        ("3", "Waiting list reviewed each week and sorted by need"),
    ]
    assert {name: v for name, v in found.items() if v} == {}


UNSECTIONED = (
    "Northdale SEND Action Plan\n\n"
    "No\tAction\tWho\tWhen\tProgress\n"
    "1\tPublish the local offer pages with parent carers\tRT\tMarch 2032\tOn track\n"
    "2\tTrain every nursery in the graduated approach\tSO\tJune 2032\tIn progress\n"
)
FOOTER = "For more information contact the SEND team"


def test_a_manager_adds_missed_actions_and_removes_a_spurious_section_without_javascript(
    page_without_javascript, world, axe_violations_without_javascript
):
    """A plan with no sections: a missed action is added to it all the same; a line taken
    for a heading is removed after a warning, its action left in no section. The two step
    pages, and the first with its error, pass axe-core."""
    page = page_without_javascript
    check = axe_violations_without_javascript
    sign_in(page, "manager")
    upload(page, name="action-plan.txt", content=UNSECTIONED.encode())
    expect(page.get_by_text("The document has no sections.")).to_be_visible()

    page.get_by_role("button", name="Add a missed action").click()
    expect(page.get_by_role("heading", level=1, name="Add a missed action")).to_be_visible()
    expect(page.get_by_text("The plan has no sections")).to_be_visible()
    found = {"add with no sections": check(page)}
    page.get_by_role("button", name="Add the action").click()  # nothing typed
    expect(page.get_by_role("alert").get_by_text("Enter the action's text")).to_be_visible()
    found["add refused"] = check(page)
    page.get_by_label("What the action says").fill(FOOTER)
    page.get_by_role("button", name="Add the action").click()

    # The reader's mistake, made here by hand: the line becomes a heading.
    page.get_by_role("button", name="Change action 3").click()
    page.get_by_role("button", name="Make it a heading").click()
    page.get_by_role("button", name="Add a missed action").click()
    page.get_by_label("Section").select_option(label=FOOTER)
    page.get_by_label("What the action says").fill("Ring each family who asked")
    found["add with a section"] = check(page)
    page.get_by_role("button", name="Add the action").click()
    expect(row(page, "Ring each family who asked")).to_contain_text(f"In {FOOTER}")

    page.get_by_role("button", name=f"Change section {FOOTER}").click()
    page.get_by_role("button", name="Remove the section").click()
    expect(page.get_by_role("heading", level=1, name=f"Remove section “{FOOTER}”?")).to_be_visible()
    expect(page.get_by_text("Its 1 action will have no section.")).to_be_visible()
    expect(page.get_by_role("link", name="Back to the preview")).to_be_visible()
    found["remove a section"] = check(page)
    page.get_by_role("button", name="Remove the section").click()
    expect(page.get_by_text("The document has no sections.")).to_be_visible()
    expect(row(page, "Ring each family who asked")).not_to_contain_text(f"In {FOOTER}")

    page.get_by_role("button", name="Confirm and import the plan").click()
    expect(page.get_by_text("imported with 3 actions")).to_be_visible()
    stored = Action.objects.filter(plan=Plan.objects.get()).order_by("position")
    assert [(a.text, a.section_id) for a in stored] == [
        ("Publish the local offer pages with parent carers", None),
        ("Train every nursery in the graduated approach", None),
        ("Ring each family who asked", None),
    ]
    assert {name: v for name, v in found.items() if v} == {}
