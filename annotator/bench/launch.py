"""``annotator bench launch``: how long from process start until the window is useful.

Each measurement is a fresh process (``python -m annotator.bench.launch ...``), timed
from just before it is started: until the main window has painted the first article
with its highlights (``first_article_ms``), and until it is fully ready, the word edges
of that article loaded off the GUI thread (``ready_ms``). The same is measured for a
bare PySide6 window (a QTextEdit) showing the same text, so the figures can be read
against what Qt itself costs on this machine. The child's peak memory comes from
``os.wait4``. Without ``--db`` a project of the bundled samples is made first.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _run_child(
    args: list[str], env: dict[str, str], timeout: float
) -> tuple[dict[str, Any], float]:
    """Run a child; its last stdout line holds absolute times. (ms from start, peak MB)."""
    from annotator.bench.measure import run_measured

    run = run_measured(
        [sys.executable, "-m", "annotator.bench.launch", *args], env=env, timeout=timeout
    )
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or not lines:
        last = run.stderr.strip().splitlines()[-1:] or ["no output"]
        raise ValueError(f"launch child {args[0]} failed: {last[0]}")
    times = json.loads(lines[-1])
    return {k: round((v - run.started) * 1000, 1) for k, v in times.items()}, run.peak_mb


def _sample_project(folder: Path) -> Path:
    from annotator.core.importer import import_paths
    from annotator.core.resources import resource
    from annotator.core.store import Store

    db = folder / "samples.db"
    files = sorted(str(p) for p in resource("samples").iterdir() if p.name.endswith(".txt"))  # type: ignore[attr-defined]
    with Store.open(db) as store:
        import_paths(store, files)
    return db


def bench_launch(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="annotator-launch-"))
    db = Path(args.db) if args.db else _sample_project(work)
    env = dict(os.environ)
    if "QT_QPA_PLATFORM" not in env and not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["ANNOTATOR_HOME"] = str(work / "home")  # a first launch: no saved window state
    env["ANNOTATOR_NAME"] = "bench"
    runs: dict[str, list[dict[str, Any]]] = {"app": [], "bare": []}
    peaks: dict[str, float] = {"app": 0.0, "bare": 0.0}
    text_file = work / "text.txt"
    for _ in range(max(1, args.repeat)):
        app, peak = _run_child(["app", str(db), str(text_file)], env, args.timeout)
        runs["app"].append(app)
        peaks["app"] = max(peaks["app"], peak)
        bare, peak = _run_child(["bare", str(text_file)], env, args.timeout)
        runs["bare"].append(bare)
        peaks["bare"] = max(peaks["bare"], peak)

    def best(kind: str, key: str) -> float:
        return min(r[key] for r in runs[kind])

    first, bare_first = best("app", "first_article"), best("bare", "first_paint")
    return {
        "db": str(db),
        "chars": len(text_file.read_text(encoding="utf-8")),
        "repeat": max(1, args.repeat),
        "app": {
            "first_article_ms": first,
            "ready_ms": best("app", "ready"),
            "peak_mb": round(peaks["app"], 1),
        },
        "bare": {"first_paint_ms": bare_first, "peak_mb": round(peaks["bare"], 1)},
        "first_paint_ratio": round(first / bare_first, 2) if bare_first else None,
        "runs": runs,
    }


# ---------------------------------------------------------------------- children


def _child_app(db: str, text_file: str) -> None:
    from PySide6.QtCore import QTimer

    from annotator.core.settings import Settings
    from annotator.ui.app import open_window
    from annotator.ui.qt_app import application
    from annotator.ui.tasks import Tasks

    app = application()
    times: dict[str, float] = {}
    tasks = Tasks()
    window = open_window(Path(db), settings=Settings.load(), tasks=tasks, ask_name=lambda: "bench")
    article = window.session.article
    Path(text_file).write_text(article.text if article else "", encoding="utf-8")

    def painted(_at: float) -> None:
        if "first_article" not in times and window.session.article is not None:
            times["first_article"] = time.time()
            check()

    set_boundaries = window.view.set_boundaries

    def boundaries(edges: list[int]) -> None:
        set_boundaries(edges)
        times.setdefault("ready", time.time())
        check()

    def check() -> None:
        if "first_article" in times and "ready" in times:
            QTimer.singleShot(0, app.quit)

    window.view.repainted.connect(painted)
    window.view.set_boundaries = boundaries  # type: ignore[method-assign]
    window.show()
    app.exec()
    tasks.wait(10_000)
    print(json.dumps(times), flush=True)


def _child_bare(text_file: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit

    app = QApplication(sys.argv[:1])
    times: dict[str, float] = {}

    class Watch(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "first_paint" not in times:
                QTimer.singleShot(
                    0, lambda: (times.setdefault("first_paint", time.time()), app.quit())
                )
            return False

    window = QMainWindow()
    edit = QTextEdit()
    edit.setReadOnly(True)
    edit.setPlainText(Path(text_file).read_text(encoding="utf-8"))
    watch = Watch()
    edit.viewport().installEventFilter(watch)
    window.setCentralWidget(edit)
    window.resize(1440, 900)
    window.show()
    app.exec()
    print(json.dumps(times), flush=True)


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "app":
        _child_app(sys.argv[2], sys.argv[3])
    elif kind == "bare":
        _child_bare(sys.argv[2])
