"""What each timed job does. Every job takes ``now`` (so tests walk a round through its timeline with their
own clock), checks the current state before acting, and records what it did in ``job_run`` in the same
transaction as its effects: a job that runs twice, or in two schedulers at once, acts once; a job that runs
late does only what still makes sense (a reminder after its deadline is skipped, a result is still
published). Whether an entry or a score is accepted is never decided here: requests decide that from the
round's dates.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import mail
from app.i18n import thai_date, thai_datetime
from app.models import (
    Assignment,
    Entry,
    EntryState,
    JobRun,
    Pool,
    Round,
)
from app.notifications import notify
from app.scheduler import timeline
from app.scheduler.timeline import PlannedJob
from app.services import progress, publication
from app.services.audiences import entrants, organizers, organizers_of
from app.services.contests import missing_for_opening, open_round
from app.services.exports import pool_label
from judging import RoundState

log = logging.getLogger(__name__)
BANGKOK = ZoneInfo("Asia/Bangkok")


class Retry(str):
    """What an action returns when it could not act yet: nothing is recorded, so it runs again later."""


@dataclass(frozen=True)
class Outcome:
    """What a run of a job did: ``acted`` is False when it was not due, already done, or outdated."""

    acted: bool
    detail: str


def already_ran(session: Session, key: str) -> bool:
    return session.scalar(sa.select(JobRun.id).where(JobRun.key == key)) is not None


def run_round_job(
    session: Session, round_id: int, kind: str, days_before: int, now: datetime, *, holder: str = ""
) -> Outcome:
    """Run one round job if its moment (as the round's dates say now) has come and it has not run."""
    round_ = session.get(Round, round_id)
    if round_ is None:
        return Outcome(False, "round deleted")
    job = timeline.planned_job(round_, kind, days_before)
    if job is None:
        return Outcome(False, "no longer planned")
    if job.due > now:
        return Outcome(False, f"not due until {job.due.isoformat()}")
    if already_ran(session, job.key):
        return Outcome(False, "already ran")
    detail = ACTIONS[kind](session, round_, job, now)
    if isinstance(detail, Retry):
        session.commit()  # what it did say (a notice) stands; the job itself is still to do
        return Outcome(False, detail)
    session.add(
        JobRun(
            key=job.key,
            kind=kind,
            round_id=round_.id,
            due_at=job.due,
            ran_at=now,
            holder=holder,
            detail=detail,
        )
    )
    return commit_run(session, detail)


def commit_run(session: Session, detail: str) -> Outcome:
    try:
        session.commit()
    except IntegrityError:  # another scheduler recorded the same job first; its effects stand, ours go
        session.rollback()
        return Outcome(False, "already ran (another scheduler)")
    return Outcome(True, detail)


def pending_jobs(session: Session) -> list[PlannedJob]:
    """Every round job that the rounds' dates plan now and that has not run, soonest first (in two
    queries)."""
    rounds = session.scalars(sa.select(Round).where(Round.state != RoundState.PUBLISHED)).all()
    planned = [job for round_ in rounds for job in timeline.planned_jobs(round_)]
    done = set(
        session.scalars(sa.select(JobRun.key).where(JobRun.key.in_([job.key for job in planned]))).all()
    )
    return sorted((job for job in planned if job.key not in done), key=lambda job: job.due)


def due_jobs(session: Session, now: datetime) -> list[PlannedJob]:
    """The pending jobs whose moment has passed (what a scheduler that was down must catch up on)."""
    return [job for job in pending_jobs(session) if job.due <= now]


def catch_up(session: Session, now: datetime, *, holder: str = "") -> list[tuple[PlannedJob, Outcome]]:
    """Run every due job that has not run yet (at start, and after the scheduler was down). A job that
    fails is rolled back and logged; the others still run, and it is tried again on the next pass."""
    ran = []
    for job in due_jobs(session, now):
        try:
            outcome = run_round_job(session, job.round_id, job.kind, job.days_before, now, holder=holder)
        except Exception as error:  # one broken job must not stop the timeline of every other round
            session.rollback()
            log.exception("job %s failed", job.key)
            outcome = Outcome(False, f"failed: {type(error).__name__}: {error}")
        ran.append((job, outcome))
    return ran


# --- the round jobs -------------------------------------------------------------------------------------


def _open_submissions(session: Session, round_: Round, job: PlannedJob, now: datetime) -> str:
    """Open a draft round at its submission date when it is complete; otherwise tell the organizers."""
    if round_.state is not RoundState.DRAFT:
        return "already open"
    if round_.submissions_close_at is not None and now >= round_.submissions_close_at:
        return "skipped: submissions already closed"
    missing = missing_for_opening(round_)
    if missing:
        for user in organizers(session, national_only=True):
            notify(
                session,
                user.id,
                "round_not_ready",
                link=url_for("contests.show", contest_id=round_.category.contest_id),
                dedupe_key=f"{job.key}:{user.id}",
                round=f"{round_.category.contest.name}, {round_.category.name_th}",
                missing=", ".join(missing),
            )
        return Retry(f"not opened yet: missing {', '.join(missing)}")
    pools = open_round(session, round_, now)
    return f"opened, {len(pools)} pools created"


def _close_submissions(session: Session, round_: Round, job: PlannedJob, now: datetime) -> str:
    counts = Counter(
        session.scalars(
            sa.select(Entry.state).join(Pool, Pool.id == Entry.pool_id).where(Pool.round_id == round_.id)
        ).all()
    )
    return f"submissions closed: {counts[EntryState.SUBMITTED]} submitted, {counts[EntryState.DRAFT]} drafts"


def _remind_units(session: Session, round_: Round, job: PlannedJob, now: datetime) -> str:
    """Tell the entrants of every draft that submissions close soon (mail and in-app), once."""
    close = round_.submissions_close_at
    if close is None or now >= close:
        return "skipped: submissions already closed"
    if _nearer_reminder_due(close, job, now, "UNIT_REMINDER_DAYS"):
        return "skipped: a nearer reminder is due"
    drafts = session.scalars(
        sa.select(Entry)
        .join(Pool, Pool.id == Entry.pool_id)
        .where(Pool.round_id == round_.id, Entry.state == EntryState.DRAFT)
        .order_by(Entry.id)
    ).all()
    told = 0
    for entry in drafts:
        link = url_for("entries.show", entry_id=entry.id, _external=True)
        for user in entrants(session, entry):
            told += 1
            key = f"{job.key}:{entry.id}:{user.id}"
            subject = _l("Your entry is still a draft: %(title)s", title=entry.title)
            mail.queue(
                session,
                user,
                "draft_reminder",
                subject,
                dedupe_key=key,
                entry=entry,
                round=round_,
                close=close,
                link=link,
            )
            notify(
                session,
                user.id,
                "submissions_closing",
                link=link,
                dedupe_key=key,
                title=entry.title,
                when=when_text(close),
            )
    return f"{len(drafts)} drafts, {told} entrants reminded"


def _nearer_reminder_due(close: datetime, job: PlannedJob, now: datetime, setting: str) -> bool:
    """A reminder run so late that a nearer one (fewer days before the deadline) is due too gives way to
    it: one message, not two at once."""
    days = timeline.reminder_days(current_app.config[setting])
    return any(d < job.days_before and close - timedelta(days=d) <= now for d in days)


def _open_judging(session: Session, round_: Round, job: PlannedJob, now: datetime) -> str:
    """Tell every judge with entries to score that judging has opened (in-app); not once it has closed."""
    if round_.judging_close_at is not None and now >= round_.judging_close_at:
        return "skipped: judging already closed"
    rows = session.execute(
        sa.select(Assignment.judge_id, Assignment.pool_id, sa.func.count())
        .join(Pool, Pool.id == Assignment.pool_id)
        .where(Pool.round_id == round_.id, Assignment.recused_at.is_(None))
        .group_by(Assignment.judge_id, Assignment.pool_id)
    ).all()
    pools = {pool.id: pool for pool in round_.pools}
    for judge_id, pool_id, count in rows:
        notify(
            session,
            judge_id,
            "judging_open",
            link=url_for("scoring.home"),
            dedupe_key=f"{job.key}:{judge_id}:{pool_id}",
            pool=pool_label(pools[pool_id]),
            n=count,
        )
    return f"judging open: {len(rows)} judges told"


def _remind_judges(session: Session, round_: Round, job: PlannedJob, now: datetime) -> str:
    """Remind every judge with sheets outstanding, by mail and in-app, once per reminder."""
    close = round_.judging_close_at
    if close is None or now >= close:
        return "skipped: judging already closed"
    if _nearer_reminder_due(close, job, now, "JUDGE_REMINDER_DAYS"):
        return "skipped: a nearer reminder is due"
    told = 0
    for pool in round_.pools:
        report = progress.pool_progress(session, pool, now)
        for judge in report.judges:
            outstanding = judge.tally.outstanding
            if not outstanding:
                continue
            told += 1
            key = f"{job.key}:{pool.id}:{judge.user.id}"
            link = url_for("scoring.home", _external=True)
            subject = _l(
                "Reminder: %(n)d score sheets to submit, %(contest)s",
                n=outstanding,
                contest=round_.category.contest.name,
            )
            mail.queue(
                session,
                judge.user,
                "reminder",
                subject,
                dedupe_key=key,
                pool=pool,
                round=round_,
                outstanding=outstanding,
                deadline=close,
                link=link,
            )
            notify(
                session,
                judge.user.id,
                "judging_closing",
                link=url_for("scoring.home"),
                dedupe_key=key,
                n=outstanding,
                pool=pool_label(pool),
                when=when_text(close),
            )
    return f"{told} judges reminded"


def _close_judging(session: Session, round_: Round, job: PlannedJob, now: datetime) -> str:
    counts = progress.sheet_counts(session, [pool.id for pool in round_.pools])
    missing = sum(expected - submitted for expected, submitted in counts.values())
    return f"judging closed: {missing} sheets not submitted"


def _publish_results(session: Session, round_: Round, job: PlannedJob, now: datetime) -> str:
    """Publish the round's approved results; tell the organizers of pools with none approved."""
    approved, lacking = publication.due_for_publication(session, now)
    mine = [result for result in approved if result.pool.round_id == round_.id]
    for result in mine:
        publication.publish(session, result, user=None, now=now)
    unready = [pool for pool in lacking if pool.round_id == round_.id]
    for pool in unready:
        link = url_for("results_admin.pool", pool_id=pool.id, _external=True)
        for user in organizers_of(session, pool):
            key = f"{job.key}:{pool.id}:{user.id}"
            subject = _l("Result not approved at the announcement time: %(pool)s", pool=pool_label(pool))
            mail.queue(
                session,
                user,
                "result_not_approved",
                subject,
                dedupe_key=key,
                pool=pool,
                round=round_,
                link=link,
            )
            notify(
                session,
                user.id,
                "result_not_approved",
                link=url_for("results_admin.pool", pool_id=pool.id),
                dedupe_key=key,
                pool=pool_label(pool),
            )
    return f"{len(mine)} results published, {len(unready)} pools without an approved result"


ACTIONS = {
    timeline.OPEN: _open_submissions,
    timeline.CLOSE: _close_submissions,
    timeline.REMIND_UNITS: _remind_units,
    timeline.JUDGING_OPEN: _open_judging,
    timeline.REMIND_JUDGES: _remind_judges,
    timeline.JUDGING_CLOSE: _close_judging,
    timeline.PUBLISH: _publish_results,
}


# --- jobs that are not tied to one round ----------------------------------------------------------------


def publish_late_approvals(session: Session, now: datetime) -> int:
    """A result approved after its announcement time is published at the next pass (the round's publish
    job has already run)."""
    approved, _lacking = publication.due_for_publication(session, now)
    published = 0
    for result in approved:
        if already_ran(session, _publish_key(result.pool)):
            publication.publish(session, result, user=None, now=now)
            published += 1
    session.commit()
    return published


def _publish_key(pool: Pool) -> str:
    job = timeline.planned_job(pool.round, timeline.PUBLISH)
    return job.key if job is not None else ""


def when_text(moment: datetime, *, date_only: bool = False) -> str:
    """A moment as the notices and messages write it: Buddhist Era, Bangkok time."""
    return thai_date(moment) if date_only else thai_datetime(moment)
