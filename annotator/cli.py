"""The ``annotator`` command (a contract: see DESIGN.md, "Command line").

Exit status 0 on success, 1 when some inputs failed (the rest done), 2 on usage
errors. Problems are one line each on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from annotator import __version__

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


class Failure(Exception):
    """The command could not do its job at all (exit 1)."""


def error(message: str) -> None:
    print(f"annotator: {message}", file=sys.stderr, flush=True)


def default_db_path() -> Path:
    """$ANNOTATOR_DB, else the project last opened (in the window or here), else
    project.db in the data folder: the window and the command line share one default."""
    env = os.environ.get("ANNOTATOR_DB")
    if env:
        return Path(env).expanduser()
    from annotator.core.paths import data_dir
    from annotator.core.settings import Settings

    last = Settings.load().last_project
    if last and Path(last).exists():
        return Path(last)
    return data_dir() / "project.db"


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_db_path()


def _open_store(args: argparse.Namespace, *, writes: bool = False) -> Any:
    """Open the project. A command that ``writes`` stops at once on a read-only or
    damaged one; a reading command is told on stderr that it is damaged, reads what
    it can, and exits 1."""
    from annotator.core.store import Store, StoreError

    path = _db_path(args)
    if not writes and not path.exists():
        # Reading needs a project; making an empty one here would hide the mistake.
        raise Failure(f"{path}: no such project (import files first, or pass --db PATH)")
    try:
        store = Store.open(path)
    except StoreError as exc:
        raise Failure(str(exc)) from exc
    if writes and store.read_only:
        store.close()
        raise Failure(f"nothing written: {store.read_only}")
    if store.damaged:
        error(str(store.read_only))
        args.damaged = True
    return store


class Progress:
    """A one-line progress display on a terminal (done/total, rate, time left);
    silent when stderr is not a TTY."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        from annotator.core.progress import RateMeter

        self.stream = stream
        self.live = stream.isatty()
        self.meter = RateMeter()
        self._last = 0.0

    def set_total(self, total: int) -> None:
        from annotator.core.progress import RateMeter

        self.meter = RateMeter(total)

    def line(self, done: int, label: str) -> str:
        from annotator.core.progress import duration

        total = self.meter.total
        left = self.meter.seconds_left(done)
        parts = [f"{done}/{total}" if total else str(done), f"{self.meter.rate(done):.1f}/s"]
        if left is not None:
            parts.append(f"{duration(left)} left")
        label = label if len(label) <= 40 else "…" + label[-39:]
        return f"[{' · '.join(parts)}] {label}"

    def update(self, done: int, label: str) -> None:
        now = time.monotonic()
        if not self.live or now - self._last < 0.1:
            return
        self._last = now
        self.stream.write("\r\x1b[K" + self.line(done, label))
        self.stream.flush()

    def clear(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# ---------------------------------------------------------------------- commands


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.core.importer import import_paths

    started = time.monotonic()
    progress = Progress()
    with _open_store(args, writes=True) as store:
        summary = import_paths(
            store,
            args.paths,
            suggest=not args.no_suggest,
            on_error=lambda e: (progress.clear(), error(str(e))),
            on_progress=progress.update,
            on_total=progress.set_total,
        )
    progress.clear()
    if summary.stopped:
        error(f"import stopped: {summary.stopped}")
    print(
        f"imported {summary.added} article(s), {summary.duplicates} already present, "
        f"{summary.failed} failed, in {time.monotonic() - started:.1f} s"
    )
    return EXIT_PARTIAL if summary.failed or summary.stopped else EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    from annotator.core.batch import default_jobs, suggest_all
    from annotator.core.formats import InputError, read_paths
    from annotator.core.model import LabelSet
    from annotator.core.suggest import default_pipeline

    store = _open_store(args) if args.db else None
    pipeline = default_pipeline(store=store)
    failed = 0
    items = read_paths(args.files, store.labels() if store else LabelSet.default())
    for item, spans in suggest_all(
        items,
        lambda item: None if isinstance(item, InputError) else item.text,
        pipeline,
        db=str(_db_path(args)) if args.db else None,
        jobs=args.jobs or default_jobs(),
    ):
        if isinstance(item, InputError):
            error(str(item))
            failed += 1
            continue
        if not isinstance(spans, list):
            error(f"{item.source}: no suggestions: {spans}")
            failed += 1
            continue
        print(
            json.dumps(
                {
                    "source": item.source,
                    "text": item.text,
                    "entities": [
                        {
                            "start": s.start,
                            "end": s.end,
                            "label": s.label,
                            "text": s.surface,
                            "origin": s.origin,
                            "confidence": round(s.confidence, 3),
                        }
                        for s in spans
                    ],
                },
                ensure_ascii=False,
            ),
            flush=True,
        )
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    from annotator.core.suggest.training import refresh_untouched, train_project

    with _open_store(args) as store:
        try:
            summary = train_project(store)
        except ValueError as exc:
            raise Failure(f"{store.path}: {exc}") from exc
        summary["refreshed"] = refresh_untouched(store, args.refresh_new)
    print(json.dumps(summary, ensure_ascii=False))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.core.export import export
    from annotator.core.faults import describe

    with _open_store(args) as store:
        total = store.count_articles()
        if args.status == "done" and total and not store.count_articles("done"):
            raise Failure(
                f"nothing to export: none of the {total} article(s) is done yet; mark articles"
                " done in the window (D) or export them all with --status all"
            )
        if not total:
            raise Failure(f"nothing to export: {store.path} has no articles; import some first")
        try:
            count = export(
                store,
                args.format,
                args.output,
                status=args.status,
                include_pending=args.include_pending,
                script=args.script,
                on_drop=error,
            )
        except ValueError as exc:
            raise Failure(f"export stopped, nothing written: {exc}") from exc
        except OSError as exc:
            raise Failure(f"export stopped, nothing written: {describe(exc)}") from exc
    if args.output not in (None, "-"):
        print(f"exported {count} article(s) to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from annotator.core.statistics import project_stats

    with _open_store(args) as store:
        stats = project_stats(store)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    by = stats["articles_by_status"]
    spans = stats["spans_by_status"]
    print(f"database: {args.db or default_db_path()}")
    print(
        f"articles: {stats['articles']} (new {by['new']}, in progress {by['in_progress']}, "
        f"done {by['done']}, skipped {by['skipped']}; {stats['articles_flagged']} flagged for review)"
    )
    print(
        f"spans: {spans['accepted']} accepted, {spans['pending']} pending, "
        f"{spans['rejected']} rejected"
    )
    if stats["accepted_by_label"]:
        print(
            "accepted by label: "
            + ", ".join(f"{k} {v}" for k, v in stats["accepted_by_label"].items())
        )
    if stats["decisions"]:
        hours = max((stats["last_decision"] - stats["first_decision"]) / 3600, 1 / 60)
        print(f"decisions: {stats['decisions']} ({stats['decisions'] / hours:.0f} an hour)")
    for name, rate in stats["decisions_per_hour"].items():
        print(f"  {name}: {rate['decisions']} decisions, {rate['per_hour']:.0f} per working hour")
    times = stats["time_per_article"]
    if times["articles"]:
        print(f"time per article: median {times['median_s']} s over {times['articles']} article(s)")
    for pair in (stats["agreement"] or {}).get("pairs", []):
        print(
            f"agreement {pair['a']} / {pair['b']}: F1 exact {pair['f1_exact']:.3f},"
            f" overlap {pair['f1_overlap']:.3f}, kappa {pair['kappa']}"
        )
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.core.merge import MergeError, merge

    progress = Progress()
    try:
        summary = merge(args.databases, args.output, on_progress=progress.update)
    except MergeError as exc:
        raise Failure(f"merge stopped, nothing written: {exc}") from exc
    finally:
        progress.clear()
    print(json.dumps(summary.as_dict(), ensure_ascii=False))
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace) -> int:
    from annotator.core.metrics import agreement

    with _open_store(args) as store:
        report = agreement(store.team_docs(), list(store.labels()))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not report["pairs"]:
        print("no article was finished by two or more annotators (merge their databases first)")
        return EXIT_OK
    print(f"articles finished by two or more annotators: {report['articles']}")
    for pair in report["pairs"]:
        print(f"\n{pair['a']} / {pair['b']}: {pair['articles']} article(s)")
        print(f"{'label':<8} {'F1 exact':>9} {'F1 overl':>9} {'kappa':>7}")

        def fmt(value: float | None) -> str:
            return f"{value:7.3f}" if value is not None else f"{'-':>7}"

        for label in [*pair["exact"]["labels"], "overall"]:
            if label == "overall":
                exact, overlap = pair["exact"]["overall"], pair["overlap"]["overall"]
                kappa = pair["kappa"]["overall"]
            else:
                exact, overlap = pair["exact"]["labels"][label], pair["overlap"]["labels"][label]
                kappa = pair["kappa"]["labels"].get(label)
            print(f"{label:<8} {exact['f1']:9.3f} {overlap['f1']:9.3f} {fmt(kappa)}")
        print(f"Krippendorff's alpha over all labels: {fmt(pair['alpha']).strip()}")
        kinds = pair["differences"]["kinds"]
        print(
            f"differences: {pair['differences']['total']} (boundary {kinds['boundary']}, "
            f"label {kinds['label']}, both {kinds['boundary_and_label']}, "
            f"only {pair['a']} {kinds['only_a']}, only {pair['b']} {kinds['only_b']})"
        )
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from annotator.core.evaluate import evaluate_file

    try:
        report = evaluate_file(args.gold, db=_open_store(args) if args.from_db else None)
    except (OSError, ValueError) as exc:
        raise Failure(f"{args.gold}: {exc}") from exc
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
        for label, row in [*report["labels"].items(), ("overall", report["overall"])]:
            print(
                f"{label:<8} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f}"
                f" {row['gold']:6d} {row['predicted']:6d}"
            )
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from annotator import bench

    size = getattr(args, "size", None)
    if size is not None:
        width, _, height = size.lower().partition("x")
        if not (width.isdigit() and height.isdigit()):
            raise UsageError(f"--size {size}: give it as WIDTHxHEIGHT, such as 1280x800")
        if int(width) < 1280 or int(height) < 800:
            # Span hints are planned for what such a window shows after the current span.
            raise UsageError(f"--size {size}: the simulator needs at least 1280x800")
    result = bench.run(args)
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from annotator.ui.app import run_gui

    return run_gui(args)


# ---------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="project database (default: $ANNOTATOR_DB or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate Chinese news with named entities and export a gold dataset.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = add("gui", cmd_gui, "open the desktop app")
    p.add_argument("--demo", action="store_true", help="open the bundled sample project")
    p.add_argument("--screenshot", metavar="PNG", help="save a PNG of the window and exit")
    p.add_argument("--lang", choices=["zh", "en"], help="interface language")

    p = add("import", cmd_import, "import .txt .html .htm .jsonl files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--no-suggest", action="store_true", help="store articles without suggestions")

    p = add(
        "suggest",
        cmd_suggest,
        "print suggestions for files as JSON lines (with --db: that project's learned state)",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="processes suggesting side by side (default: the cores, at most 4)",
    )

    p = add("train", cmd_train, "train the project's suggestion model on its done articles (JSON)")
    p.add_argument(
        "--refresh-new",
        type=int,
        default=0,
        metavar="N",
        help="then suggest afresh for up to N articles nobody has opened yet",
    )

    p = add("export", cmd_export, "export the gold dataset")
    p.add_argument(
        "--format", required=True, choices=["jsonl", "doccano", "label-studio", "conll", "spacy"]
    )
    p.add_argument("--status", choices=["done", "all"], default="done")
    p.add_argument(
        "--include-pending", action="store_true", help="also export undecided suggestions"
    )
    p.add_argument(
        "--script", choices=["original", "simplified", "traditional"], default="original"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")

    p = add("eval", cmd_eval, "precision, recall and F1 of suggestions against gold")
    p.add_argument("--gold", required=True, metavar="FILE", help="gold JSONL or BIO file")
    p.add_argument("--from-db", action="store_true", help="score the database's accepted spans")
    p.add_argument("--json", action="store_true")

    p = add("stats", cmd_stats, "progress and speed")
    p.add_argument("--json", action="store_true")

    p = add("merge", cmd_merge, "merge annotators' databases into a team database")
    p.add_argument("databases", nargs="+", metavar="DB")
    p.add_argument("-o", "--output", required=True, metavar="TEAM.db")

    p = add("agreement", cmd_agreement, "agreement between the annotators of a team database")
    p.add_argument("--json", action="store_true")

    p = add("bench", cmd_bench, "benchmarks, printing JSON")
    bench_sub = p.add_subparsers(dest="bench", metavar="WHAT", required=True)
    b = bench_sub.add_parser("suggest", parents=[common], help="suggestion throughput vs jieba")
    b.add_argument("--gold", metavar="FILE", help="texts to run on (default: the bundled samples)")
    b.add_argument("--repeat", type=int, default=5, help="rounds; the best of each is kept")
    b.add_argument(
        "--whole-chars",
        type=int,
        default=1_000_000,
        metavar="N",
        help="characters for the whole-process comparison (0: skip it)",
    )
    b = bench_sub.add_parser(
        "learn", parents=[common], help="cross-validated F1 of the model, zero-shot and learned"
    )
    b.add_argument("--gold", required=True, metavar="FILE")
    b.add_argument("--folds", type=int, default=5)
    b.add_argument(
        "--train-size", type=int, default=0, help="learn from at most N articles (default: all)"
    )
    b.add_argument("--seed", type=int, default=0, help="how the articles are dealt into folds")
    b.add_argument(
        "--prior-gold",
        metavar="FILE",
        help="where the shipped base saw GOLD: train the learned projects' base on this gold",
    )
    b.add_argument(
        "--prior-rest",
        action="store_true",
        help="where the shipped base saw GOLD: train each learned project's base on the "
        "other folds' articles it did not learn from (with --train-size)",
    )
    b = bench_sub.add_parser("merge", parents=[common], help="merge N databases of M articles")
    b.add_argument("--databases", type=int, default=10)
    b.add_argument("--articles", type=int, default=1000, help="articles in each database")
    b.add_argument("--change", type=float, default=0.1, help="share of spans each one changes")
    b.add_argument(
        "--agreement-articles", type=int, default=200, help="articles agreement is timed on"
    )
    b = bench_sub.add_parser("simulate", parents=[common], help="drive the window with keys")
    b.add_argument("--gold", required=True, metavar="FILE")
    b.add_argument("--log-acks", action="store_true")
    b.add_argument("--large", action="store_true", help="also time a 5,000-character article")
    b.add_argument("--log-keys", metavar="FILE", help="write every key sent as ARTICLE_ID<TAB>KEY")
    b.add_argument("--size", metavar="WxH", help="window size (default 1440x900)")
    b = bench_sub.add_parser(
        "launch", parents=[common], help="time to the first article shown, vs a bare Qt window"
    )
    b.add_argument("--repeat", type=int, default=3, help="fresh processes each (best kept)")
    b.add_argument("--timeout", type=float, default=600, help="seconds a launch may take")
    b = bench_sub.add_parser(
        "responsiveness",
        parents=[common],
        help="longest GUI-thread stall after decisions, article switches and list filters",
    )
    b.add_argument("--rounds", type=int, default=3)
    b.add_argument("--limit", type=float, default=100, help="stall (ms) that counts as too long")
    b.add_argument("--quiet", type=float, default=400, help="ms to wait after each action")
    b.add_argument(
        "--settle",
        type=float,
        default=120_000,
        help="ms to wait at most for the window to be ready",
    )
    b.add_argument("--skip", type=int, default=1, help="start on the article at this index")
    b.add_argument(
        "--search", nargs="+", default=["遂溪", "高质量发展"], help="queries typed in the list"
    )
    b = bench_sub.add_parser(
        "corpus", parents=[common], help="write a large JSONL corpus made from the samples"
    )
    b.add_argument("-o", "--output", required=True, metavar="FILE")
    b.add_argument("--count", type=int, default=100_000, help="articles (default 100,000)")
    b.add_argument("--long", type=int, default=1, help="how many of them are ~160k characters")
    b.add_argument("--done", type=float, default=0.05, help="share of done articles")
    b.add_argument("--seed", type=int, default=1)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv or ["gui"])
    if not hasattr(args, "db"):
        args.db = None
    if getattr(args, "command", None) is None:
        args = parser.parse_args([*argv, "gui"])
        args.db = getattr(args, "db", None)
    try:
        status = int(args.func(args))
        return max(status, EXIT_PARTIAL) if getattr(args, "damaged", False) else status
    except UsageError as exc:
        error(str(exc))
        return EXIT_USAGE
    except Failure as exc:
        error(str(exc))
        return EXIT_PARTIAL
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except (OSError, sqlite3.Error, RuntimeError) as exc:
        # Faults of the environment (disk, permissions, the database file), in words.
        from annotator.core.faults import describe
        from annotator.core.store import StoreError

        if isinstance(exc, StoreError):
            error(str(exc))
        elif isinstance(exc, OSError):
            error(describe(exc))
        elif isinstance(exc, sqlite3.Error):
            error(describe(exc, _db_path(args)))
        else:
            return _internal(exc)
        return EXIT_PARTIAL
    except Exception as exc:  # a bug: one clear line, details only on request
        return _internal(exc)


def _internal(exc: Exception) -> int:
    if os.environ.get("ANNOTATOR_DEBUG"):
        raise exc
    error(f"internal error: {type(exc).__name__}: {exc} (set ANNOTATOR_DEBUG=1 for details)")
    return EXIT_PARTIAL


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
