"""``annotator bench simulate``: drive the real window with key events only.

Starting from the stored suggestions, an expert who knows the gold and the keymap
turns them into the gold: for every decision it takes the cheapest route, and it
never presses a key that does nothing. Every key is a real key event sent to the real
window, counted by purpose, and timed from the press to the end of the next repaint.

The count must not depend on the window size, so every route is planned from the
text alone: caret and selection keys that move by character, by word edge or to the
next stop, and span hints only for the next few spans after the current one (one
letter each, close enough to be in view in any window). The window's own hints are
read back before each hint key and must agree with the plan.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Gold = set[tuple[int, int, str]]
Triple = tuple[int, int, str]

PURPOSES = (
    "navigation",
    "accept",
    "reject",
    "relabel",
    "boundary",
    "caret",
    "selection",
    "label",
    "hint",
    "article",
)
# Span hints the expert uses: the next spans after the current one that get the home
# row's letters, within this many characters (in view in a 1280x800 window or larger).
HINT_REACH = 6  # len(annotator.ui.hints.HOME_ROW)
HINT_CHARS = 160
_TOKEN_BREAK = re.compile(r"[\s，。、；：！？“”‘’《》()（）,.;:!?\"'\-—]")


@dataclass
class Stats:
    keys: int = 0
    latencies: list[float] = field(default_factory=list)
    acks: int = 0
    purposes: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Key:
    """One key as xdotool names it (``ctrl+shift+Right``), with its Qt form."""

    name: str

    def qt(self) -> tuple[Any, Any, str | None]:
        """Qt key, modifiers, and the character to send instead for a plain letter
        or digit (the text a keyboard sends with it: hint mode reads the text)."""
        from PySide6.QtCore import Qt

        *mods, base = self.name.split("+")
        modifier = Qt.KeyboardModifier.NoModifier
        for mod in mods:
            modifier |= {
                "ctrl": Qt.KeyboardModifier.ControlModifier,
                "shift": Qt.KeyboardModifier.ShiftModifier,
            }[mod]
        if len(base) == 1:
            char = base if not mods else None
            return getattr(Qt.Key, f"Key_{base.upper()}"), modifier, char
        named = {"space": "Space"}.get(base, base)
        return getattr(Qt.Key, f"Key_{named}"), modifier, None


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Driver:
    """Sends keys to the window, measures key-to-repaint latency, logs the keys."""

    def __init__(self, window: Any, stats: Stats, log: Any = None, *, strict: bool = True) -> None:
        from PySide6.QtWidgets import QApplication

        self.window = window
        self.strict = strict  # every key must change something
        self.app = QApplication.instance()
        self.stats = stats
        self.log = log
        self._painted = 0.0
        window.view.repainted.connect(self._on_paint)

    def _on_paint(self, at: float) -> None:
        self._painted = at

    def key(self, name: str, purpose: str) -> None:
        from PySide6.QtTest import QTest

        assert purpose in PURPOSES, purpose
        qt_key, modifier, char = Key(name).qt()
        target = self.window.view
        before = self._state() if self.strict else None
        # Let the previous key's follow-up work (span list, status bar) finish first:
        # a person's next key comes long after it, so it is not this key's latency.
        for _ in range(5):
            self.app.processEvents()  # type: ignore[union-attr]
        self._painted = 0.0
        started = time.perf_counter()
        if char is not None:
            QTest.keyClick(target, char)
        else:
            QTest.keyClick(target, qt_key, modifier)
        # Until the view has repainted; a key that changes nothing on screen gets no
        # paint, so stop once the event queue has run dry.
        for _ in range(200):
            if self._painted >= started:
                break
            self.app.processEvents()  # type: ignore[union-attr]
        end = self._painted if self._painted >= started else time.perf_counter()
        self.stats.keys += 1
        self.stats.purposes[purpose] += 1
        self.stats.latencies.append((end - started) * 1000)
        if self.log is not None:
            self.log(self.window.session.article, name)
        if before is not None and self._state() == before:
            raise RuntimeError(f"the key {name} ({purpose}) did nothing")

    def _state(self) -> tuple[Any, ...]:
        """Everything a key can change: spans, the current span, article status, the
        caret and selection, and what hint mode shows."""
        session = self.window.session
        view = self.window.view
        cursor = view.textCursor()
        hints = view.hints
        return (
            session.article_id,
            session.article.status if session.article else None,
            tuple((x.id, x.start, x.end, x.label, x.status) for x in session.spans),
            session.current,
            cursor.anchor(),
            cursor.position(),
            None if hints is None else (hints.kind, hints.typed, tuple(hints.targets.items())),
        )


def _shortest(
    start: int, goal: int, moves: list[tuple[str, Callable[[int], int | None]]]
) -> list[str] | None:
    """Fewest keys from ``start`` to ``goal`` (breadth-first over text offsets)."""
    if start == goal:
        return []
    previous: dict[int, tuple[int, str]] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        nxt = []
        for pos in frontier:
            for name, step in moves:
                new = step(pos)
                if new is None or new in seen:
                    continue
                seen.add(new)
                previous[new] = (pos, name)
                if new == goal:
                    path = []
                    node = new
                    while node != start:
                        node, key = previous[node]
                        path.append(key)
                    return list(reversed(path))
                nxt.append(new)
        frontier = nxt
    return None


class Expert:
    """Chooses every key from the session state, the text and the gold of the article."""

    def __init__(self, window: Any, driver: Driver) -> None:
        self.window = window
        self.view = window.view
        self.session = window.session
        self.driver = driver
        self.labels = self.session.labels
        self.text = ""
        self.gold: Gold = set()
        self.edges: list[int] = []

    # ------------------------------------------------------------------ reading state
    def _digit(self, label: str) -> str:
        return str(self.labels[label].key)

    def _spans(self) -> list[Any]:
        return list(self.session.spans)

    def _pending(self) -> list[Any]:
        return [x for x in self.session.spans if x.status.value == "pending"]

    def _live(self) -> list[Any]:
        return [x for x in self.session.spans if x.status.value != "rejected"]

    def _caret(self) -> int:
        return int(self.view.textCursor().position())

    def _anchor(self) -> int:
        current = self.session.current_span()
        return current.start if current is not None else self._caret()

    def _after(self) -> list[Any]:
        """The live spans hint mode labels first, in its order (see the window)."""
        current = self.session.current_span()
        anchor = self._anchor()
        return [
            x for x in self._live() if x.start >= anchor and (current is None or x.id != current.id)
        ]

    # ------------------------------------------------------------------ tasks
    def tasks(self, gold: Gold) -> list[tuple[int, str, Any]]:
        accepted = {
            (x.start, x.end, x.label) for x in self._spans() if x.status.value == "accepted"
        }
        pending = self._pending()
        exact = {(x.start, x.end, x.label) for x in pending}
        todo = [g for g in gold if g not in accepted and g not in exact]
        out: list[tuple[int, str, Any]] = []
        for g in todo:
            same = next((x for x in pending if (x.start, x.end) == g[:2]), None)
            if same is not None:
                out.append((g[0], "relabel", (same, g)))
            else:
                out.append((g[0], "make", g))
        for x in self._spans():
            key = (x.start, x.end, x.label)
            if x.status.value == "rejected" or key in gold:
                continue
            if x.status.value == "accepted":
                out.append((x.start, "reject", x))
                continue
            if any(g[:2] == key[:2] for g in gold):
                continue
            if any(g[0] < x.end and x.start < g[1] for g in todo):
                continue  # making that gold span clears it
            out.append((x.start, "reject", x))
        return sorted(out, key=lambda t: (t[0], t[1]))

    def review(self, gold: Gold) -> None:
        s = self.session
        self.text = s.article.text
        self.gold = gold
        self.edges = s.word_edges()
        done_to = -1  # the expert works through the text in reading order
        for _ in range(10 * len(gold) + 50):
            tasks = self.tasks(gold)
            if not tasks:
                break
            task = next((t for t in tasks if t[0] >= done_to), tasks[0])
            done_to = task[0]
            _pos, kind, data = task
            if kind == "reject":
                self._reach(data)
                self.driver.key("x", "reject")
            elif kind == "relabel":
                span, g = data
                self._reach(span)
                self.driver.key(self._digit(g[2]), "relabel")
            else:
                self._make(data)
        else:
            raise RuntimeError(f"no way to the gold in article {s.article_id}")

    # ------------------------------------------------------------------ span hints
    def _hint_plan(self, target: Any) -> list[Any] | None:
        """The spans to pick by hint, in order, to make ``target`` current (window-free:
        only the first HINT_REACH spans after the current one, HINT_CHARS at most)."""
        current = self.session.current_span()
        if current is not None and current.id == target.id:
            return []
        anchor = self._anchor()
        live = self._live()
        if target.start < anchor:
            return None
        plan: list[Any] = []
        cur_id = current.id if current else None
        for _ in range(50):
            after = [x for x in live if x.start >= anchor and x.id != cur_id]
            reach = [x for x in after[:HINT_REACH] if x.start - anchor <= HINT_CHARS]
            if any(x.id == target.id for x in reach):
                return [*plan, target]
            ahead = [x for x in reach if x.start < target.start]
            if not ahead:
                return None
            hop = ahead[-1]
            plan.append(hop)
            anchor, cur_id = hop.start, hop.id
        return None

    def _reach_cost(self, target: Any) -> int:
        plan = self._hint_plan(target)
        if plan is None:
            steps = self._walk_steps(target)
            return 1000 if steps is None else 1 + len(steps)
        return len(plan) + (0 if not plan or self.view.hints is not None else 1)

    def _walk_steps(self, target: Any) -> list[str] | None:
        """J or K presses (whichever way is shorter) that make ``target`` current,
        following the session's rule: pending spans first, wrapping at the ends."""
        pool = self._pending() or self._live()
        ids = [x.id for x in pool]
        if target.id not in ids:
            return None
        current = self.session.current_span()
        pos = current.start if current is not None else -1
        best = None
        for key, delta in (("j", 1), ("k", -1)):
            here, steps = pos, []
            for _ in range(len(pool) + 1):
                if delta > 0:
                    nxt = next((x for x in pool if x.start > here), pool[0])
                else:
                    nxt = next((x for x in reversed(pool) if x.start < here), pool[-1])
                steps.append(key)
                here = nxt.start
                if nxt.id == target.id:
                    break
            else:
                continue
            if best is None or len(steps) < len(best):
                best = steps
        return best

    def _ensure_hints(self) -> None:
        if self.view.hints is None or self.view.hints.kind != "spans":
            self.driver.key("f", "hint")

    def _reach(self, target: Any) -> None:
        plan = self._hint_plan(target)
        if plan is None:
            self._walk(target)
            return
        for span in plan:
            self._ensure_hints()
            k = [x.id for x in self._after()].index(span.id)
            label = next(
                (lab for lab, (_s, _e, sid) in self.view.hints.targets.items() if sid == span.id),
                None,
            )
            if label is None:
                raise RuntimeError(
                    f"the span {span.surface} is not in view: the window is too small for the plan"
                )
            from annotator.ui.hints import ALPHABET

            if label != ALPHABET[k]:
                raise RuntimeError(
                    f"the window's hint {label!r} is not the planned {ALPHABET[k]!r}"
                )
            self.driver.key(label, "hint")
        if self.session.current != target.id:
            raise RuntimeError("a hint did not pick its span")

    def _walk(self, target: Any) -> None:
        """Out of hint reach: leave hint mode and step with J or K (pending first)."""
        steps = self._walk_steps(target)
        if steps is None:
            raise RuntimeError(f"neither J nor K reaches {target.surface}")
        if self.view.hints is not None:
            self.driver.key("Escape", "navigation")
        for key in steps:
            self.driver.key(key, "navigation")
        if self.session.current != target.id:
            raise RuntimeError(f"J/K did not reach {target.surface}")

    # ------------------------------------------------------------------ make a gold span
    def _make(self, g: Triple) -> None:
        options: list[tuple[int, str, Any]] = []
        for x in self._pending():
            if x.start < g[1] and g[0] < x.end:
                moves = self._boundary_moves(x, g)
                if moves is not None:
                    cost = self._reach_cost(x) + len(moves) + (x.label != g[2])
                    options.append((cost, "fix", (x, moves)))
        route = self._selection_route(g)
        if route is not None:
            options.append((len(route[0]) + 1, "create", route))
        if not options:
            raise RuntimeError(f"no way to make {g} in article {self.session.article_id}")
        _cost, kind, data = min(options, key=lambda o: o[0])
        if kind == "fix":
            span, moves = data
            self._reach(span)
            for name in moves:
                self.driver.key(name, "boundary")
            if span.label != g[2]:
                self.driver.key(self._digit(g[2]), "relabel")
        else:
            keys, purposes = data
            reached = False
            for name, purpose in zip(keys, purposes, strict=True):
                if isinstance(name, tuple):
                    if not reached:
                        self._reach(name[1])
                        reached = True
                    continue
                if name.startswith("word:"):
                    name = self._word_letter(g, int(name[5:]))
                self.driver.key(name, purpose)
            self.driver.key(self._digit(g[2]), "label")
        if not any(
            (x.start, x.end, x.label) == g and x.status.value == "accepted" for x in self._spans()
        ):
            raise RuntimeError(f"the keys did not make {g} in article {self.session.article_id}")

    def _word_letter(self, g: Triple, k: int) -> str:
        from annotator.ui.hints import ALPHABET

        shown = self.view.hints
        label = (
            next((lab for lab, (a, _b, _i) in shown.targets.items() if a == g[0]), None)
            if shown is not None and shown.kind == "words"
            else None
        )
        if label != ALPHABET[k]:
            raise RuntimeError(
                f"the window's word hint {label!r} is not the planned {ALPHABET[k]!r}"
            )
        return label

    def _word_step(self, pos: int, direction: int) -> int | None:
        if direction > 0:
            return next((e for e in self.edges if e > pos), None)
        return next((e for e in reversed(self.edges) if e < pos), None)

    def _boundary_moves(self, span: Any, g: Triple) -> list[str] | None:
        """Boundary keys (word edge, or one character with Shift) that turn ``span``
        into ``g``: grow first, then shrink, never over an accepted span or a line."""
        text = self.text
        # Never over an accepted span (refused) nor over a right suggestion (a move
        # over it would reject it on the way).
        blocked = [
            (x.start, x.end)
            for x in self._spans()
            if x.id != span.id
            and (
                x.status.value == "accepted"
                or (x.status.value == "pending" and (x.start, x.end, x.label) in self.gold)
            )
        ]

        def ok(a: int, b: int) -> bool:
            return (
                0 <= a < b <= len(text)
                and "\n" not in text[a:b]
                and not any(s < b and a < e for s, e in blocked)
            )

        start, end = span.start, span.end
        keys: list[str] = []

        def edge_moves(edge: str, goal: int) -> list[str] | None:
            nonlocal start, end
            left, right = ("q", "w") if edge == "start" else ("e", "r")

            def mover(direction: int, by_word: bool) -> Callable[[int], int | None]:
                def step(pos: int) -> int | None:
                    new = pos + direction
                    if by_word:
                        word = self._word_step(pos, direction)
                        new = word if word is not None else new
                        a, b = (new, end) if edge == "start" else (start, new)
                        if a >= b:
                            new = pos + direction
                    a, b = (new, end) if edge == "start" else (start, new)
                    return new if ok(a, b) else None

                return step

            moves = [
                (left, mover(-1, True)),
                (right, mover(1, True)),
                (f"shift+{left}", mover(-1, False)),
                (f"shift+{right}", mover(1, False)),
            ]
            here = start if edge == "start" else end
            path = _shortest(here, goal, moves)
            if path is not None:
                if edge == "start":
                    start = goal
                else:
                    end = goal
            return path

        plan = []
        if g[1] > end:
            plan.append(("end", g[1]))
        if g[0] != start:
            plan.append(("start", g[0]))
        if g[1] < end:
            plan.append(("end", g[1]))
        for edge, goal in plan:
            path = edge_moves(edge, goal)
            if path is None:
                return None
            keys += path
        return keys

    def _stop_after(self, pos: int) -> int:
        stops = [len(self.text)]
        m = _TOKEN_BREAK.search(self.text, pos + 1)
        if m is not None:
            stops.append(m.start())
        for x in self._live():
            stops += [e for e in (x.start, x.end) if e > pos]
        return min(stops)

    def _selection_route(self, g: Triple) -> tuple[list[Any], list[str]] | None:
        """From the caret where it is, or from the start of a span picked by hint
        (which puts the caret there), whichever is cheapest."""
        best = self._route_from(g, self._caret())
        live = self._live()
        before = [x for x in live if x.start <= g[0]]
        after = [x for x in live if x.start >= g[1]]
        pending_before = [x for x in self._pending() if x.start <= g[0]]
        for x in {id(x): x for x in before[-2:] + after[:1] + pending_before[-2:]}.values():
            if self.session.current == x.id:
                continue  # the caret may have left it: the route from the caret covers it
            route = self._route_from(g, x.start)
            if route is None:
                continue
            cost = self._reach_cost(x)  # by hint, or else by J/K
            if best is None or cost + len(route[0]) < len(best[0]):
                best = ([("reach", x)] * cost + route[0], ["hint"] * cost + route[1])
        return best

    def _route_from(self, g: Triple, here: int) -> tuple[list[Any], list[str]] | None:
        """Cheapest keys that leave exactly ``g`` selected: the caret there (by
        character or word edge) and a selection either way, or a word hint on its
        first word and the selection extended."""
        n = len(self.text)

        def caret(direction: int, by_word: bool) -> Callable[[int], int | None]:
            def step(pos: int) -> int | None:
                new = self._word_step(pos, direction) if by_word else pos + direction
                return new if new is not None and 0 <= new <= n else None

            return step

        caret_moves = [
            ("Right", caret(1, False)),
            ("Left", caret(-1, False)),
            ("ctrl+Right", caret(1, True)),
            ("ctrl+Left", caret(-1, True)),
            ("ctrl+Home", lambda _p: 0),
            ("ctrl+End", lambda _p: n),
        ]
        select_moves = [
            ("shift+Right", caret(1, False)),
            ("shift+Left", caret(-1, False)),
            ("ctrl+shift+Right", caret(1, True)),
            ("ctrl+shift+Left", caret(-1, True)),
            ("ctrl+shift+End", self._stop_after),
        ]
        best: tuple[list[Any], list[str]] | None = None
        for a, b in ((g[0], g[1]), (g[1], g[0])):
            to = _shortest(here, a, caret_moves)
            sel = _shortest(a, b, select_moves)
            if to is None or sel is None:
                continue
            keys = to + sel
            if best is None or len(keys) < len(best[0]):
                best = (keys, ["caret"] * len(to) + ["selection"] * len(sel))
        words = self._word_hint_route(g, here)
        if words is not None and (best is None or len(words[0]) < len(best[0])):
            best = words
        return best

    def _word_hint_route(self, g: Triple, anchor: int) -> tuple[list[Any], list[str]] | None:
        """G (again for each further page) and the letter of the word ``g`` starts with,
        then the selection extended to its end."""
        from annotator.ui.hints import ALPHABET

        text = self.text
        live = self._live()
        words = [
            (a, b)
            for a, b in zip(self.edges, self.edges[1:], strict=False)
            if a >= anchor
            and text[a:b].strip()
            and not re.fullmatch(r"[\W_]+", text[a:b])
            and not any(x.start < b and a < x.end for x in live)
        ]
        index = next((i for i, w in enumerate(words) if w[0] == g[0]), None)
        if index is None:
            return None
        page, k = divmod(index, len(ALPHABET))
        end = words[index][1]

        def caret(direction: int, by_word: bool) -> Callable[[int], int | None]:
            def step(pos: int) -> int | None:
                new = self._word_step(pos, direction) if by_word else pos + direction
                return new if new is not None and g[0] < new <= len(text) else None

            return step

        sel = _shortest(
            end,
            g[1],
            [
                ("shift+Right", caret(1, False)),
                ("shift+Left", caret(-1, False)),
                ("ctrl+shift+Right", caret(1, True)),
                ("ctrl+shift+Left", caret(-1, True)),
                ("ctrl+shift+End", self._stop_after),
            ],
        )
        if sel is None:
            return None
        keys = ["g"] * (page + 1) + [f"word:{k}"] + sel
        return keys, ["hint"] * (page + 2) + ["selection"] * len(sel)


