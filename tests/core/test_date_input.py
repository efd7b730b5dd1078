"""The GOV.UK date input every date field uses: day, month and year boxes, GOV.UK's error
messages, the boxes that are wrong marked, and the error summary linking to the first of them."""

from datetime import date
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.core.forms import MONTH_AND_YEAR, GovukDateField, GovukForm
from sendtrack.domain.dates import month_number


class MeetingForm(GovukForm):
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2026.")
    next_on = GovukDateField(label="Next meeting (optional)", required=False)


class MonthForm(GovukForm):
    month = GovukDateField(
        label="Month",
        parts=MONTH_AND_YEAR,
        error_messages={"required": "Enter the month the value is for"},
    )


def typed(day: str = "", month: str = "", year: str = "", name: str = "held_on") -> dict:
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def errors(data: dict, form_class: type[GovukForm] = MeetingForm) -> list[tuple[str, str]]:
    form = form_class(data)
    assert not form.is_valid()
    return form.error_list()


def cleaned(data: dict, name: str = "held_on") -> date | None:
    form = MeetingForm(data)
    assert form.is_valid(), form.errors
    return form.cleaned_data[name]


def test_a_date_typed_in_three_boxes():
    assert cleaned(typed("27", "3", "2026")) == date(2026, 3, 27)
    assert cleaned(typed(" 07 ", "03", "2026")) == date(2026, 3, 7)


@pytest.mark.parametrize(
    ("month", "number"),
    [("march", 3), ("Mar", 3), ("MARCH", 3), ("sept", 9), ("Sep.", 9), ("december", 12)],
)
def test_the_month_may_be_written_as_a_name_or_abbreviation(month, number):
    assert cleaned(typed("1", month, "2026")) == date(2026, number, 1)


def test_nothing_typed_in_a_required_date():
    assert errors(typed()) == [("id_held_on-day", "Enter the date of the meeting")]


def test_an_optional_date_left_empty_is_no_date():
    data = {**typed("1", "2", "2026"), **typed(name="next_on")}
    assert cleaned(data, "next_on") is None


def test_an_optional_date_is_checked_when_anything_is_typed():
    data = {**typed("1", "2", "2026"), **typed("", "5", "", name="next_on")}
    assert errors(data) == [("id_next_on-day", "Next meeting must include a day and year")]


@pytest.mark.parametrize(
    ("data", "anchor", "message"),
    [
        (typed("", "3", "2026"), "day", "Date of the meeting must include a day"),
        (typed("27", "", "2026"), "month", "Date of the meeting must include a month"),
        (typed("27", "3", ""), "year", "Date of the meeting must include a year"),
        (typed("", "", "2026"), "day", "Date of the meeting must include a day and month"),
        (typed("27", "", ""), "month", "Date of the meeting must include a month and year"),
        (typed("27", "3", "26"), "year", "Year must include 4 numbers"),
        (typed("27", "3", "20265"), "year", "Year must include 4 numbers"),
        (typed("32", "3", "2026"), "day", "Date of the meeting must be a real date"),
        (typed("0", "3", "2026"), "day", "Date of the meeting must be a real date"),
        (typed("27", "13", "2026"), "month", "Date of the meeting must be a real date"),
        (typed("27", "smarch", "2026"), "month", "Date of the meeting must be a real date"),
        (typed("27", "3", "twenty"), "year", "Date of the meeting must be a real date"),
        (typed("31", "4", "2026"), "day", "Date of the meeting must be a real date"),
        (typed("-1", "3", "2026"), "day", "Date of the meeting must be a real date"),
        (typed("27", "3", "1066"), "year", "Date of the meeting must be between 1900 and 2199"),
    ],
)
def test_gov_uk_error_messages_link_to_the_first_wrong_box(data, anchor, message):
    assert errors(data) == [(f"id_held_on-{anchor}", message)]


@pytest.mark.parametrize(
    ("day", "year", "real"),
    [("29", "2024", True), ("29", "2025", False), ("29", "2000", True), ("29", "2100", False)],
)
def test_29_february_only_in_a_leap_year(day, year, real):
    form = MeetingForm(typed(day, "2", year))
    assert form.is_valid() is real
    if real:
        assert form.cleaned_data["held_on"] == date(int(year), 2, 29)
    else:
        assert form.error_list() == [("id_held_on-day", "Date of the meeting must be a real date")]


def test_a_month_and_year_is_the_first_of_the_month():
    form = MonthForm({"month-month": "Mar", "month-year": "2026"})
    assert form.is_valid()
    assert form.cleaned_data["month"] == date(2026, 3, 1)
    assert errors({}, MonthForm) == [("id_month-month", "Enter the month the value is for")]
    assert errors({"month-month": "3"}, MonthForm) == [
        ("id_month-year", "Month must include a year")
    ]


