"""Named meetings and events (GUIDELINES: EVENT): a name before a meeting word
(…推进大会, …论坛), and party congresses and plenums named by number."""

from __future__ import annotations

import re
from bisect import bisect_left

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component, Token
from annotator.core.suggest.components.dates import DATE_RE, YEAR
from annotator.core.suggest.components.quoted import (
    CAMPAIGN_AFTER,
    CLOSING_QUOTES,
    QUOTES,
    is_policy,
)
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.lexicon import LEVEL_CHARS
from annotator.core.suggest.scan import kind_of, named_before

# Party congresses and plenums, named by number: 党的十八大, 十七届三中全会.
_CN = vocab.char_class("chinese_digits")
CONGRESS_RE = re.compile(f"党的{_CN}{{1,3}}大|{_CN}{{1,3}}届{_CN}{{1,3}}中全会")

# Multi-sport games, by name or by number (十五运会: the fifteenth National Games).
GAMES_RE = re.compile(
    f"(?:第?{_CN}{{1,3}}届)?" + vocab.alternation("multisport_games") + f"|{_CN}{{1,3}}运会"
)

_MILESTONE = vocab.alternation("project_milestones")

EVENT_END = re.compile(
    "(?:"
    + vocab.alternation("meeting_verbs")
    + vocab.alternation("meeting_words")
    + f"|(?:集中)?{_MILESTONE}(?:、?{_MILESTONE})*(?:活动|仪式)|"
    + vocab.alternation("event_ends")
    + ")"
)

_EVENT_GENERIC = vocab.words("generic_events")

# After a quoted theme, what makes it an event's name: “某某”专题晚会, “某某”发布会.
_THEMED = re.compile(
    "(?:" + vocab.alternation("event_theme_tails") + ")*(?:" + EVENT_END.pattern + "|活动|晚会)"
)


# The second of two occasions named as one: 某某大会暨 + 助力乡村建设活动. Within a
# clause (a list's 、 may be in it: 集中签约、动工仪式), up to its first event word.
_JOINED = re.compile(
    "(?:"
    + vocab.alternation("event_joins")
    + r")([^\s，。；：！？“”‘’「」『』（）(),.;:!?]{2,24}?(?:"
    + _THEMED.pattern
    + "))"
)
# …and the first of them ends in an event word right before the join (not 诸暨, 暨阳).
_FIRST = re.compile("(?:" + _THEMED.pattern + ")$")


def _joined(analysis: Analysis) -> list[tuple[int, int]]:
    text = analysis.simplified
    found = []
    for m in _JOINED.finditer(text):
        k = analysis.by_start.get(m.start())
        alone = k is not None and analysis.tokens[k][1] == m.start(1)
        if alone and _FIRST.search(text, max(0, m.start() - 12), m.start()):
            found.append((_meeting_start(analysis, m.start(1), m.end(1)), m.end(1)))
    return found


