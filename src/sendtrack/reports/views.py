"""Report pages and downloads: thin views over builders (content), formats (the files) and
services (publishing)."""

from datetime import date
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendtrack import request_values
from sendtrack.accounts.access import Access, SignedInRequest, partnership_view
from sendtrack.accounts.models import Role
from sendtrack.core.forms import GovukForm
from sendtrack.jobs import services as jobs
from sendtrack.jobs.models import Job, JobKind
from sendtrack.plans.models import Plan, Section

from . import builders, formats, selectors, services, tasks
from .builders import Report
from .forms import PeriodReportForm, months_offered
from .models import PublishedReport, ReportKind

NAV = "reports"


def _today() -> date:
    return timezone.localdate()


def _page(request: HttpRequest, access: Access, template: str, context: dict) -> HttpResponse:
    return render(request, template, {"access": access, "nav": NAV, **context})


def _month(text: str) -> date:
    chosen = request_values.month(text)
    if chosen is None:
        raise Http404("Give the month as YYYY-MM")
    return chosen


def _plan(access: Access, plan_id: int) -> Plan:
    try:
        return selectors.plan_for(access.partnership, plan_id)
    except Plan.DoesNotExist as missing:
        raise Http404("No such plan") from missing


def _section(access: Access, section_id: int) -> Section:
    try:
        return selectors.section_for(access.partnership, section_id)
    except Section.DoesNotExist as missing:
        raise Http404("No such section") from missing


