from django import template

from sendtrack.sendiass.reports import suppressed

register = template.Library()


@register.filter
def suppress(count: int | None) -> str:
    """A published count: 1 to 4 shown as "fewer than 5"."""
    return suppressed(count or 0)
