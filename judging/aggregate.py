"""Aggregating the judges' sheets into one total per entry.

Call :func:`aggregate` once per pool (the entries one committee judges together). Recused sheets
and absent sheets are left out, never counted as zero; an entry with fewer counted sheets than the
round's ``min_sheets`` is incomplete (``total is None``) and is not ranked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import TypeAlias

from judging.errors import RuleError
from judging.ids import EntryId, JudgeId, id_order
from judging.rubric import Rubric
from judging.totals import EXACT, Scoresheet, scale, weighted_sum

ZSCORE_PLACES = Decimal("1e-9")


class AggregationMethod(StrEnum):
    """How the judges' totals for one entry become the entry's total (chosen per round).

    - ``MEAN``: the mean of the totals.
    - ``MEDIAN``: the middle total; with an even number, the mean of the two middle ones.
    - ``TRIMMED_MEAN``: with at least ``trim_from`` sheets (default 5), drop one highest and one
      lowest total and take the mean of the rest; with fewer sheets, the plain mean.
    - ``ZSCORE``: for pools where judges score different subsets. Each judge's totals become
      z-scores against that judge's own mean and (population) standard deviation in the pool (0 if
      the judge gave every entry the same total); an entry's mean z-score is mapped back onto the
      pool's scale as ``pool mean + pool standard deviation * mean z``, rounded half-even to 9
      decimal places so entries with identical inputs tie.
    """

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"
    ZSCORE = "zscore"


@dataclass(frozen=True, slots=True)
class AggregationRule:
    """A round's aggregation rule: method, minimum sheets to be ranked, trimming threshold."""

    method: AggregationMethod = AggregationMethod.MEAN
    min_sheets: int = 1
    trim_from: int = 5

    def __post_init__(self) -> None:
        if self.min_sheets < 1:
            raise RuleError("min_sheets must be at least 1")
        if self.trim_from < 3:
            raise RuleError("trim_from must be at least 3 (two sheets are dropped)")


@dataclass(frozen=True, slots=True)
class EntryResult:
    """One entry's aggregate in one pool.

    ``total`` is exact (round with :func:`~judging.totals.display` to show it) or ``None`` when the
    entry is incomplete. ``sheet_totals`` maps each counted judge to that sheet's total; ``sheets``
    are the counted (non-recused) sheets; ``dropped`` names the judges whose totals a trimmed mean
    left out (the highest first, then the lowest).
    """

    entry_id: EntryId
    total: Decimal | None
    sheet_totals: Mapping[JudgeId, Decimal] = field(default_factory=dict, hash=False)
    sheets: tuple[Scoresheet, ...] = field(default=(), hash=False)
    dropped: tuple[JudgeId, ...] = ()

    @property
    def complete(self) -> bool:
        """True when the entry has enough sheets to be ranked."""
        return self.total is not None

    @property
    def sheet_count(self) -> int:
        """How many sheets were counted (recused and absent sheets are not)."""
        return len(self.sheet_totals)


_Counted: TypeAlias = tuple[Decimal, Scoresheet]
"""A counted sheet with its exact unscaled weighted sum."""


def aggregate(
    rubric: Rubric,
    sheets: Iterable[Scoresheet],
    rule: AggregationRule | None = None,
    entry_ids: Iterable[EntryId] = (),
) -> tuple[EntryResult, ...]:
    """Aggregate one pool's sheets into one :class:`EntryResult` per entry.

    ``entry_ids`` lists entries that must appear even with no sheet (they come out incomplete);
    results follow ``entry_ids`` and then first appearance in ``sheets``. Two sheets from the same
    judge for the same entry are a :class:`~judging.errors.RuleError`.
    """
    rule = rule or AggregationRule()
    grouped = _group(rubric, sheets, entry_ids)
    normalised = _zscore_totals(rubric, grouped) if rule.method is AggregationMethod.ZSCORE else {}
    results = []
    for entry_id, counted in grouped.items():
        sheet_totals = {sheet.judge_id: scale(rubric, weighted) for weighted, sheet in counted}
        total: Decimal | None = None
        dropped: tuple[JudgeId, ...] = ()
        if len(counted) >= rule.min_sheets:
            if rule.method is AggregationMethod.ZSCORE:
                total = normalised[entry_id]
            else:
                total, dropped = _combine(rubric, counted, rule)
        kept = tuple(sheet for _, sheet in counted)
        results.append(EntryResult(entry_id, total, sheet_totals, kept, dropped))
    return tuple(results)


