"""Forms for the pages that change plans. Errors are shown with the GOV.UK error summary."""

from datetime import date

from django import forms

from sendtrack.core.forms import GovukDateField, GovukForm

from .models import DatePrecision, Rag, RiskStatus, Status


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


class RiskForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="Risk", max_length=500)
    detail = forms.CharField(
        label="Detail", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    likelihood = forms.TypedChoiceField(
        label="Likelihood",
        choices=[("", "Not assessed"), *[(str(n), str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    impact = forms.CharField(
        label="Impact", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rag = forms.ChoiceField(
        label="RAG rating", choices=[("", "Not rated"), *Rag.choices], required=False
    )
    mitigation = forms.CharField(
        label="Mitigation", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_raw = forms.CharField(label="Owner", required=False, max_length=500)
    review_date = GovukDateField(
        label="Review date", required=False, help_text="For example, 31 3 2027."
    )
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
