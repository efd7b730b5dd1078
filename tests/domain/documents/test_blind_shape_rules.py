"""One unit test per rule added after the blind shapes (``shapes/v2-*``), on synthetic text."""

from sendtrack.domain.documents.actions import (
    forward_plan_heading,
    leading_ref,
    numbered_values,
    opening_numbered_steps,
)
from sendtrack.domain.documents.columns import (
    flattened_header,
    flattened_header_names,
    is_wrapped_name_tail,
    unflatten_tables,
)
from sendtrack.domain.documents.detectors import find_status
from sendtrack.domain.documents.owners import split_owner_and_date
from sendtrack.domain.documents.plan import (
    agenda_item,
    bracketed_due,
    is_parent_ref_row,
    labelled_report_date,
    parse_plan_text,
    ref_code,
    spanning_heading,
)
from sendtrack.domain.documents.readers import read_document
from sendtrack.domain.documents.rows import read_lines


def test_ref_code_reads_lettered_tracker_codes():
    assert ref_code("SR01") == "SR01"
    assert ref_code("PA-3") == "PA-3"
    assert ref_code(" HR2.4 ") == "HR2.4"
    assert ref_code("Complete") is None
    assert ref_code("2024") is None
    text = (
        "Tracker\n\nID\tAction\tOwner\tStatus\tDue\n"
        "QX01\tDo one\tAB\tOpen\tMay 2030\nQX02\tDo two\tCD\tOpen\tJune 2030\n"
    )
    plan = parse_plan_text(text)
    assert [(a["ref"], a["text"]) for a in plan["actions"]] == [
        ("QX01", "Do one"),
        ("QX02", "Do two"),
    ]


def test_labelled_report_date_reads_header_label_lines():
    assert labelled_report_date("Report date: 18.11.2030") == "18.11.2030"
    assert labelled_report_date("Report date / 04.03.2031") == "04.03.2031"
    assert labelled_report_date("Meeting date: 22/09/2031 | Venue: Room 4") == "22/09/2031"
    assert labelled_report_date("Meeting date: Thursday 16 January 2031") == "16 January 2031"
    assert labelled_report_date("Report date: 18.11.2030 and 19.11.2030") is None
    assert labelled_report_date("Reporting month: October 2030") == "October 2030"
    assert labelled_report_date("Period ending – 31 March 2031") == "31 March 2031"
    assert labelled_report_date("Date: 02/09/2030") == "02/09/2030"
    assert labelled_report_date("We met in October 2030 to agree the plan") is None
    plan = parse_plan_text(
        "Monthly report\nWorkstream 1: Data\nReporting period: May 2030\n\n"
        "Next steps\n- Build the dashboard\n"
    )
    assert plan["as_at"] == "2030-05-31"


def test_a_date_stated_as_at_below_the_title_block_is_the_as_at_date():
    plan = parse_plan_text(
        "Skip to content\nCookies on this site\nAccept Reject\nCouncil home\nMenu Search\n"
        "Home > SEND > Our plan\nImproving SEND\n1. Our plan\n2. Actions\n\n"
        "The table below shows each action as at April 2031.\n\n"
        "Action\tOwner\tDue\nRun the panel\tHead of SEND\tSeptember\n"
    )
    assert plan["as_at"] == "2031-04-30"
    assert plan["actions"][0]["due"] == "2031-09-30"


def test_exported_date_in_title_block_is_the_as_at_date():
    plan = parse_plan_text(
        "Recovery tracker\nExported 02/09/2030\n\nAction\tOwner\tStatus\tDue\n"
        "Do it\tAB\tOpen\tMay 2031\n"
    )
    assert plan["as_at"] == "2030-09-02"


def test_forward_plan_heading():
    for text in (
        "Planned next month",
        "Planned for the coming quarter",
        "Next month",
        "Activities for next period:",
    ):
        assert forward_plan_heading(text), text
    for text in ("Achievements this month", "Next month we held the forum", "Planned"):
        assert not forward_plan_heading(text), text


def test_split_owner_and_date():
    assert split_owner_and_date("Head of SEN, by 22 November") == ("Head of SEN", "by 22 November")
    assert split_owner_and_date("AB; March 2031") == ("AB", "March 2031")
    assert split_owner_and_date("Head of SEN, Inclusion Lead") == (
        "Head of SEN, Inclusion Lead",
        None,
    )
    assert split_owner_and_date("Inclusion Team, by the end of March") == (
        "Inclusion Team",
        "by the end of March",
    )
    assert split_owner_and_date("Data Team, first report in May") == (
        "Data Team",
        "first report in May",
    )
    assert split_owner_and_date("Inclusion Team, summer term") == ("Inclusion Team", "summer term")
    assert split_owner_and_date("Jo Bell, Head of Inclusion and Access") == (
        "Jo Bell, Head of Inclusion and Access",
        None,
    )


def test_bracketed_due():
    assert bracketed_due("Hold the forum (by 28 November)") == ("Hold the forum", "by 28 November")
    assert bracketed_due("Publish the guide (March 2031).") == ("Publish the guide", "March 2031")
    assert bracketed_due("Run sessions (from May)") == ("Run sessions (from May)", None)
    assert bracketed_due("Train staff (SENCOs and TAs)") == ("Train staff (SENCOs and TAs)", None)


def test_tagged_owner_and_date_in_a_next_steps_item():
    text = (
        "Highlight report\nReporting month: October 2030\n\n"
        "Planned next month\n"
        "- Agree the protocol (Lead: Head of Adults, by 22 November)\n"
        "- Hold the forum (by 4 December)\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["text"], a["owner"], a["due"]) for a in acts] == [
        ("Agree the protocol", "Head of Adults", "2030-11-22"),
        ("Hold the forum", None, "2030-12-04"),
    ]


def test_risk_impact_column_is_the_risk_impact():
    text = (
        "Report\nMay 2030\n\nRisks and issues\nRisk\tImpact\tMitigation\tRAG\n"
        "Vacancy\tDelays\tAgency cover\tRed\n\nNext steps\n- Recruit\n"
    )
    risks = parse_plan_text(text)["risks"]
    assert risks[0]["impact"] == "Delays" and risks[0]["rag"] == "red"


def test_wrapped_column_name_in_a_flattened_header():
    assert is_wrapped_name_tail("Completion", "date")
    assert is_wrapped_name_tail("Target", "Date")
    assert is_wrapped_name_tail("Responsible", "officer")
    assert not is_wrapped_name_tail("Action", "Owner")  # two columns
    assert not is_wrapped_name_tail("Status", "A thing")  # a record's first cell
    assert flattened_header_names(["Ref", "Action", "Lead", "Completion", "date"]) == [
        "Ref",
        "Action",
        "Lead",
        "Completion date",
    ]
    lines = read_lines(
        "Ref\nAction\nLead\nCompletion\ndate\nProgress\n1\nDo it\nAB\nMay 2030\nOn track\n"
    )
    assert flattened_header(lines, 0) == [0, 1, 2, 3, 4, 5]
    rows = [ln.cells for ln in unflatten_tables(lines)]
    assert rows == [
        ["Ref", "Action", "Lead", "Completion date", "Progress"],
        ["1", "Do it", "AB", "May 2030", "On track"],
    ]


def test_opening_numbered_steps_and_numbered_values():
    assert opening_numbered_steps("1) Map provision 2) Consult families") == [
        "Map provision",
        "Consult families",
    ]
    assert opening_numbered_steps("Review the process: 1) map it 2) fix it") == []
    assert opening_numbered_steps("1) Only one step") == []
    assert numbered_values("1) March 2031 2) May 2031", 2) == ["March 2031", "May 2031"]
    assert numbered_values("1) March 2031 2) May 2031", 3) is None
    text = (
        "Plan\nJanuary 2030\n\n| Ref | Action | Lead | When |\n"
        "|---|---|---|---|\n"
        "| 4 | 1) Rebuild the site 2) Add a search | AB | 1) April 2030 2) June 2030 |\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["text"], a["due"]) for a in acts] == [
        ("4.1", "Rebuild the site", "2030-04-30"),
        ("4.2", "Add a search", "2030-06-30"),
    ]


