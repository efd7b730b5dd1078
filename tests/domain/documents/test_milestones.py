"""Milestones in "Milestones" label rows: one per item, each with the date it names."""

import pytest

from sendtrack.domain.documents.plan import milestone_date, milestone_items, parse_plan_text


def test_items_split_on_list_items_sentences_and_a_year_running_on():
    cell = (
        "<ul> <li>Panel terms agreed – May 2030</li> <li>Pilot run in two schools by "
        "June 2030 The review is published before the end of the spring term 2031</li> </ul>"
    )
    assert milestone_items(cell) == [
        "Panel terms agreed – May 2030",
        "Pilot run in two schools by June 2030",
        "The review is published before the end of the spring term 2031",
    ]
    assert milestone_items("Tracker shared. Forum meets monthly.") == [
        "Tracker shared.",
        "Forum meets monthly.",
    ]
    assert milestone_items("Guide drafted - March 2030Pathway agreed - May 2030") == [
        "Guide drafted - March 2030",
        "Pathway agreed - May 2030",
    ]


@pytest.mark.parametrize(
    ("text", "body", "due_raw"),
    [
        ("Panel terms agreed – May 2030", "Panel terms agreed", "May 2030"),
        ("Pilot run in two schools by June 2030", None, "June 2030"),
        ("By October 2030, the tracker is shared", None, "October 2030"),
        ("Survey repeated. (March 2031)", "Survey repeated.", "March 2031"),
        ("Hub open before the end of the academic year 2030/31", None,
         "the end of the academic year 2030/31"),
        ("Half of assessments started in the academic year 2030 - 2031 are on time", None, None),
        ("Waiting times fall below the 2029 level", None, None),
        ("Families say the new forum listens", None, None),
    ],
)  # fmt: skip
def test_the_date_a_milestone_names(text, body, due_raw):
    assert milestone_date(text) == (body or text, due_raw)


def test_milestone_rows_give_dated_milestones():
    text = (
        "Riverton SEND Improvement Plan\n\n"
        "Workstream 1 – Early help\n"
        "Activity\tLead\tTimeframe\n"
        "Objective 1.1\tFamilies find help early\t\n"
        "Milestones\t<ul> <li>Directory live – March 2031</li> <li>Triage panel meets weekly "
        "by May 2031</li> </ul>\t\n"
        "1.1.1 Publish the early help directory\tJane Doe\tMarch 2031\n"
    )
    plan = parse_plan_text(text)
    assert [(m["text"], m["due_raw"], m["due"]) for m in plan["milestones"]] == [
        ("Directory live", "March 2031", "2031-03-31"),
        ("Triage panel meets weekly by May 2031", "May 2031", "2031-05-31"),
    ]
    assert all(m["section"].endswith("Families find help early") for m in plan["milestones"])
    assert [a["text"] for a in plan["actions"]] == ["Publish the early help directory"]
