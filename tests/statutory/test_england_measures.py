"""Every authority's measures at once (selectors.england.england_measures and `sendtrack
england-measures`): each partnership's figures must be exactly those its own measures page
shows, and the number of queries must not grow with the number of partnerships."""

import csv
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendtrack.domain.statutory import Rate
from sendtrack.statutory.models import StatutoryArea
from sendtrack.statutory.selectors.england import england_measures
from sendtrack.statutory.selectors.measures import MEASURES, timeliness_measures
from tests.factories import PartnershipFactory
from tests.statutory.test_measures_database import YEARS, make_cases

pytestmark = pytest.mark.django_db

AREAS = [
    ("Ashvale", "E92000101", "North West"),
    ("Brookmere", "E92000102", "North West"),
    ("Cobbleton", "E92000103", "South West"),
]


def authority(n, name=None, code="", region="", cases=(150, 150, 100)):
    partnership = PartnershipFactory(slug=f"authority-{n}", name=f"{name or n} SEND Partnership")
    if name:
        StatutoryArea.objects.create(
            partnership=partnership, la_code=code, la_name=name, region_name=region
        )
    assessments, reviews, transfers = cases
    make_cases(
        partnership,
        random.Random(1000 + n),
        assessments=assessments,
        reviews=reviews,
        transfers=transfers,
    )
    return partnership


@pytest.fixture
def authorities():
    return [authority(n, *area) for n, area in enumerate(AREAS)]


def rates(row):
    return {name: row.rate(name) for name, _ in MEASURES}


@pytest.mark.parametrize("year", YEARS)
def test_each_authority_has_the_figures_of_its_own_measures_page(authorities, year):
    found = {a.partnership.pk: a for a in england_measures(year)}
    for partnership in authorities:
        assert rates(found[partnership.pk].measures) == rates(
            timeliness_measures(partnership, year).total
        )
    # Guard against a set that cannot tell the partnerships apart or has no exceptions.
    assert len({str(rates(found[p.pk].measures)) for p in authorities}) == len(authorities)
    assert any(
        found[p.pk].measures.new_plans_ex.denominator
        < found[p.pk].measures.new_plans_inc.denominator
        for p in authorities
    )


def test_each_authority_is_named_by_its_place_in_the_dfe_statistics(authorities):
    listed = england_measures(2024)
    assert [(a.la_name, a.la_code, a.region_name) for a in listed] == sorted(AREAS)


def test_lists_authorities_with_a_dfe_area_or_cases_in_the_year():
    quiet = PartnershipFactory(slug="quiet", name="Quiet SEND Partnership")
    StatutoryArea.objects.create(partnership=quiet, la_code="E92000109", la_name="Quietshire")
    PartnershipFactory(slug="plans-only", name="Plans Only Partnership")
    unnamed = authority(7)
    listed = {a.partnership.slug: a for a in england_measures(2024)}
    assert set(listed) == {"quiet", unnamed.slug}
    assert rates(listed["quiet"].measures) == {name: Rate(0, 0) for name, _ in MEASURES}
    assert listed[unnamed.slug].la_name == unnamed.name


def queries_for_every_authority(year):
    with CaptureQueriesContext(connection) as captured:
        england_measures(year)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_number_of_authorities():
    small = (20, 20, 20)
    authority(1, "Ashvale", "E92000101", cases=small)
    two = queries_for_every_authority(2024)
    for n in range(2, 7):
        authority(n, f"Area {n}", f"E9200020{n}", cases=small)
    assert queries_for_every_authority(2024) == two == 5  # four measure kinds, the names


def command_csv(year):
    out = io.StringIO()
    call_command("england_measures", "--year", str(year), "--csv", stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_the_command_writes_the_dfe_columns_with_an_england_total(authorities):
    rows = command_csv(2024)
    national, *las = rows
    assert national["geographic_level"] == "National"
    assert [r["new_la_code"] for r in las] == sorted(code for _, code, _ in AREAS)
    for column in ["tot_inc_exc_ehc", "inc_exc_20week_ehc", "tot_reviews_12month"]:
        assert int(national[column]) == sum(int(r[column]) for r in las) > 0
    by_code = {a.la_code: a.measures for a in england_measures(2024)}
    for row in las:
        own = by_code[row["new_la_code"]]
        assert int(row["tot_no_exc_ehc"]) == own.new_plans_ex.denominator
        assert int(row["no_exc_20week_ehc"]) == own.new_plans_ex.numerator
        assert row["no_exc_20week_rate"] + "%" == own.new_plans_ex.display()
        assert int(row["transfers_by_deadline"]) == own.transfers.numerator


def test_the_command_marks_a_rate_with_no_cases_not_applicable():
    quiet = PartnershipFactory(slug="quiet", name="Quiet SEND Partnership")
    StatutoryArea.objects.create(partnership=quiet, la_code="E92000109", la_name="Quietshire")
    (national, quietshire) = command_csv(2024)
    assert quietshire["la_name"] == "Quietshire"
    assert quietshire["tot_inc_exc_ehc"] == "0"
    assert quietshire["inc_exc_20week_rate"] == "z"


def test_the_command_prints_a_readable_table(authorities):
    out = io.StringIO()
    call_command("england_measures", "--year", "2024", stdout=out)
    text = out.getvalue()
    assert "Timeliness measures for 2024: 3 authorities" in text
    assert "Brookmere (E92000102)" in text
    assert str(england_measures(2024)[1].measures.reviews) in text


def test_the_command_refuses_a_year_before_the_statistics():
    with pytest.raises(CommandError, match="calendar year"):
        call_command("england_measures", "--year", "24")
