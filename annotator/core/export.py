"""Export a store's gold data. Every writer validates offsets and writes atomically."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.formats import jsonl
from annotator.core.formats.atomic import atomic_writer
from annotator.core.model import ArticleStatus
from annotator.core.store import Store


def records(
    store: Store,
    *,
    status: str = "done",
    include_pending: bool = False,
    script: str = "original",
) -> Iterator[dict[str, Any]]:
    wanted = ("accepted", "pending") if include_pending else ("accepted",)
    ids = store.article_ids(ArticleStatus.DONE.value if status == "done" else None)
    for article_id in ids:
        article = store.article(article_id, with_spans=False)
        spans = store.spans(article_id, statuses=wanted)
        yield jsonl.record(article, spans, script=script)


def _bio_lines(rec: dict[str, Any]) -> Iterator[str]:
    tags = ["O"] * len(rec["text"])
    for ent in rec["entities"]:
        tags[ent["start"]] = f"B-{ent['label']}"
        for i in range(ent["start"] + 1, ent["end"]):
            tags[i] = f"I-{ent['label']}"
    for ch, tag in zip(rec["text"], tags, strict=True):
        if ch == "\n":
            yield ""
        elif not ch.isspace():
            yield f"{ch} {tag}"
    yield ""


def _write_docbin(recs: list[dict[str, Any]], output: str | Path | None) -> int:
    """spaCy's binary training format; needs spaCy, which the app does not ship."""
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise ValueError("--format spacy needs spaCy (pip install spacy)") from None
    if output in (None, "-"):
        raise ValueError("--format spacy writes a binary file: give -o FILE.spacy")
    nlp = spacy.blank("zh")
    docbin = DocBin()
    for rec in recs:
        doc = nlp.make_doc(rec["text"])
        ents = [
            doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
            for e in rec["entities"]
        ]
        doc.ents = [e for e in ents if e is not None]
        docbin.add(doc)
    with atomic_writer(output, binary=True) as out:
        out.write(docbin.to_bytes())
    return len(recs)


def export(
    store: Store,
    fmt: str,
    output: str | Path | None,
    *,
    status: str = "done",
    include_pending: bool = False,
    script: str = "original",
) -> int:
    """Write the export; returns the number of articles. Raises ValueError, writing nothing."""
    # Validate everything before the first byte goes out, so a bad record cannot
    # leave a half-written file (stdout included).
    recs = list(records(store, status=status, include_pending=include_pending, script=script))
    if fmt == "jsonl":
        return jsonl.write(recs, output)
    if fmt == "label-studio":
        tasks = [
            {
                "id": i,
                "data": {"text": rec["text"], "source": rec["source"], "article_id": rec["id"]},
                "annotations": [
                    {
                        "result": [
                            {
                                "id": f"{i}-{j}",
                                "from_name": "label",
                                "to_name": "text",
                                "type": "labels",
                                "value": {
                                    "start": e["start"],
                                    "end": e["end"],
                                    "text": e["text"],
                                    "labels": [e["label"]],
                                },
                            }
                            for j, e in enumerate(rec["entities"])
                        ]
                    }
                ],
            }
            for i, rec in enumerate(recs, 1)
        ]
        with atomic_writer(output) as out:
            out.write(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
        return len(recs)
    if fmt == "spacy":
        return _write_docbin(recs, output)
    with atomic_writer(output) as out:
        for rec in recs:
            if fmt == "doccano":
                out.write(
                    json.dumps(
                        {
                            "id": rec["id"],
                            "text": rec["text"],
                            "label": [[e["start"], e["end"], e["label"]] for e in rec["entities"]],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            elif fmt == "conll":
                out.write(f"# id = {rec['id']}\n")
                out.write("\n".join(_bio_lines(rec)) + "\n")
            else:
                raise ValueError(f"unknown format {fmt!r}")
    return len(recs)
