"""Span precision / recall / F1 with exact match, per label and overall (micro)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
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


# ---------------------------------------------------------------------- agreement

Doc = tuple[int, dict[str, set[SpanKey]]]  # (text length, annotator -> accepted spans)

DIFFERENCE_KINDS = ("boundary", "label", "boundary_and_label", "only_a", "only_b")


def cohen_kappa(a: Sequence[int], b: Sequence[int]) -> float | None:
    """Cohen's kappa of two raters' category codes (None when chance agreement is total).

    Written out rather than taken from scikit-learn (a 40 MB dependency for one formula):
    κ = (p_o - p_e) / (1 - p_e), with p_e from each rater's own category frequencies.
    """
    n = len(a)
    if n != len(b):
        raise ValueError("the two raters rated different numbers of items")
    if not n:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: Sequence[int], b: Sequence[int]) -> float | None:
    """Krippendorff's α (nominal) of two raters, by the ``krippendorff`` library."""
    import krippendorff
    import numpy as np

    if len(set(a) | set(b)) < 2:
        return None
    data = np.array([a, b], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _overlap_prf(gold: list[set[SpanKey]], pred: list[set[SpanKey]], label: str | None) -> Any:
    """Overlap match: a span counts when the other side has an overlapping span of its label."""

    def keep(spans: set[SpanKey]) -> list[SpanKey]:
        return [s for s in spans if label is None or s[2] == label]

    def hits(mine: list[SpanKey], theirs: set[SpanKey]) -> int:
        return sum(any(t[2] == s[2] and t[0] < s[1] and s[0] < t[1] for t in theirs) for s in mine)

    n_gold = n_pred = tp_gold = tp_pred = 0
    for g, p in zip(gold, pred, strict=True):
        kg, kp = keep(g), keep(p)
        n_gold += len(kg)
        n_pred += len(kp)
        tp_gold += hits(kg, p)
        tp_pred += hits(kp, g)
    prec = tp_pred / n_pred if n_pred else 0.0
    rec = tp_gold / n_gold if n_gold else 0.0
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f, 4),
        "matched_a": tp_gold,
        "matched_b": tp_pred,
        "a": n_gold,
        "b": n_pred,
    }


def _differences(a: set[SpanKey], b: set[SpanKey]) -> list[tuple[str, str]]:
    """(kind, label) of each difference between two annotations of one text."""
    out = []
    only_b = b - a
    for s in sorted(a - b):
        near = [t for t in only_b if t[0] < s[1] and s[0] < t[1]]
        if not near:
            out.append(("only_a", s[2]))
        elif any(t[:2] == s[:2] for t in near):
            out.append(("label", s[2]))
        elif any(t[2] == s[2] for t in near):
            out.append(("boundary", s[2]))
        else:
            out.append(("boundary_and_label", s[2]))
    for t in sorted(only_b):
        if not any(s[0] < t[1] and t[0] < s[1] for s in a - b):
            out.append(("only_b", t[2]))
    return out


def _characters(length: int, spans: set[SpanKey], codes: dict[str, int]) -> list[int]:
    """Each character's label code (0: outside every span)."""
    out = [0] * length
    for start, end, label in spans:
        out[start:end] = [codes[label]] * (end - start)
    return out


def pair_agreement(docs: Sequence[Doc], a: str, b: str, labels: Sequence[str]) -> dict[str, Any]:
    """Agreement of annotators ``a`` and ``b`` over the texts both finished."""
    both = [(n, spans[a], spans[b]) for n, spans in docs if a in spans and b in spans]
    names = list(labels)
    for _, sa, sb in both:
        names += sorted({s[2] for s in sa | sb} - set(names))
    codes = {name: i + 1 for i, name in enumerate(names)}
    chars_a: list[int] = []
    chars_b: list[int] = []
    for length, sa, sb in both:
        chars_a += _characters(length, sa, codes)
        chars_b += _characters(length, sb, codes)
    exact = span_scores([(sa, sb) for _, sa, sb in both])
    gold = [sa for _, sa, _ in both]
    pred = [sb for _, _, sb in both]
    used = [n for n in names if any(n == s[2] for _, sa, sb in both for s in sa | sb)]
    kinds: Counter[str] = Counter()
    by_label: dict[str, Counter[str]] = {}
    for _, sa, sb in both:
        for kind, label in _differences(sa, sb):
            kinds[kind] += 1
            by_label.setdefault(label, Counter())[kind] += 1

    def binary(codes_: list[int], code: int) -> list[int]:
        return [int(c == code) for c in codes_]

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "a": a,
        "b": b,
        "articles": len(both),
        "characters": len(chars_a),
        "exact": exact,
        "overlap": {
            "labels": {n: _overlap_prf(gold, pred, n) for n in used},
            "overall": _overlap_prf(gold, pred, None),
        },
        "kappa": {
            "labels": {
                n: rounded(cohen_kappa(binary(chars_a, codes[n]), binary(chars_b, codes[n])))
                for n in used
            },
            "overall": rounded(cohen_kappa(chars_a, chars_b)),
        },
        "alpha": {
            "labels": {
                n: rounded(krippendorff_alpha(binary(chars_a, codes[n]), binary(chars_b, codes[n])))
                for n in used
            },
            "overall": rounded(krippendorff_alpha(chars_a, chars_b)),
        },
        "differences": {
            "total": sum(kinds.values()),
            "kinds": {k: kinds[k] for k in DIFFERENCE_KINDS},
            "labels": {
                n: {k: by_label[n][k] for k in DIFFERENCE_KINDS}
                for n in sorted(by_label, key=lambda n: (-sum(by_label[n].values()), n))
            },
        },
    }


def agreement(docs: Sequence[Doc], labels: Sequence[str]) -> dict[str, Any]:
    """Pairwise agreement over the texts that two or more annotators finished."""
    shared = [(n, spans) for n, spans in docs if len(spans) >= 2]
    names = sorted({name for _, spans in shared for name in spans})
    pairs = [
        pair_agreement(shared, a, b, labels)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if any(a in spans and b in spans for _, spans in shared)
    ]
    return {"articles": len(shared), "annotators": names, "pairs": pairs}
