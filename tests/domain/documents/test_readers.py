"""Document readers: Word, Excel, CSV, PDF and text files → the parser's text form.

Test documents are made here, from seed-shaped synthetic text, with the libraries councils'
files come from (python-docx, openpyxl, csv, WeasyPrint for PDF); never by hand. The same
builders turn the real seed documents in ../shared into each format at test time, and each
format must give the same Plan JSON as the seed's text.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import random
import re
import tracemalloc
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest

from sendtrack.domain.documents.plan import DocumentImportError, parse_plan_text
from sendtrack.domain.documents.readers import (
    MAX_DOCUMENT_BYTES,
    decode_text,
    document_kind,
    read_document,
)
from sendtrack.domain.documents.records import json_rows
from sendtrack.domain.documents.text import cell_fragments, plain

# --- a seed-shaped synthetic plan ------------------------------------------------------------

SYNTHETIC_PLAN = """\
Eastmoor Local Area SEND Improvement Plan

Position as at March 2024

This plan sets out how the council, the integrated care board and the parent carer forum will act on the findings of the local area inspection.

Priority 1 – Communication with families

No\tFinding\tSummary actions\tWhen\tWho\tMeasure of success
1\tFamilies cannot find reliable information about short breaks\t<ul><li>Rewrite the short breaks pages with parents</li><li>Publish a termly newsletter for families</li></ul>\tApril  June\tJoHa\t<ol><li>Parents say the pages are clear</li><li>Page visits rise by a third</li></ol>
2\tLetters about assessments arrive late\tSend every decision letter within five working days<br>Check a sample of letters each month\tMay\tSEND Service Manager\tNine in ten letters sent on time
3\tAnnual reviews are not always held\t<b>Actions we will take include:</b><ul><li>Track every review due date</li><li>Remind schools a month ahead</li></ul>\tSeptember\tAmBu\tReviews held on time rise to 90%

