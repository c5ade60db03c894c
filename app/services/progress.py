"""How judging is going: sheets in per judge and per entry, who is late, recusals, conflicts and the
chair's sign-off; and a sheet's history as readable changes.

A sheet counts as in once it is submitted (or signed). An assignment a judge recused from is not expected.
A judge with sheets outstanding is *overdue* once the judging window has closed and *due soon* in the
24 hours before. Every page is built from a fixed number of queries, whatever the number of entries.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased, selectinload

from app.models import (
    Assignment,
    CommitteeMember,
    CommitteeRole,
    Entry,
    EntryState,
    Pool,
    PoolSignoff,
    Round,
    Scoresheet,
    SheetEvent,
    User,
)
from app.services import committees
from app.services.overview import pool_scope, pool_sort_key
from judging import SheetState

DUE_SOON = timedelta(hours=24)
IN = (SheetState.SUBMITTED, SheetState.SIGNED)


class Lateness(enum.StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def lateness(deadline: datetime | None, outstanding: int, now: datetime) -> Lateness:
    """Overdue after the deadline, due soon within 24 hours of it, while sheets are outstanding."""
    if not outstanding or deadline is None or now < deadline - DUE_SOON:
        return Lateness.ON_TIME
    return Lateness.OVERDUE if now >= deadline else Lateness.DUE_SOON


@dataclass(frozen=True)
class Tally:
    """Sheets expected (assignments not recused) and sheets in."""

    expected: int = 0
    submitted: int = 0

    @property
    def outstanding(self) -> int:
        return self.expected - self.submitted

    @property
    def complete(self) -> bool:
        return self.outstanding == 0


@dataclass(frozen=True)
class JudgeProgress:
    user: User
    role: CommitteeRole | None  # None: no longer on the committee but still holds assignments
    tally: Tally
    lateness: Lateness


@dataclass(frozen=True)
class EntryProgress:
    entry: Entry
    tally: Tally
    recused: int


@dataclass(frozen=True)
class Cell:
    """One judge's sheet for one entry: ``none`` (no sheet yet), a sheet state, or ``recused``."""

    state: str
    sheet_id: int | None = None


@dataclass(frozen=True)
class Recusal:
    entry: Entry
    judge: User
    reason: str
    at: datetime | None


@dataclass
class PoolProgress:
    pool: Pool
    deadline: datetime | None
    judges: list[JudgeProgress]
    entries: list[EntryProgress]
    cells: dict[tuple[int, int], Cell]
    recusals: list[Recusal]
    conflicts: list[committees.Conflict]
    signoff: PoolSignoff | None
    signed_by: User | None
    total: Tally = field(default_factory=Tally)

    def cell(self, entry: Entry, judge: User) -> Cell | None:
        return self.cells.get((entry.id, judge.id))

    @property
    def outstanding(self) -> list[tuple[Entry, User]]:
        """(entry, judge) of every expected sheet not yet in, by entry then judge."""
        users = {j.user.id: j.user for j in self.judges}
        entries = {e.entry.id: (i, e.entry) for i, e in enumerate(self.entries)}
        missing = [
            key
            for key, cell in self.cells.items()
            if key[0] in entries and cell.state not in IN and cell.state != "recused"
        ]
        missing.sort(key=lambda key: (entries[key[0]][0], users[key[1]].full_name))
        return [(entries[entry_id][1], users[judge_id]) for entry_id, judge_id in missing]


def _assignment_rows(session: Session, pool: Pool) -> list[Any]:
    sheet = aliased(Scoresheet)
    return list(
        session.execute(
            sa.select(
                Assignment.entry_id,
                Assignment.judge_id,
                Assignment.recused_at,
                Assignment.recusal_reason,
                sheet.id,
                sheet.state,
            )
            .outerjoin(
                sheet,
                sa.and_(
                    sheet.pool_id == Assignment.pool_id,
                    sheet.entry_id == Assignment.entry_id,
                    sheet.judge_id == Assignment.judge_id,
                ),
            )
            .where(Assignment.pool_id == pool.id)
            .order_by(Assignment.id)
        )
    )


def _cells(rows: list[Any]) -> dict[tuple[int, int], Cell]:
    cells = {}
    for entry_id, judge_id, recused_at, _reason, sheet_id, state in rows:
        kind = "recused" if recused_at is not None else (SheetState(state).value if state else "none")
        cells[(entry_id, judge_id)] = Cell(kind, sheet_id)
    return cells


def _tallies(cells: dict[tuple[int, int], Cell], index: int) -> dict[int, Tally]:
    expected: Counter[int] = Counter()
    submitted: Counter[int] = Counter()
    for key, cell in cells.items():
        if cell.state != "recused":
            expected[key[index]] += 1
            submitted[key[index]] += cell.state in IN
    return {k: Tally(expected[k], submitted[k]) for k in expected}


def _judges(
    session: Session, pool: Pool, cells: dict[tuple[int, int], Cell], deadline: datetime | None, now: datetime
) -> list[JudgeProgress]:
    members = [m for m in committees.members_of(session, pool) if m.role.scores]
    roles: dict[int, CommitteeRole | None] = {m.user_id: m.role for m in members}
    users = {m.user_id: m.user for m in members}
    missing = {judge_id for _entry, judge_id in cells} - users.keys()
    if missing:
        users |= {u.id: u for u in session.scalars(sa.select(User).where(User.id.in_(missing)))}
    tallies = _tallies(cells, 1)
    result = []
    for user_id, user in users.items():
        tally = tallies.get(user_id, Tally())
        result.append(
            JudgeProgress(user, roles.get(user_id), tally, lateness(deadline, tally.outstanding, now))
        )
    return result


