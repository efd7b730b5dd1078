"""The schools portal: uploads (type by content, size, virus scanner), meeting dates, and the
council seeing receipt at once; the termly review-list emails name no child."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sendtrack.core.private_files import UploadRejected, check_upload
from tests.date_input import date_input
from tests.statutory.factories import ChildFactory, PlanFactory, ReviewFactory, TransferFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("review.pdf", PDF, "application/pdf"),
        ("review.docx", docx_bytes(), "wordprocessingml"),
        ("review.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "msword"),
    ],
)
def test_pdf_and_word_are_accepted(name, data, expected):
    assert expected in check_upload(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("review.pdf", b"MZ\x90\x00 an executable", "must be a PDF or a Word document"),
        ("review.exe", PDF, "must be a PDF or a Word document"),
        ("review.docx", PDF, "does not match"),
        ("review.docx", b"PK\x03\x04 not really a zip", "must be a PDF or a Word document"),
        ("review.pdf", b"", "empty"),
    ],
)
def test_other_files_are_refused(name, data, message):
    with pytest.raises(UploadRejected, match=message):
        check_upload(upload(name, data))


def test_files_over_10_mb_are_refused():
    big = upload("review.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(UploadRejected, match="smaller than 10 MB"):
        check_upload(big)


def infected(file):
    return False


def broken_scanner(file):
    raise ConnectionError("scanner down")


def clean(file):
    assert file.read(5) == b"%PDF-"
    return True


@pytest.mark.parametrize(
    ("scanner", "message"),
    [
        ("tests.statutory.test_portal.infected", "may contain a virus"),
        ("tests.statutory.test_portal.broken_scanner", "could not be checked"),
    ],
)
def test_the_virus_scanner_hook(settings, scanner, message):
    settings.SENDTRACK_UPLOAD_SCANNER = scanner
    with pytest.raises(UploadRejected, match=message):
        check_upload(upload("review.pdf", PDF))
    settings.SENDTRACK_UPLOAD_SCANNER = "tests.statutory.test_portal.clean"
    assert check_upload(upload("review.pdf", PDF)) == "application/pdf"


@pytest.fixture
def review(partnership, staff, settings, tmp_path):
    settings.SENDTRACK_UPLOAD_ROOT = tmp_path
    child = ChildFactory(partnership=partnership, setting=staff["school"])
    plan = PlanFactory(child=child, issued=timezone.localdate() - timedelta(days=350))
    return ReviewFactory(plan=plan)


def portal_review_url(partnership, review):
    return reverse(
        "statutory:portal_review", kwargs={"partnership": partnership.slug, "review_id": review.pk}
    )


def test_a_senco_sends_paperwork_and_the_council_sees_it_at_once(
    client_for, partnership, staff, review
):
    senco = client_for(staff["senco"])
    portal = senco.get(reverse("statutory:portal", kwargs={"partnership": partnership.slug}))
    assert review.plan.child.case_reference in portal.content.decode()
    meeting = timezone.localdate() - timedelta(days=2)
    response = senco.post(
        portal_review_url(partnership, review),
        {
            "version": 1,
            **date_input("meeting_date", meeting),
            "paperwork": upload("Robin Childname review.pdf", PDF),
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.meeting_date == meeting
    assert review.paperwork_received == timezone.localdate()
    assert "Childname" not in review.paperwork.name  # stored under a random name
    officer = client_for(staff["casework_officer"])
    worklist = officer.get(
        reverse(
            "statutory:worklist",
            kwargs={"partnership": partnership.slug, "worklist": "reviews-due"},
        )
    ).content.decode()
    received = timezone.localdate()
    assert f"{received.day} {received:%B %Y}" in worklist  # the paperwork received date
    download = officer.get(
        reverse(
            "statutory:review_paperwork",
            kwargs={"partnership": partnership.slug, "review_id": review.pk},
        )
    )
    assert b"".join(download.streaming_content) == PDF


def test_a_bad_upload_is_shown_as_an_error_and_nothing_changes(
    client_for, partnership, staff, review
):
    senco = client_for(staff["senco"])
    response = senco.post(
        portal_review_url(partnership, review),
        {"version": 1, "paperwork": upload("review.pdf", b"GIF89a")},
    )
    assert response.status_code == 200
    assert "must be a PDF or a Word document" in response.content.decode()
    review.refresh_from_db()
    assert review.paperwork_received is None and review.version == 1


def test_a_future_meeting_date_is_refused(client_for, partnership, staff, review):
    senco = client_for(staff["senco"])
    future = timezone.localdate() + timedelta(days=3)
    response = senco.post(
        portal_review_url(partnership, review),
        {"version": 1, **date_input("meeting_date", future)},
    )
    assert "today or in the past" in response.content.decode()


def test_termly_review_lists_name_no_child(partnership, staff, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today = date(2025, 11, 5)  # autumn: next term is spring 2026
    children = []
    for n, setting in enumerate([staff["school"], staff["other_school"]]):
        child = ChildFactory(partnership=partnership, setting=setting, first_name=f"Zebedee{n}")
        children.append(child)
        plan = PlanFactory(child=child, issued=date(2025, 2, 10))
        ReviewFactory(plan=plan, counted_from=date(2025, 2, 10), due=date(2026, 2, 10))
        TransferFactory(plan=plan, deadline=date(2026, 2, 15), transfer_date=date(2026, 9, 1))
    not_next_term = ChildFactory(partnership=partnership, setting=staff["school"])
    ReviewFactory(plan=PlanFactory(child=not_next_term), due=date(2026, 6, 1))
    out = io.StringIO()
    call_command("send_review_lists", today=today, stdout=out)
    assert "Sent 2 review lists for the Spring term 2026" in out.getvalue()
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        text = message.subject + message.body
        for child in [*children, not_next_term]:
            assert child.first_name not in text and child.last_name not in text
        assert "Annual review" in message.body and "Phase transfer review" in message.body
    bodies = {m.to[0]: m.body for m in mail.outbox}
    school_body = bodies[staff["school"].senco_email]
    assert children[0].case_reference in school_body
    assert children[1].case_reference not in school_body
    assert not_next_term.case_reference not in school_body


@pytest.mark.django_db(transaction=True)
def test_paperwork_is_private_on_disk_and_a_replaced_file_is_removed(
    client_for, partnership, staff, review, settings, tmp_path
):
    import os
    import stat

    settings.SENDTRACK_UPLOAD_ROOT = str(tmp_path)
    senco = client_for(staff["senco"])
    url = portal_review_url(partnership, review)
    assert senco.post(url, {"version": 1, "paperwork": upload("first.pdf", PDF)}).status_code == 302
    review.refresh_from_db()
    first = tmp_path / review.paperwork.name
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(first.parent).st_mode) == 0o700
    assert (
        senco.post(url, {"version": 2, "paperwork": upload("second.pdf", PDF)}).status_code == 302
    )
    review.refresh_from_db()
    assert not first.exists()  # the replaced file is gone
    assert (tmp_path / review.paperwork.name).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [tmp_path / review.paperwork.name]
