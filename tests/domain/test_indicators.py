from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.indicators import Direction, Thresholds, Trend, rag_for_value, trend
from sendtrack.domain.rag import Rag

HIGHER = Direction.HIGHER
LOWER = Direction.LOWER
numbers = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, places=2)
ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(70, Rag.GREEN), (80, Rag.GREEN), (69.9, Rag.AMBER), (60, Rag.AMBER), (59.9, Rag.RED)],
)
def test_higher_is_better_with_target_and_amber(value, expected):
    assert rag_for_value(value, Thresholds(HIGHER, target=70, amber_at=60)) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(10, Rag.GREEN), (12, Rag.AMBER), (15, Rag.AMBER), (15.1, Rag.RED)]
)
def test_lower_is_better(value, expected):
    assert rag_for_value(value, Thresholds(LOWER, target=10, amber_at=15)) == expected


def test_green_at_wins_over_target():
    thresholds = Thresholds(HIGHER, target=90, green_at=80, amber_at=70)
    assert rag_for_value(85, thresholds) == Rag.GREEN


def test_no_value_or_no_target_means_no_rating():
    assert rag_for_value(None, Thresholds(HIGHER, target=1)) is None
    assert rag_for_value(5, Thresholds(HIGHER)) is None
    assert rag_for_value(5, Thresholds(HIGHER, amber_at=3)) is None


def test_without_amber_short_of_target_is_red():
    assert rag_for_value(Decimal("49.99"), Thresholds(HIGHER, target=50)) == Rag.RED


def test_thresholds_the_wrong_way_round_are_refused():
    with pytest.raises(ValueError):
        Thresholds(HIGHER, target=50, amber_at=60)
    with pytest.raises(ValueError):
        Thresholds(LOWER, target=50, amber_at=40)


@given(numbers, numbers, numbers, numbers)
def test_a_better_value_never_rates_worse(a, b, green, amber):
    low, high = sorted([green, amber])
    for direction, thresholds in [
        (HIGHER, Thresholds(HIGHER, target=high, amber_at=low)),
        (LOWER, Thresholds(LOWER, target=low, amber_at=high)),
    ]:
        worse, better = sorted([a, b]) if direction == HIGHER else sorted([a, b], reverse=True)
        assert ORDER[rag_for_value(better, thresholds)] >= ORDER[rag_for_value(worse, thresholds)]


@given(numbers, numbers, numbers)
def test_lower_is_the_mirror_of_higher(value, green, amber):
    low, high = sorted([green, amber])
    higher = rag_for_value(value, Thresholds(HIGHER, target=high, amber_at=low))
    lower = rag_for_value(-value, Thresholds(LOWER, target=-high, amber_at=-low))
    assert higher == lower


@given(numbers, numbers)
def test_on_target_is_always_green(target, amber_gap):
    amber = target - abs(amber_gap)
    assert rag_for_value(target, Thresholds(HIGHER, target=target, amber_at=amber)) == Rag.GREEN


def test_trend():
    assert trend([50, 60], HIGHER) == Trend.IMPROVING
    assert trend([50, 60], LOWER) == Trend.WORSENING
    assert trend([60, None, 60], HIGHER) == Trend.NO_CHANGE
    assert trend([None, 60], HIGHER) == Trend.NOT_KNOWN
    assert trend([], LOWER) == Trend.NOT_KNOWN


@given(st.lists(st.one_of(st.none(), numbers), max_size=6))
def test_trend_turns_round_with_direction(values):
    up, down = trend(values, HIGHER), trend(values, LOWER)
    swap = {Trend.IMPROVING: Trend.WORSENING, Trend.WORSENING: Trend.IMPROVING}
    assert down == swap.get(up, up)
