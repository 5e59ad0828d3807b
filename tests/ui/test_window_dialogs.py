"""Projects, import, export, the annotator's name, focus and language in the window.

Dialogs are functions in annotator.ui.dialogs; tests stand in for them (monkeypatch)
and check what the window does with the answer, and build the real dialogs to check
what they would offer.
"""

from __future__ import annotations

import argparse
import getpass
import io
import json
import stat

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.core.settings import Settings
from annotator.core.store import Store
from annotator.ui import app as gui
from annotator.ui import dialogs
from annotator.ui.i18n import set_language, tr_error
from annotator.ui.main_window import first_size
from annotator.ui.tasks import Tasks

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _texts(folder, n, first=0):
    folder.mkdir(parents=True, exist_ok=True)
    names = ["江门", "清远", "汕头", "湛江", "茂名", "肇庆"]
    for i in range(first, first + n):
        (folder / f"{i}.txt").write_text(
            f"{names[i % 6]}市第{i}次会议在{names[i % 6]}召开。", "utf-8"
        )


def _open(qtbot, tmp_path, ask_name=lambda: "Amy", path=None):
    settings = Settings(path=tmp_path / "settings.json")
    win = gui.open_window(
        path or tmp_path / "p.db",
        settings=settings,
        tasks=Tasks(synchronous=True),
        ask_name=ask_name,
    )
    qtbot.addWidget(win)
    return win, settings


def _show(qtbot, win):
    gui.show_window(win)
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.view.hasFocus)


