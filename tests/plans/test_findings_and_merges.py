"""A programme manager merges two actions and splits one, and keeps the plan's findings: adds,
changes, links them to the sections and actions that answer them, and archives them. Every
change is kept in the history with who made it, a stale change is refused, and no service
reaches another partnership's records."""

import copy

import pytest
from django.urls import reverse

from sendtrack.core.editing import StaleEdit
from sendtrack.core.history import audit_trail
from sendtrack.plans import services
from sendtrack.plans.models import Action, Finding, Plan
from sendtrack.plans.storage import export_plan, load_plan
from tests.factories import (
    ActionFactory,
    FindingFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    ProgressUpdateFactory,
    SectionFactory,
)
from tests.plans.test_plan_json import synthetic_plan

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def manager(members):
    return members["programme_manager"]


@pytest.fixture
def plan(partnership):
    return PlanFactory(partnership=partnership, title="Northdale improvement plan")


@pytest.fixture
def section(plan):
    return SectionFactory(plan=plan, title="Workstream 1 – Early help")


def merge(partnership, first, second, manager, **kwargs):
    return services.merge_actions(
        partnership=partnership,
        action_id=first.pk,
        other_id=second.pk,
        user=manager,
        expected_version=kwargs.pop("expected_version", first.version),
    )


# Merging and splitting


def test_merging_folds_the_second_action_into_the_first_and_archives_it(
    partnership, plan, section, manager
):
    first = ActionFactory(plan=plan, section=section, ref="1.1", text="Publish the offer.")
    second = ActionFactory(
        plan=plan, section=section, ref="1.2", text="Refresh the offer.", owner_raw="SENDIASS"
    )
    lead = PersonFactory(partnership=partnership, name="Ama Lead")
    second.owners.add(lead)
    update = ProgressUpdateFactory(action=second, commentary="Drafted the new pages")
    finding = FindingFactory(plan=plan)
    second.findings.add(finding)

    merged = merge(partnership, first, second, manager)

    second.refresh_from_db()
    assert merged.text == "Publish the offer.\n\nRefresh the offer."
    assert "SENDIASS" in merged.owner_raw
    assert list(merged.owners.all()) == [lead]
    assert list(merged.findings.all()) == [finding]
    assert list(merged.updates.all()) == [update]
    assert second.archived_at is not None and second.merged_into == merged
    assert list(merged.merged_from.all()) == [second]
    # Both keep their history, each saying what happened and who did it.
    assert second.history.latest().history_change_reason == "Merged into action 1.1"
    assert merged.history.latest().history_change_reason == "Merged from action 1.2"
    assert second.history.latest().history_user == manager
    assert second.history.count() == 2 and merged.history.count() == 2


def test_merging_is_refused_when_stale_or_across_plans(partnership, plan, section, manager):
    first = ActionFactory(plan=plan, section=section)
    second = ActionFactory(plan=plan, section=section)
    elsewhere = ActionFactory(plan=PlanFactory(partnership=partnership))
    services.update_action(
        partnership=partnership,
        action_id=first.pk,
        user=manager,
        expected_version=first.version,
        changes={"text": "Changed by someone else"},
    )
    with pytest.raises(StaleEdit):
        merge(partnership, first, second, manager, expected_version=1)
    first.refresh_from_db()
    with pytest.raises(services.CannotMerge):
        merge(partnership, first, elsewhere, manager)
    with pytest.raises(services.CannotMerge):
        merge(partnership, first, first, manager)
    assert not Action.objects.filter(archived_at__isnull=False).exists()


