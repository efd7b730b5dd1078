"""The layout-family benchmark runs end to end, and its documents are what it says they are.

Asserts no score: the figures are the benchmark's to print (`make bench`), not a test's to hold.
"""

import json

from bench import importer
from sendtrack.domain.plan_json import validate_plan_json


def test_every_family_document_has_a_valid_gold_plan():
    documents = importer.family_documents(importer.FAMILIES)

    assert len({d.family for d in documents}) == 12
    assert len(documents) == 36
    for document in documents:
        gold = json.loads(document.gold_path.read_text(encoding="utf-8"))
        assert validate_plan_json(gold) == [], document.gold_path.name
        assert gold["actions"], document.gold_path.name


def test_the_bench_reads_scores_and_prints_a_family_row(capsys):
    document = next(
        d
        for d in importer.family_documents(importer.FAMILIES)
        if d.name == "f05b_marlowmere_roadmap"
    )

    gold = json.loads(document.gold_path.read_text(encoding="utf-8"))

    rows = importer.leave_one_family_out([document], importer.todays_rules)
    importer.print_table("one document", rows)

    printed = capsys.readouterr().out
    row = next(line for line in printed.splitlines() if line.strip().startswith("f05-roadmap"))
    assert row.split()[1:3] == ["1", str(len(gold["actions"]))]  # documents, gold actions
    assert "all (micro over actions)" in printed


def test_each_family_is_scored_by_a_reader_made_without_it():
    documents = importer.family_documents(importer.FAMILIES)
    left_out = []

    def train(*, excluding):
        left_out.append(excluding)
        return lambda path: importer.Reading(None, "not read in this test")

    rows = importer.leave_one_family_out(documents, train)

    assert left_out == sorted({d.family for d in documents})
    assert all(r.reading.plan is None for results in rows.values() for r in results)


def test_an_empty_document_counts_as_nothing_found(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", encoding="utf-8")

    reading = importer.read_as_uploaded(empty)

    assert reading.plan is None
    assert "empty" in reading.message


def test_a_readable_document_is_never_answered_with_nothing(tmp_path):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(
        "Minutes\n\nApologies: none.\nThe group discussed the survey.\n", encoding="utf-8"
    )

    reading = importer.read_as_uploaded(minutes)

    assert reading.plan is not None
    assert all(a["confidence"]["action"] < 0.5 for a in reading.plan["actions"])


def test_blind_families_leave_out_the_generated_family_they_belong_to():
    from training.synthetic import FAMILIES as GENERATED

    blind = {d.family for d in importer.family_documents(importer.FAMILIES)}

    assert {importer.generator_family(f) for f in blind} <= set(GENERATED)
    assert importer.generator_family("f05-roadmap") == "roadmap"
    assert importer.generator_family("glued-minutes") == "minutes-glued"
