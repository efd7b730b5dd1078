"""Reading an uploaded plan document in the background.

The upload page stores the file privately (``SENDTRACK_UPLOAD_ROOT/imports/<job id>``, 0600)
and queues :func:`read_plan_document` with the job's id only. The task reads and parses the
file in a child process with a time and memory limit (``sendtrack.jobs.limits``), keeps the
draft plan on the job for the preview, or the message saying why it could not, and removes
the file whatever happens. Nothing reaches the plans until the manager confirms the preview.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django_tasks import task

from sendtrack.accounts.models import Partnership, User
from sendtrack.core import private_files
from sendtrack.jobs import services as jobs
from sendtrack.jobs.limits import Refused, TooBig, TooSlow, WorkError, run_limited
from sendtrack.jobs.models import Job, JobKind

from . import services
from .services import DocumentImportError, Draft

logger = logging.getLogger(__name__)

UNREADABLE = (
    "{name} could not be read as a plan. Check that it is an improvement plan with a table "
    "of actions, saved as a Word (.docx), Excel (.xlsx), CSV, PDF or text file, and try again."
)
TOO_SLOW = (
    "This file took too long to read, so it was stopped: {name} may be damaged, or far "
    "larger than an improvement plan. Check it is the right file, save it again as a Word "
    "(.docx) or Excel (.xlsx) file, and try again."
)
TOO_BIG = (
    "This file is too big or complex to read: {name} needed more memory than an import may "
    "use. Check it is the right file, save it again as a Word (.docx) or Excel (.xlsx) file, "
    "or import a smaller part of it, and try again."
)
TOO_MANY_ACTIONS = (
    "{name} holds {count:,} actions, too many to check in the browser: ask an administrator "
    "to import it with the import-plan command."
)


def upload_folder() -> Path:
    return private_files.upload_root() / "imports"


def upload_path(job_id: uuid.UUID | str) -> Path:
    return upload_folder() / uuid.UUID(str(job_id)).hex


def start_import(
    *,
    document: UploadedFile,
    partnership: Partnership,
    user: User,
    update_plan: int | None = None,
) -> Job:
    """Store the upload privately and queue it to be read; the job page follows it.
    ``update_plan``: the plan the document updates, if it is not a new plan."""
    params: dict[str, Any] = {"filename": services.display_name(document.name or "")}
    if update_plan is not None:
        params["update_plan"] = update_plan
    job = Job(kind=JobKind.IMPORT_PLAN, partnership=partnership, user=user, params=params)
    _prune_uploads()
    digest = hashlib.sha256()
    private_files.write_private(upload_path(job.pk), _hashed(document.chunks(), digest))
    job.params["sha256"] = digest.hexdigest()
    try:
        jobs.prune()
        job.save()
        jobs.enqueue(read_plan_document, job.pk)
    except BaseException:
        upload_path(job.pk).unlink(missing_ok=True)
        raise
    job.refresh_from_db()
    return job


def _hashed(chunks: Iterable[bytes], digest: Any) -> Iterator[bytes]:
    """The chunks as they are, adding each to ``digest``: the document's corrections are
    kept under the SHA-256 of its bytes."""
    for chunk in chunks:
        digest.update(chunk)
        yield chunk


def _prune_uploads() -> None:
    """Uploads left behind by a worker that stopped mid-job, once their job is gone."""
    cutoff = time.time() - jobs.KEEP_FOR.total_seconds()
    if upload_folder().is_dir():
        for path in upload_folder().iterdir():
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)


@task()
def read_plan_document(job_id: str) -> None:
    """Read and parse the job's upload under limits; keep the draft or the reason there is
    none on the job. Returns nothing and raises nothing: the queue's table holds no text."""
    job = jobs.claim(job_id, JobKind.IMPORT_PLAN)
    if job is None:
        return
    path = upload_path(job.pk)
    name = job.params.get("filename") or "The file"
    try:
        plan = run_limited(
            "read_plan",
            {"path": str(path), "filename": name},
            progress=jobs.ProgressRecorder(job),
        )
        draft = services.draft_from_plan(plan, name)
        problem = _too_long_for_the_page(draft, job.partnership)
    except (Refused, DocumentImportError) as refused:
        jobs.fail(job, str(refused))
    except TooSlow as slow:
        logger.warning("Import job %s stopped: %s", job.pk, slow)
        jobs.fail(job, TOO_SLOW.format(name=name))
    except TooBig as big:
        logger.warning("Import job %s stopped: %s", job.pk, big)
        jobs.fail(job, TOO_BIG.format(name=name))
    except (WorkError, Exception):  # a damaged file must give a message, never a crash
        logger.exception("Import job %s failed in partnership %s", job.pk, job.partnership_id)
        jobs.fail(job, UNREADABLE.format(name=name))
    else:
        if problem:
            jobs.fail(job, problem)
        else:
            jobs.succeed(job, result=draft_payload(draft))
    finally:
        path.unlink(missing_ok=True)


def _too_long_for_the_page(draft: Draft, partnership: Partnership) -> str:
    token = services.sign_draft(draft, partnership=partnership)
    if len(token) <= services.max_token_chars():
        return ""
    return TOO_MANY_ACTIONS.format(name=draft.filename, count=len(draft.plan["actions"]))


def draft_payload(draft: Draft) -> dict[str, Any]:
    return {"plan": draft.plan, "filename": draft.filename, "reference": draft.reference}


def draft_of(job: Job) -> Draft:
    """The draft a finished import job read: the same reference on every view of the job
    page, so confirming it twice is refused as it always was."""
    result = job.result or {}
    update_plan = job.params.get("update_plan")
    return Draft(
        plan=result["plan"],
        filename=result["filename"],
        reference=result["reference"],
        sha256=str(job.params.get("sha256") or ""),
        update_plan=int(update_plan) if update_plan is not None else None,
        job=str(job.pk),
    )
