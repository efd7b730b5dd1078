import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.readability import (
    LONG_SENTENCE_WORDS,
    readability,
    sentences,
    syllables,
    words,
)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("table", 2),
        ("make", 1),
        ("plan", 1),
        ("education", 4),
        ("support", 2),
        ("children", 2),
        ("the", 1),
        ("wanted", 2),
        ("2025", 4),
    ],
)
def test_syllables(word, count):
    assert syllables(word) == count


def test_sentences_and_words():
    text = "We met. Did it work? Yes!\n\nA new line"
    assert sentences(text) == ["We met.", "Did it work?", "Yes!", "A new line"]
    assert words("Parents' views aren’t heard") == ["Parents", "views", "aren’t", "heard"]


def test_scores_for_plain_text():
    score = readability("The cat sat on the mat. The dog ran to the park.")
    assert score.sentence_count == 2
    assert score.word_count == 12
    assert score.reading_ease is not None and score.reading_ease > 90
    assert score.grade is not None and score.reading_age == pytest.approx(score.grade + 5)
    assert score.long_sentences == ()


def test_scores_match_the_formulae():
    score = readability("Assessment timeliness deteriorated considerably.")
    per_sentence = score.word_count / score.sentence_count
    per_word = score.syllable_count / score.word_count
    assert score.reading_ease == pytest.approx(206.835 - 1.015 * per_sentence - 84.6 * per_word)
    assert score.grade == pytest.approx(0.39 * per_sentence + 11.8 * per_word - 15.59)
    assert score.reading_ease < 30  # long words: hard to read


def test_long_sentences_are_flagged():
    long = " ".join(["word"] * (LONG_SENTENCE_WORDS + 1)) + "."
    exactly = " ".join(["word"] * LONG_SENTENCE_WORDS) + "."
    score = readability(f"{long} {exactly}")
    assert score.long_sentences == (long,)
    assert "1 sentence of more than 25 words" in score.describe()


def test_empty_text_has_no_score():
    score = readability("   ")
    assert score.reading_ease is None and score.reading_age is None
    assert score.describe() == "There is no text to score."


@given(st.text(alphabet="abcdefghij klmnop.?!\n", max_size=300))
def test_any_text_scores_without_error(text):
    score = readability(text)
    assert score.word_count == sum(len(words(s)) for s in sentences(text))
    assert score.syllable_count >= score.word_count
