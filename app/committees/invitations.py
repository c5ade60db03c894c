"""Inviting a new judge from the committee page, and the one-time link that lets them set a password."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_user
from werkzeug.wrappers import Response

from app import mail
from app.committees.blueprint import bp, judge_home
from app.committees.forms import InviteForm, SetPasswordForm
from app.committees.page import Page, committee_error, committee_page, redirect_to
from app.extensions import db
from app.models import CommitteeRole, Pool, Unit
from app.models.base import utcnow
from app.permissions import pool_or_404
from app.services import invitations
from app.services.committees import CommitteeError
from app.services.invitations import InvitationError, Invited, NewJudge

INVALID_STATUS = {"unknown": 404, "used": 410, "expired": 410}


@bp.post("/pools/<int:pool_id>/invitations")
def invite(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = InviteForm()
    if form.validate_on_submit():
        unit_id = _unit_id(form)
        if not form.unit_code.errors:
            try:
                invited = invitations.invite_judge(db.session, pool, _new_judge(form, unit_id), now=utcnow())
            except InvitationError:
                form.email.errors = [_("An account already uses this e-mail. Add that person by user name.")]
            except CommitteeError as error:
                db.session.rollback()
                form.invite_role.errors = [committee_error(error)]
            else:
                link = url_for("committees.accept_invitation", token=invited.token, _external=True)
                subject = _l("Invitation to judge %(contest)s", contest=pool.round.category.contest.name)
                mail.queue(
                    db.session, invited.user, "invitation", subject, pool=pool, round=pool.round, link=link
                )
                db.session.commit()
                return _after_invite(pool, invited, link)
    return committee_page(pool, 422, invite_form=form)


def _unit_id(form: InviteForm) -> int | None:
    code = (form.unit_code.data or "").strip().upper()
    if not code:
        return None
    unit_id = db.session.scalar(sa.select(Unit.id).where(sa.func.upper(Unit.code) == code))
    if unit_id is None:
        form.unit_code.errors = [_("No unit has this code.")]
    return unit_id


def _new_judge(form: InviteForm, unit_id: int | None) -> NewJudge:
    return NewJudge(
        full_name=form.full_name.data or "",
        email=form.email.data or "",
        position=form.position.data or "",
        unit_id=unit_id,
        role=CommitteeRole(form.invite_role.data),
    )


def _after_invite(pool: Pool, invited: Invited, link: str) -> Page | Response:
    """With a mail server the invitation is on its way; without one the organizer sees the link once, to
    pass it on (the message also waits in the outbox)."""
    if mail.configured():
        flash(
            _(
                "%(name)s is on the committee; the invitation goes to %(email)s within a minute.",
                name=invited.user.full_name,
                email=invited.user.email,
            ),
            "success",
        )
        return redirect_to(pool)
    return render_template(
        "committees/invited.html", pool=pool, user=invited.user, link=link, mail_configured=False
    )


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> Page | Response:
    now = utcnow()
    try:
        invitation = invitations.invitation_for(db.session, token, now)
    except InvitationError as error:
        html = render_template("committees/invitation_invalid.html", code=error.code)
        return html, INVALID_STATUS[error.code]
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = invitations.accept(db.session, invitation, form.password.data or "", now)
        db.session.commit()
        session.clear()
        login_user(user)
        if user.locale:
            session["lang"] = user.locale
        flash(
            _("Welcome, %(name)s. Your password is set and you are signed in.", name=user.full_name),
            "success",
        )
        return redirect(judge_home())
    html = render_template(
        "committees/accept_invitation.html", form=form, user=invitation.user, invitation=invitation
    )
    return (html, 422) if form.errors else html
