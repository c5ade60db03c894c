"""Judging quality: Kendall's W, spread of totals, leniency."""

from decimal import Decimal

import pytest

from judging import kendalls_w, leniency, spread

from .builders import results_from_totals

D = Decimal


@pytest.mark.parametrize(
    ("totals", "w"),
    [
        ({"A": [90, 80, 70], "B": [80, 70, 60], "C": [70, 60, 50]}, D("1.0000")),
        ({"A": [90, 70], "B": [80, 80], "C": [70, 90]}, D("0.0000")),
        # ranks j1: A1 B2 C3 D4; j2: A1 B3 C2 D4; j3: A2 B1 C3 D4 -> rank sums 4, 6, 8, 12;
        # mean 7.5; S = 12.25 + 2.25 + 0.25 + 20.25 = 35; W = 12*35 / (9*(64-4)) = 420/540
        ({"A": [9, 9, 8], "B": [8, 7, 9], "C": [7, 8, 7], "D": [6, 6, 6]}, D("0.7778")),
        # j2 ties B and C (mid-rank 2.5 each, t=2: t^3-t = 6); j1: A1 B2 C3
        # rank sums A 2, B 4.5, C 5.5; mean 4; S = 4 + 0.25 + 2.25 = 6.5
        # W = 12*6.5 / (4*(27-3) - 2*6) = 78 / 84 = 0.92857
        ({"A": [9, 9], "B": [8, 7], "C": [7, 7]}, D("0.9286")),
    ],
    ids=["perfect-agreement", "opposite-orders", "worked-example", "ties-are-corrected"],
)
def test_kendalls_w_measures_how_far_judges_agree_on_the_order(totals, w):
    assert kendalls_w(results_from_totals(totals)) == w


@pytest.mark.parametrize(
    "totals",
    [{"A": [90], "B": [80]}, {"A": [90, 80]}, {"A": [5, 5], "B": [5, 5]}],
    ids=["one-judge", "one-entry", "every-judge-ties-everything"],
)
def test_kendalls_w_is_undefined_without_two_judges_two_entries_and_some_order(totals):
    assert kendalls_w(results_from_totals(totals)) is None


def test_kendalls_w_uses_only_the_entries_every_judge_scored():
    totals = {"A": [90, 80], "B": [80, 70], "C": [None, 95]}
    assert kendalls_w(results_from_totals(totals)) == D("1.0000")


def test_spread_gives_range_and_sample_standard_deviation_and_flags_wide_ones():
    (result,) = results_from_totals({"A": [70, 80, 90]})
    found = spread(result, threshold=D(15))
    assert found is not None
    assert (found.lowest, found.highest, found.range, found.stdev) == (D(70), D(90), D(20), D(10))
    assert found.flagged
    assert not spread(result, threshold=D(20)).flagged  # type: ignore[union-attr]


def test_spread_of_a_single_sheet_has_no_standard_deviation():
    (result,) = results_from_totals({"A": [70]})
    found = spread(result, D(10))
    assert found is not None
    assert (found.range, found.stdev, found.flagged) == (D(0), None, False)


def test_spread_of_an_entry_without_sheets_is_none():
    (result,) = results_from_totals({"A": [None]})
    assert spread(result, D(10)) is None


def test_leniency_is_the_mean_difference_from_the_panel_mean():
    # A: panel mean 80: j1 +10, j2 -10, j3 0. B: panel mean 60: j1 +6, j2 -3, j3 -3.
    # j1 (10 + 6) / 2 = 8; j2 (-10 - 3) / 2 = -6.5; j3 (0 - 3) / 2 = -1.5. C has one sheet: skipped.
    totals = {"A": [90, 70, 80], "B": [66, 57, 57], "C": [50, None, None]}
    found = {x.judge_id: (x.mean_difference, x.entries) for x in leniency(results_from_totals(totals))}
    assert found == {"j1": (D(8), 2), "j2": (D("-6.5"), 2), "j3": (D("-1.5"), 2)}
