"""A pool's standings, computed by ``judging`` from its submitted sheets with the round's rules: ranks,
places, aggregate scores, each judge's total, each criterion's mean, and the flags a committee must look
at (a tie the chain could not separate, a wide disagreement between judges, Kendall's W).

What is computed here is live and private; :mod:`app.services.publication` freezes it into a
:class:`~app.models.PoolResult` when the chair approves it. ``snapshot`` is that frozen form: plain JSON
with names as they were, which the public pages, the JSON API, certificates and exports read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import (
    Advancement,
    Assignment,
    CommitteeMember,
    CommitteeRole,
    Entry,
    EntryState,
    Pool,
    PoolSignoff,
    Scoresheet,
    TieDecision,
    Unit,
    User,
)
from app.services.rules import aggregation_of, places_of, rubric_of, tie_breaks_of
from app.services.scoresheets import outstanding_assignments
from judging import (
    CommitteeDecision,
    CriterionMean,
    EntryResult,
    JudgesRankingFirst,
    Median,
    Place,
    SheetState,
    Standings,
    aggregate,
    display,
    kendalls_w,
    places_for,
    rank_entries,
    spread,
)
from judging import Scoresheet as JudgedSheet

DISAGREEMENT_POINTS = Decimal(20)
"""Judges' totals for one entry further apart than this (out of 100) are flagged for the committee."""

COUNTED = (SheetState.SUBMITTED, SheetState.SIGNED)


@dataclass
class Row:
    """One entry in the standings."""

    entry: Entry
    rank: int | None = None
    place: Place | None = None
    total: Decimal | None = None
    judge_totals: dict[int, Decimal] = field(default_factory=dict)
    criterion_means: dict[str, Decimal] = field(default_factory=dict)
    decided_by: str = ""  # how a tie was broken: "criterion:<key>", "judges_first", "median", "committee"
    spread: Decimal | None = None
    disagreement: bool = False
    unresolved: bool = False

    @property
    def complete(self) -> bool:
        return self.rank is not None


@dataclass
class Tie:
    """Entries the round's chain left tied at one rank: the committee must order them."""

    rank: int
    entries: list[Entry]

    @property
    def key(self) -> str:
        return tie_key(e.id for e in self.entries)


@dataclass
class Computation:
    pool: Pool
    rows: list[Row]  # ranked entries by rank, then the incomplete ones
    judges: list[User]
    ties: list[Tie]
    kendall_w: Decimal | None
    signed: bool
    outstanding: list[tuple[Entry, User]]
    decisions: list[TieDecision]
    standings: Standings

    @property
    def incomplete(self) -> list[Entry]:
        return [row.entry for row in self.rows if not row.complete]

    @property
    def disagreements(self) -> list[Row]:
        return [row for row in self.rows if row.disagreement]


def tie_key(entry_ids: Iterable[int]) -> str:
    return ",".join(str(i) for i in sorted(entry_ids))


def pool_entries(session: Session, pool: Pool) -> list[Entry]:
    """The pool's submitted entries, including those that have since advanced to the next level."""
    advanced = sa.select(Advancement.entry_id).where(Advancement.from_pool_id == pool.id)
    return list(
        session.scalars(
            sa.select(Entry)
            .where(
                Entry.state == EntryState.SUBMITTED,
                sa.or_(Entry.pool_id == pool.id, Entry.id.in_(advanced)),
            )
            .options(
                joinedload(Entry.unit).joinedload(Unit.province),
                joinedload(Entry.person),
                selectinload(Entry.authors),
            )
            .order_by(Entry.id)
        ).unique()
    )


