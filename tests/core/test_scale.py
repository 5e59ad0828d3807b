"""Work that must stay linear in the size of an article or of the corpus.

These tests count operations (comparisons, statements, rows), never time: the
timings at 100,000 articles are in ``annotator bench``.
"""

from __future__ import annotations

import pytest

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


def _corpus(store, n, *, status="done"):
    for i in range(n):
        art = article_from_raw(f"第{i}篇：台山市政府发布通知，开平参加。", f"{i}.txt")
        s = art.text.index("台山")
        art.spans = [Span(s, s + 2, "LOC", "台山", origin="rule")]
        art.status = status
        store.add_article(art)


@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "conll", "label-studio"])
@pytest.mark.parametrize("include_pending", [False, True])
def test_export_streams_one_article_at_a_time(store, tmp_path, monkeypatch, fmt, include_pending):
    """Export writes each record as it is read: when the first bytes go out, only the
    first article has been read, so memory does not grow with the corpus."""
    import annotator.core.export as export_module
    from annotator.core.formats import atomic

    _corpus(store, 30)
    read = 0
    original = export_module.records

    def counting(*args, **kwargs):
        nonlocal read
        for rec in original(*args, **kwargs):
            read += 1
            yield rec

    read_at_first_write = []
    real_writer = atomic.atomic_writer

    class Watch:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            if not read_at_first_write and data.strip("[\n"):
                read_at_first_write.append(read)
            return self.fh.write(data)

    from contextlib import contextmanager

    @contextmanager
    def watching(path, **kw):
        with real_writer(path, **kw) as fh:
            yield Watch(fh)

    monkeypatch.setattr(export_module, "records", counting)
    monkeypatch.setattr(export_module, "atomic_writer", watching)
    monkeypatch.setattr("annotator.core.formats.jsonl.atomic_writer", watching)
    out = tmp_path / f"out.{fmt}"
    count = export_module.export(
        store,
        fmt,
        out,
        status="all" if include_pending else "done",
        include_pending=include_pending,
    )
    assert count == 30 and read == 30
    assert read_at_first_write == [1]
    written = out.read_text(encoding="utf-8")
    assert written.count("# id = " if fmt == "conll" else "台山") >= 30


def test_streamed_export_matches_each_article_and_its_spans(store, tmp_path):
    """The one-pass reading pairs every article with exactly its own spans."""
    import json

    from annotator.core.export import export

    _corpus(store, 5, status="new")
    ids = store.article_ids()
    store.add_span(ids[2], Span(0, 1, "DATE", "第", status="accepted"))
    store.update_span(store.spans(ids[3])[0].with_(status="rejected"))
    out = tmp_path / "all.jsonl"
    assert export(store, "jsonl", out, status="all", include_pending=True) == 5
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = [[(e["text"], e["status"]) for e in r["entities"]] for r in rows]
    assert got == [
        [("台山", "pending")],
        [("台山", "pending")],
        [("第", "accepted"), ("台山", "pending")],
        [],
        [("台山", "pending")],
    ]
    assert [r["text"] for r in rows] == [store.article_text(i) for i in ids]


def _propagation_project(store, n=12):
    first = article_from_raw("肇庆高新区召开会议，肇庆高新区发展。", "a.txt")
    first.spans = [Span(0, 5, "LOC", "肇庆高新区", origin="rule")]
    first_id, _ = store.add_article(first)
    others = []
    for i in range(n):
        art = article_from_raw(f"第{i}期：肇庆高新区与肇庆高新区企业。", f"{i}.txt")
        others.append(store.add_article(art)[0])
    session = Session(store, "amy")
    session.open_article(first_id)
    return session, first_id, others


def test_corpus_propagation_reports_progress_writes_in_chunks_and_cancels(store):
    session, first, others = _propagation_project(store)
    job = session.propagate()
    assert [s.status.value for s in store.spans(first)] == ["accepted", "accepted"]
    assert all(store.spans(i) == [] for i in others)  # nothing written on the GUI's turn
    job.chunk = 4
    seen, commits = [], []
    store.conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)

    def stop_half_way(done, total, _detail):
        seen.append((done, total))

    added = job.run(store, progress=stop_half_way, cancelled=lambda: len(seen) >= 6)
    store.conn.set_trace_callback(None)
    assert added is None
    assert seen[:6] == [(i, len(others)) for i in range(1, 7)]
    assert len(commits) >= 3  # short transactions, not one long one
    assert all(store.spans(i) == [] for i in others)  # cancelled: all taken back
    done = job.run(store)
    assert done is not None and len(done) == 2 * len(others)
    assert [(s.surface, s.status.value, s.origin) for s in store.spans(others[0])] == [
        ("肇庆高新区", "pending", "propagated")
    ] * 2


def test_propagate_and_its_corpus_part_undo_in_one_step(store):
    session, first, others = _propagation_project(store)
    job = session.propagate()
    session.attach(job, job.run(store))
    assert sum(len(store.spans(i)) for i in others) == 2 * len(others)
    assert session.undo()
    assert [s.status.value for s in store.spans(first)] == ["pending"]
    assert all(store.spans(i) == [] for i in others)
    assert session.redo()
    assert sum(len(store.spans(i)) for i in others) == 2 * len(others)
    # A job that finishes after its step was undone leaves nothing behind.
    assert session.undo()
    late = session.propagate()
    session.undo()
    session.attach(late, late.run(store))
    assert all(store.spans(i) == [] for i in others)


def test_statistics_and_exports_read_spans_by_index(store):
    """Counting spans by status, and picking the accepted ones, read an index, not
    the whole spans table (millions of rows in a large project)."""
    _corpus(store, 3)

    def plan(sql):
        return " ".join(str(r[-1]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))

    assert "COVERING INDEX" in plan("SELECT status, COUNT(*) FROM spans GROUP BY status")
    assert "INDEX" in plan(
        "SELECT label, COUNT(*) FROM spans WHERE status = 'accepted' GROUP BY label"
    )
    assert "SCAN spans" not in plan(
        "SELECT label, COUNT(*) FROM spans WHERE status = 'accepted' GROUP BY label"
    )


def test_counting_an_annotators_decisions_reads_an_index(store):
    """The status bar recounts the annotator's decisions after each one: that must
    not scan every span of the project."""
    from annotator.core.store import Store

    _corpus(store, 3)
    sql = f"SELECT COUNT(*) FROM spans WHERE {Store._DECIDED} AND annotator = ? AND updated_at >= ?"
    plan = " ".join(str(r[-1]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, ("a", 0)))
    assert "INDEX" in plan and "SCAN spans" not in plan
    assert store.decisions("amy") == 0
