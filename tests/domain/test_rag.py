"""BRAG rules: what a programme manager relies on when they read a rating."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.rag import (
    DONE_STATUSES,
    RAG_LABELS,
    ActionFacts,
    OverrideWithoutReason,
    Rag,
    RagResult,
    RagSettings,
    Status,
    brag_counts,
    brag_for_action,
    rag_for_action,
    rag_for_section,
)

TODAY = date(2025, 3, 3)
NOT_DONE = [s for s in Status if s not in DONE_STATUSES]
WORST_FIRST = [Rag.RED, Rag.AMBER, Rag.GREEN]  # blue is left out of a section roll-up


def facts(
    status: Status | None = Status.IN_PROGRESS,
    due: date | None = None,
    last_activity: date | None = TODAY,
    override: Rag | None = None,
    override_reason: str = "",
) -> ActionFacts:
    return ActionFacts(status, due, last_activity, override, override_reason)


def rate(action: ActionFacts, today: date = TODAY, **settings: int) -> RagResult:
    return rag_for_action(action, today, RagSettings(**settings))


# --- strategies -------------------------------------------------------------------------------

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
statuses = st.none() | st.sampled_from(Status)
not_done_statuses = st.none() | st.sampled_from(NOT_DONE)
settings_st = st.builds(
    RagSettings,
    due_soon_days=st.integers(min_value=0, max_value=400),
    stale_after_days=st.integers(min_value=0, max_value=400),
)
blank = st.text(alphabet=" \t\n\r\u00a0\u2003", max_size=5)
reasons = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() != "")
rag_lists = st.lists(st.sampled_from(Rag), max_size=30)


@st.composite
def situations(draw: st.DrawFn) -> tuple[ActionFacts, date]:
    """An action with no override and a today, with dates mostly near today, where edges are."""
    today = draw(days)
    near = st.integers(min_value=-100, max_value=100).map(lambda n: today + timedelta(days=n))
    when = st.none() | near | days
    return ActionFacts(draw(statuses), draw(when), draw(when)), today


# --- blue -------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(DONE_STATUSES))
def test_done_action_is_blue_even_when_long_overdue_and_stale(status: Status) -> None:
    action = facts(status, due=date(2020, 1, 1), last_activity=date(2020, 1, 1))
    result = rate(action)
    assert result.rag is Rag.BLUE
    assert not result.overridden
    assert result.reason == f"Marked as {status.value}"


def test_done_statuses_are_complete_embedded_closed() -> None:
    assert DONE_STATUSES == {Status.COMPLETE, Status.EMBEDDED, Status.CLOSED}


@given(situation=situations(), status=st.sampled_from(sorted(DONE_STATUSES)), settings=settings_st)
def test_a_done_status_is_always_blue(
    situation: tuple[ActionFacts, date], status: Status, settings: RagSettings
) -> None:
    action, today = situation
    done = ActionFacts(status, action.due, action.last_activity)
    assert rag_for_action(done, today, settings).rag is Rag.BLUE


@given(situation=situations(), settings=settings_st)
def test_only_a_done_status_makes_an_action_blue(
    situation: tuple[ActionFacts, date], settings: RagSettings
) -> None:
    action, today = situation
    is_blue = rag_for_action(action, today, settings).rag is Rag.BLUE
    assert is_blue == (action.status in DONE_STATUSES)


# --- awaiting sign-off ------------------------------------------------------------------------


@given(situation=situations(), status=st.sampled_from(sorted(DONE_STATUSES)), settings=settings_st)
def test_a_done_action_awaiting_sign_off_is_rated_as_if_not_done(
    situation: tuple[ActionFacts, date], status: Status, settings: RagSettings
) -> None:
    """Until a programme manager signs it off, marking an action complete does not make it
    blue: it is red, amber or green by the same rules as work still under way."""
    action, today = situation
    waiting = ActionFacts(status, action.due, action.last_activity, awaiting_sign_off=True)
    result = rag_for_action(waiting, today, settings)
    assert result.rag is not Rag.BLUE
    assert result.reason.startswith(f"Marked as {status.value}, awaiting sign-off; ")
    under_way = ActionFacts(Status.IN_PROGRESS, action.due, action.last_activity)
    assert result.rag is rag_for_action(under_way, today, settings).rag


def test_awaiting_sign_off_and_past_due_is_red_saying_both() -> None:
    action = ActionFacts(Status.COMPLETE, date(2025, 2, 28), TODAY, awaiting_sign_off=True)
    result = rate(action)
    assert result.rag is Rag.RED
    assert result.reason == (
        "Marked as complete, awaiting sign-off; past its due date of 28 February 2025 and not "
        "complete"
    )


def test_signed_off_is_blue_and_a_hand_set_rating_still_wins() -> None:
    assert rate(ActionFacts(Status.COMPLETE, None, TODAY)).rag is Rag.BLUE
    held = ActionFacts(Status.COMPLETE, None, TODAY, Rag.GREEN, "Agreed", awaiting_sign_off=True)
    assert rate(held).rag is Rag.GREEN and rate(held).overridden


def test_awaiting_sign_off_means_nothing_for_work_not_marked_done() -> None:
    for status in NOT_DONE:
        plain = ActionFacts(status, date(2025, 3, 10), TODAY)
        waiting = ActionFacts(status, date(2025, 3, 10), TODAY, awaiting_sign_off=True)
        assert rate(plain) == rate(waiting)


# --- red --------------------------------------------------------------------------------------


def test_past_due_and_not_complete_is_red_with_the_date_in_the_reason() -> None:
    result = rate(facts(Status.ON_TRACK, due=date(2025, 3, 2)), today=date(2025, 3, 3))
    assert result == RagResult(
        Rag.RED, "Past its due date of 2 March 2025 and not complete", overridden=False
    )


def test_reason_matches_the_example_users_see() -> None:
    result = rate(facts(Status.NOT_STARTED, due=date(2025, 3, 31)), today=date(2025, 4, 1))
    assert result.reason == "Past its due date of 31 March 2025 and not complete"


def test_due_today_is_not_past_due() -> None:
    result = rate(facts(Status.IN_PROGRESS, due=TODAY))
    assert result.rag is Rag.AMBER
    assert result.reason == "Due today (3 March 2025) and not marked as on track"


def test_due_today_and_on_track_is_green() -> None:
    assert rate(facts(Status.ON_TRACK, due=TODAY)).rag is Rag.GREEN


@pytest.mark.parametrize("status", [None, *NOT_DONE])
def test_one_day_past_due_is_red_whatever_the_status(status: Status | None) -> None:
    assert rate(facts(status, due=TODAY - timedelta(days=1))).rag is Rag.RED


@given(situation=situations(), settings=settings_st)
def test_never_red_before_or_on_the_due_date(
    situation: tuple[ActionFacts, date], settings: RagSettings
) -> None:
    action, today = situation
    result = rag_for_action(action, today, settings)
    if action.due is None or today <= action.due:
        assert result.rag is not Rag.RED


@given(
    situation=situations(),
    later=st.integers(min_value=0, max_value=3000),
    settings=settings_st,
)
def test_once_red_stays_red_as_time_passes(
    situation: tuple[ActionFacts, date], later: int, settings: RagSettings
) -> None:
    action, today = situation
    if rag_for_action(action, today, settings).rag is Rag.RED:
        assert rag_for_action(action, today + timedelta(days=later), settings).rag is Rag.RED


@given(situation=situations(), later=st.integers(min_value=0, max_value=3000))
def test_a_red_action_leaves_red_only_by_being_done(
    situation: tuple[ActionFacts, date], later: int
) -> None:
    action, today = situation
    if rag_for_action(action, today).rag is not Rag.RED:
        return
    for status in Status:
        moved = ActionFacts(status, action.due, action.last_activity)
        result = rag_for_action(moved, today + timedelta(days=later))
        assert result.rag is (Rag.BLUE if status in DONE_STATUSES else Rag.RED)


# --- amber: due soon --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_to_due", "status", "expected"),
    [
        (28, Status.IN_PROGRESS, Rag.AMBER),
        (29, Status.IN_PROGRESS, Rag.GREEN),
        (28, Status.NOT_STARTED, Rag.AMBER),
        (29, Status.NOT_STARTED, Rag.GREEN),
        (28, None, Rag.AMBER),
        (29, None, Rag.GREEN),
        (28, Status.ON_TRACK, Rag.GREEN),
        (1, Status.ON_TRACK, Rag.GREEN),
        (0, Status.ON_TRACK, Rag.GREEN),
        (1, Status.IN_PROGRESS, Rag.AMBER),
        (0, Status.IN_PROGRESS, Rag.AMBER),
    ],
)
def test_due_soon_window_boundary_default_28_days(
    days_to_due: int, status: Status | None, expected: Rag
) -> None:
    action = facts(status, due=TODAY + timedelta(days=days_to_due))
    assert rate(action).rag is expected


def test_due_soon_reason_says_when() -> None:
    result = rate(facts(Status.IN_PROGRESS, due=date(2025, 3, 31)))
    assert result.reason == "Due in 28 days (31 March 2025) and not marked as on track"
    result = rate(facts(Status.IN_PROGRESS, due=date(2025, 3, 4)))
    assert result.reason == "Due in 1 day (4 March 2025) and not marked as on track"


def test_due_soon_window_is_configurable() -> None:
    action = facts(Status.IN_PROGRESS, due=TODAY + timedelta(days=14))
    assert rate(action, due_soon_days=14).rag is Rag.AMBER
    assert rate(action, due_soon_days=13).rag is Rag.GREEN
    assert rate(action, due_soon_days=60).rag is Rag.AMBER


def test_zero_day_window_flags_only_actions_due_today() -> None:
    assert rate(facts(due=TODAY), due_soon_days=0).rag is Rag.AMBER
    assert rate(facts(due=TODAY + timedelta(days=1)), due_soon_days=0).rag is Rag.GREEN


def test_no_due_date_is_never_due_soon() -> None:
    result = rate(facts(Status.NOT_STARTED, due=None))
    assert result.rag is Rag.GREEN
    assert result.reason == "No due date, not delayed, and updated in the last 42 days"


# --- amber: delayed ---------------------------------------------------------------------------


@pytest.mark.parametrize("due", [None, TODAY + timedelta(days=365)])
def test_delayed_is_amber_however_far_off_the_due_date(due: date | None) -> None:
    result = rate(facts(Status.DELAYED, due=due))
    assert result.rag is Rag.AMBER
    assert result.reason == "Marked as delayed"


def test_delayed_and_past_due_is_red() -> None:
    assert rate(facts(Status.DELAYED, due=TODAY - timedelta(days=1))).rag is Rag.RED


# --- amber: no recent progress update ---------------------------------------------------------


@pytest.mark.parametrize(
    ("days_quiet", "expected"),
    [(0, Rag.GREEN), (41, Rag.GREEN), (42, Rag.GREEN), (43, Rag.AMBER), (400, Rag.AMBER)],
)
def test_stale_boundary_default_42_days(days_quiet: int, expected: Rag) -> None:
    for status in (Status.ON_TRACK, Status.IN_PROGRESS, None):
        action = facts(status, due=None, last_activity=TODAY - timedelta(days=days_quiet))
        assert rate(action).rag is expected


def test_stale_applies_to_on_track_actions_too() -> None:
    action = facts(
        Status.ON_TRACK, due=TODAY + timedelta(days=100), last_activity=date(2025, 1, 19)
    )
    result = rate(action)
    assert result.rag is Rag.AMBER
    assert result.reason == "No progress update for 43 days (since 19 January 2025)"


def test_stale_period_is_configurable() -> None:
    action = facts(last_activity=TODAY - timedelta(days=15))
    assert rate(action, stale_after_days=14).rag is Rag.AMBER
    assert rate(action, stale_after_days=15).rag is Rag.GREEN


def test_unknown_last_activity_is_not_stale() -> None:
    result = rate(facts(Status.IN_PROGRESS, due=None, last_activity=None))
    assert result.rag is Rag.GREEN
    assert result.reason == "No due date, not delayed"


def test_activity_dated_in_the_future_is_not_stale() -> None:
    assert rate(facts(last_activity=TODAY + timedelta(days=5))).rag is Rag.GREEN


def test_every_amber_cause_is_given_in_the_reason() -> None:
    action = facts(
        Status.DELAYED, due=TODAY + timedelta(days=3), last_activity=TODAY - timedelta(days=50)
    )
    result = rate(action)
    assert result.rag is Rag.AMBER
    assert result.reason == (
        "Due in 3 days (6 March 2025) and not marked as on track; marked as delayed;"
        " no progress update for 50 days (since 12 January 2025)"
    )


# --- green ------------------------------------------------------------------------------------


def test_green_reason_for_a_far_off_due_date() -> None:
    result = rate(facts(Status.IN_PROGRESS, due=date(2025, 6, 30)))
    assert result == RagResult(
        Rag.GREEN,
        "Due on 30 June 2025, more than 28 days away, not delayed, and updated in the last 42 days",
        overridden=False,
    )


@given(situation=situations(), settings=settings_st)
def test_green_means_no_warning_sign(
    situation: tuple[ActionFacts, date], settings: RagSettings
) -> None:
    action, today = situation
    if rag_for_action(action, today, settings).rag is not Rag.GREEN:
        return
    assert action.status not in DONE_STATUSES
    assert action.status is not Status.DELAYED
    if action.due is not None:
        days_to_due = (action.due - today).days
        assert days_to_due > settings.due_soon_days or (
            days_to_due >= 0 and action.status is Status.ON_TRACK
        )
    if action.last_activity is not None:
        assert (today - action.last_activity).days <= settings.stale_after_days


@given(situation=situations(), settings=settings_st)
def test_every_result_has_a_reason(
    situation: tuple[ActionFacts, date], settings: RagSettings
) -> None:
    action, today = situation
    result = rag_for_action(action, today, settings)
    assert result.reason.strip()
    assert result.reason[0].isupper()
    assert not result.overridden


# --- override ---------------------------------------------------------------------------------


def test_override_with_reason_wins_and_is_shown_as_such() -> None:
    action = facts(
        Status.COMPLETE, override=Rag.RED, override_reason="  Board not assured by evidence "
    )
    assert rate(action) == RagResult(
        Rag.RED, "Set by hand to Red: Board not assured by evidence", overridden=True
    )


def test_override_to_the_same_rating_is_still_shown_as_overridden() -> None:
    action = facts(Status.IN_PROGRESS, override=Rag.GREEN, override_reason="Agreed at board")
    result = rate(action)
    assert result.rag is Rag.GREEN
    assert result.overridden


def test_values_read_from_the_database_as_plain_strings_work() -> None:
    action = ActionFacts("delayed", None, None, "", "")  # type: ignore[arg-type]
    assert rate(action).rag is Rag.AMBER
    action = ActionFacts("", None, None, "red", "Agreed at board")  # type: ignore[arg-type]
    assert rate(action) == RagResult(Rag.RED, "Set by hand to Red: Agreed at board", True)


def test_reason_without_override_is_ignored() -> None:
    result = rate(facts(Status.COMPLETE, override=None, override_reason="Left over"))
    assert result.rag is Rag.BLUE
    assert not result.overridden


@given(situation=situations(), override=st.sampled_from(Rag), reason=blank)
def test_override_without_reason_raises(
    situation: tuple[ActionFacts, date], override: Rag, reason: str
) -> None:
    action, today = situation
    bad = ActionFacts(action.status, action.due, action.last_activity, override, reason)
    with pytest.raises(OverrideWithoutReason):
        rag_for_action(bad, today)


def test_override_without_reason_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="reason"):
        rate(facts(override=Rag.AMBER))


@given(
    situation=situations(),
    override=st.sampled_from(Rag),
    reason=reasons,
    settings=settings_st,
)
def test_override_with_reason_always_wins(
    situation: tuple[ActionFacts, date], override: Rag, reason: str, settings: RagSettings
) -> None:
    action, today = situation
    manual = ActionFacts(action.status, action.due, action.last_activity, override, reason)
    result = rag_for_action(manual, today, settings)
    assert result.rag is override
    assert result.overridden
    assert reason.strip() in result.reason
    assert RAG_LABELS[override] in result.reason


# --- the rating alone ---------------------------------------------------------------------------


@given(
    situation=situations(),
    awaiting=st.booleans(),
    override=st.none() | st.sampled_from(Rag),
    reason=reasons,
    settings=settings_st,
)
def test_the_rating_alone_is_the_rating_with_its_reason(
    situation: tuple[ActionFacts, date],
    awaiting: bool,
    override: Rag | None,
    reason: str,
    settings: RagSettings,
) -> None:
    """Counts and roll-ups (the dashboard, the section tree) rate without wording a reason:
    they must show what the action's own page shows."""
    action, today = situation
    full = ActionFacts(action.status, action.due, action.last_activity, override, reason, awaiting)
    assert brag_for_action(full, today, settings) is rag_for_action(full, today, settings).rag


