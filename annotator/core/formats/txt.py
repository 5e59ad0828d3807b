"""Plain-text articles: one article a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.formats import Item, article_from_raw, display_name, read_text_file
from annotator.core.model import LabelSet


def read(path: Path, labels: LabelSet) -> Iterator[Item]:
    yield article_from_raw(read_text_file(path), display_name(path))
