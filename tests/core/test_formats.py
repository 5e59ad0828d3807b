from __future__ import annotations

import json

from annotator.core.formats import InputError, read_paths
from annotator.core.formats.html import extract
from annotator.core.model import LabelSet

LABELS = LabelSet.default()


def test_html_text_only():
    title, text = extract(
        "<html><head><title>标题 一</title><style>p{color:red}</style>"
        "<script>var x='脚本内容';</script></head><body><p>第一段&amp;正文</p>"
        "<div>第二段<br>第三行</div><noscript>不要</noscript></body></html>"
    )
    assert title == "标题 一"
    assert text == "第一段&正文\n第二段\n第三行"


def test_jsonl_lines_validated(tmp_path):
    good = {
        "id": "a",
        "text": "江門市委書記",
        "entities": [{"start": 0, "end": 3, "label": "LOC", "text": "江門市"}],
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{broken",
        json.dumps(
            {"text": "江門", "entities": [{"start": 0, "end": 2, "label": "LOC", "text": "鶴山"}]},
            ensure_ascii=False,
        ),
        json.dumps({"text": "江門", "entities": [{"start": 0, "end": 9, "label": "LOC"}]}),
        json.dumps({"text": "江門", "entities": [{"start": 0, "end": 2, "label": "NOPE"}]}),
        json.dumps(["not", "an", "object"]),
        "",
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_paths([path], LABELS))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if not isinstance(i, InputError)]
    assert [a.external_id for a in articles] == ["a"]
    assert articles[0].spans[0].surface == "江門市"
    assert [e.line for e in errors] == [2, 3, 4, 5, 6]
    assert "does not match" in errors[1].message
    assert "outside the text" in errors[2].message
    assert "unknown label" in errors[3].message


def test_folder_walk_reports_unknown_and_missing(tmp_path):
    (tmp_path / "a.txt").write_text("广东省江门市召开大会。", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    items = list(read_paths([tmp_path, tmp_path / "missing"], LABELS))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError"]
    assert "unsupported file type '.pdf'" in items[1].message
    assert "no such file" in items[2].message


def test_huge_text_is_one_clear_error_not_a_frozen_window(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("广东省江门市。\n" * 200_000, encoding="utf-8")
    (item,) = list(read_paths([big], LABELS))
    assert isinstance(item, InputError) and "too long for one article" in item.message


def test_atomic_output_is_an_ordinary_file_not_0600(tmp_path):
    """Exports were left 0600 by the temporary file they are written through."""
    import os

    from annotator.core.formats.atomic import atomic_writer

    old = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "out.jsonl") as fh:
            fh.write("{}\n")
        assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o644
        (tmp_path / "out.jsonl").chmod(0o640)
        with atomic_writer(tmp_path / "out.jsonl") as fh:  # a replaced file keeps its mode
            fh.write("{}\n")
        assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
