"""Lexicon matching and composition: places, organisations, titles and the names after them.

All lexicon entries are matched at once with an Aho-Corasick automaton. Matches
then compose left to right by a small grammar, so that pieces the lexicon knows
make the names it does not:

    江门 + 市委            -> ORG    (place + body)
    区 + 纪委监委          -> ORG    (level + body)
    鹤山 + 市委 + 书记      -> TITLE  (prefix + title)
    遂溪 + 岭北镇          -> LOC    (place chain)
    市委书记 + 郭文海       -> TITLE + PER (a name directly after a title)
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from annotator.core.resources import read_text
from annotator.core.suggest import vocab
from annotator.core.suggest.base import PRIORITY, Candidate, Token
from annotator.core.suggest.rules import named_before

LEVEL_CHARS = vocab.chars("place_levels")
_LEVEL_OR_VICE = re.compile("[" + "".join(sorted(LEVEL_CHARS)) + "副]")

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
    # An unknown name before a body, maybe with common nouns between: 索尼 + 公司,
    # 解州 + 铝 + 厂.
    "N": {"BODY": "B", "TYPE": "B", "NAME": "N", "NOUN": "M"},
    # Common nouns between a place or organisation and its body: 北京 + 九十 + 中学,
    # 法国 + 雇主 + 协会, 郑州 + 铁路 + 分局.
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
    },
    "L": {"BODY": "B", "TITLE": "T", "VICE": "V", "ORG": "O"},
    # A place with its level written out is still that place, and may go on to the
    # next one of a chain: 如东 + 县, 龙川 + 县 + 黄石 + 镇.
    "PL": {"BODY": "B", "TITLE": "T", "VICE": "V", "ORG": "O", "LOC": "P"},
    "O": {
        "ORG": "O",  # an organisation within another: 联合国 + 安理会, 共青团 + 韶关市委
        "BODY": "B",
        "TYPE": "B",
        "TITLE": "T",
        "VICE": "V",
        "LOC": "Q",
        "LEVEL": "L",
        "NOUN": "M",
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
    },
    "Q": {"LOC": "Q", "BODY": "B", "LEVEL": "L", "ORG": "O"},  # place inside an org name
    "V": {"TITLE": "T"},
    "T": {"TITLE": "T"},
}
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
# Kinds of organisation, not bodies of a place: 美国公司 and 非洲球队 are any American
# company and any African team. They make a name only after a name or a common noun
# (索尼公司, 阀门厂, 港航集团公司), never right after a bare place.
TYPE_BODIES = vocab.words("kinds_of_organisation")
_MAX_PIECES = 8
# Bodies whose head titles itself with 长: 部长, 局长, 厅长, 署长.
_TITLE_HEADS = vocab.chars("title_heads")
# One-character words for a unit inside an organisation: 影视 + 部, 社会学 + 系, 宣教 + 科.
_STOP_ONLY = frozenset({"STOP"})
_GROUP_WORDS = vocab.words("group_words")
_UNIT_CHARS = vocab.chars("unit_chars")


def place_and_kind(word: str, is_place: Callable[[str], bool]) -> bool:
    """美国公司, 非洲球队: a place and a kind of organisation, not a name."""
    return any(word.endswith(kind) and is_place(word[: -len(kind)]) for kind in TYPE_BODIES)


# Tags of one-character pieces of a foreign name jieba cut apart (特斯基/奇, 弗兰克/林).
PIECE_TAGS = frozenset({"ag", "zg", "n", "nr", "ng"})
# What joins the parts of a foreign name: 约翰·史密斯, 约翰—格伦.
NAME_DOTS = tuple(vocab.entries("name_dots")[0])
_SURE_DOTS = frozenset(NAME_DOTS[:-1])  # a dash joins names less surely: 土地———祖国

# Common surnames (single and compound), for names written right after a title. Every
# character that begins 30 or more of the three-character names of the person lexicon is
# here (洪, 傅, 赖 were added by that check).
SURNAMES = vocab.chars("surnames")
COMPOUND_SURNAMES = vocab.ordered("compound_surnames")
_AFTER_NAME = re.compile(
    "["
    + re.escape("".join(sorted(vocab.chars("pauses"))))
    + r"\s]|"
    + vocab.alternation("saying_verbs", "after_name")
    + "|$"
)


# Words of address after a name: 林一夫先生, 玛丽娜女士, 查尔斯王子.
HONORIFICS = vocab.words("honorifics")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# What follows a name and cannot end a two-character given name: 刘宾说, 刘斌和, 王强都.
AFTER_GIVEN = re.compile(vocab.alternation("saying_verbs", "sure_after_name", "glued_after_name"))
# Words of address glued to a surname: 郑先生, 陈小姐, 王某, 胡老. The person is the surname.
SURNAME_ADDRESS = re.compile(vocab.alternation("surname_address") + "$")


@dataclass(frozen=True)
class Lexicon:
    automaton: ahocorasick.Automaton
    types: dict[str, frozenset[str]]

    def matches(self, text: str) -> dict[int, list[tuple[int, str]]]:
        """start -> [(end, type)] for every lexicon piece in ``text``."""
        lattice: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for end, (length, kinds) in self.automaton.iter(text):
            start = end + 1 - length
            for kind in kinds:
                lattice[start].append((end + 1, kind))
        for m in _LEVEL_OR_VICE.finditer(text):
            i = m.start()
            lattice[i].append((i + 1, "VICE" if m.group() == "副" else "LEVEL"))
        return lattice


@lru_cache(maxsize=1)
def lexicon_rows() -> tuple[tuple[str, str, str], ...]:
    """(surface, type, origin) of the shipped lexicon, read once per process."""
    rows = []
    for line in read_text("lexicons", "lexicon.tsv").splitlines()[1:]:
        surface, kind, origin = line.split("\t")
        rows.append((surface, kind, origin))
    return tuple(rows)


# A character writes foreign names where the context already says "a person" (right
# next to a title) when it is in this many of the person lexicon's transliterated and
# Japanese names: 若, 潘, 宾.
FOREIGN_CHAR_MIN_BY_TITLE = 3


@lru_cache(maxsize=1)
def _foreign_name_chars() -> Counter[str]:
    counts: Counter[str] = Counter()
    for surface, kind, origin in lexicon_rows():
        if kind == "PER" and origin.endswith(("nrf", "nrj")):
            counts.update(surface)
    return counts


@lru_cache(maxsize=2)
def foreign_chars(minimum: int | None = None) -> frozenset[str]:
    """Characters that write foreign names.

    With no ``minimum``, whatever the context: characters more likely in the lexicon's
    transliterated and Japanese names than in ordinary words (jieba's dictionary, as the
    name model weighs it): 斯, 尔, 科, 娃, not 国 or 会. With a ``minimum``, every
    character in at least that many of those names.
    """
    counts = _foreign_name_chars()
    if minimum is not None:
        return frozenset(ch for ch, n in counts.items() if n >= minimum)
    from annotator.core.suggest.names import NameModel  # names imports this module

    model = NameModel.shipped()
    total = sum(counts.values())
    return frozenset(
        ch
        for ch, n in counts.items()
        if math.log(n / total) >= model.background.get(ch, model.floor)
    )


@lru_cache(maxsize=1)
def japanese_surnames() -> frozenset[str]:
    """Two-character family names of the Japanese names of the person lexicon (桥本, 武村),
    except those that are places too (中山)."""
    places = {surface for surface, kind, _origin in lexicon_rows() if kind == "LOC"}
    return (
        frozenset(
            surface[:2]
            for surface, kind, origin in lexicon_rows()
            if kind == "PER" and origin.endswith("nrj") and len(surface) == 4
        )
        - places
    )


def japanese_name_after(text: str, i: int) -> int | None:
    """End of a Japanese name at ``i``: a family name of two characters, a given name
    of two or three (武村正义, 桥本龙太郎), and what may follow a name."""
    if text[i : i + 2] not in japanese_surnames():
        return None
    for given in (3, 2):
        end = i + 2 + given
        given_name = text[i + 2 : end]
        if given == 3 and AFTER_GIVEN.match(text, end - 1):
            continue  # 冈田武史说: a given name of two, then what he said
        if len(given_name) == given and _HAN.fullmatch(given_name) and _AFTER_NAME.match(text, end):
            return end
    return None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon (no person names: those go to the tagger's dictionary)."""
    types: dict[str, set[str]] = defaultdict(set)
    for surface, kind, _origin in lexicon_rows():
        if kind == "BODY" and surface in TYPE_BODIES:
            types[surface].add("TYPE")
        elif kind in (
            "LOC",
            "ORG",
            "BODY",
            "TITLE",
            "STOP",
            "LEVEL",
            "POLICY",
            "CAMPAIGN",
            "FEATURE",
        ):
            types[surface].add(kind)
    automaton = ahocorasick.Automaton()
    frozen = {}
    for surface, kinds in types.items():
        fk = frozenset(kinds)
        frozen[surface] = fk
        automaton.add_word(surface, (len(surface), fk))
    automaton.make_automaton()
    return Lexicon(automaton, frozen)


