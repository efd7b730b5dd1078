"""Plan-level impact indicators (`indicators.py`) on synthetic documents (no seed text)."""

from sendtrack.domain.documents.indicators import (
    indicator_items,
    indicator_label,
    rba_heading_kind,
    split_numbered_run,
)
from sendtrack.domain.documents.plan import parse_plan_text

# Shape 1: results-based-accountability headings, then one list per heading.
RBA_REPORT = (
    "Lakemoor SEND Partnership: Quarterly Progress Report\n"
    "As at May 2031\n"
    "\n"
    "Transport Workstream\n"
    "\n"
    "Ref\tAction\tLead\tDue\tStatus\n"
    "1\tRetender the travel assistance contract\tKL\tJune 2031\tOn track\n"
    "\n"
    "Evaluation Framework-Overview\n"
    "\n"
    "How much **DID** we deliver\n"
    "\n"
    "How **WELL** did we\n"
    "deliver it\n"
    "\n"
    "Outcome – What\n"
    "DIFFERENCE has it\n"
    "made?\n"
    "\n"
    "Example indicators:\n"
    "\n"
    "- Count of travel passes issued\n"
    "- Count of routes reviewed\n"
    "\n"
    "Example indicators:\n"
    "\n"
    "- % of routes planned within 10 days\n"
    "- Complaints per 100 journeys\n"
    "\n"
    "Example indicators:\n"
    "\n"
    "- Share of learners travelling independently\n"
    "- Change in confidence of families\n"
    "\n"
    "Programme – Next Steps\n"
    "\n"
    "- Publish the route planning guide\n"
)

# The same report with no evaluation block: actions must be identical.
RBA_FREE = RBA_REPORT.split("Evaluation Framework-Overview")[0] + (
    "Programme – Next Steps\n\n- Publish the route planning guide\n"
)

# An RBA block whose headings each sit right above their own list.
RBA_INTERLEAVED = (
    "Harbour Inclusion Plan\n"
    "As at March 2030\n"
    "\n"
    "Measuring Our Impact\n"
    "\n"
    "How much did we do?\n"
    "- Number of outreach visits\n"
    "How well did we do it?\n"
    "- Percentage of visits rated good\n"
    "Is anyone better off?\n"
    "- Pupils returning to full-time timetables\n"
    "\n"
    "Next Steps\n"
    "\n"
    "- Agree the outreach schedule with schools\n"
)

# Shape 2: a labelled "Impact indicators" row after an outcome row, continued in a row with
# an empty first cell and in numbered lines, until the next heading.
LABELLED = (
    "Fernvale Local Area Written Statement of Action\n"
    "As at October 2029\n"
    "\n"
    "Workstream 1 – Short Breaks\n"
    "\n"
    "OUTCOME 1\tShort Breaks\n"
    "IMPACT INDICATORS\ta. Families can find short break options online. b. Waiting "
    "times for a short break fall by a third.\n"
    "\n"
    "\t<p>c. Carers report feeling rested after a break.</p>\n"
    "\n"
    "Action Plan\n"
    "\n"
    "Activity\t\tLead\tPartners\tTimeframe\tProgress checks\n"
    "1.1.1 Map the short break offer with families\t\tGH Manager\tParent forum\tMarch 2030\t\n"
    "\n"
    "Workstream 2 – Therapies\n"
    "\n"
    "OUTCOME 2\tTherapies\n"
    "Measures of impact\t<ol> 1. Therapy waits fall below 18 weeks. 2. Schools rate "
    "advice as useful (from 2.5 in 2028/29).</ol>\n"
    "\n"
    "3. Parents report joined-up therapy plans.\n"
    "4. Fewer appointments are missed.\n"
    "\n"
    "ACTION PLAN\n"
    "\n"
    "Activity\t\tLead\tPartners\tTimeframe\tProgress checks\n"
    "2.1.1 Recruit two speech therapists\t\tTherapy Lead\tHealth trust\tJune 2030\t\n"
)


def _triples(plan: dict[str, object]) -> list[tuple[object, object, object]]:
    items = plan["indicators"]
    assert isinstance(items, list)
    return [(i["section"], i["text"], i["kind"]) for i in items]


def test_rba_heading_kind() -> None:
    assert rba_heading_kind("How much **DID** we deliver") == "how_much"
    assert rba_heading_kind("How WELL did we do it?") == "how_well"
    assert rba_heading_kind("Is anyone better off?") == "better_off"
    assert rba_heading_kind("DIFFERENCE has it") == "better_off"
    assert rba_heading_kind("What difference did it make") == "better_off"
    assert rba_heading_kind("Outcome – What") is None
    long = "How much the service has grown since the review is set out in the annex below"
    assert rba_heading_kind(long) is None


