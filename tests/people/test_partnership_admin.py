"""A partnership administrator manages their own partnership's people, organisations and
sign-ins in sendtrack's pages, audited; the Django admin is for the installation's operators."""

import re

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import reverse

from sendtrack.accounts.models import Membership, Person, User
from sendtrack.people import services
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PARTNERSHIP_ROLES = [
    "administrator",
    "programme_manager",
    "action_lead",
    "viewer",
    "casework_officer",
    "team_manager",
    "senco",
]


def _admin_urls():
    """Every Django admin page a model registers: list, add, change, history, delete, and
    the password page of a sign-in."""
    urls = ["/admin/"]
    for model in admin.site._registry:
        app, name = model._meta.app_label, model._meta.model_name
        urls += [f"/admin/{app}/", f"/admin/{app}/{name}/", f"/admin/{app}/{name}/add/"]
        urls += [f"/admin/{app}/{name}/1/change/", f"/admin/{app}/{name}/1/history/"]
        urls += [f"/admin/{app}/{name}/1/delete/"]
    return urls + ["/admin/accounts/user/1/password/"]


@pytest.fixture
def other(db):
    """A second partnership with its own administrator, person and organisation."""
    elsewhere = PartnershipFactory(slug="southmere", name="Southmere")
    organisation = OrganisationFactory(partnership=elsewhere, name="Southmere Council")
    boss = UserFactory(username="southmere-admin", email="boss@southmere.example")
    MembershipFactory(user=boss, partnership=elsewhere, role="administrator")
    person = PersonFactory(
        partnership=elsewhere, name="Sol Southmere", email="sol@southmere.example", user=boss
    )
    return {"partnership": elsewhere, "organisation": organisation, "user": boss, "person": person}


