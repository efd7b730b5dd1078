"""Column recognition: the many names councils give the same column.

Each role is a list of regular expressions over the normalised header text. A header row is
a row where most non-empty cells name a known role. Unknown long columns are kept as
``narrative``: a cell of prose in which actions are announced by a lead-in.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from sendtrack.domain.dates import names_a_date

from .rows import Line
from .sections import date_heading, keyword_heading
from .status import STATUS_MARKS, normalise_status
from .text import clean, plain

__all__ = [
    "columns_printed_apart",
    "HISTORY",
    "Header",
    "column_role",
    "flattened_header",
    "flattened_header_names",
    "is_wrapped_name_tail",
    "is_header_row",
    "join_two_row_headers",
    "lead_and_when",
    "read_header",
    "the_status_column",
    "unflatten_tables",
]

# Order matters: the first role whose pattern matches wins.
_ROLE_PATTERNS: list[tuple[str, tuple[str, ...]]] = [
    (
        "rag",
        (
            r"^b?rag\b",
            r"^b?rag (rating|status)",
            r"^rating$",
            r"^colour$",
            r"^[brag]( ?/ ?[brag]){2,3}$",  # "B/G/A/R", "R/A/G": the scale the column rates on
            r"^health$",  # a project tool's traffic light
            r"^(board|delivery) b?rag$",
        ),
    ),
    (
        "status",
        (
            r"^progress",
            r"^status",
            r"^(action|task|mitigation) (status|progress|update)",  # a RAID log's own column
            r"^(follow ?up|implementation|delivery) (status|progress|position|update)",  # audits
            r"^(percent(age)? )?complete$",
            r"^(latest |progress |current )?updates?\b",
            r"^(q[1-4]|quarter [1-4]|(spring|summer|autumn) term|(jan|feb|mar|apr|may|jun|jul|aug|"
            r"sep|oct|nov|dec)[a-z]*)( \d{2,4})? (updates?|progress|position|commentary)$",
            r"^q[1-4] status\b",  # "Q2 status (Sep 24)": that quarter's status
            r"^current (position|status)",
            r"^position",
            r"^commentary",
            r"^state$",
            r"^stage$",  # a commissioning plan's "Plan / Procure / Mobilise / Live"
            r"^stat\.?$",  # a report's abbreviated column
            r"^where (are we|we are)\b",
            r"^list( name)?$",  # a card board's "To do", "Doing", "Done"
            r"^how (are we doing|is it going|it ?s going)",
            r"^what (has|have we) (happened|done|achieved)",
        ),
    ),
    ("start", (r"^start", r"^from$", r"^begin")),
    (
        "logged",  # when the record was kept, not when the work is due ("Date raised")
        (
            r"^date (raised|opened|logged|created|closed|completed|modified|(last )?updated)$",
            r"^(raised|opened|logged|created|closed|completed|modified|(last )?updated) (date|on)$",
            r"^due complete$",  # a card board's tick that its due date was met
        ),
    ),
    (
        "due",
        (
            r"^time ?frames?",
            r"^timelines?$",  # a task board's "Timeline": "Jan 6 - Mar 28"
            r"^time ?bound$",  # a SMART table's "Time-bound (by when)"
            r"^timescales?",
            r"^when\b",
            r"^by when",
            r"^(target |completion |end |due |review )?dates?\b",
            r"^completion",
            r"^to be complet",
            r"^(revised|new|amended|re-?baselined) (target |due |completion |end )?dates?$",
            r"^due",
            r"^deadline",
            r"^finish( date)?$",
            r"^end( date)?$",
            r"^target(?!s$)",  # not a school plan's "Targets": what it aims to do
            r"^by$",
            r"^month",
        ),
    ),
    (
        "owner",
        (
            r"^lead",
            r"^owner",
            r"^assigned( to)?$",
            r"^assignees?$",
            r"^(card )?members?$",
            r"^resource names?$",
            r"^(action |responsible |accountable )(owner|officer|lead|person)",
            r"^who\b",
            r"^resp\.?$",  # "Resp." (responsible), a report's abbreviated column
            r"^officers?\b",
            r"^(lead |responsible )?(officer|person|manager|team)s?( responsible)?$",
            r"^by who",
            r"^responsib",
            r"^accountab",
            r"^achievable$",  # a SMART table's "Achievable (resources / lead)"
        ),
    ),
    (
        "partners",
        (
            r"^partners?\b",
            r"^(supporting|other|key|delivery) partners?",
            r"^(key |other )?stakeholders",
            r"^support(ed)? by",
            r"^with\b",
            r"^working with",
        ),
    ),
    (
        "measures",
        (
            r"^measures?",
            r"^(measure|measures|indicators?) of (success|impact)",
            r"^success (criteria|measures?|indicators?)",
            r"^impact( indicators?| measures?)?$",
            r"^impact (/ )?how (will we|we will) know",
            r"^(the )?impact (we expect|expected)",
            r"^(expected|intended) (impact|outcomes?)",
            r"^outcomes?( measures?| indicators?)?$",
            r"^kpis?",
            r"^evidence",
            r"^how (will we|we will|we ll) (know|measure)",
            r"^what (will|does) success",
            r"^what difference",
            r"^success (looks|will look) like",
            r"^measurable$",
            r"^acceptance criteria$",
            r"^assurance$",  # a trust's QI template: what shows it is done
        ),
    ),
    (
        "ref",
        (
            r"^(action )?(ref|no|number|id)\b",
            r"^(action )?#$",
            r"^(action )?reference( no| number)?$",
            r"^\w+ (no|number|ref|reference)$",
            r"^(item|task|work item|issue|action) (id|key|ref)$",
            r"^wbs$",
            r"^(action |task |item )?code$",  # a performance system's "Code"
        ),
    ),
    (
        "action",
        (
            r"^actions?\b(?! (owner|ref|no|(being )?taken$))",
            r"^(summary|key|detailed|specific|agreed) actions?",
            r"^(agreed )?management actions?$",  # an audit's
            r"^(priority|improvement) actions?$",
            r"^activit",
            r"^(commissioning|improvement|key|main|planned) activit",
            r"^(key |main |planned )?tasks?$",
            r"^(tasks?|cards?|items?|work items?|issues?) (name|title)s?$",
            r"^(action |task )?title$",
            r"^what$",  # "What | Who | When"
            r"^targets$",  # a school's accessibility plan: "Targets | Strategies | Outcome"
            r"^specific$",  # a SMART table's "Specific (what we will do)"
            r"^what (we will do|will we do|needs to happen|are we doing|we are doing)",
            r"^what we (said|promised|agreed|committed)( we ll| we would| we will| to)? do",
            r"^what (is|will be) happening$|^what happens next$",  # "You said | What is …"
            r"^we will( do)?$",  # "You said | We did | We will": what is still to do
            r"^next steps",
            r"^steps",
            r"^deliverables?",
            r"^interventions?",
        ),
    ),
    (
        "section",
        (
            r"^recommendations?",
            r"^objectives?",
            r"^focus areas?",
            r"^areas?( for (improvement|development))?\b",
            r"^priorit",
            r"^workstreams?",
            r"^(key )?concerns?",
            r"^weakness",
            r"^finding",
            r"^themes?",
            r"^aims?$",
            r"^goals?$",
            r"^buckets?( names?)?$",
            r"^section/column$",  # a task tool's "Section/Column": the board's column or list
            r"^epics?( names?| links?)?$",  # an issue tracker's group of tasks
            r"^topics?$",
            r"^agenda items?$",  # an action log's column of the item each action came from
            r"^parent (title|name|summary)$",  # a performance system's row above the action
        ),
    ),
    ("level", (r"^(outline )?level$", r"^indent( level)?$")),
    ("parent", (r"^parent task$",)),  # a task tool's subtask names the action it is part of
    ("summary", (r"^summary( task)?$",)),
    ("milestone", (r"^milestones?",)),
    ("duration", (r"^(planned |baseline |estimated )?duration\b", r"^dur$")),
    (
        "risk",
        (
            r"^risks?",
            r"^issues?$",
            r"^risk ?/ ?issue",
            r"^assumptions?$",  # a RAID log's other registers
            r"^dependenc(y|ies)$",
        ),
    ),
    ("decision", (r"^decisions?( made| taken| agreed)?$",)),
    (
        "mitigation",
        (
            r"^((further|additional|planned) )?mitigat",
            r"^controls?",
            r"^(resolution|remedial) actions?",
            r"^actions? (being )?taken$",  # an issue log's response, done or under way
        ),
    ),
    ("impact", (r"^impact$", r"^consequence")),
    (
        "detail",
        (
            r"^detail",
            r"^description",
            r"^comments?",
            r"^notes?",
            r"^discussion",
            r"^what (the )?(inspection|inspectors?|review|reviewers?|we) (found|said|heard)",
            r"^(what )?you (said|told us)$",  # families' words, which the plan answers
        ),
    ),
]

_COMPILED = [
    (role, re.compile("|".join(f"(?:{p})" for p in pats))) for role, pats in _ROLE_PATTERNS
]
"""Each role's names as one pattern: a header cell is looked up once a role, not once a name
(every label a glued cell might start with is looked up)."""


_BRACKETED_RE = re.compile(r"\(.*?\)")
_NOT_A_NAME_CHAR_RE = re.compile(r"[^a-z0-9#/& ]+")
_POSSESSIVE_RE = re.compile(r"^(?:our|the|your) (?=\w)")
_BRACKETED_RAG_RE = re.compile(r"\(b?rag\)", re.I)


def _norm(name: str) -> str:
    text = _BRACKETED_RE.sub(" ", plain(name).lower())
    if text.startswith("%"):
        text = "percent " + text[1:]  # "% Complete"
    text = _NOT_A_NAME_CHAR_RE.sub(" ", text)
    text = clean(text)
    return _POSSESSIVE_RE.sub("", text)  # "Our priority": a priority


_CUSTOM_FIELD_RE = re.compile(r"(?i)^\s*custom field\s*\((?P<name>[^()]+)\)\s*$")


@functools.lru_cache(maxsize=4096)
def column_role(name: str) -> str | None:
    """The role a header cell names, or None when it is not a known column name."""
    custom = _CUSTOM_FIELD_RE.match(plain(name))
    if custom:  # an issue tracker's export: "Custom field (Success measure)"
        return column_role(custom["name"])
    text = _norm(name)
    if not text or len(text) > 60:
        return None
    if _BRACKETED_RAG_RE.search(name):
        return "rag"  # "Status (BRAG)": the status is told by its colour
    for role, pattern in _COMPILED:
        if pattern.search(text):
            return _the_words_role(name) if role == "ref" else role
    return None


def _the_words_role(name: str) -> str:
    """A cell naming the number and the words together ("Number. What we will do"): the
    column holds the action, numbered, so it is the action's."""
    parts = re.split(r"[.:]\s+", plain(name).strip(), maxsplit=1)
    return "action" if len(parts) == 2 and column_role(parts[1]) == "action" else "ref"


