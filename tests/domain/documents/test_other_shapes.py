"""Synthetic documents in layouts the seeds do not show, scored against hand-written gold.

Each ``shapes/<name>.txt`` is a fictional council's plan in one shape (a table flattened
to one cell per line, a pipe table with wrapped rows, a month roadmap, a highlight report,
a board meeting summary, a TAB table with unusual column names); ``<name>.gold.json`` is
its Plan JSON written by hand. Scoring follows ``../shared/tools/score_import.py`` (pairs
by the first 80 normalised characters of the text, threshold 0.6) but is re-implemented
here so that these tests need nothing outside the repository.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from sendtrack.domain.documents.plan import parse_plan_text

SHAPES = Path(__file__).parent / "shapes"
PAIR_THRESHOLD = 0.6
MIN_F1 = 0.9
MIN_FIELD = 0.9


def _norm(value: object) -> str:
    text = re.sub(r"<[^>]+>", " ", "" if value is None else str(value)).replace("&amp;", "&")
    text = re.sub(r"[\u2010-\u2015\-:;,.()\[\]'\"\u2018\u2019\u201c\u201d]+", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def _similarity(a: object, b: object) -> float:
    x, y = _norm(a)[:80], _norm(b)[:80]
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() if x and y else 0.0


def score(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Action F1 and, per field, the share of gold values (not null) matched exactly."""
    candidates = sorted(
        (
            (-_similarity(g["text"], p["text"]), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
        ),
    )
    pairs: dict[int, int] = {}
    for neg, gi, pi in candidates:
        if -neg >= PAIR_THRESHOLD and gi not in pairs and pi not in pairs.values():
            pairs[gi] = pi
    precision = len(pairs) / len(pred) if pred else 0.0
    recall = len(pairs) / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fields: dict[str, float] = {}
    for name in ("ref", "owner", "due", "rag"):
        wanted = [gi for gi, g in enumerate(gold) if g.get(name) not in (None, "")]
        right = [
            gi
            for gi in wanted
            if gi in pairs and _norm(pred[pairs[gi]].get(name)) == _norm(gold[gi][name])
        ]
        if wanted:
            fields[name] = len(right) / len(wanted)
    return {
        "f1": f1,
        "fields": fields,
        "missed": [g["text"] for gi, g in enumerate(gold) if gi not in pairs],
        "extra": [p["text"] for pi, p in enumerate(pred) if pi not in pairs.values()],
    }


def _shapes() -> list[Path]:
    return sorted(SHAPES.glob("*.txt"))


def test_every_shape_has_gold_with_enough_actions() -> None:
    assert len(_shapes()) >= 6
    for path in _shapes():
        gold = json.loads(path.with_name(f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        assert 10 <= len(gold["actions"]) <= 25, path.stem


@pytest.mark.parametrize("path", _shapes(), ids=lambda p: p.stem)
def test_shape_is_imported(path: Path) -> None:
    gold = json.loads(path.with_name(f"{path.stem}.gold.json").read_text(encoding="utf-8"))
    plan = parse_plan_text(path.read_text(encoding="utf-8"))
    result = score(plan["actions"], gold["actions"])
    assert result["f1"] >= MIN_F1, (result["missed"][:5], result["extra"][:5])
    for name, value in result["fields"].items():
        assert value >= MIN_FIELD, (name, value)
    if gold["as_at"]:
        assert plan["as_at"] == gold["as_at"]


def test_scorer_pairs_by_text_and_checks_fields() -> None:
    gold = [{"text": "Publish the guide", "owner": "Head of SEN", "due": "2024-03-31"}]
    pred = [
        {"text": "Publish the guide.", "owner": "Head of SEN", "due": None},
        {"text": "Something else entirely", "owner": None, "due": None},
    ]
    result = score(pred, gold)
    assert result["f1"] == pytest.approx(2 / 3)
    assert result["fields"] == {"owner": 1.0, "due": 0.0}


def test_a_version_line_under_the_title_is_no_part_of_it() -> None:
    plan = parse_plan_text(
        "Eastfield Local Area Partnership\n"
        "SEND Improvement Plan 2025–26\n"
        "Version 3.2 – progress as at 1 October 2025\n\n"
        "Ref\tAction\tLead\tBy when\n"
        "1.1\tRecruit two more EHC coordinators\tHead of SEND\tJanuary 2026\n"
    )
    assert plan["plan_title"] == "Eastfield Local Area Partnership SEND Improvement Plan 2025–26"
    assert plan["as_at"] == "2025-10-01"


def test_an_action_repeated_in_a_panel_cut_short_or_under_its_ref_is_one_action() -> None:
    text = (
        "Ref\tAction\tOwner\tDue\tRAG\n"
        "P1.02\tRecruit and induct six additional EHC coordinators\tKemi Adeyemi\t31/01/2025\tR\n"
        "P1.03\tRun a quarterly audit of twenty new EHC plans\tPrincipal EP\t31/03/2025\tG\n"
        "P2.01\tPublish the graduated approach toolkit for schools\tHead of Inclusion\t"
        "30/04/2025\tR\n\n"
        "Red-rated actions\n"
        "Ref\tAction\tOwner\tDue\tRAG\n"
        "P1.02\tRecruit and induct six additional EHC\u2026\tKemi Adeyemi\t31/01/2025\tR\n"
        "P2.01\tPublish the graduated approach toolkit for schools\tHead of Inclusion\t"
        "30/04/2025\tR\n"
        "P2.02\t62%\t\t\t\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [a["ref"] for a in actions] == ["P1.02", "P1.03", "P2.01"]


def test_a_line_of_dates_figures_or_one_word_is_no_action() -> None:
    text = (
        "Workstream 2: Preparing for adulthood\n\n"
        "Actions\n"
        "- Map the supported internship offer with the three local colleges (Lead: PfA "
        "manager, by March 2026)\n"
        "- Publish a transition guide for Year 9 annual reviews (Lead: SEND casework team, "
        "by June 2026)\n\n"
        "Young people in paid work\n"
        "24 of 27\n\n"
        "Dates of the next meetings\n"
        "- Wednesday 28 January 2026\n"
        "- Wednesday 25 March 2026\n"
        "- Committee\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [a["text"][:20] for a in actions] == ["Map the supported in", "Publish a transition"]


def test_an_item_made_to_try_the_tool_is_no_action() -> None:
    tracker = (
        "Ref\tAction\tLead\tDue\tStatus\n"
        "1.1\tRecruit two more caseworkers\tHead of SEN\t31/03/2032\tOn track\n"
        "\tTEST - please ignore (training 21/01)\tTest User\t31/01/2032\tNot started\n"
        "\ttest\tAnn Lee\t01/02/2032\tNot started\n"
        "1.2\tTest the new referral form with parents\tPCF Chair\t30/04/2032\tNot started\n"
    )

    actions = parse_plan_text(tracker)["actions"]

    assert [a["text"] for a in actions] == [
        "Recruit two more caseworkers",
        "Test the new referral form with parents",
    ]


def test_cards_whose_boxes_print_each_fields_name_in_capitals_above_its_value() -> None:
    """A page of action cards, each box its field's name small in capitals over the value
    ("OWNER" over "Head of SEND"); a header's name wrapped over two lines is not a field."""
    card = (
        "ACTION<br><b>{}</b>\t\t\n"
        "OWNER<br>{}\tTARGET DATE<br>{}\tRAG<br><b>{}</b>\n"
        "CURRENT POSITION<br>{}\t\t\n"
    )
    text = (
        "Action cards – spring update\n\n"
        + card.format("Publish a partnership charter", "Head of Partnerships", "31 October 2030",
                      "BLUE", "Complete. Launched at the conference.")
        + card.format("Introduce a quarterly scorecard", "Performance Lead", "March 2031",
                      "GREEN", "On track – first scorecard in January.")
        + "\nRef\tAction\tTarget<br>date\tRAG\n1.3\tTrain the SENCOs\tMay 2031\tA\n"
    )  # fmt: skip

    actions = parse_plan_text(text)["actions"]

    assert [(a["owner"], a["due"], a["rag"], a["status"]) for a in actions] == [
        ("Head of Partnerships", "2030-10-31", "blue", "complete"),
        ("Performance Lead", "2031-03-31", "green", "on_track"),
        (None, "2031-05-31", "amber", None),
    ]
    assert actions[0]["text"] == "Publish a partnership charter"


def test_minutes_marking_actions_in_brackets_inside_a_wrapped_paragraph() -> None:
    text = (
        "SEND Partnership Board – minutes\n\n"
        "3. MONITORING VISIT READINESS\n\n"
        "The self-evaluation has been refreshed and the evidence map is about 70%\n"
        "complete. [ACTION: LM to circulate the updated self-evaluation to all\n"
        "members by 13 March] [ACTION: CH to nominate a single point of\n"
        "contact for the visit by 6 March]\n\n"
        "4. TIMELINESS\n\n"
        "Timeliness rose to 58% in January. It was agreed that an analysis would help.\n"
        "[ACTION: SK to bring an analysis of overdue annual reviews to the April meeting]\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"], a["owner"], a["section"]) for a in actions] == [
        ("LM to circulate the updated self-evaluation to all members by 13 March", "LM",
         "3. MONITORING VISIT READINESS"),
        ("CH to nominate a single point of contact for the visit by 6 March", "CH",
         "3. MONITORING VISIT READINESS"),
        ("SK to bring an analysis of overdue annual reviews to the April meeting", "SK",
         "4. TIMELINESS"),
    ]  # fmt: skip


def test_a_tracker_printed_too_wide_gets_its_other_columns_back_by_ref() -> None:
    """Printed across pages: the ref, workstream, action and lead on one page, then the
    same refs with the columns that did not fit; the ref column before the workstream's is
    each action's number, not its workstream's."""
    text = (
        "Ref\tWorkstream\tAction\tLead\n"
        "1.1\tWS1 Leadership\tSet up a single improvement board\tDCS\n"
        "1.2\tWS1 Leadership\tAgree a shared performance dashboard\tAD Inclusion\n"
        "2.1\tWS2 Plans\tRecruit six more EHC coordinators\tHead of SEN\n"
        "Tracker v0.9.xlsx Page 1 of 2\n\n"
        "Ref\tDue\tStatus\tRAG\tUpdate (Sept)\n"
        "1.1\t31/07/2030\tComplete\tB\tBoard met twice.\n"
        "1.2\tOct-30\tIn progress\tG\tThird draft went to the Board.\n"
        "2.1\t30/11/2030\tDelayed\tR\tTwo of six appointed.\n"
        "Tracker v0.9.xlsx Page 2 of 2\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["section"], a["due"], a["status"], a["rag"]) for a in actions] == [
        ("1.1", "WS1 Leadership", "2030-07-31", "complete", "blue"),
        ("1.2", "WS1 Leadership", "2030-10-31", "in_progress", "green"),
        ("2.1", "WS2 Plans", "2030-11-30", "delayed", "red"),
    ]


def test_a_task_lists_sub_task_with_its_own_lead_and_date_is_an_action_a_bare_step_is_not() -> None:
    text = (
        "## Quality assurance\n\n"
        "- [ ] Write up the autumn audit findings for the board paper @Mel \U0001f4c5 2031-02-10\n"
        "    - [ ] send the grades from the audit sheet by team @Nadia \U0001f4c5 2031-02-04\n"
        "    - [x] check the health sections with the DCO @Mel \u2705 2031-01-29\n"
        "- [ ] Expand the outreach team from 4 to 7 practitioners @Jo \U0001f4c5 2031-04-30\n"
        "    - [x] business case approved in November\n"
        "    - [ ] recruit three practitioners\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"][:12], a["owner"], a["due"]) for a in actions] == [
        ("Write up the", "Mel", "2031-02-10"),
        ("send the gra", "Nadia", "2031-02-04"),
        ("check the he", "Mel", "2031-01-29"),
        ("Expand the o", "Jo", "2031-04-30"),
    ]


def test_a_reply_listing_the_agreed_actions_is_read_without_the_messages_it_quotes() -> None:
    """The latest message lists the actions as agreed; the earlier messages below it, quoted
    with ">" and ">>", list them as first drafted: each action once, as agreed."""
    text = (
        "From: Lucy Hart\nSent: 6 March 2031\nSubject: RE: Actions from the workshop\n\n"
        "Agreed list below.\n\n"
        "ACTION: Aisha Khan to confirm which advice templates are retired - 13 March\n"
        "ACTION: Mark Dean to share the draft sufficiency statement with heads - 3 April\n"
        "ACTION: Dev Rao to run the annual review backlog report by school - end of March\n\n"
        "> From: Lucy Hart\n> Sent: 5 March 2031\n>\n"
        ">> Actions as I captured them:\n>>\n"
        ">> ACTION: Aisha Khan - confirm which templates are retired - 13 March\n"
        ">> ACTION: Mark Dean - share sufficiency statement with heads - 3 April\n"
        ">> ACTION: Dev Rao - backlog report by school - end of March\n"
        ">> Thanks, Lucy\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [a["owner"] for a in actions] == ["Aisha Khan", "Mark Dean", "Dev Rao"]
    assert actions[1]["text"].startswith("Mark Dean to share the draft sufficiency statement")


def test_a_project_plans_bold_parent_rows_are_sections_and_its_milestone_rows_milestones() -> None:
    text = (
        "\t<b>Task Name</b>\t<b>Assigned To</b>\t<b>Start</b>\t<b>Finish</b>\t<b>Status</b>\n"
        "1\t<b>WS1 Governance and leadership</b>\t\t<b>01/04/30</b>\t<b>31/03/32</b>\t\n"
        "2\tAppoint an independent chair for the board\tHelen Marsh\t01/04/30\t31/05/30\tComplete\n"
        "3\tAgree the board's terms of reference\tHelen Marsh\t01/05/30\t31/07/30\tComplete\n"
        "4\t<ul><li>Milestone: Strategy approved by Cabinet</li></ul>\t\t18/03/31\t18/03/31\t\n"
        "4\t<b>WS2 Assessment and review</b>\t\t<b>01/04/30</b>\t<b>31/12/31</b>\t\n"
        "5\tRecruit four EHC co-ordinators\tDan Ash\t01/07/30\t31/10/30\tOverdue\n"
    )

    plan = parse_plan_text(text)

    assert [(a["text"][:20], a["section"]) for a in plan["actions"]] == [
        ("Appoint an independe", "WS1 Governance and leadership"),
        ("Agree the board's te", "WS1 Governance and leadership"),
        ("Recruit four EHC co-", "WS2 Assessment and review"),
    ]
    assert [(m["text"], m["due"]) for m in plan["milestones"]] == [
        ("Strategy approved by Cabinet", "2031-03-18")
    ]


def test_a_marked_action_leaves_the_heading_over_its_paragraph_a_line_of_its_own() -> None:
    from sendtrack.domain.documents.rows import bracketed_actions

    text = "## 3. Timeliness\nRates rose. [ACTION: JB to bring the\nfigures by May] Noted.\n\nNext"

    assert bracketed_actions(text) == (
        "## 3. Timeliness\nRates rose. Noted.\nACTION: JB to bring the figures by May\n\nNext"
    )


def test_a_paragraph_of_next_steps_gives_each_sentence_as_a_step() -> None:
    text = (
        "Dear Ms Lowe,\n\n"
        "1. Timeliness\n\n"
        "Timeliness rose to 41% in May from 22% in January, and the backlog fell by half.\n\n"
        "Next steps: Sarah Quinn will clear the remaining overdue assessments by the end of "
        "July. Dr Ravi Menon will publish revised standards for EP advice in September. We "
        "will move the EHC hub onto the new case system by 1 September.\n\n"
        "Yours sincerely,\nAnn Cole\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [a["text"][:22] for a in actions] == [
        "Sarah Quinn will clear",
        "Dr Ravi Menon will pub",
        "We will move the EHC h",
    ]


def test_an_issue_lists_numbered_titles_are_its_actions_with_their_fields_and_criteria() -> None:
    text = (
        "# Inclusion programme \u2013 issue list\n\nExported: 2031-03-02 by p.hale\n\n---\n\n"
        "## #41 Publish the outreach offer for mainstream schools\n\n"
        "Status: Open  \nAssignee: Ruth Cole  \nMilestone: 2031/32 Q1  \nLabels: outreach\n\n"
        "Schools do not know what the special schools can offer. Publish the offer.\n\n"
        "Acceptance criteria:\n- offer page live on the Local Offer\n- every SENCO told\n\n"
        "**Comments (1)**\n\n> **Ruth Cole** \u00b7 2031-02-20: Draft with the heads.\n\n---\n\n"
        "## #44 Agree a standard for therapy reports to annual reviews\n\n"
        "Status: Closed (2031-02-01)  \nAssignee: Imran Shah  \nMilestone: Q4 2030/31  \n\n"
        "Reports arrive late.\n\n**Comments (1)**\n\n> **Imran Shah** \u00b7 2031-02-01: Agreed.\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["text"], a["owner"], a["due_raw"], a["due"]) for a in actions] == [
        (
            "#41",
            "Publish the outreach offer for mainstream schools",
            "Ruth Cole",
            "2031/32 Q1",
            "2031-06-30",
        ),
        (
            "#44",
            "Agree a standard for therapy reports to annual reviews",
            "Imran Shah",
            "Q4 2030/31",
            "2031-03-31",
        ),
    ]
    assert actions[0]["measures"] == ["offer page live on the Local Offer", "every SENCO told"]


def test_a_chats_marked_actions_are_its_actions_and_its_talk_is_not() -> None:
    text = (
        "Microsoft Teams \u2013 chat export\nChat: Inclusion follow up\n\n"
        "---------- Monday, 3 March 2031 ----------\n\n"
        "[09:01] Ann Frost: Morning \u2013 can we pick up the review actions here?\n"
        "[09:03] Leo Marsh: Yes, the tracker is in the Files tab\n"
        "    \U0001f44d 2 (Ann Frost, Ivy Hart)\n"
        "[09:05] Ann Frost: action: Leo to send the revised panel terms to heads by 14/03\n"
        "[09:07] Ivy Hart: We still need the outreach figures for the report\n"
        "[09:09] Leo Marsh: thanks. action: Ivy to publish the outreach figures by end of "
        "March (edited)\n"
        "    \u21b3 1 reply\n"
        "[09:12] Ivy Hart shared a file: outreach_Feb31.xlsx\n"
        "[09:15] Ann Frost: Action for Leo: book the parent workshop rooms by 21/03\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"], a["owner"], a["due_raw"]) for a in actions] == [
        ("Leo to send the revised panel terms to heads by 14/03", "Leo", "by 14/03"),
        ("Ivy to publish the outreach figures by end of March", "Ivy", "by end of March"),
        ("book the parent workshop rooms by 21/03", "Leo", "by 21/03"),
    ]


