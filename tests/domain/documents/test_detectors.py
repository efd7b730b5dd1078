"""The typed field detectors: each finds one field of an action in any text, as Plan JSON
defines it (docs/plan-json.md): the owner as printed, due_raw as printed with its ISO end
date, status_raw as the exact status words, a RAG colour only where one is printed.

Every text here is tiny and made up for one behaviour.
"""

from datetime import date

import pytest

from sendtrack.domain.documents.detectors import (
    clause_status,
    closing_ref,
    find_due,
    find_owner,
    find_rag,
    find_ref,
    find_status,
    flat_row_cells,
    lead_in_owner,
    owner_set_off,
    row_cells_start,
    row_tail,
    sentence_subject,
    status_of_cell,
    status_tag,
    trailing_name,
)

AS_AT = date(2025, 9, 22)


def _owner(text: str) -> str | None:
    found = find_owner(text)
    return found.value if found else None


# --- owners -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("The Inclusion Team is writing guidance for schools.", "The Inclusion Team"),
        ("Rob Hale will report sign-up figures to the Board.", "Rob Hale"),
        ("the Data Analyst will add outcomes to the dashboard", "the Data Analyst"),
        (
            "Health visitors and nursery staff are completing joint training.",
            "Health visitors and nursery staff",
        ),
        ("The Play Service is piloting drop-in clinics in the East.", "The Play Service"),
    ],
)
def test_the_named_subject_of_a_sentence_owns_it(text: str, owner: str | None) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Dr Ann Lee, the Designated Clinical Officer, will open a hub.", "Dr Ann Lee"),
        ("Sam Ray, our Head of SEND, will publish the figures each month.", "Sam Ray"),
        ("Our team (lead: Jo Bell, Head of SEN) will visit schools.", "Jo Bell, Head of SEN"),
        ("Publish the guide (Lead: Jo Bell, March 2031)", "Jo Bell"),
        ("Publish the guide (Lead: Head of SEN; by 3 May)", "Head of SEN"),
        ("Agree it (Lead: DCO with 0\u201319 Manager; by end Q3)", "DCO with 0\u201319 Manager"),
        ("Toolkit out. Lead: EY Lead (Early Years). [Done]", "EY Lead (Early Years)"),
        ("Panel meets. Lead: Early Years Manager. [On track]", "Early Years Manager"),
        ("Review the offer – Lead: J. Osei", "J. Osei"),
    ],
)  # fmt: skip
def test_a_person_named_before_their_role_or_a_lead_with_a_title_is_the_whole_lead(
    text: str, owner: str
) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Audit 40 plans against the framework  [RT]  Due 30/11", "RT"),
        ("Map the waiting lists [MA/JB]", "MA/JB"),
        ("Check the returns [DONE]", None),
        ("Publish the guide [R]", None),
        ("[x] Agree the audit tool", None),
    ],
)
def test_initials_in_square_brackets_after_a_task_name_its_owner(text: str, owner: str) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    "text",
    [
        "We will publish the guide by March.",
        "The strategy will be published in May.",
        "The toolkit is being developed with schools.",
        "The review of the panel remains on track.",
        "The new toolkit has slipped to 3 June.",
    ],
)
def test_we_passives_and_things_name_no_owner(text: str) -> None:
    assert _owner(text) is None


def test_sentence_subject_needs_a_name_or_a_word_for_people() -> None:
    assert sentence_subject("Parent carers are joining the panel.") is None
    assert sentence_subject("Family support workers are joining the panel.") == (
        "Family support workers"
    )


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("JM to circulate the revised terms", "JM"),
        ("Head of Inclusion to bring the figures", "Head of Inclusion"),
        ("Agreed actionsKate Lim to arrange a signing event", "Kate Lim"),
        ("ActionsHealth colleagues to review the offer", "Health colleagues"),
    ],
)
def test_the_words_before_to_name_the_owner_of_a_minuted_action(text: str, owner: str) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    "text",
    [
        "Recruit two psychologists to reduce waiting times",
        "Complete quality visits to every provider",
        "Reviewing home to school transport guidance",
        "B.5 To strengthen the offer to young people",
    ],
)
def test_an_imperative_before_to_is_the_action_not_its_owner(text: str) -> None:
    assert _owner(text) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Publish the guide for settings March 2025 Head of SEND On track", "Head of SEND"),
        ("Review the offer for families 31/01/2025 LA and schools In progress", "LA and schools"),
        ("Agree the protocol with partners Q4 2024/25 HoS SEND / DCO Delayed", "HoS SEND / DCO"),
        ("Refresh the training plan for staff. P. Grieve Mar 2025 Amber", "P. Grieve"),
        ("Open the hub for all 0-25 year olds DCO end of August In Progress", "DCO"),
        ("Publish the register of placements – HoEH – Done", "HoEH"),
        ("Publish the register of placements (QA Lead) — Done", "QA Lead"),
        ("Set up a weekly tracker in every locality – PCF Chair", "PCF Chair"),
    ],
)
def test_a_flattened_rows_owner_cell_is_found_among_its_last_cells(text: str, owner: str) -> None:
    assert _owner(text) == owner


