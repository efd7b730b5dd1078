"""The preview can fix anything: each correction as a service, kept under the document's
SHA-256 and made again when the same document is uploaded again, and confirm storing exactly
what the preview showed."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendtrack.imports import corrections, services
from sendtrack.imports.corrections import CorrectionRefused
from sendtrack.imports.forms import ChangeForm
from sendtrack.imports.models import DocumentCorrections
from sendtrack.imports.services import Draft, with_operations
from sendtrack.plans.models import Action, Plan, Section
from sendtrack.plans.storage import section_nodes
from tests.factories import PartnershipFactory, PersonFactory, UserFactory
from tests.imports.test_upload import PLAN_TEXT, draft_token, error_summary, text_of, upload, url


def action(text, section="Early help", ref=None, **fields):
    return {**corrections.new_action(text, section), "ref": ref, **fields}


def plan_of(*actions, sections=None, not_actions=None):
    plan = {
        "plan_title": "A plan",
        "organisation": None,
        "kind": "improvement_plan",
        "as_at_raw": None,
        "as_at": None,
        "sections": sections
        or [
            {"ref": "1", "title": "Early help", "kind": "workstream", "parent_ref": None},
            {"ref": "2", "title": "Adulthood", "kind": "workstream", "parent_ref": None},
        ],
        "actions": list(actions),
        "milestones": [],
        "risks": [],
        "indicators": [],
        "owner_glossary": {},
        "problems": [],
    }
    if not_actions is not None:
        plan["not_actions"] = not_actions
    return plan


def made(plan, *operations):
    return with_operations(Draft(plan=plan, filename="plan.txt"), list(operations)).plan


def texts(plan):
    return [(a["text"], a["section"]) for a in plan["actions"]]


def test_split_ignores_blank_lines_and_suffixes_the_ref():
    plan = plan_of(
        action("Train staff and survey families", ref="1.2", owner="KQ", status="on_track")
    )
    op = corrections.split_operation(plan, 0, "Train staff\n\n   \nSurvey families\n")
    out = made(plan, op)
    assert [(a["ref"], a["text"], a["owner"], a["status"]) for a in out["actions"]] == [
        ("1.2.a", "Train staff", "KQ", "on_track"),
        ("1.2.b", "Survey families", "KQ", "on_track"),
    ]
    with pytest.raises(CorrectionRefused, match="each action on its own line"):
        corrections.split_operation(plan, 0, "Only one line\n\n")


def test_split_of_an_action_with_no_ref_gives_no_refs():
    plan = plan_of(action("A and B"))
    out = made(plan, corrections.split_operation(plan, 0, "A\nB"))
    assert [a["ref"] for a in out["actions"]] == [None, None]


def test_merge_joins_texts_and_measures_and_keeps_the_first_fields():
    plan = plan_of(
        action("Agree the offer", owner="KQ", measures=["Offer agreed"]),
        action("with schools", owner="JD", measures=["Offer agreed", "Schools sign"]),
    )
    out = made(plan, corrections.merge_operation(plan, 0))
    assert len(out["actions"]) == 1
    merged = out["actions"][0]
    assert (merged["text"], merged["owner"]) == ("Agree the offer with schools", "KQ")
    assert merged["measures"] == ["Offer agreed", "Schools sign"]


def test_merge_takes_from_the_next_row_the_fields_the_first_lacks():
    """A record read as two rows: the second half carries its date, status and RAG."""
    plan = plan_of(
        action("Report timeliness by stage", ref="A5", owner="Head of SEN"),
        action("for the next meeting", owner="SEN Analyst", due_raw="14/01/2032",
               due="2032-01-14", status_raw="On track", status="on_track", rag="green"),
    )  # fmt: skip
    merged = made(plan, corrections.merge_operation(plan, 0))["actions"][0]
    assert (merged["ref"], merged["owner"], merged["due_raw"], merged["due"]) == (
        "A5", "Head of SEN", "14/01/2032", "2032-01-14",
    )  # fmt: skip
    assert (merged["status_raw"], merged["status"], merged["rag"]) == (
        "On track", "on_track", "green",
    )  # fmt: skip


def test_merge_of_the_last_row_is_refused_with_a_clear_error():
    plan = plan_of(action("Only one"))
    with pytest.raises(CorrectionRefused, match="last action, so there is no next action"):
        corrections.merge_operation(plan, 0)


def test_move_to_a_section_that_does_not_exist_is_refused():
    plan = plan_of(action("Train staff"))
    op = {"op": "move", "action": corrections.key_of(plan, 0), "section": "Nowhere"}
    with pytest.raises(CorrectionRefused, match="no such section"):
        made(plan, op)
    moved = made(plan, {**op, "section": "Adulthood"})
    assert texts(moved) == [("Train staff", "Adulthood")]


def test_add_delete_and_edit_text():
    plan = plan_of(action("First"), action("Second", "Adulthood"))
    out = made(
        plan,
        {"op": "add", "section": "Early help", "text": "A missed one"},
        {"op": "delete", "action": {"text": "Second", "section": "Adulthood"}},
        {
            "op": "text",
            "action": {"text": "First", "section": "Early help"},
            "text": "First, reworded",
        },
    )
    assert texts(out) == [("First, reworded", "Early help"), ("A missed one", "Early help")]
    with pytest.raises(CorrectionRefused, match="Enter the action"):
        made(
            plan, {"op": "text", "action": {"text": "First", "section": "Early help"}, "text": " "}
        )


THREE_SECTIONS = [
    {"ref": "1", "title": "Early help", "kind": "workstream", "parent_ref": None},
    {"ref": "2", "title": "Schools", "kind": "workstream", "parent_ref": None},
    {"ref": "3", "title": "Adulthood", "kind": "workstream", "parent_ref": None},
]


def test_an_action_added_to_a_section_with_none_keeps_the_documents_order():
    """A missed action of an agenda item the reader found no action under goes between the
    items before and after it, as the document prints them, not at the end of the plan."""
    plan = plan_of(
        action("Train staff"), action("Plan transitions", "Adulthood"), sections=THREE_SECTIONS
    )
    out = made(plan, {"op": "add", "section": "Schools", "text": "Audit SEN support"})
    assert texts(out) == [
        ("Train staff", "Early help"),
        ("Audit SEN support", "Schools"),
        ("Plan transitions", "Adulthood"),
    ]
    moved = made(plan, {"op": "move", "action": corrections.key_of(plan, 1), "section": "Schools"})
    first = made(
        plan_of(action("Plan transitions", "Adulthood"), sections=THREE_SECTIONS),
        {"op": "add", "section": "Early help", "text": "Train staff"},
    )
    assert texts(moved) == [("Train staff", "Early help"), ("Plan transitions", "Schools")]
    assert texts(first) == [("Train staff", "Early help"), ("Plan transitions", "Adulthood")]


def test_not_an_action_and_back_again():
    plan = plan_of(action("Minutes approved", owner="Chair"), action("Train staff"))
    out = made(plan, {"op": "not_action", "action": corrections.key_of(plan, 0)})
    assert texts(out) == [("Train staff", "Early help")]
    assert out["not_actions"][0]["text"] == "Minutes approved"
    back = made(
        out, {"op": "restore", "row": {"text": "Minutes approved", "section": "Early help"}}
    )
    assert texts(back) == [("Minutes approved", "Early help"), ("Train staff", "Early help")]
    assert back["actions"][0]["owner"] == "Chair"  # the row comes back whole, in its place
    assert back["not_actions"] == []


def test_a_row_marked_not_an_action_by_mistake_goes_back_in_its_place():
    plan = plan_of(
        action("Train staff", ref="8.a"),
        action("Survey families", ref="8.b"),
        action("Publish the guide", ref="8.c"),
        action("Plan transitions", "Adulthood"),
    )
    out = made(plan, {"op": "not_action", "action": corrections.key_of(plan, 0)})
    row = {"text": "Train staff", "section": "Early help"}
    back = made(out, {"op": "restore", "row": row})
    assert [a["ref"] for a in back["actions"]] == ["8.a", "8.b", "8.c", None]
    # When the row that followed it has gone, it comes back at the end of its section.
    moved = made(
        out,
        {"op": "delete", "action": corrections.key_of(out, 0)},
        {"op": "restore", "row": row},
    )
    assert [a["ref"] for a in moved["actions"]] == ["8.c", "8.a", None]


def test_a_row_becomes_a_heading_and_the_rows_after_it_move_under_it():
    plan = plan_of(
        action("Before"),
        action("Training", ref="T"),
        action("Train nurseries"),
        action("Train schools"),
        action("In another section", "Adulthood"),
    )
    out = made(plan, {"op": "heading", "action": {"text": "Training", "section": "Early help"}})
    assert [s["title"] for s in out["sections"]] == ["Early help", "Training", "Adulthood"]
    assert out["sections"][1]["parent_ref"] == "1"
    assert texts(out) == [
        ("Before", "Early help"),
        ("Train nurseries", "Early help / Training"),
        ("Train schools", "Early help / Training"),
        ("In another section", "Adulthood"),
    ]


def test_renaming_a_section_keeps_the_whole_title_and_renames_every_path():
    long_title = "Early help " + "and support for families " * 8
    plan = plan_of(action("Train staff"), action("Survey", "1 Early help"))
    out = made(plan, {"op": "rename", "section": "Early help", "title": long_title})
    assert out["sections"][0]["title"] == long_title.strip()
    assert len(long_title.strip()) > 80
    assert {a["section"] for a in out["actions"]} == {long_title.strip()}


FOOTER = "For more information contact the SEND team"
WITH_A_FOOTER = [
    {"ref": "1", "title": "Early help", "kind": "workstream", "parent_ref": None},
    {"ref": "F", "title": FOOTER, "kind": "heading", "parent_ref": "1"},
    {"ref": "T", "title": "Training", "kind": "heading", "parent_ref": "F"},
    {"ref": "2", "title": "Adulthood", "kind": "workstream", "parent_ref": None},
]


def _tree_of(plan):
    return [(node.depth, node.path) for node in section_nodes(plan["sections"])]


def test_removing_a_section_moves_its_actions_out_and_its_sections_up_a_level():
    """A line the reader took for a heading: its actions go to the section around it, the
    sections inside it (and their actions) one level up, its milestones with its actions."""
    plan = plan_of(
        action("Publish the directory"),
        action("Ring each family", f"Early help / {FOOTER}"),
        action("Train nurseries", f"Early help / {FOOTER} / Training"),
        action("Plan transitions", "Adulthood"),
        sections=WITH_A_FOOTER,
    )
    plan["milestones"] = [
        {"section": f"Early help / {FOOTER}", "text": "Families rung", "due_raw": None, "due": None}
    ]
    assert corrections.section_removal(plan, 1) == corrections.SectionRemoval(
        title=FOOTER, actions=1, into="Early help", sections=1
    )
    out = made(plan, {"op": "remove_section", "section": f"Early help / {FOOTER}"})
    assert _tree_of(out) == [(0, "Early help"), (1, "Early help / Training"), (0, "Adulthood")]
    assert texts(out) == [
        ("Publish the directory", "Early help"),
        ("Ring each family", "Early help"),
        ("Train nurseries", "Early help / Training"),
        ("Plan transitions", "Adulthood"),
    ]
    assert out["milestones"][0]["section"] == "Early help"


def test_removing_a_top_level_section_leaves_its_actions_in_no_section():
    plan = plan_of(
        action("Ring each family", FOOTER),
        action("Train nurseries", f"{FOOTER} / Training"),
        action("Plan transitions", "Adulthood"),
        sections=WITH_A_FOOTER[1:],
    )
    assert corrections.section_removal(plan, 0) == corrections.SectionRemoval(
        title=FOOTER, actions=1, into=None, sections=1
    )
    out = made(plan, {"op": "remove_section", "section": FOOTER})
    assert _tree_of(out) == [(0, "Training"), (0, "Adulthood")]
    assert texts(out) == [
        ("Ring each family", None),
        ("Train nurseries", "Training"),
        ("Plan transitions", "Adulthood"),
    ]
    # The last section, with no section inside it, goes as simply.
    last = made(out, {"op": "remove_section", "section": "Adulthood"})
    assert _tree_of(last) == [(0, "Training")]
    assert texts(last)[2] == ("Plan transitions", None)


def test_a_removal_that_would_put_two_sections_of_one_title_side_by_side_is_refused():
    """Their actions could not be told apart afterwards, so nothing is changed."""
    sections = [
        *WITH_A_FOOTER[:2],
        {"ref": "T", "title": "Adulthood", "kind": "heading", "parent_ref": "F"},
        {"ref": "2", "title": "Adulthood", "kind": "workstream", "parent_ref": "1"},
    ]
    plan = plan_of(
        action("Plan transitions", f"Early help / {FOOTER} / Adulthood"), sections=sections
    )
    with pytest.raises(CorrectionRefused, match="same title as one it would move next to"):
        made(plan, {"op": "remove_section", "section": f"Early help / {FOOTER}"})
    with pytest.raises(CorrectionRefused, match="no such section"):
        made(plan, {"op": "remove_section", "section": "Nowhere"})


def test_a_removed_section_is_removed_again_on_replay_and_skipped_when_not_there():
    plan = plan_of(action("Ring each family", f"Early help / {FOOTER}"), sections=WITH_A_FOOTER)
    operations = [
        {"op": "remove_section", "section": f"Early help / {FOOTER}"},
        {"op": "text", "action": {"text": "Ring each family", "section": "Early help"},
         "text": "Ring every family"},
        {"op": "remove_section", "section": "Not read this time"},
    ]  # fmt: skip
    done = corrections.replay(plan, {}, operations, person_ids=set())
    assert (len(done.applied), done.skipped) == (2, 1)
    assert texts(done.plan) == [("Ring every family", "Early help")]


def test_a_missed_action_is_added_to_a_plan_with_no_sections_or_to_no_section():
    bare = plan_of(action("Publish the directory", None))
    bare["sections"] = []
    out = made(bare, {"op": "add", "section": None, "text": "Ring each family"})
    assert texts(out) == [("Publish the directory", None), ("Ring each family", None)]
    assert out["actions"][1] == corrections.new_action("Ring each family", None)
    # In a plan with sections, "No section" is one of the choices; it goes at the end.
    sectioned = plan_of(action("Train staff"), action("Plan transitions", "Adulthood"))
    form = ChangeForm({"do": "add", "section": "", "text": "Ring each family", "step": "add"})
    assert form.is_valid()
    out = made(sectioned, *form.operations(sectioned))
    assert texts(out)[-1] == ("Ring each family", None)
    form = ChangeForm({"do": "add", "section": "1", "text": "Map transitions", "step": "add"})
    assert form.is_valid()
    assert form.operations(sectioned) == [
        {"op": "add", "section": "Adulthood", "text": "Map transitions"}
    ]


def test_split_gives_each_part_the_whole_row_and_the_text_as_the_person_wrote_it():
    """Each part keeps the ref (suffixed), lead, timeframe and its date, status (and what
    the document said of it), RAG, partners and measures; the text is each line as typed."""
    original = action(
        "Train nurseries in the graduated approach and survey families on it",
        ref="1.2",
        owner="KQ, Head of Inclusion",
        partners=["Health visiting"],
        start_raw="April 2031",
        due_raw="Autumn Term 2031",
        due="2031-12-31",
        status="delayed",
        status_raw="Delayed: staff sickness",
        rag="amber",
        measures=["Every nursery trained"],
        finding="F1",
    )
    plan = plan_of(action("Before"), original, action("After"))
    lines = "Train nurseries in the graduated  approach\n and survey families on it \n"
    out = made(plan, corrections.split_operation(plan, 1, lines))
    first, second = out["actions"][1:3]
    unchanged = {k: v for k, v in original.items() if k not in ("text", "ref")}
    assert {k: v for k, v in first.items() if k not in ("text", "ref")} == unchanged
    assert {k: v for k, v in second.items() if k not in ("text", "ref")} == unchanged
    assert [(a["ref"], a["text"]) for a in out["actions"]] == [
        (None, "Before"),
        ("1.2.a", "Train nurseries in the graduated  approach"),
        ("1.2.b", "and survey families on it"),
        (None, "After"),
    ]


def test_two_identical_actions_in_one_section_are_told_apart():
    plan = plan_of(
        action("Review the offer", owner="KQ"),
        action("Train staff"),
        action("Review the offer", owner="KQ"),
        action("Review the offer", "Adulthood"),
    )
    second = corrections.key_of(plan, 2)
    assert second == {"text": "Review the offer", "section": "Early help", "nth": 1}
    assert corrections.key_of(plan, 3)["nth"] == 0  # another section: counted apart
    out = made(
        plan,
        {"op": "set", "action": second, "field": "owner", "value": "JD"},
        {"op": "text", "action": second, "text": "Review the offer again in March"},
    )
    assert [(a["text"], a["owner"]) for a in out["actions"][:3]] == [
        ("Review the offer", "KQ"),
        ("Train staff", None),
        ("Review the offer again in March", "JD"),
    ]
    # Deleting the second leaves the first; a third that is not there is not guessed at.
    kept = made(plan, {"op": "delete", "action": second})
    assert [a["owner"] for a in kept["actions"] if a["text"] == "Review the offer"] == [
        "KQ",
        None,
    ]
    with pytest.raises(CorrectionRefused, match="not in the plan"):
        made(plan, {"op": "delete", "action": {**second, "nth": 2}})


def test_the_second_of_two_identical_rows_not_taken_as_actions_comes_back():
    plan = plan_of(action("Minutes approved", owner="A"), action("Minutes approved", owner="B"))
    out = made(
        plan,
        {"op": "not_action", "action": corrections.key_of(plan, 0)},
        {"op": "not_action", "action": corrections.key_of(plan, 0)},
    )
    assert [row["action"]["owner"] for row in out["not_actions"]] == ["B", "A"]
    back = made(out, {"op": "restore", "row": corrections.not_action_key(out, 1)})
    assert [a["owner"] for a in back["actions"]] == ["A"]
    assert [row["action"]["owner"] for row in back["not_actions"]] == ["B"]


def test_identical_rows_corrected_from_the_page_each_get_their_own_correction(manager, partnership):
    """The reader drops a row listed twice, but the preview can make two (a missed action
    added twice): a correction to the second is made to the second, now and on replay."""
    page = upload(manager, partnership, PLAN_TEXT.encode())
    for _ in range(2):
        page = post(manager, partnership, page, do="add", section="0", text="Ring each family")
    page = post(
        manager, partnership, page, do="text", row="4", text="Ring each family again", move_to=""
    )
    page = post(manager, partnership, page, **{"actions-3-due_raw": "June 2032", "show": "1"})
    draft = services.open_draft(draft_token(page), partnership=partnership)
    assert [(a["text"], a["due_raw"]) for a in draft.plan["actions"][3:5]] == [
        ("Ring each family", "June 2032"),
        ("Ring each family again", None),
    ]
    again = upload(manager, partnership, PLAN_TEXT.encode())
    replayed = services.open_draft(draft_token(again), partnership=partnership)
    assert replayed.plan["actions"] == draft.plan["actions"]


def test_replay_skips_operations_that_no_longer_apply_and_counts_them():
    plan = plan_of(action("Train staff"), action("Survey families"))
    operations = [
        {
            "op": "text",
            "action": {"text": "Train staff", "section": "Early help"},
            "text": "Train all staff",
        },
        {"op": "delete", "action": {"text": "Gone from the new reading", "section": "Early help"}},
        {
            "op": "merge",
            "action": {"text": "Train all staff", "section": "Early help"},
            "next": {"text": "Not next", "section": "Early help"},
        },
    ]
    done = corrections.replay(plan, {}, operations, person_ids=set())
    assert (len(done.applied), done.skipped) == (1, 2)
    assert texts(done.plan) == [
        ("Train all staff", "Early help"),
        ("Survey families", "Early help"),
    ]


def test_a_plan_with_only_rows_not_taken_as_actions_still_opens():
    plan = plan_of(
        not_actions=[{"text": "Maybe an action", "section": None, "confidence": 0.4, "source": "x"}]
    )
    assert services.draft_from_plan(plan, "minutes.txt").plan["not_actions"]
    with pytest.raises(services.DocumentImportError):
        services.draft_from_plan(plan_of(), "empty.txt")


# --- through the pages ------------------------------------------------------------------


@pytest.fixture
def manager(client_for, members):
    return client_for(members["programme_manager"])


def post(manager, partnership, response, name="import_preview", **data):
    return manager.post(url(name, partnership), {"draft": draft_token(response), **data})


def test_corrections_are_kept_and_made_again_on_the_same_document(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    changed = post(manager, partnership, preview, do="delete", row="0")
    assert "Publish a single early help directory" not in text_of(changed)
    record = DocumentCorrections.objects.get(partnership=partnership)
    assert len(record.operations) == 1 and record.history.count() == 1

    again = upload(manager, partnership, PLAN_TEXT.encode())
    shown = text_of(again)
    assert "1 correction you made on" in shown and "was applied again" in shown
    assert "Publish a single early help directory" not in shown

    # Another partnership uploading the same bytes gets none of them.
    other = PartnershipFactory()
    other_manager = UserFactory()
    from tests.factories import MembershipFactory

    MembershipFactory(user=other_manager, partnership=other, role="programme_manager")
    manager.force_login(other_manager)
    theirs = upload(manager, other, PLAN_TEXT.encode())
    assert "Publish a single early help directory" in text_of(theirs)
    assert "applied again" not in text_of(theirs)


def test_corrections_made_again_can_be_discarded_to_start_from_the_document(
    manager, members, partnership
):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    post(manager, partnership, preview, do="delete", row="0")
    first = upload(manager, partnership, PLAN_TEXT.encode())
    afresh = re.search(r'action="([^"]*/afresh/)"', first.content.decode())
    assert afresh and "Discard the corrections made before" in text_of(first)

    assert manager.get(afresh.group(1)).status_code == 405  # a change is made by a form
    fresh = manager.post(afresh.group(1), follow=True)

    shown = text_of(fresh)
    assert "The corrections made before were discarded" in shown
    assert "Publish a single early help directory" in shown and "applied again" not in shown
    assert not DocumentCorrections.objects.filter(partnership=partnership).exists()
    history = DocumentCorrections.history.filter(history_type="-").get()
    assert history.history_user == members["programme_manager"]


def test_a_foreign_partnerships_token_is_refused(manager, partnership):
    draft = Draft(plan=plan_of(action("Train staff")), filename="plan.txt")
    token = services.sign_draft(draft, partnership=PartnershipFactory())
    response = manager.post(
        url("import_preview", partnership), {"draft": token, "do": "delete", "row": "0"}
    )
    assert response.status_code == 400
    assert "belongs to another partnership" in text_of(response)


def test_a_merge_of_the_last_row_from_the_page_shows_the_error(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    response = post(manager, partnership, preview, do="merge", row="3")
    assert response.status_code == 400
    assert "last action, so there is no next action" in text_of(response)


WRITE_A_GUIDE = "Write a guide to adult services with young people"
LONG_TITLE = (
    "Early help for every family, from birth, in every part of Riverton, with health, "
    "education and social care working as one"
)


def _tree(nodes, depth=0):
    """(depth, title, kind) of each section, the tree walked in order."""
    for node in nodes:
        yield depth, node.title, node.kind
        yield from _tree(node.children, depth + 1)


def _stored_tree(plan):
    sections = list(Section.objects.filter(plan=plan).order_by("position", "pk"))
    children = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    paths = {}

    def walk(parent_id, depth, above):
        for section in children.get(parent_id, []):
            paths[section.pk] = f"{above} / {section.title}" if above else section.title
            yield depth, section.title, section.get_kind_display()
            yield from walk(section.pk, depth + 1, paths[section.pk])

    return list(walk(None, 0, "")), paths


def test_confirm_stores_exactly_what_the_preview_showed(manager, partnership):
    page = upload(manager, partnership, PLAN_TEXT.encode())

    def row(text):
        """The row the preview shows ``text`` in now."""
        draft = services.open_draft(draft_token(page), partnership=partnership)
        return str([a["text"] for a in draft.plan["actions"]].index(text))

    def section(path):
        """The section the preview shows at ``path`` now."""
        return _section_index(page, partnership, path)

    adulthood = "Workstream 2 \u2013 Preparing for adulthood"
    steps = [
        lambda: {  # the table's own fields: a lead, a timeframe and a status
            "actions-0-owner": "Lee Lead",
            "actions-0-due_raw": "June 2032",
            "actions-0-status": "delayed",
            "actions-2-due_raw": "30/09/2031",
            "show": "1",
        },
        lambda: {"do": "text", "row": "0", "text": "Publish one directory", "move_to": ""},
        lambda: {
            "do": "split",
            "row": row("Train every nursery in the graduated approach"),
            "lines": "Train nurseries\n\nTraining for schools\n  \nTrain teachers\n",
        },
        lambda: {"do": "add", "section": "0", "text": "with the health visiting team"},
        lambda: {"do": "merge", "row": row("Set up a weekly triage panel with health partners")},
        lambda: {"do": "not_action", "row": row(WRITE_A_GUIDE)},
        lambda: {"do": "restore-0"},
        lambda: {"do": "add", "section": "1", "text": "A missed action"},
        lambda: {"do": "add", "section": "1", "text": "A row to delete"},
        lambda: {"do": "add", "section": "1", "text": "Not an action after all"},
        lambda: {"do": "rename", "section": "0", "title": LONG_TITLE},
        lambda: {
            "do": "text",
            "row": row("Publish one directory"),
            "text": "Publish one early help directory",
            "move_to": "Workstream 2 \u2013 Preparing for adulthood",
        },
        lambda: {"do": "heading", "row": row("Training for schools")},
        lambda: {"do": "delete", "row": row("A row to delete")},
        lambda: {"do": "not_action", "row": row("Not an action after all")},
        # A footer line taken for a heading, with an action and a section inside it.
        lambda: {"do": "add", "section": section(adulthood), "text": FOOTER},
        lambda: {"do": "add", "section": section(adulthood), "text": "Agree the protocol"},
        lambda: {"do": "add", "section": section(adulthood), "text": "Transitions"},
        lambda: {"do": "add", "section": section(adulthood), "text": "Map transitions"},
        lambda: {"do": "heading", "row": row(FOOTER)},
        lambda: {"do": "heading", "row": row("Transitions")},
        lambda: {"do": "remove_section", "section": section(f"{adulthood} / {FOOTER}")},
    ]
    for step in steps:
        data = step()
        page = post(manager, partnership, page, **data)
        assert page.status_code == 200, (data, text_of(page)[:500])
    draft = services.open_draft(draft_token(page), partnership=partnership)
    # Every kind of correction was made (and each one still applied at the end).
    assert {op["op"] for op in draft.operations} >= {
        "set", "text", "split", "merge", "not_action", "restore", "add", "rename", "move",
        "heading", "delete", "remove_section",
    }  # fmt: skip
    preview = services.build_preview(draft, partnership=partnership)
    assert preview.pages == 1 and preview.not_actions
    shown_tree = list(_tree(preview.sections))
    shown_actions = [
        (row.section, row.text, row.ref, row.owner, row.due, row.status or None)
        for row in preview.actions
    ]
    assert (0, LONG_TITLE, "Workstream") in shown_tree
    assert (1, "Training for schools", "Workstream") in shown_tree  # the heading, inside
    assert (1, "Transitions", "Workstream") in shown_tree  # up a level from the footer's
    assert FOOTER not in {title for _, title, _ in shown_tree}
    assert [a[1:3] for a in shown_actions] == [
        ("Train nurseries", "1.2.a"),
        ("Train teachers", "1.2.c"),
        (
            "Set up a weekly triage panel with health partners with the health visiting team",
            "1.3",
        ),
        (WRITE_A_GUIDE, "2.1"),
        ("A missed action", ""),
        ("Publish one early help directory", "1.1"),
        ("Agree the protocol", ""),
        ("Map transitions", ""),
    ]
    assert [a[0] for a in shown_actions[-2:]] == [adulthood, f"{adulthood} / Transitions"]

    response = manager.post(url("import_confirm", partnership), {"draft": draft_token(page)})
    assert response.status_code == 302
    plan = Plan.objects.get()
    stored_tree, paths = _stored_tree(plan)
    assert stored_tree == shown_tree
    stored_actions = [
        (paths.get(a.section_id, ""), a.text, a.ref or "", a.owner_raw or "", a.due, a.status)
        for a in Action.objects.filter(plan=plan).order_by("position", "pk")
    ]
    assert stored_actions == shown_actions
    # Within each section, the order the preview showed.
    for path in {path for path, *_ in shown_actions}:
        assert [a for a in stored_actions if a[0] == path] == [
            a for a in shown_actions if a[0] == path
        ]
    assert "Not an action after all" not in {a[1] for a in stored_actions}


def test_the_preview_of_300_rows_takes_a_fixed_number_of_queries(manager, partnership):
    rows = "".join(
        f"{i}\tAction number {i} for families\tJane Doe\tMarch 2032\tOn track\n"
        for i in range(1, 301)
    )
    document = (
        "A long plan\n\nWorkstream 1 \u2013 Everything\nRef\tAction\tLead\tTimeframe\tProgress\n"
        + rows
    )
    page = upload(manager, partnership, document.encode())
    with CaptureQueriesContext(connection) as few:
        post(manager, partnership, page, do="delete", row="0")
    with CaptureQueriesContext(connection) as many:
        response = post(manager, partnership, page, show="2")
    assert response.status_code == 200
    assert len(many) <= 12 and len(few) <= 16, [q["sql"][:80] for q in many]


RAG_TEXT = (
    "Riverton SEND Improvement Plan\n\n"
    "April 2031\n\n"
    "Ref\tAction\tLead\tTimeframe\tRAG\n"
    "1\tPublish a single early help directory for families\tJane Doe\tMarch 2032\tAmber\n"
    "2\tTrain every nursery in the graduated approach\tKQ\tAutumn Term 2031\tGreen\n"
)


def test_the_rag_a_document_states_is_shown_and_corrected_before_it_is_stored(manager, partnership):
    """Confirm stores the document's RAG as the action's rating, so the preview shows it and
    lets it be put right, or cleared to be worked out from the dates."""
    page = upload(manager, partnership, RAG_TEXT.encode())
    html = page.content.decode()
    assert '<option value="amber" selected>Amber</option>' in html.split('id="actions-0-rag"')[1]
    assert '<option value="green" selected>Green</option>' in html.split('id="actions-1-rag"')[1]

    page = post(
        manager, partnership, page, **{"actions-0-rag": "red", "actions-1-rag": "", "show": "1"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert '<option value="red" selected>Red</option>' in html.split('id="actions-0-rag"')[1]
    refused = post(manager, partnership, page, **{"actions-0-rag": "purple", "show": "1"})
    assert refused.status_code == 400
    assert "Select a RAG rating from the list" in text_of(refused)

    response = manager.post(url("import_confirm", partnership), {"draft": draft_token(page)})
    assert response.status_code == 302
    stored = Action.objects.filter(plan__partnership=partnership).order_by("position")
    assert [a.rag_override for a in stored] == ["red", None]


def test_a_row_is_to_check_for_a_possible_misreading_not_for_the_plans_own_gaps():
    from sendtrack.imports.services import PreviewAction, PreviewProblem

    def row(*rules: str) -> PreviewAction:
        fields = dict.fromkeys(
            ("ref", "text", "section", "owner", "due_raw", "precision", "status", "status_raw"), ""
        )
        return PreviewAction(
            index=0,
            due=None,
            rag="",
            people=[],
            corrected=False,
            **fields,
            problems=[PreviewProblem(rule, "…") for rule in rules],
        )

    assert not row("no_measure", "past_due").needs_check
    assert row("no_measure", "no_owner").needs_check
    assert row("no_measure", "no_owner").why == ["1 problem found"]


def test_a_status_the_document_gives_but_was_not_understood_is_to_check(partnership):
    """Minutes' action logs say "Open" or "Blocked": shown as "Not stated" with no check, the
    row would be stored with no status although the document gave one."""
    given = {"owner": "Jane Doe", "due_raw": "2032"}
    plan = plan_of(
        action("Agree a data-sharing agreement", status_raw="Open", **given),
        action("Recruit two coordinators", status_raw="Complete", status="complete", **given),
        action("Write the guide", **given),
    )
    PersonFactory(partnership=partnership, name="Jane Doe")
    draft = Draft(plan=plan, filename="minutes.txt")
    open_, done, unstated = services.build_preview(draft, partnership=partnership).actions
    reason = "The status the document gives was not understood: choose one"
    assert open_.needs_check and reason in open_.why
    assert reason not in done.why and reason not in unstated.why

    chosen = made(plan, {"op": "set", "action": corrections.key_of(plan, 0), "field": "status",
                         "value": "in_progress"})  # fmt: skip
    shown = services.build_preview(
        Draft(plan=chosen, filename="minutes.txt"), partnership=partnership
    )
    assert reason not in shown.actions[0].why


def test_a_lead_that_names_nobody_is_said_but_is_not_a_row_to_check(partnership):
    """A partnership with no people yet would otherwise see every row "to check"; each lead
    is matched once under "Match leads to people"."""
    given = {"due_raw": "March 2032", "status": "on_track"}
    plan = plan_of(
        action("Publish the directory", owner="Head of Inclusion", **given),
        action("Train the nurseries", **given),
    )
    draft = Draft(plan=plan, filename="plan.txt")
    preview = services.build_preview(draft, partnership=partnership)
    named, unnamed = preview.actions
    assert not named.needs_check and named.owner_note == services.UNMATCHED_LEAD
    assert unnamed.needs_check and "No lead is named" in unnamed.why
    assert preview.checks == 1 and [c.owner for c in preview.owners] == ["Head of Inclusion"]


def test_the_plan_title_is_corrected_on_the_preview_kept_and_made_again(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    refused = post(manager, partnership, preview, plan_title="   ", show="1")
    assert refused.status_code == 400 and "Enter the title of the plan" in text_of(refused)

    changed = post(manager, partnership, preview, plan_title="Riverton SEND plan", show="1")
    assert changed.status_code == 200
    assert 'value="Riverton SEND plan"' in changed.content.decode()
    record = DocumentCorrections.objects.get(partnership=partnership)
    assert record.operations == [{"op": "plan_title", "title": "Riverton SEND plan"}]

    again = upload(manager, partnership, PLAN_TEXT.encode())
    assert "1 correction you made on" in text_of(again)
    assert 'value="Riverton SEND plan"' in again.content.decode()
    response = post(manager, partnership, again, name="import_confirm")
    assert response.status_code == 302
    assert Plan.objects.get().title == "Riverton SEND plan"


def test_a_section_whose_actions_are_in_the_sections_inside_it_does_not_look_empty(
    manager, partnership
):
    """A workstream whose actions all sit in its objectives holds none of its own: the
    section list says how many it holds with them, not just "0 actions"."""
    page = upload(manager, partnership, PLAN_TEXT.encode())
    page = post(manager, partnership, page, do="heading", row="1")  # 1.2 becomes a heading
    shown = text_of(page)
    assert (
        "Workstream 1 – Early help (workstream) : 1 action of its own, "
        "2 with the sections inside it" in shown
    )
    assert "Train every nursery in the graduated approach (workstream) : 1 action Change" in shown


OBJECTIVES_LAST = [
    {"ref": "1", "title": "Workstream 1", "kind": "workstream", "parent_ref": None},
    {"ref": "2", "title": "Workstream 2", "kind": "workstream", "parent_ref": None},
    {"ref": "1A", "title": "Timeliness", "kind": "objective", "parent_ref": "1"},
]


def test_where_an_action_goes_is_chosen_from_the_sections_in_the_plans_order(manager, partnership):
    """A reader that lists a workstream's objectives after every workstream: the choices put
    each objective under its workstream, and still name the section chosen."""
    plan = plan_of(
        action("Track every case", "Workstream 1 / Timeliness"), sections=OBJECTIVES_LAST
    )
    assert corrections.section_choices(plan) == [
        (0, "Workstream 1"),
        (2, "Workstream 1 / Timeliness"),
        (1, "Workstream 2"),
    ]
    token = services.sign_draft(Draft(plan=plan, filename="plan.xlsx"), partnership=partnership)
    adding = manager.post(
        url("import_preview_change", partnership), {"draft": token, "step": "add"}
    )
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)<', adding.content.decode())
    assert options == [
        ("", "No section"),
        ("0", "Workstream 1"),
        ("2", "Workstream 1 / Timeliness"),
        ("1", "Workstream 2"),
    ]
    changing = manager.post(url("import_preview_change", partnership), {"draft": token, "row": "0"})
    moves = re.findall(r'<option value="([^"]*)"', changing.content.decode())
    assert moves == ["", "Workstream 1", "Workstream 1 / Timeliness", "Workstream 2"]

    added = manager.post(
        url("import_preview", partnership),
        {"draft": draft_token(adding), "do": "add", "section": "1", "text": "Ring each family"},
    )
    shown = services.open_draft(draft_token(added), partnership=partnership).plan["actions"]
    assert ("Ring each family", "Workstream 2") in [(a["text"], a["section"]) for a in shown]


def _section_index(page, partnership, path):
    """The section the preview shows at ``path`` now, as its buttons name it."""
    draft = services.open_draft(draft_token(page), partnership=partnership)
    return str(corrections.section_paths(draft.plan).index(path))


def test_a_spurious_section_is_removed_after_a_warning_and_again_on_the_same_document(
    manager, partnership
):
    """A footer line the reader took for a heading, with an action in it: removing it asks
    first (what moves where), moves the action to the section around it, and is kept."""
    early_help = "Workstream 1 \u2013 Early help"
    page = upload(manager, partnership, PLAN_TEXT.encode())
    page = post(manager, partnership, page, do="add", section="0", text=FOOTER)
    page = post(manager, partnership, page, do="heading", row="3")
    spurious = _section_index(page, partnership, f"{early_help} / {FOOTER}")
    page = post(manager, partnership, page, do="add", section=spurious, text="Ring each family")
    assert f"{FOOTER} (workstream) : 1 action" in text_of(page)

    change = post(manager, partnership, page, name="import_preview_change", section=spurious)
    assert change.status_code == 200
    assert 'name="step" value="remove_section"' in change.content.decode()
    asked = post(
        manager, partnership, change, name="import_preview_change", section=spurious,
        step="remove_section",
    )  # fmt: skip
    assert asked.status_code == 200
    shown = text_of(asked)
    assert f"Remove section “{FOOTER}”?" in shown
    assert f"Warning Its 1 action will move to “{early_help}”." in shown
    assert 'class="govuk-back-link"' in asked.content.decode()
    assert DocumentCorrections.objects.get().operations[-1]["op"] == "add"  # nothing yet
    assert manager.get(url("import_preview", partnership)).status_code == 405  # POST only

    removed = post(
        manager, partnership, asked, do="remove_section", section=spurious, step="remove_section"
    )
    assert removed.status_code == 200
    assert FOOTER not in text_of(removed)
    draft = services.open_draft(draft_token(removed), partnership=partnership)
    assert texts(draft.plan)[3] == ("Ring each family", early_help)
    assert len(draft.plan["sections"]) == 2
    assert DocumentCorrections.objects.get().operations[-1] == {
        "op": "remove_section",
        "section": f"{early_help} / {FOOTER}",
    }

    again = upload(manager, partnership, PLAN_TEXT.encode())
    assert "4 corrections you made on" in text_of(again)
    replayed = services.open_draft(draft_token(again), partnership=partnership)
    assert replayed.plan == draft.plan


def test_a_refused_removal_shows_why_on_the_page_that_asked(manager, partnership):
    sections = [
        *WITH_A_FOOTER[:2],
        {"ref": "T", "title": "Adulthood", "kind": "heading", "parent_ref": "F"},
        {"ref": "2", "title": "Adulthood", "kind": "workstream", "parent_ref": "1"},
    ]
    plan = plan_of(action("Ring each family", f"Early help / {FOOTER}"), sections=sections)
    token = services.sign_draft(Draft(plan=plan, filename="plan.txt"), partnership=partnership)
    response = manager.post(
        url("import_preview", partnership),
        {"draft": token, "do": "remove_section", "section": "1", "step": "remove_section"},
    )
    assert response.status_code == 400
    assert error_summary(response) == [
        "A section inside this one has the same title as one it would move next to "
        "(“Adulthood”): rename one of them first"
    ]
    assert f"Remove section “{FOOTER}”?" in text_of(response)
    assert 'href="#remove_section"' in response.content.decode()
    gone = manager.post(
        url("import_preview_change", partnership),
        {"draft": token, "section": "9", "step": "remove_section"},
    )
    assert gone.status_code == 404


NO_SECTIONS_TEXT = (
    "Riverton SEND Action Plan\n\n"
    "April 2031\n\n"
    "Ref\tAction\tLead\tTimeframe\tProgress\n"
    "1\tPublish a single early help directory for families\tJane Doe\tMarch 2032\tOn track\n"
    "2\tTrain every nursery in the graduated approach\tKQ\tAutumn Term 2031\tIn progress\n"
)


def test_a_missed_action_is_added_to_a_plan_with_no_sections(manager, partnership):
    page = upload(manager, partnership, NO_SECTIONS_TEXT.encode())
    assert "The document has no sections" in text_of(page)
    asked = post(manager, partnership, page, name="import_preview_change", step="add")
    assert asked.status_code == 200
    assert "Add a missed action" in text_of(asked)
    assert "The plan has no sections" in text_of(asked)
    assert 'name="section"' not in asked.content.decode()

    refused = post(manager, partnership, asked, do="add", step="add", text="  ")
    assert refused.status_code == 400
    assert error_summary(refused) == ["Enter the action's text"]
    assert "Add a missed action" in text_of(refused)

    added = post(manager, partnership, refused, do="add", step="add", text="Ring each family")
    assert added.status_code == 200
    draft = services.open_draft(draft_token(added), partnership=partnership)
    assert [a["text"] for a in draft.plan["actions"]][-1] == "Ring each family"
    assert DocumentCorrections.objects.get().operations == [
        {"op": "add", "section": None, "text": "Ring each family"}
    ]
    again = upload(manager, partnership, NO_SECTIONS_TEXT.encode())
    assert "1 correction you made on" in text_of(again)

    response = manager.post(url("import_confirm", partnership), {"draft": draft_token(again)})
    assert response.status_code == 302
    stored = Action.objects.filter(plan__partnership=partnership).order_by("position")
    assert [(a.text, a.section_id) for a in stored][-1] == ("Ring each family", None)


def test_a_missed_action_is_added_to_no_section_chosen_among_the_sections(manager, partnership):
    page = upload(manager, partnership, PLAN_TEXT.encode())
    asked = post(manager, partnership, page, name="import_preview_change", step="add")
    html = asked.content.decode()
    assert '<option value="">No section</option>' in html
    assert '<option value="1">Workstream 2 \u2013 Preparing for adulthood</option>' in html
    added = post(manager, partnership, asked, do="add", step="add", section="", text="Ring")
    added = post(manager, partnership, added, do="add", step="add", section="1", text="Map")
    draft = services.open_draft(draft_token(added), partnership=partnership)
    assert texts(draft.plan)[-2:] == [
        ("Map", "Workstream 2 \u2013 Preparing for adulthood"),
        ("Ring", None),
    ]


SPLIT_TEXT = (
    "Riverton SEND Improvement Plan\n\n"
    "April 2031\n\n"
    "Workstream 1 \u2013 Early help\n"
    "Ref\tAction\tLead\tTimeframe\tProgress\tRAG\n"
    "1.1\tPublish a single early help directory for families\tJane Doe\tMarch 2032\tOn track"
    "\tGreen\n"
    "1.2\tTrain every nursery and survey families on the graduated approach\tKQ\t"
    "Autumn Term 2031\tDelayed\tAmber\n"
)


def test_a_split_from_the_page_keeps_the_rows_fields_through_confirm(manager, partnership):
    """Split already kept the whole row: each part is stored with the ref suffixed and the
    lead, date, status and RAG of the row it was split from."""
    page = upload(manager, partnership, SPLIT_TEXT.encode())
    change = post(manager, partnership, page, name="import_preview_change", row="1")
    assert "their refs become 1.2.a, 1.2.b and so on" in text_of(change)
    page = post(
        manager, partnership, change, do="split", row="1",
        lines="Train every nursery\nand survey families on the graduated approach",
    )  # fmt: skip
    assert page.status_code == 200
    response = manager.post(url("import_confirm", partnership), {"draft": draft_token(page)})
    assert response.status_code == 302
    stored = Action.objects.filter(plan__partnership=partnership).order_by("position")
    kept = ("KQ", "Autumn Term 2031", "2031-12-31", "delayed", "amber")
    assert [
        (a.ref, a.text, (a.owner_raw, a.due_raw, a.due.isoformat(), a.status, a.rag_override))
        for a in stored
    ][1:] == [
        ("1.2.a", "Train every nursery", kept),
        ("1.2.b", "and survey families on the graduated approach", kept),
    ]


def test_a_new_as_at_date_places_again_the_dates_with_no_year_it_placed():
    """A document read without its date (or with the wrong one): "by June" moves to the June
    after the date the manager gives; a full date, or one placed otherwise, stays."""
    plan = plan_of(
        action("Hold the panel", due_raw="June", due="2031-06-30"),
        action("Publish the offer", due_raw="30/09/2031", due="2031-09-30"),
        action("Agreed by the board", due_raw="July", due="2033-07-31"),  # placed another way
    )
    plan["as_at"], plan["as_at_raw"] = "2031-04-30", "April 2031"
    out = made(plan, {"op": "plan", "field": "as_at", "value": "2032-08-31"})
    assert out["as_at"] == "2032-08-31" and out["as_at_raw"] is None
    assert [a["due"] for a in out["actions"]] == ["2033-06-30", "2031-09-30", "2033-07-31"]


def test_the_organisation_and_kinds_are_set_and_unknown_kinds_refused():
    plan = plan_of(action("Train staff"))
    out = made(
        plan,
        {"op": "plan", "field": "organisation", "value": "  Riverton Council "},
        {"op": "plan", "field": "kind", "value": "written_statement_of_action"},
        {"op": "section_kind", "section": "Adulthood", "kind": "priority"},
    )
    assert out["organisation"] == "Riverton Council"
    assert out["kind"] == "written_statement_of_action"
    assert [s["kind"] for s in out["sections"]] == ["workstream", "priority"]
    for unknown in (
        {"op": "plan", "field": "kind", "value": "manifesto"},
        {"op": "plan", "field": "title", "value": "Another"},
        {"op": "section_kind", "section": "Adulthood", "kind": "chapter"},
    ):
        with pytest.raises(CorrectionRefused):
            made(plan, unknown)


def test_the_plans_details_are_corrected_on_the_preview_and_stored_on_confirm(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    page = preview.content.decode()
    assert 'name="organisation"' in page and 'id="as_at-day" name="as_at-day"' in page
    assert '<details class="govuk-details" id="plan-details">' in page  # closed until corrected

    wrong_date = {"as_at-day": "31", "as_at-month": "9", "as_at-year": "2031"}
    refused = post(
        manager, partnership, preview, plan_title="Riverton SEND plan", organisation="",
        plan_kind="peer_review_plan", **wrong_date,
    )  # fmt: skip
    assert refused.status_code == 400
    shown = text_of(refused)
    assert "As-at date must be a real date" in shown
    assert '<a href="#as_at-day">' in refused.content.decode()
    assert 'value="31"' in refused.content.decode()  # what was typed stays in the boxes
    assert 'value="peer_review_plan" checked' in refused.content.decode()  # and the kind chosen

    changed = post(
        manager, partnership, preview, plan_title="Riverton SEND plan",
        organisation="Riverton Local Area Partnership", plan_kind="priority_action_plan",
        **{"as_at-day": "30", "as_at-month": "6", "as_at-year": "2031"},
    )  # fmt: skip
    assert changed.status_code == 200
    boxes = re.findall(
        r'id="as_at-(\w+)" name="as_at-\w+" type="text" value="(\d+)"', changed.content.decode()
    )
    assert boxes == [("day", "30"), ("month", "6"), ("year", "2031")]
    assert '<details class="govuk-details" open id="plan-details">' in changed.content.decode()
    assert 'value="priority_action_plan" checked' in changed.content.decode()
    record = DocumentCorrections.objects.get(partnership=partnership)
    assert [op.get("field") for op in record.operations if op["op"] == "plan"] == [
        "organisation",
        "kind",
        "as_at",
    ]
    response = post(manager, partnership, changed, name="import_confirm")
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.organisation_name == "Riverton Local Area Partnership"
    assert plan.kind == "priority_action_plan"
    assert plan.as_at.isoformat() == "2031-06-30"


def test_a_sections_kind_is_changed_on_its_step_page(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    step = post(manager, partnership, preview, name="import_preview_change", section="1")
    assert 'name="section_kind"' in step.content.decode()
    title = re.search(r'<textarea[^>]*id="title"[^>]*>([^<]*)<', step.content.decode()).group(1)
    done = post(
        manager, partnership, step, do="rename", section="1", title=title, section_kind="priority"
    )
    assert "(priority)" in text_of(done)
    post(manager, partnership, done, name="import_confirm")
    assert list(Section.objects.order_by("position").values_list("kind", flat=True)) == [
        "workstream",
        "priority",
    ]


def test_confirm_first_shows_due_dates_that_changes_read_again(manager, partnership):
    """A timeframe or as-at date typed and confirmed at once would store due dates nobody
    saw read: the preview shows them first, and the next confirm stores them."""
    preview = upload(manager, partnership, PLAN_TEXT.replace("March 2032", "June").encode())
    assert "30 June 2031" in text_of(preview)  # "June" placed from the document's April 2031
    typed = {"actions-2-due_raw": "December 2031", "as_at-day": "1", "as_at-month": "9"}
    typed |= {"as_at-year": "2031", "plan_kind": "improvement_plan", "organisation": ""}
    shown = post(manager, partnership, preview, name="import_confirm", **typed)
    assert shown.status_code == 200 and not Plan.objects.exists()
    page = text_of(shown)
    assert "Nothing has been imported yet" in page and "due date of 2 actions again" in page
    assert "30 June 2032" in page and "31 December 2031" in page
    stored = post(manager, partnership, shown, name="import_confirm", **typed)
    assert stored.status_code == 302
    dues = dict(Action.objects.values_list("ref", "due"))
    assert (dues["1.1"].isoformat(), dues["1.3"].isoformat()) == ("2032-06-30", "2031-12-31")


def test_confirm_stores_at_once_a_change_that_reads_nothing_again(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    stored = post(
        manager, partnership, preview, name="import_confirm",
        **{"actions-0-status": "delayed", "actions-0-due_raw": "31 March 2032"},
    )  # fmt: skip
    assert stored.status_code == 302
    assert Action.objects.get(ref="1.1").status == "delayed"


def test_an_actions_ref_and_success_measures_are_corrected_on_its_step_page(manager, partnership):
    """A Word table's actions whose refs it never prints ("1.1.a"), or a measures cell read
    wrong: both are seen in the preview and put right on the action's page."""
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    step = post(manager, partnership, preview, name="import_preview_change", row="0")
    page = step.content.decode()
    assert 'id="ref" name="ref" type="text" value="1.1"' in page
    assert 'id="measures" name="measures"' in page

    text = "Publish a single early help directory for families"
    done = post(
        manager, partnership, step, do="text", row="0", text=text, move_to="",
        ref="1.1.a", measures="Directory live\n\n  Used by 80% of families  \n",
    )  # fmt: skip
    shown = text_of(done)
    assert "Success measures: Directory live; Used by 80% of families" in shown
    assert ">1.1.a<" in done.content.decode()
    post(manager, partnership, done, name="import_confirm")
    stored = Action.objects.get(text=text)
    assert stored.ref == "1.1.a"
    assert stored.measures == ["Directory live", "Used by 80% of families"]


