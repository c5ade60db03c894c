"""From standings to a published result: the committee settles ties, the chair approves (which freezes a
version and moves the entries that advance into the next level's pool), an organizer publishes (or the
announcement time does), and a correction makes a new version with its reason.

Every step checks the current state first, so running it twice does no harm.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from app.models import Advancement, Category, Entry, Pool, PoolResult, ResultState, Round, TieDecision, User
from app.services import notices
from app.services.committees import affiliation_of
from app.services.results import Computation, changes_between, compute, snapshot, tie_key
from app.services.rules import advancement_of
from judging import CommitteeDecision, LevelChain, PoolStandings, RoundState, advance


class ResultError(Exception):
    """Why a step was refused; ``code`` picks the message, ``detail`` names what is missing."""

    def __init__(self, code: str, detail: Sequence[str] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.detail = list(detail)


@dataclass
class Advanced:
    """What approval did to the next level."""

    moved: list[Advancement] = field(default_factory=list)
    waiting: bool = False  # the next level's round has no pools yet (not opened)
    final: bool = False  # this is the last level


def results_of(session: Session, pool: Pool) -> list[PoolResult]:
    """Every version of the pool's result, newest first."""
    return list(
        session.scalars(
            sa.select(PoolResult).where(PoolResult.pool_id == pool.id).order_by(PoolResult.version.desc())
        )
    )


def current_result(session: Session, pool: Pool) -> PoolResult | None:
    """The newest version that is approved or published (not superseded)."""
    return session.scalar(
        sa.select(PoolResult)
        .where(PoolResult.pool_id == pool.id, PoolResult.state != ResultState.SUPERSEDED)
        .order_by(PoolResult.version.desc())
        .limit(1)
    )


def decide_tie(
    session: Session, pool: Pool, order: Sequence[int], reason: str, *, user: User, now: datetime
) -> TieDecision:
    """Record the committee's order for tied entries (best first) and why; a new decision on the same
    entries replaces the earlier one. Refused once the result is approved."""
    reason = (reason or "").strip()
    if not reason:
        raise ResultError("reason_required")
    if current_result(session, pool) is not None:
        raise ResultError("already_approved")
    computation = compute(session, pool)
    tied = next((tie for tie in computation.ties if tie.key == tie_key(order)), None)
    if tied is None or len(set(order)) != len(order):
        raise ResultError("not_a_tie")
    decision = session.scalar(
        sa.select(TieDecision).where(TieDecision.pool_id == pool.id, TieDecision.tie_key == tied.key)
    )
    if decision is None:
        decision = TieDecision(pool_id=pool.id, tie_key=tied.key)
        session.add(decision)
    decision.order, decision.reason = [int(i) for i in order], reason
    decision.decided_by_id, decision.decided_at = user.id, now
    session.flush()
    return decision


def approval_problems(computation: Computation) -> list[tuple[str, list[str]]]:
    """What stands between the standings and the chair's approval, each with what is missing."""
    problems: list[tuple[str, list[str]]] = []
    if computation.outstanding:
        missing = [f"{entry.title} – {judge.full_name}" for entry, judge in computation.outstanding]
        problems.append(("sheets_missing", missing))
    if not computation.signed:
        problems.append(("not_signed", []))
    if computation.incomplete:
        problems.append(("incomplete", [entry.title for entry in computation.incomplete]))
    if computation.ties:
        tied = [", ".join(e.title for e in tie.entries) for tie in computation.ties]
        problems.append(("unresolved_tie", tied))
    if not computation.rows:
        problems.append(("no_entries", []))
    return problems


def approve(session: Session, pool: Pool, *, chair: User, now: datetime) -> tuple[PoolResult, Advanced]:
    """The chair approves the standings: a frozen version, and the entries that advance move up."""
    if current_result(session, pool) is not None:
        raise ResultError("already_approved")
    computation = compute(session, pool)
    problems = approval_problems(computation)
    if problems:
        code, detail = problems[0]
        raise ResultError(code, detail)
    latest = results_of(session, pool)
    result = PoolResult(
        pool_id=pool.id,
        version=(latest[0].version + 1) if latest else 1,
        state=ResultState.APPROVED,
        standings=snapshot(computation),
        approved_by_id=chair.id,
        approved_at=now,
    )
    session.add(result)
    session.flush()
    return result, advance_from(session, pool, computation, result, now)


def publish(session: Session, result: PoolResult, *, user: User | None, now: datetime) -> PoolResult:
    """Make an approved version public; earlier published versions become superseded."""
    if result.state is ResultState.PUBLISHED:
        raise ResultError("already_published")
    if result.state is not ResultState.APPROVED:
        raise ResultError("superseded")
    for earlier in results_of(session, result.pool):
        if earlier.id != result.id and earlier.state is ResultState.PUBLISHED:
            earlier.state = ResultState.SUPERSEDED
    result.state = ResultState.PUBLISHED
    result.published_at, result.published_by_id = now, user.id if user else None
    session.flush()
    notices.result_published(session, result)
    session.flush()
    return result


