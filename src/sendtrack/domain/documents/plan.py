"""Entry point: plan document text → Plan JSON (``docs/plan-json.md``).

One pass over the lines keeps the section context (top-level heading and current
sub-section), the current table header and the table row being built; rows split across
page breaks are merged before any cell is interpreted. A second step turns merged rows and
prose "next steps" into actions.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sendtrack.domain.dates import Precision, read_date
from sendtrack.domain.plan_json import empty_action

from .actions import (
    ACTION_LEAD_IN_RE,
    NON_ACTION_LEAD_IN_RE,
    action_items,
    dedupe_actions,
    forward_plan_heading,
    leading_ref,
    letter_suffix,
    narrative_items,
    numbered_values,
    opening_numbered_steps,
    segment_values,
    split_inline_numbered,
    split_on_refs,
    substep_number,
)
from .candidates import choose_reading, closing_lead_and_date, written_fields
from .cards import cards_as_rows
from .chats import chat_messages
from .columns import (
    HISTORY,
    Header,
    a_record_number,
    a_tools_milestone,
    column_role,
    columns_printed_apart,
    fixed_width_tables,
    gantt_ends,
    is_header_row,
    join_two_row_headers,
    joined_hard_wrapped_rows,
    of_no_length,
    period_grids,
    read_header,
    subitems_as_rows,
    typed_as_a_risk,
    typed_rows,
    unflatten_tables,
    unglued_labels,
    unquoted,
)
from .confidence import with_doubts
from .dashed import dashed_rows
from .detectors import (
    ACTION_REF,
    could_be_owner,
    dashed_lead,
    enclosed_status,
    opens_with_a_verb,
)
from .indicators import IndicatorReader
from .margins import margin_actions
from .model import TRAINED, Models
from .owners import (
    glossary_heading,
    label_owner,
    owner_tag,
    read_owner_glossary,
    split_owner_and_date,
    split_owner_cell,
    split_owners_by_glossary,
    subject_owner,
)
from .responses import form_responses
from .rows import (
    Line,
    bracketed_actions,
    nested_markdown_tables,
    rag_letters_moved,
    read_lines,
    without_contents_pages,
    without_running_titles,
)
from .sections import (
    LEVEL_OF_KIND,
    TITLE_CUT,
    Section,
    date_heading,
    is_structural_label,
    keyword_heading,
    looks_like_title,
    row_section,
    section_kind_for_column,
)
from .status import (
    STATUS_MARKS,
    STATUS_WORDS_RE,
    find_status_phrase,
    normalise_progress,
    normalise_status,
    rag_of_status,
    read_rag,
    segment_statuses,
)
from .text import Fragment, cell_fragments, clean, measure_items, plain, strip_bullet, unstruck

__all__ = ["DocumentImportError", "parse_plan_text"]

Progress = Callable[[int, int], None]


class DocumentImportError(ValueError):
    """The one error the importer raises: the text cannot be read as a plan.

    The message is written for the person who uploaded the document."""


@dataclass
class RawRow:
    """A table row (merged with its continuations) in its section context."""

    header: Header
    top: Section | None
    sub: Section | None
    ref: str | None
    cells: dict[str, list[str]] = field(default_factory=dict)
    substep: int | None = None
    section_row: bool = False
    milestone: bool = False

    def add(self, assigned: dict[str, list[str]]) -> None:
        for role, values in assigned.items():
            have = self.cells.setdefault(role, [])
            for value in values:
                if have and is_split_word_tail(have[-1], value):
                    have[-1] = have[-1] + value
                else:
                    have.append(value)

    def text(self, role: str, sep: str = " ") -> str:
        return sep.join(self.cells.get(role, []))


_WHOLE = ("partners", "measures", "status_history")
"""The fields every item of a row shares whole (each is a list itself)."""


@dataclass
class Draft:
    """An action before refs are suffixed: ``group`` collects bullets of one row/section."""

    data: dict[str, Any]
    base_ref: str | None
    group: tuple[Any, ...] | None


_REF_CELL_RE = re.compile(r"^\s*([A-Z]?\d+(?:\.\d+)*[a-z]?|[A-Z])\s*[.:)]?\s*$")
# A tracker's action code: "SR01", "PA-3", "A.1", "HR2.4", a log's "AL/24/31", an action
# log's number in its year ("24/19", "2025/07").
_REF_CODE_RE = re.compile(
    r"^\s*([A-Z]{1,4}[-./]?\d{1,3}(?:[./]\d{1,3})*[a-z]?|(?:20)?\d\d/\d{1,3})\s*[.:)]?\s*$"
)
_DATE_PHRASE_RE = re.compile(
    r"(?:\b(?:in|by|during|through|throughout|over|before|until|at|for|from|since)\s+)?"
    r"(?:(?:the\s+)?(?:early|mid|late|end of|beginning of|start of)[\s-]+)?"
    r"(?:the\s+)?(?:\b(?:this|next)\s+(?:half[\s-])?term\b|"
    r"\b(?:autumn|spring|summer)\s+term(?:\s+20\d\d)?\b|"
    r"(?:\b\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june|july|aug(?:ust)?|"
    r"sept(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:\s+20\d\d)?|"
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b20\d\d\b)",
    re.I,
)
_GUIDANCE_RE = re.compile(
    r"(?i)^(?:how to (?:use|read|complete)|instructions|guidance|notes\s*$|read me|readme|"
    r"about this|key to|(?:rag )?key\b|contents|version control|document control)"
)
_AS_AT_RE = re.compile(
    r"\b(?:as at|as of|position at|update[d]?:?|dated?|exported|produced|refreshed:?)\s+"
    r"((?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"[A-Z][a-z]+\s+20\d\d|\d{1,2}/\d{1,2}/20\d\d)",
    re.I,
)
_DAY_MONTH_YEAR = (
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+20\d\d|\d{1,2}[./]\d{1,2}[./](?:20)?\d\d(?![\d/.])"
)
"""A date with its day and year: "14 March 2024", "12.03.2024", "29/4/26"."""
_FULL_DATE_RE = re.compile(rf"\b(?:{_DAY_MONTH_YEAR})\b", re.I)
"""A whole date, day and year: on a line under the title, the date the document speaks from."""
_DATE_LEAD_RE = re.compile(
    r"(?i)(?:\b(?:held|on|as at|at|dated?|updated|last updated|sent|date of meeting|report date|"
    r"meeting date|position|status|(?:mon|tues|wednes|thurs|fri|satur|sun)day))?"
    r"[\s,;:\u2013\u2014(-]*$"
)


def _without_its_date(line: str) -> str:
    """A line under the title without the date it gives: "Scrutiny Committee, 21 January
    2026" is "Scrutiny Committee"; "Wednesday 12 November 2025, 2.00pm, Committee Room 2"
    and "Updated 14 October 2025 – version 4" are only the date line, and a line of who and
    when ("Council | ICB | Updated …") is none of the title."""
    if re.search(r"\s[|\u00b7\u2022]\s", line):
        return ""  # "Eastfield City Council | NHS … ICB | Updated 20/02/2026": who and when
    date = _FULL_DATE_RE.search(line)
    if date is None:
        return line
    words, before = line[: date.start()], ""
    while words != before:  # "… held on Thursday 16 January": back to "… meeting"
        before, words = words, _DATE_LEAD_RE.sub("", words)
    return words.strip() if len(words.split()) >= 3 else ""


_AGENDA_ITEM_RE = re.compile(r"^\d{1,2}[.)]\s+[A-Z]")
_STATED_AS_AT_RE = re.compile(r"(?i)(?:as at|as of|position at)\b")
"""The plan says outright what date it speaks from: that beats the date of the meeting it
goes to."""
_MEETING_RE = re.compile(
    r"\b(?:meeting|minutes|board|committee|panel)(?:\b|(?=\d))[^.]{0,80}?(?<![\d/.])"
    rf"({_DAY_MONTH_YEAR})",
    re.I,
)
"""A meeting's date in its title: "… meeting held on 14 March 2024", "Notes of
meeting21.01.2026" (its cell glued on)."""
# A minuted action: "Action: JM to …", "ACTION – Head of X to …", "Agreed action: …".
_ACTION_LABEL_RE = re.compile(
    r"^(?:(?i:(?:agreed\s+|new\s+)?action(?:\s+point)?s?)\s*(?:(?P<ref>\d+)\s*)?"
    r"(?:(?i:\s*for)\s+(?P<for>[A-Z][\w'/&+-]*(?:\s+(?:and\s+)?[A-Z][\w'-]+){0,2})\s*)?"
    r"[:\u2013\u2014-]|ACTIONS?\b)\s*(?P<rest>\S.*)$"
)
_MINUTED_REF_RE = re.compile(rf"(?P<ref>{ACTION_REF})\s*[:\u2013\u2014-]\s+(?=\S)")
"""The number a minuted action prints after its label ("ACTION 2.1 – Review …")."""
_REF_LABEL_LINE_RE = re.compile(
    rf"(?i:(?:action\s+)?(?:ref(?:erence)?|no\.?|number)\.?)\s*[:\u2013\u2014-]?\s*"
    rf"(?P<ref>{ACTION_REF})\.?"
)


_VERSION_LINE_RE = re.compile(
    r"(?i)^(?:(?:version|v\.?|draft|issue|rev(?:ision)?)\s*\d[\d.]*\b)?[\s\u2013\u2014:,;-]*"
    r"(?:(?:progress|update|position|status|draft|final)\b[\s\u2013\u2014:,;-]*)*$"
)
"""What is left of "Version 3.2 – progress as at 1 October 2025" under a title once its date
is taken: no part of the title."""


def _minuted(label: re.Match[str]) -> tuple[str | None, str, str | None]:
    """A minuted action's own number, as printed, its words, and whom the label gives it
    to ("Action for Jo: confirm …")."""
    ref, rest = label.group("ref"), label.group("rest")
    numbered = _MINUTED_REF_RE.match(rest) if ref is None else None
    if numbered is not None:
        ref, rest = numbered.group("ref"), rest[numbered.end() :]
    return ref, rest, label.group("for")


# "… revised. Action: JM" / "(Action: JM, April)": the owner of the sentence before it.
_TRAILING_ACTION_OWNER_RE = re.compile(
    r"^\(?(?i:action)\s*[:\u2013\u2014-]\s*(?P<owner>[A-Z][\w&/ .'-]{0,40}?)"
    r"(?:\s*[,;]\s*(?P<due>[^)]{3,30}))?\)?\.?$"
)
# Sentences that record a decision, a discussion or a report rather than an action.
_NOT_AN_ACTION_RE = re.compile(
    r"^(?:progress|update|decision|decisions|noted|resolved|it was (?:agreed|noted|resolved))\b"
    r"|^(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){0,5}?\s+(?:agreed|approved|noted|welcomed|discussed|"
    r"received|resolved|reported|thanked|endorsed|considered|asked)\b",
    re.I,
)
# A due cell that holds only a status ("Complete", "On track.").
_STATUS_ONLY_RE = re.compile(r"\s*(" + STATUS_WORDS_RE.pattern + r")\W*", re.I)
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_MONTH_YEAR_RE = re.compile(
    r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?20\d\d)\b",
    re.I,
)


# Short words that can open a continuation line; anything else of one or two lower-case
# letters opening a continuation is the tail of a word split by a page break.
_SHORT_WORDS = frozenset(
    "a an as at be by do go if in is it me my no of on or so to up us we".split()
)


