"""Production settings pass Django's deployment checks; nothing insecure is on by default."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "SENDTRACK_SECRET_KEY": "a-production-secret-" + "k" * 50,
        "SENDTRACK_SENDIASS_KEY": "Yy1hLXByb2R1Y3Rpb24ta2V5LWZvci10aGUtdGVzdHM=",
        "SENDTRACK_SECURE": "1",
        "SENDTRACK_ALLOWED_HOSTS": "sendtrack.example.gov.uk",
        "SENDTRACK_DEBUG": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "sendtrack.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secure_mode_refuses_the_sendiass_key_file_kept_beside_the_data(tmp_path, monkeypatch):
    from sendtrack.sendiass import keys
    from sendtrack.sendiass.keys import MissingSendiassKey, sendiass_key

    monkeypatch.setattr(keys, "_under_tests", lambda: False)
    (tmp_path / "sendiass.key").write_text("a-key-on-disk")
    assert sendiass_key({}, False, tmp_path) == "a-key-on-disk"  # make run, one machine

    with pytest.raises(MissingSendiassKey):
        sendiass_key({"SENDTRACK_SECURE": "1"}, False, tmp_path)
    assert (
        sendiass_key({"SENDTRACK_SECURE": "1", "SENDTRACK_SENDIASS_KEY": "k"}, False, tmp_path)
        == "k"
    )


def test_secure_mode_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SENDTRACK_SECRET_KEY"}
    env["SENDTRACK_SECURE"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "sendtrack.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SENDTRACK_SECRET_KEY must be set" in result.stderr


def test_safe_defaults():
    assert settings.DEBUG is False
    assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
    assert settings.X_FRAME_OPTIONS == "DENY"


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    from sendtrack import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
