"""The real path: pages queue tasks on the database backend (django-tasks-db) and the
`db_worker` command runs them. A 30 MB junk PDF leaves the site answering and ends in a clear
message with nothing kept; a good document ends in the preview; a job's page is only for the
person who started it. (A SENDIASS job: tests/sendiass/test_report_jobs.py.)"""

import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sendtrack.imports import tasks as import_tasks
from sendtrack.jobs.models import Job, JobStatus
from sendtrack.plans.models import Action, Plan
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.imports.test_upload import PLAN_TEXT, error_summary, text_of

from .junk import slow_pdf
from .worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]


def upload(client, partnership, content, name):
    document = SimpleUploadedFile(name, content, content_type="application/pdf")
    path = reverse("import_upload", kwargs={"partnership": partnership.slug})
    return client.post(path, {"document": document})


@pytest.fixture
def manager(client_for, members):
    return client_for(members["programme_manager"])


def test_a_30_mb_junk_pdf_leaves_the_site_answering_and_ends_in_a_clear_message(
    manager, partnership, settings
):
    settings.SENDTRACK_JOB_CPU_SECONDS = 1  # the real limits (30 s, 60 s) take longer to test
    started = time.monotonic()
    response = upload(manager, partnership, slow_pdf(), "junk-plan.pdf")
    assert response.status_code == 302
    assert time.monotonic() - started < 10  # stored and queued: nothing read in the request
    job_page = response["Location"]
    assert re.fullmatch(r"/p/northdale/imports/jobs/[0-9a-f-]{36}/", job_page)
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED
    [task] = DBTaskResult.objects.all()
    assert task.args_kwargs == {"args": [str(job.pk)], "kwargs": {}}  # ids only

    waiting = manager.get(job_page)
    assert waiting.status_code == 200
    assert "Reading your document" in text_of(waiting) and "Waiting to start" in text_of(waiting)
    dashboard = manager.get(reverse("dashboard", kwargs={"partnership": partnership.slug}))
    assert dashboard.status_code == 200

    started = time.monotonic()
    run_worker()
    assert time.monotonic() - started < 30  # stopped, not the 45 s it would take

    response = manager.get(job_page)
    assert response.status_code == 200
    [message] = error_summary(response)
    assert message.startswith("This file took too long to read, so it was stopped: junk-plan.pdf")
    assert "Error: Import a plan" in text_of(response)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.result is None and job.result_file is None
    assert not Plan.objects.exists() and not Action.objects.exists()
    assert list(import_tasks.upload_folder().iterdir()) == []  # the upload is gone


def test_a_good_document_is_read_by_the_worker_then_previewed(manager, partnership):
    response = upload(manager, partnership, PLAN_TEXT.encode(), "riverton-plan.txt")
    job_page = response["Location"]
    stored = list(import_tasks.upload_folder().iterdir())
    assert len(stored) == 1 and stored[0].stat().st_mode & 0o777 == 0o600
    assert import_tasks.upload_folder().stat().st_mode & 0o777 == 0o700
    assert "Reading your document" in text_of(manager.get(job_page))

    run_worker()
    preview = manager.get(job_page)
    assert preview.status_code == 200
    assert "Publish a single early help directory for families" in text_of(preview)
    assert 'name="draft"' in preview.content.decode()
    assert list(import_tasks.upload_folder().iterdir()) == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert not Plan.objects.exists()  # nothing in the plans before confirm


def test_a_job_is_only_for_the_person_who_started_it(client, manager, partnership, members):
    job_page = upload(manager, partnership, PLAN_TEXT.encode(), "riverton-plan.txt")["Location"]
    run_worker()
    assert manager.get(job_page).status_code == 200

    colleague = UserFactory(username="another-manager")
    MembershipFactory(user=colleague, partnership=partnership, role="programme_manager")
    client.force_login(colleague)
    assert client.get(job_page).status_code == 404

    elsewhere = PartnershipFactory(slug="elsewhere")
    outsider = UserFactory(username="outsider")
    MembershipFactory(user=outsider, partnership=elsewhere, role="programme_manager")
    client.force_login(outsider)
    assert client.get(job_page).status_code == 404  # not a member here
    assert client.get(job_page.replace("/northdale/", "/elsewhere/")).status_code == 404