def test_splitting_makes_a_new_action_in_the_same_section(partnership, plan, section, manager):
    lead = PersonFactory(partnership=partnership, name="Ama Lead")
    action = ActionFactory(
        plan=plan, section=section, ref="2.1", text="Train SENCOs. Audit the register."
    )
    action.owners.add(lead)
    new = services.split_action(
        partnership=partnership,
        action_id=action.pk,
        user=manager,
        expected_version=action.version,
        kept_text="Train SENCOs.",
        new_text="Audit the register.",
        new_ref="2.1b",
        copy=("owners",),
    )
    action.refresh_from_db()
    assert (action.text, new.text, new.ref) == ("Train SENCOs.", "Audit the register.", "2.1b")
    assert new.section == section and new.split_from == action
    assert list(new.owners.all()) == [lead]
    assert new.history.get().history_change_reason == "Split from action 2.1"
    assert new.history.get().history_user == manager
    assert action.history.latest().history_change_reason.startswith("Split: part of it is now")
    changed = audit_trail(action)[0]
    assert changed.changes[0].label == "Action" and changed.changes[0].new == "Train SENCOs."


# Findings


def test_a_finding_is_added_linked_changed_and_archived_with_its_history(
    partnership, plan, section, manager
):
    other_section = SectionFactory(plan=plan, title="Workstream 2")
    action = ActionFactory(plan=plan, section=section, ref="1.1")
    finding = services.add_finding(
        partnership=partnership,
        plan_id=plan.pk,
        user=manager,
        ref="KC1",
        text="Families wait too long for assessments",
        source="Area SEND inspection, 2024",
        section_ids=[section.pk],
        action_ids=[action.pk],
    )
    assert list(finding.sections.all()) == [section]
    assert list(finding.actions.all()) == [action]
    assert finding.history.latest().history_change_reason == "Actions that answer it: 1.1"

    changed = services.update_finding(
        partnership=partnership,
        finding_id=finding.pk,
        user=manager,
        expected_version=finding.version,
        changes={"text": "Families wait too long"},
        section_ids=[other_section.pk],
        action_ids=[],
    )
    assert list(changed.sections.all()) == [other_section] and not changed.actions.exists()
    latest = changed.history.latest()
    assert [s.section_id for s in latest.sections.all()] == [other_section.pk]
    assert latest.history_user == manager
    with pytest.raises(StaleEdit):
        services.update_finding(
            partnership=partnership,
            finding_id=finding.pk,
            user=manager,
            expected_version=finding.version,
            changes={"text": "Overwritten"},
        )
    archived = services.archive_finding(
        partnership=partnership,
        finding_id=finding.pk,
        user=manager,
        expected_version=changed.version,
    )
    assert archived.archived_at is not None
    assert audit_trail(archived)[0].what == "Archived"


def test_a_finding_links_only_its_own_plans_sections_and_actions(
    partnership, plan, section, manager
):
    other_plan = PlanFactory(partnership=partnership)
    theirs = SectionFactory(plan=other_plan)
    their_action = ActionFactory(plan=other_plan)
    for links in ({"section_ids": [theirs.pk]}, {"action_ids": [their_action.pk]}):
        with pytest.raises(services.NotInPlan):
            services.add_finding(
                partnership=partnership, plan_id=plan.pk, user=manager, text="x", **links
            )
    assert not Finding.objects.exists()


def test_merge_split_and_finding_services_refuse_another_partnership(partnership, manager):
    elsewhere = PartnershipFactory(slug="elsewhere")
    their_plan = PlanFactory(partnership=elsewhere)
    one, two = ActionFactory(plan=their_plan), ActionFactory(plan=their_plan)
    finding = FindingFactory(plan=their_plan)
    refused = [
        (Action, lambda: merge(partnership, one, two, manager)),
        (
            Action,
            lambda: services.split_action(
                partnership=partnership,
                action_id=one.pk,
                user=manager,
                expected_version=1,
                kept_text="a",
                new_text="b",
            ),
        ),
        (
            Plan,
            lambda: services.add_finding(
                partnership=partnership, plan_id=their_plan.pk, user=manager, text="x"
            ),
        ),
        (
            Finding,
            lambda: services.update_finding(
                partnership=partnership,
                finding_id=finding.pk,
                user=manager,
                expected_version=1,
                changes={"text": "Taken over"},
            ),
        ),
        (
            Finding,
            lambda: services.archive_finding(
                partnership=partnership, finding_id=finding.pk, user=manager, expected_version=1
            ),
        ),
    ]
    for model, call in refused:
        with pytest.raises(model.DoesNotExist):
            call()
    one.refresh_from_db()
    finding.refresh_from_db()
    assert one.version == 1 and one.archived_at is None and finding.text != "Taken over"


