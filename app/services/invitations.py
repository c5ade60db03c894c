"""Inviting a new judge: an account without a password, a place on the committee, and a one-time link.

The link carries a random token; only its SHA-256 is stored, so a copy of the database opens no account.
A link works once, for seven days. Services flush; the request commits and then sends the e-mail.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import CommitteeRole, Invitation, Pool, Role, User
from app.services import accounts, committees
from app.services.accounts import RoleSpec

VALID_FOR = timedelta(days=7)
USERNAME_MAX = 64


class InvitationError(Exception):
    """``email_taken`` when inviting; ``unknown``, ``used`` or ``expired`` when accepting."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class NewJudge:
    full_name: str
    email: str
    position: str = ""
    unit_id: int | None = None
    role: CommitteeRole = CommitteeRole.MEMBER


@dataclass(frozen=True)
class Invited:
    user: User
    invitation: Invitation
    token: str  # shown or sent once; never stored


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def username_for(session: Session, email: str) -> str:
    """A free user name from the e-mail's local part: ``somchai.k``, then ``somchai.k2``, ..."""
    base = re.sub(r"[^a-z0-9._-]", "", email.partition("@")[0].lower())[: USERNAME_MAX - 4] or "judge"
    taken = set(session.scalars(sa.select(User.username).where(User.username.like(f"{base}%"))))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def invite_judge(session: Session, pool: Pool, judge: NewJudge, *, now: datetime) -> Invited:
    """Create the judge's account (no password), put them on the committee and make their link."""
    if accounts.email_taken(session, judge.email):
        raise InvitationError("email_taken")
    user = accounts.create_user(
        session,
        username=username_for(session, judge.email),
        full_name=judge.full_name,
        email=judge.email,
        password=None,
        roles=[RoleSpec(Role.JUDGE)],
        unit_id=judge.unit_id,
        position=judge.position,
    )
    committees.add_member(session, pool, user, judge.role)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(user_id=user.id, token_hash=token_hash(token), expires_at=now + VALID_FOR)
    session.add(invitation)
    session.flush()
    return Invited(user, invitation, token)


def invitation_for(session: Session, token: str, now: datetime) -> Invitation:
    """The invitation this token opens, if it is still good."""
    invitation = session.scalar(sa.select(Invitation).where(Invitation.token_hash == token_hash(token)))
    if invitation is None:
        raise InvitationError("unknown")
    if invitation.used_at is not None or not invitation.user.active:
        raise InvitationError("used")
    if invitation.expires_at <= now:
        raise InvitationError("expired")
    return invitation


def accept(session: Session, invitation: Invitation, password: str, now: datetime) -> User:
    """Set the judge's password and spend the link."""
    accounts.set_password(invitation.user, password)
    invitation.used_at = now
    session.flush()
    return invitation.user
