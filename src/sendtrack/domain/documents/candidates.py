"""The candidate reader: every row, list item and sentence is a candidate action, fields are
found by typed detectors, and a small trained model (``model.py``) scores each one.

Nothing here is keyed to a council, a file or a layout: the pieces come from ``layout.py``,
headings are scored like actions (by features, with the heading model), "Field: value" lines
attach to the record they follow (so "Lead:", "By when:", "OwnerHead of SEND" work the same in
a Word plan and in minutes flattened from a table), and the model's probability is the
action's confidence, kept on the action for the preview.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate, chain
from typing import Any, Literal

from sendtrack.domain.dates import Precision, names_a_date, read_date

from .actions import NON_ACTION_LEAD_IN_RE, forward_plan_heading, letter_suffix
from .caseless import Caseless
from .columns import (
    a_tools_milestone,
    column_role,
    lead_and_when,
    of_no_length,
    the_status_column,
    typed_as_a_risk,
)
from .detectors import (
    ACTION_REF,
    ACTION_VERBS,
    Found,
    clause_status,
    closing_ref,
    could_be_owner,
    find_due,
    find_owner,
    find_rag,
    find_ref,
    find_status,
    lead_in_owner,
    lead_named,
    lead_rating,
    opens_with_a_verb,
    owner_set_off,
    row_cells_start,
    status_of_cell,
    status_tag,
    trailing_name,
)
from .features import (
    MONTH_HEADING_RE,
    SECTION_WORD_RE,
    action_features,
    heading_features,
    plain_heading_shape,
)
from .indicators import indicator_label
from .layout import (
    ACTION_NUMBER_RE,
    DONE_BY_RE,
    PRIORITY_LEVEL_RE,
    STARTED_RE,
    WORKED_RE,
    WORKSTREAM_CODE,
    Piece,
    an_empty_field,
    dated_opening,
    field_line,
    field_lines,
    inline_fields,
    its_own_line,
    pieces,
)
from .model import TRAINED, Model, Models
from .owners import closing_colour, closing_status_tag, labelled_lead, split_owner_and_date
from .sections import TITLE_CUT, date_heading, keyword_heading
from .status import (
    CAPITALS_STATUS_OPENING_RE,
    EMOJI_STATUSES,
    OPENING_VERDICT_RE,
    RAG_CIRCLES,
    STATUS_WORDS_RE,
    TICKS,
    a_colour_legend,
    normalise_progress,
    normalise_status,
    opens_with_a_capitals_status,
    rag_of_status,
    read_rag,
)
from .text import (
    BOX_MARK,
    BOX_MARK_OPENING_RE,
    MARK_GLYPHS,
    clean,
    measure_items,
    plain,
    strip_bullet,
)

__all__ = ["Candidate", "read_candidates"]

ACTION_THRESHOLD = 0.5
HEADING_THRESHOLD = 0.5
MODEL_OVERRIDES = 3
"""The model overrides the rules' reading only with at least this many actions of its own ..."""
MODEL_SURE = 0.8
PLAUSIBLE = 0.05
RULES_CONFIRMED = 0.85
RULES_PLAUSIBLE = 0.7
RULES_SHARE = 0.5
RULES_HALF_AGREED = 0.5
"""Rules the model merely finds plausible stand only where it takes more than half of them for
actions: a plain summary's headings and news read as actions are not."""
"""... and the rules' reading stands when the rules found at least half as many actions as
the model is sure of (0.8 or more) and the model takes nearly all of theirs too (unless the
rules found only one or two where the model finds six or more: they read a corner of the
document) or does not rule out most of them (scores them 0.05 or more). That last test is
set where the documents fall far apart: the rules' misreadings (a status line, a header,
text run on) are ones the model scores near nothing, while an action it doubts it scores
0.1 or 0.3, a score a retraining moves."""
BEST_OFFERED = 25
OFFERED_WORDS = 3
"""When nothing passes, the best candidates of a few words or more are offered to check
("never nothing")."""

NO_HEADINGS = Model(-50.0, {})
_LABEL_VALUE_RE = re.compile(r"^(?P<label>[A-Za-z][\w'/&() .-]{0,30}):(?:\s+\S|(?=[A-Z]))")
_SECTION_NUMBER = r"(?:\d[\w.]*|[A-Z]|one|two|three|four|five|six|seven|eight|nine|ten)"
"""A section's number: "1", "B", or in words ("Priority One")."""
_SECTION_LABEL_RE = re.compile(
    SECTION_WORD_RE.pattern + rf"(?:(?:\s+[a-z]+){{0,3}}\s+{_SECTION_NUMBER})?\s*$"
    r"|^[a-z]+\s+" + SECTION_WORD_RE.pattern[1:] + rf"\s+{_SECTION_NUMBER}\s*$",  # "Improvement
    re.I,  # priority 1", "Local area priority 2": a numbered section with a qualifier before it
)
_GLUE_RE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
_FIELD_PAIR_RE = re.compile(
    r"^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}\s*(?::|\s/\s|\s[\u2013\u2014-]\s)\s*\S"
)
_EMPTY_VALUE_RE = re.compile(r"^\s*(?:none|n/?a|[-\u2013\u2014]|nil|no action)?\s*\.?\s*$", re.I)


@dataclass
class Candidate:
    """One piece of the document that may be an action, with what was found in it."""

    piece: Piece
    text: str
    section: list[str]
    fields: dict[str, Found] = field(default_factory=dict)
    measures: list[str] = field(default_factory=list)
    status_history: list[dict[str, str]] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    record: bool = False
    labelled: set[str] = field(default_factory=set)
    """The fields its own "Label: value" lines gave it."""
    labels: dict[str, str] = field(default_factory=dict)
    """Each of those fields' printed label ("status" → "Update")."""
    deliverable: bool = False
    """A numbered deliverable of a "label – lead | 1. … 2. …" row: the row lists it as work."""
    dated: bool = False
    """An entry of a timeline ("Oct 2024 – Local Offer relaunched"): work the document dates."""
    titled: bool = False
    """Opened by a heading naming the action ("### Action 1.2 – …")."""
    grouped: bool = False
    """Listed under a status line of its section ("Done", "Doing", "Next" on a slide)."""
    milestone: bool = False
    """A project tool's task of no length ("0 days"): a point the plan reaches, a milestone
    in Plan JSON's terms, not work to do."""


def unglue(text: str) -> str:
    """Words a lost delimiter glued together ("provisionRachel") separated again."""
    return _GLUE_RE.sub(" ", text)


class _SectionColumns:
    """The sections a table names in its columns ("Workstream", or "Priority | Objective"),
    each cell filled on the first row of the rows it groups only, as sheets merge them: a
    row's own, or those carried down from the rows above; a new outer one clears the
    inner."""

    def __init__(self) -> None:
        self.header: object = None
        self.open: list[str] = []

    def titles(self, piece: Piece) -> list[str]:
        header = piece.header
        if piece.kind != "row" or header is None or "section" not in header.roles:
            return []
        columns = [i for i, role in enumerate(header.roles) if role == "section"]
        if header is not self.header:
            self.header, self.open = header, [""] * len(columns)
        for level, column in enumerate(columns):
            value = piece.columns[column][1] if column < len(piece.columns) else ""
            value = clean(plain(value))
            if value and not PRIORITY_LEVEL_RE.match(value) and not _A_NUMBER_RE.fullmatch(value):
                self.open[level:] = [value] + [""] * (len(columns) - level - 1)
        return [title for title in self.open if title]


_A_NUMBER_RE = re.compile(r"\d{1,3}(?:\.\d{1,2})*\.?")
"""An item column's bare number ("4"): the row's place in the minutes, no section title."""

_DATE_STYLES = ("a date", "a period")


class _Sections:
    """The open section path: a heading of a style already open closes it and what is below."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, str]] = []  # (style, title)
        self.seen: list[str] = []
        self.status_group: tuple[str, list[str]] | None = None
        """The status line over the items below it ("Doing"), and the section it is in."""

    def status_group_at(self, piece: Piece, following: Piece | None) -> bool:
        """Whether the line is a status over the items below it (a slide's "Doing"): kept;
        not a card's tag over its number ("Complete" / "EMP-03" / its title)."""
        if not _lone_status(piece) or (following and _BARE_REF_RE.match(following.text)):
            return False
        self.status_group = (piece.text.strip(" :"), self.path())
        return True

    def open(self, title: str, level: int = 0, style: str = "") -> None:
        """Open a heading; ``level`` is a Markdown heading's, which closes every open heading
        of its level or deeper; ``style`` says what marks it a heading when not its look."""
        title = self._continued(title)
        self.seen.append(title)
        titles = self.path()
        if title in titles:  # the same heading again (its continuation): back to it
            del self.stack[titles.index(title) + 1 :]
            return
        style = f"md:{level}" if level else style or _heading_style(title)
        if style != "above a list":
            self.close_list_heading()
        if _APPENDIX_RE.match(title):
            self.stack.clear()  # an appendix is no part of the report's last section
        if not level and _a_plan_level(title):
            self._close_unnumbered_parts()
        for i, (open_style, open_title) in enumerate(self.stack):
            if (
                open_style == style
                or (level and open_style.startswith("md:") and int(open_style[3:]) >= level)
                or (level and not open_style.startswith("md:") and not _a_plan_level(open_title))
                or (0 < level <= 2 and open_style in _DATE_STYLES)  # a news item's date line
            ):
                del self.stack[i:]
                break
        else:
            depth = _numbered_depth(title) if style not in _DATE_STYLES else 0  # "Quarter 1 …"
            if depth:
                while (
                    self.stack
                    and _numbered_depth(self.stack[-1][1]) >= depth
                    and not _encloses(self.stack[-1][0], level)
                ):
                    if self.stack[-1][0].startswith("kw:") and title[:1].isdigit():
                        break  # "2. Terms of reference" inside "Meeting 1 – 8 October": items
                    self.stack.pop()
        if len(self.stack) >= 3:
            self.stack.pop()
        self.stack.append((style, title))

    def _close_unnumbered_parts(self) -> None:
        """A plan's heading ("WS1 Early help", "Priority 2: …") is no part of the report's
        "Programme overview" above it: a heading of the report's, unnumbered, closes."""
        while (
            self.stack
            and self.stack[-1][0].startswith("md:")
            and not re.search(r"\d", self.stack[-1][1])
            and not _a_plan_level(self.stack[-1][1])
        ):
            self.stack.pop()

    def open_heading(self, piece: Piece) -> None:
        """A heading the reader or the model found: a numbered one where its number puts it,
        a Markdown one at its level, "Topic: …" and "+ …" lines side by side."""
        title = _section_title(piece.source if piece.kind == "item" else piece.text)
        if piece.marker == "heading" and piece.indent and _numbered_section(piece):
            # "### Workstream 1 — …" under "## 2. Progress …": inside what is of a higher level
            while self.stack and not _encloses(self.stack[-1][0], piece.indent):
                self.stack.pop()
            self.open(title, piece.indent)
        elif _numbered_section(piece):
            self.open_under_numbered(title)
        elif piece.marker == "heading":
            self.open(title, piece.indent, style="" if piece.indent else "a container")
        else:
            self.open(title)

    def close_list_parents(self, piece: Piece) -> None:
        """A list item's parent ("- 1A Assessment and planning" over its actions) heads the
        deeper items below it: an item no deeper, or no item, closes it."""
        while self.stack and self.stack[-1][0].startswith(_LIST_PARENT):
            if piece.kind == "item" and piece.indent > int(self.stack[-1][0][len(_LIST_PARENT) :]):
                return
            self.stack.pop()

    def close_list_heading(self) -> None:
        """A few words above a list ("Next steps") hold the list, not what follows it."""
        while self.stack and self.stack[-1][0] == "above a list":
            self.stack.pop()

    def open_above_a_list(self, title: str, *, sibling: bool) -> None:
        """A few words above a bulleted list: inside the open section, or beside it where
        that is a heading of the same list of topics (``sibling``)."""
        if sibling:
            self.stack[-1] = ("above a list", self.stack[-1][1])
        self.open(title, style="above a list")

    def open_under_numbered(self, title: str, style: str = "") -> None:
        """A month heading, or a numbered section's ("Workstream 1 – …"): under a numbered
        heading if one is open ("Phase 1: Stabilise"), else at the top — the months and
        workstreams follow an "Introduction" or a web page's breadcrumb, not inside them."""
        while (
            self.stack
            and (not style or self.stack[-1][0] != style)
            and not re.search(r"\d", _without_its_note(self.stack[-1][1]))
            and not _LETTERED_PART_RE.match(self.stack[-1][1])  # "Priority Area A: …"
            and not self.stack[-1][0].startswith("kw:")  # "Appendix A – Action plan"
        ):
            self.stack.pop()
        self.open(title, style=style)

    def close_outside(self, ref: str) -> None:
        """A task numbered "1.3" after the tasks of "1.2 Quality of plans": out of 1.2."""
        if not re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){1,5}", ref):
            return
        while self.stack and self.stack[-1][0].startswith("md:"):
            number = self.stack[-1][1].split(" ", 1)[0]
            if not re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", number) or ref.startswith(f"{number}."):
                return
            self.stack.pop()

    def path(self) -> list[str]:
        return [title for _, title in self.stack]

    def _continued(self, title: str) -> str:
        """ "Area for priority action 1 (continued)" after a page break: the section it
        carries on, whole."""
        match = re.fullmatch(r"(?i)(.+?)\s*[(\[]?\s*(?:continued|cont(?:'?d)?\.?)\s*[)\]]?", title)
        if match is None:
            return title
        return next((t for t in reversed(self.seen) if t.startswith(match.group(1))), title)


_APPENDIX_RE = re.compile(r"(?i)^(?:appendix|annexe?)\s+[A-Z0-9]{1,3}\b")


_LETTERED_PART_RE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,2} [A-Z]\s*[:.\u2013\u2014-]\s")
"""A part numbered by a letter ("Priority Area A: …", "Theme B – …"): the numbered sections
under it ("Outcome 1 – …") sit inside it."""


def _without_its_note(title: str) -> str:
    """A heading without its bracketed note ("What the inspection found (September 2025)"):
    a date noted beside a title does not number a part ("AUTUMN TERM 2025" is one)."""
    return _BRACKETED_NOTE_RE.sub("", title)


def _encloses(style: str, level: int) -> bool:
    """Whether an open Markdown heading is of a higher level than one of ``level``."""
    return bool(level) and style.startswith("md:") and int(style[3:]) < level


def _numbered_depth(title: str) -> int:
    match = re.match(r"^\s*(?:[A-Za-z]+\s+){0,3}?(\d{1,3}(?:\.\d+)*)\b", title)  # not "May 2026"
    return match.group(1).count(".") + 1 if match else 0


def _heading_style(title: str) -> str:
    """A heading's look: its opening keyword or numbering shape, and its case."""
    words = title.split()
    first = words[0] if words else ""
    shape = re.sub(r"\d+", "9", re.sub(r"[a-z]+", "a", re.sub(r"[A-Z]+", "A", first)))
    if (
        re.match(r"^[A-Za-z]+$", first)
        and len(words) > 1
        and re.match(r"^(?:\d|[A-Z](?:\W|$)|[IVX]+\b)", words[1])
    ):
        keyword = first.lower()
        if keyword not in {"the", "a", "an", "our", "we"}:
            return f"kw:{keyword}"
    if _is_month_heading(title):
        return "month"
    # "SPRING TERM 2026 (January – March)" is in capitals like "AUTUMN TERM 2025": its
    # bracketed note is not its look
    caps = "upper" if _BRACKETED_NOTE_RE.sub("", title).isupper() else "mixed"
    return f"{shape[:6]}:{caps}"


def _leads_named_after(candidates: list[Candidate], items: list[Piece]) -> None:
    """A sentence that names no lead takes the one the next sentence of its paragraph names
    (a cabinet paper's "… by March 2028. The ICB Director … is responsible.")."""
    by_piece = {id(c.piece): c for c in candidates}
    for index, piece in enumerate(items[:-1]):
        candidate = by_piece.get(id(piece))
        if candidate is None or piece.kind != "sentence" or "owner" in candidate.fields:
            continue
        following = items[index + 1]
        if following.kind != "sentence" or following.source != piece.source:
            continue
        who = lead_named(following.text)
        if who:
            candidate.fields["owner"] = Found(who, following.text, 0.7)


def _is_month_heading(title: str) -> bool:
    return bool(MONTH_HEADING_RE.fullmatch(title.strip(" :-")))


HeadingSeen = Callable[[dict[str, float], str], None]


def read_candidates(
    text: str,
    as_at: date | None,
    models: Models = TRAINED,
    *,
    seen: HeadingSeen | None = None,
) -> list[Candidate]:
    """Every candidate of the document, its section path, fields and action score.

    ``seen`` is told each line the heading model judged (its features and text): training
    learns headings from exactly the lines the reader asks about."""
    items = pieces(text)
    candidates: list[Candidate] = []
    sections = _Sections()
    grouped = _SectionColumns()
    titles = [p.text for p in items if p.marker == "heading" and p.indent == 1]
    block = _field_block(items) | _contents_list(items) | _later_messages(items)
    roots = _project_roots(items)
    title_block = _title_block(items)
    capitals = _capitals_headings(items)
    titling: set[int] = set()  # the heading levels whose headings title their actions
    alike = sum(plain_heading_shape(p) for p in items) - 1
    ahead = _before_an_action_label(items)
    labelled = _labelled_paragraphs(items)
    leading: dict[str, str] = {}
    closing = _statuses_close_cards(items)
    groups = {
        clean(p.cells["section"]).casefold()
        for p in items
        if p.kind == "row" and p.cells.get("section")
    }
    measuring: Candidate | None = None  # the card whose measures the items below list
    for index, piece in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        measuring = _measured_card(items, index, candidates, measuring)
        if measuring is not None:
            continue
        if _joins_record(
            piece,
            candidates,
            (sections, as_at),
            leading,
            (index in ahead, index in labelled, _opens_the_next(items, index, candidates)),
        ) or (closing and _closes_the_card(items, index, candidates, as_at)):
            continue
        if index in block or _the_documents_own(piece, titles) or _leads_in(piece, following):
            continue
        if _says_of_the_one_above(piece, candidates, sections.path(), as_at) or _no_candidate(
            items, index, candidates
        ):
            continue
        if sections.status_group_at(piece, following) or _taken_where_it_stands(
            piece, candidates, sections, as_at
        ):
            continue
        dated = _timeline_candidate(items, index, sections.path(), as_at)
        if dated is not None:
            candidates.append(dated)
            continue
        if (
            piece.kind == "row"
            and piece.header is None
            and _label_row(piece, sections, candidates, as_at)
        ):
            continue
        if id(piece) in roots:
            continue  # "1  Eastwold SEND Improvement Plan" over every task: the plan itself
        if _outline_heading(piece, following, sections):
            continue
        if index not in title_block and _placed_heading(items, index, sections, candidates, as_at):
            continue
        if (
            index not in title_block
            and (index in capitals or _is_heading(piece, following, (index, alike), models, seen))
            and not _titles_its_fields(piece, _past_its_measures(items, index), titling)
        ):
            sections.open_heading(piece)
            continue
        path = sections.path()
        path += [title for title in grouped.titles(piece) if title not in path]
        if not piece.text.strip() or _under_a_key(piece, path):
            continue  # "o " alone: a bullet with nothing after it
        candidate = Candidate(piece, piece.text, path, milestone=_no_length(piece))
        _detect(candidate, as_at)
        _titled_after_its_label(candidate, leading, as_at)
        if sections.status_group is not None and sections.status_group[1] == sections.path():
            _grouped_by_status(candidate, sections.status_group[0])
        candidates.append(candidate)
    candidates = [
        c
        for c in candidates
        if (c.text or not c.record) and not _names_a_group(c, groups) and not _news(c, as_at)
    ]
    _without_the_title(candidates, items)
    _leads_named_after(candidates, items)
    _score(candidates, models, as_at)
    _after_scoring(candidates, items, text, as_at)
    return candidates


def _after_scoring(
    candidates: list[Candidate], items: list[Piece], text: str, as_at: date | None
) -> None:
    """Fields read once the model has scored: no more signs of an action than before."""
    marks = box_key([piece.source for piece in items])
    month_first = _writes_month_first(text)
    next_meeting = _next_meeting_date(text, as_at)
    opened = _paragraphs_opened_by_a_ref(items)
    _labels_above_cards(candidates)
    for candidate in candidates:  # a task's ticked steps are no more its actions
        if "ref" not in candidate.fields:
            _ref_told_in_passing(candidate, opened)
        if next_meeting is not None and "due" not in candidate.fields:
            _due_at_the_next_meeting(candidate, next_meeting)
        _box_status(candidate, marks)
        _status_in_the_date_cell(candidate)  # a record's "Timescale: Complete" too
        if "status" not in candidate.fields and candidate.piece.kind in {"item", "sentence"}:
            _status_closing_a_clause(candidate)
        if candidate.piece.kind != "row" and not _a_named_owner(candidate):
            _owner_set_off(candidate)
        _owner_and_its_date(candidate, as_at)
        if month_first:
            _read_month_first(candidate, as_at)


_PLAN_LEVEL_RE = re.compile(r"(?i)^(?:WS|AoW|ASW)\s?\d")  # a workstream's code: "WS1 …"


def _a_plan_level(title: str) -> bool:
    """Whether a heading names one of a plan's levels ("Priority 2", "Workstream 1", "Area
    of significant weakness 3", "WS1"), not a part of the report around the plan."""
    found = keyword_heading(title)
    return bool(_PLAN_LEVEL_RE.match(title)) or (found is not None and found.kind != "heading")


_BARE_REF_RE = re.compile(rf"^\s*(?P<ref>{ACTION_REF}|[A-Z]{{1,5}}-\d{{1,4}}[a-z]?)\s*$")


def _labels_above_cards(candidates: list[Candidate]) -> None:
    """A card's number and its RAG pill, each a line of its own right above its title
    ("P1.01" / "Amber" / "Introduce a single advice hub …"): the taken title's ref and RAG.
    Read after scoring: the lines say nothing of whether the title is an action. A bare
    number ("1") counts only where several cards are so numbered: one alone may be a page's
    number or a tile's figure."""
    found: list[tuple[Candidate, str, str]] = []
    for index, candidate in enumerate(candidates):
        if candidate.score < ACTION_THRESHOLD or "ref" in candidate.fields:
            continue
        above = [line.text for line in _label_lines_above(candidates, index)]
        numbers = [_BARE_REF_RE.match(text) for text in above]
        number = next((n for n in numbers if n is not None), None)
        pill = next((text for text, n in zip(above, numbers, strict=True) if n is None), "")
        if number is not None and (len(above) == 1 or read_rag(pill) or normalise_status(pill)):
            found.append((candidate, number["ref"], pill))
    bare = sum(1 for _, ref, _ in found if ref.isdigit())
    for candidate, ref, pill in found:
        if ref.isdigit() and bare < 2:
            continue
        candidate.fields["ref"] = Found(ref, ref, 0.8)
        rag = read_rag(pill) if pill else None
        if rag and "rag" not in candidate.fields:
            candidate.fields["rag"] = Found(rag, pill, 0.8)
        elif pill and not rag:  # "On track" / "EMP-01" over the title: its status tag
            had = candidate.fields.get("status")
            if had is not None:  # "Latest update: …" on the card: the tag's history
                label = candidate.labels.get("status", "status")
                candidate.status_history.append({"column": label, "value": had.raw})
            candidate.fields["status"] = Found(normalise_status(pill) or "", pill, 0.85)


def _label_lines_above(candidates: list[Candidate], index: int) -> list[Candidate]:
    """The one or two short lines the model left right above a candidate, in order."""
    above: list[Candidate] = []
    line = candidates[index].piece.line
    for before in reversed(candidates[max(index - 2, 0) : index]):
        if before.score >= ACTION_THRESHOLD or before.piece.kind != "line":
            break
        if before.piece.line != line - 1 - len(above) or len(before.text.split()) > 2:
            break
        above.insert(0, before)
    return above


def _owner_and_its_date(candidate: Candidate, as_at: date | None) -> None:
    """An owner read with the date after it ("HO, Feb" from "… – HO, Feb"): the lead, and
    the date the item's due when it has none."""
    owner = candidate.fields.get("owner")
    if owner is None or not owner.value:
        return
    who, when = split_owner_and_date(str(owner.value))
    if when is None or not who:
        return
    candidate.fields["owner"] = Found(who, owner.raw, owner.confidence)
    due = find_due(when, as_at, cell=True)
    if "due" not in candidate.fields and due is not None:
        candidate.fields["due"] = due


def _status_closing_a_clause(candidate: Candidate) -> None:
    """A status word closing a clause of a progress item ("Restructure delayed – consultation
    extended", "AP framework — slipped; …", "Spring edition published, complete."): a weak
    sign, so it gives the status of what the model took, not a reason to take it."""
    found = clause_status(candidate.text)
    if found is not None:
        candidate.fields["status"] = found


def _a_named_owner(candidate: Candidate) -> bool:
    """Whether the candidate has an owner that names someone, not the action's own words
    after a role ending in "Lead:" ("SENCO Network Lead: write to all schools …")."""
    owner = candidate.fields.get("owner")
    first = str(owner.value).split(" ", 1)[0] if owner is not None and owner.value else ""
    return bool(first) and not (first.islower() and first in ACTION_VERBS)


