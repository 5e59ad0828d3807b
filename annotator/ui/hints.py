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

# Home row first (without D, F and G, which keep their meaning: done, leave hint mode,
# word hints), then the other letters that are no operation in hint mode (not X, Q,
# W, E, R).
ALPHABET = "ashjkl" + "uiopnmvbctyz"
HOME_ROW = 6  # the first letters of ALPHABET


def hint_strings(n: int, chars: str = ALPHABET) -> list[str]:
    """``n`` prefix-free labels, the shortest first (Vimium's scheme, as qutebrowser
    uses it, without the shuffle: the first targets are the nearest)."""
    if n <= 0:
        return []
    base = len(chars)
    needed = 1
    while base**needed < n:
        needed += 1
    if needed == 1:
        return list(chars[:n])
    # Each label one letter shorter frees base - 1 places among the longest ones.
    short = (base**needed - n) // (base - 1)
    out = [_number(i, chars, needed - 1) for i in range(short)]
    start = short * base
    out += [_number(i, chars, needed) for i in range(start, start + n - short)]
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
    """Labels for targets already in the order they should get them."""
    return Hints(kind, dict(zip(hint_strings(len(ranges)), ranges, strict=True)))
