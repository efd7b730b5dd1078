"""The form a programme manager makes a board report over a period with."""

from datetime import date, timedelta
from typing import Any

from django import forms

from sendtrack.core.forms import GovukDateField, GovukForm
from sendtrack.domain.report_periods import (
    ReportPeriod,
    quarter_before,
    quarter_of,
    six_months_to,
)
from sendtrack.plans.models import Plan

MONTHS_OFFERED = 24

THIS_QUARTER, LAST_QUARTER, SIX_MONTHS, CUSTOM = (
    "this_quarter",
    "last_quarter",
    "six_months",
    "custom",
)


def months_offered(today: date) -> list[tuple[str, str]]:
    """This month and the 23 before, newest first, as ("2026-03", "March 2026")."""
    months, month = [], today.replace(day=1)
    for _ in range(MONTHS_OFFERED):
        months.append((f"{month:%Y-%m}", f"{month:%B %Y}"))
        month = (month - timedelta(days=1)).replace(day=1)
    return months


class PeriodReportForm(GovukForm):
    """Which plans, which period and the narrative. Plans are only the partnership's own
    (any other id is refused as not on the list); a custom period is typed as two GOV.UK
    dates, the end on or after the start."""

    plans = forms.TypedMultipleChoiceField(
        label="Plans the report covers",
        help_text="Select all that apply.",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one plan",
            "invalid_choice": "Select plans from the list",
        },
    )
    period = forms.ChoiceField(
        label="Period",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the period the report covers"},
    )
    six_months_to = forms.ChoiceField(
        label="Six months to the end of",
        required=False,
        help_text="Only for six months: the last month the report covers.",
    )
    start = GovukDateField(
        label="From (custom period)",
        what="start date",
        required=False,
        help_text="For example, 1 4 2026.",
    )
    end = GovukDateField(
        label="To (custom period)",
        what="end date",
        required=False,
        help_text="For example, 30 9 2026.",
    )
    narrative = forms.CharField(
        label="Summary for the board",
        help_text="What the board should know first: progress, what is at risk and what you "
        "ask of it. Plain text; leave a blank line between paragraphs.",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Enter the summary for the board"},
    )

    def __init__(self, *args: Any, plans: list[Plan], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.named = {
            THIS_QUARTER: quarter_of(today),
            LAST_QUARTER: quarter_before(today),
        }
        plan_field, period_field, months_field = (
            self.fields["plans"],
            self.fields["period"],
            self.fields["six_months_to"],
        )
        assert isinstance(plan_field, forms.ChoiceField)
        assert isinstance(period_field, forms.ChoiceField)
        assert isinstance(months_field, forms.ChoiceField)
        plan_field.choices = [(plan.pk, plan.title) for plan in plans]
        period_field.choices = [
            (THIS_QUARTER, f"This quarter ({self.named[THIS_QUARTER].describe()})"),
            (LAST_QUARTER, f"Last quarter ({self.named[LAST_QUARTER].describe()})"),
            (SIX_MONTHS, "Six months to the end of a month"),
            (CUSTOM, "Another period: give the first and last days"),
        ]
        months_field.choices = months_offered(today)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("period")
        if chosen == SIX_MONTHS and not data.get("six_months_to"):
            self.add_error("six_months_to", "Select the last month of the six")
        if chosen != CUSTOM:  # dates typed and then another period chosen: not asked for
            for name in ("start", "end"):
                self.errors.pop(name, None)
        else:
            start, end = data.get("start"), data.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", "Enter the start date")
            if end is None and "end" not in self.errors:
                self.add_error("end", "Enter the end date")
            if start and end and end < start:
                self.add_error("end", "The end date must be the same as or after the start date")
        return data

    def chosen_period(self) -> ReportPeriod:
        """The period chosen (call after is_valid)."""
        data = self.cleaned_data
        chosen = data["period"]
        if chosen == SIX_MONTHS:
            year, month = (int(part) for part in data["six_months_to"].split("-"))
            return six_months_to(date(year, month, 1))
        if chosen == CUSTOM:
            return ReportPeriod(data["start"], data["end"])
        return self.named[chosen]
