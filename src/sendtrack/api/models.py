"""Tokens that let an analyst's tool (Power BI) read one partnership's data through the API."""

import hashlib

from django.conf import settings
from django.db import models

from sendtrack.accounts.models import Partnership


def hash_token(raw: str) -> str:
    """The SHA-256 of a token, as stored: the token itself is never kept."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=200, help_text="What the token is for, e.g. 'Power BI'.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The token's first characters, to recognise it."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "name", "id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) – {self.partnership}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
