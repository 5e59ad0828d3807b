"""Run every suggester on a Simplified view of the text and merge into flat spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from annotator.core.model import Span, SpanStatus
from annotator.core.suggest import vocab
from annotator.core.suggest.base import Candidate, Suggester, Token
from annotator.core.suggest.lexicon import (
    COMPOUND_SURNAMES,
    PLACE_ENDS_NOT_NAMES,
    SURNAME_ADDRESS,
    SURNAMES,
    load_lexicon,
    name_after,
)
from annotator.core.text import find_garbled, to_simplified

# Never part of a span's edge (GUIDELINES: no quotes, brackets or punctuation).
_EDGE = vocab.chars("span_edges") | set(" \t\n\u3000")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


# A short aside inside a word: 党(工)委, 推进(誓师)大会, 村(社区)书记.
ASIDE_RE = re.compile(r"(?<=[\u4e00-\u9fff])[(（][\u4e00-\u9fff]{1,4}[)）](?=[\u4e00-\u9fff])")


# A place before these is a currency or a clock's: 挪威克朗, 北京时间.
_NOT_PLACE_AFTER = tuple(w for w in vocab.ordered("currencies", "not_place_before") if len(w) > 1)


def _surname_only(text: str, start: int, end: int) -> int:
    """End of a person written as a surname and a word of address or a title: 郑 in
    郑先生, 毛 in 毛主席 (GUIDELINES: the title is not part of the name)."""
    m = SURNAME_ADDRESS.search(text, start, end)
    if m is not None:
        head = text[start : m.start()]
        return m.start() if head in SURNAMES or head in COMPOUND_SURNAMES else end
    if (
        end - start >= 3
        and text[start] in SURNAMES
        and "TITLE" in load_lexicon().types.get(text[start + 1 : end], ())
    ):
        return start + 1
    return end


def _yield_to_tagged_words(found: list[Candidate]) -> list[Candidate]:
    """A lexicon piece strictly inside a word jieba tags as a person or organisation
    yields to that word: 唐家 in 唐家璇, 中国 in 中国心理学会. (中国 in 中国人民 stays:
    中国人民 is no name; 亚洲 in 亚洲地区 too: jieba's places hold generic endings.)"""
    words = [(c.start, c.end) for c in found if c.origin.startswith("jieba:") and c.label != "LOC"]
    if not words:
        return found
    return [
        c
        for c in found
        if not c.origin.startswith("lexicon:")
        or not any(s <= c.start and c.end <= e and e - s > c.length for s, e in words)
    ]


def merge(candidates: Iterable[Candidate], length: int) -> list[Candidate]:
    """Flat spans: higher priority first, then longer, then earlier; no overlaps."""
    taken = bytearray(length)
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c.priority, -c.length, c.start)):
        if cand.length <= 0 or any(taken[cand.start : cand.end]):
            continue
        taken[cand.start : cand.end] = b"\x01" * cand.length
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


