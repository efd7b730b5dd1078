"""Project-wide system checks, run by `sendtrack check` and before `migrate`, `runserver` …

They are registered by the plans app (PlansConfig.ready), which every installation has.
"""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from .secret_key import DEFAULT_SECRET_KEY


@register(Tags.security)
def default_secret_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The default SECRET_KEY is in the published code: sessions, password reset links and
    signed reminder links made with it could be forged by anyone. Only DEBUG may use it."""
    if settings.DEBUG or settings.SECRET_KEY != DEFAULT_SECRET_KEY:
        return []
    return [
        Error(
            "SECRET_KEY is the default published with sendtrack.",
            hint="Set SENDTRACK_SECRET_KEY (production: docs/production.md), or run "
            "`make setup` to write var/secret.key for a trial on this machine.",
            id="sendtrack.E001",
        )
    ]