@given(situation=situations(), override=st.sampled_from(Rag), reason=blank)
def test_the_rating_alone_refuses_an_override_without_reason(
    situation: tuple[ActionFacts, date], override: Rag, reason: str
) -> None:
    action, today = situation
    with pytest.raises(OverrideWithoutReason):
        brag_for_action(ActionFacts(action.status, action.due, None, override, reason), today)


# --- settings ---------------------------------------------------------------------------------


def test_default_settings() -> None:
    assert RagSettings() == RagSettings(due_soon_days=28, stale_after_days=42)


@pytest.mark.parametrize("field", ["due_soon_days", "stale_after_days"])
def test_negative_settings_are_refused(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        RagSettings(**{field: -1})


# --- section roll-up --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rags", "expected"),
    [
        ([], None),
        ([Rag.BLUE], Rag.BLUE),
        ([Rag.BLUE, Rag.BLUE, Rag.BLUE], Rag.BLUE),
        ([Rag.BLUE, Rag.GREEN], Rag.GREEN),
        ([Rag.BLUE, Rag.BLUE, Rag.BLUE, Rag.GREEN], Rag.GREEN),
        ([Rag.GREEN, Rag.AMBER, Rag.BLUE], Rag.AMBER),
        ([Rag.GREEN, Rag.GREEN, Rag.RED, Rag.BLUE], Rag.RED),
        ([Rag.BLUE, Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.RED], Rag.RED),
    ],
)
def test_section_roll_up(rags: list[Rag], expected: Rag | None) -> None:
    assert rag_for_section(rags) == expected


