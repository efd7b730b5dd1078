"""Scoring a risk the way a risk register does: likelihood × impact, each rated 1 to 5."""

RATINGS = range(1, 6)


def risk_score(likelihood: int | None, impact: int | None) -> int | None:
    """Likelihood × impact (1 to 25), or None until both are rated."""
    if likelihood is None or impact is None:
        return None
    if likelihood not in RATINGS or impact not in RATINGS:
        raise ValueError(f"Ratings run from 1 to 5, not {likelihood} and {impact}")
    return likelihood * impact
