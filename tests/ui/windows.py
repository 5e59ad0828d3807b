"""Opening a real main window over a store, as the tests' fixtures do."""

from __future__ import annotations

from typing import Any

from annotator.core.session import Session
from annotator.core.settings import Settings
from annotator.ui.i18n import set_language
from annotator.ui.main_window import MainWindow
from annotator.ui.tasks import Tasks


def open_window(
    qtbot: Any, store: Any, tmp_path: Any, *, tasks: Tasks, annotator: str = "tester"
) -> tuple[MainWindow, Session]:
    """An English window over ``store``, shown and exposed; the session not yet resumed."""
    set_language("en")
    settings = Settings(annotator=annotator, path=tmp_path / "settings.json")
    session = Session(store, annotator)
    win = MainWindow(store, session, settings, tasks)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win, session
