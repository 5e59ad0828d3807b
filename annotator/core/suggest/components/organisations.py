"""Organisations (GUIDELINES: ORG): what the lexicon's composition reads as one (place
+ body, level + body), a body named by the words before it (某某市 + 乡村旅游发展 + 委员会),
jieba's organisations, and companies named after people."""

from __future__ import annotations

import re
from typing import Any

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component, Token
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.compose import composition
from annotator.core.suggest.dotted import dotted_names
from annotator.core.suggest.firms import PROPER_TAGS, companies, listed_firms
from annotator.core.suggest.fitting import fits_words
from annotator.core.suggest.lexicon import LEVEL_CHARS
from annotator.core.suggest.scan import named_before
from annotator.core.suggest.words import labelled_words

_BODY_GENERIC = vocab.words("generic_body_leads")

_NATIONAL = vocab.words("national_leads")


_PROPER_PIECES = frozenset({"LOC", "ORG", "NAME"})


_FUNCTION_CHARS = vocab.chars("function_chars")

_DEMONSTRATIVES = vocab.chars("demonstratives")

_BODY_WORD_TAGS = frozenset({"nt", "nis"})

_HARD_TAGS = ("f", "m", "q", "r", "t", "p", "d", "c", "u", "a")

# Verbs that move something somewhere (设在, 搬进, 进入) take an object, not a body's field.
_VERB_ENDS_MOTION = vocab.chars("motion_verb_ends")

# What a verb inside a name runs into: a common noun or the body word (扶贫 委员会);
# a verb before a place or a person is a predicate (战胜 韩国女队, 安排 老王).
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


def named_bodies(analysis: Analysis) -> list[tuple[int, int]]:
    """The organisations named by the words before their body word, as ``(start, end)``;
    built once per analysis (titles read them too)."""
    return analysis.shared("named_bodies", _fitting_named_bodies)


def _fitting_named_bodies(analysis: Analysis) -> list[tuple[int, int]]:
    pieces = composition(analysis).pieces
    return [
        (start, end)
        for start, end in _named_bodies(analysis)
        if fits_words(analysis, pieces, start, end, "ORG")
    ]


def _named_bodies(analysis: Analysis) -> list[tuple[int, int]]:
    """An organisation named by the words before its body word, back to the name's
    edge: 江门市 乡村 旅游 发展 委员会, 森林 防火 领导小组, 德国 钢铁 协会.

    The words before the body must hold something proper (a place, an organisation,
    a word jieba does not know) or be a name of two words or more; 有关部门 is not one.
    """
    tokens, edges, text = analysis.tokens, analysis.edges, analysis.simplified
    lattice = composition(analysis).pieces
    body_at: dict[int, int] = {}  # end -> start of the longest body word ending there
    is_type: dict[int, bool] = {}
    for start, ends in lattice.items():
        for end, kind in ends:
            if kind not in ("BODY", "TYPE") or end not in edges:
                continue
            at = start
            if at not in edges:
                # A body word at the end of a word jieba knows as an organisation's (广电
                # + 旅游局): that whole word ends the name (but not 军 + 队).
                word = tokens[analysis.word_at(at)]
                if word[1] != end or word[3] not in _BODY_WORD_TAGS:
                    continue
                at = word[0]
            if at < body_at.get(end, end):
                body_at[end] = at
                is_type[end] = kind == "TYPE"
    if not body_at:
        return []
    body_ends = set(body_at)
    endings = sorted((at, end) for end, at in body_at.items())
    out = []
    for start, end in named_before(analysis, endings, _BODY_GENERIC, 16):
        at = body_at[end]
        if text[at] in LEVEL_CHARS and at in body_ends:
            continue  # a body by its level after another body: 某市委 + 市政府 are two
        # Numbers, times, directions, function words and datelines end an organisation's
        # name, and so does a verb before a name or a place (战胜 韩国女队); a verb
        # before a common noun or the body stays inside (乡村 扶贫 委员会).
        inside = analysis.words_within(start, at)
        for k in inside:
            if _ends_org_name(tokens[k], tokens[k + 1] if k + 1 < len(tokens) else None):
                start = tokens[k][1]
        # Common nouns before a place or an organisation are not its name: 航线 +
        # 智利航空公司, 比赛 中 战胜 + 泰国女队.
        for k in inside:
            t_start = tokens[k][0]
            if t_start < start:
                continue
            if any(kind in ("LOC", "ORG") for _e, kind in lattice.get(t_start, ())):
                national = k > 0 and tokens[k - 1][2] in _NATIONAL and not is_type[end]
                start = tokens[k - 1][0] if national else t_start
                break
            if not (tokens[k][3] or "").startswith(("n", "v")) or tokens[k][3] in PROPER_TAGS:
                break
        if at - start < 2:
            continue
        proper = {
            kind
            for s in range(start, at)
            for e, kind in lattice.get(s, ())
            if e <= at and kind in _PROPER_PIECES
        }
        # Words of kind (b: 三甲, 大型, 县级) class a body, and name none: 省 + 三甲 + 医院.
        words = sum(1 for k in inside if tokens[k][0] >= start and tokens[k][3] != "b")
        if is_type[end]:
            proper.discard("LOC")  # 美国公司 is any American company
        if proper or words >= 2:
            out.append((start, end))
    # A department named by two fields joined by 和 (某市 + 住房 和 城乡建设 + 局): the
    # join ends the scan above; a level or a place before the first field names it.
    named = dict((end, start) for start, end in out)
    for at, end in endings:
        head = _joined_fields(analysis, named.get(end, at), lattice)
        if head is not None:
            named[end] = head
    return sorted((start, end) for end, start in named.items())


