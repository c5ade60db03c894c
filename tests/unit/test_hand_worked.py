"""Cases an organizer can check by hand; the arithmetic is in the comments."""

from decimal import Decimal

from judging import (
    Affiliation,
    AggregationMethod,
    AggregationRule,
    CommitteeDecision,
    Criterion,
    CriterionMean,
    LevelChain,
    PlacesRule,
    PoolStandings,
    Rubric,
    Scoresheet,
    advance,
    aggregate,
    display,
    places_for,
    rank_entries,
)
from judging.places import WINNER, runner_up

from .builders import CONTENT_STYLE, ONE_SCORE, content_style_sheets, results_from_totals

D = Decimal
TRIMMED = AggregationRule(AggregationMethod.TRIMMED_MEAN)

# Five judges score one story (content out of 60, style out of 40):
#   j1 50 + 30   = 80
#   j2 52.5 + 33 = 85.5
#   j3 48 + 30.5 = 78.5
#   j4 55 + 36   = 91    <- highest, dropped
#   j5 45 + 27   = 72    <- lowest, dropped
FIVE_JUDGES = [(50, 30), ("52.5", 33), (48, "30.5"), (55, 36), (45, 27)]


def test_trimmed_mean_with_five_judges_drops_the_highest_and_the_lowest():
    (result,) = aggregate(CONTENT_STYLE, content_style_sheets({"story": FIVE_JUDGES}), TRIMMED)
    # (80 + 85.5 + 78.5) / 3 = 244 / 3 = 81.333...
    assert result.total is not None
    assert result.total * 3 == 244
    assert display(result.total) == D("81.33")
    assert result.dropped == ("j4", "j5")


def test_trimmed_mean_with_four_judges_is_the_plain_mean():
    sheets = content_style_sheets({"story": FIVE_JUDGES[:4]})
    (result,) = aggregate(CONTENT_STYLE, sheets, TRIMMED)
    # (80 + 85.5 + 78.5 + 91) / 4 = 335 / 4 = 83.75: below five sheets nothing is dropped
    assert result.total == D("83.75")
    assert result.dropped == ()


def test_a_recusal_leaves_four_sheets_and_so_a_plain_mean_rounded_half_up():
    sheets = content_style_sheets({"story": FIVE_JUDGES})
    sheets[2] = Scoresheet("j3", "story", recused=True)
    (result,) = aggregate(CONTENT_STYLE, sheets, TRIMMED)
    # j3 left out, not zero: (80 + 85.5 + 91 + 72) / 4 = 328.5 / 4 = 82.125 -> shown 82.13
    assert result.total == D("82.125")
    assert display(result.total) == D("82.13")
    assert result.sheet_count == 4


def test_recusals_change_only_the_recused_entry_and_may_make_it_incomplete():
    # Three offices, five judges; j2 works at สพอ.พยุห์ and recuses from it.
    totals = {
        "ภูสิงห์": [90, 92, 88, 95, 85],  # drop 95 and 85: (90 + 92 + 88) / 3 = 90
        "ศิลาลาด": [80, 84, 82, 86, 70],  # drop 86 and 70: (80 + 84 + 82) / 3 = 82
        "พยุห์": [78, None, 81, 84, 75],  # four sheets, plain mean: 318 / 4 = 79.5
    }
    results = {r.entry_id: r.total for r in results_from_totals(totals, TRIMMED)}
    assert results == {"ภูสิงห์": D(90), "ศิลาลาด": D(82), "พยุห์": D("79.5")}
    # If the round needs all five sheets, พยุห์ is incomplete and not ranked.
    strict = AggregationRule(AggregationMethod.TRIMMED_MEAN, min_sheets=5)
    standings = rank_entries(results_from_totals(totals, strict))
    assert [s.entry_id for s in standings.ranked] == ["ภูสิงห์", "ศิลาลาด"]
    assert standings.incomplete == ("พยุห์",)


