"""Dates and amounts of money, by pattern (GUIDELINES: DATE, MONEY)."""

from __future__ import annotations

import re

from annotator.core.suggest import vocab
from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate, Component
from annotator.core.suggest.components.registry import register
from annotator.core.suggest.patterns import searched

_D = r"[0-9０-９]"

_CN = vocab.char_class("chinese_digits")

# A clock time: 8点, 8点半, 10时30分, 十时整.
_CLOCK = rf"(?:{_D}{{1,2}}|{_CN}{{1,3}})[点时](?:半|整|(?:{_D}{{1,2}}|{_CN}{{1,3}})分)?"

# What may follow a day: a time of day, a clock time or both (2月19日上午10时).
_TIME_OF_DAY = "(?:" + vocab.alternation("times_of_day") + ")?" + f"(?:{_CLOCK})?"

_QUARTER = r"(?:第?[一二三四1-4１-４]季度)"

DATE_RE = searched(
    "|".join(
        [
            # 2031年, 2031年度, 2031年第三季度, 2031年7月, 2031年7月8日下午, 二〇三一年
            rf"(?:{_D}{{4}}|{_CN}{{4}})年(?:度)?(?:{_QUARTER}|上半年|下半年|[末底初]|"
            rf"{_D}{{1,2}}月(?:份)?(?:{_D}{{1,2}}[日号]{_TIME_OF_DAY})?)?",
            # 1—8月, 1-8月份, 1至8月
            rf"{_D}{{1,2}}\s*[—\-–~至到]\s*{_D}{{1,2}}月(?:份)?",
            # 2月19日上午, 2月份; 十二月十三日, 三月份五号
            rf"{_D}{{1,2}}月{_D}{{1,2}}[日号]{_TIME_OF_DAY}",
            rf"(?<!{_CN}){_CN}{{1,3}}月(?:份)?{_CN}{{1,3}}[日号]{_TIME_OF_DAY}",
            # 4月底, 十月上旬
            rf"(?<![0-9个])(?:{_D}{{1,2}}|{_CN}{{1,3}})月(?:底|末|初|[上中下]旬)",
            rf"(?<![0-9个])(?:{_D}{{1,2}}|{_CN}{{1,3}})月份?(?![0-9份底末初中])",
            # a clock time by its time of day, or to the minute: 早上8点半, 10时30分
            vocab.alternation("times_of_day") + _CLOCK,
            rf"(?:{_D}{{1,2}}|{_CN}{{1,3}})时(?:{_D}{{1,2}}|{_CN}{{1,3}})分",
            # the five-year plans' periods: 十二五
            rf"(?<!{_CN})十[一二三四五六七八九]五(?!{_CN})",
            # a day alone, where a clause starts with it: ，10日上午, 。8日在某地
            rf"(?:(?<=[,，。；;:：(（\s])|^){_D}{{1,2}}日(?=在|上|下午|晚|早上|凌晨|中午|起|[,，])",
            # a page's date label: 日期：01-22 (no year)
            rf"(?:(?<=日期:)|(?<=日期：)){_D}{{2}}-{_D}{{2}}(?![0-9])",
            # 2023-10-1 02:53, 2023-10-01 02:53:07, 2023/10/01
            rf"{_D}{{4}}(?P<sep>[-/]){_D}{{1,2}}(?P=sep){_D}{{1,2}}(?:\s+{_D}{{1,2}}:{_D}{{2}}(?::{_D}{{2}})?)?",
            r"(?<![0-9])(?:[一二三四]季度|第[一二三四]季度)",
            # 上半年 alone: the half of the year the text is in
            r"(?<![0-9０-９])[上下]半年",
            vocab.alternation("festivals"),
            vocab.alternation("number_festivals")
            + "(?="
            + vocab.alternation("date_numeral_context")
            + ")",
        ]
    )
)

# A date and the end of its range: 6月3日 + 至5日, 2019年 + —2022年.
_RANGE_END = re.compile(rf"\s*[—\-–~至到]\s*(?:{_D}{{1,2}}|{_CN}{{1,3}})[日号]")
_RANGE_JOIN = re.compile(r"\s*[—\-–~至到]\s*")

# A bare year, dated only by what it stands before (GUIDELINES: a year before an event
# name is its own DATE): 2031 + 某省 + …博览会, 2031 + “…”.
YEAR = r"(?:19|20)[0-9]{2}"
_BARE_YEAR = re.compile(rf"(?<![0-9０-９.第号])(?<![0-9０-９],){YEAR}(?![0-9.,])")
_YEAR_BEFORE = frozenset({"LOC", "ORG", "LEVEL"})