def test_leading_ref_reads_letter_dot_number():
    assert leading_ref("A.1 Refresh the toolkit") == ("A.1", "Refresh the toolkit")
    assert leading_ref("C.12 Commission places") == ("C.12", "Commission places")
    assert leading_ref("A. Smith will lead") == (None, "A. Smith will lead")


def test_spanning_heading_row():
    assert spanning_heading(["Area B – Quality of plans", "", "", ""]) is not None
    assert spanning_heading(["Theme 2: Transition", "", ""]) is not None
    assert spanning_heading(["Officer", "", "", ""]) is None  # a wrapped cell
    assert spanning_heading(["removing a pupil from roll", "", "", ""]) is None
    assert spanning_heading(["Area B – Quality", "x", "", ""]) is None
    text = (
        "Plan\nas at May 2030\n\nLead\tDeadline\tAction\tRAG\nArea A – Needs\t\t\t\n"
        "AB\tJune 2030\tA.1 Do one\tGreen\nArea B – Plans\t\t\t\nCD\tJuly 2030\tB.1 Do two\tRed\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["owner"], a["section"], a["rag"]) for a in acts] == [
        ("A.1", "AB", "Area A – Needs", "green"),
        ("B.1", "CD", "Area B – Plans", "red"),
    ]


def test_parent_ref_rows_are_sections():
    assert is_parent_ref_row(["1", "Needs are met early", "", ""], ["1.1", "Settings", "", ""])
    assert is_parent_ref_row(["1.1", "Settings identify", "", ""], ["1.1.1", "Do it", "AB", "May"])
    assert not is_parent_ref_row(["1", "Do it", "", ""], ["2", "Do more", "", ""])
    assert not is_parent_ref_row(["1", "Do it", "AB", "May"], ["1.1", "Do more", "", ""])
    text = (
        "Plan\nas at May 2030\n\nRef\tObjective / action\tLead\tTarget date\tStatus\n"
        "1\tNeeds are identified early\t\t\t\n1.1\tSettings identify needs\t\t\t\n"
        "1.1.1\tTrain staff\tAB\tJune 2030\tOn track\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["text"], a["section"]) for a in acts] == [
        ("1.1.1", "Train staff", "1 Needs are identified early / 1.1 Settings identify needs")
    ]


def test_agenda_items_of_minutes_are_headings_without_action_refs():
    assert agenda_item("3. Timeliness of assessments") == ("3", "Timeliness of assessments")
    assert agenda_item("Timeliness of assessments") == (None, "Timeliness of assessments")
    text = (
        "SEND Board\nMinutes of the meeting held on 11 February 2030\n\n"
        "3. Timeliness\nThe Head of SEN reported on timeliness.\n"
        "ACTION: Head of SEN to present a recovery plan by 7 March.\n\n"
        "Open action log\n\n| No. | Action | Owner | Due |\n|---|---|---|---|\n"
        "| 14 | Share the plan | AB | 28 Feb |\n"
    )
    acts = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["section"], a["due"]) for a in acts] == [
        (None, "3. Timeliness", "2030-03-07"),
        ("14", "Open action log", "2030-02-28"),
    ]


def test_a_timelines_leading_status_in_capitals_and_its_bracketed_lead_after_a_full_stop():
    plan = parse_plan_text(
        "Our SEND timeline\nPosition as at 1 March 2031\n\n"
        "September 2030\n"
        "DONE          We opened the new hub with 40 families. (Head of SEND)\n"
        "DONE (late)   We published the Local Offer pages after testing with families. "
        "(Local Offer Manager)\n"
        "October 2030\n"
        "IN PROGRESS   Writing a new plan template with young people. (EHC Quality Lead)\n"
    )

    assert [(a["status_raw"], a["status"], a["owner"]) for a in plan["actions"]] == [
        ("DONE", "complete", "Head of SEND"),
        ("DONE (late)", "delayed", "Local Offer Manager"),
        ("IN PROGRESS", "in_progress", "EHC Quality Lead"),
    ]
    assert plan["actions"][0]["text"].startswith("We opened the new hub")


def test_a_roadmaps_mark_after_the_bracketed_lead_is_its_status_as_the_key_explains():
    plan = parse_plan_text(
        "SEND roadmap\nPosition as at 13 March 2031\n\n"
        "Key\n   \u2713   done\n   \u25ba   under way\n   \u25cb   not started yet\n\n"
        "January 2031\n\n"
        "  \u2022 Publish the revised request form for schools (Head of SEND Assessment) \u2713\n"
        "  \u2022 Recruit two more coordinators on fixed-term contracts (SEND Service Manager)"
        " \u25ba one in post from 5 January\n"
        "  \u2022 Agree terms of reference for the commissioning group (Designated Clinical"
        " Officer) \u25cb\n"
    )

    assert [(a["owner"], a["status_raw"], a["status"]) for a in plan["actions"]] == [
        ("Head of SEND Assessment", "\u2713", "complete"),
        ("SEND Service Manager", "\u25ba", "in_progress"),
        ("Designated Clinical Officer", "\u25cb", "not_started"),
    ]


def test_minutes_flattened_with_glued_labels_give_their_date_items_and_action_log():
    plan = parse_plan_text(
        "SEND Travel Working Group\nMINUTES\n"
        "Date:Wednesday 14 January 2032Time:10.00–11.30Venue:Room 2\n"
        "Chair:Kim Shaw (KS), Head of SEND\nMinutes:Jo Reed, Democratic Services\n"
        "ItemDiscussionAction / Lead\n"
        "Item1.Welcome and apologies\nKS welcomed members.\n"
        "Item2.Action log from 10 December 2031\nThe log was updated as follows:\n"
        "No.ActionOwnerDeadlineStatus\n"
        "1Circulate the revised eligibility criteria to the ForumDL19/12/31Complete\n"
        "2Arrange escort training on epilepsy medicationPT31/01/32In progress – 2 of 4 held\n"
        "Item3.Travel training pilot\n"
        "Action:DL to share the readiness checklist with the ForumOwner:DLDeadline:11 Feb"
        "Status:Open\n"
    )

    assert plan["as_at"] == "2032-01-14"
    actions = {a["text"][:20]: a for a in plan["actions"]}
    assert [(a["ref"], a["owner"], a["due"], a["status"]) for a in plan["actions"][:2]] == [
        ("1", "DL", "2031-12-19", "complete"),
        ("2", "PT", "2032-01-31", "in_progress"),
    ]
    assert "Action log from 10 December 2031" in plan["actions"][0]["section"]
    assert not any("Jo Reed" in (a["section"] or "") for a in plan["actions"])
    assert actions["DL to share the read"]["due"] == "2032-02-11"


def test_a_word_cell_of_plain_paragraphs_is_split_though_its_measures_cell_is_bulleted():
    plan = parse_plan_text(
        "Written Statement of Action: progress as at April 2032\n"
        "<b>Ref</b>\t<b>Actions</b>\t<b>Lead</b>\t<b>Timescale</b>\t<b>Progress</b>\t<b>RAG</b>"
        "\t<b>Impact measures</b>\n"
        "<b>Area of weakness 1: Timely plans</b>\t\t\t\t\t\t\n"
        "1.1\tMap the assessment process with schools and families.<br>Agree a single "
        "electronic request form for all referrers.<br>Publish the revised process on the "
        "Local Offer.\tHead of SEND\tMarch 2033\tComplete. Workshops held in November.\tBlue"
        "\t<ul><li>Plans in 20 weeks rise to 60%</li><li>Fewer complaints</li></ul>\n"
        "1.2\tIntroduce a monthly audit of new plans with health partners.<br>Feed the "
        "findings back through termly practice workshops.\tSEND Quality Lead\tJuly 2033\t"
        "On track. Four audits done.\tGreen\t<ul><li>70% of plans good</li></ul>\n"
        "1.3\tClear the backlog of overdue annual reviews before September.\tReview Team "
        "Manager\t31.07.2033\tBehind plan.<br>Two agency officers appointed.\tRed\t"
        "<ul><li>No review overdue</li></ul>\n"
    )

    assert [(a["ref"], a["owner"]) for a in plan["actions"]] == [
        ("1.1.a", "Head of SEND"),
        ("1.1.b", "Head of SEND"),
        ("1.1.c", "Head of SEND"),
        ("1.2.a", "SEND Quality Lead"),
        ("1.2.b", "SEND Quality Lead"),
        ("1.3", "Review Team Manager"),
    ]
    assert plan["actions"][0]["measures"] == ["Plans in 20 weeks rise to 60%", "Fewer complaints"]


