"""Forms for the pages that change plans. Errors are shown with the GOV.UK error summary."""

from datetime import date
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from sendtrack.core import private_files
from sendtrack.core.forms import GovukDateField, GovukForm
from sendtrack.domain.risks import RATINGS

from .models import DatePrecision, PlanKind, Rag, RiskStatus, SectionKind, Status


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Several files in one file input (Django's documented way), each checked by content."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        uploads = data if isinstance(data, list | tuple) else [data]
        uploads = [super(EvidenceFilesField, self).clean(d, initial) for d in uploads if d]
        try:
            for upload in uploads:
                private_files.check_upload(upload, private_files.PDF_WORD_OR_PICTURE)
        except private_files.UploadRejected as refused:
            raise forms.ValidationError(str(refused)) from refused
        return uploads


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
    decision_asked = forms.CharField(
        label="Decision asked of the board (optional)",
        help_text="If the board needs to decide something for this action to go on, say "
        "what, for example to agree a new due date or to find funding. The board report "
        "shows it beside your update.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence_files = EvidenceFilesField(
        label="Evidence files (optional)",
        help_text="PDF, Word documents, or PNG or JPEG pictures, each smaller than 10 MB.",
        required=False,
    )
    evidence_links = forms.CharField(
        label="Links to evidence (optional)",
        help_text="One web address starting https:// on each line.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, completion_needs_evidence: bool = False, **kwargs: Any):
        """``completion_needs_evidence``: the partnership's setting, so the evidence fields
        say they are needed to mark the action complete rather than "(optional)"."""
        super().__init__(*args, **kwargs)
        if completion_needs_evidence:
            for name, label in (
                ("evidence_files", "Evidence files"),
                ("evidence_links", "Links to evidence"),
            ):
                field = self.fields[name]
                field.label = label
                field.help_text = (
                    f"{field.help_text} Marking the action complete needs evidence: a file or "
                    "a link, in this update or an earlier one."
                )

    def clean_evidence_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines()]
        validator = forms.URLField(assume_scheme="https").clean
        cleaned = []
        for link in filter(None, links):
            try:
                url = validator(link)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    f"Enter each evidence link as a full web address: {link} is not one"
                ) from error
            if not url.lower().startswith("https://"):
                raise forms.ValidationError(
                    f"Enter each evidence link as a secure address starting https://: "
                    f"{link} is not one"
                )
            cleaned.append(url)
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
    due_change_reason = forms.CharField(
        label="Reason for the new date",
        required=False,
        max_length=500,
        help_text="Needed when you change the due date. It is kept in the action's history.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, due_was: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.due_was = due_was

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("rag_override") and not (data.get("rag_override_reason") or "").strip():
            self.add_error(
                "rag_override_reason", "Enter a reason for setting the RAG rating by hand"
            )
        moved = "due" in data and self.due_was is not None and data["due"] != self.due_was
        if moved and not (data.get("due_change_reason") or "").strip():
            self.add_error("due_change_reason", "Enter the reason for the new date")
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
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_raw = forms.CharField(label="Owner (optional)", required=False, max_length=500)
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


class SignOffForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanSettingsForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    completion_needs_sign_off = forms.TypedChoiceField(
        label="Does marking an action complete need evidence and a programme manager's sign-off?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="When it does, an action lead adds evidence (a file or a link) to mark an "
        "action complete, and the action shows as awaiting sign-off, rated as not complete, "
        "until a programme manager signs it off.",
        error_messages={"required": "Select yes if completion needs evidence and sign-off"},
    )
    due_date_changes_need_approval = forms.TypedChoiceField(
        label="Do due-date changes need a programme manager's approval?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        required=False,  # left as it is when a form leaves it out
        empty_value=None,
        widget=forms.RadioSelect,
        help_text="When they do, a new due date an action lead gives, or a monthly update "
        "gives, waits as a request with its reason until a programme manager approves it; the "
        "action keeps its date until then.",
    )


class DueDateDecisionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="Do you approve the new due date?",
        choices=[("approve", "Yes, approve it"), ("decline", "No, decline it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you approve the new due date"},
    )
    decline_reason = forms.CharField(
        label="Reason for declining",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you decline. The lead sees it.",
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not (data.get("decline_reason") or "").strip():
            self.add_error("decline_reason", "Enter the reason for declining the new due date")
        return data


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
        label="As at",
        what="as-at date",
        required=False,
        help_text="The date the plan speaks from, for example 1 4 2026.",
    )


class ChangePlanForm(StartPlanForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


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
