"""Teams: two simulated annotators on copies of one project, merged, and their agreement."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.store import SCHEMA_VERSION, Store
from tests.cli.test_cli import run_cli
from tests.team_data import DOCS, changed, expected, read_gold, write_gold

SAMPLES_GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "samples_gold.jsonl"


def _simulate(gold: Path, db: Path) -> None:
    proc = run_cli("bench", "simulate", "--gold", str(gold), "--db", str(db))
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # The simulated annotator reaches its gold in every article, so it is that gold.
    assert result["articles_at_gold"] == result["articles"]


def _project(tmp_path: Path, docs) -> Path:
    """A project of the gold's texts, with suggestions, as a team lead would import it."""
    texts = tmp_path / "texts.jsonl"
    texts.write_text(
        "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t, _ in docs),
        encoding="utf-8",
    )
    project = tmp_path / "project.db"
    assert main(["import", "--db", str(project), str(texts)]) == 0
    return project


@pytest.mark.parametrize("source", ["own", "samples"])
def test_agreement_of_two_simulated_annotators_is_what_the_changes_imply(tmp_path, source):
    if source == "samples":
        if not SAMPLES_GOLD.exists():
            pytest.skip("the samples' gold is not beside the repository")
        docs = read_gold(SAMPLES_GOLD)
    else:
        docs = DOCS
    first, second = tmp_path / "gold_a.jsonl", tmp_path / "gold_b.jsonl"
    write_gold(first, docs)
    docs_b, changes = changed(docs)
    assert {c.kind for c in changes} == {"dropped", "relabelled", "boundary"}
    write_gold(second, docs_b)
    project = _project(tmp_path, docs)
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    shutil.copy(project, a)
    shutil.copy(project, b)
    _simulate(first, a)
    _simulate(second, b)

    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "-o", str(team)]) == 0
    proc = run_cli("agreement", "--db", str(team), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["articles"] == len(docs)
    (pair,) = report["pairs"]
    want = expected(docs, changes)
    assert pair["exact"]["overall"]["f1"] == want["exact"]["overall"]
    assert pair["overlap"]["overall"]["f1"] == want["overlap"]["overall"]
    for label, f1 in want["exact"].items():
        if label != "overall":
            assert pair["exact"]["labels"][label]["f1"] == f1, label
            assert pair["overlap"]["labels"][label]["f1"] == want["overlap"][label], label
    assert pair["kappa"]["labels"] == pytest.approx(want["kappa"], abs=1e-4)
    kinds = pair["differences"]["kinds"]
    assert kinds["only_a"] == want["kinds"]["dropped"]
    assert kinds["label"] == want["kinds"]["relabelled"]
    assert kinds["boundary"] == want["kinds"]["boundary"]
    assert kinds["only_b"] == kinds["boundary_and_label"] == 0


# ---------------------------------------------------------------------- merge


def _annotated(tmp_path: Path, name: str, docs) -> Path:
    """A database holding one annotator's finished work (imported native JSONL)."""
    gold = tmp_path / f"{name}.jsonl"
    write_gold(gold, docs, annotator=name)
    db = tmp_path / f"{name}.db"
    assert main(["import", "--db", str(db), "--no-suggest", str(gold)]) == 0
    return db


def _merge(capsys, *args: Path) -> dict:
    capsys.readouterr()
    *inputs, out = args
    assert main(["merge", *map(str, inputs), "-o", str(out)]) == 0
    return json.loads(capsys.readouterr().out)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_merge_keeps_each_annotator_and_adds_nothing_the_second_time(tmp_path, capsys):
    docs_b, _ = changed(DOCS)
    a = _annotated(tmp_path, "alice", DOCS)
    b = _annotated(tmp_path, "bob", docs_b)
    before = {p: _digest(p) for p in (a, b)}
    team = tmp_path / "team.db"
    first = _merge(capsys, a, b, team)
    assert first["annotators"] == ["alice", "bob"]
    assert first["articles"] == len(DOCS) and first["records_changed"] == 2 * len(DOCS)
    again = _merge(capsys, a, b, team)
    assert again["articles_added"] == again["records_changed"] == again["events_added"] == 0
    # The team database merged into a new one adds nothing either.
    assert _merge(capsys, team, a, tmp_path / "t2.db")["records_changed"] == 2 * len(DOCS)
    assert _merge(capsys, team, team)["records_changed"] == 0
    assert {p: _digest(p) for p in (a, b)} == before  # inputs untouched
    with Store.open(team) as st:
        assert st.team_annotators() == ["alice", "bob"]
        names = {r[0] for r in st.conn.execute("SELECT DISTINCT annotator FROM team_spans")}
        assert names == {"alice", "bob"}
        # Agreed spans are gold already; each difference waits, tagged with who proposed it.
        agreed = st.conn.execute(
            "SELECT COUNT(*) FROM spans WHERE status = 'accepted' AND annotator = 'alice+bob'"
        ).fetchone()[0]
        pending = {
            r[0] for r in st.conn.execute("SELECT annotator FROM spans WHERE status = 'pending'")
        }
    assert agreed == sum(len(s) for _, s in DOCS) - len(changed(DOCS)[1])
    assert pending == {"alice", "bob"}


def test_same_name_in_two_databases_gets_the_file_name(tmp_path, capsys):
    one = tmp_path / "one"
    two = tmp_path / "two"
    one.mkdir()
    two.mkdir()
    a = _annotated(one, "sam", DOCS)
    b = _annotated(two, "sam", changed(DOCS)[0])
    a = a.rename(tmp_path / "first.db")
    b = b.rename(tmp_path / "second.db")
    assert _merge(capsys, a, b, tmp_path / "t.db")["annotators"] == ["sam@first", "sam@second"]


def _check_refused(tmp_path, capsys, bad: Path, words: str) -> None:
    good = _annotated(tmp_path, "alice", DOCS)
    out = tmp_path / "team.db"
    capsys.readouterr()
    assert main(["merge", str(good), str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(bad) in err and words in err, err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".team.db")] == []


def test_merge_refuses_a_missing_file(tmp_path, capsys):
    _check_refused(tmp_path, capsys, tmp_path / "nowhere.db", "no such file")


def test_merge_refuses_a_file_that_is_not_a_database(tmp_path, capsys):
    bad = tmp_path / "notes.db"
    bad.write_text("these are notes, not a database\n" * 50, encoding="utf-8")
    _check_refused(tmp_path, capsys, bad, "not an annotator database")


def test_merge_refuses_a_newer_schema(tmp_path, capsys):
    bad = _annotated(tmp_path, "bob", DOCS)
    conn = sqlite3.connect(bad)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _check_refused(tmp_path, capsys, bad, "newer version")


def test_merge_refuses_a_locked_database(tmp_path, capsys):
    bad = _annotated(tmp_path, "bob", DOCS)
    holder = sqlite3.connect(bad, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        _check_refused(tmp_path, capsys, bad, "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_merge_refuses_another_label_set(tmp_path, capsys):
    bad = _annotated(tmp_path, "bob", DOCS)
    conn = sqlite3.connect(bad)
    conn.execute("UPDATE labels SET name = 'PERSON' WHERE name = 'PER'")
    conn.commit()
    conn.close()
    _check_refused(tmp_path, capsys, bad, "labels")


def test_merge_reads_an_older_schema(tmp_path, capsys):
    old = _annotated(tmp_path, "bob", changed(DOCS)[0])
    conn = sqlite3.connect(old)
    conn.execute("DROP TABLE team_spans")
    conn.execute("DROP TABLE team_articles")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    a = _annotated(tmp_path, "alice", DOCS)
    assert _merge(capsys, a, old, tmp_path / "t.db")["annotators"] == ["alice", "bob"]