def is_split_word_tail(before: str, after: str) -> bool:
    """``after`` opens with the end of a word that ``before`` broke off at a page break
    ("Interventio" / "n Manager"): one or two lower-case letters that are not a word."""
    m = re.match(r"^([a-z]{1,2})\b", after)
    return bool(m and m.group(1) not in _SHORT_WORDS and re.search(r"[a-z]$", before))


def _path(top: Section | None, sub: Section | None) -> str | None:
    parts = [s.path_label() for s in (top, sub) if s is not None]
    return " / ".join(parts) if parts else None


def _split_partners(cell: str) -> list[str]:
    text = plain(cell)
    if not text:
        return []
    return [p.strip() for p in re.split(r"\s*[/,;\n]\s*", text) if p.strip()]


def _clean_ref(cell: str) -> str | None:
    text = plain(cell)
    m = _REF_CELL_RE.match(text)
    return m.group(1) if m else ref_code(text)


def ref_code(cell: str) -> str | None:
    """An action code printed in a ref column with a letter prefix ("SR01", "PA-3", "A.1"),
    as printed; None for words ("Complete") and for anything else."""
    m = _REF_CODE_RE.match(plain(cell))
    return m.group(1) if m else None


def agenda_item(line: str) -> tuple[str | None, str]:
    """A numbered agenda heading of minutes ("3. Timeliness of assessments", "4) AOB") → its
    number and title; (None, line) when the line has no item number."""
    m = re.match(r"^(\d{1,2})[.)]\s+(?=[A-Z])(.+)$", line.strip())
    return (m.group(1), m.group(2)) if m else (None, line)


def _a_long_agenda_title(title: str) -> bool:
    """A numbered agenda item's title longer than a heading's usual few words ("Notes of the
    last meeting (13 March 2025) and matters arising"), as committee clerks write them; not
    a numbered action ("3. Recruit two additional Educational Psychologists on …")."""
    words = plain(title).split()
    return (
        0 < len(words) <= 16
        and title[:1].isupper()
        and not title.endswith((".", ",", ";"))
        and not opens_with_a_verb(title)
    )


def _outline_parent_title(header: Header, row: Line, below: Line) -> str:
    """The title of a tool's summary row, whose action cell the next row's is indented
    under (an export showing its outline by spaces: "Workstream 1 – …" over "    1.1
    Establish …"); "" for any other row."""
    if not header.has("action") or header.has("level"):
        return ""
    at = header.roles.index("action")
    if at >= min(len(row.indents), len(below.indents), len(below.cells)):
        return ""
    if (
        not (row.cells[at] and below.cells[at])
        or below.indents[at] <= row.indents[at]
        or row.indents[at]
    ):
        return ""  # an outline of one level under its parts; deeper ones are the candidates'
    if a_tools_milestone(header.assign(below.cells)):
        return ""  # an action over its milestones ("0d", "Type: Milestone")
    return plain(row.cells[at])


def is_parent_ref_row(cells: list[str], next_cells: list[str]) -> bool:
    """A numbered row holding only its number and a title whose next row is numbered under
    it ("1<TAB>Needs are identified early" above "1.1<TAB>…"): the top level of a plan that
    prints its objectives and actions as rows of one table (1, 1.1, 1.1.1)."""
    filled = [c for c in cells if c.strip()]
    if len(filled) != 2 or not cells[0].strip() or not next_cells or not next_cells[0].strip():
        return False
    ref = plain(cells[0]).strip().rstrip(".:)")
    if not re.fullmatch(r"[A-Z]?\d{1,3}(?:\.\d{1,3})*", ref):
        return False
    child = plain(next_cells[0]).strip()
    return child.startswith(f"{ref}.") and len(child) > len(ref) + 1


_NUMBERED_TITLE_RE = re.compile(
    r"^(?P<ref>\d{1,2}(?:\.\d{1,2})*\s?[A-Z]?)[.:)]?\s+(?P<title>[A-Z][^.;]{3,80})$"
)


_CODED_HEADING_RE = re.compile(
    r"^(?P<code>[A-Z]{1,4}\d{1,2}(?:\.\d{1,2})*)\s*[\u2013\u2014:.-]\s+(?P<rest>\S.*)$"
)
"""A heading with the plan's code before its own words ("PA1 – Area for priority …")."""


_NOTE_LINE_RE = re.compile(r"\s*[A-Z][A-Za-z ]{1,30}:\s+\S")
"""A "Label: value" note under a heading's title ("Sponsor: Director of Education")."""


def spanning_heading(cells: list[str]) -> Section | None:
    """A table row whose first cell alone is filled with a heading, a merged cell spanning
    the table ("Area B – Quality of EHC plans<TAB><TAB><TAB>"): it opens a section rather than
    continuing the row above. Only a numbered keyword heading or a titled heading with a
    dash or colon counts, so a wrapped fragment of a cell ("Officer") does not."""
    filled = [c for c in cells if c.strip()]
    if len(cells) < 2 or len(filled) != 1:
        return None  # a sheet's row of one cell is "Title<TAB>": two cells, one filled
    if not cells[0].strip():
        # the heading in the action column, the ref column left empty ("<TAB>Priority 2:
        # …"): only a numbered keyword heading, as a wrapped line of a cell stands so too
        return keyword_heading(plain(cells[1]).strip()) if cells[1].strip() else None
    first, *notes = re.split(r"<br>", cells[0])
    if notes and all(_NOTE_LINE_RE.match(plain(note)) for note in notes):
        return spanning_heading([first, ""])  # "Workstream 1: …<br>Sponsor: …": the title
    text = plain(cells[0]).strip()
    heading = keyword_heading(text)
    if heading is not None:
        return heading
    coded = _CODED_HEADING_RE.match(text)
    inner = keyword_heading(coded["rest"]) if coded else None
    if coded and inner is not None:  # "PA1 – Area for priority action 1: Leaders …"
        return Section(coded["code"], inner.title, inner.kind, label=text)
    numbered = _NUMBERED_TITLE_RE.match(text)
    if numbered and looks_like_title(numbered.group("title")):
        # "4B Preparing for adulthood": a numbered heading row
        return Section(numbered.group("ref"), numbered.group("title"), "heading", label=text)
    if (
        looks_like_title(text)
        and len(text.split()) >= 3
        and re.search(r"\S\s*[:\u2013\u2014]\s|\s-\s", text)
        and not is_structural_label(text)
    ):
        return Section(None, text, "heading", label=text)
    return None


_MILESTONE_TASK_RE = re.compile(r"(?i)\s*(?:[\u25c6\u2666]\s*)?milestone\s*:\s*(?P<text>\S.*)")
"""A project plan's milestone among its tasks ("Milestone: Strategy approved by Cabinet")."""
_WHOLLY_BOLD_RE = re.compile(r"\s*<b>(?P<text>[^<]+)</b>\s*")


def _a_group_row(header: Header | None, cells: list[str]) -> Section | None:
    """A project plan's parent row, its name wholly bold with no one assigned and its
    tasks' dates and per cent summed beside it ("<b>WS1 Governance & Leadership</b> | |
    <b>01/04/24</b> | <b>31/03/26</b> | <b>58%</b>"): the section of the rows below."""
    if header is None or not header.has("action") or not header.has("owner"):
        return None
    if not any(cell.lstrip().startswith("<b>") for cell in cells):
        return None  # most rows: no cell wholly bold, no need to assign them twice
    if sum(1 for cell in cells if plain(cell).strip()) < 3:
        return None  # "<b>Term</b> | <b>Meaning</b>": another table's header
    assigned = header.assign(cells)
    bold = _WHOLLY_BOLD_RE.fullmatch(" ".join(assigned.get("action", [])))
    if bold is None or plain(" ".join(assigned.get("owner", []))).strip():
        return None
    text = clean(bold["text"])
    if not looks_like_title(text) or len(text.split()) > 12:
        return None
    return keyword_heading(text) or Section(None, text, "heading", label=text)


_CELL_LABEL_RE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{2,40}?)\s*:\s*(?P<rest>\S.*)$", re.S)


def _labelled_measures(cells: dict[str, list[str]]) -> str:
    """A description cell that opens with a measures label ("Success criteria: 1) Terms of
    reference agreed 2) …"), where a system has no column for them: its measures."""
    for cell in cells.get("detail", []):
        labelled = _CELL_LABEL_RE.match(cell)
        if labelled is not None and column_role(labelled["label"]) == "measures":
            return labelled["rest"]
    return ""


def _no_update(cell: str | None) -> bool:
    """A progress cell left empty or dashed ("-": no update this time)."""
    return cell is None or not cell.strip(" -\u2013\u2014")


_GUIDANCE_RE = re.compile(
    r"(?i)^(?:guidance|instructions?|how to (?:complete|fill|use)|notes? (?:for|on) completion)\b"
)


def _a_row_of_its_own(assigned: dict[str, list[str]], current: RawRow, body: str) -> bool:
    """A row with its ref cell empty, whose action, lead and date are all its own beside
    the lead and date above ("SR01 | risk … | Agree a contract | EP Lead | 30/11/2025",
    then " | | Recruit case officers | HR Partner | Dec 25"): a register's second
    mitigating action beside a merged risk cell, not the line above wrapped; or an action
    with no number yet, its lead and status its own ("Agree data sharing … | | Dr Varma | |
    Blocked | Red")."""
    own = [r for r in _ROW_FIELDS if " ".join(assigned.get(r, [])).strip()]
    above = [r for r in _ROW_FIELDS if current.cells.get(r)]
    return (
        all(len(fields) >= 2 and "owner" in fields for fields in (own, above))
        and len(plain(body).split()) >= 3
    )


_ROW_FIELDS = ("owner", "due", "status", "rag")


def _is_explanation_row(cells: list[str]) -> bool:
    """Column-explanation rows ("The name of the person who …", a row headed "Guidance for
    completion") under a header."""
    filled = [plain(c) for c in cells if c.strip()]
    return len(filled) >= 3 and (
        all(re.match(r"^(the|what|who|when|how)\b", f, re.I) for f in filled)
        or bool(_GUIDANCE_RE.match(filled[0]))
    )


@dataclass(frozen=True)
class _Prose:
    """A line of prose as the rules read it: without its bullet glyph, and the line after."""

    i: int
    line: Line
    bare: str
    nxt: Line | None


def _bare(line: Line) -> str:
    """A line's words as the prose rules read them: no bullet glyph, markup or heading hashes."""
    return plain(strip_bullet(line.text) if line.bullet else line.text).lstrip("#").strip()


def _opens_with_a_lead_in(cell: str) -> bool:
    """A cell that opens with a few words and a colon over its list ("We will: • Launch …"):
    a row of its own, not the rest of the numbered row above."""
    frags = cell_fragments(cell)
    return len(_below_a_lead_in(frags)) < len(frags)


def _below_a_lead_in(frags: list[Fragment]) -> list[Fragment]:
    """A cell's fragments below its short colon lead-in ("We will:"), or all of them."""
    first = frags[0].text.strip() if frags else ""
    if len(frags) > 1 and not frags[0].is_item and first.endswith(":") and len(first.split()) <= 6:
        return frags[1:]
    return frags


