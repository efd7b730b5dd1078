"""SENDIASS staff accounts: invited, reset, changed and deactivated by a SENDIASS manager only.

Every change is kept in the staff history on the SENDIASS database with the manager who made
it. The first manager is made by `sendtrack sendiass-create-manager`, which asks for the
SENDIASS key, so whoever runs the council's side cannot make themselves SENDIASS staff.
"""

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from .access import SendiassAccess
from .models import SendiassStaff, StaffRole
from .services import RuleBroken, change_as
from .signin import set_password_token


@dataclass(frozen=True)
class StaffDetails:
    username: str
    name: str
    email: str
    role: str
    trained_for_level_4: bool = False


def _next_staff_number() -> int:
    highest = SendiassStaff.objects.aggregate(highest=Max("user_id"))["highest"]
    return (highest or 0) + 1


def invite_staff(*, by: SendiassAccess | None, details: StaffDetails) -> tuple[SendiassStaff, str]:
    """A new account with no password yet, and the token of its set-password link."""
    StaffRole(details.role)
    username = details.username.strip()
    if not username or not details.name.strip():
        raise RuleBroken("Enter their username and name", field="username")
    with change_as(by):
        if SendiassStaff.objects.filter(username__iexact=username).exists():
            raise RuleBroken("There is already a SENDIASS account with that username", "username")
        staff = SendiassStaff(
            user_id=_next_staff_number(),
            username=username,
            name=details.name.strip(),
            email=details.email.strip(),
            role=details.role,
            trained_for_level_4=details.trained_for_level_4,
            password_changed_at=timezone.now(),
        )
        staff.set_password(None)
        staff.save()
    return staff, set_password_token(staff)


def change_staff(
    *, by: SendiassAccess, staff_id: int, role: str, trained_for_level_4: bool, active: bool
) -> SendiassStaff:
    """Change someone's role or deactivate them (which ends their sessions at once). A manager
    cannot remove their own manager access, so the service always keeps one."""
    StaffRole(role)
    if staff_id == by.staff.pk and (not active or role != StaffRole.MANAGER):
        raise RuleBroken("You cannot remove your own manager access", field="role")
    with change_as(by):
        staff = SendiassStaff.objects.select_for_update().get(pk=staff_id)
        staff.role, staff.trained_for_level_4, staff.active = role, trained_for_level_4, active
        staff.save()
    return staff


def reset_password(*, by: SendiassAccess, staff_id: int) -> tuple[SendiassStaff, str]:
    """Take away someone's password (ending their sessions) and give a new set-password link."""
    if staff_id == by.staff.pk:
        raise RuleBroken("Change your own password with “Change your password”")
    with change_as(by):
        staff = SendiassStaff.objects.select_for_update().get(pk=staff_id)
        if not staff.active:
            raise RuleBroken("This account is deactivated: reactivate it first")
        staff.set_password(None)
        staff.password_changed_at = timezone.now()
        staff.save()
    return staff, set_password_token(staff)


def set_password(*, staff: SendiassStaff, new_password: str) -> SendiassStaff:
    """Someone chooses their own password (from a link, or when changing it)."""
    try:
        validate_password(new_password)
    except ValidationError as error:
        raise RuleBroken(" ".join(error.messages), field="new_password1") from error
    with change_as(staff):
        staff = SendiassStaff.objects.select_for_update().get(pk=staff.pk)
        staff.set_password(new_password)
        staff.password_changed_at = timezone.now()
        staff.failed_sign_ins, staff.locked_until = 0, None
        staff.save()
    return staff
