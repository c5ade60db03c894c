"""The ceremony's steps, read from a result's frozen snapshot: one step per announced place, from the lowest
(ชมเชย, then รองชนะเลิศอันดับ 3, 2, 1) up to ชนะเลิศ. Nothing is recomputed: the names, titles and totals
are those the chair approved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from judging import PlaceKind

BEST_FIRST = list(PlaceKind)


@dataclass(frozen=True)
class Announced:
    """One entry announced on a step."""

    entrant: str
    title: str
    total: str | None  # None when the round hides scores


@dataclass
class Step:
    """One place as the presenter reveals it; honourable mentions share one step (they are not ranked
    against each other in the announcement)."""

    number: int
    kind: str
    place_number: int
    label: str
    entries: list[Announced] = field(default_factory=list)


def _best_first(place: Mapping[str, Any]) -> tuple[int, int]:
    return BEST_FIRST.index(PlaceKind(place["kind"])), int(place.get("number") or 0)


def _entrant(row: Mapping[str, Any], locale: str) -> str:
    """A unit by its short name (สพอ.ภูสิงห์), an officer by name and unit; English names in English."""
    if locale == "en":
        return str(row.get("entrant_en") or row.get("entrant_th") or "")
    if row.get("person_id") is None and row.get("unit_short_th"):
        return str(row["unit_short_th"])
    return str(row.get("entrant_th") or "")


def reveal_steps(standings: Mapping[str, Any], locale: str) -> list[Step]:
    """The placed rows of a snapshot as steps in reveal order (lowest announced place first)."""
    show_scores = bool(standings.get("show_scores", True))
    placed = [row for row in standings.get("rows", []) if row.get("place")]
    placed.sort(key=lambda row: (_best_first(row["place"]), row.get("rank") or 0))
    steps: list[Step] = []
    for row in reversed(placed):
        place = row["place"]
        kind, number = place["kind"], int(place.get("number") or 0)
        if not steps or (steps[-1].kind, steps[-1].place_number) != (kind, number):
            label = place.get("en") if locale == "en" else place.get("th")
            steps.append(Step(len(steps) + 1, kind, number, str(label or place.get("th") or "")))
        total = row.get("total") if show_scores else None
        steps[-1].entries.append(Announced(_entrant(row, locale), str(row.get("title") or ""), total))
    for step in steps:
        if step.kind == PlaceKind.HONOURABLE:  # revealed together, listed best first
            step.entries.reverse()
    return steps
