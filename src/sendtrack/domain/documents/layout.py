"""Any document's text as pieces a person would point at: table rows, list items, sentences
and stand-alone lines, whatever the layout.

This is the first step of the candidate reader (``candidates.py``). It knows no council's
layout: rows are cells split on tabs or pipes (with or without the outer pipes); a row whose
first cell is empty continues the row above (a cell wrapped over several lines, or a row split
by a page break); a header row names the columns' roles and may repeat on every page; lines
that recur on several pages (running titles, "Page 2 of 5") are page furniture; lists start
with any bullet glyph, "1." / "1)" / "a)" / "(i)" runs, or follow a colon lead-in; prose is
split into sentences; lines a narrow export wrapped are joined again.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from sendtrack.domain.dates import Precision, names_a_date, read_date

from .columns import Header, a_record_number, column_role, is_header_row, read_header, the_ref
from .detectors import (
    ACTION_REF,
    ACTION_VERBS,
    GLUED_REF_RE,
    find_status,
    flat_row_cells,
    flat_row_done,
    opens_flat_row,
    opens_with_a_verb,
)
from .rows import a_picture, is_page_footer, tab_indented_item
from .sections import date_heading, keyword_heading
from .status import normalise_status, opens_with_a_capitals_status, rag_tag, read_rag
from .text import (
    BOX,
    BULLET_RE,
    EMOJI_MARKS,
    MARK_GLYPHS,
    RULE_RE,
    cell_fragments,
    clean,
    plain,
)

__all__ = ["Piece", "field_line", "pieces", "split_row"]

_PAGE_OF_RE = re.compile(r"\s*(?:[-–|]\s*)?\bpage\s+\d+(?:\s*(?:of|/)\s*\d+)?\s*$", re.I)
_BLOCK_MARK_RE = re.compile(r"^(\s*)[\u2580-\u259f]+\s*")
"""A block glyph a title opens with ("▌Sept 2025"): decoration."""
_PLAIN_RULE_RE = re.compile(r"^\s*(?:[-–—_=*]\s*){3,}$")
"""A rule of dashes between two records ("----"): a break like a blank line."""
_MARKER_RE = re.compile(
    r"^\s*(?:"
    r"(?P<bullet>[-\u2022\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7"
    rf"\u27a2\u25b8\u25b9*>o\u2013\u2014{MARK_GLYPHS}]|[{EMOJI_MARKS}]\ufe0f?|{BOX})\s+"
    rf"(?:{BOX}\s+)?"  # "- [ ] Agree …": a task list's box
    r"|\(?(?:(?i:agenda item|item)\s?)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})"
    r"(?:[.)]\s+|\.(?=[A-Z][A-Za-z]))"
    r"|(?P<coded>[A-Z]{1,2}\d{1,3})[.)]\s+(?=[A-Z])"  # "A1.  Restructure …"
    r"|(?P<dotted>[A-Z]?\d{1,2}(?:\.\d{1,2}){1,3}|[A-Z]\.\d{1,2}(?:\.\d{1,2}){0,2})\s+(?=[A-Z])"
    r"|\(?(?P<letter>[a-hj-z]|i{1,3}|iv|v|vi{1,3})\)\s+"
    r"|(?P<letterdot>[a-h])\.\s+(?=[A-Z])"
    r")"
)
_MARKDOWN_HEADING_RE = re.compile(r"^ {0,3}(?P<hashes>#{1,6})[ \t]+(?P<title>\S.*?)\s*#*\s*$")
_ACCORDION_RE = re.compile(r"^(?P<hashes>)[+\u2795][ \t]+(?P<title>[A-Z][^.]{2,100}?)\s*$")
"""A web page's accordion section saved as text: "+ Theme 1: Getting assessments right"."""
_CONTAINER_RE = re.compile(
    r"^(?P<hashes>)(?:=+\s*)?(?i:list|topic|column|bucket|lane|swimlane)\s*:\s*"
    r"(?P<title>[^.:=]{2,80}?)(?:\s*\(\d+\))?(?:\s*=+)?\s*$"
)
"""A task board's or a meeting tool's container ("LIST: To do", "Topic: Health"): a heading
titled by its name."""
_RULED_HEADING_RE = re.compile(
    r"^(?P<hashes>)\s*[\u2550\u2500\u2501=~*#-]{2,}\s+(?P<title>[^\u2550\u2500\u2501=]{3,100}?)"
    r"\s+[\u2550\u2500\u2501=~*#-]{2,}\s*$"
)
"""A title between rules ("══ Q1 2026/27 (April – June 2026) ══════"): a heading."""
_QUESTION_RE = re.compile(r"^(?P<hashes>)\s*(?:Q|Question)\s*[:.]\s*(?P<title>[A-Z].{2,120}\?)\s*$")
"""A page of questions and answers: "Q: What will change for families?" heads its answer."""
_ANSWER_RE = re.compile(r"^\s*(?:A|Answer)\s*:\s+(?=\S)")
_SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\u201c\"'(])")
_ABBREVIATION_END_RE = re.compile(
    r"\b(?:e\.g|i\.e|etc|no|vs|cf|approx|incl|Dr|Mr|Mrs|Ms|St)\.$|(?-i:(?<!\w)[A-Z])\.$", re.I
)
_INLINE_NUMBER_RE = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+(?=[A-Z])")
_DIGITS_RE = re.compile(r"\d+")
_FURNITURE_MIN = 12
_GLUED_LABEL_RE = re.compile(
    r"^(?P<label>B?RAG(?=[A-Z][a-z]|[RAGB]\b)|[A-Z][a-z]+(?: [a-z]+){0,2}(?:(?<=\b[Nn]o)\.)?)"
    r"(?P<value>(?:[A-Z0-9\u2013\u2014\u2022]|-\s).*)$"
)
_FIELD_LINE_RE = re.compile(
    r"^(?P<label>[A-Z][A-Za-z /&'().-]{0,40}?(?:\s*\([\w /.,-]{1,20}\))?)\s*[:]\s*(?P<value>.*)$"
)
"""A "Label: value" line; the label may say when in brackets ("Progress (Nov 2031): …")."""
_DASHED_FIELD_RE = re.compile(
    r"^(?P<label>(?:Owner|Lead|Led by|Responsible|Action by|Status|Deadline|By when))"
    r"\s+[\u2013\u2014-]\s+(?P<value>\S.*)$"
)
"""A lead's or status's label set off by a dash, as a timeline prints the line under its
item ("Owner – Head of Finance (Schools)")."""
ACTION_NUMBER_RE = re.compile(rf"(?i)^\s*(?:action|task)\s+(?P<ref>{ACTION_REF})\s*:?\s*$")
"""A record's number on a line of its own above its fields ("Action 2.3")."""
_FIELD_ROLES = {"owner", "due", "status", "rag", "measures", "partners", "start", "ref", "action"}


@dataclass
class Piece:
    """A row, list item, sentence or line of the document, in reading order.

    ``cells`` holds a table row's text by column role (from the table's header row; ``col3``
    for a column the header did not name). ``marker`` says how a list item was marked
    (``bullet``, ``number``, ``letter``, ``heading`` for a Markdown heading, whose level is
    its ``indent``, or ``""``); ``number`` its number as printed.
    ``lead_in`` is the colon line that introduced a list ("The Board agreed to:").
    ``sentence_of`` counts the sentences of the paragraph the piece came from.
    """

    kind: str
    text: str
    source: str
    line: int
    cells: dict[str, str] = field(default_factory=dict)
    marker: str = ""
    number: str | None = None
    lead_in: str | None = None
    sentences: int = 1
    position: int = 0
    indent: int = 0
    spans_row: bool = False
    cell_count: int = 0
    header: Header | None = None
    gap_before: bool = False
    """A blank line (or the document's start) comes before it: headings stand apart."""
    blank_after: bool = False
    """A blank line (or the document's end) comes right after its last line."""
    columns: list[tuple[str, str]] = field(default_factory=list)
    """A table row's (column name, text) pairs in column order, for repeated roles such as
    several dated status columns."""
    checkbox: bool = False
    """A list item ticked or not ("[x] Book the room", "☐ …"): a task tool's checklist."""


def split_row(line: str) -> list[str] | None:
    """Cells of a tab or pipe row (outer pipes optional); None for prose."""
    if tab_indented_item(line):
        return None
    if "\t" in line:
        return [_label_over_value(c.strip()) for c in line.strip("\n").split("\t")]
    if line.count("|") >= 1 and re.search(r"\s\|\s|^\s*\||\|\s*$", line):
        stripped = line.rstrip()
        if stripped.startswith("|"):
            stripped = stripped[1:]  # an outer pipe; an indented pipe opens an empty cell
        if stripped.endswith("|"):
            stripped = stripped[:-1]
        cells = [c.strip() for c in stripped.split("|")]
        if len(cells) == 1 and not line.lstrip().startswith("|") and cells[0]:
            return [cells[0], ""]  # "WS4 Health – Dr Helen Marsh |": its list on the lines below
        if _fields_apart(cells):
            return None  # "Owner: Head of SEN | Due: 31/10/2024 | Status: In progress": fields
        spaced = re.split(r"\s{4,}", cells[0])
        if len(spaced) == 2 and spaced[0] and column_role(spaced[1]) is not None:
            cells = [*spaced, *cells[1:]]  # "We will …            Lead | When | RAG"
        return cells if len(cells) >= 2 else None
    return None


_LABEL_OVER_VALUE_RE = re.compile(r"(?P<label>[A-Z][A-Z &/]{1,28}[A-Z])\s*<br>\s*(?P<value>\S.*)")


def _label_over_value(cell: str) -> str:
    """A form's box, its field's name printed small in capitals above the value ("OWNER"
    over "Head of SEND"): "OWNER: Head of SEND", as a field line reads. Not a header's
    name wrapped over two lines, nor a capitalised first line that names no field."""
    match = _LABEL_OVER_VALUE_RE.fullmatch(cell) if "<br>" in cell else None
    if match is None:
        return cell
    label, value = match["label"], match["value"]
    if column_role(label) not in _FIELD_ROLES or column_role(plain(value)) is not None:
        return cell
    return f"{label}: {value}"


def _fields_apart(cells: list[str]) -> bool:
    """A record's fields printed on one line with pipes between them, each cell "Label:
    value" (or only a mark: "🟠"), the first a field's: one line of fields, no table row."""
    filled = [plain(c) for c in cells if c]  # "<b>Lead:</b> Jo Bell": its label bold
    labelled = [c for c in filled if _LABELLED_RE.match(c)]
    return (
        len(labelled) >= 2
        and field_line(filled[0]) is not None
        and all(c in labelled or len(c) <= 2 for c in filled)
    )


_LABELLED_CELL_RE = re.compile(r":\s+\S")


def is_header(cells: list[str]) -> bool:
    """A header row: most filled cells name a column role; a role may repeat when its
    columns differ ("RAG Dec 24 | RAG Mar 25"), as dated update columns do; not cells that
    carry their values ("Lead: Jo Bell")."""
    if any(_LABELLED_CELL_RE.search(plain(c)) for c in cells):
        return False
    if is_header_row(cells):
        return True
    names = [c for c in cells if c.strip()]
    if len(names) < 2 or any(len(c) > 60 for c in names):
        return False
    roles = [column_role(c) for c in names]
    known = [r for r in roles if r]
    if len(set(known)) < 2 or len(known) * 2 < len(names):
        return False
    return len({plain(c).lower() for c in names}) == len(names)


_LABELLED_RE = re.compile(r"^\s*[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}:\s*\S")
"""A "Label: value" line ("State: Open"): a record's field, however often it recurs."""


_REPORT_PART_RE = re.compile(
    r"(?i)^\s*(?:progress(?: this (?:period|month|quarter))?|next steps|risks?(?: and issues)?"
    r"|issues|milestones|achievements|key achievements|decisions(?: required)?)\s*:?\s*$"
)
"""A part of a report repeated under each workstream; never a page's running title."""


_DAY_DATE_RE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")


_NEXT_STEPS_RE = re.compile(r"(?P<label>(?i:next steps|agreed actions))\s*:\s+(?P<steps>[A-Z].+)")
"""A paragraph opening with its steps' label ("Next steps: …"), the steps its sentences."""


def _an_indented_label(line: str) -> bool:
    label = line.strip()
    return line[:1].isspace() and label.endswith(":") and column_role(label[:-1]) is not None


def _a_heading_alone(cells: list[str]) -> bool:
    """A row holding only a numbered heading ("<TAB>Priority 2: Timely plans"): it opens a
    section, whatever cell it stands in, and carries no row on."""
    filled = [c for c in cells if c.strip()]
    return len(filled) == 1 and keyword_heading(plain(filled[0])) is not None


_PAGED_FOOTER_RE = re.compile(r"^[^|]{3,80}(?:\|[^|]{1,30}){0,2}\|\s*\d{1,3}\s*$")
"""A slide's footer, its title and page number in cells ("SEND Board | OFFICIAL | 4")."""


_OUTLINED_RE = re.compile(r"^\s*(?:#+\s*)?\d{1,2}\.\d{1,2}\.?\s+[A-Za-z]")
"""A short line opening with its part's outline number: a heading, never a page's furniture
(a numbered paragraph repeated word for word may be)."""


_BOLD_LINE_RE = re.compile(r"^\s*\*\*[^*]+\*\*\s*$")
"""A Markdown line all in bold: a heading the writer typed, no page's running title."""


DONE_BY_RE = re.compile(
    r"(?i)^(?:we will (?:do|finish|have done) (?:this|it)|we want (?:this|it) to (?:happen|be "
    r"done)|this will (?:happen|be done|be ready))\s+(?P<when>(?:by|in|before)\s+[^.]{3,40})\.?$"
)
STARTED_RE = re.compile(
    r"(?i)^(?:(?:this|it|the work) (?:has|have) (?:already )?started|we have (?:already )?"
    r"started(?: this)?|(?:this|it) is (?:already )?(?:done|finished|happening now))\.?$"
)
WORKED_RE = re.compile(r"(?i)^we will know (?:it|this) (?:has worked|is working)\b")
"""An easy read page's short sentences telling more of the action above: when ("We will do
this by summer 2026."), that it has started, how we will know it worked."""


def _tells_of_the_action_above(line: str) -> bool:
    text = line.strip()
    return any(pattern.match(text) for pattern in (DONE_BY_RE, STARTED_RE, WORKED_RE))


