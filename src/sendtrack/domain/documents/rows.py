"""Text to lines and table rows.

Exported plans mix prose lines with tab-separated table rows. Page furniture ("Page 45 of
86", rules of dashes) is dropped here so that later stages see only content. Pipe tables
(``| a | b |``) are turned into the same cell lists as tab rows.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .text import BULLET_RE, RULE_RE, clean

__all__ = [
    "Line",
    "bracketed_actions",
    "is_page_footer",
    "is_rule_row",
    "rag_letters_moved",
    "without_contents_pages",
    "without_running_titles",
    "join_wrapped_pipe_rows",
    "nested_markdown_tables",
    "read_lines",
    "split_cells",
    "tab_indented_item",
]

_FOOTER_RE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|-\s*\d+\s*-)\s*$", re.I
)
_PIPE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass
class Line:
    """One physical line: ``kind`` is ``row`` (cells), ``text`` or ``blank``.

    ``bullet`` is set for text lines that start with a bullet glyph; ``level`` is their
    indentation depth (0 for top-level bullets).
    """

    kind: str
    text: str = ""
    cells: list[str] = field(default_factory=list)
    bullet: bool = False
    level: int = 0
    number: int = 0
    indents: tuple[int, ...] = ()
    """A tab row's spaces before each cell's words: an export's outline ("    1.1 …")."""


def is_page_footer(text: str) -> bool:
    """Page numbering lines such as "Page 45 of 86" or "12 / 40"."""
    return bool(_FOOTER_RE.match(text))


def is_rule_row(cells: list[str]) -> bool:
    """Rows made only of dashes or empty cells (table rules in text exports)."""
    return all(RULE_RE.match(c) for c in cells)


def tab_indented_item(line: str) -> bool:
    """A list item indented with tabs ("\t• Recruit five coordinators – HoS – April"), as
    slides and outlines save their bullets: no row, whose tabs would open empty cells."""
    rest = line.lstrip("\t")
    return rest != line and "\t" not in rest and BULLET_RE.match(rest) is not None


def split_cells(line: str) -> list[str] | None:
    """Cells of a tab-separated or pipe-table line, or None for prose."""
    if tab_indented_item(line):
        return None
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [c.strip() for c in stripped[1:-1].split("|")]
    return None


_MAX_WRAP = 8


def join_wrapped_pipe_rows(raw_lines: list[str]) -> list[tuple[int, str]]:
    """Rejoin a pipe-table row that an export wrapped over several physical lines.

    The row opens with ``|`` but does not close with one; the following lines (none
    blank, none opening a new ``|`` row) are its continuation, up to the line that closes
    with ``|``. Each result keeps the number of the row's first line. When no closing line
    follows within a few lines, the lines are left as they were."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(raw_lines):
        joined = _wrapped_pipe_row(raw_lines, i)
        if joined is not None:
            text, used = joined
            out.append((i, text))
            i += used
            continue
        out.append((i, raw_lines[i]))
        i += 1
    return out


def _wrapped_pipe_row(raw_lines: list[str], i: int) -> tuple[str, int] | None:
    """The row opening at line ``i`` joined with its continuation lines, and how many lines
    it used; None when line ``i`` is not an unclosed pipe row with a closing line below."""
    first = raw_lines[i].strip()
    if not (first.startswith("|") and not first.endswith("|") and first.count("|") >= 2):
        return None
    parts = [first]
    for j in range(i + 1, min(len(raw_lines), i + 1 + _MAX_WRAP)):
        nxt = raw_lines[j].strip()
        if not nxt or nxt.startswith("|"):
            return None
        parts.append(nxt)
        if nxt.endswith("|"):
            return " ".join(parts), j - i + 1
    return None


def without_running_titles(text: str) -> str:
    """The text without a table's title row repeated over each of its tables or pages (a
    published plan's "… Written Statement of Action – progress update" spanning the columns
    above every area's header): a running title, not a heading of what follows."""
    lines = text.split("\n")
    spanning = Counter(clean(line) for line in lines if _spans_the_table(line))
    repeated = {key for key, count in spanning.items() if count >= 3}
    if not repeated:
        return text
    return "\n".join(
        line for line in lines if not (_spans_the_table(line) and clean(line) in repeated)
    )