def correct(session: Session, pool: Pool, *, user: User, reason: str, now: datetime) -> PoolResult:
    """A published result is frozen: a correction is a new version, published at once, with the reason and
    the list of what changed; the earlier version stays readable to organizers."""
    reason = (reason or "").strip()
    if not reason:
        raise ResultError("reason_required")
    published = current_result(session, pool)
    if published is None or published.state is not ResultState.PUBLISHED:
        raise ResultError("not_published")
    computation = compute(session, pool)
    problems = [p for p in approval_problems(computation) if p[0] != "sheets_missing"]
    if problems:
        code, detail = problems[0]
        raise ResultError(code, detail)
    standings = snapshot(computation)
    standings["changes"] = changes_between(published.standings, standings)
    result = PoolResult(
        pool_id=pool.id,
        version=published.version + 1,
        state=ResultState.APPROVED,
        standings=standings,
        note=reason,
        approved_by_id=user.id,
        approved_at=now,
    )
    session.add(result)
    session.flush()
    publish(session, result, user=user, now=now)
    advance_from(session, pool, computation, result, now)
    return result


def next_round(round_: Round) -> Round | None:
    rounds = sorted(round_.category.rounds, key=lambda r: r.position)
    later = [r for r in rounds if r.position > round_.position]
    return later[0] if later else None


def advance_from(
    session: Session, pool: Pool, computation: Computation, result: PoolResult, now: datetime
) -> Advanced:
    """Move the entries that advance (``judging.advance`` with the round's rule) into the next level's
    pool. An entry already moved from this pool stays where it is, so advancing again changes nothing."""
    round_ = pool.round
    following = next_round(round_)
    if following is None:
        return Advanced(final=True)
    targets = {p.key: p for p in following.pools}
    if following.state is RoundState.DRAFT or not targets:
        return Advanced(waiting=True)
    chain = LevelChain.of(*(scope.value for scope in round_.category.scopes))
    affiliations = {}
    for row in computation.rows:
        found = affiliation_of(row.entry.unit)
        if found is not None:
            affiliations[row.entry.id] = found
    decisions = [CommitteeDecision(tuple(d.order), d.reason) for d in computation.decisions]
    chosen = advance(
        [PoolStandings(pool.key, computation.standings)],
        chain=chain,
        level=round_.level.value,
        affiliations=affiliations,
        rule=advancement_of(round_),
        decisions=decisions,
    )
    done = {
        a.entry_id for a in session.scalars(sa.select(Advancement).where(Advancement.from_pool_id == pool.id))
    }
    by_id = {row.entry.id: row.entry for row in computation.rows}
    outcome = Advanced()
    for item in chosen.advancing:
        target = targets.get(item.to_pool)
        if item.entry_id in done or target is None:
            continue
        entry = by_id[item.entry_id]
        entry.pool_id = target.id
        moved = Advancement(
            entry_id=entry.id,
            from_pool_id=pool.id,
            to_pool_id=target.id,
            result_id=result.id,
            rank=item.rank,
            advanced_at=now,
        )
        session.add(moved)
        outcome.moved.append(moved)
        notices.entry_advanced(session, entry, target)
    session.flush()
    return outcome


def due_for_publication(session: Session, now: datetime) -> tuple[list[PoolResult], list[Pool]]:
    """Approved results whose round's announcement time has come, and the pools of such rounds that have
    no approved result yet (the organizer is to be told)."""
    approved = list(
        session.scalars(
            sa.select(PoolResult)
            .join(Pool, Pool.id == PoolResult.pool_id)
            .join(Round, Round.id == Pool.round_id)
            .where(PoolResult.state == ResultState.APPROVED, Round.announce_at <= now)
            .options(joinedload(PoolResult.pool))
        )
    )
    has_result = sa.select(PoolResult.pool_id).where(PoolResult.state != ResultState.SUPERSEDED)
    with_entries = sa.select(Entry.pool_id).where(Entry.state == "submitted")
    lacking = list(
        session.scalars(
            sa.select(Pool)
            .join(Round, Round.id == Pool.round_id)
            .where(
                Round.announce_at <= now,
                Round.state != RoundState.DRAFT,
                Pool.id.not_in(has_result),
                Pool.id.in_(with_entries),
            )
            .options(joinedload(Pool.round).joinedload(Round.category).joinedload(Category.contest))
        ).unique()
    )
    return approved, lacking


def publish_due(session: Session, now: datetime) -> tuple[list[PoolResult], list[Pool]]:
    """Publish every approved result whose announcement time has come (idempotent)."""
    approved, lacking = due_for_publication(session, now)
    for result in approved:
        publish(session, result, user=None, now=now)
    return approved, lacking