_REF_IN_BRACKETS_RE = re.compile(
    r"\((?:[A-Z]{2,5}\s+|[Pp]lan\s+)?(?:[Aa]ction|[Rr]ef\.?)\s+"
    r"(?P<ref>[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\)"
)
_PARAGRAPH_REF_RE = re.compile(
    r"^(?:[Aa]ction|[Rr]ef\.?)\s+(?P<ref>[A-Z]{0,3}\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\s*[-\u2013\u2014:]\s"
)


def _paragraphs_opened_by_a_ref(items: list[Piece]) -> dict[int, str]:
    """Line → the ref a paragraph opens with ("Action 1.3 - additional EP capacity. The
    second locum …"): the ref of the work its sentences report."""
    return {
        piece.line: opening.group("ref")
        for piece in items
        if piece.kind == "sentence"
        and piece.position == 0
        and (opening := _PARAGRAPH_REF_RE.match(piece.text)) is not None
    }


def _ref_told_in_passing(candidate: Candidate, opened: dict[int, str]) -> None:
    """The plan ref a sentence names in brackets ("… guidance (action 2.1) is now complete",
    "(PAP ref 1.2)"), one only, or that its paragraph opens with: read for a taken item."""
    told = {m.group("ref") for m in _REF_IN_BRACKETS_RE.finditer(candidate.text)}
    if candidate.piece.kind == "sentence" and not told and candidate.piece.line in opened:
        told = {opened[candidate.piece.line]}
    if len(told) == 1:
        ref = told.pop()
        candidate.fields["ref"] = Found(ref, ref, 0.6)


_NEXT_MEETING_DATE_RE = re.compile(r"(?i)\bnext (?:meeting|board)\b(?P<rest>[^\n]{0,80})")
_AT_THE_NEXT_MEETING_RE = re.compile(
    r"(?i)\b(?:by |at |to |for |before )?the next (?:meeting|board(?: meeting)?)\b"
)


def _next_meeting_date(text: str, as_at: date | None) -> str | None:
    """The date the document gives its next meeting ("The next meeting is on Thursday 5
    February 2026", "Date of next meeting: 6 November"), after the meeting it records."""
    found = None
    for told in _NEXT_MEETING_DATE_RE.finditer(text):
        due = find_due(told.group("rest"), as_at)
        if due is not None and due.value and (as_at is None or due.value > as_at.isoformat()):
            found = due.value
    return found


def _due_at_the_next_meeting(candidate: Candidate, next_meeting: str) -> None:
    """An item due "by the next meeting" is due on the date the document gives it."""
    told = _AT_THE_NEXT_MEETING_RE.search(candidate.text)
    if told is not None:
        candidate.fields["due"] = Found(next_meeting, told.group(0), 0.6)


def _owner_set_off(candidate: Candidate) -> None:
    """An owner set off less plainly ("SENCO Network Lead: write …", "Assistant Director,
    Education to set up …"): read for what the model took, not a reason to take it."""
    found = owner_set_off(candidate.text)
    if found is not None:
        candidate.fields["owner"] = found


_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")


def _writes_month_first(text: str) -> bool:
    """A document whose dates put the month first ("06/30/2025", as a tool set to US English
    exports them): some second number is past 12, and no first one is."""
    pairs = [(int(m[1]), int(m[2])) for m in _NUMERIC_DATE_RE.finditer(text)]
    return any(day > 12 for _, day in pairs) and not any(first > 12 for first, _ in pairs)


def _read_month_first(candidate: Candidate, as_at: date | None) -> None:
    """A date of a month-first document read as it means ("03/10/2025": 10 March)."""
    for role in ("due", "start"):
        found = candidate.fields.get(role)
        numeric = _NUMERIC_DATE_RE.fullmatch(found.raw.strip()) if found is not None else None
        if found is None or numeric is None:
            continue
        swapped = find_due(f"{numeric[2]}/{numeric[1]}/{numeric[3]}", as_at, cell=True)
        if swapped is not None:
            candidate.fields[role] = Found(swapped.value, found.raw, found.confidence)


def _names_a_group(candidate: Candidate, groups: set[str]) -> bool:
    """An issue tracker's epic listed as a row of its own, named in its tasks' "Epic"
    cells ("FXS-1 | Identification and assessment of need"): their group, not a task."""
    piece = candidate.piece
    return (
        piece.kind == "row"
        and not piece.cells.get("section")
        and clean(candidate.text).casefold() in groups
    )


def _score(candidates: list[Candidate], models: Models, as_at: date | None) -> None:
    """Each candidate's action score: the model's, raised for an action a list names and
    lowered for the period's news or progress on a listed action."""
    listed = {
        c.fields["ref"].value
        for c in candidates
        if "ref" in c.fields and (c.record or c.piece.kind in {"row", "item"})
    }
    tabled = {c.fields["ref"].value for c in candidates if "ref" in c.fields and c.piece.header}
    runs = Counter(_numbered_run(c) for c in candidates)
    _status_by_progress(candidates, listed)
    resolving = False  # after "RESOLVED: That –", its lettered parts
    for at, candidate in enumerate(candidates):
        candidate.features = action_features(candidate)
        candidate.score = models.action.probability(candidate.features)
        resolution = _resolved_to_act(candidate, resolving)
        resolving = _opens_resolutions(candidate.piece) or (
            resolving and candidate.piece.kind == "item"
        )
        if _progress_on(candidate, listed) or _on_a_tabled_action(candidate, tabled):
            candidate.score = min(candidate.score, NEWS_SCORE)  # whatever status it states
        elif resolution is not False:
            _read_resolution(candidate, resolution)
        elif _an_undertaking(candidate):
            candidate.score = max(candidate.score, MODEL_SURE)
        elif _tells_more(candidate, candidates[max(at - 4, 0) : at]) or _a_notice(candidate):
            candidate.score = min(candidate.score, NEWS_SCORE)
        elif _listed_action(candidate) or _one_of_a_numbered_run(candidate, runs):
            candidate.score = max(candidate.score, MODEL_SURE)
        elif (
            (candidate.piece.header is not None and candidate.piece.header.is_register())
            or _NOTHING_DUE_RE.match(candidate.text)
            or _news_of_the_period(candidate, as_at)
            or _ABOUT_THE_PAGE_RE.search(candidate.text)
            or _asked_of_the_board(candidate)
        ):
            candidate.score = min(candidate.score, NEWS_SCORE)


_RUN_REF_RE = re.compile(r"\d{1,2}\.\d{1,2}")


def _numbered_run(candidate: Candidate) -> tuple[tuple[str, ...], str] | None:
    """The section and the number before the dot of an item that prints its ref and names
    its lead ("1.2 … was completed in March (Head of Performance)"): the run it belongs to."""
    ref = candidate.fields.get("ref")
    if ref is None or "owner" not in candidate.fields or not _RUN_REF_RE.fullmatch(ref.value):
        return None
    piece = candidate.piece
    if piece.number != ref.value and not piece.text.lstrip().startswith(ref.value):
        return None  # a ref printed where the item starts, not one found elsewhere
    return tuple(candidate.section), ref.value.split(".", 1)[0]


def _one_of_a_numbered_run(
    candidate: Candidate, runs: Counter[tuple[tuple[str, ...], str] | None]
) -> bool:
    """An item of a numbered plan ("1.1", "1.2", "1.3" under one heading, each naming its
    lead): an action even when it is reported done, as its neighbours are actions (Plan
    JSON: an action listed by the plan). Three or more make a run. Not under a report's
    heading of news, risks or decisions ("2. Achievements this period": "2.1 The panel met
    weekly from 6 October (Head of SEN)" is what happened, numbered as the report's sections),
    nor an item that states no status or date and does not say what will be done."""
    run = _numbered_run(candidate)
    heading = _unnumbered(candidate.section[-1]) if candidate.section else ""
    if run is None or runs[run] < 3 or NON_ACTION_LEAD_IN_RE.match(heading):
        return False
    cues = ("imperative", "will", "x_to_verb", "ongoing")
    stated = _value(candidate, "status") or _value(candidate, "due") or _value(candidate, "rag")
    under_way = _UNDER_WAY_RE.search(candidate.text)  # "… are developing two new routes"
    return bool(stated or under_way) or any(candidate.features.get(cue) for cue in cues)


_UNDER_WAY_RE = re.compile(r"\b(?:is|are)\s+(?:now\s+)?[a-z]{3,}ing\b")


_ABOUT_THE_PAGE_RE = Caseless(r"\bth(?:is|e) (?:web ?)?(?:page|site|website)\b")
"""A line about the web page it is on ("Report a problem with this page"): not work."""


_PROGRESS_ON_RE = re.compile(
    r"(?i:\s*(?:(?:latest\s+)?(?:update|progress|note)s?\s+(?:on|for)\s+)?(?:action\s+)?)"
    r"([A-Z]{0,4}\d{1,2}(?:\.\d{1,2}){0,3})\s*[:\u2013\u2014-]\s"
)


_ABOUT_IT_RE = re.compile(
    r"(?i)^(?:(?:this|that|it)(?: work)?|(?:work|progress) on (?:this|it)"
    r"|work (?:has|had) (?:not )?(?:yet |now )?(?:begun|started)(?! on| to))\b"
)
"""A sentence about the work just named: "This …", "Work on this …", "Work has begun and …"
(not "Work has started on a new tool", work of its own)."""
_STARTED_RE = re.compile(r"(?i)\b(?:started|began)\b")


_ACTION_TITLE_RE = re.compile(
    rf"(?i:action|task)\s+(?P<ref>{ACTION_REF})(?:\s*[\u2013\u2014:.-]\s+|\s+(?=[A-Z][a-z]))"
    r"(?P<text>\S.{3,})"
)
"""A heading naming an action and its number ("Action 1.2 – Agree a joint commissioning
strategy"): the record the field lines below it fill, not a section."""


_SLIDE_RE = re.compile(r"(?i)slide\s+\d{1,3}")


def _taken_where_it_stands(
    piece: Piece, candidates: list[Candidate], sections: _Sections, as_at: date | None
) -> bool:
    """A line the reading takes in hand where it stands, as no candidate: how the action
    above stands, a slide's number (the next slide's title heads what follows), a heading
    naming an action or that action's narrative."""
    if _how_the_action_before_stands(piece, candidates):
        return True
    if piece.kind == "line" and _SLIDE_RE.fullmatch(piece.text):
        sections.stack.clear()
        return True
    return _titled_record(piece, candidates, sections.path(), as_at)


def _titled_record(
    piece: Piece, candidates: list[Candidate], path: list[str], as_at: date | None
) -> bool:
    """A heading naming an action ("### Action 1.2 – Agree a joint commissioning strategy")
    opens its record, which the field lines below it fill; the paragraphs after them, in
    its section, are its narrative, not actions."""
    titled = _ACTION_TITLE_RE.match(piece.text) if piece.marker == "heading" else None
    if titled:
        record = Candidate(piece, titled["text"], path, record=True, titled=True)
        record.labelled.add("action")
        _detect(record, as_at)
        record.fields["ref"] = Found(titled["ref"], titled["ref"], 0.9)
        candidates.append(record)
        return True
    above = candidates[-1] if candidates else None
    narrative = piece.marker != "heading" and piece.kind in {"line", "sentence"}
    return narrative and above is not None and above.titled and above.section == path


def _how_the_action_before_stands(piece: Piece, candidates: list[Candidate]) -> bool:
    """A sentence after an action's, in its paragraph, saying how that action stands ("…
    by September 2026. This has not started yet because …", "Work has begun and …", "Not
    yet started."): the action's status, not an action of its own."""
    if piece.kind != "sentence" or piece.position == 0 or not candidates:
        return False
    before = candidates[-1]
    if before.piece.line != piece.line or "status" in before.fields:
        return False
    about_it = _ABOUT_IT_RE.match(piece.text)
    verdict = OPENING_VERDICT_RE.match(piece.text)  # "Behind: 51 are still outstanding."
    if len(piece.text.split()) > 25:
        return False
    if verdict and normalise_status(verdict["verdict"]):
        status = normalise_status(verdict["verdict"]) or ""
        before.fields["status"] = Found(status, verdict["verdict"], 0.75)
        return True
    if not (about_it or STATUS_WORDS_RE.match(piece.text)):
        return False
    found = find_status(piece.text)
    if found is None and about_it and _STARTED_RE.search(piece.text):
        found = Found("in_progress", piece.text, 0.6)  # "This started in February and …"
    if found is None:
        return False
    before.fields["status"] = Found(found.value, piece.text, found.confidence)
    return True


_ON_ACTION_RE = re.compile(
    r"(?i)\baction\s+([A-Z]{0,4}\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*:|\s+(?:is|has|was|remains)\b)"
)
"""A reply naming a listed action ("… on action 2: in progress", "Action 5 is behind
trajectory"): progress on it."""


def _progress_on(candidate: Candidate, refs: set[str]) -> bool:
    """A paragraph opening with the ref of an action the document lists ("PA2.1: the
    procurement was paused …"): progress on that action, not a new one (Plan JSON)."""
    if candidate.piece.kind != "sentence" or "action" in candidate.labelled:
        return False  # "Action 2.1: Reorganise …" names the action it is, not progress on it
    named = _ON_ACTION_RE.search(candidate.piece.source)  # however its line was read
    if named is not None and named.group(1) in refs:
        return True
    opening = None if candidate.record else _PROGRESS_ON_RE.match(candidate.piece.source)
    return opening is not None and opening.group(1) in refs


def _status_by_progress(candidates: list[Candidate], listed: set[str]) -> None:
    """A later review of an earlier action ("Action 3 – now complete" under the next
    meeting's "Review of actions") gives that action its status, the one before it kept
    as its history."""
    actions: dict[str, Candidate] = {}
    reviewed: set[str] = set()
    for candidate in candidates:
        ref = candidate.fields.get("ref")
        if ref is not None and ref.value in listed and ref.value not in actions:
            actions[ref.value] = candidate
            continue
        review = _REVIEWED_RE.match(candidate.piece.source)
        if review is None or review["ref"] not in actions or candidate.piece.source in reviewed:
            continue
        reviewed.add(candidate.piece.source)
        phrase = re.split(
            r"[;,.:]|\s[\u2013\u2014-]\s", _BRACKETED_NOTE_RE.sub("", review["rest"])
        )[0]
        status = normalise_status(phrase.strip())
        if status is None:
            continue
        target = actions[review["ref"]]
        if "status" in target.fields:
            earlier = target.fields["status"].raw
            target.status_history.append({"column": "earlier review", "value": earlier})
        target.fields["status"] = Found(status, phrase.strip(), 0.85)


_REVIEWED_RE = re.compile(
    r"(?i)^\W*actions?\s+(?:no\.?\s*)?(?P<ref>[A-Z]{0,3}\d{1,3}(?:\.\d{1,2})?[a-z]?)"
    r"\s*[\u2013\u2014:-]\s*(?P<rest>\S.*)"
)
"""A review's line on an earlier action: "Action 3 – (carried forward) now complete; …"."""


_TABLED_REF_RE = re.compile(r"\b([A-Z]{1,3}\d{1,2}(?:\.\d{1,2}){0,2})\b")


def _on_a_tabled_action(candidate: Candidate, tabled: set[str]) -> bool:
    """A bullet or sentence outside the table about an action the table lists by its ref
    ("- D1.2 – contract award expected in July.", "The outreach contract (D1.2) has
    slipped …"): progress on that action (Plan JSON), not a new one."""
    piece = candidate.piece
    if piece.header is not None or candidate.record or piece.kind not in {"item", "sentence"}:
        return False
    ref = candidate.fields.get("ref")
    if ref is not None and ref.value == piece.number and ref.value.isdigit():
        return False  # "1." of a numbered list: the list's count, not table row 1
    if ref is not None and ref.value in tabled:
        return True
    return piece.kind == "sentence" and any(
        m.group(1) in tabled for m in _TABLED_REF_RE.finditer(piece.source)
    )


_ACTION_LIST_RE = re.compile(
    r"(?i)\b(?:agreed (?:to|the following)|(?:agreed |next |follow[- ]up )?actions?(?: \w+){0,2}"
    r"|next steps|will|to do|follow[- ]ups?(?: \w+){0,3})\s*:?\s*$"
)
"""A lead-in whose list is of actions: "The Board agreed to:", "Next steps:", "Agreed
actions:", "Actions carried forward:", "We will:"."""


def _numbered_section(piece: Piece) -> bool:
    """A line naming a numbered section and its title ("Phase 1: Stabilise", "Priority 2 –
    Places", "Priority One: Early Identification"): a heading, whatever the model has
    learned of its words."""
    match = re.match(r"^(.{1,40}?)\s*[:\u2013\u2014-]\s+\S", piece.text)
    return (
        (piece.kind == "line" or (piece.kind == "item" and not piece.marker))  # not after a list
        and match is not None
        and bool(re.search(rf"\d|\b[A-Z]$|(?i:\b{_SECTION_NUMBER}$)", match.group(1)))
        and bool(_SECTION_LABEL_RE.match(match.group(1)))
        and len(piece.text.split()) <= 40  # "Area for priority action 1: Leaders … should …"
        and not piece.text.endswith(".")
    )


_KEY_LINE_RE = re.compile(
    r"^(?:Blue|Red|Amber|Green|Yellow|[BRAG])\s*(?:[-\u2013\u2014=:]|\t)\s*(?P<meaning>.*)$"
)


_LEGEND_RE = re.compile(r"^[A-Z][A-Za-z]{0,5}\.?\s*=\s*\S")
_KEY_PARAGRAPH_RE = re.compile(r"(?i)\s*(?:b?rag|status|progress|colour)\s+key\s*:")


def _a_key_line(piece: Piece) -> bool:
    """A line of the RAG key ("Red – off track, Board attention needed", a key sheet's "Amber
    | Some risk to delivery"): what a colour means, no heading and no action."""
    if piece.kind == "sentence" and _KEY_PARAGRAPH_RE.match(piece.source):
        return True  # "RAG key: B complete; G on track; … R off track and needs support."
    if a_colour_legend(piece.text):
        return True  # "Each update ends with a circle: 🟢 green – on track, 🟡 amber – …"
    if _LEGEND_RE.match(piece.text) or piece.text.count(" = ") >= 2:
        return True  # "NS = Not started", "Resp.: HoSEND = Head of SEND; PEP = …": a legend
    if _boxes_keyed(piece.source):
        return True  # "Key: ☑ done ☐ to do ☒ stood down": what the boxes mean
    text = piece.source.strip() if piece.kind == "row" else plain(piece.text).strip()
    key = _KEY_LINE_RE.match(text)
    if key is None or piece.cell_count > 3:
        return False
    meaning = key.group("meaning").replace("\t", " ").split()
    if not meaning or len(meaning) > 10:
        return False
    told = meaning[0].lower() in ACTION_VERBS and len(meaning) >= 3
    return not told or normalise_status(" ".join(meaning)) is not None


_BOXED_RE = re.compile(rf"^\s*(?:[-*\u2022]\s+)?(?P<box>{BOX_MARK})\s")
_KEYED_BOX_RE = re.compile(
    rf"(?P<box>{BOX_MARK})\s*[=:\u2013-]?\s*(?P<meaning>[^\[\]{MARK_GLYPHS}\u00b7|]*?)[\s,;\u00b7|]*"
    rf"(?=[\[{MARK_GLYPHS}]|$)"
)
_TICKED = {"[x]", "[X]", "[\u2713]", "[\u2714]", "(\u2713)", "(\u2714)", "\u2611"}


def box_key(texts: list[str]) -> dict[str, str]:
    """What each box mark means: the document's key says ("Key: [✓] done  [>] under way
    [ ] not started  [!] late or at risk"); where none does, a ticked box is done, as in any
    task list, and an empty one states nothing."""
    key = dict.fromkeys(_TICKED | TICKS, "complete")
    key.update(EMOJI_STATUSES)  # "🔄 Backlog trajectory agreed …": a chat's own marks
    key.update({f"{mark}\ufe0f": status for mark, status in EMOJI_STATUSES.items()})
    run: dict[str, str] = {}  # a key one mark a line: "✔  complete" / "◐  under way" / …
    for text in [*texts, ""]:
        key.update(_boxes_keyed(text))
        entry = _key_entry(text)
        if entry and entry[0] not in run and entry[1] not in run.values():
            run[entry[0]] = entry[1]
            continue
        if len(run) >= 2:
            key.update(run)
        run = dict([entry]) if entry else {}
    return key


_KEY_ENTRY_RE = re.compile(
    rf"^\s*(?P<box>{BOX_MARK})\s*[=:\u2013-]?\s*(?P<meaning>[A-Za-z][\w ,']*?)"
    r"(?:\s+[\u2013\u2014-]\s.*)?$"
)


def _key_entry(text: str) -> tuple[str, str] | None:
    """A line of a key that explains one mark ("✖  behind schedule – see Exceptions"): the
    mark and its status, where the meaning is a status in a few words."""
    entry = _KEY_ENTRY_RE.match(text)
    if entry is None or len(entry["meaning"].split()) > 5:
        return None
    status = _key_meaning(entry["meaning"])
    return (entry["box"], status) if status else None


def _boxes_keyed(text: str) -> dict[str, str]:
    """The marks a key line explains, two or more ("Key: ☑ done ☐ to do ☒ stood down"), and
    their statuses; empty for any other line (an item with its box is no key)."""
    if text.count("[") + text.count("(") < 2 and (
        text.isascii() or len(BOX_MARK_OPENING_RE.findall(text)) < 2
    ):
        return {}  # most lines: no two marks to explain, and the search below is slow
    told = [(m["box"], _key_meaning(m["meaning"])) for m in _KEYED_BOX_RE.finditer(text)]
    known = {box: status for box, status in told if status}
    if _BOXED_RE.match(text) and not (len(known) >= 3 and len(known) == len(told)):
        return {}  # "[x] done  [~] in progress  [ ] not started": a key, though boxed
    return known if len(known) >= 2 else {}


def _key_meaning(meaning: str) -> str | None:
    """What a key says a mark means ("to do / not yet due", "stood down (agreed by Board)"):
    the status its first words that name one give."""
    for words in re.split(r"\s+/\s+|\s*\(", meaning):
        status = normalise_status(words.strip(" )"))
        if status:
            return status
    return None


def _box_status(candidate: Candidate, marks: dict[str, str]) -> None:
    """An item's box ("[>] Start the induction …") is its status where its words say none."""
    told = candidate.fields.get("status")
    mark = told.raw.strip()[:1] if told is not None and not told.value else ""
    if mark and mark in marks:  # a status cell's "▲ (A)" under "Key: … ▲ in progress …"
        candidate.fields["status"] = Found(marks[mark], mark, 0.8)
    boxed = _BOXED_RE.match(candidate.piece.source)
    if boxed is None:
        return
    colour = RAG_CIRCLES.get(boxed["box"])
    if colour and "rag" not in candidate.fields:  # "🟠 Consultation with schools …"
        candidate.fields["rag"] = Found(colour, boxed["box"], 0.85)
    elif "status" not in candidate.fields and boxed["box"] in marks:
        candidate.fields["status"] = Found(marks[boxed["box"]], boxed["box"], 0.8)


def _timeline_entry(items: list[Piece], index: int) -> tuple[str, str] | None:
    """ "Oct 2024 – Revised EHC plan template in use": a line of a timeline (two or more in a
    row, each opening with a month or period): its date and its item (Plan JSON: each item of
    a timeline is an action, even in the past tense)."""

    def entry(piece: Piece) -> tuple[str, str] | None:
        return dated_opening(piece.text) if piece.kind in {"line", "item"} else None

    found = entry(items[index])
    neighbours = [items[i] for i in (index - 1, index + 1) if 0 <= i < len(items)]
    return found if found and any(entry(p) for p in neighbours) else None


def _timeline_candidate(
    items: list[Piece], index: int, path: list[str], as_at: date | None
) -> Candidate | None:
    """A timeline's entry as a candidate: its item, due by the end of its month."""
    entry = _timeline_entry(items, index)
    if entry is None:
        return None
    candidate = Candidate(items[index], entry[1], path, dated=True)
    _detect(candidate, as_at)
    due = read_date(entry[0], as_at).due
    if due is not None:
        candidate.fields["due"] = Found(due.isoformat(), entry[0], 0.9)
    return candidate


def _a_tasks_checklist_step(items: list[Piece], index: int, candidates: list[Candidate]) -> bool:
    """A checklist item indented under a task that has its own lead or date (a task tool's
    export): a step of that task. A checklist of its own ("- [ ] Publish the guide") is not."""
    piece = items[index]
    if not piece.checkbox:
        return False
    above = next((p for p in reversed(items[:index]) if not p.checkbox), None)
    task = candidates[-1] if candidates else None
    return (
        above is not None
        and task is not None
        and task.piece is above
        and above.indent < piece.indent
        and bool({"owner", "due"} & set(task.fields))
    )


_ITEM_LINE_RE = re.compile(r"(?i)^(?:agenda\s+)?item(?:\s+no\.?)?\s+\d{1,2}\b(?![./]\d)")


