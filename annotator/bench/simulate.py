"""``annotator bench simulate``: drive the real window with key events only.

Starting from the stored suggestions, an oracle that knows the gold picks the key an
expert would press next (accept, reject, relabel, nudge a boundary, select and label
what was missed, propagate, mark done). Every key is a real key event sent to the
real window, counted, and timed from the press to the end of the next repaint.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Gold = set[tuple[int, int, str]]


@dataclass
class Stats:
    keys: int = 0
    latencies: list[float] = field(default_factory=list)
    acks: int = 0


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Driver:
    """Sends keys to the window and measures key-to-repaint latency."""

    def __init__(self, window: Any, stats: Stats) -> None:
        from PySide6.QtWidgets import QApplication

        self.window = window
        self.app = QApplication.instance()
        self.stats = stats
        self._painted = 0.0
        window.view.repainted.connect(self._on_paint)

    def _on_paint(self, at: float) -> None:
        self._painted = at

    def key(self, key: Any, modifier: Any = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        modifier = modifier if modifier is not None else Qt.KeyboardModifier.NoModifier
        target = self.window.view
        # Let the previous key's follow-up work (span list, status bar) finish first:
        # a person's next key comes long after it, so it is not this key's latency.
        for _ in range(5):
            self.app.processEvents()  # type: ignore[union-attr]
        self._painted = 0.0
        started = time.perf_counter()
        QTest.keyClick(target, key, modifier)
        # Until the view has repainted; a key that changes nothing on screen (a refused
        # boundary move) gets no paint, so stop once the event queue has run dry.
        for _ in range(200):
            if self._painted >= started:
                break
            self.app.processEvents()  # type: ignore[union-attr]
        end = self._painted if self._painted >= started else time.perf_counter()
        self.stats.keys += 1
        self.stats.latencies.append((end - started) * 1000)


class Oracle:
    """Chooses the next key from the session state and the gold spans of the article."""

    def __init__(self, window: Any, driver: Driver) -> None:
        self.window = window
        self.session = window.session
        self.driver = driver
        self.labels = self.session.labels

    def _digit(self, label: str) -> Any:
        from PySide6.QtCore import Qt

        key = self.labels[label].key
        return getattr(Qt.Key, f"Key_{key}")

    def review(self, gold: Gold) -> None:
        from PySide6.QtCore import Qt

        s = self.session
        text = s.article.text
        self._gold = gold
        for _ in range(10_000):
            pending = [x for x in s.spans if x.status.value == "pending"]
            if not pending:
                break
            if all((p.start, p.end, p.label) in gold for p in pending):
                self.driver.key(Qt.Key.Key_A)
                break
            current = s.current_span()
            if current is None or current.status.value != "pending":
                self.driver.key(Qt.Key.Key_J)
                continue
            # Add what was missed before this span while the caret is near it.
            before = [g for g in self._uncovered(gold) if g[1] <= current.start]
            if before:
                self._create_one(before)
                continue
            key = (current.start, current.end, current.label)
            if key in gold:
                # P accepts the current span and its other occurrences in one key.
                if not self._maybe_propagate(gold, current.surface, current.label, text):
                    self.driver.key(Qt.Key.Key_Space)
                continue
            same = next((g for g in gold if g[:2] == key[:2]), None)
            if same is not None:
                self.driver.key(self._digit(same[2]))
                continue
            target = self._reachable(gold, current)
            if target is not None:
                self._reshape(current, target)
                continue
            self.driver.key(Qt.Key.Key_X)
        self._create_missing(gold)

    def _accepted(self) -> Gold:
        return {
            (x.start, x.end, x.label) for x in self.session.spans if x.status.value == "accepted"
        }

    def _maybe_propagate(self, gold: Gold, surface: str, label: str, text: str) -> bool:
        """Press P (on the current span) when every occurrence of the surface is gold
        with this label and at least two others would otherwise need work."""
        from PySide6.QtCore import Qt

        spots = [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]
        if len(spots) < 3 or not all((a, b, label) in gold for a, b in spots):
            return False
        ready = {(x.start, x.end) for x in self.session.spans if x.status.value == "accepted"} | {
            (x.start, x.end)
            for x in self.session.spans
            if x.status.value == "pending" and (x.start, x.end, x.label) in gold
        }
        if sum(1 for spot in spots if spot not in ready) >= 2:
            self.driver.key(Qt.Key.Key_P)
            return True
        return False

    def _reachable(self, gold: Gold, span: Any) -> tuple[int, int, str] | None:
        """A gold span this suggestion can be nudged into more cheaply than redoing it."""
        accepted = self._accepted()
        best = None
        for g in gold:
            if g in accepted or not (g[0] < span.end and span.start < g[1]):
                continue
            others = [
                x
                for x in self.session.spans
                if x.id != span.id
                and x.status.value != "rejected"
                and (x.start, x.end, x.label) in gold
                and x.start < g[1]
                and g[0] < x.end
            ]
            if others:
                continue
            cost = abs(g[0] - span.start) + abs(g[1] - span.end) + (g[2] != span.label)
            if cost <= 4 and (best is None or cost < best[0]):
                best = (cost, g)
        return best[1] if best else None

    def _reshape(self, span: Any, target: tuple[int, int, str]) -> None:
        from PySide6.QtCore import Qt

        s = self.session
        start, end = span.start, span.end
        char = Qt.KeyboardModifier.ShiftModifier  # one character per key
        # Grow first, then shrink, so the span never becomes empty.
        while start > target[0]:
            self.driver.key(Qt.Key.Key_Q, char)
            start -= 1
        while end < target[1]:
            self.driver.key(Qt.Key.Key_R, char)
            end += 1
        while start < target[0]:
            self.driver.key(Qt.Key.Key_W, char)
            start += 1
        while end > target[1]:
            self.driver.key(Qt.Key.Key_E, char)
            end -= 1
        current = s.current_span()
        if current is not None and current.label != target[2]:
            self.driver.key(self._digit(target[2]))
        elif current is not None and current.status.value != "accepted":
            self.driver.key(Qt.Key.Key_Space)

    def _moves(self) -> list[tuple[Any, Any, Any]]:
        """Caret keys and what each does to a position: (key, modifier, step)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QTextCursor

        view = self.window.view
        doc = view.document()
        edges = view._token_edges()
        ctrl = Qt.KeyboardModifier.ControlModifier
        none = Qt.KeyboardModifier.NoModifier
        op = QTextCursor.MoveOperation

        def by(operation: Any) -> Any:
            def step(pos: int) -> int:
                cursor = QTextCursor(doc)
                cursor.setPosition(pos)
                # Visual moves (up/down a line) need the view's layout, so use its cursor.
                view_cursor = view.textCursor()
                view_cursor.setPosition(pos)
                view_cursor.movePosition(operation)
                return view_cursor.position()

            return step

        def word(direction: int) -> Any:
            def step(pos: int) -> int:
                if direction > 0:
                    return next((e for e in edges if e > pos), pos)
                return next((e for e in reversed(edges) if e < pos), pos)

            return step

        return [
            (Qt.Key.Key_Right, none, by(op.NextCharacter)),
            (Qt.Key.Key_Left, none, by(op.PreviousCharacter)),
            (Qt.Key.Key_Down, none, by(op.Down)),
            (Qt.Key.Key_Up, none, by(op.Up)),
            (Qt.Key.Key_Home, none, by(op.StartOfLine)),
            (Qt.Key.Key_End, none, by(op.EndOfLine)),
            (Qt.Key.Key_Right, ctrl, word(1)),
            (Qt.Key.Key_Left, ctrl, word(-1)),
            (Qt.Key.Key_Home, ctrl, by(op.Start)),
            (Qt.Key.Key_End, ctrl, by(op.End)),
        ]

    def _routes(self, start: int) -> dict[int, tuple[int, Any, Any] | None]:
        """Breadth-first search over caret keys: how each position is reached fastest."""
        moves = self._moves()
        previous: dict[int, tuple[int, Any, Any] | None] = {start: None}
        frontier = [start]
        while frontier:
            nxt = []
            for pos in frontier:
                for key, mod, step in moves:
                    new = step(pos)
                    if new not in previous:
                        previous[new] = (pos, key, mod)
                        nxt.append(new)
            frontier = nxt
        return previous

    @staticmethod
    def _path(previous: dict[int, tuple[int, Any, Any] | None], goal: int) -> list[tuple[Any, Any]]:
        path: list[tuple[Any, Any]] = []
        node = goal
        while previous.get(node) is not None:
            pos, key, mod = previous[node]  # type: ignore[misc]
            path.append((key, mod))
            node = pos
        return list(reversed(path))

    def _uncovered(self, gold: Gold) -> list[tuple[int, int, str]]:
        """Gold spans no accepted or pending span stands for: they must be added."""
        live = [x for x in self.session.spans if x.status.value != "rejected"]
        return sorted(
            g
            for g in gold - self._accepted()
            if not any(x.start < g[1] and g[0] < x.end for x in live)
        )

    def _create_missing(self, gold: Gold) -> None:
        for _ in range(len(gold) + 5):
            missing = sorted(gold - self._accepted())
            if not missing:
                return
            self._create_one(missing)

    def _create_one(self, candidates: list[tuple[int, int, str]]) -> None:
        """Caret to the gold span reached in the fewest keys, select it, press its label."""
        from PySide6.QtCore import Qt

        view = self.window.view
        ctrl = Qt.KeyboardModifier.ControlModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        routes = self._routes(view.textCursor().position())
        start, end, label = min(
            candidates,
            key=lambda g: (len(self._path(routes, g[0])) if g[0] in routes else 10**6, g),
        )
        for key, mod in self._path(routes, start):
            self.driver.key(key, mod)
        if view.textCursor().position() != start:  # the layout disagreed: walk
            while view.textCursor().position() < start:
                self.driver.key(Qt.Key.Key_Right)
            while view.textCursor().position() > start:
                self.driver.key(Qt.Key.Key_Left)
        edges = view._token_edges()
        while view.textCursor().position() < end:
            pos = view.textCursor().position()
            nxt = next((e for e in edges if e > pos), None)
            if nxt is not None and nxt <= end and nxt - pos > 1:
                self.driver.key(Qt.Key.Key_Right, ctrl | shift)
            else:
                self.driver.key(Qt.Key.Key_Right, shift)
        self.driver.key(self._digit(label))
        text = self.session.article.text
        self._maybe_propagate(self._gold, text[start:end], label, text)


