"""Quoted programmes and 《》 documents (GUIDELINES: POLICY, DOC), and programmes named
by their ending, by their stages (三年见成效) or known to the lexicon.

A 《》 title is a DOC, or a media outlet (ORG) when it ends like one; so is a place's
news account in quotes (“某市发布”). Quoted text is a
programme when it reads like one (a count, a slogan of parts, a programme ending) or
when a programme word follows it; once named in quotes, it is the same programme
wherever else the text writes it.
"""

from __future__ import annotations

import re

import ahocorasick

from annotator.core.suggest import segment, vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.compose import composition
from annotator.core.suggest.scan import kind_of, named_by

DOC_RE = re.compile(r"《([^《》\n]{2,120})》")

_MEDIA_END = re.compile(vocab.alternation("media_ends") + "$")

# What a 《》 title names when it is a work rather than a document: the kind of work
# after it (《某某》节目, 《某某》等央视栏目), or a song's title (《某某之歌》).
_WORK_AFTER = re.compile(
    r"(?:等)?[\u4e00-\u9fff]{0,4}?(?:" + vocab.alternation("kinds_of_work") + ")"
)
_WORK_END = re.compile(vocab.alternation("work_title_ends") + "$")

# Quoted text, in any of the marks Chinese writes quotes with: “”, ‘’ (mostly inside
# “”), and the corner marks of Traditional text 「」, 『』. Each kind is found on its
# own, so a quote inside another is found too.
_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
QUOTES = tuple(
    re.compile(f"{opening}([^{opening}{closing}\\n]{{2,40}}){closing}")
    for opening, closing in _PAIRS
)
CLOSING_QUOTES = frozenset(closing for _opening, closing in _PAIRS)
OPENING_QUOTES = {closing: opening for opening, closing in _PAIRS}

_POLICY_END = re.compile(vocab.alternation("quoted_policy_ends") + "$")

_NOT_POLICY = vocab.words("not_policies")
# …and what ranks or scopes a programme before its ending, no part of its name.
_PROGRAMME_LEADS = _NOT_POLICY | vocab.words("programme_ranks")

_QUESTION = re.compile(vocab.alternation("question_words"))

# Programmes are often named by a count: 五个一批, 两个走访, 三项重点工作, 十大行动.
_COUNTED_NAME = re.compile(
    "^["
    + "".join(sorted(vocab.chars("numerals") - {"几", "多"}))
    + "]+["
    + "".join(sorted(vocab.chars("programme_counters")))
    + "][\u4e00-\u9fff]{2,}"
)

# Unquoted programme names end in one of these (富民兴村行动, 桉树种植退减工程).
POLICY_END = re.compile(vocab.alternation("programme_ends") + r"(?![\u4e00-\u9fff]*[”’])")

# A quoted name directly followed by what it names is a programme: “绿美鹤山”行动,
# “产业强区”发展路径, “亮诺亮绩亮牌”行动.
CAMPAIGN_AFTER = re.compile(vocab.alternation("campaign_after"))

# After a quote, what shows it describes something rather than names a programme:
# “某某、某某”的生动画卷, “某某、某某”等方式.
_DESCRIBED = re.compile(
    r"(?:的|等)?[\u4e00-\u9fff]{0,2}?(?:" + vocab.alternation("described_after_quotes") + ")"
)

_CN = vocab.char_class("chinese_digits")
_SLOGAN_PART = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_COUNT = vocab.char_class("numerals")

# A slogan of counted parts: 三看两问, 一核两翼, 五纵七横, 两轴三带.
_COUNTED_PARTS = re.compile(rf"(?:{_COUNT}+(?:(?!{_COUNT})[\u4e00-\u9fff]){{1,3}}){{2,4}}")


# A staged goal: a count of years and what they promise (三年见成效, 五年大变样).
_STAGED_GOAL = re.compile(
    rf"(?<!{_COUNT})(?<!\d){_COUNT}{{1,2}}年(?:内)?(?:" + vocab.alternation("staged_goals") + ")"
)


# A chief answerable for one thing: 河长制, 林长制, 链长制.
_CHIEF_SYSTEM = re.compile(r"[\u4e00-\u9fff](?:" + vocab.alternation("chief_systems") + ")")


def _chief_systems(analysis: Analysis) -> list[tuple[int, int]]:
    """Where a chief's programme is named: not where the chief is a common word (家长制),
    nor where the system's last character begins a word jieba knows (李长 + 制定)."""
    common = segment.dictionary().common
    tokens = analysis.tokens
    found = []
    for m in _CHIEF_SYSTEM.finditer(analysis.simplified):
        last = tokens[analysis.word_at(m.end() - 1)]
        if m.group()[:2] in common or (
            last[0] == m.end() - 1 and last[1] > m.end() and last[3] is not None
        ):
            continue
        found.append(m.span())
    return found


# A conversion programme named short: what is changed, 改, and into what (白改黑: dirt
# roads to asphalt, 煤改气), or what is renewed (工改: old industrial land, 旧改).
_CONVERSION = re.compile(r"[\u4e00-\u9fff]{1,2}改[\u4e00-\u9fff]?")

# A programme numbered by its parts, a letter for the open-ended ones: 1+6+3, 1+N+X.
_NUMBERED = re.compile(r"(?=.*\d)[0-9A-Z]+(?:\s*\+\s*[0-9A-Z]+)+")


