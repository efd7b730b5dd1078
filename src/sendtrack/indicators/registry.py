"""Computed indicators: other modules register a way to work a value out from their data.

    from sendtrack.indicators.registry import register
    register("statutory.new_plans_20_weeks", "% of new EHC plans issued within 20 weeks",
             compute)

`compute(partnership, period_start, period_end)` returns a (numerator, denominator) pair
(shown as a percentage) or a single number, or None when there is nothing to count.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

Result = tuple[int, int] | int | float | Decimal | None
Compute = Callable[[Any, date, date], Result]


@dataclass(frozen=True)
class ComputedIndicator:
    key: str
    label: str
    compute: Compute
    unit: str = "%"


@dataclass(frozen=True)
class ComputedValue:
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None


_REGISTRY: dict[str, ComputedIndicator] = {}


def register(key: str, label: str, compute: Compute, unit: str = "%") -> None:
    """Add (or replace) a computed indicator under `key`."""
    if not key or key == "manual":
        raise ValueError("A computed indicator needs a key other than 'manual'")
    _REGISTRY[key] = ComputedIndicator(key, label, compute, unit)


def registered() -> dict[str, ComputedIndicator]:
    return dict(sorted(_REGISTRY.items()))


def get(key: str) -> ComputedIndicator:
    return _REGISTRY[key]


def compute(key: str, partnership: Any, start: date, end: date) -> ComputedValue:
    result = _REGISTRY[key].compute(partnership, start, end)
    if result is None:
        return ComputedValue(None)
    if isinstance(result, tuple):
        numerator, denominator = result
        if not denominator:
            return ComputedValue(None, numerator, denominator)
        percent = Decimal(100 * numerator) / Decimal(denominator)
        return ComputedValue(
            percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), numerator, denominator
        )
    return ComputedValue(Decimal(str(result)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
