"""Two people at work on the same action: a progress update is never lost, and a clashing
change to the action itself is refused with what the other person did shown."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sendtrack.plans.models import Action, ProgressUpdate
from tests.date_input import date_input
from tests.factories import (
    ActionFactory,
    MembershipFactory,
    PlanFactory,
    RiskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def action(partnership, members):
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    action = ActionFactory(
        plan=plan,
        ref="2.1",
        text="Run parent focus groups",
        due=timezone.localdate() + timedelta(days=200),
        status="on_track",
        owner_raw="Lee Lead",
    )
    action.owners.add(members["lead_person"])
    return action


def named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def sam(members):
    """The programme manager; the action lead is Lee Lead."""
    named(members["action_lead"], "Lee", "Lead")
    return named(members["programme_manager"], "Sam", "Smith")


def edit_form(action, **changes):
    return {
        "version": action.version,
        "ref": action.ref,
        "text": action.text,
        "owner_raw": action.owner_raw,
        "due_raw": "",
        **date_input("due", action.due),
        "due_precision": "day",
        "status": action.status,
        "rag_override": "",
        "rag_override_reason": "",
        **changes,
    }


def test_two_updates_from_the_same_form_version_are_both_kept_and_the_second_is_told(
    partnership, members, sam, action
):
    lead, manager = signed_in(members["action_lead"]), signed_in(sam)
    page = url("action_add_update", partnership, action_id=action.pk)
    # Both open the form at the same version.
    assert f'value="{action.version}"' in lead.get(page).content.decode()
    assert f'value="{action.version}"' in manager.get(page).content.decode()
    opened = action.version

    first = manager.post(
        page, {"version": opened, "status": "delayed", "commentary": "The venue fell through."}
    )
    assert first.status_code == 302
    second = lead.post(
        page,
        {"version": opened, "status": "on_track", "commentary": "Four groups booked for May."},
        follow=True,
    )

    assert second.status_code == 200
    assert list(ProgressUpdate.objects.order_by("id").values_list("commentary", flat=True)) == [
        "The venue fell through.",
        "Four groups booked for May.",
    ]
    action.refresh_from_db()
    assert action.status == "on_track"  # the newest update's status
    shown = second.content.decode()
    assert "Your update was saved" in shown
    assert "Since you opened the form, Sam Smith also added an update" in shown
    assert "The venue fell through." in shown.split("Since you opened the form")[1]
    assert "Delayed" in shown.split("Since you opened the form")[1]


def test_an_update_from_a_current_form_says_nothing_about_others(partnership, members, action):
    response = signed_in(members["action_lead"]).post(
        url("action_add_update", partnership, action_id=action.pk),
        {"version": action.version, "status": "on_track", "commentary": "On course."},
        follow=True,
    )
    shown = response.content.decode()
    assert "Your update was saved" in shown
    assert "Since you opened the form" not in shown


def test_an_update_after_someone_changed_the_action_says_what_they_changed(
    partnership, members, sam, action
):
    lead = signed_in(members["action_lead"])
    opened = action.version
    new_due = action.due + timedelta(days=30)
    saved = signed_in(sam).post(
        url("action_edit", partnership, action_id=action.pk),
        edit_form(action, due=f"{new_due:%d/%m/%Y}"),
    )
    assert saved.status_code == 302

    response = lead.post(
        url("action_add_update", partnership, action_id=action.pk),
        {"version": opened, "status": "on_track", "commentary": "Groups booked."},
        follow=True,
    )
    shown = response.content.decode()
    assert ProgressUpdate.objects.get().commentary == "Groups booked."
    assert "Your update was saved" in shown
    after = shown.split("Since you opened the form")[1]
    assert "Sam Smith" in after and "Due date" in after


def test_a_change_to_the_action_after_an_update_is_refused_and_says_so(
    partnership, members, sam, action
):
    """The other person's update kept the status, so no field of the action differs: the
    refusal must still be shown, naming the update, never a silent re-render."""
    manager = signed_in(sam)
    form = edit_form(action, text="Run parent focus groups in every locality")
    signed_in(members["action_lead"]).post(
        url("action_add_update", partnership, action_id=action.pk),
        {"version": action.version, "status": "on_track", "commentary": "Two groups held."},
    )

    clash = manager.post(url("action_edit", partnership, action_id=action.pk), form)

    assert clash.status_code == 200
    page = clash.content.decode()
    assert "Your change was not saved" in page
    assert "Lee Lead added a progress update" in page
    assert "Two groups held." in page
    action.refresh_from_db()
    assert action.text == "Run parent focus groups"


def test_a_clashing_change_to_the_action_names_the_field_and_both_values(
    partnership, members, sam, action
):
    opened = edit_form(action)
    signed_in(sam).post(
        url("action_edit", partnership, action_id=action.pk),
        {**opened, "text": "Run parent focus groups termly"},
    )
    other = UserFactory(username="other", first_name="Ola", last_name="Other")
    MembershipFactory(user=other, partnership=partnership, role="programme_manager")
    clash = signed_in(other).post(
        url("action_edit", partnership, action_id=action.pk),
        {**opened, "text": "Run parent focus groups monthly"},
    )
    page = clash.content.decode()
    assert clash.status_code == 200
    assert "Your change was not saved" in page
    changed = page.split("What changed since you opened the page")[1].split("</table>")[0]
    row = changed.split("Run parent focus groups termly")[0].rsplit("<tr", 1)[1]
    assert ">Action</th>" in row  # the field as the form names it, with what it was before
    assert '<td class="govuk-table__cell">Run parent focus groups</td>' in row
    assert "Sam Smith" in changed.split("Run parent focus groups termly")[1]
    assert Action.objects.get(pk=action.pk).text == "Run parent focus groups termly"


def test_a_clashing_risk_change_is_refused_with_the_change_shown(partnership, members, sam, action):
    risk = RiskFactory(plan=action.plan, title="Rising requests", status="open")
    form = {"version": risk.version, "title": "Rising requests", "status": "open"}
    signed_in(sam).post(
        url("risk_edit", partnership, risk_id=risk.pk),
        {**form, "title": "Rising requests for assessment"},
    )
    clash = signed_in(members["administrator"]).post(
        url("risk_edit", partnership, risk_id=risk.pk), {**form, "title": "Requests rising"}
    )
    page = clash.content.decode()
    assert clash.status_code == 200
    assert "Your change was not saved" in page and "Rising requests for assessment" in page
    risk.refresh_from_db()
    assert risk.title == "Rising requests for assessment"
