"""Slow work (jieba, import) happens on worker threads, never on the GUI thread."""

from __future__ import annotations

import threading

from annotator.core.session import Session
from annotator.core.settings import Settings
from annotator.core.suggest import segment
from annotator.ui.main_window import MainWindow
from annotator.ui.tasks import Tasks


def test_segmenter_runs_off_the_gui_thread(qtbot, project, tmp_path, monkeypatch):
    seen: list[str] = []
    real_tokens = segment.tokens

    def recording(text):
        seen.append(threading.current_thread().name)
        return real_tokens(text)

    monkeypatch.setattr(segment, "tokens", recording)
    tasks = Tasks()
    session = Session(project, "tester")
    win = MainWindow(
        project, session, Settings(annotator="tester", path=tmp_path / "s.json"), tasks
    )
    qtbot.addWidget(win)
    win.show()
    session.resume()
    qtbot.waitUntil(lambda: bool(win.view._boundaries), timeout=60_000)
    assert seen and threading.main_thread().name not in seen
    assert not tasks.busy
    win.close()


def test_import_from_the_window_runs_in_the_background(qtbot, project, tmp_path):
    tasks = Tasks()
    session = Session(project, "tester")
    win = MainWindow(
        project, session, Settings(annotator="tester", path=tmp_path / "s.json"), tasks
    )
    qtbot.addWidget(win)
    src = tmp_path / "new.txt"
    src.write_text("4月10日，江门市委召开全会。", encoding="utf-8")
    with qtbot.waitSignal(
        tasks.busy_changed, timeout=60_000, check_params_cb=lambda busy: not busy
    ):
        win.import_files([str(src)])
        assert tasks.busy  # returned at once; the work is on a worker thread
    assert project.count_articles() == 4
    qtbot.waitUntil(lambda: win.articles.model.rowCount() == 4)
    win.close()
