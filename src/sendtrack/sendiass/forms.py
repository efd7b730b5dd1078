"""SENDIASS forms; errors are shown with the GOV.UK error summary (core.forms.GovukForm)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from sendtrack.core import private_files
from sendtrack.core.forms import GovukDateField, GovukForm, InvitationForm

from .models import (
    Channel,
    ComplaintOutcome,
    DeficitReason,
    EvaluationKind,
    HeardAbout,
    Issue,
    Rag,
    ReferralRoute,
    ServiceUserKind,
    StaffRole,
    Theme,
    TrainingAudience,
    TrainingDirection,
)


def date_field(label: str, required: bool = True, **kwargs) -> GovukDateField:
    return GovukDateField(
        label=label,
        required=required,
        help_text=kwargs.pop("help_text", "For example, 27 3 2026."),
        **kwargs,
    )


class ReferralForm(GovukForm):
    kind = forms.ChoiceField(label="Who is asking for help", choices=ServiceUserKind.choices)
    name = forms.CharField(label="Their full name", max_length=200)
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    address = forms.CharField(
        label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    heard_about = forms.ChoiceField(
        label="How they heard of the service",
        choices=[("", "Not asked"), *HeardAbout.choices],
        required=False,
    )
    child_name = forms.CharField(
        label="Child's name",
        required=False,
        max_length=200,
        help_text="Leave empty when the young person asks for themselves.",
    )
    child_date_of_birth = date_field("Child's date of birth", required=False)
    child_school = forms.CharField(label="School or setting", required=False, max_length=200)
    referred_on = date_field("Date of the referral")
    referral_route = forms.ChoiceField(label="Who made the referral", choices=ReferralRoute.choices)
    exception_reason = forms.CharField(
        label="Why the service is taking a referral from someone else",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only in exceptional circumstances: say what they are.",
    )
    channel = forms.ChoiceField(
        label="How they contacted the service",
        choices=[("", "Not known"), *Channel.choices],
        required=False,
    )
    issues = forms.MultipleChoiceField(
        label="Issues raised",
        choices=Issue.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label="Themes", choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    criteria = forms.MultipleChoiceField(
        label="Triage criteria that apply", required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label="What they need help with",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only what the service needs to help. This is encrypted.",
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].choices = [
            (str(c.pk), f"{c.name} (weight {c.weight})") for c in criteria
        ]

    def clean(self):
        data = super().clean() or {}
        if (
            data.get("referral_route") == ReferralRoute.EXCEPTION
            and not (data.get("exception_reason") or "").strip()
        ):
            self.add_error(
                "exception_reason",
                "Say why the service is taking a referral from someone other than the parent "
                "or young person",
            )
        return data


class AllocateForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    caseworker = forms.TypedChoiceField(label="Caseworker", coerce=int)

    def __init__(self, *args, caseworkers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [("", "Choose a caseworker"), *caseworkers]


class LevelForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label="Level of support",
        coerce=int,
        choices=[
            (1, "Level 1: information and advice"),
            (2, "Level 2: help with forms, liaison and meetings"),
            (3, "Level 3: casework"),
            (4, "Level 4: Tribunal or complex casework"),
        ],
    )
    applies_from = date_field("Date it applies from")
    reason = forms.CharField(label="Reason (optional)", required=False, max_length=500)


class CaseForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    issues = forms.MultipleChoiceField(
        label="Issues raised",
        choices=Issue.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label="Themes", choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label="Case notes", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class ContactForm(GovukForm):
    on = date_field("Date of the contact")
    channel = forms.ChoiceField(label="How", choices=Channel.choices)
    minutes = forms.IntegerField(
        label="Minutes spent",
        min_value=0,
        max_value=24 * 60,
        error_messages={
            "required": "Enter the minutes spent",
            "invalid": "Enter minutes as a number",
        },
    )
    party = forms.ChoiceField(label="Who the service spoke to")
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Encrypted. Record only what the case needs.",
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [
            ("service_user", "The parent, carer or young person"),
            *[(f"{i}", str(p)) for i, p in enumerate(parties)],
        ]


class ConsentForm(GovukForm):
    party_name = forms.CharField(
        label="Person or role",
        max_length=200,
        help_text="Exactly who: for example SENCo, Educational psychologist, SEN caseworker.",
        error_messages={"required": "Enter the person or role"},
    )
    party_organisation = forms.CharField(label="Organisation", required=False, max_length=200)
    decision = forms.ChoiceField(
        label="Their answer", choices=[("given", "Consent given"), ("refused", "Consent refused")]
    )
    given_on = date_field("Date they answered")
    channel = forms.ChoiceField(label="How they answered", choices=Channel.choices)
    given_by = forms.CharField(
        label="Who answered", max_length=200, help_text="The parent, carer or young person."
    )
    what_they_were_told = forms.CharField(
        label="What they were told", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    review_on = date_field(
        "Review date",
        required=False,
        help_text="Leave empty for the default (12 months after the date they answered).",
    )


class DocumentForm(GovukForm):
    title = forms.CharField(label="Title", required=False, max_length=200)
    upload = forms.FileField(label="File", error_messages={"required": "Choose a file"})
    consent_given_on = date_field("Date the parent or young person agreed the service keeps it")
    consent_given_by = forms.CharField(
        label="Who agreed",
        max_length=200,
        error_messages={"required": "Enter who agreed the service keeps this document"},
    )

    def clean_upload(self) -> UploadedFile:
        """Size and the virus scanner, on the file as it came, before it is read whole."""
        upload: UploadedFile = self.cleaned_data["upload"]
        try:
            private_files.check_upload(upload, kinds=None)
        except private_files.UploadRejected as refused:
            raise forms.ValidationError(str(refused)) from refused
        return upload


class CloseForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    closed_on = date_field("Date closed")


class TriageCriterionForm(GovukForm):
    name = forms.CharField(label="Criterion", max_length=200)
    weight = forms.IntegerField(label="Weight", min_value=0, max_value=100)
    position = forms.IntegerField(label="Order", min_value=0, initial=0, required=False)
    active = forms.TypedChoiceField(
        label="In use", choices=[("1", "Yes"), ("0", "No")], coerce=lambda v: v == "1", initial="1"
    )


class DeficitForm(GovukForm):
    recorded_on = date_field("Date")
    request = forms.CharField(
        label="What was asked for", max_length=300, help_text="Do not include names."
    )
    level_requested = forms.TypedChoiceField(
        label="Level of support asked for",
        choices=[("", "Not known"), *[(str(n), f"Level {n}") for n in range(1, 5)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    reason = forms.ChoiceField(
        label="Why the service could not meet it", choices=DeficitReason.choices
    )
    reason_detail = forms.CharField(
        label="More detail (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplaintForm(GovukForm):
    received_on = date_field("Date received")
    complainant = forms.CharField(label="Who complained", max_length=200)
    summary = forms.CharField(label="The complaint", widget=forms.Textarea(attrs={"rows": 5}))


class ComplaintProgressForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    acknowledged_on = date_field("Date acknowledged", required=False)
    responded_on = date_field("Date of the response", required=False)
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Not decided"), *ComplaintOutcome.choices], required=False
    )
    learning = forms.CharField(
        label="What the service learned", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ProfessionalLinkForm(GovukForm):
    kind = forms.ChoiceField(
        choices=[(EvaluationKind.PROFESSIONAL, "Professional")],
        widget=forms.HiddenInput,
        initial=EvaluationKind.PROFESSIONAL,
    )


class StandardAssessmentForm(GovukForm):
    standard = forms.CharField(
        label="Standard",
        max_length=200,
        help_text="Its number and name, as in the Minimum Standards. Saving the same standard "
        "again for the year replaces its rating.",
        error_messages={"required": "Enter the standard"},
    )
    rag = forms.ChoiceField(
        label="Rating",
        choices=[("", "Choose a rating"), *Rag.choices],
        error_messages={"required": "Choose a rating"},
    )
    evidence = forms.CharField(
        label="Evidence, or explanation and actions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Examples of evidence if green; the explanation and actions if amber or red. "
        "This is published: no names.",
    )


class TrainingSessionForm(GovukForm):
    held_on = date_field("Date")
    direction = forms.ChoiceField(label="Delivered or attended", choices=TrainingDirection.choices)
    title = forms.CharField(
        label="Subject or theme", max_length=200, error_messages={"required": "Enter the subject"}
    )
    audience = forms.ChoiceField(label="Audience", choices=TrainingAudience.choices)
    audience_detail = forms.CharField(
        label="Who, by role",
        required=False,
        max_length=200,
        help_text="For example SENCos, SEN governors, youth offending team. No names.",
    )
    attendees = forms.IntegerField(
        label="People attending", required=False, min_value=0, max_value=10000
    )


class SteeringGroupMeetingForm(GovukForm):
    held_on = date_field("Date of the meeting")
    changes = forms.CharField(
        label="Changes to membership or vacancies",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="By role, for example \u201cParent carer forum place vacant\u201d. No names.",
    )


def _yes_no(label: str, yes: str = "Yes", no: str = "No") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=[("1", yes), ("0", no)], coerce=lambda v: v == "1", initial="0"
    )


class SignInForm(GovukForm):
    username = forms.CharField(
        label="Username", max_length=150, error_messages={"required": "Enter your username"}
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )


class NewPasswordForm(GovukForm):
    """Choose a password (from a set-password link, or changing one's own)."""

    new_password1 = forms.CharField(
        label="New password",
        strip=False,
        help_text="At least 8 characters, not a common password and not only numbers.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a new password"},
    )
    new_password2 = forms.CharField(
        label="Confirm the new password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the new password again"},
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        first, second = data.get("new_password1"), data.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", "The two passwords do not match")
        return data


class ChangePasswordForm(NewPasswordForm):
    current_password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
    )
    field_order = ["current_password", "new_password1", "new_password2"]


class InviteStaffForm(InvitationForm):
    role = forms.ChoiceField(label="Role", choices=StaffRole.choices)
    trained_for_level_4 = _yes_no("Trained and experienced for level 4 (Tribunal, complex) work")


class ChangeStaffForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=StaffRole.choices)
    trained_for_level_4 = _yes_no("Trained and experienced for level 4 (Tribunal, complex) work")
    active = forms.TypedChoiceField(
        label="Can use the SENDIASS pages",
        choices=[("1", "Yes"), ("0", "No: deactivate (ends their sessions now)")],
        coerce=lambda v: v == "1",
        initial="1",
    )
