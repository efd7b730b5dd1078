"""Unit tests of headings, owners, status and action splitting on synthetic text."""

from sendtrack.domain.documents.actions import (
    action_items,
    dedupe_actions,
    leading_ref,
    letter_suffix,
    narrative_items,
    segment_values,
    split_inline_numbered,
    split_on_refs,
)
from sendtrack.domain.documents.owners import (
    read_owner_glossary,
    split_owner_cell,
    split_owners_by_glossary,
    subject_owner,
)
from sendtrack.domain.documents.plan import parse_plan_text
from sendtrack.domain.documents.rows import read_lines
from sendtrack.domain.documents.sections import (
    is_structural_label,
    keyword_heading,
    looks_like_title,
    row_section,
)
from sendtrack.domain.documents.status import (
    a_colour_legend,
    find_status_phrase,
    normalise_status,
    rag_of_status,
    read_rag,
    segment_statuses,
)
from sendtrack.domain.documents.text import cell_fragments


def test_keyword_headings():
    h = keyword_heading("Workstream Three \u2013 Transport")
    assert h is not None and (h.ref, h.kind, h.title) == ("3", "workstream", "Transport")
    h = keyword_heading("Focus Area 7: Parents trust the panel")
    assert h is not None and (h.ref, h.kind) == ("7", "focus_area")
    h = keyword_heading("Key Concern 4 The weak transition planning")
    assert h is not None and h.kind == "key_concern"
    h = keyword_heading("Transport Workstream")
    assert h is not None and h.kind == "workstream" and h.ref is None
    assert keyword_heading("We will review the offer.") is None


def test_row_section():
    s = row_section(["4.1 C", "Improve the helpline response times", "", ""])
    assert s is not None and s.ref == "4.1 C" and s.label.startswith("4.1 C Improve")
    s = row_section(["Objective 2.3", "Reduce waiting lists", "", "", ""])
    assert s is not None and (s.ref, s.kind) == ("2.3", "objective")
    assert row_section(["1", "Do a thing", "Owner", "May"]) is None


def test_titles_and_labels():
    assert looks_like_title("Delivery Milestones")
    assert not looks_like_title("This sentence ends with a full stop.")
    assert is_structural_label("Action Plan")
    assert is_structural_label("Glossary")
    assert not is_structural_label("Delivery Milestones")


def test_owner_cell_with_status():
    assert split_owner_cell("Head of Inclusion \u2013 In Progress") == (
        "Head of Inclusion",
        "In Progress",
    )
    assert split_owner_cell("Completed by Finance Team") == ("Finance Team", "Completed")
    assert split_owner_cell("Head of Inclusion") == ("Head of Inclusion", None)
    assert split_owner_cell("") == (None, None)


def test_owner_glossary_table_and_split():
    lines = read_lines(
        "Appendix \u2013 Glossary of Action Owners\nInitials\tName\tRole\n"
        "JoBl\tJo Bloggs\tLead\nAnSm\tAnn Smith\tHead\n"
    )
    glossary = read_owner_glossary(lines)
    assert glossary == {"JoBl": "Jo Bloggs", "AnSm": "Ann Smith"}
    parts = split_owners_by_glossary("JoBl Lead officer AnSm Head AnSm Head", glossary, 3)
    assert parts == ["JoBl Lead officer", "AnSm Head", "AnSm Head"]
    assert split_owners_by_glossary("JoBl Lead", glossary, 3) is None


def test_glossary_of_terms_is_not_owners():
    lines = read_lines("Glossary of Terms\nLA: Local Authority\n")
    assert read_owner_glossary(lines) == {}


def test_subject_owner():
    assert subject_owner("The transport team will publish the new policy") == "The transport team"
    assert subject_owner("Schools Forum reviews the funding formula") == "Schools Forum"
    assert subject_owner("We will publish the policy") is None
    assert subject_owner("The policy is being drafted") is None


def test_status_normalisation():
    assert normalise_status("Work underway") == "in_progress"
    assert normalise_status("To be started") == "not_started"
    assert normalise_status("On track") == "on_track"
    assert normalise_status("Complete") == "complete"
    assert normalise_status("Slipped to June") == "delayed"
    assert normalise_status("Embedded in practice") == "embedded"
    assert normalise_status(None) is None


