"""Each month's update into the same plan: matched, previewed, confirmed row by row, applied
once as audited changes and progress updates dated at the document's as-at date."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sendtrack.imports import services, updates
from sendtrack.imports.models import PlanUpdate
from sendtrack.imports.services import AlreadyApplied, AlreadyImported
from sendtrack.plans.models import Action, Plan, ProgressUpdate
from tests.factories import PartnershipFactory, PersonFactory, PlanFactory
from tests.imports.test_upload import PLAN_TEXT, draft_token, text_of, upload, url

pytestmark = pytest.mark.django_db

# Next month's update of PLAN_TEXT: 1.1 delayed, 1.2 moved to the spring, 1.3 left out, 2.2 new.
UPDATE_TEXT = (
    PLAN_TEXT.replace("April 2031", "May 2031")
    .replace("March 2032\tOn track", "March 2032\tDelayed")
    .replace("Autumn Term 2031\tIn progress", "Spring Term 2032\tIn progress")
    .replace(
        "1.3\tSet up a weekly triage panel with health partners\t\t31/09/2031\tNot started\n",
        "",
    )
    + "2.2\tAgree a transition protocol with adult social care\tJane Doe\tJuly 2032\tNot started\n"
)


@pytest.fixture
def jane(partnership):
    return PersonFactory(partnership=partnership, name="Jane Doe", initials="JaDo")


@pytest.fixture
def manager_user(members):
    return members["programme_manager"]


@pytest.fixture
def plan(partnership, manager_user):
    draft = services.draft_from_upload(PLAN_TEXT.encode(), "april.txt")
    return services.confirm_import(draft=draft, partnership=partnership, user=manager_user)


def update_draft(text=UPDATE_TEXT, name="may.txt"):
    return services.draft_from_upload(text.encode(), name)


def actions_of(plan):
    return {action.ref: action for action in Action.objects.filter(plan=plan)}


def test_the_preview_shows_the_differences(plan):
    preview = updates.preview_update(update_draft(), plan=plan)
    assert preview.summary == "matched 3, changed 2, new 1, missing 1"
    changes = {row.action.ref: row.shown for row in preview.changed}
    assert [(c.label, c.was, c.now) for c in changes["1.1"]] == [
        ("Progress", "On track", "Delayed")
    ]
    assert [(c.label, c.was, c.now) for c in changes["1.2"]] == [
        ("Timeframe", "Autumn Term 2031 (31 December 2031)", "Spring Term 2032 (31 March 2032)")
    ]
    assert [new.item["ref"] for new in preview.new] == ["2.2"]
    assert [action.ref for action in preview.missing] == ["1.3"]
    assert Action.objects.filter(plan=plan).count() == 4  # nothing stored


def test_applying_changes_the_same_plan_and_a_second_import_changes_nothing(
    plan, partnership, manager_user, jane
):
    applied = updates.apply_update(
        draft=update_draft(), plan_id=plan.pk, partnership=partnership, user=manager_user
    )
    assert applied.preview.summary == "matched 3, changed 2, new 1, missing 1"
    assert Plan.objects.count() == 1
    actions = actions_of(plan)
    assert set(actions) == {"1.1", "1.2", "1.3", "2.1", "2.2"}  # 1.3 is kept, not archived
    assert actions["1.3"].archived_at is None
    assert actions["1.1"].status == "delayed"
    assert actions["1.2"].due_raw == "Spring Term 2032" and actions["1.2"].due == date(2032, 3, 31)
    assert actions["2.2"].section == actions["2.1"].section
    assert list(actions["2.2"].owners.all()) == [jane]
    update = ProgressUpdate.objects.get(action=actions["1.1"])
    assert update.date == date(2031, 5, 31) and update.status == "delayed"
    assert update.author == manager_user and update.commentary == "Delayed"
    assert not ProgressUpdate.objects.exclude(action=actions["1.1"]).exists()
    history = actions["1.2"].history.order_by("-history_date").first()
    assert history.history_user == manager_user and history.due_raw == "Spring Term 2032"
    plan.refresh_from_db()
    assert plan.as_at == date(2031, 5, 31)
    record = PlanUpdate.objects.get()
    assert (record.plan, record.matched, record.changed, record.added, record.missing) == (
        plan,
        3,
        2,
        1,
        1,
    )

    again = updates.apply_update(
        draft=update_draft(), plan_id=plan.pk, partnership=partnership, user=manager_user
    )
    assert again.preview.summary == "matched 4, changed 0, new 0, missing 1"
    assert Action.objects.filter(plan=plan).count() == 5
    assert ProgressUpdate.objects.count() == 1


def test_the_same_document_as_an_update_matches_every_action(plan, partnership, manager_user):
    preview = updates.preview_update(update_draft(PLAN_TEXT, "april.txt"), plan=plan)
    assert preview.summary == "matched 4, changed 0, new 0, missing 0"


def test_a_draft_is_applied_once(plan, partnership, manager_user):
    draft = update_draft()
    updates.apply_update(draft=draft, plan_id=plan.pk, partnership=partnership, user=manager_user)
    with pytest.raises(AlreadyApplied) as refused:
        updates.apply_update(
            draft=draft, plan_id=plan.pk, partnership=partnership, user=manager_user
        )
    assert refused.value.plan == plan
    with pytest.raises(AlreadyApplied):  # nor then stored as a new plan
        services.confirm_import(draft=draft, partnership=partnership, user=manager_user)
    assert Plan.objects.count() == 1 and Action.objects.count() == 5


def test_a_draft_that_made_a_plan_cannot_update_one(plan, partnership, manager_user):
    draft = update_draft()
    other = services.confirm_import(draft=draft, partnership=partnership, user=manager_user)
    with pytest.raises(AlreadyImported):
        updates.apply_update(
            draft=draft, plan_id=plan.pk, partnership=partnership, user=manager_user
        )
    assert other.pk != plan.pk and not PlanUpdate.objects.exists()


def test_only_the_chosen_rows_are_applied(plan, partnership, manager_user):
    draft = update_draft()
    preview = updates.preview_update(draft, plan=plan)
    row = next(row for row in preview.changed if row.action.ref == "1.2")
    chosen = updates.Chosen.from_form([row.choice], [])
    updates.apply_update(
        draft=draft, plan_id=plan.pk, partnership=partnership, user=manager_user, chosen=chosen
    )
    actions = actions_of(plan)
    assert actions["1.2"].due_raw == "Spring Term 2032"
    assert actions["1.1"].status == "on_track" and "2.2" not in actions
    assert not ProgressUpdate.objects.exists()


def test_a_change_made_after_the_preview_refuses_the_whole_update(plan, partnership, manager_user):
    draft = update_draft()
    preview = updates.preview_update(draft, plan=plan)
    chosen = updates.Chosen.from_form([row.choice for row in preview.changed], ["3"])
    one = actions_of(plan)["1.2"]
    one.text = "Changed by someone else"
    one.version += 1
    one.save()
    with pytest.raises(updates.PlanChanged):
        updates.apply_update(
            draft=draft, plan_id=plan.pk, partnership=partnership, user=manager_user, chosen=chosen
        )
    assert actions_of(plan)["1.1"].status == "on_track"  # nothing applied
    assert Action.objects.count() == 4 and not PlanUpdate.objects.exists()


def test_another_partnerships_plan_cannot_be_updated(plan, manager_user):
    other = PartnershipFactory()
    with pytest.raises(Plan.DoesNotExist):
        updates.apply_update(
            draft=update_draft(), plan_id=plan.pk, partnership=other, user=manager_user
        )
    assert not PlanUpdate.objects.exists()


# --- the command ---------------------------------------------------------------------------


def run(*args):
    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


def test_the_command_applies_an_update_and_says_what_it_did(plan, tmp_path):
    path = tmp_path / "may.txt"
    path.write_text(UPDATE_TEXT)
    dry = run(str(path), "--update-plan", str(plan.pk), "--dry-run")
    assert "matched 3, changed 2, new 1, missing 1" in dry
    assert Action.objects.count() == 4 and not PlanUpdate.objects.exists()

    out = run(str(path), "--update-plan", str(plan.pk))
    assert "matched 3, changed 2, new 1, missing 1" in out
    assert Action.objects.count() == 5 and PlanUpdate.objects.count() == 1
    assert "matched 4, changed 0, new 0, missing 1" in run(str(path), "--update-plan", str(plan.pk))
    assert Action.objects.count() == 5


def test_the_command_refuses_a_plan_that_is_not_there(tmp_path):
    path = tmp_path / "may.txt"
    path.write_text(UPDATE_TEXT)
    with pytest.raises(CommandError, match="No plan 999999"):
        run(str(path), "--update-plan", "999999")


# --- the pages -----------------------------------------------------------------------------


@pytest.fixture
def manager(client_for, manager_user):
    return client_for(manager_user)


def upload_update(manager, partnership, plan, text=UPDATE_TEXT):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = SimpleUploadedFile("may.txt", text.encode())
    response = manager.post(
        url("import_upload", partnership), {"document": document, "update_plan": str(plan.pk)}
    )
    assert response.status_code == 302, response.content.decode()
    preview = manager.get(response["Location"])
    # Every upload goes through the preview, where it can be corrected, before the compare.
    assert "Compare with" in text_of(preview)
    return manager.post(
        url("import_update_compare", partnership),
        {"draft": draft_token(preview), "plan": str(plan.pk)},
    )


def test_the_upload_page_offers_the_partnerships_live_plans(manager, partnership, plan):
    PlanFactory(partnership=PartnershipFactory(), title="Someone else's plan")
    shown = text_of(manager.get(url("import_upload", partnership)))
    assert "A new plan" in shown and f"An update of {plan.title}" in shown
    assert "Someone else's plan" not in shown


def test_the_preview_shows_the_differences_and_unticked_rows_are_not_applied(
    manager, partnership, plan
):
    response = upload_update(manager, partnership, plan)
    assert response.status_code == 200
    shown = text_of(response)
    assert f"Update {plan.title}" in shown
    assert "matched 3, changed 2, new 1, missing 1" in shown
    assert "On track" in shown and "Delayed" in shown
    assert "Spring Term 2032 (31 March 2032)" in shown
    assert "Agree a transition protocol with adult social care" in shown
    assert "Set up a weekly triage panel with health partners" in shown  # missing, kept
    html = response.content.decode()
    assert html.count('type="checkbox"') == 3 and html.count("checked") >= 3
    assert Action.objects.count() == 4

    preview = updates.preview_update(update_draft(), plan=plan)
    delayed = next(row for row in preview.changed if row.action.ref == "1.1")
    confirm = manager.post(
        url("import_update_confirm", partnership),
        {"draft": draft_token(response), "plan": str(plan.pk), "changed": [delayed.choice]},
    )
    assert confirm.status_code == 302
    assert confirm["Location"] == reverse(
        "plan_detail", kwargs={"partnership": partnership.slug, "plan_id": plan.pk}
    )
    actions = actions_of(plan)
    assert actions["1.1"].status == "delayed"
    assert actions["1.2"].due_raw == "Autumn Term 2031" and "2.2" not in actions
    page = text_of(manager.get(confirm["Location"]))
    assert "matched 3, changed 1, new 0, missing 1" in page

    again = manager.post(
        url("import_update_confirm", partnership),
        {"draft": draft_token(response), "plan": str(plan.pk), "changed": [delayed.choice]},
    )
    assert again.status_code == 409
    assert "This update has already been confirmed" in text_of(again)
    assert PlanUpdate.objects.count() == 1


def test_another_partnerships_plan_is_not_found(manager, partnership, plan):
    response = upload_update(manager, partnership, plan)
    foreign = PlanFactory(partnership=PartnershipFactory())
    confirm = manager.post(
        url("import_update_confirm", partnership),
        {"draft": draft_token(response), "plan": str(foreign.pk)},
    )
    assert confirm.status_code == 404
    refused = manager.post(
        url("import_upload", partnership),
        {"document": _file(), "update_plan": str(foreign.pk)},
    )
    assert refused.status_code == 400
    assert not PlanUpdate.objects.exists()


def _file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("may.txt", UPDATE_TEXT.encode())


def test_a_new_plan_upload_still_makes_a_new_plan(manager, partnership, plan):
    response = upload(manager, partnership, UPDATE_TEXT.encode())
    assert "Check the import" in text_of(response)
    manager.post(url("import_confirm", partnership), {"draft": draft_token(response)})
    assert Plan.objects.count() == 2


def test_the_preview_reads_a_fixed_number_of_queries(plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        preview = updates.preview_update(update_draft(), plan=plan)
    assert preview.matched == 3 and len(queries) == 1


def test_a_plans_page_offers_to_import_its_update_with_the_plan_chosen(plan, partnership, manager):
    page = manager.get(
        reverse("plan_detail", kwargs={"partnership": partnership.slug, "plan_id": plan.pk})
    ).content.decode()
    upload_url = reverse("import_upload", kwargs={"partnership": partnership.slug})
    assert f'href="{upload_url}?update={plan.pk}">Import an update from a document</a>' in page
    chosen = manager.get(f"{upload_url}?update={plan.pk}").content.decode()
    assert f'type="radio" value="{plan.pk}" checked>' in chosen
    other = manager.get(f"{upload_url}?update=999999").content.decode()
    assert 'type="radio" value="" checked>' in other and other.count(" checked>") == 1
