"""The GOV.UK Notify email backend, with the Notify client mocked: no network."""

from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives, get_connection

BACKEND = "sendtrack.reminders.notify.NotifyEmailBackend"
CLIENT = "sendtrack.reminders.notify.NotificationsAPIClient"


@pytest.fixture(autouse=True)
def _notify(settings):
    settings.EMAIL_BACKEND = BACKEND
    settings.SENDTRACK_NOTIFY_API_KEY = "test-key"
    settings.SENDTRACK_NOTIFY_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"


def message(to):
    email = EmailMultiAlternatives("Your actions", "* 1.1 Overdue work", "from@example.gov.uk", to)
    email.attach_alternative("<p>ignored</p>", "text/html")
    return email


def test_each_recipient_gets_one_notify_email_from_the_template():
    with mock.patch(CLIENT) as client_class:
        sent = message(["a@example.gov.uk", "b@example.gov.uk"]).send()
    assert sent == 1
    client_class.assert_called_once_with("test-key")
    calls = client_class.return_value.send_email_notification.call_args_list
    assert [c.kwargs for c in calls] == [
        {
            "email_address": address,
            "template_id": "f33517ff-2a88-4f6e-b855-c550268ce08a",
            "personalisation": {"subject": "Your actions", "body": "* 1.1 Overdue work"},
        }
        for address in ["a@example.gov.uk", "b@example.gov.uk"]
    ]


def test_one_client_for_many_messages_on_one_connection():
    with mock.patch(CLIENT) as client_class:
        connection = get_connection()
        assert connection.send_messages([message(["a@x.gov.uk"]), message(["b@x.gov.uk"])]) == 2
    assert client_class.call_count == 1
    assert client_class.return_value.send_email_notification.call_count == 2


def test_a_notify_error_is_raised_unless_failing_silently():
    with mock.patch(CLIENT) as client_class:
        client_class.return_value.send_email_notification.side_effect = RuntimeError("400")
        with pytest.raises(RuntimeError):
            message(["a@example.gov.uk"]).send()
        assert message(["a@example.gov.uk"]).send(fail_silently=True) == 0


def test_no_messages_no_client():
    with mock.patch(CLIENT) as client_class:
        assert get_connection().send_messages([]) == 0
    client_class.assert_not_called()


def test_missing_settings_are_refused(settings):
    settings.SENDTRACK_NOTIFY_TEMPLATE_ID = ""
    with pytest.raises(ImproperlyConfigured):
        get_connection()


@pytest.mark.django_db
def test_send_reminders_goes_through_notify(partnership):
    from datetime import date, timedelta
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import ActionFactory, PersonFactory, PlanFactory

    person = PersonFactory(partnership=partnership, email="lead@example.gov.uk")
    today = date(2025, 3, 3)
    late = ActionFactory(
        plan=PlanFactory(partnership=partnership),
        due=today - timedelta(days=1),
        last_activity_on=today,
    )
    late.owners.add(person)
    with mock.patch(CLIENT) as client_class:
        call_command("send_reminders", "--date", today.isoformat(), stdout=StringIO())
    [call] = client_class.return_value.send_email_notification.call_args_list
    assert call.kwargs["email_address"] == "lead@example.gov.uk"
    assert "1 of your actions needs attention" in call.kwargs["personalisation"]["subject"]
