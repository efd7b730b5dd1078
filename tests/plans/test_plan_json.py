"""Loading Plan JSON into a partnership and exporting it back: exact, all-or-nothing, audited."""

import copy
import io
import json
import math
import re
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendtrack import cli
from sendtrack.accounts.models import Partnership, Person
from sendtrack.accounts.services import partnership_for_slug
from sendtrack.domain.plan_json import ACTION_KEYS, MAX_LENGTHS, PLAN_KEYS, PlanJSONError
from sendtrack.plans import storage
from sendtrack.plans.models import (
    Action,
    DatePrecision,
    Finding,
    ImpactIndicator,
    Milestone,
    Plan,
    Risk,
    Section,
)
from sendtrack.plans.storage import RAG_STATED_REASON, export_plan, load_plan, plan_counts
from tests.conftest import SHARED_DIR, shared_path
from tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [Partnership, Person, Plan, Section, Action, Finding, Milestone, ImpactIndicator, Risk]


def synthetic_plan(actions: int = 8) -> dict[str, Any]:
    """A made-up plan in the shapes of the gold files, using every field and convention.

    Sections nest three deep, some have no ref and one ref is used twice (parents go to the
    most recent section with the ref); action section paths are written both as title paths
    and as "ref title"; the owner glossary gives one person two abbreviations.
    """
    sections = [
        {"ref": None, "title": "Programme risks", "kind": "heading", "parent_ref": None},
        {
            "ref": "W1",
            "title": "Workstream 1 – Early help",
            "kind": "workstream",
            "parent_ref": None,
        },
        {
            "ref": "W1.1",
            "title": "Objective W1.1 Needs are found early",
            "kind": "objective",
            "parent_ref": "W1",
        },
        {
            "ref": "W1.1 KC",
            "title": "Key Concern: late identification in the early years",
            "kind": "key_concern",
            "parent_ref": "W1.1",
        },
        {
            "ref": "W2",
            "title": "Workstream 2 – Preparing for adulthood",
            "kind": "workstream",
            "parent_ref": None,
        },
        {
            "ref": "A",
            "title": "Transition plans are ready by Year 9",
            "kind": "area",
            "parent_ref": "W2",
        },
        {
            "ref": "W1",
            "title": "Workstream 1 – Early help (continued)",
            "kind": "workstream",
            "parent_ref": None,
        },
        {
            "ref": "W1.2",
            "title": "Objective W1.2 Families know where to go",
            "kind": "objective",
            "parent_ref": "W1",
        },
        {"ref": None, "title": "Next steps", "kind": None, "parent_ref": None},
    ]
    sample = [
        {
            "ref": "W1.1.1",
            "section": "Workstream 1 – Early help / Objective W1.1 Needs are found early",
            "text": "Offer every nursery a termly visit from the early years inclusion team.",
            "owner": "AbCd Early Years Lead",
            "partners": ["Nurseries", "Health visitors"],
            "start_raw": "April 2024",
            "due_raw": "March 2025",
            "due": "2025-03-31",
            "status_raw": "On track",
            "status": "on_track",
            "rag": "green",
            "measures": ["90% of nurseries visited", "Referrals before age 3 rise"],
            "finding": "Needs are identified too late for children under five.",
        },
        {
            "ref": "W1.1.2",
            "section": "Workstream 1 – Early help / Objective W1.1 Needs are found early / "
            "Key Concern: late identification in the early years",
            "text": "Agree one referral form for health visitors and nurseries. "
            "Café-style drop-ins for parents – “ask us anything”.",
            "owner": "EfGh, AbCd",
            "partners": [],
            "start_raw": None,
            "due_raw": "31/09/2024",
            "due": None,
            "status_raw": "Delayed – waiting for ICB sign-off",
            "status": "delayed",
            "rag": "red",
            "measures": [],
            "finding": "Needs are identified too late for children under five.",
            "note": "completion date is not a real day",
        },
        {
            "ref": "A.1",
            "section": "A Transition plans are ready by Year 9",
            "text": "Audit Year 9 annual reviews for a preparing-for-adulthood section.",
            "owner": "SEN Team Manager",
            "partners": ["Schools"],
            "start_raw": None,
            "due_raw": "Autumn Term 2024",
            "due": "2024-12-31",
            "status_raw": "Complete",
            "status": "complete",
            "rag": "blue",
            "measures": ["All Year 9 reviews audited"],
            "finding": "Young people are not prepared well for adulthood.",
            "truncated": True,
            "status_history": [
                {"column": "June", "value": "Amber"},
                {"column": "September", "value": "Blue"},
            ],
        },
        {
            "ref": None,
            "section": "Workstream 1 – Early help (continued) / "
            "Objective W1.2 Families know where to go",
            "text": "Rewrite the Local Offer home page with the parent carer forum.",
            "owner": "Participation lead (SENIOR OFFICER)",
            "partners": ["Parent carer forum"],
            "start_raw": None,
            "due_raw": "Ongoing",
            "due": None,
            "status_raw": None,
            "status": None,
            "rag": "amber",
            "measures": [],
            "finding": None,
            "narrative": "Two workshops held; the draft is with the forum.",
            "reviewed_by": {"name": "the board", "on": "2024-05-01"},
        },
        {
            "ref": "6a",
            "section": "Next steps",
            "text": "Report progress to the improvement board each quarter.",
            "owner": None,
            "partners": [],
            "start_raw": None,
            "due_raw": None,
            "due": None,
            "status_raw": "Not started",
            "status": "not_started",
            "rag": None,
            "measures": [],
            "finding": None,
        },
        {
            "ref": "9.9",
            "section": "Workstream 9 – Not in this plan",
            "text": "Keep the section text even when no section has that title.",
            "owner": "senior officer",
            "partners": [],
            "start_raw": None,
            "due_raw": "Jan",
            "due": "2025-01-31",
            "status_raw": "embedded in practice",
            "status": "embedded",
            "rag": None,
            "measures": [],
            "finding": None,
        },
    ]
    action_list = []
    for index in range(actions):
        action = copy.deepcopy(sample[index % len(sample)])
        if index >= len(sample):
            action["ref"] = f"X.{index}"
            action["text"] = f"Repeat {index}: {action['text']}"
        action_list.append(action)
    return {
        "plan_title": "Anyshire Local Area SEND Improvement Plan 2024–2026",
        "organisation": "Anyshire County Council and Anyshire ICB",
        "kind": "written_statement_of_action",
        "as_at_raw": "as at May 2024",
        "as_at": "2024-05-31",
        "sections": sections,
        "actions": action_list,
        "milestones": [
            {
                "section": "Workstream 1 – Early help",
                "text": "Inclusion team fully staffed",
                "due_raw": "September 2024",
                "due": "2024-09-30",
            },
            {
                "section": None,
                "text": "Board signs off the refreshed strategy",
                "due_raw": None,
                "due": None,
            },
        ],
        "risks": [
            {
                "title": "Recruitment",
                "detail": "Few applicants for educational psychologist posts",
                "rag": "red",
                "impact": "Advice for assessments is late",
                "mitigation": "Agency cover while posts are advertised",
                "owner": "EfGh",
            },
            {
                "title": "Funding",
                "detail": None,
                "rag": None,
                "impact": None,
                "mitigation": None,
                "owner": None,
            },
        ],
        "indicators": [
            {
                "section": "Workstream 2 – Preparing for adulthood",
                "text": "Number of annual reviews with a preparing-for-adulthood section",
                "kind": "how_much",
            },
            {
                "section": "Workstream 2 – Preparing for adulthood / "
                "Transition plans are ready by Year 9",
                "text": "Share of young people in education, employment or training at 19",
                "kind": "better_off",
            },
            {"section": None, "text": "Families say the Local Offer helped", "kind": None},
        ],
        "owner_glossary": {
            "AbCd": "Alex Bird",
            "EfGh": "Erin Fahey",
            "SENIOR OFFICER": "Alex Bird",
        },
        "problems": [
            {
                "where": "W1.1.2",
                "rule": "impossible_date",
                "message": "completion date '31/09/2024' is not a real day; due left null",
            },
        ],
    }


