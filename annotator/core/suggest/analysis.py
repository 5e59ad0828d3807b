"""One analysis per text, computed once, read by every component (spaCy's ``Doc``).

Components never segment, convert or match the lexicon themselves: what they need is
here. What several components derive from it (the lexicon's compositions, jieba's
labelled words) is computed once too, through :meth:`Analysis.shared`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

from annotator.core.suggest import segment
from annotator.core.suggest.base import Token
from annotator.core.suggest.lexicon import Lattice, load_lexicon
from annotator.core.text import find_garbled, navigation_lines, to_simplified

T = TypeVar("T")

_MATCH_START = re.Match.start

# A sentence ends after these (and at a line break).
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*|\n+")


@dataclass
class Analysis:
    """What the components read about one text.

    ``simplified`` is the Simplified view of ``text``; its offset map is the identity
    (``to_simplified`` keeps one character per character), so every offset into it is
    an offset into ``text``. ``tokens`` are jieba's words of ``simplified`` with their
    tags, contiguous and in order. ``lattice`` holds every lexicon match with its kind
    (``start -> [(end, kind)]``). ``sentences``, ``garbled`` and ``navigation``
    (breadcrumb and menu lines left in the text) are ``(start, end)`` runs, in order.
    """

    text: str
    simplified: str
    tokens: list[Token]
    lattice: Lattice
    sentences: list[tuple[int, int]]
    garbled: list[tuple[int, int]]
    navigation: list[tuple[int, int]] = field(default_factory=list)
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def unlabelled(self) -> list[tuple[int, int]]:
        """Runs where no name is suggested (garbled text, navigation lines): disjoint,
        in order."""
        runs: list[tuple[int, int]] = []
        for start, end in sorted(self.garbled + self.navigation):
            if runs and start <= runs[-1][1]:
                runs[-1] = (runs[-1][0], max(runs[-1][1], end))
            else:
                runs.append((start, end))
        return runs

    @cached_property
    def _unlabelled_starts(self) -> list[int]:
        return [start for start, _end in self.unlabelled]

    def is_unlabelled(self, start: int, end: int) -> bool:
        """Does ``start``–``end`` touch a run where no name is suggested?"""
        k = bisect_left(self._unlabelled_starts, end) - 1  # the last run starting before end
        return k >= 0 and self.unlabelled[k][1] > start

    @cached_property
    def starts(self) -> list[int]:
        """Where each word starts, in order (for bisect)."""
        return list(map(itemgetter(0), self.tokens))

    @cached_property
    def by_start(self) -> dict[int, int]:
        """Index of the word that starts at an offset."""
        return dict(zip(self.starts, range(len(self.tokens)), strict=True))

    @cached_property
    def edges(self) -> frozenset[int]:
        """Offsets where a word begins or ends."""
        return frozenset(chain(self.starts, map(itemgetter(1), self.tokens)))

    def word_at(self, offset: int) -> int:
        """Index of the word holding ``offset`` (-1 before the first)."""
        return bisect_right(self.starts, offset) - 1

    def words_within(self, start: int, end: int) -> range:
        """Indices of the words that lie wholly within ``start:end``."""
        first = bisect_right(self.starts, start - 1)
        k = first
        tokens = self.tokens
        last = bisect_right(self.starts, end - 1)
        while last > first and tokens[last - 1][1] > end:
            last -= 1
        return range(k, max(k, last))

    def words_at(self, first: re.Pattern[str]) -> list[int]:
        """Indices, in order, of the words whose first character matches ``first`` (a
        class of characters): a component that reads only such words finds them by one
        search of the text, instead of testing every word."""
        at = self.by_start.get
        found = map(at, map(_MATCH_START, first.finditer(self.simplified)))
        return [k for k in found if k is not None]

    def piece_before(self, end: int, kinds: tuple[str, ...], reach: int = 8) -> int | None:
        """Where the longest lexicon piece of one of ``kinds`` that ends at ``end`` starts
        (at most ``reach`` characters back), or None: the place before 亚运会, the body
        before 第十届."""
        lattice = self.lattice
        for start in range(max(0, end - reach), end):
            if any(e == end and kind in kinds for e, kind in lattice.get(start, ())):
                return start
        return None

    def shared(self, key: str, build: Callable[[Analysis], T]) -> T:
        """What ``build`` derives from this analysis, built once for every component."""
        if key not in self._shared:
            self._shared[key] = build(self)
        value: T = self._shared[key]
        return value


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE.finditer(text) if not m.group().startswith("\n")]


def analyse(text: str) -> Analysis:
    """The analysis of ``text`` (cleaned, either script)."""
    simplified = to_simplified(text)
    return Analysis(
        text=text,
        simplified=simplified,
        tokens=segment.tokens(simplified),
        lattice=load_lexicon().matches(simplified),
        sentences=sentence_bounds(text),
        garbled=find_garbled(text),
        navigation=navigation_lines(simplified),
    )
