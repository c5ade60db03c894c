"""The demo's judging: the Sisaket committee of the KM Challenge 2565 district-office round.

judge1 chairs, judge2 and judge3 are members, and the ``sisaket`` organizer is the secretary; every scoring
member is assigned to the pool's submitted entries. Their sheets, the sign-off and the published result are
the next step's (:mod:`app.services.demo_results`). Idempotent: what exists is kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Assignment, CommitteeMember, CommitteeRole, Contest, Pool, User
from app.services import committees
from app.services.demo_contest import CONTEST_NAME, SISAKET

COMMITTEE = (
    ("judge1", CommitteeRole.CHAIR),
    ("judge2", CommitteeRole.MEMBER),
    ("judge3", CommitteeRole.MEMBER),
)
SECRETARY = "sisaket"


def sisaket_pool(session: Session) -> Pool | None:
    """The district-office category's Sisaket province pool, once the demo contest exists."""
    contest = session.scalar(sa.select(Contest).where(Contest.name == CONTEST_NAME))
    if contest is None or len(contest.categories) < 2:
        return None
    round_ = contest.categories[1].rounds[0]
    return session.scalar(
        sa.select(Pool).where(Pool.round_id == round_.id, Pool.key == f"province:{SISAKET}")
    )


def _user(session: Session, username: str) -> User | None:
    return session.scalar(sa.select(User).where(User.username == username))


def _place_secretary(session: Session, pool: Pool) -> None:
    """The secretary organises and does not score, so an organizer without the judge role may hold it."""
    user = _user(session, SECRETARY)
    if user is None:
        return
    member = session.scalar(
        sa.select(CommitteeMember).where(
            CommitteeMember.pool_id == pool.id, CommitteeMember.user_id == user.id
        )
    )
    if member is None:
        session.add(CommitteeMember(pool_id=pool.id, user_id=user.id, role=CommitteeRole.SECRETARY))


def load_demo_committee(session: Session) -> list[str]:
    """Form the Sisaket committee and assign it (each only once)."""
    pool = sisaket_pool(session)
    if pool is None:
        return ["  Sisaket committee: skipped (no demo contest; load it first)"]
    for username, role in COMMITTEE:
        user = _user(session, username)
        if user is not None:
            committees.add_member(session, pool, user, role)
    _place_secretary(session, pool)
    session.flush()
    committees.assign(session, pool)
    judges = session.scalar(
        sa.select(sa.func.count(sa.distinct(Assignment.judge_id))).where(Assignment.pool_id == pool.id)
    )
    entries = session.scalar(
        sa.select(sa.func.count(sa.distinct(Assignment.entry_id))).where(Assignment.pool_id == pool.id)
    )
    return [f"  Sisaket committee: {judges} judges assigned to {entries} entries"]
