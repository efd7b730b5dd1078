"""Reminder settings: the signed-in user's page, and a digest's signed "stop" link."""

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendtrack.accounts.access import Access, SignedInRequest, partnership_view
from sendtrack.accounts.models import Partnership, Role

from . import selectors, services
from .forms import PreferenceForm
from .stop_links import read_stop_digest_token


# Every role may choose what it is emailed, so the page is open to every member.
@partnership_view(roles=frozenset(Role))
def preferences(request: SignedInRequest, access: Access) -> HttpResponse:
    preference = selectors.preference_for(access.partnership, request.user)
    manager = access.role == Role.PROGRAMME_MANAGER
    if request.method == "POST":
        form = PreferenceForm(request.POST, manager=manager)
        if form.is_valid():
            services.set_preference(
                partnership=access.partnership,
                user=request.user,
                digest=form.cleaned_data["digest"],
                summary=form.cleaned_data["summary"] if manager else None,
            )
            messages.success(request, "Your reminder settings have been saved.")
            return redirect("reminder_preferences", partnership=access.partnership.slug)
    else:
        form = PreferenceForm(
            initial={"digest": preference.digest, "summary": preference.summary},
            manager=manager,
        )
    return render(
        request,
        "reminders/preferences.html",
        {
            "access": access,
            "form": form,
            "addresses": selectors.addresses_for(access.partnership, request.user),
        },
    )


def stop_digest(request: HttpRequest, token: str) -> HttpResponse:
    """The "stop these emails" link of a digest: works without signing in (many leads have
    no sign-in). Asking changes nothing; pressing the button does (link checkers follow
    links in emails)."""
    try:
        partnership, person_ids = read_stop_digest_token(token)
    except (signing.BadSignature, Partnership.DoesNotExist, KeyError, TypeError, ValueError):
        raise Http404("This link is not valid") from None
    stopped = None
    if request.method == "POST":
        stopped = services.stop_digests(partnership, person_ids)
    return render(
        request, "reminders/stop_digest.html", {"partnership": partnership, "stopped": stopped}
    )
