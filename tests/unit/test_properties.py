"""Properties that must hold for any scores, checked with hypothesis."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from judging import (
    AdvancementRule,
    AggregationMethod,
    AggregationRule,
    CriterionMean,
    CutoffTieRule,
    JudgesRankingFirst,
    Median,
    PlacesRule,
    ScoreProblems,
    Scoresheet,
    aggregate,
    kendalls_w,
    places_for,
    rank_entries,
    select_advancing,
    validate_scores,
)

from .builders import CONTENT_STYLE, ONE_SCORE

HALVES = st.integers(0, 200).map(lambda n: Decimal(n) / 2)  # 0, 0.5, ... 100
NON_ZSCORE = st.sampled_from(
    [AggregationMethod.MEAN, AggregationMethod.MEDIAN, AggregationMethod.TRIMMED_MEAN]
)
CHAIN = (CriterionMean("score"), JudgesRankingFirst(), Median())


@st.composite
def pools(draw, min_entries=1, max_entries=8):
    """A pool of entries, each with 1-6 judges' totals on ONE_SCORE (few values, many ties)."""
    judges = draw(st.integers(1, 6))
    entries = draw(st.integers(min_entries, max_entries))
    score = st.sampled_from([Decimal(v) for v in (60, 70, "70.5", 80, 90)])
    return {f"e{e}": [draw(score) for _ in range(judges)] for e in range(entries)}


def sheets_of(pool, recused=frozenset()):
    return [
        Scoresheet(f"j{j}", entry, {"score": total}, recused=(entry, f"j{j}") in recused)
        for entry, totals in pool.items()
        for j, total in enumerate(totals)
    ]


def standings_of(sheets, method=AggregationMethod.MEAN, chain=CHAIN):
    results = aggregate(ONE_SCORE, sheets, AggregationRule(method))
    return rank_entries(results, chain)


@given(pool=pools(), method=NON_ZSCORE, data=st.data())
def test_ranking_does_not_depend_on_input_order(pool, method, data):
    sheets = sheets_of(pool)
    shuffled = data.draw(st.permutations(sheets))
    assert standings_of(shuffled, method) == standings_of(sheets, method)


@given(pool=pools(), method=NON_ZSCORE, data=st.data())
def test_raising_one_entrys_scores_never_lowers_its_rank(pool, method, data):
    entry = data.draw(st.sampled_from(sorted(pool)))
    raised = dict(pool)
    raised[entry] = [min(t + data.draw(st.integers(0, 20)), Decimal(100)) for t in pool[entry]]
    before = standings_of(sheets_of(pool), method).rank_of(entry)
    after = standings_of(sheets_of(raised), method).rank_of(entry)
    assert after is not None and before is not None
    assert after <= before


@given(totals=st.lists(HALVES, min_size=1, max_size=9), trim_from=st.integers(3, 7))
def test_a_trimmed_mean_lies_between_the_lowest_and_highest_totals(totals, trim_from):
    sheets = [Scoresheet(f"j{n}", "E", {"score": t}) for n, t in enumerate(totals)]
    rule = AggregationRule(AggregationMethod.TRIMMED_MEAN, trim_from=trim_from)
    (result,) = aggregate(ONE_SCORE, sheets, rule)
    assert result.total is not None
    assert min(totals) <= result.total <= max(totals)


@given(pool=pools(max_entries=10), runners_up=st.integers(0, 4), honourable=st.integers(0, 3))
def test_places_follow_ranks(pool, runners_up, honourable):
    standings = standings_of(sheets_of(pool), chain=())
    result = places_for(standings, PlacesRule(runners_up, honourable))
    worst = (99, 99)
    order = {a.entry_id: a.place.sort_key for a in result.awards}
    for better in standings.ranked:
        for other in standings.ranked:
            if better.rank < other.rank:
                assert order.get(better.entry_id, worst) <= order.get(other.entry_id, worst)
            if better.rank == other.rank:
                assert order.get(better.entry_id) == order.get(other.entry_id)
    assert len(result.awards) >= min(len(standings.ranked), 1 + runners_up + honourable)


@given(
    pool=pools(max_entries=10),
    per_pool=st.integers(1, 4),
    tie_rule=st.sampled_from(list(CutoffTieRule)),
    chain=st.sampled_from([(), CHAIN]),
)
def test_a_pool_never_sends_more_than_n_onward_unless_its_tie_rule_allows_it(pool, per_pool, tie_rule, chain):
    standings = standings_of(sheets_of(pool), chain=chain)
    advancing, pending = select_advancing(standings, AdvancementRule(per_pool, tie_rule))
    if tie_rule is CutoffTieRule.ALL_TIED_ADVANCE:
        cut = [s for s in standings.ranked if s.score_rank <= per_pool]
        assert len(advancing) == len(cut) >= min(per_pool, len(standings.ranked))
    else:
        assert len(advancing) <= per_pool
        seats = pending[2] if pending else 0
        assert len(advancing) + seats == min(per_pool, len(standings.ranked))


@given(pool=pools(min_entries=2), method=NON_ZSCORE, data=st.data())
def test_recusals_never_change_other_entries_totals(pool, method, data):
    entry = data.draw(st.sampled_from(sorted(pool)))
    judges = data.draw(st.sets(st.integers(0, len(pool[entry]) - 1)))
    recused = frozenset((entry, f"j{j}") for j in judges)
    rule = AggregationRule(method)
    before = {r.entry_id: r.total for r in aggregate(ONE_SCORE, sheets_of(pool), rule)}
    after = {r.entry_id: r.total for r in aggregate(ONE_SCORE, sheets_of(pool, recused), rule)}
    assert {e: t for e, t in after.items() if e != entry} == {e: t for e, t in before.items() if e != entry}


@given(pool=pools(min_entries=2))
def test_kendalls_w_lies_between_zero_and_one(pool):
    w = kendalls_w(aggregate(ONE_SCORE, sheets_of(pool)))
    assert w is None or Decimal(0) <= w <= Decimal(1)


@given(content=st.integers(-10, 130), style=st.integers(-10, 90))
def test_validation_accepts_exactly_the_scores_within_bounds_and_on_the_step(content, style):
    raw = {"content": str(Decimal(content) / 2), "style": str(Decimal(style) / 2)}
    in_bounds = 0 <= content <= 120 and 0 <= style <= 80
    try:
        scores = validate_scores(CONTENT_STYLE, raw)
    except ScoreProblems:
        assert not in_bounds
    else:
        assert in_bounds
        assert scores == {k: Decimal(v) for k, v in raw.items()}