_DATED_NAME_RE = re.compile(
    r"(?i)\b(q[1-4]|(19|20)\d\d|\d\d|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
    r"[a-z]*\b|/\d\d\b"
)
"""A dated progress column's name: "Update Sept 25", "Progress Q1", "RAG Mar 2025"."""


_EXPORT_WIDTH = 8
_ALL_FIELDS_WIDTH = 30
"""A tool's export of every field it keeps (Jira's "all fields" CSV): no table a person drew."""
"""A header this wide is a tool's export, whose columns are named by the tool."""


def the_ref(values: list[str]) -> str:
    """Of the ref cells of a row whose header names two ("ID | WBS", "Issue key | Issue
    id"): the outline number, else the key people quote ("FXS-41"), not the tool's number."""
    outline = next((v for v in values if "." in v), None)
    keyed = next((v for v in values if re.search(r"[A-Za-z]", v)), None)
    return (outline or keyed or values[-1]).strip()


def _roles(names: list[str]) -> list[str | None]:
    """Each column's role. In a tool's export a bare "Priority" beside another group
    ("Epic | … | Priority") is the item's importance (High, Low), not its section."""
    roles = [column_role(c) if c.strip() else None for c in names]
    _commentary_beside_dated(names, roles)
    if len([n for n in names if n.strip()]) >= _EXPORT_WIDTH and roles.count("section") > 1:
        roles = [
            None if role == "section" and _norm(name) == "priority" else role
            for name, role in zip(names, roles, strict=True)
        ]
    return roles


_LATEST_NAME_RE = re.compile(r"(?i)^\W*(?:current|latest|overall)\b")


def _commentary_beside_dated(names: list[str], roles: list[str | None]) -> None:
    """Beside dated progress columns ("Update Jul 25 | Update Sep 25 | Commentary"), a
    progress column named by no date and not as the status is the row's commentary: the
    latest dated update is the status."""
    statuses = [i for i, role in enumerate(roles) if role == "status"]
    dated = [i for i in statuses if _DATED_NAME_RE.search(plain(names[i]))]
    if len(dated) < 2:
        return
    for i in statuses:
        name = plain(names[i]).strip()
        if i not in dated and not _STATUS_NAME_RE.match(name) and not _LATEST_NAME_RE.match(name):
            roles[i] = "detail"


def _repeats_allowed(names: list[str], roles: list[str | None], repeated: list[str]) -> bool:
    """Columns of one role a header may name twice: dated progress columns ("Update Sept
    25", "Update Dec 25") and a "Status" beside a "Progress update", each named
    differently; a register's several columns of its risk beside its mitigation. (Two
    section columns, "Priority | Objective", are the candidates' to read: the table rules
    would take a row without a ref for the last row's wrapped line.) A tool's export names
    a field of several values once a value ("Comment | Comment"): its notes, not its fields."""
    if len(names) >= _EXPORT_WIDTH:
        repeated = [c for c in repeated if column_role(c) != "detail"]
        if not repeated:
            return True
    if len({plain(c).strip().casefold() for c in repeated}) != len(repeated):
        return False  # one name twice: a row repeating a value ("Complete", "Complete")
    if len(names) >= _ALL_FIELDS_WIDTH:
        return True  # an issue tracker's every field: "Status | Status Category", "Assignee | Team"
    kinds = {column_role(c) for c in repeated}
    if kinds <= {"ref", "section"} and len(names) >= _EXPORT_WIDTH:
        # a tool's export: "Issue key | Issue id"; "Epic Link | Epic Name", one group's key
        # and name (not "Workstream | Objective", two levels the rows may leave empty)
        groups = {_own_name(c).split(" ")[0] for c in repeated if column_role(c) == "section"}
        return len(groups) <= 1
    if kinds == {"owner"} and len(names) >= _EXPORT_WIDTH:
        return True  # a tool's "Assignee | Lead agency": the person, and the body they are in
    if kinds == {"risk"}:  # a register's "Risk title | Risk description | Risk owner"
        return bool({"action", "mitigation"} & set(roles))
    return kinds == {"status"} and (
        all(_DATED_NAME_RE.search(c) for c in repeated)
        or the_status_column(names, roles) is not None
    )


def _field_name(cell: str) -> str:
    """A column's name as printed, an issue tracker's custom field by its own ("Custom field
    ([CHART] Date of First Response)": "[CHART] Date of First Response")."""
    custom = _CUSTOM_FIELD_RE.match(plain(cell))
    return custom["name"] if custom else plain(cell)


def _own_name(cell: str) -> str:
    """A column's name, an issue tracker's custom field by its own ("Epic Link")."""
    return _norm(_field_name(cell))


