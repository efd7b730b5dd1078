"""The board report's PDF as a board member reads it on A4: RAG cells in their colours with
the word written in them, a heading never left alone at the foot of a page, still tagged."""

import io

import pdfplumber
from docx import Document as WordFile
from openpyxl import load_workbook

from sendtrack.reports import formats
from sendtrack.reports.builders import heading, paragraph, table

COLUMNS = ["Ref", "Action", "Lead", "Due", "RAG"]
WIDTHS = (8, 52, 15, 13, 12)


def _report(filler: int) -> dict:
    rows = [[f"1.{n}", f"Late action {n}", "Lee Lead", "1 May 2025", "red"] for n in range(6)]
    rows[1][4], rows[2][4] = "amber", None
    blocks = [paragraph(f"Line {n} of the narrative the manager wrote.") for n in range(filler)]
    blocks += [
        heading("Exceptions for the board"),
        table("late", "Late actions", COLUMNS, rows, widths=WIDTHS, rag_columns=(4,)),
    ]
    return {"title": "Board report", "subtitle": "March 2025", "blocks": blocks}


def _colour(rgb: str) -> tuple[float, ...]:
    return tuple(round(int(rgb[i : i + 2], 16) / 255, 3) for i in (0, 2, 4))


def test_rag_cells_are_coloured_with_their_word_and_the_pdf_stays_tagged_on_a4():
    with pdfplumber.open(io.BytesIO(formats.pdf(_report(0)))) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (842, 595)  # A4 landscape
        assert "StructTreeRoot" in pdf.doc.catalog  # tagged (pdf/ua-1)
        fills = {
            tuple(round(c, 3) for c in rect["non_stroking_color"])
            for rect in page.rects
            if rect.get("non_stroking_color")
        }
        text = page.extract_text()
        white_letters = {c["text"] for c in page.chars if c["non_stroking_color"] == (1, 1, 1)}
    assert fills == {_colour("D4351C"), _colour("F47738")}  # red and amber, "No rating" bare
    assert "Red" in text and "Amber" in text and "No rating" in text
    assert set("Red") <= white_letters and not set("Amb") & white_letters  # black on amber


def _pages(content: bytes) -> dict[str, int]:
    found: dict[str, int] = {}
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for number, page in enumerate(pdf.pages):
            text = page.extract_text()
            for words in ("Exceptions for the board", "Late actions", "Late action 0"):
                if words in text:
                    found.setdefault(words, number)
    return found


def test_a_heading_and_caption_stay_on_the_page_of_their_table():
    """However long the narrative above, the heading, the caption and the table's first row
    are on one page: the narrative's length moves them across the page end and back."""
    first_pages = set()
    for filler in range(14, 26):
        pages = _pages(formats.pdf(_report(filler)))
        assert len(set(pages.values())) == 1, (filler, pages)
        first_pages |= set(pages.values())
    assert first_pages == {0, 1}  # the page end was crossed


def test_the_reports_word_and_excel_files_colour_their_rag_cells_too():
    report = _report(0)
    sheet = load_workbook(io.BytesIO(formats.xlsx(report))).active
    assert [sheet.cell(row=r, column=5).value for r in range(2, 5)] == ["Red", "Amber", "No rating"]
    assert sheet["E2"].fill.fgColor.rgb.endswith("D4351C")
    assert sheet["E4"].fill.fgColor.rgb in (None, "00000000")  # no rating, no colour
    (table,) = WordFile(io.BytesIO(formats.docx(report))).tables
    assert table.rows[1].cells[4]._tc.xpath("./w:tcPr/w:shd/@w:fill") == ["D4351C"]
