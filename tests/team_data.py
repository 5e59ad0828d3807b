"""Two annotators' gold for the team tests: a gold file, and a copy with known changes.

The changes are generated (every ninth span from the third dropped, from the fifth
relabelled, from the seventh shortened by its last character), and the agreement they
imply is worked out here from the changes alone, by counting, never by the code under
test.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

Key = tuple[int, int, str]


def _doc(text: str, names: list[tuple[str, str]]) -> tuple[str, list[Key]]:
    spans, pos = [], 0
    for surface, label in names:
        start = text.index(surface, pos)
        spans.append((start, start + len(surface), label))
        pos = start + len(surface)
    return text, spans


DOCS: list[tuple[str, list[Key]]] = [
    _doc(
        "3月8日，佛山市南海区召开乡村振兴工作会议，区委书记陈志强出席并讲话。",
        [
            ("3月8日", "DATE"),
            ("佛山市南海区", "LOC"),
            ("乡村振兴工作会议", "EVENT"),
            ("区委书记", "TITLE"),
            ("陈志强", "PER"),
        ],
    ),
    _doc(
        "肇庆市高新区管委会与广东星河电子有限公司签约，总投资30亿元的星河智造园落户大旺。",
        [
            ("肇庆市高新区管委会", "ORG"),
            ("广东星河电子有限公司", "ORG"),
            ("30亿元", "MONEY"),
            ("星河智造园", "FAC"),
            ("大旺", "LOC"),
        ],
    ),
    _doc(
        "韶关市政府印发《韶关市绿色发展三年行动方案》，市长林海燕要求各县落实“绿美韶关”行动。",
        [
            ("韶关市政府", "ORG"),
            ("韶关市绿色发展三年行动方案", "DOC"),
            ("市长", "TITLE"),
            ("林海燕", "PER"),
            ("绿美韶关", "POLICY"),
        ],
    ),
    _doc(
        "2024年5月，梅州市梅县区人民医院院长张立平带队到丰顺县汤坑镇开展义诊。",
        [
            ("2024年5月", "DATE"),
            ("梅州市梅县区人民医院", "ORG"),
            ("院长", "TITLE"),
            ("张立平", "PER"),
            ("丰顺县汤坑镇", "LOC"),
        ],
    ),
    _doc(
        "阳江市委副书记黄振华在阳东区调研海上风电产业园，强调要把项目建设好。",
        [
            ("阳江市委副书记", "TITLE"),
            ("黄振华", "PER"),
            ("阳东区", "LOC"),
            ("海上风电产业园", "FAC"),
        ],
    ),
]


@dataclass(frozen=True)
class Change:
    kind: str  # dropped / relabelled / boundary
    before: Key
    after: Key | None


def changed(docs: list[tuple[str, list[Key]]]) -> tuple[list[tuple[str, list[Key]]], list[Change]]:
    """The second annotator's gold: the first with a known, generated set of changes."""
    out, changes, i = [], [], 0
    for text, spans in docs:
        kept = []
        for span in sorted(spans):
            i += 1
            start, end, label = span
            if i % 9 == 3:
                changes.append(Change("dropped", span, None))
                continue
            if i % 9 == 5:
                new: Key = (start, end, "ORG" if label != "ORG" else "LOC")
                changes.append(Change("relabelled", span, new))
            elif i % 9 == 7 and end - start >= 3 and not text[end - 2].isspace():
                new = (start, end - 1, label)
                changes.append(Change("boundary", span, new))
            else:
                new = span
            kept.append(new)
        out.append((text, kept))
    return out, changes


def read_gold(path: Path) -> list[tuple[str, list[Key]]]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            docs.append(
                (obj["text"], [(e["start"], e["end"], e["label"]) for e in obj["entities"]])
            )
    return docs


def write_gold(
    path: Path,
    docs: list[tuple[str, list[Key]]],
    *,
    annotator: str | None = None,
) -> None:
    """Native JSONL; with ``annotator``, entities are accepted by them and articles done."""
    with path.open("w", encoding="utf-8") as fh:
        for i, (text, spans) in enumerate(docs):
            ents = []
            for s, e, label in spans:
                ent: dict[str, object] = {"start": s, "end": e, "label": label, "text": text[s:e]}
                if annotator:
                    ent |= {"status": "accepted", "annotator": annotator, "origin": "manual"}
                ents.append(ent)
            obj: dict[str, object] = {"id": f"d{i}", "text": text, "entities": ents}
            if annotator:
                obj["status"] = "done"
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _f1(tp_a: int, n_a: int, tp_b: int, n_b: int) -> float:
    p = tp_b / n_b if n_b else 0.0
    r = tp_a / n_a if n_a else 0.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def expected(docs: list[tuple[str, list[Key]]], changes: list[Change]) -> dict[str, object]:
    """F1, kappa and the differences the changes imply, by counting."""
    spans = [s for _, ss in docs for s in ss]
    n_chars = sum(len(text) for text, _ in docs)
    by = {c.before: c for c in changes}
    labels = sorted({s[2] for s in spans} | {c.after[2] for c in changes if c.after})
    result: dict[str, object] = {"exact": {}, "overlap": {}, "kappa": {}}
    kinds = Counter({"dropped": 0, "relabelled": 0, "boundary": 0})
    kinds.update(c.kind for c in changes)
    result["kinds"] = dict(kinds)
    for label in [*labels, None]:

        def mine(key: Key | None, label: str | None = label) -> bool:
            return key is not None and (label is None or key[2] == label)

        n_a = sum(mine(s) for s in spans)
        n_b = sum(mine(by[s].after if s in by else s) for s in spans)
        same = sum(mine(s) and s not in by for s in spans)
        # Overlap: a shortened span still overlaps its original, of the same label.
        near = same + sum(mine(s) and by[s].kind == "boundary" for s in spans if s in by)
        name = label or "overall"
        result["exact"][name] = round(2 * same / (n_a + n_b), 4) if n_a + n_b else 0.0  # type: ignore[index]
        result["overlap"][name] = _f1(near, n_a, near, n_b)  # type: ignore[index]
        if label is None:
            continue
        both = a_only = b_only = 0
        for s in spans:
            length = s[1] - s[0]
            change = by.get(s)
            if change is None:
                both += length * mine(s)
            elif change.kind == "dropped":
                a_only += length * mine(s)
            elif change.kind == "relabelled":
                a_only += length * mine(s)
                b_only += length * mine(change.after)
            else:  # one character shorter
                both += (length - 1) * mine(s)
                a_only += mine(s)
        neither = n_chars - both - a_only - b_only
        po = (both + neither) / n_chars
        pe = ((both + a_only) * (both + b_only) + (neither + b_only) * (neither + a_only)) / (
            n_chars * n_chars
        )
        result["kappa"][label] = round((po - pe) / (1 - pe), 4)  # type: ignore[index]
    return result
