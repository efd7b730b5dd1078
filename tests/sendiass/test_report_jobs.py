"""The SENDIASS annual report PDF is made in the background on the council's queue, whose
table holds the SENDIASS job's id and nothing else: its result and its errors are kept on the
SENDIASS database."""

import json
import re

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sendtrack.sendiass.jobs import FAILED, TOO_SLOW
from sendtrack.sendiass.models import ReportJob
from tests.imports.test_upload import text_of
from tests.jobs.worker import run_worker

from .conftest import BOTH, make_case, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)


def _everything_in(rows):
    return json.dumps(list(rows.values()), default=str)


@pytest.mark.django_db(transaction=True, databases=BOTH)
@pytest.mark.usefixtures("database_queue")
def test_a_sendiass_job_keeps_its_result_and_errors_on_the_sendiass_database(
    client, staff, access_for, monkeypatch
):
    make_case(access_for("manager"), name="Pat Parent")
    sign_in(client, staff["manager"])
    pdf_link = reverse("sendiass:annual_report_pdf") + "?period=2025"

    # A failure whose message carries SENDIASS data.
    def broken(*args, **kwargs):
        raise RuntimeError("Pat Parent, 07700 900123")

    monkeypatch.setattr("sendtrack.sendiass.jobs.run_limited", broken)
    job_page = client.get(pdf_link)["Location"]
    assert "Making the annual report PDF" in text_of(client.get(job_page))
    run_worker()
    failed = ReportJob.objects.get()
    assert failed.status == "failed" and failed.error == FAILED and failed.pdf is None
    assert FAILED in text_of(client.get(job_page))
    monkeypatch.undo()

    # A success: the PDF is kept on the SENDIASS job.
    sign_in(client, staff["manager"])
    job_page = client.get(pdf_link)["Location"]
    run_worker()
    done = ReportJob.objects.get(status="done")
    assert bytes(done.pdf).startswith(b"%PDF")
    page = client.get(job_page)
    link = re.search(r'href="([^"]+)" download>Download the PDF', page.content.decode()).group(1)
    assert client.get(link).content == bytes(done.pdf)

    # The council's task table holds each job's id and nothing else.
    rows = DBTaskResult.objects.values()
    assert {row["status"] for row in rows} == {"SUCCESSFUL"}
    assert sorted(row["args_kwargs"]["args"][0] for row in rows) == sorted(
        str(job.pk) for job in ReportJob.objects.all()
    )
    for row in rows:
        assert row["args_kwargs"] == {"args": [row["args_kwargs"]["args"][0]], "kwargs": {}}
        assert row["return_value"] is None
        assert row["traceback"] == "" and row["exception_class_path"] == ""
    everything = _everything_in(rows)
    assert "Pat Parent" not in everything and "07700" not in everything
    assert "could not be made" not in everything and "%PDF" not in everything


def test_a_pdf_too_slow_to_make_says_so(client, staff, settings):
    settings.SENDTRACK_JOB_WALL_SECONDS = 0.01
    sign_in(client, staff["figures_viewer"])
    response = client.get(reverse("sendiass:annual_report_pdf") + "?period=2025", follow=True)
    assert response.status_code == 200
    assert "The PDF could not be made" in text_of(response) and TOO_SLOW in text_of(response)
    assert ReportJob.objects.get().pdf is None
