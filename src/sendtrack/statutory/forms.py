"""Forms for the statutory pages. Errors are shown with the GOV.UK error summary."""

from django import forms

from sendtrack.plans.forms import GovukForm

from .models import AssessDecision

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


class DecisionToAssessForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("", "Choose"), *AssessDecision.choices],
        error_messages={"required": "Select the decision"},
    )
    decided_on = forms.DateField(
        label="Date of the decision",
        help_text="For example, 14/4/2025.",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the date of the decision",
            "invalid": "Enter the date of the decision as a real date, for example 14/4/2025",
        },
    )
    refusal_reason = forms.CharField(
        label="Reason for deciding not to assess",
        help_text="Needed only if you decided not to assess. The family's letter must give "
        "their appeal rights.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if (
            data.get("decision") == AssessDecision.NOT_ASSESS
            and not (data.get("refusal_reason") or "").strip()
        ):
            self.add_error("refusal_reason", "Enter the reason for deciding not to assess")
        return data


class ReviewPaperworkForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    meeting_date = forms.DateField(
        label="Date of the review meeting",
        help_text="For example, 10/11/2025. Leave empty if the meeting has not been held.",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": "Enter the date of the meeting as a real date, for example 10/11/2025"
        },
    )
    paperwork = forms.FileField(
        label="Upload the review paperwork",
        help_text="A PDF or Word document, smaller than 10 MB.",
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("meeting_date") and not data.get("paperwork") and not self.errors:
            self.add_error("meeting_date", "Enter the meeting date or choose a file to upload")
        return data
