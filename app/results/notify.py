"""News of an advancement, by e-mail: the entrant (the unit's coordinators, or the officer for a story) and
the organizers of the next level's pool. Best-effort: without a mail server nothing is sent and nothing
fails; the results page has already said what moved."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from app import mail
from app.extensions import db
from app.models import Advancement, Entry, Pool, Role, RoleAssignment, User

log = logging.getLogger(__name__)


def entrants(entry: Entry) -> list[User]:
    """Who entered: the officer for a story, else the active coordinators of the entry's unit."""
    if entry.person is not None:
        return [entry.person] if entry.person.active else []
    return list(
        db.session.scalars(
            sa.select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(
                RoleAssignment.role == Role.COORDINATOR,
                RoleAssignment.unit_id == entry.unit_id,
                User.active.is_(True),
            )
            .order_by(User.id)
        ).unique()
    )


def organizers_of(pool: Pool) -> list[User]:
    """The active organizers covering a pool: national ones, the region's, and for a province pool the
    province's own."""
    scope = sa.and_(RoleAssignment.region_id.is_(None), RoleAssignment.province_id.is_(None))
    if pool.province is not None:
        scope = sa.or_(
            scope,
            RoleAssignment.province_id == pool.province_id,
            RoleAssignment.region_id == pool.province.region_id,
        )
    elif pool.region_id is not None:
        scope = sa.or_(scope, RoleAssignment.region_id == pool.region_id)
    return list(
        db.session.scalars(
            sa.select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(RoleAssignment.role == Role.ORGANIZER, scope, User.active.is_(True))
            .order_by(User.id)
        ).unique()
    )


def advancements(moved: list[Advancement]) -> int:
    """Tell each entrant and the next pool's organizers; the number of messages sent."""
    if not moved or not mail.configured():
        return 0
    sent = 0
    for advancement in moved:
        entry = advancement.entry
        told: set[int] = set()
        entry_link = url_for("entries.show", entry_id=entry.id, _external=True)
        pool_link = url_for("oversight.pool", pool_id=advancement.to_pool_id, _external=True)
        audiences = ((entrants(entry), entry_link), (organizers_of(advancement.to_pool), pool_link))
        for users, link in audiences:
            for user in users:
                if user.id in told:
                    continue
                told.add(user.id)
                sent += _send(user, advancement, link)
    return sent


def _send(user: User, advancement: Advancement, link: str) -> bool:
    contest, title = advancement.to_pool.round.category.contest.name, advancement.entry.title
    subject = _l("%(title)s advances to the next level, %(contest)s", title=title, contest=contest)
    try:
        return mail.send_to(
            user,
            "result_advanced",
            subject,
            entry=advancement.entry,
            from_pool=advancement.from_pool,
            to_pool=advancement.to_pool,
            round=advancement.to_pool.round,
            link=link,
        )
    except Exception:  # best-effort: a template or server surprise must not undo an approval
        log.exception("advancement mail to user %s not sent", user.id)
        return False