def test_label_rows_with_two_leads_an_items_own_lead_and_a_title_with_its_years():
    plan = parse_plan_text(
        "Brackley County Council\nBrackley SEND Partnership\n\n"
        "SEND Delivery Plan 2031–2033\nRefreshed June 2031\n\n"
        "Each workstream has a named lead who reports to the Board every month.\n\n"
        "WS1 Timely plans – Dana Okafor | 1. Clear the backlog of open assessments – by 31"
        " October 2031 – in progress. 2. Agree service standards with the EP service (lead:"
        " Principal Educational Psychologist) – Sept 2031 – not started.\n\n"
        "WS2 Inclusive schools – Priya Raman & Colin Voss | 1. Publish the inclusion guidance"
        " for schools – June 2031 – done.\n\n"
        "WS3 Health and therapies – Dr Helen Marsh |\n"
        "   1. Publish therapy waiting times on the Local Offer – July 2031 – on track.\n"
    )

    assert [(a["section"], a["owner"]) for a in plan["actions"]] == [
        ("WS1 Timely plans", "Dana Okafor"),
        ("WS1 Timely plans", "Principal Educational Psychologist"),
        ("WS2 Inclusive schools", "Priya Raman & Colin Voss"),
        ("WS3 Health and therapies", "Dr Helen Marsh"),
    ]


def test_outcomes_under_lettered_priority_areas_with_their_indicators_and_labelled_fields():
    plan = parse_plan_text(
        "# SEND Strategy 2031–2034: Delivery Plan\nMonitoring update: March 2032\n"
        "This plan lists our commitments under each outcome.\n"
        "## Priority Area A: Early identification\n"
        "### Outcome 1 – Needs are identified early\n"
        "We will know we have made a difference when:\n"
        "- more children are identified before they start school\n"
        "- parents tell us they were listened to the first time\n"
        "1.1 We will train every early years setting in the toolkit by July 2032.\n"
        "Lead: Early Years Inclusion Manager | Progress: 64 of 97 settings trained – on track"
        " (Green)\n"
        "### Outcome 2 – Plans are timely\n"
        "2.1 We will issue 65% of new plans within 20 weeks by 31 March 2032.\n"
        "Lead: Head of SEND Assessment. Update March 2032: slightly behind target at 61% (Amber).\n"
        "## Priority Area B: Inclusion\n"
        "### Outcome 3 – More children learn in mainstream\n"
        "3.1 We will fund an inclusion lead in each school partnership by April 2033.\n"
    )

    assert [(a["ref"], a["section"], a["owner"], a["rag"]) for a in plan["actions"]] == [
        (
            "1.1",
            "Priority Area A: Early identification / Outcome 1 – Needs are identified early",
            "Early Years Inclusion Manager",
            "green",
        ),
        (
            "2.1",
            "Priority Area A: Early identification / Outcome 2 – Plans are timely",
            "Head of SEND Assessment",
            "amber",
        ),
        (
            "3.1",
            "Priority Area B: Inclusion / Outcome 3 – More children learn in mainstream",
            None,
            None,
        ),
    ]


def test_a_bare_measures_label_over_each_actions_list_is_no_running_title():
    rows = [
        (
            "Introduce a quality panel that audits draft plans",
            "Head of SEND",
            "March 2031",
            ["At least ten plans audited each month", "Most audited plans judged good"],
        ),
        (
            "Agree a tracker for late health advice with the trusts",
            "DCO",
            "June 2031",
            ["Advice returned within six weeks", "No advice more than ten weeks late"],
        ),
        (
            "Train social workers to write timely social care advice",
            "Service Manager",
            "Autumn term 2031",
            ["All social workers trained", "Advice on time in most cases"],
        ),
    ]
    text = "Written Statement of Action\nOctober 2030\n\n" + "".join(
        f"1.{n}  {action}.\n     Lead: {lead}\n     Timescale: {due}\n"
        "     Measure of success:\n"
        + "".join(f"       - {measure}\n" for measure in measures)
        + f"     Progress: {status}.\n\n"
        for n, ((action, lead, due, measures), status) in enumerate(
            zip(rows, ["In progress", "Delayed", "Not started"], strict=True), 1
        )
    )

    plan = parse_plan_text(text)

    assert [(a["ref"], a["status"], a["measures"]) for a in plan["actions"]] == [
        (f"1.{n}", status, measures)
        for n, ((_, _, _, measures), status) in enumerate(
            zip(rows, ["in_progress", "delayed", "not_started"], strict=True), 1
        )
    ]


def test_a_newsletters_what_is_happening_label_opens_the_action_it_names():
    plan = parse_plan_text(
        "Parent Carer Forum newsletter, spring 2031\n\n"
        "Waiting for an assessment\n"
        "You said: you hear nothing for weeks after asking for an assessment.\n"
        "What is happening: the SEND Assessment Team is bringing in a phone call to every "
        "family within ten working days of a request, in place by the end of May 2031.\n\n"
        "Short breaks\n"
        "You said: the short breaks offer is hard to understand.\n"
        "What is happening: the Short Breaks Team will publish a new statement, written with "
        "us, by 30 June 2031.\n"
    )

    assert [a["text"][:30] for a in plan["actions"]] == [
        "the SEND Assessment Team is br",
        "the Short Breaks Team will pub",
    ]


def test_a_web_table_one_cell_per_line_with_a_long_measures_name_and_weakness_rows():
    plan = parse_plan_text(
        "Our Written Statement of Action\nProgress as at May 2031\n\n"
        "Ref\nWhat we will do\nLead\nBy when\nHow we will know it has worked\nProgress\n"
        "Weakness 1: Weak joint commissioning between the council and health partners\n"
        "1a\nSet up a joint commissioning group with the ICB\nAssistant Director, Commissioning\n"
        "September 2031\nTerms of reference agreed by both bodies\nComplete\n"
        "1b\nJointly commission an occupational therapy service\nHead of Commissioning\n"
        "June 2032\n• Fewer families wait more than 18 weeks\n• Most parents rate it good\n"
        "On track\n"
        "Weakness 2: Inconsistent support for children on SEN support\n"
        "2a\nPublish the ordinarily available provision guide\nHead of Inclusion\nJuly 2031\n"
        "Guide sent to every school\nDelayed\n"
    )

    assert [
        (a["ref"], a["owner"], a["status_raw"], a["section"][:10], a["measures"])
        for a in plan["actions"]
    ] == [
        (
            "1a",
            "Assistant Director, Commissioning",
            "Complete",
            "Weakness 1",
            ["Terms of reference agreed by both bodies"],
        ),
        (
            "1b",
            "Head of Commissioning",
            "On track",
            "Weakness 1",
            ["Fewer families wait more than 18 weeks", "Most parents rate it good"],
        ),
        ("2a", "Head of Inclusion", "Delayed", "Weakness 2", ["Guide sent to every school"]),
    ]


def test_numbered_action_paragraphs_after_lettered_ones_are_records_of_their_own():
    plan = parse_plan_text(
        "# SEND Improvement Plan 2031\nUpdated: 28 November 2031\n"
        "## Focus area 1: Early help\n"
        "A1 Roll out the inclusion fund to every early years setting.\n"
        "Lead: Early Years SEND Manager\nTimescale: April 2032\nProgress: On track.\n"
        "## Focus area 2: Better plans\n"
        "Action 2.1: Reorganise the casework team into three locality teams.\n"
        "Lead: Head of SEND Services\nTimescale: March 2032\nProgress: In progress.\n"
        "Action 2.2: Bring annual reviews up to date, starting with phase transfers.\n"
        "Lead: Annual Review Team Leader\nTimescale: by July 2032\nProgress: Delayed.\n"
    )

    assert [(a["ref"], a["owner"], a["status"]) for a in plan["actions"]] == [
        ("A1", "Early Years SEND Manager", "on_track"),
        ("2.1", "Head of SEND Services", "in_progress"),
        ("2.2", "Annual Review Team Leader", "delayed"),
    ]


