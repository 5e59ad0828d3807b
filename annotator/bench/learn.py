"""``annotator bench learn``: what the sequence model is worth on texts it never saw.

The gold texts are cut into K folds. For each fold, scored on that fold only:

- ``zero_shot``: the base model as a new project gets it. Where the shipped base was
  trained on some of these texts, the base is retrained without the fold first.
- ``learned``: a project that annotated the other folds (at most ``--train-size``
  articles of them): its own model, stacked on a base that never saw any of these
  texts (the way the shipped base meets a new corpus: where the shipped base saw
  these, one trained on ``--prior-gold``, or with ``--prior-rest`` on the other folds'
  articles the project did not annotate, or none), as ``annotator train`` does;
  and, as there, used only if it beat that base cross-validated on the project's own
  articles (``project_model_in_use`` per fold). What its annotators accepted there is
  taught, as accepting it in the window teaches it.

Also how well confidence predicts correctness: the precision of the spans above 0.9
and their share of all spans.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from typing import Any

from annotator.core.evaluate import read_gold
from annotator.core.metrics import span_scores
from annotator.core.resources import read_text
from annotator.core.suggest import default_pipeline
from annotator.core.suggest.calibration import Calibration
from annotator.core.suggest.learner import Model, ModelSource
from annotator.core.suggest.training import (
    Gold,
    beats_base,
    calibrated_base,
    component_pipeline,
    train_docs,
    validate,
)
from annotator.core.text import text_uid

Doc = tuple[str, Gold]


def _base_texts() -> set[str]:
    try:
        return set(json.loads(read_text("models", "base.json"))["trained_on"])
    except (FileNotFoundError, OSError, KeyError, ValueError):
        return set()


class _Taught:
    """The part of a project's store the suggesters read: what its annotators accepted
    in ``docs`` (each surface with its label), and its label set."""

    def __init__(self, docs: Sequence[Doc], labels: set[str]) -> None:
        self._labels = sorted(labels)
        self._rows = sorted(
            {(text[s:e], label, "positive") for text, gold in docs for s, e, label in gold}
        )

    def lexicon(self) -> list[tuple[str, str, str]]:
        return self._rows

    def lexicon_version(self) -> int:
        return 1

    def label_renames(self) -> dict[str, str]:
        return {}

    def labels(self) -> list[str]:
        return self._labels


def _score(
    source: ModelSource | None, docs: Sequence[Doc], labels: set[str], taught: _Taught | None = None
) -> tuple[Any, list[Any]]:
    pipeline = default_pipeline(store=taught, labels=labels, model=source or False)
    pairs, confidences = [], []
    for text, gold in docs:
        spans = pipeline.suggest(text)
        want = {tuple(g) for g in gold}
        pairs.append((gold, [(s.start, s.end, s.label) for s in spans]))
        confidences += [(s.confidence, (s.start, s.end, s.label) in want) for s in spans]
    return pairs, confidences


def _confidence(confidences: list[tuple[float, bool]], above: float = 0.9) -> dict[str, Any]:
    sure = [right for c, right in confidences if c > above]
    return {
        "above": above,
        "precision": round(sum(sure) / len(sure), 4) if sure else None,
        "share": round(len(sure) / len(confidences), 4) if confidences else None,
        "spans": len(confidences),
    }


def _report(pairs: list[Any], confidences: list[Any], labels: set[str]) -> dict[str, Any]:
    scores = span_scores(pairs, labels=labels)
    return {
        "f1": scores["overall"]["f1"],
        "precision": scores["overall"]["precision"],
        "recall": scores["overall"]["recall"],
        "labels": {k: v["f1"] for k, v in scores["labels"].items()},
        "confidence": _confidence(confidences),
    }


def bench_learn(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    docs: list[Doc] = list(read_gold(args.gold))
    labels = {s[2] for _, gold in docs for s in gold}
    folds_n = max(2, min(args.folds, len(docs)))
    order = list(range(len(docs)))
    random.Random(args.seed).shuffle(order)
    folds = [sorted(order[k::folds_n]) for k in range(folds_n)]
    in_base = _base_texts()
    seen = {i for i, (text, _) in enumerate(docs) if text_uid(text) in in_base}
    features = component_pipeline()
    # A base that has seen none of these texts: the prior of every project model. Where
    # the shipped base saw them, one trained on other gold (``--prior-gold``), or none.
    outside = None if seen else ModelSource().base
    prior = "shipped base" if outside is not None else None
    if seen and args.prior_gold:
        ours = {text_uid(text) for text, _ in docs}
        others = [doc for doc in read_gold(args.prior_gold) if text_uid(doc[0]) not in ours]
        if others:
            trained, calibration = calibrated_base(others, pipeline=features)
            outside = Model(*trained, calibration)
            prior = f"{len(others)} articles of {args.prior_gold}"
    totals: dict[str, tuple[list[Any], list[Any]]] = {"zero_shot": ([], []), "learned": ([], [])}
    per_fold = []
    for k, test_ids in enumerate(folds):
        test = [docs[i] for i in test_ids]
        rest = [i for i in order if i not in set(test_ids)]
        if seen:
            # The shipped base saw some of these texts: retrain it without this fold.
            base_docs = [docs[i] for i in sorted(seen) if i not in set(test_ids)]
            # …with its calibration from held-out folds of its own texts, as the shipped
            # base's was made (resources/models/build_base.py).
            base = None
            if base_docs:
                trained, calibration = calibrated_base(base_docs, pipeline=features)
                base = Model(*trained, calibration)
        else:
            base = ModelSource().base
        train = [docs[i] for i in rest][: args.train_size or None]
        prior_k = outside
        spare = [docs[i] for i in rest][len(train) :]
        if seen and args.prior_rest and spare:
            # The other folds' articles the project did not annotate: a base that saw
            # neither this fold nor the project's own articles.
            trained, calibration = calibrated_base(spare, pipeline=features)
            prior_k = Model(*trained, calibration)
            prior = "the other folds' articles the project did not annotate"
        # As annotator train decides: the project's model only if it beat the base,
        # cross-validated on the project's own articles.
        checked = validate(train, base=prior_k, pipeline=features)
        in_use = beats_base(checked)
        project = None
        if in_use:
            trained = train_docs(train, base=prior_k, pipeline=features)
            project = Model(*trained, Calibration.fit(checked.records))
        fold: dict[str, Any] = {
            "fold": k,
            "test_articles": len(test),
            "train_articles": len(train),
            "prior_articles": len(spare) if prior_k is not outside else None,
            "project_model_in_use": in_use,
        }
        sources = {
            "zero_shot": ModelSource(base=base or False),
            "learned": ModelSource(base=prior_k or False, project=project),
        }
        taught = {"zero_shot": None, "learned": _Taught(train, labels)}
        for name, source in sources.items():
            pairs, confidences = _score(source, test, labels, taught[name])
            fold[name] = span_scores(pairs, labels=labels)["overall"]["f1"]
            totals[name][0].extend(pairs)
            totals[name][1].extend(confidences)
        per_fold.append(fold)
    components = _score(None, docs, labels)
    return {
        "gold": str(args.gold),
        "articles": len(docs),
        "folds": folds_n,
        "train_size": args.train_size,
        "base_retrained_per_fold": bool(seen),
        "learned_prior": prior,
        "components_only": _report(*components, labels),
        "zero_shot": _report(*totals["zero_shot"], labels),
        "learned": _report(*totals["learned"], labels),
        "per_fold": per_fold,
        "seconds": round(time.perf_counter() - started, 1),
    }
