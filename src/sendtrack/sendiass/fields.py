"""Fields encrypted at rest with Fernet (AES-128-CBC + HMAC) under SENDTRACK_SENDIASS_KEY.

Values are encrypted on the way into the database and decrypted on the way out, so the
database, its backups and its history tables hold only ciphertext. Encrypted fields cannot be
searched or sorted in SQL: pages search on case references and dates instead.
Several comma-separated keys rotate: the first encrypts, any decrypts.
"""

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: str) -> MultiFernet:
    return MultiFernet([Fernet(key.strip().encode()) for key in keys.split(",") if key.strip()])


def fernet() -> MultiFernet:
    return _fernet(settings.SENDTRACK_SENDIASS_KEY)


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return fernet().decrypt(bytes(token))


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token. Empty text is stored as empty text."""

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
