"""The shortcut help overlay (? / F1), generated from the keymap table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from annotator.ui import keymap
from annotator.ui.i18n import language, tr

_GROUPS = (
    ("review", "group.review"),
    ("edit", "group.edit"),
    ("navigate", "group.navigate"),
    ("app", "group.app"),
)


class HelpOverlay(QWidget):
    """Covers the window; any key or click closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()
        self.box: QWidget | None = None
        parent.installEventFilter(self)
        self.rebuild()

    def rebuild(self) -> None:
        """(Re)build the content in the current language, from the keymap table."""
        if self.box is not None:
            self.box.setParent(None)
            self.box.deleteLater()
        box = QWidget(self)
        box.setObjectName("helpBox")
        box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        box.setStyleSheet(
            "QWidget#helpBox { background: palette(base); border-radius: 10px; }"
            " QLabel { color: palette(text); background: transparent; }"
            " QLabel[role='key'] { font-family: monospace; font-weight: 600;"
            " background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 4px; padding: 1px 6px; }"
            " QLabel[role='group'] { font-weight: 700; color: palette(link); padding-top: 8px; }"
        )
        layout = QVBoxLayout(box)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(QLabel(f"<h2>{tr('help.title')}</h2>"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        for col, groups in enumerate((("review", "edit"), ("navigate", "app"))):
            row = 0
            for group in groups:
                heading = QLabel(tr(dict(_GROUPS)[group]))
                heading.setProperty("role", "group")
                grid.addWidget(heading, row, col * 2, 1, 2)
                row += 1
                rows = [
                    (" ".join(a.keys), a.description(language()))
                    for a in keymap.ACTIONS
                    if a.group == group and not keymap.digit_of(a.id)
                ]
                if group == "review":
                    rows.insert(0, ("1 … 9, 0", tr("help.digits")))
                for keys, text in rows:
                    key = QLabel(keys)
                    key.setProperty("role", "key")
                    grid.addWidget(key, row, col * 2, alignment=Qt.AlignmentFlag.AlignRight)
                    grid.addWidget(QLabel(text), row, col * 2 + 1)
                    row += 1
        layout.addLayout(grid)
        hint = QLabel(tr("help.close"))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: palette(placeholder-text); padding-top: 10px;")
        layout.addWidget(hint)
        self.box = box
        if self.isVisible():
            self._fit()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self._fit()
            self.show()
            self.raise_()
            self.setFocus()

    def _fit(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        assert self.box is not None
        self.box.adjustSize()
        size = self.box.sizeHint()
        self.box.setGeometry(
            max(0, (self.width() - size.width()) // 2),
            max(0, (self.height() - size.height()) // 2),
            min(size.width(), self.width()),
            min(size.height(), self.height()),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.parentWidget()
            and event.type() == QEvent.Type.Resize
            and self.isVisible()
        ):
            self._fit()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 30, 40, 150))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()

    def mousePressEvent(self, event: object) -> None:
        self.hide()