_A_VALUE_RE = re.compile(
    r"\d{1,3}(?:\.\d{1,3})*[a-z]?\.?|[A-Z]{1,6}-\d{1,5}|\d{1,2}[/.]\d{1,2}[/.](?:20)?\d\d"
    r"|(?i:high|medium|low)"
)
"""A cell's value no column is named: a row's ref ("1", "2.3", "SEND-22", "T-02"), a day's
date ("30/11/2031", a tool's milestone row beside its "Milestone" and "Complete") or a
priority (an audit finding's "Priority | High")."""


_LEGEND_LABEL_RE = re.compile(r"(?i)^\s*(?:rag\s+|status\s+)?(?:key|legend)\s*:?\s*$")


def is_header_row(cells: list[str]) -> bool:
    """Most non-empty cells are short known column names (at least two of them)."""
    names = [c for c in cells if c.strip()]
    if len(names) < 2:
        return False
    if any(len(plain(c)) > 70 for c in names):
        return False
    roles = _roles(names)
    known = [r for r in roles if r]
    repeated = [c for c, r in zip(names, roles, strict=True) if r and known.count(r) > 1]
    if repeated and not _repeats_allowed(names, roles, repeated):
        return False  # a data row repeating a value ("Complete", "Complete")
    if sum(1 for c, r in zip(names, roles, strict=True) if not r and len(plain(c)) > 40) > 1:
        return False
    if any(_A_VALUE_RE.fullmatch(plain(c).strip()) for c in names):
        return False  # a row's ref: a data row, not a header
    if _LEGEND_LABEL_RE.match(plain(names[0])):
        return False  # "KEY  ● complete  ◐ under way": what the marks mean
    if len(known) >= 2 and len(known) * 2 >= len(names):
        return True
    if len(known) >= 2 and all(len(_field_name(c).split()) <= 6 for c in names):
        return True  # a wide table whose other columns have names of their own
    # A short label row ("Objective | Title") that names a column: a non-action table header.
    return bool(known) and all(
        len(plain(c).split()) <= 3 and not re.search(r"\d", c) for c in names
    )


_STATUS_NAME_RE = re.compile(
    r"^(?:(?:current|overall|delivery|action|rag|brag)\s+)?status(?:\s*\(.*\))?$|^state$", re.I
)


def the_status_column(names: list[str], roles: list[str | None]) -> int | None:
    """Of several progress columns, the one named as the status ("Status" beside "Progress
    update"): that is the action's status, the others its history. None where none is, or
    only one column is a progress column (dated updates: the latest filled one is)."""
    statuses = [i for i, role in enumerate(roles) if role == "status"]
    if len(statuses) < 2:
        return None
    named = [i for i in statuses if _STATUS_NAME_RE.match(plain(names[i]).strip())]
    return named[0] if len(named) == 1 else None


HISTORY = "history:"
"""The role of a progress column before the latest (``history:Update Sept 25``)."""


_QUOTED_RE = re.compile(r"^(?:>\s?)+")


_MAX_ROW_LINES = 8
_INNER_PIPE_HEADER_MIN = 3


def joined_hard_wrapped_rows(text: str) -> str:
    """A pipe table without outer pipes whose rows an export hard-wrapped at a page's
    width ("1.01 | Roll out the template to all schools, with training for" / "SENCOs new
    to post | Head of Inclusion | Sept 24 | C | Blue"): each row's lines joined, where
    together they hold as many pipes as the header line above them (a line naming the
    columns) and no line alone does. Lines of the right count, and all other text, stay
    as they are."""
    lines = text.split("\n")
    out: list[str] = []
    width = 0  # the pipes of the table's header line, 0 outside a table
    i = 0
    while i < len(lines):
        line = lines[i]
        pipes = _inner_pipes(line)
        if pipes >= _INNER_PIPE_HEADER_MIN and (pipes == width or _names_columns(line)):
            width = pipes
        elif width and 0 < pipes < width:
            joined, used = _hard_wrapped_row(lines, i, width)
            if used:
                out.append(joined)
                i += used
                continue
        elif not line.strip() and i + 1 < len(lines) and not lines[i + 1].strip():
            width = 0
        out.append(line)
        i += 1
    return "\n".join(out)


def _names_columns(line: str) -> bool:
    """A header line: its cells name columns, none a labelled value ("Owner: Head of SEN")."""
    cells = line.split("|")
    return is_header_row(cells) and not any(re.search(r":\s*\S", cell) for cell in cells)


def _inner_pipes(line: str) -> int:
    stripped = line.strip()
    if stripped.startswith("|") or "\t" in stripped:
        return 0  # an outer-piped or a TAB row: read as such
    return stripped.count("|")


def _hard_wrapped_row(lines: list[str], i: int, width: int) -> tuple[str, int]:
    """The row opening at line ``i`` joined with the lines that bring its pipes to
    ``width``, and how many lines it used (0: no such lines follow)."""
    parts, count = [lines[i].strip()], _inner_pipes(lines[i])
    for j in range(i + 1, min(len(lines), i + 1 + _MAX_ROW_LINES)):
        nxt = lines[j].strip()
        if not nxt or lines[j].lstrip().startswith("|"):
            return "", 0
        count += nxt.count("|")
        parts.append(nxt)
        if count == width:
            return " ".join(parts), j - i + 1
        if count > width:
            return "", 0
    return "", 0


_LISTED_RE = re.compile(r"\s*(?:[-*\u2022]\s|\d{1,2}[.)]\s|action\s*[:\u2013-])", re.I)


