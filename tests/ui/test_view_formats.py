"""The article view shows exactly the stored spans, whatever the caret did before.

Defect: clicking in the text (or moving the caret with Right/End) and then opening
another article painted long runs of plain text in the previous current span's
style, because the caret's character format was carried into the new text.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextFormat

from annotator.core.model import SpanStatus


def _char_formats(view) -> list[QTextCharFormat]:
    """The character format of every character of the view's document."""
    out: list[QTextCharFormat] = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            out.extend([frag.charFormat()] * frag.length())
            it += 1
        if block.next().isValid():
            out.append(QTextCharFormat())  # the paragraph separator
        block = block.next()
    return out


def _look(fmt: QTextCharFormat) -> tuple:
    bg = (
        fmt.background().color().name(QColor.NameFormat.HexArgb)
        if fmt.hasProperty(QTextFormat.Property.BackgroundBrush)
        else None
    )
    return (bg, fmt.fontWeight() > 500, fmt.underlineStyle())


def assert_shows_exactly_its_spans(win) -> None:
    view, session = win.view, win.session
    stored = win.store.spans(session.article_id)
    assert [(s.start, s.end, s.label, s.status) for s in session.spans] == [
        (s.start, s.end, s.label, s.status) for s in stored
    ]
    formats = _char_formats(view)
    text = view.toPlainText()
    assert len(formats) == len(text)
    expected = [_look(QTextCharFormat())] * len(text)
    for span in stored:
        if span.status is SpanStatus.REJECTED:
            continue
        look = _look(view._format(span, span.id == session.current))
        for i in range(span.start, span.end):
            expected[i] = look
    garbled = set()
    for start, end in session.article.flags.get("garbled", []):
        garbled.update(range(start, end))
    for i, (fmt, want) in enumerate(zip(formats, expected, strict=True)):
        if i in garbled:
            continue
        assert _look(fmt) == want, f"character {i} {text[i]!r}: {_look(fmt)} != {want}"


def _click_in_current(qtbot, win):
    span = win.session.current_span()
    cursor = win.view.textCursor()
    cursor.setPosition(span.start + 1)
    point = win.view.cursorRect(cursor).center()
    qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


STEPS = {
    "click": _click_in_current,
    "right": lambda qtbot, win: qtbot.keyClick(win.view, Qt.Key.Key_Right),
    "end": lambda qtbot, win: qtbot.keyClick(win.view, Qt.Key.Key_End),
    "next": lambda qtbot, win: qtbot.keyClick(win.view, Qt.Key.Key_L),
    "prev": lambda qtbot, win: qtbot.keyClick(win.view, Qt.Key.Key_H),
    "accept": lambda qtbot, win: qtbot.keyClick(win.view, Qt.Key.Key_Space),
    "script": lambda qtbot, win: qtbot.keyClick(win.view, Qt.Key.Key_T),
}


def test_click_then_next_article_shows_only_its_spans(qtbot, window):
    _click_in_current(qtbot, window)
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert_shows_exactly_its_spans(window)
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert_shows_exactly_its_spans(window)


@pytest.mark.parametrize(
    "order",
    [
        ("click", "next", "click", "end", "next", "prev"),
        ("end", "next", "right", "prev", "accept", "next"),
        ("right", "accept", "click", "script", "next", "click", "prev"),
        *itertools.permutations(("click", "right", "next", "end")),
    ],
)
def test_any_order_of_clicks_moves_and_switches(qtbot, window, order):
    for step in order:
        STEPS[step](qtbot, window)
        assert_shows_exactly_its_spans(window)