@pytest.mark.parametrize(
    "text",
    [
        "Take the framework to the Health Sub-Group by the end of March",
        "Appoint a Designated Clinical Officer (DCO)",
        "Publish the offer – Autumn Term 2025",
    ],
)
def test_a_sentence_ending_in_capitals_has_no_owner_cell(text: str) -> None:
    assert row_tail(text).owner is None


def test_lead_labels_and_tags_give_the_owner() -> None:
    assert _owner("Publish the guide (Lead: Head of SEN)") == "Head of SEN"
    assert _owner("Map the offer (Lead: HoPI; Due: Nov-26; Status: In progress)") == "HoPI"


def test_a_lead_in_names_its_subject_but_it_was_agreed_names_nobody() -> None:
    assert lead_in_owner("The Board agreed to:") == "The Board"
    assert lead_in_owner("It was agreed that:") is None


# --- status -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "status"),
    [
        (
            "The toolkit is being developed and remains on target to finish.",
            "remains on target",
            "on_track",
        ),
        ("The guide is currently on track to be published.", "is currently on track", "on_track"),
        ("The business case is on schedule for the Board.", "is on schedule", "on_track"),
        (
            "The pilot is running two months behind schedule.",
            "running two months behind schedule",
            "delayed",
        ),
        ("The survey has slipped to 31 March.", "has slipped", "delayed"),
        ("Go-live has slipped from February to May.", "has slipped", "delayed"),
        ("The dashboard is delayed because of data sharing.", "is delayed", "delayed"),
        (
            "The protocol is delayed and now expected by end of July.",
            "is delayed",
            "delayed",
        ),
        ("The new panel is now embedded.", "is now embedded", "embedded"),
        ("The hub is due to start by 18 May.", "is due to start", "not_started"),
        ("The review has not yet started.", "has not yet started", "not_started"),
        ("Recruitment is under way.", "is under way", "in_progress"),
        ("Train all coordinators (delayed from April)", "delayed from April", "delayed"),
        ("[In progress] Extend the protocol", "In progress", "in_progress"),
        ("Roll out the register – HoEH – \u2713", "\u2713", "complete"),
        ("Map the offer (Lead: HoPI; Status: Not started)", "Not started", "not_started"),
        (
            "Publish the guide 31/01/2025 Inclusion Manager Not yet started",
            "Not yet started",
            "not_started",
        ),
    ],
)
def test_a_status_is_read_as_printed(text: str, raw: str, status: str) -> None:
    found = find_status(text)
    assert found is not None
    assert (found.raw, found.value) == (raw, status)


def test_activity_verbs_are_no_status_but_work_being_done_is_in_progress() -> None:
    assert find_status("The team is piloting drop-in clinics.") is None
    found = find_status("The toolkit is being developed with schools.")
    assert found is not None and found.value == "in_progress"
    for text in (
        "Monthly audits of plans are now taking place, led by the QA officer.",
        "The pilot has started and reports in April.",
    ):
        found = find_status(text)
        assert found is not None and found.value == "in_progress", text


def test_a_status_cell_keeps_its_reason_but_not_a_long_tail() -> None:
    assert status_of_cell("Delayed \u2013 recruitment").raw == "Delayed \u2013 recruitment"
    long = status_of_cell("Not yet started, the post is being advertised again this month")
    assert long is not None and (long.raw, long.value) == ("Not yet started", "not_started")


