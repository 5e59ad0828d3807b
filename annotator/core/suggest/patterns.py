"""Patterns searched over whole texts, compiled to reject most positions at once.

A search tries a pattern at every character. Python's engine skips ahead on its own only
for a pattern that begins with a plain character or class; one that begins with a
lookbehind or an alternation of many branches (the dates: ten of them) is tried branch
by branch everywhere. :func:`searched` works out, from the parsed pattern, the characters
a match can begin with and puts a lookahead for them in front: the same matches, a
fifth of the time for the dates.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

Ranges = list[tuple[int, int]]


class _Open(Exception):
    """A match may begin with too many characters to be worth a lookahead."""


def _sequence(items: Any) -> tuple[Ranges, bool]:
    """The characters a match of ``items`` in turn can begin with, and whether it can be
    empty (then what follows it can begin the match too)."""
    first: Ranges = []
    for op, av in items:
        ranges, empty = _item(op, av)
        first += ranges
        if not empty:
            return first, False
    return first, True


def _item(op: Any, av: Any) -> tuple[Ranges, bool]:
    if op is sre.LITERAL:
        return [(av, av)], False
    if op is sre.IN:
        ranges: Ranges = []
        for kind, value in av:
            if kind is sre.LITERAL:
                ranges.append((value, value))
            elif kind is sre.RANGE:
                ranges.append(value)
            else:
                raise _Open  # a negated class or a category (\s, \d): anything, nearly
        return ranges, False
    if op is sre.SUBPATTERN:
        return _sequence(av[3])
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        ranges, empty = [], False
        for branch in av[1]:
            first, can_be_empty = _sequence(branch)
            ranges += first
            empty = empty or can_be_empty
        return ranges, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        least, _most, inner = av
        ranges, empty = _sequence(inner)
        return ranges, empty or least == 0
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return [], True  # takes no character: what follows begins the match
    raise _Open  # any character, a back reference, a conditional


def first_characters(pattern: str) -> str | None:
    """A class of every character a match of ``pattern`` can begin with, or None (the
    pattern can match nothing, or begin with nearly anything)."""
    try:
        parsed = parser.parse(pattern)
        if parsed.state.flags & ~re.UNICODE:
            return None  # inline flags (?i), (?x): they must stay at the front
        ranges, empty = _sequence(parsed)
    except _Open:
        return None
    if empty or not ranges:
        return None
    parts = (
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in sorted(set(ranges))
    )
    return "[" + "".join(parts) + "]"


def searched(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern)`` led by a lookahead for the characters its matches begin
    with (none where :func:`first_characters` finds no such class). For a pattern that
    begins with an alternation or a lookbehind: one that begins with a plain character
    or class is faster as it is (the engine's own skipping stops at a lookahead)."""
    first = first_characters(pattern)
    return re.compile(pattern if first is None else f"(?={first})(?:{pattern})")
