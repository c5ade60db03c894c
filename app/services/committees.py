"""A pool's committee and who scores which entry.

Rules: a pool has at most one chair; the chair and members score, the secretary does not. A judge is never
assigned an entry they are in conflict with (``judging.conflict_reasons`` under the round's policy). With
``Pool.judges_per_entry`` empty every scoring member scores every submitted entry; with k, each entry gets k
judges, chosen so that the judges' loads differ by at most one where conflicts allow. Assigning again keeps
what exists; an assignment is only taken away while its judge has no scoresheet for the entry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, object_session, selectinload

from app.models import (
    Assignment,
    CommitteeMember,
    CommitteeRole,
    Entry,
    EntryState,
    Pool,
    Province,
    Role,
    RoleAssignment,
    Scoresheet,
    Unit,
    User,
)
from app.models.base import utcnow
from app.services.accounts import normalise_username
from app.services.rules import conflict_policy_of
from judging import Affiliation, ConflictReason, conflict_reasons

SCORING_ROLES = tuple(role for role in CommitteeRole if role.scores)


class CommitteeError(Exception):
    """A refused change; ``code`` names the rule (second_chair, not_a_judge, reason_required, ...)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Conflict:
    judge: User
    entry: Entry
    reasons: tuple[ConflictReason, ...]


@dataclass(frozen=True)
class Shortfall:
    """An entry with fewer active (not recused) judges than it needs."""

    entry: Entry
    judges: int
    needed: int


@dataclass
class AssignResult:
    added: int = 0
    removed: int = 0
    short: list[Shortfall] = field(default_factory=list)


# Committee ------------------------------------------------------------------------------------------


def members_of(session: Session, pool: Pool) -> list[CommitteeMember]:
    """The committee, chair first, then members, then the secretary; by user id within a role."""
    rows = session.scalars(
        sa.select(CommitteeMember)
        .where(CommitteeMember.pool_id == pool.id)
        .options(selectinload(CommitteeMember.user).selectinload(User.unit).selectinload(Unit.province))
    ).all()
    order = {role: i for i, role in enumerate(CommitteeRole)}
    return sorted(rows, key=lambda m: (order[m.role], m.user_id))


def scoring_judges(session: Session, pool: Pool) -> list[User]:
    """The chair and members, by user id."""
    return [m.user for m in sorted(members_of(session, pool), key=lambda m: m.user_id) if m.role.scores]


def is_judge(user: User) -> bool:
    return user.is_active and user.has_role(Role.JUDGE)


def add_member(session: Session, pool: Pool, user: User, role: CommitteeRole) -> CommitteeMember:
    """Put a person on the committee, or change the role of one already on it. The chair and members score,
    so they must be active judges; the secretary organises and needs only an active account (often an
    organizer of the province)."""
    if not (is_judge(user) if role.scores else user.is_active):
        raise CommitteeError("not_a_judge", user.username)
    chair = session.scalar(
        sa.select(CommitteeMember).where(
            CommitteeMember.pool_id == pool.id, CommitteeMember.role == CommitteeRole.CHAIR
        )
    )
    if role is CommitteeRole.CHAIR and chair is not None and chair.user_id != user.id:
        raise CommitteeError("second_chair", chair.user.full_name)
    member = session.scalar(
        sa.select(CommitteeMember).where(
            CommitteeMember.pool_id == pool.id, CommitteeMember.user_id == user.id
        )
    )
    if member is None:
        member = CommitteeMember(pool_id=pool.id, user_id=user.id, role=role)
        session.add(member)
    member.role = role
    if not role.scores:
        _drop_unscored(session, pool.id, user.id)
    session.flush()
    return member


def remove_member(session: Session, member: CommitteeMember) -> None:
    """Take someone off the committee; their assignments go too, except those they have begun scoring."""
    _drop_unscored(session, member.pool_id, member.user_id)
    session.delete(member)
    session.flush()


def _drop_unscored(session: Session, pool_id: int, judge_id: int) -> None:
    """Remove the judge's assignments in the pool that have no scoresheet."""
    sheeted = _sheeted(session, pool_id)
    for assignment in _assignments(session, pool_id):
        if assignment.judge_id == judge_id and (assignment.entry_id, judge_id) not in sheeted:
            session.delete(assignment)


# Conflicts ------------------------------------------------------------------------------------------


