"""Standard competition ranking (1, 2, 2, 4) with a tie-break chain and committee decisions.

Entries are ranked on their exact totals, highest first. Entries with the same total are separated
by the round's tie-break chain, applied in order, each rule only among the entries still tied (a
higher value is always better). A tie that survives the whole chain is resolved by a recorded
:class:`CommitteeDecision`, if one covers it; otherwise the entries share a rank and are reported
as an :class:`UnresolvedTie`. Incomplete entries are listed apart and never ranked.
The result does not depend on the order of the input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeAlias

from judging.aggregate import EntryResult
from judging.ids import CriterionKey, EntryId, JudgeId, id_order
from judging.totals import EXACT


@dataclass(frozen=True, slots=True)
class CriterionMean:
    """Tie-break: the higher mean score on one criterion, over the entry's counted sheets."""

    key: CriterionKey


@dataclass(frozen=True, slots=True)
class JudgesRankingFirst:
    """Tie-break: more judges who gave the entry their highest total among the ranked entries.

    A judge whose highest total is shared by several entries counts for each of them.
    """


@dataclass(frozen=True, slots=True)
class Median:
    """Tie-break: the higher median of the entry's sheet totals."""


TieBreak: TypeAlias = CriterionMean | JudgesRankingFirst | Median


@dataclass(frozen=True, slots=True)
class CommitteeDecision:
    """The committee's recorded order for entries tied after the chain, best first.

    It resolves any surviving tie whose entries all appear in ``order``, by their order here.
    """

    order: tuple[EntryId, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Standing:
    """One ranked entry.

    ``rank`` is the final competition rank (after tie-breaks and committee decisions);
    ``score_rank`` the competition rank on the total alone. ``decided_by`` is the tie-break or
    decision that finally separated the entry from those with the same total (``None`` if its total
    was unique or the tie is unresolved).
    """

    entry_id: EntryId
    rank: int
    score_rank: int
    total: Decimal
    decided_by: TieBreak | CommitteeDecision | None = None
    result: EntryResult | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class UnresolvedTie:
    """Entries still tied after the chain with no committee decision: they share ``rank``."""

    rank: int
    entry_ids: tuple[EntryId, ...]


@dataclass(frozen=True, slots=True)
class Standings:
    """A pool's ranking: ranked entries best first, unresolved ties, incomplete entries."""

    ranked: tuple[Standing, ...]
    unresolved: tuple[UnresolvedTie, ...] = ()
    incomplete: tuple[EntryId, ...] = ()
    unused_decisions: tuple[CommitteeDecision, ...] = ()

    @property
    def resolved(self) -> bool:
        """True when no tie is left for the committee."""
        return not self.unresolved

    def rank_of(self, entry_id: EntryId) -> int | None:
        """The entry's final rank, or ``None`` if it is not ranked."""
        for standing in self.ranked:
            if standing.entry_id == entry_id:
                return standing.rank
        return None


@dataclass(slots=True)
class _Tier:
    """Entries sharing one final position (several only when unresolved)."""

    results: list[EntryResult]
    decided_by: TieBreak | CommitteeDecision | None = None


def rank_entries(
    results: Iterable[EntryResult],
    tie_breaks: Sequence[TieBreak] = (),
    decisions: Sequence[CommitteeDecision] = (),
) -> Standings:
    """Rank one pool's results; see the module docstring for the rules."""
    pool = list(results)
    complete = [r for r in pool if r.total is not None]
    incomplete = tuple(sorted((r.entry_id for r in pool if r.total is None), key=id_order))
    return _rank(complete, incomplete, tuple(tie_breaks), tuple(decisions))


def _rank(
    complete: list[EntryResult],
    incomplete: tuple[EntryId, ...],
    tie_breaks: tuple[TieBreak, ...],
    decisions: tuple[CommitteeDecision, ...],
) -> Standings:
    complete.sort(key=lambda r: (-_total(r), id_order(r.entry_id)))
    values = _TieBreakValues(complete)
    used: set[int] = set()
    tiers: list[_Tier] = []
    for group in _split(complete, _total):
        tiers.extend(_resolve(group, tie_breaks, values, decisions, used))
    return _standings(tiers, incomplete, decisions, used)


def _total(result: EntryResult) -> Decimal:
    assert result.total is not None
    return result.total


def _split(
    ordered: list[EntryResult], value: Callable[[EntryResult], Decimal | int]
) -> list[list[EntryResult]]:
    """Consecutive runs of equal value in an already ordered list."""
    groups: list[list[EntryResult]] = []
    previous: Decimal | int | None = None
    for result in ordered:
        current = value(result)
        if groups and current == previous:
            groups[-1].append(result)
        else:
            groups.append([result])
        previous = current
    return groups


def _resolve(
    group: list[EntryResult],
    chain: tuple[TieBreak, ...],
    values: _TieBreakValues,
    decisions: tuple[CommitteeDecision, ...],
    used: set[int],
    decided_by: TieBreak | None = None,
) -> list[_Tier]:
    if len(group) == 1:
        return [_Tier(group, decided_by)]
    if chain:
        rule, rest = chain[0], chain[1:]
        value = {r.entry_id: values.of(rule, r) for r in group}
        ordered = sorted(group, key=lambda r: (-value[r.entry_id], id_order(r.entry_id)))
        subgroups = _split(ordered, lambda r: value[r.entry_id])
        if len(subgroups) > 1:
            return [tier for sub in subgroups for tier in _resolve(sub, rest, values, decisions, used, rule)]
        return _resolve(group, rest, values, decisions, used, decided_by)
    return _decide(group, decisions, used)


def _decide(
    group: list[EntryResult], decisions: tuple[CommitteeDecision, ...], used: set[int]
) -> list[_Tier]:
    ids = {r.entry_id for r in group}
    for index, decision in enumerate(decisions):
        if ids <= set(decision.order):
            used.add(index)
            position = {entry_id: i for i, entry_id in enumerate(decision.order)}
            ordered = sorted(group, key=lambda r: position[r.entry_id])
            return [_Tier([r], decision) for r in ordered]
    return [_Tier(group)]


def _standings(
    tiers: list[_Tier],
    incomplete: tuple[EntryId, ...],
    decisions: tuple[CommitteeDecision, ...],
    used: set[int],
) -> Standings:
    ranked: list[Standing] = []
    unresolved: list[UnresolvedTie] = []
    position = 1
    score_rank = 1
    previous_total: Decimal | None = None
    for tier in tiers:
        if len(tier.results) > 1:
            unresolved.append(UnresolvedTie(position, tuple(r.entry_id for r in tier.results)))
        for result in tier.results:
            total = _total(result)
            if total != previous_total:
                score_rank, previous_total = len(ranked) + 1, total
            decided_by = tier.decided_by if len(tier.results) == 1 else None
            ranked.append(Standing(result.entry_id, position, score_rank, total, decided_by, result))
        position += len(tier.results)
    unused = tuple(d for i, d in enumerate(decisions) if i not in used)
    return Standings(tuple(ranked), tuple(unresolved), incomplete, unused)


class _TieBreakValues:
    """Tie-break values, computed only for entries that are actually tied."""

    def __init__(self, ranked: list[EntryResult]) -> None:
        self._ranked = ranked
        self._firsts: dict[EntryId, int] | None = None

    def of(self, rule: TieBreak, result: EntryResult) -> Decimal | int:
        if isinstance(rule, CriterionMean):
            return _criterion_mean(result, rule.key)
        if isinstance(rule, Median):
            return _median(list(result.sheet_totals.values()))
        return self._judges_first().get(result.entry_id, 0)

    def _judges_first(self) -> dict[EntryId, int]:
        if self._firsts is None:
            self._firsts = _count_firsts(self._ranked)
        return self._firsts


def _criterion_mean(result: EntryResult, key: CriterionKey) -> Decimal:
    scores = [s.scores[key] for s in result.sheets if key in s.scores]
    return EXACT.divide(sum(scores, Decimal(0)), len(scores)) if scores else Decimal(0)


def _median(values: list[Decimal]) -> Decimal:
    values.sort()
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return EXACT.divide(values[middle - 1] + values[middle], 2)


def _count_firsts(results: list[EntryResult]) -> dict[EntryId, int]:
    best: dict[JudgeId, Decimal] = {}
    for result in results:
        for judge, total in result.sheet_totals.items():
            if judge not in best or total > best[judge]:
                best[judge] = total
    counts: dict[EntryId, int] = {}
    for result in results:
        firsts = sum(1 for judge, total in result.sheet_totals.items() if total == best[judge])
        counts[result.entry_id] = firsts
    return counts
