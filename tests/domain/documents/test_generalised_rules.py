"""Unit tests for the rules that read the layouts beyond the seeds (synthetic text only)."""

from datetime import date

from sendtrack.domain.documents.actions import ACTION_LEAD_IN_RE, NON_ACTION_LEAD_IN_RE
from sendtrack.domain.documents.columns import (
    column_role,
    flattened_header,
    read_header,
    unflatten_tables,
)
from sendtrack.domain.documents.layout import pieces
from sendtrack.domain.documents.owners import (
    is_initials,
    label_owner,
    owner_tag,
    split_owners_by_glossary,
    subject_owner,
)
from sendtrack.domain.documents.plan import (
    is_owned_future_action,
    is_split_word_tail,
    meeting_date,
    parse_plan_text,
    split_sentences,
)
from sendtrack.domain.documents.readers import read_document
from sendtrack.domain.documents.rows import join_wrapped_pipe_rows, rag_letters_moved, read_lines
from sendtrack.domain.documents.sections import date_heading


def test_unusual_column_names_have_roles():
    roles = [column_role(n) for n in ("Key task", "Officer responsible", "Latest update")]
    assert roles == ["action", "owner", "status"]
    assert column_role("Responsible officer") == "owner"
    assert read_header(
        ["Task", "Responsible officer", "Target date", "Update", "RAG rating"]
    ).roles == [
        "action",
        "owner",
        "due",
        "status",
        "rag",
    ]


def test_flattened_header_needs_an_action_and_a_field_column():
    lines = read_lines("Ref\nAction\nLead\nDeadline\n1.1\nDo it\n")
    assert flattened_header(lines, 0) == [0, 1, 2, 3]
    assert flattened_header(read_lines("Progress\nNext steps\nRisks\n"), 0) is None
    assert flattened_header(read_lines("Priority 1: Early help\nAction\nLead\n"), 0) is None


def test_unflatten_tables_rebuilds_rows_and_joins_a_wrapped_cell():
    text = (
        "Ref\nAction\nLead\nDue\n1.1\nRecruit two advisers\nHead of SEN\nMay 2030\n"
        "1.2\nPublish\nthe guide\nEY Lead\nJune 2030\n"
    )
    rows = [ln.cells for ln in unflatten_tables(read_lines(text))]
    assert rows == [
        ["Ref", "Action", "Lead", "Due"],
        ["1.1", "Recruit two advisers", "Head of SEN", "May 2030"],
        ["1.2", "Publish the guide", "EY Lead", "June 2030"],
    ]


def test_unflatten_tables_without_refs_chunks_by_column_count():
    text = "Action\nOwner\nStatus\nA thing\nAB\nOn track\nB thing\nCD\nDelayed\n"
    rows = [ln.cells for ln in unflatten_tables(read_lines(text)) if ln.kind == "row"]
    assert rows[1:] == [["A thing", "AB", "On track"], ["B thing", "CD", "Delayed"]]


def test_unflatten_tables_places_a_missing_cell_by_type():
    text = "Ref\nAction\nLead\nDue\nRAG\n1\nDo the thing\nMay 2030\nG\n2\nNext\nAB\nJune 2030\nR\n"
    rows = [ln.cells for ln in unflatten_tables(read_lines(text)) if ln.kind == "row"]
    assert rows[1] == ["1", "Do the thing", "", "May 2030", "G"]


def test_wrapped_pipe_rows_are_rejoined():
    raw = ["| 1 | Train every SENCO in the", "toolkit | EP | May |", "| 2 | b | c | d |"]
    assert join_wrapped_pipe_rows(raw) == [
        (0, "| 1 | Train every SENCO in the toolkit | EP | May |"),
        (2, "| 2 | b | c | d |"),
    ]
    assert join_wrapped_pipe_rows(["| a | b", "", "x |"]) == [(0, "| a | b"), (1, ""), (2, "x |")]


def test_date_heading():
    assert date_heading("September 2030") == "September 2030"
    assert date_heading("October:") == "October"
    assert date_heading("Sep-30") == "Sep-30"
    assert date_heading("Spring Term 2031") == "Spring Term 2031"
    assert date_heading("May we ask") is None
    assert date_heading("March 2030 update") is None


def test_owner_tag_and_label_owner():
    assert owner_tag("Launch the portal (Lead: Digital Manager)") == (
        "Launch the portal",
        "Digital Manager",
    )
    assert owner_tag("Launch the portal – Owner: AB") == ("Launch the portal", "AB")
    assert owner_tag("Launch the portal (phase 2)") == ("Launch the portal (phase 2)", None)
    assert label_owner("JM to circulate the notes by May") == "JM"
    assert label_owner("KP and RD to meet heads") == "KP and RD"
    assert label_owner("Head of SEN Assessment to present a plan") == "Head of SEN Assessment"
    assert label_owner("We to do") is None


def test_subject_owner_reads_head_of_titles_but_not_bare_plurals():
    assert subject_owner("The Head of Inclusion will present the review") == "The Head of Inclusion"
    assert (
        subject_owner("Director of Adult Social Care will agree rules")
        == "Director of Adult Social Care"
    )
    assert subject_owner("Services will improve") is None