# Last characters of places and buildings that almost never end a given name: each ends
# at most 33 of the person lexicon's 40,000 Chinese names (村 33, 镇 30; 屿 4, 窖 0).
PLACE_ENDS_NOT_NAMES = vocab.chars("place_ends_not_names")

# Verbs and particles jieba's HMM glues to the name before them (郑咏|是, 赵东|芬是).
GLUED_AFTER_NAME = vocab.chars("glued_after_name")

_COUNTING = vocab.chars("numerals", "demonstratives")


def after_count(text: str, i: int) -> bool:
    """Is ``i`` right after a number or a demonstrative, where a surname's character is
    a classifier (这3张卫星照片, 这段新建的路)?"""
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
        if given == 2 and AFTER_GIVEN.match(text, end - 1):
            continue  # 刘宾说: one given character, then what he said
        if _AFTER_NAME.match(text, end) or (
            given == 2 and _title_at(text, end) and piece not in load_lexicon().types
        ):
            return end
    return None


def _title_at(text: str, i: int) -> bool:
    """Does a title of the lexicon start at ``i`` (赵国钧 + 少将)?"""
    types = load_lexicon().types
    return any("TITLE" in types.get(text[i : i + n], ()) for n in (2, 3, 4))


_BODY_GENERIC = vocab.words("generic_body_leads")
_PROPER_PIECES = frozenset({"LOC", "ORG", "NAME"})
_PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