# ---------------------------------------------------------------- defect 5: projects
def test_the_open_dialog_accepts_a_new_file_name(qtbot, tmp_path):
    dialog = dialogs.project_dialog(None, str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    assert dialog.fileMode() is QFileDialog.FileMode.AnyFile
    dialog.show()
    dialog.selectFile(str(tmp_path / "brand-new.db"))
    dialog.accept()
    assert dialog.result() == QFileDialog.DialogCode.Accepted
    assert dialog.selectedFiles() == [str(tmp_path / "brand-new.db")]


def test_ctrl_o_on_a_new_name_opens_a_new_empty_project(qtbot, tmp_path, monkeypatch):
    win, _settings = _open(qtbot, tmp_path)
    _show(qtbot, win)
    target = tmp_path / "team" / "new.db"
    monkeypatch.setattr(dialogs, "ask_project", lambda parent, start: str(target))
    opened = []
    win.open_other_project = opened.append
    qtbot.keyClick(win.view, Qt.Key.Key_O, CTRL)
    assert opened == [str(target)]
    new = gui.open_window(target, settings=win.settings, tasks=win.tasks, ask_name=lambda: "Amy")
    qtbot.addWidget(new)
    assert target.exists() and new.store.count_articles() == 0


def test_import_a_folder_with_its_subfolders(qtbot, tmp_path, monkeypatch):
    win, _settings = _open(qtbot, tmp_path)
    _show(qtbot, win)
    _texts(tmp_path / "in", 2)
    _texts(tmp_path / "in" / "deeper" / "still", 3, first=10)
    monkeypatch.setattr(dialogs, "ask_import_folder", lambda parent, start: str(tmp_path / "in"))
    qtbot.keyClick(win.view, Qt.Key.Key_I, CTRL | SHIFT)
    assert win.store.count_articles() == 5
    assert win.session.article is not None


# ---------------------------------------------------------------- defect 7: progress
def test_window_import_shows_count_rate_and_articles_as_they_arrive(qtbot, tmp_path, monkeypatch):
    win, _settings = _open(qtbot, tmp_path)
    _show(qtbot, win)
    win.ARRIVALS_EVERY_S = 0.0
    _texts(tmp_path / "in", 6)
    seen = []

    def watch(title, done, total, detail):
        seen.append((win.task_label.text(), win.articles.model.rowCount(), win.header.text()))

    win.tasks.progress.connect(watch, Qt.ConnectionType.DirectConnection)
    win.import_files([str(tmp_path / "in")])
    texts = [t for t, _n, _h in seen]
    assert any("/6" in t and "/s" in t for t in texts), texts
    assert any(" left" in t for t in texts), texts
    # The list fills while the import runs, and the centre never says "no articles".
    assert max(n for _t, n, _h in seen) >= 4
    assert all("No articles yet" not in h for _t, _n, h in seen)
    assert win.session.article is not None


def test_cli_progress_line_has_total_rate_and_time_left():
    from annotator.cli import Progress

    progress = Progress(io.StringIO())
    progress.set_total(300)
    line = progress.line(0, "a.txt")
    assert line.startswith("[0/300 · ")
    progress.meter._start -= 10  # ten seconds in
    line = progress.line(120, "folder/b.txt")
    assert line.startswith("[120/300 · 12.0/s · 0:15 left] ")


# ---------------------------------------------------------------- defect 8: first size
def test_first_size_fits_the_screen_at_200_percent():
    # A 1600×1000 screen at QT_SCALE_FACTOR=2 offers about 800×470 logical pixels.
    size = first_size(QSize(800, 470))
    assert size.width() <= 800 and size.height() <= 470
    assert first_size(QSize(2560, 1400)) == QSize(1440, 900)


def test_the_window_opens_inside_the_available_screen(qtbot, tmp_path):
    win, _settings = _open(qtbot, tmp_path)
    available = win.screen().availableGeometry()
    assert win.width() <= available.width() and win.height() <= available.height()
    # With an article open (long meta line, long status texts) the window can still
    # shrink to a 1600×1000 screen at 200%: no label insists on its full width.
    _texts(tmp_path / "in", 2)
    win.import_files([str(tmp_path / "in")])
    win.notify("Imported 2, 0 already present, 0 failed and a long tail of words " * 3)
    win.show()
    QApplication.processEvents()
    hint = win.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 470, hint
    # A geometry saved on a bigger screen is brought back inside this one.
    win.resize(available.width() * 2, available.height() * 2)
    win.close()
    again, _ = _open(qtbot, tmp_path)
    assert again.width() <= available.width() and again.height() <= available.height()


# ---------------------------------------------------------------- defect 13: the name
def test_cancelling_the_name_dialog_records_nothing_and_says_so(qtbot, tmp_path):
    win, settings = _open(qtbot, tmp_path, ask_name=lambda: None)
    assert settings.annotator == ""
    assert Settings.load(tmp_path / "settings.json").annotator == ""
    assert win.session.annotator == getpass.getuser()
    assert getpass.getuser() in win.message_label.text()
    assert "Ctrl+Shift+N" in win.message_label.text()


def test_the_name_can_be_changed_later(qtbot, tmp_path, monkeypatch):
    win, _settings = _open(qtbot, tmp_path)
    _show(qtbot, win)
    _texts(tmp_path / "in", 1)
    win.import_files([str(tmp_path / "in")])
    monkeypatch.setattr(dialogs, "ask_name", lambda parent, current: "Bo")
    qtbot.keyClick(win.view, Qt.Key.Key_N, CTRL | SHIFT)
    assert win.session.annotator == "Bo"
    assert Settings.load(tmp_path / "settings.json").annotator == "Bo"
    assert "Bo" in win.annotator_label.text()
    if win.session.current_span() is not None:
        qtbot.keyClick(win.view, Qt.Key.Key_Space)
        assert {s.annotator for s in win.store.spans(win.session.article_id) if s.annotator} == {
            "Bo"
        }


# ---------------------------------------------------------------- defect 14: focus
def test_focus_is_on_the_text_at_start_up(qtbot, tmp_path):
    win, _ = _open(qtbot, tmp_path)
    gui.show_window(win)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.view)


