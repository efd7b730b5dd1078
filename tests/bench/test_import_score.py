"""The importer's scorer: what a figure in `make bench` means, on small hand-made plans."""

import copy
import importlib.util
import json
import random

import pytest

from bench.import_score import FIELDS, Score, pair_actions, score_plan
from tests.conftest import shared_path


def action(text, **fields):
    values = {
        "ref": None,
        "section": None,
        "owner": None,
        "due": None,
        "status": None,
        "status_raw": None,
        "rag": None,
        "measures": [],
    }
    return {"text": text, **values, **fields}


GOLD = {
    "actions": [
        action(
            "Publish the refreshed Local Offer website with parent carers",
            ref="1.1",
            section="Priority 1: Local Offer",
            owner="Head of SEND",
            due="2026-03-31",
            status="in_progress",
            status_raw="In progress",
            rag="amber",
            measures=["Visits up by 20%"],
        ),
        action(
            "Train every SENCO in the graduated approach toolkit",
            ref="1.2",
            section="Priority 1: Local Offer",
            owner="Inclusion Team",
            due="2026-07-31",
        ),
        action(
            "Agree a joint commissioning plan for speech and language therapy",
            ref="2.1",
            section="Priority 2: Health",
            owner="DCO",
        ),
    ]
}


def plan(*actions):
    return {"actions": list(actions)}


def test_a_perfect_match_scores_one_everywhere():
    score = score_plan(copy.deepcopy(GOLD), GOLD)

    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    for name in FIELDS:
        assert score.fields[name].accuracy == 1.0
        assert score.fields[name].of_gold == 1.0
    assert score.missed == [] and score.extra == []


def test_a_missed_action_lowers_recall_not_precision():
    produced = plan(*copy.deepcopy(GOLD["actions"][:2]))

    score = score_plan(produced, GOLD)

    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(0.8)
    assert score.missed == [GOLD["actions"][2]["text"]]
    assert score.fields["owner"].accuracy == 1.0  # the found ones are read right…
    assert score.fields["owner"].of_gold == pytest.approx(2 / 3)  # …the missed one is wrong


def test_an_extra_action_lowers_precision_not_recall():
    produced = copy.deepcopy(GOLD)
    produced["actions"].append(action("Attendance: Cllr Rowe, J. Osei, the DCO"))

    score = score_plan(produced, GOLD)

    assert score.recall == 1.0
    assert score.precision == pytest.approx(3 / 4)
    assert score.extra == ["Attendance: Cllr Rowe, J. Osei, the DCO"]


def test_a_wrong_owner_lowers_owner_accuracy_only():
    produced = copy.deepcopy(GOLD)
    produced["actions"][1]["owner"] = "Head of SEND"

    score = score_plan(produced, GOLD)

    assert score.f1 == 1.0
    assert score.fields["owner"].accuracy == pytest.approx(2 / 3)
    assert score.fields["due"].accuracy == 1.0
    assert score.fields["ref"].accuracy == 1.0


def test_matching_is_one_to_one():
    twice = GOLD["actions"][0]["text"]
    produced = plan(action(twice), action(twice))

    score = score_plan(produced, GOLD)

    assert score.found == 1
    assert score.precision == 0.5
    assert score.recall == pytest.approx(1 / 3)
    assert score.extra == [twice]


def test_the_most_similar_pair_is_made_first():
    gold = [action("Review the EHC plan quality audit"), action("Review the EHC plan quality")]
    produced = [action("Review the EHC plan quality")]

    assert pair_actions(produced, gold) == {1: 0}


def test_texts_are_compared_without_case_punctuation_or_markup():
    produced = plan(action("publish the refreshed local offer website, with <b>parent</b> carers."))

    assert score_plan(produced, plan(GOLD["actions"][0])).found == 1


def test_unlike_texts_are_not_paired():
    produced = plan(action("Hold a conference for headteachers in the spring"))

    score = score_plan(produced, plan(GOLD["actions"][1]))

    assert score.found == 0
    assert score.precision == 0.0 and score.recall == 0.0 and score.f1 == 0.0


def test_a_field_the_gold_leaves_empty_is_not_scored():
    produced = plan(action(GOLD["actions"][2]["text"], owner="DCO", rag="red", due="2026-01-31"))

    score = score_plan(produced, plan(GOLD["actions"][2]))

    assert score.fields["rag"].accuracy is None
    assert score.fields["due"].accuracy is None
    assert score.fields["owner"].accuracy == 1.0


def test_a_section_title_cut_short_still_counts_as_the_same_section():
    title = "Priority 3: Improve the timeliness and quality of EHC plans across the partnership"
    gold = plan(action("Audit twenty plans a term", section=title + " and its health partners"))
    produced = plan(action("Audit twenty plans a term", section=title))

    assert score_plan(produced, gold).fields["section"].accuracy == 1.0


def test_truncated_gold_actions_are_neither_found_nor_missed():
    gold = copy.deepcopy(GOLD)
    gold["actions"][2]["truncated"] = True

    score = score_plan(copy.deepcopy(GOLD), gold)

    assert (score.gold, score.produced, score.found) == (2, 2, 2)
    assert score.precision == 1.0 and score.recall == 1.0


def test_scores_add_up_to_a_micro_average_over_actions():
    perfect = score_plan(plan(GOLD["actions"][0]), plan(GOLD["actions"][0]))
    nothing = score_plan(plan(), plan(*GOLD["actions"][1:]))

    total = sum([perfect, nothing], Score())

    assert (total.gold, total.produced, total.found) == (3, 1, 1)
    assert total.recall == pytest.approx(1 / 3)  # not the mean of 1.0 and 0.0
    assert total.fields["owner"].of_gold == pytest.approx(1 / 3)


def test_figures_agree_with_the_shared_scorer():
    """Same names, same meaning: score_import.py's figures from ours, on the development set's
    gold plans read back with words changed, actions dropped and fields altered."""
    scorer = shared_path("tools", "score_import.py")
    spec = importlib.util.spec_from_file_location("score_import", scorer)
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    chance = random.Random(13)
    for gold_path in sorted(shared_path("import-devset", "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        produced = copy.deepcopy(gold)
        chance.shuffle(produced["actions"])
        del produced["actions"][-2:]
        for item in produced["actions"]:
            item["text"] = item["text"][chance.randint(0, 12) :] + " (carried forward)"
            item["owner"] = chance.choice([item["owner"], "Head of SEND"])
            item["section"] = (item["section"] or "")[: chance.randint(20, 90)]

        theirs, ours = shared.score(produced, gold), score_plan(produced, gold)

        assert ours.precision == pytest.approx(theirs["precision"])
        assert ours.recall == pytest.approx(theirs["recall"])
        for name, figure in theirs["fields"].items():
            assert ours.fields[name].of_gold == pytest.approx(figure), (gold_path.name, name)
