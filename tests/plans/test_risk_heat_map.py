"""The risk register's 5×5 heat maps, and the register filtered to one of their cells."""

import re

import pytest
from django.urls import reverse

from tests.factories import PlanFactory, RiskFactory

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    rated = {"likelihood": 5, "impact_rating": 4}
    RiskFactory(plan=plan, title="Therapists leave", **rated, residual_likelihood=2)
    RiskFactory(
        plan=plan,
        title="Requests double",
        **rated,
        residual_likelihood=2,
        residual_impact_rating=3,
    )
    RiskFactory(plan=plan, title="Minibus breaks down", likelihood=1, impact_rating=1)
    RiskFactory(plan=plan, title="An old worry", **rated, status="closed")
    RiskFactory(plan=plan, title="Not yet assessed")
    return plan


def _cell(page, table_id, likelihood_row, impact_column):
    """The text of one heat map cell: rows run likelihood 5 to 1, columns impact 1 to 5."""
    table = page.split(f'id="heat-map-{table_id}"')[1].split("</table>")[0]
    rows = table.split("<tbody")[1].split("<tr")[1:]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[5 - likelihood_row], re.S)
    return cells[impact_column - 1]


def test_the_heat_maps_count_open_risks_with_headings_and_band_words(
    client_for, members, partnership, plan
):
    page = client_for(members["viewer"]).get(url("risk_register", partnership, plan_id=plan.pk))
    html = page.content.decode()
    assert "Open risks by likelihood and impact, before mitigation</caption>" in html
    assert "Open risks by likelihood and impact, once mitigated</caption>" in html
    assert '<th scope="row" class="govuk-table__header">Likelihood 5 – Almost certain</th>' in html
    assert "Impact 1 – Minimal</span></th>" in html
    very_high = _cell(html, "current", 5, 4)
    assert 'href="?likelihood=5&amp;impact=4#risks"' in very_high  # the closed one not counted
    assert ">2<" in very_high and "Very high" in very_high
    assert "app-heat-map__cell--very_high" in html
    low = _cell(html, "current", 1, 1)
    assert ">1<" in low and "Low" in low
    assert "href" not in _cell(html, "current", 3, 3) and "High" in _cell(html, "current", 3, 3)
    once_mitigated = _cell(html, "residual", 2, 3)
    assert 'href="?likelihood=2&amp;impact=3&amp;scores=residual#risks"' in once_mitigated
    assert "Medium" in once_mitigated
    assert "1 open risk is not yet rated for both likelihood and impact before" in html
    assert "3 open risks are not yet rated for both likelihood and impact once" in html


def test_a_heat_map_cell_filters_the_register_to_its_risks(client_for, members, partnership, plan):
    client = client_for(members["viewer"])
    register = url("risk_register", partnership, plan_id=plan.pk)
    html = client.get(register, {"likelihood": 5, "impact": 4}).content.decode()
    listed = html.split('id="risks"')[1]
    assert "Therapists leave" in listed and "Requests double" in listed
    assert "Minibus breaks down" not in listed and "An old worry" not in listed
    assert "Open risks with likelihood 5 – Almost certain and impact 4 – Major" in listed
    assert "before mitigation (2)" in listed and "Show every risk" in listed

    residual = client.get(register, {"likelihood": 2, "impact": 3, "scores": "residual"})
    listed = residual.content.decode().split('id="risks"')[1]
    assert "Requests double" in listed and "Therapists leave" not in listed
    assert "once mitigated (1)" in listed

    empty = client.get(register, {"likelihood": 3, "impact": 3}).content.decode()
    assert "No open risk has these ratings." in empty


@pytest.mark.parametrize("query", [{"likelihood": 9, "impact": 4}, {"likelihood": "x"}, {}])
def test_a_filter_the_heat_map_cannot_give_shows_every_risk(
    client_for, members, partnership, plan, query
):
    page = client_for(members["viewer"]).get(
        url("risk_register", partnership, plan_id=plan.pk), query
    )
    listed = page.content.decode().split('id="risks"')[1]
    assert "Every risk (5)" in listed and "An old worry" in listed and "Not scored" in listed


def test_the_register_shows_each_score_with_its_band(client_for, members, partnership, plan):
    page = client_for(members["viewer"]).get(url("risk_register", partnership, plan_id=plan.pk))
    listed = page.content.decode().split('id="risks"')[1]
    assert "20 very high" in listed and "likelihood 5 × impact 4" in listed
    assert "6 medium" in listed and "1 low" in listed
