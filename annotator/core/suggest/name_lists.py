"""The other items of a list of people (王一鸣、张山水、李海): once the merge has chosen
some of them, a name-shaped item next to a chosen person is a person too."""

from __future__ import annotations

import re

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate
from annotator.core.suggest.names import PLACE_ENDS_NOT_NAMES, name_after

_NAME_LIST_JOINS = vocab.words("list_joins")

_PLAIN_WORD_TAGS = frozenset({"n", "nz", "vn", "v", "a", "an", "d"})

_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def listed_people(analysis: Analysis, chosen: list[Candidate]) -> list[Candidate]:
    """A name-shaped item after 、 in a list of people is a person too: of 王一鸣、
    张山水、李海 two are known, the middle one jieba split. An item jieba knows as a word
    of another kind is no name (龙狮、龙舟). Returns the new items, which overlap
    nothing chosen."""
    text, tokens = analysis.simplified, analysis.tokens
    taken = bytearray(len(text))
    for c in chosen:
        taken[c.start : c.end] = b"\x01" * c.length
    added: list[Candidate] = []
    queue = [c for c in chosen if c.label == "PER"]
    while queue:
        person = queue.pop()
        found = []
        pos = person.end
        if text[pos : pos + 1] in _NAME_LIST_JOINS:
            end = name_after(text, pos + 1)
            if end is not None:
                found.append((pos + 1, end))
        # …and the one before it, where the list starts after a pause: ；赵大和钱二先生.
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
                continue  # 某古窖、某公屿: a list of places
            k = analysis.by_start.get(start)
            if k is not None and tokens[k][1] == end and tokens[k][3] in _PLAIN_WORD_TAGS:
                continue  # a word jieba knows
            taken[start:end] = b"\x01" * (end - start)
            new = Candidate(start, end, "PER", "rule:name-list", person.priority, 0.7)
            added.append(new)
            queue.append(new)
    return added
