"""What a text edit paints under its overlays, kept in a pixmap between repaints, so a
repaint draws again only where something changed.

A key in a long article changes the look of a span or two, yet QTextEdit paints
every line in view again at each repaint, and the article view drew every span edge
in view again over it: most of a repaint's time. The layer keeps what the viewport
shows below the overlays (QTextEdit's text, highlights, selection and caret, then
whatever the view draws right after it, the span edges) in viewport pixels.

Qt says what it wants painted again through the text control's ``updateRequest``
signal (a format or text change, the caret moving or blinking, the selection); the
view adds what it changes itself with :meth:`TextLayer.mark`. Those rectangles are
rendered again from a queued call, which runs before the window's repaint (Qt posts
its update request at low priority), with the real QTextEdit paint, so the pixels
are the ones a full repaint gives. Scrolling moves the pixmap and renders the strip
that came into view. Whenever the pixmap is not up to date where a paint needs it,
the view paints directly as before: a change the layer was not told of costs time,
never a wrong picture.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import SIGNAL, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QTextEdit


class TextLayer(QObject):
    _render_soon = Signal()

    def __init__(self, edit: QTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._pixmap: QPixmap | None = None
        self._state: tuple[object, ...] = ()
        self._at = QPoint()  # document coordinates of the pixmap's top left corner
        self._dirty = QRegion()  # document coordinates
        self._queued = False
        self._held: list[QRectF] | None = None
        self._deferred = False  # a large repaint waits until the window has painted
        self.rendering = False  # the edit's paint event is drawing into the layer
        # QTextEdit's private text control sends every repaint request it makes (in
        # document coordinates) through this signal; without it, no layer.
        control = next(
            (
                c
                for c in edit.findChildren(QObject)
                if c.metaObject().className() == "QWidgetTextControl"
            ),
            None,
        )
        self.active = control is not None
        if control is not None:
            QObject.connect(control, SIGNAL("updateRequest(QRectF)"), self.mark)
        self._render_soon.connect(self._render, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------------ what changed
    def mark(self, rect: QRectF) -> None:
        """Paint ``rect`` (document coordinates; an invalid one means everything) again
        before the next repaint."""
        if self._held is not None:
            self._held.append(QRectF(rect))
            return
        if not rect.isValid():
            self._pixmap = None
        else:
            # Intersected first, as QTextEdit does: Qt sends rectangles INT_MAX wide.
            visible = self._visible()
            aligned = rect.intersected(QRectF(visible)).toAlignedRect()
            if aligned.isEmpty():
                return
            # Whole lines: a dashed underline cut by the clip starts its dashes anew
            # where it is cut, so a part of a line is not painted as the whole one.
            # A pixel more each way: a fill that ends inside a pixel may cover it.
            self._dirty += QRect(
                visible.left(), aligned.top() - 1, visible.width(), aligned.height() + 2
            )
        self._queue()

    @contextmanager
    def holding(self) -> Iterator[list[QRectF]]:
        """What Qt asks to repaint meanwhile, held back for the caller to mark (or to
        replace with less)."""
        held: list[QRectF] = []
        self._held = held
        try:
            yield held
        finally:
            self._held = None

    def _queue(self) -> None:
        if not self._queued:
            self._queued = True
            self._render_soon.emit()

    def _offset(self) -> QPoint:
        """The scroll position as QTextEdit paints with it."""
        edit = self._edit
        bar = edit.horizontalScrollBar()
        x = bar.maximum() - bar.value() if edit.isRightToLeft() else bar.value()
        return QPoint(x, edit.verticalScrollBar().value())

    def _visible(self) -> QRect:
        return QRect(self._offset(), self._edit.viewport().size())

    def _now(self) -> tuple[object, ...]:
        """Everything every pixel depends on besides the document and the scroll."""
        edit = self._edit
        viewport = edit.viewport()
        return (
            viewport.size(),
            viewport.devicePixelRatioF(),
            edit.palette().cacheKey(),
            viewport.palette().cacheKey(),
            edit.hasFocus(),
            edit.isActiveWindow(),
            edit.isEnabled(),
            id(edit.style()),
            edit.isRightToLeft(),
        )

    def _follow(self) -> None:
        """Forget the pixmap if every pixel may have changed; move it with a scroll."""
        if self._pixmap is None:
            return
        if self._now() != self._state:
            self._pixmap = None
            return
        offset = self._offset()
        if offset == self._at:
            return
        delta = self._at - offset
        size = self._edit.viewport().size()
        if (
            self._pixmap.devicePixelRatio() != 1
            or abs(delta.x()) >= size.width()
            or abs(delta.y()) >= size.height()
        ):
            self._pixmap = None
            return
        self._pixmap.scroll(delta.x(), delta.y(), self._pixmap.rect())
        self._dirty += QRegion(QRect(offset, size)) - QRegion(QRect(self._at, size))
        self._at = offset

    # ------------------------------------------------------------------ painting
    def _usable(self) -> bool:
        """Not while rendering itself, nor on a fractional scale: there a pixmap of the
        viewport's size does not fall on the window's pixels exactly."""
        ratio = self._edit.viewport().devicePixelRatioF()
        return self.active and not self.rendering and ratio == int(ratio)

    def _render(self) -> None:
        self._queued = False
        if not self._usable() or not self._edit.isVisible():
            return
        edit = self._edit
        self._follow()
        viewport = edit.viewport()
        if self._pixmap is None:
            ratio = viewport.devicePixelRatioF()
            pixmap = QPixmap(viewport.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            self._pixmap, self._state, self._at = pixmap, self._now(), self._offset()
            self._dirty = QRegion(self._visible())
        region = (self._dirty & QRegion(self._visible())).translated(-self._at)
        area = sum(rect.width() * rect.height() for rect in region)
        size = viewport.size()
        if area > size.width() * size.height() // 2 and not self._deferred:
            # As dear as painting the view directly, which the window does now; the
            # layer follows once it has.
            self._deferred = True
            return
        self._deferred = False
        self._dirty = QRegion()
        self.rendering = True
        try:
            # One rectangle at a time: QTextEdit draws every line across the bounding
            # rectangle of what it is asked to paint.
            for rect in region:
                viewport.render(self._pixmap, rect.topLeft(), QRegion(rect))
        finally:
            self.rendering = False

    def ready(self, region: QRegion) -> bool:
        """Whether the layer is up to date wherever a paint of ``region`` (viewport
        coordinates) needs it; if not, it is rendered again soon."""
        if not self._usable():
            return False
        self._follow()
        if self._pixmap is None or not (self._dirty.translated(-self._at) & region).isEmpty():
            self._queue()
            return False
        return True

    def draw(self, painter: QPainter) -> None:
        """Draw the layer (after :meth:`ready` said yes)."""
        assert self._pixmap is not None
        painter.drawPixmap(0, 0, self._pixmap)
