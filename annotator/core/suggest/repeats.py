"""A name is the same name wherever else the article writes it (GUIDELINES: every
occurrence is annotated): the components' names found again on word edges, and the
model's names at their every occurrence. One Aho-Corasick pass over the text each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ahocorasick

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate
from annotator.core.suggest.names import HAN_RUN

_SHORT_FORM_LEVELS = vocab.chars("short_form_levels")
# jieba's tags of words that describe or act, and name nothing (清新/a, 发展/v, 非常/d).
_NOT_NAMING_TAGS = ("a", "v", "d")


def repeated_names(
    analysis: Analysis, chosen: list[Candidate], repeated: Mapping[str, int]
) -> list[Candidate]:
    """A name found once is the same name wherever else the article writes it, on word
    edges: a person introduced with a title is still a person when the text later names
    them alone. A place named whole with its level is that place without it too
    (新丰县 … 新丰), though its short form alone is too common a word to be a
    place in every text. One pass over the text for all the names."""
    text = analysis.simplified
    names: dict[str, tuple[Candidate, bool]] = {}
    for c in chosen:
        if c.label in repeated and c.length >= max(repeated[c.label], 1):
            names.setdefault(text[c.start : c.end], (c, False))
        elif c.label == "LOC":
            for short in _short_forms(analysis, c):
                names.setdefault(short, (c, True))
    if not names or not analysis.tokens:
        return []
    automaton = ahocorasick.Automaton()
    for surface in names:
        automaton.add_word(surface, surface)
    automaton.make_automaton()
    edges = analysis.edges
    found = {(c.start, c.end) for c in chosen}
    added = []
    for last, surface in automaton.iter(text):
        start, end = last + 1 - len(surface), last + 1
        if start not in edges or end not in edges or (start, end) in found:
            continue
        first, shortened = names[surface]
        if analysis.is_unlabelled(start, end) or (
            shortened and not _names_there(analysis, start, end)
        ):
            continue
        added.append(Candidate(start, end, first.label, "rule:repeat", first.priority, 0.6))
    return added


def _names_there(analysis: Analysis, start: int, end: int) -> bool:
    """Whether a short form is a word that can name (清新 the district, not the
    adjective of 清新的空气)."""
    i = analysis.by_start.get(start)
    if i is None or analysis.tokens[i][1] != end:
        return False
    tag = analysis.tokens[i][3]
    return tag is None or not tag.startswith(_NOT_NAMING_TAGS)


def _short_forms(analysis: Analysis, place: Candidate) -> list[str]:
    """The places of a chain without their level, each word of it at a time
    (某某市 + 新丰县: 新丰), where two Han characters or more are left."""
    out = []
    i = analysis.by_start.get(place.start)
    tokens = analysis.tokens
    while i is not None and i < len(tokens) and tokens[i][1] <= place.end:
        word = tokens[i][2]
        if len(word) >= 3 and word[-1] in _SHORT_FORM_LEVELS and HAN_RUN.fullmatch(word):
            out.append(word[:-1])
        i += 1
    return out


def every_occurrence(
    text: str, spans: Sequence[tuple[int, int, str, float]], *, minimum: float = 0.5
) -> list[tuple[int, int, str, float]]:
    """Each surface found as a name is that name wherever else the text writes it
    (GUIDELINES: every occurrence is annotated). Longer surfaces first; a copy never
    overlaps a span already there. One Aho-Corasick pass: linear in the text."""
    best: dict[str, tuple[str, float]] = {}
    for start, end, label, confidence in spans:
        surface = text[start:end]
        known = best.get(surface)
        if confidence >= minimum and len(surface) >= 2 and (known is None or known[1] < confidence):
            best[surface] = (label, confidence)
    if not best:
        return list(spans)
    automaton = ahocorasick.Automaton()
    for surface, (label, confidence) in best.items():
        automaton.add_word(surface, (len(surface), label, confidence))
    automaton.make_automaton()
    taken = bytearray(len(text))
    for start, end, _, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    found = sorted(
        (
            (end + 1 - n, end + 1, label, confidence)
            for end, (n, label, confidence) in automaton.iter(text)
        ),
        key=lambda s: (s[0] - s[1], s[0]),
    )
    out = list(spans)
    for start, end, label, confidence in found:
        if taken.find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            out.append((start, end, label, confidence))
    return sorted(out)
