"""Six plans written by someone who had not read the reader's rules, from a description of
their layout only (a Word table with one paragraph per action, in two forms; a web page's
table copied one cell per line, and with its cells run together and wrapped; Word outcome
paragraphs with labelled fields, in two forms). They were used to develop the reader, so they
guard what it learned from them; `make bench` holds the blind measure.

Each is read as an upload is read and scored as `bench/import_score.py` scores: a council
uploading one of these sees its actions, and their fields, as the gold has them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.import_score import FIELDS, score_plan
from sendtrack.domain.documents.plan import parse_plan_text
from sendtrack.domain.documents.readers import read_document

HERE = Path(__file__).parent / "written_blind"
DOCUMENTS = sorted(p for p in HERE.iterdir() if p.suffix in {".txt", ".docx"})


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_a_plan_written_blind_is_read_with_its_actions_and_fields(path):
    gold = json.loads(path.with_name(f"{path.stem}.gold.json").read_text(encoding="utf-8"))

    plan = parse_plan_text(read_document(path.read_bytes(), path.name))
    score = score_plan(plan, gold)

    assert score.f1 >= 0.9, f"actions: P {score.precision:.2f} R {score.recall:.2f}"
    for name in FIELDS:
        accuracy = score.fields[name].accuracy
        assert accuracy is None or accuracy >= 0.85, f"{name}: {accuracy:.2f}"


def test_there_are_six_of_them():
    assert len(DOCUMENTS) == 6
