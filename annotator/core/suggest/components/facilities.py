"""Named facilities (GUIDELINES: FAC): industrial parks, bridges, ports, parks, named
projects; a name before a facility word (…产业园, …大桥, …项目)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component, Token
from annotator.core.suggest.components.quoted import QUOTES, is_policy
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.lexicon import load_lexicon
from annotator.core.suggest.scan import counts, kind_of, named_by, names_one

_POINTING = vocab.chars("demonstratives")

_ENDS = vocab.alternation("facility_ends")
_PROJECT = vocab.alternation("project_words")
_PROJECTS = vocab.ordered("project_words")
FAC_END = re.compile(f"{_ENDS}(?:{_PROJECT})?|{_PROJECT}")

_FAC_GENERIC = vocab.words("generic_facility_leads")

# Facility words that name a facility only after something proper (白云 + 桥).
AFTER_NAME_END = re.compile(vocab.alternation("facility_ends_after_names"))
# …and a position jieba may glue to them (桥上): the word ends there all the same.
_POSITIONS = vocab.chars("facility_positions")

_FACILITY_AT_END = re.compile(f"{_ENDS}(?:{_PROJECT})?$")

_PROPER_TAGS = ("nr", "ns", "nt", "nz", "nis", "eng")

# Numbered lines of a transit system, with their phase: 地铁3号线, 轨道交通12号线二期工程.
_COUNT = "[0-9０-９" + "".join(sorted(vocab.chars("chinese_digits"))) + "]"
_TRANSIT = vocab.alternation("transit_systems")
LINE_RE = re.compile(
    f"{_TRANSIT}{_COUNT}{{1,3}}号线(?:{_COUNT}{{1,2}}期|首期)?(?:工程)?(?:{_PROJECT})?"
)


def _proper(token: Token) -> bool:
    """A place, a name, an organisation, or a word jieba does not know."""
    return (token[3] is None and not token[2].isdigit()) or (token[3] or "").startswith(
        _PROPER_TAGS
    )


def _overlapping(analysis: Analysis, start: int, end: int) -> list[Token]:
    """The words that overlap ``start:end``."""
    first = max(analysis.word_at(start), 0)
    last = analysis.word_at(end - 1)
    return analysis.tokens[first : last + 1]


def _unnamed_facility(analysis: Analysis, start: int, end: int) -> bool:
    """A kind of facility, not a named one: a dictionary word (高速铁路), a generic word
    and a facility word (海底隧道, 铁路隧道: the generic words are stripped before), or a
    …项目 with only common words before it (文旅项目, 重点项目).

    A named project has something proper in it: a place, a company, a word jieba does
    not know (信义节能玻璃项目, 隆基绿能项目), or a facility word (…隧道项目).
    """
    text = analysis.simplified
    project = next((p for p in _PROJECTS if text.endswith(p, start, end)), "")
    if not project:
        # One dictionary word that is no place is a kind of facility (高速铁路), unless
        # a place names it (秦岭 + 隧道).
        inside = _overlapping(analysis, start, end)
        ending = _FACILITY_AT_END.search(text, start, end)
        head = text[start : ending.start()] if ending else ""
        return (
            len(inside) == 1
            and inside[0][3] is not None
            and not inside[0][3].startswith(("ns", "nr", "nt", "nz"))
            and "LOC" not in load_lexicon().types.get(head, ())
        )
    body = end - len(project)
    if _FACILITY_AT_END.search(text[start:body]):
        return False
    inside = _overlapping(analysis, start, body)
    if inside and text[inside[-1][0] : body] in _FAC_GENERIC:
        return True  # a kind, whoever's: 某市 + 重点 + 项目 (jieba's 重点项目 too)
    while len(inside) > 1 and (inside[0][3] or "").startswith("v"):
        inside.pop(0)  # 发展 + 文旅项目: a verb before a project names no part of it
    if len(inside) == 1 and (inside[0][3] is None or inside[0][3].startswith("ns")):
        # A place's projects (鹤山项目: GUIDELINES make 鹤山 a LOC there), or one word
        # jieba does not know, mostly a field (文旅项目, 欧资项目), not a name.
        return True
    if any(t[3] in ("m", "mq") and not t[2].startswith("第") for t in inside):
        return True  # counted: 干成一个项目
    return not any(_proper(t) for t in inside)


@register
class Facilities(Component):
    name = "facilities"
    labels = frozenset({"FAC"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return ("rule:facility", "rule:line")

    def propose(self, analysis: Analysis) -> list[Candidate]:
        priority = self.priority("rule:facility")
        found = [
            (start, end)
            for start, end in named_by(analysis, FAC_END, _FAC_GENERIC, 16, kinds_lead=True)
            if not _unnamed_facility(analysis, start, end) and not kind_of(analysis, start, end)
        ]
        found += _after_names(analysis)
        found += _quoted_kinds(analysis.simplified)
        out = [Candidate(start, end, "FAC", "rule:facility", priority, 0.6) for start, end in found]
        line = self.priority("rule:line")
        out += [
            Candidate(m.start(), m.end(), "FAC", "rule:line", line, 0.7)
            for m in LINE_RE.finditer(analysis.simplified)
        ]
        return out


# After a quoted name, a kind of facility, or a count of them it heads: “某某”乡村振兴
# 示范带, “某某”等3条示范带.
_QUOTED_KIND = re.compile(
    f"(?:等{_COUNT}{{1,2}}条)?(?:" + vocab.alternation("quoted_facility_kinds") + ")"
)


def _quoted_kinds(text: str) -> list[tuple[int, int]]:
    """A quoted name right before a kind of facility is that facility (“某某”示范带 →
    FAC 某某); a quoted programme stays a programme."""
    return [
        m.span(1)
        for pattern in QUOTES
        for m in pattern.finditer(text)
        if _QUOTED_KIND.match(text, m.end()) and not is_policy(m.group(1))
    ]


def _with_project(analysis: Analysis, end: int) -> int:
    """The end of a facility's name with the project word written after it (GUIDELINES:
    FAC keeps 项目), where that word ends a word (not 项目 + 经理)."""
    text = analysis.simplified
    project = next((p for p in _PROJECTS if text.startswith(p, end)), "")
    return end + len(project) if project and end + len(project) in analysis.edges else end


def _firm_at_place(tokens: Sequence[Token], j: int, last: int) -> bool:
    """Is the guessed word ``j`` a firm's name before its site at a place (某某 + 环境 +
    某市 + 基地: the firm's base there)? The place is right before the facility word,
    and the guessed word starts the clause (after 的 or a mark)."""
    before = tokens[j - 1] if j > 0 else None
    return (
        (tokens[last][3] or "").startswith("ns")
        and len(tokens[j][2]) >= 2
        and (before is None or not before[2].isalnum() or before[3] in ("uj", "u"))
    )


def _after_names(analysis: Analysis) -> list[tuple[int, int]]:
    """Names before a facility word that needs one (白云桥, 某某故居): the ending starts
    a word, or ends a proper word jieba made of the whole (湛江港); the name is the run of
    nouns and proper words right before it, and holds something proper. A common word
    before it makes a kind (办公楼, 生产基地); a verb ends the name (走过 + 白云桥)."""
    tokens, text = analysis.tokens, analysis.simplified
    found = []
    for m in AFTER_NAME_END.finditer(text):
        at, end = m.span()
        k = analysis.word_at(at)
        if k < 0:
            continue
        holder = tokens[k]
        if holder[:2] == (at, end + 1) and text[end] in _POSITIONS:
            holder = (at, end, text[at:end], holder[3])  # 桥上: the bridge, and on it
        if holder[1] > end and holder[3] is not None:
            continue  # the ending begins a longer word (楼梯); jieba's guesses may glue it
        after = tokens[k + 1][3] if k + 1 < len(tokens) else None
        if (
            holder[:2] == (at, end)
            and (holder[3] or "").startswith("v")
            and (after or "").startswith("p")
        ):
            continue  # a verb before a preposition: 某地 + 站/v + 在 (stands), not a station
        # One word jieba knows as a place or a name, or guessed, may hold the ending
        # (湛江港); not a person's (jieba takes idioms for names). A common word that
        # ends in a word of two characters or more is a kind (烈士陵园), named by a
        # proper word before it; one character ends many a word of another kind (网站).
        whole = holder[3] is None or holder[3].startswith(("ns", "nz"))
        if holder[0] != at and (holder[1] != end or (not whole and end - at < 2)):
            continue
        # The name starts at the first proper word of the run (参观 + 叶挺故居).
        named = whole and holder[0] != at and len(holder[2]) - len(m.group()) >= 2
        start = holder[0] if named else -1
        last = j = k - 1
        while j >= 0 and at - tokens[j][0] <= 12:
            token = tokens[j]
            tag = token[3] or ""
            if counts(token):
                if not names_one(tokens[j + 1 : k]):
                    start = -1  # counted, so a kind: 两大 + 物流 + 基地
                break
            if not token[2].isalnum() or token[2] in _FAC_GENERIC or token[2][0] in _POINTING:
                break
            if not (_proper(token) or tag.startswith(("n", "j"))):
                break
            if token[3] is None and j != last and not _firm_at_place(tokens, j, last):
                break  # a word jieba guessed names a facility only right before its word
            if _proper(token) and len(token[2]) >= 2:
                start = token[0]
            j -= 1
        if start >= 0 and at - start >= 2:
            found.append((start, _with_project(analysis, end)))
    return found
