"""Noise: what copying, converting and flattening do to a plan's text, chosen per document.

Each document draws its own :class:`Noise` from its seed. Some noise only moves whitespace
or characters the importer must take in its stride (non-breaking spaces, blank lines, dash
style, header case); the *lossy* kinds glue words, strip delimiters, wrap lines or drop page
furniture into the middle of a row. ``lossy=False`` turns the lossy kinds off, which is how
the tests check that every gold action's text is really in its document.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Noise:
    glue: bool = False  # a delimiter lost between cells glues the words either side
    strip_delimiters: bool = False  # "|" and tabs become spaces
    wrap_width: int | None = None  # long lines wrapped at a fixed width
    page_furniture: bool = False  # running header and "Page n of N" every so many lines
    lose_bullets: bool = False  # "•", "-", "*" markers dropped
    plain_headings: bool = False  # headings printed like body text
    blank_lines: str = "keep"  # keep, add or remove
    mixed_case_headers: bool = False
    nbsp: bool = False
    dash: str = "–"

    @classmethod
    def draw(cls, rng: random.Random, *, lossy: bool = True) -> Noise:
        def chance(p: float) -> bool:
            return rng.random() < p

        drawn = cls(
            glue=chance(0.2),
            strip_delimiters=chance(0.15),
            wrap_width=rng.choice((60, 72, 80, 96)) if chance(0.25) else None,
            page_furniture=chance(0.25),
            lose_bullets=chance(0.25),
            plain_headings=chance(0.2),
            blank_lines=rng.choice(("keep", "keep", "add", "remove")),
            mixed_case_headers=chance(0.3),
            nbsp=chance(0.2),
            dash=rng.choice(("–", "–", "-", "—")),
        )
        if lossy:
            return drawn
        return cls(
            lose_bullets=drawn.lose_bullets,
            plain_headings=drawn.plain_headings,
            blank_lines=drawn.blank_lines,
            mixed_case_headers=drawn.mixed_case_headers,
            nbsp=drawn.nbsp,
            dash=drawn.dash,
        )

    @property
    def lossy(self) -> bool:
        return self.glue or self.strip_delimiters or bool(self.wrap_width) or self.page_furniture


_BULLET = re.compile(r"^(\s*)(?:[•\-*▪●]|o)\s+")


def header_case(rng: random.Random, noise: Noise, text: str) -> str:
    """A table header as typed: "Action", "ACTION" or "action" when headers are mixed case."""
    if not noise.mixed_case_headers:
        return text
    return rng.choice((text.upper(), text.lower(), text.title(), text))


def join_cells(cells: list[str], sep: str, noise: Noise, rng: random.Random) -> str:
    """Cells joined by their delimiter, or with it lost (glued or spaced) under noise."""
    if noise.glue and rng.random() < 0.5:
        return "".join(cells)
    if noise.strip_delimiters:
        return " ".join(cells)
    return sep.join(cells)


def finish_text(
    lines: list[str],
    noise: Noise,
    rng: random.Random,
    *,
    title: str,
    keep_bullets: bool = False,
    rewrap: bool = True,
) -> str:
    """The rendered lines with the document-wide noise applied, as the file's text."""
    out: list[str] = []
    for line in lines:
        if noise.lose_bullets and not keep_bullets:
            line = _BULLET.sub(r"\1", line)
        if rewrap and noise.wrap_width and len(line) > noise.wrap_width:
            out.extend(
                textwrap.wrap(
                    line, noise.wrap_width, break_long_words=False, break_on_hyphens=False
                )
                or [""]
            )
        else:
            out.append(line)
    if noise.blank_lines == "remove":
        out = [line for line in out if line.strip()]
    elif noise.blank_lines == "add":
        out = [x for line in out for x in ([line, ""] if rng.random() < 0.2 else [line])]
    if noise.page_furniture:
        out = _pages(out, rng, title)
    text = "\n".join(out) + "\n"
    if noise.nbsp:
        text = re.sub(" (?=[A-Za-z0-9])", lambda m: "\u00a0" if rng.random() < 0.08 else " ", text)
    return text


def _pages(lines: list[str], rng: random.Random, title: str) -> list[str]:
    size = rng.randint(35, 60)
    pages = [lines[i : i + size] for i in range(0, len(lines), size)] or [[]]
    count = len(pages)
    footer = rng.choice(("Page {n} of {count}", "{n}", "- {n} -", "Page {n}"))
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if n > 1:
            out.append(title)
        out.extend(page)
        out.append("")
        out.append(footer.format(n=n, count=count))
        if rng.random() < 0.5:
            out.append("\f")
    return out
