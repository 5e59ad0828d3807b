"""``annotator bench merge``: merge N annotators' databases of M articles each, timed.

The project is made by ``bench corpus`` (articles recombined from the bundled samples,
all done, their suggestions accepted) and imported once; each annotator's database is
a copy of it under their name, with a known share of spans dropped or relabelled and
one logged event per decision, so the merge has real differences and events to carry.
Only the merge is timed; then agreement is timed over the merged database.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any


def _project(workdir: Path, articles: int) -> Path:
    from annotator.bench.corpus import generate
    from annotator.core.importer import import_paths
    from annotator.core.store import Store

    corpus = workdir / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        generate(out, articles, done_share=1.0)
    db = workdir / "project.db"
    with Store.open(db) as store:
        summary = import_paths(store, [corpus], suggest=False)
        if summary.added != articles:
            raise ValueError(f"imported {summary.added} of {articles} articles")
    return db


def _annotator(project: Path, target: Path, name: str, seed: int, change: float) -> None:
    shutil.copy(project, target)
    rng = random.Random(seed)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("BEGIN")
    rows = conn.execute("SELECT id, article_id, label FROM spans ORDER BY id").fetchall()
    labels = [r[0] for r in conn.execute("SELECT name FROM labels")]
    dropped, relabelled = [], []
    for span_id, _article, label in rows:
        roll = rng.random()
        if roll < change / 2:
            dropped.append((span_id,))
        elif roll < change:
            relabelled.append((rng.choice([x for x in labels if x != label]), span_id))
    conn.executemany("DELETE FROM spans WHERE id = ?", dropped)
    conn.executemany("UPDATE spans SET label = ? WHERE id = ?", relabelled)
    conn.execute("UPDATE spans SET annotator = ?", (name,))
    start = 1_700_000_000.0 + seed * 100_000
    conn.executemany(
        "INSERT INTO events (time, annotator, article_id, span_id, action, payload)"
        " VALUES (?, ?, ?, ?, 'accept', '{}')",
        [(start + i * 3.0, name, a, s) for i, (s, a, _l) in enumerate(rows)],
    )
    conn.execute("COMMIT")
    conn.close()


def bench_merge(args: argparse.Namespace) -> dict[str, Any]:
    from annotator.core.merge import merge
    from annotator.core.metrics import agreement
    from annotator.core.store import Store

    workdir = Path(tempfile.mkdtemp(prefix="annotator-merge-"))
    try:
        made = time.perf_counter()
        project = _project(workdir, args.articles)
        inputs = []
        for i in range(args.databases):
            path = workdir / f"annotator{i:02d}.db"
            _annotator(project, path, f"annotator{i:02d}", i, args.change)
            inputs.append(path)
        prepared = time.perf_counter() - made
        team = workdir / "team.db"
        started = time.perf_counter()
        summary = merge(inputs, team)
        seconds = time.perf_counter() - started
        again = time.perf_counter()
        second = merge(inputs, team)
        again_seconds = time.perf_counter() - again
        with Store.open(team) as store:
            counted = time.perf_counter()
            report = agreement(store.team_docs()[: args.agreement_articles], list(store.labels()))
            agreement_seconds = time.perf_counter() - counted
            spans = store.conn.execute("SELECT COUNT(*) FROM team_spans").fetchone()[0]
        first_pair = report["pairs"][0] if report["pairs"] else None
        return {
            "databases": args.databases,
            "articles_each": args.articles,
            "team_spans": spans,
            "events": summary.events_added,
            "differences": summary.differences,
            "merge_seconds": round(seconds, 2),
            "merge_again_seconds": round(again_seconds, 2),
            "merge_again_changed": second.records_changed,
            "agreement_articles": report["articles"],
            "agreement_pairs": len(report["pairs"]),
            "agreement_seconds": round(agreement_seconds, 2),
            "first_pair_f1_exact": first_pair["exact"]["overall"]["f1"] if first_pair else None,
            "prepare_seconds": round(prepared, 1),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
