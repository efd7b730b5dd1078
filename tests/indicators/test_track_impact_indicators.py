"""A plan's section impact indicators are shown under their sections on the plan page, and a
programme manager turns one into a tracked indicator in one step."""

import pytest
from django.urls import reverse

from sendtrack.indicators import services
from sendtrack.indicators.models import Indicator
from sendtrack.indicators.selectors import link_choices
from sendtrack.plans import services as plan_services
from sendtrack.plans.models import ImpactIndicator
from sendtrack.plans.storage import load_plan
from tests.factories import FindingFactory, PartnershipFactory, PlanFactory, SectionFactory
from tests.plans.test_plan_json import synthetic_plan

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def plan(partnership):
    return load_plan(synthetic_plan(), partnership=partnership)


def test_the_plan_page_shows_impact_indicators_under_their_sections(
    client_for, partnership, plan, members
):
    page = client_for(members["viewer"]).get(url("plan_detail", partnership, plan_id=plan.pk))
    text = page.content.decode()
    assert "Impact indicators" in text
    how_much, better_off, whole_plan = ImpactIndicator.objects.filter(plan=plan)
    assert text.index(how_much.section.title) < text.index(how_much.text)
    assert text.index(better_off.section.title) < text.index(better_off.text)
    assert "The whole plan" in text and whole_plan.text in text
    assert "Track this indicator" not in text  # viewers read, only managers track


def test_track_this_indicator_makes_one_tracked_indicator_linked_to_its_section(
    client_for, partnership, plan, members
):
    manager = members["programme_manager"]
    impact = ImpactIndicator.objects.filter(plan=plan, section__isnull=False).first()
    client = client_for(manager)
    plan_page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    track = url("indicator_track", partnership, impact_id=impact.pk)
    assert f'action="{track}"' in plan_page and "Track this indicator" in plan_page

    response = client.post(track)
    indicator = Indicator.objects.get(impact_indicator=impact)
    assert response["Location"] == url("indicator_detail", partnership, indicator_id=indicator.pk)
    assert indicator.name == impact.text and indicator.kind == impact.kind
    assert list(indicator.sections.all()) == [impact.section]
    assert indicator.history.latest().history_user == manager

    client.post(track)  # pressed twice: still one
    assert Indicator.objects.filter(impact_indicator=impact).count() == 1
    plan_page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Tracked as" in plan_page
    assert url("indicator_detail", partnership, indicator_id=indicator.pk) in plan_page


def test_a_long_impact_indicator_with_no_question_is_named_short_and_kept_whole(
    partnership, members
):
    plan = PlanFactory(partnership=partnership)
    section = SectionFactory(plan=plan)
    text = "The Local Offer is compliant and families say it helps them. " * 8
    impact = ImpactIndicator.objects.create(
        partnership=partnership, plan=plan, section=section, text=text
    )
    indicator, new = services.track_impact_indicator(
        partnership=partnership, impact_id=impact.pk, user=members["programme_manager"]
    )
    assert new and len(indicator.name) == 300 and indicator.name.endswith("…")
    assert indicator.description == " ".join(text.split())
    assert indicator.kind == "better_off"


def test_another_partnerships_impact_indicator_cannot_be_tracked(partnership, members):
    elsewhere = PartnershipFactory(slug="elsewhere")
    their_plan = PlanFactory(partnership=elsewhere)
    impact = ImpactIndicator.objects.create(partnership=elsewhere, plan=their_plan, text="x")
    with pytest.raises(ImpactIndicator.DoesNotExist):
        services.track_impact_indicator(
            partnership=partnership, impact_id=impact.pk, user=members["programme_manager"]
        )
    assert not Indicator.objects.exists()


def test_an_archived_finding_is_not_offered_to_link_an_indicator(partnership, members):
    plan = PlanFactory(partnership=partnership)
    kept, archived = FindingFactory(plan=plan), FindingFactory(plan=plan)
    plan_services.archive_finding(
        partnership=partnership,
        finding_id=archived.pk,
        user=members["programme_manager"],
        expected_version=archived.version,
    )
    offered = [pk for group in link_choices(partnership) for pk, _ in group.findings]
    assert offered == [kept.pk]
