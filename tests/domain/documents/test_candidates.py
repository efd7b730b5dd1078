"""The candidate reader: any layout's rows, items and sentences become candidates with fields.

The documents here are tiny synthetic shapes written for one behaviour each; the reader's
accuracy on whole documents is the benchmark's to measure (``make bench``), not a test's.
"""

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendtrack.domain.documents.candidates import (
    choose_reading,
    dash_fields,
    field_line,
    plan_from_candidates,
    read_candidates,
    unglue,
)
from sendtrack.domain.documents.detectors import find_due, find_owner, find_ref, lead_in_owner
from sendtrack.domain.documents.features import heading_features
from sendtrack.domain.documents.layout import pieces, split_row
from sendtrack.domain.documents.model import Model, Models
from sendtrack.domain.documents.plan import parse_plan_text
from sendtrack.domain.documents.readers import read_document
from sendtrack.domain.plan_json import empty_action

AS_AT = date(2025, 6, 30)
ALWAYS = Model(5.0, {})
NEVER = Model(-5.0, {})


def test_pipe_rows_without_outer_pipes_rejoin_their_wrapped_cells():
    text = (
        "Ref | Action | Lead | Due\n"
        "1.1 | Publish the toolkit | JH | Mar 25\n"
        "    | on the Local Offer |  |\n"
        "1.2 | Train new SENCOs | KT | Jul 25\n"
    )

    rows = [p for p in pieces(text) if p.kind == "row"]

    assert [r.text for r in rows] == ["Publish the toolkit on the Local Offer", "Train new SENCOs"]
    assert rows[0].cells["owner"] == "JH"


def test_a_header_repeated_on_each_page_and_the_running_title_are_dropped():
    page = "Kelmouth plan – monitoring return June 2025          Page {n} of 2\n"
    header = "Ref | Action | Lead\n"
    text = (
        page.format(n=1)
        + header
        + "1 | Agree the banding model | LM\n"
        + page.format(n=2)
        + header
        + "2 | Fill the vacant posts | JH\n"
    )

    texts = [p.text for p in pieces(text)]

    assert texts == ["Agree the banding model", "Fill the vacant posts"]


def test_several_dated_status_columns_give_the_latest_status_and_keep_the_others():
    text = (
        "Ref | Action | Lead | RAG Dec 24 | RAG Mar 25 | RAG Jun 25\n"
        "1 | Refresh the toolkit | JH | Not started | Progressing | Complete\n"
    )

    (candidate,) = read_candidates(text, AS_AT, Models(ALWAYS, NEVER))
    (action,), _, _ = plan_from_candidates([candidate])

    assert action["status"] == "complete"
    assert action["status_history"] == [
        {"column": "RAG Dec 24", "value": "Not started"},
        {"column": "RAG Mar 25", "value": "Progressing"},
    ]


def test_space_aligned_columns_are_cut_where_the_header_puts_them():
    text = (
        "Ref   Action                          Lead              By when\n"
        "1.1   Publish the refreshed toolkit   Head of SEND      March 2026\n"
        "      for primary schools\n"
    )

    (row,) = [p for p in pieces(text) if p.kind == "row"]

    assert row.text == "Publish the refreshed toolkit for primary schools"
    assert row.cells["owner"] == "Head of SEND"
    assert row.cells["due"] == "March 2026"


def test_a_cell_with_one_paragraph_per_action_is_one_candidate_per_paragraph():
    text = (
        "Ref\tActions\tLead\n"
        "1\tWe will:<br>- Map the pathway<br>• Publish the guide\tAB<br>CD<br>EF\n"
    )

    found = pieces(text)

    assert [p.text for p in found] == ["Map the pathway", "Publish the guide"]
    assert [p.lead_in for p in found] == ["We will:", "We will:"]
    assert [p.cells["owner"] for p in found] == ["CD", "EF"]


def test_a_ref_cell_with_one_ref_per_paragraph_gives_each_action_its_own():
    plan = parse_plan_text(
        "Progress report, position at 30 September 2019\n"
        "Workstream\tRef\tActions\tResponsible officer\tDeadline\n"
        "A: Assessment\t1a<br>1b<br>1c\t- Redesign the assessment pathway<br>- Set up a "
        "weekly panel<br>- Clear the backlog of reviews\tHead of SEN\tMarch 2020\n"
        "B: Quality\t2\tAgree a quality standard<br>Audit ten plans a term\tQA Lead\tJuly 2020\n"
    )
    assert [a["ref"] for a in plan["actions"]] == ["1a", "1b", "1c", "2.a", "2.b"]


def test_list_markers_of_every_kind_open_items_and_a_lead_in_names_their_owner():
    text = (
        "The Board agreed to:\n"
        "a) publish the figures monthly\n2) ask schools for data\n• review in March\n"
    )

    items = [p for p in pieces(text) if p.kind == "item"]

    assert [i.text for i in items] == [
        "publish the figures monthly",
        "ask schools for data",
        "review in March",
    ]
    assert {i.lead_in for i in items} == {"The Board agreed to:"}
    assert lead_in_owner(items[0].lead_in) == "The Board"


def test_prose_is_split_into_sentences_and_wrapped_lines_are_joined():
    text = (
        "The strategy is being developed with schools and remains on track to finish\n"
        "by the end of March. The panel met twice.\n"
    )

    sentences = [p.text for p in pieces(text) if p.kind == "sentence"]

    assert sentences == [
        "The strategy is being developed with schools and remains on track to finish by the "
        "end of March.",
        "The panel met twice.",
    ]


def test_labels_glued_to_their_values_fill_the_record_they_belong_to():
    text = (
        "ActionAll SENCOs to return the audit\n"
        "OwnerHead of SEND\nDue31/03/2026\nStatusIn progress\n"
    )

    (record,) = read_candidates(text, AS_AT, Models(ALWAYS, NEVER))

    assert record.text == "All SENCOs to return the audit"
    assert record.fields["owner"].value == "Head of SEND"
    assert record.fields["due"].value == "2026-03-31"
    assert record.fields["status"].value == "in_progress"


def test_glued_records_repeated_through_minutes_keep_every_field():
    """ "RAGAmber" is a field; "ProgressOngoing" under every action is no running title."""
    record = "ActionsA{n} Send the audit to SENCOs\nLeadHead of SEND\nProgressOngoing\nRAGAmber\n"
    text = "".join(record.format(n=n) for n in range(1, 5))

    records = read_candidates(text, AS_AT, Models(ALWAYS, NEVER))

    assert [(r.fields["status"].value, r.fields["rag"].value) for r in records] == [
        ("in_progress", "amber")
    ] * 4
    assert field_line("RAGE and frustration were voiced") is None


def test_a_label_glued_to_a_value_in_lower_case_is_read_where_the_value_fits_the_label():
    text = "ActionAll SENCOs to return the audit\nDeadlineend of November\nRAGa\nStatusongoing\n"

    (record,) = read_candidates(text, AS_AT, Models(ALWAYS, NEVER))

    assert record.fields["due"].value == "2025-11-30"
    assert record.fields["rag"].value == "amber"
    assert record.fields["status"].value == "in_progress"
    assert field_line("Deadlines are tight this term") is None
    assert field_line("Progressing well with the SENCO network") is None


def test_the_next_meetings_date_under_the_last_record_is_not_that_actions_date():
    text = (
        "ActionAll SENCOs to return the audit\n"
        "OwnerHead of SEND\nDue31/03/2026\nStatusIn progress\n"
        "Date of next meeting: 14 January 2026, 2pm, Civic Centre\n"
    )

    record = read_candidates(text, AS_AT, Models(ALWAYS, NEVER))[0]

    assert record.fields["due"].value == "2026-03-31"
    assert field_line("Date of the next meeting: 3 March 2026") is None
    assert field_line("Next board date: 3 March 2026") is None