def test_a_ref_emptied_on_the_step_page_is_none():
    plan = plan_of(action("Train staff", ref="1.2"))
    form = ChangeForm({"do": "text", "row": "0", "text": "Train staff", "move_to": "", "ref": ""})
    assert form.is_valid()
    assert made(plan, *form.operations(plan))["actions"][0]["ref"] is None


def test_a_row_to_check_that_is_right_is_marked_checked(manager, partnership):
    """A vague but right timeframe ("2032") stays "to check" until the manager says it is
    right; then it is not counted, and the mark is kept for the same document again."""
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    before = services.build_preview(
        services.open_draft(draft_token(preview), partnership=partnership), partnership=partnership
    )
    (vague,) = [row for row in before.actions if row.due_raw == "2032"]
    assert vague.needs_check and 'value="checked-3"' in preview.content.decode()

    done = post(manager, partnership, preview, do=f"checked-{vague.index}", show="1")
    after = services.build_preview(
        services.open_draft(draft_token(done), partnership=partnership), partnership=partnership
    )
    assert after.checks == before.checks - 1
    assert not after.actions[vague.index].needs_check
    assert "Checked" in text_of(done)
    assert "Check A vague timeframe (year)" not in text_of(done)

    again = upload(manager, partnership, PLAN_TEXT.encode())
    assert "1 correction you made on" in text_of(again)
    stored = post(manager, partnership, again, name="import_confirm")
    assert stored.status_code == 302 and Action.objects.count() == 4


