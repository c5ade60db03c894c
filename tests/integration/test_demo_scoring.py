"""The demo's Sisaket committee: judge1 chairs, judge2 and judge3 score, sisaket is secretary; loading twice
changes nothing, neither the committee nor its sheets and result."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Advancement,
    Assignment,
    CommitteeMember,
    CommitteeRole,
    Pool,
    PoolResult,
    PoolSignoff,
    Score,
    Scoresheet,
    SheetEvent,
)
from judging import SheetState
from tests.integration.test_demo_contest import demo_contest, load

COUNTED = (CommitteeMember, Assignment, Scoresheet, Score, SheetEvent, PoolSignoff, PoolResult, Advancement)


def counts() -> tuple[int, ...]:
    return tuple(db.session.scalar(sa.select(sa.func.count(model.id))) for model in COUNTED)


def test_the_demo_sisaket_committee_is_formed_assigned_and_judged_once(app):
    first = load(app)
    assert "Sisaket committee: 3 judges assigned to 7 entries" in first
    assert "Sisaket result: 21 sheets submitted, signed off, approved and published" in first
    before = counts()
    second = load(app)
    db.session.expire_all()
    assert "Sisaket committee: 3 judges assigned to 7 entries" in second
    assert "Sisaket result: version 1 published, kept (ชนะเลิศ สพอ.ภูสิงห์)" in second
    # 4 members, 21 assignments and sheets, 63 scores, 21 submissions + 21 signatures, 1 sign-off,
    # 1 result, 1 entry moved up.
    assert before == (4, 21, 21, 63, 42, 1, 1, 1)
    assert counts() == before
    round_ = demo_contest().categories[1].rounds[0]
    pool = db.session.scalars(
        sa.select(Pool).where(Pool.round_id == round_.id, Pool.key == "province:33")
    ).one()
    members = {m.user.username: m.role for m in db.session.scalars(sa.select(CommitteeMember))}
    assert members == {
        "judge1": CommitteeRole.CHAIR,
        "judge2": CommitteeRole.MEMBER,
        "judge3": CommitteeRole.MEMBER,
        "sisaket": CommitteeRole.SECRETARY,
    }
    assert {a.pool_id for a in db.session.scalars(sa.select(Assignment))} == {pool.id}
    sheets = db.session.scalars(sa.select(Scoresheet)).all()
    assert {sheet.pool_id for sheet in sheets} == {pool.id}
    assert {sheet.state for sheet in sheets} == {SheetState.SIGNED}
