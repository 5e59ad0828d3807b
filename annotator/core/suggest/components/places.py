"""Places (GUIDELINES: LOC): what the lexicon's composition reads as a place or a chain
of places, abbreviated countries and cities (中美关系, 访华), an unknown name with its
level (某某县), the place of a dateline, and jieba's places and foreign places."""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.core.suggest import vocab
from annotator.core.suggest.abbreviations import abbreviations
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component, Token
from annotator.core.suggest.components.quoted import CLOSING_QUOTES, OPENING_QUOTES, is_policy
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.compose import composition
from annotator.core.suggest.names import HAN_RUN
from annotator.core.suggest.scan import counts, glued_preposition
from annotator.core.suggest.words import labelled_words

# Datelines: 本报佛山5月6日电, 新华社广州8月9日电 — the place a report is filed from.
_CN = vocab.char_class("chinese_digits")
DATELINE_RE = re.compile(
    vocab.alternation("news_agencies")
    + "(?:记者)?"
    + r"([\u4e00-\u9fff]{2,8}?)(?:[0-9０-９]{1,2}|"
    + _CN
    + "{1,3})月(?:[0-9０-９]{1,2}|"
    + _CN
    + "{1,3})日电"
)

# A level after the name: one character (县, 镇), or a word (社区, 街道).
_PLACE_SUFFIX = vocab.chars("place_levels") | vocab.words("community_levels")
_PLACE_SUFFIX_CHAR = re.compile("[" + "".join(sorted({w[0] for w in _PLACE_SUFFIX})) + "]")

# Stems that make a generic word with a place suffix (全县, 该市, 城乡), not a name.
_GENERIC_STEM = vocab.chars("generic_place_stems")


def _suffixed_places(analysis: Analysis) -> list[tuple[int, int]]:
    """An unknown name cut off before 县/市/镇… is a place with it (称多县, 泥汊镇, and a
    community's: 某某 + 社区)."""
    tokens, text = analysis.tokens, analysis.simplified
    found = []
    for k in analysis.words_at(_PLACE_SUFFIX_CHAR):
        _start, end, word, _tag = tokens[k]
        if word not in _PLACE_SUFFIX or k == 0:
            continue
        p_start, p_end, stem, tag = tokens[k - 1]
        if (
            not 1 <= len(stem) <= 3
            or stem in _GENERIC_STEM
            or counts(tokens[k - 1])  # a rank, not a name: 千强 + 镇, 十佳 + 村
            or not all("\u4e00" <= c <= "\u9fff" for c in stem)
            or text[p_start - 1 : p_start].isdigit()  # a count: 3 + 天到 + 村
        ):
            continue
        # Before a level written as a word, a place jieba tags is one only where the
        # lexicon knows it (某区 + 社区; not 入口 + 社区).
        if (
            len(word) > 1
            and (tag or "").startswith("ns")
            and (p_end, "LOC") not in analysis.lattice.get(p_start, ())
        ):
            continue
        if tag is None or tag.startswith(("nr", "ns", "nz")):
            found.append((p_start, end))
    return found


_AREA_WORDS = vocab.words("area_words")
_DISTRICT_CODES = vocab.ordered("district_codes")
_LATIN = re.compile("[A-Za-z]")
_AREA_FIRST = re.compile(vocab.first_class("area_words"))


def _before_areas(analysis: Analysis) -> list[tuple[int, int]]:
    """The name before a generic word for an area is a place, the word left out
    (GUIDELINES: 粤东地区 → 粤东): a name jieba does not know or calls proper (某某 +
    片区), or a quoted one that is no programme (“某某岗”片区; not “一园三区”片区)."""
    tokens, text = analysis.tokens, analysis.simplified
    found = []
    for k in analysis.words_at(_AREA_FIRST):
        if tokens[k][2] not in _AREA_WORDS or k == 0:
            continue
        p_start, p_end, stem, tag = tokens[k - 1]
        if stem in CLOSING_QUOTES:
            opening = text.rfind(OPENING_QUOTES[stem], max(0, p_start - 6), p_start)
            inner = text[opening + 1 : p_start]
            named = 2 <= len(inner) <= 5 and HAN_RUN.fullmatch(inner) and not is_policy(inner)
            if opening >= 0 and named:
                found.append((opening + 1, p_start))
        elif (
            2 <= len(stem) <= 3
            and HAN_RUN.fullmatch(stem)
            and not counts(tokens[k - 1])
            and (tag is None or tag.startswith(("nr", "ns", "nz")))
        ):
            found.append((p_start, p_end))
    return found


