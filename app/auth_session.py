"""Flask-Login wiring: how a session cookie becomes a user."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import RoleAssignment, User


def load_user(session_id: str) -> User | None:
    """The active user whose id and session token match; a changed token signs old sessions out."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.scalar(
        sa.select(User)
        .where(User.id == int(user_id))
        .options(selectinload(User.roles).selectinload(RoleAssignment.province))
    )
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def configure(login_manager: LoginManager) -> None:
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