def test_a_plan_with_no_measures_at_all_is_told_so_once_not_on_every_row(partnership):
    given = {"owner": "Jane Doe", "due_raw": "March 2032", "status": "on_track"}
    none = plan_of(action("Publish the directory", **given), action("Train nurseries", **given))
    preview = services.build_preview(Draft(plan=none, filename="p.txt"), partnership=partnership)
    assert [p.rule for p in preview.plan_problems] == ["no_measure"]
    assert not any(p.rule == "no_measure" for row in preview.actions for p in row.problems)

    some = plan_of(
        action("Publish the directory", measures=["Directory live"], **given),
        action("Train nurseries", **given),
    )
    preview = services.build_preview(Draft(plan=some, filename="p.txt"), partnership=partnership)
    assert [p.rule for p in preview.actions[1].problems] == ["no_measure"]
    assert not preview.plan_problems


def test_a_rows_changed_mark_stays_until_a_correction_moves_the_rows():
    plan = plan_of(action("Train staff"), action("Audit plans", section="Adulthood"))
    draft = services.apply_corrections(
        Draft(plan=plan, filename="plan.txt"), {0: services.ActionCorrection(owner="SENCO lead")}
    )
    assert draft.corrected == {0}
    for in_place in (
        {"op": "text", "action": corrections.key_of(draft.plan, 1), "text": "Audit all plans"},
        {"op": "section_kind", "section": "Adulthood", "kind": "priority"},
        {"op": "rename", "section": "Adulthood", "title": "Preparing for adulthood"},
        {"op": "plan", "field": "organisation", "value": "Riverton Council"},
    ):
        draft = with_operations(draft, [in_place])
        assert draft.corrected == {0}, in_place["op"]
    moved = with_operations(draft, [{"op": "delete", "action": corrections.key_of(draft.plan, 0)}])
    assert moved.corrected == set()


