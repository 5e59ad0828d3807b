"""Places (GUIDELINES: LOC): what the lexicon's composition reads as a place or a chain
of places, abbreviated countries and cities (中美关系, 访华), an unknown name with its
level (某某县), the place of a dateline, and jieba's places and foreign places."""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component, Token
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.compose import composition
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

# One-character country and city abbreviations, as news writes them: 中美关系, 访华, 在京,
# 中方, 俄总统. Found on word edges, so 美丽 or 京剧 never yield a place.
_ABBR = vocab.chars("country_abbreviations")

_ABBR_CITY = vocab.chars("city_abbreviations")

_ABBR_ANY = _ABBR | _ABBR_CITY

# Those that also stand alone before a noun (以, 加, 中, 意 are everyday words too).
_ABBR_ALONE = vocab.chars("lone_country_abbreviations")

_ABBR_VERB = vocab.chars("abbreviation_verbs")

# Countries abbreviated only beside another country and a noun of countries: 中葡双方,
# 中、阿建交, 埃中两国, 中蒙边界. One of the pair is a major one (below).
_ABBR_PAIRED = vocab.chars("country_abbreviations", "paired_country_abbreviations")

_ABBR_MAJOR = vocab.chars("major_country_abbreviations")

_PAIR_NOUNS = vocab.ordered("pair_nouns")

# Prepositions the HMM glues to a pair of major countries after them (以美中, 从中美).
_BEFORE_PAIR = vocab.chars("glued_prepositions")

_ABBR_START = _ABBR_ANY | _ABBR_VERB

# What a word that holds an abbreviation starts with (below: only those words are read).
_ABBR_FIRST = re.compile(
    "[" + re.escape("".join(sorted(_ABBR_PAIRED | _BEFORE_PAIR | _ABBR_START))) + "]"
)

_COUNTRY_NOUNS = vocab.words("country_nouns")

_GLUED_VERBS = vocab.words("glued_verbs")

# Pairs of abbreviations that are everyday words first (加以, 美德, 日中 'midday').
_EVERYDAY_PAIRS = vocab.words("everyday_pairs")


def _bare_pair(pair: str) -> bool:
    """A pair of country abbreviations with nothing after it that is still a pair of
    countries: not an everyday word, and 以 (also 'with') only in 巴以 and 以巴."""
    return pair not in _EVERYDAY_PAIRS and ("以" not in pair or pair in ("巴以", "以巴"))


def _country_pair(word: str) -> int:
    """Length of a run of two or three country abbreviations that begins ``word``
    when the rest of it is nothing or a noun of countries (中美, 中美关系); else 0."""
    for n in (3, 2):
        head, rest = word[:n], word[n:]
        if (
            len(head) == n
            and len(set(head)) == n
            and all(ch in _ABBR for ch in head)
            and (rest in _COUNTRY_NOUNS or (not rest and _bare_pair(head)))
        ):
            return n
    return 0


def _paired(text: str, start: int) -> list[int]:
    """Offsets of a run of country abbreviations at ``start`` (中美, 中、阿, 中朝韩) that a
    noun of countries follows, however jieba glued the words: 中美等国, 中葡双方."""
    run: list[int] = []
    i = start
    while i < len(text) and text[i] in _ABBR_PAIRED and len(run) < 3:
        run.append(i)
        i += 1
        if text[i : i + 1] == "、" and text[i + 1 : i + 2] in _ABBR_PAIRED:
            i += 1
    if len(run) == 3 and text[run[0]] in _BEFORE_PAIR and text[run[0] + 1] != "、":
        run = run[1:]  # 以|中法友好: 'with', then a pair
    chars = {text[j] for j in run}
    if (
        len(run) >= 2
        and len(chars) == len(run)
        and chars & _ABBR_MAJOR
        and (
            text.startswith(_PAIR_NOUNS, i)
            or any(text.startswith(noun, i) for noun in _COUNTRY_NOUNS if len(noun) > 1)
        )
    ):
        return run
    return []


