"""A risk's score is likelihood × impact, each rated 1 to 5; unrated until both are."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.domain.risks import risk_score

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
