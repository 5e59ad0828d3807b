"""Native JSONL: one article a line (the format DESIGN.md fixes).

``{"id", "source", "title", "text", "status", "entities": [{"start", "end", "label",
"text", "status", "origin", "annotator"}], "flags"}``; offsets are Python str offsets
into ``text``. Imported text is kept exactly as given, since the entities'
offsets refer to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.formats import MAX_ARTICLE_CHARS, InputError, Item
from annotator.core.formats.atomic import atomic_writer
from annotator.core.model import Article, ArticleStatus, LabelSet, Span, SpanStatus
from annotator.core.text import convert_script, detect_script, text_uid, title_of

MAX_LINE_BYTES = 32 * 1024 * 1024


class RecordError(ValueError):
    pass


def _entity(obj: Any, index: int, text: str, labels: LabelSet) -> Span:
    if not isinstance(obj, dict):
        raise RecordError(f"entity {index} is not an object")
    start, end, label = obj.get("start"), obj.get("end"), obj.get("label")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise RecordError(f"entity {index} needs integer start and end")
    if not 0 <= start < end <= len(text):
        raise RecordError(
            f"entity {index} ({start}..{end}) is outside the text (length {len(text)})"
        )
    if not isinstance(label, str) or label not in labels:
        raise RecordError(f"entity {index} has unknown label {label!r}; known: {', '.join(labels)}")
    surface = text[start:end]
    given = obj.get("text")
    if given is not None and given != surface:
        raise RecordError(
            f"entity {index} text {given!r} does not match text[{start}:{end}] = {surface!r}"
        )
    origin = str(obj.get("origin") or "import")
    default = (
        SpanStatus.PENDING if obj.get("origin") not in (None, "manual") else SpanStatus.ACCEPTED
    )
    try:
        status = SpanStatus(obj.get("status") or default)
    except ValueError:
        raise RecordError(f"entity {index} has unknown status {obj.get('status')!r}") from None
    return Span(
        start,
        end,
        label,
        surface,
        origin=origin,
        status=status,
        confidence=float(obj.get("confidence", 1.0)),
        annotator=obj.get("annotator"),
    )


def parse_record(obj: Any, source: str, labels: LabelSet) -> Article:
    if not isinstance(obj, dict):
        raise RecordError("the line is not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise RecordError('no "text" (a non-empty string) in the record')
    if len(text) > MAX_ARTICLE_CHARS:
        raise RecordError(f"text too long for one article ({len(text):,} characters)")
    entities = obj.get("entities", obj.get("spans", [])) or []
    if not isinstance(entities, list):
        raise RecordError('"entities" is not a list')
    spans = [_entity(e, i, text, labels) for i, e in enumerate(entities)]
    try:
        status = ArticleStatus(obj.get("status") or "new")
    except ValueError:
        raise RecordError(f"unknown article status {obj.get('status')!r}") from None
    flags = obj.get("flags") if isinstance(obj.get("flags"), dict) else {}
    external = obj.get("id")
    return Article(
        text=text,
        source=str(obj.get("source") or source),
        title=str(obj.get("title") or title_of(text)),
        raw=text,
        script=detect_script(text),
        status=status,
        flags=flags or {},
        spans=spans,
        uid=text_uid(text),
        external_id=None if external is None else str(external),
    )


def read(path: Path, labels: LabelSet) -> Iterator[Item]:
    with path.open("rb") as fh:
        for number, line in enumerate(fh, 1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            if len(line) > MAX_LINE_BYTES:
                yield InputError(str(path), "line too long", number)
                continue
            try:
                obj = json.loads(line.decode("utf-8"))
                yield parse_record(obj, f"{path}:{number}", labels)
            except UnicodeDecodeError:
                yield InputError(str(path), "not UTF-8 (JSONL must be UTF-8)", number)
            except json.JSONDecodeError as exc:
                yield InputError(
                    str(path), f"broken JSON ({exc.msg} at column {exc.colno})", number
                )
            except (RecordError, ValueError) as exc:
                yield InputError(str(path), str(exc), number)


def record(
    article: Article,
    spans: Iterable[Span],
    *,
    script: str | None = None,
) -> dict[str, Any]:
    """The native JSONL record of an article, validated; ``script`` converts text."""
    text = article.text if script in (None, "original") else convert_script(article.text, script)
    entities = []
    for span in spans:
        surface = text[span.start : span.end]
        if len(text) != len(article.text) or (
            script in (None, "original") and surface != span.surface
        ):
            raise ValueError(
                f"article {article.id}: span {span.start}..{span.end} {span.surface!r} does not match"
            )
        entities.append(
            {
                "start": span.start,
                "end": span.end,
                "label": span.label,
                "text": surface,
                "status": SpanStatus(span.status).value,
                "origin": span.origin,
                "annotator": span.annotator,
            }
        )
    return {
        "id": article.external_id or article.uid,
        "source": article.source,
        "title": article.title,
        "text": text,
        "status": ArticleStatus(article.status).value,
        "entities": entities,
        "flags": article.flags,
    }


def write(records: Iterable[dict[str, Any]], path: str | Path | None) -> int:
    """Write records as JSONL atomically (or to stdout when path is None/'-')."""
    count = 0
    with atomic_writer(path) as out:
        for rec in records:
            for ent in rec.get("entities", []):
                if rec["text"][ent["start"] : ent["end"]] != ent["text"]:
                    raise ValueError(
                        f"record {rec.get('id')}: entity {ent} does not match the text"
                    )
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            count += 1
    return count