_FUNCTION_CHARS = vocab.chars("function_chars")
_DEMONSTRATIVES = vocab.chars("demonstratives")
# (A numeral that is a surname too may start one: 万.)
_NOT_NAME_START = vocab.chars("demonstratives", "function_chars", "pronouns") | (
    vocab.chars("numerals") - SURNAMES
)
# Word classes after which a lone surname and a title address a person (与 + 陈 + 教授).
_BEFORE_LONE_SURNAME = ("p", "v", "c")
# Surnames that, alone before a title, are mostly another word: ，由记者…, 应国务院…
_NOT_LONE_SURNAME = vocab.chars("function_chars", "not_lone_surnames")
_HARD_TAGS = ("f", "m", "q", "r", "t", "p", "d", "c", "u", "a")
# What the lexicon knows as something other than a person's name.
_KNOWN_KINDS = frozenset({"LOC", "ORG", "BODY", "TYPE", "TITLE", "STOP"})
_FUNCTION_TAGS = ("f", "r", "t", "p", "c", "u", "q")
# Verbs that move something somewhere (设在, 搬进, 进入) take an object, not a body's field.
_VERB_ENDS_MOTION = vocab.chars("motion_verb_ends")
# A count of things is no part of a name: 怀柔 + 一个 + 招待所, 曼谷 + 一家 + 报社.
_CLASSIFIERS = vocab.chars("classifiers")
# What a verb inside a name runs into: a common noun or the body word (扶贫 委员会);
# a verb before a place or a person is a predicate (战胜 日本女队, 安排 老王).
_NOUN_AFTER_VERB = ("n", "vn", "nis")


def _ends_org_name(token: Token, following: Token | None) -> bool:
    word, tag = token[2], token[3]
    if any(ch.isdigit() for ch in word) or word.endswith("讯") or word in ("电", "日电"):
        return True  # datelines: 本报讯, 5月10日电
    if tag is None and len(word) <= 3:
        # A function word glued to a neighbour by the HMM: 正由, 这支.
        return word[-1] in _FUNCTION_CHARS or word[0] in _FUNCTION_CHARS | _DEMONSTRATIVES
    if tag is None or tag.startswith("vn"):
        return False
    if tag.startswith("v"):
        if len(word) == 1 or word[0] == "不" or word[-1] in _VERB_ENDS_MOTION:
            return True  # a clause, not a name: 全村 来 政府, 设在 总医院, 不得 强令
        after = following[3] if following is not None else None
        return (
            after is None
            or after.startswith(("nr", "ns", "nt"))
            or not after.startswith(_NOUN_AFTER_VERB)
        )
    return tag.startswith(_HARD_TAGS)


