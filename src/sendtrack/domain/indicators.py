"""Indicators (Results-Based Accountability): how a value rates against its target.

An indicator says which way is better (higher or lower) and carries up to two thresholds:

- ``green_at``: the value at which it is on target (the target itself when not given);
- ``amber_at``: the value at which it is near enough to be amber rather than red.

For "higher is better", a value at or above ``green_at`` is green, at or above ``amber_at``
is amber, and anything else red. For "lower is better" the comparisons turn round. With no
target and no ``green_at`` there is nothing to rate against, so there is no rating; with no
``amber_at`` a value short of green is red. A value
exactly on a threshold takes the better rating. ``docs/indicators.md`` explains this for
programme managers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sendtrack.domain.rag import Rag

__all__ = [
    "Direction",
    "Thresholds",
    "Trend",
    "rag_for_value",
    "trend",
]

Number = Decimal | int | float


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Trend(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no_change"
    NOT_KNOWN = "not_known"


TREND_LABELS: dict[Trend, str] = {
    Trend.IMPROVING: "Improving",
    Trend.WORSENING: "Getting worse",
    Trend.NO_CHANGE: "No change",
    Trend.NOT_KNOWN: "Not enough values",
}


@dataclass(frozen=True)
class Thresholds:
    """Where green and amber start. ``green_at`` defaults to the target."""

    direction: Direction
    target: Number | None = None
    green_at: Number | None = None
    amber_at: Number | None = None

    def __post_init__(self) -> None:
        green = self.green
        if green is None or self.amber_at is None:
            return
        if self.direction == Direction.HIGHER and self.amber_at > green:
            raise ValueError("When higher is better, amber must start at or below green.")
        if self.direction == Direction.LOWER and self.amber_at < green:
            raise ValueError("When lower is better, amber must start at or above green.")

    @property
    def green(self) -> Number | None:
        return self.green_at if self.green_at is not None else self.target


def _at_least_as_good(value: Number, threshold: Number, direction: Direction) -> bool:
    return value >= threshold if direction == Direction.HIGHER else value <= threshold


def rag_for_value(value: Number | None, thresholds: Thresholds) -> Rag | None:
    """Red, amber or green for one value; ``None`` when there is no value or nothing to rate by."""
    if value is None:
        return None
    green = thresholds.green
    if green is None:
        return None
    if _at_least_as_good(value, green, thresholds.direction):
        return Rag.GREEN
    amber = thresholds.amber_at
    if amber is not None and _at_least_as_good(value, amber, thresholds.direction):
        return Rag.AMBER
    return Rag.RED


def trend(values: Sequence[Number | None], direction: Direction) -> Trend:
    """Whether the latest value is better than the one before it (missing values skipped)."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return Trend.NOT_KNOWN
    previous, latest = known[-2], known[-1]
    if latest == previous:
        return Trend.NO_CHANGE
    better = latest > previous if direction == Direction.HIGHER else latest < previous
    return Trend.IMPROVING if better else Trend.WORSENING
