"""Retention, erasure, the subject access export and the encryption key."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendtrack.sendiass import services
from sendtrack.sendiass.models import (
    Contact,
    ErasedCaseCount,
    EvaluationResponse,
    SendiassCase,
    ServiceUser,
)

from .conftest import BOTH, make_case, sign_in

pytestmark = pytest.mark.django_db(databases=BOTH)


def _closed_case(by, closed_on, name="Old Parent"):
    case = make_case(by, name=name, referred_on=date(closed_on.year, 1, 2))
    services.record_contact(
        case_id=case.pk,
        by=by,
        on=date(closed_on.year, 1, 3),
        channel="phone",
        minutes=20,
        party_kind="service_user",
        notes="note",
    )
    services.close_case(case_id=case.pk, by=by, expected_version=None, on=closed_on)
    return case


def test_retention_lists_then_erases_leaving_counts(access_for):
    by = access_for("caseworker")
    old = _closed_case(by, date(2015, 3, 1))
    recent = _closed_case(by, date(2024, 3, 1), name="Recent Parent")
    token = services.issue_evaluation(kind="service_user", on=date(2030, 1, 1))
    services.submit_evaluation(token=token, answers={"recommend": "agree"}, today=date(2030, 1, 1))
    out = io.StringIO()
    call_command("sendiass_retention", stdout=out)
    assert f"S-{old.pk:06d}" in out.getvalue() and f"S-{recent.pk:06d}" not in out.getvalue()
    assert SendiassCase.objects.count() == 2
    call_command("sendiass_retention", "--erase", stdout=out)
    assert list(SendiassCase.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ServiceUser.objects.filter(pk=old.service_user_id).exists()
    assert not SendiassCase.history.filter(id=old.pk).exists()
    assert not ServiceUser.history.filter(id=old.service_user_id).exists()
    assert Contact.objects.count() == 1
    count = ErasedCaseCount.objects.get()
    assert (count.closed_year, count.level, count.cases, count.contacts) == (2015, 1, 1, 1)
    assert EvaluationResponse.objects.count() == 1


def test_subject_access_export_holds_everything_on_one_service_user(client, staff, access_for):
    by = access_for("manager")
    case = make_case(by, summary="Annual review help")
    make_case(by, name="Someone Else")
    services.record_contact(
        case_id=case.pk,
        by=by,
        on=date(2025, 6, 2),
        channel="phone",
        minutes=5,
        party_kind="service_user",
        notes="Called back",
    )
    services.add_document(
        case_id=case.pk,
        by=by,
        title="Letter",
        filename="letter.txt",
        content_type="text/plain",
        content=b"Dear Pat",
        consent_given_on=date(2025, 6, 2),
        consent_given_by="Pat Parent",
    )
    sign_in(client, staff["manager"])
    response = client.get(
        reverse("sendiass:subject_access_export", kwargs={"service_user_id": case.service_user_id})
    )
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert {"records.json", "records.txt"} <= set(names)
    records = json.loads(archive.read("records.json"))
    assert records["service_user"]["name"] == "Pat Parent"
    assert records["cases"][0]["summary"] == "Annual review help"
    assert records["contacts"][0]["notes"] == "Called back"
    assert len(records["cases"]) == 1
    assert any(archive.read(n) == b"Dear Pat" for n in names if n.startswith("documents/"))
    assert "Someone Else" not in archive.read("records.txt").decode()


def test_the_key_is_required_outside_debug_and_tests(tmp_path, monkeypatch):
    from sendtrack.sendiass import keys

    monkeypatch.setattr(keys, "_under_tests", lambda: False)
    with pytest.raises(keys.MissingSendiassKey, match="SENDTRACK_SENDIASS_KEY must be set"):
        keys.sendiass_key({}, False, tmp_path)
    assert keys.sendiass_key({}, True, tmp_path) == keys.DEVELOPMENT_KEY
    (tmp_path / "sendiass.key").write_text("file-key\n")
    assert keys.sendiass_key({}, False, tmp_path) == "file-key"
    assert keys.sendiass_key({"SENDTRACK_SENDIASS_KEY": "env-key"}, False, tmp_path) == "env-key"
