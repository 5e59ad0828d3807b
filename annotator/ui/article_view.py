"""The article text with its spans highlighted in label colours.

It renders the session (article, spans, current span) and reports keyboard/mouse
selections back; it holds no annotation state of its own. Highlights are character
formats of the document; what the text and the span edges look like is kept in a
layer (ui/text_layer.py) between repaints, so a key repaints the lines it changed
and draws the overlays (the current span's frame, label tags, hints) over it.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QStaticText,
    QTextCharFormat,
    QTextCursor,
    QTextLayout,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from annotator.core.model import LabelSet, Span, SpanStatus
from annotator.core.text import convert_script
from annotator.ui.colours import UNKNOWN_LABEL, mix, span_look, text_on
from annotator.ui.hints import ALPHABET, Hints
from annotator.ui.span_geometry import SpanGeometry
from annotator.ui.text_layer import TextLayer

CJK_FONTS = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK TC",
    "sans-serif",
]
_TOKEN_BREAK = re.compile(r"[\s，。、；：！？“”‘’《》()（）,.;:!?\"'\-—]")


def cjk_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(CJK_FONTS)
    font.setPointSizeF(point_size)
    return font


class ArticleView(QTextEdit):
    """Read-only, keyboard-selectable text. Emits ``repainted`` after each paint."""

    repainted = Signal(float)  # perf_counter() at the end of a paint
    clicked_at = Signal(int)  # text offset of a mouse click (no selection made)

    def __init__(self, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFont(cjk_font(15))
        self.document().setDocumentMargin(18)
        self.setCursorWidth(3)  # a hairline caret is lost among highlights
        self._all_tags = False
        self._text = ""
        self._script = "original"
        self._spans: list[Span] = []
        self._by_start: list[Span] = []  # the spans by start, for the edges in a range
        self._starts: list[int] = []
        self._longest = 0
        self._current: int | None = None
        self._garbled: list[list[int]] = []
        self._boundaries: list[int] = []
        self._current_rect_span: tuple[int, int] | None = None
        self._formats: dict[tuple[str, SpanStatus, bool], QTextCharFormat] = {}
        self._applied: dict[tuple[int, int], tuple[object, QTextCharFormat]] = {}
        self._plain = QTextCharFormat()
        self._garbled_fmt = self._garbled_format()
        self.document().setUndoRedoEnabled(False)
        self.hints: Hints | None = None
        # Set by the window: word edges of the open article, computed now if need be.
        self.edges_source: Callable[[], list[int]] | None = None
        # Set by the window: gets each hint letter (or "Escape") typed in hint mode.
        self.hint_key: Callable[[str], None] | None = None
        self._hint_cache: tuple[object, list[tuple[QRect, str]]] = (None, [])
        self._hint_places: tuple[object, dict[int, tuple[int, int]]] = (None, {})
        self._geometry = SpanGeometry(self.document())
        self._layer = TextLayer(self)
        self._selected: tuple[int, int] | None = None
        self.selectionChanged.connect(self._selection_moved)
        self._edges: set[tuple[int, int, object]] = set()  # the span edges the layer holds
        self._hint_widths: dict[str, int] = {}  # label -> width of its box
        self._hint_texts: dict[str, tuple[QStaticText, float, float]] = {}
        self._edge_pens: dict[tuple[str, bool, bool, int], QPen] = {}
        self._hint_font = QFont(self.font())
        self._hint_font.setPointSizeF(9)
        self._hint_font.setBold(True)

    # ------------------------------------------------------------------ content
    def set_article(
        self, text: str, garbled: list[list[int]], boundaries: list[int] | None = None
    ) -> None:
        self._text = text
        self._garbled = garbled
        self._boundaries = boundaries or []
        self._show_text()

    def set_boundaries(self, boundaries: list[int]) -> None:
        self._boundaries = boundaries

    def set_script(self, script: str) -> None:
        self._script = script
        self._show_text()

    def script(self) -> str:
        return self._script

    def _show_text(self) -> None:
        shown = (
            self._text if self._script == "original" else convert_script(self._text, self._script)
        )
        cursor_pos = self.textCursor().position()
        # Through the document, not QTextEdit.setPlainText: that gives the whole new
        # text the caret's character format, and a caret that stood in a highlight
        # (after a click, Right or End) painted the next article with its look.
        self.document().setPlainText(shown)
        self.document().setUndoRedoEnabled(False)
        self.setCurrentCharFormat(self._plain)
        self._applied = {}
        # Line spacing: Chinese text wants air between lines.
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = cursor.blockFormat()
        block.setLineHeight(165, 1)  # 1 = ProportionalHeight
        block.setBottomMargin(10)
        cursor.setBlockFormat(block)
        cursor = self.textCursor()
        cursor.setPosition(min(cursor_pos, len(shown)))
        self.setTextCursor(cursor)
        self._refresh()

    def set_spans(self, spans: list[Span], current: int | None, *, move_caret: bool = True) -> None:
        self._spans = spans
        self._by_start = sorted(spans, key=lambda s: s.start)  # stable: drawn in order
        self._starts = [s.start for s in self._by_start]
        self._longest = max((s.end - s.start for s in spans), default=0)
        self.set_current(current, move_caret=move_caret)

    def set_current(self, current: int | None, *, move_caret: bool = True) -> None:
        self._current = current
        self._refresh()
        span = next((s for s in self._spans if s.id == current), None)
        if span is not None and move_caret:
            cursor = self.textCursor()
            cursor.setPosition(span.start)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    # ------------------------------------------------------------------ painting
    def set_show_all_tags(self, show: bool) -> None:
        """Label names over every span in view (the current span always has one)."""
        self._all_tags = show
        self.viewport().update()

    def show_all_tags(self) -> bool:
        return self._all_tags

    def _format(self, span: Span, current: bool) -> QTextCharFormat:
        key = (span.label, span.status, current)
        cached = self._formats.get(key)
        if cached is None:
            cached = self._formats[key] = self._make_format(span, current)
        return cached

    def _label_colour(self, name: str) -> str:
        return self.labels[name].colour if name in self.labels else UNKNOWN_LABEL

    def _make_format(self, span: Span, current: bool) -> QTextCharFormat:
        pending = span.status is SpanStatus.PENDING
        look = span_look(
            self._label_colour(span.label), pending=pending, current=current, palette=self.palette()
        )
        fmt = QTextCharFormat()
        fmt.setBackground(look.background)
        fmt.setForeground(look.foreground)
        if pending:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(look.foreground)
        if current:
            fmt.setFontWeight(QFont.Weight.Bold)
        return fmt

    def _garbled_format(self) -> QTextCharFormat:
        base = self.palette().color(QPalette.ColorRole.Base)
        background = mix(QColor("#808080"), base, 0.3)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#d0021b"))
        fmt.setBackground(background)
        fmt.setForeground(mix(text_on(background), background, 0.7))
        return fmt

    def set_labels(self, labels: LabelSet) -> None:
        """After the label set was edited: colours and names may all have changed."""
        self.labels = labels
        self._restyle()

    def _restyle(self) -> None:
        self._formats.clear()
        self._garbled_fmt = self._garbled_format()
        self._applied = {}
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()  # span colours are derived from the palette: derive them again

    def _refresh(self) -> None:
        """Bring the document's character formats in line with the spans.

        Highlights are character formats in the document rather than extra
        selections: Qt redraws the text once per extra selection, which made each
        repaint of a 300-span article cost several milliseconds. Only ranges whose
        look changed are touched, so a decision relayouts one paragraph at most.
        """
        doc_len = self.document().characterCount() - 1
        wanted: dict[tuple[int, int], tuple[object, QTextCharFormat]] = {}
        for start, end in self._garbled:
            if start < end <= doc_len:
                wanted[(start, end)] = ("garbled", self._garbled_fmt)
        # Once per key on every span of the article: kept to plain lookups.
        current, current_range = self._current, None
        formats, rejected = self._formats, SpanStatus.REJECTED
        edges: set[tuple[int, int, object]] = set()
        for span in self._spans:
            status = span.status
            if status is rejected:
                continue
            is_current = span.id == current
            key = (span.label, status, is_current)
            edges.add((span.start, span.end, key))
            if span.end > doc_len:
                continue
            fmt = formats.get(key)
            if fmt is None:
                fmt = self._format(span, is_current)
            wanted[(span.start, span.end)] = (key, fmt)
            if is_current:
                current_range = (span.start, span.end)
        self._current_rect_span = current_range
        first, last = self.visible_range()
        edges_changed = edges ^ self._edges
        self._edges = edges
        applied, none = self._applied, (None,)
        stale = [r for r, (k, _f) in applied.items() if wanted.get(r, none)[0] != k]
        fresh = [r for r, (k, _f) in wanted.items() if applied.get(r, none)[0] != k]
        # An edge's look follows its span's format, but two spans can share a range:
        # the layer is told of an edge in view that changed where no format did.
        formatted = set(stale).union(fresh)
        for start, end, _key in edges_changed:
            if end >= first and start <= last and (start, end) not in formatted:
                for rect in self._geometry.rects(start, end, QPointF(0, 0)):
                    self._layer.mark(rect.adjusted(-1, -1, 1, 1))
        if not stale and not fresh:
            self.viewport().update()  # the frame may have moved
            return
        plain, fresh_set = self._plain, set(fresh)
        # A range that only changes its look takes the new format at once.
        changes = [((s, min(e, doc_len)), plain) for s, e in stale if (s, e) not in fresh_set]
        changes += [(rng, wanted[rng][1]) for rng in fresh]
        # Ranges un-formatted first may cut into a neighbour that stays: format it again.
        for rng in stale:
            for other, (_k, fmt) in wanted.items():
                if other not in fresh_set and other[0] < rng[1] and rng[0] < other[1]:
                    changes.append((other, fmt))
        # Qt repaints every block a format change lays out again, and all those in
        # between; when nothing outside the changed ranges in view moved, the layer
        # repaints their lines alone.
        seen = [rng for rng, _fmt in changes if rng[1] >= first and rng[0] <= last]
        before = self._layout_marks(seen, first, last)
        cursor = QTextCursor(self.document())
        geometry = self._geometry
        with self._layer.holding() as asked, geometry.holding() as laid_out:
            cursor.beginEditBlock()
            for (start, end), fmt in changes:
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
            cursor.endEditBlock()
        if self._layout_marks(seen, first, last) == before:
            # What is measured in view still stands; out of view, it is measured again.
            geometry.forget([(s, e - s, e - s) for (s, e), _f in changes if e < first or s > last])
            for start, end in seen:
                for rect in geometry.rects(start, end, QPointF(0, 0)):
                    # Bold glyphs and a wavy underline may reach a little past the box.
                    self._layer.mark(rect.adjusted(0, -6, 0, 6))
        else:
            geometry.forget(laid_out)
            for rect in asked:
                self._layer.mark(rect)
        self._applied = wanted
        self.viewport().update()

    def _layout_marks(
        self, ranges: list[tuple[int, int]], first: int, last: int
    ) -> tuple[object, ...]:
        """What the layout of the blocks around ``ranges`` places outside them: the
        blocks' boxes, every line's extent and width, and where each range starts and
        ends; and where the blocks of the view's ``first`` and ``last`` characters
        stand (a paragraph above the view may grow). A change of weight widens or
        narrows every glyph of a range alike, so when these stay, no character in
        view moved."""
        doc = self.document()
        doc_layout = doc.documentLayout()
        out: list[object] = []
        for pos in (first, last):
            box = doc_layout.blockBoundingRect(doc.findBlock(pos))
            out.append((box.y(), box.height()))
        numbers: set[int] = set()
        for start, end in ranges:
            block = doc.findBlock(start)
            while block.isValid() and block.position() <= end:
                if block.blockNumber() not in numbers:
                    numbers.add(block.blockNumber())
                    box = doc_layout.blockBoundingRect(block)
                    out.append((block.blockNumber(), box.y(), box.height()))
                    layout = block.layout()
                    for i in range(layout.lineCount()):
                        line = layout.lineAt(i)
                        out.append(
                            (
                                line.textStart(),
                                line.textLength(),
                                line.y(),
                                line.height(),
                                line.naturalTextWidth(),
                            )
                        )
                block = block.next()
            for pos in (start, end):
                block = doc.findBlock(pos)
                relative = pos - block.position()
                line = block.layout().lineForTextPosition(relative)
                out.append(line.cursorToX(relative)[0] if line.isValid() else None)
        return tuple(out)

    def _selection_moved(self) -> None:
        """Qt repaints what a selection covers, but a paragraph that holds one paints
        its other lines a little differently (a pixel at a highlight's edge): the
        layer repaints the paragraphs of the old and the new selection whole."""
        cursor = self.textCursor()
        now = (cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else None
        doc = self.document()
        for selected in (self._selected, now):
            if selected is None:
                continue
            block, last = doc.findBlock(selected[0]), doc.findBlock(selected[1])
            while block.isValid() and block.blockNumber() <= last.blockNumber():
                self._layer.mark(doc.documentLayout().blockBoundingRect(block))
                block = block.next()
        self._selected = now

    # ------------------------------------------------------------------ hints
    def visible_range(self) -> tuple[int, int]:
        """Text offsets of the first and last characters in the viewport."""
        rect = self.viewport().rect()
        first = self.cursorForPosition(rect.topLeft()).position()
        last = self.cursorForPosition(rect.bottomRight()).position()
        return first, last

    def show_hints(self, hints: Hints | None) -> None:
        self.hints = hints
        self.viewport().update()

    def keep_in_upper_part(self, pos: int) -> None:
        """Scroll so ``pos`` sits in the upper third, leaving the text after it in view
        (hint mode labels what follows the current span)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(pos, self.document().characterCount() - 1))
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        if 0 <= rect.top() <= height // 3:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - rect.height())

    def hint_boxes(self) -> list[tuple[QRect, str]]:
        """Where each shown hint's label goes: above the start of its target, where the
        caret would stand. From carets measured once per layout of their block, and
        each target's place kept until the scroll position or the layout changes, so
        a new set of hints (after every pick) asks the text layout nothing; the boxes
        cached until the hints or the typed prefix change too."""
        hints = self.hints
        if hints is None:
            return []
        h_scroll = self.horizontalScrollBar().value()
        v_scroll = self.verticalScrollBar().value()
        geometry = self._geometry
        geometry.check()
        where = (h_scroll, v_scroll, geometry.version)
        key = (id(hints), len(hints.targets), hints.typed, where)
        if self._hint_cache[0] == key:
            return self._hint_cache[1]
        if self._hint_places[0] != where:
            self._hint_places = (where, {})
        places = self._hint_places[1]
        metrics = QFontMetrics(self._hint_font)
        height = metrics.height()
        doc_len = self.document().characterCount() - 1
        origins: dict[int, QPointF] = {}
        boxes = []
        for label, (start, _end, _id) in hints.targets.items():
            if not label.startswith(hints.typed) or start > doc_len:
                continue
            corner = places.get(start)
            if corner is None:
                number, at = geometry.caret(start)
                origin = origins.get(number)
                if origin is None:
                    origin = origins[number] = geometry.origin(number)
                # Rounded in the document, then scrolled, as QTextEdit.cursorRect does.
                point = (origin + at).toPoint()
                corner = places[start] = (point.x() - h_scroll - 2, point.y() - v_scroll)
            text = label.upper()
            width = self._hint_widths.get(text)
            if width is None:
                width = self._hint_widths[text] = metrics.horizontalAdvance(text) + 6
            boxes.append((QRect(corner[0], corner[1] - height + 4, width, height), text))
        self._hint_cache = (key, boxes)
        return boxes

    def _paint_hints(self, painter: QPainter) -> None:
        hints = self.hints
        if hints is None:
            return
        painter.setFont(self._hint_font)
        painter.setPen(QPen(QColor("#8a6d00"), 1))
        painter.setBrush(QColor("#ffd84d") if hints.kind == "spans" else QColor("#9be7ff"))
        boxes = self.hint_boxes()
        for box, _text in boxes:
            painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("#1a1a1a"))
        for box, text in boxes:
            static, advance, height = self._hint_text(text)
            # Centred as drawText(box, AlignCenter, text) centres its one line.
            corner = QPointF(
                box.x() + (box.width() - advance) / 2, box.y() + (box.height() - height) / 2
            )
            painter.drawStaticText(corner, static)

    def _hint_text(self, text: str) -> tuple[QStaticText, float, float]:
        """A label's text laid out once, with the advance and height of its line
        (drawText laid every label out again at every paint)."""
        cached = self._hint_texts.get(text)
        if cached is None:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._hint_font)
            layout = QTextLayout(text, self._hint_font)
            layout.beginLayout()
            line = layout.createLine()
            layout.endLayout()
            cached = self._hint_texts[text] = (static, line.horizontalAdvance(), line.height())
        return cached

    def _hint_letter(self, event: QKeyEvent) -> str | None:
        """The key as hint mode reads it: a letter of the alphabet, Escape, or None."""
        if self.hints is None or self.hint_key is None:
            return None
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return None
        if event.key() == Qt.Key.Key_Escape:
            return "Escape"
        text = event.text().lower()
        return text if len(text) == 1 and text in ALPHABET else None

    def event(self, event: QEvent) -> bool:
        # In hint mode the alphabet's letters are hints, not shortcuts.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._hint_letter(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle per line the range [start, end) covers, in viewport pixels.

        Measured on the text layout's lines, so a span that wraps gets a box on each
        line around its own characters only, never the whole of both lines.
        """
        return self._geometry.rects(start, end, self._scroll_offset())

    def _scroll_offset(self) -> QPointF:
        return QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def tags(self) -> list[tuple[int | None, str, QRectF]]:
        """The label names drawn above spans in view: (span id, name, rectangle)."""
        top, bottom = self.visible_range()
        metrics = QFontMetricsF(self._tag_font())
        height = metrics.height() + 1
        out: list[tuple[int | None, str, QRectF]] = []
        right_of: dict[float, float] = {}  # line top -> right edge of its last tag
        for span in self._spans:
            if span.status is SpanStatus.REJECTED or span.end < top or span.start > bottom:
                continue
            if self.hints is not None or (not self._all_tags and span.id != self._current):
                continue  # hint mode puts its letters where the tags go
            rects = self.span_rects(span.start, span.end)
            if not rects:
                continue
            first = rects[0]
            width = metrics.horizontalAdvance(span.label) + 6
            x = max(first.left(), right_of.get(first.top(), -1e9) + 2)
            right_of[first.top()] = x + width
            out.append((span.id, span.label, QRectF(x, first.top() - height - 2, width, height)))
        return out

    def _tag_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(self.font().pointSizeF() * 0.55, 7))
        font.setBold(True)
        return font

    def _edge_pen(self, span: Span) -> QPen:
        """The pen of a span's thin edge, computed once per look (a repaint of a long
        article otherwise spends milliseconds recomputing contrast for every span)."""
        pending = span.status is SpanStatus.PENDING
        current = span.id == self._current
        colour = self._label_colour(span.label)
        key = (colour, pending, current, self.palette().cacheKey())
        pen = self._edge_pens.get(key)
        if pen is None:
            look = span_look(colour, pending=pending, current=current, palette=self.palette())
            edge = QColor(look.foreground)
            edge.setAlpha(120)
            pen = self._edge_pens[key] = QPen(edge, 1)
        return pen

    def _paint_edges(self, painter: QPainter, top: int, bottom: int) -> None:
        """A thin edge around every span in view, so adjacent spans do not run
        together (from the measured lines: a repaint only draws)."""
        geometry = self._geometry
        geometry.check()
        offset = self._scroll_offset()
        origins: dict[int, QPointF] = {}
        pens: dict[tuple[str, SpanStatus, bool], QPen] = {}
        pen_now: QPen | None = None
        # Only the spans that can reach [top, bottom], in the order they are drawn.
        starts = self._starts
        lo = bisect.bisect_left(starts, top - self._longest)
        hi = bisect.bisect_right(starts, bottom)
        for span in self._by_start[lo:hi]:
            if span.status is SpanStatus.REJECTED or span.end < top or span.start > bottom:
                continue
            look = (span.label, span.status, span.id == self._current)
            pen = pens.get(look)
            if pen is None:
                pen = pens[look] = self._edge_pen(span)
            if pen is not pen_now:
                painter.setPen(pen)
                pen_now = pen
            for number, rect in geometry.lines(span.start, span.end):
                origin = origins.get(number)
                if origin is None:
                    origin = origins[number] = geometry.origin(number) + offset
                painter.drawRect(rect.translated(origin).adjusted(0.5, 0.5, -0.5, -0.5))

    def _paint_below(self, event: QPaintEvent) -> None:
        """The text and the span edges: what the layer keeps, drawn into it when it
        is rendering."""
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._layer.rendering:
            top, bottom = self._lines_in(event.rect())
        else:
            top, bottom = self.visible_range()
        self._paint_edges(painter, top, bottom)
        painter.end()

    def _lines_in(self, rect: QRect) -> tuple[int, int]:
        """Text offsets from the start of the first line ``rect`` (viewport pixels)
        crosses to the end of its last, found as :meth:`visible_range` finds them."""
        width = self.viewport().width()
        first = self.cursorForPosition(QPoint(0, rect.top())).position()
        last = self.cursorForPosition(QPoint(width, rect.bottom())).position()
        return first, last

    def paintEvent(self, event: QPaintEvent) -> None:
        layer = self._layer
        if layer.rendering:
            self._paint_below(event)
            return
        if layer.ready(event.region()):
            painter = QPainter(self.viewport())
            layer.draw(painter)
        else:
            self._paint_below(event)
            painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._current_rect_span is not None:
            # A frame around the current span, so it is obvious at a glance.
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 2))
            for rect in self.span_rects(*self._current_rect_span):
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        painter.setFont(self._tag_font())
        for span_id, name, rect in self.tags():
            background = QColor(self._label_colour(name))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(rect, 2, 2)
            painter.setPen(text_on(background))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
            if span_id == self._current:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 1))
                painter.drawRoundedRect(rect, 2, 2)
        self._paint_hints(painter)
        painter.end()
        self.repainted.emit(time.perf_counter())

    # ------------------------------------------------------------------ keyboard
    def selection(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def _token_edges(self) -> list[int]:
        if self._boundaries:
            return self._boundaries
        if self.edges_source is not None:
            self._boundaries = self.edges_source()
            return self._boundaries
        # Before the segmenter is ready: breaks at punctuation and script changes.
        edges = {0, len(self._text)}
        for m in _TOKEN_BREAK.finditer(self._text):
            edges.update((m.start(), m.end()))
        return sorted(edges)

    def move_token(self, direction: int, *, select: bool) -> None:
        cursor = self.textCursor()
        pos = cursor.position()
        edges = self._token_edges()
        if direction > 0:
            target = next((e for e in edges if e > pos), len(self._text))
        else:
            target = next((e for e in reversed(edges) if e < pos), 0)
        mode = QTextCursor.MoveMode.KeepAnchor if select else QTextCursor.MoveMode.MoveAnchor
        cursor.setPosition(target, mode)
        self.setTextCursor(cursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if not self.textCursor().hasSelection():
            self.clicked_at.emit(self.cursorForPosition(event.position().toPoint()).position())

    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) with the caret at the end (to extend it rightwards)."""
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def stop_after(self, pos: int) -> int:
        """The next place after ``pos`` where a name usually ends: before punctuation
        or a space, or at a span's edge."""
        text = self._text
        stops = [len(text)]
        m = _TOKEN_BREAK.search(text, pos + 1)
        if m is not None:
            stops.append(m.start())
        for span in self._spans:
            if span.status is SpanStatus.REJECTED:
                continue
            stops += [e for e in (span.start, span.end) if e > pos]
        return min(stops)

    def select_to_stop(self) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.stop_after(cursor.position()), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        letter = self._hint_letter(event)
        if letter is not None and self.hint_key is not None:
            self.hint_key(letter)
            return
        # Token-wise moves replace Qt's word moves, which treat a run of Chinese as one word.
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl and event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            direction = 1 if event.key() == Qt.Key.Key_Right else -1
            self.move_token(direction, select=bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return
        super().keyPressEvent(event)
