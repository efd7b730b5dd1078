"""The demo reads like plans that have been running since the inspection: a board report of
a past month (the April the board meets about) has something to say, from the history."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sendtrack.demo.people import PARTNERSHIP_SLUG
from sendtrack.demo.plans import plan_start
from sendtrack.plans.models import Action, Plan, ProgressUpdate
from sendtrack.reports.builders import board_report
from sendtrack.reports.models import BoardReport
from tests.conftest import building_for_the_module
from tests.pdf_jobs import fetch_pdf

pytestmark = pytest.mark.django_db


def april(today: date) -> date:
    """The April the board meets about: this year's if it has come, else last year's."""
    return date(today.year if today.month >= 4 else today.year - 1, 4, 1)


@pytest.fixture(scope="module")
def loaded(module_transaction, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module's tests (each runs in its own savepoint)."""
    with building_for_the_module(django_db_blocker, tmp_path_factory.mktemp("uploads")):
        call_command("load_demo", "--without-casework", stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def northvale(loaded, db):
    return Plan.objects.filter(partnership__slug=PARTNERSHIP_SLUG)


def blocks(report):
    return {b["key"]: b for b in report["blocks"] if b["type"] == "table"}


def rows(block):
    return block["rows"] + block.get("more_rows", [])


def test_the_april_board_report_compares_with_the_march_report_and_says_what_changed(
    northvale,
):
    today = timezone.localdate()
    month = april(today)
    changed = 0
    for plan in northvale:
        report = board_report(plan, month, today)
        tables = blocks(report)
        whole = tables["section_counts"]["rows"][-1]
        assert whole[0] == "Whole plan"
        assert sum(whole[1:5]) > 0, f"{plan.title} had no live actions in {month:%B %Y}"
        assert sum(whole[5:9]) > 0, f"{plan.title} had no counts at the last report"
        assert "the last report (March" in tables["section_counts"]["caption"]
        changed += sum(len(rows(tables[k])) for k in ("newly_complete", "newly_red", "slipped"))
    assert changed >= 1

    wsoa = northvale.get(kind="written_statement_of_action")
    tables = blocks(board_report(wsoa, month, today))
    assert tables["risks"]["rows"], "the written statement has red and amber risks"
    assert {row[1] for row in tables["risks"]["rows"]} <= {"red", "amber"}


def test_the_board_has_a_published_report_for_each_recent_month(northvale):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    for plan in northvale:
        periods = set(BoardReport.objects.filter(plan=plan).values_list("period", flat=True))
        assert {april(today).replace(month=3), last_month} <= periods
        latest = BoardReport.objects.filter(plan=plan).order_by("-period").first()
        assert latest.period == last_month
        assert timezone.localtime(latest.published_at).date().month == last_month.month


def test_the_published_april_report_shows_the_indicators_as_they_stood_then(northvale):
    month = april(timezone.localdate())
    shown = 0
    for plan in northvale:
        published = BoardReport.objects.get(plan=plan, period=month)
        indicators = blocks(published.content)["indicators"]
        later = {f"{date(month.year, m, 1):%B %Y}" for m in range(month.month + 1, 13)}
        assert not later & {row[2] for row in indicators["rows"]}, "no value after April"
        shown += len(indicators["rows"])
    assert shown, "the demo's published April reports show the indicators linked to the plans"


def test_history_is_dated_from_the_plans_start_and_each_update_on_its_own_day(northvale):
    start = plan_start(timezone.localdate())
    actions = Action.objects.filter(plan__in=northvale)
    created = Action.history.filter(plan_id__in=northvale, history_type="+")
    assert {timezone.localtime(h.history_date).date() for h in created} == {start}
    for update in ProgressUpdate.objects.filter(action__in=actions)[:50]:
        record = update.history.get()
        assert timezone.localtime(record.history_date).date() == update.date
    # Every change after the start is one a user could see in the action's history.
    changes = Action.history.filter(plan_id__in=northvale, history_type="~")
    assert changes.count() >= ProgressUpdate.objects.filter(action__in=actions).count()
    assert all(timezone.localtime(h.history_date).date() >= start for h in changes)


def test_some_due_dates_were_moved_by_the_board_and_the_history_shows_the_first(northvale):
    moved = 0
    for action in Action.objects.filter(plan__in=northvale, due__isnull=False):
        dues = [h.due for h in action.history.order_by("history_date")]
        if dues[0] != action.due:
            moved += 1
            assert dues[0] < action.due
    assert moved >= 10


def test_the_april_report_downloads_as_pdf_and_word(northvale, client):
    from sendtrack.accounts.models import User

    client.force_login(User.objects.get(username="manager"))
    wsoa = northvale.get(kind="written_statement_of_action")
    month = f"{april(timezone.localdate()):%Y-%m}"
    kwargs = {"partnership": PARTNERSHIP_SLUG, "plan_id": wsoa.pk, "month": month}
    page = client.get(reverse("board_report", kwargs=kwargs)).content.decode()
    assert "0 live actions" not in page and "live actions" in page
    pdf = fetch_pdf(client, reverse("board_report_download", kwargs={**kwargs, "fmt": "pdf"}))
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("board_report_download", kwargs={**kwargs, "fmt": "docx"}))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
