"""Suggesting many texts over processes: order, per-item errors, a lost worker."""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from annotator.core import batch
from annotator.core.model import Span


class Fake:
    """A pipeline that marks each text's first character, fails on 'bad' and ends its
    process on 'die'."""

    def suggest(self, text: str) -> list[Span]:
        if text == "die":
            os._exit(3)
        if text == "bad":
            raise ValueError("cannot read this one")
        return [Span(0, 1, "LOC", text[0], origin="fake")]


def outcomes(items, jobs):
    return list(batch.suggest_all(items, lambda t: None if t == "-" else t, Fake(), jobs=jobs))


def test_one_process_reports_each_failure_in_its_place():
    got = outcomes(["-", "甲", "bad", "-", "乙"], jobs=1)
    assert [item for item, _ in got] == ["-", "甲", "bad", "-", "乙"]
    assert got[0][1] is None and got[3][1] is None
    assert got[1][1][0].surface == "甲" and got[4][1][0].surface == "乙"
    assert isinstance(got[2][1], ValueError)


fork_only = pytest.mark.skipif(
    sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods(),
    reason="the workers inherit the fake pipeline only when forked",
)


@fork_only
def test_workers_keep_order_and_report_a_failure(monkeypatch):
    monkeypatch.setattr("annotator.core.suggest.default_pipeline", lambda **_: Fake())
    texts = [chr(0x4E00 + k) for k in range(30)]
    texts[7], texts[12] = "bad", "-"
    got = outcomes(texts, jobs=2)
    assert [item for item, _ in got] == texts
    for text, outcome in got:
        if text == "bad":
            assert isinstance(outcome, ValueError) and "cannot read" in str(outcome)
        elif text == "-":
            assert outcome is None
        else:
            assert [s.surface for s in outcome] == [text]


@fork_only
def test_a_lost_worker_costs_only_the_texts_in_its_hands(monkeypatch):
    monkeypatch.setattr("annotator.core.suggest.default_pipeline", lambda **_: Fake())
    texts = [chr(0x4E00 + k) for k in range(30)]
    texts[5] = "die"
    got = outcomes(texts, jobs=2)
    assert [item for item, _ in got] == texts
    lost = [text for text, outcome in got if isinstance(outcome, Exception)]
    assert "die" in lost and len(lost) <= 1 + 2 * batch._AHEAD
    assert "stopped" in str(dict(got)["die"])
    # After the loss the rest are suggested here.
    assert all(isinstance(outcome, list) for _, outcome in got[5 + 2 * batch._AHEAD + 1 :])
