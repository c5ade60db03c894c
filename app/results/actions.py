"""The steps from standings to a published result, as POSTs on the results page.

Each checks who may act (403 for a member of the page's audience without the right), runs one service
call, commits once, and on refusal rolls back and shows the page again with the reason (409) or the
form's errors (422). Mail goes into the outbox in the same transaction.
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.extensions import db
from app.forms import EmptyForm
from app.models import Advancement
from app.models.base import utcnow
from app.permissions import require
from app.results import notify
from app.results.access import access_or_404
from app.results.board import from_computation
from app.results.forms import CorrectionForm, tie_form
from app.results.page import Page, refusal_text, render_pool
from app.results.routes import bp
from app.services import publication, results
from app.services.exports import pool_label
from app.services.publication import Advanced, ResultError


def _back(pool_id: int) -> Response:
    return redirect(url_for("results_admin.pool", pool_id=pool_id))


def _checked_post() -> None:
    if not EmptyForm().validate_on_submit():
        abort(400)


@bp.post("/pools/<int:pool_id>/ties")
def decide_tie(pool_id: int) -> Page | Response:
    """The committee's order for one open tie, with its reason (chair or organizer)."""
    access = access_or_404(pool_id)
    require(access.decides_ties)
    if publication.current_result(db.session, access.pool) is not None:
        return render_pool(access, 409, refusal=refusal_text(ResultError("already_approved")))
    board = from_computation(results.compute(db.session, access.pool))
    tie = next((t for t in board.ties if t.key == request.form.get("tie")), None)
    if tie is None:
        return render_pool(access, 409, refusal=refusal_text(ResultError("not_a_tie")))
    form = tie_form(tie, request.form)
    if not form.validate():
        return render_pool(access, 422, posted_tie=form)
    try:
        publication.decide_tie(
            db.session, access.pool, form.order(), form.reason.data, user=current_user, now=utcnow()
        )
    except ResultError as error:
        db.session.rollback()
        return render_pool(access, 409, refusal=refusal_text(error))
    db.session.commit()
    flash(_("The committee's decision is recorded."), "success")
    return _back(pool_id)


@bp.post("/pools/<int:pool_id>/approve")
def approve(pool_id: int) -> Page | Response:
    """The chair approves: a frozen version, and the entries that advance move to the next level."""
    access = access_or_404(pool_id)
    require(access.chair)
    _checked_post()
    try:
        result, advanced = publication.approve(db.session, access.pool, chair=current_user, now=utcnow())
    except ResultError as error:
        db.session.rollback()
        if error.code == "already_approved":
            return render_pool(access, 409, refusal=refusal_text(error))
        return render_pool(access, 409, refused_problems=True)
    notify.advancements(advanced.moved)
    db.session.commit()
    flash(_("The result is approved (version %(n)d).", n=result.version), "success")
    for message in advancement_messages(advanced):
        flash(message, "info")
    return _back(pool_id)


def entrant_label(advancement: Advancement) -> str:
    entry = advancement.entry
    if entry.person is not None:
        return entry.person.full_name
    return entry.unit.short_name_th or entry.unit.name_th


def advancement_messages(advanced: Advanced) -> list[str]:
    """What approval did to the next level, in words."""
    if advanced.final:
        return [_("This is the final level: no entry moves further.")]
    if advanced.waiting:
        return [_("The next level's round is not open yet, so no entry has moved up.")]
    return [
        _(
            "%(entrant)s moved to the %(pool)s pool.",
            entrant=entrant_label(moved),
            pool=pool_label(moved.to_pool),
        )
        for moved in advanced.moved
    ]


@bp.post("/pools/<int:pool_id>/publish")
def publish(pool_id: int) -> Page | Response:
    """An organizer publishes the approved version now, before the announcement time."""
    access = access_or_404(pool_id)
    require(access.organizer)
    _checked_post()
    result = publication.current_result(db.session, access.pool)
    if result is None:
        return render_pool(access, 409, refusal=refusal_text(ResultError("not_approved")))
    try:
        publication.publish(db.session, result, user=current_user, now=utcnow())
    except ResultError as error:
        db.session.rollback()
        return render_pool(access, 409, refusal=refusal_text(error))
    db.session.commit()
    flash(_("The result is published."), "success")
    return _back(pool_id)


@bp.post("/pools/<int:pool_id>/correct")
def correct(pool_id: int) -> Page | Response:
    """An organizer corrects a published result: a new version, published at once, with the reason."""
    access = access_or_404(pool_id)
    require(access.organizer)
    form = CorrectionForm()
    if not form.validate_on_submit():
        return render_pool(access, 422, correction_form=form)
    try:
        corrected = publication.correct(
            db.session, access.pool, user=current_user, reason=form.correction_reason.data, now=utcnow()
        )
    except ResultError as error:
        db.session.rollback()
        return render_pool(access, 409, refusal=refusal_text(error), correction_form=form)
    db.session.commit()
    flash(_("Version %(n)d is published with the correction.", n=corrected.version), "success")
    return _back(pool_id)
