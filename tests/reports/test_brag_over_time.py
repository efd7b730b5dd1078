"""BRAG over time from the history: the back-fill, the daily task and its command, and the
board report's charts with their tables on the page, in the PDF and in the Word file."""

import io
import zipfile
from datetime import datetime, time, timedelta

import pdfplumber
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sendtrack.domain.statutory import add_months
from sendtrack.plans.models import Action, Plan, RagSnapshot, Status
from sendtrack.plans.selectors import month_end
from sendtrack.reports.builders import board_report
from sendtrack.reports.tasks import take_rag_snapshots
from tests.factories import ActionFactory, PlanFactory, SectionFactory
from tests.pdf_jobs import fetch_pdf

pytestmark = pytest.mark.django_db


def month_start(months_ago):
    return add_months(timezone.localdate().replace(day=1), -months_ago)


def on(day):
    return timezone.make_aware(datetime.combine(day, time(9)))


def dated(action, day):
    """Date the action's latest history record on `day`, as if it was saved then."""
    latest = Action.history.filter(id=action.pk).order_by("-history_id").first()
    Action.history.filter(history_id=latest.history_id).update(history_date=on(day))


@pytest.fixture
def plan(partnership):
    """Started three months ago: one action complete from the start; another set red by hand,
    then amber the next month, and complete this month."""
    plan = PlanFactory(partnership=partnership, title="Northdale written statement")
    Plan.objects.filter(pk=plan.pk).update(created_at=on(month_start(3)))
    workstream = SectionFactory(plan=plan, title="Local Offer")
    done = ActionFactory(plan=plan, section=workstream, status=Status.COMPLETE)
    dated(done, month_start(3))
    moving = ActionFactory(
        plan=plan, section=workstream, rag_override="red", rag_override_reason="Blocked"
    )
    dated(moving, month_start(3))
    moving.rag_override = "amber"
    moving.rag_override_reason = "Recovering"
    moving.save()
    dated(moving, month_start(2) + timedelta(days=3))
    moving.rag_override, moving.rag_override_reason, moving.status = None, "", Status.COMPLETE
    moving.save()
    plan.refresh_from_db()
    return plan


def figures(plan, section=None):
    rows = RagSnapshot.objects.filter(plan=plan, section=section).order_by("month_end")
    return [(row.month_end, row.blue, row.amber, row.red) for row in rows]


EXPECTED = [(3, 1, 0, 1), (2, 1, 1, 0), (1, 1, 1, 0), (0, 2, 0, 0)]
"""Months ago, then blue, amber and red at that month's end."""


def expected():
    return [(month_end(month_start(ago)), b, a, r) for ago, b, a, r in EXPECTED]


def test_the_backfill_counts_every_month_since_the_plan_started_from_the_history(plan):
    out = io.StringIO()
    call_command("rag_snapshots", "--backfill", stdout=out)
    assert "Kept 8 month-end BRAG counts" in out.getvalue()  # 4 months, plan and workstream
    assert figures(plan) == expected()
    assert figures(plan, plan.sections.get()) == expected()
    call_command("rag_snapshots", "--backfill", stdout=io.StringIO())
    assert figures(plan) == expected()  # taken again: the same figures, once


def test_the_daily_task_keeps_this_month_and_last_month_as_it_ended(plan):
    take_rag_snapshots.enqueue()
    assert figures(plan) == expected()[-2:]
    take_rag_snapshots.enqueue()
    assert figures(plan) == expected()[-2:]
    out = io.StringIO()
    call_command("rag_snapshots", stdout=out)
    assert "Kept 2 BRAG counts" in out.getvalue()


def test_the_board_report_draws_the_plan_and_each_workstream_with_their_tables(plan):
    call_command("rag_snapshots", "--backfill", stdout=io.StringIO())
    today = timezone.localdate()
    report = board_report(plan, today.replace(day=1), today)
    blocks = report["blocks"]
    charts = [b for b in blocks if b["type"] == "chart"]
    assert [c["title"] for c in charts] == [
        "BRAG over time: Whole plan",
        f"BRAG over time: {plan.sections.get().ref} Local Offer",
    ]
    whole = charts[0]
    assert [b["month"] for b in whole["bars"]] == [e[0].isoformat() for e in expected()]
    assert [b["counts"]["blue"] for b in whole["bars"]] == [1, 1, 1, 2]
    table = blocks[blocks.index(whole) + 1]
    assert table["type"] == "table" and table["caption"].endswith("the chart's figures")
    assert table["columns"] == ["Month end", "Blue", "Green", "Amber", "Red", "Not rated"]
    assert [[row[1], row[3], row[4]] for row in table["rows"]] == [
        [b, a, r] for _, b, a, r in EXPECTED
    ]


def test_the_board_reports_page_pdf_and_word_carry_the_chart(
    client_for, members, partnership, plan
):
    call_command("rag_snapshots", "--backfill", stdout=io.StringIO())
    client = client_for(members["viewer"])
    kwargs = {"partnership": partnership.slug, "plan_id": plan.pk}
    kwargs["month"] = f"{timezone.localdate():%Y-%m}"
    page = client.get(reverse("board_report", kwargs=kwargs)).content.decode()
    assert 'aria-labelledby="report-brag_plan-title report-brag_plan-desc"' in page
    assert "BRAG over time: Whole plan: the chart&#x27;s figures" in page

    pdf = fetch_pdf(client, reverse("board_report_download", kwargs={**kwargs, "fmt": "pdf"}))
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        assert "StructTreeRoot" in document.doc.catalog  # still tagged
        text = "\n".join(p.extract_text() for p in document.pages)
    assert "Blue (complete)" in text and "Not rated" in text  # the chart's key
    assert "BRAG over time: Whole plan: the chart's figures" in text

    word = client.get(reverse("board_report_download", kwargs={**kwargs, "fmt": "docx"}))
    files = zipfile.ZipFile(io.BytesIO(word.content))
    assert any(
        name.startswith("word/media/") and name.endswith(".png") for name in files.namelist()
    )
    xml = files.read("word/document.xml").decode()
    assert 'descr="Whole plan, actions by BRAG rating at each month' in xml
    assert "BRAG over time: Whole plan: the chart" in xml
