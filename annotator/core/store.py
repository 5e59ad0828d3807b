"""The SQLite gold store: one file per project.

sqlite-utils creates the schema and runs reads; writes that must be atomic go
through :meth:`Store.transaction` on the raw connection, because sqlite-utils'
own helpers commit as they go. Every user action is one transaction, so a crash
loses at most the action in flight.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.faults import cause, describe, display_name, folder_writable
from annotator.core.model import JOIN, Article, ArticleStatus, Label, LabelSet, Span, SpanStatus

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_VERSION = 7


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, not a database, locked), in words."""


class StoreBusy(StoreError):
    """Another program held the write lock longer than this store waits: try again."""


def _is_busy(exc: BaseException) -> bool:
    """Another connection holds a lock this one needs (try again later)."""
    if isinstance(exc, StoreBusy):
        return True
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in ("locked", "busy")
    )


def _fault(exc: sqlite3.Error, path: str) -> StoreError:
    return (StoreBusy if _is_busy(exc) else StoreError)(describe(exc, path))


def _looks_empty(path: Path) -> bool:
    """A 0-byte file with no write-ahead log beside it: nothing was ever stored, or
    everything was lost. Only a file made in the last minute counts as new."""
    try:
        info = path.stat()
        wal = Path(str(path) + "-wal")
        if info.st_size or (wal.exists() and wal.stat().st_size):
            return False
        return time.time() - info.st_mtime > 60
    except OSError:
        return False


def _now() -> float:
    return round(time.time(), 3)


def _migration_1(db: sqlite_utils.Database) -> None:
    db.table("articles").create(
        {
            "id": int,
            "uid": str,
            "external_id": str,
            "source": str,
            "title": str,
            "raw": str,
            "text": str,
            "script": str,
            "status": str,
            "flags": str,
            "created_at": float,
            "updated_at": float,
        },
        pk="id",
        not_null=["uid", "text", "status"],
        defaults={"status": "new", "flags": "{}", "script": "simplified"},
    )
    db.table("articles").create_index(["uid"], unique=True)
    db.table("articles").create_index(["status"])
    db.table("spans").create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "label": str,
            "surface": str,
            "origin": str,
            "status": str,
            "confidence": float,
            "annotator": str,
            "created_at": float,
            "updated_at": float,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null=["article_id", "start", "end", "label", "surface", "status"],
        defaults={"status": "pending", "origin": "manual", "confidence": 1.0},
    )
    db.table("spans").create_index(["article_id", "start"])
    db.table("spans").create_index(["surface"])
    db.table("labels").create(
        {"name": str, "zh": str, "en": str, "colour": str, "key": str, "ord": int}, pk="name"
    )
    db.table("lexicon").create(
        {
            "id": int,
            "surface": str,
            "label": str,
            "polarity": str,
            "annotator": str,
            "updated_at": float,
        },
        pk="id",
        not_null=["surface", "label", "polarity"],
    )
    db.table("lexicon").create_index(["surface", "label"], unique=True)
    db.table("events").create(
        {
            "id": int,
            "time": float,
            "annotator": str,
            "article_id": int,
            "span_id": int,
            "action": str,
            "payload": str,
        },
        pk="id",
        not_null=["time", "action"],
    )
    db.table("events").create_index(["article_id"])
    db.table("meta").create({"key": str, "value": str}, pk="key")
    # Trigram tokens make substring search work for Chinese, which has no spaces.
    db.table("articles").enable_fts(["title", "text"], tokenize="trigram", create_triggers=True)


def _migration_2(db: sqlite_utils.Database) -> None:
    """A counter that every write to ``lexicon`` bumps, from any connection.

    Caches of what the annotators taught key on it: a row count and the newest
    timestamp miss a change of polarity within the same millisecond.
    """
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('lexicon_writes', '0')")
    bump = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'lexicon_writes'"
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS lexicon_writes_{event.lower()}"
            f" AFTER {event} ON lexicon BEGIN {bump}; END"
        )


