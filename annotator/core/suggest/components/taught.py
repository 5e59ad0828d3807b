"""What the annotators taught: accepted surfaces are proposed everywhere, rejected never.

An accepted surface has the lowest priority (resources/suggest.json): it fills what the
components leave, and never splits a longer name one of them found around it (a place
taught on its own, inside an event's name).

Reads the store's ``lexicon`` table and rebuilds its matcher whenever the table
changes, so a decision takes effect on the next suggestion without a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ahocorasick

from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component
from annotator.core.suggest.components.registry import register
from annotator.core.text import to_simplified

ORIGIN = "learned"
CONFIDENCE = 0.95


class TaughtSurfaces:
    """The store's taught surfaces, matched in one pass over a Simplified text."""

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

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of every accepted surface in ``text`` (Simplified)
        that is not also rejected with that label."""
        self._refresh()
        if self._automaton is None:
            return []
        out = []
        for end, (n, label) in self._automaton.iter(text):
            start = end + 1 - n
            if (text[start : end + 1], label) not in self._negative:
                out.append((start, end + 1, label))
        return out

    def rejects(self, surface: str, label: str) -> bool:
        """Was ``surface`` (Simplified) rejected with ``label``?"""
        self._refresh()
        return (surface, label) in self._negative


@register
class Taught(Component):
    name = "taught"
    labels = frozenset({"*"})  # whatever label the annotators taught

    def __init__(self, priorities: Mapping[str, int], *, store: Any = None, **_: Any) -> None:
        super().__init__(priorities)
        self.surfaces = TaughtSurfaces(store) if store is not None else None

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return (ORIGIN,)

    def propose(self, analysis: Analysis) -> list[Candidate]:
        if self.surfaces is None:
            return []
        priority = self.priority(ORIGIN)
        return [
            Candidate(start, end, label, ORIGIN, priority, CONFIDENCE)
            for start, end, label in self.surfaces.matches(analysis.simplified)
        ]

    @property
    def teaches(self) -> bool:
        """Has it a project to read what the annotators taught from (else it proposes
        and rejects nothing)?"""
        return self.surfaces is not None

    def rejects(self, analysis: Analysis, cand: Candidate) -> bool:
        return self.surfaces is not None and self.surfaces.rejects(
            analysis.simplified[cand.start : cand.end], cand.label
        )