def test_a_roadmaps_job_in_square_brackets_before_its_status_is_the_lead():
    plan = parse_plan_text(
        "SEND roadmap\nPosition as at 1 March 2031\n\nJanuary 2031\n"
        "\u2714 Appoint a programme manager for the plan [Director of Education] \u2014 done\n"
        "\u2716 Recruit three more educational psychologists [Principal Educational "
        "Psychologist] \u2014 delayed, one post filled\n"
        "\u2714 Agree a recovery trajectory with the DfE adviser [Head of SEND] \u2014 done\n"
    )

    assert [a["owner"] for a in plan["actions"]] == [
        "Director of Education",
        "Principal Educational Psychologist",
        "Head of SEND",
    ]


def test_a_plain_summary_ends_with_next_steps_without_bullets_and_its_news_is_no_action():
    plan = parse_plan_text(
        "Harwick SEND update for families\nDecember 2031\n\n"
        "Getting a plan on time\n\n"
        "Between July and October, 61% of new plans were finished within 20 weeks. A new "
        "online form for asking for an assessment is being tested by parents and will open "
        "to everyone in February.\n\n"
        "Short breaks\n\n"
        "212 children went to holiday clubs this summer, 40 more than last year. The Parent "
        "Carer Forum is running a survey about short breaks, which closes on 31 January.\n\n"
        "Things we are proud of\n\n"
        "The Youth Voice group helped us interview for our new Head of SEND. Three more "
        "special school places opened in September.\n\n"
        "What happens next\n\n"
        "Send you our next update in April\n"
        "Hold drop-in sessions for families in each locality before the end of March\n"
        "Publish a new short breaks statement once the survey results are in\n"
        "Set up a young people's panel to help choose the new sleep support provider\n\n"
        "If you have a question, contact your EHC coordinator.\n"
    )
    texts = [a["text"] for a in plan["actions"]]

    assert "What happens next" not in texts and "Things we are proud of" not in texts
    assert {
        "Send you our next update in April",
        "Set up a young people's panel to help choose the new sleep support provider",
    } <= set(texts)


def test_a_highlight_bullets_opening_rag_letter_is_its_rag_and_not_its_text():
    plan = parse_plan_text(
        "Highlight report\nReport date: 12 January 2032\n\n1. Timeliness\nProgress\n"
        "- (G) The needs assessment chapter remains on track for sign-off by 14 February.\n"
        "- (A) The refreshed data dashboard has slipped to 31 March because of staffing.\n"
    )

    assert [(a["text"][:12], a["rag"]) for a in plan["actions"]] == [
        ("The needs as", "green"),
        ("The refreshe", "amber"),
    ]


def test_lists_restarting_under_two_numbered_agenda_items_take_the_items_number():
    plan = parse_plan_text(
        "SEND Partnership Board: summary of the meeting held on 14 January 2032\n\n"
        "3. Timeliness of EHC plans\n"
        "The Head of SEND explained the new trajectory. The Board agreed to:\n"
        "a) receive a monthly timeliness report at every meeting (SEND Performance Lead)\n"
        "b) ask the Educational Psychology Service to report on advice times by March\n\n"
        "5. SEND strategy\n"
        "The Board noted the draft. Agreed actions:\n"
        "1. Open a six-week public consultation on the strategy by 1 February (Head of SEND)\n"
        "2. Hold two consultation events for families before the end of February\n"
    )

    assert [a["ref"] for a in plan["actions"]] == ["3.a", "3.b", "5.1", "5.2"]


def test_a_lettered_list_under_one_numbered_agenda_item_takes_the_items_number():
    plan = parse_plan_text(
        "SEND Partnership Board: summary of the meeting held on 9 February 2032\n\n"
        "2. Welcome and apologies\nThe Chair welcomed members.\n\n"
        "4. Quality of EHC plans\n"
        "The Principal Educational Psychologist explained the audit findings. The Board "
        "agreed to:\n"
        "a) commission an independent audit of thirty plans before the summer term\n"
        "b) ask the Head of Inclusion to bring the moderation protocol to the next meeting\n"
    )

    assert [a["ref"] for a in plan["actions"]] == ["4.a", "4.b"]


def test_a_status_cell_that_states_a_colour_in_brackets_or_after_a_dash_gives_the_rag():
    plan = parse_plan_text(
        "Improvement plan: progress at March 2032\n\n"
        "Ref\tAction\tLead\tBy when\tStatus\n"
        "1.1\tAgree a single request form with schools\tHead of SEND\tMay 2032\t"
        "In progress (Amber)\n"
        "1.2\tPublish the revised panel terms of reference\tPanel Chair\tJune 2032\t"
        "Complete (Blue) \u2013 published on 3 March\n"
        "1.3\tRecruit two further casework officers\tService Manager\tJuly 2032\t"
        "Delayed \u2013 Red\n"
        "1.4\tTrain SENCOs on the graduated approach\tSENCO Lead\tJuly 2032\t"
        "On track; RAG: green\n"
        "1.5\tReview the red flags in the transport policy\tTransport Lead\tJuly 2032\t"
        "On track\n"
    )

    assert [(a["status"], a["rag"]) for a in plan["actions"]] == [
        ("in_progress", "amber"),
        ("complete", "blue"),
        ("delayed", "red"),
        ("on_track", "green"),
        ("on_track", None),
    ]


def test_a_boards_list_column_is_the_status_and_a_rag_label_among_its_labels_the_rag():
    text = read_document(
        (
            b"Card name,List,Labels,Members,Due date\n"
            b"Agree a recovery date for every assessment over 20 weeks,Doing,"
            b'"WS1 Assessment, RAG: Amber",Priya Shah,2032-01-31\n'
            b"Buy in extra educational psychology time,Done,WS1 Assessment,Owen Price,"
            b"2031-10-31\n"
            b"Agree a six-week standard for health advice,Blocked,"
            b'"WS1 Assessment, RAG: Red",Dr Ruth Vale,2031-12-19\n'
        ),
        "board.csv",
    )

    plan = parse_plan_text(text)

    assert [(a["status_raw"], a["status"], a["rag"]) for a in plan["actions"]] == [
        ("Doing", "in_progress", "amber"),
        ("Done", "complete", None),
        ("Blocked", "delayed", "red"),
    ]


def test_a_roadmaps_key_one_mark_a_line_or_boxed_on_one_line_gives_its_items_statuses():
    ticks = parse_plan_text(
        "Delivery roadmap\nPosition at 9 February 2032\n\nKey\n\u2714  complete\n"
        "\u25d0  under way\n\u25cb  not yet started\n\u2716  behind schedule \u2013 see below\n\n"
        "\u2550\u2550\u2550\u2550\u2550\u2550\u2550\u2550\u2550\u2550\u2550\u2550\n"
        "Jan 32\n\u2714 Terms of reference for the Board rewritten with the forum (SIM)\n"
        "\u2716 Capacity review of the psychology service reported to the Board (PEP)\n"
        "Feb 32\n\u25d0 Every caseworker trained in writing outcomes (PEP)\n"
        "\u25cb Outreach for primary schools launched (HoS)\n"
    )
    boxes = parse_plan_text(
        "Roadmap\nLast updated: 3 March 2032\n\nThe box shows where each item is up to:\n"
        "  [x] done    [~] in progress    [ ] not started    [!] late, or at risk\n\n"
        "March 2032\n[x] WS2 \u2014 Duty rota so that families get a reply in two days \u2014 "
        "Lead: Team Manager\n[~] WS3 \u2014 Sensory assessment list reviewed child by child "
        "\u2014 Lead: Therapies Manager\n[!] WS4 \u2014 Post-16 places decided for Year 11 "
        "\u2014 Lead: Post-16 Manager\n"
    )

    assert [a["status"] for a in ticks["actions"]] == [
        "complete",
        "delayed",
        "in_progress",
        "not_started",
    ]
    assert [a["status"] for a in boxes["actions"]] == ["complete", "in_progress", "delayed"]


