"""The shipped lexicon (resources/lexicons/lexicon.tsv): surfaces and their kinds.

Built by resources/lexicons/build_lexicons.py from public word lists: places,
organisations, bodies, titles, person names, stop words, levels and programmes. All of
it is matched at once with an Aho-Corasick automaton; the matches are the lattice of
every text's :class:`Analysis`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import ahocorasick

from annotator.core.resources import read_text
from annotator.core.suggest import vocab
from annotator.core.suggest.cache import cached
from annotator.core.suggest.patterns import searched

# Pieces of the lattice, by what they are: start -> [(end, kind)].
Lattice = dict[int, list[tuple[int, str]]]

# The kinds of the lexicon that go into the lattice (person names go to the segmenter).
MATCHED_KINDS = frozenset(
    {"LOC", "ORG", "BODY", "TITLE", "STOP", "LEVEL", "POLICY", "CAMPAIGN", "FEATURE"}
)
# Kinds of organisation (公司, 球队): a kind of their own, TYPE, in the lattice.
TYPE_BODIES = vocab.words("kinds_of_organisation")
LEVEL_CHARS = vocab.chars("place_levels")
_KIND_BITS = 6
_KIND_MASK = (1 << _KIND_BITS) - 1
# 副 and the words that work like it before a title (首席, 实习): VICE in the lattice.
_LEVEL_OR_VICE = searched(
    "(" + vocab.alternation("title_modifiers") + "|副)|[" + "".join(sorted(LEVEL_CHARS)) + "]"
)
# A character beyond the BMP: two UTF-16 code units.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def place_and_kind(word: str, is_place: Callable[[str], bool]) -> bool:
    """美国公司, 非洲球队: a place and a kind of organisation, not a name."""
    return any(word.endswith(kind) and is_place(word[: -len(kind)]) for kind in TYPE_BODIES)


def _units(text: str) -> str:
    """``text`` as its UTF-16 code units, each written as two characters below 256 (high
    byte first). The automaton reads this: a node has at most 256 children, and
    pyahocorasick looks a child up by walking the node's list of them (the root of
    the lexicon's characters had thousands, a microsecond per character of text)."""
    return text.encode("utf-16-be").decode("latin-1")


class Kinds:
    """The kinds of each lexicon surface, read from the automaton (a dict of them would
    cost a tenth of a second to load): ``get(surface, default)`` and ``in``."""

    __slots__ = ("_get", "_sets")

    def __init__(self, automaton: ahocorasick.Automaton, sets: tuple[frozenset[str], ...]):
        self._get = automaton.get
        self._sets = sets

    def get(self, surface: str, default: Any = None) -> Any:
        value = self._get(_units(surface), -1)
        return default if value < 0 else self._sets[value & _KIND_MASK]

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self._get(_units(surface), -1) >= 0


_BODIES = ("BODY", "TYPE")


class Lexicon:
    """Every surface of the lexicon in one Aho-Corasick automaton over its code units
    (:func:`_units`), whose value for a surface is its length in characters and the
    index of its set of kinds (``_KIND_BITS`` bits)."""

    def __init__(self, automaton: ahocorasick.Automaton, sets: tuple[frozenset[str], ...]):
        self.automaton = automaton
        self.sets = sets
        self.types = Kinds(automaton, sets)

    def matches(self, text: str) -> Lattice:
        """start -> [(end, kind)] for every lexicon piece in ``text``, and every level
        character (LEVEL) and 副 or a word like it (VICE). A body word that begins an
        everyday word of the stop list is no body there (中心 in 中心城市, 中心镇)."""
        lattice: Lattice = defaultdict(list)
        sets = self.sets
        units = _units(text)
        # Where each character beyond the BMP (two code units) ends, in code units.
        astral = (
            [m.start() + k + 2 for k, m in enumerate(_ASTRAL.finditer(text))]
            if len(units) != 2 * len(text)
            else None
        )
        for last, value in self.automaton.iter(units):
            if not last & 1:
                continue  # a match across two code units' bytes: no surface
            end = (last + 1) >> 1
            if astral:
                end -= bisect_right(astral, end)
            start = end - (value >> _KIND_BITS)
            for kind in sets[value & _KIND_MASK]:
                lattice[start].append((end, kind))
        for m in _LEVEL_OR_VICE.finditer(text):
            i, end = m.span()
            lattice[i].append((end, "VICE" if m.group(1) else "LEVEL"))
        for ends in lattice.values():
            if len(ends) > 1:
                stop = max((e for e, kind in ends if kind == "STOP"), default=0)
                if stop and any(kind in _BODIES and e < stop for e, kind in ends):
                    ends[:] = [(e, kind) for e, kind in ends if kind not in _BODIES or e >= stop]
        return lattice


@lru_cache(maxsize=1)
def lexicon_rows() -> tuple[tuple[str, str, str], ...]:
    """(surface, type, origin) of the shipped lexicon, read once per process."""
    rows = []
    for line in read_text("lexicons", "lexicon.tsv").splitlines()[1:]:
        surface, kind, origin = line.split("\t")
        rows.append((surface, kind, origin))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon's automaton and the kinds of each surface (cached)."""
    return Lexicon(*cached("lexicon", _build))


def _build() -> tuple[ahocorasick.Automaton, tuple[frozenset[str], ...]]:
    types: dict[str, set[str]] = defaultdict(set)
    for surface in vocab.words("media_bodies"):
        types[surface].add("BODY")
    for surface, kind, _origin in lexicon_rows():
        if kind == "BODY" and surface in TYPE_BODIES:
            types[surface].add("TYPE")
        elif kind in MATCHED_KINDS:
            types[surface].add(kind)
    sets: dict[frozenset[str], int] = {}
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for surface, kinds in types.items():
        index = sets.setdefault(frozenset(kinds), len(sets))
        automaton.add_word(_units(surface), (len(surface) << _KIND_BITS) | index)
    if len(sets) > _KIND_MASK + 1:
        raise ValueError("lexicon.tsv: too many combinations of kinds for the automaton")
    automaton.make_automaton()
    return automaton, tuple(sets)
