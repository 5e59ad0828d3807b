"""Hints, accept-the-rest, snapping, word hints and repeats, driven with real key events."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui import keymap
from annotator.ui.hints import ALPHABET, HOME_ROW, capacity, hint_strings

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def spans(win):
    return [(s.surface, s.label, s.status.value) for s in win.store.spans(win.session.article_id)]


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier, times=1):
    for _ in range(times):
        qtbot.keyClick(win.view, key, modifier)


def letter(qtbot, win, char):
    qtbot.keyClicks(win.view, char)


def test_hint_strings_are_prefix_free_and_shortest_first():
    assert hint_strings(3) == list(ALPHABET[:3])
    for n in (len(ALPHABET) + 1, 40, capacity()):
        many = hint_strings(n)
        assert len(set(many)) == n
        assert all(not b.startswith(a) for a in many for b in many if a != b)
        assert [len(h) for h in many] == sorted(len(h) for h in many)
        # The home row stays one letter each, however many targets are in view.
        assert many[: len(HOME_ROW)] == list(HOME_ROW)
    assert len(hint_strings(capacity() + 50)) == capacity()  # the farthest get none


def test_hint_letters_take_no_key_that_works_in_hint_mode():
    bound = {k.lower() for a in keymap.ACTIONS for k in a.keys if len(k) == 1}
    # Only the home row's J/K/A/H/L wait while hints are shown; D, F, G, X, Q, W, E, R
    # and every other bound letter keep working.
    assert set(ALPHABET) & bound <= set(HOME_ROW)
    assert not set("dfgxqwer") & set(ALPHABET)


def test_hints_pick_spans_and_stay_on_for_the_next_decision(qtbot, window):
    # Spans: 江门市委书记 (current), 郭文海, 鹤山, 鹤山.
    press(qtbot, window, Qt.Key.Key_F)
    hints = window.view.hints
    assert hints is not None and hints.kind == "spans"
    by_label = {
        label: window.session.article.text[s:e] for label, (s, e, _i) in hints.targets.items()
    }
    # The spans after the current one, nearest first, get the home-row letters.
    assert by_label == {"a": "郭文海", "s": "鹤山", "h": "鹤山"}
    letter(qtbot, window, "s")  # pick the first 鹤山 …
    assert window.session.current_span().start == 10
    press(qtbot, window, Qt.Key.Key_X)  # … and reject it: two keys for a wrong span
    assert ("鹤山", "LOC", "rejected") in spans(window)
    assert window.view.hints is not None  # still in hint mode
    assert "f" not in window.view.hints.targets  # F leaves hint mode, it is no hint
    # J is a hint letter now, not "next span"; hints were renumbered from the new current.
    assert set(window.view.hints.targets) <= set(ALPHABET)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.view.hints is None
    press(qtbot, window, Qt.Key.Key_J)  # a normal key again
    assert window.session.current_span() is not None


def test_a_letter_matching_no_hint_does_nothing(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F)
    before = spans(window), window.session.current
    letter(qtbot, window, "z")
    assert (spans(window), window.session.current) == before
    assert window.view.hints is not None and window.view.hints.typed == ""


def test_done_accepts_the_rest_in_one_undoable_step(qtbot, window):
    first = window.session.article_id
    press(qtbot, window, Qt.Key.Key_X)  # reject 江门市委书记
    press(qtbot, window, Qt.Key.Key_D)
    got = {(s.surface, s.status.value) for s in window.store.spans(first)}
    assert got == {
        ("江门市委书记", "rejected"),
        ("郭文海", "accepted"),
        ("鹤山", "accepted"),
    }
    assert window.store.article(first).status.value == "done"
    assert window.session.article_id != first
    assert "3" in window.message_label.text()  # the status bar says how many
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.article_id == first
    assert window.store.article(first).status.value == "in_progress"
    assert [s[2] for s in spans(window)] == ["rejected", "pending", "pending", "pending"]


def test_select_to_the_next_punctuation_or_span_edge(qtbot, window):
    # Caret to 抓 (after 要), then one key selects 抓落实 up to the comma.
    text = window.session.article.text
    press(qtbot, window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Right, times=text.index("抓"))
    press(qtbot, window, Qt.Key.Key_End, CTRL_SHIFT)
    assert window.view.selection() == (text.index("抓"), text.index("，"))
    # From 在 the next stop is the start of the span 鹤山.
    press(qtbot, window, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Right, times=text.index("在"))
    press(qtbot, window, Qt.Key.Key_End, CTRL_SHIFT)
    assert window.view.selection() == (text.index("在"), text.index("鹤山"))


def test_word_hints_select_a_missed_word_then_a_digit_labels_it(qtbot, window):
    text = window.session.article.text
    press(qtbot, window, Qt.Key.Key_G)
    hints = window.view.hints
    assert hints is not None and hints.kind == "words"
    words = {label: text[s:e] for label, (s, e, _i) in hints.targets.items()}
    live = [(x.start, x.end) for x in window.session.live_spans()]
    assert all(  # words under a span get no hint
        not (a < e and s < b) for s, e, _i in hints.targets.values() for a, b in live
    )
    assert {"江门", "郭文"}.isdisjoint(words.values())
    label = next(k for k, w in words.items() if w == "项目")
    letter(qtbot, window, label)
    assert window.view.selection() == (text.index("项目"), text.index("项目") + 2)
    assert window.view.hints is None
    press(qtbot, window, Qt.Key.Key_0)  # FAC
    assert ("项目", "FAC", "accepted") in spans(window)


def test_repeats_offer_the_decision_for_other_occurrences_and_undo_with_it(qtbot, window):
    # Relabelling the first 鹤山 as ORG offers ORG for the other 鹤山 (pending), and
    # creates a pending LOC for the third one, which had no span; undo takes all back.
    press(qtbot, window, Qt.Key.Key_J, times=2)
    assert window.session.current_span().start == 10
    press(qtbot, window, Qt.Key.Key_3)
    got = [(s, lab, st) for s, lab, st in spans(window) if s == "鹤山"]
    assert got == [
        ("鹤山", "ORG", "accepted"),
        ("鹤山", "ORG", "pending"),
        ("鹤山", "ORG", "pending"),
    ]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    got = [(s, lab, st) for s, lab, st in spans(window) if s == "鹤山"]
    assert got == [("鹤山", "LOC", "pending"), ("鹤山", "ORG", "pending")]