class _Parser:
    def __init__(self, text: str, progress: Progress | None) -> None:
        self.lines = unflatten_tables(read_lines(text))
        self.progress = progress
        self.top: Section | None = None
        self.sub: Section | None = None
        self.header: Header | None = None
        self.current: RawRow | None = None
        self.rows: list[RawRow | Draft] = []
        self.sections: list[Section] = []
        self.numbered: dict[tuple[str, str, str | None], Section] = {}
        self.first_with_ref: dict[str, Section] = {}
        self.mode: str | None = None
        self.listed_number: int | None = None  # the last number of a numbered list of actions
        self.block_after_table = False
        self.held: list[Draft] = []
        self.table_since_heading = False
        self.pending_ref: str | None = None
        self.labelled_ref: str | None = None
        """The ref a "Ref: 2.3a" line gives the minuted action on the next line."""
        self.problems: list[dict[str, str]] = []
        self.milestones: list[dict[str, Any]] = []
        self.attending = False
        """Within the names listed under "Present:", up to a blank line."""
        self.risks: list[dict[str, Any]] = []
        self.indicator_reader = IndicatorReader()
        self.glossary = read_owner_glossary(self.lines)
        self.title_lines = self._title_block()
        self.as_at_raw, self.as_at = self._as_at()
        self.section_col_kind = "area"
        self.table_uses_refs = False
        self.period: tuple[str, date | None] | None = None

    # ----- document metadata -------------------------------------------------------------
    def _title_block(self) -> list[int]:
        out: list[int] = []
        for i, line in enumerate(self.lines):
            if line.kind == "blank":
                continue
            if line.kind != "text" or line.bullet:
                break
            t = plain(line.text).lstrip("#").strip()
            if len(t) > 100 or t.endswith((".", ":")) or keyword_heading(t) is not None:
                break
            if out and _GUIDANCE_RE.match(t):
                break  # "How to use this workbook" under the title: the sheet's guidance
            if out and _AGENDA_ITEM_RE.match(t):
                break  # "1. Welcome, introductions and apologies": the minutes have begun
            if date_heading(t) is not None and out:
                nxt = self._next_nonblank(i)
                if nxt is None or nxt.bullet:
                    break  # a roadmap's first month heading, not part of the title
                out.append(i)
                break  # the date the document speaks from closes the title block
            out.append(i)
            if meeting_date(t):
                out.extend(self._venue_after(i))  # "… held on 14 March 2024" / "Room 3, …"
                break
            if len(out) >= 5 or _AS_AT_RE.search(t) or labelled_report_date(t):
                break  # the as-at or meeting date closes the title block
            if len(out) > 1 and _FULL_DATE_RE.search(t):
                break  # "Wednesday 12 November 2025, 2.00pm, Committee Room 2": the date line
        return out

    def _venue_after(self, i: int) -> list[int]:
        """The line after a meeting's date naming where it met ("Committee Room 3, Civic
        Centre and Microsoft Teams"), part of the minutes' title block."""
        for j in range(i + 1, min(i + 3, len(self.lines))):
            line = self.lines[j]
            if line.kind == "blank":
                continue
            text = plain(line.text)
            venue = line.kind == "text" and len(text) < 100 and _VENUE_RE.search(text)
            return [j] if venue and not text.endswith((".", ":")) else []
        return []

    def _as_at(self) -> tuple[str | None, date | None]:
        head = [plain(self.lines[i].text) for i in self.title_lines]
        self.meeting = False
        early = [plain(ln.text) for ln in self.lines[:40] if ln.kind == "text"][:8]
        # A row's first two cells only: "Notes of meeting21.01.2026 | 14:00 | Teams", "Date |
        # 05/02/2026", never an action row's date after "panel" in its text.
        rows = [plain(" ".join(ln.cells[:2])) for ln in self.lines[:12] if ln.kind == "row"]
        for text in [*head, *early]:  # "Position as at 31 December 2025. Presented to …"
            m = _AS_AT_RE.search(text)
            if m and _STATED_AS_AT_RE.match(m.group(0)):
                return self._reading(m.group(0).strip(), m.group(1))
        for text in [*head, *early, *rows]:
            meeting = meeting_date(text) or _glued_date(text)
            if meeting is not None:
                self.meeting = True
                return self._reading(meeting, meeting)
        for text in head:
            m = _AS_AT_RE.search(text)
            if m:
                return self._reading(m.group(0).strip(), m.group(1))
        for text in head[1:]:  # "Wednesday 12 November 2025, 2.00pm, Committee Room 2"
            m = _FULL_DATE_RE.search(text)
            if m and not _without_its_date(text):
                return self._reading(m.group(0), m.group(0))
        for text in head:
            m = _MONTH_YEAR_RE.search(text)
            if m:
                raw = re.sub(r"\s+\d{1,2}(?:st|nd|rd|th)?\s+", " ", m.group(1))
                return self._reading(raw, raw)
        # A header table's label and value side by side: "… | Updated | 26/09/2025 (v2) |"
        fields = [
            f"{plain(label)}: {plain(value)}"
            for ln in self.lines[:12]
            if ln.kind == "row"
            for label, value in itertools.pairwise(ln.cells)
            if 0 < len(plain(label).split()) <= 3
        ]
        for text in [*early, *fields]:
            labelled = labelled_report_date(text)
            if labelled is not None:
                return self._reading(labelled, labelled)
        for line in self.lines[:60]:  # "The table below shows each action as at April 2024."
            m = _AS_AT_RE.search(plain(line.text)) if line.kind == "text" else None
            if m and _STATED_AS_AT_RE.match(m.group(0)):
                return self._reading(m.group(0).strip(), m.group(1))
        return None, None

    def _reading(self, raw: str, date_text: str) -> tuple[str | None, date | None]:
        reading = read_date(date_text, None)
        return raw, reading.due

    # ----- sections ------------------------------------------------------------------------
    def _register(self, section: Section) -> Section:
        """The section already opened with the same ref, kind and parent, or this one, added."""
        if section.ref is not None:
            existing = self.numbered.get((section.ref, section.kind, section.parent_ref))
            if existing is not None:
                return existing
        self._add_section(section)
        return section

    def _add_section(self, section: Section) -> None:
        """Kept in order, and indexed by its ref: a long plan's headings are looked up in
        the index, not in every section before them."""
        self.sections.append(section)
        if section.ref is not None:
            self.numbered.setdefault((section.ref, section.kind, section.parent_ref), section)
            self.first_with_ref.setdefault(section.ref, section)

    def _set_heading(self, section: Section) -> None:
        self.table_since_heading = False
        level = LEVEL_OF_KIND.get(section.kind, 0)
        if level == 0:
            self.top = self._register(section)
            self.sub = None
        else:
            section.parent_ref = self.top.ref if self.top else None
            self.sub = self._register(section)
        self.current = None

    # ----- main loop -----------------------------------------------------------------------
    def run(self) -> None:
        total = len(self.lines)
        for i, line in enumerate(self.lines):
            if self.progress and i % 200 == 0:
                self.progress(i, total)
            if line.kind in {"blank", "row"}:
                self.attending = False
            if line.kind == "blank":
                continue
            if i not in self.title_lines and self.indicator_reader.observe(
                line, _path(self.top, self.sub), _path(self.top, None) if self.top else None
            ):
                continue  # "What will tell us it is working" / "• More families say …"
            if line.kind == "row":
                self._row(i, line)
                self.table_since_heading = True
            else:
                if i in self.title_lines:
                    continue
                self._text(i, line)
        self._release_held(None)
        if self.progress:
            self.progress(total, total)

    def _next_nonblank(self, i: int) -> Line | None:
        for j in range(i + 1, len(self.lines)):  # not a slice: that copies the rest each line
            if self.lines[j].kind != "blank":
                return self.lines[j]
        return None

    # ----- prose ----------------------------------------------------------------------------
    def _text(self, i: int, line: Line) -> None:
        """A line of prose: the first of ``_PROSE_RULES`` that takes it says what it is."""
        bare = _bare(line)
        if not bare:
            return
        prose = _Prose(i, line, bare, self._next_nonblank(i))
        for rule in _PROSE_RULES:
            if rule(self, prose):
                return

    def _attendance_line(self, p: _Prose) -> bool:
        """ "Present:" and the names listed under it ("Rachel Tindall (DCO) - Designated
        Clinical Officer") up to a blank line or an agenda item: who came, not a heading."""
        if _ATTENDANCE_LABEL_RE.match(p.bare):
            self.attending = p.bare.endswith(":")
            return True
        numbered = agenda_item(p.bare)[0] is not None
        if numbered or p.bare.endswith(":") or len(p.bare.split()) > 15:
            self.attending = False
        return self.attending

    def _keyword_heading_line(self, p: _Prose) -> bool:
        """ "Workstream 2 – Graduated Response": a heading that names its level opens a section."""
        heading = None if p.line.bullet else keyword_heading(p.bare)
        if heading is None or len(p.bare) > 300:
            return False
        self._release_held(heading if self._heading_opens_table(p.i) else None)
        if LEVEL_OF_KIND.get(heading.kind, 0) == 0:
            self.header = None
        self._set_heading(heading)
        self.mode = None
        return True

    def _labelled_ref_line(self, p: _Prose) -> bool:
        """ "Action ref: 2.3a" on a line of its own just before "Action: …": that action's
        ref, as printed (a block of "label: value" lines per action)."""
        labelled = _REF_LABEL_LINE_RE.fullmatch(p.bare)
        if labelled is None or p.nxt is None:
            return False
        if not _ACTION_LABEL_RE.match(_bare(p.nxt)):
            return False
        self.labelled_ref = labelled.group("ref")
        return True

    def _minuted_action_line(self, p: _Prose) -> bool:
        """ "Action: JB to write to schools": a minuted action, wherever it stands."""
        minuted = _ACTION_LABEL_RE.match(p.bare)
        labelled, self.labelled_ref = self.labelled_ref, None
        if minuted is None or len(minuted.group("rest").split()) < 3:
            return False
        # "… on the Local Offer. Owner: SW. Due: March 2026", "… paperwork – KP – end of term":
        # the fields it names beat the sentence's subject ("Inclusion team to publish …").
        ref, words, given_to = _minuted(minuted)
        self._minuted_action(ref or labelled, words, given_to)
        return True

    def _minuted_action(self, ref: str | None, words: str, given_to: str | None = None) -> None:
        """A minuted action's words with the fields it names ("… Owner: SW. Due: March
        2026", "… paperwork – KP – end of term", "… (Lucy Brennan, by 7 November)"), which
        beat the one named before "to" ("Inclusion team to publish …"; not "Write to …")."""
        rest, given = written_fields(words, self.as_at)
        if not given:
            rest, given = closing_lead_and_date(words, self.as_at)
        named = dict(given)
        before_to = label_owner(rest)
        if before_to is not None and not could_be_owner(before_to):
            before_to = None
        owner = named.get("owner") or given_to or before_to
        self._free_action(rest, owner=owner, due=named.get("due"), ref=ref)

    def _period_heading_line(self, p: _Prose) -> bool:
        """ "September 2024": a roadmap's heading; the items below it are due then."""
        period = None if p.line.bullet else date_heading(p.bare)
        if period is None:
            return False
        self._release_held(None)
        anchor = self.period[1] if self.period and self.period[1] else self.as_at
        above = read_date(self.period[0], self.as_at) if self.period else None
        if above is not None and above.precision not in (Precision.DAY, Precision.MONTH):
            anchor = above.start or anchor  # "Q3 2025/26" › "October": October 2025
        self.period = (period, read_date(period, anchor).due)
        self.mode = "period"
        self._month_section(period)
        return True

    def _month_section(self, period: str) -> None:
        """A roadmap's month heading is a section (Plan JSON): under a numbered heading
        ("Phase 2: Improve"), else at the top; given a ref of its own ("m1") so the tree
        holds it."""
        months = [s for s in self.sections if s.kind == "heading" and s.label == period]
        section = Section(f"m{len(self.sections) + 1}", period, "heading", label=period)
        top = self.top
        if top is not None and top.ref and not top.ref.startswith("m"):
            section.parent_ref = top.ref
            self.sub = months[-1] if months and months[-1].parent_ref == top.ref else section
        else:
            self.top, self.sub = (
                months[-1] if months and months[-1].parent_ref is None else section,
                None,
            )
        if self.sub is section or self.top is section:
            self._add_section(section)

    def _milestones_heading_line(self, p: _Prose) -> bool:
        """ "Milestones": the bullets below are milestones, not actions."""
        if p.line.bullet or not _MILESTONES_HEADING_RE.match(p.bare):
            return False
        self._release_held(None)
        self.mode = "milestones"
        return True

    def _meeting_summary_line(self, p: _Prose) -> bool:
        """In a meeting summary, prose is read as agenda headings and minutes."""
        if not self.meeting or p.line.bullet:
            return False
        self._meeting_line(p.bare, p.nxt)
        return True

    def _action_lead_in_line(self, p: _Prose) -> bool:
        """ "Next steps:", "We will:": the lines below are actions; "Reading next steps" is
        also a heading."""
        if p.line.bullet or len(p.bare) > 80:
            return False
        if not (ACTION_LEAD_IN_RE.match(p.bare) or forward_plan_heading(p.bare)):
            return False
        self._release_held(None)
        bare = p.bare
        label = re.sub(r"\W*next steps?\W*$", "", bare, flags=re.I).strip(" -\u2013:")
        if (
            label
            and label.lower() != bare.lower()
            and looks_like_title(bare)
            and "next step" in bare.lower()
        ):
            self._set_heading(Section(None, bare, "heading", label=bare))
        self.mode, self.listed_number = "actions", None
        self.block_after_table = self.table_since_heading
        return True

    def _other_lead_in_line(self, p: _Prose) -> bool:
        """ "What we have achieved": the lines below are not actions."""
        if p.line.bullet or len(p.bare) > 60 or not NON_ACTION_LEAD_IN_RE.match(p.bare):
            return False
        self._release_held(None)
        self.mode = "other"
        return True

    def _table_title_line(self, p: _Prose) -> bool:
        """A title just above a table's header row is that table's heading."""
        if p.line.bullet or not looks_like_title(p.bare):
            return False
        if p.nxt is None or p.nxt.kind != "row" or not is_header_row(p.nxt.cells):
            return False
        if is_structural_label(p.bare) or _AS_AT_RE.search(p.bare):
            return False  # "Last updated: 19 May 2026 (R. Okafor)" above a sheet's header
        self._release_held(None)
        self._set_heading(Section(None, p.bare, "heading", label=p.bare))
        self.mode = None
        return True

    def _title_between_rows(self, p: _Prose) -> bool:
        """A title between rows ends the table; the line is then read by the rules after."""
        if not p.line.bullet and looks_like_title(p.bare) and self.current is not None:
            self.current = None
            self.header = None
        return False

    def _bare_ref_line(self, p: _Prose) -> bool:
        """ "3a." alone on a line: the ref of the title on the next line."""
        if not re.fullmatch(r"\d{1,3}[a-z]?\.?", p.bare):
            return False
        self.pending_ref = p.bare.rstrip(".")
        return True

    def _ref_title_line(self, p: _Prose) -> bool:
        """The title after a bare ref: a sub-section with that ref."""
        if not self.pending_ref or p.line.bullet:
            return False
        ref = self.pending_ref
        self.pending_ref = None
        section = Section(ref, p.bare, self.section_col_kind, label=f"{ref} {p.bare}")
        section.parent_ref = self.top.ref if self.top else None
        self.sub = self._register(section)
        self.mode = None
        return True

    def _roadmap_item_line(self, p: _Prose) -> bool:
        """Under a period heading, each item is an action, with or without bullet glyphs."""
        if self.mode != "period":
            return False
        if not (p.line.bullet or p.nxt is None or not p.nxt.bullet):
            return False
        self._free_action(p.bare)
        return True

    def _milestone_bullet_line(self, p: _Prose) -> bool:
        if self.mode != "milestones" or not p.line.bullet:
            return False
        self._milestone_item(p.bare)
        return True

    def _next_step_line(self, p: _Prose) -> bool:
        """After an action lead-in, a line is an action, unless it only leads in to bullets."""
        if self.mode != "actions":
            return False
        nxt, line = p.nxt, p.line
        if (
            nxt is not None
            and nxt.kind == "text"
            and nxt.bullet
            and nxt.level > line.level
            and line.bullet
        ):
            return True  # a parent bullet whose sub-bullets are the actions
        if p.bare.endswith(":") and nxt is not None and nxt.bullet:
            return True  # a lead-in to the bullets below
        if not line.bullet and len(p.bare.split()) <= 8 and self._heading_opens_table(p.i):
            self.mode, self.listed_number = None, None
            return False  # "Glossary" over its table: the list of actions has ended
        numbered = None if line.bullet else _LISTED_NUMBER_RE.match(p.bare)
        if numbered is not None:
            number = int(numbered.group("n"))
            outlined = nxt is not None and plain(nxt.text).strip().startswith(f"{number}.1 ")
            if outlined or (self.listed_number is not None and number != self.listed_number + 1):
                self.mode, self.listed_number = None, None
                return False  # "4. Local Offer" after the list's "2.", "3. …" over "3.1 …"
            self.listed_number = number
            self._free_action(p.bare[numbered.end() :], number=str(number))
            return True
        self._free_action(p.bare)
        return True

    def _heading_opens_table(self, i: int) -> bool:
        nxt = self._next_nonblank(i)
        return nxt is not None and nxt.kind == "row"

    def _prose_fields(self, data: dict[str, Any], text: str) -> None:
        """Owner and date stated in the sentence itself, where no column gives them."""
        if data["owner"] is None:
            data["owner"] = subject_owner(text)
        if data["due_raw"] is None:
            phrase = _last_date_phrase(text)
            if phrase:
                reading = read_date(phrase, self.as_at)
                if reading.due is not None:
                    data["due_raw"] = phrase
                    data["due"] = reading.due.isoformat()

    def _meeting_line(self, text: str, nxt: Line | None) -> None:
        """A line of a meeting summary: an agenda heading, or prose whose actions are the
        minuted "Action:" items and the sentences giving an owner and a future date."""
        number, title = agenda_item(text)
        if (
            nxt is not None
            and (
                looks_like_title(title)
                or (
                    number is not None
                    and _a_long_agenda_title(title)
                    and agenda_item(nxt.text)[0] is None  # not a list's "1. …" over "2. …"
                )
            )
            and not is_structural_label(title)
            and not re.search(r"[.:;!?]\s", title)
            and (nxt.kind == "text" or is_header_row(nxt.cells))
            and not text.endswith(":")
        ):
            self._set_heading(Section(number, text, "heading", label=text))
            self.mode = None
            return
        sentences = split_sentences(text)
        for k, sentence in enumerate(sentences):
            tail = _TRAILING_ACTION_OWNER_RE.match(sentence)
            if tail is not None and len(tail.group("owner").split()) <= 5:
                if k > 0:
                    due = f" {tail.group('due')}" if tail.group("due") else ""
                    self._free_action(sentences[k - 1] + due, owner=tail.group("owner").strip())
                continue
            label = _ACTION_LABEL_RE.match(sentence)
            if label is not None:
                self._minuted_action(*_minuted(label))
            elif is_owned_future_action(sentence, self.as_at) and not (
                k + 1 < len(sentences) and _TRAILING_ACTION_OWNER_RE.match(sentences[k + 1])
            ):
                self._free_action(sentence)

    def _milestone_item(self, text: str) -> None:
        """A bullet under a "Milestones" heading: the milestone and its date, if printed."""
        self._milestone(*_trailing_date(text))

    def _milestone(self, text: str, due_raw: str | None) -> None:
        """A milestone of the open section, its date read as printed."""
        reading = read_date(due_raw, self.as_at) if due_raw else None
        self.milestones.append(
            {
                "section": _path(self.top, self.sub),
                "text": text,
                "due_raw": due_raw,
                "due": reading.due.isoformat() if reading and reading.due else None,
            }
        )

    def _free_action(
        self,
        text: str,
        owner: str | None = None,
        due: str | None = None,
        *,
        number: str | None = None,
        ref: str | None = None,
    ) -> None:
        """An action read from prose or a list; ``number`` its own number in a numbered list,
        which restarts in each section ("3.1", "3.2" under agenda item 3); ``ref`` the number
        a minute prints for it ("ACTION 2.1"), as printed."""
        data = empty_action()
        text, tagged = owner_tag(clean(text))
        tag_date = None
        if tagged:
            tagged, tag_date = split_owner_and_date(tagged)
        text, bracket_date = bracketed_due(text)
        tag_date = due or tag_date or bracket_date
        data["text"] = clean(text)
        if not data["text"]:
            return
        data["owner"] = owner or tagged or dashed_lead(data["text"])
        if tag_date:
            reading = read_date(tag_date, self.as_at)
            data["due_raw"] = tag_date
            data["due"] = reading.due.isoformat() if reading.due else None
        if self.mode == "period" and self.period is not None:
            # A roadmap item is due by the end of the period it is listed under.
            data["due_raw"] = self.period[0]
            data["due"] = self.period[1].isoformat() if self.period[1] else None
        self._prose_fields(data, text)
        status = find_status_phrase(text) or enclosed_status(text)
        if status:
            data["status_raw"] = status
            data["status"] = normalise_status(status)
        section = self.sub or self.top
        # An agenda item's number is not an action number: minuted actions print none.
        base = section.ref if section and not self.meeting else None
        group: tuple[Any, ...] | None = ("free", id(section))
        if number is not None:
            base = f"{section.ref}.{number}" if section and section.ref else number
            group = None
        if ref is not None:
            base, group = ref, None
        draft = Draft(data, base, group)
        draft.data["section"] = _path(self.top, self.sub)
        if self.block_after_table:
            self.held.append(draft)
        else:
            self.rows.append(draft)

    def _release_held(self, heading: Section | None) -> None:
        """Next-steps printed just before a heading that opens a table belong to it (slide
        exports put the slide title after the body)."""
        for draft in self.held:
            if heading is not None:
                draft.data["section"] = heading.path_label()
                draft.base_ref = heading.ref
                draft.group = ("free", heading.label)
            self.rows.append(draft)
        self.held = []

    # ----- tables ----------------------------------------------------------------------------
    def _row(self, i: int, line: Line) -> None:
        cells = line.cells
        self._release_held(None)
        self.mode = None
        nxt = self._next_nonblank(i)
        if (
            self.header is not None
            and nxt is not None
            and nxt.kind == "row"
            and is_parent_ref_row(cells, nxt.cells)
        ):
            ref, title = (
                plain(cells[0]).rstrip(".:) "),
                plain(next(c for c in cells[1:] if c.strip())),
            )
            under_top = bool(self.top and self.top.ref and ref.startswith(f"{self.top.ref}."))
            kind = "objective" if under_top else "heading"  # 1.1 under 1: the second level
            self._set_heading(Section(ref, title, kind, label=f"{ref} {title}"))
            return
        if self.header is not None and nxt is not None and nxt.kind == "row":
            title = _outline_parent_title(self.header, line, nxt)
            if title:  # "Workstream 1 – …" over "    1.1 Establish …": a part, not an action
                self._set_heading(Section(None, title, "heading", label=title))
                return
        if is_header_row(cells):
            header = read_header(cells)
            fresh = self.header is None or header.signature() != self.header.signature()
            if fresh:
                self.table_uses_refs = False
            if (
                fresh
                or self.current is None
                or (self.current.section_row and not self.current.milestone)
            ):
                self.current = None
            self.header = header
            for name, role in zip(header.names, header.roles, strict=True):
                if role == "section":
                    self.section_col_kind = section_kind_for_column(name)
            return
        current_header = self.header
        self._body_row(current_header, cells)

    def _body_row(self, header: Header | None, cells: list[str]) -> None:
        spanning = spanning_heading(cells)
        if spanning is not None:
            top = self.top.ref if self.top is not None else None
            if spanning.kind == "heading" and top and (spanning.ref or "").startswith(top):
                spanning.kind = "objective"  # "1A Timeliness" inside "Workstream 1"
            self._set_heading(spanning)
            return
        group = _a_group_row(header, cells)
        if group is not None:
            self._set_heading(group)
            return
        if header is not None and header.is_action_table() and self._is_data_row(header, cells):
            self._action_row(header, cells)
            return
        section = row_section(cells)
        if section is not None:
            label_only = plain(cells[0]).lower().startswith(("milestone",))
            if not label_only:
                self._set_heading(section)
                self.current = RawRow(
                    header or Header([], []), self.top, self.sub, None, section_row=True
                )
                return
        first = plain(cells[0]).lower() if cells else ""
        if first.startswith("milestone"):
            self._milestone_row(cells)
            self.current = RawRow(
                header or Header([], []), self.top, self.sub, None, section_row=True, milestone=True
            )
            return
        if header is not None and not header.is_action_table():
            self._other_row(header, cells)

    def _is_data_row(self, header: Header, cells: list[str]) -> bool:
        if header.has("ref"):
            ref_idx = header.roles.index("ref")
            ref_cell = cells[ref_idx] if ref_idx < len(cells) else ""
            if ref_cell.strip() and re.fullmatch(r"\d{1,3}[a-z]?", plain(ref_cell).rstrip(".:)")):
                return True
            if not ref_cell.strip():
                return True
        section = row_section(cells)
        if section is not None:
            return False
        return not plain(cells[0]).lower().startswith("milestone")

    def _action_row(self, header: Header, cells: list[str]) -> None:
        if _is_explanation_row(cells) and self.current is None:
            return
        assigned = header.assign(cells, dated=True)
        body_role = "action" if "action" in assigned or header.has("action") else "narrative"
        body = " ".join(assigned.get(body_role, []))
        if self._a_tools_row(header, assigned, body):
            return
        if header.has("ref"):
            refs = assigned.get("ref", [])
            keyed = [v for v in refs if _TASK_KEY_RE.fullmatch(v.strip())]
            ref_cell = _the_plans_ref(refs) or (keyed or [" ".join(refs)])[0]
            ref = _clean_ref(ref_cell) if ref_cell else None
            if ref is None and self.current is not None and not self.current.section_row:
                if ref_cell.strip() or not _a_row_of_its_own(assigned, self.current, body):
                    self.current.add(assigned)
                    return
            if ref is None and not body.strip():
                return
            self._start_row(header, ref, assigned)
            return
        first_text = plain(body)
        ref, _rest = leading_ref(first_text)
        step = substep_number(first_text)
        cur = self.current
        if cur is not None and cur.milestone and ref is None:
            if self.milestones and first_text:
                self._milestone_continuation(body)
            return
        if ref is not None:
            self.table_uses_refs = True
            self._start_row(header, ref, assigned)
            return
        lower_start = bool(re.match(r"^[a-z]", first_text))
        if not self.table_uses_refs and step is None and first_text and not (lower_start and cur):
            self._start_row(header, None, assigned)  # unnumbered tables: one row, one action
            return
        if step is not None and (cur is None or cur.section_row or cur.substep is not None):
            row = self._start_row(header, None, assigned)
            row.substep = step
            return
        if cur is not None and not cur.section_row and not _opens_with_a_lead_in(body):
            self._continue_row(header, cur, assigned, body_role)
            return
        if first_text or any(v for k, v in assigned.items() if k != body_role):
            self._start_row(header, None, assigned)

    def _a_tools_row(self, header: Header, assigned: dict[str, list[str]], body: str) -> bool:
        """A row a project or task tool types or numbers itself, read as it says: a risk (no
        action), a milestone ("◆ Milestone: Strategy approved by Cabinet", a subtask naming
        its "Parent task"), or a record numbered by the tool, an action of its own numbered
        by its words. False for any other row."""
        if typed_as_a_risk(header, assigned):
            return True
        due = plain(" ".join(assigned.get("due", []))) or None
        marked = _MILESTONE_TASK_RE.fullmatch(plain(body))
        if marked is not None:
            self._milestone(marked["text"], due)
            return True
        no_length = of_no_length(plain(" ".join(assigned.get("duration", []))).strip())
        if " ".join(assigned.get("parent", [])).strip() or no_length:
            self._milestone(plain(body), due)
            return True
        numbered = [v for v in assigned.get("ref", []) if v.strip()]
        if numbered and all(a_record_number(v) for v in numbered):
            ref, _rest = leading_ref(plain(body))
            unnumbered = {k: v for k, v in assigned.items() if k != "ref"}
            self._start_row(header, ref, unnumbered, record=True)
            return True
        return False

    def _continue_row(
        self, header: Header, cur: RawRow, assigned: dict[str, list[str]], body_role: str
    ) -> None:
        """Merge a continuation row; where its activity cell opens a new action number, the
        rest of the row (dates, partners) belongs to that new action."""
        frags = cell_fragments(" ".join(assigned.get(body_role, [])))
        parts = split_on_refs(frags)
        if len(parts) < 2 and not (parts and parts[0][0]):
            cur.add(assigned)
            return
        head = [t for r, t in parts if r is None]
        if head:
            cur.add({body_role: head})
        new_body = " ".join(f"<p>{r} {t}</p>" for r, t in parts if r is not None)
        rest = {k: v for k, v in assigned.items() if k != body_role}
        rest[body_role] = [new_body]
        if "owner" not in rest and cur.cells.get("owner"):
            rest["owner"] = list(cur.cells["owner"])
        first_ref = next(r for r, _ in parts if r is not None)
        self._start_row(header, first_ref, rest)

    def _start_row(
        self,
        header: Header,
        ref: str | None,
        assigned: dict[str, list[str]],
        *,
        record: bool = False,
    ) -> RawRow:
        """``record``: a tool's record of one action, its group named in its own cell."""
        top, sub = self.top, self.sub
        group = False
        if header.has("section") and ref is None and record:
            title = plain(" ".join(assigned.get("section", []))).strip()
            kind = section_kind_for_column(header.names[header.roles.index("section")])
            section = Section(title, title, kind, label=title) if title else None
            sub = self.sub = self._register(section) if section is not None else None
        elif header.has("section") and ref is not None:
            sec_idx = header.roles.index("section")
            title_frags = cell_fragments(" ".join(assigned.get("section", [])))
            title = " ".join(f.text for f in title_frags).strip()
            if title:
                kind = section_kind_for_column(header.names[sec_idx])
                # "1. Early help" over actions 1.1, 1.2: the section prints its own number
                own = re.match(r"(\d{1,3})[.:)]?\s+(\S.*)", title)
                named = _NAMED_SECTION_REF_RE.match(title)  # "Objective A: …" numbers itself
                if own is not None and ref.startswith(f"{own.group(1)}."):
                    section = Section(own.group(1), own.group(2), kind, label=title)
                elif named is not None:
                    section = Section(named.group(1), title, kind, label=title)
                elif _TASK_KEY_RE.fullmatch(ref):  # "QRT-7": the task's key, not its group's
                    section, group = self._keyed_group(ref, title, assigned, kind)
                elif "." in ref:  # "1.1 | WS1 Leadership": the action's number, not its group's
                    section = Section(ref.split(".")[0], title, kind, label=title)
                else:
                    section = Section(ref, title, kind, label=f"{ref} {title}")
                section.parent_ref = top.ref if top else None
                sub = self._register(section)
                self.sub = sub
            elif _TASK_KEY_RE.fullmatch(ref):
                sub = self.sub = None  # a task in no group: its "Epic" cell is empty
            elif sub is None or (sub.ref != ref and not _NAMED_SECTION_REF_RE.match(sub.title)):
                sub = self.first_with_ref.get(ref, sub)  # the section the row's ref numbers
                self.sub = sub
        row = RawRow(header, top, sub, ref, section_row=group)
        row.add(assigned)
        self.rows.append(row)
        self.current = row
        return row

    def _keyed_group(
        self, key: str, title: str, assigned: dict[str, list[str]], kind: str
    ) -> tuple[Section, bool]:
        """An issue tracker's group for a task: the epic its "Epic Link" cell names by key
        ("KSI-1"), or, for an epic's own row naming itself in its "Epic Name" cell, a new
        group under that key (and the row is no task)."""
        keyed = self.first_with_ref.get(title)
        if keyed is not None:
            return keyed, False
        if plain(" ".join(assigned.get("action", []))).casefold() == title.casefold():
            return Section(key, title, kind, label=title), True
        return Section(title, title, kind, label=title), False

    def _milestone_row(self, cells: list[str]) -> None:
        """A "Milestones" label row: one milestone per item of the cell, each with its date."""
        self._add_milestones(milestone_items(" ".join(c for c in cells[1:] if c.strip())))

    def _milestone_continuation(self, cell: str) -> None:
        """A row after a "Milestones" row with nothing in its first column: more milestones,
        or the rest of the last one where it runs on in lower case."""
        items = milestone_items(cell)
        if items and items[0][:1].islower():
            last = self.milestones[-1]
            body, due_raw = milestone_date(f"{last['text']} {items.pop(0)}")
            reading = read_date(due_raw, self.as_at) if due_raw else None
            last.update(
                text=body,
                due_raw=due_raw,
                due=reading.due.isoformat() if reading and reading.due else None,
            )
        self._add_milestones(items)

    def _add_milestones(self, items: list[str]) -> None:
        for text in items:
            self._milestone(*milestone_date(text))

    def _other_row(self, header: Header, cells: list[str]) -> None:
        assigned = header.assign(cells)
        if header.has("risk") and not header.has("section"):
            title = plain(" ".join(assigned.get("risk", [])))
            if title:
                self.risks.append(
                    {
                        "title": title,
                        "detail": plain(" ".join(assigned.get("detail", []))) or None,
                        "rag": read_rag(" ".join(assigned.get("rag", []))),
                        # Under a risk column, "Impact" names the risk's impact, not a measure.
                        "impact": plain(
                            " ".join(assigned.get("impact", []) or assigned.get("measures", []))
                        )
                        or None,
                        "mitigation": plain(" ".join(assigned.get("mitigation", []))) or None,
                        "owner": plain(" ".join(assigned.get("owner", []))) or None,
                    }
                )
            return
        if header.has("section") and not header.has("ref"):
            title = plain(" ".join(assigned.get("section", [])))
            if not title:
                return
            m = re.match(r"^(?:[A-Za-z ]+?\s)?(\d+[a-z]?)\s*[:.]", title)
            kind = section_kind_for_column(header.names[header.roles.index("section")])
            section = Section(m.group(1) if m else None, title, kind, label=title)
            section.parent_ref = self.top.ref if self.top else None
            self._add_section(section)
            if assigned.get("milestone"):
                self.milestones.append(
                    {
                        "section": " / ".join(
                            s.path_label() for s in (self.top, section) if s is not None
                        ),
                        "text": plain(" ".join(assigned["milestone"])),
                        "due_raw": None,
                        "due": None,
                    }
                )

    # ----- rows to actions -----------------------------------------------------------------
    def drafts(self) -> list[Draft]:
        out: list[Draft] = []
        for item in self.rows:
            if isinstance(item, Draft):
                out.append(item)
            elif not item.section_row:
                out.extend(self._row_drafts(item))
        return out

    def _row_drafts(self, row: RawRow) -> list[Draft]:
        """The actions of one table row: one for each item of its action (or narrative) cell."""
        header = row.header
        section = _path(row.top, row.sub)
        body_role = "action" if header.has("action") else "narrative"
        items, suffix = _row_items(row, body_role)
        items = [(r, t) for r, t in items if t]
        if not items:
            return []
        base_ref = _row_base_ref(row)
        finding = row.sub.title if header.has("section") and row.sub is not None else None
        shared = self._shared_fields(row, len(items))
        from_prose = body_role == "narrative" or not (header.has("owner") or header.has("due"))
        drafts = []
        for idx, (ref, text) in enumerate(items):
            data = self._item_data(text, section, finding, shared, idx, from_prose)
            if ref is not None:
                drafts.append(Draft(data, ref, None))
            else:
                group = ("row", id(row), base_ref) if suffix else None
                drafts.append(Draft(data, base_ref, group))
        return drafts

    def _item_data(
        self,
        text: str,
        section: str | None,
        finding: str | None,
        shared: dict[str, Any],
        idx: int,
        from_prose: bool,
    ) -> dict[str, Any]:
        """One item's fields: the row's cells (a cell with one value per item gives this item
        its own), then what the sentence itself says where no column says it."""
        data = empty_action()
        data["text"] = text
        data["section"] = section
        data["finding"] = finding
        for key, values in shared.items():
            data[key] = values[idx] if isinstance(values, list) and key not in _WHOLE else values
        if not data["status_history"]:
            del data["status_history"]
        if from_prose:
            self._prose_fields(data, text)
        if data["status_raw"] is None:
            phrase = find_status_phrase(text)
            if phrase:
                data["status_raw"] = phrase
                data["status"] = normalise_status(phrase)
        return data

    def _shared_fields(self, row: RawRow, count: int) -> dict[str, Any]:
        """The row's cells as fields: a list of one value per item, but for ``_WHOLE``."""
        owner_cell = plain(row.text("owner"))
        owners: list[str | None] = [owner_cell or None] * count
        statuses: list[str | None] = [None] * count
        split = split_owners_by_glossary(owner_cell, self.glossary, count) if owner_cell else None
        if split:
            owners = list(split)
        for i, cell in enumerate(owners):
            owner, status = split_owner_cell(cell)
            owners[i] = owner
            statuses[i] = status
        due_cell = row.text("due", "  ")
        dues: list[str | None] = [plain(due_cell) or None] * count
        if count > 1 and due_cell:
            seg = numbered_values(plain(due_cell), count) or segment_values(due_cell, count)
            if seg:
                dues = list(seg)
        history = [
            {"column": role.removeprefix(HISTORY), "value": plain(" ".join(values))}
            for role, values in row.cells.items()
            if role.startswith(HISTORY)
        ]
        status_cell = _verdict_paragraph(row.text("status")) or plain(row.text("status")) or None
        while _no_update(status_cell) and history:  # the latest progress column is empty
            status_cell = history.pop()["value"]
        if _no_update(status_cell):
            status_cell = None
        rag_cell = plain(row.text("rag"))
        if status_cell is None and read_rag(rag_cell) is None and normalise_status(rag_cell):
            status_cell = rag_cell  # "Complete" in the RAG column: a status, not a colour
        status_cells: list[str | None] = [status_cell] * count
        if count > 1 and status_cell:
            parts = segment_statuses(status_cell, count)
            if parts:
                status_cells = list(parts)
        due_out: list[str | None] = []
        due_raw_out: list[str | None] = []
        status_raw_out: list[str | None] = []
        year = row.header.year
        anchor = date(year, 1, 1) if year else self.as_at
        for i in range(count):
            raw = dues[i]
            st = status_cells[i] or statuses[i]
            if raw and _STATUS_ONLY_RE.fullmatch(raw):
                st = st or raw
                raw = None
            reading = read_date(raw, anchor) if raw else None
            if reading is not None and reading.problem:
                self.problems.append(
                    {
                        "where": str(row.ref or ""),
                        "rule": "impossible_date",
                        "message": reading.problem,
                    }
                )
            due_out.append(reading.due.isoformat() if reading and reading.due else None)
            due_raw_out.append(raw)
            status_raw_out.append(st)
        measures = measure_items(
            " ".join(row.cells.get("measures", [])) or _labelled_measures(row.cells)
        )
        start = plain(row.text("start")) or None
        rated = plain(row.text("rag"))  # "Amber", and a "Status (RAG)" cell's "On track (G)"
        rag = (
            read_rag(rated)
            or rag_of_status(rated)
            or (None if row.header.has("rag") else rag_of_status(status_cell))
        )
        return {
            "owner": owners,
            "due_raw": due_raw_out,
            "due": due_out,
            "status_raw": status_raw_out,
            "status": [
                normalise_progress(s) if s == c else normalise_status(s)
                for s, c in zip(status_raw_out, status_cells, strict=True)
            ],
            "start_raw": start,
            "rag": rag,
            "partners": _split_partners(row.text("partners", "\n")),
            "measures": measures,
            "status_history": history,
        }

    # ----- assembling ------------------------------------------------------------------------
    def result(self) -> dict[str, Any]:
        drafts = self.drafts()
        counts: dict[tuple[Any, ...], int] = {}
        for d in drafts:
            if d.group is not None:
                counts[d.group] = counts.get(d.group, 0) + 1
        seen: dict[tuple[Any, ...], int] = {}
        actions = []
        for d in drafts:
            ref = d.base_ref
            if d.group is not None and counts[d.group] > 1 and d.base_ref is not None:
                n = seen.get(d.group, 0)
                seen[d.group] = n + 1
                ref = f"{d.base_ref}.{letter_suffix(n)}"
            d.data["ref"] = ref
            actions.append(d.data)
        actions, dupes = dedupe_actions(actions)
        for text in dupes:
            self.problems.append(
                {
                    "where": text,
                    "rule": "duplicate_action",
                    "message": f"action listed twice: {text!r}",
                }
            )
        title_texts = [plain(self.lines[i].text).lstrip("#").strip() for i in self.title_lines]
        title_texts = [
            t if n == 0 else _without_its_date(t)
            for n, t in enumerate(title_texts)
            if t and not re.fullmatch(r"[A-Za-z]+\s+20\d\d", t)
        ]
        title_texts = [t for t in title_texts if t and not _VERSION_LINE_RE.match(t)]
        plan_title = " ".join(title_texts) or "Untitled plan"
        return {
            "plan_title": plan_title,
            "organisation": _organisation(self.lines),
            "kind": _kind(plan_title),
            "as_at_raw": self.as_at_raw,
            "as_at": self.as_at.isoformat() if self.as_at else None,
            "sections": [
                {"ref": s.ref, "title": s.path_label(), "kind": s.kind, "parent_ref": s.parent_ref}
                for s in self.sections
            ],
            "actions": actions,
            "milestones": self.milestones,
            "risks": self.risks,
            "indicators": self.indicator_reader.finish(),
            "owner_glossary": self.glossary,
            "problems": self.problems,
        }


