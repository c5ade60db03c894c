"""Results: a pool's standings approved by the chair and published, frozen, in numbered versions; the
committee's decisions on ties; and the entries that advanced from a pool to the next level."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, str_enum, utcnow
from app.models.contests import Pool
from app.models.entries import Entry
from app.models.users import User


class ResultState(enum.StrEnum):
    APPROVED = "approved"  # the chair approved it; organizers and the committee see it
    PUBLISHED = "published"  # public and frozen
    SUPERSEDED = "superseded"  # a published version replaced by a correction; organizers still read it


class PoolResult(Base):
    """One version of a pool's result. ``standings`` is the snapshot the public pages, certificates and
    exports read: ranks, places, totals and names as they were when the chair approved it."""

    __tablename__ = "pool_result"
    __table_args__ = (sa.UniqueConstraint("pool_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    state: Mapped[ResultState] = mapped_column(str_enum(ResultState), default=ResultState.APPROVED)
    standings: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    note: Mapped[str] = mapped_column(sa.Text, default="")  # what a correction changed and why
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    pool: Mapped[Pool] = relationship()
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def rows(self) -> list[dict[str, Any]]:
        return list(self.standings.get("rows", []))


class TieDecision(Base):
    """The committee's order for entries the tie-break chain could not separate, with its reason."""

    __tablename__ = "tie_decision"
    __table_args__ = (sa.UniqueConstraint("pool_id", "tie_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), index=True)
    tie_key: Mapped[str] = mapped_column(sa.String(500))  # the tied entry ids, sorted, comma-separated
    order: Mapped[list[int]] = mapped_column(sa.JSON)  # entry ids, best first
    reason: Mapped[str] = mapped_column(sa.Text)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    decided_by: Mapped[User | None] = relationship()


class Advancement(Base):
    """An entry moved from a pool to the next level's pool on the strength of a result."""

    __tablename__ = "entry_advancement"
    __table_args__ = (sa.UniqueConstraint("entry_id", "from_pool_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    from_pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), index=True)
    to_pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), index=True)
    result_id: Mapped[int | None] = mapped_column(sa.ForeignKey("pool_result.id", ondelete="SET NULL"))
    rank: Mapped[int]
    advanced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    entry: Mapped[Entry] = relationship()
    from_pool: Mapped[Pool] = relationship(foreign_keys=[from_pool_id])
    to_pool: Mapped[Pool] = relationship(foreign_keys=[to_pool_id])