# Sisaket province, category 2, three judges, four places announced (winner + 3 runners-up).
SISAKET = {
    "ภูสิงห์": [92, 93, 92],  # 277 / 3 = 92.333...
    "ศิลาลาด": [88, 89, "87.5"],  # 264.5 / 3 = 88.166...
    "พยุห์": [85, 85, 85],  # 85
    "เบญจลักษ์": [83, 84, "82.5"],  # 249.5 / 3 = 83.166...
    "ขุขันธ์": [82, 85, "82.5"],  # 249.5 / 3 = 83.166...: an exact tie with เบญจลักษ์
}


def test_a_tie_across_the_last_place_is_flagged_and_both_hold_it_provisionally():
    standings = rank_entries(results_from_totals(SISAKET))
    # ranks 1, 2, 3, 4, 4: positions 4 and 5 carry รองชนะเลิศอันดับ 3 and no place
    assert [s.rank for s in standings.ranked] == [1, 2, 3, 4, 4]
    result = places_for(standings, PlacesRule(runners_up=3))
    assert {a.entry_id: a.place for a in result.awards} == {
        "ภูสิงห์": WINNER,
        "ศิลาลาด": runner_up(1),
        "พยุห์": runner_up(2),
        "เบญจลักษ์": runner_up(3),
        "ขุขันธ์": runner_up(3),
    }
    (tie,) = result.boundary_ties
    assert (tie.rank, set(tie.entry_ids), tie.places) == (4, {"เบญจลักษ์", "ขุขันธ์"}, (runner_up(3), None))


def test_the_committee_decision_settles_the_boundary_tie():
    decision = CommitteeDecision(("เบญจลักษ์", "ขุขันธ์"), note="มติที่ประชุม 21 ก.ค. 2565")
    standings = rank_entries(results_from_totals(SISAKET), decisions=[decision])
    result = places_for(standings, PlacesRule(runners_up=3))
    assert result.place_of("เบญจลักษ์") == runner_up(3)
    assert result.place_of("ขุขันธ์") is None
    assert result.boundary_ties == ()


def test_a_criterion_tie_break_settles_a_tie_between_winner_and_runner_up():
    # Both total 85 (content + style): A 55 + 30, B 50 + 35. Content decides: A wins.
    sheets = content_style_sheets({"A": [(55, 30)], "B": [(50, 35)]})
    unbroken = places_for(rank_entries(aggregate(CONTENT_STYLE, sheets)), PlacesRule(1))
    assert [a.place for a in unbroken.awards] == [WINNER, WINNER]
    assert unbroken.boundary_ties[0].places == (WINNER, runner_up(1))
    broken = places_for(
        rank_entries(aggregate(CONTENT_STYLE, sheets), [CriterionMean("content")]), PlacesRule(1)
    )
    assert (broken.place_of("A"), broken.place_of("B")) == (WINNER, runner_up(1))


def test_three_level_advancement_from_provinces_to_regions_to_the_nation():
    chain = LevelChain.of("province", "region", "national")
    where = {
        "ssk-phusing": Affiliation("ssk-phusing", "33", 14),
        "ssk-silalat": Affiliation("ssk-silalat", "33", 14),
        "ubn-warin": Affiliation("ubn-warin", "34", 14),
        "ubn-muang": Affiliation("ubn-muang", "34", 14),
        "cmi-sansai": Affiliation("cmi-sansai", "50", 15),
    }
    # Province level: one pool per province, the top one goes on.
    provinces = [
        ("province:33", {"ssk-phusing": [92, 90], "ssk-silalat": [88, 90]}),  # 91 vs 89
        ("province:34", {"ubn-warin": [80, 84], "ubn-muang": [85, 85]}),  # 82 vs 85
        ("province:50", {"cmi-sansai": [75, 77]}),  # 76, alone
    ]
    pools = [PoolStandings(key, rank_entries(results_from_totals(t))) for key, t in provinces]
    to_region = advance(pools, chain=chain, level="province", affiliations=where)
    assert to_region.next_pools() == {
        "region:14": ("ssk-phusing", "ubn-muang"),
        "region:15": ("cmi-sansai",),
    }
    # Region level: a new committee scores again, on its own rubric.
    regions = [
        ("region:14", {"ssk-phusing": [94, 92], "ubn-muang": [90, 91]}),  # 93 vs 90.5
        ("region:15", {"cmi-sansai": [88, 86]}),  # 87
    ]
    pools = [PoolStandings(key, rank_entries(results_from_totals(t))) for key, t in regions]
    to_nation = advance(pools, chain=chain, level="region", affiliations=where)
    assert to_nation.next_pools() == {"national": ("ssk-phusing", "cmi-sansai")}
    # National level: the last one; the winner is simply rank 1.
    final = rank_entries(results_from_totals({"ssk-phusing": [95, 93], "cmi-sansai": [96, 94]}))
    assert places_for(final, PlacesRule(1)).place_of("cmi-sansai") == WINNER


