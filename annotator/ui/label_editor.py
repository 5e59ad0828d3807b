"""The label set editor (Ctrl+L): add a label, rename one, change its colour or key.

The dialog only collects the new set and the renames; the session applies them
(relabelling every span), so nothing here touches the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label, LabelSet
from annotator.ui import keymap
from annotator.ui.dialogs import ok_cancel
from annotator.ui.i18n import tr

_COLUMNS = (
    "labels.col.name",
    "labels.col.zh",
    "labels.col.en",
    "labels.col.colour",
    "labels.col.key",
)
_NEW_COLOURS = ("#7F7F7F", "#B07AA1", "#9C755F", "#FF9DA7", "#76B7B2")


def label_keys() -> list[str]:
    """The keys a label may have: the digits the keymap gives to labels, and no other
    action (so a label key can never clash with keymap.py)."""
    digits = [d for a in keymap.ACTIONS if (d := keymap.digit_of(a.id)) is not None]
    taken = {k for a in keymap.ACTIONS if keymap.digit_of(a.id) is None for k in a.keys}
    return [d for d in digits if d not in taken]


class LabelEditor(QDialog):
    """A table of the labels; each row remembers the name it started with."""

    def __init__(self, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("labels.title"))
        self.resize(640, 420)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in _COLUMNS])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._item_changed)
        for label in labels.values():
            self._append(label, original=label.name)
        self.error = QLabel()
        self.error.setObjectName("labelError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel#labelError { color: #b00020; }")
        self.add_button = QPushButton(tr("labels.add"))
        self.add_button.clicked.connect(self.add_label)
        self.colour_button = QPushButton(tr("labels.colour"))
        self.colour_button.clicked.connect(self.choose_colour)
        buttons = ok_cancel(self)
        hint = QLabel(tr("labels.hint", keys=" ".join(label_keys())))
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.colour_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.table.setFocus()
        self.table.setCurrentCell(0, 0)

    def _append(self, label: Label, *, original: str | None) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        values = (label.name, label.zh, label.en, label.colour, label.key)
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            if col == 0:
                item.setData(Qt.ItemDataRole.UserRole, original)
            self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self._paint_colour(row)
        return row

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 3:
            self._paint_colour(item.row())

    def _paint_colour(self, row: int) -> None:
        item = self.table.item(row, 3)
        colour = QColor(item.text().strip()) if item else QColor()
        if item is not None and colour.isValid():
            self.table.blockSignals(True)
            item.setBackground(colour)
            item.setForeground(QColor("#000" if colour.lightness() > 140 else "#fff"))
            self.table.blockSignals(False)

    def add_label(self) -> None:
        """A new row with a free key and a name to edit (NEW, NEW2, …)."""
        used = {self._text(r, 4) for r in range(self.table.rowCount())}
        names = {self._text(r, 0) for r in range(self.table.rowCount())}
        key = next((k for k in label_keys() if k not in used), "")
        name = next(f"NEW{i or ''}" for i in range(100) if f"NEW{i or ''}" not in names)
        colour = _NEW_COLOURS[self.table.rowCount() % len(_NEW_COLOURS)]
        row = self._append(Label(name, name, name, colour, key), original=None)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def choose_colour(self) -> None:
        row = max(self.table.currentRow(), 0)
        item = self.table.item(row, 3)
        if item is None:
            return
        colour = QColorDialog.getColor(QColor(item.text()), self, tr("labels.colour"))
        if colour.isValid():
            item.setText(colour.name().upper())

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item else ""

    def result_labels(self) -> tuple[LabelSet, dict[str, str]]:
        """The edited set and the renames (old name → new); ValueError if invalid."""
        labels, renames = [], {}
        for row in range(self.table.rowCount()):
            name = self._text(row, 0).upper()
            key = self._text(row, 4)
            if key and key not in label_keys():
                raise ValueError(tr("labels.bad_key", name=name, digit=key))
            labels.append(
                Label(
                    name,
                    self._text(row, 1) or name,
                    self._text(row, 2) or name,
                    self._text(row, 3).upper(),
                    key,
                )
            )
            original = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if original and original != name:
                renames[original] = name
        return LabelSet(labels), renames

    def accept(self) -> None:
        try:
            self.result_labels()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


def ask_labels(parent: QWidget, labels: LabelSet) -> tuple[LabelSet, dict[str, str]] | None:
    """Run the editor; the new set and renames, or None when cancelled."""
    dialog = LabelEditor(labels, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_labels()