def test_a_chat_whose_messages_mark_no_action_keeps_its_messages_apart() -> None:
    from sendtrack.domain.documents.chats import chat_messages

    text = "".join(
        f"03/03/2031, 09:0{i} - Ann Frost: message {i}\n\U0001f44d 1 (Leo)\n" for i in range(5)
    )

    paragraphs = [p.strip() for p in chat_messages(text).split("\n\n") if p.strip()]
    assert paragraphs == [f"message {i}" for i in range(5)]


def test_action_cards_take_the_tag_and_number_above_their_title_and_the_success_part_below() -> (
    None
):
    card = (
        "{status}\n{ref}\n### {title}\n#### What success looks like\n- {measure}\n\n"
        "Latest update: {update}\nOwner: {owner}\nReview date: June 2031\n\n"
    )
    cards = [
        (
            "On track",
            "WK-01",
            "Open two more supported internship routes with employers",
            "30 interns enrolled",
            "Talks with the hospital continue.",
            "Head of Learning",
        ),
        (
            "Complete",
            "WK-02",
            "Train every job coach in systematic instruction",
            "6 coaches trained",
            "All six trained in May.",
            "Employment Lead",
        ),
        (
            "At risk",
            "WK-03",
            "Give every learner with a plan an external placement",
            "All learners placed",
            "Transport is the barrier.",
            "Placements Officer",
        ),
    ]
    text = "# Preparing for adulthood plan\n\n## 1. Employment\n" + "".join(
        card.format(status=s, ref=r, title=t, measure=m, update=u, owner=o)
        for s, r, t, m, u, o in cards
    )

    actions = parse_plan_text(text)["actions"]

    assert [
        (a["ref"], a["text"], a["status_raw"], a["owner"], a["measures"], a["section"])
        for a in actions
    ] == [(r, t, s, o, [m], "1. Employment") for s, r, t, m, _, o in cards]


