"""Side panels: the article list, the span list and the label palette.

Each is a view over a model that reads the store or the session; none keeps
annotation state of its own.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ArticleStatus, LabelSet, Span, SpanStatus
from annotator.core.session import SpanFilter
from annotator.core.store import ArticleRow, Store
from annotator.ui.colours import is_dark, text_on
from annotator.ui.i18n import language, tr
from annotator.ui.tasks import Tasks

_Index = QModelIndex | QPersistentModelIndex
_STATUS_ICON = {"new": "○", "in_progress": "◐", "done": "●", "skipped": "–"}


def _row_table(model: QAbstractTableModel) -> QTableView:
    """A table that selects one whole row at a time, without grid or row numbers."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setWordWrap(False)
    return table


class _Table(QAbstractTableModel):
    """A read-only table whose header titles are interface strings."""

    COLUMNS: tuple[str, ...] = ()

    def rows(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section])
        return None


class ArticleListModel(_Table):
    """Articles with status and counts, read lazily.

    A reload reads only the ids that match the filter; a row's title and counts are
    read with its page when the view first shows it, and after a decision only the
    changed row is read again. So neither costs more with 100,000 articles than
    with 100.
    """

    COLUMNS = ("list.col.status", "list.col.title", "list.col.pending", "list.col.accepted")
    PAGE = 200
    MAX_PAGES = 50  # rows kept in memory: forgotten (and reread) beyond this

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._ids: list[int] = []
        self._rows: dict[int, ArticleRow] = {}
        self.status: str | None = None  # an ArticleStatus value, or "flagged"
        self.annotator: str | None = None  # only this annotator's articles
        self.search = ""

    def query(self) -> dict[str, Any]:
        """The filter, as arguments of ``Store.article_list_ids``."""
        flagged = self.status == "flagged"
        return {
            "status": None if flagged else self.status,
            "search": self.search or None,
            "flagged": flagged,
            "annotator": self.annotator,
        }

    def reload(self) -> None:
        self.show_ids(self.store.article_list_ids(**self.query()))

    def show_ids(self, ids: list[int]) -> None:
        """List these articles (ascending ids), e.g. as read off the GUI thread."""
        self.beginResetModel()
        self._ids = ids
        self._rows = {}
        self.endResetModel()

    def rows(self) -> int:
        return len(self._ids)

    def _row(self, i: int) -> ArticleRow | None:
        article_id = self._ids[i]
        row = self._rows.get(article_id)
        if row is None:
            if len(self._rows) >= self.PAGE * self.MAX_PAGES:
                self._rows = {}
            first = i - i % self.PAGE
            for fetched in self.store.article_rows_for(self._ids[first : first + self.PAGE]):
                self._rows[fetched.id] = fetched
            row = self._rows.get(article_id)
        return row

    def refresh(self, article_ids: Iterable[int]) -> None:
        """Read these articles' rows again and repaint just them."""
        for article_id in article_ids:
            i = self.row_of(article_id)
            if i is None:
                continue
            for fetched in self.store.article_rows_for([article_id]):
                self._rows[article_id] = fetched
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        row = self._row(index.row())
        if row is None:  # deleted meanwhile
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                _STATUS_ICON[row.status.value],  # the word is in the tooltip: room for titles
                ("⚑ " if row.flagged else "") + (row.title or row.source),
                row.pending,
                row.accepted,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            status = tr("status." + row.status.value)
            return "\n".join(t for t in (status, row.title, row.source, row.comment) if t)
        if role == Qt.ItemDataRole.ForegroundRole and row.status is ArticleStatus.DONE:
            return QColor("#7fd18a" if is_dark(QApplication.palette()) else "#2e7d32")
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, article_id: int) -> int | None:
        i = bisect.bisect_left(self._ids, article_id)
        return i if i < len(self._ids) and self._ids[i] == article_id else None


