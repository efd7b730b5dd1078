"""Job pages with tasks run at once (the tests' immediate backend): too big, too slow, a
second click, a worker that died."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.jobs import services as jobs
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.plans.models import Plan
from sendtrack.reports import tasks as report_tasks
from tests.factories import PlanFactory
from tests.imports.test_upload import error_summary, text_of, upload

from .junk import greedy_pdf

pytestmark = pytest.mark.django_db


def test_a_file_too_big_to_read_says_so(client_for, members, partnership, settings):
    settings.SENDTRACK_JOB_MEMORY_MB = 100  # the real limit (1 GiB) takes longer to reach
    manager = client_for(members["programme_manager"])
    response = upload(manager, partnership, greedy_pdf(), name="big-plan.pdf")
    [message] = error_summary(response)
    assert message.startswith("This file is too big or complex to read: big-plan.pdf")
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.result is None
    assert not Plan.objects.exists()


def test_a_report_too_slow_to_draw_says_so(client_for, members, partnership, settings):
    settings.SENDTRACK_JOB_WALL_SECONDS = 0.01
    plan = PlanFactory(partnership=partnership)
    client = client_for(members["viewer"])
    kwargs = {"partnership": partnership.slug, "plan_id": plan.pk, "month": "2026-03"}
    response = client.get(reverse("board_report_download", kwargs={**kwargs, "fmt": "pdf"}))
    page = client.get(response["Location"])
    assert "The PDF could not be made" in text_of(page)
    assert report_tasks.TOO_SLOW in text_of(page)
    assert reverse("board_report", kwargs=kwargs) in page.content.decode()  # back to the report
    assert Job.objects.get().result_file is None


@pytest.mark.usefixtures("database_queue")
def test_a_second_click_follows_the_pdf_already_being_made(client_for, members, partnership):
    plan = PlanFactory(partnership=partnership)
    client = client_for(members["viewer"])
    kwargs = {"partnership": partnership.slug, "plan_id": plan.pk, "month": "2026-03"}
    link = reverse("board_report_download", kwargs={**kwargs, "fmt": "pdf"})
    first, second = client.get(link), client.get(link)
    assert first["Location"] == second["Location"] and Job.objects.count() == 1
    waiting = client.get(first["Location"])
    assert "Making your PDF" in text_of(waiting) and "Waiting to start" in text_of(waiting)
    assert "/static/sendtrack/job-progress." in waiting.content.decode()  # checks again by itself
    assert '<meta http-equiv="refresh" content="5">' in waiting.content.decode()  # without JS


@pytest.mark.usefixtures("database_queue")
def test_a_job_whose_worker_died_ends_with_a_message(client_for, members, partnership):
    plan = PlanFactory(partnership=partnership)
    client = client_for(members["viewer"])
    kwargs = {"partnership": partnership.slug, "plan_id": plan.pk, "month": "2026-03"}
    job_page = client.get(reverse("board_report_download", kwargs={**kwargs, "fmt": "pdf"}))
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=10)
    )
    page = client.get(job_page["Location"])
    assert "Making the PDF stopped before it finished" in text_of(page)
    assert Job.objects.get().status == JobStatus.FAILED


@pytest.mark.usefixtures("database_queue")
def test_a_job_waiting_long_says_the_worker_may_be_stopped(client_for, members, partnership):
    job = jobs.start(
        kind=JobKind.REPORT_PDF,
        partnership=partnership,
        user=members["viewer"],
        params={"report": "public", "filename": "public-progress-report"},
        task=report_tasks.make_report_pdf,
    )
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    path = reverse("report_job", kwargs={"partnership": partnership.slug, "job_id": job.pk})
    page = client_for(members["viewer"]).get(path)
    assert "check that the background worker is running" in text_of(page)


def test_old_jobs_are_removed(members, partnership):
    old = Job.objects.create(
        partnership=partnership, user=members["viewer"], kind=JobKind.REPORT_PDF
    )
    Job.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    jobs.prune()
    assert not Job.objects.exists()
