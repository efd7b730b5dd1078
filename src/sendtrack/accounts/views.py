from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .models import Membership


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send a user to their partnership, or let them choose when they belong to several."""
    memberships = list(Membership.objects.filter(user=request.user).select_related("partnership"))
    if len(memberships) == 1:
        return redirect("dashboard", partnership=memberships[0].partnership.slug)
    return render(request, "accounts/choose_partnership.html", {"memberships": memberships})
