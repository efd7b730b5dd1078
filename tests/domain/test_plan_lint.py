"""Plan lint rules, each on its own, then the whole plan."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.plan_lint import (
    ACTION_RULES,
    LintContext,
    action_where,
    context_for_plan,
    duplicate_actions,
    impossible_date,
    initials_in,
    lint_plan,
    no_date,
    no_measure,
    no_owner,
    past_due,
    read_action_date,
    unresolved_initials,
    vague_date,
)

AS_AT = date(2023, 4, 30)
CTX = LintContext(as_at=AS_AT)


def action(**fields: Any) -> dict[str, Any]:
    """A complete, well-formed action; tests change one field at a time."""
    base: dict[str, Any] = {
        "ref": "1.1",
        "section": "Workstream 1 – Local Offer",
        "text": "Rewrite the short breaks pages with parents",
        "owner": "Head of SEND",
        "partners": [],
        "start_raw": None,
        "due_raw": "30/06/2023",
        "due": "2023-06-30",
        "status_raw": None,
        "status": None,
        "rag": None,
        "measures": ["Parents say the pages are clear"],
        "finding": None,
    }
    base.update(fields)
    return base


def test_a_well_formed_action_breaks_no_rule():
    assert [rule.__name__ for rule in ACTION_RULES if rule(action(), CTX)] == []


# --- no_owner ---------------------------------------------------------------------------------


@pytest.mark.parametrize("owner", [None, "", "   "])
def test_no_owner(owner):
    assert no_owner(action(owner=owner), CTX) == "No owner: say who leads this action."


def test_an_owner_is_enough():
    assert no_owner(action(owner="GB"), CTX) is None


# --- no_date ----------------------------------------------------------------------------------


def test_no_date():
    assert no_date(action(due_raw=None, due=None), CTX) == (
        "No date: say when this action will be done."
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "complete"},
        {"status": "closed"},
        {"status": "embedded"},
        {"status_raw": "Completed"},
        {"due_raw": "Complete", "due": None},
    ],
)
def test_a_finished_action_needs_no_date(fields):
    assert no_date(action(**({"due_raw": None, "due": None} | fields)), CTX) is None


def test_a_date_text_is_a_date_even_when_vague():
    assert no_date(action(due_raw="Ongoing", due=None), CTX) is None


# --- impossible_date --------------------------------------------------------------------------


def test_a_day_that_does_not_exist():
    assert impossible_date(action(due_raw="31/09/2023", due=None), CTX) == (
        "Impossible date '31/09/2023': 31/09/2023 is not a real date."
    )


def test_text_that_is_not_a_date():
    message = impossible_date(action(due_raw="StCo", due=None), CTX)
    assert message == "Impossible date 'StCo': could not read a date from 'StCo'."


def test_a_month_without_a_year_takes_the_year_the_importer_found():
    """A plan with no as-at date whose date column's name prints the year ("When (2031)"):
    the importer gave "Sept" its year, so the month is neither impossible nor vague."""
    no_as_at = LintContext()
    dated = action(due_raw="Sept", due="2031-09-30")
    assert impossible_date(dated, no_as_at) is None
    assert vague_date(dated, no_as_at) is None
    assert impossible_date(action(due_raw="Feb/July", due="2031-07-31"), no_as_at) is None
    assert read_action_date("Sept", date(2031, 9, 30), None).due == date(2031, 9, 30)


def test_a_month_without_a_year_and_no_due_is_still_impossible():
    no_as_at = LintContext()
    message = impossible_date(action(due_raw="Sept", due=None), no_as_at)
    assert message is not None and message.startswith("Impossible date 'Sept': no year given")
    # A due that is not the date the text names is not trusted.
    assert impossible_date(action(due_raw="Sept", due="2031-03-31"), no_as_at) is not None
    assert impossible_date(action(due_raw="31/09", due="2031-09-30"), no_as_at) is not None


@pytest.mark.parametrize("raw", [None, "", "March 2025", "Ongoing", "Autumn Term 2023"])
def test_possible_dates(raw):
    assert impossible_date(action(due_raw=raw), CTX) is None


# --- vague_date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ongoing", "it names no day, month, term or quarter"),
        ("TBD", "it names no day, month, term or quarter"),
        ("DfE contingent", "it names no day, month, term or quarter"),
        ("2024", "a whole year is too long"),
        ("2023/24", "a whole financial year is too long"),
        ("Monthly", "it names no day, month, term or quarter"),
    ],
)
def test_vague_dates(raw, expected):
    message = vague_date(action(due_raw=raw), CTX)
    assert message is not None and message.startswith(f"Vague date '{raw}': ")
    assert expected in message


@pytest.mark.parametrize(
    "raw",
    ["31/03/2024", "March 2024", "Autumn Term 2023", "Q2 2023/24", "Complete", "31/09/2023", None],
)
def test_precise_finished_or_impossible_dates_are_not_vague(raw):
    assert vague_date(action(due_raw=raw), CTX) is None


# --- no_measure -------------------------------------------------------------------------------


def test_no_measure():
    assert no_measure(action(measures=[]), CTX) == (
        "No measure of success: say how you will know this action has worked."
    )


def test_blank_measures_are_no_measure():
    assert no_measure(action(measures=["  "]), CTX) is not None


def test_a_section_with_impact_indicators_measures_its_actions():
    ctx = LintContext(as_at=AS_AT, sections_with_measures=frozenset({"Workstream 1 – Local Offer"}))

    assert no_measure(action(measures=[]), ctx) is None
    assert (
        no_measure(action(measures=[], section="Workstream 1 – Local Offer / Obj 1.1"), ctx) is None
    )
    assert no_measure(action(measures=[], section="Workstream 2"), ctx) is not None


# --- unresolved_initials ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "initials"),
    [
        ("PeRi SEND GM", ["PeRi", "SEND", "GM"]),
        ("NiWi AD for Education and Skills", ["NiWi", "AD"]),
        ("GB", ["GB"]),
        ("GwFe / SaCa", ["GwFe", "SaCa"]),
        ("Head of Service", []),
        ("Interim Head of Service for SENDIASS", []),
        ("HEAD OF SERVICE, PeRi", ["PeRi"]),
        ("McDonald", []),
        ("O'Neil", []),
        ("PRU Commissioning Manager", []),
        ("JB (Head of SEN)", ["JB", "SEN"]),
        ("JB, Head of SEN", ["JB", "SEN"]),
    ],
)
def test_what_looks_like_initials(owner, initials):
    assert initials_in(owner) == initials


def test_initials_not_in_the_glossary_or_people():
    message = unresolved_initials(action(owner="PeRi SEND GM, GB"), CTX)

    assert message == (
        "Initials not resolved: PeRi, GM, GB are not in the owner glossary or the "
        "partnership's people, so nobody can be told about this action."
    )


def test_initials_explained_by_glossary_or_people():
    plan = {"owner_glossary": {"PeRi": "Penny Richardson", "SEND GM": "SEND Group Manager"}}
    ctx = context_for_plan(plan, known_people={"Graham Brown", "GB"})

    assert unresolved_initials(action(owner="PeRi SEND GM, GB"), ctx) is None
    assert unresolved_initials(action(owner="PeRi, SaCa"), ctx) == (
        "Initials not resolved: SaCa is not in the owner glossary or the partnership's "
        "people, so nobody can be told about this action."
    )


def test_common_abbreviations_are_not_initials():
    assert unresolved_initials(action(owner="SEND team with CCG and LA"), CTX) is None


def test_no_owner_is_not_an_initials_problem():
    assert unresolved_initials(action(owner=None), CTX) is None


# --- past_due ---------------------------------------------------------------------------------


def test_past_due_and_not_complete():
    assert past_due(action(due_raw="28/02/2023", due="2023-02-28"), CTX) == (
        "Past due: due 28 February 2023, before the plan's as-at date 30 April 2023, and not "
        "marked complete."
    )


def test_a_stored_plan_checked_today_says_its_actions_are_past_due_today():
    plan = {"as_at": "2023-04-30", "actions": [action(due_raw="31/07/2026", due="2026-07-31")]}
    messages = [p["message"] for p in lint_plan(plan, today=date(2026, 12, 6))]
    assert (
        "Past due: due 31 July 2026, before today, 6 December 2026, and not marked complete."
        in messages
    )
    assert not any("Past due" in m for m in lint_plan(plan))  # the document spoke before it


def test_past_due_is_read_from_the_date_text_when_due_is_missing():
    assert past_due(action(due_raw="January 2023", due=None), CTX) is not None


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "complete"},
        {"status_raw": "Complete"},
        {"due_raw": "31/03/2023 Complete"},
        {"due": "2023-04-30", "due_raw": "30/04/2023"},
        {"due": "2023-06-30"},
        {"due": None, "due_raw": "Ongoing"},
    ],
)
def test_not_past_due(fields):
    assert past_due(action(**({"due": "2023-03-31"} | fields)), CTX) is None


def test_no_as_at_date_means_nothing_is_past_due():
    assert past_due(action(due="2001-01-31"), LintContext()) is None


# --- duplicate_actions ------------------------------------------------------------------------


def test_duplicates_ignore_case_punctuation_and_spacing():
    actions = [
        action(text="Rewrite the short breaks pages."),
        action(text="Train SENCOs"),
        action(text="rewrite  the short-breaks pages"),
        action(text="Complete"),
        action(text="Complete"),
    ]

    assert duplicate_actions(actions) == {2: 0}


@given(st.lists(st.sampled_from(["Write the strategy", "Train SENCOs", "Hold the review"])))
def test_every_repeat_points_at_the_first(texts):
    found = duplicate_actions([{"text": t} for t in texts])

    assert set(found) == {i for i, t in enumerate(texts) if t in texts[:i]}
    assert all(texts[first] == texts[i] and first < i for i, first in found.items())


# --- the whole plan ---------------------------------------------------------------------------


def test_where_names_the_ref_or_the_place():
    assert action_where(action(ref="2.2 B.3"), 4) == "action 2.2 B.3"
    assert action_where(action(ref=None), 4) == "action #5"


def plan(*actions: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "plan_title": "Eastmoor plan",
        "as_at": "2023-04-30",
        "owner_glossary": {},
        "indicators": [],
        "actions": list(actions),
        "problems": [],
    } | fields


def test_lint_plan_lists_problems_in_document_order_in_plan_json_form():
    problems = lint_plan(
        plan(
            action(ref="1", owner=None),
            action(ref=None, text="Train SENCOs", due_raw="31/09/2023", due=None, measures=[]),
            action(ref="3", owner="Head of SEND"),
        )
    )

    assert problems == [
        {
            "where": "action 1",
            "rule": "no_owner",
            "message": "No owner: say who leads this action.",
        },
        {
            "where": "action #2",
            "rule": "impossible_date",
            "message": "Impossible date '31/09/2023': 31/09/2023 is not a real date.",
        },
        {
            "where": "action #2",
            "rule": "no_measure",
            "message": "No measure of success: say how you will know this action has worked.",
        },
        {
            "where": "action 3",
            "rule": "duplicate_action",
            "message": "Duplicate action: the same text as action 1.",
        },
    ]


def test_known_people_resolve_initials():
    document = plan(action(owner="JoHa"))

    assert [p["rule"] for p in lint_plan(document)] == ["unresolved_initials"]
    assert lint_plan(document, known_people={"JoHa"}) == []
    assert lint_plan(document, known_people=frozenset({"Jo Harris", "JoHa"})) == []


def test_the_importers_own_problems_are_kept_unless_found_again():
    recorded = [
        {"where": "2.1", "rule": "impossible_date", "message": "31/09/2023 is not a real date"},
        {"where": "Train SENCOs", "rule": "duplicate_action", "message": "action listed twice"},
    ]
    document = plan(action(ref="2.1", due_raw="31/09/2023", due=None), problems=recorded)

    assert [(p["where"], p["rule"]) for p in lint_plan(document)] == [
        ("action 2.1", "impossible_date"),
        ("Train SENCOs", "duplicate_action"),
    ]


def test_an_empty_or_odd_plan_is_linted_without_crashing():
    assert lint_plan({}) == []
    assert lint_plan({"actions": ["not an action", None], "as_at": "not a date"}) == []