def _agenda_item(piece: Piece, following: Piece | None) -> bool:
    """A short numbered item with something other than the list's next item under it
    ("6. Alternative provision" over its minutes, "4. Next steps" over bullets), or a
    line naming its item ("Item No 3 Supported internships"): a heading."""
    if piece.kind == "line" and _ITEM_LINE_RE.match(piece.text):
        return len(piece.text.split()) <= 16 and not piece.text.endswith(".")
    return (
        piece.kind == "item"
        and piece.marker == "number"
        and piece.lead_in is None
        and len(piece.text.split()) <= 8
        and not re.search(r"[.:;]$", piece.text)
        and following is not None
        and not (
            following.kind == "item"
            and following.marker == "number"
            and _numbered_next(piece.number, following.number)
        )
        and field_line(following.text) is None  # "1.1 We will …" / "Lead: …": a record
        and not re.search(r"(?i)\bwill\b", piece.text)
        and _CLOSING_RAG_TAG_RE.search(piece.text) is None  # "1.5 Clear the backlog [RED]"
    )


def _numbered_next(number: str | None, then: str | None) -> bool:
    """Whether ``then`` may be the item after ``number`` in one list: "1.5" or "2" after
    "1.4" may be; "1" after "1.4" is a list starting again under it ("1.4 Next steps")."""
    parts = (number or "").split(".")
    if len(parts) == 1 or not (then and all(part.isdigit() for part in parts)):
        return True  # one level, lettered or unnumbered: as it may be
    after = [*parts[:-1], str(int(parts[-1]) + 1)]
    return then in {".".join(after), str(int(parts[0]) + 1)}


_INITIALS_TO_DO_RE = re.compile(
    r"^(?:[A-Z]{2,3}(?:\s*(?:\+|&|/|and)\s*[A-Z]{2,3})*|(?i:all|everyone))\s+to\s+[a-z]{3,}\b"
)
"""A note's item putting a task to its lead by initials, or to all ("PD + HW to look at …",
"all to send …")."""


def _listed_action(candidate: Candidate) -> bool:
    """An item of a list that a lead-in or its heading announces as actions (Plan JSON:
    "Next steps" items), or a statement of work under way with its status ("The toolkit
    is on track", Plan JSON: even under a progress heading), whatever else the model makes
    of its words; not one that reports a decision or an achievement."""
    piece = candidate.piece
    if (
        "action" in candidate.labelled
        or candidate.deliverable
        or candidate.dated
        or candidate.grouped
    ):
        return True  # "ACTION: Claire Stanton to commission …": the document says so
    if _a_roadmap_entry(candidate):
        return True  # an item of a roadmap under its month, even in the past tense (Plan JSON)
    if piece.kind == "item" and _INITIALS_TO_DO_RE.match(candidate.text):
        return True  # notes' "AN to send link to toolkit when live": a task put to its lead
    planned = candidate.section and forward_plan_heading(_unnumbered(candidate.section[-1]))
    if piece.kind == "item" and planned and not candidate.features.get("achieved"):
        return not candidate.text.endswith(":")  # "Planned for next period": "… to be agreed"
    told = ("decision_verb", "reporting_verb", "achieved")
    if any(candidate.features.get(name) for name in told) or len(candidate.text.split()) < 3:
        return False
    status = candidate.fields.get("status")
    counted = len(re.findall(r"\d+", candidate.text)) >= 2  # "17 closed, 4 on track"
    if (
        piece.kind in {"item", "sentence"}
        and status is not None
        and status.value in UNDER_WAY
        and not candidate.text.lower().startswith(status.raw.lower())  # "Deferred to June as …"
        and not (counted or candidate.features.get("label_prefix") or ";" in candidate.text)
    ):
        return True
    announced = piece.lead_in or (candidate.section[-1] if candidate.section else "")
    announced = _BRACKETED_NOTE_RE.sub("", announced).strip()  # "Next steps (next period)"
    return (
        piece.kind == "item"
        and bool(announced)
        and bool(_ACTION_LIST_RE.search(announced))
        and not candidate.text.endswith(":")
    )


def _lone_status(piece: Piece) -> bool:
    return (
        piece.kind == "line"
        and piece.marker != "heading"
        and bool(_STATUS_GROUP_RE.match(piece.text))
    )


def _statuses_close_cards(items: list[Piece]) -> bool:
    """Whether a status alone on its line closes the card above it ("… / Owner: Head of
    SEND / Done", a roadmap's cards) rather than heads the items below it (a board's "Done"
    column): so where the first such line follows a card's "Owner: …" line."""
    first = next((n for n, piece in enumerate(items) if _lone_status(piece)), 0)
    return first > 0 and field_line(items[first - 1].text) is not None


def _closes_the_card(
    items: list[Piece], index: int, candidates: list[Candidate], as_at: date | None
) -> bool:
    """A status alone on its line just below the card's fields, the card as yet unrated:
    given to the card."""
    piece = items[index]
    if not (index and candidates and _lone_status(piece)):
        return False
    if field_line(items[index - 1].text) is None or "status" in candidates[-1].fields:
        return False
    if index + 1 < len(items) and _BARE_REF_RE.match(items[index + 1].text):
        return False  # "Complete" over "EMP-03" over its title: the next card's tag
    _fill(candidates[-1], "status", piece.text.strip(" :"), as_at)
    return True


_STATUS_GROUP_RE = re.compile(
    r"(?i)^(?:done|doing|next|to do|completed?|in progress|not started|planned|coming next)"
    r"\s*:?$"
)
"""A line that is only a status, over the items it groups ("Done", "Doing", "Next")."""


def _grouped_by_status(candidate: Candidate, status: str) -> None:
    """An item under its section's "Doing": that its status, where it states none, and an
    item of the list the section keeps (a slide's "Done" items are the plan's too)."""
    candidate.grouped = True
    if "status" not in candidate.fields:
        candidate.fields["status"] = Found(normalise_status(status) or "", status, 0.8)


def _a_roadmap_entry(candidate: Candidate) -> bool:
    """An item under a month or term heading, a line there naming its lead, or one opening
    with its status in capitals ("DONE – Strategy approved by Cabinet."): a roadmap's entry."""
    piece = candidate.piece
    if not (candidate.section and date_heading(candidate.section[-1])):
        return False
    status = candidate.fields.get("status")
    if piece.kind == "line" and "owner" in candidate.fields:
        return True  # "WS3: Waiting list validated – Lead: Therapies Manager": an unbulleted item
    return piece.kind == "item" or (
        piece.kind in {"line", "sentence"}
        and status is not None
        and status.raw.isupper()
        and piece.text.startswith(status.raw)
    )


NEWS_SCORE = 0.3
"""What an item reporting the period's news scores at most: below the action threshold."""


def _news_of_the_period(candidate: Candidate, as_at: date | None) -> bool:
    """An item under "Key achievements" (or "Progress", "Risks and issues", "Decisions
    required") that states no work under way and no date still to come: news of the period,
    not an action (Plan JSON)."""
    heading = _unnumbered(candidate.section[-1]) if candidate.section else ""
    if candidate.piece.kind != "item":
        return False
    if _ASKED_TO_RE.search(candidate.piece.lead_in or ""):
        return True  # "The Board is asked to: • note the progress": the report's asks
    if not NON_ACTION_LEAD_IN_RE.match(heading):
        return False
    status = candidate.fields.get("status")
    if status is not None and status.value in UNDER_WAY:
        return False
    if candidate.features.get("achieved"):
        return True  # "… meetings held across the autumn term": done, whatever the date
    due = candidate.fields.get("due")
    return due is None or as_at is None or not due.value or due.value < as_at.isoformat()


_RESOLVED_RE = re.compile(
    r"(?i)^\s*(?:it was\s+)?resolved\b\s*[:\-\u2013]?\s*(?:that\b)?\s*[:\-\u2013]?"
)
_NOTED_RE = re.compile(
    r"(?i)\bbe\s+(?:noted|approved|agreed|received|endorsed|welcomed|accepted|submitted|"
    r"adopted|ratified|confirmed|supported|recorded)\b"
)
_TO_ACT_RE = re.compile(
    r"(?i)^(?:\(?\w{1,4}[.)]\s*)?(?:that\s+)?(?P<actor>(?:the|a|an|all|each)\s+[^;:]{2,90}?)\s+"
    r"(?:(?P<active>(?:be\s+(?:asked|requested|invited)\s+to\s+)?(?-i:provide|report|circulate|arrange|"
    r"bring|write|review|prepare|present|ensure|update|share|produce|develop|investigate|"
    r"explore|respond|publish|send|contact|organise|commission|undertake|meet|set up|"
    r"establish|convene|draft|complete|confirm|consult|engage|monitor)\b(?!\s+be\b))"
    r"|be\s+(?:set up|established|convened|commissioned|produced|prepared|arranged|"
    r"circulated|developed|undertaken|carried out|brought|reviewed|published)\b)"
)
"""A resolution's part that puts work to someone, in the mandative form minutes use ("the
Head of SEND provide Members with …", "a task and finish group be set up to …"), not one
that notes, approves or recommends."""


def _read_resolution(candidate: Candidate, resolution: re.Match[str] | None) -> None:
    """A resolution's part is an action where it puts work to someone, led by whom it
    names to do it ("the Head of SEND Services provide …"); no action where it notes."""
    if resolution is None:
        candidate.score = min(candidate.score, NEWS_SCORE)
        return
    candidate.score = max(candidate.score, MODEL_SURE)
    if resolution["active"] and "owner" not in candidate.fields:
        actor = resolution["actor"]
        candidate.fields["owner"] = Found(_ARTICLE_RE.sub("", actor), actor, 0.6)


_UNDERTOOK_RE = re.compile(
    r"^(?P<who>(?:The|the|Our|[A-Z]\w+)\b[^.;:]{0,80}?)\s+undertook\s+to\s+[a-z]"
)


def _an_undertaking(candidate: Candidate) -> bool:
    """Minutes' record of an officer's promise at the meeting ("The Director of Children's
    Services undertook to circulate the dashboard each month"): an action, led by who
    promised."""
    if candidate.piece.kind not in {"item", "sentence"}:
        return False
    promised = _UNDERTOOK_RE.match(candidate.text)
    if promised is None:
        return False
    who = promised["who"]
    if len(who.split()) <= 10:  # the one who promised, whoever else the sentence names
        candidate.fields["owner"] = Found(_ARTICLE_RE.sub("", who), who, 0.6)
    return True


def _opens_resolutions(piece: Piece) -> bool:
    """A line opening a resolution's parts, saying nothing itself ("RESOLVED: That –")."""
    opened = _RESOLVED_RE.match(piece.text)
    return opened is not None and not piece.text[opened.end() :].strip(" \u2013\u2014-:")


def _resolved_to_act(
    candidate: Candidate, resolving: bool = False
) -> re.Match[str] | None | Literal[False]:
    """For a part of a committee's resolution ("RESOLVED that: (2) the Head of SEND Services
    provide Members with … by 31 March"): the words that put work to someone, or None where
    it puts none; False for any other candidate. Minutes resolve to note, approve and
    recommend far more often than to act, and only the parts that act are actions."""
    piece = candidate.piece
    if piece.kind == "item" and (resolving or _RESOLVED_RE.match(piece.lead_in or "")):
        text = candidate.text
    elif _RESOLVED_RE.match(candidate.text) and piece.kind in {"item", "sentence", "line"}:
        text = _RESOLVED_RE.sub("", candidate.text, count=1).strip()
    else:
        return False
    return None if _NOTED_RE.search(text) else _TO_ACT_RE.match(text)


_NOTICES_RE = re.compile(
    r"(?i)^(?:(?:\w+ )?news(?: in brief| round-?up)?|(?:other |quick )?reminders?|notices?|"
    r"get involved|coffee (?:&|and) chat|coffee mornings?|(?:dates for (?:your )?)?"
    r"diary(?: dates)?|key dates|upcoming events|events|what[\u2019']?s on|staff news|"
    r"useful (?:contacts|links)|contacts?|training (?:dates|and events))\W*$"
)


def _a_notice(candidate: Candidate) -> bool:
    """An item under a bulletin's "Reminders", "News in brief" or "Dates for your diary":
    what readers must do or may come to, or news, not the plan's work."""
    heading = _unnumbered(candidate.section[-1]) if candidate.section else ""
    return "action" not in candidate.labelled and _NOTICES_RE.match(heading) is not None


def _asked_of_the_board(candidate: Candidate) -> bool:
    """A line under "Decisions required" ("D1 APPROVE the revised date … (Jo Bell)"): what
    the report asks its board to decide, whatever date or name it gives, not an action."""
    heading = _unnumbered(candidate.section[-1]) if candidate.section else ""
    return candidate.piece.header is None and _DECISIONS_ASKED_RE.match(heading) is not None


_DECISIONS_ASKED_RE = re.compile(
    r"(?i)^(?:key\s+)?decisions?\s+(?:required|needed|requested|sought|for)\b(?!.*\bactions?\b)"
)


_ASKED_TO_RE = re.compile(r"(?i)\b(?:is|are) (?:asked|recommended|invited) to\s*:?\s*$")
"""A report's recommendations to its readers ("The Board is asked to:"), not its actions."""


@lru_cache(maxsize=4096)
def _unnumbered(title: str) -> str:
    """A heading's words without its number ("3. Progress", "Section D: Decisions")."""
    title = re.sub(r"(?i)^\s*(?:section|part)\s+(?:\d{1,2}|[A-Z])\s*[:.\u2013-]\s*", "", title)
    return re.sub(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*|[A-Z])[.)]?\s+", "", title)


UNDER_WAY = frozenset({"in_progress", "on_track", "delayed", "not_started"})


def _level(piece: Piece) -> int:
    value = piece.cells.get("level", "").strip() if piece.kind == "row" else ""
    return int(value) if value.isdigit() and 0 < int(value) < 10 else 0


def _outline_level(piece: Piece, following: Piece | None) -> int:
    """A project tool's summary row: the row below it is deeper in the outline (its first
    task or part; tasks sit at any depth), or it says it is a summary ("Summary: Yes", at
    the depth of its outline number). A row over its milestones ("Type: Milestone") is the
    action they mark, not a part."""
    level = _level(piece)
    if level and following is not None and _level(following) > level:
        return 0 if _no_length(following) else level
    if piece.cells.get("summary", "").strip().lower() in {"yes", "y", "true"}:
        ref = piece.cells.get("ref", "").strip()
        return ref.count(".") + 1 if ref else 1
    return 0


def _without_the_title(candidates: list[Candidate], items: list[Piece]) -> None:
    """A line among the first few a document opens with, taken for a heading that encloses
    every candidate, is the document's title ("Northbrook SEND Improvement Plan 2026" above
    the table), not a section of it."""
    opened = next((c.section[0] for c in candidates if c.section), None)
    top = [p for p in items[:3] if p.kind == "line" and not p.spans_row]
    first = next((p for p in top if _section_title(p.text) == opened), None)
    if first is None or _numbered_section(first) or SECTION_WORD_RE.match(first.text):
        return  # "Priority 1: Early help" opening the table is its first section
    if first.number or first.text[:1].isdigit():
        return  # "4. Timeliness of plans": the first item of the minutes
    below = [c for c in candidates if c.piece.line > first.line]
    under = sum(c.section[:1] == [opened] for c in below)
    if below and under >= _TITLE_ENCLOSES * len(below):  # a stray line at the end aside
        for candidate in below:
            candidate.section = candidate.section[1:]


_TITLE_ENCLOSES = 0.9


def _title_block(items: list[Piece]) -> set[int]:
    """The lines the document opens with, before its first blank line or prose, when there
    are two or more ("Harbury Council" / "Project Delivery Plan 2025/26" / "June 2025"): its
    title, not sections."""
    block: set[int] = set()
    for index, piece in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        partners_line = piece.kind == "row" and piece.header is None and piece.cell_count <= 3
        if (index and piece.gap_before) or _numbered_section(piece):
            break
        if piece.kind != "line" and not (index and partners_line):
            break  # "Calverdon Council | NHS Calverdon ICB" under the first line is the title's
        if following is not None and following.kind == "row" and block:
            break  # the heading of the table below
        if piece.marker == "heading":
            return set()
        block.add(index)
    return block if len(block) >= 2 and len(block) < len(items) else set()


def _labelled_paragraphs(items: list[Piece]) -> set[int]:
    """The indexes of the later sentences of a paragraph that opens with a label ("Notes:
    Running since October. Attendance from health …")."""
    out: set[int] = set()
    opened = -1
    for index, piece in enumerate(items):
        if piece.kind != "sentence":
            continue
        if piece.position == 0:
            label = _LABEL_VALUE_RE.match(piece.text)
            opened = piece.line if label and len(label.group("label").split()) <= 3 else -1
        elif piece.line == opened:
            out.add(index)
    return out


def _opens_the_next(items: list[Piece], index: int, candidates: list[Candidate]) -> bool:
    """A "Ref:" line is the next record's where the action follows it at once, or the
    record above has its ref already; else it closes the record above ("Due: …  Ref: 01/25
    Status: Open" before the next "Action:")."""
    following = items[index + 1] if index + 1 < len(items) else None
    named = field_line(following.text) if following is not None else None
    above = candidates[-1] if candidates else None
    return (named is not None and named[0] == "action") or (
        above is None or not above.record or "ref" in above.fields
    )


def _before_an_action_label(items: list[Piece]) -> set[int]:
    """The indexes of "Label: value" lines followed, through label lines only, by an
    "Action:" (or "Title:") line: a record may open with its fields ("ID: SEND-014")."""
    ahead: set[int] = set()
    leads = False
    for index in range(len(items) - 1, -1, -1):
        piece = items[index]
        line = field_line(piece.text) if piece.kind in {"line", "sentence", "item"} else None
        if index and _titles_its_fields(piece, _past_its_measures(items, index)):
            if _CARD_LABEL_RE.match(items[index - 1].text):
                ahead.add(index - 1)  # "Action A1 In progress" over its card's title
        if line is not None and line[0] == "action":
            leads = True
        elif (
            line is not None
            or _LABEL_VALUE_RE.match(piece.text)
            or piece.text.endswith(":")
            or ACTION_NUMBER_RE.match(piece.text)  # "Action 2.3" above "What: …"
        ):
            if leads:
                ahead.add(index)
        else:
            leads = False
    return ahead


_NUMBERED_ACTION_RE = re.compile(
    rf"(?i)^\s*(?:action|task)\s+(?P<ref>{ACTION_REF})\s*"
    r"[:\u2013\u2014-]\s+(?P<text>\S.{9,})$"
)


def _names_work(text: str) -> bool:
    """A title that names work to do: capitalised, and neither a status ("Complete – …")
    nor a report on something already named ("The letter has been sent", "This is …")."""
    first = text.split(" ", 1)[0]
    return (
        first[:1].isupper()
        and first.lower() not in {"the", "this", "that", "it", "we", "work", "progress"}
        and _OPENING_STATUS_RE.match(text) is None
    )


_COMMITMENT_RE = re.compile(r"^(?:[A-Z][\w'\u2019,]*(?: [\w'\u2019,]+){0,8}) will\b")
_TELLS_MORE_RE = re.compile(
    r"(?i)^(?:this|these|that|they|it|some|there (?:will be|are|is)|you (?:will|can)|at the "
    r"moment)\b"
)
"""A short sentence that tells more of the one before ("This will help us find children
early.", "Some of these places will be in special schools."), not a commitment itself."""


def _tells_more(candidate: Candidate, above: list[Candidate]) -> bool:
    """A short sentence after a "We will …" one that tells more of it ("Some of these places
    will be in special schools."): the commitment's, not one of its own."""
    return (
        candidate.piece.kind in {"line", "sentence"}
        and _TELLS_MORE_RE.match(candidate.text) is not None
        and _the_commitment_above(above, candidate.section) is not None
    )


def _the_commitment_above(candidates: list[Candidate], path: list[str]) -> Candidate | None:
    """The last "We will …" sentence among the few just above, in the same section, past
    the sentences that tell more of it ("An EHC plan should be finished in 20 weeks.")."""
    for above in reversed(candidates[-4:]):
        if above.section != path or above.piece.kind not in {"line", "sentence", "item"}:
            return None
        if _COMMITMENT_RE.match(above.text) and not _TELLS_MORE_RE.match(above.text):
            return above
    return None


def _says_of_the_one_above(
    piece: Piece, candidates: list[Candidate], path: list[str], as_at: date | None
) -> bool:
    """An easy read line that tells more of the action above it, a short sentence each:
    when it will be done ("We will do this by spring 2026."), that it has started ("This
    has started."), or how we will know it worked: the above's date, status or measure,
    not an action of its own."""
    if piece.kind not in {"line", "sentence"} or piece.marker == "heading":
        return False
    above = _the_commitment_above(candidates, path)
    if above is None:
        return False
    text = piece.text.strip()
    done_by = DONE_BY_RE.match(text)
    if done_by is not None:
        due = find_due(done_by["when"], as_at, cell=True)
        if due is None or not due.value:
            return False
        if "due" not in above.labelled:
            above.fields["due"] = due
        return True
    if STARTED_RE.match(text):
        above.fields.setdefault("status", Found("in_progress", text, 0.7))
        return True
    if WORKED_RE.match(text):
        above.measures.append(text)
        return True
    return False


def _joins_record(
    piece: Piece,
    candidates: list[Candidate],
    where: tuple[_Sections, date | None],
    leading: dict[str, str],
    place: tuple[bool, bool, bool],
) -> bool:
    """A part of the action above rather than a candidate: one of its fields ("Lead: …"),
    a measure listed under its "Measures of success:", or a field it has that we do not
    keep ("Milestone: …"). ``leading`` collects the fields a record opens with, before its
    "Action:" line. ``place``: whether this line may be one of those, and whether it
    carries on a "Notes: …" paragraph."""
    sections, as_at = where
    opens_record, in_a_field, ref_above = place
    if piece.marker == "heading":
        return False  # "Item5Health update: DCO …", a Word heading "Priority 1: …": a part
    among = in_a_field or an_empty_field(piece.text) or _PERCENT_ONLY_RE.fullmatch(piece.text)
    if among and candidates and candidates[-1].record:
        # "Notes: Running since October. Attendance …", "Due date:", a progress bar's "75%"
        return True
    lines = field_lines(piece.text) if _a_field_place(piece) else []
    lines = (_record_number(piece.text) if opens_record else None) or lines
    titled = _NUMBERED_ACTION_RE.match(piece.text) if piece.kind in {"line", "sentence"} else None
    if titled and _names_work(titled.group("text")):
        # "Action 2.1: Reorganise the team …": a record, its fields below it (not "Action
        # 3 – the letter has been sent. Complete.", progress on an earlier one)
        lines = [("action", titled.group("text")), ("ref", titled.group("ref"))]
    if not lines and (opens_record or (candidates and candidates[-1].labelled)):
        section = _section_field(piece)  # "Workstream: WS1 …" among a record's fields
        lines = [section] if section else []
    counted = lines and lines[0][0] == "status" and _COUNTED_RE.search(lines[0][1])
    if counted and piece.gap_before and not (candidates and candidates[-1].record):
        return True  # "Progress at a glance: 4 of 18 items done" below a list: its count
    if lines:
        target = candidates[-1] if candidates else None
        if opens_record and (
            leading
            or target is None
            or piece.gap_before
            or _labelled_again(target, lines[0][0], _printed_label(piece))
            or (lines[0][0] == "ref" and ref_above)  # "Ref: 15/02" above "Action: …": that one's
        ):
            leading.update(lines)  # "ID: SEND-014" above "Title: …": the next record's
            return True
        label = _printed_label(piece)
        lines, label = _action_first(lines, label)
        for role, value in lines:  # "Lead: Jo Bell  Timescale: March 2026": two fields
            _attach(candidates, role, value, piece, sections, as_at, leading, label)
            label = None  # the line's label is its first field's
        return True
    measured = _measured_above(piece, candidates)
    if measured is not None:
        measured.measures.append(piece.text)
        return True
    listed = piece.kind == "item" and piece.marker in {"bullet", "letter"}
    if listed and _names_measures(piece.lead_in or ""):
        return True  # "How we will measure this outcome:" under a heading: its indicators
    if listed and sections.path() and indicator_label(sections.path()[-1]):
        return True  # "• More families say …" under "What will tell us it is working"
    told = _KNOW_WHEN_RE.match(piece.text) and not piece.text.endswith(":")
    if told and candidates and piece.kind in {"sentence", "line"}:
        candidates[-1].measures.append(piece.text)  # "We will know this is working when …"
        return True
    if piece.text.endswith(":") and _names_measures(piece.text) and candidates:
        return True  # "Measures of success:": its list follows
    return _another_field(piece, candidates) or _a_milestone_row(piece)


_OPENING_STATUS_RE = re.compile(
    r"^(?i:not (?:yet )?started|in progress|on track|off track|complete[d]?|delayed|"
    r"behind schedule|ongoing|closed|embedded|done)(?:\s*[\u2013\u2014\-.:;,(]|\s*$)"
)


_PERCENT_ONLY_RE = re.compile(r"(?:\s*\d{1,3}(?:\.\d)?\s?%(?:\s+(?:complete|done|delivered))?)+\s*")


def _a_field_place(piece: Piece) -> bool:
    """Where a "Label: value" field of a record may stand: a line, sentence or item of its
    own, or a paragraph after the first of a table's cell ("Action: …<br>Owner: DCO")."""
    return piece.kind in {"line", "sentence", "item"} or (
        piece.kind == "row" and piece.position > 0
    )


