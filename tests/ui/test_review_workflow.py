"""Skip, flag and comment from the keyboard, and the article list's status filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(win.view, key, modifier)


def _row_colours(image, rect):
    return {
        image.pixel(x, y)
        for x in range(rect.left(), min(rect.right(), image.width()))
        for y in range(rect.top(), min(rect.bottom(), image.height()))
    }


# A popup on the offscreen platform says it cannot raise itself or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_status_filter_draws_its_highlighted_item(qtbot, window):
    """Defect: the highlighted entry of the filter's popup was white on white."""
    combo = window.articles.filter
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    for row in range(combo.count()):
        view.setCurrentIndex(combo.model().index(row, 0))
        image = view.viewport().grab().toImage()
        rect = view.visualRect(combo.model().index(row, 0))
        # Its text is drawn: many shades (anti-aliased glyphs), not a blank bar.
        assert len(_row_colours(image, rect)) > 10, combo.itemText(row)
    combo.hidePopup()


def test_skip_with_a_key_moves_on_shows_in_list_and_undoes(qtbot, window):
    store = window.store
    first = window.session.article_id
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    assert store.article(first).status.value == "skipped"
    assert window.session.article_id != first
    assert "skipped" in window.message_label.text().lower()
    # The filter's "Skipped" entry now finds it.
    combo = window.articles.filter
    combo.setCurrentIndex(combo.findData("skipped"))
    assert [
        window.articles.model.data(window.articles.model.index(r, 0), Qt.ItemDataRole.UserRole)
        for r in range(window.articles.model.rowCount())
    ] == [first]
    combo.setCurrentIndex(0)
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert store.article(first).status.value == "new"
    assert window.session.article_id == first


def test_flag_and_comment_with_keys_are_shown_and_stored(qtbot, window):
    store = window.store
    article_id = window.session.article_id
    assert window.note.isHidden()
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    assert store.article(article_id).flagged
    assert window.note.isVisible() and "Flagged" in window.note.text()
    asked = []

    def answer(_parent, current):
        asked.append(current)
        return "鹤山 here is a place, not an organisation?"

    window.ask_comment = answer
    press(qtbot, window, Qt.Key.Key_C, CTRL_SHIFT)
    assert asked == [""]
    assert store.article(article_id).comment == "鹤山 here is a place, not an organisation?"
    assert "not an organisation" in window.note.text()
    assert window.view.hasFocus()
    window.ask_comment = lambda _p, _c: None  # cancelled: nothing changes
    press(qtbot, window, Qt.Key.Key_C, CTRL_SHIFT)
    assert store.article(article_id).comment.startswith("鹤山")
    # The list marks the flagged article, and its filter finds only it.
    combo = window.articles.filter
    combo.setCurrentIndex(combo.findData("flagged"))
    model = window.articles.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DisplayRole).startswith("⚑")
    combo.setCurrentIndex(0)
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the comment
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the flag
    assert not store.article(article_id).flagged
    assert window.note.isHidden()


def _shown(win):
    return [s.surface for s in win.spans.model.spans]


def test_span_filters_and_batch_decisions_with_keys(qtbot, window):
    from annotator.core.model import Span

    store, session = window.store, window.session
    article_id = session.article_id
    text = session.article.text
    store.add_span(article_id, Span(22, 24, "LOC", text[22:24], origin="rule:place"))
    session.open_article(article_id)
    window.view.setFocus()
    qtbot.waitUntil(lambda: len(_shown(window)) == 5)
    press(qtbot, window, Qt.Key.Key_F, CTRL_SHIFT)
    assert window.spans.by_label.hasFocus()
    # Down twice: Any label -> 1 PER -> 2 LOC. X, A, J typed here decide nothing.
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down):
        qtbot.keyClick(window.spans.by_label, key)
    assert window.spans.by_label.currentData() == "LOC"
    assert _shown(window) == ["鹤山", "鹤山"]
    qtbot.keyClick(window.spans.by_label, Qt.Key.Key_Tab)
    assert window.spans.by_origin.hasFocus()
    qtbot.keyClick(window.spans.by_origin, Qt.Key.Key_X)
    assert all(s.status.value == "pending" for s in store.spans(article_id))
    qtbot.keyClick(window.spans.by_origin, Qt.Key.Key_Escape)
    assert window.view.hasFocus()
    press(qtbot, window, Qt.Key.Key_A, CTRL_SHIFT)  # accept the two LOC spans
    states = {(s.start, s.label): s.status.value for s in store.spans(article_id)}
    assert states == {
        (0, "TITLE"): "pending",
        (6, "PER"): "pending",
        (10, "LOC"): "accepted",
        (15, "ORG"): "pending",
        (22, "LOC"): "accepted",
    }
    assert "Accepted 2" in window.message_label.text()
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # one step undoes both
    assert all(s.status.value == "pending" for s in store.spans(article_id))
    # Narrow to one origin as well, then reject what is shown.
    window.spans.by_origin.setCurrentIndex(window.spans.by_origin.findData("rule:place"))
    assert _shown(window) == ["鹤山"]
    window.view.setFocus()
    press(qtbot, window, Qt.Key.Key_X, CTRL_SHIFT)
    rejected = [
        (s.start, s.origin) for s in store.spans(article_id) if s.status.value == "rejected"
    ]
    assert rejected == [(22, "rule:place")]


def test_the_comment_dialog_keeps_text_typed_into_it(qtbot, window):
    from annotator.ui.dialogs import CommentDialog

    with window._dialog_open():
        dialog = CommentDialog("old note", window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClick(dialog.text, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(dialog.text, "check the LOC at the start")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
        assert dialog.result() == dialog.DialogCode.Accepted
        assert dialog.text.toPlainText() == "check the LOC at the start"
