"""What people take away from a result: certificates (เกียรติบัตร) and the organizers' exports.

A certificate exists only for a placed entry of a published result; the entrant (the unit's coordinators,
or the officer who told a story) and the pool's organizers may download it, and anyone else gets 404, as
they do for a pool's exports. The organizer of the contests sets each round's signer. Batches of a whole
round run as background jobs (:mod:`app.awards.batches`); exports live in :mod:`app.awards.exports`.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response as BaseResponse

from app.awards.forms import SignerForm
from app.extensions import db
from app.models import Advancement, Entry, Pool, PoolResult, ResultState, Round
from app.permissions import can_act_for_unit, can_manage_contests, can_organize_pool, pool_or_404, require
from app.services import certificates as service

bp = Blueprint("awards", __name__, url_prefix="/awards")

Page = str | BaseResponse | tuple[str, int]


@bp.before_request
@login_required
def signed_in() -> None:
    """Every page here needs a signed-in user; each view then checks the pool, entry or job."""


def may_download(user: Any, pool: Pool, entry: Entry) -> bool:
    """The entrant (a coordinator of the entry's unit, or the officer of a story), the pool's organizers."""
    return (
        can_act_for_unit(user, entry.unit)
        or (entry.person_id is not None and entry.person_id == user.id)
        or can_organize_pool(user, pool)
    )


def send_file(content: bytes, mimetype: str, filename: str) -> Response:
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/pools/<int:pool_id>/entries/<int:entry_id>/certificate.pdf")
def certificate(pool_id: int, entry_id: int) -> Response:
    pool = db.session.get(Pool, pool_id)
    entry = db.session.get(Entry, entry_id)
    if pool is None or entry is None or not may_download(current_user, pool, entry):
        abort(404)
    result = service.published_result(db.session, pool)
    row = service.placed_row(result, entry.id) if result is not None else None
    if result is None or row is None:
        abort(404)
    made = service.certificate_of(pool, result, row)
    return send_file(service.render_one(made), "application/pdf", made.filename)


@bp.get("/pools/<int:pool_id>/certificates.<any(pdf, zip):fmt>")
def pool_certificates(pool_id: int, fmt: str) -> Response:
    """Every certificate of one pool, made while the organizer waits (a pool has only a handful)."""
    pool = pool_or_404(pool_id)
    result = service.published_result(db.session, pool)
    made = service.certificates_of(pool, result) if result is not None else []
    if not made:
        abort(404)
    content = service.render_batch(made, fmt)
    mimetype = "application/pdf" if fmt == "pdf" else "application/zip"
    return send_file(content, mimetype, f"certificates-pool-{pool.id}.{fmt}")


def round_or_404(round_id: int) -> Round:
    round_ = db.session.get(Round, round_id)
    if round_ is None:
        abort(404)
    return round_


@bp.route("/rounds/<int:round_id>/signer", methods=["GET", "POST"])
def signer(round_id: int) -> Page:
    """Who signs the round's certificates. Not a judging rule: it may change at any time."""
    round_ = round_or_404(round_id)
    require(can_manage_contests(current_user))
    form = SignerForm(
        data={"signer_name": round_.certificate_signer_name, "signer_title": round_.certificate_signer_title}
    )
    if form.validate_on_submit():
        round_.certificate_signer_name = form.signer_name.data
        round_.certificate_signer_title = form.signer_title.data
        db.session.commit()
        flash(_("The certificate signer is saved."), "success")
        contest_id = round_.category.contest_id
        return redirect(url_for("contests.show", contest_id=contest_id, _anchor=f"round-{round_.id}"))
    page = render_template("awards/signer.html", form=form, round=round_)
    return (page, 400) if form.errors else page


@bp.app_template_global("entry_certificates")
def entry_certificates(entry: Entry) -> list[dict[str, Any]]:
    """The certificates of an entry: its places in published results, at every level (one query)."""
    if entry.id is None:
        return []
    moved_from = sa.select(Advancement.from_pool_id).where(Advancement.entry_id == entry.id)
    results = db.session.scalars(
        sa.select(PoolResult)
        .where(
            PoolResult.state == ResultState.PUBLISHED,
            sa.or_(PoolResult.pool_id == entry.pool_id, PoolResult.pool_id.in_(moved_from)),
        )
        .options(joinedload(PoolResult.pool).joinedload(Pool.round))
        .order_by(PoolResult.pool_id)
    ).unique()
    found = []
    for result in results:
        row = service.placed_row(result, entry.id)
        if row is not None:
            url = url_for("awards.certificate", pool_id=result.pool_id, entry_id=entry.id)
            found.append({"place": row["place"], "level": result.pool.round.level.value, "url": url})
    return found


from app.awards import batches, exports  # noqa: E402,F401  (their routes join this blueprint)
