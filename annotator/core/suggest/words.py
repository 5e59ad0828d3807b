"""jieba's words as names: which word deserves which label (PER, LOC, ORG).

jieba tags many words as people, places or organisations that are none (多云 and 文明
carry "nr", 美丽 "ns"); its guesses are believed only where the word's shape agrees.
Foreign names jieba cut into pieces are joined again. Built once per analysis
(:func:`labelled_words`); people, places and organisations each take their label.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from annotator.core.suggest import segment, vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.lexicon import place_and_kind
from annotator.core.suggest.names import (
    COMPOUND_SURNAMES,
    GLUED_AFTER_NAME,
    HAN_RUN,
    NAME_DOTS,
    PIECE_TAGS,
    PLACE_ENDS_NOT_NAMES,
    SURNAMES,
    after_count,
)
from annotator.core.suggest.names import (
    THRESHOLD as NAME_THRESHOLD,
)

_TAG_LABEL = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}

_PLACE_END = tuple(vocab.chars("place_levels"))

# Natural and built features that end places and almost never a given name (湖, 岛, 湾):
# a name jieba tags a person's that ends so is a place (某某湖).
_FEATURE_NOT_NAME = tuple(vocab.chars("place_ends") & PLACE_ENDS_NOT_NAMES)
_GLUED_PREPOSITIONS = vocab.chars("glued_prepositions")

# Endings of place names: divisions and natural or built features.
_FEATURE_END = tuple(vocab.chars("place_levels", "place_ends"))

# A foreign name does not end like a place or a people (米纳斯吉拉斯州, 巴伐利亚人), and one
# beside a dot is only part of a name (约翰·史密斯 is the lexicon suggester's).
_NOT_PERSON_END = (*_FEATURE_END, *vocab.ordered("not_person_ends"))

_KIND_OF_PLACE = vocab.ordered("kinds_of_place")

_CONJUNCTIONS = vocab.chars("conjunctions")

_GENERIC_ORG_START = vocab.ordered("generic_org_starts")

_DIRECTIONS = vocab.chars("directions")

_NUMERALS = vocab.chars("numerals")

_GENERIC_AREA = vocab.ordered("generic_areas")

# Second characters that make a surname-like pair a phrase, not a name (万人, 余人, 时竟).
_STRICT_AFTER_NAME = re.compile(vocab.alternation("saying_verbs", "sure_after_name"))

# Endings that make jieba's "organisation" guess believable (not 会 or 组织 alone:
# 音乐会, 党组织 are events and collectives).
_ORG_END = vocab.ordered("org_ends")
_NOT_ORG_END = vocab.ordered("not_org_ends")
# Kinds of event: one of these alone is no organisation, whatever it ends in (招商|会).
_EVENT_WORDS = vocab.words("event_ends")

_NAME_AFFIXES = vocab.ordered("name_affixes")

# One-character words after a foreign name that make it a place (库卡尔特 + 河), kinds of
# place that do before or after it (城市 + 哈斯科沃, 埃舍德 + 小镇).
_FOREIGN_PLACE_END = vocab.chars("place_levels", "foreign_place_ends")

_PLACE_KINDS = vocab.words("place_kinds")

_PLACE_KINDS_AFTER = vocab.words("place_kinds_after")

_NOT_NAME_PIECE_TAGS = ("p", "c", "u", "r", "m", "q", "f", "t")

_ADVERBS = vocab.chars("adverbs")

# Tags that can carry a name, directly or fused with an affix (邓小平理论 is n).
_MAYBE_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt", "n", "nz"})


def _chinese_name_shape(word: str) -> bool:
    if word[:2] in COMPOUND_SURNAMES:
        return 3 <= len(word) <= 4
    return 2 <= len(word) <= 3 and word[0] in SURNAMES


_FOREIGN_PLACE = ("jieba:foreign-place", "jieba:foreign-place", 0.8)


class Word(NamedTuple):
    """A labelled word: ``rule`` names its priority in the config (``jieba``,
    ``jieba:foreign``, ``jieba:foreign-place``)."""

    start: int
    end: int
    label: str
    origin: str
    rule: str
    confidence: float


def labelled_words(analysis: Analysis) -> list[Word]:
    """jieba's words that are names, with their labels; built once per analysis."""
    return analysis.shared("labelled_words", _label_words)


def _han(word: str) -> bool:
    return HAN_RUN.fullmatch(word) is not None


