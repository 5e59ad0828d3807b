"""How likely a suggestion is to be right: the model's marginal, calibrated on articles
the model had not learned from.

A CRF trained on a few dozen articles is over-sure: its marginal is near 1 for many
spans that are wrong, most of them a place inside a longer name that nothing found
whole. How often a span is right also depends on what proposed it: a title from the
lexicon is nearly always right, a quoted phrase much less often. So a calibration is
learned from held-out suggestions (cross-validated: each article tagged by a model
trained without it): the chance that a span is right, as a logistic function of its
marginal, of how often held-out spans of its label and origin were right, of how many
times the article has the same name suggested (a name written once is more often a
piece of a longer one than a name the article repeats), of its length, and of whether
the components' own merge chose that very span (where the model drew other edges than
the components, it is wrong far more often than its marginal says).

It is stored beside the model it calibrates (the base's in ``base.json``, a project's
in its model summary), and reads nothing else: one table of counts and eight weights.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

# Below this many held-out spans (or this many of either outcome), no calibration is
# learned and the marginal stands as it is.
MIN_SPANS = 100
MIN_EACH = 10

# Pseudo-spans at the overall rate, added to each group's counts: a group known from a
# handful of held-out spans says little of how often it is right on a new article. With
# 2, groups of a few spans, all right, lifted their spans above 0.9 on articles where
# they were wrong; 10 kept the spans above 0.9 right more often (domain_dev, five folds,
# each fold's base calibrated on the others: 94.7% → 95.1%, share 65.9% → 64.9%).
_SMOOTHING = 10.0
_EDGE = 1e-4  # probabilities are kept inside [_EDGE, 1 - _EDGE] before taking logs
_RIDGE = 1e-3


class Evidence(NamedTuple):
    """What the calibration reads of one suggestion: its label and origin, the
    confidence it was found with (the model's marginal), how many suggestions of its
    article have its surface and label (:func:`repeats`), its length, and whether the
    components' own merge chose exactly this span."""

    label: str
    origin: str
    confidence: float
    repeats: int
    length: int
    agrees: bool = True


class Record(NamedTuple):
    """One held-out suggestion: which article, what the calibration reads of it, and
    whether the gold has exactly that span."""

    doc: int
    evidence: Evidence
    right: bool


def repeats(text: str, suggested: Sequence[Any]) -> list[int]:
    """For each suggestion (with start, end and label), how many of ``suggested`` have
    the same surface in ``text`` and the same label, itself included."""
    keys = [(text[s.start : s.end], s.label) for s in suggested]
    counts = Counter(keys)
    return [counts[k] for k in keys]


def evidence(
    text: str, suggested: Sequence[Any], agreed: Container[tuple[int, int, str]] | None = None
) -> list[Evidence]:
    """The evidence of each suggestion (with start, end, label, origin and confidence,
    over ``text``); ``agreed``: the (start, end, label) the components' merge chose
    (None: every suggestion is the components' own)."""
    return [
        Evidence(
            s.label,
            s.origin,
            s.confidence,
            k,
            s.end - s.start,
            agreed is None or (s.start, s.end, s.label) in agreed,
        )
        for s, k in zip(suggested, repeats(text, suggested), strict=True)
    ]


def records(
    doc: int, weighed: Iterable[tuple[Any, Evidence]], gold: Iterable[Sequence[Any]]
) -> list[Record]:
    """The records of one held-out article's suggestions (each span, with start, end
    and label, and its evidence) against its gold ``(start, end, label)``."""
    want = {tuple(g[:3]) for g in gold}
    return [Record(doc, e, (s.start, s.end, s.label) in want) for s, e in weighed]


def _group(label: str, origin: str) -> str:
    return f"{label} {origin}"


# Beyond these, more repeats or length say nothing more (and a few held-out spans so
# long would decide the weight for all).
_MAX_REPEATS = 8
_MAX_LENGTH = 20


def _features(e: Evidence, rate: float) -> list[float]:
    m = min(max(e.confidence, _EDGE), 1.0 - _EDGE)
    p = min(max(rate, _EDGE), 1.0 - _EDGE)
    return [
        1.0,
        math.log(m),
        math.log1p(-m),
        math.log(p),
        math.log1p(-p),
        math.log(min(max(e.repeats, 1), _MAX_REPEATS)),
        math.log(min(max(e.length, 1), _MAX_LENGTH)),
        0.0 if e.agrees else 1.0,
    ]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """``a x = b`` by Gaussian elimination with partial pivoting (a is small)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def _logistic(
    rows: Sequence[list[float]], ys: Sequence[float], iterations: int = 30
) -> list[float]:
    """Weights of a ridge-regularised logistic regression (Newton's method)."""
    n = len(rows[0])
    w = [0.0] * n
    for _ in range(iterations):
        grad = [_RIDGE * wi for wi in w]
        hess = [[_RIDGE if i == j else 0.0 for j in range(n)] for i in range(n)]
        for x, y in zip(rows, ys, strict=True):
            p = 1.0 / (1.0 + math.exp(-sum(wi * xi for wi, xi in zip(w, x, strict=True))))
            g, h = p - y, p * (1.0 - p)
            for i in range(n):
                grad[i] += g * x[i]
                row = hess[i]
                for j in range(n):
                    row[j] += h * x[i] * x[j]
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(map(abs, step)) < 1e-8:
            break
    return w


class Calibration:
    """P(right) of a suggestion, from its :class:`Evidence`."""

    def __init__(self, groups: Mapping[str, Sequence[int]], weights: Sequence[float]) -> None:
        self.groups = {k: (int(v[0]), int(v[1])) for k, v in groups.items()}
        self.weights = [float(w) for w in weights]
        right = sum(r for r, _ in self.groups.values())
        total = sum(t for _, t in self.groups.values())
        self.prior = right / total if total else 0.5
        # Each answer by its question, once worked out: a text asks the same few hundred
        # questions for its thousands of spans.
        self._known: dict[Evidence, float] = {}

    def rate(self, label: str, origin: str) -> float:
        """How often held-out spans of this label and origin were right (smoothed)."""
        right, total = self.groups.get(_group(label, origin), (0, 0))
        return (right + _SMOOTHING * self.prior) / (total + _SMOOTHING)

    def __call__(self, e: Evidence) -> float:
        key = e._replace(repeats=min(e.repeats, _MAX_REPEATS), length=min(e.length, _MAX_LENGTH))
        found = self._known.get(key)
        if found is None:
            x = _features(key, self.rate(e.label, e.origin))
            z = sum(w * xi for w, xi in zip(self.weights, x, strict=True))
            found = self._known[key] = 1.0 / (1.0 + math.exp(-z))
        return found

    @classmethod
    def fit(cls, found: Sequence[Record]) -> Calibration | None:
        """Learned from held-out records; None when they are too few to learn from."""
        right = sum(r.right for r in found)
        if len(found) < MIN_SPANS or min(right, len(found) - right) < MIN_EACH:
            return None
        totals: Counter[str] = Counter()
        rights: Counter[str] = Counter()
        own: Counter[tuple[int, str]] = Counter()
        own_right: Counter[tuple[int, str]] = Counter()
        for r in found:
            g = _group(r.evidence.label, r.evidence.origin)
            totals[g] += 1
            rights[g] += r.right
            own[r.doc, g] += 1
            own_right[r.doc, g] += r.right
        prior = right / len(found)
        rows = []
        for r in found:
            # The group's rate without the record's own article: a rate the record
            # itself made would look more telling than it is on a new article.
            g = _group(r.evidence.label, r.evidence.origin)
            total = totals[g] - own[r.doc, g]
            good = rights[g] - own_right[r.doc, g]
            rate = (good + _SMOOTHING * prior) / (total + _SMOOTHING)
            rows.append(_features(r.evidence, rate))
        weights = _logistic(rows, [float(r.right) for r in found])
        return cls({g: (rights[g], totals[g]) for g in totals}, weights)

    def to_json(self) -> dict[str, Any]:
        return {"weights": self.weights, "groups": {k: list(v) for k, v in self.groups.items()}}

    @classmethod
    def from_json(cls, data: Any) -> Calibration | None:
        """From :meth:`to_json`'s output; None for anything else (an older file)."""
        try:
            found = cls(data["groups"], data["weights"])
        except (TypeError, KeyError, ValueError, IndexError):
            return None
        return (
            found
            if len(found.weights) == len(_features(Evidence("", "", 0.5, 1, 1), 0.5))
            else None
        )
