"""Trackers, action logs and slide lists as councils keep them: the fields a person reads in
each, whichever way the document sets them out. Every document here is synthetic."""

from __future__ import annotations

from sendtrack.domain.documents.plan import parse_plan_text
from sendtrack.domain.documents.readers import read_document


def actions(text: str) -> list[dict]:
    return list(parse_plan_text(text)["actions"])


def test_the_latest_dated_update_is_the_status_and_a_commentary_beside_them_is_not() -> None:
    text = (
        "Ref\tAction\tLead\tDue\tUpdate Jul 25\tUpdate Sep 25\tUpdate Nov 25\tCommentary\n"
        "1.1\tAppoint a social care officer for SEND\tHead of Service\t30/09/2025\tIn progress"
        "\tComplete\t-\tStarted 1 September.\n"
        "1.2\tSet up a joint panel for complex placements\tHealth Lead\t31/12/2025\tNot started"
        "\tIn progress\tDelayed\tFunding not yet confirmed.\n"
        "1.3\tPublish the short breaks statement\tCommissioner\t31/03/2026\t\t\t"
        "\tAdded in November.\n"
    )
    found = actions(text)
    assert [(a["ref"], a["status_raw"], a["status"]) for a in found] == [
        ("1.1", "Complete", "complete"),  # "-": no update this time, the September one stands
        ("1.2", "Delayed", "delayed"),
        ("1.3", None, None),  # no update at all: the commentary is no status
    ]
    assert found[1]["status_history"] == [
        {"column": "Update Jul 25", "value": "Not started"},
        {"column": "Update Sep 25", "value": "In progress"},
    ]


def test_a_heading_row_written_in_the_action_column_opens_a_section() -> None:
    text = (
        "Ref\tAction\tLead\tDue\n"
        "\tPriority 1: Joint working between education, health and care\t\t\n"
        "1.1\tAppoint a social care officer for SEND\tHead of Service\t30/09/2025\n"
        "\tPriority 2: Timely plans\t\t\n"
        "2.1\tTriage every request within 10 days\tAssessment Manager\t31/10/2025\n"
        "\tand report the numbers to each board\t\t\n"
    )
    found = actions(text)
    assert [(a["ref"], a["section"]) for a in found] == [
        ("1.1", "Priority 1: Joint working between education, health and care"),
        ("2.1", "Priority 2: Timely plans"),
    ]
    assert found[1]["text"].endswith("and report the numbers to each board")  # a wrapped line


def test_a_row_of_guidance_under_the_header_is_not_an_action() -> None:
    text = (
        "Ref\tAction\tLead\tDue\tStatus\n"
        "Guidance for completion\tUnique reference\tWhat will be done\tThe named officer"
        "\tNot started / In progress / Complete\n"
        "A1\tCommission an integrated therapy service\tCommissioner\t31/03/2026\tOn track\n"
    )
    assert [a["ref"] for a in actions(text)] == ["A1"]


def test_an_owner_column_that_names_the_date_too_gives_the_lead_and_the_date() -> None:
    text = (
        "Action\tOwner / by when\n"
        "Redesign the request form with the forum\tHead of Assessment<br>by end Jan 2026\n"
        "Introduce a moderation panel for draft plans\tQuality Lead – Feb 2026\n"
        "Agree an agreement for advice within 6 weeks\tDCO &amp; DSCO / 31 March 2026\n"
        "Open a family helpline staffed by caseworkers\tBusiness Support Manager, Jan 2026\n"
        "Publish monthly updates on the Local Offer\tComms Officer – monthly (ongoing)\n"
    )
    assert [(a["owner"], a["due"]) for a in actions(text)] == [
        ("Head of Assessment", "2026-01-31"),
        ("Quality Lead", "2026-02-28"),
        ("DCO & DSCO", "2026-03-31"),
        ("Business Support Manager", "2026-01-31"),
        ("Comms Officer", None),
    ]


def test_an_owner_column_named_only_for_the_lead_keeps_a_lead_with_a_slash() -> None:
    text = (
        "Action\tLead\tDue\n"
        "Pilot the toolkit in eight schools\tEP Service / Parent Carer Forum\t30/06/2026\n"
        "Map school nursing support\tSchool Nursing – Health\t31/07/2026\n"
    )
    assert [a["owner"] for a in actions(text)] == [
        "EP Service / Parent Carer Forum",
        "School Nursing – Health",
    ]


E_MAIL = """Hi Becky,

Below is the updated tracker for the sub-group, as at today.

ATTENDANCE
Ref: SG3-05 | Action: Agree a single attendance support offer for pupils | Owner: Attendance Lead | Due: 31/03/2025 | Status: In progress | RAG: A
Ref: SG3-06 | Action: Add SEN flags to the weekly attendance dashboard | Owner: Data Team | Due: 30/04/2025 | Status: on track | RAG: G

EXCLUSIONS
Ref: SG3-12 | Pilot the reintegration toolkit in eight schools in the North | Owner: EP Service | Due: 30/06/2025 | Status: In progress | RAG: A

Many thanks
Priya
"""  # noqa: E501


def test_a_record_on_one_line_keeps_the_ref_it_opens_with_and_its_unlabelled_action() -> None:
    found = actions(E_MAIL)
    assert [(a["ref"], a["section"], a["owner"], a["status_raw"], a["rag"]) for a in found] == [
        ("SG3-05", "ATTENDANCE", "Attendance Lead", "In progress", "amber"),
        ("SG3-06", "ATTENDANCE", "Data Team", "on track", "green"),
        ("SG3-12", "EXCLUSIONS", "EP Service", "In progress", "amber"),
    ]
    assert found[2]["text"] == "Pilot the reintegration toolkit in eight schools in the North"
    assert found[2]["due"] == "2025-06-30"


def test_a_security_marking_in_capitals_heads_nothing() -> None:
    text = (
        "OFFICIAL\n\nATTENDANCE\n"
        "Ref: A1 | Action: Agree an attendance offer for pupils | Owner: Attendance Lead\n\n"
        "EXCLUSIONS\n"
        "Ref: A2 | Action: Review the managed move protocol | Owner: Head of Inclusion\n"
    )
    assert [a["section"] for a in actions(text)] == ["ATTENDANCE", "EXCLUSIONS"]


