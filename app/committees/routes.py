"""Organizers form each pool's committee and assign its judges to entries, avoiding conflicts of interest."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app.committees.forms import (
    REASON_LABELS,
    ROLE_LABELS,
    AddMemberForm,
    JudgesPerEntryForm,
    RecuseForm,
    ReplaceForm,
)
from app.extensions import db
from app.forms import EmptyForm
from app.models import Assignment, CommitteeMember, CommitteeRole, Pool, User
from app.permissions import is_organizer, pool_or_404, require
from app.services import committees
from app.services.committees import CommitteeError
from judging import ConflictReason

bp = Blueprint("committees", __name__, url_prefix="/organize/committees")

Page = str | tuple[str, int]


@bp.before_request
@login_required
def only_organizers() -> None:
    require(is_organizer(current_user))


def _redirect(pool: Pool) -> Response:
    return redirect(url_for("committees.pool", pool_id=pool.id))


def _fill_choices(pool: Pool, recuse: RecuseForm, replace: ReplaceForm) -> None:
    assignments = committees.assignments_of(db.session, pool)
    recuse.recuse_assignment.choices = [_choice(a) for a in assignments if a.recused_at is None]
    replace.replace_assignment.choices = [_choice(a) for a in assignments if a.recused_at is not None]
    replace.new_judge.choices = [
        SelectChoice(str(j.id), j.full_name) for j in committees.scoring_judges(db.session, pool)
    ]


def _choice(assignment: Assignment) -> SelectChoice:
    label = f"{assignment.entry.title} ({assignment.entry.unit.short_name_th}) · {assignment.judge.full_name}"
    return SelectChoice(str(assignment.id), label)


def _page(pool: Pool, status: int = 200, **posted: Any) -> Page:
    """The committee page; ``posted`` holds the form that was sent (with its errors and input)."""
    forms = {
        "add_form": posted.get("add_form") or AddMemberForm(formdata=None),
        "size_form": posted.get("size_form")
        or JudgesPerEntryForm(formdata=None, judges_per_entry=pool.judges_per_entry),
        "recuse_form": posted.get("recuse_form") or RecuseForm(formdata=None),
        "replace_form": posted.get("replace_form") or ReplaceForm(formdata=None),
    }
    _fill_choices(pool, forms["recuse_form"], forms["replace_form"])
    html = render_template(
        "committees/pool.html",
        pool=pool,
        round=pool.round,
        members=committees.members_of(db.session, pool),
        candidates=committees.judge_candidates(db.session, pool),
        matrix=committees.matrix(db.session, pool),
        short=committees.lacking_judges(db.session, pool),
        role_labels=ROLE_LABELS,
        reason_labels=REASON_LABELS,
        action_form=EmptyForm(),
        **forms,
    )
    return (html, status) if status != 200 else html


def _error(error: CommitteeError) -> str:
    messages = {
        "second_chair": _("The committee already has a chair (%(name)s).", name=error.detail),
        "not_a_judge": _("No active account with the judge role has this user name."),
        "reason_required": _("Give the reason for the recusal."),
        "already_recused": _("This judge has already recused."),
        "not_recused": _("Only a recused judge can be replaced."),
        "not_a_scoring_member": _("The new judge must be the chair or a member of this committee."),
        "already_assigned": _("This judge is already assigned to the entry."),
    }
    if error.code == "conflict":
        reasons = ", ".join(str(REASON_LABELS[ConflictReason(r)]) for r in error.detail.split(","))
        return _("This judge may not score the entry: %(reasons)s.", reasons=reasons)
    return messages.get(error.code, error.code)


@bp.get("/pools/<int:pool_id>")
def pool(pool_id: int) -> Page:
    return _page(pool_or_404(pool_id))


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
                form.role.errors = [_error(error)]
            else:
                db.session.commit()
                flash(_("%(name)s is on the committee.", name=judge.full_name), "success")
                return _redirect(pool)
    return _page(pool, 422, add_form=form)


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
    return _redirect(pool)


@bp.post("/pools/<int:pool_id>/judges-per-entry")
def judges_per_entry(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = JudgesPerEntryForm()
    if not form.validate_on_submit():
        return _page(pool, 422, size_form=form)
    pool.judges_per_entry = form.judges_per_entry.data
    db.session.commit()
    flash(_("Judges per entry saved. Press “Assign judges” to apply it."), "success")
    return _redirect(pool)


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
    return _redirect(pool)


def _assignment_in(pool: Pool, assignment_id: int | None) -> Assignment:
    assignment = db.session.get(Assignment, assignment_id) if assignment_id else None
    if assignment is None or assignment.pool_id != pool.id:
        abort(404)
    return assignment


@bp.post("/pools/<int:pool_id>/recusals")
def recuse(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = RecuseForm()
    _fill_choices(pool, form, ReplaceForm(formdata=None))
    if form.validate_on_submit():
        assignment = _assignment_in(pool, form.recuse_assignment.data)
        try:
            committees.recuse(db.session, assignment, form.reason.data or "")
        except CommitteeError as error:
            form.reason.errors = [_error(error)]
        else:
            db.session.commit()
            flash(_("The recusal is recorded."), "success")
            return _redirect(pool)
    return _page(pool, 422, recuse_form=form)


@bp.post("/pools/<int:pool_id>/replacements")
def replace(pool_id: int) -> Page | Response:
    pool = pool_or_404(pool_id)
    form = ReplaceForm()
    _fill_choices(pool, RecuseForm(formdata=None), form)
    if form.validate_on_submit():
        assignment = _assignment_in(pool, form.replace_assignment.data)
        judge = db.session.get(User, form.new_judge.data) or abort(404)
        try:
            committees.replace(db.session, assignment, judge)
        except CommitteeError as error:
            form.new_judge.errors = [_error(error)]
        else:
            db.session.commit()
            flash(_("%(name)s now scores the entry.", name=judge.full_name), "success")
            return _redirect(pool)
    return _page(pool, 422, replace_form=form)
