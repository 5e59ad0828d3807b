"""The lexicon's lattice and the compositions read from it."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggest.analysis import analyse
from annotator.core.suggest.compose import composition
from annotator.core.suggest.lexicon import load_lexicon


def test_a_title_modifier_cut_as_a_word_is_still_a_common_noun_piece():
    # 二级 is VICE in the lattice (from the list of title modifiers), not a lexicon
    # word: the composition still reads it as the common noun jieba tags it.
    analysis = analyse("二级调研员在")
    assert (0, 2) in {(t[0], t[1]) for t in analysis.tokens}
    assert (2, "VICE") in analysis.lattice[0]
    assert (2, "NOUN") in composition(analysis).pieces[0]


# Characters of lexicon words, others, and characters beyond the BMP (two UTF-16 units).
_CHARS = "广东省州市县区委书记人民政府中国大学会议" + "的了，。 a1" + "𪉈𬇹𠀀"


# What the lattice marks besides the lexicon's words (levels, 副 and its like).
_MARKS = ("LEVEL", "VICE")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=40))
def test_the_lattice_holds_every_lexicon_word_of_the_text_at_its_offsets(text):
    lexicon = load_lexicon()
    expected: Counter[tuple[int, int, str]] = Counter()
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            for kind in lexicon.types.get(text[start:end], ()):
                if kind not in _MARKS:
                    expected[start, end, kind] += 1
    found = Counter(
        (start, end, kind)
        for start, ends in lexicon.matches(text).items()
        for end, kind in ends
        if kind not in _MARKS
    )
    assert found == expected