def pool_progress(session: Session, pool: Pool, now: datetime) -> PoolProgress:
    """The pool's judging so far (see the module's rules)."""
    round_ = pool.round
    rows = _assignment_rows(session, pool)
    cells = _cells(rows)
    judges = _judges(session, pool, cells, round_.judging_close_at, now)
    entries = committees.submitted_entries(session, pool)
    per_entry = _tallies(cells, 0)
    recused = Counter(entry_id for (entry_id, _judge), c in cells.items() if c.state == "recused")
    by_entry, by_judge = {e.id: e for e in entries}, {j.user.id: j.user for j in judges}
    signoff = session.scalar(sa.select(PoolSignoff).where(PoolSignoff.pool_id == pool.id))
    return PoolProgress(
        pool=pool,
        deadline=round_.judging_close_at,
        judges=judges,
        entries=[EntryProgress(e, per_entry.get(e.id, Tally()), recused[e.id]) for e in entries],
        cells=cells,
        recusals=[
            Recusal(by_entry[entry_id], by_judge[judge_id], reason, recused_at)
            for entry_id, judge_id, recused_at, reason, _sheet, _state in rows
            if recused_at is not None and entry_id in by_entry
        ],
        conflicts=committees.conflicts_for(pool),
        signoff=signoff,
        signed_by=session.get(User, signoff.signed_by_id) if signoff and signoff.signed_by_id else None,
        total=Tally(
            sum(t.expected for t in per_entry.values()), sum(t.submitted for t in per_entry.values())
        ),
    )


# The round: every pool the organizer covers ---------------------------------------------------------


@dataclass(frozen=True)
class PoolRow:
    pool: Pool
    entries: int
    judges: int
    tally: Tally
    signed: bool
    lateness: Lateness


def _grouped(session: Session, query: sa.Select[Any]) -> dict[int, Any]:
    return {row[0]: row[1:] for row in session.execute(query)}


def round_progress(session: Session, round_: Round, user: Any, now: datetime) -> list[PoolRow]:
    """One row per pool of the round that the organizer covers, with a committee or entries."""
    pools = session.scalars(
        sa.select(Pool)
        .where(Pool.round_id == round_.id, pool_scope(user))
        .options(selectinload(Pool.province), selectinload(Pool.region))
    ).all()
    in_round = sa.select(Pool.id).where(Pool.round_id == round_.id).scalar_subquery()
    entries = _grouped(
        session,
        sa.select(Entry.pool_id, sa.func.count(Entry.id))
        .where(Entry.pool_id.in_(in_round), Entry.state == EntryState.SUBMITTED)
        .group_by(Entry.pool_id),
    )
    judges = _grouped(
        session,
        sa.select(CommitteeMember.pool_id, sa.func.count(CommitteeMember.id))
        .where(CommitteeMember.pool_id.in_(in_round), CommitteeMember.role != CommitteeRole.SECRETARY)
        .group_by(CommitteeMember.pool_id),
    )
    sheets = sheet_counts(session, in_round)
    signed = set(session.scalars(sa.select(PoolSignoff.pool_id).where(PoolSignoff.pool_id.in_(in_round))))
    rows = []
    for pool in sorted(pools, key=pool_sort_key):
        n_entries, n_judges = entries.get(pool.id, (0,))[0], judges.get(pool.id, (0,))[0]
        if not (n_entries or n_judges):
            continue
        tally = Tally(*sheets.get(pool.id, (0, 0)))
        late = lateness(round_.judging_close_at, tally.outstanding, now)
        rows.append(PoolRow(pool, n_entries, n_judges, tally, pool.id in signed, late))
    return rows


def sheet_counts(session: Session, pool_ids: Any) -> dict[int, Any]:
    """Per pool: (sheets expected from assignments not recused, sheets submitted or signed)."""
    sheet = aliased(Scoresheet)
    return _grouped(
        session,
        sa.select(
            Assignment.pool_id,
            sa.func.count(Assignment.id),
            sa.func.count(sheet.id),
        )
        .outerjoin(
            sheet,
            sa.and_(
                sheet.pool_id == Assignment.pool_id,
                sheet.entry_id == Assignment.entry_id,
                sheet.judge_id == Assignment.judge_id,
                sheet.state.in_(IN),
            ),
        )
        .where(Assignment.pool_id.in_(pool_ids), Assignment.recused_at.is_(None))
        .group_by(Assignment.pool_id),
    )


# A sheet's history ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One value that an event changed: a criterion's score or comment, or the overall comment."""

    kind: str  # score, comment or overall_comment
    key: str
    old: str | None
    new: str | None


def changes_of(event: SheetEvent) -> list[Change]:
    """Only the values that differ between the event's old and new sheet."""
    old, new = event.old or {}, event.new or {}
    changes = []
    for kind, section in (("score", "scores"), ("comment", "comments")):
        before, after = old.get(section) or {}, new.get(section) or {}
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                changes.append(Change(kind, key, before.get(key), after.get(key)))
    if (old.get("overall_comment") or "") != (new.get("overall_comment") or ""):
        changes.append(Change("overall_comment", "", old.get("overall_comment"), new.get("overall_comment")))
    return changes


def sheet_events(session: Session, sheet: Scoresheet) -> list[tuple[SheetEvent, list[Change]]]:
    """The sheet's events, oldest first, each with what it changed."""
    events = session.scalars(
        sa.select(SheetEvent)
        .where(SheetEvent.sheet_id == sheet.id)
        .options(selectinload(SheetEvent.user))
        .order_by(SheetEvent.at, SheetEvent.id)
    ).all()
    return [(event, changes_of(event)) for event in events]
