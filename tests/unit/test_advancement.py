"""Advancement from every pool of one level into the pools of the next."""

import pytest

from judging import (
    AdvancementRule,
    Affiliation,
    CommitteeDecision,
    CriterionMean,
    CutoffTie,
    CutoffTieRule,
    LevelChain,
    PoolStandings,
    RuleError,
    advance,
    aggregate,
    rank_entries,
    select_advancing,
)

from .builders import CONTENT_STYLE, content_style_sheets, results_from_totals

CHAIN = LevelChain.of("province", "region", "national")


def chosen(standings, rule, decisions=()):
    advancing, tie = select_advancing(standings, rule, decisions)
    return [s.entry_id for s in advancing], tie


def tied_pool():
    # A 90; B and C tied on 80 (B better on content 50 vs 45); D 70.
    sheets = content_style_sheets({"A": [(60, 30)], "B": [(50, 30)], "C": [(45, 35)], "D": [(40, 30)]})
    return rank_entries(aggregate(CONTENT_STYLE, sheets), [CriterionMean("content")])


@pytest.mark.parametrize(
    ("rule", "advancing", "pending"),
    [
        (AdvancementRule(1), ["A"], None),
        (AdvancementRule(2, CutoffTieRule.TIE_BREAK), ["A", "B"], None),
        (AdvancementRule(2, CutoffTieRule.COMMITTEE), ["A"], (2, ("B", "C"), 1)),
        (AdvancementRule(2, CutoffTieRule.ALL_TIED_ADVANCE), ["A", "B", "C"], None),
        (AdvancementRule(3, CutoffTieRule.COMMITTEE), ["A", "B", "C"], None),
        (AdvancementRule(9), ["A", "B", "C", "D"], None),
    ],
    ids=[
        "top-one",
        "tie-break-chain-settles-the-cut-off",
        "committee-rule-waits-for-a-decision",
        "all-tied-advance-may-send-more-than-n",
        "a-tie-inside-the-cut-off-needs-nothing",
        "a-small-pool-sends-everyone",
    ],
)
def test_a_pool_sends_its_top_n_and_follows_the_cutoff_tie_rule(rule, advancing, pending):
    assert chosen(tied_pool(), rule) == (advancing, pending)


def test_a_committee_decision_settles_a_cutoff_tie():
    rule = AdvancementRule(2, CutoffTieRule.COMMITTEE)
    assert chosen(tied_pool(), rule, [CommitteeDecision(("C", "B"))]) == (["A", "C"], None)


def test_a_tie_surviving_the_chain_at_the_cutoff_is_pending():
    standings = rank_entries(results_from_totals({"A": [90], "B": [80], "C": [80]}))
    assert chosen(standings, AdvancementRule(2)) == (["A"], (2, ("B", "C"), 1))


def test_incomplete_entries_never_advance():
    standings = rank_entries(results_from_totals({"A": [None], "B": [60]}))
    assert chosen(standings, AdvancementRule(1)) == (["B"], None)


def test_province_winners_go_to_their_inspection_regions_pool():
    pools = [
        PoolStandings("province:33", rank_entries(results_from_totals({"ssk1": [90], "ssk2": [80]}))),
        PoolStandings("province:10", rank_entries(results_from_totals({"bkk1": [70]}))),
        PoolStandings("province:34", rank_entries(results_from_totals({"ubn1": [85], "ubn2": [88]}))),
    ]
    affiliations = {
        "ssk1": Affiliation("ssk1", "33", 14),
        "bkk1": Affiliation("bkk1", "10", 0),
        "ubn2": Affiliation("ubn2", "34", 14),
    }
    result = advance(pools, chain=CHAIN, level="province", affiliations=affiliations)
    assert result.to_level.key == "region"
    assert result.next_pools() == {"region:14": ("ssk1", "ubn2"), "region:0": ("bkk1",)}
    assert result.pending == ()


def test_a_pending_cutoff_tie_is_reported_with_its_pool():
    pools = [PoolStandings("province:33", rank_entries(results_from_totals({"A": [8], "B": [8]})))]
    affiliations = {e: Affiliation(e, "33", 14) for e in "AB"}
    result = advance(pools, chain=CHAIN, level="province", affiliations=affiliations)
    assert result.advancing == ()
    assert result.pending == (CutoffTie("province:33", 1, ("A", "B"), 1),)


def test_nothing_advances_from_the_last_level():
    with pytest.raises(RuleError, match="last level"):
        advance([], chain=CHAIN, level="national", affiliations={})


def test_an_advancing_entry_needs_an_affiliation():
    pools = [PoolStandings("province:33", rank_entries(results_from_totals({"A": [8]})))]
    with pytest.raises(RuleError, match="affiliation"):
        advance(pools, chain=CHAIN, level="province", affiliations={})


@pytest.mark.parametrize(
    ("chain", "level", "following"),
    [
        (LevelChain.of("province", "region", "national"), "province", "region"),
        (LevelChain.of("province", "region", "national"), "region", "national"),
        (LevelChain.of("region", "national"), "region", "national"),
        (LevelChain.of("province", "national"), "province", "national"),
        (LevelChain.of("province", "region", "national"), "national", None),
    ],
)
def test_the_chain_of_levels_is_data(chain, level, following):
    next_level = chain.next_after(level)
    assert (next_level.key if next_level else None) == following


@pytest.mark.parametrize(
    "build",
    [lambda: LevelChain(()), lambda: LevelChain.of("region", "region"), lambda: AdvancementRule(0)],
    ids=["empty-chain", "repeated-level", "nobody-advances"],
)
def test_inconsistent_advancement_rules_are_refused(build):
    with pytest.raises(RuleError):
        build()


def test_an_unknown_level_is_refused():
    with pytest.raises(RuleError, match="no level"):
        CHAIN.next_after("district")


def test_a_region_pool_needs_the_entrys_region():
    with pytest.raises(RuleError, match="region"):
        CHAIN.level("region").pool_key(Affiliation("x", "33", None))