_PAGE_NUMBER_END_RE = re.compile(r"(?:\s*\.{2,}\s*|\s+)(?P<page>\d{1,3})\s*$")
"""A contents entry's page number, after dot leaders or a space ("… ........ 8", "… 5")."""
_LETTER_RE = re.compile(r"[A-Za-z]")


_BRACKETED_ACTION_RE = re.compile(
    r"\[\s*(?P<mark>action)\s*[:\u2013\u2014-]\s*(?P<text>[^\[\]]+?)\s*\]", re.I
)
"""An action marked where minutes record it: "[ACTION: JB to circulate … by 14 March]"."""


def bracketed_actions(text: str) -> str:
    """Minutes marking their actions in brackets inside a paragraph, the mark wrapped over
    lines as the paragraph is ("… slipped. [ACTION: CH to re-send the revised terms of" /
    "reference to health members by 6 March]"): the paragraph's words on, and each marked
    action after it on a line of its own ("ACTION: CH to re-send …"), as minutes that list
    them below the paragraph give them; a Markdown heading over the paragraph stays its own
    line. Tables and paragraphs with no mark as they are."""
    if "[" not in text or not _BRACKETED_ACTION_RE.search(text.replace("\n", " ")):
        return text
    out: list[str] = []
    for paragraph in re.split(r"(\n\s*\n)", text):
        lines = paragraph.split("\n")
        heads = list(itertools.takewhile(lambda line: line.lstrip().startswith("#"), lines))
        joined = " ".join(line.strip() for line in lines[len(heads) :])
        marks = list(_BRACKETED_ACTION_RE.finditer(joined))
        if not marks or any("\t" in line or "|" in line for line in lines):
            out.append(paragraph)
            continue
        words = clean(_BRACKETED_ACTION_RE.sub(" ", joined))
        actions = [f"{m['mark'].upper()}: {clean(m['text'])}" for m in marks]
        out.append("\n".join([*heads, *([words] if words else []), *actions]))
    return "".join(out)


_TAG_LINE_RE = re.compile(r"^\s*</?[a-z][a-z0-9]*(?:\s[^<>]*)?>\s*$")
"""A line holding only an HTML tag, as a Markdown export leaves them ("<aside>")."""


def nested_markdown_tables(text: str) -> str:
    """A Markdown table set inside a list item (a Notion toggle's), indented as the item's
    words are: its rows from the margin, as a table's; a line holding only an HTML tag
    ("<aside>", "</aside>") read as the blank line it draws."""
    if "|" not in text and "<" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if not indent or not line.lstrip().startswith("|") or not _PIPE_SEP_RE.match(line):
            continue
        start = i - 1 if i and lines[i - 1].startswith(f"{indent}|") else i
        end = i
        while end < len(lines) and lines[end].startswith(f"{indent}|"):
            end += 1
        lines[start:end] = [row[len(indent) :] for row in lines[start:end]]
    return "\n".join(_toggles_as_headings("" if _TAG_LINE_RE.match(ln) else ln for ln in lines))


_TOGGLE_RE = re.compile(r"^(?P<indent>\s*)[-*]\s+\u25b8\s*(?P<title>\S.*)$")
_MD_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s")