def _abbreviations(analysis: Analysis) -> list[int]:
    text, tokens = analysis.simplified, analysis.tokens
    found: list[int] = []
    # Only the words that start with a character an abbreviation's word starts with: a
    # few in a hundred.
    for k in analysis.words_at(_ABBR_FIRST):
        start, _end, word, _tag = tokens[k]
        if word[0] in _ABBR_PAIRED and (not k or tokens[k - 1][2][-1:] not in _ABBR_PAIRED):
            run = _paired(text, start)
            if run:
                found.extend(run)
                continue
        if (
            _tag is None
            and len(word) == 3
            and word[0] in _BEFORE_PAIR
            and set(word[1:]) <= _ABBR_MAJOR
            and word[1] != word[2]
            and _bare_pair(word[1:])
        ):
            found.extend((start + 1, start + 2))  # 从|美中 glued by the HMM
            continue
        if word[0] not in _ABBR_START:
            continue
        nxt = tokens[k + 1][2] if k + 1 < len(tokens) else ""
        n = len(word)
        pair = _country_pair(word)
        if pair:
            found.extend(range(start, start + pair))  # 中美, 日俄, 中朝韩, 中美关系
        elif (
            n == 1
            and word in _ABBR
            and nxt in _ABBR
            and _bare_pair(word + nxt)
            and (not k or tokens[k - 1][2] not in _ABBR)
        ):
            found.extend((start, start + 1))  # 中/美 cut apart: 推进中美交流
        elif n == 2 and word[0] in _ABBR_VERB and word[1] in _ABBR_ANY:
            found.append(start + 1)  # 访华, 驻京, 对美 as one word
        elif (
            n >= 3
            and word[0] in _ABBR_VERB
            and word[1] in _ABBR_ANY
            and (word[2:] in _GLUED_VERBS or word[2:] in _COUNTRY_NOUNS)
        ):
            found.append(start + 1)  # 在京举行, 来华访问, 对华关系, 驻华大使: glued words
        elif n == 1 and word in _ABBR_ANY:
            before = tokens[k - 1][2] if k else ""
            if before[-1:].isdigit():
                continue  # 8日 + 国会: a date
            if nxt == "方" or (nxt in _COUNTRY_NOUNS and word in _ABBR_ALONE) or word == "俄":
                found.append(start)  # 俄总统, 中方; 俄 alone is always Russia (俄将)
            elif before and before[-1] in _ABBR_VERB and len(before) == 1 and word != "中":
                found.append(start)  # 访 + 华 cut apart (在 + 中 is mostly the 在…中 of a clause)
        elif n == 2 and word[1] == "方" and word[0] in _ABBR:
            found.append(start)  # 美方 as one word
    return found


_PLACE_SUFFIX = vocab.chars("place_levels")
_PLACE_SUFFIX_CHAR = re.compile(vocab.char_class("place_levels"))

# Stems that make a generic word with a place suffix (全县, 该市, 城乡), not a name.
_GENERIC_STEM = vocab.chars("generic_place_stems")


def _suffixed_places(analysis: Analysis) -> list[tuple[int, int]]:
    """An unknown name cut off before 县/市/镇… is a place with it (称多县, 泥汊镇)."""
    tokens = analysis.tokens
    found = []
    for k in analysis.words_at(_PLACE_SUFFIX_CHAR):
        _start, end, word, _tag = tokens[k]
        if word not in _PLACE_SUFFIX or k == 0:
            continue
        p_start, _p_end, stem, tag = tokens[k - 1]
        if (
            not 1 <= len(stem) <= 3
            or stem in _GENERIC_STEM
            or not all("\u4e00" <= c <= "\u9fff" for c in stem)
        ):
            continue
        if tag is None or tag.startswith(("nr", "ns", "nz")):
            found.append((p_start, end))
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
            if m is None or m.end() not in edges or end not in edges:
                break
            inside = [tokens[k] for k in analysis.words_within(end, m.end())]
            if not inside or any(_not_in_a_name(t) for t in inside):
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
            named = [t for t in inside if not (len(t[2]) == 2 and t is last and t[3] is not None)]
            if not any(
                t[3] is None or t[3].startswith(("ns", "nr", "nz", "j")) for t in named
            ) and not _noun_and_level(inside, end, m):
                break
            end = m.end()
            links.append((end, committee))
        while links and links[-1][1]:
            links.pop()
        if links:
            found.append((place.start, links[-1][0]))
    return found


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
            for i in _abbreviations(analysis)
        ]
        suffix = self.priority("rule:place-suffix")
        out += [
            Candidate(start, end, "LOC", "rule:place-suffix", suffix, 0.5)
            for start, end in _suffixed_places(analysis)
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
        # A place that names a currency or a clock is not where anything happens.
        return [c for c in out if not text.startswith(_NOT_PLACE_AFTER, c.end)]