@lru_cache(maxsize=100_000)
def _label(word: str, tag: str | None, said_after: bool = False) -> str | None:
    """The label jieba's word deserves, if any, given whether what follows it is a verb
    of saying or the like (``_STRICT_AFTER_NAME``). Words recur: each answer is kept."""
    j = segment.dictionary()
    if not _han(word):
        return None
    if tag is None or _TAG_LABEL.get(tag) == "PER":
        if word in j.persons and word not in j.places:
            return "PER"
        if (
            (len(word) >= 3 or said_after)
            and word not in j.places
            and sum(ch not in j.foreign_chars for ch in word) <= (word in j.rare_long_names)
            and not word.endswith(_NOT_PERSON_END)
        ):
            # A transliterated name, however common (克林顿; 约翰说); one that jieba
            # knows as a name may hold one other character (基里|延|科).
            return "PER"
        if (
            tag is not None
            and len(word) == 3
            and word not in j.places
            and _chinese_name_shape(word)
            and j.name_model.score(word) >= NAME_THRESHOLD
        ):
            return "PER"  # a name jieba saw often is still a name (何鲁丽)
        if word in j.common or word in j.places:
            return "LOC" if word in j.places and tag is None else None
        # A word that ends in a division is a place, even in a name's shape: 称多县,
        # 万埠镇, 李湾村.
        if len(word) >= 3 and word.endswith(_PLACE_END) and not _generic_place(word):
            return "LOC"
        if (
            len(word) == 3
            and tag is not None
            and word.endswith(_FEATURE_NOT_NAME)
            and word[0] not in _GLUED_PREPOSITIONS
        ):
            return "LOC"  # not 于 + 某湾 (jieba's "nr" on old texts' phrases)
        # The characters must look like a name: strictly where jieba's noisy
        # dictionary says so (高增值, 玉兰树 are "nr" there), loosely where its HMM
        # made the word up. Two characters that merely start with a surname are
        # mostly phrases (强镇, 文旅): a verb of speech after them is needed.
        if (
            _chinese_name_shape(word)
            and word[-1] not in PLACE_ENDS_NOT_NAMES
            and j.name_model.score(word) >= (NAME_THRESHOLD if tag is not None else 0.0)
        ):
            return "PER" if len(word) == 3 or said_after else None
        return None
    label = _TAG_LABEL.get(tag)
    # jieba calls many words places (美丽, 南北, 播撒, 兴旺发达): believe it only for
    # a word that ends like a place or is written like a foreign name.
    # A division (阳新县, 朝阳区) is a place however often it is written.
    if (
        label == "LOC"
        and word not in j.places
        and not (len(word) >= 3 and word.endswith(_PLACE_END) and not _generic_place(word))
        and (
            word in j.common
            or not (
                (word.endswith(_FEATURE_END) and not _generic_place(word))
                or (len(word) >= 3 and j.foreign_chars.issuperset(word))
            )
        )
    ):
        return None
    if label == "ORG" and word not in j.places and not word.endswith(_ORG_END):
        return None  # and many phrases organisations (党组织, 中美关系)
    if label == "ORG" and word.endswith(_NOT_ORG_END):
        return None  # 新格局: a common word's ending
    if (
        label == "ORG"
        and (
            place_and_kind(word, j.places.__contains__)  # 美国公司: any American company
            or word.startswith(_GENERIC_ORG_START)  # 临时政府, 上市公司
            or "和" in word  # 党和政府
            or word in _EVENT_WORDS  # 招商会: an event
            or (word.endswith("部") and set(word[:-1]) <= _DIRECTIONS)  # 中南部
        )
    ):
        return None
    return label


def _generic_place(word: str) -> bool:
    """A kind of place rather than a place: 欧元区, 港口城市, 大城市, 中心镇, 百强县."""
    if word.endswith(_GENERIC_AREA):
        return True
    if word[0] in _PLACE_END or any(ch in _CONJUNCTIONS for ch in word):
        return True  # 省和市, 市县: levels, not a place
    if word.endswith(_KIND_OF_PLACE) and word[:-1] not in segment.dictionary().places:
        return True  # 大城市, 文明城市, 港口城市 (but 晋城 + 市 is a city)
    for head in (1, 2):
        stem = word[:-head]
        tag = segment.dictionary().common_tags.get(stem)
        if stem[:1] in _NUMERALS or (
            len(stem) >= 2
            and stem in segment.dictionary().common
            and tag is not None
            and not tag.startswith(("ns", "nr", "f"))  # 南岸区 is a district
        ):
            return True
    return False


@lru_cache(maxsize=2)
def _name_start(chars: frozenset[str]) -> re.Pattern[str]:
    """A class of the characters ``chars`` (the name characters: made once)."""
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _lone(word: str) -> str:
    return word if len(word) == 1 else ""


