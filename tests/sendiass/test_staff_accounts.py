"""SENDIASS accounts are beyond the council's reach: held in the SENDIASS database, made,
reset and deactivated by a SENDIASS manager only, and a reset or deactivation ends sessions."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sendtrack.sendiass import signin
from sendtrack.sendiass.models import SendiassStaff

from .conftest import BOTH, make_case, make_staff, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)
PASSWORD = "correct-horse-battery"


def _case_url(access_for):
    return reverse("sendiass:case_detail", kwargs={"case_id": make_case(access_for("manager")).pk})


def _signs_in(client: Client, username: str, password: str):
    return client.post(reverse("sendiass:sign_in"), {"username": username, "password": password})


def _link_token(text: str) -> str:
    match = re.search(r"/sendiass/set-password/([^/\s<\"]+)/", text)
    assert match, "no set-password link shown"
    return match.group(1)


def _choose_password(client: Client, token: str, password: str = PASSWORD):
    client.get(reverse("sendiass:set_password_link", args=[token]))
    return client.post(
        reverse("sendiass:set_password"),
        {"new_password1": password, "new_password2": password},
    )


def test_a_council_superuser_cannot_sign_in_as_sendiass_staff(client, staff, access_for):
    """The attack: a council superuser resets every sign-in's password in the Django admin
    and signs in as each. None of them opens a SENDIASS case."""
    case_url = _case_url(access_for)
    sign_in(client, staff["superuser"])
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "sendiass-caseworker" not in listing
    # The superuser even makes a council sign-in with the caseworker's username.
    get_user_model().objects.create_user("sendiass-caseworker", password="x-chosen-by-council")
    for user in get_user_model().objects.all():
        path = f"/admin/accounts/user/{user.pk}/password/"
        client.post(path, {"password1": "Taken-over-9", "password2": "Taken-over-9"})
        intruder = Client()
        intruder.force_login(user)  # signed in to the council's side as that sign-in
        response = intruder.get(case_url)
        assert response.status_code == 302, user.username
        assert response["Location"].startswith(reverse("sendiass:sign_in"))
        # …and the council password does not open the SENDIASS sign-in either.
        response = _signs_in(intruder, user.username, "Taken-over-9")
        assert response.status_code == 200 and intruder.get(case_url).status_code == 302


def test_a_forged_session_is_refused(client, staff, access_for):
    case_url = _case_url(access_for)
    session = client.session
    session[signin.SESSION_STAFF] = staff["caseworker"].pk
    session[signin.SESSION_CHECK] = "0" * 64
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert client.get(case_url).status_code == 302


def test_invited_staff_choose_a_password_once_and_sign_in(client, staff):
    sign_in(client, staff["manager"])
    response = client.post(
        reverse("sendiass:staff_new"),
        {
            "name": "Nia New",
            "username": "nia",
            "email": "nia@example.org",
            "role": "caseworker",
            "trained_for_level_4": "0",
        },
    )
    assert response.status_code == 200
    token = _link_token(response.content.decode())
    assert len(mail.outbox) == 1 and token in mail.outbox[0].body
    newcomer = Client()
    assert _signs_in(newcomer, "nia", PASSWORD).status_code == 200  # no password yet
    response = _choose_password(newcomer, token)
    assert response.status_code == 302
    assert newcomer.get(reverse("sendiass:case_list")).status_code == 200
    # The link works once.
    assert Client().get(reverse("sendiass:set_password_link", args=[token])).status_code == 404
    fresh = Client()
    assert _signs_in(fresh, "nia", PASSWORD).status_code == 302
    assert fresh.get(reverse("sendiass:case_list")).status_code == 200
    member = SendiassStaff.objects.get(username="nia")
    assert not get_user_model().objects.filter(username="nia").exists()
    history = list(member.history.order_by("history_date"))
    assert history[0].history_user_id == staff["manager"].user_id
    assert history[-1].history_user_id == member.user_id  # they set their own password


def test_a_reset_ends_the_persons_sessions_and_gives_a_new_link(client, staff, access_for):
    case_url = _case_url(access_for)
    caseworker = staff["caseworker"]
    theirs = Client()
    assert _signs_in(theirs, caseworker.username, "a-long-test-password").status_code == 302
    assert theirs.get(case_url).status_code == 200
    sign_in(client, staff["manager"])
    response = client.post(reverse("sendiass:staff_reset", args=[caseworker.pk]))
    token = _link_token(response.content.decode())
    assert theirs.get(case_url).status_code == 302  # signed out at once
    assert _signs_in(Client(), caseworker.username, "a-long-test-password").status_code == 200
    assert _choose_password(Client(), token).status_code == 302
    reset, chosen = caseworker.history.order_by("-history_date")[:2][::-1]
    assert reset.history_user_id == staff["manager"].user_id  # who reset it, on SENDIASS's db
    assert chosen.history_user_id == caseworker.user_id


def test_deactivation_ends_sessions_and_a_manager_keeps_their_own_access(client, staff):
    theirs = sign_in(Client(), staff["caseworker"])
    assert theirs.get(reverse("sendiass:home")).status_code == 200
    sign_in(client, staff["manager"])
    form = {"role": "caseworker", "trained_for_level_4": "0", "active": "0"}
    url = reverse("sendiass:staff_change", args=[staff["caseworker"].pk])
    assert client.post(url, form).status_code == 302
    assert theirs.get(reverse("sendiass:home")).status_code == 302
    own = reverse("sendiass:staff_change", args=[staff["manager"].pk])
    response = client.post(own, {"role": "caseworker", "trained_for_level_4": "0", "active": "1"})
    assert b"You cannot remove your own manager access" in response.content
    assert SendiassStaff.objects.get(pk=staff["manager"].pk).role == "manager"


def test_staff_change_their_own_password(client, staff):
    elsewhere = sign_in(Client(), staff["volunteer"])
    sign_in(client, staff["volunteer"])
    url = reverse("sendiass:change_password")
    wrong = {"current_password": "nope", "new_password1": PASSWORD, "new_password2": PASSWORD}
    assert b"Your current password is not right" in client.post(url, wrong).content
    right = {**wrong, "current_password": "a-long-test-password"}
    assert client.post(url, right).status_code == 302
    assert client.get(reverse("sendiass:home")).status_code == 200  # this session stays
    assert elsewhere.get(reverse("sendiass:home")).status_code == 302  # the others end
    assert _signs_in(Client(), staff["volunteer"].username, PASSWORD).status_code == 302


def test_wrong_passwords_lock_a_username_for_minutes_whatever_the_address(staff):
    username = staff["caseworker"].username
    for n in range(signin.MAX_FAILED_TRIES):
        client = Client(REMOTE_ADDR=f"203.0.113.{n}")
        assert _signs_in(client, username, f"guess-{n}").status_code == 200
    response = _signs_in(Client(REMOTE_ADDR="198.51.100.1"), username, "a-long-test-password")
    assert b"Too many wrong passwords" in response.content
    SendiassStaff.objects.filter(username=username).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    assert _signs_in(Client(), username, "a-long-test-password").status_code == 302


def test_the_first_manager_needs_the_sendiass_key(settings, tmp_path):
    wrong = tmp_path / "wrong.key"
    wrong.write_text("not-the-key")
    with pytest.raises(CommandError, match="not the SENDIASS key"):
        call_command("sendiass_create_manager", username="first", name="F M", key_file=str(wrong))
    assert not SendiassStaff.objects.exists()
    right = tmp_path / "sendiass.key"
    right.write_text(settings.SENDTRACK_SENDIASS_KEY)
    out = io.StringIO()
    call_command(
        "sendiass_create_manager", username="first", name="F M", key_file=str(right), stdout=out
    )
    manager = SendiassStaff.objects.get(username="first")
    assert manager.role == "manager" and not manager.has_usable_password
    client = Client()
    assert _choose_password(client, _link_token(out.getvalue())).status_code == 302
    assert client.get(reverse("sendiass:staff")).status_code == 200


def test_council_pages_cannot_make_sendiass_staff(client, staff, partnership):
    """No council page or sign-in can add a SENDIASS account: an administrator's session
    posting to the staff pages is sent to the SENDIASS sign-in, and nothing is made."""
    sign_in(client, staff["council_administrator"])
    before = SendiassStaff.objects.count()
    response = client.post(
        reverse("sendiass:staff_new"),
        {"name": "Sneaky", "username": "sneaky", "role": "manager", "trained_for_level_4": "1"},
    )
    assert response.status_code == 302
    assert SendiassStaff.objects.count() == before


def test_usernames_are_unique_and_sign_in_ignores_case(staff):
    make_staff("caseworker", 900, username="Robin", password=PASSWORD)
    assert _signs_in(Client(), "robin", PASSWORD).status_code == 302


def test_a_council_sign_in_on_the_same_browser_ends_the_sendiass_session(client, staff):
    sign_in(client, staff["caseworker"])
    assert client.get(reverse("sendiass:home")).status_code == 200
    client.force_login(staff["council_administrator"])
    assert client.get(reverse("sendiass:home")).status_code == 302


def test_accounts_made_before_the_move_keep_their_sign_in(client):
    """Migration sendiass 0003 copies a staff member's council sign-in into the SENDIASS
    database once, so nobody is locked out by the upgrade."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connections

    migration = import_module("sendtrack.sendiass.migrations.0003_staff_sign_in")
    old = get_user_model().objects.create_user(
        "legacy-worker", password=PASSWORD, first_name="Lee", last_name="Gacy"
    )
    SendiassStaff.objects.create(user_id=old.pk, role="caseworker")
    migration.move_sign_ins_here(apps, SimpleNamespace(connection=connections["sendiass"]))
    member = SendiassStaff.objects.get(user_id=old.pk)
    assert (member.username, member.name) == ("legacy-worker", "Lee Gacy")
    assert _signs_in(client, "legacy-worker", PASSWORD).status_code == 302
    assert client.get(reverse("sendiass:case_list")).status_code == 200


def test_spraying_one_password_over_many_usernames_is_locked_by_address(staff):
    address = "203.0.113.50"
    for n in range(signin.MAX_ADDRESS_FAILURES):
        _signs_in(Client(REMOTE_ADDR=address), f"someone-{n}", "Summer2026!")
    response = _signs_in(Client(REMOTE_ADDR=address), "sendiass-manager", "a-long-test-password")
    assert b"Too many wrong passwords" in response.content
    # Another address is not held up, and the address is never stored as it is.
    assert (
        _signs_in(
            Client(REMOTE_ADDR="198.51.100.7"), "sendiass-manager", "a-long-test-password"
        ).status_code
        == 302
    )
    from sendtrack.sendiass.models import SignInFailure

    assert not SignInFailure.objects.filter(address__contains="203.0.113").exists()