def _window(db_path: Path, size: tuple[int, int] = (1440, 900)) -> Any:
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Marking done retrains the model in a child process; a benchmark times keys alone.
    os.environ.setdefault("ANNOTATOR_BACKGROUND_TRAIN", "0")
    from annotator.core.session import Session
    from annotator.core.settings import Settings
    from annotator.core.store import Store
    from annotator.ui.i18n import set_language
    from annotator.ui.main_window import MainWindow
    from annotator.ui.qt_app import application
    from annotator.ui.tasks import Tasks

    application()
    set_language("en")
    store = Store.open(db_path)
    settings = Settings(annotator="simulator", path=None)
    window = MainWindow(store, Session(store, "simulator"), settings, Tasks(synchronous=True))
    window.dialogs = False  # a modal dialog would stop the benchmark for good
    window.resize(*size)
    window.show()
    # Keys go to the active window: without a window manager nobody activates it.
    window.activateWindow()
    from PySide6.QtTest import QTest

    QTest.qWaitForWindowActive(window, 2000)
    return window


def _gold_ids(path: str) -> dict[str, str]:
    """Text -> the gold record's ``id`` (native JSONL), so logged keys name the article
    as its export does."""
    ids: dict[str, str] = {}
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            if line.strip().startswith("{"):
                obj = json.loads(line)
                if obj.get("id") is not None and "text" in obj:
                    ids.setdefault(obj["text"], str(obj["id"]))
    return ids


