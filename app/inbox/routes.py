"""The reader's notifications: the bell's unread count on every page, the newest-first list, and marking
one or all of them read. Another user's notice is a 404, as if it did not exist."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from app.extensions import db
from app.forms import EmptyForm
from app.models.base import utcnow
from app.notifications import sentence
from app.public.routes import safe_next
from app.services import inbox

bp = Blueprint("inbox", __name__, url_prefix="/notifications")

PER_PAGE = 50

log = logging.getLogger(__name__)


def unread_notifications() -> int:
    """The signed-in user's unread count, counted once per request and only when a page shows it."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        try:
            g.unread_notifications = inbox.unread_count(db.session, current_user.id)
        except SQLAlchemyError:  # the bell must not break a page (an error page above all)
            log.exception("unread notifications not counted")
            g.unread_notifications = 0
    return int(g.unread_notifications)


@bp.app_context_processor
def bell() -> dict[str, object]:
    return {"unread_notifications": unread_notifications}


@bp.before_request
@login_required
def signed_in() -> None:
    """Only the signed-in reader's own notices."""


@bp.get("")
def index() -> str:
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pagination = db.paginate(
        inbox.newest_first(current_user.id), page=page, per_page=PER_PAGE, error_out=False
    )
    return render_template(
        "inbox/index.html",
        pagination=pagination,
        sentence=sentence,
        unread=unread_notifications(),
    )


def _checked_post() -> None:
    if not EmptyForm().validate_on_submit():
        abort(400)


def _back() -> str:
    return safe_next(request.form.get("next"), url_for("inbox.index"))


@bp.post("/<int:notice_id>/read")
def read(notice_id: int) -> Response:
    """Mark one notice read, then follow its link (or go back to where the reader was)."""
    _checked_post()
    notice = inbox.own_notice(db.session, notice_id, current_user.id)
    if notice is None:
        abort(404)
    inbox.mark_read(notice, utcnow())
    db.session.commit()
    return redirect(safe_next(notice.link, _back()))


@bp.post("/read-all")
def read_all() -> Response:
    _checked_post()
    inbox.mark_all_read(db.session, current_user.id, utcnow())
    db.session.commit()
    return redirect(_back())
