"""The components over one analysis, and the merge into flat spans.

The pipeline only assembles, filters and merges; it proposes nothing itself. Its
config (``resources/suggest.json``) names the components in order and the priority of
every rule. Each step is linear (or n log n) in the text's length:

- :meth:`Pipeline.analyse` computes the text's :class:`Analysis` once;
- :meth:`Pipeline.propose` gives every component's candidates (label, origin,
  priority), filtered, before any merge: what a learner stacked on the components reads;
- :meth:`Pipeline.merge` chooses flat, non-overlapping candidates from them;
- :meth:`Pipeline.suggest` does all three and returns pending spans; with a sequence
  model (:mod:`learner`), the model decides among the candidates instead of the merge
  alone.
"""

from __future__ import annotations

import copy
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from annotator.core.model import Span, SpanStatus
from annotator.core.resources import read_text
from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis, analyse
from annotator.core.suggest.base import Candidate, Component
from annotator.core.suggest.calibration import Evidence, evidence
from annotator.core.suggest.components import REGISTRY
from annotator.core.suggest.components.taught import Taught
from annotator.core.suggest.filters import outside_stop_words, trim, yield_to_tagged_words
from annotator.core.suggest.flat import flat, tiling
from annotator.core.suggest.learner import Features, ModelSource, body_word, body_words
from annotator.core.suggest.repeats import every_occurrence, repeated_names

# What joins the names of a list (甲、乙, 甲和乙), and two occasions named as one (甲暨乙).
_JOINS = vocab.ordered("list_joins", "event_joins")
# What a dateline writes after its day (5月6日 + 讯, + 电).
_DATELINE_MARKS = vocab.chars("dateline_marks")
# A short aside inside a word: 党(工)委, 推进(誓师)大会, 村(社区)书记.
ASIDE_RE = re.compile(r"(?<=[\u4e00-\u9fff])[(（][\u4e00-\u9fff]{1,4}[)）](?=[\u4e00-\u9fff])")


def _asides(analysis: Analysis) -> list[tuple[int, int]]:
    """Where the text's short asides are, found once per analysis."""
    return analysis.shared("asides", lambda a: [m.span() for m in ASIDE_RE.finditer(a.simplified)])


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    """``resources/suggest.json``: the components in order, the rules' priorities, and
    the labels whose names are repeated."""
    data: dict[str, Any] = json.loads(read_text("suggest.json"))
    unknown = [name for name in data["components"] if name not in REGISTRY]
    if unknown:
        raise KeyError(f"resources/suggest.json: no component named {unknown}")
    return data