def test_is_initials_and_glossary_split():
    assert is_initials("JM") and is_initials("SaCa") and is_initials("A.B.")
    assert not is_initials("Head") and not is_initials("SEND team")
    glossary = {"JM": "Jo Marsh", "KP": "Kim Patel"}
    assert split_owners_by_glossary("JM Head of SEN KP Head of EY", glossary, 2) == [
        "JM Head of SEN",
        "KP Head of EY",
    ]


def test_split_word_tail():
    assert is_split_word_tail("Early Interventio", "n Manager")
    assert not is_split_word_tail("and publish it", "to all schools")
    assert not is_split_word_tail("agreed.", "n Manager")


def test_meeting_date_and_sentences():
    assert meeting_date("Summary of the meeting held on 14 March 2030") == "14 March 2030"
    assert meeting_date("Meeting of the SEND Improvement Board, 2nd May 2030") == "2nd May 2030"
    assert meeting_date("SEND Improvement Plan March 2030") is None
    assert split_sentences("One thing. Two things! three") == ["One thing.", "Two things! three"]


def test_owned_future_action():
    at = date(2030, 3, 14)
    assert is_owned_future_action("The Head of Inclusion will launch the charter in September.", at)
    assert not is_owned_future_action("The board agreed to fund two buses by May.", at)
    assert not is_owned_future_action("The Head of Inclusion will launch the charter.", at)
    assert not is_owned_future_action("Progress: the Inclusion Team will finish in May.", at)


def test_highlight_lead_ins():
    for text in (
        "Next steps",
        "Activities planned for next period",
        "Planned activity",
        "Look ahead",
    ):
        assert ACTION_LEAD_IN_RE.match(text), text
    for text in (
        "Progress this period",
        "Key achievements this period",
        "Decisions required",
        "Risks and issues",
    ):
        assert NON_ACTION_LEAD_IN_RE.match(text), text
    assert not NON_ACTION_LEAD_IN_RE.match("Progress new staffing structures and recruitment")


def test_roadmap_years_carry_from_heading_to_heading():
    text = (
        "Roadmap\nAs at November 2030\n\nDecember 2030\n- Open the base\n"
        "January\n- Run the survey (Lead: PO)\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["due_raw"], a["due"], a["owner"]) for a in acts] == [
        ("December 2030", "2030-12-31", None),
        ("January", "2031-01-31", "PO"),
    ]


def test_minutes_actions_and_trailing_owner():
    text = (
        "Improvement Board\nMeeting held on 14 March 2030\n\nTransport\n"
        "The policy will be revised. Action: JM\n"
        "ACTION AB to circulate the protocol by April.\n"
        "The board agreed to fund two more buses by May.\n"
    )
    plan = parse_plan_text(text)
    assert plan["as_at"] == "2030-03-14"
    acts = plan["actions"]
    assert [(a["owner"], a["due"]) for a in acts] == [("JM", None), ("AB", "2030-04-30")]
    assert acts[0]["section"] == "Transport"


def test_a_minuted_actions_named_fields_beat_its_subject_and_a_passive_names_nobody():
    text = (
        "Improvement Board\nMeeting held on 14 March 2030\n\n4. Alternative provision\n"
        "The board discussed the quality of provision.\n"
        "ACTION: Inclusion team to publish the quality framework. Owner: SW. Due: June 2030\n"
        "ACTION: Heads to be briefed on the new review paperwork – KP – end of term\n"
        "ACTION: Sufficiency report to be shared with every headteacher\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["text"], a["owner"], a["due_raw"]) for a in acts] == [
        ("Inclusion team to publish the quality framework.", "SW", "June 2030"),
        ("Heads to be briefed on the new review paperwork", "KP", "end of term"),
        ("Sufficiency report to be shared with every headteacher", None, None),
    ]


def test_a_status_in_brackets_or_between_dashes_before_the_lead_is_the_status():
    text = (
        "Roadmap\nAs at May 2030\n\nJune 2030\n"
        "• Panel terms of reference agreed – complete – Head of SEND\n"
        "• Provider directory published [delayed] Owner: AP Lead\n"
        "• Transport policy redrafted (in progress) - Lead: Transport Manager\n"
        "• Survey of SENCOs – Inclusion Lead\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["status_raw"], a["status"]) for a in acts] == [
        ("complete", "complete"),
        ("delayed", "delayed"),
        ("in progress", "in_progress"),
        (None, None),
    ]


def test_a_stated_as_at_date_beats_the_date_of_the_board_it_goes_to():
    text = (
        "Riverton SEND Improvement Plan\n"
        "Position as at 31 December 2030. Presented to the SEND Improvement Board on "
        "20 January 2031.\n\n"
        "Ref\tAction\tLead\tTimescale\n1.1\tPublish the guide\tHead of SEN\tJune\n"
    )
    plan = parse_plan_text(text)
    assert plan["as_at"] == "2030-12-31"
    assert plan["actions"][0]["due"] == "2031-06-30"


