"""Charts every part draws the same way: an accessible server-side SVG, and for Word a PNG.

A chart is an image (role="img") named by its <title> and described by its <desc>, which
says in words what it shows; the page, the PDF and the Word file always put the same figures
in a table beside it. Colour is never the only cue: each series has its own pattern and its
name in a key, and a bar's segments carry their numbers. No Django here (the text is escaped
with the standard library), so any part, and the Word renderer, can use it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from sendtrack.core.colours import RAG_COLOURS
from sendtrack.domain.rag import Rag

if TYPE_CHECKING:
    from PIL import ImageDraw


def month_label(day: date) -> str:
    """A month on an axis: "Mar 2025"."""
    return f"{day:%b %Y}"


def svg_image(
    *, chart_id: str, title: str, description: str, width: int, height: int, body: str
) -> str:
    """The frame of every chart: an image named by its title and described by its desc.
    `body` is markup made by the caller from numbers and escaped text."""
    return (
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" width="100%" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" class="app-chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


@dataclass(frozen=True)
class BarStyle:
    name: str
    fill: str  # RRGGBB
    ink: str  # the colour of a number written on the fill
    pattern: str  # "solid", "diagonal", "dots", "cross" or "open"


BRAG_ORDER = ("blue", "green", "amber", "red", "not_rated")
"""The segments of a BRAG bar, bottom to top: complete work at the base, red on top."""

BRAG_STYLES: dict[str, BarStyle] = {
    Rag.BLUE.value: BarStyle("Blue (complete)", *RAG_COLOURS[Rag.BLUE], "solid"),
    Rag.GREEN.value: BarStyle("Green", *RAG_COLOURS[Rag.GREEN], "diagonal"),
    Rag.AMBER.value: BarStyle("Amber", *RAG_COLOURS[Rag.AMBER], "dots"),
    Rag.RED.value: BarStyle("Red", *RAG_COLOURS[Rag.RED], "cross"),
    "not_rated": BarStyle("Not rated", "FFFFFF", "0B0C0C", "open"),
}


@dataclass(frozen=True)
class Bar:
    """One month's bar: the month and its counts by series ("red": 3 …)."""

    month: date
    counts: Mapping[str, int]

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def month_name(self) -> str:
        """The month as a table says it: "March 2025"."""
        return f"{self.month:%B %Y}"

    @property
    def total(self) -> int:
        return sum(self.counts.get(key, 0) for key in BRAG_ORDER)


_SAID = {"blue": "complete", "green": "green", "amber": "amber", "red": "red"}
_SAID["not_rated"] = "not rated"


def describe_brag(name: str, bars: Sequence[Bar]) -> str:
    """A sentence saying what a BRAG-over-time chart shows, from the same figures as its table."""
    if not bars:
        return f"{name}: no month-end figures yet."

    def said(bar: Bar) -> str:
        parts = [
            f"{bar.counts.get(key, 0)} {_SAID[key]}"
            for key in BRAG_ORDER
            if bar.counts.get(key, 0) or key != "not_rated"
        ]
        return f"{bar.label}: {', '.join(parts)}"

    first, last = bars[0], bars[-1]
    if len(bars) == 1:
        return f"{name}, actions by BRAG rating. {said(last)}."
    return (
        f"{name}, actions by BRAG rating at each month's end, {len(bars)} months from "
        f"{first.label} to {last.label}. {said(first)}. {said(last)}."
    )


WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 72


def _pattern(chart_id: str, key: str, style: BarStyle) -> str:
    fill, ink = f"#{style.fill}", f"#{style.ink}"
    marks = {
        "solid": "",
        "diagonal": f'<path d="M0,8 L8,0" stroke="{ink}" stroke-width="1.5"/>',
        "dots": f'<circle cx="4" cy="4" r="1.5" fill="{ink}"/>',
        "cross": f'<path d="M0,0 L8,8 M0,8 L8,0" stroke="{ink}" stroke-width="1.2"/>',
        "open": '<path d="M0,4 L8,4" stroke="#505a5f" stroke-width="1"/>',
    }[style.pattern]
    return (
        f'<pattern id="{chart_id}-{key}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{fill}"/>{marks}</pattern>'
    )


