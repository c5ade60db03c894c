"""Standings from real sheets, approval, publication, corrections and advancement (services)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Advancement, Entry, Pool, ResultState
from app.models.base import utcnow
from app.services import publication, results
from app.services.publication import ResultError
from judging import PlaceKind
from tests.integration.result_factories import scored_pool

TIED = (
    (("36", "27", "26"), ("35", "26", "27"), ("37", "27", "25")),
    (("36", "27", "26"), ("35", "26", "27"), ("37", "27", "25")),  # the same totals and criteria as the first
    (("30", "22", "22"), ("31", "23", "21"), ("30", "22", "23")),
    (("27", "20", "20"), ("28", "19", "20"), ("26", "21", "19")),
)


def test_standings_rank_the_entries_with_places_totals_and_criterion_means(app):
    scored = scored_pool()
    computation = results.compute(db.session, scored.pool)
    titles = [row.entry.title for row in computation.rows]
    assert titles == ["ผลงานภูสิงห์", "ผลงานศิลาลาด", "ผลงานพยุห์", "ผลงานเบญจลักษ์"]
    first = computation.rows[0]
    assert first.rank == 1 and first.place.kind is PlaceKind.WINNER
    assert first.total == Decimal("88.67")
    assert sorted(first.judge_totals.values()) == [Decimal(88), Decimal(89), Decimal(89)]
    assert first.criterion_means["process"] == Decimal("36.00")
    assert [row.place.number for row in computation.rows[1:]] == [1, 2, 3]
    assert computation.kendall_w == Decimal(1)
    assert computation.signed and not computation.ties and not computation.outstanding


def test_approval_freezes_a_version_and_moves_the_winner_to_the_region_pool(app):
    scored = scored_pool()
    result, advanced = publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    assert result.version == 1 and result.state is ResultState.APPROVED
    assert [row["entrant_th"] for row in result.rows][:2] == [
        "สำนักงานพัฒนาชุมชนอำเภอภูสิงห์",
        "สำนักงานพัฒนาชุมชนอำเภอศิลาลาด",
    ]
    assert [row["unit_short_th"] for row in result.rows] == [
        "สพอ.ภูสิงห์",
        "สพอ.ศิลาลาด",
        "สพอ.พยุห์",
        "สพอ.เบญจลักษ์",
    ]
    assert result.rows[0]["place"]["th"] == "ชนะเลิศ" and result.rows[1]["place"]["th"] == "รองชนะเลิศอันดับ 1"
    winner = db.session.get(Entry, scored.entries[0].id)
    region_pool = db.session.scalar(sa.select(Pool).where(Pool.round_id == scored.region_round.id))
    assert [a.entry_id for a in advanced.moved] == [winner.id]
    assert winner.pool_id == region_pool.id and region_pool.key == "region:14"
    # Advancing again changes nothing, and the province standings still list the winner.
    computation = results.compute(db.session, scored.pool)
    assert publication.advance_from(db.session, scored.pool, computation, result, utcnow()).moved == []
    assert db.session.scalar(sa.select(sa.func.count(Advancement.id))) == 1
    assert computation.rows[0].entry.id == winner.id


def test_approval_is_refused_while_sheets_are_unsigned_and_says_what_is_missing(app):
    scored = scored_pool(sign=False)
    with pytest.raises(ResultError) as refused:
        publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    assert refused.value.code == "not_signed"


def test_an_unresolved_tie_blocks_approval_until_the_committee_decides_with_a_reason(app):
    scored = scored_pool(TIED)
    computation = results.compute(db.session, scored.pool)
    assert len(computation.ties) == 1
    tie = computation.ties[0]
    assert {e.id for e in tie.entries} == {scored.entries[0].id, scored.entries[1].id}
    with pytest.raises(ResultError) as refused:
        publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    assert refused.value.code == "unresolved_tie"
    with pytest.raises(ResultError):
        publication.decide_tie(
            db.session,
            scored.pool,
            [scored.entries[1].id, scored.entries[0].id],
            " ",
            user=scored.chair,
            now=utcnow(),
        )
    publication.decide_tie(
        db.session,
        scored.pool,
        [scored.entries[1].id, scored.entries[0].id],
        "ผลงานศิลาลาดนำไปใช้ได้กว้างกว่า",
        user=scored.chair,
        now=utcnow(),
    )
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    assert result.rows[0]["entry_id"] == scored.entries[1].id and result.rows[0]["decided_by"] == "committee"
    assert result.standings["decisions"][0]["reason"] == "ผลงานศิลาลาดนำไปใช้ได้กว้างกว่า"


def test_publishing_twice_is_refused_and_a_correction_makes_a_new_version_with_its_reason(app):
    scored = scored_pool()
    now = utcnow()
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=now)
    publication.publish(db.session, result, user=scored.organizer, now=now)
    with pytest.raises(ResultError) as twice:
        publication.publish(db.session, result, user=scored.organizer, now=now)
    assert twice.value.code == "already_published"
    with pytest.raises(ResultError) as bare:
        publication.correct(db.session, scored.pool, user=scored.organizer, reason="", now=now)
    assert bare.value.code == "reason_required"
    scored.entries[2].title = "ผลงานพยุห์ (ชื่อที่ถูกต้อง)"
    corrected = publication.correct(
        db.session, scored.pool, user=scored.organizer, reason="แก้ชื่อผลงานให้ตรงกับที่ส่ง", now=now
    )
    assert corrected.version == 2 and corrected.state is ResultState.PUBLISHED
    assert result.state is ResultState.SUPERSEDED
    assert corrected.standings["changes"] == [
        {"entry_id": scored.entries[2].id, "field": "title", "old": "ผลงานพยุห์", "new": "ผลงานพยุห์ (ชื่อที่ถูกต้อง)"}
    ]


def test_approved_results_are_published_when_their_announcement_time_comes(app):
    scored = scored_pool()
    now = utcnow()
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=now)
    assert publication.publish_due(db.session, now) == ([], [])
    later = scored.round.announce_at
    published, lacking = publication.publish_due(db.session, later)
    assert published == [result] and result.state is ResultState.PUBLISHED and lacking == []
    assert publication.publish_due(db.session, later) == ([], [])