def _furniture(lines: list[str]) -> set[int]:
    """The numbers of lines that recur (numbers aside) on several pages: running titles,
    "Page 2 of 5" footers, and page numbers; not a record's field line, however often."""
    keys: list[str | None] = []
    for line in lines:
        if (
            not line.strip()
            or ("|" in line and not _PAGED_FOOTER_RE.search(line))
            or "\t" in line
            or _LABELLED_RE.match(line)
            or (_GLUED_LABEL_RE.match(line.strip()) and field_line(line.strip()))
            or _an_indented_label(line)  # "   Measure of success:" over each action's list
            or _MARKDOWN_HEADING_RE.match(line)  # "#### What you told us" under each theme
            or _BOLD_LINE_RE.match(line)  # "**Comments (2)**" under each issue: its part
            or _tells_of_the_action_above(line)  # "We will do this by summer 2026.", thrice
        ):
            keys.append(None)  # "Progress: On track" under many actions is no running title
            continue
        if len(line.split()) <= 5 and _REPORT_PART_RE.search(line):
            keys.append(None)  # "Risks and issues" under each workstream heads its part
            continue
        if _OUTLINED_RE.match(line) and len(line.split()) <= 8 and not line.rstrip().endswith("."):
            keys.append(None)  # "1.2 Strengths", "2.2 Strengths": each area's own part
            continue
        keys.append(_DIGITS_RE.sub("#", clean(_PAGE_OF_RE.sub("", line)).lower()))
    counts = Counter(k for k in keys if k)
    dates: dict[str, set[str]] = {}
    for line, key in zip(lines, keys, strict=True):
        if key is not None:
            dates.setdefault(key, set()).add(" ".join(_DAY_DATE_RE.findall(line)))
    dropped = set()
    for number, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if key is None or len(dates[key]) > 1:
            continue  # "Meeting 14/09/2026", "Meeting 09/11/2026": a log's parts, not a title
        paged = bool(_PAGE_OF_RE.search(line))
        if is_page_footer(line.strip()) or (paged and len(key) < _FURNITURE_MIN):
            dropped.add(number)
        elif len(key) >= _FURNITURE_MIN and (counts[key] >= 3 or (counts[key] >= 2 and paged)):
            below = " ".join([ln for ln in lines[number + 1 : number + 6] if ln.strip()][:2])
            if not _names_a_flat_table(line) or "|" in below or "\t" in below:
                dropped.add(number)
    return dropped


def _names_a_flat_table(line: str) -> bool:
    """Column names over each part's table whose rows lost their delimiters ("Ref Action Lead
    Partners …", "RefActionOwner…"): the rows can be read only under them, so they are no
    running title, however often they come. Names set apart by wide gaps, or over rows
    that keep their pipes or tabs, are not needed: places or delimiters read those rows."""
    if "  " in line.strip():
        return False
    return _spaced_header(line) is not None or _glued_header(line) is not None


