"""Rubrics (ordered criteria) and the validation of a judge's scores against one.

Scores are :class:`~decimal.Decimal`, never float. Raw form values (strings, Thai digits included)
are parsed here; every problem on a sheet is reported at once in a :class:`ScoreProblems`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import TypeAlias

from judging.errors import Problem, ProblemCode, RuleError, ScoreProblems
from judging.ids import CriterionKey

RawScore: TypeAlias = Decimal | int | str | None
"""What a form or an API may hand in for one score: blank or None means "not scored yet"."""

_ZERO = Decimal(0)
_MAX_PLAIN_SCORES = 1000


@dataclass(frozen=True)
class Criterion:
    """One line of a rubric.

    ``max_score`` is the highest score a judge may give; ``weight`` multiplies the score in the
    total (default 1); ``step`` is the granularity allowed (``Decimal("0.5")`` accepts 7 and 7.5
    but not 7.25); ``None`` accepts any decimal.
    """

    key: CriterionKey
    label_th: str
    label_en: str
    max_score: Decimal
    weight: Decimal = Decimal(1)
    step: Decimal | None = None

    def __post_init__(self) -> None:
        if not self.key:
            raise RuleError("a criterion needs a key")
        for name in ("max_score", "weight", "step"):
            value = getattr(self, name)
            if value is None and name == "step":
                continue
            if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
                raise RuleError(f"criterion {self.key!r}: {name} must be a positive Decimal")

    @cached_property
    def plain_scores(self) -> Mapping[str, Decimal]:
        """Every score this criterion accepts, as plainly written text ('7', '7.5', '7.0').

        Only for a stepped criterion with at most 1,000 allowed scores (else empty): a fast path
        for form input, giving the same Decimal as parsing the text would.
        """
        if self.step is None or self.max_score / self.step > _MAX_PLAIN_SCORES:
            return {}
        texts: dict[str, Decimal] = {}
        value = Decimal(0)
        while value <= self.max_score:
            for text in (str(value), f"{value.normalize():f}", f"{value:.1f}", f"{value:.2f}"):
                texts[text] = Decimal(text)
            value += self.step
        return texts

    def accepts(self, score: Decimal) -> bool:
        """True when a finite score is within 0..max_score and on the step."""
        if score < 0 or score > self.max_score:
            return False
        return self.step is None or not score % self.step

    def problems_with(self, score: Decimal) -> tuple[Problem, ...]:
        """Every rule this (parsed) score breaks: negative, above the maximum, off the step."""
        found: list[Problem] = []
        if score < 0:
            found.append(_negative())
        if score > self.max_score:
            found.append(_above(self.max_score))
        if self.step is not None and _off_step_of(score, self.step):
            found.append(_off_step(self.step))
        return tuple(found)


@dataclass(frozen=True)
class Rubric:
    """An ordered tuple of criteria; a sheet's total is scaled to ``total`` (normally 100)."""

    criteria: tuple[Criterion, ...]
    total: Decimal = Decimal(100)

    def __post_init__(self) -> None:
        if not self.criteria:
            raise RuleError("a rubric needs at least one criterion")
        keys = [c.key for c in self.criteria]
        if len(set(keys)) != len(keys):
            raise RuleError("criterion keys must be unique within a rubric")
        if not isinstance(self.total, Decimal) or not self.total.is_finite() or self.total <= 0:
            raise RuleError("a rubric's total must be a positive Decimal")

    @cached_property
    def keys(self) -> tuple[CriterionKey, ...]:
        """Criterion keys in rubric order."""
        return tuple(c.key for c in self.criteria)

    @cached_property
    def plain_scores(self) -> tuple[tuple[CriterionKey, Mapping[str, Decimal]], ...]:
        """Each criterion's key and :attr:`Criterion.plain_scores`, for the validation fast path."""
        return tuple((c.key, c.plain_scores) for c in self.criteria)

    @cached_property
    def weights(self) -> tuple[Decimal, ...]:
        """Criterion weights in rubric order."""
        return tuple(c.weight for c in self.criteria)

    @cached_property
    def unit_weights(self) -> bool:
        """True when every weight is 1 (the total is then the plain sum before scaling)."""
        return all(w == 1 for w in self.weights)

    @cached_property
    def key_set(self) -> frozenset[CriterionKey]:
        """Criterion keys as a set, for membership tests."""
        return frozenset(self.keys)

    @cached_property
    def max_weighted(self) -> Decimal:
        """The weighted sum of the maximum scores: what a perfect sheet earns before scaling."""
        return sum((c.weight * c.max_score for c in self.criteria), _ZERO)

    def criterion(self, key: CriterionKey) -> Criterion:
        """The criterion with this key (``KeyError`` if none)."""
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(key)


