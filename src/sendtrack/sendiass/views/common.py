"""Helpers shared by the SENDIASS pages: rendering, rule errors, today, cases and periods."""

from datetime import date

from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sendtrack import request_values

from .. import reports, selectors, services
from ..access import SendiassAccess
from ..models import SendiassCase

CASES_PER_PAGE = 50


def _today() -> date:
    return timezone.localdate()


def _page(request: HttpRequest, access: SendiassAccess, template: str, context: dict):
    return render(request, template, {"sendiass": access, **context})


def _form_page(request, access, form, *, title, caption="", back=None, button="Save", **extra):
    return _page(
        request,
        access,
        "sendiass/form.html",
        {"form": form, "title": title, "caption": caption, "back": back, "button": button, **extra},
    )


def _rule_error(form, error: services.RuleBroken) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def _case(access: SendiassAccess, case_id: int) -> SendiassCase:
    try:
        return selectors.case_for(access, case_id)
    except SendiassCase.DoesNotExist as missing:
        raise Http404("No such case") from missing


def _case_url(case: SendiassCase | int) -> str:
    pk = case if isinstance(case, int) else case.pk
    return reverse("sendiass:case_detail", kwargs={"case_id": pk})


def _period(request: HttpRequest) -> reports.Period:
    return reports.financial_year(request_values.year(request.GET.get("year")), _today())


def _report_period(request: HttpRequest) -> reports.Period:
    if "period" in request.GET:
        return reports.parse_period(request.GET["period"], _today())
    return _period(request)


def _records_page(request, access, *, title, intro, caption, headers, rows, form, button):
    return _page(
        request,
        access,
        "sendiass/records.html",
        {
            "title": title,
            "intro": intro,
            "caption": caption,
            "headers": headers,
            "rows": rows,
            "form": form,
            "button": button,
        },
    )
