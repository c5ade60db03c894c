"""Administration of accounts: list, create, edit roles, deactivate, import from CSV."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from app.admin import choices
from app.admin.forms import ImportUsersForm, UserForm
from app.extensions import db
from app.forms import EmptyForm
from app.models import RoleAssignment, User
from app.models.collation import thai_order
from app.permissions import can_administer_users, require
from app.services import accounts
from app.services.user_import import COLUMNS, import_users

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def only_administrators() -> None:
    require(can_administer_users(current_user))


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/users")
def users() -> str:
    search = request.args.get("q", "").strip()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    query = sa.select(User).options(
        selectinload(User.unit),
        selectinload(User.roles).selectinload(RoleAssignment.province),
        selectinload(User.roles).selectinload(RoleAssignment.region),
        selectinload(User.roles).selectinload(RoleAssignment.unit),
    )
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(User.username).like(pattern),
                sa.func.lower(User.full_name).like(pattern),
                sa.func.lower(User.email).like(pattern),
            )
        )
    pagination = db.paginate(
        query.order_by(thai_order(User.full_name), User.id),
        page=page,
        per_page=current_app.config["USERS_PER_PAGE"],
        error_out=False,
    )
    return render_template("admin/users.html", pagination=pagination, search=search, action_form=EmptyForm())


def _populated_form(user: User | None) -> UserForm:
    form = UserForm(obj=user) if request.method == "GET" and user else UserForm()
    form.unit_id.choices = choices.unit_choices()
    form.organizer_scope.choices = choices.organizer_scope_choices()
    if request.method == "GET" and user is not None:
        choices.fill_role_fields(form, user)
    return form


def _save(form: UserForm, user: User | None) -> User | None:
    """Validate what the form cannot (uniqueness, unit roles) and write; None when refused."""
    except_id = user.id if user else None
    if accounts.username_taken(db.session, form.username.data or "", except_id):
        form.username.errors = [_("This user name is already taken.")]
    if form.email.data and accounts.email_taken(db.session, form.email.data, except_id):
        form.email.errors = [_("This e-mail address is already used.")]
    roles, role_error = choices.role_specs(form)
    if role_error:
        form.unit_id.errors = [role_error]
    if user is not None and user.id == current_user.id and not form.is_admin.data:
        form.is_admin.errors = [_("You cannot remove your own administrator role.")]
    if form.username.errors or form.email.errors or form.unit_id.errors or form.is_admin.errors:
        return None
    unit_id = form.unit_id.data or None
    if user is None:
        return accounts.create_user(
            db.session,
            username=form.username.data or "",
            full_name=form.full_name.data or "",
            email=form.email.data,
            password=form.password.data or None,
            roles=roles,
            unit_id=unit_id,
            position=form.position.data or "",
        )
    user.username = accounts.normalise_username(form.username.data or "")
    user.full_name = (form.full_name.data or "").strip()
    user.position = (form.position.data or "").strip()
    user.email = (form.email.data or "").strip().lower() or None
    user.unit_id = unit_id
    if form.password.data:
        accounts.set_password(user, form.password.data)
    accounts.replace_roles(user, roles)
    return user


@bp.route("/users/new", methods=["GET", "POST"])
def new_user() -> str | Response | tuple[str, int]:
    form = _populated_form(None)
    if form.validate_on_submit() and (user := _save(form, None)) is not None:
        db.session.commit()
        flash(_("Account %(name)s created.", name=user.username), "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/user_form.html", form=form, user=None), 422 if form.errors else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int) -> str | Response | tuple[str, int]:
    user = _user_or_404(user_id)
    form = _populated_form(user)
    if form.validate_on_submit() and _save(form, user) is not None:
        db.session.commit()
        flash(_("Account %(name)s saved.", name=user.username), "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    db.session.rollback()
    return render_template("admin/user_form.html", form=form, user=user, action_form=EmptyForm()), (
        422 if form.errors else 200
    )


@bp.post("/users/<int:user_id>/deactivate")
def deactivate(user_id: int) -> Response:
    user = _user_or_404(user_id)
    if EmptyForm().validate_on_submit():
        if user.id == current_user.id:
            flash(_("You cannot deactivate your own account."), "error")
        else:
            accounts.deactivate(user)
            db.session.commit()
            flash(_("Account %(name)s deactivated.", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.post("/users/<int:user_id>/activate")
def activate(user_id: int) -> Response:
    user = _user_or_404(user_id)
    if EmptyForm().validate_on_submit():
        accounts.reactivate(user)
        db.session.commit()
        flash(_("Account %(name)s reactivated.", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/import", methods=["GET", "POST"])
def import_csv() -> str | Response | tuple[str, int]:
    form = ImportUsersForm()
    errors: list[tuple[int, str]] = []
    if form.validate_on_submit():
        report = import_users(db.session, form.file.data.read())
        if report.ok:
            db.session.commit()
            flash(_("%(n)d accounts imported.", n=len(report.created)), "success")
            return redirect(url_for("admin.users"))
        db.session.rollback()
        errors = report.errors
    status = 422 if errors or form.errors else 200
    return render_template("admin/import.html", form=form, errors=errors, columns=COLUMNS), status