def _window(db_path: Path) -> Any:
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from annotator.core.session import Session
    from annotator.core.settings import Settings
    from annotator.core.store import Store
    from annotator.ui.app import application
    from annotator.ui.i18n import set_language
    from annotator.ui.main_window import MainWindow
    from annotator.ui.tasks import Tasks

    application()
    set_language("en")
    store = Store.open(db_path)
    settings = Settings(annotator="simulator", path=None)
    window = MainWindow(store, Session(store, "simulator"), settings, Tasks(synchronous=True))
    window.resize(1440, 900)
    window.show()
    return window


def _seed(db_path: Path, docs: list[tuple[str, list[tuple[int, int, str]]]]) -> None:
    from annotator.core.model import Article
    from annotator.core.store import Store
    from annotator.core.suggest import default_pipeline
    from annotator.core.text import detect_script, text_uid, title_of

    pipeline = default_pipeline()
    with Store.open(db_path) as store:
        if store.count_articles():
            return
        for text, _gold in docs:
            store.add_article(
                Article(
                    text=text,
                    source="gold",
                    title=title_of(text),
                    raw=text,
                    script=detect_script(text),
                    uid=text_uid(text),
                    spans=pipeline.suggest(text),
                )
            )


def _large_article() -> tuple[str, list[Any]]:
    """About 5,000 characters with 300 spans, from the bundled samples."""
    from annotator.bench.suggest import _texts
    from annotator.core.model import Span
    from annotator.core.suggest import default_pipeline

    text = "\n".join(_texts(None))
    while len(text) < 5000:
        text += "\n" + text
    text = text[:5000]
    spans = default_pipeline().suggest(text)
    taken = {(s.start, s.end) for s in spans}
    i = 0
    while len(spans) < 300 and i < len(text) - 2:
        if text[i : i + 2].strip() and all(not (a < i + 2 and i < b) for a, b in taken):
            spans.append(Span(i, i + 2, "LOC", text[i : i + 2], origin="bench"))
            taken.add((i, i + 2))
        i += 7
    spans.sort(key=lambda s: s.start)
    return text, spans[:300]