# --- RAG ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rag"),
    [
        ("Publish the guide by March (G).", "green"),
        ("Publish the guide [R]", "red"),
        ("Publish the guide. RAG: Yellow", "amber"),
        ("Publish the guide for settings. D. Yardley 23.03.25 Blue", "blue"),
        ("Publish the guide for settings P. Grieve end of June Amber", "amber"),
        ("Publish the guide so every school is green", None),
        ("Plant the Red Kite garden", None),
    ],
)
def test_a_rag_colour_is_read_only_where_one_is_printed(text: str, rag: str | None) -> None:
    found = find_rag(text)
    assert (found.value if found else None) == rag


def test_a_rag_cell_may_say_yellow_for_amber() -> None:
    assert find_rag("Yellow", cell=True).value == "amber"
    assert find_rag("A", cell=True).value == "amber"


# --- due dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "due"),
    [
        ("Publish the guide by end of Sep 25", "by end of Sep 25", "2025-09-30"),
        ("Offer support to schools By end Feb 26", "By end Feb 26", "2026-02-28"),
        ("Report the findings at the January meeting", "at the January meeting", "2026-01-31"),
        ("Circulate the terms by 14 October", "by 14 October", "2025-10-14"),
        ("Hold the first session w/c 12 May", "w/c 12 May", "2026-05-18"),  # the week: its last day
        ("Publish the guide (June \u2013 July 2025)", "June \u2013 July 2025", "2025-07-31"),
        ("Agree the protocol Q3 2025/26", "Q3 2025/26", "2025-12-31"),
        ("Open the hub in Spring Term 2026", "in Spring Term 2026", "2026-03-31"),
        ("Issue the survey before the end of term.", "before the end of term", "2025-12-31"),
        ("Publish the guide by the end of June", "by the end of June", "2026-06-30"),
        ("By Easter, the ICB will open a single point of access.", "By Easter", "2026-04-05"),
        ("Audit ten plans a month (due 15-Mar-2026)", "due 15-Mar-2026", "2026-03-15"),
        ("Due 7/Apr/26 12:00 AM", "Due 7/Apr/26", "2026-04-07"),
    ],
)
def test_a_due_date_is_read_as_printed_and_anchored_on_the_as_at_date(
    text: str, raw: str, due: str
) -> None:
    found = find_due(text, AS_AT)
    assert found is not None
    assert (found.raw, found.value) == (raw, due)


def test_an_items_date_is_its_own_not_the_next_inline_items() -> None:
    found = find_due("Recruit four teachers by end of Oct 25 2. Offer support By end Feb 26", AS_AT)
    assert found is not None and found.value == "2025-10-31"


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("The wait is now 41 weeks, down from 50 in January.", None),
        ("In May 84% of emails were answered within five days.", None),
        ("Plans on time rose to 61%, up from 23% of plans in March.", None),
        ("The review is delayed and will finish in September rather than July.", "in September"),
        ("Down from 50 in January, the wait will be 30 weeks by June 2026.", "by June 2026"),
    ],
)
def test_a_figures_date_or_the_date_a_slip_replaces_is_not_the_due_date(
    text: str, raw: str | None
) -> None:
    found = find_due(text, AS_AT)
    assert (found.raw if found else None) == raw


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        (
            "Send the data pack to the adviser @Ruth \U0001f4c5 2026-01-16 \u2705 2026-01-15",
            "2026-01-16",
        ),
        ("Finalise the audit tool, due 9 January, completed on 12 January", "due 9 January"),
        ("Recruitment is on track to complete by 28 Feb. (G)", "by 28 Feb"),
        ("\u2705 2026-01-15", "2026-01-15"),
    ],
)
def test_the_day_work_was_done_after_its_due_date_is_not_the_due_date(text: str, raw: str) -> None:
    found = find_due(text, AS_AT)
    assert found is not None and found.raw == raw


def test_a_season_with_no_term_or_year_is_kept_but_not_dated() -> None:
    found = find_due("Arrange a signing event in the spring.", AS_AT)
    assert found is not None and (found.raw, found.value) == ("in the spring", "")


def test_two_verbs_joined_by_and_open_an_action_not_name_its_owner():
    assert find_owner("Advertise and recruit to the three new roles") is None


