"""``annotator bench``: benchmarks that print JSON (speed targets live here, not in tests).

Each benchmark is one module; nothing outside this package and the CLI imports it.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Run ``annotator bench NAME``: the function ``bench_NAME`` of module ``NAME`` here,
    imported only when asked for (a benchmark's imports stay out of the others)."""
    if args.bench == "suggest":
        from annotator.bench.suggest import bench_suggest

        return bench_suggest(
            args.gold, args.repeat, whole=args.whole_chars > 0, total=args.whole_chars
        )
    module = importlib.import_module(f"{__name__}.{args.bench}")
    result: dict[str, Any] = getattr(module, f"bench_{args.bench}")(args)
    return result
