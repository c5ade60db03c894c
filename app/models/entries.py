"""Entries (ผลงาน) submitted by units and officers, their named authors and their attached files."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, UTCDateTime, str_enum, utcnow
from app.models.contests import Category, Pool
from app.models.geography import Unit
from app.models.users import User


class EntryState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"


def entrant_key(unit_id: int, person_id: int | None) -> str:
    """Who the one-entry-per-category rule counts: the unit, or the person for a person category."""
    return f"person:{person_id}" if person_id is not None else f"unit:{unit_id}"


class Entry(Timestamped, Base):
    """One unit's (or one officer's) entry in a category, in the pool of its province or region.

    ``entrant_key`` makes "one entry per unit (or person) per category" a database constraint; a withdrawn
    entry keeps its row and may be submitted again before the deadline. ``version`` grows with every
    change, so a stale form (another tab, a double click) is recognised and refused.
    """

    __tablename__ = "entry"
    __table_args__ = (
        sa.UniqueConstraint("category_id", "entrant_key"),
        sa.CheckConstraint("(state = 'submitted') = (submitted_at IS NOT NULL)", name="submitted_has_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("category.id", ondelete="CASCADE"), index=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("pool.id"), index=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    entrant_key: Mapped[str] = mapped_column(sa.String(40))
    state: Mapped[EntryState] = mapped_column(str_enum(EntryState), default=EntryState.DRAFT)
    title: Mapped[str] = mapped_column(sa.String(300))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    body_html: Mapped[str] = mapped_column(sa.Text, default="")
    video_url: Mapped[str] = mapped_column(sa.String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=1)

    category: Mapped[Category] = relationship()
    pool: Mapped[Pool] = relationship()
    unit: Mapped[Unit] = relationship()
    person: Mapped[User | None] = relationship(foreign_keys=[person_id])
    authors: Mapped[list[EntryAuthor]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="EntryAuthor.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class EntryAuthor(Base):
    """A named author (เจ้าของเรื่อง) of an entry, with their position."""

    __tablename__ = "entry_author"
    __table_args__ = (sa.UniqueConstraint("entry_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    full_name: Mapped[str] = mapped_column(sa.String(200))
    job_title: Mapped[str] = mapped_column(sa.String(200), default="")

    entry: Mapped[Entry] = relationship(back_populates="authors")


class Attachment(Timestamped, Base):
    """A file attached to an entry, kept outside the static folder under a random ``stored_name``.

    ``kind`` is what the content turned out to be (pdf, docx, pptx, xlsx, jpg, png), never the name's claim.
    """

    __tablename__ = "attachment"
    __table_args__ = (sa.CheckConstraint("size_bytes > 0", name="not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("entry.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(sa.String(255))
    stored_name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(8))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    entry: Mapped[Entry] = relationship(back_populates="attachments")
