"""Document files → the text form the plan parser reads.

The text form (see ``plan.py``): prose paragraphs as lines, each table row one line with its
cells separated by TABs, and a cell's paragraphs, line breaks and list items kept as HTML
fragments (``<br>``, ``<ul><li>…</li></ul>``, ``<b>``).

:func:`read_document` decides what a file really is from its first bytes, not from its name
(a ``.docx`` that is really a program is refused; a ``.txt`` that is really a spreadsheet is
read as one), and refuses what is too big, damaged or dangerous with one
:class:`DocumentImportError` whose message is written for the person who uploaded the file:

* more than 50 MB, before anything is parsed;
* zip archives (Word, Excel, PowerPoint) whose members would expand to more than 200 MB, or
  more than 100 times their compressed size, before any member is decompressed;
* programs, images, old binary Office files, password-protected and scanned PDFs, and bytes
  that are not text in UTF-8, UTF-16 or Windows-1252.

No Django here and no file system: bytes in, text out.
"""

from __future__ import annotations

import bisect
import colorsys
import csv
import datetime as dt
import io
import itertools
import logging
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import ParseError

from .columns import column_role, is_header_row
from .plan import DocumentImportError
from .records import json_rows
from .status import normalise_status, read_rag
from .text import plain

__all__ = [
    "MAX_COMPRESSION_RATIO",
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_CHARS",
    "MAX_UNCOMPRESSED_BYTES",
    "DocumentImportError",
    "decode_text",
    "document_kind",
    "read_document",
]

Progress = Callable[[int, int], None]

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""The largest file accepted, checked before anything is parsed."""
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""The most that the members of a Word or Excel file (a zip archive) may expand to."""
MAX_COMPRESSION_RATIO = 100
"""The most a zip member (of 1 MB or more uncompressed) may expand per compressed byte."""
MAX_ZIP_MEMBERS = 10_000
MAX_TEXT_CHARS = 25_000_000
"""More text than this is not a plan (5,000 actions are about 5 million characters)."""

_RATIO_CHECKED_FROM = 1024 * 1024
_MB = 1024 * 1024


# --- what is this file? -------------------------------------------------------------------

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_DOCUMENTS: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"\xca\xfe\xba\xbe", "a program"),
    (b"\xcf\xfa\xed\xfe", "a program"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a bitmap image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"ID3", "an audio file"),
    (b"OggS", "an audio file"),
    (b"\x00\x00\x00\x18ftyp", "a video file"),
    (b"\x00\x00\x00\x20ftyp", "a video file"),
    (b"SQLite format 3", "a database file"),
)
_FORMATS = (
    "a Word (.docx), Excel (.xlsx), PowerPoint (.pptx), CSV, JSON, PDF, web page (.html) or text "
    "file"
)


def document_kind(data: bytes, filename: str = "") -> str:
    """What the bytes are: ``docx``, ``xlsx``, ``pptx``, ``pdf``, ``csv``, ``json``, ``html``
    or ``text``.

    Raises :class:`DocumentImportError` for anything that is none of these. Only the zip
    archive's directory is read (not its members), so this is cheap and safe on any input.
    """
    name = filename or "The file"
    if not data:
        raise DocumentImportError(f"{name} is empty: there is nothing to import.")
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data, name)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        raise DocumentImportError(
            f"{name} is an old-style Word or Excel file (.doc, .xls) or a password-protected "
            "one: save it as .docx or .xlsx, without a password, and import that."
        )
    if data.startswith(b"{\\rtf"):
        raise DocumentImportError(
            f"{name} is a Rich Text (.rtf) file: save it as .docx and import that."
        )
    binary_head = re.search(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]", data[:512]) is not None
    for magic, what in _NOT_DOCUMENTS:
        if binary_head and data.startswith(magic):  # "BM to lead" is text, not a bitmap
            raise DocumentImportError(f"{name} is {what}, not a document: import {_FORMATS}.")
    if _extension(filename) in {"csv", "tsv"}:
        return "csv"
    if _extension(filename) == "json":
        return "json"
    if _HTML_START_RE.match(data[:2048]):
        return "html"
    return "text"


_LAYOUT_CELL_TAGS = frozenset({"tr", "td", "th"})

_HTML_START_RE = re.compile(
    rb"(?is)^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html)\b"
)
"""A web page saved from a browser: its markup is read, not shown as text."""


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _zip_kind(data: bytes, name: str) -> str:
    archive = _open_zip(data, name)
    with archive:
        names = set(archive.namelist())
        _check_zip_sizes(archive, name)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "mimetype" in names and any(n == "content.xml" for n in names):
            raise DocumentImportError(
                f"{name} is an OpenDocument file (LibreOffice): save it as .docx or .xlsx "
                "and import that."
            )
        if "ppt/presentation.xml" in names:
            return "pptx"
    raise DocumentImportError(
        f"{name} is a zip archive, not a Word or Excel document: import {_FORMATS}."
    )


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # an unknown zip version or compression method
        ValueError,
        OSError,
        EOFError,
        UnicodeDecodeError,
    ) as error:
        raise DocumentImportError(
            f"{name} is damaged: it looks like a Word or Excel file but cannot be opened "
            f"({_reason(error)})."
        ) from error


