from datetime import date
from typing import Any

from django import template
from django.utils.safestring import mark_safe

from sendtrack.core.charts import Bar, stacked_bars_svg
from sendtrack.domain.rag import RAG_LABELS, Rag

register = template.Library()


@register.filter
def rag_label(value: str | None) -> str:
    """A BRAG rating in words, for print where colour carries nothing."""
    return RAG_LABELS[Rag(value)] if value else "No rating"


def chart_bars(block: dict[str, Any]) -> list[Bar]:
    """A report's chart block back as the bars it was built from."""
    return [Bar(date.fromisoformat(b["month"]), b["counts"]) for b in block["bars"]]


@register.simple_tag
def report_chart(block: dict[str, Any]) -> str:
    """A report's BRAG chart as an accessible SVG, with the description frozen in the report
    (the table of the same figures follows it)."""
    svg = stacked_bars_svg(
        chart_id=f"report-{block['key']}",
        title=block["title"],
        description=block["description"],
        bars=chart_bars(block),
    )
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703  # numbers and escaped text only
