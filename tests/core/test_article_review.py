"""Skip, flag for review and comment: kept in the store, undoable, exported."""

from __future__ import annotations

import json
import sqlite3

import sqlite_utils

from annotator.core.export import export
from annotator.core.formats import article_from_raw, jsonl
from annotator.core.model import ArticleStatus, LabelSet, Span, SpanStatus
from annotator.core.session import Session, SpanFilter
from annotator.core.store import MIGRATIONS, Store

TEXTS = ("汕尾市海丰县召开座谈会，县长讲话。", "第二篇：潮州湘桥区。", "第三篇：揭阳榕城。")


def _project(store):
    ids = []
    for text in TEXTS:
        art = article_from_raw(text, "x.txt")
        art.spans = [Span(0, 3, "LOC", art.text[0:3], origin="test")]
        ids.append(store.add_article(art)[0])
    session = Session(store, "amy")
    session.open_article(ids[0])
    return session, ids


def test_skip_moves_on_is_undoable_and_unskips(store):
    sess, (first, second, _third) = _project(store)
    assert sess.skip() == second
    assert store.article(first).status is ArticleStatus.SKIPPED
    assert sess.first_unfinished() == second  # a skipped article is not unfinished
    assert [e["action"] for e in store.events()][-1] == "skip"
    sess.undo()
    assert store.article(first).status is ArticleStatus.NEW
    assert sess.article_id == first
    sess.skip()
    sess.open_article(first)
    assert sess.skip() is None  # skipping a skipped article un-skips it, and stays
    assert store.article(first).status is ArticleStatus.NEW
    assert sess.article_id == first


def test_unskip_after_decisions_is_in_progress(store):
    sess, (first, *_rest) = _project(store)
    sess.accept()
    sess.open_article(first)
    sess.skip()
    sess.open_article(first)
    sess.skip()
    assert store.article(first).status is ArticleStatus.IN_PROGRESS


def test_flag_and_comment_are_stored_undone_and_leave_status_alone(store):
    sess, (first, *_rest) = _project(store)
    assert sess.toggle_flag() is True
    sess.set_comment("  县长 是否算职务？  ")
    article = store.article(first)
    assert article.flagged and article.comment == "县长 是否算职务？"
    assert article.status is ArticleStatus.NEW  # neither is a start on the annotation
    assert sess.article.flagged and sess.article.comment == "县长 是否算职务？"
    sess.undo()
    assert store.article(first).comment == "" and store.article(first).flagged
    sess.undo()
    assert not store.article(first).flagged and not sess.article.flagged
    sess.redo()
    assert store.article(first).flagged
    assert sess.toggle_flag() is False
    assert [r.flagged for r in store.article_rows(flagged=True)] == []
    sess.toggle_flag()
    assert [r.id for r in store.article_rows(flagged=True)] == [first]


def test_native_jsonl_carries_status_flag_and_comment_both_ways(store, tmp_path):
    sess, _ids = _project(store)
    sess.toggle_flag()
    sess.set_comment("请复核地名边界")
    sess.skip()
    out = tmp_path / "all.jsonl"
    assert export(store, "jsonl", out, status="all") == 3
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["status"], r["flagged"], r["comment"]) for r in records] == [
        ("skipped", True, "请复核地名边界"),
        ("new", False, ""),
        ("new", False, ""),
    ]
    # The format only grew: every field DESIGN.md lists is still there.
    assert {"id", "source", "title", "text", "status", "entities", "flags"} <= set(records[0])
    with Store.open(tmp_path / "copy.db") as copy:
        for item in jsonl.read(out, LabelSet.default()):
            copy.add_article(item)
        again = copy.article(copy.article_ids()[0])
        assert (again.status, again.flagged, again.comment) == (
            ArticleStatus.SKIPPED,
            True,
            "请复核地名边界",
        )


def test_a_schema_1_database_is_migrated_with_its_articles(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db["articles"].insert({"uid": "u1", "text": "清远市清新区。", "status": "done"})
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:
        article = store.article(store.article_ids()[0])
        assert (article.status, article.flagged, article.comment) == (
            ArticleStatus.DONE,
            False,
            "",
        )
        store.set_article_note(article.id, flagged=True, comment="旧库也能备注")
        assert store.article(article.id).comment == "旧库也能备注"


def _mixed(store):
    text = "2024年3月5日，韶关市武江区召开会议，3月6日继续。"
    art = article_from_raw(text, "m.txt")
    art.spans = [
        Span(0, 9, "DATE", art.text[0:9], origin="rule:date"),
        Span(10, 13, "LOC", art.text[10:13], origin="lexicon:place"),
        Span(13, 16, "LOC", art.text[13:16], origin="lexicon:place"),
        Span(21, 25, "DATE", art.text[21:25], origin="rule:date"),
    ]
    article_id, _ = store.add_article(art)
    session = Session(store, "amy")
    session.open_article(article_id)
    return session


def _states(session):
    return [(s.surface, s.status.value) for s in session.store.spans(session.article_id)]


def test_batch_accept_by_origin_is_one_undoable_step(store):
    sess = _mixed(store)
    assert sess.accept_matching(SpanFilter(origin="rule:date")) == 2
    assert _states(sess) == [
        ("2024年3月5日", "accepted"),
        ("韶关市", "pending"),
        ("武江区", "pending"),
        ("3月6日", "accepted"),
    ]
    assert store.lexicon_polarity("3月6日", "DATE") == "positive"
    assert sess.accept_matching(SpanFilter(origin="rule:date")) == 0  # nothing left to do
    sess.undo()  # the empty batch was no step: this undoes both dates
    assert all(st == "pending" for _s, st in _states(sess))
    assert store.lexicon_polarity("3月6日", "DATE") is None
    sess.redo()
    assert _states(sess)[3] == ("3月6日", "accepted")


def test_batch_reject_by_label_and_status(store):
    sess = _mixed(store)
    sess.accept_matching(SpanFilter(label="DATE"))
    # Rejecting the pending LOC spans leaves the accepted DATE spans alone.
    assert sess.reject_matching(SpanFilter(label="LOC", status=SpanStatus.PENDING)) == 2
    assert [st for _s, st in _states(sess)] == ["accepted", "rejected", "rejected", "accepted"]
    assert store.lexicon_polarity("韶关市", "LOC") == "negative"
    assert sess.reject_matching(SpanFilter(label="DATE")) == 2
    assert [st for _s, st in _states(sess)] == ["rejected"] * 4
    sess.undo()
    assert [st for _s, st in _states(sess)] == ["accepted", "rejected", "rejected", "accepted"]


def test_stats_count_flagged_articles_and_not_as_decisions(store):
    from annotator.core.statistics import project_stats

    sess, _ids = _project(store)
    sess.toggle_flag()
    sess.set_comment("看一下")
    sess.skip()
    stats = project_stats(store)
    assert stats["articles_flagged"] == 1
    assert stats["articles_by_status"]["skipped"] == 1
    # A flag, a comment and a skip decide nothing about spans.
    assert stats["decisions_per_hour"]["amy"]["decisions"] == 0