_PROSE_RULES: tuple[Callable[[_Parser, _Prose], bool], ...] = (
    _Parser._attendance_line,
    _Parser._keyword_heading_line,
    _Parser._labelled_ref_line,
    _Parser._minuted_action_line,
    _Parser._period_heading_line,
    _Parser._milestones_heading_line,
    _Parser._meeting_summary_line,
    _Parser._action_lead_in_line,
    _Parser._other_lead_in_line,
    _Parser._table_title_line,
    _Parser._title_between_rows,
    _Parser._bare_ref_line,
    _Parser._ref_title_line,
    _Parser._roadmap_item_line,
    _Parser._milestone_bullet_line,
    _Parser._next_step_line,
)
"""What a line of prose is, tried in this order: headings and lead-ins first, then the items
under them. A rule returns True when it has taken the line."""


_VENUE_RE = re.compile(
    r"\b(?:Room|Centre|Center|Hall|Hub|House|Library|Offices?|Chamber|Suite|Microsoft Teams|"
    r"Teams|Zoom|online|virtual|hybrid)\b",
    re.I,
)
"""Words naming where a meeting was held."""
_ATTENDANCE_LABEL_RE = re.compile(
    r"(?i)^(?:present|attendees?|attending|in attendance|members present|also present)\s*:"
)
"""The label over who came to a meeting ("Present:", "Attendees: …")."""


