"""parse_plan_text on small synthetic documents, one per layout family (no seed text)."""

import pytest

from sendtrack.domain.documents.plan import DocumentImportError, parse_plan_text

PLAN_KEYS = {
    "plan_title",
    "organisation",
    "kind",
    "as_at_raw",
    "as_at",
    "sections",
    "actions",
    "milestones",
    "risks",
    "indicators",
    "owner_glossary",
    "problems",
}
ACTION_KEYS = {
    "ref",
    "section",
    "text",
    "owner",
    "partners",
    "start_raw",
    "due_raw",
    "due",
    "status_raw",
    "status",
    "rag",
    "measures",
    "finding",
}

NUMBERED_SECTIONS = (
    "Harbourside Advice Service Plan: as at June 2030\n\n"
    "5.1 A\tImprove the helpline so callers get through first time\t\t\n"
    "Ref\tTasks\tAction owner\tTarget date\n"
    "1\tBuy a new phone system and train the team to use it well.\t"
    "Service Manager \u2013 In Progress\t30/09/2030\n"
    "2\tPublish call answering times every month on the website so that families can\t"
    "Service Manager\t31/09/2030\n"
    "\n"
    "\tsee how we are doing.\t\t\n"
    "Page 2 of 7\n"
    "5.1 B\tKeep records safe and tidy\t\t\n"
    "Ref\tTasks\tAction owner\tTarget date\n"
    "1\tMove paper files to the secure store.\tCompleted by Records Team\t\n"
)


def test_numbered_sections_with_continuations_and_status_in_owner():
    plan = parse_plan_text(NUMBERED_SECTIONS)
    assert set(plan) == PLAN_KEYS
    assert plan["as_at"] == "2030-06-30"
    acts = plan["actions"]
    assert all(set(a) >= ACTION_KEYS for a in acts)
    assert [a["ref"] for a in acts] == ["5.1 A.1", "5.1 A.2", "5.1 B.1"]
    assert acts[0]["owner"] == "Service Manager"
    assert acts[0]["status_raw"] == "In Progress" and acts[0]["status"] == "in_progress"
    assert acts[0]["due"] == "2030-09-30"
    assert acts[1]["text"].endswith("so that families can see how we are doing.")
    assert acts[1]["due"] is None
    assert any(p["rule"] == "impossible_date" for p in plan["problems"])
    assert acts[2]["owner"] == "Records Team" and acts[2]["status"] == "complete"
    assert acts[0]["section"].startswith("5.1 A Improve the helpline")


RECOMMENDATION_TABLE = (
    "Inclusion Review Recommendations \u2013 delivery plan\n\n"
    "No\tRecommendation\tSummary actions\tWhen (2031)\tWho\tMeasure of success\n"
    "1\tMake the panel fairer\t<ul><li>Write panel rules</li><li>Train members</li></ul>\t"
    "Mar Apr\tJK\t<ol><li>Fewer appeals</li><li>Parents say it is fair</li></ol>\n"
    "2\tShorten the wait for therapy\t<ul><li>Hire two therapists</li></ul>\tJune\tPQ\t"
    "<ol><li>Waits under 12 weeks</li></ol>\n"
)


def test_recommendation_table_with_bullets_per_row():
    plan = parse_plan_text(RECOMMENDATION_TABLE)
    acts = plan["actions"]
    assert [a["ref"] for a in acts] == ["1.a", "1.b", "2"]
    assert [a["due"] for a in acts] == ["2031-03-31", "2031-04-30", "2031-06-30"]
    assert acts[0]["measures"] == ["Fewer appeals", "Parents say it is fair"]
    assert acts[0]["finding"] == "Make the panel fairer"
    assert [s["kind"] for s in plan["sections"]] == ["recommendation", "recommendation"]


NARRATIVE_CELLS = (
    "# Transport\n\n## Review Plan\n\nMarch 2032\n\n"
    "Rec No\tRecommendation\tWhat we will do with families\n"
    "1\tReview the bus routes\t<p>Some background.</p><p>Things we value:</p>"
    "<ul><li>Safety</li></ul><p><b>Actions we will take include:</b></p>"
    "<ul><li>The routes team will survey every route this term</li>"
    "<li>We will publish the results</li></ul>\n"
)


def test_narrative_cells_take_bullets_after_an_action_lead_in():
    plan = parse_plan_text(NARRATIVE_CELLS)
    acts = plan["actions"]
    assert [a["text"][:20] for a in acts] == ["The routes team will", "We will publish the "]
    assert [a["ref"] for a in acts] == ["1.a", "1.b"]
    assert acts[0]["owner"] == "The routes team"
    assert acts[0]["due"] is not None


