"""Job titles and positions (GUIDELINES: TITLE), with the organisation or place written
directly before them: what the lexicon's composition reads as a title (某某 + 市委 +
书记, 镇 + 党委 + 副 + 书记), and a title after an organisation named by the words before
its body word (某县 + 住房和城乡建设局 + 局长)."""

from __future__ import annotations

import re

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component
from annotator.core.suggest.components.organisations import named_bodies
from annotator.core.suggest.components.quoted import CLOSING_QUOTES
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.compose import composition
from annotator.core.suggest.lexicon import LEVEL_CHARS, Lattice

# A candidate for a post is titled with it: 副主席 + 候选人.
_TAILS = vocab.ordered("title_tails")


@register
class Titles(Component):
    name = "titles"
    labels = frozenset({"TITLE"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return ("lexicon:title",)

    def propose(self, analysis: Analysis) -> list[Candidate]:
        priority = self.priority("lexicon:title")
        # A title with the organisation written directly before it is one title
        # (GUIDELINES): also where the lexicon does not know the organisation whole, but
        # the words before its body word name it (某县 + 住房和城乡建设局 + 局长).
        bodies: dict[int, int] = {}
        for start, end in named_bodies(analysis):
            bodies[end] = min(start, bodies.get(end, start))
        text = analysis.simplified
        return _own_reporters(analysis, priority) + [
            Candidate(
                _after_quote(analysis, _after_outlet(analysis, bodies.get(start, start), end), end),
                end + next((len(t) for t in _TAILS if text.startswith(t, end)), 0),
                "TITLE",
                "lexicon:title",
                priority,
                0.8,
            )
            for start, end, label in composition(analysis).names
            if label == "TITLE"
        ]


_OUTLETS = tuple(w for w in vocab.ordered("media_bodies", "media_ends") if len(w) >= 2)
# A reporter's title, with the words like 副 before it (全媒体 + 记者).
_REPORTER = re.compile(
    "(?:" + vocab.alternation("title_modifiers") + ")*" + vocab.alternation("reporter_titles")
)


def _after_outlet(analysis: Analysis, start: int, end: int) -> int:
    """Where a title after a news outlet starts: the outlet is an organisation of its
    own and the title is the reporter's (某市新闻网 + 记者, 某某日报 + 全媒体记者), not a
    post in it."""
    text, lattice = analysis.simplified, analysis.lattice
    known = {e for e, kind in lattice.get(start, ()) if kind == "ORG"}
    for at in range(start + 2, end):
        reporter = _REPORTER.fullmatch(text, at, end) is not None
        if text.endswith(_OUTLETS, start, at) and (
            reporter or (end, "TITLE") in lattice.get(at, ())
        ):
            return at
        if reporter and at in known:  # 某某网 + 记者; but 某市委 + 书记 is one title
            return at
    return start


def _after_quote(analysis: Analysis, start: int, end: int) -> int:
    """Where a title right after a closing quote starts: the quote cut the name of the
    body that holds the post (市“某某工程” + 指挥部 + 总指挥), and the title is the post
    after that body (GUIDELINES: → 总指挥); a body named by its level is one of its own
    (…”市委书记)."""
    if not start or analysis.simplified[start - 1] not in CLOSING_QUOTES:
        return start
    if analysis.simplified[start] in LEVEL_CHARS:
        return start  # a body of its own (…”市委书记): the title is whole
    lattice = analysis.lattice
    for at, kind in lattice.get(start, ()):
        if kind == "BODY" and _post(lattice, at, end):
            return at
    return start


def _post(lattice: Lattice, at: int, end: int) -> bool:
    """Is ``at:end`` a title, with the words like 副 before it that the lattice marks
    (常务 + 副 + 主任)?"""
    while (end, "TITLE") not in lattice.get(at, ()):
        at = next((e for e, kind in lattice.get(at, ()) if kind == "VICE" and e < end), end)
        if at >= end:
            return False
    return True


_OWN_OUTLETS = vocab.ordered("own_outlets")
_OWN_FIRST = re.compile(vocab.first_class("own_outlets"))


def _own_reporters(analysis: Analysis, priority: int) -> list[Candidate]:
    """A reporter's title in one word with the paper naming itself (本报记者, 本台
    通讯员): the title, and the paper no organisation."""
    found = []
    for k in analysis.words_at(_OWN_FIRST):
        start, end, word, _tag = analysis.tokens[k]
        own = next((o for o in _OWN_OUTLETS if word.startswith(o)), "")
        if own and _REPORTER.fullmatch(word, len(own)):
            found.append(Candidate(start + len(own), end, "TITLE", "lexicon:title", priority, 0.8))
    return found
