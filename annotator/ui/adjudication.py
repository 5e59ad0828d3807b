"""The adjudicator's panel: the current difference, each annotator's version side by side.

It renders what :meth:`Session.difference` and :meth:`Session.sides` say and holds no
state; the pick keys (keymap ``pick_a``, ``pick_b``, ``pick_neither``) act on the session.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from annotator.core.model import JOIN, LabelSet, Span
from annotator.ui import keymap
from annotator.ui.i18n import tr

PICK_ACTIONS = ("pick_a", "pick_b")


class DifferencePanel(QFrame):
    """Shown only in a team database; one row per side, plus "neither"."""

    def __init__(self, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.setObjectName("differencePanel")
        self.setStyleSheet(
            "QFrame#differencePanel { background: #fffdf5; border: 1px solid #e0c97f;"
            " border-radius: 6px; } QLabel { padding: 2px 4px; }"
        )
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.rows: list[QLabel] = [QLabel() for _ in range(3)]
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.title, 0, 0)
        for i, row in enumerate(self.rows, 1):
            row.setWordWrap(True)
            layout.addWidget(row, i, 0)
        self._last: tuple[list[str], list[Span], int] = ([], [], 0)

    def _version(self, spans: list[Span]) -> str:
        if not spans:
            return f"<i>{escape(tr('adjudicate.none'))}</i>"
        parts = []
        for span in spans:
            label = self.labels.get(span.label)
            colour = label.colour if label else "#cccccc"
            parts.append(
                f"<span style='background:{colour}'>&nbsp;{escape(span.surface)}&nbsp;</span>"
                f" <b>{escape(span.label)}</b> <small>{span.start}–{span.end}</small>"
            )
        return " · ".join(parts)

    def show_difference(self, sides: list[str], group: list[Span], remaining: int) -> None:
        """``sides``: the annotators who finished the article; ``group``: the current
        difference's pending spans; ``remaining``: pending spans in the article."""
        self._last = (sides, group, remaining)
        self.setVisible(len(sides) >= 2)
        if len(sides) < 2:
            return
        keys = keymap.merged()
        self.title.setText(tr("adjudicate.title", n=remaining))
        if not group:
            self.rows[0].setText(tr("adjudicate.settled"))
            for row in self.rows[1:]:
                row.setText("")
            return
        for i, (action_id, name) in enumerate(zip(PICK_ACTIONS, sides, strict=False)):
            mine = [s for s in group if name in (s.annotator or "").split(JOIN)]
            self.rows[i].setText(
                f"<b>[{keys[action_id][0]}]</b> {escape(name)}: {self._version(mine)}"
            )
        self.rows[2].setText(
            f"<b>[{keys['pick_neither'][0]}]</b> {escape(tr('adjudicate.neither'))}"
        )

    def retranslate(self) -> None:
        self.show_difference(*self._last)
