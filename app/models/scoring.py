"""Committees, assignments, recusals, scoresheets with their scores, and every change to a sheet."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, UTCDateTime, str_enum, utcnow
from app.models.contests import Pool
from app.models.entries import Entry
from app.models.users import User
from judging import SheetState


class CommitteeRole(enum.StrEnum):
    CHAIR = "chair"
    MEMBER = "member"
    SECRETARY = "secretary"

    @property
    def scores(self) -> bool:
        return self is not CommitteeRole.SECRETARY


class CommitteeMember(Timestamped, Base):
    """A person on a pool's committee: the chair (ประธาน) and members (กรรมการ) score; the secretary
    (เลขานุการ) organises and does not."""

    __tablename__ = "committee_member"
    __table_args__ = (sa.UniqueConstraint("pool_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[CommitteeRole] = mapped_column(str_enum(CommitteeRole))

    pool: Mapped[Pool] = relationship()
    user: Mapped[User] = relationship()


class Assignment(Timestamped, Base):
    """A judge is to score an entry in a pool. Never made for a pair in conflict."""

    __tablename__ = "assignment"
    __table_args__ = (sa.UniqueConstraint("pool_id", "entry_id", "judge_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    judge_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    recused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recusal_reason: Mapped[str] = mapped_column(sa.Text, default="")

    entry: Mapped[Entry] = relationship()
    judge: Mapped[User] = relationship()


class Scoresheet(Base):
    """One judge's scores for one entry in one pool. ``version`` grows with every save; a save that
    names an older version is refused, so the newer scores survive."""

    __tablename__ = "scoresheet"
    __table_args__ = (
        sa.UniqueConstraint("pool_id", "entry_id", "judge_id"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    judge_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    state: Mapped[SheetState] = mapped_column(str_enum(SheetState), default=SheetState.DRAFT)
    version: Mapped[int] = mapped_column(default=1)
    reopened: Mapped[bool] = mapped_column(default=False)
    overall_comment: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    pool: Mapped[Pool] = relationship()
    entry: Mapped[Entry] = relationship()
    judge: Mapped[User] = relationship()
    scores: Mapped[list[Score]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", order_by="Score.id"
    )
    events: Mapped[list[SheetEvent]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", order_by="SheetEvent.id"
    )


class Score(Base):
    __tablename__ = "score"
    __table_args__ = (
        sa.UniqueConstraint("sheet_id", "criterion_key"),
        sa.CheckConstraint("value IS NULL OR value >= 0", name="not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(sa.ForeignKey("scoresheet.id", ondelete="CASCADE"), index=True)
    criterion_key: Mapped[str] = mapped_column(sa.String(40))
    value: Mapped[Decimal | None] = mapped_column(sa.Numeric(8, 2))
    comment: Mapped[str] = mapped_column(sa.Text, default="")

    sheet: Mapped[Scoresheet] = relationship(back_populates="scores")


class SheetEvent(Base):
    """Every change to a sheet: who, when, what (save, submit, reopen, sign), old and new values."""

    __tablename__ = "sheet_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(sa.ForeignKey("scoresheet.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(sa.String(20))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    old: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    new: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    sheet: Mapped[Scoresheet] = relationship(back_populates="events")
    user: Mapped[User | None] = relationship()


class PoolSignoff(Base):
    """The chair's confirmation that a pool's judging is complete; after it, the pool's sheets are final."""

    __tablename__ = "pool_signoff"

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id", ondelete="CASCADE"), unique=True)
    signed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Invitation(Timestamped, Base):
    """A one-time link for a new judge to set a password. Only the token's SHA-256 is stored."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
