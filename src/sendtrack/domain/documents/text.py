"""Text normalisation: bytes to text, and table-cell markup to plain fragments.

Council plans reach us as text exported from Word/PDF, often with HTML fragments left in
table cells (``<p>``, ``<ul><li>``, ``<b>``) and entities (``&amp;``). Everything downstream
works on :class:`Fragment` lists so that bullets survive as list items while the rest of the
markup disappears.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from .status import EMOJI_STATUSES, RAG_CIRCLES, STATUS_MARKS

__all__ = [
    "BOX_MARK",
    "BOX_MARK_OPENING_RE",
    "EMOJI_MARKS",
    "MARK_GLYPHS",
    "BULLET_RE",
    "RULE_RE",
    "Fragment",
    "cell_fragments",
    "clean",
    "decode_bytes",
    "plain",
    "strip_bullet",
]

# Glyphs that start a bullet item in exported text: hyphen, bullets, squares, ballot boxes.
BOX = r"(?:\[[ xX\u2713\u2714\u2717\u2718>!~/*?-]\]|\([\u2713\u2714\u2717\u2718]\))"
"""A task list's box, ticked or not, or a roadmap's mark in one ("[ ]", "[x]", "[✓]", "[>]",
"[!]", "(✓)"): what each mark means the document's key says (``candidates.box_key``)."""
MARK_GLYPHS = "\u2610\u2611\u2612" + STATUS_MARKS + "\u25b2\u25b3\u2605"
"""Glyphs a roadmap opens its items with, whose meaning its key may give: ballot boxes
("☐ ☑ ☒"), circles ("● ◐ ○"), triangles ("▲ ►"), a star, ticks and crosses."""
EMOJI_MARKS = "".join(EMOJI_STATUSES) + "".join(RAG_CIRCLES) + "\u26aa\U0001f4c5"  # ⚪ 📅
"""Emoji a roadmap pasted from a chat opens its items with: a status or a RAG circle."""
BOX_MARK = rf"(?:{BOX}|[{MARK_GLYPHS}{EMOJI_MARKS}]\ufe0f?)"
"""A box in brackets, or a glyph ("☑", "◐") as Word and Teams paste it."""
BOX_MARK_OPENING_RE = re.compile(rf"[\[({MARK_GLYPHS}{EMOJI_MARKS}]")
"""The character every box mark opens with: where fewer than two are, no key of marks is."""
BULLET_RE = re.compile(
    r"^\s*(?:[-\u2022\u25aa\u25a0\u25cf\u25e6\u2023\u2043\u2219\u00b7\u2610\u2611\u2612"
    r"\u27a2\u25b8\u25b9\u2013*o]\s+"
    rf"(?:{BOX}\s+)?|{BOX}\s+|[\u2022\u25aa\u25cf\u2610])"
)
_INLINE_BULLET_SPLIT = re.compile(r"\s*[\u2022\u25aa\u25a0\u25cf\u25e6\u2610\u2611\u27a2]\s*")
_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)[^>]*?>")
_INLINE_TAGS = frozenset({"b", "i", "u", "em", "strong", "sup", "sub", "span", "a", "font", "s"})
_STAR_BEFORE_QUOTE = re.compile(r"(?<!\w)\*(\")")
_STAR_AFTER_QUOTE = re.compile(r"(\")\*(?!\w)")


def decode_bytes(data: bytes) -> str:
    """Decode a document's bytes: BOM-marked UTF-16/UTF-8 first, then UTF-8, then cp1252.

    Windows exports are often cp1252; a UTF-16 file without a BOM shows as many NUL bytes.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data and data.count(b"\x00") > len(data) // 4:
        even_nuls = data[1::2].count(b"\x00") > data[0::2].count(b"\x00")
        return data.decode("utf-16-le" if even_nuls else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


RULE_RE = re.compile(r"^[\s\-\u2013\u2014_=|:+*.\u2500-\u257f]*$")
"""A line or cell that is only a rule ("-----", "|---|", "══════"): no text."""


def clean(text: str) -> str:
    """Collapse whitespace (including non-breaking spaces) and trim.

    ``str.split()`` splits on exactly the characters ``\\s`` matches, and is several times faster:
    this runs on every cell of every row.
    """
    return " ".join(text.split())


_STRUCK_RE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def unstruck(text: str) -> str:
    """Text struck through as Markdown prints it ("~~Launch the guide~~"), as plain words:
    a finished item's words are still its words."""
    return _STRUCK_RE.sub(r"\1", text) if "~~" in text else text


def strip_bullet(text: str) -> str:
    """Remove a leading bullet glyph, keeping the item's words."""
    for _ in range(3):  # "- ☐ item": a list dash followed by a checkbox glyph
        stripped = BULLET_RE.sub("", text, count=1).strip()
        if stripped == text.strip():
            break
        text = stripped
    return text.strip()


@lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """Markup removed, entities decoded, markdown emphasis dropped, whitespace collapsed.

    Most text has no ``<``, ``&`` or ``*`` at all and only needs its whitespace collapsed.
    """
    if "<" in text:
        text = _TAG_RE.sub(_tag_space, text)
    if "&" in text:
        text = html.unescape(text)
    if "*" in text:
        text = text.replace("**", "")
        text = _STAR_BEFORE_QUOTE.sub(r"\1", text)
        text = _STAR_AFTER_QUOTE.sub(r"\1", text)
    return clean(text)


def _tag_space(tag: re.Match[str]) -> str:
    """Inline tags (bold, links) vanish; block tags leave a space between the words."""
    return "" if tag.group(2).lower() in _INLINE_TAGS else " "


@dataclass
class Fragment:
    """One paragraph or list item of a cell.

    ``level`` is the list nesting depth (0 for a paragraph); ``bold`` marks text printed
    wholly in bold, which councils use for lead-ins ("Actions we will take include:") and
    editorial notes.
    """

    text: str
    is_item: bool = False
    level: int = 0
    bold: bool = False


_PARAGRAPH_TAG_RE = re.compile(r"</?p[^>]*>")
_ALL_BOLD_RE = re.compile(r"(?:<(b|strong)>.*</\1>\s*)+|(?-s:\*\*.+\*\*)", re.S)
_EDITOR_NOTE_RE = re.compile(r"<(b|strong)>\s*\*[^<]*</\1>")


def _is_all_bold(raw: str) -> bool:
    return bool(_ALL_BOLD_RE.fullmatch(_PARAGRAPH_TAG_RE.sub("", raw).strip()))


def _drop_editor_notes(raw: str) -> str:
    """Bold asides that start with an asterisk are editors' notes, not content."""
    return _EDITOR_NOTE_RE.sub(" ", raw)


def measure_items(cell: str) -> list[str]:
    """A success-measures cell as Plan JSON lists it: one measure per paragraph or list item
    (a measure may hold a semicolon: "All posts filled; caseloads below 120"), without the
    dash or star a spreadsheet cell's list is typed with ("- All posts filled")."""
    items: list[str] = []
    for fragment in cell_fragments(cell):
        text = _TYPED_BULLET_RE.sub("", fragment.text)
        if items and fragment.level == 0 and text[:1].islower():
            items[-1] = f"{items[-1]} {text}"  # "… by March" / "and reviewed termly": one
        elif text:
            items.append(text)
    return [part for item in items for part in _numbered_apart(item)]


_TYPED_BULLET_RE = re.compile(r"^[-*\u2013]\s+")
_LIST_NUMBER_RE = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+(?=\S)")


def _numbered_apart(text: str) -> list[str]:
    """ "1. Backlog under 30 2. 20-week timeliness above average": a measures cell numbered
    1, 2, … on one line is that many measures, without their numbers."""
    marks = list(_LIST_NUMBER_RE.finditer(text))
    if not marks or marks[0].start() != 0:
        return [text]
    numbers = [int(m.group(1)) for m in marks]
    if numbers != list(range(1, len(numbers) + 1)):
        return [text]
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [text[m.end() : end].strip() for m, end in zip(marks, ends, strict=True)]


def cell_fragments(cell: str) -> list[Fragment]:
    """Split a cell into paragraphs and list items.

    ``<li>`` elements become items at their nesting level; ``<p>`` and loose text become
    paragraphs; bullet glyphs inside loose text (``• a • b``) become items too. Numbered
    inline lists without ``<li>`` stay inside their paragraph: councils number sub-steps of
    one action that way.
    """
    raw = _drop_editor_notes(cell)
    out: list[Fragment] = []
    depth = 0
    buf: list[str] = []
    in_li = False

    def flush() -> None:
        chunk = "".join(buf)
        buf.clear()
        text = plain(chunk)
        if not text:
            return
        bold = _is_all_bold(chunk)
        if in_li:
            out.append(Fragment(strip_bullet(text), True, max(depth, 1), bold))
            return
        parts = [p for p in _INLINE_BULLET_SPLIT.split(text)]
        if len(parts) > 1:
            if parts[0].strip():
                out.append(Fragment(parts[0].strip(), False, 0, bold))
            for part in parts[1:]:
                if part.strip():
                    out.append(Fragment(part.strip(), True, max(depth, 1), bold))
            return
        out.append(Fragment(text, False, 0, bold))

    pos = 0
    for match in _TAG_RE.finditer(raw):
        buf.append(raw[pos : match.start()])
        pos = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _INLINE_TAGS:
            buf.append(match.group(0))
            continue
        if name in {"ul", "ol"}:
            flush()
            depth = max(depth - 1, 0) if closing else depth + 1
        elif name == "li":
            flush()
            in_li = not closing
        elif name in {"p", "br", "div", "tr", "td"}:
            flush()
    buf.append(raw[pos:])
    flush()
    return out