def test_what_who_when_blocks_under_their_action_number_are_records():
    text = (
        "Action 1.1\n"
        "    What: Recruit four additional EHC coordinators\n"
        "    Who: Head of SEND Statutory Services\n"
        "    When: March 2026\n"
        "    Progress (Nov 2025): Two posts filled; interviews in December.\n"
        "    Rating: Amber\n\n"
        "Action 1.2\n"
        "    What: Track every assessment past week 12\n"
        "    Who: SEND Performance Lead\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["ref"], a["text"], a["owner"], a["status_raw"], a["rag"]) for a in actions]
    assert got == [
        ("1.1", "Recruit four additional EHC coordinators", "Head of SEND Statutory Services",
         "Two posts filled; interviews in December.", "amber"),
        ("1.2", "Track every assessment past week 12", "SEND Performance Lead", None, None),
    ]  # fmt: skip


def test_an_empty_action_label_is_no_candidate():
    assert read_candidates("ActionN/A\nOwnerHead of SEND\n", AS_AT, Models(ALWAYS, NEVER)) == []


def test_field_lines_need_a_known_label_and_a_value():
    assert field_line("Lead: Head of Inclusion") == ("owner", "Head of Inclusion")
    assert field_line("Action by: JM") == ("owner", "JM")
    assert field_line("Programme: SEND transformation") is None
    assert field_line("Progress:") is None


def test_glued_words_are_separated():
    assert unglue("Ordinarily available provisionRachel Greaves") == (
        "Ordinarily available provision Rachel Greaves"
    )
    assert unglue("McCarthy") == "McCarthy"


def test_detectors_find_owners_and_dates_wherever_they_are_written():
    assert find_owner("ACTION: JM to circulate the revised model").value == "JM"
    assert find_owner("Publish the guide (Lead: Head of SEND)").value == "Head of SEND"
    assert find_owner("Head of Inclusion to bring the figures").value == "Head of Inclusion"
    due = find_due("interviews are scheduled for 3 December", date(2024, 11, 18))
    assert due is not None and due.value == "2024-12-03"
    assert find_due("Ongoing", AS_AT, cell=True) is None
    assert find_due("12.03.2026", AS_AT, cell=True).value == "2026-03-12"
    tracked = find_due("Audit 40 plans  [RT]  Due 30/11  #workstream1", date(2031, 11, 2))
    assert tracked is not None and tracked.value == "2031-11-30"  # a task tool's day and month
    assert find_due("Ref 26/07 – publish the guide", date(2031, 11, 2)) is None


def test_headings_open_sections_and_a_heading_of_the_same_style_closes_the_last():
    text = "Priority 1 Inclusion\n- Map the pathway\nPriority 2 Timeliness\n- Fill the posts\n"
    heading = Model(-5.0, {"section_word": 10.0})

    candidates = read_candidates(text, AS_AT, Models(ALWAYS, heading))

    assert [(c.text, c.section) for c in candidates] == [
        ("Map the pathway", ["Priority 1 Inclusion"]),
        ("Fill the posts", ["Priority 2 Timeliness"]),
    ]


def test_when_no_candidate_passes_the_best_are_offered_to_check():
    candidates = read_candidates(
        "The board met.\nPublish the guide by March.\n", AS_AT, Models(NEVER, NEVER)
    )

    actions, _, _ = plan_from_candidates(candidates)

    assert actions, "a readable document is never answered with nothing"
    assert all(a["confidence"]["action"] < 0.5 for a in actions)
    assert all(a["source"] for a in actions)


def test_the_table_rules_stand_where_the_model_confirms_them():
    rules = {"as_at": None, "actions": [{"text": "Publish the guide"}], "sections": []}
    confirmed = "Ref | Action\n1 | Publish the guide\n"
    others = "Ref | Action\n1 | Train the SENCOs\n2 | Map the pathway\n3 | Audit the plans\n"

    kept = choose_reading(confirmed, rules, Models(ALWAYS, NEVER))
    replaced = choose_reading(others, rules, Models(ALWAYS, NEVER))
    too_few_to_override = choose_reading("1 | Train the SENCOs\n", rules, Models(ALWAYS, NEVER))

    assert [a["text"] for a in kept["actions"]] == ["Publish the guide"]
    assert [a["text"] for a in too_few_to_override["actions"]] == ["Publish the guide"]
    assert [a["text"] for a in replaced["actions"]] == [
        "Train the SENCOs",
        "Map the pathway",
        "Audit the plans",
    ]
    assert "confidence" in replaced["actions"][0]


def test_without_a_table_the_rules_stand_only_where_the_model_confirms_nearly_all_of_them():
    """A roadmap with no table: the rules also took the key's lines for items; the model
    finds the items and thinks the key's lines plausible but no actions, so it decides."""
    text = (
        "Roadmap\n\nMay 2026\n- Open the new hub (JB)\n- Train the SENCOs (SR)\n"
        "- Map the pathway (JB)\n\nKey to owners\nJB is Jo Bell, Head of SEND\n"
        "SR is Sam Ray, SENCO Network Lead\n"
    )
    items = ["Open the new hub (JB)", "Train the SENCOs (SR)", "Map the pathway (JB)"]
    key = ["JB is Jo Bell, Head of SEND", "SR is Sam Ray, SENCO Network Lead"]
    rules = {"as_at": None, "sections": [], "actions": [{"text": t} for t in items + key]}
    bullets = Models(Model(-1.0, {"marker:bullet": 6.0}), NEVER)  # a key's line: 0.27

    read = choose_reading(text, rules, bullets)
    with_a_table = choose_reading(
        "Action | Lead\n"
        + "".join(f"{t} | x\n" for t in items)
        + "".join(f"{t} | -\n" for t in key),
        rules,
        bullets,
    )

    assert [a["text"] for a in read["actions"]] == [t.rsplit(" (", 1)[0] for t in items]
    assert len(with_a_table["actions"]) == 5, "under a table's header the rules still stand"


def test_where_the_rules_stand_the_candidates_give_what_the_rules_did_not_find():
    def rules(owner: str | None) -> dict:
        return {
            "as_at": None,
            "sections": [],
            "actions": [
                {"text": "Open the new hub", "section": None, "owner": None, "status_raw": None},
                {"text": "Train the SENCOs", "section": None, "owner": owner},
            ],
        }

    text = (
        "### May 2026\n- Open the new hub - Lead: Jo Bell (complete)\n\n"
        "### June 2026\n- Train the SENCOs - Lead: Sam Ray\n"
    )

    read = choose_reading(text, rules(None), Models(ALWAYS, NEVER))
    with_a_lead_column = choose_reading(text, rules("Head of SEND"), Models(ALWAYS, NEVER))

    opened, trained = read["actions"]
    assert [opened["section"], trained["section"]] == ["May 2026", "June 2026"]
    assert [s["title"] for s in read["sections"]] == ["May 2026", "June 2026"]
    assert [opened["owner"], trained["owner"]] == ["Jo Bell", "Sam Ray"]
    assert opened["status"] == "complete"
    assert [a["owner"] for a in with_a_lead_column["actions"]] == ["Jo Bell", "Head of SEND"], (
        "where the rules read a lead column, a lead the action's words name fills an empty cell"
    )
    guessed = choose_reading(
        text.replace("- Open the new hub - Lead: Jo Bell", "- Jo Bell will open the new hub"),
        {
            **rules("Head of SEND"),
            "actions": [
                {"text": "Jo Bell will open the new hub", "section": None, "owner": None},
                rules("Head of SEND")["actions"][1],
            ],
        },
        Models(ALWAYS, NEVER),
    )
    assert guessed["actions"][0]["owner"] is None, "a sentence's subject is only a guess"


def test_a_markdown_heading_is_a_section_whatever_its_words():
    text = (
        "# Our roadmap\n\n## Phase one\n### May 2026\n- Open the new hub\n"
        "## Phase two\n- Train the SENCOs\n"
    )

    found = {c.text: c for c in read_candidates(text, None, Models(ALWAYS, NEVER))}

    assert found["Open the new hub"].section == ["Phase one", "May 2026"]
    assert found["Train the SENCOs"].section == ["Phase two"]
    assert found["Open the new hub"].fields["due"].value == "2026-05-31"


def test_a_header_wrapped_over_two_lines_names_the_columns_and_is_skipped_when_repeated():
    text = (
        "Ref | What we will do | Owner | Target | Progress | Progress\n"
        "    |                 |       | date   | Jan 26   | Apr 26\n"
        "A1  | Map the pathway | JB    | 31/07/2026 | Not started | Progressing\n"
        "Plan tracker - page 2 of 2\n"
        "Ref | What we will do | Owner | Target | Progress | Progress\n"
        "    |                 |       | date   | Jan 26   | Apr 26\n"
        "AREA B - PLACES\n"
        "B1  | Open the hub    | SR    | Dec 2026 | Progressing | Complete\n"
    )

    rows = [p for p in pieces(text) if p.kind == "row"]

    assert [r.text for r in rows] == ["Map the pathway", "Open the hub"]
    assert rows[0].cells["owner"] == "JB" and rows[0].cells["due"] == "31/07/2026"
    assert [name for name, _ in rows[1].columns][-2:] == ["Progress Jan 26", "Progress Apr 26"]


def test_a_line_between_two_rows_of_a_table_spans_it_and_a_sentence_is_never_a_heading():
    text = (
        "Status words: Not started; Progressing; Embedded (done, in practice).\n\n"
        "Ref | Action | Lead\n1 | Map the pathway | JB\nAREA B - PLACES\n2 | Open the hub | SR\n"
    )

    found = pieces(text)
    between = next(p for p in found if p.text == "AREA B - PLACES")
    candidates = read_candidates(text, None, Models(NEVER, ALWAYS))

    assert between.spans_row
    assert all(c.section == [] or c.piece.kind != "sentence" for c in candidates)
    assert not any("Embedded" in " ".join(c.section) for c in candidates)


def test_minutes_flattened_from_a_table_give_the_item_title_as_a_heading_and_notes_as_sentences():
    text = (
        "ItemNotes and actions\n"
        "2. Short breaks reviewThe group discussed the review. ActionsSam Ray to share the "
        "criteria by 6 December. Jo Bell will report in March. Actions from before: none.\n"
    )

    found = pieces(text)

    assert [(p.kind, p.text) for p in found[1:3]] == [
        ("line", "2. Short breaks review"),
        ("sentence", "The group discussed the review."),
    ]
    actions = [p for p in found if p.lead_in]
    assert [p.text for p in actions] == [
        "Sam Ray to share the criteria by 6 December.",
        "Jo Bell will report in March.",
        "Actions from before: none.",
    ], "the glued label opens the list; a label followed by a space is the text's own"


def test_a_field_block_and_a_title_block_are_not_sections():
    text = (
        "Harbury Council\nProject Delivery Plan 2026/27\n\n"
        "Programme / Inclusion Programme\nWorkstream: Early help\nReport date: 04.03.2026\n\n"
        "2. Next period\n- Open the new hub by May\n"
    )

    lines_are_headings = Model(-5.0, {"kind:line": 10.0, "marker:number": 10.0})

    found = read_candidates(text, None, Models(ALWAYS, lines_are_headings))

    assert [c.section for c in found if c.text.startswith("Open")] == [["2. Next period"]]


def test_rows_flattened_with_their_cells_glued_stay_one_row_each_and_give_their_fields():
    long = "x" * 40
    text = (
        "Workstream A: Therapies\n"
        f"Commission a review of the {long} pathway.Q3 2030/31LA and ICBOn track\n"
        f"Publish waiting times for every {long} therapy each month.June 2030Head of SENDDelayed\n"
        "\nProgress key: Not yet started, On track, Delayed\n"
    )

    found = [c for c in read_candidates(text, None, Models(ALWAYS, NEVER)) if "x" * 9 in c.text]

    assert [c.text[:20] for c in found] == ["Commission a review ", "Publish waiting time"]
    assert [c.fields["owner"].value for c in found] == ["LA and ICB", "Head of SEND"]
    assert [c.fields["status"].value for c in found] == ["on_track", "delayed"]
    assert field_line("Progress key: Not yet started, On track") is None


def _one_action_each(text: str) -> list[dict]:
    actions, _, _ = plan_from_candidates(read_candidates(text, None, Models(ALWAYS, NEVER)))
    return actions


def test_a_project_tool_export_gives_sections_refs_leads_dates_and_status_by_its_columns():
    project = (
        "ID\tWBS\tTask Name\tSummary\tFinish\t% Complete\tResource Names\n"
        "0\t0\tOur SEND Programme\tYes\t\t35%\t\n"
        "1\t1\tFamilies first\tYes\t\t\t\n"
        "2\t1.1\tOpen the new hub\tNo\tMon 05/05/31\t100%\tHub Lead\n"
        "3\t1.2\tTrain the SENCOs\tNo\tFri 24/10/31\t40%\tJ. Bell\n"
    )
    planner = (
        "Task ID\tTask Name\tBucket Name\tProgress\tPriority\tAssigned To\tDue date\tLabels\n"
        "X1\tMap the pathway\tEarly help\tNot started\tMedium\tSam Ray\t14/11/2031\tBlue;WS1\n"
    )
    outline = (
        "Task Name  Level  Assigned To  End Date  Health  Status\n"
        "Early help  1          \n"
        "Map the pathway  2    2031-12-07  Red  Not started\n"
        "Train the SENCOs  2  QA Lead  2031-06-15  Green  Completed\n"
    )

    opened, trained = _one_action_each(project)
    (mapped,) = _one_action_each(planner)
    in_outline = _one_action_each(outline)

    assert [opened["ref"], opened["section"], opened["owner"]] == [
        "1.1",
        "Families first",
        "Hub Lead",
    ]
    assert [opened["due"], opened["status"], trained["status"]] == [
        "2031-05-05",
        "complete",
        "in_progress",
    ]
    assert [mapped["section"], mapped["owner"], mapped["rag"]] == ["Early help", "Sam Ray", "blue"]
    assert [(a["section"], a["owner"], a["rag"]) for a in in_outline] == [
        ("Early help", None, "red"),
        ("Early help", "QA Lead", "green"),
    ], "an empty cell leaves its column empty; a Health column of colours is the RAG"


def test_a_flattened_row_gives_its_ref_lead_and_rag_letter():
    text = (
        "Ref Action Lead Timescale Status RAG\n"
        "A.1 Strengthen the advice service and report to the SEND Partnership Board G. Quayle "
        "01/06/2031 Started G\n"
        "A.2 Embed the graduated response\n"
        "toolkit in primary schools. M. Ellery Apr-31 Underway A\n"
    )

    first, second = [a for a in _one_action_each(text) if a["ref"]]

    assert [first["ref"], first["owner"], first["status"], first["rag"]] == [
        "A.1",
        "G. Quayle",
        "in_progress",
        "green",
    ]
    assert [second["ref"], second["owner"], second["rag"]] == ["A.2", "M. Ellery", "amber"]


MINUTES = (
    "SEND Partnership Board - summary of the meeting on 3 March 2031\n\n"
    "1. Welcome and apologies\nApologies were received from Jo Bell.\n\n"
    "2. Matters arising\nSam Ray explained that the audit had been discussed with schools.\n"
    "Actions carried forward:\nACTION (c/f): DD to introduce the new offer\n\n"
    "3. Local Offer\nThe Board noted the new panel met in May.\n"
    "The Board agreed to:\n1. publish the short breaks statement\n2. agree the funding formula\n"
    "The Board approved the new charter.\n"
)


def test_items_of_a_list_of_actions_are_actions_and_agenda_items_are_headings():
    doubtful = Model(-1.0, {})  # no action is sure of itself

    found = {c.text: c for c in read_candidates(MINUTES, None, Models(doubtful, NEVER))}

    listed = ["publish the short breaks statement", "agree the funding formula"]
    assert all(found[text].score >= 0.8 for text in listed)
    assert found["publish the short breaks statement"].section == ["3. Local Offer"]
    assert found["The Board approved the new charter."].score < 0.5, "a decision, not an action"
    assert "Local Offer" not in found, "the agenda item is a heading, not the list's next item"
    assert find_owner("ACTION (c/f): DD to introduce the new offer").value == "DD"


def test_the_items_the_board_agreed_the_following_of_are_actions_with_their_owners():
    text = (
        "4. Annual reviews\nThe Board agreed the following:\n"
        "a) the Head of SEND to bring a revised trajectory to the March meeting;\n"
        "b) the Finance Business Partner to cost weekend review clinics by 28 February 2031.\n"
    )
    doubtful = Model(-1.0, {})  # no action is sure of itself

    found = [c for c in read_candidates(text, None, Models(doubtful, NEVER)) if c.score >= 0.5]

    assert [c.fields["owner"].value for c in found] == [
        "Head of SEND",
        "Finance Business Partner",
    ]


def test_where_the_rules_read_only_the_action_lines_the_listed_actions_are_added_in_place():
    rules = {
        "as_at": None,
        "sections": [],
        "actions": [{"text": "DD to introduce the new offer", "section": None, "owner": "DD"}],
    }

    read = choose_reading(MINUTES, rules, Models(Model(-1.0, {}), NEVER))

    assert [a["text"] for a in read["actions"]] == [
        "DD to introduce the new offer",
        "publish the short breaks statement",
        "agree the funding formula",
    ]


def test_a_table_copied_one_cell_per_line_is_read_as_rows():
    text = (
        "Riverton SEND Improvement Plan\n\nRef\nAction\nLead\nTimescale\nRAG\n"
        "Workstream 1 – Early help\n1.1\nPublish the early help directory for\n"
        "families in every locality\nJo Bell\nend of May\nGreen\n"
        "1.2\nTrain the SENCOs\n\nSam Ray\n03/04/2031\nRed\nWorkstream 2 – Places\n"
        "2.1\nOpen the hub\nHead of SEND\nQ3 2031/32\nAmber\nBack to top\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["text"], a["owner"], a["rag"]) for a in actions] == [
        (
            "1.1",
            "Publish the early help directory for families in every locality",
            "Jo Bell",
            "green",
        ),
        ("1.2", "Train the SENCOs", "Sam Ray", "red"),
        ("2.1", "Open the hub", "Head of SEND", "amber"),
    ]
    assert [a["section"] for a in actions] == [
        "Workstream 1 – Early help",
        "Workstream 1 – Early help",
        "Workstream 2 – Places",
    ]


def test_a_table_copied_one_cell_per_line_keeps_its_empty_cells_and_listed_measures():
    """Each line goes to the column whose kind of value it holds: a blank line is an empty
    cell, a date the timescale, a colour the RAG, and a bulleted list stays one cell."""
    text = (
        "Ryedale SEND Plan\n\nNo.\nWhat we will do\nResponsible\nTimescale\nStatus\nRAG\n"
        "Impact / how we will know\n"
        "Priority 1 – Assessments\n1a\nClear the backlog of overdue annual reviews.\n\n"
        "March 2031\nIn progress\nAmber\n• Backlog under 50\n• Every review on time\n"
        "1b\nPublish the new panel guidance.\nHead of SEND\n\nNot started\nRed\n"
        "Guidance on the Local Offer\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["owner"], a["due"], a["status"], a["rag"]) for a in actions] == [
        ("1a", None, "2031-03-31", "in_progress", "amber"),
        ("1b", "Head of SEND", None, "not_started", "red"),
    ]
    assert actions[0]["measures"] == ["Backlog under 50", "Every review on time"]
    assert actions[1]["measures"] == ["Guidance on the Local Offer"]


def test_a_web_table_one_cell_per_line_keeps_a_long_column_name_and_stops_at_the_page():
    """A header name of seven words still names its column, and the page's lines after the
    last record (an update on a listed action, its links) are neither its cells nor actions."""
    text = (
        "Skip to main content\nOur plan: progress\nRef\nWhat we will do\nWho is leading\n"
        "By when\nRAG\nHow we will know it has worked\n"
        "PA1.1\nBuild a shared SEND dataset\nHead of Insight\nMarch 2031\nGreen\n"
        "Dataset live every month\nDataset used at each Board\n"
        "PA1.2\nHold listening events in each locality\nParticipation Team\nMay 2031\nAmber\n"
        "At least 200 families take part\n"
        "Latest update\nPA1.1: the supplier was changed. The dataset is now due in June 2031.\n"
        "Back to top\nWas this page helpful?\nReport a problem with this page\n"
    )

    actions = _one_action_each(text)  # every candidate the model could pass

    assert not any("supplier" in a["text"] or "problem" in a["text"] for a in actions)
    assert [(a["ref"], a["owner"], a["rag"], a["measures"]) for a in actions if a["ref"]] == [
        (
            "PA1.1",
            "Head of Insight",
            "green",
            ["Dataset live every month", "Dataset used at each Board"],
        ),
        ("PA1.2", "Participation Team", "amber", ["At least 200 families take part"]),
    ]


def test_a_web_table_one_cell_per_line_with_no_ref_column_is_read_record_by_record():
    """Nothing marks where a record starts: each is the run of lines that best fills the
    columns in order, so a blank first cell, a missing partners cell, a second measure line
    and a heading row between records all land where they belong."""
    text = (
        "Skip to main content\nOur SEND plan\nThe plan\nWhat inspectors said\n"
        "What we will do\nLead\nPartners\nTimescale\nRAG\nImpact we expect\n"
        "Theme 1 – Early help\nFamilies wait too long for support.\n"
        "Open a family hub in each district.\nHead of Early Help\nHealth visitors\n"
        "Schools\nJune 2031\nGreen\nThree hubs open\nWaits fall below six weeks\n"
        "\nTrain every SENCO in the new toolkit.\nSENCO Network Lead\nMarch 2032\nAmber\n"
        "90% of SENCOs trained\nTheme 2 – Plans\nPlans are written late.\n"
        "Agree a weekly panel for draft plans.\nSEND Casework Manager\nSeptember 2031\n\n"
        "Panel meets every week\nGet involved\nJoin our forum to have your say.\n"
    )

    actions = [a for a in _one_action_each(text) if a["due"]]

    assert [(a["text"], a["owner"], a["due"], a["rag"]) for a in actions] == [
        ("Open a family hub in each district.", "Head of Early Help", "2031-06-30", "green"),
        ("Train every SENCO in the new toolkit.", "SENCO Network Lead", "2032-03-31", "amber"),
        ("Agree a weekly panel for draft plans.", "SEND Casework Manager", "2031-09-30", None),
    ]
    assert [a["section"] for a in actions] == ["Theme 1 – Early help"] * 2 + ["Theme 2 – Plans"]
    assert actions[0]["measures"] == ["Three hubs open", "Waits fall below six weeks"]
    assert actions[1]["measures"] == ["90% of SENCOs trained"]
    assert actions[2]["measures"] == ["Panel meets every week"]  # not the page's "Get involved"
    found = ("Families wait", "Plans are written")  # what the inspectors said
    assert not any(a["text"].startswith(found) for a in _one_action_each(text))


def test_a_web_table_with_no_ref_column_keeps_listed_measures_and_a_sentence_of_progress():
    text = (
        "Our plan\nWhat we will do\nWho will lead\nWhen\nHow we will know\nProgress\n"
        "Priority 2: Plans\n"
        "Recruit four more EHC coordinators.\nHead of SEND\nSeptember 2031\n"
        "• All posts filled\n• Caseloads below 140\n"
        "This was completed in October 2031. All staff are in post.\n"
        "Audit ten new plans every month with health colleagues.\nQuality Lead\n"
        "Monthly from October 2031\nMost audited plans judged good\nOngoing. Four audits done.\n"
        "Related pages\n"
    )
    actions = [a for a in _one_action_each(text) if a["owner"] in {"Head of SEND", "Quality Lead"}]

    assert [a["text"] for a in actions] == [
        "Recruit four more EHC coordinators.",
        "Audit ten new plans every month with health colleagues.",
    ]
    assert actions[0]["measures"] == ["All posts filled", "Caseloads below 140"]
    assert actions[0]["status_raw"] == "This was completed in October 2031. All staff are in post."
    assert actions[1]["status"] == "in_progress"


def test_a_web_tables_row_broken_over_lines_by_its_cells_line_breaks_is_one_row():
    """A web table flattened with single spaces, whose cells' line breaks broke a row over
    lines: the row runs on to its date, and a line under a whole row is its next measure."""
    text = (
        "HARBURY SEND PARTNERSHIP\nHarbury Council | NHS Harbury ICB\n"
        "SEND Improvement Plan 2031-2033\n\n"
        "Ref Action Lead Partners Due Progress RAG Success measure\n"
        "Priority 1: Earlier help\n"
        "1.1 Agree a protocol for referrals\nfrom school nursing Designated Clinical Officer "
        "Community Paediatrics\nSchool Nursing Sept 2031 Complete B Protocol signed off\n"
        "1.2 Publish a toolkit for schools Head of Inclusion SENCO Network 31/03/2032 In progress"
        " A Toolkit published\n80% of SENCOs trained by March 2032\n"
        "1.3 Set up a transition panel Head of Adulthood Adult Social Care Apr 2032 Not yet "
        "started 20 young people considered each quarter\n\n"
        "Update on 1.2: the toolkit went to print in May. Training now starts in June 2032.\n"
        "RAG key: B complete; G on track; R off track and needs Board support.\n"
    )

    actions = _one_action_each(text)  # every candidate the model could pass

    assert not any(re.search("toolkit went|print|off track", a["text"]) for a in actions)
    actions = [a for a in actions if a["ref"]]
    assert [(a["ref"], a["section"], a["due"], a["rag"]) for a in actions] == [
        ("1.1", "Priority 1: Earlier help", "2031-09-30", "blue"),
        ("1.2", "Priority 1: Earlier help", "2032-03-31", "amber"),
        ("1.3", "Priority 1: Earlier help", "2032-04-30", None),
    ]
    assert actions[0]["text"] == "Agree a protocol for referrals from school nursing"
    assert actions[1]["measures"] == ["Toolkit published", "80% of SENCOs trained by March 2032"]
    assert actions[2]["status_raw"] == "Not yet started"
    assert actions[2]["measures"] == ["20 young people considered each quarter"]


def test_a_web_tables_flattened_rows_with_a_long_header_name_and_bracketed_colours():
    """A header whose last name runs to seven words ("How we will know it has worked"), a
    RAG in brackets after the status ("On track (Green)"), and an objective's coded title
    between rows ("1b. Schools meet needs"), which is no measure of the row above."""
    from sendtrack.domain.documents.plan import parse_plan_text

    text = (
        "Brindle SEND tracker\nUpdated 14 October 2031\n\n"
        "What we will do Lead(s) Working with Target date Update RAG How we will know it has "
        "worked\nWorkstream 1: Early help\n1a. Needs are identified early\n"
        "Roll out the inclusion fund to every nursery Early Years SEND Manager Family Hubs "
        "31 Dec 2031 On track (Green) Take-up by 90% of settings\n"
        "1b. Schools meet needs\n"
        "Publish the ordinarily available guidance Head of Inclusion Parent Carer Forum "
        "30.11.2031 Complete (Blue) Guidance used by every school\n"
    )
    actions = parse_plan_text(text)["actions"]

    assert [(a["due"], a["status_raw"], a["rag"]) for a in actions] == [
        ("2031-12-31", "On track", "green"),
        ("2031-11-30", "Complete", "blue"),
    ]
    assert actions[0]["owner"] == "Early Years SEND Manager"  # to its job title's last word
    assert [a["measures"] for a in actions] == [
        ["Take-up by 90% of settings"],
        ["Guidance used by every school"],
    ]


def test_one_paragraph_per_action_takes_its_own_number_lead_and_date_or_a_lettered_ref():
    text = (
        "Ref\tActions\tLead\tTimescale\n"
        "Priority 1: Early help\t\t\t\n"
        "1.1\tIn order to achieve this we will:<br>1.1.1 Map the pathway<br>1.1.2 Publish the"
        " guide\tJo Bell<br>Sam Ray\tMay 2031<br>June 2031\n"
        "1.2\tTrain the SENCOs<br>Open the hub\tHead of SEND\tJuly 2031\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["owner"], a["due"]) for a in actions] == [
        ("1.1.1", "Jo Bell", "2031-05-31"),
        ("1.1.2", "Sam Ray", "2031-06-30"),
        ("1.2.a", "Head of SEND", "2031-07-31"),
        ("1.2.b", "Head of SEND", "2031-07-31"),
    ]
    assert {a["section"] for a in actions} == {"Priority 1: Early help"}


def test_a_rows_numbered_or_lettered_paragraphs_keep_their_printed_number_after_its_ref():
    text = (
        "Ref\tActions\tLead\tB/G/A/R\n"
        "W3\t1. Agree the charter<br>2. Hold termly drop-ins\tHead of SEND\tG<br>A\n"
        "W4\ta) Map the pathways<br>b) Agree the protocol\tPfA Lead\tR\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["text"], a["rag"]) for a in actions] == [
        ("W3.1", "Agree the charter", "green"),
        ("W3.2", "Hold termly drop-ins", "amber"),
        ("W4.a", "Map the pathways", "red"),
        ("W4.b", "Agree the protocol", "red"),
    ]


def test_a_status_cell_with_one_line_per_action_paragraph_gives_each_its_own_status():
    text = (
        "Ref\tActions\tLead\tProgress\n"
        "1.2\tTrain the SENCOs<br>Open the hub\tHead of SEND\tNot started<br>Complete\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["status_raw"], a["status"]) for a in actions] == [
        ("1.2.a", "Not started", "not_started"),
        ("1.2.b", "Complete", "complete"),
    ]


def test_the_line_a_document_opens_with_is_its_title_not_a_section_around_everything():
    text = (
        "Northbrook SEND Improvement Plan 2031\n\n"
        "Ref\tActions\tLead\n"
        "<b>Priority 1: Early help</b>\t\t\n"
        "1.1\tTrain the SENCOs\tHead of SEND\n"
    )

    (action,) = [a for a in _one_action_each(text) if a["ref"]]

    assert action["section"] == "Priority 1: Early help"


def test_an_actions_record_keeps_its_listed_measures_and_fields_it_does_not_name():
    text = (
        "Early help\n"
        "1.1 We will publish the early help directory\n"
        "Lead: Jo Bell\nWorking with: Parent Carer Forum, ICB\nMilestone: Draft by May 2031\n"
        "Measures of success:\n- Families find help sooner\n- Fewer complaints\n"
        "Progress: On track\n"
        "1.2 We will train the SENCOs\nLead: Sam Ray\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [a["text"] for a in actions] == [
        "We will publish the early help directory",
        "We will train the SENCOs",
    ]
    published = actions[0]
    assert published["measures"] == ["Families find help sooner", "Fewer complaints"]
    assert [published["owner"], published["status"]] == ["Jo Bell", "on_track"]
    assert published["partners"] == ["Parent Carer Forum", "ICB"]


def test_a_roadmaps_phases_hold_its_months_and_the_as_at_date_is_no_heading():
    text = (
        "Our SEND Roadmap\n\nMay 2031\n\nPhase 1: Stabilise\n\nMAY 2031\n"
        "Publish the guide \u2014 Head of SEND \u2014 Done\n\nJUNE 2031\n"
        "Open the hub \u2014 Jo Bell\n\nPhase 2: Embed\n\nJULY 2031\nTrain the SENCOs\n"
    )

    found = {
        c.text[:12]: c for c in read_candidates(text, date(2031, 5, 31), Models(ALWAYS, NEVER))
    }

    assert found["Publish the "].section == ["Phase 1: Stabilise", "MAY 2031"]
    assert found["Open the hub"].section == ["Phase 1: Stabilise", "JUNE 2031"]
    assert found["Train the SE"].section == ["Phase 2: Embed", "JULY 2031"]
    introduced = read_candidates(
        "Introduction\nWe made this roadmap with families.\n\nJune 2031\n- Open the hub\n",
        None,
        Models(ALWAYS, Model(-5.0, {"kind:line": 10.0})),
    )
    assert [c.section for c in introduced if c.text == "Open the hub"] == [["June 2031"]]
    assert found["Publish the "].fields["status"].value == "complete"
    assert found["Open the hub"].fields["due"].value == "2031-06-30"


def test_an_agenda_item_glued_to_its_word_is_still_numbered():
    text = "Item1. Early help\nDiscussionThe group heard from the hub.\nActionJo Bell to map it\n"

    found = read_candidates(text, None, Models(ALWAYS, NEVER))

    assert {tuple(c.section) for c in found} == {("Item1. Early help",)}


def test_a_web_tables_rows_flattened_with_spaces_are_cut_by_the_headers_order():
    """A header printed with single spaces gives the order of the cells; each row, wrapped
    or not, is cut where its typed cells fall: partners and measures between them too."""
    text = (
        "Ref Action Lead officer Partners Timescale Success measures Progress RAG\n"
        "Priority 1 Getting help early\n"
        "1.1 Open two family hubs with a SEND practitioner in each Family Hubs Manager "
        "Health Visiting, Parent Carer Forum June 2031 Both hubs open five days a week "
        "On track - staff appointed Green\n"
        "1.2 Report waiting times to the Improvement Board SEND Performance Lead ICB,\n"
        "school nurses September 2031 Times published every month In progress Amber\n"
        "Priority 2 Moving on\n"
        "2.1 Agree the transition protocol Assistant Director, Health and Care Adult Social Care "
        "Ongoing Protocol signed Not started Red\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [
        (a["ref"], a["text"], a["owner"], a["due_raw"], a["status_raw"], a["rag"], a["measures"])
        for a in actions
    ] == [
        ("1.1", "Open two family hubs with a SEND practitioner in each", "Family Hubs Manager",
         "June 2031", "On track - staff appointed", "green", ["Both hubs open five days a week"]),
        ("1.2", "Report waiting times to the Improvement Board", "SEND Performance Lead",
         "September 2031", "In progress", "amber", ["Times published every month"]),
        ("2.1", "Agree the transition protocol", "Assistant Director, Health and Care",
         "Ongoing", "Not started", "red", ["Protocol signed"]),
    ]  # fmt: skip
    assert [a["section"] for a in actions] == ["Priority 1 Getting help early"] * 2 + [
        "Priority 2 Moving on"
    ]


def test_a_row_wrapped_by_the_export_keeps_its_lead_date_and_lowercase_rag():
    long = "and report progress to the SEND Partnership Board at every meeting this year"
    text = (
        "Ref Action Lead Timescale RAG\n"
        f"1.1 To launch the tribunal data review to find where decisions go wrong {long}\n"
        "Partnership Board Head of Early Help 19 February 2031 amber\n"
        f"1.2 To publish the contact list for families with children and {long}\n"
        "young people Local Offer Officer end of June green\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["owner"], a["rag"]) for a in actions] == [
        ("Head of Early Help", "amber"),
        ("Local Offer Officer", "green"),
    ]
    assert actions[0]["due"] == "2031-02-19"


def test_a_leads_name_ending_in_send_is_not_the_end_of_a_date():
    assert find_owner("Publish the guide Head of SEND March 2031 Yellow").value == "Head of SEND"
    assert find_due("Head of SEND March 2031", None).raw == "March 2031"


def test_a_field_line_repeated_under_many_actions_is_not_page_furniture():
    record = (
        "{n}. We will {verb} the early help offer\nLead officer: Head of SEND\nProgress: On track\n"
    )
    text = "".join(
        record.format(n=n, verb=verb) for n, verb in enumerate(("map", "fund", "train", "audit"), 1)
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["owner"], a["status"]) for a in actions] == [("Head of SEND", "on_track")] * 4


def test_a_logs_meeting_dates_and_a_reports_repeated_parts_are_not_page_furniture():
    text = "".join(
        f"Meeting {day}/2031\nRef {n} – Agree the charter – Head of SEND – Open\n\n"
        f"Risks and issues\n- Capacity is short\n\n"
        for n, day in enumerate(("14/01", "11/03", "13/05"), 1)
    )
    kept = [p.text for p in pieces(text)]
    assert kept.count("Risks and issues") == 3
    assert [t for t in kept if t.startswith("Meeting")] == [
        "Meeting 14/01/2031",
        "Meeting 11/03/2031",
        "Meeting 13/05/2031",
    ]


def test_a_flattened_rows_cells_on_the_next_line_stay_with_it():
    text = (
        "Ref Action Lead officer Target date Status RAG\n"
        "Workstream 1 – Leadership\n"
        "1.1 Build a shared performance dashboard for the board.\n"
        "Head of Performance Q3 2031/32 On track Green\n"
        "1.2 Appoint a social care officer.\nHead of Social Care November 2031 Delayed Red\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["owner"], a["status"], a["rag"]) for a in actions] == [
        ("Head of Performance", "on_track", "green"),
        ("Head of Social Care", "delayed", "red"),
    ]
    assert {a["section"] for a in actions} == {"Workstream 1 – Leadership"}


def test_later_label_lines_are_an_actions_fields_and_a_long_bold_priority_row_a_heading():
    records = "".join(
        f"Outcome {letter} – Families are heard and help arrives sooner than before\n"
        f"{letter}1 We will map the pathway.\nResponsible: Jo Bell\nUpdate: Done\n"
        for letter in "ABCDEF"
    )
    table = (
        "Ref\tActions\tLead\n"
        "<b>Priority 1: Improve the timeliness and quality of needs assessments and plans"
        "</b>\t\t\n1.1\tRecruit four coordinators\tHead of SEND\n"
    )

    outcomes = [a for a in _one_action_each(records) if a["ref"]]
    (recruit,) = [a for a in _one_action_each(table) if a["ref"]]

    assert [a["section"][:9] for a in outcomes] == [f"Outcome {x}" for x in "ABCDEF"]
    assert recruit["section"].startswith("Priority 1: Improve")


def test_where_the_rules_ran_a_cells_paragraphs_together_the_models_split_stands():
    rows = "".join(
        f"{n}\tMap the {what} pathway for families<br>Publish the {what} guide for schools"
        f"<br>Train the {what} team in every locality\tHead of SEND\n"
        for n, what in enumerate(("autism", "hearing", "sight"), 1)
    )
    text = "Ref\tActions\tLead\n" + rows
    run_together = {
        "as_at": None,
        "sections": [],
        "actions": [
            {
                "text": f"Map the {w} pathway for families Publish the {w} guide for schools Train"
                f" the {w} team in every locality",
                "section": None,
                "owner": "Head of SEND",
            }
            for w in ("autism", "hearing", "sight")
        ],
    }

    read = choose_reading(text, run_together, Models(ALWAYS, NEVER))

    assert len(read["actions"]) == 9
    assert read["actions"][1]["text"] == "Publish the autism guide for schools"


def test_split_row_reads_tabs_and_pipes_with_or_without_outer_pipes():
    assert split_row("a\tb\tc") == ["a", "b", "c"]
    assert split_row("| a | b |") == ["a", "b"]
    assert split_row("a | b") == ["a", "b"]
    assert split_row("    | b | c") == ["", "b", "c"]
    assert split_row("plain prose") is None


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_reads_without_error(text):
    candidates = read_candidates(text, AS_AT)
    plan_from_candidates(candidates)
    assert all(0.0 <= c.score <= 1.0 for c in candidates)


def test_an_initial_does_not_end_a_sentence_and_a_brag_column_is_read():
    text = "Ref | Action | Lead | BRAG\n1 | Publish the guide | I. Ashdown | Amber\n"
    (candidate,) = read_candidates(text, AS_AT, Models(ALWAYS, NEVER))
    (sentence_one, _) = [p.text for p in pieces("I. Ashdown will lead the review. It ends soon.\n")]

    assert candidate.fields["rag"].value == "amber"
    assert candidate.fields["owner"].value == "I. Ashdown"
    assert sentence_one == "I. Ashdown will lead the review."