def _named_bodies(
    text: str,
    tokens: Sequence[Token],
    lattice: dict[int, list[tuple[int, str]]],
    edges: set[int],
) -> list[Candidate]:
    """An organisation named by the words before its body word, back to the name's
    edge: 江门市 乡村 旅游 发展 委员会, 森林 防火 领导小组, 德国 钢铁 协会.

    The words before the body must hold something proper (a place, an organisation,
    a word jieba does not know) or be a name of two words or more; 有关部门 is not one.
    """
    body_at: dict[int, int] = {}  # end -> start of the longest body word ending there
    is_type: dict[int, bool] = {}
    for start, ends in lattice.items():
        if start in edges:
            for end, kind in ends:
                if kind in ("BODY", "TYPE") and end in edges and start < body_at.get(end, end):
                    body_at[end] = start
                    is_type[end] = kind == "TYPE"
    if not body_at:
        return []
    endings = sorted((at, end) for end, at in body_at.items())
    out = []
    for start, end in named_before(text, tokens, endings, _BODY_GENERIC, 16):
        at = body_at[end]
        # Numbers, times, directions, function words and datelines end an organisation's
        # name, and so does a verb before a name or a place (战胜 日本女队); a verb
        # before a common noun or the body stays inside (乡村 扶贫 委员会).
        inside = [k for k, t in enumerate(tokens) if start <= t[0] and t[1] <= at]
        for k in inside:
            if _ends_org_name(tokens[k], tokens[k + 1] if k + 1 < len(tokens) else None):
                start = tokens[k][1]
        # Common nouns before a place or an organisation are not its name: 航线 +
        # 巴西航空公司, 决赛 时 战胜 + 印尼女队.
        for k in inside:
            t_start = tokens[k][0]
            if t_start < start:
                continue
            if any(kind in ("LOC", "ORG") for _e, kind in lattice.get(t_start, ())):
                start = t_start
                break
            if not (tokens[k][3] or "").startswith(("n", "v")) or tokens[k][3] in _PROPER_TAGS:
                break
        if at - start < 2:
            continue
        proper = {
            kind
            for s in range(start, at)
            for e, kind in lattice.get(s, ())
            if e <= at and kind in _PROPER_PIECES
        }
        words = sum(1 for k in inside if tokens[k][0] >= start)
        if is_type[end]:
            proper.discard("LOC")  # 美国公司 is any American company
        if proper or words >= 2:
            out.append(Candidate(start, end, "ORG", "rule:named-body", PRIORITY["org"], 0.6))
    return out


def _ordinary_words(
    text: str, tokens: Sequence[Token], by_start: dict[int, int], start: int, end: int
) -> bool:
    """Whether ``start:end`` holds a word of two characters or more that jieba knows as
    no name (表示 in 时表示, 满意 in 满意地), and the name model finds the whole more
    likely words than a name (江建国 holds the word 建国, and is a name)."""
    from annotator.core.suggest.names import NameModel  # names imports this module

    k = by_start.get(start)
    ordinary = False
    while k is not None and k < len(tokens) and tokens[k][0] < end:
        _s, _e, word, tag = tokens[k]
        if len(word) >= 2 and tag is not None and not tag.startswith("nr"):
            ordinary = True
        k += 1
    return ordinary and NameModel.shipped().score(text[start:end]) < 0.0


def _headed_title(
    text: str, cand: Candidate, edges: Iterable[int], lattice: dict[int, list[tuple[int, str]]]
) -> bool:
    """An organisation whose title word follows it, cut by jieba at the title's end:
    财政部 in 美国|财政部长 (部 + 长), 发展银行 in 发展|银行行长 (银行 + 行长)."""
    if cand.start not in edges:
        return False
    if text[cand.end : cand.end + 1] == "长" and cand.end + 1 in edges:
        return True
    return any(kind == "TITLE" and end in edges for end, kind in lattice.get(cand.end, ()))


