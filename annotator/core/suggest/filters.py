"""Filters every candidate goes through before any merge, each linear in the text's
length: a lexicon piece yields to the word jieba tags around it, and a stop word vetoes
what lies within it; and no span's edge is a mark (:func:`trim`)."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate


def reach(spans: Iterable[tuple[int, int]], length: int) -> list[int]:
    """``reach[i]``: the furthest end of the spans that start at or before ``i``. One
    step a span, in order of start: the list grows by runs of one value (at C speed),
    not a character at a time."""
    out: list[int] = []
    furthest = 0
    for start, end in sorted(spans):
        if end > furthest:
            out += [furthest] * (start - len(out))
            furthest = end
    out += [furthest] * (length + 1 - len(out))
    return out


def yield_to_tagged_words(analysis: Analysis, found: list[Candidate]) -> list[Candidate]:
    """A lexicon piece strictly inside a word jieba tags as a person or organisation
    yields to that word: 黄家 in 黄家豪, 中国 in 中国营养学会. (中国 in 中国人民 stays:
    中国人民 is no name; a place inside jieba's place stays: its places hold generic
    endings.)"""
    words = [(c.start, c.end) for c in found if c.origin.startswith("jieba:") and c.label != "LOC"]
    if not words:
        return found
    far = reach(words, len(analysis.text))
    return [
        c
        for c in found
        if not c.origin.startswith("lexicon:")
        or not (far[c.start] > c.end or (c.start > 0 and far[c.start - 1] >= c.end))
    ]


def outside_stop_words(analysis: Analysis, found: list[Candidate]) -> list[Candidate]:
    """Stop-list words (lattice kind STOP) veto any candidate lying within them (暨,
    高水平, 全县)."""
    far = analysis.shared("stop_reach", _stop_reach)
    if far is None:
        return found
    return [c for c in found if far[c.start] < c.end]


def _stop_reach(analysis: Analysis) -> list[int] | None:
    stops = [(s, e) for s, ends in analysis.lattice.items() for e, kind in ends if kind == "STOP"]
    return reach(stops, len(analysis.text)) if stops else None


# Never part of a span's edge (GUIDELINES: no quotes, brackets or punctuation).
_EDGE = vocab.chars("span_edges") | set(" \t\n\u3000")

# Marks that open and close, and so stay at a span's edge when the other half is inside
# it and more of the name beyond (GUIDELINES: a name wholly inside outer quotes keeps its
# inner ‘’: ‘某某工程’县域发展).
_OPENING = {"“": "”", "‘": "’", "「": "」", "『": "』", "(": ")", "（": "）"}
_CLOSING = {close: opening for opening, close in _OPENING.items()}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the marks at its edges, but for a mark whose other half is
    inside it."""
    while start < end and text[start] in _EDGE:
        close = _OPENING.get(text[start])
        if close is not None and start + 1 < text.find(close, start + 1, end) < end - 1:
            break
        start += 1
    while end > start and text[end - 1] in _EDGE:
        opening = _CLOSING.get(text[end - 1])
        if opening is not None and start < text.rfind(opening, start, end - 1):
            break
        end -= 1
    return start, end