class Pipeline:
    """Suggesters in order, plus filters (learned rejections, garbled text)."""

    def __init__(
        self,
        suggesters: Sequence[Suggester],
        *,
        tokenizer: Any = None,
        learned: Any = None,
        labels: Iterable[str] | None = None,
    ) -> None:
        self.suggesters = list(suggesters)
        self.labels = None if labels is None else frozenset(labels) | {"STOP"}
        self.tokenizer = tokenizer
        self.learned = learned

    def tokens(self, simplified: str) -> list[Token]:
        return self.tokenizer.tokens(simplified) if self.tokenizer is not None else []

    def candidates(
        self, text: str, simplified: str | None = None, tokens: list[Token] | None = None
    ) -> list[Candidate]:
        simplified = simplified if simplified is not None else to_simplified(text)
        tokens = tokens if tokens is not None else self.tokens(simplified)
        found: list[Candidate] = []
        for suggester in self.suggesters:
            found.extend(suggester.propose(simplified, tokens))
        if self.learned is not None:
            found.extend(self.learned.propose(simplified, tokens))
            found = [c for c in found if not self.learned.rejects(simplified, c)]
        if self.labels is not None:
            found = [c for c in found if c.label in self.labels]
        found = _yield_to_tagged_words(found)
        # A place that names a currency or a clock is not where anything happens:
        # 挪威克朗, 北京时间.
        found = [
            c
            for c in found
            if not (c.label == "LOC" and simplified.startswith(_NOT_PLACE_AFTER, c.end))
        ]
        # Stop-list words veto any candidate lying within them (暨, 高水平, 全县).
        stops = [(c.start, c.end) for c in found if c.label == "STOP"]
        found = [
            c
            for c in found
            if c.label != "STOP" and not any(s <= c.start and c.end <= e for s, e in stops)
        ]
        garbled = find_garbled(text)
        cleaned = []
        for c in found:
            start, end = trim(text, c.start, c.end)
            if c.label == "PER":
                end = _surname_only(simplified, start, end)
            if end <= start or any(s < end and start < e for s, e in garbled):
                continue
            if (start, end) != (c.start, c.end):
                c = Candidate(start, end, c.label, c.origin, c.priority, c.confidence)
            cleaned.append(c)
        return cleaned

    def _across_asides(self, text: str, simplified: str) -> list[Candidate]:
        """Names written with a short aside inside them are names too: 党(工)委书记,
        重大项目推进(誓师)大会, 中欧(江门)中小企业国际合作区. The suggesters run once
        more on the text without its asides; what they find is mapped back, asides
        included, and competes with the rest by the usual priority and length."""
        asides = [m.span() for m in ASIDE_RE.finditer(simplified)]
        if not asides:
            return []
        dropped = bytearray(len(text))
        for start, end in asides:
            dropped[start:end] = b"\x01" * (end - start)
        keep = [i for i, gone in enumerate(dropped) if not gone]
        reduced = "".join(text[i] for i in keep)
        reduced_simplified = "".join(simplified[i] for i in keep)
        out = []
        for c in self.candidates(reduced, reduced_simplified):
            start, end = keep[c.start], keep[c.end - 1] + 1
            if end - start > c.length:  # only names an aside sits inside
                out.append(Candidate(start, end, c.label, c.origin, c.priority, c.confidence))
        return out

    def suggest(self, text: str) -> list[Span]:
        """Flat, non-overlapping pending spans whose surfaces equal ``text[start:end]``."""
        simplified = to_simplified(text)
        tokens = self.tokens(simplified)
        candidates = self.candidates(text, simplified, tokens) + self._across_asides(
            text, simplified
        )
        chosen = extend_name_lists(merge(candidates, len(text)), simplified, tokens)
        repeats = repeat_names(chosen, simplified, tokens)
        if repeats:
            chosen = extend_name_lists(
                merge([*candidates, *repeats], len(text)), simplified, tokens
            )
        return [
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


_REPEATED = {"PER": 2, "ORG": 3}  # shortest surface repeated, by label


def repeat_names(spans: list[Candidate], text: str, tokens: list[Token]) -> list[Candidate]:
    """A name found once is the same name wherever else the article writes it, on
    word edges: a person introduced with a title is still a person when the text
    later names them alone. Returns the other occurrences, to merge again."""
    names = {
        text[c.start : c.end]: c
        for c in spans
        if c.label in _REPEATED and c.length >= _REPEATED[c.label]
    }
    if not names or not tokens:
        return []
    edges = {t[0] for t in tokens} | {t[1] for t in tokens}
    found = {(c.start, c.end) for c in spans}
    added = []
    for surface, first in names.items():
        if not surface:
            continue  # never loop on an empty string
        at = text.find(surface)
        while at >= 0:
            end = at + len(surface)
            if at in edges and end in edges and (at, end) not in found:
                added.append(Candidate(at, end, first.label, "rule:repeat", first.priority, 0.6))
            at = text.find(surface, end)
    return added


_NAME_LIST_JOINS = vocab.words("list_joins")
_PLAIN_WORD_TAGS = frozenset({"n", "nz", "vn", "v", "a", "an", "d"})
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def extend_name_lists(
    spans: list[Candidate], text: str, tokens: Sequence[Token] = ()
) -> list[Candidate]:
    """A name-shaped item after 、 in a list of people is a person too.

    区领导陈少聪、廖剑锋、谢先清: two names are known, the middle one jieba split.
    An item jieba knows as a word of another kind is no name (龙狮、龙舟).
    """
    words = {(t[0], t[1]) for t in tokens if t[3] in _PLAIN_WORD_TAGS}
    taken = bytearray(len(text))
    for c in spans:
        taken[c.start : c.end] = b"\x01" * c.length
    added: list[Candidate] = []
    queue = [c for c in spans if c.label == "PER"]
    while queue:
        person = queue.pop()
        found = []
        pos = person.end
        if text[pos : pos + 1] in _NAME_LIST_JOINS:
            end = name_after(text, pos + 1)
            if end is not None:
                found.append((pos + 1, end))
        # …and the one before it, where the list starts after a pause: ；孙运熙和钱宝均先生.
        pos = person.start - 1
        if pos > 0 and text[pos] in _NAME_LIST_JOINS:
            found += [
                (pos - n, pos)
                for n in (3, 2)
                if pos - n >= 0
                and name_after(text, pos - n) == pos
                and not (pos - n > 0 and _HAN_CHAR.match(text, pos - n - 1))
            ][:1]
        for start, end in found:
            if any(taken[start:end]) or text[end - 1] in PLACE_ENDS_NOT_NAMES:
                continue  # 乐古窖、康公屿: a list of places
            if (start, end) in words:
                continue
            taken[start:end] = b"\x01" * (end - start)
            new = Candidate(start, end, "PER", "rule:name-list", person.priority, 0.7)
            added.append(new)
            queue.append(new)
    return sorted(spans + added, key=lambda c: c.start) if added else spans


def default_pipeline(*, store: Any = None, labels: Iterable[str] | None = None) -> Pipeline:
    """The shipped suggesters; with a store, also what its annotators taught.

    Only labels of the project's label set are proposed (the store's, or ``labels``):
    with no TITLE label, 美国总统 yields the place 美国 rather than nothing.
    """
    from annotator.core.suggest.lexicon import LexiconSuggester
    from annotator.core.suggest.rules import RuleSuggester
    from annotator.core.suggest.tagger import JiebaTagger

    learned = None
    if store is not None:
        from annotator.core.suggest.learned import LearnedSuggester

        learned = LearnedSuggester(store)
    tagger = JiebaTagger()
    if labels is None and store is not None:
        labels = list(store.labels())
    return Pipeline(
        [RuleSuggester(), LexiconSuggester(common=tagger.common), tagger, tagger.name_suggester()],
        tokenizer=tagger,
        learned=learned,
        labels=labels,
    )
