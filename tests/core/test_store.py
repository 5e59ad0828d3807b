from __future__ import annotations

import sqlite3

import pytest

from annotator.core.formats import article_from_raw
from annotator.core.model import ArticleStatus, Span, SpanStatus
from annotator.core.store import SCHEMA_VERSION, Store, StoreError


def _article(text="廣東遂溪縣嶺北鎮召開推進會。"):
    art = article_from_raw(text, "t.txt")
    art.spans = [Span(2, 5, "LOC", art.text[2:5], origin="test")]
    return art


def test_new_store_has_schema_labels_and_wal(tmp_path):
    with Store.open(tmp_path / "p.db") as st:
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert st.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert st.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert list(st.labels())[:3] == ["PER", "LOC", "ORG"]
        assert len(st.labels()) == 10


def test_dedupe_by_cleaned_text(store):
    first, created = store.add_article(_article())
    again, created_again = store.add_article(_article())
    assert created and not created_again and first == again
    # The same text with a pinyin gloss cleans to the same article.
    _, created_gloss = store.add_article(_article("廣東遂溪縣嶺北鎮(zhèn)召開推進會。"))
    assert not created_gloss
    assert store.count_articles() == 1
    assert [s.surface for s in store.spans(first)] == ["遂溪縣"]


def test_article_and_spans_are_one_transaction(store):
    art = _article()
    art.spans.append(Span(0, 2, "LOC", "XX"))  # does not fit the text
    with pytest.raises(ValueError):
        store.add_article(art)
    assert store.count_articles() == 0


def test_nested_transaction_rolls_back_inner_only(store):
    article_id, _ = store.add_article(_article())
    with store.transaction():
        store.set_article_status(article_id, ArticleStatus.DONE)
        with pytest.raises(RuntimeError), store.transaction():
            store.set_article_status(article_id, ArticleStatus.SKIPPED)
            raise RuntimeError
    assert store.article(article_id).status is ArticleStatus.DONE


def test_newer_schema_is_refused_with_clear_message(tmp_path):
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not an annotator database"):
        Store.open(path)


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not an annotator database"):
        Store.open(path)


def test_search_long_and_short_queries(store):
    a, _ = store.add_article(_article())
    b, _ = store.add_article(_article("江門市召開推進大會。"))
    assert store.search("嶺北鎮") == [a]
    assert store.search("江門") == [b]
    assert store.search("推進") == [a, b]
    assert store.search("100%_") == []
    rows = store.article_rows(search="嶺北")
    assert [r.id for r in rows] == [a] and rows[0].pending == 1


def test_replace_pending_keeps_decisions(store):
    article_id, _ = store.add_article(_article())
    (span,) = store.spans(article_id)
    store.update_span(span.with_(status=SpanStatus.ACCEPTED))
    text = store.article_text(article_id)
    fresh = [Span(3, 5, "LOC", text[3:5]), Span(0, 2, "LOC", text[0:2])]
    assert store.replace_pending(article_id, fresh) == 1
    assert [(s.surface, s.status) for s in store.spans(article_id)] == [
        ("廣東", SpanStatus.PENDING),
        ("遂溪縣", SpanStatus.ACCEPTED),
    ]


def test_lexicon_latest_decision_wins(store):
    store.teach("嶺北鎮", "LOC", "positive", "amy")
    store.teach("嶺北鎮", "LOC", "negative", "bob")
    assert store.lexicon() == [("嶺北鎮", "LOC", "negative")]


def test_lexicon_version_changes_with_every_write_even_in_the_same_millisecond(
    tmp_path, monkeypatch
):
    from annotator.core.suggest.components.taught import TaughtSurfaces

    monkeypatch.setattr("annotator.core.store._now", lambda: 1000.0)
    with Store.open(tmp_path / "p.db") as st:
        learned = TaughtSurfaces(st)
        st.teach("欣龙隧道", "FAC", "positive", "amy")
        assert [label for _s, _e, label in learned.matches("建设欣龙隧道")] == ["FAC"]
        before = st.lexicon_version()
        # Same surface, same row count, same timestamp: only the polarity changes.
        st.teach("欣龙隧道", "FAC", "negative", "amy")
        assert st.lexicon_version() != before
        assert learned.matches("建设欣龙隧道") == []
        # A write by another program (another connection) counts too.
        other = sqlite3.connect(tmp_path / "p.db")
        other.execute("DELETE FROM lexicon")
        other.commit()
        other.close()
        assert st.lexicon_version() == before + 2 and st.lexicon_size() == 0


def test_schema_2_database_gains_the_team_tables(tmp_path):
    import sqlite_utils

    from annotator.core.store import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    for migrate in MIGRATIONS[:2]:
        migrate(db)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store.open(path) as st:
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"team_spans", "team_articles"} <= set(st.db.table_names())


def test_model_round_trip_and_stamp(tmp_path):
    path = tmp_path / "p.db"
    with Store.open(path) as st:
        assert st.model("project") is None and st.model_stamp("project") is None
        st.save_model("project", b"\x00model\xff", {"articles": 3})
        first = st.model_stamp("project")
        st.save_model("project", b"newer", {"articles": 4})
        assert st.model_stamp("project") >= first
    with Store.open(path) as st:
        assert st.model("project") == (b"newer", {"articles": 4})


def test_schema_4_database_gains_the_models_table(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path) as st:
        st.add_article(_article())
        st.conn.execute("DROP TABLE models")
        st.conn.execute("PRAGMA user_version = 4")
    with Store.open(path) as st:
        assert st.count_articles() == 1
        assert st.model("project") is None
        assert st.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_search_matches_across_traditional_and_simplified(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        simp, _ = store.add_article(article_from_raw("县里推进乡村振兴示范带建设。", "a.txt"))
        trad, _ = store.add_article(article_from_raw("縣裡推進鄉村振興示範帶建設。", "b.txt"))
        other, _ = store.add_article(article_from_raw("市里召开防汛工作会议。", "c.txt"))
        for query in ("乡村振兴", "鄉村振興", "鄉村振兴"):
            assert store.search(query) == [simp, trad], query
        for short in ("乡村", "鄉村"):  # under three characters: the scan, same rule
            assert store.search(short) == [simp, trad], short
        assert store.search("防汛") == [other]
