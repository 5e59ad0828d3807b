"""Characters' tags (B-LABEL, I-LABEL, O), what the sequence model reads and writes,
and the spans they spell."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

OUTSIDE = "O"

_RUN = re.compile("[BI]I*")


def bio(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    tags = [OUTSIDE] * length
    for start, end, label in spans:
        if 0 <= start < end <= length and all(t == OUTSIDE for t in tags[start:end]):
            tags[start] = "B-" + label
            for i in range(start + 1, end):
                tags[i] = "I-" + label
    return tags


@cache
def _role(tag: str) -> str:
    """What a tag does to a span: begins one (B), goes on with one (I), or neither."""
    return "B" if tag.startswith("B-") else "I" if tag.startswith("I-") else "O"


def spans_of(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """A span begins at B-X, or at I-X outside a span, and goes on over I-X. Only the
    runs of span tags are read one by one (found by a regex over the tags' roles)."""
    spans = []
    for run in _RUN.finditer("".join(map(_role, tags))):
        start, end = run.span()
        while start < end:
            label = tags[start][2:]
            inside = "I-" + label
            stop = start + 1
            while stop < end and tags[stop] == inside:
                stop += 1
            spans.append((start, stop, label))
            start = stop
    return spans
