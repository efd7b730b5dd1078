"""Lists and reports as CSV and Excel files for analysts: one way to write both.

Every cell that came from a document or a form is defused first, so a cell starting with
"=" is shown as text rather than run as a formula when the file is opened (CSV injection).
Workbooks are written in openpyxl's write-only mode: rows stream into the file instead of
being held as cell objects, which keeps a 10,000-row export quick and small in memory.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404, HttpResponse

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV, "xlsx": XLSX}
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def spreadsheet_safe(value: Any) -> Any:
    """Stop a cell being run as a formula when the file is opened."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


@dataclass
class Table:
    """One list: a worksheet in Excel; in CSV, the header and rows (after a caption line
    when a file holds several tables)."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)
    sheet: str = ""
    """A short worksheet name where the title is too long for Excel's 31 characters."""


def _csv_cell(value: Any) -> Any:
    return "" if value is None else spreadsheet_safe(value)


def csv_bytes(tables: Sequence[Table]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    several = len(tables) > 1
    for table in tables:
        if several:
            writer.writerow([table.title])
        writer.writerow(table.header)
        writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
        if several:
            writer.writerow([])
    return buffer.getvalue().encode("utf-8")


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Table"
    while name in used:
        name = f"{name[:27]} {len(used) + 1}"
    used.add(name)
    return name


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """One worksheet per table, its header row bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.sheet or table.title, used))
        sheet.freeze_panes = "A2"
        header = []
        for name in table.header:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([spreadsheet_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WRITERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}


def download(fmt: str, filename: str, tables: Sequence[Table]) -> HttpResponse:
    """The tables as an attachment named `filename.fmt`; an unknown format is a 404."""
    if fmt not in WRITERS:
        raise Http404("Unknown format")
    response = HttpResponse(WRITERS[fmt](tables), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
