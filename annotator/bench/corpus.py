"""``annotator bench corpus``: a large, realistic project to measure the app at scale.

Articles are recombined from the bundled samples (``resources/samples``), never from
evaluation data: each one takes a run of paragraphs from the cleaned samples, changes
its digits (dates, amounts and counts stay the same length, so the suggestions made
on the sample paragraphs keep their offsets), and is written in Traditional or
Simplified script. Each line of the output is a native JSONL record whose pending
entities are the pipeline's suggestions, so importing it measures the store, not the
suggesters. A share of the articles is done, with their suggestions accepted, so a
plain export has work to do; ``--long`` adds articles of many thousand characters.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

_DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class _Paragraph:
    text: str
    simplified: str
    entities: tuple[tuple[int, int, str, str], ...]  # start, end, label, origin


def _paragraphs() -> list[_Paragraph]:
    """The samples' cleaned paragraphs, each with the pipeline's suggestions."""
    from annotator.core.formats import article_from_raw
    from annotator.core.resources import resource
    from annotator.core.suggest import default_pipeline
    from annotator.core.text import to_simplified

    pipeline = default_pipeline()
    out = []
    for path in sorted(resource("samples").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".txt"):
            continue
        text = article_from_raw(path.read_text(encoding="utf-8"), path.name).text
        spans = pipeline.suggest(text)
        at = 0
        for line in text.split("\n"):
            end = at + len(line)
            if len(line.strip()) >= 8:
                ents = tuple(
                    (s.start - at, s.end - at, s.label, s.origin)
                    for s in spans
                    if at <= s.start and s.end <= end
                )
                simplified = to_simplified(line)
                if len(simplified) != len(line):
                    simplified = line
                out.append(_Paragraph(line, simplified, ents))
            at = end + 1
    if not out:
        raise ValueError("no sample paragraphs found in resources/samples")
    return out


def _vary_digits(text: str, rng: random.Random) -> str:
    """Every digit replaced by another (same length, so offsets hold)."""
    return "".join(rng.choice(_DIGITS) if ch.isdigit() and ch.isascii() else ch for ch in text)


def _article(
    pool: list[_Paragraph], rng: random.Random, number: int, *, target: int, done: bool
) -> dict[str, Any]:
    simplified = rng.random() < 0.4
    parts: list[str] = []
    entities: list[dict[str, Any]] = []
    length = 0
    start = rng.randrange(len(pool))
    i = 0
    while length < target or not parts:
        # Mostly consecutive paragraphs (a story reads on), sometimes a jump.
        para = pool[(start + i) % len(pool)] if rng.random() < 0.8 else rng.choice(pool)
        i += 1
        text = _vary_digits(para.simplified if simplified else para.text, rng)
        offset = length + (1 if parts else 0)
        for s, e, label, origin in para.entities:
            entities.append(
                {
                    "start": offset + s,
                    "end": offset + e,
                    "label": label,
                    "text": text[s:e],
                    "origin": origin,
                    "status": "accepted" if done else "pending",
                    **({"annotator": "bench"} if done else {}),
                }
            )
        parts.append(text)
        length = offset + len(text)
    text = "\n".join(parts)
    # A serial number keeps every article distinct even where digits are few.
    stamp = f"\n（编号 {number:07d}）"
    return {
        "id": f"bench-{number:07d}",
        "source": f"bench/corpus/{number // 1000:03d}/{number:07d}.txt",
        "title": parts[0][:40],
        "text": text + stamp,
        "status": "done" if done else "new",
        "entities": entities,
    }


def generate(
    out: TextIO,
    count: int,
    *,
    seed: int = 1,
    done_share: float = 0.05,
    long: int = 0,
    long_chars: int = 160_000,
    mean_chars: int = 1000,
) -> dict[str, Any]:
    """Write ``count`` articles (``long`` of them about ``long_chars`` long) as JSONL."""
    pool = _paragraphs()
    rng = random.Random(seed)
    chars = entities = 0
    for number in range(count):
        is_long = number < long
        target = long_chars if is_long else max(200, int(rng.lognormvariate(0, 0.5) * mean_chars))
        rec = _article(
            pool, rng, number, target=target, done=not is_long and rng.random() < done_share
        )
        chars += len(rec["text"])
        entities += len(rec["entities"])
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return {"articles": count, "characters": chars, "entities": entities, "long": long}


def bench_corpus(args: argparse.Namespace) -> dict[str, Any]:
    path = Path(args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        result = generate(fh, args.count, seed=args.seed, done_share=args.done, long=args.long)
    return {"output": str(path), **result}
