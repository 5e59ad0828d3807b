"""The command line as users and scripts see it: real files, real processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from annotator.cli import main
from annotator.core.store import Store
from tests.conftest import SAMPLE_FILES

TRAD = "遂溪縣高質量發展暨百千萬工程推進會在嶺北鎮召開，深入學習貫徹黨的二十大精神。"
SIMP = "江门市委书记在鹤山市调研，强调推进“百千万工程”走深走实。"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300):
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def test_import_samples_once(tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), *map(str, SAMPLE_FILES)]) == 0
    assert "imported 5 article(s), 0 already present, 0 failed" in capsys.readouterr().out
    assert main(["import", "--db", str(db), *map(str, SAMPLE_FILES)]) == 0
    assert "imported 0 article(s), 5 already present" in capsys.readouterr().out
    with Store.open(db) as st:
        assert st.count_articles() == 5


def test_mixed_folder(tmp_path):
    src = tmp_path / "in"
    (src / "deep" / "er").mkdir(parents=True)
    (src / "gbk.txt").write_bytes(SIMP.encode("gbk"))
    (src / "big5.txt").write_bytes(TRAD.encode("big5"))
    (src / "utf16.txt").write_bytes(SIMP.replace("江门", "清远").encode("utf-16"))
    (src / "deep" / "er" / "page.html").write_bytes(
        "<html><head><meta charset='gbk'><script>var a='脚本';</script></head>"
        "<body><p>广东省清城区召开推进大会。</p></body></html>".encode("gbk")
    )
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "empty.txt").write_bytes(b"")
    (src / "nul.txt").write_bytes("江门".encode() + b"\x00\x00" + "鹤山".encode())
    (src / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (src / "data.jsonl").write_text(
        json.dumps(
            {"text": "汕头市濠江区", "entities": [{"start": 0, "end": 3, "label": "LOC"}]},
            ensure_ascii=False,
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), str(src), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    bad = ["binary.txt", "empty.txt", "nul.txt", "image.png", "data.jsonl:2", "missing.txt"]
    assert len(lines) == len(bad), lines
    for name in bad:
        assert sum(name in line for line in lines) == 1, (name, lines)
    with Store.open(db) as st:
        assert st.integrity_ok()
        texts = {st.article(i).text for i in st.article_ids()}
    assert SIMP in texts and TRAD in texts
    assert any("清远" in t for t in texts)
    assert "广东省清城区召开推进大会。" in texts
    assert "汕头市濠江区" in texts
    assert not any("脚本" in t for t in texts)


def test_export_offsets_hold_and_file_is_atomic(tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), *map(str, SAMPLE_FILES)]) == 0
    out = tmp_path / "out" / "gold.jsonl"
    assert (
        main(
            [
                "export",
                "--db",
                str(db),
                "--format",
                "jsonl",
                "--status",
                "all",
                "--include-pending",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    assert sum(len(r["entities"]) for r in records) > 50
    for rec in records:
        assert set(rec) == {
            "id",
            "source",
            "title",
            "text",
            "status",
            "entities",
            "flags",
            "flagged",
            "comment",
        }
        for ent in rec["entities"]:
            assert rec["text"][ent["start"] : ent["end"]] == ent["text"]
    assert [p.name for p in out.parent.iterdir()] == ["gold.jsonl"]  # no temp files left
    # Simplified export keeps offsets too.
    simp = tmp_path / "simp.jsonl"
    assert (
        main(
            [
                "export",
                "--db",
                str(db),
                "--format",
                "jsonl",
                "--status",
                "all",
                "--include-pending",
                "--script",
                "simplified",
                "-o",
                str(simp),
            ]
        )
        == 0
    )
    for rec in map(json.loads, simp.read_text(encoding="utf-8").splitlines()):
        assert "鎮" not in rec["text"]
        for ent in rec["entities"]:
            assert rec["text"][ent["start"] : ent["end"]] == ent["text"]
    # Default: only done articles; none are done yet: a hint and exit 1, not an empty
    # file and success (issue 14, defect 15).
    capsys.readouterr()
    empty = tmp_path / "none.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "-o", str(empty)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and not empty.exists()
    assert "none of the 5 article(s) is done" in captured.err and "--status all" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("export", "--db", str(tmp_path / "p.db")).returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_newer_database_is_one_clear_line(tmp_path):
    db = tmp_path / "p.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    result = run_cli("stats", "--db", str(db))
    assert result.returncode == 1
    assert "newer version" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_suggest_prints_one_json_line_per_file(tmp_path):
    result = run_cli("suggest", *map(str, SAMPLE_FILES[:2]), str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    for line in lines:
        obj = json.loads(line)
        assert set(obj) == {"source", "text", "entities"}
        for ent in obj["entities"]:
            assert set(ent) == {"start", "end", "label", "text", "origin", "confidence"}
            assert 0.0 < ent["confidence"] <= 1.0
            assert obj["text"][ent["start"] : ent["end"]] == ent["text"]
    assert "nope.txt" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_during_import_leaves_only_whole_articles(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    base = SAMPLE_FILES[2].read_text(encoding="utf-8")
    for i in range(1500):
        (src / f"{i:04d}.txt").write_text(f"第{i}篇。\n{base}", encoding="utf-8")
    db = tmp_path / "p.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "annotator.cli", "import", "--db", str(db), str(src)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            # A plain reader (WAL lets it read beside the writer); never Store.open,
            # which could migrate the database under the importer.
            try:
                conn = sqlite3.connect(db, timeout=1)
                count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                count = 0
            if count >= 5:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store.open(db) as st:
        assert st.integrity_ok()
        ids = st.article_ids()
        assert 5 <= len(ids) < 1500
        from annotator.core.suggest import default_pipeline

        pipeline = default_pipeline()
        for article_id in ids:
            article = st.article(article_id)
            expected = pipeline.suggest(article.text)
            assert [(s.start, s.end, s.label) for s in article.spans] == [
                (s.start, s.end, s.label) for s in expected
            ]


def test_other_export_formats(tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), str(SAMPLE_FILES[3])]) == 0
    common = ["export", "--db", str(db), "--status", "all", "--include-pending"]
    ls = tmp_path / "ls.json"
    assert main([*common, "--format", "label-studio", "-o", str(ls)]) == 0
    tasks = json.loads(ls.read_text(encoding="utf-8"))
    text = tasks[0]["data"]["text"]
    for result in tasks[0]["annotations"][0]["result"]:
        value = result["value"]
        assert text[value["start"] : value["end"]] == value["text"]
    conll = tmp_path / "out.conll"
    assert main([*common, "--format", "conll", "-o", str(conll)]) == 0
    lines = [
        line
        for line in conll.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert all(len(line.split(" ")) == 2 for line in lines)
    assert any(line.endswith("B-LOC") for line in lines)
    doccano = tmp_path / "d.jsonl"
    assert main([*common, "--format", "doccano", "-o", str(doccano)]) == 0
    rec = json.loads(doccano.read_text(encoding="utf-8").splitlines()[0])
    assert all(isinstance(lab, list) and len(lab) == 3 for lab in rec["label"])


def test_suggest_over_workers_prints_what_one_process_does(tmp_path):
    """Texts spread over processes come back in order, each as one process suggests
    it, with a project's taught names; a bad file is its own error in its place."""
    db = tmp_path / "p.db"
    with Store.open(db) as st:
        st.teach("蓝湾创客岛", "FAC", "positive", None)
    odd = tmp_path / "odd.txt"
    odd.write_text("全市的“蓝湾创客岛”项目于3月动工。", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    files = [*map(str, SAMPLE_FILES[:3]), str(binary), str(odd), *map(str, SAMPLE_FILES[3:])]
    one = run_cli("suggest", "--db", str(db), "--jobs", "1", *files)
    two = run_cli("suggest", "--db", str(db), "--jobs", "2", *files)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    sources = [json.loads(line)["source"] for line in two.stdout.splitlines()]
    assert [os.path.basename(s) for s in sources] == [
        *(p.name for p in SAMPLE_FILES[:3]),
        "odd.txt",
        *(p.name for p in SAMPLE_FILES[3:]),
    ]
    assert "binary.txt" in two.stderr and "Traceback" not in two.stderr
    found = json.loads(two.stdout.splitlines()[3])["entities"]
    assert {(e["text"], e["label"], e["origin"]) for e in found} >= {
        ("蓝湾创客岛", "FAC", "learned")
    }


def test_suggest_jobs_must_be_a_count():
    result = run_cli("suggest", "--jobs", "0", str(SAMPLE_FILES[0]))
    assert result.returncode == 2 and "at least 1" in result.stderr


def test_bench_times_suggest_over_the_cores_and_alone():
    from annotator.bench.suggest import _whole_process

    texts = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
    got = _whole_process(texts, repeat=1, total=12_000, size=4_000)
    assert got["files"] >= 3 and got["characters"] >= 12_000
    for key in ("annotator_suggest_s", "annotator_suggest_one_process_s", "opencc_jieba_posseg_s"):
        assert got[key] > 0
    ratio = got["opencc_jieba_posseg_s"] / got["annotator_suggest_s"]
    assert got["speedup"] == pytest.approx(ratio, abs=0.05)
