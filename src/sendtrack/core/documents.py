"""The one way a part draws a document as a PDF or a Word file (reports, SENDIASS …).

Each part builds its own content (a template's HTML for the PDF, headings, paragraphs and
tables for Word); this module only draws it, so what makes a file accessible is decided once:
every PDF is tagged (pdf/ua-1), so a screen reader finds its headings and tables; in Word each
table has a caption paragraph and a bold header row marked to repeat on each page
(w:tblHeader). Word files are A4, as councils print them, and RAG cells carry their colour
beside their word in both. No Django here: the job child process (`jobs/child.py`) draws PDFs
with it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendtrack.core.colours import RAG_COLOURS, rag_named

if TYPE_CHECKING:
    from docx.document import Document as WordFile
    from docx.table import _Cell, _Row

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": PDF, "docx": DOCX}


def pdf_bytes(html: str) -> bytes:
    """A whole HTML page (with its lang and title) as a tagged PDF, by WeasyPrint."""
    from weasyprint import HTML
    from weasyprint.pdf import VARIANTS

    options = {"pdf_variant": "pdf/ua-1"} if "pdf/ua-1" in VARIANTS else {}
    return bytes(HTML(string=html).write_pdf(**options))


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    """1 for a section under the document's title, 2 below that."""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """A table of text, after its caption. With no rows, `empty` (when given) says so in
    place of the table; `after` is a line under it (say, "and 12 more")."""

    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    empty: str = ""
    after: str = ""
    numeric: frozenset[int] = field(default_factory=frozenset)
    """The columns of figures, aligned right."""
    rag_columns: frozenset[int] = field(default_factory=frozenset)
    """The columns of RAG ratings by name ("Red"), each cell shaded in its colour."""


@dataclass(frozen=True)
class Picture:
    """A chart drawn as a PNG, after its caption, with `description` as its alternative text
    (what a screen reader says); the table of its figures is a Table after it."""

    caption: str
    png: bytes
    description: str
    width_mm: float = 150


Block = Heading | Paragraph | Table | Picture


@dataclass(frozen=True)
class Document:
    title: str
    blocks: Sequence[Block]
    author: str = ""


A4 = (210, 297)
MARGIN = 20
"""Page size and margins of a Word file, in millimetres: A4, not python-docx's US Letter."""


def docx_bytes(document: Document) -> bytes:
    """The document as Word on A4: its title as the title heading and property, then each
    block."""
    from docx import Document as WordDocument
    from docx.shared import Mm

    word = WordDocument()
    for section in word.sections:
        section.page_width, section.page_height = Mm(A4[0]), Mm(A4[1])
        section.left_margin = section.right_margin = Mm(MARGIN)
        section.top_margin = section.bottom_margin = Mm(MARGIN)
    word.core_properties.title = document.title
    if document.author:
        word.core_properties.author = document.author
    word.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            word.add_paragraph(block.text)
        elif isinstance(block, Picture):
            _add_picture(word, block)
        else:
            _add_table(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _add_table(word: WordFile, table: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word.add_paragraph(table.caption, style="Caption")
    if not table.rows and table.empty:
        word.add_paragraph(table.empty)
        return
    grid = word.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    header = grid.rows[0]
    _repeat_on_each_page(header)
    for cell, name in zip(header.cells, table.header, strict=True):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        for index, (cell, text) in enumerate(zip(grid.add_row().cells, row, strict=True)):
            cell.text = text
            if index in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if index in table.rag_columns:
                _shade(cell, text)
    if table.after:
        word.add_paragraph(table.after)


def _add_picture(word: WordFile, picture: Picture) -> None:
    from docx.shared import Mm

    word.add_paragraph(picture.caption, style="Caption")
    shape = word.add_picture(io.BytesIO(picture.png), width=Mm(picture.width_mm))
    properties = shape._inline.docPr
    properties.set("title", picture.caption)
    properties.set("descr", picture.description)


def _repeat_on_each_page(row: _Row) -> None:
    """Mark a header row to repeat at the top of each page the table runs on to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell: _Cell, text: str) -> None:
    """Shade a RAG cell in its rating's colour, its word in a colour readable on it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    rag = rag_named(text)
    if rag is None:
        return
    fill, ink = RAG_COLOURS[rag]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)
    for run in cell.paragraphs[0].runs:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(ink)
