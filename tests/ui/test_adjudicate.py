"""Adjudication from the keyboard: a merge of two annotators becomes the first one's gold."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from annotator.core.export import export
from annotator.core.importer import import_paths
from annotator.core.merge import merge
from annotator.core.session import Session
from annotator.core.settings import Settings
from annotator.core.store import Store
from annotator.ui.i18n import set_language
from annotator.ui.main_window import MainWindow
from annotator.ui.tasks import Tasks
from tests.team_data import DOCS, changed, write_gold


def _db(tmp_path, name, docs):
    gold = tmp_path / f"{name}.jsonl"
    write_gold(gold, docs, annotator=name)
    path = tmp_path / f"{name}.db"
    with Store.open(path) as store:
        assert import_paths(store, [gold], suggest=False).added == len(docs)
    return path


@pytest.fixture
def team(tmp_path):
    a = _db(tmp_path, "alice", DOCS)
    b = _db(tmp_path, "bob", changed(DOCS)[0])
    path = tmp_path / "team.db"
    merge([a, b], path)
    return path


@pytest.fixture
def adjudicator(qtbot, team, tmp_path):
    set_language("en")
    store = Store.open(team)
    session = Session(store, "carol")
    win = MainWindow(
        store,
        session,
        Settings(annotator="carol", path=tmp_path / "s.json"),
        Tasks(synchronous=True),
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # window shortcuts need the active window
    session.resume()
    win.view.setFocus()
    yield win
    win.close()
    store.close()


def _press(qtbot, win, key):
    qtbot.keyClick(win.view, key)
    qtbot.waitUntil(lambda: not win._panel_dirty)


def _exported(store, path):
    export(store, "jsonl", str(path), status="done")
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        docs.append(
            (obj["text"], sorted((e["start"], e["end"], e["label"]) for e in obj["entities"]))
        )
    return docs


def test_picking_the_first_annotator_everywhere_gives_their_gold(qtbot, adjudicator, tmp_path):
    win, s = adjudicator, adjudicator.session
    qtbot.waitUntil(win.difference.isVisible)
    assert s.sides() == ["alice", "bob"]
    for _ in range(len(DOCS) * 10):
        if not any(span.status.value == "pending" for span in s.spans):
            if s.article.status.value == "done":
                break
            _press(qtbot, win, Qt.Key.Key_D)
            continue
        assert "alice" in win.difference.rows[0].text()
        _press(qtbot, win, Qt.Key.Key_U)
    assert win.store.count_articles("done") == len(DOCS)
    got = _exported(win.store, tmp_path / "gold.jsonl")
    assert sorted(got) == sorted((text, sorted(spans)) for text, spans in DOCS)
    # Who decided what: the adjudicator, and whose version won.
    picks = [e for e in win.store.events() if e["action"] == "pick"]
    assert picks and {e["annotator"] for e in picks} == {"carol"}
    assert {e["payload"]["picked"] for e in picks} == {"alice"}


def test_each_key_takes_its_side_and_undo_brings_the_difference_back(qtbot, adjudicator):
    win, s = adjudicator, adjudicator.session
    while not s.difference():
        _press(qtbot, win, Qt.Key.Key_L)
    group = s.difference()
    _press(qtbot, win, Qt.Key.Key_I)  # bob's version
    after = {span.id: span for span in win.store.spans(s.article_id)}
    for span in group:
        want = "accepted" if "bob" in span.annotator.split("+") else "rejected"
        assert after[span.id].status.value == want
    qtbot.keyClick(win.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = {span.id: span for span in win.store.spans(s.article_id)}
    assert all(undone[span.id].status.value == "pending" for span in group)
    s.set_current(group[0].id)
    assert s.difference() == group
    _press(qtbot, win, Qt.Key.Key_O)  # neither
    after = {span.id: span for span in win.store.spans(s.article_id)}
    assert all(after[span.id].status.value == "rejected" for span in group)
