"""The organizers' morning digest: what changed in each organizer's area in the last 24 hours (entries and
score sheets submitted, results approved or published), one message each, once a day, only when something
did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app import mail
from app.models import Entry, JobRun, Pool, PoolResult, ResultState, Scoresheet, User
from app.permissions import can_organize_pool
from app.scheduler.jobs import BANGKOK, Outcome, already_ran, commit_run, when_text
from app.services.audiences import organizers


def daily_digest(session: Session, now: datetime, *, holder: str = "") -> Outcome:
    """Once a day, tell each organizer what changed in their area in the last 24 hours (only if something
    did)."""
    day = now.astimezone(BANGKOK).date().isoformat()
    key = f"digest@{day}"
    if already_ran(session, key):
        return Outcome(False, "already ran")
    since = now - timedelta(days=1)
    changes = _changes_by_pool(session, since, now)
    told = 0
    for user in organizers(session):
        lines = _digest_lines(user, changes)
        if not lines:
            continue
        subject = _l("What changed in KM Challenge, %(day)s", day=when_text(now, date_only=True))
        if mail.queue(
            session, user, "digest", subject, dedupe_key=f"{key}:{user.id}", lines=lines, since=since
        ):
            told += 1
    session.add(JobRun(key=key, kind="digest", ran_at=now, holder=holder, detail=f"{told} organizers told"))
    return commit_run(session, f"{told} organizers told")


@dataclass
class PoolChanges:
    pool: Pool
    entries: int = 0
    sheets: int = 0
    results: int = 0


def _changes_by_pool(session: Session, since: datetime, now: datetime) -> dict[int, PoolChanges]:
    """Entries submitted, sheets submitted and results approved or published, per pool, in a fixed number
    of queries."""
    changes: dict[int, PoolChanges] = {}
    window = (since, now)
    queries: list[tuple[str, Any]] = [
        ("entries", sa.select(Entry.pool_id, sa.func.count()).where(Entry.submitted_at.between(*window))),
        (
            "sheets",
            sa.select(Scoresheet.pool_id, sa.func.count()).where(Scoresheet.submitted_at.between(*window)),
        ),
        (
            "results",
            sa.select(PoolResult.pool_id, sa.func.count()).where(
                sa.or_(PoolResult.approved_at.between(*window), PoolResult.published_at.between(*window)),
                PoolResult.state != ResultState.SUPERSEDED,
            ),
        ),
    ]
    counted: dict[str, dict[int, int]] = {}
    for name, query in queries:
        counted[name] = {
            pool_id: n for pool_id, n in session.execute(query.group_by(sa.text("1"))).all() if pool_id
        }
    pool_ids = set().union(*(set(c) for c in counted.values()))
    if not pool_ids:
        return changes
    for pool in session.scalars(sa.select(Pool).where(Pool.id.in_(pool_ids))).all():
        changes[pool.id] = PoolChanges(
            pool,
            entries=counted["entries"].get(pool.id, 0),
            sheets=counted["sheets"].get(pool.id, 0),
            results=counted["results"].get(pool.id, 0),
        )
    return changes


def _digest_lines(user: User, changes: dict[int, PoolChanges]) -> list[PoolChanges]:
    return [change for change in changes.values() if can_organize_pool(user, change.pool)]