def test_minutes_with_an_action_margin_give_the_sentence_beside_the_initials_to_them() -> None:
    pad = " " * 12
    text = "\n".join(
        [
            "Minute" + " " * 70 + "ACTION",
            "",
            "MINUTES of the meeting held on Tuesday 4 March 2031",
            "",
            "2.    SEND UPDATE",
            "2.1   The SENCO reported 150 pupils on the register. Reviews are late. JB",
            "      to chase the six oldest reviews with the council by 21 March." + pad + "JB",
            "",
            "2.2   Governors asked for the next report to show the data by year group"
            + " " * 8
            + "KT",
            "      and by area of need.",
            "",
            "3.    WEBSITE",
            "3.1   The report is out of date. It was agreed that the Clerk would" + pad + "SM",
            "      upload the new version by 28 March.",
            "",
            "Minute" + " " * 70 + "ACTION",
            "4.1   Governors thanked the SENCO for her report.",
        ]
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["text"], a["owner"]) for a in actions] == [
        ("2.1", "JB to chase the six oldest reviews with the council by 21 March.", "JB"),
        (
            "2.2",
            "Governors asked for the next report to show the data by year group and by "
            "area of need.",
            "KT",
        ),
        ("3.1", "It was agreed that the Clerk would upload the new version by 28 March.", "SM"),
    ]


