"""Whether a name read from the lexicon's pieces fits jieba's words: a match that cuts
words apart is a coincidence of characters (符合|江门 holds 合江), not a name. The
composition (compose.py) and the organisations' named bodies both ask it."""

from __future__ import annotations

from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.lexicon import LEVEL_CHARS, Lattice


def fits_words(analysis: Analysis, pieces: Lattice, start: int, end: int, label: str) -> bool:
    """Does a name read from pieces fit jieba's words?

    A match that straddles two words without matching either edge is a coincidence of
    characters (符合|江门 holds 合江; 文明|城市 holds 明城). One that starts a word is kept
    (中国 in 中国人民); one deep inside a word or at its tail is not (中国 in 发展中国家,
    津市 in 天津市). Words jieba's HMM made up are guesses, and cut nothing (南丰县|委从).
    A place name jieba's dictionary knows but cut apart here is a coincidence too:
    集中营 holds 中营.
    """
    text = analysis.simplified
    edges = analysis.edges
    if _straddles(start, end, edges, analysis.shared("hmm_inside", _hmm_inside)) and not (
        label == "ORG" and _headed_title(text, start, end, edges, pieces)
    ):
        return False
    if label == "LOC" and (
        # a place of the lexicon cut apart; a level after a level glued to what follows
        # (某镇 + 村道)
        (
            (end, "LOC") in analysis.lattice.get(start, ())
            and any(map(edges.__contains__, range(start + 1, end)))
        )
        or (end not in edges and {text[end - 2], text[end - 1]} <= LEVEL_CHARS)
    ):
        return False
    return not (
        label == "ORG"
        and _heads_a_word(analysis, start, end)
        and not _headed_title(text, start, end, edges, pieces)  # 内务部|长
    )


def _hmm_inside(analysis: Analysis) -> set[int]:
    """Every offset inside a word jieba's HMM made up: soft edges, beside the words'
    own (read as well as them, not merged into a copy of them)."""
    return {
        at
        for t_start, t_end, _w, tag in analysis.tokens
        if tag is None
        for at in range(t_start + 1, t_end)
    }


def _headed_title(text: str, start: int, end: int, edges: frozenset[int], lattice: Lattice) -> bool:
    """An organisation whose title word follows it, cut by jieba at the title's end:
    财政部 in 美国|财政部长 (部 + 长), 发展银行 in 发展|银行行长 (银行 + 行长)."""
    if start not in edges:
        return False
    if text[end : end + 1] == "长" and end + 1 in edges:
        return True
    return any(kind == "TITLE" and e in edges for e, kind in lattice.get(end, ()))


def _heads_a_word(analysis: Analysis, start: int, end: int) -> bool:
    """An organisation that is a word jieba knows as no name but one character short:
    共产党 in 共产党员, 司法部 in 司法部门, 北大 in 北大荒 (not 市委 in 市委书记, a title)."""
    k = analysis.by_start.get(start)
    if k is None:
        return False
    _start, word_end, _word, tag = analysis.tokens[k]
    return word_end == end + 1 and tag is not None and tag not in ("nt", "nnt", "nis")


def _straddles(start: int, end: int, edges: frozenset[int], soft: set[int]) -> bool:
    """Does ``start:end`` cut a word, where words' edges and the offsets ``soft``
    inside guessed words are edges?"""
    start_cut = start in edges or start in soft
    if start_cut and (end in edges or end in soft):
        return False
    if not start_cut:
        return True  # deep inside a word (中国 in 发展中国家), or its tail (津市 in 天津市)
    return any(e in edges or e in soft for e in range(start + 1, end))
