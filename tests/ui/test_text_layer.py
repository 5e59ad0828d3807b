"""The article view keeps its text in a layer between repaints and paints again only
where something changed: what the window shows must always be, pixel for pixel,
what a full repaint of the view paints (after picks, decisions, boundary moves,
undo, hints, the caret and a selection moving, scrolling, a resize)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QRegion
from PySide6.QtWidgets import QApplication

from annotator.core.formats import article_from_raw
from annotator.core.model import LabelSet, Span, SpanStatus
from annotator.core.store import Store
from annotator.ui.article_view import ArticleView
from tests.ui.fonts import bold_is_wider
from tests.ui.windows import every_occurrence, resumed_window

NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier

# Invented news, long enough to scroll; digits and Latin letters are wider in bold.
# Two pending places side by side share one dashed underline until one is picked.
PARAGRAPH = (
    "2025年10月8日，青川县召开秋季防汛工作会议，县长罗明远主持会议，石门镇河口镇云台乡"
    "汇报了堤防巡查情况，县水利局安排资金350万元加固G105沿线护坡。"
)
NAMES = [
    ("2025年10月8日", "DATE"),
    ("青川县", "LOC"),
    ("县长", "TITLE"),
    ("罗明远", "PER"),
    ("石门镇", "LOC"),
    ("河口镇", "LOC"),
    ("云台乡", "LOC"),
    ("县水利局", "ORG"),
    ("350万元", "MONEY"),
    ("G105沿线护坡", "FAC"),
]


@pytest.fixture
def no_blink():
    """A caret that does not blink, so that two pictures of one state are alike."""
    flash = QApplication.cursorFlashTime()
    QApplication.setCursorFlashTime(0)
    yield
    QApplication.setCursorFlashTime(flash)


@pytest.fixture
def long_window(qtbot, tmp_path, no_blink):
    store = Store.open(tmp_path / "layer.db")
    art = article_from_raw("\n".join([PARAGRAPH] * 12), "t.txt")
    art.spans = every_occurrence(art.text, NAMES)
    store.add_article(art)
    with resumed_window(qtbot, store, tmp_path) as win:
        yield win


def _shown(win) -> QImage:
    """What the window's backing store holds where the text is: what is on screen."""
    QApplication.processEvents()
    viewport = win.view.viewport()
    image = win.screen().grabWindow(win.winId()).toImage()
    ratio = image.devicePixelRatio()
    corner, size = viewport.mapTo(win, QPoint(0, 0)), viewport.size()
    return image.copy(QRect(corner * ratio, size * ratio))


def _painted_afresh(win, view: ArticleView) -> QImage:
    view._layer.active = False
    try:
        view.viewport().repaint()
        return _shown(win)
    finally:
        view._layer.active = True


def _check(qtbot, win) -> None:
    """The layer is up to date, and painting the view from it shows what painting
    it all again shows."""
    view = win.view
    if not view._layer._usable():
        pytest.skip("a fractional scale: the view paints directly, with no layer")
    whole = QRegion(view.viewport().rect())
    qtbot.waitUntil(lambda: view._layer.ready(whole), timeout=2000)
    view.viewport().repaint()  # from the layer alone
    from_layer = _shown(win)
    afresh = _painted_afresh(win, view)
    assert from_layer == afresh


def _key(qtbot, win, key, modifier=NONE) -> None:
    if isinstance(key, str):
        qtbot.keyClicks(win.view, key)
    else:
        qtbot.keyClick(win.view, key, modifier)
    QApplication.processEvents()


@pytest.mark.parametrize("wider_bold", [False, True])
def test_what_the_layer_shows_is_a_full_repaint_after_every_key(qtbot, long_window, wider_bold):
    """With a font whose bold is no wider, a pick repaints the spans' lines alone;
    with one whose bold digits are wider, the text after them moves, and the layer
    repaints what Qt lays out again."""
    win = long_window
    if wider_bold:
        bold_is_wider(win.view)
    _check(qtbot, win)
    steps = [
        (Qt.Key.Key_J, NONE),  # the next span: two spans change their look
        (Qt.Key.Key_J, NONE),
        (Qt.Key.Key_J, NONE),
        (Qt.Key.Key_J, NONE),  # one of the two places side by side
        (Qt.Key.Key_J, NONE),
        (Qt.Key.Key_Space, NONE),  # accept
        (Qt.Key.Key_X, NONE),  # reject
        (Qt.Key.Key_3, NONE),  # relabel
        (Qt.Key.Key_R, SHIFT),  # the end one character right
        (Qt.Key.Key_Z, CTRL),  # undo
        (Qt.Key.Key_F, NONE),  # span hints
        ("s", NONE),  # pick one by its hint
        ("h", NONE),
        (Qt.Key.Key_F, NONE),  # leave hint mode
        (Qt.Key.Key_Right, NONE),  # the caret alone
        (Qt.Key.Key_Right, SHIFT),  # a selection
        (Qt.Key.Key_Right, SHIFT),
        (Qt.Key.Key_Left, NONE),
    ]
    for key, modifier in steps:
        _key(qtbot, win, key, modifier)
        _check(qtbot, win)


def test_the_layer_follows_scrolling_a_resize_a_zoom_the_script_and_the_palette(qtbot, long_window):
    win = long_window
    view = win.view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 200
    _check(qtbot, win)
    for value in (37, 160, 150, bar.maximum(), 0):  # down, further, back, the end, the top
        bar.setValue(value)
        _check(qtbot, win)
    _key(qtbot, win, Qt.Key.Key_J)
    _check(qtbot, win)
    win.resize(1000, 700)  # narrower: the paragraphs wrap elsewhere
    _check(qtbot, win)
    view.zoomIn(2)
    _check(qtbot, win)
    win.set_script("traditional")
    _check(qtbot, win)
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    view.setPalette(palette)  # a dark page: every span's colours derived again
    _check(qtbot, win)


def test_an_edge_that_changes_where_no_format_does(qtbot, no_blink):
    """Two spans on one range: the document holds one format for both, but each
    draws its edge. Rejecting the first takes its edge away, and no format changes."""
    view = _lone_view(qtbot)
    both = [
        Span(2, 5, "PER", "罗明远", origin="a", id=1),
        Span(2, 5, "LOC", "罗明远", origin="b", id=2),
    ]
    view.set_spans(both, None)
    _check_view(qtbot, view)
    shown = _grab(view)
    formats = view._applied.copy()
    view.set_spans([both[0].with_(status=SpanStatus.REJECTED), both[1]], None)
    assert view._applied == formats
    _check_view(qtbot, view)
    assert _grab(view) != shown


def _lone_view(qtbot) -> ArticleView:
    view = ArticleView(LabelSet.default())
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.set_article("县长罗明远到石门镇调研。", [])
    view.show()
    qtbot.waitExposed(view)
    return view


def _grab(view: ArticleView) -> QImage:
    QApplication.processEvents()
    return view.screen().grabWindow(view.winId()).toImage()


def _check_view(qtbot, view: ArticleView) -> None:
    if not view._layer._usable():
        pytest.skip("a fractional scale: the view paints directly, with no layer")
    whole = QRegion(view.viewport().rect())
    qtbot.waitUntil(lambda: view._layer.ready(whole), timeout=2000)
    view.viewport().repaint()
    from_layer = _grab(view)
    view._layer.active = False
    try:
        view.viewport().repaint()
        afresh = _grab(view)
    finally:
        view._layer.active = True
    assert from_layer == afresh
