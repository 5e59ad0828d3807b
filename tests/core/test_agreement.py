"""Agreement statistics on small cases worked out by hand."""

from __future__ import annotations

import pytest

from annotator.core.metrics import agreement, cohen_kappa, kappa_from_table, krippendorff_alpha


def test_kappa_of_a_textbook_table():
    # 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15.
    # p_o = 35/50 = 0.7; p_e = (25*30 + 25*20) / 2500 = 0.5; kappa = 0.2/0.5 = 0.4.
    assert kappa_from_table([[20, 5], [10, 15]]) == pytest.approx(0.4)
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_is_none_when_both_raters_use_one_category():
    assert cohen_kappa([0, 0, 0], [0, 0, 0]) is None
    assert krippendorff_alpha([0, 0], [0, 0]) is None


def test_alpha_by_the_library_on_a_hand_worked_case():
    # Two raters, four units: (0,0) (1,1) (1,0) (0,0). Coincidences: o00 = 4, o01 = o10 = 1,
    # o11 = 2 (n = 8, n0 = 5, n1 = 3); D_o = 2/8, D_e = 2*5*3/(8*7); alpha = 1 - D_o/D_e.
    expected = 1 - (2 / 8) / (30 / 56)
    assert krippendorff_alpha([0, 1, 1, 0], [0, 1, 0, 0]) == pytest.approx(expected)


def test_differences_are_told_apart():
    text_a = {(0, 3, "LOC"), (5, 8, "PER"), (10, 14, "ORG"), (20, 22, "DATE")}
    text_b = {(0, 3, "ORG"), (5, 7, "PER"), (10, 14, "ORG"), (30, 33, "LOC")}
    report = agreement([(40, {"a": text_a, "b": text_b})], ["PER", "LOC", "ORG", "DATE"])
    (pair,) = report["pairs"]
    assert pair["differences"]["kinds"] == {
        "boundary": 1,
        "label": 1,
        "boundary_and_label": 0,
        "only_a": 1,
        "only_b": 1,
    }
    assert pair["exact"]["overall"]["tp"] == 1
    # Overlap: PER 5-8 and 5-7 match; LOC/ORG at 0-3 do not (labels differ).
    assert pair["overlap"]["overall"]["matched_a"] == 2
