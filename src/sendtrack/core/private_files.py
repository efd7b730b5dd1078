"""Files people upload, kept where only this application can read them, for every part.

Review paperwork from the schools portal, plan documents waiting to be imported and the
documents SENDIASS keeps may name a child, so every upload has the same guarantees, here once:
- checked before it is kept: not empty, at most 10 MB, where only some kinds are allowed (PDF,
  Word, and for evidence PNG and JPEG pictures) recognised by its first bytes and not by its
  name alone, then the operator's virus scanner if one is configured
  (``SENDTRACK_UPLOAD_SCANNER``, docs/statutory-operations.md);
- kept under ``SENDTRACK_UPLOAD_ROOT``, never served as static files or media, files 0600 and
  folders 0700, under a random name: the uploaded file's own name is not trusted;
- a file a newer upload replaces is deleted once the new one is saved;
- given back only as an attachment by a view that has checked who is asking, under a name
  made safe for the download.
"""

from __future__ import annotations

import os
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
PNG = "image/png"
JPEG = "image/jpeg"
PDF_OR_WORD = {".pdf": PDF, ".docx": DOCX, ".doc": DOC}
"""The kinds a statutory document may be, by its name's extension."""
PDF_WORD_OR_PICTURE = {**PDF_OR_WORD, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}
"""The kinds evidence of progress may be: documents, and photographs or screenshots."""
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FILE_MODE = 0o600
FOLDER_MODE = 0o700


class UploadRejected(Exception):
    """The file was refused; the message says why in words for the person uploading it."""


# --- checks ---------------------------------------------------------------------------------


def check_size(size: int | None) -> None:
    if not size:
        raise UploadRejected("The selected file is empty")
    if size > MAX_UPLOAD_BYTES:
        raise UploadRejected("The selected file must be smaller than 10 MB")


def sniff_content_type(upload: File[Any]) -> str | None:
    """PDF, Word (.docx), old Word (.doc), PNG or JPEG from the file's content, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == PNG_MAGIC:
        return PNG
    if head.startswith(JPEG_MAGIC):
        return JPEG
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


def scan_for_viruses(upload: File[Any]) -> None:
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


def check_upload(upload: File[Any], kinds: Mapping[str, str] | None = PDF_OR_WORD) -> str:
    """The file's content type, or UploadRejected with the reason. `kinds` maps the name's
    extension to the type its content must have; None takes any kind of file (kept and given
    back as it came, never opened here)."""
    check_size(upload.size)
    actual = sniff_content_type(upload)
    if kinds is not None:
        expected = kinds.get(Path(upload.name or "").suffix.lower())
        if expected is None or actual is None:
            raise UploadRejected(f"The selected file must be {_kinds_in_words(kinds)}")
        if actual != expected:
            raise UploadRejected("The selected file's name does not match what is in it")
    scan_for_viruses(upload)
    return actual or "application/octet-stream"


def _kinds_in_words(kinds: Mapping[str, str]) -> str:
    if set(kinds.values()) <= {PDF, DOCX, DOC}:
        return "a PDF or a Word document"
    if set(kinds.values()) <= {PDF, DOCX, DOC, PNG, JPEG}:
        return "a PDF, a Word document, or a PNG or JPEG picture"
    return "one of " + ", ".join(sorted(kinds))


# --- keeping --------------------------------------------------------------------------------


def upload_root() -> Path:
    """``SENDTRACK_UPLOAD_ROOT`` as it is now, not as it was when a module was imported, so it
    is always the folder `sendtrack backup` copies (and a test that points it elsewhere writes
    there)."""
    root = getattr(settings, "SENDTRACK_UPLOAD_ROOT", None)
    return Path(root or Path(settings.VAR_DIR) / "uploads")


class PrivateStorage(FileSystemStorage):
    """The upload folder as a Django storage for a model's FileField: files 0600, folders 0700.
    The folder is not MEDIA_ROOT and nothing serves it: files go out only through views that
    check permission (`attachment`)."""

    def __init__(self) -> None:
        super().__init__(
            base_url=None, file_permissions_mode=FILE_MODE, directory_permissions_mode=FOLDER_MODE
        )

    @property
    def base_location(self) -> Path:
        return upload_root()

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def private_storage() -> PrivateStorage:
    """The storage as a callable, so a model's migrations name this function, not settings."""
    return PrivateStorage()


def random_name(folder: str, filename: str) -> str:
    """A name under `folder` that says nothing of the upload's own name (which may carry a
    child's name), keeping only its extension."""
    extension = "".join(c for c in Path(filename).suffix.lower() if c.isalnum())[:5]
    return f"{folder}/{uuid.uuid4().hex}{'.' + extension if extension else ''}"


def replace_file(field: FieldFile, upload: File[Any]) -> None:
    """Save `upload` in `field` (its model not yet saved); the file it replaces is deleted once
    the change is committed, so a record keeps one file and an old one (which may name the
    child) is not left on disk. If the change is refused, nothing is deleted."""
    replaced = field.name
    field.save(upload.name or "upload", upload, save=False)
    if replaced:
        storage: Storage = field.storage
        transaction.on_commit(lambda: storage.delete(replaced))


def private_folder(path: Path) -> None:
    """Make `path` and any missing folder above it, each 0700."""
    missing = [p for p in [path, *path.parents] if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)


def write_private(path: Path, chunks: Iterable[bytes]) -> None:
    """A new file only this user can read (0600 from the start, never world-readable for a
    moment), written a chunk at a time so a large upload is never whole in memory."""
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in chunks:
            out.write(chunk)


# --- giving back ----------------------------------------------------------------------------


def safe_filename(name: str, fallback: str = "file") -> str:
    """Letters, digits, spaces and "._-" of an uploaded file's name: nothing that could break
    out of a download header or a folder."""
    safe = "".join(ch for ch in name if ch.isalnum() or ch in "._- ").strip(" .")[:100]
    return safe or fallback


def attachment(
    content: bytes | IO[bytes], filename: str, content_type: str = "application/octet-stream"
) -> HttpResponseBase:
    """A file as a download (never shown in the browser) under a safe name; an open file is
    streamed. Call it only from a view that has checked the person may have this file."""
    name = safe_filename(filename)
    if not isinstance(content, bytes):
        return FileResponse(content, as_attachment=True, filename=name, content_type=content_type)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name) or "attachment"
    return response
