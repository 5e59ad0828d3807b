"""``annotator eval``: score suggestions (or a database) against gold data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.metrics import SpanKey, span_scores
from annotator.core.text import text_uid

GoldDoc = tuple[str, list[SpanKey]]


def read_bio(path: Path) -> Iterator[GoldDoc]:
    """One character a line (``char TAG``), a blank line between sentences."""
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> GoldDoc:
        spans: list[SpanKey] = []
        start, label = None, None
        for i, tag in enumerate([*tags, "O"]):
            inside = tag.startswith("I-") and label == tag[2:]
            if start is not None and not inside:
                spans.append((start, i, label or ""))
                start, label = None, None
            if tag.startswith(("B-", "I-")) and start is None:
                start, label = i, tag[2:]
        return "".join(chars), spans

    with path.open(encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if chars:
                    yield flush()
                    chars, tags = [], []
                continue
            parts = line.rsplit(" ", 1) if " " in line[1:] else line.split("\t")
            if len(parts) != 2:
                raise ValueError(f"line {number}: expected 'CHAR TAG', got {line!r}")
            char = parts[0] if parts[0] else " "
            chars.append(char[0])
            tags.append(parts[1].strip())
    if chars:
        yield flush()


def read_gold_jsonl(path: Path) -> Iterator[GoldDoc]:
    with path.open(encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            text = obj["text"]
            spans = []
            for ent in obj.get("entities", []):
                if ent.get("status", "accepted") == "rejected":
                    continue
                if "text" in ent and text[ent["start"] : ent["end"]] != ent["text"]:
                    raise ValueError(f"line {number}: entity {ent} does not match its text")
                spans.append((ent["start"], ent["end"], ent["label"]))
            yield text, spans


def read_gold(path: str | Path) -> list[GoldDoc]:
    path = Path(path)
    with path.open(encoding="utf-8-sig") as fh:
        head = fh.read(1)
    return list(read_gold_jsonl(path) if head == "{" else read_bio(path))


def evaluate_docs(docs: list[GoldDoc], predict: Any) -> dict[str, Any]:
    labels = {s[2] for _, spans in docs for s in spans}
    pairs = [(gold, predict(text)) for text, gold in docs]
    report = span_scores(pairs, labels=labels)
    report["documents"] = len(docs)
    return report


def evaluate_file(gold: str | Path, *, db: Any = None) -> dict[str, Any]:
    docs = read_gold(gold)
    if db is None:
        from annotator.core.suggest import default_pipeline

        # Propose only the labels the gold set annotates, as a project with that label
        # set would.
        pipeline = default_pipeline(labels={s[2] for _, spans in docs for s in spans})

        def predict(text: str) -> list[SpanKey]:
            return [(s.start, s.end, s.label) for s in pipeline.suggest(text)]
    else:
        by_uid = {}
        for article_id in db.article_ids():
            article = db.article(article_id, with_spans=False)
            by_uid[article.uid] = article_id

        def predict(text: str) -> list[SpanKey]:
            article_id = by_uid.get(text_uid(text))
            if article_id is None:
                return []
            return [(s.start, s.end, s.label) for s in db.spans(article_id, statuses=("accepted",))]

    return evaluate_docs(docs, predict)