def _seed(db_path: Path, docs: Iterable[tuple[str, Any]], ids: dict[str, str]) -> None:
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
                    external_id=ids.get(text),
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


def bench_large(workdir: Path, size: tuple[int, int]) -> dict[str, Any]:
    """Key-to-repaint on a long article with span hints shown the whole time."""
    from annotator.core.model import Article
    from annotator.core.store import Store
    from annotator.core.text import text_uid

    text, spans = _large_article()
    db = workdir / "large.db"
    with Store.open(db) as store:
        store.add_article(Article(text=text, uid=text_uid(text), spans=spans, title="large"))
    window = _window(db, size)
    window.session.resume()
    stats = Stats()
    driver = Driver(window, stats, strict=False)
    driver.key("f", "hint")
    assert window.view.hints is not None
    # Hint letters pick spans; the decisions and boundary keys act on the picked one.
    pattern = ["a", "s", "h", "space", "x", "q", "r", "2", "j", "e"]
    for i in range(200):
        if i % 25 == 24:
            driver.key("ctrl+z", "navigation")
        else:
            driver.key(pattern[i % len(pattern)], "hint")
    shown = window.view.hints is not None
    window.close()
    window.store.close()
    return {
        "chars": len(text),
        "spans": len(spans),
        "hints_shown": shown,
        "keys": stats.keys - 1,
        "latency_ms": {
            "p50": round(_percentile(stats.latencies[1:], 0.5), 2),
            "p95": round(_percentile(stats.latencies[1:], 0.95), 2),
        },
    }


