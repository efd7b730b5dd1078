"""Due-date changes that need a programme manager's approval: a lead's new date waits as a
request, the manager approves or declines it, and the lead sees what was decided."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.core.editing import StaleEdit
from sendtrack.core.history import audit_trail
from sendtrack.plans import services
from sendtrack.plans.models import Action, DueDateRequest, PlanSettings
from tests.date_input import date_input
from tests.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(partnership, members):
    action = ActionFactory(
        plan=PlanFactory(partnership=partnership),
        ref="2.1",
        text="Publish the Local Offer leaflet",
        due=timezone.localdate() + timedelta(days=60),
    )
    action.owners.add(members["lead_person"])
    return action


@pytest.fixture
def approval_on(partnership):
    PlanSettings.objects.update_or_create(
        partnership=partnership, defaults={"due_date_changes_need_approval": True}
    )


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def move(partnership, action, user, days=30, reason="The forum asked for another round"):
    return services.update_action(
        partnership=partnership,
        action_id=action.pk,
        user=user,
        expected_version=action.version,
        changes={"due": action.due + timedelta(days=days), "due_change_reason": reason},
    )


def test_a_leads_new_date_waits_for_approval_and_the_action_keeps_its_date(
    partnership, members, action, approval_on
):
    was = action.due
    kept = move(partnership, action, members["action_lead"])
    assert kept.due == was and Action.objects.get(pk=action.pk).due == was
    asked = DueDateRequest.objects.get(action=action)
    assert asked.status == "pending" and asked.due == was + timedelta(days=30)
    assert asked.was_due == was and asked.reason == "The forum asked for another round"
    assert asked.requested_by == members["action_lead"]


def test_a_programme_managers_new_date_needs_no_approval(partnership, members, action, approval_on):
    moved = move(partnership, action, members["programme_manager"])
    assert moved.due == action.due + timedelta(days=30)
    assert not DueDateRequest.objects.exists()


def test_without_the_setting_a_leads_new_date_is_kept_at_once(partnership, members, action):
    moved = move(partnership, action, members["action_lead"])
    assert moved.due == action.due + timedelta(days=30)
    assert not DueDateRequest.objects.exists()


def test_approving_moves_the_date_and_the_history_says_who_asked_and_who_approved(
    partnership, members, action, approval_on
):
    move(partnership, action, members["action_lead"])
    asked = DueDateRequest.objects.get()
    services.decide_due_date_request(
        partnership=partnership,
        request_id=asked.pk,
        user=members["programme_manager"],
        expected_version=asked.version,
        approve=True,
    )
    action.refresh_from_db()
    assert action.due == asked.due and action.due_change_reason == asked.reason
    newest = audit_trail(action)[0]
    assert newest.reason == (
        f"New date asked for by {members['action_lead']}, "
        f"approved by {members['programme_manager']}"
    )
    assert newest.who == str(members["programme_manager"])
    asked.refresh_from_db()
    assert asked.status == "approved" and asked.decided_by == members["programme_manager"]


def test_declining_needs_a_reason_and_keeps_the_date(partnership, members, action, approval_on):
    was = action.due
    move(partnership, action, members["action_lead"])
    asked = DueDateRequest.objects.get()
    decide = {
        "partnership": partnership,
        "request_id": asked.pk,
        "user": members["programme_manager"],
        "expected_version": asked.version,
        "approve": False,
    }
    with pytest.raises(services.DecisionRefused, match="reason"):
        services.decide_due_date_request(**decide)
    services.decide_due_date_request(**decide, decline_reason="The board set this date")
    asked.refresh_from_db()
    assert asked.status == "declined" and asked.decline_reason == "The board set this date"
    assert Action.objects.get(pk=action.pk).due == was
    with pytest.raises(services.DecisionRefused, match="already been decided"):
        services.decide_due_date_request(**{**decide, "expected_version": asked.version})


def test_only_a_programme_manager_decides(partnership, members, action, approval_on):
    move(partnership, action, members["action_lead"])
    asked = DueDateRequest.objects.get()
    with pytest.raises(services.DecisionRefused, match="Only a programme manager"):
        services.decide_due_date_request(
            partnership=partnership,
            request_id=asked.pk,
            user=members["action_lead"],
            expected_version=asked.version,
            approve=True,
        )


def test_two_managers_deciding_at_once_the_second_is_refused(
    partnership, members, action, approval_on
):
    move(partnership, action, members["action_lead"])
    asked = DueDateRequest.objects.get()
    opened = asked.version
    services.decide_due_date_request(
        partnership=partnership,
        request_id=asked.pk,
        user=members["programme_manager"],
        expected_version=opened,
        approve=True,
    )
    with pytest.raises(StaleEdit):
        services.decide_due_date_request(
            partnership=partnership,
            request_id=asked.pk,
            user=members["administrator"],
            expected_version=opened,
            approve=False,
            decline_reason="Too late",
        )


def test_a_newer_request_replaces_the_one_waiting(partnership, members, action, approval_on):
    move(partnership, action, members["action_lead"], days=30)
    action.refresh_from_db()
    move(partnership, action, members["action_lead"], days=45, reason="The forum meets later")
    statuses = dict(DueDateRequest.objects.values_list("reason", "status"))
    assert statuses == {
        "The forum asked for another round": "replaced",
        "The forum meets later": "pending",
    }


def test_a_monthly_update_date_waits_for_approval_with_the_update_as_its_reason(
    partnership, members, action, approval_on
):
    was = action.due
    later = was + timedelta(days=30)
    imported = {
        "partnership": partnership,
        "action_id": action.pk,
        "user": members["programme_manager"],
        "changes": {"due": later, "due_raw": "Summer 2026", "due_precision": "term"},
        "progress": services.ImportedProgress("in_progress", "Printing", timezone.localdate()),
    }
    services.apply_imported_changes(**imported, expected_version=action.version)
    action.refresh_from_db()
    assert action.due == was and action.status == "in_progress"
    asked = DueDateRequest.objects.get()
    assert (asked.due, asked.due_raw, asked.due_precision) == (later, "Summer 2026", "term")
    assert asked.reason == services.IMPORTED_DUE_REASON and asked.status == "pending"
    services.apply_imported_changes(**imported, expected_version=action.version)
    assert DueDateRequest.objects.count() == 1  # the same document again asks nothing new


def test_the_pages_a_lead_and_a_manager_see(client_for, partnership, members, action, approval_on):
    lead = client_for(members["action_lead"])
    form = {
        "version": action.version,
        "ref": action.ref,
        "text": action.text,
        "owner_raw": action.owner_raw or "",
        "due_raw": "",
        **date_input("due", "30/6/2031"),
        "due_precision": "day",
        "status": "",
        "rag_override": "",
        "rag_override_reason": "",
        "due_change_reason": "Waiting for the forum's review",
    }
    saved = lead.post(url("action_edit", partnership, action_id=action.pk), form, follow=True)
    page = saved.content.decode()
    assert "The new due date waits for a programme manager&#39;s approval" in page
    assert "New due date waiting for approval" in page and "30 June 2031" in page
    asked = DueDateRequest.objects.get()

    manager = client_for(members["programme_manager"])
    decide = url("due_date_request_decide", partnership, request_id=asked.pk)
    for waiting in (url("dashboard", partnership), url("my_actions", partnership)):
        html = manager.get(waiting).content.decode()
        assert "Waiting for your decision" in html and decide in html

    refused = manager.post(decide, {"version": asked.version, "decision": "decline"})
    assert "Enter the reason for declining the new due date" in refused.content.decode()
    manager.post(
        decide,
        {"version": asked.version, "decision": "decline", "decline_reason": "Board's date"},
    )
    lead = client_for(members["action_lead"])  # one test client: sign the lead in again
    assert decide not in lead.get(url("dashboard", partnership)).content.decode()
    mine = lead.get(url("my_actions", partnership)).content.decode()
    outcome = mine.split('id="my-due-date-requests"')[1]
    assert "Declined" in outcome and "Board&#x27;s date" in outcome
    assert str(members["programme_manager"]) in outcome
    detail = lead.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "New due date waiting for approval" not in detail and "Declined" in detail


def test_the_administrator_turns_approval_on(client_for, partnership, members):
    client = client_for(members["administrator"])
    settings_url = url("plan_settings", partnership)
    page = client.get(settings_url).content.decode()
    assert "Do due-date changes need a programme manager&#x27;s approval?" in page
    client.post(
        settings_url,
        {"version": 0, "completion_needs_sign_off": "no", "due_date_changes_need_approval": "yes"},
    )
    assert PlanSettings.objects.get(partnership=partnership).due_date_changes_need_approval