def test_the_lines_under_a_title_that_give_its_date_or_its_bodies_are_not_the_title():
    minutes = (
        "RIVERTON COUNCIL\nRiverton SEND Partnership Board - Minutes\n"
        "Wednesday 12 November 2030, 2.00pm, Committee Room 2\n\n"
        "1. Welcome, introductions and apologies\nThe Chair welcomed members.\n"
        "ACTION: JB to circulate the protocol by 30 November 2030\n"
    )
    plan = parse_plan_text(minutes)
    assert plan["plan_title"] == "RIVERTON COUNCIL Riverton SEND Partnership Board - Minutes"
    assert plan["as_at"] == "2030-11-12"

    tracker = (
        "Riverton SEND Improvement Plan – Action Tracker 2030/31\n"
        "Riverton City Council | NHS Riverton ICB | Updated 20/02/2031\n\n"
        "Ref\tAction\tOwner\tTarget date\n1.1\tPublish the guide\tHead of SEN\tJune 2031\n"
    )
    plan = parse_plan_text(tracker)
    assert plan["plan_title"] == "Riverton SEND Improvement Plan – Action Tracker 2030/31"
    assert plan["as_at"] == "2031-02-20"

    scrutiny = (
        "Riverton Borough Council\nChildren and Young People Scrutiny Committee, 21 January 2031\n"
        "\nThe partnership will publish the guide by June.\n"
    )
    title = parse_plan_text(scrutiny)["plan_title"]
    assert title == "Riverton Borough Council Children and Young People Scrutiny Committee"


def test_milestone_bullets_are_milestones_not_actions():
    text = "Workstream 1 – Travel\nNext steps\n- Buy buses\nMilestones\n- Buses bought – May 2030\n"
    plan = parse_plan_text(text)
    assert [a["text"] for a in plan["actions"]] == ["Buy buses"]
    assert plan["milestones"][0]["text"] == "Buses bought"
    assert plan["milestones"][0]["due_raw"] == "May 2030"


ROADMAP_WITH_PHASES = (
    "Brindle SEND Roadmap 2030–31\n"
    "Status at 5 February 2031\n\n"
    "Phase 1: Stabilise (autumn 2030)\n\n"
    "October 2030\n"
    "- Recovery Board set up (Chief Executive) – done\n"
    "- Baseline audit of 60 plans (Principal EP)\n\n"
    "Phase 2: Improve (2031)\n\n"
    "June – July 2031\n"
    "- Annual review recovery plan launched (Reviews Manager) – in progress\n\n"
    "Summer term 2031\n"
    "- Transitions pathway live on the Local Offer (14–25 Lead)\n"
)


def test_a_roadmaps_month_headings_are_sections_under_its_phases():
    plan = parse_plan_text(ROADMAP_WITH_PHASES)
    got = [(a["text"][:22], a["section"], a["due"]) for a in plan["actions"]]
    assert got == [
        ("Recovery Board set up", "Phase 1: Stabilise (autumn 2030) / October 2030", "2030-10-31"),
        ("Baseline audit of 60 p", "Phase 1: Stabilise (autumn 2030) / October 2030", "2030-10-31"),
        ("Annual review recovery", "Phase 2: Improve (2031) / June – July 2031", "2031-07-31"),
        ("Transitions pathway li", "Phase 2: Improve (2031) / Summer term 2031", "2031-07-31"),
    ]
    titles = {s["title"]: s["parent_ref"] for s in plan["sections"]}
    assert titles["October 2030"] == "1" and titles["Summer term 2031"] == "2"


def test_a_sheets_guidance_line_under_the_title_is_not_part_of_it():
    text = (
        "Riverton SEND Tracker 2031\n"
        "How to use this workbook\n"
        "Each row is an action; filter by lead.\n\n"
        "Ref\tAction\tLead\tDue\n"
        "1\tTrain the SENCOs\tAB\tMay 2031\n"
    )
    assert parse_plan_text(text)["plan_title"] == "Riverton SEND Tracker 2031"


def test_a_numbered_heading_row_after_an_action_row_opens_a_section_not_a_date():
    """A sheet's heading row of one cell ("4B Preparing for adulthood<TAB>") right after an
    action row, in the first column (here the date's): a section inside the workstream."""
    text = (
        "Target date\tAction\tLead\tStatus\n"
        "Workstream 4: Health and adulthood\t\n"
        "4A Health and therapies\t\n"
        "30/11/2030\tMake the DCO a member of the panel\tDCO\tComplete\n"
        "4B Preparing for adulthood\t\n"
        "31/07/2031\tInclude adulthood outcomes in every review\tPfA Lead\tIn progress\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["due_raw"], a["section"]) for a in actions] == [
        ("30/11/2030", "Workstream 4: Health and adulthood / 4A Health and therapies"),
        ("31/07/2031", "Workstream 4: Health and adulthood / 4B Preparing for adulthood"),
    ]


def test_an_emails_sent_date_is_the_date_it_speaks_from():
    text = (
        "From: Rachel Dunn\n"
        "Sent: Thursday, 5 June 2031 16:42\n"
        "Subject: actions\n\n"
        "Ref\tAction\tLead\tDue\n"
        "1\tClear the draft plans\tDawn Ellis\t30 June\n"
    )
    plan = parse_plan_text(text)
    assert plan["as_at"] is not None and plan["as_at"].startswith("2031-06")
    assert plan["actions"][0]["due"] == "2031-06-30"