def unquoted(text: str) -> str:
    """An e-mail thread's quoted messages (">> 1. Relaunch the Local Offer …") without the
    quote marks, where most of its lines are quoted: each message read as written; or
    left out, where the reply on top lists the actions itself."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    quoted = sum(1 for line in filled if line.lstrip().startswith(">"))
    if not filled or quoted < 0.3 * len(filled):
        return text
    own = [line for line in filled if not line.lstrip().startswith(">")]
    if sum(1 for line in own if _LISTED_RE.match(line)) >= 3:
        # the reply lists the actions again, as agreed: the quoted messages are its history
        return "\n".join(line for line in lines if not line.lstrip().startswith(">"))
    return "\n".join(
        _QUOTED_RE.sub("", line.lstrip()) if line.lstrip().startswith(">") else line
        for line in lines
    )


def subitems_as_rows(text: str) -> str:
    """A task board's export, each item's subitems under a header of their own set one cell
    in ("\tSubitems\tPerson\tStatus\tDate"): the subitems as rows of the items' table,
    each cell under the item column of the same name or role (the subitem under the item,
    its "Date" under the item's "Timeline"), the subitems' header left out."""
    out: list[str] = []
    items: list[str] | None = None  # the items' header
    places: list[int | None] | None = None  # each subitem column's place among the items'
    below = False  # an item's row has followed the items' header
    for line in text.split("\n"):
        cells = line.split("\t") if "\t" in line else None
        if cells is None or (cells[0].strip() and is_header_row(cells)):
            items, places, below = (cells, None, False) if cells else (None, None, False)
        elif (
            items is not None
            and below
            and not cells[0].strip()
            and is_header_row(cells[1:])
            and _SUBITEMS_RE.match(plain(cells[1]))
        ):
            places = _subitem_places(cells[1:], items)
            continue
        elif places is not None and not cells[0].strip():
            row = [""] * len(items or [])
            for place, cell in zip(places, cells[1:], strict=False):
                if place is not None:
                    row[place] = cell
            line = "\t".join(row)
        else:
            places, below = None, True  # the next item
        out.append(line)
    return "\n".join(out)


_SUBITEMS_RE = re.compile(r"(?i)^\s*sub[\s-]?(?:items?|tasks?)\s*$")


def _subitem_places(names: list[str], items: list[str]) -> list[int | None]:
    """Where each subitem column goes among the items': the first under the first, the
    others under the one of the same name, else of the same role; None where none is."""
    places: list[int | None] = [0]
    for name in names[1:]:
        same = [i for i, item in enumerate(items) if plain(item).lower() == plain(name).lower()]
        role = column_role(name)
        alike = [i for i, item in enumerate(items) if role and column_role(item) == role]
        places.append((same or alike)[0] if same or alike else None)
    return places


_DASH_RULE_RE = re.compile(r"^\s*-{2,}(?: +-{2,}){2,}\s*$")


def fixed_width_tables(text: str) -> str:
    """A tracker printed as a fixed-width report, its header underlined by one run of dashes
    a column ("REF    ACTION     LEAD" / "------ ---------- -----"), made TAB rows: each line
    cut where its columns start, a line with an empty first cell carrying on the row above
    (a wrapped cell, even across a page break), the header and its rule printed again on
    each page dropped. Lines that do not fit the columns (a workstream's title, the page's
    own lines) stay as they are."""
    lines = text.split("\n")
    if not any(_DASH_RULE_RE.match(line) or _LONG_RULE_RE.match(line) for line in lines):
        return text
    counts = Counter(_page_line(line) for line in lines if line.strip())
    repeated = {line for line, count in counts.items() if count > 1}  # the page's own lines
    out: list[str] = []
    starts: list[int] = []
    names: list[str] = []
    last = -1  # the row a continuation line carries on, in ``out``
    for i, line in enumerate(lines):
        found = _columns_ruled(lines, i)
        if found:
            header = _cut(line, found)
            if header is not None and is_header_row(header):
                if header != names:
                    starts, names = found, header
                    out.append("\t".join(names))
                continue
        if (_DASH_RULE_RE.match(line) or _LONG_RULE_RE.match(line)) and starts:
            continue
        fits = starts and line.strip() and keyword_heading(line) is None  # "THEME 1: …"
        cells = _cut(line, starts) if fits else None
        if cells is None or sum(1 for c in cells if c) < (1 if not cells[0] else 2):
            if starts and _page_line(line) in repeated:
                continue  # the page's running title, printed again over the table
            out.append(line)
            if line.strip() and cells is None:
                last = -1  # a heading between rows: nothing after it carries a row on
            continue
        if cells[0] or last < 0:
            out.append("\t".join(cells))
            last = len(out) - 1
            continue
        above = out[last].split("\t")
        out[last] = "\t".join(f"{a} {c}".strip() for a, c in zip(above, cells, strict=True))
    return "\n".join(out)


def _page_line(line: str) -> str:
    """A line as each page prints it again ("… Page 2 of 3" as "… Page # of #")."""
    return re.sub(r"\d+", "#", line.strip())


_LONG_RULE_RE = re.compile(r"^\s*(?:-{20,}|={20,})\s*$")
"""One rule across the page under a header or between a report's parts."""


def _columns_ruled(lines: list[str], at: int) -> list[int]:
    """Where the columns of the header at line ``at`` start, as the rule under it marks
    them: a run of dashes a column, or, under one rule across the page, where each of the
    header's names starts (names apart by two spaces or more; "RAG Status / comment" two
    names) when its rows wrap; rows on a line each keep the reader's aligned columns, and
    their indents."""
    line, rule = lines[at], lines[at + 1] if at + 1 < len(lines) else ""
    if _DASH_RULE_RE.match(rule):
        return [m.start() for m in re.finditer(r"-+", rule)]
    if not _LONG_RULE_RE.match(rule) or not line.strip():
        return []
    starts: list[int] = []
    for name in re.finditer(r"\S+(?: \S+)*", line):
        starts.append(name.start())
        first, _, rest = name.group(0).partition(" ")
        if rest and column_role(first) and column_role(rest):
            starts.append(name.start() + len(first) + 1)
    return starts if len(starts) >= 3 and _wrapped_below(lines, at + 2, starts) else []


def _wrapped_below(lines: list[str], below: int, starts: list[int]) -> bool:
    """Whether a row from line ``below`` on wraps its cells onto lines of their own, its
    first cell empty there ("1.1  Recruit … to replace   Head of SEN" / "     agency staff")."""
    for line in itertools.islice(lines, below, None):
        cells = _cut(line, starts) if line.strip() else None
        if cells is not None and not cells[0] and sum(1 for c in cells if c) >= 1:
            return True
    return False


def _cut(line: str, starts: list[int]) -> list[str] | None:
    """``line`` cut into the cells whose columns start at ``starts``; None where a word runs
    across where a column starts (a line of prose, a title spanning the table)."""
    if not starts:
        return None
    for start in starts[1:]:
        if 0 < start < len(line) and line[start - 1] != " " and line[start] != " ":
            return None
    bounds = [0, *starts[1:], max(len(line), starts[-1])]
    cells = [line[bounds[k] : bounds[k + 1]].strip() for k in range(len(starts))]
    return cells if line[: starts[0]].strip() == "" else None


def columns_printed_apart(text: str) -> str:
    """A tracker printed too wide for its page: one table with the ref and the action and
    the next, below it, with the same refs in the same order and the columns that did not
    fit ("Ref | Due | Status | RAG | Update"), the ref repeated as a print title. The second
    table's columns are put back on the first's rows; any other tables as they are."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    tables = _tab_tables(lines)
    dropped: set[int] = set()
    for (head, rows), (more_head, more_rows) in itertools.pairwise(tables):
        kept = _ref_and_action(lines[head])
        rest = _ref_and_action(lines[more_head])
        if kept is None or rest is None or kept[1] is None or rest[1] is not None:
            continue
        if len(rows) != len(more_rows) or head in dropped:
            continue
        refs = [_cell(lines[n], kept[0]) for n in rows]
        if not all(refs) or refs != [_cell(lines[n], rest[0]) for n in more_rows]:
            continue
        width = len(lines[head].split("\t"))
        for n, m in zip([head, *rows], [more_head, *more_rows], strict=True):
            own = (lines[n].split("\t") + [""] * width)[:width]
            added = [c for i, c in enumerate(lines[m].split("\t")) if i != rest[0]]
            lines[n] = "\t".join(own + added)
        dropped.update([more_head, *more_rows])
    return "\n".join(line for n, line in enumerate(lines) if n not in dropped)


def _tab_tables(lines: list[str]) -> list[tuple[int, list[int]]]:
    """Each header row's line and the TAB rows right below it."""
    tables: list[tuple[int, list[int]]] = []
    n = 0
    while n < len(lines):
        if "\t" in lines[n] and is_header_row([plain(c) for c in lines[n].split("\t")]):
            rows = []
            while n + 1 < len(lines) and "\t" in lines[n + 1]:
                n += 1
                rows.append(n)
            tables.append((n - len(rows), rows))
        n += 1
    return tables


def _ref_and_action(header: str) -> tuple[int, int | None] | None:
    """Where a header's ref column is and its action column, if it has them."""
    roles = [column_role(plain(c)) for c in header.split("\t")]
    if "ref" not in roles:
        return None
    return roles.index("ref"), roles.index("action") if "action" in roles else None


def _cell(line: str, index: int) -> str:
    cells = line.split("\t")
    return plain(cells[index]) if index < len(cells) else ""


def join_two_row_headers(text: str) -> str:
    """A header of two rows, as spreadsheets merge it ("Delivery" over "Lead | Date",
    "Progress" over "Q1 | Q2 | Q3 update"), made one row: each column named by its lower
    cell where that names a column, else by the cell above it and its lower cell together
    ("Progress Q1"), else by its upper cell. TAB rows only: what sheets, CSV files and Word
    tables become."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        joined = _two_row_header(lines[i], lines[i + 1]) if i + 1 < len(lines) else None
        if joined is None:
            out.append(lines[i])
            i += 1
            continue
        out.append(joined)
        i += 2
    return "\n".join(out)


def _two_row_header(upper: str, lower: str) -> str | None:
    if "\t" not in upper or "\t" not in lower:
        return None
    top, sub = upper.split("\t"), lower.split("\t")
    width = max(len(top), len(sub))
    top += [""] * (width - len(top))
    sub += [""] * (width - len(sub))
    if not is_header_row(top) or "action" not in {column_role(c) for c in top}:
        return None
    named = [c for c in sub if c.strip()]
    action_column = next(k for k, c in enumerate(top) if column_role(c) == "action")
    if (
        len(named) < 2
        or sub[action_column].strip()
        or any(len(plain(c).split()) > 4 or len(plain(c)) > 30 for c in named)
        or not any(sub[k].strip() and not top[k].strip() for k in range(width))
    ):
        return None  # a data row, or a second header row with nothing under a merged cell
    names: list[str] = []
    parent = ""
    for above, below in zip(top, sub, strict=True):
        parent = above.strip() or parent
        if not below.strip():
            names.append(above)
        elif column_role(below) or not parent:
            names.append(below)
        elif _YEAR_RE.fullmatch(plain(parent).strip()):
            names.append(f"{plain(below).strip()} {plain(parent).strip()}")  # "Apr 2025"
        else:
            names.append(f"{parent} {below.strip()}")
    return "\t".join(names)


_YEAR_RE = re.compile(r"(?:19|20)\d\d")


@dataclass
class Header:
    """A recognised header row: one role per column (``None`` for unknown ones).

    ``merged_into`` maps an unnamed column to the named column on its left: exports often
    split one logical column ("Activity") in two, the ref in one half and the text in the
    other. ``year`` is a year printed in a date column's name ("When (2022)").
    """

    names: list[str]
    roles: list[str | None]
    year: int | None = None

    def signature(self) -> tuple[str | None, ...]:
        return tuple(r for r in self.roles if r)

    def has(self, role: str) -> bool:
        return role in self.roles

    def is_register(self) -> bool:
        """A register of risks, issues or decisions, with no action column: its rows are
        not actions."""
        return (self.has("risk") or self.has("decision")) and not self.has("action")

    def is_action_table(self) -> bool:
        """Rows are actions: an action column, or a text column with status/date columns."""
        if self.has("action") or self.has("narrative"):
            return True
        if self.has("risk") or self.has("milestone") or self.has("decision"):
            return False
        return self.has("status") and (self.has("due") or self.has("start"))

    def assign(self, cells: list[str], *, dated: bool = False) -> dict[str, list[str]]:
        """Map a row's cells to roles, merging unnamed columns into their left neighbour;
        ``dated``: of several progress columns, all but the last are ``HISTORY`` roles. Of
        several RAG columns, all but the latest filled one are, dated or not."""
        names = self.names
        roles = list(self.roles)
        if len(cells) != len(names):
            # A row with fewer cells than the header has lost the unnamed spacer columns.
            keep = [i for i, n in enumerate(names) if n.strip()]
            if len(cells) == len(keep):
                names = [names[i] for i in keep]
                roles = [roles[i] for i in keep]
        if dated:
            statuses = [i for i, role in enumerate(roles) if role == "status"]
            named = the_status_column(names, roles)
            for i in statuses:
                if i != (statuses[-1] if named is None else named):
                    roles[i] = f"{HISTORY}{plain(names[i])}"
        rags = [i for i, role in enumerate(roles) if role == "rag"]
        filled = [i for i in rags if i < len(cells) and cells[i].strip()]
        for i in rags[:-1] if not filled else [i for i in rags if i != filled[-1]]:
            roles[i] = f"{HISTORY}{plain(names[i])}"  # "RAG Sep 25 | RAG Dec 25": the latest
        out: dict[str, list[str]] = {}
        last_role: str | None = None
        for i, cell in enumerate(cells):
            if i < len(names):
                role = roles[i]
                if not names[i].strip():
                    role = last_role
                elif role is None:
                    role = f"col{i}"
            else:
                role = last_role
            if role is None:
                role = f"col{i}"
            last_role = role
            if cell.strip():
                out.setdefault(role, []).append(cell)
        if "owner" in out and "due" not in roles and _names_when(names[roles.index("owner")]):
            lead, when = lead_and_when(" ".join(out["owner"]))
            out["owner"] = [lead]
            if when:
                out["due"] = [when]  # "Owner / by when": "Head of SEND – Feb 2026"
        return out


_WHEN_NAME_RE = re.compile(r"(?i)\b(?:when|date|deadline|timescales?|due|target|by)\b")


def _names_when(name: str) -> bool:
    """An owner column's name that names the date too ("Owner / by when", "Lead and date")."""
    parts = re.split(r"\s*(?:/|&|\band\b|\()\s*", plain(name))
    return len(parts) > 1 and any(_WHEN_NAME_RE.search(part) for part in parts[1:])


_LEAD_WHEN_CUT_RE = re.compile(
    r"<br\s*/?>|\s+[\u2013\u2014-]\s+|\s*[/,;]\s*|(?<=[a-z])\.\s+|\s+(?=by\s)"
)
_WHEN_START_RE = re.compile(
    r"(?i)^(?:by|due|end|before|from|w/?c|q[1-4]|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec|spring|summer|autumn|tbc|tbd|ongoing|monthly|termly|weekly|quarterly|annual)"
)


def lead_and_when(cell: str) -> tuple[str, str | None]:
    """A cell holding the lead and then the date ("DCO & DSCO / 31 March 2026", "Head of
    SEND<br>by end Jan 2026"): the two, cut where what follows is a date; else the cell."""
    for cut in _LEAD_WHEN_CUT_RE.finditer(cell):
        when = plain(cell[cut.end() :]).strip()
        lead = cell[: cut.start()].strip()
        if lead and _WHEN_START_RE.match(when) and (names_a_date(when) or len(when.split()) <= 3):
            return lead, when
    return cell, None


def _tracked_mitigation(header: Header) -> None:
    """A RAID log whose "Mitigating action(s)" is tracked like an action, a date and a
    status of its own beside it ("Action owner | Target date | Action status"): each is an
    action of the plan, so the column is the action column."""
    at = header.roles.index("mitigation") if header.has("mitigation") else -1
    if (
        at >= 0
        and not header.has("action")
        and header.has("due")
        and header.has("status")
        and "action" in _norm(header.names[at])
    ):
        header.roles[at] = "action"


def _titled_risk(header: Header) -> None:
    """A register whose risks are named by a "Title" beside their mitigation ("ID | Title |
    Description | Impact | Rating | Mitigation | Owner"): the title is the risk's, not an
    action's."""
    if not (header.has("mitigation") and header.has("action")):
        return
    at = header.roles.index("action")
    if not header.has("risk") and _norm(header.names[at]) in {"title", "name"}:
        header.roles[at] = "risk"


_NO_DATE_COLUMN_RE = re.compile(
    r"(?i)\b(?:standards?|criteria|evidence|links?|resources?|costs?|notes?|comments?|"
    r"sources?|themes?|priorit(?:y|ies)|measures?|outcomes?|funding|budget)\b"
)
"""Names of columns that hold no date, though one stands where a date column would."""


_ACCOUNTABLE_RE = re.compile(
    r"(?i)\b(?:accountable|sponsor|SRO|executive|director|organi[sz]ations?|agency)\b"
)


def _responsible_leads(header: Header, cells: list[str]) -> None:
    """Of two lead columns, one naming who is accountable ("Accountable Director",
    "Executive sponsor", "Lead organisation") and one who does the work ("Responsible
    Officer", "Assigned To"), the second is the action's lead; the first is kept as
    ``accountable``."""
    leads = [i for i, role in enumerate(header.roles) if role == "owner"]
    answerable = [i for i in leads if _ACCOUNTABLE_RE.search(plain(cells[i]))]
    if len(leads) > 1 and 0 < len(answerable) < len(leads):
        for i in answerable:
            header.roles[i] = "accountable"


def _dated_beside_the_status(header: Header, cells: list[str]) -> None:
    """The date column beside the status has a name of its own ("First Report Issue"), but
    not one that names what else a column holds ("Minimum Standard": what the action meets)."""
    idx = header.roles.index("status")
    named = plain(cells[idx - 1]) if idx > 0 else ""
    if idx > 0 and header.roles[idx - 1] is None and named.strip():
        if not _NO_DATE_COLUMN_RE.search(named):
            header.roles[idx - 1] = "due"


_ITEM_NAME_RE = re.compile(r"^(?:item )?(?:name|title)$")


def _the_items_column(cells: list[str], roles: list[str | None]) -> int | None:
    """The column of a table's items where no column is named as actions: one called
    "Name" (a project tool's "ID | Type | Parent ID | … | Name | Owner"; the lead has a
    column of its own), else the first text-like unknown one ("Description")."""
    unknown = [
        i
        for i, (cell, role) in enumerate(zip(cells, roles, strict=True))
        if cell.strip() and role in {None, "section", "detail"}
    ]
    named = [i for i in unknown if roles[i] is None and _ITEM_NAME_RE.match(_norm(cells[i]))]
    return next(iter(named or unknown), None)


_NO_LENGTH_RE = re.compile(
    r"(?i)^\s*0+(?:\.0+)?\s*(?:e?(?:days?|d|wks?|weeks?|w|hrs?|hours?|h|mons?|months?)\??)?\s*$"
)


def of_no_length(duration: str) -> bool:
    """A project tool's duration of nil ("0 days", "0d", "0 wks?"): a milestone's."""
    return bool(duration) and _NO_LENGTH_RE.match(duration) is not None


def a_tools_milestone(cells: dict[str, list[str]]) -> bool:
    """A project tool's row for a milestone: a task of no length ("0 days"), or a row whose
    type cell says "Milestone" beside the deliverables."""
    return of_no_length(" ".join(cells.get("duration", [])).strip()) or any(
        plain(v).strip().casefold() == "milestone" for vs in cells.values() for v in vs
    )


_RECORD_NUMBER_RE = re.compile(r"\s*\d{7,}\s*")


def a_record_number(value: str) -> bool:
    """A tool's own number for a record ("1207007497520404" under "Task ID"): no number the
    plan gives its action."""
    return _RECORD_NUMBER_RE.fullmatch(value) is not None


_NOT_WORK_KINDS = frozenset({"risk", "assumption", "dependency"})


def typed_as_a_risk(header: Header, cells: dict[str, list[str]]) -> bool:
    """A tracker's row typed as a risk in a column no role names ("Issue Type: Risk", a RAID
    log's "Type: Assumption"): what may go wrong, not work to do. A register's risk row with
    its mitigating action in a column of its own holds that action."""
    if header.has("risk") or header.has("mitigation"):
        return False
    return any(
        role.startswith("col") and plain(value).strip().casefold() in _NOT_WORK_KINDS
        for role, values in cells.items()
        for value in values
    )


def read_header(cells: list[str]) -> Header:
    """Build a :class:`Header`; the first text-like unknown column becomes the action column
    when a table has status/date columns but no column named as actions."""
    roles = _roles(cells)
    year = None
    for cell, role in zip(cells, roles, strict=True):
        if role in {"due", "start"}:
            m = re.search(r"\b(20\d\d)\b", cell)
            if m:
                year = int(m.group(1))
    header = Header(list(cells), roles, year)
    if not header.has("action") and header.has("summary"):
        # An issue tracker's "Summary" is the item's title, where nothing else names the
        # action (a project tool's "Summary" flag sits beside its "Task Name").
        header.roles[header.roles.index("summary")] = "action"
    _titled_risk(header)
    _tracked_mitigation(header)
    if header.has("action") and header.roles[0] is None and _norm(cells[0]) in {"item", "items"}:
        header.roles[0] = "section"  # minutes' table: "Item | Discussion | Action | Lead …"
    projects = [i for i, c in enumerate(cells) if roles[i] is None and _norm(c) == "project"]
    if projects and not header.has("action") and (header.has("owner") or header.has("status")):
        header.roles[projects[0]] = "action"  # "Ref | Project | … | Lead officer | Status"
    if not header.has("action") and header.has("milestone") and header.has("owner"):
        # A roadmap's grid ("Month | Milestone | Lead | Status"): its milestones are its items
        header.roles[header.roles.index("milestone")] = "action"
    if (
        not header.has("action")
        and not header.is_register()  # a risk's "Cause" is no action
        and (header.has("status") or header.has("owner"))
        and (header.has("due") or header.has("start"))
    ):
        items = _the_items_column(cells, roles)
        if items is not None:
            header.roles[items] = "action"
    if not header.has("due") and header.has("status") and header.has("action"):
        _dated_beside_the_status(header, cells)
    _responsible_leads(header, cells)
    if not header.has("action") and header.has("section") and header.has("ref"):
        # An unnamed long column beside a numbered recommendation holds the narrative plan.
        for i, (cell, role) in enumerate(zip(cells, roles, strict=True)):
            if cell.strip() and role is None:
                header.roles[i] = "narrative"
                break
    return header


# ----- tables flattened to one cell per line -------------------------------------------------
_FLAT_REF_RE = re.compile(r"^(?!(?:19|20)\d\d\.?$)[A-Z]?\d{1,3}(?:\.\d{1,3})*[a-z]?\.?$")
_FLAT_DATE_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    r"\b(?:spring|summer|autumn)\b|\bq[1-4]\b|\b20\d\d\b|^(?:ongoing|tbc|tbd)$",
    re.I,
)
_FLAT_RAG_RE = re.compile(r"^(?:red|amber|green|blue|[rabg])$", re.I)
_FLAT_TYPED = {"due", "start", "rag"}


