"""Opening projects: first run, demo seeding, switching projects, refusing bad files."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QApplication

from annotator.core.settings import Settings
from annotator.core.store import Store
from annotator.ui import app as gui
from annotator.ui.tasks import Tasks


def _launch(qtbot, settings, ask_name):
    """Start the app as a plain double-click would: no --demo, no --db."""
    path, is_demo = gui.project_path(argparse.Namespace(demo=False, db=None), settings)
    win = gui.open_window(
        path,
        settings=settings,
        tasks=Tasks(synchronous=True),
        ask_name=ask_name,
        seed_demo=is_demo,
    )
    qtbot.addWidget(win)
    return win, path, is_demo


def test_first_run_asks_the_name_once_and_seeds_the_demo(qtbot, tmp_path):
    settings = Settings(path=tmp_path / "settings.json")
    asked = []
    win, path, is_demo = _launch(qtbot, settings, lambda: asked.append(1) or "Amy")
    assert is_demo and path == gui.demo_db_path()
    assert asked == [1] and settings.annotator == "Amy"
    assert win.store.count_articles() == 5
    assert win.session.article is not None and win.session.spans
    assert Settings.load(tmp_path / "settings.json").last_project == str(path)
    win.close()
    # Second launch: no question, back on the same project.
    win2, again, _ = _launch(qtbot, settings, lambda: asked.append(2) or "x")
    assert again == path
    assert asked == [1] and win2.store.count_articles() == 5
    win2.close()


def test_switching_projects_opens_a_new_window(qtbot, tmp_path, monkeypatch):
    settings = Settings(annotator="Amy", path=tmp_path / "settings.json")
    other = tmp_path / "other.db"
    Store.open(other).close()
    win = gui.open_window(tmp_path / "first.db", settings=settings, tasks=Tasks(synchronous=True))
    qtbot.addWidget(win)
    win.show()
    win.open_other_project(str(other))
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "store")]
    assert [w.store.path for w in windows] == [str(other)]
    for w in windows:
        qtbot.addWidget(w)
        w.close()


def test_a_file_that_is_not_a_project_is_refused_with_a_message(qtbot, tmp_path, monkeypatch):
    settings = Settings(annotator="Amy", path=tmp_path / "settings.json")
    win = gui.open_window(tmp_path / "first.db", settings=settings, tasks=Tasks(synchronous=True))
    qtbot.addWidget(win)
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"not a database" * 100)
    shown = []
    monkeypatch.setattr(gui, "show_error", lambda parent, message: shown.append(message))
    win.open_other_project(str(bad))
    assert shown and "not an annotator database" in shown[0]
    assert win.store.path == str(tmp_path / "first.db")
    win.close()
