"""A caseless pattern finds exactly what an ignore-case search finds, in any text."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendtrack.domain.documents.caseless import Caseless
from sendtrack.domain.documents.detectors import (
    _BRACKET_STATUS_RE,
    _DATE_PHRASE_RE,
    _STATUS_PHRASE_RES,
    _STATUS_SUFFIX_RE,
)

PATTERNS = [
    _DATE_PHRASE_RE.pattern,
    _BRACKET_STATUS_RE.pattern,  # anchored at both ends, named groups
    _STATUS_SUFFIX_RE.pattern,
    *(p.pattern for p in _STATUS_PHRASE_RES),
]

# Words the patterns look for, in every case, among others and odd letters whose lower case
# differs in length ("İ") or that fold to an ASCII letter ("ſ", the Kelvin sign).
WORDS = st.sampled_from(
    [
        "by", "BY", "End", "of", "March", "MAR", "2025", "31/03/2026", "Q3", "spring", "Term",
        "is", "ON", "Track", "remains", "behind", "Schedule", "has", "Slipped", "will", "slip",
        "into", "May", "under", "way", "not", "yet", "started", "İ", "ſ", "\u212a", "-", ".",
        ",", "(", ")", "w/c", "Due", "30/11", "early", "mid-", "Autumn", "Academic", "year",
        "[", "]", "Done", "\u2713", "COMPLETE", "from", "(Nov", "2025;", "Closed)", "[x]",
    ]
)  # fmt: skip
TEXTS = st.lists(WORDS, max_size=14).map(" ".join)


def _found(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(PATTERNS))
def test_finds_what_an_ignore_case_search_finds(text: str, pattern: str) -> None:
    caseless, ignoring_case = Caseless(pattern), re.compile(pattern, re.IGNORECASE)
    assert _found(caseless.finditer(text)) == _found(ignoring_case.finditer(text))
    first = ignoring_case.search(text)
    assert _found([m for m in [caseless.search(text)] if m]) == _found([m for m in [first] if m])
    at_start = ignoring_case.match(text)
    assert _found([m for m in [caseless.match(text)] if m]) == _found([m for m in [at_start] if m])


def test_the_match_is_of_the_text_as_written() -> None:
    found = Caseless(r"\bby (?:march|april) \d{4}").search("Publish it BY March 2026, then")
    assert found is not None and found.group(0) == "BY March 2026"


def test_a_pattern_in_capitals_is_refused() -> None:
    with pytest.raises(ValueError, match="lower case"):
        Caseless(r"\bRAG\b")
