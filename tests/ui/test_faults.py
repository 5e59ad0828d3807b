"""The window under faults: a held lock, a damaged or read-only project (issue #12, 7, 8, 10)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.core.session import Session
from annotator.core.settings import Settings
from annotator.core.store import Store
from annotator.ui import main_window
from annotator.ui.main_window import MainWindow
from annotator.ui.tasks import Tasks
from tests.cli.test_faults import _corrupt, _project, _unprivileged


def _db_spans(path, article_id):
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT surface, status FROM spans WHERE article_id = ? ORDER BY start", (article_id,)
        ).fetchall()
    finally:
        conn.close()
    return rows


def _no_dialogs(monkeypatch):
    shown = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append(_n))
    return shown


def test_a_held_write_lock_queues_keys_and_never_opens_a_dialog(qtbot, window, monkeypatch):
    shown = _no_dialogs(monkeypatch)
    path = window.store.path
    article = window.session.article_id
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_Space)  # accept 江门市委书记
        qtbot.keyClick(window.view, Qt.Key.Key_X)  # reject 郭文海, after it
        # Both keys returned while the lock is still held: the window did not sit in
        # a wait, it queued them and says so.
        assert len(window._waiting) == 2
        assert "waiting" in window.message_label.text()
        assert _db_spans(path, article)[:2] == [("江门市委书记", "pending"), ("郭文海", "pending")]
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: not window._waiting, timeout=5000)
    assert _db_spans(path, article)[:2] == [("江门市委书记", "accepted"), ("郭文海", "rejected")]
    assert shown == []


def test_a_lock_held_too_long_gives_up_in_the_status_bar(qtbot, window, monkeypatch):
    shown = _no_dialogs(monkeypatch)
    monkeypatch.setattr(main_window, "LOCK_GIVE_UP_S", 0.3)
    other = sqlite3.connect(window.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not window._waiting, timeout=5000)
        assert "1 action(s) not saved" in window.message_label.text()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert shown == []
    # The next key works as usual once the lock is gone.
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert window.session.spans[0].status.value == "accepted"


def test_a_damaged_project_opens_read_only_and_is_never_written(qtbot, tmp_path, monkeypatch):
    shown = _no_dialogs(monkeypatch)
    db = tmp_path / "p.db"
    _project(db, n=150)
    _corrupt(db)
    before = db.read_bytes()
    store = Store.open(db)
    assert store.damaged
    session = Session(store, "tester")
    win = MainWindow(
        store, session, Settings(annotator="tester", path=None), Tasks(synchronous=True)
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    session.resume()
    assert "read-only" in win.windowTitle() and win.read_only_label.isVisible()
    win.view.setFocus()
    win.actions_by_id["mark_done"].trigger()  # refused, in words
    assert "damaged" in win.message_label.text()
    assert shown == []
    win.close()
    store.close()
    assert db.read_bytes() == before


def test_gui_opens_a_read_only_project(tmp_path):
    db = tmp_path / "p.db"
    _project(db)
    db.chmod(0o444)
    png = tmp_path / "shot.png"
    try:
        result = subprocess.run(
            [*_unprivileged(), sys.executable, "-m", "annotator.cli", "gui", "--db", str(db),
             "--screenshot", str(png)],
            capture_output=True, text=True, timeout=240,
            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_NAME": "t"},
        )  # fmt: skip
    finally:
        db.chmod(0o644)
    assert result.returncode == 0, result.stderr
    assert png.stat().st_size > 0