def _toggles_as_headings(lines: Iterable[str]) -> list[str]:
    """A Notion toggle ("- ▸ Workstream 1 – Early help", its content indented below): a
    heading one level inside the heading above it, deeper as it is indented."""
    out: list[str] = []
    level = 1
    for line in lines:
        heading = _MD_HEADING_RE.match(line)
        toggle = _TOGGLE_RE.match(line)
        if heading:
            level = len(heading["hashes"])
        elif toggle:
            depth = min(6, level + 1 + len(toggle["indent"].expandtabs(4)) // 4)
            line = f"{'#' * depth} {toggle['title']}"
        out.append(line)
    return out


def without_contents_pages(text: str) -> str:
    """The text without a contents page: three or more lines running on, each a heading's
    words and a page number (in page order), most of which come again later as lines of
    their own. Those are the headings the document has, listed; read as headings they
    would open sections of nothing ("4. Listening to families 7" holding the plan)."""
    lines = text.split("\n")
    entries = [_contents_entry(line) for line in lines]
    runs: list[tuple[int, int]] = []  # first and last line of each run of entries
    start = 0
    while start < len(lines):
        if entries[start] is None:
            start += 1
            continue
        end = start
        while end + 1 < len(lines) and (entries[end + 1] or not lines[end + 1].strip()):
            end += 1
        if sum(1 for entry in entries[start : end + 1] if entry) >= 3:
            runs.append((start, end))
        start = end + 1
    if not runs:
        return text
    # each short line's last place: a heading a contents entry names comes again there
    last_seen = {
        _heading_key(line): n for n, line in enumerate(lines) if len(line) <= _CONTENTS_ENTRY_MAX
    }
    dropped: set[int] = set()
    for start, end in runs:
        run = [entry for entry in entries[start : end + 1] if entry]
        pages = [page for _, page in run]
        again = sum(1 for title, _ in run if last_seen.get(_heading_key(title), -1) > end)
        if pages == sorted(pages) and again >= max(2, (len(run) + 1) // 2):
            dropped.update(n for n in range(start, end + 1) if entries[n])
    return "\n".join(line for n, line in enumerate(lines) if n not in dropped)


def _contents_entry(line: str) -> tuple[str, int] | None:
    """A contents page's entry: a heading's words, then its page number ("2. Timely EHC
    plans 5", "Key contacts ........ 8"). Only a short line ending in a number is tried."""
    if len(line) > _CONTENTS_ENTRY_MAX or not line.rstrip()[-1:].isdigit():
        return None
    page = _PAGE_NUMBER_END_RE.search(line)
    title = line[: page.start()].strip().lstrip("#").strip() if page else ""
    if page is None or "\t" in title or not _LETTER_RE.search(title):
        return None
    return title, int(page["page"])


_CONTENTS_ENTRY_MAX = 160


def _heading_key(line: str) -> str:
    return " ".join(clean(line).lstrip("#").split()).lower()


_LEADING_LETTER_RE = re.compile(
    r"^(?P<lead>\s*(?:[-\u2022*]\s+)?)(?P<letter>[A-Z])\s+(?=[A-Z][a-z])"
)


def rag_letters_moved(text: str) -> str:
    """Items each opened by its RAG letter ("G Finalise the framework …", a slide's coloured
    dot printed as its letter) with the letter put after them as a tag ("… [G]").

    Only where three items or more open so, with two colours at least (one red or green,
    as "A" also opens a sentence) and no other capital letter alone (a lettered list)."""
    lines = text.split("\n")
    opened = [
        (n, m)
        for n, line in enumerate(lines)
        if "\t" not in line and "|" not in line and (m := _LEADING_LETTER_RE.match(line))
    ]
    letters = {m["letter"] for _, m in opened}
    if (
        len(opened) < 3
        or not letters <= set("RAGB")
        or not letters & {"R", "G"}
        or len(letters) < 2
    ):
        return text
    for n, match in opened:
        lines[n] = f"{match['lead']}{lines[n][match.end() :].rstrip()} [{match['letter']}]"
    return "\n".join(lines)


def _spans_the_table(line: str) -> bool:
    """A tab row whose first cell alone is filled."""
    return "\t" in line and bool(line.strip()) and not any(line.split("\t")[1:])


_PICTURE_RE = re.compile(
    r"(?i)\[(?:picture|image|photo|icon|symbol|illustration|graphic|chart|graph|diagram|"
    r"logo|screenshot)\b[^\]]{0,120}\]"
)


def a_picture(line: str) -> bool:
    """An easy read page's picture, told in words where it stands ("[picture of a
    calendar]"): no heading of the words beside it."""
    return _PICTURE_RE.fullmatch(line.strip()) is not None


def read_lines(text: str) -> list[Line]:
    """Classify each line; footers and rules are dropped, bullets recognised."""
    out: list[Line] = []
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in join_wrapped_pipe_rows(raw_lines):
        if not raw.strip():
            out.append(Line("blank", number=number))
            continue
        if is_page_footer(raw) or _PIPE_SEP_RE.match(raw) or a_picture(raw):
            continue
        cells = split_cells(raw)
        if cells is not None:
            if is_rule_row(cells):
                continue
            indents = tuple(len(c) - len(c.lstrip(" ")) for c in raw.split("\t"))
            out.append(Line("row", cells=cells, number=number, indents=indents))
            continue
        if RULE_RE.match(raw):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        is_bullet = bool(BULLET_RE.match(raw))
        out.append(
            Line(
                "text",
                text=clean(raw),
                bullet=is_bullet,
                level=(indent + 1) // 2 if is_bullet else 0,
                number=number,
            )
        )
    return out