def _row_items(row: RawRow, body_role: str) -> tuple[list[tuple[str | None, str]], bool]:
    """A row's items, each with its own ref or None; and whether items with no ref of their
    own share the row's ref, to be suffixed a, b, c."""
    frags = cell_fragments(" ".join(row.cells.get(body_role, [])))
    if body_role == "narrative":
        return [(None, t) for t in narrative_items(frags)], True
    if row.header.has("ref") or row.header.has("section"):
        texts = action_items(frags)
        steps = opening_numbered_steps(texts[0]) if len(texts) == 1 else []
        if steps and row.ref:
            return [(f"{row.ref}.{n}", t) for n, t in enumerate(steps, start=1)], False
        return [_its_own_number(row, t) for t in texts], True
    listed_frags = _below_a_lead_in(frags)  # "We will:" over the list
    if len(listed_frags) > 1 and all(f.level > 0 for f in listed_frags):  # the cell is a list
        listed = action_items(listed_frags)
        if len(listed) > 1 and not any(leading_ref(t)[0] for t in listed):
            return [(None, t) for t in listed], True  # several actions, one a bullet
    items: list[tuple[str | None, str]] = []
    for ref, text in split_on_refs(frags):
        steps_of = _numbered_steps(row, text) if ref is None and text else None
        items.extend([(ref, text)] if steps_of is None else steps_of)
    return items, False


