"""Statutory fixtures: a member of every role, including the casework and schools roles."""

import pytest

from tests.factories import MembershipFactory, UserFactory
from tests.statutory.factories import SettingContactFactory, SettingFactory

STATUTORY_ROLES = ["casework_officer", "team_manager", "senco"]


@pytest.fixture
def staff(partnership, members):
    """Every role's user; the SENCO is linked to `school` (another setting is `other_school`)."""
    return make_staff(partnership, members)


def make_staff(partnership, members):
    users = dict(members)
    for role in STATUTORY_ROLES:
        user = UserFactory(username=role)
        MembershipFactory(user=user, partnership=partnership, role=role)
        users[role] = user
    users["school"] = SettingFactory(partnership=partnership, name="Brookfield Primary School")
    users["other_school"] = SettingFactory(partnership=partnership, name="Castlegate Academy")
    SettingContactFactory(setting=users["school"], user=users["senco"])
    return users
