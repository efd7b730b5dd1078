"""A board report a board can decide from: each exception with its lead's latest update and
the decision asked, and reports over a quarter or six months and several plans with the
programme manager's summary first."""

import io
import zipfile
from datetime import date, datetime, time, timedelta

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.domain.report_periods import ReportPeriod, quarter_before
from sendtrack.reports.builders import board_report, narrative_paragraphs, period_report
from sendtrack.reports.models import PeriodReport, PublishedReport
from tests.date_input import date_input
from tests.factories import (
    ActionFactory,
    MilestoneFactory,
    PartnershipFactory,
    PlanFactory,
    ProgressUpdateFactory,
    SectionFactory,
    UserFactory,
)
from tests.pdf_jobs import fetch_pdf

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def moment(day):
    return timezone.make_aware(datetime.combine(day, time(9)))


def since(action, day):
    """Make the action's history say it has looked as it does now since `day`."""
    action.history.update(history_date=moment(day))
    return action


def table(report, key):
    return next(b for b in report["blocks"] if b.get("key") == key)


def rows_by_ref(block):
    return {row[0]: row for row in block["rows"]}


@pytest.fixture
def period():
    return quarter_before(timezone.localdate())


@pytest.fixture
def lead():
    return UserFactory(first_name="Lee", last_name="Lead")


@pytest.fixture
def plan(partnership, period, lead):
    """A plan as it stood all through last quarter: one delayed action with updates before,
    at and after the quarter's end, one red by hand with no update, one on track."""
    plan = PlanFactory(partnership=partnership, title="Written statement of action")
    section = SectionFactory(plan=plan, title="Workstream 1")
    long_ago = period.start - timedelta(days=40)
    delayed = ActionFactory(
        plan=plan,
        section=section,
        ref="1.1",
        text="Recommission the short breaks service",
        owner_raw="Lee Lead",
        status="delayed",
        due=period.end + timedelta(days=200),
        last_activity_on=period.end,
    )
    by_hand = ActionFactory(
        plan=plan,
        section=section,
        ref="1.2",
        text="Open the new resource base",
        owner_raw="Head of Service",
        status="in_progress",
        due=period.end + timedelta(days=200),
        last_activity_on=period.end,
        rag_override="red",
        rag_override_reason="Building works have stopped",
    )
    ActionFactory(
        plan=plan,
        section=section,
        ref="1.3",
        text="Agree the comms plan",
        status="on_track",
        due=period.end + timedelta(days=200),
        last_activity_on=period.end,
    )
    for action in plan.actions.all():
        since(action, long_ago)
    for day, words, decision in [
        (period.start, "Tender opened.", "Agree to extend the tender"),
        (period.end, "Only one bid came in.", "Agree to go back out to tender in May."),
        (period.end + timedelta(days=1), "The day after the quarter.", "Not for this report"),
    ]:
        ProgressUpdateFactory(
            action=delayed, date=day, author=lead, commentary=words, decision_asked=decision
        )
    assert by_hand.updates.count() == 0
    return plan


def test_each_exception_carries_the_leads_latest_update_and_the_decision_asked(
    partnership, plan, period, lead
):
    report = board_report(plan, period.end.replace(day=1), timezone.localdate())
    block = table(report, "exceptions")
    assert block["columns"][-3:] == [
        "Status and why this rating",
        "Lead's latest update",
        "Decision asked of the board",
    ]
    delayed, by_hand = rows_by_ref(block)["1.1"], rows_by_ref(block)["1.2"]
    assert delayed[1:3] == ["Recommission the short breaks service", "Lee Lead"]
    assert delayed[4] == "amber"
    assert delayed[5] == "Delayed. Marked as delayed."
    day = f"{period.end.day} {period.end:%B %Y}"
    assert delayed[6] == f"{day}, Lee Lead: Only one bid came in."  # the latest by the month's end
    assert delayed[7] == "Agree to go back out to tender in May."
    assert by_hand[4] == "red"
    assert by_hand[5] == "In progress. Set by hand to Red: Building works have stopped."
    assert by_hand[6:] == ["No progress update yet.", "No decision asked"]
    assert "1.3" not in rows_by_ref(block)


def test_the_latest_update_wins_even_when_an_older_one_asked_for_more(plan, period):
    delayed = plan.actions.get(ref="1.1")
    ProgressUpdateFactory(
        action=delayed, date=period.end, commentary="Second bid withdrawn.", decision_asked=""
    )
    report = period_report([plan], period, "Summary.", timezone.localdate())
    row = rows_by_ref(table(report, "1 exceptions"))["1.1"]
    assert row[6].endswith(": Second bid withdrawn.")  # same day: the one added last
    assert row[7] == "No decision asked"