def test_a_run_together_rows_progress_cell_keeps_its_notes_and_the_letter_after_is_its_rag():
    text = (
        "Recruit four EHC coordinators so that caseloads come down Assistant Director, "
        "Education and Inclusion December 2025 Complete. All posts filled; caseload now 118 B"
    )

    tail = row_tail(text)

    assert tail.owner == "Assistant Director, Education and Inclusion"
    assert tail.status == "Complete. All posts filled; caseload now 118"
    assert tail.rag == "blue"
    assert text[: row_cells_start(text)].rstrip() == (
        "Recruit four EHC coordinators so that caseloads come down"
    )


def test_a_sentence_ending_with_its_date_has_no_cells_to_cut():
    assert row_cells_start("We will report to the Board by the end of March.") is None


def test_a_status_after_a_dash_ends_the_action_and_a_participle_with_its_date_says_delayed():
    line = "The Local Offer Officer will co-produce a new home page - complete"

    assert find_status(line).value == "complete"
    assert line[: row_cells_start(line)].rstrip() == (
        "The Local Offer Officer will co-produce a new home page"
    )
    assert find_status("Recruitment of two EP posts delayed to September.").value == "delayed"
    assert find_status("Tender for AP places now slipping to April.").value == "delayed"


def test_a_closing_bracket_with_a_lead_and_a_date_names_the_lead_and_a_bracketed_ref_does_not():
    assert find_owner("Refresh the risk register before the review (Sam Patel, 22 May)").value == (
        "Sam Patel"
    )
    assert find_owner("Sam Patel will share the draft with members by 14 May (A15).").value == (
        "Sam Patel"
    )


def test_leads_in_brackets_before_a_date_after_a_dash_with_numbers_or_as_the_subject():
    cases = {
        "Publish the terms (Head of SEND Assessment) by 30 April": "Head of SEND Assessment",
        "Complete the Year 9 review audit (sample of 50) – Head of 14-25 Service": (
            "Head of 14-25 Service"
        ),
        "Family hubs will offer SEND drop-in sessions by the end of November.": "Family hubs",
    }
    for text, lead in cases.items():
        assert find_owner(text).value == lead, text
    between = find_owner("The team will visit schools and surgeries between May and June.")
    assert between.value == "The team"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (
            "3.2 Health transition – Jo Whitlock, Designated Clinical Officer",
            ("3.2 Health transition", "Jo Whitlock, Designated Clinical Officer"),
        ),
        (
            "2.3 Complaints – Lead: Customer Relations Manager, Owen Frith",
            ("2.3 Complaints", "Customer Relations Manager, Owen Frith"),
        ),
        (
            "1.3 Inclusion support for schools, led by Dr Hannah Reece",
            ("1.3 Inclusion support for schools", "Dr Hannah Reece"),
        ),
        (
            "WS2 Statutory assessment and review – Tom Whitlock",
            ("WS2 Statutory assessment and review", "Tom Whitlock"),
        ),
        (
            "Priority 1 – Early help, schools and settings",
            ("Priority 1 – Early help, schools and settings", None),
        ),
    ],
)
def test_a_rows_label_gives_its_lead_as_printed_after_it(label, expected) -> None:
    assert trailing_name(label) == expected


def test_a_status_and_rag_in_brackets_at_an_items_end_are_its_fields() -> None:
    text, status, rag = status_tag("Extend home visiting to all hubs by April 2026 (on track – G).")

    assert text == "Extend home visiting to all hubs by April 2026"
    assert (status.value, status.raw, rag.value) == ("on_track", "on track", "green")
    assert status_tag("Agree the form (not yet started – A)")[1].value == "not_started"
    assert status_tag("Meet the families (Lead – R)")[1] is None  # no status: left as it is


FLAT_ROLES = ["ref", "action", "owner", "partners", "due", "status", "rag", "measures"]


