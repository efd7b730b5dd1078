"""A Django email backend that sends each message through GOV.UK Notify.

Notify sends from a template, not free text: make one email template in Notify whose subject
is ``((subject))`` and whose message is ``((body))``, and set SENDTRACK_NOTIFY_API_KEY and
SENDTRACK_NOTIFY_TEMPLATE_ID. Each recipient of a message gets one Notify email with the
message's subject and plain-text body (Notify lays it out itself, so HTML alternatives are not
sent; lines starting "* " become bullets and "# " headings). See docs/reminders.md.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(
        self,
        fail_silently: bool = False,
        api_key: str | None = None,
        template_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = api_key or settings.SENDTRACK_NOTIFY_API_KEY
        self.template_id = template_id or settings.SENDTRACK_NOTIFY_TEMPLATE_ID
        if not self.api_key or not self.template_id:
            raise ImproperlyConfigured(
                "NotifyEmailBackend needs SENDTRACK_NOTIFY_API_KEY and SENDTRACK_NOTIFY_TEMPLATE_ID"
            )
        self.client: NotificationsAPIClient | None = None

    def open(self) -> bool:
        if self.client is None:
            self.client = NotificationsAPIClient(self.api_key)
            return True
        return False

    def close(self) -> None:
        self.client = None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        self.open()
        assert self.client is not None
        sent = 0
        for message in email_messages:
            try:
                for address in message.recipients():
                    self.client.send_email_notification(
                        email_address=address,
                        template_id=self.template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                    )
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent
