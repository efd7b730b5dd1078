import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pdfplumber
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sendtrack.indicators import services as indicator_services
from sendtrack.plans.models import Action
from sendtrack.plans.services import update_action, update_risk
from sendtrack.reports.builders import board_report
from sendtrack.reports.models import BoardReport, PublishedReport
from tests.factories import (
    ActionFactory,
    FindingFactory,
    MilestoneFactory,
    PersonFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RiskFactory,
    SectionFactory,
)
from tests.pdf_jobs import fetch_pdf

pytestmark = pytest.mark.django_db


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def this_month():
    return f"{timezone.localdate():%Y-%m}"


def backdate(action, when):
    """Make the action's history say it has looked as it does now since `when`."""
    action.history.update(history_date=when)


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(partnership=partnership, title="Written statement of action")
    section = SectionFactory(plan=plan, title="Workstream 1 – Local Offer")
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=120)
    done = ActionFactory(plan=plan, section=section, text="Publish the Local Offer", ref="1.1")
    late = ActionFactory(
        plan=plan,
        section=section,
        text="Train every SENCO",
        ref="1.2",
        due=today + timedelta(days=200),
    )
    for action in (done, late):
        backdate(action, long_ago)
    update_action(
        partnership=partnership,
        action_id=done.pk,
        user=None,
        expected_version=1,
        changes={"status": "complete"},
    )
    update_action(
        partnership=partnership,
        action_id=late.pk,
        user=None,
        expected_version=1,
        changes={
            "due": today + timedelta(days=300),
            "due_change_reason": "The provider moved the course",
            "rag_override": "red",
            "rag_override_reason": "Training provider withdrew",
        },
    )
    RiskFactory(plan=plan, title="Not enough educational psychologists", rag="red")
    RiskFactory(plan=plan, title="A green risk", rag="green")
    MilestoneFactory(plan=plan, text="Local Offer relaunched", due=today)
    indicator = indicator_services.create_indicator(
        partnership=partnership,
        user=None,
        name="Plans issued within 20 weeks",
        kind="how_well",
        target_value=Decimal("60"),
        links={"sections": [section]},
    )
    for month, value in [(1, "40"), (2, "50")]:
        indicator_services.record_value(
            indicator_id=indicator.pk,
            user=None,
            period=date(2026, month, 1),
            expected_version=None,
            value=Decimal(value),
        )
    return plan


def test_the_board_report_shows_position_changes_and_exceptions(
    client_for, partnership, members, plan
):
    client = client_for(members["viewer"])
    response = client.get(url("board_report", partnership, plan_id=plan.pk, month=this_month()))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Summary of position" in page and "2 live actions" in page
    assert "BRAG counts by section: now and at the end of" in page
    assert '<th scope="col" class="govuk-table__header">Red now</th>' in page
    captions = page.split("<caption")[1:]
    newly_complete = next(part for part in captions if ">Newly complete</caption>" in part)
    assert "Publish the Local Offer" in newly_complete
    assert "Due dates that slipped" in page and "Train every SENCO" in page
    assert "Training provider withdrew" in page
    assert "Not enough educational psychologists" in page and "A green risk" not in page
    assert "Local Offer relaunched" in page
    assert "Plans issued within 20 weeks" in page and "Improving" in page
    assert "Publish this version" not in page  # viewers cannot publish


def test_then_comes_from_the_previous_published_report(partnership, plan, members):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    report = board_report(plan, last_month, today)
    report["data"]["section_counts"]["all"] = {"blue": 0, "red": 7, "amber": 0, "green": 0}
    PublishedReport.objects.create(
        partnership=partnership,
        kind="board",
        plan=plan,
        period=last_month,
        number=1,
        title=report["title"],
        content=report,
        html="",
    )
    now = board_report(plan, today, today)
    counts = next(b for b in now["blocks"] if b.get("key") == "section_counts")
    assert counts["rows"][-1][:1] + counts["rows"][-1][5:] == ["Whole plan", 0, 7, 0, 0]
    assert "the last report" in counts["caption"]
    assert BoardReport.objects.count() == 1


def test_a_past_months_board_report_shows_indicators_as_they_stood_then(partnership, plan):
    """The board that met in a past month saw that month's figures, not today's."""
    indicator = plan.sections.get().indicators.get()
    today = timezone.localdate()
    this = today.replace(day=1)
    before = (this - timedelta(days=1)).replace(day=1)
    earlier = (before - timedelta(days=1)).replace(day=1)
    for period, value in [(earlier, "52"), (before, "55"), (this, "45")]:
        indicator_services.record_value(
            indicator_id=indicator.pk,
            user=None,
            period=period,
            expected_version=None,
            value=Decimal(value),
        )

    def indicator_row(month):
        report = board_report(plan, month, today)
        block = next(b for b in report["blocks"] if b.get("key") == "indicators")
        return dict(zip(block["columns"], block["rows"][0], strict=True))

    then = indicator_row(before)
    assert (then["Latest"], then["Month"], then["Previous"]) == ("55%", f"{before:%B %Y}", "52%")
    assert then["Trend"] == "Improving"
    now = indicator_row(this)
    assert (now["Latest"], now["Month"], now["Previous"]) == ("45%", f"{this:%B %Y}", "55%")
    assert now["Trend"] == "Getting worse"


