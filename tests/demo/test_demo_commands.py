"""`sendtrack load-demo` and `sign-in-help` on a database without the demo (test_demo.py
shares one loaded demo between its tests)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack.accounts.models import Partnership, User
from sendtrack.demo.people import DEMO_PASSWORD


@pytest.mark.django_db
def test_load_demo_refuses_to_run_where_the_site_is_secure(settings):
    settings.SECURE = True
    with pytest.raises(CommandError):
        call_command("load_demo", "--without-casework", stdout=StringIO(), stderr=StringIO())
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_sign_in_help_says_when_the_demo_is_not_loaded():
    out = StringIO()
    call_command("sign_in_help", stdout=out)
    assert "not loaded" in out.getvalue() and DEMO_PASSWORD not in out.getvalue()


@pytest.mark.django_db(databases=["default", "sendiass"])
def test_a_real_account_with_a_demo_name_is_left_alone():
    User.objects.create_superuser("admin", password="someone-elses-password")
    err = StringIO()
    call_command("load_demo", stdout=StringIO(), stderr=err)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("someone-elses-password")
    assert not admin.memberships.exists()
    assert '"admin" already exists' in err.getvalue()
    out = StringIO()
    call_command("sign_in_help", stdout=out)
    assert "admin /" not in out.getvalue() and "manager /" in out.getvalue()
    # The whole demo: plans, the EHC casework and the SENDIASS service, each signed in to.
    for username in ("officer", "senco", "sendiass-manager", "sendiass-caseworker"):
        assert f"{username} / sendtrack-demo" in out.getvalue()
    assert "/sendiass/sign-in/" in out.getvalue()
