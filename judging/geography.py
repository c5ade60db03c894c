"""Where entries and judges belong, and the chain of levels a contest runs through.

The chain is data: ``LevelChain.of("province", "region", "national")`` for the KM Challenge's
first two categories, ``LevelChain.of("region", "national")`` for a contest that starts at
inspection-region level, ``LevelChain.of("province", "national")`` for a two-level contest. Each
level's scope says how entries are grouped into pools: one pool per province, one per inspection
region (0 = central/Bangkok, 1-18), or a single national pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from judging.errors import RuleError
from judging.ids import PoolKey, UnitId


class Scope(StrEnum):
    """How a level groups entries into pools."""

    PROVINCE = "province"
    REGION = "region"
    NATIONAL = "national"


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A unit and where it sits: its own id, its province code and its inspection region.

    A judge from the department's central office may have no province (``None``); ``None`` never
    matches anything.
    """

    unit_id: UnitId
    province_code: str | None = None
    region_no: int | None = None


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a contest: a key (as the round calls it) and the scope of its pools."""

    key: str
    scope: Scope

    def pool_key(self, affiliation: Affiliation) -> PoolKey:
        """The pool an entry with this affiliation joins at this level.

        ``"province:<code>"``, ``"region:<no>"`` or ``"national"``; a
        :class:`~judging.errors.RuleError` if the affiliation lacks the code this scope needs.
        """
        if self.scope is Scope.NATIONAL:
            return "national"
        code = affiliation.province_code if self.scope is Scope.PROVINCE else affiliation.region_no
        if code is None:
            raise RuleError(f"unit {affiliation.unit_id!r} has no {self.scope} for {self.key!r}")
        return f"{self.scope}:{code}"


@dataclass(frozen=True, slots=True)
class LevelChain:
    """The levels of a contest, first to last; an entry advances from one to the next."""

    levels: tuple[Level, ...]

    def __post_init__(self) -> None:
        keys = [level.key for level in self.levels]
        if not keys or len(set(keys)) != len(keys):
            raise RuleError("a level chain needs at least one level and unique keys")

    @classmethod
    def of(cls, *scopes: str) -> LevelChain:
        """A chain whose level keys are scope names, e.g. ``of("region", "national")``."""
        return cls(tuple(Level(name, Scope(name)) for name in scopes))

    def level(self, key: str) -> Level:
        """The level with this key (a :class:`~judging.errors.RuleError` if none)."""
        for level in self.levels:
            if level.key == key:
                return level
        raise RuleError(f"no level {key!r} in this contest")

    def next_after(self, key: str) -> Level | None:
        """The level after ``key``, or ``None`` if ``key`` is the last."""
        index = self.levels.index(self.level(key))
        return self.levels[index + 1] if index + 1 < len(self.levels) else None