def test_a_bulleted_item_over_deeper_items_heads_them() -> None:
    text = (
        "## Priority 1: Timely plans\n\n"
        "- 1A Assessment and planning\n"
        "  - Recruit five more SEN caseworkers. Lead: Head of SEN. Oct 2025 – complete\n"
        "  - Introduce a six-week tracker for decisions. Lead: Panel Chair. Nov 2025\n"
        "    - Measure: 95% of decisions made within 6 weeks\n"
        "- 1B Quality of plans\n"
        "  - Run monthly audits of new plans with parent auditors. Lead: QA Lead. Ongoing\n"
        "- Publish the revised local offer pages for families\n"
    )
    found = actions(text)
    assert [a["section"] for a in found] == [
        "Priority 1: Timely plans / 1A Assessment and planning",
        "Priority 1: Timely plans / 1A Assessment and planning",
        "Priority 1: Timely plans / 1B Quality of plans",
        "Priority 1: Timely plans",  # an item no deeper than the parent: out of it
    ]
    assert found[1]["measures"] == ["95% of decisions made within 6 weeks"]


def test_an_action_with_its_sub_steps_stays_an_action() -> None:
    text = (
        "## Priority 2\n\n"
        "- Recruit a designated social care officer\n"
        "  - Measure: officer in post by March\n"
        "- Train every SENCO in the new request form\n"
    )
    found = actions(text)
    assert [a["text"] for a in found] == [
        "Recruit a designated social care officer",
        "Train every SENCO in the new request form",
    ]


def test_a_dot_closing_an_item_after_its_date_is_its_rag_and_the_date_is_read_whole() -> None:
    text = (
        "## Priority 2: EHC plans\n\n"
        "Next steps\n"
        "Clear the remaining overdue annual reviews – end of March 2026 [R]\n"
        "Go live with the portal for parents and professionals – Jan 2026 [A]\n"
        "Re-launch plan quality audits with parent auditors – Dec 2025 [G]\n"
    )
    assert [(a["text"], a["due"], a["rag"]) for a in actions(text)] == [
        ("Clear the remaining overdue annual reviews", "2026-03-31", "red"),
        ("Go live with the portal for parents and professionals", "2026-01-31", "amber"),
        ("Re-launch plan quality audits with parent auditors", "2025-12-31", "green"),
    ]


GLUED_MINUTES = """PfA Sub-Group - Minutes

ItemNo2 Notes of last meeting and action log
Discussion:Notes agreed. Three actions carried over as below.
Ref:08/24Action:Provide the number of young people who became NEET, by wardActionBy:HoSDue:31/01/25Status:Carried fwd

ItemNo3 Supported internships and employment
Discussion:DW reported 14 young people on supported internships.
Action:Approach the three NHS trusts about hosting internship placements from
September 2025ActionBy:DWDue:31/03/25Ref:01/25Status:Open
Action:Share the job coach funding model with the forum for commentActionBy:FADue:28/02/25Ref:02/25Status:Complete

ItemNo4 Transition to adult health services
Discussion:CS gave an update on the transition protocol.
Action:Identify an adult lead professional for each of the 9 young peopleActionBy:CSDue:24/03/25Ref:03/25Status:In progress
Action:Add a health transition prompt to the Year 9 review paperworkActionBy:HoSDue:30/04/25Ref:04/25Status:Not started
"""  # noqa: E501


def test_glued_minutes_give_each_record_its_item_its_lead_and_the_ref_after_its_date() -> None:
    found = actions(GLUED_MINUTES)
    assert [(a["ref"], a["owner"], a["due"], a["status_raw"]) for a in found] == [
        ("08/24", "HoS", "2025-01-31", "Carried fwd"),
        ("01/25", "DW", "2025-03-31", "Open"),  # "Ref:" after its date: its own, not the next
        ("02/25", "FA", "2025-02-28", "Complete"),
        ("03/25", "CS", "2025-03-24", "In progress"),
        ("04/25", "HoS", "2025-04-30", "Not started"),
    ]
    assert [a["section"] for a in found] == [
        "Item No 2 Notes of last meeting and action log",
        "Item No 3 Supported internships and employment",
        "Item No 3 Supported internships and employment",
        "Item No 4 Transition to adult health services",
        "Item No 4 Transition to adult health services",
    ]
    assert found[1]["text"].endswith("placements from September 2025")


def test_an_action_points_cell_labels_each_action_and_its_fields() -> None:
    text = (
        "<b>Item / discussion</b>\t<b>Action points</b>\n"
        "<b>3. Health advice</b><br>RK reported 81% of advice returned in six weeks.\t"
        "<b>Action:</b> Circulate the revised health advice template to all providers"
        "<br><b>Owner:</b> DCO<br><b>Due:</b> 31/01/2025<br><b>Ref:</b> A14"
        "<br><b>Status:</b> Open\n"
        "<b>5. Therapies</b><br>Take-up is low in the east.\t"
        "<b>Action:</b> Share the traded therapy offer with the SENCO network <b>Owner:</b> Head"
        " of Therapies <b>Ref:</b> A17 <b>Due:</b> 13/02/2025 <b>Status:</b> Open\n"
    )
    assert [(a["ref"], a["owner"], a["due"], a["status_raw"]) for a in actions(text)] == [
        ("A14", "DCO", "2025-01-31", "Open"),
        ("A17", "Head of Therapies", "2025-02-13", "Open"),
    ]


def test_a_later_review_of_an_action_gives_it_its_latest_status() -> None:
    text = (
        "Therapies task and finish group: minutes of meetings 1 to 3\n"
        "Actions are numbered across the life of the group.\n\n"
        "Meeting 1 – Tuesday 8 October 2024\n"
        "2. Terms of reference\n"
        "The draft terms of reference were agreed.\n"
        "Action 1: SW to update the terms of reference and circulate.\n"
        "3. Speech and language therapy\n"
        "612 children are waiting for a first appointment.\n"
        "Action 2: RH to provide waiting list data split by school phase, by 31 October 2024.\n"
        "Action 3: EB to ask the special school heads which therapies they deliver, by 15 "
        "November 2024.\n\n"
        "Meeting 2 – Tuesday 10 December 2024\n"
        "2. Review of actions from 8 October\n"
        "Action 1 – completed; revised terms of reference circulated 14 October.\n"
        "Action 2 – completed. Data received 30 October.\n"
        "Action 3 – ongoing. Five of the seven schools have replied; carried forward.\n"
        "3. OT mapping\n"
        "Action 4: DL to cost jointly funded OT posts in the resourced provisions by 14 "
        "February 2025.\n\n"
        "Meeting 3 – Tuesday 4 March 2025\n"
        "2. Review of actions\n"
        "Action 3 – (carried forward from October) now complete; all schools responded.\n"
        "Action 4 – partly complete. Costs done for two of the three provisions.\n"
    )
    found = actions(text)
    assert [(a["ref"], a["status_raw"], a["status"]) for a in found] == [
        ("1", "completed", "complete"),
        ("2", "completed", "complete"),
        ("3", "now complete", "complete"),
        ("4", "partly complete", "in_progress"),
    ]
    assert found[2]["status_history"] == [{"column": "earlier review", "value": "ongoing"}]
    assert [a["section"] for a in found] == [  # each meeting's items numbered afresh
        "Meeting 1 – Tuesday 8 October 2024 / 2. Terms of reference",
        "Meeting 1 – Tuesday 8 October 2024 / 3. Speech and language therapy",
        "Meeting 1 – Tuesday 8 October 2024 / 3. Speech and language therapy",
        "Meeting 2 – Tuesday 10 December 2024 / 3. OT mapping",
    ]


