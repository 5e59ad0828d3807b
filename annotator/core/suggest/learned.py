"""What the annotators taught: accepted surfaces are proposed everywhere, rejected never.

Reads the store's ``lexicon`` table and rebuilds its matcher whenever the table
changes, so a decision takes effect on the next suggestion without a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.suggest.base import PRIORITY, Candidate, Token
from annotator.core.suggest.matcher import WordIndex
from annotator.core.text import to_simplified


class LearnedSuggester:
    name = "learned"

    def __init__(self, store: Any) -> None:
        self.store = store
        self._version: tuple[int, float] | None = None
        self._index: WordIndex[str] | None = None
        self._negative: set[tuple[str, str]] = set()

    def _refresh(self) -> None:
        version = self.store.lexicon_version()
        if version == self._version:
            return
        self._version = version
        self._negative = set()
        positive: dict[str, str] = {}  # one label a surface; the latest decision wins
        for surface, label, polarity in self.store.lexicon():
            key = to_simplified(surface)
            if polarity == "negative":
                self._negative.add((key, label))
            else:
                positive[key] = label
        self._index = WordIndex(positive.items()) if positive else None

    def propose(self, text: str, tokens: Sequence[Token] = ()) -> list[Candidate]:
        self._refresh()
        if self._index is None:
            return []
        return [
            Candidate(start, end, label, "learned", PRIORITY["learned"], 0.95)
            for start, end, label in self._index.find(text)
            if (text[start:end], label) not in self._negative
        ]

    def rejects(self, text: str, cand: Candidate) -> bool:
        self._refresh()
        return (text[cand.start : cand.end], cand.label) in self._negative