def test_minuted_actions_numbered_in_their_own_ways_keep_their_refs_and_owners():
    text = (
        "SEND Partnership Board – summary of the meeting held on 3 December 2030\n\n"
        "2. Assessment timeliness\n"
        "The board heard an update on timeliness.\n"
        "Actions:\n"
        "A12 – RT to circulate the trajectory by 12 December\n"
        "Action 13: KM to write to schools by 20 December\n"
        "(A14) DS to book the workshop – January\n"
    )
    got = [(a["ref"], a["owner"], a["due"]) for a in parse_plan_text(text)["actions"]]
    assert got == [
        ("A12", "RT", "2030-12-12"),
        ("13", "KM", "2030-12-20"),
        ("A14", "DS", "2031-01-31"),
    ]


def test_an_action_log_glued_together_with_its_rag_column_is_cut_into_its_cells():
    text = (
        "MINUTES OF THE SEND PARTNERSHIP BOARD\n"
        "Date12/03/2031\n\n"
        "8. Action log\n"
        "RefActionOwnerDueStatusRAG\n"
        "A14Recruit two caseworkers for the review teamMaria Kowalski28/02/2031CompleteB\n"
        "A15Publish the quality standards on the Local OfferMaria Kowalski13/03/2031OverdueR\n"
    )
    got = [
        (a["ref"], a["text"], a["owner"], a["due"], a["status"], a["rag"])
        for a in parse_plan_text(text)["actions"]
    ]
    assert got == [
        ("A14", "Recruit two caseworkers for the review team", "Maria Kowalski", "2031-02-28",
         "complete", "blue"),
        ("A15", "Publish the quality standards on the Local Offer", "Maria Kowalski",
         "2031-03-13", "delayed", "red"),
    ]  # fmt: skip


def test_a_raid_logs_mitigation_tracked_with_its_own_date_and_status_is_the_action():
    tracked = read_header(
        [
            "ID",
            "Risk",
            "Risk owner",
            "Mitigating actions",
            "Action owner",
            "Target date",
            "Action status",
        ]
    )
    assert tracked.roles == ["ref", "risk", "risk", "action", "owner", "due", "status"]
    assert column_role("Resolution action") == "mitigation"
    register = read_header(["Risk", "Likelihood", "Impact", "Mitigation", "Owner", "RAG"])
    assert "action" not in register.roles  # a plain register: its risks, not actions
    assert column_role("Task status") == "status"


def test_a_column_named_by_its_rating_scale_is_the_rag():
    assert [column_role(n) for n in ("B/G/A/R", "R/A/G", "G / A / R", "BRAG")] == ["rag"] * 4
    assert column_role("A/B testing") is None


def test_a_raid_logs_tracked_mitigations_are_read_as_actions_with_their_owners():
    text = (
        "Risks\n\n"
        "ID\tRisk description\tRisk owner\tMitigating action(s)\tAction owner\tTarget date\t"
        "Action status\n"
        "R1\tIf caseloads keep rising, plans will be late\tHead of SEND\tRecruit two more"
        " coordinators\tSEND Manager\t31/03/2031\tIn progress\n"
        "R2\tIf the budget overspends, services are cut\tDirector\tReport the budget to"
        " Schools Forum monthly\tFinance Partner\t30/06/2031\tNot started\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["text"], a["owner"], a["status"]) for a in acts] == [
        ("Recruit two more coordinators", "SEND Manager", "in_progress"),
        ("Report the budget to Schools Forum monthly", "Finance Partner", "not_started"),
    ]


def test_you_said_we_did_we_will_keeps_only_the_promises_each_under_its_theme():
    text = (
        "BRAMLEY FORUM NEWS\nSpring 2031\n\n"
        "THEME 1: ASSESSMENTS\n\n"
        "YOU SAID\n"
        "Nobody tells you what is happening once a request has been made for your child.\n\n"
        "WE DID\n"
        "The assessment team started a fortnightly update letter for families in January 2031.\n"
        "Calls are now logged, and most were returned within two days in February.\n\n"
        "WE WILL\n"
        "- Publish a short guide to the assessment, written with parents.\n"
        "  Lead: SEND Service Manager | When: May 2031\n"
        "- Name a caseworker for every family from the day a request arrives.\n"
        "  Lead: Head of Assessment | When: September 2031\n\n"
        "THEME 2: REVIEWS\n\n"
        "YOU SAID\n"
        "Reviews are held in school but the decision takes months to arrive.\n\n"
        "WE DID\n"
        "Two more review officers joined the team in November 2030.\n\n"
        "WE WILL\n"
        "- Send every family the decision within four weeks of the review meeting.\n"
        "  Lead: Review Team Manager | When: April 2031\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["text"][:24], a["section"], a["owner"]) for a in acts] == [
        ("Publish a short guide to", "THEME 1: ASSESSMENTS / WE WILL", "SEND Service Manager"),
        ("Name a caseworker for ev", "THEME 1: ASSESSMENTS / WE WILL", "Head of Assessment"),
        ("Send every family the de", "THEME 2: REVIEWS / WE WILL", "Review Team Manager"),
    ]