def _action_first(
    lines: list[tuple[str, str]], label: str | None
) -> tuple[list[tuple[str, str]], str | None]:
    """A record on one line ("Ref: SG3-05 | Action: … | Owner: …"): its action first, so
    that the fields before it are its own, not the record above's."""
    if not any(role == "action" for role, _ in lines[1:]):
        return lines, label
    return sorted(lines, key=lambda field: field[0] != "action"), None


def _opens_with_status(cell: str) -> bool:
    """A notes cell whose first words are a verdict ("Delayed – mailbox late; …")."""
    return bool(_OPENING_STATUS_RE.match(cell.strip()))


def _a_milestone_row(piece: Piece) -> bool:
    """A row whose first cell says "Milestones": its items are the milestones of the
    objective above, which the table reader keeps, not actions."""
    first = piece.columns[0][1] if piece.kind == "row" and piece.columns else ""
    return len(first) < 30 and column_role(first) == "milestone"


def _a_risk_row(piece: Piece) -> bool:
    """A tracker's row typed as a risk ("Issue Type: Risk"), not work to do."""
    return (
        piece.kind == "row"
        and piece.header is not None
        and typed_as_a_risk(piece.header, {k: [v] for k, v in piece.cells.items()})
    )


def _the_documents_own(piece: Piece, titles: list[str]) -> bool:
    """The document's title as a Markdown "# …" heading, or a project tool's row for the
    whole project: above its sections, not one of them."""
    if piece.marker == "heading" and piece.indent == 1 and titles == [piece.text]:
        return True  # the only top-level heading
    return bool(piece.cells.get("summary")) and piece.cells.get("ref", "").strip() == "0"


def _printed_label(piece: Piece) -> str | None:
    """The label a "Label: value" line prints ("Update"), None for a glued one."""
    match = _LABEL_VALUE_RE.match(piece.text)
    return match.group("label").strip() if match else None


def _labelled_again(target: Candidate | None, role: str, label: str | None) -> bool:
    """A field the record above already has, under the same label: the next record's. Under
    another label it is the same record's ("Update: …" then "Status: On track")."""
    if target is None or role not in target.labelled:
        return False
    return label is None or role not in target.labels or target.labels[role] == label


def _another_field(piece: Piece, candidates: list[Candidate]) -> bool:
    """A "Label: value" line among an action's fields that names no field we keep
    ("Milestone: …", "Resources: …"): the record's, not a new candidate."""
    opens = piece.kind in {"line", "item"} or (piece.kind == "sentence" and piece.position == 0)
    label = _LABEL_VALUE_RE.match(piece.text) if opens else None
    return (
        label is not None
        and len(label.group("label").split()) <= 3
        and bool(candidates)
        and candidates[-1].record
        and not _SECTION_LABEL_RE.match(label.group("label"))
        and not opens_with_a_capitals_status(piece.text)  # "LATE: …": the next entry
        and not _TAG_LABEL_RE.fullmatch(label.group("label"))  # "WS2: …": a tagged entry
        and not _a_sibling(piece, candidates[-1].piece)
    )


_KEY_HEADING_RE = re.compile(
    r"(?i)^\s*(?:key\s+to\b|glossary\b|abbreviations\b|acronyms\b|key\s*:?\s*$|key\s+terms\b)"
)
"""A heading over a document's key or glossary: its lines explain words, they are no actions."""


_STILL_TO_COME_RE = re.compile(
    r"(?i)\b(?:will|would|shall|expect\w*|due|by|plan\w*|aim\w*|intend\w*|going to|next|"
    r"until|ongoing|continu\w*|still|now|currently|being|under ?way|remains?|slipp\w*|delay\w*|"
    r"overdue|behind|late|progress\w*|working|to be)\b"
)


def _news(candidate: Candidate, as_at: date | None) -> bool:
    """A sentence telling what happened on a date before the document's ("In March 2024
    Ofsted and the CQC inspected …", "The team became fully staffed in September 2024"),
    with no word of anything still to come: news, not work."""
    due = candidate.fields.get("due")
    return (
        as_at is not None
        and candidate.piece.kind == "sentence"
        and due is not None
        and bool(due.value)
        and due.value < as_at.isoformat()
        and due.raw.strip() in candidate.text  # its own date, not its heading's
        and "status" not in candidate.fields
        and not candidate.record
        and _STILL_TO_COME_RE.search(candidate.text) is None
    )


def _under_a_key(piece: Piece, path: list[str]) -> bool:
    """A line under a key's heading ("Key to owners" over "DCS – Director of Children's
    Services"), which explains a word, or under a meeting's list of who came ("Members
    present" over "Sunita Bhatt (SB) – Head of SEND Assessment"): not work to do."""
    if not path or piece.kind == "row":
        return False
    return _KEY_HEADING_RE.match(path[-1]) is not None or _attendance_heading(path[-1])


def _attendance_heading(title: str) -> bool:
    """A heading naming only who came or sent apologies ("Members present", "Attendees:")."""
    named = _ATTENDANCE_RE.match(title)
    return named is not None and not title[named.end() :].strip(" :.\u2013\u2014-")


def _a_sibling(piece: Piece, above: Piece) -> bool:
    """An item of the same list as the entry above, bulleted as it is ("– Sufficiency plan:
    60 places approved – …" under "– Local Offer relaunch – …"): an entry of its own."""
    return (
        piece.kind == above.kind == "item"
        and bool(piece.marker)
        and (piece.marker, piece.indent) == (above.marker, above.indent)
    )


_TAG_LABEL_RE = re.compile(WORKSTREAM_CODE)
"""A workstream's code tagging an entry ("WS2: Guide published – Lead: …"), no field's label."""


_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)]\.)\s+(?=[A-Z])")
_KNOW_WHEN_RE = re.compile(
    r"(?i)^(?:we will|we'll|you will) (?:know|see) (?:this|that|it|we|they)\b[^.]{0,40}\bwhen\b"
    r"|^(?:what )?success (?:will (?:be|look like)|looks like)\b"
)
"""A sentence after an action saying how its success will show ("We will know this is
working when 95% of …"): its measure."""


def _measured_above(piece: Piece, candidates: list[Candidate]) -> Candidate | None:
    """The action whose measures an item lists: an item under "Measures of success:" (or
    "How we will know …:", "Acceptance criteria:") after an action's record, past the
    sentences telling its background, or indented under an item of a list of actions
    ("Success looks like:" under "[>] Train all health visitors …"); None for an action."""
    if piece.kind != "item" or piece.marker not in {"bullet", "letter"} or not piece.lead_in:
        return None  # "1.3 We will …" after the measures is the next action
    if not _names_measures(piece.lead_in):
        return None
    above = candidates[-1] if candidates else None
    if above is not None and above.piece.kind == "item" and above.piece.indent < piece.indent:
        return above
    for candidate in reversed(candidates):
        if candidate.record or candidate.piece.kind != "sentence":
            return candidate if candidate.record else None
    return None


def _names_measures(lead_in: str) -> bool:
    label = field_line(lead_in.rstrip(": ") + ": -")
    return (label is not None and label[0] == "measures") or bool(
        re.match(r"(?i)how we will know", lead_in) or _KNOW_WHEN_RE.match(lead_in)
    )  # "We will know we have made a difference when:" too


HEADER_LINES = 15
"""How far down a document its header block of fields may reach."""


def _contents_list(items: list[Piece]) -> set[int]:
    """A page's or a report's contents: the list under "Contents" ("1. Theme 1: …", "7.
    Contact us") names the headings that follow; it opens no section and is no action."""
    out: set[int] = set()
    for index, piece in enumerate(items):
        if _CONTENTS_RE.match(piece.text) and piece.kind in {"line", "sentence"}:
            out.add(index)
            for after in range(index + 1, len(items)):
                if items[after].kind != "item" or len(items[after].text) > 100:
                    break
                out.add(after)
    return out


_CONTENTS_RE = re.compile(
    r"(?i)^(?:table of )?contents:?$|^on this page:?$"
    r"|^in this (?:section|plan|issue|edition|bulletin):?$"
)


def _field_block(items: list[Piece]) -> set[int]:
    """The lines of a "Field: value" block (two or more in a row, as a report's header
    block prints its programme, lead and date) near the top, before the first list or
    table: fields of the document, not headings (later such lines are an action's)."""
    first = next(
        (
            i
            for i, p in enumerate(items)
            if p.kind in {"item", "row"} or _PRINTED_REF_RE.match(p.text)  # the first action
        ),
        HEADER_LINES,
    )
    first = min(first, HEADER_LINES)
    pairs = [
        i < first and p.kind == "line" and bool(_FIELD_PAIR_RE.match(p.text))
        for i, p in enumerate(items)
    ]
    return {
        i
        for i, pair in enumerate(pairs)
        if pair
        and (
            (i > 0 and pairs[i - 1] and not items[i].gap_before)
            or (i + 1 < len(items) and pairs[i + 1] and not items[i + 1].gap_before)
        )
    }


def _section_title(text: str) -> str:
    """A heading as printed, with its number, without a bullet glyph or a closing colon."""
    return strip_bullet(clean(text)).rstrip(":").strip()


def _a_step(piece: Piece) -> bool:
    """A line of its own that opens with an imperative ("Hold drop-in sessions …"), as a list
    of next steps without bullets prints each."""
    return piece.kind == "line" and opens_with_a_verb(piece.text) and len(piece.text.split()) >= 4


def _record_number(text: str) -> list[tuple[str, str]] | None:
    """A record's number on a line of its own above its fields ("Action 2.3"), or a card's
    label with its status tag ("Action A1 In progress"): the fields it gives."""
    numbered = ACTION_NUMBER_RE.match(text)
    if numbered:
        return [("ref", numbered.group("ref"))]
    card = _CARD_LABEL_RE.match(text)
    if card and normalise_status(card["status"]):
        return [("ref", card["ref"]), ("status", card["status"])]
    return None


_CARD_LABEL_RE = re.compile(
    rf"(?i)^\s*(?:action|task)\s+(?P<ref>{ACTION_REF})\s+(?P<status>\S.{{1,30}})$"
)
"""A card's label above its title: its number and its status tag ("Action A1 In progress")."""


def _titled_after_its_label(
    candidate: Candidate, leading: dict[str, str], as_at: date | None
) -> None:
    """An action titled by its heading takes the fields its card's label gave above it."""
    if not leading or candidate.piece.marker != "heading":
        return
    for role, value in leading.items():
        if role not in candidate.fields:
            _fill(candidate, role, value, as_at)
    leading.clear()


_WE_WILL_RE = re.compile(r"(?i)^\s*we(?: will|'ll|\u2019ll)\s+(?=[a-z])")


def _titles_its_fields(
    piece: Piece, following: Piece | None, titling: set[int] | None = None
) -> bool:
    """A heading that names work to do, its fields right below it (a slide or a page per
    action: "1.1 Deliver OAP training to every SENCo" over "Lead: …", "Deadline: …"): the
    action itself, titled, not a section over actions. Once a heading of a level has so
    titled its action (``titling``, added to here), its siblings over their fields do too,
    whatever word they open with ("3.3 Speech and language therapy drop-ins …")."""
    if piece.marker != "heading" or following is None:
        return False
    named = field_line(following.text) if following.kind in {"line", "item", "sentence"} else None
    words = _WE_WILL_RE.sub("", _OPENING_NUMBER_RE.sub("", piece.text))
    words = words[:1].upper() + words[1:]  # "We will clear the backlog …": "Clear …"
    if named is None or named[0] not in {"owner", "due", "status"} or len(words.split()) < 3:
        return False
    if opens_with_a_verb(words) and len(words.split()) >= 4:
        if titling is not None:
            titling.add(piece.indent)
        return True
    return titling is not None and piece.indent in titling and not _a_plan_level(piece.text)


def _measured_card(
    items: list[Piece], index: int, candidates: list[Candidate], measuring: Candidate | None
) -> Candidate | None:
    """The action its heading has just titled, where the next heading names its measures
    ("#### What success looks like" under "### Increase supported internships …"): the
    items below are that action's measures (``measuring``, given one), not a part of the
    plan. None once the part has ended."""
    piece = items[index]
    if measuring is not None and piece.kind == "item":
        measuring.measures.append(piece.text)
        return measuring
    if not (index and candidates and piece.marker == "heading" and _names_measures(piece.text)):
        return None
    above = candidates[-1].piece
    titled = above is items[index - 1] and above.marker == "heading" and above.indent < piece.indent
    return candidates[-1] if titled else None


def _past_its_measures(items: list[Piece], index: int) -> Piece | None:
    """The piece after a heading, past a part of its own naming its measures ("#### What
    success looks like" and its list, on an action's card before its "Owner:" line)."""
    after = index + 1
    heading = items[index]
    if (
        after < len(items)
        and items[after].marker == "heading"
        and items[after].indent > heading.indent
        and _names_measures(items[after].text)
    ):
        after += 1
        while after < len(items) and items[after].kind == "item":
            after += 1
    return items[after] if after < len(items) else None


_OPENING_NUMBER_RE = re.compile(
    r"^\s*(?:[A-Z]{0,4}[-.]?\d{1,3}(?:\.\d{1,3})*[a-z]?[.:]?|#\d{1,6})\s+"
)


def _is_heading(
    piece: Piece,
    following: Piece | None,
    where: tuple[int, int],
    models: Models,
    seen: HeadingSeen | None,
) -> bool:
    """``where``: the line's index, and how many other lines share a plain heading's shape."""
    if len(piece.text) > 200 or not piece.text or piece.sentences > 1:
        return False  # a heading stands on its own line, never inside a paragraph
    if (
        piece.marker == "heading"
        or _numbered_section(piece)
        or _outline_parent(piece, following)
        or _question_heading(piece, following)
    ):
        return True
    if piece.lead_in is not None and _ACTION_LIST_RE.search(piece.lead_in):
        return False  # an item of a list of actions
    if piece.lead_in is not None and _ATTENDANCE_RE.match(piece.lead_in):
        return False  # "Mike Daly – Headteacher representative (MD)" under "Present:"
    if _agenda_item(piece, following):
        return True
    if not _not_a_field(piece.text):
        return False  # "Workstream lead: Owen Price" is a field of the document, not a heading
    if _DIARY_ENTRY_RE.match(piece.text):
        return False  # "Fri 18 July   Term ends": an event in the diary, dated to the day
    if _STATES_AS_AT_RE.match(piece.text) and read_date(piece.text).due is not None:
        return False  # "Progress as at 31 October 2025": the date of the document, not a part
    if piece.kind == "row" and (len(piece.text) > 120 or piece.cells.get("owner")):
        return False  # a row naming its lead is an action's, however short
    if _a_step(piece) and following is not None and _a_step(following):
        return False  # "Send you our next update in April" / "Hold drop-in sessions …": steps
    features = heading_features(piece, following, *where)
    if seen is not None:
        seen(features, piece.text)
    if "." in (piece.number or "") and _CLOSING_RAG_TAG_RE.search(piece.text):
        return False  # "1.5 Clear the backlog of overdue annual reviews [RED]": rated work
    if _A_RAG_ALONE_RE.fullmatch(piece.text):
        return False  # a slide's RAG circle, "A", under its workstream's title: its rating
    return models.heading.probability(features) >= HEADING_THRESHOLD


_A_RAG_ALONE_RE = re.compile(r"(?i)\s*(?:[RAGB]|red|amber|green|blue)\s*")


_DIARY_ENTRY_RE = re.compile(
    r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\S"
)


def _capitals_headings(items: list[Piece]) -> set[int]:
    """The indexes of the lines in capitals that head a document's parts, where it has
    several (one alone is its title, "KINGSMERE SEND INSPECTION – OUR COMMITMENTS")."""
    found = {index for index, piece in enumerate(items) if _a_capitals_heading(piece)}
    return found if len(found) >= 2 else set()


def _a_capitals_heading(piece: Piece) -> bool:
    """A line of its own in capitals, a few words with no full stop ("WHAT'S STILL TO DO (AND
    WHAT WE'RE KEEPING AN EYE ON)"): a heading, however long, not a status or a field."""
    text = piece.text.strip()
    words = re.findall(r"[A-Z]{2,}", text)
    numbered = piece.kind == "item" and piece.marker == "number" and len(words) >= 2
    return (
        (piece.kind == "line" or numbered)  # "4. WHAT THE SEND TEAM WILL DO THIS TERM"
        and piece.gap_before
        and text.isupper()
        and (len(words) >= 2 or (len(text) >= 5 and words == [text]))  # "ATTENDANCE"
        and _MARKING_RE.match(text) is None
        and len(text.split()) <= 15
        and not re.search(r"[.;,:]$|:\s", text)
        and normalise_status(text) is None
        and read_rag(text) is None
    )


_MARKING_RE = re.compile(
    r"^(?:OFFICIAL(?:[- ]SENSITIVE)?|(?:TOP )?SECRET|CONFIDENTIAL|RESTRICTED|DRAFT|PROTECT)$"
)
"""A government security marking or a draft's stamp printed on its own: no heading."""


def _outline_heading(piece: Piece, following: Piece | None, sections: _Sections) -> bool:
    """A project tool's summary row opens its section ("Preparing for adulthood | 1" above
    the tasks at level 2; "1.1  Timeliness" above "1.1.1  Recruit …"); a task numbered
    outside the open one ("1.3" after 1.2's tasks) leaves it. A bulleted list's parent item
    heads the deeper items ("- 1A Assessment" over "  - Recruit …"), as far as they go."""
    sections.close_list_parents(piece)
    if _a_list_parent(piece, following):
        sections.open(_section_title(piece.text), style=f"{_LIST_PARENT}{piece.indent}")
        return True
    level = _outline_level(piece, following)
    if level:
        sections.open(_section_title(piece.text), level=level)
        return True
    parent = _summary_row(piece, following)
    if parent:
        title = _section_title(piece.cells.get("action") or piece.text)
        sections.open(f"{parent} {title}", level=parent.count(".") + 1)
        return True
    if piece.kind == "row":
        sections.close_outside(piece.cells.get("ref", "").strip())
    return False


def _project_roots(items: list[Piece]) -> set[int]:
    """The rows of a project plan's table that summarise the whole plan: the one row
    numbered "0", or a top-level row ("1") whose number every other row's extends, or the
    first row every other row is deeper in the outline than, over groups of their own."""
    by_table: dict[int, list[Piece]] = {}
    for piece in items:
        if piece.kind == "row" and piece.header is not None:
            by_table.setdefault(id(piece.header), []).append(piece)
    roots: set[int] = set()
    for rows in by_table.values():
        levels = [_level(row) for row in rows]
        deeper = set(levels[1:])
        if len(rows) >= 3 and levels[0] and min(deeper) > levels[0] and len(deeper) >= 2:
            roots.add(id(rows[0]))  # over sections of its own, not one section's tasks
        refs = [row.cells.get("ref", "").strip() for row in rows]
        if len(rows) < 3 or not refs[0].isdigit():
            continue
        rest = refs[1:]
        if refs[0] == "0" or all(ref.startswith(f"{refs[0]}.") for ref in rest if ref):
            roots.add(id(rows[0]))
    return roots


def _summary_row(piece: Piece, following: Piece | None) -> str:
    """A project plan's summary row: a table row whose outline number ("1.1") the next
    row's extends ("1.1.1"), that row a task or a summary of its own (it has a date or a
    lead); its number, or "" for any other piece."""
    if piece.kind != "row" or following is None or following.kind != "row":
        return ""
    ref = piece.cells.get("ref", "").strip()
    below = following.cells.get("ref", "").strip()
    outline = r"\d{1,3}(?:\.\d{1,3}){0,4}"
    if not (
        re.fullmatch(outline, ref) and re.fullmatch(outline, below) and below.startswith(f"{ref}.")
    ):
        return ""
    return ref if following.cells.get("due") or following.cells.get("owner") else ""


_ATTENDANCE_RE = re.compile(
    r"(?i)^\s*(?:present|attendees?|attending|in attendance|members present|apologies"
    r"(?: received)?|absent|also present|distribution)\b"
)


def _leads_in(piece: Piece, following: Piece | None) -> bool:
    """ "We will also:" above its list: the list's lead-in (its items carry it), not an
    action of its own."""
    return (
        piece.text.endswith(":")
        and following is not None
        and following.kind == "item"
        and following.lead_in == piece.text
        and not _numbered_section(piece)  # "Workstream 4 – Health:" heads what follows
    )


def _question_heading(piece: Piece, following: Piece | None) -> bool:
    """ "What are we doing about waiting times?" on a line of its own, blank lines around
    it: a plan written for families heads its parts with questions."""
    return (
        piece.kind in {"line", "sentence"}
        and piece.sentences <= 1
        and piece.text.endswith("?")
        and 3 <= len(piece.text.split()) <= 14
        and piece.gap_before
        and following is not None
        and following.gap_before
    )


def _outline_parent(piece: Piece, following: Piece | None) -> bool:
    """ "2. Progress this period" right above "2.1 Assessment and planning": the parent of
    the numbered part below it, a heading whatever its words."""
    return (
        following is not None
        and bool(piece.number)
        and bool(following.number)
        and (following.number or "").startswith(f"{piece.number}.")
        and len(piece.text.split()) <= 12
        and not re.search(r"[.;]$", piece.text)
    )


def _date_style(title: str) -> str:
    """A month's heading ("September 2025") is "a date"; a term's, a quarter's or a year's
    ("AUTUMN TERM 2025") "a period", so the months under it are its parts."""
    # "SPRING TERM 2026 (January – March)": the term, whatever months its note names
    precision = read_date(_BRACKETED_NOTE_RE.sub("", title)).precision
    return "a date" if precision in (Precision.DAY, Precision.MONTH) else "a period"


_BRACKETED_NOTE_RE = re.compile(r"\([^()]*\)")


def _placed_heading(
    items: list[Piece],
    index: int,
    sections: _Sections,
    candidates: list[Candidate],
    as_at: date | None,
) -> bool:
    """Whether the line is a heading by its place, opening its section if so: a roadmap's
    month (a letter's own date heads nothing), a few words above a bulleted list, a title
    above a table's rows."""
    piece = items[index]
    following = items[index + 1] if index + 1 < len(items) else None
    title = _section_title(piece.text)
    if _dated_line(piece, following, as_at):
        later = items[index + 1 :]
        if not _the_as_at_line(piece, as_at, sections, candidates) or _months_follow(piece, later):
            sections.open_under_numbered(title, style=_date_style(title))
        return True
    if _above_a_list(piece, following):
        if not _PART_OF_A_REPORT_RE.search(piece.text) or _NAMES_ACTIONS_RE.search(piece.text):
            sibling = (
                _beside_a_listed_heading(items, index, sections)
                or _part_beside(piece, sections)
                or _looks_like_the_open_one(title, sections)
            )
            sections.open_above_a_list(title, sibling=sibling)
            return True
        sections.close_list_heading()  # "Risks and issues" after "Next steps" and its list
    if _above_a_row(piece, following):
        look = _heading_style(title)  # "Area for improvement 2: …" after "… 1: …": its sibling
        style = look if any(open_style == look for open_style, _ in sections.stack) else ""
        if _numbered_section(piece):
            sections.open_under_numbered(title, style=style or "above a row")
        elif date_heading(title):  # "Sept 2025" over its month's rows: not inside the intro's
            sections.open_under_numbered(title, style=style or _date_style(title))
        else:
            sections.open(title, style=style or "above a row")
        return True
    return False


def _dated_line(piece: Piece, following: Piece | None, as_at: date | None) -> bool:
    """A line that is only a month or a period ("March 2025", "June – July 2025", "Q3")
    with a list or prose under it: a roadmap's month heading, which dates its items."""
    return (
        piece.kind == "line"
        and piece.marker != "heading"  # a Markdown heading's level says where it goes
        and following is not None
        and following.kind in {"item", "sentence", "line"}
        and len(piece.text) <= 40
        and _dated_heading(piece.text, as_at) is not None
    )


def _months_follow(piece: Piece, later: list[Piece]) -> bool:
    """Other month headings printed alike follow ("JANUARY 2026", then "FEBRUARY 2026"): this
    is the roadmap's first month, whatever the date the document is as at."""
    return any(
        p.kind == "line"
        and p.text != piece.text
        and p.text.isupper() == piece.text.isupper()
        and _is_month_heading(p.text)
        for p in later
    ) and _is_month_heading(piece.text)


def _the_as_at_line(
    piece: Piece, as_at: date | None, sections: _Sections, candidates: list[Candidate]
) -> bool:
    """ "April 2031" under the title, before any heading or action: the date the document
    is as at, not a roadmap's month."""
    dated = _dated_heading(piece.text, as_at)
    return (
        dated is not None
        and as_at is not None
        and dated.value[:7] == as_at.isoformat()[:7]
        and not sections.path()
        and not any(c.record or c.piece.kind in {"row", "item"} for c in candidates)
    )


def _beside_a_listed_heading(items: list[Piece], index: int, sections: _Sections) -> bool:
    """The open section's heading is also a line right above a bulleted list, with nothing
    but its items between it and this one: a topic of the same list of topics ("EHC needs
    assessments and annual reviews", then "Health and the DCO"), not one it holds. A
    numbered or keyword heading ("Workstream 1 – …") holds the lists' headings below it."""
    if not sections.stack:
        return False
    style, title = sections.stack[-1]
    if re.search(r"\d", title) or style.startswith(("kw:", "md:")):
        return False  # "Workstream 1 – Assessment" holds its "Quick wins" and "Longer term"
    path = sections.path()
    for before in range(index - 1, 0, -1):
        piece = items[before]
        if piece.kind == "item" and piece.marker == "bullet":
            continue
        return (
            piece.kind == "line"
            and _section_title(piece.text) == path[-1]
            and items[before + 1].kind == "item"
            and items[before + 1].marker == "bullet"
            and before + 1 < index
        )
    return False


