"""The ceremony view for the projector: a pool's places revealed one at a time, from the lowest announced
place up to ชนะเลิศ, by click or key (a presenter's clicker sends Page Down).

It opens only once the chair has approved the result, and only for the pool's organizers and committee, who
rehearse it before the announcement and present it on the day; to anyone else the pool's result does not
exist (404). It reads the frozen snapshot of the current version, so it costs the same few queries however
large the pool.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import get_locale
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from app.ceremony.steps import reveal_steps
from app.extensions import db
from app.models import Category, Pool, Round
from app.permissions import can_organize_pool
from app.services.publication import current_result
from app.services.results import is_committee_member

bp = Blueprint("ceremony", __name__, url_prefix="/ceremony")


def _pool(pool_id: int) -> Pool | None:
    return db.session.get(
        Pool,
        pool_id,
        options=[
            joinedload(Pool.round).joinedload(Round.category).joinedload(Category.contest),
            joinedload(Pool.province),
            joinedload(Pool.region),
        ],
    )


@bp.get("/pools/<int:pool_id>")
@login_required
def pool(pool_id: int) -> str:
    found = _pool(pool_id)
    if found is None:
        abort(404)
    if not (can_organize_pool(current_user, found) or is_committee_member(db.session, found, current_user)):
        abort(404)
    result = current_result(db.session, found)
    if result is None:
        abort(404)
    locale = get_locale()
    steps = reveal_steps(result.standings, locale.language if locale is not None else "th")
    return render_template("ceremony/pool.html", pool=found, result=result, steps=steps)
