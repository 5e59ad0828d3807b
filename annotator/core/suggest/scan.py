"""Names that end in a telling word (…大会, …产业园, …委员会): scan back from the word
to the edge of the name, over the words that can be inside a name.

Shared by the components whose names end so (events, facilities, programmes,
organisations). Each ending costs at most ``limit`` characters of scanning: linear in
the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from annotator.core.suggest import segment, vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Token

# Characters and words that end a backward scan for a name: they cannot be inside it.
_FUNCTION_SET = vocab.words("name_breaking_words")

_POINTING = vocab.chars("demonstratives")

_MEETING_TOPICS = vocab.words("meeting_topics")

_MOTION_ENDS = vocab.chars("motion_verb_ends")

_GLUED_PREPOSITIONS = vocab.chars("glued_prepositions")

# Word classes that cannot be inside a name (verbs, adverbs, prepositions, conjunctions,
# particles, pronouns): a backward scan for a name's start stops at them.
_BREAK_TAGS = ("v", "d", "p", "c", "u", "r", "y", "e", "o", "z", "t", "l", "i")

# Words jieba tags as times that are no time inside a name (青年 + 音乐节).
_LIFE_STAGES = vocab.words("life_stages")

_NUMERALS = vocab.chars("numerals")
# Sizes a number counts things by, as a measure word does (五 + 大: 五大 + 产业园区 are
# five of a kind); jieba does not know such a word, or calls it an abbreviation.
_SIZES = vocab.chars("counted_sizes")


def counts(token: Token) -> bool:
    """Is this word a count (两条, 第三座, 12, 三大)? Not a place named by a number and a
    measure word (八所)."""
    word, tag = token[2], token[3]
    if tag in ("m", "q", "mq") or word.isdigit():
        return True
    return tag in (None, "j") and len(word) == 2 and word[0] in _NUMERALS and word[1] in _SIZES


def names_one(words: Iterable[Token]) -> bool:
    """Does a word here name a place, a person or an organisation (jieba's ns, nr, nt)?
    What is counted (三大, 两座, 一条) is a kind, unless a name makes it one's own."""
    return any((t[3] or "").startswith(("nr", "ns", "nt")) for t in words)


def _breaks(token: Token) -> bool:
    """Can this word not be part of a name?"""
    word, tag = token[2], token[3]
    if word in _FUNCTION_SET or not any(ch.isalnum() for ch in word):
        return True  # function words, punctuation, symbols (▲), spaces
    return (
        tag is not None
        and word not in _LIFE_STAGES
        and tag.startswith(_BREAK_TAGS)
        and not tag.startswith(("vn", "nr", "ns", "nt", "nz"))
    )


def _name_start(
    text: str,
    tokens: Sequence[Token],
    starts: list[int],
    at: int,
    limit: int,
    meetings: bool = False,
) -> int:
    """Start of the name whose telling ending begins at ``at``.

    Walks back word by word while the words can be part of a name (nouns, names,
    numbers and measure words, words jieba does not know), stopping at punctuation, a
    function word or a verb: 在全县秋粮收购推进大会 -> 全县秋粮收购推进大会. A join
    between two places stays inside (某市——某县 + 对口帮扶 + 联席会议); with ``meetings``, one
    between any two nouns too (数字经济 与 实体经济 + 融合发展 + 论坛).
    """
    k = bisect_right(starts, at) - 1
    start = tokens[k][0] if k >= 0 else at
    if (
        k >= 0
        and start < at
        and (_breaks(tokens[k]) or tokens[k][2][: at - start] in _FUNCTION_SET)
    ):
        return at  # the ending is glued to a verb (主持会议): no name before it
    j = k - 1
    while j >= 0 and at - tokens[j][0] <= limit:
        if _breaks(tokens[j]) and not _inside_compound(tokens, j, meetings):
            before = _pair(tokens, j, _NOUNISH if meetings else ("ns",))
            if before < 0:
                break
            j = before  # 某市——某县 + 对口帮扶 + 联席会议: the pair is in the name
            continue
        start = tokens[j][0]
        j -= 1
    return start


_PAIR_JOINS = vocab.words("place_pair_joins")


def _pair(tokens: Sequence[Token], j: int, tags: tuple[str, ...]) -> int:
    """Where a join at word ``j`` (a dash, 与) sits between two words of ``tags`` (two
    places: ``("ns",)``), the index of the word before it; else -1."""
    if tokens[j][2] not in _PAIR_JOINS or j + 1 >= len(tokens):
        return -1
    i = j
    while i >= 0 and tokens[i][2] in _PAIR_JOINS:
        i -= 1
    if i < 0:
        return -1
    if (tokens[i][3] or "").startswith(tags) and (tokens[j + 1][3] or "").startswith(tags):
        return i
    return -1


_NOUNISH = ("n", "vn", "nz", "ns", "nt", "nr", "nis", "j")


def _nominal_phrase(word: str) -> bool:
    """Is a set phrase of jieba's (tag l) a noun and a noun (经贸|合作), not a verb's
    phrase (隆重|举行, 高度|重视)?"""
    if len(word) != 4:
        return False
    tags = segment.dictionary().common_tags
    first, second = tags.get(word[:2]) or "", tags.get(word[2:]) or ""
    return first.startswith("n") and second.startswith(("n", "vn"))


def _inside_compound(tokens: Sequence[Token], j: int, meetings: bool = False) -> bool:
    """A verb, or a set phrase of nouns, between two nouns is part of a compound name
    (农机维修产业园, 某地 + 经贸合作/l + 洽谈会), not a predicate (在…举行, 某市 +
    隆重举行/l + …): the words on both sides must be nouns or unknown words."""
    word, tag = tokens[j][2], tokens[j][3]
    if tag is not None and tag.startswith("l") and _nominal_phrase(word):
        tag = "vn"
    if tag is None or not tag.startswith("v") or j == 0:
        return False
    # A meeting's name holds the work it is about: 典型村 + 建设 + 工作推进会 (GUIDELINES).
    if word in _FUNCTION_SET and not (meetings and word in _MEETING_TOPICS):
        return False
    if len(word) > 1 and word[-1] in _MOTION_ENDS:
        return False  # a verb that moves something somewhere takes it as its object: 驶入
    if j + 1 >= len(tokens):
        return False
    return all(
        (t[3] is None and t[2][:1].isalnum()) or (t[3] or "").startswith(_NOUNISH)
        for t in (tokens[j - 1], tokens[j + 1])
    )


def _dictionary_word_ends(analysis: Analysis) -> dict[int, int]:
    return {t[0]: t[1] for t in analysis.tokens if t[3] is not None}


def _names_to(analysis: Analysis) -> dict[int, int]:
    """Where each place or organisation the lexicon knows starts: its furthest end."""
    out: dict[int, int] = {}
    for start, ends in analysis.lattice.items():
        for end, kind in ends:
            if kind in ("LOC", "ORG") and end > out.get(start, 0):
                out[start] = end
    return out


def named_before(
    analysis: Analysis,
    endings: Sequence[tuple[int, int]],
    generic: frozenset[str],
    limit: int,
    kinds_lead: bool = False,
    meetings: bool = False,
) -> list[tuple[int, int]]:
    """Names that end in a telling word (each ``(start, end)`` of ``endings``): the
    words before it back to the name's edge, without leading numbers or generic words.
    With ``kinds_lead`` (facilities), nor words of kind before it (私营, 大型), nor anything
    up to a count or a pointing word in it (两条 + 高速, 这是 + 第三座 + 跨江大桥); and what
    is counted is a kind, no name, unless a name makes it one's own (:func:`names_one`). With
    ``meetings``, two nouns joined by 与 stay in the name (数字经济 与 实体经济 + 论坛), and a
    generic word right before the ending refers to a meeting instead of naming one."""
    tokens = analysis.tokens
    if not endings or not tokens:
        return []
    text = analysis.simplified
    starts = analysis.starts
    # An ending whose last characters begin the next word is none: 委员会|议长 holds no
    # 会议 (but 全会精神, one word from the ending's start, still ends in 全会).
    word_at = analysis.shared("dictionary_word_ends", _dictionary_word_ends)
    names_to = analysis.shared("names_to", _names_to)
    found = []
    for at, end in endings:
        if any(word_at.get(i, 0) > end for i in range(at + 1, end)) or names_to.get(at, 0) > end:
            continue  # nor one that begins a longer name: 码头 of 码头镇 (a town)
        start = _name_start(text, tokens, starts, at, limit, meetings)
        counted = False
        # Leading numbers and generic words are not part of the name (一批重点项目).
        while start < at:
            k = bisect_right(starts, start) - 1
            word = tokens[k][2] if k >= 0 else ""
            tag = tokens[k][3] if k >= 0 else None
            lead_generic = (
                word in generic
                or (tag in ("m", "q", "mq") and not word.startswith("第"))
                or (kinds_lead and tag == "b")  # a kind, not a name: 私营, 大型
            )
            if not lead_generic or tokens[k][1] > at:
                break
            counted = counted or counts(tokens[k])
            start = tokens[k][1]
        # A preposition the HMM glued to the name's first word is no part of it: 沿 +
        # 某某高速 (and the words before it none either).
        for k in analysis.words_within(start, at):
            if glued_preposition(tokens[k]):
                start = tokens[k][0] + 1
        if kinds_lead:
            # …and a facility's name starts after any count or pointing word in it:
            # 这是 + 全市 + 第三座 + 跨江大桥 is a kind of bridge.
            for k in analysis.words_within(start, at):
                if counts(tokens[k]) or tokens[k][2][0] in _POINTING:
                    start = tokens[k][1]
                    counted = counted or counts(tokens[k])
            if counted and not names_one(tokens[k] for k in analysis.words_within(start, at)):
                continue  # counted, so a kind: 两大 + 现代物流基地, 又一条 + 跨江通道
            start = _from_place(tokens, analysis.words_within(start, at), start)
        prefix = text[start:at]
        if len(prefix) < 2 or prefix in generic or text[start:end] in generic:
            continue
        if meetings and text[_word_start(analysis, at) : at] in generic:
            continue  # a meeting referred to, not named: 县 + 有关 + 会议, 本次 + 大会
        found.append((start, end))
    return found


def _from_place(tokens: Sequence[Token], within: range, start: int) -> int:
    """Where a facility's name starts when common words lead it up to a place: at the
    place (重点平台 + 某市 + 新能源产业园, 标杆型 + 某市 + 合作园区: the words before
    say what is done with it, or how good it is)."""
    for k in within:
        tag = tokens[k][3]
        if tag is None or tag.startswith(_PROPER):
            led = k != within.start and tag is not None and tag.startswith("ns")
            return tokens[k][0] if led else start
    return start


def glued_preposition(token: Token, shortest: int = 3) -> bool:
    """A word jieba does not know, of at least ``shortest`` characters, that a
    preposition begins, glued by its HMM to the name after it (沿 + 某某, 以 + 某某;
    with ``shortest`` 2, also 以 + 茶)."""
    word = token[2]
    return token[3] is None and len(word) >= shortest and word[0] in _GLUED_PREPOSITIONS


def _word_start(analysis: Analysis, at: int) -> int:
    """Where the word that ends at ``at`` (or holds ``at - 1``) starts."""
    k = analysis.word_at(at - 1) if at else -1
    return analysis.tokens[k][0] if k >= 0 else at


def named_by(
    analysis: Analysis,
    pattern: re.Pattern[str],
    generic: frozenset[str],
    limit: int,
    kinds_lead: bool = False,
    meetings: bool = False,
) -> list[tuple[int, int]]:
    """:func:`named_before` every match of ``pattern`` (the telling endings)."""
    endings = [m.span() for m in pattern.finditer(analysis.simplified)]
    return named_before(analysis, endings, generic, limit, kinds_lead, meetings)


_PROPER = ("nr", "ns", "nt", "nz", "j", "eng")


def kind_of(analysis: Analysis, start: int, end: int) -> bool:
    """Is ``start:end`` one common word and the telling word, a kind rather than a name
    (音乐 + 大赛, 关键 + 工程; not 江城 + 大赛, 第三届 + 大赛), or one word jieba knows
    of a common word and a two-character telling word (水利工程; not 秦岭隧道)?"""
    words = [analysis.tokens[k] for k in analysis.words_within(start, end)]
    if len(words) == 1:
        word, tag = words[0][2], words[0][3]
        tags = segment.dictionary().common_tags
        return (
            words[0][:2] == (start, end)
            and tag is not None
            and not tag.startswith(_PROPER)
            and not tags.get(word[:-2], "nr").startswith(_PROPER)
        )
    return (
        len(words) == 2
        and words[0][0] == start
        and words[1][1] == end
        and words[0][3] is not None
        and not words[0][3].startswith(_PROPER)
        and not counts(words[0])
    )
