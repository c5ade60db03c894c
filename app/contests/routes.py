"""Organizers set up contests: categories, rounds and their rules, rubrics, opening, copying.

Anyone may read the list and a contest's page; every other page is for those who manage contests. The round
pages (rules, rubric, opening) live in :mod:`app.contests.rounds`, a blueprint nested in this one.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from app.contests import describe, labels, rounds
from app.contests.forms import CategoryForm, ContestForm
from app.extensions import db
from app.forms import EmptyForm
from app.models import Category, Contest, EntrantKind, Round, Unit, UnitType
from app.models.collation import thai_order
from app.permissions import can_manage_contests, contest_or_404, require
from app.services import contest_copy
from app.services import contests as setup
from app.services.km_challenge import create_km_challenge
from judging import Scope

bp = Blueprint("contests", __name__, url_prefix="/contests")
bp.register_blueprint(rounds.bp)

ORGANIZER_UNIT_TYPES = (UnitType.DEPARTMENT, UnitType.PROVINCIAL_OFFICE)
Page = str | Response | tuple[str, int]
WITH_ROUNDS = selectinload(Contest.categories).selectinload(Category.rounds)


def _manager_only() -> None:
    require(can_manage_contests(current_user))


@bp.get("/")
def index() -> str:
    contests = db.session.scalars(
        sa.select(Contest).order_by(Contest.fiscal_year.desc(), Contest.id.desc()).options(WITH_ROUNDS)
    ).all()
    return render_template(
        "contests/index.html", contests=contests, manager=can_manage_contests(current_user), labels=labels
    )


@bp.get("/<int:contest_id>")
def show(contest_id: int) -> str:
    contest = db.session.scalar(
        sa.select(Contest)
        .where(Contest.id == contest_id)
        .options(
            selectinload(Contest.organizer_unit),
            WITH_ROUNDS.options(selectinload(Round.criteria), selectinload(Round.changes)),
        )
    )
    if contest is None:
        abort(404)
    return render_template(
        "contests/show.html",
        contest=contest,
        manager=can_manage_contests(current_user),
        labels=labels,
        describe=describe,
        missing_for_opening=setup.missing_for_opening,
        number=setup.decimal_text,
        action_form=EmptyForm(),
    )


def _organizer_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Unit.id, Unit.name_th)
        .where(Unit.unit_type.in_(ORGANIZER_UNIT_TYPES))
        .order_by(Unit.unit_type != UnitType.DEPARTMENT, thai_order(Unit.name_th))
    ).all()
    return [(unit_id, name) for unit_id, name in rows]


def _contest_form(contest: Contest | None) -> ContestForm:
    form = ContestForm(obj=contest) if contest is not None and request.method == "GET" else ContestForm()
    if contest is not None:
        del form.start_from
        if request.method == "GET":
            form.fiscal_year_be.data = contest.fiscal_year_be
    form.organizer_unit_id.choices = _organizer_choices()
    return form


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> Page:
    _manager_only()
    form = _contest_form(None)
    if form.validate_on_submit():
        unit = db.get_or_404(Unit, form.organizer_unit_id.data)
        values = {
            "name": (form.name.data or "").strip(),
            "fiscal_year": (form.fiscal_year_be.data or 0) - 543,
            "organizer_unit": unit,
            "created_by": current_user,
        }
        if form.start_from.data == "km_challenge":
            contest = create_km_challenge(db.session, **values)
            if form.description.data:
                contest.description = form.description.data.strip()
        else:
            contest = setup.create_contest(
                db.session, description=(form.description.data or "").strip(), **values
            )
        db.session.commit()
        flash(_("Contest %(name)s created.", name=contest.name), "success")
        return redirect(url_for("contests.show", contest_id=contest.id))
    return render_template("contests/contest_form.html", form=form, contest=None), 422 if form.errors else 200


@bp.route("/<int:contest_id>/edit", methods=["GET", "POST"])
@login_required
def edit(contest_id: int) -> Page:
    _manager_only()
    contest = contest_or_404(contest_id)
    form = _contest_form(contest)
    if form.validate_on_submit():
        setup.update_contest(
            contest,
            name=(form.name.data or "").strip(),
            fiscal_year=(form.fiscal_year_be.data or 0) - 543,
            organizer_unit=db.get_or_404(Unit, form.organizer_unit_id.data),
            description=(form.description.data or "").strip(),
        )
        db.session.commit()
        flash(_("Contest %(name)s saved.", name=contest.name), "success")
        return redirect(url_for("contests.show", contest_id=contest.id))
    return render_template("contests/contest_form.html", form=form, contest=contest), (
        422 if form.errors else 200
    )


@bp.post("/<int:contest_id>/copy")
@login_required
def copy(contest_id: int) -> Response:
    _manager_only()
    source = contest_or_404(contest_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    contest = contest_copy.copy_contest(db.session, source, created_by=current_user)
    db.session.commit()
    flash(
        _(
            "Copied to %(name)s. Check its dates, then open its rounds when they are ready.",
            name=contest.name,
        ),
        "success",
    )
    return redirect(url_for("contests.show", contest_id=contest.id))


def _category_or_404(category_id: int) -> Category:
    category = db.session.get(Category, category_id)
    if category is None:
        abort(404)
    return category


def _category_values(form: CategoryForm) -> dict[str, object]:
    kind = EntrantKind(form.entrant_kind.data)
    return {
        "name_th": (form.name_th.data or "").strip(),
        "name_en": (form.name_en.data or "").strip(),
        "description": (form.description.data or "").strip(),
        "entrant_kind": kind,
        "levels": tuple(Scope(name) for name in (form.levels.data or "").split(",")),
        "per_unit_cap": form.per_unit_cap.data if kind.is_person else None,
    }


def _category_page(
    form: CategoryForm, contest: Contest, category: Category | None, problem: str = ""
) -> Page:
    status = 422 if form.errors or problem else 200
    page = render_template(
        "contests/category_form.html", form=form, contest=contest, category=category, problem=problem
    )
    return page, status


@bp.route("/<int:contest_id>/categories/new", methods=["GET", "POST"])
@login_required
def new_category(contest_id: int) -> Page:
    _manager_only()
    contest = contest_or_404(contest_id)
    form = CategoryForm()
    if form.validate_on_submit():
        category = setup.add_category(db.session, contest, **_category_values(form))  # type: ignore[arg-type]
        db.session.commit()
        flash(_("Category %(name)s added.", name=category.name_th), "success")
        return redirect(url_for("contests.show", contest_id=contest.id, _anchor=f"category-{category.id}"))
    return _category_page(form, contest, None)


@bp.route("/categories/<int:category_id>/edit", methods=["GET", "POST"])
@login_required
def edit_category(category_id: int) -> Page:
    _manager_only()
    category = _category_or_404(category_id)
    form = CategoryForm(obj=category) if request.method == "GET" else CategoryForm()
    if request.method == "GET":
        form.entrant_kind.data = category.entrant_kind.value
    if not form.validate_on_submit():
        return _category_page(form, category.contest, category)
    try:
        setup.update_category(db.session, category, **_category_values(form))  # type: ignore[arg-type]
    except setup.SetupError as error:
        db.session.rollback()
        return _category_page(form, category.contest, category, labels.setup_error(error.code))
    db.session.commit()
    flash(_("Category %(name)s saved.", name=category.name_th), "success")
    return redirect(
        url_for("contests.show", contest_id=category.contest_id, _anchor=f"category-{category.id}")
    )
