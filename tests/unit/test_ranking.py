"""Competition ranking, the tie-break chain and committee decisions."""

from decimal import Decimal

import pytest

from judging import (
    CommitteeDecision,
    CriterionMean,
    JudgesRankingFirst,
    Median,
    UnresolvedTie,
    aggregate,
    rank_entries,
)

from .builders import CONTENT_STYLE, content_style_sheets, results_from_totals

D = Decimal


def ranks(standings):
    return {s.entry_id: s.rank for s in standings.ranked}


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        ({"A": [90], "B": [80], "C": [70]}, {"A": 1, "B": 2, "C": 3}),
        ({"A": [90], "B": [80], "C": [80], "D": [70]}, {"A": 1, "B": 2, "C": 2, "D": 4}),
        ({"A": [90], "B": [90], "C": [90]}, {"A": 1, "B": 1, "C": 1}),
        ({"A": [70], "B": [80], "C": [90]}, {"C": 1, "B": 2, "A": 3}),
    ],
    ids=["distinct", "standard-competition-ranks-1-2-2-4", "all-tied", "input-order-irrelevant"],
)
def test_entries_get_standard_competition_ranks_on_their_totals(totals, expected):
    assert ranks(rank_entries(results_from_totals(totals))) == expected


def test_incomplete_entries_are_listed_apart_and_not_ranked():
    standings = rank_entries(results_from_totals({"A": [90], "B": [None]}))
    assert ranks(standings) == {"A": 1}
    assert standings.incomplete == ("B",)


def test_a_tie_without_a_chain_is_returned_as_an_unresolved_group():
    standings = rank_entries(results_from_totals({"A": [90], "B": [80], "C": [80]}))
    assert standings.unresolved == (UnresolvedTie(2, ("B", "C")),)
    assert not standings.resolved


def test_a_criterion_mean_breaks_a_tie_on_total():
    # A: content 50 + style 30 = 80; B: content 45 + style 35 = 80: tied on total.
    sheets = content_style_sheets({"A": [(50, 30)], "B": [(45, 35)], "C": [(40, 30)]})
    standings = rank_entries(aggregate(CONTENT_STYLE, sheets), [CriterionMean("content")])
    assert ranks(standings) == {"A": 1, "B": 2, "C": 3}
    assert standings.ranked[0].decided_by == CriterionMean("content")
    assert [s.score_rank for s in standings.ranked] == [1, 1, 3]
    assert standings.resolved


def test_the_chain_moves_to_the_next_rule_when_a_rule_leaves_the_tie():
    # Content is equal (45 mean each), so style cannot differ either; the chain falls through
    # to the median of the totals: A's totals 70, 80, 90 (median 80); B's 75, 75, 90 (median 75).
    sheets = content_style_sheets({"A": [(40, 30), (45, 35), (50, 40)], "B": [(45, 30), (45, 30), (45, 45)]})
    chain = [CriterionMean("content"), Median()]
    standings = rank_entries(aggregate(CONTENT_STYLE, sheets), chain)
    assert ranks(standings) == {"A": 1, "B": 2}
    assert standings.ranked[0].decided_by == Median()


def test_judges_ranking_first_counts_each_judges_top_entry():
    # Both total 80 on average. j1 and j2 put A on top; j3 puts B on top.
    totals = {"A": [90, 90, 60], "B": [80, 80, 80], "C": [70, 70, 70]}
    standings = rank_entries(results_from_totals(totals), [JudgesRankingFirst()])
    assert ranks(standings) == {"A": 1, "B": 2, "C": 3}


def test_a_committee_decision_resolves_a_tie_that_survives_the_chain():
    results = results_from_totals({"A": [90], "B": [80], "C": [80]})
    decision = CommitteeDecision(("C", "B"), note="มติคณะกรรมการ")
    standings = rank_entries(results, [Median()], [decision])
    assert ranks(standings) == {"A": 1, "C": 2, "B": 3}
    assert standings.ranked[1].decided_by == decision
    assert standings.resolved


def test_a_committee_decision_that_matches_no_tie_is_reported_unused():
    decision = CommitteeDecision(("X", "Y"))
    standings = rank_entries(results_from_totals({"A": [90], "B": [80]}), (), [decision])
    assert standings.unused_decisions == (decision,)


def test_a_committee_decision_does_not_override_the_chain():
    sheets = content_style_sheets({"A": [(50, 30)], "B": [(45, 35)]})
    standings = rank_entries(
        aggregate(CONTENT_STYLE, sheets), [CriterionMean("content")], [CommitteeDecision(("B", "A"))]
    )
    assert ranks(standings) == {"A": 1, "B": 2}


def test_ranking_uses_exact_totals_not_displayed_ones():
    # 80.004 and 80.001 both display as 80.00 but are not a tie.
    standings = rank_entries(results_from_totals({"A": ["80.001"], "B": ["80.004"]}))
    assert ranks(standings) == {"B": 1, "A": 2}


def test_equal_fractions_tie_exactly():
    # (80 + 81 + 81) / 3 = 80.666... and (80.5 + 80.5 + 81) / 3 = 80.666...: a true tie.
    standings = rank_entries(results_from_totals({"A": [80, 81, 81], "B": ["80.5", "80.5", 81]}))
    assert ranks(standings) == {"A": 1, "B": 1}
    assert standings.rank_of("B") == 1
    assert standings.rank_of("Z") is None
