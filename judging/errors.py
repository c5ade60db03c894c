"""Domain exceptions raised by :mod:`judging`.

The web layer maps them to responses: :class:`ScoreProblems` to a form redisplayed with a message
next to each field, :class:`RuleError` to a configuration error shown to the organizer, and
:class:`NaiveDatetimeError` to a programming error (a bug, never a user mistake).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class JudgingError(Exception):
    """Base class of every exception raised by :mod:`judging`."""


class RuleError(JudgingError, ValueError):
    """A round's rules (rubric, aggregation, places, levels ...) are inconsistent."""


class NaiveDatetimeError(JudgingError, ValueError):
    """A guard was given a datetime without a time zone; guards compare aware datetimes only."""


class ProblemCode(StrEnum):
    """Why one score on a scoresheet is not acceptable."""

    MISSING = "missing"
    NOT_A_NUMBER = "not_a_number"
    NEGATIVE = "negative"
    ABOVE_MAXIMUM = "above_maximum"
    OFF_STEP = "off_step"
    UNKNOWN_CRITERION = "unknown_criterion"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem with one score: a stable code plus messages in Thai and English."""

    code: ProblemCode
    message_th: str
    message_en: str


class ScoreProblems(JudgingError, ValueError):
    """Every problem found on a scoresheet at once, keyed by criterion key.

    ``problems`` maps a criterion key to the tuple of problems of that score, in rubric order, so
    the web layer can show each message next to its field. ``codes`` gives the codes alone.
    """

    def __init__(self, problems: Mapping[str, tuple[Problem, ...]]) -> None:
        self.problems: Mapping[str, tuple[Problem, ...]] = MappingProxyType(dict(problems))
        summary = "; ".join(
            f"{key}: {', '.join(p.code for p in found)}" for key, found in self.problems.items()
        )
        super().__init__(f"invalid scores ({summary})")

    @property
    def codes(self) -> Mapping[str, tuple[ProblemCode, ...]]:
        """Criterion key -> problem codes, for tests and logs."""
        return {key: tuple(p.code for p in found) for key, found in self.problems.items()}