def test_a_roadmap_of_numbered_rows_reads_its_months_leads_colours_and_how_well_know():
    plan = parse_plan_text(
        "OUR SEND ROADMAP\nRefreshed 28 October 2031\n\nYou said, we did (since April)\n"
        "You said the Local Offer was hard to search \u2013 we added a search tool in July.\n\n"
        "How to read each item\n"
        "Number. What we will do | who is leading it | colour and where it is up to\n\n"
        "\u258cNov 2031\n"
        "R1. Family hubs run a monthly SEND drop-in | Led by: Early Help Manager | "
        "BLUE \u2013 finished\n"
        "R2. Joint training for health visitors | Led by: Designated Clinical Officer | "
        "GREEN \u2013 on track\n"
        "    How we'll know: 200 practitioners trained by the end of November\n\n"
        "\u258cDec 2031\n"
        "R3. Directory of alternative provision published | Led by: AP Lead | "
        "GREY \u2013 not started yet\n"
    )

    assert [
        (a["ref"], a["section"], a["owner"], a["status"], a["rag"], a["measures"])
        for a in plan["actions"]
    ] == [
        ("R1", "Nov 2031", "Early Help Manager", "complete", "blue", []),
        (
            "R2",
            "Nov 2031",
            "Designated Clinical Officer",
            "on_track",
            "green",
            ["200 practitioners trained by the end of November"],
        ),
        ("R3", "Dec 2031", "AP Lead", "not_started", None, []),
    ]


def test_a_word_tables_paragraphs_keep_their_own_lead_date_and_status_rag_and_a_we_will_list():
    header = (
        "<b>Inspection finding</b>\t<b>What we will do</b>\t<b>Who</b>\t<b>When</b>\t"
        "<b>Status (RAG)</b>\n"
    )
    text = (
        "# Improvement plan\nUpdate for the Board, 3 February 2032\n"
        "### Area for improvement 1: Timely plans\n"
        + header
        + "Families wait too long for assessments.\t1.1 Recruit three permanent plan writers.<br>"
        "1.2 Introduce a weekly timeliness tracker reviewed by the Director.<br>"
        "1.3 Send families a written update at weeks 6, 12 and 16.\t"
        "Service Manager, Assessment<br>Assistant Director, "
        "Inclusion<br>Service Manager, Assessment\tBy 31 March 2032<br>Nov 2031<br>January 2032\t"
        "On track (G)<br>Complete (B)<br>Slipped (A)\n"
        "Plans do not reflect the child's views.\tWe will:<br>\u2022 Launch a views toolkit for "
        "schools to use before an assessment starts<br>\u2022 Train plan writers to write SMART "
        "outcomes, with moderation\tPrincipal Educational Psychologist\tJuly 2032\tDelayed (R)\n"
        "### Area for improvement 2: Therapies\n"
        + header
        + "Waits for therapy are too long.\t2.1 Map therapy provision across education and health."
        "<br>2.2 Agree a jointly funded therapy offer for mainstream schools.\t"
        "Commissioning Lead<br>Commissioning Lead and ICB\tDec 2031<br>Sept 2032\t"
        "Complete (B)<br>On track (G)\n"
    )
    plan = parse_plan_text(text)

    assert [
        (a["text"][:12], a["owner"], a["due"], a["status"], a["rag"]) for a in plan["actions"]
    ] == [
        ("Recruit thre", "Service Manager, Assessment", "2032-03-31", "on_track", "green"),
        ("Introduce a ", "Assistant Director, Inclusion", "2031-11-30", "complete", "blue"),
        ("Send familie", "Service Manager, Assessment", "2032-01-31", "delayed", "amber"),
        ("Launch a vie", "Principal Educational Psychologist", "2032-07-31", "delayed", "red"),
        ("Train plan w", "Principal Educational Psychologist", "2032-07-31", "delayed", "red"),
        ("Map therapy ", "Commissioning Lead", "2031-12-31", "complete", "blue"),
        ("Agree a join", "Commissioning Lead and ICB", "2032-09-30", "on_track", "green"),
    ]
    rated = parse_plan_text(
        "# Plan\nUpdate for the Board, 3 February 2032\n### Area 1: Timely plans\n"
        "<b>What we will do</b>\t<b>Who</b>\t<b>When</b>\t<b>Progress and RAG</b>\n"
        "1.1 Recruit three permanent plan writers.<br>1.2 Introduce a weekly tracker for the "
        "Director.\tService Manager<br>Assistant Director\tMarch 2032<br>Nov 2031\t"
        "Amber: in progress<br>Blue: complete\n"
        "1.3 Send families a written update at weeks 6 and 12.\tService Manager\tJune 2032\t"
        "Green: on track\n"
    )
    assert [(a["owner"], a["status"], a["rag"]) for a in rated["actions"]] == [
        ("Service Manager", "in_progress", "amber"),
        ("Assistant Director", "complete", "blue"),
        ("Service Manager", "on_track", "green"),
    ]


def test_a_newsletter_wrapped_at_seventy_characters_is_read_by_its_sentences_not_its_lines():
    text = (
        "Ashvale Parent Carer Forum\nworking with Ashvale Council and NHS Ashvale ICB\n\n"
        "Joint SEND update for families\nJune 2032\n\n"
        "Thank you to the 210 parents and carers who answered our spring survey.\n"
        "This update says what the council and the NHS have done with what you\n"
        "told us, and what is still being worked on.\n\n"
        "what you told us\n\n"
        "Your biggest worries were waiting for therapy and not hearing back from\n"
        "the SEND team. Only 31% of you felt listened to when the plan was written.\n\n"
        "hearing back from the SEND team\n\n"
        "Every caseworker now shares a team inbox, and in May 84% of emails were\n"
        "answered within five working days. The SEND Service is also setting up a\n"
        "telephone call-back line for families, which is due to go live in\n"
        "October.\n\n"
        "therapies\n\n"
        "The wait for a first autism appointment is now 41 weeks, down from 50 in\n"
        "January. The ICB and the community trust are reviewing the speech and\n"
        "language therapy pathway; this work is slightly delayed and will now\n"
        "finish in September rather than July.\n\n"
        "what happens next\n\n"
        "Publish the results of the survey on the Local Offer\n"
        "Co-produce the new complaints leaflet with the council\n\n"
        "Get in touch: hello@ashvalepcf.example.org.uk\n"
    )
    plan = parse_plan_text(text)

    assert [a["text"][:30] for a in plan["actions"]] == [
        "The SEND Service is also setti",
        "The ICB and the community trus",
        "Publish the results of the sur",
        "Co-produce the new complaints ",
    ]


def test_glued_minutes_read_the_action_no_and_a_supported_by_cell_as_the_partners():
    text = (
        "Wyvernmoor SEND Executive\nMinutes of the meeting held on 11 June 2032\n\n"
        "2. Action log from the meeting of 14 May 2032\n"
        "The open actions were reviewed line by line.\n"
        "Action no.QX-041\nAgreed actionRefresh the Local Offer pages on needs assessments\n"
        "ResponsibleLocal Offer Coordinator\nSupported byParent Carer Forum, Principal EP\n"
        "Target date30/06/2032\nProgress updateDrafts with the forum for comment\nBRAGG\n"
        "Action no.QX-043\nAgreed actionConfirm funding for the travel training pilot\n"
        "ResponsibleHead of Transport Commissioning\nSupported byICB\nTarget date31/07/2032\n"
        "Progress updateNot started\nBRAGA\n"
    )
    plan = parse_plan_text(text)

    assert [(a["ref"], a["owner"], a["partners"], a["due"], a["rag"]) for a in plan["actions"]] == [
        (
            "QX-041",
            "Local Offer Coordinator",
            ["Parent Carer Forum", "Principal EP"],
            "2032-06-30",
            "green",
        ),
        ("QX-043", "Head of Transport Commissioning", ["ICB"], "2032-07-31", "amber"),
    ]


