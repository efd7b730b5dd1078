"""Fields encrypted at rest with Fernet (AES-128-CBC + HMAC) under SENDTRACK_SENDIASS_KEY.

Values are encrypted on the way into the database and decrypted on the way out, so the
database, its backups and its history tables hold only ciphertext. Encrypted fields cannot be
searched, sorted or grouped in SQL (each value is encrypted with its own random IV, so even
equal values differ): pages search on case references and dates, and group or sort encrypted
text in Python after reading it. Only "is it empty" works in SQL: empty text is stored as
empty text. Several comma-separated keys rotate: the first encrypts, any decrypts.
"""

import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.expressions import Combinable


@cache
def _fernet(keys: str) -> MultiFernet:
    return MultiFernet([Fernet(key.strip().encode()) for key in keys.split(",") if key.strip()])


def fernet() -> MultiFernet:
    return _fernet(settings.SENDTRACK_SENDIASS_KEY)


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes | memoryview) -> bytes:
    return fernet().decrypt(bytes(token))


def is_token(text: str) -> bool:
    """Whether `text` is a token this installation's keys decrypt (already encrypted)."""
    if not text.startswith("gAAAAA"):
        return False
    try:
        fernet().decrypt(text.encode())
    except InvalidToken:
        return False
    return True


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Empty text is stored as empty text.

    `max_length` limits the clear text (forms and model validation check it; services check
    it where they take text from elsewhere); the column itself is unbounded text, since a
    token is about 1.4 times as long as its text plus 100 characters.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken as wrong_key:
            raise ValueError(
                "A SENDIASS field cannot be decrypted: SENDTRACK_SENDIASS_KEY is not the key "
                "it was written with (docs/sendiass.md)."
            ) from wrong_key

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return fernet().encrypt(str(value).encode()).decode()


class EncryptedJSONField(EncryptedTextField):
    """A JSON object stored as a Fernet token of its JSON text; an empty object as empty text."""

    # The value's type for django-stubs' mypy plugin: a dict, not the text in the column
    # (which TextField, the base, declares; hence the ignores).
    _pyi_private_set_type: dict[str, Any] | Combinable  # type: ignore[assignment]
    _pyi_private_get_type: dict[str, Any]  # type: ignore[assignment]

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        text = super().from_db_value(value, expression, connection)
        return json.loads(text) if text else {}

    def get_prep_value(self, value: Any) -> Any:
        if not value:
            return ""
        return super().get_prep_value(json.dumps(value, ensure_ascii=False, sort_keys=True))
