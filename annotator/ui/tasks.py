"""Background work through one helper over QThreadPool.

``Tasks.run(fn, ...)`` calls ``fn(progress)`` on a worker thread and delivers the
result, the error, and progress reports on the GUI thread. With ``synchronous=True``
(tests, screenshots) it runs inline, so results arrive before ``run`` returns.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from annotator.core.faults import describe
from annotator.core.store import StoreError

Progress = Callable[[int, int, str], None]


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)


class _Relay(QObject):
    """Lives on the GUI thread, so signals from workers reach these slots queued there."""

    def __init__(
        self,
        on_progress: Callable[[int, int, str], None],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        super().__init__()
        self._progress, self._done, self._failed = on_progress, on_done, on_failed

    @Slot(int, int, str)
    def progress(self, done: int, total: int, detail: str) -> None:
        self._progress(done, total, detail)

    @Slot(object)
    def done(self, result: Any) -> None:
        self._done(result)

    @Slot(str)
    def failed(self, message: str) -> None:
        self._failed(message)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except (OSError, sqlite3.Error, StoreError) as exc:  # the environment: in words
            self.signals.failed.emit(str(exc) if isinstance(exc, StoreError) else describe(exc))
        except Exception as exc:  # delivered to the GUI as a message, never a crash
            traceback.print_exc()
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)


class Handle:
    """A started task: ask it to stop with :meth:`cancel` (it stops at its next check)."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        self._cancelled.set()

    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class Tasks(QObject):
    """Runs jobs off the GUI thread and reports how many are under way."""

    busy_changed = Signal(bool)
    progress = Signal(str, int, int, str)  # title, done, total, detail

    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running = 0
        self._keep: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(
        self,
        title: str,
        fn: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        cancellable: bool = False,
    ) -> Handle:
        """Run ``fn(progress)`` off the GUI thread; ``cancellable``: ``fn(progress,
        cancelled)``, where ``cancelled()`` turns true once the handle is cancelled."""
        handle = Handle()
        signals = _Signals()
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            handle.finished = True
            self._keep.discard(relay)
            self._running -= 1
            if self._running == 0:
                self.busy_changed.emit(False)

        def done(result: Any) -> None:
            finish()
            if on_done:
                on_done(result)

        def failed(message: str) -> None:
            finish()
            if on_error:
                on_error(message)

        relay = _Relay(lambda d, t, detail: self.progress.emit(title, d, t, detail), done, failed)
        self._keep.add(relay)
        signals.progress.connect(relay.progress)
        signals.done.connect(relay.done)
        signals.failed.connect(relay.failed)
        job = _Job((lambda p: fn(p, handle.cancelled)) if cancellable else fn, signals)
        if self.synchronous:
            job.run()
        else:
            self.pool.start(job)
        return handle

    def wait(self, msecs: int = 60_000) -> bool:
        return self.pool.waitForDone(msecs)
