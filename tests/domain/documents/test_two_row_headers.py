"""A spreadsheet's header of two rows (a merged cell over the columns it groups) and a
grouping column filled only on each group's first row: synthetic, in the shape of trackers
councils keep in Excel."""

from sendtrack.domain.documents.columns import join_two_row_headers
from sendtrack.domain.documents.plan import parse_plan_text

TRACKER = (
    "Brindle SEND Partnership – WSoA tracker\n"
    "Position at 31 December 2030\n"
    "\n"
    "Workstream\tRef\tAction\tDelivery\t\tProgress\t\t\tRAG\n"
    "\t\t\tLead\tDate\tQ1\tQ2\tQ3 update\t\n"
    "1. Early help\t1.1\tRun family drop-ins in every hub\tHub Manager\tMar-31\t"
    "Planned\tTwo hubs open\tFour hubs open – on track\tG\n"
    "\t1.2\tPublish a short-breaks statement\tShort Breaks Lead\tJun-31\t"
    "Drafted\tConsulted\t\tA\n"
    "2. Assessment\t2.1\tClear the annual review backlog\tHead of SEN\t31.03.31\t"
    "Backlog 900\tBacklog 700\tBacklog 500 – behind trajectory\tR\n"
)


def test_a_header_of_two_rows_names_each_column_by_its_lower_cell_or_both():
    (header,) = [line for line in join_two_row_headers(TRACKER).split("\n") if "Ref" in line]
    assert header.split("\t") == [
        "Workstream",
        "Ref",
        "Action",
        "Lead",
        "Date",
        "Progress Q1",
        "Progress Q2",
        "Q3 update",  # a column's name of its own
        "RAG",
    ]


def test_a_data_row_under_a_header_is_not_taken_for_its_second_row():
    text = "Ref\tAction\tLead\tDue\n1.1\tTrain staff\tAB\tMay 2031\n"
    assert join_two_row_headers(text) == text


def test_each_ref_is_an_action_and_the_latest_filled_progress_column_its_status():
    plan = parse_plan_text(TRACKER)
    actions = {a["ref"]: a for a in plan["actions"]}
    assert sorted(actions) == ["1.1", "1.2", "2.1"]
    first = actions["1.1"]
    assert first["owner"] == "Hub Manager" and first["rag"] == "green"
    assert first["section"] == "1. Early help"
    assert first["status_raw"] == "Four hubs open – on track"
    assert first["status_history"] == [
        {"column": "Progress Q1", "value": "Planned"},
        {"column": "Progress Q2", "value": "Two hubs open"},
    ]
    # Q3 left empty: Q2 is the latest word on it
    assert actions["1.2"]["status_raw"] == "Consulted"
    assert actions["1.2"]["section"] == "1. Early help"
    assert actions["2.1"]["section"] == "2. Assessment"
    assert actions["2.1"]["due"] == "2031-03-31"


def test_a_status_column_beside_a_progress_update_is_the_status():
    """ "Status" and "Progress update" side by side: the status is the Status cell, the
    update is kept as its history, not taken for the status."""
    text = (
        "Ref\tAction\tOwner\tDue\tStatus\tProgress update\n"
        "1.1\tPublish the toolkit for schools\tHead of SEND\tMarch 2031\tIn progress\t"
        "Draft shared with SENCOs; launch planned\n"
        "1.2\tRecruit two caseworkers\tSEN Manager\tJune 2031\tComplete\tBoth started in May\n"
    )
    plan = parse_plan_text(text)
    assert [(a["status_raw"], a["status"]) for a in plan["actions"]] == [
        ("In progress", "in_progress"),
        ("Complete", "complete"),
    ]
    assert plan["actions"][1]["status_history"] == [
        {"column": "Progress update", "value": "Both started in May"}
    ]


def test_priority_and_objective_columns_filled_once_per_group_carry_down():
    """A sheet whose merged "Priority" and "Objective" cells hold their value on the first
    row they span only; a colour opening the status cell is the action's RAG."""
    text = (
        "Priority\tObjective\tRef\tAction\tLead\tDeadline\tStatus\n"
        "Priority 1: Timely plans\t1.1 Assessments in 20 weeks\t1.1.1\tRecruit coordinators\t"
        "Head of SEND\t31/01/2031\tOn track\n"
        "\t\t1.1.2\tTrack every assessment\tHead of SEND\tOct-30\tComplete\n"
        "\t1.2 Reviews on time\t1.2.1\tClear the review backlog\tReviews Manager\tQ4 2030/31\t"
        "Amber - in progress\n"
        "Priority 2: Health\t2.1 Therapies\t2.1.1\tValidate the waiting list\tICB Lead\t"
        "Mar-31\tRed: 54% validated\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["section"], a["rag"]) for a in actions] == [
        ("1.1.1", "Priority 1: Timely plans / 1.1 Assessments in 20 weeks", None),
        ("1.1.2", "Priority 1: Timely plans / 1.1 Assessments in 20 weeks", None),
        ("1.2.1", "Priority 1: Timely plans / 1.2 Reviews on time", "amber"),
        ("2.1.1", "Priority 2: Health / 2.1 Therapies", "red"),
    ]


def test_a_gantt_charts_months_under_their_years_date_each_row_by_its_last_marked_month():
    text = (
        "Ref\tAction\tLead\t2025\t\t\t2026\t\t\tStatus\n"
        "\t\t\tOct\tNov\tDec\tJan\tFeb\tMar\t\n"
        "1.1\tLaunch the early help offer for families\tEarly Help Manager\t■\t■\t\t\t\t\t"
        "On track\n"
        "1.2\tTrain early years practitioners in the toolkit\tEarly Years Team\t\t■\t■\t■\t\t\t"
        "On track\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["due_raw"], a["due"]) for a in actions] == [
        ("Nov 2025", "2025-11-30"),
        ("Jan 2026", "2026-01-31"),
    ]
