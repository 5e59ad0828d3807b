"""The suggesters' word lists are data files, each said what it is, each used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from annotator.core.suggest import vocab

SUGGEST = Path(vocab.__file__).parent
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in SUGGEST.rglob("*.py")}


def test_every_list_says_what_it_is_and_has_entries():
    assert len(vocab.names()) > 40
    for name in vocab.names():
        assert vocab.entries(name), name  # raises VocabError without its comment line


def test_every_list_is_read_by_some_module():
    code = "\n".join(_sources().values())
    unused = [n for n in vocab.names() if f'"{n}"' not in code]
    assert not unused


def test_a_file_without_its_comment_line_is_refused(monkeypatch):
    monkeypatch.setattr(vocab, "read_text", lambda *parts: "甲 乙\n")
    vocab.entries.cache_clear()
    try:
        with pytest.raises(vocab.VocabError, match="first line"):
            vocab.entries("anything")
    finally:
        monkeypatch.undo()
        vocab.entries.cache_clear()


def _word_lists(tree: ast.AST) -> list[int]:
    """Lines of literal word lists: a collection of three Chinese strings or more, or
    a set or split made from a Chinese string."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Set | ast.Tuple | ast.List):
            words = [
                e for e in node.elts if isinstance(e, ast.Constant) and _CJK.search(str(e.value))
            ]
            if len(words) >= 3:
                found.append(node.lineno)
        elif isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            args = [a for a in node.args if isinstance(a, ast.Constant)]
            if name == "split" and isinstance(func, ast.Attribute):
                args = [func.value] if isinstance(func.value, ast.Constant) else []
            elif name not in ("frozenset", "set", "tuple"):
                continue
            if any(_CJK.search(str(a.value)) for a in args if isinstance(a, ast.Constant)):
                found.append(node.lineno)
    return found


def test_no_word_list_is_left_in_code():
    offending = {
        str(p.relative_to(SUGGEST)): lines
        for p, src in _sources().items()
        if (lines := _word_lists(ast.parse(src)))
    }
    assert not offending


def test_the_lexicon_build_keeps_its_word_lists_in_files():
    # resources/lexicons/ours/*.txt, read by build_lexicons.py
    script = Path(__file__).parents[2] / "resources" / "lexicons" / "build_lexicons.py"
    assert not _word_lists(ast.parse(script.read_text(encoding="utf-8")))


def test_a_division_loses_its_longest_ending():
    # The first ending that fits is dropped: a longer one must come before a shorter
    # one it ends with, or 某某壮族瑶族自治县 keeps 壮族 in its short form.
    path = Path(__file__).parents[2] / "resources" / "lexicons" / "ours" / "division_suffixes.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    endings = [w for line in lines if not line.startswith("#") for w in line.split()]
    assert not [
        (short, long)
        for i, short in enumerate(endings)
        for long in endings[i + 1 :]
        if long.endswith(short)
    ]


def test_the_check_finds_a_word_list():
    assert _word_lists(ast.parse('X = frozenset("省市县")\nY = ("甲", "乙", "丙")')) == [1, 2]


@pytest.mark.parametrize("name", vocab.names())
def test_an_alternation_matches_each_entry_whole_and_stays_one_group(name):
    group = vocab.alternation(name)
    for entry in vocab.entries(name):
        found = re.compile(group).match(entry + "\n")
        assert found is not None and len(found.group()) >= len(entry)
        # It finds the entry inside a text, and a quantifier after it applies to all
        # of it (optional: the empty text matches).
        assert re.search(group, "\n" + entry) is not None
    assert re.fullmatch(group + "?", "") is not None
    assert re.compile(group).groups == 0