def test_section_roll_up_takes_any_iterable_once() -> None:
    assert rag_for_section(iter([Rag.GREEN, Rag.AMBER])) is Rag.AMBER
    assert rag_for_section(r for r in [Rag.BLUE, Rag.BLUE]) is Rag.BLUE


@given(rags=rag_lists, data=st.data())
def test_section_roll_up_is_order_independent(rags: list[Rag], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(rags))
    assert rag_for_section(shuffled) == rag_for_section(rags)


def test_section_roll_up_every_order_of_one_of_each() -> None:
    for order in itertools.permutations(Rag):
        assert rag_for_section(order) is Rag.RED


@given(rags=rag_lists)
def test_section_is_the_worst_non_blue_action(rags: list[Rag]) -> None:
    result = rag_for_section(rags)
    non_blue = [r for r in rags if r is not Rag.BLUE]
    if not rags:
        assert result is None
    elif not non_blue:
        assert result is Rag.BLUE
    else:
        assert result in non_blue
        worst = min(WORST_FIRST.index(r) for r in non_blue)
        assert result is WORST_FIRST[worst]


@given(rags=rag_lists, extra=st.sampled_from(Rag))
def test_adding_an_action_never_makes_a_section_look_better(rags: list[Rag], extra: Rag) -> None:
    before = rag_for_section(rags)
    after = rag_for_section([*rags, extra])
    if extra is Rag.BLUE:
        # A finished action never changes a section's rating, except an empty one.
        assert after is (Rag.BLUE if before is None else before)
    elif before is None or before is Rag.BLUE:
        assert after is extra
    else:
        assert after is not None and after is not Rag.BLUE
        assert WORST_FIRST.index(after) == min(WORST_FIRST.index(before), WORST_FIRST.index(extra))


