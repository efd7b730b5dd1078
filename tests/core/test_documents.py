"""The one PDF and Word renderer every part draws its documents with (reports, SENDIASS):
PDFs are tagged for screen readers; Word tables keep their caption, a bold header row that
repeats on each page, the empty-table message and right-aligned figures."""

import io
import zipfile

import pdfplumber
from docx import Document as WordFile
from docx.enum.text import WD_ALIGN_PARAGRAPH

from sendtrack.core import documents

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Board report</title>
</head><body><h1>Board report</h1><table><caption>Late actions</caption>
<thead><tr><th scope="col">Action</th><th scope="col">Days late</th></tr></thead>
<tbody><tr><td>Write the local offer</td><td>12</td></tr></tbody></table></body></html>"""


def test_a_pdf_is_tagged_and_holds_the_page():
    made = documents.pdf_bytes(PAGE)
    with pdfplumber.open(io.BytesIO(made)) as pdf:
        assert "StructTreeRoot" in pdf.doc.catalog  # tagged (pdf/ua-1): headings, tables
        text = pdf.pages[0].extract_text()
    assert "Late actions" in text and "Write the local offer" in text


def _word(document: documents.Document) -> tuple[WordFile, str]:
    made = documents.docx_bytes(document)
    xml = zipfile.ZipFile(io.BytesIO(made)).read("word/document.xml").decode()
    return WordFile(io.BytesIO(made)), xml


LATE = documents.Table(
    caption="Late actions",
    header=["Action", "Days late"],
    rows=[["Write the local offer", "12"], ["Train SENCOs", "3"]],
    after="Showing 2 of 40.",
    numeric=frozenset({1}),
)


def test_word_has_the_title_headings_paragraphs_and_tables_in_order():
    word, _ = _word(
        documents.Document(
            title="Board report",
            author="SENDIASS",
            blocks=[
                documents.Paragraph("March 2025"),
                documents.Heading("Actions"),
                documents.Heading("Late", level=2),
                LATE,
            ],
        )
    )
    assert word.core_properties.title == "Board report"
    assert word.core_properties.author == "SENDIASS"
    shown = [(p.style.name, p.text) for p in word.paragraphs]
    assert shown == [
        ("Title", "Board report"),
        ("Normal", "March 2025"),
        ("Heading 1", "Actions"),
        ("Heading 2", "Late"),
        ("Caption", "Late actions"),
        ("Normal", "Showing 2 of 40."),
    ]


def test_a_word_table_has_a_bold_header_repeated_on_each_page_and_figures_on_the_right():
    word, xml = _word(documents.Document(title="Report", blocks=[LATE]))
    (table,) = word.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [["Action", "Days late"], ["Write the local offer", "12"], ["Train SENCOs", "3"]]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert xml.count("<w:tblHeader") == 1  # the header row repeats on each page
    first = table.rows[1].cells
    assert first[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first[0].paragraphs[0].alignment is None


def test_an_empty_table_says_so_in_place_of_the_table_or_keeps_its_header():
    said = documents.Table(caption="Risks", header=["Risk"], rows=[], empty="No open risks.")
    word, _ = _word(documents.Document(title="Report", blocks=[said]))
    assert word.tables == [] and [p.text for p in word.paragraphs][-1] == "No open risks."
    unsaid = documents.Table(caption="Risks", header=["Risk"], rows=[])
    word, _ = _word(documents.Document(title="Report", blocks=[unsaid]))
    assert [[c.text for c in row.cells] for row in word.tables[0].rows] == [["Risk"]]


def test_a_word_file_is_a4_with_margins_not_us_letter():
    word, _ = _word(documents.Document(title="Report", blocks=[LATE]))
    for section in word.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        margins = [section.left_margin, section.right_margin, section.top_margin]
        assert [round(m.mm) for m in [*margins, section.bottom_margin]] == [20] * 4


def test_word_rag_cells_are_shaded_in_their_colour_with_the_word_readable_on_it():
    rated = documents.Table(
        caption="Exceptions",
        header=["Action", "RAG"],
        rows=[["Write the local offer", "Red"], ["Train SENCOs", "Amber"], ["Audit", "No rating"]],
        rag_columns=frozenset({1}),
    )
    word, xml = _word(documents.Document(title="Report", blocks=[rated]))
    (table,) = word.tables

    def shown(row):
        cell = table.rows[row].cells[1]
        fills = cell._tc.xpath("./w:tcPr/w:shd/@w:fill")
        run = cell.paragraphs[0].runs[0]
        return cell.text, fills, str(run.font.color.rgb) if run.font.color.rgb else None

    assert shown(1) == ("Red", ["D4351C"], "FFFFFF")
    assert shown(2) == ("Amber", ["F47738"], "0B0C0C")  # black: white on amber is too faint
    assert shown(3) == ("No rating", [], None)
    assert table.rows[1].cells[0]._tc.xpath("./w:tcPr/w:shd") == []  # only the RAG column
