"""A pool being judged now: submissions closed, two submitted entries, a committee assigned to both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.extensions import db
from app.models import (
    Assignment,
    CommitteeMember,
    CommitteeRole,
    Entry,
    EntryState,
    Pool,
    Round,
    User,
    entrant_key,
)
from app.models.base import utcnow
from app.services.contests import pool_for_unit
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.factories import Role


@dataclass
class JudgedPool:
    round: Round
    pool: Pool
    entries: list[Entry]
    chair: User
    judges: list[User]


def judging_now(round_: Round) -> None:
    """Submissions closed an hour ago; judging runs from then for a week."""
    now = utcnow()
    round_.submissions_open_at = now - timedelta(days=10)
    round_.submissions_close_at = now - timedelta(hours=1)
    round_.judging_open_at = now - timedelta(hours=1)
    round_.judging_close_at = now + timedelta(days=7)
    round_.announce_at = now + timedelta(days=8)
    db.session.flush()


def submitted_entry(round_: Round, unit: object, title: str) -> Entry:
    pool = pool_for_unit(db.session, round_, unit)  # type: ignore[arg-type]
    assert pool is not None
    entry = Entry(
        category_id=round_.category_id,
        pool_id=pool.id,
        unit_id=unit.id,  # type: ignore[attr-defined]
        entrant_key=entrant_key(unit.id, None),
        state=EntryState.SUBMITTED,  # type: ignore[attr-defined]
        title=title,
        summary="สรุป",
        body_html="<p>เนื้อหา</p>",
        submitted_at=utcnow(),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def judged_pool(judges: int = 2) -> JudgedPool:
    """Sisaket's district-office pool with two submitted entries, a chair and ``judges`` members, every
    scoring member assigned to every entry, judging open now."""
    geo = factories.small_geography()
    challenge = cf.km_challenge(open_categories=("district",))
    round_ = challenge.district.rounds[0]
    judging_now(round_)
    entries = [
        submitted_entry(round_, geo["phusing"], "ผลงานภูสิงห์"),
        submitted_entry(round_, geo["silalat"], "ผลงานศิลาลาด"),
    ]
    pool = entries[0].pool
    chair = factories.user(Role.JUDGE, username="chair")
    members = [factories.user(Role.JUDGE, username=f"judge{i}") for i in range(1, judges + 1)]
    db.session.add(CommitteeMember(pool_id=pool.id, user_id=chair.id, role=CommitteeRole.CHAIR))
    for member in members:
        db.session.add(CommitteeMember(pool_id=pool.id, user_id=member.id, role=CommitteeRole.MEMBER))
    for judge in [chair, *members]:
        for entry in entries:
            db.session.add(Assignment(pool_id=pool.id, entry_id=entry.id, judge_id=judge.id))
    db.session.flush()
    return JudgedPool(round_, pool, entries, chair, members)
