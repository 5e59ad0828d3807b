"""The text pipeline: decode, clean, flag garbled runs, convert script, map offsets.

Every step is a pure function. Cleaning steps work on a :class:`MappedText`, which
carries, for each character of the current text, the range of the raw text it came
from; so any span over the cleaned text can be traced back to the bytes as read.
"""

from __future__ import annotations

import codecs
import hashlib
import operator
import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# --------------------------------------------------------------------------- decode


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF


# The characters _is_han accepts, in runs.
_HAN_RUNS = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002ffff]+")


def _common_share(text: str, encoding: str, lead_lo: int, lead_hi: int) -> float:
    """Share of Han characters that sit in an encoding's frequent-character block.

    Bytes in one legacy CJK encoding usually also decode "successfully" in another,
    but into rare characters. GB2312's level 1 (lead bytes B0-D7) and Big5's level 1
    (lead bytes A4-C6) hold the everyday characters, so real text scores high only in
    its own encoding.
    """
    han = [ch for ch in text if _is_han(ch)]
    if not han:
        return 0.0
    hits = 0
    for ch in han:
        try:
            lead = ch.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
        hits += lead_lo <= lead <= lead_hi
    return hits / len(han)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for file contents, or raise DecodeError.

    Order: a BOM decides; then strict UTF-8; then GB18030 or Big5, whichever reads
    as ordinary Chinese.
    """
    if not data:
        raise DecodeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding)), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} BOM but is not {encoding}") from exc
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for encoding, codec, lo, hi in (
        ("gb18030", "gb2312", 0xB0, 0xD7),
        ("big5", "big5", 0xA4, 0xC6),
    ):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text, codec, lo, hi), encoding, text))
    if not candidates:
        raise DecodeError("not UTF-8, GB18030 or Big5 text")
    _score, encoding, text = max(candidates, key=lambda c: c[0])
    return _check_text(text), encoding


# Control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) but the tab,
# the line and form feeds and the carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _check_text(text: str) -> str:
    """Reject decoded content that is mostly control characters (binary)."""
    if not text.strip():
        raise DecodeError("the file has no text")
    sample = text[:4096]
    controls = len(_CONTROLS.findall(sample))
    if controls > len(sample) * 0.05:
        raise DecodeError("binary data (control characters), not text")
    return text


# ------------------------------------------------------------------ offset mapping


@lru_cache(maxsize=1)
def _counting() -> array[int]:
    """0, 1, 2, ...: an article's identity map is cut from it (an array made from a range
    costs a tenth of a microsecond a character)."""
    return array("q", range(1 << 16))


@dataclass(frozen=True, slots=True)
class MappedText:
    """Text plus, for every character, the raw range [starts[i], ends[i]) it came from."""

    text: str
    starts: array
    ends: array

    @classmethod
    def identity(cls, raw: str) -> MappedText:
        n = len(raw)
        counting = _counting()
        if n >= len(counting):
            return cls(raw, array("q", range(n)), array("q", range(1, n + 1)))
        return cls(raw, counting[:n], counting[1 : n + 1])  # copies, at C speed

    def __len__(self) -> int:
        return len(self.text)

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Replace ranges [start, end) of the current text; edits must not overlap.

        Replacement characters inherit the raw range of what they replace, so a
        replacement may shorten text freely (``\\r\\n`` -> ``\\n``, deletion).
        """
        parts: list[str] = []
        starts = array("q")
        ends = array("q")
        pos = 0
        for start, end, new in sorted(edits):
            if start < pos or end < start or end > len(self.text):
                raise ValueError(f"overlapping or out-of-range edit {start}..{end}")
            parts.append(self.text[pos:start])
            starts.extend(self.starts[pos:start])
            ends.extend(self.ends[pos:start])
            if new:
                if end > start:
                    raw_start, raw_end = self.starts[start], self.ends[end - 1]
                else:
                    raw_start = raw_end = (
                        self.starts[start]
                        if start < len(self.text)
                        else (self.ends[-1] if len(self.text) else 0)
                    )
                parts.append(new)
                starts.extend([raw_start] * len(new))
                ends.extend([raw_end] * len(new))
            pos = end
        parts.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return MappedText("".join(parts), starts, ends)

    def delete(self, ranges: Iterable[tuple[int, int]]) -> MappedText:
        return self.edit((s, e, "") for s, e in ranges)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text to the raw text."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the text")
        return self.starts[start], self.ends[end - 1]


