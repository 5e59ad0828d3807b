"""Every word of a word list found in a text in one pass.

A trie kept in one hash table: each word and each of its prefixes is a key, so a scan
from a character stops as soon as the text leaves every word (the approach of jieba's
prefix dictionary). The cost grows with the length of the text and of the words found
there, not with the size of the list.

It replaced pyahocorasick here: on the shipped lexicon (100,000 Chinese words, a few
thousand distinct first characters) that automaton spent about 6,600 instructions a
character, this scan about 2,900 (``perf stat`` over the People's Daily dev text).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

V = TypeVar("V")


class WordIndex(Generic[V]):
    def __init__(self, words: Iterable[tuple[str, V]]) -> None:
        # key -> (the value if the key is a word, whether longer words continue it)
        self._index: dict[str, tuple[V | None, bool]] = {}
        index = self._index
        for word, value in words:
            if not word:
                continue
            for i in range(1, len(word)):
                prefix = word[:i]
                old = index.get(prefix)
                index[prefix] = (old[0] if old else None, True)
            old = index.get(word)
            index[word] = (value, old[1] if old else False)

    def find(self, text: str) -> list[tuple[int, int, V]]:
        """(start, end, value) of every occurrence of every word, overlaps included."""
        found: list[tuple[int, int, V]] = []
        get = self._index.get
        n = len(text)
        for start in range(n):
            entry = get(text[start])
            end = start + 1
            while entry is not None:
                value, more = entry
                if value is not None:
                    found.append((start, end, value))
                if not more or end >= n:
                    break
                end += 1
                entry = get(text[start:end])
        return found