def test_a_heading_that_looks_like_body_text_is_told_by_the_lines_of_its_shape_around_it():
    text = (
        "Our plan for families\n\n"
        "Listening to children and families\nWe met 40 families in May.\n\n"
        "Getting help early\nThe Inclusion Team will publish a guide by June.\n\n"
        "Moving into adulthood\nThe PfA Lead will run two events by July.\n"
    )
    items = pieces(text)
    heading = next(p for p in items if p.text == "Getting help early")
    sentence = next(p for p in items if p.text.startswith("The Inclusion Team"))

    alike = heading_features(heading, None, 5, alike=3)
    alone = heading_features(heading, None, 5, alike=0)

    assert alike["plain_shape_alike"] == 1.0 and alone["plain_shape_alike"] == 0.0
    assert heading_features(sentence, None, 6, alike=3)["plain_shape"] == 0.0
    assert heading_features(items[1], None, 1)["x_to_verb"] == 0.0  # "Listening to children"


def test_who_to_do_what_is_told_from_a_gerund_or_a_noun_before_to():
    (line,) = pieces("Head of SEND to circulate the draft\n")
    (change,) = pieces("Improvements to the Local Offer\n")

    assert heading_features(line, None, 0)["x_to_verb"] == 1.0
    assert heading_features(change, None, 0)["x_to_verb"] == 0.0


def test_a_tracker_export_of_records_that_open_with_their_id_reads_each_records_own_fields():
    text = (
        "Action log\nRecords: 2\n\n"
        "ID: SEND-001\nType: Action\nTitle: Recruit three EHC coordinators\n"
        "Workstream: WS1 Assessment\nAssigned to: Jo Bell\nDue date: 2031-12-19\n"
        "State: Complete\nPriority: High\n"
        "Notes: All three started. Training will follow by May 2031.\n"
        "----\n"
        "ID: SEND-002\nType: Action\nTitle: Run a weekly timeliness huddle\n"
        "Workstream: WS1 Assessment\nAssigned to: Sam Ray\nDue date:\nState: In progress\n"
    )

    actions = [
        a for a in _one_action_each(text) if a["text"].startswith(("Recruit", "Run", "Train"))
    ]

    assert [
        (a["ref"], a["text"], a["owner"], a["due"], a["status"], a["section"]) for a in actions
    ] == [
        (
            "SEND-001",
            "Recruit three EHC coordinators",
            "Jo Bell",
            "2031-12-19",
            "complete",
            "WS1 Assessment",
        ),
        (
            "SEND-002",
            "Run a weekly timeliness huddle",
            "Sam Ray",
            None,
            "in_progress",
            "WS1 Assessment",
        ),
    ]


def test_an_action_card_table_of_label_and_value_rows_is_one_record():
    text = (
        "Priority 1: Timeliness\n"
        "<b>Ref</b>\t1.1\n<b>Action</b>\tPut a recovery plan in place\n"
        "<b>Lead</b>\tService Manager\n<b>By when</b>\tDecember 2031\n<b>Status</b>\tOn track\n"
        "\n\n"
        "<b>Ref</b>\t1.2\n<b>Action</b>\tRedesign the request form\n<b>Lead</b>\tPractice Lead\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["text"], a["owner"]) for a in actions] == [
        ("1.1", "Put a recovery plan in place", "Service Manager"),
        ("1.2", "Redesign the request form", "Practice Lead"),
    ]
    assert actions[0]["due"] == "2031-12-31" and actions[0]["status"] == "on_track"


def test_an_action_cards_update_and_status_rows_stay_with_it_and_the_status_row_wins():
    card = (
        "<b>Action ref</b>\t{ref}\n<b>What</b>\t{what}\n<b>Lead officer</b>\tHead of SEND\n"
        "<b>Update</b>\t{update}\n<b>Status</b>\t{status}\n\n"
    )
    text = "Priority 1 – Assessments\n" + "".join(
        card.format(ref=ref, what=what, update=update, status=status)
        for ref, what, update, status in [
            ("P1.1", "Commission a review of the assessment route", "Reported in May.", "Complete"),
            ("P1.2", "Redesign the advice requests", "Live since June.", "On track"),
        ]
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["text"], a["status_raw"]) for a in actions] == [
        ("P1.1", "Commission a review of the assessment route", "Complete"),
        ("P1.2", "Redesign the advice requests", "On track"),
    ]
    assert actions[1]["status_history"] == [{"column": "Update", "value": "Live since June."}]


def test_numbered_headings_of_two_kinds_at_one_level_are_siblings():
    text = (
        "# Priority 2 – Waiting times\n"
        "1. Validate the waiting list and write to every family on it\n\n"
        "# Area for improvement 1 – Preparing for adulthood\n"
        "1. Add preparing for adulthood outcomes to every Year 9 review\n"
    )

    sections = [a["section"] for a in _one_action_each(text)]

    assert sections[-1] == "Area for improvement 1 – Preparing for adulthood"


def test_a_numbered_heading_with_a_word_before_its_kind_heads_the_rows_below_it():
    text = (
        "Ref | Action | Lead\n"
        "Improvement priority 1: Quality of plans\n"
        "1.1 | Audit ten plans a month | QA Lead\n"
        "Improvement priority 2: Communication\n"
        "2.1 | Answer every call in three days | Front Door Manager\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [a["section"] for a in actions] == [
        "Improvement priority 1: Quality of plans",
        "Improvement priority 2: Communication",
    ]


def test_a_line_ending_at_a_comma_or_a_small_word_runs_on_but_a_sign_off_does_not():
    text = (
        "Summary at March 2031: 3 actions complete, 5 on track or in progress,\n"
        "1 not started and 2 slipped.\n\n"
        "The December column is the current\n"
        "position. RAG: B = complete, G = on track.\n\n"
        "Best wishes,\nKerry\n"
    )

    texts = [p.text for p in pieces(text)]

    assert texts[0].endswith("in progress, 1 not started and 2 slipped.")
    assert not any(t.startswith("position") for t in texts)  # no "position. RAG:" field
    assert texts[-2:] == ["Best wishes,", "Kerry"]


def test_a_header_whose_spaces_were_lost_is_no_action_label():
    assert field_line("ActionBy whenWho leadsProgress") is None
    assert field_line("ActionAll SENCOs to return the audit") == (
        "action",
        "All SENCOs to return the audit",
    )


def test_minutes_flattened_from_a_table_keep_their_glued_labels_apart():
    text = (
        "Board minutes\n\n"
        "Agenda itemNotesActions agreedBy whomBy when\n"
        "4.Timeliness of plansPerformance is 52% against a target of 60%.\n"
        "Actions agreedRefresh the milestones so each has a date"
        "\tBy whomJo Bell\tBy when27/02/2031\n"
        "Set up a termly SENCO forum\tBy whomSam Ray\tBy whenEnd of term\n"
        "Actions agreedCirculate the chart to all partnersBy whomBoard OfficerBy whenMarch 2031\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["text"], a["owner"], a["due_raw"]) for a in actions] == [
        ("Refresh the milestones so each has a date", "Jo Bell", "27/02/2031"),
        ("Set up a termly SENCO forum", "Sam Ray", "End of term"),
        ("Circulate the chart to all partners", "Board Officer", "March 2031"),
    ]
    assert {a["section"] for a in actions} == {"4. Timeliness of plans"}


def test_minutes_whose_labels_and_colons_are_glued_to_the_words_around_them_read_as_fields():
    """ "…this year.Action:Ensure …Owner:DCODeadline:01/04/2031": each label opens a field;
    an item whose "Action:" is "None" keeps its empty fields to itself."""
    text = (
        "Board minutes\n\n"
        "Item3.Plans reportDiscussion:KR presented the report. Members asked for data."
        "Action:Ensure every plan has a health outcomeOwner:DCODeadline:01/04/2031"
        "Action:Produce a new trajectoryOwner:HoS and Principal EPDeadline:May 2031\n"
        "Item4.Any other businessDiscussion:The Board thanked members.Action:NoneOwner:-"
        "Deadline:-\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["text"], a["owner"], a["due_raw"], a["section"]) for a in actions] == [
        ("Ensure every plan has a health outcome", "DCO", "01/04/2031", "Item3.Plans report"),
        ("Produce a new trajectory", "HoS and Principal EP", "May 2031", "Item3.Plans report"),
    ]


def test_an_agenda_item_flattened_onto_one_line_heads_its_glued_actions():
    """ "Item5Health update: …NotesM Haines reported …ActionICB to confirm …Owner…": the item's
    title is the section (a colon in it is no field), its notes are no action."""
    line = (
        "Item{n}{title}NotesM Haines reported that advice is on time in 78% of cases."
        "ActionICB to confirm funding for the extra clinicsOwnerL FerreiraDueMarch 2031"
        "StatusOpenRAGAmber\n"
    )
    text = "Board minutes\n\n" + "".join(
        line.format(n=n, title=title)
        for n, title in ((4, "Annual reviews backlog"), (5, "Health update: DCO and pathway"))
    )

    actions, _, _ = plan_from_candidates(read_candidates(text, None), offer_best=False)

    assert [(a["section"], a["owner"], a["status"], a["rag"]) for a in actions] == [
        ("Item 4 Annual reviews backlog", "L Ferreira", "in_progress", "amber"),  # unglued
        ("Item 5 Health update: DCO and pathway", "L Ferreira", "in_progress", "amber"),
    ]


def test_rows_under_a_glued_header_are_cut_at_their_glue_into_its_columns():
    text = (
        "Action log\n\nRefActionOwnerDueStatus\n"
        "AL-15Publish the guidance for schoolsRob Hennessy19/12/2031Complete\n"
        "AL-17\tRecruit two EHC coordinators\tJo Bell\tJanuary 2031\tOpen\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["ref"], a["text"], a["owner"], a["status_raw"]) for a in actions] == [
        ("AL-15", "Publish the guidance for schools", "Rob Hennessy", "Complete"),
        ("AL-17", "Recruit two EHC coordinators", "Jo Bell", "Open"),
    ]


def test_an_action_label_makes_a_candidate_sure_whatever_its_words():
    text = "Notes of the meeting\n\nACTION: Claire Stanton to commission an audit of 30 plans.\n"

    (candidate,) = [c for c in read_candidates(text, None) if "Claire" in c.text]

    assert candidate.score >= 0.8


def test_a_numbered_line_above_its_own_sub_numbers_is_their_parent_section():
    text = (
        "2. Progress this period\n\n2.1 Assessment and planning\n\nNext steps:\n"
        "- Audit 10% of plans issued in Q3\n"
    )

    (audit,) = [c for c in read_candidates(text, None) if c.text.startswith("Audit")]

    assert audit.section == ["2. Progress this period", "2.1 Assessment and planning"]


def test_an_imperative_means_a_verb_that_opens_actions_not_any_capitalised_word():
    (verb,) = pieces("Rewrite the standard letters in plain English\n")
    (noun,) = pieces("Feedback from families was positive\n")

    assert heading_features(verb, None, 0)["imperative"] == 1.0
    assert heading_features(noun, None, 0)["imperative"] == 0.0


def test_a_date_in_the_simple_past_reports_news_not_work_to_do():
    text = (
        "Annual reviews\n\nTwo locum EPs started in February.\n"
        "Health advice rose to 71% in March.\n"
        "The first inclusion conference took place on 10 October.\n"
        "The workstream has moved from amber to green.\n"
    )

    features = [c.features for c in read_candidates(text, date(2031, 3, 31))]

    assert [f["achieved"] for f in features[-4:]] == [1.0, 1.0, 1.0, 1.0]


def test_a_web_pages_header_with_single_spaces_is_a_header_not_an_action():
    text = (
        "Our plan\n\nRef What we will do Who When Progress RAG\n"
        "1.1 Recruit four EHC coordinators so that caseloads come down Head of SEND "
        "December 2031 In progress. Two posts filled A\n"
    )

    texts = [c.text for c in read_candidates(text, None, Models(ALWAYS, NEVER))]

    assert "Recruit four EHC coordinators so that caseloads come down" in texts
    assert not any(t.startswith("Ref What") for t in texts)


def test_a_label_rows_deliverables_carried_on_indented_lines_stay_in_its_row():
    text = (
        "Deliverables\n\n"
        "WS1 Early years – Marianne Doyle | 1. Roll out the inclusion fund 2. Train 40 SENCOs\n"
        "WS2 Assessment and plans – Tom Reid | 1. Meet the 20-week timescale for most\n"
        "    assessments by December 2031 2. Redesign the decision-making panel\n"
    )

    actions = [a for a in _one_action_each(text) if a["section"]]

    assert [(a["ref"], a["owner"], a["section"]) for a in actions][-2:] == [
        ("WS2.1", "Tom Reid", "WS2 Assessment and plans"),
        ("WS2.2", "Tom Reid", "WS2 Assessment and plans"),
    ]


def test_a_label_rows_deliverables_wrapped_to_the_margin_stay_in_its_row():
    """Lines that carry the row's deliverables on without indent: in lower case where the
    cell stopped mid-sentence, or the next number of its list; a closing "[A]" is the RAG."""
    text = (
        "Delivery plan\n\n"
        "Early help – Nadia Brook | 1. Extend the inclusion fund to all maintained\n"
        "nurseries [G] 2. Publish the revised support guide for settings by March 2031 [A]\n"
        "3. Train early years staff in the new\n"
        "guide [A]\n"
        "Joint commissioning – Omar Feld | 4. Agree a joint funding rule with the ICB [R]\n"
        "Inclusion in schools – Lena Ward |\n"
    )

    actions = [a for a in _one_action_each(text) if a["section"]]

    assert [(a["ref"], a["text"], a["owner"], a["rag"]) for a in actions] == [
        ("1", "Extend the inclusion fund to all maintained nurseries", "Nadia Brook", "green"),
        (
            "2",
            "Publish the revised support guide for settings by March 2031",
            "Nadia Brook",
            "amber",
        ),
        ("3", "Train early years staff in the new guide", "Nadia Brook", "amber"),
        ("4", "Agree a joint funding rule with the ICB", "Omar Feld", "red"),
    ]


def test_a_roadmap_items_lead_is_followed_by_the_leads_rating_direction_and_progress():
    """ "Lead: X AMBER ↓ 60% – note": the lead ends at the colour in capitals, the colour is
    the RAG, the percentage done (or the note's status) is the status."""
    text = (
        "Delivery roadmap\n\n## March 2031\n"
        "- Publish the sufficiency plan. Lead: Head of Place Planning AMBER \u2193 60% \u2013 "
        "two consultations left.\n"
        "- Agree the terms of reference. Lead: Director, Children's Services GREEN \u2192 done "
        "and published on the Local Offer.\n"
        "- Review the funding bands. Lead: Head of SEND Finance RED \u2193 \u2013 this will slip "
        "into June because the forum meets later.\n"
        "- Open the resource base. Lead: 0\u201325 Service Manager BLUE \u2191 100%\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["owner"], a["rag"], a["status_raw"], a["status"]) for a in actions] == [
        ("Head of Place Planning", "amber", "60%", "in_progress"),
        ("Director, Children's Services", "green", "done and published", "complete"),
        ("Head of SEND Finance", "red", "will slip into June", "delayed"),
        ("0\u201325 Service Manager", "blue", "100%", "complete"),
    ]
    assert actions[0]["text"] == "Publish the sufficiency plan."


def test_a_tables_cells_of_one_line_per_action_give_each_its_mark_colour_and_lead():
    """Beside a cell of one paragraph per action: the status cell's marks, which the key
    below explains, each with its RAG letter; a lead's rating in capitals after the lead; a
    "Complete" in the date cell."""
    text = (
        "No.\tActions\tLead and rating\tTimescale\tStatus\tUpdate\n"
        "1\tRecruit four coordinators<br>Clear the review backlog<br>Audit new plans\t"
        "Head of SEND AMBER<br>Head of SEND RED<br>Principal EP GREEN\t"
        "March 2031<br>Complete<br>June 2031\t\u25a0 (G)<br>(G)<br>\u25b2 (A)\t"
        "Two posts filled<br>Backlog cleared<br>First audit booked\n\n"
        "Key to the Status column: \u25a0 complete \u25b2 in progress \u25cf not yet started. "
        "The letter in brackets is the RAG rating.\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [
        (a["ref"], a["owner"], a["rag"], a["status_raw"], a["status"], a["due"]) for a in actions
    ] == [
        ("1.a", "Head of SEND", "amber", "\u25a0", "complete", "2031-03-31"),
        ("1.b", "Head of SEND", "red", "Complete", "complete", None),
        ("1.c", "Principal EP", "green", "\u25b2", "in_progress", "2031-06-30"),
    ]


def test_a_flattened_rows_update_after_its_date_is_its_status_and_a_circle_its_rag():
    """The update cell after the date, which names no status word the row could be cut at,
    is the status cell; its coloured circle the RAG; "Done" in the date cell the status."""
    text = (
        "No. Action Lead Target date Update\n"
        "Theme 1: Governance\n"
        "1 Set up a joint SEND board with a parent carer co-chair Head of "
        "Strategy Done Board has met four times since June \U0001f7e2\n"
        "2 Agree a data dashboard for the board to review at every meeting Head of "
        "Performance December 2031 First version shown in October (in progress) \U0001f7e1\n"
        "3 Reduce the number of assessments taking longer than 20 weeks Head of SEND March "
        "2032 Two caseworkers recruited, but this will slip past March \U0001f534\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["owner"], a["due"], a["status"], a["rag"]) for a in actions] == [
        ("Head of Strategy", None, "complete", "green"),
        ("Head of Performance", "2031-12-31", "in_progress", "amber"),
        ("Head of SEND", "2032-03-31", "delayed", "red"),
    ]


def test_a_table_copied_one_cell_per_line_reads_arrowed_ratings_and_its_keys_marks():
    """ "What we said we would do" names the action column; "G ↑" is a rating with its
    direction of travel; the key's marks, set apart by dots, give each status."""
    text = (
        "Priority A\nRef\nWhat we said we would do\nWho is leading\nWhen\nStatus\nRating\n"
        "A1\nRoll out the language screening tool to all nurseries\nEarly Years Manager\n"
        "March 2031\n\u279c\nG \u2191\n"
        "A2\nHold a weekly meeting for every assessment past 14 weeks\nHead of SEND\n"
        "May 2031\n\u270b\nR \u2193\n"
        "A3\nAppoint an educational psychology team manager\nPrincipal EP\n"
        "October 2030\n\u2714\nG \u2192\n\n"
        "Key\nStatus: \u2714 done \u00b7 \u279c under way \u00b7 \u270b held up \u00b7 "
        "\u25cb not begun yet\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["status_raw"], a["status"], a["rag"]) for a in actions] == [
        ("A1", "\u279c", "in_progress", "green"),
        ("A2", "\u270b", "delayed", "red"),
        ("A3", "\u2714", "complete", "green"),
    ]


def test_glued_minutes_read_a_status_in_the_date_cell_and_a_colour_the_progress_names():
    """ "TimescaleComplete" is a label and its value, not a header of two columns, and a
    status in the date cell; a colour the progress sentence names is the RAG; "two of four
    done" is under way."""
    text = (
        "Agenda item3. Early help\n"
        "ActionAgree one support plan template with the SENCO network\n"
        "Lead personSENCO Network Chair\nTimescale31 October 2031\n"
        "ProgressOn track and green. Draft went to the network in September.\n"
        "ActionRun two twilight sessions for SENCOs on writing outcomes\n"
        "Lead personInclusion Service Manager\nTimescaleComplete\n"
        "ProgressBoth sessions held in September; 61 SENCOs came.\n"
        "ActionCo-design a review session with the young people's forum\n"
        "Lead personParticipation Worker\nTimescaleEnd of January 2032\n"
        "ProgressDelayed \u2013 they asked to wait until after mocks, so we call this red.\n"
        "ActionRun a coffee morning in each of the four localities\n"
        "Lead personParent Carer Forum\nTimescaleEnd of December 2031\n"
        "ProgressTwo of four done (50%).\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["status_raw"], a["status"], a["rag"], a["due"]) for a in actions] == [
        (
            "On track and green. Draft went to the network in September.",
            "on_track",
            "green",
            "2031-10-31",
        ),
        ("Complete", "complete", None, None),
        (
            "Delayed \u2013 they asked to wait until after mocks, so we call this red.",
            "delayed",
            "red",
            "2032-01-31",
        ),
        ("Two of four done (50%).", "in_progress", None, "2031-12-31"),
    ]


def test_a_roadmap_lines_closing_light_and_bracketed_word_leave_its_lead_to_be_read():
    """ "… – Lead 🟠 [behind]": the circle is the RAG, the bracketed word the status (a lead's
    one word: "held", "running", "drafted"), the lead the words before them."""
    text = (
        "ROADMAP\n\nJULY 2031\n"
        "- Launch the provision guide to all schools \u2013 Inclusion Lead (Schools) "
        "\U0001f7e2 [held]\n"
        "- Publish the adulthood pages on the Local Offer \u2013 Local Offer Manager "
        "\U0001f7e0 [behind]\n"
        "- Move plan drafting onto the case system \u2013 SEND Systems Lead \U0001f534 "
        "[will slip]\n"
        "- Issue the review recovery plan to schools \u2013 Head of SEND [drafted]\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["owner"], a["status_raw"], a["status"], a["rag"]) for a in actions] == [
        ("Inclusion Lead (Schools)", "held", "complete", "green"),
        ("Local Offer Manager", "behind", "delayed", "amber"),
        ("SEND Systems Lead", "will slip", "delayed", "red"),
        ("Head of SEND", "drafted", "in_progress", None),
    ]
    assert actions[0]["text"] == "Launch the provision guide to all schools"


def test_glued_minutes_on_one_line_keep_an_empty_last_label_off_the_status_before_it():
    text = (
        "3. Timeliness\n"
        "Ref3.1ActionProduce a timeliness trajectory to DecemberOwnerHead of SEND"
        "By16/04/2031StatusNSUpdate\n"
        "Ref3.2ActionWrite to every family whose assessment is past 20 weeksOwnerHead of SEND"
        "By29/03/2031StatusIPUpdateLetters started in March. Green.\n\n"
        "Status codes: NS \u2013 not started; IP \u2013 in progress.\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["ref"], a["status_raw"], a["rag"]) for a in actions] == [
        ("3.1", "NS", None),
        ("3.2", "IP", "green"),
    ]


def test_a_header_whose_first_name_is_set_apart_by_spaces_names_every_column():
    """A plan on a page: "We will …        Lead | When | RAG" over "1a … | Lead | Dec 2031 | G"."""
    text = (
        "PRIORITY 1 \u00b7 IDENTIFY EARLY\n"
        "We will ...                                      Lead | When | RAG\n"
        "1a Roll out the early years toolkit to every setting | EY Inclusion Lead | Dec 2031 | G\n"
        "1b Put a therapist into each of the family hubs | ICB Commissioner | Sept 2031 | A\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["ref"], a["owner"], a["due"], a["rag"]) for a in actions] == [
        ("1a", "EY Inclusion Lead", "2031-12-31", "green"),
        ("1b", "ICB Commissioner", "2031-09-30", "amber"),
    ]


def test_an_email_threads_later_messages_are_news_of_the_first_not_tasks_of_their_own():
    text = (
        "From: Jo Bell\nSent: 7 May 2031\nSubject: Board on 22 May - what I need\n\n"
        "  * Tom - confirm whether the two caseworkers can be extended to September\n\n"
        "From: Tom Reed\nSent: 8 May 2031\nSubject: RE: Board on 22 May - what I need\n\n"
        "Finance have agreed it. I will send the costs to the Board secretary tomorrow.\n\n"
        "From: Sam Ray\nSent: 8 May 2031\nSubject: Automatic reply: Board on 22 May\n\n"
        "Please contact the Local Offer team while I am away.\n"
    )

    actions = _one_action_each(text)

    assert [(a["owner"], a["text"][:20]) for a in actions] == [("Tom", "confirm whether the ")]