@pytest.mark.parametrize("role", PARTNERSHIP_ROLES)
def test_no_partnership_role_reaches_any_django_admin_page(client, partnership, role):
    user = UserFactory(username=f"r-{role}", is_staff=True, is_superuser=True)
    MembershipFactory(user=user, partnership=partnership, role=role)
    client.force_login(user)
    for url in _admin_urls():
        response = client.get(url)
        assert response.status_code == 302, (role, url)
        assert "/admin/login/" in response["Location"], (role, url)
    response = client.post("/admin/accounts/user/1/password/", {"password1": "x", "password2": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_installations_operator_uses_the_django_admin(client, partnership):
    operator = UserFactory(username="operator", is_staff=True, is_superuser=True)
    client.force_login(operator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/person/").status_code == 200


def test_people_pages_show_only_this_partnership(client, partnership, members, other):
    client.force_login(members["administrator"])
    slug = partnership.slug
    listing = client.get(reverse("people", kwargs={"partnership": slug})).content.decode()
    assert "Lee Lead" in listing and "Sol Southmere" not in listing
    theirs = reverse("person_edit", kwargs={"partnership": slug, "person_id": other["person"].pk})
    assert client.get(theirs).status_code == 404
    assert client.post(theirs, {"name": "Taken", "email": "me@evil.example"}).status_code == 404
    org = reverse(
        "organisation_edit",
        kwargs={"partnership": slug, "organisation_id": other["organisation"].pk},
    )
    assert client.get(org).status_code == 404
    theirs_membership = other["user"].memberships.get()
    edit = reverse(
        "sign_in_edit", kwargs={"partnership": slug, "membership_id": theirs_membership.pk}
    )
    assert client.get(edit).status_code == 404
    reset = reverse(
        "sign_in_reset", kwargs={"partnership": slug, "membership_id": theirs_membership.pk}
    )
    assert client.post(reset).status_code == 404
    # The other administrator's partnership pages are not even there for this one.
    assert client.get(reverse("people", kwargs={"partnership": "southmere"})).status_code == 404
    person = Person.objects.get(pk=other["person"].pk)
    assert person.email == "sol@southmere.example"


def test_a_persons_sign_in_is_chosen_from_this_partnerships_members_only(
    client, partnership, members, other
):
    client.force_login(members["administrator"])
    page = client.get(reverse("person_new", kwargs={"partnership": partnership.slug}))
    choices = page.content.decode()
    assert "southmere-admin" not in choices and "(viewer)" in choices
    response = client.post(
        reverse("person_new", kwargs={"partnership": partnership.slug}),
        {"name": "New Person", "user": str(other["user"].pk)},
    )
    assert response.status_code == 200  # refused with an error, nothing saved
    assert not Person.objects.filter(name="New Person").exists()
    with pytest.raises(services.NotAllowed):
        services.save_person(
            partnership=partnership,
            by=members["administrator"],
            details=services.PersonDetails(name="X", organisation_id=other["organisation"].pk),
        )


def test_changing_a_persons_email_is_audited(client, partnership, members):
    client.force_login(members["administrator"])
    person = members["lead_person"]
    url = reverse("person_edit", kwargs={"partnership": partnership.slug, "person_id": person.pk})
    response = client.post(url, {"name": person.name, "email": "new.address@northdale.example"})
    assert response.status_code == 302
    latest = Person.objects.get(pk=person.pk).history.order_by("-history_date").first()
    assert latest.email == "new.address@northdale.example"
    assert latest.history_user == members["administrator"]
    assert "email" in client.get(url).content.decode()  # the history shows what changed


def _link(text: str) -> str:
    match = re.search(r"(/sign-in/set-password/[^/\s<]+/[^/\s<]+/)", text)
    assert match, "no set-password link"
    return match.group(1)


def test_an_invited_sign_in_chooses_a_password_once_and_signs_in(client, partnership, members):
    client.force_login(members["administrator"])
    response = client.post(
        reverse("sign_in_new", kwargs={"partnership": partnership.slug}),
        {"name": "Nia New", "username": "nia", "email": "nia@example.org", "role": "viewer"},
    )
    link = _link(response.content.decode())
    assert mail.outbox and link in mail.outbox[0].body
    newcomer = Client()
    page = newcomer.get(link, follow=True)
    form_url = page.redirect_chain[-1][0]
    chosen = {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"}
    assert newcomer.post(form_url, chosen).status_code == 302
    signed_in = newcomer.post(
        reverse("login"), {"username": "nia", "password": "a-brand-new-passphrase"}
    )
    assert signed_in.status_code == 302
    assert b"no longer works" in Client().get(link, follow=True).content
    user = User.objects.get(username="nia")
    assert user.history.earliest("history_date").history_user == members["administrator"]
    assert (
        Membership.objects.get(user=user).history.first().history_user == (members["administrator"])
    )


def test_a_reset_ends_the_persons_sessions(client, partnership, members):
    theirs = Client()
    theirs.force_login(members["viewer"])
    dashboard = reverse("dashboard", kwargs={"partnership": partnership.slug})
    assert theirs.get(dashboard).status_code == 200
    client.force_login(members["administrator"])
    membership = members["viewer"].memberships.get()
    reset = reverse(
        "sign_in_reset", kwargs={"partnership": partnership.slug, "membership_id": membership.pk}
    )
    assert "/sign-in/set-password/" in client.post(reset).content.decode()
    assert theirs.get(dashboard).status_code == 302  # signed out
    assert (
        Client().post(reverse("login"), {"username": "viewer", "password": PASSWORD}).status_code
        == 200
    )


def test_a_sign_in_of_two_partnerships_keeps_its_password_and_stays_active(
    client, partnership, members, other
):
    shared = members["viewer"]
    MembershipFactory(user=shared, partnership=other["partnership"], role="viewer")
    client.force_login(members["administrator"])
    membership = shared.memberships.get(partnership=partnership)
    kwargs = {"partnership": partnership.slug, "membership_id": membership.pk}
    client.post(reverse("sign_in_reset", kwargs=kwargs))
    shared.refresh_from_db()
    assert shared.check_password(PASSWORD)  # not this administrator's to reset
    assert client.post(reverse("sign_in_remove", kwargs=kwargs)).status_code == 302
    shared.refresh_from_db()
    assert shared.is_active and shared.memberships.get().partnership == other["partnership"]
    sole = members["action_lead"].memberships.get()
    client.post(
        reverse(
            "sign_in_remove", kwargs={"partnership": partnership.slug, "membership_id": sole.pk}
        )
    )
    assert not User.objects.get(pk=members["action_lead"].pk).is_active


def test_the_last_administrator_stays(client, partnership, members):
    client.force_login(members["administrator"])
    own = members["administrator"].memberships.get()
    url = reverse("sign_in_edit", kwargs={"partnership": partnership.slug, "membership_id": own.pk})
    response = client.post(url, {"role": "viewer"})
    assert b"at least one administrator" in response.content
    assert Membership.objects.get(pk=own.pk).role == "administrator"
    with pytest.raises(services.NotAllowed):
        services.remove_sign_in(
            partnership=partnership, by=members["administrator"], membership_id=own.pk
        )


def test_nobody_below_administrator_manages_people(client, partnership, members):
    for role in ["programme_manager", "action_lead", "viewer"]:
        client.force_login(members[role])
        new = reverse("sign_in_new", kwargs={"partnership": partnership.slug})
        response = client.post(new, {"name": "X", "username": "x", "role": "administrator"})
        assert response.status_code == 403
    assert not User.objects.filter(username="x").exists()


def test_everyone_changes_their_own_password(client, members):
    client.force_login(members["viewer"])
    url = reverse("change_password")
    wrong = {
        "old_password": "nope",
        "new_password1": "x-new-pass-1",
        "new_password2": "x-new-pass-1",
    }
    assert b"There is a problem" in client.post(url, wrong).content
    assert client.post(url, {**wrong, "old_password": PASSWORD}).status_code == 302
    assert client.get(reverse("home")).status_code == 302  # still signed in
    members["viewer"].refresh_from_db()
    assert members["viewer"].check_password("x-new-pass-1")