def test_headings_that_group_nothing_are_not_the_plans_sections():
    sections = [
        {"ref": "1", "title": "Contents", "kind": "heading", "parent_ref": None},
        {"ref": "2", "title": "Early help", "kind": "workstream", "parent_ref": None},
        {"ref": "2.1", "title": "Nurseries", "kind": "objective", "parent_ref": "2"},
        {"ref": "2.2", "title": "Glossary", "kind": "heading", "parent_ref": "2"},
        {"ref": "3", "title": "Adulthood", "kind": "workstream", "parent_ref": None},
        {"ref": "4", "title": "Apologies", "kind": "heading", "parent_ref": None},
    ]
    plan = plan_of(action("Train staff", section="Early help / Nurseries"), sections=sections)
    plan["milestones"] = [
        {"section": "Adulthood", "text": "Protocol agreed", "due_raw": None, "due": None}
    ]
    plan["not_actions"] = [{"text": "Apologies were received", "section": "Apologies"}]

    draft = services.draft_from_plan(plan, "plan.txt")

    assert [s["title"] for s in draft.plan["sections"]] == ["Early help", "Nurseries", "Adulthood"]


def test_a_row_from_a_part_with_no_section_comes_back_into_its_own_section():
    plan = plan_of(
        action("Train staff"),
        action("Plan transitions", section="Adulthood"),
        not_actions=[
            {"text": "Chair to write to schools", "section": "Adulthood / 5. Any other business"}
        ],
    )
    row = {"text": "Chair to write to schools", "section": "Adulthood / 5. Any other business"}
    back = made(plan, {"op": "restore", "row": row})

    paths = [node.path for node in section_nodes(back["sections"])]
    assert "Adulthood / 5. Any other business" in paths
    assert texts(back)[-1] == ("Chair to write to schools", "Adulthood / 5. Any other business")