def test_a_contest_that_starts_at_region_level_sends_region_winners_to_the_nation():
    # Category 3, prototype provincial offices: written report 30 + presentation 70.
    rubric = Rubric(
        (
            Criterion("report", "รายงาน", "Written report", D(30)),
            Criterion("presentation", "การนำเสนอ", "Presentation", D(70)),
        )
    )
    chain = LevelChain.of("region", "national")
    where = {
        "spj-sisaket": Affiliation("spj-sisaket", "33", 14),
        "spj-ubon": Affiliation("spj-ubon", "34", 14),
        "spj-nonthaburi": Affiliation("spj-nonthaburi", "12", 0),
    }

    def sheet(judge, entry, report, presentation):
        return Scoresheet(judge, entry, {"report": D(report), "presentation": D(presentation)})

    region14 = [
        sheet("a", "spj-sisaket", 27, 60),  # 87
        sheet("b", "spj-sisaket", 25, 62),  # 87 -> mean 87
        sheet("a", "spj-ubon", 28, 61),  # 89
        sheet("b", "spj-ubon", 24, 60),  # 84 -> mean 86.5
    ]
    region0 = [sheet("c", "spj-nonthaburi", 20, 50), sheet("d", "spj-nonthaburi", 22, 52)]  # 72
    pools = [
        PoolStandings("region:14", rank_entries(aggregate(rubric, region14))),
        PoolStandings("region:0", rank_entries(aggregate(rubric, region0))),
    ]
    result = advance(pools, chain=chain, level="region", affiliations=where)
    assert result.to_level.key == "national"
    assert result.next_pools() == {"national": ("spj-sisaket", "spj-nonthaburi")}
    assert [(a.entry_id, a.total) for a in result.advancing] == [
        ("spj-sisaket", D(87)),
        ("spj-nonthaburi", D(72)),
    ]


def test_a_weighted_rubric_not_out_of_100_is_scaled_before_averaging():
    # Three criteria out of 10, the first weighted 2: a perfect sheet is 2*10 + 10 + 10 = 40.
    rubric = Rubric(
        (
            Criterion("a", "ก", "A", D(10), weight=D(2)),
            Criterion("b", "ข", "B", D(10)),
            Criterion("c", "ค", "C", D(10)),
        )
    )
    sheets = [
        Scoresheet("j1", "E", {"a": D(8), "b": D(6), "c": D(5)}),  # 27 / 40 * 100 = 67.5
        Scoresheet("j2", "E", {"a": D(9), "b": D(7), "c": D(7)}),  # 32 / 40 * 100 = 80
        Scoresheet("j3", "E", {"a": D(7), "b": D(7), "c": D(6)}),  # 27 / 40 * 100 = 67.5
    ]
    (result,) = aggregate(rubric, sheets)
    # (67.5 + 80 + 67.5) / 3 = 215 / 3 = 71.666... -> 71.67
    assert result.sheet_totals == {"j1": D("67.5"), "j2": D(80), "j3": D("67.5")}
    assert display(result.total) == D("71.67")  # type: ignore[arg-type]


def test_one_score_rubric_totals_are_the_scores():
    (result,) = aggregate(ONE_SCORE, [Scoresheet("j1", "E", {"score": D("77.5")})])
    assert result.total == D("77.5")