def _part_beside(piece: Piece, sections: _Sections) -> bool:
    """ "Next steps" after a meeting's "Quick recap": a part of the same report beside it,
    not inside it; a numbered or keyword heading ("Workstream 2 – Health") holds its own."""
    if not sections.stack or not _NAMES_ACTIONS_RE.search(piece.text):
        return False
    style, title = sections.stack[-1]
    return not (re.search(r"\d", title) or style.startswith(("kw:", "md:")))


def _looks_like_the_open_one(title: str, sections: _Sections) -> bool:
    """ "WE WILL" after "WE DID": a heading in the open one's look (its case and shape), a
    part beside it, not inside it; a numbered or keyword heading holds its own."""
    if not sections.stack:
        return False
    style, open_title = sections.stack[-1]
    return (
        style == _heading_style(title)
        and not style.startswith(("kw:", "md:"))
        and not re.search(r"\d", open_title + title)
    )


_LIST_PARENT = "list parent:"


def _a_list_parent(piece: Piece, following: Piece | None) -> bool:
    """A bulleted item of a few words over deeper items ("- 1A Assessment and planning"
    over "  - Recruit …"), naming no work itself: the heading of the items below it."""
    return (
        piece.kind == "item"
        and piece.marker == "bullet"
        and following is not None
        and following.kind == "item"
        and following.indent > piece.indent
        and 1 <= len(piece.text.split()) <= 8
        and not re.search(r"[.:;,?!]$", piece.text)
        and (piece.text[:1].isupper() or piece.text[:1].isdigit())
        and _not_a_field(piece.text)
        and _not_a_field(following.text)  # "- Recruit …" over "  - Measure: …": an action's
        and not opens_with_a_verb(piece.text)
    )


def _above_a_list(piece: Piece, following: Piece | None) -> bool:
    """A few words on a line of their own right above a bulleted list ("Quick wins",
    "Longer term"), unpunctuated: the heading of the items below, inside the open section."""
    listed = following is not None and (
        (following.kind == "item" and following.marker == "bullet")
        or (following.kind == "line" and _NAMES_ACTIONS_RE.search(piece.text) is not None)
    )  # "What happens next" over lines without bullets: a plain summary's closing steps
    return (
        listed
        and piece.kind in {"line", "item"}
        and not piece.marker
        and 1 <= len(piece.text.split()) <= 4
        and not re.search(r"[.:;,?!]$", piece.text)
        and piece.text[:1].isupper()
        and _not_a_field(piece.text)
    )


_NAMES_ACTIONS_RE = re.compile(
    r"(?i)\b(?:next steps?|actions?(?: items?| arising| agreed)?|follow[- ]?up(?: tasks)?|tasks?"
    r"|to do|what (?:we will do|happens next))\b"
)
"""A heading that names the actions below it ("Next steps", "Follow-up tasks")."""
_PART_OF_A_REPORT_RE = re.compile(
    r"(?i)\b(?:progress|update|summary|achievements?|background|introduction|risks?|issues?|"
    r"decisions?|highlights?|milestones?|next steps?|actions?|key|notes?|contents|glossary|"
    r"present|apologies|attendance|measures?|indicators?)\b"
)


def _above_a_row(piece: Piece, following: Piece | None) -> bool:
    """A short line standing right above a table's row, not a sentence nor a field:
    the heading of the rows below ("AREA B – PLACES", "Early Years and Health")."""
    return (
        following is not None
        and following.kind == "row"
        and not following.gap_before
        and not piece.blank_after
        and piece.kind == "line"
        and len(piece.text.split()) <= (20 if _numbered_section(piece) else 12)
        and not re.search(r"[.:;,]$", piece.text)
        and _not_a_field(piece.text)
    )


_STATES_AS_AT_RE = re.compile(
    r"(?i)^(?:\w+\s+){0,2}(?:as at|as of|position at|(?:last\s+)?updated(?:\s+on)?)\b\W*\S"
)


def _not_a_field(text: str) -> bool:
    """Not a "Field: value" line, unless its label names a section ("Priority 1: …")."""
    label = _LABEL_VALUE_RE.match(text)
    return label is None or bool(_SECTION_LABEL_RE.match(label.group("label")))


_ITEM_NUMBER_RE = re.compile(r"\d{1,3}[.)]?")
_MINUTES_LABEL_RE = re.compile(r"(?i)(?:^|\s)(?:minutes|discussion|summary of discussion)\s*:\s*$")
"""The label a committee system prints over an agenda item's record ("Minutes:", at the end
of the item's title and its papers' links where they run on): what
follows is what was said and resolved, not a list of deliverables."""


def _label_row(
    piece: Piece, sections: _Sections, candidates: list[Candidate], as_at: date | None
) -> bool:
    """A headerless row "label | 1. … 2. …": the label is a section (with its lead's name
    at the end), the numbered deliverables are candidates."""
    numbered = sorted((k for k in piece.cells if k[3:].isdigit()), key=lambda k: int(k[3:]))
    cells = [piece.cells[k] for k in numbered]  # "col0", "col1"; a typed "rag" cell apart
    if len(cells) == 2 and not cells[1] and len(cells[0]) <= 120:
        sections.open(trailing_name(unglue(cells[0]))[0], style="a row's label")
        return True  # a label whose row is empty: no deliverable of its own
    if len(cells) != 2 or len(cells[0]) > 120 or len(cells[1]) < len(cells[0]):
        return False
    if _LABEL_VALUE_RE.match(cells[0]) and _LABEL_VALUE_RE.match(cells[1]):
        return False  # "Meeting date: 22/09/2025 | Venue: …": fields, not a label
    if _a_report_field(cells[0], cells[1]):
        return True  # "Workstream lead | Priya Marsden, Head of Inclusion": no work in it
    label, owner = trailing_name(unglue(cells[0]))
    body = pieces(_its_lines(piece, cells[1]).replace(" | ", " "))
    if _ITEM_NUMBER_RE.fullmatch(label) and body and body[0].kind == "line":
        label = f"{label} {body[0].text}"  # minutes' "35. | SEND plan – update<br>Minutes: …"
    sections.open(label, style="a row's label")  # the rows' labels are each other's siblings
    if _read_already(body, sections.path(), candidates):
        return True  # the layout split the row into its items: its deliverables are read
    label_ref = _section_ref(label)
    minuted = next(
        (at for at, item in enumerate(body) if _MINUTES_LABEL_RE.search(item.text)), None
    )
    for at, item in enumerate(body):
        deliverable = item.kind == "item" and (minuted is None or at < minuted)
        candidate = Candidate(item, item.text, sections.path(), deliverable=deliverable)
        _closing_lead_and_rating(candidate, as_at)
        _detect(candidate, as_at)
        _closing_due_and_status(candidate, as_at)
        ref = candidate.fields.get("ref")
        if label_ref and ref is not None and _bare(ref.value):  # "1." under "A. …" is A.1
            candidate.fields["ref"] = Found(f"{label_ref}.{ref.value}", ref.raw, 0.8)
        own = candidate.fields.get("owner")
        if owner and not (own and _names_its_own_lead(item.text, own)):
            # the label's name leads every deliverable of its row, save one that names its
            # own: "(lead: Principal Educational Psychologist)", "… – Oct 2025 (Principal
            # EP – in progress)"
            candidate.fields["owner"] = Found(owner, owner, 0.8)
        candidates.append(candidate)
    return True


_CLOSING_BRACKET_RE = re.compile(r"\((?P<inside>[^()]+)\)\s*\.?\s*$")
"""A text's closing bracket: "… – Apr 2025 (Principal EP)", "By: March (complete)"."""


def _names_its_own_lead(text: str, own: Found) -> bool:
    """A deliverable's lead given in its own words: labelled ("lead: …") or in the bracket
    it closes with, after its date."""
    closing = _CLOSING_BRACKET_RE.search(text)
    return bool(re.match(r"(?i)lead\s*:", own.raw)) or (
        closing is not None
        and own.value in closing["inside"]
        and closing.start() > 0
        and read_rag(own.value) is None  # "… – in progress (Amber)": a rating, no lead
    )


_DATED_BRACKET_RE = re.compile(
    r"\s[\u2013\u2014-]\s+(?P<when>[^\u2013\u2014()]{2,30}?)\s*\((?P<inner>[^()]{2,90})\)\s*\.?\s*$"
)
_BRACKET_PART_RE = re.compile(r"\s*;\s*|\s+[\u2013\u2014-]\s+")


def _closing_lead_and_rating(candidate: Candidate, as_at: date | None) -> None:
    """A deliverable closing with its date and, in brackets, its own lead, status or RAG
    ("… – 31 Oct 2025 (Principal EP – in progress)", "… – Apr 2025 (Inclusion Support
    Service Manager; Green)", "… – Mar 2025 (G)"): those fields, taken off its words."""
    closing = _DATED_BRACKET_RE.search(candidate.text)
    due = find_due(closing["when"], as_at, cell=True) if closing else None
    if closing is None or due is None or not due.value:
        return
    told: dict[str, Found] = {"due": due}
    for part in _BRACKET_PART_RE.split(closing["inner"].strip()):
        rag, status = read_rag(part), status_of_cell(part)
        if rag and "rag" not in told:
            told["rag"] = Found(rag, part, 0.85)
        elif rag is None and status is not None and status.value and "status" not in told:
            told["status"] = Found(status.value, part, 0.85)
        elif rag is None and status is None and "owner" not in told and could_be_owner(part):
            told["owner"] = Found(part, part, 0.85)
        elif "status" in told or "rag" in told:
            continue  # "Amber – drafting behind schedule": the rating's note
        else:
            return  # a bracket of other words: not the deliverable's fields
    candidate.fields.update(told)
    candidate.text = candidate.text[: closing.start()].rstrip()


def _its_lines(piece: Piece, cell: str) -> str:
    """A label row's second cell with a line an item, where the row as printed breaks it
    ("a) … – Nov 25<br>b) …"); the cell's words as read, where it does not."""
    printed = [c for c in piece.source.split("\t") if c.strip()]
    if len(printed) != 2 or "<br>" not in printed[1]:
        return cell
    lines = [plain(line) for line in re.split(r"<br\s*/?>", printed[1])]
    if " ".join(lines).split() != cell.split():
        return cell
    return "\n".join(line for line in lines if line)


def _read_already(body: list[Piece], path: list[str], candidates: list[Candidate]) -> bool:
    """A row's deliverables are among the last candidates, under the same label: the row
    was split into one piece an item, each carrying the whole cell."""
    if not body:
        return False
    recent = candidates[-len(body) :]
    return any(c.section == path and c.piece.text == body[0].text for c in recent)


_CLOSING_DUE_RE = re.compile(
    r"(?<=[.;])\s+Due\s+(?P<due>[^.;]{2,30})[.;]?"
    r"(?:\s+(?P<status>[A-Za-z][A-Za-z -]{1,25}?))?\s*(?:\((?P<rag>[RAGB])\))?\.?\s*$"
)
"""A deliverable's closing sentences: "… portal. Due Dec 2025. Under way (A)"."""


def _closing_due_and_status(candidate: Candidate, as_at: date | None) -> None:
    """The date, status and RAG a deliverable closes with, taken off its words."""
    closing = _CLOSING_DUE_RE.search(candidate.text)
    status = closing["status"] if closing else None
    if closing is None or (status and normalise_status(status) is None):
        return
    due = find_due(closing["due"], as_at, cell=True)
    if due is not None and due.value:
        candidate.fields["due"] = due
    if status:
        candidate.fields["status"] = Found(normalise_status(status) or "", status, 0.85)
    if closing["rag"]:
        candidate.fields["rag"] = Found(read_rag(closing["rag"]) or "", closing["rag"], 0.85)
    candidate.text = candidate.text[: closing.start()].rstrip()


_FIELD_LABEL_RE = re.compile(
    r"(?i)^(?:[\w-]+\s+){0,3}(?:lead|owner|sponsor|chair|rag|rating|status)\b(?:\s*\([^()]*\))?$"
)


def _a_report_field(label: str, value: str) -> bool:
    """A report's "Label | value" row naming who leads or how it is rated ("Workstream lead
    | Priya Marsden, Head of Inclusion", "Overall RAG (this period) | A"): a field of the
    report, not a group of work."""
    return _FIELD_LABEL_RE.match(plain(label).strip()) is not None and len(value.split()) <= 8


def _attach(
    candidates: list[Candidate],
    role: str,
    value: str,
    piece: Piece,
    sections: _Sections,
    as_at: date | None,
    leading: dict[str, str],
    label: str | None = None,
) -> None:
    """A field line: an "Action" label starts a record (with the fields it opened with),
    any other fills the record above. ``label`` is the line's printed label, if known."""
    if role == "action":
        # "Action: None" / "Owner: -": an empty record, kept until the reading ends so that
        # its fields fill it, not the action above.
        empty = _EMPTY_VALUE_RE.match(value) is not None
        record = Candidate(piece, "" if empty else value, sections.path(), record=True)
        record.labelled.add("action")
        if not empty:
            _detect(record, as_at)
            for role_before, value_before in leading.items():
                _fill(record, role_before, value_before, as_at)
        candidates.append(record)
        leading.clear()
        return
    target = _the_record_of_its_paragraph(candidates, piece)
    if target is not None and value.strip() and not _a_table_row(target, piece):
        _fill(target, role, value, as_at, label)


def _the_record_of_its_paragraph(candidates: list[Candidate], piece: Piece) -> Candidate | None:
    """The candidate a field line fills: the one above, or the record the paragraph above
    opens ("Action A1 – We will … . This is now embedded. All 58 schools …" over "Lead: …"),
    whose other sentences are its narrative and no candidates of their own."""
    last = candidates[-1] if candidates else None
    if last is None or last.piece.line == piece.line:
        return last  # "R1 … – not enough EPs. Rating: Red. Owner: …": fields in its paragraph
    for at in range(len(candidates) - 1, -1, -1):
        candidate = candidates[at]
        if last is None or candidate.piece.line != last.piece.line:
            break
        if candidate.piece.kind != "sentence":
            break
        opens = candidate.record or "ref" in candidate.fields  # "Action A1 – …"
        if opens and candidate.piece.position == 0:
            del candidates[at + 1 :]
            return candidate
    return last


def _a_table_row(target: Candidate, piece: Piece) -> bool:
    """A row of a table with a header takes its fields from its cells, not from a "Lead: …"
    line below the table (the next sheet's header block)."""
    return target.piece.kind == "row" and target.piece.header is not None and piece.kind != "row"


def _section_field(piece: Piece) -> tuple[str, str] | None:
    label = _LABEL_VALUE_RE.match(piece.text)
    if label is None or column_role(label.group("label")) != "section":
        return None
    if re.search(r"\s(?:\d[\w.]*|[A-Z])$", label.group("label")):
        return None  # "Workstream A: Health services": a heading, not a field
    return "section", piece.text[label.end("label") + 1 :].strip()


_CLOSING_COLOUR_RE = re.compile(
    r"\s*\((?:(?i:b?rag|rating)\s*[:=]?\s*(?P<letter>[RAGB])|(?P<rag>(?i:red|amber|green|blue)))\)"
    r"[.\s]*$"
)
"""A RAG closing a lead's or status's line: "(Green)", "(RAG: A)"."""


def _fill(
    target: Candidate, role: str, value: str, as_at: date | None, label: str | None = None
) -> None:
    """One "Label: value" line's field on its record. Of two status lines ("Update: …",
    "Status: On track") the one named as the status is the status, the other its history."""
    if role == "measures":  # "How we will know: The wait is 18 weeks. Parents rate …": two
        target.measures.extend(
            m for item in measure_items(value) for m in _SENTENCE_END.split(item)
        )
        target.labelled.add(role)
        return
    if role == "section":
        if value.strip() and not PRIORITY_LEVEL_RE.match(value):
            target.section = [*target.section, value.strip()]  # "Workstream: WS1 …"
        return
    if role == "owner":
        value, tag = closing_status_tag(value)  # "Lead: Head of Inclusion ON TRACK"
        if tag and "status" not in target.fields:
            target.fields["status"] = Found(normalise_status(tag) or "", tag, 0.85)
        value = _without_a_closing_date(target, value, as_at)
    if role == "due":
        value = _without_a_closing_status(target, value)
    closing = _CLOSING_COLOUR_RE.search(value) if role in {"status", "owner"} else None
    if closing is not None:  # "Progress: 64 of 97 trained – on track (Green)", "… (RAG: A)"
        rag = read_rag(closing.group("rag") or closing.group("letter"))
        if rag and "rag" not in target.fields:
            target.fields["rag"] = Found(rag, closing.group(0).strip(), 0.85)
        value = value[: closing.start()]
    found = _cell_found(role, value, as_at)
    if found is None:
        return
    earlier = target.labels.get(role) if role == "status" and role in target.fields else None
    colour = rag_of_status(value) if role == "status" and "rag" not in target.fields else None
    if colour:  # "Progress: Blue – complete", "Update: … Amber – full map promised for May"
        target.fields["rag"] = Found(colour, value, 0.85)
    if earlier and label and earlier != label:
        names = [earlier, label]
        if the_status_column(names, [role, role]) == 0:
            target.status_history.append({"column": label, "value": value})
            return
        target.status_history.append({"column": earlier, "value": target.fields[role].raw})
    target.fields[role] = found
    target.labelled.add(role)
    if label:
        target.labels[role] = label
    target.record = True


def _short_closing_bracket(text: str) -> re.Match[str] | None:
    """A closing bracket short enough to hold a status or a date ("(complete)", "(w/c 23
    March)"), not a note."""
    closing = _CLOSING_BRACKET_RE.search(text)
    return closing if closing and 3 <= len(closing["inside"]) <= 30 else None


def _without_a_closing_status(target: Candidate, when: str) -> str:
    """ "By: 21 March 2025 (complete)": the status in brackets after the date is the item's;
    the date is the rest."""
    closing = _short_closing_bracket(when)
    status = normalise_status(closing["inside"]) if closing else None
    if closing is None or status is None or "status" in target.fields:
        return when
    target.fields["status"] = Found(status, closing["inside"].strip(), 0.85)
    target.labelled.add("status")
    return when[: closing.start()].rstrip()


def _without_a_closing_date(target: Candidate, owner: str, as_at: date | None) -> str:
    """ "Owner – Local Offer Coordinator (w/c 23 March)": the date in brackets after the lead
    is the item's own date, before any its heading gives; the lead is the rest."""
    closing = _short_closing_bracket(owner)
    if closing is None or "due" in target.labelled:
        return owner
    due = find_due(closing["inside"], as_at, cell=True)
    if due is None or not due.value:
        return owner  # "Head of Finance (Schools)"
    target.fields["due"] = due
    target.labelled.add("due")
    return owner[: closing.start()].rstrip()


@lru_cache(maxsize=4096)
def _cell_found(role: str, value: str, as_at: date | None) -> Found | None:
    if role == "due":
        return find_due(value, as_at, cell=True) or Found("", value, 0.9)
    if role == "status":
        found = status_of_cell(value)
        return Found(found.value, value, 0.9) if found else Found("", value, 0.7)
    if role == "rag":
        return find_rag(value, cell=True)
    if role == "owner":
        return Found(labelled_lead(value).strip(), value, 0.95)
    if role == "ref":  # "3.4 (from 14 October)": a carried-forward action keeps its ref
        return Found(re.sub(r"\s*\([^()]*\s[^()]*\)$", "", value.strip()), value, 0.9)
    if role in {"start", "partners"}:
        return Found(value.strip(), value, 0.9)
    return None


_RAG_LABEL_RE = re.compile(r"(?i)\b(?:b?rag)\s*[:=-]?\s*(red|amber|green|blue)\b")
"""A RAG given as a label among a task's labels ("RAG Amber;Workforce")."""


def _a_tool_key_beside_a_number(candidate: Candidate) -> bool:
    """A ref cell holding a tool's own key ("Hn8tY2xL…") beside a task that prints its own
    number ("1.1 Recruit …"): the number is the ref."""
    piece = candidate.piece
    key = piece.cells.get("ref", "").strip()
    return bool(_GENERATED_ID_RE.fullmatch(key)) and bool(
        piece.number or find_ref(candidate.text) is not None
    )


def _labelled_rag(cells: dict[str, str]) -> Found | None:
    """A RAG given among a task's labels, in a column no header names ("RAG Amber;
    Workforce")."""
    for key, value in cells.items():
        label = _RAG_LABEL_RE.search(value) if key.startswith("col") else None
        if label is not None:
            return Found(read_rag(label.group(1)) or "", label.group(0), 0.9)
    return None


_GENERATED_ID_RE = re.compile(r"(?=[\w-]*\d)(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{16,}")
"""An identifier a tool generated: long, of mixed letters and digits; the task's ref only
where its name prints no number of its own."""


def _detect(candidate: Candidate, as_at: date | None) -> None:
    """Fill the candidate's fields: from its row's named cells first, then from its words."""
    _cell_fields(candidate, as_at)
    _word_fields(candidate, as_at)
    _lead_then_date(candidate, as_at)


def _lead_then_date(candidate: Candidate, as_at: date | None) -> None:
    """A lead read with the date after it ("(Lead: Training Officer, Autumn term 2025)",
    "Lead: Headteacher, Linford Brook. Apr 2026"): the lead, and the date where none is."""
    owner = candidate.fields.get("owner")
    lead, when = lead_and_when(owner.value) if owner is not None else ("", None)
    due = find_due(when, as_at, cell=True) if owner is not None and when else None
    if owner is None or due is None or not due.value or not re.search(r"[A-Za-z]{2}", lead):
        return  # "65% by March 2026" is a target, not a lead and a date
    candidate.fields["owner"] = Found(lead, owner.raw, owner.confidence)
    if not _value(candidate, "due"):
        candidate.fields["due"] = due


def _cell_fields(candidate: Candidate, as_at: date | None) -> None:
    piece = candidate.piece
    cells = piece.cells
    for role in ("owner", "due", "rag", "ref", "start", "partners"):
        if role == "ref" and _a_tool_key_beside_a_number(candidate):
            continue
        if cells.get(role):
            found = _cell_found(role, cells[role], as_at)
            if found is not None:
                candidate.fields[role] = found
    labelled = _labelled_rag(cells)
    if labelled is not None and "rag" not in candidate.fields:
        candidate.fields["rag"] = labelled
    owner = candidate.fields.get("owner")
    lead, colour = closing_colour(owner.value) if owner else ("", None)
    if owner and colour and lead.strip():  # "Lead and confidence": "Head of SEND RED"
        candidate.fields["owner"] = Found(lead.strip(), owner.raw, owner.confidence)
        candidate.fields.setdefault("rag", Found(read_rag(colour) or "", colour, 0.9))
    ref = candidate.fields.get("ref")
    if ref and piece.number and piece.number.startswith(f"{ref.value}."):
        # "1.1 | 1.1.1 Roll out … 1.1.2 Introduce …": each paragraph's own number
        candidate.fields["ref"] = Found(piece.number, piece.number, 0.9)
    elif ref and piece.kind == "row" and piece.sentences > 1 and not _a_ref_each(piece):
        # One row, several actions as paragraphs: each shares the row's ref with the number
        # or letter its paragraph prints ("1. …", "a) …"), else .a, .b … (Plan JSON)
        printed = piece.marker in {"number", "letter"} and re.fullmatch(
            r"\w{1,2}", piece.number or ""
        )
        suffix = piece.number if printed else letter_suffix(piece.position)
        candidate.fields["ref"] = Found(f"{ref.value}.{suffix}", ref.raw, ref.confidence)
    statuses = _status_cells(piece)
    if statuses:
        latest = statuses[-1][1]
        found = status_of_cell(latest)
        candidate.fields["status"] = Found(
            found.value if found else "", latest, 0.9 if found else 0.7
        )
        candidate.status_history = [
            {"column": column, "value": value} for column, value in statuses[:-1]
        ]
        colour = rag_of_status(latest) if "rag" not in candidate.fields else None
        if colour:  # "Amber - in progress": the status cell rates the action
            candidate.fields["rag"] = Found(colour, latest, 0.9)
    elif piece.header is not None and _opens_with_status(cells.get("detail", "")):
        # No status column, but "Comments" opens with one: "On track – wireframes tested …"
        found = status_of_cell(cells["detail"])
        if found is not None:
            candidate.fields["status"] = Found(found.value, cells["detail"], 0.8)
    _status_in_the_date_cell(candidate)
    if _value(candidate, "status") is None and (rated := status_of_cell(cells.get("rag", ""))):
        # No status column, or one of news, but the colour cell says where the action is up
        # to: "GREEN – on track", a "Status (RAG)" column's "On track (G)"
        candidate.fields["status"] = Found(rated.value, cells["rag"], 0.8)
    if cells.get("measures"):
        candidate.measures.extend(measure_items(cells["measures"]))


_DONE_IN_RE = re.compile(
    r"(?i)^\s*(?P<word>completed?|done|achieved|delivered)\b[\s,:\u2013\u2014-]*"
    r"(?:(?:on|in)\s+)?(?P<when>\S.*\d.*)$"
)
"""A date cell saying when the work was done ("Completed December 2024", "Done – 3 March")."""


