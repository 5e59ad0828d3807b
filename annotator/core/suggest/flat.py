"""Choosing flat spans among candidates that overlap: the merge's one rule (higher
priority first, then longer, then earlier), and where a span is tiled by chosen ones."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from annotator.core.suggest.base import Candidate


def tiling(
    at: Mapping[int, Candidate], span: Candidate, text: str, joins: Collection[str]
) -> list[Candidate]:
    """Two or more chosen candidates of ``span``'s label that cover it edge to edge, or
    with only a list's join between two of them (某市委 + 市政府, 甲 + 和 + 乙), or none."""
    pieces: list[Candidate] = []
    start = span.start
    while start < span.end:
        piece = at.get(start)
        if piece is None and pieces:
            join = next((j for j in joins if text.startswith(j, start)), "")
            piece = at.get(start + len(join)) if join else None
        if piece is None or piece.label != span.label or piece.end > span.end:
            return []
        pieces.append(piece)
        start = piece.end
    return pieces if len(pieces) >= 2 else []


def _merge_order(c: Candidate) -> tuple[int, int, int]:
    # By index: a named tuple's fields read faster so (this runs for every candidate of
    # every merge).
    return (-c[4], c[0] - c[1], c[0])  # -priority, -length, start


def flat(candidates: Iterable[Candidate], length: int) -> list[Candidate]:
    """Higher priority first, then longer, then earlier; no overlaps (n log n)."""
    taken = bytearray(length)
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=_merge_order):
        start, end = cand.start, cand.end
        if end <= start or taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen
