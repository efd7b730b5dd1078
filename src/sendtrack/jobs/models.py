"""A job: one piece of background work that a person asked for and follows on a page.

The task queue's own table (django-tasks-db) holds only the job's id as the task's argument;
what the job is about, how far it has got, and its result or the message saying why there is
none are here, scoped to the partnership and the person who asked. A failed job keeps its
message and nothing else. Jobs are removed a day after they were made (``services.prune``).
"""

import uuid

from django.conf import settings
from django.db import models

from sendtrack.accounts.models import Partnership


class JobKind(models.TextChoices):
    IMPORT_PLAN = "import_plan", "Reading a plan document"
    REPORT_PDF = "report_pdf", "Making a report as a PDF"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


STAGES = {
    "reading": "Reading the document",
    "finding": "Finding the sections and actions",
    "drawing": "Drawing the PDF",
}


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=JobKind.choices)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(
        default=dict, help_text="What to do: a file's name, a report's ids. Never a file."
    )
    stage = models.CharField(max_length=20, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why there is no result, for the person.")
    result = models.JSONField(null=True, blank=True, help_text="An import's draft plan.")
    result_file = models.BinaryField(null=True, blank=True, help_text="A report's PDF.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def progress_text(self) -> str:
        if self.status == JobStatus.QUEUED:
            return "Waiting to start"
        if self.status == JobStatus.RUNNING:
            return STAGES.get(self.stage, "Started")
        return self.get_status_display()

    @property
    def percent(self) -> int | None:
        if self.status != JobStatus.RUNNING or not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
