from django import forms


class PreferenceForm(forms.Form):
    digest = forms.BooleanField(
        required=False,
        label="Email me about the actions I lead",
        help_text="A daily email, only on days when one of your actions is overdue, due in the "
        "next 14 days or has had no progress update for 6 weeks.",
    )
    summary = forms.BooleanField(
        required=False,
        label="Email me a summary of the partnership's actions",
        help_text="For programme managers: how many actions need attention, and the most urgent.",
    )

    def __init__(self, *args: object, manager: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not manager:
            del self.fields["summary"]
