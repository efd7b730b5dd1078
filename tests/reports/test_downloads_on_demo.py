"""Every report's CSV and Excel downloads, on the Northvale demo: each table's RAG columns
hold RAG words for that table's own rows, and every other cell is the table's own value."""

import csv
import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sendtrack.accounts.models import Partnership, User
from sendtrack.demo.people import PARTNERSHIP_SLUG
from sendtrack.plans.models import Plan
from sendtrack.reports import builders
from sendtrack.reports.models import PublishedReport

pytestmark = pytest.mark.django_db

RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue (complete)"}


def expected_rows(block):
    """A table's rows as a spreadsheet should hold them: RAG columns in words."""
    rows = []
    for row in [*block["rows"], *block.get("more_rows", [])]:
        cells = []
        for index, value in enumerate(row):
            if index in block["rag_columns"]:
                cells.append(RAG_WORDS[value] if value else "No rating")
            else:
                cells.append("" if value is None else str(value))
        rows.append(cells)
    return rows


def tables_of(report):
    return [block for block in report["blocks"] if block["type"] == "table"]


def check_xlsx(content, report, name):
    book = load_workbook(io.BytesIO(content))
    tables = tables_of(report)
    assert len(book.sheetnames) == len(tables), name
    for sheet_name, block in zip(book.sheetnames, tables, strict=True):
        sheet = book[sheet_name]
        rows = [
            ["" if v is None else str(v) for v in row]
            for row in sheet.iter_rows(min_row=2, values_only=True)
        ]
        assert [c.value for c in sheet[1]] == block["columns"], (name, block["key"])
        assert rows == expected_rows(block), (name, block["key"])
        for column in block["rag_columns"]:
            words = {row[column] for row in rows}
            assert words <= {*RAG_WORDS.values(), "No rating"}, (name, block["key"], words)


def check_csv(content, report, name):
    """Each table's header and rows, after its caption when the file holds several."""
    lines = list(csv.reader(io.StringIO(content.decode())))
    tables = tables_of(report)
    if len(tables) == 1:
        assert lines == [tables[0]["columns"], *expected_rows(tables[0])], name
        return
    for block in tables:
        start = lines.index([block["caption"]])
        assert lines[start + 1] == block["columns"], (name, block["key"])
        end = lines.index([], start)
        assert lines[start + 2 : end] == expected_rows(block), (name, block["key"])


@pytest.fixture
def northvale(client):
    call_command("load_demo", "--without-casework", stdout=StringIO(), stderr=StringIO())
    client.force_login(User.objects.get(username="manager"))
    return Partnership.objects.get(slug=PARTNERSHIP_SLUG)


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def test_every_reports_spreadsheets_hold_rag_words_for_their_own_rows(client, northvale):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    reports = []  # (name, download url without the format, the report's content)
    for plan in Plan.objects.filter(partnership=northvale).order_by("pk"):
        for month in (today.replace(day=1), last_month):
            reports.append(
                (
                    f"board report {plan.pk} {month:%Y-%m}",
                    lambda fmt, p=plan, m=month: url(
                        "board_report_download",
                        northvale,
                        plan_id=p.pk,
                        month=f"{m:%Y-%m}",
                        fmt=fmt,
                    ),
                    builders.board_report(plan, month, today),
                )
            )
        for section in plan.sections.filter(parent=None).order_by("position"):
            reports.append(
                (
                    f"highlight report {section.pk}",
                    lambda fmt, s=section: url(
                        "highlight_report_download", northvale, section_id=s.pk, fmt=fmt
                    ),
                    builders.highlight_report(section, today),
                )
            )
    reports.append(
        (
            "public report",
            lambda fmt: url("public_report_download", northvale, fmt=fmt),
            builders.public_report(northvale, today),
        )
    )
    # A published report of each kind: the demo's board reports, and one highlight and one
    # public report published now.
    section = Plan.objects.filter(partnership=northvale).first().sections.filter(parent=None)[0]
    for form in ({"kind": "highlight", "section": section.pk}, {"kind": "public"}):
        assert client.post(url("report_publish", northvale), form).status_code == 302
    published = PublishedReport.objects.filter(partnership=northvale).order_by("pk")
    assert {p.kind for p in published} == {"board", "highlight", "public"}
    for report in published:
        reports.append(
            (
                f"published {report.kind} report {report.pk}",
                lambda fmt, r=report: url(
                    "published_report_download", northvale, report_id=r.pk, fmt=fmt
                ),
                report.content,
            )
        )

    rag_cells = 0
    for name, download, report in reports:
        for fmt, check in (("xlsx", check_xlsx), ("csv", check_csv)):
            response = client.get(download(fmt))
            assert response.status_code == 200, (name, fmt)
            check(response.content, report, f"{name} {fmt}")
        rag_cells += sum(
            len(block["rows"]) + len(block.get("more_rows", []))
            for block in tables_of(report)
            if block["rag_columns"]
        )
    assert rag_cells > 100  # the demo's reports do rate things: the check checked something
