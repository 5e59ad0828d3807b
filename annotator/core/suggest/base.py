"""What every suggester returns, and the priorities the merge uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

# A word of the segmented Simplified text: (start, end, word, tag); tag None when jieba
# made the word up (HMM) rather than finding it in a dictionary.
Token = tuple[int, int, str, str | None]


class Candidate(NamedTuple):
    """A proposed span over the Simplified view of an article (same offsets as the text).

    A named tuple: the pipeline makes tens of thousands of these per thousand articles,
    and a tuple is built three times faster than a frozen dataclass."""

    start: int
    end: int
    label: str
    origin: str
    priority: int
    confidence: float = 0.8

    @property
    def length(self) -> int:
        return self.end - self.start


class Suggester(Protocol):
    """Proposes candidates over Simplified text. Offsets equal the original text's.

    ``tokens`` is the text segmented once by the pipeline, for suggesters that need
    word edges.
    """

    name: str

    def propose(self, text: str, tokens: Sequence[Token]) -> list[Candidate]: ...


# Higher wins an overlap; within a tier the longer span wins (GUIDELINES: "prefer the
# longest span that is still one name").
PRIORITY = {
    "learned": 100,
    "doc": 90,
    "quoted": 85,
    "date": 80,
    "money": 80,
    "event": 75,
    "title_person": 70,
    "fac": 65,
    "abbr": 60,
    "policy": 83,  # named programmes of the lexicon (制造业当家, 绿美鹤山)
    # Lexicon compositions compete on length alone (鹤山 < 鹤山市 < 鹤山市委 < 鹤山市委书记).
    "title": 55,
    "org": 55,
    "loc": 55,
    "tagger": 20,
}
