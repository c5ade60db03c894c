"""Who hears of a change: the entrants of an entry and the organizers of a pool (for mail and in-app
notices alike)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Entry, Pool, Role, RoleAssignment, User


def entrants(session: Session, entry: Entry) -> list[User]:
    """Who entered: the officer for a story, else the active coordinators of the entry's unit."""
    if entry.person is not None:
        return [entry.person] if entry.person.active else []
    return list(
        session.scalars(
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


def organizers_of(session: Session, pool: Pool) -> list[User]:
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
        session.scalars(
            sa.select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(RoleAssignment.role == Role.ORGANIZER, scope, User.active.is_(True))
            .order_by(User.id)
        ).unique()
    )
