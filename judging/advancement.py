"""Advancement: who goes on from every pool of one level, and into which pool of the next.

From each pool the top ``per_pool`` entries go on (incomplete entries never do). If a tie crosses
the cut-off, the round's :class:`CutoffTieRule` decides:

- ``TIE_BREAK``: the final ranks decide (the tie-break chain, then any committee decision given to
  ranking or here); a tie that survives both is reported pending and none of its entries go on yet.
- ``COMMITTEE``: only totals and the committee decide: entries tied on total at the cut-off go on
  in the order of a recorded :class:`~judging.ranking.CommitteeDecision`; without one, pending.
- ``ALL_TIED_ADVANCE``: every entry tied on total at the cut-off goes on, so a pool may send more
  than ``per_pool`` onward.

The next pool comes from the next level of the contest's :class:`~judging.geography.LevelChain`
and the entry's affiliation: a province's winner joins its inspection region's pool, a region's
winner the national pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from judging.errors import RuleError
from judging.geography import Affiliation, Level, LevelChain
from judging.ids import EntryId, PoolKey
from judging.ranking import CommitteeDecision, Standing, Standings


class CutoffTieRule(StrEnum):
    """What happens to a tie at the advancement cut-off (see the module docstring)."""

    TIE_BREAK = "tie_break"
    COMMITTEE = "committee"
    ALL_TIED_ADVANCE = "all_tied_advance"


@dataclass(frozen=True, slots=True)
class AdvancementRule:
    """How many go on from each pool, and the rule for a tie at the cut-off."""

    per_pool: int = 1
    cutoff_tie: CutoffTieRule = CutoffTieRule.TIE_BREAK

    def __post_init__(self) -> None:
        if self.per_pool < 1:
            raise RuleError("at least one entry per pool must advance")


@dataclass(frozen=True, slots=True)
class PoolStandings:
    """One pool's standings at the level being closed."""

    pool_key: PoolKey
    standings: Standings


@dataclass(frozen=True, slots=True)
class Advancement:
    """An entry going on: from which pool, into which pool, with its rank and total there."""

    entry_id: EntryId
    from_pool: PoolKey
    to_pool: PoolKey
    rank: int
    total: Decimal


@dataclass(frozen=True, slots=True)
class CutoffTie:
    """A tie at a pool's cut-off still waiting for the committee: ``seats`` places for them."""

    pool_key: PoolKey
    rank: int
    entry_ids: tuple[EntryId, ...]
    seats: int


@dataclass(frozen=True, slots=True)
class AdvancementResult:
    """Who goes on into ``to_level``, pool by pool, and the cut-off ties still pending."""

    to_level: Level
    advancing: tuple[Advancement, ...]
    pending: tuple[CutoffTie, ...] = ()

    def next_pools(self) -> Mapping[PoolKey, tuple[EntryId, ...]]:
        """The next level's pools and their entries, in the order they advanced."""
        pools: dict[PoolKey, list[EntryId]] = {}
        for item in self.advancing:
            pools.setdefault(item.to_pool, []).append(item.entry_id)
        return {key: tuple(ids) for key, ids in pools.items()}


def advance(
    pools: Iterable[PoolStandings],
    *,
    chain: LevelChain,
    level: str,
    affiliations: Mapping[EntryId, Affiliation],
    rule: AdvancementRule | None = None,
    decisions: Sequence[CommitteeDecision] = (),
) -> AdvancementResult:
    """Choose who goes on from every pool of ``level`` and place them in the next level's pools.

    A :class:`~judging.errors.RuleError` if ``level`` is the last level or an advancing entry has
    no affiliation.
    """
    rule = rule or AdvancementRule()
    to_level = chain.next_after(level)
    if to_level is None:
        raise RuleError(f"{level!r} is the last level: nobody advances from it")
    advancing: list[Advancement] = []
    pending: list[CutoffTie] = []
    for pool in pools:
        chosen, tie = select_advancing(pool.standings, rule, decisions)
        for s in chosen:
            if s.entry_id not in affiliations:
                raise RuleError(f"entry {s.entry_id!r} has no affiliation")
            to_pool = to_level.pool_key(affiliations[s.entry_id])
            advancing.append(Advancement(s.entry_id, pool.pool_key, to_pool, s.rank, s.total))
        if tie is not None:
            pending.append(CutoffTie(pool.pool_key, *tie))
    return AdvancementResult(to_level, tuple(advancing), tuple(pending))


def select_advancing(
    standings: Standings, rule: AdvancementRule, decisions: Sequence[CommitteeDecision] = ()
) -> tuple[tuple[Standing, ...], tuple[int, tuple[EntryId, ...], int] | None]:
    """One pool: the standings that go on, best first, and a pending (rank, entries, seats) tie."""
    by_total = rule.cutoff_tie is not CutoffTieRule.TIE_BREAK

    def rank_of(standing: Standing) -> int:
        return standing.score_rank if by_total else standing.rank

    inside = [s for s in standings.ranked if rank_of(s) <= rule.per_pool]
    if len(inside) <= rule.per_pool or rule.cutoff_tie is CutoffTieRule.ALL_TIED_ADVANCE:
        return tuple(inside), None
    cut_rank = rank_of(inside[-1])
    sure = [s for s in inside if rank_of(s) < cut_rank]
    tied = [s for s in inside if rank_of(s) == cut_rank]
    seats = rule.per_pool - len(sure)
    decided = _decided_order(tied, decisions)
    if decided is not None:
        return tuple(sure + decided[:seats]), None
    return tuple(sure), (cut_rank, tuple(s.entry_id for s in tied), seats)


def _decided_order(tied: list[Standing], decisions: Sequence[CommitteeDecision]) -> list[Standing] | None:
    ids = {s.entry_id for s in tied}
    for decision in decisions:
        if ids <= set(decision.order):
            return sorted(tied, key=lambda s: decision.order.index(s.entry_id))
    return None