def test_an_error_from_the_form_about_the_whole_date_marks_every_box():
    form = MeetingForm(typed("1", "2", "2026"))
    assert form.is_valid()
    form.add_error("held_on", "The date of the meeting must be in the past")
    assert form.error_list() == [("id_held_on-day", "The date of the meeting must be in the past")]
    assert _error_boxes(_render(form["held_on"])) == ["day", "month", "year"]


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _render(bound) -> list[tuple[str, dict[str, str]]]:
    parser = _Markup()
    parser.feed(render_to_string("includes/field.html", {"field": bound}))
    return parser.tags


def _error_boxes(tags) -> list[str]:
    return [
        attrs["id"].rsplit("-", 1)[1]
        for tag, attrs in tags
        if tag == "input" and "govuk-input--error" in attrs["class"].split()
    ]


def test_markup_is_gov_uk_frontends_date_input():
    html = render_to_string("includes/field.html", {"field": MeetingForm()["held_on"]})
    assert '<legend class="govuk-fieldset__legend">Date of the meeting</legend>' in html
    assert '<div id="id_held_on-hint" class="govuk-hint">For example, 27 3 2026.</div>' in html
    tags = _render(MeetingForm()["held_on"])
    fieldset = next(attrs for tag, attrs in tags if tag == "fieldset")
    assert fieldset == {
        "class": "govuk-fieldset",
        "role": "group",
        "aria-describedby": "id_held_on-hint",
    }
    assert ("div", {"class": "govuk-date-input", "id": "id_held_on"}) in tags
    inputs = [attrs for tag, attrs in tags if tag == "input"]
    assert inputs == [
        {
            "class": f"govuk-input govuk-date-input__input govuk-input--width-{width}",
            "id": f"id_held_on-{part}",
            "name": f"held_on-{part}",
            "type": "text",
            "inputmode": "numeric",
        }
        for part, width in (("day", 2), ("month", 2), ("year", 4))
    ]
    labels = [attrs["for"] for tag, attrs in tags if tag == "label"]
    assert labels == ["id_held_on-day", "id_held_on-month", "id_held_on-year"]
    assert html.count('class="govuk-label govuk-date-input__label"') == 3
    assert ">Day</label>" in html and ">Month</label>" in html and ">Year</label>" in html


def test_markup_of_an_error_marks_only_the_wrong_box_and_keeps_what_was_typed():
    form = MeetingForm(typed("27", "smarch", "2026"))
    assert not form.is_valid()
    html = render_to_string("includes/field.html", {"field": form["held_on"]})
    tags = _render(form["held_on"])
    assert ("div", {"class": "govuk-form-group govuk-form-group--error"}) in tags
    fieldset = next(attrs for tag, attrs in tags if tag == "fieldset")
    assert fieldset["aria-describedby"] == "id_held_on-hint id_held_on-error"
    assert (
        '<p id="id_held_on-error" class="govuk-error-message"><span class="govuk-visually-hidden">'
        "Error:</span> Date of the meeting must be a real date</p>"
    ) in html
    assert _error_boxes(tags) == ["month"]
    values = [attrs.get("value") for tag, attrs in tags if tag == "input"]
    assert values == ["27", "smarch", "2026"]


def test_an_initial_date_is_shown_in_its_boxes():
    form = MeetingForm(initial={"held_on": date(2026, 3, 7)})
    values = [attrs.get("value") for tag, attrs in _render(form["held_on"]) if tag == "input"]
    assert values == ["7", "3", "2026"]


def test_the_widget_alone_draws_the_same_boxes():
    html = str(MeetingForm(initial={"held_on": date(2026, 3, 7)})["held_on"])
    assert 'class="govuk-date-input" id="id_held_on"' in html
    assert 'name="held_on-month" type="text" value="3"' in html


def test_a_prefix_names_the_boxes():
    form = MeetingForm(prefix="meeting")
    tags = _render(form["held_on"])
    names = [attrs["name"] for tag, attrs in tags if tag == "input"]
    assert names == ["meeting-held_on-day", "meeting-held_on-month", "meeting-held_on-year"]
    bound = MeetingForm(
        {"meeting-held_on-day": "1", "meeting-held_on-month": "2", "meeting-held_on-year": "2026"},
        prefix="meeting",
    )
    assert bound.is_valid()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_any_real_date_round_trips_through_the_boxes(day):
    """What the boxes show for a date, posted back, is that date."""
    tags = _render(MeetingForm(initial={"held_on": day})["held_on"])
    posted = {attrs["name"]: attrs["value"] for tag, attrs in tags if tag == "input"}
    form = MeetingForm(posted)
    assert form.is_valid()
    assert form.cleaned_data["held_on"] == day


@given(st.integers(min_value=1, max_value=12))
def test_every_month_by_number_or_name(number):
    name = date(2026, number, 1).strftime("%B")
    assert month_number(name) == month_number(name[:3]) == month_number(str(number)) == number
    assert month_number(f"0{number}"[-2:]) == number