# A place's next link in a chain of places: a short name and a lower level (田背村).
_CHAIN_LEVELS = vocab.ordered("chain_levels")
_CHAIN_LINK = re.compile(r"([\u4e00-\u9fff]{2,3}?)" + vocab.alternation("chain_levels"))
_FUNCTION_CHARS = vocab.chars("function_chars")


def _chained(analysis: Analysis, places: Sequence[Candidate]) -> list[tuple[int, int]]:
    """A place followed by the names of places within it is one place (GUIDELINES'
    chain): 某某县 + 石门镇 + 田背村, where jieba and the lexicon know only the first.
    A link starts and ends where words do, holds no verb or function word (驻 + 某村,
    推动 + 乡镇), and its level is no common word's end (商贸 + 重镇, 统筹 + 城乡, 农村)."""
    text, tokens, edges = analysis.simplified, analysis.tokens, analysis.edges
    found = []
    for place in places:
        end = place.end
        # Each link's end, and whether its level is a committee (村委会): one names the
        # place only on the way to a place within it (某镇 + 石门村委会 + 五福村); last in
        # the chain it is the body, an ORG.
        links: list[tuple[int, bool]] = []
        for _ in range(3):
            m = _CHAIN_LINK.match(text, end)
            if m is None or end not in edges:
                break
            glued = m.end() not in edges and _glued_level(analysis, m.end())
            if m.end() not in edges and not glued:
                break
            inside = [tokens[k] for k in analysis.words_within(end, m.end())]
            if (
                not inside
                or any(_not_in_a_name(t) for t in inside)
                or glued_preposition(inside[0], 2)
            ):
                break
            last = inside[-1]
            common = last[3] is not None and not last[3].startswith("ns")
            committee = (m.end(), "BODY") in analysis.lattice.get(m.end(1), ())
            if (
                common
                and len(last[2]) >= 2
                and last[0] >= end + len(m.group(1)) - 1
                and not (committee and last[0] == m.end(1))
            ):
                # The level ends a common word (重镇, 农村, 城乡), or is a kind of
                # community after one (老旧 + 社区); a committee is a link (石门 + 村委会).
                break
            # Something in it names the place (田背 + 村, 石门镇), not just a word and
            # a level (商贸 + 重镇).
            named = [
                t
                for t in inside
                if glued or not (len(t[2]) == 2 and t is last and t[3] is not None)
            ]
            if not any(
                t[3] is None or t[3].startswith(("ns", "nr", "nz", "j")) for t in named
            ) and not _noun_and_level(inside, end, m):
                break
            end = m.end()
            links.append((end, committee))
            if glued:
                break
        while links and links[-1][1]:
            links.pop()
        if links:
            found.append((place.start, links[-1][0]))
    return found


def _glued_level(analysis: Analysis, end: int) -> bool:
    """Did jieba's HMM glue a one-character level ending at ``end`` to the character
    after it (某某 + 村以…, 某某 + 镇在…), a pair no dictionary knows?"""
    start, stop, _word, tag = analysis.tokens[analysis.word_at(end - 1)]
    return tag is None and start == end - 1 and stop == end + 1


def _committees(analysis: Analysis) -> list[Candidate]:
    """Village committees the lexicon's grammar names (石门村委会): where a place within
    one follows, the two are a chain of places (石门村委会 + 五福村); alone, a body."""
    text, lattice = analysis.simplified, analysis.lattice
    return [
        Candidate(start, end, "ORG", "committee", 0, 0.0)
        for start, end, label in composition(analysis).names
        if label == "ORG"
        and any(
            text.endswith(level, start, end) and (end, "BODY") in lattice.get(end - len(level), ())
            for level in _CHAIN_LEVELS
        )
        and end - start > 3
    ]


def _noun_and_level(inside: Sequence[Token], end: int, m: re.Match[str]) -> bool:
    """A common noun and the level as a word of its own, right after a place, name a
    place within it (某某镇 + 石门 + 村): jieba would have glued a kind of place into one
    word (农村, 新村)."""
    return (
        len(inside) == 2
        and inside[0][:2] == (end, m.end(1))
        and inside[1][:2] == (m.end(1), m.end())
        and (inside[0][3] or "").startswith("n")
    )


# A name listed right after a place and ending as it does is a place of that kind (某村、
# 某村; 某山与某山), however jieba cut it apart or took it for a person.
_LIST_JOINS = vocab.ordered("list_joins")
_LIST_ENDS = _PLACE_SUFFIX | vocab.chars("place_ends")