# ----------------------------------------------------------------- cleaning steps


def normalise_newlines(mt: MappedText) -> MappedText:
    """CRLF, CR and Unicode line separators become ``\\n``; stray control chars go.

    Full-width punctuation is kept as written (no NFKC): offsets and the
    annotators' view must match the source.
    """
    edits = [(m.start(), m.end(), "\n") for m in _NEWLINE_RE.finditer(mt.text)]
    edits += [(m.start(), m.end(), "") for m in _JUNK_CHAR_RE.finditer(mt.text)]
    return mt.edit(edits) if edits else mt


_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_JUNK_CHAR_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufeff\u200b\u200e\u200f\u2060]")

# A pinyin syllable (after tone marks are stripped): optional initial, then a final.
_SYLLABLE_RE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er"
    r"|in|un|ün|vn|ia|ie|iu|ua|uo|ue|üe|ve|ui|a|o|e|i|u|ü|v|ng|n|m)"
)
_PINYIN_CHARS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN_RE = re.compile(rf"[(（]([{_PINYIN_CHARS}]{{1,6}})[)）]")
_PINYIN_TAIL_RE = re.compile(rf"[(（]([{_PINYIN_CHARS}]{{0,6}})\s*$")


def _toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.replace("ü", "v"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_pinyin(syllable: str, *, partial: bool = False) -> bool:
    plain = _toneless(syllable).replace("v", "ü")
    if partial:
        return (
            plain == ""
            or any(
                _SYLLABLE_RE.fullmatch(plain + rest)
                for rest in ("", "a", "i", "n", "ng", "ang", "e")
            )
            or bool(re.fullmatch(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])", plain))
        )
    return bool(_SYLLABLE_RE.fullmatch(plain))


def strip_pinyin(mt: MappedText) -> MappedText:
    """Remove pinyin glosses written after Han characters: 鎮(zhèn) -> 鎮.

    Only a parenthesised lower-case pinyin syllable directly after a Han character
    goes; real parentheses (推進(誓師)大會, 村(社區), (記者 葉嘉瑤)) hold other text and
    stay. A gloss cut off at the very end of the text goes too.
    """
    text = mt.text
    edits = [
        (m.start(), m.end(), "")
        for m in _PINYIN_RE.finditer(text)
        if m.start() > 0 and _is_han(text[m.start() - 1]) and _is_pinyin(m.group(1))
    ]
    tail = _PINYIN_TAIL_RE.search(text)
    if (
        tail
        and tail.start() > 0
        and _is_han(text[tail.start() - 1])
        and _is_pinyin(tail.group(1), partial=True)
        and not any(e[1] > tail.start() for e in edits)
    ):
        edits.append((tail.start(), tail.end(), ""))
    return mt.edit(edits) if edits else mt


_GARBLED_SEED_RE = re.compile(r"\ufffd+|\?+(?=[?!A-Za-z\ufffd])|\?{2,}")
_GARBLED_BODY = re.compile(r"[?\ufffd!A-Za-zÀ-ɏ()]")


def find_garbled(text: str) -> list[tuple[int, int]]:
    """Runs of mojibake: U+FFFD, or '?' from a failed decode next to CJK text.

    A '?' counts only when it touches non-ASCII text and is followed by more debris
    ('?', '!', stray Latin letters), which keeps URLs (``?t=``) and a plain question
    mark at the end of a sentence out. A run grows over neighbouring debris so
    that ``?lián)?dāng)`` is one run.
    """
    runs: list[tuple[int, int]] = []
    for m in _GARBLED_SEED_RE.finditer(text):
        start, end = m.start(), m.end()
        if "\ufffd" not in m.group():
            before = text[start - 1] if start else ""
            if not before or ((before.isascii() and not before.isspace()) and before != "?"):
                continue
        while start > 0 and text[start - 1] in "?\ufffd":
            start -= 1
        while end < len(text) and _GARBLED_BODY.match(text[end]):
            end += 1
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(end, runs[-1][1]))
        else:
            runs.append((start, end))
    return runs


