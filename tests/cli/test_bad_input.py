"""Input that used to hang, abort the import or lose text (issue #12, defects 1-6)."""

from __future__ import annotations

import json
import os
import sys

import pytest

from annotator.cli import main
from annotator.core.store import Store
from tests.cli.test_cli import run_cli


def _jsonl(path, *records):
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        + "\n",
        encoding="utf-8",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_refused_not_read_forever(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "feed.txt")
    os.mkfifo(tmp_path / "alone.jsonl")
    (src / "real.txt").write_text("江门市召开推进会议。", encoding="utf-8")
    result = run_cli(
        "import", "--db", str(tmp_path / "p.db"), "--no-suggest", str(src),
        str(tmp_path / "alone.jsonl"), timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all("named pipe" in e for e in errors), errors
    assert "imported 1 article(s)" in result.stdout


def test_malformed_flags_are_a_line_error_and_the_project_still_opens(tmp_path, capsys):
    data = tmp_path / "in.jsonl"
    _jsonl(
        data,
        {"text": "江门市召开会议。", "flags": {"garbled": [[5, 2], ["a", None]]}},
        {"text": "鹤山市召开会议。", "flags": "garbled"},
        {"text": "清远市召开会议。", "flags": {"garbled": [[0, 2]]}},
    )
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), "--no-suggest", str(data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert [e.split(":")[2] for e in err] == ["1", "2"], err
    assert "flags.garbled" in err[0] and '"flags" is not an object' in err[1]
    with Store.open(db) as st:
        (only,) = st.article_ids()
        assert st.article(only).flags == {"garbled": [[0, 2]]}


def test_one_bad_line_never_stops_the_lines_after_it(tmp_path, capsys):
    data = tmp_path / "in.jsonl"
    deep = '{"text": "江门", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    _jsonl(
        data,
        deep,
        {"text": "鹤山市", "entities": [{"start": 0, "end": 3, "label": "LOC", "annotator": {}}]},
        {"text": "鹤山市", "entities": [{"start": 0, "end": 3, "label": "LOC", "confidence": "x"}]},
        {"text": "鹤山市", "entities": [{"start": 0, "end": 3, "label": "LOC", "status": []}]},
        {"text": "鹤山市", "source": {"a": 1}},
        {"text": "鹤山市", "id": [1]},
        {"text": "清远市召开会议。"},
    )
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), "--no-suggest", str(data)]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert [e.split(":")[2] for e in err] == ["1", "2", "3", "4", "5", "6"], err
    assert "internal error" not in captured.err
    assert "imported 1 article(s), 0 already present, 6 failed" in captured.out


def test_overlapping_entities_are_refused_on_import(tmp_path, capsys):
    data = tmp_path / "in.jsonl"
    text = "江门市委书记调研。"
    _jsonl(
        data,
        {"text": text, "entities": [
            {"start": 0, "end": 3, "label": "LOC"}, {"start": 0, "end": 6, "label": "TITLE"}]},
        # A rejected suggestion under an accepted span is not an overlap: it is kept.
        {"text": text + "二", "entities": [
            {"start": 0, "end": 3, "label": "LOC", "status": "rejected", "origin": "rules"},
            {"start": 0, "end": 6, "label": "TITLE"}]},
    )  # fmt: skip
    db = tmp_path / "p.db"
    assert main(["import", "--db", str(db), "--no-suggest", str(data)]) == 1
    err = capsys.readouterr().err
    assert "in.jsonl:1:" in err and "overlap" in err and "in.jsonl:2" not in err
    with Store.open(db) as st:
        assert st.count_articles() == 1


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names")
def test_file_names_with_odd_bytes_import_and_errors_stay_one_line(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_text("江门市召开推进会议。", encoding="utf-8")
    (src / "two\nlines.txt").write_bytes(b"")
    db = tmp_path / "p.db"
    result = run_cli("import", "--db", str(db), "--no-suggest", str(src))
    assert result.returncode == 1, result.stderr
    assert "imported 1 article(s)" in result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert "two\\x0alines.txt" in line and "empty" in line
    with Store.open(db) as st:
        (only,) = st.article_ids()
        assert st.article(only).source.endswith("caf\\xe9.txt")


def test_flat_exports_never_corrupt_overlaps_and_say_what_they_left_out(tmp_path, capsys):
    """Spans in a database can still overlap (an old import, a merge): CoNLL keeps the
    longer one whole and names the one it left out."""
    from annotator.core.formats import article_from_raw
    from annotator.core.model import ArticleStatus, Span, SpanStatus

    db = tmp_path / "p.db"
    with Store.open(db) as st:
        art = article_from_raw("江门市委书记调研。", "a.txt")
        art.status = ArticleStatus.DONE
        art.spans = [
            Span(2, 4, "ORG", "市委", status=SpanStatus.ACCEPTED),
            Span(0, 6, "TITLE", "江门市委书记", status=SpanStatus.ACCEPTED),
        ]
        st.add_article(art)
    out = tmp_path / "out.conll"
    assert main(["export", "--db", str(db), "--format", "conll", "-o", str(out)]) == 0
    tags = [line.split()[1] for line in out.read_text(encoding="utf-8").splitlines()[1:7]]
    assert tags == ["B-TITLE"] + ["I-TITLE"] * 5
    (line,) = capsys.readouterr().err.strip().splitlines()[:1]
    assert "市委" in line and "ORG" in line and "left out" in line
