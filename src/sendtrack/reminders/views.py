"""The signed-in user's reminder settings for one partnership."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendtrack.accounts.access import Access, partnership_view
from sendtrack.accounts.models import Role

from . import selectors, services
from .forms import PreferenceForm


# Every role may choose what it is emailed, so the page is open to every member.
@partnership_view(roles=frozenset(Role))
def preferences(request: HttpRequest, access: Access) -> HttpResponse:
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
