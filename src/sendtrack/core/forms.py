"""The GOV.UK form base every part's forms build on."""

from django import forms


class GovukForm(forms.Form):
    """A form that knows the error-summary pattern: each error links to its field."""

    def error_list(self) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        for name, errors in self.errors.items():
            anchor = f"id_{name}" if name != "__all__" else "main-content"
            items.extend((anchor, str(error)) for error in errors)
        return items


class InvitationForm(GovukForm):
    """Who is being given a sign-in; each part adds the roles it grants. Council and SENDIASS
    accounts live apart, but an invitation asks the same questions of both."""

    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter their name"}
    )
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What they type to sign in.",
        error_messages={"required": "Enter a username"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="Their set-password link is sent here; you are shown it too.",
    )
