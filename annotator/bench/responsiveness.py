"""``annotator bench responsiveness``: the longest GUI-thread stall per kind of action.

An event-loop watchdog, a timer that ticks every few milliseconds on the GUI
thread, records how late each tick comes: a late tick is a stall, the time the
window could not repaint or take a key. The real window (background work on real
worker threads) is driven through its actions: decisions (accept, reject, undo),
article switches (next, previous, a far row of the list), and list filters (each
status, a search). Each action is followed by a quiet spell in which its deferred
work (span list, list rows, word edges) runs, and the worst stall from the action
to the end of that spell is charged to it.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

TICK_MS = 5


class Watchdog:
    """Ticks on the GUI thread and remembers the longest gap since :meth:`reset`."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self.worst = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, (now - self._last) * 1000 - TICK_MS)
        self._last = now


def _spin(ms: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(ms), loop.quit)
    loop.exec()


def bench_responsiveness(args: argparse.Namespace) -> dict[str, Any]:
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt

    from annotator.core.session import Session
    from annotator.core.settings import Settings
    from annotator.core.store import Store
    from annotator.ui.i18n import set_language
    from annotator.ui.main_window import MainWindow
    from annotator.ui.qt_app import application
    from annotator.ui.tasks import Tasks

    if not args.db:
        raise ValueError("bench responsiveness needs --db (a project to drive, e.g. bench corpus)")
    application()
    set_language("en")
    store = Store.open(Path(args.db))
    settings = Settings(annotator="bench-responsiveness", path=None)
    session = Session(store, "bench-responsiveness")
    tasks = Tasks()
    opened = time.perf_counter()
    window = MainWindow(store, session, settings, tasks)
    window.resize(1440, 900)
    window.show()
    # Start on an ordinary article (the first may be a 160k-character one).
    ids = store.article_ids()
    start_at = ids[min(len(ids) - 1, args.skip)] if ids else None
    if start_at is None:
        raise ValueError("the project has no articles")
    session.open_article(start_at)
    # Measured from when the window is fully ready: until the worker has brought the
    # word edges (the dictionaries load once, seconds), a decision that needs them
    # computes them on the GUI thread. Reported apart as ``ready_s``.
    deadline = time.perf_counter() + args.settle / 1000
    while session._edges[0] != start_at and time.perf_counter() < deadline:
        _spin(50)
    ready_s = time.perf_counter() - opened
    _spin(500)
    dog = Watchdog()
    dog.start()
    stalls: dict[str, list[float]] = {"decision": [], "article_switch": [], "list_filter": []}
    trace: list[tuple[str, str, float]] = []
    actions = window.actions_by_id

    def measure(kind: str, name: str, act: Callable[[], object]) -> None:
        _spin(30)  # the previous action's follow-up has run
        dog.reset()
        act()
        _spin(args.quiet)
        stalls[kind].append(round(dog.worst, 1))
        trace.append((kind, name, round(dog.worst, 1)))

    for round_ in range(args.rounds):
        for name in ("accept", "reject", "accept", "undo", "redo", "accept_all", "undo"):
            if session.current_span() is None and name in ("accept", "reject"):
                actions["next_span"].trigger()
            measure("decision", name, actions[name].trigger)
        measure("article_switch", "next_article", actions["next_article"].trigger)
        measure("article_switch", "prev_article", actions["prev_article"].trigger)
        measure("article_switch", "next_article", actions["next_article"].trigger)
        model, combo, search = window.articles.model, window.articles.filter, window.articles.search
        row = (model.rowCount() * (round_ + 1)) // (args.rounds + 1)
        far = model.data(model.index(row, 0), Qt.ItemDataRole.UserRole)
        measure("article_switch", "list_row", partial(window.articles.article_chosen.emit, far))
        for i in range(1, combo.count()):
            measure("list_filter", f"status:{combo.itemData(i)}", partial(combo.setCurrentIndex, i))
        measure("list_filter", "status:all", partial(combo.setCurrentIndex, 0))
        query = args.search[round_ % len(args.search)]
        measure("list_filter", f"search:{query}", partial(search.setText, query))
        measure("list_filter", "search:cleared", search.clear)
    dog.timer.stop()
    tasks.wait(30_000)
    window.close()
    store.close()
    worst = {k: max(v) if v else 0.0 for k, v in stalls.items()}
    over = [t for t in trace if t[2] > args.limit]
    return {
        "db": args.db,
        "articles": len(ids),
        "window_ready_s": round(ready_s, 2),
        "tick_ms": TICK_MS,
        "limit_ms": args.limit,
        "worst_stall_ms": worst,
        "median_stall_ms": {k: sorted(v)[len(v) // 2] if v else 0.0 for k, v in stalls.items()},
        "actions": {k: len(v) for k, v in stalls.items()},
        "over_limit": [{"kind": k, "action": n, "ms": ms} for k, n, ms in over],
    }
