"""Signing in: lockout after repeated failures, security headers, CSRF on every form."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_takes_a_member_to_their_partnership(client, members, partnership):
    response = client.post(reverse("login"), {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"].endswith(f"/p/{partnership.slug}/")


def test_wrong_password_shows_the_error_summary(client, members):
    response = client.post(reverse("login"), {"username": "viewer", "password": "wrong"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_repeated_failures_lock_the_account(client, members, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("login"), {"username": "viewer", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "viewer", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()


def test_pages_carry_security_headers(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_forms_need_a_csrf_token(members):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "start"),
    [
        ("viewer", "/p/northdale/"),
        ("programme_manager", "/p/northdale/"),
        ("action_lead", "/p/northdale/my-actions/"),
        ("casework_officer", "/p/northdale/statutory/"),
        ("senco", "/p/northdale/statutory/school/"),
    ],
)
def test_each_role_starts_on_its_own_page(client, partnership, role, start):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username=role)
    MembershipFactory(user=user, partnership=partnership, role=role)
    client.force_login(user)
    assert client.get(reverse("home"))["Location"] == start


def test_a_member_of_two_partnerships_chooses_one(client, members, partnership):
    from tests.factories import MembershipFactory, PartnershipFactory

    other = PartnershipFactory(slug="southdale", name="Southdale SEND Partnership")
    MembershipFactory(user=members["viewer"], partnership=other, role="senco")
    client.force_login(members["viewer"])
    page = client.get(reverse("home")).content.decode()
    assert 'href="/p/northdale/"' in page and 'href="/p/southdale/statutory/school/"' in page


def _fail(username, address, forwarded=""):
    client = Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)
    return client.post(reverse("login"), {"username": username, "password": "wrong"})


def _signs_in(username, address, forwarded=""):
    client = Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_password_spraying_across_usernames_is_locked_by_address(members, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for username in ["administrator", "programme_manager", "action_lead"]:
        _fail(username, "203.0.113.9")
    assert _signs_in("viewer", "203.0.113.9").status_code == 429
    assert _signs_in("viewer", "198.51.100.20").status_code == 302  # others are not


def test_guessing_one_username_from_many_addresses_is_locked_by_username(members, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        _fail("viewer", f"203.0.113.{n}")
    assert _signs_in("viewer", "198.51.100.20").status_code == 429
    assert _signs_in("action_lead", "198.51.100.20").status_code == 302


def test_a_lock_lifts_by_itself_after_the_cool_off(members, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):
        _fail("viewer", f"203.0.113.{n}")
    assert _signs_in("viewer", "198.51.100.20").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _signs_in("viewer", "198.51.100.20").status_code == 302


def test_behind_a_trusted_proxy_clients_are_told_apart(members, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.SENDTRACK_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    for username in ["administrator", "programme_manager", "action_lead"]:
        # The client makes up an X-Forwarded-For entry; the proxy appends the real address.
        _fail(username, proxy, forwarded=f"192.0.2.{len(username)}, 203.0.113.9")
    assert _signs_in("viewer", proxy, forwarded="203.0.113.9").status_code == 429
    assert _signs_in("viewer", proxy, forwarded="198.51.100.20").status_code == 302