def row_counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    for model in MODELS[1:]:
        counts[f"history of {model.__name__}"] = model.history.count()
    counts["action owners"] = Action.owners.through.objects.count()
    counts["action findings"] = Action.findings.through.objects.count()
    return counts


@pytest.fixture
def partnership():
    return PartnershipFactory(slug="anyshire", name="Anyshire SEND Partnership")


# --- round trip ---------------------------------------------------------------------------


def test_load_then_export_gives_back_every_field(partnership):
    data = synthetic_plan()
    plan = load_plan(copy.deepcopy(data), partnership=partnership)
    exported = export_plan(Plan.objects.get(pk=plan.pk))

    assert exported == data
    assert list(exported) == list(PLAN_KEYS)
    assert [list(s) for s in exported["sections"]] == [list(s) for s in data["sections"]]
    assert [list(a) for a in exported["actions"]] == [list(a) for a in data["actions"]]
    assert list(exported["actions"][0]) == list(ACTION_KEYS)
    assert list(exported["problems"][0]) == ["where", "rule", "message"]
    assert list(exported["actions"][2]["status_history"][0]) == ["column", "value"]


def test_an_empty_plan_round_trips(partnership):
    data = {key: [] for key in PLAN_KEYS}
    data.update(
        plan_title="A plan with nothing in it yet",
        organisation=None,
        kind=None,
        as_at_raw=None,
        as_at=None,
        owner_glossary={},
    )
    assert export_plan(load_plan(copy.deepcopy(data), partnership=partnership)) == data