def _status_in_the_date_cell(candidate: Candidate) -> None:
    """ "Complete" in the date cell: a status, not a date (Plan JSON), where the status cell
    states none ("(G)", "Board has met four times"); "Completed December 2024": the status
    and the date it was done."""
    due = candidate.fields.get("due")
    cell = candidate.piece.cells.get("due") or (due.raw if due is not None else "")
    done = _DONE_IN_RE.match(cell) if due is not None and due.value else None
    if due is not None and done and _value(candidate, "status") is None:  # "Completed Dec 2024"
        candidate.fields["status"] = Found("complete", done["word"], 0.9)
        candidate.fields["due"] = Found(due.value, done["when"], due.confidence)
        return
    told = status_of_cell(due.raw.strip()) if due is not None and not due.value else None
    if due is None or told is None or _value(candidate, "status") is not None:
        return
    if told.value not in {"complete", "closed"}:
        return  # "Ongoing", "Termly": a timescale
    del candidate.fields["due"]
    candidate.fields["status"] = Found(told.value, due.raw.strip(), 0.85)


_HANDED_ON_RE = re.compile(
    r"\s(?:\u2192|->|=>|\u27f6)\s*(?P<who>[^,\u2192]{1,60}?)\s*(?:,\s*(?P<when>[^\u2192]{1,50}?))?\s*$"
)
"""An item handed on in notes' shorthand: "… → Jo + Priya, end of May"."""


_EARLIER_ACTION_RE = re.compile(
    r"^(?:Action|Item)\s+(?P<ref>\d{1,3}(?:\.\d{1,2})?)\s*\((?P<who>[A-Z][A-Za-z/&+ ]{0,30}?)\s*"
    r"[\u2013\u2014-]\s*(?P<what>[^()]{8,200})\):\s*(?P<update>\S.*)$"
)
"""Matters arising: "Action 3 (OC – recruit two coordinators): two posts filled; the action
remains open": the earlier action, its lead, and how it stands."""


def _an_earlier_action(candidate: Candidate) -> None:
    """An earlier action reported under matters arising: the action it names (Plan JSON:
    kept as an action), with its number and lead; what follows the colon, its status."""
    earlier = _EARLIER_ACTION_RE.match(candidate.text)
    if earlier is None:
        return
    candidate.fields["ref"] = Found(earlier["ref"], earlier["ref"], 0.9)
    candidate.fields["owner"] = Found(earlier["who"].strip(), earlier["who"], 0.9)
    status = find_status(earlier["update"]) or status_of_cell(earlier["update"].strip(" ."))
    if status is not None:
        candidate.fields["status"] = status
    candidate.labelled.add("action")
    candidate.text = earlier["what"].strip()


_DASHED_CELLS_RE = re.compile(
    r"^(?P<text>.{10,}?)\s[\u2013\u2014]\s(?P<who>[^\u2013\u2014]{2,50}?)"
    r"\s[\u2013\u2014]\s(?P<when>[^\u2013\u2014]{3,30})$"
)
_NOTE_ARROW_RE = re.compile(r"\s\u21b3\s.*$")
"""A note under an item, pasted from a chat: "↳ Marcus: missed, new date to follow"."""


def _dashed_cells(candidate: Candidate, as_at: date | None) -> None:
    """ "Parent carer conference — Thornwick PCF — Sat 25 April": an item, its lead and its
    own date, set apart by dashes as a chat's roadmap prints them; a "↳" note is no part."""
    candidate.text = _NOTE_ARROW_RE.sub("", candidate.text)
    cells = _DASHED_CELLS_RE.match(candidate.text)
    if cells is None:
        return
    when = re.sub(r"(?i)^(?:due|by)\s+", "", cells["when"])
    if re.search(r"[:()]", when) or normalise_status(when):
        return  # "Delayed: 212 at 30 June (R)": a status cell, not a date's
    due = find_due(when, as_at, cell=True) if names_a_date(when) else None
    if due is None or not due.value:
        return
    candidate.fields.setdefault("owner", Found(cells["who"].strip(), cells["who"], 0.85))
    candidate.fields["due"] = due
    candidate.labelled.add("due")  # its own date, before its month heading's
    candidate.text = cells["text"]


def _handed_on(candidate: Candidate, as_at: date | None) -> None:
    """ "Send round the vacancy → Dan, Fri 8 May": who after the arrow is the lead, what
    follows the comma the date; the item is the words before the arrow."""
    handed = _HANDED_ON_RE.search(candidate.text)
    if handed is None or handed.start() < 10:
        return
    if read_rag(handed["who"]) or normalise_status(handed["who"]):
        return  # "… in progress → AMBER": a rating, no one
    candidate.fields.setdefault("owner", Found(handed["who"].strip(), handed["who"], 0.85))
    when = handed["when"]
    due = find_due(when, as_at, cell=True) if when else None
    if due is not None and due.value:
        candidate.fields.setdefault("due", due)
    candidate.text = candidate.text[: handed.start()].rstrip(" ,;")


def _word_fields(candidate: Candidate, as_at: date | None) -> None:
    piece = candidate.piece
    fields = candidate.fields
    if piece.header is None:
        _ref_then_lead(candidate)
        closing = closing_ref(candidate.text)
        if closing is not None:  # "… for advice within 6 weeks – PEP [CLE-035]"
            candidate.text = closing[0]
            fields.setdefault("ref", closing[1])
        _closing_rag_tag(candidate)
        _lead_rated(candidate)
        candidate.text, inline = written_fields(candidate.text, as_at)
        for role, value in inline:  # "… Lead: Jo Bell  Timescale: March 2026  Status: …"
            _fill(candidate, role, value, as_at)
    else:  # a minutes' "Action points" cell: "Action: … Owner: DCO Ref: A19 Due: 13/2/25"
        _labelled_in_its_cell(candidate, as_at)
    if "ref" not in fields:
        _opening_ref(candidate)
    if piece.header is None and "status" not in fields:
        _status_tagged(candidate)
    if piece.header is None:
        _handed_on(candidate, as_at)
        _dashed_cells(candidate, as_at)
        _an_earlier_action(candidate)
        _named_first(candidate)
    text = candidate.text
    finders: dict[str, Callable[[], Found | None]] = {
        "owner": lambda: _without_article(find_owner(text)) or _lead_in(piece),
        "due": lambda: find_due(text, as_at),
        "status": lambda: find_status(text),
        "rag": lambda: find_rag(text),
    }
    for role, finder in finders.items():
        if role not in fields:
            found = finder()
            if found is not None:
                fields[role] = found
    _status_after_a_mention(text, fields)
    text = candidate.text = _without_fields_tag(text, fields)
    cut = row_cells_start(text) if piece.header is None else None
    if cut is not None and len(text[:cut].split()) >= 3:
        candidate.text = text[:cut].rstrip(" ,;")  # "… each Head of SEND March 2026 On track"
    if candidate.section:
        _heading_fields(fields, candidate.section[-1], _within(candidate.section, as_at))


_CLOSING_RAG_TAG_RE = re.compile(
    r"\s*\[(?P<rag>[RAGB]|(?i:red|amber|green|blue))\]\s*$"
    r"|(?<=\))\s+(?P<after>Red|Amber|Green|Blue)\s*$"
)
"""A colour closing an item: "[A]", or a word after its lead's bracket ("(Lead: …) Red")."""


def _closing_rag_tag(candidate: Candidate) -> None:
    """A RAG tag closing the item ("… – Feb 2026 [A]", a slide's dot beside its line) taken
    off first, so that the date or the lead before it is read whole."""
    tag = _CLOSING_RAG_TAG_RE.search(candidate.text)
    rag = read_rag(tag["rag"] or tag["after"]) if tag else None
    if tag and rag and "rag" not in candidate.fields:
        candidate.fields["rag"] = Found(rag, tag.group(0).strip(), 0.85)
        candidate.text = candidate.text[: tag.start()].rstrip()


def _labelled_in_its_cell(candidate: Candidate, as_at: date | None) -> None:
    """A cell's paragraph that labels the action and its fields ("Action: Share the offer
    Owner: Head of Therapies Ref: A17"): the action's words, and the fields its cells lack."""
    labelled = field_lines(candidate.text)
    if labelled and labelled[0][0] == "action" and labelled[0][1]:
        candidate.text, inline = labelled[0][1], labelled[1:]
    else:
        candidate.text, inline = inline_fields(candidate.text)
    for role, value in inline:
        if role not in candidate.fields:
            _fill(candidate, role, value, as_at)


def _opening_ref(candidate: Candidate) -> None:
    """The ref an item opens with ("1.1 – Clear …", "CLE-022 Publish …"), or its list
    number, taken off its words."""
    piece = candidate.piece
    ref = find_ref(candidate.text)
    if ref is not None and piece.kind == "sentence" and not _PRINTED_REF_RE.match(ref.value):
        ref = None  # "41 schools took part.": a number, not a ref
    if ref is None and piece.number and piece.marker in {"number", "letter"}:
        ref = Found(piece.number, piece.number, 0.6)
    if ref is not None:
        candidate.fields["ref"] = ref
        if candidate.text.startswith(ref.raw.strip()):
            rest = clean(candidate.text[len(ref.raw) :]).lstrip("\u2013\u2014-:; ")
            candidate.text = rest or candidate.text  # "1.1 – Clear …": not "– Clear …"


_ARTICLE_RE = re.compile(r"^(?:[Tt]he|[Oo]ur)\s+(?=[A-Z0-9])")


def _without_article(found: Found | None) -> Found | None:
    """A lead named in a sentence without its article ("… led by the Designated Clinical
    Officer", "Our SEND Manager is …"): the lead is the role or team, as a lead cell prints
    it."""
    if found is None or not _ARTICLE_RE.match(found.value):
        return found
    return Found(_ARTICLE_RE.sub("", found.value), found.raw, found.confidence)


_CELL_DASH_RE = re.compile(r"\s[\u2013\u2014]\s")
_NAMED_FIRST_RE = re.compile(
    r"^(?P<who>(?:Dr\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z]{2,4})\s+[-\u2013\u2014]\s+(?=[a-z])"
)


def _named_first(candidate: Candidate) -> None:
    """An item that opens with who does it and a dash ("Tom - confirm whether the two
    caseworkers can be extended", "JB – send the letters"), as an e-mail lists each person's
    tasks: that is its lead, and the item the words after the dash."""
    named = _NAMED_FIRST_RE.match(candidate.text)
    if named is None or candidate.piece.kind not in {"item", "line"} or "owner" in candidate.fields:
        return
    who = named["who"]
    if column_role(who) or normalise_status(who) or read_rag(who) or who in {"Note", "Done"}:
        return  # "Update - figures to follow", "RED – off track", "Done - list sent": no one
    if _CELL_DASH_RE.search(candidate.text, named.end()):
        return  # "Sunita Bhatt — recruit … — due 31 March — advert live": a row's cells
    if candidate.text[named.end() :].split(" ", 1)[0] not in ACTION_VERBS:
        return  # "Outputs – what we will be able to count": a term and its meaning
    candidate.fields.setdefault("owner", Found(who, named.group(0).strip(), 0.8))
    candidate.text = candidate.text[named.end() :]


def _lead_rated(candidate: Candidate) -> None:
    """An item closed by its lead and the lead's rating ("… Lead: Family Hubs Manager AMBER
    → 50%"): the lead, the status and the RAG, and the text without them."""
    rated = lead_rating(candidate.text)
    if not rated.owner or not rated.start:
        return
    fields = candidate.fields
    fields.setdefault("owner", Found(rated.owner, rated.owner, 0.85))
    if rated.status:
        fields.setdefault("status", Found(normalise_status(rated.status) or "", rated.status, 0.8))
    if rated.rag:
        fields.setdefault("rag", Found(rated.rag, rated.rag, 0.85))
    candidate.text = candidate.text[: rated.start].rstrip()


_OPENING_RAG_RE = re.compile(r"^[(\[](?P<rag>[RAGB]|(?i:red|amber|green|blue))[)\]]\s+(?=\S)")


_DASHED_STATUS_OPENING_RE = re.compile(
    rf"^(?:[\u2713\u2714\u2717\u2718]\s*)?(?P<status>(?i:{STATUS_WORDS_RE.pattern}|done))"
    r"(?:\s+[\u2013\u2014-]|:)\s+(?=[A-Z\"'])"
)
"""A status opening the item before a dash or a colon ("In progress – Banding consultation
…", "✓ Done: Recruit two caseworkers")."""


_CLOSING_WORD_RE = re.compile(r"\s*\[(?P<word>[A-Za-z][\w '-]{0,24})\]\s*$")
"""A word in square brackets closing the item: its RAG ("[G]") or its status ("[held]")."""
_CLOSING_CIRCLE_RE = re.compile(rf"\s*(?P<circle>[{''.join(RAG_CIRCLES)}])\ufe0f?\s*$")


def _closing_tags(candidate: Candidate) -> None:
    """Tags closing an item, in either order: a RAG or a one-word status in square brackets
    ("… to all nurseries [G]", "… – Head of SEND 🟠 [behind]"), a coloured circle; the item's
    words without them, so its lead before them is read."""
    fields = candidate.fields
    while True:
        word = _CLOSING_WORD_RE.search(candidate.text)
        circle = _CLOSING_CIRCLE_RE.search(candidate.text)
        told = word["word"] if word is not None and word.start() > 0 else ""
        colour, status = read_rag(told) if len(told) <= 6 else None, normalise_status(told)
        if word is not None and colour:
            fields.setdefault("rag", Found(colour, word.group(0).strip(), 0.85))
        elif word is not None and status:
            fields.setdefault("status", Found(status, told, 0.85))
        elif circle is not None and circle.start() > 0:
            fields.setdefault("rag", Found(RAG_CIRCLES[circle["circle"]], circle["circle"], 0.85))
            word = circle
        if word is None or not (colour or status or word is circle):
            return
        candidate.text = candidate.text[: word.start()]


def _status_tagged(candidate: Candidate) -> None:
    """A status tagged onto the item's words: closing it with its RAG ("… (on track –
    G).") or opening it in capitals ("DONE We launched …")."""
    opening = _OPENING_RAG_RE.match(candidate.text)
    colour = read_rag(opening.group("rag")) if opening else None
    if opening and colour:  # "(G) The needs assessment chapter remains on track …"
        candidate.fields.setdefault("rag", Found(colour, opening.group(0).strip(), 0.85))
        candidate.text = candidate.text[opening.end() :]
    _closing_tags(candidate)
    candidate.text, status, rag = status_tag(candidate.text)
    if status is not None and rag is not None:
        candidate.fields["status"] = status
        candidate.fields.setdefault("rag", rag)
        return
    match = CAPITALS_STATUS_OPENING_RE.match(candidate.text) or _DASHED_STATUS_OPENING_RE.match(
        candidate.text
    )
    if match is None or len(candidate.text) - match.end() < 15:
        return
    raw = match.group("status")
    value = normalise_status(raw)
    if value is not None:
        candidate.fields["status"] = Found(value, raw, 0.8)
        candidate.text = candidate.text[match.end() :]


def _within(path: list[str], as_at: date | None) -> date | None:
    """The day a month heading with no year is read from: the start of the period heading
    it sits under ("Q3 2025/26" › "October" is October 2025), else the as-at date."""
    if len(path) < 2 or re.search(r"\d{4}|'\d\d", path[-1]):
        return as_at
    period = date_heading(path[-2])
    reading = read_date(_BRACKETED_NOTE_RE.sub("", period), as_at) if period else None
    return reading.start if reading is not None and reading.start is not None else as_at


def _heading_fields(fields: dict[str, Found], heading: str, as_at: date | None) -> None:
    """What the item's heading says of it where the item does not: a month heading its
    date (a roadmap's), a status heading its status (a task board's "Done")."""
    if "due" not in fields:
        dated = _dated_heading(heading, as_at)
        if dated is not None:
            fields["due"] = dated
    if "status" not in fields:
        fields.update(_status_heading(heading))


def _status_after_a_mention(text: str, fields: dict[str, Found]) -> None:
    """ "… @Mike Hanley (due 2026-04-30) — in progress, 2 of 4 teams trained": what follows
    the lead and the date is the item's status, where it states one."""
    owner = fields.get("owner")
    if owner is None or not owner.raw.startswith("@") or owner.raw not in text:
        return
    tail = text[text.index(owner.raw) + len(owner.raw) :]
    tail = re.sub(r"^\s*\([^()]*\)", "", tail)  # "(due 2026-04-30)"
    tail = tail.strip(" \u2013\u2014-:;\u2705" + "".join(RAG_CIRCLES))
    found = status_of_cell(tail) if tail else None
    if found is not None and ("status" not in fields or fields["status"].raw in tail):
        fields["status"] = Found(found.value, found.raw, 0.8)  # the whole cell, not a word of it


def _status_heading(title: str) -> dict[str, Found]:
    """A heading that is a status ("Done", "Blocked", "Completed actions"), as a task
    board's lists are: the status of the items under it."""
    if not _STATUS_HEADING_RE.match(title):
        return {}
    value = normalise_status(re.sub(r"(?i)\s+(?:actions|items|tasks).*$", "", title))
    return {"status": Found(value, title, 0.7)} if value else {}


_STATUS_HEADING_RE = re.compile(
    rf"(?i)^(?:{STATUS_WORDS_RE.pattern}|done|to do|doing|blocked|on hold|backlog)"
    r"(?:\s+(?:actions|items|tasks))?(?:\s*\(\d+\))?:?$"
)


def _without_fields_tag(text: str, fields: dict[str, Found]) -> str:
    """ "… (owner: Rob Ince, due: 7 March)", "… @Asha Patel (due 2026-03-31) 🟠": the
    action's words without its fields."""
    tag = _FIELDS_TAG_RE.search(text)
    if tag is not None and tag.start() > 0 and ("owner" in fields or "due" in fields):
        return text[: tag.start()]
    owner = fields.get("owner")
    if owner is not None and owner.raw.startswith("@") and f" {owner.raw}" in text:
        return text[: text.index(f" {owner.raw}")]
    return text


_FIELDS_TAG_RE = re.compile(
    r"\s*\((?i:owner|lead|who|due|by when|responsible|assigned to)\s*:[^()]*\)\s*\.?$"
)
"""A closing bracket of labelled fields: they are the action's fields, not its words."""
_DASH_RE = re.compile(r"(\s+(?:[\u2013\u2014-]|--)\s+|\s*;\s+)")
"""A dash between an item's fields: an en or em dash, a hyphen, or two typed for one ("--")."""
_OWNER_PART_RE = re.compile(r"^(?:\(?[A-Z][\w'’.&-]*\)?,?|of|and|the|for|to|/|\d+)(?:\s|$)")
_UNDATED_RE = re.compile(
    r"(?i)^(?:tb[cd]|ongoing|to be confirmed|n/?a|asap|end of (?:the )?(?:\w+ )?term"
    r"|(?:the )?next (?:meeting|board))$"
)
"""A timeframe with no date to read in it: still the date part of "action – owner – when"."""


def written_fields(text: str, as_at: date | None) -> tuple[str, list[tuple[str, str]]]:
    """An action written with its fields on its line, labelled ("… Lead: Jo Bell  Due: March
    2026") or between dashes ("… – KP – end of term"): its words, and the fields' roles and
    values; the text unchanged, and no fields, where it has none."""
    words, fields = inline_fields(text)
    if not fields:
        words, fields = _bracketed_lead_then_when(text, as_at)
    return (words, fields) if fields else dash_fields(text, as_at)


_BRACKETED_LEAD_THEN_WHEN_RE = re.compile(
    r"(?P<words>\S.*?\S)\s*\((?P<lead>[^()]{2,80})\)\s+[-\u2013\u2014]\s+(?:by\s+)?"
    r"(?P<when>[^()\s][^()]{0,40}?(?:\s*\([^()]{1,30}\))?)\s*\.?"
)


def _bracketed_lead_then_when(text: str, as_at: date | None) -> tuple[str, list[tuple[str, str]]]:
    """An item closed by its lead in brackets and, after a dash, when ("… report themes to
    the Board (Ravi Chandra) – by 28 November", "… (Lisa Harker, SEND Health Co-ordinator) -
    end Nov", "… (DCO) - ongoing"): its words, lead and date; no fields where it is not so."""
    told = _BRACKETED_LEAD_THEN_WHEN_RE.fullmatch(text)
    if told is None:
        return text, []
    lead, when = told["lead"].strip(), told["when"].strip()
    if re.search(r"\s[-\u2013\u2014]\s|[\u2013\u2014;,]", when):
        return text, []  # "March 2026 – on track": more fields after the date
    plain_when = re.sub(r"\s*\([^()]*\)$", "", when)  # "Nov (dates tbc)"
    undated = _UNDATED_RE.match(plain_when) or re.match(r"(?i)tb[cd]\b|ongoing\b", plain_when)
    named = _names_a_lead(lead) or (lead[:1].isupper() and len(lead.split()) <= 12)
    if not (names_a_date(plain_when) or undated) or not named or names_a_date(lead):
        return text, []
    if status_of_cell(plain_when) is not None or re.search(r"[\u2013\u2014]\s", told["words"]):
        return text, []  # "… – M. Caldwell (Head of SEND) – CLOSED 12/10": a log's cells
    return told["words"], [("owner", lead), ("due", plain_when)]


def closing_lead_and_date(text: str, as_at: date | None) -> tuple[str, list[tuple[str, str]]]:
    """A minuted action closed by a bracket naming its lead and date ("… to all partners
    (Lucy Brennan, by 7 November 2025)"): its words and those fields; the text unchanged,
    and no fields, where it has no such bracket."""
    closing = _CLOSING_LEAD_AND_DATE_RE.search(text)
    if closing is None or closing.start() == 0:
        return text, []
    told = _lead_and_date(re.sub(r"(?i),\s*by\s+", ", ", closing["inner"]), as_at)
    return (text[: closing.start()].strip(), told) if told else (text, [])


_CLOSING_LEAD_AND_DATE_RE = re.compile(r"\s*\((?P<inner>[^()]{3,80},[^()]{3,40})\)\.?\s*$")
"""A bracket closing an item with its lead and date ("(Head of SEND Services, by 31 October
2025)")."""


def dash_fields(text: str, as_at: date | None) -> tuple[str, list[tuple[str, str]]]:
    """An item written "action – owner – date – status" ("- [1.1] Caseworkers in post –
    Dawn Reilly – end of March – on track – 2 started Monday"): the action's words (dashes of
    its own kept) and the owner, date and status after them. The date is a part that is a
    date and nothing else, the owner the part before it, named in capitals; the rest of the
    line is the status. The text unchanged, and no fields, where the line is not so."""
    split = _DASH_RE.split(text)  # parts at even places, the dashes between them at odd
    if len(split) > 3:  # "… - Lead: Jo Bell - Complete": the lead's part, as if unlabelled
        split[2::2] = [_LEAD_LABEL_RE.sub("", part) for part in split[2::2]]
    parts = split[::2]
    dashed = len(parts) == 2 and split[1].strip() in {"\u2013", "\u2014", "--"}
    if dashed and parts[0].count("(") > parts[0].count(")"):
        return text, []  # "… (Joint Commissioning Manager – Children / …)": a dash in a bracket
    mark = _STATUS_MARK_RE.search(parts[1]) if dashed else None
    tag = mark.group("mark").strip("[]()") if mark else ""
    rated = _rated(tag)
    if mark and rated and _whole_date(parts[1][: mark.start()].strip(" ."), as_at):
        # "… the guide – May 2025 [Amber]": its date, and a rating or status after it
        return parts[0].strip(), [("due", parts[1][: mark.start()].strip(" .")), (rated, tag)]
    if dashed and _whole_date(parts[1].strip(" ."), as_at):
        return parts[0].strip(), [("due", parts[1].strip(" ."))]  # "… the tracker – 31/03/2026"
    lead_and_date = _lead_and_date(parts[-1], as_at) if len(parts) == 2 else None
    if lead_and_date is not None:  # "… with the Board - Dr Fiona Ledger, 31 July 2025"
        return parts[0].strip(), lead_and_date
    if dashed:
        return _dashed_owner_or_status(parts[0].strip(), parts[1].strip()) or (text, [])
    if len(parts) < 3:
        return text, []
    lead_first = _lead_first(split, as_at)
    if lead_first is not None:
        return lead_first
    for at in range(2, len(parts)):
        when, owner = parts[at].strip(" .;"), parts[at - 1].strip()
        when = re.sub(r"(?i)^(?:by|due|target)\s+", "", when)
        marked = _lead_then_marked_date(owner, when, as_at)
        if marked:  # "… -- lead: SEND Casework Manager -- by Sept 24 [done] note: …"
            return "".join(split[: 2 * at - 3]).strip(), marked
        if not (_UNDATED_RE.match(when) or _whole_date(when, as_at)):
            continue
        if status_of_cell(when) is not None:
            continue  # "CLOSED 01/10": when it was closed, its status
        if not _names_a_lead(owner):
            return text, []
        fields = [("owner", owner), ("due", when)]
        status = "".join(split[2 * at + 2 :]).strip()
        if status:  # "… – April 2025 – B": a colour where the status would be is the RAG
            lone_colour = read_rag(status) is not None and len(status.split()) == 1
            fields.append(("rag" if lone_colour else "status", status))
        return "".join(split[: 2 * at - 3]).strip(), fields
    return _owner_then_status(split, as_at) or (text, [])


