"""The guidelines pane follows the current span and the team's edits to the file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core import guidelines


def test_f2_shows_the_current_labels_definition_and_follows_the_span(qtbot, window):
    assert not window.guide.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert window.guide.isVisible() and window.view.hasFocus()
    assert window.session.current_span().label == "TITLE"
    assert "Jobs and positions" in window.guide.current.toPlainText()
    qtbot.keyClick(window.view, Qt.Key.Key_J)  # on to 郭文海
    assert "A person's name only" in window.guide.current.toPlainText()
    assert "## LOC" not in window.guide.current.toPlainText()
    assert "Annotation guidelines" in window.guide.full.toPlainText()
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert not window.guide.isVisible()


def test_editing_makes_the_projects_copy_and_edits_show(qtbot, window, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("annotator.ui.guidelines_pane.open_in_editor", opened.append)
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert "built-in" in window.guide.where.text()
    window.guide.edit.click()
    path = tmp_path / "p.guidelines.md"
    assert opened == [path] and path.is_file()
    assert str(path) in window.guide.where.text()
    text = path.read_text(encoding="utf-8").replace(
        "Jobs and positions", "Posts people hold in our county"
    )
    path.write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: "Posts people hold" in window.guide.current.toPlainText())
    assert guidelines.load(window.store.path).path == path