@pytest.mark.parametrize(
    ("row", "lead", "partners"),
    [
        (
            "1.2 Train every SENCO in its use Head of Inclusion SENCO Network / Educational"
            " Psychology 31/03/2032 In progress A Toolkit published",
            "Head of Inclusion",
            "SENCO Network / Educational Psychology",
        ),
        (
            "1.3 Recommission the therapy offer for under-fives Commissioning Manager (Children)"
            " ICB, Community Health Trust July 2032 Not yet started A Waits below 18 weeks",
            "Commissioning Manager (Children)",
            "ICB, Community Health Trust",
        ),
        (
            "2.1 Clear the backlog of assessments Head of SEND Assessment EP Service, Health"
            " Advice Team Jan 2032 Slipped R No assessment older than 20 weeks",
            "Head of SEND Assessment",
            "EP Service, Health Advice Team",
        ),
        (
            "3.3 Co-produce the pages with members of Harbury Youth Voice Participation Officer"
            " Harbury Youth Voice Autumn term 2031 Complete B Pages live",
            "Participation Officer",
            "Harbury Youth Voice",
        ),
        (
            "3.4 Extend travel training to all special schools Travel Assistance Manager Special"
            " school headteachers June 2032 Slipped A 60 young people trained",
            "Travel Assistance Manager",
            "Special school headteachers",
        ),
        (
            "2.1 Fill the vacant coordinator posts Head of SEN Statutory Services HR Business"
            " Partner December 2031 Complete B All posts filled",
            "Head of SEN Statutory Services",
            "HR Business Partner",
        ),
        (
            "1.4 Hold termly workshops with SENCOs Assistant Director, Inclusion Designated"
            " Clinical Officer October 2031 Embedded B Most schools attend",
            "Assistant Director, Inclusion",
            "Designated Clinical Officer",
        ),
    ],
)
def test_a_flattened_rows_names_are_cut_into_its_lead_and_partners(row, lead, partners) -> None:
    cells = flat_row_cells(row, FLAT_ROLES)

    assert (cells[2], cells[3]) == (lead, partners)


def test_a_status_tag_in_capitals_closing_an_item_is_its_status_not_its_leads() -> None:
    item = "Agree the sufficiency strategy — Lead: Head of SEND Commissioning <b>COMPLETE</b>"

    assert find_owner(item).value == "Head of SEND Commissioning"
    assert (find_status(item).value, find_status(item).raw) == ("complete", "COMPLETE")
    assert find_owner("Publish the guide — Lead: Head of Inclusion ON TRACK").value == (
        "Head of Inclusion"
    )


def test_of_two_status_phrases_in_a_sentence_the_verdict_is_its_status() -> None:
    sentence = (
        "Recruitment of two advisers is under way; interviews are booked and the posts remain"
        " on track to start in April."
    )

    assert find_status(sentence).value == "on_track"
    assert find_status("Work on the waiting list initiative is ongoing.").value == "in_progress"


def test_a_bracketed_lead_stops_at_the_dash_before_its_date_and_keeps_its_title():
    assert _owner("Open a nurture room (lead: Mr Ryan, Deputy Head – by March 2032)") == (
        "Mr Ryan, Deputy Head"
    )
    found = find_owner("Buy new reading books (lead: Ms Amis – by December 2031)")
    assert found is not None and found.value == "Ms Amis"
    found = find_owner("Check every pupil's progress (lead: Ms Amis, SENCo – every half term)")
    assert found is not None and found.value == "Ms Amis, SENCo"


def test_a_subject_doing_the_work_jointly_or_named_with_our_is_the_lead():
    assert _owner("Our Head of Inclusion, Jo Bell, is leading a review of outcomes.") == (
        "Head of Inclusion, Jo Bell"
    )
    assert _owner("The forum and the Inclusion Team are jointly rewriting the guide.") == (
        "The forum and the Inclusion Team"
    )


def test_a_role_or_name_in_the_closing_bracket_is_the_lead_even_with_the_date_after_a_comma():
    assert (
        _owner("Co-chair the steering group (Chair of the Executive)") == "Chair of the Executive"
    )
    assert _owner(
        "Extend the panel to age 14 (Head of Adult Social Care – Transitions), by May"
    ) == ("Head of Adult Social Care – Transitions")
    assert _owner("Bring a recovery plan to the meeting (Workstream leads) - by 11 September") == (
        "Workstream leads"
    )
    assert _owner("Train the Designated Clinical Officer (DCO)") is None
    assert _owner("Publish the leaflet (complete)") is None


def test_an_action_logs_code_opening_or_tagging_the_end_of_an_entry_is_its_ref():
    found = find_ref("CLE-031 The self-evaluation will be refreshed")
    assert found is not None and found.value == "CLE-031"
    for text, ref in [
        ("Agree the service level agreement – PEP [CLE-035]", "CLE-035"),
        ("Publish the response – Head of Participation (Action log 118)", "118"),
        ("Draft a short guide for parents (ref: M/24/09)", "M/24/09"),
    ]:
        closed = closing_ref(text)
        assert closed is not None and closed[1].value == ref
        assert not closed[0].endswith((")", "]"))
    assert closing_ref("Recruit the team (12 posts)") is None
    assert closing_ref("Open the base (Ridgeway Primary)") is None


