"""The chair's sign-off: the pool's completeness, and the confirmation once every sheet is in.

Only the pool's chair signs (a judge, not necessarily an organizer); anyone else is refused with 403.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.committees.blueprint import bp
from app.committees.page import Page
from app.extensions import db
from app.forms import EmptyForm
from app.models import CommitteeMember, CommitteeRole, Entry, Pool, User
from app.models.base import utcnow
from app.permissions import require
from app.services import progress, scoresheets
from app.services.scoresheets import ScoringError


def chair_pool_or_403(pool_id: int) -> Pool:
    pool = db.session.get(Pool, pool_id) or abort(404)
    chair = db.session.scalar(
        sa.select(CommitteeMember.id).where(
            CommitteeMember.pool_id == pool.id,
            CommitteeMember.user_id == current_user.id,
            CommitteeMember.role == CommitteeRole.CHAIR,
        )
    )
    require(chair is not None and current_user.is_active)
    return pool


def _page(pool: Pool, status: int = 200, missing: list[tuple[Entry, User]] | None = None) -> Page:
    html = render_template(
        "committees/signoff.html",
        pool=pool,
        round=pool.round,
        report=progress.pool_progress(db.session, pool, utcnow()),
        missing=missing,
        action_form=EmptyForm(),
    )
    return (html, status) if status != 200 else html


@bp.get("/pools/<int:pool_id>/signoff")
def signoff_page(pool_id: int) -> Page:
    return _page(chair_pool_or_403(pool_id))


@bp.post("/pools/<int:pool_id>/signoff")
def signoff(pool_id: int) -> Page | Response:
    pool = chair_pool_or_403(pool_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        scoresheets.sign_pool(db.session, pool, chair=current_user, now=utcnow())
    except ScoringError as error:
        db.session.rollback()
        if error.code == "already_signed":
            flash(_("The pool is already signed off."), "info")
            return redirect(url_for("committees.signoff_page", pool_id=pool.id))
        return _page(pool, 422, missing=_missing(error.detail or []))
    db.session.commit()
    flash(_("The pool is signed off: its sheets are final."), "success")
    return redirect(url_for("committees.signoff_page", pool_id=pool.id))


def _missing(pairs: list[tuple[int, int]]) -> list[tuple[Entry, User]]:
    """(entry, judge) for each outstanding (entry id, judge id), loaded in two queries."""
    entries = {
        e.id: e for e in db.session.scalars(sa.select(Entry).where(Entry.id.in_({e for e, _j in pairs})))
    }
    judges = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_({j for _e, j in pairs})))}
    return [(entries[e], judges[j]) for e, j in pairs]
