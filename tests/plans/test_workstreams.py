"""Workstream links show the whole workstream, and roll-ups say how many actions make the
rating ("1 of 4 red"), on the dashboard and the plan page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActionFactory, PlanFactory, SectionFactory

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def plan(partnership, members):
    """A workstream whose actions all sit in its objectives, and a second workstream."""
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    today = timezone.localdate()
    local_offer = SectionFactory(plan=plan, title="Local Offer", ref="1", position=1)
    find_help = SectionFactory(
        plan=plan, parent=local_offer, title="Parents can find help", ref="1.1", position=2
    )
    deeper = SectionFactory(plan=plan, parent=find_help, title="Web pages", ref="1.1.a", position=3)
    SectionFactory(plan=plan, title="Preparing for adulthood", ref="2", position=4)
    transitions = SectionFactory(
        plan=plan, parent=plan.sections.get(ref="2"), title="Transitions", ref="2.1", position=5
    )
    ActionFactory(
        plan=plan, section=find_help, text="Run parent focus groups", due=today - timedelta(5)
    )
    for text in ("Publish the new pages", "Train the contact centre"):
        ActionFactory(
            plan=plan, section=find_help, text=text, due=today + timedelta(200), status="on_track"
        )
    ActionFactory(plan=plan, section=deeper, text="Rewrite the web pages", status="complete")
    ActionFactory(plan=plan, section=transitions, text="Agree a transitions protocol")
    return plan


def test_a_workstream_link_shows_every_action_inside_it(client_for, members, partnership, plan):
    workstream = plan.sections.get(ref="1")
    page = (
        client_for(members["viewer"])
        .get(url("plan_detail", partnership, plan_id=plan.pk), {"section": workstream.pk})
        .content.decode()
    )
    for text in (
        "Run parent focus groups",
        "Publish the new pages",
        "Train the contact centre",
        "Rewrite the web pages",
    ):
        assert text in page
    assert "Agree a transitions protocol" not in page
    assert "No actions match these filters" not in page
    assert "Actions in Local Offer (4)" in page
    assert "Showing the actions in <strong>1 Local Offer</strong>" in page
    assert re.search(r'aria-current="true">Local Offer</a>', page)


def test_an_objective_link_shows_its_own_actions_and_those_below(
    client_for, members, partnership, plan
):
    objective = plan.sections.get(ref="1.1.a")
    page = (
        client_for(members["viewer"])
        .get(url("plan_detail", partnership, plan_id=plan.pk), {"section": objective.pk})
        .content.decode()
    )
    assert "Rewrite the web pages" in page and "Run parent focus groups" not in page
    assert "Actions in Web pages (1)" in page


def test_show_all_actions_keeps_the_other_filters(client_for, members, partnership, plan):
    workstream = plan.sections.get(ref="1")
    page = (
        client_for(members["viewer"])
        .get(
            url("plan_detail", partnership, plan_id=plan.pk),
            {"section": workstream.pk, "rag": "red"},
        )
        .content.decode()
    )
    assert "Run parent focus groups" in page and "Publish the new pages" not in page
    assert "Actions in Local Offer (1 matching)" in page
    show_all = re.search(r'href="([^"]*)">Show all actions</a>', page)
    assert show_all is not None
    assert show_all.group(1) == url("plan_detail", partnership, plan_id=plan.pk) + "?rag=red"


def test_a_section_of_another_plan_chooses_nothing(client_for, members, partnership, plan):
    elsewhere = SectionFactory(plan=PlanFactory(partnership=partnership), title="Elsewhere")
    ActionFactory(plan=elsewhere.plan, section=elsewhere, text="Not in this plan")
    page = (
        client_for(members["viewer"])
        .get(url("plan_detail", partnership, plan_id=plan.pk), {"section": elsewhere.pk})
        .content.decode()
    )
    assert "Not in this plan" not in page and "Showing the actions in" not in page


def test_the_dashboard_links_each_workstream_to_its_actions(client_for, members, partnership, plan):
    client = client_for(members["viewer"])
    dashboard = client.get(url("dashboard", partnership)).content.decode()
    workstream = plan.sections.get(ref="1")
    link = url("plan_detail", partnership, plan_id=plan.pk) + f"?section={workstream.pk}"
    assert f'href="{link}"' in dashboard
    assert "Run parent focus groups" in client.get(link).content.decode()


def test_roll_ups_say_how_many_actions_make_the_rating(client_for, members, partnership, plan):
    client = client_for(members["viewer"])
    dashboard = client.get(url("dashboard", partnership)).content.decode()
    assert re.search(r"Red</strong> <span[^>]*>1 of 4 red</span>", dashboard)
    plan_page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "1 of 4 red (1 red, 0 amber, 2 green, 1 blue)" in plan_page
    assert "all 1 complete" in plan_page  # the web pages: its one action is done


def test_a_workstream_of_finished_actions_says_so(client_for, members, partnership):
    plan = PlanFactory(partnership=partnership)
    done = SectionFactory(plan=plan, title="Done work")
    for _ in range(3):
        ActionFactory(plan=plan, section=done, status="complete")
    dashboard = client_for(members["viewer"]).get(url("dashboard", partnership)).content.decode()
    assert "all 3 complete" in dashboard