def download(report: Report, fmt: str, filename: str, body: bytes | None = None) -> HttpResponse:
    """The report as a file; `body` when it is already made (a published version's PDF)."""
    if fmt not in formats.RENDERERS:
        raise Http404("Unknown format")
    response = HttpResponse(
        formats.RENDERERS[fmt](report) if body is None else body,
        content_type=formats.CONTENT_TYPES[fmt],
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


PUBLISHED_PER_PAGE = 20


class BoardReportChoice(GovukForm):
    """The plan and month a board report covers, picked from lists: boards usually meet about
    a month that has ended, so "this month" alone is not enough."""

    plan = forms.TypedChoiceField(
        label="Plan",
        coerce=int,
        error_messages={"required": "Select a plan", "invalid_choice": "Select a plan"},
    )
    month = forms.ChoiceField(
        label="Month",
        help_text="The month the report covers.",
        error_messages={
            "required": "Select a month",
            "invalid_choice": "Select a month from the list",
        },
    )

    def __init__(self, *args, plans: list[Plan], today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plan_field, month_field = self.fields["plan"], self.fields["month"]
        assert isinstance(plan_field, forms.ChoiceField)
        assert isinstance(month_field, forms.ChoiceField)
        plan_field.choices = [(plan.pk, plan.title) for plan in plans]
        month_field.choices = months_offered(today)


@partnership_view()
def report_index(request: HttpRequest, access: Access) -> HttpResponse:
    from sendtrack.plans.selectors import plans_for

    plans = list(plans_for(access.partnership))
    today = _today()
    chosen = "plan" in request.GET or "month" in request.GET
    choice = BoardReportChoice(
        request.GET if chosen else None,
        plans=plans,
        today=today,
        initial={"month": f"{today:%Y-%m}"},
    )
    if chosen and choice.is_valid():
        return redirect(
            "board_report",
            partnership=access.partnership.slug,
            plan_id=choice.cleaned_data["plan"],
            month=choice.cleaned_data["month"],
        )
    return _page(
        request,
        access,
        "reports/index.html",
        {
            "form": choice,
            "plans": plans,
            "sections": selectors.top_sections(access.partnership),
            "published": Paginator(
                selectors.published_for(access.partnership), PUBLISHED_PER_PAGE
            ).get_page(request.GET.get("page")),
        },
    )


def _report_page(request, access, report, *, publish: dict, downloads: str, extra=None):
    return _page(
        request,
        access,
        "reports/report.html",
        {"report": report, "publish": publish, "downloads": downloads, **(extra or {})},
    )


@partnership_view()
def board_report(request: HttpRequest, access: Access, plan_id: int, month: str) -> HttpResponse:
    plan = _plan(access, plan_id)
    report = builders.board_report(plan, _month(month), _today())
    return _report_page(
        request,
        access,
        report,
        publish={"kind": "board", "plan": plan.pk, "month": month},
        downloads=request.path + "report",
    )


@partnership_view()
def board_report_download(
    request: SignedInRequest, access: Access, plan_id: int, month: str, fmt: str
) -> HttpResponse:
    plan = _plan(access, plan_id)
    _month(month)
    filename = f"board-report-{plan.pk}-{month}"
    if fmt == "pdf":
        params = {"report": "board", "plan": plan.pk, "month": month, "filename": filename}
        return _pdf_job(request, access, params)
    report = builders.board_report(plan, _month(month), _today())
    return download(report, fmt, filename)


@partnership_view(Role.PROGRAMME_MANAGER)
def period_report(request: SignedInRequest, access: Access) -> HttpResponse:
    """A board report over a quarter or six months and several plans, with the programme
    manager's summary: previewed under the form, then published as a version (which is
    what the PDF, Word and spreadsheet downloads are made from)."""
    from sendtrack.plans.selectors import plans_for

    plans = list(plans_for(access.partnership))
    form = PeriodReportForm(request.POST or None, plans=plans, today=_today())
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        chosen = {plan.pk: plan for plan in plans}
        covered = [chosen[pk] for pk in sorted(set(form.cleaned_data["plans"]))]
        period = form.chosen_period()
        report = builders.period_report(covered, period, form.cleaned_data["narrative"], _today())
        if "publish" not in request.POST:
            return _page(request, access, "reports/period.html", {**context, "report": report})
        published = services.publish_report(
            partnership=access.partnership,
            user=request.user,
            report=report,
            period=period.start,
            period_end=period.end,
            plans=covered,
        )
        messages.success(request, f"Published as version {published.number}")
        return redirect(
            "published_report", partnership=access.partnership.slug, report_id=published.pk
        )
    return _page(request, access, "reports/period.html", context)


@partnership_view()
def highlight_report(request: HttpRequest, access: Access, section_id: int) -> HttpResponse:
    section = _section(access, section_id)
    report = builders.highlight_report(section, _today())
    return _report_page(
        request,
        access,
        report,
        publish={"kind": "highlight", "section": section.pk},
        downloads=request.path + "report",
    )


@partnership_view()
def highlight_report_download(
    request: SignedInRequest, access: Access, section_id: int, fmt: str
) -> HttpResponse:
    section = _section(access, section_id)
    filename = f"highlight-report-{section.pk}"
    if fmt == "pdf":
        params = {"report": "highlight", "section": section.pk, "filename": filename}
        return _pdf_job(request, access, params)
    report = builders.highlight_report(section, _today())
    return download(report, fmt, filename)


@partnership_view()
def public_report_preview(request: HttpRequest, access: Access) -> HttpResponse:
    report = builders.public_report(access.partnership, _today(), with_long_sentences=True)
    return _report_page(
        request,
        access,
        report,
        publish={"kind": "public"},
        downloads=request.path + "report",
        extra={"long_sentences": report.pop("long_sentences", [])},
    )


@partnership_view()
def public_report_download(request: SignedInRequest, access: Access, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        return _pdf_job(request, access, {"report": "public", "filename": "public-progress-report"})
    report = builders.public_report(access.partnership, _today())
    return download(report, fmt, "public-progress-report")


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def report_publish(request: SignedInRequest, access: Access) -> HttpResponse:
    kind = request.POST.get("kind")
    today = _today()
    plan = section = period = None
    if kind == ReportKind.BOARD:
        plan = _plan(access, _int(request.POST.get("plan")))
        period = _month(request.POST.get("month", ""))
        report = builders.board_report(plan, period, today)
    elif kind == ReportKind.HIGHLIGHT:
        section = _section(access, _int(request.POST.get("section")))
        plan = section.plan
        report = builders.highlight_report(section, today)
    elif kind == ReportKind.PUBLIC:
        report = builders.public_report(access.partnership, today)
    else:
        raise PermissionDenied
    published = services.publish_report(
        partnership=access.partnership,
        user=request.user,
        report=report,
        plan=plan,
        section=section,
        period=period,
    )
    messages.success(request, f"Published as version {published.number}")
    return redirect("published_report", partnership=access.partnership.slug, report_id=published.pk)


def _int(value: str | None) -> int:
    number = request_values.whole_number(value)
    if number is None:
        raise Http404("Missing id")
    return number


def _published(access: Access, report_id: int) -> PublishedReport:
    try:
        return selectors.published_report(access.partnership, report_id)
    except PublishedReport.DoesNotExist as missing:
        raise Http404("No such report") from missing


@partnership_view()
def published_report(request: HttpRequest, access: Access, report_id: int) -> HttpResponse:
    published = _published(access, report_id)
    return _page(request, access, "reports/published.html", {"published": published})


@partnership_view()
def published_report_download(
    request: SignedInRequest, access: Access, report_id: int, fmt: str
) -> HttpResponse:
    published = _published(access, report_id)
    filename = f"report-{published.pk}-v{published.number}"
    if fmt == "pdf":
        if published.pdf is None:  # made once, in the background, then kept
            params = {"report": "published", "published": published.pk, "filename": filename}
            return _pdf_job(request, access, params)
        return download(published.content, fmt, filename, bytes(published.pdf))
    return download(published.content, fmt, filename)


def _pdf_job(request: SignedInRequest, access: Access, params: dict) -> HttpResponse:
    """A PDF is made in the background: start (or follow) its job and go to its page."""
    job = tasks.start_report_pdf(partnership=access.partnership, user=request.user, params=params)
    return redirect("report_job", partnership=access.partnership.slug, job_id=job.pk)


def _job(request: SignedInRequest, access: Access, job_id: UUID) -> Job:
    try:
        return jobs.job_for(
            job_id=job_id,
            kind=JobKind.REPORT_PDF,
            partnership=access.partnership,
            user=request.user,
        )
    except Job.DoesNotExist as missing:
        raise Http404("No such PDF") from missing


def _report_url(access: Access, params: dict) -> str:
    """The page of the report a PDF job is making."""
    slug = access.partnership.slug
    kind = params.get("report")
    if kind == "board":
        kwargs = {"plan_id": params["plan"], "month": params["month"]}
        return reverse("board_report", kwargs={"partnership": slug, **kwargs})
    if kind == "highlight":
        return reverse(
            "highlight_report", kwargs={"partnership": slug, "section_id": params["section"]}
        )
    if kind == "published":
        return reverse(
            "published_report", kwargs={"partnership": slug, "report_id": params["published"]}
        )
    return reverse("public_report_preview", kwargs={"partnership": slug})


@partnership_view()
def report_job(request: SignedInRequest, access: Access, job_id: UUID) -> HttpResponse:
    """Making the PDF (the page checks again until it is done), then a link to it, or why
    there is none. Only for the person who asked for it."""
    job = _job(request, access, job_id)
    context = {
        "job": job,
        "back": _report_url(access, job.params),
        "back_text": "Back to the report",
    }
    if not job.finished:
        context |= {"title": "Making your PDF", "slow_start": jobs.waiting_too_long(job)}
        return _page(request, access, "jobs/waiting.html", context)
    if job.params.get("report") == "published":
        kwargs = {"report_id": job.params["published"], "fmt": "pdf"}
        file_url = reverse(
            "published_report_download", kwargs={"partnership": access.partnership.slug, **kwargs}
        )
    else:
        file_url = reverse(
            "report_job_download", kwargs={"partnership": access.partnership.slug, "job_id": job.pk}
        )
    return _page(request, access, "reports/report_job.html", {**context, "file_url": file_url})


@partnership_view()
def report_job_download(request: SignedInRequest, access: Access, job_id: UUID) -> HttpResponse:
    job = _job(request, access, job_id)
    if job.result_file is None:
        raise Http404("This PDF is not ready")
    response = HttpResponse(bytes(job.result_file), content_type=formats.CONTENT_TYPES["pdf"])
    filename = job.params.get("filename") or "report"
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def public_report(request: HttpRequest, partnership: str) -> HttpResponse:
    """The latest published public report: no sign-in, and no personal data in it."""
    published = selectors.latest_public(partnership)
    if published is None:
        raise Http404("No public report has been published")
    return render(request, "reports/public.html", {"published": published})