def test_decisions_are_not_actions_and_actions_arising_keep_their_refs_and_bracketed_status() -> (
    None
):
    text = (
        "Item 3 – Sufficiency Strategy\n"
        "Decision 12: the Board agreed the strategy for submission to Cabinet.\n"
        "Actions arising\n\n"
        "12a Make the agreed changes to section 4 of the strategy and recirculate.\n"
        "Lead: Head of Commissioning. By: 21 March 2025 (complete)\n"
        "12b Prepare the Cabinet report and equality impact assessment.\n"
        "Lead: AD Education. By: end of March 2025 (in progress)\n"
    )
    assert [(a["ref"], a["owner"], a["due"], a["status"]) for a in actions(text)] == [
        ("12a", "Head of Commissioning", "2025-03-21", "complete"),
        ("12b", "AD Education", "2025-03-31", "in_progress"),
    ]


def test_a_lead_written_with_its_date_after_it_is_the_lead_and_the_date() -> None:
    text = (
        "## Priority 1: Assessment\n\n"
        "- Deliver outcome-writing training to all coordinators (Lead: Training Officer, "
        "Autumn term 2025)\n"
        "- Set up an outreach team based at Linford Brook School. Lead: Headteacher, Linford "
        "Brook. Apr 2026\n"
        "- Publish the revised toolkit for schools (Lead: Head of Inclusion, Finance Lead)\n"
    )
    assert [(a["owner"], a["due"]) for a in actions(text)] == [
        ("Training Officer", "2025-12-31"),
        ("Headteacher, Linford Brook", "2026-04-30"),
        ("Head of Inclusion, Finance Lead", None),  # two leads, no date: both kept
    ]


def test_a_page_per_action_titled_by_it_gives_its_fields_not_the_summary_tables_row() -> None:
    text = (
        "## Actions at a glance\n\n"
        "<b>Ref</b>\t<b>Action</b>\t<b>RAG</b>\n"
        "1.1\tDeliver inclusion training to every school SENCo\tGreen\n"
        "1.2\tLaunch an SEN support fund that schools can use without a plan\tAmber\n"
        "1.3\tExtend the home-visiting service to cover the whole county\tRed\n\n"
        "## 1.1 Deliver inclusion training to every school SENCo\n\n"
        "Lead: Inclusion Advisory Team Manager\nDeadline: 31 Mar 2026\n"
        "Status: On track\n75% 75%\n\n"
        "## 1.2 Launch an SEN support fund that schools can use without a plan\n\n"
        "Lead: Head of SEND and Inclusion\nDeadline: Apr 2026\nStatus: In progress\n\n"
        "## 1.3 Extend the home-visiting service to cover the whole county\n\n"
        "Lead: Portage Coordinator\nDeadline: Sept 2026\nStatus: Delayed\n"
    )
    found = actions(text)
    assert [(a["ref"], a["owner"], a["due"], a["status"], a["rag"]) for a in found] == [
        ("1.1", "Inclusion Advisory Team Manager", "2026-03-31", "on_track", "green"),
        ("1.2", "Head of SEND and Inclusion", "2026-04-30", "in_progress", "amber"),
        ("1.3", "Portage Coordinator", "2026-09-30", "delayed", "red"),
    ]


def test_a_flattened_tables_lead_is_cut_where_another_row_names_it_alone() -> None:
    rows = [
        ("1.1", "Clear the backlog of needs assessments past 20 weeks",
         "Head of SEND Assessment and Review", "Educational Psychology Service", "31/03/2026"),
        ("1.2", "Recruit four more coordinators so that caseloads fall",
         "Head of SEND Assessment and Review", "HR Business Partner", "30/09/2025"),
        ("2.1", "Publish a guide to ordinarily available provision for schools",
         "Head of Inclusion and Specialist Support", "Parent Carer Forum", "30/04/2026"),
        ("2.2", "Launch a graduated response toolkit with termly training",
         "Head of Inclusion and Specialist Support", "Teaching School Hub", "31/07/2026"),
    ]  # fmt: skip
    text = "Ref Action Lead officer Partners Target date\n" + "".join(
        " ".join(row) + "\n" for row in rows
    )
    assert [a["owner"] for a in actions(text)] == [row[2] for row in rows]


def test_a_labels_lead_named_by_initials_leads_its_deliverables_and_their_closing_fields() -> None:
    text = (
        "PRIORITY 1: A TIMELY ASSESSMENT PROCESS\n"
        "Statutory assessment – M. Hale, Head of SEND | 1. Move all requests for needs\n"
        "assessment onto the online portal. Due Dec 2025. Under way (A)\n"
        "2. Raise the proportion of new plans issued within twenty\n"
        "weeks to 60% by the end of the financial year. Due 31/03/2026. Under way (R)\n"
        "Educational psychology – Dr F. Nwosu, Principal EP | 3. Recruit two trainee\n"
        "psychologists through the regional bursary scheme. Due Sept 2025. Done\n"
    )
    found = actions(text)
    assert [(a["owner"], a["due"]) for a in found] == [
        ("M. Hale, Head of SEND", "2025-12-31"),
        ("M. Hale, Head of SEND", "2026-03-31"),
        ("Dr F. Nwosu, Principal EP", "2025-09-30"),
    ]
    assert found[1]["text"] == (  # its closing "Due …. Under way (R)" are its fields
        "Raise the proportion of new plans issued within twenty weeks to 60% by the end of the "
        "financial year."
    )
    assert [(a["status_raw"], a["rag"]) for a in found] == [
        ("Under way", "amber"),
        ("Under way", "red"),
        ("Done", None),
    ]


def test_a_heading_after_a_deliverable_ending_in_due_is_no_wrapped_line() -> None:
    text = (
        "PRIORITY C: Enough specialist places\n"
        "C1 Specialist places – Rebecca Anand | 1. Open a 24-place resource base (September "
        "2026) – on track 2. Review the banding model with headteachers (TBC) – not yet due\n"
        "PRIORITY D: Preparing for adult life\n"
        "D1 Preparation for adulthood – Kwame Osei | 1. Start a supported internship cohort "
        "(Sept 2026) – not yet due 2. Write a transition protocol (Jan 2026) – on track\n"
    )
    assert [a["section"].split(" / ")[0] for a in actions(text)] == [
        "PRIORITY C: Enough specialist places",
        "PRIORITY C: Enough specialist places",
        "PRIORITY D: Preparing for adult life",
        "PRIORITY D: Preparing for adult life",
    ]


