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

import importlib.util
import threading
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from pathlib import Path

from annotator.core.suggest.base import Token
from annotator.core.suggest.cache import cached
from annotator.core.suggest.lexicon import lexicon_rows
from annotator.core.suggest.names import SURNAMES, NameModel, foreign_chars, name_chars
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

# Words whose tags :func:`tokens` keeps worked out, at most (then it starts afresh).
_WORD_TAGS_KEPT = 500_000


@dataclass(frozen=True)
class Dictionary:
    """What the suggesters know of words, built from jieba's dictionary and the lexicon
    once, then cached (``cache.py``).

    ``user_words`` go into jieba-rs as user words with their frequencies; ``tags`` hold
    our tag for each lexicon word where it differs from jieba's own (jieba-rs keeps the
    first tag of a word). ``common``: words jieba saw often; ``common_tags`` their tags.
    ``known``: dictionary words of two or three characters that start with a surname
    (the words a name of the same characters is not)."""

    user_words: str  # one a line, in the order of ``user_freqs``
    user_freqs: array[int]
    tags: dict[str, str]
    common: frozenset[str]
    common_tags: dict[str, str]
    rare_long_names: frozenset[str]
    known: frozenset[str]
    persons: frozenset[str]
    places: frozenset[str]


def _build_dictionary() -> Dictionary:
    tags: dict[str, str] = {}
    freq: dict[str, int] = {}
    with jieba_dict().open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
                freq[parts[0]] = int(parts[1])
    jieba_tags = dict(tags)
    common = frozenset(w for w, n in freq.items() if n >= _COMMON_FREQ)
    # Long words jieba rarely saw and calls names: mostly foreign people (基里延科),
    # while its frequent "names" are often phrases (安全措施).
    rare_long_names = frozenset(
        w for w, n in freq.items() if n < _RARE_FREQ and len(w) >= 4 and tags[w].startswith("nr")
    )
    known = frozenset(w for w, n in freq.items() if n > 0 and 2 <= len(w) <= 3 and w[0] in SURNAMES)
    persons: set[str] = set()
    places: set[str] = set()
    user_words: dict[str, int] = {}
    for surface, kind, origin in lexicon_rows():
        if kind == "PER":
            persons.add(surface)
        elif kind in ("LOC", "ORG"):
            places.add(surface)
        word_freq = max(freq.get(surface, 0), _KIND_FREQ[kind])
        if origin == "thuocl" and surface in freq:
            # THUOCL's general list of places holds words that are more often two
            # (组织|中都|一直, 伏羲|庙前): where jieba knows one, its weight stands.
            word_freq = freq[surface]
        if (
            kind == "PER"
            and len(surface) < 3
            and surface in tags
            and not tags[surface].startswith("nr")
        ):
            continue  # a two-character name jieba knows as another word (文明)
        if word_freq != freq.get(surface):
            freq[surface] = word_freq
            user_words[surface] = word_freq
        if kind == "BODY" and tags.get(surface) == "nt":
            continue  # a body jieba knows by name keeps its tag: 内政部, 社科院
        tags[surface] = _KIND_TAG.get(kind) or tags.get(surface, "n")
    return Dictionary(
        user_words="\n".join(user_words),
        user_freqs=array("l", user_words.values()),
        tags={w: t for w, t in tags.items() if jieba_tags.get(w) != t},
        common=common,
        common_tags={w: tags[w] for w in common if w in tags},
        rare_long_names=rare_long_names,
        known=known,
        persons=frozenset(persons),
        places=frozenset(places),
    )


def jieba_dict() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (which is slow to import)."""
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "dict.txt"


class _Jieba:
    """jieba-rs with the lexicons as user words, and what we know of words."""

    def __init__(self) -> None:
        import rjieba

        d = cached("dictionary", _build_dictionary)
        # rjieba's own instance (its module functions): jieba's dictionary and HMM,
        # loaded once at import; a second instance would load them again.
        self.segmenter = rjieba
        add = rjieba.add_word
        for word, freq in zip(d.user_words.split("\n"), d.user_freqs, strict=True):
            add(word, freq, None)
        self.tags = d.tags
        self.common = d.common
        self.common_tags = d.common_tags
        self.rare_long_names = d.rare_long_names
        self.known = d.known
        self.persons = d.persons
        self.places = d.places
        self.foreign_chars = foreign_chars()
        self.name_chars = name_chars()
        self.name_model = NameModel.shipped()
        # Each word's tag as :func:`tokens` gives it, once worked out.
        self.word_tags: dict[str, str | None] = {}

    def tag_of(self, word: str, tag: str | None) -> str | None:
        """Our tag of a word jieba-rs tagged ``tag``: ours for a lexicon word, jieba's for
        a dictionary word, None for a word its HMM made up (jieba-rs guesses a tag for
        those too). A word's tag from jieba-rs is its dictionary's, whatever the text."""
        mine = self.tags.get(word)
        if mine is None and tag and self.segmenter.has_word(word):
            mine = tag
        return mine


@lru_cache(maxsize=1)
def _jieba() -> _Jieba:
    with _lock:
        return _Jieba()


def dictionary() -> _Jieba:
    """The loaded segmenter and what it knows of words (tags, frequencies, names)."""
    return _jieba()


def tokens(text: str) -> list[Token]:
    """(start, end, word, tag) of ``text`` (Simplified), tag None for words jieba made
    up (HMM): the tags ``jieba.posseg`` gives dictionary words, ours for lexicon words."""
    j = _jieba()
    pairs = j.segmenter.tag(text, True)
    if not pairs:
        return []
    words = list(map(itemgetter(0), pairs))
    ours = j.word_tags
    unseen = set(words).difference(ours)
    if unseen:
        if len(ours) > _WORD_TAGS_KEPT:
            # A new table, not the old one cleared: another thread may be reading it.
            ours = j.word_tags = {}
            unseen = set(words)
        tag_of = dict(pairs)
        for word in unseen:
            ours[word] = j.tag_of(word, tag_of[word])
    ends = list(accumulate(map(len, words)))
    return list(zip([0, *ends[:-1]], ends, words, map(ours.__getitem__, words), strict=True))


def word_edges(text: str) -> list[int]:
    """Offsets where a word starts or ends (jieba's words, on the Simplified copy so a
    Traditional text is cut the same way; offsets are the same). Snapping and word-wise
    moves use them."""
    return sorted({0, len(text), *(t[1] for t in tokens(to_simplified(text)))})