def test_loading_keeps_raw_values_and_resolves_them(partnership):
    plan = load_plan(synthetic_plan(), partnership=partnership, source_document="anyshire.json")

    assert plan.partnership == partnership
    assert plan.source_document == "anyshire.json"
    assert plan.as_at == date(2024, 5, 31)
    assert plan.organisation_name == "Anyshire County Council and Anyshire ICB"
    first, second, third, fourth, fifth, sixth = Action.objects.filter(plan=plan)[:6]
    assert all(a.partnership == partnership for a in (first, second, third))
    assert [a.position for a in (first, second, third)] == [0, 1, 2]
    assert first.rag_override == "green"
    assert first.rag_override_reason == RAG_STATED_REASON
    assert fifth.rag_override is None and fifth.rag_override_reason == ""
    assert first.owner_raw == "AbCd Early Years Lead"
    assert first.finding_text == "Needs are identified too late for children under five."
    assert first.due == date(2025, 3, 31)
    assert first.due_precision == DatePrecision.MONTH
    assert second.due is None and second.due_precision == DatePrecision.DAY
    assert third.due_precision == DatePrecision.TERM
    assert fourth.due_precision == DatePrecision.ONGOING
    assert fifth.due_precision == DatePrecision.NONE
    assert sixth.due_precision == DatePrecision.MONTH
    assert first.extra == {}
    assert second.extra == {"note": "completion date is not a real day"}
    assert list(third.extra) == ["truncated", "status_history"]
    assert fourth.extra["reviewed_by"] == {"name": "the board", "on": "2024-05-01"}
    # The document's progress is as at its date (not "updated today" on the dashboard).
    assert {a.last_activity_on for a in Action.objects.filter(plan=plan)} == {plan.as_at}


def test_sections_form_a_tree_and_actions_find_their_section(partnership):
    plan = load_plan(synthetic_plan(), partnership=partnership)
    sections = list(Section.objects.filter(plan=plan).order_by("position"))
    heading, w1, w11, kc, w2, area, w1_again, w12, next_steps = sections

    assert [s.parent for s in sections] == [None, None, w1, w11, None, w2, None, w1_again, None]
    assert next_steps.kind == "" and heading.ref is None

    first, second, third, fourth, fifth, sixth = Action.objects.filter(plan=plan)[:6]
    assert first.section == w11  # the exact title path
    assert second.section == kc  # three levels deep
    assert third.section == area  # "A Transition plans …": the ref printed before the title
    assert fourth.section == w12  # under the second section with ref W1
    assert fifth.section == next_steps
    assert sixth.section is None and sixth.section_path == "Workstream 9 – Not in this plan"

    milestone, no_section = Milestone.objects.filter(plan=plan)
    assert milestone.section == w1 and no_section.section is None
    assert milestone.due_precision == DatePrecision.MONTH
    how_much, better_off, _ = ImpactIndicator.objects.filter(plan=plan)
    assert how_much.section == w2 and better_off.section == area