class Pipeline:
    """Components in order, then filters (labels, taught rejections, stop words,
    garbled text and navigation lines), then the merge."""

    def __init__(
        self,
        components: Sequence[Component],
        *,
        labels: Iterable[str] | None = None,
        repeated: Mapping[str, int] | None = None,
        renames: Mapping[str, str] | None = None,
        model: ModelSource | None = None,
        model_config: Mapping[str, float] | None = None,
    ) -> None:
        self.components = list(components)
        self.labels = None if labels is None else frozenset(labels)
        # Labels the project renamed: components still say the old name.
        self.renames = dict(renames or {})
        self.repeated = dict(repeated or {})
        # What the annotators taught rejects candidates, where there is a project.
        self._taught = [c for c in self.components if isinstance(c, Taught) and c.teaches]
        self.model = model
        self.model_config = dict(model_config or config()["model"])

    def analyse(self, text: str) -> Analysis:
        return analyse(text)

    def propose(
        self, analysis: Analysis, *, every_label: bool = False, taught: bool = True
    ) -> list[Candidate]:
        """Every component's candidates, filtered, in the components' order; names
        written with a short aside inside them (党(工)委书记) are proposed whole too.
        ``every_label``: also labels outside the project's set (what a model reads);
        ``taught``: also what the annotators taught."""
        found = self._filtered(analysis, self._raw(analysis, taught), every_label)
        return found + self._across_asides(analysis, every_label, taught)

    def _raw(self, analysis: Analysis, taught: bool = True) -> list[Candidate]:
        found: list[Candidate] = []
        for component in self.components:
            if taught or not isinstance(component, Taught):
                found.extend(component.propose(analysis))
        return found

    def _filtered(
        self, analysis: Analysis, found: list[Candidate], every_label: bool = False
    ) -> list[Candidate]:
        found = self._renamed(found)
        if self.labels is not None and not every_label:
            found = [c for c in found if c.label in self.labels]
        for taught in self._taught:
            found = [c for c in found if not taught.rejects(analysis, c)]
        found = yield_to_tagged_words(analysis, found)
        found = outside_stop_words(analysis, found)
        text, simplified = analysis.text, analysis.simplified
        cleaned = []
        for c in found:
            start, end = trim(text, c.start, c.end)
            if c.label == "DATE" and simplified[end - 1 : end] in _DATELINE_MARKS:
                end -= 1  # 5月6日 + 讯: the dateline's mark
            if end <= start or analysis.is_unlabelled(start, end):
                continue
            cleaned.append(
                c if (start, end) == (c.start, c.end) else c._replace(start=start, end=end)
            )
        return cleaned

    def _across_asides(
        self, analysis: Analysis, every_label: bool = False, taught: bool = True
    ) -> list[Candidate]:
        """The sentences with an aside, analysed once more without their asides; what
        the components find there is mapped back, asides included, and competes with
        the rest by the usual priority and length. Only those sentences: linear."""
        text = analysis.text
        asides = _asides(analysis)
        if not asides:
            return []
        keep: list[int] = []  # offset in the text of each character of the reduced text
        a = 0
        for s_start, s_end in analysis.sentences:
            if a >= len(asides) or asides[a][0] >= s_end:
                continue
            if keep:
                keep.append(-1)  # a line break between sentences
            i = s_start
            while i < s_end:
                if a < len(asides) and asides[a][0] == i:
                    i = asides[a][1]
                    a += 1
                    continue
                keep.append(i)
                i += 1
        reduced = "".join(text[i] if i >= 0 else "\n" for i in keep)
        inner = self.analyse(reduced)
        out = []
        for c in self._filtered(inner, self._raw(inner, taught), every_label):
            first, last = keep[c.start], keep[c.end - 1]
            if first < 0 or last < 0 or -1 in keep[c.start : c.end]:
                continue
            if last + 1 - first > c.length:  # only names an aside sits inside
                out.append(c._replace(start=first, end=last + 1))
        return out

    def merge(self, analysis: Analysis, candidates: list[Candidate]) -> list[Candidate]:
        """Flat candidates, in order: the merge, then what components add once it has
        chosen (the rest of a list of names), then every other occurrence of a chosen
        name, merged again."""
        n = len(analysis.text)
        chosen = flat(candidates, n)
        extra = self._extend(analysis, chosen)
        chosen = flat(candidates + extra, n) if extra else chosen
        repeats = repeated_names(analysis, chosen, self.repeated)
        if repeats:
            everything = candidates + extra + repeats
            chosen = flat(everything, n)
            more = self._extend(analysis, chosen)
            if more:
                chosen = flat(everything + more, n)
        return chosen

    def _extend(self, analysis: Analysis, chosen: list[Candidate]) -> list[Candidate]:
        return [c for component in self.components for c in component.extend(analysis, chosen)]

    def features(self, analysis: Analysis) -> Features:
        """What the sequence model reads: every label's candidates (it was trained on
        all of them), the merge's choice, the words and the lattice. Not what the
        annotators taught: taught from the very articles a project's model learns
        from, it is always right there, and the model would learn to trust it where
        it is not (a place taught on its own, inside a longer name)."""
        # In the components' own label names, which the model learned them by: a label
        # the project renamed is still the same evidence (decide() renames what it keeps).
        plain = self
        if self.renames:
            plain = copy.copy(self)
            plain.renames = {}
        found = plain.propose(analysis, every_label=True, taught=False)
        return Features(
            analysis.simplified,
            analysis.tokens,
            found,
            plain.merge(analysis, found),
            analysis.lattice,
        )

    def _renamed(self, found: Sequence[Candidate]) -> list[Candidate]:
        """The candidates under the project's names for the labels it renamed."""
        renames = self.renames
        if not renames:
            return list(found)
        return [c._replace(label=renames[c.label]) if c.label in renames else c for c in found]

    def decide(self, analysis: Analysis) -> tuple[list[Candidate], list[Evidence]]:
        """The model's spans where the project's labels allow them, filtered like any
        candidate, and each written name at its every occurrence; what the annotators
        taught fills what they leave. Where the model is unsure a text holds nothing
        (text unlike what it learned from), the components' own choice stands. Each
        with its evidence for the model's calibration."""
        assert self.model is not None
        features = self.features(analysis)
        tagging = self.model.tag(features)
        labels, priority = self.labels, int(self.model_config["priority"])
        kept = [
            (start, end, self.renames.get(label, label), confidence)
            for start, end, label, confidence in tagging.spans
        ]
        kept = [s for s in kept if labels is None or s[2] in labels]
        shaped = {
            (c.start, c.end, c.label): c
            for c in self._filtered(
                analysis,
                [
                    Candidate(start, end, label, "model", priority, round(confidence, 3))
                    for start, end, label, confidence in every_occurrence(analysis.simplified, kept)
                ],
            )
        }
        candidates = self._renamed(features.candidates)
        by_key = {(c.start, c.end, c.label): c.origin for c in candidates}
        # A model span a component proposed as it stands keeps that component's origin;
        # one the model found alone is suggested only when it is sure enough (below
        # that, nearly all are wrong and each costs the annotator a key).
        alone = float(self.model_config["min_confidence_alone"])
        # …and only of a label whose lone spans were right often enough on texts the
        # model had not learned from (its calibration's count: for places, the model's
        # own spans are mostly a piece of a longer name).
        worth = float(self.model_config["min_rate_alone"])
        rates = {c.label: self.model.rate(c.label, "model") for c in shaped.values()}
        unworthy = {label for label, rate in rates.items() if rate is not None and rate < worth}
        own = self._renamed(features.chosen)
        if labels is not None and any(c.label not in labels for c in candidates):
            own = self.merge(analysis, [c for c in candidates if c.label in labels])
        own_at = {c.start: c for c in own}
        picked = []
        for key, c in shaped.items():
            if key in by_key:
                picked.append(c._replace(origin=by_key[key]))
            elif c.confidence >= alone and c.label not in unworthy:
                # Names of one label the components chose side by side, or as a list,
                # that the model reads as one (某市委 + 市政府, 甲 + 和 + 乙, 甲 + 暨 + 乙): the
                # components drew those edges on purpose. Each keeps the model's
                # confidence.
                pieces = tiling(own_at, c, analysis.simplified, _JOINS)
                if pieces:
                    picked.extend(
                        p._replace(priority=priority, confidence=c.confidence) for p in pieces
                    )
                else:
                    picked.append(c)
        # What the annotators taught that the components do not know: where they
        # proposed the same name and the model set it aside, its judgement stands (a
        # place taught on its own, here inside a longer name).
        taught = [
            c
            for c in self._filtered(
                analysis, [c for component in self._taught for c in component.propose(analysis)]
            )
            if (c.start, c.end, c.label) not in by_key
        ]
        unsure = self.model_config["unsure_outside"]
        judges_after = int(self.model_config["judges_after"])
        length = len(analysis.text)

        model = self.model
        bodies = body_words(analysis.lattice)
        aside_starts = [start for start, _end in _asides(analysis)]

        def unjudged(c: Candidate) -> bool:
            k = bisect_right(aside_starts, c.start)
            if k < len(aside_starts) and aside_starts[k] < c.end:
                return True  # a name with an aside inside (村(社区)书记): the model reads it broken
            body = body_word(analysis.simplified, bodies, c.start, c.end)
            for seen in (model.judged(c.origin), model.judged(c.origin, body) if body else None):
                if seen is not None and seen < judges_after:
                    return True
            return False

        # A kind of span the model has hardly seen (rare in what it learned from: 《》
        # titles, foreign names, country abbreviations; by origin, or by the body word
        # that ends it: 某某公司 where it saw only governments): its silence means nothing, and
        # its spans inside one mean little. The component's span stands as the model's
        # would; where they overlap, the longer wins.
        hardly_seen = list(map(unjudged, own))
        above = [
            *taught,
            *picked,
            *(c._replace(priority=priority) for c, u in zip(own, hardly_seen, strict=True) if u),
        ]
        taken = bytearray(length)
        if all(c.priority > 0 for c in above):
            # What the rest (priority 0) can only lose to, chosen first: the model is
            # asked only about what that leaves free.
            above = flat(above, length)
            for c in above:
                taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        rest = []
        for c, u in zip(own, hardly_seen, strict=True):
            if u or taken.find(1, c.start, c.end) >= 0:
                continue
            outside = tagging.outside_share(c.start, c.end)
            if outside < unsure:
                # As sure as the model is that something is there, at most.
                confidence = round(min(c.confidence, 1.0 - outside), 3)
                rest.append(c._replace(priority=0, confidence=confidence))
        final = flat([*above, *rest], length)
        # The components' own choice, and what the annotators taught: where the model
        # drew other edges, its calibration knows it.
        agreed = {(c.start, c.end, c.label) for c in (*own, *taught)}
        return final, evidence(analysis.text, final, agreed)

    def weigh(self, text: str) -> list[tuple[Span, Evidence]]:
        """Flat, non-overlapping pending spans whose surfaces equal ``text[start:end]``,
        each with its confidence as found (uncalibrated) and what a calibration reads
        of it."""
        analysis = self.analyse(text)
        if self.model is not None and self.model.ready():
            chosen, weighed = self.decide(analysis)
        else:
            chosen = self.merge(analysis, self.propose(analysis))
            weighed = evidence(text, chosen)
        spans = [
            Span(
                c.start,
                c.end,
                c.label,
                text[c.start : c.end],
                origin=c.origin,
                status=SpanStatus.PENDING,
                confidence=c.confidence,
            )
            for c in chosen
        ]
        return list(zip(spans, weighed, strict=True))

    def suggest(self, text: str) -> list[Span]:
        """Flat, non-overlapping pending spans whose surfaces equal ``text[start:end]``;
        with a model, each with its calibrated chance of being right as confidence."""
        weighed = self.weigh(text)
        if self.model is None or not self.model.ready():
            return [span for span, _ in weighed]
        calibrate = self.model.calibrate
        return [span.with_(confidence=round(calibrate(e), 3)) for span, e in weighed]


def default_pipeline(
    *, store: Any = None, labels: Iterable[str] | None = None, model: Any = True
) -> Pipeline:
    """The shipped components, in the config's order; with a store, also what its
    annotators taught.

    ``model``: True for the sequence model deciding among the components (the shipped
    base and, with a store, the project's own), False for the components' own merge,
    or a ready :class:`learner.ModelSource`.

    Only labels of the project's label set are proposed (the store's, or ``labels``):
    with no TITLE label, 美国总统 yields the place 美国 rather than nothing.
    """
    cfg = config()
    priorities = cfg["priorities"]
    components = [REGISTRY[name](priorities, store=store) for name in cfg["components"]]
    renames = None
    if store is not None:
        renames = store.label_renames()
        if labels is None:
            labels = list(store.labels())
    return Pipeline(
        components,
        labels=labels,
        repeated=cfg["repeated"],
        renames=renames,
        model=ModelSource(store) if model is True else (model or None),
        model_config=cfg["model"],
    )
