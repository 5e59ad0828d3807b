"""Firms (GUIDELINES: ORG): a company named by its name and its trade (某某 + 电子), and
the items of a list of firms (某某养殖、某某米业等龙头企业)."""

from __future__ import annotations

import re

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Token
from annotator.core.suggest.lexicon import LEVEL_CHARS
from annotator.core.suggest.scan import glued_preposition

_INDUSTRIES = vocab.words("industries")
_INDUSTRY_START = re.compile(vocab.first_class("industries"))

# jieba's tags of names: people's, places', organisations', and other proper nouns.
PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


def companies(analysis: Analysis) -> list[tuple[int, int]]:
    """A company named by its name and its trade: 明珠 + 电子, 某某 + 能源. The name is
    one proper word (a brand jieba does not know, a person's or a place's name) and
    the trade ends the phrase; before another noun it is a field (某市 + 电子 + 产业)."""
    tokens = analysis.tokens
    found = []
    for k in analysis.words_at(_INDUSTRY_START):
        _start, end, word, _tag = tokens[k]
        if word not in _INDUSTRIES or k == 0:
            continue
        name = tokens[k - 1]
        tag = name[3]
        first = name
        if len(name[2]) == 1 and k >= 2 and _piece_of_name(tokens[k - 2]):
            # A brand jieba cut in two: 新能 + 德 + 科技.
            first = tokens[k - 2]
            if len(first[2]) + 1 > 4:
                continue
        elif len(name[2]) < 2:
            continue
        if not name[2].isalnum() or name[2].isdigit():
            continue
        if not (tag is None or tag in PROPER_TAGS):
            continue
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if after is not None and after[2].isalnum():
            after_tag = after[3] or "n"
            if after_tag.startswith(("n", "vn")):
                continue
            if tag == "ns" and after_tag.startswith("v"):
                continue  # a place's trade doing something: 某市 + 科技 + 创新
        if tag == "ns" and name[2][-1] in LEVEL_CHARS:
            continue  # a place by its level and a field: 某某市 + 科技
        # A preposition the HMM glued to the name is no part of it: 以 + 某某 + 电子.
        found.append((first[0] + glued_preposition(first), end))
    return found


# The end of a list of firms: 等, a few words of kind (农业龙头, 一批), and the firms.
_FIRM_LIST_END = re.compile(r"等[\u4e00-\u9fff]{0,6}?" + vocab.alternation("firm_list_ends"))
_ITEM_BREAK_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "t", "f")


def listed_firms(analysis: Analysis) -> list[tuple[int, int]]:
    """The items of a list that ends in 等 + firms (某某养殖、某某米业等龙头企业) are firms,
    each a run of whole words with a name or a word jieba does not know in it; not a
    list of trades (电子、机械等企业). The first item starts after the verb before it."""
    text, tokens, edges = analysis.simplified, analysis.tokens, analysis.edges
    found = []
    for m in _FIRM_LIST_END.finditer(text):
        end = m.start()
        while end in edges:
            start = max(text.rfind(ch, max(0, end - 12), end) for ch in "、，,。；;：:\n ")
            first = start < 0 or text[start] != "、"
            within = analysis.words_within(start + 1, end)
            words = [tokens[k] for k in within]
            if not words or words[0][0] != start + 1 or words[-1][1] != end:
                break
            while first and len(words) > 1 and _breaks_item(words[0]):
                words.pop(0)  # 引进 + 了 + 某某养殖
            if not _firm(words, first):
                break
            found.append((words[0][0], end))
            if first:
                break
            end = start
    return found


def _breaks_item(token: Token) -> bool:
    tag = token[3] or ""
    return tag.startswith(_ITEM_BREAK_TAGS) and not tag.startswith("vn")


def _firm(words: list[Token], first: bool) -> bool:
    """Can these words name a firm in a list: 2–10 characters of letters and digits, not
    one common word (电子、机械等企业 lists trades)? The first item, which no 、 opens,
    holds no word that breaks a name, and a name or a word jieba does not know; an item
    between two marks may hold any word, since jieba often cuts a brand into pieces."""
    if not 2 <= words[-1][1] - words[0][0] <= 10 or not all(t[2].isalnum() for t in words):
        return False
    if len(words) == 1:
        tag = words[0][3]
        return words[0][2] not in _INDUSTRIES and (tag is None or tag in PROPER_TAGS or tag == "j")
    if first:
        return not any(map(_breaks_item, words)) and any(
            t[3] is None or t[3] in PROPER_TAGS or t[3] == "j" for t in words
        )
    return True


def _piece_of_name(token: Token) -> bool:
    """A word a brand can begin with: one jieba does not know, or a name's, of two
    characters at most."""
    tag = token[3]
    return (tag is None or tag in PROPER_TAGS) and 1 <= len(token[2]) <= 2 and token[2].isalpha()
