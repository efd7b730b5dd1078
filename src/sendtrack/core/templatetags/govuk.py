"""Template filters for GOV.UK Design System markup: dates, BRAG tags, plain text from documents."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django import template
from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from sendtrack.core.charts import Bar, describe_brag, stacked_bars_svg
from sendtrack.core.forms import DateBox
from sendtrack.core.forms import date_boxes as _date_boxes
from sendtrack.domain.dates import format_date
from sendtrack.domain.rag import RAG_LABELS, Rag

register = template.Library()

RAG_TAG_CLASSES = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--orange",
    Rag.GREEN: "govuk-tag--green",
    Rag.BLUE: "govuk-tag--blue",
}


@register.filter
def govuk_date(value: date | datetime | None, empty: str = "") -> str:
    """Dates as GOV.UK writes them: 31 March 2025."""
    if value is None or value == "":
        return empty
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value)


@register.filter
def rag_tag(value: str | None) -> str:
    """A BRAG tag: colour always paired with its word."""
    if not value:
        return format_html(
            '<strong class="govuk-tag {}">{}</strong>', "govuk-tag--grey", "No rating"
        )
    rag = Rag(value)
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', RAG_TAG_CLASSES[rag], RAG_LABELS[rag]
    )


@register.filter
def get_item(mapping: Mapping[Any, object], key: object) -> object:
    return mapping.get(key)


@register.filter
def page_numbers(page: Any) -> list[int | None]:
    """The page links GOV.UK pagination shows: the first, the last, the current page and its
    neighbours; None where pages are left out (shown as an ellipsis)."""
    last, current = page.paginator.num_pages, page.number
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    numbers: list[int | None] = []
    for number in wanted:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@register.filter
def date_boxes(field: BoundField) -> list[DateBox]:
    """The day, month and year boxes of a GOV.UK date field, with the wrong ones marked."""
    return _date_boxes(field)


@register.simple_tag
def brag_chart(bars: list[Bar], title: str, *id_parts: object) -> str:
    """BRAG over time as an accessible SVG (core.charts), its ids made of `id_parts` joined
    by "-" so each chart on a page has its own; the page puts the same figures in the table
    beside it (includes/brag_over_time.html)."""
    chart_id = "-".join(str(part) for part in id_parts)
    svg = stacked_bars_svg(
        chart_id=chart_id, title=title, description=describe_brag(title, bars), bars=bars
    )
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703  # numbers and escaped text only