def _its_own_number(row: RawRow, text: str) -> tuple[str | None, str]:
    """An item opening with its own number ("1.2 Introduce …" under a merged "Priority 1"
    cell): the number is its ref, apart from its words; the row's own ref is the row's."""
    ref, rest = leading_ref(text)
    if ref is None or not rest:
        return None, text
    return (None if ref == row.ref else ref), rest


def _numbered_steps(row: RawRow, text: str) -> list[tuple[str | None, str]] | None:
    """In a row with no ref, "1) … 2) …" are steps numbered under the sub-section's ref."""
    if row.ref is not None:
        return None
    base = row.sub.ref if row.sub else None
    _, numbered = split_inline_numbered(text)
    if numbered:
        return [(f"{base}.{n}" if base else str(n), t) for n, t in enumerate(numbered, start=1)]
    step = substep_number(text)
    if step is None:
        return None
    stripped = re.sub(r"^\(?\d{1,2}[).]\s+", "", text)
    return [(f"{base}.{step}" if base else str(step), stripped)]


_TASK_KEY_RE = re.compile(r"[A-Z]{2,6}-\d{1,6}")
"""An issue tracker's key for one task ("FXS-41"): it numbers the task, not a section."""
_NAMED_SECTION_REF_RE = re.compile(
    r"^[A-Z][a-z]+(?: [a-z]+){0,2} ([A-Z]|\d{1,3})\s*[:.\u2013\u2014-]\s"
)
"""A section cell that prints its own kind and number ("Objective A: …", "Outcome 2 – …")."""
_LISTED_NUMBER_RE = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?=\S)")
"""An item's own number in a numbered list under a lead-in ("1. Publish …")."""


_PARAGRAPH_BREAK_RE = re.compile(r"<br\s*/?>|</p>\s*<p>|\n")


