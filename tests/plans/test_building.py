"""A programme manager builds a plan in the app: starts it empty, adds and arranges its
sections, adds and moves actions, records milestones and adds scored risks. Every change is
kept in the history with who made it, a stale change is refused, and no service touches
another partnership's records."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.core.editing import StaleEdit
from sendtrack.plans import services
from sendtrack.plans.models import Action, Milestone, Plan, Risk, Section
from tests.date_input import date_input
from tests.factories import (
    ActionFactory,
    MilestoneFactory,
    PartnershipFactory,
    PlanFactory,
    RiskFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def manager(members):
    return members["programme_manager"]


@pytest.fixture
def plan(partnership):
    return PlanFactory(partnership=partnership, title="Northdale improvement plan")


def add(partnership, plan, manager, title, **kwargs):
    return services.add_section(
        partnership=partnership, plan_id=plan.pk, user=manager, title=title, **kwargs
    )


def who_changed(record):
    return record.history.order_by("-history_date").first().history_user


# Services


def test_a_plan_starts_empty_and_its_history_says_who_started_it(partnership, manager):
    plan = services.start_plan(
        partnership=partnership,
        user=manager,
        title="Local area SEND improvement plan",
        kind="improvement_plan",
        as_at=date(2026, 4, 1),
    )
    assert plan.partnership == partnership and plan.as_at_raw == "1 April 2026"
    assert not plan.sections.exists() and not plan.actions.exists()
    assert who_changed(plan) == manager


def test_sections_are_added_in_order_at_the_top_level_or_under_a_parent(partnership, plan, manager):
    one = add(partnership, plan, manager, "Workstream 1 – Identification", ref="1")
    two = add(partnership, plan, manager, "Workstream 2 – Preparing for adulthood", ref="2")
    inner = add(partnership, plan, manager, "Objective 1.1", parent_id=one.pk)
    assert inner.parent == one and one.position < two.position
    assert who_changed(inner) == manager


def test_moving_a_section_swaps_it_with_its_neighbour_and_stops_at_the_ends(
    partnership, plan, manager
):
    one = add(partnership, plan, manager, "One")
    two = add(partnership, plan, manager, "Two")
    add(partnership, plan, manager, "Inside one", parent_id=one.pk)
    moved = services.move_section(
        partnership=partnership,
        section_id=two.pk,
        user=manager,
        expected_version=two.version,
        direction="up",
    )
    assert moved
    assert [s.title for s in plan.sections.filter(parent=None).order_by("position")] == [
        "Two",
        "One",
    ]
    two.refresh_from_db()
    assert not services.move_section(
        partnership=partnership,
        section_id=two.pk,
        user=manager,
        expected_version=two.version,
        direction="up",
    )


def test_a_section_is_archived_only_when_nothing_live_is_in_it(partnership, plan, manager):
    section = add(partnership, plan, manager, "Workstream 1")
    action = ActionFactory(plan=plan, section=section)
    with pytest.raises(services.SectionNotEmpty, match="actions"):
        services.archive_section(
            partnership=partnership, section_id=section.pk, user=manager, expected_version=1
        )
    action.archived_at = timezone.now()
    action.save()
    archived = services.archive_section(
        partnership=partnership, section_id=section.pk, user=manager, expected_version=1
    )
    assert archived.archived_at and Section.objects.filter(pk=section.pk).exists()
    assert who_changed(archived) == manager


def test_a_stale_section_change_is_refused_saying_what_changed(partnership, plan, manager, members):
    section = add(partnership, plan, manager, "Workstream 1")
    services.update_section(
        partnership=partnership,
        section_id=section.pk,
        user=members["administrator"],
        expected_version=1,
        changes={"title": "Workstream 1 – Early help"},
    )
    with pytest.raises(StaleEdit) as refused:
        services.update_section(
            partnership=partnership,
            section_id=section.pk,
            user=manager,
            expected_version=1,
            changes={"title": "Workstream 1 – Identification"},
        )
    assert [c.now for c in refused.value.changes] == ["Workstream 1 – Early help"]
    section.refresh_from_db()
    assert section.title == "Workstream 1 – Early help"


def test_an_action_is_added_to_a_section_and_moved_to_another_with_its_history(
    partnership, plan, manager
):
    one = add(partnership, plan, manager, "Workstream 1")
    two = add(partnership, plan, manager, "Workstream 2")
    inner = add(partnership, plan, manager, "Objective 2.1", parent_id=two.pk)
    due = timezone.localdate() + timedelta(days=60)
    action = services.add_action(
        partnership=partnership,
        section_id=one.pk,
        user=manager,
        text="Publish the Local Offer",
        ref="1.1",
        owner_raw="Head of SEND",
        due=due,
        status="not_started",
    )
    assert (action.plan, action.section, action.due, action.due_precision) == (
        plan,
        one,
        due,
        "day",
    )
    moved = services.move_action(
        partnership=partnership,
        action_id=action.pk,
        user=manager,
        expected_version=action.version,
        section_id=inner.pk,
    )
    assert moved.section == inner and moved.section_path == "Workstream 2 / Objective 2.1"
    assert moved.history.count() == 2 and who_changed(moved) == manager
    with pytest.raises(StaleEdit):
        services.move_action(
            partnership=partnership,
            action_id=action.pk,
            user=manager,
            expected_version=action.version,
            section_id=one.pk,
        )


def test_a_milestone_is_recorded_achieved_or_missed_with_the_date(partnership, plan, manager):
    milestone = services.add_milestone(
        partnership=partnership, plan_id=plan.pk, user=manager, text="Local Offer relaunched"
    )
    achieved = services.record_milestone(
        partnership=partnership,
        milestone_id=milestone.pk,
        user=manager,
        expected_version=milestone.version,
        achieved=True,
        on=date(2026, 3, 31),
    )
    assert (achieved.achieved_on, achieved.missed_on) == (date(2026, 3, 31), None)
    missed = services.record_milestone(
        partnership=partnership,
        milestone_id=milestone.pk,
        user=manager,
        expected_version=achieved.version,
        achieved=False,
        on=date(2026, 4, 2),
    )
    assert (missed.achieved_on, missed.missed_on) == (None, date(2026, 4, 2))
    assert who_changed(missed) == manager
    with pytest.raises(StaleEdit):
        services.record_milestone(
            partnership=partnership,
            milestone_id=milestone.pk,
            user=manager,
            expected_version=achieved.version,
            achieved=True,
            on=date(2026, 4, 3),
        )


def test_a_risk_is_added_with_its_score_and_residual_score(partnership, plan, manager):
    risk = services.add_risk(
        partnership=partnership,
        plan_id=plan.pk,
        user=manager,
        fields={
            "title": "Not enough educational psychologists",
            "detail": "Vacancies stay open",
            "owner_raw": "Principal EP",
            "review_date": date(2026, 6, 30),
            "likelihood": 4,
            "impact_rating": 5,
            "residual_likelihood": 2,
            "residual_impact_rating": 4,
        },
    )
    assert (risk.score, risk.residual_score, risk.status) == (20, 8, "open")
    assert who_changed(risk) == manager
    with pytest.raises(ValueError, match="1 to 5"):
        services.add_risk(
            partnership=partnership,
            plan_id=plan.pk,
            user=manager,
            fields={"title": "Off the scale", "likelihood": 6},
        )


def test_building_services_refuse_another_partnerships_records(partnership, manager):
    elsewhere = PartnershipFactory(slug="elsewhere")
    their_plan = PlanFactory(partnership=elsewhere)
    section = SectionFactory(plan=their_plan)
    action = ActionFactory(plan=their_plan, section=section)
    milestone = MilestoneFactory(plan=their_plan)
    mine = PlanFactory(partnership=partnership)
    my_section = SectionFactory(plan=mine)
    refused = [
        (Plan, lambda: add(partnership, their_plan, manager, "Taken over")),
        (
            Plan,
            lambda: services.add_milestone(
                partnership=partnership, plan_id=their_plan.pk, user=manager, text="x"
            ),
        ),
        (
            Plan,
            lambda: services.add_risk(
                partnership=partnership, plan_id=their_plan.pk, user=manager, fields={"title": "x"}
            ),
        ),
        (
            Section,
            lambda: services.add_action(
                partnership=partnership, section_id=section.pk, user=manager, text="x"
            ),
        ),
        (
            Section,
            lambda: services.update_section(
                partnership=partnership,
                section_id=section.pk,
                user=manager,
                expected_version=1,
                changes={"title": "Taken over"},
            ),
        ),
        (
            Section,
            lambda: services.move_section(
                partnership=partnership,
                section_id=section.pk,
                user=manager,
                expected_version=1,
                direction="up",
            ),
        ),
        (
            Section,
            lambda: services.archive_section(
                partnership=partnership, section_id=section.pk, user=manager, expected_version=1
            ),
        ),
        (
            Action,
            lambda: services.move_action(
                partnership=partnership,
                action_id=action.pk,
                user=manager,
                expected_version=1,
                section_id=my_section.pk,
            ),
        ),
        (
            Milestone,
            lambda: services.record_milestone(
                partnership=partnership,
                milestone_id=milestone.pk,
                user=manager,
                expected_version=1,
                achieved=True,
                on=date(2026, 1, 1),
            ),
        ),
    ]
    for model, call in refused:
        with pytest.raises(model.DoesNotExist):
            call()
    # Nor can an action be moved into another partnership's section, or another plan's.
    my_action = ActionFactory(plan=mine, section=my_section)
    other_plan_section = SectionFactory(plan=PlanFactory(partnership=partnership))
    for target in (section, other_plan_section):
        with pytest.raises(Section.DoesNotExist):
            services.move_action(
                partnership=partnership,
                action_id=my_action.pk,
                user=manager,
                expected_version=1,
                section_id=target.pk,
            )
    section.refresh_from_db()
    assert section.title != "Taken over" and not section.archived_at
    assert not their_plan.sections.filter(title="Taken over").exists()
    assert not Risk.objects.filter(plan=their_plan).exists()


# Pages


def test_a_manager_starts_a_plan_from_the_dashboard(client_for, partnership, manager):
    client = client_for(manager)
    dashboard = client.get(url("dashboard", partnership)).content.decode()
    assert f'href="{url("plan_start", partnership)}">Start a new plan</a>' in dashboard
    response = client.post(
        url("plan_start", partnership),
        {
            "title": "SEND improvement plan",
            "kind": "improvement_plan",
            **date_input("as_at", "1/4/2026"),
        },
    )
    plan = Plan.objects.get(title="SEND improvement plan")
    assert response.status_code == 302
    assert response["Location"] == url("plan_sections", partnership, plan_id=plan.pk)
    assert plan.as_at == date(2026, 4, 1)


def test_starting_a_plan_shows_errors_in_the_error_summary(client_for, partnership, manager):
    response = client_for(manager).post(
        url("plan_start", partnership),
        {"title": "", "kind": "improvement_plan", **date_input("as_at", "31/2/2026")},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert 'href="#id_title"' in page and "Enter the title of the plan" in page
    assert 'href="#id_as_at-day"' in page and "must be a real date" in page
    assert not Plan.objects.filter(partnership=partnership).exists()


def test_the_dashboard_offers_no_new_plan_to_an_action_lead(client_for, partnership, members):
    page = client_for(members["action_lead"]).get(url("dashboard", partnership)).content.decode()
    assert "start a new plan" not in page


def test_sections_page_adds_reorders_changes_and_archives(client_for, partnership, plan, manager):
    client = client_for(manager)
    for title in ("Workstream 1", "Workstream 2"):
        response = client.post(
            url("section_add", partnership, plan_id=plan.pk),
            {"title": title, "ref": "", "kind": "workstream", "parent": ""},
        )
        assert response.status_code == 302
    one, two = plan.sections.order_by("position")
    page = client.get(url("plan_sections", partnership, plan_id=plan.pk)).content.decode()
    assert page.index("Workstream 1") < page.index("Workstream 2")

    client.post(
        url("section_move", partnership, section_id=two.pk),
        {"version": two.version, "direction": "up"},
    )
    page = client.get(url("plan_sections", partnership, plan_id=plan.pk)).content.decode()
    assert page.index("Workstream 2") < page.index("Workstream 1")
    assert "Moved Workstream 2 up" in page

    one.refresh_from_db()
    response = client.post(
        url("section_edit", partnership, section_id=one.pk),
        {
            "version": one.version,
            "title": "Workstream 1 – Early help",
            "ref": "1",
            "kind": "workstream",
        },
    )
    assert response.status_code == 302
    one.refresh_from_db()
    assert (one.title, one.ref) == ("Workstream 1 – Early help", "1")

    archived = client.post(
        url("section_archive", partnership, section_id=one.pk),
        {"version": one.version},
        follow=True,
    )
    assert "Section archived: Workstream 1 – Early help" in archived.content.decode()
    page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Workstream 1 – Early help" not in page and "Workstream 2" in page


def test_a_stale_section_change_is_shown_and_not_saved(client_for, partnership, plan, manager):
    section = SectionFactory(plan=plan, title="Workstream 1")
    form = {"version": section.version, "title": "First", "ref": "1", "kind": "workstream"}
    client = client_for(manager)
    client.post(url("section_edit", partnership, section_id=section.pk), form)
    clash = client.post(
        url("section_edit", partnership, section_id=section.pk), {**form, "title": "Second"}
    )
    page = clash.content.decode()
    assert clash.status_code == 200 and "Your change was not saved" in page and "First" in page
    section.refresh_from_db()
    assert section.title == "First"


def test_archiving_a_section_with_actions_says_why_not(client_for, partnership, plan, manager):
    section = SectionFactory(plan=plan, title="Workstream 1")
    ActionFactory(plan=plan, section=section)
    response = client_for(manager).post(
        url("section_archive", partnership, section_id=section.pk),
        {"version": section.version},
        follow=True,
    )
    assert "Move or archive its actions first" in response.content.decode()
    section.refresh_from_db()
    assert section.archived_at is None


def test_an_action_is_added_with_the_date_input_and_errors_are_summarised(
    client_for, partnership, plan, manager
):
    section = SectionFactory(plan=plan, title="Workstream 1")
    client = client_for(manager)
    bad = client.post(
        url("action_add", partnership, section_id=section.pk),
        {"text": "", "ref": "", "owner_raw": "", "status": "", **date_input("due", "1/13/2026")},
    )
    page = bad.content.decode()
    assert "There is a problem" in page and "Enter the action" in page
    assert 'href="#id_due-month"' in page
    good = client.post(
        url("action_add", partnership, section_id=section.pk),
        {
            "text": "Train SENCOs in the graduated approach",
            "ref": "1.1",
            "owner_raw": "SEND advisory team",
            "status": "not_started",
            **date_input("due", "30/9/2026"),
        },
    )
    action = Action.objects.get(text="Train SENCOs in the graduated approach")
    assert good["Location"] == url("action_detail", partnership, action_id=action.pk)
    assert (action.section, action.due) == (section, date(2026, 9, 30))
    # The timeframe a date typed here keeps reads as the due date beside it does.
    detail = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "30/09/2026" not in detail and action.due_raw == "30 September 2026"


def test_the_lead_named_on_a_new_action_finds_it_in_my_actions_and_can_update_it(
    client_for, partnership, plan, manager, members
):
    """A lead typed when building a plan names a person as an imported lead does; naming
    someone else later takes it off the first person's list."""
    section = SectionFactory(plan=plan, title="Workstream 1")
    client_for(manager).post(
        url("action_add", partnership, section_id=section.pk),
        {
            "text": "Open an early help hub in each locality",
            "ref": "",
            "owner_raw": "Lee Lead",
            "status": "",
            **date_input("due", "30/9/2031"),
        },
    )
    action = Action.objects.get(text="Open an early help hub in each locality")
    lead = client_for(members["action_lead"])
    assert action.text in lead.get(url("my_actions", partnership)).content.decode()
    assert lead.get(url("action_add_update", partnership, action_id=action.pk)).status_code == 200

    services.update_action(
        partnership=partnership,
        action_id=action.pk,
        user=manager,
        expected_version=action.version,
        changes={"owner_raw": "SEND advisory team"},
    )
    assert action.text not in lead.get(url("my_actions", partnership)).content.decode()
    assert lead.get(url("action_add_update", partnership, action_id=action.pk)).status_code == 403


