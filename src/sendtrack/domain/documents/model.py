"""The importer's two small models: is this candidate an action, is this line a heading.

Each is a logistic regression over named features (``features.py``), trained by
``make train-importer`` (``training/train.py``) on synthetic documents and committed as JSON
in ``models/``: reading needs no scikit-learn and loads no pickle, and a weight can be read.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources

__all__ = ["TRAINED", "Model", "Models", "load"]


@dataclass(frozen=True)
class Model:
    """A logistic regression: ``bias`` plus named ``weights``; features not named weigh 0."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(name, 0.0) * value for name, value in features.items())
        if z < -40:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def as_json(self) -> dict[str, object]:
        return {"bias": self.bias, "weights": dict(sorted(self.weights.items()))}


def load(name: str) -> Model:
    """The model committed as ``models/<name>.json``."""
    data = json.loads(resources.files(__package__).joinpath("models", f"{name}.json").read_text())
    return Model(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()})


@dataclass(frozen=True)
class Models:
    """The pair the candidate reader uses: the shipped ones, or a pair being evaluated."""

    action: Model
    heading: Model


TRAINED = Models(load("action"), load("heading"))
