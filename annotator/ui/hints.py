"""Hint mode: a short label on every target in view, typed to pick it (qutebrowser's
hint mode, read for the idea: a home-row alphabet, the shortest labels first, typed
letters filter, one match fires, Esc leaves).

Targets are ordered from where the annotator is (the current span or the caret)
onwards, so the next few spans always get the same one-letter labels whatever the
window size. The alphabet leaves out every key that keeps its meaning in hint mode
(reject, boundaries, done, word hints), so those work without leaving the mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.ui import keymap

# The home row first: a, s and the right hand (its letters' usual actions, such as J/K,
# wait while hints are shown). D, F and G keep their meaning (done, leave hint mode,
# word hints). Then the letters no action uses, so that no key of the keymap is lost.
HOME_ROW = "ashjkl"
_BOUND = {k.lower() for a in keymap.ACTIONS for k in a.keys if len(k) == 1}
ALPHABET = HOME_ROW + "".join(c for c in "nmvbyzuiopct" if c not in _BOUND)


def capacity(chars: str = ALPHABET) -> int:
    """How many targets get a label: one letter for the home row, two for the rest."""
    return len(HOME_ROW) + (len(chars) - len(HOME_ROW)) * len(chars)


def hint_strings(n: int, chars: str = ALPHABET) -> list[str]:
    """Up to ``n`` prefix-free labels, the shortest first (Vimium's scheme, as
    qutebrowser uses it, without the shuffle: the first targets are the nearest). The
    home row's letters always stay single, so the next few targets keep the same
    letter whatever else is in view; past :func:`capacity` targets get none."""
    base = len(chars)
    n = max(0, min(n, capacity(chars)))
    if n <= base:
        return list(chars[:n])
    # Each label one letter shorter frees base - 1 places among the two-letter ones.
    short = max(len(HOME_ROW), (base * base - n) // (base - 1))
    out = list(chars[:short])
    out += [_number(i, chars, 2) for i in range(short * base, short * base + n - short)]
    return out


def _number(number: int, chars: str, digits: int) -> str:
    base = len(chars)
    out: list[str] = []
    while True:
        number, rest = divmod(number, base)
        out.insert(0, chars[rest])
        if number <= 0:
            break
    return chars[0] * (digits - len(out)) + "".join(out)


@dataclass
class Hints:
    """What hint mode shows: label -> (start, end, span id or None for a word)."""

    kind: str  # "spans" or "words"
    targets: dict[str, tuple[int, int, int | None]] = field(default_factory=dict)
    typed: str = ""

    def type(self, char: str) -> tuple[int, int, int | None] | bool:
        """Add a typed letter: the target once one label matches, True while some
        label still starts with what was typed, False (and start over) otherwise."""
        typed = self.typed + char
        if typed in self.targets:
            self.typed = ""
            return self.targets[typed]
        if any(label.startswith(typed) for label in self.targets):
            self.typed = typed
            return True
        self.typed = ""
        return False


def assign(ranges: list[tuple[int, int, int | None]], kind: str) -> Hints:
    """Labels for targets already in the order they should get them (the nearest
    first; beyond :func:`capacity` they get none)."""
    return Hints(kind, dict(zip(hint_strings(len(ranges)), ranges, strict=False)))