def _flat_cell(line: Line) -> bool:
    return line.kind == "text" and not line.bullet


def flattened_header(lines: list[Line], i: int) -> list[int] | None:
    """Indices of a table header flattened to one column name per line, starting at ``i``.

    At least three consecutive short lines (blank lines between are allowed), each a known
    column name with a role of its own, one of them an action column and another an owner,
    date, status or RAG column. None where line ``i`` does not open such a run."""
    found: list[int] = []
    roles: list[str] = []
    j = i
    while j < len(lines):
        line = lines[j]
        if line.kind == "blank":
            j += 1
            continue
        if not _flat_cell(line) or len(line.text) > 50 or len(line.text.split()) > 8:
            break
        if (len(line.text) > 40 or len(line.text.split()) > 5) and column_role(line.text) is None:
            break  # a long line names a column only when it says which ("How we will know it …")
        if re.search(r"\d", re.sub(r"\(.*?\)", "", line.text)) or keyword_heading(line.text):
            break  # a dated line or a numbered heading, not a column name
        role = column_role(line.text)
        if found and is_wrapped_name_tail(lines[found[-1]].text, line.text):
            found.append(j)  # the second line of a column name wrapped in its cell
            j += 1
            continue
        if role is None or role in roles:
            break
        found.append(j)
        roles.append(role)
        j += 1
    if len(found) < 3 or "action" not in roles:
        return None
    if not {"owner", "due", "rag"} & set(roles):
        return None
    return found