def _lead_then_marked_date(owner: str, when: str, as_at: date | None) -> list[tuple[str, str]]:
    """A lead's part, then a date with its status or RAG in square brackets after it ("SEND
    Casework Manager", "Sept 24 [done] note: …"): the fields; none where the parts are not so
    ("after each Board [in progress]" gives no date, only the status)."""
    marked = _DATE_THEN_MARK_RE.match(when)
    rated = _rated(marked["mark"]) if marked else None
    if marked is None or rated is None or not _names_a_lead(owner):
        return []
    fields = [("owner", owner), (rated, marked["mark"])]
    if _whole_date(marked["when"], as_at):
        fields.append(("due", marked["when"]))
    return fields


def _rated(mark: str) -> str | None:
    """What a mark after an item's date states: "rag" ("[Amber]"), "status" ("[done]")."""
    return "rag" if read_rag(mark) else "status" if status_of_cell(mark) else None


_DATE_THEN_MARK_RE = re.compile(r"(?P<when>[^\[\]]{3,40}?)\s*\[(?P<mark>[^\[\]]{1,30})\]")
"""A date and, in square brackets after it, the status or RAG ("Sept 24 [done]")."""


_LEAD_LABEL_RE = re.compile(r"^(?i:lead|owner|led by)\s*:\s*(?=\S)")
"""A part's label naming it the lead ("… - Lead: Marcus Hale - Complete")."""


_STATUS_MARK_RE = re.compile(
    r"\s*(?P<mark>[\u2713\u2714\u2705]|\[[^\[\]]{2,30}\]|\([a-z][^()]{1,30}\))\s*$"
)


def _dashed_owner_or_status(words: str, after: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A roadmap's item with one dash: "… — Inclusion Team ✓" (its lead, and a status mark
    after it) or "… (Lead: X) – slipped to March 2026" (its status)."""
    mark = _STATUS_MARK_RE.search(after)
    owner = after[: mark.start()] if mark else after
    if _names_a_lead(owner) and status_of_cell(owner) is None:
        fields = [("owner", owner.strip())]
        status = mark.group("mark").strip("[]()") if mark else ""
        if status and status_of_cell(status) is not None:
            fields.append(("status", status))
        return words, fields
    plain_words = re.fullmatch(r"[A-Za-z][\w ,'/-]*\.?", after) is not None
    verdict = STATUS_WORDS_RE.match(after) or re.match(r"(?i)slipped\b", after)
    bracketed = words.endswith(")") and not _FIELDS_TAG_RE.search(words)  # "(Head of SEND)"
    if plain_words and verdict and not bracketed and len(after.split()) <= 6:
        if status_of_cell(after) is not None:  # not "… – complete (Head of SEND)"
            return words, [("status", after.rstrip(" ."))]
    return None


def _lead_and_date(part: str, as_at: date | None) -> list[tuple[str, str]] | None:
    """The part after an item's last dash naming its lead and date ("Dr Fiona Ledger, 31
    July 2025", "DCO, September 2025"), or None."""
    lead, _, when = part.strip(" .").rpartition(",")
    if lead and _names_a_lead(lead) and _whole_date(when.strip(), as_at):
        return [("owner", lead.strip()), ("due", when.strip())]
    return None


def _names_a_lead(part: str) -> bool:
    """A part between dashes that names a lead: one to seven capitalised words, a bracket
    after them allowed ("Jon Amis (ICB commissioning)"), a comma too ("Assistant Director,
    Education")."""
    words = re.sub(r"\s*\([^()]*\)$", "", part).split()
    if any(names_a_date(bit) for bit in part.split(",")[:-1]):
        return False  # "Thursday 24 April, Sallow Green Hub": when and where, not who
    return 1 <= len(words) <= 7 and all(_OWNER_PART_RE.match(f"{w} ") for w in words)


_REF_THEN_LEAD_RE = re.compile(
    r"(?P<words>\S.+?)\s*\((?P<ref>[A-Z]{1,3}\d{1,3}(?:\.\d{1,3})?[a-z]?)\)"
    r"\s+[-\u2013\u2014]\s+(?P<lead>[A-Z][^().]{1,80}?)\s*(?:\.\s+(?P<rest>\S.*)|\.?)"
)


def _ref_then_lead(candidate: Candidate) -> None:
    """An action closed by its ref in brackets and its lead after a dash ("Refresh the
    toolkit by 20 March (G4) - Inclusion Team Manager."): its words, ref and lead, and its
    status where a sentence after them tells it ("Behind: 51 are still outstanding.")."""
    told = _REF_THEN_LEAD_RE.fullmatch(candidate.text)
    if told is None or not _names_a_lead(told["lead"]) or "ref" in candidate.fields:
        return
    candidate.fields["ref"] = Found(told["ref"], f"({told['ref']})", 0.8)
    candidate.fields.setdefault("owner", Found(told["lead"], told["lead"], 0.8))
    candidate.text = told["words"]
    rest = told["rest"] or ""
    verdict = OPENING_VERDICT_RE.match(rest)
    status = normalise_status(verdict["verdict"]) if verdict else None
    if verdict and status and "status" not in candidate.fields:
        candidate.fields["status"] = Found(status, verdict["verdict"], 0.8)


def _owner_then_status(
    split: list[str], as_at: date | None
) -> tuple[str, list[tuple[str, str]]] | None:
    """ "Ref 26/08 – Circulate the strategy – R. Patel (Head of Commissioning) – CLOSED
    01/10": an action log's line with no date, its owner named in capitals and the rest of
    the line its status."""
    parts = split[::2]
    for at in range(2, len(parts)):
        owner, status = parts[at - 1].strip(), "".join(split[2 * at :]).strip(" .")
        if (
            _names_a_lead(owner)
            and not _whole_date(owner, as_at)  # "… – March 2026 – on track": a date
            and status_of_cell(status) is not None
        ):
            return "".join(split[: 2 * at - 3]).strip(), [("owner", owner), ("status", status)]
    return None


def _lead_first(split: list[str], as_at: date | None) -> tuple[str, list[tuple[str, str]]] | None:
    """ "Tom Achebe — circulate the revised terms — due 3 Feb — in progress": a meeting
    tool's task, its lead first and its words in lower case after."""
    parts = split[::2]
    lead, words = parts[0].strip(), parts[1].strip()
    when = re.sub(r"(?i)^(?:by|due|target)\s+", "", parts[2].strip(" .;"))
    names = lead.split()
    if not (
        1 <= len(names) <= 5
        and all(_OWNER_PART_RE.match(f"{w} ") for w in names)
        and words[:1].islower()
        and (_UNDATED_RE.match(when) or _whole_date(when, as_at))
    ):
        return None
    fields = [("owner", lead), ("due", when)]
    status = "".join(split[6:]).strip()
    if status:
        fields.append(("status", status))
    return words, fields


def _whole_date(text: str, as_at: date | None) -> bool:
    """The text is a date and nothing more ("end of March", "14 Feb 25", "Sept")."""
    found = find_due(text, as_at, cell=True)
    return found is not None and bool(found.value) and len(found.raw) >= len(text) - 7


@lru_cache(maxsize=256)
def _dated_heading(title: str, as_at: date | None) -> Found | None:
    """A heading that is a date or a period ("May 2025", "June – July 2025", "Q3 2025/26")
    gives the items under it their due date (Plan JSON: a roadmap's month headings).
    Remembered: every candidate under a heading asks of it."""
    period = date_heading(title)  # "Quarter 1 2026/27 (April – June 2026)": its own words
    if period is not None:
        due = read_date(re.sub(r"\s*\([^()]*\)\s*:?$", "", period), as_at).due
        if due is not None:
            return Found(due.isoformat(), title, 0.7)
    found = find_due(title, as_at, cell=True)
    if found is None or not found.value:
        return None
    words = set(re.findall(r"[A-Za-z]{3,}", title.lower())) - set(
        re.findall(r"[a-z]{3,}", found.raw.lower())
    )
    if words or re.findall(r"[A-Za-z]{3,}", _DATE_WORDS_RE.sub(" ", title)):
        return None  # "SEND Delivery Plan 2025–2027": a title with its years, not a period
    return Found(found.value, title, 0.7)


_DATE_WORDS_RE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b|"
    r"\b(?:spring|summer|autumn|winter|terms?|quarters?|q[1-4]|by|the|end|of|to|and|from|"
    r"until|early|mid|late|half|year|financial|academic|week(?:s|\s+commencing)?|w/?c)\b"
)


_PRINTED_REF_RE = re.compile(r"^(?:[A-Z]{1,3}\d|\d+\.\d|[A-Z]{2,5}-\d|\d{1,3}[a-z]\b)")
"""A ref a sentence may open with ("A1 We will …", "2.3 The team …", "12a Make …"), unlike
a bare count."""


def _lead_in(piece: Piece) -> Found | None:
    owner = lead_in_owner(piece.lead_in)
    return Found(owner, piece.lead_in or "", 0.6) if owner else None


def _status_cells(piece: Piece) -> list[tuple[str, str]]:
    """Every status cell of a row, in column order (several dated update columns: the last
    filled one is the status, the others its history)."""
    header = piece.header
    if header is None:
        value = piece.cells.get("status")
        return [("Status", value)] if value else []
    repeated = {r for r in header.roles if r and header.roles.count(r) > 1}
    wanted = {"status"} | (repeated & {"rag"})
    cells = [
        (name, value)
        for (name, value), role in zip(piece.columns, header.roles, strict=False)
        if role in wanted and value
    ]
    if piece.sentences > 1:  # one line of each cell per paragraph
        cells = [(name, its_own_line(value, piece)) for name, value in cells]
    named = the_status_column(header.names, header.roles)
    if named is not None and named < len(piece.columns) and piece.columns[named][1]:
        # "Status" beside "Progress update": the status
        status = (piece.columns[named][0], its_own_line(piece.columns[named][1], piece))
        return [*(cell for cell in cells if cell != status), status]
    if len(cells) == 1 and piece.cells.get("status"):
        return [(cells[0][0], piece.cells["status"])]  # one line of the cell per paragraph
    if not cells and piece.cells.get("status"):  # a column named otherwise: a board's "List"
        return [("Status", piece.cells["status"])]
    return cells


def _no_length(piece: Piece) -> bool:
    """A row whose duration is nil ("0 days", "0d", "0 wks?"), whose type cell says
    "Milestone" beside the deliverables, or a subtask naming its "Parent task": a project
    tool's milestone."""
    if piece.cells.get("parent", "").strip():
        return True  # a task tool's subtask: a step of the action it names
    if piece.kind != "row":
        return of_no_length(piece.cells.get("duration", ""))
    return a_tools_milestone({role: [value] for role, value in piece.cells.items()})


def _as_milestone(candidate: Candidate) -> dict[str, Any]:
    due = candidate.fields.get("due")
    return {
        "section": " / ".join(_cut(t) for t in candidate.section) or None,
        "text": candidate.text,
        "due_raw": due.raw if due else None,
        "due": due.value or None if due else None,
    }


def plan_from_candidates(
    candidates: list[Candidate], *, offer_best: bool = True
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Actions (those the model passes; when none pass, the best ones marked to check),
    the section tree they name, and the near misses as ``not_actions``."""
    chosen = [c for c in candidates if c.score >= ACTION_THRESHOLD]
    if not chosen and offer_best:
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        chosen = [c for c in ranked if len(c.text.split()) >= OFFERED_WORDS][:BEST_OFFERED]
        chosen.sort(key=lambda c: candidates.index(c))
    actions = [_as_action(c) for c in chosen]
    _suffix_shared_refs(actions, chosen)
    _prefix_restarted_refs(actions)
    picked = {id(c) for c in chosen}
    misses = sorted(
        (c for c in candidates if id(c) not in picked and c.score >= 0.15 and len(c.text) > 15),
        key=lambda c: c.score,
        reverse=True,
    )[:BEST_OFFERED]
    not_actions = [
        {
            "text": c.text,
            "section": " / ".join(c.section) or None,
            "confidence": round(c.score, 2),
            "source": c.piece.source,
        }
        for c in misses
    ]
    return actions, _section_tree(chosen), not_actions


_SECTION_REF_RE = re.compile(
    r"^\s*(?:[A-Za-z]+\s+)?((?:[A-Z]{2,4}-)?[A-Z]{0,3}\d+(?:\.\d+)*|[A-Z](?=[.)]\s))\b"
    r"|^\s*[A-Za-z]+\s+([A-Z])(?=[.):]?\s)"  # "Outcome A: Children's needs …"
)


def _a_ref_each(piece: Piece) -> bool:
    """A row's ref cell holds a ref for each of its paragraphs ("1a<br>1b<br>1c" beside three
    actions): each action's own, with no letter added."""
    header = piece.header
    if header is None or "ref" not in header.roles:
        return False
    cells = piece.source.split("\t")
    at = header.roles.index("ref")
    printed = re.split(r"<br\s*/?>|</p>", cells[at]) if at < len(cells) else []
    return sum(1 for ref in printed if plain(ref).strip()) == piece.sentences


def _section_ref(title: str) -> str | None:
    """The number or letter a heading prints ("1.1 …", "Item 3 – …", "Outcome A: …")."""
    match = _SECTION_REF_RE.match(title)
    return (match.group(1) or match.group(2)) if match else None


def _suffix_shared_refs(actions: list[dict[str, Any]], chosen: list[Candidate]) -> None:
    """Two actions read from one numbered paragraph share its number with a letter, "4.a"
    and "4.b", as a row's several actions share its ref (Plan JSON)."""
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for action, candidate in zip(actions, chosen, strict=True):
        piece = candidate.piece
        if piece.kind == "sentence" and piece.number and action["ref"] == piece.number:
            groups.setdefault((piece.line, piece.number), []).append(action)
    for group in groups.values():
        if len(group) > 1:
            for index, action in enumerate(group):
                action["ref"] = f"{action['ref']}.{letter_suffix(index)}"


def _prefix_restarted_refs(actions: list[dict[str, Any]]) -> None:
    """Where numbering restarts in each section (the same "1" or "a" under two headings), a
    bare ref is prefixed with its section's: "2" under "1.1 …" is "1.1.2". A letter is
    always its numbered section's sub-item: "b" under "Item 3 – …" is "3.b" (Plan JSON)."""
    sections_of: dict[str, set[str | None]] = {}
    first_of: dict[str | None, str] = {}  # each section's first bare ref
    for action in actions:
        if _bare(action.get("ref")):
            sections_of.setdefault(action["ref"], set()).add(action.get("section"))
            first_of.setdefault(action.get("section"), action["ref"])
    repeated = any(len(sections) > 1 for sections in sections_of.values())
    # "3. Timeliness" / "a) …" and "5. Strategy" / "1. …": each of two or more numbered
    # sections' lists starts at its first number, though no number happens to repeat
    restarting = len(first_of) >= 2 and all(
        first in {"1", "a"} and section and _section_ref(section.rsplit(" / ", 1)[-1])
        for section, first in first_of.items()
    )
    counting_on = _counting_on(actions)
    for action in actions:
        lettered = re.fullmatch(r"[a-z]", action.get("ref") or "") is not None
        if not (_bare(action.get("ref")) and action.get("section")):
            continue
        if action["section"] in counting_on and not lettered:
            continue  # "A) …" 1–3, "B) …" 4–6: one list, numbered through
        if not (repeated or restarting or lettered):  # "a)" under item 4 is its "4.a"
            continue
        section_ref = _section_ref(action["section"].rsplit(" / ", 1)[-1])
        if section_ref:
            action["ref"] = f"{section_ref}.{action['ref']}"


def _counting_on(actions: list[dict[str, Any]]) -> set[str]:
    """The sections whose numbers run on from the section beside them ("A) …" 1, 2, 3 then
    "B) …" 4, 5): one list numbered through, whatever repeats it elsewhere (a reply quoting
    it)."""
    runs: list[tuple[str, list[int]]] = []
    for action in actions:
        ref, section = action.get("ref") or "", action.get("section")
        if not (ref.isdigit() and section):
            continue
        if not runs or runs[-1][0] != section:
            runs.append((section, []))
        runs[-1][1].append(int(ref))
    counting = set()
    for (before, numbers), (after, following) in zip(runs, runs[1:], strict=False):
        siblings = before.rpartition(" / ")[0] == after.rpartition(" / ")[0]
        if siblings and following[0] == numbers[-1] + 1 and min(len(numbers), len(following)) > 1:
            counting.update({before, after})
    return counting


def _bare(ref: str | None) -> bool:
    """A ref of one number or letter ("2", "b"), which a section's numbering may restart."""
    return ref is not None and (ref.isdigit() or re.fullmatch(r"[a-z]", ref) is not None)


def _value(candidate: Candidate, role: str) -> Found | None:
    found = candidate.fields.get(role)
    return found if found is not None and found.value else None


def _rated_in_words(candidate: Candidate) -> Found | None:
    """The colour a RAG cell gives with the status ("On track (G)" in a "Status (RAG)"
    column), read once the model has chosen: a colour cell's words are no sign of an action."""
    cell = candidate.piece.cells.get("rag", "")
    colour = rag_of_status(cell)
    return Found(colour, cell, 0.8) if colour else None


def _as_action(candidate: Candidate) -> dict[str, Any]:
    owner = _value(candidate, "owner")
    due = candidate.fields.get("due")
    status = candidate.fields.get("status")
    rag = _value(candidate, "rag") or _rated_in_words(candidate)
    ref = _value(candidate, "ref")
    partners = _value(candidate, "partners")
    confidence = {"action": round(candidate.score, 2)}
    for role, found in candidate.fields.items():
        confidence[role] = round(found.confidence, 2)
    action: dict[str, Any] = {
        "ref": ref.value if ref else None,
        "section": " / ".join(_cut(t) for t in candidate.section) or None,
        "text": _without_its_closing_lead(candidate.text, owner),
        "owner": owner.value if owner else None,
        "partners": [p.strip() for p in re.split(r"[/,]", partners.value) if p.strip()]
        if partners
        else [],
        "start_raw": None,
        "due_raw": due.raw if due else None,
        "due": due.value or None if due else None,
        "status_raw": status.raw if status else None,
        # a progress cell that names no status, only what is happening: in progress
        "status": (status.value or normalise_progress(status.raw)) if status else None,
        "rag": rag.value if rag else None,
        "measures": list(candidate.measures),
        "finding": None,
        "confidence": confidence,
        "source": candidate.piece.source,
    }
    if candidate.status_history:
        action["status_history"] = candidate.status_history
    return action


def _without_its_closing_lead(text: str, owner: Found | None) -> str:
    """An action's words without the bracket it closes with, where that bracket names its
    lead and date ("… to all partners (Lucy Brennan, by 7 November 2025)"): the lead and
    the date are fields of their own."""
    closing = _CLOSING_LEAD_AND_DATE_RE.search(text)
    if closing is None or owner is None or closing.start() == 0:
        return text
    return text[: closing.start()].strip() if closing["inner"].startswith(owner.value) else text


def _cut(title: str) -> str:
    """A title as a Plan JSON path carries it (cut at ``TITLE_CUT`` characters); the
    section itself keeps the whole title, and loading matches the cut part to it."""
    return title if len(title) <= TITLE_CUT else title[:TITLE_CUT]


def _section_tree(chosen: list[Candidate]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, ...], dict[str, Any]] = {}
    for candidate in chosen:
        for depth in range(1, len(candidate.section) + 1):
            key = tuple(candidate.section[:depth])
            if key in seen:
                continue
            parent = seen.get(key[:-1])
            ref_match = re.match(
                r"^\s*(?:[A-Za-z]+\s+)?([A-Z]?\d+(?:\.\d+)*|[A-Z])\b[.:)]?", key[-1]
            )
            named = keyword_heading(key[-1])  # "Priority 2: …" is a priority, not a heading
            seen[key] = {
                "ref": ref_match.group(1) if ref_match else f"s{len(seen) + 1}",
                "title": key[-1],
                "kind": named.kind if named else "heading",
                "parent_ref": parent["ref"] if parent else None,
            }
    return list(seen.values())


def _covered(texts: list[str], others: list[str]) -> float:
    """The share of ``texts`` that one of ``others`` reads as (:func:`_reads_as`)."""
    if not texts:
        return 1.0
    whole = " ".join(o.lower() for o in others)
    pool = [head_words(o) for o in others]
    hits = sum(1 for text in texts if text[:40].lower() in whole or _reads_as(text, pool))
    return hits / len(texts)


def _reads_as(text: str, pool: list[set[str]]) -> bool:
    """Most of ``text``'s first 80 characters' words are shared with one of ``pool``, or all
    of the words of one of the two are the other's (one reader cut the lead off the end)."""
    words = head_words(text)
    return any(
        len(words & other) >= 0.6 * max(len(words), len(other), 1)
        or (min(len(words), len(other)) >= 3 and (words <= other or other <= words))
        for other in pool
    )


_HEAD_WORD_RE = re.compile(r"[a-z0-9]+")


def head_words(text: str) -> set[str]:
    """The words of a text's first 80 characters, as pairing compares actions (the scorer
    pairs on them; training labels candidates by them)."""
    return set(_HEAD_WORD_RE.findall(text[:80].lower()))


def choose_reading(text: str, rules: dict[str, Any], models: Models = TRAINED) -> dict[str, Any]:
    """The plan as the table rules read it where they are confident, else as the candidate
    reader reads it.

    The rules were written for tables with a recognised header; where they found actions
    and those are most of what the model takes for actions (and the model takes most of
    them), they stand. Otherwise the candidates decide, and when none passes the model the
    best of them are offered, marked to check, so a readable document never gives nothing.
    """
    as_at = _iso(rules.get("as_at"))
    candidates = read_candidates(text, as_at, models)
    milestones = [c for c in candidates if c.milestone]
    candidates = [c for c in candidates if not c.milestone and not _a_risk_row(c.piece)]
    rules = _with_milestones(rules, milestones)
    actions, sections, not_actions = plan_from_candidates(candidates)
    rule_texts = [a["text"] for a in rules["actions"]]
    model_texts = [a["text"] for a in actions if a["confidence"]["action"] >= ACTION_THRESHOLD]
    sure = [a for a in actions if a["confidence"]["action"] >= MODEL_SURE]
    plausible = [c.text for c in candidates if c.score >= PLAUSIBLE]
    agreed = _covered(rule_texts, model_texts) if rule_texts else 0.0
    enough = len(rule_texts) >= RULES_SHARE * len(sure)
    a_corner = len(rule_texts) < MODEL_OVERRIDES <= len(model_texts) / 2
    if (
        not _spaced_table(text, candidates)
        and not _run_together(rule_texts, candidates)
        and not _wrapped_apart(text, rule_texts, candidates)
        and (
            (rule_texts and len(model_texts) < MODEL_OVERRIDES)
            or (agreed >= RULES_CONFIRMED and not a_corner and enough)
            or (
                rule_texts
                and enough
                and _a_table(candidates)
                and agreed > RULES_HALF_AGREED
                and _covered(rule_texts, plausible) >= RULES_PLAUSIBLE
            )
        )
    ):
        return _filled(rules, candidates)
    if not actions and not rule_texts:
        # Every line was taken for a heading: offer the lines themselves to check.
        flat = read_candidates(text, as_at, Models(models.action, NO_HEADINGS))
        actions, sections, not_actions = plan_from_candidates(flat)
    if not actions:
        return rules
    return {**rules, "actions": actions, "sections": sections, "not_actions": not_actions}


def _not_its_value(action: dict[str, Any], name: str, candidate: Candidate) -> bool:
    """A value the rules read that cannot be the field's: a month's item number as a ref
    ("1" under "March"), a ref other than the one the action's words open with ("1.a" for
    "1.1 Establish …"), or the action's own first words as its lead where a label names
    another ("Action: Add a prompt to the Year 9 …" / "Action By: HoS")."""
    value = str(action.get(name) or "")
    if name == "ref":
        printed = _value(candidate, "ref")
        other = printed.value if printed is not None and printed.value != value else ""
        return bool(_MONTH_ITEM_REF_RE.match(value)) or (
            bool(other) and str(action["text"]).startswith(f"{other} ")
        )
    return (
        name == "owner"
        and "owner" in candidate.labelled
        and len(value) > 12
        and str(action["text"]).startswith(value)
    )


def _with_milestones(rules: dict[str, Any], milestones: list[Candidate]) -> dict[str, Any]:
    """The rules' reading with a project tool's milestones ("0 days") among its milestones,
    not its actions, whichever reading stands."""
    if not milestones:
        return rules
    texts = {c.text for c in milestones}
    return {  # one the rules took for a milestone too is given here, with its section
        **rules,
        "actions": [a for a in rules["actions"] if a["text"] not in texts],
        "milestones": [
            *(m for m in rules["milestones"] if m["text"] not in texts),
            *(_as_milestone(c) for c in milestones),
        ],
    }


def _a_table(candidates: list[Candidate]) -> bool:
    """Whether the document has a table with a header, what the rules were written for."""
    return any(c.piece.kind == "row" and c.piece.header is not None for c in candidates)


