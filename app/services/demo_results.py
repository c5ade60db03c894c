"""The demo's announced result: Sisaket's district-office pool judged by its committee and published, through
the same services the pages use, so that ชนะเลิศ สพอ.ภูสิงห์, รองชนะเลิศอันดับ 1 สพอ.ศิลาลาด, อันดับ 2
สพอ.พยุห์ and อันดับ 3 สพอ.เบญจลักษ์ come out of real scoresheets, and ภูสิงห์ moves to the region 14 pool.

Every moment sits inside the round's own dates: the offices presented three days before the judging window
closed and each judge handed in a sheet after each presentation; the chair signed the pool off and approved
the result the next afternoon; the secretary published it at the announcement time. Idempotent: once the
pool has a result nothing is scored or approved again; a step that is refused leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload

from app.i18n import BANGKOK
from app.models import Entry, EntryState, Pool, PoolResult, PoolSignoff, ResultState, Round, User
from app.models.base import utcnow
from app.services import publication, scoresheets
from app.services.demo_contest import bangkok_time
from app.services.demo_scoring import SECRETARY, sisaket_pool
from app.services.demo_sheets import SHEETS
from app.services.publication import ResultError
from app.services.scoresheets import ScoringError, SheetInput
from judging import SheetState

CHAIR = "judge1"
SIGNER = ("นายสมชาย ใจดี", "พัฒนาการจังหวัดศรีสะเกษ")
PRESENTATION_MINUTES = 45


@dataclass(frozen=True)
class Plan:
    """When each thing happened, from the round's dates."""

    presented: datetime  # the first office's presentation
    signed: datetime
    approved: datetime
    published: datetime

    @classmethod
    def of(cls, round_: Round, now: datetime) -> Plan | None:
        """None while the judging window is still open (or unset): the result is not due yet."""
        if round_.judging_open_at is None or round_.judging_close_at is None or round_.judging_close_at > now:
            return None
        last_day = round_.judging_close_at.astimezone(BANGKOK).date()
        presented = max(bangkok_time(last_day, -3, 9, 0), round_.judging_open_at)
        signed = bangkok_time(last_day, -2, 15, 0)
        approved = signed + timedelta(minutes=20)
        published = max(approved, min(round_.announce_at or now, now))
        return cls(presented, signed, approved, published)

    def sheet_at(self, presentation: int, judge: int) -> datetime:
        """Judges hand in their sheets from 25 minutes into a presentation, four minutes apart."""
        return self.presented + timedelta(minutes=PRESENTATION_MINUTES * presentation + 25 + 4 * judge)


def load_demo_results(session: Session) -> list[str]:
    """Score, sign off, approve and publish the Sisaket pool's result once; report what was done or kept."""
    pool = sisaket_pool(session)
    if pool is None:
        return ["  Sisaket result: skipped (no demo contest; load it first)"]
    round_ = pool.round
    if not round_.certificate_signer_name:
        round_.certificate_signer_name, round_.certificate_signer_title = SIGNER
    result = publication.current_result(session, pool)
    if result is not None:
        if result.state is ResultState.APPROVED:
            publication.publish(session, result, user=_user(session, SECRETARY), now=utcnow())
            return [f"  Sisaket result: version {result.version} published now ({_winner(result)})"]
        return [f"  Sisaket result: version {result.version} {result.state.value}, kept ({_winner(result)})"]
    plan = Plan.of(round_, utcnow())
    if plan is None:
        return ["  Sisaket result: skipped (the round's judging window has not closed yet)"]
    try:
        with session.begin_nested():
            return [_judge_and_publish(session, pool, plan)]
    except (ScoringError, ResultError, ValueError) as error:  # ValueError: judging.ScoreProblems
        return [f"  Sisaket result: skipped ({error}; nothing was changed)"]


def _judge_and_publish(session: Session, pool: Pool, plan: Plan) -> str:
    submitted = _score(session, pool, plan)
    chair = _user(session, CHAIR)
    if chair is None:
        raise ResultError("no_chair")
    if session.scalar(sa.select(PoolSignoff.id).where(PoolSignoff.pool_id == pool.id)) is None:
        scoresheets.sign_pool(session, pool, chair=chair, now=plan.signed)
    result, advanced = publication.approve(session, pool, chair=chair, now=plan.approved)
    publication.publish(session, result, user=_user(session, SECRETARY), now=plan.published)
    moved = ", ".join(f"{a.entry.unit.short_name_th} to the {_pool_name(a.to_pool)}" for a in advanced.moved)
    return (
        f"  Sisaket result: {submitted} sheets submitted, signed off, approved and published "
        f"({_winner(result)}; moved {moved or 'nothing'})"
    )


def _score(session: Session, pool: Pool, plan: Plan) -> int:
    """Each judge's sheet for each office, submitted through :func:`scoresheets.save` at its moment."""
    entries = {
        entry.unit.code: entry
        for entry in session.scalars(
            sa.select(Entry)
            .where(Entry.pool_id == pool.id, Entry.state == EntryState.SUBMITTED)
            .options(joinedload(Entry.unit))
        )
    }
    usernames = {username for by_judge in SHEETS.values() for username in by_judge}
    found = session.scalars(sa.select(User).where(User.username.in_(usernames)))
    judges = {user.username: user for user in found}
    keys = [criterion.key for criterion in pool.round.criteria]
    submitted = 0
    for presentation, (code, by_judge) in enumerate(SHEETS.items()):
        entry = entries.get(code)
        for order, (username, (scores, remark)) in enumerate(by_judge.items()):
            judge = judges.get(username)
            if entry is None or judge is None:
                continue
            sheet = scoresheets.sheet_for(session, pool, entry, judge)
            if sheet.state is not SheetState.DRAFT:
                continue  # already handed in; kept as it is
            typed = SheetInput(dict(zip(keys, scores, strict=True)), overall_comment=remark)
            at = plan.sheet_at(presentation, order)
            scoresheets.save(
                session, sheet, typed, seen_version=sheet.version, user=judge, now=at, submit=True
            )
            submitted += 1
    return submitted


def _pool_name(pool: Pool) -> str:
    return pool.key.replace(":", " ") + " pool"  # region:14 -> region 14 pool


def _user(session: Session, username: str) -> User | None:
    return session.scalar(sa.select(User).where(User.username == username))


def _winner(result: PoolResult) -> str:
    for row in result.rows:
        if (row.get("place") or {}).get("kind") == "winner":
            return f"ชนะเลิศ {row.get('unit_short_th') or row.get('entrant_th')}"
    return "no winner"
