"""The annual report page and its PDF and Word files."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .. import jobs, report_files, reports
from ..access import FIGURES, SendiassAccess, sendiass_view
from .common import _page, _report_period, _today


@sendiass_view(FIGURES)
def annual_report(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    report = reports.annual_report(_report_period(request))
    return _page(
        request,
        access,
        "sendiass/annual_report.html",
        {
            "report": report,
            "sections": reports.report_sections(report),
            "periods": reports.recent_periods(_today()),
        },
    )


def _report_file(request: HttpRequest, content: bytes, content_type: str, extension: str):
    period = _report_period(request)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="sendiass-report-{period.key}.{extension}"'
    )
    return response


@sendiass_view(FIGURES)
def annual_report_pdf(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    """The PDF is made in the background (jobs.py): its page shows it being made, then a
    link to it."""
    job = jobs.start_annual_report_pdf(
        staff_user_id=access.staff.user_id, period=_report_period(request)
    )
    return redirect("sendiass:report_job", job_id=job.pk)


@sendiass_view(FIGURES)
def annual_report_docx(request: HttpRequest, access: SendiassAccess) -> HttpResponse:
    report = reports.annual_report(_report_period(request))
    return _report_file(
        request,
        report_files.report_docx(report),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    )
