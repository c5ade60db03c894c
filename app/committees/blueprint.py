"""The committees blueprint and who may enter it: organizers, except the invitation link (anyone holding
it) and the chair's sign-off (the pool's chair, who is a judge and need not be an organizer)."""

from __future__ import annotations

from flask import Blueprint, current_app, request, url_for
from flask_login import current_user
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from app.permissions import is_organizer, require

bp = Blueprint("committees", __name__, url_prefix="/organize/committees")

PUBLIC_ENDPOINTS = frozenset({"committees.accept_invitation"})
CHAIR_ENDPOINTS = frozenset({"committees.signoff_page", "committees.signoff"})


@bp.before_request
def only_organizers() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined,no-any-return]
    if request.endpoint not in CHAIR_ENDPOINTS:
        require(is_organizer(current_user))
    return None


def judge_home(external: bool = False) -> str:
    """The judges' home page (``/judge/``), by name once the scoring pages provide it."""
    try:
        return url_for("scoring.home", _external=external)
    except BuildError:
        return url_for("public.home", _external=external).rstrip("/") + JUDGE_HOME


JUDGE_HOME = "/judge/"
