"""Published results for everyone, no sign-in: contests with results, a contest's rounds, the national page
of a round, one pool's result, and the stable JSON form of a pool and of a round for other systems.

Only published versions are read (:mod:`app.services.public_results`): a result that is approved but not
yet published is 404 here for every visitor, judges and organizers included. The JSON shape is documented
in that module's docstring.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, jsonify, render_template
from flask_login import current_user
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from app.extensions import db
from app.models import Entry
from app.services import public_results as published

bp = Blueprint("public_results", __name__, url_prefix="/results")

CERTIFICATE_ENDPOINT = "awards.certificate"
JSON_CACHE = "public, max-age=300"


@bp.app_template_global("has_published_results")
def has_published_results(contest_id: int) -> bool:
    """For the public contest page: link to its results only when there are some (one query)."""
    return published.has_published_results(db.session, contest_id)


@bp.get("/")
def index() -> str:
    return render_template("public_results/index.html", contests=published.contests_with_results(db.session))


@bp.get("/contests/<int:contest_id>")
def contest(contest_id: int) -> str:
    found = published.contest_overview(db.session, contest_id)
    if found is None:
        abort(404)
    contest_, counts = found
    return render_template("public_results/contest.html", contest=contest_, counts=counts)


@bp.get("/rounds/<int:round_id>")
def round_page(round_id: int) -> str:
    found = published.round_results(db.session, round_id)
    if found is None:
        abort(404)
    round_, groups = found
    return render_template("public_results/round.html", round=round_, groups=groups)


@bp.get("/pools/<int:pool_id>")
def pool(pool_id: int) -> str:
    found = published.pool_result(db.session, pool_id)
    if found is None:
        abort(404)
    downloadable = _downloadable(found) if CERTIFICATE_ENDPOINT in current_app.view_functions else set()
    return render_template(
        "public_results/pool.html",
        published=found,
        round=found.pool.round,
        certificates=bool(downloadable),
        downloadable=downloadable,
        certificate_endpoint=CERTIFICATE_ENDPOINT,
    )


def _downloadable(found: Any) -> set[int]:
    """The placed entries whose certificate this visitor may download (their own, or all of them for the
    pool's organizers): none for a visitor who is not signed in, and one query otherwise."""
    if not current_user.is_authenticated:
        return set()
    from app.awards.routes import may_download

    ids = [row["entry_id"] for row in found.places]
    query = sa.select(Entry).where(Entry.id.in_(ids)).options(joinedload(Entry.unit))
    entries = db.session.scalars(query).all()
    return {entry.id for entry in entries if may_download(current_user, found.pool, entry)}


def _json(document: object, status: int = 200) -> Response:
    response = jsonify(document)
    response.status_code = status
    if status == 200:
        response.headers["Cache-Control"] = JSON_CACHE
    return response


@bp.get("/pools/<int:pool_id>.json")
def pool_json(pool_id: int) -> Response:
    found = published.pool_result(db.session, pool_id)
    if found is None:
        return _json({"error": "not_found"}, 404)
    return _json(published.pool_document(found, found.pool.round))


@bp.get("/rounds/<int:round_id>.json")
def round_json(round_id: int) -> Response:
    found = published.round_results(db.session, round_id)
    if found is None:
        return _json({"error": "not_found"}, 404)
    return _json(published.round_document(*found))
