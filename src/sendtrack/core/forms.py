"""The GOV.UK form base every part's forms build on, and the GOV.UK date input."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import Any, NoReturn, TypedDict

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

from sendtrack.domain.dates import month_number
from sendtrack.request_values import YEARS

DATE_PARTS = ("day", "month", "year")
MONTH_AND_YEAR = ("month", "year")
_WIDTHS = {"day": "govuk-input--width-2", "month": "govuk-input--width-2"}


class GovukForm(forms.Form):
    """A form that knows the error-summary pattern: each error links to its field (for a
    date, to the first of its boxes that is wrong)."""

    def error_list(self) -> list[tuple[str, str]]:
        return [
            (error_anchor(self, name, error), " ".join(error.messages))
            for name, errors in self.errors.as_data().items()
            for error in errors
        ]


def error_anchor(form: forms.BaseForm, name: str, error: ValidationError) -> str:
    """The id an error summary's link goes to: the field's control, or for a date the first
    of its boxes the error is about."""
    if name == "__all__":
        return "main-content"
    field = form.fields.get(name)
    if isinstance(field, GovukDateField):
        return f"{form[name].auto_id}-{wrong_parts([error], field.parts)[0]}"
    return f"id_{name}"


class DateBox(TypedDict):
    """One box of a date input, as the template draws it."""

    part: str
    label: str
    name: str
    id: str
    value: str
    width: str
    error: bool


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: boxes for the day, month and year, named `<name>-day`,
    `<name>-month` and `<name>-year` as GOV.UK's own macro names them."""

    template_name = "includes/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None, parts: Sequence[str] = DATE_PARTS):
        self.parts = tuple(parts)
        super().__init__([forms.TextInput() for _ in self.parts], attrs)
        self.widgets_names = [f"-{part}" for part in self.parts]

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, date):
            return [str(getattr(value, part)) for part in self.parts]
        return [None] * len(self.parts)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-{self.parts[0]}" if id_ else ""

    def boxes(self, name: str, value: Any, id_: str, wrong: Sequence[str] = ()) -> list[DateBox]:
        """The boxes with what to show in them: what was typed, or the date's parts."""
        values = value if isinstance(value, list | tuple) else self.decompress(value)
        return [
            DateBox(
                part=part,
                label=part.capitalize(),
                name=f"{name}-{part}",
                id=f"{id_}-{part}",
                value="" if typed is None else str(typed),
                width=_WIDTHS.get(part, "govuk-input--width-4"),
                error=part in wrong,
            )
            for part, typed in zip(self.parts, values, strict=False)
        ]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["id"] = context["widget"]["attrs"].get("id", name)
        context["boxes"] = self.boxes(name, value, context["id"])
        return context


class GovukDateField(forms.Field):
    """A date typed as day, month and year (GOV.UK's date input), with GOV.UK's error
    messages, each naming `what` (the label in lower case unless given): "Enter the …",
    "… must include a month", "Year must include 4 numbers", "… must be a real date".
    The month may be a number or a name ("march", "Mar"); all boxes empty is no date.
    `parts=MONTH_AND_YEAR` asks for a month only, read as its first day."""

    widget = GovukDateInput

    def __init__(self, *, what: str = "", parts: Sequence[str] = DATE_PARTS, **kwargs: Any) -> None:
        label = str(kwargs.get("label") or "").removesuffix(" (optional)")
        self.what = what or label[:1].lower() + label[1:]
        self.parts = tuple(parts)
        kwargs["error_messages"] = {
            "required": f"Enter the {self.what}",
            **kwargs.get("error_messages", {}),
        }
        kwargs.setdefault("widget", GovukDateInput(parts=self.parts))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date) or value is None:
            return value
        typed = [str(v or "").strip() for v in value]
        texts = dict(zip(self.parts, typed + [""] * len(self.parts), strict=False))
        if not any(texts.values()):
            return None
        missing = [part for part in self.parts if not texts[part]]
        if missing:
            self._refuse(f"{self._What} must include a {' and '.join(missing)}", missing)
        day = _whole_number(texts.get("day", "1"), 1, 31)
        month = month_number(texts["month"])
        year = texts["year"]
        wrong = [
            part
            for part, ok in (
                ("day", day is not None),
                ("month", month is not None),
                ("year", year.isascii() and year.isdigit()),
            )
            if part in self.parts and not ok
        ]
        if not wrong and len(year) != 4:
            self._refuse("Year must include 4 numbers", ["year"])
        if wrong or day is None or month is None:
            self._refuse(f"{self._What} must be a real date", wrong)
        if int(year) not in YEARS:
            self._refuse(f"{self._What} must be between {YEARS[0]} and {YEARS[-1]}", ["year"])
        if day > calendar.monthrange(int(year), month)[1]:
            self._refuse(f"{self._What} must be a real date", ["day"])
        return date(int(year), month, day)

    @property
    def _What(self) -> str:  # noqa: N802 - the capitalised form of `what`
        return self.what[:1].upper() + self.what[1:]

    def _refuse(self, message: str, parts: Sequence[str]) -> NoReturn:
        """Refuse the date, saying which boxes are wrong (the template marks them and the
        error summary links to the first)."""
        raise ValidationError(
            message.replace("%", "%%"), code="invalid", params={"parts": tuple(parts)}
        )


def _whole_number(text: str, low: int, high: int) -> int | None:
    if not (text.isascii() and text.isdigit()) or len(text) > 2:
        return None
    number = int(text)
    return number if low <= number <= high else None


def wrong_parts(errors: Sequence[ValidationError], parts: Sequence[str]) -> list[str]:
    """The boxes of a date input to mark: those its errors name, or every box when an error
    is about the whole date (one added by the form's own checks, say)."""
    named: set[str] = set()
    for error in errors:
        params = getattr(error, "params", None) or {}
        if "parts" not in params:
            return list(parts)
        named.update(params["parts"])
    return [part for part in parts if part in named] or list(parts)


def date_boxes(bound: BoundField) -> list[DateBox]:
    """The boxes of a bound date field, the wrong ones marked."""
    widget = bound.field.widget
    if not isinstance(widget, GovukDateInput):
        raise TypeError(f"{bound.name} is not a GOV.UK date field")
    wrong = wrong_parts(bound.errors.as_data(), widget.parts) if bound.errors else []
    return widget.boxes(bound.html_name, bound.value(), bound.auto_id or bound.html_name, wrong)


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