GLUED_ACTION_LOG = """Fernbrook SEND Partnership Board
Minutes of the meeting held on 9 March 2031

1. Apologies
Apologies were received from the Principal Educational Psychologist.

2. Action log
The Board reviewed the running action log below.

Appendix – Running action log
No. Action Owner Due Status
4Publish the short breaks statement on the Local OfferRT30/04/2031Open
7Write to all schools about the revised exclusions protocolKH31/03/2031Complete
8 Review the SENDIASS service level agreement KH / LM 30/06/2031 Carried forward
11Bring a recovery plan for the therapy waiting list to the BoardAJ16 June 2031Not started
"""


def test_a_glued_action_logs_rows_are_cut_into_their_cells_by_type():
    """A log whose cells a lost delimiter glued ("4Publish …RT30/04/2031Open") is read as the
    header orders it, as one printed with spaces is."""
    actions = parse_plan_text(GLUED_ACTION_LOG)["actions"]

    assert [(a["ref"], a["owner"], a["due_raw"], a["status_raw"]) for a in actions] == [
        ("4", "RT", "30/04/2031", "Open"),
        ("7", "KH", "31/03/2031", "Complete"),
        ("8", "KH / LM", "30/06/2031", "Carried forward"),
        ("11", "AJ", "16 June 2031", "Not started"),
    ]
    assert actions[0]["text"] == "Publish the short breaks statement on the Local Offer"


def test_a_minuted_actions_printed_number_is_its_ref_and_not_its_words():
    minutes = (
        "Ashwell SEND Board\nMinutes of the meeting held on 3 March 2031\n\n"
        "2. EHC plan timeliness\nThe Board discussed the latest figures.\n"
        "Action point 2.1Review the EHC hub staffing modelOwnerHead of SENDDue31 March 2031\n"
        "Action point 2.2Share the dashboard with the forumOwnerPerformance LeadDueApril 2031\n\n"
        "3. Transport\nThe Board heard about the new contracts.\n"
        "Action point 3.1Write to families about the new routesOwnerTransport ManagerDueMay 2031\n"
        "ACTION 3.2 – Survey parents on the new pick-up times (PCF co-chair, June 2031)\n"
    )
    actions = parse_plan_text(minutes)["actions"]

    assert [(a["ref"], a["text"][:21], a["owner"]) for a in actions] == [
        ("2.1", "Review the EHC hub st", "Head of SEND"),
        ("2.2", "Share the dashboard w", "Performance Lead"),
        ("3.1", "Write to families abo", "Transport Manager"),
        ("3.2", "Survey parents on the", "PCF co-chair"),
    ]


def _web_page_plan() -> str:
    header = "Ref Action Lead Partners Target date Status RAG Latest update"
    return "\n".join(
        [
            "Tolbury Council",
            "SEND improvement plan: where we are with each action",
            "Last updated: 2 March 2031",
            "",
            "Priority 1: Early help",
            header,
            "1.1 Publish a graduated approach toolkit for early years settings and schools"
            " Inclusion Manager Early Years Team March 2031 In progress Amber Draft tested with 14"
            " settings; final version due after forum feedback",
            "1.2 Decide on requests for assessment within six weeks Head of SEND Assessment"
            " SEND Casework Team 31/03/2031 On track Green 92% of decisions made in time",
            "",
            "Priority 2: Plans and reviews",
            header,
            "2.1 Clear the backlog of overdue annual reviews Annual Review Team Manager Schools"
            " 30 April 2031 Delayed Red Two officers on long-term leave",
            "",
            "Priority 3: Preparing for adulthood",
            header,
            "3.1 Map post-16 provision across the borough Transitions Lead Colleges July 2031"
            " Complete Blue Map published on the Local Offer",
        ]
    )


def test_the_column_names_over_each_parts_flattened_table_are_kept_to_read_its_rows():
    """A web page's table copied as text prints its column names again over each priority's
    rows: they are the only key to rows whose cells lost their delimiters, not a running title
    to drop; and a status beside its RAG cuts the row before the latest update."""
    actions = parse_plan_text(_web_page_plan())["actions"]

    assert [(a["ref"], a["owner"], a["status_raw"], a["rag"]) for a in actions] == [
        ("1.1", "Inclusion Manager", "In progress", "amber"),
        ("1.2", "Head of SEND Assessment", "On track", "green"),
        ("2.1", "Annual Review Team Manager", "Delayed", "red"),
        ("3.1", "Transitions Lead", "Complete", "blue"),
    ]


def test_the_latest_of_two_quarters_status_columns_is_the_status():
    names = ["Ref", "Action", "Lead", "Due", "Q1 status (Jun 31)", "Q2 status (Sep 31)", "RAG"]
    header = read_header(names)

    assert header.roles[4:6] == ["status", "status"]
    row = (
        "PA1.1\tClear the backlog of assessments\tHead of SEND\tMar 2032\tNot started\tOn track\tG"
    )
    actions = parse_plan_text("Hollin tracker\n\n" + "\t".join(names) + "\n" + row)["actions"]
    assert actions[0]["status_raw"] == "On track"


