"""Patterns searched over whole texts: led by the characters their matches begin with,
they find exactly what they found before."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.suggest.components.dates import DATE_RE, MONEY_RE
from annotator.core.suggest.lexicon import _LEVEL_OR_VICE
from annotator.core.suggest.patterns import first_characters, searched


def test_the_first_characters_of_a_pattern():
    # After a lookbehind, through groups, alternations and optional parts.
    assert first_characters(r"(?<![0-9])(?:第?[一二]|三)季度") == "[一三二第]"  # by code point
    assert first_characters(r"x?y*[a-c]") == "[a-cxy]"
    # Nothing to gain: it can match nothing, or begin with nearly anything.
    assert first_characters(r"a*") is None
    assert first_characters(r"\s*年") is None
    assert first_characters(r"[^年]月") is None
    assert first_characters(r".月") is None
    assert first_characters(r"(?i)ab|c") is None


# Characters the dates, amounts and levels are written in, and others around them.
_TEXT = st.text(
    alphabet="0123456789１２〇一二三十年月日号上中下旬底初至—-~ 元万亿美圆省市县副常务春节国庆第季度个的",
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_searched_patterns_find_what_they_found_before(text):
    for pattern in (DATE_RE, MONEY_RE, _LEVEL_OR_VICE):
        plain = re.compile(pattern.pattern.split(")(?:", 1)[1][:-1])
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
        assert [m.groups() for m in pattern.finditer(text)] == [
            m.groups() for m in plain.finditer(text)
        ]


def test_searched_leaves_a_pattern_it_cannot_lead_as_it_is():
    assert searched(r"\s+年").pattern == r"\s+年"
    led = searched(r"(?<!第)(?:一|二)月")
    assert led.pattern == r"(?=[一二])(?:(?<!第)(?:一|二)月)"
    assert led.findall("第一月二月") == ["二月"]
