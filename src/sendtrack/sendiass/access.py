"""Who may use the SENDIASS pages: SENDIASS staff and volunteers only.

Membership is a SendiassStaff row in the SENDIASS database, which is also the sign-in
(signin.py): nothing in the council's database grants access or can sign anyone in here. A
partnership administrator or a Django superuser is sent to the SENDIASS sign-in like anyone
else, and no council page can make, change or reset a SENDIASS account.

- manager: everything, including triage criteria, staff, complaints and deficit records;
- caseworker: casework at every level (level 4 only when trained for it);
- volunteer: casework at levels 1 and 2 only; cases at level 3 or 4 are not shown;
- figures viewer: anonymous figures only (annual report, evaluation figures, deficit report).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .models import SendiassStaff, StaffRole
from .signin import signed_in_staff

CASEWORK = (StaffRole.MANAGER, StaffRole.CASEWORKER, StaffRole.VOLUNTEER)
CASEWORKERS = (StaffRole.MANAGER, StaffRole.CASEWORKER)
MANAGERS = (StaffRole.MANAGER,)
FIGURES = tuple(StaffRole)
VOLUNTEER_MAX_LEVEL = 2


@dataclass(frozen=True)
class SendiassAccess:
    staff: SendiassStaff
    user_id: int

    @property
    def role(self) -> StaffRole:
        return StaffRole(self.staff.role)

    @property
    def is_manager(self) -> bool:
        return self.role == StaffRole.MANAGER

    @property
    def does_casework(self) -> bool:
        return self.role in CASEWORK

    @property
    def max_level(self) -> int:
        """The highest level of support this person may work on or set."""
        if self.role == StaffRole.VOLUNTEER:
            return VOLUNTEER_MAX_LEVEL
        if self.role in CASEWORKERS:
            return 4 if self.staff.trained_for_level_4 else 3
        return 0

    @property
    def max_visible_level(self) -> int:
        """Volunteers see cases at levels 1–2; caseworkers and managers see all."""
        if self.role == StaffRole.VOLUNTEER:
            return VOLUNTEER_MAX_LEVEL
        return 4 if self.role in CASEWORKERS else 0


def staff_for(user_id: int | None) -> SendiassStaff | None:
    if user_id is None:
        return None
    return SendiassStaff.objects.filter(user_id=user_id, active=True).first()


def sendiass_view(roles: Iterable[StaffRole] = FIGURES) -> Callable[..., Any]:
    """Decorate a view taking (request, access, **kwargs): signed in, active staff, right role."""
    allowed = frozenset(roles)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            staff = signed_in_staff(request)
            if staff is None:
                return redirect_to_login(request.get_full_path(), reverse("sendiass:sign_in"))
            if staff.role not in allowed:
                raise PermissionDenied
            request.sendiass_staff = staff  # type: ignore[attr-defined]  # read by the history
            return view(request, SendiassAccess(staff, staff.user_id), **kwargs)

        return wrapped

    return decorate
