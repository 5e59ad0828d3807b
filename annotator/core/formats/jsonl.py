"""Native JSONL: one article a line (the format DESIGN.md fixes).

``{"id", "source", "title", "text", "status", "entities": [{"start", "end", "label",
"text", "status", "origin", "annotator"}], "flags"}``, plus ``"flagged"`` (for review,
true/false) and ``"comment"`` (the annotators' note on the article, "" if none), which
readers of the older format can ignore; offsets are Python str offsets into ``text``. Imported text is kept exactly as given, since the entities'
offsets refer to it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.formats import MAX_ARTICLE_CHARS, InputError, Item, display_name
from annotator.core.formats.atomic import atomic_writer
from annotator.core.model import Article, ArticleStatus, LabelSet, Span, SpanStatus
from annotator.core.text import convert_script, detect_script, text_uid, title_of

MAX_LINE_BYTES = 32 * 1024 * 1024


class RecordError(ValueError):
    pass


def _optional_str(obj: dict[str, Any], key: str, what: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f'{what} "{key}" must be a string, not {type(value).__name__}')


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
    what = f"entity {index}"
    given = _optional_str(obj, "text", what)
    if given is not None and given != surface:
        raise RecordError(
            f"entity {index} text {given!r} does not match text[{start}:{end}] = {surface!r}"
        )
    origin_given = _optional_str(obj, "origin", what)
    origin = origin_given or "import"
    default = SpanStatus.PENDING if origin_given not in (None, "manual") else SpanStatus.ACCEPTED
    status_given = _optional_str(obj, "status", what)
    try:
        status = SpanStatus(status_given or default)
    except ValueError:
        raise RecordError(f"entity {index} has unknown status {status_given!r}") from None
    confidence = obj.get("confidence", 1.0)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        raise RecordError(f'{what} "confidence" must be a number')
    return Span(
        start,
        end,
        label,
        surface,
        origin=origin,
        status=status,
        confidence=float(confidence),
        annotator=_optional_str(obj, "annotator", what),
    )


def _flags(value: Any, text: str) -> dict[str, Any]:
    """Validate ``flags``: the window draws garbled runs, so they must be ranges of the text."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError('"flags" is not an object')
    garbled = value.get("garbled", [])
    if not isinstance(garbled, list):
        raise RecordError('"flags.garbled" is not a list of [start, end] ranges')
    for i, run in enumerate(garbled):
        if not (
            isinstance(run, list)
            and len(run) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in run)
            and 0 <= run[0] < run[1] <= len(text)
        ):
            raise RecordError(
                f'"flags.garbled" range {i} ({json.dumps(run, ensure_ascii=False)[:40]}) is not'
                f" [start, end] inside the text (length {len(text)})"
            )
    removed = value.get("boilerplate", [])
    if not isinstance(removed, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("kind"), str)
        and all(
            isinstance(r.get(k), int) and not isinstance(r.get(k), bool) for k in ("start", "end")
        )
        for r in removed
    ):
        raise RecordError('"flags.boilerplate" is not a list of {"kind", "start", "end"}')
    return value


def _flat(spans: list[Span]) -> None:
    """Spans are flat (GUIDELINES.md): two live entities may not share a character."""
    live = sorted((s for s in spans if s.status is not SpanStatus.REJECTED), key=lambda s: s.start)
    for a, b in itertools.pairwise(live):
        if b.start < a.end:
            raise RecordError(
                f"entities {a.start}..{a.end} {a.surface!r} and {b.start}..{b.end} {b.surface!r}"
                " overlap; spans must be flat (reject or drop one)"
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
    _flat(spans)
    try:
        status = ArticleStatus(obj.get("status") or "new")
    except ValueError:
        raise RecordError(f"unknown article status {obj.get('status')!r}") from None
    flags = _flags(obj.get("flags"), text)
    comment = _optional_str(obj, "comment", "the record") or ""
    external = obj.get("id")
    if not (external is None or isinstance(external, (str, int))) or isinstance(external, bool):
        raise RecordError('"id" must be a string or a number')
    return Article(
        text=text,
        source=_optional_str(obj, "source", "the record") or source,
        title=_optional_str(obj, "title", "the record") or title_of(text),
        raw=text,
        script=detect_script(text),
        status=status,
        flags=flags or {},
        flagged=obj.get("flagged") is True,
        comment=comment,
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
                yield parse_record(obj, f"{display_name(path)}:{number}", labels)
            except UnicodeDecodeError:
                yield InputError(str(path), "not UTF-8 (JSONL must be UTF-8)", number)
            except json.JSONDecodeError as exc:
                yield InputError(
                    str(path), f"broken JSON ({exc.msg} at column {exc.colno})", number
                )
            except RecursionError:
                yield InputError(str(path), "JSON nested too deeply", number)
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
        "flagged": article.flagged,
        "comment": article.comment,
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