_FIELD_JOINS = vocab.words("field_joins")

_FIELD_TAGS = ("n", "vn", "l", "j")


def _field(token: Token, lattice: Any) -> bool:
    """A common noun that can name a department's field (住房, 自然资源), not a body, an
    organisation or a place of its own."""
    kinds = {kind for e, kind in lattice.get(token[0], ()) if e == token[1]}
    tag = token[3] or ""
    return (
        not kinds & {"BODY", "TYPE", "ORG", "LOC", "LEVEL"}
        and tag.startswith(_FIELD_TAGS)
        and tag not in PROPER_TAGS
    )


def _joined_fields(analysis: Analysis, start: int, lattice: Any) -> int | None:
    """Where the name that ends at a body word (from ``start``, after at most two field
    words) has a join before it (住房 + 和 + 城乡建设局), the start of the level or place
    before the first field (县 + 住房); else None. The fields are common nouns, not bodies
    of their own (镇党委 + 和 + 镇政府 are two)."""
    tokens = analysis.tokens
    k = analysis.word_at(start) - 1
    if k < 0 or tokens[k][1] != start:
        return None
    for _ in range(2):
        if k < 1 or tokens[k][2] in _FIELD_JOINS or not _field(tokens[k], lattice):
            break
        k -= 1
    if k < 1 or tokens[k][2] not in _FIELD_JOINS:
        return None
    for j in range(k - 1, max(k - 4, -1), -1):
        t_start, t_end = tokens[j][0], tokens[j][1]
        kinds = {kind for e, kind in lattice.get(t_start, ()) if e == t_end}
        if j < k - 1 and kinds & {"LEVEL", "LOC"}:
            return t_start
        if not _field(tokens[j], lattice):
            return None
    return None


