"""``annotator bench suggest``: suggestion throughput against bare jieba.posseg."""

from __future__ import annotations

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


def _interleaved(funcs: list[Any], texts: list[str], repeat: int, chunk: int = 50) -> Any:
    """Each function's best characters per second over ``repeat`` rounds, and the
    median over rounds of the first function's speed relative to each other's.

    The functions take turns on every chunk of ``chunk`` texts, so a change in machine
    load during the run hits them alike and their ratio stays fair. Time is this
    process's CPU time: what another process takes of the machine is not counted.
    """
    chars = sum(len(t) for t in texts)
    rounds = []
    for _ in range(max(1, repeat)):
        spent = [0.0] * len(funcs)
        for at in range(0, len(texts), chunk):
            part = texts[at : at + chunk]
            for i, func in enumerate(funcs):
                started = time.process_time()
                for text in part:
                    func(text)
                spent[i] += time.process_time() - started
        rounds.append(spent)
    best = [min(r[i] for r in rounds) for i in range(len(funcs))]
    ratios = sorted(r[i] / r[0] for r in rounds for i in range(1, len(funcs)))
    return [chars / b if b > 0 else float("inf") for b in best], ratios[len(ratios) // 2]


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
    (full, posseg), ratio = _interleaved([pipeline.suggest, jieba.posseg.lcut], texts, repeat)
    return {
        "texts": len(texts),
        "characters": sum(len(t) for t in texts),
        "pipeline_chars_per_s": round(full),
        "jieba_posseg_chars_per_s": round(posseg),
        # The median over rounds of posseg's time over the pipeline's on the same texts.
        "ratio": round(ratio, 2),
        "pipeline_load_s": round(load_s, 2),
        "repeat": repeat,
    }
