"""The synthetic plan generator: documents whose gold a scorer can be trained against.

What the training relies on: the same seed gives the same document, every family gives valid
Plan JSON with actions in it, each gold action's text is really in its document, and a
family left out for evaluation never appears in the training corpus.
"""

import csv
import io
import json
import re

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendtrack.domain.plan_json import validate_plan_json
from training.synthetic import FAMILIES, SyntheticDocument, corpus, generate

OWN_FAMILIES = set(FAMILIES[12:])


def normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def document_text(document: SyntheticDocument) -> str:
    """Everything a reader of the file sees, read with python-docx or openpyxl for Office files;
    pipe tables also read column by column, so a cell wrapped over lines reads whole."""
    extension = document.filename.rsplit(".", 1)[1]
    if extension == "docx":
        word = docx.Document(io.BytesIO(document.data))
        parts = [p.text for p in word.paragraphs]
        for table in word.tables:
            for row in table.rows:
                parts += [cell.text for cell in row.cells]
        return "\n".join(parts)
    if extension == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(document.data))
        return "\n".join(
            str(value)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    text = document.data.decode("utf-8")
    if extension == "csv":
        rows = csv.reader(io.StringIO(text), delimiter="\t" if "\t" in text else ",")
        return text + "\n" + "\n".join(" ".join(row) for row in rows)
    return text + "\n" + _pipe_columns(text)


def _pipe_columns(text: str) -> str:
    columns: dict[int, list[str]] = {}
    for line in text.splitlines():
        if " | " in line or line.startswith(" | "):
            for index, cell in enumerate(line.split("|")):
                columns.setdefault(index, []).append(cell)
    return "\n".join(" ".join(cells) for cells in columns.values())


def test_there_are_the_twelve_benchmark_families_and_at_least_five_more():
    assert FAMILIES[:12] == (
        "html-flat",
        "pipe-wrapped",
        "label-deliverables",
        "highlight-report",
        "roadmap",
        "meeting-summary",
        "plain-summary",
        "minutes-glued",
        "word-paragraphs",
        "excel-tracker",
        "project-tool-export",
        "outcome-paragraph-word",
    )
    assert len(OWN_FAMILIES) >= 5
    assert len(set(FAMILIES)) == len(FAMILIES)


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_gives_valid_plan_json_with_actions(family):
    for seed in range(3):
        document = generate(family, seed)
        assert document.family == family
        assert document.filename.startswith(f"{family}-{seed:04d}.")
        assert validate_plan_json(document.gold) == [], document.filename
        assert document.gold["actions"], document.filename
        json.dumps(document.gold)


@pytest.mark.parametrize("family", FAMILIES)
def test_the_same_seed_gives_the_same_document(family):
    first, again = generate(family, 7), generate(family, 7)
    assert first == again
    assert generate(family, 8).gold != first.gold


@pytest.mark.parametrize("family", FAMILIES)
def test_every_gold_action_is_in_its_document_when_nothing_glues_or_wraps(family):
    for seed in range(4):
        document = generate(family, seed, lossy_noise=False)
        text = normalised(document_text(document))
        for action in document.gold["actions"]:
            start = normalised(action["text"])[:40]
            assert start in text, f"{document.filename}: {start!r}"


@pytest.mark.parametrize("family", FAMILIES)
def test_noise_changes_the_document_not_its_gold(family):
    for seed in range(3):
        assert generate(family, seed).gold == generate(family, seed, lossy_noise=False).gold


def test_a_family_left_out_for_evaluation_is_never_in_the_corpus():
    documents = list(corpus(2, seed=3, excluding={"roadmap"}))
    families = {d.family for d in documents}
    assert "roadmap" not in families
    assert families == set(FAMILIES) - {"roadmap"}
    assert len(documents) == 2 * (len(FAMILIES) - 1)
    assert len({d.filename for d in documents}) == len(documents)


def test_the_corpus_refuses_a_family_that_does_not_exist():
    with pytest.raises(ValueError, match="no such families"):
        list(corpus(1, excluding={"roadmaps"}))


def test_ten_documents_of_every_family_generate():
    documents = list(corpus(10, seed=1))
    assert len(documents) == 10 * len(FAMILIES)
    assert all(d.data for d in documents)


def test_dates_without_a_year_fall_on_or_after_the_as_at_date():
    for seed in range(20):
        gold = generate("highlight-report", seed).gold
        for action in gold["actions"]:
            if action["due"] and not re.search(r"\d{4}", action["due_raw"] or ""):
                assert action["due"] >= gold["as_at"][:8] + "01", action


@settings(max_examples=15, deadline=None)
@given(family=st.sampled_from(FAMILIES), seed=st.integers(0, 10**6))
def test_any_seed_gives_valid_gold_whose_sections_are_printed_headings(family, seed):
    gold = generate(family, seed).gold
    assert validate_plan_json(gold) == []
    titles = {s["title"] for s in gold["sections"]}
    for action in gold["actions"]:
        assert action["text"].strip()
        if action["section"] is not None:
            assert action["section"].split(" / ")[-1] in titles
        if action["due"] is not None:
            assert action["due_raw"]


@settings(max_examples=15, deadline=None)
@given(family=st.sampled_from(FAMILIES), seed=st.integers(0, 10**6))
def test_a_rag_is_only_ever_a_stated_colour_and_statuses_are_normalised(family, seed):
    for action in generate(family, seed).gold["actions"]:
        assert action["rag"] in (None, "red", "amber", "green", "blue")
        assert (action["status"] is None) == (action["status_raw"] is None)
