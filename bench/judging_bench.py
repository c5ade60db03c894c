"""Benchmark of the judging core at national scale (a script, not a timed test).

Builds a KM Challenge round in memory: 77 province pools, 878 district-office entries and 5,000
story entries, 5 judges per pool, 8 criteria, scores as the strings a form sends. Then, timed:
validate every sheet, aggregate (trimmed mean), rank (with a tie-break chain), award places and
advance every province's winner to its inspection region. Sizes 2x and 4x are two and four such
countries side by side (twice and four times the provinces, entries and sheets, pools of the same
size), so the ratio shows how the work grows with the size of a round.
Goal: 1x under 0.5 s, 4x under 4.5 times the 1x time.

Timing: the inputs for all sizes are built first; then the sizes are timed in turn, round after
round, keeping the best wall-clock time of each, so noise from other processes on the machine hits
every size alike. As ``timeit`` does, the cyclic garbage collector is paused while timing (the core
creates no reference cycles; reference counting frees everything): its full collections walk every
live object, inputs included, and would add a cost that grows with the size of the whole heap,
not with the work. ``--with-gc`` measures with the collector running.

Run: .venv/bin/python bench/judging_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judging import (
    AdvancementRule,
    Affiliation,
    AggregationMethod,
    AggregationRule,
    Criterion,
    CriterionMean,
    JudgesRankingFirst,
    LevelChain,
    Median,
    PlacesRule,
    PoolStandings,
    Rubric,
    Scoresheet,
    advance,
    aggregate,
    places_for,
    rank_entries,
    validate_scores,
)

PROVINCES = 77
REGIONS = 19
DISTRICT_ENTRIES = 878
STORY_ENTRIES = 5000
JUDGES_PER_POOL = 5
MAXIMA = (20, 15, 15, 10, 10, 10, 10, 10)

RUBRIC = Rubric(
    tuple(
        Criterion(f"c{i}", f"เกณฑ์ {i}", f"Criterion {i}", Decimal(m), step=Decimal("0.5"))
        for i, m in enumerate(MAXIMA, start=1)
    )
)
AGGREGATION = AggregationRule(AggregationMethod.TRIMMED_MEAN, min_sheets=3)
TIE_BREAKS = (CriterionMean("c1"), JudgesRankingFirst(), Median())
CHAIN = LevelChain.of("province", "region", "national")


@dataclass(frozen=True)
class RawSheet:
    judge_id: str
    entry_id: int
    recused: bool
    raw: dict[str, str]


@dataclass(frozen=True)
class Category:
    pools: dict[str, list[RawSheet]]
    affiliations: dict[int, Affiliation]


def build_category(entries: int, provinces: int, first_id: int, rng: random.Random) -> Category:
    """``entries`` entries spread evenly over ``provinces`` pools, 5 judges per pool.

    Built pool by pool, as the web layer loads them, so one pool's sheets sit together in memory.
    """
    pools: dict[str, list[RawSheet]] = {}
    affiliations: dict[int, Affiliation] = {}
    for province in range(provinces):
        pool = f"province:{10 + province}"
        sheets = pools[pool] = []
        for n in range(province, entries, provinces):
            entry_id = first_id + n
            affiliations[entry_id] = Affiliation(entry_id, str(10 + province), province % REGIONS)
            for j in range(JUDGES_PER_POOL):
                raw = {f"c{i}": str(rng.randint(0, 2 * m) / 2) for i, m in enumerate(MAXIMA, 1)}
                sheets.append(RawSheet(f"{pool}/j{j}", entry_id, rng.random() < 0.01, raw))
    return Category(pools, affiliations)


def judge_category(category: Category) -> int:
    """Validate, aggregate, rank, place and advance one category; returns how many advance."""
    standings = []
    for pool_key, raw_sheets in category.pools.items():
        sheets = [
            Scoresheet(s.judge_id, s.entry_id, validate_scores(RUBRIC, s.raw), s.recused) for s in raw_sheets
        ]
        results = aggregate(RUBRIC, sheets, AGGREGATION)
        ranked = rank_entries(results, TIE_BREAKS)
        places_for(ranked, PlacesRule(runners_up=3, honourable_mentions=2))
        standings.append(PoolStandings(pool_key, ranked))
    result = advance(
        standings,
        chain=CHAIN,
        level="province",
        affiliations=category.affiliations,
        rule=AdvancementRule(per_pool=1),
    )
    return len(result.advancing) + len(result.pending)


def build_round(factor: int) -> list[Category]:
    rng = random.Random(2565 + factor)
    provinces = PROVINCES * factor
    districts = build_category(DISTRICT_ENTRIES * factor, provinces, 1, rng)
    stories = build_category(STORY_ENTRIES * factor, provinces, 10_000_000, rng)
    return [districts, stories]


def time_once(categories: list[Category], with_gc: bool) -> float:
    """Wall-clock time of one pass; the cyclic collector is paused unless ``with_gc``."""
    gc.collect()
    if not with_gc:
        gc.disable()
    try:
        start = time.perf_counter()
        for category in categories:
            judge_category(category)
        return time.perf_counter() - start
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="best of N rounds (default 7)")
    parser.add_argument("--with-gc", action="store_true", help="leave the cyclic garbage collector running")
    args = parser.parse_args()
    factors = (1, 2, 4)
    rounds = {factor: build_round(factor) for factor in factors}
    best = dict.fromkeys(factors, float("inf"))
    for _ in range(args.repeat):
        for factor in factors:
            best[factor] = min(best[factor], time_once(rounds[factor], args.with_gc))
    for factor in factors:
        entries = (DISTRICT_ENTRIES + STORY_ENTRIES) * factor
        sheets = entries * JUDGES_PER_POOL
        print(
            f"{factor}x: {2 * PROVINCES * factor:>4} pools, {entries:>6} entries, "
            f"{sheets:>7} sheets, {sheets * len(MAXIMA):>7} scores: "
            f"{best[factor]:.3f} s (best of {args.repeat}{', with gc' if args.with_gc else ''})"
        )
    ratio2, ratio4 = best[2] / best[1], best[4] / best[1]
    print(f"ratio 2x/1x: {ratio2:.2f}   ratio 4x/1x: {ratio4:.2f}")
    fast = "met" if best[1] < 0.5 else "MISSED"
    linear = "met" if ratio4 < 4.5 else "MISSED"
    print(f"goal 1x < 0.5 s: {fast}; goal 4x < 4.5 x 1x: {linear}")


if __name__ == "__main__":
    main()