def test_a_roadmap_items_lead_and_bracketed_status_after_a_dash_are_no_part_of_its_text():
    text = (
        "Kettlewick SEND Improvement Roadmap\nAs at 20 November 2031\n\n"
        "Key: [DONE] finished  [ON TRACK] under way as planned  [AT RISK] may slip\n\n"
        "SEPTEMBER 2031\n"
        "- Priority action plan sent to the inspectors – Director of Children's Services [DONE]\n"
        "- New Improvement Board meets for the first time with an independent chair – "
        "Chief Executive [DONE]\n\n"
        "OCTOBER 2031\n"
        "- Termly SENCO network briefings launched – SEND Inclusion Manager [ON TRACK]\n"
        "- Joint health advice template agreed with the ICB – Designated Clinical Officer "
        "[AT RISK]\n"
    )
    plan = parse_plan_text(text)

    assert [(a["text"], a["owner"], a["status"]) for a in plan["actions"]] == [
        (
            "Priority action plan sent to the inspectors",
            "Director of Children's Services",
            "complete",
        ),
        (
            "New Improvement Board meets for the first time with an independent chair",
            "Chief Executive",
            "complete",
        ),
        ("Termly SENCO network briefings launched", "SEND Inclusion Manager", "on_track"),
        (
            "Joint health advice template agreed with the ICB",
            "Designated Clinical Officer",
            "delayed",
        ),
    ]


def test_a_plain_summarys_what_happens_next_heads_its_steps_without_bullets():
    plan = parse_plan_text(
        "SEND in Ashvale: an update for families\nNovember 2031\n\n"
        "Getting help sooner\n\n"
        "More children are now supported in their local school. A new team of inclusion "
        "advisers started in September and has visited 40 schools.\n\n"
        "Growing up\n\n"
        "Sixty young people told us they want more help to find work. A supported internship "
        "programme is recruiting its first interns, who will start in January.\n\n"
        "What happens next\n\n"
        "Publish a new timetable for psychology advice in December\n"
        "Launch the refreshed Local Offer website, written with young people\n"
        "Hold a termly drop-in for families in each of the four localities\n"
    )

    steps = [a for a in plan["actions"] if a["text"].startswith(("Publish", "Launch", "Hold"))]
    assert [a["section"] for a in steps] == ["What happens next"] * 3


def test_a_lettered_section_row_after_a_wrapped_flattened_row_heads_the_rows_below():
    plan = parse_plan_text(
        "Year 2 delivery plan - position as at 30 September 2031\n\n"
        "No. Action Lead Partners Start End Status\n"
        "A. Identifying needs early\n"
        "1 Roll out the inclusion toolkit to every setting Early Years SEND Manager Family Hubs"
        " Apr 2031 Dec 2031 On track\n"
        "2 Pilot a language screening tool in 15 primary schools Speech and Language Therapy"
        " Manager Schools\nEducational Psychology Service Sep 2031 Jul 2032 On track\n"
        "B. Graduated response in mainstream schools\n"
        "1 Publish the ordinarily available provision framework Head of Inclusion SENCOs"
        " Apr 2031 Jun 2031 Complete\n"
        "2 Open locality inclusion hubs with outreach from special schools Head of Inclusion"
        " Academy trusts Jun 2031 Apr 2032 Delayed\n"
    )

    assert [(a["ref"], a["section"]) for a in plan["actions"]] == [
        ("A.1", "A. Identifying needs early"),
        ("A.2", "A. Identifying needs early"),
        ("B.1", "B. Graduated response in mainstream schools"),
        ("B.2", "B. Graduated response in mainstream schools"),
    ]


def test_a_timeline_whose_lines_open_with_a_status_in_capitals_reads_each_line_as_an_entry():
    long_tail = "with the families who asked for it at the autumn forum meetings"
    text = (
        "Eastmoor Council – SEND timeline of milestones\n"
        "Status as reported to the Steering Group, 3 March 2026\n\n"
        "Each milestone opens with its status. The owner is the accountable officer.\n\n"
        "AUTUMN TERM 2025\n"
        f"DONE – Short breaks statement refreshed {long_tail}. Owner – Short Breaks Lead\n"
        f"LATE: Panel terms of reference agreed {long_tail}. Owner – Head of SEND Casework\n\n"
        "SPRING TERM 2026 (January – March)\n"
        f"ON TRACK – Transition guide for year 6 families published {long_tail}. "
        "Owner – Transitions Officer (w/c 23 March)\n"
        "NOT STARTED – Sleep support service commissioned. Owner – Head of Commissioning\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["status_raw"], a["owner"]) for a in actions] == [
        ("DONE", "Short Breaks Lead"),
        ("LATE", "Head of SEND Casework"),
        ("ON TRACK", "Transitions Officer"),
        ("NOT STARTED", "Head of Commissioning"),
    ]
    assert actions[0]["text"].startswith("Short breaks statement refreshed")
    # the date in brackets after the lead is the item's own: the week of 23 March
    assert actions[2]["due"] == "2026-03-29"
    # a term heading's bracketed months do not make it a level below the term before it
    assert actions[2]["section"] == "SPRING TERM 2026 (January – March)"


def test_an_issue_trackers_export_reads_its_key_epic_and_custom_fields():
    header = (
        "Issue key,Issue id,Issue Type,Summary,Epic,Assignee,Reporter,Status,Priority,"
        "Due date,Custom field (RAG),Custom field (Success measure)\n"
    )
    rows = (
        "QRT-1,20001,Epic,Timely assessments,,,Ben Ash,In Progress,High,,,\n"
        "QRT-7,20007,Task,Track every open assessment weekly,Timely assessments,"
        "Ola Reyes,Ben Ash,Done,Medium,14/Feb/25,Blue,Tracker used by all teams\n"
        "QRT-9,20009,Task,Publish the assessment guide for parents,Timely assessments,"
        ",Ben Ash,To Do,Low,31/Mar/25,,\n"
    )
    plan = parse_plan_text(read_document((header + rows).encode(), "export.csv"))
    assert [(a["ref"], a["section"], a["owner"]) for a in plan["actions"]] == [
        ("QRT-7", "Timely assessments", "Ola Reyes"),  # the key people quote, not the id
        ("QRT-9", "Timely assessments", None),  # the epic's own row is its group, no task
    ]
    assert plan["actions"][0]["measures"] == ["Tracker used by all teams"]
    assert plan["actions"][0]["rag"] == "blue"


def test_a_roadmaps_ballot_boxes_are_read_by_its_key_and_its_notes_and_counts_are_no_actions():
    text = (
        "Northwold SEND Partnership – improvement roadmap 2025–26\n"
        "Updated 8 December 2025\n\n"
        "The roadmap shows what the plan delivers month by month.\n\n"
        "DECEMBER 2025\n"
        "☑ Sign the co-production charter with all partners (Parent Carer Forum)\n"
        "☐ Launch the weekly assessment tracker for team managers (Business Intelligence)\n"
        "☒ Commission an external review of the transport policy (Transport Manager)\n"
        "      – stood down by the Board and folded into the wider transport review\n\n"
        "JANUARY 2026\n"
        "☐ Train SENCOs in every maintained primary school on the toolkit (Inclusion Service)\n"
        "☐ Report to Schools Forum on the high needs recovery plan (Finance Business Partner)\n\n"
        "Key: ☑ done ☐ to do / not yet due ☒ stood down (agreed by Board)\n\n"
        "Progress at a glance: 1 of 5 roadmap items done; 1 stood down.\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["status_raw"], a["status"]) for a in actions] == [
        ("☑", "complete"),
        ("☐", "not_started"),  # as the key says: to do
        ("☒", "closed"),  # stood down
        ("☐", "not_started"),
        ("☐", "not_started"),  # not "1 of 5 roadmap items done", the count below
    ]
    assert not any(a["text"].startswith(("stood down", "Key:", "Progress")) for a in actions)


def test_a_roadmaps_marks_are_read_by_its_key_and_its_months_take_the_quarters_year():
    text = (
        "Brockley Vale Council – delivery roadmap\n"
        "Position as at 30 November 2025\n\n"
        "KEY    ● complete    ◐ under way    ○ not started    ▲ at risk\n\n"
        "Q3 2025/26\n"
        "   October\n"
        "      ● P1.3  Publish the revised assessment guidance — Lead: Principal Officer\n"
        "      ◐ P3.2  Audit the quality of health advice in twenty plans — Lead: DCO\n"
        "   November\n"
        "      ▲ P4.1  Agree a jointly funded placements protocol — Lead: Deputy Director\n"
        "      ○ P2.3  Launch a single phone line for families — Lead: Customer Services\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["status_raw"], a["status"]) for a in actions] == [
        ("P1.3", "●", "complete"),
        ("P3.2", "◐", "in_progress"),
        ("P4.1", "▲", "delayed"),
        ("P2.3", "○", "not_started"),
    ]
    assert [(a["section"], a["due"]) for a in actions][::2] == [
        ("Q3 2025/26 / October", "2025-10-31"),  # October of the quarter, not the next one
        ("Q3 2025/26 / November", "2025-11-30"),
    ]