# Imported key concerns


def test_an_imported_key_concern_with_no_finding_becomes_one(partnership):
    data = synthetic_plan()
    for action in data["actions"]:
        action["finding"] = None  # no finding given: the key concern section is the finding
    plan = load_plan(copy.deepcopy(data), partnership=partnership)
    concern = plan.sections.get(kind="key_concern")
    finding = Finding.objects.get(plan=plan)
    assert (finding.ref, finding.text) == (concern.ref, concern.title)
    assert list(finding.sections.all()) == [concern]
    assert set(finding.actions.all()) == set(concern.actions.all()) != set()
    assert export_plan(plan) == data  # the document round-trips unchanged


def test_an_imported_key_concern_answered_by_a_given_finding_gets_no_second_one(partnership):
    plan = load_plan(synthetic_plan(), partnership=partnership)
    concern = plan.sections.get(kind="key_concern")
    texts = set(Finding.objects.filter(plan=plan).values_list("text", flat=True))
    assert concern.title not in texts
    assert concern.findings.count() == 1


# Pages


def test_merging_on_the_page_uses_radios_and_summarises_errors(
    client_for, partnership, plan, section, manager
):
    first = ActionFactory(plan=plan, section=section, ref="1.1")
    second = ActionFactory(plan=plan, section=section, ref="1.2", text="Refresh the offer")
    client = client_for(manager)
    detail = client.get(url("action_detail", partnership, action_id=first.pk)).content.decode()
    assert "Merge another action into this one" in detail and "Split this action in two" in detail
    page = client.get(url("action_merge", partnership, action_id=first.pk)).content.decode()
    assert 'type="radio"' in page and "1.2: Refresh the offer" in page
    assert f'type="radio" value="{first.pk}"' not in page
    missing = client.post(url("action_merge", partnership, action_id=first.pk), {"version": 1})
    assert "There is a problem" in missing.content.decode()
    assert 'href="#id_other"' in missing.content.decode()
    done = client.post(
        url("action_merge", partnership, action_id=first.pk),
        {"version": first.version, "other": second.pk},
    )
    assert done["Location"] == url("action_detail", partnership, action_id=first.pk)
    shown = client.get(done["Location"]).content.decode()
    assert "Merged from" in shown and "Refresh the offer" in shown
    other = client.get(url("action_detail", partnership, action_id=second.pk)).content.decode()
    assert "Merged into" in other and "archived" in other


def test_splitting_on_the_page_shows_errors_and_opens_the_new_action(
    client_for, partnership, plan, section, manager
):
    action = ActionFactory(plan=plan, section=section, ref="3.1", text="Do one. Do two.")
    client = client_for(manager)
    split = url("action_split", partnership, action_id=action.pk)
    page = client.get(split).content.decode()
    assert 'type="checkbox"' in page and "Do one. Do two." in page
    bad = client.post(split, {"version": 1, "kept_text": "Do one. Do two.", "new_text": ""})
    bad_page = bad.content.decode()
    assert "There is a problem" in bad_page and 'href="#id_new_text"' in bad_page
    assert "Enter the new action" in bad_page
    assert 'href="#id_kept_text"' in bad_page  # the whole text cannot stay as it is
    done = client.post(
        split, {"version": 1, "kept_text": "Do one.", "new_text": "Do two.", "copy": ["due"]}
    )
    new = Action.objects.get(split_from=action)
    assert done["Location"] == url("action_detail", partnership, action_id=new.pk)
    assert "Split from" in client.get(done["Location"]).content.decode()


