"""Linking an indicator to the sections, findings and actions it evidences."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sendtrack.indicators import services
from sendtrack.indicators.models import Indicator
from tests.factories import (
    ActionFactory,
    FindingFactory,
    PartnershipFactory,
    PlanFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def indicator_data(**extra):
    return {
        "name": "Families who know what support there is",
        "kind": "better_off",
        "unit": "%",
        "direction": "higher",
        "target_value": "70",
        "source": "manual",
        **extra,
    }


@pytest.fixture
def plan(partnership):
    """A plan with two sections, a finding, referenced actions and one without a reference."""
    plan = PlanFactory(partnership=partnership, title="Written statement of action")
    local_offer = SectionFactory(plan=plan, ref="1", title="Workstream 1 – Local Offer")
    SectionFactory(plan=plan, ref="2", title="Workstream 2 – Timeliness")
    FindingFactory(plan=plan, ref="W1", text="Families cannot find the Local Offer")
    for ref in ("1.1", "1.2", "3.4"):
        ActionFactory(plan=plan, section=local_offer, ref=ref, text=f"Do the work of {ref}")
    ActionFactory(plan=plan, ref=None, text="Hold a parents' drop-in every month")
    return plan


def test_a_manager_links_sections_findings_and_actions_and_the_page_lists_them(
    client_for, partnership, members, plan
):
    client = client_for(members["programme_manager"])
    form = client.get(url("indicator_add", partnership)).content.decode()
    assert "Workstream 1 – Local Offer" in form and "W1: Families cannot find" in form
    assert "Actions without a reference (1)" in form

    section = plan.sections.get(ref="1")
    finding = plan.findings.get()
    loose = plan.actions.get(ref=None)
    response = client.post(
        url("indicator_add", partnership),
        indicator_data(
            sections=[section.pk],
            findings=[finding.pk],
            **{f"actions_{plan.pk}": " 1.2,3.4 ; 1.2", f"unreferenced_{plan.pk}": [loose.pk]},
        ),
    )
    assert response.status_code == 302, response.content.decode()
    indicator = Indicator.objects.get()
    assert list(indicator.sections.all()) == [section]
    assert list(indicator.findings.all()) == [finding]
    assert sorted(a.ref or "" for a in indicator.actions.all()) == ["", "1.2", "3.4"]

    page = client.get(url("indicator_detail", partnership, indicator_id=indicator.pk))
    html = page.content.decode()
    action = plan.actions.get(ref="3.4")
    assert url("action_detail", partnership, action_id=action.pk) in html
    assert url("finding_detail", partnership, finding_id=finding.pk) in html
    assert f"{url('plan_detail', partnership, plan_id=plan.pk)}?section={section.pk}" in html
    assert "Hold a parents&#x27; drop-in every month" in html


def test_the_change_page_shows_the_links_and_saving_replaces_them(
    client_for, partnership, members, plan
):
    indicator = services.create_indicator(
        partnership=partnership,
        user=None,
        links={"actions": list(plan.actions.filter(ref__in=["1.1", "3.4"]))},
        **{k: v for k, v in indicator_data(target_value=Decimal("70")).items()},
    )
    client = client_for(members["programme_manager"])
    form = client.get(url("indicator_edit", partnership, indicator_id=indicator.pk))
    assert 'value="1.1, 3.4"' in form.content.decode()

    data = indicator_data(version=str(indicator.version), **{f"actions_{plan.pk}": "1.2"})
    response = client.post(url("indicator_edit", partnership, indicator_id=indicator.pk), data)
    assert response.status_code == 302
    assert [a.ref for a in indicator.actions.all()] == ["1.2"]


def test_unknown_references_are_refused_with_each_one_named(client_for, partnership, members, plan):
    client = client_for(members["programme_manager"])
    response = client.post(
        url("indicator_add", partnership),
        indicator_data(**{f"actions_{plan.pk}": "1.1, 9.9, 1.7"}),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Written statement of action has no actions 9.9 or 1.7" in html
    assert f'href="#id_actions_{plan.pk}"' in html
    assert 'value="1.1, 9.9, 1.7"' in html  # what they typed is kept to correct
    assert not Indicator.objects.exists()


def test_another_partnerships_items_cannot_be_linked(client_for, partnership, members, plan):
    other_plan = PlanFactory(partnership=PartnershipFactory(), title="Elsewhere")
    other_section = SectionFactory(plan=other_plan)
    other_finding = FindingFactory(plan=other_plan)
    other_loose = ActionFactory(plan=other_plan, ref=None)
    ActionFactory(plan=other_plan, ref="7.7")
    client = client_for(members["programme_manager"])

    form = client.get(url("indicator_add", partnership)).content.decode()
    assert "Elsewhere" not in form and other_section.title not in form

    for field, value in [
        ("sections", other_section.pk),
        ("findings", other_finding.pk),
        (f"unreferenced_{plan.pk}", other_loose.pk),
    ]:
        response = client.post(url("indicator_add", partnership), indicator_data(**{field: value}))
        assert response.status_code == 200 and "There is a problem" in response.content.decode()
    # A reference field for another partnership's plan is not a field of this form at all,
    # and this partnership's plan has no action 7.7.
    response = client.post(
        url("indicator_add", partnership),
        indicator_data(**{f"actions_{other_plan.pk}": "7.7", f"actions_{plan.pk}": "7.7"}),
    )
    assert "Written statement of action has no action 7.7" in response.content.decode()
    assert not Indicator.objects.exists()

    with pytest.raises(services.NotInPartnership):
        services.create_indicator(
            partnership=partnership,
            user=None,
            links={"sections": [other_section.pk]},
            name="Direct",
            kind="how_much",
        )
    assert not Indicator.objects.exists()


def test_link_changes_are_kept_in_the_history_with_who_made_them(
    client_for, partnership, members, plan
):
    indicator = services.create_indicator(
        partnership=partnership, user=None, name="Drop-in visits", kind="how_much"
    )
    client = client_for(members["programme_manager"])
    data = indicator_data(
        name="Drop-in visits", version=str(indicator.version), **{f"actions_{plan.pk}": "1.1"}
    )
    client.post(url("indicator_edit", partnership, indicator_id=indicator.pk), data)
    latest = indicator.history.latest()
    assert latest.history_user == members["programme_manager"]
    assert [row.action.ref for row in latest.actions.all()] == ["1.1"]
    before = latest.prev_record
    assert before is not None and not before.actions.exists()


def test_a_stale_edit_names_the_links_someone_else_changed(client_for, partnership, members, plan):
    indicator = services.create_indicator(
        partnership=partnership, user=None, name="Drop-in visits", kind="how_much"
    )
    services.update_indicator(
        indicator_id=indicator.pk,
        user=members["administrator"],
        expected_version=indicator.version,
        changes={},
        links={"actions": list(plan.actions.filter(ref="3.4"))},
    )
    client = client_for(members["programme_manager"])
    data = indicator_data(version=str(indicator.version), **{f"actions_{plan.pk}": "1.1"})
    html = client.post(url("indicator_edit", partnership, indicator_id=indicator.pk), data)
    html = html.content.decode()
    assert "someone else changed this" in html and "Linked actions" in html and "3.4" in html
    assert [a.ref for a in indicator.actions.all()] == ["3.4"]


def test_the_form_reads_its_choices_in_a_fixed_number_of_queries(
    partnership, plan, django_assert_max_num_queries
):
    from sendtrack.indicators.selectors import link_choices

    for n in range(3):
        other = PlanFactory(partnership=partnership)
        SectionFactory(plan=other)
        ActionFactory(plan=other, ref=f"{n}.1")
    with django_assert_max_num_queries(5):
        plans = link_choices(partnership)
    assert len(plans) == 4


def test_a_plans_indicators_can_be_read_as_they_stood_at_the_end_of_a_month(partnership, plan):
    from datetime import date

    from sendtrack.indicators.selectors import indicators_for_plan

    indicator = services.create_indicator(
        partnership=partnership,
        user=None,
        links={"sections": list(plan.sections.all()[:1])},
        name="Drop-in visits",
        kind="how_much",
    )
    for month, value in [(3, 10), (4, 12), (5, 20)]:
        services.record_value(
            indicator_id=indicator.pk,
            user=None,
            period=date(2026, month, 1),
            expected_version=None,
            value=Decimal(value),
        )
    [april] = indicators_for_plan(plan, until=date(2026, 4, 30))
    assert (april.latest.value, april.previous.value) == (Decimal(12), Decimal(10))
    [now] = indicators_for_plan(plan)
    assert now.latest.value == Decimal(20)
