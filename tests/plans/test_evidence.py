"""Evidence of progress, sign-off of completed actions and reasons for new due dates: what a
programme manager relies on when a lead says an action is done or late."""

import stat
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sendtrack.core.editing import StaleEdit
from sendtrack.core.history import audit_trail
from sendtrack.core.private_files import UploadRejected
from sendtrack.domain.rag import Rag
from sendtrack.plans import selectors, services
from sendtrack.plans.models import Action, EvidenceFile, PlanSettings
from tests.date_input import date_input
from tests.factories import (
    ActionFactory,
    MembershipFactory,
    PartnershipFactory,
    PlanFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.SENDTRACK_UPLOAD_ROOT = tmp_path / "uploads"
    return tmp_path / "uploads"


@pytest.fixture
def action(partnership, members):
    action = ActionFactory(
        plan=PlanFactory(partnership=partnership),
        ref="2.1",
        text="Publish the Local Offer leaflet",
        due=timezone.localdate() + timedelta(days=60),
    )
    action.owners.add(members["lead_person"])
    return action


def needs_sign_off(partnership, on=True):
    PlanSettings.objects.update_or_create(
        partnership=partnership, defaults={"completion_needs_sign_off": on}
    )


def update(partnership, action, user, status="in_progress", **evidence):
    return services.add_progress_update(
        partnership=partnership,
        action_id=action.pk,
        user=user,
        status=status,
        commentary="Leaflet printed and sent to schools",
        **evidence,
    ).update


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


# --- evidence on progress updates -------------------------------------------------------------


def test_an_evidence_file_is_kept_privately_under_a_random_name(
    partnership, members, action, uploads
):
    kept = update(
        partnership,
        action,
        members["action_lead"],
        evidence_files=[ContentFile(PDF, name="Robin Childname leaflet.pdf")],
    )
    evidence = kept.evidence_files.get()
    assert (evidence.filename, evidence.content_type, evidence.size) == (
        "Robin Childname leaflet.pdf",
        "application/pdf",
        len(PDF),
    )
    assert "Robin" not in evidence.file.name
    assert evidence.file.name.startswith(f"plans/evidence/{partnership.pk}/")
    on_disk = uploads / evidence.file.name
    assert stat.S_IMODE(on_disk.stat().st_mode) == 0o600
    assert on_disk.read_bytes() == PDF
    assert evidence.partnership == partnership and evidence.uploaded_by == members["action_lead"]


def test_pictures_are_evidence_too(partnership, members, action):
    kept = update(
        partnership, action, members["action_lead"], evidence_files=[ContentFile(PNG, "a.png")]
    )
    assert kept.evidence_files.get().content_type == "image/png"


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (EXE, "leaflet.pdf", "must be a PDF, a Word document, or a PNG or JPEG picture"),
        (PNG, "leaflet.pdf", "name does not match what is in it"),
        (PDF, "leaflet.exe", "must be a PDF, a Word document, or a PNG or JPEG picture"),
        (b"", "leaflet.pdf", "empty"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_kept(
    partnership, members, action, content, name, says
):
    with pytest.raises(UploadRejected, match=says):
        update(
            partnership,
            action,
            members["action_lead"],
            evidence_files=[ContentFile(content, name=name)],
        )
    assert not action.updates.exists() and not EvidenceFile.objects.exists()


def test_too_many_files_for_one_update_are_refused(partnership, members, action):
    files = [ContentFile(PDF, name=f"{n}.pdf") for n in range(services.MAX_EVIDENCE_FILES + 1)]
    with pytest.raises(UploadRejected, match="at most 5 files"):
        update(partnership, action, members["action_lead"], evidence_files=files)


def test_evidence_links_must_be_secure_web_addresses(partnership, members, action):
    with pytest.raises(services.EvidenceLinkRefused, match="https://"):
        update(partnership, action, members["action_lead"], evidence_links=["http://example.org/x"])
    kept = update(
        partnership, action, members["action_lead"], evidence_links=["https://example.org/x"]
    )
    assert kept.evidence_links == ["https://example.org/x"]


def test_evidence_cannot_be_added_to_another_partnerships_action(partnership, members):
    theirs = ActionFactory(plan=PlanFactory(partnership=PartnershipFactory(slug="elsewhere")))
    with pytest.raises(Action.DoesNotExist):
        update(partnership, theirs, None, evidence_files=[ContentFile(PDF, name="x.pdf")])
    assert not EvidenceFile.objects.exists()


# --- completion needs evidence and sign-off ---------------------------------------------------


def test_without_the_setting_complete_is_blue_at_once(partnership, members, action):
    update(partnership, action, members["action_lead"], status="complete")
    action.refresh_from_db()
    assert not action.awaiting_sign_off
    assert selectors.action_rag(action, timezone.localdate()).rag is Rag.BLUE


def test_with_the_setting_complete_needs_evidence(partnership, members, action):
    needs_sign_off(partnership)
    with pytest.raises(services.EvidenceNeeded):
        update(partnership, action, members["action_lead"], status="complete")
    action.refresh_from_db()
    assert action.status == "in_progress" and not action.updates.exists()
    with pytest.raises(services.EvidenceNeeded):
        services.update_action(
            partnership=partnership,
            action_id=action.pk,
            user=members["programme_manager"],
            expected_version=action.version,
            changes={"status": "complete"},
        )


def test_evidence_from_an_earlier_update_counts(partnership, members, action):
    needs_sign_off(partnership)
    update(partnership, action, members["action_lead"], evidence_links=["https://example.org/a"])
    update(partnership, action, members["action_lead"], status="complete")
    action.refresh_from_db()
    assert action.status == "complete" and action.awaiting_sign_off


def test_awaiting_sign_off_is_not_complete_until_a_programme_manager_signs_it_off(
    partnership, members, action
):
    needs_sign_off(partnership)
    update(
        partnership,
        action,
        members["action_lead"],
        status="complete",
        evidence_files=[ContentFile(PDF, name="leaflet.pdf")],
    )
    action.refresh_from_db()
    today = timezone.localdate()
    rating = selectors.action_rag(action, today)
    assert action.awaiting_sign_off and rating.rag is Rag.GREEN
    assert "awaiting sign-off" in rating.reason
    summary = selectors.dashboard(partnership, today)[0]
    assert summary.tally.counts[Rag.BLUE] == 0

    for role in ("action_lead", "viewer"):
        with pytest.raises(services.SignOffRefused, match="Only a programme manager"):
            services.sign_off_action(
                partnership=partnership,
                action_id=action.pk,
                user=members[role],
                expected_version=action.version,
            )
    manager = members["programme_manager"]
    services.sign_off_action(
        partnership=partnership, action_id=action.pk, user=manager, expected_version=action.version
    )
    action.refresh_from_db()
    assert not action.awaiting_sign_off
    assert action.signed_off_by == manager and action.signed_off_at is not None
    assert selectors.action_rag(action, today).rag is Rag.BLUE
    signed = audit_trail(action)[0]
    assert signed.who == str(manager)
    assert {c.label for c in signed.changes} >= {"Awaiting sign-off", "Signed off by"}


def test_sign_off_is_refused_when_stale_or_nothing_waits_or_in_another_partnership(
    partnership, members, action
):
    manager = members["programme_manager"]
    with pytest.raises(services.SignOffRefused, match="not waiting"):
        services.sign_off_action(
            partnership=partnership,
            action_id=action.pk,
            user=manager,
            expected_version=action.version,
        )
    needs_sign_off(partnership)
    opened = action.version
    update(
        partnership, action, members["action_lead"], "complete", evidence_links=["https://a.b/c"]
    )
    with pytest.raises(StaleEdit):
        services.sign_off_action(
            partnership=partnership, action_id=action.pk, user=manager, expected_version=opened
        )
    elsewhere = PartnershipFactory(slug="elsewhere")
    MembershipFactory(user=manager, partnership=elsewhere, role="programme_manager")
    action.refresh_from_db()
    with pytest.raises(Action.DoesNotExist):
        services.sign_off_action(
            partnership=elsewhere, action_id=action.pk, user=manager, expected_version=opened + 1
        )
    action.refresh_from_db()
    assert action.awaiting_sign_off


def test_reopening_an_action_takes_it_out_of_waiting(partnership, members, action):
    needs_sign_off(partnership)
    lead = members["action_lead"]
    update(partnership, action, lead, "complete", evidence_links=["https://a.b/c"])
    update(partnership, action, lead, "in_progress")
    action.refresh_from_db()
    assert not action.awaiting_sign_off


def test_plan_settings_are_kept_with_their_history_and_refuse_stale_changes(partnership, members):
    admin = members["administrator"]
    opened = selectors.plan_settings(partnership)
    assert not opened.completion_needs_sign_off
    services.change_plan_settings(
        partnership=partnership,
        user=admin,
        expected_version=opened.version,
        completion_needs_sign_off=True,
    )
    assert selectors.plan_settings(partnership).completion_needs_sign_off
    with pytest.raises(StaleEdit):  # a second administrator had the page open too
        services.change_plan_settings(
            partnership=partnership,
            user=admin,
            expected_version=opened.version,
            completion_needs_sign_off=False,
        )
    other = PartnershipFactory(slug="elsewhere")
    assert not selectors.plan_settings(other).completion_needs_sign_off


# --- reasons for new due dates ----------------------------------------------------------------


def test_moving_a_due_date_needs_a_reason_kept_in_the_history(partnership, members, action):
    manager = members["programme_manager"]
    later = action.due + timedelta(days=30)
    with pytest.raises(services.DueDateWithoutReason):
        services.update_action(
            partnership=partnership,
            action_id=action.pk,
            user=manager,
            expected_version=action.version,
            changes={"due": later, "due_change_reason": "  "},
        )
    services.update_action(
        partnership=partnership,
        action_id=action.pk,
        user=manager,
        expected_version=action.version,
        changes={"due": later, "due_change_reason": "Printer delayed by a month"},
    )
    action.refresh_from_db()
    assert (action.due, action.due_change_reason) == (later, "Printer delayed by a month")
    changes = {c.label: c.new for c in audit_trail(action)[0].changes}
    assert changes["Reason for the new date"] == "Printer delayed by a month"


def test_a_first_due_date_needs_no_reason(partnership, members):
    undated = ActionFactory(plan=PlanFactory(partnership=partnership), due=None)
    services.update_action(
        partnership=partnership,
        action_id=undated.pk,
        user=members["programme_manager"],
        expected_version=undated.version,
        changes={"due": date(2027, 3, 31)},
    )
    undated.refresh_from_db()
    assert undated.due == date(2027, 3, 31)


# --- pages ------------------------------------------------------------------------------------


def test_a_program_renamed_as_a_pdf_is_refused_in_the_error_summary(
    client_for, partnership, members, action
):
    client = client_for(members["action_lead"])
    response = client.post(
        url("action_add_update", partnership, action_id=action.pk),
        {
            "version": action.version,
            "status": "in_progress",
            "commentary": "Leaflet printed",
            "evidence_files": [SimpleUploadedFile("leaflet.pdf", EXE)],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert (
        '<a href="#id_evidence_files">The selected file must be a PDF, a Word document, or a '
        "PNG or JPEG picture</a>" in page
    )
    assert not action.updates.exists() and not EvidenceFile.objects.exists()


def test_a_lead_adds_evidence_that_people_who_see_the_action_download(
    client, client_for, partnership, members, action
):
    lead = client_for(members["action_lead"])
    response = lead.post(
        url("action_add_update", partnership, action_id=action.pk),
        {
            "version": action.version,
            "status": "in_progress",
            "commentary": "Leaflet printed",
            "evidence_files": [
                SimpleUploadedFile("leaflet.pdf", PDF),
                SimpleUploadedFile("stall.png", PNG),
            ],
            "evidence_links": "https://example.org/local-offer",
        },
    )
    assert response.status_code == 302
    leaflet, stall = EvidenceFile.objects.order_by("id")
    download = url("evidence_download", partnership, action_id=action.pk, evidence_id=leaflet.pk)

    viewer = client_for(members["viewer"])
    page = viewer.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert download in page and "stall.png" in page
    assert 'href="https://example.org/local-offer"' in page
    got = viewer.get(download)
    assert got.status_code == 200
    assert got["Content-Disposition"].startswith('attachment; filename="leaflet.pdf"')
    assert b"".join(got.streaming_content) == PDF

    # The same evidence under another action's address is not found.
    other = ActionFactory(plan=action.plan)
    assert (
        viewer.get(
            url("evidence_download", partnership, action_id=other.pk, evidence_id=leaflet.pk)
        ).status_code
        == 404
    )
    # Someone from another partnership finds nothing; signed out, they are asked to sign in.
    stranger = UserFactory(username="stranger")
    MembershipFactory(user=stranger, partnership=PartnershipFactory(slug="x"), role="viewer")
    client.force_login(stranger)
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302


def test_sign_off_on_the_action_page(client_for, partnership, members, action):
    needs_sign_off(partnership)
    lead = client_for(members["action_lead"])
    form = {"version": action.version, "status": "complete", "commentary": "Leaflet out"}
    refused = lead.post(url("action_add_update", partnership, action_id=action.pk), form)
    assert "Add evidence of what was done" in refused.content.decode()
    form["evidence_links"] = "https://example.org/leaflet"
    lead.post(url("action_add_update", partnership, action_id=action.pk), form)
    detail = url("action_detail", partnership, action_id=action.pk)
    page = lead.get(detail).content.decode()
    assert "Awaiting sign-off" in page and "Sign off as complete" not in page

    assert (
        "awaiting sign-off</caption>"
        not in lead.get(url("dashboard", partnership)).content.decode()
    )

    manager = client_for(members["programme_manager"])
    dashboard = manager.get(url("dashboard", partnership)).content.decode()
    assert "Marked complete, awaiting sign-off</caption>" in dashboard
    assert "Publish the Local Offer leaflet" in dashboard
    page = manager.get(detail).content.decode()
    assert "Sign off as complete" in page
    action.refresh_from_db()
    signed = manager.post(
        url("action_sign_off", partnership, action_id=action.pk), {"version": action.version}
    )
    assert signed.status_code == 302
    page = manager.get(detail).content.decode()
    assert 'govuk-tag--yellow">Awaiting sign-off' not in page
    assert f"Signed off as complete by {members['programme_manager']}" in page


def test_a_new_due_date_asks_for_its_reason_and_shows_it(client_for, partnership, members, action):
    client = client_for(members["action_lead"])
    edit = url("action_edit", partnership, action_id=action.pk)
    form = {
        "version": action.version,
        "ref": action.ref,
        "text": action.text,
        "owner_raw": action.owner_raw,
        "due_raw": "",
        **date_input("due", "30/6/2031"),
        "due_precision": "day",
        "status": "in_progress",
        "rag_override": "",
        "rag_override_reason": "",
    }
    missing = client.post(edit, form).content.decode()
    assert '<a href="#id_due_change_reason">Enter the reason for the new date</a>' in missing
    saved = client.post(edit, {**form, "due_change_reason": "Waiting for the forum's review"})
    assert saved.status_code == 302
    page = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "Reason for the new date: Waiting for the forum&#x27;s review" in page
    assert "30 June 2031" in page


def test_the_administrator_sets_whether_completion_needs_sign_off(client_for, partnership, members):
    client = client_for(members["administrator"])
    settings_url = url("plan_settings", partnership)
    page = client.get(settings_url).content.decode()
    assert "Plan settings" in page and 'value="no" checked' in page
    assert 'name="version" value="0"' in page
    saved = client.post(settings_url, {"version": 0, "completion_needs_sign_off": "yes"})
    assert saved.status_code == 302
    assert selectors.plan_settings(partnership).completion_needs_sign_off
    page = client.get(settings_url).content.decode()
    assert 'value="yes" checked' in page and str(members["administrator"]) in page


def test_a_monthly_update_moves_a_date_with_itself_as_the_reason_and_completion_waits(
    partnership, members, action
):
    needs_sign_off(partnership)
    later = action.due + timedelta(days=30)
    services.apply_imported_changes(
        partnership=partnership,
        action_id=action.pk,
        user=members["programme_manager"],
        expected_version=action.version,
        changes={"due": later},
        progress=services.ImportedProgress("complete", "Complete", timezone.localdate()),
    )
    action.refresh_from_db()
    assert (action.due, action.due_change_reason) == (later, services.IMPORTED_DUE_REASON)
    assert action.status == "complete" and action.awaiting_sign_off
    assert selectors.action_rag(action, timezone.localdate()).rag is not Rag.BLUE


def test_the_evidence_fields_say_completion_needs_evidence_when_it_does(
    client_for, partnership, members, action
):
    client = client_for(members["action_lead"])
    page = client.get(url("action_add_update", partnership, action_id=action.pk)).content.decode()
    assert "Evidence files (optional)" in page and "needs evidence" not in page

    needs_sign_off(partnership)
    page = client.get(url("action_add_update", partnership, action_id=action.pk)).content.decode()
    assert "Evidence files (optional)" not in page
    assert "Links to evidence (optional)" not in page
    assert "Marking the action complete needs evidence" in page
