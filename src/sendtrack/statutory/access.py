"""Who may see which statutory page. Least privilege, by role name rather than rank:

- casework officers, team managers and administrators work the worklists and case pages;
- programme managers and viewers (board members) see the timeliness measures only;
- a SENCO sees only the schools portal, and in it only the children of their own setting(s);
- action leads have no statutory pages.

The partnership check itself (404 for a partnership the user is not a member of) is
sendtrack.accounts.access.access_for, shared with every partnership page.
"""

from collections.abc import Callable, Collection
from typing import Any

from sendtrack.accounts.access import (  # noqa: F401 - the role sets are used from here
    CASEWORK_ROLES,
    MEASURES_ROLES,
    PORTAL_ROLES,
    partnership_view,
)
from sendtrack.accounts.models import Role


def statutory_view(roles: Collection[Role]) -> Callable[..., Any]:
    """Decorate a view taking (request, access, **kwargs) that only `roles` may open."""
    return partnership_view(roles=roles)