def test_a_share_done_is_work_in_progress_until_all_of_it_is():
    assert normalise_status("Register 85% complete; providers being followed up.") == (
        "in_progress"
    )
    assert normalise_status("100% complete") == "complete"


def test_some_of_the_work_done_is_under_way_and_plain_words_say_how_it_stands():
    assert normalise_status("Two of four done (50%).") == "in_progress"
    assert normalise_status("3 of 5 sessions delivered") == "in_progress"
    assert normalise_status("Four of four done") == "complete"
    assert normalise_status("On track \u2013 3 of 5 sessions delivered") == "on_track"
    assert normalise_status("Going well") == "on_track"
    assert normalise_status("held up") == "delayed"
    assert normalise_status("this will slip into July") == "delayed"


def test_a_colour_the_status_sentence_names_is_its_rating_but_not_a_names_word():
    assert rag_of_status("On track and green. Draft went out.") == "green"
    assert rag_of_status("Started, so we are calling this red for now.") == "red"
    assert rag_of_status("They asked to wait. Amber, but keen.") == "amber"
    assert rag_of_status("Building work started (underway) \U0001f7e1") == "amber"
    assert rag_of_status("Work at Oak Green School has started") is None
    assert rag_of_status("The Green Paper consultation closed") is None
    assert rag_of_status("Some green, some red") is None


def test_a_sentence_saying_what_the_colours_mean_is_a_legend():
    assert a_colour_legend(
        "Every line ends with a light \u2013 \U0001f7e2 green (on track), \U0001f7e0 amber "
        "(some risk), \U0001f534 red (the date will be missed)."
    )
    assert a_colour_legend("Each lead rates it in capitals \u2013 GREEN, AMBER, RED, or BLUE")
    assert a_colour_legend(
        "Key: Red \u2013 off track; Yellow \u2013 at risk; Green \u2013 on track"
    )
    assert not a_colour_legend("Agree the red, amber and green thresholds for the dashboard")
    assert not a_colour_legend("On track and green. Draft went to the network.")


def test_a_progress_update_with_no_verdict_is_work_in_progress():
    from sendtrack.domain.documents.status import normalise_progress

    assert normalise_progress("Induction dates set; first meetings held in November") == (
        "in_progress"
    )
    assert normalise_progress("Complete. Group has met 6 times") == "complete"
    for nothing in ("TBC", "No update this month", "", None, "n/a"):
        assert normalise_progress(nothing) is None
    assert normalise_status("Induction dates set; first meetings held") is None  # not a status


def test_a_narratives_own_verdict_decides_its_status():
    """A progress narrative that closes with a verdict sentence, or opens with one before a
    dash, is that verdict whatever its other words say."""
    assert normalise_status("All posts appointed; the last two started in May. Complete.") == (
        "complete"
    )
    assert normalise_status("Testing slipped; go-live now in May. Behind schedule.") == "delayed"
    assert normalise_status("On track – 88% of decisions made on time") == "on_track"
    assert normalise_status("Not signed off – revised date June") == "in_progress"
    assert normalise_status("In progress – on track") == "on_track"  # how it is going
    assert normalise_status("In progress – at risk") == "in_progress"


def test_status_in_prose_and_segments():
    assert (
        find_status_phrase("Agree the charter (ref 1.2) In progress. More to do.") == "In progress"
    )
    assert find_status_phrase("The review remains on track for June") == "remains on track"
    assert find_status_phrase("Plan the event") is None
    assert segment_statuses("Complete Letter drafted Complete", 3) == [
        "Complete",
        "Letter drafted",
        "Complete",
    ]


def test_rag_only_from_stated_colours():
    assert read_rag("R") == "red"
    assert read_rag("Amber") == "amber"
    assert read_rag("on track") is None


def test_action_items_split_list_cells():
    frags = cell_fragments(
        "<p><b>See item 4</b></p><ul><li>Book rooms</li><li>Send invites</li></ul>"
    )
    assert action_items(frags) == ["Book rooms", "Send invites"]
    frags = cell_fragments("<p>One action in two</p> <p>paragraphs.</p>")
    assert action_items(frags) == ["One action in two paragraphs."]


