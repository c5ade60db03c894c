"""A scoresheet and its total.

A sheet's total is the weighted sum of its scores scaled to the rubric's total::

    total = rubric.total * sum(weight * score) / sum(weight * max_score)

With the usual rubric (weights 1, maximum scores adding up to 100) this is just the sum of the
scores. Totals are kept exact for ranking: sums and products of scores are exact, and each total or
aggregate is computed with a single division (at 34 significant digits), so equal fractions always
compare equal. Round only for display, with :func:`display` (half-up, 2 places by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from operator import mul

from judging.ids import CriterionKey, EntryId, JudgeId
from judging.rubric import Rubric, validate_scores

EXACT = Context(prec=34)
"""The context of the one division each total or aggregate needs."""


@dataclass(frozen=True, slots=True)
class Scoresheet:
    """One judge's scores for one entry in one round.

    A recused judge's sheet (``recused=True``) and an absent sheet are both left out of every
    aggregate: never counted as zero.
    """

    judge_id: JudgeId
    entry_id: EntryId
    scores: Mapping[CriterionKey, Decimal] = field(default_factory=dict, hash=False)
    recused: bool = False


def weighted_sum(rubric: Rubric, scores: Mapping[CriterionKey, Decimal]) -> Decimal:
    """``sum(weight * score)`` over the rubric's criteria, exact and unscaled.

    Raises :class:`~judging.errors.ScoreProblems` (``missing``) if a criterion has no score.
    """
    try:
        values = map(scores.__getitem__, rubric.keys)
        if rubric.unit_weights:
            return sum(values, Decimal(0))
        return sum(map(mul, rubric.weights, values), Decimal(0))
    except KeyError:
        validate_scores(rubric, scores, complete=True)
        raise  # pragma: no cover - validate_scores raised already


def scale(rubric: Rubric, weighted: Decimal, count: int = 1) -> Decimal:
    """``weighted / count`` scaled to the rubric's total, with a single rounding (34 digits)."""
    if count == 1 and rubric.max_weighted == rubric.total:
        return weighted
    numerator = EXACT.multiply(weighted, rubric.total)
    return EXACT.divide(numerator, count * rubric.max_weighted)


def sheet_total(rubric: Rubric, scores: Mapping[CriterionKey, Decimal]) -> Decimal:
    """The sheet's total out of ``rubric.total``: weighted sum scaled, exact (see module doc).

    Raises :class:`~judging.errors.ScoreProblems` if a score is missing; bounds are checked by
    :func:`~judging.rubric.validate_scores`, not here.
    """
    return scale(rubric, weighted_sum(rubric, scores))


def display(value: Decimal, places: int = 2) -> Decimal:
    """Round for display: half-up (0.125 -> 0.13) to ``places`` decimal places."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
