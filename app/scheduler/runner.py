"""The scheduler process (`flask scheduler run`): APScheduler 3 with its jobs in the application's database,
run by whichever process holds the lease. Never started by ``create_app`` or a web worker.

While it leads, the process keeps APScheduler's date jobs in step with the rounds' dates (every
``SCHEDULER_SYNC_SECONDS`` and at start: a changed date moves its job, a deleted round loses its jobs, a
job missed while no scheduler ran is due at once), sends the outbox every ``OUTBOX_INTERVAL_SECONDS`` and
sends the organizers' digest every morning at ``DIGEST_HOUR`` Bangkok time.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

from app import mail
from app.extensions import db
from app.models.base import utcnow
from app.scheduler import digest, jobs, lease

log = logging.getLogger(__name__)
ROUND_PREFIX = "round:"

_app: Flask | None = None
_holder = ""


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def link_context(app: Flask) -> Any:
    """A request context outside any request, so that jobs build links that point at PUBLIC_BASE_URL."""
    base_url = app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000"
    return app.test_request_context("/", base_url=base_url)


@contextmanager
def job_context() -> Iterator[None]:
    """An app and request context for a job run in a scheduler thread, with its own database session."""
    if _app is None:
        raise RuntimeError("the scheduler runner is not bound to an app")
    with link_context(_app):
        try:
            yield
        finally:
            db.session.remove()


def round_job(round_id: int, kind: str, days_before: int) -> None:
    """What APScheduler calls at a round's moment (stored in the job table by this textual reference)."""
    with job_context():
        outcome = jobs.run_round_job(db.session, round_id, kind, days_before, utcnow(), holder=_holder)
        log.info("round %s %s (%sd): %s", round_id, kind, days_before, outcome.detail)


def outbox_job() -> None:
    with job_context():
        delivery = mail.deliver_due(db.session, utcnow())
        if delivery.sent or delivery.failed or delivery.retrying:
            log.info("outbox: %d sent, %d to retry, %d failed", *map(len, vars(delivery).values()))


def digest_job() -> None:
    with job_context():
        log.info("digest: %s", digest.daily_digest(db.session, utcnow(), holder=_holder).detail)


def sync_job() -> None:
    """Bring APScheduler's date jobs in line with the rounds' dates, and publish late approvals."""
    if _scheduler is None:
        return
    with job_context():
        sync(_scheduler, db.session, utcnow())
        jobs.publish_late_approvals(db.session, utcnow())


_scheduler: BackgroundScheduler | None = None


def sync(scheduler: BackgroundScheduler, session: sa.orm.Session, now: datetime) -> dict[str, int]:
    """Add, move and remove round jobs so that each job still to run has one APScheduler job at its
    moment. A moment already past is due at once (that is how missed jobs catch up)."""
    wanted = {job.job_id: job for job in jobs.pending_jobs(session)}
    session.commit()
    report = {"added": 0, "moved": 0, "removed": 0}
    existing = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(ROUND_PREFIX)}
    for job_id in existing:
        if job_id not in wanted:
            scheduler.remove_job(job_id)
            report["removed"] += 1
    for job_id, planned_job in wanted.items():
        current = existing.get(job_id)
        if current is not None and current.trigger.run_date == planned_job.due:
            continue
        scheduler.add_job(
            round_job,
            "date",
            run_date=planned_job.due,
            id=job_id,
            args=[planned_job.round_id, planned_job.kind, planned_job.days_before],
            replace_existing=True,
        )
        report["moved" if current is not None else "added"] += 1
    return report


def build_scheduler(app: Flask) -> BackgroundScheduler:
    config = app.config
    store = SQLAlchemyJobStore(engine=db.engine, tablename="apscheduler_jobs")
    scheduler = BackgroundScheduler(
        timezone=jobs.BANGKOK,
        jobstores={"default": store},
        executors={"default": ThreadPoolExecutor(4)},
        job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
    )
    scheduler.add_job(
        outbox_job, "interval", seconds=config["OUTBOX_INTERVAL_SECONDS"], id="outbox", replace_existing=True
    )
    scheduler.add_job(
        sync_job, "interval", seconds=config["SCHEDULER_SYNC_SECONDS"], id="sync", replace_existing=True
    )
    scheduler.add_job(
        digest_job, "cron", hour=config["DIGEST_HOUR"], minute=0, id="digest", replace_existing=True
    )
    return scheduler


def run(
    app: Flask, stop: threading.Event, *, holder: str | None = None, clock: Callable[[], datetime] = utcnow
) -> None:
    """Wait for the lease, lead while it is held, and give it up on ``stop`` (Ctrl-C or SIGTERM)."""
    global _app, _holder, _scheduler
    _app, _holder = app, holder or holder_name()
    seconds = int(app.config["SCHEDULER_LEASE_SECONDS"])
    pause = max(seconds / 3, 0.5)
    with app.app_context():
        engine = db.engine
        log.info("scheduler %s waiting for the lease", _holder)
        while not stop.is_set():
            if not lease.acquire(engine, _holder, clock(), seconds):
                stop.wait(pause)
                continue
            log.info("scheduler %s leads", _holder)
            _scheduler = build_scheduler(app)
            _scheduler.start()
            try:
                sync_job()
                while not stop.wait(pause):
                    if not lease.acquire(engine, _holder, clock(), seconds):
                        log.warning("scheduler %s lost the lease", _holder)
                        break
            finally:
                _scheduler.shutdown(wait=True)
                _scheduler = None
            if stop.is_set():
                lease.release(engine, _holder)
                log.info("scheduler %s stopped", _holder)


def status(app: Flask) -> dict[str, Any]:
    """The lease holder and the jobs in APScheduler's table, for `flask scheduler status`."""
    with app.app_context():
        holder = lease.holder_of(db.engine, utcnow())
        store = SQLAlchemyJobStore(engine=db.engine, tablename="apscheduler_jobs")
        store.start(None, "default")  # type: ignore[arg-type]
        pending = [(job.id, job.next_run_time) for job in store.get_all_jobs()]
        return {"holder": holder, "jobs": pending}
