"""Signing in and out."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from app.auth.forms import LoginForm
from app.extensions import db, limiter
from app.forms import EmptyForm
from app.i18n import thai_datetime
from app.public.routes import safe_next
from app.services.accounts import SignInRefusal, authenticate

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("public.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        result = authenticate(db.session, form.username.data or "", form.password.data or "")
        db.session.commit()
        if result.user is not None:
            session.clear()
            login_user(result.user)
            if result.user.locale:
                session["lang"] = result.user.locale
            flash(_("Signed in as %(name)s.", name=result.user.full_name), "success")
            return redirect(safe_next(form.next.data, url_for("public.home")))
        form.password.errors = [_refusal_message(result.refusal, result.locked_until)]
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


def _refusal_message(refusal: SignInRefusal | None, locked_until: object) -> str:
    if refusal == SignInRefusal.LOCKED:
        return _(
            "Too many failed attempts. Signing in with this user name is locked until %(time)s.",
            time=thai_datetime(locked_until),
        )  # type: ignore[arg-type]
    if refusal == SignInRefusal.DEACTIVATED:
        return _("This account has been deactivated. Please contact the administrator.")
    return _("The user name or password is incorrect.")


@bp.post("/logout")
@login_required
def logout() -> Response:
    form = EmptyForm()
    if form.validate_on_submit():
        lang = session.get("lang")
        logout_user()
        session.clear()
        if lang:
            session["lang"] = lang
        flash(_("You have signed out."), "info")
    return redirect(url_for("public.home"))