def test_minuted_actions_closed_by_their_lead_and_date_in_brackets() -> None:
    plan = parse_plan_text(
        "Partnership Board minutes, 14 October 2025\n\n"
        "3. Annual reviews\n\n"
        "The board noted the backlog of annual reviews remains high.\n"
        "ACTION: Write to all headteachers explaining the new top-up timescales "
        "(Head of SEND Services, by 31 October 2025)\n"
        "ACTION: Circulate a save-the-date for the conference to all partners "
        "(Lucy Brennan, by 7 November 2025)\n"
        "ACTION: Present a recovery trajectory for the backlog to the next board "
        "(Priya Natt, by 11 November 2025)\n"
    )
    got = {a["text"]: (a["owner"], a["due"]) for a in plan["actions"]}
    assert got == {
        "Write to all headteachers explaining the new top-up timescales": (
            "Head of SEND Services",
            "2025-10-31",
        ),
        "Circulate a save-the-date for the conference to all partners": (
            "Lucy Brennan",
            "2025-11-07",
        ),
        "Present a recovery trajectory for the backlog to the next board": (
            "Priya Natt",
            "2025-11-11",
        ),
    }


def test_a_roadmaps_items_wrapped_under_their_words_with_typed_double_dashes() -> None:
    plan = parse_plan_text(
        "Inclusion strategy: year 1 roadmap, updated 3 November 2025\n"
        "Each item is shown as ref, deliverable -- lead -- status.\n\n"
        "October 2025\n"
        "   P1-02  Recruit three more EHC coordinators on fixed-term\n"
        "          contracts -- HoSEN -- in progress\n"
        "   P5-01  Readiness review for the monitoring visit (by 14 Nov)\n"
        "          -- SSL -- done\n"
        "   P2-04  Outreach from special schools in two clusters -- SCM --\n"
        "          not started\n\n"
        "November 2025\n"
        "   P3-01  Agree a health advice checklist with community\n"
        "          paediatrics -- DCO -- ongoing\n"
    )
    got = [(a["ref"], a["owner"], a["status"], a["due"]) for a in plan["actions"]]
    assert got == [
        ("P1-02", "HoSEN", "in_progress", "2025-10-31"),
        ("P5-01", "SSL", "complete", "2025-11-14"),
        ("P2-04", "SCM", "not_started", "2025-10-31"),
        ("P3-01", "DCO", "in_progress", "2025-11-30"),
    ]


def test_a_roadmap_grid_of_workstreams_by_quarter_gives_each_item_its_period() -> None:
    plan = parse_plan_text(
        "Roadmap 2025/26, position at 30 September 2025\n\n"
        "Theme\tQ1 2025/26 (Apr–Jun)\tQ2 2025/26 (Jul–Sep)\tQ3 2025/26 (Oct–Dec)\tOverall RAG\n"
        "1. Early help<br>Sponsor: Head of Inclusion\t1.1 Refresh the toolkit (Inclusion "
        "Team) ✔\t1.2 Relaunch SENCo induction (SENCo Network Lead) (complete)<br>1.3 Train "
        "every primary<br>school (Inclusion Team) ongoing\t→ 1.3 continues\tG\n"
        "2. Assessment<br>Sponsor: Head of SEND\t\t2.1 Recovery team for 20-week plans (Head "
        "of SEND) - delayed\t2.2 Digital portal (SEND Systems Lead) *not started*\tA\n"
    )
    got = [(a["ref"], a["text"], a["owner"], a["due"], a["status"]) for a in plan["actions"]]
    assert got == [
        ("1.1", "Refresh the toolkit", "Inclusion Team", "2025-06-30", "complete"),
        ("1.2", "Relaunch SENCo induction", "SENCo Network Lead", "2025-09-30", "complete"),
        ("1.3", "Train every primary school", "Inclusion Team", "2025-09-30", "in_progress"),
        ("2.1", "Recovery team for 20-week plans", "Head of SEND", "2025-09-30", "delayed"),
        ("2.2", "Digital portal", "SEND Systems Lead", "2025-12-31", "not_started"),
    ]
    assert {a["section"] for a in plan["actions"]} == {"1. Early help", "2. Assessment"}


def test_an_okr_sheets_objectives_are_sections_and_its_key_results_no_actions() -> None:
    # Each row says what it is ("Objective", "Key result", "Initiative"): only the
    # initiatives are owned work; the objective is their section.
    plan = parse_plan_text(
        "ICB SEND OKRs 2025/26, check-in 03/10/2025\n\n"
        "Level\tRef\tObjective / Key result / Initiative\tOwner\tTarget\tDue\tStatus\n"
        "Objective\tO1\tChildren get a timely assessment\t\t\t\t\n"
        "Key result\tKR1.1\tMedian wait falls from 94 weeks to 52 weeks\t\t52 wks\t\t\n"
        "Initiative\tI1.1\tCommission extra assessment capacity\tHead of Commissioning\t\t"
        "Dec-25\tOn track\n"
        "Objective\tO2\tHealth advice arrives on time\t\t\t\t\n"
        "Initiative\tI2.1\tOpen a single point of contact for advice\tDCO\t\tSept 25\tDone\n"
    )
    got = [(a["ref"], a["text"], a["section"], a["owner"]) for a in plan["actions"]]
    assert got == [
        ("I1.1", "Commission extra assessment capacity", "O1 Children get a timely assessment",
         "Head of Commissioning"),
        ("I2.1", "Open a single point of contact for advice", "O2 Health advice arrives on time",
         "DCO"),
    ]  # fmt: skip


def test_a_grid_of_months_alone_puts_each_item_under_its_month() -> None:
    # "April | May | …" with no workstream column: each cell holds that month's items, a
    # mark the key explains before each, its lead in brackets and a colour after a dash.
    plan = parse_plan_text(
        "Health forward plan 2025/26, updated 15/01/2026\n\n"
        "April\tMay\tJune\tJuly\tAugust\tSeptember\tOctober\n"
        "\u2714 Publish the annual report (DCO)\t\u25d0 Validate the waiting list (ND Lead)"
        "\tAgree a checklist with providers (DCO) \u2192 moved to Oct\t(no items \u2013 summer)"
        "\t\t\u25cb Train GPs on the Code (Named GP) \u2013 AMBER"
        "\t\u25ba Agree a checklist with providers (DCO)\n\n"
        "KEY \u2714 = done \u25d0 = in progress \u25cb = not started \u25ba = carried forward\n"
    )
    got = [(a["section"], a["text"], a["owner"], a["rag"]) for a in plan["actions"]]
    assert got == [
        ("April", "Publish the annual report", "DCO", None),
        ("May", "Validate the waiting list", "ND Lead", None),
        ("September", "Train GPs on the Code", "Named GP", "amber"),
        ("October", "Agree a checklist with providers", "DCO", None),
    ]
    assert [a["status"] for a in plan["actions"]][:3] == ["complete", "in_progress", "not_started"]


