"""Printable scoresheets as Thai PDF: blank and filled, with signature lines.

Organizers print anything of the pools they organize. A member of a pool's committee prints the pool's
blank sheets and their own sheets; the filled sheets of others are for organizers only. Anyone else gets
404, so a pool's existence is not revealed.
"""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, Response, abort, render_template
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Pool, Scoresheet
from app.permissions import can_organize_pool
from app.printing import sheets
from app.services.pdf import font_faces_css, render_pdf

bp = Blueprint("printing", __name__, url_prefix="/print")


@bp.before_request
@login_required
def signed_in() -> None:
    """Every printout needs a signed-in user; each view then checks the pool or the sheet."""


def _pool_for_committee(pool_id: int) -> Pool:
    """The pool, for its organizers and its committee members; 404 for anyone else."""
    pool = db.session.get(Pool, pool_id)
    if pool is None:
        abort(404)
    if not can_organize_pool(current_user, pool) and not sheets.is_committee_member(
        db.session, pool, current_user
    ):
        abort(404)
    return pool


@bp.get("/pools/<int:pool_id>/blank.pdf")
def blank(pool_id: int) -> Response:
    pool = _pool_for_committee(pool_id)
    return _pdf(sheets.blank_document(db.session, pool), f"scoresheets-pool-{pool.id}-blank.pdf")


@bp.get("/pools/<int:pool_id>/filled.pdf")
def filled(pool_id: int) -> Response:
    pool = _pool_for_committee(pool_id)
    if not can_organize_pool(current_user, pool):
        abort(403)
    return _pdf(sheets.filled_document(db.session, pool), f"scoresheets-pool-{pool.id}-filled.pdf")


@bp.get("/sheets/<int:sheet_id>.pdf")
def sheet(sheet_id: int) -> Response:
    scoresheet = db.session.get(Scoresheet, sheet_id)
    if scoresheet is None or not (
        scoresheet.judge_id == current_user.id or can_organize_pool(current_user, scoresheet.pool)
    ):
        abort(404)
    return _pdf(sheets.sheet_document(db.session, scoresheet), f"scoresheet-{scoresheet.id}.pdf")


def number(value: Decimal | None) -> str:
    """A score, maximum or weight as printed: 40, 7.5, 1.25; nothing for None."""
    return "" if value is None else f"{value.normalize():f}"


def _pdf(document: sheets.Document, filename: str) -> Response:
    html = render_template("printing/sheets.html", doc=document, font_faces=font_faces_css(), num=number)
    response = Response(render_pdf(html), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
