"""Signing in, passwords and accounts. Services flush; the request that calls them commits."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import LoginThrottle, Role, RoleAssignment, User
from app.models.base import utcnow
from app.models.users import new_session_token
from app.passwords import hash_password, needs_rehash, verify_password


class SignInRefusal(enum.Enum):
    BAD_CREDENTIALS = "bad_credentials"
    LOCKED = "locked"
    DEACTIVATED = "deactivated"


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    refusal: SignInRefusal | None = None
    locked_until: datetime | None = None


def normalise_username(username: str) -> str:
    return username.strip().lower()


def _throttle(session: Session, username: str) -> LoginThrottle:
    """The name's throttle row, locked for this transaction so that racing sign-ins count every failure.

    Two first sign-ins of one name at once both find no row; the one whose insert loses reads the winner's.
    """
    throttle = session.get(LoginThrottle, username, with_for_update=True)
    if throttle is not None:
        return throttle
    try:
        with session.begin_nested():
            throttle = LoginThrottle(username=username, failures=0)
            session.add(throttle)
    except IntegrityError:
        throttle = session.get(LoginThrottle, username, with_for_update=True, populate_existing=True)
        assert throttle is not None
    return throttle


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> SignInResult:
    """Check a sign-in. Failures count per user name, whether or not the account exists.

    After ``LOGIN_MAX_FAILURES`` wrong passwords the name is locked for ``LOGIN_LOCK_MINUTES``; while locked
    even the right password is refused. A wrong password never says whether the account exists. A deactivated
    account is named as such only after the right password.
    """
    now = now or utcnow()
    key = normalise_username(username)
    throttle = _throttle(session, key)
    if throttle.locked_until is not None and throttle.locked_until > now:
        return SignInResult(None, SignInRefusal.LOCKED, throttle.locked_until)
    user = session.scalar(sa.select(User).where(User.username == key))
    if user is None or not verify_password(user.password_hash if user else None, password):
        return _record_failure(throttle, now)
    throttle.failures, throttle.locked_until = 0, None
    if not user.active:
        return SignInResult(None, SignInRefusal.DEACTIVATED)
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    return SignInResult(user)


def _record_failure(throttle: LoginThrottle, now: datetime) -> SignInResult:
    throttle.failures += 1
    if throttle.failures >= current_app.config["LOGIN_MAX_FAILURES"]:
        throttle.failures = 0
        throttle.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
        return SignInResult(None, SignInRefusal.LOCKED, throttle.locked_until)
    return SignInResult(None, SignInRefusal.BAD_CREDENTIALS)


def set_password(user: User, password: str) -> None:
    """Set a new password and sign the account out of every other session."""
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()


def deactivate(user: User) -> None:
    user.active = False
    user.session_token = new_session_token()


def reactivate(user: User) -> None:
    user.active = True


@dataclass(frozen=True)
class RoleSpec:
    """A role and its scope, as a form or a CSV row gives it."""

    role: Role
    region_id: int | None = None
    province_id: int | None = None
    unit_id: int | None = None


def replace_roles(user: User, specs: list[RoleSpec]) -> None:
    """Make the user's roles exactly ``specs`` (duplicates collapse to one)."""
    wanted = list(dict.fromkeys(specs))
    current = {RoleSpec(a.role, a.region_id, a.province_id, a.unit_id): a for a in user.roles}
    user.roles = [
        current.get(spec)
        or RoleAssignment(
            role=spec.role,
            region_id=spec.region_id,
            province_id=spec.province_id,
            unit_id=spec.unit_id,
        )
        for spec in wanted
    ]


def username_taken(session: Session, username: str, except_id: int | None = None) -> bool:
    query = sa.select(User.id).where(User.username == normalise_username(username))
    if except_id is not None:
        query = query.where(User.id != except_id)
    return session.scalar(query) is not None


def email_taken(session: Session, email: str, except_id: int | None = None) -> bool:
    query = sa.select(User.id).where(sa.func.lower(User.email) == email.strip().lower())
    if except_id is not None:
        query = query.where(User.id != except_id)
    return session.scalar(query) is not None


def create_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    email: str | None,
    password: str | None,
    roles: list[RoleSpec],
    unit_id: int | None = None,
    position: str = "",
) -> User:
    """A new active account; with no password it cannot sign in until one is set."""
    user = User(
        username=normalise_username(username),
        full_name=full_name.strip(),
        email=(email.strip().lower() or None) if email else None,
        password_hash=hash_password(password) if password else None,
        unit_id=unit_id,
        position=position.strip(),
    )
    replace_roles(user, roles)
    session.add(user)
    session.flush()
    return user