@register
class Organisations(Component):
    name = "organisations"
    labels = frozenset({"ORG"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return (
            "lexicon:org",
            "rule:named-body",
            "rule:company",
            "rule:listed-firm",
            "rule:source-credit",
            "rule:station",
            "rule:dotted-name:org",
            "jieba",
        )

    def propose(self, analysis: Analysis) -> list[Candidate]:
        comp = composition(analysis)
        known = self.priority("lexicon:org")
        out = [
            Candidate(start, end, "ORG", "lexicon:org", known, 0.8)
            for start, end, label in comp.names
            if label == "ORG"
        ]
        named = self.priority("rule:named-body")
        out += [
            Candidate(start, end, "ORG", "rule:named-body", named, 0.6)
            for start, end in named_bodies(analysis)
        ]
        company = self.priority("rule:company")
        out += [
            Candidate(start, end, "ORG", "rule:company", company, 0.5)
            for start, end in companies(analysis)
        ]
        listed = self.priority("rule:listed-firm")
        out += [
            Candidate(start, end, "ORG", "rule:listed-firm", listed, 0.6)
            for start, end in listed_firms(analysis)
        ]
        credit = self.priority("rule:source-credit")
        out += [
            Candidate(start, end, "ORG", "rule:source-credit", credit, 0.7)
            for start, end in _credited(analysis)
        ]
        station = self.priority("rule:station")
        out += [
            Candidate(start, end, "ORG", "rule:station", station, 0.7)
            for start, end in _stations(analysis)
        ]
        dotted = self.priority("rule:dotted-name:org")
        out += [
            Candidate(start, body, "ORG", "rule:dotted-name", dotted)
            for start, _end, body in dotted_names(analysis)
            if body
        ]
        out += [
            Candidate(w.start, w.end, "ORG", w.origin, self.priority(w.rule), w.confidence)
            for w in labelled_words(analysis)
            if w.label == "ORG"
        ]
        return out + _with_editions(analysis, out)


# A source credit (来源：某某日报), where a line, a space or a separator opens it: the name
# after it, alone up to the end of the line, a space or a separator, is the outlet the
# report is taken from, whatever the lexicon knows of it (来源：某市 + 发布 is the city's
# outlet, not the city).
_CREDIT = re.compile(
    r"(?<![\u4e00-\u9fff])"
    + vocab.alternation("source_credits")
    + r"[:：]\s*([\u4e00-\u9fffA-Za-z0-9+⁺·]{2,16})(?=\s|$|[|｜,，。;；(（【])"
)
_CHANNEL = re.compile(vocab.alternation("outlet_channels") + "$")
_NOT_OUTLETS = vocab.ordered("not_outlets")
_REPORTERS = re.compile(vocab.alternation("reporter_titles"))


def _credited(analysis: Analysis) -> list[tuple[int, int]]:
    """The outlets named in source credits, without a channel after the name (某某网 +
    客户端) or a reporter's title and name (某某日报 + 记者 + 某某)."""
    text = analysis.simplified
    found = []
    for m in _CREDIT.finditer(text):
        start, end = m.span(1)
        reporter = _REPORTERS.search(text, start, end)
        if reporter:
            end = reporter.start()
        channel = _CHANNEL.search(text, start, end)
        if channel and channel.start() - start >= 2:
            end = channel.start()
        name = text[start:end]
        if len(name) >= 2 and not name.isdigit() and not name.startswith(_NOT_OUTLETS):
            found.append((start, end))
    return found


def _stations(analysis: Analysis) -> list[tuple[int, int]]:
    """A place's broadcaster written short before its reporter: 某市 + 台 + 记者 (台 alone
    is a platform or a stage elsewhere; before a reporter, the station)."""
    found = []
    for m in _STATION.finditer(analysis.simplified):
        place = analysis.piece_before(m.start(), ("LOC",))
        if place is not None:
            found.append((place, m.end()))
    return found


_STATION = re.compile("台(?=" + vocab.alternation("reporter_titles") + ")")


# A newspaper's press and its editions stay in its name: 某某日报 + 社, + 海外版.
_EDITION = re.compile(vocab.alternation("media_editions"))


def _with_editions(analysis: Analysis, found: list[Candidate]) -> list[Candidate]:
    """Each newspaper found (…报) again with the press or edition written after it."""
    text = analysis.simplified
    out = []
    for c in found:
        m = _EDITION.match(text, c.end) if text[c.end - 1] == "报" else None
        if m and m.end() in analysis.edges:  # not the 社 of 社会
            out.append(c._replace(end=m.end()))
    return out