def test_a_past_months_board_report_shows_the_risks_as_they_stood_then(partnership, plan):
    today = timezone.localdate()
    this = today.replace(day=1)
    before = (this - timedelta(days=1)).replace(day=1)
    risk = RiskFactory(plan=plan, title="Too few speech and language therapists", rag="red")
    risk.history.update(history_date=timezone.now() - timedelta(days=70))  # logged then
    update_risk(
        partnership=plan.partnership,
        risk_id=risk.pk,
        user=None,
        expected_version=risk.version,
        changes={"rag": "green"},
    )

    def risk_titles(month):
        report = board_report(plan, month, today)
        block = next(b for b in report["blocks"] if b.get("key") == "risks")
        return {row[0] for row in block["rows"]}

    # A month's end before today's change saw it red; this month it is green, so not listed.
    assert "Too few speech and language therapists" in risk_titles(before)
    assert "Too few speech and language therapists" not in risk_titles(this)


def test_publishing_freezes_the_report(client_for, partnership, members, plan):
    client = client_for(members["programme_manager"])
    data = {"kind": "board", "plan": plan.pk, "month": this_month()}
    response = client.post(url("report_publish", partnership), data)
    assert response.status_code == 302
    first = PublishedReport.objects.get()
    action = Action.objects.get(ref="1.1")
    update_action(
        partnership=partnership,
        action_id=action.pk,
        user=None,
        expected_version=action.version,
        changes={"text": "A wholly rewritten action"},
    )
    page = client.get(url("published_report", partnership, report_id=first.pk)).content.decode()
    assert "Publish the Local Offer" in page and "A wholly rewritten action" not in page
    pdf = fetch_pdf(
        client, url("published_report_download", partnership, report_id=first.pk, fmt="pdf")
    )
    assert pdf.content.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "".join(page.extract_text() for page in document.pages)
    assert "Publish the Local Offer" in text and "A wholly rewritten action" not in text
    # The PDF is kept once made: the next download is the same file, not made again.
    first.refresh_from_db()
    assert bytes(first.pdf) == pdf.content
    again = client.get(url("published_report_download", partnership, report_id=first.pk, fmt="pdf"))
    assert again.content == pdf.content
    client.post(url("report_publish", partnership), data)
    second = PublishedReport.objects.order_by("-id").first()
    assert (first.number, second.number) == (1, 2)
    assert "A wholly rewritten action" in second.html
    listing = client.get(url("report_index", partnership)).content.decode()
    assert listing.count("Board report: Written statement of action") == 2


def test_downloads_keep_real_tables(client_for, partnership, members, plan):
    client = client_for(members["viewer"])
    base = dict(plan_id=plan.pk, month=this_month())
    pdf = fetch_pdf(client, url("board_report_download", partnership, fmt="pdf", **base))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        assert "StructTreeRoot" in document.doc.catalog  # a tagged PDF (pdf/ua-1)
        assert "Red and amber risks" in document.pages[0].extract_text() + "".join(
            page.extract_text() for page in document.pages[1:]
        )
    docx = client.get(url("board_report_download", partnership, fmt="docx", **base))
    document = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert "<w:tblHeader" in document and "Red now" in document
    csv = client.get(url("board_report_download", partnership, fmt="csv", **base)).content.decode()
    assert "Red and amber risks" in csv and "Not enough educational psychologists" in csv
    xlsx = client.get(url("board_report_download", partnership, fmt="xlsx", **base))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert "risks" in book.sheetnames and book["risks"]["A1"].value == "Risk"
    assert (
        client.get(url("board_report_download", partnership, fmt="exe", **base)).status_code == 404
    )


def test_board_report_queries_do_not_grow_with_actions(client_for, partnership, members):
    plan = PlanFactory(partnership=partnership)
    section = SectionFactory(plan=plan)
    client = client_for(members["viewer"])
    path = url("board_report", partnership, plan_id=plan.pk, month=this_month())

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    ActionFactory.create_batch(3, plan=plan, section=section)
    # One exception from the start: the leads' latest updates are one query whenever there
    # are exceptions, and none when there are not.
    ActionFactory(plan=plan, section=section, status="delayed")
    few = count_queries()
    ActionFactory.create_batch(30, plan=plan, section=section, status="delayed")
    RiskFactory.create_batch(5, plan=plan)
    assert count_queries() == few


