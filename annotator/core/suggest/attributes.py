"""What the sequence model reads of a text: one list of attributes per character.

The attributes are UTF-8 bytes, as crfsuite stores them (python-crfsuite takes bytes as
they are and encodes a str first). A trained model knows only the attributes that earned
a weight, often a third fewer than a text has (most character pairs never do): tagging
passes it only those (:func:`known_attributes`), which changes nothing in its scores
(crfsuite drops an attribute it has no weight for) and saves converting and looking up
the rest. Training reads every attribute.
"""

from __future__ import annotations

import operator
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from annotator.core.suggest.base import Candidate, Token


@dataclass(frozen=True)
class Features:
    """What the model sees of one text: everything the pipeline computed for it."""

    text: str  # the Simplified view (same offsets as the stored text)
    tokens: Sequence[Token]
    candidates: Sequence[Candidate]  # every component's proposals, before the merge
    chosen: Sequence[Candidate]  # what the components' merge kept
    lattice: dict[int, list[tuple[int, str]]]  # start -> [(end, kind)] lexicon matches
    prior: Sequence[tuple[int, int, str, float]] = ()  # a base model's spans (stacking)


def _kind(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "L"
    if ch.isspace():
        return "S"
    return "P"


class _Strings(dict[Any, Any]):
    """Values by their key, made on first use: the attribute strings recur on every
    text, so each is built once and looked up after (``map(table.__getitem__, keys)``
    runs at C speed)."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value


_KIND = _Strings(_kind)


def _present(*values: bytes | None) -> tuple[bytes, ...]:
    return tuple(v for v in values if v is not None)


class Tables:
    """Each kind of attribute by its key, as bytes; with ``known``, an attribute not in
    it is None or left out of a group (one model's tables: see :func:`attributes`)."""

    def __init__(self, known: frozenset[bytes] | None = None) -> None:
        def keep(name: str) -> bytes | None:
            value = name.encode()
            return value if known is None or value in known else None

        def prefixed(prefix: str) -> _Strings:
            return _Strings(lambda s: keep(prefix + s))

        def marks(name: str) -> _Strings:
            # Where a character sits in a piece named ``name + key``: (single, begin,
            # inside, end).
            return _Strings(lambda key: tuple(keep(f"{name}{key}:{at}") for at in "SBIE"))

        self.filtered = known is not None
        self.c, self.c_1, self.c1, self.c_2, self.c2 = map(
            prefixed, ("c=", "c-1=", "c+1=", "c-2=", "c+2=")
        )
        self.b_, self.b1 = prefixed("b-="), prefixed("b+=")
        self.k3 = prefixed("k=")
        self.w = prefixed("w=")
        single, begin, inside, end = marks("w")[""]
        tagged = marks("wt")
        # A word's characters by its tag: the first, by the word's length (1 to 5, five
        # or more), where it sits, in a word of that tag, and the word's length; the
        # middle ones and the last, where they sit in a word of that tag.
        self.first = _Strings(
            lambda t: tuple(
                _present(
                    single if n == 1 else begin,
                    tagged[t][0 if n == 1 else 1],
                    keep(f"wl{n}{t}"),
                )
                for n in range(6)
            )
        )
        self.middle = _Strings(lambda t: _present(inside, tagged[t][2]))
        self.last = _Strings(lambda t: _present(end, tagged[t][3]))
        # The previous word and its tag, the next word and its tag: by (word, tag).
        self.before = _Strings(lambda wt: _present(keep(f"pw={wt[0]}"), keep(f"pt={wt[1] or 'x'}")))
        self.after = _Strings(lambda wt: _present(keep(f"nw={wt[0]}"), keep(f"nt={wt[1] or 'x'}")))
        self.lattice, self.proposed, self.chosen, self.prior = map(marks, ("x", "k", "s", "p"))
        # Each character's attributes as itself and as each neighbour (c, c-1, c+1, c-2,
        # c+2), and its kind: one lookup a character, read five times (a character's
        # string is made and hashed once, not once a column); the padding's as the
        # neighbours before (\x02) and after (\x03) the text are.
        self.unigrams = _Strings(
            lambda ch: (self.c[ch], self.c_1[ch], self.c1[ch], self.c_2[ch], self.c2[ch], _KIND[ch])
        )
        self.before_text = (None, self.c_1["\x02"], None, self.c_2["\x02"], None, "B")
        self.after_text = (None, None, self.c1["\x03"], None, self.c2["\x03"], "E")


EVERY = Tables()  # what training reads


def _mark(attrs: list[list[Any]], start: int, end: int, names: tuple[Any, ...]) -> None:
    """Where each character sits in a piece: ``names`` for single, begin, inside, end
    (None: left out)."""
    if end - start == 1:
        if names[0] is not None:
            attrs[start].append(names[0])
        return
    if names[1] is not None:
        attrs[start].append(names[1])
    inside = names[2]
    if inside is not None:
        for item in attrs[start + 1 : end - 1]:
            item.append(inside)
    if names[3] is not None:
        attrs[end - 1].append(names[3])


_KEEP = partial(filter, None)
_WORD_AND_TAG = operator.itemgetter(2, 3)
# A character's attribute as c, c-1, c+1, c-2, c+2, and its kind, in Tables.unigrams.
_AS = tuple(map(operator.itemgetter, range(5)))
_KIND_OF = operator.itemgetter(5)


def attributes(f: Features, tables: Tables = EVERY) -> list[list[bytes]]:
    """One list of attributes per character; with a model's tables, only those it
    knows, in the same order."""
    text = f.text
    n = len(text)
    padded = "\x02\x02" + text + "\x03\x03"
    before, after = tables.before_text, tables.after_text
    unigrams = [before, before, *map(tables.unigrams.__getitem__, text), after, after]
    kinds = "".join(map(_KIND_OF, unigrams))
    # Column by column (each string looked up in its table), then one list per character.
    pairs = list(map(operator.add, padded[1 : n + 2], padded[2 : n + 3]))  # padded[j-1:j+1]
    triples = map(
        operator.add, map(operator.add, kinds[1 : n + 1], kinds[2 : n + 2]), kinds[3 : n + 3]
    )
    c, c_1, c1, c_2, c2 = _AS
    columns = zip(
        map(c, unigrams[2 : n + 2]),
        map(c_1, unigrams[1 : n + 1]),
        map(c1, unigrams[3 : n + 3]),
        map(c_2, unigrams[:n]),
        map(c2, unigrams[4:]),
        map(tables.b_.__getitem__, pairs[:n]),
        map(tables.b1.__getitem__, pairs[1:]),
        map(tables.k3.__getitem__, triples),
        strict=True,
    )
    # A model's tables say None for what it does not know: left out.
    attrs: list[list[Any]] = list(map(list, map(_KEEP, columns) if tables.filtered else columns))
    tokens = [t for t in f.tokens if 0 <= t[0] < t[1] <= n]
    last = len(tokens) - 1
    words, firsts, middles, lasts = tables.w, tables.first, tables.middle, tables.last
    befores = list(map(tables.before.__getitem__, map(_WORD_AND_TAG, tokens)))
    afters = list(map(tables.after.__getitem__, map(_WORD_AND_TAG, tokens)))
    for k, (start, end, word, tag) in enumerate(tokens):
        t = tag or "x"
        length = end - start
        w = words[word] if length <= 6 else None
        first = attrs[start]
        # In the order of: where the character sits in the word, in a word of that
        # tag; the word's length (first character); the word; the previous word and
        # tag (first character); the next word and tag (last character).
        first += firsts[t][length if length < 5 else 5]
        if w is not None:
            first.append(w)
        if k > 0:
            first += befores[k - 1]
        if length > 1:
            if length > 2:
                middle = middles[t] if w is None else (*middles[t], w)
                for item in attrs[start + 1 : end - 1]:
                    item += middle
            final = attrs[end - 1]
            final += lasts[t]
            if w is not None:
                final.append(w)
        else:
            final = first
        if k < last:
            final += afters[k + 1]
    for start, ends in f.lattice.items():
        for end, kind in ends:
            if 0 <= start < end <= n:
                _mark(attrs, start, end, tables.lattice[kind])
    for cand in f.candidates:
        if 0 <= cand.start < cand.end <= n:
            # By label only: weights per origin overfit a few hundred articles.
            _mark(attrs, cand.start, cand.end, tables.proposed[cand.label])
    for cand in f.chosen:
        if 0 <= cand.start < cand.end <= n:
            _mark(attrs, cand.start, cand.end, tables.chosen[cand.label])
    for start, end, label, confidence in f.prior:
        if 0 <= start < end <= n:
            _mark(attrs, start, end, tables.prior[label])
            _mark(attrs, start, end, tables.prior[f"{label}{min(int(confidence * 5), 4)}"])
    return attrs


def known_attributes(data: bytes) -> frozenset[bytes] | None:
    """Every attribute a crfsuite model (its file's bytes) has a weight for, read from
    the model's attribute dictionary (a CQDB: a table of record offsets by id, each
    record its id, its length and the attribute ending in NUL); None if the bytes are not
    laid out so (then tagging passes every attribute)."""
    try:
        magic, _size, kind, _version = struct.unpack_from("<4sI4sI", data, 0)
        count, offset = struct.unpack_from("<I8xI", data, 24)
        db_magic, _, _, _, ids, backward = struct.unpack_from("<4s5I", data, offset)
        if (magic, kind, db_magic) != (b"lCRF", b"FOMC", b"CQDB") or ids != count:
            return None
        known = []
        for i, at in enumerate(struct.unpack_from(f"<{ids}I", data, offset + backward)):
            record, size = struct.unpack_from("<II", data, offset + at)
            start = offset + at + 8
            if record != i or size < 1 or data[start + size - 1] != 0:
                return None
            known.append(data[start : start + size - 1])
    except struct.error:
        return None
    return frozenset(known)