def test_a_task_boards_subitems_are_read_under_their_items_columns() -> None:
    text = (
        "Inclusion board\n\nGroup: Assessment\n"
        "Item\tPerson\tStatus\tTimeline\tPriority\n"
        "Audit the SEN register against census codes\tAsha Rai\tDone\tNov 4, '30 - Jan 16, '31"
        "\tHigh\n"
        "\tSubitems\tPerson\tStatus\tDate\n"
        "\tCheck the EHCP list matches council records\tAsha Rai\tDone\tDec 13, '30\n"
        "\tUpdate provision codes on the MIS\tBen Cole\tWorking on it\tFeb 3, '31\n"
        "Roll out the reading screener to Years 7 to 9\tBen Cole\tStuck\tJan 6 - Mar 28\tHigh\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"][:28], a["owner"], a["status_raw"]) for a in actions] == [
        ("Audit the SEN register again", "Asha Rai", "Done"),
        ("Check the EHCP list matches ", "Asha Rai", "Done"),
        ("Update provision codes on th", "Ben Cole", "Working on it"),
        ("Roll out the reading screene", "Ben Cole", "Stuck"),
    ]
    assert [a["due"] for a in actions[:3]] == ["2031-01-16", "2030-12-13", "2031-02-03"]


def test_a_notion_pages_toggles_hold_their_tables_and_head_their_actions() -> None:
    text = (
        "# Inclusion plan 2031\n\n## Workstreams\n\n"
        "- \u25b8 Workstream 1 \u2013 Early identification\n    \n"
        "    <aside>\n    \U0001f4a1 Note: the data-sharing agreement is still with IG.\n"
        "    \n    </aside>\n    \n"
        "    | Action | Ref | Lead | Due | Status | RAG |\n"
        "    | --- | --- | --- | --- | --- | --- |\n"
        "    | Add the SEND question to every two-year review | 1.1 | Ann Cole | July 31, 2031 "
        "| In progress | Green |\n"
        "    | Agree data sharing with health visiting for under-fives |  | Raj Shah |  | "
        "Blocked | Red |\n"
        "- \u25b8 Workstream 2 \u2013 Preparing for adulthood\n    \n"
        "    | Action | Ref | Lead | Due | Status | RAG |\n"
        "    | --- | --- | --- | --- | --- | --- |\n"
        "    | Map post-16 provision and publish the gaps | 2.1 | Owen Pratt | June 30, 2031 "
        "| Done | Blue |\n"
    )

    actions = parse_plan_text(text)["actions"]

    read = [(a["ref"], a["text"][:22], a["owner"], a["status_raw"], a["section"]) for a in actions]
    assert read == [
        ("1.1", "Add the SEND question ", "Ann Cole", "In progress",
         "Workstream 1 \u2013 Early identification"),
        (None, "Agree data sharing wit", "Raj Shah", "Blocked",
         "Workstream 1 \u2013 Early identification"),
        ("2.1", "Map post-16 provision ", "Owen Pratt", "Done",
         "Workstream 2 \u2013 Preparing for adulthood"),
    ]  # fmt: skip