def _group(
    rubric: Rubric, sheets: Iterable[Scoresheet], entry_ids: Iterable[EntryId]
) -> dict[EntryId, list[_Counted]]:
    grouped: dict[EntryId, list[_Counted]] = {entry_id: [] for entry_id in entry_ids}
    seen: set[tuple[EntryId, JudgeId]] = set()
    for sheet in sheets:
        pair = (sheet.entry_id, sheet.judge_id)
        if pair in seen:
            raise RuleError(f"judge {sheet.judge_id!r} has two sheets for entry {sheet.entry_id!r}")
        seen.add(pair)
        counted = grouped.setdefault(sheet.entry_id, [])
        if not sheet.recused:
            counted.append((weighted_sum(rubric, sheet.scores), sheet))
    return grouped


def _combine(
    rubric: Rubric, counted: list[_Counted], rule: AggregationRule
) -> tuple[Decimal, tuple[JudgeId, ...]]:
    values = sorted(weighted for weighted, _ in counted)
    n = len(values)
    if rule.method is AggregationMethod.MEDIAN:
        middle = n // 2
        if n % 2:
            return scale(rubric, values[middle]), ()
        return scale(rubric, values[middle - 1] + values[middle], 2), ()
    if rule.method is AggregationMethod.TRIMMED_MEAN and n >= rule.trim_from:
        return scale(rubric, sum(values[1:-1], Decimal(0)), n - 2), _extremes(counted)
    return scale(rubric, sum(values, Decimal(0)), n), ()


def _extremes(counted: list[_Counted]) -> tuple[JudgeId, JudgeId]:
    """The judges of the highest and the lowest sheet (equal sheets: the lowest judge id)."""
    values = [weighted for weighted, _ in counted]
    return _judge_with(counted, max(values)), _judge_with(counted, min(values))


def _judge_with(counted: list[_Counted], value: Decimal) -> JudgeId:
    judges = [sheet.judge_id for weighted, sheet in counted if weighted == value]
    return min(judges, key=id_order)


def _zscore_totals(rubric: Rubric, grouped: Mapping[EntryId, list[_Counted]]) -> dict[EntryId, Decimal]:
    with localcontext(EXACT):
        by_judge: dict[JudgeId, list[Decimal]] = {}
        every: list[Decimal] = []
        for counted in grouped.values():
            for weighted, sheet in counted:
                total = scale(rubric, weighted)
                by_judge.setdefault(sheet.judge_id, []).append(total)
                every.append(total)
        judge_stats = {judge: _mean_sd(values) for judge, values in by_judge.items()}
        pool_mean, pool_sd = _mean_sd(every) if every else (Decimal(0), Decimal(0))
        normalised = {}
        for entry_id, counted in grouped.items():
            if not counted:
                continue
            zs = [_z(scale(rubric, w), *judge_stats[sheet.judge_id]) for w, sheet in counted]
            value = pool_mean + pool_sd * sum(zs, Decimal(0)) / len(zs)
            normalised[entry_id] = value.quantize(ZSCORE_PLACES)
        return normalised


def _mean_sd(values: list[Decimal]) -> tuple[Decimal, Decimal]:
    """Mean and population standard deviation."""
    mean = sum(values, Decimal(0)) / len(values)
    variance = sum(((v - mean) ** 2 for v in values), Decimal(0)) / len(values)
    return mean, variance.sqrt()


def _z(value: Decimal, mean: Decimal, sd: Decimal) -> Decimal:
    return (value - mean) / sd if sd else Decimal(0)
