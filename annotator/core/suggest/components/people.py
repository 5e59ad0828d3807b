"""People (GUIDELINES: PER): names next to a title or a word of address, foreign names
joined by a dot, names the character model finds, jieba's names, and, once the merge
has chosen, the other items of a list of names and every other occurrence of a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.core.suggest import segment, vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component, Token
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.compose import composition
from annotator.core.suggest.dotted import dotted_names
from annotator.core.suggest.lexicon import load_lexicon
from annotator.core.suggest.name_lists import listed_people
from annotator.core.suggest.names import (
    COMPOUND_SURNAMES,
    GLUED_AFTER_NAME,
    HAN_RUN,
    HONORIFICS,
    PLACE_ENDS_NOT_NAMES,
    SURE,
    SURNAME_ADDRESS,
    SURNAMES,
    THRESHOLD,
    after_count,
    foreign_name_edge,
    japanese_name_after,
    japanese_surnames,
    name_after,
    word_after_name,
)
from annotator.core.suggest.words import labelled_words

_FUNCTION_CHARS = vocab.chars("function_chars")

# Word classes after which a lone surname and a title address a person (与 + 陈 + 教授).
_BEFORE_LONE_SURNAME = ("p", "v", "c")

# Surnames that, alone before a title, are mostly another word: ，由记者…, 应国务院…
_NOT_LONE_SURNAME = vocab.chars("function_chars", "not_lone_surnames")

# What the lexicon knows as something other than a person's name.
_KNOWN_KINDS = frozenset({"LOC", "ORG", "BODY", "TYPE", "TITLE", "STOP"})

_CONJ_PREP_TAGS = frozenset({"c", "p"})
# Verbs of saying after a name make it sure enough to outweigh a word inside it (周华为认为: 华为 is a word).
_SAYS = re.compile(vocab.alternation("saying_verbs"))


def _name_piece(tag: str | None) -> bool:
    """Can a one-character word with this tag be a given name's last character (丁/nr,
    芬/ng), rather than a preposition or verb after the name (以/p, 叫/v)?"""
    return tag is not None and tag.startswith(("n", "zg", "ag"))


def _named_word(token: Token) -> int | None:
    """End of a word jieba knows as a person's name (鲁宾, 冈田武史), which a title
    right before it confirms; its own "nr" tag alone is too noisy to trust."""
    _start, end, word, tag = token
    if (
        tag is not None
        and tag.startswith("nr")
        and len(word) >= 2
        and HAN_RUN.fullmatch(word)
        and not load_lexicon().types.get(word)
        and word[-1] not in PLACE_ENDS_NOT_NAMES  # 高新区: jieba's "nr" on a place
        and (
            # Four characters or more: a compound surname's, a Japanese or a foreign
            # name; not one of the idioms jieba calls names (一劳永逸).
            len(word) <= 3
            or word[:2] in COMPOUND_SURNAMES
            or word[:2] in japanese_surnames()
            or segment.dictionary().foreign_chars.issuperset(word)
        )
    ):
        return end
    return None


def _name_before(tokens: Sequence[Token], k: int) -> int | None:
    """Start of a person's name that ends with ``tokens[k]``, right before a title
    or an honorific: a word jieba knows as a name (桥本首相, 林一夫先生) or a
    foreign name of three characters or more (彼得罗维奇总统)."""
    start, end, word, _tag = tokens[k]
    begin = foreign_name_edge(tokens, k, -1)
    if begin is not None and end - begin >= 3:
        return begin
    if _named_word(tokens[k]) is not None:
        return start
    if word in japanese_surnames():
        return start  # 桥本首相
    if (
        word in SURNAMES
        and word not in _NOT_LONE_SURNAME
        and (
            k == 0
            or not HAN_RUN.fullmatch(tokens[k - 1][2][-1:])
            or (tokens[k - 1][3] or "").startswith(_BEFORE_LONE_SURNAME)
        )
    ):
        # A surname alone before a title, after a pause, a verb or a preposition:
        # ，钱部长说; 与孙教授一道.
        return start
    return None


def _ordinary_words(analysis: Analysis, start: int, end: int) -> bool:
    """Whether ``start:end`` holds a word of two characters or more that jieba knows as
    no name (表示 in 时表示, 满意 in 满意地), and the name model finds the whole more
    likely words than a name (许建国 holds the word 建国, and is a name); or a time, a
    count, or a place after a preposition (于 + 近日, 于 + 某市)."""
    text, tokens = analysis.simplified, analysis.tokens
    k = analysis.by_start.get(start)
    ordinary = False
    after_preposition = k is not None and tokens[k][3] == "p"
    while k is not None and k < len(tokens) and tokens[k][0] < end:
        _s, _e, word, tag = tokens[k]
        if len(word) >= 2 and tag is not None and tag.startswith(("t", "m")):
            return True  # a time or a count is no part of a name: 局长 + 于 + 近日
        if after_preposition and len(word) >= 2 and (tag or "").startswith("ns"):
            return True  # where, not who: 书记 + 于 + 某市
        if len(word) >= 2 and tag is not None and not tag.startswith("nr"):
            ordinary = True
        k += 1
    return ordinary and segment.dictionary().name_model.score(text[start:end]) < 0.0


def _titled_names(analysis: Analysis) -> list[tuple[int, int, float]]:
    """Names right before or after a title or a word of address: ``(start, end,
    confidence)``."""
    text, tokens, by_start = analysis.simplified, analysis.tokens, analysis.by_start
    comp = composition(analysis)
    name_model = segment.dictionary().name_model
    out: list[tuple[int, int, float]] = []
    # A personal name directly after a title, and after each 、 that continues a list;
    # a foreign name on either side of it (总理卡拉姆津, 彼得罗维奇总统).
    titles = [(s, e) for s, e, label in comp.names if label == "TITLE"]
    before_titles = [s for s, _e in titles]
    before_titles += [t[0] for t in tokens if t[2] in HONORIFICS]
    for at in before_titles:
        if by_start.get(at, 0) > 0:  # the word before the title ends at its start
            begin = _name_before(tokens, by_start[at] - 1)
            s = at - 3
            if (
                begin is None
                and s in by_start
                and text[s] not in _NOT_LONE_SURNAME
                and text[at - 1] not in _FUNCTION_CHARS  # 某某为 + 团长: 为 ends no name
                and text[at - 1] not in PLACE_ENDS_NOT_NAMES  # 高新区 + 书记: a place
                and name_after(text, s) == at
                and not any(
                    kind in _KNOWN_KINDS
                    for i in range(s, at)
                    for _e, kind in comp.pieces.get(i, ())
                )
                and not _ordinary_words(analysis, s, at)
                and name_model.score(text[s:at]) >= 0.0
            ):
                begin = s  # a name jieba cut apart, and nothing the lexicon knows: 韦德|光
            # A place with the title's level is no name (金平/nr + 区委书记: 金平区).
            if begin is not None and not any(
                e > at and kind == "LOC" for e, kind in comp.pieces.get(begin, ())
            ):
                out.append((begin, at, 0.7))
    for title_start, pos in titles:
        byline = text[pos : pos + 1] in _BYLINE_MARKS
        if byline:
            pos += 1  # bylines: 记者 任龙, 责任编辑:黄俊亮, 记者/任龙
        reporter = byline and bool(_REPORTER_END.search(text, title_start, pos - 1))
        while pos < len(text):
            end = name_after(text, pos)
            if end is not None and _ordinary_words(analysis, pos, end):
                end = None  # 主任 + 商量过, 经理 + 满意地: a surname's character and a word
            end = end or japanese_name_after(text, pos)
            if reporter:
                # A reporter's name in a byline runs to the byline's next mark, where the
                # name's shape stopped short of it (记者/某某 + 争: a rare given name).
                whole = _pen_name(analysis, pos)
                if end is None or (
                    whole and whole > end and text[whole - 1] not in GLUED_AFTER_NAME
                ):
                    end = whole
            if end is None and pos in by_start:
                end = foreign_name_edge(tokens, by_start[pos], 1) or _named_word(
                    tokens[by_start[pos]]
                )
            if end is None or end - pos < 2:
                break  # one character is no foreign name: 记者 + 时表示
            out.append((pos, end, 0.85))
            if text[end : end + 1] != "、":
                break
            pos = end + 1
    return out


# A byline's name with no surname (通讯员 粤宣): alone up to a space or the line's end.
_REPORTER_END = re.compile("(?:" + vocab.alternation("reporter_titles") + ")$")
_BYLINE_MARKS = (" ", "\u3000", ":", "：", "/", "／")
_PEN_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}(?=[\s)）/／、]|$)")


def _pen_name(analysis: Analysis, pos: int) -> int | None:
    """End of a reporter's pen name at ``pos`` in a byline: not one word jieba knows
    as another kind of word (记者 摄影, 通讯员 报道)."""
    m = _PEN_NAME.match(analysis.simplified, pos)
    if m is None:
        return None
    k = analysis.by_start.get(pos)
    if k is not None and analysis.tokens[k][1] == m.end():
        tag = analysis.tokens[k][3]
        if tag is not None and not tag.startswith("nr"):
            return None
    return m.end()


_SURNAME = re.compile("[" + re.escape("".join(sorted(SURNAMES))) + "]")


def _modelled_names(analysis: Analysis) -> list[tuple[int, int, bool]]:
    """Names the character model finds where jieba missed them: ``(start, end, sure)``."""
    text, tokens = analysis.simplified, analysis.tokens
    j = segment.dictionary()
    known, places, model = j.known, j.places, j.name_model
    if not tokens:
        return []
    words = analysis.edges
    # The HMM glues a name's last character to the word after it (钱东|芬是): where a
    # word it made up has a verb or particle after its first character, a name may end.
    glued = {
        t[0] + 1 for t in tokens if t[3] is None and len(t[2]) == 2 and t[2][1] in GLUED_AFTER_NAME
    }

    def edge(offset: int) -> bool:
        return offset in words or offset in glued

    def lone(offset: int) -> str | None:
        """The tag ('' for none) of the one-character word at ``offset``, or None."""
        k = analysis.by_start.get(offset)
        if k is None or tokens[k][1] - offset != 1:
            return None
        return tokens[k][3] or ""

    out = []
    for k in analysis.words_at(_SURNAME):  # only the words that start with a surname
        start, word_end, word, tag = tokens[k]
        # Right after a title a name needs less evidence: 局长孔令贤上任以后.
        after_title = k > 0 and tokens[k - 1][3] == "nnt"
        floor = 0.0 if after_title else THRESHOLD
        # A name jieba missed starts as a lone surname (廖/剑锋), a made-up word
        # (汪明/新) or a name-tagged piece (黄俊/亮); ordinary words are skipped.
        if len(word) > 1 and tag is not None and not tag.startswith(("nr", "nz")):
            continue
        if tag in _CONJ_PREP_TAGS:
            if not (after_title and tag == "p"):
                continue  # 和, 于: a conjunction or preposition before a word (校长和同学们)
            floor = THRESHOLD  # a surname jieba took for one needs the model: 队长 + 于 + 某某
        if after_count(text, start):
            continue  # 这两张, 这段: a classifier, not a surname
        best = None
        for length in (3, 2):
            end = start + length
            piece = text[start:end]
            if (
                not edge(end)
                or len(piece) < length
                or not all("\u4e00" <= c <= "\u9fff" for c in piece)
            ):
                continue
            if piece in known and piece != word:
                continue  # a dictionary word of its own, not a name
            if piece[:2] in places:
                continue  # a place and a suffix (黄河源), not a surname and a name
            if length == 3 and word_after_name(text, end - 1):
                continue  # 刘斌和: a name and the word after it
            if piece[-1] in PLACE_ENDS_NOT_NAMES or (
                text[end : end + 1] in PLACE_ENDS_NOT_NAMES and edge(end + 1)
            ):
                continue  # 李湾村, 陈家|窖: a place named after a family, not a person
            score = model.score(piece)
            if score >= floor and (best is None or score > best[0]):
                best = (score, end)
            if best is not None and length == 3 and _name_piece(lone(end - 1)):
                break  # a name of three characters is likelier than one of two: 陈文|丁
        if best is not None and (
            text[start : best[1]] not in known
            # jieba's "other proper noun" a name by the model's sure verdict: 刘彦彬
            or (tag == "nz" and best[1] == word_end and best[0] >= SURE)
        ):
            # A name the model is sure of outweighs a place inside it (陈 + 东晓).
            sure = best[0] >= SURE or after_title or bool(_SAYS.match(text, best[1]))
            out.append((start, best[1], sure))
    return out


def _surname_only(text: str, start: int, end: int) -> int:
    """End of a person written as a surname and a word of address or a title: 郑 in
    郑先生, 毛 in 毛主席 (GUIDELINES: the title is not part of the name)."""
    m = SURNAME_ADDRESS.search(text, start, end)
    if m is not None:
        head = text[start : m.start()]
        return m.start() if head in SURNAMES or head in COMPOUND_SURNAMES else end
    if (
        end - start >= 3
        and text[start] in SURNAMES
        and "TITLE" in load_lexicon().types.get(text[start + 1 : end], ())
    ):
        return start + 1
    return end


@register
class People(Component):
    name = "people"
    labels = frozenset({"PER"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return (
            "rule:title-name",
            "rule:dotted-name",
            "model:name:sure",
            "model:name",
            "jieba",
            "jieba:foreign",
        )

    def propose(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.simplified
        titled = self.priority("rule:title-name")
        out = [
            Candidate(s, e, "PER", "rule:title-name", titled, c)
            for s, e, c in _titled_names(analysis)
        ]
        dotted = self.priority("rule:dotted-name")
        out += [
            Candidate(s, e, "PER", "rule:dotted-name", dotted, 0.7)
            for s, e, body in dotted_names(analysis)
            if not body
        ]
        sure, unsure = self.priority("model:name:sure"), self.priority("model:name")
        out += [
            Candidate(
                s, e, "PER", "model:name", sure if certain else unsure, 0.7 if certain else 0.5
            )
            for s, e, certain in _modelled_names(analysis)
        ]
        out += [
            Candidate(w.start, w.end, "PER", w.origin, self.priority(w.rule), w.confidence)
            for w in labelled_words(analysis)
            if w.label == "PER"
        ]
        trimmed = []
        for c in out:
            end = _surname_only(text, c.start, c.end)
            trimmed.append(c if end == c.end else c._replace(end=end))
        return trimmed

    def extend(self, analysis: Analysis, chosen: list[Candidate]) -> list[Candidate]:
        return listed_people(analysis, chosen)