def _off_step_of(score: Decimal, step: Decimal) -> bool:
    try:
        return bool(score % step)
    except InvalidOperation:  # too many steps to count (a huge score): above_maximum says enough
        return False


def parse_score(value: object) -> Decimal | None:
    """Parse one raw score to a finite Decimal, or ``None`` if it is not a number.

    Surrounding whitespace is ignored; Thai digits (๐-๙) are accepted; floats and booleans are
    refused (a float has already lost the judge's exact figure). Blanks are the caller's business.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            parsed = Decimal(value)
        except InvalidOperation:
            return None
        return parsed if parsed.is_finite() else None
    return None


def validate_scores(
    rubric: Rubric, raw: Mapping[CriterionKey, RawScore], *, complete: bool = True
) -> Mapping[CriterionKey, Decimal]:
    """Check a judge's scores against the rubric and return them parsed, in rubric order.

    Rules, all reported at once in :class:`ScoreProblems` (keyed by criterion key):

    - a blank or absent score is ``missing`` when ``complete`` is true (submitting a sheet); a
      draft (``complete=False``) may leave scores blank and the result omits them;
    - a value that does not parse is ``not_a_number``;
    - a parsed score may be ``negative``, ``above_maximum`` and/or ``off_step`` (several at once);
    - a key that is not in the rubric is ``unknown_criterion``.
    """
    scores = _plain_scores(rubric, raw)
    if scores is not None:
        return scores
    return _check_all(rubric, raw, complete)


def _plain_scores(rubric: Rubric, raw: Mapping[CriterionKey, RawScore]) -> dict[CriterionKey, Decimal] | None:
    """The fast path: every score plainly written and allowed, nothing else; else ``None``."""
    scores: dict[CriterionKey, Decimal] = {}
    for key, plain in rubric.plain_scores:
        value = raw.get(key)
        known = plain.get(value) if value.__class__ is str else None
        if known is None:
            return None
        scores[key] = known
    return scores if len(raw) == len(scores) else None


def _check_all(
    rubric: Rubric, raw: Mapping[CriterionKey, RawScore], complete: bool
) -> Mapping[CriterionKey, Decimal]:
    scores: dict[CriterionKey, Decimal] = {}
    problems: dict[CriterionKey, tuple[Problem, ...]] = {}
    for criterion in rubric.criteria:
        value = raw.get(criterion.key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if complete:
                problems[criterion.key] = (_missing(),)
            continue
        score = parse_score(value)
        if score is None:
            problems[criterion.key] = (_not_a_number(),)
        elif found := criterion.problems_with(score):
            problems[criterion.key] = found
        else:
            scores[criterion.key] = score
    for key in sorted(raw.keys() - rubric.key_set):
        problems[key] = (_unknown(),)
    if problems:
        raise ScoreProblems(problems)
    return scores


def _missing() -> Problem:
    return Problem(ProblemCode.MISSING, "กรุณากรอกคะแนน", "A score is required.")


def _not_a_number() -> Problem:
    return Problem(ProblemCode.NOT_A_NUMBER, "คะแนนต้องเป็นตัวเลข", "The score must be a number.")


def _negative() -> Problem:
    return Problem(ProblemCode.NEGATIVE, "คะแนนต้องไม่ติดลบ", "The score cannot be negative.")


def _above(maximum: Decimal) -> Problem:
    return Problem(
        ProblemCode.ABOVE_MAXIMUM,
        f"คะแนนเต็ม {maximum} คะแนน",
        f"The score cannot be above {maximum}.",
    )


def _off_step(step: Decimal) -> Problem:
    return Problem(
        ProblemCode.OFF_STEP,
        f"ให้คะแนนทีละ {step} คะแนน",
        f"The score must be a multiple of {step}.",
    )


def _unknown() -> Problem:
    return Problem(
        ProblemCode.UNKNOWN_CRITERION,
        "ไม่มีเกณฑ์นี้ในแบบให้คะแนน",
        "This criterion is not in the rubric.",
    )
