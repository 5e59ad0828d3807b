"""Span precision / recall / F1 with exact match, per label and overall (micro)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

SpanKey = tuple[int, int, str]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "gold": n_gold,
        "predicted": n_pred,
    }


def span_scores(
    pairs: Iterable[tuple[Iterable[SpanKey], Iterable[SpanKey]]],
    *,
    labels: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Score (gold spans, predicted spans) per document.

    With ``labels``, predictions of other labels are ignored (the gold set does
    not annotate them, so they can be neither right nor wrong).
    """
    keep = set(labels) if labels is not None else None
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for gold, pred in pairs:
        gold_set = {g for g in gold if keep is None or g[2] in keep}
        pred_set = {p for p in pred if keep is None or p[2] in keep}
        for g in gold_set:
            n_gold[g[2]] += 1
        for p in pred_set:
            n_pred[p[2]] += 1
            if p in gold_set:
                tp[p[2]] += 1
    names = sorted(set(n_gold) | set(n_pred), key=lambda n: (-n_gold[n], n))
    return {
        "labels": {n: _prf(tp[n], n_pred[n], n_gold[n]) for n in names},
        "overall": _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())),
    }
