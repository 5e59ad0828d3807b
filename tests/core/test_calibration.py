"""Confidence calibrated on held-out suggestions: what proposed a span, and its marginal."""

from __future__ import annotations

import random

from annotator.core.model import Span
from annotator.core.suggest import default_pipeline
from annotator.core.suggest.calibration import (
    MIN_SPANS,
    Calibration,
    Evidence,
    Record,
    evidence,
    records,
    repeats,
)
from annotator.core.suggest.learner import Model, ModelSource
from annotator.core.suggest.training import held_out, train_docs
from tests.core.test_learner import TRAIN  # a made-up kind of company (X云谷)


def _records(
    n: int = 600, seed: int = 0, repeated: float = 1.0, disagreeing: float = 1.0
) -> list[Record]:
    """Held-out spans of two origins: titles from the lexicon are right 95 times in 100,
    quoted phrases 55; within each, a higher marginal is right more often. One span in
    three is a name its article suggests three times; ``repeated`` (at most 1) is how
    much likelier those are to be right than the rest. One in five has other edges than
    the components chose, right ``disagreeing`` times as often as the rest."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        origin, label, rate = (
            ("lexicon:title", "TITLE", 0.95) if i % 2 else ("rule:quoted", "POLICY", 0.55)
        )
        confidence = rng.uniform(0.5, 1.0)
        times = 3 if i % 3 == 0 else 1
        agrees = i % 5 != 0
        chance = rate * (0.6 + 0.4 * confidence) * (1.0 if times > 1 else 1.0 / repeated)
        chance *= 1.0 if agrees else disagreeing
        right = rng.random() < min(chance, 1.0)
        out.append(Record(i % 30, Evidence(label, origin, confidence, times, 4, agrees), right))
    return out


def _ev(label: str, origin: str, confidence: float, repeats: int = 1, agrees: bool = True):
    return Evidence(label, origin, confidence, repeats, 4, agrees)


def test_a_reliable_origin_is_surer_than_an_unreliable_one_at_the_same_marginal():
    calibration = Calibration.fit(_records())
    assert calibration is not None
    title = calibration(_ev("TITLE", "lexicon:title", 0.97, 1))
    quoted = calibration(_ev("POLICY", "rule:quoted", 0.97, 1))
    assert title > 0.85 > 0.65 > quoted
    # Monotone in the marginal within an origin.
    assert calibration(_ev("TITLE", "lexicon:title", 0.6, 1)) < title
    # An origin it never saw is judged at the overall rate.
    unseen = calibration(_ev("LOC", "rule:new", 0.97, 1))
    assert quoted < unseen < title


def test_a_name_the_article_repeats_is_surer_where_repeated_names_were_right_more_often():
    # Written once, a name is right 0.7 times as often as one its article repeats.
    calibration = Calibration.fit(_records(1200, repeated=1 / 0.7))
    assert calibration is not None
    once = calibration(_ev("POLICY", "rule:quoted", 0.9, 1))
    thrice = calibration(_ev("POLICY", "rule:quoted", 0.9, 3))
    assert thrice > once + 0.1
    # Where repeating says nothing, it moves the confidence little.
    plain = Calibration.fit(_records(1200))
    assert plain is not None
    gap = plain(_ev("POLICY", "rule:quoted", 0.9, 3)) - plain(_ev("POLICY", "rule:quoted", 0.9, 1))
    assert abs(gap) < 0.05


def test_repeats_counts_the_same_surface_and_label_among_the_suggestions():
    text = "青石镇到白沙镇，再回青石镇。"
    spans = [
        Span(0, 3, "LOC", "青石镇"),
        Span(4, 7, "LOC", "白沙镇"),
        Span(10, 13, "LOC", "青石镇"),
        Span(10, 12, "ORG", "青石"),
    ]
    assert repeats(text, spans) == [2, 1, 2, 1]
    weighed = evidence(text, spans, agreed={(0, 3, "LOC"), (4, 7, "LOC"), (10, 13, "LOC")})
    found = records(0, zip(spans, weighed, strict=True), [(0, 3, "LOC")])
    assert [(r.right, r.evidence.repeats, r.evidence.length, r.evidence.agrees) for r in found] == [
        (True, 2, 3, True),
        (False, 1, 3, True),
        (False, 2, 3, True),
        (False, 1, 2, False),
    ]
    # With nothing to agree with, every suggestion is the components' own.
    assert all(e.agrees for e in evidence(text, spans))


def test_a_span_with_other_edges_than_the_components_chose_is_less_sure():
    # Spans the components' merge did not choose are right half as often.
    calibration = Calibration.fit(_records(1500, disagreeing=0.5))
    assert calibration is not None
    agreeing = calibration(_ev("TITLE", "lexicon:title", 0.95))
    disagreeing = calibration(_ev("TITLE", "lexicon:title", 0.95, agrees=False))
    assert disagreeing < agreeing - 0.2
    plain = Calibration.fit(_records(1500))
    assert plain is not None
    gap = plain(_ev("TITLE", "lexicon:title", 0.95)) - plain(
        _ev("TITLE", "lexicon:title", 0.95, agrees=False)
    )
    assert abs(gap) < 0.05


def test_too_few_records_learn_no_calibration():
    assert Calibration.fit(_records()[: MIN_SPANS - 1]) is None
    all_right = [r._replace(right=True) for r in _records()]
    assert Calibration.fit(all_right) is None


def test_a_calibration_survives_json_and_a_broken_one_is_none():
    calibration = Calibration.fit(_records())
    assert calibration is not None
    again = Calibration.from_json(calibration.to_json())
    assert again is not None
    assert again(_ev("POLICY", "rule:quoted", 0.8, 2)) == calibration(
        _ev("POLICY", "rule:quoted", 0.8, 2)
    )
    assert Calibration.from_json(None) is None
    assert Calibration.from_json({"weights": [1.0], "groups": {}}) is None
    assert Calibration.from_json({"groups": {"TITLE x": [1]}, "weights": [0] * 8}) is None
    # One of an older shape (seven weights: nothing of the components' choice) is left
    # unused.
    old = calibration.to_json()
    old["weights"] = old["weights"][:7]
    assert Calibration.from_json(old) is None


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
    right = {r.doc for r in found if r.right and r.evidence.label == "FAC"}
    assert len(right) >= len(docs) - 2
    assert len({(r.doc, r.evidence.label, r.evidence.origin) for r in found}) == len(found)
    assert all(0.0 <= r.evidence.confidence <= 1.0 for r in found)


def test_the_pipeline_suggests_with_the_calibrated_confidence():
    trained = train_docs(_docs())
    text = "近日，金川云谷获得表彰。"
    raw = default_pipeline(model=ModelSource(base=Model(*trained))).suggest(text)
    # A calibration that has seen FAC spans of the model right only half the time.
    low = Calibration({"FAC model": (50, 100)}, [0.0, 0.0, 0.0, 1.0, -1.0, 0.0, 0.0, 0.0])
    calibrated = default_pipeline(model=ModelSource(base=Model(*trained, low))).suggest(text)
    assert [(s.start, s.end, s.label) for s in raw] == [
        (s.start, s.end, s.label) for s in calibrated
    ]
    fac = [(a, b) for a, b in zip(raw, calibrated, strict=True) if a.label == "FAC"]
    assert fac and all(b.confidence < a.confidence for a, b in fac)
    assert all(abs(b.confidence - 0.5) < 0.02 for _a, b in fac)