def test_an_action_is_moved_to_another_section(client_for, partnership, plan, manager):
    one = SectionFactory(plan=plan, title="Workstream 1")
    two = SectionFactory(plan=plan, title="Workstream 2")
    action = ActionFactory(plan=plan, section=one)
    client = client_for(manager)
    detail = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "Move this action to another section" in detail
    missing = client.post(
        url("action_move", partnership, action_id=action.pk), {"version": action.version}
    )
    assert "Select the section to move it to" in missing.content.decode()
    client.post(
        url("action_move", partnership, action_id=action.pk),
        {"version": action.version, "section": two.pk},
    )
    action.refresh_from_db()
    assert action.section == two


def test_milestones_are_added_and_recorded_on_the_plan_page(client_for, partnership, plan, manager):
    client = client_for(manager)
    client.post(
        url("milestone_add", partnership, plan_id=plan.pk),
        {"text": "Local Offer relaunched", "section": "", **date_input("due", "31/3/2026")},
    )
    milestone = Milestone.objects.get(plan=plan)
    page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Local Offer relaunched" in page and "Not yet recorded" in page

    outcome = url("milestone_outcome", partnership, milestone_id=milestone.pk)
    empty = client.post(outcome, {"version": milestone.version, **date_input("on", "")})
    page = empty.content.decode()
    assert "Select whether the milestone was achieved or missed" in page
    assert "Enter the date it was achieved or missed" in page
    achieved_on = timezone.localdate() - timedelta(days=1)
    client.post(
        outcome,
        {"version": milestone.version, "outcome": "achieved", **date_input("on", achieved_on)},
    )
    page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Achieved" in page and f"{achieved_on:%-d %B %Y}" in page


