"""The SENDIASS annual report as a PDF, made in the background.

The queue is the council's (django-tasks-db's table in the default database), so what goes
into it is the id of a :class:`~.models.ReportJob` and nothing else. The job's status, the PDF
and any error are kept on that row, in the SENDIASS database. The task returns nothing and
catches its own errors, so the queue's row never holds a return value, an exception's
message or a traceback from SENDIASS work.

The report is built here from the SENDIASS database and rendered to HTML (``report_files``);
core draws it as a tagged PDF in a child process with a time and memory limit
(``sendtrack.jobs.limits``).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from sendtrack.jobs.limits import TooBig, TooSlow, run_limited
from sendtrack.jobs.services import prune_queue

from . import report_files, reports
from .access import FIGURES, SendiassAccess, sendiass_view
from .models import ReportJob, ReportJobStatus

logger = logging.getLogger(__name__)

KEEP_FOR = timedelta(days=1)
SLOW_START = timedelta(minutes=2)
TOO_SLOW = (
    "This report took too long to make as a PDF, so it was stopped. Download it as a Word "
    "document instead, or ask your administrator to raise the time limit."
)
TOO_BIG = (
    "This report is too big to make as a PDF: it needed more memory than a report may use. "
    "Download it as a Word document instead."
)
FAILED = "The PDF could not be made. Try again; if it fails again, tell your administrator."
STOPPED = (
    "Making the PDF stopped before it finished, so nothing was kept. Try again; if it stops "
    "again, ask your administrator to check that the background worker is running."
)


def start_annual_report_pdf(*, staff_user_id: int, period: reports.Period) -> ReportJob:
    """Queue the annual report for ``period`` as a PDF; a second request while the first is
    still being made follows the first."""
    ReportJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    prune_queue()  # the council's queue rows, which hold ids only
    waiting = ReportJob.objects.filter(
        staff_user_id=staff_user_id,
        period=period.key,
        status__in=[ReportJobStatus.QUEUED, ReportJobStatus.RUNNING],
    ).first()
    if waiting is not None:
        return _settle_stale(waiting)
    job = ReportJob.objects.create(staff_user_id=staff_user_id, period=period.key)
    make_annual_report_pdf.enqueue(str(job.pk))  # the job's id: all the council's queue sees
    job.refresh_from_db()  # the immediate backend (tests) has made it already
    return job


@task()
def make_annual_report_pdf(job_id: str) -> None:
    """Make the job's PDF and keep it, or why there is none, on the job. Returns None and
    raises nothing, so the council's task row holds no SENDIASS text."""
    claimed = ReportJob.objects.filter(pk=job_id, status=ReportJobStatus.QUEUED).update(
        status=ReportJobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    try:
        job = ReportJob.objects.get(pk=job_id)
        report = reports.annual_report(reports.parse_period(job.period, timezone.localdate()))
        made = run_limited("write_pdf", {}, files={"html": report_files.print_html(report)})
    except TooSlow:
        _finish(job_id, error=TOO_SLOW)
    except TooBig:
        _finish(job_id, error=TOO_BIG)
    except Exception as error:
        # The class name only: a message could carry SENDIASS data into the council's logs.
        logger.error("SENDIASS report job %s failed: %s", job_id, type(error).__name__)
        _finish(job_id, error=FAILED)
    except BaseException:  # the worker is being stopped: say so here, and nothing there
        _finish(job_id, error=STOPPED)
        raise SystemExit(1) from None
    else:
        _finish(job_id, pdf=made)


def _finish(job_id: str, *, pdf: bytes | None = None, error: str = "") -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJobStatus.FAILED if error else ReportJobStatus.DONE,
        pdf=pdf,
        error=error,
        finished_at=timezone.now(),
    )


def _settle_stale(job: ReportJob) -> ReportJob:
    """A job "running" long after its limits would have stopped it lost its worker."""
    from django.conf import settings

    if job.status == ReportJobStatus.RUNNING and job.started_at is not None:
        limit = timedelta(seconds=float(settings.SENDTRACK_JOB_WALL_SECONDS) + 120)
        if timezone.now() - job.started_at > limit:
            _finish(str(job.pk), error=STOPPED)
            job.refresh_from_db()
    return job


def _job(access: SendiassAccess, job_id: UUID) -> ReportJob:
    """The job, only for the member of staff who asked for it."""
    job = ReportJob.objects.filter(pk=job_id, staff_user_id=access.staff.user_id).first()
    if job is None:
        raise Http404("No such report")
    return _settle_stale(job)


@sendiass_view(FIGURES)
def report_job(request: HttpRequest, access: SendiassAccess, job_id: UUID) -> HttpResponse:
    """Making the PDF (the page checks again until it is done), then a link to it, or why
    there is none."""
    job = _job(access, job_id)
    back = reverse("sendiass:annual_report") + f"?period={job.period}"
    context = {"sendiass": access, "job": job, "back": back, "back_text": "Back to the report"}
    if not job.finished:
        slow = job.status == ReportJobStatus.QUEUED and (
            timezone.now() - job.created_at > SLOW_START
        )
        context |= {
            "title": "Making the annual report PDF",
            "nav_include": "sendiass/includes/nav.html",
            "slow_start": slow,
        }
        return render(request, "jobs/waiting.html", context)
    file_url = reverse("sendiass:report_job_download", kwargs={"job_id": job.pk})
    return render(request, "sendiass/report_job.html", {**context, "file_url": file_url})


@sendiass_view(FIGURES)
def report_job_download(request: HttpRequest, access: SendiassAccess, job_id: UUID) -> HttpResponse:
    job = _job(access, job_id)
    if job.pdf is None:
        raise Http404("This PDF is not ready")
    response = HttpResponse(bytes(job.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sendiass-report-{job.period}.pdf"'
    return response