def is_wrapped_name_tail(before: str, line: str) -> bool:
    """``line`` is the rest of the column name ``before`` wrapped onto a second line of its
    cell ("Completion" / "date", "Responsible" / "officer"): alone it names the same role
    as ``before`` or is one or two lower-case words, and joined it still names that role."""
    first, second = column_role(before), column_role(line)
    if first is None or (second is not None and second != first):
        return False
    if second is None and not (line[:1].islower() and len(line.split()) <= 2):
        return False  # a capitalised line naming nothing is the first cell of a record
    if len(f"{before} {line}".split()) > 4:
        return False
    return column_role(f"{before} {line}") == first


def flattened_header_names(texts: list[str]) -> list[str]:
    """The column names of a flattened header, wrapped names joined back into one."""
    names: list[str] = []
    for text in texts:
        if names and is_wrapped_name_tail(names[-1], text):
            names[-1] = f"{names[-1]} {text}"
        else:
            names.append(text)
    return names


def _fit_record(values: list[str], roles: list[str | None]) -> list[str]:
    """Cells for one flattened record: one line per column; extra lines belong to the
    action cell (a wrapped cell); with too few lines, dates and RAG letters find their own
    columns and the remaining lines fill the text columns in order."""
    n = len(roles)
    if len(values) == n:
        return values
    cells = [""] * n
    if len(values) > n and "action" in roles:
        a = roles.index("action")
        extra = len(values) - n
        merged = [*values[:a], " ".join(values[a : a + extra + 1]), *values[a + extra + 1 :]]
        return merged
    rest: list[str] = []
    for value in values:
        if _FLAT_RAG_RE.match(value) and "rag" in roles and not cells[roles.index("rag")]:
            cells[roles.index("rag")] = value
        elif (
            _FLAT_DATE_RE.search(value)
            and len(value) <= 30
            and "due" in roles
            and not cells[roles.index("due")]
        ):
            cells[roles.index("due")] = value
        else:
            rest.append(value)
    free = [k for k, r in enumerate(roles) if r not in _FLAT_TYPED]
    for k, value in zip(free, rest, strict=False):
        cells[k] = value
    return cells


