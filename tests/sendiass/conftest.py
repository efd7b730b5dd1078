"""SENDIASS fixtures: one signed-in user per SENDIASS role, plus council users who must be
refused: a partnership administrator and a Django superuser."""

from datetime import date

import pytest

from sendtrack.sendiass import services
from sendtrack.sendiass.access import SendiassAccess
from sendtrack.sendiass.models import SendiassStaff
from tests.factories import MembershipFactory, UserFactory

SENDIASS_ROLES = ["manager", "caseworker", "volunteer", "figures_viewer"]
COUNCIL = ["council_administrator", "superuser"]
BOTH = ["default", "sendiass"]


@pytest.fixture
def staff(partnership):
    """{role: user} for each SENDIASS role, the council administrator and a superuser."""
    users = {}
    for role in SENDIASS_ROLES:
        user = UserFactory(username=f"sendiass-{role}", first_name=role.title(), last_name="Staff")
        SendiassStaff.objects.create(
            user_id=user.pk, role=role, trained_for_level_4=(role == "manager")
        )
        users[role] = user
    admin = UserFactory(username="council-admin")
    MembershipFactory(user=admin, partnership=partnership, role="administrator")
    users["council_administrator"] = admin
    users["superuser"] = UserFactory(username="root", is_superuser=True, is_staff=True)
    return users


@pytest.fixture
def access_for(staff):
    def make(role: str) -> SendiassAccess:
        return SendiassAccess(SendiassStaff.objects.get(user_id=staff[role].pk), staff[role].pk)

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
