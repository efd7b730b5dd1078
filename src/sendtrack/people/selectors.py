"""Reads for the partnership administration pages, each scoped to one partnership."""

from django.db.models import Q, QuerySet

from sendtrack.accounts.models import Membership, Organisation, Partnership, Person, User


def people(partnership: Partnership, search: str = "") -> QuerySet[Person]:
    found = Person.objects.filter(partnership=partnership).select_related("organisation", "user")
    if search.strip():
        term = search.strip()
        found = found.filter(
            Q(name__icontains=term)
            | Q(job_title__icontains=term)
            | Q(initials__icontains=term)
            | Q(email__icontains=term)
        )
    return found.order_by("name")


def person(partnership: Partnership, person_id: int) -> Person:
    return Person.objects.select_related("organisation", "user").get(
        partnership=partnership, pk=person_id
    )


def organisations(partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.filter(partnership=partnership).order_by("name")


def organisation(partnership: Partnership, organisation_id: int) -> Organisation:
    return Organisation.objects.get(partnership=partnership, pk=organisation_id)


def memberships(partnership: Partnership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(partnership=partnership)
        .select_related("user")
        .order_by("user__username")
    )


def membership(partnership: Partnership, membership_id: int) -> Membership:
    return Membership.objects.select_related("user").get(partnership=partnership, pk=membership_id)


def member_users(partnership: Partnership) -> QuerySet[User]:
    """Sign-ins that belong to this partnership: the only ones a person may be linked to."""
    return User.objects.filter(memberships__partnership=partnership).order_by("username")
