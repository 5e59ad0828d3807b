"""``annotator bench``: benchmarks that print JSON (speed targets live here, not in tests).

Each benchmark is one module; nothing outside this package and the CLI imports it.
"""

from __future__ import annotations

import argparse
from typing import Any


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.bench == "suggest":
        from annotator.bench.suggest import bench_suggest

        return bench_suggest(
            args.gold, args.repeat, whole=args.whole_chars > 0, total=args.whole_chars
        )
    if args.bench == "simulate":
        from annotator.bench.simulate import bench_simulate

        return bench_simulate(args)
    if args.bench == "corpus":
        from annotator.bench.corpus import bench_corpus

        return bench_corpus(args)
    if args.bench == "launch":
        from annotator.bench.launch import bench_launch

        return bench_launch(args)
    if args.bench == "responsiveness":
        from annotator.bench.responsiveness import bench_responsiveness

        return bench_responsiveness(args)
    if args.bench == "learn":
        from annotator.bench.learn import bench_learn

        return bench_learn(args)
    if args.bench == "merge":
        from annotator.bench.merge import bench_merge

        return bench_merge(args)
    raise ValueError(args.bench)
