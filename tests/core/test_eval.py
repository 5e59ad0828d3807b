from __future__ import annotations

import json

from annotator.cli import main
from annotator.core.evaluate import read_gold
from annotator.core.metrics import span_scores


def test_span_scores_exact_match_per_label():
    report = span_scores(
        [
            ([(0, 2, "PER"), (3, 5, "LOC")], [(0, 2, "PER"), (3, 6, "LOC"), (7, 9, "DATE")]),
        ],
        labels={"PER", "LOC"},
    )
    assert report["labels"]["PER"]["f1"] == 1.0
    assert report["labels"]["LOC"]["precision"] == 0.0
    assert report["overall"]["tp"] == 1 and report["overall"]["predicted"] == 2
    assert report["overall"]["f1"] == 0.5


def test_bio_and_jsonl_gold(tmp_path):
    bio = tmp_path / "g.bio"
    bio.write_text(
        "江 B-LOC\n门 I-LOC\n市 I-LOC\n长 O\n\n郭 B-PER\n文 I-PER\n海 I-PER\n", encoding="utf-8"
    )
    assert read_gold(bio) == [("江门市长", [(0, 3, "LOC")]), ("郭文海", [(0, 3, "PER")])]
    js = tmp_path / "g.jsonl"
    js.write_text(
        json.dumps(
            {
                "text": "江门市",
                "entities": [{"start": 0, "end": 3, "label": "LOC", "text": "江门市"}],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    assert read_gold(js) == [("江门市", [(0, 3, "LOC")])]


def test_eval_command_prints_per_label_table(tmp_path, capsys):
    bio = tmp_path / "g.bio"
    bio.write_text(
        "".join(
            f"{c} {t}\n"
            for c, t in zip("在江门市委", ["O", "B-LOC", "I-LOC", "O", "O"], strict=False)
        ),
        encoding="utf-8",
    )
    assert main(["eval", "--gold", str(bio), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"labels", "overall", "documents"}
    assert report["documents"] == 1
