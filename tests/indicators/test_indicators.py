from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from sendtrack.indicators import registry, services
from sendtrack.indicators.models import Indicator, IndicatorValue
from tests.date_input import month_input
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def make_indicator(partnership, **fields):
    defaults = {
        "name": "Children with a plan issued within 20 weeks",
        "kind": "how_well",
        "unit": "%",
        "direction": "higher",
        "target_value": Decimal("60"),
        "amber_at": Decimal("50"),
    }
    return services.create_indicator(partnership=partnership, user=None, **{**defaults, **fields})


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def test_a_manager_adds_an_indicator_and_enters_values(client_for, partnership, members):
    client = client_for(members["programme_manager"])
    response = client.post(
        url("indicator_add", partnership),
        {
            "name": "Parents who say they were listened to",
            "kind": "better_off",
            "unit": "%",
            "direction": "higher",
            "target_value": "75",
            "amber_at": "60",
            "source": "manual",
        },
    )
    indicator = Indicator.objects.get(partnership=partnership)
    assert response.status_code == 302
    for period, value in [("2026-01", "55"), ("2026-02", "65"), ("2026-03", "80")]:
        response = client.post(
            url("indicator_value", partnership, indicator_id=indicator.pk),
            {**month_input(period), "value": value, "national": "70"},
        )
        assert response.status_code == 302, response.content
    values = list(indicator.values.order_by("period").values_list("value", flat=True))
    assert values == [Decimal("55"), Decimal("65"), Decimal("80")]
    latest = indicator.values.get(period=date(2026, 3, 1))
    assert latest.entered_by == members["programme_manager"]
    assert latest.history.first().history_user == members["programme_manager"]

    page = client.get(url("indicator_detail", partnership, indicator_id=indicator.pk)).content
    page = page.decode()
    assert 'role="img"' in page and '<title id="chart-title">' in page
    assert '<desc id="chart-desc">' in page and "55% in Jan 2026" in page
    assert "values by month</caption>" in page and 'scope="row"' in page
    assert "Improving" in page and "govuk-tag--green" in page

    listing = client.get(url("indicator_list", partnership)).content.decode()
    assert "Parents who say they were listened to" in listing

    csv = client.get(url("indicator_export", partnership, indicator_id=indicator.pk, fmt="csv"))
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("Indicator,Question,Month,Value")
    assert "2026-03,80.00,%" in lines[3] and lines[3].endswith(",green,")


def test_counts_give_the_value(client_for, partnership, members):
    indicator = make_indicator(partnership)
    client = client_for(members["administrator"])
    client.post(
        url("indicator_value", partnership, indicator_id=indicator.pk),
        {**month_input("2026-04"), "numerator": "3", "denominator": "4"},
    )
    value = indicator.values.get()
    assert (value.value, value.numerator, value.denominator) == (Decimal("75.00"), 3, 4)


