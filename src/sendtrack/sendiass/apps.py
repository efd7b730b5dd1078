from typing import Any

from django.apps import AppConfig


def _end_sendiass_session_on_council_sign_in(sender: Any, request: Any, **kwargs: Any) -> None:
    """Someone signing in to the council's side on a browser ends any SENDIASS session on it
    (a shared computer must not hand a caseworker's session to the next person)."""
    from .signin import SESSION_CHECK, SESSION_STAFF

    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_STAFF, None)
        request.session.pop(SESSION_CHECK, None)


class SendiassConfig(AppConfig):
    name = "sendtrack.sendiass"
    verbose_name = "SENDIASS"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_end_sendiass_session_on_council_sign_in, dispatch_uid="sendiass")
