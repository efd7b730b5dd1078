"""Scoring a risk the way a risk register does: likelihood × impact, each rated 1 to 5, and
the 5×5 heat map a board reads the register from."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

RATINGS = range(1, 6)

LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Minimal", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}


class Band(StrEnum):
    """How serious a score is, in the words a register uses beside its colour."""

    LOW = "Low"
    MEDIUM = "Medium"
    HIGH = "High"
    VERY_HIGH = "Very high"


# The lowest score of each band, highest band first: 1–3 low, 4–6 medium, 8–12 high,
# 15–25 very high (no two ratings from 1 to 5 multiply to 7, 13 or 14).
BAND_FROM = ((15, Band.VERY_HIGH), (8, Band.HIGH), (4, Band.MEDIUM), (1, Band.LOW))


def risk_score(likelihood: int | None, impact: int | None) -> int | None:
    """Likelihood × impact (1 to 25), or None until both are rated."""
    if likelihood is None or impact is None:
        return None
    if likelihood not in RATINGS or impact not in RATINGS:
        raise ValueError(f"Ratings run from 1 to 5, not {likelihood} and {impact}")
    return likelihood * impact


def risk_band(score: int) -> Band:
    """The band a score of 1 to 25 falls in."""
    for lowest, band in BAND_FROM:
        if score >= lowest:
            return band
    raise ValueError(f"Scores run from 1 to 25, not {score}")


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> Band:
        return risk_band(self.score)

    @property
    def band_key(self) -> str:
        """The band as a name for styles: low, medium, high, very_high."""
        return self.band.name.lower()


@dataclass(frozen=True)
class HeatMap:
    """Risks counted by likelihood (rows, 5 at the top) and impact (columns, 1 at the left),
    with those not yet rated on both counted apart."""

    rows: list[list[HeatCell]]
    unscored: int

    @property
    def scored(self) -> int:
        return sum(cell.count for row in self.rows for cell in row)


def heat_map(ratings: Iterable[tuple[int | None, int | None]]) -> HeatMap:
    """The heat map of (likelihood, impact) pairs; a pair missing either rating is unscored."""
    counts: Counter[tuple[int, int]] = Counter()
    unscored = 0
    for likelihood, impact in ratings:
        if risk_score(likelihood, impact) is None:
            unscored += 1
        else:
            counts[(likelihood, impact)] += 1  # type: ignore[index]
    rows = [
        [HeatCell(likelihood, impact, counts[(likelihood, impact)]) for impact in RATINGS]
        for likelihood in reversed(RATINGS)
    ]
    return HeatMap(rows=rows, unscored=unscored)
