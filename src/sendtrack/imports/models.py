"""What the importer keeps: a record of each monthly update loaded into a plan, and the
corrections made to each document's preview."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendtrack.accounts.models import Partnership
from sendtrack.plans.models import Plan


class PlanUpdate(models.Model):
    """A plan document loaded into an existing plan as its monthly update.

    ``reference`` is the draft's random id (as ``Plan.import_reference`` is for a new plan),
    so one preview cannot be confirmed twice; the counts say what the update did.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="imported_updates")
    reference = models.CharField(max_length=64, unique=True, editable=False)
    source_document = models.CharField(max_length=300, blank=True)
    as_at = models.DateField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    matched = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    missing = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_document or 'An update'} → {self.plan_id}"


class DocumentCorrections(models.Model):
    """The corrections a manager made on the preview of one document (by the SHA-256 of its
    bytes), kept so that uploading the same document again makes them again.

    ``operations`` is the ordered list ``imports.corrections`` makes and replays, each naming
    its action by text and section; ``reference`` is the draft that last changed them, so a
    replay on another upload is told apart from the same preview shown again.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=300, blank=True)
    operations = models.JSONField(default=list)
    reference = models.CharField(max_length=64, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "document corrections"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "sha256"], name="one_set_of_corrections_a_document"
            )
        ]

    def __str__(self) -> str:
        return f"{len(self.operations)} corrections to {self.filename or self.sha256[:12]}"