def test_a_schools_plan_dated_in_its_header_table_and_timed_by_half_terms() -> None:
    plan = parse_plan_text(
        "Fernside Primary School\nSEND Development Plan 2025–26\n\n"
        "SENCO\tMrs A Khan\tUpdated\t26/09/2025 (v2 – after INSET)\n\n"
        "Priority\tActions\tWho\tWhen\n"
        "1. Teaching\t1.1 Learning walks on adaptive teaching in every class\tSENCO\tAut 2\n"
        "\t1.2 Screen every Year 1 pupil for speech and language needs\tSALT\tAut 1 – Spr 1\n"
    )
    assert plan["as_at"] == "2025-09-26"
    assert [(a["ref"], a["due"]) for a in plan["actions"]] == [
        ("1.1", "2025-12-31"),
        ("1.2", "2026-02-28"),
    ]


def test_a_column_of_the_standards_an_action_meets_is_no_date_column() -> None:
    plan = parse_plan_text(
        "Service development plan, status as at 31 October 2025\n\n"
        "Ref\tWhat we will do\tHow we will know\tMinimum Standard\tStatus (Oct 2025)\n"
        "1.1\tLaunch a webchat service two afternoons a week (Manager, by March)\t"
        "150 chats by year end\t1.2, 1.4\tOn track\n"
        "1.2\tRewrite the ten most-visited web pages in plain English (Senior Officer, "
        "by December)\tPages tested with parents\t1.1\tIn progress\n"
    )
    assert [(a["owner"], a["due"]) for a in plan["actions"]] == [
        ("Manager", "2026-03-31"),
        ("Senior Officer", "2025-12-31"),
    ]


def test_records_with_labels_glued_to_their_values_sit_under_their_agenda_item() -> None:
    plan = parse_plan_text(
        "Board minutes 9 September 2025\n\n"
        "Item 2:Minutes of the last meeting and action log\n"
        "Notes:The minutes were agreed.\n"
        "Ref:A/25/09\nAction:Circulate timeliness data to Board members\n"
        "Owner:Head of SEND\nDue:31/07/25\nStatus:Complete\n"
        "Ref:A/25/11\nAction:Agree a joint protocol for health advice with the ICB\n"
        "Owner:DCO\nDue:30/09/25\nStatus:Open\n\n"
        "Item 3:EHCP timeliness\nNotes:The board discussed the figures.\n"
        "Ref:A/25/19\nAction:Bring a trajectory for 20-week timeliness to the next meeting\n"
        "Owner:Head of SEND\nDue:11/11/25\nStatus:Open\n"
    )
    got = [(a["ref"], a["section"], a["owner"], a["status"]) for a in plan["actions"]]
    assert got == [
        (
            "A/25/09",
            "Item 2:Minutes of the last meeting and action log",
            "Head of SEND",
            "complete",
        ),
        ("A/25/11", "Item 2:Minutes of the last meeting and action log", "DCO", "in_progress"),
        ("A/25/19", "Item 3:EHCP timeliness", "Head of SEND", "in_progress"),
    ]
    assert not any(s["title"].startswith(("Ref:", "Owner:")) for s in plan["sections"])


def test_a_numbered_plans_item_reported_done_is_still_one_of_its_actions() -> None:
    text = (
        "Priority Action Plan – progress update, position at 30 June 2025\n\n"
        "Strategic leadership\n"
        "1.1 The Director of Children's Services will publish a joint SEND strategy, which is "
        "progressing well (Director of Children's Services).\n"
        "1.2 A shared SEND data dashboard was completed in March and is now reviewed at every "
        "Board meeting (Head of Performance).\n"
        "1.3 The ICB Director of Nursing is setting up a health assurance group, which has "
        "slipped to October (ICB Director of Nursing).\n\n"
        "Background\n"
        "2.1 The inspection took place in February 2024 and found widespread failings.\n"
        "2.2 The Board agreed the plan in April 2024 after consulting families.\n"
        "2.3 The monitoring inspection may take place at any time from August 2025.\n"
    )
    plan = parse_plan_text(text)
    refs = [a["ref"] for a in plan["actions"]]
    assert refs[:3] == ["1.1", "1.2", "1.3"]
    done = next(a for a in plan["actions"] if a["ref"] == "1.2")
    assert done["owner"] == "Head of Performance"
    assert not {"2.1", "2.2", "2.3"} & set(refs)  # a report's numbered paragraphs


def test_of_an_accountable_director_and_a_responsible_officer_the_officer_leads() -> None:
    plan = parse_plan_text(
        "ICB SEND action plan, updated 14 January 2025\n\n"
        "Ref\tDeliverable\tAccountable Director\tResponsible Officer\tTarget Date\tBRAG\n"
        "1.1\tAgree a single health advice template for all providers\tChief Nursing "
        "Officer\tDesignated Clinical Officer\t31/03/2025\tGreen\n"
        "1.2\tReport monthly on six-week compliance by provider\tChief Nursing Officer\t"
        "Head of Children's Commissioning\t30/04/2025\tAmber\n"
    )
    assert [(a["ref"], a["owner"]) for a in plan["actions"]] == [
        ("1.1", "Designated Clinical Officer"),
        ("1.2", "Head of Children's Commissioning"),
    ]


def test_a_roadmap_grid_whose_items_are_not_numbered_has_one_item_a_line() -> None:
    plan = parse_plan_text(
        "SEND roadmap 2026, as at 1 January 2026\n\n"
        "Priority\tSpring term 2026\tSummer term 2026\n"
        "Early help\tTrain every nursery in early language screening<br>Publish the "
        "graduated approach guide\tOpen the family hub drop-ins\n"
    )
    got = [(a["text"], a["due"]) for a in plan["actions"]]
    assert got == [
        ("Train every nursery in early language screening", "2026-03-31"),
        ("Publish the graduated approach guide", "2026-03-31"),
        ("Open the family hub drop-ins", "2026-07-31"),
    ]