def _judged_sheets(session: Session, pool: Pool) -> tuple[list[JudgedSheet], dict[int, User]]:
    recused = {
        (entry_id, judge_id)
        for entry_id, judge_id in session.execute(
            sa.select(Assignment.entry_id, Assignment.judge_id).where(
                Assignment.pool_id == pool.id, Assignment.recused_at.is_not(None)
            )
        )
    }
    sheets = session.scalars(
        sa.select(Scoresheet)
        .where(Scoresheet.pool_id == pool.id, Scoresheet.state.in_(COUNTED))
        .options(selectinload(Scoresheet.scores), joinedload(Scoresheet.judge))
    ).unique()
    judged, judges = [], {}
    for sheet in sheets:
        values = {s.criterion_key: s.value for s in sheet.scores if s.value is not None}
        judged.append(
            JudgedSheet(
                judge_id=sheet.judge_id,
                entry_id=sheet.entry_id,
                scores=values,
                recused=(sheet.entry_id, sheet.judge_id) in recused,
            )
        )
        if (sheet.entry_id, sheet.judge_id) not in recused:
            judges[sheet.judge_id] = sheet.judge
    return judged, judges


def _decided_by(decided: object) -> str:
    if isinstance(decided, CriterionMean):
        return f"criterion:{decided.key}"
    if isinstance(decided, JudgesRankingFirst):
        return "judges_first"
    if isinstance(decided, Median):
        return "median"
    if isinstance(decided, CommitteeDecision):
        return "committee"
    return ""


def _criterion_means(result: EntryResult) -> dict[str, Decimal]:
    sums: dict[str, list[Decimal]] = {}
    for sheet in result.sheets:
        for key, value in sheet.scores.items():
            sums.setdefault(key, []).append(value)
    return {key: display(sum(values, Decimal(0)) / len(values)) for key, values in sums.items()}


def compute(session: Session, pool: Pool) -> Computation:
    """The pool's standings as they stand now, in a fixed number of queries."""
    round_ = pool.round
    rubric = rubric_of(round_.criteria)
    entries = pool_entries(session, pool)
    by_id = {entry.id: entry for entry in entries}
    sheets, judges = _judged_sheets(session, pool)
    results = aggregate(rubric, [s for s in sheets if s.entry_id in by_id], aggregation_of(round_), by_id)
    decisions = list(
        session.scalars(sa.select(TieDecision).where(TieDecision.pool_id == pool.id).order_by(TieDecision.id))
    )
    committee = [CommitteeDecision(tuple(d.order), d.reason) for d in decisions]
    standings = rank_entries(results, tie_breaks_of(round_), committee)
    places = places_for(standings, places_of(round_))
    by_result = {result.entry_id: result for result in results}
    unresolved = {entry_id for tie in standings.unresolved for entry_id in tie.entry_ids}
    rows = []
    for standing in standings.ranked:
        result = by_result[standing.entry_id]
        measured = spread(result, DISAGREEMENT_POINTS)
        rows.append(
            Row(
                entry=by_id[standing.entry_id],
                rank=standing.rank,
                place=places.place_of(standing.entry_id),
                total=display(standing.total),
                judge_totals={judge: display(total) for judge, total in result.sheet_totals.items()},
                criterion_means=_criterion_means(result),
                decided_by=_decided_by(standing.decided_by),
                spread=display(measured.range) if measured else None,
                disagreement=bool(measured and measured.flagged),
                unresolved=standing.entry_id in unresolved,
            )
        )
    for entry_id in standings.incomplete:
        result = by_result[entry_id]
        rows.append(
            Row(
                entry=by_id[entry_id],
                judge_totals={judge: display(total) for judge, total in result.sheet_totals.items()},
            )
        )
    ties = [Tie(tie.rank, [by_id[i] for i in tie.entry_ids]) for tie in standings.unresolved]
    return Computation(
        pool=pool,
        rows=rows,
        judges=sorted(judges.values(), key=lambda judge: judge.id),
        ties=ties,
        kendall_w=kendalls_w(results),
        signed=_signed(session, pool),
        outstanding=_outstanding(session, pool),
        decisions=decisions,
        standings=standings,
    )


def _signed(session: Session, pool: Pool) -> bool:
    return session.scalar(sa.select(PoolSignoff.id).where(PoolSignoff.pool_id == pool.id)) is not None


