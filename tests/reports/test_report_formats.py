"""Long lists in the board report: the page, PDF and Word show the same first rows and say
how many more there are; the CSV and Excel downloads keep every row. The PDF stays tagged,
its tables real tables."""

import csv
import io
import zipfile
from datetime import timedelta

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pdfplumber.structure import PDFStructTree

from sendtrack.reports.builders import ROW_LIMIT, board_report
from sendtrack.reports.models import PublishedReport
from tests.factories import ActionFactory, PlanFactory, ProgressUpdateFactory, SectionFactory
from tests.pdf_jobs import fetch_pdf

pytestmark = pytest.mark.django_db

EXTRA = 3


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def late(n):
    return f"Late action number {n:02d}"


@pytest.fixture
def long_plan(partnership):
    """More overdue actions than a board report lists, oldest due first."""
    plan = PlanFactory(partnership=partnership, title="Plan with a long overdue list")
    section = SectionFactory(plan=plan, title="Workstream 1")
    today = timezone.localdate()
    for n in range(ROW_LIMIT + EXTRA):
        ActionFactory(
            plan=plan,
            section=section,
            ref=f"1.{n + 1:02d}",
            text=late(n),
            due=today - timedelta(days=100 - n),
        )
    return plan


@pytest.fixture
def downloads(client_for, members, partnership, long_plan):
    client = client_for(members["viewer"])
    base = {"plan_id": long_plan.pk, "month": f"{timezone.localdate():%Y-%m}"}

    def get(fmt=None):
        if fmt is None:
            response = client.get(url("board_report", partnership, **base))
        else:
            response = fetch_pdf(client, url("board_report_download", partnership, fmt=fmt, **base))
        assert response.status_code == 200
        return response.content

    return get


def pdf_text(content):
    with pdfplumber.open(io.BytesIO(content)) as document:
        return "\n".join(page.extract_text() for page in document.pages)


def more_line():
    total = ROW_LIMIT + EXTRA
    return f"Showing {ROW_LIMIT} of {total}. The CSV and Excel downloads list all {total}."


def test_page_pdf_and_word_show_the_same_first_rows_and_say_how_many_more(downloads):
    shown, hidden = late(ROW_LIMIT - 1), late(ROW_LIMIT)
    page = downloads().decode()
    overdue = next(part for part in page.split("<caption")[1:] if ">Overdue</caption>" in part)
    assert overdue.count('<th scope="row"') == ROW_LIMIT
    assert shown in overdue and hidden not in page
    assert more_line() in overdue

    text = pdf_text(downloads("pdf"))
    assert shown in text and hidden not in text
    assert more_line() in text

    word = zipfile.ZipFile(io.BytesIO(downloads("docx"))).read("word/document.xml").decode()
    assert shown in word and hidden not in word
    assert more_line() in word


def test_the_spreadsheets_keep_every_row(downloads):
    every = [late(n) for n in range(ROW_LIMIT + EXTRA)]
    rows = list(csv.reader(io.StringIO(downloads("csv").decode())))
    start = rows.index(["Overdue"])
    overdue = rows[start + 2 : rows.index([], start)]
    assert [row[1] for row in overdue] == every

    book = load_workbook(io.BytesIO(downloads("xlsx")))
    sheet = book["overdue"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == every


def test_the_pdf_tables_are_tagged_with_captions_and_headers(downloads):
    content = downloads("pdf")
    with pdfplumber.open(io.BytesIO(content)) as document:
        assert "StructTreeRoot" in document.doc.catalog
        kinds = []

        def walk(element):
            kinds.append(element.type)
            for child in element.children:
                walk(child)

        for element in PDFStructTree(document):
            walk(element)
    assert {"Table", "Caption", "THead", "TBody", "TH", "TD"} <= set(kinds)
    text = pdf_text(content)
    for caption in ("Overdue", "Newly red", "Red and amber risks", "BRAG counts by section"):
        assert caption in text
    assert "Ref Action Lead Due RAG" in text  # the column headers, in order


def test_a_frozen_report_from_before_column_widths_still_downloads(
    client_for, members, partnership, long_plan
):
    """Versions published before tables carried widths or their further rows still open."""
    today = timezone.localdate()
    content = board_report(long_plan, today, today)
    for block in content["blocks"]:
        block.pop("widths", None)
        block.pop("more_rows", None)
    published = PublishedReport.objects.create(
        partnership=partnership,
        kind="board",
        plan=long_plan,
        period=today.replace(day=1),
        number=1,
        title=content["title"],
        content=content,
        html="",
    )
    client = client_for(members["viewer"])
    responses = {
        fmt: fetch_pdf(
            client, url("published_report_download", partnership, report_id=published.pk, fmt=fmt)
        )
        for fmt in ("pdf", "docx", "csv", "xlsx")
    }
    assert all(response.status_code == 200 for response in responses.values())
    text = pdf_text(responses["pdf"].content)
    assert late(ROW_LIMIT - 1) in text and more_line() in text


def test_a_highlight_report_lists_recent_updates_the_same_way(
    client_for, members, partnership, long_plan
):
    section = long_plan.sections.get()
    for action in long_plan.actions.all():
        ProgressUpdateFactory(action=action, commentary=f"Update on {action.text}")
    client = client_for(members["action_lead"])
    page = client.get(url("highlight_report", partnership, section_id=section.pk)).content.decode()
    updates = page.split("<caption")[1]
    assert updates.count('<th scope="row"') == ROW_LIMIT and more_line() in updates
    path = url("highlight_report_download", partnership, section_id=section.pk, fmt="csv")
    spreadsheet = client.get(path).content.decode()
    assert all(f"Update on {late(n)}" in spreadsheet for n in range(ROW_LIMIT + EXTRA))
