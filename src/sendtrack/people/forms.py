"""Forms for the partnership administration pages."""

from django import forms

from sendtrack.accounts.models import Role
from sendtrack.core.forms import GovukForm, InvitationForm

ROLE_CHOICES = [(r.value, r.label) for r in Role]


class PersonForm(GovukForm):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter a name"}
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)
    initials = forms.CharField(
        label="Initials used in plans (optional)",
        max_length=20,
        required=False,
        help_text="For example PeRi. Plans that name an owner by these are linked to this person.",
    )
    aliases = forms.CharField(
        label="Other names used in plans (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One on each line.",
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="Reminders about the actions they lead are sent here.",
    )
    organisation = forms.TypedChoiceField(
        label="Organisation", required=False, coerce=int, empty_value=None
    )
    user = forms.TypedChoiceField(
        label="Their sign-in (optional)", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, organisations=(), users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "None")] + [
            (o.pk, o.name) for o in organisations
        ]
        self.fields["user"].choices = [("", "None")] + [
            (u.pk, f"{u.get_full_name() or u.username} ({u.username})") for u in users
        ]


class OrganisationForm(GovukForm):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter a name"}
    )
    short_name = forms.CharField(label="Short name (optional)", max_length=40, required=False)


class InviteForm(InvitationForm):
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)


class RoleForm(GovukForm):
    role = forms.ChoiceField(label="Role in this partnership", choices=ROLE_CHOICES)