class _Builder:
    """Walks the lines once, keeping the open table, list and paragraph."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.out: list[Piece] = []
        self.header: Header | None = None
        self.header_key: str | None = None
        self.row: list[str] | None = None
        self.spanned = ""
        """The date cell a grid's rows below it share (``_spanned_date``)."""
        self.row_line = 0
        self.row_indent = 0
        self.row_key = ""
        self.row_source: list[str] = []
        self.row_fields: dict[str, str] = {}
        """Fields labelled on indented lines below the open row ("How we'll know: …")."""
        self.repeating_header = False
        self.after_header = False
        self.after_blank = False
        self.list_marker = ""
        """The marker of the open list's items: after a blank line, another marker starts a
        list of its own."""
        self.list_number: str | None = None
        self.awaiting_items = False
        """A lead-in was read and no item yet: its list may start after a blank line."""
        self.paragraph: list[str] = []
        self.paragraph_line = 0
        self.lead_in: str | None = None
        self.lead_in_indent = 0
        """How far the first item of the lead-in's list is indented."""
        self.list_open = False
        self.lead_in_line = False
        """Just after a colon lead-in, with no blank line since."""
        self.item: Piece | None = None
        self.flat = False
        """Under a header printed with single spaces whose first column is the ref: its rows
        are cut into cells by their types (``flat_row_cells``)."""
        self.flat_lines: list[str] = []
        self.flat_line = 0
        self.flat_end = 0
        """The line the open flattened row was last carried on to."""
        self.flat_header = -2
        """The line of the last header printed with single spaces."""
        self.flat_refs: bool | None = None
        """Whether its rows open with a ref ("A1 Move the …"), though it names no ref column."""

    # --- tables ---------------------------------------------------------------------------
    def line(self, number: int, raw: str, cells: list[str] | None, following: str) -> None:
        """A line of the document: a table's, a record's fields, or text."""
        if cells is None and self.row is not None and raw[:2].isspace() and raw.strip():
            # "WS2 … – Tom Reid | 1. Meet the …" carried on, indented, on the lines below;
            # "    How we'll know: …" under a row that has no such column: that field of it
            labelled = field_lines(raw.strip())
            if len(labelled) == 1 and labelled[0][0] == "measures" and not self._names("measures"):
                self.row_fields.setdefault(*labelled[0])
            else:
                self.row[-1] = f"{self.row[-1]} {raw.strip()}"
            self.row_source.append(raw.strip())
            return
        if (
            cells is None
            and self.header is None
            and self.row
            and _carries_the_cell_on(self.row, raw)
        ):
            # "Early help – Jo Bell | 1. Train the … all" / "nurseries [G] 2. Publish …" /
            # "3. Audit …": a headerless row's last cell wrapped to the margin
            self.row[-1] = f"{self.row[-1]} {raw.strip()}"
            self.row_source.append(raw.strip())
            return
        if cells is None and self.flat and number == self.flat_header + 1 and _name_tail_line(raw):
            return  # "What difference" / "will it make?": the last column's name wrapped
        glued_cells = (
            _glued_cells(raw, self.header.roles)
            if cells is None and self.flat and self.header is not None
            else None
        )
        if glued_cells is not None:
            self.end_flat_row()  # "9Produce the guideSR31/01/2026CompleteCirculated …"
            self.table_line(number, raw, glued_cells)
            self.end_row()
            return
        if cells is None and self.flat and self.flat_refs is not False:
            raw = _unglued_row(raw) or raw  # one that wraps: its lines cut by their types
        if cells is None and self.flat and self._flat_line(number, raw, following):
            return
        self.end_flat_row()
        glued = _glued_header(raw)
        names = glued or _spaced_header(raw)
        if names is not None:  # "RefActionOwnerDueStatus", "Ref What we will do Who When"
            self.table_line(number, raw, names)
            roles = self.header.roles if self.header is not None else []
            self.flat = glued is None and (roles[:1] == ["ref"] or _unnumbered_flat(roles))
            self.flat_header, self.flat_refs = number, None
            return
        if cells is None and self.header is not None and not re.match(r"Item\d{1,2}\.?[A-Z]", raw):
            cells = _glued_row(raw, len(self.header.roles))  # not "Item2.Minutes …": a heading
            cells = cells or _glued_cells(raw, self.header.roles)
        fields = _glued_record(cells or [raw]) or _key_value(cells or [])
        if fields and _carries_on(self._last_text(), fields[0]):
            self._carry_on(fields.pop(0).split(": ", 1)[1])  # "… and publish / revised …"
        if fields:  # "Actions agreedRefresh …\tBy whomClaire …", an action card's "Lead | Jo"
            for field_text in fields:
                self.text_line(number, field_text, "")
        elif cells is not None:
            self.table_line(number, raw, cells)
        else:
            self.text_line(number, raw, following)

    def _names(self, role: str) -> bool:
        """Whether the open table's header names a column of the role."""
        return self.header is not None and self.header.has(role)

    def _flat_line(self, number: int, raw: str, following: str) -> bool:
        """A line of a flattened row: it opens one with its ref, or carries on the open one
        until that reaches its last cell. A line that does neither is not the table's."""
        roles = self.header.roles if self.header is not None else []
        text = raw.strip()
        if self.flat_refs is None:  # the first row says whether rows open with their ref
            if roles[:1] == ["ref"] or opens_flat_row(text):
                self.flat_refs = True
            elif _opens_unnumbered_row(text):
                self.flat_refs = False
        numbered = bool(self.flat_refs)
        opens = opens_flat_row(text) if numbered else _opens_unnumbered_row(text)
        if opens and not numbered and self.flat_lines:
            opens = not (
                _a_list_line_not_a_row(text, following.strip(), roles)
                or _labels_a_later_cell(text, roles)
            )
        row = " ".join(self.flat_lines)
        if self.flat_lines and (
            (not opens and not flat_row_done(row, roles))
            or (_carries_a_row_on(text) and not _unlisted_number(text, row))
        ):
            self.flat_lines.append(text)
            self.flat_end = number
            return True
        if (
            self.flat_lines
            and number == self.flat_end + 1  # no blank line between
            and not opens
            and (
                _another_line_of_its_list(text, roles, row)
                or (
                    numbered
                    and roles[-1:] not in (["rag"], ["due"], ["start"])  # its last cell is text
                    and not _heads_what_follows(text, row)
                    and not re.match(r"\d{1,3}(?:\.\d{1,2})*[A-Z][a-z]", text)  # "14Refresh …"
                )
            )
        ):
            # "80% of SENCOs trained …": a second measure; under rows that open with their
            # ref, any line up to the next ref is the row's ("Decisions sent … On track.")
            self.flat_lines[-1] += f"<br>{text}"
            self.flat_end = number
            return True
        self.end_flat_row()
        if not opens:
            return False
        self.flat_lines, self.flat_line, self.flat_end = [text], number, number
        return True

    def end_flat_row(self) -> None:
        """The open flattened row cut into its cells; its lines read as text where they do
        not fit the header."""
        if not self.flat_lines:
            return
        lines, self.flat_lines = self.flat_lines, []
        roles = self.header.roles if self.header is not None else []
        cells = flat_row_cells(" ".join(lines), roles)
        if cells is None:
            for line in lines:
                self.text_line(self.flat_line, line, "")
            return
        self.table_line(self.flat_line, "\n".join(lines), cells)
        self.end_row()

    def _last_text(self) -> str:
        """The text read last: the open paragraph, the open item (a field line under a
        lead-in), or the last piece."""
        if self.paragraph:
            return clean(" ".join(self.paragraph))
        if self.item is not None:
            return self.item.text
        return self.out[-1].text if self.out else ""

    def _carry_on(self, words: str) -> None:
        if self.paragraph:
            self.paragraph[-1] = f"{self.paragraph[-1]} {words}"
        elif self.item is not None:
            self.item.text = f"{self.item.text} {words}"
        else:
            self.out[-1].text = f"{self.out[-1].text} {words}"

    def table_line(self, number: int, raw: str, cells: list[str]) -> None:
        self.end_paragraph()
        self.end_item()
        after_text = bool(self.out) and self.out[-1].kind != "row"
        key = "|".join(c.strip().lower() for c in cells)
        first_empty = not cells[0].strip() and any(c.strip() for c in cells[1:])
        if self.header_key is not None and key == self.header_key:
            self.end_row()
            self.repeating_header = True
            return  # the header repeated on a new page
        if self.repeating_header and first_empty:
            return  # the rest of a header of several lines, repeated
        self.repeating_header = False
        after_header, self.after_header = self.after_header, False
        # a row's wrapped line ("     | month contract to clear … | … | started in …") is
        # never a header, whatever its words: a header does not carry a row on
        header_like = is_header(cells) and not (first_empty and self.row is not None)
        if after_header and header_like and any(len(c.split()) > 4 for c in cells):
            return  # "What we will do | The name of the person who …": the header explained
        if header_like:
            self.end_row()
            self.spanned = ""
            self.header = read_header(cells)
            self.header_key = key
            self.after_header = True
            return
        if after_text and self._a_table_of_its_own(cells):
            self.end_row()
            self.header = self.header_key = None  # "Workstream lead | Priya Marsden"
        if (
            self.row is not None
            and first_empty
            and len(cells) <= len(self.row) + 1
            and not self._opens_a_ref(cells)
            and not self._an_action_of_its_own(cells)
            and not _a_heading_alone(cells)
        ):
            for i, cell in enumerate(cells):
                if i < len(self.row):
                    if cell.strip():
                        self.row[i] = f"{self.row[i]} {cell.strip()}".strip()
                elif cell.strip():
                    self.row.append(cell.strip())
            self.row_source.append(raw.strip())
            return
        indent = self._indent(raw)
        if indent and self.row is not None and not self.row_fields.get("level"):
            self.row_fields["level"] = str(self.row_indent // 2 + 1)  # the row it is under
        self.end_row()
        self.row = [c.strip() for c in cells]
        self._spanned_date(self.row)
        self.row_key = key
        self.row_line = number
        self.row_source = [raw.strip()]
        self.row_fields = {"level": str(min(indent // 2 + 1, 9))} if indent else {}
        self.row_indent = indent

    def _indent(self, raw: str) -> int:
        """The spaces opening a tab row's action cell, where an export shows the outline by
        them ("    WS1 …", "        1.1 …", "            Publish …") and names no level."""
        roles = self.header.roles if self.header is not None else []
        cells = raw.split("\t")
        if "action" not in roles or "level" in roles or roles.index("action") >= len(cells):
            return 0
        cell = cells[roles.index("action")]
        return len(cell) - len(cell.lstrip(" "))

    def _a_table_of_its_own(self, cells: list[str]) -> bool:
        """A row of two filled cells after text, below a table of five or more columns, or of
        three or more with a heading since: a table of its own (a report's "Label | value"
        block, a plan's "Early years – Jo Bell | 1. … 2. …" rows under the next heading), not
        a row of the table above (a version table's "Version | Date | Author | Changes")."""
        width = len(self.header.roles) if self.header is not None else 0
        if len(cells) != 2 or not all(c.strip() for c in cells) or self.row is not None:
            return False
        return width >= 5 or (width >= 3 and self._a_heading_since_the_rows())

    def _a_heading_since_the_rows(self) -> bool:
        """Whether a heading came after the table's last row."""
        for piece in reversed(self.out):
            if piece.kind == "row":
                return False
            if piece.marker == "heading":
                return True
        return False

    def _spanned_date(self, row: list[str]) -> None:
        """ "Apr-26" over the month's rows of a roadmap's grid: the rows below it with their
        date cell empty are due then too (a merged cell exported once)."""
        if self.header is None or not row or self.header.roles[0] != "due":
            return
        if row[0]:
            self.spanned = row[0]
        elif self.spanned and any(row[1:]):
            row[0] = self.spanned

    def _an_action_of_its_own(self, cells: list[str]) -> bool:
        """A row under merged first cells (a recommendation over its several actions) with
        an action of its own, opening with its verb, and its own lead and date: a new row,
        not the row above carried on."""
        roles = self.header.roles if self.header is not None else []
        if not {"action", "owner", "due"} <= set(roles):
            return False
        action, owner, due = (
            cells[roles.index(role)].strip() if roles.index(role) < len(cells) else ""
            for role in ("action", "owner", "due")
        )
        if roles[0] == "due" and owner and action[:1].isupper():
            return True  # "Apr-26" over the month's milestones: each a row of its own
        numbered = _OWN_NUMBER_RE.match(plain(action)) is not None  # "1.2 Introduce …"
        verb = action.split(" ", 1)[0].lower()
        return bool(owner and due) and (numbered or (action[:1].isupper() and verb in ACTION_VERBS))

    def _opens_a_ref(self, cells: list[str]) -> bool:
        """A row whose first cell is empty but whose ref cell is filled is a new row: the
        first column is a group's (a workstream named on its first row only)."""
        roles = self.header.roles if self.header is not None else []
        if "ref" not in roles:
            return False
        at = roles.index("ref")
        return at > 0 and at < len(cells) and bool(cells[at].strip())

    def end_row(self) -> None:
        if self.row is None:
            return
        cells, self.row = self.row, None
        filled = [c for c in cells if c]
        if not filled:
            return
        source = "\n".join(self.row_source)
        if len(filled) > 1 and len(self.row_source) > 1 and is_header(cells):
            # A header whose names wrap over several lines ("Target" / "date").
            self.header = read_header(cells)
            self.header_key = self.row_key
            return
        if len(filled) == 1:
            last = self.out[-1] if self.out else None
            if last is not None and last.kind == "row" and filled[0][:1].islower():
                # The end of the row above, carried over a page break.
                last.text = f"{last.text} {clean(filled[0])}"
                last.source = f"{last.source}\n{source}"
                return
            if self.header is None and len(cells) == 2 and cells[0]:
                # "Inclusion in schools – Lena Ward |": a row's label, its deliverables empty
                label = {"col0": cells[0], "col1": ""}
                self.out.append(
                    Piece("row", clean(plain(cells[0])), source, self.row_line, cells=label)
                )
                return
            title = clean(plain(filled[0]))  # "<b>Objective 2 – …</b>" spanning the table
            self.out.append(Piece("line", title, source, self.row_line, spans_row=True))
            return
        by_role = {**self.row_fields, **_by_role(self.header, cells)}
        body_role = (
            "action" if "action" in by_role else "narrative" if "narrative" in by_role else None
        )
        text = by_role[body_role] if body_role else ""
        if not re.search(r"\s", plain(text)) and not _a_one_word_title(plain(text)):
            text = _longest(cells)  # no action column, or one holding only a code
        paragraphs = _paragraphs(text)
        lead_in = None
        if len(paragraphs) > 1 and paragraphs[0].rstrip().endswith(":"):
            lead_in = clean(paragraphs.pop(0))  # "In order to achieve this we will:"
        plain_cells = {role: plain(value) for role, value in by_role.items()}
        if "measures" in by_role:  # one measure a paragraph of the cell
            plain_cells["measures"] = "<br>".join(_paragraphs(by_role["measures"]))
        per_item = _per_paragraph(by_role, len(paragraphs), lead_in is not None)
        for i, paragraph in enumerate(paragraphs):
            cells_here = dict(plain_cells)
            for role, values in per_item.items():  # one lead, date … per paragraph
                cells_here[role] = values[i]
            marker = _MARKER_RE.match(paragraph)
            self.out.append(
                Piece(
                    "row",
                    clean(paragraph[marker.end() :] if marker else paragraph),
                    source,
                    self.row_line,
                    cells=cells_here,
                    cell_count=len(filled),
                    header=self.header,
                    columns=_columns(self.header, cells),
                    marker=_marker_kind(marker) if marker else "",
                    number=_marker_number(marker) if marker else None,
                    lead_in=lead_in,
                    sentences=len(paragraphs),
                    position=i,
                )
            )

    # --- prose and lists ------------------------------------------------------------------
    def text_line(self, number: int, raw: str, next_raw: str) -> None:
        self.end_row()
        heading = (
            _MARKDOWN_HEADING_RE.match(raw)
            or _ACCORDION_RE.match(raw)
            or _CONTAINER_RE.match(raw)
            or _QUESTION_RE.match(raw)
            or _RULED_HEADING_RE.match(raw)
        )
        raw = _ANSWER_RE.sub("", raw)  # "A: The biggest change is …": the answer's words
        if heading:  # "### May 2025": a heading in Markdown, whatever its words
            self.blank()
            title = clean(heading.group("title"))
            level = len(heading.group("hashes"))
            self.out.append(Piece("line", title, title, number, marker="heading", indent=level))
            return
        glued = _glued_line_title(raw)
        if glued is not None:  # "Short breaksTom Beck explained …": a minutes row's topic
            self.blank()
            self.out.append(Piece("line", glued[0], glued[0], number, marker="heading", indent=3))
            raw = glued[1]
        text = clean(raw)
        indent = len(raw) - len(raw.lstrip(" \t"))
        marker = _MARKER_RE.match(raw)
        if marker and self.item is not None and _a_mark_on_the_item_above(marker, raw):
            marker = None  # "    ✗ consultation extended; now May": the item's mark and note
        if marker or (BULLET_RE.match(raw) and not (self.item and _MARK_NOTE_RE.match(raw))):
            self.end_paragraph()
            self.end_item()
            kind = _marker_kind(marker)
            number_text = (_marker_number(marker) or marker.group("letter")) if marker else None
            body = clean(raw[marker.end() :]) if marker else clean(BULLET_RE.sub("", raw, 1))
            if (
                self.after_blank
                and not self.awaiting_items
                and (kind != self.list_marker or not _next_number(self.list_number, number_text))
            ):
                self.list_open = False  # "3. Co-production" after the list: a new agenda item
                self.lead_in = None
            if self.awaiting_items:
                self.lead_in_indent = indent
            elif self.lead_in is not None and indent < self.lead_in_indent:
                self.lead_in = None  # back out of an indented list ("Success looks like:" …)
            self.after_blank = False
            self.list_marker, self.list_number = kind, number_text
            self.awaiting_items = False
            self.item = Piece(
                "item",
                body,
                text,
                number,
                marker=kind,
                number=number_text,
                lead_in=self.lead_in if self.list_open else None,
                indent=indent,
                checkbox=_CHECKBOX_RE.match(raw) is not None,
            )
            self.list_open = True
            return
        if self.item is not None and (
            _continues(self.item.text, text, indent, self.item.indent)
            or _wrapped_at_width(self.item, text, self.width)
            or _row_tail_line(text)
        ):
            self.item.text = f"{self.item.text} {text}"
            self.item.source = f"{self.item.source}\n{text}"
            return
        if self.lead_in_line and (field_line(text) or _PART_HEADING_RE.match(text)):
            self.lead_in_line = False  # "Progress: …", "Outcome 2: …": the list has ended
        if self.lead_in_line and not self.paragraph and not text.endswith(":"):
            # Lines right under a colon lead-in, with no marker, are its list's items.
            self.end_item()
            self.item = Piece("item", text, text, number, lead_in=self.lead_in, indent=indent)
            self.list_marker, self.awaiting_items = "", False
            return
        if not self.paragraph and _hanging(raw, next_raw):
            self.end_item()  # its wrapped lines carry on below its words, as an item's
            self.item = Piece("item", text, text, number, indent=indent)
            return
        self.end_item()
        if not self.paragraph:
            self.paragraph_line = number
        self.paragraph.append(text)
        if not _wraps(text, clean(next_raw), self.width):
            self.end_paragraph()

    def end_item(self) -> None:
        if self.item is not None:
            glued = _glued_title(self.item)
            self.out.extend(glued if glued else _split_item(self.item))
            self.item = None

    def end_paragraph(self) -> None:
        if not self.paragraph:
            return
        text = clean(" ".join(self.paragraph))
        source = "\n".join(self.paragraph)
        self.paragraph = []
        if text.endswith(":") and len(text) < 160 and not an_empty_field(text):
            self.lead_in, self.list_number = text, None  # a new list: its numbers start again
            self.awaiting_items = True  # "Follow-ups from Thursday:", a blank line, then "1. …"
            self.list_open = True
            self.lead_in_line = True
            self.out.append(Piece("line", text, source, self.paragraph_line))
            return
        self.list_open = False
        self.lead_in, self.list_number = None, None
        lead_in = None
        steps = _NEXT_STEPS_RE.match(text)
        sentences = _sentences(steps["steps"]) if steps is not None else []
        if steps is not None and len(sentences) >= 2:
            # "Next steps: Sarah will clear … by July. Dr Menon will publish …": a list of
            # steps run into one paragraph, each sentence a step under its lead-in
            lead_in = f"{steps['label']}:"
            self.out.append(Piece("line", lead_in, source, self.paragraph_line))
        else:
            # "Current position: Consultation ended. Goes live in April. On track.": one field
            sentences = [text] if field_line(text) is not None else _sentences(text)
            if opens_with_a_capitals_status(text):
                sentences = _one_entry(sentences)
            if len(sentences) == 1:
                kind = "line" if not re.search(r"[.!?]$", text) else "sentence"
                self.out.append(Piece(kind, text, source, self.paragraph_line))
                return
        for position, sentence in enumerate(sentences):
            self.out.append(
                Piece(
                    "sentence",
                    sentence,
                    source,
                    self.paragraph_line,
                    lead_in=lead_in,
                    sentences=len(sentences),
                    position=position,
                )
            )

    def blank(self) -> None:
        self.end_flat_row()
        self.lead_in_line = False
        self.after_blank = True
        self.end_row()
        self.end_item()
        self.end_paragraph()


def _a_mark_on_the_item_above(marker: re.Match[str], raw: str) -> bool:
    bullet = marker.group("bullet") or ""
    return bool(bullet) and bullet in MARK_GLYPHS and raw[marker.end() :][:1].islower()


_MARK_NOTE_RE = re.compile(rf"^\s*[{MARK_GLYPHS}]\s+[a-z]")


_CHECKBOX_RE = re.compile(rf"^\s*(?:[-*\u2022]\s+)?(?:{BOX}|[\u2610\u2611\u2612])\s")


def _unnumbered_flat(roles: list[str | None]) -> bool:
    """A header with single spaces and no ref ("Action Lead Supported by Timescale Update RAG
    Impact") whose rows can still be cut by their types: one opens with the action and has a
    date column to cut at."""
    return roles[:1] == ["action"] and "due" in roles and len(roles) >= 4


_CODED_HEADING_RE = re.compile(r"^\d{1,2}(?:[a-z]|\.\d{1,2})[.)]?\s+[A-Z]")
"""An objective's code and title ("1a. Needs are identified early"): in a table with no ref
column, a heading between its rows."""


def _opens_unnumbered_row(text: str) -> bool:
    return (
        len(text.split()) >= 6
        and text[:1].isupper()
        and not _HEADING_LIKE_RE.match(text)
        and not _CODED_HEADING_RE.match(text)
        and not _PART_HEADING_RE.match(text)  # "Focus area 1: Early help …"
        and not _carries_a_row_on(text)
    )


def _name_tail_line(raw: str) -> bool:
    """A short lower-case line under a header: its last name's second line."""
    text = raw.strip()
    return text[:1].islower() and len(text.split()) <= 4 and not names_a_date(text)


def _labels_a_later_cell(text: str, roles: list[str | None]) -> bool:
    """A line opening with a label for one of the table's columns other than the action
    ("Partners: Health Visiting, …"): the open row's cell printed on its own line."""
    label = re.match(r"([A-Z][\w ]{1,25}):\s", text)
    role = column_role(label.group(1)) if label else None
    return role is not None and role != "action"


def _a_list_line_not_a_row(text: str, following: str, roles: list[str | None]) -> bool:
    """A capitalised line under a table with no ref column that reads like a row's first
    line ("Fewer requests for EHC needs assessment …") but is the measures cell's next line:
    it holds no row of its own, does not break off mid-phrase, and what follows is a row, a
    heading or nothing."""
    if roles[-1:] != ["measures"] or flat_row_cells(text, roles) is not None:
        return False
    if opens_with_a_verb(text) or re.search(
        r"(?:[,;\u2013\u2014-]|\b(?:and|or|the|of|to|for|with|in|on|by|a|an))$", text
    ):
        return False  # "Set up a panel …" / "… social care and": a row's first line
    return (
        not following
        or flat_row_cells(following, roles) is not None
        or opens_with_a_verb(following)
        or bool(_HEADING_LIKE_RE.match(following) or _PART_HEADING_RE.match(following))
        or re.match(r"(?:\d{1,2}[a-z]?(?:\.\d{1,2})?[.)]?)\s+[A-Z]", following) is not None
    )


def _another_line_of_its_list(text: str, roles: list[str | None], row: str) -> bool:
    """A line right under a flattened row that has all its cells, where the last column
    holds a list (success measures): the list's next line (a cell's line break), unless it
    heads what follows ("Priority 2: …", or "4. Have your say" where the row's list has no
    item 3)."""
    coded = roles[:1] != ["ref"] and _CODED_HEADING_RE.match(text)  # "1b. Schools meet …"
    return roles[-1:] == ["measures"] and not (
        _HEADING_LIKE_RE.match(text)
        or _PART_HEADING_RE.match(text)
        or coded
        or _unlisted_number(text, row)
    )


def _heads_what_follows(text: str, row: str) -> bool:
    """A line after a table's row that heads the rows below ("Theme B – …", "1b. …", "B.
    Graduated response …")."""
    return bool(
        re.match(r"[A-Z][.)]\s+[A-Z][a-z]", text)
        or _HEADING_LIKE_RE.match(text)
        or _PART_HEADING_RE.match(text)
        or _CODED_HEADING_RE.match(text)
        or _unlisted_number(text, row)
    )


def _unlisted_number(text: str, row: str) -> bool:
    """A numbered line whose number carries on no list of the row ("4. Have your say"
    under a row with no item 3): a heading after the table."""
    number = re.match(r"(\d{1,2})[.)]\s", text)
    return number is not None and f" {int(number.group(1)) - 1}." not in f" {row}"


_PART_HEADING_RE = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,3} [A-Z0-9]{1,3}\s*[:.\u2013\u2014-]\s")
"""A part's heading ("Outcome 2: …", "Recommendation 2: …", "Key concern 3 – …"): it ends a
lead-in's list, and is no line of a table's cell."""


def _carries_a_row_on(text: str) -> bool:
    """A row's wrapped line: it starts in lower case, with a bracket or with the next number
    of its cell's list ("set of data", "(peer challenge feedback)", "2. Fewer refusals")."""
    return text[:1].islower() or text[:1] == "(" or re.match(r"[2-9][.)]\s", text) is not None


def _carries_the_cell_on(row: list[str], raw: str) -> bool:
    """A line with no cells, not indented, right under a row without a header, that goes
    on with the row's last cell: in lower case where the cell stopped mid-sentence, or as the
    next number of the cell's numbered list."""
    text, last = raw.strip(), row[-1]
    if len(row) != 2 or not text or not last or raw[:1].isspace():
        return False
    if text[0].islower():
        return re.search(r"[.!?:;]\s*$", last) is None
    marker = _MARKER_RE.match(text)
    numbers = [m.group(1) for m in _INLINE_NUMBER_RE.finditer(last)]
    return bool(marker and numbers and _marker_number(marker) == str(int(numbers[-1]) + 1))


def _next_number(last: str | None, number: str | None) -> bool:
    """Whether an item's number carries on the list's ("3" after "2", "c" after "b"); "4.
    Local Offer" after "1." and "2." is the next agenda item, not the list's fourth."""
    if last is None or number is None:
        return True
    if last.isdigit() and number.isdigit():
        return int(number) == int(last) + 1
    if len(last) == len(number) == 1 and last.isalpha() and number.isalpha():
        return ord(number.lower()) == ord(last.lower()) + 1
    return True


def _marker_number(marker: re.Match[str]) -> str | None:
    """The number a list marker prints: "2.1", "3", "A1"."""
    return marker.group("number") or marker.group("dotted") or marker.group("coded")


def _marker_kind(marker: re.Match[str] | None) -> str:
    if marker is None:
        return "bullet"
    if _marker_number(marker):
        return "number"
    if marker.group("letter") or marker.group("letterdot"):
        return "letter"
    return "bullet"


_HANGING_CODE_RE = re.compile(
    r"^\s*(?:[A-Z]{1,4}\d{1,2}-|[A-Z]{0,4}[-/]?)\d{1,4}[a-z]?(?:\.\d{1,3})*[.):]?\s+"
    r"(?=[A-Za-z]\S*(?:\s+\S+){3})"
)


def _hanging(raw: str, next_raw: str) -> bool:
    """A numbered entry whose next line is indented to where its words start ("  117  Refresh
    the dashboard … -" over "       June 2025 - c/f"): the entry wraps under its words."""
    code = _HANGING_CODE_RE.match(raw)
    words = next_raw.lstrip(" ")
    return code is not None and bool(words) and len(next_raw) - len(words) == code.end()


def _continues(item: str, text: str, indent: int, item_indent: int) -> bool:
    """A line under a list item that carries on its sentence (wrapped by the export); not a
    field of its own under it ("Success looks like: …")."""
    label = re.match(r"([A-Z][^:]{2,40}):", text)
    if label and column_role(label.group(1)) == "measures":
        return False
    if indent > item_indent and indent > 0:
        return True
    if _OPEN_QUARTER_RE.search(item) and re.fullmatch(r"\d{2}(?:/\d{2})?\)", text):
        return True  # "… council (ages 11–25) (LW, Q3" over "25/26)": its year
    if _LEAD_AND_QUARTER_RE.fullmatch(text):
        return True  # "… at the General Hospital" over "RB Q1 26/27": its lead and when
    return bool(item) and not re.search(r"[.!?:]$", item) and text[:1].islower()


_OPEN_QUARTER_RE = re.compile(r"\([A-Z]{2,4}(?:\s?/\s?[A-Z]{2,4})*,?\s+Q[1-4]$")
_LEAD_AND_QUARTER_RE = re.compile(
    r"\(?[A-Z]{2,4}(?:\s?/\s?[A-Z]{2,4})*,?\s+Q[1-4](?:\s+\d{2}(?:/\d{2})?)?\)?"
)
"""A lead's initials and a quarter, alone on a line ("RB Q1 26/27", "(KS, Q3 25/26)")."""


_ROW_TAIL_LINE_RE = re.compile(
    r"(?i)\b(?:red|amber|green|blue|on track|on target|complete|completed|delayed|"
    r"in progress|not started|not yet started|embedded|behind schedule)\s*$"
)


def _row_tail_line(text: str) -> bool:
    """A short line ending in a status or RAG word under a numbered item ("Head of
    Performance Q3 2025/26 On track Green"): the cells of the item's flattened row."""
    return (
        len(text.split()) <= 14
        and bool(_ROW_TAIL_LINE_RE.search(text))
        and not (_HEADING_LIKE_RE.match(text) or _MARKER_RE.match(text) or field_line(text))
    )


def _wrapped_at_width(item: Piece, text: str, width: int) -> bool:
    """The item's last line filled the document's width mid-sentence, and this long line,
    though it starts with a capital ("Partnership Board Head of …"), carries it on."""
    last = item.source.rsplit("\n", 1)[-1]
    return (
        width >= 60
        and len(last) >= 0.85 * width
        and not re.search(r"[.!?:]$", last)
        and len(text.split()) >= 6
        and not _HEADING_LIKE_RE.match(text)
        and not re.match(r"^[A-Z][\w' ]{2,40}:\s", text)  # "Decision from the meeting: …"
    )


def _wraps(text: str, following: str, width: int) -> bool:
    """The export wrapped this line: the next line carries on the sentence (it starts in
    lower case, or this line fills the document's width and stops mid-sentence)."""
    if not following or _MARKER_RE.match(following) or BULLET_RE.match(following):
        return False
    if split_row(following) is not None or re.search(r"[.!?:]$", text):
        return False
    if "|" in text and _fields_apart([c.strip() for c in text.split("|")]):
        return False  # "Task: … | Assigned to: … | Due: 2 Oct": a record's line, whole
    if field_line(following) is not None or _HEADING_LIKE_RE.match(following):
        return False  # the next record's field, or "Outcome B – …" opening the next part
    if _REF_OPENING_RE.match(following):
        return False  # "Ref 26/10 – …": the next record of a log
    if dated_opening(following):
        return False  # "Dec 2024 – Toolkit issued …": the next entry of a timeline
    if opens_with_a_capitals_status(following) or _TAGGED_ENTRY_RE.match(following):
        return False  # "LATE: Funding agreed …", "[PfA] Internships …": the next entry
    if text.endswith("</b>") and following[:1].isupper():
        return False  # "… — Lead: Head of Inclusion <b>ON TRACK</b>": a tag closes the item
    if re.search(r"(?:,|\b(?:and|or|the|of|to|for|with))$", text) and len(following.split()) > 2:
        return True  # "… 5 on track or in progress," / "1 not started …": one sentence
    if _GLUED_CELLS_RE.search(text[-60:]):
        return following[:1].islower()  # "… needs.June 2025ICB LeadIn progress": a whole row
    if text.endswith(")") or _DASH_STATUS_END_RE.search(text) or _dash_dated_end(text):
        return following[:1].islower()  # "… (Lead: X, by May) - in progress": it ends there
    if len(following.split()) <= 2 and normalise_status(following.strip(" :")):
        return False  # "Next" over the items that follow: a slide's list of its own
    return following[:1].islower() or (width >= 60 and len(text) >= 0.85 * width)


_REF_OPENING_RE = re.compile(
    r"(?i)^(?:ref|action|item)\.?\s*(?:no\.?\s*)?[A-Z]{0,3}\d{1,4}(?:[./-]\d{1,4})*\s*[\u2013\u2014:-]\s"
)
"""A line that opens a numbered record of a log ("Ref 26/10 – …", "Action 12: …")."""
_DATED_OPENING_RE = re.compile(
    r"^(?P<when>[^\u2013\u2014:-]{3,30}?)\s*(?:[\u2013\u2014:]|\s-)\s+(?P<what>\S.{8,})$"
)


def dated_opening(text: str) -> tuple[str, str] | None:
    """ "Oct 2024 – Revised EHC plan template in use": a line opening with a month or period
    and a dash, as a timeline's entries are written: the date and the rest."""
    match = _DATED_OPENING_RE.match(text.strip())
    if match is None or date_heading(match.group("when")) is None:
        return None
    return match.group("when").strip(), match.group("what").strip()


WORKSTREAM_CODE = r"[A-Z]{1,4}\d{1,3}[a-z]?"
"""A workstream's code tagging an entry ("WS2", "P1", "A3b")."""
_TAGGED_ENTRY_RE = re.compile(rf"^(?:\[[A-Za-z0-9 &]{{1,8}}\]|{WORKSTREAM_CODE}:)\s+[A-Z]")
"""An entry opening with its workstream's tag ("[PfA] Supported internships …", "WS2: …")."""


def _one_entry(sentences: list[str]) -> list[str]:
    """A timeline's line opening with its status ("IN PROGRESS  Writing a new template. The
    draft is out until 27 February. (EHC Quality Lead)") is one entry, whatever its
    sentences; a field printed after it ("Owner – Head of SEND") stays a line of its own."""
    out: list[str] = []
    for sentence in sentences:
        if out and field_line(sentence) is None and field_line(out[-1]) is None:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def _dash_dated_end(text: str) -> bool:
    """ "… (KM) – July", "… (RJ) – end of July": a date cell closing the line."""
    tail = re.search(r"\s[\u2013\u2014-]\s+([^\u2013\u2014-]{3,25})$", text)
    return tail is not None and names_a_date(tail.group(1))


_DASH_STATUS_END_RE = re.compile(
    r"\s[-\u2013\u2014]\s*(?i:complete[d]?|in progress|not (?:yet )?started|on track|delayed|"
    r"done|ongoing|embedded)\s*$"
)
"""A line that ends with its status after a dash ("… by May - in progress")."""


_NEXT_MEETING_RE = re.compile(r"(?i)(?:date of (?:the )?next|next) (?:meeting|board)(?: date)?$")
"""The label of the line giving the next meeting's date: it belongs to no action."""


@lru_cache(maxsize=4096)
def field_line(text: str) -> tuple[str, str] | None:
    """A "Label: value" line (or one whose label is glued to its value, "OwnerHead of SEND")
    naming a field of the record above it: the role and the value."""
    matches = (
        _FIELD_LINE_RE.match(text),
        _DASHED_FIELD_RE.match(text),
        _GLUED_LABEL_RE.match(text),
    )
    for match in matches:
        if match is None or not match.group("value").strip():
            continue
        if match.re is _GLUED_LABEL_RE and _glued_names(match.group("value")):
            return None  # "ActionBy whenWho leadsProgress": a header whose spaces were lost
        label = match.group("label").strip()
        if re.search(r"\s(?:key|words|codes?)$", label, re.I):
            return None  # "Progress key: Not started, …": the document's legend
        if _NEXT_MEETING_RE.match(label):
            return None  # "Date of next meeting: …" closes the minutes; no record's date
        role = column_role(label)
        if role == "milestone" and _a_date_alone(match.group("value")):
            role = "due"  # an issue's "Milestone: Q3 2024/25": when it is to be done
        if re.search(r"\sby$", label, re.I) and role in {None, "action"}:
            role = "owner"  # "Action by", "Led by": the lead; "Supported by": the partners
        if role == "action" and re.fullmatch(r"[\d,.%\s]+", match.group("value")):
            return None  # "Actions in the plan: 42": a count, not an action
        if role in _FIELD_ROLES:
            return role, match.group("value").strip()
    return _glued_to_lower_case(text) or _spaced_label(text)


_INLINE_LABEL_RE = re.compile(
    r"(?:(?<=[.;|])|(?<=\s))(?P<label>[A-Z][A-Za-z]+(?: [a-z]+){0,2}"
    r"(?: (?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|Q[1-4])(?: 20\d\d)?)?):\s+"
)
"""A label inside a line, dated too ("… Update March 2026: slightly behind …")."""


def _a_date_alone(value: str) -> bool:
    """A value that is a date and nothing more ("Q3 2024/25", "end of March")."""
    return len(value.split()) <= 4 and names_a_date(value)


def field_lines(text: str) -> list[tuple[str, str]]:
    """Every field of a "Label: value" line, where one line holds several ("Lead: Jo Bell
    Timescale: March 2026"): their roles and values; empty when it is no field line."""
    first = field_line(text)
    if first is None:
        return []
    role, value = first
    words, more = inline_fields(f"{role}: {value}")
    if not more:
        return _dotted_date(role, value)
    return [(role, words[len(role) + 1 :].strip().rstrip(".;|\u00b7").strip()), *more]


def _dotted_date(role: str, value: str) -> list[tuple[str, str]]:
    """A lead and the date after a middle dot ("Owner: Head of SEND QA · end Feb", as a
    slide or a web page sets them): the two fields."""
    lead, dot, when = value.rpartition(" \u00b7 ")
    if role == "owner" and dot and lead.strip() and (names_a_date(when) or _TBC_RE.fullmatch(when)):
        return [(role, lead.strip()), ("due", when.strip())]
    return [(role, value)]


_TBC_RE = re.compile(r"(?i)\s*(?:tbc|tbd|ongoing)\s*")


_ROLES = tuple(f"{role}: " for role in sorted(_FIELD_ROLES))


def inline_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """An action written on one line with its fields after it ("1. We will … Lead: Jo Bell.
    Timescale: March 2026. Status: On track."): the action's words, and each field's role and
    value; the text unchanged, and no fields, when fewer than two labels name known fields."""
    labels = [
        m
        for m in _INLINE_LABEL_RE.finditer(text)
        if column_role(m.group("label")) is not None or _OTHER_LABEL_RE.match(m.group("label"))
    ]
    found = [m for m in labels if column_role(m.group("label")) in _FIELD_ROLES]
    if not found or found[0].start() < 5 or (len(found) < 2 and not text.startswith(_ROLES)):
        return text, []
    fields = []
    for match in found:  # a value runs to the next label, a field's or not ("Labels: …")
        end = next((m.start() for m in labels if m.start() > match.start()), len(text))
        # "… – Lead: Head of SEND – Status: complete": the dash between two fields is neither's
        value = text[match.end() : end].split(" | ")[0]  # a pipe closes its cell
        value = value.strip().rstrip(".;|\u2013\u2014\u00b7-").strip()
        role = column_role(match.group("label")) or ""
        if value:
            fields.append((role, value))
    return text[: found[0].start()].rstrip().rstrip(";|\u2013\u2014-").rstrip(), fields


_OTHER_LABEL_RE = re.compile(
    r"^(?:Labels?|Tags?|Checklist|Attachments?|Priority|Category|Notes?|Description|Comments?"
    r"|Exception|Recovery|Original(?: target| due)? date)$"
)
"""Labels a tracker's card or record prints that name no field of an action: they end the
value before them (an exception report's "Original date", before the revised one)."""


def _glued_names(text: str) -> bool:
    """Column names glued together ("By whenWho leadsProgress")."""
    names = [n for n in _GLUED_AT_RE.split(text) if n.strip()]
    return len(names) >= 2 and sum(column_role(n) is not None for n in names) >= 2


def _glued_to_lower_case(text: str) -> tuple[str, str] | None:
    """A label glued to a value that starts in lower case ("Deadlineend of November",
    "RAGg", "Statusongoing"): read only where the rest is a value of the label's kind, as
    nothing else marks where the label ends."""
    if len(text) > 40 or not text[:1].isupper():
        return None
    token = text.split()[0]
    for end in range(2, min(len(token), 16)):
        role = column_role(token[:end])
        value = text[end:].strip()
        if value.split()[0] in _INFLECTIONS:
            continue  # "Deadlines are …", "Progressing …": the label's own word goes on
        if role and value[:1].islower() and _reads_as(role, value):
            return role, value
    return None


def _spaced_label(text: str) -> tuple[str, str] | None:
    """A label and its value with only a space between them, as a table flattened to one
    cell per line prints them ("Deadline 12/02/2026", "Deadline End of Feb"): read only where
    the value is of the label's kind, a date, a RAG or a status."""
    if len(text) > 40:
        return None
    words = text.split()
    for size in (1, 2):
        role = column_role(" ".join(words[:size])) if len(words) > size else None
        value = " ".join(words[size:])
        if not value[:1].isupper() and not value[:1].isdigit():
            continue  # "Deadlines are tight this term": a sentence, no cell
        if role in {"due", "rag", "status"} and _reads_as(role, value):
            return role, value
    return None


_INFLECTIONS = frozenset("s es d ed ing er ers ly al ss".split())


def _reads_as(role: str, value: str) -> bool:
    if role == "due":
        return names_a_date(value)
    if role == "rag":
        return len(value) <= 6 and read_rag(value) is not None
    return role == "status" and normalise_status(value) is not None


_LONE_CODE_RE = re.compile(r"\s*\(?\d{1,2}[a-z]?(?:\.\d{1,2})*[.)]\s*")
"""A code that opens a line ("1a.", "2.3."): the start of its sentence, not one."""


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    for chunk in _SENTENCE_RE.split(text):
        if parts and (
            _ABBREVIATION_END_RE.search(parts[-1])
            or _LONE_CODE_RE.fullmatch(parts[-1])
            or re.fullmatch(r"\([^()]{1,80}\)[.;]?\s*", chunk)  # "… 40 parents. (Head of SEND)"
        ):
            parts[-1] = f"{parts[-1]} {chunk}"
        else:
            parts.append(chunk)
    return [p.strip() for p in parts if p.strip()]


_GLUED_CELLS_RE = re.compile(r"[a-z]\.[A-Z0-9]|\d[A-Z]|[a-z]{3}[A-Z][a-z]")
"""Cells of a flattened table row glued where their delimiter was lost."""
_GLUED_AT_RE = re.compile(r"(?<=[a-z)]{2})(?=[A-Z][a-z])")
_TITLE_GLUE_RE = re.compile(r"(?<=[a-z]{2})(?=[A-Z])|(?<=\))(?=[A-Z][a-z])")
"""Where a title meets its notes: "WSoA progress overviewJB took …", "Plan (PAP)Claire …"."""
_GLUED_LABEL_AT_RE = re.compile(
    r"^(?P<label>(?i:(?:agreed\s+)?actions?|decisions?|notes?))(?=[A-Z])"
)


def _glued_title(item: Piece) -> list[Piece]:
    """A numbered item whose title was glued to its notes by a lost cell delimiter ("2. NHS
    therapies reviewThe group discussed … ActionsSarah Kent to …"), as minutes flattened
    from a table print them: the title is a heading, the notes are sentences, and those
    after a glued "Actions" label have it as their lead-in."""
    glue = _TITLE_GLUE_RE.search(item.text[:90])
    if item.marker != "number" or glue is None:
        return []
    title, notes = item.text[: glue.start()].strip(), item.text[glue.start() :]
    if not 1 <= len(title.split()) <= 12 or re.search(r"[.;]|:$", title):
        return []
    heading = f"{item.number}. {title}" if item.number else title
    out = [Piece("line", heading, heading, item.line, marker="heading")]
    lead_in = item.lead_in
    sentences = _sentences(notes)
    for position, sentence in enumerate(sentences):
        label = _GLUED_LABEL_AT_RE.match(sentence)
        if label:
            lead_in = f"{label.group('label')}:"
            sentence = sentence[label.end() :]
        out.append(
            Piece(
                "sentence",
                sentence,
                item.source,
                item.line,
                lead_in=lead_in,
                sentences=len(sentences),
                position=position,
            )
        )
    return out


def _numbered_paragraph(item: Piece) -> list[Piece]:
    """A numbered paragraph of a letter or a report ("4. We will move annual reviews online
    by 2 February (…). Alongside this, the team will send …"): its sentences, each with the
    paragraph's number, read as a paragraph's sentences are, so each commitment is one. A
    short numbered item of one sentence stays whole, and so does a report's "2.1" paragraph
    (a report's numbered paragraphs are its narrative, read a paragraph at a time)."""
    whole = item.marker == "number" and (item.number or "").isdigit()  # not a report's "2.1"
    sentences = _sentences(item.text) if whole else []
    if len(item.text) < NUMBERED_PARAGRAPH or len(sentences) < 2:
        return [item]
    return [
        Piece(
            "sentence",
            sentence,
            item.source,
            item.line,
            marker="number",
            number=item.number,
            lead_in=item.lead_in,
            sentences=len(sentences),
            position=position,
        )
        for position, sentence in enumerate(sentences)
    ]


NUMBERED_PARAGRAPH = 150
"""Characters from which a numbered item of two sentences or more is a paragraph of them."""


def _dotted_run(item: Piece) -> tuple[list[re.Match[str]], list[str]]:
    """The next numbers of an item numbered "1.1" printed inside it ("1.1 Do X – May 1.2 Do
    Y [Red] 1.3 …": a flattened list run together on one line), in order, and the numbers
    they print; none when there are none."""
    numbered = re.fullmatch(r"(\d{1,2})\.(\d{1,2})", item.number or "")
    if numbered is None:
        return [], []
    major, minor = numbered.group(1), int(numbered.group(2))
    found: list[re.Match[str]] = []
    numbers: list[str] = []
    while True:
        minor += 1
        position = found[-1].end() if found else 0
        follows = re.compile(rf"(?<=\s){major}\.{minor}\.?\s+(?=[A-Z])").search(item.text, position)
        if follows is None:
            return found, numbers
        found.append(follows)
        numbers.append(f"{major}.{minor}")


def _run_items(
    item: Piece, matches: list[re.Match[str]], numbers: list[str], marker: str
) -> list[Piece]:
    """The items of a numbered run printed inside ``item``: one per number, up to the next."""
    pieces = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(item.text)
        body = clean(item.text[match.end() : end])
        if body:
            pieces.append(
                Piece(
                    "item",
                    body,
                    item.source,
                    item.line,
                    marker=marker,
                    number=numbers[i],
                    lead_in=item.lead_in,
                )
            )
    return pieces


def _split_item(item: Piece) -> list[Piece]:
    """An item holding an inline numbered run ("1. Do X 2. Do Y", "1.1 Do X 1.2 Do Y") is
    one item per number."""
    dotted, dotted_numbers = _dotted_run(item)
    if dotted:
        pieces = [item, *_run_items(item, dotted, dotted_numbers, item.marker)]
        item.text = clean(item.text[: dotted[0].start()])
        return pieces
    numbers = list(_INLINE_NUMBER_RE.finditer(item.text))
    follows_own = bool(
        numbers
        and item.number
        and item.number.isdigit()
        and int(numbers[0].group(1)) == int(item.number) + 1
    )  # "1. Do X 2. Do Y": the item's own number opens the run
    if not follows_own and (len(numbers) < 2 or int(numbers[0].group(1)) > 2):
        return _numbered_paragraph(item)
    pieces = _run_items(item, numbers, [m.group(1) for m in numbers], "number")
    head = clean(item.text[: numbers[0].start()])
    if head and item.marker:
        item.text = head  # "1. Do X 2. Do Y": the item's own number opens the run
        pieces.insert(0, item)
    elif head:
        pieces.insert(0, Piece("line", head, item.source, item.line))
    return pieces


def _by_role(header: Header | None, cells: list[str]) -> dict[str, str]:
    """A row's cells by the role of their column (``col3`` where no header names it)."""
    if header is None:
        by_role = {f"col{i}": c for i, c in enumerate(cells) if c}
        _type_unnamed(by_role)
        return by_role
    by_role = {}
    for role, values in header.assign(cells).items():
        if role == "section":  # a "Priority" of Medium or Urgent is not a section
            values = [v for v in values if not PRIORITY_LEVEL_RE.match(v)]
            if not values:
                continue
        if role in {"action", "narrative"}:
            by_role[role] = _longest(values)  # "Task ID | Task Name": the words
        elif role == "ref" and all(a_record_number(v) for v in values):
            continue  # a tool's number for the record, not the plan's for the action
        elif role == "ref" and len(values) > 1:  # "ID | WBS", "Issue key | Issue id"
            by_role[role] = the_ref(values)
        else:
            by_role[role] = " <br> ".join(v.strip() for v in values)
    _type_unnamed(by_role)
    return by_role


def _per_paragraph(by_role: dict[str, str], count: int, lead_in: bool) -> dict[str, list[str]]:
    """The lead, date, status and RAG cells that hold one line per action paragraph."""
    per_item: dict[str, list[str]] = {}
    for role in ("ref", "owner", "due", "status", "rag"):
        values = _paragraphs(by_role.get(role, ""))
        if lead_in and len(values) == count + 1:
            values = values[1:]  # the lead-in's line of the cell beside it
        if len(values) == count > 1:
            per_item[role] = _unnumbered_values(values)
    return per_item


_VALUE_NUMBER_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+")


def _unnumbered_values(values: list[str]) -> list[str]:
    """A cell's lines numbered as the actions beside them are ("1. Director of Children's
    Services" / "2. Head of Performance"): each line without its number."""
    numbers = [_VALUE_NUMBER_RE.match(value) for value in values]
    if [int(n.group(1)) if n else 0 for n in numbers] != list(range(1, len(values) + 1)):
        return values
    return [value[n.end() :] if n else value for value, n in zip(values, numbers, strict=True)]


def its_own_line(cell: str, piece: Piece) -> str:
    """The line of a cell beside the row's paragraph, where the cell holds one line per
    paragraph ("■ (G)<br>▲ (A)" beside two actions); else the whole cell."""
    values = [plain(line) for line in _LINE_BREAK_RE.split(cell) if plain(line)]  # "■" kept
    if piece.lead_in and len(values) == piece.sentences + 1:
        values = values[1:]
    return values[piece.position] if len(values) == piece.sentences > 1 else cell


_LINE_BREAK_RE = re.compile(r"(?i)<br\s*/?>|</p>\s*<p[^>]*>")


_RAG_CELL_RE = re.compile(
    r"(?i)^(?:red|amber|green|blue|yellow|[ragb])"
    r"(?:\s*[-\u2013:/(].*|\s*[\u2190-\u21ff\u2b06\u2b07\u27a1]\ufe0f?)?$"
)
"""A colour or its letter alone, with its meaning ("Amber – some slippage") or the arrow of
its direction of travel ("G ↑"): not "R. Ng"."""
PRIORITY_LEVEL_RE = re.compile(r"(?i)^\s*(?:low|medium|high|urgent|important|critical)\s*$")


_OWN_NUMBER_RE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+[a-z]?[.)]?\s")
"""An action's own number opening its cell ("1.2 Introduce …")."""


def _type_unnamed(by_role: dict[str, str]) -> None:
    """Cells in columns the header did not name, typed by what they hold, whatever the column
    is called: a colour (alone, among a cell's labels "Blue;WS1", or tagged "RAG: Amber") is
    the row's RAG ("Health": Red), a status phrase alone its status (a board's "List": Doing)."""
    labelled = {
        role: found
        for role, value in by_role.items()
        if role.startswith("col") and (found := field_line(plain(value))) and found[0] != "action"
    }
    for role, value in list(by_role.items()):
        if not role.startswith("col"):
            continue
        if len(labelled) >= 2 and role in labelled and labelled[role][0] not in by_role:
            # "Ref: SG3-12 | Pilot … | Owner: EP Service | Due: …": a row of labelled cells
            del by_role[role]
            by_role[labelled[role][0]] = labelled[role][1]
            continue
        if "rag" not in by_role:
            parts = re.split(r"[;,]", value)
            colour = next((p for p in parts if _RAG_CELL_RE.match(p)), None)
            tag = next((t for p in parts if (t := rag_tag(p))), None)
            if colour is not None:
                by_role["rag"] = colour.strip()
            elif tag is not None:
                by_role["rag"] = tag[0]
        if "status" not in by_role and _a_status_alone(value):
            by_role["status"] = value.strip()


_RATED_STATUS_RE = re.compile(r"^[A-Za-z]+\s*[-\u2013\u2014:]\s*\S")
"""A rating and what it means: "GREY \u2013 not started yet", "BLUE \u2013 finished"."""


def _a_status_alone(value: str) -> bool:
    """A cell that holds only a status: a phrase of a few words, or a rating and its phrase."""
    words = len(value.split())
    short = words <= 3 or (words <= 6 and _RATED_STATUS_RE.match(value) is not None)
    return short and normalise_status(value) is not None


def _columns(header: Header | None, cells: list[str]) -> list[tuple[str, str]]:
    if header is None:
        return []
    return [(clean(name), clean(cell)) for name, cell in zip(header.names, cells, strict=False)]


def _paragraphs(cell: str) -> list[str]:
    """A cell's paragraphs and list items ("<br>", "<p>", "<li>", "•" inside the cell)."""
    if not cell:
        return []
    if "<" not in cell and "\u2022" not in cell:
        return [cell]
    return [clean(f.text) for f in cell_fragments(cell) if clean(f.text)] or [plain(cell)]


def _a_one_word_title(text: str) -> bool:
    """The one word of a task's or a part's name ("Sufficiency"), not a code ("A12", "PFA"),
    a column's name ("Action") or a status ("Delayed") slipped into the column."""
    return (
        re.fullmatch(r"[A-Z][a-z]{2,}(?:-[A-Za-z]+)*", text) is not None
        and column_role(text) is None
        and normalise_status(text) is None
    )


def _longest(cells: list[str]) -> str:
    return max(cells, key=lambda c: len(c.split()))


def _aligned_starts(line: str) -> list[int] | None:
    """Where the columns of a space-aligned header start ("Ref   Action      Lead   By when"),
    or None when the line is not such a header: not a field labelled and spaced out to
    line its value up with the others' ("RAG:            A  (no change)")."""
    parts = [m for m in re.finditer(r"\S+(?: \S+)*", line)]
    if len(parts) < 3 or parts[0].group(0).endswith(":"):
        return None
    if not is_header([m.group(0) for m in parts]):
        return None
    return [m.start() for m in parts]


def _aligned_cells(line: str, starts: list[int]) -> list[str] | None:
    """A line cut at the header's column starts (moved left to a space where a word
    crosses one); None when it fills only the first column (a heading or prose)."""
    bounds = []
    for start in starts[1:]:
        cut = min(start, len(line))
        while 0 < cut < len(line) and line[cut - 1] != " " and line[cut] != " ":
            cut -= 1
        bounds.append(cut)
    edges = [0, *bounds, len(line)]
    cells = [line[edges[i] : edges[i + 1]].strip() for i in range(len(edges) - 1)]
    if sum(1 for c in cells[1:] if c) == 0:
        return None
    return cells


def _prose_across(line: str, starts: list[int]) -> bool:
    """A line of words running across two or more of a space-aligned table's columns with no
    gap wider than a space: a paragraph after the table, not one of its rows."""
    text = line.strip()
    return "  " not in text and len(starts) > 2 and len(line.rstrip()) > starts[2] + 10


def _spaced_cells(line: str, starts: list[int]) -> list[str] | None:
    """A row of a table whose cells are separated by two spaces (an export's delimiter: an
    empty cell leaves four spaces) when that gives the header's number of columns; else the
    line cut where a space-aligned header's columns start."""
    cells = [c.strip() for c in line.strip("\n").lstrip().split("  ")]
    while len(cells) > len(starts) and not cells[-1]:
        cells.pop()
    if len(cells) == len(starts) and sum(1 for c in cells if c) >= 2:
        return cells
    return _aligned_cells(line, starts)


_REF_LINE_RE = re.compile(
    r"^\s*(?:[A-Z]{0,4}\d{1,3}(?:[.-]\d{1,3}){0,3}[a-z]?\.?|[A-Z]{2,5}-\d{2,5}"
    r"|Item \d{1,2}(?:\.\d{1,2}){0,2}(?:\([a-z]\))?)\s*$"
)
"""A line holding only a ref ("1.1", "PA1.2", "3a", "2.", "P1-01", "ACT-0031", "Item
6.2(b)")."""
_HEADING_LIKE_RE = re.compile(
    r"^\s*(?:[A-Z]{1,3}\d+\b|(?:priority|workstream|theme|objective|area|outcome)\b)", re.I
)


def _unstack_tables(lines: list[str]) -> list[str]:
    """A table flattened one cell per line (an HTML table copied as text): its records, each
    from a line holding only its ref to the next, become tab-separated rows, each line a cell
    (an empty cell copies as a blank line); a heading line between records stays a line. The
    header is a column name per line (then one tab-separated header) or one line of names
    with single spaces (kept, so records written on one line are read as flattened rows).
    Only tables whose first column is the ref are told apart this way."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        names = _stacked_header(lines, i)
        stacked = bool(names)
        if stacked:
            out.append("\t".join(names))
            i += len(names)
        else:
            names = (_spaced_header(lines[i]) or []) if _a_ref_line_follows(lines, i + 1) else []
            out.append(lines[i])
            i += 1
        roles = [column_role(n) for n in names]
        if len(roles) >= 3 and roles[0] == "ref" and "action" in roles:
            i = _stacked_records(lines, i, roles, out)
        elif stacked and not _labels_glued_below(lines[i : i + 3 * len(names)], names):
            i = _unnumbered_records(lines, i, roles, out)
    return out


_STACKED_NAME_RE = re.compile(r"[A-Za-z0-9%/&()'’.,:?# -]{1,45}")


def _stacked_header(lines: list[str], start: int) -> list[str]:
    """Column names one per line: every one a known column's name but at most one, the first
    the ref's and one the action's."""
    names: list[str] = []
    for line in lines[start : start + 12]:
        name = line.strip()
        long = len(name.split()) > (9 if column_role(name) else 6)  # "How we will know it …"
        if not _STACKED_NAME_RE.fullmatch(name) or " \u2013 " in name or long:
            break  # "Workstream 1 – Workforce development" opens the rows, it names no column
        if _REF_LINE_RE.match(name) or (
            _HEADING_LIKE_RE.match(name) and re.search(r"\d|\b[A-Z]$", name)
        ):
            break  # a record's ref, or "Priority 1: …" / "Priority A" above the first record
        names.append(name)
    roles = [column_role(n) for n in names]
    while roles and roles[-1] is None:
        roles.pop()
        names.pop()
    known = [r for r in roles if r]
    if len(names) < 3 or "action" not in roles or len(set(known)) < 3:
        return []
    if roles[0] == "ref" and roles.count(None) <= 1:
        return names
    # No ref column: only a longer run of distinct names, dated or owned, heads records.
    distinct = len(set(known)) == len(known) and {"owner", "due"} <= set(known)
    opened = roles[0] is not None  # not a page heading above the table ("The plan")
    return names if distinct and opened and len(names) >= 4 and roles.count(None) <= 2 else []


def _a_ref_line_follows(lines: list[str], i: int) -> bool:
    """A line holding only a ref comes within the next lines, with only blank lines and
    headings before it: a header on the line above may head records one cell per line. Asked
    before the line is read as a header, as it is asked of every line."""
    for line in lines[i : i + 4]:
        if _REF_LINE_RE.match(line):
            return True
        if line.strip() and not _HEADING_LIKE_RE.match(line):
            return False
    return False


def _stacked_records(lines: list[str], i: int, roles: list[str | None], out: list[str]) -> int:
    """Rows from ``lines[i:]`` for as long as records follow; the index after them. A record
    written on one line ("1.3 Issue … Blue") stays as it is, for the flattened-row reader."""
    shape: str | None = None
    longest = 0  # the most lines a record followed by another has had
    while i < len(lines):
        gap = i
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i >= len(lines):
            return i
        if not _REF_LINE_RE.match(lines[i]):
            opening = shape or _ref_shape(lines[i].split()[0])  # "1.1 Establish … B" may be first
            if _heads_records(lines[i]):  # "Weakness 2: …" between records
                out += ["", lines[i].strip()]
            elif _one_line_record(lines[i], opening):
                shape = opening
                out.append(lines[i])
            else:
                return gap  # the table ends, and the blank lines after it stay
            i += 1
            continue
        ref = lines[i].strip()
        shape = shape or _ref_shape(ref)
        i += 1
        cells: list[str] = []
        while i < len(lines) and not _ends_a_record(lines[i], shape):
            cells.append(lines[i].strip())
            i += 1
        while cells and not cells[-1]:
            cells.pop()
        rest: list[str] = []
        if i < len(lines) and _REF_LINE_RE.match(lines[i]):
            longest = max(longest, len(cells))
        elif longest and len(cells) > longest + 1:
            # The table's last record: the page's lines after it ("Back to top", "Was this
            # page helpful?") are not its cells; no record of it has run this long.
            cells, rest = cells[: longest + 1], cells[longest + 1 :]
        row, after = _aligned_record(cells, roles[1:], page_follows=True)
        after += [line for line in rest if line]
        out.append("\t".join([ref, *row]))
        if after:  # the next section's heading, or the page's last lines
            out += ["", *after]
    return i


def _labels_glued_below(lines: list[str], names: list[str]) -> bool:
    """The lines below open with the names glued to their values ("OwnerHoS SEND"): the
    names were a legend of minutes' labels, not a table's header."""
    glued = re.compile("|".join(re.escape(name) for name in names) + r"(?=[A-Z0-9])")
    return sum(1 for line in lines if glued.match(line.strip())) >= 2


_A_RECORD = 3.0
"""The least a run of lines holding a date or a colour must score as a record with no ref
(an action, a lead and the date or colour in their columns) to be read as one; with more
typed columns, a third of what a record filling every column scores ("Was this page
helpful?", "Yes", "No", "Contact us", "© 2023 …" fill a few)."""
_A_RECORDS_COST = 2.0
"""What reading one more record costs the path: the page's lines after the table ("Most
audited plans judged good" / "Ongoing." / "Related pages") fill a weak record that would
otherwise add to the total; a real record scores far more."""
_BEST_FIT = {"due": 3.0, "start": 3.0, "rag": 4.0, "status": 2.0, "action": 2.0, "owner": 1.0}
"""The most one line scores in a column of each kind (``_fit``)."""


def _unnumbered_records(lines: list[str], i: int, roles: list[str | None], out: list[str]) -> int:
    """Rows from ``lines[i:]`` of a table with no ref column, one cell per line; the index
    after them. Nothing marks where a record starts, so the records are found together by
    dynamic programming over the lines: each record is the run of lines that best fills the
    header's columns in order (as ``_aligned_record`` scores it), a heading between records
    ("Workstream 2 – …") stays a line, and the table ends where the best total stops
    growing. Read twice: the page's lines after the table may fill a weak record ("Was this
    page helpful?", "Report an error", "© 2023 …"), so the second reading takes only records
    scoring at least half what the first reading's middle record did."""
    filled = 1.0 + sum(_BEST_FIT.get(role or "", 0.0) for role in roles)
    least = max(_A_RECORD, 0.35 * filled)
    parts = _records_path(lines, i, roles, least)
    scores = sorted(score for _, _, kind, score in parts if kind == "record")
    if not scores:
        return i
    parts = _records_path(lines, i, roles, max(least, scores[len(scores) // 2] / 2))
    for p, q, kind, _ in parts:
        if kind == "heading":
            out += ["", lines[p].strip()]
        elif kind == "record":
            row, _ = _aligned_record([text.strip() for text in lines[p:q]], roles)
            out.append("\t".join(row))
    return parts[-1][1] if parts else i


def _records_path(
    lines: list[str], i: int, roles: list[str | None], least: float
) -> list[tuple[int, int, str, float]]:
    """The best run of records, headings and blank lines from line ``i``: (start, end, kind,
    score) of each, records scoring at least ``least``."""
    most = min(40, 3 * len(roles))
    last = min(len(lines), i + 2000)
    stripped = [text.strip() for text in lines[i : last + most]]
    kinds = [role for role in roles if role in ("due", "start", "rag")]
    typed = [any(_fit(text, role) > 0 for role in kinds) for text in stripped]
    # line → (the path's best total to it, where its last part starts, that part's kind and
    # its own score)
    best: dict[int, tuple[float, int, str, float]] = {i: (0.0, i, "", 0.0)}
    for p in range(i, last):
        if p not in best:
            continue
        here, line = best[p][0], stripped[p - i]
        steps: list[tuple[int, float, str]] = []
        if not line:
            steps.append((p + 1, -0.1, "blank"))
        elif (_HEADING_LIKE_RE.match(line) or keyword_heading(line)) and len(line) < 120:
            steps.append((p + 1, 1.0, "heading"))
        window = stripped[p - i : p - i + most]
        scores = _alignments(window, roles)
        first = next((k for k in range(len(window)) if typed[p - i + k]), len(window))
        for k in range(first + 1, len(window) + 1):
            score = scores.get((k, len(roles)), (-1e9, 0))[0]
            if score >= least and (k == len(window) or window[k - 1]):
                steps.append((p + k, score, "record"))
        for q, score, kind in steps:
            total = here + score - (_A_RECORDS_COST if kind == "record" else 0.0)
            if q not in best or total > best[q][0]:
                best[q] = (total, p, kind, score)
    q = max(best, key=lambda q: (best[q][0], -q))
    parts: list[tuple[int, int, str, float]] = []
    while q != i:
        _, p, kind, score = best[q]
        parts.append((p, q, kind, score))
        q = p
    return parts[::-1]


def _ref_shape(ref: str) -> str:
    """ "1.2" and "3.4" have one shape, "212" another: a count opening a progress cell is not
    the next record's ref."""
    return re.sub(r"[a-z]", "a", re.sub(r"[A-Z]+", "A", re.sub(r"\d+", "9", ref.strip())))


def _one_line_record(line: str, shape: str | None) -> bool:
    ref = line.split(maxsplit=1)[0] if line.strip() else ""
    return opens_flat_row(line) and len(line.split()) > 6 and _ref_shape(ref) == shape


def _ends_a_record(line: str, shape: str | None) -> bool:
    return bool(
        _REF_LINE_RE.match(line)
        or _one_line_record(line, shape)
        or (_heads_records(line) and not _reads_as_cell(line))
    )


def _heads_records(line: str) -> bool:
    """A heading between a flattened table's records ("Priority 2 …", "Weakness 2: …")."""
    return len(line) < 120 and bool(_HEADING_LIKE_RE.match(line) or _PART_HEADING_RE.match(line))


def _reads_as_cell(line: str) -> bool:
    return names_a_date(line) or read_rag(line) is not None


_SKIP = -0.6
"""What leaving a column empty costs where no blank line says the cell was empty."""
_MANY_LINES = {"action", "measures", "status", "partners", "detail", None}
"""Columns whose cell may run over several lines."""


def _aligned_record(
    lines: list[str], roles: list[str | None], *, page_follows: bool = False
) -> tuple[list[str], list[str]]:
    """A record's lines as its cells, in the header's order: each line goes to the column
    whose kind of value it reads as (a date to the date, a colour to the RAG, a short name
    to the lead), a blank line is an empty cell, and lines that fit no column are returned
    after the row. Found by dynamic programming over (lines used, columns used)."""
    n, m = len(lines), len(roles)
    best = _alignments(lines, roles, page_follows=page_follows)
    end = max(range(n + 1), key=lambda k: best.get((k, m), (-1e9, 0))[0] - 1.0 * (n - k))
    cells: list[str] = []
    k = end
    for j in range(m, 0, -1):
        i = best[(k, j)][1]
        cells.append(_cell_text(lines[i:k], roles[j - 1]))
        k = i
    return cells[::-1], [line for line in lines[end:] if line]


def _alignments(
    lines: list[str], roles: list[str | None], *, page_follows: bool = False
) -> dict[tuple[int, int], tuple[float, int]]:
    """(lines used, columns filled) → the best score of filling the first columns with the
    first lines, and where the last of those columns' cell starts. ``page_follows``: the
    lines run on past the table into the page's own ("Latest update", "Back to top")."""
    best: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, 0)}
    for j in range(len(roles)):
        for i in range(len(lines) + 1):
            if (i, j) not in best:
                continue
            score = best[(i, j)][0]
            for k, gain in _cell_choices(lines, i, roles[j], j == 0, page_follows):
                if k == i:  # an empty cell: rather a later column's ("Partners") than the lead's
                    gain -= 0.01 * (len(roles) - j)
                key = (k, j + 1)
                if key not in best or score + gain > best[key][0]:
                    best[key] = (score + gain, i)
    return best


def _cell_text(lines: list[str], role: str | None = None) -> str:
    """A cell's lines: a line starting in lower case carries on the one before it; any other
    is a paragraph of its own, but in the action's cell only a bullet or an action's verb
    opens one ("Introduce a tracker." / "The Head of Service reviews …": one action)."""
    text = ""
    for line in lines:
        if text:
            verb = line.split(" ", 1)[0].lower() in ACTION_VERBS or BULLET_RE.match(line)
            apart = not line[:1].islower() and (role != "action" or verb)
            text += "<br>" if apart else " "
        text += line
    return text


def _cell_choices(
    lines: list[str], i: int, role: str | None, first: bool, page_follows: bool
) -> list[tuple[int, float]]:
    """Where a cell of ``role`` starting at line ``i`` may end, and what each choice scores."""
    choices = [(i, _SKIP)]
    if i < len(lines) and not lines[i]:  # a blank line: this cell is empty, or a stray gap
        after = _cell_choices(lines, i + 1, role, first, page_follows)[1:]
        empty = 0.3 + (1.0 if first else 0.0)  # a record's first cell may be empty
        return [(i + 1, empty), *((k, gain - 0.5) for k, gain in after), *choices]
    total = 0.0
    for k in range(i, min(len(lines), i + 8)):
        line = lines[k]
        if not line:
            break
        if k == i:
            fit = _fit(line, role) + (1.0 if first else 0.0)
        elif role not in _MANY_LINES:
            break
        else:  # a cell's first line tells its kind; the lines after it only carry it on
            listed = BULLET_RE.match(line) and BULLET_RE.match(lines[i])
            ended = lines[k - 1].endswith((".", "!", "?"))  # a new sentence: likelier a new cell
            fit = 0.6 if line[:1].islower() or listed else -0.8 if ended else -0.5
            if page_follows and _A_PAGES_HEADING_RE.fullmatch(line):
                fit = -3.0  # "Latest update" after the last record: the page's, not a cell's
        total += fit
        choices.append((k + 1, total))
    return choices


_A_PAGES_HEADING_RE = re.compile(r"[A-Z][a-z]+(?: [a-z]+){0,2}\??")
"""A few words with no number or full stop ("Latest update", "Back to top"): a heading or a
link of the page, not the next line of a cell."""


@lru_cache(maxsize=8192)
def _fit(line: str, role: str | None) -> float:
    """How well one line reads as a value of the column's kind."""
    words = len(line.split())
    rag = _RAG_CELL_RE.match(line) is not None and read_rag(line) is not None and words <= 4
    status = normalise_status(line) is not None and words <= 6
    if role in ("due", "start"):
        dated = names_a_date(line) or read_date(line).precision is not Precision.NONE
        undated = re.match(r"(?i)(?:tbc|tbd|n/?a)\b", line) and words <= 8  # "TBC - subject to …"
        return 3.0 if words <= 8 and dated or undated else -4.0
    if role == "rag":
        return 4.0 if rag else -4.0
    if rag or words <= 5 and names_a_date(line):
        return -3.0
    if role == "status":  # "Complete", or a sentence saying how it stands
        return 2.0 if status else 1.0 if find_status(line) is not None else 0.3
    if role in ("owner", "partners"):
        short = words <= 10 and not line.endswith(".")
        return (1.0 if short else -2.0) - (2.0 if status else 0.0)
    if role == "action":
        verb = line.split(" ", 1)[0].lower() in ACTION_VERBS  # "Set up …", not "Families are …"
        return (1.0 if words >= 4 else -0.5) + (1.0 if verb else 0.0)
    return 0.0


def an_empty_field(text: str) -> bool:
    """ "Due date:" with nothing after it: a record's empty field, not a list's lead-in
    ("Actions:" and "Measures of success:" are)."""
    return text.endswith(":") and column_role(text[:-1]) in _FIELD_ROLES - {"action", "measures"}


_GLUE_POINT_RE = re.compile(r"(?<=[a-z)\d.])(?=[A-Z])")
_AFTER_CAPITALS_RE = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])")
_LABEL_WORDS_RE = re.compile(r"[A-Z][a-z]+(?: [a-z]+){0,2}|B?RAG")


_GLUED_ITEM_RE = re.compile(r"(?i:item|agenda item)\s*\d{1,2}\.?(?=\s*[A-Z])")
"""An agenda item's number glued to its title ("Item5Health update: …")."""
_NOTES_LABEL_AT_RE = re.compile(r"(?<=[a-z)\d])(?=(?:Notes|Discussion|Summary)[A-Z])")
"""Where an agenda item's title meets its glued notes ("… pathwayNotesM Haines …")."""


def _glued_line_title(line: str) -> tuple[str, str] | None:
    """A topic glued to the notes after it ("Co-production charterYasmin Farah reported
    …"), as minutes flattened from a table print each row: the topic, and the notes."""
    if _MARKER_RE.match(line) or BULLET_RE.match(line) or line[:1].isspace():
        return None
    item = _GLUED_ITEM_RE.match(line)
    notes_label = item and _NOTES_LABEL_AT_RE.search(line, item.end())
    if notes_label and len(line[: notes_label.start()].split()) <= 16:
        return line[: notes_label.start()].strip(), line[notes_label.start() :].strip()
    glue = _TITLE_GLUE_RE.search(line[:70])
    if glue is None:
        return None
    title, notes = line[: glue.start()].strip(), line[glue.start() :].strip()
    if not 2 <= len(title.split()) <= 8 or re.search(r"[.;:,]", title) or len(notes.split()) < 4:
        return None
    if not re.search(r"[.!?](?:\s|$)", notes):
        return None  # "In attendanceLiz Rowe (Board Officer)": a field, not notes of a topic
    if column_role(title) is not None:
        return None
    return title, notes


_GLUED_NAME_RE = re.compile(
    _GLUED_AT_RE.pattern
    + r"|(?<=[a-z]{2})(?=B?RAG(?:[A-Z]|$))|(?<=RAG)(?=[A-Z][a-z])|(?<=^No\.)(?=[A-Z])"
)
"""Where two column names meet, "…StatusRAG" and "No.Action" too."""


def _glued_header(line: str) -> list[str] | None:
    """A line of column names glued together ("Agenda itemNotesActions agreedBy whomBy
    when"), as a table's header prints when its delimiters are lost: its names."""
    if "\t" in line or "|" in line or len(line) > 120 or " " not in line.strip() + " ":
        return None
    names = [n.strip() for n in _GLUED_NAME_RE.split(line.strip()) if n.strip()]
    if len(names) < 2 or any(len(n.split()) > 4 for n in names):
        return None
    value = names[-1]
    if len(names) == 2 and (
        normalise_status(value) or read_date(value).precision != Precision.NONE
    ):
        return None  # "TimescaleComplete", "TimescaleMonthly from May": a label and its value
    known = sum(column_role(n) is not None for n in names)
    return names if known >= 0.6 * len(names) and known >= 2 else None


def _spaced_header(line: str) -> list[str] | None:
    """A line of column names with only single spaces between them ("Ref What we will do Who
    When Progress RAG"), as a web page's table header copies: its names, where every word
    falls in one (the shortest name first: "Ref", not "Ref What …")."""
    words = line.split()
    if not 3 <= len(words) <= 24 or "\t" in line or "|" in line or len(line) > 160:
        return None
    if re.search(r"[;,:] |[a-z]{4,}\. [A-Z]|[a-z]:[A-Z]", line):
        return None  # a sentence's punctuation, a label glued to its value: not names
    names: list[str] = []
    start = 0
    while start < len(words):
        for end in range(start + 1, min(len(words), start + 5) + 1):
            name = " ".join(words[start:end])
            role = column_role(name)
            if role is not None:
                end = _other_role_end(words, start, end, role)  # "What difference …"
                names.append(" ".join(words[start:end]))
                start = end
                break
        else:
            tail = _name_tail(names[-1], words[start:]) if names else ""
            if not tail:
                return None
            names[-1], start = f"{names[-1]} {tail}", start + len(tail.split())
    merged: list[str] = []
    for name in names:  # "Lead officer": one column, not "Lead" and "officer"
        joined = f"{merged[-1]} {name}" if merged else ""
        if merged and column_role(name) == column_role(merged[-1]) == column_role(joined):
            merged[-1] = joined
        else:
            merged.append(name)
    if any(name.count("(") != name.count(")") for name in merged):
        return None  # "Risks to the roadmap (full detail in …)": a title, not names
    return merged if len(merged) >= 3 else None


def _other_role_end(words: list[str], start: int, end: int, role: str) -> int:
    """Where a column name starting at ``start`` ends: at ``end``, unless the same words run
    on, in lower case, into a name of another role ("What" is the action's, "What
    difference" the measures')."""
    for longer in range(end + 1, min(len(words), start + 5) + 1):
        if not words[longer - 1].islower():
            break
        other = column_role(" ".join(words[start:longer]))
        if other is not None and other != role:
            return longer
    return end


def _name_tail(name: str, words: list[str]) -> str:
    """The lower-case words that carry a column name on ("Measure" + "of success", "What" +
    "we will do"): the fewest that keep its role, none where no such words follow."""
    role = column_role(name)
    for count in range(1, min(len(words), 8 - len(name.split())) + 1):
        if not words[count - 1].islower():
            break
        if column_role(f"{name} {' '.join(words[:count])}") == role:
            return " ".join(words[:count])
    return ""


@lru_cache(maxsize=4096)
def _glued_labels(cell: str) -> tuple[tuple[str | None, str], ...]:
    """A cell cut where a known field label is glued onto its value ("By whomClaire
    Stanton", "… to all partnersBy whenNext meeting"): (label or None, value) parts."""
    starts: list[tuple[int, int, str]] = []  # (label start, value start, label)
    points = {0, *(m.start() for m in _GLUE_POINT_RE.finditer(cell))}
    points.update(m.start() for m in _AFTER_CAPITALS_RE.finditer(cell))  # "ICBOwnerJo Bell"
    for point in sorted(points):
        words = _LABEL_WORDS_RE.match(cell, point)
        if words is None:
            continue
        for end in range(point + 2, words.end() + 1):
            empty_last = point > 0 and end == len(cell)  # "… StatusNSUpdate": no update
            if not empty_last and not _a_value_starts(cell, point, end):
                continue
            label = cell[point:end]
            if not label.endswith(" ") and column_role(label) in _FIELD_ROLES:
                starts.append((point, end, label))
                break
    # A label right after a label is its value ("StatusCompleteRAGB": "Complete").
    kept: list[tuple[int, int, str]] = []
    for start in starts:
        if not kept or start[0] > kept[-1][1]:
            kept.append(start)
    starts = kept
    parts: list[tuple[str | None, str]] = []
    if not starts or starts[0][0] > 0:
        parts.append((None, cell[: starts[0][0] if starts else len(cell)]))
    for index, (_, value_start, label) in enumerate(starts):
        value_end = starts[index + 1][0] if index + 1 < len(starts) else len(cell)
        parts.append((label, cell[value_start:value_end]))
    return tuple((label, value.strip()) for label, value in parts if value.strip())


def _a_value_starts(cell: str, point: int, end: int) -> bool:
    """A value could start at ``end`` after a label glued on at ``point``: a capital or a
    digit, or ("… ManagerDue 31/03/2026") a space and one, the label glued on its left."""
    if end >= len(cell):
        return False
    after = cell[end : end + 2]
    return (
        after[0].isupper()
        or after[0].isdigit()
        or (
            point > 0
            and after[0] == " "
            and after[1:2].isalnum()
            and after[1:] == after[1:].upper()
        )
    )


_ROW_GLUE_RE = re.compile(
    _GLUE_POINT_RE.pattern + r"|(?<=[a-z])(?=\d)"
    r"|(?<=[A-Z]{2})(?=(?:Q[1-4]|\d{1,2}[/.]|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|Spring|Summer|Autumn|End|Ongoing)[a-z]*\b))"
)
"""The glue points of a label, and a word glued to a number ("Hennessy19/12/2025")."""


_ROW_CELL_GLUE_RE = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=[)\d.]))(?=[A-Z])|(?<=[a-z])(?=\d)|(?<=[a-z][RAGB])(?=[A-Z][a-z])"
    r"|(?<=[A-Z]{2})(?=(?:Q[1-4]|\d{1,2}[/.]|\d{1,2}\s+[A-Z][a-z]{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul"
    r"|Aug|Sep|Oct|Nov|Dec|Spring|Summer|Autumn|End|Ongoing|Next|next)[a-z]*\b))"
)
"""Where a flattened row's cells meet with nothing between them: a word's end and the next
cell's capital (not "McDonald", "YouTube"), a word and a number, initials and a date, a RAG
letter and the update after it ("OverdueRWaiting …")."""