def _flat_body(lines: list[Line], start: int) -> int:
    """Index just past the body of a flattened table starting at ``start``: it ends at a
    heading, a bullet, a table row or the next flattened header."""
    j = start
    while j < len(lines):
        line = lines[j]
        if line.kind == "blank":
            j += 1
            continue
        if not _flat_cell(line) or keyword_heading(line.text) is not None:
            break
        if line.text.startswith("#") or flattened_header(lines, j) is not None:
            break
        j += 1
    return j


def _flat_records(cells: list[Line], roles: list[str | None]) -> tuple[list[list[str]], list[Line]]:
    """Split a flattened body into records; lines that fit no record are given back."""
    n = len(roles)
    texts = [c.text for c in cells]
    if roles[0] == "ref":
        starts = [k for k, t in enumerate(texts) if _FLAT_REF_RE.match(t)]
        if not starts or starts[0] != 0:
            return [], cells
        records: list[list[str]] = []
        # The last record may hold a wrapped cell too, but not more than a record's worth
        # of extra lines: anything beyond that is prose after the table.
        last_end = min(len(texts), starts[-1] + 2 * n - 1)
        for s_idx, k in enumerate(starts):
            end = starts[s_idx + 1] if s_idx + 1 < len(starts) else last_end
            records.append([texts[k], *_fit_record(texts[k + 1 : end], roles[1:])])
        return records, cells[last_end:]
    if "due" in roles or "start" in roles:
        # No ref marks where a record starts, and cells may be empty or run over several
        # lines: the layout's reading finds the records by their dates
        # (``layout._unnumbered_records``), not the rules.
        return [], cells
    whole = len(texts) // n * n
    return [texts[k : k + n] for k in range(0, whole, n)], cells[whole:]


def unflatten_tables(lines: list[Line]) -> list[Line]:
    """Turn tables exported with every cell on a line of its own (header cells first) back
    into table rows, so that the rest of the importer reads them like TAB tables."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        header_idx = flattened_header(lines, i) if _flat_cell(lines[i]) else None
        if header_idx is None:
            out.append(lines[i])
            i += 1
            continue
        names = flattened_header_names([lines[k].text for k in header_idx])
        roles = [column_role(n) for n in names]
        body_end = _flat_body(lines, header_idx[-1] + 1)
        body = [ln for ln in lines[header_idx[-1] + 1 : body_end] if ln.kind != "blank"]
        records, leftover = _flat_records(body, roles)
        if not records:
            out.append(lines[i])
            i += 1
            continue
        number = lines[header_idx[0]].number
        out.append(Line("row", cells=names, number=number))
        out.extend(Line("row", cells=cells, number=number) for cells in records)
        out.extend(leftover)
        i = body_end
    return out


_GRID_ITEM_RE = re.compile(r"^\s*(?:[-\u2022*]\s+)?(?:[A-Z]{0,3}\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?\b)")
"""An item of a roadmap grid's cell, opened by its number ("1.2 Relaunch …")."""
_GRID_CONTINUES_RE = re.compile(
    r"^\s*[\u2192>]|[\u2192\u25ba>]\s*(?i:moved|carried)\s+(?:to|into|forward)\b[^()]*$|^\([^()]*\)$"
)
"""A cell's "→ 1.3 continues" (the item above carried into this period), an item that
points to where it moved ("… (DCO) → moved to Oct": it is read there) or a note in brackets
alone ("(no items – summer)"): no item of this period's."""


_ROW_KIND_NAME_RE = re.compile(r"(?i)^(?:level|type|row type|item type|kind)$")
_HEADING_KIND_RE = re.compile(
    r"(?i)^(?:objective|outcome|goal|aim|priority|theme|work ?stream|epic|programme|strand|"
    r"pillar|ambition)s?$"
)
_PLAN_KIND_RE = re.compile(r"(?i)^(?:(?:action |improvement |delivery )?plan|strategy)$")
_MEASURE_KIND_RE = re.compile(
    r"(?i)^(?:key results?|kr|kpis?|measures?|indicators?|metrics?|success measures?)$"
)
_KIND_REF_RE = re.compile(r"[A-Z]{0,3}\d{1,2}(?:\.\d{1,2})*")


def typed_rows(text: str) -> str:
    """A table whose rows say what each is in a column of their own ("Level | Ref |
    Objective / Key result / Initiative | Owner …", its rows "Objective", "Key result",
    "Initiative"), as an OKR sheet is: an objective's row is the section of the rows after
    it (given them in an "Objective" column, with its ref), a key result's row is no action
    of the plan and is left out, as is the plan's own row (a programme system's "Plan"
    above its priorities), the other rows are its actions. Other tables stay as they
    are."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    for start, line in enumerate(lines):
        columns = _kinds_header(line.split("\t"))
        if columns is None:
            continue
        end = next((at for at in range(start + 1, len(lines)) if "\t" not in lines[at]), None)
        table = lines[start:end]  # the header and its rows, up to the first line of no cells
        if _rows_of_kinds(table[1:], columns[0]):
            rest = lines[end:] if end is not None else []
            return "\n".join([*lines[:start], *_typed(table, *columns), *rest])
    return text


def _kinds_header(cells: list[str]) -> tuple[int, int] | None:
    """Where a header's column of row kinds is, and its column of words."""
    names = [plain(cell).strip() for cell in cells]
    kind = next((at for at, name in enumerate(names) if _ROW_KIND_NAME_RE.match(name)), -1)
    if kind < 0:
        return None  # most lines: no column of kinds, and no role need be looked up
    roles = [column_role(name) if at != kind else None for at, name in enumerate(names)]
    words = next((at for at, r in enumerate(roles) if r in {"action", "section", "narrative"}), -1)
    return (kind, words) if words >= 0 else None


def _rows_of_kinds(lines: list[str], kind_at: int) -> bool:
    """The rows under the header name an objective's kind and a kind of work besides."""
    kinds = [
        plain(cells[kind_at]).strip()
        for cells in (line.split("\t") for line in lines)
        if len(cells) > kind_at
    ]
    return any(_HEADING_KIND_RE.match(k) for k in kinds) and any(
        k and not _HEADING_KIND_RE.match(k) and not _MEASURE_KIND_RE.match(k) for k in kinds
    )


def _typed(lines: list[str], kind_at: int, words_at: int) -> list[str]:
    header = lines[0].split("\t")
    header[kind_at], header[words_at] = "Objective", "Action"
    out, objective = ["\t".join(header)], ""
    for line in lines[1:]:
        cells = line.split("\t")
        kind = plain(cells[kind_at]).strip() if len(cells) > max(kind_at, words_at) else ""
        if _HEADING_KIND_RE.match(kind):
            refs = [plain(c).strip() for c in cells if _KIND_REF_RE.fullmatch(plain(c).strip())]
            objective = " ".join([*refs[:1], plain(cells[words_at]).strip()])
        elif _MEASURE_KIND_RE.match(kind) or _PLAN_KIND_RE.match(kind):
            continue  # a key result (how the objective is measured), or the plan's own row
        elif kind:
            cells[kind_at] = objective
            out.append("\t".join(cells))
        else:
            out.append(line)
    return out