def test_form_errors_use_the_error_summary(client_for, partnership, members):
    indicator = make_indicator(partnership)
    client = client_for(members["programme_manager"])
    response = client.post(
        url("indicator_value", partnership, indicator_id=indicator.pk),
        {"period-month": "Smarch", "period-year": "2026", "numerator": "5"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_period-month">Month the value is for must be a real date</a>' in page
    assert "Enter both counts, or neither" in page


def test_a_month_is_typed_as_month_and_year_and_a_correction_opens_with_it(
    client_for, partnership, members
):
    indicator = make_indicator(partnership)
    client = client_for(members["programme_manager"])
    value_url = url("indicator_value", partnership, indicator_id=indicator.pk)
    empty = client.post(value_url, {"value": "5"}).content.decode()
    assert '<a href="#id_period-month">Enter the month the value is for</a>' in empty
    no_year = client.post(value_url, {"period-month": "4", "value": "5"}).content.decode()
    assert '<a href="#id_period-year">Month the value is for must include a year</a>' in no_year
    response = client.post(
        value_url, {"period-month": "April", "period-year": "2026", "value": "5"}
    )
    assert response.status_code == 302
    assert indicator.values.get().period == date(2026, 4, 1)
    correction = client.get(value_url, {"period": "2026-04"}).content.decode()
    assert 'name="period-month" type="text" value="4"' in correction
    assert 'name="period-year" type="text" value="2026"' in correction
    assert 'name="period-day"' not in correction


def test_a_stale_correction_is_refused(client_for, partnership, members):
    indicator = make_indicator(partnership)
    first = services.record_value(
        indicator_id=indicator.pk,
        user=None,
        period=date(2026, 1, 1),
        expected_version=None,
        value=Decimal("40"),
    )
    services.record_value(
        indicator_id=indicator.pk,
        user=members["administrator"],
        period=date(2026, 1, 1),
        expected_version=first.version,
        value=Decimal("45"),
    )
    client = client_for(members["programme_manager"])
    response = client.post(
        url("indicator_value", partnership, indicator_id=indicator.pk),
        {"version": str(first.version), **month_input("2026-01"), "value": "50"},
    )
    assert response.status_code == 200
    assert "someone else changed this" in response.content.decode()
    assert indicator.values.get().value == Decimal("45")


def test_entering_a_month_that_already_has_a_value_needs_its_version(partnership):
    indicator = make_indicator(partnership)
    services.record_value(
        indicator_id=indicator.pk,
        user=None,
        period=date(2026, 1, 1),
        expected_version=None,
        value=Decimal("40"),
    )
    with pytest.raises(services.StaleEdit):
        services.record_value(
            indicator_id=indicator.pk,
            user=None,
            period=date(2026, 1, 15),
            expected_version=None,
            value=Decimal("41"),
        )


def test_a_new_month_someone_else_entered_first_is_refused_and_says_so(
    client_for, partnership, members
):
    """Two people open "Enter a value" for a new month; the second is told, not ignored."""
    indicator = make_indicator(partnership)
    admin = members["administrator"]
    admin.first_name, admin.last_name = "Ada", "Admin"
    admin.save()
    services.record_value(
        indicator_id=indicator.pk,
        user=admin,
        period=date(2026, 1, 1),
        expected_version=None,
        value=Decimal("40"),
    )
    client = client_for(members["programme_manager"])
    response = client.post(
        url("indicator_value", partnership, indicator_id=indicator.pk),
        {"version": "", **month_input("2026-01"), "value": "50"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your change was not saved" in page
    assert "Ada Admin entered a value for January 2026" in page
    assert indicator.values.get().value == Decimal("40")


def test_editing_an_indicator_is_version_checked(client_for, partnership, members):
    indicator = make_indicator(partnership)
    services.update_indicator(
        indicator_id=indicator.pk, user=None, expected_version=1, changes={"name": "Renamed"}
    )
    client = client_for(members["programme_manager"])
    data = {
        "version": "1",
        "name": "Mine",
        "kind": "how_well",
        "unit": "%",
        "direction": "higher",
        "source": "manual",
    }
    response = client.post(url("indicator_edit", partnership, indicator_id=indicator.pk), data)
    assert "someone else changed this" in response.content.decode()
    data["version"] = "2"
    response = client.post(url("indicator_edit", partnership, indicator_id=indicator.pk), data)
    assert response.status_code == 302
    assert Indicator.objects.get().name == "Mine"


def test_another_partnerships_indicator_is_not_found(client_for, partnership, members):
    other = make_indicator(PartnershipFactory())
    client = client_for(members["administrator"])
    assert (
        client.get(url("indicator_detail", partnership, indicator_id=other.pk)).status_code == 404
    )
    assert other.name not in client.get(url("indicator_list", partnership)).content.decode()


def test_the_statutory_measures_are_registered():
    keys = set(registry.registered())
    assert {
        "statutory.new_plans_20_weeks",
        "statutory.decisions_6_weeks",
        "statutory.reviews_12_months",
    } <= keys


def test_compute_indicators_works_without_statutory_data(partnership, capsys):
    indicator = make_indicator(partnership, source="statutory.new_plans_20_weeks")
    manual = make_indicator(partnership, name="Entered by hand")
    call_command("compute_indicators", "--period", "2026-02")
    value = IndicatorValue.objects.get(indicator=indicator)
    assert value.period == date(2026, 2, 1)
    assert value.computed and value.value is None and (value.numerator, value.denominator) == (0, 0)
    assert not manual.values.exists()
    call_command("compute_indicators", "--period", "2026-02")  # run again: replaced, not refused
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 1
    assert "Stored 1 value for February 2026" in capsys.readouterr().out


def test_a_module_can_register_its_own_indicator(partnership):
    registry.register("test.constant", "Always 3 of 4", lambda p, s, e: (3, 4))
    try:
        indicator = make_indicator(partnership, source="test.constant")
        value = services.store_computed(
            indicator=indicator, period=date(2026, 5, 1), end=date(2026, 5, 31)
        )
        assert value.value == Decimal("75.00")
    finally:
        registry._REGISTRY.pop("test.constant")


def test_dashboard_queries_do_not_grow_with_indicators(partnership, django_assert_max_num_queries):
    from sendtrack.indicators.selectors import dashboard

    for n in range(5):
        indicator = make_indicator(partnership, name=f"Indicator {n}")
        services.record_value(
            indicator_id=indicator.pk,
            user=None,
            period=date(2026, 1, 1),
            expected_version=None,
            value=Decimal(n),
        )
    with django_assert_max_num_queries(2):
        summaries = dashboard(partnership)
    assert len(summaries) == 5


def test_every_indicators_values_download_as_one_long_table(client_for, partnership, members):
    import io

    from openpyxl import load_workbook

    waiting = make_indicator(partnership, name="Weeks waiting for a therapy assessment")
    listened = make_indicator(partnership, name="=Parents who felt listened to", kind="better_off")
    elsewhere = make_indicator(PartnershipFactory(), name="Another area's indicator")
    for indicator, values in [(waiting, [12, 10]), (listened, [70]), (elsewhere, [1])]:
        for month, value in enumerate(values, start=1):
            IndicatorValue.objects.create(
                partnership=indicator.partnership,
                indicator=indicator,
                period=date(2026, month, 1),
                value=Decimal(value),
            )
    client = client_for(members["viewer"])
    response = client.get(url("indicator_list_export", partnership, fmt="xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="indicators.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Indicator", "Question", "Month", "Value"]
    assert sorted((r[0], r[2], r[3]) for r in rows[1:]) == [
        ("'=Parents who felt listened to", "2026-01", 70),
        ("Weeks waiting for a therapy assessment", "2026-01", 12),
        ("Weeks waiting for a therapy assessment", "2026-02", 10),
    ]
    page = client.get(url("indicator_list", partnership)).content.decode()
    assert url("indicator_list_export", partnership, fmt="csv") in page
