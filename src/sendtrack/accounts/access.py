"""Who may do what in a partnership: least privilege, checked on every request.

Every partnership page goes through `partnership_view`, which finds the signed-in user's
membership of the partnership named in the URL (404 when there is none, so a user of one
partnership cannot learn what another holds) and refuses roles below the one the page needs.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import Membership, Partnership, Person, Role, User

# Casework officers and team managers read plan pages as viewers do; a SENCO (a school's
# special educational needs co-ordinator) ranks below every plan page and uses only the
# schools portal. Statutory pages check roles by name (sendtrack.statutory.access).
ROLE_RANK = {
    Role.SENCO: -1,
    Role.VIEWER: 0,
    Role.CASEWORK_OFFICER: 0,
    Role.TEAM_MANAGER: 0,
    Role.ACTION_LEAD: 1,
    Role.PROGRAMME_MANAGER: 2,
    Role.ADMINISTRATOR: 3,
}

# Statutory pages are open to roles by name, not by rank (sendtrack.statutory.access).
CASEWORK_ROLES = frozenset({Role.CASEWORK_OFFICER, Role.TEAM_MANAGER, Role.ADMINISTRATOR})
MEASURES_ROLES = CASEWORK_ROLES | {Role.PROGRAMME_MANAGER, Role.VIEWER}
PORTAL_ROLES = frozenset({Role.SENCO})


@dataclass(frozen=True)
class Access:
    """The signed-in user's standing in one partnership, handed to every partnership view."""

    partnership: Partnership
    membership: Membership
    person_ids: frozenset[int]

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    def at_least(self, role: Role) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def sees_plans(self) -> bool:
        return self.at_least(Role.VIEWER)

    @property
    def does_casework(self) -> bool:
        return self.role in CASEWORK_ROLES

    @property
    def sees_measures(self) -> bool:
        return self.role in MEASURES_ROLES

    @property
    def uses_portal(self) -> bool:
        return self.role in PORTAL_ROLES

    @property
    def manages_people(self) -> bool:
        """Administrators keep the partnership's people, organisations and sign-ins."""
        return self.role == Role.ADMINISTRATOR

    @property
    def can_manage(self) -> bool:
        """Programme managers and administrators edit everything in the partnership."""
        return self.at_least(Role.PROGRAMME_MANAGER)

    def can_update_action(self, owner_ids: set[int] | frozenset[int]) -> bool:
        """Managers update any action; an action lead updates the actions they own."""
        if self.can_manage:
            return True
        return self.role == Role.ACTION_LEAD and bool(self.person_ids & set(owner_ids))


class SignedInRequest(HttpRequest):
    """The request a view behind sign-in is given (`login_required`, `partnership_view`):
    its user is a User, never the anonymous one. Only for the type checker: Django makes
    the request."""

    user: User


def access_for(user: User, partnership_slug: str) -> Access:
    membership = (
        Membership.objects.select_related("partnership")
        .filter(user_id=user.pk, partnership__slug=partnership_slug)
        .first()
    )
    if membership is None:
        raise Http404("No such partnership")
    person_ids = frozenset(
        Person.objects.filter(partnership=membership.partnership, user_id=user.pk).values_list(
            "id", flat=True
        )
    )
    return Access(membership.partnership, membership, person_ids)


def partnership_view(
    minimum: Role = Role.VIEWER, *, roles: Collection[Role] | None = None
) -> Callable[..., Any]:
    """Decorate a view taking (request, access, **kwargs) from a /p/<partnership>/ URL.

    The page is open to roles ranked at or above `minimum`, or, when `roles` is given, to
    exactly those roles (statutory pages, whose users are not ranked like plan users).
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, partnership: str, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = access_for(user, partnership)
            allowed = access.role in roles if roles is not None else access.at_least(minimum)
            if not allowed:
                raise PermissionDenied
            return view(request, access, **kwargs)

        return wrapped

    return decorate