def test_a_card_boards_and_a_project_tools_own_column_names_have_roles():
    assert [column_role(n) for n in ("Card Name", "List Name", "Health", "Due Complete")] == [
        "action",
        "status",
        "rag",
        "logged",
    ]
    assert column_role("Issue title") == "action"


JIRA_EXPORT = (
    "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Created,Due date,"
    "Description,Custom field (Epic Link),Custom field (Epic Name),Sprint\n"
    "Timely assessments,TQ-1,501,Epic,In Progress,High,Ann Ray,01/Jan/31 9:00 AM,,"
    "Plans in 20 weeks,,Timely assessments,\n"
    "Inclusion,TQ-2,502,Epic,To Do,Medium,Bo Tan,01/Jan/31 9:05 AM,,Fewer exclusions,,"
    "Inclusion,\n"
    "Map the assessment process with parents,TQ-3,510,Task,Done,High,Ann Ray,"
    "02/Jan/31 9:00 AM,14/Mar/31 12:00 AM,Two workshops held,TQ-1,,Sprint 3\n"
    "Send advice reminders at week four,TQ-4,511,Story,In Progress,High,Cy Doe,"
    "02/Jan/31 9:10 AM,31/May/31 12:00 AM,Reminder emails,TQ-1,,Sprint 4\n"
    "Audit part-time timetables,TQ-5,512,Task,To Do,Medium,Bo Tan,02/Jan/31 9:20 AM,"
    "30/Jun/31 12:00 AM,Every school asked,TQ-2,,\n"
)


def test_an_issue_trackers_epics_group_their_tasks_by_key_and_are_no_tasks():
    text = read_document(JIRA_EXPORT.encode(), "issues.csv")
    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["section"], a["owner"], a["status_raw"]) for a in actions] == [
        ("TQ-3", "Timely assessments", "Ann Ray", "Done"),
        ("TQ-4", "Timely assessments", "Cy Doe", "In Progress"),
        ("TQ-5", "Inclusion", "Bo Tan", "To Do"),
    ]


def _workstream_report() -> str:
    header = "ID\tType\tDescription\tOwner\tDue\tStatus\tRAG"
    return "\n".join(
        [
            "# Programme status report",
            "Reporting period: May 2031",
            "## WS1 Early help",
            "Workstream lead\tKim Dale, Head of Inclusion",
            "Overall RAG\tA",
            "",
            header,
            "D1.1\tDeliverable\tOrdinarily available provision guidance issued to schools"
            "\tKim Dale\t30/04/2031\tCompleted\tB",
            "D1.2\tDeliverable\tOutreach service commissioned from the special school"
            "\tKim Dale\t30/09/2031\tSlipped\tA",
            "M1\tMilestone\tAll schools trained on the guidance\t\t31/07/2031\tOn Track\tG",
            "",
            "Commentary",
            "The outreach contract (D1.2) has slipped by a quarter because governors must"
            " approve it.",
            "Focus next period",
            "- D1.2 – contract award expected in July.",
            "## WS2 Assessment",
            "Workstream lead\tLee Moss, Head of SEND",
            "",
            header,
            "D2.1\tDeliverable\tSingle front door for assessment requests\tLee Moss"
            "\t31/05/2031\tOn Track\tG",
            "",
            "## Risks",
            "ID\tTitle\tDescription\tImpact\tRating\tMitigation\tOwner",
            "R01\tPsychology capacity\tToo few psychologists for six-week advice\tLate plans"
            "\t20 – Red\tLocum psychologists funded\tLee Moss",
        ]
    )


def test_a_project_tools_report_keeps_deliverables_apart_from_milestones_notes_and_risks():
    """Its deliverables are the actions; a row typed "Milestone" is a milestone; the
    "Label | value" rows under each workstream, the notes on a listed deliverable and the
    risk register's titled risks are none of them."""
    plan = parse_plan_text(_workstream_report())

    assert [(a["ref"], a["section"]) for a in plan["actions"]] == [
        ("D1.1", "WS1 Early help"),
        ("D1.2", "WS1 Early help"),
        ("D2.1", "WS2 Assessment"),
    ]
    assert [m["text"] for m in plan["milestones"]] == ["All schools trained on the guidance"]


def test_a_registers_titled_risks_are_no_actions():
    header = read_header(["ID", "Title", "Description", "Impact", "Rating", "Mitigation", "Owner"])

    assert header.roles[1] == "risk"
    assert header.is_register()
    assert read_header(["Ref", "Title", "Owner", "Due", "Status"]).roles[1] == "action"


def test_a_short_table_after_text_is_not_read_under_the_wide_tables_header():
    report = _workstream_report()
    rows = [p for p in pieces(report) if p.kind == "row"]
    lee = next(p for p in rows if "Lee Moss, Head of SEND" in p.source)

    assert lee.header is None