def test_an_emails_tasks_open_with_whose_they_are_and_its_replies_quotes_are_no_tasks():
    text = (
        "From: Jo Bell\nSubject: Board on 22 May - what I need\n\n"
        "ITEM 4 - TIMELINESS\n"
        "  * Tom - confirm whether the two caseworkers can be extended to September\n"
        "  * Helen - check with the network whether anyone has a leaflet - no rush\n\n"
        "From: Tom Reed\nSubject: RE: Board on 22 May - what I need\n\n"
        "> Tom - confirm whether the two caseworkers can be extended\n\n"
        "Finance have agreed an extension to 30 September.\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["owner"], a["text"][:20]) for a in actions] == [
        ("Tom", "confirm whether the "),
        ("Helen", "check with the netwo"),
    ]


def test_a_label_rows_deliverables_are_its_leads_actions_and_the_rows_labels_siblings():
    """Every numbered deliverable is work the row lists, led by the name ending its label,
    even a noun phrase; the next row's label replaces the last as the section."""
    text = (
        "1. Assessment\n\n"
        "EHC needs assessments – Priya Raman | 1. Weekly clinic for stuck cases (ongoing) – "
        "in place 2. Move advice requests onto the portal (Jan 2031) – complete\n"
        "Annual reviews – Sam Okafor | 1. Person-centred review training (Dec 2031) – on "
        "track (G)\n"
    )

    candidates = read_candidates(text, date(2030, 9, 1), Models(NEVER, NEVER))
    actions, _, _ = plan_from_candidates(candidates, offer_best=False)

    assert [(a["owner"], a["section"]) for a in actions] == [
        ("Priya Raman", "1. Assessment / EHC needs assessments"),
        ("Priya Raman", "1. Assessment / EHC needs assessments"),
        ("Sam Okafor", "1. Assessment / Annual reviews"),
    ]


def test_a_roadmaps_items_under_their_month_are_actions_whatever_their_words():
    text = (
        "SEND roadmap\n\nOwners are in brackets.\n\n"
        "February 2031\n- Launch the new panel (HoSEND)\n\n"
        "March 2031\n- Independent peer challenge of the first year (DCS)\n"
        "- Preparation for adulthood: transition protocol published (PfA Lead)\n"
    )

    candidates = read_candidates(text, date(2030, 9, 1), Models(NEVER, NEVER))
    actions, _, _ = plan_from_candidates(candidates, offer_best=False)

    assert [(a["section"], a["due"]) for a in actions] == [
        ("February 2031", "2031-02-28"),
        ("March 2031", "2031-03-31"),
        ("March 2031", "2031-03-31"),
    ]


def test_a_decision_closing_with_its_ref_lead_and_date_in_brackets():
    text = "fund two EHC coordinators (A3.1 – Sarah Lind, for the June Board, 17/06/2031)"

    assert find_ref(text).value == "A3.1"
    assert find_owner(text).value == "Sarah Lind"


def test_a_lead_named_with_the_date_in_a_last_sentence_of_their_own():
    text = "Fix the search and re-test it. Aisha Rahman with Owen Price, September 2031."

    assert find_owner(text).value == "Aisha Rahman"
    assert find_owner("Fix the search and re-test it. By the end of May 2031.") is None


def test_the_agent_of_work_being_done_by_someone_is_its_lead():
    assert (
        find_owner(
            "A new case tracker is being introduced by the SEND Assessment Team and will be "
            "live by the end of April."
        ).value
        == "the SEND Assessment Team"
    )
    assert (
        find_owner(
            "Work on alternative provision is in progress, led by the Virtual School Head, with "
            "visits finished by the end of July."
        ).value
        == "the Virtual School Head"
    )
    assert find_owner("A protocol for health input is being drafted by March 2031.") is None


def test_a_flattened_rows_lead_is_the_person_its_names_open_with():
    """ "… Dr Amira Haddad (DCO) ICB, Community Trust November 2031 …": the lead is the
    person (with the role in brackets); the names after are the partners."""
    text = (
        "Plan\n\nRef Action Lead officer Partners By when Progress update RAG Success measures\n"
        "1.3 Issue guidance on the six-week timescale to providers. Dr Amira Haddad (DCO) ICB, "
        "Community Trust November 2031 Complete. Guidance issued. Blue 95% of advice on time\n"
        "2.2 Amend plans within four weeks of the review. Sean Mulholland SENCOs April 2031 Not "
        "started. R 90% of amendments on time\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["owner"], a["partners"], a["rag"], a["measures"]) for a in actions] == [
        ("Dr Amira Haddad (DCO)", ["ICB", "Community Trust"], "blue", ["95% of advice on time"]),
        ("Sean Mulholland", ["SENCOs"], "red", ["90% of amendments on time"]),
    ]


def test_a_web_table_with_no_ref_column_is_cut_into_its_columns_by_their_kinds():
    """No ref opens the rows: each line that is not a heading opens one, a line in lower case
    carries it on; the RAG letter cuts the update from the impact, and the headings of the
    same look are siblings."""
    text = (
        "Our plan\n\nAction Lead Supported by Timescale Update RAG Impact\n"
        "Area for improvement 1: Leaders do not share an understanding of needs\n"
        "Produce a SEND chapter of the needs assessment Public Health Consultant Council BI, "
        "ICB June 2031 On track G Partners agree priorities from one shared\nset of data\n"
        "Area for improvement 2: Children wait too long for therapy\n"
        "Bring in a provider to cut the therapy waiting list ICB Commissioning Manager "
        "Community Health Dec 2031 Delayed - contract awarded R Nobody waits over 18 weeks\n"
    )

    actions = [a for a in _one_action_each(text) if a["due"]]

    assert [(a["section"][:22], a["owner"], a["rag"], a["measures"]) for a in actions] == [
        (
            "Area for improvement 1",
            "Public Health Consultant",
            "green",
            ["Partners agree priorities from one shared set of data"],
        ),
        (
            "Area for improvement 2",
            "ICB Commissioning Manager",
            "red",
            ["Nobody waits over 18 weeks"],
        ),
    ]


def test_a_flattened_rows_verdict_its_explanation_and_numbered_measures_come_apart():
    text = (
        "Tracker\n\nNo. Lead Action Deadline RAG Status Success measures\n"
        "Priority A: Assessment\n"
        "1 Head of SEND Reduce the assessments over 20 weeks to under 30 March 2031 Amber "
        "Not on track – demand up 30% 1. Backlog under 30 2. Timeliness above\n"
        "the national average\n"
    )

    (action,) = [a for a in _one_action_each(text) if a["due"]]

    assert (action["owner"], action["status_raw"], action["measures"]) == (
        "Head of SEND",
        "Not on track – demand up 30%",
        ["Backlog under 30", "Timeliness above the national average"],
    )


def test_the_names_after_a_flattened_actions_full_stop_are_its_lead_and_partners():
    text = (
        "Plan\n\nRef Action Lead officer Partners By when Status RAG\n"
        "1.2 Introduce a tracker so any request near week 14 goes to the Service Manager. "
        "SEND Service Manager Business Intelligence Team 31/10/2031 Complete Green\n"
    )

    (action,) = [a for a in _one_action_each(text) if a["ref"]]

    assert action["text"].endswith("goes to the Service Manager.")
    assert action["owner"] == "SEND Service Manager"


def test_a_highlight_reports_plans_for_next_period_are_actions_and_its_news_is_not():
    text = (
        "Highlight report\n\n2. Key achievements\n\n"
        " - Annual review backlog down from 540 to 212.\n"
        " - SENCO network meetings held across the autumn term.\n"
        " - Recruitment of two EPs is slightly behind and now expected in late Feb.\n\n"
        "3. Planned for next period\n\n"
        " - Ade Okoro to refresh the programme risk register.\n"
        ' - Neurodevelopmental "waiting well" offer to be agreed with the PCF\n'
    )

    candidates = read_candidates(text, date(2031, 1, 11), Models(NEVER, NEVER))
    actions, _, _ = plan_from_candidates(candidates, offer_best=False)

    assert [a["text"][:20] for a in actions] == [
        "Recruitment of two E",
        "Ade Okoro to refresh",
        'Neurodevelopmental "',
    ]


def test_a_tasks_checklist_steps_are_not_actions_but_a_checklist_of_its_own_is():
    text = (
        "=== BUCKET: Assessment ===\n"
        "  Audit 40 EHC plans against the framework  [RT]  Due 30/11  Progress: In progress\n"
        "    [x] Agree the audit tool with health\n"
        "    [ ] Recruit two parent auditors via the forum\n"
        "\nTo do\n- [ ] Publish the guide for schools by March 2031\n"
    )

    texts = [c.text for c in read_candidates(text, date(2030, 11, 2))]

    assert not any("auditors" in t or "audit tool" in t for t in texts)
    assert "Publish the guide for schools by March 2031" in texts


def test_a_timelines_entries_are_actions_due_in_their_month_and_the_boards_asks_are_not():
    text = (
        "Slide 11 of 14\nTimeline\n"
        "Oct 2031 – Revised EHC plan template in use for all new plans\n"
        "Nov 2031 – Local Offer website relaunched, co-designed with the Parent Carer Forum\n"
        "Dec 2031 – Graduated approach toolkit issued to all schools and settings\n\n"
        "Decisions for the Board\nThe Board is asked to:\n• note the progress made since July\n"
        "• agree the revised timeline on slide 11\n"
    )

    actions, _, _ = plan_from_candidates(
        read_candidates(text, date(2031, 9, 1), Models(NEVER, NEVER)), offer_best=False
    )

    assert [(a["text"][:22], a["due"]) for a in actions] == [
        ("Revised EHC plan templ", "2031-10-31"),
        ("Local Offer website re", "2031-11-30"),
        ("Graduated approach too", "2031-12-31"),
    ]
    asked = [c for c in read_candidates(text, date(2031, 9, 1), Models(ALWAYS, NEVER))]
    assert [c.score for c in asked if c.text.startswith(("note", "agree"))] == [0.3, 0.3]


def test_a_lead_ins_numbered_list_may_start_after_a_blank_line():
    text = (
        "Hi everyone,\n\nNews:\n\n- The portal goes live on 3 March.\n\n"
        "Follow-ups from Thursday:\n\n1. Return your register snapshot by Friday 31 January.\n\n"
        "2. Book a place on a training session by Friday 7 February.\n"
    )

    returned = next(c for c in read_candidates(text, None) if c.text.startswith("Return"))

    assert returned.piece.lead_in == "Follow-ups from Thursday:"
    assert returned.score >= 0.8  # an item of a list its lead-in announces as actions


def test_a_web_tables_measures_and_rag_after_the_status_in_either_flattened_form():
    spaced = (
        "Plan\n\nPriority 1: Assessment\nRef Action Lead Due Status RAG Measure of success\n"
        "1.1 Clear the backlog of assessments over 20 weeks Head of SEND March 2031 On track "
        "Green Backlog under 50\n"
    )
    glued = (
        "Plan\n\nWorkstream A: Health\nActionWho leadsBy whenProgressRAGMeasure of success\n"
        "Commission a review of the autism pathway.LA and ICBQ3 2031/32On trackGreenAll "
        "children seen within 18 weeks\n"
    )

    for text in (spaced, glued):
        (action,) = [a for a in _one_action_each(text) if a["due"]]
        assert (action["status_raw"], action["rag"], len(action["measures"])) == (
            "On track",
            "green",
            1,
        ), text
    (glued_action,) = [a for a in _one_action_each(glued) if a["due"]]
    assert (glued_action["owner"], glued_action["due_raw"]) == ("LA and ICB", "Q3 2031/32")


def test_the_rag_key_is_neither_a_heading_nor_an_action():
    text = (
        "Key\n\nBlue – complete\tDelivered; impact monitored\nAmber\tSome risk to delivery\n\n"
        "RAG key: Blue – complete; Red – off track, Board attention needed.\n"
    )

    candidates = read_candidates(text, None, Models(ALWAYS, ALWAYS))

    assert [c.text for c in candidates if "risk" in c.text or "off track" in c.text] == []
    assert all(c.section == [] for c in candidates)


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Head of SEND, Sam Ray, will make sure plans finish on time.", "Head of SEND, Sam Ray"),
        ("SENDIASS, our free advice service, will run drop-ins every month.", "SENDIASS"),
        (
            "Brindle Parent Carer Forum and the SEND Assessment Team will rewrite the letters.",
            "Brindle Parent Carer Forum and the SEND Assessment Team",
        ),
        ("Claire started on 5 January and many of you will meet her at the briefings.", None),
    ],
)
def test_who_acts_is_named_before_an_aside_or_as_a_run_of_names(sentence, owner):
    found = find_owner(sentence)
    assert (found.value if found else None) == owner