def _run_together(rule_texts: list[str], candidates: list[Candidate]) -> bool:
    """The rules ran a cell's plain paragraphs together ("Map the pathway Publish the guide
    …", a Word cell with one paragraph per action) for a good share of their actions: the
    model's split stands. A cell's bulleted list is one action's, as the rules read it."""
    openings = [c.text.lower()[:30] for c in _paragraph_actions(candidates)]
    merged = sum(1 for r in rule_texts if sum(1 for o in openings if o in r.lower()) >= 2)
    return bool(rule_texts) and merged >= RUN_TOGETHER * len(rule_texts)


def _paragraph_actions(candidates: list[Candidate]) -> list[Candidate]:
    """The actions the model reads from a cell's plain paragraphs, one a paragraph (a
    bulleted list in a cell is one action's, as the rules read it)."""
    return [
        c
        for c in candidates
        if c.score >= ACTION_THRESHOLD
        and len(c.text) >= 20
        and c.piece.kind == "row"
        and c.piece.sentences > 1
        and "<li>" not in c.piece.cells.get("action", c.piece.source)  # not the measures'
    ]


def _its_own_paragraph(
    action: dict[str, Any], found: dict[str, Any], candidate: Candidate
) -> list[str]:
    """The lead, date, status and RAG the candidate read from its own paragraph of cells that
    hold one a paragraph, where the rules read the whole cell ("Service Manager Assistant
    Director …"): the fields to take."""
    piece = candidate.piece
    if piece.kind != "row" or piece.sentences < 2 or piece.header is None:
        return []
    if len(str(action["text"])) > 1.2 * len(candidate.text):
        return []  # the rules read the cell's paragraphs as one action: the whole cells are its
    whole = {
        role: plain(value)
        for (_, value), role in zip(piece.columns, piece.header.roles, strict=False)
        if role
    }
    fields = {
        "owner": ["owner"],
        "due": ["due_raw", "due"],
        "status": ["status_raw", "status"] + ([] if piece.cells.get("rag") else ["rag"]),
        "rag": ["rag"] if piece.cells.get("status") else ["rag", "status_raw", "status"],
    }  # "Amber: in progress" rates it where no RAG column does, "On track (G)" says its status
    taken: list[str] = []
    for role, names in fields.items():
        own = piece.cells.get(role)
        if own and whole.get(role) and own != whole[role] and found.get(names[0]):
            taken += [name for name in names if found.get(name) != action.get(name)]
    return taken


RUN_TOGETHER = 0.3


def _wrapped_apart(text: str, rule_texts: list[str], candidates: list[Candidate]) -> bool:
    """The rules took the lines a list item or a paragraph wrapped onto for items of their
    own ("Publish the strategy (Autism Lead & ICB Head of" / "Commissioning)", a newsletter's
    lines cut at 70 characters) for a good share of their actions: the layout joined them,
    and its reading stands."""
    joined = {
        clean(c.piece.source if c.piece.kind == "sentence" else c.piece.text).lower()
        for c in candidates
        if c.piece.kind in {"item", "sentence"}
    }
    lines = {clean(line).lower()[:30] for line in text.splitlines()}
    texts = [t for r in rule_texts if (t := clean(r).lower())[:30] in lines]  # whole lines
    apart = sum(1 for t in texts if any(f" {t}" in whole for whole in joined))
    return bool(rule_texts) and apart >= WRAPPED_APART * len(rule_texts)


WRAPPED_APART = 0.15


def _spaced_table(text: str, candidates: list[Candidate]) -> bool:
    """The actions are rows of a table the table rules do not read and the layout does (by
    its header): cells separated by spaces, not tabs or pipes, or one cell per line."""
    chosen = [c for c in candidates if c.score >= ACTION_THRESHOLD]
    in_rows = sum(
        1
        for c in chosen
        if c.piece.kind == "row"
        and c.piece.header is not None
        and (not re.search(r"[\t|]", c.piece.source) or c.piece.source not in text)
    )
    return bool(chosen) and in_rows >= 0.8 * len(chosen)


def _cells_ending_its_text(action: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """The lead and status the rules left in an item's text ("… appointed – Assistant
    Director, Education and Skills [DONE]") that the candidate read apart: the fields to
    take, with the candidate's words; none where the text ends otherwise."""
    text, words = str(action["text"]), str(found["text"])
    rest = text[len(words) :] if len(words) >= 12 and text.startswith(words) else ""
    owner = str(found.get("owner") or "")
    if owner and owner in rest and len(rest) <= len(owner) + 40:
        return ["owner", "status_raw", "status"] if found.get("status_raw") else ["owner"]
    when = str(found.get("due_raw") or "")
    left = _CLOSING_RAG_TAG_RE.sub("", rest.replace(when, "", 1)) if when else ""
    if rest and when in rest and not left.strip(" \u2013\u2014-,;()"):
        return ["due", "due_raw", "rag"]  # "… settings – Feb 2026 [A]": a date and a dot
    return []


def _without_filled_fields(action: dict[str, Any], filled: set[str]) -> str:
    """The rules' text without the status or the ref the candidates found opening it ("DONE
    We launched …", "1.1 Establish …"). A bracket ending it stays: it may be a lead or what
    a name stands for."""
    text = _LEADING_MARK_RE.sub("", str(action["text"])) or str(action["text"])  # "🟢 …"
    status = action.get("status_raw") if "status_raw" in filled else None
    opening = re.match(rf"{re.escape(status)}\s*[\u2013\u2014:-]?\s+", text) if status else None
    if opening and len(text) > opening.end() + 12:  # "DONE – Strategy approved …"
        text = text[opening.end() :]
    ref = str(action.get("ref") or "") if "ref" in filled else ""
    if ref and text.startswith(f"{ref} ") and len(text) > len(ref) + 12:
        text = text[len(ref) + 1 :]  # "1.1 Establish …": its ref, taken apart
    return text


def _filled(rules: dict[str, Any], candidates: list[Candidate]) -> dict[str, Any]:
    """The rules' reading with what only the candidates found: a field (the section, lead,
    status or RAG) the rules found for no action of the document, as a roadmap's month
    headings or a lead written into each sentence, which no table column announced; and a
    ref, lead, status, RAG or success measure the rules left empty for one action where a
    detector is sure of it ("[Done] …", "… – ✓", a column the rules did not read)."""
    missing = [
        name
        for name in ("section", "owner", "status_raw", "rag")
        if not any(a.get(name) for a in rules["actions"])
    ]
    if "status_raw" in missing:
        missing.append("status")
    filled = []
    matched: list[Candidate] = []
    pool = _Pool(candidates)
    twins: dict[str, list[Candidate]] = {}
    for each in candidates:
        twins.setdefault(each.text.lower(), []).append(each)
    titles = {str(s["title"]).casefold() for s in rules["sections"]}
    rules = {
        **rules,
        "actions": [
            a  # an issue tracker's epic as a row of its own: the title of its tasks' group
            for a in _rules_actions_kept(rules["actions"])
            if (a.get("section") or str(a["text"]).casefold() not in titles)
            and not _a_note_below(a, candidates)
        ],
    }
    places = [_fullest(pool.same_action(action["text"]), twins) for action in rules["actions"]]
    theirs = {a.get("section") for a in rules["actions"]}
    ours = {" / ".join(c.section) for c in places if c is not None and c.section}
    if len(theirs) == 1 and len(ours) >= 2 and "section" not in missing:
        missing.append("section")  # one heading over all the rules read; minutes' items below
    for action, candidate in zip(rules["actions"], places, strict=True):
        if candidate is None:
            filled.append(action)
            continue
        found = _as_action(candidate)
        sure = [
            name
            for name in SURE_FILLED
            if (not action.get(name) or _not_its_value(action, name, candidate))
            and found["confidence"].get(SURE_FILLED[name], 0) >= SURE_FIELD
        ]
        if found["confidence"].get("due", 0) >= SURE_FIELD and (
            not action.get("due_raw")  # "ACTION: JB to update … by 4 February."
            or _dated_by_its_heading(action, candidate)  # "(w/c 23 March)" under "SPRING TERM"
        ):
            sure += ["due", "due_raw"]
        if not action.get("section") and found["section"] and candidate.piece.header:
            sure.append("section")  # a heading row of a table the rules read without it
        elif _above_their_month(action.get("section"), found["section"]):
            sure.append("section")
        elif (found["section"] or "").startswith(f"{action.get('section')} / "):
            sure.append("section")  # "Workstream 1 / 1A Timeliness": a heading row below theirs
        if not action.get("measures") and (
            candidate.piece.cells.get("measures")
            or "measures" in candidate.labelled
            or (candidate.record and candidate.measures)  # the items under its "Measures:"
        ):
            sure.append("measures")  # a success-measure column or line the rules did not read
        sure += _its_own_paragraph(action, found, candidate)
        ending = _cells_ending_its_text(action, found)
        wanted = {*missing, *sure, *ending}
        action = {**action, **{name: found[name] for name in wanted if found.get(name)}}
        action["text"] = candidate.text if ending else _without_filled_fields(action, wanted)
        if "action" in candidate.labelled and found["text"].startswith(f"{action['text']} "):
            action["text"] = found["text"]  # "Action: … from" / "September 2025Owner: …"
        if found["section"] and "section" in {*missing, *sure}:
            matched.append(candidate)
        filled.append(action)
    filled = _with_prose_actions(filled, places, candidates)
    _prefix_restarted_refs(filled)  # "1." under two agenda items the candidates placed
    if not matched:
        return {**rules, "actions": filled}
    return {**rules, "actions": filled, "sections": _merged(rules["sections"], matched)}


_CONTACT_RE = re.compile(
    r"(?i)^(?:any\s+)?(?:questions?|contact(?:\s+us)?|enquiries|for\s+(?:more\s+)?information|"
    r"get\s+in\s+touch|e-?mail\s+us|call\s+us)\b.{0,120}?(?:@|\b0\d{3,4}\s?\d{3})"
)
"""A page's contact line ("Questions about this roadmap: send@…", "Contact us on 01632 …")."""


def _later_messages(items: list[Piece]) -> set[int]:
    """An e-mail thread's other messages, beside the one that sets its actions out: what
    that one says is the document; the rest (short replies, an auto-reply, the request it
    answers) is news of it. That one is the message listing most items (else the longest,
    else the first): a reply with the plan, or the original far down a chain whose replies
    were written into it."""
    starts = _message_starts(items)
    if len(starts) < 2:
        return set()
    ends = [*starts[1:], len(items)]

    def weight(n: int) -> tuple[int, int, int]:  # its list items, then its length
        listed = sum(1 for piece in items[starts[n] : ends[n]] if piece.kind == "item")
        return (listed, ends[n] - starts[n], -n)

    at = max(range(len(starts)), key=weight)
    return set(range(starts[0], len(items))) - set(range(starts[at], ends[at]))


_MESSAGE_HEADER_RE = re.compile(r"(?i)^subject:\s*\S")
_FROM_RE = re.compile(r"(?i)^from:\s*\S")
_SENT_RE = re.compile(r"(?i)^(?:sent|date):\s*\S")


def _message_starts(items: list[Piece]) -> list[int]:
    """Where each message of a thread begins: its "From:" line above its "Sent:" line, or
    else its "Subject:" line."""
    froms = [
        i
        for i in range(len(items) - 1)
        if _FROM_RE.match(items[i].text) and _SENT_RE.match(items[i + 1].text)
    ]
    if len(froms) >= 2:
        return froms
    return [i for i, piece in enumerate(items) if _MESSAGE_HEADER_RE.match(piece.text)]


_NEXT_MEETING_LINE_RE = re.compile(
    r"(?i)^(?:date (?:and \w+ )?of (?:the )?next|next) (?:meeting|board)(?: date)?\W*(?=[\dA-Z])"
    r"(?:mon|tue|wed|thu|fri|sat|sun|\d)"
)
"""The line giving the next meeting's date ("Next meeting3 June 2024, 10.00, Teams",
"Date of next meeting: Tuesday 10 February"): the minutes' close, no action."""


def _no_candidate(items: list[Piece], index: int, candidates: list[Candidate]) -> bool:
    """The RAG key's "Amber | Some risk …", "[x] Book the room" under its task, a note
    indented under a roadmap's item, a contact line, the next meeting's date, a reply's
    quoted line: no candidate of its own."""
    piece = items[index]
    return (
        _CONTACT_RE.match(piece.text) is not None
        or _NEXT_MEETING_LINE_RE.match(piece.text) is not None
        or piece.source.startswith("> ")  # a reply's quote of the e-mail it answers
        or _a_key_line(piece)
        or _a_tasks_checklist_step(items, index, candidates)
        or _a_note_on_the_item_above(piece, candidates)
        or _THANKS_RE.match(piece.text) is not None
        or _FILE_LINK_RE.search(piece.text) is not None
        or _an_event(piece.text)
        or _a_row_of_figures(piece)
    )


def _a_row_of_figures(piece: Piece) -> bool:
    """A row of a table of money or counts ("Mainstream top-ups | 10.6 | 11.2 | 11.9 …",
    "Travel training (WS4) | 180 | 0 | 0 | 180"): a budget line, whatever its columns are
    named ("2025/26" is a year's figure, no date it is due)."""
    if piece.kind != "row":
        return False
    others = [v for v in piece.cells.values() if v.strip() and plain(v).strip() != piece.text]
    figures = [word for value in others for word in plain(value).split()]
    return len(figures) >= 3 and all(_FIGURE_RE.fullmatch(word) for word in figures)


_FIGURE_RE = re.compile(r"\(?[£$]?-?\d[\d,]*(?:\.\d+)?(?:[kKmM]|bn|%)?\)?|[-\u2013\u2014]|n/?a")
"""A figure as a budget prints it: "10.6", "£1,200", "(22.3)", "4.5m", "38%", a dash, "n/a"."""


def _an_event(text: str) -> bool:
    """A listing of an event: a day and a time of day ("Tuesday 17 October, 6pm to 7.30pm –
    Civic Centre"), not work to do, nor a service's opening hours ("open 9am to 5pm")."""
    return (
        _CLOCK_TIME_RE.search(text) is not None
        and _EVENT_DAY_RE.search(text) is not None
        and not opens_with_a_verb(text)
    )


_THANKS_RE = re.compile(
    r"(?i)^\W*(?:(?:a\s+)?(?:(?:big|huge|special|heartfelt)\s+)?thank(?:s|\s+you)\b"
    r"|(?:i|we)\s+(?:would\s+(?:also\s+)?like\s+to\s+|also\s+)?(?:want\s+to\s+)?"
    r"(?:say\s+(?:a\s+)?(?:(?:big|huge|special)\s+)?thank\s+you|thank)\b)"
)
"""A thank-you ("Thank you to every family …", "We would like to thank …"): no work."""
_FILE_LINK_RE = re.compile(r"[(\[](?:PDF|Word|DOCX?|XLSX?|Excel)\b[^()\[\]]{0,20}[)\]]\s*$", re.I)
"""A link to a document ("Revisit letter, September 2023 (PDF, 1.2MB)"): no work."""
_CLOCK_TIME_RE = Caseless(
    r"\b\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)\b|\b\d{1,2}[.:]\d{2}\s*(?:to|-|\u2013)\s*\d{1,2}[.:]\d{2}\b"
)
"""A time of day ("6pm to 7.30pm", "10.00 to 12.30")."""
_EVENT_DAY_RE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)
"""The day an event is on ("Tuesday", "24 April")."""


def _a_note_on_the_item_above(piece: Piece, candidates: list[Candidate]) -> bool:
    """ "      – stood down by the Board on 25 Nov" under a roadmap's item: a note on it,
    indented below it and opening in lower case, no item of its own (a box of a task list
    naming its own lead and date is a sub-task: "  - [ ] pull the grades @Nadia 📅 …")."""
    above = candidates[-1].piece if candidates else None
    return (
        piece.kind == "item"
        and not (piece.checkbox and _its_own_lead_and_date(piece.text))  # a sub-task
        and piece.text[:1].islower()
        and above is not None
        and above.kind == "item"
        and piece.indent > above.indent
    )


def _its_own_lead_and_date(text: str) -> bool:
    return find_owner(text) is not None and find_due(text, None) is not None


def _a_note_below(action: dict[str, Any], candidates: list[Candidate]) -> bool:
    """A line the rules took for an action that opens in lower case, which the candidates
    read as no line of its own ("– sample of 40 agreed on 20 Nov" under a roadmap's item):
    a note on the item above, no action."""
    text = strip_bullet(str(action["text"]))
    if text.startswith("\u21b3"):
        return True  # "↳ Marcus: missed, new date to follow"
    return text[:1].islower() and not any(text[:30] in c.text for c in candidates)


_MONTH_ITEM_REF_RE = re.compile(r"m\d+\.[a-z]+$")
"""The ref the rules give an unnumbered item under a roadmap's month ("m2.a"): the
number it prints ("P1.3"), where the candidates found one, is its ref."""


def _rules_actions_kept(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rules' actions, a "How we'll know: …" line they took for one (under a timeline's
    entry) made the measure of the action above it, and a line of the marks' key ("Key: ☑
    done ☐ to do") or a count of them ("Progress at a glance: 4 of 18 done") dropped."""
    out: list[dict[str, Any]] = []
    for action in actions:
        text = str(action["text"])
        line = field_line(text)
        if line is not None and line[0] == "measures" and out:
            out[-1] = {**out[-1], "measures": [*(out[-1].get("measures") or []), line[1]]}
        elif (
            _boxes_keyed(text)
            or a_colour_legend(text)
            or _CONTACT_RE.match(strip_bullet(text)) is not None
            or (line is not None and line[0] == "status" and _COUNTED_RE.search(line[1]))
            or _NOTHING_DUE_RE.match(text)
        ):
            continue
        else:
            out.append(action)
    return out


_NOTHING_DUE_RE = re.compile(
    r"(?i)^\s*(?:no|nothing)\s+(?:new\s+)?(?:milestones?|items?|actions?|deliverables?)?\s*"
    r"(?:is\s+|are\s+)?(?:due\s+|planned\s+|scheduled\s+)?(?:for\s+|in\s+)?this\s+"
    r"(?:month|quarter|term|period)\b"
)
"""A period's line saying it has no items ("No milestones this month – …"): no action."""
_COUNTED_RE = re.compile(r"(?i)\b\d+ (?:of|out of) \d+\b")
"""A count of the plan's items ("4 of 18 roadmap items done"): no item's status."""


def _dated_by_its_heading(action: dict[str, Any], candidate: Candidate) -> bool:
    """The rules dated the action by its heading's period, the candidates by a date its own
    field line prints ("Owner – Head of SEND (30 June)", "Due: 30 June"): that is nearer."""
    heading = str(action.get("section") or "").rsplit(" / ", 1)[-1]
    return "due" in candidate.labelled and bool(heading) and action.get("due_raw") == heading


def _above_their_month(theirs: str | None, ours: str | None) -> bool:
    """The rules read a roadmap's month heading ("May 2026") and the candidates the numbered
    phase above it too ("Phase 1: Stabilise / May 2026"; not "Introduction", a heading of
    prose the months follow)."""
    if not (theirs and ours and ours.endswith(f" / {theirs}")):
        return False
    above = ours[: -len(theirs) - 3].rsplit(" / ", 1)[-1]
    return date_heading(theirs) is not None and bool(re.search(r"\d", above))


def _merged(sections: list[dict[str, Any]], matched: list[Candidate]) -> list[dict[str, Any]]:
    """The rules' sections with those the candidates added, their refs kept apart."""
    titles = {s["title"] for s in sections}
    refs = {s["ref"] for s in sections}
    renamed: dict[str, str] = {}
    out = list(sections)
    for section in _section_tree(matched):
        if section["title"] in titles:
            continue
        ref = section["ref"]
        while ref in refs:
            ref = f"{ref}'"
        renamed[section["ref"]] = ref
        parent = section["parent_ref"]
        out.append({**section, "ref": ref, "parent_ref": renamed.get(parent, parent)})
        refs.add(ref)
    return out


def _planned_next(candidate: Candidate) -> bool:
    """An item the model takes for an action under a heading for the next period's work
    ("4. Planned for next period"), outside any table: the heading says it is one."""
    title = _unnumbered(candidate.section[-1]) if candidate.section else ""
    return candidate.piece.header is None and forward_plan_heading(title)


def _with_prose_actions(
    filled: list[dict[str, Any]], places: list[Candidate | None], candidates: list[Candidate]
) -> list[dict[str, Any]]:
    """In a document of prose and lists (minutes, a summary), the rules find the "ACTION:"
    lines but not a list under "The Board agreed to:" nor "Sam Ray will …": the actions the
    model is sure of that the rules did not read are added where they stand (``places``:
    the candidate each of the rules' actions was read from, or None)."""
    passed = [c for c in candidates if c.score >= ACTION_THRESHOLD]
    rows = sum(1 for c in passed if c.piece.kind == "row")
    taken = {id(c) for c in places if c is not None}
    planned: list[Candidate] = []
    if rows > 0.1 * len(passed) or len(passed) < MODEL_OVERRIDES:
        # A table: what the rules did not take from it, they left on purpose; but a whole
        # table they did not read (a sheet with its own columns) is the model's to add, and
        # so are the items under a "Planned for next period" heading below it.
        read = {id(c.piece.header) for c in places if c is not None}
        added = [
            c
            for c in passed
            if c.piece.header is not None
            and id(c.piece.header) not in read
            and c.score >= MODEL_SURE
            and id(c) not in taken
            and (c.piece.cells.get("owner") or c.piece.cells.get("due"))  # an action's row
        ]
        planned = [c for c in passed if id(c) not in taken and _planned_next(c)]
        if len(added) < MODEL_OVERRIDES:
            added = []
        if not added and not planned:
            return filled
        candidates = [c for c in candidates if id(c) in taken or c in added or c in planned]
    order: list[tuple[int, dict[str, Any]]] = []
    at = 0
    by_id = {id(c): i for i, c in enumerate(candidates)}
    for action, candidate in zip(filled, places, strict=True):
        at = by_id[id(candidate)] if candidate is not None else at
        order.append((at, action))
    theirs = {strip_bullet(a["text"]).lower() for a in filled}
    for index, candidate in enumerate(candidates):
        if (
            (candidate.score >= MODEL_SURE or candidate in planned)
            and id(candidate) not in taken
            and strip_bullet(candidate.text).lower() not in theirs  # "☐ Agree …", read already
        ):
            order.append((index, _as_action(candidate)))
    order.sort(key=lambda pair: pair[0])
    return [action for _, action in order]


SURE_FIELD = 0.8
SURE_FILLED = {
    "ref": "ref",
    "owner": "owner",
    "status_raw": "status",
    "status": "status",
    "rag": "rag",
}
"""Fields of an action, and the detector whose confidence says whether to trust it."""


_LEADING_MARK_RE = re.compile(rf"^\s*{BOX_MARK}\s*")


def _fullest(candidate: Candidate | None, twins: dict[str, list[Candidate]]) -> Candidate | None:
    """Of the candidates with the same words (a summary table's row and the action's own
    slide or page, "Lead: …", "Deadline: …" below it), the one that says the most."""
    if candidate is None:
        return None
    same = twins.get(candidate.text.lower(), [candidate])
    return max(same, key=lambda c: (len(c.fields), c.record))


class _Pool:
    """The candidates, for finding the one that reads as a rule's action: their lower-case
    texts run together, which candidates open alike and which hold each head word, worked
    out once (a long plan pairs hundreds of actions with hundreds of candidates)."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        lowers = [c.text.lower().replace("\0", " ") for c in candidates]
        self.joined = "\0".join(lowers)
        self.starts = list(accumulate((len(lower) + 1 for lower in lowers[:-1]), initial=0))
        self.opening_alike: dict[str, list[tuple[int, str]]] = {}
        self.sizes: list[int] = []
        self.holding: dict[str, list[int]] = {}
        for at, (candidate, lower) in enumerate(zip(candidates, lowers, strict=True)):
            if len(lower) >= 20:
                self.opening_alike.setdefault(lower[:20], []).append((at, lower))
            words = head_words(candidate.text)
            self.sizes.append(len(words))
            for word in words:
                self.holding.setdefault(word, []).append(at)

    def same_action(self, text: str) -> Candidate | None:
        """The first candidate that reads as ``text`` (as :func:`_covered` pairs them): one
        holding its opening, sharing most of its head words, or that it opens with ("Sleep
        service commissioned." in "… commissioned. Owner – X")."""
        text = _LEADING_MARK_RE.sub("", text)  # "🔴 Delayed — Specialist place plan …"
        status = CAPITALS_STATUS_OPENING_RE.match(text) or _DASHED_STATUS_OPENING_RE.match(text)
        if status and (opens_with_a_capitals_status(text) or normalise_status(status["status"])):
            text = text[status.end() :]  # "NOT STARTED – Sleep service …": the item's words
        whole = text.lower().replace("\0", " ")
        words = head_words(text)
        firsts = [len(self.candidates)]
        held = self.joined.find(text[:40].lower().replace("\0", " "))
        if held >= 0 and self.candidates:
            firsts.append(bisect_right(self.starts, held) - 1)
        firsts += [
            at for at, lower in self.opening_alike.get(whole[:20], ()) if whole.startswith(lower)
        ][:1]
        shared = Counter(chain.from_iterable(self.holding.get(word, ()) for word in words))
        for at, count in shared.most_common():  # most shared first: stop below the least
            if count < 0.6 * max(len(words), 1):
                break
            if count >= 0.6 * max(len(words), self.sizes[at], 1):
                firsts.append(at)
        first = min(firsts)
        return self.candidates[first] if first < len(self.candidates) else None


def _iso(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