Next steps
- Agree the co-production charter with the parent carer forum
- Recruit two more family liaison officers by July 2024
"""  # noqa: E501


# --- builders: text form → each format ------------------------------------------------------


@functools.cache
def _weasyprint() -> Any:
    try:
        import weasyprint

        weasyprint.HTML(string="<p>x</p>").write_pdf()
    except (ImportError, OSError) as error:
        pytest.skip(
            "PDF documents are made with WeasyPrint, which needs Debian's libpango-1.0-0, "
            f"libpangoft2-1.0-0 and libharfbuzz-subset0: {error}"
        )
    return weasyprint


_Block = tuple[str, int, list[tuple[str, bool]], bool]


class _CellBlocks(HTMLParser):
    """Collects a cell's blocks as its HTML opens and closes paragraphs, lists and bold."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self.current: _Block | None = None
        self.depth = 0
        self.bold = 0
        self.ordered: list[bool] = []

    def flush(self) -> None:
        if self.current and any(t.strip() for t, _ in self.current[2]):
            self.blocks.append(self.current)
        self.current = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("p", "div", "br"):
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.depth += 1
            self.ordered.append(tag == "ol")
        elif tag == "li":
            self.flush()
            ordered = bool(self.ordered and self.ordered[-1])
            self.current = ("li", max(self.depth, 1), [], ordered)
        elif tag in ("b", "strong"):
            self.bold += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "li"):
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.depth = max(self.depth - 1, 0)
            if self.ordered:
                self.ordered.pop()
        elif tag in ("b", "strong"):
            self.bold = max(self.bold - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.current is None:
            self.current = ("p", 0, [], False)
        self.current[2].append((data, self.bold > 0))


def cell_blocks(fragment: str) -> list[_Block]:
    """A cell's HTML fragment as (kind "p"/"li", level, [(text, bold)], ordered) blocks."""
    parser = _CellBlocks()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return parser.blocks


def text_form_parts(text: str) -> list[tuple[str, Any]]:
    """("row", cells), ("text", line), ("bullet", (level, text)) or ("blank", None)."""
    parts: list[tuple[str, Any]] = []
    for line in text.split("\n"):
        if "\t" in line:
            parts.append(("row", line.split("\t")))
        elif not line.strip():
            parts.append(("blank", None))
        elif re.match(r"^\s*- ", line):
            indent = len(line) - len(line.lstrip(" "))
            parts.append(("bullet", ((indent + 1) // 2, line.strip()[2:])))
        else:
            parts.append(("text", line))
    return parts


def docx_from_text(text: str) -> bytes:
    """A Word document: prose as paragraphs, "- " lines as List Bullet paragraphs, runs of
    rows with the same number of cells as tables, cell lists as List Bullet/Number items."""
    import docx

    document = docx.Document()
    table = None
    width = 0

    def fill(paragraph: Any, runs: list[tuple[str, bool]]) -> None:
        for run_text, bold in runs:
            run = paragraph.add_run(run_text.replace("\n", " "))
            if bold:
                run.bold = True

    for kind, value in text_form_parts(text):
        if kind != "row":
            table = None
        if kind == "row":
            if table is None or len(value) != width:
                table = document.add_table(rows=0, cols=len(value))
                width = len(value)
            row = table.add_row()
            for cell, fragment in zip(row.cells, value, strict=True):
                for number, (block, level, runs, ordered) in enumerate(cell_blocks(fragment)):
                    paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                    if block == "li":
                        style = "List Number" if ordered else "List Bullet"
                        paragraph.style = document.styles[
                            style if level <= 1 else f"{style} {min(level, 3)}"
                        ]
                    fill(paragraph, runs)
        elif kind == "blank":
            document.add_paragraph("")
        elif kind == "bullet":
            level, line = value
            style = "List Bullet" if level == 0 else f"List Bullet {min(level + 1, 3)}"
            paragraph = document.add_paragraph(style=style)
            for _, _, runs, _ in cell_blocks(line):
                fill(paragraph, runs)
        else:
            paragraph = document.add_paragraph()
            for _, _, runs, _ in cell_blocks(value):
                fill(paragraph, runs)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sheet_rows(text: str) -> list[list[str]]:
    """Rows for a spreadsheet: each line one row; a blank line an empty row, except inside a
    table (a page break in a text export: a spreadsheet has none)."""
    parts = text_form_parts(text)
    kinds = [kind for kind, _ in parts if kind != "blank"]
    rows: list[list[str]] = []
    seen = 0
    for kind, value in parts:
        if kind != "blank":
            seen += 1
        elif 0 < seen < len(kinds) and kinds[seen - 1] == kinds[seen] == "row":
            continue
        if kind == "row":
            rows.append(list(value))
        elif kind == "text":
            rows.append([value])
        elif kind == "bullet":
            rows.append(["  " * value[0] + "- " + value[1]])
        else:
            rows.append([])
    return rows


def xlsx_from_text(text: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in sheet_rows(text):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_from_text(text: str, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for row in sheet_rows(text):
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


PDF_CSS = """
@page { size: A4 landscape; margin: 1cm }
body { font-family: "DejaVu Sans", sans-serif; font-size: 7pt; line-height: 1.25 }
p { margin: 0 0 7pt }
table { border-collapse: collapse; width: 100%; margin: 8pt 0 }
td { border: 0.6pt solid black; padding: 2pt 3pt; vertical-align: top }
td p { margin: 0 0 6pt }
tr { break-inside: avoid }
ul, ol { list-style-type: disc !important; margin: 0 0 6pt; padding-left: 10pt }
"""


def pdf_from_text(text: str, css: str = "") -> bytes:
    """A PDF printed by WeasyPrint from the text form: prose as paragraphs, "- " lines as a
    bulleted list, runs of rows with the same number of cells as bordered tables."""
    weasyprint = _weasyprint()
    html: list[str] = []
    in_table = False
    width = 0
    depth = 0
    for kind, value in text_form_parts(text):
        if kind != "row" and in_table:
            html.append("</table>")
            in_table = False
        if kind != "bullet":
            html.extend("</ul>" for _ in range(depth))
            depth = 0
        if kind == "row":
            if not in_table or len(value) != width:
                html.append("</table><table>" if in_table else "<table>")
                in_table, width = True, len(value)
            html.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in value) + "</tr>")
        elif kind == "bullet":
            level, line = value
            while depth < level + 1:
                html.append("<ul>")
                depth += 1
            while depth > level + 1:
                html.append("</ul>")
                depth -= 1
            html.append(f"<li>{line}</li>")
        elif kind == "text":
            html.append(f"<p>{value}</p>")
    if in_table:
        html.append("</table>")
    html.extend("</ul>" for _ in range(depth))
    page = f"<html><head><style>{PDF_CSS}{css}</style></head><body>{''.join(html)}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()


BUILDERS = {
    "docx": docx_from_text,
    "xlsx": xlsx_from_text,
    "csv": csv_from_text,
    "pdf": pdf_from_text,
}


@functools.cache
def synthetic_document(fmt: str) -> bytes:
    """The synthetic plan as a document of ``fmt``, made once per test run."""
    return BUILDERS[fmt](SYNTHETIC_PLAN)


def cells(line: str) -> list[str]:
    return line.split("\t")


def rows_of(text: str) -> list[list[str]]:
    return [cells(line) for line in text.split("\n") if "\t" in line]


# --- every format gives the plan of its text --------------------------------------------------


@functools.cache
def synthetic_plan_json() -> dict[str, Any]:
    return parse_plan_text(SYNTHETIC_PLAN)


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_each_format_reads_to_the_plan_json_of_its_text(fmt):
    data = synthetic_document(fmt)

    text = read_document(data, f"eastmoor-plan.{fmt}")

    assert parse_plan_text(text) == synthetic_plan_json()
    assert len(synthetic_plan_json()["actions"]) == 7


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_the_type_is_read_from_the_bytes_not_the_name(fmt):
    data = synthetic_document(fmt)

    assert document_kind(data, "plan.txt") == fmt
    assert parse_plan_text(read_document(data, "plan.txt")) == synthetic_plan_json()


def test_text_files_are_read_as_they_are():
    assert read_document(SYNTHETIC_PLAN.encode(), "plan.txt") == SYNTHETIC_PLAN
    assert document_kind(SYNTHETIC_PLAN.encode(), "plan") == "text"


def test_a_markdown_files_bold_within_a_line_is_dropped_and_its_refs_labels_and_statuses_read():
    text = (
        "# Inclusion programme highlight report\n\n**Key points**\n\n- Attendance is up.\n\n"
        "## 2. Progress this period\n\n### Workstream 1 — Inclusion\n"
        "**Lead:** Priya Shah, Head of Inclusion\n\n"
        "- **1.2** Outreach pilot in six primary schools on track to start by end of May.\n"
        "- __1.4__ Publish the guidance for SENCOs — **delayed**; sign-off now in July.\n"
    )
    read = read_document(text.encode(), "report.md")
    assert "**Key points**" in read  # a line bold as a whole heads what follows
    assert "- 1.2 Outreach pilot" in read and "**" not in read.replace("**Key points**", "")
    assert "Lead: Priya Shah" in read and "__" not in read
    actions = {a["ref"]: a for a in parse_plan_text(read)["actions"]}
    assert actions["1.2"]["text"].startswith("Outreach pilot in six primary schools")
    assert actions["1.4"]["text"].startswith("Publish the guidance for SENCOs")


@pytest.mark.parametrize("start", ["BM to lead the review", "MZ and GB", "GIF8 group", "ID3 plan"])
def test_text_that_starts_like_a_binary_format_is_still_text(start):
    assert document_kind(f"{start}\tMarch 2025\n".encode(), "plan.csv") == "csv"


# --- Word -------------------------------------------------------------------------------------


def _docx(build) -> str:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return read_document(out.getvalue(), "plan.docx")


def test_a_docx_title_is_no_section_above_its_headings_even_with_a_glossary_last():
    def build(document):
        document.add_heading("Brackenmoor SEND Improvement Plan 2031", level=0)
        document.add_paragraph("Position as at 30 September 2031")
        document.add_paragraph("Each action has its own table so that leads can update it.")
        for number, heading in ((1, "Workstream 1: Early help"), (2, "Workstream 2: Plans")):
            document.add_heading(heading, level=1)
            document.add_paragraph("The actions below answer what schools told us.")
            table = document.add_table(rows=3, cols=2)
            for row, (label, value) in zip(
                table.rows,
                [
                    ("Action", f"{number}.1 Train every SENCo"),
                    ("Lead", "Head of SEND"),
                    ("Deadline", "March 2032"),
                ],
                strict=True,
            ):
                row.cells[0].paragraphs[0].add_run(label).bold = True
                row.cells[1].text = value
        document.add_heading("Abbreviations", level=1)
        document.add_paragraph("CAMHS – Child and Adolescent Mental Health Services")
        document.add_paragraph("EP – Educational psychologist")

    plan = parse_plan_text(_docx(build))

    assert plan["plan_title"].startswith("Brackenmoor SEND Improvement Plan 2031")
    assert [a["section"] for a in plan["actions"] if a["owner"]] == [
        "Workstream 1: Early help",
        "Workstream 2: Plans",
    ]


def test_docx_body_is_read_in_order_with_tables_between_paragraphs():
    def build(document):
        document.add_heading("Workstream 1 – Local Offer", level=1)
        table = document.add_table(rows=2, cols=3)
        for cell, value in zip(table.rows[0].cells, ["Ref", "Action", "Lead"], strict=True):
            cell.text = value
        for cell, value in zip(
            table.rows[1].cells, ["1.1", "Refresh the pages", "PeRi"], strict=True
        ):
            cell.text = value
        document.add_paragraph("Workstream 2 – Graduated Response")

    lines = [line for line in _docx(build).split("\n") if line]

    assert lines == [
        "# Workstream 1 – Local Offer",
        "Ref\tAction\tLead",
        "1.1\tRefresh the pages\tPeRi",
        "Workstream 2 – Graduated Response",
    ]


def test_docx_headings_keep_their_levels_so_workstreams_nest_under_priorities():
    def build(document):
        document.add_heading("Our SEND plan", level=0)
        for priority in ("Priority 1: Timely plans", "Priority 2: Inclusion"):
            document.add_heading(priority, level=1)
            document.add_heading("Workstream A - Capacity", level=2)
            document.add_paragraph("Recruit two more psychologists", style="List Number")
            document.add_paragraph("Lead: Head of SEND | Due: March 2031")

    text = _docx(build)
    plan = parse_plan_text(text)

    assert [line for line in text.split("\n") if line.startswith("#")][:3] == [
        "# Our SEND plan",
        "## Priority 1: Timely plans",  # "Heading 1" nests under the document's "Title"
        "### Workstream A - Capacity",
    ]
    assert [(a["section"], a["owner"], a["due"]) for a in plan["actions"]] == [
        ("Priority 1: Timely plans / Workstream A - Capacity", "Head of SEND", "2031-03-31"),
        ("Priority 2: Inclusion / Workstream A - Capacity", "Head of SEND", "2031-03-31"),
    ]


def test_docx_cell_lists_become_ul_li_and_other_paragraphs_are_joined_with_br():
    def build(document):
        table = document.add_table(rows=1, cols=2)
        listed, prose = table.rows[0].cells
        listed.paragraphs[0].add_run("Actions we will take include:").bold = True
        listed.add_paragraph("Track every review", style="List Bullet")
        listed.add_paragraph("Remind schools", style="List Bullet")
        listed.add_paragraph("Audit a sample", style="List Bullet 2")
        prose.paragraphs[0].text = "First paragraph"
        prose.add_paragraph("")
        prose.add_paragraph("Second paragraph")

    (row,) = rows_of(_docx(build))

    assert row[0] == (
        "<b>Actions we will take include:</b><ul><li>Track every review</li>"
        "<li>Remind schools</li><ul><li>Audit a sample</li></ul></ul>"
    )
    assert row[1] == "First paragraph<br>Second paragraph"
    assert [(f.text, f.is_item, f.level) for f in cell_fragments(row[0])][1:] == [
        ("Track every review", True, 1),
        ("Remind schools", True, 1),
        ("Audit a sample", True, 2),
    ]


def test_docx_merged_cells_keep_their_columns_without_repeating_text():
    def build(document):
        table = document.add_table(rows=3, cols=4)
        for cell, value in zip(table.rows[0].cells, ["Ref", "Action", "Lead", "Date"], strict=True):
            cell.text = value
        table.cell(1, 0).text = "1"
        table.cell(1, 1).text = "Write the strategy"
        table.cell(1, 2).text = "Head of SEND"
        table.cell(1, 2).merge(table.cell(2, 2))  # one lead for two rows (vMerge)
        table.cell(1, 3).text = "March 2025"
        table.cell(2, 0).text = "2"
        table.cell(2, 1).merge(table.cell(2, 3))  # an action across two columns (gridSpan)
        table.cell(2, 1).text = "Consult on the strategy"

    rows = rows_of(_docx(build))

    assert rows[1] == ["1", "Write the strategy", "Head of SEND", "March 2025"]
    assert rows[2] == ["2", "Consult on the strategy", "", ""]
    assert sum(line.count("Head of SEND") for line in map("\t".join, rows)) == 1


def test_docx_auto_numbered_paragraphs_keep_their_numbers_and_bullets_their_level():
    def build(document):
        document.add_paragraph("Next steps")
        document.add_paragraph("Agree the charter", style="List Number")
        document.add_paragraph("Recruit two officers", style="List Number")
        document.add_paragraph("Share the plan", style="List Bullet")
        document.add_paragraph("with schools", style="List Bullet 2")

    lines = [line for line in _docx(build).split("\n") if line]

    assert lines == [
        "Next steps",
        "1. Agree the charter",
        "2. Recruit two officers",
        "- Share the plan",
        "  - with schools",
    ]


def test_docx_text_that_looks_like_markup_is_kept_as_text():
    def build(document):
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Cut waits to <20 weeks & report"
        table.cell(0, 1).text = "Finance &amp; Performance\tLead"

    (row,) = rows_of(_docx(build))

    assert plain(row[0]) == "Cut waits to <20 weeks & report"
    assert plain(row[1]) == "Finance &amp; Performance Lead"


def test_docx_a_table_inside_a_cell_is_read_as_rows_under_its_rows_heading():
    """A workstream per outer row, its actions in a table of their own inside the row: the
    outer row heads them (its first cell, across the table), their rows follow whole."""

    def build(document):
        outer = document.add_table(rows=2, cols=2)
        outer.rows[0].cells[0].text = "Workstream"
        outer.rows[0].cells[1].text = "Actions"
        outer.rows[1].cells[0].text = "Workstream 1: Inclusion"
        outer.rows[1].cells[0].add_paragraph("Sponsor: Director of Education")
        inner = outer.rows[1].cells[1].add_table(rows=2, cols=3)
        for row, values in zip(
            inner.rows,
            [
                ("Action", "Lead", "By"),
                ("Develop an inclusion charter", "Inclusion Lead", "Dec 2031"),
            ],
            strict=True,
        ):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value

    lines = [line for line in _docx(build).split("\n") if line]

    assert [line.split("\t") for line in lines] == [
        ["Workstream", "Actions"],
        ["Workstream 1: Inclusion<br>Sponsor: Director of Education", ""],
        ["Action", "Lead", "By"],
        ["Develop an inclusion charter", "Inclusion Lead", "Dec 2031"],
    ]


def test_docx_tracked_deletions_are_left_out():
    from docx.oxml import parse_xml

    def build(document):
        paragraph = document.add_paragraph("Keep this ")
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        paragraph._p.append(
            parse_xml(
                f'<w:del xmlns:w="{w}" w:id="1" w:author="a">'
                "<w:r><w:delText>not this</w:delText></w:r></w:del>"
            )
        )
        paragraph._p.append(
            parse_xml(
                f'<w:ins xmlns:w="{w}" w:id="2" w:author="a"><w:r><w:t>and this</w:t></w:r></w:ins>'
            )
        )

    assert _docx(build).strip() == "Keep this and this"


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WORD_NAMESPACES = (
    f'xmlns:w="{_W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def _text_box(down: int, across: int, lines: list[str]) -> str:
    """A floating text box as Word saves it: a drawing, and a VML shape to fall back on."""
    content = (
        "<w:txbxContent>"
        + "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
        + "</w:txbxContent>"
    )
    return (
        f'<w:r {_WORD_NAMESPACES}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor><wp:positionH relativeFrom="page"><wp:posOffset>{across}</wp:posOffset>'
        f'</wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>{down}'
        "</wp:posOffset></wp:positionV><a:graphic><a:graphicData><wps:wsp>"
        f"<wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"{content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_docx_text_boxes_are_read_once_each_in_the_order_they_sit_on_the_page():
    """A plan on a page drawn as boxes: the body holds only the title."""
    from docx.oxml import parse_xml

    def build(document):
        paragraph = document.add_paragraph("Plan on a page")
        for box in [
            _text_box(5000000, 0, ["Who's who", "DCO – Designated Clinical Officer"]),
            _text_box(1000000, 3000000, ["Priority 2", "Relaunch the local offer (Lead: LOO)"]),
            _text_box(1000000, 0, ["Priority 1", "Launch the inclusion guide (Lead: EY)"]),
        ]:
            paragraph._p.append(parse_xml(box))

    assert _docx(build).split("\n") == [
        "Plan on a page",
        "Priority 1",
        "Launch the inclusion guide (Lead: EY)",
        "Priority 2",
        "Relaunch the local offer (Lead: LOO)",
        "Who's who",
        "DCO – Designated Clinical Officer",
    ]


def _content_control(props: str, paragraphs: list[str]) -> str:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return (
        f'<w:sdt xmlns:w="{_W_NS}"><w:sdtPr>{props}</w:sdtPr>'
        f"<w:sdtContent>{body}</w:sdtContent></w:sdt>"
    )


def test_docx_contents_and_unfilled_form_fields_are_not_read():
    """A table of contents repeats every action's title; a form field still showing its
    prompt ("Click or tap to enter a date.") holds no value."""
    from docx.oxml import parse_xml

    def build(document):
        body = document.element.body
        contents = "<w:docPartObj><w:docPartGallery w:val='Table of Contents'/></w:docPartObj>"
        body[-1].addprevious(parse_xml(_content_control(contents, ["Action 1.1 – Guide 4"])))
        document.add_paragraph("Action 1.1 – Publish the guide")
        body[-1].addprevious(parse_xml(_content_control("<w:showingPlcHdr/>", ["Click here."])))
        body[-1].addprevious(parse_xml(_content_control("<w:alias w:val='L'/>", ["Head of SEND"])))
        cell = document.add_table(rows=1, cols=2).rows[0].cells
        cell[0].text = "Target date"
        cell[1]._tc.append(
            parse_xml(_content_control("<w:showingPlcHdr/>", ["Click or tap to enter a date."]))
        )

    lines = [line for line in _docx(build).split("\n") if line]

    assert lines == ["Action 1.1 – Publish the guide", "Head of SEND", "Target date\t"]


# --- Excel ------------------------------------------------------------------------------------


def _xlsx(build) -> str:
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return read_document(out.getvalue(), "plan.xlsx")


def test_xlsx_hidden_columns_are_not_read():
    """A tracker's hidden helper columns (a RAG score, a formula) are never seen by the person
    reading it, so the importer does not read them either."""

    def build(book):
        sheet = book.active
        sheet.append(["Ref", "Action", "Status", "RAG score", "Due month"])
        sheet.append(["1.1", "Publish the guide", "Complete", 4, "2031-03"])
        sheet.column_dimensions["D"].hidden = True
        sheet.column_dimensions["E"].hidden = True

    assert _xlsx(build).split("\n")[:2] == [
        "Ref\tAction\tStatus",
        "1.1\tPublish the guide\tComplete",
    ]


def test_xlsx_tables_side_by_side_are_read_one_after_the_other():
    """Workstreams' tables laid out across one sheet, an empty column between them: each is
    a table of its own under its title, not one row of several actions."""

    def build(book):
        sheet = book.active
        sheet.append(["WS1 Inclusion", "", "Lead: Head of Inclusion", "", "WS2 Places"])
        sheet.append(["Ref", "Action", "Lead", "", "No.", "What we will do", "Who", "When"])
        sheet.append(["1.1", "Publish the toolkit", "SEND adviser", "", "2.1", "Open a base"])
        sheet.append(["1.2", "Train SENCOs", "EP service", "", "2.2", "Expand a school", "", "Mar"])
        sheet.append(["", "", "", "", "2.3", "Refresh the sufficiency plan", "Head of SEND"])

    assert [line for line in _xlsx(build).split("\n") if line] == [
        "WS1 Inclusion",
        "Lead: Head of Inclusion",
        "Ref\tAction\tLead",
        "1.1\tPublish the toolkit\tSEND adviser",
        "1.2\tTrain SENCOs\tEP service",
        "WS2 Places",
        "No.\tWhat we will do\tWho\tWhen",
        "2.1\tOpen a base",
        "2.2\tExpand a school\t\tMar",
        "2.3\tRefresh the sufficiency plan\tHead of SEND",
    ]


def test_xlsx_a_spacer_column_inside_one_table_keeps_it_one_table():
    def build(book):
        sheet = book.active
        sheet.append(["Ref", "Action", "Lead", "", "Status", "RAG"])
        sheet.append(["1.1", "Publish the toolkit", "SEND adviser", "", "On track", "G"])

    assert _xlsx(build).split("\n")[:2] == [
        "Ref\tAction\tLead\t\tStatus\tRAG",
        "1.1\tPublish the toolkit\tSEND adviser\t\tOn track\tG",
    ]


def test_xlsx_every_visible_sheet_every_row_with_dates_as_dd_mm_yyyy():
    def build(book):
        first = book.active
        first.title = "Workstream 1"
        first.append(["Eastmoor SEND Improvement Plan"])
        first.append([])
        first.append(["Ref", "Action", "Lead", "Due", "Done"])
        first.append([1, "Refresh the pages\nwith parents", "PeRi", dt.datetime(2025, 3, 31), 0.5])
        first["E4"].number_format = "0%"
        first.append([1.2, "Publish the newsletter", "SaCa", dt.date(2024, 9, 1), None])
        second = book.create_sheet("Workstream 2")
        second.append(["Ref", "Action", "Lead"])
        second.append(["2.1", "Train SENCOs", "GB"])
        hidden = book.create_sheet("Lists")
        hidden.append(["Red", "Amber", "Green"])
        hidden.sheet_state = "hidden"

    text = _xlsx(build)

    assert [line for line in text.split("\n") if line] == [
        "## Workstream 1",  # a sheet per workstream: its name heads its rows
        "Eastmoor SEND Improvement Plan",
        "Ref\tAction\tLead\tDue\tDone",
        "1\tRefresh the pages<br>with parents\tPeRi\t31/03/2025\t50%",
        "1.2\tPublish the newsletter\tSaCa\t01/09/2024",
        "## Workstream 2",
        "Ref\tAction\tLead",
        "2.1\tTrain SENCOs\tGB",
    ]


def test_xlsx_a_sheets_name_heads_its_rows_unless_it_names_no_part_or_repeats_its_title():
    def build(book):
        about = book.active
        about.title = "Read me"
        about.append(["How to use this workbook"])
        first = book.create_sheet("Priority 1 - Timely plans")
        first.append(["Ref", "Action", "Lead"])
        first.append(["1.1", "Track every assessment weekly", "GB"])
        second = book.create_sheet("WS2 Local Offer")
        second.append(["Workstream 2 – Local Offer and co-production"])
        second.append(["2.1", "Rebuild the Local Offer", "PeRi"])
        risks = book.create_sheet("Risk Register")  # the kind of page, not a part of the plan
        risks.append(["Risk", "Owner"])
        risks.append(["Not enough EPs", "GB"])

    headings = [line for line in _xlsx(build).split("\n") if line.startswith("#")]

    assert headings == ["## Priority 1 - Timely plans"]


def test_xlsx_a_one_cell_row_inside_a_table_stays_a_row_and_one_before_it_is_prose():
    def build(book):
        sheet = book.active
        sheet.append(["Plan title"])
        sheet.append(["Ref", "Action", "Lead"])
        sheet.append(["Workstream 2"])
        sheet.append(["2.1", "Train SENCOs", "GB"])

    assert [line for line in _xlsx(build).split("\n") if line] == [
        "Plan title",
        "Ref\tAction\tLead",
        "Workstream 2\t",
        "2.1\tTrain SENCOs\tGB",
    ]


# --- CSV --------------------------------------------------------------------------------------


def test_csv_dialect_is_sniffed_and_quoted_fields_kept_whole():
    data = (
        'Ref;Action;Lead;Due\r\n1;"Agree the ""local offer"" pages;\nthen publish";PeRi;'
        "March 2025\r\n2;Train SENCOs;GB;May 2025\r\n"
    ).encode("cp1252")

    assert rows_of(read_document(data, "plan.csv")) == [
        ["Ref", "Action", "Lead", "Due"],
        ["1", 'Agree the "local offer" pages;<br>then publish', "PeRi", "March 2025"],
        ["2", "Train SENCOs", "GB", "May 2025"],
    ]


def test_a_systems_export_saved_as_text_is_read_as_its_rows_under_its_banner():
    # A performance system's report saved as .txt: banner lines, then every field quoted and
    # separated by semicolons, a note running over two lines inside its quotes.
    data = (
        "Action Progress Report\r\nRun date: 02/02/2031\r\n\r\n"
        '"Code";"Title";"Assigned To";"Due Date";"Latest Note"\r\n'
        '"P1.01";"Agree the ""local offer"" pages";"Jo Bell";"15-Mar-2031";"Drafted.\r\n'
        'Out …"\r\n'
        '"P1.02";"Train SENCOs; then audit";"Sam Ray";"30-Apr-2031";""\r\n'
        '"P1.03";"Open the hub";"Ann Lee";"31-May-2031";""\r\n'
    ).encode("cp1252")

    text = read_document(data, "report.txt")

    assert text.startswith("Action Progress Report\nRun date: 02/02/2031\n")
    assert rows_of(text) == [
        ["Code", "Title", "Assigned To", "Due Date", "Latest Note"],
        ["P1.01", 'Agree the "local offer" pages', "Jo Bell", "15-Mar-2031", "Drafted.<br>Out …"],
        ["P1.02", "Train SENCOs; then audit", "Sam Ray", "30-Apr-2031", ""],
        ["P1.03", "Open the hub", "Ann Lee", "31-May-2031", ""],
    ]
    prose = 'He said "yes";"no" came later.\n"Quoted";"twice"\n'
    assert read_document(prose.encode(), "notes.txt") == prose


@pytest.mark.parametrize("delimiter", [",", "\t", "|"])
def test_csv_delimiters(delimiter):
    data = csv_from_text(SYNTHETIC_PLAN, delimiter=delimiter)

    assert parse_plan_text(read_document(data, "plan.csv")) == synthetic_plan_json()


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_tables_become_rows_and_prose_wraps_are_joined_in_reading_order():
    long = " ".join(["Every family will be told who their case officer is."] * 6)
    text = (
        "Eastmoor plan\n\n"
        f"{long}\n\n"
        "Ref\tAction\tLead\n"
        f"1\t{long}\tPeRi\n"
        "2\tShort one<br>Second line\tSaCa\n\n"
        "After the table\n"
    )

    out = read_document(pdf_from_text(text), "plan.pdf")

    lines = [line for line in out.split("\n") if line]
    assert lines[0] == "Eastmoor plan"
    assert lines[1] == long
    assert cells(lines[2]) == ["Ref", "Action", "Lead"]
    assert cells(lines[3]) == ["1", long, "PeRi"]
    assert cells(lines[4]) == ["2", "Short one<br>Second line", "SaCa"]
    assert lines[5] == "After the table"


@pytest.mark.parametrize("pages", [2, 3])
def test_pdf_running_headers_and_footers_are_dropped(pages):
    """On every page of a two-page document, on most pages of a longer one."""
    body = "\n\n".join(f"Paragraph {n} of the plan." for n in range(1, pages + 1))
    css = (
        '@page { @top-center { content: "Eastmoor plan – draft" } '
        f"@bottom-center {{ content: 'Page ' counter(page) ' of {pages}' }} }}"
        "p { break-after: page }"
    )

    out = read_document(pdf_from_text(body, css=css), "plan.pdf")

    assert [line for line in out.split("\n") if line] == [
        f"Paragraph {n} of the plan." for n in range(1, pages + 1)
    ]


def _pdf_page(body: str) -> bytes:
    style = "@page { size: A4 landscape; margin: 1cm } body { font: 9pt 'DejaVu Sans' }"
    return _weasyprint().HTML(string=f"<style>{style}</style>{body}").write_pdf()


def test_text_set_in_boxes_side_by_side_is_read_a_box_at_a_time():
    """A plan on a page: each priority's box is read whole, not line by line across all."""
    boxes = [
        (
            "1. Find needs early",
            [
                "Extend the inclusion fund to childminders by May",
                "Train health visitors in early signs of speech and language needs",
            ],
        ),
        (
            "2. Inclusive schools",
            [
                "Publish the ordinarily available provision guide for every school",
                "Open forty resourced places in mainstream schools",
            ],
        ),
        (
            "3. Adulthood",
            [
                "Double the number of supported internships by July",
                "Agree a transitions protocol with adult social care",
            ],
        ),
    ]
    body = (
        "<h1>Our plan on a page</h1><div style='display:flex; gap:14pt'>"
        + "".join(
            "<div style='flex:1; border:1pt solid #333; padding:6pt'>"
            f"<h2 style='font-size:11pt'>{title}</h2><ul>"
            + "".join(f"<li>{item}</li>" for item in items)
            + "</ul></div>"
            for title, items in boxes
        )
        + "</div><p>Approved by the partnership board in March.</p>"
    )

    lines = [line for line in read_document(_pdf_page(body), "plan.pdf").split("\n") if line]

    expected = ["Our plan on a page"]
    for title, items in boxes:
        expected += [title, *(f"- {item}" for item in items)]
    assert lines == [*expected, "Approved by the partnership board in March."]


def test_a_roadmap_poster_is_read_a_term_at_a_time_whatever_the_columns_lengths():
    """Inside a border round the page: an introduction across it, then one framed column per
    term with cards of unequal number, then a note across the foot."""
    terms = {
        "Summer 2025": ["Appoint an interim head of statutory services", "Set up the board"],
        "Autumn 2025": [
            "Recruit six more coordinators and two senior caseworkers",
            "Launch the graduated approach toolkit for all settings",
            "Agree a joint commissioning plan for therapies",
            "Publish new pages on post-16 travel assistance",
        ],
        "Spring 2026": ["Pilot triage for the neurodevelopmental pathway"],
    }
    card = (
        "<div style='border:1pt solid #333; border-left:5pt solid #1d70b8; margin:6pt 0; "
        "padding:4pt'>"
    )
    columns = "".join(
        "<div style='flex:1; border:1pt solid #999; padding:4pt'>"
        f"<h2 style='font-size:11pt'>{term}</h2>"
        + "".join(f"{card}<p>{item}</p><p>Owner: Programme Office</p></div>" for item in items)
        + "</div>"
        for term, items in terms.items()
    )
    body = (
        "<div style='border:2pt solid black; padding:8pt'>"
        "<p>This roadmap shows the main pieces of work in our plan and when each will be "
        "finished, so that families and schools can hold us to account for them.</p>"
        f"<div style='display:flex; gap:16pt'>{columns}</div>"
        "<p>Dates follow school terms so that schools and families can plan.</p></div>"
    )

    lines = [line for line in read_document(_pdf_page(body), "plan.pdf").split("\n") if line]

    expected = [lines[0]]
    for term, items in terms.items():
        expected.append(term)
        for item in items:
            expected += [item, "Owner: Programme Office"]
    assert lines == [*expected, "Dates follow school terms so that schools and families can plan."]


def test_a_tracker_printed_without_borders_is_read_as_a_table_with_its_wrapped_rows_whole():
    """Narrow columns under a header line, cells that wrap, a heading row between rows and
    a blank line before it: one TAB row a row, each cell under its column's name."""
    rows = [
        ("Ref", "Action", "Lead", "Due", "Status"),
        (
            "A1",
            "Set up a partnership board with clear terms of reference and a published "
            "forward plan agreed by every partner",
            "Director",
            "Sept 24",
            "Complete",
        ),
        (
            "A2",
            "Produce a self-evaluation framework that is refreshed every six months",
            "AD Education",
            "31/03/25",
            "Behind schedule",
        ),
    ]
    heading = "Priority B: Identification of need"
    later = (
        "B1",
        "Recruit two more educational psychologists through the regional partnership",
        "Principal EP",
        "Jan",
        "Delayed",
    )
    cell = "padding:4pt 6pt; vertical-align:top"
    widths = ["8%", "46%", "16%", "12%", "18%"]

    def table_row(cells):
        paired = zip(cells, widths, strict=True)
        return (
            "<tr>" + "".join(f"<td style='{cell}; width:{w}'>{c}</td>" for c, w in paired) + "</tr>"
        )

    body = (
        "<table style='border:0; width:100%; border-collapse:collapse'>"
        + "".join(table_row(row) for row in rows)
        + f"<tr><td colspan='5' style='{cell}; padding-top:18pt'>{heading}</td></tr>"
        + table_row(later)
        + "</table>"
    )

    lines = [line for line in read_document(_pdf_page(body), "plan.pdf").split("\n") if line]

    assert [line.split("\t") for line in lines] == [
        list(rows[0]),
        list(rows[1]),
        list(rows[2]),
        [heading, "", "", "", ""],
        list(later),
    ]


def test_a_tracker_printed_without_borders_is_still_read_across_its_rows():
    """Narrow columns (a ref, a lead, a date) are a table's, not columns of text."""
    rows = [
        ("Ref", "Action", "Lead", "Due"),
        ("1.1", "Publish the local offer page on short breaks", "Head of SEND", "31/03/2026"),
        ("1.2", "Review the banding of top-up funding with schools", "Finance lead", "30/06/2026"),
        ("1.3", "Recruit two more educational psychologists", "Principal EP", "31/08/2026"),
    ]
    body = (
        "<table style='border:0; width:100%'>"
        + "".join(
            "<tr>" + "".join(f"<td style='padding:2pt 8pt'>{cell}</td>" for cell in row) + "</tr>"
            for row in rows
        )
        + "</table>"
    )

    lines = [line for line in read_document(_pdf_page(body), "plan.pdf").split("\n") if line]

    assert [line.split("\t") for line in lines] == [list(row) for row in rows]


def test_a_card_drawn_round_text_is_read_as_text_not_as_a_table():
    """A roadmap's card: a frame with a coloured edge is two cells to a table finder."""
    body = (
        "<div style='border:1pt solid black; border-left:5pt solid #00703c; padding:6pt; "
        "width:8cm'>"
        "<p>In progress</p><p>Co-produce the annual review toolkit with families</p>"
        "<p>Owner: SEN Assessment Service</p></div>"
    )

    out = read_document(_pdf_page(body), "plan.pdf")

    assert [line for line in out.split("\n") if line] == [
        "In progress",
        "Co-produce the annual review toolkit with families",
        "Owner: SEN Assessment Service",
    ]


def test_a_pdf_with_no_text_is_refused_as_perhaps_scanned():
    data = (
        _weasyprint().HTML(string="<div style='width:5cm;height:5cm;background:#000'>").write_pdf()
    )

    with pytest.raises(DocumentImportError, match="no text that can be read: it may be a scanned"):
        read_document(data, "scan.pdf")


# --- text encodings ---------------------------------------------------------------------------

ENCODED = "Café – the plan’s “next steps”\tLead\n"


@pytest.mark.parametrize(
    "data",
    [
        ENCODED.encode("utf-8"),
        b"\xef\xbb\xbf" + ENCODED.encode("utf-8"),
        ENCODED.encode("utf-16"),  # with a byte-order mark
        b"\xfe\xff" + ENCODED.encode("utf-16-be"),
        ENCODED.encode("utf-16-le"),  # without one
        ENCODED.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom", "utf-16-le-no-bom", "cp1252"],
)
def test_text_is_decoded_from_utf8_utf16_or_windows_1252(data):
    assert decode_text(data) == ENCODED
    assert read_document(data, "plan.txt") == ENCODED


# --- what is refused, with one clear message -----------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(megabytes: int = 210) -> bytes:
    """A .docx-shaped zip whose document.xml expands to ``megabytes`` MB of zeros (~1 MB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
    return out.getvalue()


@functools.cache
def _bomb() -> bytes:
    return zip_bomb()


def bad_documents() -> dict[str, tuple[bytes, str, str]]:
    """name → (bytes, file name, a pattern the one error message must match)."""
    junk = random.Random(7).randbytes(4096)
    good = synthetic_document("docx")
    return {
        "empty": (b"", "plan.docx", r"plan\.docx is empty"),
        "binary junk": (junk, "plan.txt", r"binary data, not text"),
        "renamed exe": (b"MZ\x90\x00\x03" + junk, "plan.docx", r"is a Windows program"),
        "png": (b"\x89PNG\r\n\x1a\n" + junk, "plan.pdf", r"is a PNG image"),
        "old word": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + junk, "plan.doc", r"\.doc, \.xls"),
        "truncated docx": (good[: len(good) // 2], "plan.docx", r"is damaged"),
        "docx with broken xml": (
            _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
            "plan.docx",
            r"is damaged: it looks like a Word document",
        ),
        "zip not office": (_zip({"notes.txt": b"hello"}), "plan.docx", r"a zip archive, not"),
        "ratio bomb": (
            _zip({"xl/workbook.xml": b"\0" * (20 << 20)}),
            "plan.xlsx",
            r"compressed [\d,]+ times over",
        ),
        "damaged pdf": (b"%PDF-1.7\n" + junk, "plan.pdf", r"is damaged: it looks like a PDF"),
        "no plan columns": (
            b"Colour,Shape,Size\r\nred,round,3\r\nblue,square,4\r\n",
            "shapes.csv",
            r"No actions or sections were found",
        ),
    }


def _read_and_parse(data: bytes, name: str) -> dict[str, Any]:
    return parse_plan_text(read_document(data, name))


@pytest.mark.parametrize("case", sorted(bad_documents()))
def test_bad_input_gives_one_clear_document_import_error(case):
    data, name, pattern = bad_documents()[case]

    with pytest.raises(DocumentImportError, match=pattern) as caught:
        _read_and_parse(data, name)

    message = str(caught.value)
    assert "\n" not in message and len(message) < 300


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_damaged_copies_of_a_good_document_give_only_document_import_errors(fmt):
    data = synthetic_document(fmt)
    rng = random.Random(fmt)
    for _ in range(40 if fmt != "pdf" else 15):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if rng.random() < 0.3:
            damaged = damaged[: rng.randrange(len(damaged))]
        try:
            _read_and_parse(bytes(damaged), f"plan.{fmt}")
        except DocumentImportError as error:
            assert "\n" not in str(error)


def test_a_zip_bomb_is_refused_from_its_directory_in_bounded_memory():
    bomb = _bomb()
    assert len(bomb) < 5 * 2**20  # a few MB at most, expanding to 210 MB

    tracemalloc.start()
    try:
        with pytest.raises(DocumentImportError, match=r"would expand to 210 MB, more than"):
            read_document(bomb, "plan.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * 2**20


def test_a_pdf_whose_streams_would_expand_past_200_mb_is_refused_in_bounded_memory():
    import zlib

    bomb = zlib.compressobj(1)
    packed = b"".join(bomb.compress(b"\0" * (1 << 20)) for _ in range(210)) + bomb.flush()
    data = (
        b"%PDF-1.4\n1 0 obj\n"
        + f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
        + packed
        + b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n"
    )

    tracemalloc.start()
    try:
        with pytest.raises(DocumentImportError, match="would expand to more than 200 MB"):
            read_document(data, "plan.pdf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20


def test_hostile_numbers_in_a_docx_are_kept_within_bounds():
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "1"
    table.cell(0, 1).text = "Write the strategy"
    span = table.cell(0, 1)._tc.get_or_add_tcPr()
    span.append(span.makeelement(qn("w:gridSpan"), {qn("w:val"): "1000000000"}))
    out = io.BytesIO()
    document.save(out)

    (row,) = rows_of(read_document(out.getvalue(), "plan.docx"))

    assert row[:2] == ["1", "Write the strategy"] and len(row) == 65


def test_a_document_over_50_mb_is_refused_before_it_is_parsed():
    data = b"x" * (MAX_DOCUMENT_BYTES + 1)

    with pytest.raises(DocumentImportError, match=r"50\.0 MB: the largest document .* is 50 MB"):
        read_document(data, "huge.txt")


def _table_of(size: int, delimiter: str) -> bytes:
    """``size`` bytes of a plan's action table, its rows repeated, with no empty row."""
    rows = "".join(
        delimiter.join(
            (f"{n // 20 + 1}.{n % 20 + 1}", f"Review the local offer with schools in area {n}")
            + ("Head of SEN", "March 2026", "On track")
        )
        + "\n"
        for n in range(1000)
    )
    text = delimiter.join(("Ref", "Action", "Lead", "Due date", "Status")) + "\n"
    return (text + rows * (size // len(rows) + 1)).encode()[:size]


@pytest.mark.parametrize(
    ("filename", "delimiter", "times_the_file"), [("plan.txt", "\t", 1.25), ("plan.csv", ",", 4)]
)
def test_50_mb_of_plan_text_is_refused_in_bounded_memory(filename, delimiter, times_the_file):
    """The largest file accepted, all of it text: more text than any plan, refused with the
    uploader's message using a few times the file's size at most. (Reading it as a plan would
    take about 90 bytes of memory a character, far past the upload job's 1 GB.)"""
    data = _table_of(MAX_DOCUMENT_BYTES - 1024, delimiter)

    tracemalloc.start()
    try:
        with pytest.raises(DocumentImportError, match="characters of text, more than any plan"):
            read_document(data, filename)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < times_the_file * len(data)


# --- the real seed documents, in every format (skipped without ../shared) ------------------


def _seed_texts() -> dict[str, str]:
    from tests.conftest import SHARED_DIR

    seeds = sorted((SHARED_DIR / "seeds").glob("*.txt")) if SHARED_DIR.exists() else []
    return {seed.stem: seed.name for seed in seeds}


PDF_SEED_CHARS = 30_000
"""PDFs of the seeds are made from their first 30,000 characters (cut at a line's end):
reading a PDF costs about 0.2 s a page, and the whole of the largest seed is 33 pages."""


def seed_text(name: str, fmt: str) -> str:
    from tests.conftest import shared_path

    text = shared_path("seeds", name).read_text(encoding="utf-8")
    if fmt == "pdf" and len(text) > PDF_SEED_CHARS:
        text = text[: text.rfind("\n", 0, PDF_SEED_CHARS) + 1]
    return text


@functools.cache
def _seed_plan(name: str, fmt: str) -> dict[str, Any]:
    return parse_plan_text(seed_text(name, fmt))


def comparable(plan_json: dict[str, Any], fmt: str) -> dict[str, Any]:
    """The Plan JSON with two known, harmless differences between formats evened out.

    - Where a ref cell and a spacer cell are read as one, the ``.txt`` form's ``<p>`` keeps
      the ref as a paragraph of its own and so in the action's text ("3.5.1 Secure …"); Word
      and PDF cells give it one paragraph and the parser drops the ref, as the gold has it.
    - A PDF line that wraps after a hyphen cannot tell "a -b" from "a - b".
    """

    def even(value: Any) -> Any:
        if isinstance(value, str) and fmt == "pdf":
            return re.sub(r"\s*-\s*", "-", value)
        if isinstance(value, list):
            return [even(v) for v in value]
        if isinstance(value, dict):
            return {k: even(v) for k, v in value.items()}
        return value

    actions = []
    for action in plan_json["actions"]:
        action = dict(action)
        ref = action.get("ref")
        if ref and action["text"].startswith(f"{ref} "):
            action["text"] = action["text"][len(ref) + 1 :]
        actions.append(action)
    return even({**plan_json, "actions": actions})


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("seed", sorted(_seed_texts()) or ["no-seeds"])
def test_seed_documents_give_the_same_plan_json_in_every_format(seed, fmt):
    from tests.conftest import shared_path

    seeds = _seed_texts()
    if seed not in seeds:
        shared_path("seeds", "no-such-seed.txt")  # skips with the reason
    text = seed_text(seeds[seed], fmt)

    got = parse_plan_text(read_document(BUILDERS[fmt](text), f"{seed}.{fmt}"))

    want = _seed_plan(seeds[seed], fmt)
    assert want["actions"]
    assert comparable(got, fmt) == comparable(want, fmt)


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def test_a_word_rag_cell_coloured_rather_than_written_reads_as_its_colour():
    def build(document):
        table = document.add_table(rows=3, cols=3)
        for cell, name in zip(table.rows[0].cells, ["Action", "Lead", "RAG"], strict=True):
            cell.text = name
        heading = table.rows[1].cells
        heading[0].text = "Priority 1: Early help"
        for cell in heading:
            _shade(cell, "1F4E79")  # a heading row shaded dark blue: no colour of its own
        action = table.rows[2].cells
        action[0].text, action[1].text = "Publish the guide", "Head of SEND"
        _shade(action[2], "FFC000")

    lines = [line for line in _docx(build).split("\n") if line]

    assert lines[1:] == ["Priority 1: Early help\t\t", "Publish the guide\tHead of SEND\tAmber"]


def test_a_word_progress_cell_shaded_to_rate_it_gives_a_rag_column():
    """ "Where are we" written and coloured: the colour is a RAG column of its own, named
    in the header; a cell left white says nothing; a whole shaded row is no rating."""

    def build(document):
        table = document.add_table(rows=5, cols=3)
        for cell, name in zip(table.rows[0].cells, ["Action", "Who", "Where are we"], strict=True):
            cell.text = name
        heading = table.rows[1].cells
        heading[0].text = "Workstream 1: Early help"
        for cell in heading:
            _shade(cell, "1F4E79")
        for row, (action, colour) in zip(
            table.rows[2:],
            (("Publish the guide", "9DC3E6"), ("Open the hub", "FF0000"), ("Train staff", None)),
            strict=True,
        ):
            row.cells[0].text, row.cells[1].text, row.cells[2].text = action, "Jo Bell", "Update"
            if colour:
                _shade(row.cells[2], colour)

    lines = [line for line in _docx(build).split("\n") if line]

    assert lines == [
        "Action\tWho\tWhere are we\tRAG",
        "Workstream 1: Early help\t\t\t",
        "Publish the guide\tJo Bell\tUpdate\tBlue",
        "Open the hub\tJo Bell\tUpdate\tRed",
        "Train staff\tJo Bell\tUpdate\t",
    ]


def test_an_excel_brag_cell_filled_rather_than_written_reads_as_its_colour():
    from openpyxl.styles import PatternFill

    def build(book):
        sheet = book.active
        sheet.append(["Action", "Lead", "BRAG"])
        for action, colour in (("Publish the guide", "FF92D050"), ("Open the hub", "FF0070C0")):
            sheet.append([action, "Jo Bell", None])
            sheet.cell(sheet.max_row, 3).fill = PatternFill("solid", fgColor=colour)
        sheet.append(["Train the SENCOs", "Jo Bell", None])  # white: nothing said
        sheet.cell(sheet.max_row, 3).fill = PatternFill("solid", fgColor="FFFFFFFF")

    lines = [line.rstrip("\t") for line in _xlsx(build).split("\n") if line]

    assert lines[1:] == [
        "Publish the guide\tJo Bell\tGreen",
        "Open the hub\tJo Bell\tBlue",
        "Train the SENCOs\tJo Bell",
    ]


def test_a_sheet_with_one_column_per_action_is_turned_into_rows():
    def build(book):
        sheet = book.active
        sheet.append(["Harbury SEND action plan"])
        sheet.append([])
        sheet.append(["Ref", "1.1", "1.2", "2.1"])
        sheet.append(["Action", "Recruit coordinators", "Track assessments", "Appoint a DCO"])
        sheet.append(["Owner", "Head of SEN", "SEN Manager", "ICB"])
        sheet.append(["Due", "31/03/2031", "30/11/2030", "Ongoing"])

    text = _xlsx(build)

    assert "Ref\tAction\tOwner\tDue" in text
    assert "1.2\tTrack assessments\tSEN Manager\t30/11/2030" in text


WEB_PAGE = b"""<!DOCTYPE html>
<html lang="en-GB"><head><title>Our SEND plan</title><style>td{color:red}</style>
<script>var tracking = "Set up the helpline";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li>Schools</li></ul></nav>
<main><h1>SEND improvement plan: progress</h1>
<p>Last updated: 3 March 2031 &ndash; written with the parent carer forum.</p>
<h2>Priority 1: Communication</h2>
<table class="plan"><thead><tr><th>Ref</th><th>Action</th><th>Lead</th><th>When</th>
<th>Progress</th></tr></thead><tbody>
<tr><td>1.1</td><td><p>Set up a SEND family helpline</p></td><td>Helpline Manager</td>
<td>January 2031</td><td><strong>Complete</strong><br>412 calls in the first month</td></tr>
<tr><td rowspan="2">1.2</td><td>Improve our letters:<ul><li>rewrite the standard letters</li>
<li>add a named caseworker to each</li></ul></td><td>Local Offer Officer</td><td>June 2031</td>
<td>On track</td></tr>
</tbody></table></main><footer><p>Contact us | Cookies</p></footer></body></html>"""


def test_a_saved_web_page_reads_its_headings_and_tables_not_its_scripts_or_chrome():
    text = read_document(WEB_PAGE, "plan.html")

    assert "tracking" not in text and "color" not in text  # script and style
    assert "Home" not in text and "Contact us" not in text  # navigation and footer
    lines = text.split("\n")
    assert "# SEND improvement plan: progress" in lines
    assert "## Priority 1: Communication" in lines
    assert "Last updated: 3 March 2031 – written with the parent carer forum." in lines
    assert "Ref\tAction\tLead\tWhen\tProgress" in lines
    assert (
        "1.1\tSet up a SEND family helpline\tHelpline Manager\tJanuary 2031\t"
        "<b>Complete</b><br>412 calls in the first month" in lines
    )
    assert (
        "1.2\tImprove our letters:<ul><li>rewrite the standard letters</li>"
        "<li>add a named caseworker to each</li></ul>\tLocal Offer Officer\tJune 2031\tOn track"
        in lines
    )


def test_a_saved_web_pages_plan_imports_with_its_sections_and_fields():
    actions = parse_plan_text(read_document(WEB_PAGE, "plan.htm"))["actions"]

    assert [(a["ref"], a["text"], a["owner"], a["due"]) for a in actions] == [
        ("1.1", "Set up a SEND family helpline", "Helpline Manager", "2031-01-31"),
        ("1.2.a", "rewrite the standard letters", "Local Offer Officer", "2031-06-30"),
        ("1.2.b", "add a named caseworker to each", "Local Offer Officer", "2031-06-30"),
    ]  # each listed action its own (Plan JSON)
    assert {a["section"] for a in actions} == {"Priority 1: Communication"}


def test_xlsx_a_date_shown_as_a_month_is_read_as_that_month_not_its_first_day():
    """A tracker's "Aug-25" is a real date (1 August) shown as a month: a person reads the
    month, so the due date is its end, not the 1st."""

    def build(book):
        sheet = book.active
        sheet.append(["Ref", "Action", "Lead", "Due"])
        sheet.append(["1.1", "Publish the guide", "Head of SEND", dt.datetime(2025, 8, 1)])
        sheet["D2"].number_format = "mmm-yy"
        sheet.append(["1.2", "Train SENCOs", "Inclusion Lead", dt.datetime(2025, 9, 12)])
        sheet["D3"].number_format = "d mmmm yyyy"

    text = _xlsx(build)
    assert text.split("\n")[1:3] == [
        "1.1\tPublish the guide\tHead of SEND\tAug 2025",
        "1.2\tTrain SENCOs\tInclusion Lead\t12/09/2025",
    ]
    assert [a["due"] for a in parse_plan_text(text)["actions"]] == ["2025-08-31", "2025-09-12"]


CARD_PAGE = b"""<!DOCTYPE html><html><head><title>Action tracker</title></head><body>
<div class="cookie-banner" role="region"><p>We use cookies to make this site work.</p>
<button>Accept all</button><button>Essential cookies only</button></div>
<h1>SEND improvement plan: action tracker</h1>
<h2>Theme A: Timeliness of EHC plans</h2>
<div class="card"><span class="ref">Action A1</span><strong class="tag">In progress</strong>
<h3>Bring in an external team to complete the oldest 150 needs assessments</h3>
<dl><dt>Lead</dt><dd>Head of SEND Statutory Services</dd><dt>Due</dt><dd>31 Mar 2031</dd>
<dt>Progress:</dt><dd><p>75% complete</p></dd><dt>Notes</dt></dl></div>
</body></html>"""


def test_a_web_pages_definition_lists_read_as_fields_and_its_cookie_banner_not_at_all():
    lines = [line for line in read_document(CARD_PAGE, "tracker.html").split("\n") if line]

    assert not any("cookie" in line.lower() for line in lines)
    assert "Action A1 In progress" in lines  # a label and its tag side by side, apart
    assert lines[lines.index("Lead: Head of SEND Statutory Services") :] == [
        "Lead: Head of SEND Statutory Services",
        "Due: 31 Mar 2031",
        "Progress: 75% complete",
        "Notes",  # a term with no definition
    ]


def test_words_split_over_inline_tags_stay_whole() -> None:
    page = b"<html><body><p><span>Publ</span><span>ish the offer</span> <b>by</b> March</p>"
    assert read_document(page, "p.html").split("\n") == ["Publish the offer by March"]


CARDS = b"""<html><body><h1>Action tracker</h1><h2>Theme A: Timeliness of EHC plans</h2>
<div class="card"><span>Action A1</span><strong class="tag">In progress</strong>
<h3>Bring in an external team to complete the oldest needs assessments</h3>
<p>Lead: Head of SEND Statutory Services</p><p>Due: 31 Mar 2031</p><p>RAG: Amber</p>
<ul><li>Overdue assessments below 50 by April 2031</li></ul></div>
<div class="card"><span>Action A2</span><strong class="tag">Complete</strong>
<h3>Set up a panel that audits twelve plans every month</h3>
<p>Lead: Quality Assurance Officer</p><p>Due: Sept 2030</p><p>RAG: Blue</p></div>
<div class="card"><span>Action A3</span><strong class="tag">Not started</strong>
<h3>Write to every family whose annual review is overdue</h3>
<p>Lead: Annual Review Team Manager</p><p>Due: 30 Sept 2031</p><p>RAG: Green</p></div>
</body></html>"""


def test_a_cards_labels_and_badges_in_elements_side_by_side_stay_apart() -> None:
    page = (
        b"<html><body><div class='card'><div><span>EHCP</span><span>RED</span></div>"
        b"<h3>Recruit three EHC coordinators</h3>"
        b"<div><span>Due 15 May</span><span>\xe2\x98\x91 2/3</span><span>KO</span></div>"
        b"<p><span>Not sta</span><span>rted</span></p></div>"
    )

    assert [line for line in read_document(page, "board.html").split("\n") if line] == [
        "EHCP RED",
        "### Recruit three EHC coordinators",
        "Due 15 May \u2611 2/3 KO",
        "Not started",
    ]


def test_a_grid_of_cards_each_an_action_titled_under_its_label_and_status_tag() -> None:
    actions = parse_plan_text(read_document(CARDS, "cards.html"))["actions"]
    assert [(a["ref"], a["status"], a["owner"], a["due"], a["rag"]) for a in actions] == [
        ("A1", "in_progress", "Head of SEND Statutory Services", "2031-03-31", "amber"),
        ("A2", "complete", "Quality Assurance Officer", "2030-09-30", "blue"),
        ("A3", "not_started", "Annual Review Team Manager", "2031-09-30", "green"),
    ]
    assert {a["section"] for a in actions} == {"Theme A: Timeliness of EHC plans"}


def test_list_bullets_drawn_as_small_dark_discs_mark_list_items_but_coloured_dots_do_not():
    """A web page printed to PDF draws its list's bullets as discs, not as text: each item
    starts its own line, and a RAG dot beside a line is no bullet."""
    disc = (
        "li { list-style: none; margin-bottom: 2pt }"
        "li::before { content: ''; display: inline-block; width: 3pt; height: 3pt;"
        " border-radius: 50%; background: #111; margin-right: 8pt; vertical-align: middle }"
        ".rag::before { content: ''; display: inline-block; width: 3pt; height: 3pt;"
        " border-radius: 50%; background: #d4351c; margin-right: 8pt }"
    )
    long_item = (
        "Post-16 destinations tracker with the college has slipped by a month and is now due "
        "at the end of March, once the college's own data team has matched this year's "
        "leavers to their destinations and the schools have confirmed the list (AS)"
    )
    body = (
        f"<style>{disc}</style><h2>3. Preparing for adulthood</h2><ul>"
        f"<li>{long_item}</li><li>Independent travel training for Years 10 and 11 is on "
        "track (AS)</li></ul><p class='rag'>Risks are reviewed at every meeting of the board "
        "and the register is published with these minutes each month</p>"
    )

    lines = [line for line in read_document(_pdf_page(body), "plan.pdf").split("\n") if line]

    assert lines[1:3] == [
        f"- {long_item}",
        "- Independent travel training for Years 10 and 11 is on track (AS)",
    ]
    assert lines[3].startswith("Risks are reviewed")


def test_a_web_pages_status_icon_is_read_beside_its_line_by_its_alt_text_or_svg_title():
    page = (
        b"<!DOCTYPE html><html><head><title>SEND roadmap</title></head><body><ol>"
        b'<li><svg role="img"><title>Complete</title><circle r="11"/></svg>'
        b"<div><p>Publish the sufficiency statement.</p></div></li>"
        b'<li><img src="amber.png" alt="In progress"><p>Open the resource bases.</p></li>'
        b'<li><img src="logo.png" alt="Council logo"><p>Agree the banding model.</p></li>'
        b"</ol></body></html>"
    )

    lines = [line for line in read_document(page, "roadmap.html").split("\n") if line]

    assert lines == [
        "1. Publish the sufficiency statement. [Complete]",
        "2. Open the resource bases. [In progress]",
        "3. Agree the banding model.",
    ]


def test_a_web_tables_caption_is_a_line_above_its_rows_and_numbers_its_action():
    page = (
        b"<!DOCTYPE html><html><body><h2>Priority 1 - Early help</h2>"
        b"<table><caption>Action 1.1</caption>"
        b"<tr><th>Action</th><td>Extend the inclusion fund to childminders.</td></tr>"
        b"<tr><th>Lead</th><td>Early Years SEND Manager</td></tr>"
        b"<tr><th>By when</th><td>January 2026</td></tr></table>"
        b"<table><caption>Action 1.2</caption>"
        b"<tr><th>Action</th><td>Place a therapy assistant in every family hub.</td></tr>"
        b"<tr><th>Lead</th><td>SLT Service Lead</td></tr>"
        b"<tr><th>By when</th><td>31 March 2026</td></tr></table></body></html>"
    )

    text = read_document(page, "update.html")
    assert text.split("\n")[1:3] == [
        "Action 1.1",
        "Action\tExtend the inclusion fund to childminders.",
    ]
    plan = parse_plan_text(text)
    assert [(a["ref"], a["owner"]) for a in plan["actions"]] == [
        ("1.1", "Early Years SEND Manager"),
        ("1.2", "SLT Service Lead"),
    ]


def test_a_caption_hidden_but_for_screen_readers_leaves_the_heading_above_the_section():
    page = (
        b"<!DOCTYPE html><html><body><h2>Priority 2: Getting plans right, on time</h2>"
        b'<table><caption class="govuk-visually-hidden">Actions for Priority 2</caption>'
        b"<tr><th>Ref</th><th>What we will do</th><th>Who is leading</th><th>By when</th></tr>"
        b"<tr><td>2.1</td><td>Audit twenty plans a term with parents.</td>"
        b"<td>QA Lead</td><td>July 2026</td></tr></table></body></html>"
    )

    text = read_document(page, "progress.html")
    assert "Actions for Priority 2" not in text
    plan = parse_plan_text(text)
    assert [(a["ref"], a["section"]) for a in plan["actions"]] == [
        ("2.1", "Priority 2: Getting plans right, on time"),
    ]


def test_a_news_items_date_is_no_section_over_the_next_part_of_the_page():
    page = (
        b"<!DOCTYPE html><html><body><h1>SEND in Eastfield: our priorities</h1>"
        b"<h2>SEND news</h2><h3>New panel makes faster decisions</h3><p>15 January 2026</p>"
        b"<p>The new weekly panel met for the first time in October.</p>"
        b"<h2>Our priorities for 2026</h2><ul>"
        b"<li>Cut the wait for a decision on an assessment to six weeks.<br>"
        b"Lead: Head of SEND<br>When: Q1 2026/27</li>"
        b"<li>Open 60 new specialist places in mainstream schools.<br>"
        b"Lead: Head of Place Planning<br>When: Q3 2026/27</li></ul></body></html>"
    )

    plan = parse_plan_text(read_document(page, "priorities.html"))

    cut = next(a for a in plan["actions"] if a["text"].startswith("Cut the wait"))
    assert cut["section"] == "Our priorities for 2026"


def test_cells_copied_from_excel_into_a_text_file_keep_their_lines_and_quotes():
    # Excel copies a sheet as TAB-separated text, a cell of several lines in double quotes
    # and its own quotes doubled: each cell read whole, its lines as breaks.
    data = (
        "Theme\tDeliverables\r\n"
        '1. Communication – Head of SEND\t"a) Agree an ""Ask SEND"" standard – Nov 25\r\n'
        'b) Relaunch the Local Offer – end Feb"\r\n'
        "Health\tHealth actions are in the ICB plan.\r\n"
    ).encode()
    lines = read_document(data, "working copy.txt").split("\n")
    assert lines[1] == (
        '1. Communication – Head of SEND\ta) Agree an "Ask SEND" standard – Nov 25<br>'
        "b) Relaunch the Local Offer – end Feb"
    )
    assert lines[2] == "Health\tHealth actions are in the ICB plan."


def test_a_text_file_whose_quotes_are_no_excel_cells_is_read_as_it_is():
    data = b'Ref\tAction\n1\t"Quoted" words at the start\nand a second line\n'
    assert read_document(data, "plan.txt") == data.decode()


def test_a_web_cards_field_names_in_elements_of_their_own_are_read_as_labels():
    page = (
        b"<!DOCTYPE html><html><body><h2>Priority 1 - Assessments</h2>"
        b'<div class="card"><div class="title">Recruit and induct six EHC coordinators</div>'
        b'<div class="field"><span class="lbl">Owner</span><span class="val">Kemi Adeyemi</span>'
        b'</div><div class="field"><span class="lbl">Due</span><span class="val">31/01/2025'
        b'</span></div><div class="field"><span>Status</span><span>Overdue</span></div>'
        b'<div class="field"><span>Complete</span><span> since May</span></div>'
        b"<p><strong>Lead</strong> officers meet every month.</p></div></body></html>"
    )

    lines = [line for line in read_document(page, "dashboard.html").split("\n") if line]

    assert lines[2:] == [
        "Owner: Kemi Adeyemi",
        "Due: 31/01/2025",
        "Status: Overdue",
        "Complete since May",  # a status is a value, not a field's name
        "Lead officers meet every month.",  # a word in bold opening a sentence
    ]
    (action,) = parse_plan_text(read_document(page, "dashboard.html"))["actions"]
    assert (action["owner"], action["due"], action["status"]) == (
        "Kemi Adeyemi",
        "2025-01-31",
        "delayed",
    )


SLIDE_STYLE = """
@page { size: 13.3in 7.5in; margin: 0 }
body { margin: 0; font-family: 'DejaVu Sans', sans-serif }
.slide { position: relative; padding: 0.45in 0.55in }
h1 { font-size: 26pt; margin: 0.1in 0 0.05in 0 }
.sro { font-size: 12pt; margin-bottom: 0.2in }
.rag { position: absolute; top: 0.4in; right: 0.55in; font-size: 18pt; padding: 0.08in 0.25in }
.boxes { display: flex; gap: 0.3in }
.box { flex: 1; border: 2px solid #333; padding: 0.12in 0.2in; min-height: 4in }
.box h2 { font-size: 15pt; margin: -0.12in -0.2in 0.12in -0.2in; padding: 0.08in 0.2in }
ul { list-style: none; padding-left: 0.1in; margin: 0 }
li { font-size: 12.5pt; margin-bottom: 0.07in }
"""


def test_box_titles_side_by_side_on_one_line_head_their_own_columns():
    """A slide's two boxes: their titles on one line under the slide's title and a line
    across it, then each box's bullets; each title is read over its own box."""
    boxes = {
        "Achievements this period": [
            "Two agency coordinators started in November",
            "Overdue reviews down from 412 to 355",
        ],
        "Next steps": [
            "Recruit to three permanent coordinator posts – HO, Feb",
            "Agree the audit tool with health and social care – LP, Jan",
            "Clear every review more than six months overdue – LP, Mar",
        ],
    }
    columns = "".join(
        f"<div class='box'><h2>{title}</h2><ul>"
        + "".join(f"<li>\u2022 {item}</li>" for item in items)
        + "</ul></div>"
        for title, items in boxes.items()
    )
    body = (
        "<div class='slide'><h1>Workstream 1: Assessment and planning</h1>"
        "<div class='rag'>RED</div><div class='sro'>SRO: Helen Okafor, Assistant Director "
        "| Reporting period 23 Nov – 20 Dec 2024</div>"
        f"<div class='boxes'>{columns}</div></div>"
    )
    page = _weasyprint().HTML(string=f"<style>{SLIDE_STYLE}</style>{body}").write_pdf()

    lines = [line for line in read_document(page, "slide.pdf").split("\n") if line]

    expected: list[str] = []
    for title, items in boxes.items():
        expected += [title, *(f"- {item}" for item in items)]
    assert lines[-len(expected) :] == expected


def test_a_cards_number_and_rag_pill_above_its_title_are_the_actions_ref_and_rag():
    card = (
        "<div class='card'><div class='head'><div class='ref'>{ref}</div>"
        "<span class='pill'>{rag}</span></div><div class='title'>{title}</div>"
        "<div class='field'><span>Owner</span><span>{owner}</span></div>"
        "<div class='field'><span>Due</span><span>30/04/2025</span></div></div>"
    )
    cards = [
        ("P1.01", "Amber", "Introduce a single advice hub for EHC requests", "Head of SEND"),
        ("P1.02", "Red", "Recruit and induct six additional EHC coordinators", "Kemi Adeyemi"),
        ("P1.03", "Green", "Run a quarterly audit of twenty new EHC plans", "Principal EP"),
    ]
    page = (
        "<!DOCTYPE html><html><body><h2>Priority 1 - Assessments and plans</h2>"
        + "".join(card.format(ref=r, rag=g, title=t, owner=o) for r, g, t, o in cards)
        + "</body></html>"
    ).encode()

    actions = parse_plan_text(read_document(page, "dashboard.html"))["actions"]

    assert [(a["ref"], a["rag"], a["owner"]) for a in actions] == [
        ("P1.01", "amber", "Head of SEND"),
        ("P1.02", "red", "Kemi Adeyemi"),
        ("P1.03", "green", "Principal EP"),
    ]


def test_a_pdf_cells_lone_mark_is_kept_not_taken_for_a_bullet_of_nothing():
    text = (
        "Ref\tAction\tOct\tNov\tDec\tJan\tStatus\n"
        "1.1\tLaunch the early help offer\t\u25a0\t\u25a0\t\tX\tOn track\n"
    )

    lines = [line for line in read_document(pdf_from_text(text), "gantt.pdf").split("\n") if line]

    cells = [plain(cell) for cell in lines[-1].split("\t")]
    assert cells == ["1.1", "Launch the early help offer", "\u25a0", "\u25a0", "", "X", "On track"]


def test_a_tracking_apps_json_export_is_read_as_a_table_of_its_records():
    records = [
        {
            "id": "a1b2",
            "workstream": {"id": 3, "name": "Priority 2 - Timely EHC plans"},
            "ref": "2.1",
            "title": "Clear the backlog of assessments past 20 weeks",
            "owner": {"id": 118, "display_name": "Femi Ade", "team": "SEND Service"},
            "due_date": "2031-08-31",
            "status": {"code": "IN_PROGRESS", "label": "In progress", "rag": "AMBER"},
            "success_measures": ["No assessment over 20 weeks", "65% within 20 weeks"],
            "updates": [{"author": "Femi Ade", "body": "Backlog now 74."}],
        },
        {
            "id": "c3d4",
            "workstream": {"id": 3, "name": "Priority 2 - Timely EHC plans"},
            "ref": "2.2",
            "title": "Introduce a single quality standard for plans",
            "owner": {"id": 152, "display_name": "Claire Dunn"},
            "due_date": "2031-04-30",
            "status": {"code": "COMPLETE", "label": "Complete", "rag": "BLUE"},
            "success_measures": [],
        },
    ]
    data = json.dumps({"exported": "2031-05-14", "items": records}, indent=2).encode()

    plan = parse_plan_text(read_document(data, "tracker_export.json"))

    assert [
        (a["ref"], a["text"], a["owner"], a["due"], a["status"], a["rag"], a["section"])
        for a in plan["actions"]
    ] == [
        ("2.1", "Clear the backlog of assessments past 20 weeks", "Femi Ade", "2031-08-31",
         "in_progress", "amber", "Priority 2 - Timely EHC plans"),
        ("2.2", "Introduce a single quality standard for plans", "Claire Dunn", "2031-04-30",
         "complete", "blue", "Priority 2 - Timely EHC plans"),
    ]  # fmt: skip
    assert plan["actions"][0]["measures"] == ["No assessment over 20 weeks", "65% within 20 weeks"]


def test_json_that_lists_no_records_is_read_as_its_text():
    assert (
        read_document(b'{"note": "Plan to follow"}', "notes.json") == '{"note": "Plan to follow"}'
    )


def test_an_emails_layout_tables_are_read_as_the_blocks_they_hold():
    page = (
        b'<html><body><table role="presentation" width="100%"><tr><td>'
        b'<table role="presentation"><tr><td><h2>Our commitments this year</h2></td></tr>'
        b"<tr><td>1</td><td><p>Decide on every request for an assessment within six weeks.</p>"
        b"<p><b>Lead:</b> Tom Brierley</p></td></tr></table>"
        b"<table><tr><th>Date</th><th>Event</th></tr><tr><td>4 March</td><td>SENCO forum</td>"
        b"</tr></table></td></tr></table></body></html>"
    )

    lines = [line for line in read_document(page, "bulletin.html").split("\n") if line.strip()]

    assert lines == [
        "## Our commitments this year",
        "1",
        "Decide on every request for an assessment within six weeks.",
        "Lead: Tom Brierley",
        "Date\tEvent",
        "4 March\tSENCO forum",
    ]


def test_a_board_apps_export_reads_its_cards_with_the_names_their_ids_stand_for():
    board = {
        "name": "SEND plan board",
        "lists": [{"id": "L1", "name": "To do"}, {"id": "L2", "name": "Doing"}],
        "members": [{"id": "M1", "fullName": "Aisha Rahman", "username": "aishar"}],
        "labels": [{"id": "B1", "name": "WS1 Co-production", "color": "green"}],
        "cards": [
            {"id": "C1", "name": "Co-produce a jargon buster with the forum", "idList": "L1",
             "idMembers": ["M1"], "idLabels": ["B1"], "due": "2031-10-31T12:00:00.000Z",
             "closed": False, "dateLastActivity": "2031-04-12T15:20:03.448Z",
             "shortUrl": "https://trello.example/c/x1", "idShort": 3},
            {"id": "C2", "name": "Run drop-ins in every library", "idList": "L2",
             "idMembers": ["M1"], "idLabels": [], "due": "2031-12-13T12:00:00.000Z",
             "closed": False, "dateLastActivity": "2031-05-01T09:00:00.000Z",
             "shortUrl": "https://trello.example/c/x2", "idShort": 4},
            {"id": "C3", "name": "Old idea we dropped", "idList": "L1", "idMembers": [],
             "idLabels": [], "due": "2031-06-30T12:00:00.000Z", "closed": True,
             "dateLastActivity": "2031-03-01T09:00:00.000Z", "idShort": 5},
        ],
        "actions": [  # the board's history: more entries than cards, and no work of its own
            {"id": f"A{n}", "type": "updateCard", "date": "2031-05-01T09:00:00.000Z",
             "data": {"card": {"id": "C1"}}, "idMemberCreator": "M1"}
            for n in range(9)
        ],
    }  # fmt: skip

    plan = parse_plan_text(read_document(json.dumps(board).encode(), "board.json"))

    assert [
        (a["ref"], a["text"], a["owner"], a["due"], a["status"]) for a in plan["actions"]
    ] == [
        (None, "Co-produce a jargon buster with the forum", "Aisha Rahman", "2031-10-31",
         "not_started"),
        (None, "Run drop-ins in every library", "Aisha Rahman", "2031-12-13", "in_progress"),
    ]  # fmt: skip


def test_a_json_exports_keys_ending_in_the_letters_id_are_not_taken_for_ids():
    records = [
        {"id": "a1", "you_said": "Nobody calls back", "we_did": "Call every family in 5 days",
         "owner_id": "u9", "due_date": "2031-09-30", "paid": "yes"},
        {"id": "a2", "you_said": "Plans are late", "we_did": "Clear the backlog of plans",
         "owner_id": "u9", "due_date": "2031-12-31", "paid": "no"},
    ]  # fmt: skip

    header = json_rows(json.dumps(records)).split("\n")[0].split("\t")

    assert header == ["you said", "we did", "due date", "paid"]


def test_a_print_views_tables_inside_a_frame_are_its_rows_and_its_coloured_cells_its_rag():
    """A system's print view frames each part's table in a row of an outer table (a band
    for the part, then a row whose one cell holds its table of actions), and rates each
    action by its status cell's colour alone: the inner tables' rows are rows, cell by
    cell, and the colours their RAG; a table inside a cell beside others stays in it."""
    cell = '<td style="border:1px solid #999">'
    page = (
        '<html><body><table width="100%">'
        '<tr><td style="background-color:#005a8c;color:#fff">Part 1: Families wait less</td></tr>'
        '<tr><td style="padding:0"><table>'
        "<tr><th>No.</th><th>Action</th><th>Lead</th><th>Deadline</th><th>Status</th></tr>"
        f"<tr>{cell}1.1</td>{cell}Open a second decision panel</td>{cell}Head of SEND</td>"
        f'{cell}June 2032</td><td style="background-color:#00703c"><span style="display:none">'
        "On track</span></td></tr>"
        f"<tr>{cell}1.2</td>{cell}Publish waiting times monthly</td>{cell}ICB</td>"
        f'{cell}31/05/2032</td><td style="background:#d4351c"><span style="display:none">'
        "Off track</span></td></tr>"
        "</table></td></tr>"
        "<tr><td>Notes</td><td>See<table><tr><td>a</td><td>b</td></tr></table></td></tr>"
        "</table></body></html>"
    ).encode()

    text = read_document(page, "printview.html")
    plan = parse_plan_text(text)

    got = [(a["ref"], a["text"], a["owner"], a["rag"], a["section"]) for a in plan["actions"]]
    assert got == [
        ("1.1", "Open a second decision panel", "Head of SEND", "green",
         "Part 1: Families wait less"),
        ("1.2", "Publish waiting times monthly", "ICB", "red", "Part 1: Families wait less"),
    ]  # fmt: skip
    assert "Notes\tSee<br>a b" in text.split("\n")


def _without_the_fonts_characters(pdf: bytes, font: str) -> bytes:
    """The PDF with one font's character map and embedded program blanked out, as a PDF
    whose bullets are set in a symbol font without a Unicode map is made."""

    def blank(match: re.Match[bytes]) -> bytes:
        return b" " * len(match.group(0))

    pdf = re.sub(rb"(?<=" + font.encode() + rb")/ToUnicode \d+ 0 R", blank, pdf)
    described = rb"/FontName /\w+\+" + font.encode() + rb".{0,300}?/FontFile2 \d+ 0 R"
    return re.sub(described, lambda m: re.sub(rb"/FontFile2 \d+ 0 R", blank, m.group(0)), pdf)


def test_a_pdf_bullet_the_font_gives_no_character_for_is_read_as_a_bullet():
    """pdfminer writes such a glyph "(cid:2588)": it opens each item, not its words."""
    html = (
        "<style>body { font: 10pt 'DejaVu Sans' } .mark { font-family: 'DejaVu Serif' }</style>"
        "<p>Next steps</p>"
        "<p><span class=mark>&#9679;</span> Recruit four more coordinators by March</p>"
        "<p><span class=mark>&#9679;</span> Publish the guide for families by May</p>"
    )
    pdf = _weasyprint().HTML(string=html).write_pdf(uncompressed_pdf=True)
    text = read_document(_without_the_fonts_characters(pdf, "DejaVu-Serif"), "plan.pdf")

    assert "cid:" not in text
    assert [a["text"] for a in parse_plan_text(text)["actions"]] == [
        "Recruit four more coordinators by March",
        "Publish the guide for families by May",
    ]
