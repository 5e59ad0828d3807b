"""The guidelines pane (F2): the current label's definition and examples, then the
whole of the project's guidelines file, reloaded when someone edits it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core import guidelines
from annotator.core.model import LabelSet
from annotator.ui.i18n import language, tr


def open_in_editor(path: Path) -> None:
    """The system's editor for the file (module-level, so tests replace it)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class GuidelinesPane(QDockWidget):
    def __init__(self, db_path: str, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesPane")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.db_path = db_path
        self.labels = labels
        self.label: str | None = None
        self.doc = guidelines.load(db_path)
        self.current = QTextBrowser()
        self.current.setObjectName("guidelineCurrent")
        self.current.setOpenLinks(False)
        self.current.setMaximumHeight(220)
        self.full = QTextBrowser()
        self.full.setOpenLinks(False)
        self.where = QLabel()
        self.where.setObjectName("guidelinePath")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit = QPushButton()
        self.edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit.clicked.connect(self.edit_file)
        for widget in (self.current, self.full):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the text
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.current)
        layout.addWidget(self.full, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.where, 1)
        foot.addWidget(self.edit)
        layout.addLayout(foot)
        self.setWidget(body)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(lambda _path: self.reload())
        self._watch()
        self.retranslate()

    def _watch(self) -> None:
        path = guidelines.project_path(self.db_path)
        # Editors often save by renaming a new file over the old: watch again each time.
        if path is not None and path.is_file() and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))

    def reload(self) -> None:
        self.doc = guidelines.load(self.db_path)
        self._watch()
        self.retranslate()

    def set_labels(self, labels: LabelSet) -> None:
        self.labels = labels
        self.show_label(self.label)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("guidelines.title"))
        self.edit.setText(tr("guidelines.edit"))
        path = self.doc.path or guidelines.project_path(self.db_path)
        if self.doc.path is not None:
            self.where.setText(tr("guidelines.file", path=str(path)))
        else:
            self.where.setText(tr("guidelines.default", path=str(path) if path else "—"))
        self.full.setMarkdown(self.doc.text)
        self.show_label(self.label)

    def show_label(self, name: str | None) -> None:
        """The definition and examples of ``name`` at the top (the current span's label)."""
        self.label = name
        label = self.labels.get(name) if name else None
        if label is None:
            self.current.setMarkdown(tr("guidelines.no_span"))
            self.current.setStyleSheet("")
            return
        section = self.doc.section(label.name)
        head = f"**{label.key} {label.name}** · {label.title(language())}\n\n"
        self.current.setMarkdown(
            head + (section.split("\n", 1)[1].strip() if section and "\n" in section else "")
            if section
            else head + tr("guidelines.missing", name=label.name)
        )
        self.current.setStyleSheet(
            f"QTextBrowser#guidelineCurrent {{ border-left: 6px solid {label.colour}; }}"
        )

    def edit_file(self) -> None:
        path = guidelines.ensure_project_copy(self.db_path)
        self.reload()
        open_in_editor(path)
