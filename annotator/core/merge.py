"""``annotator merge``: bring annotators' databases together into one team database.

Every input is read, never written. Its work lands in the team tables under the
annotator's name (``team_spans``, ``team_articles``, and ``events``); articles are
matched by the hash of their cleaned text. The gold (``spans``) of each article is
then rebuilt from the team tables: what everyone who finished the article accepted
is accepted, every other decided span is a pending difference, tagged with whoever
proposed it, for the adjudicator to settle (:meth:`Session.pick`).

The output is written to a temporary file beside it and renamed into place, so a
failed merge leaves no half-written database. An existing output is the starting
point: merging the same inputs again adds nothing, and articles whose team records
did not change keep the adjudicator's work.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import JOIN, ArticleStatus, LabelSet
from annotator.core.store import SCHEMA_VERSION, Store, StoreError

SpanKey = tuple[int, int, str]


class MergeError(RuntimeError):
    """An input or the output cannot be used; the message names the file and the cause."""


@dataclass
class MergeSummary:
    inputs: int = 0
    annotators: list[str] = field(default_factory=list)
    articles: int = 0
    articles_added: int = 0
    records_changed: int = 0
    events_added: int = 0
    differences: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "inputs": self.inputs,
            "annotators": self.annotators,
            "articles": self.articles,
            "articles_added": self.articles_added,
            "records_changed": self.records_changed,
            "events_added": self.events_added,
            "differences": self.differences,
            "seconds": self.seconds,
        }


@dataclass
class _Record:
    """One annotator's work on one article."""

    status: str
    updated_at: float
    spans: dict[tuple[int, int, str, str], str]  # (start, end, label, status) -> origin
    surfaces: dict[tuple[int, int], str]


@dataclass
class _Input:
    path: Path
    conn: sqlite3.Connection
    team: bool
    name: str = ""


