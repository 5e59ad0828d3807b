"""The span outlines come from line boxes measured once and kept: they must follow
every change of the layout (a bolder current span, a decision, a new span, a resize,
a zoom, another article), never show where a span used to be."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.formats import article_from_raw
from annotator.core.model import Span, SpanStatus
from annotator.core.store import Store
from annotator.ui.span_geometry import SpanGeometry
from annotator.ui.tasks import Tasks
from tests.ui.fonts import bold_is_wider
from tests.ui.windows import every_occurrence, open_window, resumed_window

NONE = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier

# Invented news, long paragraphs so that spans share lines and paragraphs wrap. Digits
# and Latin letters are wider in bold (the current span): what follows them moves.
PARAGRAPHS = [
    "2026年3月12日，桂溪县召开春季植树动员会，县长林晓东出席会议并讲话，要求青石镇、白沙镇和"
    "望江镇抓紧落实绿化任务，县林业局负责督导，确保三月底前完成十万株苗木栽种。",
    "会上，青石镇党委书记周安平介绍了南岭生态公园的建设情况，白沙镇镇长何丽华"
    "汇报了G228国道绿化带的进度，县财政局安排专项资金2000万元支持乡村绿化。",
    "林晓东强调，各镇要把植树工作与美丽乡村建设结合起来，桂溪县将于四月举办"
    "第二届山茶花文化节，邀请周边县市的游客前来观光。",
]
NAMES = [
    ("2026年3月12日", "DATE"),
    ("桂溪县", "LOC"),
    ("县长", "TITLE"),
    ("林晓东", "PER"),
    ("青石镇", "LOC"),
    ("白沙镇", "LOC"),
    ("望江镇", "LOC"),
    ("县林业局", "ORG"),
    ("三月底", "DATE"),
    ("周安平", "PER"),
    ("南岭生态公园", "FAC"),
    ("何丽华", "PER"),
    ("G228国道绿化带", "FAC"),
    ("县财政局", "ORG"),
    ("2000万元", "MONEY"),
    ("第二届山茶花文化节", "EVENT"),
]


def _spans_of(text: str) -> list[Span]:
    return every_occurrence(text, NAMES)


@pytest.fixture
def long_window(qtbot, tmp_path):
    store = Store.open(tmp_path / "g.db")
    first = "\n".join(PARAGRAPHS)
    # The same length, its paragraphs broken elsewhere: other blocks, other lines.
    second = first.replace("\n", "，").replace("观光。", "观光\n")
    second = second[:60] + "\n" + second[61:]
    assert len(second) == len(first)
    for text in (first, second):
        art = article_from_raw(text, "t.txt")
        art.spans = _spans_of(art.text)
        store.add_article(art)
    # Whatever the splitter: the same lines everywhere.
    with resumed_window(qtbot, store, tmp_path, view_width=560) as win:
        yield win


def _boxes(view) -> dict[tuple[int, int], list[tuple[float, float, float, float]]]:
    """Every live span's line boxes as the view has them, in document coordinates (so
    that scrolling is not taken for a change of layout)."""
    scroll = QPointF(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    out = {}
    for span in view._spans:
        if span.status is not SpanStatus.REJECTED:
            rects = view.span_rects(span.start, span.end)
            out[(span.start, span.end)] = [r.translated(scroll).getRect() for r in rects]
    return out


def _measured_afresh(view) -> dict[tuple[int, int], list[tuple[float, float, float, float]]]:
    """The same, measured on the current layout by a geometry that has cached nothing."""
    fresh = SpanGeometry(view.document())
    out = {}
    for span in view._spans:
        if span.status is not SpanStatus.REJECTED:
            rects = fresh.rects(span.start, span.end, QPointF(0, 0))
            out[(span.start, span.end)] = [r.getRect() for r in rects]
    return out


def _check(view) -> dict:
    QApplication.processEvents()
    view.viewport().repaint()  # paints from (and fills) the cache
    boxes = _boxes(view)
    assert boxes == _measured_afresh(view)
    return boxes


def _key(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(win.view, key, modifier)
    QApplication.processEvents()


def test_boxes_follow_a_bolder_current_span_and_every_decision(qtbot, long_window):
    win = long_window
    view = win.view
    bold_is_wider(view)
    assert win.session.current_span().surface == "2026年3月12日"
    before = _check(view)
    _key(qtbot, win, Qt.Key.Key_J)  # the date is no longer bold: what follows it moves
    now = _check(view)
    date = next(k for k in now if k[0] == 0)
    on_its_line = [k for k in now if k != date and before[k][0][1] == before[date][0][1]]
    assert on_its_line and now[date] != before[date]
    assert all(now[k] != before[k] for k in on_its_line)
    steps = [
        (Qt.Key.Key_J, NONE),
        (Qt.Key.Key_F, NONE),  # hints
        ("s", NONE),  # pick a span by its hint
        (Qt.Key.Key_X, NONE),  # reject
        (Qt.Key.Key_3, NONE),  # relabel the next one
        (Qt.Key.Key_R, SHIFT),  # its end one character right
        (Qt.Key.Key_Z, CTRL),  # undo that
        (Qt.Key.Key_Z, CTRL),
        (Qt.Key.Key_F, NONE),  # leave hint mode
    ]
    for key, mod in steps:
        if isinstance(key, str):
            qtbot.keyClicks(view, key)
        else:
            _key(qtbot, win, key, mod)
        _check(view)
    # A new span from a keyboard selection: it gets boxes, and keeps them right.
    count = len(_boxes(view))
    cursor = view.textCursor()
    cursor.setPosition(view.toPlainText().index("春季"))
    view.setTextCursor(cursor)
    _key(qtbot, win, Qt.Key.Key_Right, SHIFT)
    _key(qtbot, win, Qt.Key.Key_Right, SHIFT)
    _key(qtbot, win, Qt.Key.Key_5)
    assert len(_check(view)) == count + 1


def test_boxes_follow_a_resize_a_zoom_and_the_next_article(qtbot, long_window):
    win = long_window
    view = win.view
    before = _check(view)
    win.view.setFixedWidth(420)  # narrower: the paragraphs wrap elsewhere
    now = _check(view)
    assert now != before
    view.zoomIn(3)
    zoomed = _check(view)
    assert zoomed != now
    view.zoomOut(3)
    assert _check(view) == now
    _key(qtbot, win, Qt.Key.Key_L)  # the next article: as long, broken into other blocks
    assert _check(view) != now


def test_what_is_painted_matches_a_window_opened_afresh(qtbot, long_window, tmp_path):
    """After decisions, a resize and scrolling, the outlines on screen are where a new
    window draws them."""
    win = long_window
    bold_is_wider(win.view)
    win.view.viewport().repaint()
    win.view.setFixedWidth(480)
    QApplication.processEvents()
    win.view.verticalScrollBar().setValue(40)
    # Accept the date and 桂溪县, reject 县长, relabel 林晓东, move on.
    for key in [Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_X, Qt.Key.Key_3, Qt.Key.Key_J]:
        _key(qtbot, win, key)
        win.view.viewport().repaint()
    other, session = open_window(qtbot, win.store, tmp_path, tasks=Tasks(synchronous=True))
    bold_is_wider(other.view)
    other.resize(win.size())
    other.view.setFixedSize(win.view.size())
    session.resume()
    session.set_current(win.session.current)  # J moved on after the last decision
    assert [(s.start, s.end, s.label, s.status) for s in session.spans] == [
        (s.start, s.end, s.label, s.status) for s in win.session.spans
    ]
    images = []
    for w in (win, other):
        w.view.clearFocus()  # no caret: it blinks
        w.view.verticalScrollBar().setValue(0)
        QApplication.processEvents()
        images.append(w.view.viewport().grab().toImage())
    other.close()
    assert images[0] == images[1]


def test_hint_labels_sit_where_the_caret_stands_at_their_targets(qtbot, long_window):
    win = long_window
    view = win.view
    bold_is_wider(view)

    def check() -> None:
        QApplication.processEvents()
        view.viewport().repaint()
        hints = view.hints
        assert hints is not None and hints.targets
        shown = {text: box for box, text in view.hint_boxes()}
        assert len(shown) == len(hints.targets)
        for label, (start, _end, _id) in hints.targets.items():
            cursor = QTextCursor(view.document())
            cursor.setPosition(start)
            caret = view.cursorRect(cursor)
            box = shown[label.upper()]
            assert (box.left() + 2, box.top() + box.height() - 4) == (caret.left(), caret.top())

    _key(qtbot, win, Qt.Key.Key_F)
    check()
    for letter in "ash":  # each pick makes another span bold and hints the rest anew
        qtbot.keyClicks(view, letter)
        check()
    view.verticalScrollBar().setValue(30)
    check()
    view.zoomIn(2)  # the same hints, the text laid out anew
    check()
    view.setFixedWidth(430)
    check()