def test_findings_are_added_and_changed_on_pages_with_checkboxes(
    client_for, partnership, plan, section, manager
):
    action = ActionFactory(plan=plan, section=section, ref="1.1")
    client = client_for(manager)
    plan_page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert url("finding_add", partnership, plan_id=plan.pk) in plan_page
    add = url("finding_add", partnership, plan_id=plan.pk)
    form = client.get(add).content.decode()
    assert form.count('type="checkbox"') == 2
    bad = client.post(add, {"text": "", "sections": [999999]})
    bad_page = bad.content.decode()
    assert "There is a problem" in bad_page and "Enter the finding" in bad_page
    assert "Choose only sections of this plan" in bad_page
    done = client.post(
        add,
        {"ref": "KC2", "text": "Transitions are poorly planned", "sections": [section.pk]},
    )
    finding = Finding.objects.get(ref="KC2")
    assert done["Location"] == url("finding_detail", partnership, finding_id=finding.pk)
    edit = url("finding_edit", partnership, finding_id=finding.pk)
    assert "checked" in client.get(edit).content.decode()
    client.post(
        edit,
        {
            "version": finding.version,
            "ref": "KC2",
            "text": "Transitions are poorly planned",
            "sections": [section.pk],
            "actions": [action.pk],
        },
    )
    assert list(finding.actions.all()) == [action]
    detail = client.get(url("finding_detail", partnership, finding_id=finding.pk)).content
    assert "Who changed this finding and when" in detail.decode()
    stale = client.post(edit, {"version": 1, "ref": "KC2", "text": "Overwritten"})
    assert "Your change was not saved" in stale.content.decode()
    finding.refresh_from_db()
    client.post(
        url("finding_archive", partnership, finding_id=finding.pk), {"version": finding.version}
    )
    finding.refresh_from_db()
    assert finding.archived_at is not None
    plan_page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Transitions are poorly planned" not in plan_page


def test_a_finding_with_no_source_is_captioned_with_its_plan_not_finding_again(
    client_for, partnership, plan, manager
):
    finding = FindingFactory(plan=plan, ref="", source="", text="Families wait too long")
    page = client_for(manager).get(url("finding_detail", partnership, finding_id=finding.pk))
    heading = page.content.decode().split('<h1 class="govuk-heading-l">')[0]
    caption = heading.rsplit('<span class="govuk-caption-l">', 1)[1].split("</span>")[0]
    assert caption == plan.title


def test_an_action_lead_cannot_merge_split_or_change_findings(
    client_for, partnership, plan, section, members
):
    action = ActionFactory(plan=plan, section=section)
    finding = FindingFactory(plan=plan)
    client = client_for(members["action_lead"])
    for path in [
        url("action_merge", partnership, action_id=action.pk),
        url("action_split", partnership, action_id=action.pk),
        url("finding_add", partnership, plan_id=plan.pk),
        url("finding_edit", partnership, finding_id=finding.pk),
    ]:
        assert client.get(path).status_code == 403
    page = client.get(url("finding_detail", partnership, finding_id=finding.pk)).content
    assert b"Archive this finding" not in page


def test_the_history_on_the_page_says_why(client_for, partnership, plan, section, manager):
    action = ActionFactory(plan=plan, section=section, ref="4.1", text="One. Two.")
    new = services.split_action(
        partnership=partnership,
        action_id=action.pk,
        user=manager,
        expected_version=action.version,
        kept_text="One.",
        new_text="Two.",
    )
    page = client_for(manager).get(url("action_detail", partnership, action_id=new.pk))
    assert "Created: Split from action 4.1" in page.content.decode()


def test_a_long_list_of_linked_actions_fits_the_historys_reason(
    partnership, plan, section, manager
):
    actions = [ActionFactory(plan=plan, section=section, ref=f"9.{n}.{n}") for n in range(40)]
    finding = services.add_finding(
        partnership=partnership,
        plan_id=plan.pk,
        user=manager,
        text="x",
        action_ids=[a.pk for a in actions],
    )
    reason = finding.history.latest().history_change_reason
    assert len(reason) == 100 and reason.endswith("…")
