"""The one way lists become CSV and Excel files: a cell from a form or a document that starts
like a formula is kept as text, so opening the file runs nothing."""

import csv
import io
from datetime import date

import pytest
from django.http import Http404
from openpyxl import load_workbook

from sendtrack.core import exports

RISKY = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"]


def test_cells_that_look_like_formulas_are_kept_as_text():
    assert [exports.spreadsheet_safe(v) for v in RISKY] == ["'" + v for v in RISKY]
    assert exports.spreadsheet_safe("Plan 2025") == "Plan 2025"
    assert exports.spreadsheet_safe(-2) == -2  # numbers stay numbers


def test_csv_lists_each_table_after_its_caption_when_there_are_several():
    tables = [
        exports.Table("Actions", ["Action", "Lead"], [["=cmd", None]]),
        exports.Table("Risks", ["Risk"], [["Late"]]),
    ]
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(tables).decode())))
    assert rows == [
        ["Actions"],
        ["Action", "Lead"],
        ["'=cmd", ""],
        [],
        ["Risks"],
        ["Risk"],
        ["Late"],
        [],
    ]
    one = list(csv.reader(io.StringIO(exports.csv_bytes(tables[:1]).decode())))
    assert one == [["Action", "Lead"], ["'=cmd", ""]]


def test_xlsx_has_a_sheet_a_table_with_a_bold_frozen_header():
    tables = [
        exports.Table("A very long table title that Excel would refuse", ["Name"], [["@x"]]),
        exports.Table("Risks", ["Risk"], [["Late"]], sheet="Risks: open"),
    ]
    workbook = load_workbook(io.BytesIO(exports.xlsx_bytes(tables)))
    first, second = workbook.worksheets
    assert len(first.title) <= 31 and second.title == "Risks open"
    assert first["A1"].font.bold and first.freeze_panes == "A2"
    assert first["A2"].value == "'@x"


def test_xlsx_opens_ready_to_work_with_widths_a_filter_and_dates_as_people_write_them():
    long = "Co-produce the Local Offer pages with the parent carer forum " * 3
    table = exports.Table(
        "Actions",
        ["Ref", "Action", "Due date"],
        [["1.1", long, date(2025, 3, 31)], ["1.2", "Go", None]],
    )
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([table]))).active
    assert sheet.auto_filter.ref == "A1:C3"  # a filter on every column, every row
    assert sheet.freeze_panes == "A2"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABC"}
    assert widths["A"] == exports.MIN_WIDTH and widths["B"] == exports.MAX_WIDTH
    assert widths["C"] >= len("30 September 2025")
    assert sheet["B2"].alignment.wrap_text  # text longer than the column wraps
    assert sheet["C2"].value.date() == date(2025, 3, 31)
    assert sheet["C2"].number_format == "d mmmm yyyy"


def test_rag_cells_are_named_and_coloured_with_text_readable_on_them():
    rows = [["Write the local offer", "red"], ["Train SENCOs", "Amber"], ["Audit", "green"]]
    rows += [["Publish", "blue"], ["Not rated", None], ["=cmd", "=cmd"]]
    table = exports.Table("Actions", ["Action", "RAG"], rows, rag_columns=frozenset({1}))
    csv_rows = list(csv.reader(io.StringIO(exports.csv_bytes([table]).decode())))
    assert [row[1] for row in csv_rows[1:]] == [
        "Red",
        "Amber",
        "Green",
        "Blue (complete)",
        "",
        "'=cmd",
    ]
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([table]))).active
    shown = {
        sheet.cell(row=r, column=2).value: (
            sheet.cell(row=r, column=2).fill.fgColor.rgb[-6:],
            sheet.cell(row=r, column=2).font.color.rgb[-6:],
        )
        for r in range(2, 6)
    }
    assert shown == {
        "Red": ("D4351C", "FFFFFF"),
        "Amber": ("F47738", "0B0C0C"),  # white on amber is too faint to read
        "Green": ("00703C", "FFFFFF"),
        "Blue (complete)": ("1D70B8", "FFFFFF"),
    }
    assert sheet["B6"].value is None and sheet["B7"].value == "'=cmd"
    assert sheet["A7"].value == "'=cmd"


def test_a_download_is_an_attachment_and_an_unknown_format_is_not_found():
    response = exports.download("csv", "actions", [exports.Table("Actions", ["A"], [])])
    assert response["Content-Type"] == exports.CSV
    assert response["Content-Disposition"] == 'attachment; filename="actions.csv"'
    with pytest.raises(Http404):
        exports.download("pdf", "actions", [])