def test_a_risk_registers_further_mitigating_actions_are_each_an_action() -> None:
    """The risk's cells merged down beside two or three mitigating actions: each action with
    its own lead, date and progress, none taking the risk's owner or the next one's lead."""
    text = (
        "Risk ref\tRisk title\tRisk description\tRisk owner\tScore\tRAG\t"
        "Further mitigating action\tAction owner\tTarget date\tAction progress\n"
        "R1\tTransport costs rise\tCause: more pupils travel further.\tHead of Transport\t16"
        "\tRed\tRe-tender the taxi framework for special school routes\tTransport Manager"
        "\t31/01/2027\tIn progress\n"
        "\t\t\t\t\t\tOffer independent travel training to 30 more pupils\tTravel Trainer Lead"
        "\tJune 2027\tNot started\n"
        "R2\tHealth advice arrives late\tCause: therapy vacancies.\tDesignated Clinical Officer"
        "\t12\tAmber\tShare a weekly advice tracker with the SEN team\tDCO Administrator"
        "\t28/02/2027\tOn track\n"
    )
    read = {a["text"]: (a["owner"], a["due"], a["status"]) for a in actions(text)}
    assert read == {
        "Re-tender the taxi framework for special school routes": (
            "Transport Manager",
            "2027-01-31",
            "in_progress",
        ),
        "Offer independent travel training to 30 more pupils": (
            "Travel Trainer Lead",
            "2027-06-30",
            "not_started",
        ),
        "Share a weekly advice tracker with the SEN team": (
            "DCO Administrator",
            "2027-02-28",
            "on_track",
        ),
    }


_THREAD = """From: Programme Manager <pm@council.example>
Sent: 20 November 2026 11:03
To: SEND Board
Subject: RE: Actions from the SEND Board 11/11/26

Thanks all, the updates are in the highlight report.
Still waiting on A3.

From: Designated Clinical Officer <dco@icb.example>
Sent: 18 November 2026 17:05
To: Programme Manager
Subject: RE: Actions from the SEND Board 11/11/26

Updates from me inline.

From: Programme Manager <pm@council.example>
Sent: 12 November 2026 16:42
To: SEND Board
Subject: Actions from the SEND Board 11/11/26

Hi all, below are the actions we agreed. Please reply with an update against yours.

Item 3 - EHC plan timeliness
A1. Provide a monthly trajectory for 20-week performance to March 2027.  Owner: RT  Due: 28/11
A2. Share the findings of the October audit with the forum.  Owner: RT  Due: 5/12

Item 4 - Neurodevelopmental pathway
A3. Circulate waiting list data by age band and by school.  Owner: GH  Due: 27/11
A4. Bring an options paper on recurrent funding to the January Board.  Owner: GH  Due: 13/01/27
"""


def test_a_thread_newest_first_is_read_from_the_message_that_sets_the_actions_out() -> None:
    """Replies above it are short news of it; the original, far down, holds the actions."""
    read = {a["ref"]: (a["owner"], a["due"], a["section"]) for a in actions(_THREAD)}
    assert read == {
        "A1": ("RT", "2026-11-28", "Item 3 - EHC plan timeliness"),
        "A2": ("RT", "2026-12-05", "Item 3 - EHC plan timeliness"),
        "A3": ("GH", "2026-11-27", "Item 4 - Neurodevelopmental pathway"),
        "A4": ("GH", "2027-01-13", "Item 4 - Neurodevelopmental pathway"),
    }


def test_a_pipe_table_hard_wrapped_at_the_page_width_gives_each_row_its_own_cells() -> None:
    """No outer pipes, each row cut at a fixed width: the second line of a row carries on
    its action and holds the rest of its cells."""
    text = (
        "Action tracker\n\n"
        "Ref | Action | Responsible | Target | Status | RAG\n"
        "WORKSTREAM 1: EARLY HELP |  |  |  |  | \n"
        "1.01 | Roll out the support plan template to all schools, with training for\n"
        "SENCOs new to post | Head of Inclusion | Sept 26 | Complete | Blue\n"
        "1.02 | Set up a request for support panel so that schools get advice before a\n"
        "request for assessment | Inclusion Support Manager | 30/11/2026 | On track | Green\n"
    )
    read = {a["ref"]: (a["text"], a["owner"], a["due"], a["rag"]) for a in actions(text)}
    assert read["1.01"] == (
        "Roll out the support plan template to all schools, with training for SENCOs new to post",
        "Head of Inclusion",
        "2026-09-30",
        "blue",
    )
    assert read["1.02"][1:] == ("Inclusion Support Manager", "2026-11-30", "green")


def test_a_systems_parent_rows_are_the_sections_of_its_actions_not_actions() -> None:
    """A performance system's export lists each area's own row (with its owner, dates and a
    RAG rolled up) among its actions; the actions name it in their "Parent Title"."""
    area_1 = "A1 Families wait too long for a decision on an assessment"
    area_2 = "A2 Too few local specialist places for pupils with autism"
    text = (
        "Action Progress Report\n\n"
        "Code\tTitle\tParent Code\tParent Title\tAssigned To\tDue Date\tStatus\tBoard RAG\n"
        f"PLAN-A1\t{area_1}\tPLAN\tImprovement Plan 2031\tHead of SEND\t31-Mar-2032"
        "\tIn Progress\tAmber\n"
        f"PLAN-A1.01\tMove decision panels to weekly\tPLAN-A1\t{area_1}\tJo Bell\t15-Sep-2031"
        "\tCompleted\tBlue\n"
        f"PLAN-A1.02\tPublish waiting times each month\tPLAN-A1\t{area_1}\tSam Ray\t12-Jan-2032"
        "\tIn Progress\tGreen\n"
        f"PLAN-A2\t{area_2}\tPLAN\tImprovement Plan 2031\tHead of Place Planning\t31-Jul-2032"
        "\tIn Progress\tRed\n"
        f"PLAN-A2.01\tOpen a 20-place resource base\tPLAN-A2\t{area_2}\tAnn Lee\t01-Sep-2032"
        "\tNot Started\tRed\n"
    )
    read = {a["ref"]: (a["section"], a["owner"], a["due"], a["rag"]) for a in actions(text)}
    assert read == {
        "PLAN-A1.01": (area_1, "Jo Bell", "2031-09-15", "blue"),
        "PLAN-A1.02": (area_1, "Sam Ray", "2032-01-12", "green"),
        "PLAN-A2.01": (area_2, "Ann Lee", "2032-09-01", "red"),
    }


