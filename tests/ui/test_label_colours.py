"""The default label colours stay apart for people with colour-vision deficiency.

Each colour, solid (a decided span) and as a pending tint over a light and a dark
page, is put through the Machado et al. (2009) simulation of complete deuteranopia,
protanopia and tritanopia; every pair of labels must stay a clear CIELAB distance apart.
"""

from __future__ import annotations

import itertools
import json
import math

import pytest

from annotator.core.resources import resource
from annotator.ui.colours import PENDING_MIX

# Machado, Oliveira & Fernandes 2009, severity 1.0, on linear RGB.
SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}

PAGES = {"solid": None, "light page": (1.0, 1.0, 1.0), "dark page": (0.165, 0.165, 0.165)}
# A CIELAB distance of about 2 is just noticeable; labels must be far apart when solid,
# and pending tints (less than half the colour) still clearly apart.
MIN_SOLID, MIN_TINT = 12.0, 5.5


def _rgb(hex_colour: str) -> tuple[float, ...]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def simulate(rgb: tuple[float, ...], kind: str) -> tuple[float, ...]:
    lin = [_linear(c) for c in rgb]
    out = [sum(m * c for m, c in zip(row, lin, strict=True)) for row in SIMULATIONS[kind]]
    return tuple(_gamma(min(max(c, 0.0), 1.0)) for c in out)


def lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _shown(colour: str, page: tuple[float, ...] | None) -> tuple[float, ...]:
    rgb = _rgb(colour)
    if page is None:
        return rgb
    return tuple(c * PENDING_MIX + p * (1 - PENDING_MIX) for c, p in zip(rgb, page, strict=True))


LABELS = json.loads(resource("labels.json").read_text(encoding="utf-8"))["labels"]


@pytest.mark.parametrize("kind", SIMULATIONS)
@pytest.mark.parametrize("page", PAGES)
def test_every_pair_of_labels_stays_apart(kind, page):
    limit = MIN_SOLID if PAGES[page] is None else MIN_TINT
    seen = {
        lab_["name"]: lab(simulate(_shown(lab_["colour"], PAGES[page]), kind)) for lab_ in LABELS
    }
    close = [
        (a, b, round(math.dist(seen[a], seen[b]), 1))
        for a, b in itertools.combinations(seen, 2)
        if math.dist(seen[a], seen[b]) < limit
    ]
    assert not close, f"{kind}, {page}: too close: {close}"


def test_the_old_palette_would_have_failed():
    """The check can fail: the earlier pastel set ran together under deuteranopia."""
    old = {"LOC": "#97D4A2", "POLICY": "#86D8D2", "EVENT": "#BCDD8C", "DOC": "#E8B4DA"}
    seen = {
        k: lab(simulate(_shown(v, PAGES["light page"]), "deuteranopia")) for k, v in old.items()
    }
    assert min(math.dist(seen[a], seen[b]) for a, b in itertools.combinations(seen, 2)) < MIN_TINT


def test_decided_spans_keep_dark_text_readable():
    """Every label colour under near-black text passes WCAG AA (contrast 4.5)."""

    def luminance(rgb: tuple[float, ...]) -> float:
        r, g, b = (_linear(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    text = luminance(_rgb("#111111"))
    for label in LABELS:
        assert (luminance(_rgb(label["colour"])) + 0.05) / (text + 0.05) >= 4.5, label["name"]
