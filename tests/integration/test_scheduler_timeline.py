"""A round walked through its whole timeline with an injected clock: each job acts at its moment, once,
and a job run late does only what still makes sense. Requests decide what is accepted, never the jobs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Entry,
    EntryState,
    JobRun,
    Notification,
    OutboxMessage,
    PoolResult,
    ResultState,
    Role,
    Round,
)
from app.scheduler import digest, jobs, runner, timeline
from judging import RoundState
from tests.integration import contest_factories as cf
from tests.integration import factories
from tests.integration.scoring_factories import submitted_entry

MINUTE = timedelta(minutes=1)


@pytest.fixture
def links(app):
    with runner.link_context(app):
        yield


def draft_entry(round_: Round, unit, title: str) -> Entry:
    entry = submitted_entry(round_, unit, title)
    entry.state, entry.submitted_at = EntryState.DRAFT, None
    db.session.flush()
    return entry


def with_email(user, address):
    user.email = address
    return user


def setting():
    """Sisaket's district round, open: one draft (ภูสิงห์) and one submitted entry (ศิลาลาด), their
    coordinators, a national organizer and a committee of two with both entries assigned."""
    from app.models import Assignment, CommitteeMember, CommitteeRole

    geo = factories.small_geography()
    challenge = cf.km_challenge(open_categories=("district",))
    round_ = challenge.district.rounds[0]
    draft = draft_entry(round_, geo["phusing"], "ร่างภูสิงห์")
    done = submitted_entry(round_, geo["silalat"], "ผลงานศิลาลาด")
    coordinator = with_email(
        factories.user(Role.COORDINATOR, username="phusing", unit=geo["phusing"]), "p@x.th"
    )
    with_email(factories.user(Role.COORDINATOR, username="silalat", unit=geo["silalat"]), "s@x.th")
    organizer = with_email(factories.user(Role.ORGANIZER, username="national"), "o@x.th")
    judges = [with_email(factories.user(Role.JUDGE, username=f"j{i}"), f"j{i}@x.th") for i in (1, 2)]
    for i, judge in enumerate(judges):
        role = CommitteeRole.CHAIR if i == 0 else CommitteeRole.MEMBER
        db.session.add(CommitteeMember(pool_id=done.pool_id, user_id=judge.id, role=role))
        db.session.add(Assignment(pool_id=done.pool_id, entry_id=done.id, judge_id=judge.id))
    db.session.commit()
    return round_, draft, done, coordinator, organizer, judges


def ran(now: datetime) -> list[str]:
    """Run what is due at ``now``; the kinds of the jobs that acted."""
    return [job.kind for job, outcome in jobs.catch_up(db.session, now, holder="test") if outcome.acted]


def outbox(template: str) -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.template == template)))


def notices(kind: str) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(Notification.kind == kind)))


def test_a_round_walks_through_its_timeline_and_each_job_acts_once(app, links):
    round_, _draft, _done, coordinator, organizer, judges = setting()
    close, judging_open = round_.submissions_close_at, round_.judging_open_at
    judging_close, announce = round_.judging_close_at, round_.announce_at

    assert ran(close - timedelta(days=4)) == []  # nothing is due yet
    assert ran(close - timedelta(days=3) + MINUTE) == [timeline.REMIND_UNITS]
    [reminder] = outbox("draft_reminder")
    assert reminder.to_address == "p@x.th" and "ร่างภูสิงห์" in reminder.text_body  # only the draft's unit
    assert [n.user_id for n in notices("submissions_closing")] == [coordinator.id]
    assert ran(close - timedelta(days=3) + 2 * MINUTE) == []  # a second pass does nothing

    assert ran(close - timedelta(days=1) + MINUTE) == [timeline.REMIND_UNITS]  # the 1-day reminder
    assert len(outbox("draft_reminder")) == 2

    assert ran(close + MINUTE) == [timeline.CLOSE]
    closing = db.session.scalars(sa.select(JobRun).where(JobRun.kind == timeline.CLOSE)).one()
    assert closing.detail == "submissions closed: 1 submitted, 1 drafts" and closing.holder == "test"
    assert db.session.get(Round, round_.id).state is RoundState.OPEN  # the dates decide, not the job

    assert ran(judging_open + MINUTE) == [timeline.JUDGING_OPEN]
    assert sorted(n.user_id for n in notices("judging_open")) == sorted(j.id for j in judges)

    assert ran(judging_close - timedelta(days=3) + MINUTE) == [timeline.REMIND_JUDGES]
    reminded = sorted(m.to_address for m in outbox("reminder"))
    assert reminded == ["j1@x.th", "j2@x.th"]
    assert ran(judging_close - timedelta(days=1) + MINUTE) == [timeline.REMIND_JUDGES]
    assert len(outbox("reminder")) == 4

    assert ran(judging_close + MINUTE) == [timeline.JUDGING_CLOSE]
    assert ran(announce + MINUTE) == [timeline.PUBLISH]
    [alert] = outbox("result_not_approved")  # nothing was approved: the organizer is told
    assert alert.to_address == "o@x.th"
    assert [n.user_id for n in notices("result_not_approved")] == [organizer.id]
    assert ran(announce + 2 * MINUTE) == []
    keys = db.session.scalars(sa.select(JobRun.key)).all()
    assert len(keys) == len(set(keys)) == 8


def test_jobs_missed_while_the_scheduler_was_down_run_late_and_skip_what_no_longer_makes_sense(app, links):
    round_, *_rest = setting()
    late = round_.announce_at + timedelta(hours=5)
    outcomes = {job.job_id: outcome.detail for job, outcome in jobs.catch_up(db.session, late, holder="test")}
    assert outcomes[f"round:{round_.id}:remind_units:3d"] == "skipped: submissions already closed"
    assert outcomes[f"round:{round_.id}:remind_judges:1d"] == "skipped: judging already closed"
    assert outcomes[f"round:{round_.id}:open_judging"] == "skipped: judging already closed"
    assert notices("judging_open") == []  # no "judging is open" after it has closed
    assert outcomes[f"round:{round_.id}:publish_results"].endswith("1 pools without an approved result")
    assert outbox("draft_reminder") == [] and outbox("reminder") == []  # no stale reminders
    assert db.session.scalar(sa.select(sa.func.count(JobRun.id))) == 8  # each recorded: never retried
    assert jobs.catch_up(db.session, late + MINUTE) == []


def test_a_changed_date_moves_the_job_and_a_job_that_already_ran_acts_again_at_the_new_moment(app, links):
    round_, *_rest = setting()
    first = round_.submissions_close_at - timedelta(days=1)
    assert ran(first + MINUTE) == [timeline.REMIND_UNITS, timeline.REMIND_UNITS]  # 3 days and 1 day
    assert len(outbox("draft_reminder")) == 1  # run late, the 3-day reminder gives way to the 1-day one
    round_ = db.session.get(Round, round_.id)
    round_.submissions_close_at += timedelta(days=5)  # the deadline is extended
    db.session.commit()
    assert ran(first + 2 * MINUTE) == []  # the old moments have gone with the old date
    later = ran(round_.submissions_close_at - timedelta(days=1) + MINUTE)
    assert later.count(timeline.REMIND_UNITS) == 2
    assert len(outbox("draft_reminder")) == 2


def test_a_job_whose_date_was_moved_later_does_not_act_early(app, links):
    round_, *_rest = setting()
    old_close = round_.submissions_close_at
    round_.submissions_close_at = old_close + timedelta(days=3)
    db.session.commit()
    outcome = jobs.run_round_job(db.session, round_.id, timeline.CLOSE, 0, old_close + MINUTE)
    assert not outcome.acted and outcome.detail.startswith("not due until")
    assert db.session.scalar(sa.select(sa.func.count(JobRun.id))) == 0


def test_a_deleted_round_has_no_jobs_and_its_stale_job_does_nothing(app, links):
    setting()
    draft = db.session.scalars(
        sa.select(Round).where(Round.state == RoundState.DRAFT, Round.position == 0).order_by(Round.id)
    ).first()
    cf.set_dates(draft, opens_in=timedelta(hours=1))
    db.session.commit()
    round_id, opens = draft.id, draft.submissions_open_at
    assert [job.round_id for job in jobs.due_jobs(db.session, opens + MINUTE)] == [round_id]
    db.session.delete(draft)
    db.session.commit()
    assert jobs.due_jobs(db.session, opens + MINUTE) == []
    outcome = jobs.run_round_job(db.session, round_id, timeline.OPEN, 0, opens + MINUTE)
    assert outcome.detail == "round deleted"


def test_an_approved_result_is_published_at_the_announcement_time(app, links):
    from tests.integration.result_factories import scored_pool

    scored = scored_pool()
    from app.services import publication

    result, _advanced = publication.approve(
        db.session, scored.pool, chair=scored.chair, now=scored.round.announce_at - timedelta(days=1)
    )
    db.session.commit()
    announce = scored.round.announce_at
    assert timeline.PUBLISH not in ran(announce - MINUTE)
    assert db.session.get(PoolResult, result.id).state is ResultState.APPROVED
    assert timeline.PUBLISH in ran(announce + MINUTE)
    assert db.session.get(PoolResult, result.id).state is ResultState.PUBLISHED


def test_a_draft_round_opens_itself_at_its_submission_date_or_tells_the_organizers_why_not(app, links):
    setting()
    challenge_round = db.session.scalars(
        sa.select(Round).where(Round.state == RoundState.DRAFT, Round.position == 0)
    ).all()
    complete, incomplete = challenge_round[0], challenge_round[1]
    cf.set_dates(complete, opens_in=timedelta(hours=1))
    cf.set_dates(incomplete, opens_in=timedelta(hours=1))
    incomplete.announce_at = None
    db.session.commit()
    moment = complete.submissions_open_at + MINUTE
    assert ran(moment) == [timeline.OPEN]  # the incomplete one only tells, and is tried again later
    assert db.session.get(Round, complete.id).state is RoundState.OPEN and complete.pools
    assert db.session.get(Round, incomplete.id).state is RoundState.DRAFT
    [notice] = notices("round_not_ready")
    assert "announce_at" in notice.params["missing"]
    assert ran(moment + MINUTE) == [] and len(notices("round_not_ready")) == 1  # told once
    incomplete = db.session.get(Round, incomplete.id)
    incomplete.announce_at = incomplete.judging_close_at + timedelta(days=2)  # the organizer completes it
    db.session.commit()
    assert ran(moment + 2 * MINUTE) == [timeline.OPEN]
    assert db.session.get(Round, incomplete.id).state is RoundState.OPEN


def test_a_late_entry_is_refused_whatever_the_scheduler_has_done(app, browser, links):
    round_, draft, *_rest = setting()
    round_.submissions_close_at = datetime.now(tz=round_.submissions_close_at.tzinfo) - MINUTE
    round_.submissions_open_at = round_.submissions_close_at - timedelta(days=10)
    db.session.commit()  # the close job has not run (no scheduler): the request decides from the dates
    assert db.session.scalar(sa.select(sa.func.count(JobRun.id))) == 0
    browser.login("phusing", factories.PASSWORD)
    response = browser.post_form(f"/entries/{draft.id}/submit", {}, page=f"/entries/{draft.id}")
    assert response.status_code in (403, 409)
    assert db.session.get(Entry, draft.id).state is EntryState.DRAFT


def test_a_job_that_dies_halfway_leaves_nothing_behind_and_acts_once_when_run_again(app, links, monkeypatch):
    round_, *_rest = setting()
    moment = round_.judging_close_at - timedelta(days=3) + MINUTE
    real = jobs.ACTIONS[timeline.REMIND_JUDGES]

    def dies_after_its_work(session, round_, job, now):
        real(session, round_, job, now)  # the reminders are queued ...
        raise RuntimeError("scheduler killed")  # ... and the process dies before the commit

    monkeypatch.setitem(jobs.ACTIONS, timeline.REMIND_JUDGES, dies_after_its_work)
    outcomes = dict((job.kind, outcome) for job, outcome in jobs.catch_up(db.session, moment))
    assert outcomes[timeline.REMIND_JUDGES].detail.startswith("failed: RuntimeError")
    assert outbox("reminder") == [] and notices("judging_closing") == []
    assert not jobs.already_ran(db.session, timeline.planned_job(round_, timeline.REMIND_JUDGES, 3).key)
    monkeypatch.setitem(jobs.ACTIONS, timeline.REMIND_JUDGES, real)
    assert ran(moment) == [timeline.REMIND_JUDGES]
    assert len(outbox("reminder")) == 2 and len(notices("judging_closing")) == 2
    assert ran(moment) == []


def test_the_daily_digest_tells_each_organizer_what_changed_in_their_area_once_a_day(app, links):
    _round, _draft, done, *_rest = setting()
    sisaket = done.pool.province
    local = with_email(factories.user(Role.ORGANIZER, username="sisaket", province_id=sisaket.id), "sk@x.th")
    surin = db.session.scalars(sa.select(type(sisaket)).where(type(sisaket).code == "32")).one()
    with_email(factories.user(Role.ORGANIZER, username="surin", province_id=surin.id), "su@x.th")
    db.session.commit()
    now = done.submitted_at + timedelta(hours=2)
    outcome = digest.daily_digest(db.session, now)
    assert outcome.acted and outcome.detail == "2 organizers told"  # national and Sisaket, not Surin
    digests = {m.to_address: m for m in outbox("digest")}
    assert set(digests) == {"o@x.th", "sk@x.th"}
    assert "ผลงานที่ส่งแล้ว 1 รายการ แบบให้คะแนนที่ส่งแล้ว 0 ฉบับ" in digests["sk@x.th"].text_body
    assert "ศรีสะเกษ" in digests["sk@x.th"].text_body
    assert digests["sk@x.th"].user_id == local.id
    assert not digest.daily_digest(db.session, now + timedelta(hours=1)).acted  # once a day
    quiet = digest.daily_digest(db.session, now + timedelta(days=3))
    assert quiet.acted and quiet.detail == "0 organizers told"  # nothing changed: nobody is mailed
    assert len(outbox("digest")) == 2
