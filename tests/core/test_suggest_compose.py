"""The lexicon's lattice and the compositions read from it."""

from __future__ import annotations

from annotator.core.suggest.analysis import analyse
from annotator.core.suggest.compose import composition


def test_a_title_modifier_cut_as_a_word_is_still_a_common_noun_piece():
    # 二级 is VICE in the lattice (from the list of title modifiers), not a lexicon
    # word: the composition still reads it as the common noun jieba tags it.
    analysis = analyse("二级调研员在")
    assert (0, 2) in {(t[0], t[1]) for t in analysis.tokens}
    assert (2, "VICE") in analysis.lattice[0]
    assert (2, "NOUN") in composition(analysis).pieces[0]
