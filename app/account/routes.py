"""The signed-in user's own account: profile and password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from werkzeug.wrappers import Response

from app.account.forms import ChangePasswordForm
from app.extensions import db
from app.passwords import verify_password
from app.services.accounts import set_password

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("/")
@login_required
def profile() -> str:
    return render_template("account/profile.html", user=current_user)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response | tuple[str, int]:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data or ""):
            form.current_password.errors = [_("The current password is incorrect.")]
            return render_template("account/password.html", form=form), 422
        user = current_user._get_current_object()
        set_password(user, form.new_password.data or "")
        db.session.commit()
        login_user(user)  # the session token changed: keep this session, end all others
        flash(_("Your password has been changed. Other sessions have been signed out."), "success")
        return redirect(url_for("account.profile"))
    status = 422 if form.errors else 200
    return render_template("account/password.html", form=form), status
