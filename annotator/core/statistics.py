"""The project's figures: what ``annotator stats --json`` prints and the dashboard draws.

One function computes them, so the two can never disagree. Everything is read from
the store: article and span status, the event log (time, annotator, action) and, in
a team database, each annotator's decisions and their agreement.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from statistics import median
from typing import Any

from annotator.core.metrics import agreement
from annotator.core.store import Store

#: A pause longer than this between two decisions is a break, not work on the article.
IDLE_SECONDS = 300.0
#: Upper edges (seconds) of the time-per-article histogram; the last bucket is open.
TIME_BUCKETS = (30, 60, 120, 300, 600)
_CORRECTIONS = ("relabel", "move_start", "move_end")
_MAX_POINTS = 200


def _progress(events: list[tuple[float, str, int | None, str]]) -> dict[str, list[list[float]]]:
    """Per annotator: [time, articles marked done so far] at each mark-done."""
    done: dict[str, set[int]] = defaultdict(set)
    points: dict[str, list[list[float]]] = defaultdict(list)
    for time_, name, article_id, action in events:
        if action == "mark_done" and article_id is not None:
            done[name].add(article_id)
            points[name].append([time_, len(done[name])])
    for name, line in points.items():
        if len(line) > _MAX_POINTS:
            step = len(line) / _MAX_POINTS
            points[name] = [line[int(i * step)] for i in range(_MAX_POINTS - 1)] + [line[-1]]
    return dict(sorted(points.items()))


def _speed(
    events: list[tuple[float, str, int | None, str]], decided: dict[str, int]
) -> tuple[dict[str, Any], list[float]]:
    """Decisions (as the store counts them) per working hour per annotator, and
    seconds spent on each article; working time comes from the event log."""
    by_name: dict[str, list[tuple[float, int | None, str]]] = defaultdict(list)
    for time_, name, article_id, action in events:
        by_name[name or "?"].append((time_, article_id, action))
    rates: dict[str, Any] = {}
    per_article: dict[tuple[str, int], float] = defaultdict(float)
    for name, rows in sorted(by_name.items()):
        decisions = decided.get(name, 0)
        worked = 0.0
        for (t0, _a0, _x0), (t1, a1, _x1) in pairwise(rows):
            gap = t1 - t0
            if gap <= IDLE_SECONDS:
                worked += gap
                if a1 is not None:
                    per_article[(name, a1)] += gap
        hours = max(worked / 3600, 1 / 3600)
        rates[name] = {
            "decisions": decisions,
            "hours": round(worked / 3600, 4),
            "per_hour": round(decisions / hours, 1) if decisions else 0.0,
        }
    return rates, sorted(per_article.values())


def _histogram(seconds: list[float]) -> dict[str, Any]:
    counts = [0] * (len(TIME_BUCKETS) + 1)
    for s in seconds:
        counts[next((i for i, edge in enumerate(TIME_BUCKETS) if s < edge), len(TIME_BUCKETS))] += 1
    return {
        "articles": len(seconds),
        "median_s": round(median(seconds), 1) if seconds else None,
        "mean_s": round(sum(seconds) / len(seconds), 1) if seconds else None,
        "bucket_edges_s": list(TIME_BUCKETS),
        "histogram": counts,
    }


def _origins(store: Store) -> dict[str, dict[str, int]]:
    """Per suggester: how many of its spans were accepted as they were, corrected, rejected."""
    conn = store.conn
    corrected = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT span_id FROM events WHERE span_id IS NOT NULL AND action IN"
            f" ({','.join('?' * len(_CORRECTIONS))})",
            _CORRECTIONS,
        )
    }
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for span_id, origin, status in conn.execute(
        "SELECT id, COALESCE(origin, 'manual'), status FROM spans WHERE status != 'pending'"
    ):
        kind = "corrected" if status == "accepted" and span_id in corrected else status
        out[origin][kind] += 1
    # A team database: every annotator's decisions count, not only the gold's.
    for origin, status, n in conn.execute(
        "SELECT COALESCE(origin, 'manual'), status, COUNT(*) FROM team_spans"
        " GROUP BY origin, status"
    ):
        out[origin][f"team_{status}"] += n
    rows = {}
    for origin in sorted(out, key=lambda o: (-sum(out[o].values()), o)):
        c = out[origin]
        rows[origin] = {
            "accepted": c["accepted"],
            "corrected": c["corrected"],
            "rejected": c["rejected"],
            "team_accepted": c["team_accepted"],
            "team_rejected": c["team_rejected"],
        }
    return rows


def project_stats(store: Store) -> dict[str, Any]:
    """Every figure of the project (the keys of :meth:`Store.stats` and more)."""
    stats = store.stats()
    events = [
        (float(r[0]), r[1], r[2], r[3])
        for r in store.conn.execute(
            "SELECT time, COALESCE(annotator, '?'), article_id, action FROM events"
            " ORDER BY annotator, time, id"
        )
    ]
    in_time = sorted(events)
    rates, seconds = _speed(events, stats["decisions_by_annotator"])
    stats["progress"] = _progress(in_time)
    stats["decisions_per_hour"] = rates
    stats["time_per_article"] = _histogram(seconds)
    stats["spans_by_label"] = {
        name: stats["accepted_by_label"].get(name, 0) for name in store.labels()
    } | {k: v for k, v in stats["accepted_by_label"].items() if k not in store.labels()}
    stats["origins"] = _origins(store)
    annotators = store.team_annotators()
    stats["annotators"] = annotators
    if len(annotators) >= 2:
        report = agreement(store.team_docs(), list(store.labels()))
        stats["agreement"] = {
            "articles": report["articles"],
            "pairs": [
                {
                    "a": p["a"],
                    "b": p["b"],
                    "articles": p["articles"],
                    "f1_exact": p["exact"]["overall"]["f1"],
                    "f1_overlap": p["overlap"]["overall"]["f1"],
                    "kappa": p["kappa"]["overall"],
                    "kappa_by_label": p["kappa"]["labels"],
                    "differences": p["differences"]["kinds"],
                }
                for p in report["pairs"]
            ],
        }
    else:
        stats["agreement"] = None
    return stats
