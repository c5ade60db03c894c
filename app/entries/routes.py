"""Units and officers write, submit, edit and withdraw entries, with attachments.

Every action is decided at the request, in the round's window (Asia/Bangkok dates, compared as UTC instants):
a refused POST changes nothing and answers 409 with the reason. Another unit's entry is a 404.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from app.entries import attachment_routes
from app.entries.forms import EntryForm, VersionForm, form_for_entry, new_form, submitted_version
from app.entries.messages import entry_message, existing_message, window_message
from app.entries.pages import refused, render_entry
from app.extensions import db
from app.models import Category, Entry, Role, Unit
from app.models.base import utcnow
from app.permissions import can_edit_entry, entry_or_404, require, units_user_may_enter
from app.services import entries as service
from app.services.rules import drafting_decision

bp = Blueprint("entries", __name__, url_prefix="/entries")
attachment_routes.register(bp)

Page = str | Response | tuple[str, int]


@bp.before_request
@login_required
def signed_in() -> None:
    """Every entry page needs an account; what it shows is decided per entry."""


@bp.get("/")
def index() -> str:
    unit_ids = {a.unit_id for a in current_user.roles if a.role == Role.COORDINATOR and a.unit_id}
    entries = service.entries_for(db.session, unit_ids, current_user.id)
    now = utcnow()
    return render_template(
        "entries/index.html",
        entries=entries,
        editable={e.id for e in entries if can_edit_entry(current_user, e) and service.may_draft(e, now)},
        openings=service.openings(db.session, current_user, units_user_may_enter, now),
    )


def _category_and_unit() -> tuple[Category, Unit]:
    """The category and unit of a new entry, if this person may enter it for that unit; otherwise 404."""
    category = db.session.get(Category, request.args.get("category", type=int) or 0)
    if category is None or category.first_round is None:
        abort(404)
    units = units_user_may_enter(current_user, category.entrant_kind)
    unit_id = request.args.get("unit", type=int)
    unit = next(
        (u for u in units if u.id == unit_id), units[0] if unit_id is None and len(units) == 1 else None
    )
    if unit is None:
        abort(404)
    return category, unit


@bp.route("/new", methods=["GET", "POST"])
def new() -> Page:
    category, unit = _category_and_unit()
    key = service.key_for(category, unit, current_user)
    if request.method == "GET" and (existing := service.existing_entry(db.session, category, key)):
        flash(existing_message(existing), "info")
        return redirect(url_for("entries.show", entry_id=existing.id))
    decision = drafting_decision(service.first_round(category), utcnow())
    if not decision:
        message = window_message(decision.reason, category.first_round)
        if request.method == "GET":
            flash(message, "error")
            return redirect(url_for("entries.index"))
        return refused(message)
    is_person = category.entrant_kind.is_person
    form = (
        new_form(current_user, is_person)
        if request.method == "GET"
        else EntryForm(authors_required=is_person)
    )
    if form.validate_on_submit():
        return _create(form, category, unit, key)
    form.pad_authors()
    return _form_page(form, category, unit, None, status=400 if form.errors else 200)


def _create(form: EntryForm, category: Category, unit: Unit, key: str) -> Page:
    now = utcnow()
    try:
        entry = service.create_entry(
            db.session, category=category, unit=unit, user=current_user, content=form.content(), now=now
        )
    except IntegrityError:
        db.session.rollback()
        existing = service.existing_entry(db.session, category, key)
        if existing is None:
            raise
        flash(existing_message(existing), "info")
        return redirect(url_for("entries.show", entry_id=existing.id))
    except service.EntryError as error:
        db.session.rollback()
        form.pad_authors()
        return _form_page(form, category, unit, None, problem=entry_message(error, category.first_round))
    problem = _submit_if_asked(entry)
    db.session.commit()
    _flash_saved(entry, problem)
    return redirect(url_for("entries.show", entry_id=entry.id))


def _submit_if_asked(entry: Entry) -> str | None:
    """Submit after saving when the person pressed Submit; a refusal keeps the saved draft and says why."""
    if request.form.get("action") != "submit":
        return None
    try:
        service.submit_entry(db.session, entry, version=entry.version, now=utcnow())
    except service.EntryError as error:
        return entry_message(error, entry.category.first_round)
    return None


def _flash_saved(entry: Entry, problem: str | None) -> None:
    if problem:
        flash(_("Saved as a draft, but not submitted: %(reason)s", reason=problem), "error")
    elif request.form.get("action") == "submit":
        flash(_("The entry was submitted."), "success")
    else:
        flash(_("Saved."), "success")


def _form_page(
    form: EntryForm,
    category: Category,
    unit: Unit,
    entry: Entry | None,
    *,
    problem: str | None = None,
    stale: bool = False,
    status: int = 409,
) -> tuple[str, int]:
    page = render_template(
        "entries/form.html",
        form=form,
        category=category,
        unit=unit,
        entry=entry,
        problem=problem,
        stale=stale,
    )
    return page, status if problem or form.errors else 200


@bp.get("/<int:entry_id>")
def show(entry_id: int) -> tuple[str, int]:
    return render_entry(entry_or_404(entry_id))


def _editable_entry_or_404(entry_id: int) -> Entry:
    entry = entry_or_404(entry_id)
    require(can_edit_entry(current_user, entry))
    return entry


@bp.route("/<int:entry_id>/edit", methods=["GET", "POST"])
def edit(entry_id: int) -> Page:
    entry = _editable_entry_or_404(entry_id)
    decision = service.may_draft(entry, utcnow())
    if not decision:
        message = window_message(decision.reason, entry.category.first_round)
        if request.method == "GET":
            flash(message, "error")
            return redirect(url_for("entries.show", entry_id=entry.id))
        return refused(message, entry)
    if request.method == "GET":
        return _form_page(form_for_entry(entry), entry.category, entry.unit, entry)
    form = EntryForm(authors_required=entry.category.entrant_kind.is_person)
    if form.validate_on_submit():
        return _update(form, entry)
    form.pad_authors()
    return _form_page(form, entry.category, entry.unit, entry, status=400)


def _update(form: EntryForm, entry: Entry) -> Page:
    version = submitted_version(form)
    if version != entry.version and service.same_content(entry, form.content()):
        flash(_("Saved."), "success")  # a repeated click: the first one saved exactly this
        return redirect(url_for("entries.show", entry_id=entry.id))
    try:
        service.update_entry(db.session, entry, form.content(), version=version, now=utcnow())
    except service.EntryError as error:
        db.session.rollback()
        if error.code == "closed":
            return refused(entry_message(error, entry.category.first_round), entry)
        if error.code == "stale":
            form.version.data = str(entry.version)  # saving again now overwrites, knowingly
        form.pad_authors()
        problem = entry_message(error, entry.category.first_round)
        return _form_page(
            form, entry.category, entry.unit, entry, problem=problem, stale=error.code == "stale"
        )
    problem = _submit_if_asked(entry)
    db.session.commit()
    _flash_saved(entry, problem)
    return redirect(url_for("entries.show", entry_id=entry.id))


def _bare_action(entry_id: int, action: str) -> Page:
    entry = _editable_entry_or_404(entry_id)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    act = service.submit_entry if action == "submit" else service.withdraw_entry
    try:
        changed = act(db.session, entry, version=submitted_version(form), now=utcnow())
    except service.EntryError as error:
        db.session.rollback()
        message = entry_message(error, entry.category.first_round)
        if error.code == "incomplete":
            flash(message, "error")
            return redirect(url_for("entries.show", entry_id=entry.id))
        return refused(message, entry)
    db.session.commit()
    if changed:
        done = _("The entry was submitted.") if action == "submit" else _("The entry was withdrawn.")
        flash(done, "success")
    return redirect(url_for("entries.show", entry_id=entry.id))


@bp.post("/<int:entry_id>/submit")
def submit(entry_id: int) -> Page:
    return _bare_action(entry_id, "submit")


@bp.post("/<int:entry_id>/withdraw")
def withdraw(entry_id: int) -> Page:
    return _bare_action(entry_id, "withdraw")