def test_one_finding_per_distinct_text_linked_to_its_actions(partnership):
    plan = load_plan(synthetic_plan(actions=6), partnership=partnership)
    findings = list(Finding.objects.filter(plan=plan).order_by("id"))
    assert [f.text for f in findings] == [
        "Needs are identified too late for children under five.",
        "Young people are not prepared well for adulthood.",
    ]
    late, adulthood = findings
    assert late.partnership == partnership
    assert [a.ref for a in late.actions.order_by("position")] == ["W1.1.1", "W1.1.2"]
    assert [a.ref for a in adulthood.actions.all()] == ["A.1"]
    assert {s.ref for s in late.sections.all()} == {"W1.1", "W1.1 KC"}


def test_risks_keep_their_owner_text_and_name_the_person(partnership):
    plan = load_plan(synthetic_plan(), partnership=partnership)
    recruitment, funding = Risk.objects.filter(plan=plan)
    assert recruitment.owner_raw == "EfGh" and recruitment.owner.name == "Erin Fahey"
    assert recruitment.rag == "red" and recruitment.partnership == partnership
    assert funding.owner is None and funding.owner_raw is None


# --- owners -------------------------------------------------------------------------------


def test_the_owner_glossary_resolves_initials_to_people(partnership):
    plan = load_plan(synthetic_plan(), partnership=partnership)
    alex = Person.objects.get(partnership=partnership, name="Alex Bird")
    erin = Person.objects.get(partnership=partnership, name="Erin Fahey")
    assert (alex.initials, alex.aliases) == ("AbCd", ["SENIOR OFFICER"])
    assert (erin.initials, erin.aliases) == ("EfGh", [])

    owners = {a.ref: set(a.owners.all()) for a in Action.objects.filter(plan=plan)}
    assert owners["W1.1.1"] == {alex}  # "AbCd Early Years Lead"
    assert owners["W1.1.2"] == {alex, erin}  # "EfGh, AbCd"
    assert owners["A.1"] == set()  # "SEN Team Manager"
    assert owners[None] == {alex}  # "(SENIOR OFFICER)": an alias of several words
    assert owners["9.9"] == {alex}  # "senior officer": words of several match in any case
    assert owners["6a"] == set()  # no owner


def test_initials_match_only_with_the_same_capitals(partnership):
    data = synthetic_plan(actions=0)
    data["actions"] = [
        dict(synthetic_plan()["actions"][4], owner=owner, ref=str(i))
        for i, owner in enumerate(["abcd", "ABCD", "AbCdEf", "AbCd", "Alex bird (interim)"])
    ]
    plan = load_plan(data, partnership=partnership)
    linked = [bool(a.owners.exists()) for a in Action.objects.filter(plan=plan)]
    assert linked == [False, False, False, True, True]


def test_people_already_in_the_partnership_are_reused_not_copied(partnership):
    existing = Person.objects.create(partnership=partnership, name="Erin Fahey", aliases=["EF"])
    other_area = PartnershipFactory(slug="elsewhere")
    Person.objects.create(partnership=other_area, name="Alex Bird", initials="AbCd")

    load_plan(synthetic_plan(), partnership=partnership)
    load_plan(synthetic_plan(), partnership=partnership)

    assert Person.objects.filter(partnership=partnership).count() == 2
    existing.refresh_from_db()
    assert (existing.initials, existing.aliases) == ("EfGh", ["EF"])
    # Created, then updated once by the first load; the second load had nothing to add.
    assert [h.history_type for h in existing.history.order_by("history_id")] == ["+", "~"]
    assert Person.objects.filter(partnership=other_area).count() == 1
    assert not Action.objects.filter(owners__partnership=other_area).exists()


# --- all or nothing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["actions"][3].update(due="2023-02-30"),
        lambda d: d["sections"][2].update(kind="chapter"),
        lambda d: d["actions"][5].pop("text"),
        lambda d: d["risks"][1].update(rag="yellow"),
        lambda d: d.update(problems="none"),
    ],
)
def test_any_validation_error_stores_nothing(partnership, breakage):
    data = synthetic_plan()
    breakage(data)
    before = row_counts()
    with pytest.raises(PlanJSONError) as raised:
        load_plan(data, partnership=partnership)
    assert raised.value.problems
    assert row_counts() == before


