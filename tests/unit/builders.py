"""Small builders for readable rule tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from judging import (
    AggregationRule,
    Criterion,
    EntryResult,
    Rubric,
    Scoresheet,
    aggregate,
)

D = Decimal

ONE_SCORE = Rubric((Criterion("score", "คะแนน", "Score", D(100), step=D("0.5")),))
"""A one-criterion rubric out of 100: a sheet's total is its score."""

CONTENT_STYLE = Rubric(
    (
        Criterion("content", "เนื้อหา", "Content", D(60), step=D("0.5")),
        Criterion("style", "ลีลา", "Style", D(40), step=D("0.5")),
    )
)
"""Storytelling: content 60 + style 40 = 100."""


def sheets_from_totals(
    totals: Mapping[str, Sequence[float | int | str | None]],
) -> list[Scoresheet]:
    """Sheets on ONE_SCORE: entry -> one total per judge j1, j2, ...; None means recused."""
    return [
        Scoresheet(
            f"j{n}",
            entry,
            {} if total is None else {"score": D(str(total))},
            recused=total is None,
        )
        for entry, per_judge in totals.items()
        for n, total in enumerate(per_judge, start=1)
    ]


def results_from_totals(
    totals: Mapping[str, Sequence[float | int | str | None]],
    rule: AggregationRule | None = None,
) -> tuple[EntryResult, ...]:
    """Aggregate ONE_SCORE sheets built by :func:`sheets_from_totals`."""
    return aggregate(ONE_SCORE, sheets_from_totals(totals), rule, entry_ids=list(totals))


def content_style_sheets(
    entries: Mapping[str, Sequence[tuple[float | int, float | int]]],
) -> list[Scoresheet]:
    """Sheets on CONTENT_STYLE: entry -> one (content, style) pair per judge."""
    return [
        Scoresheet(f"j{n}", entry, {"content": D(str(c)), "style": D(str(s))})
        for entry, pairs in entries.items()
        for n, (c, s) in enumerate(pairs, start=1)
    ]
