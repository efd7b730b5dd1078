"""Tests for sendtrack.domain.statutory: worked examples from domain.md plus properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from sendtrack.domain.statutory import (
    EXCEPTION_COVERAGE,
    AssessmentClocks,
    AssessmentDecisionCase,
    Clock,
    ClockStatus,
    ExceptionReason,
    NewPlanCase,
    Rate,
    ReviewCase,
    TimeLimitException,
    TransferCase,
    TransferType,
    add_months,
    amended_plan_due_after_proposals,
    amended_plan_due_after_review,
    amendment_response_due,
    annual_review_due,
    applicable_exceptions,
    assessment_clocks,
    clock_status,
    decisions_within_6_weeks,
    draft_comments_due,
    issued_within_20_weeks_excluding_exceptions,
    issued_within_20_weeks_including_exceptions,
    meets_four_week_minimum,
    phase_transfer_deadline,
    reassessment_plan_due,
    review_advice_due,
    review_decision_due,
    review_in_measure,
    review_interval_months,
    review_notice_due,
    review_report_due,
    reviews_within_12_months,
    transfer_in_measure,
    transfers_by_deadline,
    weeks_after,
)

# Applied per test, so the global Hypothesis profile other test modules use is untouched.
PROPERTY = settings(max_examples=200, deadline=None)

DATES = st.dates(min_value=date(2014, 9, 1), max_value=date(2060, 12, 31))
LEAP_DAYS = st.sampled_from([date(y, 2, 29) for y in range(2016, 2061, 4)])
SCHOOL_TRANSFERS = [t for t in TransferType if t is not TransferType.POST16_TO_POST16]
REASONS = st.sampled_from(list(ExceptionReason))
STATUTORY_CLOCKS = [Clock.DECISION_TO_ASSESS, Clock.NO_PLAN_DECISION, Clock.FINAL_PLAN]


@st.composite
def exceptions_starting_by(draw: st.DrawFn, latest: date) -> TimeLimitException:
    start = draw(st.dates(min_value=latest - timedelta(days=200), max_value=latest))
    end = draw(st.none() | st.dates(min_value=start, max_value=start + timedelta(days=200)))
    return TimeLimitException(draw(REASONS), start, end)


# --- counting (domain.md section 0) ----------------------------------------------------------


def test_worked_example_section_0() -> None:
    clocks = assessment_clocks(date(2025, 3, 3))
    assert clocks == AssessmentClocks(
        request_received=date(2025, 3, 3),
        decision_to_assess_due=date(2025, 4, 14),
        no_plan_decision_due=date(2025, 6, 23),
        final_plan_due=date(2025, 7, 21),
    )
    assert clocks.deadline(Clock.DECISION_TO_ASSESS) == date(2025, 4, 14)
    assert clocks.deadline(Clock.NO_PLAN_DECISION) == date(2025, 6, 23)
    assert clocks.deadline(Clock.FINAL_PLAN) == date(2025, 7, 21)
    assert draft_comments_due(date(2025, 6, 2)) == date(2025, 6, 16)


def test_clocks_deadline_rejects_other_clocks() -> None:
    with pytest.raises(ValueError):
        assessment_clocks(date(2025, 3, 3)).deadline(Clock.ANNUAL_REVIEW)


def test_weeks_after_same_weekday_and_rejects_negative() -> None:
    assert weeks_after(date(2025, 3, 3), 0) == date(2025, 3, 3)
    assert weeks_after(date(2024, 12, 30), 1) == date(2025, 1, 6)
    with pytest.raises(ValueError):
        weeks_after(date(2025, 3, 3), -1)


def test_reassessment_plan_is_14_weeks() -> None:
    assert reassessment_plan_due(date(2025, 3, 3)) == date(2025, 6, 9)


@PROPERTY
@given(DATES, st.integers(min_value=0, max_value=104))
def test_deadline_never_before_start(start: date, weeks: int) -> None:
    due = weeks_after(start, weeks)
    assert due >= start
    assert (due - start).days == 7 * weeks
    assert due.weekday() == start.weekday()


@PROPERTY
@given(DATES)
def test_assessment_clocks_ordered_and_after_request(received: date) -> None:
    c = assessment_clocks(received)
    assert received < c.decision_to_assess_due < c.no_plan_decision_due < c.final_plan_due
    assert draft_comments_due(received) > received
    assert reassessment_plan_due(received) > received


@PROPERTY
@given(LEAP_DAYS)
def test_29_february_request(received: date) -> None:
    c = assessment_clocks(received)
    assert c.decision_to_assess_due == received + timedelta(days=42)
    assert c.no_plan_decision_due == received + timedelta(days=112)
    assert c.final_plan_due == received + timedelta(days=140)
    # 29 Feb + 6 weeks is always 11 April (29 Feb -> 31 Mar is 31 days, plus 11).
    assert c.decision_to_assess_due == date(received.year, 4, 11)


SCHOOL_HOLIDAYS = (
    # (first day, last day) of typical English holidays (domain.md section 9)
    (date(2025, 7, 23), date(2025, 8, 31)),  # summer
    (date(2025, 12, 20), date(2026, 1, 4)),  # Christmas
    (date(2025, 10, 25), date(2025, 11, 2)),  # October half term
    (date(2026, 3, 28), date(2026, 4, 12)),  # Easter
)


@st.composite
def holiday_dates(draw: st.DrawFn) -> date:
    first, last = draw(st.sampled_from(SCHOOL_HOLIDAYS))
    return draw(st.dates(min_value=first, max_value=last))


@PROPERTY
@given(holiday_dates(), st.integers(min_value=-400, max_value=400))
def test_school_holidays_have_no_effect_on_calendar_week_clocks(received: date, shift: int) -> None:
    """A request in a school holiday gets exactly the same 6/16/20-week arithmetic as any
    other day: shifting the request date shifts every deadline by the same number of days."""
    c = assessment_clocks(received)
    assert (c.decision_to_assess_due - received).days == 42
    assert (c.no_plan_decision_due - received).days == 112
    assert (c.final_plan_due - received).days == 140
    moved = assessment_clocks(received + timedelta(days=shift))
    assert moved.final_plan_due - c.final_plan_due == timedelta(days=shift)
    assert moved.decision_to_assess_due - c.decision_to_assess_due == timedelta(days=shift)


def test_summer_holiday_request_example() -> None:
    # Received on the first day of the summer holiday: no pause for the holiday.
    assert assessment_clocks(date(2025, 7, 23)).decision_to_assess_due == date(2025, 9, 3)


# --- months -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2026, 7, 31), -5, date(2026, 2, 28)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_out_of_range() -> None:
    with pytest.raises(ValueError):
        add_months(date(9999, 12, 1), 1)


# --- exceptions ---------------------------------------------------------------------------------


def test_exception_validation() -> None:
    with pytest.raises(ValueError):
        TimeLimitException(ExceptionReason.ABSENCE_FROM_AREA, date(2025, 5, 1), date(2025, 4, 1))
    with pytest.raises(TypeError):
        TimeLimitException("absence_from_area", date(2025, 5, 1))  # type: ignore[arg-type]
    exc = TimeLimitException(ExceptionReason("absence_from_area"), date(2025, 5, 1), note="x")
    assert exc.end is None and exc.note == "x"


def test_exception_reason_codes_and_labels() -> None:
    assert [r.value for r in ExceptionReason] == [
        "school_closure",
        "early_years_closure",
        "exceptional_personal_circumstances",
        "absence_from_area",
    ]
    assert all(r.label for r in ExceptionReason)


def test_exception_coverage() -> None:
    for clock in (*STATUTORY_CLOCKS, Clock.REASSESSMENT_PLAN):
        assert EXCEPTION_COVERAGE[clock] == frozenset(ExceptionReason)
    for clock in (Clock.ANNUAL_REVIEW, Clock.PHASE_TRANSFER, Clock.DRAFT_COMMENTS):
        assert clock not in EXCEPTION_COVERAGE


def test_four_week_minimum() -> None:
    today = date(2025, 6, 1)
    absent = ExceptionReason.ABSENCE_FROM_AREA
    assert meets_four_week_minimum(
        TimeLimitException(absent, date(2025, 4, 1), date(2025, 4, 28)), today
    )
    assert not meets_four_week_minimum(
        TimeLimitException(absent, date(2025, 4, 1), date(2025, 4, 27)), today
    )
    # Open-ended: 5 May to 1 June counting both days is 28 days.
    assert meets_four_week_minimum(TimeLimitException(absent, date(2025, 5, 5)), today)
    assert not meets_four_week_minimum(TimeLimitException(absent, date(2025, 5, 6)), today)
    personal = ExceptionReason.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES
    assert meets_four_week_minimum(TimeLimitException(personal, today, today), today)


def test_applicable_exceptions_rules() -> None:
    deadline = date(2025, 7, 21)
    before = TimeLimitException(ExceptionReason.ABSENCE_FROM_AREA, date(2025, 5, 1))
    after = TimeLimitException(ExceptionReason.ABSENCE_FROM_AREA, date(2025, 7, 22))
    future = TimeLimitException(ExceptionReason.ABSENCE_FROM_AREA, date(2025, 7, 1))
    ended_early = TimeLimitException(
        ExceptionReason.ABSENCE_FROM_AREA, date(2025, 1, 1), date(2025, 2, 1)
    )
    everything = [before, after, future, ended_early]
    got = applicable_exceptions(everything, deadline=deadline, met_on=None, today=date(2025, 6, 15))
    assert got == (before, ended_early)
    got = applicable_exceptions(
        everything,
        deadline=deadline,
        met_on=None,
        today=date(2025, 6, 15),
        clock_start=date(2025, 3, 3),
    )
    assert got == (before,)
    # Clocks without exceptions in the regulations ignore them.
    assert (
        applicable_exceptions(
            everything, deadline=deadline, met_on=None, today=deadline, clock=Clock.ANNUAL_REVIEW
        )
        == ()
    )
    # An exception starting on the day the step was met did not stop it.
    assert (
        applicable_exceptions([future], deadline=deadline, met_on=date(2025, 7, 1), today=deadline)
        == ()
    )


def test_a_closure_or_absence_shorter_than_4_weeks_never_disapplies_a_limit() -> None:
    """reg 10(4)(a), (b), (d): only a continuous period of at least 4 weeks counts. Personal
    circumstances (c) have no minimum."""
    received = date(2025, 3, 3)
    deadline = assessment_clocks(received).final_plan_due  # 21 Jul 2025
    issued_late = date(2025, 8, 1)
    for reason in (
        ExceptionReason.SCHOOL_CLOSURE,
        ExceptionReason.EARLY_YEARS_CLOSURE,
        ExceptionReason.ABSENCE_FROM_AREA,
    ):
        one_day = TimeLimitException(reason, date(2025, 5, 1), date(2025, 5, 1))
        short = TimeLimitException(reason, date(2025, 5, 1), date(2025, 5, 27))  # 27 days
        enough = TimeLimitException(reason, date(2025, 5, 1), date(2025, 5, 28))  # 28 days
        for exc, expected in [
            (one_day, ClockStatus.MET_LATE),
            (short, ClockStatus.MET_LATE),
            (enough, ClockStatus.EXCEPTION),
        ]:
            got = clock_status(
                deadline,
                issued_late,
                issued_late,
                [exc],
                clock=Clock.FINAL_PLAN,
                clock_start=received,
            )
            assert got is expected, (reason, exc)
        # Still open: it counts once it has run for 28 days up to today.
        still_away = TimeLimitException(reason, date(2025, 7, 10))
        assert clock_status(deadline, None, date(2025, 8, 5), [still_away]) is ClockStatus.OVERDUE
        assert clock_status(deadline, None, date(2025, 8, 6), [still_away]) is (
            ClockStatus.EXCEPTION
        )
    personal = TimeLimitException(
        ExceptionReason.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES, date(2025, 5, 1), date(2025, 5, 1)
    )
    assert clock_status(deadline, issued_late, issued_late, [personal]) is ClockStatus.EXCEPTION


@PROPERTY
@given(
    received=DATES,
    clock=st.sampled_from(STATUTORY_CLOCKS),
    today_offset=st.integers(min_value=0, max_value=400),
    met_offset=st.none() | st.integers(min_value=0, max_value=400),
    reason=st.sampled_from([r for r in ExceptionReason if r.needs_four_weeks]),
    start_offset=st.integers(min_value=-200, max_value=400),
    days=st.integers(min_value=1, max_value=27),
    is_open=st.booleans(),
)
def test_a_short_closure_or_absence_changes_no_status(
    received: date,
    clock: Clock,
    today_offset: int,
    met_offset: int | None,
    reason: ExceptionReason,
    start_offset: int,
    days: int,
    is_open: bool,
) -> None:
    """Fewer than 28 days (counting both ends; an open one up to today): as if not recorded."""
    deadline = assessment_clocks(received).deadline(clock)
    today = received + timedelta(days=today_offset)
    met_on = None if met_offset is None else received + timedelta(days=met_offset)
    if is_open:
        start = today - timedelta(days=days - 1)
        exc = TimeLimitException(reason, start)
    else:
        start = received + timedelta(days=start_offset)
        exc = TimeLimitException(reason, start, start + timedelta(days=days - 1))
    assert clock_status(deadline, met_on, today, [exc], clock=clock) is clock_status(
        deadline, met_on, today, clock=clock
    )


# --- clock status -------------------------------------------------------------------------------


DEADLINE = date(2025, 7, 21)


@pytest.mark.parametrize(
    ("met_on", "today", "expected"),
    [
        (None, date(2025, 7, 1), ClockStatus.NOT_DUE),
        (None, date(2025, 7, 7), ClockStatus.DUE_SOON),
        (None, DEADLINE, ClockStatus.DUE_SOON),
        (None, date(2025, 7, 22), ClockStatus.OVERDUE),
        (DEADLINE, date(2025, 9, 1), ClockStatus.MET_ON_TIME),
        (date(2025, 5, 1), date(2025, 5, 1), ClockStatus.MET_ON_TIME),
        (date(2025, 7, 22), date(2025, 9, 1), ClockStatus.MET_LATE),
    ],
)
def test_clock_status_table(met_on: date | None, today: date, expected: ClockStatus) -> None:
    assert clock_status(DEADLINE, met_on, today) is expected


def test_due_soon_window_is_configurable() -> None:
    assert clock_status(DEADLINE, None, date(2025, 7, 1), due_soon_days=20) is ClockStatus.DUE_SOON
    assert clock_status(DEADLINE, None, date(2025, 7, 20), due_soon_days=0) is ClockStatus.NOT_DUE
    assert clock_status(DEADLINE, None, DEADLINE, due_soon_days=0) is ClockStatus.DUE_SOON
    with pytest.raises(ValueError):
        clock_status(DEADLINE, None, DEADLINE, due_soon_days=-1)


def test_clock_status_with_exception() -> None:
    exc = TimeLimitException(ExceptionReason.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES, date(2025, 7, 1))
    assert clock_status(DEADLINE, None, date(2025, 8, 1), [exc]) is ClockStatus.EXCEPTION
    assert clock_status(DEADLINE, date(2025, 8, 1), date(2025, 9, 1), [exc]) is (
        ClockStatus.EXCEPTION
    )
    # Met on time stays "met on time" even with an exception recorded.
    assert clock_status(DEADLINE, date(2025, 7, 15), date(2025, 9, 1), [exc]) is (
        ClockStatus.MET_ON_TIME
    )
    # Exception starting after the deadline does not rescue a late case.
    late = TimeLimitException(ExceptionReason.ABSENCE_FROM_AREA, date(2025, 7, 22))
    assert clock_status(DEADLINE, None, date(2025, 8, 1), [late]) is ClockStatus.OVERDUE
    # The annual review clock has no reg 10(4) exceptions.
    assert (
        clock_status(DEADLINE, None, date(2025, 8, 1), [exc], clock=Clock.ANNUAL_REVIEW)
        is ClockStatus.OVERDUE
    )
    assert (
        clock_status(DEADLINE, None, date(2025, 8, 1), [exc], clock=Clock.FINAL_PLAN)
        is ClockStatus.EXCEPTION
    )


def test_status_codes_and_labels() -> None:
    assert ClockStatus.NOT_DUE.label == "On time"
    assert ClockStatus.EXCEPTION.label.endswith("(time limit disapplied)")
    assert ClockStatus("met_late") is ClockStatus.MET_LATE
    assert ClockStatus.OVERDUE.is_late and not ClockStatus.EXCEPTION.is_late


@PROPERTY
@given(
    received=DATES,
    clock=st.sampled_from(STATUTORY_CLOCKS),
    today_offset=st.integers(min_value=1, max_value=400),
    met=st.booleans(),
    reason=REASONS,
    data=st.data(),
)
def test_exception_never_makes_a_case_late(
    received: date,
    clock: Clock,
    today_offset: int,
    met: bool,
    reason: ExceptionReason,
    data: st.DataObject,
) -> None:
    """Built without filtering: the step (if met) is met after the request and by today, and
    the exception starts before the step was met, on or before the deadline and by today,
    is still running on the day the request was received or starts after it, and lasts the
    4 weeks its limb needs (an open-ended one up to today)."""
    deadline = assessment_clocks(received).deadline(clock)
    today = received + timedelta(days=today_offset)
    met_on = (
        received + timedelta(days=data.draw(st.integers(1, today_offset), label="met offset"))
        if met
        else None
    )
    minimum = timedelta(days=27 if reason.needs_four_weeks else 0)  # 28 days with both ends
    is_open = data.draw(st.booleans(), label="open")
    latest = min(deadline, today, met_on - timedelta(days=1) if met_on else today)
    if is_open:
        latest = min(latest, today - minimum)
    start = data.draw(
        st.dates(min_value=received - timedelta(days=200), max_value=latest), label="start"
    )
    earliest_end = max(start + minimum, received)
    end = (
        None
        if is_open
        else data.draw(
            st.dates(min_value=earliest_end, max_value=earliest_end + timedelta(days=200)),
            label="end",
        )
    )
    exc = TimeLimitException(reason, start, end)
    status = clock_status(deadline, met_on, today, [exc], clock=clock, clock_start=received)
    assert status not in (ClockStatus.OVERDUE, ClockStatus.MET_LATE)
    assert not status.is_late
    without = clock_status(deadline, met_on, today, clock=clock)
    event(f"without the exception: {without}")
    if without.is_late:
        assert status is ClockStatus.EXCEPTION


@PROPERTY
@given(DATES, st.none() | DATES, DATES, st.lists(exceptions_starting_by(date(2040, 1, 1))))
def test_clock_status_is_total(
    deadline: date, met_on: date | None, today: date, excs: list[TimeLimitException]
) -> None:
    status = clock_status(deadline, met_on, today, excs)
    if met_on is not None and met_on <= deadline:
        assert status is ClockStatus.MET_ON_TIME
    if status is ClockStatus.OVERDUE:
        assert met_on is None and today > deadline


# --- annual reviews (domain.md section 2) -------------------------------------------------------


def test_annual_review_due_examples() -> None:
    assert annual_review_due(date(2025, 3, 3), None) == date(2026, 3, 3)
    assert annual_review_due(date(2024, 3, 3), date(2025, 2, 10)) == date(2026, 2, 10)
    assert annual_review_due(date(2024, 2, 29), None) == date(2025, 2, 28)
    assert annual_review_due(date(2023, 2, 28), date(2024, 2, 29)) == date(2025, 2, 28)
    with pytest.raises(ValueError):
        annual_review_due(date(2025, 3, 3), date(2025, 3, 2))


def test_under_fives_reviewed_every_6_months() -> None:
    born = date(2022, 1, 10)
    assert review_interval_months(born, date(2026, 1, 9)) == 6
    assert review_interval_months(born, date(2027, 1, 9)) == 6
    assert review_interval_months(born, date(2027, 1, 10)) == 12
    assert annual_review_due(date(2025, 8, 31), None, born) == date(2026, 2, 28)
    assert annual_review_due(date(2025, 8, 31), None, date(2015, 1, 1)) == date(2026, 8, 31)
    with pytest.raises(ValueError):
        review_interval_months(date(2025, 1, 1), date(2024, 1, 1))


def test_leap_day_birthday_turns_5_on_1_march() -> None:
    born = date(2020, 2, 29)
    assert review_interval_months(born, date(2025, 2, 28)) == 6
    assert review_interval_months(born, date(2025, 3, 1)) == 12
    assert review_interval_months(born, date(2024, 2, 28)) == 6


@PROPERTY
@given(
    DATES,
    st.none() | st.integers(min_value=0, max_value=800),
    st.none() | st.integers(min_value=0, max_value=25 * 366),
)
def test_annual_review_due_after_base_and_within_12_months(
    issued: date, review_offset: int | None, age_days: int | None
) -> None:
    last = None if review_offset is None else issued + timedelta(days=review_offset)
    base = issued if last is None else last
    born = None if age_days is None else base - timedelta(days=age_days)
    if born is not None:
        event(f"review interval {review_interval_months(born, base)} months")
    due = annual_review_due(issued, last, born)
    assert base < due <= add_months(base, 12)
    assert (due - base).days <= 366
    if born is None:
        assert due.month == base.month and due.year == base.year + 1


@PROPERTY
@given(LEAP_DAYS)
def test_29_february_plan_issue(issued: date) -> None:
    assert annual_review_due(issued, None) == date(issued.year + 1, 2, 28)
    assert annual_review_due(date(issued.year - 1, 3, 1), issued) == date(issued.year + 1, 2, 28)


def test_review_follow_ups_section_3_example() -> None:
    meeting = date(2025, 11, 10)
    assert review_decision_due(meeting) == date(2025, 12, 8)
    assert amended_plan_due_after_review(meeting) == date(2026, 2, 2)
    assert amended_plan_due_after_review(meeting) < phase_transfer_deadline(
        TransferType.PRIMARY_TO_SECONDARY, date(2026, 9, 1)
    )
    assert review_notice_due(meeting) == date(2025, 10, 27)
    assert review_advice_due(meeting) == date(2025, 10, 27)
    assert review_report_due(meeting) == date(2025, 11, 24)
    proposals = review_decision_due(meeting)
    assert amendment_response_due(proposals) == date(2025, 12, 22)
    assert amended_plan_due_after_proposals(proposals) == amended_plan_due_after_review(meeting)


# --- phase transfers (domain.md section 3) ------------------------------------------------------


@pytest.mark.parametrize("transfer", SCHOOL_TRANSFERS)
def test_phase_transfer_fixed_dates(transfer: TransferType) -> None:
    expected = (
        date(2026, 3, 31) if transfer is TransferType.SECONDARY_TO_POST16 else date(2026, 2, 15)
    )
    assert phase_transfer_deadline(transfer, date(2026, 9, 1)) == expected


@pytest.mark.parametrize(
    ("transfer_date", "expected"),
    [
        (date(2026, 9, 1), date(2026, 4, 1)),
        (date(2026, 7, 31), date(2026, 2, 28)),
        (date(2028, 7, 31), date(2028, 2, 29)),
        (date(2026, 1, 5), date(2025, 8, 5)),
    ],
)
def test_post16_to_post16_is_5_months_before(transfer_date: date, expected: date) -> None:
    assert phase_transfer_deadline(TransferType.POST16_TO_POST16, transfer_date) == expected


def test_transfer_on_or_before_fixed_date_is_rejected() -> None:
    with pytest.raises(ValueError):
        phase_transfer_deadline(TransferType.EARLY_YEARS_TO_SCHOOL, date(2026, 1, 5))
    with pytest.raises(ValueError):
        phase_transfer_deadline(TransferType.EARLY_YEARS_TO_SCHOOL, date(2026, 2, 15))
    with pytest.raises(ValueError):
        phase_transfer_deadline(TransferType.SECONDARY_TO_POST16, date(2026, 3, 31))
    assert phase_transfer_deadline(TransferType.SECONDARY_TO_POST16, date(2026, 4, 1)) == date(
        2026, 3, 31
    )


@PROPERTY
@given(st.sampled_from(list(TransferType)), DATES)
def test_phase_transfer_deadline_before_transfer(transfer: TransferType, when: date) -> None:
    try:
        deadline = phase_transfer_deadline(transfer, when)
    except ValueError:
        assert transfer is not TransferType.POST16_TO_POST16
        assert when <= date(when.year, 3, 31)
        return
    assert deadline < when
    if transfer is not TransferType.POST16_TO_POST16:
        assert deadline.year == when.year


@PROPERTY
@given(st.sampled_from(list(TransferType)), st.integers(min_value=2015, max_value=2060))
def test_1_september_transfers_always_have_a_deadline(transfer: TransferType, year: int) -> None:
    assert phase_transfer_deadline(transfer, date(year, 9, 1)) < date(year, 9, 1)


# --- rates (domain.md sections 1 and 5) ---------------------------------------------------------


def test_rate_england_2019() -> None:
    inc = Rate(31_313, 53_327)
    ex = Rate(29_895, 49_519)
    assert inc.display() == "58.7%"
    assert ex.display() == "60.4%"
    assert inc.percent == pytest.approx(58.7188, abs=1e-4)
    assert ex.percent == pytest.approx(60.3708, abs=1e-4)
    assert str(inc) == "31,313/53,327 = 58.7%"


def test_rate_edge_cases() -> None:
    assert Rate(0, 0).percent is None
    assert Rate(0, 0).display() == "no cases"
    assert Rate(0, 0).display(empty="—") == "—"
    assert Rate(1, 8).display() == "12.5%"
    assert Rate(1, 3).display() == "33.3%"
    assert Rate(2, 3).display() == "66.7%"
    assert Rate(1, 2000).display() == "0.1%"  # 0.05 rounds half up
    assert Rate(5, 5).display() == "100.0%"
    assert Rate(1, 2) + Rate(2, 3) == Rate(3, 5)
    for bad in ((-1, 2), (3, 2)):
        with pytest.raises(ValueError):
            Rate(*bad)


def _plan(received: date, weeks_days: int, exc: bool) -> NewPlanCase:
    return NewPlanCase(received, received + timedelta(days=weeks_days), exc)


def test_sen2_rates_reproduce_england_2019_through_cases() -> None:
    """Build a synthetic 2019 cohort with the published counts and check both measures."""
    received = date(2019, 1, 7)
    total, within, no_exc, no_exc_within = 53_327, 31_313, 49_519, 29_895
    exc_within = within - no_exc_within  # 1,418 exception cases issued in time anyway
    exc_total = total - no_exc  # 3,808 exception cases
    cases = (
        [_plan(received, 140, False)] * no_exc_within
        + [_plan(received, 141, False)] * (no_exc - no_exc_within)
        + [_plan(received, 100, True)] * exc_within
        + [_plan(received, 200, True)] * (exc_total - exc_within)
    )
    inc = issued_within_20_weeks_including_exceptions(cases)
    ex = issued_within_20_weeks_excluding_exceptions(iter(cases))
    assert inc == Rate(31_313, 53_327) and inc.display() == "58.7%"
    assert ex == Rate(29_895, 49_519) and ex.display() == "60.4%"


def test_new_plan_case_boundaries() -> None:
    received = date(2025, 3, 3)
    assert NewPlanCase(received, date(2025, 7, 21), False).within_20_weeks
    assert not NewPlanCase(received, date(2025, 7, 22), False).within_20_weeks
    with pytest.raises(ValueError):
        NewPlanCase(received, date(2025, 3, 2), False)
    assert issued_within_20_weeks_including_exceptions([]) == Rate(0, 0)


def test_decisions_within_6_weeks() -> None:
    r = date(2025, 3, 3)
    cases = [
        AssessmentDecisionCase(r, date(2025, 4, 14), False),
        AssessmentDecisionCase(r, date(2025, 4, 15), False),
        AssessmentDecisionCase(r, date(2025, 5, 30), True),
    ]
    assert decisions_within_6_weeks(cases) == Rate(1, 3)
    assert decisions_within_6_weeks(cases, exclude_exceptions=True) == Rate(1, 2)
    with pytest.raises(ValueError):
        AssessmentDecisionCase(r, date(2025, 3, 2), False)


def test_reviews_within_12_months() -> None:
    cases = [
        ReviewCase(date(2024, 2, 29), date(2025, 2, 28)),
        ReviewCase(date(2024, 2, 29), date(2025, 3, 1)),
        ReviewCase(date(2024, 5, 1), None),
        ReviewCase(date(2024, 5, 1), date(2024, 11, 1)),
    ]
    assert reviews_within_12_months(cases) == Rate(2, 4)
    with pytest.raises(ValueError):
        ReviewCase(date(2024, 5, 1), date(2024, 4, 1))


def test_transfers_by_deadline() -> None:
    sept = date(2026, 9, 1)
    cases = [
        TransferCase(TransferType.PRIMARY_TO_SECONDARY, sept, date(2026, 2, 15)),
        TransferCase(TransferType.PRIMARY_TO_SECONDARY, sept, date(2026, 2, 16)),
        TransferCase(TransferType.SECONDARY_TO_POST16, sept, date(2026, 3, 31)),
        TransferCase(TransferType.POST16_TO_POST16, sept, date(2026, 4, 2)),
        TransferCase(TransferType.EARLY_YEARS_TO_SCHOOL, sept, None),
    ]
    assert cases[3].deadline == date(2026, 4, 1)
    assert transfers_by_deadline(cases) == Rate(2, 5)


@PROPERTY
@given(st.lists(st.tuples(DATES, st.integers(0, 300), st.booleans()), max_size=40))
def test_rates_are_consistent(rows: list[tuple[date, int, bool]]) -> None:
    cases = [_plan(r, d, e) for r, d, e in rows]
    inc = issued_within_20_weeks_including_exceptions(cases)
    ex = issued_within_20_weeks_excluding_exceptions(cases)
    assert inc.denominator == len(cases)
    assert ex.denominator == sum(not c.had_exception for c in cases)
    assert ex.numerator <= inc.numerator
    assert ex.denominator <= inc.denominator
    for rate in (inc, ex):
        assert rate.percent is None or 0 <= rate.percent <= 100


# --- Review-list term windows (next_school_term) ---------------------------------------


def _term_windows_of(year: int) -> list:
    """The spring, summer and autumn review-list windows of a calendar year."""
    from sendtrack.domain.statutory import next_school_term

    return [
        next_school_term(date(year - 1, 12, 1)),
        next_school_term(date(year, 1, 15)),
        next_school_term(date(year, 6, 1)),
    ]


@PROPERTY
@given(day=DATES)
def test_every_day_of_a_year_is_in_exactly_one_term_window(day: date) -> None:
    windows = _term_windows_of(day.year)
    containing = [w for w in windows if w.start <= day <= w.end]
    assert len(containing) == 1, (day, windows)


@PROPERTY
@given(day=DATES)
def test_the_next_term_window_follows_on_with_no_gap(day: date) -> None:
    """The next window starts after today, and the window after it starts the day after it
    ends: so the lists sent term by term cover every due date once."""
    from sendtrack.domain.statutory import next_school_term

    term = next_school_term(day)
    assert day < term.start <= term.end
    assert next_school_term(term.start - timedelta(days=1)) == term
    following = next_school_term(term.end)
    assert following.start == term.end + timedelta(days=1)


def test_a_review_due_in_august_is_on_the_summer_list() -> None:
    """Schools are shut in August: the meeting must be held by July, so August is on the
    summer list, sent before the summer term (e.g. on 1 March)."""
    from sendtrack.domain.statutory import next_school_term

    summer = next_school_term(date(2025, 3, 1))
    assert summer.name == "Summer term 2025"
    assert summer.start == date(2025, 4, 1) and summer.end == date(2025, 8, 31)
    assert next_school_term(date(2025, 8, 20)).name == "Autumn term 2025"
    assert next_school_term(date(2025, 7, 1)).start == date(2025, 9, 1)


def test_reviews_and_transfers_of_a_ceased_plan_leave_the_measures() -> None:
    due = date(2025, 5, 10)
    assert review_in_measure(due, None, None)
    assert not review_in_measure(due, None, date(2025, 2, 10))  # ceased 3 months before
    assert review_in_measure(due, None, due)  # ceased on the due date: it was due
    assert review_in_measure(due, date(2025, 1, 20), date(2025, 2, 10))  # held, then ceased
    deadline = date(2025, 2, 15)
    assert transfer_in_measure(deadline, None, None)
    assert not transfer_in_measure(deadline, None, date(2025, 1, 31))
    assert transfer_in_measure(deadline, None, deadline)
    assert transfer_in_measure(deadline, date(2025, 1, 10), date(2025, 1, 31))
