"""Work that must stay linear in the size of an article or of the corpus.

These tests count operations (comparisons, statements, rows), never time: the
timings at 100,000 articles are in ``annotator bench``.
"""

from __future__ import annotations

from annotator.core.formats import article_from_raw
from annotator.core.model import Span
from annotator.core.session import Session


def _count_statements(store, needle):
    seen = []
    store.conn.set_trace_callback(lambda sql: seen.append(sql) if needle in sql else None)
    return seen


def test_learning_on_a_long_article_is_linear(store, monkeypatch):
    """Opening an article brings its suggestions up to date with the lexicon in time
    linear in its spans: no comparison of every suggestion with every other, and the
    text is read once, not once per new span."""
    n = 60
    art = article_from_raw("台山发展，开平建设。" * n, "long.txt")
    text = art.text
    art.spans = [
        Span(i, i + 2, "ORG", "开平", origin="rule")
        for i in range(len(text))
        if text.startswith("开平", i)
    ]
    article_id, _ = store.add_article(art)
    store.teach("台山", "LOC", "positive", "amy")
    store.teach("开平", "ORG", "negative", "amy")
    session = Session(store, "amy")

    comparisons = 0
    original_eq = Span.__eq__

    def counting_eq(self, other):
        nonlocal comparisons
        comparisons += 1
        return original_eq(self, other)

    monkeypatch.setattr(Span, "__eq__", counting_eq)
    reads = _count_statements(store, "SELECT text FROM articles")
    session.open_article(article_id)
    store.conn.set_trace_callback(None)

    got = {(s.surface, s.label, s.origin) for s in session.spans}
    assert got == {("台山", "LOC", "learned")}
    assert len(session.spans) == n
    assert comparisons < 4 * n
    assert len(reads) <= 1
