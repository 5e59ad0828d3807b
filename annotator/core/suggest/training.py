"""Training the sequence model: from gold texts, or from a project's done articles.

The project's model is stacked on the shipped base (its spans are attributes), so it
learns what the base gets wrong on this corpus from a few annotated articles. It is
used only once it has shown, cross-validated on the project's own done articles, that
it suggests better than the base alone: with a handful of articles it mostly does not.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from annotator.core.metrics import span_scores
from annotator.core.suggest import learner
from annotator.core.suggest.calibration import Calibration, Record, records
from annotator.core.suggest.learner import PROJECT_MODEL, Features, Model, ModelSource
from annotator.core.suggest.pipeline import Pipeline, default_pipeline

Gold = Sequence[tuple[int, int, str]]


def component_pipeline(store: Any = None) -> Pipeline:
    """The components alone, as the model reads them (every label, no model)."""
    return default_pipeline(store=store, model=False)


def examples(
    pipeline: Pipeline, docs: Iterable[tuple[str, Gold]], base: Model | None = None
) -> Iterator[tuple[Features, Gold]]:
    """Each gold text as the model sees it; with a base model, its spans as prior."""
    for text, gold in docs:
        features = pipeline.features(pipeline.analyse(text))
        if base is not None:
            features = replace(features, prior=base.spans(features))
        yield features, gold


class Trained(NamedTuple):
    """A trained model's bytes, and how many candidates of each origin it saw
    (``Model(*trained)`` loads it)."""

    data: bytes
    judged: dict[str, int]


def train_docs(
    docs: Sequence[tuple[str, Gold]], *, base: Model | None = None, pipeline: Pipeline | None = None
) -> Trained:
    """A model trained on ``docs``, stacked on ``base`` when one is given."""
    pipeline = pipeline or component_pipeline()
    seen = list(examples(pipeline, docs, base))
    judged = Counter(c.origin for features, _ in seen for c in features.candidates)
    for features, _ in seen:
        bodies = learner.body_words(features.lattice)
        for c in features.candidates:
            body = learner.body_word(features.text, bodies, c.start, c.end)
            if body:
                judged[learner.judged_key(c.origin, body)] += 1
    return Trained(learner.train(seen), dict(sorted(judged.items())))


class Validation(NamedTuple):
    """What :func:`validate` found: span F1 of the base alone and of the project's model
    stacked on it (empty for fewer than two texts), and the project model's held-out
    suggestions, to calibrate its confidence on."""

    scores: dict[str, float]
    records: list[Record]


def validate(
    docs: Sequence[tuple[str, Gold]],
    *,
    base: Model | None,
    pipeline: Pipeline | None = None,
    store: Any = None,
    folds: int = 3,
) -> Validation:
    """Span F1 of the base alone (the components alone without one) and of a project
    model stacked on it, cross-validated on ``docs`` in up to ``folds`` folds: the
    project's model is worth using only where it does better."""
    k = min(folds, len(docs))
    if k < 2:
        return Validation({}, [])
    pipeline = pipeline or component_pipeline(store)
    labels = {label for _, gold in docs for _, _, label in gold} or None
    pairs: dict[str, list[Any]] = {"base_f1": [], "project_f1": []}
    found: list[Record] = []
    for fold in range(k):
        train = [doc for i, doc in enumerate(docs) if i % k != fold]
        model = Model(*train_docs(train, base=base, pipeline=pipeline))
        sources = {
            "base_f1": ModelSource(base=base or False),
            "project_f1": ModelSource(base=base or False, project=model),
        }
        for name, source in sources.items():
            suggester = default_pipeline(store=store, labels=labels, model=source)
            for i in range(fold, len(docs), k):
                text, gold = docs[i]
                weighed = suggester.weigh(text)
                pairs[name].append((gold, [(s.start, s.end, s.label) for s, _ in weighed]))
                if name == "project_f1":
                    found += records(i, weighed, gold)
    scores = {
        name: float(span_scores(got, labels=labels)["overall"]["f1"]) for name, got in pairs.items()
    }
    return Validation(scores, found)


