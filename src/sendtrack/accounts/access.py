"""Who may do what in a partnership: least privilege, checked on every request.

Every partnership page goes through `partnership_view`, which finds the signed-in user's
membership of the partnership named in the URL (404 when there is none, so a user of one
partnership cannot learn what another holds) and refuses roles below the one the page needs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import Membership, Partnership, Person, Role

ROLE_RANK = {Role.VIEWER: 0, Role.ACTION_LEAD: 1, Role.PROGRAMME_MANAGER: 2, Role.ADMINISTRATOR: 3}


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
    def can_manage(self) -> bool:
        """Programme managers and administrators edit everything in the partnership."""
        return self.at_least(Role.PROGRAMME_MANAGER)

    def can_update_action(self, owner_ids: set[int] | frozenset[int]) -> bool:
        """Managers update any action; an action lead updates the actions they own."""
        if self.can_manage:
            return True
        return self.role == Role.ACTION_LEAD and bool(self.person_ids & set(owner_ids))


def access_for(request: HttpRequest, partnership_slug: str) -> Access:
    user = request.user
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


def partnership_view(minimum: Role = Role.VIEWER) -> Callable[..., Any]:
    """Decorate a view taking (request, access, **kwargs) from a /p/<partnership>/ URL."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, partnership: str, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = access_for(request, partnership)
            if not access.at_least(minimum):
                raise PermissionDenied
            request.access = access  # type: ignore[attr-defined]
            return view(request, access, **kwargs)

        return wrapped

    return decorate
