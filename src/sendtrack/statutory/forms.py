"""Forms for the statutory pages. Errors are shown with the GOV.UK error summary."""

from collections.abc import Iterable
from typing import Any

from django import forms

from sendtrack.core.forms import GovukDateField, GovukForm
from sendtrack.domain.statutory import ExceptionReason, TransferType

from .models import AssessDecision, AssessmentOutcome, Requester, ReviewDecision, Setting


class ReviewPaperworkForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    meeting_date = GovukDateField(
        label="Date of the review meeting",
        help_text="For example, 10 11 2025. Leave empty if the meeting has not been held.",
        required=False,
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


def _date_field(label: str, example: str, *, required: bool = True, hint: str = "") -> Any:
    return GovukDateField(
        label=label, help_text=hint or f"For example, {example}.", required=required
    )


def setting_choices(settings_: Iterable[Setting], empty: str) -> list[tuple[str, str]]:
    return [("", empty), *[(str(s.pk), s.name) for s in settings_]]


class RecordForm(GovukForm):
    """A form for one recorded step: a `named_setting` field lists `settings_`, after
    `no_setting` (the empty choice)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    no_setting = "Choose"

    def __init__(self, *args: Any, settings_: Iterable[Setting] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        named_setting = self.fields.get("named_setting")
        if isinstance(named_setting, forms.ChoiceField):
            named_setting.choices = setting_choices(settings_, self.no_setting)


class DecisionToAssessForm(RecordForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("", "Choose"), *AssessDecision.choices],
        error_messages={"required": "Select the decision"},
    )
    decided_on = _date_field("Date of the decision", "14 4 2025")
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


class TimeLimitExceptionForm(RecordForm):
    reason = forms.ChoiceField(
        label="Reason the time limit could not be met",
        choices=[("", "Choose"), *[(r.value, r.label) for r in ExceptionReason]],
        error_messages={"required": "Select the reason the time limit could not be met"},
    )
    start = _date_field("Date it started", "1 4 2025")
    end = _date_field(
        "Date it ended",
        "6 5 2025",
        required=False,
        hint="For example, 6 5 2025. Leave empty while it continues.",
    )
    note = forms.CharField(
        label="Note",
        help_text="For a closure, say when you asked the school or setting for advice. "
        "Tell the family that you are relying on an exception.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The date it ended must be on or after the date it started")
        return data


class DraftPlanForm(RecordForm):
    issued_on = _date_field(
        "Date the draft plan was issued",
        "2 6 2025",
        hint="For example, 2 6 2025. The family has 15 days, beginning with this day, to comment.",
    )


class FinalPlanForm(RecordForm):
    no_setting = "None named yet"
    issued_on = _date_field("Date the final plan was issued", "21 7 2025")
    named_setting = forms.TypedChoiceField(
        label="School or college named in the plan",
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
    )


class ReviewDecisionForm(RecordForm):
    decision = forms.ChoiceField(
        label="Decision after the review",
        choices=[("", "Choose"), *ReviewDecision.choices],
        error_messages={"required": "Select the decision after the review"},
    )
    notified_on = _date_field(
        "Date the family was told",
        "8 12 2025",
        hint="For example, 8 12 2025. Due within 4 weeks of the meeting.",
    )
    amendment_issued = _date_field(
        "Date the amended plan was issued",
        "2 2 2026",
        required=False,
        hint="Only if the plan is amended. For example, 2 2 2026. Leave empty until it is issued.",
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("amendment_issued") and data.get("decision") != ReviewDecision.AMEND:
            self.add_error(
                "amendment_issued", "Enter an amended plan date only when the plan is amended"
            )
        return data


class FinaliseTransferForm(RecordForm):
    named_setting = forms.TypedChoiceField(
        label="School or college named in the amended plan",
        choices=[],
        coerce=int,
        empty_value=None,
        error_messages={"required": "Select the school or college named in the plan"},
    )
    finalised_on = _date_field("Date the amended plan was finalised", "2 2 2026")


class CeasePlanForm(RecordForm):
    ceased_on = _date_field("Date the plan ceased", "31 7 2026")
    reason = forms.CharField(
        label="Reason the plan ceased",
        help_text="For example, the young person moved to another local authority. The family "
        "must be told of their right to appeal.",
        max_length=300,
        error_messages={"required": "Enter the reason the plan ceased"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewMeetingForm(RecordForm):
    meeting_date = _date_field(
        "Date of the review meeting",
        "10 11 2025",
        hint="For example, 10 11 2025. The decision is due within 4 weeks of the meeting.",
    )


class AssessmentOutcomeForm(RecordForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[
            ("", "Choose"),
            *[
                (o.value, o.label)
                for o in (AssessmentOutcome.NOT_ISSUED, AssessmentOutcome.WITHDRAWN)
            ],
        ],
        error_messages={"required": "Select the outcome"},
    )
    outcome_on = _date_field(
        "Date of the outcome",
        "14 7 2025",
        hint="For example, 14 7 2025. For a decision not to issue a plan, the date the family "
        "was told (due within 16 weeks of the request); for a withdrawal, the date it was "
        "withdrawn.",
    )


class EvidenceReceivedForm(RecordForm):
    received_on = _date_field(
        "Date the evidence was received",
        "30 5 2025",
        hint="For example, 30 5 2025. The date the last of the advice and information arrived.",
    )


class AssessmentRequestForm(RecordForm):
    request_received = _date_field(
        "Date the request was received",
        "3 3 2025",
        hint="For example, 3 3 2025. The 6-, 16- and 20-week clocks run from this day.",
    )
    requested_by = forms.ChoiceField(
        label="Who made the request",
        choices=[("", "Choose"), *Requester.choices],
        error_messages={"required": "Select who made the request"},
    )


class PhaseTransferForm(RecordForm):
    no_setting = "Not known yet"
    transfer_type = forms.ChoiceField(
        label="Type of transfer",
        choices=[
            ("", "Choose"),
            *[(t.value, t.value.replace("_", " ").capitalize()) for t in TransferType],
        ],
        error_messages={"required": "Select the type of transfer"},
    )
    transfer_date = _date_field(
        "Date of the transfer",
        "1 9 2026",
        hint="For example, 1 9 2026. The Regulations set the deadline for amending the plan "
        "from this date.",
    )
    local_deadline = _date_field(
        "Deadline agreed locally",
        "1 11 2026",
        required=False,
        hint="Only for a transfer on or before the date the Regulations set (for example, a "
        "January start). Otherwise leave empty.",
    )
    named_setting = forms.TypedChoiceField(
        label="School or college to be named (optional)",
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
    )
