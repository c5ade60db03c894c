"""A pool's private results, for its organizers and committee: the standings (live before approval, the
frozen version after), the picture of the judges' totals, tie decisions, approval, publication,
corrections and every earlier version.

Reads are here; the POST actions are in :mod:`app.results.actions`.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import Blueprint, abort, current_app
from flask_babel import get_locale
from flask_login import current_user
from werkzeug.wrappers import Response

from app.extensions import db
from app.models import PoolResult, PoolSignoff
from app.permissions import require
from app.results.access import access_or_404
from app.results.page import Page, render_pool, render_version

bp = Blueprint("results_admin", __name__, url_prefix="/organize/results")


@bp.before_request
def signed_in() -> Response | None:
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined,no-any-return]
    return None


@bp.get("/pools/<int:pool_id>")
def pool(pool_id: int) -> Page:
    return render_pool(access_or_404(pool_id))


@bp.get("/pools/<int:pool_id>/versions/<int:version>")
def version(pool_id: int, version: int) -> str:
    """An earlier (or the current) version, with its note and what it changed: for organizers."""
    access = access_or_404(pool_id)
    require(access.organizer)
    result = db.session.scalar(
        sa.select(PoolResult).where(PoolResult.pool_id == access.pool.id, PoolResult.version == version)
    )
    if result is None:
        abort(404)
    locale = get_locale()
    return render_version(access, result, locale.language if locale else "th")


@bp.app_template_global()
def pools_with_results(pool_ids: Iterable[int]) -> set[int]:
    """Of these pools, those signed off or with a result (their results page has something to show);
    one query for a whole list, for the judge's home page."""
    ids = set(pool_ids)
    if not ids:
        return set()
    signed = sa.select(PoolSignoff.pool_id).where(PoolSignoff.pool_id.in_(ids))
    with_result = sa.select(PoolResult.pool_id).where(PoolResult.pool_id.in_(ids))
    return set(db.session.scalars(sa.union(signed, with_result)))


from app.results import actions as actions  # noqa: E402  (registers the POST routes on bp)
