"""Small modal questions, each behind one function so tests can stand in for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.i18n import tr


def ok_cancel(dialog: QDialog, *, ok: str | None = None) -> QDialogButtonBox:
    """OK and Cancel in the interface language (Qt's own stay English), wired to the
    dialog's accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok or tr("dialog.ok"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("dialog.cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CommentDialog(QDialog):
    """The article's comment: wrapped, several lines, Ctrl+Return or OK to keep."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("dialog.comment.title"))
        self.setMinimumSize(520, 240)
        self.text = QPlainTextEdit(current)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        buttons = ok_cancel(self)
        prompt = QLabel(tr("dialog.comment.text"))
        prompt.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.text.setFocus()
        self.text.selectAll()
        self.text.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Return is a new line in the text; Ctrl+Return keeps the comment.
        if (
            watched is self.text
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)


def ask_comment(parent: QWidget, current: str) -> str | None:
    """The article's new comment, or None when the annotator cancels."""
    dialog = CommentDialog(current, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.text.toPlainText()


def _file_dialog(parent: QWidget | None, title: str, directory: str, filters: str) -> QFileDialog:
    """A file dialog whose every label is in the interface language.

    Qt's own Chinese catalogue leaves "Look in:" and "Files of type:" in English, so
    the labels are set here rather than left to it.
    """
    dialog = QFileDialog(parent, title, directory, filters)
    labels = {
        QFileDialog.DialogLabel.LookIn: "dialog.file.look_in",
        QFileDialog.DialogLabel.FileName: "dialog.file.name",
        QFileDialog.DialogLabel.FileType: "dialog.file.type",
        QFileDialog.DialogLabel.Reject: "dialog.cancel",
    }
    for which, key in labels.items():
        dialog.setLabelText(which, tr(key))
    return dialog


def _run(dialog: QFileDialog, accept: str) -> list[str]:
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, tr(accept))
    return dialog.selectedFiles() if dialog.exec() else []


def project_dialog(parent: QWidget | None, directory: str) -> QFileDialog:
    dialog = _file_dialog(parent, tr("dialog.open"), directory, tr("dialog.filter.project"))
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)  # a new name makes a new project
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setDefaultSuffix("db")
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, tr("dialog.open.accept"))
    return dialog


def ask_project(parent: QWidget, directory: str) -> str | None:
    """A project database to open, or a new name to create one (Ctrl+O)."""
    dialog = project_dialog(parent, directory)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else None


def ask_import_files(parent: QWidget, directory: str) -> list[str]:
    dialog = _file_dialog(parent, tr("dialog.import"), directory, tr("dialog.filter.import"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog, "dialog.import.accept")


def ask_import_folder(parent: QWidget, directory: str) -> str | None:
    dialog = _file_dialog(parent, tr("dialog.import_folder"), directory, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog, "dialog.import.accept")
    return chosen[0] if chosen else None


@dataclass(frozen=True, slots=True)
class ExportChoice:
    path: str
    format: str
    status: str  # done / all
    include_pending: bool


EXPORT_FORMATS = {
    "jsonl": "jsonl",
    "doccano": "jsonl",
    "label-studio": "json",
    "conll": "conll",
    "spacy": "spacy",
}


def ask_export(parent: QWidget, directory: str) -> ExportChoice | None:
    """Format, which articles, whether to include pending suggestions, then the file."""
    box = QDialog(parent)
    box.setWindowTitle(tr("dialog.export"))
    form = QFormLayout(box)
    formats = QComboBox()
    for name in EXPORT_FORMATS:
        formats.addItem(tr(f"export.format.{name}"), name)
    status = QComboBox()
    status.addItem(tr("export.status.done"), "done")
    status.addItem(tr("export.status.all"), "all")
    pending = QCheckBox(tr("export.pending"))
    form.addRow(tr("export.format"), formats)
    form.addRow(tr("export.status"), status)
    form.addRow("", pending)
    buttons = ok_cancel(box, ok=tr("dialog.export.next"))
    form.addRow(buttons)
    if not box.exec():
        return None
    fmt = formats.currentData()
    suffix = EXPORT_FORMATS[fmt]
    dialog = _file_dialog(
        parent, tr("dialog.export"), str(Path(directory) / f"gold.{suffix}"), f"*.{suffix}"
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    chosen = _run(dialog, "dialog.export.accept")
    if not chosen:
        return None
    return ExportChoice(chosen[0], fmt, status.currentData(), pending.isChecked())


def name_dialog(parent: QWidget | None, current: str) -> QInputDialog:
    """Every text in the interface language, buttons included."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(tr("dialog.name.title"))
    dialog.setLabelText(tr("dialog.name.text"))
    dialog.setTextValue(current)
    dialog.setOkButtonText(tr("dialog.ok"))
    dialog.setCancelButtonText(tr("dialog.cancel"))
    return dialog


def ask_name(parent: QWidget | None, current: str) -> str | None:
    """The annotator's name, or None when cancelled."""
    dialog = name_dialog(parent, current)
    if not dialog.exec():
        return None
    return dialog.textValue().strip() or None


def warn(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(tr("dialog.ok"))
    box.exec()
