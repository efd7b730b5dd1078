"""Forms for the pages that change plans. Errors are shown with the GOV.UK error summary."""

from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone

from sendtrack.core.forms import GovukDateField, GovukForm
from sendtrack.domain.risks import RATINGS

from .models import DatePrecision, PlanKind, Rag, RiskStatus, SectionKind, Status


class ProgressUpdateForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Status", choices=Status.choices, error_messages={"required": "Select a status"}
    )
    commentary = forms.CharField(
        label="What has happened since the last update?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter what has happened since the last update"},
    )
    evidence_links = forms.CharField(
        label="Links to evidence (optional)",
        help_text="One web address on each line.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_evidence_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines()]
        validator = forms.URLField(assume_scheme="https").clean
        cleaned = []
        for link in filter(None, links):
            try:
                cleaned.append(validator(link))
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    f"Enter each evidence link as a full web address: {link} is not one"
                ) from error
        return cleaned


class ActionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ref = forms.CharField(label="Reference", required=False, max_length=100)
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the action"},
    )
    owner_raw = forms.CharField(label="Lead", required=False, max_length=500)
    due_raw = forms.CharField(
        label="Timeframe as written",
        required=False,
        max_length=300,
        help_text="For example, Autumn Term 2026 or 31/03/2027.",
    )
    due = GovukDateField(
        label="Due date",
        required=False,
        help_text="For example, 31 3 2027. Leave empty for ongoing work.",
    )
    due_precision = forms.ChoiceField(label="The date is", choices=DatePrecision.choices)
    status = forms.ChoiceField(
        label="Status", choices=[("", "Not stated"), *Status.choices], required=False
    )
    rag_override = forms.ChoiceField(
        label="Set the RAG rating by hand",
        choices=[("", "No – use the rules"), *Rag.choices],
        required=False,
    )
    rag_override_reason = forms.CharField(
        label="Reason for setting the rating by hand", required=False, max_length=500
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("rag_override") and not (data.get("rag_override_reason") or "").strip():
            self.add_error(
                "rag_override_reason", "Enter a reason for setting the RAG rating by hand"
            )
        return data


def _rating(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "Not assessed"), *[(str(n), str(n)) for n in RATINGS]],
        coerce=int,
        empty_value=None,
        required=False,
    )


class RiskDetailsForm(GovukForm):
    """What a risk register holds about a risk; the score is likelihood × impact."""

    title = forms.CharField(
        label="Risk", max_length=500, error_messages={"required": "Enter the risk"}
    )
    detail = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_raw = forms.CharField(label="Owner", required=False, max_length=500)
    review_date = GovukDateField(
        label="Review date", required=False, help_text="For example, 31 3 2027."
    )
    likelihood = _rating("Likelihood (1 rare to 5 almost certain)")
    impact_rating = _rating("Impact (1 minimal to 5 severe)")
    impact = forms.CharField(
        label="What would happen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mitigation = forms.CharField(
        label="Mitigation", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    residual_likelihood = _rating("Likelihood once mitigated (1 to 5)")
    residual_impact_rating = _rating("Impact once mitigated (1 to 5)")
    rag = forms.ChoiceField(
        label="RAG rating", choices=[("", "Not rated"), *Rag.choices], required=False
    )


class RiskForm(RiskDetailsForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="Status", choices=RiskStatus.choices)


class DueFilterForm(GovukForm):
    """The due-date filters of a plan's page, read from its address: a date that is not real
    is shown as an error and left out of the filter."""

    due_from = GovukDateField(label="Due from", required=False)
    due_to = GovukDateField(label="Due by", required=False)

    def dates(self) -> tuple[date | None, date | None]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("due_from"), data.get("due_to")


class ArchiveForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class StartPlanForm(GovukForm):
    title = forms.CharField(
        label="Title of the plan",
        max_length=300,
        error_messages={"required": "Enter the title of the plan"},
    )
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=PlanKind.choices,
        initial=PlanKind.IMPROVEMENT_PLAN,
        error_messages={"required": "Select the kind of plan"},
    )
    as_at = GovukDateField(
        label="Position as at",
        required=False,
        help_text="The date the plan describes, for example 1 4 2026.",
    )


