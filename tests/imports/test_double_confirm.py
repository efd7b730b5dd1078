"""One draft makes at most one plan: a second confirm of the same preview is refused, with a
link to the plan the first confirm created (a double click, a resubmitted form, a second tab)."""

import pytest
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse

from sendtrack.imports import services
from sendtrack.imports.services import AlreadyImported, DraftRefused, sign_draft
from sendtrack.plans.models import Action, Plan
from sendtrack.plans.storage import load_plan
from tests.imports.test_upload import PLAN_TEXT, draft_token, error_summary, text_of, upload, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client_for, members):
    return client_for(members["programme_manager"])


def plan_url(partnership, plan):
    return reverse("plan_detail", kwargs={"partnership": partnership.slug, "plan_id": plan.pk})


def test_a_second_confirm_of_one_draft_is_refused_and_links_to_the_plan(manager, partnership):
    token = draft_token(upload(manager, partnership, PLAN_TEXT.encode()))
    first = manager.post(url("import_confirm", partnership), {"draft": token, "page": "1"})
    plan = Plan.objects.get()
    assert first.status_code == 302 and first["Location"] == plan_url(partnership, plan)
    assert plan.import_reference and len(plan.import_reference) >= 20
    actions = Action.objects.count()

    second = manager.post(url("import_confirm", partnership), {"draft": token, "page": "1"})
    assert second.status_code == 409
    shown = text_of(second)
    assert "This plan has already been imported" in shown
    assert "This import has already been confirmed, so it was not imported again" in shown
    assert f'href="{plan_url(partnership, plan)}"' in second.content.decode()
    assert f"Go to {plan.title}" in shown
    assert Plan.objects.count() == 1 and Action.objects.count() == actions


def test_corrections_keep_the_draft_reference(manager, partnership):
    """Confirming the page before a correction, then the page after it, is still one draft."""
    uploaded = draft_token(upload(manager, partnership, PLAN_TEXT.encode()))
    checked = manager.post(
        url("import_preview", partnership),
        {"draft": uploaded, "page": "1", "show": "1", "actions-2-owner": "Jane Doe"},
    )
    corrected = draft_token(checked)
    assert corrected != uploaded
    assert manager.post(url("import_confirm", partnership), {"draft": uploaded}).status_code == 302
    response = manager.post(url("import_confirm", partnership), {"draft": corrected})
    assert response.status_code == 409
    assert Plan.objects.count() == 1


def test_each_upload_is_a_new_draft(manager, partnership):
    """Uploading the same document twice on purpose imports it twice."""
    for _ in range(2):
        token = draft_token(upload(manager, partnership, PLAN_TEXT.encode()))
        assert manager.post(url("import_confirm", partnership), {"draft": token}).status_code == 302
    references = set(Plan.objects.values_list("import_reference", flat=True))
    assert len(references) == 2 and None not in references


def test_confirm_import_refuses_a_draft_already_loaded(partnership, members):
    draft = services.draft_from_upload(PLAN_TEXT.encode(), "plan.txt")
    user = members["programme_manager"]
    plan = services.confirm_import(draft=draft, partnership=partnership, user=user)
    with pytest.raises(AlreadyImported) as refused:
        services.confirm_import(draft=draft, partnership=partnership, user=user)
    assert refused.value.plan == plan
    assert isinstance(refused.value, DraftRefused)
    assert Plan.objects.count() == 1


def test_two_confirms_at_once_store_one_plan(partnership, members, monkeypatch):
    """When both confirms pass the check before either stores, the unique reference lets
    only one in, and the other is refused just the same."""
    draft = services.draft_from_upload(PLAN_TEXT.encode(), "plan.txt")
    user = members["programme_manager"]
    plan = services.confirm_import(draft=draft, partnership=partnership, user=user)
    real = services.refuse_if_confirmed
    calls = []

    def check(draft, partnership):
        calls.append(draft.reference)
        if len(calls) > 1:  # the first check sees nothing: the other confirm is not stored yet
            real(draft, partnership)

    monkeypatch.setattr(services, "refuse_if_confirmed", check)
    with pytest.raises(AlreadyImported) as refused:
        services.confirm_import(draft=draft, partnership=partnership, user=user)
    assert refused.value.plan == plan
    assert len(calls) == 2  # refused after the insert failed, not by the first check
    assert Plan.objects.count() == 1


def test_load_plan_stores_the_import_reference_once(partnership):
    draft = services.draft_from_upload(PLAN_TEXT.encode(), "plan.txt")
    plan = load_plan(draft.plan, partnership=partnership, import_reference="ref-1")
    assert Plan.objects.get(pk=plan.pk).import_reference == "ref-1"
    with pytest.raises(IntegrityError), transaction.atomic():
        load_plan(draft.plan, partnership=partnership, import_reference="ref-1")
    assert Plan.objects.count() == 1
    assert Action.objects.filter(plan=plan).count() == Action.objects.count()
    assert load_plan(draft.plan, partnership=partnership).import_reference is None
    assert load_plan(draft.plan, partnership=partnership).import_reference is None  # not unique


def test_a_draft_signed_without_a_reference_is_refused(manager, partnership):
    draft = services.draft_from_upload(PLAN_TEXT.encode(), "plan.txt")
    payload = signing.loads(sign_draft(draft, partnership=partnership), salt=services.DRAFT_SALT)
    del payload["reference"]
    old = signing.dumps(payload, salt=services.DRAFT_SALT, compress=True)
    response = manager.post(url("import_confirm", partnership), {"draft": old})
    assert response.status_code == 400
    assert error_summary(response) == [
        "This preview was made by an older version of sendtrack: upload the document again."
    ]
    assert not Plan.objects.exists()
