"""A character model of Chinese personal names, trained from the lexicons.

For a string that starts with a surname, compare how likely its characters are as a
name (from the ~40,000 Chinese names of the person lexicon) with how likely they are
as ordinary words (from jieba's dictionary, weighted by frequency). Names jieba does
not know, or cuts in two (廖/剑锋, 汪明/新), are found where the ratio is high.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from annotator.core.resources import read_text
from annotator.core.suggest import vocab
from annotator.core.suggest.base import PRIORITY, Candidate, Token
from annotator.core.suggest.lexicon import (
    AFTER_GIVEN,
    GLUED_AFTER_NAME,
    PLACE_ENDS_NOT_NAMES,
    SURNAMES,
    after_count,
)

# How much more likely than ordinary words a string must be to be called a name
# (natural log). Set on the lexicons alone: trained without 3,000 of the names, the
# model keeps 71% of them at 3.0 while passing 1.1% of 20,000 dictionary words that
# start with a surname character (at 2.0: 83% and 3.2%). No evaluation set was used.
THRESHOLD = 3.0
# Sure enough to outweigh a place the name holds (陈 + 东晓): at 6.0 the same held-out
# test keeps 12.9% of the names and passes 0.08% of the dictionary words.
SURE = 6.0
_GIVEN_MIN = 1e-6
_FUNCTION_TAGS = frozenset({"c", "p"})
# Verbs of saying after a name make it sure enough to outweigh a word inside it (吴高盛认为).
_SAYS = re.compile(vocab.alternation("saying_verbs"))


def _log_share(counts: Mapping[str, float]) -> dict[str, float]:
    total = sum(counts.values()) or 1.0
    return {ch: math.log(n / total) for ch, n in counts.items()}


@dataclass(frozen=True)
class NameModel:
    surname: dict[str, float]
    given: dict[str, float]
    background: dict[str, float]
    floor: float

    @classmethod
    def train(cls, names: Iterable[str], words: Iterable[tuple[str, int]]) -> NameModel:
        first: Counter[str] = Counter()
        given: Counter[str] = Counter()
        for name in names:
            if 2 <= len(name) <= 3 and name[0] in SURNAMES:
                first[name[0]] += 1
                given.update(name[1:])
        background: dict[str, float] = {}
        for word, freq in words:
            weight = math.log1p(freq)
            for ch in word:
                background[ch] = background.get(ch, 0.0) + weight
        bg_total = sum(background.values()) or 1.0
        return cls(
            _log_share(first), _log_share(given), _log_share(background), math.log(0.5 / bg_total)
        )

    def to_json(self) -> str:
        tables = {"surname": self.surname, "given": self.given, "background": self.background}
        rounded = {k: {ch: round(v, 3) for ch, v in t.items()} for k, t in tables.items()}
        return json.dumps(
            {**rounded, "floor": round(self.floor, 3)}, ensure_ascii=False, sort_keys=True
        )

    @classmethod
    def from_json(cls, data: str) -> NameModel:
        obj = json.loads(data)
        return cls(obj["surname"], obj["given"], obj["background"], obj["floor"])

    @classmethod
    @lru_cache(maxsize=1)
    def shipped(cls) -> NameModel:
        """The model built by resources/lexicons/build_lexicons.py."""
        return cls.from_json(read_text("lexicons", "name_model.json"))

    def score(self, text: str) -> float:
        """Log-likelihood ratio: name versus ordinary words."""
        if text[0] not in self.surname:
            return -math.inf
        name = self.surname[text[0]] + sum(
            self.given.get(ch, math.log(_GIVEN_MIN)) for ch in text[1:]
        )
        plain = sum(self.background.get(ch, self.floor) for ch in text)
        return name - plain


def _name_piece(tag: str | None) -> bool:
    """Can a one-character word with this tag be a given name's last character (丁/nr,
    芬/ng), rather than a preposition or verb after the name (以/p, 叫/v)?"""
    return tag is not None and tag.startswith(("n", "zg", "ag"))


class NameSuggester:
    """Proposes names where the character model is confident and the words allow it."""

    name = "names"

    def __init__(
        self, model: NameModel, known_words: set[str], places: set[str] | None = None
    ) -> None:
        self.model = model
        self.known = known_words
        self.places = places or set()

    def propose(self, text: str, tokens: Sequence[Token]) -> list[Candidate]:
        if not tokens:
            return []
        edges = {t[0] for t in tokens} | {t[1] for t in tokens}
        # The HMM glues a name's last character to the word after it (赵东|芬是): where a
        # word it made up has a verb or particle after its first character, a name may end.
        edges |= {
            t[0] + 1
            for t in tokens
            if t[3] is None and len(t[2]) == 2 and t[2][1] in GLUED_AFTER_NAME
        }
        lone = {t[0]: t[3] or "" for t in tokens if t[1] - t[0] == 1}  # one-character words
        out = []
        for k, (start, word_end, word, tag) in enumerate(tokens):
            if text[start] not in SURNAMES:
                continue
            # Right after a title a name needs less evidence: 局长钟立群上任以后.
            after_title = k > 0 and tokens[k - 1][3] == "nnt"
            floor = 0.0 if after_title else THRESHOLD
            # A name jieba missed starts as a lone surname (廖/剑锋), a made-up word
            # (汪明/新) or a name-tagged piece (黄俊/亮); ordinary words are skipped.
            if len(word) > 1 and tag is not None and not tag.startswith(("nr", "nz")):
                continue
            if tag in _FUNCTION_TAGS:
                continue  # 和, 于: a conjunction or preposition before a word (总统和朋友们)
            if after_count(text, start):
                continue  # 这3张, 这段: a classifier, not a surname
            best = None
            for length in (3, 2):
                end = start + length
                piece = text[start:end]
                if (
                    end not in edges
                    or len(piece) < length
                    or not all("\u4e00" <= c <= "\u9fff" for c in piece)
                ):
                    continue
                if piece in self.known and piece != word:
                    continue  # a dictionary word of its own, not a name
                if piece[:2] in self.places:
                    continue  # a place and a suffix (黄河源), not a surname and a name
                if length == 3 and AFTER_GIVEN.match(piece, 2):
                    continue  # 刘斌和: a name and the word after it
                if piece[-1] in PLACE_ENDS_NOT_NAMES or (
                    text[end : end + 1] in PLACE_ENDS_NOT_NAMES and end + 1 in edges
                ):
                    continue  # 李湾村, 吴家|窖: a place named after a family, not a person
                score = self.model.score(piece)
                if score >= floor and (best is None or score > best[0]):
                    best = (score, end)
                if best is not None and length == 3 and _name_piece(lone.get(end - 1)):
                    break  # a name of three characters is likelier than one of two: 黄文|丁
            if best is not None and (
                text[start : best[1]] not in self.known
                # jieba's "other proper noun" a name by the model's sure verdict: 刘彦彬
                or (tag == "nz" and best[1] == word_end and best[0] >= SURE)
            ):
                # A name the model is sure of outweighs a place inside it (陈 + 东晓).
                sure = best[0] >= SURE or after_title or bool(_SAYS.match(text, best[1]))
                priority = PRIORITY["loc"] + 1 if sure else PRIORITY["tagger"] + 2
                out.append(
                    Candidate(start, best[1], "PER", "model:name", priority, 0.7 if sure else 0.5)
                )
        return out
