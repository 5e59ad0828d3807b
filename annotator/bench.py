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


def _best_throughputs(funcs: list[Any], texts: list[str], repeat: int) -> list[float]:
    """Best characters per second of each function over ``repeat`` rounds.

    The functions take turns within each round, so a change in machine load during
    the run affects them alike and their ratio stays fair.
    """
    chars = sum(len(t) for t in texts)
    best = [float("inf")] * len(funcs)
    for _ in range(max(1, repeat)):
        for i, func in enumerate(funcs):
            started = time.perf_counter()
            for text in texts:
                func(text)
            best[i] = min(best[i], time.perf_counter() - started)
    return [chars / b if b > 0 else float("inf") for b in best]


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
    full, posseg = _best_throughputs([pipeline.suggest, jieba.posseg.lcut], texts, repeat)
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
