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
    set_language("en")
    settings = Settings(annotator="tester", path=tmp_path / "settings.json")
    session = Session(store, "tester")
    win = MainWindow(store, session, settings, Tasks(synchronous=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
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