def _listed(analysis: Analysis, places: Sequence[Candidate]) -> list[tuple[int, int]]:
    """The item after each place in a list, of two to five characters on word edges,
    ending with the place's last character, when nothing in it is a verb or a function
    word and no word of it a common word (农村, 城乡, 年度 + 某县)."""
    text, tokens, edges = analysis.simplified, analysis.tokens, analysis.edges
    found = []
    for place in places:
        last = text[place.end - 1]
        if last not in _LIST_ENDS or place.end - place.start < 2:
            continue
        join = next((j for j in _LIST_JOINS if text.startswith(j, place.end)), None)
        start = place.end + len(join or "")
        if join is None or start not in edges:
            continue
        end = text.find(last, start + 1, start + 5) + 1
        if not end or end not in edges:
            continue
        inside = [tokens[k] for k in analysis.words_within(start, end)]
        item = text[start:end]
        if (
            not inside
            or item[0] in _GENERIC_STEM
            or not all("\u4e00" <= ch <= "\u9fff" for ch in item)
            or any(_not_in_a_name(t) for t in inside)
            or not all(_named_piece(t) for t in inside)
        ):
            continue
        found.append((start, end))
    return found


def _named_piece(token: Token) -> bool:
    """A word that can be part of a place's name: a name, a place, a word jieba does not
    know or a lone character (稔 + 海村, 某某 + 村), not a common word (年度, 城乡)."""
    tag = token[3]
    return tag is None or len(token[2]) == 1 or tag.startswith(("ns", "nr", "nz", "j"))


def _not_in_a_name(token: Token) -> bool:
    word, tag = token[2], token[3]
    if any(ch in _FUNCTION_CHARS for ch in word) and tag is not None:
        return True
    return tag is not None and tag.startswith(("v", "p", "c", "u", "d", "r", "m", "q", "t", "a"))


# A place before these is a currency, a clock's or a style: 挪威克朗, 北京时间, 中国式.
_NOT_PLACE_AFTER = tuple(
    sorted({w for w in vocab.ordered("currencies") if len(w) > 1} | vocab.words("not_place_before"))
)


@register
class Places(Component):
    name = "places"
    labels = frozenset({"LOC"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return (
            "lexicon:loc",
            "rule:abbreviation",
            "rule:place-suffix",
            "rule:place-chain",
            "rule:place-list",
            "rule:place-area",
            "rule:dateline",
            "jieba",
            "jieba:foreign-place",
        )

    def propose(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.simplified
        known = self.priority("lexicon:loc")
        out = [
            Candidate(start, end, "LOC", "lexicon:loc", known, 0.8)
            for start, end, label in composition(analysis).names
            if label == "LOC"
        ]
        abbr = self.priority("rule:abbreviation")
        out += [
            Candidate(i, i + 1, "LOC", "rule:abbreviation", abbr, 0.7)
            for i in abbreviations(analysis)
        ]
        suffix = self.priority("rule:place-suffix")
        out += [
            Candidate(start, end, "LOC", "rule:place-suffix", suffix, 0.5)
            for start, end in _suffixed_places(analysis)
        ]
        area = self.priority("rule:place-area")
        out += [
            Candidate(start, end, "LOC", "rule:place-area", area, 0.6)
            for start, end in _before_areas(analysis)
        ]
        dateline = self.priority("rule:dateline")
        out += [
            Candidate(m.start(1), m.end(1), "LOC", "rule:dateline", dateline, 0.7)
            for m in DATELINE_RE.finditer(text)
        ]
        out += [
            Candidate(w.start, w.end, "LOC", w.origin, self.priority(w.rule), w.confidence)
            for w in labelled_words(analysis)
            if w.label == "LOC"
        ]
        chain = self.priority("rule:place-chain")
        out += [
            Candidate(start, end, "LOC", "rule:place-chain", chain, 0.6)
            for start, end in _chained(analysis, [*out, *_committees(analysis)])
        ]
        # A place's business district, by its Latin code, is a place: 某某 + CBD.
        out += [
            c._replace(end=c.end + len(code), origin="rule:place-chain", priority=chain)
            for c in out
            for code in _DISTRICT_CODES
            if text.startswith(code, c.end) and not _LATIN.match(text, c.end + len(code))
        ]
        listed = self.priority("rule:place-list")
        out += [
            Candidate(start, end, "LOC", "rule:place-list", listed, 0.6)
            for start, end in _listed(analysis, out)
        ]
        # A place that names a currency or a clock is not where anything happens.
        return [c for c in out if not text.startswith(_NOT_PLACE_AFTER, c.end)]
