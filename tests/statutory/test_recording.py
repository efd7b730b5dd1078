"""Recording the later steps of a case through the pages: exceptions, draft and final plans,
review decisions, phase transfers and ceasing a plan. Each is version-checked and audited."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.domain.statutory import ClockStatus, annual_review_due
from sendtrack.statutory import selectors, services
from sendtrack.statutory.models import AnnualReview, EHCPlan
from tests.statutory.factories import (
    AssessmentFactory,
    ChildFactory,
    PlanFactory,
    ReviewFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


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
            "start": uk(received + timedelta(days=7)),
            "end": uk(received + timedelta(days=40)),
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
        {"version": 1, "reason": "", "start": "31/02/2025", "end": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "<title>Error:" in page
    assert 'href="#id_reason"' in page
    assert "Enter the date it started as a real date" in page
    response = officer.post(
        url("assessment_exception", partnership, assessment_id=assessment.pk),
        {
            "version": 1,
            "reason": "school_closure",
            "start": "10/05/2025",
            "end": "01/05/2025",
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
        url("assessment_draft", partnership, **kwargs), {"version": 1, "issued_on": uk(draft_on)}
    )
    assert response.status_code == 302
    detail = officer.get(url("assessment_detail", partnership, **kwargs)).content.decode()
    assert url("assessment_final", partnership, **kwargs) in detail

    final_on = TODAY() - timedelta(days=10)  # 90 days after the request: within 20 weeks
    response = officer.post(
        url("assessment_final", partnership, **kwargs),
        {"version": 2, "issued_on": uk(final_on), "named_setting": staff["school"].pk},
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
    rows = selectors.assessment_clock_rows(assessing, TODAY())
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
        {"version": 1, "issued_on": uk(TODAY())},
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
        {"version": 1, "issued_on": uk(TODAY())},
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
        {"version": 1, "decision": "amend", "notified_on": uk(notified), "amendment_issued": ""},
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
            "notified_on": uk(notified),
            "amendment_issued": uk(TODAY()),
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
            "notified_on": uk(TODAY()),
            "amendment_issued": uk(TODAY()),
        },
    )
    assert "only when the plan is amended" in response.content.decode()
    before = held_review.meeting_date - timedelta(days=1)
    response = officer.post(
        decision_url, {"version": 1, "decision": "maintain", "notified_on": uk(before)}
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
    response = officer.post(finalise_url, {"version": 1, "finalised_on": uk(TODAY())})
    assert "Select the school or college named in the plan" in response.content.decode()
    response = officer.post(
        finalise_url,
        {"version": 1, "finalised_on": uk(TODAY()), "named_setting": staff["other_school"].pk},
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
    assert not selectors.WORKLISTS["phase-transfers"].queryset(
        partnership, TODAY(), selectors.WorklistFilters()
    )


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
    response = officer.post(cease_url, {"version": 1, "ceased_on": uk(TODAY()), "reason": " "})
    assert "Enter the reason the plan ceased" in response.content.decode()
    response = officer.post(
        cease_url,
        {"version": 1, "ceased_on": uk(TODAY()), "reason": "Moved to another local authority"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.ceased_date, plan.ceased_reason) == (
        "ceased",
        TODAY(),
        "Moved to another local authority",
    )
    assert plan.history.first().history_user == staff["casework_officer"]
    assert not selectors.WORKLISTS["reviews-due"].queryset(
        partnership, TODAY(), selectors.WorklistFilters()
    )
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