def test_a_risk_is_added_and_its_scores_shown_in_the_register(
    client_for, partnership, plan, manager
):
    client = client_for(manager)
    form = {
        "title": "Not enough educational psychologists",
        "detail": "Vacancies stay open",
        "owner_raw": "Principal EP",
        **date_input("review_date", "30/6/2026"),
        "likelihood": "4",
        "impact_rating": "5",
        "impact": "Assessments run late",
        "mitigation": "Locum psychologists",
        "residual_likelihood": "2",
        "residual_impact_rating": "4",
        "rag": "red",
    }
    bad = client.post(url("risk_add", partnership, plan_id=plan.pk), {**form, "title": ""})
    assert "There is a problem" in bad.content.decode() and "Enter the risk" in bad.content.decode()
    response = client.post(url("risk_add", partnership, plan_id=plan.pk), form)
    assert response["Location"] == url("risk_register", partnership, plan_id=plan.pk)
    page = client.get(response["Location"]).content.decode()
    assert "20 very high" in page and "likelihood 4 × impact 5" in page  # the Score column
    assert "8 high" in page and "2 × 4" in page  # and the Once mitigated column
    risk = Risk.objects.get(plan=plan)
    assert risk.review_date == date(2026, 6, 30) and risk.impact == "Assessments run late"


