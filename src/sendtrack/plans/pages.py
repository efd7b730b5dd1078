"""How the plan pages render, shared by the reading views and the building views."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendtrack.accounts.access import Access

from . import services


def render_page(request: HttpRequest, access: Access, template: str, context: dict) -> HttpResponse:
    return render(request, template, {"access": access, **context})


def stale_page(
    request: HttpRequest, access: Access, template: str, context: dict, error: services.StaleEdit
) -> HttpResponse:
    """The form again, saying the change was not saved and what others saved first."""
    return render_page(request, access, template, {**context, "stale": error})
