"""Casework worklists: what each lists, filters, sorting, exports, and fixed query counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sendtrack.statutory.selectors.worklists import WORKLISTS
from tests.statutory.factories import (
    AssessmentFactory,
    ChildFactory,
    PlanFactory,
    ReviewFactory,
    SettingFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def url(partnership, worklist, **query):
    path = reverse(
        "statutory:worklist", kwargs={"partnership": partnership.slug, "worklist": worklist}
    )
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def export_url(partnership, worklist, fmt, query=""):
    path = reverse(
        "statutory:worklist_export",
        kwargs={"partnership": partnership.slug, "worklist": worklist, "fmt": fmt},
    )
    return path + (f"?{query}" if query else "")


@pytest.fixture
def cases(partnership, staff):
    today = TODAY()
    school = staff["school"]
    other = staff["other_school"]
    officer = staff["casework_officer"]
    c = {}
    c["awaiting"] = AssessmentFactory(
        child=ChildFactory(partnership=partnership, setting=school, year_group="4"),
        request_received=today - timedelta(days=30),
        assigned_officer=officer,
    )
    c["awaiting_other"] = AssessmentFactory(
        child=ChildFactory(partnership=partnership, setting=other, year_group="9"),
        request_received=today - timedelta(days=10),
    )
    c["decided"] = AssessmentFactory(
        child__partnership=partnership,
        request_received=today - timedelta(days=130),
        decision="assess",
        decision_date=today - timedelta(days=100),
    )
    c["decided_recent"] = AssessmentFactory(
        child__partnership=partnership,
        request_received=today - timedelta(days=20),
        decision="assess",
        decision_date=today - timedelta(days=5),
    )
    plan = PlanFactory(child=ChildFactory(partnership=partnership, setting=school))
    c["review_due"] = ReviewFactory(plan=plan, due=today + timedelta(days=20))
    c["review_later"] = ReviewFactory(
        plan=PlanFactory(child__partnership=partnership), due=today + timedelta(days=120)
    )
    c["review_waiting"] = ReviewFactory(
        plan=PlanFactory(child__partnership=partnership),
        due=today - timedelta(days=40),
        meeting_date=today - timedelta(days=45),
    )
    c["transfer"] = TransferFactory(plan=plan, deadline=today + timedelta(days=45))
    c["transfer_done"] = TransferFactory(
        plan=PlanFactory(child__partnership=partnership),
        status="finalised",
        finalised_date=today,
    )
    return c


def refs(response):
    return response.content.decode()


def test_each_worklist_lists_what_it_says(client_for, partnership, staff, cases):
    client = client_for(staff["casework_officer"])
    page = refs(client.get(url(partnership, "awaiting-decision")))
    assert cases["awaiting"].child.case_reference in page
    assert cases["decided"].child.case_reference not in page
    page = refs(client.get(url(partnership, "heading-past-20-weeks")))
    assert cases["decided"].child.case_reference in page
    assert cases["decided_recent"].child.case_reference not in page
    page = refs(client.get(url(partnership, "reviews-due")))
    assert cases["review_due"].plan.child.case_reference in page
    assert cases["review_later"].plan.child.case_reference not in page
    page = refs(client.get(url(partnership, "decisions-not-notified")))
    assert cases["review_waiting"].plan.child.case_reference in page
    assert cases["review_due"].plan.child.case_reference not in page
    page = refs(client.get(url(partnership, "phase-transfers")))
    assert cases["transfer"].plan.child.case_reference in page
    assert cases["transfer_done"].plan.child.case_reference not in page
    assert "45" in page  # days to the deadline


def test_filters_by_officer_setting_and_year(client_for, partnership, staff, cases):
    client = client_for(staff["team_manager"])
    ours, theirs = (
        cases["awaiting"].child.case_reference,
        cases["awaiting_other"].child.case_reference,
    )
    page = refs(
        client.get(url(partnership, "awaiting-decision", officer=staff["casework_officer"].pk))
    )
    assert ours in page and theirs not in page
    page = refs(client.get(url(partnership, "awaiting-decision", setting=staff["other_school"].pk)))
    assert theirs in page and ours not in page
    page = refs(client.get(url(partnership, "awaiting-decision", year="9")))
    assert theirs in page and ours not in page


def test_sorting_both_ways(client_for, partnership, staff, cases):
    client = client_for(staff["casework_officer"])
    a, b = cases["awaiting"].child.case_reference, cases["awaiting_other"].child.case_reference
    page = refs(client.get(url(partnership, "awaiting-decision", sort="due")))
    assert page.index(a) < page.index(b)  # the older request is due first
    page = refs(client.get(url(partnership, "awaiting-decision", sort="-due")))
    assert page.index(b) < page.index(a)
    assert client.get(url(partnership, "awaiting-decision", sort="nonsense")).status_code == 200


def test_unknown_worklist_is_404(client_for, partnership, staff):
    assert client_for(staff["casework_officer"]).get(url(partnership, "nope")).status_code == 404


def test_csv_export_has_case_references_not_names(client_for, partnership, staff, cases):
    client = client_for(staff["casework_officer"])
    response = client.get(export_url(partnership, "awaiting-decision", "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Case reference" and "Child" not in rows[0]
    assert {r[0] for r in rows[1:]} == {
        cases["awaiting"].child.case_reference,
        cases["awaiting_other"].child.case_reference,
    }
    text = response.content.decode()
    assert cases["awaiting"].child.first_name not in text


def test_exports_follow_filters_and_defuse_formulas(client_for, partnership, staff):
    evil = SettingFactory(partnership=partnership, name='=HYPERLINK("http://x")')
    AssessmentFactory(child=ChildFactory(partnership=partnership, setting=evil))
    client = client_for(staff["casework_officer"])
    response = client.get(export_url(partnership, "awaiting-decision", "csv", f"setting={evil.pk}"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2 and rows[1][1].startswith("'=")
    response = client.get(export_url(partnership, "awaiting-decision", "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://x")' in values
    assert client.get(export_url(partnership, "awaiting-decision", "pdf")).status_code == 404


def test_pagination(client_for, partnership, staff):
    for _ in range(55):
        AssessmentFactory(child__partnership=partnership)
    client = client_for(staff["casework_officer"])
    page = refs(client.get(url(partnership, "awaiting-decision")))
    assert "Page 1 of 2" in page
    page = refs(client.get(url(partnership, "awaiting-decision", page=2)))
    assert "Page 2 of 2" in page


@pytest.mark.parametrize("worklist", list(WORKLISTS))
def test_queries_do_not_grow_with_rows(client_for, partnership, staff, worklist):
    client = client_for(staff["casework_officer"])
    today = TODAY()

    def add_rows(n):
        for i in range(n):
            child = ChildFactory(
                partnership=partnership, setting=staff["school"], officer=staff["casework_officer"]
            )
            AssessmentFactory(child=child, request_received=today - timedelta(days=125 + i % 10))
            plan = PlanFactory(child=child)
            ReviewFactory(plan=plan, due=today + timedelta(days=i % 20), meeting_date=None)
            ReviewFactory(
                plan=plan, due=today - timedelta(days=30), meeting_date=today - timedelta(days=40)
            )
            TransferFactory(plan=plan)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(partnership, worklist))
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as export_queries:
            assert client.get(export_url(partnership, worklist, "csv")).status_code == 200
        return len(queries), len(export_queries)

    add_rows(2)
    few = count()
    add_rows(30)
    assert count() == few


def test_reviews_due_shows_early_paperwork_and_meetings_at_once(client_for, partnership, staff):
    """A review due months away shows on the reviews-due list as soon as a school uploads the
    paperwork or records the meeting, so the council sees it before the decision is late;
    it leaves the list once the decision is sent."""
    today = TODAY()
    far = today + timedelta(days=200)
    paperwork = ReviewFactory(
        plan=PlanFactory(child__partnership=partnership), due=far, paperwork_received=today
    )
    met = ReviewFactory(
        plan=PlanFactory(child__partnership=partnership),
        due=far,
        meeting_date=today - timedelta(days=3),
    )
    untouched = ReviewFactory(plan=PlanFactory(child__partnership=partnership), due=far)
    decided = ReviewFactory(
        plan=PlanFactory(child__partnership=partnership),
        due=far,
        meeting_date=today - timedelta(days=10),
        paperwork_received=today - timedelta(days=9),
        decision_notified=today - timedelta(days=2),
    )
    page = refs(client_for(staff["casework_officer"]).get(url(partnership, "reviews-due")))
    assert paperwork.plan.child.case_reference in page
    assert met.plan.child.case_reference in page
    assert untouched.plan.child.case_reference not in page
    assert decided.plan.child.case_reference not in page
    assert "awaiting a decision" in page
    # The early meeting is not yet on the late-decisions list: its 4 weeks are still running.
    page = refs(
        client_for(staff["casework_officer"]).get(url(partnership, "decisions-not-notified"))
    )
    assert met.plan.child.case_reference not in page