def test_an_existing_risk_keeps_its_words_and_can_be_scored(client_for, partnership, plan, manager):
    risk = RiskFactory(plan=plan, impact="Assessments run late", likelihood=3)
    page = client_for(manager).get(url("risk_edit", partnership, risk_id=risk.pk)).content.decode()
    assert "Assessments run late" in page and "Impact (1 minimal to 5 severe)" in page


def test_a_manager_corrects_a_plans_title_kind_and_as_at_date(
    client_for, partnership, plan, manager
):
    client = client_for(manager)
    page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert url("plan_edit", partnership, plan_id=plan.pk) in page
    response = client.post(
        url("plan_edit", partnership, plan_id=plan.pk),
        {
            "version": plan.version,
            "title": "Northdale SEND improvement plan",
            "kind": "improvement_plan",
            **date_input("as_at", "1/5/2026"),
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.as_at, plan.as_at_raw) == (
        "Northdale SEND improvement plan",
        date(2026, 5, 1),
        "1 May 2026",
    )
    assert who_changed(plan) == manager


def test_a_stale_plan_details_change_is_shown_and_not_saved(client_for, partnership, plan, manager):
    form = {"version": plan.version, "title": "First", "kind": "improvement_plan"}
    client = client_for(manager)
    client.post(url("plan_edit", partnership, plan_id=plan.pk), form)
    clash = client.post(url("plan_edit", partnership, plan_id=plan.pk), {**form, "title": "Second"})
    assert clash.status_code == 200 and "Your change was not saved" in clash.content.decode()
    plan.refresh_from_db()
    assert plan.title == "First"


def test_a_milestone_added_with_a_date_keeps_it_written_as_a_person_writes_it(
    partnership, plan, manager
):
    milestone = services.add_milestone(
        partnership=partnership,
        plan_id=plan.pk,
        user=manager,
        text="Local Offer relaunched",
        due=date(2027, 9, 30),
    )
    assert (milestone.due, milestone.due_raw) == (date(2027, 9, 30), "30 September 2027")


def test_the_risk_form_marks_what_is_optional_and_names_mitigation_once(
    client_for, partnership, plan, manager
):
    page = client_for(manager).get(url("risk_add", partnership, plan_id=plan.pk)).content.decode()
    assert "Description (optional)" in page and "Owner (optional)" in page
    assert page.count(">Mitigation<") + page.count(">Mitigation\n") <= 1
    assert '<h2 class="govuk-heading-m">Mitigation</h2>' not in page