def _unglued_row(line: str) -> str | None:
    """A row under a header printed with spaces whose own cells a lost delimiter glued
    ("9Produce the guideSR31/01/2026CompleteCirculated …"): its cells with a space between,
    to be cut by their types as any flattened row is."""
    glued = _glued_pieces(line)
    if glued is None:
        return None
    ref, text, spans = glued
    cells = [text[a:b].strip() for a, b in spans]
    return " ".join([ref, *cells]) if len(cells) >= 3 else None


def _glued_pieces(line: str) -> tuple[str, str, list[tuple[int, int]]] | None:
    """A glued row's ref, its text and the spans of the pieces between its glue points."""
    text = line.strip()
    ref = GLUED_REF_RE.match(text)
    if ref is None:
        return None
    cuts = [ref.end(), *(m.start() for m in _ROW_CELL_GLUE_RE.finditer(text, ref.end())), len(text)]
    spans = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]
    return ref.group("ref"), text, spans


def _glued_cells(line: str, roles: list[str | None]) -> list[str] | None:
    """A whole row on one line under a header printed with spaces, its cells glued by a
    lost delimiter: the glue points are where its cells meet, so the pieces between them
    are laid on the header's columns by their types (a date, a status, a RAG, a lead's
    names), the free text taking as many pieces as it must. None where they do not fit."""
    glued = _glued_pieces(line) if roles[:1] == ["ref"] and "due" in roles else None
    if glued is None:
        return None
    ref, text, spans = glued
    first_status = roles.index("status") if "status" in roles else len(roles)
    kinds = [None if r == "status" and i > first_status else r for i, r in enumerate(roles)]
    laid = _laid(text, spans, kinds[1:])  # a second progress column is the update's words
    return None if laid is None else [ref, *laid]


