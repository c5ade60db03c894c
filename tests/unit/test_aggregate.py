"""Aggregating the judges' sheets into one total per entry."""

from decimal import Decimal

import pytest

from judging import AggregationMethod, AggregationRule, RuleError, Scoresheet, aggregate

from .builders import ONE_SCORE, results_from_totals

D = Decimal
MEAN = AggregationRule(AggregationMethod.MEAN)
MEDIAN = AggregationRule(AggregationMethod.MEDIAN)
TRIMMED = AggregationRule(AggregationMethod.TRIMMED_MEAN)


@pytest.mark.parametrize(
    ("rule", "totals", "expected"),
    [
        (MEAN, [80, 90], D(85)),
        (MEAN, [80, 81, 81, "82.5"], D("81.125")),
        (MEDIAN, [70, 95, 80], D(80)),
        (MEDIAN, [70, 95, 80, 85], D("82.5")),
        (TRIMMED, [78, 82, 85, 88, 95], D(85)),
        (TRIMMED, [78, 82, 85, 88], D("83.25")),
        (TRIMMED, [60, 60, 60, 100, 100, 100], D(80)),
        (AggregationRule(AggregationMethod.TRIMMED_MEAN, trim_from=4), [78, 82, 85, 88], D("83.5")),
    ],
    ids=[
        "mean-of-two",
        "mean-is-exact-until-display",
        "median-of-three-is-the-middle-total",
        "median-of-four-is-the-mean-of-the-middle-two",
        "trimmed-mean-drops-highest-and-lowest-with-five-sheets",
        "trimmed-mean-is-a-plain-mean-below-five-sheets",
        "trimmed-mean-drops-only-one-of-equal-extremes",
        "trimmed-mean-threshold-is-configurable",
    ],
)
def test_an_entry_total_follows_the_round_method(rule, totals, expected):
    (result,) = results_from_totals({"A": totals}, rule)
    assert result.total == expected


def test_a_trimmed_mean_names_the_judges_it_dropped():
    (result,) = results_from_totals({"A": [78, 82, 85, 88, 95]}, TRIMMED)
    assert result.dropped == ("j5", "j1")


def test_a_recused_sheet_is_left_out_not_counted_as_zero():
    (result,) = results_from_totals({"A": [80, None, 90]}, MEAN)
    assert (result.total, result.sheet_count) == (D(85), 2)


def test_an_entry_below_the_minimum_number_of_sheets_is_incomplete():
    rule = AggregationRule(min_sheets=3)
    (result,) = results_from_totals({"A": [80, None, 90]}, rule)
    assert result.total is None
    assert not result.complete


def test_an_entry_without_any_sheet_is_reported_incomplete():
    results = aggregate(ONE_SCORE, [], entry_ids=["A"])
    assert [(r.entry_id, r.total, r.sheet_count) for r in results] == [("A", None, 0)]


def test_two_sheets_from_one_judge_for_one_entry_are_refused():
    sheet = Scoresheet("j1", "A", {"score": D(50)})
    with pytest.raises(RuleError, match="two sheets"):
        aggregate(ONE_SCORE, [sheet, sheet])


def test_zscores_remove_a_harsh_judges_bias_when_judges_score_different_entries():
    # j1 is harsh (scores 20 below j2 on the entry both scored) and alone scores A;
    # j2 alone scores B. Raw means would put B (80) far above A (60).
    totals = {"A": [60, None], "C": [50, 70], "B": [None, 80]}
    results = {r.entry_id: r.total for r in results_from_totals(totals, MEAN)}
    assert results["B"] > results["A"]
    zscores = {
        r.entry_id: r.total for r in results_from_totals(totals, AggregationRule(AggregationMethod.ZSCORE))
    }
    # Each judge's best entry has the same z-score (+1), so A and B tie after normalisation.
    assert zscores["A"] == zscores["B"]
    assert zscores["C"] < zscores["A"]


def test_zscores_give_zero_to_a_judge_who_scored_everything_the_same():
    totals = {"A": [70, 90], "B": [70, 60]}
    results = {
        r.entry_id: r.total for r in results_from_totals(totals, AggregationRule(AggregationMethod.ZSCORE))
    }
    # j1's z-scores are 0; j2's are +1 for A and -1 for B; pool mean 72.5, pool sd 10.897...
    assert results["A"] > D("72.5") > results["B"]
    assert results["A"] + results["B"] == D(145)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"min_sheets": 0}, "min_sheets"), ({"trim_from": 2}, "trim_from")],
)
def test_inconsistent_aggregation_rules_are_refused(kwargs, message):
    with pytest.raises(RuleError, match=message):
        AggregationRule(**kwargs)
