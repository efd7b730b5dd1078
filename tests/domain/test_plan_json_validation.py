"""Plan JSON validation: every kind of bad field is reported with the field and its place."""

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.plan_json import (
    ACTION_KEYS,
    PLAN_KEYS,
    PlanJSONError,
    PlanJSONProblem,
    validate_plan_json,
)
from tests.conftest import SHARED_DIR, shared_path


def valid_plan() -> dict[str, Any]:
    """A small valid plan; each test breaks one thing in it."""
    return {
        "plan_title": "Local Area Inclusion Plan",
        "organisation": "Anyshire Council",
        "kind": "improvement_plan",
        "as_at_raw": "June 2024",
        "as_at": "2024-06-30",
        "sections": [
            {
                "ref": "1",
                "title": "Workstream 1 Early help",
                "kind": "workstream",
                "parent_ref": None,
            },
            {
                "ref": "1.1",
                "title": "Objective 1.1 Find needs early",
                "kind": "objective",
                "parent_ref": "1",
            },
        ],
        "actions": [
            {
                "ref": "1.1.1",
                "section": "Workstream 1 Early help / Objective 1.1 Find needs early",
                "text": "Train nursery staff in early identification.",
                "owner": "AbCd",
                "partners": ["Health visitors"],
                "start_raw": None,
                "due_raw": "March 2025",
                "due": "2025-03-31",
                "status_raw": "On track",
                "status": "on_track",
                "rag": "green",
                "measures": ["Staff trained"],
                "finding": None,
            },
            {
                "ref": "1.1.2",
                "section": None,
                "text": "Publish a guide for families.",
                "owner": None,
                "partners": [],
                "start_raw": None,
                "due_raw": None,
                "due": None,
                "status_raw": None,
                "status": None,
                "rag": None,
                "measures": [],
                "finding": None,
            },
        ],
        "milestones": [{"section": None, "text": "Guide published", "due_raw": None, "due": None}],
        "risks": [
            {
                "title": "Staff turnover",
                "detail": None,
                "rag": "amber",
                "impact": None,
                "mitigation": None,
                "owner": None,
            }
        ],
        "indicators": [{"section": None, "text": "Families reached", "kind": "how_much"}],
        "owner_glossary": {"AbCd": "Alex Bird"},
        "problems": [{"where": "1.1.2", "rule": "no_owner", "message": "no owner printed"}],
    }


def messages(data: object) -> list[str]:
    return [str(problem) for problem in validate_plan_json(data)]


def broken(change: Any) -> list[str]:
    data = copy.deepcopy(valid_plan())
    change(data)
    return messages(data)


def test_a_valid_plan_has_no_problems():
    assert validate_plan_json(valid_plan()) == []


def test_a_plan_must_be_an_object():
    assert messages([1, 2]) == ["a plan must be a JSON object, not a list"]
    assert messages(None) == ["a plan must be a JSON object, not null"]


@pytest.mark.parametrize("key", PLAN_KEYS)
def test_each_missing_top_level_key_is_named(key):
    assert broken(lambda d: d.pop(key)) == [f"{key}: is missing"]


def test_an_unknown_top_level_key_is_named():
    assert broken(lambda d: d.update(colour="red")) == [
        "colour: is not a key of the plan in Plan JSON"
    ]


@pytest.mark.parametrize("key", ACTION_KEYS)
def test_each_missing_action_key_is_named_with_its_index(key):
    assert broken(lambda d: d["actions"][1].pop(key)) == [f"actions[1].{key}: is missing"]


def test_an_impossible_due_date_is_named_with_its_index():
    assert broken(lambda d: d["actions"][1].update(due="2023-02-30")) == [
        'actions[1].due: "2023-02-30" is not a date (YYYY-MM-DD)'
    ]


@pytest.mark.parametrize("value", ["30/03/2023", "2023-3-30", "20230330", 20230330, "March 2023"])
def test_a_due_date_not_written_yyyy_mm_dd_is_refused(value):
    assert broken(lambda d: d["actions"][0].update(due=value)) == [
        f"actions[0].due: {json.dumps(value)} is not a date (YYYY-MM-DD)"
    ]


def test_a_bad_as_at_and_milestone_due_are_named():
    def change(d):
        d["as_at"] = "2024-13-01"
        d["milestones"][0]["due"] = "soon"

    assert broken(change) == [
        'as_at: "2024-13-01" is not a date (YYYY-MM-DD)',
        'milestones[0].due: "soon" is not a date (YYYY-MM-DD)',
    ]


def test_a_section_kind_not_in_the_list_names_the_choices():
    (message,) = broken(lambda d: d["sections"][1].update(kind="chapter"))
    assert message.startswith('sections[1].kind: "chapter" is not one of workstream, priority,')
    assert "key_concern, heading or null" in message


@pytest.mark.parametrize(
    ("where", "key", "value", "expected"),
    [
        ("", "kind", "strategy", 'kind: "strategy" is not one of written_statement_of_action'),
        ("actions", "status", "done", 'actions[0].status: "done" is not one of not_started'),
        ("actions", "rag", "purple", 'actions[0].rag: "purple" is not one of red, amber'),
        ("actions", "rag", "R", 'actions[0].rag: "R" is not one of red, amber'),
        ("risks", "rag", "Green", 'risks[0].rag: "Green" is not one of red, amber'),
        ("indicators", "kind", "how_often", 'indicators[0].kind: "how_often" is not one of'),
    ],
)
def test_values_outside_their_lists_are_named(where, key, value, expected):
    def change(d):
        (d[where][0] if where else d)[key] = value

    (message,) = broken(change)
    assert message.startswith(expected)