# Boilerplate: the rules are data (resources/boilerplate.tsv), each the shape of a
# whole notice line; a line matching one goes, and its kind is recorded.


def _has_han(line: str) -> bool:
    return _HAN_RUNS.search(line) is not None


@lru_cache(maxsize=1)
def _boilerplate_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    from annotator.core.resources import read_text

    rules = []
    for line in read_text("boilerplate.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, pattern = line.split("\t", 1)
            rules.append((kind, re.compile(pattern, re.IGNORECASE)))
    return tuple(rules)


# Kinds of rule that describe a line of a list (_headline_lists), not a line that goes
# on its own.
_LIST_KINDS = ("dated-item", "headline")


def boilerplate_kind(line: str) -> str | None:
    """The kind of web furniture a whole (trimmed, Simplified) line is, or None."""
    for kind, pattern in _boilerplate_rules():
        if kind not in _LIST_KINDS and pattern.fullmatch(line):
            return kind
    if len(line) < 120 and not _has_han(line):
        return "noise"  # no Chinese at all: stray numbers, markup, menu words
    return None


def _headline_lists(lines: Sequence[str]) -> set[int]:
    """Indices of ``lines`` (trimmed, Simplified) in a site's list of dated headlines:
    a run of short lines with no sentence punctuation (blank lines inside it aside),
    at least three of them and half of them an item dated by its month and day at its
    start or its end (the ``dated-item`` rule). One dated line alone, or a list of dates
    in an article (with its commas), is none."""
    rules = [pattern for kind, pattern in _boilerplate_rules() if kind == "dated-item"]
    short = [p for kind, p in _boilerplate_rules() if kind == "headline"]
    found: set[int] = set()
    run: list[int] = []
    dated = 0

    def close() -> None:
        if dated >= 3 and 2 * dated >= len(run):
            found.update(run)

    for i, line in enumerate(lines):
        if not line:
            continue
        if any(rule.fullmatch(line) for rule in rules):
            run.append(i)
            dated += 1
        elif any(rule.fullmatch(line) for rule in short):
            run.append(i)
        else:
            close()
            run, dated = [], 0
    close()
    return found


def navigation_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` (Simplified) that is a site's navigation
    (breadcrumbs, menus, lists of dated headlines): cleaning drops them, and where they
    stay (a text imported as it is) nobody labels a menu."""
    rules = [pattern for kind, pattern in _boilerplate_rules() if kind == "navigation"]
    lines = text.split("\n")
    trimmed = [line.strip(" \t\u3000\xa0") for line in lines]
    listed = _headline_lists(trimmed)
    runs, pos = [], 0
    for i, line in enumerate(lines):
        end = pos + len(line)
        # The first rule that matches a line names its kind, and navigation's come first.
        if trimmed[i] and (i in listed or any(rule.fullmatch(trimmed[i]) for rule in rules)):
            runs.append((pos, end))
        pos = end + 1
    return runs


_VIDEO_URL_RE = re.compile(r"(?:video|视频|視頻)\s*[:：]\s*https?://[\x21-\x7e]+", re.I)
_BULLETS = "●•·▪◆■"


def _line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each line, end including its newline."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def remove_boilerplate(mt: MappedText) -> tuple[MappedText, list[dict[str, Any]]]:
    """Drop web furniture around an article; keep bylines and source lines.

    Returns the new text and what was removed (kind and raw offsets), so the
    removal is auditable and reversible.
    """
    text = mt.text
    edits: list[tuple[int, int, str]] = []
    removed: list[dict[str, Any]] = []

    def drop(start: int, end: int, kind: str) -> None:
        edits.append((start, end, ""))
        raw_start, raw_end = mt.to_raw(start, end)
        removed.append({"kind": kind, "start": raw_start, "end": raw_end})

    simple = to_simplified(text)  # same length: one set of rules serves both scripts
    spans = _line_spans(text)
    lines = [simple[start:end].strip(" \t\n\u3000\xa0") for start, end in spans]
    listed = _headline_lists(lines)
    in_related = False
    for i, (start, end) in enumerate(spans):
        line = lines[i]
        if not line:
            continue
        kind = "headlines" if i in listed else boilerplate_kind(line)
        if kind == "related":
            in_related = True
            drop(start, end, "related")
            continue
        if in_related and line[0] in _BULLETS:
            drop(start, end, "related")
            continue
        in_related = False
        if kind:
            drop(start, end, kind)
            continue
        for m in _VIDEO_URL_RE.finditer(text, start, end):
            drop(m.start(), m.end(), "video")
    return (mt.edit(edits) if edits else mt), removed


_EDGE_SPACE = " \t\u3000\xa0"


def tidy_whitespace(mt: MappedText) -> MappedText:
    """Trim each line, keep at most one blank line between paragraphs, trim the text."""
    text = mt.text
    edits: list[tuple[int, int]] = []
    for start, end in _line_spans(text):
        body_end = end - 1 if text[end - 1 : end] == "\n" else end
        s, e = start, body_end
        while s < e and text[s] in _EDGE_SPACE:
            s += 1
        while e > s and text[e - 1] in _EDGE_SPACE:
            e -= 1
        if s > start:
            edits.append((start, s))
        if body_end > e:
            edits.append((e, body_end))
    mt = mt.delete(edits) if edits else mt
    stripped = mt.text.strip("\n")
    if stripped != mt.text:
        lead = len(mt.text) - len(mt.text.lstrip("\n"))
        mt = mt.delete([(0, lead), (lead + len(stripped), len(mt.text))])
    edits = [(m.start() + 2, m.end()) for m in re.finditer(r"\n{3,}", mt.text)]
    return mt.delete(edits) if edits else mt


# ------------------------------------------------------------------ script (OpenCC)


@lru_cache(maxsize=4)
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _convert_same_length(text: str, config: str) -> str:
    """Convert with OpenCC, guaranteeing one output character per input character.

    Phrase rules almost always map n characters to n characters; where one would
    not, that line falls back to character-by-character conversion.
    """
    if not text:
        return text
    converter = _opencc(config)
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    pieces = []
    for line in text.splitlines(keepends=True):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        pieces.append(converted)
    return "".join(pieces)


def to_simplified(text: str) -> str:
    """Simplified copy of ``text`` with identical offsets (len is preserved)."""
    return _convert_same_length(text, "t2s")


def to_traditional(text: str) -> str:
    """Traditional copy of ``text`` with identical offsets (len is preserved)."""
    return _convert_same_length(text, "s2t")


def convert_script(text: str, script: str) -> str:
    if script == "simplified":
        return to_simplified(text)
    if script == "traditional":
        return to_traditional(text)
    raise ValueError(f"unknown script {script!r}")


def detect_script(text: str) -> str:
    """'traditional' when a noticeable share of Han characters change under t2s."""
    sample = "".join(_HAN_RUNS.findall(text))[:5000]
    if not sample:
        return "simplified"
    changed = sum(map(operator.ne, sample, to_simplified(sample)))
    return "traditional" if changed >= max(2, len(sample) * 0.03) else "simplified"


# ------------------------------------------------------------------- whole pipeline


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    mapping: MappedText
    script: str
    flags: dict[str, Any] = field(default_factory=dict)

    @property
    def uid(self) -> str:
        return text_uid(self.text)


def text_uid(text: str) -> str:
    """Dedupe key: hash of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def clean(raw: str, *, boilerplate: bool = True) -> Cleaned:
    """Run every cleaning step over raw text; offsets of the result map back to raw."""
    mt = normalise_newlines(MappedText.identity(raw))
    mt = strip_pinyin(mt)
    removed: list[dict[str, Any]] = []
    if boilerplate:
        mt, removed = remove_boilerplate(mt)
    mt = tidy_whitespace(mt)
    flags: dict[str, Any] = {}
    garbled = find_garbled(mt.text)
    if garbled:
        flags["garbled"] = [[s, e] for s, e in garbled]
    if removed:
        flags["boilerplate"] = removed
    return Cleaned(mt.text, mt, detect_script(mt.text), flags)


def title_of(text: str, limit: int = 60) -> str:
    """First non-empty line, shortened for lists."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""