def _outstanding(session: Session, pool: Pool) -> list[tuple[Entry, User]]:
    pairs = outstanding_assignments(session, pool)
    if not pairs:
        return []
    entries = {e.id: e for e in session.scalars(sa.select(Entry).where(Entry.id.in_({p[0] for p in pairs})))}
    users = {u.id: u for u in session.scalars(sa.select(User).where(User.id.in_({p[1] for p in pairs})))}
    return [(entries[entry_id], users[judge_id]) for entry_id, judge_id in pairs]


def is_committee_member(session: Session, pool: Pool, user: Any) -> bool:
    return (
        session.scalar(
            sa.select(CommitteeMember.id).where(
                CommitteeMember.pool_id == pool.id, CommitteeMember.user_id == user.id
            )
        )
        is not None
    )


def is_chair(session: Session, pool: Pool, user: Any) -> bool:
    return (
        session.scalar(
            sa.select(CommitteeMember.id).where(
                CommitteeMember.pool_id == pool.id,
                CommitteeMember.user_id == user.id,
                CommitteeMember.role == CommitteeRole.CHAIR,
            )
        )
        is not None
    )


# The frozen form -----------------------------------------------------------------------------------


def entrant_names(entry: Entry) -> tuple[str, str]:
    """Who entered, in Thai and English: the officer and their unit for a story, else the unit."""
    unit_th, unit_en = entry.unit.name_th, entry.unit.name_en
    if entry.person is not None:
        return f"{entry.person.full_name} ({unit_th})", f"{entry.person.full_name} ({unit_en})"
    return unit_th, unit_en


def _number(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"kind": place.kind.value, "number": place.number, "th": place.label_th, "en": place.label_en}


def snapshot(computation: Computation) -> dict[str, Any]:
    """The standings as plain JSON, names included, for a result version."""
    round_ = computation.pool.round
    rows = []
    for row in computation.rows:
        entrant_th, entrant_en = entrant_names(row.entry)
        rows.append(
            {
                "entry_id": row.entry.id,
                "title": row.entry.title,
                "unit_id": row.entry.unit_id,
                "person_id": row.entry.person_id,
                "entrant_th": entrant_th,
                "entrant_en": entrant_en,
                "unit_short_th": row.entry.unit.short_name_th or row.entry.unit.name_th,
                "authors": [a.full_name for a in row.entry.authors],
                "rank": row.rank,
                "place": _place(row.place),
                "total": _number(row.total),
                "judge_totals": {str(judge): _number(total) for judge, total in row.judge_totals.items()},
                "criterion_means": {key: _number(mean) for key, mean in row.criterion_means.items()},
                "decided_by": row.decided_by,
                "disagreement": row.disagreement,
            }
        )
    return {
        "schema": 1,
        "rows": rows,
        "judges": [{"id": judge.id, "name": judge.full_name} for judge in computation.judges],
        "criteria": [
            {"key": c.key, "th": c.label_th, "en": c.label_en or c.label_th, "max": _number(c.max_score)}
            for c in round_.criteria
        ],
        "kendall_w": _number(computation.kendall_w),
        "decisions": [
            {"order": list(d.order), "reason": d.reason, "by": d.decided_by.full_name if d.decided_by else ""}
            for d in computation.decisions
        ],
        "show_scores": round_.show_scores,
    }


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """What a correction changed, entry by entry: title, entrant, place or total."""
    before = {row["entry_id"]: row for row in old.get("rows", [])}
    changes = []
    for row in new.get("rows", []):
        earlier = before.pop(row["entry_id"], None)
        for name in ("title", "entrant_th", "place", "total"):
            was = earlier.get(name) if earlier else None
            if was != row.get(name):
                changes.append({"entry_id": row["entry_id"], "field": name, "old": was, "new": row.get(name)})
    for entry_id, row in before.items():
        changes.append({"entry_id": entry_id, "field": "removed", "old": row.get("title"), "new": None})
    return changes
