"""The consent rule: who the service may speak to, on which day (domain/consent.py)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.consent import (
    ConsentRecord,
    ConsentState,
    Decision,
    Party,
    check_contact,
    due_for_review,
    review_date,
)

SENCO = Party("SENCo", "Northdale Primary")
EP = Party("Educational psychologist", "Northdale Council")
D = date(2025, 3, 10)


def given_on(day: date, party: Party = SENCO, months: int = 12, withdrawn=None) -> ConsentRecord:
    return ConsentRecord(party, Decision.GIVEN, day, review_date(day, months), withdrawn)


def refused_on(day: date, party: Party = SENCO) -> ConsentRecord:
    return ConsentRecord(party, Decision.REFUSED, day, review_date(day))


def test_no_record_means_no_contact():
    check = check_contact(SENCO, D, [])
    assert check.state is ConsentState.NONE and not check.allowed


def test_given_consent_allows_contact_from_that_day_until_the_day_before_review():
    record = given_on(D)
    assert check_contact(SENCO, D, [record]).allowed
    assert check_contact(SENCO, date(2026, 3, 9), [record]).allowed
    assert not check_contact(SENCO, D - timedelta(days=1), [record]).allowed
    expired = check_contact(SENCO, date(2026, 3, 10), [record])
    assert expired.state is ConsentState.EXPIRED and "renew" in expired.reason


def test_refusal_blocks_and_a_later_consent_overrides_it():
    records = [refused_on(D), given_on(D + timedelta(days=30))]
    assert check_contact(SENCO, D + timedelta(days=1), records).state is ConsentState.REFUSED
    assert check_contact(SENCO, D + timedelta(days=31), records).allowed


def test_a_refusal_on_the_same_day_wins():
    assert check_contact(SENCO, D, [given_on(D), refused_on(D)]).state is ConsentState.REFUSED


def test_withdrawal_blocks_from_its_date():
    record = given_on(D, withdrawn=D + timedelta(days=5))
    assert check_contact(SENCO, D + timedelta(days=4), [record]).allowed
    assert check_contact(SENCO, D + timedelta(days=5), [record]).state is ConsentState.WITHDRAWN


def test_parties_match_ignoring_case_and_spacing_but_not_organisation():
    record = given_on(D)
    assert check_contact(Party("  senco ", "northdale  primary."), D, [record]).allowed
    assert not check_contact(Party("SENCo", "Southdale Primary"), D, [record]).allowed


def test_review_date_defaults_to_twelve_months_and_clamps_leap_day():
    assert review_date(date(2024, 2, 29)) == date(2025, 2, 28)
    assert review_date(date(2025, 1, 31), 1) == date(2025, 2, 28)
    with pytest.raises(ValueError):
        review_date(D, 0)


def test_due_for_review():
    record = given_on(D)
    assert not due_for_review(record, D)
    assert due_for_review(record, date(2026, 2, 20))
    assert due_for_review(record, date(2026, 4, 1))
    assert not due_for_review(refused_on(D), date(2026, 4, 1))


# --- properties ---------------------------------------------------------------------------------

parties = st.sampled_from([SENCO, EP, Party("SEN caseworker", "Northdale Council")])
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def records(draw):
    party = draw(parties)
    day = draw(days)
    decision = draw(st.sampled_from(list(Decision)))
    months = draw(st.integers(min_value=1, max_value=36))
    withdrawn = draw(st.none() | st.integers(min_value=0, max_value=800))
    return ConsentRecord(
        party,
        decision,
        day,
        review_date(day, months),
        day + timedelta(days=withdrawn) if withdrawn is not None else None,
    )


@given(st.lists(records(), max_size=8), parties, days)
def test_allowed_only_with_a_current_unwithdrawn_consent_for_that_party(rs, party, on):
    check = check_contact(party, on, rs)
    if check.allowed:
        r = check.record
        assert r is not None and r.party.same_as(party)
        assert r.decision is Decision.GIVEN and r.given_on <= on < r.review_on
        assert r.withdrawn_on is None or r.withdrawn_on > on
        # no later (or same-day) refusal for the party
        assert not any(
            o.party.same_as(party)
            and o.decision is Decision.REFUSED
            and r.given_on <= o.given_on <= on
            for o in rs
        )


@given(st.lists(records(), max_size=8), parties, days, st.randoms())
def test_order_of_records_does_not_matter(rs, party, on, rnd):
    shuffled = list(rs)
    rnd.shuffle(shuffled)
    assert check_contact(party, on, rs).state == check_contact(party, on, shuffled).state


@given(st.lists(records(), max_size=8), days)
def test_other_parties_records_never_change_the_answer(rs, on):
    mine = [r for r in rs if r.party.same_as(SENCO)]
    assert check_contact(SENCO, on, rs).state == check_contact(SENCO, on, mine).state


@given(st.lists(records(), max_size=8), parties, days)
def test_a_refusal_recorded_that_day_always_blocks(rs, party, on):
    assert not check_contact(party, on, [*rs, refused_on(on, party)]).allowed
