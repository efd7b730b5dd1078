"""Evaluation figures, the professional's link and the public, anonymous evaluation form."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .. import reports, services
from ..access import CASEWORKERS, FIGURES, SendiassAccess, sendiass_view
from ..evaluations import QUESTIONS, evaluation_figures, evaluation_form
from ..forms import ProfessionalLinkForm
from ..models import EvaluationKind
from .common import _form_page, _page, _period, _today


@sendiass_view(FIGURES)
def evaluations(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    period = _period(request)
    return _page(
        request,
        access,
        "sendiass/evaluations.html",
        {
            "period": period,
            "figures": evaluation_figures(period.start, period.end, _today()),
            "years": reports.recent_years(_today()),
        },
    )


@sendiass_view(CASEWORKERS)
def professional_link(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    form = ProfessionalLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = services.issue_evaluation(kind=EvaluationKind.PROFESSIONAL, on=_today())
        link = request.build_absolute_uri(
            reverse("sendiass:evaluation_link", kwargs={"token": token})
        )
        return _page(request, access, "sendiass/case_closed.html", {"case": None, "link": link})
    return _form_page(
        request,
        access,
        form,
        title="Make a feedback link for a professional",
        back=reverse("sendiass:evaluations"),
        button="Make the link",
        hint="The link works once. Its answer is anonymous: it is kept only as a "
        "professional's answer in the financial year it arrives in.",
    )


EVALUATION_SESSION_KEY = "sendiass_evaluation_token"


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # Only on the tokened address: "no-referrer" on the form page itself would make the
    # browser send "Origin: null" with the POST, which CSRF protection rightly refuses.
    response["Referrer-Policy"] = "no-referrer"
    return _no_store(response)


def _evaluation_gone(request: HttpRequest) -> HttpResponse:
    return _no_store(render(request, "sendiass/evaluation_gone.html", status=404))


@require_GET
def evaluation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to the family: keep the token in the session and move to a token-less
    address at once, so the token is in one access-log line (this one) and nowhere else:
    not in the browser's address bar, history, a Referer header or later log lines."""
    if services.invitation_for(token, _today()) is None:
        return _evaluation_gone(request)
    request.session[EVALUATION_SESSION_KEY] = token
    return _no_referrer(redirect("sendiass:evaluation"))


def evaluation(request: HttpRequest) -> HttpResponse:
    """The public, anonymous evaluation form: no sign-in, nothing about the case. The token
    comes back in a hidden field of the POST (or, failing that, from the session)."""
    today = _today()
    if request.method == "POST":
        token = request.POST.get("token", "") or request.session.get(EVALUATION_SESSION_KEY, "")
    else:
        token = request.session.get(EVALUATION_SESSION_KEY, "")
    token = token[:100]
    invitation = services.invitation_for(token, today) if token else None
    if invitation is None:
        request.session.pop(EVALUATION_SESSION_KEY, None)
        return _evaluation_gone(request)
    form = evaluation_form(invitation.kind, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(
                token=token,
                answers={k: v for k, v in form.cleaned_data.items() if v},
                today=today,
            )
        except services.RuleBroken:
            return _evaluation_gone(request)
        finally:
            request.session.pop(EVALUATION_SESSION_KEY, None)
        return _no_store(render(request, "sendiass/evaluation_thanks.html"))
    return _no_store(
        render(
            request,
            "sendiass/evaluation.html",
            {
                "form": form,
                "token": token,
                "professional": invitation.kind == EvaluationKind.PROFESSIONAL,
                "questions": QUESTIONS[invitation.kind],
            },
        )
    )
