"""bench simulate drives the real window with keys; kill -9 keeps every acknowledged decision."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys

from annotator.core.session import Session
from annotator.core.store import Store

GOLD = [
    {
        "text": "江门市委书记郭文海在鹤山调研。鹤山要抓落实，鹤山项目加快，遂溪县也来了。",
        "entities": [
            [0, 6, "TITLE"],
            [6, 9, "PER"],
            [10, 12, "LOC"],
            [15, 17, "LOC"],
            [22, 26, "FAC"],
            [30, 33, "LOC"],
        ],
    },
    {
        "text": "2月19日，清远市清城区召开“百千万工程”推进大会。",
        "entities": [[0, 5, "DATE"], [6, 12, "LOC"], [14, 19, "POLICY"]],
    },
]


def write_gold(path):
    with path.open("w", encoding="utf-8") as fh:
        for i, doc in enumerate(GOLD):
            ents = [
                {"start": s, "end": e, "label": lab, "text": doc["text"][s:e]}
                for s, e, lab in doc["entities"]
            ]
            fh.write(
                json.dumps(
                    {"id": str(i), "text": doc["text"], "entities": ents}, ensure_ascii=False
                )
                + "\n"
            )


def test_simulate_reaches_gold_with_real_keys(tmp_path, qapp):
    from annotator.bench.simulate import bench_simulate

    gold = tmp_path / "gold.jsonl"
    write_gold(gold)
    db = tmp_path / "sim.db"
    result = bench_simulate(
        argparse.Namespace(gold=str(gold), db=str(db), log_acks=False, large=False)
    )
    assert result["articles"] == 2 and result["gold_entities"] == 9
    assert result["articles_at_gold"] == 2
    assert result["keys"] >= 2  # at least one key per article (mark done)
    assert set(result["latency_ms"]) == {"p50", "p95"}
    by_purpose = result["keys_by_purpose"]
    assert sum(by_purpose.values()) == result["keys"]
    assert by_purpose["article"] == 2  # D once per article
    with Store.open(db) as store:
        for article_id in store.article_ids():
            article = store.article(article_id)
            assert article.status.value == "done"
            doc = next(d for d in GOLD if d["text"] == article.text)
            got = sorted(
                [s.start, s.end, s.label] for s in article.spans if s.status.value == "accepted"
            )
            assert got == sorted(doc["entities"])


def test_kill_9_keeps_acknowledged_decisions_and_reopens_there(tmp_path):
    gold = tmp_path / "gold.jsonl"
    write_gold(gold)
    db = tmp_path / "sim.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "annotator.cli",
            "bench",
            "simulate",
            "--gold",
            str(gold),
            "--db",
            str(db),
            "--log-acks",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    acked = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ack "):
            acked = int(line.split()[1])
            if acked >= 4:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert acked >= 4
    with Store.open(db) as store:
        assert store.integrity_ok()
        decisions = [e for e in store.events() if e["action"] not in ("undo", "redo")]
        assert len(decisions) >= acked
        last = decisions[-1]
        session = Session(store, "simulator")
        assert session.resume()
        assert session.article_id == last["article_id"]


def test_same_count_at_any_window_size_and_every_key_logged(tmp_path, qapp):
    from annotator.bench.simulate import bench_simulate

    gold = tmp_path / "gold.jsonl"
    write_gold(gold)
    results = []
    for size in ("1280x800", "1920x1080"):
        log = tmp_path / f"keys-{size}.tsv"
        results.append(
            bench_simulate(
                argparse.Namespace(
                    gold=str(gold),
                    db=str(tmp_path / f"{size}.db"),
                    log_acks=False,
                    large=False,
                    size=size,
                    log_keys=str(log),
                )
            )
        )
        lines = log.read_text(encoding="utf-8").splitlines()
        assert len(lines) == results[-1]["keys"]
        ids = [line.split("\t")[0] for line in lines]
        assert set(ids) == {"0", "1"}  # the gold records' ids, which the export keeps
        assert all(len(line.split("\t")) == 2 for line in lines)
    assert results[0]["keys"] == results[1]["keys"]
    assert results[0]["keys_by_purpose"] == results[1]["keys_by_purpose"]
    assert all(r["articles_at_gold"] == 2 for r in results)


def test_one_ack_per_committed_decision_and_resume_on_a_done_article_goes_on(
    tmp_path, qapp, capsys
):
    from annotator.bench.simulate import bench_simulate
    from annotator.core.formats import article_from_raw

    gold = tmp_path / "gold.jsonl"
    write_gold(gold)
    db = tmp_path / "sim.db"
    with Store.open(db) as store:
        first, second = (store.add_article(article_from_raw(d["text"], "g"))[0] for d in GOLD)
        session = Session(store, "simulator")
        session.open_article(second)
        session.mark_done()  # the last unfinished article: nothing to open after it
        session.open_article(second)  # resumed on a done article
        events_before = len(store.events())
    result = bench_simulate(
        argparse.Namespace(gold=str(gold), db=str(db), log_acks=True, large=False)
    )
    assert result["articles_at_gold"] >= 1
    acks = [line for line in capsys.readouterr().out.splitlines() if line.startswith("ack ")]
    with Store.open(db) as store:
        assert store.article(first).status.value == "done"
        written = len(store.events()) - events_before
    # Exactly one ack per event row the window wrote, numbered 1..N.
    assert acks == [f"ack {n}" for n in range(1, written + 1)] and written > 0


def test_marking_the_last_article_done_is_one_commit(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        from annotator.core.formats import article_from_raw

        (only, _) = store.add_article(article_from_raw("江门市召开会议。", "a.txt"))
        session = Session(store, "amy")
        seen: list[str] = []
        session.subscribe(seen.append)
        session.open_article(only)
        seen.clear()
        assert session.mark_done() is None
        assert seen.count("committed") == 1 and seen.count("spans") == 1


def test_the_driver_refuses_a_key_that_does_nothing(tmp_path, qapp):
    import pytest

    from annotator.bench.simulate import Driver, Stats, _seed, _window
    from annotator.core.evaluate import read_gold

    gold = tmp_path / "gold.jsonl"
    write_gold(gold)
    db = tmp_path / "d.db"
    _seed(db, read_gold(gold), {})
    window = _window(db, (1280, 800))
    try:
        window.session.resume()
        driver = Driver(window, Stats())
        driver.key("ctrl+End", "caret")  # the caret moves: fine
        with pytest.raises(RuntimeError, match="did nothing"):
            driver.key("ctrl+End", "caret")  # already there
    finally:
        window.close()
        window.store.close()


def test_a_window_too_small_for_the_plan_is_a_usage_error(tmp_path):
    gold = tmp_path / "gold.jsonl"
    write_gold(gold)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli",
            "bench",
            "simulate",
            "--gold",
            str(gold),
            "--size",
            "1024x700",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 2
    assert "1280x800" in proc.stderr and "Traceback" not in proc.stderr
