from django import template

from sendtrack.domain.rag import RAG_LABELS, Rag

register = template.Library()


@register.filter
def rag_label(value: str | None) -> str:
    """A BRAG rating in words, for print where colour carries nothing."""
    return RAG_LABELS[Rag(value)] if value else "No rating"