def bench_large(workdir: Path) -> dict[str, Any]:
    from PySide6.QtCore import Qt

    from annotator.core.model import Article
    from annotator.core.store import Store
    from annotator.core.text import text_uid

    text, spans = _large_article()
    db = workdir / "large.db"
    with Store.open(db) as store:
        store.add_article(Article(text=text, uid=text_uid(text), spans=spans, title="large"))
    window = _window(db)
    window.session.resume()
    stats = Stats()
    driver = Driver(window, stats)
    k = Qt.Key
    ctrl = Qt.KeyboardModifier.ControlModifier
    pattern = [
        k.Key_J,
        k.Key_J,
        k.Key_K,
        k.Key_Space,
        k.Key_X,
        k.Key_Q,
        k.Key_R,
        k.Key_2,
        k.Key_J,
        k.Key_E,
    ]
    for i in range(200):
        key = pattern[i % len(pattern)]
        if i % 25 == 24:
            driver.key(k.Key_Z, ctrl)
        else:
            driver.key(key)
    window.close()
    window.store.close()
    return {
        "chars": len(text),
        "spans": len(spans),
        "keys": stats.keys,
        "latency_ms": {
            "p50": round(_percentile(stats.latencies, 0.5), 2),
            "p95": round(_percentile(stats.latencies, 0.95), 2),
        },
    }


