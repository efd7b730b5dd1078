"""The published default SECRET_KEY is never used for real: Django's system check fails on it
outside DEBUG, and `make setup` writes a key of the machine's own for `make run`."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.core.checks import Error, run_checks

from sendtrack.secret_key import DEFAULT_SECRET_KEY, KEY_FILE_NAME, secret_key

PROJECT = Path(__file__).resolve().parents[1]


def check_ids() -> set[str]:
    return {message.id for message in run_checks() if isinstance(message, Error)}


def test_the_check_fails_on_the_default_key_outside_debug(settings):
    settings.SECRET_KEY, settings.DEBUG = DEFAULT_SECRET_KEY, False
    assert "sendtrack.E001" in check_ids()
    error = next(m for m in run_checks() if m.id == "sendtrack.E001")
    assert "SENDTRACK_SECRET_KEY" in error.hint and "make setup" in error.hint


def test_the_check_passes_with_a_key_of_its_own_or_in_debug(settings):
    settings.SECRET_KEY, settings.DEBUG = "a-key-of-this-machine-" + "z" * 40, False
    assert "sendtrack.E001" not in check_ids()
    settings.SECRET_KEY, settings.DEBUG = DEFAULT_SECRET_KEY, True
    assert "sendtrack.E001" not in check_ids()


def test_the_key_comes_from_the_environment_then_the_key_file_then_the_default(tmp_path):
    assert secret_key({}, tmp_path) == DEFAULT_SECRET_KEY
    (tmp_path / KEY_FILE_NAME).write_text("from-the-file\n")
    assert secret_key({}, tmp_path) == "from-the-file"
    assert secret_key({"SENDTRACK_SECRET_KEY": "from-env"}, tmp_path) == "from-env"


def run_check(var_dir: Path) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SENDTRACK_SECRET_KEY", "SENDTRACK_DEBUG", "SENDTRACK_SECURE"}
    }
    env["SENDTRACK_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [sys.executable, "-m", "sendtrack.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sendtrack_check_refuses_a_machine_without_its_key_and_passes_with_it(tmp_path):
    refused = run_check(tmp_path)
    assert refused.returncode != 0
    assert "sendtrack.E001" in refused.stderr

    (tmp_path / KEY_FILE_NAME).write_text("a-key-of-this-machine-" + "q" * 40)
    passed = run_check(tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_make_setup_writes_a_private_key_file(tmp_path):
    """The Makefile's own rule, run in a scratch directory: a long random key only its owner
    can read, kept when it is there already."""
    make = ["make", "--no-print-directory", "-C", str(tmp_path), "-f", str(PROJECT / "Makefile")]
    result = subprocess.run([*make, "var/" + KEY_FILE_NAME], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    target = tmp_path / "var" / KEY_FILE_NAME
    key = target.read_text().strip()
    assert len(key) >= 50 and key != DEFAULT_SECRET_KEY
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    subprocess.run([*make, "var/" + KEY_FILE_NAME], check=True, capture_output=True)
    assert target.read_text().strip() == key
    assert "var/" + KEY_FILE_NAME in (PROJECT / "Makefile").read_text().split("\nsetup:")[1]
