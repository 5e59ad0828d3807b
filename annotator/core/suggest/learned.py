"""What the annotators taught: accepted surfaces are proposed everywhere, rejected never.

Reads the store's ``lexicon`` table and rebuilds its matcher whenever the table
changes, so a decision takes effect on the next suggestion without a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ahocorasick

from annotator.core.suggest.base import PRIORITY, Candidate, Token
from annotator.core.text import to_simplified


class LearnedSuggester:
    name = "learned"

    def __init__(self, store: Any) -> None:
        self.store = store
        self._version: int | None = None
        self._automaton: Any = None
        self._negative: set[tuple[str, str]] = set()

    def _refresh(self) -> None:
        version = self.store.lexicon_version()
        if version == self._version:
            return
        self._version = version
        automaton = ahocorasick.Automaton()
        self._negative = set()
        positive = 0
        for surface, label, polarity in self.store.lexicon():
            key = to_simplified(surface)
            if polarity == "negative":
                self._negative.add((key, label))
            else:
                automaton.add_word(key, (len(key), label))
                positive += 1
        if positive:
            automaton.make_automaton()
            self._automaton = automaton
        else:
            self._automaton = None

    def propose(self, text: str, tokens: Sequence[Token] = ()) -> list[Candidate]:
        self._refresh()
        if self._automaton is None:
            return []
        return [
            Candidate(end + 1 - n, end + 1, label, "learned", PRIORITY["learned"], 0.95)
            for end, (n, label) in self._automaton.iter(text)
            if (text[end + 1 - n : end + 1], label) not in self._negative
        ]

    def rejects(self, text: str, cand: Candidate) -> bool:
        self._refresh()
        return (text[cand.start : cand.end], cand.label) in self._negative
