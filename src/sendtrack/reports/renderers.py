"""One report content, five formats: HTML (page and frozen snapshot), PDF, Word, CSV, XLSX.

Tables stay real tables everywhere: a caption and column headers (th scope="col") in HTML
and PDF (which WeasyPrint tags as a table for screen readers, pdf/ua-1), and in Word a
caption paragraph and a header row marked to repeat on each page (w:tblHeader).
"""

import io
from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string

from sendtrack import exports
from sendtrack.domain.rag import RAG_LABELS, Rag
from sendtrack.exports import Table

from .builders import Report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX, **exports.CONTENT_TYPES}


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
    """The page WeasyPrint draws as the PDF (the background job draws it in a child process
    with limits: ``reports.tasks``)."""
    return render_to_string("reports/print.html", {"report": report})


def pdf(report: Report) -> bytes:
    """A4 landscape, tagged (pdf/ua-1). Tables with column widths are laid out from them
    (table-layout: fixed) rather than by measuring every cell, which is most of the time."""
    from weasyprint import HTML
    from weasyprint.pdf import VARIANTS

    options = {"pdf_variant": "pdf/ua-1"} if "pdf/ua-1" in VARIANTS else {}
    return HTML(string=print_html(report)).write_pdf(**options)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def docx(report: Report) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = report["title"]
    document.add_heading(report["title"], level=0)
    if report.get("subtitle"):
        document.add_paragraph(report["subtitle"])
    for block in report["blocks"]:
        if block["type"] == "heading":
            document.add_heading(block["text"], level=block.get("level", 2) - 1)
        elif block["type"] == "paragraph":
            document.add_paragraph(block["text"])
        elif block["type"] == "table":
            document.add_paragraph(block["caption"], style="Caption")
            if not block["rows"]:
                document.add_paragraph(block["empty"])
                continue
            grid = document.add_table(rows=1, cols=len(block["columns"]))
            grid.style = "Table Grid"
            header = grid.rows[0]
            _repeat_header(header)
            for cell, name in zip(header.cells, block["columns"], strict=True):
                cell.text = name
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block["rows"]:
                cells = grid.add_row().cells
                for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
                    cell.text = cell_text(block, index, value)
            if block.get("more"):
                document.add_paragraph(block["more"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _spreadsheet_rows(block: dict[str, Any]) -> Iterator[list[str]]:
    """One table's rows as text, its own RAG columns in words. A function of its own, so
    each table's rows are read with that table's columns: a generator written inline in the
    loop over tables would look `block` up when it runs, and find the last table."""
    for row in block["rows"]:
        yield [cell_text(block, index, value) for index, value in enumerate(row)]


def spreadsheet_tables(report: Report) -> list[Table]:
    return [
        Table(block["caption"], block["columns"], _spreadsheet_rows(block), sheet=block["key"])
        for block in tables(report)
    ]


def csv_bytes(report: Report) -> bytes:
    """Every table in turn: its caption, its header row, its rows, then a blank line."""
    return exports.csv_bytes(spreadsheet_tables(report))


def xlsx(report: Report) -> bytes:
    """One worksheet per table, its header row frozen."""
    return exports.xlsx_bytes(spreadsheet_tables(report))


RENDERERS = {"pdf": pdf, "docx": docx, "csv": csv_bytes, "xlsx": xlsx}