def _heads_a_word(cand: Candidate, tokens: Sequence[Token], by_start: dict[int, int]) -> bool:
    """An organisation that is a word jieba knows as no name but one character short:
    共产党 in 共产党员, 司法部 in 司法部门, 北大 in 北大荒 (not 市委 in 市委书记, a title)."""
    k = by_start.get(cand.start)
    if k is None:
        return False
    _start, end, _word, tag = tokens[k]
    return end == cand.end + 1 and tag is not None and tag not in ("nt", "nnt", "nis")


def _straddles(cand: Candidate, edges: set[int]) -> bool:
    if cand.start in edges and cand.end in edges:
        return False
    if cand.start not in edges:
        return True  # deep inside a word (中国 in 发展中国家), or its tail (津市 in 天津市)
    return any(e in edges for e in range(cand.start + 1, cand.end))


class LexiconSuggester:
    name = "lexicon"

    def __init__(
        self, lexicon: Lexicon | None = None, common: Collection[str] = frozenset()
    ) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.common = common  # words the segmenter's dictionary knows as common

    def _compose(
        self, text: str, lattice: dict[int, list[tuple[int, str]]], starts: Iterable[int]
    ) -> list[Candidate]:
        """Read the longest name of each label from every start the grammar allows."""
        out: list[Candidate] = []
        for start in starts:
            best: dict[str, int] = {}
            stack: list[tuple[int, str, int]] = [(start, "S", 0)]
            while stack:
                pos, state, depth = stack.pop()
                if depth >= _MAX_PIECES:
                    continue
                for end, kind in lattice.get(pos, ()):
                    nxt = _TRANSITIONS[state].get(kind)
                    if nxt is None:
                        continue
                    if nxt == "PL" and end - pos > 1:
                        nxt = "L"  # 美国 + 国家 is no place; 如东 + 县 is

                    if nxt == "B0" and (
                        text[start] in LEVEL_CHARS or text[start:end] in SOLE_BODIES
                    ):
                        nxt = "BS"  # 市委, 县政府, 国会: a body that names itself
                    label = _FINAL.get(nxt)
                    if label and end > best.get(label, 0):
                        best[label] = end
                    stack.append((end, nxt, depth + 1))
            # A title that is only the start of a body word is not one (委员 in 委员会).
            if "TITLE" in best:
                body_end = max((e for e, k in lattice[start] if k == "BODY"), default=0)
                if best["TITLE"] < body_end:
                    del best["TITLE"]
            for label, end in best.items():
                out.append(
                    Candidate(
                        start, end, label, f"lexicon:{label.lower()}", PRIORITY[label.lower()], 0.8
                    )
                )
        return out

    def _foreign_name(
        self, tokens: Sequence[Token], k: int, step: int, dotted: bool = False
    ) -> int | None:
        """The far edge of a transliterated name whose first (``step`` 1) or last
        (``step`` -1) word is ``tokens[k]``: words of foreign-name characters that the
        lexicon does not know as places, joined by · (约翰·史密斯).

        Beside a dot (``dotted``) the name is sure, so its words may carry any tag but a
        function word's (塞/v·威廉姆斯, 马·莱|万多/m|夫斯基), and a word jieba knows as
        a name any character (汉斯·迪|尚德/nr)."""
        chars = foreign_chars(FOREIGN_CHAR_MIN_BY_TITLE)
        strict = foreign_chars()
        edge = None
        while 0 <= k < len(tokens):
            _start, _end, word, tag = tokens[k]
            if word in NAME_DOTS and edge is not None:
                k += step
                continue
            if (
                dotted
                and _HAN.fullmatch(word)
                and not self.lexicon.types.get(word)
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
                or ("LOC" in self.lexicon.types.get(word, ()) and (edge is None or len(word) > 2))
                or word.endswith("人")  # 荷兰人: a people, not a name
                or (
                    tag is not None
                    and not tag.startswith(("nr", "ns", "j"))
                    and not (len(word) == 1 and tag in PIECE_TAGS)  # 弗兰克|林
                )
                or not chars.issuperset(word)
                # Past a first piece, a word jieba made up continues the name only in
                # sure name characters (来宾|中有|玛丽·…: 中有 is no piece of it).
                or (tag is None and edge is not None and not strict.issuperset(word))
            ):
                if step > 0 and edge is not None and tag is None:
                    # jieba's HMM glued the name's last character to the next word
                    # (卡巴|杰时, 罗朗·|雷斯及): the name ends before that word.
                    cut = next(
                        (
                            i
                            for i in range(len(word) - 1, 0, -1)
                            if chars.issuperset(word[:i])
                            and (_AFTER_NAME.match(word, i) or AFTER_GIVEN.match(word, i))
                        ),
                        None,
                    )
                    if cut is not None:
                        edge = tokens[k][0] + cut
                break
            edge = tokens[k][1] if step > 0 else tokens[k][0]
            k += step
        return edge

    def _named_word(self, token: Token) -> int | None:
        """End of a word jieba knows as a person's name (鲁宾, 冈田武史), which a title
        right before it confirms; its own "nr" tag alone is too noisy to trust."""
        _start, end, word, tag = token
        if (
            tag is not None
            and tag.startswith("nr")
            and len(word) >= 2
            and _HAN.fullmatch(word)
            and not self.lexicon.types.get(word)
        ):
            return end
        return None

    def _name_before(self, tokens: Sequence[Token], k: int) -> int | None:
        """Start of a person's name that ends with ``tokens[k]``, right before a title
        or an honorific: a word jieba knows as a name (桥本首相, 邵一夫先生) or a
        foreign name of three characters or more (卡斯特罗维奇总统)."""
        start, end, word, _tag = tokens[k]
        begin = self._foreign_name(tokens, k, -1)
        if begin is not None and end - begin >= 3:
            return begin
        if self._named_word(tokens[k]) is not None:
            return start
        if word in japanese_surnames():
            return start  # 桥本首相
        if (
            word in SURNAMES
            and word not in _NOT_LONE_SURNAME
            and (
                k == 0
                or not _HAN.fullmatch(tokens[k - 1][2][-1:])
                or (tokens[k - 1][3] or "").startswith(_BEFORE_LONE_SURNAME)
            )
        ):
            # A surname alone before a title, after a pause, a verb or a preposition:
            # ，唐外长说; 与陈教授一起.
            return start
        return None

    def propose(self, text: str, tokens: Sequence[Token] = ()) -> list[Candidate]:
        from annotator.core.suggest.names import NameModel  # names imports this module

        lattice = self.lexicon.matches(text)
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
        types = self.lexicon.types
        for k, (t_start, t_end, word, tag) in enumerate(tokens):
            if word in _UNIT_CHARS and t_start in noun_ends and (tag or "").startswith("n"):
                # A unit of an organisation, named by its field: 日报社 + 影视|部.
                lattice[t_start].append((t_end, "BODY"))
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
            if t_end - t_start < 2 or types.get(word, _STOP_ONLY) != _STOP_ONLY:
                continue  # the lexicon's own words are in the lattice already
            if text[t_start - 1 : t_start].isdigit():
                continue  # after a number, a date or a count: 10 + 日电, 5 + 个单位
            # Words jieba does not know, or knows only as some proper noun or place, can
            # name a company or body before its suffix (英特尔公司, 信义集团, 华夏 + 杂志社).
            if word in types:  # a stop word: at most a common noun inside a name
                tag = tag if tag in _NOUN_TAGS else "x"
            if (tag is None or tag in _NAME_TAGS or tag == "ns") and not (
                # 这支 + 球队, 我同 + 村委会, 一是 + 精简政府, 89 + 战胜…
                tag is None and (word[0] in _NOT_NAME_START or not _HAN.fullmatch(word))
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
                and word[-2:] not in self.common  # 管理体系 is no 系
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
        # (清丰县 + 委, where jieba cut 清丰县|委从).
        for e in place_ends:
            if (
                text[e : e + 1] == "委"
                and text[e - 1 : e] in LEVEL_CHARS
                and text[e + 1 : e + 2] != "员"
            ):
                lattice[e].append((e + 1, "BODY"))
        stops = [(s, e) for s, ends in lattice.items() for e, k in ends if k == "STOP"]
        out = self._compose(text, lattice, starts)
        by_start = {t[0]: k for k, t in enumerate(tokens)}  # words are contiguous
        if tokens:
            edges = by_start.keys() | {tokens[-1][1]}
            out.extend(_named_bodies(text, tokens, lattice, edges))
            # A match that straddles two words without matching either edge is a
            # coincidence of characters (切合|江门 holds 合江; 文明|城市 holds 明城).
            # One that starts a word is kept (中国 in 中国人民); one deep inside a
            # word or at its tail is not (中国 in 发展中国家, 津市 in 天津市).
            # Words jieba's HMM made up are guesses, and cut nothing: 清丰县|委从.
            # A place name jieba's dictionary knows but cut apart here is a coincidence
            # too: 每个|人|和|他 holds 人和, 集中营 holds 中营.
            soft = edges | {
                at
                for t_start, t_end, _w, tag in tokens
                if tag is None
                for at in range(t_start, t_end)
            }
            out = [
                c
                for c in out
                if (
                    not _straddles(c, soft)
                    or (c.label == "ORG" and _headed_title(text, c, edges, lattice))
                )
                and not (
                    c.label == "LOC"
                    and "LOC" in self.lexicon.types.get(text[c.start : c.end], ())
                    and any(e in edges for e in range(c.start + 1, c.end))
                )
                and not (
                    c.label == "ORG"
                    and _heads_a_word(c, tokens, by_start)
                    and not _headed_title(text, c, edges, lattice)  # 内务部|长
                )
            ]
        # A personal name directly after a title, and after each 、 that continues a list;
        # a foreign name on either side of it (总理普里马科夫, 卡斯特罗维奇总统).
        before_titles = [c.start for c in out if c.label == "TITLE"]
        before_titles += [t[0] for t in tokens if t[2] in HONORIFICS]
        for at in before_titles:
            if by_start.get(at, 0) > 0:  # the word before the title ends at its start
                begin = self._name_before(tokens, by_start[at] - 1)
                s = at - 3
                if (
                    begin is None
                    and s in by_start
                    and text[s] not in _NOT_LONE_SURNAME
                    and text[at - 1] not in _FUNCTION_CHARS  # 朴|普熙为 + 团长
                    and name_after(text, s) == at
                    and not any(
                        kind in _KNOWN_KINDS
                        for i in range(s, at)
                        for _e, kind in lattice.get(i, ())
                    )
                    and not _ordinary_words(text, tokens, by_start, s, at)
                    and NameModel.shipped().score(text[s:at]) >= 0.0
                ):
                    begin = s  # a name jieba cut apart, and nothing the lexicon knows: 梅方|权
                if begin is not None:
                    out.append(
                        Candidate(
                            begin, at, "PER", "rule:title-name", PRIORITY["title_person"], 0.7
                        )
                    )
        for cand in [c for c in out if c.label == "TITLE"]:
            pos = cand.end
            if text[pos : pos + 1] in (" ", "\u3000", ":", "："):
                pos += 1  # bylines: 记者 任龙, 责任编辑:黄俊亮
            while pos < len(text):
                end = name_after(text, pos)
                if end is not None and _ordinary_words(text, tokens, by_start, pos, end):
                    end = None  # 主任 + 商量过, 总理 + 满意地: a surname's character and a word
                end = end or japanese_name_after(text, pos)
                if end is None and pos in by_start:
                    end = self._foreign_name(tokens, by_start[pos], 1) or self._named_word(
                        tokens[by_start[pos]]
                    )
                if end is None or end - pos < 2:
                    break  # one character is no foreign name: 记者 + 时表示
                out.append(
                    Candidate(pos, end, "PER", "rule:title-name", PRIORITY["title_person"], 0.85)
                )
                if text[end : end + 1] != "、":
                    break
                pos = end + 1
        # A dot between two runs of name characters joins a foreign name (约翰·史密斯).
        dotted = any(dot in text for dot in NAME_DOTS)
        for k, token in enumerate(tokens if dotted else ()):
            if token[2] in NAME_DOTS and 0 < k < len(tokens) - 1:
                sure = token[2] in _SURE_DOTS
                begin = self._foreign_name(tokens, k - 1, -1, dotted=sure)
                end = self._foreign_name(tokens, k + 1, 1, dotted=sure)
                if begin is None or end is None:
                    continue
                # A company named after people is the company: 罗伯特·霍尔登 + 公司.
                body = max(
                    (e for e, kind in lattice.get(end, ()) if kind in ("BODY", "TYPE")), default=0
                )
                if body:
                    out.append(Candidate(begin, body, "ORG", "rule:dotted-name", PRIORITY["org"]))
                else:
                    out.append(
                        Candidate(
                            begin, end, "PER", "rule:dotted-name", PRIORITY["title_person"], 0.7
                        )
                    )
        for s, e in stops:
            out.append(Candidate(s, e, "STOP", "lexicon:stop", PRIORITY["learned"] - 1, 1.0))
        return out
