"""Organizers form each pool's committee and assign its judges to entries, avoiding conflicts of interest."""

from __future__ import annotations

from flask import abort, flash
from flask_babel import gettext as _
from werkzeug.wrappers import Response

# The other views of the blueprint live in their own modules; importing them registers them on ``bp``.
from app.committees import imports, invitations, progress, sheets, signoff  # noqa: F401
from app.committees.blueprint import bp
from app.committees.forms import AddMemberForm, JudgesPerEntryForm, RecuseForm, ReplaceForm
from app.committees.page import Page, committee_error, committee_page, fill_choices, redirect_to
from app.extensions import db
from app.forms import EmptyForm
from app.models import Assignment, CommitteeMember, CommitteeRole, Pool, User
from app.permissions import pool_or_404
from app.services import committees
from app.services.committees import CommitteeError

__all__ = ["bp"]


@bp.get("/pools/<int:pool_id>")
def pool(pool_id: int) -> Page:
    return committee_page(pool_or_404(pool_id))


@bp.post("/pools/<int:pool_id>/members")
def add_member(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = AddMemberForm()
    if form.validate_on_submit():
        judge = committees.find_judge(db.session, form.username.data or "")
        if judge is None:
            form.username.errors = [_("No active account with the judge role has this user name.")]
        else:
            try:
                committees.add_member(db.session, pool, judge, CommitteeRole(form.role.data))
            except CommitteeError as error:
                form.role.errors = [committee_error(error)]
            else:
                db.session.commit()
                flash(_("%(name)s is on the committee.", name=judge.full_name), "success")
                return redirect_to(pool)
    return committee_page(pool, 422, add_form=form)


@bp.post("/pools/<int:pool_id>/members/<int:member_id>/remove")
def remove_member(pool_id: int, member_id: int) -> Response:
    pool = pool_or_404(pool_id)
    member = db.session.get(CommitteeMember, member_id)
    if member is None or member.pool_id != pool.id:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    name = member.user.full_name
    committees.remove_member(db.session, member)
    db.session.commit()
    flash(_("%(name)s is no longer on the committee.", name=name), "success")
    return redirect_to(pool)


@bp.post("/pools/<int:pool_id>/judges-per-entry")
def judges_per_entry(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = JudgesPerEntryForm()
    if not form.validate_on_submit():
        return committee_page(pool, 422, size_form=form)
    pool.judges_per_entry = form.judges_per_entry.data
    db.session.commit()
    flash(_("Judges per entry saved. Press “Assign judges” to apply it."), "success")
    return redirect_to(pool)


@bp.post("/pools/<int:pool_id>/assign")
def assign(pool_id: int) -> Response:
    pool = pool_or_404(pool_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    result = committees.assign(db.session, pool)
    db.session.commit()
    flash(
        _("%(added)d assignments added, %(removed)d removed.", added=result.added, removed=result.removed),
        "success",
    )
    if result.short:
        flash(_("%(n)d entries do not have enough judges.", n=len(result.short)), "error")
    return redirect_to(pool)


def _assignment_in(pool: Pool, assignment_id: int | None) -> Assignment:
    assignment = db.session.get(Assignment, assignment_id) if assignment_id else None
    if assignment is None or assignment.pool_id != pool.id:
        abort(404)
    return assignment


@bp.post("/pools/<int:pool_id>/recusals")
def recuse(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = RecuseForm()
    fill_choices(pool, form, ReplaceForm(formdata=None))
    if form.validate_on_submit():
        assignment = _assignment_in(pool, form.recuse_assignment.data)
        try:
            committees.recuse(db.session, assignment, form.reason.data or "")
        except CommitteeError as error:
            form.reason.errors = [committee_error(error)]
        else:
            db.session.commit()
            flash(_("The recusal is recorded."), "success")
            return redirect_to(pool)
    return committee_page(pool, 422, recuse_form=form)


@bp.post("/pools/<int:pool_id>/replacements")
def replace(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = ReplaceForm()
    fill_choices(pool, RecuseForm(formdata=None), form)
    if form.validate_on_submit():
        assignment = _assignment_in(pool, form.replace_assignment.data)
        judge = db.session.get(User, form.new_judge.data) or abort(404)
        try:
            committees.replace(db.session, assignment, judge)
        except CommitteeError as error:
            form.new_judge.errors = [committee_error(error)]
        else:
            db.session.commit()
            flash(_("%(name)s now scores the entry.", name=judge.full_name), "success")
            return redirect_to(pool)
    return committee_page(pool, 422, replace_form=form)