def test_an_exports_outline_shown_by_leading_spaces_gives_the_sections():
    """A project tool's export that shows its outline only by spaces in the task's cell: the
    plan's own row is no section, the rows with rows deeper below them are the sections."""
    rows = [
        "Task Name,Assigned To,End Date,Status,Health",
        "Tolbury SEND Improvement Plan,Ann Ray,31/03/32,,Yellow",
        "    WS1 Early support,Ann Ray,31/01/32,,Green",
        "        1.1 The graduated approach,Ann Ray,31/01/32,,Green",
        "            Publish the graduated approach handbook,Ann Ray,30/06/31,Complete,Blue",
        "            Train SENCos in every school,Bo Tan,19/12/31,In Progress,Green",
        "    WS2 Assessment,Cy Doe,31/03/32,,Red",
        "        Recruit three educational psychologists,Cy Doe,31/12/31,In Progress,Red",
    ]
    text = read_document("\n".join(rows).encode(), "export.csv")
    actions = parse_plan_text(text)["actions"]

    assert [(a["section"].split(" / ")[0], a["rag"]) for a in actions] == [
        ("WS1 Early support", "blue"),
        ("WS1 Early support", "green"),
        ("WS2 Assessment", "red"),
    ]
    assert actions[0]["section"].endswith("The graduated approach")


def _published_statement() -> str:
    title = "Tolbury Written Statement of Action – progress update\t\t\t\t"
    header = "Ref\tAction\tLead\tTimescale\tProgress update\tRAG"
    lines = ["Tolbury Local Area Written Statement of Action", ""]
    for n, (area, status) in enumerate(
        [("Timeliness of plans", "Complete"), ("Local Offer", "On track"), ("Health", "Delayed")],
        1,
    ):
        lines += [
            f"Area of significant weakness {n}: {area}",
            title,
            header,
            f"{n}.1\tRecruit staff for the {area.lower()} work\tHead of SEND\tOct 2031"
            f"\t<b>{status}</b><br>Two posts appointed; caseloads falling.\tG",
            "",
        ]
    return "\n".join(lines)


def test_a_published_tables_title_row_and_its_progress_cells_verdict():
    """A PDF of a plan repeats its table's title row over each area's table: a running
    title, not the areas' section; a progress cell opening with its verdict on a line of its
    own has that verdict as the status phrase, the update below it apart."""
    actions = parse_plan_text(_published_statement())["actions"]

    assert [a["section"] for a in actions] == [
        "Area of significant weakness 1: Timeliness of plans",
        "Area of significant weakness 2: Local Offer",
        "Area of significant weakness 3: Health",
    ]
    assert [a["status_raw"] for a in actions] == ["Complete", "On track", "Delayed"]


def test_a_glued_trackers_rows_under_a_glued_header_keep_their_rag_and_update_apart():
    tracker = "\n".join(
        [
            "Ashby Joint Commissioning Group – note of meeting 12",
            "",
            "2. Action tracker",
            "RefActionLeadDeadlineStatusRAGProgress",
            "JC21Agree a single outcomes framework for therapiesAB31/10/2031OverdueRWaiting for"
            " comments",
            "JC23Confirm the equipment budget for next yearAB31/12/2031In progressAFinance"
            " meeting booked",
            "JC29Check whether the care backlog delays plansDCO31/11/2031Not startedANew action",
        ]
    )
    actions = parse_plan_text(tracker)["actions"]

    assert [(a["ref"], a["owner"], a["status_raw"], a["rag"]) for a in actions] == [
        ("JC21", "AB", "Overdue", "red"),
        ("JC23", "AB", "In progress", "amber"),
        ("JC29", "DCO", "Not started", "amber"),
    ]
    assert actions[2]["due_raw"] == "31/11/2031" and actions[2]["due"] is None


def test_a_planner_exports_own_task_keys_give_way_to_printed_numbers_and_rag_labels_count():
    """A tool's generated key is no ref where the task's name prints its own number."""
    export = (
        "Task ID\tTask Name\tBucket Name\tProgress\tAssigned To\tDue date\tLabels\n"
        "Hn8tY2xLq0Uc4fWbE6mJ1sAo\t1.1 Recruit two psychologists\t1. Assessment\tIn progress"
        "\tAnn Ray\t30/09/2031\tRAG Amber;Workforce\n"
        "c2ZrW7uQe1NpD9kVb3yTm5Ls\t1.2 Introduce a weekly tracking meeting\t1. Assessment"
        "\tCompleted\tBo Tan\t31/05/2031\tRAG Blue\n"
        "Qm4sE8aJt6WcR1oHk0vNd3Ux\t2.1 Publish a guide for families\t2. Local Offer"
        "\tNot started\tCy Doe\t31/10/2031\tCommunication\n"
    )
    actions = parse_plan_text(read_document(export.encode(), "tasks.txt"))["actions"]

    assert [(a["ref"], a["rag"]) for a in actions] == [
        ("1.1", "amber"),
        ("1.2", "blue"),
        ("2.1", None),
    ]


