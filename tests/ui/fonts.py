"""Fonts for tests that measure text: a bare test machine may only fake bold."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from annotator.ui.article_view import CJK_FONTS


def bold_is_wider(view: Any) -> None:
    """Use a font whose bold digits are wider than its regular ones, as most have (the
    current span is bold); skip where no font here has a real bold."""
    font = QFont(view.font())
    font.setFamilies(["DejaVu Sans", *CJK_FONTS])
    view.setFont(font)
    bold = QFont(font)
    bold.setBold(True)
    if QFontMetricsF(bold).horizontalAdvance("2026") <= QFontMetricsF(font).horizontalAdvance(
        "2026"
    ):
        pytest.skip("no font here has a real bold")
