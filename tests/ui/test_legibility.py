"""What the text view draws: frames per line, label tags, edges, caret, dark theme."""

from __future__ import annotations

import itertools
import re

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span, SpanStatus
from annotator.ui import main_window
from annotator.ui.colours import contrast
from annotator.ui.theme import apply_theme


def _char_centre(view, pos: int) -> QPointF:
    """The middle of the character at ``pos``, in viewport pixels."""
    rect = view.span_rects(pos, pos + 1)[0]
    return rect.center()


def _wrap_a_span(window):
    """Narrow the view until the current span breaks over two lines; return it."""
    view = window.view
    span = window.session.current_span()
    for width in range(420, 40, -4):
        view.setFixedWidth(width)
        QApplication.processEvents()
        if len(view.span_rects(span.start, span.end)) == 2:
            return span
    pytest.fail("the span never wrapped")


def test_a_wrapped_span_is_framed_on_each_line_around_its_own_text(qtbot, window):
    span = _wrap_a_span(window)
    view = window.view
    first, second = view.span_rects(span.start, span.end)
    assert second.top() > first.bottom()  # two lines, one box on each
    line_height = view.fontMetrics().height() * 1.3
    assert first.height() < line_height and second.height() < line_height
    block = view.document().findBlock(span.start)
    outside = [
        p
        for p in range(block.position(), block.position() + block.length() - 1)
        if not span.start <= p < span.end
    ]
    for pos in outside:
        centre = _char_centre(view, pos)
        assert not first.contains(centre) and not second.contains(centre), pos
    for pos in range(span.start, span.end):
        centre = _char_centre(view, pos)
        assert first.contains(centre) or second.contains(centre), pos


def test_the_current_span_has_its_label_name_above_it(qtbot, window):
    view = window.view
    tags = view.tags()
    current = window.session.current_span()
    assert [(sid, name) for sid, name, _r in tags] == [(current.id, current.label)]
    rect = tags[0][2]
    span_box = view.span_rects(current.start, current.end)[0]
    assert rect.bottom() <= span_box.top()  # above the text, not over it
    assert abs(rect.left() - span_box.left()) < 1


def test_tags_for_every_span_are_an_option_kept_in_the_settings(qtbot, window):
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    live = [s for s in window.session.spans if s.status is not SpanStatus.REJECTED]
    names = [name for _sid, name, _r in window.view.tags()]
    assert names == [s.label for s in live]
    assert window.settings.all_tags and window.actions_by_id["toggle_tags"].isChecked()
    # Tags on one line never overlap.
    rects = [r for _s, _n, r in window.view.tags()]
    for a, b in itertools.pairwise(rects):
        if a.top() == b.top():
            assert a.right() <= b.left()
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert len(window.view.tags()) == 1


def test_adjacent_spans_are_drawn_with_an_edge_between_them(qtbot, window):
    """江门市委书记 and 郭文海 touch; the pixels where they meet are darker than both."""
    view = window.view
    window.session.set_current(None)
    QApplication.processEvents()
    left, right = window.session.spans[0], window.session.spans[1]
    assert left.end == right.start
    a = view.span_rects(left.start, left.end)[0]
    b = view.span_rects(right.start, right.end)[0]
    image = view.viewport().grab().toImage()
    ratio = view.viewport().devicePixelRatioF()
    y = int(a.center().y() * ratio)

    def grey(x: float) -> int:
        return image.pixelColor(int(x * ratio), y).lightness()

    seam = min(grey(a.right() - 1), grey(a.right()), grey(b.left()), grey(b.left() + 0.5))
    assert seam < grey(a.right() - 6) - 25
    assert seam < grey(b.left() + 6) - 25


def test_the_caret_is_thicker_than_a_hairline(window):
    assert window.view.cursorWidth() >= 3


def test_article_titles_are_not_cut_short(qtbot, window):
    table = window.articles.table
    # Narrow (this offscreen screen, or 200%): the counts give way, the title keeps
    # most of the list.
    QApplication.processEvents()
    assert table.columnWidth(1) >= 0.6 * table.viewport().width()
    window.articles.resize(380, 600)
    QApplication.processEvents()
    assert table.columnWidth(1) >= table.fontMetrics().horizontalAdvance("清远市清城区召开推进会")


@pytest.fixture
def dark(qtbot):
    app = QApplication.instance()
    apply_theme(app, "dark")
    yield
    apply_theme(app, "")


def test_dark_theme_text_reads_on_its_backgrounds(qtbot, dark, window):
    view = window.view
    base = view.palette().color(QPalette.ColorRole.Base)
    text = view.palette().color(QPalette.ColorRole.Text)
    assert base.lightness() < 80 and contrast(base, text) > 7
    for label in window.labels.values():
        for status in SpanStatus:
            for current in (False, True):
                span = Span(0, 1, label.name, "x", status=status)
                fmt = view._format(span, current)
                ratio = contrast(fmt.foreground().color(), fmt.background().color())
                assert ratio >= 4.5, (label.name, status, current, ratio)
    model = window.spans.model
    window._sync_panel()
    index = model.index(0, 0)
    fg = model.data(index, Qt.ItemDataRole.ForegroundRole)
    bg = model.data(index, Qt.ItemDataRole.BackgroundRole)
    assert contrast(fg, bg) >= 4.5
    # Plain text is drawn on the dark page, not on a white box.
    image = view.viewport().grab().toImage()
    corner = image.pixelColor(3, image.height() - 3)
    assert corner.lightness() < 80


def test_the_stylesheet_names_no_fixed_colour():
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb", main_window.STYLE)


def test_view_menu_checks_the_current_language_script_and_theme(qtbot, window):
    choices = window._choices
    assert choices["menu.language"]["en"].isChecked()
    assert choices["menu.script"]["original"].isChecked()
    qtbot.keyClick(window.view, Qt.Key.Key_T)
    assert choices["menu.script"]["simplified"].isChecked()
    assert not choices["menu.script"]["original"].isChecked()
    window.switch_language("zh")
    assert choices["menu.language"]["zh"].isChecked()
    window.switch_language("en")
    assert choices["menu.theme"][""].isChecked()