def _check_zip_sizes(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs from the archive's directory, before any member is decompressed.

    The sizes in the directory bound what ``zipfile`` will ever produce: it stops reading a
    member at its declared size and checks the CRC, so a member cannot lie its way past this.
    """
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise DocumentImportError(
            f"{name} holds {len(members):,} files inside it, more than any real document: "
            "it was not opened."
        )
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise DocumentImportError(
            f"{name} would expand to {total / _MB:,.0f} MB, more than the "
            f"{MAX_UNCOMPRESSED_BYTES // _MB} MB allowed: it was not opened."
        )
    for member in members:
        if member.file_size >= _RATIO_CHECKED_FROM and (
            member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise DocumentImportError(
                f"{name} is compressed {member.file_size / max(member.compress_size, 1):,.0f} "
                f"times over (more than {MAX_COMPRESSION_RATIO}), as a zip bomb is: "
                "it was not opened."
            )
    if total >= _RATIO_CHECKED_FROM and total > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise DocumentImportError(
            f"{name} is compressed {total / max(packed, 1):,.0f} times over (more than "
            f"{MAX_COMPRESSION_RATIO}), as a zip bomb is: it was not opened."
        )


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# --- the one entry point --------------------------------------------------------------------


def read_document(data: bytes, filename: str, *, progress: Progress | None = None) -> str:
    """The text form of a document file's bytes (see the module docstring).

    ``filename`` is used in messages and to tell CSV from other text; the format itself is
    read from the bytes. ``progress(done, total)`` is called as pages or blocks are read.
    Raises :class:`DocumentImportError`, with one message for the uploader, and nothing else.
    """
    name = filename or "The file"
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentImportError(
            f"{name} is {len(data) / _MB:,.1f} MB: the largest document that can be imported "
            f"is {MAX_DOCUMENT_BYTES // _MB} MB."
        )
    kind = document_kind(data, filename)
    readers: dict[str, Callable[[bytes, str, Progress | None], str]] = {
        "docx": _read_docx,
        "xlsx": _read_xlsx,
        "pptx": _read_pptx,
        "pdf": _read_pdf,
        "csv": _read_csv,
        "json": _read_json,
        "html": _read_html,
        "text": _read_text,
    }
    text = readers[kind](data, name, progress)
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentImportError(
            f"{name} holds {len(text):,} characters of text, more than any plan "
            f"(the most that can be imported is {MAX_TEXT_CHARS:,})."
        )
    return text


class _TextLimit:
    """Counts characters as a reader produces them, so a huge document stops early."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.used = 0

    def add(self, text: str) -> str:
        self.count(len(text) + 1)
        return text

    def count(self, chars: int) -> None:
        self.used += chars
        if self.used > MAX_TEXT_CHARS:
            raise DocumentImportError(
                f"{self.name} holds more than {MAX_TEXT_CHARS:,} characters of text, more "
                "than any plan: it was not imported."
            )


# --- text and CSV ---------------------------------------------------------------------------

_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(data: bytes, name: str = "The file") -> str:
    """Bytes of a text file as text: UTF-16 or UTF-8 with a byte-order mark, UTF-16 without
    one (many NUL bytes), UTF-8, then Windows-1252. Binary data is refused."""
    text: str | None = None
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        elif data.startswith(b"\xef\xbb\xbf"):
            text = data[3:].decode("utf-8")
        elif data.count(b"\x00") > len(data) // 4:
            odd_nuls = data[1::2].count(b"\x00")
            even_nuls = data[0::2].count(b"\x00")
            half = len(data) / 2
            # Text in UTF-16 has its NULs on one side of each pair: the high bytes of Latin
            # letters. Binary data has them on both.
            if max(odd_nuls, even_nuls) >= 0.6 * half and min(odd_nuls, even_nuls) <= 0.05 * half:
                text = data.decode("utf-16-le" if odd_nuls > even_nuls else "utf-16-be")
    except UnicodeDecodeError as error:
        raise DocumentImportError(
            f"{name} says it is Unicode text but is not: {_reason(error)}."
        ) from error
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as error:
                raise DocumentImportError(_binary_message(name)) from error
    sample = text[:200_000]
    if "\x00" in sample or len(_CONTROL_RE.findall(sample)) > max(len(sample) // 200, 2):
        raise DocumentImportError(_binary_message(name))
    return text.removeprefix("\ufeff")


def _binary_message(name: str) -> str:
    return (
        f"{name} holds binary data, not text, and is not a Word, Excel or PDF document: "
        f"import {_FORMATS}."
    )


def _read_text(data: bytes, name: str, progress: Progress | None) -> str:
    text = without_emphasis(decode_text(data, name))
    if "\t" in text and _QUOTED_CELL_RE.search(text):
        return _delimited_rows(text, name, "\t")  # cells copied from Excel, quoted as it quotes
    delimiter = _quoted_export_delimiter(text)
    if delimiter is not None:
        return _delimited_rows(text, name, delimiter)
    return text


_BOLD_RE = re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1")
_BOLD_LINE_RE = re.compile(r"^\s*(?:[-*+]\s+)?(\*\*|__)[^\n]*\1\s*$")


def without_emphasis(text: str) -> str:
    """A text file's Markdown bold within a line dropped, its words kept: "- **1.3** Panel
    moved to weekly sittings — **complete**" reads as "- 1.3 Panel … — complete", so the
    ref, a "**Lead:** …" label and the status are read as they would be unmarked. A line
    bold as a whole ("**Key points**") keeps it: it heads what follows."""
    if "**" not in text and "__" not in text:
        return text
    return "\n".join(
        line if _BOLD_LINE_RE.match(line) else _BOLD_RE.sub(r"\2", line)
        for line in text.split("\n")
    )


_QUOTED_RECORD_RE = re.compile(r'^"(?:[^"\r\n]|"")*"(?P<delimiter>[;,|\t])"', re.M)
"""A record a reporting system exports with every field quoted: ``"SW1.01";"Train …";…``."""


def _quoted_export_delimiter(text: str) -> str | None:
    """The delimiter of a system's export saved as a text file (below its banner lines),
    when at least three lines open with a quoted field, that delimiter and another."""
    found = Counter(m.group("delimiter") for m in _QUOTED_RECORD_RE.finditer(text, 0, 65536))
    delimiter, lines = found.most_common(1)[0] if found else ("", 0)
    return delimiter if lines >= 3 else None


_QUOTED_CELL_RE = re.compile(r'(?:^|\t)"(?:[^"\n]|"")*\n(?:[^"]|"")*"(?=\t|\r?\n|\Z)', re.M)
"""A cell of several lines, as Excel copies a sheet to text: TAB-separated, in double
quotes, its own quotes doubled."""


def _read_html(data: bytes, name: str, progress: Progress | None) -> str:
    """A saved web page in the text form: headings as Markdown headings, list items as
    "- " lines, each table row a TAB-joined line whose cells keep their paragraphs, breaks,
    lists and bold as the text form's fragments; scripts, styles, the page's navigation and
    footer left out."""
    page = _WebPage(_TextLimit(name))
    page.feed(decode_text(data, name))
    page.close()
    return "\n".join(page.finish())


_BLOCK_TAGS = frozenset(
    "p div section article main aside header address blockquote dl dt dd figure figcaption "
    "form fieldset details summary caption ul ol table hr pre".split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head", "nav", "footer"})


_BANNER_TAGS = frozenset({"div", "section", "aside", "form", "dialog"})
_BOX_TAGS = frozenset({"div", "section", "article"})
_COOKIE_RE = re.compile(r"(?i)cookie|consent")


def _a_cookie_banner(attrs: list[tuple[str, str | None]]) -> bool:
    """A block named as a cookie or consent banner by its id, class or label."""
    return any(
        name in {"id", "class", "aria-label"} and value and _COOKIE_RE.search(value)
        for name, value in attrs
    )


_FIELD_LABEL_ROLES = frozenset({"owner", "due", "status", "rag", "ref"})


def _a_field_label(text: str) -> bool:
    """Whether a line so far is a field's name alone ("Owner", "Due", "Status"), as a card
    prints it in an element of its own before the value's: not a value ("Complete")."""
    words = text.strip()
    return (
        0 < len(words.split()) <= 3
        and not re.search(r"\d", words)  # "Due 15 May": a value, its label with it
        and column_role(words) in _FIELD_LABEL_ROLES
        and normalise_status(words) is None
        and read_rag(words) is None
    )


class _WebPage(HTMLParser):
    """Reads a page's markup into lines of the text form as it goes."""

    def __init__(self, limit: _TextLimit) -> None:
        super().__init__(convert_charrefs=True)
        self.limit = limit
        self.lines: list[str] = []
        self.line: list[str] = []
        self.prefix = ""
        self.skipping = 0
        self.bold = 0
        self.lists: list[list[int]] = []  # each open list: [ordered, next number]
        self.tables: list[_WebTable] = []
        self.layout = 0
        """How many tables marked as layout (``role="presentation"``, an e-mail's) are open:
        their cells are blocks of the page, not a table's."""
        self.term: str | None = None
        """A definition list's term ("Lead") waiting for its definition: "Lead: AD Ed"."""
        self.at_tag = False  # whether a tag stands between the last text and the next
        self.tags_between = 0
        """Tags since the last text: a label's end and its value's start are two."""
        self.banner: list[Any] = []  # a cookie banner being skipped: [its tag, how deep]
        self.boxes: list[bool] = []  # each open div, section, article: whether it has a heading
        self.icon: str | None = None
        """A status an icon gives (an image's alt text, an SVG's title: "Complete"), for the
        line it stands beside: "… Statement. [Complete]"."""
        self.svg_title: list[str] | None = None  # an SVG's title being read

    def banner_starts(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A cookie banner ("We use cookies …"), the site's and not the plan's, is skipped
        to its end: ``banner`` counts its tags of the same name opened inside it."""
        if self.banner and tag == self.banner[0]:
            self.banner[1] += 1
        elif not self.banner and tag in _BANNER_TAGS and _a_cookie_banner(attrs):
            self.banner = [tag, 1]

    def banner_ends(self, tag: str) -> bool:
        if not self.banner or tag != self.banner[0]:
            return False
        self.banner[1] -= 1
        if not self.banner[1]:
            self.banner = []
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.banner_starts(tag, attrs)
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        if self.skipping or self.banner:
            return
        self.at_tag = True
        self.tags_between += 1
        if tag == "img":
            self.icon_says(dict(attrs).get("alt") or "")
        elif tag == "title":  # in the page's body: an SVG icon's name
            self.svg_title = []
        if tag in {"b", "strong"}:
            self.bold += 1
        elif self.tables:
            self.tables[-1].start(tag, dict(attrs))
        elif tag == "table" or (self.layout and tag in _LAYOUT_CELL_TAGS):
            self.table_starts(tag, dict(attrs))
        elif tag in {"ul", "ol"}:
            self.end_line()
            self.lists.append([int(tag == "ol"), 1])
        elif tag == "li":
            self.end_line()
            ordered, number = self.lists[-1] if self.lists else (0, 1)
            indent = "  " * max(len(self.lists) - 1, 0)
            self.prefix = f"{indent}{number}. " if ordered else f"{indent}- "
            if self.lists:
                self.lists[-1][1] += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.end_line()
            self.prefix = "#" * int(tag[1]) + " "
            if self.boxes:
                self.boxes[-1] = True
        elif tag == "br" or tag in _BLOCK_TAGS:
            self.end_line()
            self.start_box(tag)

    def table_starts(self, tag: str, attrs: dict[str, str | None]) -> None:
        """A data table, read as rows; or a table marked as layout (``role="presentation"``,
        an e-mail's) or one of its cells, a block of the page."""
        self.end_line()
        if tag == "table" and attrs.get("role") in {"presentation", "none"}:
            self.layout += 1
        elif tag == "table":
            self.tables.append(_WebTable())

    def icon_says(self, label: str) -> None:
        """An icon's label that is a status or a RAG: kept for the line beside it."""
        label = re.sub(r"\s+", " ", label).strip()
        if label and len(label) <= 40 and (normalise_status(label) or read_rag(label)):
            self.icon = label

    def start_box(self, tag: str) -> None:
        if tag in {"dt", "dl"}:
            self.flush_term()
        if tag in _BOX_TAGS:
            self.boxes.append(False)

    def flush_term(self) -> None:
        """A term with no definition after it: a line of its own."""
        if self.term is not None:
            self.add_line(_escape(self.term))
            self.term = None

    def handle_endtag(self, tag: str) -> None:
        if self.banner_ends(tag):
            return
        if tag in _SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
            return
        if self.skipping or self.banner:
            return
        self.at_tag = True
        self.tags_between += 1
        if tag == "title" and self.svg_title is not None:
            self.icon_says("".join(self.svg_title))
            self.svg_title = None
            return
        if tag in {"b", "strong"}:
            self.bold = max(self.bold - 1, 0)
        elif self.tables and tag == "table" and self.tables[-1].inner is None:
            for row in self.tables.pop().finish():
                self.add_line(row)
        elif self.tables:
            self.tables[-1].end(tag)
        elif self.layout and (tag == "table" or tag in _LAYOUT_CELL_TAGS):
            self.end_line()
            self.layout -= tag == "table"
        elif tag in {"ul", "ol"} and self.lists:
            self.end_line()
            self.prefix = ""
            self.lists.pop()
            if not self.lists:
                self.add_line("")  # the list ends: what follows is no item's wrapped line
        elif tag in {"dt", "dl", *_BOX_TAGS}:
            self.end_box(tag)
        elif tag == "li" or re.fullmatch(r"h[1-6]", tag) or tag in _BLOCK_TAGS:
            self.end_line()
            if tag == "li" or tag[0] == "h":
                self.prefix = ""

    def end_box(self, tag: str) -> None:
        """The end of a definition's term (kept for its definition), of a definition list,
        or of a card or section, a blank line after one with its own heading."""
        if tag == "dt":
            text = re.sub(r"\s+", " ", "".join(self.line).replace("\u00a0", " ")).strip()
            self.line, self.prefix = [], ""
            self.term = text.rstrip(":").strip() or None
            return
        self.end_line()
        if tag == "dl":
            self.flush_term()
        elif self.boxes and self.boxes.pop():
            self.add_line("")

    def handle_data(self, data: str) -> None:
        if self.skipping or self.banner:
            return
        if self.svg_title is not None:
            self.svg_title.append(data)
            return
        if self.tables:
            self.tables[-1].text(data, self.bold > 0)
            return
        last = self.line[-1][-1:] if self.line and self.line[-1] else ""
        if self.tags_between >= 2 and data.strip() and _a_field_label("".join(self.line)):
            data = f": {data.lstrip()}"  # <span>Owner</span><span>Head of SEND</span>
        elif self.at_tag and re.match(r"[a-z0-9)]", last) and data[:1].isupper():
            data = f" {data}"  # "Action A1" then a tag "In progress": two, side by side
        elif (
            self.tags_between >= 2
            and re.match(r"\w", last)
            and re.match(r"[A-Z]|[^\w\s.,;:)]", data)
        ):
            # "<span>EHCP</span><span>RED</span>", "Due 15 May" then "☑ 2/3": two, side by
            # side (a word split by its markup, "sta</span><span>rted", goes on in lower case)
            data = f" {data}"
        self.at_tag = False
        self.tags_between = 0
        self.line.append(data)

    def end_line(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.line).replace("\u00a0", " ")).strip()
        self.line = []
        if text and self.term is not None:  # a definition: "Lead: AD Ed"
            text, self.term = f"{self.term}: {text}", None
        if text and self.icon is not None:
            text, self.icon = f"{text} [{self.icon}]", None
        if text:  # else the item's mark waits for its words, in a block inside the item
            self.add_line(self.prefix + _escape(text))
            self.prefix = ""

    def add_line(self, line: str) -> None:
        self.lines.append(self.limit.add(line))

    def finish(self) -> list[str]:
        self.end_line()
        while self.tables:  # a table never closed: its rows so far
            for row in self.tables.pop().finish():
                self.add_line(row)
        return self.lines


class _WebTable:
    """A table's rows as they are read: each cell's paragraphs and list items as blocks; a
    cell spanning columns or rows leaves the cells it covers empty, as a merged cell does.

    A table inside a cell is read as a table of its own (``inner``). Where it fills a row of
    its own (a report's print view: a banded row for each recommendation, then a row whose
    one cell holds that recommendation's table of actions), its rows are rows of this
    table; inside a cell beside others, each of its rows is a paragraph of the cell."""

    def __init__(self) -> None:
        self.rows: list[tuple[list[str], list[str | None]]] = []  # cells and their RAG fills
        self.row: list[str] | None = None
        self.fills: list[str | None] = []
        self.cell: list[_Block] | None = None
        self.held: list[list[str]] = []  # the rows of a table filling the open cell
        self.span = 1
        self.below: dict[int, int] = {}  # column → rows a cell above still covers
        self.inner: _WebTable | None = None  # a table open inside a cell
        self.level = 0  # lists open inside a cell
        self.caption: list[str] | None = None
        """The table's caption ("Action 1.1"), read as a line of its own above its rows."""

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if self.inner is not None:
            self.inner.start(tag, attrs)
        elif tag == "caption" and self.cell is None:
            hidden = _SCREEN_READER_ONLY_RE.search(attrs.get("class") or "")
            self.caption = None if hidden else []  # a hidden one repeats the heading above
        elif self.cell is not None and tag == "table":
            self.inner = _WebTable()
        elif tag == "tr":
            self.end("tr")
            self.row, self.fills = [], []
        elif tag in {"td", "th"}:
            self.end("td")
            if self.row is None:
                self.row, self.fills = [], []
            while self.below.get(len(self.row), 0) > 0:
                self.below[len(self.row)] -= 1
                self.row.append("")
                self.fills.append(None)
            self.cell = [_Block("p", 0)]
            self.fills.append(_web_fill(attrs))
            self.span = _int(attrs.get("colspan"), 1, 1, _MAX_SPAN)
            down = _int(attrs.get("rowspan"), 1, 1, _MAX_SPAN)
            for column in range(len(self.row), len(self.row) + self.span):
                self.below[column] = down - 1
        elif self.cell is not None:
            if tag in {"ul", "ol"}:
                self.level += 1
            elif tag == "li":
                self.cell.append(_Block("li", max(self.level, 1)))
            elif tag == "br" or tag in _BLOCK_TAGS:
                self.cell.append(_Block("p", 0))

    def end(self, tag: str) -> None:
        if self.inner is not None:
            if tag != "table" or self.inner.inner is not None:
                self.inner.end(tag)
            else:
                self.table_in_the_cell(self.inner.finish_rows())
                self.inner = None
        elif tag in {"td", "th"} and self.cell is not None and self.row is not None:
            self.row.append(_render_cell(self.cell))
            self.row.extend("" for _ in range(self.span - 1))
            self.fills.extend(self.fills[-1:] * (self.span - 1))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.end("td")
            if self.held and not any(cell.strip() for cell in self.row):
                # the row is a frame around a table: its rows, their colours read already
                self.rows.extend((cells, [None] * len(cells)) for cells in self.held)
            elif any(cell.strip() for cell in self.row):
                self.rows.append((self.row, self.fills))
            self.held = []
            self.row = None
        elif tag in {"ul", "ol"}:
            self.level = max(self.level - 1, 0)
        elif tag in {"li", "p", "div"} and self.cell is not None:
            self.cell.append(_Block("p", 0))

    def table_in_the_cell(self, rows: list[tuple[list[str], list[str | None]]]) -> None:
        """A table read inside the open cell: held as rows where it is all the cell holds
        and the row has nothing else yet, else written into the cell a paragraph a row."""
        if self.cell is None:
            return
        alone = not self.held and not any(
            segment.strip() for block in self.cell for segment, _bold in block.segments
        )
        if alone and not any(cell.strip() for cell in self.row or []):
            self.held = _shading_as_rag(rows)  # rated by its own colours, not the frame's
            return
        for row in [*self.held, *(cells for cells, _fills in rows)]:
            block = _Block("p", 0)
            block.segments.append((" ".join(plain(c) for c in row if c.strip()), False))
            self.cell.append(block)
        self.held = []

    def text(self, data: str, bold: bool) -> None:
        if self.inner is not None:
            self.inner.text(data, bold)
        elif self.cell is not None:
            self.cell[-1].segments.append((data, bold))
        elif self.caption is not None and not self.rows:
            self.caption.append(data)

    def finish_rows(self) -> list[tuple[list[str], list[str | None]]]:
        while self.inner is not None:  # a table never closed inside a cell
            self.end("table")
        self.end("tr")
        return self.rows

    def finish(self) -> list[str]:
        rows = ["\t".join(row) for row in _shading_as_rag(self.finish_rows())]
        caption = re.sub(r"\s+", " ", "".join(self.caption or [])).strip()
        return [_escape(caption), *rows] if caption and rows else rows


_WEB_FILL_RE = re.compile(r"(?i)background(?:-color)?\s*:\s*#([0-9a-f]{6}|[0-9a-f]{3})\b")


def _web_fill(attrs: dict[str, str | None]) -> str | None:
    """The RAG a web page's cell is coloured ("background-color:#00703c" → "Green")."""
    found = _WEB_FILL_RE.search(attrs.get("style") or "")
    colour = found.group(1) if found else (attrs.get("bgcolor") or "").lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return rag_of_fill(colour)


_SCREEN_READER_ONLY_RE = re.compile(r"\b(?:[\w-]*visually-hidden|sr-only|screen-reader-text)\b")
"""A class that hides an element from sight but not from a screen reader: a caption so
hidden says again what the heading above the table says ("Actions for Priority 1")."""


def _read_csv(data: bytes, name: str, progress: Progress | None) -> str:
    """Rows as TAB-joined lines; the dialect (comma, semicolon, TAB, pipe) is sniffed."""
    text = decode_text(data, name)
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    delimiter = "\t" if _extension(name) == "tsv" else _csv_delimiter(sample)
    return _delimited_rows(text, name, delimiter)


def _read_json(data: bytes, name: str, progress: Progress | None) -> str:
    """A tracking app's JSON export: its records as TAB rows (``records.json_rows``); JSON
    that lists no records is read as text."""
    text = decode_text(data, name)
    return json_rows(text) or text


def _delimited_rows(text: str, name: str, delimiter: str) -> str:
    """Rows of delimited text, quoted as Excel quotes, as TAB-joined lines."""
    limit = _TextLimit(name)
    reader = csv.reader(_csv_lines(text), csv.excel, delimiter=delimiter)
    rows = ([_sheet_cell(c) for c in row] for row in reader)
    try:
        lines = [limit.add(line) for line in _sheet_lines(rows, _TextLimit(name))]
    except csv.Error as error:
        raise DocumentImportError(
            f"{name} could not be read as CSV at line {reader.line_num}: {_reason(error)}."
        ) from error
    return "\n".join(lines)


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _csv_lines(text: str) -> Iterator[str]:
    """The lines ``io.StringIO(text, newline="")`` gives, ends kept, as CSV wants them,
    without its copy of the whole text at four bytes a character."""
    for line in _LINE_RE.finditer(text):
        yield line.group()


def _csv_delimiter(sample: str) -> str:
    """The delimiter (comma, semicolon, TAB or pipe) that splits the sample most evenly.

    Quoting is taken to be Excel's (double quotes, doubled inside a field), as every
    spreadsheet and list system writes it; ``csv.Sniffer`` guesses quoting wrongly when a
    field holds a quotation mark."""
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t", "|"):
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), csv.excel, delimiter=delimiter))
        except csv.Error:
            continue
        widths = Counter(len(row) for row in rows if any(cell.strip() for cell in row))
        if not widths:
            continue
        split = sum(count for width, count in widths.items() if width > 1)
        common_width, common = widths.most_common(1)[0]
        score = (split + common * (common_width > 1)) / sum(widths.values())
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _sheet_cell(value: str) -> str:
    """A spreadsheet cell's text: line breaks become ``<br>``, TABs spaces.

    Spreadsheet cells are left as they are otherwise: exports from list systems put HTML in
    them, which the parser reads like any other cell markup."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if "\n" not in value:
        return value  # as stored: the parser reads cells' own spacing
    return "<br>".join(part.strip() for part in value.strip().split("\n"))


_MAX_SHEET_COLUMNS = 500


def _sheet_lines(rows: Iterable[list[str]], cells_read: _TextLimit) -> Iterator[str]:
    """A sheet's rows as text-form lines.

    Rows are read in blocks separated by empty rows. In a block, the rows from the first to
    the last that fill two or more columns, and the rows right after them that the file
    stores with empty cells, are a table: each becomes a TAB-joined line with the cells the
    file stores for it (empty ones too, up to the table's widest filled column), so a row of
    one filled cell inside the table (a heading, or text carried over from the row above)
    stays a row. Other rows of one cell are prose: titles, dates, notes.

    A block is held whole until it ends, so ``cells_read`` counts its filled cells' text as
    they are read (never more than the lines made of them): a sheet or CSV file with no empty
    row is refused as too big before all of it is held in memory."""
    block: list[list[str]] = []
    for row in rows:
        del row[_MAX_SHEET_COLUMNS:]
        filled = sum(len(cell) for cell in row if cell.strip())
        if filled:
            cells_read.count(filled)
            block.append(row)
            continue
        yield from _block_lines(block)
        block = []
    yield from _block_lines(block)


def _filled_width(row: list[str]) -> int:
    return max((index + 1 for index, cell in enumerate(row) if cell.strip()), default=0)


def _turned(block: list[list[str]]) -> list[list[str]]:
    """A block laid out one column per action, the fields' names down its first column
    ("Ref", "Action", "Owner", "Due" …): turned so that each action is a row under a header
    of those names. Any other block as it is: one whose first column names a field twice
    ("Level": Plan, Priority, Action, Action …) is a table read across, each row a record."""
    labelled = [row for row in block if _filled_width(row) >= 3 and row[0].strip()]
    roles = [column_role(row[0]) for row in labelled]
    if "action" not in roles or len(set(roles) - {None}) < 3 or len(labelled) < len(block) - 1:
        return block
    if len({row[0].strip().casefold() for row in labelled}) < len(labelled):
        return block
    width = max(len(row) for row in labelled)
    turned = [
        [row[column] if column < len(row) else "" for row in labelled] for column in range(width)
    ]
    rest = [row for row in block if row not in labelled]
    return [*rest, *turned]


def _side_by_side(block: list[list[str]]) -> list[list[list[str]]]:
    """A block holding tables side by side, a column left empty between them and each
    under a header of its own naming an action column ("Ref | Action | Lead" twice): each
    table's columns as a block of its own, left to right. Any other block as it is (a
    table whose spacer column is empty has one header)."""
    width = max((_filled_width(row) for row in block), default=0)
    empty = [not any(c < len(row) and row[c].strip() for row in block) for c in range(width)]
    bands, start = [], 0
    for column in [*(c for c in range(width) if empty[c]), width]:
        if column > start:
            bands.append((start, column))
        start = column + 1
    parts = [[row[a:b] for row in block] for a, b in bands]
    if len(parts) < 2 or any(_action_header_at(part) is None for part in parts):
        return [block]
    return parts


def _action_header_at(part: list[list[str]]) -> int | None:
    """Where a table's header naming its action column and two more is, in its first rows."""
    for index, row in enumerate(part[:6]):
        found = [column_role(cell) for cell in row if cell.strip()]
        if "action" in found and len(set(found) - {None}) >= 3:
            return index
    return None


def _table_beside_others(part: list[list[str]]) -> Iterator[str]:
    """One of tables side by side: the lines above its header (its title, "Lead: …") each
    a line of their own, then its rows."""
    header = _action_header_at(part) or 0
    for row in part[:header]:
        yield from (cell.strip() for cell in row if cell.strip())
    rows = part[header:]
    for filled, run in itertools.groupby(rows, key=lambda row: any(map(str.strip, row))):
        if filled:
            yield from _block_lines(list(run))


def _block_lines(block: list[list[str]]) -> Iterator[str]:
    parts = _side_by_side(block)
    if len(parts) > 1:
        for part in parts:
            yield from _table_beside_others(part)
        return
    block = _turned(block)
    widths = [_filled_width(row) for row in block]
    wide = [index for index, width in enumerate(widths) if width >= 2]
    first, last = (wide[0], wide[-1]) if wide else (len(block), -1)
    while 0 <= last < len(block) - 1 and len(block[last + 1]) >= 2:
        last += 1  # rows the file stores with empty cells still belong to the table
    table_width = max((widths[index] for index in wide), default=1)
    for index, row in enumerate(block):
        if first <= index <= last:
            cells = row[: max(table_width, widths[index])]
            yield "\t".join(cells) if len(cells) >= 2 else cells[0] + "\t"
        else:
            yield next(cell for cell in row if cell.strip())
    if block:
        yield ""


# --- Excel ----------------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str, progress: Progress | None) -> str:
    """Every visible sheet, every non-empty row as TAB-joined cells; dates as dd/mm/yyyy."""
    import openpyxl  # imported here: slow, and only for xlsx

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise DocumentImportError(
            f"{name} is damaged: it looks like an Excel workbook but cannot be opened "
            f"({_reason(error)})."
        ) from error
    limit, cells_read = _TextLimit(name), _TextLimit(name)
    blocks: list[tuple[str, str]] = []
    archive = zipfile.ZipFile(io.BytesIO(data))  # openpyxl opened it, so it opens
    try:
        sheets = [
            ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"
        ]
        for number, sheet in enumerate(sheets):
            if progress:
                progress(number, len(sheets))
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # the stored dimensions may be wrong; read all cells
            hidden = _hidden_columns(archive, getattr(sheet, "_worksheet_path", None))
            rows = (_excel_row(row, hidden) for row in sheet.iter_rows())
            lines = [limit.add(line) for line in _sheet_lines(rows, cells_read)]
            if lines:
                blocks.append((str(sheet.title or ""), "\n".join(lines)))
        if progress:
            progress(len(sheets), len(sheets))
    except DocumentImportError:
        raise
    except Exception as error:
        raise DocumentImportError(
            f"{name} is damaged: a sheet of the workbook cannot be read ({_reason(error)})."
        ) from error
    finally:
        book.close()
        archive.close()
    named = len(blocks) > 1  # a sheet per priority or workstream: its name heads its rows
    return "\n\n".join(
        f"## {title}\n{text}" if named and _names_its_part(title, text) else text
        for title, text in blocks
    )


def _names_its_part(title: str, text: str) -> bool:
    """Whether a sheet's name is the heading of its rows: not a default or a workbook's own
    page ("Sheet2", "Read me"), nor a short form of the title its first rows print ("WS2
    Local Offer" over "Workstream 2 – Local Offer, communication …")."""
    if _GENERIC_SHEET_RE.match(title):
        return False
    words = set(re.findall(r"[a-z]{3,}", title.lower()))
    opening = set(re.findall(r"[a-z]{3,}", "\n".join(text.split("\n")[:3]).lower()))
    return len(words & opening) < 2


_GENERIC_SHEET_RE = re.compile(
    r"(?i)^\s*(?:sheet\s*\d*|read ?me|dashboard|summary|overview|guidance|instructions|key|"
    r"lists?|data|lookups?|contents|cover|front ?sheet|notes|version control|change log|"
    r"(?:(?:action|delivery|improvement|project|implementation)\s+)?plan|risks?(?: register)?|"
    r"issues?(?: log)?|raid(?: log)?|actions?(?: log| tracker)?|tracker|milestones?|updates?|"
    r"log|progress)\s*$"
)
"""A sheet name that names no part of the plan: a default name, the workbook's own pages, or
the kind of page the sheet is ("Action Plan", "Risk Register")."""


def rag_of_fill(colour: str | None) -> str | None:
    """The RAG a cell's fill colour shows ("FFC000" → "Amber"), for a RAG column coloured
    rather than written; None for white, grey, black or no colour."""
    if not colour or not re.fullmatch(r"(?:[0-9A-Fa-f]{2})?[0-9A-Fa-f]{6}", colour):
        return None
    red, green, blue = (int(colour[-6:][i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < 0.3 or value < 0.35:
        return None
    degrees = hue * 360
    for name, low, high in _RAG_HUES:
        if low <= degrees < high:
            return name
    return None


_RAG_HUES = (
    ("Red", 0, 18),
    ("Amber", 18, 70),
    ("Green", 75, 170),
    ("Blue", 185, 255),
    ("Red", 340, 361),
)


def _coloured(cells: list[str], fills: list[str | None]) -> list[str]:
    """A row's empty cells that are coloured red, amber, green or blue say so ("Amber"), as
    a RAG column coloured rather than written does; not where the whole row is shaded (a
    heading row), which colours its text cells the same."""
    if not any(fills) or not any(cells):
        return cells
    behind_text = {fill for cell, fill in zip(cells, fills, strict=False) if cell.strip()}
    return [
        fill if not cell.strip() and fill and fill not in behind_text else cell
        for cell, fill in zip(cells, fills, strict=False)
    ]


def _shading_as_rag(rows: list[tuple[list[str], list[str | None]]]) -> list[list[str]]:
    """A table's rows with their colours read: an empty coloured cell says its colour
    (``_coloured``); and where a column of text is shaded red, amber, green or blue row by
    row (the "Where are we" cell coloured to rate it) and no column is named RAG, the colour
    becomes a RAG column of its own after the others, named in the header row."""
    out = [_coloured(cells, fills) for cells, fills in rows]
    shaded = Counter(
        k
        for cells, fills in rows
        for k, (cell, fill) in enumerate(zip(cells, fills, strict=False))
        if fill and cell.strip() and fills.count(fill) == 1 and len(cells) > 1
    )  # a row of one cell shaded is a band, a heading, not a rated cell
    column = next((k for k, count in shaded.most_common(1) if count >= 2), None)
    if column is None or any(column_role(plain(cell)) == "rag" for cells in out for cell in cells):
        return out  # no text column is rated by its colour, or a column says the RAG
    width = max((len(cells) for cells in out), default=0)
    header = next(
        (i for i, cells in enumerate(out) if is_header_row([plain(c) for c in cells])), None
    )
    for i, ((cells, fills), row) in enumerate(zip(rows, out, strict=True)):
        row.extend("" for _ in range(width - len(row)))
        fill = fills[column] if column < len(fills) and cells[column].strip() else None
        row.append("RAG" if i == header else fill or "")
    return out


def _excel_row(row: Iterable[Any], hidden: frozenset[int] = frozenset()) -> list[str]:
    cells = [cell for number, cell in enumerate(row, 1) if number not in hidden]
    return _coloured([_excel_cell(c) for c in cells], [_excel_fill(c) for c in cells])


def _hidden_columns(archive: zipfile.ZipFile, path: str | None) -> frozenset[int]:
    """The numbers of a sheet's hidden columns (a tracker's helper scores and formulas, which
    the person reading it never sees), from its ``<cols>``, which come before its cells."""
    if not path:
        return frozenset()
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]  # untrusted XML

    hidden: set[int] = set()
    try:
        with archive.open(path) as sheet_xml:
            for _, element in iterparse(sheet_xml, events=("start",)):
                name = element.tag.rpartition("}")[2]
                if name == "sheetData":
                    break
                if name == "col" and element.get("hidden") in {"1", "true"}:
                    low = _int(element.get("min"), 0, 1, 16384)
                    high = _int(element.get("max"), 0, 1, 16384)
                    hidden.update(range(low, min(high, low + 1000) + 1))
    except (KeyError, zipfile.BadZipFile, ParseError):  # a damaged or missing sheet part
        return frozenset()
    return frozenset(hidden)


def _excel_cell(cell: Any) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, dt.date) and _month_only(str(getattr(cell, "number_format", ""))):
        return value.strftime("%b %Y")  # shown "Aug-25": the month, not its first day
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        number_format = str(getattr(cell, "number_format", "") or "")
        if "%" in number_format:
            return f"{value * 100:.15g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    return _sheet_cell(str(value))


def _month_only(number_format: str) -> bool:
    """A date format that shows the month and year but no day ("mmm-yy", "mmmm yyyy")."""
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.split(";")[0]).lower()
    return "m" in shown and "y" in shown and "d" not in shown and "h" not in shown


def _excel_fill(cell: Any) -> str | None:
    """A cell's solid fill read as a RAG colour ("Green"), else None."""
    try:
        fill = cell.fill
        if getattr(fill, "fill_type", None) != "solid":
            return None
        rgb = getattr(fill.fgColor, "rgb", None)
    except (AttributeError, TypeError, ValueError):
        return None
    return rag_of_fill(rgb if isinstance(rgb, str) else None)


# --- Word -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"}
_OFF = {"0", "false", "off", "none"}


@dataclass
class _Block:
    """A paragraph (``kind`` "p") or list item ("li", ``level`` from 1) of a table cell."""

    kind: str
    level: int
    segments: list[tuple[str, bool]] = field(default_factory=list)


def _escape(text: str) -> str:
    """Literal text made safe for the text form, which the parser reads as HTML fragments."""
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _render_cell(blocks: Iterable[_Block]) -> str:
    """A cell's paragraphs and list items as the text form's HTML fragment."""
    out: list[str] = []
    depth = 0
    previous_kind = ""
    for block in blocks:
        html = _render_segments(block.segments)
        if not html:
            continue
        if block.kind == "li":
            while depth < block.level:
                out.append("<ul>")
                depth += 1
            while depth > block.level:
                out.append("</ul>")
                depth -= 1
            out.append(f"<li>{html}</li>")
        else:
            while depth:
                out.append("</ul>")
                depth -= 1
            if previous_kind == "p":
                out.append("<br>")
            out.append(html)
        previous_kind = block.kind
    out.extend("</ul>" for _ in range(depth))
    return "".join(out)


def _render_segments(segments: Sequence[tuple[str, bool]]) -> str:
    """Text runs with bold runs in ``<b>``; whitespace collapsed, ends trimmed."""
    merged: list[list[Any]] = []
    for text, bold in segments:
        text = text.replace("\t", " ").replace("\n", " ").replace("\u00a0", " ")
        if not text:
            continue
        if not text.strip():
            bold = merged[-1][1] if merged else False
        if merged and merged[-1][1] == bold:
            merged[-1][0] += text
        else:
            merged.append([text, bold])
    parts: list[str] = []
    for text, bold in merged:
        escaped = _escape(re.sub(r"\s+", " ", text))
        if bold and escaped.strip():
            lead = " " if escaped[0] == " " else ""
            tail = " " if escaped[-1] == " " else ""
            parts.append(f"{lead}<b>{escaped.strip()}</b>{tail}")
        else:
            parts.append(escaped)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


class _Numbering:
    """Word's list numbering: whether a list is bulleted, and the label of a numbered item.

    Word does not store list numbers in the text ("1.1", "a)"); they are counted from the
    numbering definitions, as here, so that auto-numbered refs are not lost."""

    def __init__(self, numbering_element: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        if numbering_element is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in numbering_element.findall(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"), 0, high=_MAX_LEVEL)
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = _int(_val(lvl.find(f"{_W}start")), 1)
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in numbering_element.findall(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            self.levels[num_id] = abstract.get(_val(num.find(f"{_W}abstractNumId")) or "", {})
            for override in num.findall(f"{_W}lvlOverride"):
                restart = _val(override.find(f"{_W}startOverride"))
                if restart is not None:
                    level = _int(override.get(f"{_W}ilvl"), 0, high=_MAX_LEVEL)
                    self.starts[(num_id, level)] = _int(restart, 1)

    def is_bullet(self, num_id: str, ilvl: int) -> bool:
        fmt = self.levels.get(num_id, {}).get(ilvl, ("bullet", "", 1))[0]
        return fmt in {"bullet", "none"}

    def label(self, num_id: str, ilvl: int) -> str:
        """Count this item and give its label ("1.2", "a)")."""
        levels = self.levels.get(num_id, {})
        counts = self.counters.setdefault(num_id, [])
        while len(counts) <= ilvl:
            level = len(counts)
            counts.append(self.starts.get((num_id, level), levels.get(level, ("", "", 1))[2]) - 1)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = (
                self.starts.get((num_id, deeper), levels.get(deeper, ("", "", 1))[2]) - 1
            )
        text = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))[1]

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = max(counts[level], 1) if level < len(counts) else 1
            fmt = levels.get(level, ("decimal", "", 1))[0]
            return _format_number(value, fmt)

        return re.sub(r"%(\d)", number, text).strip()


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        numerals = [
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        ]  # fmt: skip
        out = ""
        n = value
        for amount, numeral in numerals:
            while n >= amount:
                out += numeral
                n -= amount
        return out.upper() if fmt == "upperRoman" else out
    return str(value)


def _val(element: Any, name: str = "val") -> str | None:
    if element is None:
        return None
    value = element.get(f"{_W}{name}")
    return str(value) if value is not None else None


def _int(value: str | None, default: int, low: int = 0, high: int = 9999) -> int:
    """A number from the XML, kept within bounds (a damaged or hostile file can say
    anything: a list level of a billion, a cell spanning a billion columns)."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        number = default
    return min(max(number, low), high)


_MAX_LEVEL = 8  # Word's lists have nine levels, 0 to 8
_MAX_SPAN = 64  # Word's tables have at most 63 columns


class _Styles:
    """What the styles say about a paragraph: its list numbering, its level, bold runs."""

    def __init__(self, styles_element: Any) -> None:
        self.by_id: dict[str, Any] = {}
        if styles_element is not None:
            for style in styles_element.findall(f"{_W}style"):
                self.by_id[style.get(f"{_W}styleId", "")] = style

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style.find(f"{_W}basedOn"))

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        for style in self._chain(style_id):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{_W}numId"))
                if num_id is None:
                    continue
                level = _int(_val(num_pr.find(f"{_W}ilvl")), 0, high=_MAX_LEVEL)
                name = _val(style.find(f"{_W}name")) or ""
                named = re.search(r"^List (?:Bullet|Number|Continue)\s+(\d)$", name, re.I)
                if named:
                    level = min(max(level, int(named.group(1)) - 1), _MAX_LEVEL)
                return num_id, level
        return None

    def heading_level(self, style_id: str | None) -> int:
        """1 for a "Title" or "Heading 1" paragraph, 2 for "Heading 2" …; 0 for body text."""
        for style in self._chain(style_id):
            name = (_val(style.find(f"{_W}name")) or "").strip().lower()
            if name == "title":
                return 1
            named = re.fullmatch(r"heading\s*([1-6])", name)
            if named:
                return int(named.group(1))
            outline = _val(style.find(f"{_W}pPr/{_W}outlineLvl"))
            if outline is not None:
                return _int(outline, 9, high=9) + 1 if _int(outline, 9, high=9) < 6 else 0
        return 0

    def is_title(self, style_id: str | None) -> bool:
        """A "Title" paragraph: the document's title, above every heading."""
        return any(
            (_val(style.find(f"{_W}name")) or "").strip().lower() == "title"
            for style in self._chain(style_id)
        )

    def is_bold(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            bold = style.find(f"{_W}rPr/{_W}b")
            if bold is not None:
                return (_val(bold) or "true").lower() not in _OFF
        return False


@dataclass
class _Paragraph:
    lines: list[list[tuple[str, bool]]]
    numbered: tuple[str, int] | None
    bullet: bool
    label: str


class _WordReader:
    def __init__(self, document: Any) -> None:
        part = document.part
        self.styles = _Styles(_element_of(lambda: part.styles.element))
        self.numbering = _Numbering(_element_of(lambda: part.numbering_part.element))
        self.body = document.element.body
        self.titled = False
        """A "Title" paragraph was read: the headings below it nest under it."""

    def blocks(self) -> Iterator[Any]:
        """Paragraphs and tables of the body, in document order, each paragraph followed by
        the text boxes anchored in it (a plan on a page drawn as boxes)."""
        wanted = {f"{_W}p", f"{_W}tbl"}
        for block in _unwrapped(self.body, wanted):
            yield block
            if block.tag == f"{_W}p":
                for box in _text_boxes(block):
                    yield from _unwrapped(box, wanted)

    def paragraph(self, p: Any) -> _Paragraph:
        lines: list[list[tuple[str, bool]]] = [[]]
        self._runs(p, lines)
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        numbered: tuple[str, int] | None = None
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId"))
            level = _int(_val(num_pr.find(f"{_W}ilvl")), 0, high=_MAX_LEVEL)
            if num_id is None:
                style_numbering = self.styles.numbering(self._style_id(p))
                num_id = style_numbering[0] if style_numbering else None
            if num_id and num_id != "0":
                numbered = (num_id, level)
        else:
            numbered = self.styles.numbering(self._style_id(p))
            if numbered and numbered[0] == "0":
                numbered = None
        bullet = numbered is not None and self.numbering.is_bullet(*numbered)
        label = ""
        if numbered is not None and not bullet:
            label = self.numbering.label(*numbered)
        return _Paragraph(lines, numbered, bullet, label)

    def _style_id(self, p: Any) -> str | None:
        return _val(p.find(f"{_W}pPr/{_W}pStyle"))

    def _runs(self, element: Any, lines: list[list[tuple[str, bool]]]) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{_W}r":
                bold = self._run_bold(child)
                for node in child:
                    ntag = node.tag
                    if ntag == f"{_W}t":
                        lines[-1].append((node.text or "", bold))
                    elif ntag == f"{_W}tab" or ntag == f"{_W}ptab":
                        lines[-1].append(("\t", bold))
                    elif ntag == f"{_W}br":
                        if (node.get(f"{_W}type") or "textWrapping") == "textWrapping":
                            lines.append([])
                    elif ntag == f"{_W}cr":
                        lines.append([])
                    elif ntag == f"{_W}noBreakHyphen":
                        lines[-1].append(("-", bold))
            elif tag in {f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_MC}AlternateContent"}:
                continue  # deleted text; text boxes (read after the paragraph) and drawings
            elif _unfilled(child):
                continue
            elif isinstance(tag, str) and (tag.startswith(_W) or tag.startswith(_MC)):
                # hyperlinks, insertions, fields, content controls, smart tags …
                self._runs(child, lines)

    def _run_bold(self, run: Any) -> bool:
        props = run.find(f"{_W}rPr")
        if props is None:
            return False
        bold = props.find(f"{_W}b")
        if bold is not None:
            return (_val(bold) or "true").lower() not in _OFF
        return self.styles.is_bold(_val(props.find(f"{_W}rStyle")))

    def prose_lines(self, p: Any) -> list[str]:
        para = self.paragraph(p)
        texts = [
            re.sub(r"\s+", " ", "".join(t for t, _ in line).replace("\u00a0", " ")).strip()
            for line in para.lines
        ]
        if not any(texts):
            return [para.label] if para.label else [""]
        style = self._style_id(p)
        level = self.styles.heading_level(style)
        if self.styles.is_title(style):
            self.titled = True
        elif level and self.titled:
            level = min(level + 1, 6)  # "Heading 1" under the document's "Title"
        if level and para.numbered is None and len([t for t in texts if t]) == 1:
            # A Word heading: "## Workstream A" keeps its level for the sections' nesting
            return ["#" * level + " " + _escape(next(t for t in texts if t))]
        out: list[str] = []
        first = True
        for text in texts:
            if not text:
                continue
            text = _escape(text)
            if first and para.numbered is not None:
                level = para.numbered[1]
                text = ("  " * level + "- " + text) if para.bullet else f"{para.label} {text}"
            out.append(text)
            first = False
        return out

    def table_lines(self, tbl: Any) -> Iterator[str]:
        """A table's rows TAB-joined; a table inside a cell (a workstream's own table of
        actions) is read as rows of its own after the row that holds it."""
        rows = list(self._table_rows(tbl))
        for cells, inner in zip(_shading_as_rag([row[:2] for row in rows]), rows, strict=True):
            if inner[2]:  # the row heads its own table: its first cell, across the table
                cells = [next((c for c in cells if c), ""), *("" for _ in cells[1:])]
            if any(cells):
                yield "\t".join(cells)
            for table in inner[2]:
                yield from self.table_lines(table)

    def _table_rows(self, tbl: Any) -> Iterator[tuple[list[str], list[str | None], list[Any]]]:
        """Each row's cells (a merged cell's text once, empty cells where it spans), the
        RAG colour each cell is shaded with, and the tables inside its cells."""
        for tr in _unwrapped(tbl, {f"{_W}tr"}):
            cells: list[str] = []
            fills: list[str | None] = []
            inner: list[Any] = []
            before = _int(_val(tr.find(f"{_W}trPr/{_W}gridBefore")), 0, high=_MAX_SPAN)
            after = _int(_val(tr.find(f"{_W}trPr/{_W}gridAfter")), 0, high=_MAX_SPAN)
            cells.extend("" for _ in range(before))
            fills.extend(None for _ in range(before))
            for tc in _unwrapped(tr, {f"{_W}tc"}):
                span = _int(_val(tc.find(f"{_W}tcPr/{_W}gridSpan")), 1, 1, _MAX_SPAN)
                merge = tc.find(f"{_W}tcPr/{_W}vMerge")
                continues_above = merge is not None and (_val(merge) or "continue") != "restart"
                text = "" if continues_above else self.cell_html(tc)
                inner.extend(_unwrapped(tc, {f"{_W}tbl"}))
                cells.append(text)
                fills.append(rag_of_fill(_val(tc.find(f"{_W}tcPr/{_W}shd"), "fill")))
                cells.extend("" for _ in range(max(span, 1) - 1))
                fills.extend(None for _ in range(max(span, 1) - 1))
            cells.extend("" for _ in range(after))
            fills.extend(None for _ in range(after))
            yield cells, fills, inner

    def cell_html(self, tc: Any) -> str:
        blocks: list[_Block] = []
        for element in _unwrapped(tc, {f"{_W}p", f"{_W}tbl"}):
            if element.tag == f"{_W}tbl":
                continue  # a table inside a cell: rows of its own (table_lines)
            para = self.paragraph(element)
            kind = "li" if para.numbered is not None else "p"
            level = para.numbered[1] + 1 if para.numbered is not None else 0
            has_text = any(t.strip() for line in para.lines for t, _ in line)
            if not has_text and para.label:
                blocks.append(_Block("p", 0, [(para.label, False)]))
                continue
            if kind == "li":  # a line break inside a list item does not end the item
                joined = [seg for line in para.lines for seg in [*line, (" ", False)]]
                blocks.append(_Block(kind, level, joined))
                continue
            for line in para.lines:
                blocks.append(_Block(kind, level, list(line)))
        return _render_cell(blocks)


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes drawn from a paragraph, top to bottom and left to right on the page.

    Word saves a text box twice, as a drawing and as an older shape to fall back on: the
    fallback's copy is left out."""
    boxes: list[tuple[int, int, int, Any]] = []
    for number, box in enumerate(paragraph.iter(f"{_W}txbxContent")):
        ancestor = box.getparent()
        anchor = None
        while ancestor is not None and ancestor is not paragraph:
            if ancestor.tag == f"{_MC}Fallback":
                break
            if anchor is None and ancestor.tag == f"{_WP}anchor":
                anchor = ancestor
            ancestor = ancestor.getparent()
        else:
            boxes.append((*_box_place(anchor), number, box))
    return [box for *_, box in sorted(boxes, key=lambda b: b[:3])]


def _box_place(anchor: Any) -> tuple[int, int]:
    """Where a floating box is put (its offsets down and across), 0 where unsaid."""
    if anchor is None:
        return 0, 0
    down = anchor.find(f"{_WP}positionV/{_WP}posOffset")
    across = anchor.find(f"{_WP}positionH/{_WP}posOffset")
    return (
        _int(down.text if down is not None else None, 0, low=-(10**9), high=10**9),
        _int(across.text if across is not None else None, 0, low=-(10**9), high=10**9),
    )


def _element_of(get: Callable[[], Any]) -> Any:
    try:
        return get()
    except (KeyError, AttributeError, NotImplementedError, ValueError):
        return None


def _unwrapped(parent: Any, wanted: set[str]) -> Iterator[Any]:
    """Children of ``parent`` with a wanted tag, looking inside content controls (but not
    one showing its placeholder, nor a table of contents)."""
    for child in parent:
        if child.tag in wanted:
            yield child
        elif child.tag in _WRAPPERS and not _unfilled(child):
            yield from _unwrapped(child, wanted)


def _unfilled(control: Any) -> bool:
    """A content control still showing its placeholder ("Click or tap to enter a date."),
    or Word's table of contents (the headings again, with page numbers): no plan text."""
    if control.tag != f"{_W}sdt":
        return False
    props = control.find(f"{_W}sdtPr")
    if props is None:
        return False
    if props.find(f"{_W}showingPlcHdr") is not None:
        return (_val(props.find(f"{_W}showingPlcHdr")) or "true").lower() not in _OFF
    gallery = _val(props.find(f"{_W}docPartObj/{_W}docPartGallery"))
    return (gallery or "").lower() == "table of contents"


def _read_docx(data: bytes, name: str, progress: Progress | None) -> str:
    """The body in order: paragraphs as lines, tables as TAB-joined rows."""
    import docx  # imported here: slow, and only for Word files
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as error:
        if "content type" in str(error):
            raise DocumentImportError(
                f"{name} is a Word file of a kind that cannot be read (a template or a "
                "macro-enabled document): save it as a plain .docx and import that."
            ) from error
        raise DocumentImportError(_damaged_word(name, error)) from error
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, SyntaxError) as error:
        raise DocumentImportError(_damaged_word(name, error)) from error
    except Exception as error:  # lxml and python-docx raise many types for damaged files
        raise DocumentImportError(_damaged_word(name, error)) from error
    limit = _TextLimit(name)
    lines: list[str] = []
    try:
        reader = _WordReader(document)
        blocks = list(reader.blocks())
        for number, block in enumerate(blocks):
            if progress and number % 50 == 0:
                progress(number, len(blocks))
            if block.tag == f"{_W}tbl":
                lines.extend(limit.add(line) for line in reader.table_lines(block))
                lines.append("")
            else:
                lines.extend(limit.add(line) for line in reader.prose_lines(block))
        if progress:
            progress(len(blocks), len(blocks))
    except DocumentImportError:
        raise
    except Exception as error:
        raise DocumentImportError(_damaged_word(name, error)) from error
    return "\n".join(lines)


def _damaged_word(name: str, error: BaseException) -> str:
    return (
        f"{name} is damaged: it looks like a Word document but cannot be opened ({_reason(error)})."
    )


def _read_pptx(data: bytes, name: str, progress: Progress | None) -> str:
    """The slides as a person reads them (``slides.py``)."""
    from .slides import read_slides  # imported here: it builds on this module's cell forms

    with _open_zip(data, name) as archive:
        return read_slides(archive, name, progress)


# --- PDF ------------------------------------------------------------------------------------

_BULLET_GLYPHS = "•◦▪▫■□●○‣⁃∙·➢➤►▶✓✔☐☑◆◇"
"""Glyphs that start a list item. A dash does not: councils write "to: - a - b" in running
text, and a dash at a line's start is kept as printed (the parser reads dashed lines)."""
_BOLD_FONT_RE = re.compile(r"bold|black|heavy|semibold|demi", re.I)


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Line:
    words: list[_Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    def bullet(self) -> bool:
        """Whether a glyph opens the line's words; a glyph alone is a mark (a Gantt chart's
        "■" in a month's cell), no bullet of nothing."""
        alone = len(self.words) == 1 and len(self.words[0].text) == 1
        return self.words[0].text[0] in _BULLET_GLYPHS and not alone


@dataclass
class _Para:
    lines: list[_Line]
    bullet: bool
    level: int = 0

    @property
    def top(self) -> float:
        return self.lines[0].top

    def segments(self) -> list[tuple[str, bool]]:
        """The words as text runs (bold or not): a space between words that do not touch,
        wrapped lines rejoined with a space (no space after a hyphen at a line's end)."""
        out: list[tuple[str, bool]] = []
        previous: _Word | None = None
        for line_number, line in enumerate(self.lines):
            words = list(line.words)
            if line_number == 0 and self.bullet:
                first = words[0]
                rest = first.text[1:].lstrip()
                words = words[1:] if not rest else [_replace_text(first, rest), *words[1:]]
            for index, word in enumerate(words):
                if previous is not None:
                    if index == 0:
                        gap = "" if _joins_without_space(previous.text, word.text) else " "
                    else:
                        gap = " " if word.x0 - previous.x1 > 0.15 * word.size else ""
                    if gap:
                        out.append((gap, previous.bold and word.bold))
                out.append((word.text, word.bold))
                previous = word
        return out

    def text(self) -> str:
        return "".join(t for t, _ in self.segments())


def _joins_without_space(before: str, after: str) -> bool:
    """A line wrapped after a hyphen or slash inside a word ("long-" / "term")."""
    return len(before) > 1 and before[-1] in "-/" and before[-2].isalnum() and after[:1].isalnum()


def _replace_text(word: _Word, text: str) -> _Word:
    return _Word(text, word.x0, word.x1, word.top, word.bottom, word.size, word.bold)


def _lines_of(words: list[_Word]) -> list[_Line]:
    """Words grouped into lines (close tops), each line left to right, lines top down."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines and abs(word.top - lines[-1].words[0].top) <= max(2.0, 0.3 * word.size):
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _paragraphs(lines: list[_Line], right: float) -> list[_Para]:
    """Lines joined into paragraphs where they only wrap.

    A line starts a new paragraph after a gap wider than half a line, when it starts with a
    bullet, when its font size changes, or when its first word would have fitted at the end
    of the line before (so the line before was ended on purpose)."""
    paras: list[_Para] = []
    for line in lines:
        bullet = line.bullet()
        if paras:
            prev = paras[-1].lines[-1]
            height = max(prev.bottom - prev.top, 1.0)
            first = line.words[0]
            fits = prev.x1 + 0.3 * first.size + (first.x1 - first.x0) < right - 1
            if (
                line.top - prev.bottom <= 0.5 * height
                and not bullet
                and abs(line.size - prev.size) <= 0.6
                and not fits
            ):
                paras[-1].lines.append(line)
                continue
        paras.append(_Para([line], bullet))
    bullet_x = sorted({round(p.lines[0].x0 / 4) for p in paras if p.bullet})
    for para in paras:
        if para.bullet:
            para.level = bullet_x.index(round(para.lines[0].x0 / 4))
    return paras


@dataclass
class _PageItem:
    top: float
    bottom: float
    lines: list[str]
    prose: str | None = None  # the text of a prose paragraph, to find running headers
    order: tuple[float, ...] | None = None
    """Where it is read: a column's paragraphs after the column to its left, top down."""


def _read_pdf(data: bytes, name: str, progress: Progress | None) -> str:
    """Per page, in reading order: tables (rows TAB-joined) and the paragraphs around them.

    Lines that repeat at the top or bottom of most pages (running headers and footers) are
    dropped."""
    import pdfplumber  # imported here: slow, and only for PDFs

    # pdfminer logs a warning for every malformed operator of a damaged file; the reader
    # reports damage itself, in one message.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    _check_pdf_streams(data, name)
    limit = _TextLimit(name)
    pages: list[tuple[float, list[_PageItem]]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages):
                if progress:
                    progress(number, total)
                items = _pdf_page(page)
                for item in items:
                    for line in item.lines:
                        limit.add(line)
                pages.append((float(page.height), items))
                page.close()
            if progress:
                progress(total, total)
    except DocumentImportError:
        raise
    except Exception as error:  # pdfminer raises many types for damaged or locked files
        if "password" in repr(error).lower() or "encrypt" in repr(error).lower():
            raise DocumentImportError(
                f"{name} is password-protected: remove the password and import it again."
            ) from error
        raise DocumentImportError(
            f"{name} is damaged: it looks like a PDF but cannot be read ({_reason(error)})."
        ) from error
    if not any(items for _, items in pages):
        raise DocumentImportError(
            f"{name} has no text that can be read: it may be a scanned image. Import the "
            "original Word or Excel document instead."
        )
    running = _running_lines(pages)
    out: list[str] = []
    for _, items in pages:
        for item in items:
            if item.prose is not None and _page_key(item.prose) in running:
                continue
            out.extend(_UNMAPPED_GLYPH_RE.sub(_glyph, line) for line in item.lines)
        out.append("")
    return "\n".join(out)


_UNMAPPED_GLYPH_RE = re.compile(r"(?P<opens>^\s*|\t\s*|<br>\s*)?\(cid:\d{1,5}\)\s*")
"""A glyph the PDF's font gives no character for, which pdfminer writes "(cid:127)": a bullet
where it opens a line or a cell (a symbol font's bullet, as Word's PDFs embed it), else
nothing."""


def _glyph(match: re.Match[str]) -> str:
    return f"{match['opens']}\u2022 " if match["opens"] is not None else " "


_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")


def _check_pdf_streams(data: bytes, name: str) -> None:
    """Refuse a PDF whose compressed streams would expand past the zip limit (200 MB).

    pdfminer inflates each stream whole, in memory; here they are inflated a piece at a
    time and only counted, before pdfminer sees them."""
    total = 0
    view = memoryview(data)
    for match in _STREAM_RE.finditer(data):
        end = data.find(b"endstream", match.end())
        inflater = zlib.decompressobj()
        pending: bytes | memoryview = view[match.end() : end if end >= 0 else len(data)]
        try:
            while pending:
                total += len(inflater.decompress(pending, 16 * _MB))
                if total > MAX_UNCOMPRESSED_BYTES:
                    raise DocumentImportError(
                        f"{name} would expand to more than {MAX_UNCOMPRESSED_BYTES // _MB} MB, "
                        "as a decompression bomb does: it was not opened."
                    )
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # not a Flate stream, or damaged: pdfminer will say so


def _page_key(text: str) -> str:
    """Running headers repeat exactly; page numbers ("Page 3 of 12", "- 3 -") differ only in
    their digits."""
    key = text.strip().lower()
    if re.fullmatch(r"(?:page\s*)?[\d\s\-–/|]*(?:of\s*\d+)?[\s\-–]*", key) or (
        "page" in key and len(key) <= 40
    ):
        return re.sub(r"\d+", "#", key)
    return key


def _running_lines(pages: list[tuple[float, list[_PageItem]]]) -> set[str]:
    """Texts at the top or bottom of most pages (of every page of a two-page document)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for height, items in pages:
        keys = {
            _page_key(item.prose)
            for item in items
            if item.prose is not None and (item.top < 0.08 * height or item.bottom > 0.92 * height)
        }
        counts.update(keys)
    least = min(3, len(pages))
    return {key for key, count in counts.items() if count >= least and count * 2 > len(pages)}


def _pdf_page(page: Any) -> list[_PageItem]:
    """A page's tables (one TAB-joined line a row) and paragraphs, top to bottom."""
    words = _pdf_words(page)
    tables = _outer_tables(page)
    in_cells, prose = _sort_words(words, tables)
    cards = [t for t in tables if _a_card(t, in_cells[id(t)], float(page.width))]
    if cards:
        tables = [t for t in tables if t not in cards]
        in_cells, prose = _sort_words(words, tables)
    items = [_table_item(table, in_cells[id(table)]) for table in tables]
    found = [item for item in items if item is not None]
    tops = [float(table.bbox[1]) for table in tables]
    found.extend(_prose_items(prose, float(page.width), tops))
    found.sort(key=lambda item: item.order or (item.top,))
    return found


def _a_card(table: Any, cells: _Cells, page_width: float) -> bool:
    """A frame with text in one cell, narrower than half the page, is a card drawn round text
    (a roadmap's card, a box among boxes), read with the text around it; a wider one is a
    panel, read as a table's row."""
    return len(cells) < 2 and _narrow(table, page_width)


def _narrow(table: Any, page_width: float) -> bool:
    """A frame narrower than half the page: one among others side by side."""
    return float(table.bbox[2] - table.bbox[0]) < page_width / 2


def _pdf_words(page: Any) -> list[_Word]:
    """The page's words with their place, size and weight (bold marks headings and labels),
    and the list bullets a browser draws as small dark discs or squares, as "•"."""
    words = _printed_words(page)
    return [*_drawn_bullets(page, words), *words]


def _drawn_bullets(page: Any, words: list[_Word]) -> list[_Word]:
    """A small dark disc or square just left of a line's first word, as a web page printed
    to PDF draws a list's bullets: the line is a list item. A coloured dot (a RAG) is not."""
    bullets: list[_Word] = []
    by_top = sorted(words, key=lambda w: w.top)
    tops = [w.top for w in by_top]
    tallest = max((w.bottom - w.top for w in words), default=0.0)
    for shape in [*page.curves, *page.rects]:
        width, height = float(shape["x1"] - shape["x0"]), float(shape["bottom"] - shape["top"])
        if not (1.5 <= width <= 6 and abs(width - height) <= 1 and shape.get("fill")):
            continue
        if not _dark(shape.get("non_stroking_color")):
            continue
        middle = (float(shape["top"]) + float(shape["bottom"])) / 2
        near = by_top[
            bisect.bisect_left(tops, middle - tallest) : bisect.bisect_right(tops, middle)
        ]
        level = [w for w in near if w.top <= middle <= w.bottom]  # the words of its line
        beside = [w for w in level if 0 < w.x0 - float(shape["x1"]) <= 2.5 * w.size]
        if beside and not any(
            w.x1 <= float(shape["x0"]) + 0.5 and float(shape["x0"]) - w.x1 < 2 * w.size
            for w in level
        ):
            first = min(beside, key=lambda w: w.x0)
            bullets.append(
                _Word(
                    "\u2022",
                    float(shape["x0"]),
                    float(shape["x1"]),
                    first.top,
                    first.bottom,
                    first.size,
                    False,
                )
            )
    return bullets


def _dark(colour: Any) -> bool:
    """A fill colour that is black or a dark grey (a bullet), not a colour (a RAG dot)."""
    values = colour if isinstance(colour, tuple | list) else (colour,)
    numbers = [float(v) for v in values if isinstance(v, int | float)]
    if len(numbers) == 1:
        return numbers[0] <= 0.4
    if len(numbers) == 3:
        return max(numbers) <= 0.4 and max(numbers) - min(numbers) <= 0.1
    if len(numbers) == 4:  # CMYK: dark where black is high
        return numbers[3] >= 0.6 and max(numbers[:3]) <= 0.2
    return False


def _printed_words(page: Any) -> list[_Word]:
    return [
        _Word(
            str(w["text"]),
            float(w["x0"]),
            float(w["x1"]),
            float(w["top"]),
            float(w["bottom"]),
            float(w.get("size") or 10.0),
            bool(_BOLD_FONT_RE.search(str(w.get("fontname") or ""))),
        )
        for w in page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
        if str(w["text"]).strip()
    ]


def _outer_tables(page: Any) -> list[Any]:
    """The page's tables with rows, less those inside another (read as that one's cells).

    A frame of one column round other frames (a poster's border) or narrower than half the
    page (a column of cards) is drawn round text, and read as text."""
    found = [t for t in page.find_tables() if t.rows]
    tables = [
        t
        for t in found
        if any(len(row.cells) > 1 for row in t.rows)
        or not (
            _narrow(t, float(page.width))
            or any(o is not t and _inside(o.bbox, t.bbox) for o in found)
        )
    ]
    return [t for t in tables if not any(o is not t and _inside(t.bbox, o.bbox) for o in tables)]


_Cells = dict[tuple[int, int], list[_Word]]


def _sort_words(words: list[_Word], tables: list[Any]) -> tuple[dict[int, _Cells], list[_Word]]:
    """Words by table and cell (row, column), and the words outside every table (prose).

    A word inside a table's frame but in none of its cells is a stray, and is dropped."""
    in_cells: dict[int, _Cells] = {id(t): {} for t in tables}
    prose: list[_Word] = []
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        table = next((t for t in tables if _contains(t.bbox, cx, cy)), None)
        if table is None:
            prose.append(word)
            continue
        at = _cell_at(table, cx, cy)
        if at is not None:
            in_cells[id(table)].setdefault(at, []).append(word)
    return in_cells, prose


def _cell_at(table: Any, x: float, y: float) -> tuple[int, int] | None:
    """The (row, column) of the first cell of the table that holds the point."""
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell is not None and _contains(cell, x, y):
                return r, c
    return None


def _table_item(table: Any, cells_of: _Cells) -> _PageItem | None:
    """A table as TAB-joined rows, leaving out empty rows; None when every row is empty."""
    lines: list[str] = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, cell in enumerate(row.cells):
            found = cells_of.get((r, c), [])
            cells.append(_pdf_cell(found, cell) if cell is not None else "")
        if any(cells):
            lines.append("\t".join(cells))
    if not lines:
        return None
    return _PageItem(float(table.bbox[1]), float(table.bbox[3]), lines)


def _prose_items(
    prose: list[_Word], page_width: float, table_tops: Sequence[float] = ()
) -> list[_PageItem]:
    """The words outside tables as paragraphs; bullets as "- " lines indented by level.

    Text set in columns side by side (boxes on a plan on a page, a roadmap's quarters, a
    report's two columns) is read a column at a time. Wrapping is judged against the widest
    prose line, or 90% of the page's width if wider; in a column, against the column's."""
    prose_lines = _lines_of(prose)
    right = page_width * 0.9
    if prose_lines:
        right = max(max(line.x1 for line in prose_lines), right)
    return _ordered_items(prose_lines, right, page_width, table_tops, ())


def _ordered_items(
    lines: list[_Line],
    right: float,
    page_width: float,
    table_tops: Sequence[float],
    order: tuple[float, ...],
) -> list[_PageItem]:
    """Paragraphs in reading order: a run set in columns a column at a time, each column
    read the same way (a band of columns inside a column), to four levels."""
    items: list[_PageItem] = []
    grid: _Grid | None = None
    for run in _column_runs(lines, page_width, table_tops):
        columns = _columns_of(run, page_width) if len(order) < 8 else None
        if columns is None:
            tabled, grid = _borderless_items(run, grid)
            for item in tabled or _paragraph_items(run, right):
                item.order = (*order, item.top)
                items.append(item)
            continue
        grid = None
        for number, column in enumerate(columns):
            column_lines = _lines_of(column)
            column_right = max(line.x1 for line in column_lines)
            at = (*order, run[0].top, number)
            items.extend(_ordered_items(column_lines, column_right, page_width, table_tops, at))
    return items


@dataclass
class _Grid:
    """The columns of a table printed without borders (a word processor's tab stops, a
    dashboard tile's "Key actions  Due  Status"), where its header line puts them."""

    header: _Line
    width: float
    """The least gap between columns."""

    @property
    def starts(self) -> list[float]:
        return [stretch[0].x0 for stretch in _stretches(self.header, self.width)]

    def fits(self, lines: list[_Line]) -> bool:
        """Whether every stretch of words starts under a column (the table goes on)."""
        starts = self.starts
        return all(
            any(abs(x - start) <= 6 for start in starts)
            for line in lines
            for x in _stretch_starts(line, self.width / 2)
        )

    def rows(self, lines: list[_Line], above: _Line | None) -> list[str]:
        """The lines as TAB-joined rows: each stretch in the column it starts under, a
        row's wrapped lines joined where they stand closer than the rows do."""
        starts = self.starts
        names = _stretches(self.header, self.width)
        bounds = [(a[-1].x1 + b[0].x0) / 2 for a, b in itertools.pairwise(names)]
        gaps = [b.top - a.bottom for a, b in itertools.pairwise([above or lines[0], *lines])]
        wrap = min(gaps[1:] if above is None else gaps, default=0.0)
        apart = wrap + 3 if gaps and max(gaps) - wrap >= 3 else float("-inf")
        rows: list[list[list[str]]] = []
        for number, (line, gap) in enumerate(zip(lines, gaps, strict=True)):
            if not rows or gap > apart or (number == 0 and above is None):
                rows.append([[] for _ in range(len(bounds) + 1)])
            column = 0
            for before, word in zip([None, *line.words], line.words, strict=False):
                if before is None or _cell_starts(before, word, starts, self.width):
                    column = bisect.bisect(bounds, word.x0)
                rows[-1][column].append(word.text)
        return ["\t".join(_escape(" ".join(cell)) for cell in row) for row in rows]


def _cell_starts(before: _Word, word: _Word, starts: list[float], width: float) -> bool:
    """A word after a gap of half a gutter, or one after more than a space starting just
    under a column's name."""
    gap = word.x0 - before.x1
    wide = gap > 0.35 * word.size and any(abs(word.x0 - x) <= 3 for x in starts)
    return gap >= width / 2 or wide


def _borderless_items(run: list[_Line], grid: _Grid | None) -> tuple[list[_PageItem], _Grid | None]:
    """A run's items where it is (or goes on) a table printed without borders: the
    paragraphs above its header line, then its rows; the table's grid, to go on with."""
    width = _gutter_width(run)
    at = next((n for n, line in enumerate(run) if _names_columns(line, width)), None)
    if at is None:
        if grid is not None and grid.fits(run):
            return [_PageItem(run[0].top, run[-1].bottom, grid.rows(run, None))], grid
        return [], None
    grid = _Grid(run[at], width)
    header = "\t".join(" ".join(w.text for w in s) for s in _stretches(run[at], width))
    lines = [header, *grid.rows(run[at + 1 :], run[at])] if at + 1 < len(run) else [header]
    above = _paragraph_items(run[:at], max((line.x1 for line in run[:at]), default=0.0))
    return [*above, _PageItem(run[at].top, run[-1].bottom, lines)], grid


def _paragraph_items(lines: list[_Line], right: float) -> list[_PageItem]:
    items: list[_PageItem] = []
    for para in _paragraphs(lines, right):
        text = _escape(re.sub(r"\s+", " ", para.text()).strip())
        if not text:
            continue
        if para.bullet:
            text = "  " * para.level + "- " + text
        items.append(_PageItem(para.top, para.lines[-1].bottom, [text], prose=text))
    return items


def _gutter_width(lines: Sequence[_Line]) -> float:
    """The least gap between columns: wider than any space between words (1.2 em)."""
    sizes = sorted(w.size for line in lines for w in line.words)
    return 1.2 * sizes[len(sizes) // 2]


def _free_after(free: list[tuple[float, float]], line: _Line) -> list[tuple[float, float]]:
    """The stretches of the page no word of ``line`` covers, within ``free``."""
    for word in line.words:
        kept: list[tuple[float, float]] = []
        for a, b in free:
            if word.x1 <= a or word.x0 >= b:
                kept.append((a, b))
                continue
            if word.x0 > a:
                kept.append((a, word.x0))
            if word.x1 < b:
                kept.append((word.x1, b))
        free = kept
    return free


def _gutters(free: list[tuple[float, float]], width: float, page_width: float) -> list[float]:
    """The middles of the free stretches between words (not the margins) at least ``width``."""
    return [(a + b) / 2 for a, b in free if a > 0 and b < page_width and b - a >= width]


@dataclass
class _Run:
    """Lines read together: set in columns throughout, or not."""

    width: float
    """The least gap between columns."""
    page_width: float
    lines: list[_Line] = field(default_factory=list)
    free: list[tuple[float, float]] = field(default_factory=list)
    """Where no word of these lines stands."""
    starts: list[float] = field(default_factory=list)
    """Where each stretch of words begins (a line's first word, a word after a gutter)."""

    def add(self, line: _Line, free: list[tuple[float, float]] | None = None) -> None:
        self.lines.append(line)
        self.free = free if free is not None else _free_after(self.free, line)
        self.starts.extend(_stretch_starts(line, self.width))

    def gutters(self, free: list[tuple[float, float]] | None = None) -> list[float]:
        return _gutters(self.free if free is None else free, self.width, self.page_width)

    def take(self, line: _Line) -> bool:
        """Add the line when it goes on in the run's columns (or the run has none and nor
        has the line): a line that crosses every gutter, or starts left of the column it
        falls in (a paragraph below the columns), does not."""
        after = _free_after(self.free, line)
        if not self.gutters():
            if _line_gutters(line, self.width):
                return False
        else:
            cuts = self.gutters(after)
            lefts: dict[int, float] = {}
            for x in self.starts:
                column = bisect.bisect(cuts, x)
                lefts[column] = min(lefts.get(column, x), x)
            starts = _stretch_starts(line, self.width)
            if not cuts or any(x < lefts.get(bisect.bisect(cuts, x), x) - 3 for x in starts):
                return False
        self.add(line, after)
        return True


def _new_run(lines: list[_Line], width: float, page_width: float) -> _Run:
    run = _Run(width, page_width, free=[(0.0, page_width)])
    for line in lines:
        run.add(line)
    return run


def _column_runs(
    lines: list[_Line], page_width: float, table_tops: Sequence[float]
) -> list[list[_Line]]:
    """The lines cut into runs that are either set in columns throughout (a gutter no word
    crosses in any of them) or not.

    The lines are first cut into bands where blank space or a table parts them, and a band
    that goes on in the columns of the band above joins it (the foot of a longer column; a
    row of boxes whose headings all end at one height). A band whose columns a line crosses
    (a heading across a two-column page) is cut line by line."""
    if not lines:
        return []
    width = _gutter_width(lines)
    runs: list[list[_Line]] = []
    for band in _bands(lines, width, page_width, table_tops):
        if len(band) > 1 and _new_run(band, width, page_width).gutters():
            if runs and _heads_the_columns(runs[-1][-1], band, width, page_width):
                band = [runs[-1].pop(), *band]  # "Achievements … Next steps" over the boxes
                if not runs[-1]:
                    runs.pop()
            runs.append(band)
            continue
        line_runs: list[_Run] = []
        for line in band:
            if not (line_runs and line_runs[-1].take(line)):
                line_runs.append(_new_run([line], width, page_width))
        runs.extend(run.lines for run in line_runs)
    return runs


def _heads_the_columns(line: _Line, band: list[_Line], width: float, page_width: float) -> bool:
    """Whether a line parted by a gutter heads the columns of the band below it, across
    a blank (side-by-side boxes' titles on one line, under a heading across the page)."""
    if not _line_gutters(line, width):
        return False
    trial = _new_run([line], width, page_width)
    return all(trial.take(below) for below in band)


def _bands(
    lines: list[_Line], width: float, page_width: float, table_tops: Sequence[float]
) -> list[list[_Line]]:
    """Lines parted by a blank line's height or a table, a band joined to the one above
    when each of its lines goes on in that one's columns."""
    height = sorted(line.bottom - line.top for line in lines)[len(lines) // 2]
    bands: list[list[_Line]] = []
    for line in lines:
        previous = bands[-1][-1] if bands else None
        if previous is not None and not _parted(previous, line, height, table_tops):
            bands[-1].append(line)
        else:
            bands.append([line])
    joined: list[_Run] = []
    for band in bands:
        above = joined[-1] if joined else None
        if (
            above is not None
            and above.gutters()
            and not _parted(above.lines[-1], band[0], 0.0, table_tops)
        ):
            trial = _new_run(above.lines, width, page_width)
            if all(trial.take(line) for line in band):
                joined[-1] = trial
                continue
        joined.append(_new_run(band, width, page_width))
    return [run.lines for run in joined]


def _parted(above: _Line, below: _Line, gap: float, table_tops: Sequence[float]) -> bool:
    if any(above.bottom <= top <= below.top for top in table_tops):
        return True
    return gap > 0 and below.top - above.bottom >= gap


def _stretches(line: _Line, width: float) -> list[list[_Word]]:
    """A line's words in stretches parted by a gutter's width or more."""
    out = [[line.words[0]]]
    for a, b in itertools.pairwise(line.words):
        if b.x0 - a.x1 >= width:
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _stretch_starts(line: _Line, width: float) -> list[float]:
    return [stretch[0].x0 for stretch in _stretches(line, width)]


def _names_columns(line: _Line, width: float) -> bool:
    """A table's header printed without borders ("Ref  Action  Lead  Due  Status")."""
    cells = [" ".join(w.text for w in stretch) for stretch in _stretches(line, width)]
    known = sum(1 for cell in cells if column_role(cell))
    return known >= 3 and 2 * known >= len(cells) and is_header_row(cells)


def _line_gutters(line: _Line, width: float) -> bool:
    return len(_stretch_starts(line, width)) > 1


def _columns_of(run: list[_Line], page_width: float) -> list[list[_Word]] | None:
    """A run's words by column, left to right, when it is set in columns of text: two lines
    or more, no line naming a table's columns (a tracker printed without borders is read
    across its rows), and two columns or more at least a seventh of the run's width and 100
    points wide once each narrower one (a tag beside a column's text, a tracker's Ref or Due
    column) is put with its neighbour. None otherwise."""
    width = _gutter_width(run)
    if len(run) < 2 or any(_names_columns(line, width) for line in run):
        return None
    left = min(line.x0 for line in run)
    right = max(line.x1 for line in run)
    cuts = _new_run(run, width, page_width).gutters()
    if not cuts:
        return None
    columns: list[list[_Word]] = [[] for _ in range(len(cuts) + 1)]
    for line in run:
        for word in line.words:
            columns[bisect.bisect(cuts, (word.x0 + word.x1) / 2)].append(word)
    columns = [c for c in columns if c]
    least = max(100.0, (right - left) / 7)
    while len(columns) > 1:
        narrow = next((n for n, c in enumerate(columns) if _span(c) < least), None)
        if narrow is None:
            return columns
        into = narrow - 1 if narrow else 1  # a tag beside a column's text (its RAG, a date)
        columns[into].extend(columns.pop(narrow))
    return None


def _span(words: list[_Word]) -> float:
    return max(w.x1 for w in words) - min(w.x0 for w in words)


def _pdf_cell(words: list[_Word], bbox: tuple[float, float, float, float]) -> str:
    if not words:
        return ""
    lines = _lines_of(words)
    left_pad = max(min(line.x0 for line in lines) - bbox[0], 1.0)
    blocks = []
    for para in _paragraphs(lines, bbox[2] - left_pad):
        if not para.bullet:
            blocks.append(_Block("p", 0, para.segments()))
            continue
        item = _Block("li", para.level + 1)
        blocks.append(item)
        for text, bold in para.segments():
            if len(text) == 1 and text in _BULLET_GLYPHS and item.segments:
                item = _Block("li", para.level + 1)  # "• a • b" on one line: two items
                blocks.append(item)
            else:
                item.segments.append((text, bold))
    return _render_cell(blocks)


def _contains(bbox: Sequence[float], x: float, y: float) -> bool:
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _inside(inner: Sequence[float], outer: Sequence[float]) -> bool:
    return (
        inner[0] >= outer[0] - 1
        and inner[1] >= outer[1] - 1
        and inner[2] <= outer[2] + 1
        and inner[3] <= outer[3] + 1
    )
