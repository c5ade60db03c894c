"""Who reaches a pool's private results: its organizers and its committee. Anyone else gets 404, so an
unpublished result is not even revealed to exist (a judge of another pool, a unit's coordinator)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_login import current_user

from app.extensions import db
from app.models import Pool
from app.permissions import can_organize_pool
from app.services import results


@dataclass(frozen=True)
class Access:
    pool: Pool
    organizer: bool  # organizes the pool: publishes, corrects, reads every version
    member: bool  # sits on the pool's committee (chair included)
    chair: bool  # approves

    @property
    def decides_ties(self) -> bool:
        """The committee's order for a tie is recorded by its chair or an organizer."""
        return self.chair or self.organizer


def access_or_404(pool_id: int) -> Access:
    pool = db.session.get(Pool, pool_id)
    if pool is None:
        abort(404)
    organizer = can_organize_pool(current_user, pool)
    chair = results.is_chair(db.session, pool, current_user)
    member = chair or results.is_committee_member(db.session, pool, current_user)
    if not (organizer or member):
        abort(404)
    return Access(pool, organizer, member, chair)