def test_narrative_items_need_an_action_lead_in():
    frags = cell_fragments(
        "<p>Context first.</p><p>Skills we value:</p><ul><li>Kindness</li></ul>"
        "<p><b>Actions we will take include:</b></p>"
        "<ul><li>Train staff</li><li>Audit files</li></ul>"
    )
    assert narrative_items(frags) == ["Train staff", "Audit files"]


def test_refs_and_numbered_runs():
    assert leading_ref("3.2.1 Review the forms") == ("3.2.1", "Review the forms")
    assert leading_ref("Review the forms") == (None, "Review the forms")
    lead, items = split_inline_numbered("Set up: 1) a panel 2) a rota 3) a log")
    assert lead == "Set up:" and items == ["a panel", "a rota", "a log"]
    assert split_inline_numbered("Aim for 2) later") == ("Aim for 2) later", [])
    parts = split_on_refs(cell_fragments("<p>tail of last one</p><p>7.1.2 Next one</p>"))
    assert parts == [(None, "tail of last one"), ("7.1.2", "Next one")]


def test_letter_suffix():
    assert [letter_suffix(i) for i in (0, 1, 25, 26)] == ["a", "b", "z", "aa"]


def test_segment_values_pairs_dates_with_bullets():
    assert segment_values("Mar Mar Wef Apr onwards", 3) == ["Mar", "Mar", "Wef Apr onwards"]
    assert segment_values("June  July  Board contingent Sept", 4) == [
        "June",
        "July",
        "Board contingent",
        "Sept",
    ]
    assert segment_values("Oct \u2013 Dec 2030 Nov 2030", 2) == ["Oct \u2013 Dec 2030", "Nov 2030"]
    assert segment_values("Complete July 2030 Complete", 3) == ["Complete", "July 2030", "Complete"]
    assert segment_values("May June", 3) is None


def test_dedupe_actions_reports_repeats():
    actions = [{"section": "S", "text": "Do it"}, {"section": "S", "text": "do it"}]
    kept, dupes = dedupe_actions(actions)
    assert len(kept) == 1 and dupes == ["do it"]


def test_an_audit_follow_ups_implemented_is_done_and_partly_implemented_under_way():
    assert normalise_status("Implemented") == "complete"
    assert normalise_status("Implemented for the September payment run.") == "complete"
    assert normalise_status("Partly implemented – fields added, not yet mandatory") == (
        "in_progress"
    )
    assert normalise_status("Not yet implemented") == "in_progress"
    assert normalise_status("To be implemented from April") is None  # a plan, no verdict


def test_an_audit_records_follow_up_status_is_its_status():
    text = (
        "Finding 2 – Decisions after annual review are late\n\n"
        "Agreed action:        Introduce a standard decision letter template.\n"
        "Responsible officer:  SEND Assessment and Review Manager\n"
        "Target date:          31 August 2025\n"
        "Follow-up status:     Partly implemented – template drafted\n"
    )
    (action,) = parse_plan_text(text)["actions"]
    assert (action["owner"], action["due"], action["status"]) == (
        "SEND Assessment and Review Manager",
        "2025-08-31",
        "in_progress",
    )


def test_a_next_step_closing_with_its_lead_and_month_after_a_dash_names_its_lead():
    text = (
        "Highlight report, 20 December 2024\n\n"
        "Workstream 1: Assessment and planning\n\nNext steps\n"
        "- Recruit to three permanent coordinator posts – HO, Feb\n"
        "- Agree the audit tool with health and social care – LP/DK, Jan\n"
        "- Publish the refreshed post-16 pages for families – Head of SEND, Mar\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["owner"], a["due"]) for a in actions] == [
        ("HO", "2025-02-28"),
        ("LP/DK", "2025-01-31"),
        ("Head of SEND", "2025-03-31"),
    ]


