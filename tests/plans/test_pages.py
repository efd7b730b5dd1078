"""What a programme manager, an action lead and a viewer see and can do on the plan pages."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sendtrack.core.history import audit_trail, field_label
from sendtrack.plans import services
from sendtrack.plans.models import Action, ProgressUpdate
from tests.date_input import date_input
from tests.factories import (
    ActionFactory,
    FindingFactory,
    MembershipFactory,
    PartnershipFactory,
    PlanFactory,
    RiskFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def plan(partnership, members):
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    workstream = SectionFactory(plan=plan, title="Workstream 1 – Local Offer", ref="1")
    objective = SectionFactory(
        plan=plan, parent=workstream, title="Objective 1.1 Parents can find help", ref="1.1"
    )
    today = timezone.localdate()
    overdue = ActionFactory(
        plan=plan,
        section=objective,
        ref="1.1.1",
        text="Run parent focus groups",
        due=today - timedelta(days=10),
        owner_raw="Lee Lead",
    )
    overdue.owners.add(members["lead_person"])
    ActionFactory(
        plan=plan,
        section=objective,
        ref="1.1.2",
        text="Publish the new pages",
        status="complete",
        owner_raw="Head of Service",
    )
    ActionFactory(
        plan=plan,
        section=workstream,
        ref="1.2",
        text="Agree the comms plan",
        due=today + timedelta(days=200),
        status="on_track",
        owner_raw="Head of Service",
    )
    return plan


def test_dashboard_shows_each_plan_with_brag_counts(client_for, members, partnership, plan):
    response = client_for(members["viewer"]).get(url("dashboard", partnership))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Northdale written statement" in page
    assert "Red 1" in page and "Blue (complete) 1" in page and "Green 1" in page
    assert "Workstream 1 – Local Offer" in page


def test_plan_page_shows_section_tree_and_filters(client_for, members, partnership, plan):
    client = client_for(members["viewer"])
    page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Objective 1.1 Parents can find help" in page
    assert 'Workstream 1 – Local Offer</a> <span class="govuk-body-s">(workstream)</span>' in page
    assert "Run parent focus groups" in page and "Agree the comms plan" in page

    red_only = client.get(url("plan_detail", partnership, plan_id=plan.pk), {"rag": "red"})
    assert "Run parent focus groups" in red_only.content.decode()
    assert "Agree the comms plan" not in red_only.content.decode()

    by_owner = client.get(url("plan_detail", partnership, plan_id=plan.pk), {"owner": "Lee Lead"})
    assert "Publish the new pages" not in by_owner.content.decode()

    search = client.get(url("plan_detail", partnership, plan_id=plan.pk), {"q": "comms"})
    assert "Agree the comms plan" in search.content.decode()
    assert "Run parent focus groups" not in search.content.decode()

    complete = client.get(url("plan_detail", partnership, plan_id=plan.pk), {"status": "complete"})
    assert "Publish the new pages" in complete.content.decode()
    assert "Agree the comms plan" not in complete.content.decode()


def test_a_rating_the_document_stated_is_not_said_to_be_set_by_hand(
    client_for, members, partnership, plan
):
    from sendtrack.plans.models import RAG_STATED_REASON

    section = plan.sections.get(ref="1")
    ActionFactory(
        plan=plan,
        section=section,
        ref="1.3",
        text="Read from the document",
        rag_override="amber",
        rag_override_reason=RAG_STATED_REASON,
    )
    ActionFactory(plan=plan, section=section, ref="1.4", text="Rated by the manager",
                  rag_override="red", rag_override_reason="Funding withdrawn")  # fmt: skip
    page = client_for(members["viewer"]).get(url("plan_detail", partnership, plan_id=plan.pk))
    shown = page.content.decode()
    assert shown.count("(stated in the document)") == 1
    assert shown.count("(set by hand)") == 1


def test_plan_page_filters_by_due_dates_typed_as_day_month_and_year(
    client_for, members, partnership, plan
):
    client = client_for(members["viewer"])
    soon = timezone.localdate() + timedelta(days=100)
    later = client.get(
        url("plan_detail", partnership, plan_id=plan.pk),
        {"due_from-day": soon.day, "due_from-month": f"{soon:%b}", "due_from-year": soon.year},
    ).content.decode()
    assert "Agree the comms plan" in later and "Run parent focus groups" not in later
    assert f'name="due_from-month" type="text" value="{soon:%b}"' in later

    wrong = client.get(
        url("plan_detail", partnership, plan_id=plan.pk),
        {"due_to-day": "31", "due_to-month": "2", "due_to-year": "2026"},
    ).content.decode()
    assert "Due by must be a real date" in wrong
    assert "Agree the comms plan" in wrong and "Run parent focus groups" in wrong


def test_lead_updates_own_action_and_its_rag_and_history_change(
    client_for, members, partnership, plan
):
    action = Action.objects.get(ref="1.1.1")
    client = client_for(members["action_lead"])
    before = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "govuk-tag--red" in before

    response = client.post(
        url("action_add_update", partnership, action_id=action.pk),
        {"version": action.version, "status": "complete", "commentary": "Four groups held."},
    )
    assert response.status_code == 302
    after = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "Blue (complete)" in after and "Four groups held." in after
    assert "Status: " in after or "Status" in after
    action.refresh_from_db()
    assert action.status == "complete"
    assert action.history.count() == 2
    plan_page = client.get(url("plan_detail", partnership, plan_id=plan.pk), {"rag": "red"})
    assert "Run parent focus groups" not in plan_page.content.decode()


def test_lead_asks_the_board_for_a_decision_with_an_update(client_for, members, partnership, plan):
    action = Action.objects.get(ref="1.1.1")
    client = client_for(members["action_lead"])
    form = client.get(url("action_add_update", partnership, action_id=action.pk)).content.decode()
    assert "Decision asked of the board (optional)" in form
    assert "to agree a new due date" in form  # the hint says what a decision looks like

    client.post(
        url("action_add_update", partnership, action_id=action.pk),
        {
            "version": action.version,
            "status": "delayed",
            "commentary": "Venue fell through.",
            "decision_asked": "  Agree to move the due date to June.  ",
        },
    )
    update = ProgressUpdate.objects.get(action=action)
    assert update.decision_asked == "Agree to move the due date to June."
    page = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "Decision asked of the board" in page and "Agree to move the due date to June." in page
    assert field_label(update, "decision_asked") == "Decision asked of the board"

    update.decision_asked = "Agree to move the due date to July."
    update.save()
    (change,) = audit_trail(update)[0].changes
    assert (change.label, change.old, change.new) == (
        "Decision asked of the board",
        "Agree to move the due date to June.",
        "Agree to move the due date to July.",
    )


def test_lead_cannot_update_an_action_they_do_not_own(client_for, members, partnership, plan):
    other = Action.objects.get(ref="1.2")
    client = client_for(members["action_lead"])
    response = client.post(
        url("action_add_update", partnership, action_id=other.pk),
        {"version": other.version, "status": "complete", "commentary": "Done"},
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_viewer_cannot_update(client_for, members, partnership, plan):
    action = Action.objects.get(ref="1.1.1")
    response = client_for(members["viewer"]).post(
        url("action_add_update", partnership, action_id=action.pk),
        {"version": action.version, "status": "complete", "commentary": "Done"},
    )
    assert response.status_code == 403


def test_second_save_of_the_same_version_is_refused_showing_what_changed(
    client_for, members, partnership, plan
):
    action = Action.objects.get(ref="1.2")
    opened_version = action.version
    manager = client_for(members["programme_manager"])
    form = {
        "version": opened_version,
        "ref": "1.2",
        "text": "Agree the comms plan with parents",
        "owner_raw": "Head of Service",
        "due_raw": "",
        **date_input("due", ""),
        "due_precision": "none",
        "status": "on_track",
        "rag_override": "",
        "rag_override_reason": "",
        "due_change_reason": "Ongoing work now, with no end date",
    }
    assert (
        manager.post(url("action_edit", partnership, action_id=action.pk), form).status_code == 302
    )

    # A second person opened the same version and now saves a different text.
    admin = client_for(members["administrator"])
    clash = admin.post(
        url("action_edit", partnership, action_id=action.pk),
        {**form, "text": "Agree the comms plan by spring"},
    )
    assert clash.status_code == 200
    page = clash.content.decode()
    assert "Your change was not saved" in page
    assert "Agree the comms plan with parents" in page  # what the first person saved
    action.refresh_from_db()
    assert action.text == "Agree the comms plan with parents"


def test_due_date_is_typed_as_day_month_and_year_and_kept_after_an_error(
    client_for, members, partnership, plan
):
    action = Action.objects.get(ref="1.2")
    client = client_for(members["programme_manager"])
    edit_url = url("action_edit", partnership, action_id=action.pk)
    opened = client.get(edit_url).content.decode()
    assert f'name="due-year" type="text" value="{action.due.year}"' in opened
    form = {
        "version": action.version,
        "ref": "1.2",
        "text": action.text,
        "owner_raw": "Head of Service",
        "due_raw": "",
        "due_precision": "day",
        "status": "on_track",
        "rag_override": "",
        "rag_override_reason": "",
        "due_change_reason": "The board agreed a later date",
    }
    wrong = client.post(edit_url, {**form, **date_input("due", "31/April/2027")})
    page = wrong.content.decode()
    assert '<a href="#id_due-day">Due date must be a real date</a>' in page
    assert 'name="due-month" type="text" value="April"' in page
    assert client.post(edit_url, {**form, **date_input("due", "30/Apr/2027")}).status_code == 302
    action.refresh_from_db()
    assert action.due == date(2027, 4, 30)


def test_manual_rag_needs_a_reason_and_shows_as_set_by_hand(client_for, members, partnership, plan):
    action = Action.objects.get(ref="1.2")
    client = client_for(members["programme_manager"])
    form = {
        "version": action.version,
        "ref": "1.2",
        "text": action.text,
        "owner_raw": "Head of Service",
        "due_raw": "",
        **date_input("due", ""),
        "due_precision": "none",
        "status": "on_track",
        "rag_override": "red",
        "rag_override_reason": "",
        "due_change_reason": "Ongoing work now, with no end date",
    }
    missing = client.post(url("action_edit", partnership, action_id=action.pk), form)
    assert "Enter a reason for setting the RAG rating by hand" in missing.content.decode()
    form["rag_override_reason"] = "Funding withdrawn"
    client.post(url("action_edit", partnership, action_id=action.pk), form)
    page = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "Set by hand" in page and "Funding withdrawn" in page


def test_archived_action_is_kept_but_leaves_the_plan(client_for, members, partnership, plan):
    action = Action.objects.get(ref="1.2")
    client = client_for(members["programme_manager"])
    client.post(
        url("action_archive", partnership, action_id=action.pk), {"version": action.version}
    )
    action.refresh_from_db()
    assert action.archived_at is not None
    plan_page = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Agree the comms plan" not in plan_page
    action_page = client.get(url("action_detail", partnership, action_id=action.pk))
    assert "archived" in action_page.content.decode()


def test_text_from_documents_is_never_rendered_as_html(client_for, members, partnership, plan):
    action = ActionFactory(plan=plan, text='<script>alert("x")</script><b>Bold</b>')
    page = client_for(members["viewer"]).get(url("action_detail", partnership, action_id=action.pk))
    html = page.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_exports_hold_every_action_and_defuse_formulas(client_for, members, partnership, plan):
    ActionFactory(plan=plan, text='=HYPERLINK("http://example.invalid")')
    client = client_for(members["viewer"])
    response = client.get(url("plan_export", partnership, plan_id=plan.pk, fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Ref", "Section", "Action"]
    assert len(rows) == 1 + 4
    assert any(row[2].startswith("'=HYPERLINK") for row in rows)
    xlsx = client.get(url("plan_export", partnership, plan_id=plan.pk, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 5
    assert sheet.cell(row=1, column=3).value == "Action"


def test_risk_register_downloads_as_csv_and_xlsx(client_for, members, partnership, plan):
    RiskFactory(plan=plan, title="Rising requests for assessment", rag="red")
    RiskFactory(plan=plan, title="-1 officers in post", mitigation="=cmd|' /C calc'!A0")
    client = client_for(members["viewer"])
    response = client.get(url("risk_register_export", partnership, plan_id=plan.pk, fmt="csv"))
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Risk", "Detail", "RAG"]
    by_title = {row[0]: row for row in rows[1:]}
    assert by_title["Rising requests for assessment"][2] == "Red"
    mitigation = rows[0].index("Mitigation")
    assert by_title["'-1 officers in post"][mitigation].startswith("'=cmd")
    xlsx = client.get(url("risk_register_export", partnership, plan_id=plan.pk, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.title == "Risk register"
    assert [c.value for c in sheet[1]][:3] == ["Risk", "Detail", "RAG"]
    assert sheet.max_row == 3
    assert (
        client.get(url("risk_register_export", partnership, plan_id=plan.pk, fmt="pdf")).status_code
        == 404
    )


def test_risk_register_and_finding_thread(client_for, members, partnership, plan):
    RiskFactory(plan=plan, title="Rising requests for assessment")
    finding = FindingFactory(plan=plan, text="Waiting times for therapy are too long")
    action = Action.objects.get(ref="1.1.1")
    action.findings.add(finding)
    client = client_for(members["viewer"])
    risks = client.get(url("risk_register", partnership, plan_id=plan.pk)).content.decode()
    assert "Rising requests for assessment" in risks
    thread = client.get(url("finding_detail", partnership, finding_id=finding.pk)).content.decode()
    assert (
        "Waiting times for therapy are too long" in thread and "Run parent focus groups" in thread
    )


def test_my_actions_lists_only_the_leads_actions(client_for, members, partnership, plan):
    page = client_for(members["action_lead"]).get(url("my_actions", partnership)).content.decode()
    assert "Run parent focus groups" in page
    assert "Agree the comms plan" not in page
    lead = client_for(members["action_lead"])
    response = lead.get(url("my_actions_export", partnership, fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Plan", "Ref", "Section", "Action"]
    assert [row[3] for row in rows[1:]] == ["Run parent focus groups"]
    assert rows[1][0] == plan.title


def test_another_partnership_sees_nothing(client_for, partnership, plan):
    outsider = UserFactory(username="outsider")
    MembershipFactory(
        user=outsider, partnership=PartnershipFactory(slug="elsewhere"), role="administrator"
    )
    client = client_for(outsider)
    action = Action.objects.filter(plan=plan).first()
    assert client.get(url("dashboard", partnership)).status_code == 404
    assert client.get(url("plan_detail", partnership, plan_id=plan.pk)).status_code == 404
    assert client.get(url("action_detail", partnership, action_id=action.pk)).status_code == 404
    own = reverse("plan_detail", kwargs={"partnership": "elsewhere", "plan_id": plan.pk})
    assert client.get(own).status_code == 404


@pytest.mark.parametrize("page", ["dashboard", "plan_detail", "action_detail"])
def test_queries_per_page_do_not_grow_with_actions(
    client_for, members, partnership, plan, page, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(members["programme_manager"])
    action = Action.objects.get(ref="1.1.1")
    kwargs = {"plan_id": plan.pk} if page == "plan_detail" else {}
    if page == "action_detail":
        kwargs = {"action_id": action.pk}

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(page, partnership, **kwargs)).status_code == 200
        return len(queries)

    few = count()
    section = plan.sections.first()
    for n in range(60):
        ActionFactory(plan=plan, section=section, due=timezone.localdate() + timedelta(days=n))
    assert count() == few


def test_the_dashboard_and_the_plan_page_read_a_fixed_number_of_queries(
    client_for, members, partnership, plan, django_assert_num_queries
):
    """Sign-in (session, user, membership, the signed-in person: 4) and then, for the
    dashboard, where the plans' audit trail has got (1), the plans, sections and every
    action's rating facts (3: only when something changed since it last counted), the
    actions due soon, awaiting sign-off and recently updated (3), the BRAG snapshots' latest id
    (1), the due-date requests waiting for a decision (1), and the BRAG snapshots of past months
    (1: only when the plans' part of the page is drawn again); for the plan page, the plan,
    every action's rating facts once, the ids matching the filters, the page of actions shown,
    sections, leads, impact indicators (none here: the sections in order are read only for
    some), risks, findings and milestones (10)."""
    client = client_for(members["programme_manager"])
    for n in range(120):
        ActionFactory(plan=plan, due=timezone.localdate() + timedelta(days=n % 90))
    with django_assert_num_queries(14):
        assert client.get(url("dashboard", partnership)).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(url("dashboard", partnership)).status_code == 200
    with django_assert_num_queries(14):
        page = client.get(url("plan_detail", partnership, plan_id=plan.pk))
    assert page.status_code == 200


def test_the_dashboard_counts_a_change_at_once(client_for, members, partnership, plan):
    """The dashboard keeps its counts between changes: any change shows on the next read."""
    client = client_for(members["programme_manager"])
    assert "Red 1" in client.get(url("dashboard", partnership)).content.decode()
    overdue = Action.objects.get(ref="1.1.1")
    services.archive_action(
        partnership=partnership,
        action_id=overdue.pk,
        user=members["programme_manager"],
        expected_version=overdue.version,
    )
    assert "Red 0" in client.get(url("dashboard", partnership)).content.decode()
    ActionFactory(plan=plan, due=timezone.localdate() - timedelta(days=1))
    ActionFactory(plan=plan, due=timezone.localdate() - timedelta(days=2))
    assert "Red 2" in client.get(url("dashboard", partnership)).content.decode()


def test_the_plan_page_shows_100_actions_a_page_and_counts_every_match(
    client_for, members, partnership, plan
):
    today = timezone.localdate()
    section = plan.sections.get(ref="1")
    after = max(plan.actions.values_list("position", flat=True)) + 1
    for n in range(130):
        ActionFactory(plan=plan, section=section, ref=f"9.{n}", position=after + n, due=today)
    client = client_for(members["viewer"])
    first = client.get(url("plan_detail", partnership, plan_id=plan.pk)).content.decode()
    assert "Actions (133)" in first and "Page 1 of 2" in first
    assert "Run parent focus groups" in first and ">9.96<" in first and ">9.97<" not in first
    second = client.get(url("plan_detail", partnership, plan_id=plan.pk), {"page": 2})
    assert ">9.97<" in second.content.decode() and ">9.129<" in second.content.decode()
    amber = client.get(url("plan_detail", partnership, plan_id=plan.pk), {"rag": "amber"})
    assert "Actions (130 matching)" in amber.content.decode()
    assert "Run parent focus groups" not in amber.content.decode()


def test_plan_checks_page_lists_smart_problems_linked_to_actions(
    client_for, members, partnership, plan
):
    ActionFactory(plan=plan, ref="1.3", text="Refresh the banding panel terms", owner_raw="")
    page = client_for(members["viewer"]).get(url("plan_problems", partnership, plan_id=plan.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "No lead" in html
    assert "Past its due date and not complete" in html  # 1.1.1 is ten days overdue
    action = Action.objects.get(ref="1.3")
    assert url("action_detail", partnership, action_id=action.pk) in html


def test_action_and_finding_pages_link_the_indicators_that_evidence_them(
    client_for, members, partnership, plan
):
    from decimal import Decimal

    from sendtrack.indicators import services as indicator_services

    action = Action.objects.get(ref="1.1.1")
    finding = FindingFactory(plan=plan, text="Parents cannot find the Local Offer")
    action.findings.add(finding)

    def indicator(owner, name, **links):
        return indicator_services.create_indicator(
            partnership=owner,
            user=None,
            name=name,
            kind="how_well",
            target_value=Decimal("80"),
            links=links,
        )

    ours = indicator(
        partnership, "Parents who found what they needed", actions=[action], findings=[finding]
    )
    indicator(partnership, "Visits to the Local Offer")  # linked to nothing
    elsewhere = PartnershipFactory(slug="elsewhere")
    theirs = indicator(elsewhere, "Another area's satisfaction survey")
    # Even a link made behind the service's back never shows another partnership's indicator.
    theirs.actions.add(action)
    theirs.findings.add(finding)

    client = client_for(members["viewer"])
    link = url("indicator_detail", partnership, indicator_id=ours.pk)
    for page in (
        url("action_detail", partnership, action_id=action.pk),
        url("finding_detail", partnership, finding_id=finding.pk),
    ):
        html = client.get(page).content.decode()
        assert "Indicators that evidence it" in html
        assert f'href="{link}">Parents who found what they needed</a>' in html
        assert "Visits to the Local Offer" not in html
        assert "satisfaction survey" not in html

    other = Action.objects.get(ref="1.2")
    html = client.get(url("action_detail", partnership, action_id=other.pk)).content.decode()
    assert "Indicators that evidence it" in html and "Parents who found" not in html


def test_dashboard_counts_download_as_csv_and_xlsx(client_for, members, partnership, plan):
    client = client_for(members["viewer"])
    response = client.get(url("dashboard_export", partnership, fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Plan", "Section", "Overall RAG", "Blue"]
    whole = next(r for r in rows[1:] if r[1] == "Whole plan")
    sections = [r for r in rows[1:] if r[0] == plan.title and r[1] != "Whole plan"]
    live = Action.objects.filter(plan=plan, archived_at__isnull=True).count()
    assert sum(int(n) for n in whole[3:7]) == live
    assert sum(sum(int(n) for n in r[3:7]) for r in sections) == live
    xlsx = client.get(url("dashboard_export", partnership, fmt="xlsx"))
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == len(rows)


def test_a_new_action_with_no_updates_says_so_and_an_update_changes_it(
    client_for, members, partnership, plan
):
    section = plan.sections.first()
    action = services.add_action(
        partnership=partnership,
        section_id=section.pk,
        user=members["programme_manager"],
        text="Publish the short breaks statement",
        status="on_track",
    )
    client = client_for(members["programme_manager"])
    page = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "No updates yet" in page and "updated in the last" not in page

    client.post(
        url("action_add_update", partnership, action_id=action.pk),
        {"version": action.version, "status": "on_track", "commentary": "Draft shared."},
    )
    page = client.get(url("action_detail", partnership, action_id=action.pk)).content.decode()
    assert "No updates yet" not in page and "updated in the last" in page


def test_downloads_are_named_after_the_plan_in_safe_characters(
    client_for, members, partnership, plan
):
    client = client_for(members["viewer"])
    plan.title = 'Seacombe SEND "improvement" plan / 2026-27'
    plan.save()
    response = client.get(url("plan_export", partnership, plan_id=plan.pk, fmt="xlsx"))
    assert response["Content-Disposition"] == (
        'attachment; filename="seacombe-send-improvement-plan-2026-27-actions.xlsx"'
    )
    risks = client.get(url("risk_register_export", partnership, plan_id=plan.pk, fmt="csv"))
    assert risks["Content-Disposition"].endswith(
        'filename="seacombe-send-improvement-plan-2026-27-risks.csv"'
    )

    plan.title = "—"
    plan.save()
    response = client.get(url("plan_export", partnership, plan_id=plan.pk, fmt="csv"))
    assert response["Content-Disposition"].endswith(f'filename="plan-{plan.pk}-actions.csv"')