@pytest.mark.parametrize(
    ("text", "ref", "words"),
    [
        ("ACTION 2.1 – Review the hub staffing model", "2.1", "Review"),
        ("Action point 3Review the hub staffing model", "3", "Review"),
        ("Action no.6Check the transport contract", "6", "Check"),
        ("Action 2/03 Write to every SENCO", "2/03", "Write"),
        ("A5Review the hub staffing model", "A5", "Review"),
        ("12Publish the guide to the Local Offer", "12", "Publish"),
    ],
)
def test_a_minuted_actions_number_is_its_ref_however_it_is_printed(text, ref, words) -> None:
    found = find_ref(text)

    assert found is not None and found.value == ref
    assert text[len(found.raw) :].startswith(words)


@pytest.mark.parametrize(
    ("row", "owner", "due"),
    [
        (  # a date in the action's words, then the lead's initials and the due date
            "21 Confirm funding for the key worker pilot beyond September 2031 OP 31/05/2031"
            " Ongoing",
            "OP",
            "31/05/2031",
        ),
        ("19 Write to schools about pupils with EHC plans HB 06/03/2031 Overdue", "HB", None),
        ("15 Publish the survey response to the forum CW/TA 30/04/2031 Open", "CW/TA", None),
        ("20 Invite a young person to join the Board TA / PN next meeting Open", "TA / PN", None),
    ],
)
def test_a_flattened_rows_lead_may_be_initials_before_its_date(row, owner, due) -> None:
    cells = flat_row_cells(row, ["ref", "action", "owner", "due", "status"])

    assert cells is not None and cells[2] == owner
    assert due is None or cells[3] == due


@pytest.mark.parametrize(
    ("row", "lead", "action", "measure"),
    [
        (
            "1.2 Early Years SEND Lead Extend the inclusion fund to childminders Number of"
            " childminders claiming the fund 31.03.2031 Not yet started",
            "Early Years SEND Lead",
            "Extend the inclusion fund to childminders",
            "Number of childminders claiming the fund",
        ),
        (
            "3.2 Participation Lead Hold a co-production week with Tolbury Parent Carer Forum"
            " each year Co-production charter signed by all partners June 2031 On track",
            "Participation Lead",
            "Hold a co-production week with Tolbury Parent Carer Forum each year",
            "Co-production charter signed by all partners",
        ),
    ],
)
def test_a_flattened_row_whose_lead_comes_first_is_cut_at_the_verb_and_the_measure(
    row, lead, action, measure
) -> None:
    cells = flat_row_cells(row, ["ref", "owner", "action", "measures", "due", "status"])

    assert cells is not None and cells[1:4] == [lead, action, measure]


@pytest.mark.parametrize(
    ("text", "status", "raw"),
    [
        ("Restructure delayed – consultation extended to 2 May.", "delayed", "delayed"),
        ("AP framework — slipped; Cabinet report now in June.", "delayed", "slipped"),
        ("Spring newsletter published, complete.", "complete", "complete"),
        (
            "Writing guide co-produced; final draft in progress, due 30 April.",
            "in_progress",
            "in progress",
        ),
        ("The toolkit is on target to complete.", None, None),
        ("We will get it done.", None, None),
    ],
)
def test_a_status_word_closing_a_clause_of_a_progress_item_is_its_status(text, status, raw):
    found = clause_status(text)
    assert (found.value, found.raw) == (status, raw) if status else found is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("SENCO Network Lead: write to all schools by 19 December.", "SENCO Network Lead"),
        ("ICB Director for Children: confirm the go-live date", "ICB Director for Children"),
        ("Assistant Director, Education to set up a task group", "Assistant Director, Education"),
        (
            "Review capacity (Head of Commissioning) – still open, now due May.",
            "Head of Commissioning",
        ),
        ("Update: review the figures with the forum", None),
        ("Next steps: publish the guide in May", None),
        ("Review capacity (see the Head of Commissioning's paper) and report", None),
    ],
)
def test_an_owner_set_off_by_a_colon_a_comma_or_a_bracket_before_a_status(text, owner) -> None:
    found = owner_set_off(text)
    assert (found.value if found else None) == owner