def affiliation_of(unit: Unit | None) -> Affiliation | None:
    """Where a unit sits; a unit outside any province has neither province nor region."""
    if unit is None:
        return None
    province: Province | None = unit.province
    return Affiliation(
        unit_id=unit.id,
        province_code=province.code if province else None,
        region_no=province.region.number if province else None,
    )


def reasons_between(pool: Pool, judge: User, entry: Entry) -> tuple[ConflictReason, ...]:
    """Why this judge must not score this entry in this pool (empty if nothing stands in the way)."""
    judge_at, entry_at = affiliation_of(judge.unit), affiliation_of(entry.unit)
    if judge_at is None or entry_at is None:
        return ()
    round_ = pool.round
    return conflict_reasons(judge_at, entry_at, round_.level, conflict_policy_of(round_))


def submitted_entries(session: Session, pool: Pool) -> list[Entry]:
    """The pool's submitted entries, oldest id first (a stable order for assigning)."""
    return list(
        session.scalars(
            sa.select(Entry)
            .where(Entry.pool_id == pool.id, Entry.state == EntryState.SUBMITTED)
            .options(selectinload(Entry.unit).selectinload(Unit.province))
            .order_by(Entry.id)
        )
    )


def conflicts_for(pool: Pool) -> list[Conflict]:
    """Every (scoring judge, submitted entry) pair in conflict, with the reasons."""
    session = object_session(pool)
    assert session is not None
    entries = submitted_entries(session, pool)
    return [
        Conflict(judge, entry, reasons)
        for judge in scoring_judges(session, pool)
        for entry in entries
        if (reasons := reasons_between(pool, judge, entry))
    ]


# Assignments ----------------------------------------------------------------------------------------


def _assignments(session: Session, pool_id: int) -> list[Assignment]:
    return list(
        session.scalars(sa.select(Assignment).where(Assignment.pool_id == pool_id).order_by(Assignment.id))
    )


def assignments_of(session: Session, pool: Pool) -> list[Assignment]:
    return _assignments(session, pool.id)


def _sheeted(session: Session, pool_id: int) -> set[tuple[int, int]]:
    """(entry id, judge id) of every scoresheet in the pool: those assignments are never taken away."""
    rows = session.execute(
        sa.select(Scoresheet.entry_id, Scoresheet.judge_id).where(Scoresheet.pool_id == pool_id)
    )
    return {(entry_id, judge_id) for entry_id, judge_id in rows}


def _drop_stale(
    session: Session, pool: Pool, judges: dict[int, User], entries: dict[int, Entry]
) -> tuple[list[Assignment], int]:
    """Remove unscored assignments of judges off the committee, of entries no longer submitted, and of
    pairs now in conflict; return those kept and how many went."""
    sheeted, kept, removed = _sheeted(session, pool.id), [], 0
    for assignment in _assignments(session, pool.id):
        judge, entry = judges.get(assignment.judge_id), entries.get(assignment.entry_id)
        stale = judge is None or entry is None or bool(reasons_between(pool, judge, entry))
        if stale and (assignment.entry_id, assignment.judge_id) not in sheeted:
            session.delete(assignment)
            removed += 1
        else:
            kept.append(assignment)
    return kept, removed


def assign(session: Session, pool: Pool) -> AssignResult:
    """Assign the committee to the pool's submitted entries (see the module's rules); safe to repeat."""
    judges = {judge.id: judge for judge in scoring_judges(session, pool)}
    entries = submitted_entries(session, pool)
    kept, removed = _drop_stale(session, pool, judges, {e.id: e for e in entries})
    taken = {(a.entry_id, a.judge_id) for a in kept}
    active = [a for a in kept if a.recused_at is None]
    load = Counter(a.judge_id for a in active)
    per_entry = Counter(a.entry_id for a in active)
    added = 0
    for entry in entries:
        eligible = [
            j
            for j in judges.values()
            if (entry.id, j.id) not in taken and not reasons_between(pool, j, entry)
        ]
        if pool.judges_per_entry is not None:
            need = max(pool.judges_per_entry - per_entry[entry.id], 0)
            eligible = sorted(eligible, key=lambda j: (load[j.id], j.id))[:need]
        for judge in eligible:
            session.add(Assignment(pool_id=pool.id, entry_id=entry.id, judge_id=judge.id))
            load[judge.id] += 1
            per_entry[entry.id] += 1
            added += 1
    session.flush()
    return AssignResult(added=added, removed=removed, short=lacking_judges(session, pool))


