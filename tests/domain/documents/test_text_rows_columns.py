"""Unit tests of the text, rows and columns stages on synthetic fragments."""

import pytest

from sendtrack.domain.documents.columns import column_role, is_header_row, read_header
from sendtrack.domain.documents.plan import parse_plan_text
from sendtrack.domain.documents.rows import (
    is_page_footer,
    is_rule_row,
    read_lines,
    split_cells,
    without_contents_pages,
)
from sendtrack.domain.documents.text import (
    cell_fragments,
    decode_bytes,
    measure_items,
    plain,
    strip_bullet,
    unstruck,
)


def test_decode_bytes_handles_bom_utf16_and_cp1252():
    assert decode_bytes("Plan – draft".encode("utf-16")) == "Plan – draft"
    assert decode_bytes("Plan – draft".encode("cp1252")) == "Plan – draft"
    assert decode_bytes(b"\xef\xbb\xbfPlan") == "Plan"
    assert decode_bytes("Plan".encode("utf-16-le")) == "Plan"


def test_plain_drops_markup_and_decodes_entities():
    assert plain("<p>Fish &amp; <b>chips</b></p>\n  today") == "Fish & chips today"
    assert plain("20<sup>th</sup> March") == "20th March"
    assert plain("**Bold lead-in:**") == "Bold lead-in:"


def test_strip_bullet():
    assert strip_bullet("\u2022 Hire staff") == "Hire staff"
    assert strip_bullet("- Hire staff") == "Hire staff"
    assert strip_bullet("Hire staff") == "Hire staff"


def test_cell_fragments_keeps_list_items_and_paragraphs():
    frags = cell_fragments(
        "<p><b>Actions:</b></p> <ul><li>\u25aa Paint fence</li><li>Mow lawn</li></ul>"
    )
    assert [(f.text, f.is_item, f.bold) for f in frags] == [
        ("Actions:", False, True),
        ("Paint fence", True, False),
        ("Mow lawn", True, False),
    ]


def test_cell_fragments_splits_glyph_bullets_but_not_numbered_runs():
    frags = cell_fragments("<ul> \u2022 First job \u2022 Second job")
    assert [f.text for f in frags if f.is_item] == ["First job", "Second job"]
    frags = cell_fragments("<ul> I. Alpha II. Beta")
    assert len(frags) == 1 and not frags[0].is_item


def test_cell_fragments_drops_bold_editor_notes():
    frags = cell_fragments("Improve the offer <b>*note to merge with 3</b>")
    assert frags[0].text == "Improve the offer"


def test_page_footers_and_rules():
    assert is_page_footer("Page 12 of 40")
    assert is_page_footer("  7 / 19 ")
    assert not is_page_footer("Page layout review")
    assert is_rule_row(["--", "---", ""])
    assert not is_rule_row(["1", "text"])


def test_split_cells_tabs_and_pipes():
    assert split_cells("a\tb\t") == ["a", "b", ""]
    assert split_cells("| a | b | c |") == ["a", "b", "c"]
    assert split_cells("plain prose line") is None


def test_read_lines_drops_furniture_and_marks_bullets():
    lines = read_lines("Intro\n\nPage 3 of 9\n- item one\n  - sub item\nx\ty\n---\t--\n")
    kinds = [(ln.kind, ln.bullet, ln.level) for ln in lines]
    assert kinds == [
        ("text", False, 0),
        ("blank", False, 0),
        ("text", True, 0),
        ("text", True, 1),
        ("row", False, 0),
        ("blank", False, 0),
    ]


def test_column_synonyms():
    assert column_role("Actions to take") == "action"
    assert column_role("Summary actions") == "action"
    assert column_role("Activity") == "action"
    assert column_role("Action owner") == "owner"
    assert column_role("By who") == "owner"
    assert column_role("Who") == "owner"
    assert column_role("Lead") == "owner"
    assert column_role("Timeframe") == "due"
    assert column_role("When (2031)") == "due"
    assert column_role("Completion date (shaded when done)") == "due"
    assert column_role("Progress checks") == "status"
    assert column_role("RAG") == "rag"
    assert column_role("Partners") == "partners"
    assert column_role("Measure of success") == "measures"
    assert column_role("Impact indicators") == "measures"
    assert column_role("Recommendation No:") == "ref"
    assert column_role("Action ref.") == "ref"
    assert column_role("Focus Area") == "section"
    assert column_role("Objective") == "section"
    assert column_role("Start Date") == "start"
    assert column_role("Sandwiches") is None
    assert column_role("Resp.") == "owner" and column_role("Stat") == "status"  # an export's
    header = read_header(["ID", "Description", "Resp.", "Target", "Stat"])
    assert header.roles == ["ref", "action", "owner", "due", "status"]


