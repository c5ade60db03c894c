"""What the results page shows, in one shape whether it comes from the live computation (before approval)
or from a frozen version's snapshot (after): the ranked lines, the incomplete ones, the judges and
criteria as columns, the ties still open and Kendall's W.

The page never mixes the two: once a version exists, the committee reads what was approved, names and
numbers as they were then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.models import PoolResult
from app.results.chart import ChartRow, Judge
from app.services.results import Computation, entrant_names
from app.services.rules import places_of


@dataclass
class Line:
    """One entry's row in the standings table."""

    entry_id: int
    title: str
    entrant_th: str
    entrant_en: str
    rank: int | None = None
    place_th: str = ""
    place_en: str = ""
    total: Decimal | None = None
    judge_totals: dict[int, Decimal] = field(default_factory=dict)
    criterion_means: dict[str, Decimal] = field(default_factory=dict)
    spread: Decimal | None = None
    disagreement: bool = False
    unresolved: bool = False
    decided_by: str = ""


@dataclass
class Column:
    """A criterion's column: its key and labels."""

    key: str
    label_th: str
    label_en: str
    max_score: str


@dataclass
class OpenTie:
    """Entries the round's tie-break chain could not separate, and the places their positions span."""

    rank: int
    key: str
    entries: list[tuple[int, str]]  # (entry id, title)
    places: list[tuple[str, str]]  # (Thai, English) labels of the places the tied positions carry
    crosses: bool  # the positions carry different places (or some carry none)


@dataclass
class Board:
    lines: list[Line]
    incomplete: list[Line]
    judges: list[Judge]
    criteria: list[Column]
    kendall_w: Decimal | None
    ties: list[OpenTie] = field(default_factory=list)
    result: PoolResult | None = None

    @property
    def disagreements(self) -> list[Line]:
        return [line for line in self.lines if line.disagreement]

    @property
    def titles(self) -> dict[int, str]:
        return {line.entry_id: line.title for line in self.lines + self.incomplete}

    def chart_rows(self) -> list[ChartRow]:
        rows = []
        for line in self.lines + self.incomplete:
            label = f"{line.rank}. {line.title}" if line.rank is not None else line.title
            rows.append(ChartRow(label, dict(line.judge_totals), line.total))
        return rows


def _range(totals: dict[int, Decimal]) -> Decimal | None:
    return max(totals.values()) - min(totals.values()) if totals else None


def from_computation(computation: Computation) -> Board:
    """The live standings, with the places each open tie's positions would carry."""
    round_ = computation.pool.round
    lines: list[Line] = []
    incomplete: list[Line] = []
    for row in computation.rows:
        entrant_th, entrant_en = entrant_names(row.entry)
        line = Line(
            entry_id=row.entry.id,
            title=row.entry.title,
            entrant_th=entrant_th,
            entrant_en=entrant_en,
            rank=row.rank,
            place_th=row.place.label_th if row.place else "",
            place_en=row.place.label_en if row.place else "",
            total=row.total,
            judge_totals=dict(row.judge_totals),
            criterion_means=dict(row.criterion_means),
            spread=row.spread if row.complete else _range(row.judge_totals),
            disagreement=row.disagreement,
            unresolved=row.unresolved,
            decided_by=row.decided_by,
        )
        (lines if row.complete else incomplete).append(line)
    rule = places_of(round_)
    ties = []
    for tie in computation.ties:
        spanned = list(dict.fromkeys(rule.place_at(tie.rank + i) for i in range(len(tie.entries))))
        ties.append(
            OpenTie(
                rank=tie.rank,
                key=tie.key,
                entries=[(entry.id, entry.title) for entry in tie.entries],
                places=[(p.label_th, p.label_en) if p else ("", "") for p in spanned],
                crosses=len(spanned) > 1,
            )
        )
    return Board(
        lines=lines,
        incomplete=incomplete,
        judges=[Judge(judge.id, judge.full_name) for judge in computation.judges],
        criteria=[
            Column(c.key, c.label_th, c.label_en or c.label_th, f"{c.max_score.normalize():f}")
            for c in round_.criteria
        ],
        kendall_w=computation.kendall_w,
        ties=ties,
    )


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _line(row: dict[str, Any]) -> Line:
    place = row.get("place") or {}
    totals = {int(judge): Decimal(total) for judge, total in row.get("judge_totals", {}).items() if total}
    return Line(
        entry_id=row["entry_id"],
        title=row.get("title", ""),
        entrant_th=row.get("entrant_th", ""),
        entrant_en=row.get("entrant_en", "") or row.get("entrant_th", ""),
        rank=row.get("rank"),
        place_th=place.get("th", ""),
        place_en=place.get("en", ""),
        total=_decimal(row.get("total")),
        judge_totals=totals,
        criterion_means={k: Decimal(v) for k, v in row.get("criterion_means", {}).items() if v},
        spread=_range(totals),
        disagreement=bool(row.get("disagreement")),
        decided_by=row.get("decided_by", ""),
    )


def from_result(result: PoolResult) -> Board:
    """A frozen version as it was approved: names, numbers and columns from its snapshot."""
    standings = result.standings
    lines = [_line(row) for row in standings.get("rows", [])]
    criteria = standings.get("criteria", [])
    return Board(
        lines=[line for line in lines if line.rank is not None],
        incomplete=[line for line in lines if line.rank is None],
        judges=[Judge(int(j["id"]), j.get("name", "")) for j in standings.get("judges", [])],
        criteria=[
            Column(c["key"], c.get("th", c["key"]), c.get("en") or c.get("th", c["key"]), c.get("max") or "")
            for c in criteria
        ],
        kendall_w=_decimal(standings.get("kendall_w")),
        result=result,
    )


def change_value(value: Any, locale: str) -> str:
    """A changed field's old or new value as text: a place by its label, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return str(value.get("en" if locale == "en" else "th") or value.get("th") or "—")
    return str(value)
