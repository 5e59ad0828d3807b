"""jieba's words for the suggesters, with our lexicons loaded.

The lexicons become jieba's user dictionary, so that lexicon places and bodies come out
whole. We segment with jieba's algorithm (its dictionary and its HMM for unknown names) as
implemented by jieba-rs (the ``rjieba`` binding): the same words as ``jieba.cut`` in all
but a few sentences in a thousand, at a fifteenth of its cost. We look each word's tag up
ourselves in jieba's ``dict.txt``: the tags ``jieba.posseg`` would give for dictionary
words; None for words the HMM made up.

Loading the dictionaries takes a while, so it happens once per process, lazily, behind a
lock; the GUI only ever calls this from a worker thread.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from annotator.core.suggest.base import Token
from annotator.core.suggest.lexicon import lexicon_rows
from annotator.core.suggest.names import FOREIGN_CHAR_MIN_BY_TITLE, NameModel, foreign_chars
from annotator.core.text import to_simplified

# Tags our lexicon words get in the segmenter (stop words keep jieba's own tag: they are
# vetoed as entities elsewhere, but must not break the words around them).
_KIND_TAG = {"LOC": "ns", "ORG": "nt", "PER": "nr", "TITLE": "nnt", "BODY": "nis"}

# Frequencies that let a lexicon word win segmentation without swallowing neighbours.
_KIND_FREQ = {
    "LOC": 2000,
    "ORG": 2000,
    "TITLE": 3000,
    "BODY": 1000,
    "PER": 300,
    "STOP": 5000,
    "LEVEL": 1000,
    "POLICY": 2000,
    "CAMPAIGN": 1000,
    "FEATURE": 1000,
}

# jieba's "nr" tag is noisy (多云, 文明, 卫星 carry it): a word it calls a name counts
# only when it is in the person lexicon, or has a name's shape and is not common.
_COMMON_FREQ = 100

_RARE_FREQ = 10

_lock = threading.Lock()


class _Jieba:
    """jieba-rs with the lexicons as user words, and jieba's tags and frequencies."""

    def __init__(self) -> None:
        import jieba
        import rjieba

        self.segmenter = rjieba.Jieba()  # jieba's own dictionary and HMM
        self.tags: dict[str, str] = {}
        freq: dict[str, int] = {}
        with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) == 3:
                    self.tags[parts[0]] = parts[2]
                    freq[parts[0]] = int(parts[1])
        self.common = frozenset(w for w, n in freq.items() if n >= _COMMON_FREQ)
        # Long words jieba rarely saw and calls names: mostly foreign people (基里延科),
        # while its frequent "names" are often phrases (安全措施).
        self.rare_long_names = frozenset(
            w
            for w, n in freq.items()
            if n < _RARE_FREQ and len(w) >= 4 and self.tags[w].startswith("nr")
        )
        self.dictionary = {w for w, n in freq.items() if n > 0}
        self.persons: set[str] = set()
        self.places: set[str] = set()
        for surface, kind, origin in lexicon_rows():
            if kind == "PER":
                self.persons.add(surface)
            elif kind in ("LOC", "ORG"):
                self.places.add(surface)
            word_freq = max(freq.get(surface, 0), _KIND_FREQ[kind])
            if origin == "thuocl" and surface in freq:
                # THUOCL's general list of places holds words that are more often two
                # (组织|中都|一直, 伏羲|庙前): where jieba knows one, its weight stands.
                word_freq = freq[surface]
            if (
                kind == "PER"
                and len(surface) < 3
                and surface in self.tags
                and not self.tags[surface].startswith("nr")
            ):
                continue  # a two-character name jieba knows as another word (文明)
            if word_freq != freq.get(surface):
                freq[surface] = word_freq
                self.segmenter.add_word(surface, word_freq, None)
            if kind == "BODY" and self.tags.get(surface) == "nt":
                continue  # a body jieba knows by name keeps its tag: 内政部, 社科院
            self.tags[surface] = _KIND_TAG.get(kind) or self.tags.get(surface, "n")
        self.foreign_chars = foreign_chars()
        self.name_chars = foreign_chars(FOREIGN_CHAR_MIN_BY_TITLE)
        self.name_model = NameModel.shipped()


@lru_cache(maxsize=1)
def _jieba() -> _Jieba:
    with _lock:
        return _Jieba()


def dictionary() -> _Jieba:
    """The loaded segmenter and what it knows of words (tags, frequencies, names)."""
    return _jieba()


def tokens(text: str) -> list[Token]:
    """(start, end, word, tag) of ``text`` (Simplified), tag None for words jieba made
    up (HMM)."""
    j = _jieba()
    words = j.segmenter.cut(text, True)
    ends = accumulate(map(len, words))
    tags = j.tags
    return [
        (end - len(word), end, word, tags.get(word)) for word, end in zip(words, ends, strict=True)
    ]


def word_edges(text: str) -> list[int]:
    """Offsets where a word starts or ends (jieba's words, on the Simplified copy so a
    Traditional text is cut the same way; offsets are the same). Snapping and word-wise
    moves use them."""
    return sorted({0, len(text), *(t[1] for t in tokens(to_simplified(text)))})
