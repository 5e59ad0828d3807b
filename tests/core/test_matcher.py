from hypothesis import given
from hypothesis import strategies as st

from annotator.core.suggest.matcher import WordIndex


def brute_force(words: dict[str, str], text: str) -> set[tuple[int, int, str]]:
    return {
        (i, i + len(w), v)
        for w, v in words.items()
        for i in range(len(text) - len(w) + 1)
        if w and text.startswith(w, i)
    }


def test_finds_nested_and_overlapping_words():
    words = {"广东": "LOC", "广东省": "LOC", "省委": "BODY", "东省": "X"}
    found = set(WordIndex(words.items()).find("中共广东省委"))
    assert found == {(2, 4, "LOC"), (2, 5, "LOC"), (3, 5, "X"), (4, 6, "BODY")}


def test_a_prefix_alone_is_not_a_word():
    index = WordIndex([("遂溪县", "LOC")])
    assert index.find("遂溪") == []
    assert index.find("遂溪县") == [(0, 3, "LOC")]


@given(
    st.dictionaries(st.text(alphabet="甲乙丙丁", min_size=1, max_size=4), st.sampled_from("AB")),
    st.text(alphabet="甲乙丙丁戊", max_size=30),
)
def test_finds_exactly_what_a_brute_force_search_finds(words, text):
    assert set(WordIndex(words.items()).find(text)) == brute_force(words, text)