def test_a_bulletins_numbered_capitals_parts_head_its_list_and_its_diary_heads_nothing() -> None:
    text = (
        "SENCO BULLETIN \u2013 SUMMER 2031\n\nIN THIS ISSUE\n  1. News\n  2. Dates for your "
        "diary\n  3. What the SEND team will do this term\n\n"
        "1. NEWS\n\nThe new request form went live on 1 April.\n\n"
        "2. DATES FOR YOUR DIARY\n\n"
        "  Tue 6 May      Primary SENCO Network, 1.30-3.30pm\n"
        "  Fri 18 July    Term ends\n\n"
        "3. WHAT THE SEND TEAM WILL DO THIS TERM\n\n"
        "  1. Send every school its EHCP caseload list to check - by 16 May\n"
        "  2. Publish the secondary provision toolkit on the Local Offer - June\n"
        "  3. Run two drop-in sessions for SENCOs on writing requests - 13 May and 10 June\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"][:24], a["section"]) for a in actions] == [
        ("Send every school its EH", "3. WHAT THE SEND TEAM WILL DO THIS TERM"),
        ("Publish the secondary pr", "3. WHAT THE SEND TEAM WILL DO THIS TERM"),
        ("Run two drop-in sessions", "3. WHAT THE SEND TEAM WILL DO THIS TERM"),
    ]


