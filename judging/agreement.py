"""Judging quality: do the judges agree, how far apart are their totals, who is lenient.

- :func:`kendalls_w`: Kendall's coefficient of concordance W for one pool, 0 (no agreement on the
  order) to 1 (every judge orders the entries the same way), with the correction for tied totals.
- :func:`spread`: for one entry, the range (highest - lowest total) and the sample standard
  deviation of its sheet totals, flagged when the range is above a threshold.
- :func:`leniency`: for each judge, the mean of (the judge's total - the panel's mean total) over
  the entries the judge scored with at least one other judge; positive means lenient.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from judging.aggregate import EntryResult
from judging.ids import EntryId, JudgeId, id_order
from judging.totals import EXACT

W_PLACES = Decimal("0.0001")


def kendalls_w(results: Iterable[EntryResult]) -> Decimal | None:
    """Kendall's W over the entries every judge of the pool scored, rounded half-up to 4 places.

    Each judge's totals are ranked (tied totals share the mean of their ranks), and
    ``W = 12 S / (m^2 (n^3 - n) - m sum(t^3 - t))`` where ``m`` judges rank ``n`` entries, ``S``
    is the sum of squared deviations of the entries' rank sums from their mean, and ``t`` runs over
    the sizes of each judge's groups of tied totals. ``None`` with fewer than two judges or two
    common entries, or when every judge tied every entry (W is undefined).
    """
    pool = [r for r in results if r.sheet_totals]
    judges = sorted({j for r in pool for j in r.sheet_totals}, key=id_order)
    common = [r for r in pool if len(r.sheet_totals) == len(judges)]
    m, n = len(judges), len(common)
    if m < 2 or n < 2:
        return None
    rank_sums = [Fraction(0)] * n
    tie_term = 0
    for judge in judges:
        ranks, ties = _mid_ranks([r.sheet_totals[judge] for r in common])
        rank_sums = [a + b for a, b in zip(rank_sums, ranks, strict=True)]
        tie_term += ties
    mean = Fraction(m * (n + 1), 2)
    s = sum(((total - mean) * (total - mean) for total in rank_sums), Fraction(0))
    denominator = m * m * (n**3 - n) - m * tie_term
    if denominator == 0:
        return None
    w = 12 * s / denominator
    return (Decimal(w.numerator) / Decimal(w.denominator)).quantize(W_PLACES, ROUND_HALF_UP)


def _mid_ranks(values: list[Decimal]) -> tuple[list[Fraction], int]:
    """Ranks (highest value = 1, ties share their mean rank) and sum(t^3 - t) over tie groups."""
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    ranks = [Fraction(0)] * len(values)
    ties = 0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        size = end - start + 1
        for i in order[start : end + 1]:
            ranks[i] = Fraction(start + 1 + end + 1, 2)
        ties += size**3 - size
        start = end + 1
    return ranks, ties


@dataclass(frozen=True, slots=True)
class Spread:
    """How far apart one entry's sheet totals are (``stdev`` is ``None`` with one sheet)."""

    entry_id: EntryId
    lowest: Decimal
    highest: Decimal
    range: Decimal
    stdev: Decimal | None
    flagged: bool


def spread(result: EntryResult, threshold: Decimal) -> Spread | None:
    """The entry's range and sample standard deviation; flagged when range > threshold.

    ``None`` for an entry without sheets. The standard deviation is not rounded.
    """
    totals = list(result.sheet_totals.values())
    if not totals:
        return None
    low, high = min(totals), max(totals)
    stdev = None
    if len(totals) > 1:
        mean = EXACT.divide(sum(totals, Decimal(0)), len(totals))
        squares = sum(((t - mean) ** 2 for t in totals), Decimal(0))
        stdev = EXACT.sqrt(EXACT.divide(squares, len(totals) - 1))
    return Spread(result.entry_id, low, high, high - low, stdev, high - low > threshold)


@dataclass(frozen=True, slots=True)
class Leniency:
    """A judge's mean difference from the panel's mean on the same entries, over ``entries``."""

    judge_id: JudgeId
    mean_difference: Decimal
    entries: int


def leniency(results: Iterable[EntryResult]) -> tuple[Leniency, ...]:
    """Each judge's leniency (see the module docstring), sorted by judge id; not rounded.

    The panel's mean includes the judge's own total; entries with a single sheet are skipped.
    """
    differences: dict[JudgeId, list[Decimal]] = {}
    for result in results:
        totals = result.sheet_totals
        if len(totals) < 2:
            continue
        panel = EXACT.divide(sum(totals.values(), Decimal(0)), len(totals))
        for judge, total in totals.items():
            differences.setdefault(judge, []).append(total - panel)
    return tuple(
        Leniency(judge, EXACT.divide(sum(diffs, Decimal(0)), len(diffs)), len(diffs))
        for judge, diffs in sorted(differences.items(), key=lambda item: id_order(item[0]))
    )
