"""Many judges (or tabs) saving at once on PostgreSQL: no update is lost and no save fails unexpectedly."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.extensions import db
from app.models import Scoresheet, SheetEvent, User
from app.models.base import utcnow
from app.services import scoresheets as sheets
from app.services.scoresheets import ScoringError, SheetInput
from tests.integration.scoring_factories import judged_pool

pytestmark = pytest.mark.postgres_only


def _save_once(app, sheet_id, judge_id, value, start):
    """One save naming the version read just before; 'ok' or 'stale'."""
    with app.app_context():
        sheet = db.session.get(Scoresheet, sheet_id)
        seen = sheet.version
        start.wait()
        try:
            sheets.save(
                db.session,
                sheet,
                SheetInput({"process": value}),
                seen_version=seen,
                user=db.session.get(User, judge_id),
                now=utcnow(),
            )
            db.session.commit()
            return "ok"
        except ScoringError as refused:
            db.session.rollback()
            assert refused.code == "stale"
            return "stale"
        finally:
            db.session.remove()


def test_racing_saves_to_one_sheet_keep_exactly_one_winner_per_version(app):
    judged = judged_pool()
    judge = judged.judges[0]
    sheet = sheets.sheet_for(db.session, judged.pool, judged.entries[0], judge)
    db.session.commit()
    sheet_id, judge_id = sheet.id, judge.id
    start = threading.Barrier(12)
    with ThreadPoolExecutor(max_workers=12) as pool:
        outcomes = list(pool.map(lambda i: _save_once(app, sheet_id, judge_id, str(i + 1), start), range(12)))
    db.session.expire_all()
    stored = db.session.get(Scoresheet, sheet_id)
    winners = outcomes.count("ok")
    assert winners >= 1 and set(outcomes) <= {"ok", "stale"}
    assert stored.version == 1 + winners
    assert db.session.query(SheetEvent).filter_by(sheet_id=sheet_id).count() == winners
    last = db.session.query(SheetEvent).filter_by(sheet_id=sheet_id).order_by(SheetEvent.id.desc()).first()
    assert stored.scores[0].value == int(last.new["scores"]["process"])


def test_simultaneous_saves_to_many_sheets_all_land(app):
    judged = judged_pool(judges=3)
    judges = [judged.chair, *judged.judges]
    pairs = []
    for judge in judges:
        for entry in judged.entries:
            pairs.append((sheets.sheet_for(db.session, judged.pool, entry, judge).id, judge.id))
    db.session.commit()
    start = threading.Barrier(len(pairs))
    with ThreadPoolExecutor(max_workers=len(pairs)) as pool:
        outcomes = list(pool.map(lambda pair: _save_once(app, pair[0], pair[1], "33", start), pairs))
    assert outcomes == ["ok"] * len(pairs)
    db.session.expire_all()
    assert {s.version for s in db.session.query(Scoresheet)} == {2}
