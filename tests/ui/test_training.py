"""Marking articles done retrains the project's model in a child process."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.suggest.learner import PROJECT_MODEL
from annotator.ui import training


def test_marking_done_retrains_the_model_in_the_background(qtbot, window, monkeypatch):
    monkeypatch.setattr(training, "DELAY_MS", 10)
    trainer = window.trainer
    trainer.enabled = True
    trainer._timer.setInterval(10)
    trained = []
    trainer.on_trained = trained.append
    assert window.store.model(PROJECT_MODEL) is None
    qtbot.keyClick(window.view, Qt.Key.Key_Space)  # accept a span, then mark done
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: trainer.running, timeout=5000)
    # The window answers while the model trains in the other process.
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: bool(trained), timeout=120_000)
    assert trained[0]["articles"] == 1
    assert window.store.model(PROJECT_MODEL) is not None
    assert not trainer.running


def test_the_status_bar_says_when_a_trained_model_is_not_used_yet(window):
    window._model_trained({"articles": 3, "in_use": True})
    assert "3" in window.message_label.text() and "not used" not in window.message_label.text()
    window._model_trained({"articles": 3, "in_use": False})
    assert "not used" in window.message_label.text() or "暂不使用" in window.message_label.text()
