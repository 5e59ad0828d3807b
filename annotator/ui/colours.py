"""Span colours that read on the window's palette, light or dark.

Label colours are data (resources/labels.json); this module derives from one label
colour and the palette's base the look of a span in each state, and picks the text
colour by contrast, so no combination relies on a white page behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# How much of the label colour a pending suggestion shows over the page: enough to
# tell the labels apart, little enough to tell it from a decided span.
PENDING_MIX = 0.45
UNKNOWN_LABEL = "#BBBBBB"


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``a`` over ``b``."""
    return QColor.fromRgbF(
        a.redF() * amount + b.redF() * (1 - amount),
        a.greenF() * amount + b.greenF() * (1 - amount),
        a.blueF() * amount + b.blueF() * (1 - amount),
    )


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``: at least 4.58:1
    (WCAG AA) on any colour, which near-black and near-white do not guarantee."""
    dark, light = QColor("#000000"), QColor("#FFFFFF")
    return dark if contrast(dark, background) >= contrast(light, background) else light


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Base)) < 0.2


@dataclass(frozen=True, slots=True)
class SpanLook:
    background: QColor
    foreground: QColor
    edge: QColor  # the thin outline that separates adjacent spans


def span_look(label_colour: str, *, pending: bool, current: bool, palette: QPalette) -> SpanLook:
    """The colours of a span: decided spans solid, pending ones a tint of the page."""
    colour = QColor(label_colour)
    base = palette.color(QPalette.ColorRole.Base)
    if pending and not current:
        background = mix(colour, base, PENDING_MIX)
    elif current and not pending:
        # Decided and current: a step deeper than its neighbours of the same label.
        background = colour.darker(118) if not is_dark(palette) else colour.lighter(108)
    else:
        background = colour
    edge = colour.darker(170) if not is_dark(palette) else colour.lighter(125)
    return SpanLook(background, text_on(background), edge)
