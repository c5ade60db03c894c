"""`flask results publish-due`: approved results are published once the round's announcement time has
passed, and pools still without an approved result are named (until the scheduler runs the same job)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import PoolResult, ResultState
from app.models.base import utcnow
from app.services import publication
from tests.integration.result_factories import scored_pool


def publish_due(app) -> str:
    outcome = app.test_cli_runner().invoke(args=["results", "publish-due"])
    assert outcome.exit_code == 0, outcome.output
    db.session.expire_all()
    return outcome.output


def test_publish_due_publishes_approved_results_once_the_announcement_time_has_passed(app):
    scored = scored_pool()
    result, _ = publication.approve(db.session, scored.pool, chair=scored.chair, now=utcnow())
    db.session.commit()
    assert publish_due(app) == "nothing to publish\n"  # the announcement is a week away
    assert db.session.get(PoolResult, result.id).state is ResultState.APPROVED

    scored.round.announce_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    output = publish_due(app)
    assert output.startswith("published: KM Challenge 2565 / ") and "ศรีสะเกษ" in output
    assert output.rstrip().endswith("version 1")
    published = db.session.get(PoolResult, result.id)
    assert published.state is ResultState.PUBLISHED and published.published_by_id is None
    assert published.published_at is not None
    assert publish_due(app) == "nothing to publish\n"  # running again changes nothing


def test_publish_due_names_pools_whose_announcement_passed_without_an_approved_result(app):
    scored = scored_pool(sign=False)
    scored.round.announce_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    output = publish_due(app)
    assert output.startswith("announcement time passed, no approved result: KM Challenge 2565 / ")
    assert f"ศรีสะเกษ (pool {scored.pool.id})" in output and "published:" not in output
    assert db.session.scalar(sa.select(sa.func.count(PoolResult.id))) == 0
