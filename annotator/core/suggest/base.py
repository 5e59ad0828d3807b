"""What every component proposes, and what a component is."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

if TYPE_CHECKING:
    from annotator.core.suggest.analysis import Analysis

# A word of the segmented Simplified text: (start, end, word, tag); tag None when jieba
# made the word up (HMM) rather than finding it in a dictionary.
Token = tuple[int, int, str, str | None]


class Candidate(NamedTuple):
    """A proposed span over the Simplified view of an article (same offsets as the text).

    ``origin`` names the rule that proposed it (stored with the span); ``priority``
    decides overlaps in the merge (from ``resources/suggest.json``).

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


class Component:
    """One suggester over the shared :class:`Analysis` (spaCy's pipeline component).

    A subclass is registered by name (``components.register``), declares the labels it
    proposes, and takes the priorities of its rules from the pipeline's config. It reads
    the analysis and never recomputes what the analysis holds.
    """

    name: ClassVar[str] = ""
    labels: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, priorities: Mapping[str, int], **_resources: Any) -> None:
        missing = sorted(k for k in self.rules() if k not in priorities)
        if missing:
            raise KeyError(f"resources/suggest.json: {self.name} has no priority for {missing}")
        self.priorities = dict(priorities)

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        """The keys of ``priorities`` this component reads."""
        return ()

    def priority(self, rule: str) -> int:
        return self.priorities[rule]

    def propose(self, analysis: Analysis) -> list[Candidate]:
        raise NotImplementedError

    def extend(self, analysis: Analysis, chosen: list[Candidate]) -> list[Candidate]:
        """More candidates once the merge has chosen (a name found once is a name
        wherever else it is written); each must overlap nothing in ``chosen``."""
        return []
