"""Template filters for the statutory pages."""

from django import template

from sendtrack.domain.statutory import Rate

register = template.Library()


@register.filter
def get_rate(row: object, key: str) -> Rate:
    """One measure from a MeasureRow, by its key (see selectors.measures.MEASURES)."""
    rate = getattr(row, "rate")(key)  # noqa: B009 - templates cannot call with arguments
    assert isinstance(rate, Rate)
    return rate
