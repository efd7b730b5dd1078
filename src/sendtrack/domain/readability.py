"""Plain-English checks for public reports: Flesch reading ease, Flesch–Kincaid grade and
reading age, and the sentences that are too long.

- Flesch reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words).
  60 to 70 is plain English; GOV.UK writes for a reading age of about 9.
- Flesch–Kincaid grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59.
- Reading age ≈ grade + 5 (a US school grade starts at about age 5 plus the grade).
- A sentence of more than 25 words is flagged.

Syllables are counted by textstat (pyphen's hyphenation dictionary; numbers as their digits
read aloud, at least one per word); the scores are a guide for the author, not a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

__all__ = [
    "LONG_SENTENCE_WORDS",
    "Readability",
    "readability",
    "sentences",
    "syllables",
    "words",
]

LONG_SENTENCE_WORDS = 25

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-•*]\s)")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


def sentences(text: str) -> list[str]:
    """The text split into sentences at full stops, question and exclamation marks, and
    blank lines; sentences with no words are dropped."""
    parts = (part.strip() for part in _SENTENCE_END.split(text))
    return [part for part in parts if part and words(part)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """Syllables in one word, by textstat; a number is read aloud, so each digit counts one."""
    if word.isdigit():
        return max(1, len(word))
    return max(1, int(textstat.syllable_count(word)))


@dataclass(frozen=True)
class Readability:
    sentence_count: int
    word_count: int
    syllable_count: int
    reading_ease: float | None
    grade: float | None
    long_sentences: tuple[str, ...]

    @property
    def reading_age(self) -> float | None:
        return None if self.grade is None else self.grade + 5

    def describe(self) -> str:
        if self.reading_ease is None or self.reading_age is None:
            return "There is no text to score."
        return (
            f"Flesch reading ease {self.reading_ease:.0f} out of 100; reading age about "
            f"{max(self.reading_age, 5):.0f}; {len(self.long_sentences)} sentence"
            f"{'' if len(self.long_sentences) == 1 else 's'} of more than "
            f"{LONG_SENTENCE_WORDS} words."
        )


def readability(text: str) -> Readability:
    found = sentences(text)
    all_words = [word for sentence in found for word in words(sentence)]
    syllable_count = sum(syllables(word) for word in all_words)
    long = tuple(s for s in found if len(words(s)) > LONG_SENTENCE_WORDS)
    if not all_words:
        return Readability(0, 0, 0, None, None, ())
    per_sentence = len(all_words) / len(found)
    per_word = syllable_count / len(all_words)
    return Readability(
        sentence_count=len(found),
        word_count=len(all_words),
        syllable_count=syllable_count,
        reading_ease=206.835 - 1.015 * per_sentence - 84.6 * per_word,
        grade=0.39 * per_sentence + 11.8 * per_word - 15.59,
        long_sentences=long,
    )