_FREE_ROLES = frozenset({"action", "measures", "narrative", None})


def _laid(text: str, spans: list[tuple[int, int]], roles: list[str | None]) -> list[str] | None:
    """``spans`` of ``text`` laid on ``roles`` in order: a typed column takes one piece of
    its type, a free one (the action, measures, notes) one or more; columns left at the end
    after the date stay empty."""
    if not roles:
        return [] if not spans else None
    if not spans:  # a row's last cells may be empty, not the date it is laid on
        return None if {"due", "start"} & set(roles) else [""] * len(roles)
    role, rest = roles[0], roles[1:]
    if role in _FREE_ROLES:
        for end in range(1, len(spans) + 1):
            laid = _laid(text, spans[end:], rest)
            if laid is not None:
                return [text[spans[0][0] : spans[end - 1][1]].strip(), *laid]
        return None
    piece = text[spans[0][0] : spans[0][1]].strip()
    if not _of_its_type(piece, role):
        return None
    if role == "status" and not rest:  # "CompleteCirculated to all practices": its update
        return [" ".join(text[a:b].strip() for a, b in spans)]
    laid = _laid(text, spans[1:], rest)
    return None if laid is None else [piece, *laid]


def _of_its_type(piece: str, role: str | None) -> bool:
    """Whether a glued row's piece could be the cell of a typed column."""
    if role in ("due", "start"):
        shaped = re.fullmatch(r"(?i)ongoing|tbc|next meeting|\d{1,2}/\d{1,2}/\d{2,4}", piece)
        return names_a_date(piece) or bool(shaped)  # "31/11/2025": a date cell, if no day
    if role == "status":
        return normalise_status(piece) is not None
    if role == "rag":
        return read_rag(piece) is not None
    words = piece.split()
    return (
        0 < len(words) <= 8
        and piece[:1].isupper()
        and not names_a_date(piece)
        and normalise_status(piece) is None
    )


