"""Named meetings and events (GUIDELINES: EVENT): a name before a meeting word
(…推进大会, …论坛), and party congresses and plenums named by number."""

from __future__ import annotations

import re

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.scan import named_by

# Party congresses and plenums, named by number: 党的十八大, 十七届三中全会.
_CN = vocab.char_class("chinese_digits")
CONGRESS_RE = re.compile(f"党的{_CN}{{1,3}}大|{_CN}{{1,3}}届{_CN}{{1,3}}中全会")

EVENT_END = re.compile(
    "(?:"
    + vocab.alternation("meeting_verbs")
    + vocab.alternation("meeting_words")
    + "|"
    + vocab.alternation("event_ends")
    + ")"
)

_EVENT_GENERIC = vocab.words("generic_events")


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
            Candidate(start, end, "EVENT", "rule:event", event, 0.7)
            for start, end in named_by(analysis, EVENT_END, _EVENT_GENERIC, 18, meetings=True)
        ]
        return out
