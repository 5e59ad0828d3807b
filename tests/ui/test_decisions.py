"""A decision is a span's final state changing; counted once, the same everywhere.

Before: each boundary key, undo and redo counted as a decision, accepting every
pending span at once counted as one, and ``stats --json`` gave a total and a
per-annotator figure that disagreed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.statistics import project_stats


def _press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        qtbot.keyClick(win.view, key, modifier)


def test_decisions_count_spans_not_keys(qtbot, window):
    store = window.store
    _press(qtbot, window, Qt.Key.Key_E, times=3)  # three boundary keys on one span
    assert store.stats()["decisions"] == 1
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, times=3)
    assert store.stats()["decisions"] == 0  # undone: nothing decided
    _press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert store.stats()["decisions"] == 1
    pending = sum(s.status.value == "pending" for s in window.session.spans)
    _press(qtbot, window, Qt.Key.Key_A)  # accept every pending span at once
    assert store.stats()["decisions"] == 1 + pending
    stats = project_stats(store)
    assert stats["decisions"] == sum(stats["decisions_by_annotator"].values())
    assert stats["decisions_by_annotator"] == {"tester": 1 + pending}
    assert stats["decisions_per_hour"]["tester"]["decisions"] == 1 + pending
    # The status bar says the same once the keys settle.
    qtbot.waitUntil(lambda: window._decisions == 1 + pending)
    assert window.speed_label.text().startswith(f"{1 + pending} decisions")