def test_the_error_names_the_field_and_its_place(partnership):
    data = synthetic_plan()
    data["actions"][3]["due"] = "2023-02-30"
    with pytest.raises(PlanJSONError, match=re.escape('actions[3].due: "2023-02-30" is not')):
        load_plan(data, partnership=partnership)


def test_a_failure_half_way_through_the_load_rolls_back_everything(partnership, monkeypatch):
    Person.objects.create(partnership=partnership, name="Erin Fahey")
    before = row_counts()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    # By then the plan, sections, people and actions have all been inserted.
    monkeypatch.setattr(storage, "_link_action_owners", fail)
    with pytest.raises(RuntimeError):
        load_plan(synthetic_plan(), partnership=partnership)
    assert row_counts() == before
    assert Person.objects.get(name="Erin Fahey").initials == ""


# --- history ------------------------------------------------------------------------------


def test_history_records_the_creation_and_who_loaded_it(partnership):
    user = UserFactory()
    plan = load_plan(
        synthetic_plan(), partnership=partnership, user=user, source_document="anyshire.json"
    )

    actions = list(Action.objects.filter(plan=plan))
    records = list(Action.history.filter(id__in=[a.pk for a in actions]))
    assert len(records) == len(actions) == 8
    assert {r.history_type for r in records} == {"+"}
    assert {r.history_user for r in records} == {user}
    assert {r.history_change_reason for r in records} == {"Loaded from anyshire.json"}
    assert records[0].instance.text in {a.text for a in actions}

    assert plan.history.get().history_user == user
    for model in (Section, Milestone, ImpactIndicator, Risk, Finding):
        assert (
            model.history.filter(plan_id=plan.pk).count()
            == model.objects.filter(plan=plan).count()
            > 0
        ), model
    assert Person.history.filter(partnership_id=partnership.pk, history_user=user).count() == 2


def test_history_without_a_user_has_no_author(partnership):
    plan = load_plan(synthetic_plan(), partnership=partnership)
    assert not Action.history.filter(plan_id=plan.pk, history_user__isnull=False).exists()
    assert Action.history.filter(plan_id=plan.pk).count() == 8


# --- queries ------------------------------------------------------------------------------


def _extra_insert_batches(rows: dict[type, int]) -> int:
    """How many more INSERT statements the backend needs for ``rows`` than one per table.

    SQLite takes at most 999 parameters a statement, so Django splits a large bulk insert;
    PostgreSQL takes them all at once.
    """
    extra = 0
    for model, count in rows.items():
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        size = connection.ops.bulk_batch_size(fields, [None] * count)
        extra += math.ceil(count / size) - 1
    return extra


def _queries_to_load(data, partnership) -> int:
    with CaptureQueriesContext(connection) as context:
        load_plan(data, partnership=partnership)
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_actions():
    # Each load goes into a partnership of its own: a second load would reuse the people
    # the first one made, and so need fewer queries for a reason that has nothing to do
    # with the number of actions.
    small = _queries_to_load(synthetic_plan(actions=10), partnership_for_slug("small-area"))
    large = _queries_to_load(synthetic_plan(actions=100), partnership_for_slug("large-area"))
    growing = {
        Action: 100,
        Action.history.model: 100,
        Action.owners.through: 100,
        Action.findings.through: 100,
    }
    small_rows = dict.fromkeys(growing, 10)
    assert large - small <= _extra_insert_batches(growing) - _extra_insert_batches(small_rows)
    if connection.vendor == "postgresql":
        assert large == small


def test_the_biggest_gold_file_loads_in_a_bounded_number_of_queries(
    partnership, django_assert_max_num_queries
):
    gold = shared_path("seeds", "gold")
    biggest = max(gold.glob("*.json"), key=lambda p: len(json.loads(p.read_text())["actions"]))
    data = json.loads(biggest.read_text(encoding="utf-8"))
    # 24 on SQLite for Worcestershire's 136 actions (four of them the batches SQLite splits
    # the action inserts into); one query per action would be over 150.
    with django_assert_max_num_queries(30):
        load_plan(data, partnership=partnership)


