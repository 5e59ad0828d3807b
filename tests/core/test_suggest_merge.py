"""The pipeline's linear filters and the analysis' word ranges agree with the plain
quadratic definitions they replace (property tests)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate
from annotator.core.suggest.filters import outside_stop_words, reach, yield_to_tagged_words
from annotator.core.suggest.flat import flat

N = 40
spans = st.tuples(st.integers(0, N - 1), st.integers(1, 8)).map(
    lambda t: (t[0], min(N, t[0] + t[1]))
)
origins = st.sampled_from(["jieba:nr", "jieba:nt", "lexicon:loc", "lexicon:org", "rule:date"])
labels = st.sampled_from(["PER", "ORG", "LOC"])
candidates = st.lists(
    st.builds(
        lambda s, o, lab, p: Candidate(s[0], s[1], lab, o, p),
        spans,
        origins,
        labels,
        st.integers(0, 3),
    ),
    max_size=30,
)


def _analysis(lattice=None, tokens=None) -> Analysis:
    return Analysis("字" * N, "字" * N, tokens or [], lattice or {}, [], [])


@given(candidates)
def test_lexicon_pieces_yield_to_the_jieba_words_holding_them(found):
    words = [(c.start, c.end) for c in found if c.origin.startswith("jieba:") and c.label != "LOC"]
    expected = [
        c
        for c in found
        if not c.origin.startswith("lexicon:")
        or not any(s <= c.start and c.end <= e and e - s > c.length for s, e in words)
    ]
    assert yield_to_tagged_words(_analysis(), found) == expected


@given(candidates, st.lists(spans, max_size=6))
def test_stop_words_veto_what_lies_within_them(found, stops):
    lattice: dict[int, list[tuple[int, str]]] = {}
    for s, e in stops:
        lattice.setdefault(s, []).append((e, "STOP"))
    lattice.setdefault(0, []).append((3, "LOC"))  # other kinds veto nothing
    expected = [c for c in found if not any(s <= c.start and c.end <= e for s, e in stops)]
    assert outside_stop_words(_analysis(lattice), found) == expected


@given(candidates)
def test_the_merge_is_flat_and_prefers_priority_then_length(found):
    chosen = flat(found, N)
    for a, b in itertools.pairwise(chosen):
        assert a.end <= b.start
    for c in found:  # every candidate left out overlaps one at least as strong
        if c not in chosen:
            assert any(
                o.start < c.end
                and c.start < o.end
                and (o.priority, o.length) >= (c.priority, c.length)
                for o in chosen
            )


@given(st.lists(st.integers(1, 4), min_size=1, max_size=12), spans)
def test_words_within_and_word_at_match_their_definitions(lengths, span):
    tokens, at = [], 0
    for n in lengths:
        tokens.append((at, at + n, "字" * n, "n"))
        at += n
    analysis = _analysis(tokens=tokens)
    start, end = span
    inside = [k for k, t in enumerate(tokens) if start <= t[0] and t[1] <= end]
    assert list(analysis.words_within(start, end)) == inside
    for offset in range(at):
        k = analysis.word_at(offset)
        assert tokens[k][0] <= offset < tokens[k][1]


@given(st.lists(spans, max_size=12))
def test_reach_is_the_furthest_end_of_the_spans_started_by_each_offset(found):
    got = reach(found, N)
    assert len(got) == N + 1
    for i in range(N + 1):
        assert got[i] == max((e for s, e in found if s <= i), default=0)