def test_a_period_report_stops_at_the_periods_last_day(plan, period):
    report = period_report([plan], period, "Summary.", timezone.localdate())
    assert report["period"] == period.start.isoformat()
    assert report["period_end"] == period.end.isoformat()
    row = rows_by_ref(table(report, "1 exceptions"))["1.1"]
    assert "Only one bid came in." in row[6] and row[7] == "Agree to go back out to tender in May."
    shown = str(report)
    assert "The day after the quarter." not in shown and "Not for this report" not in shown


def test_a_period_report_covers_several_plans_with_the_narrative_first(partnership, plan, period):
    other = PlanFactory(partnership=partnership, title="Peer review plan")
    since(
        ActionFactory(
            plan=other, ref="A1", text="Publish the SEND strategy", status="delayed", due=None
        ),
        period.start - timedelta(days=5),
    )
    done = ActionFactory(plan=other, ref="A2", text="Appoint a DCO", status="in_progress")
    since(done, period.start - timedelta(days=5))
    done.status = "complete"
    done.save()  # completed during the quarter
    done.history.filter(history_type="~").update(history_date=moment(period.start))
    MilestoneFactory(plan=other, text="Strategy agreed", due=period.start + timedelta(days=10))
    MilestoneFactory(
        plan=other,
        text="Achieved early",
        due=period.end + timedelta(days=60),
        achieved_on=period.end,
    )
    MilestoneFactory(plan=other, text="Next quarter's", due=period.end + timedelta(days=1))
    report = period_report(
        [plan, other],
        period,
        "The quarter in short.\n\nTwo things need the board.",
        timezone.localdate(),
    )
    blocks = report["blocks"]
    assert blocks[:3] == [
        {"type": "heading", "text": "Summary from the programme manager", "level": 2},
        {"type": "paragraph", "text": "The quarter in short."},
        {"type": "paragraph", "text": "Two things need the board."},
    ]
    assert report["title"] == f"Board report: {period.describe()}"
    assert report["subtitle"] == "Written statement of action; Peer review plan"
    plan_headings = [b["text"] for b in blocks if b["type"] == "heading" and b["level"] == 2]
    assert plan_headings[1:] == ["Written statement of action", "Peer review plan"]
    assert {b["level"] for b in blocks[4:] if b["type"] == "heading"} >= {3}
    exceptions = table(report, "2 exceptions")
    assert exceptions["caption"].startswith("Peer review plan: ")
    assert list(rows_by_ref(exceptions)) == ["A1"]
    assert list(rows_by_ref(table(report, "2 completed"))) == ["A2"]
    milestones = {row[0]: row[2] for row in table(report, "2 milestones")["rows"]}
    assert milestones == {
        "Strategy agreed": "Missed",
        "Achieved early": f"Achieved on {_day(period.end)}",
    }
    assert list(rows_by_ref(table(report, "1 exceptions"))) == ["1.1", "1.2"]


def _day(value):
    return f"{value.day} {value:%B %Y}"


def test_the_narrative_keeps_its_paragraphs():
    assert narrative_paragraphs("One.\r\n\r\n  \r\nTwo,\r\nstill two.\n\n") == [
        "One.",
        "Two,\nstill two.",
    ]


# The page a programme manager makes it on.


def form_data(plan, span, **changes):
    data = {
        "plans": [plan.pk],
        "period": "custom",
        "six_months_to": "",
        **date_input("start", span.start),
        **date_input("end", span.end),
        "narrative": "Progress is steady.",
        "preview": "1",
    }
    return {**data, **changes}


def test_the_narrative_is_never_rendered_as_html(client_for, members, partnership, plan, period):
    client = client_for(members["programme_manager"])
    narrative = "<script>alert('x')</script> <b>bold</b>\n\nSecond paragraph"
    page = client.post(
        url("period_report", partnership), form_data(plan, period, narrative=narrative)
    ).content.decode()
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in page
    assert '<p class="govuk-body">Second paragraph</p>' in page
    assert not PublishedReport.objects.exists()  # a preview keeps nothing

    response = client.post(
        url("period_report", partnership),
        form_data(plan, period, narrative=narrative, preview="", publish="1"),
    )
    published = PeriodReport.objects.get()
    assert response["Location"] == url("published_report", partnership, report_id=published.pk)
    assert "<script>alert" not in published.html and "&lt;b&gt;bold&lt;/b&gt;" in published.html


def test_publishing_again_makes_the_next_version_of_the_same_plans_and_period(
    client_for, members, partnership, plan, period
):
    client = client_for(members["administrator"])
    other = PlanFactory(partnership=partnership, title="Peer review plan")
    publish = {"preview": "", "publish": "1"}
    for plans in ([plan.pk], [plan.pk], [plan.pk, other.pk]):
        client.post(
            url("period_report", partnership), form_data(plan, period, plans=plans, **publish)
        )
    reports = PeriodReport.objects.order_by("id")
    assert [r.number for r in reports] == [1, 2, 1]
    assert [sorted(p.pk for p in r.plans.all()) for r in reports][2] == sorted([plan.pk, other.pk])
    assert {(r.period, r.period_end) for r in reports} == {(period.start, period.end)}
    index = client.get(url("report_index", partnership)).content.decode()
    assert f"Board report: {period.describe()}" in index


