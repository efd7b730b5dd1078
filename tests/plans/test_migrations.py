"""Existing plans survive the migration that lets a plan be built in the app: risks keep
their words, sections and milestones start at their first version, nothing is dropped."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0002_plan_import_reference")]
AFTER = [("plans", "0003_plan_building")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_migrate_without_loss():
    try:
        call_command("migrate", "plans", BEFORE[0][1], verbosity=0)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        partnership = old.get_model("accounts", "Partnership").objects.create(
            slug="northdale", name="Northdale SEND Partnership"
        )
        plan = old.get_model("plans", "Plan").objects.create(
            partnership=partnership, title="Northdale written statement"
        )
        old.get_model("plans", "Section").objects.create(
            partnership=partnership, plan=plan, title="Workstream 1", position=3
        )
        old.get_model("plans", "Milestone").objects.create(
            partnership=partnership, plan=plan, text="Local Offer relaunched", due_raw="March"
        )
        old.get_model("plans", "Risk").objects.create(
            partnership=partnership,
            plan=plan,
            title="Capacity",
            likelihood=4,
            impact="Assessments run late",
        )
        call_command("migrate", "plans", AFTER[0][1], verbosity=0)
        from sendtrack.plans.models import Milestone, Risk, Section

        risk = Risk.objects.get()
        assert (risk.title, risk.likelihood, risk.impact) == (
            "Capacity",
            4,
            "Assessments run late",
        )
        assert (risk.impact_rating, risk.score, risk.residual_score) == (None, None, None)
        section = Section.objects.get()
        assert (section.title, section.position, section.version) == ("Workstream 1", 3, 1)
        assert section.archived_at is None
        milestone = Milestone.objects.get()
        assert (milestone.due_raw, milestone.version, milestone.missed_on) == ("March", 1, None)
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_key_concerns_imported_before_become_findings():
    before = [("plans", "0005_findings_archived_and_merged_actions")]
    try:
        call_command("migrate", "plans", before[0][1], verbosity=0)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        partnership = old.get_model("accounts", "Partnership").objects.create(
            slug="northdale", name="Northdale SEND Partnership"
        )
        plan = old.get_model("plans", "Plan").objects.create(
            partnership=partnership, title="Northdale written statement"
        )
        Section = old.get_model("plans", "Section")
        concern = Section.objects.create(
            partnership=partnership,
            plan=plan,
            ref="KC1",
            title="Key Concern 1: families wait too long",
            kind="key_concern",
        )
        inside = Section.objects.create(
            partnership=partnership, plan=plan, parent=concern, title="Objective 1"
        )
        answered = Section.objects.create(
            partnership=partnership, plan=plan, title="Key Concern 2", kind="key_concern"
        )
        old.get_model("plans", "Finding").objects.create(
            partnership=partnership, plan=plan, text="Given in the document"
        ).sections.add(answered)
        action = old.get_model("plans", "Action").objects.create(
            partnership=partnership, plan=plan, section=inside, text="Assess sooner"
        )
        call_command("migrate", "plans", verbosity=0)
        from sendtrack.plans.models import Finding

        made = Finding.objects.exclude(text="Given in the document").get()
        assert (made.ref, made.text) == ("KC1", "Key Concern 1: families wait too long")
        assert [s.pk for s in made.sections.all()] == [concern.pk]
        assert [a.pk for a in made.actions.all()] == [action.pk]
        assert made.history.get().history_change_reason == "A key concern of the imported plan"
        assert Finding.objects.count() == 2
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_actions_and_updates_survive_the_evidence_migration():
    """Existing actions keep their dates and progress, are not waiting for sign-off, and their
    evidence links stay with their updates."""
    before = [("plans", "0006_key_concerns_become_findings")]
    try:
        call_command("migrate", "plans", before[0][1], verbosity=0)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        partnership = old.get_model("accounts", "Partnership").objects.create(
            slug="northdale", name="Northdale SEND Partnership"
        )
        plan = old.get_model("plans", "Plan").objects.create(
            partnership=partnership, title="Northdale written statement"
        )
        action = old.get_model("plans", "Action").objects.create(
            partnership=partnership,
            plan=plan,
            text="Publish the Local Offer leaflet",
            due_raw="31/03/2026",
            status="complete",
        )
        old.get_model("plans", "ProgressUpdate").objects.create(
            partnership=partnership,
            action=action,
            date="2026-03-01",
            status="complete",
            commentary="Leaflet out",
            evidence_links=["https://example.org/leaflet"],
        )
        # On to the latest plans migration: the models below are today's, so every column
        # they read must be there (later migrations add columns to the same tables).
        call_command("migrate", "plans", verbosity=0)
        from sendtrack.plans.models import Action, PlanSettings

        migrated = Action.objects.get()
        assert (migrated.text, migrated.due_raw, migrated.status) == (
            "Publish the Local Offer leaflet",
            "31/03/2026",
            "complete",
        )
        assert not migrated.awaiting_sign_off and migrated.due_change_reason == ""
        assert migrated.signed_off_at is None
        kept = migrated.updates.get()
        assert kept.evidence_links == ["https://example.org/leaflet"]
        assert kept.decision_asked == ""  # no decision asked of the board by an old update
        assert not kept.evidence_files.exists()
        assert not PlanSettings.objects.exists()
    finally:
        call_command("migrate", verbosity=0)
