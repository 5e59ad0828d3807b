"""Build the shipped lexicons from the seed data in ``shared/data/`` (reproducible).

    python resources/lexicons/build_lexicons.py ../shared/data

Writes ``lexicon.tsv`` (surface, type, origin) beside this file. Types:
LOC, ORG, PER, TITLE, BODY (an organisation word that follows a place: 市委, 司法局, 大学),
POLICY (named programmes), CAMPAIGN (a word a place joins to name a campaign: 绿美),
FEATURE (a natural feature a place joins and stays a place: 半岛).
The hand-written word lists are ours, one named file each in ``ours/`` beside this
file (``resources/lexicons/ours/*.txt``, read by :func:`_ours`; each file's first line
says what it is); everything else is a mechanical filter of a seed file, named in the
origin column. Licences and attribution: ATTRIBUTION.md.
Re-run after changing a rule; the output is sorted, so diffs stay readable.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import jieba
import jieba.posseg
import opencc

HERE = Path(__file__).resolve().parent
OURS = HERE / "ours"


def _ours(name: str) -> list[str]:
    """The words of ``ours/NAME.txt``, in the file's order (duplicates kept).

    Each of our hand-curated lists is one such file: its first line is a comment saying
    what the list is and how it is used; lines starting with ``#`` are skipped, the rest
    are words separated by whitespace."""
    path = OURS / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("#"):
        raise ValueError(f"{path}: the first line must say what the list is")
    words = [w for line in lines if not line.startswith("#") for w in line.split()]
    if not words:
        raise ValueError(f"{path}: no words")
    return words


# A short form is dropped when jieba knows it as a common word of another kind
# (共和, 大同, 东风): matching it everywhere would flood the suggestions.
COMMON_FREQ = 100
COUNTY_WORD_FREQ = 500

# Our word lists (resources/lexicons/ours/, each file says what it is).
DIVISION_SUFFIXES = tuple(_ours("division_suffixes"))
TOWN_ENDS = tuple(_ours("town_ends"))
PLACE_END = tuple(_ours("place_ends"))
BODIES = _ours("bodies")
LEVEL_WORDS = _ours("level_words")
PROGRAMMES = _ours("programmes")
PLACE_FEATURES = _ours("place_features")
CAMPAIGN_PREFIXES = _ours("campaign_prefixes")
WORLD_ORGS = _ours("world_orgs")
NATIONAL_BODIES = _ours("national_bodies")
TITLES = _ours("titles")
TITLE_ENDS = tuple(_ours("title_ends"))
WORLD_PLACES = _ours("world_places")
GENERIC_PLACES = frozenset(_ours("generic_places"))
STOP = _ours("stop")
EVERYDAY_WORDS = frozenset(_ours("everyday_words"))
_NOT_DIVISIONS = frozenset(_ours("not_divisions"))
CHINA_SUFFIXES = tuple(_ours("china_suffixes"))


def _common(
    word: str, freq: dict[str, int], tags: dict[str, str], keep_tags: tuple[str, ...]
) -> bool:
    return freq.get(word, 0) >= COMMON_FREQ and not tags.get(word, "").startswith(keep_tags)


def divisions(path: Path, freq: dict[str, int], tags: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name, level = row["name"], row["level"]
            if level == "town" and not name.endswith(TOWN_ENDS):
                continue  # farms, forest farms, parks and prisons are not places to tag
            if name == "城区":
                continue
            out.setdefault(name, f"divisions:{level}")
            for suffix in DIVISION_SUFFIXES:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    short = name[: -len(suffix)]
                    if short not in EVERYDAY_WORDS and not _common(short, freq, tags, ("ns",)):
                        out.setdefault(short, f"divisions:{level}:short")
                    break
    return out


def china_divisions(folder: Path, freq: dict[str, int], tags: dict[str, str]) -> dict[str, str]:
    """Every province, city and county of China (cpca's national list), with its short
    form: 苏州市 → 苏州, 宁夏回族自治区 → 宁夏, 延边朝鲜族自治州 → 延边."""
    peoples = [
        line.strip() for line in (folder / "56_nations.csv").read_text(encoding="utf-8").split()
    ]
    out: dict[str, str] = {}
    with (folder / "adcodes.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name, code = row["name"], row["adcode"]
            if name in _NOT_DIVISIONS or len(name) < 2:
                continue
            level = (
                "province"
                if code[2:].strip("0") == ""
                else "city"
                if code[4:].strip("0") == ""
                else "county"
            )
            if len(name) == 2 and tags.get(name) != "ns":
                continue  # 和县, 新县: too easily two words of a sentence (书记和县长)
            out.setdefault(name, f"cpca:{level}")
            short = _short_form(name, peoples)
            # jieba's tags are no guide for cities (桂林 is a name there, 孝感 a noun), so
            # a city's short form counts unless it is an everyday word. Of counties there
            # are thousands, and their short forms are often words (万全, 东光): one counts
            # only where jieba knows it as a place and not as a frequent word (its "places"
            # 新建, 兴国, 朝阳 are), or does not know it at all.
            if (
                short
                and short not in EVERYDAY_WORDS
                and (
                    level != "county"
                    or not freq.get(short)
                    or (tags.get(short) == "ns" and freq[short] < COUNTY_WORD_FREQ)
                )
            ):
                out.setdefault(short, f"cpca:{level}:short")
    return out


def _short_form(name: str, peoples: list[str]) -> str | None:
    for suffix in CHINA_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return None
    if suffix.startswith("自治"):
        # The peoples named before 自治 go too: 黔江土家族苗族自治县 → 黔江.
        cuts = [stem.find(p, 2) for p in peoples]
        cut = min((c for c in cuts if c >= 2), default=len(stem))
        stem = stem[:cut]
        if stem in peoples:
            stem = stem[:-1]  # 东乡族自治县 → 东乡
    return stem if len(stem) >= 2 else None


def thuocl(path: Path, freq: dict[str, int], tags: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    # The file has old-Mac CR line ends; splitlines() handles every convention.
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        word = line.split("\t")[0].strip()
        if len(word) < 2 or word in GENERIC_PLACES or word in EVERYDAY_WORDS:
            continue
        tag = tags.get(word)
        if tag == "ns" or (tag is None and len(word) >= 3 and word.endswith(PLACE_END)):
            out[word] = "thuocl"
    return out


def hanlp_rows(path: Path) -> list[tuple[str, str, int]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.replace("\t", " ").split()
            if len(parts) >= 3 and parts[0] != "word":
                rows.append((parts[0], parts[1], int(parts[2]) if parts[2].isdigit() else 1))
    return rows


def main(data: Path) -> None:
    jieba.setLogLevel(60)
    jieba.initialize()
    freq = jieba.dt.FREQ
    tags = jieba.posseg.dt.word_tag_tab
    t2s = opencc.OpenCC("t2s")
    entries: dict[tuple[str, str], str] = {}

    def add(word: str, kind: str, origin: str) -> None:
        word = t2s.convert(word.strip())
        if len(word) >= 2 or kind in ("BODY",):
            entries.setdefault((word, kind), origin)

    for word, origin in divisions(
        data / "divisions" / "guangdong_divisions.csv", freq, tags
    ).items():
        add(word, "LOC", origin)
    for word, origin in china_divisions(HERE / "sources" / "cpca", freq, tags).items():
        add(word, "LOC", origin)
    for word, origin in thuocl(
        data / "lexicons" / "thuocl" / "THUOCL_diming.txt", freq, tags
    ).items():
        add(word, "LOC", origin)
    ours = [
        (WORLD_PLACES, "LOC", "ours:world"),
        (BODIES, "BODY", "ours"),
        (WORLD_ORGS, "ORG", "ours:world"),
        (NATIONAL_BODIES, "ORG", "ours:national"),
        (LEVEL_WORDS, "LEVEL", "ours"),
        (PROGRAMMES, "POLICY", "ours"),
        (CAMPAIGN_PREFIXES, "CAMPAIGN", "ours"),
        (PLACE_FEATURES, "FEATURE", "ours"),
        (TITLES, "TITLE", "ours"),
    ]
    for words, kind, origin in ours:
        for word in words:
            add(word, kind, origin)
    hanlp = data / "lexicons" / "hanlp"
    # HanLP's organisation suffixes hold facility words too (基地, 电站, 博物馆): those end
    # a facility's name (GUIDELINES: FAC), so they are no body word here; a common word
    # before one then names a kind (育苗基地), not an organisation.
    from annotator.core.suggest import vocab

    facility_words = vocab.words("facility_ends") | vocab.words("facility_ends_after_names")
    for word, _tag, n in hanlp_rows(hanlp / "nis_org_suffixes.tsv"):
        if (
            n >= 5
            and len(word) >= 2
            and word not in facility_words
            and not _common(word, freq, tags, ("nt", "n"))
        ):
            add(word, "BODY", "hanlp:nis")
    for word, _tag, n in hanlp_rows(hanlp / "nnt_titles.tsv"):
        if n >= 3 and word.endswith(TITLE_ENDS):
            add(word, "TITLE", "hanlp:nnt")
    from annotator.core.suggest.lexicon import place_and_kind

    def is_place(word: str) -> bool:
        return (word, "LOC") in entries and tags.get(word) == "ns"

    # Two bodies written together are two organisations (某县委县政府: GUIDELINES), which
    # the composition reads apart.
    joint_bodies = re.compile(
        "委[" + "".join(sorted(vocab.chars("place_levels"))) + "]+政府"
    ).search

    # An organisation word after these is any organisation of its kind (三甲医院, 上市公司).
    generic_starts = tuple(vocab.ordered("generic_org_starts"))
    for name in ("nt_orgs_core.tsv", "机构名词典.txt"):
        for word, tag, _n in hanlp_rows(hanlp / name):
            if (
                tag.startswith("nt")
                and len(word) >= 3
                and not _common(word, freq, tags, ("nt",))
                and not place_and_kind(word, is_place)
                and not t2s.convert(word).startswith(generic_starts)
                and not joint_bodies(t2s.convert(word))
            ):
                add(word, "ORG", f"hanlp:{tag}")
    for word, tag, _n in hanlp_rows(hanlp / "人名词典.txt"):
        # A two-character name may be a common word too (文明, 建国); longer ones
        # rarely are, even where jieba's tag is wrong (周恩来 is "t" there).
        if (
            tag.startswith("nr")
            and 2 <= len(word) <= 4
            and "·" not in word
            and (len(word) >= 3 or not _common(word, freq, tags, ("nr",)))
        ):
            add(word, "PER", f"hanlp:{tag}")
    stop = set(STOP) | GENERIC_PLACES
    lines = sorted(
        f"{word}\t{kind}\t{origin}"
        for (word, kind), origin in entries.items()
        # 平原 alone is no place, but 华北平原 is; 市直 alone names no body, but it puts
        # one at its level (县直 + 机关工委).
        if word not in stop or kind in ("FEATURE", "LEVEL", "BODY")
    )
    lines += sorted(f"{word}\tSTOP\tours" for word in stop)
    # The character model of names (annotator/core/suggest/names.py): Chinese names of
    # the person lexicon against jieba's dictionary words.
    from annotator.core.suggest.names import NameModel

    names = [w for (w, kind), origin in entries.items() if kind == "PER" and origin == "hanlp:nr"]
    model = NameModel.train(names, ((w, n) for w, n in freq.items() if n > 0))
    (HERE / "name_model.json").write_text(model.to_json() + "\n", encoding="utf-8")
    (HERE / "lexicon.tsv").write_text(
        "surface\ttype\torigin\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(lines)} entries to {HERE / 'lexicon.tsv'}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