def test_focus_returns_to_the_text_after_a_dialog(qtbot, tmp_path, monkeypatch):
    win, _ = _open(qtbot, tmp_path)
    _show(qtbot, win)
    for action, name, answer in (
        ("import", "ask_import_files", []),
        ("import_folder", "ask_import_folder", None),
        ("export", "ask_export", None),
        ("open", "ask_project", None),
        ("set_name", "ask_name", None),
    ):
        monkeypatch.setattr(dialogs, name, lambda *a, answer=answer: answer)
        win.articles.search.setFocus()
        qtbot.waitUntil(win.articles.search.hasFocus)
        win.actions_by_id[action].trigger()
        qtbot.waitUntil(win.view.hasFocus)


# ---------------------------------------------------------------- defect 15: export
def test_window_export_chooses_format_status_and_pending(qtbot, tmp_path, monkeypatch):
    win, _ = _open(qtbot, tmp_path)
    _show(qtbot, win)
    _texts(tmp_path / "in", 2)
    win.import_files([str(tmp_path / "in")])
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(
        dialogs,
        "ask_export",
        lambda parent, start: dialogs.ExportChoice(str(out), "jsonl", "all", True),
    )
    qtbot.keyClick(win.view, Qt.Key.Key_E, CTRL)
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 2  # none is done: "all" was honoured
    assert any(e["status"] == "pending" for r in records for e in r["entities"])
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # readable by others, not 0600
    conll = tmp_path / "out.conll"
    monkeypatch.setattr(
        dialogs,
        "ask_export",
        lambda parent, start: dialogs.ExportChoice(str(conll), "conll", "all", True),
    )
    qtbot.keyClick(win.view, Qt.Key.Key_E, CTRL)
    assert "\tB-" in conll.read_text("utf-8") or " B-" in conll.read_text("utf-8")


def test_window_export_of_nothing_done_says_how_to_get_something(qtbot, tmp_path, monkeypatch):
    win, _ = _open(qtbot, tmp_path)
    _show(qtbot, win)
    _texts(tmp_path / "in", 1)
    win.import_files([str(tmp_path / "in")])
    warned = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: warned.append(text))
    win.export(dialogs.ExportChoice(str(tmp_path / "x.jsonl"), "jsonl", "done", False))
    assert warned and "Every article" in warned[0]


# ---------------------------------------------------------------- defect 10: language
def test_first_run_name_dialog_and_file_dialogs_speak_chinese(qtbot, tmp_path):
    set_language("zh")
    try:
        name = dialogs.name_dialog(None, "amy")
        qtbot.addWidget(name)
        assert name.labelText().startswith("请输入")
        assert (name.okButtonText(), name.cancelButtonText()) == ("确定", "取消")
        files = dialogs.project_dialog(None, str(tmp_path))
        qtbot.addWidget(files)
        assert files.labelText(QFileDialog.DialogLabel.LookIn) == "查找范围："
        assert files.labelText(QFileDialog.DialogLabel.FileType) == "文件类型："
    finally:
        set_language("en")


def test_import_errors_in_chinese(qtbot, tmp_path, monkeypatch):
    set_language("zh")
    try:
        assert tr_error("no such file or folder") == "没有这个文件或文件夹"
        assert tr_error("something new") == "something new"
        win, _ = _open(qtbot, tmp_path)
        warned = []
        monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: warned.append(text))
        (tmp_path / "empty.txt").write_bytes(b"")
        win.import_files([str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt")])
        assert "missing.txt: 没有这个文件或文件夹" in warned[0]
        assert "empty.txt: 文件是空的" in warned[0]
    finally:
        set_language("en")


def test_project_path_unused_arguments_stay_compatible(tmp_path):
    """gui's own choice of project still works with the CLI's namespace."""
    settings = Settings(path=tmp_path / "s.json")
    path, _demo = gui.project_path(argparse.Namespace(demo=True, db=None), settings)
    assert path == gui.demo_db_path()
    assert Store  # imported for the projects above
