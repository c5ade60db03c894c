"""Scoresheets: drafts with a version check, validation, submission, reopening, sign-off, history."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app.extensions import db
from app.models import Scoresheet, SheetEvent
from app.models.base import utcnow
from app.services import scoresheets as sheets
from app.services.scoresheets import ScoringError, SheetInput
from judging import ScoreProblems, SheetState
from tests.integration import factories
from tests.integration.factories import Role
from tests.integration.scoring_factories import judged_pool

FULL = {"process": "35", "tools": "25", "results": "27"}


def _sheet(judged, judge=None, entry=0):
    return sheets.sheet_for(db.session, judged.pool, judged.entries[entry], judge or judged.judges[0])


def test_a_draft_keeps_partial_scores_bumps_the_version_and_records_the_change(app):
    judged = judged_pool()
    sheet = _sheet(judged)
    sheets.save(
        db.session,
        sheet,
        SheetInput({"process": "30"}, {"process": "ดี"}),
        seen_version=1,
        user=judged.judges[0],
        now=utcnow(),
    )
    db.session.commit()
    stored = db.session.get(Scoresheet, sheet.id)
    assert stored.version == 2 and stored.state is SheetState.DRAFT
    assert {s.criterion_key: s.value for s in stored.scores} == {
        "process": Decimal(30),
        "tools": None,
        "results": None,
    }
    event = db.session.query(SheetEvent).one()
    assert event.action == "save" and event.old["scores"] == {} and event.new["scores"]["process"] == "30"


def test_a_save_from_a_stale_version_is_refused_and_the_newer_scores_survive(app):
    judged = judged_pool()
    sheet = _sheet(judged)
    judge = judged.judges[0]
    sheets.save(db.session, sheet, SheetInput({"process": "30"}), seen_version=1, user=judge, now=utcnow())
    with pytest.raises(ScoringError) as stale:
        sheets.save(
            db.session, sheet, SheetInput({"process": "10"}), seen_version=1, user=judge, now=utcnow()
        )
    assert stale.value.code == "stale" and stale.value.detail == 2
    db.session.commit()
    assert db.session.get(Scoresheet, sheet.id).scores[0].value == Decimal(30)


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ({"process": "41"}, {"process": ("above_maximum",)}),
        ({"process": "-1"}, {"process": ("negative",)}),
        ({"process": "7.5"}, {"process": ("off_step",)}),
        ({"process": "สิบ"}, {"process": ("not_a_number",)}),
    ],
)
def test_invalid_scores_are_refused_with_every_problem_and_nothing_is_written(app, typed, codes):
    judged = judged_pool()
    sheet = _sheet(judged)
    with pytest.raises(ScoreProblems) as problems:
        sheets.save(db.session, sheet, SheetInput(typed), seen_version=1, user=judged.judges[0], now=utcnow())
    assert problems.value.codes == codes
    db.session.commit()
    assert db.session.get(Scoresheet, sheet.id).version == 1 and db.session.query(SheetEvent).count() == 0


def test_submitting_needs_every_criterion_then_locks_the_sheet(app):
    judged = judged_pool()
    sheet, judge = _sheet(judged), judged.judges[0]
    with pytest.raises(ScoreProblems) as missing:
        sheets.save(
            db.session,
            sheet,
            SheetInput({"process": "30"}),
            seen_version=1,
            user=judge,
            now=utcnow(),
            submit=True,
        )
    assert missing.value.codes == {"tools": ("missing",), "results": ("missing",)}
    sheets.save(db.session, sheet, SheetInput(FULL), seen_version=1, user=judge, now=utcnow(), submit=True)
    assert sheet.state is SheetState.SUBMITTED and sheet.submitted_at is not None
    with pytest.raises(ScoringError) as locked:
        sheets.save(db.session, sheet, SheetInput(FULL), seen_version=2, user=judge, now=utcnow())
    assert locked.value.code == "sheet_locked"


def test_an_unassigned_judge_and_a_recused_judge_get_no_sheet(app):
    judged = judged_pool()
    outsider = factories.user(Role.JUDGE, username="outsider")
    with pytest.raises(ScoringError) as not_assigned:
        _sheet(judged, judge=outsider)
    assert not_assigned.value.code == "not_assigned"
    sheets.assignment_for(db.session, judged.pool, judged.entries[0], judged.judges[0]).recused_at = utcnow()
    with pytest.raises(ScoringError) as recused:
        _sheet(judged)
    assert recused.value.code == "recused"


def test_after_judging_closes_only_a_reopened_sheet_may_be_changed(app):
    judged = judged_pool()
    sheet, judge = _sheet(judged), judged.judges[0]
    sheets.save(db.session, sheet, SheetInput(FULL), seen_version=1, user=judge, now=utcnow(), submit=True)
    late = judged.round.judging_close_at + timedelta(hours=1)
    with pytest.raises(ScoringError) as no_reason:
        sheets.reopen(db.session, sheet, user=judged.chair, reason=" ", now=late)
    assert no_reason.value.code == "reason_required"
    sheets.reopen(db.session, sheet, user=judged.chair, reason="คะแนนเกณฑ์ที่ 2 พิมพ์ผิด", now=late)
    other = _sheet(judged, entry=1)
    with pytest.raises(ScoringError) as too_late:
        sheets.save(db.session, other, SheetInput({"process": "20"}), seen_version=1, user=judge, now=late)
    assert too_late.value.code == "too_late"
    fixed = {**FULL, "tools": "20"}
    sheets.save(db.session, sheet, SheetInput(fixed), seen_version=3, user=judge, now=late, submit=True)
    assert [e.action for e in sheet.events] == ["submit", "reopen", "submit"]
    assert sheet.events[1].reason == "คะแนนเกณฑ์ที่ 2 พิมพ์ผิด"


def test_the_chair_signs_the_pool_only_when_every_sheet_is_in(app):
    judged = judged_pool(judges=1)
    scorers = [judged.chair, *judged.judges]
    first = _sheet(judged, judge=scorers[0])
    sheets.save(
        db.session, first, SheetInput(FULL), seen_version=1, user=scorers[0], now=utcnow(), submit=True
    )
    with pytest.raises(ScoringError) as outstanding:
        sheets.sign_pool(db.session, judged.pool, chair=judged.chair, now=utcnow())
    assert len(outstanding.value.detail) == 3
    for judge in scorers:
        for index in range(2):
            sheet = _sheet(judged, judge=judge, entry=index)
            if sheet.state is SheetState.DRAFT:
                sheets.save(
                    db.session,
                    sheet,
                    SheetInput(FULL),
                    seen_version=sheet.version,
                    user=judge,
                    now=utcnow(),
                    submit=True,
                )
    sheets.sign_pool(db.session, judged.pool, chair=judged.chair, now=utcnow())
    assert {s.state for s in db.session.query(Scoresheet)} == {SheetState.SIGNED}
    with pytest.raises(ScoringError) as twice:
        sheets.sign_pool(db.session, judged.pool, chair=judged.chair, now=utcnow())
    assert twice.value.code == "already_signed"
