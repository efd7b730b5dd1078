"""Checks on review paperwork uploaded through the schools portal.

PDF and Word files only, recognised by their first bytes (the magic number), not by the
name alone; at most 10 MB; then the operator's virus scanner, if one is configured:
``SENDTRACK_UPLOAD_SCANNER`` is the dotted path to a callable taking the uploaded file and
returning True when it is clean (docs/statutory-operations.md).
"""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.module_loading import import_string

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".doc": DOC}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UploadRejected(Exception):
    """The file was refused; the message says why in words for the person uploading it."""


def sniff_content_type(upload: UploadedFile) -> str | None:
    """PDF, Word (.docx) or old Word (.doc) from the file's content, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == OLE_MAGIC:
        return DOC
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return DOCX
    return None


def scan_for_viruses(upload: UploadedFile) -> None:
    """Run the configured scanner. No scanner configured means no scan (say so to operators)."""
    path = getattr(settings, "SENDTRACK_UPLOAD_SCANNER", None)
    if not path:
        return
    scanner = import_string(path)
    try:
        clean = scanner(upload)
    except Exception as error:
        raise UploadRejected(
            "The file could not be checked for viruses. Try again later"
        ) from error
    finally:
        upload.seek(0)
    if not clean:
        raise UploadRejected("The file may contain a virus, so it was not saved")


def check_upload(upload: UploadedFile) -> str:
    """Return the file's content type, or raise UploadRejected with the reason."""
    if upload.size is None or upload.size == 0:
        raise UploadRejected("The selected file is empty")
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadRejected("The selected file must be smaller than 10 MB")
    expected = EXTENSIONS.get(Path(upload.name or "").suffix.lower())
    actual = sniff_content_type(upload)
    if expected is None or actual is None:
        raise UploadRejected("The selected file must be a PDF or a Word document")
    if actual != expected:
        raise UploadRejected("The selected file's name does not match what is in it")
    scan_for_viruses(upload)
    return actual