def _ticks(highest: int) -> list[int]:
    """Whole-number marks on the axis, at most six, the last at or above the tallest bar."""
    step = 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if -(-highest // step) <= 5:
            break
    return [step * n for n in range(max(1, -(-highest // step)) + 1)]


def stacked_bars_svg(*, chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """Bars by month, stacked by BRAG rating, with a key; each segment tall enough carries its
    number, and every figure is in the table beside the chart."""
    if not bars:
        return svg_image(
            chart_id=chart_id,
            title=title,
            description=description,
            width=WIDTH,
            height=60,
            body='<text x="0" y="30" font-size="16">No month-end figures yet</text>',
        )
    ticks = _ticks(max(bar.total for bar in bars))
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(bars)
    bar_w = min(slot * 0.7, 48)
    parts = ["<defs>", *(_pattern(chart_id, k, BRAG_STYLES[k]) for k in BRAG_ORDER), "</defs>"]
    for tick in ticks:
        y = TOP + plot_h - tick / top * plot_h
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" '
            f'stroke-width="1"/><text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="12" '
            f'text-anchor="end">{tick}</text>'
        )
    every = max(1, -(-len(bars) // 12))
    for index, bar in enumerate(bars):
        x = LEFT + index * slot + (slot - bar_w) / 2
        base: float = TOP + plot_h
        parts.append(f'<g class="app-chart__bar"><title>{escape(bar.label)}</title>')
        for key in BRAG_ORDER:
            count = bar.counts.get(key, 0)
            if not count:
                continue
            height = count / top * plot_h
            base -= height
            style = BRAG_STYLES[key]
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
                f'fill="url(#{chart_id}-{key})" stroke="#0b0c0c" stroke-width="0.5"/>'
            )
            if height >= 14:
                parts.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{base + height / 2 + 4:.1f}" '
                    f'font-size="11" font-weight="bold" text-anchor="middle" '
                    f'fill="#{style.ink}" stroke="#{style.fill}" stroke-width="3" '
                    f'paint-order="stroke">{count}</text>'
                )
        parts.append("</g>")
        if index % every == 0 or index == len(bars) - 1:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{TOP + plot_h + 16}" font-size="12" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    for index, key in enumerate(BRAG_ORDER):
        kx, ky = LEFT + (index % 3) * 190, HEIGHT - 36 + (index // 3) * 20
        parts.append(
            f'<rect x="{kx}" y="{ky - 11}" width="22" height="14" fill="url(#{chart_id}-{key})" '
            f'stroke="#0b0c0c" stroke-width="0.5"/><text x="{kx + 28}" y="{ky}" '
            f'font-size="12">{escape(BRAG_STYLES[key].name)}</text>'
        )
    return svg_image(
        chart_id=chart_id,
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        body="".join(parts),
    )


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def stacked_bars_png(*, title: str, bars: Sequence[Bar], scale: int = 2) -> bytes:
    """The same chart as a PNG, for Word, which draws no SVG: the same bars, patterns, numbers
    and key, drawn with Pillow at `scale` times the SVG's size so it prints sharp."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = WIDTH * scale, (HEIGHT + 24) * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=12 * scale)
    bold = ImageFont.load_default(size=11 * scale)
    draw.text((LEFT * scale, 2 * scale), title, fill="black", font=font)
    shift = 24  # the title above the plot

    def at(x: float, y: float) -> tuple[int, int]:
        return round(x * scale), round((y + shift) * scale)

    def box(x: float, y: float, w: float, h: float, style: BarStyle) -> None:
        x0, y0 = at(x, y)
        x1, y1 = at(x + w, y + h)
        tile = Image.new("RGB", (max(x1 - x0, 1), max(y1 - y0, 1)), _rgb(style.fill))
        _hatch(ImageDraw.Draw(tile), tile.size, style, 8 * scale, scale)
        image.paste(tile, (x0, y0))
        draw.rectangle((x0, y0, x1, y1), outline="black")

    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    ticks = _ticks(max((bar.total for bar in bars), default=0))
    top = ticks[-1]
    for tick in ticks:
        y = TOP + plot_h - tick / top * plot_h
        draw.line((*at(LEFT, y), *at(WIDTH - RIGHT, y)), fill=(177, 180, 182))
        draw.text(at(LEFT - 6, y), str(tick), fill="black", font=font, anchor="rm")
    slot = plot_w / max(len(bars), 1)
    bar_w = min(slot * 0.7, 48)
    every = max(1, -(-len(bars) // 12))
    for index, bar in enumerate(bars):
        x = LEFT + index * slot + (slot - bar_w) / 2
        base: float = TOP + plot_h
        for key in BRAG_ORDER:
            count = bar.counts.get(key, 0)
            if not count:
                continue
            h = count / top * plot_h
            base -= h
            style = BRAG_STYLES[key]
            box(x, base, bar_w, h, style)
            if h >= 14:
                draw.text(
                    at(x + bar_w / 2, base + h / 2),
                    str(count),
                    fill=_rgb(style.ink),
                    font=bold,
                    anchor="mm",
                    stroke_width=2 * scale,
                    stroke_fill=_rgb(style.fill),
                )
        if index % every == 0 or index == len(bars) - 1:
            draw.text(
                at(x + bar_w / 2, TOP + plot_h + 10),
                bar.label,
                fill="black",
                font=font,
                anchor="mt",
            )
    for index, key in enumerate(BRAG_ORDER):
        kx, ky = LEFT + (index % 3) * 190, HEIGHT - 36 + (index // 3) * 20
        box(kx, ky - 11, 22, 14, BRAG_STYLES[key])
        draw.text(at(kx + 28, ky - 4), BRAG_STYLES[key].name, fill="black", font=font, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _hatch(
    draw: ImageDraw.ImageDraw, size: tuple[int, int], style: BarStyle, step: int, dot: int
) -> None:
    """A segment's pattern, as in the SVG, drawn over its fill (the tile clips the lines)."""
    w, h = size
    ink = _rgb(style.ink) if style.pattern != "open" else (80, 90, 95)
    if style.pattern in ("diagonal", "cross"):
        for offset in range(-h, w, step):
            draw.line((offset, h, offset + h, 0), fill=ink, width=max(1, dot))
    if style.pattern == "cross":
        for offset in range(0, w + h, step):
            draw.line((offset, h, offset - h, 0), fill=ink, width=max(1, dot))
    if style.pattern == "dots":
        for dx in range(step // 2, w, step):
            for dy in range(step // 2, h, step):
                draw.ellipse((dx - dot, dy - dot, dx + dot, dy + dot), fill=ink)
    if style.pattern == "open":
        for dy in range(step // 2, h, step):
            draw.line((0, dy, w, dy), fill=ink)