def test_an_issue_trackers_story_with_sub_tasks_is_an_action_among_its_epics_stories() -> None:
    """A tracker's export names a field of several values once a value ("Comment |
    Comment"); a story that sub-tasks name as their parent is still an action beside the
    other stories of its epic, and its sub-tasks sit in that epic too."""
    header = (
        "Summary\tIssue key\tIssue Type\tStatus\tAssignee\tDue date\tLabels\tLabels"
        "\tParent summary\tComment\tComment\n"
    )
    epic = "Workstream 2 - Timely plans"
    story = "Rebuild the assessment workflow with week 6 alerts"
    text = (
        header + f"Book training rooms for case officers\tPLN-21\tSub-task\tTo Do\tAmy Cole"
        f"\t02/May/32 12:00 AM\tx\t\t{story}\t\t\n"
        + f"{story}\tPLN-8\tStory\tIn Progress\tBen Hart\t30/Apr/32 12:00 AM\tx\ty"
        f"\t{epic}\t01/Feb/32;a1;Supplier chased\t\n"
        + f"Audit fifty plans issued last year\tPLN-9\tStory\tDone\tAmy Cole"
        f"\t13/Dec/31 12:00 AM\t\t\t{epic}\t\t\n"
        + f"{epic}\tPLN-2\tEpic\tIn Progress\tBen Hart\t\t\t\t\t\t\n"
    )
    read = {a["ref"]: (a["section"], a["owner"], a["due"]) for a in actions(text)}
    assert read == {
        "PLN-21": (epic, "Amy Cole", "2032-05-02"),
        "PLN-8": (epic, "Ben Hart", "2032-04-30"),
        "PLN-9": (epic, "Amy Cole", "2031-12-13"),
    }


def test_the_person_assigned_is_the_lead_beside_the_lead_organisations_column() -> None:
    """A list's export names who does the work ("Assigned To") and the organisation that
    leads it: the person is the action's lead, the organisation is not run into it."""
    text = (
        "Action\tRef\tAssigned To\tLead organisation\tDue date\tStatus\n"
        "Open a second decision panel each week\t1.1\tOkoro, Grace\tTownby Council"
        "\t31/03/2032\tIn progress\n"
        "Publish the neurodevelopmental waiting list monthly\t1.2\tBaptiste, Leon"
        "\tTownby ICB\t30/06/2032\tNot started\n"
    )
    assert [(a["ref"], a["owner"]) for a in actions(text)] == [
        ("1.1", "Okoro, Grace"),
        ("1.2", "Baptiste, Leon"),
    ]


def test_an_issue_logs_action_being_taken_answers_an_issue_and_is_no_action() -> None:
    text = (
        "Actions\nRef\tAction\tOwner\tDue\tStatus\n"
        "A01\tPublish the transport policy consultation\tTransport Manager\t31/03/2026\tOpen\n\n"
        "Issues\nIssue ID\tIssue\tImpact\tAction being taken\tOwner\tStatus\n"
        "I01\tCase management upgrade delayed\tManual reporting\t"
        "Weekly extract checked by the performance team\tHead of Business Support\tOpen\n"
        "I02\tRise in requests from four schools\tCaseloads up\t"
        "Analysis and visits to the four schools\tHead of SEND\tOpen\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [a["text"] for a in actions] == ["Publish the transport policy consultation"]


def test_a_programme_systems_extract_reads_its_action_rows_under_their_priority() -> None:
    """A performance system exports its whole tree as rows of one CSV, a "Level" column
    saying what each is (Plan, Priority, Action): each action a row of its own under its
    priority, the plan's own row none, a "Success criteria:" description its measures and
    a cancelled action closed."""
    data = (
        b"Report:,Improvement programme extract\r\n\r\n"
        b"Level,Code,Title,Description,Parent Code,Assigned To,Due Date,Status\r\n"
        b"Plan,IP,Townby SEND improvement programme,The whole programme,,A. Lead,"
        b"31-Mar-2032,In Progress\r\n"
        b"Priority,IP-P1,Priority 1: Families wait too long,Why it matters,IP,A. Lead,"
        b"31-Mar-2032,In Progress\r\n"
        b"Action,IP-1.1,Open a second decision panel each week,"
        b"Success criteria: 1) Panel meets weekly 2) No request waits over 6 weeks,IP-P1,"
        b"Grace Okoro,30-Sep-2031,Completed\r\n"
        b"Action,IP-1.2,Recruit two locum caseworkers,,IP-P1,Grace Okoro,31-Oct-2031,"
        b"Cancelled\r\n"
        b"Priority,IP-P2,Priority 2: Advice arrives late,,IP,A. Lead,31-Mar-2032,In Progress\r\n"
        b"Action,IP-2.1,Publish the advice timeliness dashboard monthly,,IP-P2,Leon Baptiste,"
        b"30-Jun-2032,In Progress\r\n"
        b"\r\n4 records\r\n"
    )

    plan = parse_plan_text(read_document(data, "extract.csv"))

    got = [(a["ref"], a["text"], a["section"], a["status"]) for a in plan["actions"]]
    assert got == [
        ("IP-1.1", "Open a second decision panel each week", "Priority 1: Families wait too long",
         "complete"),
        ("IP-1.2", "Recruit two locum caseworkers", "Priority 1: Families wait too long",
         "closed"),
        ("IP-2.1", "Publish the advice timeliness dashboard monthly",
         "Priority 2: Advice arrives late", "in_progress"),
    ]  # fmt: skip
    assert plan["actions"][0]["measures"] == ["Panel meets weekly", "No request waits over 6 weeks"]


def test_a_committees_minutes_page_gives_only_the_resolutions_that_put_work_to_someone() -> None:
    """A committee system's page of minutes, a table row an agenda item ("35. | title,
    Minutes:, what was said, RESOLVED that: (1) … (2) …"): what was said is no list of
    deliverables, a resolution to note or approve is no action, and one that puts work to
    an officer is, led by that officer, under its numbered item."""
    page = (
        b"<html><body><h2>Items</h2><table>"
        b"<tr><td>12.</td><td>Apologies for Absence<br><b>Minutes:</b><br>"
        b"<p>Apologies were received from Councillor Ada Marsh.</p></td></tr>"
        b"<tr><td>13.</td><td>SEND Improvement Plan Update<br><b>Minutes:</b><br>"
        b"<p>The Committee considered the report of the Director of Children's Services.</p>"
        b"<p>Members were concerned that the forum had not seen the plan.</p>"
        b"<p><b>RESOLVED</b> that:</p>"
        b"<p>(1) the progress made against the plan, as set out in the report, be noted;</p>"
        b"<p>(2) the Head of SEND Services provide Members with a breakdown of assessment "
        b"timeliness by locality by 31 March 2032; and</p>"
        b"<p>(3) a working group of four Members be set up to review transport for pupils "
        b"with SEND.</p></td></tr>"
        b"<tr><td>14.</td><td>Work Programme<br><b>Minutes:</b><br>"
        b"<p><b>RESOLVED</b> that the work programme be agreed.</p></td></tr>"
        b"</table></body></html>"
    )

    actions = parse_plan_text(read_document(page, "minutes.html"))["actions"]

    assert [(a["text"][:40], a["owner"]) for a in actions] == [
        ("the Head of SEND Services provide Member", "Head of SEND Services"),
        ("a working group of four Members be set u", None),
    ]
    assert all(a["section"].endswith("13. SEND Improvement Plan Update") for a in actions)


def test_minutes_lettered_resolutions_and_an_officers_undertaking_are_read_as_minutes_say() -> None:
    """Minutes printed as paragraphs: the parts after "RESOLVED: That –" that put work to
    someone are actions (a report "be brought" too, led by nobody named), those that note
    or record thanks are not; an officer who "undertook to" do something leads it."""
    text = (
        "## 24/59 SEND Improvement Plan Progress Report\n"
        "Minutes:\n"
        "The Committee considered a report of the Director of Education.\n"
        "The Head of SEND undertook to circulate the appeals figures to Members.\n"
        "RESOLVED: That –\n"
        "(a) the progress made against the plan be noted;\n"
        "(b) the Director of Education provide the Committee with timeliness by locality by "
        "30 April 2032;\n"
        "(c) the Committee's thanks to the forum for their contribution to the report be "
        "recorded; and\n"
        "(d) a further progress report be brought to the Committee's meeting in July 2032.\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"][:30], a["owner"]) for a in actions] == [
        ("The Head of SEND undertook to ", "Head of SEND"),
        ("the Director of Education prov", "Director of Education"),
        ("a further progress report be b", None),
    ]


