"""Who hears of a change: the entrants of an entry and the organizers of a pool (for mail and in-app
notices alike)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.models import Entry, Pool, Role, RoleAssignment, User


def _active_with_role(session: Session, role: Role, *conditions: Any) -> list[User]:
    """Active users holding ``role`` in an assignment that meets ``conditions``, each once, by id."""
    return list(
        session.scalars(
            sa.select(User)
            .join(RoleAssignment, RoleAssignment.user_id == User.id)
            .where(RoleAssignment.role == role, User.active.is_(True), *conditions)
            .order_by(User.id)
        ).unique()
    )


NATIONAL = sa.and_(RoleAssignment.region_id.is_(None), RoleAssignment.province_id.is_(None))


def entrants(session: Session, entry: Entry) -> list[User]:
    """Who entered: the officer for a story, else the active coordinators of the entry's unit."""
    if entry.person is not None:
        return [entry.person] if entry.person.active else []
    return _active_with_role(session, Role.COORDINATOR, RoleAssignment.unit_id == entry.unit_id)


def organizers_of(session: Session, pool: Pool) -> list[User]:
    """The active organizers covering a pool: national ones, the region's, and for a province pool the
    province's own."""
    scope = NATIONAL
    if pool.province is not None:
        scope = sa.or_(
            scope,
            RoleAssignment.province_id == pool.province_id,
            RoleAssignment.region_id == pool.province.region_id,
        )
    elif pool.region_id is not None:
        scope = sa.or_(scope, RoleAssignment.region_id == pool.region_id)
    return _active_with_role(session, Role.ORGANIZER, scope)


def organizers(session: Session, *, national_only: bool = False) -> list[User]:
    """Every active organizer, or only those for the whole country."""
    return _active_with_role(session, Role.ORGANIZER, *([NATIONAL] if national_only else []))
