"""The article list at scale: lazy reads, and one row repainted after a decision.

Counted, not timed: rows read from the store and model resets.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.formats import article_from_raw
from annotator.core.model import Span
from annotator.core.session import Session
from annotator.core.settings import Settings
from annotator.core.store import Store
from annotator.ui.i18n import set_language
from annotator.ui.main_window import MainWindow
from annotator.ui.tasks import Tasks
from tests.ui.windows import open_window

N = 1200


@pytest.fixture
def big(qtbot, tmp_path, monkeypatch):
    store = Store.open(tmp_path / "big.db")
    with store.transaction():
        for i in range(N):
            art = article_from_raw(f"第{i}号：佛山市南海区召开会议，顺德参加。", f"{i}.txt")
            s = art.text.index("南海区")
            art.spans = [Span(s, s + 3, "LOC", "南海区", origin="test")]
            store.add_article(art)
    read: list[int] = []
    original = getattr(store, "article_rows_for", None)

    def counting(ids):
        rows = original(ids)
        read.append(len(rows))
        return rows

    monkeypatch.setattr(store, "article_rows_for", counting, raising=False)
    win, session = open_window(qtbot, store, tmp_path, tasks=Tasks())
    session.resume()
    qtbot.wait(10)
    yield win, read
    win.close()
    store.close()


def test_article_list_reads_only_the_rows_it_shows(qtbot, big):
    win, read = big
    model = win.articles.model
    assert model.rowCount() == N
    assert 0 < sum(read) < N / 2
    read.clear()
    win.articles.filter.setCurrentIndex(win.articles.filter.findData("new"))
    qtbot.wait(10)
    assert model.rowCount() == N
    assert sum(read) < N / 2
    # Far rows are read when they are shown, page by page.
    win.articles.select(store_ids := model.data(model.index(N - 1, 0), Qt.ItemDataRole.UserRole))
    assert store_ids is not None
    assert model.data(model.index(N - 1, 1)).startswith(f"第{N - 1}号")


def test_a_decision_repaints_only_its_row(qtbot, big):
    win, read = big
    model = win.articles.model
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    read.clear()
    row = model.row_of(win.session.article_id)
    qtbot.keyClick(win.view, Qt.Key.Key_Space)  # accept
    qtbot.waitUntil(lambda: bool(changed), timeout=3000)
    assert resets == []
    assert changed == [(row, row)]
    assert read == [1]
    assert model.data(model.index(row, 3)) == 1  # accepted count


def test_window_propagates_to_the_corpus_off_the_gui_thread_and_undo_cancels(
    qtbot, tmp_path, monkeypatch
):
    import threading

    from annotator.core.propagate import CorpusPropagation

    store = Store.open(tmp_path / "p.db")
    first = article_from_raw("肇庆高新区召开会议，肇庆高新区发展。", "a.txt")
    first.spans = [Span(0, 5, "LOC", "肇庆高新区", origin="rule")]
    first_id, _ = store.add_article(first)
    others = [
        store.add_article(article_from_raw(f"第{i}期：肇庆高新区企业。", f"{i}.txt"))[0]
        for i in range(5)
    ]
    gate, threads = threading.Event(), []
    original = CorpusPropagation.run

    def gated(self, st, **kw):
        threads.append(threading.current_thread())
        gate.wait(10)
        return original(self, st, **kw)

    monkeypatch.setattr(CorpusPropagation, "run", gated)
    win, session = open_window(qtbot, store, tmp_path, tasks=Tasks())
    session.resume()
    win.view.setFocus()
    assert session.article_id == first_id
    win.actions_by_id["propagate"].trigger()
    # This article at once; the rest on a worker, while the window goes on.
    assert [s.status.value for s in store.spans(first_id)] == ["accepted", "accepted"]
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert win.cancel_button.isVisible()
    win.actions_by_id["undo"].trigger()
    gate.set()
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=10_000)
    qtbot.wait(20)
    assert [s.status.value for s in store.spans(first_id)] == ["pending"]
    assert all(store.spans(i) == [] for i in others)
    assert not win.cancel_button.isVisible()
    # Again, to the end: one undo takes back this article and the corpus alike.
    win.actions_by_id["propagate"].trigger()
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=10_000)
    qtbot.waitUntil(lambda: all(len(store.spans(i)) == 1 for i in others), timeout=5000)
    assert "5" in win.message_label.text()
    win.actions_by_id["undo"].trigger()
    assert all(store.spans(i) == [] for i in others)
    win.close()
    store.close()


def test_list_filters_are_read_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    """A status filter or a search (a scan of every text for short queries) runs on a
    worker with its own connection; the list shows the result when it arrives, and a
    result overtaken by a newer filter is dropped."""
    import threading

    store = Store.open(tmp_path / "f.db")
    for i in range(6):
        art = article_from_raw(f"第{i}号：{'江门' if i % 2 else '佛山'}召开会议。", f"{i}.txt")
        store.add_article(art)
    threads = []
    original = Store.article_list_ids

    def recording(self, **kw):
        threads.append(threading.current_thread())
        return original(self, **kw)

    monkeypatch.setattr(Store, "article_list_ids", recording)
    set_language("en")
    session = Session(store, "tester")
    win = MainWindow(store, session, Settings(annotator="t", path=tmp_path / "s.json"), Tasks())
    qtbot.addWidget(win)
    win.show()
    threads.clear()
    model = win.articles.model
    win.articles.search.setText("江")
    win.articles.search.setText("江门")
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
    qtbot.waitUntil(lambda: not win.tasks.busy, timeout=5000)
    assert model.rowCount() == 3
    assert threads and all(t is not threading.main_thread() for t in threads)
    win.close()
    store.close()
