"""Countries and cities abbreviated to one character, as news writes them (中美关系,
访华, 在京, 中方): where the places' component finds them, read from jieba's words."""

from __future__ import annotations

import re

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis

# One-character country and city abbreviations, as news writes them: 中美关系, 访华, 在京,
# 中方, 俄总统. Found on word edges, so 美丽 or 京剧 never yield a place.
_ABBR = vocab.chars("country_abbreviations")

_ABBR_CITY = vocab.chars("city_abbreviations")

_ABBR_ANY = _ABBR | _ABBR_CITY

# Those that also stand alone before a noun (以, 加, 中, 意 are everyday words too).
_ABBR_ALONE = vocab.chars("lone_country_abbreviations")

_ABBR_VERB = vocab.chars("abbreviation_verbs")

# Countries abbreviated only beside another country and a noun of countries: 中葡双方,
# 中、阿建交, 埃中两国, 中蒙边界. One of the pair is a major one (below).
_ABBR_PAIRED = vocab.chars("country_abbreviations", "paired_country_abbreviations")

_ABBR_MAJOR = vocab.chars("major_country_abbreviations")

_PAIR_NOUNS = vocab.ordered("pair_nouns")

# Prepositions the HMM glues to a pair of major countries after them (以美中, 从中美).
_BEFORE_PAIR = vocab.chars("glued_prepositions")

_ABBR_START = _ABBR_ANY | _ABBR_VERB

# What a word that holds an abbreviation starts with (below: only those words are read).
_ABBR_FIRST = re.compile(
    "[" + re.escape("".join(sorted(_ABBR_PAIRED | _BEFORE_PAIR | _ABBR_START))) + "]"
)

_COUNTRY_NOUNS = vocab.words("country_nouns")

_GLUED_VERBS = vocab.words("glued_verbs")

# Pairs of abbreviations that are everyday words first (加以, 美德, 日中 'midday'), or a
# place of Guangdong (英德 city).
_EVERYDAY_PAIRS = vocab.words("everyday_pairs", "division_pairs")


def _bare_pair(pair: str) -> bool:
    """A pair of country abbreviations with nothing after it that is still a pair of
    countries: not an everyday word, and 以 (also 'with') only in 巴以 and 以巴."""
    return pair not in _EVERYDAY_PAIRS and ("以" not in pair or pair in ("巴以", "以巴"))


def _country_pair(word: str) -> int:
    """Length of a run of two or three country abbreviations that begins ``word``
    when the rest of it is nothing or a noun of countries (中美, 中美关系); else 0."""
    for n in (3, 2):
        head, rest = word[:n], word[n:]
        if (
            len(head) == n
            and len(set(head)) == n
            and all(ch in _ABBR for ch in head)
            and (rest in _COUNTRY_NOUNS or (not rest and _bare_pair(head)))
        ):
            return n
    return 0


def _paired(text: str, start: int) -> list[int]:
    """Offsets of a run of country abbreviations at ``start`` (中美, 中、阿, 中朝韩) that a
    noun of countries follows, however jieba glued the words: 中美等国, 中葡双方."""
    run: list[int] = []
    i = start
    while i < len(text) and text[i] in _ABBR_PAIRED and len(run) < 3:
        run.append(i)
        i += 1
        if text[i : i + 1] == "、" and text[i + 1 : i + 2] in _ABBR_PAIRED:
            i += 1
    if len(run) == 3 and text[run[0]] in _BEFORE_PAIR and text[run[0] + 1] != "、":
        run = run[1:]  # 以|中法友好: 'with', then a pair
    chars = {text[j] for j in run}
    if (
        len(run) >= 2
        and len(chars) == len(run)
        and chars & _ABBR_MAJOR
        and (
            text.startswith(_PAIR_NOUNS, i)
            or any(text.startswith(noun, i) for noun in _COUNTRY_NOUNS if len(noun) > 1)
        )
    ):
        return run
    return []


def abbreviations(analysis: Analysis) -> list[int]:
    text, tokens = analysis.simplified, analysis.tokens
    found: list[int] = []
    # Only the words that start with a character an abbreviation's word starts with: a
    # few in a hundred.
    for k in analysis.words_at(_ABBR_FIRST):
        start, _end, word, _tag = tokens[k]
        if word[0] in _ABBR_PAIRED and (not k or tokens[k - 1][2][-1:] not in _ABBR_PAIRED):
            run = _paired(text, start)
            if run:
                found.extend(run)
                continue
        if (
            _tag is None
            and len(word) == 3
            and word[0] in _BEFORE_PAIR
            and set(word[1:]) <= _ABBR_MAJOR
            and word[1] != word[2]
            and _bare_pair(word[1:])
        ):
            found.extend((start + 1, start + 2))  # 从|美中 glued by the HMM
            continue
        if word[0] not in _ABBR_START:
            continue
        nxt = tokens[k + 1][2] if k + 1 < len(tokens) else ""
        n = len(word)
        pair = _country_pair(word)
        if pair:
            found.extend(range(start, start + pair))  # 中美, 日俄, 中朝韩, 中美关系
        elif (
            n == 1
            and word in _ABBR
            and nxt in _ABBR
            and _bare_pair(word + nxt)
            and (not k or tokens[k - 1][2] not in _ABBR)
        ):
            found.extend((start, start + 1))  # 中/美 cut apart: 推进中美交流
        elif n == 2 and word[0] in _ABBR_VERB and word[1] in _ABBR_ANY:
            found.append(start + 1)  # 访华, 驻京, 对美 as one word
        elif (
            n >= 3
            and word[0] in _ABBR_VERB
            and word[1] in _ABBR_ANY
            and (word[2:] in _GLUED_VERBS or word[2:] in _COUNTRY_NOUNS)
        ):
            found.append(start + 1)  # 在京举行, 来华访问, 对华关系, 驻华大使: glued words
        elif n == 1 and word in _ABBR_ANY:
            before = tokens[k - 1][2] if k else ""
            if before[-1:].isdigit():
                continue  # 8日 + 国会: a date
            if nxt == "方" or (nxt in _COUNTRY_NOUNS and word in _ABBR_ALONE) or word == "俄":
                found.append(start)  # 俄总统, 中方; 俄 alone is always Russia (俄将)
            elif before and before[-1] in _ABBR_VERB and len(before) == 1 and word != "中":
                found.append(start)  # 访 + 华 cut apart (在 + 中 is mostly the 在…中 of a clause)
        elif n == 2 and word[1] == "方" and word[0] in _ABBR:
            found.append(start)  # 美方 as one word
    return found
