"""How judging is going, for organizers: a round's pools, a pool's sheets, and reminders to late judges."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from app import mail
from app.committees.blueprint import bp, judge_home
from app.committees.forms import REASON_LABELS, ROLE_LABELS
from app.extensions import db
from app.forms import EmptyForm
from app.models import Round
from app.models.base import utcnow
from app.permissions import pool_or_404
from app.services import progress
from app.services.progress import JudgeProgress, PoolProgress


@bp.get("/rounds/<int:round_id>/progress")
def round_progress(round_id: int) -> str:
    round_ = db.session.get(Round, round_id) or abort(404)
    rows = progress.round_progress(db.session, round_, current_user, utcnow())
    return render_template("committees/round_progress.html", round=round_, rows=rows)


@bp.get("/pools/<int:pool_id>/progress")
def pool_progress(pool_id: int) -> str:
    pool = pool_or_404(pool_id)
    report = progress.pool_progress(db.session, pool, utcnow())
    return render_template(
        "committees/progress.html",
        pool=pool,
        round=pool.round,
        report=report,
        role_labels=ROLE_LABELS,
        reason_labels=REASON_LABELS,
        action_form=EmptyForm(),
        mail_configured=mail.configured(),
    )


@bp.post("/pools/<int:pool_id>/remind")
def remind(pool_id: int) -> Response:
    """E-mail every judge with sheets outstanding: how many, and by when."""
    pool = pool_or_404(pool_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    report = progress.pool_progress(db.session, pool, utcnow())
    behind = [j for j in report.judges if j.tally.outstanding]
    back = redirect(url_for("committees.pool_progress", pool_id=pool.id))
    if not behind:
        flash(_("Every judge has submitted every sheet: there is no one to remind."), "info")
        return back
    queued = [j for j in behind if _remind(report, j)]
    unreachable = [j for j in behind if j not in queued]
    db.session.commit()
    if mail.configured():
        flash(
            ngettext(
                "%(num)d reminder is in the outbox; it goes out within a minute.",
                "%(num)d reminders are in the outbox; they go out within a minute.",
                len(queued),
            ),
            "success",
        )
    elif queued:
        flash(
            _(
                "No mail server is configured: the reminders wait in the outbox. Judges with sheets "
                "outstanding: %(names)s.",
                names=_names(queued),
            ),
            "error",
        )
    if unreachable:
        flash(_("Not reachable by e-mail: %(names)s.", names=_names(unreachable)), "error")
    return back


def _names(judges: list[JudgeProgress]) -> str:
    return ", ".join(f"{j.user.full_name} ({j.tally.outstanding})" for j in judges)


def _remind(report: PoolProgress, judge: JudgeProgress) -> bool:
    subject = _l(
        "Reminder: %(n)d score sheets to submit, %(contest)s",
        n=judge.tally.outstanding,
        contest=report.pool.round.category.contest.name,
    )
    queued = mail.queue(
        db.session,
        judge.user,
        "reminder",
        subject,
        pool=report.pool,
        round=report.pool.round,
        outstanding=judge.tally.outstanding,
        deadline=report.deadline,
        link=judge_home(external=True),
    )
    return queued is not None