_TRACKER_UNDER_A_MARKING = (
    "Brockwell Priority Action Plan tracker\n"
    "As at 30/09/2026 - v0.4 DRAFT\n"
    "{top}\n"
    "Ref\tWorkstream\tAction\tLead\n"
    "1.1\t{ws1}\tAgree a shared SEND dashboard refreshed every month\tHead of Performance\n"
    "1.2\t{ws1}\tRefresh the local area self-evaluation with all partners\tAssistant Director\n"
    "2.1\t{ws2}\tRecruit four more EHC coordinators to clear the backlog\tHead of SEN\n"
    "2.2\t{ws2}\tTrack every open assessment against the 20 week timescale\tSEN Manager\n"
)


def test_a_line_over_every_section_that_groups_nothing_apart_is_no_section():
    text = _TRACKER_UNDER_A_MARKING.format(
        top="OFFICIAL - SENSITIVE", ws1="WS1 Leadership", ws2="WS2 Assessment"
    )
    plan = parse_plan_text(text)
    assert [a["section"] for a in plan["actions"]] == ["WS1 Leadership"] * 2 + [
        "WS2 Assessment"
    ] * 2
    assert [s["title"] for s in plan["sections"]] == ["WS1 Leadership", "WS2 Assessment"]


def test_a_heading_over_every_section_that_names_or_numbers_them_stays():
    named = (
        "Riverside SENCO network plan\n\n"
        "4. Our priorities for 2026-27\n\n"
        "Priority A: SENCO workload\n\n"
        "- We will set up termly supervision for every SENCO (Network Chair, by December 2026)\n"
        "- We will share one template for SEN support plans (Inclusion Lead, by March 2027)\n\n"
        "Priority B: Transition to secondary school\n\n"
        "- We will hold a transition fair for Year 6 families (Network Chair, by June 2027)\n"
        "- We will agree one transfer form with the secondary schools (SEN Manager, by May 2027)\n"
    )
    sections = [a["section"] for a in parse_plan_text(named)["actions"]]
    assert (
        sections
        == ["4. Our priorities for 2026-27 / Priority A: SENCO workload"] * 2
        + ["4. Our priorities for 2026-27 / Priority B: Transition to secondary school"] * 2
    )
    numbered = (
        named.replace("4. Our priorities for 2026-27", "2. Progress this period")
        .replace("Priority A: SENCO workload", "2.1 SENCO workload")
        .replace("Priority B: Transition to secondary school", "2.2 Transition")
    )
    sections = [a["section"] for a in parse_plan_text(numbered)["actions"]]
    assert (
        sections
        == ["2. Progress this period / 2.1 SENCO workload"] * 2
        + ["2. Progress this period / 2.2 Transition"] * 2
    )


def test_an_audit_findings_management_action_is_the_action_with_its_officer_and_date():
    """A finding's card ("Priority | High", "Finding | …", "Recommendation | …", "Management
    action 1.1 | …", "Responsible officer | …", "Target date | …"): "Priority | High" is a
    field of the card, not the header of a table, and the management action is the work."""
    text = (
        "Internal audit report: SEND transport\n\n"
        "Finding 1 – Eligibility decisions are not evidenced\t\n"
        "Priority\tHigh\n"
        "Finding\tIn 11 of the 25 applications we sampled there was no record of the decision.\n"
        "Recommendation\tA standard decision record should be completed for every application.\n"
        "Management action 1.1\tThe Travel Assistance Team will introduce a standard "
        "eligibility decision record for all decisions.\n"
        "Responsible officer\tTravel Assistance Team Manager\n"
        "Target date\t30 April 2025\n"
        "Finding 2 – Routes run without a contract\t\n"
        "Priority\tMedium\n"
        "Finding\tForty-three routes were run on a spot-purchase basis without a waiver.\n"
        "Recommendation\tAll routes should be procured through the dynamic purchasing system.\n"
        "Management action 2.1\tAll spot-purchased routes will be re-tendered for the next "
        "academic year.\n"
        "Responsible officer\tHead of Passenger Transport\n"
        "Target date\t31 August 2025\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"][:40], a["owner"], a["due"]) for a in actions] == [
        (
            "The Travel Assistance Team will introduc",
            "Travel Assistance Team Manager",
            "2025-04-30",
        ),
        ("All spot-purchased routes will be re-ten", "Head of Passenger Transport", "2025-08-31"),
    ]
