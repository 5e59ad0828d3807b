"""The real window, driven by keys only (pytest-qt, offscreen, no sleeps)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui import keymap


def spans(win):
    return [(s.surface, s.label, s.status.value) for s in win.store.spans(win.session.article_id)]


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        qtbot.keyClick(win.view, key, modifier)


def test_review_an_article_with_keys_and_undo(qtbot, window):
    assert window.session.current_span().surface == "江门市委书记"
    press(qtbot, window, Qt.Key.Key_Space)  # accept
    press(qtbot, window, Qt.Key.Key_X)  # reject 郭文海
    assert spans(window)[:2] == [
        ("江门市委书记", "TITLE", "accepted"),
        ("郭文海", "PER", "rejected"),
    ]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert spans(window)[1] == ("郭文海", "PER", "pending")
    assert window.session.current_span().surface == "郭文海"
    press(qtbot, window, Qt.Key.Key_1)  # relabel PER = accept as PER
    press(qtbot, window, Qt.Key.Key_3)  # 鹤山 relabelled ORG
    assert spans(window)[1:3] == [("郭文海", "PER", "accepted"), ("鹤山", "ORG", "accepted")]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_2)
    assert spans(window)[2] == ("鹤山", "LOC", "accepted")
    # The current span is painted: the view reports its frame.
    assert window.view._current_rect_span is not None


def test_move_boundaries_one_character_with_shift(qtbot, window):
    shift = Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_E, shift, times=2)  # end left twice: 江门市委
    assert spans(window)[0][:2] == ("江门市委", "TITLE")
    press(qtbot, window, Qt.Key.Key_W, shift)  # start right: 门市委
    press(qtbot, window, Qt.Key.Key_Q, shift)  # start left: 江门市委
    press(qtbot, window, Qt.Key.Key_R, shift)  # end right: 江门市委书
    assert spans(window)[0][0] == "江门市委书"
    press(qtbot, window, Qt.Key.Key_3)
    assert spans(window)[0][:3] == ("江门市委书", "ORG", "accepted")


def test_boundary_keys_snap_to_word_edges(qtbot, window):
    # jieba cuts 江门|市委书记|郭文|海在|…: the keys move a whole word, never into one.
    press(qtbot, window, Qt.Key.Key_W)  # start right a word: 市委书记
    assert spans(window)[0][0] == "市委书记"
    press(qtbot, window, Qt.Key.Key_R)  # end right a word: 市委书记郭文
    assert spans(window)[0][0] == "市委书记郭文"
    press(qtbot, window, Qt.Key.Key_E)
    press(qtbot, window, Qt.Key.Key_Q)
    assert spans(window)[0][:3] == ("江门市委书记", "TITLE", "accepted")
    press(qtbot, window, Qt.Key.Key_E)
    assert spans(window)[0][0] == "江门"
    press(qtbot, window, Qt.Key.Key_E)  # the next word edge is the start: one character
    assert spans(window)[0][0] == "江"


def test_create_span_from_keyboard_selection(qtbot, window):
    text = window.session.article.text
    target = text.index("鹤山项目")
    press(qtbot, window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Right, times=target)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier, times=4)
    assert window.view.selection() == (target, target + 4)
    press(qtbot, window, Qt.Key.Key_0)  # FAC
    assert ("鹤山项目", "FAC", "accepted") in spans(window)
    assert window.view.selection() is None


def test_token_wise_selection(qtbot, window):
    window.view.set_boundaries([0, 2, 4, 6, 9, 10, 12])
    press(qtbot, window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    press(
        qtbot,
        window,
        Qt.Key.Key_Right,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        times=2,
    )
    assert window.view.selection() == (2, 6)


def test_propagate_and_accept_all(qtbot, window):
    press(qtbot, window, Qt.Key.Key_J, times=2)  # to 鹤山
    assert window.session.current_span().surface == "鹤山"
    press(qtbot, window, Qt.Key.Key_P)
    assert [s for s in spans(window) if s[0] == "鹤山"] == [("鹤山", "LOC", "accepted")] * 3
    press(qtbot, window, Qt.Key.Key_A)
    assert {s[2] for s in spans(window)} == {"accepted"}


def test_mark_done_moves_on_and_list_follows(qtbot, window):
    first = window.session.article_id
    press(qtbot, window, Qt.Key.Key_D)
    assert window.session.article_id != first
    assert window.store.article(first).status.value == "done"
    press(qtbot, window, Qt.Key.Key_H)
    assert window.session.article_id == first
    press(qtbot, window, Qt.Key.Key_L)
    assert window.session.article_id != first
    qtbot.waitUntil(lambda: window.articles.model.rowCount() == 3)
    assert "done" in window.progress_label.text().lower() or "1/3" in window.progress_label.text()


def test_keys_do_not_fire_while_typing_in_search(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.articles.search.hasFocus()
    qtbot.keyClicks(window.articles.search, "xad qe")  # reject, accept-all, done, ...
    assert spans(window)[0][2] == "pending"  # none of them fired
    assert window.store.article(window.session.article_id).status.value == "new"
    assert window.articles.search.text() == "xad qe"
    qtbot.keyClick(window.articles.search, Qt.Key.Key_Backspace)
    assert window.articles.search.text() == "xad q"
    window.articles.search.setText("清远")
    assert window.articles.model.rowCount() == 1
    qtbot.keyClick(window.articles.search, Qt.Key.Key_Escape)
    assert window.view.hasFocus()
    press(qtbot, window, Qt.Key.Key_Space)
    assert spans(window)[0][2] == "accepted"


def test_help_overlay_and_language(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.help.isVisible()
    qtbot.keyClick(window.help, Qt.Key.Key_Space)
    assert not window.help.isVisible()
    assert spans(window)[0][2] == "pending"  # closing the help decided nothing
    window.switch_language("zh")
    assert window.menus["menu.file"].title().startswith("文件")
    assert window.actions_by_id["accept"].text() == "接受当前实体"
    window.switch_language("en")
    assert window.menus["menu.file"].title() == "&File"


def test_script_toggle_keeps_offsets(qtbot, window):
    window.session.open_article(window.store.article_ids()[1])
    before = window.view.toPlainText()
    press(qtbot, window, Qt.Key.Key_T)  # simplified view
    press(qtbot, window, Qt.Key.Key_T)  # traditional view
    shown = window.view.toPlainText()
    assert len(shown) == len(before) and shown != before
    assert "區" in shown


def test_every_action_is_wired(window):
    assert set(window.actions_by_id) == {a.id for a in keymap.ACTIONS}
    for action in keymap.ACTIONS:
        assert window.actions_by_id[action.id].shortcuts()


def test_item_models_follow_qt_contracts(qtmodeltester, window):
    qtmodeltester.check(window.articles.model)
    window._sync_panel()
    qtmodeltester.check(window.spans.model)


def test_clicking_a_highlight_makes_it_current(qtbot, window):
    span = window.session.spans[2]  # 鹤山
    cursor = window.view.textCursor()
    cursor.setPosition(span.start + 1)
    point = window.view.cursorRect(cursor).center()
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.session.current == span.id


def test_a_long_status_message_is_elided_with_the_whole_in_its_tooltip(qtbot, window):
    # The status bar's message shares the bar with the current span and progress: a
    # sentence longer than its room ends in "…" instead of being cut mid-word.
    window.resize(1400, 800)
    long = "已导入 5 篇，重复 0 篇，失败 0 个；" * 12
    window.notify(long)
    width = window.message_label.fontMetrics().horizontalAdvance
    qtbot.waitUntil(lambda: 50 < window.message_label.width() < width(long))
    shown = window.message_label.shown_text()
    assert shown.endswith("…") and long.startswith(shown[:-1])
    assert window.message_label.toolTip() == long
    window.notify("已保存")
    assert window.message_label.shown_text() == "已保存"
