"""What the importer keeps: a record of each monthly update loaded into a plan."""

from django.conf import settings
from django.db import models

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
