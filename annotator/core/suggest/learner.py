"""The stacked sequence model: a linear-chain CRF over characters (python-crfsuite).

It reads what the rest of the pipeline already computed for a text (the characters, jieba's
words and tags, the lexicon lattice, and every component's candidates with their origin)
and tags each character B-LABEL, I-LABEL or O. It decides between components where they
conflict and finds long names that no component found whole; the marginal probability of
a span's tags is its confidence.

A model is plain bytes (crfsuite's own format), so a project stores it in its database and
the app ships a base model as a resource. Training runs in C and takes seconds for the
few hundred thousand characters a project annotates.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any

import pycrfsuite

from annotator.core.resources import read_bytes
from annotator.core.suggest.attributes import (
    EVERY,
    Features,
    Tables,
    attributes,
    known_attributes,
)
from annotator.core.suggest.calibration import Calibration, Evidence
from annotator.core.suggest.tags import OUTSIDE, bio, spans_of


def train(
    examples: Iterable[tuple[Features, Sequence[tuple[int, int, str]]]],
    *,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
) -> bytes:
    """A model (crfsuite's bytes) from texts and their gold spans."""
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for features, gold in examples:
        if not features.text:
            continue
        trainer.append(attributes(features), bio(len(features.text), gold))
        count += 1
    if not count:
        raise ValueError("nothing to train on: no annotated text")
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    fd, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(path)
        with open(path, "rb") as fh:
            return fh.read()
    finally:
        os.unlink(path)


class Model:
    """A trained model, ready to tag texts."""

    def __init__(
        self,
        data: bytes,
        judged: Mapping[str, int] | None = None,
        calibration: Calibration | None = None,
    ) -> None:
        self.data = data
        # How many candidates of each origin the model saw in the texts it learned from:
        # it can judge only kinds of span it has seen (None: not recorded).
        self.judged = None if judged is None else dict(judged)
        # How right its suggestions were on texts it had not learned from (None: the
        # marginal stands as it is).
        self.calibration = calibration
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open_inmemory(data)
        self.labels = frozenset(t[2:] for t in self._tagger.labels() if t.startswith(("B-", "I-")))
        # Tagging passes only the attributes this model has a weight for.
        known = known_attributes(data)
        self._tables = Tables(known) if known is not None else EVERY

    def tag(self, features: Features) -> Tagging:
        """The best tagging's spans, each with its chance of being exactly that span as
        its confidence (the product of its characters' tag marginals, and the chance
        that the character after it does not go on with it), and every character's
        chance of being in no span at all."""
        if not features.text:
            return Tagging([], lambda i: 1.0)
        tagger = self._tagger
        tags = tagger.tag(attributes(features, self._tables))
        marginal = tagger.marginal
        n = len(tags)
        spans = [
            (
                start,
                end,
                label,
                math.prod(map(marginal, tags[start:end], range(start, end)))
                # 青溪 before 桥: sure of each character, unsure where the name ends.
                * (1.0 - marginal("I-" + label, end) if end < n else 1.0),
            )
            for start, end, label in spans_of(tags)
        ]
        return Tagging(spans, partial(marginal, OUTSIDE))

    def spans(self, features: Features) -> list[tuple[int, int, str, float]]:
        return self.tag(features).spans


@dataclass(frozen=True)
class Tagging:
    """A model's answer for one text. ``outside(i)`` asks the model that tagged it for
    character i's chance of being in no span: valid until that model tags again."""

    spans: list[tuple[int, int, str, float]]  # (start, end, label, confidence)
    outside: Callable[[int], float]

    def outside_share(self, start: int, end: int) -> float:
        """How sure the model is that nothing in [start, end) is a name (mean)."""
        if end <= start:
            return 1.0
        return sum(map(self.outside, range(start, end))) / (end - start)


JUDGED_SEP = "…"


def judged_key(origin: str, body: str = "") -> str:
    """The key of ``judged`` counts: an origin, or an origin and the body word its spans
    end in (how many 某某公司 the model saw of the organisations it saw)."""
    return f"{origin}{JUDGED_SEP}{body}" if body else origin


def body_words(lattice: Mapping[int, Sequence[tuple[int, str]]]) -> dict[int, list[int]]:
    """Where the lattice's body words (公司, 研究所) start, by where they end, in order:
    what :func:`body_word` reads (made once per text)."""
    starts: dict[int, list[int]] = {}
    for s in sorted(lattice):
        for e, kind in lattice[s]:
            if kind in ("BODY", "TYPE") and s not in starts.get(e, ()):
                starts.setdefault(e, []).append(s)
    return starts


def body_word(text: str, bodies: Mapping[int, Sequence[int]], start: int, end: int) -> str:
    """The longest body word that ends the span ``start:end`` (``bodies`` from
    :func:`body_words`), of two to six characters within the span, or ''."""
    for s in bodies.get(end, ()):
        if s >= start and end - 6 <= s < end - 1:
            return text[s:end]
    return ""


class Stack:
    """The shipped base model, and the project's own model stacked on it.

    The project's model is trained on the project's done articles with the base
    model's spans as extra attributes, so a few annotated articles correct what the
    base gets wrong on that corpus instead of starting from nothing."""

    def __init__(self, base: Model | None, project: Model | None = None) -> None:
        self.base = base
        self.project = project
        self.labels = (base.labels if base else frozenset()) | (
            project.labels if project else frozenset()
        )
        found = [m.judged for m in (base, project) if m is not None]
        # None where some model's counts are unknown; by body word only where every
        # model recorded them so (older models counted by origin alone).
        counts = [c for c in found if c is not None]
        self._counts = counts if found and len(counts) == len(found) else None
        self._by_body = bool(counts) and all(any(JUDGED_SEP in k for k in c) for c in counts)
        self._judged: dict[tuple[str, str], int | None] = {}  # the counts never change

    def judged(self, origin: str, body: str = "") -> int | None:
        """How many candidates of ``origin`` the models learned from, or of those that
        end in the body word ``body`` (None: unknown)."""
        try:
            return self._judged[origin, body]
        except KeyError:
            pass
        total: int | None = None
        if self._counts is not None and not (body and not self._by_body):
            key = judged_key(origin, body)
            total = sum(c.get(key, 0) for c in self._counts)
        self._judged[origin, body] = total
        return total

    @property
    def _calibration(self) -> Calibration | None:
        """The calibration of the model on top (the project's, else the base's)."""
        top = self.project or self.base
        return top.calibration if top is not None else None

    def calibrate(self, evidence: Evidence) -> float:
        """A suggestion's chance of being right, by the calibration of the model on top."""
        calibration = self._calibration
        if calibration is None:
            return evidence.confidence
        return calibration(evidence)

    def rate(self, label: str, origin: str) -> float | None:
        """How often the top model's held-out suggestions of this label and origin were
        right (None: no calibration to tell)."""
        calibration = self._calibration
        return None if calibration is None else calibration.rate(label, origin)

    def tag(self, features: Features) -> Tagging:
        if self.base is None and self.project is None:
            return Tagging([], lambda i: 1.0)
        tagging = self.base.tag(features) if self.base is not None else None
        if self.project is None:
            assert tagging is not None
            return tagging
        prior = tagging.spans if tagging is not None else []
        return self.project.tag(replace(features, prior=prior))


BASE_MODEL = ("models", "base.crfsuite")
BASE_INFO = ("models", "base.json")


@lru_cache(maxsize=1)
def base_model() -> Model | None:
    """The model the app ships (resources/models/), trained on the gold it may ship."""
    try:
        data = read_bytes(*BASE_MODEL)
    except OSError:
        return None
    try:
        info = json.loads(read_bytes(*BASE_INFO))
    except (OSError, ValueError):
        info = {}
    return Model(data, info.get("judged"), Calibration.from_json(info.get("calibration")))


PROJECT_MODEL = "project"


class ModelSource:
    """The models a pipeline suggests with: the shipped base and, with a store, the
    project's own. A newer project model (trained in another process) is picked up
    on the next text; the check is one indexed read."""

    def __init__(
        self, store: Any = None, *, base: Model | bool | None = True, project: Model | None = None
    ) -> None:
        self.store = store
        self._base = base_model() if base is True else (base or None)
        self._stamp: float | object | None = object()
        self._stack = Stack(self._base, project)
        self._fixed = project is not None or store is None

    def _refresh(self) -> Stack:
        if self._fixed:
            return self._stack
        stamp = self.store.model_stamp(PROJECT_MODEL) if self.store is not None else None
        if stamp != self._stamp:
            self._stamp = stamp
            found = self.store.model(PROJECT_MODEL) if stamp is not None else None
            # A model that did worse than the base on the project's own articles
            # (cross-validated when it was trained) is kept but not used.
            usable = found is not None and found[1].get("in_use", True)
            project = (
                Model(
                    found[0],
                    found[1].get("judged"),
                    Calibration.from_json(found[1].get("calibration")),
                )
                if found and usable
                else None
            )
            self._stack = Stack(self._base, project)
        return self._stack

    @property
    def base(self) -> Model | None:
        return self._base

    @property
    def labels(self) -> frozenset[str]:
        return self._refresh().labels

    def ready(self) -> bool:
        stack = self._refresh()
        return stack.base is not None or stack.project is not None

    def judged(self, origin: str, body: str = "") -> int | None:
        return self._refresh().judged(origin, body)

    def calibrate(self, evidence: Evidence) -> float:
        return self._refresh().calibrate(evidence)

    def rate(self, label: str, origin: str) -> float | None:
        return self._refresh().rate(label, origin)

    def tag(self, features: Features) -> Tagging:
        return self._refresh().tag(features)
