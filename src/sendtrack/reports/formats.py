"""One report content, five formats: HTML (page and frozen snapshot), PDF, Word, CSV, XLSX.

The content is the report's; the drawing is core's (`core.documents` for PDF and Word,
`core.exports` for CSV and XLSX), shared with every other part. Tables stay real tables
everywhere: a caption and column headers (th scope="col") in HTML and so in the tagged PDF, and
in Word a caption paragraph and a header row repeated on each page.
"""

from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string

from sendtrack.core import charts, documents, exports
from sendtrack.domain.rag import RAG_LABELS, Rag

from .builders import Report
from .templatetags.reports import chart_bars

CONTENT_TYPES = {**documents.CONTENT_TYPES, **exports.CONTENT_TYPES}


def cell_text(block: dict[str, Any], index: int, value: Any) -> str:
    if index in block.get("rag_columns", []):
        return RAG_LABELS[Rag(value)] if value else "No rating"
    return "" if value is None else str(value)


def tables(report: Report) -> list[dict[str, Any]]:
    """Every table with every row: the spreadsheets also list the rows that the page, PDF
    and Word document leave out of a long list ("more_rows")."""
    return [
        {**b, "rows": [*b["rows"], *b.get("more_rows", [])]}
        for b in report["blocks"]
        if b["type"] == "table"
    ]


def body_html(report: Report) -> str:
    """The report's body as GOV.UK markup: what a snapshot stores and the page shows."""
    return render_to_string("reports/includes/report_body.html", {"report": report})


def print_html(report: Report) -> str:
    """The page drawn as the PDF: A4 landscape; tables with column widths are laid out from
    them (table-layout: fixed) rather than by measuring every cell, which is most of the time.
    The background job draws it in a child process with limits (``reports.tasks``)."""
    return render_to_string("reports/print.html", {"report": report})


def pdf(report: Report) -> bytes:
    return documents.pdf_bytes(print_html(report))


def _word_block(block: dict[str, Any]) -> documents.Block:
    if block["type"] == "heading":
        return documents.Heading(block["text"], level=block.get("level", 2) - 1)
    if block["type"] == "paragraph":
        return documents.Paragraph(block["text"])
    if block["type"] == "chart":
        return documents.Picture(
            caption=block["title"],
            png=charts.stacked_bars_png(title=block["title"], bars=chart_bars(block)),
            description=block["description"],
        )
    return documents.Table(
        caption=block["caption"],
        header=block["columns"],
        rows=[[cell_text(block, i, value) for i, value in enumerate(row)] for row in block["rows"]],
        empty=block["empty"],
        after=block.get("more", ""),
        rag_columns=frozenset(block.get("rag_columns", [])),
    )


def word_document(report: Report) -> documents.Document:
    """The report as core's document: the title, the subtitle under it, then each block."""
    subtitle = [documents.Paragraph(report["subtitle"])] if report.get("subtitle") else []
    return documents.Document(
        title=report["title"], blocks=[*subtitle, *map(_word_block, report["blocks"])]
    )


def docx(report: Report) -> bytes:
    return documents.docx_bytes(word_document(report))


def _spreadsheet_rows(block: dict[str, Any]) -> Iterator[list[str]]:
    """One table's rows as text, its own RAG columns in words. A function of its own, so
    each table's rows are read with that table's columns: a generator written inline in the
    loop over tables would look `block` up when it runs, and find the last table."""
    for row in block["rows"]:
        yield [cell_text(block, index, value) for index, value in enumerate(row)]


def spreadsheet_tables(report: Report) -> list[exports.Table]:
    return [
        exports.Table(
            block["caption"],
            block["columns"],
            _spreadsheet_rows(block),
            sheet=block["key"],
            rag_columns=frozenset(block.get("rag_columns", [])),
        )
        for block in tables(report)
    ]


def csv_bytes(report: Report) -> bytes:
    """Every table in turn: its caption, its header row, its rows, then a blank line."""
    return exports.csv_bytes(spreadsheet_tables(report))


def xlsx(report: Report) -> bytes:
    """One worksheet per table, its header row frozen, RAG cells coloured."""
    return exports.xlsx_bytes(spreadsheet_tables(report))


RENDERERS = {"pdf": pdf, "docx": docx, "csv": csv_bytes, "xlsx": xlsx}
