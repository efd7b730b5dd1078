"""The annual report as a PDF (WeasyPrint) and a Word document (python-docx).

Both are made from `reports.report_sections`, the same suppressed cells the page shows, so a
number from 1 to 4 cannot reach a published file by another route.
"""

from io import BytesIO

from django.template.loader import render_to_string

from .reports import AnnualReport, report_sections

INTRO = (
    "Numbers from 1 to 4 are shown as \u201cfewer than 5\u201d so that no family can be "
    "recognised. The report holds no personal details."
)


def report_pdf(report: AnnualReport) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "sendiass/annual_report_print.html",
        {"report": report, "sections": report_sections(report)},
    )
    return HTML(string=html).write_pdf()


def report_docx(report: AnnualReport) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    document.core_properties.title = f"SENDIASS annual report: {report.period.label}"
    document.core_properties.author = "SENDIASS"
    document.add_heading("SENDIASS annual report", level=0)
    document.add_paragraph(f"{report.period.label}, compared with {report.previous.label}. {INTRO}")
    for section in report_sections(report):
        document.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            document.add_paragraph(text)
        for shown in section.tables:
            document.add_paragraph(shown.caption, style="Caption")
            table = document.add_table(rows=1, cols=len(shown.headers))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, shown.headers, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in shown.rows:
                cells = table.add_row().cells
                for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
                    cell.text = text
                    if shown.numeric and index:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = BytesIO()
    document.save(out)
    return out.getvalue()
