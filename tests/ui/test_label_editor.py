"""Editing the label set in the window: Ctrl+L, cells edited with keys, spans kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLineEdit

from annotator.ui import keymap
from annotator.ui.label_editor import LabelEditor, label_keys

CTRL = Qt.KeyboardModifier.ControlModifier


def _show(qtbot, editor):
    """As exec() would: shown and the active window (so its keys stay in it)."""
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)


def _type_into(qtbot, editor, row, col, text):
    """Edit a cell as a user does: go to it, F2, select all, type, Return."""
    table = editor.table
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    fields = [f for f in table.findChildren(QLineEdit) if f.isVisible()]
    assert len(fields) == 1  # an editor opened in the cell
    field = fields[0]
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:  # Chinese comes from an input method, as one commit, not as key codes
        field.insert(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    # The delegate commits the edit from a queued call.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_label_keys_never_clash_with_the_keymap():
    other = {k for a in keymap.ACTIONS if keymap.digit_of(a.id) is None for k in a.keys}
    assert label_keys() == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
    assert not set(label_keys()) & other


def test_rename_recolour_and_add_through_the_dialog(qtbot, window):
    store, session = window.store, window.session
    article_id = session.article_id
    seen = []

    def drive(parent, labels):
        editor = LabelEditor(labels, parent)
        qtbot.addWidget(editor)
        _show(qtbot, editor)
        seen.append(editor)
        _type_into(qtbot, editor, 1, 0, "PLACE")  # LOC -> PLACE
        _type_into(qtbot, editor, 1, 3, "#225588")
        _type_into(qtbot, editor, 9, 4, "")  # FAC gives up key 0 ...
        editor.add_button.click()  # ... which the new label takes
        row = editor.table.rowCount() - 1
        assert editor.table.item(row, 4).text() == "0"
        _type_into(qtbot, editor, row, 0, "PRODUCT")
        _type_into(qtbot, editor, row, 1, "产品")
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # OK, as exec() would return
        assert editor.result() == QDialog.DialogCode.Accepted
        return editor.result_labels()

    window.ask_labels = drive
    qtbot.keyClick(window.view, Qt.Key.Key_L, CTRL)
    assert seen, "Ctrl+L opened no editor"
    labels = store.labels()
    assert list(labels)[1] == "PLACE" and labels["PLACE"].colour == "#225588"
    assert labels["PRODUCT"].zh == "产品" and labels.by_key("0").name == "PRODUCT"
    assert [s.label for s in store.spans(article_id)] == ["TITLE", "PER", "PLACE", "ORG"]
    assert "PLACE" in window.palette.chips and "LOC" not in window.palette.chips
    assert "3 spans relabelled" in window.message_label.text()  # one LOC in each article
    # The text has the window's focus again (the offscreen platform leaves no window
    # active once the dialog closed, so hasFocus() cannot say it).
    assert window.focusWidget() is window.view
    # The new label's key works at once: 0 relabels the current span as PRODUCT.
    window.activateWindow()
    qtbot.waitUntil(lambda: window.view.hasFocus())
    qtbot.keyClick(window.view, Qt.Key.Key_0)
    assert store.spans(article_id)[0].label == "PRODUCT"


def test_a_key_that_is_no_label_digit_is_refused_in_the_dialog(qtbot, window):
    with window._dialog_open():  # as the window runs its dialogs
        editor = LabelEditor(window.session.labels, window)
        qtbot.addWidget(editor)
        _show(qtbot, editor)
        _type_into(qtbot, editor, 0, 4, "J")
        editor.accept()
        assert "J" in editor.error.text()
        assert editor.result() == 0  # still open, nothing saved
        _type_into(qtbot, editor, 0, 4, "2")  # LOC's key
        editor.accept()
        assert "key" in editor.error.text()
        assert window.store.labels()["PER"].key == "1"