@register
class Events(Component):
    name = "events"
    labels = frozenset({"EVENT"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return ("rule:congress", "rule:event")

    def propose(self, analysis: Analysis) -> list[Candidate]:
        congress = self.priority("rule:congress")
        out = [
            Candidate(m.start(), m.end(), "EVENT", "rule:congress", congress, 0.8)
            for m in CONGRESS_RE.finditer(analysis.simplified)
        ]
        event = self.priority("rule:event")
        out += [
            Candidate(start, end, "EVENT", "rule:event", event, 0.8)
            for start, end in _games(analysis)
        ]
        endings = [m.span() for m in EVENT_END.finditer(analysis.simplified)]
        endings = sorted(endings + _unknown_celebrations(analysis))
        named = (
            (_meeting_start(analysis, start, end), end)
            for start, end in named_before(analysis, endings, _EVENT_GENERIC, 18, meetings=True)
        )
        out += [
            Candidate(start, end, "EVENT", "rule:event", event, 0.7)
            for start, end in named
            if start >= 0 and not _kind_of_event(analysis, start, end)
        ]
        out += [
            Candidate(start, end, "EVENT", "rule:event", event, 0.7)
            for start, end in _themes(analysis.simplified) + _after_quotes(analysis, endings)
        ]
        out += [
            Candidate(start, end, "EVENT", "rule:event", event, 0.7)
            for start, end in _joined(analysis)
            if start >= 0
        ]
        return out


def _games(analysis: Analysis) -> list[tuple[int, int]]:
    """Multi-sport games, with the place written right before them (某市 + 亚运会)."""
    found = []
    for m in GAMES_RE.finditer(analysis.simplified):
        place = analysis.piece_before(m.start(), ("LOC",))
        found.append((m.start() if place is None else place, m.end()))
    return found


# What ends a sentence: quoted words holding one are somebody's words, not a theme.
_SENTENCE_END = re.compile("[。！？!?；;]")


# A date written before a meeting's name is a DATE of its own (GUIDELINES).
_YEAR = re.compile(YEAR + "年?")
# What is left of a year's meeting that has no name: 第一次 + 会议.
_COUNTED_MEETING = re.compile(f"第[0-9{_CN[1:-1]}]{{1,3}}次" + EVENT_END.pattern)


_CELEBRATIONS = vocab.ordered("celebration_ends")
_CELEBRATION_CHAR = re.compile("[" + "".join(e for e in _CELEBRATIONS if len(e) == 1) + "]")


def _unknown_celebrations(analysis: Analysis) -> list[tuple[int, int]]:
    """Festivals jieba does not know, as endings of an event's name like 文化节: one
    unknown word of three characters that ends as a festival does (某某 + 潮玩节), or
    the festival's character as a word of its own after a noun (某地 + 稻田 + 节)."""
    tokens, found = analysis.tokens, []
    for m in _CELEBRATION_CHAR.finditer(analysis.simplified):
        k = analysis.word_at(m.start())
        start, end, word, tag = tokens[k]
        if end != m.end():
            continue
        if (tag is None and len(word) == 3) or (
            tag == "t" and len(word) == 1 and k > 0 and (tokens[k - 1][3] or "").startswith("n")
        ):
            found.append((start, end))
    return found


def _kind_of_event(analysis: Analysis, start: int, end: int) -> bool:
    """One common word and an event word name a kind of event, not one: 音乐 + 大赛,
    招商引资 + 推介会 (but 江城 + 音乐大赛; and a festival by what it celebrates,
    荔枝 + 音乐节)."""
    return kind_of(analysis, start, end) and not analysis.simplified.endswith(
        _CELEBRATIONS, start, end
    )


def _meeting_start(analysis: Analysis, start: int, end: int) -> int:
    """Where a meeting's name starts when a date or a place stands before it: a date is
    its own (2031 + 某某博览会, 第三季度 + 重大项目开工活动), and a place before 全市 or
    全省 the meeting's place (某市 + 全市高质量发展大会). The word that names a quoted
    programme is the programme's, not the meeting's: “某某”行动 + 某某片区推进会."""
    text = analysis.simplified
    named = (
        CAMPAIGN_AFTER.match(text, start) if start and text[start - 1] in CLOSING_QUOTES else None
    )
    if named and named.end() + 2 <= end and named.end() in analysis.edges:
        start = named.end()
    date = DATE_RE.match(text, start, end) or _YEAR.match(text, start, end)
    if date and date.end() + 2 <= end:
        start = date.end()
        if _COUNTED_MEETING.fullmatch(text, start, end):
            return -1  # 2031年 + 第一次会议: a date and a meeting of no name
    for at, kind in analysis.lattice.get(start, ()):
        if kind == "LOC" and at + 2 < end and text[at] == "全" and text[at + 1] in LEVEL_CHARS:
            return at
    return _with_term(analysis, start)


# The term of a body written before its place: 第十届 + 某市委员会第三次会议.
_TERM = re.compile(f"第{_CN}{{1,3}}届$")


def _with_term(analysis: Analysis, start: int) -> int:
    """A meeting of a body's term starts with the term and the body that holds it:
    政协 + 第十届 + 某市某区委员会常务委员会第三次会议 is one name, however long."""
    term = _TERM.search(analysis.simplified, max(0, start - 5), start)
    if term is None:
        return start
    at = term.start()
    body = analysis.piece_before(at, ("ORG", "BODY"))
    return at if body is None else body


# Words that may stand between a closing quote and a meeting's ending in its name: what
# the meeting is about (促进 + 城乡 + 协调发展, 三年 + 初见成效), no function word, no time.
_BREAKING = vocab.words("name_breaking_words") - vocab.words("meeting_topics")
_NOT_IN_NAME_TAGS = ("p", "c", "u", "r", "d", "t", "y", "e", "o", "x", "w")


def _after_quotes(analysis: Analysis, endings: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A meeting named right after a quoted programme that cuts its name runs from the quote
    (GUIDELINES: …“百千万工程”典型村建设工作推进会 → EVENT 典型村建设工作推进会), with
    what it is about, verbs too (“某某工程” + 促进城乡协调发展 + 现场推进会), up to the
    first meeting word of the clause; nothing when only a generic word is left."""
    text, tokens = analysis.simplified, analysis.tokens
    found = []
    for m in (m for pattern in QUOTES for m in pattern.finditer(text)):
        quote = m.end()
        if not is_policy(m.group(1)) or CAMPAIGN_AFTER.match(text, quote):
            continue  # a theme (see _themes), or a programme named with its word: “某某”行动
        i = bisect_left(endings, (quote + 2, 0))
        if i == len(endings) or endings[i][0] - quote > 18:
            continue
        at, end = endings[i]
        if end not in analysis.edges or text[quote:end] in _EVENT_GENERIC:
            continue
        within = analysis.words_within(quote, at)
        if not within or tokens[within.start][0] != quote or tokens[within[-1]][1] != at:
            continue
        if all(_about(tokens[k]) for k in within):
            found.append((_meeting_start(analysis, quote, end), end))
    return [(start, end) for start, end in found if start >= 0]


def _about(token: Token) -> bool:
    """Can this word be part of what a meeting named after a quote is about?"""
    word, tag = token[2], token[3] or ""
    if not word.isalnum() or word in _BREAKING:
        return False
    return not tag.startswith(_NOT_IN_NAME_TAGS)


def _themes(text: str) -> list[tuple[int, int]]:
    """A quoted theme followed only by generic event words is the event (GUIDELINES:
    “山海同行”主题发布会 → 山海同行); a quoted programme stays a programme, and
    quoted speech is no theme (“……。”会上)."""
    return [
        m.span(1)
        for pattern in QUOTES
        for m in pattern.finditer(text)
        if _THEMED.match(text, m.end())
        and not _SENTENCE_END.search(m.group(1))
        and not is_policy(m.group(1))
    ]
