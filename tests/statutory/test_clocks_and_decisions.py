"""Assessment clocks shown on pages, and recording a decision to assess."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendtrack.domain.statutory import ClockStatus
from sendtrack.statutory import services
from sendtrack.statutory.models import AssessmentOutcome, EHCNeedsAssessment
from sendtrack.statutory.selectors import clocks, lookups
from tests.date_input import date_input
from tests.statutory.factories import AssessmentFactory, ExceptionFactory

pytestmark = pytest.mark.django_db


def statuses(assessment, today):
    return [row.status for row in clocks.assessment_clock_rows(assessment, today)]


def test_clocks_run_from_the_request_date(partnership):
    assessment = AssessmentFactory(
        child__partnership=partnership, request_received=date(2025, 3, 3)
    )
    rows = clocks.assessment_clock_rows(assessment, date(2025, 3, 10))
    assert [r.deadline for r in rows] == [date(2025, 4, 14), date(2025, 6, 23), date(2025, 7, 21)]
    assert [r.status for r in rows] == [ClockStatus.NOT_DUE] * 3
    assert statuses(assessment, date(2025, 4, 1))[0] is ClockStatus.DUE_SOON
    assert statuses(assessment, date(2025, 4, 15))[0] is ClockStatus.OVERDUE


def test_an_exception_disapplies_the_limit(partnership):
    assessment = AssessmentFactory(
        child__partnership=partnership, request_received=date(2025, 3, 3)
    )
    ExceptionFactory(assessment=assessment, start=date(2025, 3, 20))
    assessment = lookups.assessment_for(partnership, assessment.pk)
    assert statuses(assessment, date(2025, 5, 1))[0] is ClockStatus.EXCEPTION


def test_recording_a_decision_changes_the_clock_shown(client_for, partnership, staff):
    received = timezone.localdate() - timedelta(days=50)  # 6-week decision overdue
    assessment = AssessmentFactory(child__partnership=partnership, request_received=received)
    client = client_for(staff["casework_officer"])
    kwargs = {"partnership": partnership.slug, "assessment_id": assessment.pk}
    page = client.get(reverse("statutory:assessment_detail", kwargs=kwargs)).content.decode()
    assert "Overdue" in page
    decided = received + timedelta(days=40)
    response = client.post(
        reverse("statutory:assessment_decision", kwargs=kwargs),
        {"version": 1, "decision": "assess", **date_input("decided_on", decided)},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.decision, assessment.decision_date, assessment.version) == (
        "assess",
        decided,
        2,
    )
    page = client.get(reverse("statutory:assessment_detail", kwargs=kwargs)).content.decode()
    assert "Met on time" in page
    # The change is audited: who made it is in the history.
    latest = assessment.history.order_by("-history_date").first()
    assert latest.history_user == staff["casework_officer"]


def test_a_stale_decision_is_refused_with_the_change_shown(client_for, partnership, staff):
    assessment = AssessmentFactory(child__partnership=partnership)
    services.record_decision_to_assess(
        partnership=partnership,
        assessment_id=assessment.pk,
        user=staff["team_manager"],
        expected_version=1,
        decision="assess",
        decided_on=timezone.localdate(),
    )
    client = client_for(staff["casework_officer"])
    kwargs = {"partnership": partnership.slug, "assessment_id": assessment.pk}
    response = client.post(
        reverse("statutory:assessment_decision", kwargs=kwargs),
        {
            "version": 1,
            "decision": "not_assess",
            **date_input("decided_on", timezone.localdate()),
            "refusal_reason": "Needs met at SEN support",
        },
    )
    assert response.status_code == 200
    assert "someone else changed this" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.decision == "assess"


def test_a_decision_after_an_exception_was_added_is_refused_and_says_so(
    client_for, partnership, staff
):
    """Adding an exception moves the assessment's version but changes none of its fields:
    the refusal must still be shown, never a form that silently saved nothing."""
    assessment = AssessmentFactory(child__partnership=partnership)
    services.add_time_limit_exception(
        partnership=partnership,
        assessment_id=assessment.pk,
        user=staff["team_manager"],
        expected_version=1,
        reason="exceptional_personal_circumstances",
        start=timezone.localdate(),
    )
    client = client_for(staff["casework_officer"])
    kwargs = {"partnership": partnership.slug, "assessment_id": assessment.pk}
    response = client.post(
        reverse("statutory:assessment_decision", kwargs=kwargs),
        {"version": 1, "decision": "assess", **date_input("decided_on", timezone.localdate())},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your change was not saved" in page
    assert "Something was added to this case after you opened the page" in page
    assessment.refresh_from_db()
    assert assessment.decision == ""


def test_refusing_to_assess_needs_a_reason_and_closes_the_request(partnership, staff):
    assessment = AssessmentFactory(child__partnership=partnership)
    with pytest.raises(services.InvalidChange):
        services.record_decision_to_assess(
            partnership=partnership,
            assessment_id=assessment.pk,
            user=None,
            expected_version=1,
            decision="not_assess",
            decided_on=timezone.localdate(),
        )
    services.record_decision_to_assess(
        partnership=partnership,
        assessment_id=assessment.pk,
        user=None,
        expected_version=1,
        decision="not_assess",
        decided_on=timezone.localdate(),
        refusal_reason="Needs can be met from the school's resources",
    )
    assessment = EHCNeedsAssessment.objects.get(pk=assessment.pk)
    assert assessment.outcome == AssessmentOutcome.NOT_ASSESSED
    rows = clocks.assessment_clock_rows(assessment, timezone.localdate())
    assert rows[1].status is None and rows[2].status is None


def test_a_decision_before_the_request_is_refused(client_for, partnership, staff):
    assessment = AssessmentFactory(child__partnership=partnership)
    client = client_for(staff["casework_officer"])
    kwargs = {"partnership": partnership.slug, "assessment_id": assessment.pk}
    before = assessment.request_received - timedelta(days=1)
    response = client.post(
        reverse("statutory:assessment_decision", kwargs=kwargs),
        {"version": 1, "decision": "assess", **date_input("decided_on", before)},
    )
    assert response.status_code == 200
    assert "on or after the date of the request" in response.content.decode()


def test_time_limit_exception_service(partnership):
    assessment = AssessmentFactory(child__partnership=partnership)
    services.add_time_limit_exception(
        partnership=partnership,
        assessment_id=assessment.pk,
        user=None,
        expected_version=1,
        reason="absence_from_area",
        start=assessment.request_received,
        end=assessment.request_received + timedelta(days=35),
    )
    assessment.refresh_from_db()
    assert assessment.version == 2 and assessment.exceptions.count() == 1


@pytest.mark.parametrize("reason", ["school_closure", "early_years_closure", "absence_from_area"])
def test_an_ended_closure_or_absence_under_4_weeks_is_refused(partnership, reason):
    """reg 10(4)(a), (b), (d) need 4 weeks in a row: a 1-day or 27-day one is refused with
    the reason; 28 days (counting both ends), or still continuing, is recorded."""
    assessment = AssessmentFactory(child__partnership=partnership)
    start = assessment.request_received

    def add(end, version):
        return services.add_time_limit_exception(
            partnership=partnership,
            assessment_id=assessment.pk,
            user=None,
            expected_version=version,
            reason=reason,
            start=start,
            end=end,
        )

    for days in (1, 27):
        with pytest.raises(services.InvalidChange, match=f"lasted {days} days?,") as refused:
            add(start + timedelta(days=days - 1), 1)
        assert "at least 4 weeks in a row" in str(refused.value)
    assert not assessment.exceptions.exists()
    add(start + timedelta(days=27), 1)
    add(None, 2)
    assert assessment.exceptions.count() == 2


def test_personal_circumstances_have_no_minimum(partnership):
    assessment = AssessmentFactory(child__partnership=partnership)
    services.add_time_limit_exception(
        partnership=partnership,
        assessment_id=assessment.pk,
        user=None,
        expected_version=1,
        reason="exceptional_personal_circumstances",
        start=assessment.request_received,
        end=assessment.request_received,
    )
    assert assessment.exceptions.count() == 1


def test_a_short_absence_already_recorded_does_not_stop_the_clock(partnership):
    """Rows recorded before the check (or imported) are judged by the rule when shown: a
    1-day absence leaves the late 6-week decision overdue; one still open counts once it
    has run for 28 days up to the day shown."""
    assessment = AssessmentFactory(
        child__partnership=partnership, request_received=date(2025, 3, 3)
    )
    ExceptionFactory(
        assessment=assessment,
        reason="absence_from_area",
        start=date(2025, 3, 20),
        end=date(2025, 3, 20),
    )
    assessment = lookups.assessment_for(partnership, assessment.pk)
    assert statuses(assessment, date(2025, 5, 1))[0] is ClockStatus.OVERDUE
    ExceptionFactory(assessment=assessment, reason="absence_from_area", start=date(2025, 4, 10))
    assessment = lookups.assessment_for(partnership, assessment.pk)
    assert statuses(assessment, date(2025, 5, 6))[0] is ClockStatus.OVERDUE  # 27 days
    assert statuses(assessment, date(2025, 5, 7))[0] is ClockStatus.EXCEPTION  # 28 days