class SectionForm(GovukForm):
    """A section's own fields; where it sits is chosen only when it is added."""

    title = forms.CharField(
        label="Title", max_length=500, error_messages={"required": "Enter the section's title"}
    )
    ref = forms.CharField(
        label="Reference (optional)",
        required=False,
        max_length=100,
        help_text="For example, 1 or 2.3.",
    )
    kind = forms.ChoiceField(label="Kind of section", choices=SectionKind.choices)


class NewSectionForm(SectionForm):
    parent = forms.TypedChoiceField(
        label="Where it goes", coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, parents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["parent"]).choices = [
            ("", "At the top level of the plan")
        ] + [(pk, f"Inside {title}") for pk, title in parents]


class ChangeSectionForm(SectionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class NewActionForm(GovukForm):
    ref = forms.CharField(label="Reference (optional)", required=False, max_length=100)
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the action"},
    )
    owner_raw = forms.CharField(label="Lead (optional)", required=False, max_length=500)
    due = GovukDateField(
        label="Due date (optional)",
        required=False,
        help_text="For example, 31 3 2027. Leave empty for ongoing work.",
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "Not stated"), *Status.choices], required=False
    )


class MoveActionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    section = forms.TypedChoiceField(
        label="Move it to",
        coerce=int,
        error_messages={"required": "Select the section to move it to"},
    )

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = [
            ("", "Choose a section"),
            *sections,
        ]


class NewMilestoneForm(GovukForm):
    text = forms.CharField(
        label="Milestone",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the milestone"},
    )
    due = GovukDateField(
        label="Due by (optional)", required=False, help_text="For example, 31 3 2027."
    )
    section = forms.TypedChoiceField(
        label="Section (optional)", coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = [
            ("", "The whole plan"),
            *sections,
        ]


class MilestoneOutcomeForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label="Was the milestone achieved?",
        choices=[("achieved", "Achieved"), ("missed", "Missed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the milestone was achieved or missed"},
    )
    on = GovukDateField(
        label="Date", what="date it was achieved or missed", help_text="For example, 31 3 2026."
    )

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(
                "The date it was achieved or missed must be today or in the past"
            )
        return on


class MergeActionsForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    other = forms.TypedChoiceField(
        label="Which action should be merged into this one?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action to merge into this one"},
    )

    def __init__(self, *args: Any, actions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["other"]).choices = actions


class SplitActionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kept_text = forms.CharField(
        label="What this action keeps",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what this action keeps"},
    )
    new_text = forms.CharField(
        label="The new action",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The part of the text that becomes an action of its own.",
        error_messages={"required": "Enter the new action"},
    )
    new_ref = forms.CharField(label="Reference of the new action (optional)", required=False)
    copy = forms.MultipleChoiceField(
        label="What the new action takes from this one",
        help_text="Select all that apply.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("owners", "Its leads"),
            ("due", "Its due date"),
            ("status", "Its status"),
            ("findings", "The findings it answers"),
        ],
    )

    def __init__(self, *args: Any, whole_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.whole_text = whole_text

    def clean_kept_text(self) -> str:
        kept: str = self.cleaned_data["kept_text"]
        if kept.strip() == self.whole_text.strip():
            raise forms.ValidationError("Take out of this action the part that is now the new one")
        return kept


class FindingForm(GovukForm):
    """A finding's words and what answers it: the plan's sections and actions, as checkboxes."""

    ref = forms.CharField(
        label="Reference (optional)",
        required=False,
        max_length=100,
        help_text="For example, Key concern 1.",
    )
    text = forms.CharField(
        label="Finding",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the finding"},
    )
    source = forms.CharField(
        label="Where it came from (optional)",
        required=False,
        max_length=200,
        help_text="The inspection or review, for example Ofsted and CQC revisit, May 2024.",
    )
    sections = forms.TypedMultipleChoiceField(
        label="Sections that answer it",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only sections of this plan"},
    )
    actions = forms.TypedMultipleChoiceField(
        label="Actions that answer it",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only actions of this plan"},
    )

    def __init__(
        self,
        *args: Any,
        sections: list[tuple[int, str]],
        actions: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["sections"]).choices = sections
        cast(forms.ChoiceField, self.fields["actions"]).choices = actions


class ChangeFindingForm(FindingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
