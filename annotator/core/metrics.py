"""Span precision / recall / F1 with exact match, per label and overall (micro)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

SpanKey = tuple[int, int, str]


def _prf_of(precision: float, recall: float) -> dict[str, float]:
    """Precision, recall and their harmonic mean, rounded as every report shows them."""
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    return {
        **_prf_of(tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0),
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


def kappa_from_table(table: Any) -> float | None:
    """Cohen's kappa from a square table of counts (rows: rater A's category, columns: B's).

    Written out rather than taken from scikit-learn (some 40 MB for one formula):
    κ = (p_o - p_e) / (1 - p_e), with p_e from each rater's own category frequencies.
    None when chance agreement is total (both raters used one and the same category).
    """
    import numpy as np

    t = np.asarray(table, dtype=float)
    n = t.sum()
    if not n:
        return None
    observed = np.trace(t) / n
    expected = float((t.sum(axis=1) * t.sum(axis=0)).sum() / (n * n))
    if expected >= 1.0:
        return None
    return float((observed - expected) / (1 - expected))


def cohen_kappa(a: Sequence[int], b: Sequence[int]) -> float | None:
    """Cohen's kappa of two raters' category codes (small non-negative integers)."""
    import numpy as np

    if len(a) != len(b):
        raise ValueError("the two raters rated different numbers of items")
    if not len(a):
        return None
    x, y = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    k = int(max(x.max(), y.max())) + 1
    return kappa_from_table(np.bincount(x * k + y, minlength=k * k).reshape(k, k))


def krippendorff_alpha(a: Any, b: Any) -> float | None:
    """Krippendorff's α (nominal) of two raters, by the ``krippendorff`` library."""
    import krippendorff
    import numpy as np

    data = np.vstack([np.asarray(a, dtype=float), np.asarray(b, dtype=float)])
    if len(np.unique(data)) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


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


def _characters(length: int, spans: set[SpanKey], codes: dict[str, int]) -> Any:
    """Each character's label code (0: outside every span); an annotator's spans are flat."""
    import numpy as np

    out = np.zeros(length, dtype=np.int16)
    for start, end, label in spans:
        out[start:end] = codes[label]
    return out


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _overlap(n_a: int, hit_a: int, n_b: int, hit_b: int) -> dict[str, Any]:
    """Overlap match: a span counts when the other side has an overlapping span of its label."""
    return {
        **_prf_of(hit_b / n_b if n_b else 0.0, hit_a / n_a if n_a else 0.0),
        "matched_a": hit_a,
        "matched_b": hit_b,
        "a": n_a,
        "b": n_b,
    }


def pair_agreement(docs: Sequence[Doc], a: str, b: str, labels: Sequence[str]) -> dict[str, Any]:
    """Agreement of annotators ``a`` and ``b`` over the texts both finished."""
    import numpy as np

    both = [(n, spans[a], spans[b]) for n, spans in docs if a in spans and b in spans]
    names = list(labels)
    for _, sa, sb in both:
        names += sorted({s[2] for s in sa | sb} - set(names))
    codes = {name: i + 1 for i, name in enumerate(names)}
    k = len(names) + 1
    table = np.zeros((k, k), dtype=np.int64)
    n_a: Counter[str] = Counter()
    n_b: Counter[str] = Counter()
    hit_a: Counter[str] = Counter()
    hit_b: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    by_label: dict[str, Counter[str]] = {}
    chars_a, chars_b = [], []
    for length, sa, sb in both:
        ca, cb = _characters(length, sa, codes), _characters(length, sb, codes)
        table += np.bincount(ca.astype(np.int64) * k + cb, minlength=k * k).reshape(k, k)
        chars_a.append(ca)
        chars_b.append(cb)
        for mine, theirs, count, hits in ((sa, cb, n_a, hit_a), (sb, ca, n_b, hit_b)):
            for start, end, label in mine:
                count[label] += 1
                hits[label] += bool((theirs[start:end] == codes[label]).any())
        for kind, label in _differences(sa, sb):
            kinds[kind] += 1
            by_label.setdefault(label, Counter())[kind] += 1
    used = [n for n in names if n_a[n] or n_b[n]]

    def binary(code: int) -> Any:
        """The 2x2 table of one label: inside or outside its spans, for A and for B."""
        inside_both = table[code, code]
        a_in = table[code, :].sum()
        b_in = table[:, code].sum()
        total = table.sum()
        return [
            [total - a_in - b_in + inside_both, b_in - inside_both],
            [a_in - inside_both, inside_both],
        ]

    alpha = krippendorff_alpha(np.concatenate(chars_a), np.concatenate(chars_b)) if both else None
    return {
        "a": a,
        "b": b,
        "articles": len(both),
        "characters": int(table.sum()),
        "exact": span_scores([(sa, sb) for _, sa, sb in both]),
        "overlap": {
            "labels": {n: _overlap(n_a[n], hit_a[n], n_b[n], hit_b[n]) for n in used},
            "overall": _overlap(
                sum(n_a.values()), sum(hit_a.values()), sum(n_b.values()), sum(hit_b.values())
            ),
        },
        "kappa": {
            "labels": {n: _rounded(kappa_from_table(binary(codes[n]))) for n in used},
            "overall": _rounded(kappa_from_table(table)),
        },
        # Krippendorff's alpha over all labels at once: one library call over every
        # character (per label it would cost as much again for each label).
        "alpha": _rounded(alpha),
        "differences": {
            "total": sum(kinds.values()),
            "kinds": {kd: kinds[kd] for kd in DIFFERENCE_KINDS},
            "labels": {
                n: {kd: by_label[n][kd] for kd in DIFFERENCE_KINDS}
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