def test_a_roadmaps_entries_tagged_with_their_workstream_are_each_an_action():
    long = "with the three school clusters that asked to take part this year"
    text = (
        "Fellgate Council – SEND programme milestone roadmap\n"
        "Prepared for the Improvement Board of 21 January 2026\n\n"
        "RAG letters: G = on track; A = some slippage; R = at risk; B = complete.\n\n"
        "JANUARY 2026\n"
        f"WS1: Weekly assessment huddle set up {long} – Lead: Head of SEND – Status: complete\n"
        f"WS2: Provision guide published for schools {long} – Lead: Inclusion Manager – "
        "Status: delayed\n"
        "WS3: Therapy waiting list validated – Lead: Children's Therapies Manager (RAG: A)\n"
        f"[PfA] Destinations data matched {long} – Lead: 14–25 Team Manager (RAG: B)\n\n"
        "FEBRUARY 2026\n"
        "No milestones this month – the Board will hold a deep dive instead.\n\n"
        "MARCH 2026\n"
        "WS4: Placement framework agreed – Lead: Commissioning Manager – Status: on track\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["owner"], a["status_raw"], a["rag"]) for a in actions] == [
        ("Head of SEND", "complete", None),
        ("Inclusion Manager", "delayed", None),
        ("Children's Therapies Manager", None, "amber"),
        ("14–25 Team Manager", None, "blue"),
        ("Commissioning Manager", "on track", None),  # February's "No milestones" is none
    ]


def test_a_roadmap_grids_month_cell_covers_the_rows_below_it():
    text = (
        "Holmbridge Council – SEND roadmap, grid view\n\n"
        "Month\tMilestone\tLead\tStatus\n"
        "Apr-26\tPartnership Board terms of reference signed off\tBoard Chair\tComplete\n"
        "\tEHC hub model: casework and health staff co-located\tHead of SEND\tIn progress\n"
        "\tParent carer forum places on the EHC panel\tParent Carer Forum\t\n"
        "May-26\tShort breaks statement republished\tShort Breaks Commissioner\tNot started\n"
        "\tGraduated approach audit in 15 schools\tInclusion Quality Lead\tNot started\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["text"][:22], a["owner"], a["due"]) for a in actions] == [
        ("Partnership Board term", "Board Chair", "2026-04-30"),
        ("EHC hub model: casewor", "Head of SEND", "2026-04-30"),
        ("Parent carer forum pla", "Parent Carer Forum", "2026-04-30"),
        ("Short breaks statement", "Short Breaks Commissioner", "2026-05-31"),
        ("Graduated approach aud", "Inclusion Quality Lead", "2026-05-31"),
    ]


def test_a_slide_decks_done_doing_next_lists_give_their_items_status():
    text = (
        "Slide 1\nHartwell SEND Improvement Board\nWorkstream progress update\n"
        "Board meeting – 18 June 2025\n\n"
        "Slide 4\nWorkstream 1 – Early help and SEN support\nWorkstream RAG: Amber\n"
        "Done\n"
        "Graduated approach toolkit published for all schools (KM)\n"
        "Doing\n"
        "Training 120 teaching assistants in speech and language support, 80 so far (KM) – July\n"
        "Adding screening questions to the early help assessment form for families (RJ) – Sept\n"
        "Next\n"
        "Pilot an inclusion quality mark with ten primary schools (KM) – March 2026\n"
        "Hartwell SEND Improvement Board | OFFICIAL | 4\n\n"
        "Slide 5\nWorkstream 2 – EHC assessment and planning\n"
        "Done\n"
        "Three additional EHC coordinators in post (RJ)\n"
        "Hartwell SEND Improvement Board | OFFICIAL | 5\n\n"
        "Slide 6\nWorkstream 3 – Health\n"
        "Next\nJoint transitions panel with adult social care (LF) – Dec\n"
        "Hartwell SEND Improvement Board | OFFICIAL | 6\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["text"][:24], a["status_raw"], a["status"]) for a in actions] == [
        ("Graduated approach toolk", "Done", "complete"),
        ("Training 120 teaching as", "Doing", "in_progress"),
        ("Adding screening questio", "Doing", "in_progress"),  # not run on from "– July"
        ("Pilot an inclusion quali", "Next", "not_started"),
        ("Three additional EHC coo", "Done", "complete"),
        ("Joint transitions panel ", "Next", "not_started"),
    ]  # the slides' footers are no actions


def test_a_records_fields_on_one_line_between_pipes_are_its_fields_not_a_table_row():
    text = (
        "Wrenfield SEND Partnership – objectives and key results 2025/26\n"
        "Quarterly check-in: end of Q1 (June 2025)\n\n"
        "Objective 2: Plans are timely and good\n\n"
        "Initiatives:\n"
        "  2.1  Introduce a weekly multi-agency panel for new requests\n"
        "       Owner: SEN Statutory Manager | Quarter: Q1 | Status: Done (blue)\n"
        "  2.2  Replace the paper advice forms with an online portal for schools\n"
        "       Owner: SEND Systems Project Manager | Quarter: Q3 | Status: On track (green)\n"
        "  2.3  Commission an independent review of annual review processes\n"
        "       Owner: Head of SEND | Quarter: Q2 | Status: Not started (amber)\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["owner"], a["status"], a["rag"]) for a in actions] == [
        ("2.1", "SEN Statutory Manager", "complete", "blue"),
        ("2.2", "SEND Systems Project Manager", "on_track", "green"),
        ("2.3", "Head of SEND", "not_started", "amber"),
    ]


def test_glued_minutes_read_a_label_set_off_by_a_space_and_carried_forward_actions():
    lines = (
        "Ashwell SEND Partnership Board\n"
        "Minutes of the meeting held on Thursday 11 December 2025\n\n"
        "Item2. Minutes and action log\n"
        "DiscussionThe minutes were agreed. Most actions on the log were closed.\n"
        "ActionKM to bring the finalised support descriptors to the February Board\n"
        "Action byKM\nDeadline 12/02/2026\nRAGA\nStatusc/f\n"
        "Item3. Timeliness\n"
        "DiscussionKM reported that timeliness had fallen this quarter.\n"
        "ActionHead of SEND to circulate the weekly timeliness dashboard to the Board\n"
        "Action byKM\nDeadline End of Feb\nRAGG\nStatusOpen\n"
    )
    one_line = (
        "Elmbridge SEND Improvement Board\nMinutes – Tuesday 3 March 2026\n\n"
        "Item3.EHCP timelinessDiscussionIG reported that 52% of plans were on time."
        "ActionAll SENCOs to complete the termly tracker return for the teamOwnerSEN Team "
        "ManagerDue 31/03/2026StatusOpen\n"
        "Item4.Annual reviewsDiscussionThe backlog stands at 412."
        "ActionRecruit two fixed-term annual review officers from the grantOwnerHead of SEN "
        "AssessmentDue April 2026StatusIn progress\n"
    )
    glued = [
        (a["owner"], a["due"], a["status_raw"], a["status"], a["rag"])
        for a in parse_plan_text(lines)["actions"]
    ]
    assert glued == [
        ("KM", "2026-02-12", "c/f", "in_progress", "amber"),  # carried forward: still open
        ("KM", "2026-02-28", "Open", "in_progress", "green"),
    ]
    assert [(a["owner"], a["due"]) for a in parse_plan_text(one_line)["actions"]] == [
        ("SEN Team Manager", "2026-03-31"),
        ("Head of SEN Assessment", "2026-04-30"),
    ]


