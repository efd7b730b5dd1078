"""PowerPoint (.pptx) → the text form, as a person reads the slides.

Boards see plans as slides: a plan on a page of boxes side by side, a table per workstream, a
roadmap of boxes under quarter headings. Each slide is read in order: its title as a heading,
then its shapes in reading order, found by cutting the slide at the blank space between them,
columns first (a column of boxes under "Q1" is read before the next quarter's), then rows. A
shape's paragraphs become lines (bullets as "- " items at their level, automatic numbers
counted), a table's rows TAB-joined lines, a group's shapes read as one block. Footers, dates
and slide numbers are not the plan's text and are not read; nor are speaker notes, but for a
slide that shows only its title and pictures, whose words are all in its notes.

Called by ``readers.read_document`` with the archive already checked for size.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]  # untrusted XML

from .readers import (
    DocumentImportError,
    Progress,
    _Block,
    _escape,
    _format_number,
    _int,
    _render_cell,
    _render_segments,
    _shading_as_rag,
    _TextLimit,
    rag_of_fill,
)
from .rows import a_picture
from .status import normalise_status, read_rag

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_NOT_PLAN_TEXT = {"ftr", "dt", "sldNum", "hdr"}
"""Placeholders that repeat on every slide (footer, date, slide number)."""
_TITLES = {"title", "ctrTitle"}
_BULLETED = {"body", "obj"}
"""Placeholders whose paragraphs are bulleted unless they say not (the master's body style)."""
_MAX_DEPTH = 16  # groups within groups: a hostile file may nest without end
_AUTO_NUMBER_RE = re.compile(r"(arabic|alphaLc|alphaUc|romanLc|romanUc)(.*)")
_NUMBER_FORMATS = {
    "arabic": "decimal",
    "alphaLc": "lowerLetter",
    "alphaUc": "upperLetter",
    "romanLc": "lowerRoman",
    "romanUc": "upperRoman",
}


@dataclass
class _Box:
    """A shape's place on the slide and its text form's lines."""

    left: int
    top: int
    right: int
    bottom: int
    lines: list[str] = field(default_factory=list)
    rag: str | None = None
    """The RAG colour the shape is filled with ("Green"), if any."""


def read_slides(archive: zipfile.ZipFile, name: str, progress: Progress | None) -> str:
    """The slides in presentation order, separated by blank lines."""
    try:
        deck = _Deck(archive)
        paths = deck.slide_paths()
        limit = _TextLimit(name)
        out: list[str] = []
        for number, path in enumerate(paths):
            if progress:
                progress(number, len(paths))
            lines = _Slide(deck, path).lines()
            if _only_a_title_and_pictures(lines):
                lines = [*lines, "", *deck.notes(path)]
            out.extend(limit.add(line) for line in lines)
            out.append("")
        if progress:
            progress(len(paths), len(paths))
    except DocumentImportError:
        raise
    except (KeyError, ParseError, ValueError, zipfile.BadZipFile) as error:
        raise DocumentImportError(
            f"{name} is damaged: it looks like a PowerPoint presentation but cannot be opened."
        ) from error
    return "\n".join(out)


def _only_a_title_and_pictures(lines: list[str]) -> bool:
    """A slide's lines are its title (in a title placeholder or not) and the pictures it
    shows, told in words ("[Photo: the team]"), or nothing."""
    words = [line for line in lines if line.strip() and not a_picture(line)]
    titled = any(line.startswith("#") for line in words)
    return len([line for line in words if not line.startswith("#")]) <= (0 if titled else 1)


def _xml(archive: zipfile.ZipFile, path: str) -> Any:
    return fromstring(archive.read(path))


class _Deck:
    """The presentation's parts: its slides in order, and each layout's placeholders (with
    its master's), read once for all the slides that use them."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = frozenset(archive.namelist())
        self.layouts: dict[str, dict[tuple[str, str], Any]] = {}

    def relations(self, part: str) -> dict[str, str]:
        """A part's relationships: id → the target part's path in the archive."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names:
            return {}
        out: dict[str, str] = {}
        for rel in _xml(self.archive, rels).iter(f"{_REL}Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[rel.get("Id") or ""] = posixpath.normpath(path)
        return out

    def notes(self, slide: str) -> list[str]:
        """A slide's speaker notes, a line a paragraph (bullets only where the notes set
        them): read for a slide that shows nothing but its title and pictures, whose words
        the presenter says from the notes."""
        path = next((t for t in self.relations(slide).values() if "notesSlides/" in t), None)
        if path is None or path not in self.names:
            return []
        notes = _Slide(self, path)
        return [
            line
            for shape in notes.root.iter(f"{_P}sp")
            if (_placeholder(shape) is not None and _placeholder(shape).get("type") == "body")
            for body in shape.findall(f"{_P}txBody")
            for line in notes._text_lines(body, None)
        ]

    def slide_paths(self) -> list[str]:
        presentation = "ppt/presentation.xml"
        relations = self.relations(presentation)
        ids = _xml(self.archive, presentation).iter(f"{_P}sldId")
        return [relations[i] for i in (s.get(f"{_R}id") for s in ids) if i in relations]

    def placeholders(self, slide: str) -> dict[tuple[str, str], Any]:
        """The placeholders of the slide's layout, then of its master, by type and by index,
        which give a slide's placeholder its place and its bullets when the slide does not."""
        layout = next(
            (t for t in self.relations(slide).values() if "slideLayouts/" in t and t in self.names),
            None,
        )
        if layout is None:
            return {}
        if layout not in self.layouts:
            found: dict[tuple[str, str], Any] = {}
            masters = [m for m in self.relations(layout).values() if "slideMasters/" in m]
            for part in [layout, *(m for m in masters if m in self.names)]:
                _placeholders_of(_xml(self.archive, part), found)
            self.layouts[layout] = found
        return self.layouts[layout]


def _placeholders_of(root: Any, found: dict[tuple[str, str], Any]) -> None:
    for shape in root.iter(f"{_P}sp"):
        ph = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is None:
            continue
        found.setdefault(("type", ph.get("type") or "obj"), shape)
        if ph.get("idx"):
            found.setdefault(("idx", ph.get("idx") or ""), shape)


class _Slide:
    """One slide: its shapes, placed where the slide or its layout puts them."""

    def __init__(self, deck: _Deck, path: str) -> None:
        self.root = _xml(deck.archive, path)
        self.layout = deck.placeholders(path)

    def lines(self) -> list[str]:
        tree = self.root.find(f"{_P}cSld/{_P}spTree")
        if tree is None:
            return []
        titles: list[str] = []
        shapes: list[_Box] = []
        for shape in _children(tree):
            ph = _placeholder(shape)
            kind = (ph.get("type") or "obj") if ph is not None else ""
            if kind in _NOT_PLAN_TEXT:
                continue
            box = self._box(shape, ph, 0)
            if box is None:
                continue
            if kind in _TITLES and box.lines:
                text = " ".join(line.lstrip("- ") for line in box.lines)
                titles.append(("# " if kind == "ctrTitle" else "## ") + text)
            else:
                shapes.append(box)
        boxes = _with_dots(shapes)
        out = list(titles)
        ordered = _paired_lists(_reading_order(boxes))
        listed = _like_boxes(ordered)
        for i, box in enumerate(ordered):
            out.extend(
                ["", *(f"- {line}" for line in box.lines)] if i in listed else ["", *box.lines]
            )
        return out

    def _box(self, shape: Any, ph: Any, depth: int) -> _Box | None:
        tag = shape.tag
        place = self._place(shape, ph)
        if place is None:
            return None
        box = _Box(*place)
        if tag == f"{_P}sp":
            body = shape.find(f"{_P}txBody")
            if body is not None:
                box.lines = list(self._text_lines(body, ph))
            box.rag = _filled_rag(shape.find(f"{_P}spPr"))
        elif tag == f"{_P}graphicFrame":
            table = shape.find(f"{_A}graphic/{_A}graphicData/{_A}tbl")
            if table is not None:
                box.lines = list(_table_lines(table))
        elif tag == f"{_P}grpSp" and depth < _MAX_DEPTH:
            inner = [self._box(child, _placeholder(child), depth + 1) for child in _children(shape)]
            parts = _reading_order(_with_dots([b for b in inner if b is not None]))
            box.lines = _numbered_by_its_tag(parts)
        return box

    def _place(self, shape: Any, ph: Any) -> tuple[int, int, int, int] | None:
        own = (f"{_P}spPr/{_A}xfrm", f"{_P}xfrm", f"{_P}grpSpPr/{_A}xfrm")  # shape, frame, group
        xfrm = next((x for x in map(shape.find, own) if x is not None), None)
        if xfrm is None and ph is not None:
            inherited = self.layout.get(("idx", ph.get("idx") or "")) or self.layout.get(
                ("type", ph.get("type") or "obj")
            )
            if inherited is not None:
                xfrm = inherited.find(f"{_P}spPr/{_A}xfrm")
        if xfrm is None:
            return (0, 0, 0, 0) if ph is not None else None
        off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
        if off is None or ext is None:
            return (0, 0, 0, 0)
        x, y = _emu(off.get("x")), _emu(off.get("y"))
        return x, y, x + _emu(ext.get("cx")), y + _emu(ext.get("cy"))

    def _text_lines(self, body: Any, ph: Any) -> Iterator[str]:
        """A text body's paragraphs: bullets as "- " items indented by level, automatic
        numbers counted per level, line breaks kept as lines."""
        bulleted = ph is not None and (ph.get("type") or "obj") in _BULLETED
        counters: dict[int, int] = {}
        for paragraph in body.iter(f"{_A}p"):
            props = paragraph.find(f"{_A}pPr")
            level = _int(props.get("lvl") if props is not None else None, 0, high=8)
            texts = _paragraph_texts(paragraph)
            if not any(t.strip() for t in texts):
                continue
            marker = self._marker(props, ph, level, bulleted)
            for deeper in [k for k in counters if k > level]:
                del counters[deeper]
            label = ""
            if marker.startswith("auto:"):
                scheme = marker[5:]
                counters[level] = counters.get(level, 0) + 1
                label = _auto_number(scheme, counters[level]) + " "
            else:
                counters.pop(level, None)
            first = True
            for text in texts:
                text = _escape(re.sub(r"\s+", " ", text).strip())
                if not text:
                    continue
                if first and marker == "bullet":
                    text = "  " * level + "- " + text
                elif first and label:
                    text = label + text
                first = False
                yield text

    def _marker(self, props: Any, ph: Any, level: int, bulleted: bool) -> str:
        """ "bullet", "auto:<scheme>" or "" for a paragraph, from its own properties, else
        its placeholder's list style in the layout, else the master's body style."""
        found = _bullet_of(props)
        if found is None and ph is not None:
            inherited = self.layout.get(("idx", ph.get("idx") or ""))
            if inherited is not None:
                style = inherited.find(f"{_P}txBody/{_A}lstStyle/{_A}lvl{level + 1}pPr")
                found = _bullet_of(style)
        if found is None:
            return "bullet" if bulleted else ""
        return found


def _bullet_of(props: Any) -> str | None:
    if props is None:
        return None
    if props.find(f"{_A}buNone") is not None:
        return ""
    auto = props.find(f"{_A}buAutoNum")
    if auto is not None:
        start = _int(auto.get("startAt"), 1, 1)
        return f"auto:{auto.get('type') or 'arabicPeriod'}:{start}"
    if props.find(f"{_A}buChar") is not None:
        return "bullet"
    return None


def _auto_number(scheme: str, count: int) -> str:
    kind, _, start = scheme.partition(":")
    match = _AUTO_NUMBER_RE.match(kind)
    if not match:
        return f"{count}."
    number = _format_number(count - 1 + _int(start, 1, 1), _NUMBER_FORMATS[match.group(1)])
    ending = match.group(2)
    if ending == "ParenBoth":
        return f"({number})"
    return number + {"ParenR": ")", "Period": ".", "Minus": " -"}.get(ending, "")


def _paragraph_texts(paragraph: Any) -> list[str]:
    """A paragraph's text, split where it has line breaks."""
    texts = [""]
    for node in paragraph:
        if node.tag in {f"{_A}r", f"{_A}fld"}:
            texts[-1] += "".join(t.text or "" for t in node.iter(f"{_A}t"))
        elif node.tag == f"{_A}br":
            texts.append("")
    return texts


def _table_lines(table: Any) -> Iterator[str]:
    """A table's rows TAB-joined, a merged cell's text once, a cell's RAG fill read."""
    rows: list[tuple[list[str], list[str | None]]] = []
    for tr in table.iter(f"{_A}tr"):
        cells: list[str] = []
        fills: list[str | None] = []
        for tc in tr.findall(f"{_A}tc"):
            merged = tc.get("hMerge") in {"1", "true"} or tc.get("vMerge") in {"1", "true"}
            cells.append("" if merged else _render_cell(_cell_blocks(tc)))
            fills.append(_filled_rag(tc.find(f"{_A}tcPr")))
        rows.append((cells, fills))
    for cells in _shading_as_rag(rows):
        if any(cells):
            yield "\t".join(cells)


def _cell_blocks(tc: Any) -> Iterator[_Block]:
    for paragraph in tc.iter(f"{_A}p"):
        props = paragraph.find(f"{_A}pPr")
        marker = _bullet_of(props) or ""
        level = _int(props.get("lvl") if props is not None else None, 0, high=8)
        for text in _paragraph_texts(paragraph):
            segments = [(text, _bold_paragraph(paragraph))]
            if _render_segments(segments):
                yield _Block("li" if marker else "p", level + 1, segments)


def _bold_paragraph(paragraph: Any) -> bool:
    """Every run with words in it bold: the paragraph is bold."""
    runs = [
        r
        for r in paragraph.findall(f"{_A}r")
        if "".join(t.text or "" for t in r.iter(f"{_A}t")).strip()
    ]
    return bool(runs) and all(_bold_run(r.find(f"{_A}rPr")) for r in runs)


def _bold_run(props: Any) -> bool:
    return props is not None and props.get("b") in {"1", "true"}


def _filled_rag(props: Any) -> str | None:
    """The RAG colour a shape's or a cell's solid fill shows ("Green"), if any."""
    fill = props.find(f"{_A}solidFill/{_A}srgbClr") if props is not None else None
    return rag_of_fill(fill.get("val")) if fill is not None else None


def _children(tree: Any) -> Iterator[Any]:
    """The shapes in a shape tree, through Office's compatibility wrappers."""
    for child in tree:
        if child.tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                yield from _children(choice)
        elif child.tag in {f"{_P}sp", f"{_P}graphicFrame", f"{_P}grpSp"}:
            yield child


def _placeholder(shape: Any) -> Any:
    for path in (f"{_P}nvSpPr/{_P}nvPr/{_P}ph", f"{_P}nvGraphicFramePr/{_P}nvPr/{_P}ph"):
        ph = shape.find(path)
        if ph is not None:
            return ph
    return None


def _emu(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _reading_order(boxes: list[_Box]) -> list[_Box]:
    """Boxes as a person reads them: cut at a vertical band of blank space into columns
    read left to right, else at a horizontal one into rows read top to bottom, and the same
    inside each; boxes that overlap every way are read top to bottom, left to right."""
    if len(boxes) < 2:
        return boxes
    for parts in (_cut(boxes, vertical=True), _bands(_cut(boxes, vertical=False))):
        if len(parts) > 1:
            return [box for part in parts for box in _reading_order(part)]
    return sorted(boxes, key=lambda b: (b.top, b.left))


_DOT_SIZE = 720_000  # 2 cm: a RAG dot, not a coloured panel
_REF_RE = re.compile(r"[A-Z]{0,4}[- ]?\d{1,3}(?:\.\d{1,3})*[a-z]?")


def _dot(box: _Box) -> str | None:
    """The colour a small shape shows, as the text form's RAG tag's word: a coloured
    circle beside an item, with its letter or none."""
    small = box.right - box.left <= _DOT_SIZE and box.bottom - box.top <= _DOT_SIZE
    text = " ".join(box.lines).strip()
    if not small or len(text) > 5:
        return None
    if text and read_rag(text):
        return text
    return box.rag if not text else None


def _with_dots(boxes: list[_Box]) -> list[_Box]:
    """The boxes with text, a column of dots beside a box's lines (one each, or one for
    each below its heading line) put on those lines as a closing tag ("… – Feb 2026 [A]"),
    where a person reads each item's colour; a dot beside nothing stays as its letter."""
    dots = [b for b in boxes if _dot(b)]
    texts = [b for b in boxes if len(b.lines) >= 2 and b not in dots]
    beside: dict[int, list[_Box]] = {}
    for dot in dots:
        gaps = [(g, i) for i, box in enumerate(texts) if (g := _gap_beside(dot, box)) is not None]
        if gaps:
            beside.setdefault(min(gaps)[1], []).append(dot)
    for i, its_dots in beside.items():
        box, count = texts[i], len(its_dots)
        if count >= 2 and count in {len(box.lines), len(box.lines) - 1}:
            at = len(box.lines) - count
            for k, dot in enumerate(sorted(its_dots, key=lambda d: d.top + d.bottom)):
                box.lines[at + k] = f"{box.lines[at + k]} [{_dot(dot)}]"
            boxes = [b for b in boxes if b not in its_dots]
    return [b for b in boxes if b.lines]


def _gap_beside(dot: _Box, box: _Box) -> int | None:
    """How far a dot stands left or right of a box, level with it; None when it does not."""
    middle = (dot.top + dot.bottom) // 2
    gap = max(box.left - dot.right, dot.left - box.right)
    level = box.top <= middle <= box.bottom and -_DOT_SIZE // 4 <= gap <= _DOT_SIZE
    return abs(gap) if level else None


def _numbered_by_its_tag(parts: list[_Box]) -> list[str]:
    """A group's lines; a chevron or tag holding only the item's number opens the item's
    first line ("1.1 Set up …"), and its fill is the item's RAG ("… [Green]")."""
    lines: list[str] = []
    for i, part in enumerate(parts):
        number = part.lines[0] if len(part.lines) == 1 else ""
        following = parts[i + 1] if i + 1 < len(parts) else None
        if following is not None and _REF_RE.fullmatch(number) and following.lines:
            first = following.lines[0]
            tag = f" [{part.rag}]" if part.rag else ""
            following.lines[0] = f"{number} {first}{tag}"
            continue
        lines.extend(part.lines)
    return lines


def _paired_lists(boxes: list[_Box]) -> list[_Box]:
    """Two boxes side by side whose lists pair item for item, the right one saying where each
    item on the left stands ("What we said we'd do" / "Where we are": "On track – …"): one
    table of the two, each item's row beside its status, as a person reads across."""
    out: list[_Box] = []
    for box in boxes:
        left = out[-1] if out else None
        if left is not None and _pairs_with(left, box):
            rows = zip(_items(left), _items(box), strict=True)
            left.lines = [f"{left.lines[0]}\t{box.lines[0]}", *(f"{a}\t{b}" for a, b in rows)]
            continue
        out.append(box)
    return out


def _items(box: _Box) -> list[str]:
    return [line[2:] for line in box.lines[1:] if line.startswith("- ")]


def _pairs_with(left: _Box, right: _Box) -> bool:
    level = min(left.bottom, right.bottom) - max(left.top, right.top)
    beside = right.left >= left.right - _DOT_SIZE // 2 and level > (left.bottom - left.top) // 2
    items, statuses = _items(left), _items(right)
    return (
        beside
        and len(items) == len(left.lines) - 1 == len(statuses) == len(right.lines) - 1 >= 2
        and all(normalise_status(re.split(r"[\u2013\u2014.;:(-]", s)[0]) for s in statuses)
    )


def _like_boxes(boxes: list[_Box]) -> set[int]:
    """The boxes, in reading order, that are items of a list: three or more in a run, one
    line of words each, the same size and standing one under another (a roadmap's items
    under their quarter), so that each reads as an item, not as a heading over the next."""

    def item(box: _Box) -> bool:
        line = box.lines[0] if len(box.lines) == 1 else ""
        return len(line.split()) >= 3 and not line.startswith(("- ", "#"))

    def like(a: _Box, b: _Box) -> bool:
        width, height = a.right - a.left, a.bottom - a.top
        return (
            abs((b.right - b.left) - width) <= width / 10
            and abs((b.bottom - b.top) - height) <= height / 4
            and abs(b.left - a.left) <= width / 10
        )

    listed: set[int] = set()
    run: list[int] = []
    for i, box in enumerate([*boxes, None]):
        if box is not None and item(box) and (not run or like(boxes[run[-1]], box)):
            run.append(i)
            continue
        if len(run) >= 3:
            listed.update(run)
        run = [i] if box is not None and item(box) else []
    return listed


def _bands(rows: list[list[_Box]]) -> list[list[_Box]]:
    """Rows of boxes joined where they stand in the same columns (a roadmap's quarter
    headings and the rows of items under them), so that each column is read whole."""
    bands: list[list[_Box]] = []
    for row in rows:
        if bands and len(_cut(bands[-1] + row, vertical=True)) > 1:
            bands[-1] = bands[-1] + row
        else:
            bands.append(row)
    return bands


def _cut(boxes: list[_Box], *, vertical: bool) -> list[list[_Box]]:
    """The boxes parted where no box crosses (a little overlap forgiven: boxes drawn
    touching), in order along the cut's axis."""

    def span(b: _Box) -> tuple[int, int]:
        low, high = (b.left, b.right) if vertical else (b.top, b.bottom)
        slack = (high - low) // 20
        return low + slack, max(high - slack, low + slack)

    ordered = sorted(boxes, key=lambda b: span(b)[0])
    parts: list[list[_Box]] = []
    reach = None
    for box in ordered:
        low, high = span(box)
        if reach is None or low >= reach:
            parts.append([box])
            reach = high
        else:
            parts[-1].append(box)
            reach = max(reach, high)
    return parts