SLIDES = (
    "Monitoring report \u2013 May 2033\n\n"
    "Risks\n\nRisk\tDetail\tRAG\tMitigation\nStaffing\tVacancies\tR\tAgency cover\n\n"
    "Progress\n\n- Opened the new hub\n\nNext Steps\n\n- Recruit two officers\n"
    "- Working with partners, deliver:\n"
    " - \u2610 Draft the charter\n - \u2610 Agree the charter\n\n"
    "Outreach Workstream\n\nFocus Area\tMilestone\tRAG\tIssue\tMitigation\n"
    "1: Families hear from us\tNewsletter live\tA\tPrinting costs\tGo digital\n"
)


def test_slide_next_steps_belong_to_the_workstream_that_follows():
    plan = parse_plan_text(SLIDES)
    acts = plan["actions"]
    assert [a["text"] for a in acts] == [
        "Recruit two officers",
        "Draft the charter",
        "Agree the charter",
    ]
    assert {a["section"] for a in acts} == {"Outreach Workstream"}
    assert plan["risks"][0]["rag"] == "red"
    assert not any("hub" in a["text"] for a in acts)


ACTIVITY_TABLE = (
    "Workstream 2 \u2013 Short Breaks\n\n"
    "Activity\t\tLead\tPartners\tTimeframe\tProgress checks\n"
    "Objective 2.1\tMore families can book a break\t\t\t\t\n"
    "Milestones\t<ul> Booking site live \u2013 May 2030\t\t\t\t\n"
    "2.1.1 Build an online booking form and test it with\t\t"
    "AB Lead\tIT / Parents\tMay 2030\tOn track\n"
    "\nActivity\t\tLead\tPartners\tTimeframe\tProgress checks\n"
    "parents before launch.\t\t\t\t\t\n"
    "2.1.2\tPublish the offer\tCD\tComms\tComplete\t\n"
)


def test_activity_table_with_embedded_refs_and_page_breaks():
    plan = parse_plan_text(ACTIVITY_TABLE)
    acts = plan["actions"]
    assert [a["ref"] for a in acts] == ["2.1.1", "2.1.2"]
    assert acts[0]["text"].endswith("test it with parents before launch.")
    assert acts[0]["partners"] == ["IT", "Parents"]
    assert acts[0]["section"] == (
        "Workstream 2 \u2013 Short Breaks / Objective 2.1 More families can book a break"
    )
    assert acts[1]["status_raw"] == "Complete" and acts[1]["due"] is None
    assert plan["milestones"][0]["text"].startswith("<ul>") is False


def test_empty_text_raises_the_documented_error_and_other_text_is_offered_to_check():
    with pytest.raises(DocumentImportError):
        parse_plan_text("")
    with pytest.raises(DocumentImportError):
        parse_plan_text("Colour,Shape\nred,round\n")

    offered = parse_plan_text("just a shopping list without any structure at all")

    assert [a["text"] for a in offered["actions"]] == [
        "just a shopping list without any structure at all"
    ]
    assert offered["actions"][0]["confidence"]["action"] < 0.5


def test_progress_callback_reaches_the_end():
    calls: list[tuple[int, int]] = []
    parse_plan_text(RECOMMENDATION_TABLE, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]


def test_a_meetings_date_glued_to_its_label_in_a_row_is_the_as_at_date():
    plan = parse_plan_text(
        "Steering Group\nNotes of meeting21.01.2031\t14:00\tMS Teams\n\n"
        "ACTION: JB to update the tracker by 4 February.\n"
    )

    assert plan["as_at"] == "2031-01-21"
    assert plan["actions"][0]["due"] == "2031-02-04"


def test_a_minutes_date_glued_to_its_label_dates_the_minutes_and_open_means_under_way():
    plan = parse_plan_text(
        "PARTNERSHIP BOARD\nMINUTES\nDate05/02/2031\tTime 09:30\tVenue Room 4\n\n"
        "ACTION LOG\nRef\tAction\tOwner\tDue\tStatus\n"
        "AL-12\tAgree a data-sharing agreement\tDr Mehta\t31/03/2031\tOpen\n"
    )

    assert plan["as_at"] == "2031-02-05"
    assert plan["actions"][0]["status"] == "in_progress"


def test_status_codes_take_their_meaning_from_the_documents_key():
    text = (
        "Ref\tAction\tLead\tDue\tStatus\n"
        "1.1\tRecruit coordinators\tHead of SEN\t31/03/2031\tIP\n"
        "1.2\tTrack assessments\tSEN Manager\t30/11/2030\tNS\n"
        "1.3\tAppoint a DCO\tICB\t31/01/2031\tZZ\n"
        "\n"
        "KEY: NS = Not started   IP = In progress   C = Complete\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["status_raw"], a["status"]) for a in actions] == [
        ("IP", "in_progress"),
        ("NS", "not_started"),
        ("ZZ", None),  # a code the key does not explain stays as printed, with no status
    ]