class ArticleList(QWidget):
    """Status filter, full-text search and the list itself."""

    article_chosen = Signal(int)

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, tasks: Tasks | None = None
    ) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(store)
        self.tasks = tasks
        self._generation = 0  # of the filter: a result for an older one is dropped
        self.filter = QComboBox()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.table = _row_table(self.model)
        self.table.setAlternatingRowColors(True)
        # Fixed row heights and column widths: measuring contents would read the
        # rows of every page the view has not shown yet.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        # The status column shows only its symbol (the word is in the tooltip).
        for col, widest in ((0, "0000"), (2, "00000"), (3, "00000")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(widest) + 18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.search.textChanged.connect(self._search_changed)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow list (a small screen, 200% scale) drops the count columns so the
        titles keep the room: a title is what the annotator reads there."""
        super().resizeEvent(event)
        narrow = self.width() < self.fontMetrics().horizontalAdvance("0") * 36
        for col in (2, 3):
            self.table.setColumnHidden(col, narrow)

    def retranslate(self) -> None:
        current = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(tr("list.filter.all"), None)
        for status in ArticleStatus:
            self.filter.addItem(
                f"{_STATUS_ICON[status.value]} {tr('status.' + status.value)}", status.value
            )
        self.filter.addItem(tr("list.filter.flagged"), "flagged")
        self.filter.setCurrentIndex(max(current, 0))
        self.filter.blockSignals(False)
        self.search.setPlaceholderText(tr("list.search"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def _filter_changed(self) -> None:
        self.model.status = self.filter.currentData()
        self._refilter()

    def _search_changed(self, text: str) -> None:
        self.model.search = text.strip()
        self._refilter()

    def _refilter(self) -> None:
        """Which articles match is read off the GUI thread, on a connection of its own
        (a search scans the texts, seconds at 100,000 articles); the list follows."""
        store = self.model.store
        if self.tasks is None or store.path == ":memory:":
            self.model.reload()
            return
        self._generation += 1
        generation, query, path = self._generation, self.model.query(), store.path

        def work(_progress: object) -> list[int]:
            reader = Store.reader(path)
            try:
                return reader.article_list_ids(**query)
            finally:
                reader.close()

        def done(ids: list[int]) -> None:
            if generation == self._generation:
                self.model.show_ids(ids)

        self.tasks.run(tr("task.filter"), work, on_done=done)

    def _activated(self, index: QModelIndex) -> None:
        article_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if article_id is not None:
            self.article_chosen.emit(article_id)

    def reload(self, current: int | None) -> None:
        self.model.reload()
        self.select(current)

    def refresh(self, article_ids: Iterable[int]) -> None:
        """After a decision: repaint the changed rows only."""
        self.model.refresh(article_ids)

    def select(self, article_id: int | None) -> None:
        if article_id is None:
            return
        row = self.model.row_of(article_id)
        if row is not None:
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self.table.blockSignals(False)


class SpanTableModel(_Table):
    COLUMNS = ("spans.col.label", "spans.col.text", "spans.col.status", "spans.col.origin")

    def __init__(self, labels: LabelSet) -> None:
        super().__init__()
        self.labels = labels
        self.spans: list[Span] = []

    def set_spans(self, spans: list[Span]) -> None:
        if [s.id for s in spans] == [s.id for s in self.spans] and spans:
            # Same rows: repaint them in place (a reset would re-measure every row).
            changed = [i for i, (a, b) in enumerate(zip(self.spans, spans, strict=True)) if a != b]
            self.spans = list(spans)
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 3))
            return
        self.beginResetModel()
        self.spans = list(spans)
        self.endResetModel()

    def rows(self) -> int:
        return len(self.spans)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.spans):
            return None
        span = self.spans[index.row()]
        col = index.column()
        label = self.labels.get(span.label)
        if role == Qt.ItemDataRole.DisplayRole:
            name = f"{label.key} {span.label}" if label else span.label
            return (name, span.surface, tr("span." + span.status.value), span.origin)[col]
        if role == Qt.ItemDataRole.BackgroundRole and col == 0 and label:
            return QColor(label.colour)
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and label:
            return text_on(QColor(label.colour))
        if role == Qt.ItemDataRole.ForegroundRole and span.status is SpanStatus.REJECTED:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.ToolTipRole and label:
            return f"{label.title(language())} · {span.start}–{span.end} · {span.confidence:.2f}"
        if role == Qt.ItemDataRole.UserRole:
            return span.id
        return None

    def row_of(self, span_id: int | None) -> int | None:
        return next((i for i, s in enumerate(self.spans) if s.id == span_id), None)


class _KeysStayHere(QObject):
    """Letters, digits and Space typed into a filter choose in it instead of firing
    the window's one-key shortcuts (Esc still returns to the text)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            if plain and event.key() != Qt.Key.Key_Escape:
                event.accept()
        return False


class SpanPanel(QWidget):
    """The article's spans, narrowed by label, origin and status.

    The filter is view state (like a search box); batch decisions take it as an
    argument, so the session decides what changes.
    """

    span_chosen = Signal(int)

    def __init__(self, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self._all: list[Span] = []
        self.by_label = QComboBox()
        self.by_origin = QComboBox()
        self.by_status = QComboBox()
        self._keys_stay = _KeysStayHere(self)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for combo in (self.by_label, self.by_origin, self.by_status):
            combo.installEventFilter(self._keys_stay)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._refilter)
            filters.addWidget(combo, 1)
        self.model = SpanTableModel(labels)
        self.table = _row_table(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Fixed sizes: measuring every row's contents on each change costs more than
        # the rest of a repaint on an article with hundreds of spans.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for col, widest in ((0, "0 POLICY"), (2, "accepted"), (3, "lexicon:title")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(widest) + 18)
        header.setMinimumSectionSize(metrics.horizontalAdvance("鹤山市委书记"))
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self.table.clicked.connect(
            lambda index: self.span_chosen.emit(self.model.data(index, Qt.ItemDataRole.UserRole))
        )
        self.retranslate()

    def set_labels(self, labels: LabelSet) -> None:
        self.labels = self.model.labels = labels
        self.retranslate()
        self.model.set_spans([])  # repaint every row in the new colours

    def retranslate(self) -> None:
        self.title.setText(tr("spans.title"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        label_items = [(f"{lab.key} {lab.name}".strip(), lab.name) for lab in self.labels.values()]
        self._fill(self.by_label, tr("spans.filter.label"), label_items)
        status_items = [(tr("span." + st.value), st.value) for st in SpanStatus]
        self._fill(self.by_status, tr("spans.filter.status"), status_items)
        self._fill_origins()

    def _fill(self, combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        """Replace a filter's entries, keeping its choice where it is still offered."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        combo.blockSignals(False)

    def _fill_origins(self) -> None:
        origins = sorted({s.origin for s in self._all} | {self.by_origin.currentData()} - {None})
        self._fill(self.by_origin, tr("spans.filter.origin"), [(o, o) for o in origins])

    def span_filter(self) -> SpanFilter:
        status = self.by_status.currentData()
        return SpanFilter(
            label=self.by_label.currentData(),
            origin=self.by_origin.currentData(),
            status=SpanStatus(status) if status else None,
        )

    def set_filter(self, span_filter: SpanFilter) -> None:
        for combo, value in (
            (self.by_label, span_filter.label),
            (self.by_origin, span_filter.origin),
            (self.by_status, span_filter.status.value if span_filter.status else None),
        ):
            if value is not None and combo.findData(value) < 0:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def focus_filters(self) -> None:
        self.by_label.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _refilter(self) -> None:
        self.model.set_spans([s for s in self._all if self.span_filter().matches(s)])

    def show_spans(self, spans: list[Span], current: int | None) -> None:
        self._all = list(spans)
        if {s.origin for s in spans} - {
            self.by_origin.itemData(i) for i in range(self.by_origin.count())
        }:
            self._fill_origins()
        flt = self.span_filter()
        self.model.set_spans(spans if flt == SpanFilter() else [s for s in spans if flt.matches(s)])
        self.show_current(current)

    def show_current(self, current: int | None) -> None:
        row = self.model.row_of(current)
        self.table.blockSignals(True)
        if row is None:
            self.table.clearSelection()
        else:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.table.blockSignals(False)


class LabelPalette(QFrame):
    """Each label with its key and colour; clicking one is the same as its key."""

    label_clicked = Signal(str)

    def __init__(self, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        self.chips: dict[str, QLabel] = {}
        self.set_labels(labels)

    def set_labels(self, labels: LabelSet) -> None:
        """(Re)build the chips, e.g. after the label set was edited."""
        self.labels = labels
        for chip in self.chips.values():
            self.grid.removeWidget(chip)
            chip.deleteLater()
        self.chips = {}
        for i, label in enumerate(labels.values()):
            chip = QLabel()
            chip.setObjectName("labelChip")
            chip.setStyleSheet(
                f"QLabel#labelChip {{ background: {label.colour}; border-radius: 4px; padding: 3px 6px;"
                " color: #111; }"
            )
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.mousePressEvent = lambda _e, name=label.name: self.label_clicked.emit(name)  # type: ignore[method-assign]
            self.grid.addWidget(chip, i // 2, i % 2)
            self.chips[label.name] = chip
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("palette.title"))
        for name, chip in self.chips.items():
            label = self.labels[name]
            chip.setText(
                f"<b>{label.key}</b>&nbsp; {label.title(language())} <small>{name}</small>"
            )
