"""The scheduler as it runs: APScheduler's jobs in the application's database follow the rounds' dates, the
lease lets one process lead, and on PostgreSQL two real `flask scheduler run` processes run each job once,
the second taking over when the first is killed."""

# ruff: noqa: F811  (pytest fixtures imported from smtp_server)
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import JobRun, OutboxMessage, Round
from app.models.base import utcnow
from app.scheduler import lease, runner
from judging import RoundState
from tests.integration import contest_factories as cf
from tests.integration.smtp_server import smtp  # noqa: F401
from tests.integration.test_scheduler_timeline import setting

ROOT = Path(__file__).resolve().parents[2]


def test_sync_keeps_apschedulers_jobs_in_step_with_the_rounds_dates(app):
    round_, *_rest = setting()
    draft = db.session.scalars(
        sa.select(Round).where(Round.state == RoundState.DRAFT, Round.position == 0).order_by(Round.id)
    ).first()
    cf.set_dates(draft, opens_in=timedelta(days=2))
    db.session.commit()
    scheduler = runner.build_scheduler(app)
    scheduler.start(paused=True)
    try:
        with runner.link_context(app):
            report = runner.sync(scheduler, db.session, utcnow())
            jobs = {job.id: job for job in scheduler.get_jobs()}
            close_id = f"round:{round_.id}:close_submissions"
            assert report["added"] == len([j for j in jobs if j.startswith("round:")]) == 9
            assert jobs[close_id].next_run_time == round_.submissions_close_at
            assert {"outbox", "sync", "digest"} <= set(jobs)
            stored = db.session.execute(sa.text("SELECT id FROM apscheduler_jobs")).scalars().all()
            assert close_id in stored  # kept in the application's database

            assert runner.sync(scheduler, db.session, utcnow()) == {"added": 0, "moved": 0, "removed": 0}
            moved_round = db.session.get(Round, round_.id)
            moved_round.submissions_close_at += timedelta(days=2)
            db.session.commit()
            report = runner.sync(scheduler, db.session, utcnow())
            assert report["moved"] == 3  # the close and its two reminders
            assert scheduler.get_job(close_id).next_run_time == moved_round.submissions_close_at

            db.session.delete(db.session.get(Round, draft.id))
            db.session.commit()
            assert runner.sync(scheduler, db.session, utcnow())["removed"] == 1
            assert scheduler.get_job(f"round:{draft.id}:open_submissions") is None
    finally:
        scheduler.shutdown(wait=False)


def test_the_lease_lets_one_holder_lead_and_passes_on_when_it_expires_or_is_released(app):
    engine, now = db.engine, utcnow()
    assert lease.acquire(engine, "a", now, 30) is True
    assert lease.acquire(engine, "b", now, 30) is False  # a holds it
    assert lease.acquire(engine, "a", now + timedelta(seconds=20), 30) is True  # a renews
    assert lease.acquire(engine, "b", now + timedelta(seconds=45), 30) is False  # renewed: still a's
    assert lease.acquire(engine, "b", now + timedelta(seconds=51), 30) is True  # a died: b takes it
    assert lease.holder_of(engine, now + timedelta(seconds=52)) == "b"
    assert lease.acquire(engine, "a", now + timedelta(seconds=55), 30) is False
    lease.release(engine, "b")
    assert lease.acquire(engine, "a", now + timedelta(seconds=56), 30) is True


def _start(name: str, smtp_port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "FLASK_APP": "wsgi.py",
        "DATABASE_URL": os.environ["TEST_DATABASE_URL"],
        "SECRET_KEY": "scheduler-test",
        "SCHEDULER_LEASE_SECONDS": "2",
        "SCHEDULER_SYNC_SECONDS": "1",
        "OUTBOX_INTERVAL_SECONDS": "1",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_port),
        "MAIL_DEFAULT_SENDER": "km@example.go.th",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "scheduler", "run", "--holder", name],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_for(condition, seconds: float = 40.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.rollback()
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("timed out waiting for the scheduler")


def _runs() -> list[JobRun]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(JobRun).order_by(JobRun.id)))


@pytest.mark.postgres_only
def test_two_scheduler_processes_run_each_job_once_and_the_second_takes_over(app, smtp):
    round_, *_rest = setting()
    now = utcnow()
    round_.submissions_open_at, round_.submissions_close_at = (
        now - timedelta(days=10),
        now - timedelta(days=2),
    )
    round_.judging_open_at, round_.judging_close_at = now - timedelta(days=1), now + timedelta(days=2)
    round_.announce_at = now + timedelta(days=5)
    db.session.commit()
    port = app.config["MAIL_PORT"]
    first, second = _start("first", port), _start("second", port)
    processes = {"first": first, "second": second}
    try:
        # remind_units 3d and 1d (too late), close_submissions, open_judging, remind_judges 3d
        _wait_for(lambda: len(_runs()) == 5 and len(smtp.messages) == 2)
        runs = _runs()
        assert len({run.key for run in runs}) == 5
        [leader] = {run.holder for run in runs}
        time.sleep(2.5)  # both keep running: nothing runs again, nothing is sent twice
        assert len(_runs()) == 5 and len(smtp.messages) == 2
        assert sorted(r[0] for r in smtp.recipients) == ["j1@x.th", "j2@x.th"]

        processes[leader].send_signal(signal.SIGKILL)  # killed, lease not released
        processes[leader].wait(timeout=10)
        moved = db.session.get(Round, round_.id)
        moved.judging_close_at = utcnow() + timedelta(hours=20)  # the 1-day reminder is due now
        db.session.commit()
        _wait_for(lambda: len(smtp.messages) == 4)
        newer = [run for run in _runs() if run.holder != leader]
        assert newer and {run.holder for run in newer} == {"second" if leader == "first" else "first"}
        assert sorted(r[0] for r in smtp.recipients[2:]) == ["j1@x.th", "j2@x.th"]
        keys = [run.key for run in _runs()]
        assert len(keys) == len(set(keys))
        sent = db.session.scalars(sa.select(OutboxMessage.status)).all()
        assert len(sent) == 4 and {str(status) for status in sent} == {"sent"}
    finally:
        for name, process in processes.items():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
            if process.stdout is not None:
                output = process.stdout.read().decode(errors="replace")
                process.stdout.close()
                print(f"--- scheduler {name} ---\n{output[-3000:]}")  # shown when the test fails