def open_input(path: Path) -> sqlite3.Connection:
    """A read-only connection to an annotator database, or a MergeError saying why not."""
    if not path.exists():
        raise MergeError(f"{path}: no such file")
    if not path.is_file():
        raise MergeError(f"{path}: not a file")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error as exc:
        raise MergeError(f"{path}: cannot be opened ({exc})") from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise MergeError(f"{path}: locked by another program; close it and try again") from exc
        raise MergeError(f"{path}: cannot be read ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise MergeError(f"{path}: not an annotator database ({exc})") from exc
    if not {"articles", "spans", "labels"} <= tables:
        conn.close()
        raise MergeError(f"{path}: an SQLite file but not an annotator database")
    if version > SCHEMA_VERSION:
        conn.close()
        raise MergeError(
            f"{path}: written by a newer version of the annotator (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}); update the app to merge it"
        )
    return conn


def _labels(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM labels ORDER BY ord")]


def _majority_name(conn: sqlite3.Connection, tables: set[str], fallback: str) -> str:
    """Whose work a single-annotator database holds: the name on most decisions."""
    votes: Counter[str] = Counter()
    if "events" in tables:
        votes.update(
            dict(
                conn.execute(
                    "SELECT annotator, COUNT(*) FROM events WHERE annotator IS NOT NULL"
                    " AND annotator != '' GROUP BY annotator"
                ).fetchall()
            )
        )
    if not votes:
        votes.update(
            dict(
                conn.execute(
                    "SELECT annotator, COUNT(*) FROM spans WHERE annotator IS NOT NULL"
                    " AND annotator != '' AND status != 'pending' GROUP BY annotator"
                ).fetchall()
            )
        )
    return min(votes, key=lambda n: (-votes[n], n)) if votes else fallback


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _read_records(item: _Input) -> dict[str, dict[str, _Record]]:
    """uid -> annotator -> record."""
    conn = item.conn
    out: dict[str, dict[str, _Record]] = {}
    if item.team:
        rows = conn.execute(
            "SELECT a.uid, t.annotator, t.status, COALESCE(t.updated_at, 0)"
            " FROM team_articles t JOIN articles a ON a.id = t.article_id"
        )
        for uid, name, status, updated in rows:
            out.setdefault(uid, {})[name] = _Record(status, updated, {}, {})
        rows = conn.execute(
            'SELECT a.uid, t.annotator, t.start, t."end", t.label, t.status, t.origin, t.surface'
            " FROM team_spans t JOIN articles a ON a.id = t.article_id"
        )
        for uid, name, start, end, label, status, origin, surface in rows:
            rec = out.setdefault(uid, {}).setdefault(name, _Record("in_progress", 0, {}, {}))
            rec.spans[(start, end, label, status)] = origin or "manual"
            rec.surfaces[(start, end)] = surface
        return out
    rows = conn.execute(
        "SELECT uid, status, COALESCE(updated_at, 0) FROM articles WHERE status != 'new'"
    )
    for uid, status, updated in rows:
        out[uid] = {item.name: _Record(status, updated, {}, {})}
    rows = conn.execute(
        'SELECT a.uid, a.status, s.start, s."end", s.label, s.status, s.origin, s.surface'
        " FROM spans s JOIN articles a ON a.id = s.article_id WHERE s.status != 'pending'"
    )
    for uid, art_status, start, end, label, status, origin, surface in rows:
        rec = out.setdefault(uid, {}).setdefault(item.name, _Record(art_status, 0, {}, {}))
        rec.spans[(start, end, label, status)] = origin or "manual"
        rec.surfaces[(start, end)] = surface
    return out


def _name_inputs(items: list[_Input]) -> None:
    """One name per single-annotator input; the same name on two files gets the file's stem."""
    for item in items:
        if not item.team:
            item.name = _majority_name(item.conn, _tables(item.conn), item.path.stem)
    claimed = Counter(item.name for item in items if not item.team)
    for item in items:
        if not item.team and claimed[item.name] > 1:
            item.name = f"{item.name}@{item.path.stem}"


def _copy_database(source: Path, target: Path) -> None:
    src = open_input(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def merge(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    on_progress: Callable[[int, str], None] | None = None,
) -> MergeSummary:
    """Merge ``inputs`` into ``output`` (created, or extended if it exists)."""
    started = time.perf_counter()
    out_path = Path(output)
    paths = [Path(p) for p in inputs]
    if not paths:
        raise MergeError("nothing to merge: name at least one database")
    resolved_out = out_path.resolve()
    items: list[_Input] = []
    try:
        for path in paths:
            conn = open_input(path)
            team = bool(
                "team_articles" in _tables(conn)
                and conn.execute("SELECT 1 FROM team_articles LIMIT 1").fetchone()
            )
            items.append(_Input(path, conn, team))
        base = resolved_out if resolved_out.exists() else None
        label_sets = [(item.path, _labels(item.conn)) for item in items]
        if base is not None:
            conn = open_input(base)
            label_sets.insert(0, (base, _labels(conn)))
            conn.close()
        first_path, first = label_sets[0]
        for path, names in label_sets[1:]:
            if names != first:
                raise MergeError(
                    f"{path}: its labels ({', '.join(names)}) differ from {first_path}'s"
                    f" ({', '.join(first)}); merge databases of one label set"
                )
        _name_inputs(items)
        tmp = out_path.with_name(f".{out_path.name}.merging-{os.getpid()}")
        _remove(tmp)
        try:
            if base is not None:
                _copy_database(base, tmp)
            summary = _merge_into(tmp, items, on_progress)
        except BaseException:
            _remove(tmp)
            raise
    finally:
        for item in items:
            item.conn.close()
    _remove_sidecars(tmp)
    os.replace(tmp, out_path)
    summary.inputs = len(items)
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _merge_into(
    path: Path, items: list[_Input], on_progress: Callable[[int, str], None] | None
) -> MergeSummary:
    summary = MergeSummary()
    fresh = not path.exists()
    labels = (_read_labelset(items[0].conn) or LabelSet.default()) if fresh else None
    try:
        store = Store.open(path, labels=labels)
    except StoreError as exc:
        raise MergeError(str(exc)) from exc
    try:
        conn = store.conn
        with store.transaction():
            ids = dict(conn.execute("SELECT uid, id FROM articles").fetchall())
            changed: set[int] = set()
            seen_events = {
                tuple(r)
                for r in conn.execute(
                    "SELECT time, annotator, article_id, action, payload FROM events"
                )
            }
            for n, item in enumerate(items):
                if on_progress:
                    on_progress(n, str(item.path))
                local = _copy_articles(conn, item, ids, summary)
                changed |= _write_records(conn, _read_records(item), ids, summary)
                summary.events_added += _copy_events(conn, item, local, seen_events)
            summary.differences = _rebuild_gold(conn, changed)
            summary.articles = len(ids)
            summary.annotators = sorted(
                r[0] for r in conn.execute("SELECT DISTINCT annotator FROM team_articles")
            )
    finally:
        store.close()
    return summary


def _read_labelset(conn: sqlite3.Connection) -> LabelSet | None:
    from annotator.core.model import Label

    rows = conn.execute("SELECT name, zh, en, colour, key FROM labels ORDER BY ord").fetchall()
    try:
        return LabelSet(Label(*row) for row in rows) if rows else None
    except ValueError:
        return None


_ARTICLE_COLUMNS = "uid, external_id, source, title, raw, text, script, flags"


def _copy_articles(
    conn: sqlite3.Connection, item: _Input, ids: dict[str, int], summary: MergeSummary
) -> dict[int, int]:
    """Add the input's articles not yet in the output; input id -> output id."""
    local: dict[int, int] = {}
    now = round(time.time(), 3)
    for row in item.conn.execute(f"SELECT id, {_ARTICLE_COLUMNS} FROM articles ORDER BY id"):
        uid = row[1]
        if uid not in ids:
            cur = conn.execute(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)",
                (*row[1:], now, now),
            )
            ids[uid] = int(cur.lastrowid or 0)
            summary.articles_added += 1
            # Suggestions stay pending until someone works on the article.
            conn.executemany(
                'INSERT INTO spans (article_id, start, "end", label, surface, origin, status,'
                " confidence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
                [
                    (ids[uid], *span, now, now)
                    for span in item.conn.execute(
                        'SELECT start, "end", label, surface, origin, confidence FROM spans'
                        " WHERE article_id = ? AND status = 'pending'",
                        (row[0],),
                    )
                ],
            )
        local[row[0]] = ids[uid]
    return local


def _write_records(
    conn: sqlite3.Connection,
    records: dict[str, dict[str, _Record]],
    ids: dict[str, int],
    summary: MergeSummary,
) -> set[int]:
    """Each annotator's record of an article replaces the one stored, if it differs."""
    changed: set[int] = set()
    now = round(time.time(), 3)
    for uid, by_name in records.items():
        article_id = ids[uid]
        for name, rec in by_name.items():
            row = conn.execute(
                "SELECT status FROM team_articles WHERE article_id = ? AND annotator = ?",
                (article_id, name),
            ).fetchone()
            stored = {
                (r[0], r[1], r[2], r[3])
                for r in conn.execute(
                    'SELECT start, "end", label, status FROM team_spans'
                    " WHERE article_id = ? AND annotator = ?",
                    (article_id, name),
                )
            }
            if row is not None and row[0] == rec.status and stored == set(rec.spans):
                continue
            conn.execute(
                "INSERT INTO team_articles (article_id, annotator, status, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(article_id, annotator) DO UPDATE SET"
                " status = excluded.status, updated_at = excluded.updated_at",
                (article_id, name, rec.status, rec.updated_at or now),
            )
            conn.execute(
                "DELETE FROM team_spans WHERE article_id = ? AND annotator = ?", (article_id, name)
            )
            conn.executemany(
                'INSERT INTO team_spans (article_id, annotator, start, "end", label, surface,'
                " origin, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (article_id, name, s, e, label, rec.surfaces[(s, e)], origin, status, now)
                    for (s, e, label, status), origin in sorted(rec.spans.items())
                ],
            )
            changed.add(article_id)
            summary.records_changed += 1
    return changed


def _copy_events(
    conn: sqlite3.Connection,
    item: _Input,
    local: dict[int, int],
    seen: set[tuple[object, ...]],
) -> int:
    if "events" not in _tables(item.conn):
        return 0
    rows = []
    for time_, annotator, article_id, action, payload in item.conn.execute(
        "SELECT time, annotator, article_id, action, payload FROM events ORDER BY id"
    ):
        name = annotator if item.team else item.name
        key = (time_, name, local.get(article_id), action, payload)
        if key in seen:
            continue
        seen.add(key)
        rows.append(key)
    conn.executemany(
        "INSERT INTO events (time, annotator, article_id, action, payload) VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def _rebuild_gold(conn: sqlite3.Connection, article_ids: Iterable[int]) -> int:
    """The gold of each article from its team records; returns the number of pending differences."""
    differences = 0
    now = round(time.time(), 3)
    for article_id in sorted(article_ids):
        finished = [
            r[0]
            for r in conn.execute(
                "SELECT annotator FROM team_articles WHERE article_id = ? AND status = 'done'"
                " ORDER BY annotator",
                (article_id,),
            )
        ]
        if not finished:
            continue
        accepted: dict[str, dict[SpanKey, tuple[str, str]]] = {name: {} for name in finished}
        marks = ",".join("?" * len(finished))
        for name, s, e, label, surface, origin in conn.execute(
            f'SELECT annotator, start, "end", label, surface, origin FROM team_spans'
            f" WHERE article_id = ? AND status = 'accepted' AND annotator IN ({marks})",
            (article_id, *finished),
        ):
            accepted[name][(s, e, label)] = (surface, origin or "manual")
        proposers: dict[SpanKey, list[str]] = {}
        details: dict[SpanKey, tuple[str, str]] = {}
        for name in finished:
            for key, detail in accepted[name].items():
                proposers.setdefault(key, []).append(name)
                details.setdefault(key, detail)
        conn.execute("DELETE FROM spans WHERE article_id = ?", (article_id,))
        rows = []
        for key in sorted(proposers):
            names = proposers[key]
            agreed = len(names) == len(finished)
            differences += not agreed
            surface, origin = details[key]
            rows.append(
                (
                    article_id,
                    *key,
                    surface,
                    origin,
                    "accepted" if agreed else "pending",
                    JOIN.join(names),
                    now,
                    now,
                )
            )
        conn.executemany(
            'INSERT INTO spans (article_id, start, "end", label, surface, origin, status,'
            " annotator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        pending = any(row[6] == "pending" for row in rows)
        status = ArticleStatus.IN_PROGRESS if pending else ArticleStatus.DONE
        conn.execute(
            "UPDATE articles SET status = ?, updated_at = ? WHERE id = ?",
            (status.value, now, article_id),
        )
    return differences