def _verdict_paragraph(cell: str) -> str | None:
    """A progress cell's first paragraph where it is a status alone, the update in the
    paragraphs below it ("<b>Complete</b><br>All posts appointed …"): the status phrase."""
    parts = _PARAGRAPH_BREAK_RE.split(cell.strip())
    first = plain(parts[0]).strip(" .:")
    if len(parts) < 2 or not first or len(first.split()) > 4 or not plain(parts[1]).strip():
        return None
    return first if normalise_status(first) else None


def _the_plans_ref(refs: list[str]) -> str | None:
    """Of a tool's row numbered twice, its own ID and the plan's number ("T-04 | 2.1",
    "SIP-0101 | 1.1"), the plan's; None where the row is not so numbered ("Issue key |
    Issue id", "ID | WBS")."""
    outline = [v for v in refs if re.fullmatch(r"\s*\d{1,3}(?:\.\d{1,3})+\s*", v)]
    tools = [v for v in refs if re.fullmatch(r"\s*[A-Z]{1,6}-\d{1,6}\s*", v)]
    return outline[0].strip() if outline and tools else None


def _row_base_ref(row: RawRow) -> str | None:
    """A row numbered "3" under sub-section "2.1" is action 2.1.3."""
    base_ref = row.ref
    if (
        base_ref is not None
        and row.sub is not None
        and row.sub.ref
        and not row.header.has("section")
        and re.fullmatch(r"\d{1,3}", base_ref)
        and row.sub.ref != base_ref
    ):
        base_ref = f"{row.sub.ref}.{base_ref}"
    return base_ref


_MILESTONES_HEADING_RE = re.compile(r"^(?:key\s+|upcoming\s+)?milestones?\b.{0,30}?:?$", re.I)


_LABELLED_DATE_RE = re.compile(
    r"^(?:[A-Za-z]+\s+){0,3}?(?:date|month|period|quarter|as at|position|updated|exported|"
    r"produced|refreshed|reporting|sent)(?:\s+[A-Za-z]+){0,2}\s*[:/\u2013\u2014-]\s*"
    r"(?:[A-Z][a-z]+day,?\s+)?"
    r"(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]+\.?\s+20\d\d|\d{1,2}([./-])\d{1,2}\2(?:20)?\d\d)"
    r"(?:,?\s+\d{1,2}[:.]\d\d\s*(?:[ap]m)?)?"  # an email's "Sent: Thursday, 5 June 2025 16:42"
    r"(?:\s*\([^()]{1,40}\))?"  # "Updated: 26/09/2025 (v2 – after INSET)"
    r"\s*(?:\|.*)?$",
    re.I,
)


def labelled_report_date(line: str) -> str | None:
    """The date of a header label line near the top of a report ("Reporting month: October
    2024", "Period ending – 31 March 2025", "Date: 02/09/2024", "Report date / 04.03.2025",
    "Meeting date: 22/09/2025 | Venue: …"): the document's as-at date when its title block
    prints none."""
    m = _LABELLED_DATE_RE.match(plain(line).strip())
    return m.group("date") if m else None


def _glued_date(line: str) -> str | None:
    """ "Date05/02/2026 Time 09:30 …", "Date:Wednesday 14 January 2026Time:10.00": a minutes
    header whose label lost its cell."""
    m = re.match(
        r"(?i)^\s*(?:meeting\s+)?date\s*:?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?"
        r"(\d{1,2}[./]\d{1,2}[./]20\d\d|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+20\d\d)(?!\d)",
        line,
    )
    return m.group(1) if m and read_date(m.group(1), None).due else None