def test_the_items_planned_for_next_period_below_a_table_are_actions_too():
    report = "\n".join(
        [
            "Preparing for Adulthood – highlight report – May 2031",
            "",
            "3. Deliverables",
            "Ref\tDeliverable\tOwner\tDue\tStatus\tRAG",
            "D1\tPublish a 14–25 pathway on the Local Offer\tPfA Coordinator\t30 Apr 2031"
            "\tComplete\tBlue",
            "D2\tAgree a joint transition protocol with adult social care\tHead of Transitions"
            "\t30 Jun 2031\tOn track\tGreen",
            "D3\tRecruit two employment support coaches\tEmployment Manager\t31 Jul 2031"
            "\tOn track\tGreen",
            "",
            "4. Planned for next period",
            "Run two Preparing for Adulthood workshops for parents of Year 9 pupils (lead: PfA"
            " Coordinator, by 14 July)",
            "Agree the specification for a post-19 day opportunities statement with commissioners",
            "Hold a consultation event with the youth forum on the Local Offer pages – June",
        ]
    )
    texts = [a["text"][:20] for a in parse_plan_text(report)["actions"]]

    assert texts == [
        "Publish a 14–25 path",
        "Agree a joint transi",
        "Recruit two employme",
        "Run two Preparing fo",
        "Agree the specificat",
        "Hold a consultation ",
    ]


SLIDES = """Workstream 2: Inclusion in mainstream schools
Progress since last board
Inclusion charter signed by 48 of 60 schools
Next steps
G Finalise the outreach offer and share it with every SENCO
Owner: Head of Inclusion · end Feb
A Start visits to all alternative provision settings
Lead: Inclusion and AP Manager · 30/04/2031
R Agree a funding model for the second phase of resourced places
Owner: Assistant Director Education · TBC
"""


def test_a_slides_next_steps_opened_by_their_rag_letter_keep_it_as_their_rag():
    """A coloured dot printed as its letter: the RAG, not the action's first word; the lead
    and the date after a middle dot are two fields."""
    actions = parse_plan_text(SLIDES)["actions"]

    assert [(a["text"], a["rag"], a["owner"], a["due_raw"]) for a in actions] == [
        (
            "Finalise the outreach offer and share it with every SENCO",
            "green",
            "Head of Inclusion",
            "end Feb",
        ),
        (
            "Start visits to all alternative provision settings",
            "amber",
            "Inclusion and AP Manager",
            "30/04/2031",
        ),
        (
            "Agree a funding model for the second phase of resourced places",
            "red",
            "Assistant Director Education",
            "TBC",
        ),
    ]


def test_a_lettered_list_keeps_its_letters():
    text = "Priorities\nA Assessment and plans come first\nB Inclusion in schools\nC Health\n"

    assert rag_letters_moved(text) == text


def test_a_workstream_row_heading_its_own_table_is_a_section_titled_by_its_first_line():
    text = (
        "Workstream\tActions\n"
        "Workstream 1: Inclusion in mainstream<br>Sponsor: Director of Education<br>"
        "Workstream lead: Head of Inclusion\t\n"
        "Action\tLead\tBy\tStatus\n"
        "Develop an inclusion charter with headteachers\tInclusion Lead\tDec 2031\tOn track\n"
        "Set up locality support panels in every area\tLocality Leads\tSept 2031\tComplete\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["section"], a["owner"]) for a in actions] == [
        ("Workstream 1: Inclusion in mainstream", "Inclusion Lead"),
        ("Workstream 1: Inclusion in mainstream", "Locality Leads"),
    ]


def test_a_labels_lead_named_after_a_dash_without_a_colon_is_the_name_alone():
    from sendtrack.domain.documents.detectors import trailing_name

    assert trailing_name("WS2 – Inclusive mainstream schools – Lead Tom Ashworth") == (
        "WS2 – Inclusive mainstream schools",
        "Tom Ashworth",
    )
    assert trailing_name("WS1 – Leadership and governance") == (
        "WS1 – Leadership and governance",
        None,
    )


def test_a_roadmaps_cards_closed_by_their_status_keep_their_own():
    """The chip at a card's foot, below its "Owner:" line, is that card's status."""
    text = (
        "Summer 2031\nAppoint an interim head of statutory services\nOwner: Director\nDone\n"
        "Set up the improvement board with an independent chair\nOwner: Chief Executive\n"
        "In progress\nAutumn 2031\nRecruit six more coordinators for assessments\n"
        "Owner: Head of SEND\nNot started\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"][:20], a["status_raw"]) for a in actions] == [
        ("Appoint an interim h", "Done"),
        ("Set up the improveme", "In progress"),
        ("Recruit six more coo", "Not started"),
    ]


def test_a_boards_status_columns_still_head_the_cards_below_them():
    text = (
        "Doing\nAppoint an interim head of statutory services\nOwner: Director\n"
        "Done\nSet up the improvement board with an independent chair\nOwner: Chief Executive\n"
        "Publish the new local offer pages on travel\nOwner: Local Offer Officer\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [a["status_raw"] for a in actions] == ["Doing", "Done", "Done"]


def test_a_forms_prompt_printed_in_every_record_is_no_action():
    record = (
        "Action\t{}\nLead officer\tHead of SEND\nTarget date\t31/03/2031\n"
        "Escalate to Board?\t\u2610 Tick if the Board needs to make a decision\n\n"
    )
    text = "".join(
        record.format(action)
        for action in (
            "Recruit three more plan writers for the assessment team",
            "Publish the decision dashboard for the partnership board",
            "Commission an independent audit of forty plans",
        )
    )

    texts = [a["text"] for a in parse_plan_text(text)["actions"]]

    assert not any("Tick if" in t for t in texts)
    assert len(texts) == 3
