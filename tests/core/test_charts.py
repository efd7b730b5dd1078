"""The BRAG-over-time chart: an image with a name and a description in words, one bar per
month, patterns and a key as well as colour; and the same chart as a PNG for Word."""

import io
import re
from datetime import date

from PIL import Image

from sendtrack.core.charts import (
    BRAG_STYLES,
    Bar,
    describe_brag,
    stacked_bars_png,
    stacked_bars_svg,
)

BARS = [
    Bar(date(2025, 4, 30), {"blue": 1, "green": 10, "amber": 3, "red": 2, "not_rated": 0}),
    Bar(date(2025, 5, 31), {"blue": 3, "green": 9, "amber": 2, "red": 1, "not_rated": 1}),
    Bar(date(2025, 6, 30), {"blue": 6, "green": 8, "amber": 1, "red": 0, "not_rated": 0}),
]


def svg(title="Whole plan <b>", bars=BARS):
    return stacked_bars_svg(
        chart_id="brag-1", title=title, description=describe_brag(title, bars), bars=bars
    )


def test_the_chart_is_an_image_named_and_described_in_words():
    chart = svg()
    assert chart.startswith('<svg role="img" aria-labelledby="brag-1-title brag-1-desc"')
    assert '<title id="brag-1-title">Whole plan &lt;b&gt;</title>' in chart
    desc = re.search(r'<desc id="brag-1-desc">(.*?)</desc>', chart).group(1)
    assert desc == (
        "Whole plan &lt;b&gt;, actions by BRAG rating at each month&#x27;s end, 3 months from "
        "Apr 2025 to Jun 2025. Apr 2025: 1 complete, 10 green, 3 amber, 2 red. "
        "Jun 2025: 6 complete, 8 green, 1 amber, 0 red."
    )


def test_one_bar_per_month_with_patterns_numbers_and_a_key():
    chart = svg()
    assert chart.count('class="app-chart__bar"') == 3
    for label in ("Apr 2025", "May 2025", "Jun 2025"):
        assert f">{label}</text>" in chart
    for key, style in BRAG_STYLES.items():
        assert f'<pattern id="brag-1-{key}"' in chart  # not colour alone
        assert f">{style.name}</text>" in chart  # the key names each
    assert ">10</text>" in chart  # the segments carry their numbers


def test_no_months_yet_says_so():
    chart = svg(bars=[])
    assert "No month-end figures yet" in chart
    assert "no month-end figures yet." in chart


def test_the_png_for_word_is_drawn_from_the_same_bars():
    image = Image.open(io.BytesIO(stacked_bars_png(title="Whole plan", bars=BARS)))
    assert image.format == "PNG" and image.width == 1280
    colours = {colour for _, colour in image.getcolors(maxcolors=100_000)}
    assert (0xD4, 0x35, 0x1C) in colours and (0x1D, 0x70, 0xB8) in colours
