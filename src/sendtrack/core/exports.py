"""Lists and reports as CSV and Excel files for analysts: one way to write both.

Every cell that came from a document or a form is defused first, so a cell starting with
"=" is shown as text rather than run as a formula when the file is opened (CSV injection).
Workbooks are written in openpyxl's write-only mode: rows stream into the file instead of
being held as cell objects, which keeps a 10,000-row export quick and small in memory. Each
sheet is ready to work with when opened: columns wide enough to read, the header frozen with
a filter on it, dates as "31 March 2025" and RAG cells named and in the GOV.UK colours.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse

from sendtrack.core.colours import RAG_COLOURS, rag_named
from sendtrack.domain.rag import RAG_LABELS

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV, "xlsx": XLSX}
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})

MIN_WIDTH, MAX_WIDTH = 8, 60
"""Column widths in characters; a column of longer text wraps at the widest."""
MEASURED_ROWS = 500
"""How many rows a column's width is measured on: enough to be right, few enough to be quick."""
DATE_FORMAT = "d mmmm yyyy"


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
    rag_columns: frozenset[int] = frozenset()
    """The columns holding a RAG rating: written by name ("Red"), and coloured in Excel."""


def _cell(table: Table, index: int, value: Any) -> Any:
    """A value as the file shows it: a rating by its name, anything typed in defused."""
    if index in table.rag_columns and (rag := rag_named(value)) is not None:
        return RAG_LABELS[rag]
    return spreadsheet_safe(value)


def _csv_cell(table: Table, index: int, value: Any) -> Any:
    return "" if value is None else _cell(table, index, value)


def csv_bytes(tables: Sequence[Table]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    several = len(tables) > 1
    for table in tables:
        if several:
            writer.writerow([table.title])
        writer.writerow(table.header)
        writer.writerows([_csv_cell(table, i, v) for i, v in enumerate(row)] for row in table.rows)
        if several:
            writer.writerow([])
    return buffer.getvalue().encode("utf-8")


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Table"
    while name in used:
        name = f"{name[:27]} {len(used) + 1}"
    used.add(name)
    return name


def _text_width(value: Any) -> int:
    if isinstance(value, date):
        return 17  # "30 September 2025"
    text = "" if value is None else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Each column as wide as its widest heading or value (of the first rows), in characters,
    between MIN_WIDTH and MAX_WIDTH, with room for the filter button beside the heading."""
    widths = [len(name) + 3 for name in header]
    for row in rows[:MEASURED_ROWS]:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], _text_width(value) + 1)
    return [min(max(width, MIN_WIDTH), MAX_WIDTH) for width in widths]


class _Styles:
    """The few styles a sheet uses, made once: a style object per cell would be most of the
    time spent writing a long list."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.rag = {
            rag: (PatternFill("solid", fgColor=fill), Font(bold=True, color=text))
            for rag, (fill, text) in RAG_COLOURS.items()
        }


def _xlsx_cell(
    sheet: Any, styles: _Styles, table: Table, index: int, value: Any, width: int
) -> Any:
    """A value as a plain cell where it can be (quickest), styled where it must be."""
    from openpyxl.cell import WriteOnlyCell

    rag = rag_named(value) if index in table.rag_columns else None
    is_date = isinstance(value, date)
    wraps = isinstance(value, str) and (len(value) >= width or "\n" in value)
    if rag is None and not is_date and not wraps:
        return spreadsheet_safe(value)
    shown: Any = RAG_LABELS[rag] if rag is not None else spreadsheet_safe(value)
    cell: Any = WriteOnlyCell(sheet, value=shown)
    if rag is not None:
        cell.fill, cell.font = styles.rag[rag]
    elif is_date:
        timed = isinstance(value, datetime)
        cell.number_format = f"{DATE_FORMAT} hh:mm" if timed else DATE_FORMAT
        cell.alignment = styles.top
    else:
        cell.alignment = styles.wrap
    return cell


def _write_sheet(sheet: Any, styles: _Styles, table: Table) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    rows = list(table.rows)
    widths = column_widths(table.header, rows)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for name in table.header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = styles.bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(
            [
                _xlsx_cell(sheet, styles, table, index, value, widths[index])
                if index < len(widths)
                else spreadsheet_safe(value)
                for index, value in enumerate(row)
            ]
        )
    if table.header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.header))}{len(rows) + 1}"


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """One worksheet per table: the header row bold, frozen and filtered, each column a
    readable width, long text wrapped, RAG cells coloured."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    styles = _Styles()
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.sheet or table.title, used))
        _write_sheet(sheet, styles, table)
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