def test_a_removed_section_leaves_the_rows_not_taken_below_it_and_they_come_back_there():
    plan = plan_of(
        action("Train staff", section="MINUTES / 2. Early help"),
        sections=[
            {"ref": "M", "title": "MINUTES", "kind": "heading", "parent_ref": None},
            {"ref": "2", "title": "2. Early help", "kind": "heading", "parent_ref": "M"},
        ],
        not_actions=[{"text": "Chair to write to schools", "section": "MINUTES / 9. AOB"}],
    )
    out = made(plan, {"op": "remove_section", "section": "MINUTES"})
    assert out["not_actions"][0]["section"] == "9. AOB"
    back = made(
        out, {"op": "restore", "row": {"text": "Chair to write to schools", "section": "9. AOB"}}
    )
    assert [n.path for n in section_nodes(back["sections"])] == ["2. Early help", "9. AOB"]
    assert texts(back)[-1] == ("Chair to write to schools", "9. AOB")


def test_the_words_a_row_was_read_from_are_quoted_as_plain_text(partnership):
    """A Word cell's line breaks and list marks are the reader's, not words to show."""
    plan = plan_of(
        action("Map the pathway", source="Map the pathway<br>Publish the guide<ul><li>x</li></ul>"),
        not_actions=[{"text": "Apologies", "section": None, "source": "Apologies<br>noted"}],
    )
    preview = services.build_preview(
        Draft(plan=plan, filename="plan.docx"), partnership=partnership
    )
    assert preview.actions[0].source == "Map the pathway Publish the guide x"
    assert preview.not_actions[0].source == "Apologies noted"


