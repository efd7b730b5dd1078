"""The one way lists become CSV and Excel files: a cell from a form or a document that starts
like a formula is kept as text, so opening the file runs nothing."""

import csv
import io

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


def test_a_download_is_an_attachment_and_an_unknown_format_is_not_found():
    response = exports.download("csv", "actions", [exports.Table("Actions", ["A"], [])])
    assert response["Content-Type"] == exports.CSV
    assert response["Content-Disposition"] == 'attachment; filename="actions.csv"'
    with pytest.raises(Http404):
        exports.download("pdf", "actions", [])
