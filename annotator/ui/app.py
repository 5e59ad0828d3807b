"""``annotator gui``: start the desktop app (or render a screenshot and exit)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.core.paths import data_dir
from annotator.core.session import Session
from annotator.core.settings import Settings
from annotator.core.store import Store, StoreError
from annotator.ui import dialogs
from annotator.ui.i18n import set_language, tr
from annotator.ui.main_window import MainWindow
from annotator.ui.qt_app import application, install_qt_translations
from annotator.ui.tasks import Tasks
from annotator.ui.theme import apply_theme

AskName = Callable[[], str | None]


def show_error(parent: QWidget | None, message: str) -> None:
    """A modal error (module-level, so tests replace it instead of patching Qt)."""
    QMessageBox.critical(parent, tr("error.title"), message)


def ask_name_dialog() -> str | None:
    return dialogs.ask_name(None, getpass.getuser())


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def sample_files() -> list[str]:
    from annotator.core.resources import resource

    folder = resource("samples")
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".txt"))  # type: ignore[attr-defined]


def project_path(args: argparse.Namespace, settings: Settings) -> tuple[Path, bool]:
    """The project to open, and whether it is the sample project (seeded if empty).

    First launch with nothing chosen: the sample project, so a double-click shows
    something to work on; after that, the last project opened.
    """
    if getattr(args, "demo", False):
        return demo_db_path(), True
    if args.db:
        return Path(args.db).expanduser(), False
    if os.environ.get("ANNOTATOR_DB"):
        return Path(os.environ["ANNOTATOR_DB"]).expanduser(), False
    if settings.last_project and Path(settings.last_project).exists():
        path = Path(settings.last_project)
        return path, path == demo_db_path()
    default = data_dir() / "project.db"
    if default.exists():
        return default, False
    return demo_db_path(), True


def open_window(
    path: Path,
    *,
    settings: Settings,
    tasks: Tasks,
    ask_name: AskName = ask_name_dialog,
    seed_demo: bool = False,
) -> MainWindow:
    """Open a project in a new main window (importing the samples into an empty demo)."""
    store = Store.open(path)
    name, saved = settings.annotator, True
    if not name:
        name = os.environ.get("ANNOTATOR_NAME") or ask_name() or ""
        if name:
            settings.annotator = name
            settings.save()
        else:
            # Cancelled: work under the login name for now, say so, keep nothing.
            name, saved = getpass.getuser(), False
    session = Session(store, name)
    window = MainWindow(store, session, settings, tasks)
    if not saved:
        window.notify(tr("bar.name_not_saved", name=name), 20000)
    window.open_other_project = lambda p: _switch(window, Path(p), settings, tasks, ask_name)  # type: ignore[method-assign]
    if seed_demo and store.count_articles() == 0:
        window.import_files(sample_files())
    else:
        session.resume()
    settings.last_project = str(path)
    settings.save()
    return window


def _switch(
    window: MainWindow, path: Path, settings: Settings, tasks: Tasks, ask_name: AskName
) -> None:
    try:
        new = open_window(path, settings=settings, tasks=tasks, ask_name=ask_name)
    except StoreError as exc:
        show_error(window, str(exc))
        return
    show_window(new)
    window.close()
    window.store.close()


def run_gui(args: argparse.Namespace) -> int:
    from annotator.ui.qt_libraries import problem

    missing = problem()  # before Qt's plugin loader, which would abort the process
    if missing:
        print(f"annotator: {missing}", file=sys.stderr)
        return 1
    app = application()
    settings = Settings.load()
    install_qt_translations(app, set_language(getattr(args, "lang", None) or settings.language))
    apply_theme(app, settings.theme)
    screenshot = getattr(args, "screenshot", None)
    tasks = Tasks()
    path, is_demo = project_path(args, settings)
    try:
        window = open_window(
            path,
            settings=settings,
            tasks=tasks,
            ask_name=(lambda: None) if screenshot else ask_name_dialog,
            seed_demo=is_demo,
        )
    except StoreError as exc:
        if screenshot:
            print(f"annotator: {exc}", file=sys.stderr)
        else:
            show_error(None, str(exc))
        return 1
    if screenshot:
        return take_screenshot(app, window, Path(screenshot))
    show_window(window)
    return app.exec()


def show_window(window: MainWindow) -> None:
    """Show the window with the keyboard on the text, so the first key decides."""
    window.show()
    window.focus_text()
    QTimer.singleShot(0, window.focus_text)  # again once the window is mapped


def _settle(app: QApplication, tasks: Tasks, timeout_s: float = 180.0) -> None:
    """Process events until background work (on worker threads) has finished."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if not tasks.busy:
            app.processEvents()
            if not tasks.busy:
                return


def take_screenshot(app: QApplication, window: MainWindow, target: Path) -> int:
    """Render the first unfinished article with its highlights, save a PNG, exit 0.

    Background work runs on worker threads as in normal use (dictionaries never load
    on the GUI thread); the picture is taken once it has all arrived.
    """
    window.show()
    window.focus_text()
    _settle(app, window.tasks)  # e.g. the sample project being imported
    article_id = window.session.first_unfinished() or (window.store.article_ids() or [None])[0]
    if article_id is not None:
        window.session.open_article(article_id)
    _settle(app, window.tasks)  # word edges for the article
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(target))
    window.close()
    if not ok:
        print(f"annotator: could not write {target}", file=sys.stderr)
        return 1
    print(str(target))
    return 0
