"""Matching a monthly update's actions to the plan's, and what changed in each."""

import random
from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sendtrack.domain.plan_update import (
    ActionFields,
    Written,
    differences,
    match_actions,
    similarity,
)

WORDS = ["train", "nursery", "staff", "publish", "directory", "families", "triage", "panel"]
WORDS += ["health", "guide", "adult", "services", "young", "people", "audit", "plans"]

refs = st.one_of(st.none(), st.sampled_from(["1.1", "1.2", "2.1", "2.2", "3", "A1"]))
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
actions = st.lists(st.builds(Written, ref=refs, text=texts), max_size=12)


def content(matching, existing, incoming):
    """The pairs as what the actions say, which does not depend on where they stand."""
    return Counter((existing[i], incoming[j]) for i, j in matching.pairs)


@given(actions)
@settings(max_examples=200, deadline=None)
def test_the_same_document_again_matches_every_action_and_adds_none(plan):
    matching = match_actions(plan, list(plan))
    assert matching.new == [] and matching.missing == []
    assert all(plan[i] == plan[j] for i, j in matching.pairs)
    assert len(matching.pairs) == len(plan)


@given(actions, actions, st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None)
def test_order_does_not_matter(existing, incoming, rng):
    before = match_actions(existing, incoming)
    shuffled_existing = rng.sample(existing, len(existing))
    shuffled_incoming = rng.sample(incoming, len(incoming))
    after = match_actions(shuffled_existing, shuffled_incoming)
    assert content(before, existing, incoming) == content(
        after, shuffled_existing, shuffled_incoming
    )
    assert Counter(incoming[j] for j in before.new) == Counter(
        shuffled_incoming[j] for j in after.new
    )


@given(actions, actions)
@settings(max_examples=200, deadline=None)
def test_every_action_is_matched_once_new_or_missing(existing, incoming):
    matching = match_actions(existing, incoming)
    paired_existing = [i for i, _ in matching.pairs]
    paired_incoming = [j for _, j in matching.pairs]
    assert sorted(paired_existing + matching.missing) == list(range(len(existing)))
    assert sorted(paired_incoming + matching.new) == list(range(len(incoming)))


def test_refs_first_then_words():
    existing = [
        Written("1.1", "Publish a single early help directory for families"),
        Written("1.2", "Train every nursery in the graduated approach"),
        Written(None, "Set up a weekly triage panel with health partners"),
        Written("4.1", "Close the old referral inbox"),
    ]
    incoming = [
        Written("1.2", "Train every nursery and childminder in the graduated approach"),
        Written("1.1", "Completely reworded, but the same reference"),
        Written("1.3", "Set up a weekly triage panel with health and care partners"),
        Written("5.1", "Write a guide to adult services with young people"),
    ]
    matching = match_actions(existing, incoming)
    assert matching.pairs == [(1, 0), (0, 1), (2, 2)]
    assert matching.new == [3]
    assert matching.missing == [3]


def test_a_ref_on_two_actions_falls_back_to_words():
    existing = [Written("1", "Train nursery staff"), Written("1", "Publish the directory")]
    incoming = [Written("1", "Publish the directory"), Written("1", "Train nursery staff")]
    assert match_actions(existing, incoming).pairs == [(1, 0), (0, 1)]


def test_words_too_different_do_not_match():
    matching = match_actions([Written(None, "Train nursery staff")], [Written(None, "Audit")])
    assert matching.pairs == [] and matching.new == [0] and matching.missing == [0]


def test_best_match_wins_one_to_one():
    existing = [Written(None, "Train nursery staff in autism awareness")]
    incoming = [
        Written(None, "Train nursery staff in autism"),
        Written(None, "Train nursery staff in autism awareness"),
    ]
    matching = match_actions(existing, incoming)
    assert matching.pairs == [(0, 1)] and matching.new == [0]


def test_similarity_ignores_case_and_punctuation():
    assert similarity("Train nursery staff.", "train  NURSERY staff") == 1.0
    assert similarity("Train nursery staff", "Train nursery staff now") < 1.0


def test_a_long_plan_matches_quickly():
    rng = random.Random(1)
    plan = [
        Written(None, " ".join(rng.choice(WORDS) for _ in range(10)) + f" item {n}")
        for n in range(1500)
    ]
    update = rng.sample(plan, len(plan))
    matching = match_actions(plan, update)
    assert len(matching.pairs) == 1500


FIELDS = ActionFields(
    text="Train every nursery",
    owner="Jane Doe",
    due_raw="March 2032",
    due=date(2032, 3, 31),
    status="on_track",
    status_raw="On track",
    rag="green",
)


def test_differences_name_what_changed():
    now = ActionFields(
        text="Train every nursery and childminder",
        owner="Kim Quinn",
        due_raw="June 2032",
        due=date(2032, 6, 30),
        status="delayed",
        status_raw="Delayed: staff shortages",
        rag="red",
    )
    fields = [d.field for d in differences(FIELDS, now)]
    assert fields == ["text", "owner", "due", "progress", "rag"]
    assert differences(FIELDS, FIELDS) == []


def test_blank_cells_in_the_update_are_not_changes():
    blank = ActionFields(FIELDS.text, None, None, None, None, None, None)
    assert differences(FIELDS, blank) == []


def test_new_progress_words_alone_are_a_change():
    now = ActionFields(**{**FIELDS.__dict__, "status_raw": "On track: 12 of 20 trained"})
    assert [d.field for d in differences(FIELDS, now)] == ["progress"]
