"""Forms for adding indicators and entering their values (GOV.UK error summary pattern)."""

import re
from typing import Any

from django import forms

from sendtrack.core.forms import MONTH_AND_YEAR, GovukDateField, GovukForm
from sendtrack.plans.models import IndicatorKind

from . import registry
from .models import MANUAL, Direction, Indicator
from .selectors import PlanLinks


def _number(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages={"invalid": f"Enter {label.lower()} as a number, for example 65.5"},
    )


def _date(label: str) -> GovukDateField:
    return GovukDateField(label=label, required=False, help_text="For example, 31 3 2027.")


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

    def __init__(self, *args: Any, plans: list[PlanLinks] | None = None, **kwargs: Any) -> None:
        """`plans` (selectors.link_choices) are what the indicator may be linked to: the
        partnership's own sections, findings and actions, and nothing else."""
        super().__init__(*args, **kwargs)
        self.plans = plans or []
        self.fields["sections"] = _choose(
            "Sections it evidences",
            [c for p in self.plans for c in p.sections],
            "Choose only sections of this partnership's plans",
        )
        self.fields["findings"] = _choose(
            "Findings it evidences",
            [c for p in self.plans for c in p.findings],
            "Choose only findings of this partnership",
        )
        for plan in self.plans:
            if plan.plan_id is None:
                continue
            if plan.refs:
                examples = ", ".join(list(dict.fromkeys(plan.refs.values()))[:2])
                self.fields[f"actions_{plan.plan_id}"] = forms.CharField(
                    label="Actions it evidences, by reference",
                    required=False,
                    max_length=5000,
                    help_text=f"Separate references with commas, for example {examples}.",
                )
            if plan.unreferenced:
                self.fields[f"unreferenced_{plan.plan_id}"] = _choose(
                    "Actions without a reference",
                    plan.unreferenced,
                    "Choose only actions of this plan",
                )

    @staticmethod
    def initial_links(plans: list[PlanLinks], indicator: Indicator) -> dict[str, Any]:
        """The form's starting values for what `indicator` is linked to now."""
        linked = set(indicator.actions.values_list("pk", flat=True))
        initial: dict[str, Any] = {
            "sections": list(indicator.sections.values_list("pk", flat=True)),
            "findings": list(indicator.findings.values_list("pk", flat=True)),
        }
        for plan in plans:
            refs = [ref for pk, ref in plan.refs.items() if pk in linked]
            if refs:
                initial[f"actions_{plan.plan_id}"] = ", ".join(refs)
            chosen = [pk for pk, _ in plan.unreferenced if pk in linked]
            if chosen:
                initial[f"unreferenced_{plan.plan_id}"] = chosen
        return initial

    def _actions_by_reference(self, plan: PlanLinks) -> list[int]:
        name = f"actions_{plan.plan_id}"
        text = self.cleaned_data.get(name) or ""
        wanted = [r.strip() for r in re.split(r"[,;\n]", text) if r.strip()]
        found: list[int] = []
        unknown: list[str] = []
        for ref in dict.fromkeys(wanted):
            matches = plan.actions_by_ref.get(ref.casefold())
            if matches:
                found.append(matches[0])  # a live action before an archived one
            else:
                unknown.append(ref)
        if unknown:
            self.add_error(
                name,
                f"{plan.title} has no action {_and(unknown)}"
                if len(unknown) == 1
                else f"{plan.title} has no actions {_and(unknown)}",
            )
        return found

    def links(self) -> dict[str, list[int]]:
        """What the valid form links the indicator to, for services.update_indicator."""
        return {
            "actions": self.cleaned_data.get("actions", []),
            "sections": self.cleaned_data.get("sections", []),
            "findings": self.cleaned_data.get("findings", []),
        }

    def plan_groups(self) -> list[dict[str, Any]]:
        """Each plan's checkboxes and reference field, for the template."""
        sections = {str(v) for v in self["sections"].value() or []}
        findings = {str(v) for v in self["findings"].value() or []}
        groups = []
        for plan in self.plans:
            refs = self[f"actions_{plan.plan_id}"] if plan.refs else None
            loose = self[f"unreferenced_{plan.plan_id}"] if plan.unreferenced else None
            chosen = {str(v) for v in (loose.value() if loose else None) or []}
            groups.append(
                {
                    "plan": plan,
                    "sections": [(pk, label, str(pk) in sections) for pk, label in plan.sections],
                    "findings": [(pk, label, str(pk) in findings) for pk, label in plan.findings],
                    "refs": refs,
                    "unreferenced": loose,
                    "unreferenced_items": [
                        (pk, label, str(pk) in chosen) for pk, label in plan.unreferenced
                    ],
                    "unreferenced_open": bool(chosen or (loose and loose.errors)),
                }
            )
        return groups

    def clean(self) -> dict:
        data = super().clean() or {}
        actions: list[int] = []
        for plan in self.plans:
            if plan.refs:
                actions += self._actions_by_reference(plan)
            actions += data.get(f"unreferenced_{plan.plan_id}") or []
        data["actions"] = sorted(set(actions))
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


def _choose(label: str, choices: list[tuple[int, str]], refused: str) -> forms.Field:
    return forms.TypedMultipleChoiceField(
        label=label,
        required=False,
        coerce=int,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": refused},
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


class ValueForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    period = GovukDateField(
        label="Month the value is for",
        parts=MONTH_AND_YEAR,
        help_text="For example, 3 2026 for March 2026.",
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