def _glued_row(line: str, width: int) -> list[str] | None:
    """A row under a header whose delimiters were lost ("AL-15Publish the guide for
    schoolsRob Hennessy19/12/2025Complete"): its cells, where the glue points cut it into
    exactly as many as the header has."""
    cells = [c.strip() for c in _ROW_GLUE_RE.split(line.strip())]
    return cells if len(cells) == width >= 3 and all(cells) else None


def _glued_record(cells: list[str]) -> list[str] | None:
    """A row (or a line) whose cells carry their labels glued on, as minutes flattened from
    a table print them: its "Label: value" lines, the unlabelled first part its action."""
    filled = [plain(c) for c in cells if c.strip()]  # "<b>Lead:</b> …": its label bold
    if len(filled) >= 2 and all(_FIELD_LINE_RE.match(c) and field_line(c) for c in filled):
        return filled  # "Lead: Head of SEND | Due: March 2026" under an action
    parts = [part for cell in cells for part in _glued_labels(cell.strip())]
    if sum(1 for label, _ in parts if label) < 2:
        return None
    lines: list[str] = []
    labelled_action = any(label and column_role(label) == "action" for label, _ in parts)
    for label, value in parts:
        if label is None and lines:
            lines[-1] = f"{lines[-1]} {value}"
        elif label is None and labelled_action:
            lines.append(value)  # "Item4 Annual reviewsNotes …" before its "Action…": no action
        else:
            lines.append(f"{label or 'Action'}: {value}")
    return lines