def test_showing_only_the_rows_to_check_and_all_again_keeps_what_was_typed(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    assert "Show only rows to check" in text_of(preview)  # 1.3's date does not exist
    only = post(manager, partnership, preview, rows="check", **{"actions-0-owner": "Amy Lee"})
    shown = text_of(only)
    assert "Show all rows" in shown and "Publish a single early help directory" not in shown
    everything = post(manager, partnership, only, rows="all", only="check")
    page = everything.content.decode()
    assert "Publish a single early help directory" in text_of(everything)
    assert re.search(r'name="actions-0-owner" type="text" value="Amy Lee"', page)


def test_a_section_is_not_renamed_to_the_title_of_one_beside_it():
    plan = plan_of(action("Train staff"), action("Survey", "Adulthood"))
    with pytest.raises(CorrectionRefused, match="already called “Adulthood”"):
        made(plan, {"op": "rename", "section": "Early help", "title": " adulthood "})
    renamed = made(plan, {"op": "rename", "section": "Early help", "title": "Early years"})
    assert texts(renamed) == [("Train staff", "Early years"), ("Survey", "Adulthood")]


def test_the_same_document_uploaded_again_as_a_new_plan_warns_of_a_second_copy(
    manager, partnership
):
    first = upload(manager, partnership, PLAN_TEXT.encode())
    assert "This document was imported before" not in text_of(first)
    manager.post(url("import_confirm", partnership), {"draft": draft_token(first), "page": "1"})
    plan = Plan.objects.get(partnership=partnership)

    again = upload(manager, partnership, PLAN_TEXT.encode())
    shown = text_of(again)
    assert f"This document was imported before, as {plan.title}" in shown
    assert "would make a second copy of that plan" in shown
    other = upload(manager, partnership, PLAN_TEXT.replace("2032", "2033").encode())
    assert "This document was imported before" not in text_of(other)  # another document

    plan.archived_at = plan.created_at
    plan.save()
    assert "imported before" not in text_of(upload(manager, partnership, PLAN_TEXT.encode()))


def test_an_actions_step_page_quotes_the_document_as_text_not_markup(manager, partnership):
    row = action("Train staff", source="1.2\tTrain staff<br>Survey families\tKQ")
    token = services.sign_draft(
        Draft(plan=plan_of(row), filename="p.xlsx"), partnership=partnership
    )
    page = manager.post(url("import_preview_change", partnership), {"draft": token, "row": "0"})
    assert page.status_code == 200
    shown = text_of(page)
    assert "From the document: “1.2 Train staff Survey families KQ”" in shown
    assert "&lt;br&gt;" not in page.content.decode()


def test_merging_back_the_two_parts_of_a_split_gives_the_action_its_ref_again():
    plan = plan_of(action("Train staff and survey families", ref="1.3"), action("Next", ref="1.4"))
    split = made(plan, corrections.split_operation(plan, 0, "Train staff\nSurvey families"))
    merged = made(split, corrections.merge_operation(split, 0))
    assert [(a["ref"], a["text"]) for a in merged["actions"]] == [
        ("1.3", "Train staff Survey families"),
        ("1.4", "Next"),
    ]
    three = made(plan, corrections.split_operation(plan, 0, "A\nB\nC"))
    assert [a["ref"] for a in made(three, corrections.merge_operation(three, 0))["actions"]] == [
        "1.3.a",
        "1.3.c",
        "1.4",
    ]


def test_the_last_correction_is_undone_a_heading_made_of_a_row_included(manager, partnership):
    preview = upload(manager, partnership, PLAN_TEXT.encode())
    assert "Undo my last correction" not in text_of(preview)  # nothing to undo yet
    deleted = post(manager, partnership, preview, do="delete", row="3")
    assert WRITE_A_GUIDE not in text_of(deleted)
    heading = post(manager, partnership, deleted, do="heading", row="1")
    draft = services.open_draft(draft_token(heading), partnership=partnership)
    assert "Train every nursery in the graduated approach" not in [
        a["text"] for a in draft.plan["actions"]
    ]

    undone = post(manager, partnership, heading, undo="1")
    shown = text_of(undone)
    assert "Your last correction was undone" in shown
    draft = services.open_draft(draft_token(undone), partnership=partnership)
    row = next(a for a in draft.plan["actions"] if a["ref"] == "1.2")
    assert row["text"] == "Train every nursery in the graduated approach" and row["owner"] == "KQ"
    assert WRITE_A_GUIDE not in [a["text"] for a in draft.plan["actions"]]  # still deleted
    record = DocumentCorrections.objects.get(partnership=partnership)
    assert [op["op"] for op in record.operations] == ["delete"]  # not made again next time

    again = post(manager, partnership, undone, undo="1")
    assert WRITE_A_GUIDE in text_of(again)
    assert "Undo my last correction" not in text_of(again)