def _migration_3(db: sqlite_utils.Database) -> None:
    """What each annotator decided, kept apart from the gold (``annotator merge``).

    A team database holds every annotator's spans and article status here, with
    their names; ``spans`` holds the gold that adjudication settles. Agreement reads
    these tables, so it never mixes an annotator's work with the adjudicator's.
    """
    db.table("team_spans").create(
        {
            "id": int,
            "article_id": int,
            "annotator": str,
            "start": int,
            "end": int,
            "label": str,
            "surface": str,
            "origin": str,
            "status": str,
            "updated_at": float,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null=["article_id", "annotator", "start", "end", "label", "surface", "status"],
    )
    # One row per decision: merging the same database twice adds nothing.
    db.table("team_spans").create_index(
        ["article_id", "annotator", "start", "end", "label", "status"], unique=True
    )
    db.table("team_articles").create(
        {"article_id": int, "annotator": str, "status": str, "updated_at": float},
        pk=("article_id", "annotator"),
        foreign_keys=[("article_id", "articles", "id")],
        not_null=["status"],
    )


def _migration_4(db: sqlite_utils.Database) -> None:
    """An article can be flagged for review and carry the annotators' comment."""
    db.table("articles").add_column("flagged", int, not_null_default=0)
    db.table("articles").add_column("comment", str, not_null_default="")


def _migration_5(db: sqlite_utils.Database) -> None:
    """The project's learned suggestion model (annotator.core.suggest.learner), as bytes."""
    db.table("models").create(
        {"name": str, "data": bytes, "trained_at": float, "summary": str}, pk="name"
    )


def _migration_6(db: sqlite_utils.Database) -> None:
    """Spans by status and label: statistics and exports count or pick spans by
    status, which otherwise scans the whole spans table (13 s at 6 million spans)."""
    db.table("spans").create_index(["status", "label"], if_not_exists=True)


def _migration_7(db: sqlite_utils.Database) -> None:
    """Spans by annotator and time: the window counts an annotator's decisions after
    each one, which otherwise scans every span (0.6 s at 6 million)."""
    db.table("spans").create_index(["annotator", "updated_at"], if_not_exists=True)


MIGRATIONS: Sequence[Callable[[sqlite_utils.Database], None]] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
    _migration_6,
    _migration_7,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


_SPAN_FIELDS = 'id, start, "end", label, surface, origin, status, confidence, annotator'


def _span_values(span: Span) -> tuple[object, ...]:
    """start, end, label, surface, origin, status, confidence, annotator (insert/update order)."""
    return (
        span.start,
        span.end,
        span.label,
        span.surface,
        span.origin,
        SpanStatus(span.status).value,
        span.confidence,
        span.annotator,
    )


def _span(row: Sequence[Any]) -> Span:
    """A Span from the columns in _SPAN_FIELDS."""
    return Span(
        id=row[0],
        start=row[1],
        end=row[2],
        label=row[3],
        surface=row[4],
        origin=row[5] or "manual",
        status=SpanStatus(row[6]),
        confidence=row[7] if row[7] is not None else 1.0,
        annotator=row[8],
    )


_ARTICLE_FIELDS = (
    "id, uid, external_id, source, title, text, script, status, flags, flagged, comment"
)


def _article(row: Sequence[Any], *, raw: str = "") -> Article:
    """An Article (without spans) from the columns in _ARTICLE_FIELDS."""
    return Article(
        id=row[0],
        uid=row[1],
        external_id=row[2],
        source=row[3] or "",
        title=row[4] or "",
        raw=raw,
        text=row[5],
        script=row[6] or "simplified",
        status=ArticleStatus(row[7]),
        flags=json.loads(row[8] or "{}"),
        flagged=bool(row[9]),
        comment=row[10] or "",
    )


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the article list needs, without the (large) text."""

    id: int
    title: str
    source: str
    status: ArticleStatus
    pending: int
    accepted: int
    rejected: int
    flagged: bool = False
    comment: str = ""


class Store:
    """A project database. Open with :meth:`open`; close when done."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._db: sqlite_utils.Database | None = None
        self._depth = 0
        # Why writes are refused (read-only file, failed health check), or None.
        self.read_only: str | None = None
        self.damaged = False

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the connection, for migrations. Imported on first use:
        it brings numpy, a third of a second of every start-up otherwise."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def _tables(self) -> set[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {r[0] for r in rows}

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        labels: LabelSet | None = None,
        timeout: float = 10.0,
        check: bool = True,
    ) -> Store:
        """Open (or create) a project; every fault is a StoreError naming the file.

        A file this process may not write opens read-only (``read_only`` says why);
        so does one that fails SQLite's quick_check, with how to rescue it.
        ``timeout`` is how long a write waits for another program's lock.
        """
        path = str(path)
        if path == ":memory:":
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            store = cls(conn, path)
            store._prepare(labels, writable=True)
            return store
        target = Path(path).expanduser()
        if target.is_dir():
            raise StoreError(f"{display_name(target)}: it is a folder, not a project database")
        try:
            target.absolute().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for {display_name(target)}: {cause(exc)}"
            ) from exc
        exists = target.exists()
        if exists and _looks_empty(target):
            raise StoreError(
                f"{display_name(target)}: the file is empty (0 bytes), not a project database;"
                " if a project was there, it is lost: restore it from a copy, or delete the"
                " file to start a new project"
            )
        writable = (os.access(target, os.R_OK | os.W_OK) if exists else True) and folder_writable(
            target
        )
        if not exists and not writable:
            raise StoreError(
                f"cannot create {display_name(target)}: no permission to write in its folder"
            )
        try:
            if writable:
                conn = sqlite3.connect(
                    path, isolation_level=None, timeout=timeout, check_same_thread=False
                )
            else:
                uri = target.absolute().as_uri() + "?mode=ro"
                if not folder_writable(target) and not Path(path + "-wal").exists():
                    # A WAL file needs its -shm beside it, which cannot be made here;
                    # with no log to replay, the file alone is the whole database.
                    uri += "&immutable=1"
                conn = sqlite3.connect(
                    uri, uri=True, isolation_level=None, timeout=timeout, check_same_thread=False
                )
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA user_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{display_name(target)} is not an annotator database ({exc})"
            ) from exc
        store = cls(conn, path)
        if not writable:
            store.read_only = f"{display_name(target)}: opened read-only: no permission to write"
            store.read_only += " the file or its folder"
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    if check:
                        store._check_health()
                    store._prepare(labels, writable=store.read_only is None)
                    break
                except (sqlite3.OperationalError, StoreBusy) as exc:
                    # Another process is creating or converting this same file (WAL
                    # set-up takes an exclusive lock): wait for it as a write would.
                    if not _is_busy(exc) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(describe(exc, target)) from exc
        except StoreError:
            conn.close()
            raise
        return store

    def _check_health(self) -> None:
        """SQLite's quick_check; a damaged file is never written to again."""
        try:
            rows = self.conn.execute("PRAGMA quick_check(5)").fetchall()
            problems = [r[0] for r in rows if r[0] != "ok"]
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                raise
            problems = [str(exc)]
        if problems:
            self.damaged = True
            name = display_name(self.path)
            self.read_only = (
                f"{name} is damaged ({problems[0].splitlines()[-1][:80]}): nothing is written"
                f" to it. Export what can still be read (annotator export --db {name}"
                " --format jsonl --status all --include-pending -o rescue.jsonl), import that"
                " into a new project, and keep the damaged file for a specialist"
            )

    def _prepare(self, labels: LabelSet | None, *, writable: bool) -> None:
        """WAL, durability, schema up to date, labels; under the write lock where it writes."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{display_name(self.path)} was written by a newer version of the annotator"
                f" (schema {version}; this version reads up to {SCHEMA_VERSION})."
                " Update the app to open it."
            )
        if not writable:
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"{self.read_only}; it needs an upgrade from an older version, which"
                    " cannot be written: copy it somewhere writable first"
                )
            return
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute(
            "PRAGMA synchronous = NORMAL"
            if self.path == ":memory:"
            else "PRAGMA synchronous = FULL"
        )
        if version < SCHEMA_VERSION:
            self._migrate()
        if labels is not None or not self.conn.execute("SELECT COUNT(*) FROM labels").fetchone()[0]:
            self.set_labels(labels or LabelSet.default())

    def _migrate(self) -> None:
        # Read the version under the write lock: another process may be creating
        # this same new database right now. sqlite-utils is loaded first, so the
        # lock is not held while it imports.
        db = self.db
        with self.transaction():
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0 and db.table_names():
                unknown = set(db.table_names()) - {"articles", "spans", "labels"}
                if "articles" not in db.table_names() or unknown - {
                    "lexicon",
                    "events",
                    "meta",
                }:
                    raise StoreError(
                        f"{display_name(self.path)} is an SQLite file but not an annotator database"
                    )
            for number in range(version, SCHEMA_VERSION):
                MIGRATIONS[number](db)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def set_lock_wait(self, seconds: float) -> None:
        """How long a write waits for another connection's lock before StoreBusy."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    @classmethod
    def reader(cls, path: str) -> Store:
        """A plain connection to an opened project, for reading on another thread
        (no migration or checks: the project's own opening did them)."""
        conn = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=False)
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work; nested calls become savepoints.

        Refused on a read-only or damaged store. An SQLite fault (disk full, lock
        held too long, no permission) rolls back and becomes a StoreError that
        names the file and the cause.
        """
        if self.read_only:
            raise StoreError(self.read_only)
        name = f"sp{self._depth}"
        try:
            self.conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {name}")
        except sqlite3.Error as exc:
            raise _fault(exc, self.path) from exc
        self._depth += 1
        try:
            yield
            if self._depth == 1:
                self.conn.execute("COMMIT")
        except BaseException as exc:
            self._depth -= 1
            if self.conn.in_transaction:  # SQLite may have rolled back already
                if self._depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
            if isinstance(exc, sqlite3.Error):
                raise _fault(exc, self.path) from exc
            raise
        else:
            self._depth -= 1
            if self._depth > 0:
                self.conn.execute(f"RELEASE {name}")

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # ------------------------------------------------------------------ labels/meta
    def set_labels(self, labels: LabelSet) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM labels")
            self.conn.executemany(
                "INSERT INTO labels (name, zh, en, colour, key, ord) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (lab.name, lab.zh, lab.en, lab.colour, lab.key, lab.order)
                    for lab in labels.values()
                ],
            )

    def rename_labels(self, renames: dict[str, str]) -> int:
        """Relabel every span (gold and each annotator's) and every lexicon entry
        from old to new names; returns the spans changed. Two steps through
        temporary names, so swapping two names breaks no unique index."""
        renames = {old: new for old, new in renames.items() if old != new}
        changed = 0
        tables = ["spans", "lexicon"] + (["team_spans"] if "team_spans" in self._tables() else [])
        with self.transaction():
            for step in (
                {old: f"\x00{old}" for old in renames},
                {f"\x00{old}": new for old, new in renames.items()},
            ):
                for old, new in step.items():
                    for table in tables:
                        cur = self.conn.execute(
                            f"UPDATE {table} SET label = ? WHERE label = ?", (new, old)
                        )
                        if table == "spans" and not old.startswith("\x00"):
                            changed += cur.rowcount
            if renames:
                self._record_renames(renames)
        return changed

    def label_renames(self) -> dict[str, str]:
        """Names the suggesters use → the project's name for the label now."""
        return dict(json.loads(self.get_meta("label_renames") or "{}"))

    def _record_renames(self, renames: dict[str, str]) -> None:
        """Compose ``renames`` (current → new) into the map of :meth:`label_renames`."""
        known = {old: renames.get(now, now) for old, now in self.label_renames().items()}
        for now, new in renames.items():
            known.setdefault(now, new)
        known = {old: now for old, now in known.items() if old != now}
        self.set_meta("label_renames", json.dumps(known, ensure_ascii=False))

    def labels(self) -> LabelSet:
        rows = self.conn.execute(
            "SELECT name, zh, en, colour, key FROM labels ORDER BY ord"
        ).fetchall()
        return LabelSet(Label(*row) for row in rows)

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # ------------------------------------------------------------------ articles
    def add_article(self, article: Article) -> tuple[int, bool]:
        """Store an article and its spans in one transaction.

        Returns (id, created). An article whose cleaned text is already stored is
        not added again: (existing id, False).
        """
        if not article.uid:
            raise ValueError("article has no uid")
        for span in article.spans:
            if not span.fits(article.text):
                raise ValueError(
                    f"span {span.start}..{span.end} {span.surface!r} does not fit the text"
                )
        with self.transaction():
            row = self.conn.execute(
                "SELECT id FROM articles WHERE uid = ?", (article.uid,)
            ).fetchone()
            if row:
                return row[0], False
            now = _now()
            cur = self.conn.execute(
                "INSERT INTO articles (uid, external_id, source, title, raw, text, script, status,"
                " flags, flagged, comment, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.uid,
                    article.external_id,
                    article.source,
                    article.title,
                    article.raw,
                    article.text,
                    article.script,
                    ArticleStatus(article.status).value,
                    json.dumps(article.flags, ensure_ascii=False),
                    int(article.flagged),
                    article.comment,
                    now,
                    now,
                ),
            )
            article_id = int(cur.lastrowid or 0)
            self._insert_spans(article_id, article.spans, now)
            return article_id, True

    def _insert_spans(
        self, article_id: int, spans: Iterable[Span], now: float, *, keep_ids: bool = False
    ) -> list[int]:
        """Insert spans; ``keep_ids`` re-inserts with their old ids (undo of a delete)."""
        ids = []
        columns = 'article_id, start, "end", label, surface, origin, status, confidence, annotator,'
        columns += " created_at, updated_at"
        for span in spans:
            values: tuple[object, ...] = (article_id, *_span_values(span), now, now)
            if keep_ids:
                sql = f"INSERT INTO spans (id, {columns}) VALUES (?{',?' * len(values)})"
                values = (span.id, *values)
            else:
                sql = f"INSERT INTO spans ({columns}) VALUES (?{',?' * (len(values) - 1)})"
            cur = self.conn.execute(sql, values)
            ids.append(int(cur.lastrowid or 0))
        return ids

    def article(self, article_id: int, *, with_spans: bool = True) -> Article:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_FIELDS}, raw FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id}")
        article = _article(row, raw=row[-1] or "")
        if with_spans:
            article.spans = self.spans(article_id)
        return article

    def article_ids(self, status: str | None = None) -> list[int]:
        # The status index holds every id: reading it is cheap, where a scan of the
        # table would step over every article's text (0.5 s at 100,000 articles).
        if status:
            rows = self.conn.execute(
                "SELECT id FROM articles WHERE status = ? ORDER BY id", (status,)
            )
        else:
            rows = self.conn.execute(
                "SELECT id FROM articles INDEXED BY idx_articles_status ORDER BY id"
            )
        return [r[0] for r in rows]

    def next_article_id(
        self,
        after: int | None,
        *,
        backwards: bool = False,
        statuses: Sequence[str] | None = None,
    ) -> int | None:
        """The id next to ``after`` (or the first), optionally of some statuses only:
        one index step, however large the project."""
        where: list[str] = []
        params: list[Any] = []
        if after is not None:
            where.append("id < ?" if backwards else "id > ?")
            params.append(after)
        if statuses:
            where.append(f"status IN ({','.join('?' * len(statuses))})")
            params.extend(statuses)
        sql = "SELECT id FROM articles" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY id DESC LIMIT 1" if backwards else " ORDER BY id LIMIT 1"
        row = self.conn.execute(sql, params).fetchone()
        return int(row[0]) if row else None

    def has_article(self, article_id: int) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            is not None
        )

    def article_list_ids(
        self,
        *,
        status: str | None = None,
        search: str | None = None,
        flagged: bool = False,
        annotator: str | None = None,
    ) -> list[int]:
        """Ids (ascending) of the articles the list shows for a status and a search
        (``flagged``: only articles flagged for review; ``annotator``: only their work)."""
        if flagged:
            sql = "SELECT id FROM articles WHERE flagged" + (" AND status = ?" if status else "")
            rows = self.conn.execute(sql + " ORDER BY id", (status,) if status else ())
            ids = [r[0] for r in rows]
        else:
            ids = self.article_ids(status)
        if search:
            found = set(self.search(search))
            ids = [i for i in ids if i in found]
        if annotator:
            theirs = self.annotator_article_ids(annotator)
            ids = [i for i in ids if i in theirs]
        return ids

    def article_rows_for(self, ids: Sequence[int]) -> list[ArticleRow]:
        """List rows (title, status, span counts) of just these articles, in id order."""
        out: list[ArticleRow] = []
        for at in range(0, len(ids), 500):
            chunk = list(ids[at : at + 500])
            marks = ",".join("?" * len(chunk))
            counts = {
                r[0]: r[1:]
                for r in self.conn.execute(
                    "SELECT article_id, SUM(status = 'pending'), SUM(status = 'accepted'),"
                    f" SUM(status = 'rejected') FROM spans WHERE article_id IN ({marks})"
                    " GROUP BY article_id",
                    chunk,
                )
            }
            for r in self.conn.execute(
                "SELECT id, title, source, status, flagged, comment FROM articles"
                f" WHERE id IN ({marks}) ORDER BY id",
                chunk,
            ):
                pending, accepted, rejected = counts.get(r[0], (0, 0, 0))
                out.append(
                    ArticleRow(
                        r[0],
                        r[1] or "",
                        r[2] or "",
                        ArticleStatus(r[3]),
                        pending,
                        accepted,
                        rejected,
                        bool(r[4]),
                        r[5] or "",
                    )
                )
        return out

    def article_rows(
        self, *, status: str | None = None, search: str | None = None, flagged: bool = False
    ) -> list[ArticleRow]:
        """Rows for every listed article (the window's list reads them page by page)."""
        ids = self.article_list_ids(status=status, search=search, flagged=flagged)
        return self.article_rows_for(ids)

    def search(self, query: str) -> list[int]:
        """Article ids whose title or text contains ``query``, in either script:
        百千万工程 finds an article that writes 百千萬工程, and the other way round."""
        from annotator.core.text import to_simplified, to_traditional

        query = query.strip()
        if not query:
            return self.article_ids()
        forms = sorted({query, to_simplified(query), to_traditional(query)})
        if len(query) >= 3:
            match = " OR ".join('"' + form.replace('"', '""') + '"' for form in forms)
            rows = self.conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid",
                (match,),
            )
        else:  # trigram FTS needs three characters; short queries scan
            likes = [
                "%" + f.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                for f in forms
            ]
            where = " OR ".join(
                ["title LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\'"] * len(likes)
            )
            rows = self.conn.execute(
                f"SELECT id FROM articles WHERE {where} ORDER BY id",
                [p for like in likes for p in (like, like)],
            )
        return [r[0] for r in rows]

    def iter_articles_with_spans(
        self, *, status: str | None = None, span_statuses: Sequence[str] = ("accepted",)
    ) -> Iterator[tuple[Article, list[Span]]]:
        """Every article (in id order) of ``status`` (None: all) with its spans of the
        given statuses, streamed in one snapshot, so memory holds one article at a
        time however many there are. All articles: one pass over the articles and one
        over the spans index beside it; some (the done ones): each one's spans by
        the index, rather than stepping over every other article's."""
        where = "WHERE status = ?" if status else ""
        art_params: list[Any] = [status] if status else []
        marks = ",".join("?" * len(span_statuses))
        own = self._depth == 0
        if own:
            self.conn.execute("BEGIN")  # one consistent snapshot for both cursors
        try:
            articles = self.conn.execute(
                f"SELECT {_ARTICLE_FIELDS} FROM articles {where} ORDER BY id", art_params
            )
            if status:
                for row in articles:
                    article = _article(row)
                    yield article, self.spans(article.id or 0, statuses=span_statuses)
                return
            spans = self.conn.execute(
                f"SELECT article_id, {_SPAN_FIELDS} FROM spans"
                " INDEXED BY idx_spans_article_id_start"
                f" WHERE status IN ({marks}) ORDER BY article_id, start",
                list(span_statuses),
            )
            pending_row = next(spans, None)
            for row in articles:
                article = _article(row)
                own_spans = []
                while pending_row is not None and pending_row[0] <= article.id:
                    if pending_row[0] == article.id:
                        own_spans.append(_span(pending_row[1:]))
                    pending_row = next(spans, None)
                own_spans.sort(key=lambda sp: (sp.start, sp.end, sp.id or 0))
                yield article, own_spans
        finally:
            if own:
                self.conn.execute("COMMIT")

    def set_article_status(self, article_id: int, status: ArticleStatus) -> None:
        self.conn.execute(
            "UPDATE articles SET status = ?, updated_at = ? WHERE id = ?",
            (ArticleStatus(status).value, _now(), article_id),
        )

    def set_article_note(self, article_id: int, *, flagged: bool, comment: str) -> None:
        """The review flag and the comment of an article (both always written)."""
        self.conn.execute(
            "UPDATE articles SET flagged = ?, comment = ?, updated_at = ? WHERE id = ?",
            (int(flagged), comment, _now(), article_id),
        )

    def count_articles(self, status: str | None = None) -> int:
        if status is None:
            return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        sql = "SELECT COUNT(*) FROM articles WHERE status = ?"
        return int(self.conn.execute(sql, (status,)).fetchone()[0])

    # ------------------------------------------------------------------ spans
    def spans(self, article_id: int, *, statuses: Iterable[str] | None = None) -> list[Span]:
        sql = f"SELECT {_SPAN_FIELDS} FROM spans WHERE article_id = ?"
        params: list[Any] = [article_id]
        if statuses is not None:
            wanted = list(statuses)
            sql += f" AND status IN ({','.join('?' * len(wanted))})"
            params += wanted
        sql += ' ORDER BY start, "end", id'
        return [_span(r) for r in self.conn.execute(sql, params)]

    def add_span(self, article_id: int, span: Span) -> Span:
        (added,) = self.add_spans(article_id, [span])
        return added

    def add_spans(
        self, article_id: int, spans: Sequence[Span], *, text: str | None = None
    ) -> list[Span]:
        """Insert spans of one article, checked against its text (read once)."""
        if not spans:
            return []
        text = self.article_text(article_id) if text is None else text
        for span in spans:
            if not span.fits(text):
                raise ValueError(f"span {span.surface!r} does not match the text at {span.start}")
        ids = self._insert_spans(article_id, spans, _now())
        return [span.with_(id=i) for span, i in zip(spans, ids, strict=True)]

    def restore_span(self, article_id: int, span: Span) -> None:
        """Re-insert a deleted span with its old id (for undo)."""
        self._insert_spans(article_id, [span], _now(), keep_ids=True)

    def update_span(self, span: Span) -> None:
        if span.id is None:
            raise ValueError("span has no id")
        self.conn.execute(
            'UPDATE spans SET start = ?, "end" = ?, label = ?, surface = ?, origin = ?, status = ?,'
            " confidence = ?, annotator = ?, updated_at = ? WHERE id = ?",
            (*_span_values(span), _now(), span.id),
        )

    def delete_span(self, span_id: int) -> None:
        self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))

    def delete_spans(self, span_ids: Iterable[int]) -> None:
        self.conn.executemany("DELETE FROM spans WHERE id = ?", ((i,) for i in span_ids))

    def replace_pending(self, article_id: int, spans: Iterable[Span]) -> int:
        """Swap an article's pending suggestions for new ones, leaving decisions alone.

        A new suggestion that overlaps a decided (accepted or rejected) span is
        dropped: the annotator has spoken there.
        """
        with self.transaction():
            decided = self.spans(article_id, statuses=("accepted", "rejected"))
            self.conn.execute(
                "DELETE FROM spans WHERE article_id = ? AND status = 'pending'", (article_id,)
            )
            fresh = [s for s in spans if not any(s.overlaps(d) for d in decided)]
            self._insert_spans(article_id, fresh, _now())
            return len(fresh)

    def article_text(self, article_id: int) -> str:
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id}")
        return str(row[0])

    def ids_containing(self, surface: str) -> list[int]:
        """Ids of the articles whose text may contain ``surface`` (the full-text
        index narrows it down where it can; callers check the text)."""
        if len(surface) >= 3:
            return self.search(surface)
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE instr(text, ?) > 0 ORDER BY id", (surface,)
        )
        return [r[0] for r in rows]

    # ------------------------------------------------------------------ lexicon/events
    def teach(self, surface: str, label: str, polarity: str, annotator: str | None) -> None:
        """Remember an annotator's decision on a surface (latest decision wins)."""
        if polarity not in ("positive", "negative"):
            raise ValueError(polarity)
        self.conn.execute(
            "INSERT INTO lexicon (surface, label, polarity, annotator, updated_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(surface, label) DO UPDATE SET polarity = excluded.polarity,"
            " annotator = excluded.annotator, updated_at = excluded.updated_at",
            (surface, label, polarity, annotator, _now()),
        )

    def forget(self, surface: str, label: str) -> None:
        self.conn.execute("DELETE FROM lexicon WHERE surface = ? AND label = ?", (surface, label))

    def lexicon_polarity(self, surface: str, label: str) -> str | None:
        row = self.conn.execute(
            "SELECT polarity FROM lexicon WHERE surface = ? AND label = ?", (surface, label)
        ).fetchone()
        return row[0] if row else None

    def lexicon(self) -> list[tuple[str, str, str]]:
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute("SELECT surface, label, polarity FROM lexicon ORDER BY id")
        ]

    # ------------------------------------------------------------------ models
    def save_model(self, name: str, data: bytes, summary: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO models (name, data, trained_at, summary) VALUES (?, ?, ?, ?)",
                (name, data, time.time(), json.dumps(summary, ensure_ascii=False)),
            )

    def model(self, name: str) -> tuple[bytes, dict[str, Any]] | None:
        row = self.conn.execute(
            "SELECT data, summary FROM models WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else (bytes(row[0]), json.loads(row[1] or "{}"))

    def model_stamp(self, name: str) -> float | None:
        """When the named model was last saved: a cheap check for a newer one."""
        row = self.conn.execute("SELECT trained_at FROM models WHERE name = ?", (name,)).fetchone()
        return None if row is None else float(row[0])

    def lexicon_version(self) -> int:
        """A number that changes with every write to the lexicon (a trigger bumps it)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'lexicon_writes'").fetchone()
        return int(row[0]) if row else 0

    def lexicon_size(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM lexicon").fetchone()[0])

    def log_event(
        self,
        action: str,
        *,
        annotator: str | None,
        article_id: int | None = None,
        span_id: int | None = None,
        payload: dict[str, Any] | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO events (time, annotator, article_id, span_id, action, payload)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                _now(),
                annotator,
                article_id,
                span_id,
                action,
                json.dumps(payload or {}, ensure_ascii=False),
            ),
        )

    def events(self, *, since: float = 0.0) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, time, annotator, article_id, span_id, action, payload FROM events"
            " WHERE time >= ? ORDER BY id",
            (since,),
        )
        keys = ("id", "time", "annotator", "article_id", "span_id", "action", "payload")
        return [
            dict(zip(keys, r, strict=True)) | {"payload": json.loads(r[6] or "{}")} for r in rows
        ]

    # ------------------------------------------------------------------ statistics
    # A decision is a span in a state an annotator chose: accepted or rejected, with
    # the annotator's name on it. Counted on the spans, not on the key presses, so
    # three boundary moves on one span are one decision, accepting 78 at once is 78,
    # and an undone decision no longer counts. Everything that says "decisions"
    # (stats, the dashboard, the window's status bar) counts them this way.
    _DECIDED = "status != 'pending' AND annotator IS NOT NULL"

    def decisions_by_annotator(self) -> dict[str, int]:
        return dict(
            self.conn.execute(
                f"SELECT annotator, COUNT(*) FROM spans WHERE {self._DECIDED}"
                " GROUP BY annotator ORDER BY annotator"
            ).fetchall()
        )

    def decisions(self, annotator: str, *, since: float = 0.0) -> int:
        """Decisions by ``annotator`` last changed at or after ``since`` (epoch s)."""
        row = self.conn.execute(
            f"SELECT COUNT(*) FROM spans WHERE {self._DECIDED} AND annotator = ?"
            " AND updated_at >= ?",
            (annotator, since),
        ).fetchone()
        return int(row[0])

    def stats(self) -> dict[str, Any]:
        by_status = dict(
            self.conn.execute("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall()
        )
        spans = dict(
            self.conn.execute("SELECT status, COUNT(*) FROM spans GROUP BY status").fetchall()
        )
        labels = dict(
            self.conn.execute(
                "SELECT label, COUNT(*) FROM spans WHERE status = 'accepted' GROUP BY label"
            ).fetchall()
        )
        decisions = self.conn.execute(
            "SELECT COUNT(*), MIN(time), MAX(time) FROM events WHERE action NOT IN ('undo', 'redo')"
        ).fetchone()
        per_annotator = self.decisions_by_annotator()
        total = sum(by_status.values())
        flagged = self.conn.execute("SELECT COUNT(*) FROM articles WHERE flagged").fetchone()[0]
        return {
            "articles": total,
            "articles_by_status": {s.value: by_status.get(s.value, 0) for s in ArticleStatus},
            "articles_flagged": flagged,
            "spans_by_status": {s.value: spans.get(s.value, 0) for s in SpanStatus},
            "accepted_by_label": labels,
            "decisions": sum(per_annotator.values()),
            "decisions_by_annotator": per_annotator,
            "first_decision": decisions[1],
            "last_decision": decisions[2],
        }

    # ------------------------------------------------------------------ team (annotator merge)
    def team_annotators(self) -> list[str]:
        """The annotators whose work a team database holds (none in a single one's)."""
        rows = self.conn.execute("SELECT DISTINCT annotator FROM team_articles ORDER BY annotator")
        return [r[0] for r in rows]

    def annotators(self) -> list[str]:
        """Everyone whose decisions the database holds (a team's members, or the names
        on spans; agreed spans carry their names joined by ``+``)."""
        names = set(self.team_annotators())
        for (joined,) in self.conn.execute(
            "SELECT DISTINCT annotator FROM spans WHERE annotator IS NOT NULL AND annotator != ''"
        ):
            names.update(joined.split(JOIN))
        return sorted(names)

    def annotator_article_ids(self, name: str) -> set[int]:
        """Articles this annotator worked on (in a team database, or by their spans)."""
        rows = self.conn.execute(
            "SELECT article_id FROM team_articles WHERE annotator = ?"
            " UNION SELECT article_id FROM spans"
            " WHERE instr(? || annotator || ?, ? || ? || ?) > 0",
            (name, JOIN, JOIN, JOIN, name, JOIN),
        )
        return {r[0] for r in rows}

    def team_finished(self, article_id: int | None = None) -> dict[int, list[str]]:
        """Article id -> the annotators who marked it done (of one article, or all)."""
        out: dict[int, list[str]] = {}
        where = "" if article_id is None else " AND article_id = ?"
        for aid, name in self.conn.execute(
            "SELECT article_id, annotator FROM team_articles WHERE status = 'done'"
            + where
            + " ORDER BY article_id, annotator",
            () if article_id is None else (article_id,),
        ):
            out.setdefault(aid, []).append(name)
        return out

    def team_docs(self) -> list[tuple[int, dict[str, set[tuple[int, int, str]]]]]:
        """(text length, annotator -> accepted spans) of each article two or more finished."""
        finished = {a: names for a, names in self.team_finished().items() if len(names) >= 2}
        spans: dict[int, dict[str, set[tuple[int, int, str]]]] = {
            a: {name: set() for name in names} for a, names in finished.items()
        }
        for article_id, name, start, end, label in self.conn.execute(
            'SELECT article_id, annotator, start, "end", label FROM team_spans'
            " WHERE status = 'accepted'"
        ):
            if name in spans.get(article_id, {}):
                spans[article_id][name].add((start, end, label))
        lengths = dict(
            self.conn.execute(
                "SELECT id, length(text) FROM articles WHERE id IN"
                " (SELECT article_id FROM team_articles WHERE status = 'done')"
            ).fetchall()
        )
        return [(lengths[a], spans[a]) for a in sorted(spans)]
