from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .access import SignedInRequest
from .models import Membership, Role

# Where each role starts: SENCOs have only the schools portal, caseworkers their worklists,
# action leads the actions they lead.
START_PAGE: dict[str, str] = {
    Role.ACTION_LEAD: "my_actions",
    Role.SENCO: "statutory:portal",
    Role.CASEWORK_OFFICER: "statutory:home",
    Role.TEAM_MANAGER: "statutory:home",
}


@login_required
def home(request: SignedInRequest) -> HttpResponse:
    """Send a user to their partnership, or let them choose when they belong to several."""
    memberships = list(Membership.objects.filter(user=request.user).select_related("partnership"))
    if len(memberships) == 1:
        membership = memberships[0]
        return redirect(
            START_PAGE.get(membership.role, "dashboard"), partnership=membership.partnership.slug
        )
    choices = [
        (
            m,
            reverse(
                START_PAGE.get(m.role, "dashboard"), kwargs={"partnership": m.partnership.slug}
            ),
        )
        for m in memberships
    ]
    return render(
        request,
        "accounts/choose_partnership.html",
        {"choices": choices},
    )
