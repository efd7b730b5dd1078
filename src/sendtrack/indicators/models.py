"""Indicators (KPIs) and their values per period, with comparators.

Results-Based Accountability asks three questions of every measure: how much did we do,
how well did we do it, is anyone better off? An indicator's value is entered by hand or
worked out by a computed source from sendtrack.indicators.registry.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sendtrack.accounts.models import Partnership
from sendtrack.plans.models import Action, Finding, ImpactIndicator, IndicatorKind, Section

MANUAL = "manual"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Indicator(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=IndicatorKind.choices)
    unit = models.CharField(max_length=40, default="%", help_text="For example %, days, number.")
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(null=True, blank=True)
    target_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    green_at = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Green from this value (the target when empty).",
    )
    amber_at = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Amber from this value; short of it is red.",
    )
    source = models.CharField(
        max_length=100, default=MANUAL, help_text="manual, or the key of a computed indicator."
    )
    actions = models.ManyToManyField(Action, blank=True, related_name="indicators")
    sections = models.ManyToManyField(Section, blank=True, related_name="indicators")
    findings = models.ManyToManyField(Finding, blank=True, related_name="indicators")
    impact_indicator = models.ForeignKey(
        ImpactIndicator,
        verbose_name="tracks the plan's impact indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracked_as",
        help_text="The impact indicator a plan names for a section, when made from one.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The links are part of the audit trail: each history record keeps the links it had.
    history = HistoricalRecords(m2m_fields=[actions, sections, findings])

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["partnership", "archived_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.source != MANUAL


class IndicatorValue(models.Model):
    """An indicator's value for one period (the first day of the month it covers)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.DateField(help_text="The first day of the month the value covers.")
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    national = models.DecimalField(
        "England", max_digits=14, decimal_places=2, null=True, blank=True
    )
    statistical_neighbours = models.DecimalField(
        "Statistical neighbours", max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(blank=True)
    computed = models.BooleanField(default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period:%Y-%m}: {self.value}"