def _size(value: str | None) -> tuple[int, int]:
    if not value:
        return (1440, 900)
    width, _, height = value.lower().partition("x")
    return int(width), int(height)


def bench_simulate(args: argparse.Namespace) -> dict[str, Any]:
    from annotator.core.evaluate import read_gold

    docs = read_gold(args.gold)
    ids = _gold_ids(args.gold)
    gold_by_text = {text: {(s, e, lab) for s, e, lab in spans} for text, spans in docs}
    workdir = Path(tempfile.mkdtemp(prefix="annotator-sim-"))
    db_path = Path(args.db) if getattr(args, "db", None) else workdir / "simulate.db"
    size = _size(getattr(args, "size", None))
    _seed(db_path, docs, ids)
    window = _window(db_path, size)
    stats = Stats()
    log_path = getattr(args, "log_keys", None)
    log_file = open(log_path, "w", encoding="utf-8") if log_path else None  # noqa: SIM115

    def log(article: Any, name: str) -> None:
        assert log_file is not None
        article_id = (article.external_id or article.uid) if article is not None else ""
        log_file.write(f"{article_id}\t{name}\n")

    driver = Driver(window, stats, log if log_file else None)
    session = window.session

    if getattr(args, "log_acks", False):

        def ack(what: str) -> None:
            if what == "committed":
                stats.acks += 1
                print(f"ack {stats.acks}", flush=True)

        session.subscribe(ack)

    expert = Expert(window, driver)
    started = time.perf_counter()
    try:
        if not session.resume():
            raise ValueError("the gold file has no articles")
        for _ in range(len(docs) + 1):
            article = session.article
            if article is None or session.first_unfinished() is None:
                break
            # Resumed on a finished article: D there opens the next unfinished one.
            if article.status.value != "done":
                expert.review(gold_by_text.get(article.text, set()))
            before = article.id
            driver.key("d", "article")
            if session.article_id == before:
                break
    finally:
        if log_file is not None:
            log_file.close()
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
        "keys_by_purpose": {p: stats.purposes[p] for p in PURPOSES},
        "window": f"{size[0]}x{size[1]}",
        "latency_ms": {
            "p50": round(_percentile(stats.latencies, 0.5), 2),
            "p95": round(_percentile(stats.latencies, 0.95), 2),
        },
        "seconds": round(elapsed, 1),
    }
    if getattr(args, "large", False):
        result["large"] = bench_large(workdir, size)
    print(f"simulated {stats.keys} keys on {len(docs)} articles", file=sys.stderr)
    return result
