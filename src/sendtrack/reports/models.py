"""Published reports: frozen snapshots that later edits to plans never change.

Publishing stores the report's content (JSON, the same tables every renderer reads) and
its rendered HTML as a new numbered version; nothing here is ever edited (the PDF made
from that content is kept once made, as a cache of it).
"""

from typing import ClassVar

from django.conf import settings
from django.db import models

from sendtrack.accounts.models import Partnership
from sendtrack.plans.models import Plan, Section


class ReportKind(models.TextChoices):
    BOARD = "board", "Monthly board report"
    PERIOD = "period", "Board report over a period"
    HIGHLIGHT = "highlight", "Workstream highlight report"
    PUBLIC = "public", "Public progress report"


class PublishedReport(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="published_reports"
    )
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="published_reports"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period = models.DateField(
        null=True, blank=True, help_text="First day of the month (or longer period) covered."
    )
    period_end = models.DateField(
        null=True, blank=True, help_text="Last day covered, for a report over a period."
    )
    plans = models.ManyToManyField(
        Plan, blank=True, related_name="+", help_text="The plans a report over a period covers."
    )
    number = models.PositiveIntegerField(help_text="Version number within its series.")
    title = models.CharField(max_length=500)
    content = models.JSONField()
    html = models.TextField()
    pdf = models.BinaryField(
        null=True,
        editable=False,
        help_text="Made from the frozen content at the first download and kept, so later "
        "downloads are instant and byte for byte the same.",
    )
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["partnership", "kind", "published_at"])]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


class BoardReportManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(kind=ReportKind.BOARD)


class BoardReport(PublishedReport):
    """A published monthly board report (the PublishedReport rows of kind "board")."""

    objects: ClassVar[BoardReportManager] = BoardReportManager()

    class Meta:
        proxy = True


class PeriodReportManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(kind=ReportKind.PERIOD)


class PeriodReport(PublishedReport):
    """A published quarterly or six-monthly board report over several plans, with the
    programme manager's narrative (the PublishedReport rows of kind "period")."""

    objects: ClassVar[PeriodReportManager] = PeriodReportManager()

    class Meta:
        proxy = True
