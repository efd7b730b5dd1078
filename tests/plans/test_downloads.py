"""A programme manager filters the plan page, downloads it, and gets exactly the actions on
screen, with the latest update beside each; the risk register carries its scores."""

import csv
import io
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sendtrack.plans.models import Action
from tests.date_input import date_input
from tests.factories import (
    ActionFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RiskFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    first = SectionFactory(plan=plan, title="Workstream 1 – Local Offer", ref="1")
    objective = SectionFactory(plan=plan, parent=first, title="Objective 1.1", ref="1.1")
    second = SectionFactory(plan=plan, title="Workstream 2 – Training", ref="2")
    today = timezone.localdate()
    for section, ref, text, owner, due, status in [
        (objective, "1.1.1", "Run parent focus groups", "Lee Lead", -10, "in_progress"),
        (objective, "1.1.2", "Publish the new pages", "Head of Service", 40, "complete"),
        (first, "1.2", "Agree the comms plan", "Head of Service", 200, "on_track"),
        (second, "2.1", "Train SENCOs", "Lee Lead", 100, "on_track"),
    ]:
        ActionFactory(
            plan=plan,
            section=section,
            ref=ref,
            text=text,
            owner_raw=owner,
            due=today + timedelta(days=due),
            status=status,
        )
    plan.sections_by_ref = {"1": first, "1.1": objective, "2": second}
    return plan


def _csv(client, partnership, plan, query=""):
    address = url("plan_export", partnership, plan_id=plan.pk, fmt="csv")
    response = client.get(f"{address}?{query}" if query else address)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def _filters(plan):
    today = timezone.localdate()
    sections = plan.sections_by_ref
    due = {**date_input("due_from", today + timedelta(days=30))}
    due |= date_input("due_to", today + timedelta(days=150))
    return [
        ({"section": sections["1"].pk}, ["1.1.1", "1.1.2", "1.2"]),  # a workstream's subtree
        ({"section": sections["1.1"].pk}, ["1.1.1", "1.1.2"]),
        ({"status": "on_track"}, ["1.2", "2.1"]),
        ({"rag": "red"}, ["1.1.1"]),
        ({"owner": "Lee Lead"}, ["1.1.1", "2.1"]),
        (due, ["1.1.2", "2.1"]),
        ({"section": sections["1"].pk, "owner": "Head of Service"}, ["1.1.2", "1.2"]),
        ({}, ["1.1.1", "1.1.2", "1.2", "2.1"]),
    ]


def test_a_filtered_download_holds_only_the_actions_on_screen(
    client_for, members, partnership, plan
):
    client = client_for(members["viewer"])
    for chosen, refs in _filters(plan):
        query = urlencode(chosen)
        rows = _csv(client, partnership, plan, query)
        assert [row[0] for row in rows[1:]] == refs, chosen
        page = client.get(url("plan_detail", partnership, plan_id=plan.pk) + f"?{query}")
        shown = page.context["actions"]
        assert [action.ref for action in shown] == refs, chosen
    xlsx = client.get(
        url("plan_export", partnership, plan_id=plan.pk, fmt="xlsx") + "?status=on_track"
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["1.2", "2.1"]


def test_the_download_links_carry_the_filters_on_screen(client_for, members, partnership, plan):
    client = client_for(members["viewer"])
    section = plan.sections_by_ref["1"].pk
    address = url("plan_detail", partnership, plan_id=plan.pk)
    html = client.get(f"{address}?section={section}&owner=Lee+Lead&page=1").content.decode()
    for fmt in ("csv", "xlsx"):
        export = url("plan_export", partnership, plan_id=plan.pk, fmt=fmt)
        assert f'href="{export}?section={section}&amp;owner=Lee+Lead"' in html
    assert "Download the actions shown as" in html
    unfiltered = client.get(address).content.decode()
    export = url("plan_export", partnership, plan_id=plan.pk, fmt="csv")
    assert f'href="{export}"' in unfiltered and "Download the actions as" in unfiltered


COLUMNS = ["Ref", "Section", "Action", "Lead", "Partners", "Timeframe", "Due date", "Status"]
COLUMNS += ["RAG", "RAG reason", "Latest update", "Latest update date", "Latest update by"]
COLUMNS += ["Evidence", "Measures of success"]


def test_a_download_has_the_latest_update_its_author_and_the_evidence_count(
    client_for, members, partnership, plan
):
    today = timezone.localdate()
    comms = Action.objects.get(ref="1.2")
    author = UserFactory(username="pat", first_name="Pat", last_name="Manager")
    ProgressUpdateFactory(
        action=comms,
        date=today - timedelta(days=40),
        commentary="Older news",
        evidence_links=["https://example.invalid/a", "https://example.invalid/b"],
    )
    ProgressUpdateFactory(
        action=comms,
        date=today - timedelta(days=3),
        author=author,
        commentary="=Agreed at the board",
        evidence_links=["https://example.invalid/minutes"],
    )
    rows = _csv(client_for(members["viewer"]), partnership, plan)
    assert rows[0] == COLUMNS  # no "Progress" column repeating the status
    by_ref = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_ref["1.2"]["Latest update"] == "'=Agreed at the board"  # defused
    assert by_ref["1.2"]["Latest update date"] == str(today - timedelta(days=3))
    assert by_ref["1.2"]["Latest update by"] == "Pat Manager"
    assert by_ref["1.2"]["Evidence"] == "3"
    assert by_ref["2.1"]["Evidence"] == "0" and by_ref["2.1"]["Latest update"] == ""
    assert by_ref["1.1.1"]["RAG"] == "Red" and by_ref["1.1.2"]["RAG"] == "Blue (complete)"
    assert by_ref["1.2"]["Status"] == "On track"

    xlsx = client_for(members["viewer"]).get(
        url("plan_export", partnership, plan_id=plan.pk, fmt="xlsx")
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    assert sheet.auto_filter.ref == f"A1:O{len(rows)}" and sheet.freeze_panes == "A2"
    rag = sheet.cell(row=2, column=COLUMNS.index("RAG") + 1)
    assert rag.value == "Red" and rag.fill.fgColor.rgb.endswith("D4351C")
    comms_row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "1.2")
    updated = comms_row[COLUMNS.index("Latest update date")]
    assert updated.value.date() == today - timedelta(days=3)
    assert comms_row[COLUMNS.index("Evidence")].value == 3


def test_my_actions_download_has_the_same_columns_and_when_the_next_update_is_due(
    client_for, members, partnership, plan
):
    for action in Action.objects.filter(owner_raw="Lee Lead"):
        action.owners.add(members["lead_person"])
    response = client_for(members["action_lead"]).get(
        url("my_actions_export", partnership, fmt="csv")
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Plan", *COLUMNS, "Next update due"]
    assert [row[1] for row in rows[1:]] == ["1.1.1", "2.1"]  # overdue first
    assert rows[1][COLUMNS.index("RAG") + 1] == "Red"


def test_the_risk_register_download_has_likelihood_impact_and_scores(
    client_for, members, partnership, plan
):
    RiskFactory(
        plan=plan,
        title="Rising requests for assessment",
        rag="amber",
        likelihood=4,
        impact_rating=5,
        residual_likelihood=2,
        residual_impact_rating=3,
    )
    RiskFactory(plan=plan, title="Not yet rated", rag=None)
    client = client_for(members["viewer"])
    response = client.get(url("risk_register_export", partnership, plan_id=plan.pk, fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows[0]
    rated = dict(zip(header, rows[1], strict=True))
    assert rated["RAG"] == "Amber"
    assert (rated["Likelihood (1 to 5)"], rated["Impact (1 to 5)"], rated["Score"]) == (
        "4",
        "5",
        "20",
    )
    assert (
        rated["Residual likelihood (1 to 5)"],
        rated["Residual impact (1 to 5)"],
        rated["Residual score"],
    ) == ("2", "3", "6")
    unrated = dict(zip(header, rows[2], strict=True))
    assert unrated["Score"] == "" and unrated["Residual score"] == "" and unrated["RAG"] == ""
    xlsx = client.get(url("risk_register_export", partnership, plan_id=plan.pk, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rag = sheet.cell(row=2, column=header.index("RAG") + 1)
    assert rag.value == "Amber" and rag.fill.fgColor.rgb.endswith("F47738")
    assert sheet.cell(row=2, column=header.index("Score") + 1).value == 20


def test_a_download_reads_a_fixed_number_of_queries(
    client_for, members, partnership, plan, django_assert_max_num_queries
):
    client = client_for(members["viewer"])
    address = url("plan_export", partnership, plan_id=plan.pk, fmt="xlsx")
    ProgressUpdateFactory(action=Action.objects.get(ref="1.2"))
    client.get(address)  # the session and the partnership's settings, read once
    with django_assert_max_num_queries(12) as few:
        client.get(address)
    for n in range(20):
        action = ActionFactory(plan=plan, ref=f"3.{n}")
        ProgressUpdateFactory(action=action, evidence_links=["https://example.invalid/x"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(address)


def test_the_dashboard_download_names_each_overall_rating(client_for, members, partnership, plan):
    response = client_for(members["viewer"]).get(url("dashboard_export", partnership, fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    whole = next(row for row in rows[1:] if row[1] == "Whole plan")
    assert whole[2] == "Red"  # one action is past its due date