def test_the_date_a_sheet_was_updated_above_its_header_is_not_its_heading():
    text = (
        "Workstream 1 – Assessment, planning and review\n"
        "Last updated: 19 May 2031 (R. Okafor)\n\n"
        "No.\tAction\tLead\tTarget date\n"
        "1.1\tRedesign the assessment pathway with families\tSEN Service Manager\t31/03/2031\n"
        "1.2\tPublish a monthly timeliness report\tPerformance Manager\t30/04/2031\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert {a["section"] for a in actions} == {"Workstream 1 – Assessment, planning and review"}


def test_numbered_actions_restarting_under_each_agenda_item_take_its_number():
    """ "4. Local Offer" after "1." and "2." is the next item, not the list's fourth; the
    actions' own numbers restart in each, so they are "3.1", "3.2", "4.1" (Plan JSON)."""
    text = (
        "Board summary\n\n3. Annual reviews\nThe Board discussed the backlog.\nActions:\n"
        "1. Publish the recovery plan by March 2031 (Head of SEND)\n"
        "2. Report to the Board in May 2031 (DCO)\n\n"
        "4. Local Offer\nActions:\n1. Relaunch the website by June 2031 (LO Manager)\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["section"], a["text"][:22]) for a in actions] == [
        ("3.1", "3. Annual reviews", "Publish the recovery p"),
        ("3.2", "3. Annual reviews", "Report to the Board in"),
        ("4.1", "4. Local Offer", "Relaunch the website b"),
    ]


def test_an_objective_column_printed_once_for_its_rows_numbers_their_restarting_actions():
    """A table whose objective cell spans its rows (printed on the first) and whose actions
    are numbered again under each: every row is under its objective, its ref prefixed with
    the objective's letter; "Complete" in the RAG column is a status, not a colour."""
    text = (
        "Priority 1 – Assessment and planning\n"
        "Objective\tNo.\tAction\tLead\tBy when\tRAG\n"
        "Objective A: Plans are timely\t1\tAudit new plans every month\tQA Lead\tJanuary 2031\tG\n"
        "\t2\tOpen a first-draft clinic for families\tTeam Manager\tMarch 2031\tA\n"
        "Objective B: Reviews lead to change\t1\tMove review paperwork online\tSystems Officer"
        "\tNovember 2030\tComplete\n"
        "\t2\tPrioritise reviews at phase transfer\tReview Coordinator\t15 February 2031\tG\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["section"].split(" / ")[-1]) for a in actions] == [
        ("A.1", "Objective A: Plans are timely"),
        ("A.2", "Objective A: Plans are timely"),
        ("B.1", "Objective B: Reviews lead to change"),
        ("B.2", "Objective B: Reviews lead to change"),
    ]
    assert (actions[2]["status"], actions[2]["rag"]) == ("complete", None)


def test_a_table_without_refs_lists_each_bulleted_commitment_of_a_cell_as_an_action():
    text = (
        "Theme 1: Leadership\n"
        "What we know\tWhat we will do next\tLead\tBy when\tRAG\n"
        "Attendance from schools is patchy.\t<ul><li>Invite two headteachers to join the Board"
        "</li><li>Publish a summary of every Board meeting</li></ul>\tDirector\tDecember 2031\tA\n"
        "Families feel unheard.\tTrain every coordinator in person-centred practice\tHead of SEND"
        "\tMarch 2032\tA\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"], a["owner"], a["rag"]) for a in actions] == [
        ("Invite two headteachers to join the Board", "Director", "amber"),
        ("Publish a summary of every Board meeting", "Director", "amber"),
        ("Train every coordinator in person-centred practice", "Head of SEND", "amber"),
    ]


def test_an_issue_trackers_export_gives_each_issue_with_its_summary_as_the_action():
    """A tracker's CSV ("Issue key, Summary, …"): its rows, whose cells name columns too
    ("Task", "rag-amber"), are data, not headers; the summary is the action."""
    text = (
        "Issue key\tSummary\tIssue Type\tStatus\tAssignee\tDue date\tLabels\tDescription\n"
        "SEND-22\tSet up a weekly case tracker\tTask\tIn Progress\tRaj Patel\t30/04/2031"
        "\trag-amber\tTracker<br>* Weekly meeting with EPs\n"
        "SEND-23\tPublish guidance for families\tTask\tTo Do\tMo Khan\t31/05/2031\trag-red"
        "\tCo-produce with the forum.\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["text"], a["owner"], a["due"]) for a in actions] == [
        ("SEND-22", "Set up a weekly case tracker", "Raj Patel", "2031-04-30"),
        ("SEND-23", "Publish guidance for families", "Mo Khan", "2031-05-31"),
    ]