def _label_words(analysis: Analysis) -> list[Word]:
    out: list[Word] = []
    j = segment.dictionary()
    text = analysis.simplified
    tokens = analysis.tokens
    maybe = _MAYBE_TAGS
    at = analysis.by_start.get

    def word_from(offset: int) -> str:
        """The word that starts at ``offset``, or ''."""
        k = at(offset)
        return "" if k is None else tokens[k][2]

    for start, end, word, tag in tokens:
        if end - start < 2 or (tag is not None and tag not in maybe):
            continue  # verbs, adverbs, punctuation, single characters: never a name
        label = _label(word, tag, _STRICT_AFTER_NAME.match(text[end : end + 3]) is not None)
        if label == "PER" and (
            # A one-character word after it: 龙湾|屿 (an islet), not 王刚|市长.
            after_count(text, start) or _lone(word_from(end)) in PLACE_ENDS_NOT_NAMES
        ):
            continue  # 这两|张卫星: a classifier and a noun; 龙湾|屿: a place
        if label == "PER" and tag is None and len(word) == 3 and word[2] in GLUED_AFTER_NAME:
            end -= 1  # the HMM glued a verb or particle to a name: 周咏|是
        if label:
            out.append(Word(start, end, label, f"jieba:{tag or 'oov'}", "jieba", 0.5))
        elif word.endswith(_NAME_AFFIXES):
            # A known name fused with what follows it: 邓小平理论, 毛泽东思想.
            affix = next(a for a in _NAME_AFFIXES if word.endswith(a))
            if word[: -len(affix)] in j.persons:
                out.append(Word(start, end - len(affix), "PER", "jieba:name+", "jieba", 0.5))
    # A transliterated name jieba cut into pieces: 普里/马科夫, 特斯基/奇. A run
    # of words written in name characters, one of them surely foreign, the others
    # at least plausibly (name-like, unknown or one-character words).
    strict, loose = j.foreign_chars, j.name_chars
    runs: list[list[int]] = []  # [start, end, pieces, any piece surely foreign]
    places = j.places
    # Only words that start with a name character can be a piece (the others are
    # passed over below: they change no run).
    for k in analysis.words_at(_name_start(loose)):
        start, end, word, tag = tokens[k]
        # Any other word breaks a run, places too (美国/加利福尼亚), and so does a
        # place's level or feature (莱克伍德|县).
        if (
            not loose.issuperset(word)
            or word in places
            or word in _FOREIGN_PLACE_END
            or word in _PLACE_KINDS
        ):
            continue
        # (jieba tags everyday words places in context, 美丽, 海岛, 扎根: they name no one.)
        named = (
            tag is None
            or tag.startswith("nr")
            or (tag.startswith(("ns", "j")) and word not in j.common)
        )
        sure = named and strict.issuperset(word)
        # A last character in sure name characters that jieba read as some other
        # word, right after a surely foreign piece: 亚罗|约, 萨莫拉|诺, 伊拉|拉.
        tail = (
            len(word) == 1
            and word in strict
            and bool(runs)
            and runs[-1][1] == start
            and bool(runs[-1][3])
            and not (tag or "").startswith(_NOT_NAME_PIECE_TAGS)
            and word not in _ADVERBS
            and not text[end : end + 1].isdigit()
        )
        if named or tail or (len(word) == 1 and tag in PIECE_TAGS):
            if runs and runs[-1][1] == start:
                runs[-1][1] = end
                runs[-1][2] += 1
                runs[-1][3] |= sure
            else:
                runs.append([start, end, 1, int(sure)])
    for start, end, pieces, surely in runs:
        # A foreign name with a place's level or feature after it, or a kind of
        # place before it, is a place: 莱克伍德|县, 库卡尔特|河, 城市|哈斯科沃.
        if end - start >= 2 and (surely or end - start >= 3):
            after = word_from(end)
            if after in _FOREIGN_PLACE_END:
                out.append(Word(start, end + 1, "LOC", *_FOREIGN_PLACE))
                continue
            first = at(start)  # the words are contiguous: the one before ends at start
            before = tokens[first - 1][2] if first else None
            if before in _PLACE_KINDS or after in _PLACE_KINDS_AFTER:
                out.append(Word(start, end, "LOC", *_FOREIGN_PLACE))
                continue
        if (
            surely
            and pieces >= 2
            and end - start >= 3
            and not text.endswith(_NOT_PERSON_END, start, end)
            and text[start - 1 : start] not in NAME_DOTS
            and text[end : end + 1] not in NAME_DOTS
        ):
            out.append(Word(start, end, "PER", "jieba:foreign", "jieba:foreign", 0.4))
    return out
