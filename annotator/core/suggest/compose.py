"""The lexicon's compositions: pieces the lexicon knows make the names it does not.

Lexicon matches and jieba's words (names it does not know, common nouns) are pieces;
they compose left to right by a small grammar:

    某某 + 市委             -> ORG    (place + body)
    区 + 纪委监委           -> ORG    (level + body)
    某某 + 市委 + 书记       -> TITLE  (prefix + title)
    某某县 + 某某镇          -> LOC    (place chain)

Places, organisations, titles and programmes all read the same composition, built once
per analysis (:func:`composition`). Each start reads at most ``_MAX_PIECES`` pieces, so
the whole is linear in the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.suggest import segment, vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.fitting import fits_words
from annotator.core.suggest.lexicon import LEVEL_CHARS, Lattice
from annotator.core.suggest.names import HAN_RUN, SURNAMES

# State machine over typed pieces. Final states give the label of what was read.
_TRANSITIONS: dict[str, dict[str, str]] = {
    "S": {
        "LOC": "P",
        "ORG": "O",
        "BODY": "B0",
        "TITLE": "T",
        "LEVEL": "L",
        "VICE": "V",
        "NAME": "N",
        "POLICY": "PO",
        "CAMPAIGN": "C",
        "NT": "NT",
    },
    # An organisation jieba knows, which counts here only with a body of its own after
    # it (its own words are the tagger's to judge).
    "NT": {"BODY": "B"},
    "C": {"LOC": "CL"},  # 绿美 + 鹤山: a place's own campaign
    "CL": {},
    "PO": {},
    # An unknown name before a body, maybe with common nouns between: 松下 + 公司,
    # 柳州 + 铝 + 厂.
    "N": {"BODY": "B", "TYPE": "B", "NAME": "N", "NOUN": "M"},
    # Common nouns between a place or organisation and its body: 广州 + 八十 + 中学,
    # 德国 + 雇主 + 协会, 柳州 + 铁路 + 分局.
    "M": {"NOUN": "M2", "BODY": "B", "TYPE": "B", "TITLE": "T"},
    "M2": {"BODY": "B", "TYPE": "B", "TITLE": "T"},
    "P": {
        "LOC": "P",
        "ORG": "O",
        "BODY": "B",
        "TITLE": "T",
        "LEVEL": "PL",
        "VICE": "V",
        "NOUN": "M",
        "NAME": "N",
        "FEATURE": "P",  # 朝鲜 + 半岛, 台湾 + 海峡
        "ORDINAL": "D",
    },
    "L": {"BODY": "B", "TITLE": "T", "VICE": "V", "ORG": "O", "ORDINAL": "D", "LOC": "LP"},
    # A level, then a place that names its office, then the office or its post: 市 +
    # 大湾区 + 办公室主任 (the city's office for the bay area). Never a place alone.
    "LP": {"BODY": "B", "TITLE": "T", "VICE": "V", "ORG": "O"},
    # An ordinal numbers one of a level's or a place's bodies: 市 + 第一 + 人民医院,
    # 某县 + 第二 + 中学.
    "D": {"BODY": "B", "NOUN": "M2"},
    # A place with its level written out is still that place, and may go on to the
    # next one of a chain: 如东 + 县, 龙川 + 县 + 黄石 + 镇.
    "PL": {"BODY": "B", "TITLE": "T", "VICE": "V", "ORG": "O", "LOC": "P", "ORDINAL": "D"},
    "O": {
        "ORG": "O",  # an organisation within another: 联合国 + 安理会, 共青团 + 韶关市委
        "BODY": "B",
        "TYPE": "B",
        "TITLE": "T",
        "VICE": "V",
        "LOC": "Q",
        "LEVEL": "L",
        "NOUN": "M",
        "ORDINAL": "D",  # 某大学 + 第一 + 附属医院
    },
    "B0": {"BODY": "B", "ORG": "O", "TITLE": "T", "VICE": "V", "LEVEL": "L"},
    # A bare body that names itself (市委, 人大: GUIDELINES), which its units may follow.
    "BS": {"BODY": "B", "ORG": "O", "TITLE": "T", "VICE": "V", "LEVEL": "L", "NOUN": "M"},
    "B": {
        "NOUN": "M",
        "BODY": "B",
        "TYPE": "B",
        "ORG": "O",
        "TITLE": "T",
        "VICE": "V",
        "LOC": "Q",
        "LEVEL": "L",
        "ORDINAL": "D",  # 某医科大学 + 第三 + 附属医院
    },
    "Q": {"LOC": "Q", "BODY": "B", "LEVEL": "L", "ORG": "O"},  # place inside an org name
    "V": {"TITLE": "T", "VICE": "V"},  # 特约 + 副 + 主编
    "T": {"TITLE": "T"},
}

# After a body, a piece that starts with a level names a body of its own (GUIDELINES:
# 市委 and 市政府 are two ORGs, written together or not).
_BODY_STATES = frozenset({"B", "BS"})
_LEVELLED = frozenset({"BODY", "LEVEL"})

_FINAL = {
    "P": "LOC",
    "PL": "LOC",
    "O": "ORG",
    "B": "ORG",
    "BS": "ORG",
    "T": "TITLE",
    "PO": "POLICY",
    "CL": "POLICY",
}

_NAME_TAGS = frozenset({"nz", "nrt", "nrf", "nrfg", "nr", "j", "eng"})

_NOUN_TAGS = frozenset({"n", "vn", "b", "m"})

# Bodies that name themselves without a place: GUIDELINES' 市委 rule, nationally.
SOLE_BODIES = vocab.words("sole_bodies")

_MAX_PIECES = 8

# Bodies whose head titles itself with 长: 部长, 局长, 厅长, 署长.
_TITLE_HEADS = vocab.chars("title_heads")

# A word the lexicon knows only as a stop word.
_STOP_ONLY = ["STOP"]

_GROUP_WORDS = vocab.words("group_words")

# One-character words for a unit inside an organisation: 影视 + 部, 社会学 + 系, 宣教 + 科.
_UNIT_CHARS = vocab.chars("unit_chars")

# (A numeral that is a surname too may start one: 万.)
_NOT_NAME_START = vocab.chars("demonstratives", "function_chars", "pronouns") | (
    vocab.chars("numerals") - SURNAMES
)

_FUNCTION_CHARS = vocab.chars("function_chars")

_LOCATIVES = vocab.chars("locatives")


def _locative(word: str) -> bool:
    """A level and a position (镇内 within the town, 村里), which jieba may call a place:
    no name of a body (镇内 + 商会 is any chamber of commerce in the town)."""
    return len(word) == 2 and word[0] in LEVEL_CHARS and word[1] in _LOCATIVES


# A count of things is no part of a name: 顺德 + 一个 + 招待所, 河内 + 一家 + 报社.
_CLASSIFIERS = vocab.chars("classifiers")

# An ordinal: 第 and a number (第一, 第八十, 第3).
_NUMBER_CHARS = vocab.chars("numerals") | set("0123456789")


@dataclass
class Composition:
    """``pieces``: the lattice with jieba's words as pieces too. ``names``: the longest
    name of each label the grammar reads from each start, as ``(start, end, label)``."""

    pieces: Lattice
    names: list[tuple[int, int, str]]


def composition(analysis: Analysis) -> Composition:
    """The composition of ``analysis``, built once."""
    return analysis.shared("composition", _build)


def _compose(text: str, lattice: Lattice, starts: Iterable[int]) -> list[tuple[int, int, str]]:
    """Read the longest name of each label from every start the grammar allows."""
    out: list[tuple[int, int, str]] = []
    pieces_at = lattice.get
    transitions, final, opening = _TRANSITIONS, _FINAL, _TRANSITIONS["S"]
    for start in starts:
        pieces = pieces_at(start, ())
        if not any(kind in opening for _end, kind in pieces):
            continue  # no name begins here: most starts
        best: dict[str, int] = {}
        stack: list[tuple[int, str, int]] = [(start, "S", 0)]
        while stack:
            pos, state, depth = stack.pop()
            if depth >= _MAX_PIECES:
                continue
            moves = transitions[state]
            for end, kind in pieces_at(pos, ()):
                nxt = moves.get(kind)
                if nxt is None:
                    continue
                if state in _BODY_STATES and kind in _LEVELLED and text[pos] in LEVEL_CHARS:
                    continue  # a body after a body, by its level, is another: 市委 + 市政府
                if nxt == "PL" and end - pos > 1:
                    nxt = "L"  # 美国 + 国家 is no place; 如东 + 县 is

                if nxt == "B0" and (text[start] in LEVEL_CHARS or text[start:end] in SOLE_BODIES):
                    nxt = "BS"  # 市委, 县政府, 国会: a body that names itself
                label = final.get(nxt)
                if label and end > best.get(label, 0):
                    best[label] = end
                stack.append((end, nxt, depth + 1))
        if not best:
            continue
        # A title that is only the start of a body word is not one (委员 in 委员会).
        if "TITLE" in best:
            body_end = max((e for e, k in pieces if k == "BODY"), default=0)
            if best["TITLE"] < body_end:
                del best["TITLE"]
        out += [(start, end, label) for label, end in best.items()]
    return out


def _titled_at(lattice: Lattice, at: int) -> bool:
    """Does a title (or a modifier of one, 常务) start at ``at``?"""
    return any(kind in ("TITLE", "VICE") for _end, kind in lattice.get(at, ()))


def _build(analysis: Analysis) -> Composition:
    text = analysis.simplified
    tokens = analysis.tokens
    common = segment.dictionary().common
    matched = analysis.lattice
    lattice: Lattice = defaultdict(list, {s: list(e) for s, e in matched.items()})
    starts = set(lattice)  # common nouns (below) never begin a name
    # Where the lexicon's body words and titles end, and where its places end.
    headed_ends: set[int] = set()
    org_ends: set[int] = set()
    place_ends: list[int] = []
    for piece_start, ends in lattice.items():
        for stop, kind in ends:
            if kind in ("BODY", "TITLE", "ORG"):
                headed_ends.add(stop)
                if kind == "ORG" or text[piece_start:stop] in SOLE_BODIES:
                    org_ends.add(stop)
            elif kind == "LOC":
                place_ends.append(stop)
    noun_ends: dict[int, int] = {}  # end -> start of each common noun
    for k, (t_start, t_end, word, tag) in enumerate(tokens):
        if (
            word in _UNIT_CHARS
            and t_start in noun_ends
            and ((tag or "").startswith("n") or _titled_at(matched, t_end))
        ):
            # A unit of an organisation, named by its field: 日报社 + 影视|部; an
            # office jieba took for a verb, before its post: 改革 + 办 + 副主任.
            lattice[t_start].append((t_end, "BODY"))
            if _titled_at(matched, t_end):
                # …which, with its field, is the body a post is of: 改革办 + 副主任.
                lattice[noun_ends[t_start]].append((t_end, "BODY"))
                starts.add(noun_ends[t_start])
            continue
        if (
            word in _GROUP_WORDS
            and noun_ends.get(t_start, t_start) in org_ends
            and not (
                word == "组织"  # also a verb
                and k + 1 < len(tokens)
                and (tokens[k + 1][3] or "").startswith("v")
            )
        ):
            # A group an organisation forms, maybe of something: 欧佩克 + 组织, 海军 +
            # 舰艇 + 编队 (not 基金会 + 组织 + 实施: a verb).
            lattice[t_start].append((t_end, "BODY"))
            continue
        if t_end - t_start < 2:
            continue
        # The word's kinds in the lexicon: its matches in the lattice (VICE comes from the
        # list of title modifiers, not the lexicon).
        here = matched.get(t_start)
        kinds = [kind for e, kind in here if e == t_end and kind != "VICE"] if here else []
        if kinds and kinds != _STOP_ONLY:
            continue  # the lexicon's own words are in the lattice already
        if word[0] == "第" and _NUMBER_CHARS.issuperset(word[1:]):
            lattice[t_start].append((t_end, "ORDINAL"))
            continue
        if text[t_start - 1 : t_start].isdigit():
            continue  # after a number, a date or a count: 10 + 日电, 5 + 个单位
        # Words jieba does not know, or knows only as some proper noun or place, can
        # name a company or body before its suffix (英特尔公司, 信义集团, 华夏 + 杂志社).
        if kinds:  # a stop word: at most a common noun inside a name
            tag = tag if tag in _NOUN_TAGS else "x"
        if (
            (tag is None or tag in _NAME_TAGS or tag == "ns")
            and not (
                # 这支 + 球队, 我同 + 居委会, 一是 + 精简机构, 76 + 战胜…, 某网等 + 记者
                tag is None
                and (
                    word[0] in _NOT_NAME_START
                    or word[-1] in _FUNCTION_CHARS
                    or not HAN_RUN.fullmatch(word)
                )
            )
            and not _locative(word)
        ):
            kind = "NAME"
            starts.add(t_start)
        elif tag in _NOUN_TAGS and not (tag == "m" and word[-1] in _CLASSIFIERS):
            kind = "NOUN"
            noun_ends[t_end] = t_start
        elif tag == "nt":
            # An organisation jieba knows may go on to a body of its own:
            # 广州市地税局 + 党委, 四川全兴 + 队.
            lattice[t_start].append((t_end, "NT"))
            starts.add(t_start)
            continue
        else:
            continue
        lattice[t_start].append((t_end, kind))
        if (
            kind == "NOUN"
            and (t_start in headed_ends or t_start in noun_ends)
            and t_end - t_start >= 3
            and word[-1] in _UNIT_CHARS
            and word[-2:] not in common  # 管理体系 is no 系
        ):
            # …or written as one word with it, after the organisation:
            # 人大 + 社会学|系, 科学技术部 + 农村科技|司.
            lattice[t_start].append((t_end - 1, kind))
            lattice[t_end - 1].append((t_end, "BODY"))
            noun_ends[t_end - 1] = t_start
        if t_end not in headed_ends:
            continue
        # A word that ends in a body word or a title holds a name, or a name's last
        # common noun, and the body: 郑州 + 铁路|分局, 埃及 + 石油|部长, 雅戈尔|集团.
        for at in range(t_start + 1, t_end - 1):
            ends_here = lattice.get(at, ())
            if (t_end, "BODY") in ends_here or (t_end, "TITLE") in ends_here:
                lattice[t_start].append((at, kind))
                if kind == "NOUN":
                    noun_ends[at] = t_start
                break
    # The head of a body's title after the body's field is that body: 部 of 部长,
    # 局 of 局长 (芬兰 + 农林 + 部: the ministry, where the project has no TITLE label
    # to take the whole). Not after a name or a body (中联部|部长, 汤|局长).
    for at, noun_start in noun_ends.items():
        if (
            noun_start not in headed_ends  # 内务部 + 代理|部长
            and text[at : at + 1] in _TITLE_HEADS
            and text[at + 1 : at + 2] == "长"
            and (at + 2, "TITLE") in lattice.get(at, ())
        ):
            lattice[at].append((at + 1, "BODY"))
    # A place written with its level, then 委: that level's party committee
    # (南丰县 + 委, where jieba cut 南丰县|委从).
    for e in place_ends:
        if (
            text[e : e + 1] == "委"
            and text[e - 1 : e] in LEVEL_CHARS
            and text[e + 1 : e + 2] != "员"
        ):
            lattice[e].append((e + 1, "BODY"))
    names = _compose(text, lattice, starts)
    if tokens:
        names = [n for n in names if fits_words(analysis, lattice, *n)]
    return Composition(lattice, names)
