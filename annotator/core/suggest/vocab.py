"""The suggesters' hand-curated word lists, one named file each in ``resources/vocab/``.

A file's first line is a comment saying what the list is; the rest holds its entries,
separated by spaces or newlines. A list of characters is written as one run of them and
read with :func:`chars`. Nothing else in ``suggest/`` spells out a word list: a list in
code drifts from its copies (the place levels were once written out three times).
"""

from __future__ import annotations

import re
from functools import cache

from annotator.core.resources import read_text, resource


class VocabError(ValueError):
    """A word list is missing its comment line or its entries."""


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``resources/vocab/NAME.txt``, in the file's order."""
    lines = read_text("vocab", f"{name}.txt").splitlines()
    if not lines or not lines[0].startswith("#"):
        raise VocabError(f"resources/vocab/{name}.txt: the first line must say what it is")
    found = tuple(w for line in lines[1:] if not line.startswith("#") for w in line.split())
    if not found:
        raise VocabError(f"resources/vocab/{name}.txt: no entries")
    return found


@cache
def words(*names: str) -> frozenset[str]:
    """Every entry of the named lists."""
    return frozenset(w for name in names for w in entries(name))


@cache
def chars(*names: str) -> frozenset[str]:
    """Every character of the named lists."""
    return frozenset(ch for name in names for w in entries(name) for ch in w)


@cache
def ordered(*names: str) -> tuple[str, ...]:
    """The entries of the named lists, longest first (for ``str.startswith`` and
    ``str.endswith``, which take the first that fits)."""
    seen = dict.fromkeys(w for name in names for w in entries(name))
    return tuple(sorted(seen, key=len, reverse=True))


@cache
def alternation(*names: str) -> str:
    """A regular-expression group matching any entry, the longest where several fit.

    The group first looks ahead for one of the entries' first characters: where none
    is, a search moves on after one test instead of one for each entry (a list of
    meeting words is searched at every character of a text)."""
    words = ordered(*names)
    first = re.escape("".join(sorted({w[0] for w in words})))
    return f"(?:(?=[{first}])(?:" + "|".join(map(re.escape, words)) + "))"


@cache
def first_class(*names: str) -> str:
    """A regular-expression class of the first characters of the named lists' entries
    (for :meth:`Analysis.words_at`: the words that may be one of them)."""
    return "[" + re.escape("".join(sorted({w[0] for w in ordered(*names)}))) + "]"


@cache
def char_class(*names: str) -> str:
    """A regular-expression class of every character of the named lists."""
    return "[" + re.escape("".join(sorted(chars(*names)))) + "]"


def names() -> list[str]:
    """Every word list shipped."""
    return sorted(
        p.name.removesuffix(".txt") for p in resource("vocab").iterdir() if p.name.endswith(".txt")
    )
