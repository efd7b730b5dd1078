"""/p/<partnership>/reminders/: the signed-in user's own reminder settings."""

import pytest
from django.urls import reverse

from sendtrack.reminders.models import ReminderPreference
from tests.factories import MembershipFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def url(slug="northdale"):
    return reverse("reminder_preferences", kwargs={"partnership": slug})


def test_a_lead_sees_where_reminders_go_and_can_switch_the_digest_off(client, members):
    members["action_lead"].email = "lead.user@example.gov.uk"
    members["action_lead"].save()
    members["lead_person"].email = "lee@example.gov.uk"
    members["lead_person"].save()
    client.force_login(members["action_lead"])
    page = client.get(url()).content.decode()
    assert "lee@example.gov.uk" in page and "lead.user@example.gov.uk" in page
    assert 'name="digest"' in page and "checked" in page
    assert 'name="summary"' not in page  # only programme managers get summaries

    response = client.post(url(), {})
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=members["action_lead"])
    assert preference.digest is False and preference.summary is True
    page = client.get(url()).content.decode()
    assert "Your reminder settings have been saved." in page
    assert " checked" not in page

    client.post(url(), {"digest": "on"})
    preference.refresh_from_db()
    assert preference.digest is True
    assert ReminderPreference.objects.count() == 1


def test_a_programme_manager_chooses_both(client, members):
    client.force_login(members["programme_manager"])
    assert 'name="summary"' in client.get(url()).content.decode()
    client.post(url(), {"digest": "on"})
    preference = ReminderPreference.objects.get(user=members["programme_manager"])
    assert preference.digest is True and preference.summary is False


def test_no_address_is_explained(client, members):
    client.force_login(members["viewer"])
    assert "No email address is recorded for you" in client.get(url()).content.decode()


def test_settings_are_per_partnership_and_never_another_members(client, members):
    other = PartnershipFactory(slug="southvale")
    client.force_login(members["viewer"])
    assert client.get(url("southvale")).status_code == 404
    MembershipFactory(user=members["viewer"], partnership=other, role="viewer")
    client.post(url("southvale"), {})
    assert ReminderPreference.objects.get(user=members["viewer"]).partnership == other
    assert client.get(url()).content.decode().count(" checked") == 1