# --- counts and labels ------------------------------------------------------------------------


def test_brag_counts_has_every_key_worst_first() -> None:
    counts = brag_counts([Rag.GREEN, Rag.GREEN, Rag.BLUE])
    assert list(counts.items()) == [
        (Rag.RED, 0),
        (Rag.AMBER, 0),
        (Rag.GREEN, 2),
        (Rag.BLUE, 1),
    ]
    assert list(brag_counts([])) == [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.BLUE]


@given(rags=rag_lists)
def test_brag_counts_sum_to_the_number_of_actions(rags: list[Rag]) -> None:
    counts = brag_counts(rags)
    assert sum(counts.values()) == len(rags)
    assert all(counts[rag] == rags.count(rag) for rag in Rag)


def test_labels_always_name_the_colour_in_words() -> None:
    assert RAG_LABELS == {
        Rag.RED: "Red",
        Rag.AMBER: "Amber",
        Rag.GREEN: "Green",
        Rag.BLUE: "Blue (complete)",
    }


def test_enum_values_are_stable_for_the_database() -> None:
    assert [r.value for r in Rag] == ["blue", "red", "amber", "green"]
    assert [s.value for s in Status] == [
        "not_started",
        "in_progress",
        "on_track",
        "delayed",
        "complete",
        "embedded",
        "closed",
    ]


def test_whole_calendar_days_across_a_leap_day() -> None:
    # 29 February counts as a day: 28 days before 28 March 2024 is 29 February 2024.
    action = facts(Status.IN_PROGRESS, due=date(2024, 3, 28))
    assert rate(action, today=date(2024, 2, 29)).rag is Rag.AMBER
    assert rate(action, today=date(2024, 2, 28)).rag is Rag.GREEN


def test_an_action_never_updated_says_so_rather_than_updated_lately() -> None:
    result = rate(facts(Status.NOT_STARTED, due=None)._replace(never_updated=True))
    assert result.rag is Rag.GREEN
    assert result.reason == "No due date, not delayed. No updates yet"
