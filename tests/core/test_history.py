"""The one audit trail: who changed a record, when, and which fields, newest first, the same
for an action, a person or a SENDIASS account."""

from datetime import date

import pytest
from django.urls import reverse

from sendtrack.core.history import audit_trail, values_shown
from sendtrack.indicators.models import Indicator
from sendtrack.plans import services
from sendtrack.plans.models import Risk
from tests.factories import (
    ActionFactory,
    PersonFactory,
    RiskFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_changes_are_named_by_who_made_them_with_the_fields_in_words():
    action = ActionFactory(text="Publish the local offer", due=None)
    editor = UserFactory(first_name="Ada", last_name="Okafor")
    partnership = action.plan.partnership
    services.update_action(
        partnership=partnership,
        action_id=action.pk,
        user=editor,
        expected_version=action.version,
        changes={"due": date(2027, 3, 31)},
    )
    action.refresh_from_db()
    services.archive_action(
        partnership=partnership, action_id=action.pk, user=editor, expected_version=action.version
    )

    archived, changed, created = audit_trail(action)

    assert (created.what, created.who, created.changes) == ("Created", "sendtrack", [])
    assert changed.what == "Changed" and changed.who == "Ada Okafor"
    assert [(c.label, c.old, c.new) for c in changed.changes] == [
        ("Due date", "(empty)", "31 March 2027")
    ]
    assert archived.what == "Archived"
    assert "Version" not in {c.label for c in archived.changes}  # housekeeping is not news


def test_the_trail_is_newest_first_and_limited():
    action = ActionFactory()
    for number in range(3):
        action.refresh_from_db()
        services.update_action(
            partnership=action.plan.partnership,
            action_id=action.pk,
            user=None,
            expected_version=action.version,
            changes={"text": f"Draft {number}"},
        )
    trail = audit_trail(action, limit=2)
    assert len(trail) == 2
    assert trail[0].changes[0].new == "Draft 2"
    assert trail[0].when >= trail[1].when


def test_a_caller_names_people_kept_outside_the_sign_in_table():
    action = ActionFactory()
    (entry,) = audit_trail(action, who=lambda row: "Staff 7", nobody="nobody")
    assert entry.who == "Staff 7"


def test_a_record_with_no_history_rows_has_an_empty_trail():
    """Rows made without history (bulk loads such as the demo's casework) show no trail,
    rather than failing the page."""
    action = ActionFactory()
    action.history.all().delete()
    assert audit_trail(action) == []


def _change(action, **changes):
    action.refresh_from_db()
    services.update_action(
        partnership=action.plan.partnership,
        action_id=action.pk,
        user=None,
        expected_version=action.version,
        changes=changes,
    )
    return [(c.label, c.old, c.new) for c in audit_trail(action)[0].changes]


def test_choices_read_by_their_labels_and_fields_by_the_names_people_use():
    action = ActionFactory(status="in_progress", due_raw="Spring 2026", rag_override=None)
    assert _change(action, status="delayed") == [("Status", "In progress", "Delayed")]
    assert _change(action, due_raw="Summer Term 2026", due_precision="term") == [
        ("How exact the due date is", "Day", "Term"),
        ("Timeframe as written", "Spring 2026", "Summer Term 2026"),
    ]
    assert _change(action, rag_override="amber", rag_override_reason="Board not assured") == [
        ("RAG set by hand", "(empty)", "Amber"),
        ("Reason for setting the RAG by hand", "(empty)", "Board not assured"),
    ]


def test_a_linked_record_reads_by_its_name_and_a_deleted_one_says_so():
    """Moving an action or naming a risk's owner (saved by the plan-building pages)."""
    action = ActionFactory()
    action.section = SectionFactory(plan=action.plan, title="Preparing for adulthood")
    action.save()
    assert [(c.label, c.old, c.new) for c in audit_trail(action)[0].changes] == [
        ("Section", "(empty)", "Preparing for adulthood")
    ]
    risk = RiskFactory()
    risk.owner = PersonFactory(partnership=risk.partnership, name="Ada Okafor")
    risk.save()
    assert [(c.label, c.new) for c in audit_trail(risk)[0].changes] == [("Owner", "Ada Okafor")]
    risk.owner.delete()
    risk = Risk.objects.get(pk=risk.pk)
    assert [(c.label, c.new) for c in audit_trail(risk)[0].changes] == [("Owner", "(deleted)")]


def test_yes_no_lists_and_times_read_as_words():
    indicator = Indicator()
    assert values_shown(indicator, [("computed", True), ("computed", False)]) == ["Yes", "No"]
    action = ActionFactory.build()
    assert values_shown(action, [("partners", ["Health", "Schools"]), ("partners", [])]) == [
        "Health; Schools",
        "(empty)",
    ]
    assert values_shown(action, [("due", date(2025, 3, 1))]) == ["1 March 2025"]
    assert values_shown(action, [("extra", {"note": "Moved"})]) == ["{'note': 'Moved'}"]


def test_the_action_page_shows_history_in_plain_english(client_for, members, partnership):
    action = ActionFactory(plan__partnership=partnership, status="in_progress", due=None)
    _change(action, status="delayed", due=date(2025, 3, 31))
    page = (
        client_for(members["viewer"])
        .get(
            reverse(
                "action_detail", kwargs={"partnership": partnership.slug, "action_id": action.pk}
            )
        )
        .content.decode()
    )
    assert 'Status: <span class="app-diff-old">In progress</span> → Delayed' in page
    assert 'Due date: <span class="app-diff-old">(empty)</span> → 31 March 2025' in page
    assert "in_progress" not in page and "2025-03-31" not in page
