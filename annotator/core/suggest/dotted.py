"""Foreign names joined by a dot (约翰·史密斯), and companies named after them.

Shared by people (the names) and organisations (a name and a body word after it:
罗伯特·霍尔登 + 公司 is the company), built once per analysis.
"""

from __future__ import annotations

import re

from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.compose import composition
from annotator.core.suggest.names import NAME_DOTS, SURE_DOTS, foreign_name_edge


def dotted_names(analysis: Analysis) -> list[tuple[int, int, int]]:
    """``(start, end, body_end)`` of each dotted name; ``body_end`` is 0 unless a body
    word follows the name, where the organisation ends."""
    return analysis.shared("dotted_names", _find)


_DOT = re.compile("[" + re.escape("".join(NAME_DOTS)) + "]")


def _find(analysis: Analysis) -> list[tuple[int, int, int]]:
    tokens = analysis.tokens
    if not any(dot in analysis.simplified for dot in NAME_DOTS):
        return []
    pieces = composition(analysis).pieces
    out = []
    for k in analysis.words_at(_DOT):
        token = tokens[k]
        if token[2] in NAME_DOTS and 0 < k < len(tokens) - 1:
            sure = token[2] in SURE_DOTS
            if not sure and token[2] in (tokens[k - 1][2], tokens[k + 1][2]):
                continue  # a doubled dash is the sentence's dash (城市——某市), not a dot
            begin = foreign_name_edge(tokens, k - 1, -1, dotted=sure)
            end = foreign_name_edge(tokens, k + 1, 1, dotted=sure)
            if begin is None or end is None:
                continue
            body = max(
                (e for e, kind in pieces.get(end, ()) if kind in ("BODY", "TYPE")), default=0
            )
            out.append((begin, end, body))
    return out
