"""For national organizers: the e-mail outbox (every message, its status and attempts, resending a failed
one, reading a message that waits because no mail server is set) and what the scheduler has done."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app import mail
from app.extensions import db
from app.forms import EmptyForm
from app.models import JobRun, MessageStatus, OutboxMessage, Round
from app.models.base import utcnow
from app.permissions import is_admin, is_national_organizer, require
from app.scheduler import jobs, lease, timeline

bp = Blueprint("mailroom", __name__, url_prefix="/organize")
PER_PAGE = 50
STATUS_LABELS = {
    MessageStatus.PENDING: _l("Waiting"),
    MessageStatus.SENT: _l("Sent"),
    MessageStatus.FAILED: _l("Failed"),
}
JOB_LABELS = {
    timeline.OPEN: _l("Open submissions"),
    timeline.CLOSE: _l("Close submissions"),
    timeline.REMIND_UNITS: _l("Remind units with drafts"),
    timeline.JUDGING_OPEN: _l("Open judging"),
    timeline.REMIND_JUDGES: _l("Remind judges"),
    timeline.JUDGING_CLOSE: _l("Close judging"),
    timeline.PUBLISH: _l("Publish results"),
    "digest": _l("Daily digest"),
}


@bp.before_request
@login_required
def only_national_organizers() -> None:
    require(is_admin(current_user) or is_national_organizer(current_user))


def _status_filter() -> MessageStatus | None:
    value = request.args.get("status", "")
    if not value:
        return None
    try:
        return MessageStatus(value)
    except ValueError:
        abort(400)


@bp.get("/outbox")
def outbox() -> str:
    status = _status_filter()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    query = sa.select(OutboxMessage)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    messages = db.session.scalars(
        query.order_by(OutboxMessage.id.desc()).limit(PER_PAGE + 1).offset((page - 1) * PER_PAGE)
    ).all()
    counts = dict(
        db.session.execute(
            sa.select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status)
        ).all()
    )
    return render_template(
        "mailroom/outbox.html",
        messages=messages[:PER_PAGE],
        has_next=len(messages) > PER_PAGE,
        page=page,
        status=status,
        counts={s: counts.get(s, 0) for s in MessageStatus},
        labels=STATUS_LABELS,
        mail_configured=mail.configured(),
        form=EmptyForm(),
    )


@bp.get("/outbox/<int:message_id>")
def message(message_id: int) -> str:
    row = db.session.get(OutboxMessage, message_id) or abort(404)
    return render_template(
        "mailroom/message.html",
        message=row,
        labels=STATUS_LABELS,
        form=EmptyForm(),
        mail_configured=mail.configured(),
    )


@bp.post("/outbox/<int:message_id>/resend")
def resend(message_id: int) -> Response:
    if not EmptyForm().validate_on_submit():
        abort(400)
    row = db.session.get(OutboxMessage, message_id) or abort(404)
    if not mail.resend(row, utcnow()):
        flash(_("Only a failed message can be sent again."), "error")
        page = render_template(
            "mailroom/message.html",
            message=row,
            labels=STATUS_LABELS,
            form=EmptyForm(),
            mail_configured=mail.configured(),
        )
        return Response(page, status=409)
    db.session.commit()
    flash(_("The message is back in the outbox; it goes out within a minute."), "success")
    return redirect(url_for("mailroom.outbox"))


@bp.get("/scheduler")
def scheduler() -> str:
    now = utcnow()
    upcoming = jobs.pending_jobs(db.session)[:PER_PAGE]
    by_id = {
        r.id: r
        for r in db.session.scalars(sa.select(Round).where(Round.id.in_({j.round_id for j in upcoming})))
    }
    runs = db.session.scalars(
        sa.select(JobRun).order_by(JobRun.ran_at.desc(), JobRun.id.desc()).limit(PER_PAGE)
    ).all()
    return render_template(
        "mailroom/scheduler.html",
        holder=lease.holder_of(db.engine, now),
        upcoming=upcoming,
        rounds=by_id,
        runs=runs,
        labels=JOB_LABELS,
        now=now,
    )
