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
