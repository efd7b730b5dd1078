"""Where the SENDIASS encryption key comes from; read by settings.py, so no Django here.

In order: ``SENDTRACK_SENDIASS_KEY`` (one Fernet key, or several separated by commas to rotate:
the first encrypts, all decrypt); a fixed development key when ``SENDTRACK_DEBUG`` is on or
under pytest; the key file ``var/sendiass.key`` that ``make setup`` generates for ``make run``
on one machine, never in production (``SENDTRACK_SECURE=1``). Otherwise the application
refuses to start. docs/sendiass.md explains.
"""

import os
import sys
from collections.abc import Mapping
from pathlib import Path

# Public and useless for real data: only for DEBUG and the tests.
DEVELOPMENT_KEY = "c2VuZHRyYWNrLWRldmVsb3BtZW50LWtleS0zMmJ5dGU="
KEY_FILE_NAME = "sendiass.key"


class MissingSendiassKey(RuntimeError):
    pass


def _under_tests() -> bool:
    return "pytest" in sys.modules or "PYTEST_VERSION" in os.environ


def sendiass_key(environ: Mapping[str, str], debug: bool, var_dir: Path) -> str:
    key = environ.get("SENDTRACK_SENDIASS_KEY", "").strip()
    if key:
        return key
    if debug or _under_tests():
        return DEVELOPMENT_KEY
    key_file = var_dir / KEY_FILE_NAME
    secure = environ.get("SENDTRACK_SECURE", "").lower() in {"1", "true", "yes", "on"}
    if key_file.is_file() and not secure:  # production keeps the key away from the data
        return key_file.read_text(encoding="ascii").strip()
    raise MissingSendiassKey(
        "SENDTRACK_SENDIASS_KEY must be set: it encrypts SENDIASS case notes, contact details "
        "and documents. Make one with `python -c 'from cryptography.fernet import Fernet; "
        f"print(Fernet.generate_key().decode())'`, or run `make setup` to write {key_file} "
        "for a single-machine trial (docs/sendiass.md)."
    )
