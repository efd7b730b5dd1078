"""Trackers in a report's shapes: printed as a fixed-width text report (a database report,
a PDF's text laid out by position), and a SMART table's columns. Synthetic, in the shapes
of such print-outs."""

from sendtrack.domain.documents.columns import fixed_width_tables
from sendtrack.domain.documents.plan import parse_plan_text

WIDTHS = (5, 34, 20, 12, 5, 12)


def _line(*cells: str) -> str:
    """A report line: each cell padded to its column's width, as a report writer prints."""
    return (
        "".join(cell.ljust(width) for cell, width in zip(cells, WIDTHS, strict=False)).rstrip()
        + "\n"
    )


PAGE_HEADER = (
    "BRINDLE COUNCIL - SEND ACTION TRACKER                                 Page {page} of 2\n"
    "Position as at 30 June 2031\n\n"
    + _line("REF", "ACTION", "LEAD", "DUE", "RAG", "STATUS")
    + _line(*("-" * (width - 1) for width in WIDTHS))
)
REPORT = (
    PAGE_HEADER.format(page=1)
    + "\nTHEME 1: EARLY HELP AND IDENTIFICATION\n\n"
    + _line("1.1", "Open a family hub in each of the", "Head of Early Help", "31/10/2031", "G",
            "On track")
    + _line("", "three districts with health visits")
    + _line("1.2", "Train every SENCO in the new", "SENCO Network Lead", "31/03/2032", "A",
            "Delayed")
    + _line("", "identification toolkit, with input")
    + "\n"
    + PAGE_HEADER.format(page=2)
    + _line("", "from the parent carer forum")
    + "\nTHEME 2: PLANS AND REVIEWS\n\n"
    + _line("2.1", "Clear the annual review backlog", "Head of SEN", "Termly", "R", "Not started")
    + _line("", "", "Statutory Services")
)  # fmt: skip


def test_each_line_is_cut_where_the_columns_start_and_wrapped_cells_carry_on():
    rows = [line.split("\t") for line in fixed_width_tables(REPORT).split("\n") if "\t" in line]

    assert rows[0] == ["REF", "ACTION", "LEAD", "DUE", "RAG", "STATUS"]  # once, not per page
    assert rows[1:] == [
        [
            "1.1",
            "Open a family hub in each of the three districts with health visits",
            "Head of Early Help",
            "31/10/2031",
            "G",
            "On track",
        ],
        [
            "1.2",
            "Train every SENCO in the new identification toolkit, with input from the parent"
            " carer forum",  # across the page break
            "SENCO Network Lead",
            "31/03/2032",
            "A",
            "Delayed",
        ],
        ["2.1", "Clear the annual review backlog", "Head of SEN Statutory Services", "Termly", "R",
         "Not started"],
    ]  # fmt: skip


def test_a_fixed_width_tracker_imports_with_its_themes_and_fields():
    actions = parse_plan_text(REPORT)["actions"]

    assert [(a["ref"], a["owner"], a["due"], a["rag"], a["status"]) for a in actions] == [
        ("1.1", "Head of Early Help", "2031-10-31", "green", "on_track"),
        ("1.2", "SENCO Network Lead", "2032-03-31", "amber", "delayed"),
        ("2.1", "Head of SEN Statutory Services", None, "red", "not_started"),
    ]
    assert actions[0]["section"].upper() == "THEME 1: EARLY HELP AND IDENTIFICATION"
    assert actions[2]["section"].upper() == "THEME 2: PLANS AND REVIEWS"


def test_text_with_no_underlined_header_is_left_as_it_is():
    text = "Plan\n\nRef  Action  Lead\n1.1  Open the hub  Jo Bell\n-- -- --\n"
    assert fixed_width_tables(text) == text


SMART = (
    "Brindle SMART action plan\nUpdated: October 2031\n\nArea 1: Families\n"
    "Specific (what we will do)\tMeasurable (how we will know)\tAchievable (resources / lead)\t"
    "Relevant (link to priority)\tTime-bound (by when)\tProgress\n"
    "Hold a monthly SEND surgery in each family hub\tSurgeries held every month\t"
    "Lead: SEND Casework Manager<br>Resources: existing caseworkers\tPriority 1\t"
    "January 2032\tG – rooms booked for November\n"
    "Publish an easy-read guide to EHC plans\tGuide published on the Local Offer\t"
    "Lead: Local Offer Officer Resources: £2,500 design budget\tPriority 1\tMarch 2032\t"
    "A – print delayed\n"
)


