"""The one private-file module every upload uses (review paperwork, plan documents waiting to
be read, SENDIASS documents): the checks, the folder only this application can read, the
replaced file deleted, and downloads under a safe name."""

import io
import stat
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse

from sendtrack.core import private_files
from sendtrack.core.private_files import UploadRejected

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def root(settings, tmp_path):
    settings.SENDTRACK_UPLOAD_ROOT = tmp_path / "uploads"
    return tmp_path / "uploads"


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_any_kind_of_file_is_taken_when_no_kinds_are_asked_for_but_size_still_counts():
    letter = ContentFile(b"GIF89a a scanned letter", name="letter.gif")
    assert private_files.check_upload(letter, kinds=None) == "application/octet-stream"
    assert (
        private_files.check_upload(ContentFile(PDF, name="x.bin"), kinds=None) == "application/pdf"
    )
    with pytest.raises(UploadRejected, match="empty"):
        private_files.check_upload(ContentFile(b"", name="letter.gif"), kinds=None)
    with pytest.raises(UploadRejected, match="smaller than 10 MB"):
        private_files.check_size(private_files.MAX_UPLOAD_BYTES + 1)
    private_files.check_size(private_files.MAX_UPLOAD_BYTES)


def refuse(file):
    return False


def test_the_virus_scanner_sees_every_kept_upload(settings):
    settings.SENDTRACK_UPLOAD_SCANNER = "tests.core.test_private_files.refuse"
    with pytest.raises(UploadRejected, match="may contain a virus"):
        private_files.check_upload(ContentFile(b"letter", name="letter.txt"), kinds=None)


def test_a_kept_file_has_a_random_name_keeping_only_its_extension():
    name = private_files.random_name("statutory/reviews/7", "Robin Childname review.PDF")
    folder, _, file = name.rpartition("/")
    assert folder == "statutory/reviews/7" and file.endswith(".pdf") and len(file) == 36
    assert "Robin" not in name
    assert private_files.random_name("x", "no extension").count(".") == 0
    assert private_files.random_name("x", 'evil.p"d\x00f').endswith(".pdf")


def test_the_storage_keeps_files_0600_in_folders_0700_in_the_upload_folder(root):
    storage = private_files.private_storage()
    name = storage.save("statutory/reviews/1/a.pdf", ContentFile(PDF))
    path = root / name
    assert path.read_bytes() == PDF
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
    assert storage.location == str(root)  # as the setting is now, not at import


def _field_file(name: str = "") -> FieldFile:
    field = models.FileField(storage=private_files.private_storage, upload_to="tests")
    field.set_attributes_from_name("paperwork")
    return FieldFile(SimpleNamespace(), field, name)


@pytest.mark.django_db
def test_a_replaced_file_is_deleted_once_the_change_is_committed(
    root, django_capture_on_commit_callbacks
):
    first = _field_file()
    private_files.replace_file(first, ContentFile(PDF, name="first.pdf"))
    old = root / first.name
    replacing = _field_file(first.name)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        private_files.replace_file(replacing, ContentFile(PDF, name="second.pdf"))
    assert old.exists() and (root / replacing.name).exists()  # not yet: it may be refused
    for callback in waiting:
        callback()
    assert not old.exists() and (root / replacing.name).exists()


def test_a_private_write_makes_each_missing_folder_0700_and_never_overwrites(tmp_path):
    path = tmp_path / "uploads" / "imports" / "job"
    private_files.write_private(path, [b"one ", b"two"])
    assert path.read_bytes() == b"one two" and mode(path) == 0o600
    assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
    with pytest.raises(FileExistsError):
        private_files.write_private(path, [b"again"])


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("EP report.pdf", "EP report.pdf"),
        ('a"; filename="evil.exe', "a filenameevil.exe"),
        ("../../etc/passwd", "etcpasswd"),
        ("line\r\nbreak.pdf", "linebreak.pdf"),
        ("...", "file"),
    ],
)
def test_file_names_are_made_safe_for_a_download(name, safe):
    assert private_files.safe_filename(name) == safe


def test_downloads_are_attachments_under_a_safe_name():
    response = private_files.attachment(b"letter", 'Dear "Pat".pdf')
    assert response.content == b"letter"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="Dear Pat.pdf"'
    accented = private_files.attachment(b"x", "Zoë.pdf")
    assert accented["Content-Disposition"] == "attachment; filename*=utf-8''Zo%C3%AB.pdf"
    streamed = private_files.attachment(io.BytesIO(PDF), "review-1.pdf", "application/pdf")
    assert isinstance(streamed, FileResponse)
    assert b"".join(streamed.streaming_content) == PDF
    assert streamed["Content-Disposition"] == 'attachment; filename="review-1.pdf"'


def test_evidence_may_be_a_picture_recognised_by_its_content():
    kinds = private_files.PDF_WORD_OR_PICTURE
    png = ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, name="stall.PNG")
    jpeg = ContentFile(b"\xff\xd8\xff\xe0" + b"\x00" * 16, name="stall.jpg")
    assert private_files.check_upload(png, kinds) == "image/png"
    assert private_files.check_upload(jpeg, kinds) == "image/jpeg"
    assert private_files.check_upload(ContentFile(PDF, name="a.pdf"), kinds) == "application/pdf"
    program = ContentFile(b"MZ\x90\x00" + b"\x00" * 16, name="stall.png")
    with pytest.raises(UploadRejected, match="a PDF, a Word document, or a PNG or JPEG picture"):
        private_files.check_upload(program, kinds)
    with pytest.raises(UploadRejected, match="does not match"):
        private_files.check_upload(ContentFile(PDF, name="stall.jpeg"), kinds)
    # Statutory paperwork is still only PDF or Word.
    with pytest.raises(UploadRejected, match="does not match"):
        private_files.check_upload(ContentFile(b"\x89PNG\r\n\x1a\n", name="review.pdf"))
