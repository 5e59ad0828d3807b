"""Faults of the environment are one line naming the file and the cause (issue #12, 7-9)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from annotator.cli import main
from annotator.core.formats import article_from_raw
from annotator.core.store import Store, StoreError
from tests.cli.test_cli import run_cli


def _unprivileged() -> list[str]:
    """A prefix that makes file permissions apply: root ignores them, so drop its
    capabilities (setpriv); an ordinary user needs nothing."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return ["setpriv", "--bounding-set=-all"]


def run_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_unprivileged(), sys.executable, "-m", "annotator.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _project(path, n=3):
    with Store.open(path) as st:
        for i in range(n):
            st.add_article(article_from_raw(f"江门市第{i}次会议召开。鹤山市参加。", f"{i}.txt"))


def _one_clear_line(result):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    return lines[0]


def test_describe_names_the_file_and_the_cause():
    from annotator.core.faults import describe

    assert describe(OSError(errno.ENOSPC, "No space left", "/data/out.jsonl")) == (
        "/data/out.jsonl: the disk is full"
    )
    assert describe(sqlite3.OperationalError("database or disk is full"), "p.db") == (
        "p.db: the disk is full"
    )
    assert "no permission" in describe(
        sqlite3.OperationalError("attempt to write a readonly database"), "p.db"
    )
    assert "locked" in describe(sqlite3.OperationalError("database is locked"), "p.db")


def test_read_only_database_is_read_and_never_called_foreign(tmp_path):
    db = tmp_path / "p.db"
    _project(db)
    (tmp_path / "more.txt").write_text("清远市召开会议。", encoding="utf-8")
    db.chmod(0o444)
    try:
        stats = run_unprivileged("stats", "--db", str(db))
        assert stats.returncode == 0, stats.stderr
        assert "articles: 3" in stats.stdout
        result = run_unprivileged(
            "import", "--db", str(db), "--no-suggest", str(tmp_path / "more.txt")
        )
        assert result.returncode == 1
        line = _one_clear_line(result)
        assert "p.db" in line and "read-only" in line and "no permission" in line
    finally:
        db.chmod(0o644)


def test_read_only_folder(tmp_path):
    folder = tmp_path / "shelf"
    folder.mkdir()
    _project(folder / "p.db")
    folder.chmod(0o555)
    try:
        stats = run_unprivileged("stats", "--db", str(folder / "p.db"))
        assert stats.returncode == 0, stats.stderr
        assert "articles: 3" in stats.stdout
        new = run_unprivileged("stats", "--db", str(folder / "new.db"))
        line = _one_clear_line(new)
        # A reading command never creates a project, so it says the file is missing.
        assert new.returncode == 1 and "new.db" in line and "no such project" in line
        assert "not an annotator database" not in line
    finally:
        folder.chmod(0o755)


def test_export_to_a_path_that_cannot_be_a_file(tmp_path):
    db = tmp_path / "p.db"
    _project(db)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "afolder").mkdir()
    for target, why in (("afile/out.jsonl", "not a folder"), ("afolder", "is a folder")):
        result = run_cli("export", "--db", str(db), "--format", "jsonl", "--status", "all",
                         "-o", str(tmp_path / target))  # fmt: skip
        assert result.returncode == 1
        line = _one_clear_line(result)
        assert target in line and why in line and "nothing written" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "afolder", "p.db"]
    assert list((tmp_path / "afolder").iterdir()) == []


def test_disk_full_during_import_says_so_after_what_was_stored(tmp_path, monkeypatch, capsys):
    """SQLite's page limit fills the 'disk' for real: SQLITE_FULL, as on a full disk."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(60):
        (src / f"{i:02}.txt").write_text(
            f"第{i}篇。" + "江门市召开会议，部署工作。" * 40, encoding="utf-8"
        )
    db = tmp_path / "p.db"
    Store.open(db).close()
    real_open = Store.open

    def small_disk(path, **kw):
        store = real_open(path, **kw)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 30}")
        return store

    monkeypatch.setattr(Store, "open", small_disk)
    assert main(["import", "--db", str(db), "--no-suggest", str(src)]) == 1
    out, err = capsys.readouterr()
    assert err.strip().splitlines() == [f"annotator: import stopped: {db}: the disk is full"]
    added = int(out.split()[1])
    assert 0 < added < 60 and f"imported {added} article(s)" in out
    monkeypatch.undo()
    with Store.open(db) as st:
        assert st.count_articles() == added


def _corrupt(path):
    """Overwrite 4 KB in the middle of the file, on a page boundary."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(4096)))


def test_corrupted_database_is_never_written_and_says_how_to_rescue(tmp_path):
    db = tmp_path / "p.db"
    _project(db, n=150)
    _corrupt(db)
    (tmp_path / "more.txt").write_text("清远市召开会议。", encoding="utf-8")
    before = db.read_bytes()
    result = run_cli("import", "--db", str(db), "--no-suggest", str(tmp_path / "more.txt"))
    assert result.returncode == 1
    line = _one_clear_line(result)
    assert "damaged" in line and "export" in line and "nothing" in line
    assert db.read_bytes() == before
    stats = run_cli("stats", "--db", str(db))
    assert stats.returncode == 1 and "damaged" in stats.stderr
    with Store.open(db) as st:
        assert st.damaged and st.read_only
        with pytest.raises(StoreError, match="damaged"):
            st.set_meta("x", "y")


def test_an_old_empty_file_is_not_silently_made_a_project(tmp_path):
    db = tmp_path / "p.db"
    db.write_bytes(b"")
    os.utime(db, (1_600_000_000, 1_600_000_000))
    result = run_cli("stats", "--db", str(db))
    assert result.returncode == 1
    assert "empty" in _one_clear_line(result)
    assert db.stat().st_size == 0
    fresh = tmp_path / "new.db"
    fresh.write_bytes(b"")  # just made (mktemp, touch): it becomes the project
    assert run_cli("stats", "--db", str(fresh)).returncode == 0


_OPEN = "import sys; from annotator.core.store import Store; Store.open(sys.argv[1]).close()"


def test_two_processes_creating_one_new_database_both_succeed(tmp_path):
    failures = []
    for trial in range(16):
        db = tmp_path / f"t{trial}.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _OPEN, str(db)], stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        for proc in procs:
            _out, err = proc.communicate(timeout=60)
            if proc.returncode:
                failures.append(err.strip().splitlines()[-1])
    assert failures == []