# Solar terms and dynasties: dates only as whole words.
_SEASONAL = re.compile(vocab.alternation("seasonal_dates"))

# An amount: a number and its magnitudes (3.5亿, 两千万), or a round magnitude alone
# (千亿, 万亿: 超 + 万亿元).
_AMOUNT = (
    rf"(?:(?:{_D}+(?:[.,]{_D}+)*|{_CN}+|[两几])\s*(?:多)?(?:百|千|万|亿|万亿)*"
    rf"|(?<![0-9０-９两几]|{_CN})(?:[百千]万|[百千万]亿))(?:多)?"
)
MONEY_RE = searched(_AMOUNT + r"\s*" + vocab.alternation("currencies"))

# An amount of 万 or 亿 with no currency, standing alone (no unit after it: 万人, 亿千瓦时)
# shortly after a word that says it is money (总投资逾80亿): MONEY too.
_BARE_AMOUNT = re.compile(_AMOUNT.replace("(?:百|千|万|亿|万亿)*", "(?:百|千)?(?:万亿|亿|万)"))
_MONEY_WORDS = re.compile(vocab.alternation("money_words"))
_MONEY_WORD_REACH = 8  # characters from the money word to the amount, no punctuation between


@register
class Dates(Component):
    name = "dates"
    labels = frozenset({"DATE", "MONEY"})

    @classmethod
    def rules(cls) -> tuple[str, ...]:
        return ("rule:date", "rule:money")

    def propose(self, analysis: Analysis) -> list[Candidate]:
        text = analysis.simplified
        date, money = self.priority("rule:date"), self.priority("rule:money")
        spans = [m.span() for m in DATE_RE.finditer(text)]
        out = [Candidate(start, end, "DATE", "rule:date", date, 0.95) for start, end in spans]
        out += [
            Candidate(start, end, "DATE", "rule:date", date, 0.95)
            for start, end in _ranges(text, spans)
        ]
        out += [
            Candidate(start, end, "DATE", "rule:date", date, 0.9)
            for start, end in _years_before_names(analysis)
        ]
        edges = analysis.edges
        out += [
            Candidate(m.start(), m.end(), "DATE", "rule:date", date, 0.9)
            for m in _SEASONAL.finditer(text)
            if m.start() in edges and m.end() in edges
        ]
        out += [
            Candidate(m.start(), m.end(), "MONEY", "rule:money", money, 0.95)
            for m in MONEY_RE.finditer(text)
        ]
        out += [
            Candidate(start, end, "MONEY", "rule:money", money, 0.9)
            for start, end in _bare_amounts(text)
        ]
        return out


def _bare_amounts(text: str) -> list[tuple[int, int]]:
    """Amounts of money written without their currency: after a word that says money
    (投资, 营收) within a few characters and the same clause, and with no unit after
    them (万人, 亿元 is MONEY_RE's)."""
    found = []
    for m in _BARE_AMOUNT.finditer(text):
        after = text[m.end() : m.end() + 1]
        if "\u4e00" <= after <= "\u9fff" and after != "的":
            continue  # a unit or a currency follows: 万人, 亿元
        before = text[max(0, m.start() - _MONEY_WORD_REACH) : m.start()]
        clause = re.split(r"[，,。；;：:！？!?、\n]", before)[-1]
        if _MONEY_WORDS.search(clause):
            found.append(m.span())
    return found


def _ranges(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Dates written as a range are one date (GUIDELINES): a date, a dash or 至, and
    another date or a day (2019年—2022年, 6月3日至5日)."""
    starts = {start: end for start, end in spans}
    out = []
    for start, end in spans:
        day = _RANGE_END.match(text, end)
        if day:
            out.append((start, day.end()))
            continue
        join = _RANGE_JOIN.match(text, end)
        if join and join.end() > end and join.end() in starts:
            out.append((start, starts[join.end()]))
    return out


def _years_before_names(analysis: Analysis) -> list[tuple[int, int]]:
    """Bare years written right before a place, an organisation or a quote: the year of
    what is named after them (2031 + 某市 + …节)."""
    text, lattice = analysis.simplified, analysis.lattice
    return [
        m.span()
        for m in _BARE_YEAR.finditer(text)
        if text[m.end() : m.end() + 1] in ("“", "「", "《")
        or any(kind in _YEAR_BEFORE for _end, kind in lattice.get(m.end(), ()))
    ]