def gantt_ends(text: str) -> str:
    """A Gantt chart's rows ("Ref | Action | Lead | Apr 2025 | May 2025 | … | Status", each
    month's cell shaded or marked "X" where the work runs) with no end date of their own:
    each row's months become one "Due" cell, the last month marked, as such a chart's key
    says ("end date = last month shaded"). Other tables stay as they are."""
    if "\t" not in text:
        return text
    out: list[str] = []
    months: dict[int, str] = {}
    for line in text.split("\n"):
        cells = line.split("\t")
        found = _gantt_months(cells)
        if found:
            months = found
        elif len(cells) < 2:
            months = {}
        if not months:
            out.append(line)
            continue
        marked = [at for at in months if at < len(cells) and cells[at].strip()]
        ends = "Due" if found else months[marked[-1]] if marked else ""
        kept = [cell for at, cell in enumerate(cells) if at not in months]
        out.append("\t".join([*kept, ends]))
    return "\n".join(out)


def _gantt_months(cells: list[str]) -> dict[int, str]:
    """A Gantt chart's header: an action column, no date column, and six or more columns
    each a month ("Apr 2025", "Sep-25"); where each month's column is, and its name."""
    if len(cells) < 8:
        return {}
    names = [plain(cell).strip() for cell in cells]
    roles = [column_role(name) for name in names]
    if "action" not in roles or "due" in roles:
        return {}
    months = {at: name for at, name in enumerate(names) if name and date_heading(name)}
    return months if len(months) >= 6 else {}


def period_grids(text: str) -> str:
    """A roadmap laid out as a grid, a row a workstream and a column a period ("Workstream |
    Q1 2025/26 | Q2 2025/26 | …"), each cell listing that period's items, made a table of
    one row an item ("Workstream | Action | Lead | Timeframe | Status"): the workstream the
    row's first line, the period its column's, the lead and status those the item closes
    with ("1.3 Training for all schools (Inclusion Team) ongoing"). Items are numbered
    ("1.2 …") or on lines of their own; a cell's "→ 1.3 continues" is none. Other tables
    stay as they are."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    periods: list[str | None] = []
    for line in lines:
        cells = line.split("\t")
        found = _period_columns(cells)
        if found is not None:
            periods = found
            out.append("Workstream\tAction\tLead\tTimeframe\tStatus\tRAG")
            continue
        if not periods or len(cells) < 2 or not line.strip():
            periods = periods if line.strip() or not periods else []
            out.append(line)
            continue
        workstream = plain(cells[0].split("<br>")[0]).strip()
        by_period_alone = periods[0] is not None  # "April | May | …": no workstreams
        for at, (cell, period) in enumerate(zip(cells, periods, strict=False)):
            if period is None or (at == 0 and not by_period_alone):
                continue
            for item in _grid_items(cell):
                words, lead, status, rag = _grid_item_fields(item)
                section = period if by_period_alone else workstream
                out.append(f"{section}\t{words}\t{lead}\t{period}\t{status}\t{rag}")
    return "\n".join(out)


def _period_columns(cells: list[str]) -> list[str | None] | None:
    """A grid's header: its first column names the rows, two or more after it are periods
    ("Q1 2025/26 (Apr–Jun)", "Spring term 2026"), or six or more periods alone ("April |
    May | June | …", each column the period's items); each column's period, or None."""
    if len(cells) < 3:
        return None
    names = [plain(cell).strip() for cell in cells]
    if column_role(names[0]) != "section":  # its rows are workstreams ("Workstream", "Theme" …)
        filled = [name for name in names if name]
        alone = len(filled) >= 6 and all(date_heading(name) for name in filled)
        return [name or None for name in names] if alone else None  # a column a month
    if any(column_role(name) in {"action", "narrative", "status", "owner"} for name in names):
        return None  # a tracker whose dated columns are its updates or its Gantt bars
    periods = [name if date_heading(name) else None for name in names]
    return periods if sum(1 for p in periods[1:] if p) >= 2 else None


def _grid_items(cell: str) -> list[str]:
    """A grid cell's items: where its items are numbered, a numbered line opens one and a
    line that is not carries on the item above (wrapped in its cell); else each line is one."""
    lines = [plain(part).strip() for part in cell.split("<br>")]
    lines = [text for text in lines if text and not _GRID_CONTINUES_RE.search(text)]
    numbered = any(_GRID_ITEM_RE.match(text) for text in lines)
    items: list[str] = []
    for text in lines:
        if items and numbered and not _GRID_ITEM_RE.match(text):
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(text)
    return items


_GRID_STATUS_RE = re.compile(
    r"\s*(?:(?P<tick>[\u2713\u2714\u2705])|\*(?P<starred>[^*]{2,30})\*|\((?P<bracket>[^()]{2,40})\)"
    r"|\s[-\u2013]\s*(?P<dashed>[a-z][\w ]{2,30})|\s(?P<word>[a-z][\w ]{2,20}))\s*$"
)
_GRID_LEAD_RE = re.compile(r"\s*\((?P<lead>[A-Z][^()]{1,60})\)\s*$")


def _grid_item_fields(item: str) -> tuple[str, str, str, str]:
    """A grid item's words, and the lead, status and RAG it closes with, where it does:
    "(PfA Lead) (closed – merged into 4.2)", "(Head of SEND) ✔", "(DCO) - delayed", "(DCO)
    – AMBER"; or a status mark it opens with ("✔ Publish …")."""
    status = ""
    rating = _GRID_COLOUR_RE.search(item)  # "… (Children's Community Nursing) – AMBER"
    rag, item = (rating["colour"], item[: rating.start()]) if rating else ("", item)
    closing = _GRID_STATUS_RE.search(item)
    said = next((value for value in closing.groupdict().values() if value), "") if closing else ""
    if closing and (closing["tick"] or normalise_status(said)):
        status, item = said.strip(), item[: closing.start()]
    mark = _GRID_MARK_RE.match(item)
    if mark and not status:  # "◐ Pilot a health passport …": the key says what "◐" means
        status, item = mark["mark"], item[mark.end() :]
    lead = _GRID_LEAD_RE.search(item)
    if lead and normalise_status(lead["lead"]) is None:
        return item[: lead.start()].strip(), lead["lead"].strip(), status, rag
    return item.strip(), "", status, rag


_GRID_COLOUR_RE = re.compile(r"\s[\u2013\u2014-]\s*(?P<colour>RED|AMBER|GREEN|BLUE)\s*$")
_GRID_MARK_RE = re.compile(rf"^\s*(?P<mark>[{STATUS_MARKS}\u2610\u2611\u2612])\ufe0f?\s+(?=\S)")


_GLUED_LABEL_LINE_RE = re.compile(
    r"^(?P<label>\s*[A-Z][A-Za-z]{1,15}(?: [A-Za-z]{1,12})?):(?=[A-Za-z0-9])"
)
"""A line opened by a field's label glued to its value ("Owner:Head of SEND")."""


def unglued_labels(text: str) -> str:
    """Lines that open with a field's label glued to its value, as minutes flattened from a
    table print them ("Ref:A/25/09", "Owner:Head of SEND", "Status:Open"), given the space
    after the colon, so each reads as the field it is and not as a heading. Only labels
    that name a column; "https:" or "10:30" are no labels."""
    if ":" not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        glued = _GLUED_LABEL_LINE_RE.match(line)
        if glued and column_role(glued["label"].strip()):
            lines[i] = f"{glued['label']}: {line[glued.end() :]}"
    return "\n".join(lines)
