"""SENDIASS fixtures: one SENDIASS account per role (held in the SENDIASS database), plus
council sign-ins who must be refused: a partnership administrator and a Django superuser."""

from datetime import date

import pytest
from django.conf import settings

from sendtrack.sendiass import services
from sendtrack.sendiass.access import SendiassAccess
from sendtrack.sendiass.models import SendiassStaff
from sendtrack.sendiass.signin import start_session
from tests.factories import MembershipFactory, UserFactory

SENDIASS_ROLES = ["manager", "caseworker", "volunteer", "figures_viewer"]
COUNCIL = ["council_administrator", "superuser"]
BOTH = ["default", "sendiass"]


def make_staff(role: str, number: int, username: str = "", password: str | None = None):
    staff = SendiassStaff(
        user_id=number,
        username=username or f"sendiass-{role}",
        name=f"{role.replace('_', ' ').title()} Staff",
        role=role,
        trained_for_level_4=(role == "manager"),
    )
    staff.set_password(password or "a-long-test-password")
    staff.save()
    return staff


def sign_in(client, who):
    """Sign a test client in: a SENDIASS account on its own session, a council user as usual."""
    if not isinstance(who, SendiassStaff):
        client.force_login(who)
        return client
    session = client.session
    start_session(session, who)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


@pytest.fixture
def staff(partnership):
    """{role: account} for each SENDIASS role (SendiassStaff), and council sign-ins (User) for
    the council administrator and a superuser."""
    return make_everyone(partnership)


def make_everyone(partnership):
    users = {}
    for number, role in enumerate(SENDIASS_ROLES, start=101):
        users[role] = make_staff(role, number)
    admin = UserFactory(username="council-admin")
    MembershipFactory(user=admin, partnership=partnership, role="administrator")
    users["council_administrator"] = admin
    users["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    return users


@pytest.fixture
def access_for(staff):
    def make(role: str) -> SendiassAccess:
        return SendiassAccess(staff[role], staff[role].user_id)

    return make


def make_case(
    by=None, *, name="Pat Parent", referred_on=date(2025, 5, 6), route="parent_carer", **kwargs
):
    return services.record_referral(
        by=by,
        referred_on=referred_on,
        referral_route=route,
        service_user=services.ServiceUserDetails(
            kind="parent_carer", name=name, email="pat@example.org", phone="07700 900123"
        ),
        child=services.ChildDetails("Charlie Child", date(2015, 2, 3), "Northdale Primary"),
        **kwargs,
    )