def test_quarters_and_six_months_are_offered_by_name(client_for, members, partnership, plan):
    client = client_for(members["programme_manager"])
    today = timezone.localdate()
    page = client.get(url("period_report", partnership)).content.decode()
    assert f"Last quarter ({quarter_before(today).describe()})" in page
    assert "Six months to the end of a month" in page
    march = f"{today.year - 1}-03"
    response = client.post(
        url("period_report", partnership),
        form_data(
            plan,
            quarter_before(today),
            period="six_months",
            six_months_to=march,
            **date_input("start", "31/2/2026"),  # typed before choosing six months: not read
        ),
    )
    assert f"Board report: October {today.year - 2} to March {today.year - 1}" in (
        response.content.decode()
    )


def test_form_errors_are_listed_in_the_error_summary(client_for, members, partnership, plan):
    client = client_for(members["programme_manager"])
    period = ReportPeriod(date(2026, 4, 1), date(2026, 6, 30))
    page = client.post(
        url("period_report", partnership),
        form_data(plan, period, plans=[], **date_input("end", date(2026, 3, 31))),
    ).content.decode()
    assert "<title>Error: " in page and "There is a problem" in page
    assert '<a href="#id_plans">Select at least one plan</a>' in page
    assert (
        '<a href="#id_end-day">The end date must be the same as or after the start date</a>' in page
    )
    page = client.post(
        url("period_report", partnership),
        form_data(plan, period, period="", narrative=""),
    ).content.decode()
    assert '<a href="#id_period">Select the period the report covers</a>' in page
    assert '<a href="#id_narrative">Enter the summary for the board</a>' in page
    page = client.post(
        url("period_report", partnership),
        form_data(plan, period, **date_input("start", None)),
    ).content.decode()
    assert '<a href="#id_start-day">Enter the start date</a>' in page
    assert not PublishedReport.objects.exists()


def test_a_plan_of_another_partnership_is_refused(client_for, members, partnership, plan, period):
    theirs = PlanFactory(partnership=PartnershipFactory(), title="Their plan")
    client = client_for(members["programme_manager"])
    page = client.post(
        url("period_report", partnership),
        form_data(plan, period, plans=[plan.pk, theirs.pk], preview="", publish="1"),
    ).content.decode()
    assert "Select plans from the list" in page and "Their plan" not in page
    assert not PublishedReport.objects.exists()


@pytest.mark.parametrize("role", ["action_lead", "viewer"])
def test_only_those_who_publish_board_reports_make_these(
    client_for, members, partnership, plan, period, role
):
    client = client_for(members[role])
    assert client.get(url("period_report", partnership)).status_code == 403
    publish = form_data(plan, period, preview="", publish="1")
    assert client.post(url("period_report", partnership), publish).status_code == 403
    assert "Make a board report over a period" not in (
        client.get(url("report_index", partnership)).content.decode()
    )


def test_a_published_period_report_downloads_as_pdf_and_word(
    client_for, members, partnership, plan, period
):
    manager = client_for(members["programme_manager"])
    narrative = "A steady quarter.\n\nThe board is asked to agree a new tender."
    manager.post(
        url("period_report", partnership),
        form_data(plan, period, narrative=narrative, preview="", publish="1"),
    )
    published = PeriodReport.objects.get()
    client = client_for(members["viewer"])

    def download(fmt):
        path = url("published_report_download", partnership, report_id=published.pk, fmt=fmt)
        response = fetch_pdf(client, path)
        assert response.status_code == 200
        return response.content

    with pdfplumber.open(io.BytesIO(download("pdf"))) as document:
        text = "\n".join(page.extract_text() for page in document.pages)
    for words in (
        "Summary from the programme manager",
        "The board is asked to agree a new tender.",
        "Written statement of action",
        "Decision asked of",  # the column header (narrow columns wrap their words)
        "Only one bid came in.",
        "Agree to go back",
        "No decision asked",
    ):
        assert words in text, words
    published.refresh_from_db()
    assert published.pdf is not None  # made on the task queue once, then kept

    word = zipfile.ZipFile(io.BytesIO(download("docx"))).read("word/document.xml").decode()
    assert "A steady quarter." in word and "The board is asked to agree a new tender." in word
    assert (
        "Decision asked of the board" in word and "Agree to go back out to tender in May." in word
    )
    assert "No decision asked" in word