def test_header_rows():
    assert is_header_row(["No", "Task", "Who", "When"])
    assert not is_header_row(["1) Fix roof", "", "AB", "", "Complete", "Complete"])
    assert not is_header_row(["1", "Fix the roof before winter", "AB", "May"])


def test_read_header_year_and_merged_columns():
    header = read_header(["Activity", "", "Lead", "When (2031)"])
    assert header.year == 2031
    assert header.assign(["1.2.3", "Fix roof", "AB", "May"]) == {
        "action": ["1.2.3", "Fix roof"],
        "owner": ["AB"],
        "due": ["May"],
    }
    # A row that lost the unnamed spacer column still lines up.
    assert header.assign(["1.2.4 Paint", "CD", "June"])["owner"] == ["CD"]


def test_read_header_infers_action_and_due_columns():
    header = read_header(["Deliverable name", "Kind", "Start Date", "Go live", "Progress"])
    assert header.roles[0] == "action"
    assert header.roles[3] == "due"
    narrative = read_header(["Rec No", "Recommendation", "What we plan to do with families"])
    assert narrative.roles[2] == "narrative"


def test_dated_progress_columns_make_a_header_but_repeated_status_values_do_not():
    assert is_header_row(["Ref", "Action", "Update Sept 25", "Update Dec 25"])
    assert is_header_row(["Ref", "Action", "Progress Q1", "Progress Q2", "Progress Q3 update"])
    assert not is_header_row(["A1", "Train staff", "Progressing", "Complete", "Embedded"])
    assert not is_header_row(["Ref", "Action", "Progress", "Progress"])


def test_assign_names_earlier_progress_columns_as_history_only_when_asked():
    header = read_header(["Ref", "Action", "Update Sept 25", "Update Dec 25"])
    cells = ["1", "Train staff", "Planned", "Under way"]
    assert header.assign(cells)["status"] == ["Planned", "Under way"]
    dated = header.assign(cells, dated=True)
    assert dated["status"] == ["Under way"]
    assert dated["history:Update Sept 25"] == ["Planned"]


def test_a_measures_cell_gives_one_measure_a_paragraph_or_item():
    from sendtrack.domain.documents.text import measure_items

    assert measure_items("85% within 6 weeks<br>Fewer plans delayed") == [
        "85% within 6 weeks",
        "Fewer plans delayed",
    ]
    assert measure_items("• Offer published • SENCO survey ≥75%") == [
        "Offer published",
        "SENCO survey ≥75%",
    ]
    assert measure_items("All posts filled; caseloads below 120") == [
        "All posts filled; caseloads below 120"
    ]
    # A spreadsheet cell's list typed with dashes: the dashes are not the measures' words.
    assert measure_items("- Strategy approved<br>- Published on the Local Offer") == [
        "Strategy approved",
        "Published on the Local Offer",
    ]
    assert measure_items("Waiting list - under 18 weeks") == ["Waiting list - under 18 weeks"]


def test_reference_columns_by_their_many_names():
    assert column_role("# of schools trained") != "ref"  # a count, not a number of its own
    for name in ("#", "Reference", "Action reference", "Item ID", "Task ID", "Issue key", "Ref no"):
        assert column_role(name) == "ref", name
    assert column_role("Reference to the finding") is None


def test_a_task_boards_list_names_are_statuses():
    from sendtrack.domain.documents.status import normalise_status

    assert [normalise_status(w) for w in ("To do", "Doing", "Blocked", "On hold", "Done")] == [
        "not_started",
        "in_progress",
        "delayed",
        "delayed",
        "complete",
    ]
    assert normalise_status("Things to do next term") is None


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Priority action", "action"),
        ("Supporting partners", "partners"),
        ("What difference will it make?", "measures"),
        ("What are we doing?", "action"),
        ("What", "action"),  # "What | Who | When"
    ],
)
def test_more_ways_councils_name_their_columns(name, role):
    assert column_role(name) == role
    assert column_role("Priority action plan") != "action"  # a title, not the action column


