"""Making and revoking API tokens. The token is shown once; only its SHA-256 hash is kept."""

import secrets

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Partnership, User

from .models import ApiToken, hash_token

TOKEN_PREFIX = "st_"


@transaction.atomic
def create_api_token(
    *, partnership: Partnership, name: str, created_by: User | None = None
) -> tuple[ApiToken, str]:
    """A new token for one partnership: (the stored record, the token to hand over once)."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        partnership=partnership,
        name=name,
        token_hash=hash_token(raw),
        prefix=raw[:10],
        created_by=created_by,
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