def test_a_forms_responses_are_read_as_a_table_of_actions() -> None:
    answers = [
        (
            "WS1 Early help",
            "1.1",
            "Open the early years inclusion fund to all settings",
            "Ann Cole \u2013 Early Years Lead",
            "31/03/2031",
            "In progress \u2013 on track",
            ["1) Number of settings using the fund", "2) Fewer requests without support first"],
        ),
        (
            "WS2 Assessment",
            "2.1",
            "Move to a single request form shared by all partners",
            "Raj Shah, Head of Assessment",
            "30/06/2031",
            "Not started",
            ["Form live"],
        ),
        ("WS2 Assessment", "x", "test \u2013 please ignore", "test", "x", "Not started", ["x"]),
        (
            "WS1 Early help",
            "1.2",
            "Train every primary SENCO in the new toolkit",
            "Ann Cole \u2013 Early Years Lead",
            "31/07/2031",
            "Complete",
            ["All trained"],
        ),
    ]
    responses = [
        f"Response {n} of 4\nID: {100 + n} Completed: 02/01/2031\n"
        f"1. Which workstream does this action sit under?\n{ws}\n"
        f"2. Action reference (as shown in the plan)\n{ref}\n"
        f"3. Action (please copy the wording from the plan)\n{action}\n"
        f"4. Lead officer (name and role)\n{lead}\n5. Target completion date\n{due}\n"
        f"6. Current status\n{status}\n"
        "7. How will we know it has made a difference? (impact measures)\n"
        + "\n".join(measures)
        + "\n8. Any risks to escalate to the Board?\nNo\n"
        f"https://forms.example.gov.uk/responses {n} / 5\n"
        for n, (ws, ref, action, lead, due, status, measures) in enumerate(answers, 1)
    ]
    text = (
        "SEND plan \u2013 quarterly action update\nOne response for each action.\n\n"
        + "\n".join(responses)
    )

    actions = parse_plan_text(text)["actions"]

    by_ref = {a["ref"]: a for a in actions}
    assert sorted(r for r in by_ref if r) == ["1.1", "1.2", "2.1"]
    assert (by_ref["1.1"]["section"], by_ref["1.1"]["owner"], by_ref["1.1"]["status"]) == (
        "WS1 Early help", "Ann Cole \u2013 Early Years Lead", "on_track",
    )  # fmt: skip
    assert by_ref["1.1"]["measures"] == [
        "Number of settings using the fund",
        "Fewer requests without support first",
    ]
    assert by_ref["2.1"]["owner"] == "Raj Shah, Head of Assessment"  # not the test's "test"