def test_a_parent_ref_must_name_an_earlier_section():
    def change(d):
        d["sections"][0]["parent_ref"] = "1.1"

    assert broken(change) == ['sections[0].parent_ref: "1.1" is not the ref of an earlier section']


def test_wrong_types_are_named():
    def change(d):
        d["plan_title"] = 12
        d["actions"][0]["text"] = None
        d["actions"][0]["owner"] = ["AbCd"]
        d["actions"][0]["partners"] = "Health visitors"
        d["actions"][1]["measures"] = ["ok", None]
        d["sections"][1]["title"] = True

    assert broken(change) == [
        "plan_title: must be text, not a number (12)",
        "sections[1].title: must be text, not true or false (true)",
        "actions[0].text: must be text, not null",
        'actions[0].owner: must be text or null, not a list (["AbCd"])',
        "actions[0].partners: must be a list of strings, not a string",
        "actions[1].measures[1]: must be a string, not null",
    ]


def test_lists_and_objects_of_the_wrong_shape_are_named():
    def change(d):
        d["sections"] = {"1": "Workstream"}
        d["actions"][1] = "Publish a guide"
        d["owner_glossary"] = [["AbCd", "Alex Bird"]]
        d["problems"][0] = "no owner"

    assert broken(change) == [
        "sections: must be a list, not an object",
        "actions[1]: an action must be a JSON object, not a string",
        "owner_glossary: must be an object, not a list",
        "problems[0]: a problem must be a JSON object, not a string",
    ]


def test_empty_text_is_refused_where_it_means_nothing():
    def change(d):
        d["actions"][0]["text"] = "  "
        d["organisation"] = ""

    assert broken(change) == [
        'organisation: must not be empty (write null when there is none, not "")',
        "actions[0].text: must not be empty",
    ]


def test_a_value_longer_than_its_column_is_named():
    (message,) = broken(lambda d: d["actions"][1].update(ref="9" * 101))
    assert message == "actions[1].ref: is 101 characters long; the most it may be is 100"


def test_unknown_keys_are_refused_except_on_actions():
    def change(d):
        d["actions"][0].update(note="split from one row", truncated=True, reviewer="AB")
        d["actions"][0]["status_history"] = [{"column": "May", "value": "Amber"}]
        d["actions"][0]["narrative"] = "Some progress."
        d["sections"][0]["colour"] = "blue"
        d["milestones"][0]["note"] = "x"

    assert broken(change) == [
        "sections[0].colour: is not a key of a section in Plan JSON",
        "milestones[0].note: is not a key of a milestone in Plan JSON",
    ]


def test_the_optional_action_keys_are_checked_when_present():
    def change(d):
        d["actions"][0]["truncated"] = "yes"
        d["actions"][0]["note"] = 3
        d["actions"][1]["status_history"] = [{"column": "May"}, "Amber"]

    assert broken(change) == [
        "actions[0].note: must be text or null, not a number (3)",
        "actions[0].truncated: must be true or false, not a string",
        "actions[1].status_history[0].value: is missing",
        "actions[1].status_history[1]: a status must be a JSON object, not a string",
    ]


def test_a_glossary_name_must_be_text():
    assert broken(lambda d: d["owner_glossary"].update(XyZ=None)) == [
        'owner_glossary["XyZ"]: must be a full name (a string), not null'
    ]


def test_every_problem_is_reported_not_only_the_first():
    def change(d):
        d["actions"][0]["due"] = "2023-02-30"
        d["actions"][1]["due"] = "2023-04-31"
        d["risks"][0]["title"] = None

    assert len(broken(change)) == 3


def test_the_error_lists_the_problems_readably():
    problems = [PlanJSONProblem(f"actions[{i}].due", "is missing") for i in range(25)]
    error = PlanJSONError(problems)
    assert isinstance(error, ValueError)
    assert error.problems == problems
    lines = str(error).splitlines()
    assert lines[0] == "Not valid Plan JSON (25 problems):"
    assert lines[1] == "  actions[0].due: is missing"
    assert lines[-1] == "  … and 5 more"
    assert str(PlanJSONError(problems[:1])).splitlines()[0] == "Not valid Plan JSON (1 problem):"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from([*PLAN_KEYS, *ACTION_KEYS, "x"]), children, max_size=6)
    ),
    max_leaves=30,
)


@given(json_values)
def test_any_json_value_gives_a_list_of_problems_and_never_raises(value):
    problems = validate_plan_json(value)
    assert all(isinstance(p, PlanJSONProblem) and str(p) for p in problems)


@given(st.sampled_from(["actions", "sections", "milestones", "risks", "indicators"]), json_values)
def test_any_item_in_a_list_gives_problems_and_never_raises(key, value):
    data = valid_plan()
    data[key].append(value)
    validate_plan_json(data)


def _gold_names() -> list[str]:
    gold = SHARED_DIR / "seeds" / "gold"
    return sorted(p.name for p in gold.glob("*.json")) if gold.is_dir() else ["(no gold files)"]


@pytest.mark.parametrize("name", _gold_names())
def test_the_gold_files_are_valid(name):
    data = json.loads((shared_path("seeds", "gold") / name).read_text(encoding="utf-8"))
    assert validate_plan_json(data) == []
