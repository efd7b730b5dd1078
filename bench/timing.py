"""Timing helpers shared by the benchmarks: server time per request, median and p95."""

import statistics
import time
from collections.abc import Callable


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(
    call: Callable[[], object],
    repeat: int = 30,
    warmup: int = 3,
    before: Callable[[], object] | None = None,
) -> dict[str, float]:
    """Time `call`, after `before` (untimed) each time when given."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return _figures(samples)


def measure_in_turns(
    calls: dict[str, Callable[[], object]], repeat: int = 30, warmup: int = 3
) -> dict[str, dict[str, float]]:
    """Time several calls taking turns, one of each per round, so that a busy spell on the
    machine falls on all of them alike: figures to compare with each other."""
    for _ in range(warmup):
        for call in calls.values():
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            samples[name].append((time.perf_counter() - started) * 1000)
    return {name: _figures(times) for name, times in samples.items()}


def _figures(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 0.95),
        "max_ms": max(samples),
    }


def report(name: str, figures: dict[str, float], target_ms: float | None = None) -> None:
    verdict = ""
    if target_ms is not None:
        met = "met" if figures["p95_ms"] < target_ms else "MISSED"
        verdict = f"  (target p95 < {target_ms:.0f} ms: {met})"
    print(
        f"   {name:<38} median {figures['median_ms']:7.1f} ms   p95 {figures['p95_ms']:7.1f} ms"
        f"{verdict}"
    )


def side_by_side(rows: dict[str, dict[str, float]]) -> None:
    """One table of pages measured alike; the last row is the yardstick the ratios are to."""
    *_, yardstick = rows.values()
    last = list(rows)[-1]
    print(f"   {'':<38} {'median':>10} {'p95':>10}   {'median':>8} {'p95':>6}  (× {last})")
    for name, figures in rows.items():
        print(
            f"   {name:<38} {figures['median_ms']:7.1f} ms {figures['p95_ms']:7.1f} ms"
            f"   {figures['median_ms'] / yardstick['median_ms']:8.2f}"
            f" {figures['p95_ms'] / yardstick['p95_ms']:6.2f}"
        )
