"""Pattern rules over Simplified text: dates, money, quoted programmes, 《》 documents,
named meetings and facilities.

Names that end in a telling word (…大会, …产业园) are found by scanning back from
that word to the edge of the name: punctuation, quotes, or a function word that
cannot be inside a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from annotator.core.suggest import vocab
from annotator.core.suggest.base import PRIORITY, Candidate, Token

_D = r"[0-9０-９]"
_CN = r"[〇零一二三四五六七八九十]"
_TIME_OF_DAY = vocab.alternation("times_of_day") + "?"
_QUARTER = r"(?:第?[一二三四1-4１-４]季度)"

DATE_RE = re.compile(
    "|".join(
        [
            # 2023年, 2023年度, 2023年第一季度, 2023年2月, 2023年2月19日上午, 二〇二三年
            rf"(?:{_D}{{4}}|{_CN}{{4}})年(?:度)?(?:{_QUARTER}|上半年|下半年|"
            rf"{_D}{{1,2}}月(?:份)?(?:{_D}{{1,2}}[日号]{_TIME_OF_DAY})?)?",
            # 1—8月, 1-8月份, 1至8月
            rf"{_D}{{1,2}}\s*[—\-–~至到]\s*{_D}{{1,2}}月(?:份)?",
            # 2月19日上午, 2月份
            rf"{_D}{{1,2}}月{_D}{{1,2}}[日号]{_TIME_OF_DAY}",
            rf"(?<![0-9个])(?:{_D}{{1,2}}|{_CN}{{1,3}})月份?(?![0-9份底末初中])",
            # 2023-10-1 02:53
            rf"{_D}{{4}}-{_D}{{1,2}}-{_D}{{1,2}}(?:\s+{_D}{{1,2}}:{_D}{{2}})?",
            r"(?<![0-9])(?:[一二三四]季度|第[一二三四]季度)",
            vocab.alternation("festivals"),
            vocab.alternation("number_festivals")
            + "(?="
            + vocab.alternation("date_numeral_context")
            + ")",
        ]
    )
)

MONEY_RE = re.compile(
    rf"(?:{_D}+(?:[.,]{_D}+)*|{_CN}+|[两几])\s*(?:多)?(?:百|千|万|亿|万亿)*(?:多)?\s*"
    + vocab.alternation("currencies")
)

DOC_RE = re.compile(r"《([^《》\n]{2,120})》")
_MEDIA_END = re.compile(vocab.alternation("media_ends") + "$")

QUOTE_RE = re.compile(r"“([^“”\n]{2,40})”")
_POLICY_END = re.compile(vocab.alternation("quoted_policy_ends") + "$")
_NOT_POLICY = vocab.words("not_policies")
# Programmes are often named by a count: 四个一体化, 两个走访, 三项重点工作, 十大行动.
_COUNTED_NAME = re.compile(
    "^["
    + "".join(sorted(vocab.chars("numerals") - {"几", "多"}))
    + "]+["
    + "".join(sorted(vocab.chars("programme_counters")))
    + "][\u4e00-\u9fff]{2,}"
)
# Unquoted programme names end in one of these (富民兴村行动, 桉树种植退减工程).
POLICY_END = re.compile(vocab.alternation("programme_ends") + r"(?![\u4e00-\u9fff]*[”’])")
# A quoted name directly followed by what it names is a programme: “绿美鹤山”行动,
# “产业强区”发展路径, “亮诺亮绩亮牌”行动.
_CAMPAIGN_AFTER = re.compile(vocab.alternation("campaign_after"))
_SLOGAN_PART = re.compile(r"^[\u4e00-\u9fff]{2,8}$")

# Characters and words that end a backward scan for a name: they cannot be inside it.
_FUNCTION_SET = vocab.words("name_breaking_words")

# Datelines: 本报韶关3月2日电, 新华社上海9月1日电 — the place a report is filed from.
DATELINE_RE = re.compile(
    vocab.alternation("news_agencies")
    + "(?:记者)?"
    + r"([\u4e00-\u9fff]{2,8}?)(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日电"
)

# Party congresses and plenums, named by number: 党的二十大, 十九届四中全会.
CONGRESS_RE = re.compile(
    r"党的[一二三四五六七八九十]{1,3}大|[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]{1,3}中全会"
)
EVENT_END = re.compile(
    "(?:"
    + vocab.alternation("meeting_verbs")
    + vocab.alternation("meeting_words")
    + "|"
    + vocab.alternation("event_ends")
    + ")"
)
_EVENT_GENERIC = vocab.words("generic_events")

FAC_END = re.compile(vocab.alternation("facility_ends") + "(?:项目)?|项目")
_POINTING = vocab.chars("demonstratives")
_FAC_GENERIC = vocab.words("generic_facility_leads")


# Word classes that cannot be inside a name (verbs, adverbs, prepositions, conjunctions,
# particles, pronouns): a backward scan for a name's start stops at them.
_BREAK_TAGS = ("v", "d", "p", "c", "u", "r", "y", "e", "o", "z", "t", "l", "i")


def _breaks(token: Token) -> bool:
    """Can this word not be part of a name?"""
    word, tag = token[2], token[3]
    if word in _FUNCTION_SET or not any(ch.isalnum() for ch in word):
        return True  # function words, punctuation, symbols (▲), spaces
    return (
        tag is not None
        and tag.startswith(_BREAK_TAGS)
        and not tag.startswith(("vn", "nr", "ns", "nt", "nz"))
    )


def _name_start(text: str, tokens: Sequence[Token], starts: list[int], at: int, limit: int) -> int:
    """Start of the name whose telling ending begins at ``at``.

    Walks back word by word while the words can be part of a name (nouns, names,
    numbers and measure words, words jieba does not know), stopping at punctuation, a
    function word or a verb: 在全省高质量发展大会 -> 全省高质量发展大会.
    """
    k = bisect_right(starts, at) - 1
    start = tokens[k][0] if k >= 0 else at
    if (
        k >= 0
        and start < at
        and (_breaks(tokens[k]) or tokens[k][2][: at - start] in _FUNCTION_SET)
    ):
        return at  # the ending is glued to a verb (主持会议): no name before it
    j = k - 1
    while j >= 0 and at - tokens[j][0] <= limit:
        if _breaks(tokens[j]) and not _inside_compound(tokens, j):
            break
        start = tokens[j][0]
        j -= 1
    return start


_NOUNISH = ("n", "vn", "nz", "ns", "nt", "nr", "nis", "j")


def _inside_compound(tokens: Sequence[Token], j: int) -> bool:
    """A verb between two nouns is part of a compound name (装备制造产业园), not a
    predicate (在…举行): the words on both sides must be nouns or unknown words."""
    word, tag = tokens[j][2], tokens[j][3]
    if tag is None or not tag.startswith("v") or word in _FUNCTION_SET or j == 0:
        return False
    if j + 1 >= len(tokens):
        return False
    return all(
        (t[3] is None and t[2][:1].isalnum()) or (t[3] or "").startswith(_NOUNISH)
        for t in (tokens[j - 1], tokens[j + 1])
    )


def _named(
    text: str,
    tokens: Sequence[Token],
    pattern: re.Pattern[str],
    generic: frozenset[str],
    limit: int,
    kinds_lead: bool = False,
) -> list[tuple[int, int]]:
    endings = [(m.start(), m.end()) for m in pattern.finditer(text)]
    return named_before(text, tokens, endings, generic, limit, kinds_lead)


def named_before(
    text: str,
    tokens: Sequence[Token],
    endings: Sequence[tuple[int, int]],
    generic: frozenset[str],
    limit: int,
    kinds_lead: bool = False,
) -> list[tuple[int, int]]:
    """Names that end in a telling word (each ``(start, end)`` of ``endings``): the
    words before it back to the name's edge, without leading numbers or generic words.
    With ``kinds_lead`` (facilities), nor words of kind before it (私营, 大型), nor anything
    up to a count or a pointing word in it (5日 + 一列 + 高速, 这是 + 第一座 + 跨海大桥)."""
    if not endings:
        return []
    starts = [t[0] for t in tokens]
    # An ending whose last characters begin the next word is none: 委员会|议长 holds no
    # 会议 (but 全会精神, one word from the ending's start, still ends in 全会).
    word_at = {t[0]: t[1] for t in tokens if t[3] is not None}
    found = []
    for at, end in endings:
        if any(word_at.get(i, 0) > end for i in range(at + 1, end)):
            continue
        start = _name_start(text, tokens, starts, at, limit) if tokens else at
        # Leading numbers and generic words are not part of the name (一批重点项目).
        while start < at:
            k = bisect_right(starts, start) - 1
            word = tokens[k][2] if tokens and k >= 0 else ""
            tag = tokens[k][3] if tokens and k >= 0 else None
            lead_generic = (
                word in generic
                or (tag in ("m", "q", "mq") and not word.startswith("第"))
                or (kinds_lead and tag == "b")  # a kind, not a name: 私营, 大型
            )
            if not lead_generic or tokens[k][1] > at:
                break
            start = tokens[k][1]
        if kinds_lead:
            # …and a facility's name starts after any count or pointing word in it:
            # 这是 + 全省 + 第一座 + 跨海大桥 is a kind of bridge.
            for t_start, t_end, word, tag in tokens:
                if (
                    start <= t_start
                    and t_end <= at
                    and (tag in ("m", "q", "mq") or word.isdigit() or word[0] in _POINTING)
                ):
                    start = t_end
        prefix = text[start:at]
        if len(prefix) < 2 or prefix in generic or text[start:end] in generic:
            continue
        found.append((start, end))
    return found


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
_BEFORE_PAIR = vocab.chars("pair_prepositions")
_ABBR_START = _ABBR_ANY | _ABBR_VERB
_COUNTRY_NOUNS = vocab.words("country_nouns")


_GLUED_VERBS = vocab.words("glued_verbs")


# Pairs of abbreviations that are everyday words first (加以, 美德, 日中 'midday').
_EVERYDAY_PAIRS = vocab.words("everyday_pairs")


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
        run = run[1:]  # 以|中日友好: 'with', then a pair
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


def _abbreviations(text: str, tokens: Sequence[Token]) -> list[int]:
    found: list[int] = []
    for k, (start, _end, word, _tag) in enumerate(tokens):
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
            found.extend((start, start + 1))  # 中/美 cut apart: 深化中美合作
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
                found.append(start)  # 访 + 华 cut apart (在 + 中 is mostly 在中日益…)
        elif n == 2 and word[1] == "方" and word[0] in _ABBR:
            found.append(start)  # 美方 as one word
    return found


_PROPER_TAGS = ("nr", "ns", "nt", "nz", "nis", "eng")
_PLACE_SUFFIX = vocab.chars("place_levels")
# Stems that make a generic word with a place suffix (全县, 该市, 城乡), not a name.
_GENERIC_STEM = vocab.chars("generic_place_stems")


def _suffixed_places(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """An unknown name cut off before 县/市/镇… is a place with it (称多县, 泥汊镇)."""
    found = []
    for k, (_start, end, word, _tag) in enumerate(tokens):
        if word not in _PLACE_SUFFIX or k == 0:
            continue
        p_start, _p_end, stem, tag = tokens[k - 1]
        if (
            not 1 <= len(stem) <= 3
            or stem in _GENERIC_STEM
            or not all("\u4e00" <= c <= "\u9fff" for c in stem)
        ):
            continue
        if tag is None or tag.startswith(("nr", "ns", "nz")):
            found.append((p_start, end))
    return found


_FACILITY_AT_END = re.compile(rf"(?:{FAC_END.pattern.removesuffix('|项目')})$")


def _proper(token: Token) -> bool:
    """A place, a name, an organisation, or a word jieba does not know."""
    return (token[3] is None and not token[2].isdigit()) or (token[3] or "").startswith(
        _PROPER_TAGS
    )


def _unnamed_facility(text: str, tokens: Sequence[Token], start: int, end: int) -> bool:
    """A kind of facility, not a named one: a dictionary word (高速铁路), a generic word
    and a facility word (海底隧道, 铁路隧道: the generic words are stripped before), or a
    …项目 with only common words before it (文旅项目, 重点项目).

    A named project has something proper in it: a place, a company, a word jieba does
    not know (信义节能玻璃项目, 隆基绿能项目), or a facility word (…隧道项目).
    """
    if not text.endswith("项目", start, end):
        # One dictionary word that is no place is a kind of facility (高速铁路), unless
        # a place names it (秦岭 + 隧道).
        from annotator.core.suggest.lexicon import load_lexicon  # lexicon imports rules

        inside = [t for t in tokens if t[0] < end and start < t[1]]
        ending = _FACILITY_AT_END.search(text, start, end)
        head = text[start : ending.start()] if ending else ""
        return (
            len(inside) == 1
            and inside[0][3] is not None
            and not inside[0][3].startswith(("ns", "nr", "nt"))
            and "LOC" not in load_lexicon().types.get(head, ())
        )
    body = end - 2
    if _FACILITY_AT_END.search(text[start:body]):
        return False
    inside = [t for t in tokens if t[0] < body and start < t[1]]
    while len(inside) > 1 and (inside[0][3] or "").startswith("v"):
        inside.pop(0)  # 发展 + 文旅项目: a verb before a project names no part of it
    if len(inside) == 1 and (inside[0][3] is None or inside[0][3].startswith("ns")):
        # A place's projects (鹤山项目: GUIDELINES make 鹤山 a LOC there), or one word
        # jieba does not know, mostly a field (文旅项目, 欧资项目), not a name.
        return True
    if any(t[3] in ("m", "mq") and not t[2].startswith("第") for t in inside):
        return True  # counted: 干成一个项目
    return not any(_proper(t) for t in inside)


class RuleSuggester:
    name = "rules"

    def propose(self, text: str, tokens: Sequence[Token] = ()) -> list[Candidate]:
        out: list[Candidate] = []
        add = out.append
        for m in DATE_RE.finditer(text):
            add(Candidate(m.start(), m.end(), "DATE", "rule:date", PRIORITY["date"], 0.95))
        for m in MONEY_RE.finditer(text):
            add(Candidate(m.start(), m.end(), "MONEY", "rule:money", PRIORITY["money"], 0.95))
        for m in DOC_RE.finditer(text):
            label = "ORG" if _MEDIA_END.search(m.group(1)) else "DOC"
            add(Candidate(m.start(1), m.end(1), label, "rule:book-title", PRIORITY["doc"], 0.9))
        policies = set()
        for m in QUOTE_RE.finditer(text):
            inner = m.group(1)
            if self.is_policy(inner) or _CAMPAIGN_AFTER.match(text, m.end()):
                policies.add(inner)
                add(
                    Candidate(
                        m.start(1), m.end(1), "POLICY", "rule:quoted", PRIORITY["quoted"], 0.85
                    )
                )
        # A programme named once in quotes is the same programme unquoted elsewhere.
        for name in policies:
            for m in re.finditer(re.escape(name), text):
                add(
                    Candidate(
                        m.start(), m.end(), "POLICY", "rule:quoted", PRIORITY["quoted"] - 1, 0.8
                    )
                )
        for i in _abbreviations(text, tokens):
            add(Candidate(i, i + 1, "LOC", "rule:abbreviation", PRIORITY["abbr"], 0.7))
        for start, end in _named(text, tokens, POLICY_END, _NOT_POLICY, 14):
            add(Candidate(start, end, "POLICY", "rule:programme", PRIORITY["quoted"] - 2, 0.6))
        for start, end in _suffixed_places(text, tokens):
            add(Candidate(start, end, "LOC", "rule:place-suffix", PRIORITY["tagger"] + 3, 0.5))
        for m in DATELINE_RE.finditer(text):
            add(
                Candidate(m.start(1), m.end(1), "LOC", "rule:dateline", PRIORITY["tagger"] + 4, 0.7)
            )
        for m in CONGRESS_RE.finditer(text):
            add(Candidate(m.start(), m.end(), "EVENT", "rule:congress", PRIORITY["event"], 0.8))
        for start, end in _named(text, tokens, EVENT_END, _EVENT_GENERIC, 18):
            add(Candidate(start, end, "EVENT", "rule:event", PRIORITY["event"], 0.7))
        for start, end in _named(text, tokens, FAC_END, _FAC_GENERIC, 16, kinds_lead=True):
            if _unnamed_facility(text, tokens, start, end):
                continue
            add(Candidate(start, end, "FAC", "rule:facility", PRIORITY["fac"], 0.6))
        return out

    @staticmethod
    def is_policy(inner: str) -> bool:
        """Does quoted text name a programme, campaign or strategy (GUIDELINES: POLICY)?"""
        if inner in _NOT_POLICY or any(ch in inner for ch in "。！？，,!?"):
            return False
        if re.fullmatch(
            r"\d{3,}|\d+(?:\+\d+)+|[一二三四五六七八九十]+个[一二三四五六七八九十]+", inner
        ):
            return True
        if _COUNTED_NAME.match(inner):
            return True
        if "+" in inner and re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:\+[\u4e00-\u9fff]{2,8})+", inner):
            return True
        parts = inner.split("、")
        if len(parts) >= 2 and all(_SLOGAN_PART.match(p) for p in parts):
            return True
        return bool(_POLICY_END.search(inner)) and len(inner) >= 4