def test_a_tracker_pasted_as_fixed_width_text_under_one_rule_keeps_its_wrapped_cells() -> None:
    rows = [
        ("Ref", "Action", "Lead", "Due", "RAG", "Status / comment"),
        (
            "1.1",
            "Recruit permanent coordinators to replace",
            "Head of SEN",
            "30/09/31",
            "A",
            "4 of 6 appointed",
        ),
        ("", "agency staff (6 FTE)", "", "", "", ""),
        (
            "1.2",
            "Publish the panel criteria for needs",
            "Head of SEN",
            "w/c 8 July",
            "G",
            "On track",
        ),
        ("", "assessment", "", "", "", ""),
    ]
    widths = (6, 42, 14, 11, 4)
    lines = [
        "".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + row[-1] for row in rows
    ]
    text = "\n".join(["SEND tracker", "=" * 90, lines[0], "-" * 90, "", *lines[1:], ""])

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["text"], a["owner"], a["rag"]) for a in actions] == [
        ("1.1", "Recruit permanent coordinators to replace agency staff (6 FTE)", "Head of SEN",
         "amber"),
        ("1.2", "Publish the panel criteria for needs assessment", "Head of SEN", "green"),
    ]  # fmt: skip


def test_a_repositorys_task_list_names_its_owners_by_handle() -> None:
    text = (
        "# SEND working tracker\n\nTasks are written *task – @owner – due*.\n\n"
        "## Outcome 1\n\n"
        "- [x] O1.1 Publish the graduated approach toolkit @hollie.p (due 2031-12-13)\n"
        "- [ ] O1.3 Agree how support funding follows the toolkit bands @dev.kaur @finance-bp "
        "(due 2032-03-31)\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["owner"], a["due"]) for a in actions] == [
        ("O1.1", "@hollie.p", "2031-12-13"),
        ("O1.3", "@dev.kaur @finance-bp", "2032-03-31"),
    ]


def test_a_quality_improvement_templates_assurance_column_holds_the_measures() -> None:
    text = (
        "Issue\tAction\tResponsible\tBy\tAssurance\tStatus\n"
        "1. Waits are too long.\t1.1 Validate the waiting list with every family\tND Lead\t"
        "31/07/2031\tValidation report to Governance Group\tIn progress\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["measures"]) for a in actions] == [
        ("1.1", ["Validation report to Governance Group"])
    ]


def test_a_schools_accessibility_plan_takes_its_targets_for_the_actions() -> None:
    text = (
        "Aim 1: Increase access to the curriculum\n"
        "Targets\tStrategies\tOutcome\tTimeframe\tAchievement criteria\n"
        "Make school trips accessible to all pupils\tRisk assessments include individual needs"
        "\tNo pupil misses a trip\tOngoing\t100% participation\n"
        "Increase access to PE for pupils with physical needs\tBuy adapted equipment\t"
        "Pupils take part fully\tSummer term 2031\tAll pupils in PE lessons\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["text"][:26], a["due_raw"]) for a in actions] == [
        ("Make school trips accessib", "Ongoing"),
        ("Increase access to PE for ", "Summer term 2031"),
    ]


def test_a_tracker_pasted_as_dashed_lines_is_read_as_its_rows() -> None:
    text = (
        "SEND Improvement Board \u2013 minutes\n\n"
        "The tracker is pasted below (Ref - Action - Owner - Date - RAG).\n\n"
        "Workstream 1 - Early support\n"
        "1.1 - Relaunch the graduated approach toolkit to all schools - SL - 28/02/2031 - A\n"
        "1.2 - Train SENCOs in the new support plan template - Inclusion Advisers - Mar-31 - G\n"
        "1.3 - Co-produce a new plan template with the PCF and the young people's\n"
        "      group - RAC / JT - Apr-31 - A\n"
        "1.4 - Recover review timeliness - transfer reviews first - AR Manager - 15/02/2031 - R\n"
        "1.5 - Commission a review of tribunal outcomes -  - TBC - R\n\n"
        "Action log\n"
        "AL/30/31 - Circulate the revised dashboard to members - KM - Complete\n"
        "AL/30/32 - Write to the DfE about the management plan - MT - Complete\n"
        "AL/30/33 - Arrange a deep dive on school avoidance - RAC - Carried forward\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["ref"], a["text"][:30], a["owner"], a["rag"], a["status_raw"]) for a in actions] == [
        ("1.1", "Relaunch the graduated approac", "SL", "amber", None),
        ("1.2", "Train SENCOs in the new suppor", "Inclusion Advisers", "green", None),
        ("1.3", "Co-produce a new plan template", "RAC / JT", "amber", None),
        ("1.4", "Recover review timeliness - tr", "AR Manager", "red", None),
        ("1.5", "Commission a review of tribuna", None, "red", None),
        ("AL/30/31", "Circulate the revised dashboar", "KM", None, "Complete"),
        ("AL/30/32", "Write to the DfE about the man", "MT", None, "Complete"),
        ("AL/30/33", "Arrange a deep dive on school ", "RAC", None, "Carried forward"),
    ]


