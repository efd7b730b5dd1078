"""Forms for adding indicators and entering their values (GOV.UK error summary pattern)."""

from datetime import date

from django import forms

from sendtrack.plans.forms import GovukForm
from sendtrack.plans.models import IndicatorKind

from . import registry
from .models import MANUAL, Direction

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _number(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages={"invalid": f"Enter {label.lower()} as a number, for example 65.5"},
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"Enter {label.lower()} as a real date, for example 31/3/2027"},
    )


def source_choices() -> list[tuple[str, str]]:
    return [(MANUAL, "Entered by hand"), *[(k, c.label) for k, c in registry.registered().items()]]


class IndicatorForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label="Name", max_length=300, error_messages={"required": "Enter the indicator's name"}
    )
    description = forms.CharField(
        label="What it measures (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label="Which question does it answer?",
        choices=IndicatorKind.choices,
        error_messages={"required": "Select which question the indicator answers"},
    )
    unit = forms.CharField(
        label="Unit", max_length=40, initial="%", help_text="For example %, days or number."
    )
    direction = forms.ChoiceField(label="Which way is better?", choices=Direction.choices)
    baseline_value = _number("Baseline")
    baseline_date = _date("Baseline date")
    target_value = _number("Target")
    target_date = _date("Target date")
    green_at = _number("Green from", "Leave empty to use the target.")
    amber_at = _number("Amber from", "Values short of this are red.")
    source = forms.ChoiceField(label="Where the values come from", choices=source_choices)

    def clean(self) -> dict:
        data = super().clean() or {}
        green = (
            data.get("green_at") if data.get("green_at") is not None else data.get("target_value")
        )
        amber = data.get("amber_at")
        if green is not None and amber is not None:
            if data.get("direction") == Direction.HIGHER and amber > green:
                self.add_error("amber_at", "When higher is better, amber must start below green")
            if data.get("direction") == Direction.LOWER and amber < green:
                self.add_error("amber_at", "When lower is better, amber must start above green")
        return data


class ValueForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    period = forms.CharField(
        label="Month",
        max_length=7,
        help_text="For example 2026-03 for March 2026.",
        error_messages={"required": "Enter the month the value is for"},
    )
    value = _number("Value", "Leave empty to work it out from the counts below.")
    numerator = forms.IntegerField(
        label="Count meeting the measure (optional)", required=False, min_value=0
    )
    denominator = forms.IntegerField(label="Out of (optional)", required=False, min_value=0)
    national = _number("England (optional)")
    statistical_neighbours = _number("Statistical neighbours (optional)")
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_period(self) -> date:
        text = self.cleaned_data["period"].strip()
        try:
            year, month = (int(part) for part in text.split("-"))
            return date(year, month, 1)
        except ValueError as error:
            raise forms.ValidationError(
                "Enter the month as year and month, for example 2026-03"
            ) from error

    def clean(self) -> dict:
        data = super().clean() or {}
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if (numerator is None) != (denominator is None):
            self.add_error("denominator", "Enter both counts, or neither")
        elif numerator is not None and denominator is not None and numerator > denominator:
            self.add_error(
                "numerator", "The count meeting the measure cannot be more than the total"
            )
        if data.get("value") is None and not denominator and "period" in data:
            self.add_error("value", "Enter a value, or both counts")
        return data
