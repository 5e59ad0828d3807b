"""Small modal questions, each behind one function so tests can stand in for it."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.ui.i18n import tr


def ask_comment(parent: QWidget, current: str) -> str | None:
    """The article's new comment, or None when the annotator cancels."""
    text, ok = QInputDialog.getMultiLineText(
        parent, tr("dialog.comment.title"), tr("dialog.comment.text"), current
    )
    return text if ok else None
