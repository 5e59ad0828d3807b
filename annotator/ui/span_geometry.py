"""Where ranges of a document's text sit on screen, line by line, measured once.

Painting a long article outlines every span in view; measuring each span's lines
on the text layout at every repaint cost most of a repaint's time. Here the lines of
a range are measured once per layout of their block and kept in the block's own
coordinates, so scrolling, a repaint or a change elsewhere in the text only moves
them. A block's rectangles are forgotten when its text or format changes (the
document says which characters changed), all of them when what lays out every block
changes: the text width, the font (zoom), the margin or the blocks themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument


class SpanGeometry:
    def __init__(self, document: QTextDocument) -> None:
        self._doc = document
        self._ranges: dict[tuple[int, int], list[tuple[int, QRectF]]] = {}
        self._carets: dict[int, tuple[int, QPointF]] = {}
        self._by_block: dict[int, list[tuple[int, int] | int]] = {}  # what each block holds
        self._key: tuple[object, ...] = ()
        self.version = 0  # goes up whenever something measured is forgotten
        self._held: list[tuple[int, int, int]] | None = None
        document.contentsChange.connect(self._forget)

    @contextmanager
    def holding(self) -> Iterator[list[tuple[int, int, int]]]:
        """The document's changes meanwhile, not yet forgotten: the caller forgets them
        with :meth:`forget`, or keeps what it knows the layout did not move."""
        held: list[tuple[int, int, int]] = []
        self._held = held
        try:
            yield held
        finally:
            self._held = None

    def forget(self, changes: list[tuple[int, int, int]]) -> None:
        for change in changes:
            self._forget(*change)

    def _forget(self, position: int, removed: int, added: int) -> None:
        if self._held is not None:
            self._held.append((position, removed, added))
            return
        doc = self._doc
        first, last = doc.findBlock(position), doc.findBlock(position + added)
        if removed != added or not first.isValid() or not last.isValid():
            self.clear()  # text came or went: the blocks after it are renumbered
            return
        self.version += 1
        for number in range(first.blockNumber(), last.blockNumber() + 1):
            for key in self._by_block.pop(number, ()):
                if isinstance(key, int):
                    self._carets.pop(key, None)
                else:
                    self._ranges.pop(key, None)

    def clear(self) -> None:
        self.version += 1
        self._ranges.clear()
        self._carets.clear()
        self._by_block.clear()

    def check(self) -> None:
        """Forget everything if the layout of every block may have changed (call it
        before asking, once per paint is enough)."""
        doc = self._doc
        key = (doc.textWidth(), doc.defaultFont().key(), doc.documentMargin(), doc.blockCount())
        if key != self._key:
            self.clear()
            self._key = key

    def lines(self, start: int, end: int) -> list[tuple[int, QRectF]]:
        """One rectangle per line that [start, end) covers, around its own characters
        only: (block number, rectangle in that block's coordinates)."""
        cached = self._ranges.get((start, end))
        if cached is not None:
            return cached
        doc = self._doc
        doc_layout = doc.documentLayout()
        out: list[tuple[int, QRectF]] = []
        block = doc.findBlock(start)
        while block.isValid() and block.position() < end:
            doc_layout.blockBoundingRect(block)  # lays the block out if still to be done
            number = block.blockNumber()
            out += [(number, rect) for rect in _line_rects(block, start, end)]
            self._by_block.setdefault(number, []).append((start, end))
            block = block.next()
        self._ranges[(start, end)] = out
        return out

    def caret(self, position: int) -> tuple[int, QPointF]:
        """Where the caret at ``position`` stands, as QTextEdit.cursorRect places it:
        (block number, top left of the caret in that block's coordinates)."""
        cached = self._carets.get(position)
        if cached is not None:
            return cached
        block = self._doc.findBlock(position)
        self._doc.documentLayout().blockBoundingRect(block)  # lays it out if need be
        number = block.blockNumber()
        relative = position - block.position()
        line = block.layout().lineForTextPosition(relative)
        at = QPointF(line.cursorToX(relative)[0], line.y()) if line.isValid() else QPointF(0, 0)
        self._carets[position] = (number, at)
        self._by_block.setdefault(number, []).append(position)
        return number, at

    def origin(self, number: int) -> QPointF:
        """Where block ``number`` starts, in document coordinates (it moves when a
        block before it grows or shrinks, so it is asked for at each paint)."""
        block = self._doc.findBlockByNumber(number)
        return self._doc.documentLayout().blockBoundingRect(block).topLeft()

    def rects(self, start: int, end: int, offset: QPointF) -> list[QRectF]:
        """The rectangles of :meth:`lines` in document coordinates moved by ``offset``
        (minus the scroll position gives viewport pixels)."""
        self.check()
        origins: dict[int, QPointF] = {}
        out = []
        for number, rect in self.lines(start, end):
            if number not in origins:
                origins[number] = self.origin(number) + offset
            out.append(rect.translated(origins[number]))
        return out


def _line_rects(block: QTextBlock, start: int, end: int) -> list[QRectF]:
    layout = block.layout()
    first = max(start, block.position()) - block.position()
    last = min(end, block.position() + block.length() - 1) - block.position()
    rects: list[QRectF] = []
    line = layout.lineForTextPosition(first)
    i = line.lineNumber() if line.isValid() else 0
    while i < layout.lineCount():
        line = layout.lineAt(i)
        i += 1
        if line.textStart() >= last:
            break
        s = max(first, line.textStart())
        e = min(last, line.textStart() + line.textLength())
        if s >= e:
            continue
        x1 = line.cursorToX(s)[0]
        x2 = line.cursorToX(e)[0]
        rects.append(QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.ascent() + line.descent()))
    return rects
