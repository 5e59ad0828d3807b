"""Chinese and foreign personal names: their shape, and a character model of them.

The model: for a string that starts with a surname, compare how likely its characters
are as a name (from the ~40,000 Chinese names of the person lexicon) with how likely
they are as ordinary words (from jieba's dictionary, weighted by frequency). Names jieba
does not know, or cuts in two, are found where the ratio is high.
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
from annotator.core.suggest.base import Token
from annotator.core.suggest.cache import cached
from annotator.core.suggest.lexicon import lexicon_rows, load_lexicon

# How much more likely than ordinary words a string must be to be called a name
# (natural log). Set on the lexicons alone: trained without 3,000 of the names, the
# model keeps 71% of them at 3.0 while passing 1.1% of 20,000 dictionary words that
# start with a surname character (at 2.0: 83% and 3.2%). No evaluation set was used.
THRESHOLD = 3.0

# Sure enough to outweigh a place the name holds (陈 + 东晓): at 6.0 the same held-out
# test keeps 12.9% of the names and passes 0.08% of the dictionary words.
SURE = 6.0

_GIVEN_MIN = 1e-6


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


# Common surnames (single and compound), for names written right after a title. Every
# character that begins 30 or more of the three-character names of the person lexicon is
# here (洪, 傅, 赖 were added by that check).
SURNAMES = vocab.chars("surnames")

COMPOUND_SURNAMES = vocab.ordered("compound_surnames")

# What joins the parts of a foreign name: 约翰·史密斯, 约翰—格伦.
# Tags of one-character pieces of a foreign name jieba cut apart (特斯基/奇, 弗兰克/林).
PIECE_TAGS = frozenset({"ag", "zg", "n", "nr", "ng"})

NAME_DOTS = tuple(vocab.entries("name_dots")[0])
SURE_DOTS = frozenset(NAME_DOTS[:-1])  # a dash joins names less surely: 土地———祖国
# Tags of function words: never a piece of a foreign name beside a dot.
_FUNCTION_TAGS = ("f", "r", "t", "p", "c", "u", "q")

_AFTER_NAME = re.compile(
    "["
    + re.escape("".join(sorted(vocab.chars("pauses"))))
    + r"\s]|"
    + vocab.alternation("saying_verbs", "after_name")
    + "|$"
)

# Words of address after a name: 林一夫先生, 玛丽娜女士, 查尔斯王子.
HONORIFICS = vocab.words("honorifics")

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")

# What follows a name and cannot end a two-character given name: 李宾说, 黄斌和, 王强都.
_AFTER_GIVEN = re.compile(vocab.alternation("saying_verbs", "sure_after_name", "glued_after_name"))
# A conjunction right before a pause joins nothing: there it ends a name (…、梁昌和，).
_JOINING_NOTHING = re.compile(
    vocab.char_class("conjunctions") + "[" + re.escape("".join(sorted(vocab.chars("pauses")))) + "]"
)


def word_after_name(text: str, at: int) -> bool:
    """Does a word that follows names, and ends none, start at ``at`` (李宾|说, 黄斌|和
    张强)? Not a conjunction right before a pause: 、梁昌和， ends with the name."""
    return _AFTER_GIVEN.match(text, at) is not None and not _JOINING_NOTHING.match(text, at)


# Words of address glued to a surname: 郑先生, 陈小姐, 王某, 胡老. The person is the surname.
SURNAME_ADDRESS = re.compile(vocab.alternation("surname_address") + "$")

# Last characters of places and buildings that almost never end a given name: each ends
# at most 33 of the person lexicon's 40,000 Chinese names (村 33, 镇 30; 屿 4, 窖 0).
PLACE_ENDS_NOT_NAMES = vocab.chars("place_ends_not_names")

# Verbs and particles jieba's HMM glues to the name before them (周咏|是, 钱东|芬是).
GLUED_AFTER_NAME = vocab.chars("glued_after_name")

_COUNTING = vocab.chars("numerals", "demonstratives")

# A character writes foreign names where the context already says "a person" (right
# next to a title) when it is in this many of the person lexicon's transliterated and
# Japanese names: 若, 潘, 宾.
FOREIGN_CHAR_MIN_BY_TITLE = 3


@lru_cache(maxsize=1)
def _tables() -> dict[str, frozenset[str]]:
    return cached("names", _build_tables)


def _build_tables() -> dict[str, frozenset[str]]:
    counts: Counter[str] = Counter()
    for surface, kind, origin in lexicon_rows():
        if kind == "PER" and origin.endswith(("nrf", "nrj")):
            counts.update(surface)
    model = NameModel.shipped()
    total = sum(counts.values())
    places = {surface for surface, kind, _origin in lexicon_rows() if kind == "LOC"}
    japanese = {
        surface[:2]
        for surface, kind, origin in lexicon_rows()
        if kind == "PER" and origin.endswith("nrj") and len(surface) == 4
    }
    return {
        "foreign": frozenset(
            ch
            for ch, n in counts.items()
            if math.log(n / total) >= model.background.get(ch, model.floor)
        ),
        "by_title": frozenset(ch for ch, n in counts.items() if n >= FOREIGN_CHAR_MIN_BY_TITLE),
        "japanese": frozenset(japanese - places),
    }


def foreign_chars() -> frozenset[str]:
    """Characters that write foreign names, whatever the context: characters more likely
    in the lexicon's transliterated and Japanese names than in ordinary words (jieba's
    dictionary, as the name model weighs it): 斯, 尔, 科, 娃, not 国 or 会."""
    return _tables()["foreign"]


def name_chars() -> frozenset[str]:
    """Characters that write foreign names where the context already says "a person":
    every character in at least ``FOREIGN_CHAR_MIN_BY_TITLE`` of those names."""
    return _tables()["by_title"]


def japanese_surnames() -> frozenset[str]:
    """Two-character family names of the Japanese names of the person lexicon (桥本, 武村),
    except those that are places too (中山)."""
    return _tables()["japanese"]


def japanese_name_after(text: str, i: int) -> int | None:
    """End of a Japanese name at ``i``: a family name of two characters, a given name
    of two or three (武村正义, 桥本龙太郎), and what may follow a name."""
    if text[i : i + 2] not in japanese_surnames():
        return None
    for given in (3, 2):
        end = i + 2 + given
        given_name = text[i + 2 : end]
        if given == 3 and word_after_name(text, end - 1):
            continue  # 松本和夫说: a given name of two, then what he said
        if (
            len(given_name) == given
            and HAN_RUN.fullmatch(given_name)
            and _AFTER_NAME.match(text, end)
        ):
            return end
    return None


def after_count(text: str, i: int) -> bool:
    """Is ``i`` right after a number or a demonstrative, where a surname's character is
    a classifier (这两张卫星图, 这段新修的路)?"""
    return i > 0 and (text[i - 1].isdigit() or text[i - 1] in _COUNTING)


def name_after(text: str, i: int) -> int | None:
    """End of a Chinese personal name starting at ``i``, if one plausibly does."""
    if i < 0:
        return None
    if text[i : i + 2] in COMPOUND_SURNAMES:
        surname = 2
    elif i < len(text) and text[i] in SURNAMES:
        surname = 1
    else:
        return None
    for given in (2, 1):
        end = i + surname + given
        piece = text[i + surname : end]
        if len(piece) != given or not all("\u4e00" <= ch <= "\u9fff" for ch in piece):
            continue
        if given == 2 and word_after_name(text, end - 1):
            continue  # 李宾说: one given character, then what he said
        if _AFTER_NAME.match(text, end) or (
            given == 2 and _title_at(text, end) and piece not in load_lexicon().types
        ):
            return end
    return None


def _title_at(text: str, i: int) -> bool:
    """Does a title of the lexicon start at ``i`` (赵国钧 + 少将)?"""
    types = load_lexicon().types
    return any("TITLE" in types.get(text[i : i + n], ()) for n in (2, 3, 4))


def foreign_name_edge(
    tokens: Sequence[Token], k: int, step: int, dotted: bool = False
) -> int | None:
    """The far edge of a transliterated name whose first (``step`` 1) or last
    (``step`` -1) word is ``tokens[k]``: words of foreign-name characters that the
    lexicon does not know as places, joined by · (约翰·史密斯).

    Beside a dot (``dotted``) the name is sure, so its words may carry any tag but a
    function word's (塞/v·威廉姆斯, 马·莱|万多/m|夫斯基), and a word jieba knows as
    a name any character (汉斯·迪|尚德/nr)."""
    types = load_lexicon().types
    chars = name_chars()
    strict = foreign_chars()
    edge = None
    while 0 <= k < len(tokens):
        _start, _end, word, tag = tokens[k]
        if word in NAME_DOTS and edge is not None:
            k += step
            continue
        if (
            dotted
            and HAN_RUN.fullmatch(word)
            and not types.get(word)
            and not word.endswith("人")  # 荷兰人|维姆·…, 黑人|詹姆斯·…: a people
            and (
                (tag or "").startswith("nr")
                or (chars.issuperset(word) and not (tag or "").startswith(_FUNCTION_TAGS))
            )
            and (tag is not None or edge is None or strict.issuperset(word))
        ):
            edge = tokens[k][1] if step > 0 else tokens[k][0]
            k += step
            continue
        if (
            not word
            # A short place inside a name is a coincidence (哈|洛宁, 吉|德里); a name
            # does not start with one.
            or ("LOC" in types.get(word, ()) and (edge is None or len(word) > 2))
            or word.endswith("人")  # 荷兰人: a people, not a name
            or (
                tag is not None
                and not tag.startswith(("nr", "ns", "j"))
                and not (len(word) == 1 and tag in PIECE_TAGS)  # 弗兰克|林
            )
            or not chars.issuperset(word)
            # Past a first piece, a word jieba made up continues the name only in
            # sure name characters (客人|中有|玛丽·…: 中有 is no piece of it).
            or (tag is None and edge is not None and not strict.issuperset(word))
        ):
            if step > 0 and edge is not None and tag is None:
                # jieba's HMM glued the name's last character to the next word
                # (哈达|杰时, 马丁·|雷斯及): the name ends before that word.
                cut = next(
                    (
                        i
                        for i in range(len(word) - 1, 0, -1)
                        if chars.issuperset(word[:i])
                        and (_AFTER_NAME.match(word, i) or word_after_name(word, i))
                    ),
                    None,
                )
                if cut is not None:
                    edge = tokens[k][0] + cut
            break
        edge = tokens[k][1] if step > 0 else tokens[k][0]
        k += step
    return edge