def test_a_measures_line_in_lower_case_carries_the_measure_above_on():
    assert measure_items("Plan agreed by March<br>and reviewed termly") == [
        "Plan agreed by March and reviewed termly"
    ]
    assert measure_items("Toolkit published<br>80% of SENCOs trained") == [
        "Toolkit published",
        "80% of SENCOs trained",
    ]


def test_markdown_strikethrough_leaves_the_words():
    assert unstruck("- ~~Launch the guide~~ \u2013 Inclusion Lead") == (
        "- Launch the guide \u2013 Inclusion Lead"
    )
    assert unstruck("Costs ~ 40% lower, ~~ alone") == "Costs ~ 40% lower, ~~ alone"


_CONTENTS_PLAN = """Brightwell Council
SEND Improvement Plan 2026-2028

# Contents
About this plan 2
1. Getting help early 3
2. Plans on time 4
3. Listening to families 5
Contacts 6

# About this plan
The Board reviews the plan every two months.

# 1. Getting help early
<b>#</b>\t<b>Action</b>\t<b>Lead</b>\t<b>Due</b>\t<b>Status</b>
<b>Outcome we want:</b> Families get help before a diagnosis.\t\t\t\t
1\tOpen a SEND drop-in at each family hub\tEarly Years Lead\tMarch 2027\tOn track
2\tTrain nursery staff in early language screening\tSpeech and Language Lead\tJune 2027\tNot started

# 2. Plans on time
<b>#</b>\t<b>Action</b>\t<b>Lead</b>\t<b>Due</b>\t<b>Status</b>
1\tPublish a weekly timeliness report to managers\tHead of SEN\tApril 2027\tOn track

# 3. Listening to families
<b>#</b>\t<b>Action</b>\t<b>Lead</b>\t<b>Due</b>\t<b>Status</b>
1\tHold a termly open forum with the parent carer forum\tParticipation Lead\tJuly 2027\tOn track
"""


def test_a_contents_page_opens_no_section_and_each_table_numbers_its_own_actions():
    plan = parse_plan_text(_CONTENTS_PLAN)
    read = {a["text"]: (a["ref"], a["section"]) for a in plan["actions"]}
    assert read == {
        "Open a SEND drop-in at each family hub": ("1.1", "1. Getting help early"),
        "Train nursery staff in early language screening": ("1.2", "1. Getting help early"),
        "Publish a weekly timeliness report to managers": ("2.1", "2. Plans on time"),
        "Hold a termly open forum with the parent carer forum": (
            "3.1",
            "3. Listening to families",
        ),
    }


def test_lines_ending_in_a_number_stay_unless_their_headings_come_again():
    listed = "Contents\nAims 2\nActions 3\nMeasures 4\n\n# Aims\nx\n# Actions\ny\n# Measures\nz"
    assert "Actions 3" not in without_contents_pages(listed)
    counts = "Schools visited 12\nPlans issued 40\nReviews held 55\n\n# Schools visited\nx"
    assert without_contents_pages(counts) == counts  # one heading again: figures, no contents


def test_a_table_copied_a_cell_a_line_whose_first_record_is_on_one_line_reads_every_record():
    """A tracker copied out of a browser: its header a name a line, then records some on one
    line ("1.1 Establish … B"), some a cell a line; the first on one line still starts them."""
    text = (
        "Written Statement of Action: progress tracker\n\n"
        "Ref\nAction\nLead\nBy when\nProgress\nRAG\n"
        "Area of weakness 1: Leadership and the use of data\n"
        "1.1 Establish a SEND Partnership Board with an independent chair Director of "
        "Children's Services Oct 2030 Complete - board has met 5 times B\n"
        "1.2\n"
        "Publish a joint SEND and inclusion strategy co-produced with the parent carer forum\n"
        "Assistant Director Education\n"
        "31/01/2031\n"
        "Delayed - consultation extended to 19 Feb\n"
        "A\n"
        "1.3\n"
        "Agree a joint commissioning framework with the ICB\n"
        "Head of Joint Commissioning\n"
        "March 2031\n"
        "In progress\n"
        "A\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"], a["due"], a["rag"]) for a in actions] == [
        ("1.1", "Director of Children's Services", "2030-10-31", "blue"),
        ("1.2", "Assistant Director Education", "2031-01-31", "amber"),
        ("1.3", "Head of Joint Commissioning", "2031-03-31", "amber"),
    ]