def test_export_reads_a_fixed_number_of_queries(partnership, django_assert_num_queries):
    small = load_plan(synthetic_plan(actions=5), partnership=partnership)
    large = load_plan(synthetic_plan(actions=60), partnership=partnership)
    for plan in (small, large):
        plan = Plan.objects.get(pk=plan.pk)
        with django_assert_num_queries(5):
            export_plan(plan)


def test_plan_counts(partnership):
    plan = load_plan(synthetic_plan(), partnership=partnership)
    assert plan_counts(plan) == {
        "sections": 9,
        "actions": 8,
        "milestones": 2,
        "impact indicators": 3,
        "risks": 2,
    }


# --- gold files ---------------------------------------------------------------------------


def _gold_names() -> list[str]:
    gold = SHARED_DIR / "seeds" / "gold"
    return sorted(p.name for p in gold.glob("*.json")) if gold.is_dir() else ["(no gold files)"]


@pytest.mark.parametrize("name", _gold_names())
def test_gold_round_trip(name, partnership):
    gold = json.loads((shared_path("seeds", "gold") / name).read_text(encoding="utf-8"))
    plan = load_plan(copy.deepcopy(gold), partnership=partnership, source_document=name)
    exported = export_plan(Plan.objects.get(pk=plan.pk))
    assert exported == gold
    assert [list(a) for a in exported["actions"]] == [list(a) for a in gold["actions"]]


# --- commands -----------------------------------------------------------------------------


def write_json(tmp_path, data, name="plan.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_plan_command_loads_and_reports_counts(tmp_path):
    path = write_json(tmp_path, synthetic_plan())
    out = io.StringIO()
    call_command("load_plan", str(path), partnership="north-anyshire", stdout=out)

    plan = Plan.objects.get()
    assert out.getvalue().strip() == (
        f'Loaded plan {plan.pk} "Anyshire Local Area SEND Improvement Plan 2024–2026" into '
        "partnership north-anyshire: 9 sections, 8 actions, 2 milestones, "
        "3 impact indicators, 2 risks"
    )
    assert plan.partnership.name == "North Anyshire"
    assert plan.source_document == "plan.json"


def test_export_plan_command_prints_the_plan_json(tmp_path, partnership):
    data = synthetic_plan()
    plan = load_plan(copy.deepcopy(data), partnership=partnership)
    out = io.StringIO()
    call_command("export_plan", str(plan.pk), "--json", stdout=out)
    text = out.getvalue()
    assert json.loads(text) == data
    assert "Café-style drop-ins for parents – “ask us anything”" in text  # not \u escapes
    assert text.startswith('{\n  "plan_title": ')

    target = tmp_path / "out.json"
    call_command("export_plan", str(plan.pk), "--json", "--output", str(target))
    assert target.read_text(encoding="utf-8") == text


def test_export_plan_command_refuses_an_unknown_plan():
    with pytest.raises(CommandError, match="There is no plan 999"):
        call_command("export_plan", "999", "--json")


def test_load_plan_command_refuses_invalid_plan_json_and_stores_nothing(tmp_path):
    data = synthetic_plan()
    data["actions"][3]["due"] = "2023-02-30"
    data["sections"][1]["kind"] = "chapter"
    path = write_json(tmp_path, data)
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        call_command("load_plan", str(path), partnership="new-area")
    message = str(raised.value)
    assert "nothing was stored" in message
    assert 'actions[3].due: "2023-02-30" is not a date (YYYY-MM-DD)' in message
    assert 'sections[1].kind: "chapter" is not one of' in message
    assert row_counts() == before  # not even the new partnership


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '{"plan_title": "x",',
            "is not valid JSON: Expecting property name enclosed in double "
            "quotes at line 1, column 20",
        ),
        (b"\xff\xfe{}", "cannot be read"),
        (None, "no such file"),
    ],
)
def test_load_plan_command_refuses_unreadable_files(tmp_path, content, expected):
    path = tmp_path / "plan.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(expected)):
        call_command("load_plan", str(path), partnership="anyshire")
    assert Partnership.objects.count() == 0


def test_sendtrack_load_plan_exits_with_status_1_and_says_why(tmp_path, capsys):
    data = synthetic_plan()
    data["actions"][0]["rag"] = "purple"
    path = write_json(tmp_path, data)
    with pytest.raises(SystemExit) as exited:
        cli.main(["sendtrack", "load-plan", str(path), "--partnership", "anyshire"])
    assert exited.value.code == 1
    assert 'actions[0].rag: "purple" is not one of red, amber, green, blue' in (
        capsys.readouterr().err
    )
    assert Plan.objects.count() == 0


