"""The demo's published result: Sisaket's district-office places come out of the three judges' real sheets,
the result is signed, approved and published inside the round's dates, ภูสิงห์ waits in the region 14 pool,
and the ceremony reveals the places (loading twice: test_demo_scoring.py)."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from app.extensions import db
from app.models import Advancement, Entry, Pool, PoolResult, PoolSignoff, ResultState, Round, Scoresheet
from app.models.base import utcnow
from app.services.demo import DEMO_PASSWORD
from app.services.demo_results import Plan
from judging import RoundState, SheetState
from tests.integration.test_demo_contest import demo_contest, load

PLACES = [
    ("ชนะเลิศ", "สพอ.ภูสิงห์"),
    ("รองชนะเลิศอันดับ 1", "สพอ.ศิลาลาด"),
    ("รองชนะเลิศอันดับ 2", "สพอ.พยุห์"),
    ("รองชนะเลิศอันดับ 3", "สพอ.เบญจลักษ์"),
]


def test_the_demo_publishes_sisakets_places_from_three_judges_sheets_and_moves_phu_sing_up(app, browser):
    output = load(app)
    assert (
        "Sisaket result: 21 sheets submitted, signed off, approved and published "
        "(ชนะเลิศ สพอ.ภูสิงห์; moved สพอ.ภูสิงห์ to the region 14 pool)"
    ) in output
    now = utcnow()
    district = demo_contest().categories[1]
    province_round, region_round = district.rounds[0], district.rounds[1]
    pool = db.session.scalars(
        sa.select(Pool).where(Pool.round_id == province_round.id, Pool.key == "province:33")
    ).one()
    result = db.session.scalars(sa.select(PoolResult).where(PoolResult.pool_id == pool.id)).one()
    assert result.state is ResultState.PUBLISHED and result.version == 1
    placed = [(row["place"]["th"], row["unit_short_th"]) for row in result.rows if row["place"]]
    assert placed == PLACES
    totals = [Decimal(row["total"]) for row in result.rows]
    assert len(totals) == 7 and all(a - b >= Decimal(2) for a, b in itertools.pairwise(totals))
    assert result.rows[0]["total"] == "90.67" and len(result.rows[0]["judge_totals"]) == 3
    assert result.approved_by.username == "judge1" and result.published_by.username == "sisaket"
    signoff = db.session.scalars(sa.select(PoolSignoff).where(PoolSignoff.pool_id == pool.id)).one()
    assert signoff.signed_by_id == result.approved_by_id
    # Everything happened inside the round's dates, in order.
    sheets = db.session.scalars(sa.select(Scoresheet).where(Scoresheet.pool_id == pool.id)).all()
    assert len(sheets) == 21 and {s.state for s in sheets} == {SheetState.SIGNED}
    assert {s.judge.username for s in sheets} == {"judge1", "judge2", "judge3"}
    window = (province_round.judging_open_at, province_round.judging_close_at)
    assert all(window[0] <= s.submitted_at <= window[1] for s in sheets)
    assert max(s.submitted_at for s in sheets) <= signoff.signed_at <= result.approved_at
    assert result.approved_at <= result.published_at == province_round.announce_at <= now
    # Real sheets: every score within its criterion, a remark on each, no two remarks alike.
    maxima = {c.key: c.max_score for c in province_round.criteria}
    for sheet in sheets:
        assert {score.criterion_key for score in sheet.scores} == set(maxima)
        assert all(0 <= score.value <= maxima[score.criterion_key] for score in sheet.scores)
    remarks = [sheet.overall_comment for sheet in sheets]
    assert all(len(remark) > 40 for remark in remarks) and len(set(remarks)) == 21
    assert province_round.certificate_signer_name == "นายสมชาย ใจดี"
    assert province_round.certificate_signer_title == "พัฒนาการจังหวัดศรีสะเกษ"

    # ภูสิงห์ waits in the region 14 pool of the open region round, judged after the province announcement.
    assert region_round.state is RoundState.OPEN
    assert province_round.announce_at < now < region_round.judging_open_at < region_round.judging_close_at
    assert region_round.judging_close_at < region_round.announce_at
    region_pool = db.session.scalars(
        sa.select(Pool).where(Pool.round_id == region_round.id, Pool.key == "region:14")
    ).one()
    phu_sing = db.session.get(Entry, result.rows[0]["entry_id"])
    assert phu_sing.unit.code == "CDD-3317" and phu_sing.pool_id == region_pool.id
    moved = db.session.scalars(sa.select(Advancement)).one()
    assert (moved.entry_id, moved.from_pool_id, moved.to_pool_id, moved.rank) == (
        phu_sing.id,
        pool.id,
        region_pool.id,
        1,
    )

    # The chair can present it: the places revealed lowest first.
    browser.login("judge1", DEMO_PASSWORD)
    html = browser.get(f"/ceremony/pools/{pool.id}").get_data(as_text=True)
    revealed = re.findall(r'<p class="place-entrant">([^<]+)</p>', html)
    assert revealed == [name for _, name in reversed(PLACES)]


def test_the_plan_waits_for_the_judging_window_to_close_and_keeps_inside_the_round_dates():
    now = utcnow()
    open_round = Round(judging_open_at=now - timedelta(days=3), judging_close_at=now + timedelta(days=1))
    assert Plan.of(open_round, now) is None
    closed = Round(
        judging_open_at=now - timedelta(days=10),
        judging_close_at=now - timedelta(days=2),
        announce_at=now + timedelta(days=1),
    )
    plan = Plan.of(closed, now)
    assert plan is not None
    assert closed.judging_open_at <= plan.presented < plan.sheet_at(6, 2) < plan.signed
    assert plan.signed < plan.approved <= plan.published <= now  # announced later: published now, not later
