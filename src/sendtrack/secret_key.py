"""Where Django's SECRET_KEY comes from; read by settings.py, so no Django here.

In order: ``SENDTRACK_SECRET_KEY`` (production sets it); the key file ``var/secret.key`` that
``make setup`` writes for ``make run`` and ``make test`` on one machine (readable by its owner
only); else the default below, which is published with the code and so signs nothing safely:
the system check ``sendtrack.E001`` (sendtrack/checks.py) fails on it outside DEBUG, so a
server cannot be started on it by mistake.
"""

from collections.abc import Mapping
from pathlib import Path

DEFAULT_SECRET_KEY = "insecure-local-only-" + "x" * 40
KEY_FILE_NAME = "secret.key"


def secret_key(environ: Mapping[str, str], var_dir: Path) -> str:
    key = environ.get("SENDTRACK_SECRET_KEY", "").strip()
    if key:
        return key
    key_file = var_dir / KEY_FILE_NAME
    if key_file.is_file():
        key = key_file.read_text(encoding="ascii").strip()
    return key or DEFAULT_SECRET_KEY