def test_highlight_report(client_for, partnership, members, plan):
    section = plan.sections.get()
    child = SectionFactory(plan=plan, parent=section, title="Objective 1.1")
    action = ActionFactory(
        plan=plan,
        section=child,
        text="Recruit two parent champions",
        due=timezone.localdate() + timedelta(days=10),
    )
    ProgressUpdateFactory(action=action, commentary="Interviews booked for next week")
    client = client_for(members["action_lead"])
    page = client.get(url("highlight_report", partnership, section_id=section.pk)).content.decode()
    assert "Interviews booked for next week" in page
    assert "Recruit two parent champions" in page
    assert "Not enough educational psychologists" in page
    docx = client.get(
        url("highlight_report_download", partnership, section_id=section.pk, fmt="docx")
    )
    assert docx.status_code == 200


@pytest.fixture
def findings(partnership, members, plan):
    finding = FindingFactory(plan=plan, text="Parents do not know what help there is")
    for action in Action.objects.filter(plan=plan):
        action.findings.add(finding)
        action.owners.add(members["lead_person"])
        action.owners.add(PersonFactory(partnership=partnership, name="Priya Officer"))
    return finding


def test_public_report_has_no_personal_data(client, client_for, partnership, members, findings):
    manager = client_for(members["programme_manager"])
    preview = manager.get(url("public_report_preview", partnership)).content.decode()
    assert "Parents do not know what help there is" in preview and "1 of 2" in preview
    assert "Flesch reading ease" in preview
    manager.post(url("report_publish", partnership), {"kind": "public"})
    client.logout()
    response = client.get(reverse("public_report", kwargs={"partnership": partnership.slug}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Parents do not know what help there is" in page and "reading age" in page
    people = [
        "Lee Lead",
        "Priya Officer",
        "Head of SEND",
        *(u.get_full_name() for u in members.values() if hasattr(u, "get_full_name")),
        "programme_manager",
        "Sam Tester",
    ]
    for name in people:
        assert name not in page, name


def test_public_report_names_officers_when_the_partnership_chooses(
    client_for, partnership, members, findings
):
    partnership.publish_officer_names = True
    partnership.save()
    manager = client_for(members["programme_manager"])
    preview = manager.get(url("public_report_preview", partnership)).content.decode()
    assert "Who leads the work" in preview and "Lee Lead, Priya Officer" in preview


def test_public_url_serves_the_latest_and_404s_when_none(
    client, client_for, partnership, members, findings
):
    path = reverse("public_report", kwargs={"partnership": partnership.slug})
    assert client.get(path).status_code == 404
    manager = client_for(members["programme_manager"])
    manager.post(url("report_publish", partnership), {"kind": "public"})
    findings.text = "A newer finding text"
    findings.save()
    manager.post(url("report_publish", partnership), {"kind": "public"})
    client.logout()
    assert "A newer finding text" in client.get(path).content.decode()
    assert PublishedReport.objects.filter(kind="public").count() == 2


def test_reports_of_another_partnership_are_not_found(client_for, partnership, members):
    from tests.factories import PartnershipFactory

    other_plan = PlanFactory(partnership=PartnershipFactory())
    client = client_for(members["administrator"])
    path = url("board_report", partnership, plan_id=other_plan.pk, month=this_month())
    assert client.get(path).status_code == 404
    response = client.post(
        url("report_publish", partnership),
        {"kind": "board", "plan": other_plan.pk, "month": this_month()},
    )
    assert response.status_code == 404


def test_published_reports_are_listed_newest_first_twenty_to_a_page(
    client_for, partnership, members, plan
):
    for number in range(1, 24):
        PublishedReport.objects.create(
            partnership=partnership,
            kind="public",
            number=number,
            title=f"Public progress report, version {number}",
            content={},
            html="",
        )
    client = client_for(members["viewer"])
    first = client.get(url("report_index", partnership)).content.decode()
    assert "version 23<" in first and "version 4<" in first and "version 3<" not in first
    assert "Page 1 of 2" in first and 'aria-label="Pages of published reports"' in first
    second = client.get(url("report_index", partnership) + "?page=2").content.decode()
    assert "version 3<" in second and "version 1<" in second and "version 4<" not in second


def test_public_report_scores_findings_as_sentences_and_flags_only_long_ones(partnership, plan):
    """Findings written as headings (no full stop) are each a sentence, not one long one."""
    from sendtrack.reports.builders import public_report

    headings = [
        "Families wait too long for therapy",
        "Plans are not written with children",
        "Schools do not share one graduated approach",
        "Young people are not ready for adult life",
    ]
    long_one = (
        "Leaders across the partnership do not yet share a single clear picture of how well "
        "children and young people with special educational needs are doing in every school."
    )
    for text in [*headings, long_one]:
        finding = FindingFactory(plan=plan, text=text)
        Action.objects.filter(plan=plan).first().findings.add(finding)
    report = public_report(partnership, timezone.localdate(), with_long_sentences=True)
    assert report["long_sentences"] == [long_one]
