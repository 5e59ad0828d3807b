"""``annotator bench``: benchmarks that print JSON (speed targets live here, not in tests)."""

from __future__ import annotations

import argparse
import time
from typing import Any


def _texts(gold: str | None) -> list[str]:
    if gold:
        from annotator.core.evaluate import read_gold

        return [text for text, _ in read_gold(gold)]
    from annotator.core.formats import article_from_raw
    from annotator.core.resources import resource

    return [
        article_from_raw(p.read_text(encoding="utf-8"), p.name).text
        for p in sorted(resource("samples").iterdir(), key=lambda p: p.name)
        if p.name.endswith(".txt")
    ]


def _throughput(func: Any, texts: list[str], repeat: int) -> float:
    """Best characters per second over ``repeat`` passes (the least disturbed run)."""
    chars = sum(len(t) for t in texts)
    best = float("inf")
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        for text in texts:
            func(text)
        best = min(best, time.perf_counter() - started)
    return chars / best if best > 0 else float("inf")


def bench_suggest(gold: str | None, repeat: int) -> dict[str, Any]:
    """Full suggestion pipeline vs bare ``jieba.posseg`` on the same texts, same run."""
    import logging

    import jieba
    import jieba.posseg

    from annotator.core.suggest import default_pipeline

    jieba.setLogLevel(logging.WARNING)
    texts = _texts(gold)
    started = time.perf_counter()
    pipeline = default_pipeline()
    pipeline.suggest(texts[0])  # loads jieba, the lexicons and OpenCC
    load_s = time.perf_counter() - started
    jieba.posseg.lcut(texts[0])
    posseg = _throughput(jieba.posseg.lcut, texts, repeat)
    full = _throughput(pipeline.suggest, texts, repeat)
    return {
        "texts": len(texts),
        "characters": sum(len(t) for t in texts),
        "pipeline_chars_per_s": round(full),
        "jieba_posseg_chars_per_s": round(posseg),
        "ratio": round(full / posseg, 2),
        "pipeline_load_s": round(load_s, 2),
        "repeat": repeat,
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.bench == "suggest":
        return bench_suggest(args.gold, args.repeat)
    if args.bench == "simulate":
        from annotator.ui.simulate import bench_simulate

        return bench_simulate(args)
    raise ValueError(args.bench)
