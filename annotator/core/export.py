"""Export a store's gold data. Every writer validates offsets and writes atomically."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
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
    """The native records to export, one at a time (never the whole corpus at once)."""
    wanted = ("accepted", "pending") if include_pending else ("accepted",)
    for article, spans in store.iter_articles_with_spans(
        status=ArticleStatus.DONE.value if status == "done" else None, span_statuses=wanted
    ):
        yield jsonl.record(article, spans, script=script)


def flat(rec: dict[str, Any], on_drop: Callable[[str], object] | None) -> dict[str, Any]:
    """The record with overlapping entities left out, for formats that cannot hold them
    (BIO tags, spaCy's doc.ents): the longest of overlapping ones stays, and each one
    left out is said through ``on_drop``, so no export drops one silently."""
    kept: list[dict[str, Any]] = []
    for ent in sorted(rec["entities"], key=lambda e: (e["start"], -e["end"])):
        clash = next((k for k in kept if k["start"] < ent["end"] and ent["start"] < k["end"]), None)
        if clash is None:
            kept.append(ent)
        elif on_drop is not None:
            on_drop(
                f"article {rec['id']}: entity {ent['start']}..{ent['end']} {ent['text']!r}"
                f" {ent['label']} overlaps {clash['start']}..{clash['end']} {clash['text']!r}"
                f" {clash['label']}; left out (this format cannot hold overlapping spans)"
            )
    return {**rec, "entities": kept}


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
    on_drop: Callable[[str], object] | None = None,
) -> int:
    """Write the export; returns the number of articles. Raises ValueError, writing nothing.

    Flat formats (conll, spacy) leave out an entity that overlaps another; each is
    reported through ``on_drop``.

    Records stream from the store into the (temporary) output one at a time, so
    memory does not grow with the corpus. Each is validated before it is written;
    a bad one aborts the export, and the atomic writer then leaves nothing behind
    (standard output included: it is spooled and copied only once all is well).
    """
    recs = records(store, status=status, include_pending=include_pending, script=script)
    if fmt == "jsonl":
        return jsonl.write(recs, output)
    if fmt in ("spacy", "conll"):
        recs = (flat(rec, on_drop) for rec in recs)
    if fmt == "spacy":
        # spaCy's DocBin is built in memory by design; it is meant for training sets.
        return _write_docbin(list(recs), output)
    if fmt not in ("label-studio", "doccano", "conll"):
        raise ValueError(f"unknown format {fmt!r}")
    count = 0
    with atomic_writer(output) as out:
        if fmt == "label-studio":
            out.write("[")
        for count, rec in enumerate(recs, 1):
            if fmt == "label-studio":
                out.write(
                    ("\n" if count == 1 else ",\n")
                    + json.dumps(_task(count, rec), ensure_ascii=False, indent=1)
                )
            elif fmt == "doccano":
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
            else:
                out.write(f"# id = {rec['id']}\n")
                out.write("\n".join(_bio_lines(rec)) + "\n")
        if fmt == "label-studio":
            out.write("\n]\n")
    return count


def _task(number: int, rec: dict[str, Any]) -> dict[str, Any]:
    """One Label Studio task with its annotation."""
    return {
        "id": number,
        "data": {"text": rec["text"], "source": rec["source"], "article_id": rec["id"]},
        "annotations": [
            {
                "result": [
                    {
                        "id": f"{number}-{j}",
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
