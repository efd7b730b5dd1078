"""The colours a RAG rating is drawn in, the same in every file a part makes (Excel, Word,
PDF) as on the pages: the GOV.UK colour behind it, and a text colour readable on that (4.5:1
or better). The word is always written too: colour alone tells a reader nothing."""

from sendtrack.domain.rag import RAG_LABELS, Rag

RAG_COLOURS: dict[Rag, tuple[str, str]] = {
    Rag.RED: ("D4351C", "FFFFFF"),
    Rag.AMBER: ("F47738", "0B0C0C"),  # white on amber is too faint to read
    Rag.GREEN: ("00703C", "FFFFFF"),
    Rag.BLUE: ("1D70B8", "FFFFFF"),
}
"""Each rating's fill and text colour, as RRGGBB."""

_BY_NAME = {rag.value: rag for rag in Rag} | {label: rag for rag, label in RAG_LABELS.items()}


def rag_named(value: object) -> Rag | None:
    """The rating a cell holds, given as the rating, its value ("red") or its name ("Red")."""
    return _BY_NAME.get(value) if isinstance(value, str) else None
