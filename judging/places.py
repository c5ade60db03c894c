"""Places announced from a pool's standings, and score bands for awards that are not ranks.

Places follow final ranks: rank 1 is ชนะเลิศ (winner), ranks 2 to ``runners_up + 1`` are
รองชนะเลิศอันดับ 1..k, the next ``honourable_mentions`` ranks are ชมเชย, and later ranks get no
place. Entries still tied share their rank, so they share the place of that rank (ranks 1, 1, 3
give two winners and a รองชนะเลิศอันดับ 2). When the positions a tied group occupies would have
carried different places (or some no place at all), the tie crosses a place boundary: the shared
place is provisional and the group is flagged as a :class:`BoundaryTie` for the committee.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from judging.aggregate import EntryResult
from judging.errors import RuleError
from judging.ids import EntryId
from judging.ranking import Standings


class PlaceKind(StrEnum):
    """The kinds of place, best first."""

    WINNER = "winner"
    RUNNER_UP = "runner_up"
    HONOURABLE = "honourable"


@dataclass(frozen=True, slots=True)
class Place:
    """A place; ``number`` is the runner-up's number (1..k), 0 otherwise."""

    kind: PlaceKind
    number: int = 0

    @property
    def sort_key(self) -> tuple[int, int]:
        """Sorts places best first: winner, runner-up 1, 2, ..., honourable mention."""
        return (list(PlaceKind).index(self.kind), self.number)

    @property
    def label_th(self) -> str:
        """ชนะเลิศ, รองชนะเลิศอันดับ n or ชมเชย."""
        if self.kind is PlaceKind.WINNER:
            return "ชนะเลิศ"
        if self.kind is PlaceKind.RUNNER_UP:
            return f"รองชนะเลิศอันดับ {self.number}"
        return "ชมเชย"

    @property
    def label_en(self) -> str:
        """Winner, Runner-up n or Honourable mention."""
        if self.kind is PlaceKind.WINNER:
            return "Winner"
        if self.kind is PlaceKind.RUNNER_UP:
            return f"Runner-up {self.number}"
        return "Honourable mention"


WINNER = Place(PlaceKind.WINNER)
HONOURABLE = Place(PlaceKind.HONOURABLE)


def runner_up(number: int) -> Place:
    """รองชนะเลิศอันดับ ``number``."""
    return Place(PlaceKind.RUNNER_UP, number)


@dataclass(frozen=True, slots=True)
class PlacesRule:
    """How many places a round announces: one winner, k runners-up, h honourable mentions."""

    runners_up: int = 3
    honourable_mentions: int = 0

    def __post_init__(self) -> None:
        if self.runners_up < 0 or self.honourable_mentions < 0:
            raise RuleError("numbers of places cannot be negative")

    def place_at(self, position: int) -> Place | None:
        """The place carried by a 1-based position, or ``None`` past the last place."""
        if position == 1:
            return WINNER
        if position <= self.runners_up + 1:
            return runner_up(position - 1)
        if position <= self.runners_up + 1 + self.honourable_mentions:
            return HONOURABLE
        return None


@dataclass(frozen=True, slots=True)
class PlaceAward:
    """An entry's place; ``provisional`` when it comes from a tie across a place boundary."""

    entry_id: EntryId
    place: Place
    rank: int
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class BoundaryTie:
    """Tied entries whose positions span different places; ``places`` lists those places."""

    rank: int
    entry_ids: tuple[EntryId, ...]
    places: tuple[Place | None, ...]


@dataclass(frozen=True, slots=True)
class PlacesResult:
    """The awards, best first, and the ties the committee must settle."""

    awards: tuple[PlaceAward, ...]
    boundary_ties: tuple[BoundaryTie, ...] = ()

    def place_of(self, entry_id: EntryId) -> Place | None:
        """The entry's place, or ``None``."""
        return next((a.place for a in self.awards if a.entry_id == entry_id), None)


def places_for(standings: Standings, rule: PlacesRule) -> PlacesResult:
    """Award places from final ranks; see the module docstring for ties."""
    by_rank: dict[int, list[EntryId]] = {}
    for standing in standings.ranked:
        by_rank.setdefault(standing.rank, []).append(standing.entry_id)
    awards: list[PlaceAward] = []
    ties: list[BoundaryTie] = []
    for rank, entry_ids in by_rank.items():
        place = rule.place_at(rank)
        if place is None:
            break
        spanned = tuple(dict.fromkeys(rule.place_at(rank + i) for i in range(len(entry_ids))))
        crosses = len(spanned) > 1
        if crosses:
            ties.append(BoundaryTie(rank, tuple(entry_ids), spanned))
        awards.extend(PlaceAward(entry_id, place, rank, crosses) for entry_id in entry_ids)
    return PlacesResult(tuple(awards), tuple(ties))


@dataclass(frozen=True, slots=True)
class ScoreBand:
    """An award for every entry at or above ``minimum_percent`` of the full score."""

    key: str
    label_th: str
    label_en: str
    minimum_percent: Decimal


BEST_PRACTICE = ScoreBand("best_practice", "Best Practice", "Best Practice", Decimal(90))
GOOD_PRACTICE = ScoreBand("good_practice", "Good Practice", "Good Practice", Decimal(80))
CHALLENGER = ScoreBand("challenger", "Challenger", "Challenger", Decimal(60))
PRACTICE_BANDS = (BEST_PRACTICE, GOOD_PRACTICE, CHALLENGER)
"""The common bands: 90 % and up, 80-89 %, 60-79 %."""


@dataclass(frozen=True, slots=True)
class BandAward:
    """An entry's band, or ``None`` below the lowest band."""

    entry_id: EntryId
    band: ScoreBand | None


def band_for(total: Decimal, bands: Sequence[ScoreBand], out_of: Decimal = Decimal(100)) -> ScoreBand | None:
    """The highest band whose minimum the total reaches (inclusive), else ``None``.

    The exact total is compared, not the displayed one: with bands at 90 % and 80 %, 89.995 of 100
    is in the 80 % band even though it displays as 90.00. Compared without division:
    ``total * 100 >= minimum_percent * out_of``.
    """
    reached = [b for b in bands if total * 100 >= b.minimum_percent * out_of]
    return max(reached, key=lambda b: b.minimum_percent, default=None)


def bands_for(
    results: Iterable[EntryResult], bands: Sequence[ScoreBand], out_of: Decimal = Decimal(100)
) -> tuple[BandAward, ...]:
    """A band for every complete result, in input order (incomplete results get none)."""
    return tuple(
        BandAward(r.entry_id, band_for(r.total, bands, out_of)) for r in results if r.total is not None
    )
