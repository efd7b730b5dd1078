"""Regression guard: parse each seed document and score it against its gold file.

Thresholds are the figures reached when this test was written (rounded down); raise them
when the parser improves, never lower them to make a change pass.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from sendtrack.domain.documents.plan import parse_plan_text

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
MIN_F1 = 0.99
MIN_FIELD = 0.99


def _scorer() -> ModuleType:
    path = SHARED / "tools" / "score_import.py"
    if not path.exists():
        pytest.skip(f"{path} is not here: seed accuracy needs ../shared (seeds, gold, scorer)")
    spec = importlib.util.spec_from_file_location("score_import", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _seeds() -> list[Path]:
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if SHARED.exists() else []
    return seeds


@pytest.mark.parametrize("seed", _seeds() or [None], ids=lambda p: p.stem if p else "no-seeds")
def test_seed_scores_do_not_regress(seed):
    scorer = _scorer()
    if seed is None:
        pytest.skip(f"no seed documents under {SHARED / 'seeds'}")
    gold = scorer.load(SHARED / "seeds" / "gold" / f"{seed.stem}.json")
    result = scorer.score(parse_plan_text(seed.read_text(encoding="utf-8")), gold)
    assert result["f1"] >= MIN_F1, result["missed"][:5] + result["extra"][:5]
    for field, value in result["fields"].items():
        if value is not None:
            assert value >= MIN_FIELD, (field, result["field_misses"][:5])


def test_mean_over_seeds():
    scorer = _scorer()
    seeds = _seeds()
    if not seeds:
        pytest.skip(f"no seed documents under {SHARED / 'seeds'}")
    results = [
        scorer.score(
            parse_plan_text(s.read_text(encoding="utf-8")),
            scorer.load(SHARED / "seeds" / "gold" / f"{s.stem}.json"),
        )
        for s in seeds
    ]
    assert sum(r["f1"] for r in results) / len(results) >= MIN_F1