def bench_simulate(args: argparse.Namespace) -> dict[str, Any]:
    from annotator.core.evaluate import read_gold

    docs = read_gold(args.gold)
    gold_by_text = {text: {(s, e, lab) for s, e, lab in spans} for text, spans in docs}
    workdir = Path(tempfile.mkdtemp(prefix="annotator-sim-"))
    db_path = Path(args.db) if args.db else workdir / "simulate.db"
    _seed(db_path, docs)
    window = _window(db_path)
    stats = Stats()
    driver = Driver(window, stats)
    session = window.session

    if args.log_acks:

        def ack(what: str) -> None:
            if what == "spans":
                stats.acks += 1
                print(f"ack {stats.acks}", flush=True)

        session.subscribe(ack)

    from PySide6.QtCore import Qt

    oracle = Oracle(window, driver)
    started = time.perf_counter()
    if not session.resume():
        raise ValueError("the gold file has no articles")
    for _ in range(len(docs) + 1):
        article = session.article
        if article is None or article.status.value == "done":
            break
        gold = gold_by_text.get(article.text, set())
        oracle.review(gold)
        before = article.id
        driver.key(Qt.Key.Key_D)
        if session.article_id == before:
            break
    elapsed = time.perf_counter() - started
    reached = 0
    store = window.store
    for article_id in store.article_ids():
        article = store.article(article_id)
        got = {(s.start, s.end, s.label) for s in article.spans if s.status.value == "accepted"}
        reached += got == gold_by_text.get(article.text, set()) and article.status.value == "done"
    n_gold = sum(len(g) for g in gold_by_text.values())
    window.close()
    store.close()
    result: dict[str, Any] = {
        "articles": len(docs),
        "articles_at_gold": reached,
        "gold_entities": n_gold,
        "keys": stats.keys,
        "keys_per_entity": round(stats.keys / n_gold, 3) if n_gold else None,
        "latency_ms": {
            "p50": round(_percentile(stats.latencies, 0.5), 2),
            "p95": round(_percentile(stats.latencies, 0.95), 2),
        },
        "seconds": round(elapsed, 1),
    }
    if args.large:
        result["large"] = bench_large(workdir)
    print(f"simulated {stats.keys} keys on {len(docs)} articles", file=sys.stderr)
    return result