def test_indicator_label() -> None:
    for label in (
        "IMPACT INDICATORS",
        "Impact measures",
        "Measures of impact",
        "Success measures:",
        "How we will know",
    ):
        assert indicator_label(label), label
    for other in ("Impact", "Indicators of need in the area", "Outcome 1", "Milestones"):
        assert not indicator_label(other), other


def test_split_numbered_run_follows_the_sequence() -> None:
    assert split_numbered_run("1. First thing. 2. Second (from 2.3 in 2019). 3. Third") == [
        "First thing.",
        "Second (from 2.3 in 2019).",
        "Third",
    ]
    assert split_numbered_run("a. Alpha item b. Beta item") == ["Alpha item", "Beta item"]
    # a number out of sequence is text, not a new item
    assert split_numbered_run("1. Rates fall by 5. Then rise") == ["Rates fall by 5. Then rise"]
    assert split_numbered_run("No marker here") == ["No marker here"]


def test_indicator_items_paragraphs_and_bullets() -> None:
    cell = "<p>One measure.</p> <p>Another measure.</p>"
    assert indicator_items(cell) == ["One measure.", "Another measure."]
    assert indicator_items("<ul><li>Alpha</li><li>Beta</li></ul>") == ["Alpha", "Beta"]


def test_rba_block_lists_follow_heading_order() -> None:
    plan = parse_plan_text(RBA_REPORT)
    section = "Evaluation Framework-Overview"
    assert _triples(plan) == [
        (section, "Count of travel passes issued", "how_much"),
        (section, "Count of routes reviewed", "how_much"),
        (section, "% of routes planned within 10 days", "how_well"),
        (section, "Complaints per 100 journeys", "how_well"),
        (section, "Share of learners travelling independently", "better_off"),
        (section, "Change in confidence of families", "better_off"),
    ]


def test_rba_block_does_not_change_actions() -> None:
    with_block = parse_plan_text(RBA_REPORT)["actions"]
    without = parse_plan_text(RBA_FREE)["actions"]
    assert with_block == without
    texts = [a["text"] for a in with_block]
    assert "Publish the route planning guide" in texts
    assert not any("Count of" in t for t in texts)


def test_rba_headings_each_above_their_list() -> None:
    plan = parse_plan_text(RBA_INTERLEAVED)
    assert _triples(plan) == [
        ("Measuring Our Impact", "Number of outreach visits", "how_much"),
        ("Measuring Our Impact", "Percentage of visits rated good", "how_well"),
        ("Measuring Our Impact", "Pupils returning to full-time timetables", "better_off"),
    ]


def test_a_lone_how_much_line_is_not_an_rba_block() -> None:
    text = (
        "Riverside Plan\nAs at March 2030\n\nHow much we spent\n\n- Transport budget review\n"
        "\nNext Steps\n\n- Agree the transport budget\n"
    )
    assert parse_plan_text(text)["indicators"] == []


def test_labelled_indicator_rows_with_continuations() -> None:
    plan = parse_plan_text(LABELLED)
    ws1 = "Workstream 1 – Short Breaks"
    ws2 = "Workstream 2 – Therapies"
    assert _triples(plan) == [
        (ws1, "Families can find short break options online.", None),
        (ws1, "Waiting times for a short break fall by a third.", None),
        (ws1, "Carers report feeling rested after a break.", None),
        (ws2, "Therapy waits fall below 18 weeks.", None),
        (ws2, "Schools rate advice as useful (from 2.5 in 2028/29).", None),
        (ws2, "Parents report joined-up therapy plans.", None),
        (ws2, "Fewer appointments are missed.", None),
    ]


def test_labelled_indicators_are_not_actions() -> None:
    actions = parse_plan_text(LABELLED)["actions"]
    texts = [a["text"] for a in actions]
    assert len(actions) == 2, texts
    assert not any("short break options" in t or "Therapy waits" in t for t in texts)


def test_plan_without_indicator_block_has_none() -> None:
    text = (
        "Brookfield SEND Improvement Plan\nAs at April 2030\n\n"
        "Ref\tAction\tLead\tDue\tStatus\n"
        "1\tReview the graduated approach toolkit\tMP\tJune 2030\tOn track\n"
        "2\tMeasure how well families can reach the Local Offer\tMP\tJuly 2030\tNot started\n"
    )
    plan = parse_plan_text(text)
    assert plan["indicators"] == []
    assert len(plan["actions"]) == 2