def meeting_date(line: str) -> str | None:
    """The date of a meeting named in a title line ("Summary of the meeting held on 14
    March 2024"): the as-at date of a board summary."""
    m = _MEETING_RE.search(plain(line))
    return m.group(1) if m else None


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences (split after a full stop followed by a capital)."""
    return [s.strip() for s in _SENTENCE_SPLIT_RE.split(clean(text)) if s.strip()]


def is_owned_future_action(sentence: str, as_at: date | None) -> bool:
    """A sentence of minutes that commits a named owner to something by a date on or after
    the meeting ("The Head of Inclusion will launch the charter in September"); decisions,
    reports and progress are not actions."""
    if _NOT_AN_ACTION_RE.match(sentence) or subject_owner(sentence) is None:
        return False
    phrase = _last_date_phrase(sentence)
    if phrase is None:
        return False
    due = read_date(phrase, as_at).due
    return due is not None and (as_at is None or due >= as_at)


_BRACKETED_DATE_RE = re.compile(r"^(?P<body>.*?\S)\s*\((?P<date>[^()]{3,40})\)\s*\.?$")


def bracketed_due(text: str) -> tuple[str, str | None]:
    """An item that ends with its date in brackets ("Hold the forum (by 28 November)") →
    the item without it and the date as printed; a bracket that is not only a date (a
    start such as "(from May)", or words) stays in the text."""
    m = _BRACKETED_DATE_RE.match(text)
    if not m:
        return text, None
    inner = m.group("date").strip()
    phrase = _DATE_PHRASE_RE.fullmatch(inner)
    if phrase is None or re.match(r"(?:from|since|for)\b", inner, re.I):
        return text, None
    return m.group("body"), inner


_MILESTONE_BREAK_RE = re.compile(
    r"(?<=\b20\d\d)(?=[A-Z])|(?<=\b20\d\d)\s+(?=[A-Z][a-z])|(?<=\b20\d\d/\d\d)\s+(?=[A-Z][a-z])|(?<=[a-z0-9)][.!?])\s+(?=[A-Z])"
)
_ACADEMIC_YEAR_PHRASE_RE = re.compile(
    r"the\s+end\s+of\s+(?:the\s+)?academic\s+year\s+20\d\d\s*[/-]\s*\d\d(?:\d\d)?",
    re.I,
)
_DUE_PREPOSITION_RE = re.compile(
    r"^(?:in|by|during|through|throughout|over|before|until|at)\s+", re.I
)


def milestone_items(cell: str) -> list[str]:
    """The milestones of a cell: its list items and paragraphs, and within each, a new
    milestone wherever a sentence ending in a year runs on into a capitalised word with no
    full stop between ("… complete by September 2018 The website is launched …")."""
    out: list[str] = []
    for fragment in cell_fragments(cell):
        text = plain(fragment.text)
        out.extend(part.strip() for part in _MILESTONE_BREAK_RE.split(text) if part.strip())
    return out


def milestone_date(text: str) -> tuple[str, str | None]:
    """A milestone and the date it names: a date after a dash ends it and is taken off the
    text ("CwD Register in place – January 2019"); otherwise the last date phrase in it
    that is not a start, without "by"/"before" ("launched before the end of the autumn Term
    2018" → "the end of the autumn Term 2018")."""
    body, due_raw = _trailing_date(text)
    if due_raw is not None and _DATE_PHRASE_RE.fullmatch(due_raw):
        return body, _DUE_PREPOSITION_RE.sub("", due_raw)
    bracketed = re.search(r"\s*\((?P<date>[^()]{3,40})\)\s*$", text)
    if bracketed and _DATE_PHRASE_RE.fullmatch(bracketed.group("date").strip()):
        return text[: bracketed.start()].rstrip(), bracketed.group("date").strip()
    academic = list(_ACADEMIC_YEAR_PHRASE_RE.finditer(text))
    if academic:
        return text, academic[-1].group(0)
    phrase = _last_date_phrase(text)
    if phrase is None or re.fullmatch(r"(?:\w+\s+)?20\d\d", phrase):
        return text, None  # a year alone in a sentence is not the milestone's date
    return text, _DUE_PREPOSITION_RE.sub("", phrase)


def _trailing_date(text: str) -> tuple[str, str | None]:
    """ "Guide published – July 2024" → ("Guide published", "July 2024")."""
    m = re.match(r"^(?P<body>.*?\S)\s*[\u2013\u2014:-]\s*(?P<date>[^\u2013\u2014:-]{3,30})$", text)
    if m and _DATE_PHRASE_RE.search(m.group("date")):
        return m.group("body"), m.group("date").strip()
    return text, None


def _last_date_phrase(text: str) -> str | None:
    """The last date phrase of a sentence that is not a start ("from 20th September")."""
    found = [m for m in _DATE_PHRASE_RE.finditer(text)]
    found = [m for m in found if not re.match(r"(?:from|since|for)\b", m.group(0), re.I)]
    if not found:
        return None
    phrase = found[-1].group(0).strip()
    return phrase


_ORG_RE = re.compile(
    r"\b((?:[A-Z][\w&'-]+\s+){1,4}(?:County|Borough|City|District|Metropolitan)?\s*Council)\b"
)


def _organisation(lines: list[Line]) -> str | None:
    for line in lines[:80]:
        if line.kind == "text":
            m = _ORG_RE.search(plain(line.text))
            if m:
                return m.group(1)
    return None


def _kind(title: str) -> str | None:
    t = title.lower()
    rules = [
        (r"monitoring|update|highlight|progress report", "monitoring_report"),
        (r"written statement of action|\bwsoa\b", "written_statement_of_action"),
        (r"priority action plan", "priority_action_plan"),
        (r"peer review|review action plan|recommendations", "peer_review_plan"),
        (r"board", "board_summary"),
        (r"improvement plan", "improvement_plan"),
        (r"service|\b\w*iass\b|information,? advice", "service_plan"),
        (r"action plan", "improvement_plan"),
    ]
    for pattern, kind in rules:
        if re.search(pattern, t):
            return kind
    return "other"


_KEY_CODE_RE = re.compile(  # "NS = Not started", "✓   done": one space between a meaning's words
    rf"(?<![\w/])(?:(?P<code>[A-Z]{{1,3}})\s*[=:\u2013-]|(?P<mark>[{STATUS_MARKS}])\s*[=:\u2013-]?)"
    r"\s*(?P<meaning>[A-Za-z][a-z]+(?: [A-Za-z]+){0,4})"
)


def _statuses_from_the_key(text: str, actions: list[dict[str, Any]]) -> None:
    """Status codes a document explains in its key ("KEY: NS = Not started  IP = In
    progress  C = Complete"): an action whose status is such a code gets its meaning."""
    codes = {a["status_raw"] for a in actions if a["status_raw"] and not a["status"]}
    code_re = re.compile(rf"[A-Z]{{1,3}}|[{STATUS_MARKS}]")
    codes = {code for code in codes if code_re.fullmatch(code.strip())}
    if not codes:
        return
    meanings: dict[str, str] = {}
    for match in _KEY_CODE_RE.finditer(text):
        status = normalise_status(match.group("meaning").strip())
        code = match.group("code") or match.group("mark")
        if code in codes and status is not None:
            meanings.setdefault(code, status)
    for action in actions:
        code = (action["status_raw"] or "").strip()
        if not action["status"] and code in meanings:
            action["status"] = meanings[code]


def _without_the_glossary(
    actions: list[dict[str, Any]], glossary: dict[str, str]
) -> list[dict[str, Any]]:
    """The actions less the lines of the owners' glossary ("Key to owners", "DCS – Director
    of Children's Services"), which explain the leads' initials and are no actions."""
    if not glossary:
        return actions
    return [
        a for a in actions if a["text"].strip() not in glossary and not glossary_heading(a["text"])
    ]


_REPORTED_FIELDS = ("owner", "due", "due_raw", "status", "status_raw", "rag")


def _reported(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions, each reported again under its ref once (a monthly return appending a
    row per action per month, a later review of it; its words the same, or a slip put
    right) where it is first listed, with what its latest report says of its lead, date,
    status and RAG."""
    kept: list[dict[str, Any]] = []
    by_ref: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for action in actions:
        ref = str(action.get("ref") or "")
        text = clean(action["text"]).casefold()
        first = next((a for words, a in by_ref.get(ref, []) if _same_words(words, text)), None)
        if not ref or first is None:
            kept.append(action)
            by_ref.setdefault(ref, []).append((text, action))
            continue
        first.update({name: action[name] for name in _REPORTED_FIELDS if action.get(name)})
        first["text"] = action["text"]  # the words as last reported: a slip put right
    return kept


def _same_words(one: str, other: str) -> bool:
    """Two reports' words are one action's (:data:`_SAME_WORDS` alike); the cheap bounds
    first, so that a plan numbering many actions alike ("SW1") is not compared letter by
    letter with itself."""
    if one == other:
        return True
    matcher = difflib.SequenceMatcher(None, one, other)
    return (
        matcher.real_quick_ratio() >= _SAME_WORDS
        and matcher.quick_ratio() >= _SAME_WORDS
        and matcher.ratio() >= _SAME_WORDS
    )


_SAME_WORDS = 0.9
"""How alike two reports' words are for one action ("Deliever" put right in the next)."""


_RETOLD_MIN = 25
"""The fewest characters of an action's words that, found whole in a sentence, say the
sentence tells of that action."""


def _without_retold(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions less a sentence that tells one of them again in more words: minutes'
    "ACTION: RH to circulate the template to all leads by 7 Feb" where their action log
    lists "Circulate the template to all leads | RH | 07/02": the log's row is the action."""
    texts = [clean(a["text"]).casefold().rstrip(". ") for a in actions]
    by_opening: dict[tuple[str, ...], list[str]] = {}
    for text in texts:  # each text found by its first three words, not by all the others
        if len(text) >= _RETOLD_MIN:
            by_opening.setdefault(tuple(text.split()[:3]), []).append(text)
    kept = []
    for action, mine in zip(actions, texts, strict=True):
        words = mine.split()
        told = any(
            other != mine and other in mine
            for at in range(len(words))
            for other in by_opening.get(tuple(words[at : at + 3]), ())
        )
        if not told:
            kept.append(action)
    return kept or actions


def _without_boilerplate(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions less a text printed three times or more word for word: a form's prompt
    repeated in every record ("Tick if the Board needs to make a decision"), no one action."""
    counts = Counter(clean(a["text"]).casefold() for a in actions)
    kept = [a for a in actions if counts[clean(a["text"]).casefold()] < 3]
    return kept or actions  # never nothing: a list of one thing three times is offered


def _without_copies(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions less a copy of one above: a dashboard's panel of red items or a filtered
    view repeats an action, its words cut with an ellipsis ("Recruit and induct 6 addit…")
    or whole under the same ref, or named in a few words under it by the minutes' closing
    summary ("3.1 | SEF refresh with the Forum"); and less words of no letters ("62%"), a
    figure's box."""
    kept: list[dict[str, Any]] = []
    texts: list[str] = []
    under_refs: dict[str, list[str]] = {}  # the texts kept under each ref
    for action in actions:
        text = clean(action["text"]).casefold()
        cut = text[:-1].rstrip(" .") if text.endswith("\u2026") else text.removesuffix("...")
        ref = str(action.get("ref") or "")
        earlier_here = under_refs.get(ref, []) if ref else []
        if _says_too_little(text) or _a_test_item(text) or text in earlier_here:
            continue
        if _SUMMARY_REF_RE.fullmatch(ref) and any(
            _names_in_short(text, earlier) for earlier in earlier_here
        ):
            continue
        if cut != text and len(cut) >= _COPY_MIN:
            if any(len(earlier) > len(cut) and earlier.startswith(cut) for earlier in texts):
                continue
        kept.append(action)
        texts.append(text)
        if ref:
            under_refs.setdefault(ref, []).append(text)
    return kept or actions


_COPY_MIN = 20
"""The fewest characters of an action cut short that say which one it copies."""
_SUMMARY_REF_RE = re.compile(r"[A-Z]{0,3}\d{1,3}[a-z]?\.\d{1,3}(?:\.\d{1,3})?")
"""A ref a summary's row repeats: numbered within its part ("3.1", "5a.2"), not a bare "1"
that each part's list starts again."""


def _names_in_short(text: str, earlier: str) -> bool:
    """A title of a few words whose words are mostly the earlier action's ("SEF refresh with
    the Forum" for "Refresh the local area self-evaluation (SEF) with the Forum …")."""
    words = set(re.findall(r"[a-z0-9]{3,}", text))
    return (
        len(text.split()) <= 6
        and len(earlier.split()) > len(text.split())
        and len(words & set(re.findall(r"[a-z0-9]{3,}", earlier))) * 2 >= len(words) > 0
    )


def _without_a_common_root(result: dict[str, Any]) -> None:
    """Take off a top heading every action's section is under, where it holds two or more
    sections: such a heading groups nothing apart ("Plan ID", a header cell read as a heading;
    "Headline data – September 2024", "OFFICIAL - SENSITIVE", a report's "Introduction").
    Kept where it numbers, names or dates what it holds (:func:`_heads`)."""
    paths = [a["section"] for a in result["actions"] if a.get("section")]
    if not paths:
        return
    roots = [s for s in result["sections"] if s["parent_ref"] is None]
    root = next((s for s in roots if all(p.startswith(s["title"] + " / ") for p in paths)), None)
    if root is None:
        return
    above = root["title"] + " / "
    inside = [p.removeprefix(above) for p in paths]
    titles = sorted({s["title"] for s in result["sections"]}, key=len, reverse=True)
    held = {next((t for t in titles if p == t or p.startswith(t + " / ")), p) for p in inside}
    if len(held) < 2 or any(_heads(root["title"], title) for title in held):
        return
    for action in result["actions"]:
        if action.get("section"):
            action["section"] = action["section"].removeprefix(above)
    result["sections"] = [s for s in result["sections"] if s is not root]
    for section in result["sections"]:
        if root["ref"] is not None and section["parent_ref"] == root["ref"]:
            section["parent_ref"] = None


_FIRST_NUMBER_RE = re.compile(r"(?<![\d.])(\d{1,2})(?![\d])")
_PART_NUMBER_RE = re.compile(r"(?<![\d.])(\d{1,2})(?:\.\d|[A-Za-z](?![a-z]))")
"""A part's number within its section's: "2.1", "4A", "4b"."""


def _heads(top: str, title: str) -> bool:
    """Whether a heading numbers the section (its "2." over "2.1 …", "Workstream 4" over
    "4A …"), names its kind ("Our priorities" over "Priority 1 – …", "Recommendations" over
    "Recommendation 3") or is the period its month is in ("Q3 2025/26" over "October")."""
    number = _FIRST_NUMBER_RE.search(top)
    part = _PART_NUMBER_RE.search(title)
    if number and part and number.group(1) == part.group(1):
        return True
    if date_heading(top) and date_heading(title):
        return True
    word = re.match(r"\s*([A-Za-z]{3,})", title)
    if word is None:
        return False
    kind = word.group(1).lower()
    plural = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
    return re.search(rf"\b{plural}\b", top.lower()) is not None


_DATE_OR_SMALL_WORD_RE = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|"
    r"nov|dec)[a-z]*|q[1-4]|st|nd|rd|th|w/c|by|to|and|of|on|in|at|the|from|until|for|a|an",
    re.I,
)
_WORD_OF_LETTERS_RE = re.compile(r"[^\W\d_]+(?:/[^\W\d_]+)?")


_TEST_ITEM_RE = re.compile(
    r"(?i)^\W*(?:test(?:ing)?\W*$|test(?:ing)?\b.{0,20}\b(?:ignore|delete)\b|please ignore\b)"
)
"""A tool's item made to try it ("test", "TEST - ignore (training session)"): no action."""


def _a_test_item(text: str) -> bool:
    return _TEST_ITEM_RE.match(text) is not None


def _says_too_little(text: str) -> bool:
    """Fewer than two words besides dates, figures and small words: a box's figure ("24 of
    27"), a meeting's date ("Wednesday 25 March 2026"), a lone label ("Key"); an action
    names at least what is done and to what."""
    words = _WORD_OF_LETTERS_RE.findall(text)
    return sum(not _DATE_OR_SMALL_WORD_RE.fullmatch(w) for w in words) < 2


def _without_group_rows(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions less a row that is the section others sit under: a system's parent row
    ("SW1 The variable quality of EHC plans …", with its own owner and RAG) exported among
    its children, whose "Parent title" names it (as a path does, cut at ``TITLE_CUT``).
    A parent among plain actions of its own section (a story among stories, with sub-tasks
    under it) is an action, and its children sit in its section."""

    def key(action: dict[str, Any]) -> str:
        return clean(action["text"])[:TITLE_CUT].strip().casefold()

    def last(action: dict[str, Any]) -> str:
        return str(action.get("section") or "").rsplit(" / ", 1)[-1].strip().casefold()

    titles = {last(a) for a in actions} - {""}
    parents = {key(a): a for a in actions if key(a) in titles and key(a) != last(a)}
    plain_sections = {a.get("section") for a in actions if key(a) not in parents}

    def a_story(parent: dict[str, Any]) -> bool:
        fields = ("owner", "status_raw", "rag")  # (a month heading gives its items a date)
        told = any(parent.get(name) for name in fields)
        return told and parent.get("section") in plain_sections  # (a heading tells nothing)

    kept = []
    for action in actions:
        parent = parents.get(last(action))
        if parent is not None and a_story(parent):
            action = {**action, "section": parent.get("section")}  # a story's sub-task
        if key(action) not in parents or a_story(action):
            kept.append(action)
    return kept


def parse_plan_text(
    text: str, *, progress: Progress | None = None, models: Models = TRAINED
) -> dict[str, Any]:
    """Parse a plan document's text into a Plan JSON dict (every key present): the table
    rules first, then the candidate reader with ``models`` where they are not confident.

    Raises :class:`DocumentImportError` when the text holds nothing that reads as a plan.
    """
    if not isinstance(text, str):
        raise DocumentImportError("The document could not be read as text.")
    if not text.strip():
        raise DocumentImportError("The document is empty: there is no plan text to import.")
    text = dashed_rows(margin_actions(nested_markdown_tables(form_responses(text))))
    text = cards_as_rows(text)
    text = columns_printed_apart(unquoted(unstruck(text)))
    text = fixed_width_tables(join_two_row_headers(subitems_as_rows(text)))
    text = joined_hard_wrapped_rows(bracketed_actions(without_contents_pages(chat_messages(text))))
    text = unglued_labels(period_grids(gantt_ends(typed_rows(text))))
    text = rag_letters_moved(without_running_titles(text))
    try:
        parser = _Parser(text, progress)
        parser.run()
        result = parser.result()
    except DocumentImportError:
        raise
    except (ValueError, IndexError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise DocumentImportError(
            "The document's layout could not be read as an improvement plan "
            f"({type(exc).__name__}). Please check it is a plan with actions and try again."
        ) from exc
    result = choose_reading(text, result, models)
    _statuses_from_the_key(text, result["actions"])
    result["actions"] = _without_the_glossary(result["actions"], result["owner_glossary"])
    result["actions"] = _without_group_rows(_without_boilerplate(_reported(result["actions"])))
    result["actions"] = _without_copies(_without_retold(result["actions"]))
    _without_a_common_root(result)
    result["actions"] = [with_doubts(a) for a in result["actions"]]
    if not result["actions"] and not result["sections"]:
        raise DocumentImportError(
            "No actions or sections were found in this document. Check that it is an "
            "improvement plan (a table of actions, or headed lists of next steps)."
        )
    return result
