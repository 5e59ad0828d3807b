"""Retraining the project's suggestion model in the background, as articles are done.

crfsuite holds the GIL while it trains, so a thread would freeze the window: the
training runs as ``annotator train`` in a child process (QProcess), which also refreshes
the suggestions of the next untouched articles. Marking several articles done in a row
starts one run after the last, and one more if articles were done while it ran.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QProcess, QTimer

# Untouched articles whose suggestions each retraining refreshes (the next ones met).
REFRESH = 20
# Wait this long after the last article marked done before training (ms).
DELAY_MS = 3000


def annotator_command() -> list[str]:
    """How to run this same annotator as a command: the bundle's program, or Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "annotator"]


class ModelTrainer(QObject):
    """Runs ``annotator train --db PATH`` after articles are marked done."""

    def __init__(
        self, db_path: str, on_trained: Callable[[dict[str, object]], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.on_trained = on_trained
        self.enabled = os.environ.get("ANNOTATOR_BACKGROUND_TRAIN", "1") != "0"
        self._again = False
        self._process: QProcess | None = None
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self._start)

    @property
    def running(self) -> bool:
        return self._process is not None

    def schedule(self) -> None:
        if not self.enabled or self.db_path == ":memory:":
            return
        if self._process is not None:
            self._again = True
        else:
            self._timer.start()

    def _start(self) -> None:
        program, *args = annotator_command()
        args += ["train", "--db", self.db_path, "--refresh-new", str(REFRESH)]
        process = QProcess(self)
        process.finished.connect(self._finished)
        self._process = process
        process.start(program, args)

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        process, self._process = self._process, None
        if process is not None:
            out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
            process.deleteLater()
            summary = _last_json(out) if code == 0 else None
            if summary is not None:
                self.on_trained(summary)
        if self._again:
            self._again = False
            self._timer.start()

    def stop(self, msecs: int = 3000) -> None:
        """On close: stop waiting, let a run in flight end (it writes in one transaction)."""
        self._timer.stop()
        self._again = False
        if self._process is not None:
            self._process.waitForFinished(msecs)
            if self._process is not None and self._process.state() != QProcess.NotRunning:
                self._process.kill()
                self._process.waitForFinished(1000)


def _last_json(out: str) -> dict[str, object] | None:
    lines = out.strip().splitlines()
    try:
        found = json.loads(lines[-1]) if lines else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None
