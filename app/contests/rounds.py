"""A round's rules, its rubric, and opening it (nested in the contests blueprint: /contests/rounds/...).

A draft round changes freely. Once open its rules are fixed: only a national organizer may change them, with a
reason that entrants read on the contest page; once judging has started nothing may change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from app.contests import labels
from app.contests.forms import DATE_FIELDS, RoundRulesForm
from app.contests.rubric import RubricForm, add_empty_row, criteria_specs, rubric_form, typed_total
from app.extensions import db
from app.forms import EmptyForm
from app.models import ConflictScope, Round
from app.permissions import can_amend_open_round, can_manage_contests, require
from app.services import contests as setup
from app.services.rules import TIE_BREAK_CRITERION, tie_break_tokens
from judging import AggregationMethod, RoundState

bp = Blueprint("rounds", __name__, url_prefix="/rounds")

Page = str | Response | tuple[str, int]


@bp.before_request
@login_required
def only_managers() -> None:
    require(can_manage_contests(current_user))


def _round_or_404(round_id: int) -> Round:
    round_ = db.session.get(Round, round_id)
    if round_ is None:
        abort(404)
    return round_


def _editable(round_: Round) -> bool:
    """A draft by any manager; an open round (not yet judging) by a national organizer only."""
    if round_.state is RoundState.DRAFT:
        return True
    return round_.state is RoundState.OPEN and can_amend_open_round(current_user)


def _refuse_post_unless_allowed(round_: Round) -> None:
    """Those who may not amend an open round only read its form; posting to it is forbidden."""
    if request.method == "POST" and round_.rules_fixed and not can_amend_open_round(current_user):
        abort(403)


def _judging_started(round_: Round) -> bool:
    return request.method == "POST" and round_.state not in (RoundState.DRAFT, RoundState.OPEN)


def _contest_page(round_: Round) -> Response:
    contest_id = round_.category.contest_id
    return redirect(url_for("contests.show", contest_id=contest_id, _anchor=f"round-{round_.id}"))


def _rule_values(form: RoundRulesForm, round_: Round) -> dict[str, Any]:
    values = {name: form[name].data for name in setup.ROUND_RULE_FIELDS if name in form}
    for name in DATE_FIELDS:
        if name in values:
            values[name] = _unless_same_minute(values[name], getattr(round_, name))
    values["aggregation"] = AggregationMethod(values["aggregation"])
    values["conflict_scope"] = ConflictScope(values["conflict_scope"])
    values["tie_breaks"] = form.tie_breaks()
    values["blind"] = bool(values["blind"])
    values["show_scores"] = bool(values["show_scores"])
    return values


def _unless_same_minute(typed: datetime | None, stored: datetime | None) -> datetime | None:
    """The form shows minutes: a stored time with seconds that reads the same was not changed."""
    if typed is not None and stored is not None and typed == stored.replace(second=0, microsecond=0):
        return stored
    return typed


def _rules_page(form: RoundRulesForm, round_: Round, problem: str = "") -> Page:
    page = render_template(
        "contests/round_rules.html",
        form=form,
        round=round_,
        editable=_editable(round_),
        problem=problem,
        labels=labels,
    )
    return page, 422 if form.errors or problem else 200


def _apply_setup_error(form: Any, error: setup.SetupError) -> str:
    """Put a refusal beside the reason field when that is what is missing; else return it for the page."""
    db.session.rollback()
    if error.code == "reason_required":
        form.reason.errors = [*form.reason.errors, labels.setup_error(error.code)]
        return ""
    return labels.setup_error(error.code)


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
def edit(round_id: int) -> Page:
    round_ = _round_or_404(round_id)
    _refuse_post_unless_allowed(round_)
    form = RoundRulesForm(round_, obj=round_) if request.method == "GET" else RoundRulesForm(round_)
    if _judging_started(round_):
        return _rules_page(form, round_, labels.setup_error("judging_started"))
    if not form.validate_on_submit():
        return _rules_page(form, round_)
    try:
        record = setup.update_rules(
            db.session,
            round_,
            _rule_values(form, round_),
            user=current_user,
            reason=form.reason.data or "",
            may_amend=can_amend_open_round(current_user),
        )
    except setup.SetupError as error:
        return _rules_page(form, round_, _apply_setup_error(form, error))
    db.session.commit()
    _flash_saved(record, not round_.rules_fixed, _("The rules of the round are saved."))
    return _contest_page(round_)


def _flash_saved(record: Any, draft: bool, saved: str) -> None:
    if record is not None:
        flash(_("The change and its reason are recorded and shown on the contest page."), "success")
    elif draft:
        flash(saved, "success")
    else:
        flash(_("Nothing was changed."), "info")


def _rubric_page(form: RubricForm, round_: Round, problem: str = "", status: int = 200) -> Page:
    page = render_template(
        "contests/rubric.html",
        form=form,
        round=round_,
        editable=_editable(round_),
        problem=problem,
        total=typed_total(form),
        labels=labels,
        number=setup.decimal_text,
    )
    return page, status


def _stale_tie_breaks(round_: Round, keys: set[str]) -> list[str]:
    """Criteria the tie-break chain names that the new rubric no longer has."""
    named = [
        t.removeprefix(TIE_BREAK_CRITERION)
        for t in tie_break_tokens(round_)
        if t.startswith(TIE_BREAK_CRITERION)
    ]
    return [key for key in named if key not in keys]


@bp.route("/<int:round_id>/rubric", methods=["GET", "POST"])
def rubric(round_id: int) -> Page:
    round_ = _round_or_404(round_id)
    _refuse_post_unless_allowed(round_)
    if request.method == "GET":
        return _rubric_page(rubric_form(round_), round_)
    form = rubric_form(round_, request.form)
    if _judging_started(round_):
        return _rubric_page(form, round_, labels.setup_error("judging_started"), 422)
    if not form.validate_on_submit():
        return _rubric_page(form, round_, status=422)
    if form.add_row.data:
        add_empty_row(form)
        return _rubric_page(form, round_)
    specs, valid = criteria_specs(form)
    problem = _rubric_problem(round_, specs, valid)
    if problem:
        return _rubric_page(form, round_, problem, 422)
    try:
        record = setup.amend_rubric(
            db.session,
            round_,
            specs,
            user=current_user,
            reason=form.reason.data or "",
            may_amend=can_amend_open_round(current_user),
        )
    except setup.SetupError as error:
        return _rubric_page(form, round_, _apply_setup_error(form, error), 422)
    db.session.commit()
    _flash_saved(record, not round_.rules_fixed, _("The rubric is saved."))
    return _contest_page(round_)


def _rubric_problem(round_: Round, specs: list[setup.CriterionSpec], valid: bool) -> str:
    if not valid:
        return _("Please correct the rows marked below.")
    if not specs:
        return _("A rubric needs at least one criterion.")
    stale = _stale_tie_breaks(round_, {spec.key for spec in specs})
    if stale:
        return _(
            "The tie-breaks of this round use the criterion %(keys)s: change the tie-breaks first, "
            "or keep this criterion.",
            keys=", ".join(stale),
        )
    return ""


@bp.post("/<int:round_id>/open")
def open_round(round_id: int) -> Response:
    round_ = _round_or_404(round_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if round_.state is not RoundState.DRAFT:
        flash(labels.setup_error("wrong_state"), "error")
        return _contest_page(round_)
    missing = setup.missing_for_opening(round_)
    if missing:
        flash(
            _("This round cannot open yet. Still missing: %(list)s.", list=labels.missing_list(missing)),
            "error",
        )
        return _contest_page(round_)
    pools = setup.open_round(db.session, round_)
    db.session.commit()
    flash(_("The round is open: %(n)d pools were created.", n=len(pools)), "success")
    return _contest_page(round_)
