"""Opening a real main window over a store, as the tests' fixtures do."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
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


@contextmanager
def resumed_window(
    qtbot: Any, store: Any, tmp_path: Any, *, view_width: int | None = None
) -> Iterator[MainWindow]:
    """A 1200x800 window over ``store``, resumed and focused on the article view (of a
    fixed width if given); closed, with the store, afterwards."""
    win, session = open_window(qtbot, store, tmp_path, tasks=Tasks(synchronous=True))
    win.resize(1200, 800)
    if view_width is not None:
        win.view.setFixedWidth(view_width)
    session.resume()
    win.view.setFocus()
    QApplication.processEvents()
    try:
        yield win
    finally:
        win.close()
        store.close()


def every_occurrence(text: str, names: Iterable[tuple[str, str]]) -> list[Span]:
    """A test span at every occurrence of each ``(name, label)`` in ``text``, in order."""
    out = []
    for name, label in names:
        start = text.find(name)
        while start >= 0:
            out.append(Span(start, start + len(name), label, name, origin="test"))
            start = text.find(name, start + len(name))
    return sorted(out, key=lambda s: s.start)