def lacking_judges(session: Session, pool: Pool) -> list[Shortfall]:
    """Entries with fewer active judges than k (or, when everyone scores everything, with none)."""
    active = Counter(a.entry_id for a in _assignments(session, pool.id) if a.recused_at is None)
    needed = pool.judges_per_entry or 1
    return [
        Shortfall(entry, active[entry.id], needed)
        for entry in submitted_entries(session, pool)
        if active[entry.id] < needed
    ]


def recuse(session: Session, assignment: Assignment, reason: str) -> Assignment:
    """The judge steps back from this entry; the reason is required and kept."""
    reason = (reason or "").strip()
    if not reason:
        raise CommitteeError("reason_required")
    if assignment.recused_at is not None:
        raise CommitteeError("already_recused")
    assignment.recused_at = utcnow()
    assignment.recusal_reason = reason
    session.flush()
    return assignment


def replace(session: Session, assignment: Assignment, new_judge: User) -> Assignment:
    """Another scoring member of the committee takes a recused judge's place on the entry."""
    pool = session.get(Pool, assignment.pool_id)
    assert pool is not None
    if assignment.recused_at is None:
        raise CommitteeError("not_recused")
    if new_judge.id not in {j.id for j in scoring_judges(session, pool)}:
        raise CommitteeError("not_a_scoring_member", new_judge.username)
    reasons = reasons_between(pool, new_judge, assignment.entry)
    if reasons:
        raise CommitteeError("conflict", ",".join(reasons))
    taken = session.scalar(
        sa.select(Assignment).where(
            Assignment.pool_id == pool.id,
            Assignment.entry_id == assignment.entry_id,
            Assignment.judge_id == new_judge.id,
        )
    )
    if taken is not None:
        raise CommitteeError("already_assigned", new_judge.username)
    replacement = Assignment(pool_id=pool.id, entry_id=assignment.entry_id, judge_id=new_judge.id)
    session.add(replacement)
    session.flush()
    return replacement


# The page's view of it all --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One judge and one entry: ``assigned``, ``recused`` (with the reason), ``conflict`` (with the
    reasons) or ``none``. An assignment kept despite a later conflict (already scored) shows both."""

    kind: str
    reasons: tuple[ConflictReason, ...] = ()
    recusal_reason: str = ""


@dataclass(frozen=True)
class Matrix:
    entries: list[Entry]
    judges: list[User]
    cells: dict[tuple[int, int], Cell]

    def cell(self, entry: Entry, judge: User) -> Cell:
        return self.cells[(entry.id, judge.id)]


def matrix(session: Session, pool: Pool) -> Matrix:
    """Submitted entries against scoring judges, each pair with its state."""
    entries, judges = submitted_entries(session, pool), scoring_judges(session, pool)
    existing = {(a.entry_id, a.judge_id): a for a in _assignments(session, pool.id)}
    cells = {}
    for entry in entries:
        for judge in judges:
            reasons = reasons_between(pool, judge, entry)
            assignment = existing.get((entry.id, judge.id))
            if assignment is not None and assignment.recused_at is not None:
                cells[(entry.id, judge.id)] = Cell("recused", reasons, assignment.recusal_reason)
            elif assignment is not None:
                cells[(entry.id, judge.id)] = Cell("assigned", reasons)
            else:
                cells[(entry.id, judge.id)] = Cell("conflict" if reasons else "none", reasons)
    return Matrix(entries, judges, cells)


def judge_candidates(session: Session, pool: Pool) -> list[User]:
    """Active judges not yet on this committee, for the add-member form's suggestions."""
    on_committee = sa.select(CommitteeMember.user_id).where(CommitteeMember.pool_id == pool.id)
    return list(
        session.scalars(
            sa.select(User)
            .join(User.roles)
            .where(User.active, RoleAssignment.role == Role.JUDGE, User.id.not_in(on_committee))
            .order_by(User.username)
            .distinct()
        )
    )


def find_judge(session: Session, username: str) -> User | None:
    """The active judge with this user name (case and surrounding spaces ignored), if any."""
    user = session.scalar(sa.select(User).where(User.username == normalise_username(username)))
    return user if user is not None and is_judge(user) else None