def held_out(
    docs: Sequence[tuple[str, Gold]], *, pipeline: Pipeline | None = None, folds: int = 5
) -> list[Record]:
    """Every suggestion a model made on a text it was not trained on: ``docs`` in up to
    ``folds`` folds, each tagged by a model trained on the others (for a base model's
    calibration)."""
    k = min(folds, len(docs))
    pipeline = pipeline or component_pipeline()
    labels = {label for _, gold in docs for _, _, label in gold} or None
    found: list[Record] = []
    for fold in range(k if k >= 2 else 0):
        train = [doc for i, doc in enumerate(docs) if i % k != fold]
        suggester = default_pipeline(
            labels=labels, model=ModelSource(base=Model(*train_docs(train, pipeline=pipeline)))
        )
        for i in range(fold, len(docs), k):
            text, gold = docs[i]
            found += records(i, suggester.weigh(text), gold)
    return found


# A base model's calibration is learned from this many folds of its texts: each fold's
# model is trained on nine tenths of them, close to the model that ships.
CALIBRATION_FOLDS = 10


def calibrated_base(
    docs: Sequence[tuple[str, Gold]], *, pipeline: Pipeline | None = None
) -> tuple[Trained, Calibration | None]:
    """A base model trained on ``docs``, and its calibration from held-out folds of them."""
    pipeline = pipeline or component_pipeline()
    found = held_out(docs, pipeline=pipeline, folds=CALIBRATION_FOLDS)
    return train_docs(docs, pipeline=pipeline), Calibration.fit(found)


def beats_base(checked: Validation) -> bool:
    """Whether :func:`validate` found the project's model worth using."""
    scores = checked.scores
    return bool(scores) and scores["project_f1"] > scores["base_f1"]


def done_articles(store: Any) -> list[tuple[str, Gold]]:
    """The project's gold: the accepted spans of every done article."""
    docs: list[tuple[str, Gold]] = []
    for article_id in store.article_ids(status="done"):
        spans = store.spans(article_id, statuses=("accepted",))
        docs.append((store.article_text(article_id), [(s.start, s.end, s.label) for s in spans]))
    return docs


def train_project(store: Any) -> dict[str, Any]:
    """Train the project's model on its done articles and store it; a JSON summary.

    Raises ValueError when no article is done yet."""
    started = time.perf_counter()
    docs = done_articles(store)
    if not docs:
        raise ValueError("nothing to train on: no article is marked done yet")
    base = learner.base_model()
    pipeline = component_pipeline(store)
    data, judged = train_docs(docs, base=base, pipeline=pipeline)
    checked = validate(docs, base=base, pipeline=pipeline, store=store)
    calibration = Calibration.fit(checked.records)
    labels = Counter(label for _, gold in docs for _, _, label in gold)
    summary = {
        "articles": len(docs),
        "characters": sum(len(text) for text, _ in docs),
        "spans": sum(labels.values()),
        "labels": dict(sorted(labels.items())),
        "stacked_on_base": base is not None,
        "model_bytes": len(data),
        "judged": judged,
        # Cross-validated on these articles: the project's model is used only where it
        # suggested better than the base alone.
        "validated": checked.scores,
        "in_use": beats_base(checked),
        # How right its suggestions were on the articles held out: confidence is that.
        "calibration": calibration.to_json() if calibration is not None else None,
        "seconds": round(time.perf_counter() - started, 2),
    }
    store.save_model(PROJECT_MODEL, data, summary)
    return summary


def refresh_untouched(store: Any, limit: int) -> int:
    """Suggest afresh, with the project's current model, for up to ``limit`` articles
    nobody has opened yet (status new): the next ones an annotator meets. Returns how
    many were refreshed."""
    if limit <= 0:
        return 0
    pipeline = default_pipeline(store=store)
    ids = store.article_ids(status="new")[:limit]
    for article_id in ids:
        store.replace_pending(article_id, pipeline.suggest(store.article_text(article_id)))
    return len(ids)