def test_load_plan_command_refuses_a_bad_slug(tmp_path):
    path = write_json(tmp_path, synthetic_plan())
    with pytest.raises(CommandError, match="is not a partnership slug"):
        call_command("load_plan", str(path), partnership="North Anyshire")
    assert Plan.objects.count() == 0


# --- partnerships -------------------------------------------------------------------------


def test_partnership_for_slug_creates_once_and_names_it_from_the_slug():
    created = partnership_for_slug("bath-and-somerset")
    assert created.name == "Bath And Somerset"
    assert partnership_for_slug("bath-and-somerset") == created
    assert Partnership.objects.count() == 1


def test_partnership_for_slug_keeps_an_existing_name():
    existing = PartnershipFactory(slug="anyshire", name="Anyshire SEND Partnership")
    assert partnership_for_slug("anyshire") == existing
    assert partnership_for_slug("anyshire").name == "Anyshire SEND Partnership"


@pytest.mark.parametrize("slug", ["", "Anyshire", "any shire", "any/shire"])
def test_partnership_for_slug_refuses_what_is_not_a_slug(slug):
    with pytest.raises(ValueError, match="is not a partnership slug"):
        partnership_for_slug(slug)


# --- the format and the models agree -----------------------------------------------------


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("plan_title", Plan._meta.get_field("title")),
        ("organisation", Plan._meta.get_field("organisation_name")),
        ("as_at_raw", Plan._meta.get_field("as_at_raw")),
        ("sections.ref", Section._meta.get_field("ref")),
        ("sections.title", Section._meta.get_field("title")),
        ("actions.ref", Action._meta.get_field("ref")),
        ("actions.section", Action._meta.get_field("section_path")),
        ("actions.owner", Action._meta.get_field("owner_raw")),
        ("actions.start_raw", Action._meta.get_field("start_raw")),
        ("actions.due_raw", Action._meta.get_field("due_raw")),
        ("actions.status_raw", Action._meta.get_field("status_raw")),
        ("milestones.section", Milestone._meta.get_field("section_path")),
        ("milestones.due_raw", Milestone._meta.get_field("due_raw")),
        ("indicators.section", ImpactIndicator._meta.get_field("section_path")),
        ("risks.title", Risk._meta.get_field("title")),
        ("risks.owner", Risk._meta.get_field("owner_raw")),
        ("owner_glossary", Person._meta.get_field("name")),
    ],
)
def test_the_length_limits_are_the_columns(key, field):
    assert MAX_LENGTHS[key] == field.max_length


def test_markup_in_document_text_is_stored_as_plain_text(partnership):
    from sendtrack.plans.models import Action
    from sendtrack.plans.storage import load_plan, without_markup

    assert without_markup("Tom & Jerry <3") == "Tom & Jerry <3"
    data = without_markup(
        {"text": "<ul><li>Run groups</li><li>Report &amp; act</li></ul><script>alert(1)</script>"}
    )
    assert data == {"text": "Run groups Report & act"}
    plan = synthetic_plan(actions=1)
    plan["actions"][0]["text"] = "<b>Publish</b> the <i>Local Offer</i><script>x()</script>"
    stored = load_plan(plan, partnership=partnership)
    assert Action.objects.get(plan=stored).text == "Publish the Local Offer"


def test_a_long_section_title_is_stored_whole_and_found_from_its_cut_path(partnership):
    title = "Workstream 4 – " + "Children and young people are ready for adulthood " * 3
    plan_json = {
        **synthetic_plan(),
        "sections": [
            {"ref": "4", "title": title.strip(), "kind": "workstream", "parent_ref": None}
        ],
        "milestones": [],
        "indicators": [],
    }
    action = {**synthetic_plan()["actions"][0], "section": title[:80], "ref": "4.1"}
    plan_json["actions"] = [action]

    plan = load_plan(plan_json, partnership=partnership)

    (section,) = Section.objects.filter(plan=plan)
    assert section.title == title.strip()
    assert Action.objects.get(plan=plan).section == section
