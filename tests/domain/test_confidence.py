"""The reader's confidence in an action's fields: what the preview highlights to check."""

import pytest

from sendtrack.domain.documents.confidence import LOW, field_confidence, low_fields, needs_check


def test_an_action_with_no_scores_is_certain_and_needs_no_check():
    action = {"text": "Agree the offer"}
    assert field_confidence(action, "owner") == 1.0
    assert low_fields(action) == []
    assert not needs_check(action)


def test_a_missing_field_is_certain_and_a_low_one_is_named():
    action = {"confidence": {"owner": 0.2, "due": 0.9}}
    assert field_confidence(action, "status") == 1.0
    assert low_fields(action) == ["owner"]
    assert needs_check(action)


def test_a_row_that_may_not_be_an_action_needs_a_check_with_no_low_field():
    action = {"confidence": {"action": 0.3}}
    assert low_fields(action) == []
    assert needs_check(action)


def test_the_threshold_itself_is_not_low():
    assert not needs_check({"confidence": {"action": LOW, "due": LOW}})


@pytest.mark.parametrize("value", [None, "0.1", True, [0.1]])
def test_a_score_that_is_not_a_number_counts_as_certain(value):
    assert field_confidence({"confidence": {"owner": value}}, "owner") == 1.0


def test_scores_outside_zero_to_one_are_clamped():
    assert field_confidence({"confidence": {"owner": -2}}, "owner") == 0.0
    assert field_confidence({"confidence": {"owner": 7}}, "owner") == 1.0
    assert field_confidence({"confidence": "high"}, "owner") == 1.0


def test_a_lead_that_opens_as_an_action_does_is_to_be_checked():
    from sendtrack.domain.documents.confidence import with_doubts

    for owner in ("Write", "Circulate a save-the-date for the annual conference"):
        action = {"text": "Write to every school", "owner": owner, "confidence": {"owner": 0.9}}
        assert low_fields(with_doubts(action)) == ["owner"]
    named = {"text": "Write to every school", "owner": "Head of SEND", "confidence": {}}
    assert not needs_check(with_doubts(named))
    capitals = {"text": "Publish the guide", "owner": "SEND Team", "confidence": {}}
    assert not needs_check(with_doubts(capitals))  # "SEND" is not "send"


def test_a_finished_status_read_from_a_note_of_work_still_to_do_is_to_be_checked():
    from sendtrack.domain.documents.confidence import with_doubts

    part_way = {
        "status": "complete",
        "status_raw": "Two sessions delivered; 60% of staff trained.",
        "confidence": {"status": 0.9},
    }
    assert low_fields(with_doubts(part_way)) == ["status"]
    for said in ("Complete – 94% of families contacted within five days.", "Done", "Complete."):
        told = {"status": "complete", "status_raw": said, "confidence": {"status": 0.9}}
        assert not needs_check(with_doubts(told)), said
    going = {"status": "in_progress", "status_raw": "Two of four posts filled; 50% still to go"}
    assert not needs_check(with_doubts(going))