def _carries_on(last: str, first: str) -> bool:
    """An unlabelled first cell in lower case, a bracket or a number after an "Action…" line
    ("revised versions | OwnerImran …", "(advice, draft, final) for …Owner…", "2026 with the
    DfE adviserOwner…"): the end of that action's text, wrapped onto this row."""
    label = field_line(last)
    opening = first[8:9]
    return (
        first.startswith("Action: ")
        and (opening.islower() or opening.isdigit() or opening in "([")
        and label is not None
        and label[0] == "action"
    )


def _key_value(cells: list[str]) -> list[str] | None:
    """A two-cell row naming a field and its value ("Lead | Head of SEND"), as a table per
    action (an action card) prints each: the "Label: value" line it stands for."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(cells) != 2 or len(filled) != 2:
        return None  # a wider table's row carried on
    label = clean(plain(filled[0]))
    if column_role(plain(filled[1])) not in (None, column_role(label)):
        return None  # "Action | Lead": a header; "Status | Complete" is a field
    if re.fullmatch(r"(?i)description", label):
        return [f"Action: {filled[1]}"]  # an action card's "Description": the action itself
    if len(label.split()) > 4 or column_role(label) not in _FIELD_ROLES:
        return None
    return [f"{label}: {filled[1]}"]


_RUN_IN_RE = re.compile(r"^[A-Z][A-Za-z'\u2019&,/ -]{2,50}\.$")
_NOT_A_TITLE_RE = re.compile(
    r"(?i)\b(?:is|are|was|were|will|has|have|had|can|must|should|we|i|you|it|this|thank|thanks)\b"
    r"|\b[a-z]+ed\b|^[A-Z]{2,3}\b"  # "KM presented the report.": a sentence, not a head
)


def _run_in_headings(out: list[Piece]) -> list[Piece]:
    """Paragraphs that open with a few words of their own ("Assessment times. Only 38% of
    …"), as a letter or a report sets its bold run-in heads: where two or more paragraphs
    do, those words head their paragraph, side by side like "Topic:" lines."""
    opening = [
        index
        for index, piece in enumerate(out)
        if piece.kind == "sentence"
        and piece.position == 0
        and piece.sentences >= 3
        and len(piece.text.split()) <= 5
        and _RUN_IN_RE.match(piece.text)
        and not _NOT_A_TITLE_RE.search(piece.text)
    ]
    if len(opening) < 2:
        return out
    for index in opening:
        piece = out[index]
        title = piece.text[:-1]
        out[index] = Piece("line", title, title, piece.line, marker="heading")
    return out


def _partners_named_elsewhere(out: list[Piece]) -> None:
    """A flattened row's lead that runs on into a partner the table names on its own in
    another row ("Head of Preparing for Adulthood Adult Social Care" where another row's
    partners are "FE colleges, Adult Social Care"): the partner is moved back to the
    partners, where a lead is left before it."""
    rows = [p for p in out if p.kind == "row" and p.cells.get("owner") and "partners" in p.cells]
    known = {
        part.strip()
        for p in rows
        for part in re.split(r"\s*[,/;]\s*", p.cells["partners"])
        if 2 <= len(part.split()) <= 4
    }
    longest_first = sorted(known, key=len, reverse=True)
    for piece in rows:
        owner, partners = piece.cells["owner"], piece.cells["partners"]
        joined = f"{owner} {partners}".strip()
        for partner in longest_first:
            at = joined.find(f" {partner}") + 1  # where it starts, inside the lead
            if not 0 < at < len(owner) < at + len(partner) + 1:
                continue
            if re.match(r"\s*(?:[,/;]|$)", joined[at + len(partner) :]):
                if len(joined[:at].split()) >= 2:
                    piece.cells["owner"] = joined[:at].rstrip(" ,/")
                    piece.cells["partners"] = joined[at:]
                    break


def _leads_named_again(out: list[Piece]) -> None:
    """A flattened row's lead and partners, run together, cut where the table's lead is: a
    lead another row has alone ("Head of SEND Assessment and Review" before "HR Business
    Partner"), or the words two rows open their names with and the reader cut short or
    elsewhere ("Head of Inclusion and Specialist Support" before two rows' partners)."""
    rows = [
        p
        for p in out
        if p.kind == "row"
        and p.cells.get("owner")
        and p.header is not None
        and p.header.has("partners")
        and not re.search(r"[\t|]", p.source)  # cells its delimiters part are as printed
    ]
    names = {id(p): f"{p.cells['owner']} {p.cells.get('partners', '')}".split() for p in rows}
    alone = {p.cells["owner"].strip() for p in rows if "," not in p.cells["owner"]}
    shared: set[str] = set()
    ordered = sorted(names.values())  # a shared opening is shared by neighbours once sorted
    for one, other in zip(ordered, ordered[1:], strict=False):
        words = list(itertools.takewhile(lambda w: w[0] == w[1], zip(one, other, strict=False)))
        opening = [a for a, _ in itertools.takewhile(lambda w: "," not in w[0], words)]
        longest = max(len(one), len(other))
        if len(opening) >= 3 and opening[-1][:1].isupper() and len(opening) < longest:
            shared.add(" ".join(opening))  # not past a comma: a list of partners starts there
    for piece in rows:
        joined = " ".join(names[id(piece)])
        owner = piece.cells["owner"].strip()
        for lead in sorted(alone | shared, key=len, reverse=True):
            if lead == owner or not joined.startswith(f"{lead} "):
                continue
            if lead in shared and lead not in alone and owner.startswith(lead):
                continue  # the reader's longer lead may be right: nothing says otherwise
            piece.cells["owner"], piece.cells["partners"] = lead, joined[len(lead) :].strip()
            break


_GLUED_FIELD_RE = re.compile(
    r"(?<=[A-Za-z0-9.)\]-])(?P<label>[A-Z][a-z]+(?:[A-Z][a-z]+)?(?: [a-z]+){0,2}|B?RAG):(?=\S|$)"
)
"""A "Label:" glued to the word before it and the value after it ("…reportAction:Ensure",
"…by wardActionBy:HoS": a label of two words run together; "…On trackRAG:G")."""


_UNLABELLED_REF_RE = re.compile(
    r"\s*(?P<ref>#\d{1,4}|[A-Z]{1,4}\d{1,4}[a-z]?)\s*(?:\([^()]*\))?\s*"
)


def _unlabelled_ref(before: str, label: str) -> str:
    """What comes before a row's first glued label: its ref where it is one, given no label
    ("#17 (carried over from 2024/25 tracker)Action:…" → "Ref: #17")."""
    ref = _UNLABELLED_REF_RE.fullmatch(before)
    return f"Ref: {ref['ref']}" if ref and column_role(label) == "action" else before


def _glued_label(match: re.Match[str]) -> tuple[int, str] | None:
    """Where a glued label starts and its words ("ActionBy" → "Action By"); a label of
    two words no field is named by is its last word ("…the wardDue:")."""
    label = match.group("label")
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label)
    if column_role(spaced) or _BY_LABEL_RE.search(spaced):
        return match.start(), spaced
    last = re.search(r"[A-Z][a-z]+(?: [a-z]+){0,2}$", label)
    if last and last.start() > 0 and column_role(last.group(0)):
        return match.start() + last.start(), last.group(0)
    return None


_GLUED_ITEM_NO_RE = re.compile(r"^(?P<item>\s*Item)(?P<no>\s*No\.?)?\s*(?P<n>\d{1,2})\s*(?=[A-Z])")
"""A minutes' agenda item glued to its number and title ("ItemNo3Supported …", "Item5Health")."""


def _item_unglued(match: re.Match[str]) -> str:
    no = " No" if match["no"] else ""
    return f"{match['item']}{no} {match['n']} "


_BY_LABEL_RE = re.compile(r"^[A-Z][a-z]+ By$")
"""A glued "ActionBy", "CompletedBy": who does it."""


def _glued_fields(line: str) -> list[str]:
    """A line of minutes flattened from a table, its labels glued to the words around them
    ("Discussion:KR presented …Action:Ensure …Owner:DCODeadline:01/04/2026"): a "Label:
    value" line per field, as a record's fields are written one to a line."""
    line = _GLUED_ITEM_NO_RE.sub(_item_unglued, line)
    glued = [
        (found, match.end())
        for match in _GLUED_FIELD_RE.finditer(line)
        if (found := _glued_label(match)) is not None
    ]
    if not glued:
        return [line]
    parts = [_unlabelled_ref(line[: glued[0][0][0]], glued[0][0][1])]
    for (found, value_at), after in zip(glued, [*glued[1:], None], strict=True):
        end = after[0][0] if after else len(line)
        parts.append(f"{found[1]}: {line[value_at:end]}")
    return [part for part in parts if part]


def pieces(text: str) -> list[Piece]:
    """The document's pieces in reading order, page furniture and rules dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [_BLOCK_MARK_RE.sub(r"\1", line) for line in text.split("\n")]
    lines = _unstack_tables([part for line in lines for part in _glued_fields(line)])
    furniture = _furniture(lines)
    lengths = sorted(len(ln.strip()) for ln in lines if ln.strip())
    builder = _Builder(lengths[int(len(lengths) * 0.9)] if lengths else 80)
    aligned: list[int] | None = None
    for number, raw in enumerate(lines):
        if not raw.strip():
            if aligned is None:
                builder.blank()
            continue
        if number in furniture or RULE_RE.match(raw) or a_picture(raw):
            continue
        cells = split_row(raw)
        if cells is None and aligned is not None and _prose_across(raw, aligned):
            aligned = None  # the space-aligned table has ended: a paragraph follows it
            builder.blank()
        if cells is None:
            starts = _aligned_starts(raw) if "  " in raw.strip() else None
            if starts is not None:
                aligned = starts
            cells = _spaced_cells(raw, aligned) if aligned is not None else None
        following = next((ln for ln in lines[number + 1 : number + 2]), "")
        builder.line(number, raw, cells, following)
    builder.blank()
    _partners_named_elsewhere(builder.out)
    _leads_named_again(builder.out)
    out = _run_in_headings(builder.out)
    for index, piece in enumerate(out):
        above = lines[piece.line - 1] if piece.line else ""
        piece.gap_before = not above.strip() or _PLAIN_RULE_RE.match(above) is not None
        next_line = piece.line + piece.source.count("\n") + 1
        piece.blank_after = next_line >= len(lines) or not lines[next_line].strip()
        if piece.kind == "line" and 0 < index < len(out) - 1:
            before, after = out[index - 1], out[index + 1]
            if before.kind == after.kind == "row" and before.header is after.header:
                piece.spans_row = True  # a line between two rows of one table: its heading
    return out