def test_a_monthly_return_reports_each_action_once_with_its_latest_month() -> None:
    """A return that appends a row per action per month (the same ref and words, a slip
    put right in a later month): each action once, as its latest month reports it."""
    header = "Reporting period,Action ref,Action,Lead,Target date,Status,RAG\n"
    months = [
        ("January 2032", "In progress", "Amber", "Deliever the recovery plan"),
        ("February 2032", "In progress", "Red", "Deliver the recovery plan"),
        ("March 2032", "Complete", "Blue", "Deliver the recovery plan"),
    ]
    rows = "".join(
        f"{month},A1,Open a second decision panel each week,Grace Okoro,31/03/2032,{status},"
        f"{rag}\n{month},A2,{words},Leon Baptiste,30/06/2032,In progress,Green\n"
        for month, status, rag, words in months
    )

    plan = parse_plan_text(read_document((header + rows).encode(), "returns.csv"))

    got = [(a["ref"], a["text"], a["status"], a["rag"]) for a in plan["actions"]]
    assert got == [
        ("A1", "Open a second decision panel each week", "complete", "blue"),
        ("A2", "Deliver the recovery plan", "in_progress", "green"),
    ]


def test_an_action_logs_numbers_in_their_year_keep_each_row_an_action_of_its_own() -> None:
    """A board's action log numbers its actions in the year they were raised ("24/22"):
    each row is an action under that number, not the row above run on."""
    text = (
        "SEND Partnership Board minutes, 23 January 2032\n"
        "4. Priority Action Plan progress\n"
        "RH took members through the highlight report.\n"
        "ACTION: RH to circulate the highlight report template to all leads by 7 February.\n"
        "5. Timeliness\n"
        "ACTION: KP to bring a recovery trajectory to the March meeting.\n\n"
        "ACTION LOG\n"
        "No.\tMeeting\tAction\tOwner\tDue\tStatus\n"
        "24/19\t26/09/31\tProduce a one-page summary of the Local Offer refresh\tAL\tNov 31"
        "\tComplete\n"
        "24/22\t28/11/31\tConfirm the membership of workstream 3\tTB\tJan 32\tComplete\n"
        "2032/01\t23/01/32\tCirculate the highlight report template\tRH\t07/02/32\tNew\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"]) for a in actions if a["ref"]] == [
        ("24/19", "AL"),
        ("24/22", "TB"),
        ("2032/01", "RH"),
    ]


def test_an_action_told_in_the_minutes_and_listed_in_their_log_is_one_action() -> None:
    """Minutes record "ACTION: RH to circulate …" in the discussion, and their action log
    lists it with its owner and date: one action, the log's row."""
    text = (
        "SEND Partnership Board minutes, 23 January 2032\n"
        "4. Highlight reports\n"
        "RH showed the new template.\n"
        "ACTION: RH to circulate the revised highlight report template to all workstream "
        "leads by 7 February.\n"
        "5. Timeliness\n"
        "ACTION: KP to bring a recovery trajectory for 20-week timeliness to the March "
        "meeting.\n\n"
        "ACTION LOG\n"
        "No.\tAction\tOwner\tDue\tStatus\n"
        "25/01\tCirculate the revised highlight report template to all workstream leads\tRH"
        "\t07/02/32\tNew\n"
        "25/02\tBring a recovery trajectory for 20-week timeliness to the March meeting\tKP"
        "\t27/03/32\tNew\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"]) for a in actions] == [("25/01", "RH"), ("25/02", "KP")]


def test_a_minutes_closing_summary_naming_its_actions_in_a_few_words_adds_none():
    """ "Action summary": each of the meeting's actions again under its ref, named in a few
    words ("3.1 | SEF refresh with the Forum"): the same actions, not new ones."""
    text = (
        "Kingsmere SEND Improvement Board\nMinutes, 9 December 2030\n\n"
        "3. Inspection readiness\n"
        "Ref\tAction\tOwner\tDue\n"
        "3.1\tRefresh the local area self-evaluation (SEF) with the Forum and circulate a "
        "draft\tRachel Ivers\t15/01/31\n"
        "3.2\tPrepare a communications plan for the monitoring inspection\tFemi Ogunleye\t"
        "10/02/31\n\n"
        "8. Any other business\n"
        "Ref\tAction\tOwner\tDue\n"
        "8.1\tCirculate the 2031 Board meeting dates and the forward plan\tKaren Holt\t18/12/30\n\n"
        "Action summary (new actions from this meeting only)\n"
        "Ref\tAction\tOwner\tDue\n"
        "3.1\tSEF refresh with the Forum\tRI\t15/01/31\n"
        "3.2\tInspection communications plan\tFO\t10/02/31\n"
        "8.1\tMeeting dates 2031\tKH\t18/12/30\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"]) for a in actions] == [
        ("3.1", "Rachel Ivers"),
        ("3.2", "Femi Ogunleye"),
        ("8.1", "Karen Holt"),
    ]
