"""Training the importer's models: the fit learns, a family can be left out, and the models
shipped in the package are the ones the training command writes."""

import json

from sendtrack.domain.documents import model
from training import train
from training.synthetic import FAMILIES


def test_the_fit_learns_which_feature_marks_an_action():
    rows = [({"imperative": 1.0, "len:mid": 1.0}, 1)] * 40 + [
        ({"reporting_verb": 1.0, "len:mid": 1.0}, 0)
    ] * 40

    fitted = train.fit(rows)

    assert fitted.probability({"imperative": 1.0, "len:mid": 1.0}) > 0.9
    assert fitted.probability({"reporting_verb": 1.0, "len:mid": 1.0}) < 0.1


def test_a_family_left_out_is_never_trained_on(monkeypatch):
    asked = []
    real_corpus = train.corpus

    def corpus(per_family, *, seed, excluding):
        asked.append(set(excluding))
        return real_corpus(
            1, seed=seed, excluding=set(FAMILIES) - {"numbered-outline"} | set(excluding)
        )

    monkeypatch.setattr(train, "corpus", corpus)

    models = train.models_without("roadmap", per_family=1)

    assert asked == [{"roadmap"}] * len(train.SEEDS)  # one corpus a seed, none with it
    assert models.action.weights and models.heading.weights


def test_the_shipped_models_were_trained_on_every_generated_family():
    for name in ("action", "heading"):
        shipped = json.loads((train.MODELS_DIR / f"{name}.json").read_text())
        assert shipped["families"] == list(FAMILIES)
        loaded = model.load(name)
        assert loaded.weights == {k: float(v) for k, v in shipped["weights"].items()}


def test_the_training_command_writes_both_models(tmp_path, monkeypatch):
    monkeypatch.setattr(train, "models_without", lambda family, per_family: model.TRAINED)

    train.main(["--out", str(tmp_path), "--per-family", "1"])

    for name in ("action", "heading"):
        written = json.loads((tmp_path / f"{name}.json").read_text())
        assert written["families"] == list(FAMILIES)
        assert model.Model(written["bias"], written["weights"]).weights
