"""What goes into the annual report's PDF and Word files; core draws them (`core.documents`).

Both are made from `reports.report_sections`, the same suppressed cells the page shows, so a
number from 1 to 4 cannot reach a published file by another route.
"""

from django.template.loader import render_to_string

from sendtrack.core import documents

from .reports import AnnualReport, ShownTable, report_sections

INTRO = (
    "Numbers from 1 to 4 are shown as \u201cfewer than 5\u201d so that no family can be "
    "recognised. The report holds no personal details."
)


def print_html(report: AnnualReport) -> str:
    """The page drawn as the PDF (by the background job, in a child process: `jobs.py`)."""
    return render_to_string(
        "sendiass/annual_report_print.html",
        {"report": report, "sections": report_sections(report)},
    )


def _table(shown: ShownTable) -> documents.Table:
    """Every column after the first holds figures in a numeric table: aligned right."""
    return documents.Table(
        caption=shown.caption,
        header=shown.headers,
        rows=shown.rows,
        numeric=frozenset(range(1, len(shown.headers))) if shown.numeric else frozenset(),
    )


def word_document(report: AnnualReport) -> documents.Document:
    blocks: list[documents.Block] = [
        documents.Paragraph(
            f"{report.period.label}, compared with {report.previous.label}. {INTRO}"
        )
    ]
    for section in report_sections(report):
        blocks.append(documents.Heading(section.heading))
        blocks.extend(documents.Paragraph(text) for text in section.paragraphs)
        blocks.extend(_table(shown) for shown in section.tables)
    return documents.Document(
        title=f"SENDIASS annual report: {report.period.label}", blocks=blocks, author="SENDIASS"
    )


def report_docx(report: AnnualReport) -> bytes:
    return documents.docx_bytes(word_document(report))