def test_a_public_pages_cards_give_each_action_the_cards_lead_status_date_and_measures():
    """A Local Offer page, a card a commitment: "What we will do" over its actions, then
    the card's lead, "How it's going:" with the term's story below it, "How we will know
    it is working" over its measures, its date. Each action has the card's fields; the
    story is no action."""
    page = (
        "# Our SEND improvement plan: progress update\n"
        "## Priority 1: Assessments on time\n"
        "### Getting assessments finished on time\n"
        "What we will do\n"
        "- Recruit four more EHC coordinators.\n"
        "- Send families a text update at every stage.\n"
        "Who is leading this: Head of SEND Assessment\n"
        "How it\u2019s going: Delayed\n"
        "We have recruited three of the four. The texts will start once the system works.\n"
        "How we will know it is working\n"
        "More than 60% of new EHC plans are finished within 20 weeks.\n"
        "Date: April 2032\n\n"
        "### A co-production charter\n"
        "What we will do\n"
        "Write a co-production charter with the parent carer forum.\n"
        "How it's going: Done\n"
        "Fourteen services have signed it so far.\n"
        "Date: September 2031\n"
    )

    actions = parse_plan_text(page)["actions"]

    got = [(a["text"], a["owner"], a["status"], a["due"], a["measures"]) for a in actions]
    measure = ["More than 60% of new EHC plans are finished within 20 weeks."]
    assert got == [
        ("Recruit four more EHC coordinators.", "Head of SEND Assessment", "delayed",
         "2032-04-30", measure),
        ("Send families a text update at every stage.", "Head of SEND Assessment", "delayed",
         "2032-04-30", measure),
        ("Write a co-production charter with the parent carer forum.", None, "complete",
         "2031-09-30", []),
    ]  # fmt: skip


def test_a_you_said_we_did_we_will_table_gives_the_we_will_column_as_its_actions():
    """Families' words, what was done, what will be: only the "We will" column is work to
    do, a list in it is that many actions, and a dash in it is none."""
    table = (
        "You said\tWe did\tWe will\n"
        "<b>Communication</b>\t\t\n"
        "Emails go unanswered for weeks.\tWe set up a duty line.\t"
        "Answer every email within 5 working days, by March 2032.\n"
        "We find out about changes too late.\tThe forum now sees every policy.\t\u2013\n"
        "Annual reviews are late.\tWe cleared the backlog.\t<ul><li>Hold every annual review "
        "within 12 months.</li><li>Tell families the outcome within 4 weeks.</li></ul>\n"
    )

    actions = parse_plan_text(table)["actions"]

    assert [(a["text"], a["section"]) for a in actions] == [
        ("Answer every email within 5 working days, by March 2032.", "Communication"),
        ("Hold every annual review within 12 months.", "Communication"),
        ("Tell families the outcome within 4 weeks.", "Communication"),
    ]


def test_a_bulletins_reminders_news_and_diary_dates_are_not_the_plans_actions():
    """A SENCO bulletin: what the local area will do this term is the plan's; the
    reminders, diary dates and news around it are not, dated or not."""
    bulletin = (
        "SENCO UPDATE - Spring Term 2032\n\n"
        "## 1. What the local area will do this term\n"
        "- The EP Service will offer every school a consultation slot by 2 April 2032.\n"
        "- Publish the revised top-up funding bands by 13 February 2032.\n\n"
        "## 2. Dates for your diary\n"
        "- The summer SENCO conference will be on Friday 18 June 2032.\n\n"
        "## 3. Reminders\n"
        "- Notional SEN budget returns are due by Friday 30 January 2032.\n"
        "- Please send annual review paperwork within 2 weeks of the meeting.\n\n"
        "## 4. News in brief\n"
        "- The Autism Outreach Team has moved to Unit 3, Westgate House.\n\n"
        "## 5. Health news in brief\n"
        "- The ICB has started writing to every family on the autism assessment waiting list "
        "to tell them their place on the list.\n"
    )

    actions = parse_plan_text(bulletin)["actions"]

    assert [a["text"][:30] for a in actions] == [
        "The EP Service will offer ever",
        "Publish the revised top-up fun",
    ]


def test_a_posters_cards_under_we_said_we_would_give_each_promise_its_tag_and_date():
    """A poster for families, a card a promise: "WE SAID WE WOULD…" over the promise, its
    tag and date on one line ("Running late When: April 2032"), then a line of news."""
    poster = (
        "Our SEND plan: what we said we'd do – and where we are\n"
        "WE SAID WE WOULD…\n"
        "answer your calls and emails to the SEND team within 5 working days\n"
        "Started When: Easter 2032\n"
        "68% were answered within 5 working days in January.\n"
        "WE SAID WE WOULD…\n"
        "publish an easy-read guide to SEN support in school\n"
        "Running late When: April 2032 (we said January)\n"
        "The draft is being checked by young people at the youth club.\n"
        "WE SAID WE WOULD…\n"
        "give every family a named EHC coordinator they can contact\n"
        "Done When: September 2031\n"
        "Your coordinator's name is on every letter we send.\n"
    )

    actions = parse_plan_text(poster)["actions"]

    assert [(a["text"][:24], a["status"], a["due_raw"]) for a in actions] == [
        ("answer your calls and em", "in_progress", "Easter 2032"),
        ("publish an easy-read gui", "delayed", "April 2032 (we said January)"),
        ("give every family a name", "complete", "September 2031"),
    ]
