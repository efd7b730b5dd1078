"""A lead's "My actions": in the order work is due, finished work apart, each row with its
last update and a link to add one; and the page a lead lands on after signing in."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sendtrack.domain.dates import format_date
from sendtrack.plans import selectors
from tests.factories import (
    PASSWORD,
    ActionFactory,
    PersonFactory,
    PlanFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def actions(partnership, members):
    today = timezone.localdate()
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    lead = members["lead_person"]

    def mine(text, **fields):
        action = ActionFactory(plan=plan, text=text, **fields)
        action.owners.add(lead)
        return action

    made = {
        "later": mine("Review the short breaks offer", due=today + timedelta(days=300)),
        "update_due": mine("Refresh the SEND strategy", due=today + timedelta(days=200)),
        "due_soon": mine("Hold the parent forum", due=today + timedelta(days=5)),
        "overdue": mine("Publish the Local Offer pages", due=today - timedelta(days=10)),
        "completed": mine("Train the contact centre", status="complete"),
    }
    ProgressUpdateFactory(action=made["update_due"], date=today - timedelta(days=40))
    ProgressUpdateFactory(action=made["later"], date=today - timedelta(days=3))
    archived = mine("An archived action", archived_at=timezone.now())
    someone_else = ActionFactory(plan=plan, text="Someone else's action", due=today)
    someone_else.owners.add(PersonFactory(partnership=partnership, name="Sam Other"))
    return {**made, "archived": archived}


def test_my_actions_are_in_the_order_work_is_due(client_for, members, partnership, actions):
    page = client_for(members["action_lead"]).get(url("my_actions", partnership)).content.decode()
    order = [
        "Overdue (1)",
        "Publish the Local Offer pages",
        "Due in the next 30 days (1)",
        "Hold the parent forum",
        "Progress update due (1)",
        "Refresh the SEND strategy",
        "Everything else (1)",
        "Review the short breaks offer",
        "Completed (1)",
        "Train the contact centre",
    ]
    places = [page.index(text) for text in order]
    assert places == sorted(places)
    assert "An archived action" not in page and "Someone else&#x27;s action" not in page


def test_each_open_action_shows_its_last_update_and_a_link_to_add_one(
    client_for, members, partnership, actions
):
    today = timezone.localdate()
    page = client_for(members["action_lead"]).get(url("my_actions", partnership)).content.decode()
    stale = page.split("Refresh the SEND strategy")[1].split("</tr>")[0]
    assert format_date(today - timedelta(days=40)) in stale
    assert "<strong>Now</strong>" in stale  # its monthly update is overdue
    recent = page.split("Review the short breaks offer")[1].split("</tr>")[0]
    assert format_date(today - timedelta(days=3)) in recent
    never = page.split("Hold the parent forum")[1].split("</tr>")[0]
    assert "No update yet" in never
    links = re.findall(r'href="([^"]+)">Add an update', page)
    open_ids = [actions[k].pk for k in ("overdue", "due_soon", "update_due", "later")]
    assert links == [url("action_add_update", partnership, action_id=pk) for pk in open_ids]


def test_a_viewer_linked_to_actions_sees_them_without_update_links(
    client_for, members, partnership, actions
):
    viewer = members["viewer"]
    person = members["lead_person"]
    person.user = viewer
    person.save()
    page = client_for(viewer).get(url("my_actions", partnership)).content.decode()
    assert "Publish the Local Offer pages" in page and "Add an update" not in page


def test_my_actions_are_read_in_the_same_queries_however_many(partnership, members, actions):
    people = frozenset({members["lead_person"].pk})
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as few:
        selectors.my_actions(partnership, people, today)
    for n in range(10):
        ActionFactory(plan=actions["later"].plan, text=f"Extra {n}").owners.add(
            members["lead_person"]
        )
    with CaptureQueriesContext(connection) as many:
        mine = selectors.my_actions(partnership, people, today)
    assert len(mine.open) == 14
    assert len(many.captured_queries) == len(few.captured_queries) == 1


def test_a_lead_lands_on_my_actions_after_signing_in(client, members, partnership, actions):
    response = client.post(
        reverse("login"), {"username": "action_lead", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("my_actions", partnership)
    assert "Publish the Local Offer pages" in response.content.decode()


def test_a_programme_manager_still_lands_on_the_dashboard(client, members, partnership):
    response = client.post(
        reverse("login"), {"username": "programme_manager", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("dashboard", partnership)