def test_a_smart_tables_columns_name_the_action_measures_lead_and_date():
    """ "Specific" is the action, "Measurable" its measure, the lead labelled in the
    "Achievable" cell its owner, "Time-bound" its date; a progress cell opening with a RAG
    letter and a dash rates the action."""
    actions = parse_plan_text(SMART)["actions"]

    assert [(a["text"][:20], a["owner"], a["due"], a["rag"]) for a in actions] == [
        ("Hold a monthly SEND ", "SEND Casework Manager", "2032-01-31", "green"),
        ("Publish an easy-read", "Local Offer Officer", "2032-03-31", "amber"),
    ]
    assert actions[0]["measures"] == ["Surgeries held every month"]


RAID = (
    "Brindle SEND programme – RAID log\n\n"
    "ID\tDate raised\tRisk\tCause\tConsequence\tRAG\tMitigation\tOwner\tStatus\n"
    "R01\t12/05/2031\tPlan numbers keep rising\tMore requests for assessment\tDeficit grows\t"
    "Red\tQuarterly re-forecast\tHead of SEND\tOpen\n\n"
    "ID\tAssumption\tBasis\tOwner\n"
    "AS1\tThe grant is paid in both years\tGrant letter\tProgramme Manager\n\n"
    "Ref\tDate raised\tAction\tOwner\tDue\tStatus\tDate closed\n"
    "A01\t12/05/2031\tBuild a demand model for plan growth\tFinance Partner\t30/06/2031\tClosed\t"
    "24/06/2031\n"
    "A02\t09/06/2031\tReview the top-up bands with schools\tHead of SEND\t30/09/2031\tOpen\t\n\n"
    "Ref\tDate\tDecision\tMade by\n"
    "DEC1\t24/06/2031\tAdopt the demand model as the baseline\tProgramme Board\n"
)


def test_a_raid_logs_registers_are_not_actions_and_its_record_dates_are_not_due_dates():
    """Risks (and their causes), assumptions and decisions are not actions; an action is
    due by its "Due" date, not the date it was raised or closed."""
    actions = parse_plan_text(RAID)["actions"]

    assert [(a["ref"], a["due"]) for a in actions] == [
        ("A01", "2031-06-30"),
        ("A02", "2031-09-30"),
    ]


def test_a_quarters_update_columns_give_the_status_and_its_history():
    text = (
        "Ref\tAction\tLead\tTimescale\tQ1 update\tQ2 update\tQ3 update\n"
        "1.1\tRoll out the toolkit to every setting\tEarly Years Manager\tDec 2031\t"
        "G – launched in July\tBlue – Complete. 138 settings trained.\t\n"
    )
    (action,) = parse_plan_text(text)["actions"]

    assert action["status_raw"] == "Blue – Complete. 138 settings trained."
    assert action["rag"] == "blue"
    assert [entry["value"] for entry in action["status_history"]] == ["G – launched in July"]


def test_leads_numbered_as_the_actions_beside_them_are_each_actions_without_its_number():
    text = (
        "Recommendation\tOur response\tAction(s)\tLead\tTimescale\n"
        "R2 Strengthen the governance of the partnership board\tAccepted.\t"
        "1. Revise the board's terms of reference and appoint an independent chair."
        "<br>2. Introduce a SEND outcomes dashboard, reported to every board meeting."
        "<br>3. Publish an annual self-evaluation signed off by the board.\t"
        "1. Director of Children's Services<br>2. Head of Performance<br>3. Board chair\t"
        "1. September 2025<br>2. November 2025<br>3. March 2026\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["owner"], a["due"]) for a in actions] == [
        ("Director of Children's Services", "2025-09-30"),
        ("Head of Performance", "2025-11-30"),
        ("Board chair", "2026-03-31"),
    ]


def test_a_spanning_row_naming_an_area_for_priority_action_after_its_code_opens_it():
    text = (
        "Ref\tAction\tLead\tEnd\tStatus\n"
        "PA1 – Area for priority action 1: Leaders do not share an understanding of need\t\t\t\t\n"
        "PA1.1\tProduce a SEND chapter of the needs assessment\tDirector of Public Health\t"
        "Mar 2025\tOn track\n"
        "Area for priority action 2: Waiting times for assessments are too long\t\t\t\t\n"
        "PA2.1\tCommission extra autism assessments from a second provider\tICB Director\t"
        "Jun 2025\tDelayed\n"
    )

    sections = [a["section"] for a in parse_plan_text(text)["actions"]]

    assert sections == [
        "PA1 – Area for priority action 1: Leaders do not share an understanding of need",
        "Area for priority action 2: Waiting times for assessments are too long",
    ]
