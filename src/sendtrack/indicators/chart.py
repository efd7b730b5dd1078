"""An indicator's trend as an accessible server-side SVG line chart.

The chart is an image (role="img") named by its <title> and described by its <desc>, which
says in words what it shows; the page always puts the same figures in a table below it.
Lines differ by dash pattern and marker as well as colour, and each is labelled in a key.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sendtrack.core.charts import month_label, svg_image

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[date, Decimal | None]]
    css: str  # colour and dash pattern as SVG attributes


SERIES_STYLE = {
    "value": 'stroke="#1d70b8" stroke-width="3"',
    "national": 'stroke="#505a5f" stroke-width="2" stroke-dasharray="8 4"',
    "statistical_neighbours": 'stroke="#912b88" stroke-width="2" stroke-dasharray="2 4"',
}


_month = month_label


def trend_chart(
    *, name: str, unit: str, values: list, target: Decimal | None, description: str
) -> SafeString:
    """`values`: IndicatorValue rows in period order."""
    periods = [v.period for v in values]
    series = [
        Series("This area", [(v.period, v.value) for v in values], SERIES_STYLE["value"]),
        Series("England", [(v.period, v.national) for v in values], SERIES_STYLE["national"]),
        Series(
            "Statistical neighbours",
            [(v.period, v.statistical_neighbours) for v in values],
            SERIES_STYLE["statistical_neighbours"],
        ),
    ]
    series = [s for s in series if any(p[1] is not None for p in s.points)]
    numbers = [p[1] for s in series for p in s.points if p[1] is not None]
    if target is not None:
        numbers.append(target)
    if not periods or not numbers:
        return format_html(
            '<svg role="img" aria-labelledby="chart-title chart-desc" width="{}" height="60" '
            'viewBox="0 0 {} 60" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}'
            '</title><desc id="chart-desc">No values have been entered yet.</desc>'
            '<text x="0" y="30" font-size="16">No values yet</text></svg>',
            WIDTH,
            WIDTH,
            name,
        )
    low = min(min(numbers), Decimal(0))
    high = max(numbers)
    if unit == "%":
        high = max(high, Decimal(100)) if high > 80 else high
    if high == low:
        high = low + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(periods) - 1, 1)

    def x(index: int) -> str:
        return f"{LEFT + (index * step if len(periods) > 1 else plot_w / 2):.1f}"

    def y(value: Decimal) -> str:
        return f"{TOP + plot_h - float((value - low) / (high - low)) * plot_h:.1f}"

    parts: list[str] = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = low + (high - low) * Decimal(str(fraction))
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b1b4b6" '
                'stroke-width="1"/><text x="{}" y="{}" font-size="12" text-anchor="end">'
                "{}</text>",
                LEFT,
                WIDTH - RIGHT,
                y(value),
                y(value),
                LEFT - 6,
                f"{float(y(value)) + 4:.1f}",
                f"{value:.0f}{'%' if unit == '%' else ''}",
            )
        )
    every = max(1, len(periods) // 8)
    for index, period in enumerate(periods):
        if index % every == 0 or index == len(periods) - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>',
                    x(index),
                    HEIGHT - BOTTOM + 18,
                    _month(period),
                )
            )
    if target is not None:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#00703c" stroke-width="2" '
                'stroke-dasharray="12 4 2 4"/>',
                LEFT,
                WIDTH - RIGHT,
                y(target),
                y(target),
            )
        )
    for s in series:
        coords = [(x(i), y(v)) for i, (_, v) in enumerate(s.points) if v is not None]
        if len(coords) > 1:
            path = " ".join(f"{cx},{cy}" for cx, cy in coords)
            parts.append(f'<polyline fill="none" {s.css} points="{path}"/>')
        parts.extend(
            f'<circle cx="{cx}" cy="{cy}" r="4" fill="#ffffff" {s.css}/>' for cx, cy in coords
        )
    key = [(s.label, s.css) for s in series]
    if target is not None:
        # Our own constant attributes, never user text.
        key.append(("Target", 'stroke="#00703c" stroke-width="2" stroke-dasharray="12 4 2 4"'))
    for index, (label, css) in enumerate(key):
        kx = LEFT + index * 150
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" {}/><text x="{}" y="{}" font-size="12">'
                "{}</text>",
                kx,
                kx + 28,
                HEIGHT - 18,
                HEIGHT - 18,
                mark_safe(css),  # noqa: S308  # nosec B308 B703
                kx + 34,
                HEIGHT - 14,
                label,
            )
        )
    # Every part is format_html output or numbers and our own constant attributes; the frame
    # (core.charts, shared with the BRAG charts) escapes the name and the description.
    frame = svg_image(
        chart_id="chart",
        title=name,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        body="".join(parts),
    )
    return mark_safe(frame)  # noqa: S308  # nosec B308 B703


def describe(summary, unit_format) -> str:
    """A sentence saying what the chart shows, from the same figures as the table."""
    indicator = summary.indicator
    known = [v for v in summary.values if v.value is not None]
    if not known:
        return "No values have been entered yet."
    first, last = known[0], known[-1]
    text = (
        f"{indicator.name}: {unit_format(first.value)} in {_month(first.period)}, "
        f"{unit_format(last.value)} in {_month(last.period)}."
    )
    if indicator.target_value is not None:
        text += f" The target is {unit_format(indicator.target_value)}."
    if last.national is not None:
        text += f" England was {unit_format(last.national)} in {_month(last.period)}."
    return text + f" Since the month before: {summary.trend_label.lower()}."