def test_notes_hand_items_on_with_an_arrow_and_date_the_meeting_with_a_two_digit_year():
    text = (
        "Eastcombe SEND Partnership – Preparing for Adulthood sub-group\n"
        "Notes of meeting, Wed 29/4/26, 3.30–5pm, Youth Hub\n\n"
        "Actions from this meeting\n"
        "• Send round the job coach vacancy for the internship programme → Dan, Fri 8 May\n"
        "• Draft a one-page turning 18 checklist for parents with the forum → Jo + Priya, "
        "end of May\n"
        "• Share the interns' feedback survey with the group → Dan, 15/5\n"
    )
    plan = parse_plan_text(text)
    assert plan["as_at"] == "2026-04-29"
    assert [(a["text"][:20], a["owner"], a["due"]) for a in plan["actions"]] == [
        ("Send round the job c", "Dan", "2026-05-08"),
        ("Draft a one-page tur", "Jo + Priya", "2026-05-31"),
        ("Share the interns' f", "Dan", "2026-05-15"),
    ]


def test_a_roadmap_pasted_from_a_chat_reads_its_emoji_marks_and_dashed_cells():
    text = (
        "Northfold SEND roadmap – copied from the Teams channel\n"
        "as at 12 Feb 2026\n\n"
        "Morning all, latest cut of the roadmap is below.\n\n"
        "JAN 2026\n"
        "✅ Assessment request form moved online — Dev / Digital team\n"
        "🔄 Backlog of overdue annual reviews: trajectory agreed — Annual Review Team\n"
        "❌ Joint SEND and health data dashboard live — BI (Marcus)\n"
        "      ↳ Marcus: missed, data model being rebuilt\n\n"
        "MARCH '26\n"
        "🟢 Multi-agency audit cycle 2 — Quality Assurance Lead\n"
        "🔴 Delayed — Specialist place sufficiency plan to Cabinet — AD Education — due 24 March\n"
        "⏳ Autism outreach service specification — Commissioning (Femi)\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [
        (a["text"][:22], a["owner"], a["status"], a["rag"], a["section"], a["due"]) for a in actions
    ] == [
        (
            "Assessment request for",
            "Dev / Digital team",
            "complete",
            None,
            "JAN 2026",
            "2026-01-31",
        ),
        (
            "Backlog of overdue ann",
            "Annual Review Team",
            "in_progress",
            None,
            "JAN 2026",
            "2026-01-31",
        ),
        ("Joint SEND and health ", "BI (Marcus)", "delayed", None, "JAN 2026", "2026-01-31"),
        (
            "Multi-agency audit cyc",
            "Quality Assurance Lead",
            None,
            "green",
            "MARCH '26",
            "2026-03-31",
        ),
        ("Specialist place suffi", "AD Education", "delayed", "red", "MARCH '26", "2026-03-24"),
        (
            "Autism outreach servic",
            "Commissioning (Femi)",
            "not_started",
            None,
            "MARCH '26",
            "2026-03-31",
        ),
    ]


def test_a_highlight_reports_progress_bullets_state_their_status_and_its_next_steps_are_actions():
    text = (
        "HIGHLIGHT REPORT\n\n"
        "Programme:            Fenwold SEND Transformation Programme\n"
        "Report date:          14 January 2025\n"
        "Overall status:       Amber\n\n"
        "2. Progress this period\n\n"
        "2.1 Workstream B – Inclusion and SEN support (status: Amber)\n"
        "• The inclusion dashboard for headteachers is in testing and will reach all schools "
        "by the end of February (lead: Business Intelligence Manager).\n"
        "\n"
        "3. Next steps (next period)\n\n"
        "• Publicise the online request form to families and schools through the Local Offer.\n"
        "• Refresh the programme benefits register.\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["text"][:24], a["status"]) for a in actions] == [
        ("The inclusion dashboard ", "in_progress"),  # "is in testing"
        ("Publicise the online req", None),  # a next step, its heading's note aside
        ("Refresh the programme be", None),
    ]
    paused = find_status("Training for SENCOs has been paused until the toolkit is signed off")
    assert paused is not None and paused.value == "delayed"


def test_matters_arising_report_earlier_actions_by_number_with_their_lead_and_status():
    text = (
        "Harlowfield SEND Partnership Board\n"
        "Minutes of the meeting held on 18 September 2025\n\n"
        "3. Matters arising\n"
        "Action 3 (OC – recruit additional EHC coordinators): two posts have been filled and "
        "the action remains open.\n"
        "Action 6 (BY/OC – joint letter to families explaining the review process): carried "
        "forward.\n"
        "Action 9 (RF – letter to the Regional Director about places): superseded by item 6.\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["ref"], a["text"][:20], a["owner"], a["status"]) for a in actions] == [
        ("3", "recruit additional E", "OC", "in_progress"),
        ("6", "joint letter to fami", "BY/OC", "in_progress"),
        ("9", "letter to the Region", "RF", "closed"),
    ]


def test_a_minutes_tables_item_column_is_the_section_of_its_actions():
    text = (
        "Kelbrook SEND Assurance Board\nMinutes of meeting: Wednesday 14 May 2025\n\n"
        "Item\tDiscussion\tAction\tLead\tBy when\tRAG\n"
        "3. Priority action plan\tJH presented the quarterly report.\tRefresh the milestone "
        "tracker with revised dates\tJH\t30/06/2025\tA\n"
        "\t\tPrepare the evidence pack for the six-month review\tJH / DCO\t11/07/2025\tG\n"
        "4. Quality assurance\tMB reported on the April audit.\tDraft a multi-agency QA "
        "framework with a moderation panel\tMB\t31/07/2025\tA\n"
    )
    actions = parse_plan_text(text)["actions"]
    assert [(a["text"][:18], a["section"]) for a in actions] == [
        ("Refresh the milest", "3. Priority action plan"),
        ("Prepare the eviden", "3. Priority action plan"),
        ("Draft a multi-agen", "4. Quality assurance"),
    ]


def test_a_roadmaps_colour_legend_what_will_show_it_works_and_contact_line_are_no_actions():
    text = (
        "Farrowby SEND Roadmap 2031\n\nHow to read this roadmap\n"
        "Every line ends with a light \u2013 \U0001f7e2 green (on track), \U0001f7e0 amber "
        "(some risk to the date), \U0001f534 red (the date will be missed).\n\n"
        "MAY 2031\n"
        "- Launch the provision guide to all schools \u2013 Inclusion Lead \U0001f7e2\n"
        "- Publish the adulthood pages \u2013 Local Offer Manager \U0001f7e0\n\n"
        "JUNE 2031\n"
        "- Train all SENCOs on the new request form \u2013 Inclusion Lead\n"
        "- Hold the first joint post-16 panel \u2013 14\u201325 Team Manager \U0001f7e2\n\n"
        "What will tell us the roadmap is working\n"
        "\u2022 More families say they know where to find help\n"
        "\u2022 More plans issued within 20 weeks\n\n"
        "Questions about this roadmap: send.roadmap@farrowby.example.gov.uk\n"
    )

    plan = parse_plan_text(text)

    assert [a["text"][:20] for a in plan["actions"]] == [
        "Launch the provision",
        "Publish the adulthoo",
        "Train all SENCOs on ",
        "Hold the first joint",
    ]
    assert [i["text"][:20] for i in plan["indicators"]] == [
        "More families say th",
        "More plans issued wi",
    ]


def test_a_roadmaps_marks_and_statuses_around_its_bracketed_or_dashed_lead_are_read():
    text = (
        "Kelmoor SEND Roadmap 2031\nAs at 10 November 2031\n\nSeptember 2031\n"
        "- (\u2713) Launch the new assessment hub (Head of SEND)\n"
        "- Open the resource base (Sufficiency Lead) \u2013 Status: on track\n"
        "- Consult on the short breaks statement (Commissioner) (delayed)\n"
        "October 2031\n"
        "- Set up the health advice tracker \u2014 DCO \u2014 \u2717 missed\n"
        "- Run the transitions fair \u2014 PfA Lead \u2014 ongoing\n"
    )

    actions = parse_plan_text(text)["actions"]

    assert [(a["owner"], a["status_raw"], a["status"]) for a in actions] == [
        ("Head of SEND", "(\u2713)", "complete"),
        ("Sufficiency Lead", "on track", "on_track"),
        ("Commissioner", "delayed", "delayed"),
        ("DCO", "\u2717 missed", "delayed"),
        ("PfA Lead", "ongoing", "in_progress"),
    ]
    assert actions[0]["text"] == "Launch the new assessment hub"
