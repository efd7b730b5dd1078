"""A partnership administrator's changes to their partnership's people, organisations and
sign-ins. Every function takes the partnership and refuses records outside it, whoever calls
it; every change is kept in the history with who made it.

A sign-in may belong to several partnerships: an administrator here changes only its role
here (or removes it from here); its name, email and password are changed here only when it
belongs to no other partnership.
"""

from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sendtrack.accounts.models import Membership, Organisation, Partnership, Person, Role, User
from sendtrack.core.history import note_changed_by


class NotAllowed(ValueError):
    """The change is refused; the message says why, for the administrator."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class PersonDetails:
    name: str
    job_title: str = ""
    initials: str = ""
    aliases: tuple[str, ...] = ()
    email: str = ""
    organisation_id: int | None = None
    user_id: int | None = None


def _audited_save(record: Person | Organisation | Membership | User, by: User) -> None:
    note_changed_by(record, by)
    record.save()


def _organisation(partnership: Partnership, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    found = Organisation.objects.filter(partnership=partnership, pk=organisation_id).first()
    if found is None:
        raise NotAllowed("Choose one of this partnership's organisations", "organisation")
    return found


def _member_user(partnership: Partnership, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    found = User.objects.filter(pk=user_id, memberships__partnership=partnership).first()
    if found is None:
        raise NotAllowed("Choose one of this partnership's sign-ins", "user")
    return found


@transaction.atomic
def save_person(
    *, partnership: Partnership, by: User, details: PersonDetails, person_id: int | None = None
) -> Person:
    """Add a person to the directory, or change one. Their email is where reminders go."""
    person = (
        Person(partnership=partnership)
        if person_id is None
        else Person.objects.select_for_update().get(partnership=partnership, pk=person_id)
    )
    person.name = details.name.strip()
    person.job_title = details.job_title.strip()
    person.initials = details.initials.strip()
    person.aliases = [a.strip() for a in details.aliases if a.strip()]
    person.email = details.email.strip()
    person.organisation = _organisation(partnership, details.organisation_id)
    person.user = _member_user(partnership, details.user_id)
    _audited_save(person, by)
    return person


@transaction.atomic
def save_organisation(
    *,
    partnership: Partnership,
    by: User,
    name: str,
    short_name: str = "",
    organisation_id: int | None = None,
) -> Organisation:
    organisation = (
        Organisation(partnership=partnership)
        if organisation_id is None
        else Organisation.objects.select_for_update().get(
            partnership=partnership, pk=organisation_id
        )
    )
    taken = Organisation.objects.filter(partnership=partnership, name__iexact=name.strip())
    if taken.exclude(pk=organisation.pk).exists():
        raise NotAllowed("There is already an organisation with that name", "name")
    organisation.name, organisation.short_name = name.strip(), short_name.strip()
    _audited_save(organisation, by)
    return organisation


def password_link_parts(user: User) -> tuple[str, str]:
    """The (uidb64, token) of a one-time set-password link (Django's password reset)."""
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


@transaction.atomic
def invite_sign_in(
    *, partnership: Partnership, by: User, username: str, name: str, email: str, role: str
) -> User:
    """A new sign-in with this role here and no password yet: they choose one with a link."""
    Role(role)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise NotAllowed("That username is taken: choose another", "username")
    first, _, last = name.strip().partition(" ")
    user = User(username=username, first_name=first, last_name=last, email=email.strip())
    user.set_unusable_password()
    _audited_save(user, by)
    membership = Membership(user=user, partnership=partnership, role=role)
    _audited_save(membership, by)
    return user


def _membership(partnership: Partnership, membership_id: int) -> Membership:
    return (
        Membership.objects.select_for_update()
        .select_related("user")
        .get(partnership=partnership, pk=membership_id)
    )


def _keeps_an_administrator(partnership: Partnership, membership: Membership) -> None:
    others = Membership.objects.filter(
        partnership=partnership, role=Role.ADMINISTRATOR, user__is_active=True
    ).exclude(pk=membership.pk)
    if membership.role == Role.ADMINISTRATOR and not others.exists():
        raise NotAllowed("The partnership must keep at least one administrator", "role")


@transaction.atomic
def change_role(*, partnership: Partnership, by: User, membership_id: int, role: str) -> Membership:
    Role(role)
    membership = _membership(partnership, membership_id)
    if role != Role.ADMINISTRATOR:
        _keeps_an_administrator(partnership, membership)
    membership.role = role
    _audited_save(membership, by)
    return membership


@transaction.atomic
def remove_sign_in(*, partnership: Partnership, by: User, membership_id: int) -> User:
    """Take a sign-in out of this partnership. A sign-in that then belongs nowhere is also
    deactivated, which ends its sessions; one that belongs to another partnership stays
    theirs."""
    membership = _membership(partnership, membership_id)
    _keeps_an_administrator(partnership, membership)
    user = membership.user
    note_changed_by(membership, by)
    membership.delete()
    for person in Person.objects.filter(partnership=partnership, user=user):
        person.user = None
        _audited_save(person, by)
    if not user.memberships.exists():
        user.is_active = False
        user.set_unusable_password()
        _audited_save(user, by)
    return user


def _only_here(partnership: Partnership, user: User) -> bool:
    return not user.memberships.exclude(partnership=partnership).exists()


@transaction.atomic
def reset_password(*, partnership: Partnership, by: User, membership_id: int) -> User:
    """Stop someone's password working (ending their sessions) so they choose a new one with a
    link. Only for sign-ins that belong to this partnership alone."""
    membership = _membership(partnership, membership_id)
    user = membership.user
    if not _only_here(partnership, user) or user.is_superuser:
        raise NotAllowed(
            "This sign-in also belongs to another partnership: its password is reset by "
            "the installation's operators"
        )
    if user.pk == by.pk:
        raise NotAllowed("Change your own password with “Change your password”")
    user.set_unusable_password()
    _audited_save(user, by)
    return user
