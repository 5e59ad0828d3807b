"""``annotator bench suggest``: suggestion speed, against what a user would run instead.

Reports, as JSON:
- throughput of the whole pipeline against OpenCC t2s + ``jieba.posseg`` in this process
  (CPU time, taking turns on the same texts);
- ``scaling``: time per character of one text of 1k to 256k characters (the articles
  joined), and the largest ratio between any two sizes (linear time: near 1);
- ``load_s``: a fresh process importing and building the pipeline, with its cache warm;
- ``whole_process``: ``annotator suggest`` on ~1M characters in files of ~16k, against
  a script doing OpenCC t2s and ``jieba.posseg`` on the same files, both timed as whole
  processes (wall clock, best of ``repeat``, taking turns): as it runs by default, over
  the machine's cores, and with ``--jobs 1``, in one process as the script is.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.core.batch import default_jobs

_SIZES = (1_000, 4_000, 16_000, 64_000, 256_000)

# What a user would write instead of the app: OpenCC, then jieba's tagger.
_BASELINE = """
import logging, sys
import jieba, jieba.posseg, opencc
jieba.setLogLevel(logging.WARNING)
cc = opencc.OpenCC("t2s")
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    words = jieba.posseg.lcut(cc.convert(text))
    print(len(words))
"""

_LOAD = """
import time
started = time.perf_counter()
from annotator.core.suggest import default_pipeline
default_pipeline().suggest("广东省某某县委书记到某某镇调研。")
print(time.perf_counter() - started)
"""


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


def _joined(texts: list[str], size: int) -> str:
    """Real articles joined into one text of ``size`` characters."""
    out, total = [], 0
    while total < size:
        for text in texts:
            out.append(text)
            total += len(text) + 1
            if total >= size:
                break
    return "\n".join(out)[:size]


def _scaling(pipeline: Any, texts: list[str], repeat: int) -> dict[str, Any]:
    """CPU microseconds per character for each size, best of ``repeat`` rounds.

    Each round suggests 256k characters at every size (256 texts of 1k, ..., one of
    256k, all cut from the articles joined) and the sizes take turns, so a change in
    machine load hits them alike."""
    whole = _joined(texts, _SIZES[-1])
    best = dict.fromkeys(_SIZES, float("inf"))
    for _ in range(max(1, repeat)):
        for size in _SIZES:
            pieces = [whole[at : at + size] for at in range(0, len(whole), size)]
            started = time.process_time()
            for piece in pieces:
                pipeline.suggest(piece)
            best[size] = min(best[size], (time.process_time() - started) / len(whole))
    per_char = {str(size): round(t * 1e6, 2) for size, t in best.items()}
    values = list(per_char.values())
    return {"us_per_char": per_char, "max_ratio": round(max(values) / min(values), 2)}


def _files(texts: list[str], folder: Path, total: int, size: int) -> list[str]:
    """Files of about ``size`` characters, each of whole articles, ``total`` in all."""
    paths: list[str] = []
    written, k = 0, 0
    while written < total:
        parts: list[str] = []
        length = 0
        while length < size:
            text = texts[k % len(texts)]
            k += 1
            parts.append(text)
            length += len(text) + 2
        path = folder / f"{len(paths):04d}.txt"
        path.write_text("\n\n".join(parts), encoding="utf-8")
        paths.append(str(path))
        written += length
    return paths


def _wall(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _whole_process(texts: list[str], repeat: int, total: int, size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = _files(texts, folder, total, size)
        chars = sum(len(Path(p).read_text(encoding="utf-8")) for p in paths)
        script = folder / "baseline.py"
        script.write_text(_BASELINE, encoding="utf-8")
        ours = [sys.executable, "-m", "annotator.cli", "suggest", *paths]
        alone = [*ours[:4], "--jobs", "1", *paths]
        theirs = [sys.executable, str(script), *paths]
        _wall([sys.executable, "-c", _LOAD])  # build the cache outside the timing
        best = {"ours": float("inf"), "alone": float("inf"), "theirs": float("inf")}
        for _ in range(max(1, repeat)):
            for key, cmd in (("ours", ours), ("alone", alone), ("theirs", theirs)):
                best[key] = min(best[key], _wall(cmd))
    return {
        "files": len(paths),
        "characters": chars,
        # By default the files are spread over the cores (at most batch.MAX_JOBS).
        "jobs": default_jobs(),
        "annotator_suggest_s": round(best["ours"], 2),
        "annotator_suggest_one_process_s": round(best["alone"], 2),
        "opencc_jieba_posseg_s": round(best["theirs"], 2),
        "speedup": round(best["theirs"] / best["ours"], 2),
        "speedup_one_process": round(best["theirs"] / best["alone"], 2),
    }


def _load_s(repeat: int) -> float:
    """A fresh process: import and build the pipeline and suggest once (cache warm)."""
    times = []
    for _ in range(max(1, repeat)):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD], check=True, capture_output=True, text=True
        )
        times.append(float(out.stdout.split()[-1]))
    return round(min(times), 2)


def bench_suggest(
    gold: str | None,
    repeat: int,
    *,
    whole: bool = True,
    total: int = 1_000_000,
    size: int = 16_000,
) -> dict[str, Any]:
    """Full suggestion pipeline vs bare ``jieba.posseg`` on the same texts, same run;
    time per character by size; load time; whole processes on ~1M characters."""
    import logging

    import jieba
    import jieba.posseg
    import opencc

    from annotator.core.suggest import default_pipeline

    jieba.setLogLevel(logging.WARNING)
    t2s = opencc.OpenCC("t2s").convert

    def baseline(text: str) -> object:
        # What a user would run instead: jieba's tagger, on Simplified text (on
        # Traditional text its HMM is some forty times slower).
        return jieba.posseg.lcut(t2s(text))

    texts = _texts(gold)
    started = time.perf_counter()
    pipeline = default_pipeline()
    pipeline.suggest(texts[0])  # loads jieba, the lexicons and OpenCC
    load_s = time.perf_counter() - started
    baseline(texts[0])
    (full, posseg), ratio = _interleaved([pipeline.suggest, baseline], texts, repeat)
    result: dict[str, Any] = {
        "texts": len(texts),
        "characters": sum(len(t) for t in texts),
        "pipeline_chars_per_s": round(full),
        "opencc_jieba_posseg_chars_per_s": round(posseg),
        # The median over rounds of the baseline's time over the pipeline's, same texts.
        "ratio": round(ratio, 2),
        "pipeline_load_s": round(load_s, 2),
        "load_s": _load_s(repeat),
        "scaling": _scaling(pipeline, texts, repeat),
        "repeat": repeat,
    }
    if whole:
        result["whole_process"] = _whole_process(texts, repeat, total, size)
    return result
