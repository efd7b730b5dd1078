"""The one audit trail: who changed a record, when, and which fields, newest first, the same
for an action, a person or a SENDIASS account."""

from datetime import date

import pytest

from sendtrack.core.history import audit_trail
from sendtrack.plans import services
from tests.factories import ActionFactory, UserFactory

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
    assert [(c.label, c.old, c.new) for c in changed.changes] == [("Due", None, date(2027, 3, 31))]
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
