"""Every write to a job: start (queue its task with the job's id only), claim, progress,
succeed, fail, settle a job whose worker died, and prune old jobs."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from sendtrack.accounts.models import Partnership, User

from .models import Job, JobKind, JobStatus

logger = logging.getLogger(__name__)

KEEP_FOR = timedelta(days=1)
"""How long a job (and its draft or PDF) is kept after it was made."""
SLOW_START = timedelta(minutes=2)
"""A job still waiting after this long says the background worker may not be running."""
STOPPED = (
    "{what} stopped before it finished, so nothing was kept. Try again; if it stops again, "
    "ask your administrator to check that the background worker is running."
)


def start(
    *,
    kind: JobKind,
    partnership: Partnership,
    user: User,
    params: dict[str, Any],
    task: Any,
    reuse: bool = False,
) -> Job:
    """A new job, with its task queued (the task's only argument is the job's id).

    With ``reuse``, a job of the same kind and params that this person started and that has
    not finished is returned instead (a second click on a download link makes no second PDF).
    """
    prune()
    if reuse:
        waiting = Job.objects.filter(
            kind=kind,
            partnership=partnership,
            user=user,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            params=params,
        ).first()
        if waiting is not None:
            return settle_stale(waiting)
    job = Job.objects.create(kind=kind, partnership=partnership, user=user, params=params)
    enqueue(task, job.pk)
    job.refresh_from_db()  # the immediate backend (tests) has run it already
    return job


def enqueue(task: Any, job_id: uuid.UUID) -> None:
    """Queue ``task(job_id)``. Pages run in autocommit (no ATOMIC_REQUESTS), so the job's row
    is committed before its task is, and a worker always finds it."""
    task.enqueue(str(job_id))


def job_for(*, job_id: uuid.UUID, kind: JobKind, partnership: Partnership, user: User) -> Job:
    """The job, only for the person who started it in this partnership (DoesNotExist else)."""
    job = Job.objects.get(pk=job_id, kind=kind, partnership=partnership, user=user)
    return settle_stale(job)


def claim(job_id: str, kind: JobKind) -> Job | None:
    """Mark a waiting job as running; None when it is gone or another worker has it."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, kind=kind, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now
    )
    return Job.objects.filter(pk=job_id).first() if claimed else None


class ProgressRecorder:
    """Writes a running job's stage and counts, at most twice a second."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self.last = 0.0
        self.seen: tuple[str, int, int] = ("", 0, 0)

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.seen[0] and now - self.last < 0.5:
            return
        self.last, self.seen = now, (stage, done, total)
        Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            stage=stage[:20], done=max(done, 0), total=max(total, 0)
        )


def succeed(job: Job, *, result: Any = None, result_file: bytes | None = None) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        result=result,
        result_file=result_file,
        error="",
        finished_at=timezone.now(),
    )


def fail(job: Job, message: str) -> None:
    """The job failed: its message is kept, and nothing else."""
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED,
        result=None,
        result_file=None,
        error=message,
        finished_at=timezone.now(),
    )


def settle_stale(job: Job) -> Job:
    """A job still "running" long after its limits would have stopped it lost its worker
    (a restart, a crash): it is failed, so the page stops waiting."""
    if job.status == JobStatus.RUNNING and job.started_at is not None:
        limit = timedelta(seconds=float(settings.SENDTRACK_JOB_WALL_SECONDS) + 120)
        if timezone.now() - job.started_at > limit:
            fail(job, STOPPED.format(what=_what(job)))
            job.refresh_from_db()
    return job


def _what(job: Job) -> str:
    return "Reading the document" if job.kind == JobKind.IMPORT_PLAN else "Making the PDF"


def waiting_too_long(job: Job) -> bool:
    return job.status == JobStatus.QUEUED and timezone.now() - job.created_at > SLOW_START


def prune() -> None:
    """Remove jobs made more than a day ago, and the queue's finished rows of that age."""
    Job.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    prune_queue()


def prune_queue() -> None:
    """Remove the task queue's rows that finished more than a day ago."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - KEEP_FOR
    DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
