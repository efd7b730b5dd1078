"""Recording the later steps of a case through the pages: exceptions, draft and final plans,
review decisions, phase transfers and ceasing a plan. Each is version-checked and audited."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.domain.statutory import ClockStatus, annual_review_due
from sendtrack.statutory import services
from sendtrack.statutory.models import AnnualReview, EHCPlan
from sendtrack.statutory.selectors.clocks import assessment_clock_rows
from sendtrack.statutory.selectors.worklists import WORKLISTS, WorklistFilters
from tests.date_input import date_input
from tests.statutory.factories import (
    AssessmentFactory,
    ChildFactory,
    PlanFactory,
    ReviewFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def url(name, partnership, **kwargs):
    return reverse(f"statutory:{name}", kwargs={"partnership": partnership.slug, **kwargs})


@pytest.fixture
def officer(client_for, staff):
    return client_for(staff["casework_officer"])


@pytest.fixture
def assessing(partnership, staff):
    """A request received 100 days ago, decided within 6 weeks: assess."""
    received = TODAY() - timedelta(days=100)
    return AssessmentFactory(
        child=ChildFactory(partnership=partnership, setting=staff["school"]),
        request_received=received,
        decision="assess",
        decision_date=received + timedelta(days=30),
    )


# --- Exceptions --------------------------------------------------------------------------


def test_recording_an_exception_disapplies_the_clock(officer, partnership, staff):
    received = TODAY() - timedelta(days=50)  # the 6-week decision is overdue
    assessment = AssessmentFactory(child__partnership=partnership, request_received=received)
    detail = officer.get(url("assessment_detail", partnership, assessment_id=assessment.pk))
    assert "Record an exception to the time limits" in detail.content.decode()
    response = officer.post(
        url("assessment_exception", partnership, assessment_id=assessment.pk),
        {
            "version": 1,
            "reason": "absence_from_area",
            **date_input("start", received + timedelta(days=7)),
            **date_input("end", received + timedelta(days=40)),
            "note": "Family abroad; told them on the phone.",
        },
    )
    assert response.status_code == 302
    page = officer.get(response["Location"]).content.decode()
    assert "Exception applies" in page
    assert "Family abroad" in page
    exception = assessment.exceptions.get()
    assert exception.history.first().history_user == staff["casework_officer"]
    assessment.refresh_from_db()
    assert assessment.version == 2


def test_exception_form_errors_use_the_error_summary(officer, partnership):
    assessment = AssessmentFactory(child__partnership=partnership)
    response = officer.post(
        url("assessment_exception", partnership, assessment_id=assessment.pk),
        {"version": 1, "reason": "", **date_input("start", "31/02/2025"), **date_input("end", "")},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "<title>Error:" in page
    assert 'href="#id_reason"' in page
    assert "Date it started must be a real date" in page
    response = officer.post(
        url("assessment_exception", partnership, assessment_id=assessment.pk),
        {
            "version": 1,
            "reason": "school_closure",
            **date_input("start", "10/05/2025"),
            **date_input("end", "01/05/2025"),
        },
    )
    assert "must be on or after the date it started" in response.content.decode()
    assert not assessment.exceptions.exists()


# --- Draft and final plan ----------------------------------------------------------------


def test_draft_then_final_plan_creates_the_plan_and_first_review(
    officer, partnership, staff, assessing
):
    kwargs = {"assessment_id": assessing.pk}
    draft_on = TODAY() - timedelta(days=40)
    response = officer.post(
        url("assessment_draft", partnership, **kwargs),
        {"version": 1, **date_input("issued_on", draft_on)},
    )
    assert response.status_code == 302
    detail = officer.get(url("assessment_detail", partnership, **kwargs)).content.decode()
    assert url("assessment_final", partnership, **kwargs) in detail

    final_on = TODAY() - timedelta(days=10)  # 90 days after the request: within 20 weeks
    response = officer.post(
        url("assessment_final", partnership, **kwargs),
        {"version": 2, **date_input("issued_on", final_on), "named_setting": staff["school"].pk},
    )
    assert response.status_code == 302
    assessing.refresh_from_db()
    assert (assessing.outcome, assessing.final_issued, assessing.version) == (
        "plan_issued",
        final_on,
        3,
    )
    plan = EHCPlan.objects.get(assessment=assessing)
    assert plan.named_setting == staff["school"] and plan.child == assessing.child
    review = plan.reviews.get()
    assert review.counted_from == final_on
    assert review.due == annual_review_due(final_on, None, assessing.child.date_of_birth)
    assert plan.history.first().history_user == staff["casework_officer"]
    rows = assessment_clock_rows(assessing, TODAY())
    assert rows[2].status is ClockStatus.MET_ON_TIME


def test_an_under_five_gets_a_six_month_first_review(partnership):
    """31 Aug 2025 + 6 months is 28 Feb 2026 (month-end clamping, docs/statutory.md 1)."""
    assessment = AssessmentFactory(
        child=ChildFactory(partnership=partnership, date_of_birth=date(2024, 2, 29)),
        request_received=date(2025, 6, 1),
        decision="assess",
        decision_date=date(2025, 7, 1),
    )
    services.record_draft_plan_issued(
        partnership=partnership,
        assessment_id=assessment.pk,
        user=None,
        expected_version=1,
        issued_on=date(2025, 8, 20),
    )
    plan = services.record_final_plan_issued(
        partnership=partnership,
        assessment_id=assessment.pk,
        user=None,
        expected_version=2,
        issued_on=date(2025, 8, 31),
    )
    assert plan.reviews.get().due == date(2026, 2, 28)


def test_final_plan_needs_a_draft_and_a_decision_to_assess(officer, partnership, assessing):
    response = officer.post(
        url("assessment_final", partnership, assessment_id=assessing.pk),
        {"version": 1, **date_input("issued_on", TODAY())},
    )
    assert "Record the date the draft plan was issued first" in response.content.decode()
    undecided = AssessmentFactory(child__partnership=partnership)
    with pytest.raises(services.InvalidChange, match="decision to assess"):
        services.record_draft_plan_issued(
            partnership=partnership,
            assessment_id=undecided.pk,
            user=None,
            expected_version=1,
            issued_on=TODAY(),
        )
    with pytest.raises(services.InvalidChange, match="today or in the past"):
        services.record_draft_plan_issued(
            partnership=partnership,
            assessment_id=assessing.pk,
            user=None,
            expected_version=1,
            issued_on=TODAY() + timedelta(days=1),
        )
    assert not EHCPlan.objects.exists()


def test_a_stale_final_plan_is_refused(officer, partnership, assessing):
    services.record_draft_plan_issued(
        partnership=partnership,
        assessment_id=assessing.pk,
        user=None,
        expected_version=1,
        issued_on=TODAY() - timedelta(days=5),
    )
    response = officer.post(
        url("assessment_final", partnership, assessment_id=assessing.pk),
        {"version": 1, **date_input("issued_on", TODAY())},
    )
    assert response.status_code == 200
    assert "someone else changed this" in response.content.decode()
    assert not EHCPlan.objects.exists()


# --- Review decisions --------------------------------------------------------------------


@pytest.fixture
def held_review(partnership, staff):
    issued = TODAY() - timedelta(days=380)
    plan = PlanFactory(
        child=ChildFactory(partnership=partnership, setting=staff["school"]), issued=issued
    )
    return ReviewFactory(plan=plan, meeting_date=TODAY() - timedelta(days=20))


def test_review_decision_is_recorded_and_the_next_review_opened(
    officer, partnership, staff, held_review
):
    child = held_review.plan.child
    page = officer.get(url("child_detail", partnership, child_id=child.pk)).content.decode()
    decision_url = url("review_decision", partnership, review_id=held_review.pk)
    assert decision_url in page
    notified = TODAY() - timedelta(days=3)
    response = officer.post(
        decision_url,
        {
            "version": 1,
            "decision": "amend",
            **date_input("notified_on", notified),
            **date_input("amendment_issued", ""),
        },
    )
    assert response.status_code == 302
    held_review.refresh_from_db()
    assert (held_review.decision, held_review.decision_notified) == ("amend", notified)
    following = AnnualReview.objects.exclude(pk=held_review.pk).get(plan=held_review.plan)
    assert following.counted_from == held_review.meeting_date
    assert following.due == annual_review_due(
        held_review.plan.issued, held_review.meeting_date, child.date_of_birth
    )
    # Later, the amended plan is issued: the same page, the next version.
    response = officer.post(
        decision_url,
        {
            "version": 2,
            "decision": "amend",
            **date_input("notified_on", notified),
            **date_input("amendment_issued", TODAY()),
        },
    )
    assert response.status_code == 302
    held_review.refresh_from_db()
    assert held_review.amendment_issued == TODAY()
    assert AnnualReview.objects.filter(plan=held_review.plan).count() == 2
    assert held_review.history.first().history_user == staff["casework_officer"]


def decide_review(partnership, born: date, issued: date, meeting: date) -> AnnualReview:
    """Maintain a plan at a review held on `meeting`; return the next review it opens."""
    plan = PlanFactory(
        child=ChildFactory(partnership=partnership, date_of_birth=born), issued=issued
    )
    held = ReviewFactory(plan=plan, meeting_date=meeting)
    services.record_review_decision(
        partnership=partnership,
        review_id=held.pk,
        user=None,
        expected_version=1,
        decision="maintain",
        notified_on=meeting + timedelta(days=20),
    )
    return AnnualReview.objects.exclude(pk=held.pk).get(plan=plan)


def test_an_under_five_is_due_the_next_review_6_months_after_the_meeting(partnership):
    """Reviewed at 3 on 3 March 2025: the next review is due by 3 September 2025."""
    following = decide_review(partnership, date(2021, 6, 1), date(2024, 9, 2), date(2025, 3, 3))
    assert (following.counted_from, following.due) == (date(2025, 3, 3), date(2025, 9, 3))


def test_a_ten_year_old_is_due_the_next_review_12_months_after_the_meeting(partnership):
    following = decide_review(partnership, date(2015, 6, 1), date(2024, 3, 4), date(2025, 3, 3))
    assert following.due == date(2026, 3, 3)


def test_a_child_who_turns_5_after_the_meeting_gets_what_the_rule_says(partnership):
    """4 at the meeting, 5 three months later: the age on the meeting date decides."""
    born, issued, meeting = date(2020, 6, 1), date(2024, 9, 2), date(2025, 3, 3)
    following = decide_review(partnership, born, issued, meeting)
    assert following.due == annual_review_due(issued, meeting, born) == date(2025, 9, 3)


def test_review_decision_rules(officer, partnership, held_review):
    decision_url = url("review_decision", partnership, review_id=held_review.pk)
    response = officer.post(
        decision_url,
        {
            "version": 1,
            "decision": "maintain",
            **date_input("notified_on", TODAY()),
            **date_input("amendment_issued", TODAY()),
        },
    )
    assert "only when the plan is amended" in response.content.decode()
    before = held_review.meeting_date - timedelta(days=1)
    response = officer.post(
        decision_url, {"version": 1, "decision": "maintain", **date_input("notified_on", before)}
    )
    assert "on or after the meeting" in response.content.decode()
    not_held = ReviewFactory(plan=held_review.plan)
    with pytest.raises(services.InvalidChange, match="meeting first"):
        services.record_review_decision(
            partnership=partnership,
            review_id=not_held.pk,
            user=None,
            expected_version=1,
            decision="maintain",
            notified_on=TODAY(),
        )


def test_a_cease_decision_opens_no_next_review(partnership, held_review):
    services.record_review_decision(
        partnership=partnership,
        review_id=held_review.pk,
        user=None,
        expected_version=1,
        decision="cease",
        notified_on=TODAY(),
    )
    assert AnnualReview.objects.filter(plan=held_review.plan).count() == 1


# --- Phase transfers ---------------------------------------------------------------------


def test_finalising_a_transfer_names_the_setting(officer, partnership, staff):
    transfer = TransferFactory(plan=PlanFactory(child__partnership=partnership))
    child = transfer.plan.child
    page = officer.get(url("child_detail", partnership, child_id=child.pk)).content.decode()
    finalise_url = url("transfer_finalise", partnership, transfer_id=transfer.pk)
    assert finalise_url in page
    response = officer.post(finalise_url, {"version": 1, **date_input("finalised_on", TODAY())})
    assert "Select the school or college named in the plan" in response.content.decode()
    response = officer.post(
        finalise_url,
        {
            "version": 1,
            **date_input("finalised_on", TODAY()),
            "named_setting": staff["other_school"].pk,
        },
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert (transfer.status, transfer.finalised_date, transfer.named_setting) == (
        "finalised",
        TODAY(),
        staff["other_school"],
    )
    assert transfer.plan.named_setting == staff["other_school"]
    assert transfer.history.first().history_user == staff["casework_officer"]
    assert not WORKLISTS["phase-transfers"].queryset(partnership, TODAY(), WorklistFilters())


def test_a_transfer_cannot_name_another_partnerships_setting(partnership):
    from tests.statutory.factories import SettingFactory

    transfer = TransferFactory(plan=PlanFactory(child__partnership=partnership))
    elsewhere = SettingFactory()
    with pytest.raises(services.InvalidChange):
        services.finalise_phase_transfer(
            partnership=partnership,
            transfer_id=transfer.pk,
            user=None,
            expected_version=1,
            named_setting_id=elsewhere.pk,
            finalised_on=TODAY(),
        )


# --- Ceasing a plan ----------------------------------------------------------------------


def test_ceasing_a_plan_needs_a_reason_and_takes_it_off_the_worklists(officer, partnership, staff):
    plan = PlanFactory(child__partnership=partnership, issued=TODAY() - timedelta(days=400))
    ReviewFactory(plan=plan)
    cease_url = url("plan_cease", partnership, plan_id=plan.pk)
    page = officer.get(url("child_detail", partnership, child_id=plan.child.pk)).content.decode()
    assert cease_url in page
    response = officer.post(
        cease_url, {"version": 1, **date_input("ceased_on", TODAY()), "reason": " "}
    )
    assert "Enter the reason the plan ceased" in response.content.decode()
    response = officer.post(
        cease_url,
        {
            "version": 1,
            **date_input("ceased_on", TODAY()),
            "reason": "Moved to another local authority",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.ceased_date, plan.ceased_reason) == (
        "ceased",
        TODAY(),
        "Moved to another local authority",
    )
    assert plan.history.first().history_user == staff["casework_officer"]
    assert not WORKLISTS["reviews-due"].queryset(partnership, TODAY(), WorklistFilters())
    with pytest.raises(services.InvalidChange, match="already ceased"):
        services.cease_plan(
            partnership=partnership,
            plan_id=plan.pk,
            user=None,
            expected_version=2,
            ceased_on=TODAY(),
            reason="Again",
        )
    review = plan.reviews.get()
    review.meeting_date = TODAY()
    review.save()
    with pytest.raises(services.InvalidChange, match="plan has ceased"):
        services.record_review_decision(
            partnership=partnership,
            review_id=review.pk,
            user=None,
            expected_version=1,
            decision="maintain",
            notified_on=TODAY(),
        )


# --- Council-side recording: meetings, closing without a plan, evidence, requests, transfers


def on_worklist(slug, partnership, record) -> bool:
    rows = WORKLISTS[slug].queryset(partnership, TODAY(), WorklistFilters())
    return record.pk in {row.pk for row in rows}


def test_an_officer_records_the_meeting_for_a_setting_with_no_senco(officer, partnership, staff):
    # Castlegate has no SENCO linked, so only the council can record the meeting.
    plan = PlanFactory(
        child=ChildFactory(partnership=partnership, setting=staff["other_school"]),
        issued=TODAY() - timedelta(days=370),
    )
    review = ReviewFactory(plan=plan)
    child_url = url("child_detail", partnership, child_id=plan.child.pk)
    meeting_url = url("review_meeting", partnership, review_id=review.pk)
    decision_url = url("review_decision", partnership, review_id=review.pk)
    page = officer.get(child_url).content.decode()
    assert meeting_url in page and decision_url not in page

    response = officer.post(
        meeting_url, {"version": 1, **date_input("meeting_date", TODAY() + timedelta(1))}
    )
    assert "must be today or in the past" in response.content.decode()
    before = plan.issued - timedelta(days=1)
    response = officer.post(meeting_url, {"version": 1, **date_input("meeting_date", before)})
    assert "after the plan was issued or last reviewed" in response.content.decode()
    response = officer.post(meeting_url, {"version": 1, **date_input("meeting_date", "31/02/2025")})
    assert "Date of the review meeting must be a real date" in response.content.decode()

    held = TODAY() - timedelta(days=3)
    response = officer.post(meeting_url, {"version": 1, **date_input("meeting_date", held)})
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.meeting_date, review.version) == (held, 2)
    assert review.history.first().history_user == staff["casework_officer"]
    assert decision_url in officer.get(child_url).content.decode()

    # A stale form is refused; the decision can now be recorded.
    response = officer.post(meeting_url, {"version": 1, **date_input("meeting_date", TODAY())})
    assert "someone else changed this" in response.content.decode()
    response = officer.post(
        decision_url,
        {
            "version": 2,
            "decision": "maintain",
            **date_input("notified_on", TODAY()),
            **date_input("amendment_issued", ""),
        },
    )
    assert response.status_code == 302
    with pytest.raises(services.InvalidChange, match="decision after this review is recorded"):
        services.record_review_meeting(
            partnership=partnership,
            review_id=review.pk,
            user=None,
            expected_version=3,
            meeting_date=TODAY(),
        )
    assert meeting_url not in officer.get(child_url).content.decode()


def test_deciding_not_to_issue_closes_the_request_and_stops_the_clocks(officer, partnership, staff):
    received = TODAY() - timedelta(days=130)  # heading past 20 weeks; 16 weeks overdue
    assessment = AssessmentFactory(
        child=ChildFactory(partnership=partnership),
        request_received=received,
        decision="assess",
        decision_date=received + timedelta(days=30),
    )
    assert on_worklist("heading-past-20-weeks", partnership, assessment)
    detail_url = url("assessment_detail", partnership, assessment_id=assessment.pk)
    outcome_url = url("assessment_outcome", partnership, assessment_id=assessment.pk)
    assert outcome_url in officer.get(detail_url).content.decode()

    response = officer.post(
        outcome_url, {"version": 1, "outcome": "plan_issued", **date_input("outcome_on", "")}
    )
    page = response.content.decode()
    assert "Select a valid choice" in page and "Enter the date of the outcome" in page
    too_early = received + timedelta(days=10)
    response = officer.post(
        outcome_url, {"version": 1, "outcome": "not_issued", **date_input("outcome_on", too_early)}
    )
    assert "on or after the request and the decision" in response.content.decode()

    decided = TODAY() - timedelta(days=2)
    response = officer.post(
        outcome_url, {"version": 1, "outcome": "not_issued", **date_input("outcome_on", decided)}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.outcome, assessment.outcome_date, assessment.version) == (
        "not_issued",
        decided,
        2,
    )
    assert assessment.history.first().history_user == staff["casework_officer"]
    assert not on_worklist("heading-past-20-weeks", partnership, assessment)
    statuses = [row.status for row in assessment_clock_rows(assessment, TODAY())]
    assert ClockStatus.OVERDUE not in statuses
    assert ClockStatus.MET_LATE in statuses  # the 16-week decision, made late
    page = officer.get(detail_url).content.decode()
    assert "Decided not to issue a plan" in page and outcome_url not in page
    with pytest.raises(services.InvalidChange, match="already closed"):
        services.record_assessment_outcome(
            partnership=partnership,
            assessment_id=assessment.pk,
            user=None,
            expected_version=2,
            outcome="withdrawn",
            outcome_on=TODAY(),
        )


def test_a_withdrawn_request_leaves_the_awaiting_decision_worklist(officer, partnership):
    received = TODAY() - timedelta(days=60)  # the 6-week decision is overdue
    assessment = AssessmentFactory(child__partnership=partnership, request_received=received)
    assert on_worklist("awaiting-decision", partnership, assessment)
    outcome_url = url("assessment_outcome", partnership, assessment_id=assessment.pk)
    response = officer.post(
        outcome_url, {"version": 1, "outcome": "not_issued", **date_input("outcome_on", TODAY())}
    )
    assert "Record the decision to assess before deciding not to issue" in (
        response.content.decode()
    )
    response = officer.post(
        outcome_url,
        {
            "version": 1,
            "outcome": "withdrawn",
            **date_input("outcome_on", TODAY() + timedelta(days=1)),
        },
    )
    assert "must be today or in the past" in response.content.decode()
    response = officer.post(
        outcome_url, {"version": 1, "outcome": "withdrawn", **date_input("outcome_on", TODAY())}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.outcome == "withdrawn"
    assert not on_worklist("awaiting-decision", partnership, assessment)
    assert not on_worklist("heading-past-20-weeks", partnership, assessment)
    rows = assessment_clock_rows(assessment, TODAY())
    # Withdrawn before any decision: no clock is left running, none shows overdue.
    assert [row.status for row in rows] == [None, None, None]
    assert rows[0].not_applicable == "Not needed: the request was withdrawn"


def test_not_issuing_is_refused_once_a_draft_is_issued(partnership, assessing):
    assessing.draft_issued = TODAY() - timedelta(days=5)
    assessing.save()
    with pytest.raises(services.InvalidChange, match="draft plan has been issued"):
        services.record_assessment_outcome(
            partnership=partnership,
            assessment_id=assessing.pk,
            user=None,
            expected_version=1,
            outcome="not_issued",
            outcome_on=TODAY(),
        )


def test_evidence_received_is_recorded(officer, partnership, staff, assessing):
    evidence_url = url("assessment_evidence", partnership, assessment_id=assessing.pk)
    detail = url("assessment_detail", partnership, assessment_id=assessing.pk)
    assert evidence_url in officer.get(detail).content.decode()
    too_early = assessing.decision_date - timedelta(days=1)
    response = officer.post(evidence_url, {"version": 1, **date_input("received_on", too_early)})
    assert "on or after the decision to assess" in response.content.decode()
    received = TODAY() - timedelta(days=20)
    response = officer.post(evidence_url, {"version": 1, **date_input("received_on", received)})
    assert response.status_code == 302
    assessing.refresh_from_db()
    assert (assessing.evidence_received, assessing.version) == (received, 2)
    assert assessing.history.first().history_user == staff["casework_officer"]

    undecided = AssessmentFactory(child__partnership=partnership)
    with pytest.raises(services.InvalidChange, match="decision to assess"):
        services.record_evidence_received(
            partnership=partnership,
            assessment_id=undecided.pk,
            user=None,
            expected_version=1,
            received_on=TODAY(),
        )


def test_a_new_request_goes_on_the_awaiting_decision_worklist(officer, partnership, staff):
    child = ChildFactory(partnership=partnership, officer=staff["casework_officer"])
    child_url = url("child_detail", partnership, child_id=child.pk)
    request_url = url("assessment_request", partnership, child_id=child.pk)
    assert request_url in officer.get(child_url).content.decode()
    response = officer.post(
        request_url,
        {
            "version": 1,
            **date_input("request_received", TODAY() + timedelta(1)),
            "requested_by": "parent",
        },
    )
    assert "must be today or in the past" in response.content.decode()
    response = officer.post(
        request_url, {"version": 1, **date_input("request_received", ""), "requested_by": ""}
    )
    page = response.content.decode()
    assert "Enter the date the request was received" in page
    assert "Select who made the request" in page

    received = TODAY() - timedelta(days=3)
    response = officer.post(
        request_url,
        {"version": 1, **date_input("request_received", received), "requested_by": "school"},
    )
    assert response.status_code == 302
    assessment = child.assessments.get()
    assert (assessment.request_received, assessment.requested_by) == (received, "school")
    assert assessment.assigned_officer == staff["casework_officer"]
    assert assessment.history.first().history_user == staff["casework_officer"]
    assert on_worklist("awaiting-decision", partnership, assessment)
    # The same form sent twice is refused; a second open request is refused too.
    response = officer.post(
        request_url,
        {"version": 1, **date_input("request_received", received), "requested_by": "school"},
    )
    assert "someone else changed this" in response.content.decode()
    with pytest.raises(services.InvalidChange, match="already has an open request"):
        services.record_assessment_request(
            partnership=partnership,
            child_id=child.pk,
            user=None,
            expected_version=2,
            request_received=TODAY(),
            requested_by="parent",
        )
    assert child.assessments.count() == 1
    assert request_url not in officer.get(child_url).content.decode()


def test_adding_a_phase_transfer_sets_the_regulation_deadline(officer, partnership, staff):
    plan = PlanFactory(child__partnership=partnership)
    child_url = url("child_detail", partnership, child_id=plan.child.pk)
    add_url = url("transfer_add", partnership, plan_id=plan.pk)
    assert add_url in officer.get(child_url).content.decode()
    moving = date(TODAY().year + 1, 9, 1)
    response = officer.post(
        add_url,
        {
            "version": 1,
            "transfer_type": "primary_to_secondary",
            **date_input("transfer_date", moving),
            **date_input("local_deadline", ""),
            "named_setting": staff["other_school"].pk,
        },
    )
    assert response.status_code == 302
    transfer = plan.transfers.get()
    assert (transfer.deadline, transfer.named_setting, transfer.status) == (
        date(moving.year, 2, 15),
        staff["other_school"],
        "planned",
    )
    assert transfer.history.first().history_user == staff["casework_officer"]
    assert on_worklist("phase-transfers", partnership, transfer)
    plan.refresh_from_db()
    assert plan.version == 2
    response = officer.post(
        add_url,
        {
            "version": 2,
            "transfer_type": "primary_to_secondary",
            **date_input("transfer_date", moving),
            **date_input("local_deadline", ""),
            "named_setting": "",
        },
    )
    assert "already recorded" in response.content.decode()


def test_a_january_transfer_needs_a_local_deadline(partnership):
    plan = PlanFactory(child__partnership=partnership, issued=TODAY() - timedelta(days=300))
    january = date(TODAY().year + 1, 1, 6)
    kwargs = {
        "partnership": partnership,
        "plan_id": plan.pk,
        "user": None,
        "expected_version": 1,
        "transfer_type": "early_years_to_school",
        "transfer_date": january,
    }
    with pytest.raises(services.InvalidChange, match="deadline agreed locally"):
        services.add_phase_transfer(**kwargs)
    with pytest.raises(services.InvalidChange, match="before the transfer date"):
        services.add_phase_transfer(**kwargs, local_deadline=january)
    transfer = services.add_phase_transfer(**kwargs, local_deadline=january - timedelta(days=60))
    assert transfer.deadline == january - timedelta(days=60)
    with pytest.raises(services.InvalidChange, match="leave the local deadline empty"):
        services.add_phase_transfer(
            **{**kwargs, "expected_version": 2, "transfer_date": date(TODAY().year + 1, 9, 1)},
            local_deadline=TODAY(),
        )
