"""Access to the files shipped in ``resources/`` (the ``annotator.resources`` package).

Everything goes through importlib.resources so nothing depends on the current
directory, and the same code works from a wheel, an editable install or a bundle.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

PACKAGE = "annotator.resources"


def resource(*parts: str) -> Traversable:
    node = resources.files(PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()