def test_a_sentence_after_an_action_saying_how_it_stands_is_its_status_not_an_action():
    text = (
        "Finding needs early\n\n"
        "The Inclusion Team will visit every nursery by July 2031. Work on this started in "
        "January.\n\n"
        "Health visitors will use a new check at two by September 2031. This has not started "
        "yet because the forms are still being agreed.\n\n"
        "Work has started on a new outcomes tool, which will be used from September 2031.\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    by_start = {a["text"][:16]: a for a in actions}

    assert {"The Inclusion Te", "Health visitors ", "Work has started"} <= set(by_start)
    assert not any(text.startswith(("Work on this", "This has")) for text in by_start)
    assert by_start["The Inclusion Te"]["status"] == "in_progress"
    assert by_start["The Inclusion Te"]["status_raw"] == "Work on this started in January."
    assert by_start["Health visitors "]["status"] == "not_started"


def test_an_outcomes_indicators_and_an_actions_measures_are_told_apart():
    """Indicators listed under "How we will measure this outcome:" below a heading are no
    actions; "How we will know: …" after an action lists its measures, a sentence each, and
    "We will know this is working when …" is one; "X will lead this." names its lead."""
    text = (
        "Outcome 1: Needs are met early\n"
        "How we will measure this outcome:\n"
        "- Requests for assessment per 10,000 children\n"
        "- Share of plans issued in 20 weeks\n"
        "1.1 We will cut the wait for therapy to 18 weeks by March 2031. The Designated "
        "Clinical Officer will lead this.\n"
        "How we will know: The average wait is 18 weeks or less. Parents rate the advice as "
        "useful.\n"
        "1.2 We will review every plan at Year 9 by July 2031.\n"
        "We will know this is working when 95% of Year 9 reviews plan for adulthood.\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    listed = [a for a in actions if a["ref"]]

    assert not any(a["text"].startswith(("Requests for", "Share of plans")) for a in actions)
    assert [a["ref"] for a in listed] == ["1.1", "1.2"]
    assert listed[0]["owner"] == "Designated Clinical Officer"
    assert listed[0]["measures"] == [
        "The average wait is 18 weeks or less.",
        "Parents rate the advice as useful.",
    ]
    assert listed[1]["measures"] == [
        "We will know this is working when 95% of Year 9 reviews plan for adulthood."
    ]


def test_a_heading_naming_an_action_opens_its_record_and_its_narrative_is_no_action():
    text = (
        "# Area of weakness 1 – Leadership\n"
        "### Action 1.1 – Appoint a permanent Assistant Director for SEND\n"
        "Lead officer: DCS\nTarget date: 31 March 2031\nProgress: Blue – complete\n"
        "The Assistant Director took up post on 1 March, ending a year of interim cover.\n"
        "### Action 1.2 – Agree a joint commissioning strategy\n"
        "Lead officer: AD SEND / ICB Head of Commissioning\nTarget date: July 2031\n"
        "Progress: Amber – delayed\n"
        "Work will start when the new commissioner is in post.\n"
        "# Area of weakness 2 – Communication\n"
        "### Action 2.1 – Publish a newsletter each term\nLead officer: PCF\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))

    assert [(a["ref"], a["text"], a["owner"], a["due"], a["rag"]) for a in actions] == [
        ("1.1", "Appoint a permanent Assistant Director for SEND", "DCS", "2031-03-31", "blue"),
        ("1.2", "Agree a joint commissioning strategy", "AD SEND / ICB Head of Commissioning",
         "2031-07-31", "amber"),
        ("2.1", "Publish a newsletter each term", "PCF", None, None),
    ]  # fmt: skip
    assert actions[0]["section"] == "Area of weakness 1 – Leadership"


def test_an_action_heading_with_no_dash_over_background_and_a_row_of_bold_labelled_fields():
    """A report with a Word heading per action ("Action 1.1 Roll out …", no dash after the
    number), a paragraph of background, then a one-row table "Lead: … | Due: … | RAG: …"
    with its labels in bold."""
    from sendtrack.domain.documents.plan import parse_plan_text

    fields = "<b>Lead:</b> {}\t<b>Due:</b> {}\t<b>RAG:</b> {}\n\n"
    text = (
        "# Priority 1: Early help\n"
        "## Action 1.1 Roll out the early years inclusion toolkit to every nursery\n"
        "The toolkit was tried in 30 settings last year. Nurseries asked for shorter sessions.\n"
        "Success measure: every nursery trained by July.\n"
        + fields.format("Early Years Lead", "July 2031", "Green")
        + "## Action 1.2 Move inclusion fund panels from monthly to fortnightly\n"
        "Panels met monthly until the summer and waits reached seven weeks.\n"
        + fields.format("Early Years Lead", "September 2030", "Blue")
        + "# Priority 2: Good plans\n"
        "## Action 2.1 Publish service standards for the SEN team\n"
        + fields.format("Head of SEN", "Dec 2030", "Amber")
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"], a["due"], a["rag"], a["section"]) for a in actions] == [
        ("1.1", "Early Years Lead", "2031-07-31", "green", "Priority 1: Early help"),
        ("1.2", "Early Years Lead", "2030-09-30", "blue", "Priority 1: Early help"),
        ("2.1", "Head of SEN", "2030-12-31", "amber", "Priority 2: Good plans"),
    ]
    assert actions[0]["text"] == "Roll out the early years inclusion toolkit to every nursery"
    assert actions[0]["measures"] == ["every nursery trained by July."]


def test_slides_saved_as_text_give_their_tab_indented_bullets_as_actions_under_each_title():
    """A deck saved as text: "Slide N" lines, a title, then bullets indented with a tab
    ("\t• 1.1 Recruit … – HoS SEND – April 2031 – B"); the last dash part, a colour, is
    the RAG; the next slide's title is no part of the last one's."""
    from sendtrack.domain.documents.plan import parse_plan_text

    text = (
        "Slide 1\nBrindle SEND Board\nPriority Action Plan update, 14 May 2031\n\n"
        "Slide 5\nPriority 1 – Timeliness\n"
        "\t• 1.1 Recruit five EHC coordinators – HoS SEND – April 2031 – B\n"
        "\t• 1.2 Clear the backlog of assessments – HoS SEND – September 2031 – A\n\n"
        "Slide 6\nNext steps\n"
        "\t• Confirm the psychology recovery plan\n"
        "\t• Prepare the evidence pack for the stocktake\n"
    )
    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"], a["due"], a["rag"]) for a in actions[:2]] == [
        ("1.1", "HoS SEND", "2031-04-30", "blue"),
        ("1.2", "HoS SEND", "2031-09-30", "amber"),
    ]
    read, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    sections = {a["text"][:12]: a["section"] for a in read}
    assert sections["Recruit five"] == "Priority 1 – Timeliness"
    assert sections["Confirm the "] == "Next steps"


def test_an_email_threads_quoted_list_is_read_and_replies_on_its_actions_are_no_actions():
    from sendtrack.domain.documents.plan import parse_plan_text

    text = (
        "From: Jo Bell\nSent: 12 February 2031\nSubject: RE: PAP updates\n\n"
        "Thanks all. Replying for Tom on action 2: in progress.\n\n"
        "> From: Sam Ray\n> Action 1 is behind trajectory, I'm afraid.\n>\n"
        ">> From: Jo Bell\n>> Sent: 2 February 2031\n>> Please send your updates on:\n"
        ">> 1. Relaunch the Local Offer homepage – Dan Whitcombe – end of February 2031\n"
        ">> 2. Set up termly sessions with the Parent Carer Forum – Tom Reid – March 2031\n"
    )
    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"], a["due"]) for a in actions] == [
        ("1", "Dan Whitcombe", "2031-02-28"),
        ("2", "Tom Reid", "2031-03-31"),
    ]
    assert not any(a["text"].startswith(">") for a in actions)


def test_the_subject_after_an_opening_date_and_a_person_named_before_their_role():
    assert find_owner(
        "From 19 April the Travel Assistance Team will run a booking line."
    ).value == ("the Travel Assistance Team")
    assert (
        find_owner(
            "Sam Whitlow, Head of Commissioning at the ICB, is leading work to agree one pathway."
        ).value
        == "Sam Whitlow"
    )
    assert (
        find_owner(
            "Advice will be returned within six weeks by September 2031 – early figures show this "
            "is on track."
        )
        is None
    )


def test_a_lead_named_in_a_sentence_after_the_action():
    assert (
        find_owner(
            "Waits will be cut to 52 weeks by March 2032. The ICB Director of Commissioning is "
            "responsible."
        ).value
        == "The ICB Director of Commissioning"
    )
    assert (
        find_owner(
            "The strategy goes to Cabinet in March 2031. Responsible officer: Head of Place "
            "Planning. Work is behind schedule."
        ).value
        == "Head of Place Planning"
    )
    text = (
        "Local Offer\n\nThe Local Offer website will be relaunched by May 2031. The Local "
        "Offer Manager is leading this work with the Youth Panel.\n"
    )

    relaunch = next(c for c in read_candidates(text, AS_AT) if c.text.startswith("The Local"))

    assert relaunch.fields["owner"].value == "The Local Offer Manager"


def test_what_is_left_of_a_bracket_or_a_rag_letter_is_no_owner():
    assert find_owner("Publish the guidance for schools (July 2031) – on track") is None
    assert find_owner("Review the toolkit with the forum (May 2031) – on track (G)") is None


def test_a_sheet_the_table_rules_skipped_is_added_from_the_model_with_its_description():
    first = ["Introduce a weekly tracker", "Audit ten plans a month", "Train the panel"]
    text = "Workbook\n\nRef\tAction\tLead\tTarget\tStatus (BRAG)\n" + "".join(
        f"1.{n}\t{action}\tJo Bell\t31/12/2031\tB\n" for n, action in enumerate(first, 1)
    )
    text += (
        "\nDescription\tOwner(s)\tDue\tComments\n"
        "Co-produce a new Local Offer homepage\tLocal Offer Manager\tApril 2031\tOn track\n"
        "Publish a leaflet in five community languages\tLocal Offer Manager\tMay 2031\t\n"
        "Set up a young people's advisory group\tParticipation Lead\tJune 2031\t\n"
    )
    rules = {
        "as_at": None,
        "sections": [],
        "actions": [{**empty_action(), "text": action} for action in first],
    }
    rows_only = Models(Model(-50.0, {"kind:row": 100.0}), NEVER)

    plan = choose_reading(text, rules, rows_only)

    by_text = {a["text"]: a for a in plan["actions"]}
    assert by_text["Co-produce a new Local Offer homepage"]["due"] == "2031-04-30"
    assert "Set up a young people's advisory group" in by_text
    assert by_text["Train the panel"]["rag"] == "blue"


def test_minutes_items_glued_to_initials_are_the_sections_not_the_meetings_name():
    text = (
        "Harrowfield Local Area Partnership\n"
        "WSoA Steering Group\n"
        "Notes of meeting21.01.2031\t14:00\tMS Teams\n\n"
        "Agenda itemNotes\n"
        "3.WSoA progress overviewJB took the group through the report.\n"
        "ACTION: JB to update the tracker ahead of the review.\n"
        "4.Plans (PAP)Claire reported on the plan.\n"
        "ACTION: AR to set up a case-tracking meeting.\n"
    )

    actions = [a for a in plan_from_candidates(read_candidates(text, None))[0] if a["owner"]]

    assert [(a["owner"], a["section"]) for a in actions] == [
        ("JB", "3. WSoA progress overview"),
        ("AR", "4. Plans (PAP)"),
    ]


def test_a_long_numbered_area_and_its_continuation_after_a_page_break_are_one_section():
    text = (
        "Ref | Action | Lead\n"
        "Area for priority action 1: Leaders across education, health and care should improve "
        "the timeliness of EHC needs assessments and the quality of EHC plans\n"
        "1.1 | Establish a weekly tracker | Head of SEND\n\n"
        "Page 1 of 2\n\n"
        "Area for priority action 1 (continued)\n"
        "1.2 | Train all coordinators | SEND Lead\n"
    )

    actions = [a for a in plan_from_candidates(read_candidates(text, None))[0] if a["ref"]]

    assert len({a["section"] for a in actions}) == 1
    assert actions[0]["section"].startswith("Area for priority action 1: Leaders")


def test_a_hyphenated_opening_word_is_no_label_glued_to_its_value():
    assert field_line("Outcomes-writing training for all EHC coordinators") is None


def test_a_line_ending_with_its_status_after_a_dash_does_not_run_into_the_next():
    text = (
        "Better plans\n\n"
        "Outcomes-writing training for all EHC coordinators and SENCOs across the whole of the"
        " local area (Lead: QA Officer, by May 2031) - in progress\n"
        "Social care advice template redesigned with the QA team - complete\n"
        "Health advice writers will receive feedback on every return.\n"
    )

    texts = [p.text for p in pieces(text)]

    assert "Social care advice template redesigned with the QA team - complete" in texts


def test_an_action_with_its_fields_on_the_same_line_keeps_only_its_words():
    text = (
        "Area for improvement 1: Timeliness\n\n"
        "1. We will publish the panel's decisions within a week  Lead: Jo Bell  "
        "Timescale: March 2031  Status: On track\n"
        "2. Agree the protocol with the ICB; Owner: DCO; Deadline: 30 June 2031\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["text"], a["owner"], a["due"], a["status"]) for a in actions] == [
        (
            "We will publish the panel's decisions within a week",
            "Jo Bell",
            "2031-03-31",
            "on_track",
        ),
        ("Agree the protocol with the ICB", "DCO", "2031-06-30", None),
    ]


def test_topics_glued_to_their_notes_are_the_sections_of_the_minutes():
    text = (
        "Group notes\n\nIn attendanceLiz Rowe (Board Officer, minutes)\n\n"
        "TopicDiscussion and agreed actions\n"
        "Co-production charterYasmin Farah reported the charter is signed. Agreed actionsKate"
        " Doyle to arrange a signing event.\n"
        "Short breaksTom Beck explained the criteria. Agreed actionsTom Beck to hold two sessions"
        " for families.\n"
    )

    actions = [a for a in plan_from_candidates(read_candidates(text, None))[0] if a["owner"]]

    assert [(a["owner"], a["section"]) for a in actions] == [
        ("Kate Doyle", "Co-production charter"),
        ("Tom Beck", "Short breaks"),
    ]


def test_one_field_line_holding_two_labels_gives_both_fields():
    text = (
        "Outcome A – Families are heard\n"
        "We will publish clear guidance on support before an assessment.\n"
        "Lead: Head of SEND Timescale: July 2031\n"
    )

    (action,) = [a for a in _one_action_each(text) if a["text"].startswith("We will")]

    assert (action["owner"], action["due"]) == ("Head of SEND", "2031-07-31")


def test_the_end_of_an_action_label_wrapped_onto_the_row_of_its_owner_stays_in_its_text():
    text = (
        "Minutes\n\n"
        "ActionReview the short breaks pages with the Parent Carer Forum and publish\n"
        "revised versions\tOwnerImran Qureshi\tDeadline30 April 2031\n"
    )

    (action,) = [a for a in _one_action_each(text) if a["owner"]]

    assert action["text"].endswith("and publish revised versions")
    assert action["due"] == "2031-04-30"


def test_a_heading_row_under_the_rules_section_deepens_it():
    text = (
        "Workstream 1: Assessment\n\nRef\tLead\tAction\tTarget\n"
        "1A Timeliness\t\t\t\n1.1\tJo Bell\tIntroduce a weekly tracker\t31/12/2031\n"
        "1B Quality\t\t\t\n1.2\tSam Ray\tAudit ten plans a month\t31/01/2032\n"
    )
    rules = {
        "as_at": None,
        "sections": [{"ref": "1", "title": "Workstream 1: Assessment", "parent_ref": None}],
        "actions": [
            {**empty_action(), "text": text_, "section": "Workstream 1: Assessment"}
            for text_ in ("Introduce a weekly tracker", "Audit ten plans a month")
        ],
    }
    rows_only = Models(Model(-50.0, {"kind:row": 100.0}), Model(50.0, {"kind:row": -100.0}))

    plan = choose_reading(text, rules, rows_only)

    assert [a["section"] for a in plan["actions"]] == [
        "Workstream 1: Assessment / 1A Timeliness",
        "Workstream 1: Assessment / 1B Quality",
    ]


def test_a_wide_rows_carried_on_cells_are_no_action_cards_field():
    text = (
        "Ref  | What we will do            | Owner | Target\n"
        "A2   | Pilot a shared two-year-old | CP/FA | Summer term\n"
        "     | progress check with health |       | 2031\n"
    )

    (action,) = [a for a in _one_action_each(text) if a["ref"]]

    assert action["text"] == "Pilot a shared two-year-old progress check with health"


def test_work_to_come_in_the_passive_is_not_a_report_and_a_deferral_opening_a_line_no_statement():
    text = (
        "Annual reviews\n\nAll entries will be checked and updated every six months.\n"
        "Deferred to June as the lead was unwell.\n"
    )

    checked, deferred = read_candidates(text, date(2031, 3, 31))[-2:]

    assert checked.features["reporting_verb"] == 0.0
    assert deferred.score < 0.8


def test_a_lead_line_after_a_table_belongs_to_no_row_of_it():
    text = (
        "Ref\tAction\tLead\n1.1\tSet up a young people's advisory group\tParticipation Lead\n\n"
        "Workstream 3: Inclusion\nLead: Dr Rob Penhaligon, Head of Inclusion.\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert actions[0]["owner"] == "Participation Lead"


def test_a_comments_cell_that_opens_with_a_verdict_gives_the_status_where_no_column_does():
    text = (
        "Description\tOwner(s)\tDue\tComments\n"
        "Co-produce a new homepage\tLocal Offer Manager\tApril 2031\tOn track – tested with"
        " 15 families\n"
        "Publish a leaflet\tLocal Offer Manager\tMay 2031\tLeaflet drafted with the forum\n"
    )

    first, second = [a for a in _one_action_each(text) if a["owner"]]

    assert (first["status"], first["status_raw"]) == (
        "on_track",
        "On track – tested with 15 families",
    )
    assert second["status"] is None


def test_an_item_written_action_owner_date_status_gives_each_field():
    line = "[1.6] Review backlog – all Y6 reviews done - SEN Managers - 15/02/25 - missed – 38 left"
    text, fields = dash_fields(line, AS_AT)
    assert text == "[1.6] Review backlog – all Y6 reviews done"
    assert fields == [
        ("owner", "SEN Managers"),
        ("due", "15/02/25"),
        ("status", "missed – 38 left"),
    ]
    assert dash_fields("Equipment offer published – Jas Kaur (ICB) – TBC", AS_AT)[1] == [
        ("owner", "Jas Kaur (ICB)"),
        ("due", "TBC"),
    ]


def test_an_owner_with_a_bracketed_note_and_a_term_with_no_date_are_fields():
    line = "ICB to scope an in-reach offer – Jo Amis (ICB commissioning) – Q3 2025/26"
    assert dash_fields(line, AS_AT) == (
        "ICB to scope an in-reach offer",
        [("owner", "Jo Amis (ICB commissioning)"), ("due", "Q3 2025/26")],
    )
    line = "Heads to be briefed on the new paperwork – KP – end of term"
    assert dash_fields(line, AS_AT)[1] == [("owner", "KP"), ("due", "end of term")]


def test_a_sentence_with_dashes_is_not_taken_for_fields():
    for line in (
        "Exclusions fell – 7 pupils – down from 11 last autumn",
        "We met the forum – the chair thanked officers for their work – in March",
        "Publish the guide – by the end of March – with the forum",
    ):
        assert dash_fields(line, AS_AT) == (line, [])


def test_an_emailed_list_of_such_items_is_read_with_refs_owners_and_statuses():
    text = (
        "Workstream 1 – Assessment\n\n"
        "Good fortnight overall; the backlog is down to 164.\n\n"
        "- [1.1] Additional caseworkers in post – Dawn Reilly – end of July – on track\n"
        "- [1.2] Recovery trajectory agreed with DfE adviser – Dawn Reilly – 14 Jun 25 – done\n"
        "- [1.3] Decision letters rewritten with the forum – Tom Ash – September – not started\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(a["ref"], a["owner"], a["due"], a["status"]) for a in actions if a["ref"]] == [
        ("1.1", "Dawn Reilly", "2025-07-31", "on_track"),
        ("1.2", "Dawn Reilly", "2025-06-14", "complete"),
        ("1.3", "Tom Ash", "2025-09-30", "not_started"),
    ]


def test_glued_action_log_rows_keep_each_ref_status_and_rag_with_their_own_action():
    """Minutes whose table lost its cells: "Ref14/01Action…Owner…Due…StatusCompleteRAGB".
    Each ref numbers the action after it; a status word is a value, not a label; "RAG"
    glued on is a label; a label glued to an acronym ("…with the ICBOwner…") is found."""
    text = (
        "8. Action log\n"
        "Ref14/01ActionRecruit two caseworkers for the review teamOwnerMaria KowalskiDue"
        "28/02/2026StatusCompleteRAGB\n"
        "Ref14/02ActionAgree a therapies plan with the ICBOwnerDom Hale / Julie BrennanDue"
        "31/03/2026StatusNewRAGA\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["ref"], a["text"], a["owner"], a["status"], a["rag"]) for a in actions if a["owner"]]
    assert got == [
        ("14/01", "Recruit two caseworkers for the review team", "Maria Kowalski", "complete",
         "blue"),
        ("14/02", "Agree a therapies plan with the ICB", "Dom Hale / Julie Brennan",
         "not_started", "amber"),
    ]  # fmt: skip


def test_a_glued_record_wrapped_onto_a_bracket_or_a_number_is_one_action():
    """Under a lead-in, a record's action wraps onto a line opening with a bracket or a year;
    its fields are on that line."""
    text = (
        "3. Action log\n"
        "The open actions were reviewed as follows:\n"
        "RefB5ActionBreak the timeliness figures down by stage\n"
        "(advice, draft, final) for the BoardOwnerData AnalystDue14/01/2031StatusOn trackRAGGreen\n"
        "RefB7ActionAgree a recovery trajectory to March\n"
        "2031 with the DfE adviserOwnerDCSDue30/11/2030StatusIn progressRAGAmber\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["ref"], a["text"], a["owner"], a["due"], a["rag"]) for a in actions if a["ref"]]
    assert got == [
        ("B5", "Break the timeliness figures down by stage (advice, draft, final) for the Board",
         "Data Analyst", "2031-01-14", "green"),
        ("B7", "Agree a recovery trajectory to March 2031 with the DfE adviser", "DCS",
         "2030-11-30", "amber"),
    ]  # fmt: skip


def test_a_meeting_tools_tasks_under_topics_give_leads_dates_and_sections():
    """Task lists from a meeting tool: "☐ Name — what — due 3 Feb", "[ ] what (owner: …,
    due: …)", under topic lines that are siblings, however long each topic's name."""
    text = (
        "Improvement board: follow-up tasks\n\n"
        "Assessments and the annual reviews backlog\n"
        "  ☐ Tom Ash — circulate the panel terms of reference — due 3 Feb 2031\n"
        "  [ ] Agree the escalation route for late advice (owner: Rob Ince, due: 7 March 2031)\n"
        "Health\n"
        "  ☐ Dr Priya Rao — bring the pathway trajectory to the next meeting — due 11 Feb 2031"
        " — in progress\n"
        "  - [x] Publish the DCO's contact details (owner: Priya Rao, due: 24 Jan 2031)\n"
    )
    # A heading model that takes every line that is not a list item for a heading.
    above_items = Models(ALWAYS, Model(-5.0, {"kind:line": 10.0}))
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, above_items))
    got = [(a["text"], a["owner"], a["due"], a["section"]) for a in actions if a["owner"]]
    assert got == [
        ("circulate the panel terms of reference", "Tom Ash", "2031-02-03",
         "Assessments and the annual reviews backlog"),
        ("Agree the escalation route for late advice", "Rob Ince", "2031-03-07",
         "Assessments and the annual reviews backlog"),
        ("bring the pathway trajectory to the next meeting", "Dr Priya Rao", "2031-02-11",
         "Health"),
        ("Publish the DCO's contact details", "Priya Rao", "2031-01-24", "Health"),
    ]  # fmt: skip
    assert [a["status"] for a in actions if a["owner"]][2] == "in_progress"


def test_a_tracker_cards_fields_are_read_and_its_other_labels_end_them():
    """A card exported from a task board: "Members:" names its lead, and "Labels:" or
    "Description:" end the value before them."""
    text = (
        "To do\n\n"
        "* Procure a case management system with a portal for families\n"
        "  Members: Gareth Pugh\n"
        "  Due: 31 Mar 2031\n"
        "  Labels: Workstream 1\n"
        "  Description: Business case approved on 4 Nov. Tender pack to be drafted.\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(a["text"], a["owner"], a["due"]) for a in actions] == [
        ("Procure a case management system with a portal for families", "Gareth Pugh",
         "2031-03-31"),
    ]  # fmt: skip


def test_a_wiki_task_gives_its_mentioned_lead_date_circle_and_status():
    text = (
        "## Workstream 2 - Health\n\n"
        "- [ ] Roll out the plan quality framework to caseworkers @Mike Hale (due 2031-04-30)"
        " \U0001f7e0 in progress, 2 of 4 teams trained\n"
        "- [ ] Agree a health advice template with the ICB @Dr Lena Ford (due 2031-02-28)\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["text"], a["owner"], a["due"], a["rag"], a["status"]) for a in actions]
    assert got == [
        ("Roll out the plan quality framework to caseworkers", "Mike Hale", "2031-04-30",
         "amber", "in_progress"),
        ("Agree a health advice template with the ICB", "Dr Lena Ford", "2031-02-28", None,
         None),
    ]  # fmt: skip


def test_an_action_log_of_two_column_tables_numbers_and_describes_each_action():
    """One small table per action, as a Word action log prints them: "Action no." opens
    the record and "Description" is the action itself."""
    text = (
        "## Theme A – Assessment\n"
        "<b>Action no.</b>\t1\n"
        "<b>Description</b>\tCommission an external review of the assessment pathway.\n"
        "<b>Owner</b>\tHead of SEN Services\n"
        "<b>Deadline</b>\t28/02/2031\n"
        "<b>RAG</b>\tG\n\n\n"
        "<b>Action no.</b>\t2\n"
        "<b>Description</b>\tIncrease educational psychology capacity.\n"
        "<b>Owner</b>\tPrincipal EP\n"
        "<b>Deadline</b>\tEnd of March 2031\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["ref"], a["text"], a["owner"], a["due"], a["rag"]) for a in actions]
    assert got == [
        ("1", "Commission an external review of the assessment pathway.", "Head of SEN Services",
         "2031-02-28", "green"),
        ("2", "Increase educational psychology capacity.", "Principal EP", "2031-03-31", None),
    ]  # fmt: skip


def test_a_saved_web_pages_contents_open_nothing_and_its_accordions_are_sections():
    text = (
        "Our SEND improvement journey\n\n"
        "This page explains what we promised to do.\n\n"
        "Contents\n"
        "  1. Theme 1: Assessments\n"
        "  2. Contact us\n\n"
        "+ Theme 1: Assessments\n\n"
        "  What we said we would do\n"
        "  • Issue 60% of plans within 20 weeks by March 2031 (SEND Assessment Service)\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    (issue,) = [a for a in actions if a["text"].startswith("Issue")]
    assert issue["section"].startswith("Theme 1: Assessments")
    assert not any(a["text"] in {"Theme 1: Assessments", "Contact us"} for a in actions)


def test_a_task_boards_lists_are_sections_that_give_their_cards_a_status():
    text = (
        "Board: SEND improvement\n\n"
        "LIST: Doing\n\n"
        "* Map post-16 destinations for every Year 11 young person\n"
        "  Members: Ben Okafor\n"
        "  Due: 30 Apr 2031\n\n"
        "LIST: Blocked\n\n"
        "* Open the resourced provision at Harbour View Primary\n"
        "  Members: Gareth Pugh\n"
        "  Due: 1 Sep 2031\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["section"], a["owner"], a["status_raw"], a["status"]) for a in actions if a["owner"]]
    assert got == [
        ("Doing", "Ben Okafor", "Doing", "in_progress"),
        ("Blocked", "Gareth Pugh", "Blocked", "delayed"),
    ]


def test_a_meeting_tools_topics_are_sections_side_by_side():
    text = (
        "Follow-up tasks\n\n"
        "Topic: EHC needs assessments\n"
        "Task: Chase late health advice | Assigned to: Ann Cole | Due: 18 Sep 2031\n\n"
        "Topic: Annual reviews\n"
        "Task: Send schools their overdue reviews | Assigned to: Joe Lin | Due: 25 Sep 2031\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["owner"], a["section"]) for a in actions if a["owner"]]
    assert got == [
        ("Ann Cole", "EHC needs assessments"),
        ("Joe Lin", "Annual reviews"),  # not inside the first topic
    ]


def test_next_steps_above_a_list_are_a_part_beside_the_one_before_not_inside_it():
    text = (
        "\nWhat did the Board discuss?\n\n"
        "The Board reviewed timeliness. Members welcomed the survey results.\n\n"
        "Next steps\n"
        "- Ann Cole to write to the DfE adviser by 18 December 2031.\n"
        "- Joe Lin to bring a deep dive to the January Board.\n\n"
        "Workstream 2 – Health\n"
        "Next steps\n"
        "- Sam Ray to share the revised trajectory.\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = {a["owner"]: a["section"] for a in actions if a["owner"]}
    assert got == {
        "Ann Cole": "Next steps",
        "Joe Lin": "Next steps",
        "Sam Ray": "Workstream 2 – Health / Next steps",
    }


def test_a_letters_run_in_heads_are_its_sections_and_its_date_heads_nothing():
    text = (
        "Harbury Council\n\n"
        "12 March 2031\n\n"
        "Dear colleagues,\n\n"
        "Assessment times. Too many assessments are late. Sam Ray will recruit two"
        " psychologists by June 2031. We thank schools for their patience.\n\n"
        "Annual reviews. Many reviews are overdue. Jo Bell will clear the backlog by July"
        " 2031. Families will hear from us.\n\n"
        "KM presented the report. Members asked questions. Ann Cole will write to schools.\n"
    )
    candidates = read_candidates(text, date(2031, 3, 12), Models(ALWAYS, NEVER))
    actions, _, _ = plan_from_candidates(candidates)
    got = {a["owner"]: a["section"] for a in actions if a["owner"]}
    assert got == {
        "Sam Ray": "Assessment times",
        "Jo Bell": "Annual reviews",
        "Ann Cole": "Annual reviews",
    }


def test_a_log_of_actions_gives_each_line_its_ref_owner_and_status():
    text = (
        "Ref 30/07 – Amend the plan and circulate it to members – M. Caldwell (Head of SEND)"
        " – CLOSED 12/10\n"
        "Ref 30/08 – Circulate the draft strategy for comment by 30/09/2030 – R. Patel – Open"
        " – on track\n"
        "Ref 30/12 – Present a recovery trajectory to the Board – Head of SEND – Not started\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["ref"], a["text"][:20], a["owner"], a["status"]) for a in actions]
    assert got == [
        ("30/07", "Amend the plan and c", "M. Caldwell (Head of SEND)", "closed"),
        ("30/08", "Circulate the draft ", "R. Patel", "in_progress"),
        ("30/12", "Present a recovery t", "Head of SEND", "not_started"),
    ]


def test_a_section_named_by_its_keyword_is_of_that_kind():
    text = "Priority 2: Annual reviews\n\n- Clear the backlog of reviews (Head of SEND)\n"
    _, sections, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(s["title"], s["kind"]) for s in sections] == [
        ("Priority 2: Annual reviews", "priority")
    ]


def test_a_task_tools_buckets_between_equals_signs_are_sections():
    text = (
        "=== BUCKET: Assessment & Plans (2) ===\n"
        "  Audit 40 plans against the framework  [RT]  Due 30/11/2031\n\n"
        "=== BUCKET: Health (1) ===\n"
        "  Map therapy waiting lists by provider  [JB]  Due 18/12/2031\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(a["section"], a["owner"]) for a in actions] == [
        ("Assessment & Plans", "RT"),
        ("Health", "JB"),
    ]


def test_a_page_of_questions_and_answers_is_sectioned_by_its_questions():
    text = (
        "Q: What will change for families?\n"
        "A: You will hear from us more often.\n"
        "- Ann Cole will set up an advice line by April 2031.\n\n"
        "Q: How will assessments be quicker?\n"
        "A: Sam Ray will introduce a weekly tracker by May 2031.\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = {a["text"][:12]: a["section"] for a in actions}
    assert got["Ann Cole wil"] == "What will change for families?"
    assert got["Sam Ray will"] == "How will assessments be quicker?"  # no "A: " left


def test_actions_under_a_merged_recommendation_cell_are_rows_of_their_own():
    text = (
        "Recommendation\tActions\tOwner\tTimescale\n"
        "Rebuild trust with parents\tInvite the forum to co-chair the board\tDirector\tComplete\n"
        "\tCommission listening events in each locality\tEngagement Lead\tFebruary 2031\n"
        "\tand report the findings to the board\t\t\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["text"], a["owner"]) for a in actions]
    assert got == [
        ("Invite the forum to co-chair the board", "Director"),
        (
            "Commission listening events in each locality and report the findings to the board",
            "Engagement Lead",
        ),
    ]


def test_a_letters_numbered_paragraph_gives_each_commitment_with_a_lettered_ref():
    text = (
        "Dear colleagues,\n\n"
        "4. We will move annual reviews onto an online form by 2 February 2031 (Anita Desai,"
        " Annual Reviews Team Manager). Alongside this, the SEND Casework Team will send every"
        " school a termly schedule of its reviews by the end of February 2031.\n"
        "5. By Easter, the ICB will open a single point of access for therapy referrals.\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    got = [(a["ref"], a["text"][:30], a["owner"]) for a in actions if a["ref"]]
    assert got == [
        ("4.a", "We will move annual reviews on", "Anita Desai, Annual Reviews Team Manager"),
        ("4.b", "Alongside this, the SEND Casew", None),
        ("5", "By Easter, the ICB will open a", "ICB"),  # its subject, after when
    ]


REPORT_WITH_APPENDIX = (
    "7.    RISKS\n\n"
    "7.1   Health workforce shortages may delay the pathway work.\n\n"
    "Appendix A – Action plan\n\n"
    "Area for improvement 1: Leaders should improve the timeliness of plans\n\n"
    "A1.  Restructure the assessment service into locality teams, each with a\n"
    "     team manager and caseworkers.\n"
    "     Responsible officer:  Service Manager, SEND Assessment\n"
    "     Completion date:      April 2025\n"
    "     Current position:     Consultation with staff ended in November. New structure\n"
    "                           goes live on 1 April 2025. On track.\n"
)


def test_an_appendix_action_plan_is_no_part_of_the_reports_last_section():
    actions, _, _ = plan_from_candidates(
        read_candidates(REPORT_WITH_APPENDIX, AS_AT, Models(ALWAYS, NEVER))
    )
    (action,) = [a for a in actions if a["ref"] == "A1"]
    assert action["text"] == (
        "Restructure the assessment service into locality teams, each with a team manager "
        "and caseworkers."
    )
    assert action["owner"] == "Service Manager, SEND Assessment"
    assert action["due"] == "2025-04-30"
    # the field keeps every sentence of its value, wrapped or not
    assert action["status_raw"] == (
        "Consultation with staff ended in November. New structure goes live on 1 April 2025. "
        "On track"
    )
    assert action["status"] == "on_track"


def test_an_appendix_heading_closes_the_reports_sections_and_holds_its_own():
    from sendtrack.domain.documents.candidates import _Sections

    sections = _Sections()
    sections.open("7. RISKS")
    sections.open("Appendix A – Action plan")
    sections.open_under_numbered("Area for improvement 1: Leaders should improve timeliness")
    assert sections.path() == [
        "Appendix A – Action plan",
        "Area for improvement 1: Leaders should improve timeliness",
    ]


def test_a_row_of_several_actions_shares_its_measures_one_a_paragraph():
    text = (
        "Ref\tAction\tLead\tImpact measures\n"
        "1.1\tAgree a health advice standard.<br>Send the DCO weekly reports.\tDCO\t"
        "85% of advice within 6 weeks<br>Fewer plans delayed by advice\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [a["measures"] for a in actions] == [
        ["85% of advice within 6 weeks", "Fewer plans delayed by advice"]
    ] * 2


def test_a_project_plans_summary_rows_are_its_sections_by_outline_number():
    text = (
        "ID  WBS     Task Name                                   Finish        Resource Names\n"
        "1   1       Assessment                                  Wed 31/12/25\n"
        "2   1.1     Timeliness                                  Tue 30/09/25\n"
        "3   1.1.1   Recruit EHC coordinators                    Fri 31/01/25  SEN Manager\n"
        "4   1.1.2   Introduce weekly tracking                   Fri 25/10/24  SEN Manager\n"
        "5   1.2     Review panel decision-making                Fri 30/05/25  Head of SEND\n"
        "6   2       Health                                      Fri 29/08/25\n"
        "7   2.1     Recruit paediatric therapists               Mon 31/03/25  Therapies Lead\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(a["text"], a["section"]) for a in actions] == [
        ("Recruit EHC coordinators", "1 Assessment / 1.1 Timeliness"),
        ("Introduce weekly tracking", "1 Assessment / 1.1 Timeliness"),
        ("Review panel decision-making", "1 Assessment"),
        ("Recruit paediatric therapists", "2 Health"),
    ]


def test_deliverables_under_a_lettered_outcome_take_its_letter_and_bracketed_status():
    text = (
        "Outcome A: Needs are identified early – Karen Oduya | 1. Roll out the toolkit to all "
        "settings (Nov 2030; complete) 2. Train 40 early years SENCOs (Dec 2030; in progress)\n\n"
        "Outcome B: Plans are issued on time – Tom Whitcombe | 1. Restructure the service "
        "into locality teams (Jan 2031)\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(a["ref"], a["owner"], a["status"]) for a in actions] == [
        ("A.1", "Karen Oduya", "complete"),
        ("A.2", "Karen Oduya", "in_progress"),
        ("B.1", "Tom Whitcombe", None),
    ]


def test_a_roadmaps_quarters_sit_under_its_horizons_and_date_their_items():
    from sendtrack.domain.documents.candidates import _dated_heading, _Sections

    assert _dated_heading("Quarter 1 2026/27 (April – June 2026)", None).value == "2026-06-30"
    sections = _Sections()
    sections.open_under_numbered("HORIZON 2 – EMBED (April 2026 – March 2027)")
    sections.open_under_numbered("Quarter 1 2026/27 (April – June 2026)", style="a date")
    assert sections.path() == [
        "HORIZON 2 – EMBED (April 2026 – March 2027)",
        "Quarter 1 2026/27 (April – June 2026)",
    ]


MARKED_ROADMAP = (
    "Riverford SEND roadmap 2031-32\nPosition at 1 June 2031\n\n"
    "Key:   [\u2713] done    [>] under way    [ ] not started    [!] late or at risk\n\n"
    "\u2550\u2550 Q1 2031/32 (April \u2013 June 2031) \u2550\u2550\u2550\u2550\u2550\u2550\n\n"
    "April 2031\n"
    "  [\u2713] Launch the new Local Offer pages with 30 families (Local Offer Manager)\n"
    "  [!] Publish the autism strategy for all ages (Autism Partnership Lead & ICB Head of\n"
    "      Children's Mental Health Commissioning)\n\n"
    "May 2031\n"
    "  [>] Train every health visitor in the early checklist (Health Visiting Lead \u2013\n"
    "      Designated Clinical Officer)\n"
    "        Success looks like:\n"
    "          - every health visitor trained\n"
    "          - checklist used in 90% of referrals\n"
    "  [ ] Agree the complex needs funding protocol (Head of Commissioning)\n"
)


def test_a_roadmaps_marks_are_statuses_by_its_key_and_its_wrapped_items_stay_whole():
    """Each box mark means what the key says; an item wrapped onto the next line keeps its
    lead in brackets whole; the quarter between rules heads the months; "Success looks
    like:" under an item lists its measures."""
    from sendtrack.domain.documents.plan import parse_plan_text

    actions = parse_plan_text(MARKED_ROADMAP)["actions"]

    assert [(a["text"][:20], a["status"], a["status_raw"]) for a in actions] == [
        ("Launch the new Local", "complete", "[\u2713]"),
        ("Publish the autism s", "delayed", "[!]"),
        ("Train every health v", "in_progress", "[>]"),
        ("Agree the complex ne", "not_started", "[ ]"),
    ]
    assert [a["owner"] for a in actions] == [
        "Local Offer Manager",
        "Autism Partnership Lead & ICB Head of Children's Mental Health Commissioning",
        "Health Visiting Lead \u2013 Designated Clinical Officer",
        "Head of Commissioning",
    ]
    assert actions[0]["section"] == "Q1 2031/32 (April \u2013 June 2031) / April 2031"
    assert actions[2]["measures"] == [
        "every health visitor trained",
        "checklist used in 90% of referrals",
    ]


def test_a_task_lists_ticked_box_is_done_without_a_key_and_an_empty_one_states_nothing():
    text = "## Priority 1\n\n- [x] Publish the guidance (@jo, due 2031-03)\n- [ ] Train the team\n"
    candidates = read_candidates(text, AS_AT, Models(ALWAYS, NEVER))
    statuses = {c.text[:12]: c.fields["status"] for c in candidates if "status" in c.fields}
    assert {text: (found.value, found.raw) for text, found in statuses.items()} == {
        "Publish the ": ("complete", "[x]"),
    }


EASY_READ = (
    "What have we done so far?\n\n"
    "  * We have hired 6 new case officers.\n\n"
    "What are we doing about waiting times?\n\n"
    "We will finish most assessments within 20 weeks by March 2031 (SEND Assessment Team).\n\n"
    "We will also:\n"
    "  * hire 3 more psychologists – by January 2031 (who: Psychology Service)\n"
    "  * text you when your child's assessment moves on – by October 2030 (who: SEND Team)\n"
)


def test_a_plan_for_families_is_headed_by_questions_and_names_who_in_brackets():
    candidates = read_candidates(EASY_READ, AS_AT, Models(ALWAYS, NEVER))
    assert "We will also:" not in [c.text for c in candidates]  # its items carry it
    actions, _, _ = plan_from_candidates(candidates)
    by_text = {a["text"][:20]: a for a in actions}
    assert by_text["We have hired 6 new "]["section"] == "What have we done so far?"
    hire = by_text["hire 3 more psycholo"]
    assert hire["section"] == "What are we doing about waiting times?"
    assert hire["owner"] == "Psychology Service"


def test_the_people_present_are_never_a_heading_over_the_minutes():
    text = (
        "MINUTES\n\nPresent:\n"
        "Cllr Jan Osei (Chair) – Cabinet Member (JO)\n"
        "Mike Day – Headteacher representative, secondary (MD)\n\n"
        "1. Welcome and apologies\n\n"
        "The Chair welcomed members.\n"
    )
    from sendtrack.domain.documents.candidates import _is_heading
    from sendtrack.domain.documents.layout import pieces as all_pieces

    items = all_pieces(text)
    (member,) = [p for p in items if p.text.startswith("Mike Day")]
    assert not _is_heading(member, None, (0, 0), Models(NEVER, ALWAYS), None)


def test_an_emailed_list_groups_items_under_short_subheadings_and_reads_its_fields():
    text = (
        "Workstream 4 – Health:\n"
        "Quick wins\n"
        "  • 4.1 – Publish the waiting list each month – Fiona Gale – 30 June\n"
        "Longer term\n"
        "  • 4.2 Draft the transitions protocol with adult care; Mark Owusu; October 2030\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(a["ref"], a["text"], a["section"], a["owner"]) for a in actions] == [
        ("4.1", "Publish the waiting list each month", "Workstream 4 – Health / Quick wins",
         "Fiona Gale"),
        ("4.2", "Draft the transitions protocol with adult care",
         "Workstream 4 – Health / Longer term", "Mark Owusu"),
    ]  # fmt: skip


def test_a_date_after_a_dash_closing_an_action_is_its_date_not_its_words():
    text, fields = dash_fields("JB to refresh the tracker and share it – 31/03/2026", AS_AT)
    assert (text, fields) == ("JB to refresh the tracker and share it", [("due", "31/03/2026")])
    assert dash_fields("Outcome – families are heard", AS_AT) == (
        "Outcome – families are heard",
        [],
    )


def test_a_project_plans_row_for_the_whole_plan_is_no_section():
    text = (
        "ID  WBS     Task Name                                   Finish        Resource Names\n"
        "1   1       Brindle SEND Improvement Plan               Wed 31/12/31\n"
        "2   1.1     Assessment                                  Tue 30/09/31\n"
        "3   1.1.1   Recruit EHC coordinators                    Fri 31/01/31  SEN Manager\n"
        "4   1.2     Health                                      Fri 29/08/31\n"
        "5   1.2.1   Recruit paediatric therapists               Mon 31/03/31  Therapies Lead\n"
    )
    actions, _, _ = plan_from_candidates(read_candidates(text, AS_AT, Models(ALWAYS, NEVER)))
    assert [(a["text"], a["section"]) for a in actions] == [
        ("Recruit EHC coordinators", "1.1 Assessment"),
        ("Recruit paediatric therapists", "1.2 Health"),
    ]


def test_a_tick_or_a_bracketed_status_at_either_end_of_an_item_is_its_status():
    from sendtrack.domain.documents.detectors import find_status

    for text, status in (
        ("Launch the toolkit ✓", "complete"),
        ("✅ Launch the toolkit", "complete"),
        ("Launch the toolkit [in progress]", "in_progress"),
        ("Launch the toolkit [DONE]", "complete"),
    ):
        found = find_status(text)
        assert found is not None and found.value == status, text
    assert find_status("Publish the ✓ list with the schools") is None  # a tick in the words


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "New SEN Support Plan template issued — Inclusion Team \u2713",
            (
                "New SEN Support Plan template issued",
                [("owner", "Inclusion Team"), ("status", "\u2713")],
            ),
        ),
        (
            "Joint dashboard for the Board — ICB Business Intelligence [in progress]",
            (
                "Joint dashboard for the Board",
                [("owner", "ICB Business Intelligence"), ("status", "in progress")],
            ),
        ),
        (
            "Short breaks statement refreshed (Lead: Service Manager) – slipped to March 2031",
            (
                "Short breaks statement refreshed (Lead: Service Manager)",
                [("status", "slipped to March 2031")],
            ),
        ),
        (
            "Deficit forecast £9.8m – Safety Valve talks ongoing",
            ("Deficit forecast £9.8m – Safety Valve talks ongoing", []),
        ),
        (
            "Survey done – complete (Inclusion Lead)",
            ("Survey done – complete (Inclusion Lead)", []),
        ),
    ],
)
def test_a_roadmap_item_with_one_dash_gives_its_lead_and_its_mark_or_its_status(line, expected):
    assert dash_fields(line, AS_AT) == expected


def test_a_roadmaps_months_under_its_terms_are_sections_within_them():
    text = (
        "Year one roadmap\n\nAUTUMN TERM 2031\n\n"
        "September 2031\n\u2022 Launch event for schools\n\n"
        "October 2031\n\u2022 Training for SENCOs, cohort 1\n\nSPRING TERM 2032\n\n"
        "January 2032\n\u2022 Survey results shared with families\n"
    )

    actions = [a for a in _one_action_each(text) if a["text"][0] in "LTS"]

    assert [(a["section"], a["due"]) for a in actions] == [
        ("AUTUMN TERM 2031 / September 2031", "2031-09-30"),
        ("AUTUMN TERM 2031 / October 2031", "2031-10-31"),
        ("SPRING TERM 2032 / January 2032", "2032-01-31"),
    ]


def test_a_lead_run_on_into_a_partner_another_row_names_gives_the_partner_back():
    text = (
        "Ref Action Lead Partners Due Status\n"
        "3.1 Map post-16 places for young people Post-16 Lead FE colleges, Adult Social Care"
        " Feb 2032 On track\n"
        "3.2 Set up a transition panel for complex health needs Head of Preparing for Adulthood"
        " Adult Social Care, Continuing Care Team Apr 2032 Not yet started\n"
    )

    rows = [p for p in pieces(text) if p.kind == "row"]

    assert (rows[1].cells["owner"], rows[1].cells["partners"]) == (
        "Head of Preparing for Adulthood",
        "Adult Social Care, Continuing Care Team",
    )


def test_a_measures_lead_ins_list_ends_at_the_next_field_or_outcome_heading():
    text = (
        "Outcome 1: Needs are met early\n"
        "1.2 We will publish a graduated response toolkit.\n"
        "Measure of success:\n- Toolkit published\n- 90% of SENCOs briefed\n"
        "Progress: Complete.\n"
        "Outcome 2: Children are included in their local school\n"
        "2.1 We will open three resourced provisions.\n"
    )

    by_text = {p.text: p for p in pieces(text)}

    assert by_text["Progress: Complete."].lead_in is None
    assert by_text["Outcome 2: Children are included in their local school"].kind == "line"


def test_a_table_copied_one_cell_per_line_reads_column_names_asked_as_questions():
    text = (
        "Our plan\n\nNo.\nWhat are we doing?\nWho is responsible?\nWhen?\n"
        "How will we know?\n"
        "P1-01\nOpen a SEND advice line for parents\nSENDIASS Manager\nMay 2031\n"
        "Calls answered within two days\n"
        "P1-02\nTrain all SENCOs in the new toolkit\nHead of Inclusion\nJune 2031\n"
        "90% of SENCOs trained\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["owner"], a["due"], a["measures"]) for a in actions] == [
        ("P1-01", "SENDIASS Manager", "2031-05-31", ["Calls answered within two days"]),
        ("P1-02", "Head of Inclusion", "2031-06-30", ["90% of SENCOs trained"]),
    ]


def test_a_part_heading_after_a_flattened_rows_measures_heads_the_rows_below_it():
    text = (
        "No. Action Lead Due Status RAG Evidence of impact\n"
        "Recommendation 1: Share a vision for inclusion\n"
        "1 Hold three co-production events Assistant Director May 2031 Complete B Vision agreed\n"
        "Recommendation 2: Make plans timely\n"
        "1 Introduce case-progression meetings Head of SEND April 2031 On track G Timeliness up\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [a["section"] for a in actions] == [
        "Recommendation 1: Share a vision for inclusion",
        "Recommendation 2: Make plans timely",
    ]
    assert actions[0]["measures"] == ["Vision agreed"]


def test_an_action_cells_second_line_that_opens_no_action_carries_it_on():
    text = (
        "Our plan\n\nRef\nAction\nLead\nBy when\nRAG\n"
        "2.2\nIntroduce a weekly tracker for every open assessment.\n"
        "The Head of Service reviews every case past week 14.\nHead of SEND\nJuly 2031\nA\n"
        "2.3\nAudit ten plans a month.\nPublish the findings to families.\nQA Lead\nMay 2031\nG\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [a["ref"] for a in actions] == ["2.2", "2.3.a", "2.3.b"]
    assert actions[0]["text"].endswith("reviews every case past week 14.")


def test_a_flattened_row_with_no_date_ends_at_its_status_and_rag():
    text = (
        "What we will do Who By when Progress RAG What difference\n"
        "Focus area 1: Early help\n"
        "Publish a graduated approach handbook for schools Principal Psychologist Complete Blue"
        " Handbook used by all schools\n"
        "Train SENCos to write SEN support plans with pupils SENCo Network Lead July On track G"
        " 120 SENCos trained\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["owner"], a["status"], a["rag"]) for a in actions] == [
        ("Principal Psychologist", "complete", "blue"),
        ("SENCo Network Lead", "on_track", "green"),
    ]


def test_a_legend_of_codes_is_no_action():
    text = (
        "Status codes\nNS = Not started\nIP = In progress\n"
        "Resp.: HoSEND = Head of SEND and Inclusion; PEP = Principal Educational Psychologist\n"
    )

    assert not any("=" in a["text"] for a in _one_action_each(text))


def test_a_bullet_with_nothing_after_it_is_no_action():
    actions = _one_action_each("Priority Two: Inclusion\no \n")

    assert all(a["text"] for a in actions)


def test_of_several_dated_rag_columns_the_latest_filled_one_is_the_rag():
    text = (
        "Ref | Action | Lead | Due | RAG Sep 31 | RAG Dec 31 | Measure\n"
        "1.1 | Recruit two more psychologists | PEP | March 2032 | Amber | Green | Advice in time\n"
        "1.2 | Audit ten plans every month | QA Lead | June 2032 | Red | | 80% good\n"
    )

    actions = [a for a in _one_action_each(text) if a["ref"]]

    assert [(a["ref"], a["rag"]) for a in actions] == [("1.1", "green"), ("1.2", "red")]


def test_a_web_tables_capitalised_second_measure_line_is_no_new_row_and_codes_head_rows():
    text = (
        "What we will do Lead Working with Target date Update RAG How we will know\n"
        "Workstream 1: Early support\n"
        "1a. Needs are found early, at school entry\n"
        "Open a drop-in in every family hub Early Help Manager Family Hubs 31 May 2031 On track"
        " (Green) Drop-ins held every week\n"
        "Fewer requests for assessment with no prior support\n"
        "Train nursery staff to use the review tool Early Years Lead Nurseries June 2031 Not"
        " started (Red) 95% of staff trained\n"
        "1b. Schools meet needs\n"
        "Publish the provision guidance for schools Head of Inclusion Schools Forum July 2031"
        " Complete (Blue) Guidance used by all schools\n"
        "Parent confidence of 65% in the survey\n"
        "3. Have your say\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [a["text"][:20] for a in actions] == [
        "Open a drop-in in ev",
        "Train nursery staff ",
        "Publish the provisio",
    ]
    assert actions[0]["measures"] == [
        "Drop-ins held every week",
        "Fewer requests for assessment with no prior support",
    ]
    assert actions[2]["measures"] == [
        "Guidance used by all schools",
        "Parent confidence of 65% in the survey",
    ]
    assert actions[1]["section"] == (
        "Workstream 1: Early support / 1a. Needs are found early, at school entry"
    )
    assert actions[2]["section"] == "Workstream 1: Early support / 1b. Schools meet needs"


def test_a_web_tables_wrapped_header_and_partners_on_a_line_of_their_own():
    text = (
        "What we will do Who By when Progress RAG What difference\n"
        "will it make?\n"
        "Focus area 1: Early help\n"
        "Launch an early help offer in each of the family hubs Head of Early Help\n"
        "Partners: Health Visiting, Parent Carer Forum September In progress G Families supported\n"
        "Train SENCos to write support plans with pupils SENCo Network Lead July On track G"
        " 120 SENCos trained\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["owner"], a["due_raw"], a["rag"]) for a in actions] == [
        ("Head of Early Help", "September", "green"),
        ("SENCo Network Lead", "July", "green"),
    ]
    assert actions[0]["text"] == "Launch an early help offer in each of the family hubs"


def test_web_table_rows_that_open_with_a_ref_keep_every_line_up_to_the_next_ref():
    text = (
        "Action Owner Target date Success measures Progress update\n"
        "Theme A – Finding needs early\n"
        "A1 Move the inclusion fund forms online Early Years Lead 31 December 2031 All forms"
        " made online\n"
        "Decisions sent within 15 working days On track. The form went live in September.\n"
        "A2 Train every primary school in the provision guide Inclusion Team July 2032 All"
        " schools trained\n"
        "Theme B – Timely plans\n"
        "B1 Clear the backlog of annual reviews Head of SEND 28/02/2032 No review overdue"
        " In progress – down from 1,140 to 610.\n"
    )

    actions = [a for a in _one_action_each(text) if a["owner"]]

    assert [(a["owner"], a["status"]) for a in actions] == [
        ("Early Years Lead", "on_track"),
        ("Inclusion Team", None),
        ("Head of SEND", "in_progress"),
    ]
    assert actions[0]["measures"] == [
        "All forms made online",
        "Decisions sent within 15 working days",
    ]
    assert actions[2]["section"] == "Theme B – Timely plans"


def test_deliverables_numbered_1_1_1_2_run_together_on_a_labels_line_are_one_action_each():
    text = (
        "Theme 1 – Early help (Marta Quist) | 1.1 Open two new family hubs – 30/09/2031 [Green]"
        " 1.2 Train hub staff in the graduated approach [Amber] 1.3 Publish the hub timetable"
        " – done [Blue]\n"
        "Theme 2 – Moving on (Idris Lowe) | 2.1 Agree a post-16 offer with the college – May"
        " 2032 [Red] 2.2 Map supported internships\n"
    )

    actions = _one_action_each(text)

    assert [(a["ref"], a["text"]) for a in actions] == [
        ("1.1", "Open two new family hubs"),
        ("1.2", "Train hub staff in the graduated approach"),
        ("1.3", "Publish the hub timetable"),
        ("2.1", "Agree a post-16 offer with the college"),
        ("2.2", "Map supported internships"),
    ]
    assert {a["owner"] for a in actions[:3]} == {"Marta Quist"}
    assert actions[3]["owner"] == "Idris Lowe"
    assert actions[3]["section"] == "Theme 2 – Moving on"
    assert (actions[3]["due_raw"], actions[3]["rag"]) == ("May 2032", "red")
    assert [a["rag"] for a in actions[:3]] == ["green", "amber", "blue"]


def test_a_dash_then_a_month_and_a_bracketed_rating_is_a_date_not_a_lead():
    words, fields = dash_fields("Refresh the short breaks statement – June 2032 [Amber]", AS_AT)

    assert words == "Refresh the short breaks statement"
    assert fields == [("due", "June 2032"), ("rag", "Amber")]


def test_a_project_plans_task_at_any_depth_is_a_task_and_only_rows_with_tasks_below_are_parts():
    gantt = (
        "ID,Outline Level,WBS,Name,Start,Finish,% Complete,Resource Names\n"
        "1,1,1,Timely plans,01/09/31,31/07/32,40%,\n"
        "2,2,1.1,Recruit two more caseworkers,01/09/31,31/12/31,100%,Head of SEN\n"
        "3,2,1.2,Annual review recovery,01/09/31,31/07/32,20%,\n"
        "4,3,1.2.1,Clear the overdue reviews,01/09/31,31/03/32,50%,Review Manager\n"
        "5,1,2,Moving on,01/01/32,31/08/32,0%,\n"
        "6,2,2.1,Agree the transition protocol,01/01/32,30/06/32,0%,PfA Lead\n"
    )

    actions = _one_action_each(read_document(gantt.encode(), "programme.csv"))

    assert [(a["text"], a["section"]) for a in actions] == [
        ("Recruit two more caseworkers", "Timely plans"),
        ("Clear the overdue reviews", "Timely plans / Annual review recovery"),
        ("Agree the transition protocol", "Moving on"),
    ]


def test_a_project_plans_task_of_no_length_is_a_milestone_and_a_one_word_part_is_a_section():
    gantt = (
        "ID,Outline Level,WBS,Name,Duration,Start,Finish,% Complete,Resource Names\n"
        "1,1,1,Timely plans,120 days,01/09/31,28/02/32,40%,\n"
        "2,2,1.1,Recruit two more caseworkers,60 days,01/09/31,30/11/31,100%,Head of SEN\n"
        "3,2,1.2,Clear the overdue annual reviews,90 days,01/10/31,28/02/32,20%,Review Lead\n"
        "4,1,2,Sufficiency,200 days,01/09/31,31/07/32,10%,\n"
        "5,2,2.1,Refresh the places strategy,60 days,01/09/31,30/11/31,50%,Place Planner\n"
        "6,2,2.2,Places strategy approved by Cabinet,0 days,Tue 14/12/31,Tue 14/12/31,0%,\n"
        "7,2,2.3,Open the new resource base,140 days,03/01/32,31/07/32,0%,Place Planner\n"
    )

    plan = parse_plan_text(read_document(gantt.encode(), "programme.csv"))

    assert [(a["text"], a["section"]) for a in plan["actions"]] == [
        ("Recruit two more caseworkers", "Timely plans"),
        ("Clear the overdue annual reviews", "Timely plans"),
        ("Refresh the places strategy", "Sufficiency"),
        ("Open the new resource base", "Sufficiency"),
    ]
    assert [(m["text"], m["section"], m["due"]) for m in plan["milestones"]] == [
        ("Places strategy approved by Cabinet", "Sufficiency", "2031-12-14")
    ]


def test_a_roadmaps_dashed_entries_each_read_and_its_key_to_owners_is_no_action():
    roadmap = (
        "Fernbridge SEND Roadmap 2031/32\n"
        "Position at 30 November 2031\n"
        "\n"
        "Phase 1: Stabilise (Sep–Dec 2031)\n"
        "October 2031\n"
        "– Caseloads rebalanced across the EHC team – Head of SEN – COMPLETE\n"
        "     Success measure: no coordinator holds more than 150 plans\n"
        "– Escalation route agreed for late health advice – Designated Clinical Officer"
        " – ON TRACK\n"
        "November 2031\n"
        "– Local Offer relaunch – phase 1 (website and directory) – Information, Advice and"
        " Support Manager – ON TRACK\n"
        "– Sufficiency plan: 40 more resourced places approved – Head of School Organisation"
        " – AT RISK\n"
        "     Success measure: places open by September 2032\n"
        "December 2031\n"
        "– Stabilisation report to the Partnership Board – Programme Director\n"
        "\n"
        "Key to owners\n"
        "DCS – Director of Children's Services\n"
        "HoSEND – Head of SEND Services\n"
        "PEP – Principal Educational Psychologist\n"
    )

    plan = parse_plan_text(roadmap)

    assert [
        (a["text"][:24], a["owner"], a["status_raw"], a["measures"]) for a in plan["actions"]
    ] == [
        (
            "Caseloads rebalanced acr",
            "Head of SEN",
            "COMPLETE",
            ["no coordinator holds more than 150 plans"],
        ),
        ("Escalation route agreed ", "Designated Clinical Officer", "ON TRACK", []),
        ("Local Offer relaunch – p", "Information, Advice and Support Manager", "ON TRACK", []),
        (
            "Sufficiency plan: 40 mor",
            "Head of School Organisation",
            "AT RISK",
            ["places open by September 2032"],
        ),
        ("Stabilisation report to ", "Programme Director", None, []),
    ]
    assert plan["owner_glossary"]["HoSEND"] == "Head of SEND Services"


def test_numbered_entries_wrapped_under_their_words_read_whole_with_their_dashed_fields():
    text = (
        "7. Action log - items carried forward\n\n"
        "  117  Refresh the timeliness dashboard so that exceptions show - Head of SEN -\n"
        "       June 2031 - c/f to September\n"
        "  109  Confirm the terms of reference for the panel - Assistant Director, Education -\n"
        "       May 2031 - carried forward (awaiting nominations)\n"
    )

    actions = _one_action_each(text)

    assert [(a["text"], a["owner"], a["due_raw"], a["status_raw"]) for a in actions] == [
        (
            "Refresh the timeliness dashboard so that exceptions show",
            "Head of SEN",
            "June 2031",
            "c/f to September",
        ),
        (
            "Confirm the terms of reference for the panel",
            "Assistant Director, Education",
            "May 2031",
            "carried forward (awaiting nominations)",
        ),
    ]


def test_a_lead_and_date_after_an_items_last_dash_are_its_lead_and_date_not_an_events_when():
    words, fields = dash_fields(
        "the ICB will share its recovery trajectory with the Board - Dr Fiona Ledger, 31 July 2032",
        AS_AT,
    )
    assert words == "the ICB will share its recovery trajectory with the Board"
    assert fields == [("owner", "Dr Fiona Ledger"), ("due", "31 July 2032")]
    assert dash_fields("Audit 30 plans - DCO, September 2032", AS_AT)[1] == [
        ("owner", "DCO"),
        ("due", "September 2032"),
    ]
    event = "Coffee morning with the forum – Thursday 24 April, Sallow Green Hub"
    assert dash_fields(event, AS_AT) == (event, [])


def test_a_newsletters_capitals_headings_are_its_parts_and_its_events_thanks_and_links_no_work():
    newsletter = (
        "Fenmoor Parent Carer Forum – Winter Update\n"
        "December 2031\n"
        "\n"
        "WHAT THE COUNCIL HAS DONE\n"
        "\n"
        "The new assessment hub opened in September with caseworkers and therapists together.\n"
        "\n"
        "WHAT IS STILL TO DO (AND WHAT WE ARE WATCHING)\n"
        "\n"
        "The Inclusion Team is rolling out the graduated approach toolkit to every school"
        " by April 2032.\n"
        "The SEND Casework Team will finalise the Year 6 phase transfer reviews"
        " by 15 February 2032.\n"
        "\n"
        "DATES FOR YOUR DIARY\n"
        "\n"
        "Coffee morning, Tollbridge Library – Tuesday 13 January, 10am to 12pm\n"
        "Thank you to the 300 families who answered our survey in November.\n"
        "Inspection revisit letter, November 2031 (PDF, 1.2MB)\n"
    )

    plan = parse_plan_text(newsletter)
    every = [a["text"] for a in _one_action_each(newsletter)]

    assert [(a["text"][:30], a["section"]) for a in plan["actions"]] == [
        ("The Inclusion Team is rolling ", "WHAT IS STILL TO DO (AND WHAT WE ARE WATCHING)"),
        ("The SEND Casework Team will fi", "WHAT IS STILL TO DO (AND WHAT WE ARE WATCHING)"),
    ]
    assert not [t for t in every if t.startswith(("Coffee morning", "Thank you", "Inspection"))]


def test_a_sentence_telling_what_happened_on_an_earlier_date_is_news_not_work():
    text = (
        "Since the inspection\n\n"
        "In March 2031 Ofsted and the CQC inspected the local area's SEND arrangements. "
        "Our transitions team became fully staffed in September 2031. "
        "The new panel was delayed in October 2031 and now meets in January 2032. "
        "The Inclusion Team will publish the toolkit in February 2032.\n"
    )

    texts = [c.text for c in read_candidates(text, date(2031, 12, 1), Models(ALWAYS, NEVER))]

    assert not [t for t in texts if t.startswith(("In March 2031", "Our transitions team"))]
    assert [t[:20] for t in texts if t.startswith("The")] == [
        "The new panel was de",
        "The Inclusion Team w",
    ]


def test_rows_under_a_merged_priority_cell_with_their_own_numbers_are_actions_of_their_own():
    plan_on_a_page = (
        "Plan on a page 2031/32\n"
        "\n"
        "Our priority\tWhat we will do\tHow we will know\tWho leads\tWhen\n"
        "Priority 1 – Early support\t1.1 Roll out the early years inclusion guide to every"
        " setting\t90% of settings briefed\tHead of Early Years\tMarch 2032\n"
        "\t1.2 Introduce one request-for-support form for health visitors\tFewer forms"
        " returned\tDesignated Clinical Officer\tDec 2031\n"
        "Priority 2 – Timely plans\t2.1 Recruit to the two vacant coordinator posts\t"
        "Caseloads at or below 140\tHead of SEND Assessment\tNov 2031\n"
        "\t2.2 Move all new assessment requests onto the portal\t60% of plans within 20"
        " weeks\tSEND Systems Lead\tApril 2032\n"
    )

    plan = parse_plan_text(plan_on_a_page)

    assert [(a["ref"], a["text"][:24], a["owner"], a["section"]) for a in plan["actions"]] == [
        ("1.1", "Roll out the early years", "Head of Early Years", "Priority 1 – Early support"),
        (
            "1.2",
            "Introduce one request-fo",
            "Designated Clinical Officer",
            "Priority 1 – Early support",
        ),
        ("2.1", "Recruit to the two vacan", "Head of SEND Assessment", "Priority 2 – Timely plans"),
        ("2.2", "Move all new assessment ", "SEND Systems Lead", "Priority 2 – Timely plans"),
    ]


def test_a_heading_repeated_under_each_theme_is_a_heading_not_a_running_title():
    report = (
        "# Fernbridge Local Offer Annual Report 2031–32\n"
        "## What you told us and what we will do next\n"
        "### Finding information\n"
        "#### What you told us\n"
        "- The search brings up services for the wrong age group.\n"
        "#### What we will do next\n"
        "- Rebuild the Local Offer search so services can be filtered by age (by December 2032).\n"
        "### Short breaks\n"
        "#### What you told us\n"
        "- It is not clear who is eligible for short breaks.\n"
        "#### What we will do next\n"
        "- Publish the revised short breaks statement (October 2032).\n"
        "### Health services\n"
        "#### What you told us\n"
        "- Therapy pages are out of date.\n"
        "#### What we will do next\n"
        "- Review all therapy pages with the community provider (November 2032).\n"
    )

    headings = [p.text for p in pieces(report) if p.marker == "heading"]

    assert headings.count("What you told us") == 3
    assert headings.count("What we will do next") == 3


def test_minutes_venue_and_the_names_under_present_are_no_sections():
    minutes = (
        "FENBRIDGE SEND PARTNERSHIP BOARD\n"
        "Minutes of the meeting held on 12 March 2032, 2.00pm\n"
        "Committee Room 2, Fenbridge Civic Centre and Microsoft Teams\n"
        "\n"
        "Present:\n"
        "Cllr Ann Lowe (Chair) - Cabinet Member for Children\n"
        "Karen Reid (KR) - Head of SEND\n"
        "Rachel Tan (DCO) - Designated Clinical Officer\n"
        "\n"
        "1. Welcome and apologies\n"
        "The Chair welcomed everyone. There were no declarations.\n"
        "\n"
        "2. Annual reviews\n"
        "KR reported that 300 reviews are overdue.\n"
        "Action: KR to bring a recovery plan to the April meeting.\n"
    )

    plan = parse_plan_text(minutes)

    assert [s["title"] for s in plan["sections"]] == [
        "1. Welcome and apologies",
        "2. Annual reviews",
    ]


def test_a_timescale_saying_when_the_work_was_completed_gives_its_status_and_its_date():
    text = (
        "Action\tLead officer\tTimescale\n"
        "Set up a temporary review team\tAssistant Director\tCompleted December 2031\n"
        "Hold every overdue annual review\tSEND Manager\tDecember 2032\n"
    )

    actions = _one_action_each(text)

    assert [(a["status_raw"], a["status"], a["due"]) for a in actions] == [
        ("Completed", "complete", "2031-12-31"),
        (None, None, "2032-12-31"),
    ]


def test_a_lead_named_in_a_sentence_is_the_role_without_its_article():
    text = (
        "A new advice template, led by the Designated Clinical Officer, is due in May 2032.\n"
        "The Inclusion Team will publish the outreach offer by June 2032.\n"
    )

    actions = _one_action_each(text)

    assert [a["owner"] for a in actions] == ["Designated Clinical Officer", "Inclusion Team"]


def test_glued_minutes_keep_each_actions_own_ref_and_skip_the_next_meetings_date():
    text = (
        "Item2. Therapies\n"
        "NotesThe group heard about waiting times.\n"
        "No.B7\n"
        "ActionDraft a waiting well leaflet with the forum\n"
        "OwnerDCO\n"
        "Due30/09/2031\n"
        "Ref2.3 (from 12 May)\n"
        "ActionConfirm the speech and language therapy offer for secondary schools\n"
        "OwnerICB Commissioner\n"
        "Due31/10/2031\n"
        "Next meeting4 November 2031, 2pm, Teams\n"
    )

    actions = _one_action_each(text)

    assert [(a["ref"], a["text"]) for a in actions if a["ref"]] == [
        ("B7", "Draft a waiting well leaflet with the forum"),
        ("2.3", "Confirm the speech and language therapy offer for secondary schools"),
    ]
    assert not any(a["text"].startswith("Next meeting") for a in actions)


def test_a_label_rows_deliverables_are_each_read_once_with_their_own_lead_and_rating():
    # A PDF's table row "outcome — lead | 1. … 2. …": the layout splits the cell into its
    # items, and each deliverable is read once, its own bracketed lead beating the label's.
    text = (
        "Delivery schedule at 31 January 2025\n"
        "<b>Families find help early — Head of Early Help</b>\t"
        "<b>1.</b> Open a family hub in each locality – Sept 2025 (Hubs Manager; Green)<br>"
        "<b>2.</b> Train hub staff in autism awareness – Mar 2025 (A)<br>"
        "<b>3.</b> Publish a hub timetable for parents – Dec 2025 (Comms Lead – in progress)\n"
        "<b>Schools include pupils with SEND — Head of Inclusion</b>\t"
        "<b>4.</b> Agree the inclusion charter with every school – Apr 2025 (Red – consultation"
        " delayed)<br><b>5.</b> Fund two inclusion partners – Jul 2025\n"
    )
    actions = {a["text"]: a for a in parse_plan_text(text)["actions"]}
    assert len(parse_plan_text(text)["actions"]) == 5
    hubs = actions["Open a family hub in each locality"]
    assert (hubs["owner"], hubs["due"], hubs["rag"]) == ("Hubs Manager", "2025-09-30", "green")
    timetable = actions["Publish a hub timetable for parents"]
    assert (timetable["owner"], timetable["status"]) == ("Comms Lead", "in_progress")
    charter = actions["Agree the inclusion charter with every school"]
    assert (charter["owner"], charter["rag"]) == ("Head of Inclusion", "red")
    assert actions["Fund two inclusion partners"]["owner"] == "Head of Inclusion"


def test_a_label_rows_lettered_deliverables_on_lines_of_their_own_are_each_an_action():
    text = (
        "Improvement plan 2025/26 (working copy)\tLast updated 14/10/2025\n"
        "1. Communication – Head of SEND\ta) Agree a contact standard with families – Nov 25"
        " (Business Support Manager) – in progress<br>b) Relaunch the Local Offer website –"
        " end of Q3 2025/26<br>c) Hold termly drop-ins in each locality – first one w/c 3/11\n"
        "2. Sufficiency – Head of School Organisation\ta) Open a 24-place satellite special"
        " school – Sept 26<br>b) Publish the sufficiency plan – end Feb (Place Planning"
        " Manager) – not started\n"
    )
    texts = [a["text"] for a in parse_plan_text(text)["actions"]]
    assert len(texts) == 5
    assert any(t.startswith("Relaunch the Local Offer website") for t in texts)
    assert any(t.startswith("Publish the sufficiency plan") for t in texts)


def test_a_block_of_label_lines_per_action_keeps_its_printed_ref_and_listed_measures():
    # A PDF plan with each action a box of "label: value" lines under an outcome heading:
    # the printed "Action ref" is the action's ref (not the outcome's number lettered), and
    # the items under "Success measures:" are its measures.
    text = (
        "Delivery plan 2031\n"
        "Outcome 2 \u2013 Families are heard\n"
        "Action ref: 2.1a\n"
        "Action: Run a listening event for parents in every locality each term.\n"
        "Lead officer: Participation Manager\n"
        "Due: Dec 2031\n"
        "Status: On track RAG: Green\n"
        "Success measures:\n- Three events a term\n- Parents say they were heard\n"
        "Action ref: 2.1b\n"
        "Action: Publish what families told us and what changed as a result.\n"
        "Lead officer: Head of SEND\n"
        "Due: 31 March 2032\n"
        "Status: Not started RAG: Amber\n"
        "Success measures:\n- A report each term\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [a["ref"] for a in actions] == ["2.1a", "2.1b"]
    assert [a["owner"] for a in actions] == ["Participation Manager", "Head of SEND"]
    assert actions[0]["measures"] == ["Three events a term", "Parents say they were heard"]
    assert actions[1]["measures"] == ["A report each term"]


def test_a_self_evaluations_numbered_parts_recur_and_each_next_steps_list_restarts() -> None:
    # Each area has the same numbered parts ("1.2 Strengths", "2.2 Strengths", …): they are
    # its headings, not a running title, and "N.4 Next steps" heads a list numbered again
    # from 1, whose items are actions even where a table elsewhere has rows 1, 2 and 3.
    areas = {
        "Finding needs early": ("Publish an early years guide with families", "Run drop-ins"),
        "Meeting needs": ("Add a second weekly panel for requests", "Audit ten plans a month"),
        "Moving on to adulthood": ("Open two supported internships", "Map post-16 places"),
    }
    text = "Local area SEND self-evaluation 2031\n\n"
    for n, (area, (first, second)) in enumerate(areas.items(), start=1):
        text += (
            f"{n}. {area}\n{n}.1 What our data tells us\nSelf-assessment: SECURE\n"
            f"Our figures for area {n} are close to England's.\n"
            f"{n}.2 Strengths\n- Families rate the service well.\n"
            f"{n}.3 Areas for development\n- Waits are too long in some places.\n"
            f"{n}.4 Next steps\n"
            f"1. {first} (Lead: Area {n} Manager; by March 2032).\n"
            f"2. {second} in every locality (Lead: Head of Inclusion; by July 2032).\n\n"
        )
    text += "Appendix: figures\n#\tMeasure\t2030\t2031\n1\tPlans on time\t38%\t44%\n"
    text += "2\tReviews on time\t51%\t60%\n3\tTribunals\t88\t96\n"

    actions = parse_plan_text(text)["actions"]

    assert [a["ref"] for a in actions] == ["1.4.1", "1.4.2", "2.4.1", "2.4.2", "3.4.1", "3.4.2"]
    assert actions[2]["section"] == "2. Meeting needs / 2.4 Next steps"
    assert actions[2]["owner"] == "Area 2 Manager"


def test_a_paragraph_after_a_space_aligned_table_of_figures_is_not_cut_into_its_columns():
    text = (
        "Quarterly SEND update\n\nKey figures\n\n"
        "Measure                          Jun 2025   Sep 2025   Target\n"
        "Plans issued in 20 weeks (%)           41         47       60\n"
        "Reviews overdue                       530        488      250\n\n"
        "The figures are moving the right way but the target is still some way off this year.\n\n"
        "Assessment And Planning\n"
        "The SEN team will recruit two more coordinators by the end of November.\n"
        "A weekly tracking meeting is being set up and remains on track for October.\n"
    )
    pieces_read = pieces(text)
    prose = [p for p in pieces_read if "recruit two more coordinators" in p.text]
    assert prose and prose[0].kind != "row", "a sentence after the table is not a table row"
    actions = parse_plan_text(text)["actions"]
    recruit = next(a for a in actions if "recruit two more coordinators" in a["text"])
    assert recruit["text"].startswith("The SEN team will recruit")


def test_who_came_to_a_meeting_is_not_its_actions():
    text = (
        "# Transport task group\nNotes of the meeting on 3 March 2025\n\n"
        "### Members present\n- Asha Kerr (AK) – Head of Transport\n- Tom Reid (TR) – Analyst\n\n"
        "## 3. Actions\n- AK to write to every school about the new routes by 21 March.\n"
    )
    actions = [a["text"] for a in parse_plan_text(text)["actions"]]
    assert actions == ["AK to write to every school about the new routes by 21 March."]


def test_a_status_closing_a_clause_gives_a_taken_items_status_not_a_reason_to_take_it():
    text = (
        "## 2. Progress this period\n\n"
        "- Publish the inclusion charter for schools — slipped; launch now in June.\n"
        "- Recruit two locum educational psychologists, complete.\n"
    )
    taken = {c.text: c for c in read_candidates(text, AS_AT, Models(ALWAYS, NEVER))}
    statuses = {text[:20]: c.fields["status"].value for text, c in taken.items()}
    assert statuses == {"Publish the inclusio": "delayed", "Recruit two locum ed": "complete"}
    left = read_candidates(text, AS_AT, Models(NEVER, NEVER))
    assert all(c.score < 0.5 for c in left)  # the model alone decides what is taken


def test_an_owner_set_off_by_a_colon_is_read_for_an_item_the_model_took():
    text = "Actions:\n- SENCO Network Lead: write to all schools about the interim arrangements.\n"
    (item,) = [c for c in read_candidates(text, AS_AT, Models(ALWAYS, NEVER)) if "SENCO" in c.text]
    assert item.fields["owner"].value == "SENCO Network Lead"


def test_an_item_due_by_the_next_meeting_is_due_on_the_date_the_minutes_give_it():
    text = (
        "Inclusion sub-group\nNotes of the meeting on 4 December 2025\n\n"
        "## 3. Part-time timetables\nActions:\n"
        "- Head of Inclusion to bring the audit of part-time timetables to the next meeting.\n"
        "- Publish the revised guidance by 19 December.\n\n"
        "## 4. Date of next meeting\nThe next meeting is on Thursday 5 February 2026 at 2pm.\n"
    )
    due = {a["text"][:20]: a["due"] for a in parse_plan_text(text)["actions"]}
    assert due == {"Head of Inclusion to": "2026-02-05", "Publish the revised ": "2025-12-19"}


def test_a_numbered_markdown_heading_sits_inside_a_heading_of_a_higher_level():
    text = (
        "# Inclusion programme highlight report\n\n"
        "## Glossary\nDCO – Designated Clinical Officer\n\n"
        "## 2. Progress this period\n\n### Workstream 1 — Early help\n"
        "- Recruit two early help coordinators by the end of May.\n\n"
        "### Workstream 2 — Health\n- Publish the health advice standard by June.\n\n"
        "## 3. Planned next period\n- Agree the outreach pilot's schools with the forum.\n"
    )
    sections = {c.text[:12]: " / ".join(c.section) for c in read_candidates(text, AS_AT)}
    assert sections["Recruit two "] == "2. Progress this period / Workstream 1 — Early help"
    assert sections["Publish the "] == "2. Progress this period / Workstream 2 — Health"
    assert sections["Agree the ou"] == "3. Planned next period"


def test_a_plan_ref_named_in_passing_is_the_ref_of_a_taken_sentence():
    text = (
        "Inclusion in schools\n\n"
        "Ordinarily available provision guidance (action 2.1) is now complete and with schools. "
        "The outreach pilot (PAP ref 2.4) remains on track to start in May.\n\n"
        "Action 3.2 - key worker service. The business case is being written and is on track "
        "for the ICB board in April.\n"
    )
    refs = {
        c.text[:20]: c.fields["ref"].value
        for c in read_candidates(text, AS_AT, Models(ALWAYS, NEVER))
        if "ref" in c.fields
    }
    assert refs["Ordinarily available"] == "2.1"
    assert refs["The outreach pilot ("] == "2.4"
    assert refs["The business case is"] == "3.2"


def test_a_word_heading_closes_the_title_over_a_table_of_figures_before_it():
    text = (
        "Quarterly highlight report\n\nThe programme is reported as amber for the quarter.\n\n"
        "Eleven of the sixteen actions are now closed.\n\nPerformance snapshot\n"
        "Indicator\tQ1 25/26\tQ2 25/26\tTarget\n"
        "New EHC plans issued within 20 weeks\t44%\t47%\t60%\n"
        "Annual reviews overdue\t702\t688\t0\n\n"
        "## 2. Progress this period\n### Priority 1 – Identifying needs early\n"
        "- Publish the revised graduated response toolkit for all settings "
        "(Head of Inclusion, December 2025)\n"
    )
    (action,) = parse_plan_text(text)["actions"]
    assert action["section"] == "2. Progress this period / Priority 1 – Identifying needs early"


def test_a_word_heading_inside_a_plans_priority_stays_inside_it():
    text = (
        "Our plan for 2025 to 2028\n\nWe wrote this plan with families.\n\n"
        "It has three priorities.\n\nPriority 2: Needs are identified early\n\n"
        "### What we will do\n"
        "- Train every early years setting in the new checklist by March 2026\n"
    )
    (train,) = [c for c in read_candidates(text, None) if c.text.startswith("Train")]
    assert train.section == ["Priority 2: Needs are identified early", "What we will do"]


def test_a_workstreams_title_over_its_table_is_no_part_of_the_programme_overview():
    text = (
        "## Programme overview\nFour workstreams report this month.\n\n"
        "WS1 Early Help and Inclusion\nRef\tDeliverable\tLead\tDue\tRAG\n"
        "D1.1\tGraduated response guidance issued to all schools\tHead of Inclusion\tSep 2025\tG\n"
    )
    (row,) = [c for c in read_candidates(text, None) if "Graduated" in c.text]
    assert row.section == ["WS1 Early Help and Inclusion"]


def test_a_heading_over_its_fields_titles_its_action_as_its_siblings_do_whatever_its_word():
    text = (
        "## Area for priority action 2: Families are not listened to\n"
        "### 2.1 Relaunch the Local Offer website with families\n"
        "Lead: Local Offer Lead\nBy when: October 2025\nProgress: On track\n\n"
        "### 2.2 Speech and language drop-in sessions at every family hub\n"
        "Lead: Therapy Services Manager\nBy when: September 2025\nProgress: Planned\n\n"
        "## Area for priority action 3: Preparing for adulthood\n"
        "### 3.1 Set up a panel for young people aged 14 and over\n"
        "Lead: Post-16 SEND Officer\nBy when: March 2026\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"]) for a in actions] == [
        ("2.1", "Local Offer Lead"),
        ("2.2", "Therapy Services Manager"),
        ("3.1", "Post-16 SEND Officer"),
    ]
    assert actions[2]["section"] == "Area for priority action 3: Preparing for adulthood"


def test_a_lone_number_above_an_action_is_no_ref_unless_cards_are_so_numbered():
    alone = (
        "Priority 1 - Assessments\n\nOur next steps are below.\n\n12\n"
        "Recruit two more coordinators for the assessment team by March 2026\n"
        "Lead: Head of SEND\n"
    )
    cards = "".join(
        f"{number}\n{text}\nLead: Head of SEND\n\n"
        for number, text in enumerate(
            [
                "Publish a new family guide to needs assessment by November 2025",
                "Start a monthly drop-in at each family hub from January 2026",
                "Run a survey of young people about preparing for adulthood by March 2026",
            ],
            start=1,
        )
    )

    (lone,) = parse_plan_text(alone)["actions"]
    numbered = parse_plan_text(f"What we will do next\n\n{cards}")["actions"]

    assert lone["ref"] is None  # a page's number or a tile's figure, maybe
    assert [a["ref"] for a in numbered] == ["1", "2", "3"]


def test_a_tools_export_of_actions_and_their_milestone_rows_reads_the_name_column():
    export = (
        "ID,Type,Parent ID,Workstream,Ref,Name,Owner,Due Date,Status,Success Measure\n"
        "T-01,Action,,WS1 Timely plans,1.1,Recruit two more caseworkers,Head of SEN,"
        "31/03/2032,On Track,Caseloads of 150 or fewer\n"
        "T-02,Milestone,T-01,WS1 Timely plans,,    Posts advertised,Head of SEN,"
        "30/11/2031,Complete,\n"
        "T-03,Milestone,T-01,WS1 Timely plans,,    Both posts filled,Head of SEN,"
        "31/03/2032,Not Started,\n"
        "T-04,Action,,WS2 Moving on,2.1,Agree the transition protocol with colleges,PfA Lead,"
        "30/06/2032,At Risk,Every Year 11 pupil has a plan by March\n"
        "T-05,Milestone,T-04,WS2 Moving on,,    Protocol signed off,PfA Lead,30/06/2032,"
        "Not Started,\n"
    )

    plan = parse_plan_text(read_document(export.encode(), "export.csv"))

    assert [(a["ref"], a["text"], a["owner"]) for a in plan["actions"]] == [
        ("1.1", "Recruit two more caseworkers", "Head of SEN"),
        ("2.1", "Agree the transition protocol with colleges", "PfA Lead"),
    ]
    assert [m["text"] for m in plan["milestones"]] == [
        "Posts advertised",
        "Both posts filled",
        "Protocol signed off",
    ]
    candidates = read_candidates(
        read_document(export.encode(), "export.csv"), None, Models(ALWAYS, NEVER)
    )
    assert [(c.text, c.milestone) for c in candidates] == [
        ("Recruit two more caseworkers", False),  # the action its milestones mark, no part
        ("Posts advertised", True),
        ("Both posts filled", True),
        ("Agree the transition protocol with colleges", False),
        ("Protocol signed off", True),
    ]


def test_an_issue_trackers_every_field_export_is_read_and_its_risks_are_no_actions():
    names = [
        "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Assignee", "Assignee Id",
        "Reporter", "Created", "Updated", "Due date", "Labels", "Labels", "Description",
        "Custom field (Epic Link)", "Custom field (Team)",
        "Custom field ([CHART] Date of First Response)",
        "Comment", "Comment", "Parent summary", "Status Category", "Status Category Changed",
    ]  # fmt: skip
    names += [f"Custom field (Spare {n})" for n in range(10)]
    rows = [
        ("Recruit two caseworkers", "SEN-3", "Task", "In Progress", "Jo Bell", "31/Mar/32 9:00 AM"),
        ("Caseworkers leave faster than we recruit", "SEN-4", "Risk", "To Do", "Jo Bell", ""),
        ("Publish the travel policy", "SEN-5", "Story", "Done", "Sam Ray", "30/Nov/31 12:00 AM"),
    ]  # fmt: skip
    lines = [",".join(names)]
    for summary, key, kind, status, owner, due in rows:
        cells = dict.fromkeys(names, "")
        cells.update({"Summary": summary, "Issue key": key, "Issue id": key[-1] + "0001"})
        cells.update({"Issue Type": kind, "Status": status, "Assignee": owner, "Due date": due})
        cells.update({"Status Category": status, "Reporter": "Ann Lee"})
        lines.append(",".join(cells[n] if n in cells else "" for n in names))
    export = "\n".join(lines) + "\n"

    plan = parse_plan_text(read_document(export.encode(), "jira.csv"))

    assert [(a["ref"], a["text"], a["owner"], a["due"]) for a in plan["actions"]] == [
        ("SEN-3", "Recruit two caseworkers", "Jo Bell", "2032-03-31"),
        ("SEN-5", "Publish the travel policy", "Sam Ray", "2031-11-30"),
    ]


def test_a_task_tools_export_numbers_records_not_actions_and_its_subtasks_are_milestones():
    export = (
        "Task ID,Created At,Name,Section/Column,Assignee,Start Date,Due Date,Notes,"
        "Parent task,Priority,Status,Lead agency\n"
        "4401882736109921,2031-04-16,A1 Train every early years setting in the screening tool,"
        "Early help,Ann Lee,2031-05-01,2032-03-31,Tool chosen,,High,On track,LA\n"
        "4401882736109935,2031-04-16,Settings trained,,Ann Lee,,2031-12-19,,"
        "A1 Train every early years setting in the screening tool,,,\n"
        "4401882736109940,2031-04-17,Recruit a permanent team manager,Timely plans,"
        "Raj Patel,,2031-09-30,,,Medium,At risk,LA\n"
    )

    plan = parse_plan_text(read_document(export.encode(), "tasks.csv"))

    assert [(a["ref"], a["text"], a["section"], a["owner"]) for a in plan["actions"]] == [
        ("A1", "Train every early years setting in the screening tool", "Early help", "Ann Lee"),
        (None, "Recruit a permanent team manager", "Timely plans", "Raj Patel"),
    ]
    assert [(m["text"], m["due"]) for m in plan["milestones"]] == [
        ("Settings trained", "2031-12-19")
    ]


def test_a_capital_programmes_projects_are_its_actions_not_its_milestones():
    programme = (
        "Ref\tProject\tSchool / site\tPlaces\tType of provision\tKey milestones\t"
        "Lead officer\tStatus\n"
        "P01\tNew SEMH base in the old caretaker's house\tHollins Primary\t8\tSEMH base\t"
        "Design: Mar 31 On site: Aug 31<br>Opened: Jan 32\tM. Adeyemi\tComplete\n"
        "P02\tModular block for autism resourced provision\tWestgate Academy\t16\tASC SRP\t"
        "Planning approved: Feb 32 Handover: 15 Aug 32<br>First pupils: Sept 32\tS. Kaur\t"
        "On site\n"
        "P03\tSatellite of Riverside Special School\tAshdown Primary\t30\tSatellite\t"
        "Cabinet approval: 9 Jul 31 Planning submission: Dec 31<br>Open: Jan 33\tS. Kaur\t"
        "On track\n"
    )

    plan = parse_plan_text(programme)

    assert [(a["ref"], a["text"], a["owner"]) for a in plan["actions"]] == [
        ("P01", "New SEMH base in the old caretaker's house", "M. Adeyemi"),
        ("P02", "Modular block for autism resourced provision", "S. Kaur"),
        ("P03", "Satellite of Riverside Special School", "S. Kaur"),
    ]


def test_a_boxed_items_lead_and_quarter_wrapped_onto_a_line_of_their_own_stay_with_it():
    """A plan on a page printed in boxes: a narrow box wraps an item's closing lead and
    quarter, or the end of its bracket, onto the next line."""
    page = (
        "4. Preparing for adulthood\n"
        "- Supported internships: 30 to 50 places LW Q2 26/27\n"
        "- Health transition clinics at the General Hospital\n"
        "RB Q1 26/27\n"
        "- Young people's SEND council (ages 11–25) (LW, Q3\n"
        "25/26)\n"
        "- Ordinarily Available Provision guide in every school\n"
        "(KS, Q3 25/26)\n"
    )

    assert [(p.kind, p.text) for p in pieces(page)][1:] == [
        ("item", "Supported internships: 30 to 50 places LW Q2 26/27"),
        ("item", "Health transition clinics at the General Hospital RB Q1 26/27"),
        ("item", "Young people's SEND council (ages 11–25) (LW, Q3 25/26)"),
        ("item", "Ordinarily Available Provision guide in every school (KS, Q3 25/26)"),
    ]


def test_an_exports_outline_by_spaces_gives_parts_actions_and_milestones_of_no_length():
    """A sheet tool's export shows its outline by spaces in its first column: a part, its
    actions under it, and under each action its milestones, tasks of no length ("0")."""
    export = (
        "Primary Column,Assigned To,Status,Start,Finish,Duration\n"
        "Workstream 1 – Joint commissioning,Jo Kerr,,01/10/31,30/09/32,260d\n"
        "    1.1 Set up a joint commissioning group,Jo Kerr,Complete,03/10/31,31/01/32,87d\n"
        "        Terms of reference agreed,Jo Kerr,Complete,30/11/31,30/11/31,0\n"
        "        First meeting held,Ann Lee,Complete,12/01/32,12/01/32,0\n"
        "    1.2 Agree a pooled budget,Sam Ray,In Progress,01/02/32,30/06/32,100d\n"
        "Workstream 2 – Local Offer,Raj Patel,,01/10/31,30/09/32,260d\n"
        "    2.1 Rebuild the Local Offer website,Raj Patel,Not Started,01/04/32,30/09/32,130d\n"
    )

    plan = parse_plan_text(read_document(export.encode(), "tracker.csv"))

    assert [(a["ref"], a["owner"], a["status_raw"], a["section"]) for a in plan["actions"]] == [
        ("1.1", "Jo Kerr", "Complete", "Workstream 1 – Joint commissioning"),
        ("1.2", "Sam Ray", "In Progress", "Workstream 1 – Joint commissioning"),
        ("2.1", "Raj Patel", "Not Started", "Workstream 2 – Local Offer"),
    ]
    assert [m["text"] for m in plan["milestones"]] == [
        "Terms of reference agreed",
        "First meeting held",
    ]


def test_an_exception_reports_rated_actions_are_actions_not_headings():
    report = (
        "Workstream 1: Identification and assessment\n"
        "1.5 Clear the backlog of overdue annual reviews [RED]\n"
        "Issue: 412 reviews overdue at 31 May against a trajectory of 250.\n"
        "Mitigation: Agency staff approved for six months.\n"
        "Revised date: Autumn term 2031\n"
        "Owner: Head of SEND Assessment\n"
        "Workstream 4: Health and therapies\n"
        "4.1 Reduce waits for ADHD assessment [AMBER]\n"
        "Issue: Referrals are up by a third.\n"
        "Mitigation: Waiting list validated.\n"
        "Revised date: March 2032\n"
        "Owner: ICB Head of Children's Commissioning\n"
    )

    actions = parse_plan_text(report)["actions"]

    assert [(a["ref"], a["text"], a["rag"], a["section"]) for a in actions] == [
        ("1.5", "Clear the backlog of overdue annual reviews", "red",
         "Workstream 1: Identification and assessment"),
        ("4.1", "Reduce waits for ADHD assessment", "amber",
         "Workstream 4: Health and therapies"),
    ]  # fmt: skip


def test_notes_typed_fast_put_tasks_to_their_leads_by_initials():
    notes = (
        "senco network mtg - tues 7/10 - ashgrove jnr\n"
        "present: SL (chair), JB, KM, TR, PD, HW, AN (LA inclusion officer)\n"
        "apols: RC, MB\n"
        "\n"
        "1. welcome / last mins / actions\n"
        "- mins agreed\n"
        "- JB tracker template - done, on the shared drive\n"
        "\n"
        "2. LA update (AN)\n"
        "- 3 new case officers start in nov, caseloads should come down\n"
        "- AN to send link to toolkit when live\n"
        "- exclusions data for SEN pupils in the area is up on last year, discussed at length\n"
        "- AN to bring breakdown of suspensions by primary need to next mtg\n"
        "\n"
        "3. ehcp timescales\n"
        "- long discussion, everyone seeing delays, some plans over 30 wks\n"
        "- all to send anon delay examples to SL by fri 17th\n"
        "\n"
        "4. training\n"
        "- PT training popular but expensive\n"
        "- PD + HW to look at costs for a cluster PT session, report back next mtg\n"
    )

    texts = [a["text"] for a in parse_plan_text(notes)["actions"]]

    assert {
        "AN to send link to toolkit when live",
        "AN to bring breakdown of suspensions by primary need to next mtg",
        "all to send anon delay examples to SL by fri 17th",
        "PD + HW to look at costs for a cluster PT session, report back next mtg",
    } <= set(texts)
    assert "PT training popular but expensive" not in texts


def test_an_easy_read_pages_pictures_told_in_words_head_nothing():
    booklet = (
        "What we are doing - Easy Read\n\n"
        "# Getting help early\n"
        "[picture of a telephone]\n"
        "We will answer your phone calls and emails within 5 working days.\n"
        "Who: The SEND Team\n"
        "When: By September 2031\n"
        "[picture of a family centre]\n"
        "We will have a SEND drop-in at every Family Hub once a month.\n"
        "Who: Family Hubs Manager\n"
        "When: From October 2031\n"
        "# Growing up\n"
        "[picture of a young person with a map]\n"
        "We will help young people to plan for adult life from Year 9.\n"
        "Who: Preparing for Adulthood Team\n"
        "When: By July 2032\n"
    )

    actions = parse_plan_text(booklet)["actions"]

    assert [(a["owner"], a["section"]) for a in actions] == [
        ("The SEND Team", "Getting help early"),
        ("Family Hubs Manager", "Getting help early"),
        ("Preparing for Adulthood Team", "Growing up"),
    ]


def test_an_easy_read_booklets_short_sentences_tell_of_the_we_will_above_them():
    """An easy read booklet, a sentence a line: "We will …" is the action; the sentences
    after it tell more of it (its date, however often the booklet says "We will do this by
    summer 2032.", that it has started, what else it means), not actions of their own."""
    booklet = (
        "Our SEND plan - Easy Read\n\n"
        "Part 1: Finding needs early\n"
        "We will train nursery staff to spot when a child needs extra help.\n"
        "This will help us find children who need help early.\n"
        "We will do this by summer 2032.\n"
        "This has started.\n\n"
        "Part 2: Plans and meetings\n"
        "We will make EHC plans quicker.\n"
        "At the moment most plans take longer than 20 weeks.\n"
        "We will do this by summer 2032.\n\n"
        "Part 3: Help at school\n"
        "We will make 150 new places for children with SEND in local schools.\n"
        "Some of these places will be in special schools.\n"
        "We will do this by summer 2032.\n"
    )

    actions = parse_plan_text(booklet)["actions"]

    assert [(a["text"][:28], a["due"], a["status"]) for a in actions] == [
        ("We will train nursery staff ", "2032-07-31", "in_progress"),
        ("We will make EHC plans quick", "2032-07-31", None),
        ("We will make 150 new places ", "2032-07-31", None),
    ]


def test_a_public_pages_we_will_headings_over_their_fields_are_its_actions():
    page = (
        "# Improving SEND services: how we are doing\n"
        "## Priority 1: Getting EHC plans right and on time\n"
        "### We will clear the backlog of assessments that have taken over 20 weeks\n"
        "Who is leading this: Gareth Lowe, Head of SEND Statutory Services\n"
        "When by: March 2032\n"
        "What we've done so far: We have recruited 8 extra staff.\n"
        "### We will move annual reviews online so schools can send reports through the Hub\n"
        "Who is leading this: Gareth Lowe\n"
        "When by: December 2031\n"
        "## Priority 2: Waiting for an autism assessment\n"
        "### We will carry out 400 extra autism assessments to bring waits down\n"
        "Who is leading this: Dr Amira Shah, ICB\n"
        "When by: September 2032\n"
    )

    actions = parse_plan_text(page)["actions"]

    assert [(a["text"], a["owner"], a["due"]) for a in actions] == [
        ("We will clear the backlog of assessments that have taken over 20 weeks",
         "Gareth Lowe, Head of SEND Statutory Services", "2032-03-31"),
        ("We will move annual reviews online so schools can send reports through the Hub",
         "Gareth Lowe", "2031-12-31"),
        ("We will carry out 400 extra autism assessments to bring waits down",
         "Dr Amira Shah, ICB", "2032-09-30"),
    ]  # fmt: skip


def test_label_rows_under_a_heading_below_a_version_table_are_their_own_table():
    """A plan's version table ("Version | Date | Author | Changes") heads no later table: the
    label rows under the next heading are each a workstream and its lead's deliverables,
    not rows of versions whose second column is a date."""
    text = (
        "Brockwell SEND delivery plan\n"
        "Version\tDate\tAuthor\tChanges\n"
        "1.0\t14/03/2030\tJ. Marlow\tAgreed at the Partnership Board\n"
        "1.1\t30/04/2030\tS. Iqbal\tLeads updated\n\n"
        "## Introduction\n"
        "Each row below names a workstream and the officer who leads it.\n"
        "### Priority 1: Early help\n"
        "Early years – Claire Dunmore\t1. Extend the inclusion fund to childminders.<br>"
        "2. Agree one referral route into the child development centre.\n"
        "Graduated approach – Femi Adeyemi\t1. Refresh the graduated approach guidance.<br>"
        "2. Publish a self-audit tool for every school.\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"], a["owner"]) for a in actions] == [
        ("Extend the inclusion fund to childminders.", "Claire Dunmore"),
        ("Agree one referral route into the child development centre.", "Claire Dunmore"),
        ("Refresh the graduated approach guidance.", "Femi Adeyemi"),
        ("Publish a self-audit tool for every school.", "Femi Adeyemi"),
    ]


def test_a_table_of_money_is_no_list_of_actions_whatever_its_columns_are_named():
    """A programme plan's finance sheet, read under the plan's header ("Line | 2023/24 actual
    | 2025/26 …" is no header): its lines are budget lines, however their cells are taken,
    and the plan's actions stay."""
    text = (
        "High needs recovery programme\n\n"
        "Workstream\tAction\tLead\tDue\n"
        "WS1 Inclusion\tSet up four inclusion partnerships of schools\tHead of Inclusion\t"
        "31/03/2031\n\n"
        "## Finance\n"
        "Table A: High needs block (£m)\n"
        "Line\t2029/30 actual\t2030/31 budget\t2031/32\t2032/33\n"
        "Mainstream top-ups\t10.6\t11.2\t12.8\t13.6\n"
        "Independent special school placements\t17.2\t18.4\t(22.3)\t24.6\n"
        "Spend line\tAllocation\tSpent\tCommitted\tRemaining\n"
        "Travel training (WS4)\t180\t0\t0\t180\n"
    )

    texts = [c.text for c in read_candidates(text, date(2030, 9, 1), Models(NEVER, NEVER))]

    assert "Set up four inclusion partnerships of schools" in texts
    assert not {"Mainstream top-ups", "Independent special school placements"} & set(texts)
    assert "Travel training (WS4)" not in texts


_MINUTES_WITH_LONG_ITEM_TITLES = (
    "Merebridge Headteachers' SEND Reference Group\nNotes of meeting, 15 May 2031\n\n"
    "1. Welcome and apologies\n"
    "JW welcomed everyone. Apologies were noted.\n\n"
    "2. Notes of the last meeting (13 March 2031) and matters arising\n\n"
    "The notes were agreed as an accurate record.\n"
    "Action: SN to circulate the revised guidance to all primary heads by 23 May.\n\n"
    "3. Local area SEND inspection – the improvement plan and what it asks of schools\n\n"
    "TA gave an update on the plan.\n"
    "Action: TA to send heads the one-page summary of the plan by 30 May.\n\n"
    "4. Any other business\n"
    "There was none.\n"
)


def test_a_minuted_action_is_under_its_agenda_item_however_long_the_items_title():
    actions = parse_plan_text(_MINUTES_WITH_LONG_ITEM_TITLES)["actions"]

    assert [a["section"] for a in actions] == [
        "2. Notes of the last meeting (13 March 2031) and matters arising",
        "3. Local area SEND inspection – the improvement plan and what it asks of schools",
    ]
