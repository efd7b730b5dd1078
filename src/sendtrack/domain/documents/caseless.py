"""Patterns matched without regard to case, quickly.

Python's ignore-case search tests every character both ways and is several times slower than
a plain search; the detectors search every candidate's text with long patterns of words.
A :class:`Caseless` pattern, written in lower case, is searched in the lowered text and each
place it is found matched again there in the text itself, so callers get the same matches
(groups and spans) an ignore-case search gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["Caseless"]

_UPPER_CASE_RE = re.compile(r"(?<!\\)(?<!\(\?)[A-Z]")
"""A capital in a pattern, not an escape's ("\\S") nor a named group's "(?P<…>"."""


class Caseless:
    """A pattern written in lower case, matched in any case."""

    def __init__(self, pattern: str) -> None:
        if _UPPER_CASE_RE.search(pattern):
            raise ValueError(f"a caseless pattern is written in lower case: {pattern!r}")
        self.pattern = pattern
        self._lowered = re.compile(pattern)
        self._caseless = re.compile(pattern, re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): the slow way
            yield from self._caseless.finditer(text)
            return
        for found in self._lowered.finditer(lowered):
            match = self._caseless.match(text, found.start())
            if match is not None:  # always, as the two texts differ only in case
                yield match

    def search(self, text: str) -> re.Match[str] | None:
        lowered = text.lower()
        if len(lowered) != len(text):
            return self._caseless.search(text)
        found = self._lowered.search(lowered)
        return None if found is None else self._caseless.match(text, found.start())

    def match(self, text: str) -> re.Match[str] | None:
        lowered = text.lower()
        if len(lowered) != len(text):
            return self._caseless.match(text)
        return self._caseless.match(text) if self._lowered.match(lowered) else None
