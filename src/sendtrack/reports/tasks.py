"""Reports as PDF, made in the background.

Drawing a long report as a tagged PDF takes WeasyPrint seconds and hundreds of megabytes, so
the download link starts a job (:func:`start_report_pdf`) and the person waits on its page.
The task rebuilds the report's content from the ids in the job (scoped to its partnership),
renders the print page here, and has WeasyPrint draw it in a child process with a time and
memory limit (``sendtrack.jobs.limits``). A published version's PDF is kept on the version,
as it always was; any other PDF waits on the job, for the person who asked, for a day.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django_tasks import task

from sendtrack.accounts.models import Partnership, User
from sendtrack.jobs import services as jobs
from sendtrack.jobs.limits import TooBig, TooSlow, run_limited
from sendtrack.jobs.models import Job, JobKind

from . import builders, formats, selectors, services, snapshots
from .builders import Report
from .models import PublishedReport

logger = logging.getLogger(__name__)

TOO_SLOW = (
    "This report took too long to make as a PDF, so it was stopped. Download it as a Word "
    "document or a spreadsheet instead, or ask your administrator to raise the time limit."
)
TOO_BIG = (
    "This report is too big to make as a PDF: it needed more memory than a report may use. "
    "Download it as a Word document or a spreadsheet instead."
)
GONE = "What this report covers has been removed or archived, so no PDF was made."
FAILED = "The PDF could not be made. Try again; if it fails again, tell your administrator."


def start_report_pdf(*, partnership: Partnership, user: User, params: dict[str, Any]) -> Job:
    """Queue a PDF of the report ``params`` names (``report``: board, highlight, public or
    published, with its ids, and ``filename``); a second request for the same PDF while the
    first is still being made follows the first."""
    return jobs.start(
        kind=JobKind.REPORT_PDF,
        partnership=partnership,
        user=user,
        params=params,
        task=make_report_pdf,
        reuse=True,
    )


@task()
def make_report_pdf(job_id: str) -> None:
    """Draw the job's report as a PDF under limits; keep it, or why there is none, on the job
    (a published version's PDF on the version). Returns nothing and raises nothing."""
    job = jobs.claim(job_id, JobKind.REPORT_PDF)
    if job is None:
        return
    try:
        report, published = _report_of(job, timezone.localdate())
        made = run_limited(
            "write_pdf",
            {},
            files={"html": formats.print_html(report)},
            progress=jobs.ProgressRecorder(job),
        )
    except ObjectDoesNotExist:
        jobs.fail(job, GONE)
    except TooSlow as slow:
        logger.warning("Report job %s stopped: %s", job.pk, slow)
        jobs.fail(job, TOO_SLOW)
    except TooBig as big:
        logger.warning("Report job %s stopped: %s", job.pk, big)
        jobs.fail(job, TOO_BIG)
    except Exception:
        logger.exception("Report job %s failed in partnership %s", job.pk, job.partnership_id)
        jobs.fail(job, FAILED)
    else:
        if published is not None:
            services.keep_pdf(published, made)
            jobs.succeed(job)
        else:
            jobs.succeed(job, result_file=made)


@task()
def take_rag_snapshots() -> None:
    """This month's BRAG counts of every live plan, and last month's as it ended (BRAG over
    time on the dashboard and in the board report). Run every day by `sendtrack
    rag-snapshots` from cron; running it again changes nothing."""
    snapshots.take_this_month(timezone.localdate())


def _report_of(job: Job, today: date) -> tuple[Report, PublishedReport | None]:
    params, partnership = job.params, job.partnership
    kind = params.get("report")
    if kind == "board":
        year, month = (int(part) for part in str(params["month"]).split("-"))
        plan = selectors.plan_for(partnership, int(params["plan"]))
        return builders.board_report(plan, date(year, month, 1), today), None
    if kind == "highlight":
        section = selectors.section_for(partnership, int(params["section"]))
        return builders.highlight_report(section, today), None
    if kind == "public":
        return builders.public_report(partnership, today), None
    if kind == "published":
        published = selectors.published_report(partnership, int(params["published"]))
        return published.content, published
    raise ValueError(f"unknown report {kind!r}")