def is_policy(inner: str) -> bool:
    """Does quoted text name a programme, campaign or strategy (GUIDELINES: POLICY)?"""
    if inner in _NOT_POLICY or any(ch in inner for ch in "。！？，,!?") or _QUESTION.search(inner):
        return False  # a sentence or a question
    if re.fullmatch(rf"\d{{3,}}|{_CN}+个{_CN}+", inner) or _NUMBERED.fullmatch(inner):
        return True
    if _COUNTED_NAME.match(inner) or _CONVERSION.fullmatch(inner):
        return True
    if "+" in inner and re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:\+[\u4e00-\u9fff]{2,8})?\+?", inner):
        # A model named by two things joined (党建+文旅, 海岛+); three or more worded
        # parts list what goes into something (美食+住宿+购物), and name nothing.
        return True
    if _COUNTED_PARTS.fullmatch(inner) or _STAGED_GOAL.fullmatch(inner):
        return True
    parts = inner.split("、")
    if len(parts) >= 2 and all(_SLOGAN_PART.match(p) for p in parts):
        return True
    return bool(_POLICY_END.search(inner)) and len(inner) >= 4


_ACCOUNT_END = vocab.ordered("account_ends")


def _account(analysis: Analysis, start: int, end: int) -> bool:
    """Is the quoted text from ``start`` to ``end`` a place's news account (“某市发布”)?"""
    text = analysis.simplified
    ending = next((e for e in _ACCOUNT_END if text.endswith(e, start, end)), "")
    return bool(ending) and (end - len(ending), "LOC") in analysis.lattice.get(start, ())


def _new_place(analysis: Analysis, start: int, end: int) -> bool:
    """Does quoted text from ``start`` to ``end`` name a goal: what to make of a place,
    new (“再造一个新某市”, “建设具有影响力的新某县”)? A bare “新某市” names the place."""
    text = analysis.simplified
    return any(
        text[s - 1] == "新" and (end, "LOC") in analysis.lattice.get(s, ())
        for s in range(start + 2, end - 1)
    )


def _idiom(analysis: Analysis, start: int, end: int) -> bool:
    """Is the text from ``start`` to ``end`` one word jieba knows as an idiom (i)?"""
    i = analysis.by_start.get(start)
    return i is not None and analysis.tokens[i][1] == end and analysis.tokens[i][3] == "i"


def _occurrences(text: str, surfaces: set[str]) -> list[tuple[int, int]]:
    """Every occurrence of every surface, in one pass over the text."""
    automaton = ahocorasick.Automaton()
    for surface in surfaces:
        automaton.add_word(surface, len(surface))
    automaton.make_automaton()
    return [(end + 1 - n, end + 1) for end, n in automaton.iter(text)]


@register
class Quoted(Component):
    name = "quoted"
    labels = frozenset({"POLICY", "DOC", "ORG"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return (
            "rule:book-title",
            "rule:quoted",
            "rule:quoted-again",
            "rule:programme",
            "lexicon:policy",
        )

    def propose(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.simplified
        out: list[Candidate] = []
        add = out.append
        book = self.priority("rule:book-title")
        for m in DOC_RE.finditer(text):
            if _WORK_AFTER.match(text, m.end()) or _WORK_END.search(m.group(1)):
                continue  # a programme, a song, a film: a work, no document (GUIDELINES)
            label = "ORG" if _MEDIA_END.search(m.group(1)) else "DOC"
            add(Candidate(m.start(1), m.end(1), label, "rule:book-title", book, 0.9))
        quoted = self.priority("rule:quoted")
        policies = set()
        for m in (m for pattern in QUOTES for m in pattern.finditer(text)):
            inner = m.group(1)
            if _idiom(analysis, m.start(1), m.end(1)):
                continue  # “一举两得”: counted like a programme, but a saying
            if _account(analysis, m.start(1), m.end(1)):
                add(Candidate(m.start(1), m.end(1), "ORG", "rule:quoted", quoted, 0.85))
                continue
            if CAMPAIGN_AFTER.match(text, m.end()) or (
                (is_policy(inner) or _new_place(analysis, m.start(1), m.end(1)))
                and not _DESCRIBED.match(text, m.end())
            ):
                policies.add(inner)
                add(Candidate(m.start(1), m.end(1), "POLICY", "rule:quoted", quoted, 0.85))
        # A programme named once in quotes is the same programme unquoted elsewhere.
        if policies:
            again = self.priority("rule:quoted-again")
            for start, end in _occurrences(text, policies):
                add(Candidate(start, end, "POLICY", "rule:quoted", again, 0.8))
        programme = self.priority("rule:programme")
        for m in _STAGED_GOAL.finditer(text):
            add(Candidate(m.start(), m.end(), "POLICY", "rule:programme", programme, 0.6))
        for start, end in _chief_systems(analysis):
            add(Candidate(start, end, "POLICY", "rule:programme", programme, 0.6))
        for start, end in named_by(analysis, POLICY_END, _PROGRAMME_LEADS, 14):
            if not kind_of(analysis, start, end):  # 关键 + 工程 (GUIDELINES: not 头号工程)
                add(Candidate(start, end, "POLICY", "rule:programme", programme, 0.6))
        known = self.priority("lexicon:policy")
        for start, end, label in composition(analysis).names:
            if label == "POLICY":
                add(Candidate(start, end, "POLICY", "lexicon:policy", known, 0.8))
        return out
