"""A risk's score is likelihood × impact, each rated 1 to 5; unrated until both are."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.risks import Band, heat_map, risk_band, risk_score

rating = st.integers(min_value=1, max_value=5)


@given(rating, rating)
def test_score_is_likelihood_times_impact_from_1_to_25(likelihood, impact):
    score = risk_score(likelihood, impact)
    assert score == likelihood * impact and 1 <= score <= 25


def test_a_risk_not_fully_rated_has_no_score():
    assert risk_score(None, 4) is None
    assert risk_score(3, None) is None


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 9)])
def test_a_rating_outside_1_to_5_is_refused(likelihood, impact):
    with pytest.raises(ValueError, match="1 to 5"):
        risk_score(likelihood, impact)


@given(rating, rating)
def test_every_score_falls_in_one_band_that_rises_with_it(likelihood, impact):
    score = likelihood * impact
    band = risk_band(score)
    order = [Band.LOW, Band.MEDIUM, Band.HIGH, Band.VERY_HIGH]
    if score < 25:
        assert order.index(band) <= order.index(risk_band(score + 1))


@pytest.mark.parametrize(
    ("score", "band"),
    [(1, "Low"), (3, "Low"), (4, "Medium"), (6, "Medium"), (8, "High"), (12, "High")]
    + [(15, "Very high"), (25, "Very high")],
)
def test_bands_as_a_register_words_them(score, band):
    assert risk_band(score) == band


def test_the_heat_map_counts_risks_by_likelihood_and_impact_with_almost_certain_on_top():
    found = heat_map([(5, 4), (5, 4), (1, 1), (3, None), (None, None)])
    assert [cell.likelihood for cell in found.rows[0]] == [5] * 5
    assert [cell.impact for cell in found.rows[0]] == [1, 2, 3, 4, 5]
    assert found.rows[0][3].count == 2 and found.rows[0][3].band == Band.VERY_HIGH
    assert found.rows[4][0].count == 1 and found.rows[4][0].band_key == "low"
    assert found.scored == 3 and found.unscored == 2


@given(st.lists(st.tuples(st.none() | rating, st.none() | rating)))
def test_the_heat_map_counts_every_risk_once(ratings):
    found = heat_map(ratings)
    assert found.scored + found.unscored == len(ratings)
