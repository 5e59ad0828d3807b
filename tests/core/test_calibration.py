"""Confidence calibrated on held-out suggestions: what proposed a span, and its marginal."""

from __future__ import annotations

import random

from annotator.core.suggest import default_pipeline
from annotator.core.suggest.calibration import MIN_SPANS, Calibration, Record
from annotator.core.suggest.learner import Model, ModelSource
from annotator.core.suggest.training import held_out, train_docs
from tests.core.test_learner import TRAIN  # a made-up kind of company (X云谷)


def _records(n: int = 600, seed: int = 0) -> list[Record]:
    """Held-out spans of two origins: titles from the lexicon are right 95 times in 100,
    quoted phrases 55; within each, a higher marginal is right more often."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        origin, label, rate = (
            ("lexicon:title", "TITLE", 0.95) if i % 2 else ("rule:quoted", "POLICY", 0.55)
        )
        confidence = rng.uniform(0.5, 1.0)
        right = rng.random() < rate * (0.6 + 0.4 * confidence)
        out.append(Record(i % 30, label, origin, confidence, right))
    return out


def test_a_reliable_origin_is_surer_than_an_unreliable_one_at_the_same_marginal():
    calibration = Calibration.fit(_records())
    assert calibration is not None
    title = calibration("TITLE", "lexicon:title", 0.97)
    quoted = calibration("POLICY", "rule:quoted", 0.97)
    assert title > 0.85 > 0.65 > quoted
    # Monotone in the marginal within an origin.
    assert calibration("TITLE", "lexicon:title", 0.6) < title
    # An origin it never saw is judged at the overall rate.
    unseen = calibration("LOC", "rule:new", 0.97)
    assert quoted < unseen < title


def test_too_few_records_learn_no_calibration():
    assert Calibration.fit(_records()[: MIN_SPANS - 1]) is None
    all_right = [r._replace(right=True) for r in _records()]
    assert Calibration.fit(all_right) is None


def test_a_calibration_survives_json_and_a_broken_one_is_none():
    calibration = Calibration.fit(_records())
    assert calibration is not None
    again = Calibration.from_json(calibration.to_json())
    assert again is not None
    assert again("POLICY", "rule:quoted", 0.8) == calibration("POLICY", "rule:quoted", 0.8)
    assert Calibration.from_json(None) is None
    assert Calibration.from_json({"weights": [1.0], "groups": {}}) is None
    assert Calibration.from_json({"groups": {"TITLE x": [1]}, "weights": [0] * 5}) is None


_NAMES = ["金川", "银湖", "松岗", "柳溪"]


def _docs() -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Every text with each name: distinct texts of the same shape."""
    docs = []
    for name in _NAMES:
        for text in TRAIN:
            start = text.index("云谷") - 2
            text = text[:start] + name + text[start + 2 :]
            docs.append((text, [(start, start + 4, "FAC")]))
    return docs


def test_held_out_records_come_from_models_that_never_saw_the_text():
    docs = _docs()
    found = held_out(docs, folds=3)
    # Every text was tagged once, by the model of the fold that held it out, and the
    # models learned the shape from the other folds.
    right = {r.doc for r in found if r.right and r.label == "FAC"}
    assert len(right) >= len(docs) - 2
    assert len({(r.doc, r.label, r.origin) for r in found}) == len(found)
    assert all(0.0 <= r.confidence <= 1.0 for r in found)


def test_the_pipeline_suggests_with_the_calibrated_confidence():
    trained = train_docs(_docs())
    text = "近日，金川云谷获得表彰。"
    raw = default_pipeline(model=ModelSource(base=Model(*trained))).suggest(text)
    # A calibration that has seen FAC spans of the model right only half the time.
    low = Calibration({"FAC model": (50, 100)}, [0.0, 0.0, 0.0, 1.0, -1.0])
    calibrated = default_pipeline(model=ModelSource(base=Model(*trained, low))).suggest(text)
    assert [(s.start, s.end, s.label) for s in raw] == [
        (s.start, s.end, s.label) for s in calibrated
    ]
    fac = [(a, b) for a, b in zip(raw, calibrated, strict=True) if a.label == "FAC"]
    assert fac and all(b.confidence < a.confidence for a, b in fac)
    assert all(abs(b.confidence - 0.5) < 0.02 for _a, b in fac)
